// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Partition refinement and individualization, shared by isomorphism (iso.c)
// and diff (diff.c).  See refine.h for what it computes and what it costs.
//
// Each cell keeps its nodes of side 0 and of side 1 in two ranges of
// `elems`, and is split by carving parts off the ends of its ranges: so a
// pair to try costs nothing to find, and undoing a failed choice is merging
// the newest cells back into their parents.  Graphs with many alike parts
// (10,000 identical blank nodes, a tree with identical leaves) go down
// thousands of levels, so a level costs only what its refinement costs.
// Nothing recurses: the search keeps its levels in `frames`.

#include "refine.h"

#include "alloc.h"
#include "hash.h"

#include <kgraph/status.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

KgStatus
kg_refiner_init(KgRefiner* const r, const uint32_t n_a, const uint32_t n)
{
  memset(r, 0, sizeof(*r));
  r->n_a       = n_a;
  r->n         = n;
  r->adj_start = (uint32_t*)kg_calloc((size_t)n + 2U, sizeof(uint32_t));
  r->key       = (uint64_t*)kg_calloc((size_t)n + 1U, sizeof(uint64_t));
  r->touched   = (bool*)kg_calloc((size_t)n + 1U, sizeof(bool));
  r->touches =
    (KgRefineTouch*)kg_reallocarray(NULL, n + 1U, sizeof(KgRefineTouch));
  r->elems   = (uint32_t*)kg_reallocarray(NULL, n + 1U, sizeof(uint32_t));
  r->pos     = (uint32_t*)kg_reallocarray(NULL, n + 1U, sizeof(uint32_t));
  r->cell_of = (uint32_t*)kg_reallocarray(NULL, n + 1U, sizeof(uint32_t));
  r->cells = (KgRefineCell*)kg_reallocarray(NULL, n + 1U, sizeof(KgRefineCell));
  r->queue = (uint32_t*)kg_reallocarray(NULL, n + 1U, sizeof(uint32_t));
  r->round = (uint32_t*)kg_reallocarray(NULL, n + 1U, sizeof(uint32_t));
  return (r->adj_start && r->key && r->touched && r->touches && r->elems &&
          r->pos && r->cell_of && r->cells && r->queue && r->round)
           ? KG_SUCCESS
           : KG_BAD_ALLOC;
}

void
kg_refiner_fini(KgRefiner* const r)
{
  kg_free(r->frames);
  kg_free(r->round);
  kg_free(r->queue);
  kg_free(r->cells);
  kg_free(r->cell_of);
  kg_free(r->pos);
  kg_free(r->elems);
  kg_free(r->touches);
  kg_free(r->touched);
  kg_free(r->key);
  kg_free(r->adj);
  kg_free(r->adj_start);
  memset(r, 0, sizeof(*r));
}

KgStatus
kg_refiner_begin_edges(KgRefiner* const r)
{
  // Counts (of node i at i + 1) to starts; adding advances each start to
  // the next node's
  for (uint32_t i = 1U; i <= r->n; ++i) {
    r->adj_start[i] += r->adj_start[i - 1U];
  }

  r->adj = (KgRefineEdge*)kg_reallocarray(
    NULL, (size_t)r->adj_start[r->n] + 1U, sizeof(KgRefineEdge));
  return r->adj ? KG_SUCCESS : KG_BAD_ALLOC;
}

void
kg_refiner_end_edges(KgRefiner* const r)
{
  // Each start is now the end of its node: shift back
  for (uint32_t i = r->n; i > 0U; --i) {
    r->adj_start[i] = r->adj_start[i - 1U];
  }
  r->adj_start[0] = 0U;
}

uint64_t
kg_refine_default_work(const KgRefiner* const r)
{
  uint64_t log2n = 1U;
  while (log2n < 32U && ((uint64_t)1U << log2n) < r->n) {
    ++log2n;
  }
  return KG_REFINE_MIN_WORK +
         (uint64_t)KG_REFINE_WORK_PER_EDGE * r->adj_start[r->n] * log2n;
}

/*
  The partition
*/

static int
compare_touches(const void* const pa, const void* const pb)
{
  const KgRefineTouch* const a = (const KgRefineTouch*)pa;
  const KgRefineTouch* const b = (const KgRefineTouch*)pb;
  if (a->cell != b->cell) {
    return a->cell < b->cell ? -1 : 1;
  }
  if (a->sig != b->sig) {
    return a->sig < b->sig ? -1 : 1;
  }
  return a->node < b->node ? -1 : a->node > b->node ? 1 : 0;
}

