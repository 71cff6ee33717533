// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// <kgraph/syntax.h> compiles on its own, first in a translation unit.
#include <kgraph/syntax.h>

int
kg_test_header_syntax(void);

int
kg_test_header_syntax(void)
{
  return 0;
}
