// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define EX "http://example.org/"

static bool
view_is(const KgStringView v, const char* const s)
{
  return v.len == strlen(s) && !memcmp(v.data, s, v.len);
}

Test(graph, free_null_does_nothing)
{
  kg_graph_free(NULL);
}

Test(graph, new_graph_is_empty)
{
  KgGraph* const g = kg_graph_new();
  cr_assert_not_null(g);
  cr_assert_eq(kg_graph_size(g), 0U);
  cr_assert_eq(kg_graph_n_prefixes(g), 0U);
  kg_graph_free(g);
}

Test(graph, iris_are_interned_once)
{
  KgGraph* const g = kg_graph_new();
  const KgTermId a = kg_graph_iri(g, KG_SV(EX "a"));
  const KgTermId b = kg_graph_iri(g, KG_SV(EX "b"));
  cr_assert_neq(a, KG_NO_TERM);
  cr_assert_neq(a, b);
  cr_assert_eq(kg_graph_iri(g, KG_SV(EX "a")), a);
  cr_assert_eq(kg_graph_find_iri(g, KG_SV(EX "a")), a);
  cr_assert_eq(kg_graph_find_iri(g, KG_SV(EX "c")), KG_NO_TERM);
  cr_assert_eq(kg_term_kind(g, a), KG_TERM_IRI);
  cr_assert(view_is(kg_term_text(g, a), EX "a"));
  kg_graph_free(g);
}

Test(graph, terms_of_different_kinds_differ)
{
  KgGraph* const g   = kg_graph_new();
  const uint32_t sc  = kg_graph_new_scope(g);
  const KgTermId iri = kg_graph_iri(g, KG_SV("x"));
  const KgTermId bn  = kg_graph_blank(g, KG_SV("x"), sc);
  const KgTermId lit = kg_graph_literal(g, KG_SV("x"), KG_NO_TERM, KG_SV(""));
  cr_assert_neq(iri, bn);
  cr_assert_neq(bn, lit);
  cr_assert_neq(iri, lit);
  cr_assert_eq(kg_term_kind(g, bn), KG_TERM_BLANK);
  cr_assert_eq(kg_term_kind(g, lit), KG_TERM_LITERAL);
  cr_assert_eq(kg_term_kind(g, KG_NO_TERM), KG_TERM_NONE);
  cr_assert_eq(kg_term_kind(g, 100000U), KG_TERM_NONE);
  kg_graph_free(g);
}

Test(graph, literals_differ_by_datatype_and_language)
{
  KgGraph* const g     = kg_graph_new();
  const KgTermId xint  = kg_graph_iri(g, KG_SV(KG_XSD_NS "integer"));
  const KgTermId plain = kg_graph_literal(g, KG_SV("1"), KG_NO_TERM, KG_SV(""));
  const KgTermId str   = kg_graph_literal(
    g, KG_SV("1"), kg_graph_iri(g, KG_SV(KG_XSD_STRING)), KG_SV(""));
  const KgTermId num = kg_graph_literal(g, KG_SV("1"), xint, KG_SV(""));
  const KgTermId en  = kg_graph_literal(g, KG_SV("1"), KG_NO_TERM, KG_SV("en"));
  const KgTermId EN  = kg_graph_literal(g, KG_SV("1"), KG_NO_TERM, KG_SV("EN"));
  const KgTermId fr  = kg_graph_literal(g, KG_SV("1"), KG_NO_TERM, KG_SV("fr"));

  // A simple literal is an xsd:string; language tags are case-insensitive
  cr_assert_eq(plain, str);
  cr_assert_neq(plain, num);
  cr_assert_neq(plain, en);
  cr_assert_eq(en, EN);
  cr_assert_neq(en, fr);
  cr_assert(view_is(kg_term_lang(g, EN), "en"));
  cr_assert_eq(kg_term_datatype(g, num), xint);
  cr_assert(
    view_is(kg_term_text(g, kg_term_datatype(g, en)), KG_RDF_LANGSTRING));
  cr_assert(
    view_is(kg_term_text(g, kg_term_datatype(g, plain)), KG_XSD_STRING));
  kg_graph_free(g);
}

