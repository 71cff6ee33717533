// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <criterion/criterion.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EX "http://example.org/"

/*
  Helpers
*/

static KgTermId
iri(KgGraph* const g, const char* const local)
{
  char      buf[256];
  const int n = snprintf(buf, sizeof(buf), EX "%s", local);
  cr_assert(n > 0 && (size_t)n < sizeof(buf));
  const KgTermId id = kg_graph_iri(g, kg_sv(buf));
  cr_assert_neq(id, KG_NO_TERM);
  return id;
}

static KgTermId
blank(KgGraph* const    g,
      const char* const prefix,
      const uint32_t    n,
      const uint32_t    scope)
{
  char      buf[64];
  const int len = snprintf(buf, sizeof(buf), "%s%u", prefix, n);
  cr_assert(len > 0 && (size_t)len < sizeof(buf));
  const KgTermId id = kg_graph_blank(g, kg_sv(buf), scope);
  cr_assert_neq(id, KG_NO_TERM);
  return id;
}

static KgTermId
lit(KgGraph* const g, const char* const text)
{
  const KgTermId id = kg_graph_literal(g, kg_sv(text), KG_NO_TERM, KG_SV(""));
  cr_assert_neq(id, KG_NO_TERM);
  return id;
}

static void
add(KgGraph* const g, const KgTermId s, const KgTermId p, const KgTermId o)
{
  cr_assert_eq(kg_graph_add(g, s, p, o), KG_SUCCESS);
}

static KgGraph*
new_graph(void)
{
  KgGraph* const g = kg_graph_new();
  cr_assert_not_null(g);
  return g;
}

static bool
iso(const KgGraph* const a, const KgGraph* const b)
{
  KgStatus   st = KG_BAD_INTERNAL;
  const bool r  = kg_graph_is_isomorphic(a, b, &st);
  cr_assert_eq(st, KG_SUCCESS);

  // The relation is symmetric
  const bool r2 = kg_graph_is_isomorphic(b, a, &st);
  cr_assert_eq(st, KG_SUCCESS);
  cr_assert_eq(
    r, r2, "is_isomorphic(a, b) = %d but is_isomorphic(b, a) = %d", r, r2);
  return r;
}

/// A reproducible permutation of [0, n), or the identity if `seed` is 0.
static uint32_t*
permutation(const uint32_t n, uint32_t seed)
{
  uint32_t* const perm = (uint32_t*)malloc(((size_t)n + 1U) * sizeof(uint32_t));
  cr_assert_not_null(perm);
  for (uint32_t i = 0U; i < n; ++i) {
    perm[i] = i;
  }

  for (uint32_t i = n; seed && i > 1U; --i) {
    seed             = seed * 1103515245U + 12345U;
    const uint32_t j = (seed >> 8U) % i;
    const uint32_t t = perm[i - 1U];
    perm[i - 1U]     = perm[j];
    perm[j]          = t;
  }
  return perm;
}

/// An edge from blank node `from` to blank node `to`.
typedef struct {
  uint32_t from;
  uint32_t to;
} BlankEdge;

/**
   Make a graph of blank nodes 0 to n - 1 linked by ex:p, with nodes renamed
   and edges added in an order shuffled by `seed` (0: as given).
*/
static KgGraph*
blank_graph(const BlankEdge* const edges,
            const size_t           n_edges,
            const uint32_t         n_nodes,
            const uint32_t         seed)
{
  KgGraph* const  g     = new_graph();
  const uint32_t  scope = kg_graph_new_scope(g);
  const KgTermId  p     = iri(g, "p");
  uint32_t* const names = permutation(n_nodes, seed);
  uint32_t* const order =
    permutation((uint32_t)n_edges, seed ? seed * 7U + 1U : 0U);
  for (size_t i = 0U; i < n_edges; ++i) {
    const BlankEdge* const e = &edges[order[i]];
    add(g,
        blank(g, seed ? "n" : "b", names[e->from], scope),
        p,
        blank(g, seed ? "n" : "b", names[e->to], scope));
  }
  free(order);
  free(names);
  return g;
}

