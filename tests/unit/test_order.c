// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "graph.h"
#include "order.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

Test(order, ranks_follow_term_order)
{
  KgGraph* const g = kg_graph_new();
  // Terms interned in an order unrelated to their sorted order
  const char* const iris[] = {
    "http://e/zz", "http://e/a", "http://e/", "http://e/a/b", "http://e/ab"};
  KgTermId ids[5];
  for (size_t i = 0U; i < 5U; ++i) {
    ids[i] = kg_graph_iri(g, kg_sv(iris[i]));
    cr_assert_leq(kg_graph_add(g, ids[i], ids[i], ids[i]), KG_FAILURE);
  }

  KgOrder order;
  cr_assert_eq(kg_order_init(&order, g, 0U), KG_SUCCESS);
  for (KgTermId a = 1U; a <= kg_graph_n_terms(g); ++a) {
    for (KgTermId b = 1U; b <= kg_graph_n_terms(g); ++b) {
      const int c = kg_term_compare(g, a, b);
      cr_assert_eq(c < 0, order.rank[a] < order.rank[b]);
      cr_assert_eq(c == 0, order.rank[a] == order.rank[b]);
    }
  }

  // Triples come out by subject
  for (size_t i = 1U; i < order.n_triples; ++i) {
    const KgTriple* const x = &kg_graph_triples(g)[order.triples[i - 1U]];
    const KgTriple* const y = &kg_graph_triples(g)[order.triples[i]];
    cr_assert_lt(kg_term_compare(g, x->s, y->s), 0);
  }
  kg_order_fini(&order);
  kg_graph_free(g);
}

Test(order, many_terms_sort_like_compare)
{
  // Enough terms, sharing long prefixes, to exercise the radix partitioning
  KgGraph* const g = kg_graph_new();
  const KgTermId p = kg_graph_iri(g, KG_SV("http://e/p"));
  char           buf[80];
  for (unsigned i = 0U; i < 3000U; ++i) {
    const int      n = snprintf(buf,
                           sizeof(buf),
                           "http://example.org/id/%u/%u",
                           (i * 7919U) % 1000U,
                           i % 3U);
    const KgTermId s = kg_graph_iri(g, (KgStringView){buf, (size_t)n});
    const KgTermId b =
      kg_graph_blank(g, (KgStringView){buf + 18, 4U}, 1U + i % 2U);
    const KgTermId l = kg_graph_literal(g,
                                        (KgStringView){buf + 20, 3U},
                                        KG_NO_TERM,
                                        (i % 2U) ? KG_SV("en") : KG_SV(""));
    cr_assert_leq(kg_graph_add(g, s, p, l), KG_FAILURE);
    cr_assert_leq(kg_graph_add(g, b, p, s), KG_FAILURE);
  }

  KgOrder order;
  cr_assert_eq(kg_order_init(&order, g, 0U), KG_SUCCESS);
  const size_t n       = kg_graph_n_terms(g);
  KgTermId*    by_rank = calloc(n, sizeof(KgTermId));
  for (KgTermId id = 1U; id <= n; ++id) {
    cr_assert_lt(order.rank[id], n);
    cr_assert_eq(by_rank[order.rank[id]], 0U, "two terms share a rank");
    by_rank[order.rank[id]] = id;
  }
  for (size_t r = 1U; r < n; ++r) {
    cr_assert_lt(
      kg_term_compare(g, by_rank[r - 1U], by_rank[r]), 0, "rank %zu", r);
  }
  free(by_rank);

  // Within a subject, by predicate then object
  for (size_t i = 1U; i < order.n_triples; ++i) {
    const KgTriple* const x = &kg_graph_triples(g)[order.triples[i - 1U]];
    const KgTriple* const y = &kg_graph_triples(g)[order.triples[i]];
    const int             c = kg_term_compare(g, x->s, y->s);
    cr_assert_leq(c, 0);
    if (!c) {
      cr_assert_lt(kg_term_compare(g, x->o, y->o), 0);
    }
  }
  kg_order_fini(&order);
  kg_graph_free(g);
}

Test(order, one_text_in_many_datatypes_sorts_in_n_log_n)
{
  // 60,000 literals of one text, each with its own datatype, interned in
  // a scrambled order: they differ only past their string, where a sort
  // of quadratic time took tens of seconds
  KgGraph* const g = kg_graph_new();
  const KgTermId s = kg_graph_iri(g, KG_SV("http://e/s"));
  const KgTermId p = kg_graph_iri(g, KG_SV("http://e/p"));
  char           buf[40];
  const unsigned n = 60000U;
  for (unsigned i = 0U; i < n; ++i) {
    const int len = snprintf(buf, sizeof(buf), "http://e/t%u", (i * 7919U) % n);
    const KgTermId dt = kg_graph_iri(g, (KgStringView){buf, (size_t)len});
    const KgTermId l  = kg_graph_literal(g, KG_SV("x"), dt, KG_SV(""));
    cr_assert_eq(kg_graph_add(g, s, p, l), KG_SUCCESS);
  }

  const clock_t start = clock();
  KgOrder       order;
  cr_assert_eq(kg_order_init(&order, g, 0U), KG_SUCCESS);
  const double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
  cr_assert_lt(seconds, 5.0, "sorting took %.1f s", seconds);

  for (size_t i = 1U; i < order.n_triples; ++i) {
    const KgTriple* const x = &kg_graph_triples(g)[order.triples[i - 1U]];
    const KgTriple* const y = &kg_graph_triples(g)[order.triples[i]];
    cr_assert_lt(kg_term_compare(g, x->o, y->o), 0, "triple %zu", i);
  }
  kg_order_fini(&order);
  kg_graph_free(g);
}

