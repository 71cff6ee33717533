// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The fuzzers' own parts: fuzz_shapes' programs build the graphs they say,
// and the oracle's copy is the same graph, relabelled and shuffled.

#include "fuzz_one.h"
#include "fuzz_shapes.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BUILD(...) \
  build((const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}))

static KgGraph*
build(const uint8_t* const data, const size_t size)
{
  KgGraph* const g = kg_shapes_build(data, size);
  cr_assert_not_null(g);
  return g;
}

/// Return how many triples of `g` have `id` as subject (or as object).
static size_t
degree(const KgGraph* const g, const KgTermId id, const bool out)
{
  const KgTriple* const t = kg_graph_triples(g);
  size_t                n = 0U;
  for (size_t i = 0U; i < kg_graph_size(g); ++i) {
    n += (out ? t[i].s : t[i].o) == id;
  }
  return n;
}

/// Return the number of blank nodes in `g` whose in- and out-degree are
/// `in` and `out`.
static size_t
count_blanks(const KgGraph* const g, const size_t in, const size_t out)
{
  size_t n = 0U;
  for (KgTermId id = 1U; id <= kg_graph_n_terms(g); ++id) {
    n += kg_term_is_blank(g, id) && degree(g, id, false) == in &&
         degree(g, id, true) == out;
  }
  return n;
}

static KgTermId
find_iri(const KgGraph* const g, const char* const iri)
{
  const KgStringView view = {iri, strlen(iri)};
  return kg_graph_find_iri(g, view);
}

Test(shapes, chain_from_the_root)
{
  // chain: subject (1: the root), predicate, size
  KgGraph* const g = BUILD(SHAPE_CHAIN, 1, 0, 100);
  cr_assert_eq(kg_graph_size(g), 100U);
  const KgTermId root = find_iri(g, "http://example.org/root");
  cr_assert_eq(degree(g, root, true), 1U);
  cr_assert_eq(count_blanks(g, 1U, 1U), 99U);
  cr_assert_eq(count_blanks(g, 1U, 0U), 1U);
  kg_graph_free(g);
}

Test(shapes, ring)
{
  KgGraph* const g = BUILD(SHAPE_RING, 0, 50);
  cr_assert_eq(kg_graph_size(g), 50U);
  cr_assert_eq(count_blanks(g, 1U, 1U), 50U);
  kg_graph_free(g);
}

Test(shapes, list_of_literals)
{
  KgGraph* const g = BUILD(SHAPE_LIST, 1, 0, 20, ITEM_LITERAL);
  cr_assert_eq(kg_graph_size(g), 41U);

  const KgTermId first = find_iri(g, KG_RDF_FIRST);
  const KgTermId rest  = find_iri(g, KG_RDF_REST);
  const KgTermId nil   = find_iri(g, KG_RDF_NIL);
  KgTermId       cell  = kg_graph_object(g,
                                  find_iri(g, "http://example.org/root"),
                                  find_iri(g, "http://example.org/p"));
  for (unsigned i = 0U; i < 20U; ++i) {
    char text[8];
    snprintf(text, sizeof(text), "%u", i);
    cr_assert(kg_term_is_blank(g, cell));
    cr_assert_str_eq(kg_term_text(g, kg_graph_object(g, cell, first)).data,
                     text);
    cell = kg_graph_object(g, cell, rest);
  }
  cr_assert_eq(cell, nil);
  kg_graph_free(g);
}

Test(shapes, nested_lists)
{
  KgGraph* const g = BUILD(SHAPE_NEST, 1, 0, 30);
  cr_assert_eq(kg_graph_size(g), 61U);
  kg_graph_free(g);
}

Test(shapes, grids_tori_cliques_cubes)
{
  KgGraph* g = BUILD(SHAPE_GRID, 9, 19, 0);
  cr_assert_eq(kg_graph_size(g), 9U * 20U + 10U * 19U);
  kg_graph_free(g);

  g = BUILD(SHAPE_GRID, 29, 29, 1);
  cr_assert_eq(kg_graph_size(g), 1800U);
  cr_assert_eq(count_blanks(g, 2U, 2U), 900U);
  kg_graph_free(g);

  g = BUILD(SHAPE_CLIQUE, 9, 0);
  cr_assert_eq(kg_graph_size(g), 90U);
  kg_graph_free(g);

  g = BUILD(SHAPE_CUBE, 10, 0);
  cr_assert_eq(kg_graph_size(g), 10U * 512U);
  kg_graph_free(g);
}

