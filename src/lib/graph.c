// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "graph.h"

#include "alloc.h"
#include "buffer.h"
#include "hash.h"
#include "intern.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/// The most triples a graph holds (indices are 32-bit, 0 marks empty slots).
#define MAX_TRIPLES ((size_t)UINT32_MAX - 1U)

KgGraph*
kg_graph_new(void)
{
  KgGraph* const graph = (KgGraph*)kg_calloc(1U, sizeof(KgGraph));
  if (!graph) {
    return NULL;
  }

  if (kg_terms_init(&graph->terms, kg_hash_seed())) {
    kg_free(graph);
    return NULL;
  }

  const KgStatus table_st = kg_table_init(&graph->triple_table, 1024U);
  graph->documents        = (char**)kg_calloc(1U, sizeof(char*));
  graph->n_documents      = 1U;
  graph->xsd_string       = kg_graph_iri(graph, KG_SV(KG_XSD_STRING));
  graph->rdf_langstring   = kg_graph_iri(graph, KG_SV(KG_RDF_LANGSTRING));
  if (table_st || !graph->documents || !graph->xsd_string ||
      !graph->rdf_langstring) {
    kg_graph_free(graph);
    return NULL;
  }

  return graph;
}

static void
drop_indexes(KgGraph* const graph)
{
  for (unsigned i = 0U; i < 3U; ++i) {
    kg_free(graph->index[i].offsets);
    kg_free(graph->index[i].entries);
    memset(&graph->index[i], 0, sizeof(KgIndex));
  }
}

void
kg_graph_free(KgGraph* const graph)
{
  if (!graph) {
    return;
  }

  drop_indexes(graph);
  for (uint16_t i = 1U; i < graph->n_documents; ++i) {
    kg_free(graph->documents[i]);
  }

  kg_free(graph->documents);
  kg_free(graph->prefixes);
  kg_terms_fini(&graph->prefix_names);
  kg_table_fini(&graph->triple_table);
  kg_free(graph->origins);
  kg_free(graph->names);
  kg_free(graph->triples);
  kg_terms_fini(&graph->terms);
  kg_free(graph);
}

size_t
kg_graph_size(const KgGraph* const graph)
{
  return graph->n_triples;
}

const KgTriple*
kg_graph_triples(const KgGraph* const graph)
{
  return graph->triples;
}

KgOrigin
kg_graph_origin(const KgGraph* const graph, const size_t index)
{
  const KgOrigin none = {0U, 0U, 0U};
  return index < graph->n_triples ? graph->origins[index] : none;
}

KgCaret
kg_graph_caret(const KgGraph* const graph, const size_t index)
{
  const KgOrigin o     = kg_graph_origin(graph, index);
  const KgCaret  caret = {
     kg_graph_document(graph, o.document), o.line, o.column};
  return caret;
}

/*
  Triples
*/

static inline uint32_t
triple_hash(const KgTermId s,
            const KgTermId p,
            const KgTermId o,
            const KgTermId g)
{
  uint64_t h = kg_hash_u64(((uint64_t)s << 32U) ^ p) ^
               kg_hash_u64((uint64_t)o * 0x9E3779B97F4A7C15ULL);
  if (g) {
    h ^= kg_hash_u64(((uint64_t)g << 32U) | 0x9E3779B9U);
  }
  return (uint32_t)(h ^ (h >> 32U));
}

/// Return the graph name of triple `index` (inline).
static inline KgTermId
name_of(const KgGraph* const graph, const size_t index)
{
  return graph->names ? graph->names[index] : KG_NO_TERM;
}

/// A triple sought in the table of a graph.
typedef struct {
  const KgGraph* graph;
  KgTermId       s, p, o, g;
} TripleKey;

/// Return true iff triple `value` - 1 is the one `key` seeks.
static inline bool
is_triple(const void* const key, const uint32_t value)
{
  const TripleKey* const k     = (const TripleKey*)key;
  const uint32_t         index = value - 1U;
  const KgTriple* const  t     = &k->graph->triples[index];
  return t->s == k->s && t->p == k->p && t->o == k->o &&
         name_of(k->graph, index) == k->g;
}

