// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The command line, through kg_cli_main() with memory streams.

#include "../support/dir_entries.h"
#include "cli.h"
#include "support.h"

#include <criterion/criterion.h>
#include <criterion/redirect.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char* const good = "@prefix ex: <http://example.org/> .\n"
                                "ex:a a ex:Thing ;\n"
                                "  ex:name \"A\"@en .\n";

static const char* const bad = "@prefix ex: <http://example.org/> .\n"
                               "ex:a a ex:Thing ;\n"
                               "  ex:name \"A\"@en\n"
                               "ex:b ex:name \"B\" .\n";

Test(cli, help)
{
  Run r = run("--help", NULL);
  cr_assert_eq(r.status, 0);
  cr_assert(strstr(r.out, "Usage: kgraph COMMAND"));
  cr_assert(strstr(r.out, "  export "));
  cr_assert(strstr(r.out, "Exit status:"));
  cr_assert_str_eq(r.err, "");
  run_free(&r);
}

Test(cli, command_help)
{
  static const char* const commands[] = {
    "canon", "check", "export", "patch", "push", "render", "stats"};
  for (size_t i = 0U; i < sizeof(commands) / sizeof(commands[0]); ++i) {
    Run r = run(commands[i], "--help", NULL);
    cr_assert_eq(r.status, 0);
    cr_assert(!strncmp(r.out, "Usage: kgraph ", 14U));
    cr_assert(strstr(r.out, commands[i]));
    run_free(&r);
  }
}

Test(cli, version)
{
  Run r = run("--version", NULL);
  cr_assert_eq(r.status, 0);
  cr_assert_str_eq(r.out, "kgraph " KG_VERSION_STRING "\n");
  run_free(&r);
}

Test(cli, usage_errors)
{
  Run r = run("frobnicate", NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert_str_eq(r.err,
                   "kgraph: unknown command 'frobnicate'\n"
                   "Try 'kgraph --help' for more information.\n");
  run_free(&r);

  r = run("export", "--fromat", "turtle", "x.ttl", NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert_str_eq(r.err,
                   "kgraph: unrecognized option '--fromat'\n"
                   "Try 'kgraph export --help' for more information.\n");
  run_free(&r);

  r = run("export", "-Z", "x.ttl", NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert(strstr(r.err, "invalid option -- 'Z'"));
  run_free(&r);

  r = run("export", "--to", "pdf", "x.ttl", NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert(
    !strncmp(r.err, "kgraph: unknown output format 'pdf'", 35U), "%s", r.err);
  run_free(&r);

  r = run("export", "--from", "pdf", "x.ttl", NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  run_free(&r);

  r = run("export", "--base", "relative", "x.ttl", NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  run_free(&r);

  r = run("export", NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert(strstr(r.err, "missing INPUT"));
  run_free(&r);

  r = run("export", "-o", NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert(strstr(r.err, "requires an argument"));
  run_free(&r);

  r = run("export", "-o", "out.xyz", "x.ttl", NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert(strstr(r.err, "use --to"));
  run_free(&r);
}

Test(cli, export_to_stdout)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "g.ttl");
  write_file(in, good);

  Run r = run("export", in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(
    r.out,
    "<http://example.org/a> <http://example.org/name> \"A\"@en .\n"
    "<http://example.org/a> "
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<http://example.org/Thing> .\n");
  cr_assert_str_eq(r.err, "");
  run_free(&r);

  r = run("export", "--to", "turtle", in, NULL);
  cr_assert_eq(r.status, 0);
  cr_assert_str_eq(r.out,
                   "@prefix ex: <http://example.org/> .\n"
                   "\n"
                   "ex:a\n"
                   "    a ex:Thing ;\n"
                   "    ex:name \"A\"@en .\n");
  run_free(&r);
}

Test(cli, export_to_file_by_extension)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "g.ttl");
  const char* const out = path_in(dir, "out.nt");
  write_file(in, good);

  Run r = run("export", "-o", out, in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out, "");
  char* const text = read_file(out);
  cr_assert(text && !strncmp(text, "<http://example.org/a>", 22U));
  free(text);
  run_free(&r);
}

Test(cli, syntax_error_has_location_and_leaves_no_output)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "bad.ttl");
  const char* const out = path_in(dir, "out.ttl");
  write_file(in, bad);

  Run r = run("export", "-o", out, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT);
  char expected[300];
  snprintf(expected, sizeof(expected), "%s:4:", in);
  cr_assert(!strncmp(r.err, expected, strlen(expected)), "%s", r.err);
  cr_assert(strstr(r.err, ": error: "));
  cr_assert_not(exists(out));
  run_free(&r);

  // An existing output file is left as it was
  write_file(out, "old\n");
  r = run("export", "-o", out, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT);
  char* const text = read_file(out);
  cr_assert_str_eq(text, "old\n");
  free(text);
  run_free(&r);

  // And no temporary file stays behind
  char cmd[512];
  snprintf(cmd, sizeof(cmd), "test $(ls -A '%s' | wc -l) -eq 2", dir);
  cr_assert_eq(system(cmd), 0);
}

Test(cli, missing_input_file)
{
  Run r = run("export", "/nonexistent/g.ttl", NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT);
  cr_assert_str_eq(r.err,
                   "kgraph: error: cannot open '/nonexistent/g.ttl': "
                   "No such file or directory\n");
  run_free(&r);
}

Test(cli, unknown_input_extension)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "g.data");
  write_file(in, good);

  Run r = run("export", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT);
  cr_assert(strstr(r.err, "use --from"));
  run_free(&r);

  r = run("export", "--from", "turtle", in, NULL);
  cr_assert_eq(r.status, 0);
  run_free(&r);
}

Test(cli, unwritable_output)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "g.ttl");
  write_file(in, good);

  Run r = run("export", "-o", "/nonexistent/dir/out.nt", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT);
  cr_assert(
    strstr(r.err, "cannot write '/nonexistent/dir/out.nt'"), "%s", r.err);
  run_free(&r);
}

Test(cli, full_stdout_is_an_output_error)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "g.ttl");
  write_file(in, good);

  FILE* const full = fopen("/dev/full", "w");
  cr_assert_not_null(full);
  char a0[] = "kgraph";
  char a1[] = "export";
  char a2[256];
  snprintf(a2, sizeof(a2), "%s", in);
  char*       argv[] = {a0, a1, a2, NULL};
  char*       err    = NULL;
  size_t      len    = 0U;
  FILE* const errs   = open_memstream(&err, &len);
  const int   status = kg_cli_main(3, argv, full, errs);
  fclose(errs);
  fclose(full);
  cr_assert_eq(status, KG_EXIT_OUTPUT);
  cr_assert(strstr(err, "cannot write"), "%s", err);
  free(err);
}

