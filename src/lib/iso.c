// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Graph isomorphism (RDF 1.1 Concepts, section 3.6).
//
// Ground terms are compared by value: each ground term of `a` is looked up
// in the term table of `b`, and every ground triple of `a` must be in `b`.
// Blank nodes are matched up to a bijection, on the disjoint union of the
// blank nodes of both graphs:
//
//  1. An initial colouring hashes, for each blank node, the multiset of its
//     edges to ground terms, and the labels of its edges to blank nodes.
//  2. Colour refinement makes the partition equitable: two nodes of a cell
//     have, for every cell and every edge label, as many such edges into
//     that cell.  It is done with splitters, as in Hopcroft's algorithm:
//     when a cell splits, all its parts but the largest go on the queue, so
//     each node is in a splitter O(log n) times, and refining costs
//     O(m log n) however many rounds a plain colour refinement would need
//     (a chain of n blank nodes needs n / 2).
//  3. Because the partition is computed on the union, every cell of
//     isomorphic graphs holds as many nodes of `a` as of `b`.  A cell that
//     does not is a proof that the graphs differ.
//  4. While some cell holds several nodes of each graph, pick the smallest,
//     pair one of its nodes of `a` with each of its nodes of `b` in turn,
//     put the pair in a cell of its own, and refine again.  Each cell keeps
//     its nodes of `a` and of `b` in two ranges, and is split by carving
//     parts off the ends of its ranges: so a pair to try costs nothing to
//     find, and undoing a failed choice is merging the newest cells back
//     into their parents.  Graphs with many alike parts (10,000 identical
//     blank nodes, a tree with identical leaves) go down thousands of
//     levels, so a level costs only what its refinement costs.
//  5. When every cell is a pair, the pairs are a bijection; it is checked
//     against every triple, so a hash collision can never give a wrong yes.

#include "alloc.h"
#include "canon.h"
#include "graph.h"
#include "hash.h"
#include "intern.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/// Salts that keep the kinds of edge labels apart.
#define SALT_GROUND 0x5EED0001U
#define SALT_BLANK 0x5EED0002U
#define SALT_LINK 0x5EED0003U

/// Term id of a blank neighbour in an initial colour: never a real id.
#define BLANK_NEIGHBOUR UINT32_MAX

/// No candidate tried yet.
#define NO_NODE UINT32_MAX

/// An edge between two blank nodes, seen from one end.
typedef struct {
  uint64_t label; ///< Hash of direction and predicate
  uint32_t node;  ///< The other end
} Edge;

/// A cell of the partition: its nodes of `a`, then of `b`, are each a range
/// of `elems`.
typedef struct {
  uint32_t first[2]; ///< First position of its nodes of `a`, of `b`
  uint32_t n[2];     ///< Number of its nodes of `a`, of `b`
  uint32_t parent;   ///< Cell it was split from (for undoing)
  bool     queued;   ///< In the splitter queue
} Cell;

/// A node touched by a splitter, with its signature.
typedef struct {
  uint32_t cell;
  uint32_t node;
  uint64_t sig;
} Touch;

/// One level of the search.
typedef struct {
  uint32_t cell;    ///< The cell being split
  uint32_t x;       ///< Its node of `a`
  uint32_t first_y; ///< The node of `b` to try first
  uint32_t last_y;  ///< The node of `b` tried last, or NO_NODE
  uint32_t mark;    ///< Number of cells before this level
  uint32_t size;    ///< Nodes of `a` in `cell`
  uint32_t clean;   ///< Cells before this one have one node of each graph
} Frame;

typedef struct {
  const KgGraph* a;
  const KgGraph* b;
  KgTermId*      map;       ///< Term of `a` to term of `b` (0: none)
  uint32_t*      node_a;    ///< Term of `a` to blank node index + 1 (0: none)
  uint32_t*      node_b;    ///< Term of `b` to blank node index + 1 (0: none)
  KgTermId*      terms;     ///< Blank node index to its term (in `a` or `b`)
  uint32_t       n_a;       ///< Blank nodes of `a`: indices [0, n_a)
  uint32_t       n;         ///< All blank nodes: those of `b` are [n_a, n)
  uint32_t*      adj_start; ///< n + 1 offsets into `adj`
  Edge*          adj;       ///< Edges between blank nodes, by node
  uint64_t*      key;       ///< Initial colour, then scratch signature
  bool*          touched;   ///< Touched by the current splitter
  Touch*         touches;   ///< Nodes touched by the current splitter
  uint32_t*      elems;     ///< Nodes of `a`, then of `b`, grouped by cell
  uint32_t*      pos;       ///< Position of each node in `elems`
  uint32_t*      cell_of;   ///< Cell of each node
  Cell*          cells;     ///< Cells; never more than `n`
  uint32_t       n_cells;
  uint32_t*      queue; ///< Splitter cells to process
  uint32_t       n_queue;
  Frame*         frames; ///< Search levels
} Iso;

