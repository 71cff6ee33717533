// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The difference between two graphs.
//
// Ground terms are the same in both graphs when they are equal.  Blank
// nodes have no name, so they are first matched:
//
//  1. Whole blank-node components that are isomorphic are matched through
//     an isomorphism.  Colour refinement of the blank nodes of both graphs
//     at once (refine.h: O(m log n), from all that each node says) puts
//     nodes that an isomorphism could map onto each other in one cell; a
//     component's cells pair it with the components of the same shape, and
//     for each pair, individualization and refinement find an isomorphism
//     or prove there is none.  This search can take exponential time on
//     hard structures: its work is counted, and past the limit diff fails
//     (KG_BAD_LIMIT) rather than report changes that may not be there.
//  2. In the components left, a node whose own facts (its triples with no
//     other blank node) tell it apart is matched, and refinement adds its
//     links to the nodes not yet told apart; a node that is told apart
//     keeps the description that did it.  So a node whose own facts are
//     unchanged is matched even if a node it links to changed, or the link
//     itself, and the change shows as that one edge.
//  3. The nodes still left are matched by likeness.
//
// So isomorphic graphs have an empty difference, or diff fails at the work
// limit.  Then a triple of one graph is unchanged when its terms, blank
// nodes through the match, make a triple of the other graph.  Since the
// match is a one-to-one map, RDF Patch made of the difference, with
// matched new nodes written with their old labels, turns the old graph
// into the new one.
//
// Writing the difference is in diff_write.c.

#include "alloc.h"
#include "diff_impl.h"
#include "graph.h"
#include "hash.h"
#include "intern.h"
#include "log.h"
#include "refine.h"
#include "sorted.h"

#include <kgraph/diff.h>
#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
  Components
*/

static KgTermId
find_root(KgTermId* const parent, KgTermId x)
{
  while (parent[x] != x) {
    x = parent[x] = parent[parent[x]];
  }
  return x;
}

/// Return the blank nodes of triple `i` (subject, object, graph name).
static unsigned
blanks_of(const KgGraph* const graph, const size_t i, KgTermId* const out)
{
  const KgTriple* const t = &graph->triples[i];
  const KgTermId        g = kg_graph_name(graph, i);
  unsigned              n = 0U;
  if (kg_is_blank(graph, t->s)) {
    out[n++] = t->s;
  }
  if (kg_is_blank(graph, t->o)) {
    out[n++] = t->o;
  }
  if (g && kg_is_blank(graph, g)) {
    out[n++] = g;
  }
  return n;
}

/// Cut the graph of `side` into ground triples and components.
static KgStatus
find_components(Side* const side)
{
  const KgGraph* const graph   = side->graph;
  const size_t         n       = graph->n_triples;
  const size_t         n_terms = (size_t)graph->terms.n_terms + 1U;
  KgTermId* const      parent =
    (KgTermId*)kg_reallocarray(NULL, n_terms, sizeof(KgTermId));
  side->comp_of = (uint32_t*)kg_reallocarray(NULL, n_terms, sizeof(uint32_t));
  side->comp = (uint32_t*)kg_reallocarray(NULL, n ? n : 1U, sizeof(uint32_t));
  if (!parent || !side->comp_of || !side->comp) {
    kg_free(parent);
    return KG_BAD_ALLOC;
  }

  for (size_t id = 0U; id < n_terms; ++id) {
    parent[id]        = (KgTermId)id;
    side->comp_of[id] = GROUND;
  }

  // Union the blank nodes of each triple
  for (size_t i = 0U; i < n; ++i) {
    KgTermId       blanks[3];
    const unsigned k = blanks_of(graph, i, blanks);
    for (unsigned j = 1U; j < k; ++j) {
      const KgTermId a      = find_root(parent, blanks[0]);
      const KgTermId b      = find_root(parent, blanks[j]);
      parent[a > b ? a : b] = a > b ? b : a;
    }
  }

  // Number the components in order of first appearance
  side->n_comps = 0U;
  for (size_t i = 0U; i < n; ++i) {
    KgTermId blanks[3];
    if (!blanks_of(graph, i, blanks)) {
      side->comp[i] = GROUND;
      continue;
    }
    const KgTermId root = find_root(parent, blanks[0]);
    if (side->comp_of[root] == GROUND) {
      side->comp_of[root] = side->n_comps++;
    }
    side->comp[i] = side->comp_of[root];
  }
  for (size_t id = 1U; id < n_terms; ++id) {
    if (kg_is_blank(graph, (KgTermId)id)) {
      side->comp_of[id] = side->comp_of[find_root(parent, (KgTermId)id)];
    }
  }
  kg_free(parent);

  // The triples of each component, by a counting sort
  const size_t n_comps = side->n_comps;
  side->comp_start     = (uint32_t*)kg_calloc(n_comps + 2U, sizeof(uint32_t));
  side->roots          = (KgTermId*)kg_calloc(n_comps + 1U, sizeof(KgTermId));
  if (!side->comp_start || !side->roots) {
    return KG_BAD_ALLOC;
  }

  size_t n_members = 0U;
  for (size_t i = 0U; i < n; ++i) {
    if (side->comp[i] != GROUND) {
      ++side->comp_start[side->comp[i] + 2U];
      ++n_members;
    }
  }
  for (size_t c = 2U; c < n_comps + 2U; ++c) {
    side->comp_start[c] += side->comp_start[c - 1U];
  }

  side->members =
    (uint32_t*)kg_reallocarray(NULL, n_members + 1U, sizeof(uint32_t));
  if (!side->members) {
    return KG_BAD_ALLOC;
  }
  for (size_t i = 0U; i < n; ++i) {
    if (side->comp[i] != GROUND) {
      side->members[side->comp_start[side->comp[i] + 1U]++] = (uint32_t)i;

      // The root: the least IRI subject
      const KgTermId  s    = graph->triples[i].s;
      KgTermId* const root = &side->roots[side->comp[i]];
      if (!kg_is_blank(graph, s) &&
          (!*root || kg_term_compare(graph, s, *root) < 0)) {
        *root = s;
      }
    }
  }
  return KG_SUCCESS;
}

/*
  Matching blank nodes by refinement
*/

static inline uint64_t
mix(const uint64_t a, const uint64_t b)
{
  return kg_hash_u64(a * 0x9E3779B97F4A7C15ULL + b + 0x632BE59BD9B4E019ULL);
}

/// Hash the value of each ground term of `graph` into `out`.
static void
hash_ground_terms(const KgGraph* const graph, uint64_t* const out)
{
  const KgTerms* const terms = &graph->terms;
  for (KgTermId id = 1U; id < terms->n_terms; ++id) {
    const KgTerm* const t = &terms->terms[id];
    out[id]               = t->kind == KG_TERM_BLANK
                              ? 0U
                              : kg_hash(t->str, t->len, (uint64_t)t->kind);
  }
  for (KgTermId id = 1U; id < terms->n_terms; ++id) {
    const KgTerm* const t = &terms->terms[id];
    if (t->kind == KG_TERM_LITERAL) {
      const KgStringView lang = terms->langs[t->lang];
      out[id] =
        mix(mix(out[id], out[t->aux]), kg_hash(lang.data, lang.len, 7U));
    }
  }
}