Test(cli, stdin_needs_from, .init = cr_redirect_stdin)
{
  FILE* const in = cr_get_redirected_stdin();
  fputs("<http://a/s> <http://a/p> \"x\" .\n", in);
  fclose(in);

  Run r = run("export", "-", NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT);
  cr_assert(strstr(r.err, "needs --from"));
  run_free(&r);
}

Test(cli, stdin_to_stdout, .init = cr_redirect_stdin)
{
  FILE* const in = cr_get_redirected_stdin();
  fputs(
    "<http://a/s> <http://a/p> \"x\" .\n<http://a/s> <http://a/p> \"x\" .\n",
    in);
  fclose(in);

  Run r = run("export", "--from", "ntriples", "--to", "turtle", "-", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out, "<http://a/s>\n    <http://a/p> \"x\" .\n");
  run_free(&r);
}

Test(cli, errors_in_stdin_name_it)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "bad.nt");
  write_file(in, "<http://a/s> <http://a/p> \"\\uD800\" .\n");

  Run r = run("export", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT);
  char expected[300];
  snprintf(expected,
           sizeof(expected),
           "%s:1:1: error: surrogate code point U+D800",
           in);
  cr_assert(!strncmp(r.err, expected, strlen(expected)), "%s", r.err);
  run_free(&r);
}

Test(cli, several_inputs_merge)
{
  const char* const dir = tmp_dir();
  const char* const a   = path_in(dir, "a.nt");
  const char* const b   = path_in(dir, "b.ttl");
  write_file(a,
             "_:x <http://a/p> \"1\" .\n<http://a/s> <http://a/p> \"1\" .\n");
  write_file(b, "@prefix a: <http://a/> .\n_:x a:p \"1\" . a:s a:p \"1\" .\n");

  Run r = run("stats", a, b, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  // The two _:x are two nodes; the ground triple is there once
  cr_assert(strstr(r.out, "triples               3\n"), "%s", r.out);
  cr_assert(strstr(r.out, "blank nodes           2\n"), "%s", r.out);
  run_free(&r);
}

Test(cli, stats_json)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "g.ttl");
  write_file(in, good);

  Run r = run("stats", "--json", in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(
    r.out,
    "{\n"
    "  \"triples\": 2,\n"
    "  \"subjects\": 1,\n"
    "  \"predicates\": 2,\n"
    "  \"objects\": 2,\n"
    "  \"iris\": 4,\n"
    "  \"blank_nodes\": 0,\n"
    "  \"literals\": 1,\n"
    "  \"instances_per_class\": {\n"
    "    \"http://example.org/Thing\": 1\n"
    "  },\n"
    "  \"uses_per_predicate\": {\n"
    "    \"http://example.org/name\": 1,\n"
    "    \"http://www.w3.org/1999/02/22-rdf-syntax-ns#type\": 1\n"
    "  }\n"
    "}\n");
  run_free(&r);
}

/// Collect the long options (`--name`) mentioned in `text` into `names`.
static size_t
long_options(const char*       text,
             char              names[][32],
             size_t            n,
             const char* const marker)
{
  const size_t marker_len = strlen(marker);
  while ((text = strstr(text, marker))) {
    text += marker_len;
    size_t len = 0U;
    while (len < 31U &&
           (text[len] == '-' || (text[len] >= 'a' && text[len] <= 'z'))) {
      ++len;
    }
    bool seen = false;
    for (size_t i = 0U; i < n && !seen; ++i) {
      seen = strlen(names[i]) == len && !strncmp(names[i], text, len);
    }
    if (len && !seen && n < 128U) {
      memcpy(names[n], text, len);
      names[n++][len] = '\0';
    }
  }
  return n;
}

Test(cli, man_page_and_help_agree)
{
  char path[512];
  snprintf(path, sizeof(path), "%s/src/cli/kgraph.1", getenv("KG_SOURCE_ROOT"));
  char* const man = read_file(path);
  cr_assert_not_null(man, "cannot read %s", path);

  static char help_opts[128][32];
  static char man_opts[128][32];
  size_t      n_help = 0U;

  static const char* const commands[] = {
    "canon", "check", "diff", "export", "patch", "push", "render", "stats"};
  for (size_t i = 0U; i < sizeof(commands) / sizeof(commands[0]); ++i) {
    Run r  = run(commands[i], "--help", NULL);
    n_help = long_options(r.out, help_opts, n_help, "  --");
    n_help = long_options(r.out, help_opts, n_help, ", --");
    run_free(&r);
  }
  Run r  = run("--help", NULL);
  n_help = long_options(r.out, help_opts, n_help, ", --");
  run_free(&r);

  // mdoc writes a long option as "Fl -name"
  const size_t n_man = long_options(man, man_opts, 0U, "Fl -");
  for (size_t i = 0U; i < n_help; ++i) {
    bool found = false;
    for (size_t j = 0U; j < n_man && !found; ++j) {
      found = !strcmp(help_opts[i], man_opts[j]);
    }
    cr_expect(found, "--%s is in --help but not in kgraph.1", help_opts[i]);
  }
  for (size_t j = 0U; j < n_man; ++j) {
    bool found = false;
    for (size_t i = 0U; i < n_help && !found; ++i) {
      found = !strcmp(help_opts[i], man_opts[j]);
    }
    cr_expect(found, "--%s is in kgraph.1 but not in --help", man_opts[j]);
  }
  cr_assert_gt(n_help, 5U);
  free(man);
}

