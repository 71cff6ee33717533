// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The layout that the Turtle and RDF/XML writers share: walked here the way
// they walk it, every triple must be written exactly once, and no blank
// node nested deeper than KG_LAYOUT_MAX_NEST, whatever the graph's shape.

#include "graph.h"
#include "layout.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define EX "http://example.org/"

typedef struct {
  KgLayout  layout;
  uint8_t*  written;  ///< Times each position of the order was written
  unsigned  deepest;  ///< Deepest nesting met
  size_t    n_tops;   ///< Subjects written at the top
  size_t    n_labels; ///< Blank subjects at the top that need a label
  KgTermId* tops;     ///< Subjects at the top, in the order written
} Walk;

static void
visit_node(Walk* w, KgTermId s, unsigned depth);

static void
mark(Walk* const w, const KgTermId s, const uint32_t i)
{
  ++w->written[w->layout.first[s] + i];
}

/// Like the writers' write_object(): `o` is an object at `depth`.
static void
visit_object(Walk* const w, const KgTermId o, const unsigned depth)
{
  KgLayout* const l = &w->layout;
  if (!kg_term_is_blank(l->graph, o) || !kg_layout_nest(l, o)) {
    return;
  }

  cr_assert_leq(depth + 1U, KG_LAYOUT_MAX_NEST, "nested too deep");
  if (depth + 1U > w->deepest) {
    w->deepest = depth + 1U;
  }

  if (kg_layout_is_list(l, o)) {
    for (KgTermId node = o; node != l->rdf_nil;) {
      cr_assert_eq(l->count[node], 2U);
      mark(w, node, 0U);
      mark(w, node, 1U);
      KgTermId       rest = KG_NO_TERM;
      const KgTermId item = kg_layout_list_item(l, node, &rest);
      visit_object(w, item, depth + 1U);
      node = rest;
    }
  } else {
    visit_node(w, o, depth + 1U);
  }
}

static void
visit_node(Walk* const w, const KgTermId s, const unsigned depth)
{
  for (uint32_t i = 0U; i < w->layout.count[s]; ++i) {
    mark(w, s, i);
    visit_object(w, kg_layout_triple(&w->layout, s, i)->o, depth);
  }
}

/// Lay `g` out with `flags` and write it all as the writers do.
static void
walk(Walk* const w, const KgGraph* const g, const uint32_t flags)
{
  cr_assert_eq(kg_layout_init(&w->layout, g, flags), KG_SUCCESS);
  w->written  = (uint8_t*)calloc(kg_graph_size(g) + 1U, 1U);
  w->tops     = (KgTermId*)calloc(kg_graph_n_terms(g) + 1U, sizeof(KgTermId));
  w->deepest  = 0U;
  w->n_tops   = 0U;
  w->n_labels = 0U;
  cr_assert(w->written && w->tops);

  for (KgTermId s = KG_NO_TERM; (s = kg_layout_next_root(&w->layout));) {
    cr_assert_lt(w->n_tops, kg_graph_n_terms(g), "a subject twice at the top");
    w->tops[w->n_tops++] = s;
    if (kg_term_is_blank(g, s) && w->layout.in_count[s]) {
      ++w->n_labels;
    }
    visit_node(w, s, 0U);
  }

  for (size_t i = 0U; i < kg_graph_size(g); ++i) {
    cr_assert_eq(
      w->written[i], 1U, "triple %zu written %u times", i, w->written[i]);
  }
}

static void
walk_fini(Walk* const w)
{
  free(w->tops);
  free(w->written);
  kg_layout_fini(&w->layout);
}

static KgTermId
blank(KgGraph* const g, const unsigned i)
{
  char      label[32];
  const int n = snprintf(label, sizeof(label), "n%u", i);
  return kg_graph_blank(g, (KgStringView){label, (size_t)n}, 1U);
}

static KgTermId
number(KgGraph* const g, const unsigned i)
{
  char      text[32];
  const int n = snprintf(text, sizeof(text), "%u", i);
  return kg_graph_literal(
    g,
    (KgStringView){text, (size_t)n},
    kg_graph_iri(g, KG_SV("http://www.w3.org/2001/XMLSchema#integer")),
    KG_SV(""));
}

