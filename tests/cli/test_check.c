// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph check: planted mistakes are each found once, on their line, with
// their severity; clean graphs and the shipped ones give no output.

#include "cli.h"
#include "support.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/// Return the path of a shipped file (graphs/..., ontology/...).
static const char*
source_path(const char* const name)
{
  static char path[4][1024];
  static int  next = 0;
  char* const p    = path[next++ % 4];
  snprintf(p, sizeof(path[0]), "%s/%s", getenv("KG_SOURCE_ROOT"), name);
  return p;
}

Test(check, clean_graph_gives_no_output)
{
  Run r = run("check",
              "--ontology",
              data_path("check/ontology.ttl"),
              data_path("check/clean.ttl"),
              NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s%s", r.out, r.err);
  cr_assert_str_eq(r.out, "");
  cr_assert_str_eq(r.err, "");
  run_free(&r);
}

Test(check, ontology_checks_itself)
{
  Run r = run("check", "--werror", data_path("check/ontology.ttl"), NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s%s", r.out, r.err);
  cr_assert_str_eq(r.out, "");
  run_free(&r);
}

Test(check, planted_mistakes_each_once_on_their_line)
{
  const char* const data = data_path("check/planted.ttl");
  Run               r =
    run("check", "--ontology", data_path("check/ontology.ttl"), data, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);

  static const char* const expected[] = {
    ":9:3: error: 'd:freedonia' is a ex:Country, but the range of "
    "'ex:founder' is ex:Person [range]",
    ":10:3: error: property 'ex:foundr' is not defined in the ontology; did "
    "you mean 'ex:founder'? [undefined-term]",
    ":11:3: error: '2025-02-29' is not a valid xsd:date: ",
    ":12:3: error: the range of 'ex:employees' is xsd:nonNegativeInteger, not "
    "\"-3\"^^xsd:integer [range]",
    ":14:1: error: class 'ex:Persn' is not defined in the ontology; did you "
    "mean 'ex:Person'? [undefined-term]",
    ":19:3: error: 'd:bob' is a ex:Person, but the domain of 'ex:basedIn' is "
    "ex:Organization [domain]",
    ":27:3: error: 'ex:amount' is functional, but 'd:raise' has 2 values "
    "[functional]",
    ":29:1: warning: 'd:nameless' has no label [label]",
    ":33:3: warning: 'd:nowhere' is referred to, but nothing describes it "
    "[dangling]",
    ":35:1: error: 'ex:Company' is a class, not a property [misused-term]",
  };

  // One line per mistake, in order, each starting with the file name
  const size_t n    = sizeof(expected) / sizeof(expected[0]);
  const char*  line = r.out;
  for (size_t i = 0U; i < n; ++i) {
    cr_assert(line && *line, "missing diagnostic %zu: '%s'", i, expected[i]);
    const char* const end = strchr(line, '\n');
    cr_assert_not_null(end);
    cr_assert(!strncmp(line, data, strlen(data)),
              "line %zu: %.*s",
              i,
              (int)(end - line),
              line);

    const char* const rest = line + strlen(data);
    cr_assert(!strncmp(rest, expected[i], strlen(expected[i])),
              "diagnostic %zu:\n  got      %.*s\n  expected %s",
              i,
              (int)(end - rest),
              rest,
              expected[i]);
    line = end + 1;
  }
  cr_assert_str_eq(line, "", "unexpected output:\n%s", line);
  cr_assert_str_eq(r.err, "kgraph: 8 errors, 2 warnings\n");
  run_free(&r);
}

Test(check, json)
{
  Run r = run("check",
              "--format=json",
              "--ontology",
              data_path("check/ontology.ttl"),
              data_path("check/planted.ttl"),
              NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND);
  static const char* const head = "{\n  \"diagnostics\": [\n    {\"file\": \"";
  cr_assert(!strncmp(r.out, head, strlen(head)), "%s", r.out);
  cr_assert(
    strstr(r.out,
           "\"line\": 29, \"column\": 1, \"level\": \"warning\", "
           "\"check\": \"label\", \"message\": \"'d:nameless' has no label\"}"),
    "%s",
    r.out);
  cr_assert(strstr(r.out, "\n  ],\n  \"errors\": 8,\n  \"warnings\": 2\n}\n"),
            "%s",
            r.out);
  run_free(&r);

  r = run("check", "--format", "json", data_path("check/ontology.ttl"), NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS);
  cr_assert_str_eq(
    r.out,
    "{\n  \"diagnostics\": [],\n  \"errors\": 0,\n  \"warnings\": 0\n}\n");
  run_free(&r);
}

Test(check, warnings_fail_only_with_werror)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "warn.ttl");
  write_file(in,
             "@prefix d: <http://example.org/data/> .\n"
             "d:a d:knows d:b .\n");

  Run r = run("check", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS);
  cr_assert(
    strstr(r.out, ":2:1: warning: 'd:a' has no label [label]\n"), "%s", r.out);
  cr_assert(strstr(r.out,
                   ":2:1: warning: 'd:b' is referred to, but nothing describes "
                   "it [dangling]\n"),
            "%s",
            r.out);
  run_free(&r);

  r = run("check", "--werror", "-q", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND);
  cr_assert_str_eq(r.err, "");
  run_free(&r);
}