/// Return the slot of (s, p, o, g): where it is, or the empty slot it would
/// take.
static size_t
find_slot(const KgGraph* const graph,
          const KgTermId       s,
          const KgTermId       p,
          const KgTermId       o,
          const KgTermId       g)
{
  const TripleKey key = {graph, s, p, o, g};
  return kg_table_find(
    &graph->triple_table, triple_hash(s, p, o, g), is_triple, &key);
}

static KgStatus
reserve_triples(KgGraph* const graph)
{
  if (graph->n_triples < graph->triples_cap) {
    return KG_SUCCESS;
  }

  const size_t    cap = graph->triples_cap ? graph->triples_cap * 2U : 1024U;
  KgTriple* const triples =
    (KgTriple*)kg_reallocarray(graph->triples, cap, sizeof(KgTriple));
  if (!triples) {
    return KG_BAD_ALLOC;
  }
  graph->triples = triples;

  KgOrigin* const origins =
    (KgOrigin*)kg_reallocarray(graph->origins, cap, sizeof(KgOrigin));
  if (!origins) {
    return KG_BAD_ALLOC;
  }
  graph->origins = origins;

  if (graph->names) {
    KgTermId* const names =
      (KgTermId*)kg_reallocarray(graph->names, cap, sizeof(KgTermId));
    if (!names) {
      return KG_BAD_ALLOC;
    }
    graph->names = names;
  }

  graph->triples_cap = cap;
  return KG_SUCCESS;
}

/// Make the array of graph names, all in the default graph so far.
static KgStatus
make_names(KgGraph* const graph)
{
  const size_t cap = graph->triples_cap ? graph->triples_cap : 1U;
  graph->names     = (KgTermId*)kg_calloc(cap, sizeof(KgTermId));
  return graph->names ? KG_SUCCESS : KG_BAD_ALLOC;
}

KgStatus
kg_graph_add_quad(KgGraph* const graph,
                  const KgTermId s,
                  const KgTermId p,
                  const KgTermId o,
                  const KgTermId g,
                  const KgOrigin origin)
{
  const KgTermKind sk = kg_kind(graph, s);
  const KgTermKind gk = kg_kind(graph, g);
  if ((sk != KG_TERM_IRI && sk != KG_TERM_BLANK) ||
      kg_kind(graph, p) != KG_TERM_IRI || kg_kind(graph, o) == KG_TERM_NONE ||
      (g && gk != KG_TERM_IRI && gk != KG_TERM_BLANK)) {
    return KG_BAD_ARG;
  }

  size_t slot = find_slot(graph, s, p, o, g);
  if (graph->triple_table.slots[slot]) {
    return KG_FAILURE;
  }

  if (graph->n_triples >= MAX_TRIPLES) {
    return KG_BAD_LIMIT;
  }

  KgStatus st = reserve_triples(graph);
  if (!st && g && !graph->names) {
    st = make_names(graph);
  }
  if (st) {
    return st;
  }

  const size_t n_slots = graph->triple_table.mask + 1U;
  if ((st = kg_table_reserve(&graph->triple_table, graph->n_triples + 1U))) {
    return st;
  }
  if (graph->triple_table.mask + 1U != n_slots) {
    slot = find_slot(graph, s, p, o, g);
  }

  const size_t index    = graph->n_triples++;
  graph->triples[index] = (KgTriple){s, p, o};
  graph->origins[index] = origin;
  if (graph->names) {
    graph->names[index] = g;
    graph->n_named += g ? 1U : 0U;
  }
  kg_table_set(&graph->triple_table,
               slot,
               triple_hash(s, p, o, g),
               (uint32_t)(index + 1U));
  if (graph->index[0].built || graph->index[1].built || graph->index[2].built) {
    drop_indexes(graph);
  }
  return KG_SUCCESS;
}

