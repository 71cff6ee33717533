// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// <kgraph/patch.h> compiles on its own, first in a translation unit.
#include <kgraph/patch.h>

int
kg_test_header_patch(void);

int
kg_test_header_patch(void)
{
  return 0;
}
