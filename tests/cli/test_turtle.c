// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Reading Turtle, N-Triples and N-Quads of unusual shape from the command
// line: nesting of `[ ]` and `( )` stops with a located error before serd's
// stack runs out, brackets in strings, IRIs, names and comments are text,
// and many prefixes read in linear time.

#include "cli.h"
#include "support.h"

#include <criterion/criterion.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// The deepest `[ ]` and `( )` nest in Turtle (read_turtle.c).
#define MAX_NESTING 5000U

/// A document being written in memory.
typedef struct {
  FILE*  stream;
  char*  text;
  size_t len;
} Doc;

/// Start the document `d` (open_memstream() writes to its fields).
static void
doc_init(Doc* const d)
{
  d->text   = NULL;
  d->len    = 0U;
  d->stream = open_memstream(&d->text, &d->len);
  cr_assert_not_null(d->stream);
}

static void
put(Doc* const d, const char* const fmt, ...)
  __attribute__((format(printf, 2, 3)));

static void
put(Doc* const d, const char* const fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  cr_assert_geq(vfprintf(d->stream, fmt, args), 0);
  va_end(args);
}

static void
put_n(Doc* const d, const char* const text, const unsigned n)
{
  for (unsigned i = 0U; i < n; ++i) {
    cr_assert_geq(fputs(text, d->stream), 0);
  }
}

/// Finish `d`, write it to `name` in a fresh directory and return the path.
static const char*
doc_save(Doc* const d, const char* const name)
{
  cr_assert_eq(fclose(d->stream), 0);
  const char* const path = path_in(tmp_dir(), name);
  write_file(path, d->text);
  free(d->text);
  d->text = NULL;
  return path;
}

/// Return a Turtle document whose one statement nests `opener` `n` times.
static const char*
nested(const char* const name,
       const char* const opener,
       const char* const closer,
       const unsigned    n)
{
  Doc d;
  doc_init(&d);
  put(&d, "@prefix e: <http://example.org/> .\ne:s e:p ");
  put_n(&d, opener, n);
  put(&d, "e:o");
  put_n(&d, closer, n);
  put(&d, " .\n");
  return doc_save(&d, name);
}

/// Count the lines of `text`.
static size_t
n_lines(const char* const text)
{
  size_t n = 0U;
  for (const char* p = text; *p; ++p) {
    n += *p == '\n';
  }
  return n;
}

/// Export `path` to N-Triples on standard output, expecting success.
static Run
export_ok(const char* const path, const char* const from)
{
  Run r = run("export", "--from", from, "--to", "ntriples", path, NULL);
  cr_assert_eq(
    r.status, KG_EXIT_SUCCESS, "%s: exit %d\n%s", path, r.status, r.err);
  cr_assert_str_eq(r.err, "");
  return r;
}

/// Export `path` with -o, expecting exit 3, `want` on standard error and no
/// file left behind.
static void
export_fails(const char* const path,
             const char* const from,
             const char* const want,
             const bool        lax)
{
  const char* const out = path_in(tmp_dir(), "out.nt");
  Run               r =
    lax
                    ? run("export",
            "--lax",
            "--from",
            from,
            "--to",
            "ntriples",
            "-o",
            out,
            path,
            NULL)
                    : run(
          "export", "--from", from, "--to", "ntriples", "-o", out, path, NULL);
  cr_assert_eq(
    r.status, KG_EXIT_INPUT, "%s: exit %d\n%s", path, r.status, r.err);
  cr_assert_str_eq(r.out, "");
  cr_assert_str_eq(r.err, want);
  cr_assert(!exists(out), "%s: a file was left at %s", path, out);
  run_free(&r);
}

/// The message for a bracket at `col` on line 2 that nests too deep.
static char*
too_deep(const char* const path, const unsigned col)
{
  return format("%s:2:%u: error: blank nodes '[ ]' and lists '( )' "
                "nest deeper than %u levels\n",
                path,
                col,
                MAX_NESTING);
}

Test(turtle, deep_blank_nodes_stop_at_the_bracket_too_deep)
{
  // "e:s e:p " then "[ e:p " a level: the bracket past the limit
  const unsigned col = 8U + 6U * MAX_NESTING + 1U;
  for (unsigned n = 20000U; n <= 40000U; n += 20000U) {
    const char* const path = nested("anon.ttl", "[ e:p ", " ]", n);
    char* const       want = too_deep(path, col);
    export_fails(path, "turtle", want, false);
    export_fails(path, "turtle", want, true);
    free(want);
  }
}