/// Return 0 for a node of side 0, 1 for a node of side 1.
static inline unsigned
side(const KgRefiner* const r, const uint32_t node)
{
  return node >= r->n_a ? 1U : 0U;
}

static inline uint32_t
cell_size(const KgRefineCell* const cell)
{
  return cell->n[0] + cell->n[1];
}

static inline void
enqueue(KgRefiner* const r, const uint32_t cell)
{
  if (!r->cells[cell].queued) {
    r->cells[cell].queued  = true;
    r->queue[r->n_queue++] = cell;
  }
}

static void
clear_queue(KgRefiner* const r)
{
  while (r->n_queue) {
    r->cells[r->queue[--r->n_queue]].queued = false;
  }
}

/// Put `node` at position `p` of `elems`, moving what was there to its place.
static inline void
swap_to(KgRefiner* const r, const uint32_t node, const uint32_t p)
{
  const uint32_t q     = r->pos[node];
  const uint32_t other = r->elems[p];
  r->elems[q]          = other;
  r->pos[other]        = q;
  r->elems[p]          = node;
  r->pos[node]         = p;
}

/// Carve the last `n_a` nodes of side 0 and `n_b` of side 1 of `parent` into
/// a new cell.
static uint32_t
carve(KgRefiner* const r,
      const uint32_t   parent,
      const uint32_t   n_a,
      const uint32_t   n_b)
{
  const uint32_t      id   = r->n_cells++;
  KgRefineCell* const p    = &r->cells[parent];
  KgRefineCell* const c    = &r->cells[id];
  const uint32_t      n[2] = {n_a, n_b};

  c->parent = parent;
  c->queued = false;
  c->frozen = false;
  for (unsigned k = 0U; k < 2U; ++k) {
    c->first[k] = p->first[k] + p->n[k] - n[k];
    c->n[k]     = n[k];
    p->n[k] -= n[k];
    for (uint32_t i = c->first[k]; i < c->first[k] + n[k]; ++i) {
      r->cell_of[r->elems[i]] = id;
    }
  }
  return id;
}

/**
   Split cell `cell` by the signatures of its touched nodes `t` (sorted by
   signature); untouched nodes have the empty signature.

   @return False iff a part holds more nodes of one side than of the other.
*/
static bool
split_cell(KgRefiner* const           r,
           const uint32_t             cell,
           const KgRefineTouch* const t,
           const uint32_t             n_t)
{
  KgRefineCell* const c       = &r->cells[cell];
  uint32_t            n_tk[2] = {0U, 0U};
  for (uint32_t i = 0U; i < n_t; ++i) {
    ++n_tk[side(r, t[i].node)];
  }

  const bool keep = n_t < cell_size(c); // The parent keeps the untouched nodes
  if (!keep && t[0].sig == t[n_t - 1U].sig) {
    return true;
  }

  // Move the touched nodes to the ends of the cell's ranges, in group order
  uint32_t next[2] = {c->first[0] + c->n[0] - n_tk[0],
                      c->first[1] + c->n[1] - n_tk[1]};
  for (uint32_t i = 0U; i < n_t; ++i) {
    swap_to(r, t[i].node, next[side(r, t[i].node)]++);
  }

  // Carve the groups off the ends, the last first; the parent keeps the
  // untouched nodes, or else the first group
  const bool     was_queued = c->queued;
  const uint32_t first_new  = r->n_cells;
  bool           ok         = true;
  for (uint32_t i = n_t; i > 0U;) {
    uint32_t j      = i - 1U;
    uint32_t n_g[2] = {0U, 0U};
    ++n_g[side(r, t[j].node)];
    while (j > 0U && t[j - 1U].sig == t[i - 1U].sig) {
      ++n_g[side(r, t[--j].node)];
    }
    if (!j && !keep) {
      break;
    }

    carve(r, cell, n_g[0], n_g[1]);
    ok = ok && n_g[0] == n_g[1];
    i  = j;
  }
  ok = ok && c->n[0] == c->n[1];

  // Hopcroft's rule: all parts but the largest become splitters, unless
  // the cell was a splitter already (then all of them are)
  uint32_t largest = cell;
  for (uint32_t id = first_new; id < r->n_cells; ++id) {
    if (!was_queued &&
        cell_size(&r->cells[id]) > cell_size(&r->cells[largest])) {
      largest = id;
    }
  }
  for (uint32_t id = first_new; id < r->n_cells; ++id) {
    if (id != largest) {
      enqueue(r, id);
    }
  }
  if (largest != cell) {
    enqueue(r, cell);
  }

  return ok;
}