/// A chain of `n` blank nodes from one IRI: s p n0, n0 p n1, ...
static KgGraph*
chain(const unsigned n, const bool ring)
{
  KgGraph* const g = kg_graph_new();
  const KgTermId p = kg_graph_iri(g, KG_SV(EX "p"));
  if (!ring) {
    cr_assert_leq(
      kg_graph_add(g, kg_graph_iri(g, KG_SV(EX "s")), p, blank(g, 0U)),
      KG_FAILURE);
  }
  for (unsigned i = 0U; i < n; ++i) {
    const KgTermId next = (i + 1U < n) ? blank(g, i + 1U)
                          : ring       ? blank(g, 0U)
                                       : number(g, i);
    cr_assert_leq(kg_graph_add(g, blank(g, i), p, next), KG_FAILURE);
  }
  return g;
}

/// A list of `n` items from one IRI; items are numbers, or IRIs.
static KgGraph*
list(const unsigned n, const bool literals)
{
  KgGraph* const g     = kg_graph_new();
  const KgTermId first = kg_graph_iri(g, KG_SV(KG_RDF_FIRST));
  const KgTermId rest  = kg_graph_iri(g, KG_SV(KG_RDF_REST));
  const KgTermId nil   = kg_graph_iri(g, KG_SV(KG_RDF_NIL));
  cr_assert_leq(kg_graph_add(g,
                             kg_graph_iri(g, KG_SV(EX "s")),
                             kg_graph_iri(g, KG_SV(EX "p")),
                             blank(g, 0U)),
                KG_FAILURE);
  for (unsigned i = 0U; i < n; ++i) {
    const KgTermId item =
      literals ? number(g, i) : kg_graph_iri(g, KG_SV(EX "x"));
    cr_assert_leq(kg_graph_add(g, blank(g, i), first, item), KG_FAILURE);
    cr_assert_leq(
      kg_graph_add(g, blank(g, i), rest, i + 1U < n ? blank(g, i + 1U) : nil),
      KG_FAILURE);
  }
  return g;
}

/// Lists nested `n` deep, each the only item of the one around it, or
/// (`brackets`) each in a blank node that is the only item.
static KgGraph*
nested_lists(const unsigned n, const bool brackets)
{
  KgGraph* const g     = kg_graph_new();
  const KgTermId p     = kg_graph_iri(g, KG_SV(EX "p"));
  const KgTermId first = kg_graph_iri(g, KG_SV(KG_RDF_FIRST));
  const KgTermId rest  = kg_graph_iri(g, KG_SV(KG_RDF_REST));
  const KgTermId nil   = kg_graph_iri(g, KG_SV(KG_RDF_NIL));
  cr_assert_leq(
    kg_graph_add(g, kg_graph_iri(g, KG_SV(EX "s")), p, blank(g, 0U)),
    KG_FAILURE);
  unsigned next = 1U;
  for (unsigned i = 0U; i < n; ++i) {
    const KgTermId head = blank(g, next - 1U);
    KgTermId       item = i + 1U < n ? blank(g, next) : number(g, i);
    if (brackets && i + 1U < n) {
      // ( [ p ( ... ) ] )
      cr_assert_leq(kg_graph_add(g, item, p, blank(g, next + 1U)), KG_FAILURE);
      ++next;
    }
    ++next;
    cr_assert_leq(kg_graph_add(g, head, first, item), KG_FAILURE);
    cr_assert_leq(kg_graph_add(g, head, rest, nil), KG_FAILURE);
  }
  return g;
}