/// Number the blank nodes of `side` component by component.
static KgStatus
number_nodes(Side* const side)
{
  const KgGraph* const graph = side->graph;
  const size_t         n     = (size_t)graph->terms.n_terms + 1U;
  side->node_start = (uint32_t*)kg_calloc(side->n_comps + 2U, sizeof(uint32_t));
  side->node_of    = (uint32_t*)kg_reallocarray(NULL, n, sizeof(uint32_t));
  if (!side->node_start || !side->node_of) {
    return KG_BAD_ALLOC;
  }

  for (KgTermId id = 1U; id < graph->terms.n_terms; ++id) {
    if (kg_is_blank(graph, id) && side->comp_of[id] != GROUND) {
      ++side->node_start[side->comp_of[id] + 2U];
    }
  }
  for (uint32_t c = 2U; c < side->n_comps + 2U; ++c) {
    side->node_start[c] += side->node_start[c - 1U];
  }

  side->n_nodes = side->node_start[side->n_comps + 1U];
  side->nodes =
    (KgTermId*)kg_reallocarray(NULL, side->n_nodes + 1U, sizeof(KgTermId));
  if (!side->nodes) {
    return KG_BAD_ALLOC;
  }
  for (KgTermId id = 0U; id < n; ++id) {
    side->node_of[id] = NO_NODE;
    if (id && id < graph->terms.n_terms && kg_is_blank(graph, id) &&
        side->comp_of[id] != GROUND) {
      const uint32_t pos = side->node_start[side->comp_of[id] + 1U]++;
      side->nodes[pos]   = id;
      side->node_of[id]  = pos;
    }
  }
  return KG_SUCCESS;
}

/// Markers of a blank node in a description: the node itself, another.
#define SELF 0x5E1FULL
#define OTHER_BLANK 0xB1A7CULL

/// The blank nodes of both graphs, or of their components not yet matched,
/// as nodes of a refiner.
typedef struct {
  KgDiff*    diff;
  uint32_t*  base[2]; ///< Per component: index of its first node, or NO_NODE
  uint32_t   n[2];    ///< Nodes of each graph in the refiner
  KgTermId*  term;    ///< Per node of the refiner: its term
  KgRefiner* r;
} Nodes;

/// Return the refiner's index of term `id` of graph `w`, or NO_NODE.
static inline uint32_t
index_of(const Nodes* const nodes, const unsigned w, const KgTermId id)
{
  const Side* const side = &nodes->diff->sides[w];
  const uint32_t    pos  = id ? side->node_of[id] : NO_NODE;
  if (pos == NO_NODE) {
    return NO_NODE;
  }
  const uint32_t comp = side->comp_of[id];
  const uint32_t base = nodes->base[w][comp];
  return base == NO_NODE
           ? NO_NODE
           : (w ? nodes->n[OLD] : 0U) + base + (pos - side->node_start[comp]);
}

/// Return what term `t[j]` brings to the description of `t[k]`.
static inline uint64_t
value_in(const Side* const     side,
         const KgTermId* const t,
         const unsigned        k,
         const unsigned        j)
{
  return !t[j]                            ? 0U
         : t[j] == t[k]                   ? SELF
         : kg_is_blank(side->graph, t[j]) ? OTHER_BLANK
                                          : side->ground[t[j]];
}

/**
   Add what triple `i` of graph `w` says to the initial colours and edges of
   the refiner: if `fill`, its edges, else its edge counts and the items of
   its nodes' colours (unless `own`, only from triples with one blank node:
   a node's own facts).
*/
static void
scan_triple(Nodes* const   nodes,
            const unsigned w,
            const uint32_t i,
            const bool     own,
            const bool     fill)
{
  const Side* const     side = &nodes->diff->sides[w];
  const KgTriple* const tr   = &side->graph->triples[i];
  const KgTermId        t[3] = {tr->s, tr->o, kg_graph_name(side->graph, i)};
  const uint64_t        p    = side->ground[tr->p];
  uint32_t              x[3];
  unsigned              n_distinct = 0U;
  for (unsigned k = 0U; k < 3U; ++k) {
    x[k] = index_of(nodes, w, t[k]);
    n_distinct +=
      x[k] != NO_NODE && (!k || t[k] != t[0]) && (k < 2U || t[k] != t[1]);
  }

  for (unsigned k = 0U; k < 3U; ++k) {
    if (x[k] == NO_NODE) {
      continue;
    }

    // Its colour: the triple's other terms as seen from it, once per node
    if (!fill && (!own || n_distinct == 1U) && (!k || t[k] != t[0]) &&
        (k < 2U || t[k] != t[1])) {
      uint64_t item = mix(k + 1U, p);
      for (unsigned j = 0U; j < 3U; ++j) {
        item = j == k ? item : mix(item, value_in(side, t, k, j));
      }
      nodes->r->key[x[k]] += item;
    }

    // Its edges to the other blank nodes, with the third term
    for (unsigned j = 0U; j < 3U; ++j) {
      if (j == k || x[j] == NO_NODE || t[j] == t[k]) {
        continue;
      }
      if (fill) {
        const unsigned m = 3U - j - k;
        const uint64_t v = !t[m]          ? 0U
                           : t[m] == t[k] ? SELF
                           : t[m] == t[j] ? SELF + 1U
                                          : value_in(side, t, k, m);
        kg_refiner_add(nodes->r, x[k], x[j], mix(mix(4U * k + j, p), v));
      } else {
        kg_refiner_count(nodes->r, x[k]);
      }
    }
  }
}

/**
   Make a refiner of the blank nodes of the components of each graph that
   `want` marks (NULL: all), and their initial colours: all they say, or if
   `own`, their own facts only, and then refine in rounds with `freeze`
   (see KgRefiner).
*/
static KgStatus
make_refiner(Nodes* const     nodes,
             uint8_t* const   want[2],
             const bool       own,
             KgRefiner* const r)
{
  KgDiff* const d = nodes->diff;
  for (unsigned w = OLD; w <= NEW; ++w) {
    const Side* const side = &d->sides[w];
    nodes->n[w]            = 0U;
    for (uint32_t c = 0U; c < side->n_comps; ++c) {
      const bool in     = !want[w] || want[w][c];
      nodes->base[w][c] = in ? nodes->n[w] : NO_NODE;
      nodes->n[w] += in ? side->node_start[c + 1U] - side->node_start[c] : 0U;
    }
  }
  for (unsigned w = OLD; w <= NEW; ++w) {
    const Side* const side = &d->sides[w];
    for (uint32_t c = 0U; c < side->n_comps; ++c) {
      for (uint32_t x = side->node_start[c];
           nodes->base[w][c] != NO_NODE && x < side->node_start[c + 1U];
           ++x) {
        nodes->term[index_of(nodes, w, side->nodes[x])] = side->nodes[x];
      }
    }
  }

  nodes->r = r;
  KgStatus st =
    kg_refiner_init(r, nodes->n[OLD], nodes->n[OLD] + nodes->n[NEW]);
  for (unsigned pass = 0U; pass < 2U && !st; ++pass) {
    for (unsigned w = OLD; w <= NEW; ++w) {
      const Side* const side = &d->sides[w];
      for (uint32_t c = 0U; c < side->n_comps; ++c) {
        if (!want[w] || want[w][c]) {
          for (uint32_t m = side->comp_start[c]; m < side->comp_start[c + 1U];
               ++m) {
            scan_triple(nodes, w, side->members[m], own, pass);
          }
        }
      }
    }
    st = pass ? KG_SUCCESS : kg_refiner_begin_edges(r);
  }
  if (st) {
    return st;
  }

  kg_refiner_end_edges(r);
  r->freeze = own;
  if ((st = kg_refiner_partition(r))) {
    return st;
  }
  return kg_refiner_refine(r);
}

