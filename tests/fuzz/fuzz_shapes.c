// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// libFuzzer harness: graphs of awkward shape built in memory (chains, rings,
// lists, trees, grids, cliques; fuzz_shapes.h), then the writers, the
// readers again, canon and diff (fuzz_one.h).

#include "fuzz_shapes.h"

#include <stddef.h>
#include <stdint.h>

int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t* const data, const size_t size)
{
  return kg_shapes_one(data, size);
}
