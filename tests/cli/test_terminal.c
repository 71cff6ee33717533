// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Terminal safety: whatever kgraph prints for people (diff, stats, check,
// errors) shows the controls of a hostile graph or file name escaped, never
// raw; and a failed write is one message with the path and the reason.

#include "cli.h"
#include "support.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Escape sequences a hostile graph may hold: hide the text after it, set
/// the window title, a C1 CSI (U+009B) and a right-to-left override.
#define CONCEAL "\\u001B[8m"
#define TITLE "\\u001B]0;title\\u0007"
#define CSI "\\u009B"
#define RLO "\\u202E"
#define ALM "\xD8\x9C" // U+061C, a name letter that is a bidi mark

/**
   Return the offset of the first character of `text` that a terminal would
   act on or that reorders text: a C0 control but a line break, DEL, a C1
   control, a bidirectional control; or -1 if there is none.
*/
static long
find_raw_control(const char* const text)
{
  const unsigned char* const b = (const unsigned char*)text;
  for (long i = 0; b[i]; ++i) {
    const unsigned char c = b[i];
    if ((c < 0x20U && c != '\n') || c == 0x7FU ||
        (c == 0xC2U && b[i + 1] >= 0x80U && b[i + 1] <= 0x9FU) ||
        (c == 0xD8U && b[i + 1] == 0x9CU) ||
        (c == 0xE2U && b[i + 1] == 0x80U &&
         (b[i + 2] == 0x8EU || b[i + 2] == 0x8FU ||
          (b[i + 2] >= 0xAAU && b[i + 2] <= 0xAEU))) ||
        (c == 0xE2U && b[i + 1] == 0x81U && b[i + 2] >= 0xA6U &&
         b[i + 2] <= 0xA9U)) {
      return i;
    }
  }
  return -1;
}

static void
assert_safe(const Run* const r, const char* const what)
{
  const long out = find_raw_control(r->out);
  const long err = find_raw_control(r->err);
  cr_assert_eq(
    out, -1, "%s: raw control at %ld of stdout: %s", what, out, r->out);
  cr_assert_eq(
    err, -1, "%s: raw control at %ld of stderr: %s", what, err, r->err);
}

/// Write a hostile graph into `dir`: `changed` changes some of its values.
static const char*
write_hostile(const char* const dir, const char* const name, const bool changed)
{
  const char* const path = path_in(dir, name);
  char* const       text = format(
    "@prefix ex: <http://example.org/onto#> .\n"
          "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
          "@prefix e" ALM "x: <http://example.org/" RLO "/> .\n"
          "ex:acme a ex:Organization ;\n"
          "  rdfs:label \"Acme " CONCEAL " %s " TITLE "\" ;\n"
          "  ex:founder <http://example.org/b" RLO "b" CSI "> ;\n"
          "  ex:employees \"-1" CONCEAL "\" ;\n"
          "  ex:motto \"" CSI "31m %s " RLO "\" .\n"
          "<http://example.org/b" RLO "b" CSI "> a <http://example.org/C" CSI "> ;\n"
          "  rdfs:label \"Bob" RLO "\" .\n"
          "e" ALM "x:item a e" ALM "x:T%s ; rdfs:label \"item\" .\n"
          "_:n" ALM " ex:note \"%s" CONCEAL "\" .\n",
    changed ? "shown" : "hidden",
    changed ? "live" : "evil",
    changed ? "2" : "",
    changed ? "y" : "x");
  write_file(path, text);
  free(text);
  return path;
}