/// A component and the hash of its cells, to pair components alike.
typedef struct {
  uint64_t sig;
  uint32_t side;
  uint32_t comp;
} Shape;

static int
compare_shapes(const void* const a, const void* const b)
{
  const Shape* const x = (const Shape*)a;
  const Shape* const y = (const Shape*)b;
  return x->sig != y->sig     ? (x->sig < y->sig ? -1 : 1)
         : x->side != y->side ? (x->side < y->side ? -1 : 1)
         : x->comp != y->comp ? (x->comp < y->comp ? -1 : 1)
                              : 0;
}

/// A node and its cell, to sort.
typedef struct {
  uint32_t cell;
  uint32_t node;
} Placed;

static int
compare_placed(const void* const a, const void* const b)
{
  const Placed* const x = (const Placed*)a;
  const Placed* const y = (const Placed*)b;
  return x->cell != y->cell   ? (x->cell < y->cell ? -1 : 1)
         : x->node != y->node ? (x->node < y->node ? -1 : 1)
                              : 0;
}

/// Matching whole components onto components of the same shape.
typedef struct {
  KgDiff*          diff;
  Nodes*           nodes;
  const KgRefiner* r;      ///< The refinement of all blank nodes
  KgTermId*        ground; ///< Ground term of the old graph to the new's
  KgTermId*        trial;  ///< Per old blank node: its trial partner
  Placed*          placed[2];
  uint32_t         comp[2]; ///< The components being tried
  uint64_t         work;    ///< Work done by searches
  uint64_t         limit;   ///< Most work allowed
  uint32_t         n_alike; ///< Nodes of the component that stopped
} Pairing;

/// Return true iff `trial` maps the old component onto the new one.
static bool
verify_pair(const Pairing* const p)
{
  const Side* const    a = &p->diff->sides[OLD];
  const KgGraph* const b = p->diff->sides[NEW].graph;
  const uint32_t       c = p->comp[OLD];
  for (uint32_t m = a->comp_start[c]; m < a->comp_start[c + 1U]; ++m) {
    const uint32_t        i     = a->members[m];
    const KgTriple* const t     = &a->graph->triples[i];
    const KgTermId        g     = kg_graph_name(a->graph, i);
    const KgTermId        in[4] = {t->s, t->p, t->o, g};
    KgTermId              out[4];
    for (unsigned k = 0U; k < 4U; ++k) {
      out[k] = !in[k]                         ? 0U
               : kg_is_blank(a->graph, in[k]) ? p->trial[in[k]]
                                              : p->ground[in[k]];
      if (in[k] && !out[k]) {
        return false;
      }
    }
    if (!kg_graph_contains_quad(b, out[0], out[1], out[2], out[3])) {
      return false;
    }
  }
  return true;
}

/// Verify the bijection of a search of two components.
static bool
verify_search(void* const handle, const KgRefiner* const r)
{
  Pairing* const    p  = (Pairing*)handle;
  const Side* const sa = &p->diff->sides[OLD];
  const Side* const sb = &p->diff->sides[NEW];
  const uint32_t    a0 = sa->node_start[p->comp[OLD]];
  const uint32_t    b0 = sb->node_start[p->comp[NEW]];
  for (uint32_t x = 0U; x < r->n_a; ++x) {
    p->trial[sa->nodes[a0 + x]] =
      sb->nodes[b0 + kg_refiner_mate(r, x) - r->n_a];
  }
  return verify_pair(p);
}

/**
   Search for an isomorphism of the old component onto the new one whose
   nodes are alike, cell by cell: individualize and refine.
*/
static KgStatus
search_pair(Pairing* const p, const uint32_t k)
{
  const KgRefiner* const g  = p->r;
  const Side* const      sa = &p->diff->sides[OLD];
  const Side* const      sb = &p->diff->sides[NEW];
  const uint32_t         ga =
    index_of(p->nodes, OLD, sa->nodes[sa->node_start[p->comp[OLD]]]);
  const uint32_t gb =
    index_of(p->nodes, NEW, sb->nodes[sb->node_start[p->comp[NEW]]]);

  if (p->work >= p->limit) {
    p->n_alike = k;
    return KG_BAD_LIMIT;
  }

  KgRefiner r;
  KgStatus  st = kg_refiner_init(&r, k, 2U * k);
  for (unsigned pass = 0U; pass < 2U && !st; ++pass) {
    for (uint32_t x = 0U; x < 2U * k; ++x) {
      const uint32_t u = x < k ? ga + x : gb + x - k;
      r.key[x]         = g->cell_of[u];
      for (uint32_t e = g->adj_start[u]; e < g->adj_start[u + 1U]; ++e) {
        const uint32_t v = g->adj[e].node;
        if (pass) {
          kg_refiner_add(&r, x, x < k ? v - ga : v - gb + k, g->adj[e].label);
        } else {
          kg_refiner_count(&r, x);
        }
      }
    }
    st = pass ? KG_SUCCESS : kg_refiner_begin_edges(&r);
  }

  if (!st) {
    kg_refiner_end_edges(&r);
    r.check = true;
    r.limit = p->limit - p->work;
    if (!(st = kg_refiner_partition(&r)) && !(st = kg_refiner_refine(&r))) {
      st = kg_refiner_search(&r, verify_search, p);
    }
    p->work += r.work;
    if (st == KG_BAD_LIMIT) {
      p->n_alike = k;
    }
  }
  kg_refiner_fini(&r);
  return st;
}

/**
   Try to match old component `a` onto new component `b` of the same shape.

   @return KG_SUCCESS with `trial` set, KG_FAILURE if they are not
   isomorphic, KG_BAD_LIMIT or KG_BAD_ALLOC.
*/
static KgStatus
try_pair(Pairing* const p, const uint32_t a, const uint32_t b)
{
  const Side* const s[2] = {&p->diff->sides[OLD], &p->diff->sides[NEW]};
  const uint32_t    c[2] = {a, b};
  const uint32_t    k    = s[OLD]->node_start[a + 1U] - s[OLD]->node_start[a];
  if (k != s[NEW]->node_start[b + 1U] - s[NEW]->node_start[b] ||
      s[OLD]->comp_start[a + 1U] - s[OLD]->comp_start[a] !=
        s[NEW]->comp_start[b + 1U] - s[NEW]->comp_start[b]) {
    return KG_FAILURE;
  }

  // The nodes of each by cell: the cells must be the same, and if each
  // holds one node, they are the only candidate
  p->comp[OLD]  = a;
  p->comp[NEW]  = b;
  bool discrete = true;
  for (unsigned w = OLD; w <= NEW; ++w) {
    for (uint32_t x = 0U; x < k; ++x) {
      const KgTermId id    = s[w]->nodes[s[w]->node_start[c[w]] + x];
      p->placed[w][x].cell = p->r->cell_of[index_of(p->nodes, w, id)];
      p->placed[w][x].node = id;
    }
    qsort(p->placed[w], k, sizeof(Placed), compare_placed);
  }
  for (uint32_t x = 0U; x < k; ++x) {
    if (p->placed[OLD][x].cell != p->placed[NEW][x].cell) {
      return KG_FAILURE;
    }
    discrete =
      discrete && (!x || p->placed[OLD][x].cell != p->placed[OLD][x - 1U].cell);
    p->trial[p->placed[OLD][x].node] = p->placed[NEW][x].node;
  }
  p->work += k;

  if (discrete) {
    return verify_pair(p) ? KG_SUCCESS : KG_FAILURE;
  }
  return search_pair(p, k);
}