Test(cli, rdfxml_refuses_what_it_cannot_write)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "bad.nt");
  const char* const out = path_in(dir, "out.rdf");
  write_file(
    in,
    "<http://ex.org/s> <http://ex.org/p/q> \"fine\" .\n"
    "<http://ex.org/s> <http://ex.org/p/123> \"no QName\" .\n"
    "<http://ex.org/s> <http://ex.org/p/> \"ends in a slash\" .\n"
    "<http://ex.org/s> <http://ex.org/p/q> \"bell \\u0007\" .\n"
    "<http://ex.org/s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#li> "
    "\"li\" .\n");

  Run r = run("export", "-o", out, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  char expected[1024];
  snprintf(
    expected,
    sizeof(expected),
    "%s:2:1: error: predicate 'http://ex.org/p/123' has no XML QName: "
    "RDF/XML cannot write it\n"
    "%s:3:1: error: predicate 'http://ex.org/p/' has no XML QName: RDF/XML "
    "cannot write it\n"
    "%s:4:1: error: literal 'bell \\u0007' holds U+0007, which XML 1.0 "
    "cannot carry\n"
    "%s:5:1: error: predicate "
    "'http://www.w3.org/1999/02/22-rdf-syntax-ns#li' cannot be a property "
    "element in RDF/XML\n",
    in,
    in,
    in,
    in);
  cr_assert_str_eq(r.err, expected);
  cr_assert_not(exists(out), "an output file was left behind");
  run_free(&r);

  // The same graph goes to N-Triples and Turtle
  r = run("export", "--to", "turtle", in, NULL);
  cr_assert_eq(r.status, 0);
  run_free(&r);
}

Test(cli, rdfxml_plain_and_ontology)
{
  const char* const dir  = tmp_dir();
  const char* const onto = path_in(dir, "onto.ttl");
  const char* const in   = path_in(dir, "g.ttl");
  write_file(onto,
             "@prefix ex: <http://example.org/ns#> .\n"
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
             "ex:Company rdfs:subClassOf ex:Organisation .\n");
  write_file(in,
             "@prefix ex: <http://example.org/ns#> .\n"
             "ex:acme a ex:Organisation , ex:Company ; ex:owns [ ex:p 1 ] .\n");

  // Without the ontology, the smallest IRI names the element
  Run r = run("export", "--to", "rdfxml", in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert(
    strstr(r.out, "<ex:Company rdf:about=\"http://example.org/ns#acme\">"),
    "%s",
    r.out);
  run_free(&r);

  // With it, the most specific class (the same here, from the hierarchy)
  r = run("export", "--to", "rdfxml", "--ontology", onto, in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert(
    strstr(
      r.out,
      "<ex:Company rdf:about=\"http://example.org/ns#acme\">\n"
      "    <rdf:type rdf:resource=\"http://example.org/ns#Organisation\"/>\n"),
    "%s",
    r.out);
  cr_assert_not(
    strstr(r.out, "subClassOf"), "the ontology was written:\n%s", r.out);
  run_free(&r);

  // Plain: flat descriptions, blank nodes by rdf:nodeID
  r = run("export", "--to", "rdfxml", "--plain", in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert(
    strstr(r.out,
           "<rdf:Description rdf:about=\"http://example.org/ns#acme\">\n"
           "    <rdf:type rdf:resource=\"http://example.org/ns#Company\"/>\n"),
    "%s",
    r.out);
  cr_assert(strstr(r.out, "<ex:owns rdf:nodeID=\"b0\"/>"), "%s", r.out);
  cr_assert(strstr(r.out, "<rdf:Description rdf:nodeID=\"b0\">"), "%s", r.out);
  run_free(&r);

  r = run("export", "--plain", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  run_free(&r);
}

/*
  Named graphs (N-Quads)
*/

static const char* const quads =
  "<http://a/s> <http://a/p> \"1\" _:g .\n"
  "<http://a/s> <http://a/p> \"1\" <http://a/g> .\n"
  "<http://a/s> <http://a/p> \"1\" .\n"
  "_:g <http://a/p> <http://a/o> _:g .\n"
  "<http://a/s> <http://a/p> \"1\" <http://a/g> .\n";

/// `quads`, as kgraph writes them: sorted, each once.
static const char* const sorted_quads =
  "<http://a/s> <http://a/p> \"1\" .\n"
  "<http://a/s> <http://a/p> \"1\" <http://a/g> .\n"
  "<http://a/s> <http://a/p> \"1\" _:b0 .\n"
  "_:b0 <http://a/p> <http://a/o> _:b0 .\n";

Test(cli, export_nquads_defaults_to_nquads)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "g.nq");
  write_file(in, quads);

  Run r = run("export", in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out, sorted_quads);
  cr_assert_str_eq(r.err, "");
  run_free(&r);

  // N-Quads without graph names are N-Triples
  const char* const plain = path_in(dir, "plain.nq");
  write_file(plain, "<http://a/s> <http://a/p> \"1\" .\n");
  r = run("export", "--to", "ntriples", plain, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out, "<http://a/s> <http://a/p> \"1\" .\n");
  run_free(&r);
}

Test(cli, export_nquads_round_trip)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "g.nq");
  const char* const out = path_in(dir, "out.nq");
  write_file(in, quads);

  // By the extension of -o, and by --to
  Run r = run("export", "-o", out, in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out, "");
  char* const first = read_file(out);
  cr_assert_str_eq(first, sorted_quads);
  run_free(&r);

  r = run("export", "--to", "nquads", out, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out, first);
  run_free(&r);
  free(first);
}