KgStatus
kg_graph_add_at(KgGraph* const graph,
                const KgTermId s,
                const KgTermId p,
                const KgTermId o,
                const KgOrigin origin)
{
  return kg_graph_add_quad(graph, s, p, o, KG_NO_TERM, origin);
}

KgStatus
kg_graph_add(KgGraph* const graph,
             const KgTermId s,
             const KgTermId p,
             const KgTermId o)
{
  const KgOrigin none = {0U, 0U, 0U};
  return kg_graph_add_at(graph, s, p, o, none);
}

bool
kg_graph_contains(const KgGraph* const graph,
                  const KgTermId       s,
                  const KgTermId       p,
                  const KgTermId       o)
{
  return kg_graph_contains_quad(graph, s, p, o, KG_NO_TERM);
}

bool
kg_graph_contains_quad(const KgGraph* const graph,
                       const KgTermId       s,
                       const KgTermId       p,
                       const KgTermId       o,
                       const KgTermId       g)
{
  return kg_graph_find_triple(graph, s, p, o, g) != SIZE_MAX;
}

KgTermId
kg_graph_name(const KgGraph* const graph, const size_t index)
{
  return index < graph->n_triples ? name_of(graph, index) : KG_NO_TERM;
}

bool
kg_graph_has_names(const KgGraph* const graph)
{
  return graph->n_named != 0U;
}

/*
  Terms
*/

size_t
kg_graph_n_terms(const KgGraph* const graph)
{
  return graph->terms.n_terms - 1U;
}

KgTermId
kg_graph_iri(KgGraph* const graph, const KgStringView iri)
{
  return kg_terms_intern(&graph->terms, KG_TERM_IRI, iri, 0U, 0U, NULL);
}

KgTermId
kg_graph_find_iri(const KgGraph* const graph, const KgStringView iri)
{
  return kg_terms_find(&graph->terms, KG_TERM_IRI, iri, 0U, 0U);
}

uint32_t
kg_graph_new_scope(KgGraph* const graph)
{
  return ++graph->n_scopes;
}

KgTermId
kg_graph_blank(KgGraph* const     graph,
               const KgStringView label,
               const uint32_t     scope)
{
  return kg_terms_intern(&graph->terms, KG_TERM_BLANK, label, scope, 0U, NULL);
}

KgTermId
kg_graph_fresh_blank(KgGraph* const graph)
{
  // Fresh nodes live in scope 0, which no document gets
  char      label[24];
  const int n = snprintf(label, sizeof(label), "new%u", ++graph->n_fresh);
  if (n < 0 || (size_t)n >= sizeof(label)) {
    return KG_NO_TERM;
  }

  const KgStringView view = {label, (size_t)n};
  return kg_terms_intern(&graph->terms, KG_TERM_BLANK, view, 0U, 0U, NULL);
}

KgTermId
kg_graph_literal(KgGraph* const     graph,
                 const KgStringView lexical,
                 KgTermId           datatype,
                 const KgStringView lang)
{
  if (lang.len) {
    if (datatype && datatype != graph->rdf_langstring) {
      return KG_NO_TERM;
    }
    datatype = graph->rdf_langstring;
  } else if (!datatype) {
    datatype = graph->xsd_string;
  } else if (kg_term_kind(graph, datatype) != KG_TERM_IRI ||
             datatype == graph->rdf_langstring) {
    return KG_NO_TERM;
  }

  const uint16_t lang_index = kg_terms_lang(&graph->terms, lang);
  if (lang.len && !lang_index) {
    return KG_NO_TERM;
  }

  return kg_terms_intern(
    &graph->terms, KG_TERM_LITERAL, lexical, datatype, lang_index, NULL);
}

KgTermKind
kg_term_kind(const KgGraph* const graph, const KgTermId id)
{
  return kg_kind(graph, id);
}

bool
kg_term_is_blank(const KgGraph* const graph, const KgTermId id)
{
  return kg_term_kind(graph, id) == KG_TERM_BLANK;
}