/// Append the directed cycle first, first + 1, ..., first + len - 1.
static size_t
cycle(BlankEdge* const edges,
      size_t           n,
      const uint32_t   first,
      const uint32_t   len)
{
  for (uint32_t i = 0U; i < len; ++i) {
    edges[n].from = first + i;
    edges[n].to   = first + (i + 1U) % len;
    ++n;
  }
  return n;
}

/// Append the undirected edge {x, y} as two triples.
static size_t
undirected(BlankEdge* const edges, size_t n, const uint32_t x, const uint32_t y)
{
  edges[n].from = x;
  edges[n++].to = y;
  edges[n].from = y;
  edges[n++].to = x;
  return n;
}

/// Build cycles of the lengths in `lens` (ending with 0), shuffled by `seed`.
static KgGraph*
cycles(const uint32_t* const lens, const uint32_t seed)
{
  BlankEdge edges[64];
  size_t    n     = 0U;
  uint32_t  first = 0U;
  for (const uint32_t* l = lens; *l; ++l) {
    n = cycle(edges, n, first, *l);
    first += *l;
  }
  return blank_graph(edges, n, first, seed);
}

/*
  Basics
*/

Test(iso, empty_graphs)
{
  KgGraph* const a = new_graph();
  KgGraph* const b = new_graph();
  cr_assert(iso(a, b));
  cr_assert(kg_graph_is_isomorphic(a, b, NULL));
  kg_graph_free(b);
  kg_graph_free(a);
}

/// A small graph with IRIs, literals and two blank nodes.
static KgGraph*
people(const bool reversed, const char* const bnode_prefix)
{
  KgGraph* const g     = new_graph();
  const uint32_t scope = kg_graph_new_scope(g);
  const KgTermId type  = kg_graph_iri(g, KG_SV(KG_RDF_TYPE));
  const KgTermId xint  = kg_graph_iri(g, KG_SV(KG_XSD_NS "integer"));
  const KgTermId alice = iri(g, "alice");
  const KgTermId name  = iri(g, "name");
  const KgTermId knows = iri(g, "knows");
  const KgTermId bob   = blank(g, bnode_prefix, 1U, scope);
  const KgTermId carol = blank(g, bnode_prefix, 2U, scope);
  const KgTriple t[]   = {
      {alice, type, iri(g, "Person")},
      {alice, name, lit(g, "Alice")},
      {alice, knows, bob},
      {bob, name, kg_graph_literal(g, KG_SV("Bob"), KG_NO_TERM, KG_SV("en-GB"))},
      {bob, iri(g, "age"), kg_graph_literal(g, KG_SV("42"), xint, KG_SV(""))},
      {bob, knows, carol},
      {carol, name, lit(g, "Carol")},
      {carol, knows, alice},
  };

  const size_t n = sizeof(t) / sizeof(t[0]);
  for (size_t i = 0U; i < n; ++i) {
    const KgTriple* const x = &t[reversed ? n - 1U - i : i];
    add(g, x->s, x->p, x->o);
  }
  return g;
}

Test(iso, identical_graphs)
{
  KgGraph* const a = people(false, "b");
  KgGraph* const b = people(false, "b");
  cr_assert(iso(a, b));
  cr_assert(iso(a, a));
  kg_graph_free(b);
  kg_graph_free(a);
}

Test(iso, renamed_blank_nodes)
{
  KgGraph* const a = people(false, "b");
  KgGraph* const b = people(false, "genid");
  cr_assert(iso(a, b));
  kg_graph_free(b);
  kg_graph_free(a);
}

