// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// <kgraph/shacl.h> compiles on its own, first in a translation unit.
#include <kgraph/shacl.h>

int
kg_test_header_shacl(void);

int
kg_test_header_shacl(void)
{
  return 0;
}
