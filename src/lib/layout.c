// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "layout.h"

#include "alloc.h"
#include "graph.h"
#include "order.h"

#include <kgraph/graph.h>

#include <stdint.h>
#include <string.h>

enum { LIST_UNKNOWN, LIST_YES, LIST_NO, LIST_VISITING };

// find_depths() keeps depths in a byte, 0xFF meaning unknown
_Static_assert(KG_LAYOUT_MAX_NEST < 0xFEU, "depths fit in a byte");

/**
   Return the rdf:rest object of `id` if it is shaped like a list node, else
   KG_NO_TERM; with `items`, only if its item may stand in a collection.
*/
static KgTermId
list_shape_rest(const KgLayout* const l, const KgTermId id, const bool items)
{
  // A blank node used once, with one rdf:first and one rdf:rest only
  if (!kg_is_blank(l->graph, id) || l->in_count[id] != 1U ||
      l->count[id] != 2U || !l->rdf_first) {
    return KG_NO_TERM;
  }

  const KgTriple* const a     = kg_layout_triple(l, id, 0U);
  const KgTriple* const b     = kg_layout_triple(l, id, 1U);
  const KgTriple* const first = a->p == l->rdf_first ? a : b;
  const KgTriple* const rest  = a->p == l->rdf_rest ? a : b;
  if (first->p != l->rdf_first || rest->p != l->rdf_rest ||
      (items && (l->flags & KG_LAYOUT_RESOURCE_LISTS) &&
       kg_kind(l->graph, first->o) == KG_TERM_LITERAL)) {
    return KG_NO_TERM;
  }
  return rest->o;
}

/// Return the rdf:rest object of `id` if it is a list node, else KG_NO_TERM.
static KgTermId
list_rest(const KgLayout* const l, const KgTermId id)
{
  return list_shape_rest(l, id, true);
}

/// Find which blank nodes are in well-formed lists, written as collections.
static void
find_lists(KgLayout* const l)
{
  const size_t n_ids = l->graph->terms.n_terms;
  for (KgTermId start = 1U; start < n_ids; ++start) {
    if (l->list[start] != LIST_UNKNOWN || !kg_is_blank(l->graph, start)) {
      continue;
    }

    // Follow rdf:rest until nil, a node already known, or a bad node
    KgTermId id      = start;
    uint8_t  verdict = LIST_NO;
    while (true) {
      if (id == l->rdf_nil) {
        verdict = LIST_YES;
        break;
      }
      if (l->list[id] == LIST_YES || l->list[id] == LIST_NO) {
        verdict = l->list[id];
        break;
      }
      const KgTermId rest =
        l->list[id] == LIST_VISITING ? KG_NO_TERM : list_rest(l, id);
      if (!rest) {
        break;
      }
      l->list[id] = LIST_VISITING;
      id          = rest;
    }

    // Everything visited gets the verdict of the end of its chain
    for (id = start; id != l->rdf_nil && l->list[id] == LIST_VISITING;) {
      l->list[id] = verdict;
      id          = list_rest(l, id);
    }
    if (l->list[start] == LIST_UNKNOWN) {
      l->list[start] = LIST_NO;
    }
  }

  // Keep only the verdict: nonzero means "a collection node"
  for (KgTermId id = 1U; id < n_ids; ++id) {
    l->list[id] = l->list[id] == LIST_YES;
  }
}

/// Return the first node in order of the cycle through `start` that is not
/// in a collection (any node if `lists`), or KG_NO_TERM.
static KgTermId
first_in_cycle(const KgLayout* const l,
               const KgTermId* const parent,
               const KgTermId        start,
               const bool            lists)
{
  KgTermId best = KG_NO_TERM;
  KgTermId id   = start;
  do {
    if ((lists || !l->list[id]) && (!best || l->first[id] < l->first[best])) {
      best = id;
    }
    id = parent[id];
  } while (id != start);
  return best;
}

/**
   Choose where to break each cycle of blank nodes used once.

   A blank node used once is written inside the one node that uses it, its
   parent.  Following parents from a node either reaches a subject written
   at the top, or goes round a cycle, that nothing at the top leads to.
   One node of the cycle must then stand at the top, with a label: the
   first in order that is not in a collection, since a collection has no
   label.  If all are, as in a list that is its own item, they are written
   as rdf:first and rdf:rest triples instead.
*/
static void
find_cuts(KgLayout* const l, const KgTermId* const parent, uint8_t* const seen)
{
  enum { UNSEEN, ON_PATH, SEEN };

  const size_t n_ids = l->graph->terms.n_terms;
  memset(seen, UNSEEN, n_ids);
  for (KgTermId start = 1U; start < n_ids; ++start) {
    // Follow parents to the top, a node seen before, or round a cycle
    KgTermId id = start;
    while (parent[id] && seen[id] == UNSEEN) {
      seen[id] = ON_PATH;
      id       = parent[id];
    }

    if (parent[id] && seen[id] == ON_PATH) {
      KgTermId cut = first_in_cycle(l, parent, id, false);
      if (!cut) {
        cut        = first_in_cycle(l, parent, id, true);
        KgTermId m = id;
        do {
          l->list[m] = 0U;
          m          = parent[m];
        } while (m != id);
      }
      l->cut[cut] = 1U;
    }

    for (id = start; parent[id] && seen[id] == ON_PATH; id = parent[id]) {
      seen[id] = SEEN;
    }
  }
}