Test(iso, shuffled_insertion_order)
{
  KgGraph* const a = people(false, "b");
  KgGraph* const b = people(true, "x");
  cr_assert(iso(a, b));
  kg_graph_free(b);
  kg_graph_free(a);
}

Test(iso, blank_scopes_do_not_matter)
{
  // The same label in two scopes is two nodes; in one scope, one node
  KgGraph* const a  = new_graph();
  const uint32_t s1 = kg_graph_new_scope(a);
  const uint32_t s2 = kg_graph_new_scope(a);
  add(a, blank(a, "b", 0U, s1), iri(a, "p"), lit(a, "x"));
  add(a, blank(a, "b", 0U, s2), iri(a, "p"), lit(a, "x"));

  KgGraph* const b  = new_graph();
  const uint32_t sb = kg_graph_new_scope(b);
  add(b, blank(b, "b", 0U, sb), iri(b, "p"), lit(b, "x"));
  add(b, blank(b, "b", 1U, sb), iri(b, "p"), lit(b, "x"));
  cr_assert(iso(a, b));
  kg_graph_free(b);
  kg_graph_free(a);
}

Test(iso, unused_terms_do_not_matter)
{
  KgGraph* const a = people(false, "b");
  KgGraph* const b = people(true, "z");
  iri(b, "unused");
  lit(b, "unused");
  blank(b, "unused", 0U, kg_graph_new_scope(b));
  kg_graph_fresh_blank(a);
  cr_assert(iso(a, b));
  kg_graph_free(b);
  kg_graph_free(a);
}

Test(iso, different_sizes)
{
  KgGraph* const a = people(false, "b");
  KgGraph* const b = people(false, "b");
  add(b, iri(b, "alice"), iri(b, "name"), lit(b, "Alicia"));
  cr_assert_not(iso(a, b));
  kg_graph_free(b);
  kg_graph_free(a);
}

Test(iso, different_ground_triple)
{
  KgGraph* const a = new_graph();
  KgGraph* const b = new_graph();
  add(a, iri(a, "s"), iri(a, "p"), iri(a, "o1"));
  add(a, iri(a, "s"), iri(a, "p"), iri(a, "o2"));
  add(b, iri(b, "s"), iri(b, "p"), iri(b, "o1"));
  add(b, iri(b, "s"), iri(b, "q"), iri(b, "o2"));
  iri(b, "p"); // Every term of a is in b, but not every triple
  iri(b, "o2");
  cr_assert_not(iso(a, b));
  kg_graph_free(b);
  kg_graph_free(a);
}

Test(iso, ground_term_missing_from_other_graph)
{
  KgGraph* const a  = new_graph();
  KgGraph* const b  = new_graph();
  const uint32_t sa = kg_graph_new_scope(a);
  const uint32_t sb = kg_graph_new_scope(b);
  add(a, blank(a, "b", 0U, sa), iri(a, "p"), iri(a, "only-in-a"));
  add(b, blank(b, "b", 0U, sb), iri(b, "p"), iri(b, "only-in-b"));
  cr_assert_not(iso(a, b));
  kg_graph_free(b);
  kg_graph_free(a);
}

Test(iso, ground_triples_in_one_blank_triples_in_other)
{
  // Same size, but a has more ground triples than b
  KgGraph* const a  = new_graph();
  KgGraph* const b  = new_graph();
  const uint32_t sb = kg_graph_new_scope(b);
  add(a, iri(a, "s"), iri(a, "p"), lit(a, "1"));
  add(a, iri(a, "s"), iri(a, "p"), lit(a, "2"));
  add(b, iri(b, "s"), iri(b, "p"), lit(b, "1"));
  add(b, blank(b, "b", 0U, sb), iri(b, "p"), lit(b, "2"));
  iri(b, "s");
  cr_assert_not(iso(a, b));
  kg_graph_free(b);
  kg_graph_free(a);
}