/// A binary tree of depth `depth` under one IRI, with a number in each leaf.
static KgGraph*
tree(const unsigned depth)
{
  KgGraph* const g = kg_graph_new();
  const KgTermId l = kg_graph_iri(g, KG_SV(EX "l"));
  const KgTermId r = kg_graph_iri(g, KG_SV(EX "r"));
  const KgTermId v = kg_graph_iri(g, KG_SV(EX "v"));
  cr_assert_leq(
    kg_graph_add(g, kg_graph_iri(g, KG_SV(EX "s")), l, blank(g, 1U)),
    KG_FAILURE);
  const unsigned leaves = 1U << depth;
  for (unsigned i = 1U; i < leaves; ++i) {
    cr_assert_leq(kg_graph_add(g, blank(g, i), l, blank(g, 2U * i)),
                  KG_FAILURE);
    cr_assert_leq(kg_graph_add(g, blank(g, i), r, blank(g, 2U * i + 1U)),
                  KG_FAILURE);
  }
  for (unsigned i = leaves; i < 2U * leaves; ++i) {
    cr_assert_leq(kg_graph_add(g, blank(g, i), v, number(g, i)), KG_FAILURE);
  }
  return g;
}

Test(layout, short_chain_is_nested_whole)
{
  KgGraph* const g = chain(KG_LAYOUT_MAX_NEST, false);
  Walk           w;
  walk(&w, g, KG_LAYOUT_TYPE_FIRST);
  cr_assert_eq(w.deepest, KG_LAYOUT_MAX_NEST);
  cr_assert_eq(w.n_tops, 1U);
  walk_fini(&w);
  kg_graph_free(g);
}

Test(layout, long_chain_stands_at_the_top_every_max_nest)
{
  const unsigned n = 100000U;
  KgGraph* const g = chain(n, false);
  Walk           w;
  walk(&w, g, KG_LAYOUT_TYPE_FIRST);
  cr_assert_eq(w.deepest, KG_LAYOUT_MAX_NEST);
  // The IRI, then a labelled node after every MAX_NEST nested ones
  cr_assert_eq(w.n_tops, 1U + n / (KG_LAYOUT_MAX_NEST + 1U));
  cr_assert_eq(w.n_labels, w.n_tops - 1U);
  // Each block right after the one it is used in: in chain order
  for (size_t i = 1U; i < w.n_tops; ++i) {
    cr_assert_eq(w.tops[i],
                 blank(g, (unsigned)(i * (KG_LAYOUT_MAX_NEST + 1U) - 1U)));
  }
  walk_fini(&w);
  kg_graph_free(g);
}

Test(layout, ring_breaks_once_then_every_max_nest)
{
  const unsigned n = 100000U;
  KgGraph* const g = chain(n, true);
  Walk           w;
  walk(&w, g, KG_LAYOUT_TYPE_FIRST);
  cr_assert_eq(w.deepest, KG_LAYOUT_MAX_NEST);
  cr_assert_eq(w.n_tops, (n + KG_LAYOUT_MAX_NEST) / (KG_LAYOUT_MAX_NEST + 1U));
  cr_assert_eq(w.n_labels, w.n_tops);
  walk_fini(&w);
  kg_graph_free(g);
}

Test(layout, no_nesting_puts_every_subject_at_the_top)
{
  KgGraph* const g = chain(1000U, false);
  Walk           w;
  walk(&w, g, KG_LAYOUT_TYPE_FIRST | KG_LAYOUT_NO_NESTING);
  cr_assert_eq(w.deepest, 0U);
  cr_assert_eq(w.n_tops, 1001U);
  walk_fini(&w);
  kg_graph_free(g);
}

Test(layout, long_lists_are_one_collection)
{
  for (int literals = 0; literals < 2; ++literals) {
    KgGraph* const g = list(100000U, literals);
    Walk           w;
    walk(&w, g, KG_LAYOUT_TYPE_FIRST);
    cr_assert_eq(w.deepest, 1U);
    cr_assert_eq(w.n_tops, 1U);
    walk_fini(&w);
    kg_graph_free(g);
  }
}

