// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "alloc.h"
#include "shacl_values.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <criterion/criterion.h>

#include <stdbool.h>
#include <stddef.h>

#define PATTERN "^[a-z-[aeiou]]+ \\p{IsBasicLatin} \\s* x$"

/// Compile PATTERN (with a class subtraction and flags that rewrite it) and
/// match it; return the status of the first step that fails.
static KgStatus
compile_and_match(bool* const matched)
{
  KgShPattern* p = (KgShPattern*)&p;
  KgStatus st    = kg_sh_pattern_new(KG_SV(PATTERN), KG_SV("ix"), &p, NULL, 0U);
  if (st) {
    cr_assert_null(p);
    return st;
  }

  const KgShValue text = {KG_TERM_LITERAL,
                          KG_SV("XYZX"),
                          KG_SV("http://www.w3.org/2001/XMLSchema#string"),
                          KG_SV(""),
                          NULL,
                          0U};

  *matched = kg_sh_pattern_matches(p, text, &st);
  kg_sh_pattern_free(p);
  return st;
}

Test(shacl_values_oom, each_failed_allocation_gives_bad_alloc)
{
  bool matched = false;
  kg_alloc_fail_from(0U);
  cr_assert_eq(compile_and_match(&matched), KG_SUCCESS);
  cr_assert(matched);
  const size_t n = kg_alloc_count();
  cr_assert_gt(n, 4U);

  // LeakSanitizer checks that each failure frees what was allocated
  for (size_t fail = 1U; fail <= n + 1U; ++fail) {
    kg_alloc_fail_from(fail);
    matched           = false;
    const KgStatus st = compile_and_match(&matched);
    kg_alloc_fail_from(0U);
    if (fail <= n) {
      cr_assert_eq(
        st, KG_BAD_ALLOC, "allocation %zu of %zu: %d", fail, n, (int)st);
      cr_assert_not(matched);
    } else {
      cr_assert_eq(st, KG_SUCCESS);
      cr_assert(matched);
    }
  }
}