Test(graph, literal_with_nul_keeps_its_length)
{
  KgGraph* const     g   = kg_graph_new();
  const KgStringView v   = {"a\0b", 3U};
  const KgTermId     lit = kg_graph_literal(g, v, KG_NO_TERM, KG_SV(""));
  const KgTermId     a = kg_graph_literal(g, KG_SV("a"), KG_NO_TERM, KG_SV(""));
  cr_assert_neq(lit, a);
  cr_assert_eq(kg_term_text(g, lit).len, 3U);
  kg_graph_free(g);
}

Test(graph, bad_literals_are_refused)
{
  KgGraph* const g  = kg_graph_new();
  const KgTermId ls = kg_graph_iri(g, KG_SV(KG_RDF_LANGSTRING));
  const KgTermId dt = kg_graph_iri(g, KG_SV(EX "dt"));
  const KgTermId bn = kg_graph_blank(g, KG_SV("b"), kg_graph_new_scope(g));
  // rdf:langString needs a language; a language excludes other datatypes
  cr_assert_eq(kg_graph_literal(g, KG_SV("x"), ls, KG_SV("")), KG_NO_TERM);
  cr_assert_eq(kg_graph_literal(g, KG_SV("x"), dt, KG_SV("en")), KG_NO_TERM);
  cr_assert_eq(kg_graph_literal(g, KG_SV("x"), bn, KG_SV("")), KG_NO_TERM);
  cr_assert_neq(kg_graph_literal(g, KG_SV("x"), ls, KG_SV("en")), KG_NO_TERM);
  kg_graph_free(g);
}

Test(graph, adding_twice_reports_failure)
{
  KgGraph* const g = kg_graph_new();
  const KgTermId s = kg_graph_iri(g, KG_SV(EX "s"));
  const KgTermId p = kg_graph_iri(g, KG_SV(EX "p"));
  cr_assert_eq(kg_graph_add(g, s, p, s), KG_SUCCESS);
  cr_assert_eq(kg_graph_add(g, s, p, s), KG_FAILURE);
  cr_assert_eq(kg_graph_size(g), 1U);
  cr_assert(kg_graph_contains(g, s, p, s));
  cr_assert_not(kg_graph_contains(g, p, p, s));
  kg_graph_free(g);
}

Test(graph, terms_are_checked_by_position)
{
  KgGraph* const g   = kg_graph_new();
  const KgTermId s   = kg_graph_iri(g, KG_SV(EX "s"));
  const KgTermId lit = kg_graph_literal(g, KG_SV("x"), KG_NO_TERM, KG_SV(""));
  const KgTermId bn  = kg_graph_blank(g, KG_SV("b"), kg_graph_new_scope(g));
  cr_assert_eq(kg_graph_add(g, lit, s, s), KG_BAD_ARG);
  cr_assert_eq(kg_graph_add(g, s, bn, s), KG_BAD_ARG);
  cr_assert_eq(kg_graph_add(g, s, lit, s), KG_BAD_ARG);
  cr_assert_eq(kg_graph_add(g, s, s, KG_NO_TERM), KG_BAD_ARG);
  cr_assert_eq(kg_graph_add(g, s, s, 99999U), KG_BAD_ARG);
  cr_assert_eq(kg_graph_add(g, bn, s, lit), KG_SUCCESS);
  cr_assert_eq(kg_graph_size(g), 1U);
  kg_graph_free(g);
}

Test(graph, many_triples_stay_unique)
{
  KgGraph* const g = kg_graph_new();
  const KgTermId p = kg_graph_iri(g, KG_SV(EX "p"));
  char           buf[64];
  for (unsigned round = 0U; round < 2U; ++round) {
    for (unsigned i = 0U; i < 20000U; ++i) {
      const int      n = snprintf(buf, sizeof(buf), EX "n%u", i);
      const KgTermId s = kg_graph_iri(g, (KgStringView){buf, (size_t)n});
      const KgTermId o = kg_graph_literal(
        g, (KgStringView){buf, (size_t)n}, KG_NO_TERM, KG_SV(""));
      cr_assert_eq(kg_graph_add(g, s, p, o), round ? KG_FAILURE : KG_SUCCESS);
    }
  }
  cr_assert_eq(kg_graph_size(g), 20000U);
  kg_graph_free(g);
}

