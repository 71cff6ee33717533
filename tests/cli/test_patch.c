// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph patch: RDF Patch applied to a graph, through kg_cli_main().

#include "support.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char* const small = "@prefix ex: <http://example.org/> .\n"
                                 "@prefix old: <http://old.example.org/> .\n"
                                 "ex:a ex:p \"one\" ; ex:q _:x .\n"
                                 "_:x ex:r \"inside\" .\n"
                                 "ex:b ex:p [ ex:r \"nested\" ] .\n";

/// Write `text` as file `name` in a fresh directory; return its path.
static char*
file_with(const char* const name, const char* const text)
{
  char* const path = format("%s", path_in(tmp_dir(), name));
  write_file(path, text);
  return path;
}

/// Apply `patch` to the small graph; the run's output is N-Triples.
static Run
patch_small(const char* const patch, const char* const option)
{
  char* const old = file_with("old.ttl", small);
  char* const p   = file_with("changes.rdfp", patch);
  Run r = option ? run("patch", option, "--to", "ntriples", old, p, NULL)
                 : run("patch", "--to", "ntriples", old, p, NULL);
  free(old);
  free(p);
  return r;
}

/// Return true iff the N-Triples `nt` has the line `line`.
static bool
has_line(const char* const nt, const char* const line)
{
  const size_t len = strlen(line);
  for (const char* p = nt; (p = strstr(p, line)); p += len) {
    if ((p == nt || p[-1] == '\n') && p[len] == '\n') {
      return true;
    }
  }
  return false;
}

static size_t
count_lines(const char* const text)
{
  size_t n = 0U;
  for (const char* p = text; *p; ++p) {
    n += *p == '\n';
  }
  return n;
}

Test(patch, deepseek_v1_and_its_diff_give_v2)
{
  const char* const root = getenv("KG_SOURCE_ROOT");
  cr_assert_not_null(root);
  char* const v1   = format("%s/graphs/deepseek-v1.ttl", root);
  char* const v2   = format("%s/graphs/deepseek-v2.ttl", root);
  char* const p    = format("%s", path_in(tmp_dir(), "v1-v2.rdfp"));
  char* const out  = format("%s", path_in(tmp_dir(), "v2.ttl"));
  Run         diff = run("diff", "--format", "patch", "-o", p, v1, v2, NULL);
  cr_assert_eq(diff.status, 1, "%s", diff.err);
  char* const text = read_file(p);
  cr_assert(strstr(text, "\nD ") && strstr(text, "\nA "));

  Run r = run("patch", v1, p, "-o", out, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.err, "");
  cr_assert_str_eq(r.out, "");
  Run same = run("diff", "--quiet", out, v2, NULL);
  cr_assert_eq(same.status, 0, "the patched v1 is not v2");
  // And it differs from v1: the patch did something
  Run other = run("diff", "--quiet", out, v1, NULL);
  cr_assert_eq(other.status, 1);
  char* const written = read_file(out);
  cr_assert(
    !strncmp(written, "@prefix ", 8U), "Turtle, as OLD: %.40s", written);

  free(written);
  free(text);
  run_free(&other);
  run_free(&same);
  run_free(&r);
  run_free(&diff);
  free(out);
  free(p);
  free(v2);
  free(v1);
}

Test(patch, adds_and_deletes_with_blank_nodes_by_label)
{
  Run r = patch_small("TX .\n"
                      "D <http://example.org/a> <http://example.org/p> "
                      "\"one\" .\n"
                      "A <http://example.org/a> <http://example.org/p> "
                      "\"two\"@en .\n"
                      "D _:x <http://example.org/r> \"inside\" .\n"
                      "A _:x <http://example.org/r> \"changed\" .\n"
                      "A _:fresh <http://example.org/r> \"new\" .\n"
                      "A <http://example.org/c> <http://example.org/q> "
                      "_:fresh .\n"
                      "TC .\n",
                      NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.err, "");
  cr_assert(has_line(r.out,
                     "<http://example.org/a> <http://example.org/p> "
                     "\"two\"@en ."));
  cr_assert(!strstr(r.out, "\"one\""));
  cr_assert(!strstr(r.out, "\"inside\""));
  cr_assert(strstr(r.out, "\"changed\""));
  cr_assert(strstr(r.out, "\"nested\""));
  // _:x is still the object of ex:a ex:q, with its new value
  const char* const q = strstr(r.out,
                               "<http://example.org/a> "
                               "<http://example.org/q> _:");
  cr_assert_not_null(q, "%s", r.out);
  cr_assert_eq(count_lines(r.out), 7U, "%s", r.out);
  run_free(&r);
}