/**
   Touch the nodes (not in frozen cells) with an edge from a node of the
   splitter `s`, appending them to r->touches after the first `n_t`, and
   add to the signature of each (in r->key) a hash of the label of each such
   edge: the label itself (labels are well-mixed hashes), or if `salted`,
   the label mixed with a salt drawn from `s`.

   @return `n_t` plus the number of nodes touched here.
*/
static inline uint32_t
touch(KgRefiner* const r, const uint32_t s, const bool salted, uint32_t n_t)
{
  const KgRefineCell* const cell = &r->cells[s];
  const uint64_t            salt = salted ? kg_hash_u64(s + 0x5B117ULL) : 0U;
  for (unsigned k = 0U; k < 2U; ++k) {
    for (uint32_t i = cell->first[k]; i < cell->first[k] + cell->n[k]; ++i) {
      const uint32_t u = r->elems[i];
      for (uint32_t e = r->adj_start[u]; e < r->adj_start[u + 1U]; ++e) {
        const uint32_t v = r->adj[e].node;
        if (!r->touched[v]) {
          if (r->cells[r->cell_of[v]].frozen) {
            continue;
          }
          r->touched[v]          = true;
          r->key[v]              = 0U;
          r->touches[n_t++].node = v;
        }
        r->key[v] +=
          salted ? kg_hash_u64(r->adj[e].label + salt) : r->adj[e].label;
      }
      r->work += 1U + r->adj_start[u + 1U] - r->adj_start[u];
    }
  }
  return n_t;
}

/// Sort the `n_t` touched nodes by cell and signature, untouching them.
static void
sort_touches(KgRefiner* const r, const uint32_t n_t)
{
  for (uint32_t i = 0U; i < n_t; ++i) {
    KgRefineTouch* const t = &r->touches[i];
    t->cell                = r->cell_of[t->node];
    t->sig                 = r->key[t->node];
    r->touched[t->node]    = false;
  }

  qsort(r->touches, n_t, sizeof(KgRefineTouch), compare_touches);
}

/// Refine with one splitter at a time (Hopcroft's order).
static KgStatus
refine_one_by_one(KgRefiner* const r)
{
  while (r->n_queue) {
    const uint32_t s   = r->queue[--r->n_queue];
    r->cells[s].queued = false;

    // The signature of a node is the multiset of the labels of its edges
    // into the splitter, hashed as a sum of well-mixed label hashes
    const uint32_t n_t = touch(r, s, false, 0U);
    sort_touches(r, n_t);
    for (uint32_t i = 0U; i < n_t;) {
      uint32_t j = i + 1U;
      while (j < n_t && r->touches[j].cell == r->touches[i].cell) {
        ++j;
      }
      if (!split_cell(r, r->touches[i].cell, r->touches + i, j - i) &&
          r->check) {
        clear_queue(r);
        return KG_FAILURE;
      }
      i = j;
    }

    r->work += n_t;
    if (r->limit && r->work > r->limit) {
      clear_queue(r);
      return KG_BAD_LIMIT;
    }
  }
  return KG_SUCCESS;
}

