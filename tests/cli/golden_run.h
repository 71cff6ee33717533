// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Golden files of the command line: each case of a folder is NAME.args,
// kgraph's arguments one a line (paths from the source root, where the
// case runs), and its expected standard output NAME beside it.  See
// docs/testing.md.

#ifndef KG_TESTS_CLI_GOLDEN_RUN_H
#define KG_TESTS_CLI_GOLDEN_RUN_H

#include "golden.h"
#include "support.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/**
   Run every case of the folder `dir` (from the source root) and compare
   its output with the expected file by `compare` (bytes if NULL); each must
   exit with `status` and print nothing on standard error.  Fail once,
   naming every case that failed, every expected file with no case (stale),
   and the folder if it holds fewer than `min_cases` cases.
*/
static inline void
golden_run_folder(const char* const   dir,
                  const int           status,
                  const GoldenCompare compare,
                  const size_t        min_cases)
{
  const char* const root = getenv("KG_SOURCE_ROOT");
  cr_assert_not_null(root);
  cr_assert_eq(chdir(root), 0, "cannot enter %s", root);

  GoldenReport report;
  golden_report_init(&report);
  GoldenNames cases = golden_list(dir, ".args");
  for (size_t i = 0U; i < cases.n; ++i) {
    const char* const name = cases.names[i];
    char              args_path[2048];
    char              expected[2048];
    golden_path(args_path, sizeof(args_path), "%s/%s", dir, name);
    golden_path(expected,
                sizeof(expected),
                "%s/%.*s",
                dir,
                (int)(strlen(name) - strlen(".args")),
                name);

    GoldenArgs args = golden_args(args_path);
    Run        r    = run_args(args.argv);
    if (r.status != status || *r.err) {
      ++report.n_cases;
      golden_fail(&report,
                  "%s: exit status %d, expected %d; standard error: %s",
                  args_path,
                  r.status,
                  status,
                  *r.err ? r.err : "(empty)");
    } else {
      golden_check(&report, args_path, expected, r.out, strlen(r.out), compare);
    }
    run_free(&r);
    golden_args_free(&args);
  }
  golden_names_free(&cases);
  golden_check_stale(&report, dir);
  golden_report_end(&report, dir, min_cases);
}

#endif // KG_TESTS_CLI_GOLDEN_RUN_H