Test(patch, a_triple_already_there_is_added_once)
{
  Run r = patch_small("A <http://example.org/a> <http://example.org/p> "
                      "\"one\" .\n",
                      NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.err, "");
  cr_assert_eq(count_lines(r.out), 5U, "%s", r.out);
  run_free(&r);
}

Test(patch, delete_then_add_keeps_the_triple)
{
  Run r = patch_small("D <http://example.org/a> <http://example.org/p> "
                      "\"one\" .\n"
                      "A <http://example.org/a> <http://example.org/p> "
                      "\"one\" .\n",
                      NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert(has_line(r.out,
                     "<http://example.org/a> <http://example.org/p> "
                     "\"one\" ."));
  cr_assert_eq(count_lines(r.out), 5U, "%s", r.out);
  run_free(&r);
}

Test(patch, deleting_a_missing_triple_fails_at_its_row)
{
  Run r = patch_small("TX .\n"
                      "A <http://example.org/a> <http://example.org/p> "
                      "\"added\" .\n"
                      "  D <http://example.org/a> <http://example.org/p> "
                      "\"never\" .\n"
                      "TC .\n",
                      NULL);
  cr_assert_eq(r.status, 3);
  cr_assert_str_eq(r.out, "");
  cr_assert(strstr(r.err,
                   "changes.rdfp:3:3: error: cannot delete a triple "
                   "that is not in the graph"),
            "%s",
            r.err);
  run_free(&r);
}

Test(patch, lax_turns_a_missing_delete_into_a_warning)
{
  Run r = patch_small("D <http://example.org/a> <http://example.org/p> "
                      "\"never\" .\n"
                      "D <http://example.org/a> <http://example.org/p> "
                      "\"one\" .\n",
                      "--lax");
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert(
    strstr(r.err, "changes.rdfp:1:1: warning: cannot delete"), "%s", r.err);
  cr_assert(!strstr(r.out, "\"one\""));
  cr_assert_eq(count_lines(r.out), 4U, "%s", r.out);
  run_free(&r);
}

Test(patch, an_aborted_transaction_changes_nothing)
{
  Run r = patch_small("H id <uuid:0686c69d-8f89-4496-acb5-744f0157a8db> .\n"
                      "TX .\n"
                      "A <http://example.org/a> <http://example.org/p> "
                      "\"dropped\" .\n"
                      "D <http://example.org/a> <http://example.org/p> "
                      "\"one\" .\n"
                      "TA .\n"
                      "TX .\n"
                      "A <http://example.org/a> <http://example.org/p> "
                      "\"kept\" .\n"
                      "TC .\n",
                      NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert(!strstr(r.out, "dropped"));
  cr_assert(strstr(r.out, "\"one\""));
  cr_assert(strstr(r.out, "\"kept\""));
  cr_assert_eq(count_lines(r.out), 6U, "%s", r.out);
  run_free(&r);
}

Test(patch, prefixes_are_added_removed_and_usable)
{
  char* const old = file_with("old.ttl", small);
  char* const p   = file_with(
    "changes.rdfp",
    "TX .\n"
      "PA \"new\" \"http://new.example.org/\" .\n"
      "PA ex2: <http://ex2.example.org/> .\n"
      "PD old .\n"
      "A ex2:a new:p \"v\"^^new:type .\n"
      "A <http://example.org/a> <http://example.org/p> \"é\\u00e9\\n\" .\n"
      "TC .\n");
  Run r = run("patch", old, p, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert(
    strstr(r.out, "@prefix new: <http://new.example.org/> ."), "%s", r.out);
  cr_assert(strstr(r.out, "@prefix ex2: <http://ex2.example.org/> ."));
  cr_assert(!strstr(r.out, "@prefix old:"), "%s", r.out);
  cr_assert(strstr(r.out, "ex2:a\n    new:p \"v\"^^new:type"), "%s", r.out);

  Run nt = run("patch", "--to", "ntriples", old, p, NULL);
  cr_assert(has_line(nt.out,
                     "<http://ex2.example.org/a> <http://new.example.org/p> "
                     "\"v\"^^<http://new.example.org/type> ."),
            "%s",
            nt.out);
  cr_assert(has_line(nt.out,
                     "<http://example.org/a> <http://example.org/p> "
                     "\"\xc3\xa9\xc3\xa9\\n\" ."),
            "%s",
            nt.out);
  run_free(&nt);
  run_free(&r);
  free(p);
  free(old);
}

Test(patch, a_quad_row_gives_n_quads)
{
  char* const old = file_with("old.nt",
                              "<http://example.org/a> <http://example.org/p> "
                              "\"one\" .\n");
  char* const p   = file_with("changes.rdfp",
                            "A <http://example.org/a> <http://example.org/p> "
                              "\"two\" <http://example.org/g> .\n");
  Run         r   = run("patch", old, p, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert(has_line(r.out,
                     "<http://example.org/a> <http://example.org/p> \"two\" "
                     "<http://example.org/g> ."),
            "%s",
            r.out);
  run_free(&r);
  free(p);
  free(old);
}

Test(patch, datasets_round_trip)
{
  char* const old =
    file_with("old.nq",
              "<http://e/a> <http://e/p> \"1\" <http://e/g1> .\n"
              "<http://e/a> <http://e/p> \"2\" .\n"
              "_:b <http://e/p> \"3\" <http://e/g2> .\n");
  char* const neu =
    file_with("new.nq",
              "<http://e/a> <http://e/p> \"1\" <http://e/g2> .\n"
              "<http://e/a> <http://e/p> \"2\" .\n"
              "_:c <http://e/p> \"4\" <http://e/g2> .\n");
  char* const p   = format("%s", path_in(tmp_dir(), "q.rdfp"));
  char* const out = format("%s", path_in(tmp_dir(), "out.nq"));
  Run         d   = run("diff", "--format", "patch", "-o", p, old, neu, NULL);
  cr_assert_eq(d.status, 1, "%s", d.err);
  Run r = run("patch", "-o", out, old, p, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  Run same = run("diff", "--quiet", out, neu, NULL);
  cr_assert_eq(same.status, 0);
  run_free(&same);
  run_free(&r);
  run_free(&d);
  free(out);
  free(p);
  free(neu);
  free(old);
}

Test(patch, dev_null_is_an_empty_graph)
{
  char* const p = file_with("changes.rdfp",
                            "A <http://example.org/a> <http://example.org/p> "
                            "\"one\" .\n");
  Run         r = run("patch", "/dev/null", p, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "<http://example.org/a> <http://example.org/p> \"one\" .\n");
  run_free(&r);
  free(p);
}

/// A malformed patch, and the start of the message it gives.
typedef struct {
  const char* patch;
  const char* message;
} Bad;

Test(patch, malformed_rows_are_located)
{
  static const Bad cases[] = {
    {"X <http://e/s> <http://e/p> <http://e/o> .\n",
     "changes.rdfp:1:1: error: unknown row 'X'"},
    {"A <http://e/s> <http://e/p> <http://e/o\n",
     "changes.rdfp:1:29: error: IRI without its closing '>'"},
    {"\n# comment\nA <s> <http://e/p> <http://e/o> .\n",
     "changes.rdfp:3:3: error: relative IRI 's'"},
    {"A ex:s <http://e/p> <http://e/o> .\n",
     "changes.rdfp:1:3: error: undefined prefix 'ex'"},
    {"A \"lit\" <http://e/p> <http://e/o> .\n",
     "changes.rdfp:1:3: error: a literal cannot be a subject"},
    {"A <http://e/s> _:p <http://e/o> .\n",
     "changes.rdfp:1:16: error: a blank node cannot be a predicate"},
    {"A <http://e/s> <http://e/p> \"a\\q\" .\n",
     "changes.rdfp:1:31: error: bad escape in a string"},
    {"A <http://e/s> <http://e/p> \"a\"@1x .\n",
     "changes.rdfp:1:33: error: invalid language tag '1x'"},
    {"A <http://e/s> <http://e/p> <http://e/o> extra .\n",
     "changes.rdfp:1:42: error: expected a term, not 'extra'"},
    {"A <http://e/s> <http://e/p> <http://e/o> . x\n",
     "changes.rdfp:1:44: error: expected the end of the row, not 'x'"},
    {"TX .\nA <http://e/s> <http://e/p> <http://e/o> .\n",
     "changes.rdfp:1:1: error: transaction not ended by 'TC' or 'TA'"},
    {"TC .\n", "changes.rdfp:1:1: error: 'TC' without 'TX'"},
    {"TX .\nTX .\n",
     "changes.rdfp:2:1: error: 'TX' inside the transaction of line 1"},
    {"A <http://e/s> <http://e/p> \"\\uD800\" .\n",
     "changes.rdfp:1:30: error: escape of U+D800, which is not a character"},
    {"A <http://e/s> <http://e/p> \"\xff\" .\n",
     "changes.rdfp:1:30: error: invalid UTF-8"},
    {"PA ex\n", "changes.rdfp:1:6: error: expected a namespace IRI"},
    {"A _:a,b <http://e/p> <http://e/o> .\n",
     "changes.rdfp:1:3: error: bad character in a blank node label, at byte "
     "2"},
    {"A <_:a\x02b> <http://e/p> <http://e/o> .\n",
     "changes.rdfp:1:3: error: bad character in a blank node label"},
    {"A <_:> <http://e/p> <http://e/o> .\n",
     "changes.rdfp:1:3: error: blank node without a label"},
  };
  for (size_t i = 0U; i < sizeof(cases) / sizeof(cases[0]); ++i) {
    Run r = patch_small(cases[i].patch, NULL);
    cr_expect_eq(r.status, 3, "case %zu: %d", i, r.status);
    cr_expect_str_eq(r.out, "", "case %zu", i);
    cr_expect(strstr(r.err, cases[i].message),
              "case %zu: expected '%s' in '%s'",
              i,
              cases[i].message,
              r.err);
    run_free(&r);
  }
}

Test(patch, operands)
{
  Run r = run("patch", "-", "-", NULL);
  cr_assert_eq(r.status, 2);
  cr_assert(strstr(r.err, "standard input can be read only once"), "%s", r.err);
  run_free(&r);

  r = run("patch", "only-one.ttl", NULL);
  cr_assert_eq(r.status, 2);
  run_free(&r);

  char* const old = file_with("old.ttl", small);
  r               = run("patch", old, path_in(tmp_dir(), "none.rdfp"), NULL);
  cr_assert_eq(r.status, 3);
  cr_assert(strstr(r.err, "cannot open"), "%s", r.err);
  run_free(&r);

  r = run("patch", "--to", "dot", old, old, NULL);
  cr_assert_eq(r.status, 2);
  run_free(&r);
  free(old);
}

Test(patch, a_failed_patch_leaves_the_graph_as_it_was)
{
  KgGraph* const      g    = kg_graph_new();
  KgGraph* const      copy = kg_graph_new();
  const KgReadOptions ro   = {
      KG_SYNTAX_TURTLE, "http://example.org/", 0U, {NULL, NULL}};
  cr_assert_eq(kg_graph_read_string(g, kg_sv(small), "old.ttl", &ro), 0);
  cr_assert_eq(kg_graph_read_string(copy, kg_sv(small), "old.ttl", &ro), 0);
  const size_t n = kg_graph_size(g);

  static const char* const patch =
    "PD ex .\n"
    "A <http://example.org/a> <http://example.org/p> \"added\" .\n"
    "D <http://example.org/a> <http://example.org/p> \"one\" .\n"
    "A _:new <http://example.org/p> \"added\" .\n"
    "D <http://example.org/a> <http://example.org/p> \"never\" .\n";
  KgPatchCounts        counts;
  const KgPatchOptions po = {0U, {NULL, NULL}};
  cr_assert_eq(kg_graph_patch(g, kg_sv(patch), "p", &po, &counts), KG_BAD_DATA);
  cr_assert_eq(counts.n_added, 2U);
  cr_assert_eq(counts.n_deleted, 1U);
  cr_assert_eq(kg_graph_size(g), n);
  cr_assert(kg_graph_is_isomorphic(g, copy, NULL));
  cr_assert_eq(kg_graph_find_prefix(g, KG_SV("ex")).len, 19U);

  // With KG_PATCH_LAX the same patch applies, and counts what it missed
  const KgPatchOptions lax = {KG_PATCH_LAX, {NULL, NULL}};
  cr_assert_eq(kg_graph_patch(g, kg_sv(patch), "p", &lax, &counts), KG_SUCCESS);
  cr_assert_eq(counts.n_missing, 1U);
  cr_assert_eq(kg_graph_size(g), n + 1U);
  cr_assert_eq(kg_graph_find_prefix(g, KG_SV("ex")).len, 0U);
  kg_graph_free(copy);
  kg_graph_free(g);
}