Test(cli, writers_refuse_named_graphs)
{
  static const char* const formats[] = {"ntriples", "turtle", "rdfxml", "dot"};
  const char* const        dir       = tmp_dir();
  const char* const        in        = path_in(dir, "g.nq");
  const char* const        out       = path_in(dir, "out");
  write_file(in, quads);

  for (size_t i = 0U; i < sizeof(formats) / sizeof(formats[0]); ++i) {
    if (!kg_syntax_can_write(kg_syntax_by_name(formats[i]))) {
      continue; // DOT without Graphviz
    }
    char expected[200];
    snprintf(expected,
             sizeof(expected),
             "kgraph: error: the input has named graphs, which %s cannot hold "
             "(write nquads)\n",
             formats[i]);

    Run r = run("export", "--to", formats[i], "-o", out, in, NULL);
    cr_assert_eq(r.status, KG_EXIT_INPUT, "%s: %s", formats[i], r.err);
    cr_assert_str_eq(r.err, expected);
    cr_assert_not(exists(out), "%s left an output file", formats[i]);
    cr_assert_eq(kg_n_entries(dir), 1U, "%s left a temporary file", formats[i]);
    run_free(&r);

    // To standard output: nothing written
    r = run("export", "--to", formats[i], in, NULL);
    cr_assert_eq(r.status, KG_EXIT_INPUT, "%s: %s", formats[i], r.err);
    cr_assert_str_eq(r.err, expected);
    cr_assert_str_eq(r.out, "");
    run_free(&r);
  }

  // The syntax of -o is asked for as much as --to
  const char* const nt = path_in(dir, "out.nt");
  Run               r  = run("export", "-o", nt, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT);
  cr_assert(strstr(r.err, "which ntriples cannot hold"), "%s", r.err);
  cr_assert_not(exists(nt));
  run_free(&r);
}

/*
  kgraph canon
*/

/// W3C rdf-canon test020 (a diamond), and its results with SHA-256 and with
/// SHA-384 (test075): the hash decides which of two nodes comes first.
static const char* const diamond =
  "<http://example.org/vocab#test> <http://example.org/vocab#A> _:e0 .\n"
  "<http://example.org/vocab#test> <http://example.org/vocab#B> _:e1 .\n"
  "_:e0 <http://example.org/vocab#next> _:e2 .\n"
  "_:e1 <http://example.org/vocab#next> _:e2 .\n";

static const char* const diamond_sha256 =
  "<http://example.org/vocab#test> <http://example.org/vocab#A> _:c14n2 .\n"
  "<http://example.org/vocab#test> <http://example.org/vocab#B> _:c14n0 .\n"
  "_:c14n0 <http://example.org/vocab#next> _:c14n1 .\n"
  "_:c14n2 <http://example.org/vocab#next> _:c14n1 .\n";

static const char* const diamond_sha384 =
  "<http://example.org/vocab#test> <http://example.org/vocab#A> _:c14n0 .\n"
  "<http://example.org/vocab#test> <http://example.org/vocab#B> _:c14n2 .\n"
  "_:c14n0 <http://example.org/vocab#next> _:c14n1 .\n"
  "_:c14n2 <http://example.org/vocab#next> _:c14n1 .\n";

Test(cli, canon_help)
{
  Run r = run("canon", "--help", NULL);
  cr_assert_eq(r.status, 0);
  cr_assert(!strncmp(r.out, "Usage: kgraph canon ", 20U), "%s", r.out);
  cr_assert(strstr(r.out, "RDFC-1.0"), "%s", r.out);
  cr_assert(strstr(r.out, "  --hash="), "%s", r.out);
  cr_assert(strstr(r.out, "  --max-work="), "%s", r.out);
  cr_assert(strstr(r.out, "  --map="), "%s", r.out);
  cr_assert(strstr(r.out, "Exit status:"), "%s", r.out);
  cr_assert_str_eq(r.err, "");
  run_free(&r);
}

Test(cli, canon_isomorphic_inputs_give_the_same_bytes)
{
  const char* const dir = tmp_dir();
  const char* const ttl = path_in(dir, "g.ttl");
  const char* const nt  = path_in(dir, "g.nt");
  write_file(
    ttl,
    "@prefix ex: <http://example.org/> .\n"
    "ex:alice ex:knows [ ex:name \"Bob\" ; ex:knows _:carol ] ;\n"
    "  ex:tags ( \"a\" \"b\" ) .\n"
    "_:carol ex:name \"Carol\"@en ; ex:age 42 ; ex:knows ex:alice .\n");
  // The same graph: other lines, in another order, other labels
  write_file(nt,
             "_:n2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> \"b\" .\n"
             "_:c <http://example.org/knows> <http://example.org/alice> .\n"
             "_:bob <http://example.org/knows> _:c .\n"
             "<http://example.org/alice> <http://example.org/tags> _:n1 .\n"
             "_:n1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:n2 .\n"
             "_:c <http://example.org/age> "
             "\"42\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
             "_:n2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> "
             "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n"
             "_:bob <http://example.org/name> \"Bob\" .\n"
             "<http://example.org/alice> <http://example.org/knows> _:bob .\n"
             "_:n1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> \"a\" .\n"
             "_:c <http://example.org/name> \"Carol\"@en .\n");

  Run a = run("canon", ttl, NULL);
  Run b = run("canon", nt, NULL);
  cr_assert_eq(a.status, 0, "%s", a.err);
  cr_assert_eq(b.status, 0, "%s", b.err);
  cr_assert_str_eq(a.out, b.out);
  cr_assert_str_eq(
    a.out,
    "<http://example.org/alice> <http://example.org/knows> _:c14n0 .\n"
    "<http://example.org/alice> <http://example.org/tags> _:c14n2 .\n"
    "_:c14n0 <http://example.org/knows> _:c14n3 .\n"
    "_:c14n0 <http://example.org/name> \"Bob\" .\n"
    "_:c14n1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> \"b\" .\n"
    "_:c14n1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> "
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n"
    "_:c14n2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> \"a\" .\n"
    "_:c14n2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:c14n1 .\n"
    "_:c14n3 <http://example.org/age> "
    "\"42\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
    "_:c14n3 <http://example.org/knows> <http://example.org/alice> .\n"
    "_:c14n3 <http://example.org/name> \"Carol\"@en .\n");
  cr_assert_str_eq(a.err, "");
  run_free(&b);
  run_free(&a);

  // A graph that differs in one literal does not
  write_file(nt, "_:x <http://example.org/name> \"Bob \" .\n");
  a = run("canon", nt, NULL);
  cr_assert_eq(a.status, 0, "%s", a.err);
  cr_assert_str_eq(a.out, "_:c14n0 <http://example.org/name> \"Bob \" .\n");
  run_free(&a);
}

