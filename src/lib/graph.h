// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_GRAPH_H
#define KG_SRC_GRAPH_H

#include "hash.h"
#include "intern.h"

#include <kgraph/graph.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// A compressed index of triples by the term at one position.
typedef struct {
  uint32_t* offsets; ///< For each term id, its first entry; n_terms + 1 of them
  uint32_t* entries; ///< Triple indices, grouped by term
  uint32_t  n_terms; ///< Term count when built
  bool      built;   ///< True iff up to date
} KgIndex;

/// A prefix declaration.
typedef struct {
  KgStringView name; ///< Prefix name, without colon
  KgStringView iri;  ///< Namespace IRI
} KgPrefix;

struct KgGraphImpl {
  KgTerms   terms;       ///< Interned terms
  KgTriple* triples;     ///< Triples in insertion order
  KgOrigin* origins;     ///< Where each triple came from
  KgTermId* names;       ///< Graph name of each triple, or NULL if none has one
  size_t    n_named;     ///< Number of triples in a named graph
  size_t    n_triples;   ///< Number of triples
  size_t    triples_cap; ///< Allocated triples
  KgTable   triple_table;   ///< Triples by hash: values are index + 1
  KgIndex   index[3];       ///< By subject, predicate, object
  KgPrefix* prefixes;       ///< Prefixes in the order declared
  size_t    n_prefixes;     ///< Number of prefixes
  size_t    prefixes_cap;   ///< Allocated prefixes
  KgTerms   prefix_names;   ///< Prefix names (id: index + 1), once needed
  char**    documents;      ///< Document names; documents[0] is unused
  uint16_t  n_documents;    ///< Number of entries in `documents`
  uint32_t  n_scopes;       ///< Blank-node scopes handed out
  uint32_t  n_fresh;        ///< Fresh blank nodes made
  KgTermId  xsd_string;     ///< xsd:string, interned at creation
  KgTermId  rdf_langstring; ///< rdf:langString, interned at creation
};

/// Return the kind of term `id` of `graph` (inline, for the library's loops).
static inline KgTermKind
kg_kind(const KgGraph* const graph, const KgTermId id)
{
  return (id && id < graph->terms.n_terms)
           ? (KgTermKind)graph->terms.terms[id].kind
           : KG_TERM_NONE;
}

/// Return true iff term `id` of `graph` is a blank node (inline).
static inline bool
kg_is_blank(const KgGraph* const graph, const KgTermId id)
{
  return kg_kind(graph, id) == KG_TERM_BLANK;
}

/**
   Set `map[id]`, for each ground term `id` of `from`, to the equal term of
   `to`, or KG_NO_TERM if `to` has none; blank nodes are left as they are.

   @param map An array of kg_graph_n_terms(from) + 1 ids.
   @return KG_SUCCESS or KG_BAD_ALLOC.
*/
KgStatus
kg_graph_map_ground(const KgGraph* from, const KgGraph* to, KgTermId* map);

/**
   Return the index of the triple (`s`, `p`, `o`) in the graph named `g`
   (KG_NO_TERM: the default graph), or SIZE_MAX if `graph` does not hold it.
*/
size_t
kg_graph_find_triple(const KgGraph* graph,
                     KgTermId       s,
                     KgTermId       p,
                     KgTermId       o,
                     KgTermId       g);

/**
   Remove from `graph` every triple number `i` for which `drop[i]` is true,
   keeping the order of the others (their indices change).  Allocates
   nothing, so it cannot fail.
*/
void
kg_graph_drop_triples(KgGraph* graph, const bool* drop);

/**
   Remove the prefix `name` of `graph`, if it has one.

   @return KG_SUCCESS, KG_FAILURE if there was none, or KG_BAD_ALLOC (the
   prefixes are then those before the call).
*/
KgStatus
kg_graph_remove_prefix(KgGraph* graph, KgStringView name);

#endif // KG_SRC_GRAPH_H
