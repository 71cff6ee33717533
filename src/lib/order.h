// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_ORDER_H
#define KG_SRC_ORDER_H

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdbool.h>
#include <stdint.h>

/// Ask the processor to fetch what `ptr` points at into the cache.
#if defined(__GNUC__)
#  define KG_PREFETCH(ptr) __builtin_prefetch(ptr)
#else
#  define KG_PREFETCH(ptr) ((void)(ptr))
#endif

/**
   The stable order of a graph's terms and triples, which every writer uses
   so that the same graph always gives the same bytes.
*/
typedef struct {
  uint32_t* rank;    ///< Rank of each term id (kg_term_compare order)
  uint32_t* triples; ///< Triple indices, sorted by (subject, predicate, object)
  size_t    n_triples;
  uint32_t  first_blank; ///< Rank of the first blank node
  uint32_t  n_blanks;    ///< Number of blank nodes
} KgOrder;

/// Order flags.
typedef enum {
  KG_ORDER_TYPE_FIRST = 1U << 0U, ///< rdf:type before other predicates
} KgOrderFlag;

/**
   Rank the terms of `graph` and sort its triples.

   @return KG_SUCCESS or KG_BAD_ALLOC.
*/
KG_NODISCARD KgStatus
kg_order_init(KgOrder* order, const KgGraph* graph, uint32_t flags);

/// Free what `order` holds.
void
kg_order_fini(KgOrder* order);

/// Return the number of blank node `id` in order (0 for the first), for labels.
static inline uint32_t
kg_order_blank_index(const KgOrder* const order, const KgTermId id)
{
  return order->rank[id] - order->first_blank;
}

#endif // KG_SRC_ORDER_H
