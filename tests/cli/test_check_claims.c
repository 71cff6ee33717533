// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph check on claims (reified statements): no source, the text's own
// judgement resting on another source, claims on one statement that
// disagree, and claims without one subject, predicate and object; each on
// the claim's first line, as warnings; clean claims give nothing.

#include "cli.h"
#include "support.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char* const planted[] = {
  ":35:1: warning: claim 'd:unsourced' has no source (prov:hadPrimarySource) "
  "[unsourced-claim]",
  ":39:1: warning: claim 'd:misjudged' is asserted as kg:ArticleJudgement, "
  "but its source 'd:agency' is not the text it was derived from "
  "(prov:wasDerivedFrom) [judgement-source]",
  ":44:1: warning: claim 'd:disagrees' has kg:assertedBy "
  "'kg:EditorsInference', but claim 'd:judged' on the same statement has "
  "'kg:ArticleJudgement' [claim-conflict]",
  ":44:1: warning: claim 'd:disagrees' has kg:certainty 'kg:Confirmed', but "
  "claim 'd:judged' on the same statement has 'kg:Suggested' "
  "[claim-conflict]",
  ":49:1: warning: claim 'd:objectless' has no rdf:object "
  "[malformed-claim]",
  ":52:1: warning: claim 'd:twofold' has 2 values of rdf:subject; a claim "
  "has one [malformed-claim]",
  ":56:1: warning: claim 'd:bare' has no rdf:subject [malformed-claim]",
};