Test(shapes, sizes_are_capped)
{
  // 255: (255 - 223) * 512 = 16384 nodes, the cap
  KgGraph* const g = BUILD(SHAPE_CHAIN, 1, 0, 255, SHAPE_RING, 0, 255);
  cr_assert_eq(kg_graph_size(g), KG_SHAPES_MAX_TRIPLES);
  kg_graph_free(g);
}

Test(shapes, awkward_literals)
{
  // A literal of '"', '\n', 'é', the emoji; then (root, p, it)
  KgGraph* const g =
    BUILD(SHAPE_LITERAL, 4, 2, 4, 16, 18, 0, SHAPE_TRIPLE, 0, 0, 0);
  cr_assert_eq(kg_graph_size(g), 1U);
  const KgTriple* const t = kg_graph_triples(g);
  cr_assert_str_eq(kg_term_text(g, t[0].o).data,
                   "\"\n\xc3\xa9\xf0\x9f\x98\x80");
  cr_assert_eq(t[0].s, find_iri(g, "http://example.org/root"));
  kg_graph_free(g);
}

Test(shapes, named_graph)
{
  KgGraph* const g = BUILD(SHAPE_GRAPH, 0xF0, 0, SHAPE_CHAIN, 1, 0, 5);
  cr_assert(kg_graph_has_names(g));
  kg_graph_free(g);
}

Test(oracle, copy_is_relabelled_and_shuffled)
{
  KgGraph* const g    = BUILD(SHAPE_TREE, 1, 1, 8, 0);
  KgGraph* const copy = kg_fuzz_relabel(g, 42U);
  cr_assert_eq(kg_graph_size(copy), kg_graph_size(g));
  cr_assert_gt(kg_graph_size(g), 500U);

  KgStatus st = KG_FAILURE;
  cr_assert(kg_graph_is_isomorphic(g, copy, &st));
  cr_assert_eq(st, KG_SUCCESS);

  // Not the same order, nor the same labels
  const KgTriple* const a      = kg_graph_triples(g);
  const KgTriple* const b      = kg_graph_triples(copy);
  size_t                n_same = 0U;
  for (size_t i = 0U; i < kg_graph_size(g); ++i) {
    n_same +=
      !strcmp(kg_term_text(g, a[i].o).data, kg_term_text(copy, b[i].o).data);
  }
  cr_assert_lt(n_same, kg_graph_size(g) / 4U);
  cr_assert_eq(kg_term_text(copy, b[0].s).data[0], 'r');
  kg_graph_free(copy);
  kg_graph_free(g);
}

Test(oracle, copy_keeps_literals_prefixes_and_names)
{
  KgGraph* const g = BUILD(SHAPE_LITERAL,
                           2,
                           16,
                           17,
                           240,
                           SHAPE_TYPED,
                           0,
                           2,
                           0,
                           1,
                           1,
                           1,
                           0,
                           SHAPE_GRAPH,
                           0xF0,
                           1,
                           SHAPE_TRIPLE,
                           0,
                           0,
                           0);
  cr_assert_eq(kg_graph_set_prefix(g, KG_SV("e"), KG_SV("http://example.org/")),
               KG_SUCCESS);
  KgGraph* const copy = kg_fuzz_relabel(g, 7U);
  KgStatus       st   = KG_FAILURE;
  cr_assert(kg_graph_is_isomorphic(g, copy, &st));
  cr_assert(kg_graph_has_names(copy));
  cr_assert_eq(kg_graph_n_prefixes(copy), 1U);
  kg_graph_free(copy);
  kg_graph_free(g);
}

Test(oracle, passes_awkward_literals_and_lists)
{
  // What no branch has to fix: the oracle's own checks pass
  static const uint8_t programs[][16] = {
    {SHAPE_LITERAL, 5, 2, 3, 4, 10, 0, 0, SHAPE_TRIPLE, 0, 0, 0},
    {SHAPE_LITERAL, 3, 16, 17, 18, 240, SHAPE_TRIPLE, 0, 1, 0},
    {SHAPE_LIST, 1, 0, 5, ITEM_MIXED},
    {SHAPE_ODD_LIST, ODD_SHARED_TAIL, 5, 1, 0},
  };
  for (size_t i = 0U; i < sizeof(programs) / sizeof(programs[0]); ++i) {
    kg_shapes_one(programs[i], sizeof(programs[i]));
  }
}

Test(shapes, empty_ring_pushes_nothing)
{
  // An empty ring, then a list from the last node: the root's blank node
  KgGraph* const g = BUILD(SHAPE_RING, 0, 0, SHAPE_LIST, 0, 0, 1, ITEM_SAME);
  cr_assert_eq(kg_graph_size(g), 3U);
  kg_graph_free(g);
}