Test(terminal, diff_of_a_hostile_graph_shows_no_raw_control)
{
  const char* const dir = tmp_dir();
  const char* const old = write_hostile(dir, "old.ttl", false);
  const char* const new = write_hostile(dir, "new.ttl", true);

  static const char* const formats[] = {"text", "ntriples", "summary", "patch"};
  for (size_t i = 0U; i < sizeof(formats) / sizeof(formats[0]); ++i) {
    Run r = run("diff", "--format", formats[i], old, new, NULL);
    cr_assert_eq(r.status, KG_EXIT_FOUND, "%s: %s", formats[i], r.err);
    assert_safe(&r, formats[i]);
    run_free(&r);
  }

  // The lines are N-Triples still, with the controls as UCHAR escapes
  Run r = run("diff", "--format=ntriples", old, new, NULL);
  cr_assert(strstr(r.out,
                   "+ <http://example.org/onto#acme> "
                   "<http://example.org/onto#motto> "
                   "\"\\u009B31m live \\u202E\" .\n"),
            "%s",
            r.out);
  cr_assert(strstr(r.out, "\"Acme \\u001B[8m shown \\u001B]0;title\\u0007\""),
            "%s",
            r.out);
  cr_assert(strstr(r.out, "<http://example.org/\\u202E/T2> .\n"), "%s", r.out);
  run_free(&r);
}