Test(turtle, deep_lists_stop_at_the_bracket_too_deep)
{
  const unsigned col = 8U + 2U * MAX_NESTING + 1U;
  for (unsigned n = 20000U; n <= 40000U; n += 20000U) {
    const char* const path = nested("list.ttl", "( ", " )", n);
    char* const       want = too_deep(path, col);
    export_fails(path, "turtle", want, false);
    export_fails(path, "turtle", want, true);
    free(want);
  }
}

Test(turtle, blank_nodes_and_lists_count_together)
{
  const char* const path = nested("mixed.ttl", "( [ e:p ", " ] )", 20000U);
  // Levels alternate: "( " then "[ e:p ", 8 bytes for two levels
  char* const want = too_deep(path, 8U + 8U * (MAX_NESTING / 2U) + 1U);
  export_fails(path, "turtle", want, false);
  free(want);
}

Test(turtle, nesting_at_the_limit_is_read)
{
  Run r = export_ok(nested("anon.ttl", "[ e:p ", " ]", MAX_NESTING), "turtle");
  cr_assert_eq(n_lines(r.out), MAX_NESTING + 1U);
  run_free(&r);

  // A list of one item: first and rest at each level, and the link to it
  r = export_ok(nested("list.ttl", "( ", " )", MAX_NESTING), "turtle");
  cr_assert_eq(n_lines(r.out), 2U * MAX_NESTING + 1U);
  run_free(&r);
}

Test(turtle, closed_brackets_give_their_level_back)
{
  // Ten times as many brackets as the limit, never more than 100 open
  Doc d;
  doc_init(&d);
  put(&d, "@prefix e: <http://example.org/> .\n");
  for (unsigned i = 0U; i < 10U * MAX_NESTING / 100U; ++i) {
    put(&d, "e:s%u e:p ", i);
    put_n(&d, "[ e:p ( ", 50U);
    put(&d, "e:o");
    put_n(&d, " ) ]", 50U);
    put(&d, " .\n");
  }
  Run r = export_ok(doc_save(&d, "many.ttl"), "turtle");
  // Each level: the link to the list, its first and its rest
  cr_assert_eq(n_lines(r.out), 10U * MAX_NESTING / 100U * (1U + 3U * 50U));
  run_free(&r);
}

Test(turtle, brackets_in_strings_iris_names_and_comments_are_text)
{
  static const unsigned n = 200000U;

  Doc d;
  doc_init(&d);
  put(&d, "@prefix e: <http://example.org/> .\n");
  put(&d, "e:s e:short \"");
  put_n(&d, "([\\\"", n / 2U);
  put(&d, "\" .\ne:s e:single '");
  put_n(&d, "[(\\'", n / 2U);
  put(&d, "' .\ne:s e:long \"\"\"\n");
  put_n(&d, "[\"(\"\"\n", n / 2U);
  put(&d, "\"\"\" .\ne:s e:long_single '''");
  put_n(&d, "('[''\\'", n / 2U);
  put(&d, "''' .\ne:s e:iri <http://example.org/");
  put_n(&d, "((", n / 2U);
  put(&d, "> .\ne:s e:name e:x");
  put_n(&d, "\\(\\'", n / 2U);
  put(&d, " .\n# ");
  put_n(&d, "([", n / 2U);
  put(&d, "\ne:s e:empty \"\", ( \"\" '' ) .\n");
  put(&d, "e:s e:escaped_quote \"\\\"\", \"[\" .\n");
  Run r = export_ok(doc_save(&d, "text.ttl"), "turtle");
  // Six long texts, "" and a list of two, and two escaped_quote
  cr_assert_eq(n_lines(r.out), 14U);
  cr_assert_not_null(strstr(r.out, "<http://example.org/empty> \"\" .\n"));
  cr_assert_not_null(
    strstr(r.out, "<http://example.org/escaped_quote> \"[\" .\n"));
  run_free(&r);
}

Test(turtle, ntriples_and_nquads_refuse_brackets_at_once)
{
  static const char* const syntaxes[][2] = {{"ntriples", "deep.nt"},
                                            {"nquads", "deep.nq"}};
  for (unsigned i = 0U; i < 2U; ++i) {
    // A line of 100,000 characters
    Doc d;
    doc_init(&d);
    put(&d, "<http://example.org/s> <http://example.org/p> ");
    put_n(&d, "[ <http://example.org/p> ", 4000U);
    put(&d, "<http://example.org/o>");
    put_n(&d, " ]", 4000U);
    put(&d, " .\n");
    const char* const path = doc_save(&d, syntaxes[i][1]);

    char* const want = format(
      "%s:1:47: error: expected an IRI, a blank node or a literal\n", path);
    export_fails(path, syntaxes[i][0], want, false);
    free(want);
  }
}

