// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The one ranked list of label properties (vocab.h), and its users.

#include "alloc.h"
#include "report.h"
#include "vocab.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <criterion/criterion.h>

static const char* const expected[] = {
  "http://www.w3.org/2000/01/rdf-schema#label",
  "http://www.w3.org/2004/02/skos/core#prefLabel",
  "http://schema.org/name",
  "https://schema.org/name",
  "http://xmlns.com/foaf/0.1/name",
};

Test(labels, ranks_the_label_properties_best_first)
{
  cr_assert_eq(KG_N_LABEL_PROPERTIES, sizeof(expected) / sizeof(expected[0]));
  for (unsigned i = 0U; i < KG_N_LABEL_PROPERTIES; ++i) {
    cr_assert_eq(kg_label_rank(kg_sv(expected[i])), i, "%s", expected[i]);
    cr_assert(kg_is_label_property(kg_sv(expected[i])));
    cr_assert(kg_sv_equals(kg_label_property(i), kg_sv(expected[i])));
  }
}

Test(labels, other_properties_have_no_rank)
{
  static const char* const others[] = {
    "http://www.w3.org/2000/01/rdf-schema#comment",
    "http://schema.org/nam",
    "http://schema.org/name#",
    "",
  };
  for (size_t i = 0U; i < sizeof(others) / sizeof(others[0]); ++i) {
    cr_assert_eq(kg_label_rank(kg_sv(others[i])), KG_N_LABEL_PROPERTIES);
    cr_assert_not(kg_is_label_property(kg_sv(others[i])));
  }
  cr_assert_eq(kg_label_property(KG_N_LABEL_PROPERTIES).len, 0U);
}

/// Add (s, `property`, `text`@`lang`) and return the literal's id.
static KgTermId
add_label(KgGraph* const    g,
          const KgTermId    s,
          const char* const property,
          const char* const text,
          const char* const lang)
{
  const KgTermId p = kg_graph_iri(g, kg_sv(property));
  const KgTermId o = kg_graph_literal(g, kg_sv(text), KG_NO_TERM, kg_sv(lang));
  cr_assert(p && o);
  cr_assert_eq(kg_graph_add(g, s, p, o), KG_SUCCESS);
  return o;
}

// Reports (diff) take their labels from the same list as pictures and
// checks: https://schema.org/name, once missing from it, is a label
Test(labels, reports_find_every_label_property)
{
  for (unsigned i = 0U; i < KG_N_LABEL_PROPERTIES; ++i) {
    KgGraph* const g = kg_graph_new();
    cr_assert_not_null(g);
    const KgTermId s = kg_graph_iri(g, KG_SV("http://example.org/s"));
    const KgTermId o = add_label(g, s, expected[i], "Name", "");

    KgTermId* labels = NULL;
    cr_assert_eq(kg_find_labels(g, "en", &labels), KG_SUCCESS);
    cr_assert_eq(labels[s], o, "%s", expected[i]);
    kg_free(labels);
    kg_graph_free(g);
  }
}

Test(labels, reports_prefer_the_better_property_in_the_same_language)
{
  for (unsigned better = 0U; better + 1U < KG_N_LABEL_PROPERTIES; ++better) {
    KgGraph* const g = kg_graph_new();
    cr_assert_not_null(g);
    const KgTermId s = kg_graph_iri(g, KG_SV("http://example.org/s"));
    add_label(g, s, expected[KG_N_LABEL_PROPERTIES - 1U], "Worst", "en");
    const KgTermId o = add_label(g, s, expected[better], "Best", "en");
    add_label(g, s, expected[better + 1U], "Worse", "en");

    KgTermId* labels = NULL;
    cr_assert_eq(kg_find_labels(g, "en", &labels), KG_SUCCESS);
    cr_assert_eq(labels[s], o, "%s", expected[better]);
    kg_free(labels);
    kg_graph_free(g);
  }
}

Test(labels, reports_prefer_the_language_to_the_property)
{
  KgGraph* const g = kg_graph_new();
  cr_assert_not_null(g);
  const KgTermId s = kg_graph_iri(g, KG_SV("http://example.org/s"));
  add_label(g, s, expected[0], "Etikett", "de");
  const KgTermId o =
    add_label(g, s, expected[KG_N_LABEL_PROPERTIES - 1U], "Label", "en");

  KgTermId* labels = NULL;
  cr_assert_eq(kg_find_labels(g, "en", &labels), KG_SUCCESS);
  cr_assert_eq(labels[s], o);
  kg_free(labels);
  kg_graph_free(g);
}
