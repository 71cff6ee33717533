// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// <kgraph/kgraph.h> compiles on its own, first in a translation unit.
#include <kgraph/kgraph.h>

int
kg_test_header_kgraph(void);

int
kg_test_header_kgraph(void)
{
  return 0;
}
