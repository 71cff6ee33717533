// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "ns.h"

#include "alloc.h"
#include "buffer.h"
#include "chars.h"
#include "graph.h"
#include "hash.h"
#include "intern.h"
#include "log.h"

#include <kgraph/graph.h>
#include <kgraph/text.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/// Vocabularies people expect under their usual prefixes.
static const struct {
  const char* prefix;
  const char* iri;
} well_known[] = {
  {"rdf", KG_RDF_NS},
  {"rdfs", KG_RDFS_NS},
  {"xsd", KG_XSD_NS},
  {"owl", KG_OWL_NS},
  {"schema", "http://schema.org/"},
  {"foaf", "http://xmlns.com/foaf/0.1/"},
  {"prov", "http://www.w3.org/ns/prov#"},
  {"skos", "http://www.w3.org/2004/02/skos/core#"},
  {"dcterms", "http://purl.org/dc/terms/"},
  {"org", "http://www.w3.org/ns/org#"},
  {"time", "http://www.w3.org/2006/time#"},
};

/// Return true iff the prefix name or the IRI of `ns` is taken already.
static bool
is_taken(const KgNamespaces* const namespaces, const KgNamespace* const ns)
{
  return kg_terms_find(&namespaces->names, KG_TERM_BLANK, ns->prefix, 0U, 0U) ||
         kg_terms_find(&namespaces->names, KG_TERM_IRI, ns->iri, 0U, 0U);
}

/// Add `ns`, whose prefix name and IRI are free.
static KgStatus
add_namespace(KgNamespaces* const namespaces, const KgNamespace* const ns)
{
  // Both names are new, so each namespace adds two terms: 2n + 1 ids
  const KgTermId prefix = kg_terms_intern(
    &namespaces->names, KG_TERM_BLANK, ns->prefix, 0U, 0U, NULL);
  const KgTermId iri =
    prefix
      ? kg_terms_intern(&namespaces->names, KG_TERM_IRI, ns->iri, 0U, 0U, NULL)
      : KG_NO_TERM;
  if (!iri) {
    return KG_BAD_ALLOC;
  }

  namespaces->index[iri]          = (uint32_t)namespaces->n;
  namespaces->ns[namespaces->n++] = *ns;
  return KG_SUCCESS;
}

/// Add the prefixes of `graph` that pass `check` and clash with nothing.
static KgStatus
add_prefixes(KgNamespaces* const  namespaces,
             const KgGraph* const graph,
             const KgLocalCheck   check,
             const bool           known)
{
  const size_t n  = kg_graph_n_prefixes(graph);
  KgStatus     st = KG_SUCCESS;
  for (size_t i = 0U; i < n && !st; ++i) {
    KgNamespace ns = {{NULL, 0U}, {NULL, 0U}, false, known};
    kg_graph_prefix(graph, i, &ns.prefix, &ns.iri);
    if (ns.iri.len && check(ns.prefix) && !is_taken(namespaces, &ns)) {
      st = add_namespace(namespaces, &ns);
    }
  }
  return st;
}

static int
longest_first(const void* const a, const void* const b)
{
  const size_t x = *(const size_t*)a;
  const size_t y = *(const size_t*)b;
  return (x < y) - (x > y);
}

size_t
kg_lengths_distinct(size_t* const lens, const size_t n)
{
  qsort(lens, n, sizeof(size_t), longest_first);
  size_t n_distinct = 0U;
  for (size_t i = 0U; i < n; ++i) {
    if (!i || lens[i] != lens[i - 1U]) {
      lens[n_distinct++] = lens[i];
    }
  }
  return n_distinct;
}

/// Note the distinct lengths of the namespace IRIs, longest first.
static KgStatus
find_lengths(KgNamespaces* const namespaces)
{
  namespaces->lens =
    (size_t*)kg_reallocarray(NULL, namespaces->n + 1U, sizeof(size_t));
  if (!namespaces->lens) {
    return KG_BAD_ALLOC;
  }

  for (size_t i = 0U; i < namespaces->n; ++i) {
    namespaces->lens[i] = namespaces->ns[i].iri.len;
  }
  namespaces->n_lens = kg_lengths_distinct(namespaces->lens, namespaces->n);
  return KG_SUCCESS;
}