/// A graph with one blank node and a literal made by `make`.
static KgGraph*
one_literal(KgTermId (*make)(KgGraph*))
{
  KgGraph* const g = new_graph();
  const KgTermId b = blank(g, "b", 0U, kg_graph_new_scope(g));
  add(g, b, iri(g, "p"), make(g));
  add(g, iri(g, "s"), iri(g, "q"), b);
  return g;
}

static KgTermId
plain_x(KgGraph* const g)
{
  return lit(g, "x");
}

static KgTermId
plain_y(KgGraph* const g)
{
  return lit(g, "y");
}

static KgTermId
string_x(KgGraph* const g)
{
  return kg_graph_literal(
    g, KG_SV("x"), kg_graph_iri(g, KG_SV(KG_XSD_STRING)), KG_SV(""));
}

static KgTermId
token_x(KgGraph* const g)
{
  return kg_graph_literal(
    g, KG_SV("x"), kg_graph_iri(g, KG_SV(KG_XSD_NS "token")), KG_SV(""));
}

static KgTermId
en_x(KgGraph* const g)
{
  return kg_graph_literal(g, KG_SV("x"), KG_NO_TERM, KG_SV("en"));
}

static KgTermId
en_upper_x(KgGraph* const g)
{
  return kg_graph_literal(g, KG_SV("x"), KG_NO_TERM, KG_SV("EN"));
}

static KgTermId
fr_x(KgGraph* const g)
{
  return kg_graph_literal(g, KG_SV("x"), KG_NO_TERM, KG_SV("fr"));
}

static KgTermId
nul_x(KgGraph* const g)
{
  return kg_graph_literal(g, KG_SV("x\0y"), KG_NO_TERM, KG_SV(""));
}

static KgTermId
iri_x(KgGraph* const g)
{
  return kg_graph_iri(g, KG_SV("x"));
}

Test(iso, same_shape_different_literal)
{
  KgTermId (*const makers[])(KgGraph*) = {
    plain_x, plain_y, token_x, en_x, fr_x, nul_x, iri_x};
  const size_t n = sizeof(makers) / sizeof(makers[0]);
  for (size_t i = 0U; i < n; ++i) {
    for (size_t j = 0U; j < n; ++j) {
      KgGraph* const a = one_literal(makers[i]);
      KgGraph* const b = one_literal(makers[j]);
      cr_assert_eq(iso(a, b), i == j, "literal makers %zu and %zu", i, j);
      kg_graph_free(b);
      kg_graph_free(a);
    }
  }
}

Test(iso, literal_equality_is_by_value)
{
  // A plain literal is an xsd:string; language tags ignore case
  KgGraph* a = one_literal(plain_x);
  KgGraph* b = one_literal(string_x);
  cr_assert(iso(a, b));
  kg_graph_free(b);
  kg_graph_free(a);

  a = one_literal(en_x);
  b = one_literal(en_upper_x);
  cr_assert(iso(a, b));
  kg_graph_free(b);
  kg_graph_free(a);
}

Test(iso, blank_node_count_differs)
{
  KgGraph* const a  = new_graph();
  KgGraph* const b  = new_graph();
  const uint32_t sa = kg_graph_new_scope(a);
  const uint32_t sb = kg_graph_new_scope(b);
  add(a, blank(a, "b", 0U, sa), iri(a, "p"), lit(a, "1"));
  add(a, blank(a, "b", 0U, sa), iri(a, "p"), lit(a, "2"));
  add(b, blank(b, "b", 0U, sb), iri(b, "p"), lit(b, "1"));
  add(b, blank(b, "b", 1U, sb), iri(b, "p"), lit(b, "2"));
  cr_assert_not(iso(a, b));
  kg_graph_free(b);
  kg_graph_free(a);
}

/*
  Cycles and other hard cases
*/

Test(iso, cycle_of_three_renamed)
{
  const uint32_t three[] = {3U, 0U};
  KgGraph* const a       = cycles(three, 0U);
  KgGraph* const b       = cycles(three, 12345U);
  cr_assert(iso(a, b));
  kg_graph_free(b);
  kg_graph_free(a);
}

