// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Finding terms: the equal terms of another graph (language tags in any
// case), and the term a person names by IRI, QName or label.

#include "buffer.h"
#include "graph.h"
#include "ns.h"
#include "vocab.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>

#include "../support/parse.h"

#include <criterion/criterion.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#define EX "http://example.org/"

Test(find, ground_terms_of_another_graph_with_their_language)
{
  KgGraph* const  a = parse("<" EX "s> <" EX "p> \"x\"@EN-gb, \"y\"@fr, "
                            "\"z\"@de, \"w\" .\n");
  KgGraph* const  b = parse("<" EX "s> <" EX "q> \"x\"@en-GB, \"y\"@de, "
                            "\"z\"@DE, \"w\" .\n");
  KgTermId* const map =
    (KgTermId*)calloc(kg_graph_n_terms(a) + 1U, sizeof(KgTermId));
  cr_assert_not_null(map);
  cr_assert_eq(kg_graph_map_ground(a, b, map), KG_SUCCESS);

  const KgTermId s = kg_graph_find_iri(a, KG_SV(EX "s"));
  cr_assert_eq(map[s], kg_graph_find_iri(b, KG_SV(EX "s")));
  cr_assert_eq(map[kg_graph_find_iri(a, KG_SV(EX "p"))], KG_NO_TERM);
  const char* const texts[] = {"x", "y", "z", "w"};
  const bool        in_b[]  = {true, false, true, true};
  size_t            n_found = 0U;
  for (KgTermId id = 1U; id <= kg_graph_n_terms(a); ++id) {
    if (kg_term_kind(a, id) != KG_TERM_LITERAL) {
      continue;
    }
    for (size_t k = 0U; k < 4U; ++k) {
      if (kg_sv_equals(kg_term_text(a, id), kg_sv(texts[k]))) {
        cr_assert_eq(!!map[id], in_b[k], "%s", texts[k]);
        if (map[id]) {
          cr_assert(kg_sv_equals(kg_term_text(b, map[id]), kg_sv(texts[k])));
          cr_assert(
            kg_sv_equals(kg_term_lang(b, map[id]), kg_term_lang(a, id)));
        }
        ++n_found;
      }
    }
  }
  cr_assert_eq(n_found, 4U);
  free(map);
  kg_graph_free(b);
  kg_graph_free(a);
}

Test(find, terms_named_by_iri_qname_or_label)
{
  KgGraph* const g = parse("@prefix ex: <" EX "> .\n"
                           "@prefix rdfs: "
                           "<http://www.w3.org/2000/01/rdf-schema#> .\n"
                           "ex:a rdfs:label \"Alpha\"@en ; ex:p ex:b .\n"
                           "ex:b rdfs:label \"Beta\" .\n"
                           "ex:c rdfs:label \"Beta\" .\n"
                           "ex:d ex:note \"Delta\" .\n");
  KgNamespaces   ns;
  cr_assert_eq(kg_namespaces_init(&ns, g, NULL, kg_turtle_prefix_is_valid),
               KG_SUCCESS);
  KgBuffer scratch = KG_BUFFER_INIT;
  KgTermId id      = KG_NO_TERM;
  bool     several = true;

  const KgTermId a = kg_graph_find_iri(g, KG_SV(EX "a"));
  cr_assert_eq(kg_find_named(g, &ns, EX "a", true, &scratch, &id, &several),
               KG_SUCCESS);
  cr_assert_eq(id, a);
  cr_assert(!several);
  cr_assert_eq(kg_find_named(g, &ns, "ex:a", false, &scratch, &id, &several),
               KG_SUCCESS);
  cr_assert_eq(id, a);
  cr_assert_eq(scratch.len, 0U);
  cr_assert_eq(kg_find_named(g, &ns, "Alpha", true, &scratch, &id, &several),
               KG_SUCCESS);
  cr_assert_eq(id, a);
  cr_assert_eq(kg_find_named(g, &ns, "Alpha", false, &scratch, &id, &several),
               KG_SUCCESS);
  cr_assert_eq(id, KG_NO_TERM);
  cr_assert_eq(kg_find_named(g, &ns, "ex:zz", true, &scratch, &id, &several),
               KG_SUCCESS);
  cr_assert_eq(id, KG_NO_TERM);

  // Not a label property; and a label of two subjects: the last, flagged
  cr_assert_eq(kg_find_named(g, &ns, "Delta", true, &scratch, &id, &several),
               KG_SUCCESS);
  cr_assert_eq(id, KG_NO_TERM);
  cr_assert_eq(kg_find_named(g, &ns, "Beta", true, &scratch, &id, &several),
               KG_SUCCESS);
  cr_assert_eq(id, kg_graph_find_iri(g, KG_SV(EX "c")));
  cr_assert(several);

  kg_buffer_fini(&scratch);
  kg_namespaces_fini(&ns);
  kg_graph_free(g);
}