Test(graph, blank_nodes_are_scoped)
{
  KgGraph* const g  = kg_graph_new();
  const uint32_t s1 = kg_graph_new_scope(g);
  const uint32_t s2 = kg_graph_new_scope(g);
  cr_assert_neq(s1, s2);
  const KgTermId a1 = kg_graph_blank(g, KG_SV("b0"), s1);
  const KgTermId a2 = kg_graph_blank(g, KG_SV("b0"), s2);
  cr_assert_neq(a1, a2);
  cr_assert_eq(kg_graph_blank(g, KG_SV("b0"), s1), a1);
  cr_assert_eq(kg_term_scope(g, a2), s2);

  const KgTermId f1 = kg_graph_fresh_blank(g);
  const KgTermId f2 = kg_graph_fresh_blank(g);
  cr_assert_neq(f1, f2);
  cr_assert(kg_term_is_blank(g, f1));
  kg_graph_free(g);
}

Test(graph, origins_and_carets)
{
  KgGraph* const g   = kg_graph_new();
  const uint16_t doc = kg_graph_add_document(g, "people.ttl");
  const KgTermId s   = kg_graph_iri(g, KG_SV(EX "s"));
  const KgOrigin o   = {14U, 9U, doc};
  cr_assert_eq(kg_graph_add_at(g, s, s, s, o), KG_SUCCESS);

  const KgCaret c = kg_graph_caret(g, 0U);
  cr_assert_str_eq(c.document, "people.ttl");
  cr_assert_eq(c.line, 14U);
  cr_assert_eq(c.column, 9U);
  cr_assert_null(kg_graph_caret(g, 1U).document);
  cr_assert_null(kg_graph_document(g, 0U));
  kg_graph_free(g);
}

Test(graph, prefixes_keep_the_first_declaration)
{
  KgGraph* const g = kg_graph_new();
  cr_assert_eq(kg_graph_set_prefix(g, KG_SV("ex"), KG_SV(EX)), KG_SUCCESS);
  cr_assert_eq(kg_graph_set_prefix(g, KG_SV("ex"), KG_SV("http://other/")),
               KG_FAILURE);
  cr_assert_eq(kg_graph_set_prefix(g, KG_SV("ex2"), KG_SV(EX)), KG_SUCCESS);
  cr_assert_eq(kg_graph_n_prefixes(g), 2U);
  cr_assert(view_is(kg_graph_find_prefix(g, KG_SV("ex")), EX));
  cr_assert_eq(kg_graph_find_prefix(g, KG_SV("nope")).len, 0U);

  KgStringView name;
  KgStringView iri;
  kg_graph_prefix(g, 1U, &name, &iri);
  cr_assert(view_is(name, "ex2"));
  cr_assert(view_is(iri, EX));
  kg_graph_free(g);
}

