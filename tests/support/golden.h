// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Golden files: the cases of a test are the files of its folder, sorted by
// name, so that a new input with its expected output is a new case with no
// change to the code.  KG_UPDATE_EXPECTED=1 makes every golden test write
// what it got as the expected output (review it with git diff); see
// docs/testing.md.  A test checks all its cases, collects every failure in
// a GoldenReport, and fails once at the end naming each failing case.

#ifndef KG_TESTS_SUPPORT_GOLDEN_H
#define KG_TESTS_SUPPORT_GOLDEN_H

#include <criterion/criterion.h>

#include <dirent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// The most arguments in a case's .args file.
#define GOLDEN_MAX_ARGS 32U

/// Return true iff KG_UPDATE_EXPECTED=1: then the golden tests write what
/// they get as the expected output.
static inline bool
golden_updating(void)
{
  const char* const update = getenv("KG_UPDATE_EXPECTED");
  return update && !strcmp(update, "1");
}

/// Return true iff `name` ends with `suffix`.
static inline bool
golden_ends_with(const char* const name, const char* const suffix)
{
  const size_t n = strlen(name);
  const size_t s = strlen(suffix);
  return n >= s && !strcmp(name + n - s, suffix);
}

/// Write a path like snprintf() into `buf`, which it must fit.
static inline void __attribute__((format(printf, 3, 4)))
golden_path(char* const buf, const size_t size, const char* const fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  const int n = vsnprintf(buf, size, fmt, args);
  va_end(args);
  cr_assert(n >= 0 && (size_t)n < size, "a path is too long: %s", buf);
}

/// File names of a folder, sorted.
typedef struct {
  char** names;
  size_t n;
} GoldenNames;

static inline int
golden_compare_names(const void* const a, const void* const b)
{
  return strcmp(*(char* const*)a, *(char* const*)b);
}

/// Return the names of the files in `dir` (not starting with '.') that end
/// with `suffix` (every file if it is ""), sorted by strcmp().
static inline GoldenNames
golden_list(const char* const dir, const char* const suffix)
{
  GoldenNames names = {NULL, 0U};
  DIR* const  d     = opendir(dir);
  cr_assert_not_null(d, "cannot open the folder '%s'", dir);
  size_t cap = 0U;
  for (const struct dirent* e = NULL; (e = readdir(d));) {
    if (e->d_name[0] == '.' || !golden_ends_with(e->d_name, suffix)) {
      continue;
    }
    if (names.n == cap) {
      cap         = cap ? 2U * cap : 16U;
      names.names = (char**)realloc(names.names, cap * sizeof(char*));
      cr_assert_not_null(names.names);
    }
    names.names[names.n] = strdup(e->d_name);
    cr_assert_not_null(names.names[names.n++]);
  }
  closedir(d);
  if (names.n) {
    qsort(names.names, names.n, sizeof(char*), golden_compare_names);
  }
  return names;
}

static inline void
golden_names_free(GoldenNames* const names)
{
  for (size_t i = 0U; i < names->n; ++i) {
    free(names->names[i]);
  }
  free(names->names);
  names->names = NULL;
  names->n     = 0U;
}

/// The failures of a golden test, one line each.
typedef struct {
  char*  text;
  size_t len;
  FILE*  stream;
  size_t n_cases;
  size_t n_failures;
} GoldenReport;

static inline void
golden_report_init(GoldenReport* const report)
{
  report->text       = NULL;
  report->len        = 0U;
  report->n_cases    = 0U;
  report->n_failures = 0U;
  report->stream     = open_memstream(&report->text, &report->len);
  cr_assert_not_null(report->stream);
}

/// Record a failure: a line of `report`.
static inline void __attribute__((format(printf, 2, 3)))
golden_fail(GoldenReport* const report, const char* const fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  fputs("\n  ", report->stream);
  vfprintf(report->stream, fmt, args);
  va_end(args);
  ++report->n_failures;
}

/// Fail the test if `report` holds a failure, or if it checked fewer than
/// `min_cases` cases (a folder emptied by mistake); free `report`.
static inline void
golden_report_end(GoldenReport* const report,
                  const char* const   what,
                  const size_t        min_cases)
{
  fclose(report->stream);
  report->stream = NULL;
  cr_assert_eq(report->n_failures,
               0U,
               "%zu of the %zu %s failed:%s",
               report->n_failures,
               report->n_cases,
               what,
               report->text);
  cr_assert_geq(report->n_cases,
                min_cases,
                "only %zu of %s: is a folder empty?",
                report->n_cases,
                what);
  free(report->text);
  report->text = NULL;
}

/// Return the content of `path` (free()) with its length in `*len`, or
/// NULL if it cannot be read.
static inline char*
golden_read(const char* const path, size_t* const len)
{
  FILE* const f = fopen(path, "rb");
  if (!f) {
    return NULL;
  }
  char*       text = NULL;
  size_t      n    = 0U;
  FILE* const mem  = open_memstream(&text, &n);
  cr_assert_not_null(mem);
  char buf[8192];
  for (size_t k = 0U; (k = fread(buf, 1U, sizeof(buf), f)) > 0U;) {
    fwrite(buf, 1U, k, mem);
  }
  fclose(f);
  fclose(mem);
  *len = n;
  return text;
}

