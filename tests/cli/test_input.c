// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Odd input: standard input named twice.

#include "cli.h"
#include "support.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Test(input, standard_input_is_named_at_most_once)
{
  const char* const nt = path_in(tmp_dir(), "g.nt");
  write_file(nt, "<http://a/s> <http://a/p> <http://a/o> .\n");

  static const char* const want =
    "kgraph: '-' is named 2 times, but standard input can be read only "
    "once\n";
  Run runs[] = {
    run("diff", "--from", "turtle", "-", "-", NULL),
    run("export", "--from", "turtle", "-", nt, "-", NULL),
    run("canon", "--from", "turtle", "-", "-", NULL),
    run("stats", "--from", "turtle", "-", "-", NULL),
    run("check", "--from", "turtle", "--ontology", "-", "-", NULL),
    run("export", "--to", "dot", "--style", "-", "--from", "turtle", "-", NULL),
    run("diff",
        "--ontology",
        "-",
        "--format",
        "dot",
        "--from",
        "turtle",
        "-",
        nt,
        NULL),
  };
  for (size_t i = 0U; i < sizeof(runs) / sizeof(runs[0]); ++i) {
    cr_assert_eq(runs[i].status, KG_EXIT_USAGE, "%zu: %s", i, runs[i].err);
    cr_assert_str_eq(runs[i].out, "");
    cr_assert(!strncmp(runs[i].err, want, strlen(want)), "%s", runs[i].err);
    run_free(&runs[i]);
  }

  // Once is fine: the arguments pass, and the read asks for --from
  Run r = run("diff", "-", nt, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert_str_eq(r.err,
                   "kgraph: error: reading standard input needs --from\n");
  run_free(&r);
}