/*
  Ground terms
*/

/*
  Blank nodes
*/

/// Number the blank nodes used in triples of `graph` from `*n`.
static KgStatus
number_blanks(const KgGraph* const graph,
              uint32_t* const      node,
              KgTermId** const     terms,
              size_t* const        terms_cap,
              uint32_t* const      n)
{
  for (size_t i = 0U; i < graph->n_triples; ++i) {
    const KgTermId ids[2] = {graph->triples[i].s, graph->triples[i].o};
    for (unsigned k = 0U; k < 2U; ++k) {
      const KgTermId id = ids[k];
      if (graph->terms.terms[id].kind != KG_TERM_BLANK || node[id]) {
        continue;
      }

      if (*n == *terms_cap) {
        const size_t    cap = *terms_cap ? *terms_cap * 2U : 64U;
        KgTermId* const t =
          (KgTermId*)kg_reallocarray(*terms, cap, sizeof(KgTermId));
        if (!t) {
          return KG_BAD_ALLOC;
        }
        *terms     = t;
        *terms_cap = cap;
      }

      (*terms)[*n] = id;
      node[id]     = ++*n;
    }
  }
  return KG_SUCCESS;
}

static inline uint64_t
link_label(const KgTermId p, const bool out)
{
  return kg_hash_u64((((uint64_t)p << 1U) | (out ? 1U : 0U)) ^
                     ((uint64_t)SALT_LINK << 40U));
}

static inline uint64_t
ground_label(const KgTermId p, const bool out, const KgTermId other)
{
  const uint64_t salt = other == BLANK_NEIGHBOUR ? SALT_BLANK : SALT_GROUND;
  return kg_hash_u64(
    kg_hash_u64((((uint64_t)p << 1U) | (out ? 1U : 0U)) ^ (salt << 40U)) ^
    other);
}

/**
   Add the edges of the blank triples of `graph` (nodes from `node`, ground
   terms through `map`, or as they are if `map` is NULL) to the initial
   colours, and count or fill the blank-to-blank edges.
*/
static void
scan_edges(Iso* const            iso,
           const KgGraph* const  graph,
           const uint32_t* const node,
           const KgTermId* const map,
           const bool            fill)
{
  for (size_t i = 0U; i < graph->n_triples; ++i) {
    const KgTriple* const t  = &graph->triples[i];
    const uint32_t        sn = node[t->s];
    const uint32_t        on = node[t->o];
    if (!sn && !on) {
      continue;
    }

    const KgTermId p = map ? map[t->p] : t->p;
    if (sn && on) {
      if (fill) {
        const Edge out                      = {link_label(p, true), on - 1U};
        const Edge in                       = {link_label(p, false), sn - 1U};
        iso->adj[iso->adj_start[sn - 1U]++] = out;
        iso->adj[iso->adj_start[on - 1U]++] = in;
      } else {
        ++iso->adj_start[sn];
        ++iso->adj_start[on];
        iso->key[sn - 1U] += ground_label(p, true, BLANK_NEIGHBOUR);
        iso->key[on - 1U] += ground_label(p, false, BLANK_NEIGHBOUR);
      }
    } else if (!fill && sn) {
      iso->key[sn - 1U] += ground_label(p, true, map ? map[t->o] : t->o);
    } else if (!fill) {
      iso->key[on - 1U] += ground_label(p, false, map ? map[t->s] : t->s);
    }
  }
}