/// Return true iff a file is at `path`.
static inline bool
golden_exists(const char* const path)
{
  FILE* const f = fopen(path, "rb");
  if (f) {
    fclose(f);
  }
  return f != NULL;
}

/// A comparison of an expected output with the one got: NULL if they
/// agree, else a message (free()) that says where they differ first.
typedef char* (*GoldenCompare)(const char* expected,
                               size_t      expected_len,
                               const char* got,
                               size_t      got_len);

/// Compare bytes, and name the first line that differs.
static inline char*
golden_compare_bytes(const char* const expected,
                     const size_t      expected_len,
                     const char* const got,
                     const size_t      got_len)
{
  size_t   i    = 0U;
  size_t   line = 0U;
  unsigned n    = 1U;
  for (; i < expected_len && i < got_len && expected[i] == got[i]; ++i) {
    if (expected[i] == '\n') {
      line = i + 1U;
      ++n;
    }
  }
  if (i == expected_len && i == got_len) {
    return NULL;
  }
  size_t e = line;
  size_t g = line;
  while (e < expected_len && expected[e] != '\n' && e - line < 200U) {
    ++e;
  }
  while (g < got_len && got[g] != '\n' && g - line < 200U) {
    ++g;
  }
  char*       message = NULL;
  size_t      len     = 0U;
  FILE* const mem     = open_memstream(&message, &len);
  cr_assert_not_null(mem);
  fprintf(mem,
          "line %u is '%.*s', expected '%.*s'",
          n,
          (int)(g - line),
          got + line,
          (int)(e - line),
          expected + line);
  fclose(mem);
  return message;
}

/// Check `got` (`len` bytes) against the expected file `path` with
/// `compare` (golden_compare_bytes() if NULL), or write it there when
/// updating; a failure goes to `report`, under the name `name`.
static inline void
golden_check(GoldenReport* const report,
             const char* const   name,
             const char* const   path,
             const char* const   got,
             const size_t        len,
             const GoldenCompare compare)
{
  ++report->n_cases;
  if (golden_updating()) {
    FILE* const f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot write '%s'", path);
    cr_assert_eq(fwrite(got, 1U, len, f), len);
    cr_assert_eq(fclose(f), 0);
  }

  size_t      expected_len = 0U;
  char* const expected     = golden_read(path, &expected_len);
  if (!expected) {
    golden_fail(report,
                "%s: the expected output '%s' is missing; run the test with "
                "KG_UPDATE_EXPECTED=1 to create it, and review it",
                name,
                path);
    return;
  }
  char* const difference = (compare ? compare : golden_compare_bytes)(
    expected, expected_len, got, len);
  if (difference) {
    golden_fail(report, "%s: differs from '%s': %s", name, path, difference);
  }
  free(difference);
  free(expected);
}

/// The arguments of a case, read from its .args file.
typedef struct {
  char*       text;
  const char* argv[GOLDEN_MAX_ARGS + 1U];
  int         argc;
} GoldenArgs;

/// Read the arguments in the file `path`: one a line, empty lines and
/// lines that start with '#' left out; argv ends with NULL.
static inline GoldenArgs
golden_args(const char* const path)
{
  GoldenArgs args = {NULL, {NULL}, 0};
  size_t     len  = 0U;
  args.text       = golden_read(path, &len);
  cr_assert_not_null(args.text, "cannot read '%s'", path);
  for (char* line = args.text; line < args.text + len;) {
    char* const end = strchr(line, '\n');
    if (end) {
      *end = '\0';
    }
    if (*line && *line != '#') {
      cr_assert_lt((unsigned)args.argc,
                   GOLDEN_MAX_ARGS,
                   "too many arguments in '%s'",
                   path);
      args.argv[args.argc++] = line;
    }
    line = end ? end + 1 : args.text + len;
  }
  cr_assert_gt(args.argc, 0, "no arguments in '%s'", path);
  return args;
}

static inline void
golden_args_free(GoldenArgs* const args)
{
  free(args->text);
  args->text = NULL;
}

/// Fail for each file of `dir` that is not a case's .args file and has no
/// .args file beside it (FILE.args for FILE): an expected output left
/// behind by a removed case.
static inline void
golden_check_stale(GoldenReport* const report, const char* const dir)
{
  GoldenNames all = golden_list(dir, "");
  for (size_t i = 0U; i < all.n; ++i) {
    const char* const name = all.names[i];
    if (golden_ends_with(name, ".args")) {
      continue;
    }
    char path[2048];
    golden_path(path, sizeof(path), "%s/%s.args", dir, name);
    if (!golden_exists(path)) {
      golden_fail(report,
                  "%s/%s: an expected output with no case (no '%s.args'); "
                  "remove it, or add its case",
                  dir,
                  name,
                  name);
    }
  }
  golden_names_free(&all);
}

#endif // KG_TESTS_SUPPORT_GOLDEN_H