KgStringView
kg_term_text(const KgGraph* const graph, const KgTermId id)
{
  if (!kg_term_kind(graph, id)) {
    return KG_SV("");
  }
  return kg_terms_text(&graph->terms, id);
}

KgTermId
kg_term_datatype(const KgGraph* const graph, const KgTermId id)
{
  return kg_term_kind(graph, id) == KG_TERM_LITERAL ? graph->terms.terms[id].aux
                                                    : KG_NO_TERM;
}

KgStringView
kg_term_lang(const KgGraph* const graph, const KgTermId id)
{
  return kg_term_kind(graph, id) == KG_TERM_LITERAL
           ? graph->terms.langs[graph->terms.terms[id].lang]
           : KG_SV("");
}

uint32_t
kg_term_scope(const KgGraph* const graph, const KgTermId id)
{
  return kg_term_kind(graph, id) == KG_TERM_BLANK ? graph->terms.terms[id].aux
                                                  : 0U;
}

int
kg_term_compare(const KgGraph* const graph, const KgTermId a, const KgTermId b)
{
  if (a == b) {
    return 0;
  }

  const KgTerm* const ta = kg_terms_get(&graph->terms, a);
  const KgTerm* const tb = kg_terms_get(&graph->terms, b);
  if (ta->kind != tb->kind) {
    return ta->kind < tb->kind ? -1 : 1;
  }

  const KgStringView va = {ta->str, ta->len};
  const KgStringView vb = {tb->str, tb->len};
  int                c  = kg_sv_compare(va, vb);
  if (c) {
    return c;
  }

  if (ta->kind == KG_TERM_BLANK) {
    return ta->aux < tb->aux ? -1 : ta->aux > tb->aux ? 1 : 0;
  }

  if (ta->kind == KG_TERM_LITERAL) {
    c =
      kg_sv_compare(graph->terms.langs[ta->lang], graph->terms.langs[tb->lang]);
    return c ? c : kg_term_compare(graph, ta->aux, tb->aux);
  }

  return 0;
}

/*
  Indexes
*/

static KgTermId
position_term(const KgTriple* const t, const KgPosition position)
{
  return position == KG_SUBJECT ? t->s : position == KG_PREDICATE ? t->p : t->o;
}

KgStatus
kg_graph_index(KgGraph* const graph, const KgPosition position)
{
  KgIndex* const index = &graph->index[position];
  if (index->built) {
    return KG_SUCCESS;
  }

  const uint32_t  n_terms = graph->terms.n_terms;
  uint32_t* const offsets =
    (uint32_t*)kg_calloc((size_t)n_terms + 1U, sizeof(uint32_t));
  uint32_t* const entries =
    (uint32_t*)kg_reallocarray(NULL, graph->n_triples, sizeof(uint32_t));
  if (!offsets || !entries) {
    kg_free(offsets);
    kg_free(entries);
    return KG_BAD_ALLOC;
  }

  // Count, then turn counts into starts, then fill (a stable counting sort)
  for (size_t t = 0U; t < graph->n_triples; ++t) {
    ++offsets[position_term(&graph->triples[t], position) + 1U];
  }
  for (uint32_t i = 1U; i <= n_terms; ++i) {
    offsets[i] += offsets[i - 1U];
  }
  for (size_t t = 0U; t < graph->n_triples; ++t) {
    entries[offsets[position_term(&graph->triples[t], position)]++] =
      (uint32_t)t;
  }
  for (uint32_t i = n_terms; i > 0U; --i) {
    offsets[i] = offsets[i - 1U];
  }
  offsets[0] = 0U;

  index->offsets = offsets;
  index->entries = entries;
  index->n_terms = n_terms;
  index->built   = true;
  return KG_SUCCESS;
}