/// Build the blank-to-blank edges and the initial colours of all nodes.
static KgStatus
build_edges(Iso* const iso)
{
  const uint32_t n = iso->n;
  iso->adj_start   = (uint32_t*)kg_calloc((size_t)n + 1U, sizeof(uint32_t));
  iso->key         = (uint64_t*)kg_calloc(n ? n : 1U, sizeof(uint64_t));
  if (!iso->adj_start || !iso->key) {
    return KG_BAD_ALLOC;
  }

  // Count, then turn counts into starts, then fill (advancing the starts)
  scan_edges(iso, iso->a, iso->node_a, iso->map, false);
  scan_edges(iso, iso->b, iso->node_b, NULL, false);
  for (uint32_t i = 1U; i <= n; ++i) {
    iso->adj_start[i] += iso->adj_start[i - 1U];
  }

  iso->adj = (Edge*)kg_reallocarray(
    NULL, iso->adj_start[n] ? iso->adj_start[n] : 1U, sizeof(Edge));
  if (!iso->adj) {
    return KG_BAD_ALLOC;
  }

  scan_edges(iso, iso->a, iso->node_a, iso->map, true);
  scan_edges(iso, iso->b, iso->node_b, NULL, true);
  for (uint32_t i = n; i > 0U; --i) {
    iso->adj_start[i] = iso->adj_start[i - 1U];
  }
  iso->adj_start[0] = 0U;
  return KG_SUCCESS;
}

/*
  The partition
*/

static int
compare_touches(const void* const pa, const void* const pb)
{
  const Touch* const a = (const Touch*)pa;
  const Touch* const b = (const Touch*)pb;
  if (a->cell != b->cell) {
    return a->cell < b->cell ? -1 : 1;
  }
  if (a->sig != b->sig) {
    return a->sig < b->sig ? -1 : 1;
  }
  return a->node < b->node ? -1 : a->node > b->node ? 1 : 0;
}

/// Return 0 for a node of `a`, 1 for a node of `b`.
static inline unsigned
side(const Iso* const iso, const uint32_t node)
{
  return node >= iso->n_a ? 1U : 0U;
}

static inline uint32_t
cell_size(const Cell* const cell)
{
  return cell->n[0] + cell->n[1];
}

static inline void
enqueue(Iso* const iso, const uint32_t cell)
{
  if (!iso->cells[cell].queued) {
    iso->cells[cell].queued    = true;
    iso->queue[iso->n_queue++] = cell;
  }
}

static void
clear_queue(Iso* const iso)
{
  while (iso->n_queue) {
    iso->cells[iso->queue[--iso->n_queue]].queued = false;
  }
}

/// Put `node` at position `p` of `elems`, moving what was there to its place.
static inline void
swap_to(Iso* const iso, const uint32_t node, const uint32_t p)
{
  const uint32_t q     = iso->pos[node];
  const uint32_t other = iso->elems[p];
  iso->elems[q]        = other;
  iso->pos[other]      = q;
  iso->elems[p]        = node;
  iso->pos[node]       = p;
}

/// Carve the last `n_a` nodes of `a` and `n_b` of `b` of `parent` into a new
/// cell.
static uint32_t
carve(Iso* const     iso,
      const uint32_t parent,
      const uint32_t n_a,
      const uint32_t n_b)
{
  const uint32_t id   = iso->n_cells++;
  Cell* const    p    = &iso->cells[parent];
  Cell* const    c    = &iso->cells[id];
  const uint32_t n[2] = {n_a, n_b};

  c->parent = parent;
  c->queued = false;
  for (unsigned k = 0U; k < 2U; ++k) {
    c->first[k] = p->first[k] + p->n[k] - n[k];
    c->n[k]     = n[k];
    p->n[k] -= n[k];
    for (uint32_t i = c->first[k]; i < c->first[k] + n[k]; ++i) {
      iso->cell_of[iso->elems[i]] = id;
    }
  }
  return id;
}