Test(iso, cycles_of_other_lengths)
{
  // Six triples in each graph, every node with one edge in and one out
  static const uint32_t shapes[][4] = {
    {6U, 0U}, {3U, 3U, 0U}, {2U, 4U, 0U}, {2U, 2U, 2U, 0U}, {1U, 5U, 0U}};
  const size_t n = sizeof(shapes) / sizeof(shapes[0]);
  for (size_t i = 0U; i < n; ++i) {
    for (size_t j = 0U; j < n; ++j) {
      KgGraph* const a = cycles(shapes[i], 0U);
      KgGraph* const b = cycles(shapes[j], 99U + (uint32_t)j);
      cr_assert_eq(iso(a, b), i == j, "cycle shapes %zu and %zu", i, j);
      kg_graph_free(b);
      kg_graph_free(a);
    }
  }
}

Test(iso, two_triangles_versus_hexagon)
{
  const uint32_t two_triangles[] = {3U, 3U, 0U};
  const uint32_t hexagon[]       = {6U, 0U};
  KgGraph* const a               = cycles(two_triangles, 0U);
  KgGraph* const b               = cycles(hexagon, 0U);
  KgGraph* const c               = cycles(two_triangles, 777U);
  cr_assert_not(iso(a, b));
  cr_assert(iso(a, c));
  kg_graph_free(c);
  kg_graph_free(b);
  kg_graph_free(a);
}

Test(iso, many_cycles_same_multiset)
{
  const uint32_t x[] = {4U, 4U, 3U, 5U, 4U, 3U, 0U};
  const uint32_t y[] = {3U, 4U, 5U, 4U, 3U, 4U, 0U};
  const uint32_t z[] = {4U, 4U, 4U, 4U, 3U, 4U, 0U}; // Same size, other lengths
  KgGraph* const a   = cycles(x, 0U);
  KgGraph* const b   = cycles(y, 4242U);
  KgGraph* const c   = cycles(z, 4242U);
  cr_assert(iso(a, b));
  cr_assert_not(iso(a, c));
  kg_graph_free(c);
  kg_graph_free(b);
  kg_graph_free(a);
}

/// K3,3 (bipartite, no triangle) or the triangular prism: both 3-regular.
static KgGraph*
k33_or_prism(const bool prism, const uint32_t seed)
{
  BlankEdge edges[18];
  size_t    n = 0U;
  if (prism) {
    for (uint32_t i = 0U; i < 3U; ++i) {
      n = undirected(edges, n, i, (i + 1U) % 3U);
      n = undirected(edges, n, 3U + i, 3U + (i + 1U) % 3U);
      n = undirected(edges, n, i, 3U + i);
    }
  } else {
    for (uint32_t i = 0U; i < 3U; ++i) {
      for (uint32_t j = 3U; j < 6U; ++j) {
        n = undirected(edges, n, i, j);
      }
    }
  }
  return blank_graph(edges, n, 6U, seed);
}

Test(iso, regular_k33_versus_prism)
{
  KgGraph* const k33    = k33_or_prism(false, 0U);
  KgGraph* const prism  = k33_or_prism(true, 0U);
  KgGraph* const k33_2  = k33_or_prism(false, 31U);
  KgGraph* const prism2 = k33_or_prism(true, 57U);
  cr_assert_not(iso(k33, prism));
  cr_assert(iso(k33, k33_2));
  cr_assert(iso(prism, prism2));
  kg_graph_free(prism2);
  kg_graph_free(k33_2);
  kg_graph_free(prism);
  kg_graph_free(k33);
}