/**
   Match every component of the old graph that is isomorphic to one of the
   new graph onto it, node by node through the isomorphism.  Components
   are paired by the cells of their nodes in the refinement of both graphs
   (which an isomorphism keeps); each pair is then searched.
*/
static KgStatus
match_isomorphic(Pairing* const p, uint8_t* const left[2])
{
  KgDiff* const  d      = p->diff;
  const uint32_t n      = d->sides[OLD].n_comps + d->sides[NEW].n_comps;
  Shape* const   shapes = (Shape*)kg_reallocarray(NULL, n + 1U, sizeof(Shape));
  if (!shapes) {
    return KG_BAD_ALLOC;
  }

  uint32_t n_shapes = 0U;
  for (unsigned w = OLD; w <= NEW; ++w) {
    const Side* const side = &d->sides[w];
    for (uint32_t c = 0U; c < side->n_comps; ++c) {
      uint64_t sig = mix(side->node_start[c + 1U] - side->node_start[c],
                         side->comp_start[c + 1U] - side->comp_start[c]);
      for (uint32_t x = side->node_start[c]; x < side->node_start[c + 1U];
           ++x) {
        sig += kg_hash_u64(
          p->r->cell_of[index_of(p->nodes, w, side->nodes[x])] + 0xCE11ULL);
      }
      shapes[n_shapes].sig    = sig;
      shapes[n_shapes].side   = w;
      shapes[n_shapes++].comp = c;
    }
  }
  qsort(shapes, n_shapes, sizeof(Shape), compare_shapes);

  // Within a group of one shape, each old component takes the first new
  // one it is isomorphic to: isomorphism is an equivalence, so this never
  // leaves a component of isomorphic graphs without its partner
  KgStatus st = KG_SUCCESS;
  for (uint32_t i = 0U; i < n_shapes && !st;) {
    uint32_t mid = i;
    uint32_t end = i;
    while (end < n_shapes && shapes[end].sig == shapes[i].sig) {
      mid += shapes[end++].side == OLD ? 1U : 0U;
    }
    uint32_t free_y = mid; // Before it, every new component is taken
    for (uint32_t x = i; x < mid && !st; ++x) {
      while (free_y < end && !left[NEW][shapes[free_y].comp]) {
        ++free_y;
      }
      for (uint32_t y = free_y; y < end; ++y) {
        const uint32_t a = shapes[x].comp;
        const uint32_t b = shapes[y].comp;
        if (!left[NEW][b]) {
          continue;
        }
        st = try_pair(p, a, b);
        if (st == KG_FAILURE) {
          st = KG_SUCCESS;
          continue;
        }
        if (!st) {
          const Side* const sa = &d->sides[OLD];
          for (uint32_t k = sa->node_start[a]; k < sa->node_start[a + 1U];
               ++k) {
            const KgTermId u                 = sa->nodes[k];
            d->sides[OLD].match[u]           = p->trial[u];
            d->sides[NEW].match[p->trial[u]] = u;
          }
          left[OLD][a] = 0U;
          left[NEW][b] = 0U;
        }
        break;
      }
    }
    i = end;
  }

  kg_free(shapes);
  return st;
}

/**
   Match the nodes of the components left that refinement tells apart from
   every other node by the same description.  A node's first description is
   its own facts (its triples with no other blank node); refinement then
   adds its links, but a node once told apart keeps the description that
   did it: so a node whose own facts are unchanged is matched even if a
   node it links to changed, and the change shows as that one edge.
*/
static KgStatus
match_refined(Nodes* const nodes, uint8_t* const left[2])
{
  KgDiff* const d = nodes->diff;
  KgRefiner     r;
  memset(&r, 0, sizeof(r));
  KgStatus st = make_refiner(nodes, left, true, &r);
  for (uint32_t c = 0U; !st && c < r.n_cells; ++c) {
    const KgRefineCell* const cell = &r.cells[c];
    if (cell->n[OLD] == 1U && cell->n[NEW] == 1U) {
      const KgTermId a       = nodes->term[r.elems[cell->first[OLD]]];
      const KgTermId b       = nodes->term[r.elems[cell->first[NEW]]];
      d->sides[OLD].match[a] = b;
      d->sides[NEW].match[b] = a;
    }
  }
  kg_refiner_fini(&r);
  return st;
}

/*
  Matching what is left, by likeness
*/

/// An item of a blank node's description, or a candidate pair and score.
typedef struct {
  uint64_t key;
  KgTermId node;
  KgTermId other;
} Item;

/// Candidates that share a description item with more nodes are not tried.
#define MAX_FANOUT 16U

/// Passes over the matched nodes in search of seeds next to them.
#define MAX_SEED_PASSES 4U

static int
compare_items(const void* const a, const void* const b)
{
  const Item* const x = (const Item*)a;
  const Item* const y = (const Item*)b;
  return x->key != y->key       ? (x->key < y->key ? -1 : 1)
         : x->node != y->node   ? (x->node < y->node ? -1 : 1)
         : x->other != y->other ? (x->other < y->other ? -1 : 1)
                                : 0;
}

/// Sort items by node, then key: each node's description is then a run.
static int
compare_by_node(const void* const a, const void* const b)
{
  const Item* const x = (const Item*)a;
  const Item* const y = (const Item*)b;
  return x->node != y->node ? (x->node < y->node ? -1 : 1)
         : x->key != y->key ? (x->key < y->key ? -1 : 1)
                            : 0;
}

/// Compare the key `*key` (a uint64_t) with the key of Item `item`.
static int
key_versus_item(const void* const key, const void* const item)
{
  const uint64_t k = *(const uint64_t*)key;
  const uint64_t e = ((const Item*)item)->key;
  return (k > e) - (k < e);
}

/// Compare the node `*node` (a KgTermId) with the node of Item `item`.
static int
node_versus_item(const void* const node, const void* const item)
{
  const KgTermId k = *(const KgTermId*)node;
  const KgTermId e = ((const Item*)item)->node;
  return (k > e) - (k < e);
}

/// Return what blank node `id` of side `w` brings to a description item:
/// for a matched node, the same on both sides; else 0 (not known yet).
static uint64_t
blank_value(const KgDiff* const d, const unsigned w, const KgTermId id)
{
  const KgTermId old =
    w == OLD ? (d->sides[OLD].match[id] ? id : 0U) : d->sides[NEW].match[id];
  return old ? mix(old, 0xB1A7CULL) : 0U;
}