/**
   Split cell `cell` by the signatures of its touched nodes `t` (sorted by
   signature); untouched nodes have the empty signature.

   @return False iff a part holds more nodes of one graph than of the other.
*/
static bool
split_cell(Iso* const         iso,
           const uint32_t     cell,
           const Touch* const t,
           const uint32_t     n_t)
{
  Cell* const c       = &iso->cells[cell];
  uint32_t    n_tk[2] = {0U, 0U};
  for (uint32_t i = 0U; i < n_t; ++i) {
    ++n_tk[side(iso, t[i].node)];
  }

  const bool keep = n_t < cell_size(c); // The parent keeps the untouched nodes
  if (!keep && t[0].sig == t[n_t - 1U].sig) {
    return true;
  }

  // Move the touched nodes to the ends of the cell's ranges, in group order
  uint32_t next[2] = {c->first[0] + c->n[0] - n_tk[0],
                      c->first[1] + c->n[1] - n_tk[1]};
  for (uint32_t i = 0U; i < n_t; ++i) {
    swap_to(iso, t[i].node, next[side(iso, t[i].node)]++);
  }

  // Carve the groups off the ends, the last first; the parent keeps the
  // untouched nodes, or else the first group
  const bool     was_queued = c->queued;
  const uint32_t first_new  = iso->n_cells;
  bool           ok         = true;
  for (uint32_t i = n_t; i > 0U;) {
    uint32_t j      = i - 1U;
    uint32_t n_g[2] = {0U, 0U};
    ++n_g[side(iso, t[j].node)];
    while (j > 0U && t[j - 1U].sig == t[i - 1U].sig) {
      ++n_g[side(iso, t[--j].node)];
    }
    if (!j && !keep) {
      break;
    }

    carve(iso, cell, n_g[0], n_g[1]);
    ok = ok && n_g[0] == n_g[1];
    i  = j;
  }
  ok = ok && c->n[0] == c->n[1];

  // Hopcroft's rule: all parts but the largest become splitters, unless
  // the cell was a splitter already (then all of them are)
  uint32_t largest = cell;
  for (uint32_t id = first_new; id < iso->n_cells; ++id) {
    if (!was_queued &&
        cell_size(&iso->cells[id]) > cell_size(&iso->cells[largest])) {
      largest = id;
    }
  }
  for (uint32_t id = first_new; id < iso->n_cells; ++id) {
    if (id != largest) {
      enqueue(iso, id);
    }
  }
  if (largest != cell) {
    enqueue(iso, cell);
  }

  return ok;
}

/**
   Refine the partition until it is equitable.

   @return False iff some cell holds more nodes of one graph than of the
   other, which proves that this branch cannot be an isomorphism.
*/
static bool
refine(Iso* const iso)
{
  while (iso->n_queue) {
    const uint32_t    s    = iso->queue[--iso->n_queue];
    const Cell* const cell = &iso->cells[s];
    iso->cells[s].queued   = false;

    // The signature of a node is the multiset of the labels of its edges
    // into the splitter, hashed as a sum of well-mixed label hashes
    uint32_t n_t = 0U;
    for (unsigned k = 0U; k < 2U; ++k) {
      for (uint32_t i = cell->first[k]; i < cell->first[k] + cell->n[k]; ++i) {
        const uint32_t u = iso->elems[i];
        for (uint32_t e = iso->adj_start[u]; e < iso->adj_start[u + 1U]; ++e) {
          const uint32_t v = iso->adj[e].node;
          if (!iso->touched[v]) {
            iso->touched[v]          = true;
            iso->key[v]              = 0U;
            iso->touches[n_t++].node = v;
          }
          iso->key[v] += iso->adj[e].label;
        }
      }
    }

    for (uint32_t i = 0U; i < n_t; ++i) {
      Touch* const t        = &iso->touches[i];
      t->cell               = iso->cell_of[t->node];
      t->sig                = iso->key[t->node];
      iso->touched[t->node] = false;
    }

    qsort(iso->touches, n_t, sizeof(Touch), compare_touches);
    for (uint32_t i = 0U; i < n_t;) {
      uint32_t j = i + 1U;
      while (j < n_t && iso->touches[j].cell == iso->touches[i].cell) {
        ++j;
      }
      if (!split_cell(iso, iso->touches[i].cell, iso->touches + i, j - i)) {
        clear_queue(iso);
        return false;
      }
      i = j;
    }
  }
  return true;
}

/// Merge the cells made since there were `mark` cells back into their parents.
static void
undo(Iso* const iso, const uint32_t mark)
{
  while (iso->n_cells > mark) {
    const Cell* const c = &iso->cells[--iso->n_cells];
    Cell* const       p = &iso->cells[c->parent];
    for (unsigned k = 0U; k < 2U; ++k) {
      for (uint32_t i = c->first[k]; i < c->first[k] + c->n[k]; ++i) {
        iso->cell_of[iso->elems[i]] = c->parent;
      }
      p->n[k] += c->n[k];
    }
  }
}

