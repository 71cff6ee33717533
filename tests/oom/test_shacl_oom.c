// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/*
  Out of memory in the SHACL engine: reading shapes and validating, with
  every allocation from the Nth on failing, for N = 1, 2, ... until both
  get by.  Each run must fail with KG_BAD_ALLOC (nothing else) and free
  everything (LeakSanitizer checks at exit, under AddressSanitizer).
*/

#define KG_ALLOC_FAIL_HOOK 1

#include "alloc.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <stddef.h>
#include <string.h>

static const char shapes_text[] =
  "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
  "@prefix ex: <http://example.org/> .\n"
  "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
  "ex:Named sh:property [ sh:path ex:name ; sh:minCount 1 ] .\n"
  "ex:S sh:targetClass ex:C ; sh:closed true ;\n"
  "  sh:message \"{$this} is bad\"@en ;\n"
  "  sh:property [ sh:path ex:name ; sh:datatype xsd:string ; sh:pattern "
  "\"^[A-Z]\" ;\n"
  "    sh:maxLength 10 ; sh:in ( \"Ann\" \"Bob\" ) ; sh:uniqueLang true ] ;\n"
  "  sh:property [ sh:path ( ex:knows [ sh:zeroOrMorePath ex:knows ] ) ; "
  "sh:class ex:C ;\n"
  "    sh:or ( ex:Named [ sh:nodeKind sh:BlankNode ] ) ; sh:not [ sh:hasValue "
  "ex:z ] ] ;\n"
  "  sh:property [ sh:path [ sh:alternativePath ( ex:knows [ sh:inversePath "
  "ex:knows ] ) ] ;\n"
  "    sh:qualifiedValueShape ex:Named ; sh:qualifiedMinCount 5 ] ;\n"
  "  sh:property [ sh:path ex:min ; sh:lessThan ex:max ; sh:equals ex:min ; "
  "sh:disjoint ex:max ] .\n"
  "ex:T sh:targetNode ex:ghost ; sh:property [ sh:path ex:p ; sh:minCount 1 ] "
  ".\n";

static const char data_text[] =
  "@prefix ex: <http://example.org/> .\n"
  "ex:a a ex:C ; ex:name \"Ann\" , \"carl\" ; ex:knows ex:b ; ex:min 3 ; "
  "ex:max 2 ; ex:other 1 .\n"
  "ex:b a ex:C ; ex:name \"Bob\" ; ex:knows ex:c .\n"
  "ex:c a ex:C ; ex:knows ex:a , ex:z .\n";

static KgStatus
count_results(void* const handle, const KgShResult* const result)
{
  (void)result;
  ++*(size_t*)handle;
  return KG_SUCCESS;
}

Test(shacl_oom, every_allocation_fails_in_turn)
{
  KgGraph* const sg = kg_graph_new();
  KgGraph* const dg = kg_graph_new();
  cr_assert_not_null(sg);
  cr_assert_not_null(dg);
  KgReadOptions ro;
  memset(&ro, 0, sizeof(ro));
  ro.syntax = KG_SYNTAX_TURTLE;
  cr_assert_eq(kg_graph_read_string(sg, KG_SV(shapes_text), "shapes.ttl", &ro),
               KG_SUCCESS);
  cr_assert_eq(kg_graph_read_string(dg, KG_SV(data_text), "data.ttl", &ro),
               KG_SUCCESS);

  size_t expected = 0U;
  size_t n_runs   = 0U;
  bool   done     = false;
  for (size_t n = 1U; !done; ++n) {
    ++n_runs;
    cr_assert_lt(n, 100000U);
    size_t            n_results = 0U;
    KgShapes*         shapes    = NULL;
    const KgShOptions opt       = {count_results, &n_results, {NULL, NULL}};
    KgShCounts        counts;
    kg_alloc_fail_from(n);
    KgStatus st = kg_shapes_new(sg, (KgLog){NULL, NULL}, &shapes);
    if (!st) {
      st = kg_shapes_validate(shapes, dg, &opt, &counts);
    }
    kg_alloc_fail_from(0U);
    cr_assert(st == KG_SUCCESS || st == KG_BAD_ALLOC,
              "N = %zu: %s",
              n,
              kg_strerror(st));
    if (!st) {
      done     = true;
      expected = n_results;
    }
    kg_shapes_free(shapes);
  }

  // Enough memory gives the results, after many allocations
  cr_assert_gt(expected, 5U);
  cr_assert_gt(n_runs, 100U, "%zu runs", n_runs);
  cr_log_info("%zu runs, %zu results", n_runs, expected);
  kg_graph_free(sg);
  kg_graph_free(dg);
}