/// The blank nodes whose descriptions a round of likeness looks at.
typedef struct {
  KgTermId* nodes[2]; ///< Of each graph
  uint32_t  n[2];
  uint32_t* inc_start[2]; ///< Per node position: first of its triples
  uint32_t* inc[2];       ///< Triples of each node
  uint32_t* stamp[2];     ///< Per node position: last round it was added
  uint32_t  round;
} Frontier;

/// Return the distinct blank nodes of triple `i` of `graph`.
static unsigned
distinct_blanks(const KgGraph* const graph, const size_t i, KgTermId* const out)
{
  KgTermId       b[3];
  const unsigned n = blanks_of(graph, i, b);
  unsigned       k = 0U;
  for (unsigned j = 0U; j < n; ++j) {
    if (!k || (b[j] != out[0] && (k < 2U || b[j] != out[1]))) {
      out[k++] = b[j];
    }
  }
  return k;
}

/// List the triples of each blank node of side `w`, and all the nodes not
/// matched as the first frontier.
static KgStatus
frontier_init(const KgDiff* const d, Frontier* const f, const unsigned w)
{
  const Side* const side = &d->sides[w];
  const uint32_t    n    = side->n_nodes;
  const size_t      m    = side->comp_start[side->n_comps];
  f->inc_start[w] = (uint32_t*)kg_calloc((size_t)n + 2U, sizeof(uint32_t));
  f->inc[w]   = (uint32_t*)kg_reallocarray(NULL, 3U * m + 1U, sizeof(uint32_t));
  f->stamp[w] = (uint32_t*)kg_calloc((size_t)n + 1U, sizeof(uint32_t));
  f->nodes[w] = (KgTermId*)kg_reallocarray(NULL, n + 1U, sizeof(KgTermId));
  if (!f->inc_start[w] || !f->inc[w] || !f->stamp[w] || !f->nodes[w]) {
    return KG_BAD_ALLOC;
  }

  for (unsigned pass = 0U; pass < 2U; ++pass) {
    for (size_t k = 0U; k < m; ++k) {
      KgTermId       b[3];
      const unsigned nb = distinct_blanks(side->graph, side->members[k], b);
      for (unsigned j = 0U; j < nb; ++j) {
        const uint32_t x = side->node_of[b[j]];
        if (pass) {
          f->inc[w][f->inc_start[w][x]++] = side->members[k];
        } else {
          ++f->inc_start[w][x + 1U];
        }
      }
    }
    if (!pass) {
      for (uint32_t x = 1U; x <= n; ++x) {
        f->inc_start[w][x] += f->inc_start[w][x - 1U];
      }
    }
  }
  for (uint32_t x = n; x > 0U; --x) {
    f->inc_start[w][x] = f->inc_start[w][x - 1U];
  }
  f->inc_start[w][0] = 0U;

  f->n[w] = 0U;
  for (uint32_t x = 0U; x < n; ++x) {
    if (!side->match[side->nodes[x]]) {
      f->nodes[w][f->n[w]++] = side->nodes[x];
    }
  }
  return KG_SUCCESS;
}

static void
frontier_fini(Frontier* const f)
{
  for (unsigned w = OLD; w <= NEW; ++w) {
    kg_free(f->inc_start[w]);
    kg_free(f->inc[w]);
    kg_free(f->stamp[w]);
    kg_free(f->nodes[w]);
  }
}

/// Make the next frontier: the nodes not matched next to those just matched
/// (`pairs`), the only ones whose likeness can have grown.
static void
frontier_next(const KgDiff* const d,
              Frontier* const     f,
              const Item* const   pairs,
              const size_t        n_pairs)
{
  ++f->round;
  f->n[OLD] = f->n[NEW] = 0U;
  for (size_t i = 0U; i < n_pairs; ++i) {
    for (unsigned w = OLD; w <= NEW; ++w) {
      const Side* const side = &d->sides[w];
      const KgTermId    u    = w == OLD ? pairs[i].node : pairs[i].other;
      const uint32_t    x    = side->node_of[u];
      for (uint32_t e = f->inc_start[w][x]; e < f->inc_start[w][x + 1U]; ++e) {
        KgTermId       b[3];
        const unsigned nb = distinct_blanks(side->graph, f->inc[w][e], b);
        for (unsigned j = 0U; j < nb; ++j) {
          const uint32_t y = side->node_of[b[j]];
          if (!side->match[b[j]] && f->stamp[w][y] != f->round) {
            f->stamp[w][y]         = f->round;
            f->nodes[w][f->n[w]++] = b[j];
          }
        }
      }
    }
  }
}

/**
   Set `*items` to the descriptions of the frontier's blank nodes of side
   `w`: one item per triple a node is in, from the other terms, matched
   blank neighbours included; a triple with a blank neighbour not matched
   says nothing yet.
*/
static KgStatus
describe_unmatched(const KgDiff* const   d,
                   const Frontier* const f,
                   const unsigned        w,
                   Item** const          items,
                   size_t* const         n_items)
{
  const Side* const    side  = &d->sides[w];
  const KgGraph* const graph = side->graph;
  size_t               total = 0U;
  for (uint32_t q = 0U; q < f->n[w]; ++q) {
    const uint32_t x = side->node_of[f->nodes[w][q]];
    total += f->inc_start[w][x + 1U] - f->inc_start[w][x];
  }

  size_t      n   = 0U;
  Item* const out = (Item*)kg_reallocarray(NULL, total + 1U, sizeof(Item));
  if (!out) {
    return KG_BAD_ALLOC;
  }

  for (uint32_t q = 0U; q < f->n[w]; ++q) {
    const KgTermId x   = f->nodes[w][q];
    const uint32_t pos = side->node_of[x];
    for (uint32_t e = f->inc_start[w][pos]; e < f->inc_start[w][pos + 1U];
         ++e) {
      const uint32_t        i        = f->inc[w][e];
      const KgTriple* const t        = &graph->triples[i];
      const KgTermId        terms[3] = {t->s, t->o, kg_graph_name(graph, i)};
      const unsigned        k = terms[0] == x ? 0U : terms[1] == x ? 1U : 2U;

      uint64_t key   = mix(k + 1U, side->ground[t->p]);
      bool     known = true;
      for (unsigned j = 0U; j < 3U && known; ++j) {
        const KgTermId y = terms[j];
        if (j != k) {
          const uint64_t v = !y                      ? 0U
                             : y == x                ? 0x5E1FULL
                             : kg_is_blank(graph, y) ? blank_value(d, w, y)
                                                     : side->ground[y];
          known            = !y || v;
          key              = mix(key, v);
        }
      }
      if (known) {
        out[n].key     = key;
        out[n].node    = x;
        out[n++].other = 0U;
      }
    }
  }

  qsort(out, n, sizeof(Item), compare_by_node);
  *items   = out;
  *n_items = n;
  return KG_SUCCESS;
}

/// Return the size of the multiset intersection of two sorted item runs.
static size_t
common_items(const Item* const a,
             const size_t      na,
             const Item* const b,
             const size_t      nb)
{
  size_t i = 0U;
  size_t j = 0U;
  size_t n = 0U;
  while (i < na && j < nb) {
    if (a[i].key < b[j].key) {
      ++i;
    } else if (a[i].key > b[j].key) {
      ++j;
    } else {
      ++n;
      ++i;
      ++j;
    }
  }
  return n;
}

