// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The progress line, on a standard error that pretends to be a terminal.

#include "support.h"

#include "cli.h"

#include <criterion/criterion.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/// A terminal that draws every update at once.
static const KgTerminal eager = {true, false, 0U, 0U, 0U};

/**
   Return what a terminal shows after printing `text`: '\r' goes back to
   the start of the line, characters overwrite what is there, and a line
   that ends with nothing but spaces is empty (free()).
*/
static char*
screen(const char* const text)
{
  const size_t len   = strlen(text);
  char* const  shown = (char*)calloc(len + 1U, 1U);
  size_t       start = 0U; // Start of the current line in `shown`
  size_t       col   = 0U;
  size_t       end   = 0U; // End of the current line in `shown`
  for (size_t i = 0U; i < len; ++i) {
    if (text[i] == '\r') {
      col = 0U;
    } else if (text[i] == '\n') {
      while (end > start && shown[end - 1U] == ' ') {
        --end;
      }
      shown[end++] = '\n';
      start        = end;
      col          = 0U;
    } else {
      shown[start + col++] = text[i];
      end                  = start + col > end ? start + col : end;
    }
  }
  while (end > start && shown[end - 1U] == ' ') {
    --end;
  }
  shown[end] = '\0';
  return shown;
}

/// Return true iff `err` draws the line `line` (after a '\r').
static bool
draws(const char* const err, const char* const line)
{
  for (const char* p = err; (p = strstr(p, line)); ++p) {
    if (p > err && p[-1] == '\r') {
      return true;
    }
  }
  return false;
}

/// Return how many lines `err` draws that start with `prefix`.
static size_t
count_draws(const char* const err, const char* const prefix)
{
  size_t n = 0U;
  for (const char* p = err; (p = strstr(p, prefix)); ++p) {
    n += p > err && p[-1] == '\r';
  }
  return n;
}

/// Write a Turtle file of `n` triples at `path`.
static void
write_triples(const char* const path, const unsigned n)
{
  FILE* const f = fopen(path, "wb");
  cr_assert_not_null(f);
  for (unsigned i = 0U; i < n; ++i) {
    fprintf(
      f, "<http://example.org/s%u> <http://example.org/p> \"%u\" .\n", i, i);
  }
  fclose(f);
}

static const char* const small = "@prefix e: <http://example.org/> .\n"
                                 "e:a e:p e:b .\n"
                                 "e:b e:p [ e:q \"x\" ] .\n";

Test(progress, export_shows_reading_sorting_and_writing)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "in.ttl");
  write_file(in, small);
  char out[1024];
  snprintf(out, sizeof(out), "%s", path_in(dir, "out.nt"));

  Run r = run_on(&eager, "export", "-o", out, in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  char expected[128];
  snprintf(expected,
           sizeof(expected),
           "kgraph: reading 'in.ttl': 100%% of %zu B, ",
           strlen(small));
  cr_expect(draws(r.err, "kgraph: reading 'in.ttl': 0% of "), "%s", r.err);
  cr_expect(draws(r.err, expected), "%s", r.err);
  cr_expect(draws(r.err, "kgraph: sorting: 3 triples"), "%s", r.err);
  cr_expect(draws(r.err, "kgraph: writing 'out.nt': "), "%s", r.err);

  // The phases come in order, and the line is cleared at the end
  cr_expect_lt(strstr(r.err, "reading"), strstr(r.err, "sorting"));
  cr_expect_lt(strstr(r.err, "sorting"), strstr(r.err, "writing"));
  char* const shown = screen(r.err);
  cr_expect_str_empty(shown, "left on screen: '%s'", shown);
  free(shown);

  char* const written = read_file(out);
  cr_expect_not_null(strstr(written, "<http://example.org/a>"));
  free(written);
  run_free(&r);
}