/**
   Return the depth of blank node `id`, nested in `up` at depth `up_depth`,
   or cut `id` (it then stands at the top, at depth 0).

   The rest of a collection continues its list at the level of the list;
   any other node nested is one level deeper than its parent.  A node
   deeper than KG_LAYOUT_MAX_NEST stands at the top instead, and so does
   each rest of a list that is not a collection (in RDF/XML, a list of
   literals), so that a long list is not a staircase.  A list head that
   stands at the top is written as its rdf:first and rdf:rest triples,
   since a collection has no label.  A node with no properties nests
   nothing, and is never cut.
*/
static unsigned
place(KgLayout* const l,
      const KgTermId  up,
      const KgTermId  id,
      const unsigned  up_depth)
{
  const bool is_rest = list_shape_rest(l, up, false) == id;
  if (is_rest && l->list[up]) {
    return up_depth;
  }

  if (l->count[id] &&
      (up_depth >= KG_LAYOUT_MAX_NEST ||
       (is_rest && !l->list[id] && list_shape_rest(l, id, false)))) {
    l->cut[id]  = 1U;
    l->list[id] = 0U;
    return 0U;
  }
  return up_depth + 1U;
}

/**
   Work out the depth of every nested blank node, cutting where place()
   says, without recursion and without a stack.

   From each node, parents are followed up to one whose depth is known or
   that stands at the top, and each link is reversed on the way; then the
   reversed links lead back down, each is restored, and each node gets its
   depth from its parent's.  Every node is walked over once, as every
   cycle has a cut (find_cuts()), at which the walk up stops.
*/
static void
find_depths(KgLayout* const l, KgTermId* const parent, uint8_t* const depth)
{
  enum { UNKNOWN = 0xFF };

  const size_t n_ids = l->graph->terms.n_terms;
  memset(depth, UNKNOWN, n_ids);
  for (KgTermId start = 1U; start < n_ids; ++start) {
    if (!parent[start] || depth[start] != UNKNOWN) {
      continue;
    }

    // Up, reversing links, to a node at the top or of known depth
    KgTermId below = KG_NO_TERM;
    KgTermId id    = start;
    while (parent[id] && !l->cut[id] && depth[id] == UNKNOWN) {
      const KgTermId up = parent[id];
      parent[id]        = below;
      below             = id;
      id                = up;
    }

    // Down again, restoring links
    unsigned d = (parent[id] && !l->cut[id]) ? depth[id] : 0U;
    for (KgTermId up = id; below;) {
      const KgTermId next = parent[below];
      parent[below]       = up;
      d                   = place(l, up, below, d);
      depth[below]        = (uint8_t)d;
      up                  = below;
      below               = next;
    }
  }
}

/// Find where nesting stops: at cycles, and past KG_LAYOUT_MAX_NEST.
static KgStatus
find_tops(KgLayout* const l)
{
  const KgGraph* const graph   = l->graph;
  const size_t         n_ids   = graph->terms.n_terms;
  KgTermId* const      parent  = (KgTermId*)kg_calloc(n_ids, sizeof(KgTermId));
  uint8_t* const       scratch = (uint8_t*)kg_malloc(n_ids ? n_ids : 1U);
  if (!parent || !scratch) {
    kg_free(scratch);
    kg_free(parent);
    return KG_BAD_ALLOC;
  }

  for (size_t i = 0U; i < graph->n_triples; ++i) {
    const KgTriple* const t = &graph->triples[i];
    if (l->in_count[t->o] == 1U && kg_is_blank(graph, t->o)) {
      parent[t->o] = t->s;
    }
  }

  find_cuts(l, parent, scratch);
  find_depths(l, parent, scratch);
  kg_free(scratch);
  kg_free(parent);

  size_t n_cuts = 0U;
  for (KgTermId id = 1U; id < n_ids; ++id) {
    n_cuts += l->cut[id];
  }
  l->pending =
    (KgTermId*)kg_reallocarray(NULL, n_cuts ? n_cuts : 1U, sizeof(KgTermId));
  return l->pending ? KG_SUCCESS : KG_BAD_ALLOC;
}