/// The Petersen graph (3-regular, 10 nodes, vertex-transitive).
static KgGraph*
petersen(const uint32_t seed)
{
  BlankEdge edges[30];
  size_t    n = 0U;
  for (uint32_t i = 0U; i < 5U; ++i) {
    n = undirected(edges, n, i, (i + 1U) % 5U);           // Outer cycle
    n = undirected(edges, n, 5U + i, 5U + (i + 2U) % 5U); // Inner star
    n = undirected(edges, n, i, 5U + i);                  // Spokes
  }
  return blank_graph(edges, n, 10U, seed);
}

/// The pentagonal prism: also 3-regular with 10 nodes, not Petersen.
static KgGraph*
pentagonal_prism(const uint32_t seed)
{
  BlankEdge edges[30];
  size_t    n = 0U;
  for (uint32_t i = 0U; i < 5U; ++i) {
    n = undirected(edges, n, i, (i + 1U) % 5U);
    n = undirected(edges, n, 5U + i, 5U + (i + 1U) % 5U);
    n = undirected(edges, n, i, 5U + i);
  }
  return blank_graph(edges, n, 10U, seed);
}

Test(iso, regular_petersen)
{
  KgGraph* const a = petersen(0U);
  KgGraph* const b = petersen(2024U);
  KgGraph* const c = pentagonal_prism(2024U);
  cr_assert(iso(a, b));
  cr_assert_not(iso(a, c));
  kg_graph_free(c);
  kg_graph_free(b);
  kg_graph_free(a);
}

/**
   The 4x4 rook's graph or the Shrikhande graph: both strongly regular with
   parameters (16, 6, 2, 2), so no colour refinement, not even of pairs,
   tells them apart.
*/
static KgGraph*
rook_or_shrikhande(const bool shrikhande, const uint32_t seed)
{
  BlankEdge edges[96];
  size_t    n = 0U;
  for (uint32_t x = 0U; x < 16U; ++x) {
    for (uint32_t y = x + 1U; y < 16U; ++y) {
      const uint32_t dr     = (y / 4U - x / 4U + 4U) % 4U;
      const uint32_t dc     = (y % 4U - x % 4U + 4U) % 4U;
      const bool     linked = shrikhande
                                ? ((dr == 0U && (dc == 1U || dc == 3U)) ||
                               (dc == 0U && (dr == 1U || dr == 3U)) ||
                               (dr == 1U && dc == 1U) || (dr == 3U && dc == 3U))
                                : (dr == 0U || dc == 0U);
      if (linked) {
        n = undirected(edges, n, x, y);
      }
    }
  }
  cr_assert_eq(n, 96U);
  return blank_graph(edges, n, 16U, seed);
}

Test(iso, strongly_regular_rook_versus_shrikhande)
{
  KgGraph* const rook  = rook_or_shrikhande(false, 0U);
  KgGraph* const shri  = rook_or_shrikhande(true, 0U);
  KgGraph* const rook2 = rook_or_shrikhande(false, 5U);
  KgGraph* const shri2 = rook_or_shrikhande(true, 8U);
  cr_assert_not(iso(rook, shri));
  cr_assert_not(iso(rook2, shri));
  cr_assert(iso(rook, rook2));
  cr_assert(iso(shri, shri2));
  kg_graph_free(shri2);
  kg_graph_free(rook2);
  kg_graph_free(shri);
  kg_graph_free(rook);
}