Test(progress, counts_grow_as_a_big_file_is_read)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "big.nt");
  write_triples(in, 5000U); // About 300 KiB: several chunks

  Run r = run_on(&eager, "export", "--to", "turtle", in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_expect_gt(count_draws(r.err, "kgraph: reading 'big.nt': "), 3U);
  cr_expect(
    draws(r.err, "kgraph: reading 'big.nt': 22% of 286 KiB, "), "%s", r.err);
  cr_expect(
    draws(r.err, "kgraph: reading 'big.nt': 100% of 286 KiB, "), "%s", r.err);

  // The triples read so far: none at first, then more and more
  unsigned long last = 0UL;
  bool          grew = false;
  for (const char* p = r.err; (p = strstr(p, " KiB, ")); ++p) {
    const unsigned long n = strtoul(p + 6, NULL, 10);
    cr_expect_geq(n, last);
    grew = grew || n > last;
    last = n;
  }
  cr_expect(grew, "%s", r.err);
  cr_expect(draws(r.err, "kgraph: sorting: 5000 triples"), "%s", r.err);
  cr_expect(draws(r.err, "kgraph: writing: "), "%s", r.err);

  // The same bytes as without the line
  Run plain = run("export", "--to", "turtle", in, NULL);
  cr_expect_eq(plain.status, 0);
  cr_expect_str_eq(r.out, plain.out);
  run_free(&plain);
  char* const shown = screen(r.err);
  cr_expect_str_empty(shown);
  free(shown);
  run_free(&r);
}

Test(progress, diff_shows_reading_both_and_matching)
{
  const char* const dir = tmp_dir();
  const char* const old = path_in(dir, "old.ttl");
  write_file(old, small);
  const char* const new = path_in(dir, "new.ttl");
  write_file(new, "@prefix e: <http://example.org/> .\ne:a e:p e:c .\n");

  Run r = run_on(&eager, "diff", "--format=ntriples", old, new, NULL);
  cr_assert_eq(r.status, 1, "%s", r.err);
  cr_expect(draws(r.err, "kgraph: reading 'old.ttl': "), "%s", r.err);
  cr_expect(draws(r.err, "kgraph: reading 'new.ttl': "), "%s", r.err);
  cr_expect(draws(r.err, "kgraph: matching: 4 triples"), "%s", r.err);
  cr_expect(draws(r.err, "kgraph: writing: "), "%s", r.err);
  cr_expect_not_null(strstr(r.out, "example.org/c>"), "%s", r.out);
  char* const shown = screen(r.err);
  cr_expect_str_empty(shown);
  free(shown);
  run_free(&r);
}

Test(progress, canon_shows_canonicalizing)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "in.ttl");
  write_file(in, small);

  Run r = run_on(&eager, "canon", in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_expect(draws(r.err, "kgraph: canonicalizing: 3 triples"), "%s", r.err);
  cr_expect(draws(r.err, "kgraph: sorting: 3 triples"), "%s", r.err);
  cr_expect(draws(r.err, "kgraph: writing: "), "%s", r.err);
  char* const shown = screen(r.err);
  cr_expect_str_empty(shown);
  free(shown);
  run_free(&r);
}

Test(progress, nothing_when_not_a_terminal_or_quiet)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "in.ttl");
  write_file(in, small);

  static const KgTerminal none = {false, false, 0U, 0U, 0U};
  Run                     r    = run_on(&none, "export", in, NULL);
  cr_expect_eq(r.status, 0);
  cr_expect_str_empty(r.err);
  run_free(&r);

  // kg_cli_main() on memory streams: not terminals
  r = run("canon", in, NULL);
  cr_expect_eq(r.status, 0);
  cr_expect_str_empty(r.err);
  run_free(&r);

  const char* const commands[][2] = {
    {"export", "-q"}, {"canon", "--quiet"}, {"stats", "-q"}, {"check", "-q"}};
  for (size_t i = 0U; i < sizeof(commands) / sizeof(commands[0]); ++i) {
    r = run_on(&eager, commands[i][0], commands[i][1], in, NULL);
    cr_expect_lt(r.status, 2, "%s: %s", commands[i][0], r.err);
    cr_expect_str_empty(r.err, "%s: '%s'", commands[i][0], r.err);
    run_free(&r);
  }

  r = run_on(&eager, "diff", "-q", in, in, NULL);
  cr_expect_eq(r.status, 0);
  cr_expect_str_empty(r.err);
  run_free(&r);
}

Test(progress, nothing_before_the_delay)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "in.ttl");
  write_file(in, small);

  static const KgTerminal slow = {true, false, 60000U, 0U, 0U};
  Run                     r    = run_on(&slow, "export", in, NULL);
  cr_expect_eq(r.status, 0);
  cr_expect_str_empty(r.err);
  run_free(&r);
}

Test(progress, redrawn_at_most_once_an_interval)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "big.nt");
  write_triples(in, 5000U);

  // A phase is drawn when it starts; its counts wait for the interval
  static const KgTerminal rare = {true, false, 0U, 60000U, 0U};
  Run                     r    = run_on(&rare, "export", in, NULL);
  cr_expect_eq(r.status, 0);
  cr_expect_eq(count_draws(r.err, "kgraph: reading "), 1U, "%s", r.err);
  cr_expect(draws(r.err, "kgraph: reading 'big.nt': 0% of "), "%s", r.err);
  run_free(&r);
}