Test(turtle, lax_mode_ends_at_a_bad_statement_at_the_end)
{
  // serd skips a bad statement up to the next newline: there is none
  const char* const path = path_in(tmp_dir(), "end.ttl");
  write_file(path, "<http://example.org/s> <http://example.org/p> \"x");
  Run r = run("export", "--lax", "--to", "ntriples", path, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "exit %d\n%s", r.status, r.err);
  cr_assert_str_eq(r.out, "");
  cr_assert_not_null(strstr(r.err, "end of file in short string"), "%s", r.err);
  run_free(&r);
}

Test(turtle, lax_mode_ends_at_an_iri_open_at_the_end)
{
  // serd reads an IRI on past the end in lax mode, up to a character that
  // IRIs forbid
  static const char* const texts[] = {
    "<http://example.org/s> <http://example.org/p> <http://example.org/o",
    "<http://example.org/s> <http://example.org/p> <http://example.org/o\n",
  };
  for (unsigned i = 0U; i < 2U; ++i) {
    const char* const path = path_in(tmp_dir(), "iri.ttl");
    write_file(path, texts[i]);
    Run r = run("export", "--lax", "--to", "ntriples", path, NULL);
    cr_assert_eq(r.status, KG_EXIT_SUCCESS, "exit %d\n%s", r.status, r.err);
    cr_assert_str_eq(r.out, "");
    cr_assert_not_null(strstr(r.err, "warning: invalid IRI character"));
    run_free(&r);

    r = run("export", "--to", "ntriples", path, NULL);
    cr_assert_eq(r.status, KG_EXIT_INPUT, "exit %d\n%s", r.status, r.err);
    run_free(&r);
  }
}

Test(turtle, many_prefixes_each_used_once)
{
  static const unsigned n = 200000U;

  Doc d;
  doc_init(&d);
  for (unsigned i = 0U; i < n; ++i) {
    put(&d, "@prefix p%u: <http://example.org/ns/%u/> .\n", i, i);
  }
  for (unsigned i = 0U; i < n; ++i) {
    put(&d, "p%u:s p%u:p p%u:o .\n", i, i, i);
  }
  Run r = export_ok(doc_save(&d, "prefixes.ttl"), "turtle");
  cr_assert_eq(n_lines(r.out), n);
  cr_assert_not_null(strstr(r.out,
                            "<http://example.org/ns/199999/s> "
                            "<http://example.org/ns/199999/p> "
                            "<http://example.org/ns/199999/o> .\n"));
  cr_assert_not_null(strstr(r.out,
                            "<http://example.org/ns/0/s> "
                            "<http://example.org/ns/0/p> "
                            "<http://example.org/ns/0/o> .\n"));
  run_free(&r);
}

