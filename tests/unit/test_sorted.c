// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "sorted.h"

#include <criterion/criterion.h>

#include <stddef.h>

static int
compare_ints(const void* const key, const void* const element)
{
  const int a = *(const int*)key;
  const int b = *(const int*)element;
  return (a > b) - (a < b);
}

/// Check kg_equal_range() against a linear scan for `key`.
static void
check_key(const int* const array, const size_t n, const int key)
{
  size_t first = 0U;
  while (first < n && array[first] < key) {
    ++first;
  }
  size_t end = first;
  while (end < n && array[end] == key) {
    ++end;
  }

  size_t       n_equal = 99U;
  const size_t got =
    kg_equal_range(&key, array, n, sizeof(int), compare_ints, &n_equal);
  cr_assert_eq(
    got, first, "key %d in %zu: first %zu, not %zu", key, n, got, first);
  cr_assert_eq(
    n_equal, end - first, "key %d in %zu: %zu equal", key, n, n_equal);
}

Test(sorted, equal_range_finds_every_run)
{
  static const int array[] = {1, 1, 2, 4, 4, 4, 7, 9, 9, 12};
  const size_t     n       = sizeof(array) / sizeof(array[0]);
  // Every length, so that runs at both ends and single elements are met
  for (size_t len = 0U; len <= n; ++len) {
    for (int key = 0; key <= 13; ++key) {
      check_key(array, len, key);
    }
  }
}

Test(sorted, equal_range_of_one_value)
{
  static const int array[] = {5, 5, 5, 5, 5, 5, 5};
  size_t           n_equal = 0U;
  const int        five    = 5;
  cr_assert_eq(
    kg_equal_range(&five, array, 7U, sizeof(int), compare_ints, &n_equal), 0U);
  cr_assert_eq(n_equal, 7U);
  const int six = 6;
  cr_assert_eq(
    kg_equal_range(&six, array, 7U, sizeof(int), compare_ints, &n_equal), 7U);
  cr_assert_eq(n_equal, 0U);
}