Test(iso, self_loops)
{
  // {x -> x, y -> y} versus {x -> y, y -> x}: every node has one edge in and
  // one out in both
  const BlankEdge loops[] = {{0U, 0U}, {1U, 1U}};
  const BlankEdge swap[]  = {{0U, 1U}, {1U, 0U}};
  KgGraph* const  a       = blank_graph(loops, 2U, 2U, 0U);
  KgGraph* const  b       = blank_graph(swap, 2U, 2U, 0U);
  KgGraph* const  c       = blank_graph(loops, 2U, 2U, 3U);
  cr_assert_not(iso(a, b));
  cr_assert(iso(a, c));
  kg_graph_free(c);
  kg_graph_free(b);
  kg_graph_free(a);

  // A loop on a node that also has other edges
  const BlankEdge mixed1[] = {{0U, 0U}, {0U, 1U}, {1U, 2U}, {2U, 0U}};
  const BlankEdge mixed2[] = {{1U, 1U}, {1U, 2U}, {2U, 0U}, {0U, 1U}};
  const BlankEdge mixed3[] = {{1U, 1U}, {0U, 1U}, {1U, 2U}, {2U, 0U}};
  KgGraph* const  d        = blank_graph(mixed1, 4U, 3U, 0U);
  KgGraph* const  e        = blank_graph(mixed2, 4U, 3U, 11U);
  KgGraph* const  f        = blank_graph(mixed3, 4U, 3U, 0U);
  cr_assert(iso(d, e));
  cr_assert(iso(d, f));
  kg_graph_free(f);
  kg_graph_free(e);
  kg_graph_free(d);
}

/// Add an RDF list of the literals `items` (ending with NULL) to `g`.
static KgTermId
list(KgGraph* const           g,
     const char* const* const items,
     const uint32_t           scope,
     const char* const        prefix)
{
  const KgTermId first = kg_graph_iri(g, KG_SV(KG_RDF_FIRST));
  const KgTermId rest  = kg_graph_iri(g, KG_SV(KG_RDF_REST));
  KgTermId       next  = kg_graph_iri(g, KG_SV(KG_RDF_NIL));
  size_t         n     = 0U;
  while (items[n]) {
    ++n;
  }

  for (size_t i = n; i > 0U; --i) {
    const KgTermId node = blank(g, prefix, (uint32_t)i, scope);
    add(g, node, rest, next);
    add(g, node, first, lit(g, items[i - 1U]));
    next = node;
  }
  return next;
}

static KgGraph*
list_graph(const char* const* const one,
           const char* const* const two,
           const char* const        prefix)
{
  KgGraph* const g     = new_graph();
  const uint32_t scope = kg_graph_new_scope(g);
  add(g, iri(g, "s"), iri(g, "one"), list(g, one, scope, prefix));
  add(
    g, iri(g, "s"), iri(g, "two"), list(g, two, kg_graph_new_scope(g), prefix));
  return g;
}

Test(iso, lists)
{
  static const char* const abc[] = {"a", "b", "c", NULL};
  static const char* const acb[] = {"a", "c", "b", NULL};
  static const char* const aaa[] = {"a", "a", "a", NULL};

  KgGraph* const g1 = list_graph(abc, aaa, "l");
  KgGraph* const g2 = list_graph(abc, aaa, "other");
  KgGraph* const g3 = list_graph(acb, aaa, "l");
  KgGraph* const g4 = list_graph(aaa, abc, "l");
  cr_assert(iso(g1, g2));
  cr_assert_not(iso(g1, g3));
  cr_assert_not(iso(g1, g4));
  kg_graph_free(g4);
  kg_graph_free(g3);
  kg_graph_free(g2);
  kg_graph_free(g1);
}

/*
  Big graphs: 10,000 blank nodes, 100,000 triples
*/

#define BIG_NODES 10000U
#define BIG_PROPS 9U

typedef enum { CHAIN, RING, TREE } Shape;

