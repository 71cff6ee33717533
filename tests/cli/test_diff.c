// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph diff and kgraph render --diff, through kg_cli_main(), on the small
// graphs of tests/data/diff/.

#include "cli.h"
#include "support.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EX "http://example.org/"
#define XSD "http://www.w3.org/2001/XMLSchema#"

#define AGE_30 "<" EX "alice> <" EX "age> \"30\"^^<" XSD "integer> ."
#define AGE_31 "<" EX "alice> <" EX "age> \"31\"^^<" XSD "integer> ."

/// Return the number of lines of `text` that start with `prefix`.
static size_t
count_lines(const char* const text, const char* const prefix)
{
  const size_t len = strlen(prefix);
  size_t       n   = 0U;
  for (const char* line = text; line && *line;) {
    n += !strncmp(line, prefix, len);
    line = strchr(line, '\n');
    line = line ? line + 1 : NULL;
  }
  return n;
}

/// Return the attributes of the DOT statement that starts with `head`
/// (malloc()), or NULL.
static char*
dot_statement(const char* const dot, const char* const head)
{
  const char* const start = strstr(dot, head);
  if (!start) {
    return NULL;
  }
  const char* const end = strstr(start, "];");
  cr_assert_not_null(end);
  const size_t len  = (size_t)(end - start);
  char* const  text = (char*)calloc(len + 1U, 1U);
  memcpy(text, start, len);
  return text;
}

