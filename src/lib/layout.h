// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_LAYOUT_H
#define KG_SRC_LAYOUT_H

#include "graph.h"
#include "order.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
   The deepest nesting of blank nodes a writer writes.

   A blank node used once is written inside the node that uses it, one
   level deeper (the items of a collection one level below the list, the
   rest of a collection at its level).  A node that would be deeper stands
   at the top under its label, so that the writers' recursion and their
   indentation are bounded by this constant, and their output grows
   linearly with the graph whatever its shape (a chain of a million blank
   nodes is written as blocks of this depth).
*/
#define KG_LAYOUT_MAX_NEST 12U

/**
   How an abbreviating writer (Turtle, RDF/XML) lays a graph out: which
   subjects stand at the top, which blank nodes nest where they are used,
   which lists are written as collections, and where nesting stops, at a
   cycle of blank nodes or past KG_LAYOUT_MAX_NEST.  Shared so that both
   writers make the same choices.

   Laying out costs O(n) time and memory: no recursion, no stack.
*/
typedef struct {
  const KgGraph* graph;
  KgOrder        order;    ///< Stable order of terms and triples
  uint32_t*      in_count; ///< Number of triples with the term as object
  uint32_t*      first;    ///< First position of each subject in order
  uint32_t*      count;    ///< Number of triples of each subject
  uint8_t*       state;    ///< KG_LAYOUT_UNWRITTEN, _WRITTEN or _PROMOTED
  uint8_t*       list;     ///< Nonzero for the nodes of collections
  uint8_t*       cut;      ///< Nonzero where nesting stops: at the top
  KgTermId*      pending;  ///< Cut nodes met while writing, to write next
  KgTermId*      subjects; ///< The subjects, in order
  size_t         n_subjects;
  KgTermId       rdf_type;
  KgTermId       rdf_first;
  KgTermId       rdf_rest;
  KgTermId       rdf_nil;
  uint32_t       flags; ///< KgLayoutFlag values
  size_t         n_pending;
  size_t         pending_mark; ///< Start of what the last subject added
  size_t         cursor; ///< Position of kg_layout_next_root() in subjects
  unsigned       pass;   ///< Of kg_layout_next_root(): 1 breaks cycles
} KgLayout;

/// Layout flags.
typedef enum {
  KG_LAYOUT_TYPE_FIRST     = 1U << 0U, ///< rdf:type before other predicates
  KG_LAYOUT_RESOURCE_LISTS = 1U << 1U, ///< Collections hold no literals
  KG_LAYOUT_NO_NESTING     = 1U << 2U, ///< Every subject at the top
} KgLayoutFlag;

/// Where a subject stands in the writing.
enum { KG_LAYOUT_UNWRITTEN, KG_LAYOUT_WRITTEN, KG_LAYOUT_PROMOTED };

/// Lay `graph` out.  @return KG_SUCCESS or KG_BAD_ALLOC.
KG_NODISCARD KgStatus
kg_layout_init(KgLayout* layout, const KgGraph* graph, uint32_t flags);

/// Free what `layout` holds.
void
kg_layout_fini(KgLayout* layout);

/// Return triple number `n` (from 0) of subject `s`, in order.
static inline const KgTriple*
kg_layout_triple(const KgLayout* const layout,
                 const KgTermId        s,
                 const uint32_t        n)
{
  return &layout->graph->triples[layout->order.triples[layout->first[s] + n]];
}

/**
   Return true iff blank node `o`, met as an object, is written right there
   (nested), and mark it written.  Otherwise it is written elsewhere, and
   referred to by its label: if nesting stops at `o`, it is written at the
   top next, after the subject being written.

   A subject written at the top needs a label iff it is a blank node used
   as an object somewhere (in_count > 0).
*/
bool
kg_layout_nest(KgLayout* layout, KgTermId o);

/// Return true iff nested blank node `o` starts a collection (a list).
static inline bool
kg_layout_is_list(const KgLayout* const layout, const KgTermId o)
{
  return layout->list[o] != 0U;
}

/**
   Return the item of collection node `id` and set `*rest` to the next node
   (rdf:nil at the end); marks `id` written.
*/
KgTermId
kg_layout_list_item(KgLayout* layout, KgTermId id, KgTermId* rest);

/**
   Return the next subject to write at the top level, and mark it written,
   or KG_NO_TERM when all are written.

   First every IRI and every blank node not nested in exactly one place,
   in order, each followed by the nodes where nesting stopped inside it
   (each followed by those inside it, and so on);
   then, for what is left (cycles of blank nodes each used once), one node
   of each cycle, the first in order that is not in a collection, which
   then needs a label (KG_LAYOUT_PROMOTED), as do the nodes where nesting
   stopped.
*/
KgTermId
kg_layout_next_root(KgLayout* layout);

#endif // KG_SRC_LAYOUT_H