/// Make the initial cells, by initial colour.  @return False if unbalanced.
static bool
initial_partition(Iso* const iso)
{
  const uint32_t n = iso->n;
  for (uint32_t i = 0U; i < n; ++i) {
    const Touch t   = {0U, i, iso->key[i]};
    iso->touches[i] = t;
  }

  qsort(iso->touches, n, sizeof(Touch), compare_touches);

  bool     ok      = true;
  uint32_t next[2] = {0U, iso->n_a};
  for (uint32_t i = 0U; i < n;) {
    const uint32_t id = iso->n_cells++;
    Cell* const    c  = &iso->cells[id];
    c->first[0]       = next[0];
    c->first[1]       = next[1];
    c->n[0] = c->n[1] = 0U;
    c->parent         = id;
    c->queued         = false;

    const uint64_t key = iso->touches[i].sig;
    for (; i < n && iso->touches[i].sig == key; ++i) {
      const uint32_t node = iso->touches[i].node;
      const unsigned k    = side(iso, node);
      iso->elems[next[k]] = node;
      iso->pos[node]      = next[k]++;
      iso->cell_of[node]  = id;
      ++c->n[k];
    }
    ok = ok && c->n[0] == c->n[1];
    enqueue(iso, id);
  }

  if (!ok) {
    clear_queue(iso);
  }
  return ok;
}

/*
  Search
*/

/// Return true iff pairing the nodes of each cell maps `a` onto `b`.
static bool
verify(Iso* const iso)
{
  for (uint32_t c = 0U; c < iso->n_cells; ++c) {
    const Cell* const cell = &iso->cells[c];
    iso->map[iso->terms[iso->elems[cell->first[0]]]] =
      iso->terms[iso->elems[cell->first[1]]];
  }

  const KgGraph* const a = iso->a;
  for (size_t i = 0U; i < a->n_triples; ++i) {
    const KgTriple* const t = &a->triples[i];
    if ((iso->node_a[t->s] || iso->node_a[t->o]) &&
        !kg_graph_contains(
          iso->b, iso->map[t->s], iso->map[t->p], iso->map[t->o])) {
      return false;
    }
  }
  return true;
}

/**
   Return the smallest cell with more than one node of each graph, or
   NO_NODE, and set `*clean` past the cells known to have one.

   Going down the search, cells only shrink.  So if `parent` (the level
   above, or NULL) chose a cell of size `parent->size`, any cell smaller
   than that now is a cell made since, or one they were split from.
*/
static uint32_t
pick_cell(const Iso* const   iso,
          const Frame* const parent,
          uint32_t* const    clean)
{
  uint32_t best = NO_NODE;
  if (parent) {
    for (uint32_t c = parent->mark; c < iso->n_cells; ++c) {
      const uint32_t ids[2] = {c, iso->cells[c].parent};
      for (unsigned k = 0U; k < 2U; ++k) {
        const uint32_t size = iso->cells[ids[k]].n[0];
        if (size > 1U && (best == NO_NODE || size < iso->cells[best].n[0])) {
          best = ids[k];
        }
      }
    }

    *clean = parent->clean;
    if (best != NO_NODE && iso->cells[best].n[0] <= parent->size) {
      return best;
    }
    best = NO_NODE;
  }

  for (uint32_t c = *clean; c < iso->n_cells; ++c) {
    const uint32_t size = iso->cells[c].n[0];
    if (size > 1U) {
      if (best == NO_NODE) {
        *clean = c;
      }
      if (best == NO_NODE || size < iso->cells[best].n[0]) {
        best = c;
        if (size == 2U) {
          break;
        }
      }
    }
  }
  return best;
}

/// Return the lowest node of `b` in `cell` above `after` (or NO_NODE).
static uint32_t
next_b(const Iso* const iso, const uint32_t cell, const uint32_t after)
{
  const Cell* const c    = &iso->cells[cell];
  uint32_t          best = NO_NODE;
  for (uint32_t i = c->first[1]; i < c->first[1] + c->n[1]; ++i) {
    const uint32_t node = iso->elems[i];
    if ((after == NO_NODE || node > after) && node < best) {
      best = node;
    }
  }
  return best;
}