Test(check_claims, each_planted_mistake_once_on_its_line)
{
  const char* const data = data_path("check/claims.ttl");
  Run               r    = run("check", data, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s%s", r.out, r.err);

  // One line per mistake, in order: the clean claims give none
  const size_t n    = sizeof(planted) / sizeof(planted[0]);
  const char*  line = r.out;
  for (size_t i = 0U; i < n; ++i) {
    cr_assert(line && *line, "missing diagnostic %zu: '%s'", i, planted[i]);
    const char* const end = strchr(line, '\n');
    cr_assert_not_null(end);
    cr_assert(!strncmp(line, data, strlen(data)), "%s", line);
    const char* const rest = line + strlen(data);
    cr_assert((size_t)(end - rest) == strlen(planted[i]) &&
                !strncmp(rest, planted[i], strlen(planted[i])),
              "diagnostic %zu:\n  got      %.*s\n  expected %s",
              i,
              (int)(end - rest),
              rest,
              planted[i]);
    line = end + 1;
  }
  cr_assert_str_eq(line, "", "unexpected output:\n%s", line);
  cr_assert_str_eq(r.err, "kgraph: 0 errors, 7 warnings\n");
  run_free(&r);
}

Test(check_claims, werror_makes_them_fail)
{
  Run r = run("check", "--werror", "-q", data_path("check/claims.ttl"), NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s%s", r.out, r.err);
  cr_assert_str_eq(r.err, "");
  run_free(&r);
}

Test(check_claims, json_names_each_kind)
{
  Run r = run("check", "--format=json", data_path("check/claims.ttl"), NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  static const char* const expected[] = {
    "\"line\": 35, \"column\": 1, \"level\": \"warning\", \"check\": "
    "\"unsourced-claim\", \"message\": \"claim 'd:unsourced' has no source "
    "(prov:hadPrimarySource)\"}",
    "\"line\": 39, \"column\": 1, \"level\": \"warning\", \"check\": "
    "\"judgement-source\"",
    "\"line\": 44, \"column\": 1, \"level\": \"warning\", \"check\": "
    "\"claim-conflict\"",
    "\"line\": 49, \"column\": 1, \"level\": \"warning\", \"check\": "
    "\"malformed-claim\"",
    "\n  ],\n  \"errors\": 0,\n  \"warnings\": 7\n}\n",
  };
  for (size_t i = 0U; i < sizeof(expected) / sizeof(expected[0]); ++i) {
    cr_assert(strstr(r.out, expected[i]), "%s\nnot in\n%s", expected[i], r.out);
  }
  run_free(&r);
}

Test(check_claims, clean_claims_give_nothing)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "clean.ttl");
  write_file(
    in,
    "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
    "@prefix kg: <https://kgraph.example/ontology#> .\n"
    "@prefix d: <http://example.org/data/> .\n"
    "d:a rdfs:label \"a\" ; d:p d:b .\n"
    "d:b rdfs:label \"b\" .\n"
    "d:p rdfs:label \"p\" .\n"
    "d:text rdfs:label \"text\" .\n"
    "d:someone rdfs:label \"someone\" .\n"
    // The text's judgement, sourced to the text it was derived from
    "[] a rdf:Statement ; rdf:subject d:a ; rdf:predicate d:p ;\n"
    "  rdf:object d:b ; kg:assertedBy kg:ArticleJudgement ;\n"
    "  kg:certainty kg:Estimated ; prov:hadPrimarySource d:text ;\n"
    "  prov:wasDerivedFrom d:text .\n"
    // On the same statement: a source, and no certainty (nothing to differ)
    "[] rdf:subject d:a ; rdf:predicate d:p ; rdf:object d:b ;\n"
    "  kg:assertedBy kg:ArticleJudgement ;\n"
    "  prov:hadPrimarySource d:text , d:text2 ;\n"
    "  prov:wasDerivedFrom d:text , d:text2 .\n"
    "d:text2 rdfs:label \"text 2\" .\n"
    // Another asserter on another statement
    "[] rdf:subject d:b ; rdf:predicate d:p ; rdf:object d:a ;\n"
    "  kg:assertedBy kg:SubjectItself ; kg:certainty kg:Confirmed ;\n"
    "  prov:hadPrimarySource d:someone .\n");

  Run r = run("check", "--werror", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s%s", r.out, r.err);
  cr_assert_str_eq(r.out, "");
  cr_assert_str_eq(r.err, "");
  run_free(&r);
}

Test(check_claims, claims_of_the_ontology_are_not_checked)
{
  // Read with --ontology, the planted claims define nothing wrong
  Run r = run("check",
              "--werror",
              "--ontology",
              data_path("check/claims.ttl"),
              data_path("check/clean.ttl"),
              "--ontology",
              data_path("check/ontology.ttl"),
              NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s%s", r.out, r.err);
  cr_assert_str_eq(r.out, "");
  run_free(&r);
}

Test(check_claims, a_claim_is_reported_where_it_is_first_checked)
{
  // The claim starts in the ontology; it is reported at its first triple
  // among the inputs, not in the ontology's lines
  const char* const dir  = tmp_dir();
  const char* const onto = path_in(dir, "onto.ttl");
  const char* const in   = path_in(dir, "in.ttl");
  write_file(onto,
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
             "<http://example.org/c> rdfs:label \"c\" .\n");
  write_file(in,
             "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
             "@prefix d: <http://example.org/> .\n"
             "\n"
             "d:c rdf:subject d:c ; rdf:predicate d:c ; rdf:object d:c .\n");
  Run r = run("check", "--ontology", onto, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s%s", r.out, r.err);
  cr_assert(strstr(r.out,
                   "in.ttl:4:1: warning: claim 'd:c' has no source "
                   "(prov:hadPrimarySource) [unsourced-claim]\n"),
            "%s",
            r.out);
  run_free(&r);
}

Test(check_claims, many_claims_in_linear_time, .timeout = 60)
{
  // 20,000 claims on 10,000 statements: each pair disagrees on certainty,
  // every tenth claim has no source
  enum { N = 20000 };
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "many.ttl");
  FILE* const       f   = fopen(in, "wb");
  cr_assert_not_null(f);
  fputs("@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "@prefix kg: <https://kgraph.example/ontology#> .\n"
        "@prefix d: <http://example.org/data/> .\n",
        f);
  for (unsigned i = 0U; i < N; ++i) {
    fprintf(f,
            "[] rdf:subject d:s%u ; rdf:predicate d:p ; rdf:object d:o ;\n"
            "  kg:certainty kg:%s%s .\n",
            i / 2U,
            i % 2U ? "Reported" : "Suggested",
            i % 10U ? " ; prov:hadPrimarySource d:t" : "");
  }
  cr_assert_eq(fclose(f), 0);

  const clock_t start = clock();
  Run           r     = run("check", "-q", in, NULL);
  const double  secs  = (double)(clock() - start) / CLOCKS_PER_SEC;
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);

  // Line by line: strstr() over the rest of a long text, once per hit,
  // is quadratic under AddressSanitizer
  size_t n_conflicts = 0U;
  size_t n_unsourced = 0U;
  for (const char* p = r.out; *p;) {
    const char* const end = p + strcspn(p, "\n");
    const size_t      len = (size_t)(end - p);
    n_conflicts += len > 16U && !memcmp(end - 16, "[claim-conflict]", 16U);
    n_unsourced += len > 17U && !memcmp(end - 17, "[unsourced-claim]", 17U);
    p = *end ? end + 1 : end;
  }
  cr_assert_eq(n_conflicts, N / 2U);
  cr_assert_eq(n_unsourced, N / 10U);
  // Quadratic would be 200 million comparisons; linear is well under this
  cr_assert_lt(secs, 10.0, "%.2f s", secs);
  run_free(&r);
}