KgStatus
kg_namespaces_init(KgNamespaces* const  namespaces,
                   const KgGraph* const graph,
                   const KgGraph* const ontology,
                   const KgLocalCheck   prefix_check)
{
  const size_t n_known = sizeof(well_known) / sizeof(well_known[0]);
  const size_t n       = kg_graph_n_prefixes(graph) +
                   (ontology ? kg_graph_n_prefixes(ontology) : 0U) + n_known;

  memset(namespaces, 0, sizeof(*namespaces));
  if (n > (UINT32_MAX - 1U) / 2U) {
    return KG_BAD_ALLOC;
  }

  namespaces->ns    = (KgNamespace*)kg_calloc(n, sizeof(KgNamespace));
  namespaces->index = (uint32_t*)kg_calloc(2U * n + 1U, sizeof(uint32_t));
  KgStatus st       = (!namespaces->ns || !namespaces->index)
                        ? KG_BAD_ALLOC
                        : kg_terms_init(&namespaces->names, kg_hash_seed());

  // The input's prefixes, then the ontology's, then the well-known ones
  if (!st) {
    st = add_prefixes(namespaces, graph, prefix_check, false);
  }
  if (!st && ontology) {
    st = add_prefixes(namespaces, ontology, prefix_check, false);
  }

  for (size_t k = 0U; k < n_known && !st; ++k) {
    const KgNamespace ns = {
      kg_sv(well_known[k].prefix), kg_sv(well_known[k].iri), false, true};
    if (!is_taken(namespaces, &ns)) {
      st = add_namespace(namespaces, &ns);
    }
  }

  if (!st) {
    st = find_lengths(namespaces);
  }
  if (st) {
    kg_namespaces_fini(namespaces);
  }
  return st;
}

void
kg_namespaces_fini(KgNamespaces* const namespaces)
{
  kg_free(namespaces->ns);
  kg_free(namespaces->index);
  kg_free(namespaces->lens);
  kg_terms_fini(&namespaces->names);
  memset(namespaces, 0, sizeof(*namespaces));
}

long
kg_namespaces_split(const KgNamespaces* const namespaces,
                    const KgStringView        iri,
                    const KgLocalCheck        check,
                    KgStringView* const       local)
{
  // Namespace IRIs differ, so the longest that fits is the only one of its
  // length: look each length up, longest first
  for (size_t i = 0U; i < namespaces->n_lens; ++i) {
    const size_t len = namespaces->lens[i];
    if (len > iri.len) {
      continue;
    }

    const KgStringView head = {iri.data, len};
    const KgStringView rest = {iri.data + len, iri.len - len};
    const KgTermId     id =
      kg_terms_find(&namespaces->names, KG_TERM_IRI, head, 0U, 0U);
    if (id && check(rest)) {
      *local = rest;
      return (long)namespaces->index[id];
    }
  }
  return -1;
}

/*
  Turtle names (Turtle 1.1 section 6.5)
*/

static bool
is_pn_chars_base(const uint32_t c)
{
  return kg_is_name_letter(c);
}

static bool
is_pn_chars_u(const uint32_t c)
{
  return is_pn_chars_base(c) || c == '_';
}

static bool
is_pn_chars(const uint32_t c)
{
  // PN_CHARS has no '.': a dot may only sit inside a name
  return is_pn_chars_u(c) || (c != '.' && kg_is_name_continuation(c));
}

bool
kg_turtle_prefix_is_valid(const KgStringView name)
{
  // PN_PREFIX ::= PN_CHARS_BASE ((PN_CHARS | '.')* PN_CHARS)?
  // but without U+00B7, U+0300 to U+036F and U+203F to U+2040: valid, yet
  // serd 0.30 refuses them in a prefix name in object position, so a file
  // written with them would not load everywhere
  size_t   i    = 0U;
  uint32_t last = 0U;
  while (i < name.len) {
    const uint32_t c = kg_utf8_next(name, &i);
    if (last == 0U
          ? !is_pn_chars_base(c)
          : !(is_pn_chars_u(c) || c == '-' || c == '.' || kg_is_digit(c))) {
      return false;
    }
    last = c;
  }
  return last != '.';
}