Test(graph, many_prefixes_are_found_and_keep_their_order)
{
  static const unsigned n = 200000U;

  KgGraph* const g = kg_graph_new();
  char           name[32];
  char           iri[64];
  for (unsigned i = 0U; i < n; ++i) {
    snprintf(name, sizeof(name), "p%u", i);
    snprintf(iri, sizeof(iri), EX "ns/%u/", i);
    cr_assert_eq(kg_graph_set_prefix(g, kg_sv(name), kg_sv(iri)), KG_SUCCESS);
  }
  for (unsigned i = 0U; i < n; i += 7U) {
    snprintf(name, sizeof(name), "p%u", i);
    snprintf(iri, sizeof(iri), EX "ns/%u/", i);
    cr_assert(view_is(kg_graph_find_prefix(g, kg_sv(name)), iri));
    cr_assert_eq(kg_graph_set_prefix(g, kg_sv(name), KG_SV("http://other/")),
                 KG_FAILURE);

    KgStringView got_name;
    KgStringView got_iri;
    kg_graph_prefix(g, i, &got_name, &got_iri);
    cr_assert(view_is(got_name, name));
    cr_assert(view_is(got_iri, iri));
  }
  cr_assert_eq(kg_graph_n_prefixes(g), n);
  cr_assert_eq(kg_graph_find_prefix(g, KG_SV("p")).len, 0U);

  // A copy has them all, in the same order
  KgGraph* const copy = kg_graph_new();
  cr_assert_eq(kg_graph_add_graph(copy, g), KG_SUCCESS);
  cr_assert_eq(kg_graph_n_prefixes(copy), n);
  KgStringView got_name;
  KgStringView got_iri;
  kg_graph_prefix(copy, n - 1U, &got_name, &got_iri);
  snprintf(name, sizeof(name), "p%u", n - 1U);
  cr_assert(view_is(got_name, name));
  kg_graph_free(copy);
  kg_graph_free(g);
}

Test(graph, index_lookups)
{
  KgGraph* const g = kg_graph_new();
  const KgTermId a = kg_graph_iri(g, KG_SV(EX "a"));
  const KgTermId b = kg_graph_iri(g, KG_SV(EX "b"));
  const KgTermId p = kg_graph_iri(g, KG_SV(EX "p"));
  const KgTermId q = kg_graph_iri(g, KG_SV(EX "q"));
  cr_assert_leq(kg_graph_add(g, a, p, b), KG_FAILURE);
  cr_assert_leq(kg_graph_add(g, b, p, a), KG_FAILURE);
  cr_assert_leq(kg_graph_add(g, a, q, a), KG_FAILURE);

  size_t n = 99U;
  cr_assert_null(kg_graph_lookup(g, KG_SUBJECT, a, &n));
  cr_assert_eq(n, 0U);

  cr_assert_eq(kg_graph_index(g, KG_SUBJECT), KG_SUCCESS);
  cr_assert_eq(kg_graph_index(g, KG_OBJECT), KG_SUCCESS);
  const uint32_t* idx = kg_graph_lookup(g, KG_SUBJECT, a, &n);
  cr_assert_eq(n, 2U);
  cr_assert_eq(idx[0], 0U);
  cr_assert_eq(idx[1], 2U);
  idx = kg_graph_lookup(g, KG_OBJECT, a, &n);
  cr_assert_eq(n, 2U);
  cr_assert_eq(kg_graph_object(g, a, q), a);
  cr_assert_eq(kg_graph_object(g, b, q), KG_NO_TERM);

  // Adding a triple drops the indexes
  cr_assert_leq(kg_graph_add(g, b, q, b), KG_FAILURE);
  cr_assert_null(kg_graph_lookup(g, KG_SUBJECT, a, &n));
  cr_assert_eq(kg_graph_object(g, b, q), b);
  kg_graph_free(g);
}

Test(graph, term_order)
{
  KgGraph* const g   = kg_graph_new();
  const KgTermId i1  = kg_graph_iri(g, KG_SV(EX "a"));
  const KgTermId i2  = kg_graph_iri(g, KG_SV(EX "ab"));
  const KgTermId bn1 = kg_graph_blank(g, KG_SV("a"), 1U);
  const KgTermId bn2 = kg_graph_blank(g, KG_SV("a"), 2U);
  const KgTermId l1  = kg_graph_literal(g, KG_SV("a"), KG_NO_TERM, KG_SV(""));
  const KgTermId l2  = kg_graph_literal(g, KG_SV("a"), KG_NO_TERM, KG_SV("en"));
  cr_assert_lt(kg_term_compare(g, i1, i2), 0);
  cr_assert_gt(kg_term_compare(g, i2, i1), 0);
  cr_assert_lt(kg_term_compare(g, i2, bn1), 0);
  cr_assert_lt(kg_term_compare(g, bn1, bn2), 0);
  cr_assert_lt(kg_term_compare(g, bn2, l1), 0);
  cr_assert_lt(kg_term_compare(g, l1, l2), 0);
  cr_assert_eq(kg_term_compare(g, l1, l1), 0);
  kg_graph_free(g);
}

