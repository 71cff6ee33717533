// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// <kgraph/graph.h> compiles on its own, first in a translation unit.
#include <kgraph/graph.h>

int
kg_test_header_graph(void);

int
kg_test_header_graph(void)
{
  return 0;
}