Test(cli, canon_blank_nodes_of_two_inputs_differ)
{
  const char* const dir = tmp_dir();
  const char* const a   = path_in(dir, "a.nt");
  const char* const b   = path_in(dir, "b.nq");
  write_file(a, "_:x <http://a/p> \"1\" .\n");
  write_file(b, "_:x <http://a/p> \"1\" .\n");

  Run r = run("canon", a, b, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "_:c14n0 <http://a/p> \"1\" .\n"
                   "_:c14n1 <http://a/p> \"1\" .\n");
  run_free(&r);
}

Test(cli, canon_named_graphs)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "g.nq");
  write_file(in, quads);

  Run r = run("canon", in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "<http://a/s> <http://a/p> \"1\" .\n"
                   "<http://a/s> <http://a/p> \"1\" <http://a/g> .\n"
                   "<http://a/s> <http://a/p> \"1\" _:c14n0 .\n"
                   "_:c14n0 <http://a/p> <http://a/o> _:c14n0 .\n");
  run_free(&r);
}

Test(cli, canon_hash_changes_only_what_hashing_decides)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "diamond.nq");
  const char* const one = path_in(dir, "one.nq");
  write_file(in, diamond);
  write_file(one,
             "_:x <http://a/p> \"1\" .\n"
             "<http://a/s> <http://a/p> _:x .\n"
             "<http://a/s> <http://a/p> <http://a/o> .\n");

  Run a = run("canon", in, NULL);
  Run b = run("canon", "--hash", "sha256", in, NULL);
  Run c = run("canon", "--hash", "sha384", in, NULL);
  cr_assert_eq(a.status, 0, "%s", a.err);
  cr_assert_eq(b.status, 0, "%s", b.err);
  cr_assert_eq(c.status, 0, "%s", c.err);
  cr_assert_str_eq(a.out, diamond_sha256);
  cr_assert_str_eq(b.out, diamond_sha256);
  cr_assert_str_eq(c.out, diamond_sha384);

  // Only the labels differ: the SHA-384 result is the same graph
  const char* const again = path_in(dir, "again.nq");
  write_file(again, c.out);
  Run d = run("canon", again, NULL);
  cr_assert_eq(d.status, 0, "%s", d.err);
  cr_assert_str_eq(d.out, diamond_sha256);
  run_free(&d);
  run_free(&c);
  run_free(&b);
  run_free(&a);

  // With one blank node, nothing is left for the hash to decide
  a = run("canon", one, NULL);
  b = run("canon", "--hash", "sha384", one, NULL);
  cr_assert_eq(a.status, 0, "%s", a.err);
  cr_assert_eq(b.status, 0, "%s", b.err);
  cr_assert_str_eq(a.out, b.out);
  cr_assert_str_eq(a.out,
                   "<http://a/s> <http://a/p> <http://a/o> .\n"
                   "<http://a/s> <http://a/p> _:c14n0 .\n"
                   "_:c14n0 <http://a/p> \"1\" .\n");
  run_free(&b);
  run_free(&a);
}

Test(cli, canon_map)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "diamond.nq");
  const char* const map = path_in(dir, "map.json");
  const char* const out = path_in(dir, "out.nq");
  write_file(in, diamond);

  Run r = run("canon", "--map", map, in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out, diamond_sha256);
  char* text = read_file(map);
  cr_assert_str_eq(text,
                   "{\n"
                   "  \"e1\": \"c14n0\",\n"
                   "  \"e2\": \"c14n1\",\n"
                   "  \"e0\": \"c14n2\"\n"
                   "}\n");
  free(text);
  run_free(&r);

  // With SHA-384 and -o
  r = run("canon", "--hash", "sha384", "--map", map, "-o", out, in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out, "");
  text = read_file(map);
  cr_assert_str_eq(text,
                   "{\n"
                   "  \"e0\": \"c14n0\",\n"
                   "  \"e2\": \"c14n1\",\n"
                   "  \"e1\": \"c14n2\"\n"
                   "}\n");
  free(text);
  text = read_file(out);
  cr_assert_str_eq(text, diamond_sha384);
  free(text);
  run_free(&r);
}