Test(graph, add_graph_keeps_blank_nodes_apart)
{
  KgGraph* const a  = kg_graph_new();
  const uint32_t sc = kg_graph_new_scope(a);
  const KgTermId p  = kg_graph_iri(a, KG_SV(EX "p"));
  cr_assert_leq(
    kg_graph_add(a,
                 kg_graph_blank(a, KG_SV("b0"), sc),
                 p,
                 kg_graph_literal(a, KG_SV("x"), KG_NO_TERM, KG_SV("en"))),
    KG_FAILURE);
  cr_assert_leq(kg_graph_set_prefix(a, KG_SV("ex"), KG_SV(EX)), KG_FAILURE);

  KgGraph* const dst = kg_graph_new();
  cr_assert_eq(kg_graph_add_graph(dst, a), KG_SUCCESS);
  cr_assert_eq(kg_graph_add_graph(dst, a), KG_SUCCESS);
  // Twice the same blank-node triple, in two scopes: two triples
  cr_assert_eq(kg_graph_size(dst), 2U);
  cr_assert_eq(kg_graph_n_prefixes(dst), 1U);
  kg_graph_free(dst);
  kg_graph_free(a);
}

Test(graph, term_to_string)
{
  KgGraph* const g = kg_graph_new();
  cr_assert_leq(kg_graph_set_prefix(g, KG_SV("ex"), KG_SV(EX)), KG_FAILURE);
  const KgTermId a   = kg_graph_iri(g, KG_SV(EX "a"));
  const KgTermId t   = kg_graph_iri(g, KG_SV(KG_RDF_TYPE));
  const KgTermId odd = kg_graph_iri(g, KG_SV("http://other.example/x y"));
  const KgTermId l =
    kg_graph_literal(g, KG_SV("hi\n"), KG_NO_TERM, KG_SV("en"));

  char* s = kg_term_to_string(g, a);
  cr_assert_str_eq(s, "ex:a");
  kg_free(s);
  s = kg_term_to_string(g, t);
  cr_assert_str_eq(s, "rdf:type");
  kg_free(s);
  s = kg_term_to_string(g, odd);
  cr_assert_str_eq(s, "<http://other.example/x y>");
  kg_free(s);
  s = kg_term_to_string(g, l);
  cr_assert_str_eq(s, "\"hi\\n\"@en");
  kg_free(s);
  kg_graph_free(g);
}

Test(graph, one_triple_in_several_graphs_is_several_quads)
{
  KgGraph* const g  = kg_graph_new();
  const KgTermId s  = kg_graph_iri(g, KG_SV(EX "s"));
  const KgTermId p  = kg_graph_iri(g, KG_SV(EX "p"));
  const KgTermId o  = kg_graph_literal(g, KG_SV("o"), KG_NO_TERM, KG_SV(""));
  const KgTermId g1 = kg_graph_iri(g, KG_SV(EX "g1"));
  const KgTermId g2 = kg_graph_blank(g, KG_SV("g2"), kg_graph_new_scope(g));
  const KgTermId g3 = kg_graph_iri(g, KG_SV(EX "g3"));
  const KgOrigin at = {0U, 0U, 0U};

  cr_assert_eq(kg_graph_add_quad(g, s, p, o, KG_NO_TERM, at), KG_SUCCESS);
  cr_assert_not(kg_graph_has_names(g), "only the default graph is used");
  cr_assert_eq(kg_graph_add_quad(g, s, p, o, g1, at), KG_SUCCESS);
  cr_assert_eq(kg_graph_add_quad(g, s, p, o, g2, at), KG_SUCCESS);
  cr_assert(kg_graph_has_names(g));
  cr_assert_eq(kg_graph_size(g), 3U);

  // The same quad again is already there, in each graph
  cr_assert_eq(kg_graph_add_quad(g, s, p, o, g1, at), KG_FAILURE);
  cr_assert_eq(kg_graph_add_quad(g, s, p, o, g2, at), KG_FAILURE);
  cr_assert_eq(kg_graph_add(g, s, p, o), KG_FAILURE);
  cr_assert_eq(kg_graph_size(g), 3U);

  cr_assert_eq(kg_graph_name(g, 0U), KG_NO_TERM);
  cr_assert_eq(kg_graph_name(g, 1U), g1);
  cr_assert_eq(kg_graph_name(g, 2U), g2);
  cr_assert(kg_graph_contains_quad(g, s, p, o, KG_NO_TERM));
  cr_assert(kg_graph_contains_quad(g, s, p, o, g1));
  cr_assert(kg_graph_contains_quad(g, s, p, o, g2));
  cr_assert_not(kg_graph_contains_quad(g, s, p, o, g3));
  cr_assert_not(kg_graph_contains_quad(g, s, p, s, g1));
  kg_graph_free(g);
}

