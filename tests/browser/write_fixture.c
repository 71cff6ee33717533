// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// write_fixture FILE: write the HTML report of the hostile fixture.

#include "report_fixture.h"

#include "report.h"

#include <stdio.h>

int
main(int argc, char** argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: write_fixture FILE\n");
    return 2;
  }
  FILE* const f = fopen(argv[1], "w");
  if (!f) {
    perror(argv[1]);
    return 3;
  }
  KgDiffReport report;
  fx_hostile(&report);
  const KgStatus st = kg_report_write_html(&report, f);
  return (fclose(f) || st) ? 4 : 0;
}
