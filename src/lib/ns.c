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

#include <stdbool.h>
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

/*
  Hashing namespace IRIs.  Every prefix of an IRI is hashed in one pass
  (a polynomial hash modulo 2^61 - 1), so that the namespaces an IRI starts
  with are found by lookups, not by comparing it with each namespace.
*/

#define HASH_MOD ((UINT64_C(1) << 61U) - 1U)
#define HASH_BASE UINT64_C(0x1F3D5B79A2C4E6F)

/// Return a * b modulo 2^61 - 1, for a, b < 2^61.
static uint64_t
mul_mod(const uint64_t a, const uint64_t b)
{
  const uint64_t a_hi = a >> 32U;
  const uint64_t a_lo = a & 0xFFFFFFFFU;
  const uint64_t b_hi = b >> 32U;
  const uint64_t b_lo = b & 0xFFFFFFFFU;

  // a * b = hi * 2^64 + mid * 2^32 + lo, and 2^61 = 1 (mod 2^61 - 1)
  const uint64_t lo  = a_lo * b_lo;
  const uint64_t mid = a_hi * b_lo + a_lo * b_hi; // < 2^62
  const uint64_t hi  = a_hi * b_hi;               // < 2^58

  uint64_t r = (hi << 3U) + (mid >> 29U) + ((mid << 35U) >> 3U) + (lo >> 61U) +
               (lo & HASH_MOD);
  r = (r & HASH_MOD) + (r >> 61U);
  r = (r & HASH_MOD) + (r >> 61U);
  return r >= HASH_MOD ? r - HASH_MOD : r;
}

/// Return the hash of `h`'s text followed by byte `c`.
static inline uint64_t
hash_step(const uint64_t h, const char c)
{
  const uint64_t r = mul_mod(h, HASH_BASE) + 1U + (unsigned char)c;
  return r >= HASH_MOD ? r - HASH_MOD : r;
}

static uint64_t
hash_text(const KgStringView text)
{
  uint64_t h = 0U;
  for (size_t i = 0U; i < text.len; ++i) {
    h = hash_step(h, text.data[i]);
  }
  return h;
}

/// Return the index of the namespace with IRI `iri` of hash `h`, or -1.
static long
find_iri(const KgNamespaces* const namespaces,
         const KgStringView        iri,
         const uint64_t            h)
{
  for (size_t s = h & namespaces->mask; namespaces->slots[s];
       s        = (s + 1U) & namespaces->mask) {
    const size_t i = namespaces->slots[s] - 1U;
    if (namespaces->hashes[i] == h &&
        kg_sv_equals(namespaces->ns[i].iri, iri)) {
      return (long)i;
    }
  }
  return -1;
}

/// A set of prefix names, while the namespaces are collected.
typedef struct {
  uint32_t* slots; ///< Index + 1 of the namespace, 0 is empty
  uint64_t* hashes;
} Names;

static bool
name_taken(const KgNamespaces* const namespaces,
           const Names* const        names,
           const KgStringView        prefix,
           const uint64_t            h)
{
  for (size_t s = h & namespaces->mask; names->slots[s];
       s        = (s + 1U) & namespaces->mask) {
    const size_t i = names->slots[s] - 1U;
    if (names->hashes[i] == h &&
        kg_sv_equals(namespaces->ns[i].prefix, prefix)) {
      return true;
    }
  }
  return false;
}

/// Add namespace `ns` unless its name or its IRI is taken already.
static void
add_namespace(KgNamespaces* const namespaces,
              Names* const        names,
              const KgNamespace   ns)
{
  const uint64_t iri_hash  = hash_text(ns.iri);
  const uint64_t name_hash = hash_text(ns.prefix);
  if (find_iri(namespaces, ns.iri, iri_hash) >= 0 ||
      name_taken(namespaces, names, ns.prefix, name_hash)) {
    return;
  }

  const size_t i        = namespaces->n++;
  namespaces->ns[i]     = ns;
  namespaces->hashes[i] = iri_hash;
  names->hashes[i]      = name_hash;

  size_t s = iri_hash & namespaces->mask;
  while (namespaces->slots[s]) {
    s = (s + 1U) & namespaces->mask;
  }
  namespaces->slots[s] = (uint32_t)(i + 1U);

  for (s = name_hash & namespaces->mask; names->slots[s];) {
    s = (s + 1U) & namespaces->mask;
  }
  names->slots[s] = (uint32_t)(i + 1U);
}