/**
   Refine in rounds: every splitter of a round splits the partition as it
   was when the round began, and cells are frozen between rounds.  A node
   is then frozen with the description of the round that told it apart:
   the nodes within that many links, as plain colour refinement would
   have it, at the cost of Hopcroft's.
*/
static KgStatus
refine_in_rounds(KgRefiner* const r)
{
  while (r->n_queue) {
    // This round's splitters; the next round's go to the queue
    const uint32_t n_round = r->n_queue;
    memcpy(r->round, r->queue, n_round * sizeof(uint32_t));
    r->n_queue = 0U;

    uint32_t n_t = 0U;
    for (uint32_t q = 0U; q < n_round; ++q) {
      const uint32_t s   = r->round[q];
      r->cells[s].queued = false;
      n_t                = touch(r, s, true, n_t);
    }
    sort_touches(r, n_t);
    const uint32_t first_new = r->n_cells;
    for (uint32_t i = 0U; i < n_t;) {
      uint32_t j = i + 1U;
      while (j < n_t && r->touches[j].cell == r->touches[i].cell) {
        ++j;
      }
      split_cell(r, r->touches[i].cell, r->touches + i, j - i);
      i = j;
    }

    // Freeze the cells of this round with at most one node of each side
    for (uint32_t i = 0U; i < n_t; ++i) {
      KgRefineCell* const c = &r->cells[r->touches[i].cell];
      c->frozen             = c->n[0] <= 1U && c->n[1] <= 1U;
    }
    for (uint32_t id = first_new; id < r->n_cells; ++id) {
      KgRefineCell* const c = &r->cells[id];
      c->frozen             = c->n[0] <= 1U && c->n[1] <= 1U;
    }

    r->work += n_t;
    if (r->limit && r->work > r->limit) {
      clear_queue(r);
      return KG_BAD_LIMIT;
    }
  }
  return KG_SUCCESS;
}

KgStatus
kg_refiner_refine(KgRefiner* const r)
{
  return r->freeze ? refine_in_rounds(r) : refine_one_by_one(r);
}

/// Merge the cells made since there were `mark` cells back into their parents.
static void
undo(KgRefiner* const r, const uint32_t mark)
{
  while (r->n_cells > mark) {
    const KgRefineCell* const c = &r->cells[--r->n_cells];
    KgRefineCell* const       p = &r->cells[c->parent];
    for (unsigned k = 0U; k < 2U; ++k) {
      for (uint32_t i = c->first[k]; i < c->first[k] + c->n[k]; ++i) {
        r->cell_of[r->elems[i]] = c->parent;
      }
      p->n[k] += c->n[k];
    }
    r->work += 1U + cell_size(c);
  }
}

KgStatus
kg_refiner_partition(KgRefiner* const r)
{
  const uint32_t n = r->n;
  for (uint32_t i = 0U; i < n; ++i) {
    const KgRefineTouch t = {0U, i, r->key[i]};
    r->touches[i]         = t;
  }

  qsort(r->touches, n, sizeof(KgRefineTouch), compare_touches);

  bool     ok      = true;
  uint32_t next[2] = {0U, r->n_a};
  r->n_cells       = 0U;
  for (uint32_t i = 0U; i < n;) {
    const uint32_t      id = r->n_cells++;
    KgRefineCell* const c  = &r->cells[id];
    c->first[0]            = next[0];
    c->first[1]            = next[1];
    c->n[0] = c->n[1] = 0U;
    c->parent         = id;
    c->queued         = false;

    const uint64_t key = r->touches[i].sig;
    for (; i < n && r->touches[i].sig == key; ++i) {
      const uint32_t node = r->touches[i].node;
      const unsigned k    = side(r, node);
      r->elems[next[k]]   = node;
      r->pos[node]        = next[k]++;
      r->cell_of[node]    = id;
      ++c->n[k];
    }
    ok        = ok && c->n[0] == c->n[1];
    c->frozen = r->freeze && c->n[0] <= 1U && c->n[1] <= 1U;
    enqueue(r, id);
  }
  r->work += n;

  if (!ok && r->check) {
    clear_queue(r);
    return KG_FAILURE;
  }
  return KG_SUCCESS;
}

/*
  Search
*/

/**
   Return the smallest cell with more than one node of each side, or
   KG_REFINE_NONE, and set `*clean` past the cells known to have one.

   Going down the search, cells only shrink.  So if `parent` (the level
   above, or NULL) chose a cell of size `parent->size`, any cell smaller
   than that now is a cell made since, or one they were split from.
*/
static uint32_t
pick_cell(const KgRefiner* const     r,
          const KgRefineFrame* const parent,
          uint32_t* const            clean)
{
  uint32_t best = KG_REFINE_NONE;
  if (parent) {
    for (uint32_t c = parent->mark; c < r->n_cells; ++c) {
      const uint32_t ids[2] = {c, r->cells[c].parent};
      for (unsigned k = 0U; k < 2U; ++k) {
        const uint32_t size = r->cells[ids[k]].n[0];
        if (size > 1U &&
            (best == KG_REFINE_NONE || size < r->cells[best].n[0])) {
          best = ids[k];
        }
      }
    }

    *clean = parent->clean;
    if (best != KG_REFINE_NONE && r->cells[best].n[0] <= parent->size) {
      return best;
    }
    best = KG_REFINE_NONE;
  }

  for (uint32_t c = *clean; c < r->n_cells; ++c) {
    const uint32_t size = r->cells[c].n[0];
    if (size > 1U) {
      if (best == KG_REFINE_NONE) {
        *clean = c;
      }
      if (best == KG_REFINE_NONE || size < r->cells[best].n[0]) {
        best = c;
        if (size == 2U) {
          break;
        }
      }
    }
  }
  return best;
}

