// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_HASH_H
#define KG_SRC_HASH_H

#include <kgraph/status.h>

#include <stdbool.h>
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

/**
   The one open-addressing hash table of kgraph (the terms of a graph, its
   triples): 32-bit values, never 0, under 32-bit hashes, probed linearly.

   A slot keeps the hash beside the value, so the table grows without asking
   its owner, and a probe looks at the owner's entry only when the hashes
   match.  The owner keeps the entries and decides when two are equal, in
   the `matches` it gives kg_table_find() (kg_table_is_value() for a set of
   values):

       const size_t i = kg_table_find(t, h, matches, &key);
       if (!t->slots[i]) { ... absent: kg_table_set(t, i, h, value) adds it }

   The table is kept at most 3/4 full (kg_table_reserve()), so probes end.
*/
typedef struct {
  uint64_t* slots; ///< hash << 32 | value, 0 is empty
  size_t    mask;  ///< Number of slots - 1 (a power of 2 minus 1)
} KgTable;

/**
   Start an empty table of `n_slots` slots, a power of 2.

   @return KG_SUCCESS or KG_BAD_ALLOC (then `table` holds nothing).
*/
KG_NODISCARD KgStatus
kg_table_init(KgTable* table, size_t n_slots);

/// Free what `table` holds.
void
kg_table_fini(KgTable* table);

/// Empty `table`, keeping its size.
void
kg_table_clear(KgTable* table);

/**
   Make room for `n` values, growing `table` if they would fill more than
   3/4 of it.  Slot positions change when it grows.

   @return KG_SUCCESS or KG_BAD_ALLOC (then `table` is unchanged).
*/
KG_NODISCARD KgStatus
kg_table_reserve(KgTable* table, size_t n);

/// Return the first slot to probe for hash `h`.
static inline size_t
kg_table_start(const KgTable* const table, const uint32_t h)
{
  return h & table->mask;
}

/// Return the slot to probe after slot `i`.
static inline size_t
kg_table_next(const KgTable* const table, const size_t i)
{
  return (i + 1U) & table->mask;
}

/// Return the first empty slot on the probe path of hash `h`.
static inline size_t
kg_table_free_slot(const KgTable* const table, const uint32_t h)
{
  size_t i = kg_table_start(table, h);
  while (table->slots[i]) {
    i = kg_table_next(table, i);
  }
  return i;
}

/// Return the hash kept in a slot.
static inline uint32_t
kg_slot_hash(const uint64_t slot)
{
  return (uint32_t)(slot >> 32U);
}

/// Return the value kept in a slot.
static inline uint32_t
kg_slot_value(const uint64_t slot)
{
  return (uint32_t)(slot & 0xFFFFFFFFU);
}

/// Put `value` (not 0) under hash `h` in slot `i`.
static inline void
kg_table_set(KgTable* const table,
             const size_t   i,
             const uint32_t h,
             const uint32_t value)
{
  table->slots[i] = ((uint64_t)h << 32U) | value;
}

/**
   Return the slot of the value under hash `h` that `matches(key, value)`
   accepts, or else the empty slot where such a value would go (its
   kg_slot_value() is then 0).  The probe loop of every owner of a table:
   inline, so that the compiler inlines `matches` too.
*/
static inline size_t
kg_table_find(const KgTable* const table,
              const uint32_t       h,
              bool (*const matches)(const void* key, uint32_t value),
              const void* const key)
{
  for (size_t i = kg_table_start(table, h);; i = kg_table_next(table, i)) {
    const uint64_t slot = table->slots[i];
    if (!slot ||
        (kg_slot_hash(slot) == h && matches(key, kg_slot_value(slot)))) {
      return i;
    }
  }
}

/// Return whether `value` is `*(const uint32_t*)key`: the kg_table_find()
/// match of a table whose values are their own keys (a set of term ids).
static inline bool
kg_table_is_value(const void* const key, const uint32_t value)
{
  return *(const uint32_t*)key == value;
}

#endif // KG_SRC_HASH_H