/// Add the prefixes of `graph` that pass `check` and clash with nothing.
static void
add_prefixes(KgNamespaces* const  namespaces,
             Names* const         names,
             const KgGraph* const graph,
             const KgLocalCheck   check,
             const bool           known)
{
  const size_t n = kg_graph_n_prefixes(graph);
  for (size_t i = 0U; i < n; ++i) {
    KgNamespace ns = {{NULL, 0U}, {NULL, 0U}, false, known};
    kg_graph_prefix(graph, i, &ns.prefix, &ns.iri);
    if (ns.iri.len && check(ns.prefix)) {
      add_namespace(namespaces, names, ns);
    }
  }
}

static int
compare_sizes(const void* const a, const void* const b)
{
  const size_t x = *(const size_t*)a;
  const size_t y = *(const size_t*)b;
  return x < y ? -1 : x > y;
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
  size_t n_slots = 16U;
  while (n_slots < 2U * n) {
    n_slots *= 2U;
  }

  Names names        = {NULL, NULL};
  namespaces->mask   = n_slots - 1U;
  namespaces->ns     = (KgNamespace*)kg_calloc(n, sizeof(KgNamespace));
  namespaces->slots  = (uint32_t*)kg_calloc(n_slots, sizeof(uint32_t));
  namespaces->hashes = (uint64_t*)kg_calloc(n, sizeof(uint64_t));
  namespaces->lens   = (size_t*)kg_calloc(n, sizeof(size_t));
  names.slots        = (uint32_t*)kg_calloc(n_slots, sizeof(uint32_t));
  names.hashes       = (uint64_t*)kg_calloc(n, sizeof(uint64_t));
  if (!namespaces->ns || !namespaces->slots || !namespaces->hashes ||
      !namespaces->lens || !names.slots || !names.hashes) {
    kg_free(names.hashes);
    kg_free(names.slots);
    kg_namespaces_fini(namespaces);
    return KG_BAD_ALLOC;
  }

  // The input's prefixes, then the ontology's, then the well-known ones
  add_prefixes(namespaces, &names, graph, prefix_check, false);
  if (ontology) {
    add_prefixes(namespaces, &names, ontology, prefix_check, false);
  }
  for (size_t k = 0U; k < n_known; ++k) {
    const KgNamespace ns = {
      kg_sv(well_known[k].prefix), kg_sv(well_known[k].iri), false, true};
    add_namespace(namespaces, &names, ns);
  }
  kg_free(names.hashes);
  kg_free(names.slots);

  // The distinct lengths of namespace IRIs
  for (size_t i = 0U; i < namespaces->n; ++i) {
    namespaces->lens[i] = namespaces->ns[i].iri.len;
  }
  qsort(namespaces->lens, namespaces->n, sizeof(size_t), compare_sizes);
  for (size_t i = 0U; i < namespaces->n; ++i) {
    if (!namespaces->n_lens ||
        namespaces->lens[namespaces->n_lens - 1U] != namespaces->lens[i]) {
      namespaces->lens[namespaces->n_lens++] = namespaces->lens[i];
    }
  }

  return KG_SUCCESS;
}

void
kg_namespaces_fini(KgNamespaces* const namespaces)
{
  kg_free(namespaces->lens);
  kg_free(namespaces->hashes);
  kg_free(namespaces->slots);
  kg_free(namespaces->ns);
  memset(namespaces, 0, sizeof(*namespaces));
}

long
kg_namespaces_split(const KgNamespaces* const namespaces,
                    const KgStringView        iri,
                    const KgLocalCheck        check,
                    KgStringView* const       local)
{
  // Hash the prefixes of `iri` up to each length a namespace has, and look
  // each up: the longest whose rest passes `check` wins
  long     best = -1;
  uint64_t h    = 0U;
  size_t   done = 0U;
  for (size_t k = 0U; k < namespaces->n_lens; ++k) {
    const size_t len = namespaces->lens[k];
    if (len > iri.len) {
      break;
    }
    for (; done < len; ++done) {
      h = hash_step(h, iri.data[done]);
    }

    const KgStringView head = {iri.data, len};
    const long         i    = find_iri(namespaces, head, h);
    const KgStringView rest = {iri.data + len, iri.len - len};
    if (i >= 0 && check(rest)) {
      best = i;
    }
  }

  if (best >= 0) {
    const size_t len = namespaces->ns[best].iri.len;
    local->data      = iri.data + len;
    local->len       = iri.len - len;
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
