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
//  2. Colour refinement makes the partition equitable, in O(m log n)
//     however many rounds a plain colour refinement would need (a chain of
//     n blank nodes needs n / 2): see refine.h, shared with diff.
//  3. Because the partition is computed on the union, every cell of
//     isomorphic graphs holds as many nodes of `a` as of `b`.  A cell that
//     does not is a proof that the graphs differ.
//  4. While some cell holds several nodes of each graph, pick the smallest,
//     pair one of its nodes of `a` with each of its nodes of `b` in turn,
//     put the pair in a cell of its own, and refine again (refine.h).
//  5. When every cell is a pair, the pairs are a bijection; it is checked
//     against every triple, so a hash collision can never give a wrong yes.
//
// There is no work limit: a graph built to defeat individualization (a
// CFI graph) can take exponential time.

#include "alloc.h"
#include "canon.h"
#include "graph.h"
#include "hash.h"
#include "intern.h"
#include "refine.h"

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

typedef struct {
  const KgGraph* a;
  const KgGraph* b;
  KgTermId*      map;    ///< Term of `a` to term of `b` (0: none)
  uint32_t*      node_a; ///< Term of `a` to blank node index + 1 (0: none)
  uint32_t*      node_b; ///< Term of `b` to blank node index + 1 (0: none)
  KgTermId*      terms;  ///< Blank node index to its term (in `a` or `b`)
  uint32_t       n_a;    ///< Blank nodes of `a`: indices [0, n_a)
  uint32_t       n;      ///< All blank nodes: those of `b` are [n_a, n)
  KgRefiner      r;      ///< The partition of all blank nodes
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
  KgRefiner* const r = &iso->r;
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
        kg_refiner_add(r, sn - 1U, on - 1U, link_label(p, true));
        kg_refiner_add(r, on - 1U, sn - 1U, link_label(p, false));
      } else {
        kg_refiner_count(r, sn - 1U);
        kg_refiner_count(r, on - 1U);
        r->key[sn - 1U] += ground_label(p, true, BLANK_NEIGHBOUR);
        r->key[on - 1U] += ground_label(p, false, BLANK_NEIGHBOUR);
      }
    } else if (!fill && sn) {
      r->key[sn - 1U] += ground_label(p, true, map ? map[t->o] : t->o);
    } else if (!fill) {
      r->key[on - 1U] += ground_label(p, false, map ? map[t->s] : t->s);
    }
  }
}

/// Build the blank-to-blank edges and the initial colours of all nodes.
static KgStatus
build_edges(Iso* const iso)
{
  KgStatus st = kg_refiner_init(&iso->r, iso->n_a, iso->n);
  if (st) {
    return st;
  }

  // Count, then fill
  scan_edges(iso, iso->a, iso->node_a, iso->map, false);
  scan_edges(iso, iso->b, iso->node_b, NULL, false);
  if ((st = kg_refiner_begin_edges(&iso->r))) {
    return st;
  }
  scan_edges(iso, iso->a, iso->node_a, iso->map, true);
  scan_edges(iso, iso->b, iso->node_b, NULL, true);
  kg_refiner_end_edges(&iso->r);
  return KG_SUCCESS;
}

/// Return true iff pairing the nodes of each cell maps `a` onto `b`.
static bool
verify(void* const handle, const KgRefiner* const r)
{
  Iso* const iso = (Iso*)handle;
  for (uint32_t x = 0U; x < iso->n_a; ++x) {
    iso->map[iso->terms[x]] = iso->terms[kg_refiner_mate(r, x)];
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
  kg_refiner_fini(&iso->r);
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

  iso->r.check = true;
  st           = kg_refiner_partition(&iso->r);
  if (!st) {
    st = kg_refiner_refine(&iso->r);
  }
  if (!st) {
    st = kg_refiner_search(&iso->r, verify, iso);
  }
  *result = !st;
  return st == KG_FAILURE ? KG_SUCCESS : st;
}

/// Set `*digest` to the hash of the canonical N-Quads of `graph`.
static KgStatus
canonical_digest(const KgGraph* const graph, uint8_t* const digest)
{
  const KgCanonOptions options = {KG_HASH_SHA256, 0U, {NULL, NULL}};
  KgCanonizer          c;
  KgStatus             st = kg_canonizer_init(&c, graph, &options);
  if (!st) {
    st = kg_canonizer_run(&c, NULL, graph->n_triples);
  }
  if (!st) {
    st = kg_canonizer_digest(&c, NULL, graph->n_triples, digest);
  }
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
