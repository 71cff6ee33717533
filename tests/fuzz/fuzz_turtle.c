// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// libFuzzer harness: the turtle reader, then the writers (fuzz_one.h).

#include "fuzz_one.h"

#include <kgraph/kgraph.h>

#include <stddef.h>
#include <stdint.h>

int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t* const data, const size_t size)
{
  return kg_fuzz_one(KG_SYNTAX_TURTLE, data, size);
}