const uint32_t*
kg_graph_lookup(const KgGraph* const graph,
                const KgPosition     position,
                const KgTermId       term,
                size_t* const        n)
{
  const KgIndex* const index = &graph->index[position];
  if (!index->built || !term || term >= index->n_terms) {
    *n = 0U;
    return index->built ? index->entries : NULL;
  }

  *n = index->offsets[term + 1U] - index->offsets[term];
  return index->entries + index->offsets[term];
}

KgTermId
kg_graph_object(const KgGraph* const graph, const KgTermId s, const KgTermId p)
{
  if (graph->index[KG_SUBJECT].built) {
    size_t          n   = 0U;
    const uint32_t* idx = kg_graph_lookup(graph, KG_SUBJECT, s, &n);
    for (size_t i = 0U; i < n; ++i) {
      if (graph->triples[idx[i]].p == p) {
        return graph->triples[idx[i]].o;
      }
    }
    return KG_NO_TERM;
  }

  for (size_t t = 0U; t < graph->n_triples; ++t) {
    if (graph->triples[t].s == s && graph->triples[t].p == p) {
      return graph->triples[t].o;
    }
  }
  return KG_NO_TERM;
}

/*
  Prefixes and documents
*/

/// Return the index of prefix `name` in `graph`, or SIZE_MAX if unknown.
static size_t
prefix_index(const KgGraph* const graph, const KgStringView name)
{
  const KgTermId id =
    graph->prefix_names.terms
      ? kg_terms_find(&graph->prefix_names, KG_TERM_BLANK, name, 0U, 0U)
      : KG_NO_TERM;
  return id ? (size_t)id - 1U : SIZE_MAX;
}

KgStatus
kg_graph_set_prefix(KgGraph* const     graph,
                    const KgStringView name,
                    const KgStringView iri)
{
  // Names are looked up in a table of their own, so that a document with
  // many prefixes reads in linear time; ids follow the order of `prefixes`
  if (prefix_index(graph, name) != SIZE_MAX) {
    return KG_FAILURE;
  }

  if (!graph->prefix_names.terms &&
      kg_terms_init(&graph->prefix_names, graph->terms.seed)) {
    return KG_BAD_ALLOC;
  }

  if (graph->n_prefixes == graph->prefixes_cap) {
    const size_t    cap = graph->prefixes_cap ? graph->prefixes_cap * 2U : 16U;
    KgPrefix* const prefixes =
      (KgPrefix*)kg_reallocarray(graph->prefixes, cap, sizeof(KgPrefix));
    if (!prefixes) {
      return KG_BAD_ALLOC;
    }
    graph->prefixes     = prefixes;
    graph->prefixes_cap = cap;
  }

  const char* const iri_copy = kg_terms_store(&graph->terms, iri.data, iri.len);
  const KgTermId    id =
    iri_copy
         ? kg_terms_intern(&graph->prefix_names, KG_TERM_BLANK, name, 0U, 0U, NULL)
         : KG_NO_TERM;
  if (!id) {
    return KG_BAD_ALLOC;
  }

  KgPrefix* const prefix = &graph->prefixes[graph->n_prefixes++];
  prefix->name           = kg_terms_text(&graph->prefix_names, id);
  prefix->iri.data       = iri_copy;
  prefix->iri.len        = iri.len;
  return KG_SUCCESS;
}

size_t
kg_graph_n_prefixes(const KgGraph* const graph)
{
  return graph->n_prefixes;
}

void
kg_graph_prefix(const KgGraph* const graph,
                const size_t         index,
                KgStringView* const  name,
                KgStringView* const  iri)
{
  if (index < graph->n_prefixes) {
    *name = graph->prefixes[index].name;
    *iri  = graph->prefixes[index].iri;
  } else {
    *name = *iri = KG_SV("");
  }
}

KgStringView
kg_graph_find_prefix(const KgGraph* const graph, const KgStringView name)
{
  const size_t i = prefix_index(graph, name);
  return i == SIZE_MAX ? KG_SV("") : graph->prefixes[i].iri;
}