Test(layout, lists_of_literals_without_collections_are_flat)
{
  // RDF/XML: each node after the head stands at the top, in list order
  const unsigned n = 100000U;
  KgGraph* const g = list(n, true);
  Walk           w;
  walk(&w, g, KG_LAYOUT_TYPE_FIRST | KG_LAYOUT_RESOURCE_LISTS);
  cr_assert_eq(w.deepest, 1U);
  cr_assert_eq(w.n_tops, n);
  for (unsigned i = 1U; i < n; ++i) {
    cr_assert_eq(w.tops[i], blank(g, i));
  }
  walk_fini(&w);
  kg_graph_free(g);

  // A list of resources is still a collection
  KgGraph* const h = list(n, false);
  walk(&w, h, KG_LAYOUT_TYPE_FIRST | KG_LAYOUT_RESOURCE_LISTS);
  cr_assert_eq(w.deepest, 1U);
  cr_assert_eq(w.n_tops, 1U);
  walk_fini(&w);
  kg_graph_free(h);
}

Test(layout, nested_lists_lose_their_collection_form_past_the_limit)
{
  for (int brackets = 0; brackets < 2; ++brackets) {
    KgGraph* const g = nested_lists(30000U, brackets);
    Walk           w;
    walk(&w, g, KG_LAYOUT_TYPE_FIRST | KG_LAYOUT_RESOURCE_LISTS);
    cr_assert_eq(w.deepest, KG_LAYOUT_MAX_NEST);
    cr_assert_geq(w.n_tops, 30000U / (KG_LAYOUT_MAX_NEST + 1U));
    // A list head at the top is written as triples, not as a collection
    for (size_t i = 1U; i < w.n_tops; ++i) {
      cr_assert_not(kg_layout_is_list(&w.layout, w.tops[i]));
    }
    walk_fini(&w);
    kg_graph_free(g);
  }
}

Test(layout, deep_tree_is_cut_below_the_limit)
{
  const unsigned depth = KG_LAYOUT_MAX_NEST + 4U;
  KgGraph* const g     = tree(depth);
  Walk           w;
  walk(&w, g, KG_LAYOUT_TYPE_FIRST);
  cr_assert_eq(w.deepest, KG_LAYOUT_MAX_NEST);
  // Every node one level past the limit stands at the top
  cr_assert_eq(w.n_tops, 1U + (1U << KG_LAYOUT_MAX_NEST));
  walk_fini(&w);
  kg_graph_free(g);
}

Test(layout, what_stands_at_the_top_follows_where_it_is_used)
{
  // s p (0 1 2 ...), s q (0 1 2 ...) in RDF/XML: the nodes of each list
  // together, each list after the subject, in the order of the predicates
  const unsigned n     = 50U;
  KgGraph* const g     = list(n, true);
  const KgTermId s     = kg_graph_iri(g, KG_SV(EX "s"));
  const KgTermId q     = kg_graph_iri(g, KG_SV(EX "q"));
  const KgTermId first = kg_graph_iri(g, KG_SV(KG_RDF_FIRST));
  const KgTermId rest  = kg_graph_iri(g, KG_SV(KG_RDF_REST));
  const KgTermId nil   = kg_graph_iri(g, KG_SV(KG_RDF_NIL));
  cr_assert_leq(kg_graph_add(g, s, q, blank(g, n)), KG_FAILURE);
  for (unsigned i = n; i < 2U * n; ++i) {
    cr_assert_leq(kg_graph_add(g, blank(g, i), first, number(g, i)),
                  KG_FAILURE);
    cr_assert_leq(
      kg_graph_add(
        g, blank(g, i), rest, i + 1U < 2U * n ? blank(g, i + 1U) : nil),
      KG_FAILURE);
  }

  Walk w;
  walk(&w, g, KG_LAYOUT_TYPE_FIRST | KG_LAYOUT_RESOURCE_LISTS);
  cr_assert_eq(w.n_tops, 2U * n - 1U);
  cr_assert_eq(w.tops[0], s);
  for (unsigned i = 1U; i < n; ++i) {
    cr_assert_eq(w.tops[i], blank(g, i));
    cr_assert_eq(w.tops[n - 1U + i], blank(g, n + i));
  }
  walk_fini(&w);
  kg_graph_free(g);
}
