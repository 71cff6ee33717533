// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// <kgraph/canon.h> compiles on its own, first in a translation unit.
#include <kgraph/canon.h>

int
kg_test_header_canon(void);

int
kg_test_header_canon(void)
{
  return 0;
}