KgStatus
kg_graph_remove_prefix(KgGraph* const graph, const KgStringView name)
{
  const size_t gone = prefix_index(graph, name);
  if (gone == SIZE_MAX) {
    return KG_FAILURE;
  }

  // The table of names gives each name its index: build it again without
  // `name`, and swap it in only once it is whole
  KgTerms names;
  if (kg_terms_init(&names, graph->terms.seed)) {
    return KG_BAD_ALLOC;
  }
  KgPrefix* const prefixes = graph->prefixes;
  for (size_t i = 0U; i < graph->n_prefixes; ++i) {
    if (i != gone && !kg_terms_intern(
                       &names, KG_TERM_BLANK, prefixes[i].name, 0U, 0U, NULL)) {
      kg_terms_fini(&names);
      return KG_BAD_ALLOC;
    }
  }
  size_t n = 0U;
  for (size_t i = 0U; i < graph->n_prefixes; ++i) {
    if (i != gone) {
      prefixes[n].iri  = prefixes[i].iri;
      prefixes[n].name = kg_terms_text(&names, (KgTermId)(n + 1U));
      ++n;
    }
  }
  kg_terms_fini(&graph->prefix_names);
  graph->prefix_names = names;
  graph->n_prefixes   = n;
  return KG_SUCCESS;
}

uint16_t
kg_graph_add_document(KgGraph* const graph, const char* const name)
{
  if (graph->n_documents == UINT16_MAX) {
    return 0U;
  }

  char** const documents = (char**)kg_reallocarray(
    graph->documents, (size_t)graph->n_documents + 1U, sizeof(char*));
  if (!documents) {
    return 0U;
  }
  graph->documents = documents;

  char* const copy = kg_strndup(name, strlen(name));
  if (!copy) {
    return 0U;
  }

  documents[graph->n_documents] = copy;
  return graph->n_documents++;
}

const char*
kg_graph_document(const KgGraph* const graph, const uint16_t index)
{
  return (index && index < graph->n_documents) ? graph->documents[index] : NULL;
}

/*
  Terms of two graphs
*/

KgStatus
kg_graph_map_ground(const KgGraph* const from,
                    const KgGraph* const to,
                    KgTermId* const      map)
{
  const KgTerms* const a = &from->terms;
  const KgTerms* const b = &to->terms;
  uint16_t* const langs  = (uint16_t*)kg_calloc(a->n_langs, sizeof(uint16_t));
  if (!langs) {
    return KG_BAD_ALLOC;
  }

  for (uint16_t i = 1U; i < a->n_langs; ++i) {
    langs[i] = kg_terms_find_lang(b, a->langs[i]);
  }

  // IRIs first: literals refer to their datatype
  for (KgTermId id = 1U; id < a->n_terms; ++id) {
    if (a->terms[id].kind == KG_TERM_IRI) {
      map[id] = kg_terms_find(b, KG_TERM_IRI, kg_terms_text(a, id), 0U, 0U);
    }
  }

  for (KgTermId id = 1U; id < a->n_terms; ++id) {
    const KgTerm* const t = &a->terms[id];
    if (t->kind == KG_TERM_LITERAL) {
      const KgTermId datatype = map[t->aux];
      const uint16_t lang     = langs[t->lang];
      if (datatype && (lang || !t->lang)) {
        map[id] = kg_terms_find(
          b, KG_TERM_LITERAL, kg_terms_text(a, id), datatype, lang);
      }
    }
  }

  kg_free(langs);
  return KG_SUCCESS;
}

/*
  Copying
*/

