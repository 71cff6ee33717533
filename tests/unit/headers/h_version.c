// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// <kgraph/version.h> compiles on its own, first in a translation unit.
#include <kgraph/version.h>

int
kg_test_header_version(void);

int
kg_test_header_version(void)
{
  return 0;
}