bool
kg_turtle_local_is_valid(const KgStringView local)
{
  // PN_LOCAL without escapes:
  // (PN_CHARS_U | ':' | [0-9]) ((PN_CHARS | '.' | ':')* (PN_CHARS | ':'))?
  size_t   i     = 0U;
  uint32_t last  = 0U;
  bool     first = true;
  while (i < local.len) {
    const uint32_t c = kg_utf8_next(local, &i);
    if (first ? !(is_pn_chars_u(c) || c == ':' || kg_is_digit(c))
              : !(is_pn_chars(c) || c == '.' || c == ':')) {
      return false;
    }
    first = false;
    last  = c;
  }
  return last != '.';
}

/*
  Terms for people
*/

char*
kg_namespaces_term_string(const KgNamespaces* const namespaces,
                          const KgGraph* const      graph,
                          const KgTermId            id)
{
  KgBuffer           buf  = KG_BUFFER_INIT;
  KgStatus           st   = KG_SUCCESS;
  const KgStringView text = kg_term_text(graph, id);

  switch (kg_term_kind(graph, id)) {
  case KG_TERM_IRI: {
    KgStringView local = {NULL, 0U};
    const long   i =
      kg_namespaces_split(namespaces, text, kg_turtle_local_is_valid, &local);
    if (i >= 0) {
      const KgStringView prefix = namespaces->ns[i].prefix;
      st                        = kg_buffer_printf(&buf,
                            "%.*s:%.*s",
                            (int)prefix.len,
                            prefix.data,
                            (int)local.len,
                            local.data);
    } else {
      st = kg_buffer_printf(&buf, "<%.*s>", (int)text.len, text.data);
    }
    break;
  }

  case KG_TERM_BLANK:
    st = kg_buffer_printf(&buf, "_:%.*s", (int)text.len, text.data);
    break;

  case KG_TERM_LITERAL: {
    const KgStringView lang = kg_term_lang(graph, id);
    st                      = kg_buffer_append_char(&buf, '"');
    if (!st) {
      st = kg_buffer_append_quoted(&buf, text, SIZE_MAX);
    }
    if (!st) {
      st = kg_buffer_append_char(&buf, '"');
    }
    if (!st && lang.len) {
      st = kg_buffer_printf(&buf, "@%.*s", (int)lang.len, lang.data);
    } else if (!st && kg_term_datatype(graph, id) != graph->xsd_string) {
      char* const dt = kg_namespaces_term_string(
        namespaces, graph, kg_term_datatype(graph, id));
      st = dt ? kg_buffer_printf(&buf, "^^%s", dt) : KG_BAD_ALLOC;
      kg_free(dt);
    }
    break;
  }

  case KG_TERM_NONE:
    st = kg_buffer_append_str(&buf, "(none)");
    break;
  }

  if (st) {
    kg_buffer_fini(&buf);
    return NULL;
  }
  return kg_buffer_steal(&buf);
}

char*
kg_term_to_string(const KgGraph* const graph, const KgTermId id)
{
  KgNamespaces ns;
  if (kg_namespaces_init(&ns, graph, NULL, kg_turtle_prefix_is_valid)) {
    return NULL;
  }
  char* const text = kg_namespaces_term_string(&ns, graph, id);
  kg_namespaces_fini(&ns);
  return text;
}

/*
  Namespaces of IRIs
*/

bool
kg_namespace_is_well_known(const KgStringView iri)
{
  for (size_t k = 0U; k < sizeof(well_known) / sizeof(well_known[0]); ++k) {
    const size_t len = strlen(well_known[k].iri);
    if (iri.len >= len && !memcmp(iri.data, well_known[k].iri, len)) {
      return true;
    }
  }

  // schema.org is used with both schemes
  static const char https_schema[] = "https://schema.org/";
  return iri.len >= sizeof(https_schema) - 1U &&
         !memcmp(iri.data, https_schema, sizeof(https_schema) - 1U);
}

KgStringView
kg_iri_namespace(const KgStringView iri)
{
  size_t end = iri.len;
  while (end > 0U && iri.data[end - 1U] != '#' && iri.data[end - 1U] != '/') {
    --end;
  }
  const KgStringView ns = {iri.data, end};
  return ns;
}