Test(diff, isomorphic_inputs_are_the_same)
{
  // Turtle against shuffled N-Triples whose blank node has another label
  Run r = run("diff",
              "--format=ntriples",
              data_path("diff/base.ttl"),
              data_path("diff/base-shuffled.nt"),
              NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s%s", r.out, r.err);
  cr_assert_str_eq(r.out, "");
  cr_assert_str_eq(r.err, "");
  run_free(&r);

  r = run("diff",
          "--format=ntriples",
          "--format",
          "patch",
          data_path("diff/base.ttl"),
          data_path("diff/base-shuffled.nt"),
          NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert_str_eq(r.out, "");
  run_free(&r);
}

Test(diff, one_triple_changed)
{
  Run r =
    run("diff", "--format=ntriples", data_path("diff/base.ttl"), data_path("diff/age.ttl"), NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_str_eq(r.out, "# Alice\n- " AGE_30 "\n+ " AGE_31 "\n");
  cr_assert_str_eq(r.err, "");
  run_free(&r);

  // And the other way round
  r = run("diff", "--format=ntriples", data_path("diff/age.ttl"), data_path("diff/base.ttl"), NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_str_eq(r.out, "# Alice\n- " AGE_31 "\n+ " AGE_30 "\n");
  run_free(&r);
}

Test(diff, quiet_prints_nothing)
{
  Run r = run(
    "diff", "-q", data_path("diff/base.ttl"), data_path("diff/age.ttl"), NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND);
  cr_assert_str_eq(r.out, "");
  cr_assert_str_eq(r.err, "");
  run_free(&r);

  r = run("diff",
          "--format=ntriples",
          "--quiet",
          data_path("diff/base.ttl"),
          data_path("diff/base-shuffled.nt"),
          NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS);
  cr_assert_str_eq(r.out, "");
  run_free(&r);
}

Test(diff, dev_null_is_the_empty_graph)
{
  Run r = run("diff", "--format=ntriples", "/dev/null", data_path("diff/base.ttl"), NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_eq(count_lines(r.out, "+ "), 10U, "%s", r.out);
  cr_assert_eq(count_lines(r.out, "- "), 0U, "%s", r.out);
  cr_assert(strstr(r.out, "\n+ " AGE_30 "\n"), "%s", r.out);
  run_free(&r);

  r = run("diff", "--format=ntriples", data_path("diff/base.ttl"), "/dev/null", NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_eq(count_lines(r.out, "- "), 10U, "%s", r.out);
  cr_assert_eq(count_lines(r.out, "+ "), 0U, "%s", r.out);
  run_free(&r);

  r = run("diff", "--format=ntriples", "/dev/null", "/dev/null", NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert_str_eq(r.out, "");
  run_free(&r);
}

Test(diff, usage_errors)
{
  const char* const old = data_path("diff/base.ttl");
  const char* const neu = data_path("diff/age.ttl");

  Run r = run("diff", "--format=ntriples", old, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert_str_eq(r.out, "");
  cr_assert(strstr(r.err, "Try 'kgraph diff --help'"), "%s", r.err);
  run_free(&r);

  r = run("diff", "--format=ntriples", old, neu, old, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert_str_eq(r.err,
                   "kgraph: diff takes two graphs, OLD and NEW\n"
                   "Try 'kgraph diff --help' for more information.\n");
  run_free(&r);

  r = run("diff", "--format=ntriples", "--format", "xml", old, neu, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert(strstr(r.err, "unknown diff format 'xml'"), "%s", r.err);
  cr_assert_str_eq(r.out, "");
  run_free(&r);

  // Picture options need --format=dot, with or without another format
  static const char* const picture[][2] = {
    {"--literals", "none"}, {"--no-legend", NULL}, {"--max-nodes", "2"}};
  for (size_t i = 0U; i < sizeof(picture) / sizeof(picture[0]); ++i) {
    r = picture[i][1]
          ? run("diff", "--format=ntriples", picture[i][0], picture[i][1], old, neu, NULL)
          : run("diff", "--format=ntriples", picture[i][0], old, neu, NULL);
    cr_assert_eq(r.status, KG_EXIT_USAGE, "%s: %d", picture[i][0], r.status);
    cr_assert(strstr(r.err, "picture options are for --format=dot"),
              "%s: %s",
              picture[i][0],
              r.err);
    cr_assert_str_eq(r.out, "");
    run_free(&r);
  }
  r = run("diff", "--format=ntriples", "--format", "patch", "--no-legend", old, neu, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  run_free(&r);
}

Test(diff, malformed_input)
{
  const char* const bad = data_path("diff/bad.ttl");
  Run               r   = run("diff", "--format=ntriples", data_path("diff/base.ttl"), bad, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT);
  cr_assert_str_eq(r.out, "");
  char expected[1100];
  snprintf(expected, sizeof(expected), "%s:3:", bad);
  cr_assert(!strncmp(r.err, expected, strlen(expected)), "%s", r.err);
  cr_assert(strstr(r.err, ": error: "), "%s", r.err);
  run_free(&r);

  // As OLD too
  r = run("diff", "--format=ntriples", bad, data_path("diff/base.ttl"), NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT);
  cr_assert(!strncmp(r.err, expected, strlen(expected)), "%s", r.err);
  run_free(&r);

  r = run("diff", "--format=ntriples", data_path("diff/base.ttl"), "/nonexistent/g.ttl", NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT);
  cr_assert(strstr(r.err, "cannot open '/nonexistent/g.ttl'"), "%s", r.err);
  run_free(&r);
}

Test(diff, output_file)
{
  const char* const dir = tmp_dir();
  char              out[1024];
  snprintf(out, sizeof(out), "%s", path_in(dir, "changes.txt"));

  Run r = run("diff",
              "--format=ntriples",
              "-o",
              out,
              data_path("diff/base.ttl"),
              data_path("diff/age.ttl"),
              NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_str_eq(r.out, "");
  char* text = read_file(out);
  cr_assert_not_null(text);
  cr_assert_str_eq(text, "# Alice\n- " AGE_30 "\n+ " AGE_31 "\n");
  free(text);
  run_free(&r);

  // The same graphs: an empty file
  r = run("diff",
          "--format=ntriples",
          "--output",
          out,
          data_path("diff/base.ttl"),
          data_path("diff/base-shuffled.nt"),
          NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  text = read_file(out);
  cr_assert_not_null(text);
  cr_assert_str_eq(text, "");
  free(text);
  run_free(&r);

  // An input error leaves no file, and no temporary file
  char missing[1024];
  snprintf(missing, sizeof(missing), "%s", path_in(dir, "none.txt"));
  r = run("diff",
          "--format=ntriples",
          "-o",
          missing,
          data_path("diff/base.ttl"),
          data_path("diff/bad.ttl"),
          NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT);
  cr_assert_not(exists(missing));
  run_free(&r);

  // ... and an existing file as it was
  write_file(out, "old\n");
  r = run("diff",
          "--format=ntriples",
          "-o",
          out,
          data_path("diff/bad.ttl"),
          data_path("diff/base.ttl"),
          NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT);
  text = read_file(out);
  cr_assert_str_eq(text, "old\n");
  free(text);
  run_free(&r);

  char cmd[1200];
  snprintf(cmd, sizeof(cmd), "test $(ls -A '%s' | wc -l) -eq 1", dir);
  cr_assert_eq(system(cmd), 0, "a file was left behind in %s", dir);

  r = run("diff",
          "--format=ntriples",
          "-o",
          "/nonexistent/dir/out.txt",
          data_path("diff/base.ttl"),
          data_path("diff/age.ttl"),
          NULL);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT);
  run_free(&r);
}

Test(diff, git_external_diff_form)
{
  // git passes temporary files named without the extension of PATH
  const char* const dir = tmp_dir();
  char              old[1024];
  char              neu[1024];
  snprintf(old, sizeof(old), "%s", path_in(dir, "XXXXXX_old"));
  snprintf(neu, sizeof(neu), "%s", path_in(dir, "YYYYYY_new"));
  char* const text_old = read_file(data_path("diff/base.ttl"));
  char* const text_new = read_file(data_path("diff/age.ttl"));
  write_file(old, text_old);
  write_file(neu, text_new);
  free(text_new);
  free(text_old);

  Run r = run("diff",
              "--format=ntriples",
              "graphs/people.ttl",
              old,
              "0123456789abcdef0123456789abcdef01234567",
              "100644",
              neu,
              "89abcdef0123456789abcdef0123456789abcdef",
              "100644",
              NULL);
  // The exit status is tested with git itself, in tests/diff/test-git
  cr_assert(r.status == KG_EXIT_SUCCESS || r.status == KG_EXIT_FOUND,
            "%d: %s",
            r.status,
            r.err);
  cr_assert_str_eq(r.out,
                   "diff --kgraph a/graphs/people.ttl b/graphs/people.ttl\n"
                   "# Alice\n- " AGE_30 "\n+ " AGE_31 "\n");
  cr_assert_str_eq(r.err, "");
  run_free(&r);

  // A file added: OLD is /dev/null, with "." for its hash and mode
  r = run("diff",
          "--format=ntriples",
          "people.ttl",
          "/dev/null",
          ".",
          ".",
          neu,
          "89abcdef",
          "100644",
          NULL);
  cr_assert(r.status <= KG_EXIT_FOUND, "%d: %s", r.status, r.err);
  cr_assert_eq(count_lines(r.out, "+ "), 10U, "%s", r.out);
  cr_assert_eq(count_lines(r.out, "- "), 0U, "%s", r.out);
  run_free(&r);

  // Nothing changed
  r = run(
    "diff", "people.ttl", old, "0123", "100644", old, "0123", "100644", NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert_str_eq(r.out, "");
  run_free(&r);

  // The temporary files are read in the syntax of PATH: Turtle is no
  // N-Triples, so they are shown as text (test_git_diff.c), and git goes on
  r = run(
    "diff", "people.nt", old, "0123", "100644", neu, "4567", "100644", NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert(
    strstr(r.err, "'people.nt' is shown as text: syntax error"), "%s", r.err);
  run_free(&r);
}

Test(diff, summary)
{
  Run r = run("diff",
              "--format=ntriples",
              "--format",
              "summary",
              data_path("diff/base.ttl"),
              data_path("diff/age.ttl"),
              NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "1 entity changed, 0 added, 0 removed (1 triple removed, "
                   "1 added)\n"
                   "\n"
                   "by predicate  removed    added\n"
                   "  ex:age            1        1\n"
                   "\n"
                   "by class     changed    added  removed\n"
                   "  ex:Person        1        0        0\n"
                   "\n"
                   "entities\n"
                   "  ~ Alice  ex:alice  -1 +1\n");
  cr_assert_str_eq(r.err, "");
  run_free(&r);
}

Test(diff, patch_labels)
{
  // OLD: _:b0 (p "x") and _:b1 (p "y"), both objects of s q.  NEW: the
  // first one, now labelled _:b1, gains r "z"; the second is gone; a new
  // node labelled _:b0 has p "new".
  const char* const old = data_path("diff/labels-old.nt");
  const char* const neu = data_path("diff/labels-new.nt");
  Run               r   = run("diff", "--format=ntriples", "--format", "patch", old, neu, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "TX .\n"
                   "D <" EX "s> <" EX "q> _:b1 .\n"
                   "D _:b1 <" EX "p> \"y\" .\n"
                   "A <" EX "s> <" EX "q> _:b0_2 .\n"
                   "A _:b0 <" EX "r> \"z\" .\n"
                   "A _:b0_2 <" EX "p> \"new\" .\n"
                   "TC .\n");
  cr_assert_str_eq(r.err, "");
  run_free(&r);

  // Read with the labels of OLD, the patch gives NEW: the matched node
  // keeps its OLD label, the new one gets a label that OLD does not use
  r = run("diff", "--format=ntriples", old, neu, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND);
  cr_assert(strstr(r.out, "\n+ _:b0 <" EX "r> \"z\" .\n"), "%s", r.out);
  cr_assert(strstr(r.out, "\n+ _:b0_2 <" EX "p> \"new\" .\n"), "%s", r.out);
  run_free(&r);
}

Test(diff, blank_node_with_one_value_changed)
{
  Run r =
    run("diff", "--format=ntriples", data_path("diff/base.ttl"), data_path("diff/city.ttl"), NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_eq(count_lines(r.out, "- "), 1U, "%s", r.out);
  cr_assert_eq(count_lines(r.out, "+ "), 1U, "%s", r.out);

  // "- _:X <city> "Springfield" ." then "+ _:X <city> "Shelbyville" ."
  const char* const minus = strstr(r.out, "\n- _:");
  const char* const plus  = strstr(r.out, "\n+ _:");
  cr_assert(minus && plus, "%s", r.out);
  const size_t label = strcspn(minus + 3, " ");
  cr_assert(!strncmp(minus + 3, plus + 3, label + 1U), "%s", r.out);
  cr_assert(!strncmp(minus + 3 + label,
                     " <" EX "city> \"Springfield\" .\n",
                     strlen(" <" EX "city> \"Springfield\" .\n")),
            "%s",
            r.out);
  cr_assert(!strncmp(plus + 3 + label,
                     " <" EX "city> \"Shelbyville\" .\n",
                     strlen(" <" EX "city> \"Shelbyville\" .\n")),
            "%s",
            r.out);
  run_free(&r);
}

Test(diff, named_graphs)
{
  // "1" moved from graph g1 to graph g2; "2" (default graph) and "3" stay
  Run r = run("diff",
              "--format=ntriples",
              data_path("diff/graphs-old.nq"),
              data_path("diff/graphs-new.nq"),
              NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "# <" EX "s>\n"
                   "- <" EX "s> <" EX "p> \"1\" <" EX "g1> .\n"
                   "+ <" EX "s> <" EX "p> \"1\" <" EX "g2> .\n");
  run_free(&r);

  r = run("diff",
          "--format=ntriples",
          "--format",
          "patch",
          data_path("diff/graphs-old.nq"),
          data_path("diff/graphs-new.nq"),
          NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "TX .\n"
                   "D <" EX "s> <" EX "p> \"1\" <" EX "g1> .\n"
                   "A <" EX "s> <" EX "p> \"1\" <" EX "g2> .\n"
                   "TC .\n");
  run_free(&r);
}

Test(diff, dot_picture)
{
  if (!kg_dot_available()) {
    cr_skip_test("pictures are not built in");
  }
  const char* const dir = tmp_dir();
  char              out[1024];
  snprintf(out, sizeof(out), "%s", path_in(dir, "changes.dot"));

  Run r = run("diff",
              "--format=ntriples",
              "--format",
              "dot",
              "-o",
              out,
              data_path("diff/base.ttl"),
              data_path("diff/knows.ttl"),
              NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_str_eq(r.out, "");
  cr_assert_str_eq(r.err, "");
  run_free(&r);

  char* const dot = read_file(out);
  cr_assert_not_null(dot);

  // alice -> carol is added, alice -> bob removed
  char* const added =
    dot_statement(dot, "\"" EX "alice\" -> \"" EX "carol\"\t[");
  char* const removed =
    dot_statement(dot, "\"" EX "alice\" -> \"" EX "bob\"\t[");
  cr_assert_not_null(added, "%s", dot);
  cr_assert_not_null(removed, "%s", dot);
  cr_assert(strstr(added, "color=\"#1a7f37\""), "%s", added);
  cr_assert_null(strstr(added, "dashed"), "%s", added);
  cr_assert(strstr(removed, "color=\"#cf222e\""), "%s", removed);
  cr_assert(strstr(removed, "style=dashed"), "%s", removed);
  free(removed);
  free(added);
  free(dot);

  // Graphviz reads it
  const char* const dot_program = getenv("KG_DOT_PROGRAM");
  if (!dot_program || !*dot_program) {
    cr_skip_test("Graphviz's dot program is not installed");
  }
  char cmd[3200];
  snprintf(cmd,
           sizeof(cmd),
           "'%s' -Tsvg -o '%s/changes.svg' '%s' 2> '%s/dot.err' && "
           "test ! -s '%s/dot.err'",
           dot_program,
           dir,
           out,
           dir,
           dir);
  cr_assert_eq(system(cmd), 0, "%s", cmd);
}

Test(diff, picture_of_a_changed_blank_node_has_one_node)
{
  if (!kg_dot_available()) {
    cr_skip_test("pictures are not built in");
  }
  // The removed value belongs in the node of the matched blank node, as
  // for an IRI, not in a second node of its own
  Run r = run("diff",
              "--format=ntriples",
              "--format",
              "dot",
              "--no-legend",
              data_path("diff/base.ttl"),
              data_path("diff/city.ttl"),
              NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  size_t n_blank = 0U;
  for (const char* s = r.out; (s = strstr(s, "\n\t\"_:"));) {
    s += 2;
    const char* const end = strchr(s + 1, '"');
    cr_assert_not_null(end);
    n_blank += !strncmp(end, "\"\t[", 3U);
  }
  cr_expect_eq(n_blank, 1U, "%s", r.out);
  cr_expect(strstr(r.out, "<S>Springfield</S>"), "%s", r.out);
  cr_expect(strstr(r.out, "+ Shelbyville"), "%s", r.out);
  run_free(&r);
}

Test(diff, render_diff)
{
  if (!kg_dot_available()) {
    cr_skip_test("pictures are not built in");
  }
  const char* const dir = tmp_dir();
  char              svg[1024];
  snprintf(svg, sizeof(svg), "%s", path_in(dir, "x.svg"));

  Run r = run("render",
              "--diff",
              data_path("diff/base.ttl"),
              data_path("diff/knows.ttl"),
              "-o",
              svg,
              NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert_str_eq(r.out, "");
  run_free(&r);

  char* const text = read_file(svg);
  cr_assert_not_null(text);
  cr_assert(!strncmp(text, "<?xml", 5U), "%.200s", text);
  cr_assert(strstr(text, "<svg"));
  cr_assert(strstr(text, "</svg>"));
  cr_assert(strstr(text, "stroke=\"#1a7f37\""), "no added edge");
  cr_assert(strstr(text, "stroke=\"#cf222e\""), "no removed edge");
  free(text);
}

/// Write a ring of `n` blank nodes labelled from `prefix`, started at `first`,
/// to a new file `name` in `dir`; return its path.
static const char*
write_ring(const char* const dir,
           const char* const name,
           const char* const prefix,
           const unsigned    n,
           const unsigned    first)
{
  const char* const path = path_in(dir, name);
  FILE* const       f    = fopen(path, "w");
  cr_assert_not_null(f);
  for (unsigned i = 0U; i < n; ++i) {
    const unsigned a = (first + i) % n;
    fprintf(f, "_:%s%u <" EX "p> _:%s%u .\n", prefix, a, prefix, (a + 1U) % n);
  }
  cr_assert_eq(fclose(f), 0);
  return path;
}

Test(diff, symmetric_blank_nodes_are_the_same)
{
  // A ring of 1,000 blank nodes, relabelled and in another order
  const char* const dir = tmp_dir();
  char* const       a   = strdup(write_ring(dir, "a.nt", "a", 1000U, 0U));
  char* const       b   = strdup(write_ring(dir, "b.nt", "x", 1000U, 517U));
  Run               r   = run("diff", "--format=ntriples", a, b, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s%s", r.out, r.err);
  cr_assert_str_eq(r.out, "");
  cr_assert_str_eq(r.err, "");
  run_free(&r);

  // The W3C poison graph (a clique of 10 blank nodes) against itself
  const char* const clique = path_in(dir, "clique.nt");
  FILE* const       f      = fopen(clique, "w");
  cr_assert_not_null(f);
  for (unsigned i = 0U; i < 10U; ++i) {
    for (unsigned j = 0U; j < 10U; ++j) {
      if (i != j) {
        fprintf(f, "_:e%u <" EX "p> _:e%u .\n", i, j);
      }
    }
  }
  cr_assert_eq(fclose(f), 0);
  r = run("diff", "--format=ntriples", clique, clique, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s%s", r.out, r.err);
  cr_assert_str_eq(r.out, "");
  run_free(&r);
  free(b);
  free(a);
}

Test(diff, past_the_work_limit)
{
  // Matching a ring needs a search; with no room for it, diff says so
  // rather than report changes that are not there
  const char* const dir = tmp_dir();
  char* const       a   = strdup(write_ring(dir, "a.nt", "a", 1000U, 0U));
  char* const       b   = strdup(write_ring(dir, "b.nt", "x", 1000U, 517U));
  Run               r   = run("diff", "--format=ntriples", "--max-work=100", a, b, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s%s", r.out, r.err);
  cr_assert_str_eq(r.out, "");
  cr_assert_str_eq(r.err,
                   "kgraph: error: cannot match the blank nodes within the "
                   "work limit (100 steps): a structure of 1000 blank nodes "
                   "is too symmetric\n"
                   "kgraph: note: --max-work=N sets the work limit (a higher "
                   "one tries harder)\n");
  run_free(&r);

  // With the default, it finds the isomorphism
  r = run("diff", "--format=ntriples", a, b, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s%s", r.out, r.err);
  run_free(&r);
  free(b);
  free(a);
}

/// Write `n` prefixes, each used by one triple whose object ends in `end`.
static void
write_many_prefixes(const char* const path, const unsigned n, const char* end)
{
  FILE* const f = fopen(path, "w");
  cr_assert_not_null(f);
  for (unsigned i = 0U; i < n; ++i) {
    fprintf(f, "@prefix p%u: <http://e/ns%u/> .\n", i, i);
  }
  for (unsigned i = 0U; i < n; ++i) {
    fprintf(f, "p%u:s p%u:p p%u:o%s .\n", i, i, i, end);
  }
  cr_assert_eq(fclose(f), 0);
}

Test(diff, many_prefixes_name_many_changes_in_linear_time)
{
  // Every changed subject is named by its QName: the names were made anew
  // from all the prefixes for each, 5 minutes for 40,000
  const char* const dir = tmp_dir();
  const char* const a   = path_in(dir, "a.ttl");
  const char* const b   = path_in(dir, "b.ttl");
  write_many_prefixes(a, 30000U, "");
  write_many_prefixes(b, 30000U, "2");

  const clock_t start   = clock();
  Run           r       = run("diff", "--format=ntriples", a, b, NULL);
  const double  seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
  cr_assert_eq(r.status, 1, "%s", r.err);
  cr_assert(strstr(r.out,
                   "# p29999:s\n"
                   "- <http://e/ns29999/s> <http://e/ns29999/p> "
                   "<http://e/ns29999/o> .\n"),
            "%.200s",
            r.out);
  run_free(&r);

  r = run("diff", "--format=ntriples", "--format", "summary", a, b, NULL);
  cr_assert_eq(r.status, 1, "%s", r.err);
  cr_assert(strstr(r.out, "  p29999:p "), "%.200s", r.out);
  run_free(&r);
  cr_assert_lt(seconds, 4.0, "diff took %.1f s", seconds);
}

Test(diff, labels_cannot_drive_the_terminal)
{
  // A label with escape sequences (ESC [8m conceals what follows, C1 CSI
  // clears the screen) and a right-to-left override: the heading shows them
  // escaped, and nothing raw reaches the terminal
  const char* const dir = tmp_dir();
  const char* const a   = path_in(dir, "a.nt");
  const char* const b   = path_in(dir, "b.nt");
  const char* const label =
    "<http://e/s> <http://www.w3.org/2000/01/rdf-schema#label> "
    "\"x \\u001B[8m y \\u009B2J z \\u202Eabc\\u2066 \\\\ 'q'\\nnext\" .\n";
  char text[512];
  snprintf(text, sizeof(text), "%s<http://e/s> <http://e/p> \"1\" .\n", label);
  write_file(a, text);
  snprintf(text, sizeof(text), "%s<http://e/s> <http://e/p> \"2\" .\n", label);
  write_file(b, text);

  Run r = run("diff", "--format=ntriples", a, b, NULL);
  cr_assert_eq(r.status, 1, "%s", r.err);
  cr_assert_str_eq(
    r.out,
    "# x \\u001B[8m y \\u009B2J z \\u202Eabc\\u2066 \\ 'q'\\nnext\n"
    "- <http://e/s> <http://e/p> \"1\" .\n"
    "+ <http://e/s> <http://e/p> \"2\" .\n");
  cr_assert_null(strchr(r.out, '\033'));
  cr_assert_null(strstr(r.out, "\xC2\x9B"));
  cr_assert_null(strstr(r.out, "\xE2\x80\xAE"));
  run_free(&r);
}