Test(graph, contains_looks_in_the_default_graph_only)
{
  KgGraph* const g  = kg_graph_new();
  const KgTermId s  = kg_graph_iri(g, KG_SV(EX "s"));
  const KgTermId g1 = kg_graph_iri(g, KG_SV(EX "g1"));
  const KgOrigin at = {0U, 0U, 0U};
  cr_assert_eq(kg_graph_add_quad(g, s, s, s, g1, at), KG_SUCCESS);
  cr_assert_not(kg_graph_contains(g, s, s, s));
  cr_assert(kg_graph_contains_quad(g, s, s, s, g1));

  // Then in the default graph too: a second triple
  cr_assert_eq(kg_graph_add(g, s, s, s), KG_SUCCESS);
  cr_assert(kg_graph_contains(g, s, s, s));
  cr_assert_eq(kg_graph_size(g), 2U);
  kg_graph_free(g);
}

Test(graph, graph_names_are_iris_or_blank_nodes)
{
  KgGraph* const g   = kg_graph_new();
  const KgTermId s   = kg_graph_iri(g, KG_SV(EX "s"));
  const KgTermId lit = kg_graph_literal(g, KG_SV("g"), KG_NO_TERM, KG_SV(""));
  const KgOrigin at  = {0U, 0U, 0U};
  cr_assert_eq(kg_graph_add_quad(g, s, s, s, lit, at), KG_BAD_ARG);
  cr_assert_eq(kg_graph_add_quad(g, s, s, s, 99999U, at), KG_BAD_ARG);
  cr_assert_eq(kg_graph_size(g), 0U);
  cr_assert_not(kg_graph_has_names(g));
  kg_graph_free(g);
}

Test(graph, add_graph_keeps_graph_names)
{
  KgGraph* const a  = kg_graph_new();
  const KgTermId s  = kg_graph_iri(a, KG_SV(EX "s"));
  const KgTermId g1 = kg_graph_iri(a, KG_SV(EX "g1"));
  const KgOrigin at = {0U, 0U, 0U};
  cr_assert_eq(kg_graph_add_quad(a, s, s, s, g1, at), KG_SUCCESS);
  cr_assert_eq(kg_graph_add(a, s, s, s), KG_SUCCESS);

  KgGraph* const dst = kg_graph_new();
  cr_assert_eq(kg_graph_add_graph(dst, a), KG_SUCCESS);
  cr_assert_eq(kg_graph_size(dst), 2U);
  cr_assert(kg_graph_has_names(dst));
  const KgTermId ds = kg_graph_find_iri(dst, KG_SV(EX "s"));
  const KgTermId dg = kg_graph_find_iri(dst, KG_SV(EX "g1"));
  cr_assert(kg_graph_contains_quad(dst, ds, ds, ds, dg));
  cr_assert(kg_graph_contains(dst, ds, ds, ds));
  kg_graph_free(dst);
  kg_graph_free(a);
}