/// Append the pair (`u`, `v`) with `score` to `pairs`, sorted best first.
static KgStatus
add_pair(Item** const   pairs,
         size_t* const  n,
         size_t* const  cap,
         const KgTermId u,
         const KgTermId v,
         const size_t   score)
{
  if (*n == *cap) {
    const size_t cap2 = *cap ? *cap * 2U : 256U;
    Item* const  more = (Item*)kg_reallocarray(*pairs, cap2, sizeof(Item));
    if (!more) {
      return KG_BAD_ALLOC;
    }
    *pairs = more;
    *cap   = cap2;
  }
  (*pairs)[*n].key       = UINT64_MAX - score;
  (*pairs)[*n].node      = u;
  (*pairs)[(*n)++].other = v;
  return KG_SUCCESS;
}

/**
   One round of matching by likeness: pair the blank nodes left whose
   descriptions share more than half of the items of the smaller one, the
   most alike first.

   @param n_matched Set to the number of pairs made.
*/
static KgStatus
match_likeness_round(KgDiff* const   d,
                     Frontier* const f,
                     size_t* const   n_matched)
{
  Item*    a     = NULL; // Old descriptions, by node
  Item*    b     = NULL; // New descriptions, by node
  Item*    keys  = NULL; // New descriptions, by key
  Item*    pairs = NULL;
  size_t   na    = 0U;
  size_t   nb    = 0U;
  size_t   n     = 0U;
  size_t   cap   = 0U;
  KgStatus st    = describe_unmatched(d, f, OLD, &a, &na);
  if (!st) {
    st = describe_unmatched(d, f, NEW, &b, &nb);
  }
  if (!st && !(keys = (Item*)kg_reallocarray(NULL, nb + 1U, sizeof(Item)))) {
    st = KG_BAD_ALLOC;
  }
  if (!st && nb) {
    memcpy(keys, b, nb * sizeof(Item));
    qsort(keys, nb, sizeof(Item), compare_items);
  }

  // Candidates: the new nodes that share a rare item with an old node
  for (size_t i = 0U; i < na && nb && !st;) {
    size_t end = i;
    while (end < na && a[end].node == a[i].node) {
      ++end;
    }

    for (size_t k = i; k < end && !st; ++k) {
      const size_t lo =
        kg_lower_bound(&a[k].key, keys, nb, sizeof(Item), key_versus_item);
      size_t hi = lo;
      while (hi < nb && hi - lo <= MAX_FANOUT && keys[hi].key == a[k].key) {
        ++hi;
      }
      if ((k > i && a[k].key == a[k - 1U].key) || hi - lo > MAX_FANOUT) {
        continue;
      }

      for (size_t c = lo; c < hi && !st; ++c) {
        const KgTermId v   = keys[c].node;
        size_t         n_v = 0U;
        const size_t   first =
          kg_equal_range(&v, b, nb, sizeof(Item), node_versus_item, &n_v);
        const size_t score = common_items(a + i, end - i, b + first, n_v);
        // More than half of the smaller description: the other grew or
        // shrank, or a value changed
        const size_t least = end - i < n_v ? end - i : n_v;
        if (2U * score > least) {
          st = add_pair(&pairs, &n, &cap, a[i].node, v, score);
        }
      }
    }
    i = end;
  }

  // The most alike first, then in the stable order of nodes
  *n_matched = 0U;
  if (!st) {
    if (n > 1U) {
      qsort(pairs, n, sizeof(Item), compare_items);
    }
    for (size_t i = 0U; i < n; ++i) {
      const KgTermId u = pairs[i].node;
      const KgTermId v = pairs[i].other;
      if (!d->sides[OLD].match[u] && !d->sides[NEW].match[v]) {
        d->sides[OLD].match[u] = v;
        d->sides[NEW].match[v] = u;
        pairs[(*n_matched)++]  = pairs[i];
      }
    }
    frontier_next(d, f, pairs, *n_matched);
  }

  kg_free(pairs);
  kg_free(keys);
  kg_free(b);
  kg_free(a);
  return st;
}

/// Return the colour of the own facts of blank node `x` of side `w`: its
/// triples with no other blank node.
static uint64_t
own_color(const KgDiff* const   d,
          const Frontier* const f,
          const unsigned        w,
          const KgTermId        x)
{
  const Side* const    side  = &d->sides[w];
  const KgGraph* const graph = side->graph;
  const uint32_t       pos   = side->node_of[x];
  uint64_t             color = 0U;
  for (uint32_t e = f->inc_start[w][pos]; e < f->inc_start[w][pos + 1U]; ++e) {
    const uint32_t i = f->inc[w][e];
    KgTermId       b[3];
    if (distinct_blanks(graph, i, b) == 1U) {
      const KgTriple* const t        = &graph->triples[i];
      const KgTermId        terms[3] = {t->s, t->o, kg_graph_name(graph, i)};
      const unsigned        k    = terms[0] == x ? 0U : terms[1] == x ? 1U : 2U;
      uint64_t              item = mix(k + 1U, side->ground[t->p]);
      for (unsigned j = 0U; j < 3U; ++j) {
        const KgTermId y = terms[j];
        item             = j == k ? item
                                  : mix(item,
                            !y       ? 0U
                                        : y == x ? 0x5E1FULL
                                                 : side->ground[y]);
      }
      color += item;
    }
  }
  return color;
}

/// Order by colour, then side, then node.
static int
compare_loose(const void* const a, const void* const b)
{
  const Item* const x = (const Item*)a;
  const Item* const y = (const Item*)b;
  return x->key != y->key       ? (x->key < y->key ? -1 : 1)
         : x->other != y->other ? (x->other < y->other ? -1 : 1)
         : x->node != y->node   ? (x->node < y->node ? -1 : 1)
                                : 0;
}

/// A group of nodes with the same own facts, to seed from.
typedef struct {
  uint32_t first; ///< In the sorted nodes
  uint32_t n;
} Group;

static int
compare_groups(const void* const a, const void* const b)
{
  const Group* const x = (const Group*)a;
  const Group* const y = (const Group*)b;
  return x->n != y->n           ? (x->n < y->n ? -1 : 1)
         : x->first != y->first ? (x->first < y->first ? -1 : 1)
                                : 0;
}

/// Run rounds of likeness from the frontier until one matches nothing.
static KgStatus
spread(KgDiff* const d, Frontier* const f)
{
  size_t   n  = 1U;
  KgStatus st = KG_SUCCESS;
  while (!st && n && f->n[OLD] && f->n[NEW]) {
    st = match_likeness_round(d, f, &n);
  }
  return st;
}

/// Return the only blank neighbour of node `x` of side `w` not matched, or
/// 0 if it has none or several.
static KgTermId
only_loose_neighbour(const KgDiff* const   d,
                     const Frontier* const f,
                     const unsigned        w,
                     const KgTermId        x)
{
  const Side* const side = &d->sides[w];
  const uint32_t    pos  = side->node_of[x];
  KgTermId          only = 0U;
  for (uint32_t e = f->inc_start[w][pos]; e < f->inc_start[w][pos + 1U]; ++e) {
    KgTermId       b[3];
    const unsigned nb = distinct_blanks(side->graph, f->inc[w][e], b);
    for (unsigned j = 0U; j < nb; ++j) {
      if (b[j] != x && !side->match[b[j]]) {
        if (only && only != b[j]) {
          return 0U;
        }
        only = b[j];
      }
    }
  }
  return only;
}