/// Return the next node of `b` to pair with the node of `a` of frame `f`.
static uint32_t
next_candidate(const Iso* const iso, Frame* const f)
{
  // First the one that costs nothing to find, then the others in order
  if (f->last_y == NO_NODE) {
    f->last_y = f->first_y;
    return f->first_y;
  }

  const uint32_t after = f->last_y == f->first_y ? NO_NODE : f->last_y;
  uint32_t       y     = next_b(iso, f->cell, after);
  if (y == f->first_y) {
    y = next_b(iso, f->cell, y);
  }
  f->last_y = y;
  return y;
}

/// Put `x` and `y` of `cell` in a cell of their own and refine.
static bool
individualize(Iso* const     iso,
              const uint32_t cell,
              const uint32_t x,
              const uint32_t y)
{
  const Cell* const c = &iso->cells[cell];
  swap_to(iso, x, c->first[0] + c->n[0] - 1U);
  swap_to(iso, y, c->first[1] + c->n[1] - 1U);
  enqueue(iso, carve(iso, cell, 1U, 1U));
  return refine(iso);
}

static bool
search(Iso* const iso)
{
  uint32_t depth = 0U;
  for (;;) {
    if (iso->n_cells == iso->n_a) {
      // Every cell is a pair
      if (verify(iso)) {
        return true;
      }
    } else {
      const Frame* const parent = depth ? &iso->frames[depth - 1U] : NULL;
      Frame* const       f      = &iso->frames[depth++];
      f->clean                  = 0U;
      f->cell                   = pick_cell(iso, parent, &f->clean);

      const Cell* const c = &iso->cells[f->cell];
      f->x                = iso->elems[c->first[0] + c->n[0] - 1U];
      f->first_y          = iso->elems[c->first[1] + c->n[1] - 1U];
      f->last_y           = NO_NODE;
      f->mark             = iso->n_cells;
      f->size             = c->n[0];
    }

    // Try the next candidate of the deepest level, backtracking as needed
    for (;;) {
      if (!depth) {
        return false;
      }

      Frame* const f = &iso->frames[depth - 1U];
      undo(iso, f->mark);
      const uint32_t y = next_candidate(iso, f);
      if (y == NO_NODE) {
        --depth;
      } else if (individualize(iso, f->cell, f->x, y)) {
        break;
      }
    }
  }
}

/*
  Entry point
*/

/// Return true iff every ground triple of `a` is in `b` and they have as many.
static bool
same_ground_triples(const Iso* const iso, bool* const has_blanks)
{
  size_t n_ground_a = 0U;
  size_t n_ground_b = 0U;

  const KgGraph* const a = iso->a;
  for (size_t i = 0U; i < a->n_triples; ++i) {
    const KgTriple* const t     = &a->triples[i];
    const bool            blank = iso->node_a[t->s] || iso->node_a[t->o];
    const KgTermId        s = blank && iso->node_a[t->s] ? 1U : iso->map[t->s];
    const KgTermId        o = blank && iso->node_a[t->o] ? 1U : iso->map[t->o];
    if (!s || !iso->map[t->p] || !o) {
      return false; // A ground term that `b` does not have
    }
    if (!blank) {
      ++n_ground_a;
      if (!kg_graph_contains(iso->b, s, iso->map[t->p], o)) {
        return false;
      }
    }
  }

  const KgGraph* const b = iso->b;
  for (size_t i = 0U; i < b->n_triples; ++i) {
    const KgTriple* const t = &b->triples[i];
    n_ground_b += (!iso->node_b[t->s] && !iso->node_b[t->o]) ? 1U : 0U;
  }

  *has_blanks = n_ground_a < a->n_triples;
  return n_ground_a == n_ground_b;
}

static void
iso_fini(Iso* const iso)
{
  kg_free(iso->frames);
  kg_free(iso->queue);
  kg_free(iso->cells);
  kg_free(iso->cell_of);
  kg_free(iso->pos);
  kg_free(iso->elems);
  kg_free(iso->touches);
  kg_free(iso->touched);
  kg_free(iso->key);
  kg_free(iso->adj);
  kg_free(iso->adj_start);
  kg_free(iso->terms);
  kg_free(iso->node_b);
  kg_free(iso->node_a);
  kg_free(iso->map);
}

