// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_TESTS_UNIT_PARAMS_H
#define KG_TESTS_UNIT_PARAMS_H

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <stddef.h>

// Criterion runs each case in a new process, where pointers in a parameter
// would be dangling, so the parameters are indices into static tables
#define INDEX_PARAMS(table)                                            \
  static size_t indices[sizeof(table) / sizeof(table[0])];             \
  for (size_t i = 0U; i < sizeof(indices) / sizeof(indices[0]); ++i) { \
    indices[i] = i;                                                    \
  }                                                                    \
  return cr_make_param_array(                                          \
    size_t, indices, sizeof(indices) / sizeof(indices[0]))

#endif // KG_TESTS_UNIT_PARAMS_H