Test(turtle, a_prefix_declared_again_names_the_new_namespace)
{
  const char* const path = path_in(tmp_dir(), "again.ttl");
  write_file(path,
             "@prefix e: <http://example.org/one/> .\n"
             "@prefix f: <http://example.org/f/> .\n"
             "e:s f:p e:o .\n"
             "@prefix e: <http://example.org/two/> .\n"
             "e:s f:p e:o .\n");
  Run r = export_ok(path, "turtle");
  cr_assert_str_eq(r.out,
                   "<http://example.org/one/s> <http://example.org/f/p> "
                   "<http://example.org/one/o> .\n"
                   "<http://example.org/two/s> <http://example.org/f/p> "
                   "<http://example.org/two/o> .\n");
  run_free(&r);

  // Writers keep the first declaration
  r = run("export", "--to", "turtle", path, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert_not_null(
    strstr(r.out, "@prefix e: <http://example.org/one/> ."), "%s", r.out);
  run_free(&r);
}

Test(turtle, many_prefixes_are_written_back)
{
  static const unsigned n = 50000U;

  Doc d;
  doc_init(&d);
  for (unsigned i = 0U; i < n; ++i) {
    put(&d, "@prefix p%u: <http://example.org/ns/%u/> .\n", i, i);
  }
  for (unsigned i = 0U; i < n; ++i) {
    put(&d, "p%u:s p%u:p p%u:o .\n", i, i, i);
  }
  const char* const path = doc_save(&d, "prefixes.ttl");
  char              in[1024];
  snprintf(in, sizeof(in), "%s", path);
  const char* const out = path_in(tmp_dir(), "out.ttl");

  Run r = run("export", "--to", "turtle", "-o", out, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  run_free(&r);

  // A line at a time (strstr() from each hit is quadratic under ASan)
  char* const text     = read_file(out);
  size_t      declared = 0U;
  for (const char* line = text; line && *line;) {
    declared += !strncmp(line, "@prefix p", 9U);
    line = strchr(line, '\n');
    line = line ? line + 1 : NULL;
  }
  cr_assert_eq(declared, n);
  cr_assert_not_null(strstr(text, "\np49999:s\n    p49999:p p49999:o .\n"));
  free(text);

  r = run("diff", in, out, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  run_free(&r);
}

/// Write `len` bytes of `data` to a new file `name` in a new directory.
static const char*
write_bytes(const char* const name, const char* const data, const size_t len)
{
  const char* const path = path_in(tmp_dir(), name);
  FILE* const       f    = fopen(path, "wb");
  cr_assert_not_null(f);
  cr_assert_eq(fwrite(data, 1U, len, f), len);
  cr_assert_eq(fclose(f), 0);
  return path;
}

/// Assert that exporting `path` stops at a NUL at `where` (":LINE:COL").
static void
assert_nul_error(const char* const path, const char* const where)
{
  const char* const out = path_in(tmp_dir(), "out.nt");
  Run               r   = run("export", "-o", out, path, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s: %s", path, r.err);
  char* const expected = format("%s%s: error: a NUL byte outside a literal "
                                "(U+0000 is text only in a literal)\n",
                                path,
                                where);
  cr_assert_str_eq(r.err, expected);
  cr_assert_not(exists(out));
  free(expected);
  run_free(&r);
}

Test(turtle, a_nul_outside_a_literal_is_an_error_not_the_end)
{
  // serd took a NUL for the end of the document: a megabyte of zeros was
  // an empty graph, and whatever followed a NUL was dropped without a word
  static const char* const exts[] = {"nt", "nq", "ttl"};
  char* const              zeros  = calloc(1000000U, 1U);
  cr_assert_not_null(zeros);
  for (size_t i = 0U; i < 3U; ++i) {
    char* name = format("zeros.%s", exts[i]);
    assert_nul_error(write_bytes(name, zeros, 1000000U), ":1:1");
    free(name);

    static const char two[] = "<http://e/s> <http://e/p> \"a\" .\n"
                              "\0<http://e/s> <http://e/p> \"b\" .\n";
    name                    = format("between.%s", exts[i]);
    assert_nul_error(write_bytes(name, two, sizeof(two) - 1U), ":2:1");
    free(name);

    static const char comment[] = "# a comment \0 hides\n"
                                  "<http://e/s> <http://e/p> \"b\" .\n";
    name                        = format("comment.%s", exts[i]);
    assert_nul_error(write_bytes(name, comment, sizeof(comment) - 1U), ":1:13");
    free(name);
  }
  free(zeros);
}

Test(turtle, a_nul_in_a_literal_is_text)
{
  // N-Triples and Turtle literals may hold U+0000 raw (the W3C suite has
  // one), also past a page of the reader: the line is followed across
  static const char* const exts[] = {"nt", "ttl"};
  Doc                      d;
  doc_init(&d);
  put(&d, "<http://e/s> <http://e/p> \"");
  for (unsigned i = 0U; i < 100000U; ++i) {
    put(&d, "x");
  }
  fputc('\0', d.stream);
  static const char rest[] = "y\" .\n<http://e/s> <http://e/q> \"a\0b\" .\n";
  cr_assert_eq(fwrite(rest, 1U, sizeof(rest) - 1U, d.stream),
               sizeof(rest) - 1U);
  cr_assert_eq(fclose(d.stream), 0);

  for (size_t i = 0U; i < 2U; ++i) {
    char* const       name = format("in-literal.%s", exts[i]);
    const char* const path = write_bytes(name, d.text, d.len);
    Run               r    = run("export", path, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "x\\u0000y\" .\n"), "%.100s", r.out);
    cr_assert(strstr(r.out, "<http://e/q> \"a\\u0000b\" .\n"), "%.100s", r.out);
    run_free(&r);
    free(name);
  }
  free(d.text);

  static const char longs[] =
    "<http://e/s> <http://e/p> \"\"\"a\0\"\0b\"\"\" .\n";
  const char* const path = write_bytes("long.ttl", longs, sizeof(longs) - 1U);
  Run               r    = run("export", path, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "<http://e/s> <http://e/p> \"a\\u0000\\\"\\u0000b\" .\n");
  run_free(&r);
}