Test(terminal, diff_lines_read_back_as_the_graph)
{
  // Every line of a diff from the empty graph, less its "+ ", read as
  // N-Triples, is the new graph again: the escapes lose nothing
  const char* const dir   = tmp_dir();
  const char* const new   = write_hostile(dir, "new.ttl", true);
  const char* const empty = path_in(dir, "empty.nt");
  write_file(empty, "");

  Run r = run("diff", "--format=ntriples", empty, new, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  char* const lines = (char*)calloc(strlen(r.out) + 1U, 1U);
  char*       end   = lines;
  for (const char* line = r.out; *line;) {
    const char* const next = strchr(line, '\n');
    const size_t      len  = next ? (size_t)(next - line) + 1U : strlen(line);
    if (!strncmp(line, "+ ", 2U)) {
      memcpy(end, line + 2, len - 2U);
      end += len - 2U;
    }
    line += len;
  }
  run_free(&r);

  const char* const added = path_in(dir, "added.nt");
  write_file(added, lines);
  free(lines);
  r = run("diff", new, added, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s%s", r.out, r.err);
  run_free(&r);
}

Test(terminal, stats_of_a_hostile_graph_shows_no_raw_control)
{
  const char* const in = write_hostile(tmp_dir(), "g.ttl", false);

  Run r = run("stats", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  assert_safe(&r, "stats");
  cr_assert(strstr(r.out, "<http://example.org/C\\u009B>\n"), "%s", r.out);
  cr_assert(strstr(r.out, "e\\u061Cx:T\n"), "%s", r.out);
  run_free(&r);

  // JSON holds the same names, as \uXXXX escapes of JSON
  r = run("stats", "--json", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  assert_safe(&r, "stats --json");
  cr_assert(strstr(r.out, "\"http://example.org/\\u202E/T\": 1"), "%s", r.out);
  run_free(&r);
}

Test(terminal, check_of_a_hostile_graph_shows_no_raw_control)
{
  const char* const dir = tmp_dir();
  const char* const in  = write_hostile(dir, "g.ttl", false);

  static const char* const formats[] = {"text", "json"};
  for (size_t i = 0U; i < sizeof(formats) / sizeof(formats[0]); ++i) {
    Run r = run("check",
                "--format",
                formats[i],
                "--ontology",
                data_path("check/ontology.ttl"),
                in,
                NULL);
    cr_assert_eq(r.status, KG_EXIT_FOUND, "%s: %s%s", formats[i], r.out, r.err);
    assert_safe(&r, formats[i]);
    // The findings quote the hostile values
    cr_assert(strstr(r.out, "\\u202E"), "%s: %s", formats[i], r.out);
    cr_assert(strstr(r.out, "\\u001B"), "%s: %s", formats[i], r.out);
    run_free(&r);
  }
}

Test(terminal, file_names_and_arguments_are_escaped_in_errors)
{
  const char* const dir = tmp_dir();

  // A missing file
  Run r = run("stats", path_in(dir, "no\033[8mne.ttl"), NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  assert_safe(&r, "missing file");
  cr_assert(strstr(r.err, "no\\u001B[8mne.ttl"), "%s", r.err);
  run_free(&r);

  // A syntax error, located in a file whose name holds controls
  const char* const bad = path_in(dir, "bad\033]0;x\007\xE2\x80\xAE.nt");
  write_file(bad, "<http://e/s> <http://e/p> .\n");
  r = run("stats", bad, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  assert_safe(&r, "syntax error");
  cr_assert(strstr(r.err, "bad\\u001B]0;x\\u0007\\u202E.nt:1:"), "%s", r.err);
  run_free(&r);

  // A usage error quoting its argument
  r = run("export", "--to", "x\033[8m\xC2\x9B", bad, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE, "%s", r.err);
  assert_safe(&r, "usage");
  cr_assert(strstr(r.err, "'x\\u001B[8m\\u009B'"), "%s", r.err);
  run_free(&r);

  // An output that cannot be written
  r = run("export",
          "--to",
          "ntriples",
          "-o",
          path_in(dir, "no\033[8mdir/out.nt"),
          data_path("check/ontology.ttl"),
          NULL);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT, "%s", r.err);
  assert_safe(&r, "output");
  cr_assert(strstr(r.err, "no\\u001B[8mdir/out.nt"), "%s", r.err);
  run_free(&r);
}

/*
  Write failures
*/

/// Run `kgraph ARGS...` with standard output on /dev/full.  @return stderr.
static char*
run_into_full(int* const status, const char* const* const args)
{
  char* argv[16] = {NULL};
  int   argc     = 0;
  argv[argc++]   = strdup("kgraph");
  for (; args[argc - 1] && argc < 15; ++argc) {
    argv[argc] = strdup(args[argc - 1]);
  }

  char*       err     = NULL;
  size_t      err_len = 0U;
  FILE* const out     = fopen("/dev/full", "wb");
  FILE* const errs    = open_memstream(&err, &err_len);
  cr_assert_not_null(out);
  *status = kg_cli_main(argc, argv, out, errs);
  fclose(out);
  fclose(errs);
  for (int i = 0; i < argc; ++i) {
    free(argv[i]);
  }
  return err;
}

Test(terminal, writing_to_a_full_device_says_why_once)
{
  static const char* const syntaxes[] = {
    "rdfxml", "turtle", "ntriples", "nquads", "dot"};
  const char* const in = data_path("check/ontology.ttl");
  for (size_t i = 0U; i < sizeof(syntaxes) / sizeof(syntaxes[0]); ++i) {
    if (!kg_syntax_can_write(kg_syntax_by_name(syntaxes[i]))) {
      continue; // DOT without Graphviz
    }
    // To a device named with -o: written directly
    Run r = run("export", "--to", syntaxes[i], "-o", "/dev/full", in, NULL);
    cr_assert_eq(r.status, KG_EXIT_OUTPUT, "%s: %s", syntaxes[i], r.err);
    cr_assert_str_eq(
      r.err,
      "kgraph: error: cannot write '/dev/full': No space left on device\n",
      "%s",
      syntaxes[i]);
    run_free(&r);

    // Standard output on the device
    int               status = 0;
    const char* const args[] = {"export", "--to", syntaxes[i], in, NULL};
    char* const       err    = run_into_full(&status, args);
    cr_assert_eq(status, KG_EXIT_OUTPUT, "%s: %s", syntaxes[i], err);
    cr_assert_str_eq(
      err,
      "kgraph: error: cannot write standard output: No space left on device\n",
      "%s",
      syntaxes[i]);
    free(err);
  }
}

Test(terminal, every_command_into_a_full_device_says_why_once)
{
  const char* const in            = data_path("check/ontology.ttl");
  const char* const in2           = data_path("check/clean.ttl");
  const char* const commands[][8] = {
    {"canon", in, NULL},
    {"diff", in, in2, NULL},
    {"diff", "--format", "summary", in, in2, NULL},
    {"stats", in, NULL},
    {"stats", "--json", in, NULL},
    {"check", "--format", "json", in, NULL},
  };
  for (size_t i = 0U; i < sizeof(commands) / sizeof(commands[0]); ++i) {
    int         status = 0;
    char* const err    = run_into_full(&status, commands[i]);
    cr_assert_eq(status, KG_EXIT_OUTPUT, "%s: %s", commands[i][0], err);
    cr_assert_str_eq(
      err,
      "kgraph: error: cannot write standard output: No space left on device\n",
      "%s %s",
      commands[i][0],
      commands[i][1]);
    free(err);
  }
}
