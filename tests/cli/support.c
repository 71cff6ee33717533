// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "../support/tmp_dir.h"

#include "support.h"

#include "cli.h"

#include <criterion/criterion.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/// Run `kgraph ARGS...` (`args` ends with NULL) with kg_cli_run() if
/// `terminal` is given, else with kg_cli_main().
static Run
run_argv(const KgTerminal* const terminal, const char* const* const args)
{
  // getopt wants mutable strings
  static char args_buf[64][1024];
  char*       argv[65] = {args_buf[0]};
  int         argc     = 1;
  snprintf(args_buf[0], sizeof(args_buf[0]), "kgraph");
  for (; args[argc - 1] && argc < 64; ++argc) {
    snprintf(args_buf[argc], sizeof(args_buf[argc]), "%s", args[argc - 1]);
    argv[argc] = args_buf[argc];
  }
  argv[argc] = NULL;

  Run    r       = {0, NULL, NULL};
  size_t out_len = 0U;
  size_t err_len = 0U;
  FILE*  out     = open_memstream(&r.out, &out_len);
  FILE*  err     = open_memstream(&r.err, &err_len);
  r.status       = terminal ? kg_cli_run(argc, argv, out, err, terminal)
                            : kg_cli_main(argc, argv, out, err);
  fclose(out);
  fclose(err);
  return r;
}

/// Run `kgraph FIRST ARGS...`, as run_argv().
static Run
run_list(const KgTerminal* const terminal,
         const char* const       first,
         va_list                 args)
{
  const char* list[64] = {first};
  size_t      n        = 1U;
  for (const char* a = NULL; n < 63U && (a = va_arg(args, const char*));) {
    list[n++] = a;
  }
  list[n] = NULL;
  return run_argv(terminal, list);
}

Run
run(const char* const first, ...)
{
  va_list args;
  va_start(args, first);
  const Run r = run_list(NULL, first, args);
  va_end(args);
  return r;
}

Run
run_on(const KgTerminal* const terminal, const char* const first, ...)
{
  va_list args;
  va_start(args, first);
  const Run r = run_list(terminal, first, args);
  va_end(args);
  return r;
}

Run
run_args(const char* const* const args)
{
  return run_argv(NULL, args);
}

void
run_free(Run* const r)
{
  free(r->out);
  free(r->err);
  r->out = r->err = NULL;
}

const char*
tmp_dir(void)
{
  static char dir[64];
  cr_assert_not_null(kg_tmp_dir("kgraph-cli", dir, sizeof(dir)));
  return dir;
}

const char*
path_in(const char* const dir, const char* const name)
{
  static char path[4][1024];
  static int  next = 0;
  char* const p    = path[next++ % 4];
  snprintf(p, sizeof(path[0]), "%s/%s", dir, name);
  return p;
}

void
write_file(const char* const path, const char* const text)
{
  FILE* const f = fopen(path, "wb");
  cr_assert_not_null(f, "cannot write %s", path);
  fputs(text, f);
  fclose(f);
}

char*
read_file(const char* const path)
{
  FILE* const f = fopen(path, "rb");
  if (!f) {
    return NULL;
  }
  fseek(f, 0, SEEK_END);
  const long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  char* const text = (char*)calloc((size_t)len + 1U, 1U);
  cr_assert_eq(fread(text, 1U, (size_t)len, f), (size_t)len);
  fclose(f);
  return text;
}

bool
exists(const char* const path)
{
  struct stat st;
  return !stat(path, &st);
}

const char*
data_path(const char* const name)
{
  static char path[4][1024];
  static int  next = 0;
  char* const p    = path[next++ % 4];
  snprintf(p, sizeof(path[0]), "%s/%s", getenv("KG_TEST_DATA"), name);
  return p;
}

char*
format(const char* const fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  const int n = vsnprintf(NULL, 0U, fmt, args);
  va_end(args);
  cr_assert_geq(n, 0);

  char* const s = malloc((size_t)n + 1U);
  cr_assert_not_null(s);
  va_start(args, fmt);
  vsnprintf(s, (size_t)n + 1U, fmt, args);
  va_end(args);
  return s;
}
