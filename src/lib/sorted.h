// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_SORTED_H
#define KG_SRC_SORTED_H

#include <stddef.h>

/**
   Return the index of the first element of the sorted array `base` (`n`
   elements of `size` bytes) that does not sort before `key`, or `n` if there
   is none.

   `compare(key, element)` returns a negative number, 0 or a positive number
   as `key` sorts before, with or after `element`, and must agree with the
   order of `base`.  Inline, so that the comparison is too.
*/
static inline size_t
kg_lower_bound(const void* const key,
               const void* const base,
               const size_t      n,
               const size_t      size,
               int (*const compare)(const void*, const void*))
{
  const char* const array = (const char*)base;
  size_t            lo    = 0U;
  size_t            hi    = n;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2U;
    if (compare(key, array + mid * size) > 0) {
      lo = mid + 1U;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/**
   Find the elements of the sorted array `base` that `compare` finds equal to
   `key`, as bsearch() finds one (the arguments are kg_lower_bound()'s).

   @return The index of the first element not before `key` (`n` if there is
   none); `*n_equal` is set to how many elements from there are equal.
*/
static inline size_t
kg_equal_range(const void* const key,
               const void* const base,
               const size_t      n,
               const size_t      size,
               int (*const compare)(const void*, const void*),
               size_t* const     n_equal)
{
  const char* const array = (const char*)base;
  const size_t      lo    = kg_lower_bound(key, base, n, size, compare);
  size_t            end   = lo;
  while (end < n && !compare(key, array + end * size)) {
    ++end;
  }
  *n_equal = end - lo;
  return lo;
}

#endif // KG_SRC_SORTED_H