/// Return the lowest node of side 1 in `cell` above `after` (or none).
static uint32_t
next_b(const KgRefiner* const r, const uint32_t cell, const uint32_t after)
{
  const KgRefineCell* const c    = &r->cells[cell];
  uint32_t                  best = KG_REFINE_NONE;
  for (uint32_t i = c->first[1]; i < c->first[1] + c->n[1]; ++i) {
    const uint32_t node = r->elems[i];
    if ((after == KG_REFINE_NONE || node > after) && node < best) {
      best = node;
    }
  }
  return best;
}

/// Return the next node of side 1 to pair with the node of frame `f`.
static uint32_t
next_candidate(const KgRefiner* const r, KgRefineFrame* const f)
{
  // First the one that costs nothing to find, then the others in order
  if (f->last_y == KG_REFINE_NONE) {
    f->last_y = f->first_y;
    return f->first_y;
  }

  const uint32_t after = f->last_y == f->first_y ? KG_REFINE_NONE : f->last_y;
  uint32_t       y     = next_b(r, f->cell, after);
  if (y == f->first_y) {
    y = next_b(r, f->cell, y);
  }
  f->last_y = y;
  return y;
}

/// Put `x` and `y` of `cell` in a cell of their own and refine.
static KgStatus
individualize(KgRefiner* const r,
              const uint32_t   cell,
              const uint32_t   x,
              const uint32_t   y)
{
  const KgRefineCell* const c = &r->cells[cell];
  swap_to(r, x, c->first[0] + c->n[0] - 1U);
  swap_to(r, y, c->first[1] + c->n[1] - 1U);
  enqueue(r, carve(r, cell, 1U, 1U));
  r->work += c->n[1];
  return kg_refiner_refine(r);
}

KgStatus
kg_refiner_search(KgRefiner* const     r,
                  const KgRefineVerify verify,
                  void* const          handle)
{
  if (!r->frames) {
    r->frames =
      (KgRefineFrame*)kg_reallocarray(NULL, r->n_a + 1U, sizeof(KgRefineFrame));
    if (!r->frames) {
      return KG_BAD_ALLOC;
    }
  }

  uint32_t depth = 0U;
  for (;;) {
    if (r->n_cells == r->n_a) {
      // Every cell is a pair
      r->work += r->n_a;
      if (verify(handle, r)) {
        return KG_SUCCESS;
      }
    } else {
      const KgRefineFrame* const parent = depth ? &r->frames[depth - 1U] : NULL;
      KgRefineFrame* const       f      = &r->frames[depth++];
      f->clean                          = 0U;
      f->cell                           = pick_cell(r, parent, &f->clean);

      const KgRefineCell* const c = &r->cells[f->cell];
      f->x                        = r->elems[c->first[0] + c->n[0] - 1U];
      f->first_y                  = r->elems[c->first[1] + c->n[1] - 1U];
      f->last_y                   = KG_REFINE_NONE;
      f->mark                     = r->n_cells;
      f->size                     = c->n[0];
    }

    // Try the next candidate of the deepest level, backtracking as needed
    for (;;) {
      if (!depth) {
        return KG_FAILURE;
      }

      KgRefineFrame* const f = &r->frames[depth - 1U];
      undo(r, f->mark);
      const uint32_t y = next_candidate(r, f);
      if (y == KG_REFINE_NONE) {
        --depth;
        continue;
      }

      const KgStatus st = individualize(r, f->cell, f->x, y);
      if (st == KG_SUCCESS) {
        break;
      }
      if (st != KG_FAILURE) {
        return st;
      }
    }
  }
}