KgStatus
kg_layout_init(KgLayout* const      l,
               const KgGraph* const graph,
               const uint32_t       flags)
{
  memset(l, 0, sizeof(*l));
  l->graph = graph;
  l->flags = flags;

  const KgStatus st =
    kg_order_init(&l->order,
                  graph,
                  (flags & KG_LAYOUT_TYPE_FIRST) ? KG_ORDER_TYPE_FIRST : 0U);
  if (st) {
    return st;
  }

  const size_t n_ids = graph->terms.n_terms;
  l->in_count        = (uint32_t*)kg_calloc(n_ids, sizeof(uint32_t));
  l->first           = (uint32_t*)kg_calloc(n_ids, sizeof(uint32_t));
  l->count           = (uint32_t*)kg_calloc(n_ids, sizeof(uint32_t));
  l->state           = (uint8_t*)kg_calloc(n_ids, sizeof(uint8_t));
  l->list            = (uint8_t*)kg_calloc(n_ids, sizeof(uint8_t));
  l->cut             = (uint8_t*)kg_calloc(n_ids, sizeof(uint8_t));
  l->subjects = (KgTermId*)kg_reallocarray(NULL, n_ids, sizeof(KgTermId));
  if (!l->in_count || !l->first || !l->count || !l->state || !l->list ||
      !l->cut || !l->subjects) {
    return KG_BAD_ALLOC;
  }

  for (size_t i = 0U; i < l->order.n_triples; ++i) {
    const KgTriple* const t = &graph->triples[l->order.triples[i]];
    if (!l->count[t->s]++) {
      l->first[t->s]               = (uint32_t)i;
      l->subjects[l->n_subjects++] = t->s;
    }
    if (l->in_count[t->o] < UINT32_MAX) {
      ++l->in_count[t->o];
    }
  }

  l->rdf_type  = kg_graph_find_iri(graph, KG_SV(KG_RDF_TYPE));
  l->rdf_first = kg_graph_find_iri(graph, KG_SV(KG_RDF_FIRST));
  l->rdf_rest  = kg_graph_find_iri(graph, KG_SV(KG_RDF_REST));
  l->rdf_nil   = kg_graph_find_iri(graph, KG_SV(KG_RDF_NIL));
  if (!l->rdf_nil || !l->rdf_first || !l->rdf_rest ||
      (flags & KG_LAYOUT_NO_NESTING)) {
    l->rdf_first = l->rdf_rest = l->rdf_nil = KG_NO_TERM;
  }

  find_lists(l);
  return (flags & KG_LAYOUT_NO_NESTING) ? KG_SUCCESS : find_tops(l);
}

void
kg_layout_fini(KgLayout* const l)
{
  kg_free(l->pending);
  kg_free(l->subjects);
  kg_free(l->cut);
  kg_free(l->list);
  kg_free(l->state);
  kg_free(l->count);
  kg_free(l->first);
  kg_free(l->in_count);
  kg_order_fini(&l->order);
  memset(l, 0, sizeof(*l));
}

bool
kg_layout_nest(KgLayout* const l, const KgTermId o)
{
  if ((l->flags & KG_LAYOUT_NO_NESTING) || !kg_is_blank(l->graph, o) ||
      l->in_count[o] != 1U || l->state[o] != KG_LAYOUT_UNWRITTEN) {
    return false;
  }

  if (l->cut[o]) {
    // It stands at the top, next after the subject being written
    l->state[o]                = KG_LAYOUT_PROMOTED;
    l->pending[l->n_pending++] = o;
    return false;
  }

  l->state[o] = KG_LAYOUT_WRITTEN;
  return true;
}

KgTermId
kg_layout_list_item(KgLayout* const l, const KgTermId id, KgTermId* const rest)
{
  const KgTriple* const a = kg_layout_triple(l, id, 0U);
  const KgTriple* const b = kg_layout_triple(l, id, 1U);
  l->state[id]            = KG_LAYOUT_WRITTEN;
  *rest                   = a->p == l->rdf_rest ? a->o : b->o;
  return a->p == l->rdf_first ? a->o : b->o;
}

KgTermId
kg_layout_next_root(KgLayout* const l)
{
  // The nodes where nesting stopped inside the subject last written come
  // next, in the order met, then those met before them: pending is a
  // stack, its newest part reversed
  for (size_t i = l->pending_mark, j = l->n_pending; i + 1U < j; ++i, --j) {
    const KgTermId t   = l->pending[i];
    l->pending[i]      = l->pending[j - 1U];
    l->pending[j - 1U] = t;
  }
  if (l->n_pending) {
    l->pending_mark = --l->n_pending;
    return l->pending[l->n_pending];
  }

  const bool nesting = !(l->flags & KG_LAYOUT_NO_NESTING);
  while (true) {
    if (l->cursor >= l->n_subjects) {
      if (l->pass == 2U || !nesting) {
        return KG_NO_TERM;
      }
      // What is left is in cycles of blank nodes used once: break each
      // cycle where find_cuts() chose, at a node that then needs a label.
      // That writes all; a last pass makes sure that nothing is left out.
      ++l->pass;
      l->cursor = 0U;
      continue;
    }

    const KgTermId s = l->subjects[l->cursor++];
    if (l->state[s] != KG_LAYOUT_UNWRITTEN) {
      continue;
    }

    if (l->pass) {
      if (l->cut[s] || l->pass == 2U) {
        l->state[s] = KG_LAYOUT_PROMOTED;
        return s;
      }
      continue;
    }

    if (!nesting || !kg_is_blank(l->graph, s) || l->in_count[s] != 1U) {
      l->state[s] = KG_LAYOUT_WRITTEN;
      return s;
    }
  }
}