/**
   Seed likeness where a matched node and its partner each have one blank
   neighbour left, with the same own facts: the link between them changed
   (a predicate, a direction), not the node.  Go on while seeds are found,
   at most `MAX_SEED_PASSES` times over the matched nodes.
*/
static KgStatus
seed_by_neighbours(KgDiff* const d, Frontier* const f)
{
  const Side* const old  = &d->sides[OLD];
  bool              more = true;
  KgStatus          st   = KG_SUCCESS;
  for (unsigned pass = 0U; more && !st && pass < MAX_SEED_PASSES; ++pass) {
    more = false;
    for (uint32_t i = 0U; i < old->n_nodes && !st; ++i) {
      const KgTermId m = old->nodes[i];
      if (!old->match[m]) {
        continue;
      }
      const KgTermId u = only_loose_neighbour(d, f, OLD, m);
      const KgTermId v =
        u ? only_loose_neighbour(d, f, NEW, old->match[m]) : 0U;
      if (v && own_color(d, f, OLD, u) == own_color(d, f, NEW, v)) {
        const Item pair        = {0U, u, v};
        d->sides[OLD].match[u] = v;
        d->sides[NEW].match[v] = u;
        more                   = true;
        frontier_next(d, f, &pair, 1U);
        st = spread(d, f);
      }
    }
  }
  return st;
}

/**
   Seed likeness where it stopped: pair a node left of the old graph with
   one of the new that has the same own facts (the rarest facts first), and
   spread from the pair.  In a structure that only the change tells apart
   (a ring, a torus), the match then goes round to the change from both
   sides, and the change shows as the triples that changed.
*/
static KgStatus
seed(KgDiff* const d, Frontier* const f)
{
  const uint32_t n_all = d->sides[OLD].n_nodes + d->sides[NEW].n_nodes;
  Item* const    loose = (Item*)kg_reallocarray(NULL, n_all + 1U, sizeof(Item));
  Group* const   groups =
    (Group*)kg_reallocarray(NULL, n_all + 1U, sizeof(Group));
  if (!loose || !groups) {
    kg_free(groups);
    kg_free(loose);
    return KG_BAD_ALLOC;
  }

  uint32_t n = 0U;
  for (unsigned w = OLD; w <= NEW; ++w) {
    const Side* const side = &d->sides[w];
    for (uint32_t x = 0U; x < side->n_nodes; ++x) {
      if (!side->match[side->nodes[x]]) {
        loose[n].key     = own_color(d, f, w, side->nodes[x]);
        loose[n].node    = side->nodes[x];
        loose[n++].other = w;
      }
    }
  }
  qsort(loose, n, sizeof(Item), compare_loose);

  uint32_t n_groups = 0U;
  for (uint32_t i = 0U; i < n;) {
    uint32_t j = i + 1U;
    while (j < n && loose[j].key == loose[i].key) {
      ++j;
    }
    if (loose[i].other == OLD && loose[j - 1U].other == NEW) {
      groups[n_groups].first = i;
      groups[n_groups++].n   = j - i;
    }
    i = j;
  }
  qsort(groups, n_groups, sizeof(Group), compare_groups);

  KgStatus st = KG_SUCCESS;
  for (uint32_t g = 0U; g < n_groups && !st; ++g) {
    const Item* const first = loose + groups[g].first;
    uint32_t          x     = 0U;
    uint32_t          y     = 0U;
    while (y < groups[g].n && first[y].other == OLD) {
      ++y;
    }
    for (;;) {
      while (x < groups[g].n && first[x].other == OLD &&
             d->sides[OLD].match[first[x].node]) {
        ++x;
      }
      while (y < groups[g].n && d->sides[NEW].match[first[y].node]) {
        ++y;
      }
      if (x == groups[g].n || first[x].other != OLD || y == groups[g].n || st) {
        break;
      }

      const Item pair                 = {0U, first[x].node, first[y].node};
      d->sides[OLD].match[pair.node]  = pair.other;
      d->sides[NEW].match[pair.other] = pair.node;
      frontier_next(d, f, &pair, 1U);
      st = spread(d, f);
    }
  }

  kg_free(groups);
  kg_free(loose);
  return st;
}

/**
   Match the blank nodes still left by likeness: a node whose description
   changed in part (a value edited, a triple added) is still the same node,
   and the difference shows the triples that changed, not the whole node.
*/
static KgStatus
match_similar(KgDiff* const d)
{
  // Each round can enable the next (a matched node makes its links known):
  // go on while rounds match nodes, looking only at the nodes next to those
  // matched in the round before; then seed where it stopped
  Frontier f;
  memset(&f, 0, sizeof(f));
  KgStatus st      = KG_SUCCESS;
  bool     left[2] = {false, false};
  if ((st = frontier_init(d, &f, OLD)) || (st = frontier_init(d, &f, NEW)) ||
      (st = spread(d, &f))) {
    goto done;
  }

  // Seeds, if both graphs have nodes left
  for (unsigned w = OLD; w <= NEW; ++w) {
    const Side* const side = &d->sides[w];
    for (uint32_t x = 0U; x < side->n_nodes && !left[w]; ++x) {
      left[w] = !side->match[side->nodes[x]];
    }
  }
  if (left[OLD] && left[NEW] && !(st = seed_by_neighbours(d, &f))) {
    st = seed(d, &f);
  }

done:
  frontier_fini(&f);
  return st;
}

/*
  The difference
*/

/**
   Set the changes of side `which`: its triples that the other graph lacks.
   Takes ownership of `ground`, the map of its ground terms to the other
   graph's, or NULL to make it.
*/
static KgStatus
collect_changes(KgDiff* const diff, const unsigned which, KgTermId* ground)
{
  const Side* const    side  = &diff->sides[which];
  const KgGraph* const graph = side->graph;
  const KgGraph* const other = diff->sides[!which].graph;
  const size_t         n     = graph->n_triples;
  KgTermId* const      map =
    ground ? ground
                : (KgTermId*)kg_calloc((size_t)graph->terms.n_terms + 1U,
                                  sizeof(KgTermId));
  uint32_t* const changed =
    (uint32_t*)kg_reallocarray(NULL, n ? n : 1U, sizeof(uint32_t));
  KgStatus st = !map || !changed ? KG_BAD_ALLOC
                : ground         ? KG_SUCCESS
                                 : kg_graph_map_ground(graph, other, map);
  if (st) {
    kg_free(changed);
    kg_free(map);
    return st;
  }

  // Blank nodes through the match
  for (KgTermId id = 1U; id < graph->terms.n_terms; ++id) {
    if (kg_is_blank(graph, id)) {
      map[id] = side->match[id];
    }
  }

  size_t n_changed = 0U;
  for (size_t i = 0U; i < n; ++i) {
    const KgTriple* const t = &graph->triples[i];
    const KgTermId        g = kg_graph_name(graph, i);
    const bool            found =
      map[t->s] && map[t->p] && map[t->o] && (!g || map[g]) &&
      kg_graph_contains_quad(other, map[t->s], map[t->p], map[t->o], map[g]);
    if (!found) {
      changed[n_changed++] = (uint32_t)i;
    }
  }

  kg_free(map);
  diff->changed[which]   = changed;
  diff->n_changed[which] = n_changed;
  return KG_SUCCESS;
}