Test(cli, canon_usage_errors)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "diamond.nq");
  const char* const in2 = path_in(dir, "other.nq");
  const char* const map = path_in(dir, "map.json");
  write_file(in, diamond);
  write_file(in2, diamond);

  // The labels of a map are those of one document
  Run r = run("canon", "--map", map, in, in2, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert(
    !strncmp(r.err, "kgraph: --map needs exactly one INPUT", 37U), "%s", r.err);
  cr_assert(strstr(r.err, "Try 'kgraph canon --help'"), "%s", r.err);
  cr_assert_str_eq(r.out, "");
  cr_assert_not(exists(map));
  run_free(&r);

  r = run("canon", "--hash", "md5", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert(strstr(r.err, "unknown hash 'md5'"), "%s", r.err);
  cr_assert_str_eq(r.out, "");
  run_free(&r);

  r = run("canon", "--hash", "", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  run_free(&r);

  static const char* const bad_work[] = {"0", "-1", "abc", "", "12x", "1.5"};
  for (size_t i = 0U; i < sizeof(bad_work) / sizeof(bad_work[0]); ++i) {
    r = run("canon", "--max-work", bad_work[i], in, NULL);
    cr_assert_eq(r.status, KG_EXIT_USAGE, "--max-work '%s'", bad_work[i]);
    cr_assert(strstr(r.err, "--max-work needs a positive number"),
              "--max-work '%s': %s",
              bad_work[i],
              r.err);
    cr_assert_str_eq(r.out, "");
    run_free(&r);
  }

  r = run("canon", NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert(strstr(r.err, "missing INPUT"), "%s", r.err);
  run_free(&r);
}

Test(cli, canon_work_limit)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "ring.nt");
  const char* const out = path_in(dir, "out.nq");
  // The three nodes of a ring look alike, and need Hash N-Degree Quads
  write_file(in,
             "_:a <http://a/p> _:b .\n"
             "_:b <http://a/p> _:c .\n"
             "_:c <http://a/p> _:a .\n");

  Run r = run("canon", "--max-work", "1", "-o", out, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert(
    !strncmp(r.err, "kgraph: error: canonicalization stopped after ", 46U),
    "%s",
    r.err);
  // The library says what is wrong, the command which option helps
  const char* const note = strstr(r.err, "\nkgraph: note: --max-work=N ");
  cr_assert_not_null(note, "%s", r.err);
  cr_assert_eq(strstr(r.err, "--"), note + 15, "%s", r.err);
  run_free(&r);

  r = run("canon", "-q", "--max-work", "1", "-o", out, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert_null(strstr(r.err, "note:"), "%s", r.err);
  cr_assert_not(exists(out));
  run_free(&r);

  r = run("canon", "--max-work", "1000000", "-o", out, in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  char* const text = read_file(out);
  cr_assert_str_eq(text,
                   "_:c14n0 <http://a/p> _:c14n1 .\n"
                   "_:c14n1 <http://a/p> _:c14n2 .\n"
                   "_:c14n2 <http://a/p> _:c14n0 .\n");
  free(text);
  run_free(&r);
}

/// Write a graph of `n` literals, each in its own language, as N-Triples
/// (or RDF/XML if `xml`) to `path`.
static void
write_many_langs(const char* const path, const unsigned n, const bool xml)
{
  FILE* const f = fopen(path, "w");
  cr_assert_not_null(f);
  if (xml) {
    fprintf(f,
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
            " xmlns:e=\"http://e/\">\n"
            "<rdf:Description rdf:about=\"http://e/s\">\n");
  }
  for (unsigned i = 0U; i < n; ++i) {
    // Tags x-a .. x-zzzz, told apart only past the first letters
    char     tag[8] = {0};
    unsigned k      = i;
    for (unsigned j = 0U; j < 4U; ++j, k /= 26U) {
      tag[3U - j] = (char)('a' + k % 26U);
    }
    if (xml) {
      fprintf(f, "<e:p xml:lang=\"x-%s\">x</e:p>\n", tag);
    } else {
      fprintf(f, "<http://e/s> <http://e/p> \"x\"@x-%s .\n", tag);
    }
  }
  if (xml) {
    fprintf(f, "</rdf:Description>\n</rdf:RDF>\n");
  }
  cr_assert_eq(fclose(f), 0);
}

Test(cli, language_tags_are_many_and_bounded)
{
  // Tags are found through a hash: 65,534 of them read in a moment; one
  // more is past what a graph holds, an input error in both syntaxes
  const char* const dir = tmp_dir();
  const char* const nt  = path_in(dir, "langs.nt");
  const char* const rdf = path_in(dir, "langs.rdf");
  const char* const out = path_in(dir, "out.nt");

  write_many_langs(nt, 65534U, false);
  Run r = run("stats", nt, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert(strstr(r.out, "literals          65534"), "%s", r.out);
  run_free(&r);

  write_many_langs(nt, 65535U, false);
  r = run("export", "--lax", "-o", out, nt, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert(strstr(r.err,
                   ":65535:1: error: language tag 'x-dsyo' is one too many: "
                   "a graph holds at most 65534 distinct language tags\n"),
            "%s",
            r.err);
  cr_assert_not(exists(out));
  run_free(&r);

  write_many_langs(rdf, 65535U, true);
  r = run("export", "-o", out, rdf, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert(strstr(r.err,
                   "error: language tag 'x-dsyo' is one too many: a graph "
                   "holds at most 65534 distinct language tags\n"),
            "%s",
            r.err);
  cr_assert_not(exists(out));
  run_free(&r);
}

Test(cli, canon_long_chain_stops_at_the_depth_bound)
{
  // Hash N-Degree Quads recurses once a node along a chain of look-alike
  // blank nodes: however high the work limit, it stops at a bounded depth
  // with an error, never by running out of stack
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "chain.nt");
  const char* const out = path_in(dir, "out.nq");
  FILE* const       f   = fopen(in, "w");
  cr_assert_not_null(f);
  fprintf(f, "<http://a/s> <http://a/p> _:b0 .\n");
  for (unsigned i = 0U; i + 1U < 20000U; ++i) {
    fprintf(f, "_:b%u <http://a/p> _:b%u .\n", i, i + 1U);
  }
  cr_assert_eq(fclose(f), 0);

  Run r = run("canon", "--max-work", "100000000000", "-o", out, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert_str_eq(r.err,
                   "kgraph: error: canonicalization stopped at a path of "
                   "2000 blank nodes that look alike (the deepest path "
                   "followed, whatever the work limit; 19998 blank nodes "
                   "look alike)\n"
                   "kgraph: note: --max-work=N sets the work limit (a higher "
                   "one tries harder)\n");
  cr_assert_not(exists(out));
  run_free(&r);
}

Test(cli, canon_poison_clique_is_stopped_quickly)
{
  // W3C rdf-canon test074: ten blank nodes, each linked to every one
  const char* const dir                   = tmp_dir();
  const char* const in                    = path_in(dir, "clique.nq");
  const char* const out                   = path_in(dir, "out.nq");
  const char* const map                   = path_in(dir, "map.json");
  char              text[10U * 10U * 48U] = {0};
  size_t            len                   = 0U;
  for (unsigned i = 0U; i < 10U; ++i) {
    for (unsigned j = 0U; j < 10U; ++j) {
      const int n = snprintf(text + len,
                             sizeof(text) - len,
                             "_:e%u <http://example.com/p> _:e%u .\n",
                             i,
                             j);
      cr_assert(n > 0 && (size_t)n < sizeof(text) - len);
      len += (size_t)n;
    }
  }
  write_file(in, text);

  struct timespec start;
  struct timespec end;
  cr_assert_eq(clock_gettime(CLOCK_MONOTONIC, &start), 0);
  Run r = run("canon", "-o", out, "--map", map, in, NULL);
  cr_assert_eq(clock_gettime(CLOCK_MONOTONIC, &end), 0);
  const double secs = (double)(end.tv_sec - start.tv_sec) +
                      (double)(end.tv_nsec - start.tv_nsec) / 1e9;

  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert(
    !strncmp(r.err, "kgraph: error: canonicalization stopped after ", 46U),
    "%s",
    r.err);
  // About a tenth of a second; generous, so that it cannot flake
  cr_assert_lt(secs, 5.0, "stopped only after %.3f s", secs);
  cr_assert_not(exists(out));
  cr_assert_not(exists(map));
  cr_assert_eq(kg_n_entries(dir), 1U, "a temporary file was left behind");
  cr_assert_str_eq(r.out, "");
  run_free(&r);
}

Test(cli, canon_syntax_error)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "bad.nq");
  const char* const out = path_in(dir, "out.nq");
  write_file(in,
             "<http://a/s> <http://a/p> \"1\" .\n"
             "<http://a/s> <http://a/p> \"1\" \"g\" .\n");

  Run r = run("canon", "-o", out, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT);
  char expected[300];
  snprintf(expected, sizeof(expected), "%s:2:", in);
  cr_assert(!strncmp(r.err, expected, strlen(expected)), "%s", r.err);
  cr_assert_not(exists(out));
  run_free(&r);
}

/// Run `kgraph ARGS...` with standard output on a full disk; return the
/// exit status and set `*err` to what it printed on standard error.
static int
run_into_full_disk(char** const err, char** const argv, const int argc)
{
  size_t      err_len = 0U;
  FILE* const out     = fopen("/dev/full", "w");
  FILE* const errs    = open_memstream(err, &err_len);
  cr_assert_not_null(out);
  cr_assert_not_null(errs);
  const int status = kg_cli_main(argc, argv, out, errs);
  fclose(errs);
  fclose(out);
  return status;
}

Test(cli, help_and_reports_into_a_full_disk_are_output_errors)
{
  // What a command prints must have been written, --help and --version too
  char help[]    = "--help";
  char version[] = "--version";
  char prog[]    = "kgraph";
  char stats[]   = "stats";
  char graph[1024];
  snprintf(graph, sizeof(graph), "%s", data_path("export/deep.ttl"));
  char* runs[][3] = {
    {prog, help, NULL}, {prog, version, NULL}, {prog, stats, graph}};
  const int argcs[] = {2, 2, 3};
  for (size_t i = 0U; i < 3U; ++i) {
    char*     err    = NULL;
    const int status = run_into_full_disk(&err, runs[i], argcs[i]);
    cr_assert_eq(status, KG_EXIT_OUTPUT, "%s: %s", runs[i][1], err);
    cr_assert_str_eq(err,
                     "kgraph: error: cannot write standard output: No space "
                     "left on device\n",
                     "%s",
                     runs[i][1]);
    free(err);
  }
}

/*
  Lists of syntaxes: every one comes from the library's table
*/

/// Return `text` with each line break and the spaces after it made one
/// space, as a list wrapped in a help text reads; free with free().
static char*
unwrap(const char* const text)
{
  char* const flat = strdup(text);
  size_t      n    = 0U;
  for (const char* c = text; *c; ++c) {
    if (*c == '\n') {
      while (c[1] == ' ') {
        ++c;
      }
      flat[n++] = ' ';
    } else {
      flat[n++] = *c;
    }
  }
  flat[n] = '\0';
  return flat;
}

/// Assert that the help of `command` holds `before` and then the names
/// of the syntaxes of `kind`, as kg_cli_syntax_list() gives them.
static void
expect_list(const char* const command,
            const char* const before,
            const KgSyntaxSet kind)
{
  char list[KG_CLI_SYNTAX_LIST_SIZE];
  (void)kg_cli_syntax_list(kind, list, sizeof(list));
  char* const line = format("%s%s\n", before, list);
  Run         r    = run(command, "--help", NULL);
  cr_assert_eq(r.status, 0);
  cr_assert(strstr(r.out, line), "'%s' not in:\n%s", line, r.out);
  free(line);
  run_free(&r);
}

Test(cli, help_lists_the_syntaxes_of_the_table)
{
  char read[KG_CLI_SYNTAX_LIST_SIZE];
  char written[KG_CLI_SYNTAX_LIST_SIZE];
  (void)kg_syntax_list(false, read, sizeof(read));
  (void)kg_syntax_list(true, written, sizeof(written));
  cr_assert_str_eq(
    kg_cli_syntax_list(KG_SYNTAXES_READ, read + 128, sizeof(read) - 128U),
    read);
  cr_assert_str_eq(kg_cli_syntax_list(KG_SYNTAXES_WRITTEN,
                                      written + 128,
                                      sizeof(written) - 128U),
                   written);

  static const char* const readers[] = {
    "export", "check", "stats", "render", "diff", "patch", "canon", "push"};
  for (size_t i = 0U; i < sizeof(readers) / sizeof(readers[0]); ++i) {
    expect_list(
      readers[i], "--from=FORMAT      input syntax: ", KG_SYNTAXES_READ);
  }
  expect_list(
    "export", "--to=FORMAT        output syntax: ", KG_SYNTAXES_WRITTEN);
  expect_list(
    "patch", "--to=FORMAT        output syntax: ", KG_SYNTAXES_READ_WRITTEN);

  // What patch writes is read too: no DOT
  char both[KG_CLI_SYNTAX_LIST_SIZE];
  (void)kg_cli_syntax_list(KG_SYNTAXES_READ_WRITTEN, both, sizeof(both));
  cr_assert_null(strstr(both, "dot"), "%s", both);
  cr_assert_not_null(strstr(both, "nquads"), "%s", both);
  // DOT only when pictures are built in
  cr_assert_eq(
    strstr(written, "dot") != NULL, kg_dot_available(), "%s", written);
  cr_assert_not_null(strstr(written, "nquads"), "%s", written);

  // kgraph --help names every syntax for people
  Run         r    = run("--help", NULL);
  char* const flat = unwrap(r.out);
  for (size_t i = 0U; kg_syntax_at(i); ++i) {
    const KgSyntax    syntax = kg_syntax_at(i);
    const char* const label  = kg_syntax_label(syntax);
    const char* const in     = strstr(flat, "Read RDF graphs (");
    const char* const out    = strstr(flat, "export     write INPUT as ");
    cr_assert(in && out && strstr(out, " check "), "%s", flat);
    cr_assert_eq(strstr(in, label) && strstr(in, label) < strstr(in, ")"),
                 kg_syntax_can_read(syntax),
                 "%s:\n%s",
                 label,
                 flat);
    cr_assert_eq(strstr(out, label) &&
                   strstr(out, label) < strstr(out, " check "),
                 kg_syntax_can_write(syntax),
                 "%s:\n%s",
                 label,
                 flat);
  }
  cr_assert_null(strstr(r.out, "@"), "%s", r.out);
  free(flat);
  run_free(&r);
}

Test(cli, unknown_format_errors_list_the_table)
{
  char read[KG_CLI_SYNTAX_LIST_SIZE];
  char written[KG_CLI_SYNTAX_LIST_SIZE];
  char both[KG_CLI_SYNTAX_LIST_SIZE];
  (void)kg_syntax_list(false, read, sizeof(read));
  (void)kg_syntax_list(true, written, sizeof(written));
  (void)kg_cli_syntax_list(KG_SYNTAXES_READ_WRITTEN, both, sizeof(both));

  const struct {
    const char* command;
    const char* option;
    const char* list;
  } cases[] = {
    {"export", "--from=dot", read},
    {"canon", "--from=json", read},
    {"export", "--to=json", written},
    {"patch", "--to=dot", both},
  };
  for (size_t i = 0U; i < sizeof(cases) / sizeof(cases[0]); ++i) {
    Run         r    = run(cases[i].command, cases[i].option, "x.ttl", NULL);
    char* const want = format("(known: %s)\n", cases[i].list);
    cr_assert_eq(r.status, KG_EXIT_USAGE);
    cr_assert(strstr(r.err, want), "%s: %s", cases[i].option, r.err);
    free(want);
    run_free(&r);
  }
}

Test(cli, help_wraps_a_long_list_under_the_option_texts)
{
  char*       text = NULL;
  size_t      len  = 0U;
  FILE* const out  = open_memstream(&text, &len);
  kg_cli_print_help(out,
                    "      --long-option-name=X  an option text that fills "
                    "most of the line: @WRITE_LABELS@\nnext\n");
  cr_assert_eq(fclose(out), 0);

  size_t n_lines = 0U;
  for (const char* line = text; *line; ++n_lines) {
    const char* const end = strchr(line, '\n');
    cr_assert_not_null(end);
    cr_assert_leq(end - line, 79, "%s", text);
    if (n_lines) {
      cr_assert(!strncmp(line, "                         ", 25U) ||
                  !strcmp(line, "next\n"),
                "%s",
                text);
    }
    line = end + 1;
  }
  cr_assert_geq(n_lines, 3U, "%s", text);
  char* const flat = unwrap(text);
  cr_assert(strstr(flat,
                   kg_dot_available()
                     ? ": N-Triples, N-Quads, Turtle, RDF/XML or DOT"
                     : ": N-Triples, N-Quads, Turtle or RDF/XML"),
            "%s",
            flat);
  free(flat);
  free(text);
}

Test(cli, exit_status_1_only_where_a_command_answers_a_question)
{
  static const struct {
    const char* command;
    bool        answers; ///< May exit with 1
  } commands[] = {
    {"export", false},
    {"stats", false},
    {"patch", false},
    {"canon", false},
    {"render", false},
    {"push", false},
    {"diff", true},
    {"check", true},
  };
  for (size_t i = 0U; i < sizeof(commands) / sizeof(commands[0]); ++i) {
    Run               r      = run(commands[i].command, "--help", NULL);
    const char* const status = strstr(r.out, "Exit status: 0 ");
    cr_assert_not_null(status, "%s", r.out);
    cr_assert_eq(strstr(status, ", 1 ") != NULL,
                 commands[i].answers,
                 "%s --help: %s",
                 commands[i].command,
                 status);
    run_free(&r);
  }
}

Test(cli, what_is_not_built_in_is_a_usage_error)
{
  // A picture asked of a kgraph without Graphviz (test_no_dot.c)
  cr_assert_eq(kg_cli_exit_status(KG_BAD_UNSUPPORTED), KG_EXIT_USAGE);
  cr_assert_eq(kg_syntax_can_write(KG_SYNTAX_DOT), kg_dot_available());
}