Test(progress, output_to_the_terminal_ends_the_line)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "in.ttl");
  write_file(in, small);

  // The output would run into the line: it is cleared before, not redrawn
  static const KgTerminal both = {true, true, 0U, 0U, 0U};
  Run                     r    = run_on(&both, "export", in, NULL);
  cr_expect_eq(r.status, 0);
  cr_expect(draws(r.err, "kgraph: reading 'in.ttl': "), "%s", r.err);
  cr_expect_null(strstr(r.err, "sorting"), "%s", r.err);
  cr_expect_null(strstr(r.err, "writing"), "%s", r.err);
  cr_expect_not_null(strstr(r.out, "<http://example.org/a>"));
  char* const shown = screen(r.err);
  cr_expect_str_empty(shown);
  free(shown);
  run_free(&r);
}

/// Check that the messages of `kgraph ARGS...` read the same on a terminal
/// with a progress line as they do without one.
static void
check_same_messages(const char* const cmd,
                    const char* const a,
                    const char* const b,
                    const char* const c,
                    const char* const d)
{
  Run plain = run(cmd, a, b, c, d, NULL);
  Run tty   = run_on(&eager, cmd, a, b, c, d, NULL);
  cr_expect_eq(tty.status, plain.status);
  cr_expect_gt(plain.status, 1, "%s", plain.err);
  cr_expect_str_not_empty(plain.err);
  cr_expect(draws(tty.err, "kgraph: "), "no line drawn: %s", tty.err);
  char* const shown = screen(tty.err);
  cr_expect_str_eq(shown, plain.err);
  free(shown);
  run_free(&tty);
  run_free(&plain);
}

Test(progress, messages_are_not_garbled)
{
  const char* const dir = tmp_dir();
  const char* const bad = path_in(dir, "bad.ttl");
  write_file(bad,
             "@prefix e: <http://example.org/> .\n"
             "e:a e:p e:b .\n"
             "e:a e:p \"unterminated .\n");
  check_same_messages("export", bad, NULL, NULL, NULL);

  // The second file fails after the first was read
  const char* const good = path_in(dir, "good.ttl");
  write_file(good, small);
  check_same_messages("export", good, bad, NULL, NULL);
  check_same_messages("diff", good, bad, NULL, NULL);

  // A missing file, and an output that cannot be written
  check_same_messages("canon", good, path_in(dir, "missing.ttl"), NULL, NULL);
  check_same_messages(
    "export", "-o", path_in(dir, "no/such/dir/out.nt"), good, NULL);

  // Writing fails after the line showed "writing"
  FILE* const full = fopen("/dev/full", "w");
  if (full) {
    fclose(full);
    check_same_messages("export", "--to=ntriples", "-o", "/dev/full", good);
  }
}

Test(progress, warnings_clear_the_line_and_it_comes_back)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "lax.ttl");
  write_file(in,
             "@prefix e: <http://example.org/> .\n"
             "e:a e:p e:b .\n"
             "e:a e:p <bad iri> .\n"
             "e:b e:p e:c .\n");

  Run plain = run("export", "--lax", in, NULL);
  Run tty   = run_on(&eager, "export", "--lax", in, NULL);
  cr_assert_eq(tty.status, plain.status, "%s", tty.err);
  cr_assert_str_not_empty(plain.err);
  char* const shown = screen(tty.err);
  cr_expect_str_eq(shown, plain.err);
  free(shown);
  cr_expect(draws(tty.err, "kgraph: sorting: 2 triples"), "%s", tty.err);
  run_free(&tty);
  run_free(&plain);
}

Test(progress, the_line_fits_one_row)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(
    dir, "a-very-long-file-name-that-would-wrap-the-line-of-any-terminal.ttl");
  write_file(in, small);

  Run r = run_on(&eager, "export", in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  // The name gives way to the counts
  cr_expect(draws(r.err, "kgraph: reading 'a-very-long-file-name-that-would"),
            "%s",
            r.err);
  cr_expect_not_null(strstr(r.err, "...': 100% of "), "%s", r.err);
  size_t widest = 0U;
  for (const char* p = r.err; (p = strchr(p, '\r')); ++p) {
    const size_t n = strcspn(p + 1, "\r\n");
    cr_expect_leq(n, (size_t)KG_PROGRESS_MAX_WIDTH, "%.*s", (int)n, p + 1);
    widest = n > widest ? n : widest;
  }
  cr_expect_eq(widest, (size_t)KG_PROGRESS_MAX_WIDTH);
  run_free(&r);
}

