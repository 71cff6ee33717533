// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// A failed write is one message with the path and the reason.

#include "cli.h"
#include "support.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
