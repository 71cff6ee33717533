// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "ns.h"

#include "alloc.h"
#include "buffer.h"
#include "chars.h"
#include "graph.h"
#include "log.h"

#include <kgraph/graph.h>
#include <kgraph/text.h>

#include <stdint.h>
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

/// Add the prefixes of `graph` that pass `check` and clash with nothing.
static void
add_prefixes(KgNamespaces* const  namespaces,
             const KgGraph* const graph,
             const KgLocalCheck   check,
             const bool           known)
{
  const size_t n = kg_graph_n_prefixes(graph);
  for (size_t i = 0U; i < n; ++i) {
    KgNamespace ns = {{NULL, 0U}, {NULL, 0U}, false, known};
    kg_graph_prefix(graph, i, &ns.prefix, &ns.iri);
    if (!ns.iri.len || !check(ns.prefix)) {
      continue;
    }

    bool taken = false;
    for (size_t j = 0U; j < namespaces->n && !taken; ++j) {
      taken = kg_sv_equals(namespaces->ns[j].prefix, ns.prefix) ||
              kg_sv_equals(namespaces->ns[j].iri, ns.iri);
    }
    if (!taken) {
      namespaces->ns[namespaces->n++] = ns;
    }
  }
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

  namespaces->n  = 0U;
  namespaces->ns = (KgNamespace*)kg_calloc(n, sizeof(KgNamespace));
  if (!namespaces->ns) {
    return KG_BAD_ALLOC;
  }

  // The input's prefixes, then the ontology's, then the well-known ones
  add_prefixes(namespaces, graph, prefix_check, false);
  if (ontology) {
    add_prefixes(namespaces, ontology, prefix_check, false);
  }

  for (size_t k = 0U; k < n_known; ++k) {
    const KgStringView prefix = kg_sv(well_known[k].prefix);
    const KgStringView iri    = kg_sv(well_known[k].iri);
    bool               taken  = false;
    for (size_t i = 0U; i < namespaces->n && !taken; ++i) {
      taken = kg_sv_equals(namespaces->ns[i].prefix, prefix) ||
              kg_sv_equals(namespaces->ns[i].iri, iri);
    }

    if (!taken) {
      KgNamespace* const ns = &namespaces->ns[namespaces->n++];
      ns->prefix            = prefix;
      ns->iri               = iri;
      ns->known             = true;
    }
  }

  return KG_SUCCESS;
}

void
kg_namespaces_fini(KgNamespaces* const namespaces)
{
  kg_free(namespaces->ns);
  namespaces->ns = NULL;
  namespaces->n  = 0U;
}

long
kg_namespaces_split(const KgNamespaces* const namespaces,
                    const KgStringView        iri,
                    const KgLocalCheck        check,
                    KgStringView* const       local)
{
  long   best     = -1;
  size_t best_len = 0U;
  for (size_t i = 0U; i < namespaces->n; ++i) {
    const KgStringView ns = namespaces->ns[i].iri;
    if (ns.len <= iri.len && (best < 0 || ns.len > best_len) &&
        !memcmp(iri.data, ns.data, ns.len)) {
      const KgStringView rest = {iri.data + ns.len, iri.len - ns.len};
      if (check(rest)) {
        best     = (long)i;
        best_len = ns.len;
      }
    }
  }

  if (best >= 0) {
    local->data = iri.data + best_len;
    local->len  = iri.len - best_len;
  }
  return best;
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
kg_term_to_string(const KgGraph* const graph, const KgTermId id)
{
  KgBuffer           buf  = KG_BUFFER_INIT;
  KgStatus           st   = KG_SUCCESS;
  const KgStringView text = kg_term_text(graph, id);

  switch (kg_term_kind(graph, id)) {
  case KG_TERM_IRI: {
    KgNamespaces ns;
    if ((st =
           kg_namespaces_init(&ns, graph, NULL, kg_turtle_prefix_is_valid))) {
      return NULL;
    }

    KgStringView local = {NULL, 0U};
    const long   i =
      kg_namespaces_split(&ns, text, kg_turtle_local_is_valid, &local);
    if (i >= 0) {
      st = kg_buffer_printf(&buf,
                            "%.*s:%.*s",
                            (int)ns.ns[i].prefix.len,
                            ns.ns[i].prefix.data,
                            (int)local.len,
                            local.data);
    } else {
      st = kg_buffer_printf(&buf, "<%.*s>", (int)text.len, text.data);
    }
    kg_namespaces_fini(&ns);
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
      char* const dt = kg_term_to_string(graph, kg_term_datatype(graph, id));
      st             = dt ? kg_buffer_printf(&buf, "^^%s", dt) : KG_BAD_ALLOC;
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
