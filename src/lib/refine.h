// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_REFINE_H
#define KG_SRC_REFINE_H

#include <kgraph/status.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// The least default work limit of a search (see KgRefiner::limit).
#define KG_REFINE_MIN_WORK 100000000U

/// Default work allowed per edge end and level of log2 n, above the least.
#define KG_REFINE_WORK_PER_EDGE 16U

/// An edge between two nodes, seen from one end.
typedef struct {
  uint64_t label; ///< Hash of what the edge is (predicate, direction)
  uint32_t node;  ///< The other end
} KgRefineEdge;

/// A cell of the partition: its nodes of side 0, then of side 1, are each a
/// range of `elems`.
typedef struct {
  uint32_t first[2]; ///< First position of its nodes of each side
  uint32_t n[2];     ///< Number of its nodes of each side
  uint32_t parent;   ///< Cell it was split from (for undoing)
  bool     queued;   ///< In the splitter queue
  bool     frozen;   ///< Never split (see KgRefiner::freeze)
} KgRefineCell;

/// A node touched by a splitter, with its signature.
typedef struct {
  uint32_t cell;
  uint32_t node;
  uint64_t sig;
} KgRefineTouch;

/// One level of the search.
typedef struct {
  uint32_t cell;    ///< The cell being split
  uint32_t x;       ///< Its node of side 0
  uint32_t first_y; ///< The node of side 1 to try first
  uint32_t last_y;  ///< The node of side 1 tried last, or KG_REFINE_NONE
  uint32_t mark;    ///< Number of cells before this level
  uint32_t size;    ///< Nodes of side 0 in `cell`
  uint32_t clean;   ///< Cells before this one have one node of each side
} KgRefineFrame;

/// No node, no cell.
#define KG_REFINE_NONE UINT32_MAX

/**
   Partition refinement of the nodes of two graphs at once (their disjoint
   union): nodes [0, n_a) are of side 0, [n_a, n) of side 1.

   Refining makes the partition equitable (any two nodes of a cell have, for
   every cell and edge label, as many such edges into it) with splitters,
   as Hopcroft's algorithm does: when a cell splits, all its parts but the
   largest become splitters, so a node is in a splitter O(log n) times and
   refining costs O(m log n), however many rounds plain colour refinement
   would need (n / 2 for a chain).  The result is the coarsest equitable
   partition finer than the initial colours, so it is invariant under
   isomorphism: two nodes an isomorphism maps onto each other share a cell.

   With `freeze`, refinement goes in rounds, as plain colour refinement
   does, and a cell with at most one node of each side at the end of a
   round is never split again (it still splits others): what told such a
   node apart is kept even if nodes further away differ.  Every splitter of
   a round splits the partition as the round found it, so the result does
   not depend on the order of the splits, and the cost is still
   O(m log n), however many rounds there are.

   With `check`, refining stops at the first cell with more nodes of one
   side than of the other: no isomorphism can map side 0 onto side 1 then.

   The search individualizes and refines, as nauty and bliss do: while a
   cell holds several nodes of each side, it pairs one node of side 0 of the
   smallest such cell with each node of side 1 in turn, refines, and goes
   down; a failed choice is undone by merging the newest cells back into
   their parents.  When every cell is a pair, the pairs are a bijection that
   the caller verifies.  It can take exponential time on hard graphs: work
   (edge ends scanned, nodes placed, levels tried) is counted against
   `limit`.

   Build: kg_refiner_init(), then for each edge end kg_refiner_count(), then
   kg_refiner_begin_edges(), kg_refiner_add() for each, and
   kg_refiner_end_edges(); set `key` to the initial colours; then
   kg_refiner_partition() and kg_refiner_refine().
*/
typedef struct {
  uint32_t       n_a;       ///< Nodes of side 0
  uint32_t       n;         ///< All nodes
  uint32_t*      adj_start; ///< n + 1 offsets into `adj`
  KgRefineEdge*  adj;       ///< Edges, by node
  uint64_t*      key;       ///< Initial colours, then a scratch signature
  bool*          touched;   ///< Touched by the current splitter
  KgRefineTouch* touches;   ///< Nodes touched by the current splitter
  uint32_t*      elems;     ///< Nodes of side 0, then 1, grouped by cell
  uint32_t*      pos;       ///< Position of each node in `elems`
  uint32_t*      cell_of;   ///< Cell of each node
  KgRefineCell*  cells;     ///< Cells; never more than `n`
  uint32_t       n_cells;
  uint32_t*      queue; ///< Splitter cells to process
  uint32_t       n_queue;
  uint32_t*      round;  ///< Splitter cells of this round (with `freeze`)
  KgRefineFrame* frames; ///< Search levels, made by the search
  bool           check;  ///< Stop at a cell with unequal sides
  bool           freeze; ///< Never split an initial cell of one per side
  uint64_t       work;   ///< Work done
  uint64_t       limit;  ///< Most work allowed, 0 for no limit
} KgRefiner;