/**
   Make 10,000 blank nodes, each with 9 literal properties that are the same
   for every node (so that only the shape tells nodes apart), linked as a
   chain (node i to node i + 1), a ring (a chain closed from the last node
   to the first) or a binary tree (node i to 2i + 1 and 2i + 2).  Nodes are
   named and triples added in an order shuffled by `seed`, and node `odd`
   (if below BIG_NODES) gets one literal changed.
*/
static KgGraph*
big_graph(const Shape shape, const uint32_t seed, const uint32_t odd)
{
  KgGraph* const  g     = new_graph();
  const uint32_t  scope = kg_graph_new_scope(g);
  uint32_t* const names = permutation(BIG_NODES, seed);
  uint32_t* const order = permutation(BIG_NODES, seed ? seed + 1U : 0U);
  KgTermId        props[BIG_PROPS];
  KgTermId        values[BIG_PROPS];
  for (uint32_t k = 0U; k < BIG_PROPS; ++k) {
    char name[16];
    snprintf(name, sizeof(name), "p%u", k);
    props[k]  = iri(g, name);
    values[k] = lit(g, k % 2U ? "same" : "value");
  }
  const KgTermId next  = iri(g, "next");
  const KgTermId other = lit(g, "other");

  for (uint32_t i = 0U; i < BIG_NODES; ++i) {
    const uint32_t node = order[i];
    const KgTermId s    = blank(g, "n", names[node], scope);
    for (uint32_t k = 0U; k < BIG_PROPS; ++k) {
      add(g, s, props[k], (node == odd && k == 4U) ? other : values[k]);
    }

    if (shape == TREE) {
      for (uint32_t c = 2U * node + 1U; c <= 2U * node + 2U && c < BIG_NODES;
           ++c) {
        add(g, s, next, blank(g, "n", names[c], scope));
      }
    } else if (node + 1U < BIG_NODES || shape == RING) {
      add(g, s, next, blank(g, "n", names[(node + 1U) % BIG_NODES], scope));
    }
  }

  free(order);
  free(names);
  return g;
}

Test(iso, big_chain, .timeout = 60.0)
{
  KgGraph* const a = big_graph(CHAIN, 0U, BIG_NODES);
  KgGraph* const b = big_graph(CHAIN, 17U, BIG_NODES);
  KgGraph* const c = big_graph(CHAIN, 17U, 5000U);
  KgGraph* const d = big_graph(CHAIN, 0U, 5000U);
  KgGraph* const e = big_graph(CHAIN, 0U, 4999U);
  cr_assert_eq(kg_graph_size(a), 99999U);
  cr_assert(iso(a, b));
  cr_assert_not(iso(a, c));
  cr_assert(iso(c, d));
  cr_assert_not(iso(c, e));
  kg_graph_free(e);
  kg_graph_free(d);
  kg_graph_free(c);
  kg_graph_free(b);
  kg_graph_free(a);
}

Test(iso, big_ring, .timeout = 60.0)
{
  KgGraph* const a = big_graph(RING, 0U, BIG_NODES);
  KgGraph* const b = big_graph(RING, 17U, BIG_NODES);
  KgGraph* const c = big_graph(RING, 17U, 5000U);
  KgGraph* const d = big_graph(RING, 0U, 2500U); // A ring has no start
  cr_assert_eq(kg_graph_size(a), 100000U);
  cr_assert(iso(a, b));
  cr_assert_not(iso(a, c));
  cr_assert(iso(c, d));
  kg_graph_free(d);
  kg_graph_free(c);
  kg_graph_free(b);
  kg_graph_free(a);
}

Test(iso, big_tree, .timeout = 60.0)
{
  KgGraph* const a = big_graph(TREE, 0U, BIG_NODES);
  KgGraph* const b = big_graph(TREE, 23U, BIG_NODES);
  KgGraph* const c = big_graph(TREE, 23U, 9000U); // A leaf at depth 13
  KgGraph* const d = big_graph(TREE, 0U, 8500U);  // Another one
  KgGraph* const e = big_graph(TREE, 0U, 4000U);  // Not a leaf
  cr_assert_eq(kg_graph_size(a), 99999U);
  cr_assert(iso(a, b));
  cr_assert_not(iso(a, c));
  cr_assert(iso(c, d));
  cr_assert_not(iso(c, e));
  kg_graph_free(e);
  kg_graph_free(d);
  kg_graph_free(c);
  kg_graph_free(b);
  kg_graph_free(a);
}
