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