static KgStatus
is_isomorphic(Iso* const iso, bool* const result)
{
  const KgGraph* const a = iso->a;
  const KgGraph* const b = iso->b;

  *result = false;
  if (a->n_triples != b->n_triples) {
    return KG_SUCCESS;
  }

  iso->map    = (KgTermId*)kg_calloc(a->terms.n_terms, sizeof(KgTermId));
  iso->node_a = (uint32_t*)kg_calloc(a->terms.n_terms, sizeof(uint32_t));
  iso->node_b = (uint32_t*)kg_calloc(b->terms.n_terms, sizeof(uint32_t));
  if (!iso->map || !iso->node_a || !iso->node_b) {
    return KG_BAD_ALLOC;
  }

  KgStatus st        = kg_graph_map_ground(iso->a, iso->b, iso->map);
  size_t   terms_cap = 0U;
  uint32_t n         = 0U;
  if (st || (st = number_blanks(a, iso->node_a, &iso->terms, &terms_cap, &n))) {
    return st;
  }

  iso->n_a = n;
  if ((st = number_blanks(b, iso->node_b, &iso->terms, &terms_cap, &n))) {
    return st;
  }
  iso->n = n;

  bool has_blanks = false;
  if (n - iso->n_a != iso->n_a || !same_ground_triples(iso, &has_blanks)) {
    return KG_SUCCESS;
  }
  if (!has_blanks) {
    *result = true;
    return KG_SUCCESS;
  }

  if ((st = build_edges(iso))) {
    return st;
  }

  iso->touched = (bool*)kg_calloc(n, sizeof(bool));
  iso->touches = (Touch*)kg_reallocarray(NULL, n, sizeof(Touch));
  iso->elems   = (uint32_t*)kg_reallocarray(NULL, n, sizeof(uint32_t));
  iso->pos     = (uint32_t*)kg_reallocarray(NULL, n, sizeof(uint32_t));
  iso->cell_of = (uint32_t*)kg_reallocarray(NULL, n, sizeof(uint32_t));
  iso->cells   = (Cell*)kg_reallocarray(NULL, n, sizeof(Cell));
  iso->queue   = (uint32_t*)kg_reallocarray(NULL, n, sizeof(uint32_t));
  iso->frames  = (Frame*)kg_reallocarray(NULL, iso->n_a, sizeof(Frame));
  if (!iso->touched || !iso->touches || !iso->elems || !iso->pos ||
      !iso->cell_of || !iso->cells || !iso->queue || !iso->frames) {
    return KG_BAD_ALLOC;
  }

  *result = initial_partition(iso) && refine(iso) && search(iso);
  return KG_SUCCESS;
}

/// Set `*digest` to the hash of the canonical N-Quads of `graph`.
static KgStatus
canonical_digest(const KgGraph* const graph, uint8_t* const digest)
{
  const KgCanonOptions options = {KG_HASH_SHA256, 0U, {NULL, NULL}};
  KgCanonizer          c;
  KgStatus             st = kg_canonizer_init(&c, graph, &options);
  st = st ? st : kg_canonizer_run(&c, NULL, graph->n_triples);
  st = st ? st : kg_canonizer_digest(&c, NULL, graph->n_triples, digest);
  kg_canonizer_fini(&c);
  return st;
}

/// Datasets (with graph names): compare their canonical forms.
static KgStatus
same_canonical_form(const KgGraph* const a,
                    const KgGraph* const b,
                    bool* const          result)
{
  uint8_t  da[KG_MAX_DIGEST] = {0U};
  uint8_t  db[KG_MAX_DIGEST] = {0U};
  KgStatus st                = KG_SUCCESS;
  *result                    = a->n_triples == b->n_triples;
  if (*result && !(st = canonical_digest(a, da)) &&
      !(st = canonical_digest(b, db))) {
    *result = !memcmp(da, db, sizeof(da));
  }
  return st;
}

bool
kg_graph_is_isomorphic(const KgGraph* const a,
                       const KgGraph* const b,
                       KgStatus* const      status)
{
  if (kg_graph_has_names(a) || kg_graph_has_names(b)) {
    bool           result = false;
    const KgStatus st     = same_canonical_form(a, b, &result);
    if (status) {
      *status = st;
    }
    return !st && result;
  }

  Iso iso;
  memset(&iso, 0, sizeof(iso));
  iso.a = a;
  iso.b = b;

  bool           result = false;
  const KgStatus st     = is_isomorphic(&iso, &result);
  iso_fini(&iso);
  if (status) {
    *status = st;
  }
  return !st && result;
}
