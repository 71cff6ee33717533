// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// <kgraph/status.h> compiles on its own, first in a translation unit.
#include <kgraph/status.h>

int
kg_test_header_status(void);

int
kg_test_header_status(void)
{
  return 0;
}
