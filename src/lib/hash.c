// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "hash.h"

#include "alloc.h"

#include <kgraph/status.h>

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef NDEBUG
#  include <sys/random.h>
#  include <time.h>
#endif

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static inline uint64_t
rotl(const uint64_t x, const unsigned r)
{
  return (x << r) | (x >> (64U - r));
}

static inline uint64_t
read64(const uint8_t* const p)
{
  uint64_t v = 0U;
  memcpy(&v, p, sizeof(v));
  return v;
}

static inline uint32_t
read32(const uint8_t* const p)
{
  uint32_t v = 0U;
  memcpy(&v, p, sizeof(v));
  return v;
}

static inline uint64_t
round64(uint64_t acc, const uint64_t lane)
{
  acc += lane * P2;
  acc = rotl(acc, 31U);
  return acc * P1;
}

uint64_t
kg_hash(const void* const data, size_t len, const uint64_t seed)
{
  const uint8_t* p = (const uint8_t*)data;
  uint64_t       h = seed + P5 + (uint64_t)len;

  if (len >= 32U) {
    uint64_t v1 = seed + P1 + P2;
    uint64_t v2 = seed + P2;
    uint64_t v3 = seed;
    uint64_t v4 = seed - P1;
    do {
      v1 = round64(v1, read64(p));
      v2 = round64(v2, read64(p + 8U));
      v3 = round64(v3, read64(p + 16U));
      v4 = round64(v4, read64(p + 24U));
      p += 32U;
      len -= 32U;
    } while (len >= 32U);

    h = rotl(v1, 1U) + rotl(v2, 7U) + rotl(v3, 12U) + rotl(v4, 18U);
    h = (h ^ round64(0U, v1)) * P1 + P4;
    h = (h ^ round64(0U, v2)) * P1 + P4;
    h = (h ^ round64(0U, v3)) * P1 + P4;
    h = (h ^ round64(0U, v4)) * P1 + P4;
    h += (uint64_t)len;
  }

  for (; len >= 8U; p += 8U, len -= 8U) {
    h ^= round64(0U, read64(p));
    h = rotl(h, 27U) * P1 + P4;
  }

  if (len >= 4U) {
    h ^= (uint64_t)read32(p) * P1;
    h = rotl(h, 23U) * P2 + P3;
    p += 4U;
    len -= 4U;
  }

  for (; len; ++p, --len) {
    h ^= (uint64_t)*p * P5;
    h = rotl(h, 11U) * P1;
  }

  h ^= h >> 33U;
  h *= P2;
  h ^= h >> 29U;
  h *= P3;
  h ^= h >> 32U;
  return h;
}

uint64_t
kg_hash_seed(void)
{
#ifdef NDEBUG
  uint64_t seed = 0U;
  if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) != (ssize_t)sizeof(seed)) {
    struct timespec ts = {0, 0};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    seed = kg_hash_u64((uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32U) ^
                       (uint64_t)(uintptr_t)&seed);
  }
  return seed;
#else
  return 0U;
#endif
}

/*
  The open-addressing table
*/

KgStatus
kg_table_init(KgTable* const table, const size_t n_slots)
{
  table->slots = (uint64_t*)kg_calloc(n_slots, sizeof(uint64_t));
  table->mask  = table->slots ? n_slots - 1U : 0U;
  return table->slots ? KG_SUCCESS : KG_BAD_ALLOC;
}

void
kg_table_fini(KgTable* const table)
{
  kg_free(table->slots);
  table->slots = NULL;
  table->mask  = 0U;
}

void
kg_table_clear(KgTable* const table)
{
  memset(table->slots, 0, (table->mask + 1U) * sizeof(uint64_t));
}

KgStatus
kg_table_reserve(KgTable* const table, const size_t n)
{
  size_t n_slots = table->mask + 1U;
  while (n > n_slots / 4U * 3U) {
    if (n_slots > SIZE_MAX / 2U / sizeof(uint64_t)) {
      return KG_BAD_ALLOC;
    }
    n_slots *= 2U;
  }
  if (n_slots == table->mask + 1U) {
    return KG_SUCCESS;
  }

  KgTable bigger = {NULL, 0U};
  if (kg_table_init(&bigger, n_slots)) {
    return KG_BAD_ALLOC;
  }

  for (size_t i = 0U; i <= table->mask; ++i) {
    const uint64_t slot = table->slots[i];
    if (slot) {
      bigger.slots[kg_table_free_slot(&bigger, kg_slot_hash(slot))] = slot;
    }
  }

  kg_table_fini(table);
  *table = bigger;
  return KG_SUCCESS;
}
