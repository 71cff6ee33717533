// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// <kgraph/text.h> compiles on its own, first in a translation unit.
#include <kgraph/text.h>

int
kg_test_header_text(void);

int
kg_test_header_text(void)
{
  return 0;
}