Test(order, type_first)
{
  KgGraph* const g = kg_graph_new();
  const KgTermId s = kg_graph_iri(g, KG_SV("http://e/s"));
  const KgTermId a = kg_graph_iri(g, KG_SV("http://a/p"));
  const KgTermId t = kg_graph_iri(g, KG_SV(KG_RDF_TYPE));
  cr_assert_leq(kg_graph_add(g, s, a, s), KG_FAILURE);
  cr_assert_leq(kg_graph_add(g, s, t, s), KG_FAILURE);

  KgOrder order;
  cr_assert_eq(kg_order_init(&order, g, 0U), KG_SUCCESS);
  cr_assert_eq(kg_graph_triples(g)[order.triples[0]].p, a);
  kg_order_fini(&order);
  cr_assert_eq(kg_order_init(&order, g, KG_ORDER_TYPE_FIRST), KG_SUCCESS);
  cr_assert_eq(kg_graph_triples(g)[order.triples[0]].p, t);
  kg_order_fini(&order);
  kg_graph_free(g);
}

Test(order, empty_graph)
{
  KgGraph* const g = kg_graph_new();
  KgOrder        order;
  cr_assert_eq(kg_order_init(&order, g, 0U), KG_SUCCESS);
  cr_assert_eq(order.n_triples, 0U);
  kg_order_fini(&order);
  kg_graph_free(g);
}

Test(order, texts_with_nuls_prefixes_and_long_common_starts)
{
  // Texts that end at, just before and just after each 8-byte step of the
  // sort, hold NUL bytes, are prefixes of one another, or share a start of
  // 100,000 bytes (which no recursion may follow byte by byte)
  KgGraph* const g  = kg_graph_new();
  const KgTermId p  = kg_graph_iri(g, KG_SV("http://e/p"));
  const KgTermId s  = kg_graph_iri(g, KG_SV("http://e/s"));
  const KgTermId dt = kg_graph_iri(g, KG_SV("http://e/dt"));
  static char    long_text[100020];
  memset(long_text, 'a', sizeof(long_text));
  char         buf[40];
  unsigned int x = 12345U;
  for (unsigned i = 0U; i < 1500U; ++i) {
    x                = x * 1103515245U + 12345U;
    const size_t len = (x >> 8U) % 26U;
    for (size_t j = 0U; j < len; ++j) {
      x      = x * 1103515245U + 12345U;
      buf[j] = "\0\001ab\xff"[(x >> 16U) % 5U];
    }
    const KgStringView text = {buf, len};
    cr_assert_leq(
      kg_graph_add(g, s, p, kg_graph_literal(g, text, KG_NO_TERM, KG_SV(""))),
      KG_FAILURE);
    cr_assert_leq(
      kg_graph_add(g, s, p, kg_graph_literal(g, text, dt, KG_SV(""))),
      KG_FAILURE);
    cr_assert_leq(
      kg_graph_add(g, s, p, kg_graph_literal(g, text, KG_NO_TERM, KG_SV("en"))),
      KG_FAILURE);
    long_text[100000U + i % 20U] = (char)('a' + i % 3U);
    const KgStringView big       = {long_text, 100000U + i % 20U};
    cr_assert_leq(
      kg_graph_add(g, s, p, kg_graph_literal(g, big, KG_NO_TERM, KG_SV(""))),
      KG_FAILURE);
  }

  KgOrder order;
  cr_assert_eq(kg_order_init(&order, g, 0U), KG_SUCCESS);
  const size_t n       = kg_graph_n_terms(g);
  KgTermId*    by_rank = calloc(n, sizeof(KgTermId));
  for (KgTermId id = 1U; id <= n; ++id) {
    cr_assert_lt(order.rank[id], n);
    cr_assert_eq(by_rank[order.rank[id]], 0U, "two terms share a rank");
    by_rank[order.rank[id]] = id;
  }
  for (size_t r = 1U; r < n; ++r) {
    cr_assert_lt(
      kg_term_compare(g, by_rank[r - 1U], by_rank[r]), 0, "rank %zu", r);
  }
  free(by_rank);
  kg_order_fini(&order);
  kg_graph_free(g);
}