/**
   Verify that pairing the nodes of each cell (all pairs) maps side 0 onto
   side 1; kg_refiner_mate() gives the pairs.
*/
typedef bool (*KgRefineVerify)(void* handle, const KgRefiner* refiner);

/// Allocate `r` for `n` nodes, the first `n_a` of side 0, keys zero.
KG_NODISCARD KgStatus
kg_refiner_init(KgRefiner* r, uint32_t n_a, uint32_t n);

/// Free what `r` holds; a zeroed refiner holds nothing.
void
kg_refiner_fini(KgRefiner* r);

/// Count an edge end at `node`, before kg_refiner_begin_edges().
static inline void
kg_refiner_count(KgRefiner* const r, const uint32_t node)
{
  ++r->adj_start[node + 1U];
}

/// Allocate the edges counted.
KG_NODISCARD KgStatus
kg_refiner_begin_edges(KgRefiner* r);

/// Add the edge end at `node` to `other` with `label`, as counted.
static inline void
kg_refiner_add(KgRefiner* const r,
               const uint32_t   node,
               const uint32_t   other,
               const uint64_t   label)
{
  const KgRefineEdge e         = {label, other};
  r->adj[r->adj_start[node]++] = e;
}

/// Finish adding edges.
void
kg_refiner_end_edges(KgRefiner* r);

/**
   Make the initial cells, one per key, and queue them all.

   @return KG_SUCCESS, or with `check`, KG_FAILURE if a cell has more nodes
   of one side than of the other.
*/
KG_NODISCARD KgStatus
kg_refiner_partition(KgRefiner* r);

/**
   Refine the partition until it is equitable (or, with `freeze`, until its
   cells but those frozen are).

   @return KG_SUCCESS; with `check`, KG_FAILURE if a cell has more nodes of
   one side than of the other; KG_BAD_LIMIT past the work limit.
*/
KG_NODISCARD KgStatus
kg_refiner_refine(KgRefiner* r);

/**
   Search for a bijection of side 0 onto side 1 that `verify` accepts, from
   an equitable, balanced partition (`check` set).

   @return KG_SUCCESS with the partition discrete (read the pairs with
   kg_refiner_mate()), KG_FAILURE if there is none, KG_BAD_LIMIT past the
   work limit, or KG_BAD_ALLOC.
*/
KG_NODISCARD KgStatus
kg_refiner_search(KgRefiner* r, KgRefineVerify verify, void* handle);

/**
   Return the default work limit of searches on the nodes of `r`:
   KG_REFINE_MIN_WORK, and KG_REFINE_WORK_PER_EDGE per edge end times
   log2 n, so that a search whose every choice is right (a tree of alike
   subtrees, which needs about m log n) is never stopped.
*/
uint64_t
kg_refine_default_work(const KgRefiner* r);

/// Return the node of side 1 in the cell of node `x` of side 0.
static inline uint32_t
kg_refiner_mate(const KgRefiner* const r, const uint32_t x)
{
  const KgRefineCell* const c = &r->cells[r->cell_of[x]];
  return c->n[1] ? r->elems[c->first[1]] : KG_REFINE_NONE;
}

#endif // KG_SRC_REFINE_H