KgStatus
kg_graph_add_graph(KgGraph* const dst, const KgGraph* const src)
{
  KgStatus        st  = KG_SUCCESS;
  const uint32_t  n   = src->terms.n_terms;
  KgTermId* const map = (KgTermId*)kg_calloc(n, sizeof(KgTermId));
  // Each source scope maps to a new scope of dst (0 means not yet made)
  uint32_t* const scopes =
    (uint32_t*)kg_calloc((size_t)src->n_scopes + 1U, sizeof(uint32_t));
  // Each source document maps to a document of dst (0 means not yet added)
  uint16_t* const docs =
    (uint16_t*)kg_calloc(src->n_documents, sizeof(uint16_t));
  if (!map || !scopes || !docs) {
    st = KG_BAD_ALLOC;
    goto done;
  }

  // Datatypes first: literals refer to them
  for (KgTermId id = 1U; id < n && !st; ++id) {
    const KgTerm* const t = &src->terms.terms[id];
    if (t->kind == KG_TERM_IRI) {
      map[id] = kg_graph_iri(dst, kg_terms_text(&src->terms, id));
    } else if (t->kind == KG_TERM_BLANK) {
      uint32_t* const scope = &scopes[t->aux];
      if (!*scope) {
        *scope = kg_graph_new_scope(dst);
      }
      map[id] = kg_graph_blank(dst, kg_terms_text(&src->terms, id), *scope);
    } else {
      continue;
    }
    st = map[id] ? KG_SUCCESS : KG_BAD_ALLOC;
  }

  for (KgTermId id = 1U; id < n && !st; ++id) {
    const KgTerm* const t = &src->terms.terms[id];
    if (t->kind == KG_TERM_LITERAL) {
      map[id] = kg_graph_literal(dst,
                                 kg_terms_text(&src->terms, id),
                                 map[t->aux],
                                 src->terms.langs[t->lang]);
      st      = map[id] ? KG_SUCCESS : KG_BAD_ALLOC;
    }
  }

  for (size_t i = 0U; i < src->n_prefixes && !st; ++i) {
    st = kg_graph_set_prefix(dst, src->prefixes[i].name, src->prefixes[i].iri);
    st = st == KG_FAILURE ? KG_SUCCESS : st;
  }

  for (size_t i = 0U; i < src->n_triples && !st; ++i) {
    const KgTriple* const t = &src->triples[i];
    KgOrigin              o = src->origins[i];
    if (o.document) {
      uint16_t* const doc = &docs[o.document];
      if (!*doc &&
          !(*doc = kg_graph_add_document(dst, src->documents[o.document]))) {
        st = KG_BAD_ALLOC;
        break;
      }
      o.document = *doc;
    }
    const KgTermId g = name_of(src, i);
    st = kg_graph_add_quad(dst, map[t->s], map[t->p], map[t->o], map[g], o);
    st = st == KG_FAILURE ? KG_SUCCESS : st;
  }

done:
  kg_free(docs);
  kg_free(scopes);
  kg_free(map);
  return st;
}

size_t
kg_graph_find_triple(const KgGraph* const graph,
                     const KgTermId       s,
                     const KgTermId       p,
                     const KgTermId       o,
                     const KgTermId       g)
{
  const uint64_t slot = graph->triple_table.slots[find_slot(graph, s, p, o, g)];
  return slot ? (size_t)kg_slot_value(slot) - 1U : SIZE_MAX;
}

void
kg_graph_drop_triples(KgGraph* const graph, const bool* const drop)
{
  size_t n       = 0U;
  graph->n_named = 0U;
  for (size_t i = 0U; i < graph->n_triples; ++i) {
    if (!drop[i]) {
      graph->triples[n] = graph->triples[i];
      graph->origins[n] = graph->origins[i];
      if (graph->names) {
        graph->names[n] = graph->names[i];
        graph->n_named += graph->names[n] ? 1U : 0U;
      }
      ++n;
    }
  }
  graph->n_triples = n;

  // The slots hold indices: put every triple in again, in the same table
  kg_table_clear(&graph->triple_table);
  for (size_t i = 0U; i < n; ++i) {
    const KgTriple* const t    = &graph->triples[i];
    const KgTermId        g    = name_of(graph, i);
    const size_t          slot = find_slot(graph, t->s, t->p, t->o, g);
    kg_table_set(&graph->triple_table,
                 slot,
                 triple_hash(t->s, t->p, t->o, g),
                 (uint32_t)(i + 1U));
  }
  drop_indexes(graph);
}