/// Match the blank nodes of `d`, as the opening comment says, with `ground`
/// the map of the ground terms of the old graph to the new's.
static KgStatus
match_blank_nodes(KgDiff* const              d,
                  const KgDiffOptions* const options,
                  KgTermId* const            ground)
{
  const Side* const s[2]    = {&d->sides[OLD], &d->sides[NEW]};
  uint8_t*          left[2] = {
             (uint8_t*)kg_malloc(s[OLD]->n_comps + 1U),
             (uint8_t*)kg_malloc(s[NEW]->n_comps + 1U),
  };
  uint32_t largest = 0U;
  for (unsigned w = OLD; w <= NEW; ++w) {
    for (uint32_t c = 0U; c < s[w]->n_comps; ++c) {
      const uint32_t k = s[w]->node_start[c + 1U] - s[w]->node_start[c];
      largest          = k > largest ? k : largest;
    }
  }

  Nodes nodes = {
    d,
    {(uint32_t*)kg_calloc(s[OLD]->n_comps + 1U, sizeof(uint32_t)),
     (uint32_t*)kg_calloc(s[NEW]->n_comps + 1U, sizeof(uint32_t))},
    {0U, 0U},
    (KgTermId*)kg_calloc((size_t)s[OLD]->n_nodes + s[NEW]->n_nodes + 1U,
                         sizeof(KgTermId)),
    NULL,
  };
  Pairing pairing;
  memset(&pairing, 0, sizeof(pairing));
  pairing.diff   = d;
  pairing.nodes  = &nodes;
  pairing.ground = ground;
  pairing.trial  = (KgTermId*)kg_calloc(
    (size_t)s[OLD]->graph->terms.n_terms + 1U, sizeof(KgTermId));
  pairing.placed[OLD] =
    (Placed*)kg_reallocarray(NULL, largest + 1U, sizeof(Placed));
  pairing.placed[NEW] =
    (Placed*)kg_reallocarray(NULL, largest + 1U, sizeof(Placed));

  KgRefiner all;
  memset(&all, 0, sizeof(all));
  KgStatus st = (left[OLD] && left[NEW] && nodes.base[OLD] && nodes.base[NEW] &&
                 nodes.term && pairing.ground && pairing.trial &&
                 pairing.placed[OLD] && pairing.placed[NEW])
                  ? KG_SUCCESS
                  : KG_BAD_ALLOC;
  if (!st && s[OLD]->n_comps && s[NEW]->n_comps) {
    memset(left[OLD], 1, s[OLD]->n_comps + 1U);
    memset(left[NEW], 1, s[NEW]->n_comps + 1U);
    uint8_t* const every[2] = {NULL, NULL};
    st                      = make_refiner(&nodes, every, false, &all);
    pairing.r               = &all;
    pairing.limit           = options && options->max_work ? options->max_work
                                                           : kg_refine_default_work(&all);
    if (!st) {
      st = match_isomorphic(&pairing, left);
    }
    if (st == KG_BAD_LIMIT) {
      kg_log(options ? &options->log : NULL,
             KG_LOG_ERROR,
             KG_NO_CARET,
             "cannot match the blank nodes within the work limit (%llu "
             "steps): a structure of %u blank nodes is too symmetric",
             (unsigned long long)pairing.limit,
             pairing.n_alike);
    }

    bool any[2] = {false, false};
    for (unsigned w = OLD; w <= NEW; ++w) {
      for (uint32_t c = 0U; c < s[w]->n_comps; ++c) {
        any[w] = any[w] || left[w][c];
      }
    }
    if (!st && any[OLD] && any[NEW]) {
      st = match_refined(&nodes, left);
    }
  }

  kg_refiner_fini(&all);
  kg_free(pairing.placed[NEW]);
  kg_free(pairing.placed[OLD]);
  kg_free(pairing.trial);
  kg_free(nodes.term);
  kg_free(nodes.base[NEW]);
  kg_free(nodes.base[OLD]);
  kg_free(left[NEW]);
  kg_free(left[OLD]);
  return st;
}

KgStatus
kg_diff_new(const KgGraph* const       old,
            const KgGraph* const       new_graph,
            const KgDiffOptions* const options,
            KgDiff** const             diff)
{
  *diff           = NULL;
  KgDiff* const d = (KgDiff*)kg_calloc(1U, sizeof(KgDiff));
  if (!d) {
    return KG_BAD_ALLOC;
  }

  d->sides[OLD].graph = old;
  d->sides[NEW].graph = new_graph;
  KgStatus  st        = KG_SUCCESS;
  KgTermId* ground    = NULL;
  for (unsigned w = OLD; w <= NEW; ++w) {
    Side* const  side = &d->sides[w];
    const size_t n    = (size_t)side->graph->terms.n_terms + 1U;
    side->match       = (KgTermId*)kg_calloc(n, sizeof(KgTermId));
    side->ground      = (uint64_t*)kg_calloc(n, sizeof(uint64_t));
    if (!side->match || !side->ground) {
      st = KG_BAD_ALLOC;
      goto done;
    }
    if ((st = find_components(side)) || (st = number_nodes(side))) {
      goto done;
    }
    hash_ground_terms(side->graph, side->ground);
  }

  // The ground terms of the old graph in the new, for matching and changes
  ground =
    (KgTermId*)kg_calloc((size_t)old->terms.n_terms + 1U, sizeof(KgTermId));
  if (!ground) {
    st = KG_BAD_ALLOC;
    goto done;
  }
  if ((st = kg_graph_map_ground(old, new_graph, ground)) ||
      (st = match_blank_nodes(d, options, ground)) || (st = match_similar(d))) {
    kg_free(ground);
    goto done;
  }
  if (!(st = collect_changes(d, OLD, ground))) {
    st = collect_changes(d, NEW, NULL);
  }

done:
  if (st) {
    kg_diff_free(d);
    return st;
  }
  *diff = d;
  return KG_SUCCESS;
}

void
kg_diff_free(KgDiff* const diff)
{
  if (!diff) {
    return;
  }
  for (unsigned w = OLD; w <= NEW; ++w) {
    Side* const side = &diff->sides[w];
    kg_free(side->comp);
    kg_free(side->comp_of);
    kg_free(side->comp_start);
    kg_free(side->members);
    kg_free(side->roots);
    kg_free(side->match);
    kg_free(side->ground);
    kg_free(side->nodes);
    kg_free(side->node_start);
    kg_free(side->node_of);
    kg_free(diff->changed[w]);
  }
  kg_free(diff);
}

const uint32_t*
kg_diff_removed(const KgDiff* const diff, size_t* const n)
{
  *n = diff->n_changed[OLD];
  return diff->changed[OLD];
}

const uint32_t*
kg_diff_added(const KgDiff* const diff, size_t* const n)
{
  *n = diff->n_changed[NEW];
  return diff->changed[NEW];
}