Test(progress, sizes_counts_rates_and_names)
{
  char*  text = NULL;
  size_t len  = 0U;
  FILE*  err  = open_memstream(&text, &len);
  cr_assert_not_null(err);

  KgProgress progress;
  kg_progress_init(&progress, err, &eager);
  kg_progress_enable(&progress, false);
  kg_progress_phase(&progress,
                    "reading",
                    "/data/kg.nt",
                    true,
                    1395864371U, // 1.3 GiB
                    NULL,
                    0U);
  kg_progress_set(&progress, 432000000U, 1395864371U);
  kg_progress_phase(&progress, "sorting", NULL, false, 0U, NULL, 10000000U);
  kg_progress_phase(&progress, "writing", "out.ttl", true, 0U, NULL, 0U);
  kg_progress_add(&progress, 312U * 1024U * 1024U);
  kg_progress_phase(
    &progress, "reading", "a\x1b[31m\x7f.nt", true, 0U, NULL, 271800U);
  kg_progress_add(&progress, 1000U);
  kg_progress_phase(&progress,
                    "reading",
                    "\xe2\x80\xae"
                    "evil\xc2\x9b\xff-\xc3\xa9t\xc3\xa9.nt",
                    false,
                    0U,
                    NULL,
                    0U);
  fflush(err);
  cr_expect(draws(text,
                  "kgraph: reading '?evil?"
                  "?-\xc3\xa9t\xc3\xa9.nt' "),
            "%s",
            text);
  cr_expect(
    draws(text, "kgraph: reading 'kg.nt': 0% of 1.3 GiB\r"), "%s", text);
  cr_expect(
    draws(text, "kgraph: reading 'kg.nt': 30% of 1.3 GiB\r"), "%s", text);
  cr_expect(draws(text, "kgraph: sorting: 10.0M triples"), "%s", text);
  cr_expect(draws(text, "kgraph: writing 'out.ttl': 312 MiB\r"), "%s", text);
  cr_expect(draws(text, "kgraph: reading 'a?[31m?.nt': 1000 B, 271.8k triples"),
            "%s",
            text);

  // The rate, once the phase ran half a second
  kg_progress_phase(&progress, "writing", NULL, true, 0U, NULL, 0U);
  const struct timespec pause = {0, 600000000L};
  nanosleep(&pause, NULL);
  kg_progress_add(&progress, 3U * 1024U * 1024U);
  fflush(err);
  const char* const rate = strstr(text, "kgraph: writing: 3.0 MiB, ");
  cr_assert_not_null(rate, "%s", text);
  const double mib_s =
    strtod(rate + strlen("kgraph: writing: 3.0 MiB, "), NULL);
  cr_expect(mib_s > 0.5 && mib_s <= 5.0, "%s", rate);
  cr_expect_not_null(strstr(rate, " MiB/s"), "%s", rate);

  kg_progress_fini(&progress);
  fclose(err);
  char* const shown = screen(text);
  cr_expect_str_empty(shown, "%s", shown);
  free(shown);
  free(text);
}

Test(progress, a_phase_that_counts_nothing_shows_its_time)
{
  char*  text = NULL;
  size_t len  = 0U;
  FILE*  err  = open_memstream(&text, &len);
  cr_assert_not_null(err);

  // Drawn when it starts, then every second with its time
  KgProgress progress;
  kg_progress_init(&progress, err, &eager);
  kg_progress_enable(&progress, false);
  kg_progress_phase(&progress, "sorting", NULL, false, 0U, NULL, 10000000U);
  const struct timespec pause = {2, 700000000L};
  nanosleep(&pause, NULL);
  kg_progress_phase(&progress, "writing", "out.nt", true, 0U, NULL, 0U);
  kg_progress_fini(&progress);
  fclose(err);
  cr_expect(draws(text, "kgraph: sorting: 10.0M triples\r"), "%s", text);
  cr_expect(draws(text, "kgraph: sorting: 10.0M triples, 1 s\r") ||
              draws(text, "kgraph: sorting: 10.0M triples, 2 s\r"),
            "%s",
            text);
  cr_expect_geq(
    count_draws(text, "kgraph: sorting: 10.0M triples, "), 2U, "%s", text);
  cr_expect(draws(text, "kgraph: writing 'out.nt': 0 B"), "%s", text);
  char* const shown = screen(text);
  cr_expect_str_empty(shown, "%s", shown);
  free(shown);
  free(text);
}

