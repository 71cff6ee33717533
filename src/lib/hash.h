// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_HASH_H
#define KG_SRC_HASH_H

#include <stddef.h>
#include <stdint.h>

/**
   Hash `len` bytes at `data` with `seed`.

   The one hash function of kgraph (an XXH64-style mix).  Output order never
   depends on it: it only places entries in hash tables.
*/
uint64_t
kg_hash(const void* data, size_t len, uint64_t seed);

/// Mix a 64-bit integer into a well-distributed 64-bit hash.
static inline uint64_t
kg_hash_u64(uint64_t x)
{
  x ^= x >> 33U;
  x *= 0xFF51AFD7ED558CCDULL;
  x ^= x >> 33U;
  x *= 0xC4CEB9FE1A85EC53ULL;
  x ^= x >> 33U;
  return x;
}

/**
   Return the hash seed for a new table: fixed at 0 in debug and test builds
   (so that runs repeat exactly), random per process in release builds.
*/
uint64_t
kg_hash_seed(void);

#endif // KG_SRC_HASH_H