Test(check, trouble_is_not_a_violation)
{
  Run r = run("check", "--format", "yaml", "x.ttl", NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  run_free(&r);

  r = run("check",
          "--ontology",
          "/nonexistent.ttl",
          data_path("check/clean.ttl"),
          NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT);
  run_free(&r);

  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "bad.ttl");
  write_file(in, "<http://a/s> <http://a/p> .\n");
  r = run("check", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT);
  run_free(&r);
}

Test(check, shipped_ontology_and_graphs_are_clean)
{
  Run r = run("check", "--werror", source_path("ontology/kg.ttl"), NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s%s", r.out, r.err);
  cr_assert_str_eq(r.out, "");
  run_free(&r);

  static const char* const graphs[] = {"graphs/deepseek-v1.ttl",
                                       "graphs/deepseek-v2.ttl"};
  for (size_t i = 0U; i < 2U; ++i) {
    r = run("check",
            "--werror",
            "--ontology",
            source_path("ontology/kg.ttl"),
            source_path(graphs[i]),
            NULL);
    cr_assert_eq(
      r.status, KG_EXIT_SUCCESS, "%s:\n%s%s", graphs[i], r.out, r.err);
    cr_assert_str_eq(r.out, "");
    cr_assert_str_eq(r.err, "");
    run_free(&r);
  }
}

/*
  Hierarchies of any shape: walked without recursion, in linear time
*/

#define SHAPES_HEAD                                                \
  "@prefix ex: <http://example.org/shape#> .\n"                    \
  "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n" \
  "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"      \
  "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"

/// Open `name` in a fresh directory for writing, with the prefixes.
static FILE*
shape_file(const char* const name, const char** const path)
{
  *path         = path_in(tmp_dir(), name);
  FILE* const f = fopen(*path, "wb");
  cr_assert_not_null(f);
  fputs(SHAPES_HEAD, f);
  return f;
}

/// Return the number of lines of `text` that contain `needle`.
static size_t
lines_with(const char* const text, const char* const needle)
{
  // Through each line's own bytes: strstr() over the rest of a long text,
  // once per hit, is quadratic under AddressSanitizer (its interceptor
  // measures all the rest each time)
  const size_t needle_len = strlen(needle);
  size_t       n          = 0U;
  for (const char* p = text; *p;) {
    const char* const end = p + strcspn(p, "\n");
    for (const char* q = p; q + needle_len <= end;) {
      if (!memcmp(q, needle, needle_len)) {
        ++n;
        q += needle_len;
      } else {
        ++q;
      }
    }
    p = *end ? end + 1 : end;
  }
  return n;
}

Test(check, a_300000_subclass_chain, .timeout = 120)
{
  // C300000 below ... below C1 below C0
  const char* path = NULL;
  FILE* const f    = shape_file("chain.ttl", &path);
  fputs("ex:C0 a rdfs:Class ; rdfs:label \"c\" .\n"
        "ex:Other a rdfs:Class ; rdfs:label \"other\" .\n"
        "ex:knows a rdf:Property ; rdfs:label \"knows\" ;\n"
        "  rdfs:domain ex:C0 ; rdfs:range ex:C150000 .\n",
        f);
  for (unsigned i = 1U; i <= 300000U; ++i) {
    fprintf(
      f, "ex:C%u rdfs:subClassOf ex:C%u ; rdfs:label \"c\" .\n", i, i - 1U);
  }
  fputs("ex:a a ex:C300000 ; rdfs:label \"a\" ; ex:knows ex:b .\n"
        "ex:b a ex:C200000 ; rdfs:label \"b\" ; ex:knows ex:b .\n"
        "ex:c a ex:C150000 ; rdfs:label \"c\" ; ex:knows ex:c .\n"
        "ex:d a ex:C300000 ; rdfs:label \"d\" ; ex:knows ex:e .\n"
        "ex:e a ex:C100000 ; rdfs:label \"e\" .\n"
        "ex:f a ex:Other ; rdfs:label \"f\" ; ex:knows ex:b .\n",
        f);
  cr_assert_eq(fclose(f), 0);

  Run r = run("check", path, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_eq(lines_with(r.out, "error:"), 2U, "%.2000s", r.out);
  cr_assert(strstr(r.out,
                   "'ex:e' is a ex:C100000, but the range of 'ex:knows' is "
                   "ex:C150000 [range]\n"),
            "%.2000s",
            r.out);
  cr_assert(strstr(r.out,
                   "'ex:f' is a ex:Other, but the domain of 'ex:knows' is "
                   "ex:C0 [domain]\n"),
            "%.2000s",
            r.out);
  cr_assert_eq(lines_with(r.out, "warning:"), 0U, "%.2000s", r.out);
  run_free(&r);
}

Test(check, subclass_cycles_and_equivalent_classes)
{
  const char* path = NULL;
  FILE* const f    = shape_file("cycle.ttl", &path);
  fputs("ex:A rdfs:subClassOf ex:B ; rdfs:label \"a\" .\n"
        "ex:B rdfs:subClassOf ex:C ; rdfs:label \"b\" .\n"
        "ex:C rdfs:subClassOf ex:A ; rdfs:label \"c\" .\n"
        "ex:C rdfs:subClassOf ex:C .\n"
        "ex:D owl:equivalentClass ex:A ; rdfs:label \"d\" .\n"
        "ex:E a rdfs:Class ; rdfs:label \"e\" .\n"
        "ex:p a rdf:Property ; rdfs:label \"p\" ; rdfs:domain ex:B .\n"
        "ex:q a rdf:Property ; rdfs:label \"q\" ; rdfs:range ex:D .\n"
        "ex:x a ex:C ; rdfs:label \"x\" ; ex:p ex:y ; ex:q ex:y .\n"
        "ex:y a ex:D ; rdfs:label \"y\" ; ex:p ex:x ; ex:q ex:z .\n"
        "ex:z a ex:E ; rdfs:label \"z\" ; ex:p ex:x .\n",
        f);
  cr_assert_eq(fclose(f), 0);

  Run r = run("check", path, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_eq(lines_with(r.out, "error:"), 2U, "%.2000s", r.out);
  cr_assert(strstr(r.out,
                   "'ex:z' is a ex:E, but the range of 'ex:q' is ex:D "
                   "[range]\n"),
            "%.2000s",
            r.out);
  cr_assert(strstr(r.out,
                   "'ex:z' is a ex:E, but the domain of 'ex:p' is ex:B "
                   "[domain]\n"),
            "%.2000s",
            r.out);
  run_free(&r);
}

Test(check, a_50000_subproperty_cycle_all_used, .timeout = 120)
{
  // P50000 below ... below P0 below P50000: one group, the domain of P0
  const char* path = NULL;
  FILE* const f    = shape_file("props.ttl", &path);
  fputs("ex:C a rdfs:Class ; rdfs:label \"c\" .\n"
        "ex:D a rdfs:Class ; rdfs:label \"d\" .\n"
        "ex:P0 rdfs:domain ex:C ; rdfs:subPropertyOf ex:P50000 ;\n"
        "  rdfs:label \"p\" .\n",
        f);
  for (unsigned i = 1U; i <= 50000U; ++i) {
    fprintf(
      f, "ex:P%u rdfs:subPropertyOf ex:P%u ; rdfs:label \"p\" .\n", i, i - 1U);
  }
  // Used from the last to the first, each once; three outside the domain
  for (unsigned i = 50000U; i + 1U > 0U; --i) {
    fprintf(f, "[] a ex:%s ; ex:P%u \"v\" .\n", i % 20000U ? "C" : "D", i);
  }
  cr_assert_eq(fclose(f), 0);

  Run r = run("check", path, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_eq(lines_with(r.out, "error:"), 3U, "%.2000s", r.out);
  cr_assert_eq(
    lines_with(r.out, "but the domain of 'ex:P"), 3U, "%.2000s", r.out);
  cr_assert(
    strstr(r.out, "the domain of 'ex:P40000' is ex:C"), "%.2000s", r.out);
  run_free(&r);
}

Test(check, a_100000_chain_of_label_subproperties, .timeout = 120)
{
  // Written from the bottom: l100000 below ... below l1 below rdfs:label
  const char* path = NULL;
  FILE* const f    = shape_file("labels.ttl", &path);
  for (unsigned i = 100000U; i > 1U; --i) {
    fprintf(
      f, "ex:l%u rdfs:subPropertyOf ex:l%u ; rdfs:label \"l\" .\n", i, i - 1U);
  }
  fputs("ex:l1 rdfs:subPropertyOf rdfs:label ; rdfs:label \"l\" .\n"
        "ex:named ex:l100000 \"named\" .\n"
        "ex:other a rdfs:Resource .\n",
        f);
  cr_assert_eq(fclose(f), 0);

  Run r = run("check", path, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert_eq(lines_with(r.out, "warning:"), 1U, "%.2000s", r.out);
  cr_assert(strstr(r.out, "'ex:other' has no label [label]"), "%.2000s", r.out);
  run_free(&r);
}

Test(check, hierarchy_walks_past_the_limit_stop_with_a_message, .timeout = 120)
{
  // 20,000 classes in a chain, each the domain of a property used by a node
  // of the lowest, and each the type of a node: as many classes asked about
  // from above as from below, and 200 million steps either way
  const char* path = NULL;
  FILE* const f    = shape_file("many.ttl", &path);
  fputs("ex:C0 rdfs:label \"c\" .\n", f);
  for (unsigned i = 0U; i < 20000U; ++i) {
    fprintf(f,
            "ex:C%u rdfs:subClassOf ex:C%u ; rdfs:label \"c\" .\n"
            "ex:p%u rdfs:domain ex:C%u ; rdfs:label \"p\" .\n"
            "ex:z ex:p%u \"v\" .\n"
            "[] a ex:C%u .\n",
            i + 1U,
            i,
            i,
            i,
            i,
            i);
  }
  fputs("ex:z a ex:C20000 ; rdfs:label \"z\" .\n", f);
  cr_assert_eq(fclose(f), 0);

  Run r = run("check", path, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert(strstr(r.err,
                   "kgraph: error: the class and property hierarchies are too "
                   "large to check domains and ranges: more than 20 million "
                   "steps\n"),
            "%s",
            r.err);
  cr_assert_null(strstr(r.err, "out of memory"), "%s", r.err);
  run_free(&r);
}

Test(check, suggestions_stop_past_their_limit, .timeout = 120)
{
  // 4,000 defined classes and 30,000 undefined ones, each compared with
  // each: 120 million pairs of names, past the limit of the suggestions
  const char* path = NULL;
  FILE* const f    = shape_file("typos.ttl", &path);
  for (unsigned i = 0U; i < 4000U; ++i) {
    fprintf(f, "ex:Defined%u a rdfs:Class ; rdfs:label \"c\" .\n", i);
  }
  for (unsigned i = 0U; i < 30000U; ++i) {
    fprintf(f, "[] a ex:Undefined%u .\n", i);
  }
  cr_assert_eq(fclose(f), 0);

  Run r = run("check", path, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_eq(lines_with(r.out, "error:"), 30000U);
  const size_t n_suggested = lines_with(r.out, "did you mean");
  cr_assert_gt(n_suggested, 0U);
  cr_assert_lt(n_suggested, 30000U);
  // The first ones get theirs
  cr_assert(strstr(r.out,
                   ":4005:1: error: class 'ex:Undefined0' is not defined in "
                   "the ontology; did you mean"),
            "%.2000s",
            r.out);
  run_free(&r);
}

Test(check, a_functional_property_with_200000_values, .timeout = 120)
{
  const char* path = NULL;
  FILE* const f    = shape_file("hub.ttl", &path);
  fputs("ex:one a owl:FunctionalProperty ; rdfs:label \"one\" .\n"
        "ex:many a rdf:Property ; rdfs:label \"many\" .\n"
        "ex:hub rdfs:label \"hub\" ; ex:one \"a\" .\n"
        "ex:other rdfs:label \"other\" ; ex:one \"a\" ; ex:many \"b\" .\n",
        f);
  for (unsigned i = 0U; i < 200000U; ++i) {
    fprintf(f, "ex:hub ex:many \"%u\" ; ex:one \"%u\" .\n", i, i);
  }
  cr_assert_eq(fclose(f), 0);

  Run r = run("check", path, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_eq(lines_with(r.out, "error:"), 1U, "%.2000s", r.out);
  cr_assert(strstr(r.out,
                   ":9:1: error: 'ex:one' is functional, but 'ex:hub' has "
                   "200001 values [functional]\n"),
            "%.2000s",
            r.out);
  run_free(&r);
}

Test(check, many_prefixes_name_many_findings_in_linear_time)
{
  // Each finding names its terms by QName: the names were made anew from
  // all the prefixes for each finding
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "prefixes.ttl");
  FILE* const       f   = fopen(in, "w");
  cr_assert_not_null(f);
  for (unsigned i = 0U; i < 30000U; ++i) {
    fprintf(f, "@prefix p%u: <http://e/ns%u/> .\n", i, i);
  }
  for (unsigned i = 0U; i < 30000U; ++i) {
    fprintf(f, "p%u:s p%u:p p%u:o .\n", i, i, i);
  }
  cr_assert_eq(fclose(f), 0);

  const clock_t start   = clock();
  Run           r       = run("check", in, NULL);
  const double  seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
  cr_assert_eq(r.status, 0, "%.300s", r.err);
  cr_assert(strstr(r.out,
                   ":60000:1: warning: 'p29999:o' is referred to, but "
                   "nothing describes it [dangling]\n"),
            "%.300s",
            r.out);
  run_free(&r);
  cr_assert_lt(seconds, 4.0, "check took %.1f s", seconds);
}

Test(check, messages_escape_terminal_controls)
{
  // A literal holding a right-to-left override and a C1 control is shown
  // escaped in the message, so that it cannot reorder or drive the terminal
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "controls.nt");
  write_file(in,
             "<http://e/s> <http://e/p> \"1\\u202E2\\u009B\\u001B\""
             "^^<http://www.w3.org/2001/XMLSchema#integer> .\n");

  Run r = run("check", in, NULL);
  cr_assert_eq(r.status, 1, "%s", r.err);
  cr_assert(strstr(r.out,
                   ":1:1: error: '1\\u202E2\\u009B\\u001B' is not a valid "
                   "xsd:integer: not an integer [literal]\n"),
            "%s",
            r.out);
  cr_assert_null(strstr(r.out, "\xE2\x80\xAE"));
  cr_assert_null(strstr(r.out, "\xC2\x9B"));
  cr_assert_null(strchr(r.out, '\033'));
  run_free(&r);
}
