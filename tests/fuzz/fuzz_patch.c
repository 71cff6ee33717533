// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// libFuzzer harness: RDF Patch applied to a graph (fuzz_patch.h).

#include "fuzz_patch.h"

#include <stddef.h>
#include <stdint.h>

int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t* const data, const size_t size)
{
  kg_patch_one(data, size);
  return 0;
}
