// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// <kgraph/shacl_report.h> compiles on its own, first in a translation unit.
#include <kgraph/shacl_report.h>

int
kg_test_header_shacl_report(void);

int
kg_test_header_shacl_report(void)
{
  return 0;
}