Test(progress, a_phase_started_before_the_delay_shows_once_it_passed)
{
  char*  text = NULL;
  size_t len  = 0U;
  FILE*  err  = open_memstream(&text, &len);
  cr_assert_not_null(err);

  static const KgTerminal late = {true, false, 1500U, 100U, 0U};
  KgProgress              progress;
  kg_progress_init(&progress, err, &late);
  kg_progress_enable(&progress, false);
  kg_progress_phase(&progress, "matching", NULL, false, 0U, NULL, 42U);
  fflush(err);
  cr_expect_str_empty(text);
  const struct timespec pause = {2, 800000000L};
  nanosleep(&pause, NULL);
  kg_progress_clear(&progress);
  fflush(err);
  cr_expect(draws(text, "kgraph: matching: 42 triples, 2 s"), "%s", text);
  kg_progress_fini(&progress);
  fclose(err);
  free(text);
}

Test(progress, as_wide_as_the_terminal)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(
    dir, "a-very-long-file-name-that-would-wrap-the-line-of-any-terminal.ttl");
  write_file(in, small);

  // A wide terminal has room for the whole name
  static const KgTerminal wide = {true, false, 0U, 0U, 132U};
  Run                     r    = run_on(&wide, "export", in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_expect(draws(r.err,
                  "kgraph: reading "
                  "'a-very-long-file-name-that-would-wrap-the-line-of-any-"
                  "terminal.ttl': 100% of "),
            "%s",
            r.err);
  run_free(&r);

  // A narrow one cuts the name, then the counts
  static const KgTerminal narrow = {true, false, 0U, 0U, 40U};
  r                              = run_on(&narrow, "export", in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_expect(
    draws(r.err, "kgraph: reading 'a-very-lo...': 100% of"), "%s", r.err);
  for (const char* p = r.err; (p = strchr(p, '\r')); ++p) {
    const size_t n = strcspn(p + 1, "\r\n");
    cr_expect_leq(n, 39U, "%.*s", (int)n, p + 1);
  }
  char* const shown = screen(r.err);
  cr_expect_str_empty(shown);
  free(shown);
  run_free(&r);
}

Test(progress, standard_input_is_counted_too)
{
  const char* const dir = tmp_dir();
  const char* const in  = path_in(dir, "in.ttl");
  write_file(in, small);
  cr_assert_not_null(freopen(in, "rb", stdin));

  Run r = run_on(&eager, "export", "--from", "turtle", "-", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  char expected[128];
  snprintf(expected,
           sizeof(expected),
           "kgraph: reading '<stdin>': 100%% of %zu B, ",
           strlen(small));
  cr_expect(draws(r.err, expected), "%s", r.err);
  cr_expect(draws(r.err, "kgraph: sorting: 3 triples"), "%s", r.err);
  cr_expect_not_null(strstr(r.out, "<http://example.org/a>"), "%s", r.out);
  run_free(&r);
}

Test(progress, wide_characters_take_two_columns)
{
  const char* const dir = tmp_dir();
  // 深度求索 (DeepSeek) twelve times: 48 characters, 96 columns
  static const char word[] = "\xe6\xb7\xb1\xe5\xba\xa6\xe6\xb1\x82\xe7\xb4\xa2";
  char              name[256];
  size_t            len = 0U;
  for (int i = 0; i < 12; ++i) {
    memcpy(name + len, word, sizeof(word) - 1U);
    len += sizeof(word) - 1U;
  }
  memcpy(name + len, ".ttl", 5U);
  const char* const in = path_in(dir, name);
  write_file(in, small);

  Run r = run_on(&eager, "export", in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_expect_not_null(strstr(r.err, "...': 100% of "), "%s", r.err);
  for (const char* p = r.err; (p = strchr(p, '\r')); ++p) {
    const size_t n     = strcspn(p + 1, "\r\n");
    size_t       width = 0U;
    for (size_t i = 0U; i < n; ++i) {
      const unsigned char c = (unsigned char)p[1 + i];
      width += c >= 0xE0U ? 2U : (c & 0xC0U) != 0x80U;
    }
    cr_expect_leq(width, (size_t)KG_PROGRESS_MAX_WIDTH, "%.*s", (int)n, p + 1);
  }
  run_free(&r);
}
