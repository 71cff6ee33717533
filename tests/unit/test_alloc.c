// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "alloc.h"
#include "graph.h"
#include "intern.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/// Return true if the system gives huge pages to a mapping that asks.
static bool
huge_pages_on_request(void)
{
  FILE* const f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
  if (!f) {
    return false;
  }

  char       line[128] = {0};
  const bool read      = fgets(line, sizeof(line), f) != NULL;
  fclose(f);
  return read && !strstr(line, "[never]");
}

/// The mappings of this process that ask for huge pages.
typedef struct {
  uintptr_t begin[512];
  uintptr_t end[512];
  size_t    n;
} HugeMaps;

static void
find_huge_maps(HugeMaps* const maps)
{
  FILE* const f = fopen("/proc/self/smaps", "r");
  cr_assert_not_null(f);

  maps->n         = 0U;
  uintptr_t begin = 0U;
  uintptr_t end   = 0U;
  char      line[512];
  while (fgets(line, sizeof(line), f)) {
    uintptr_t b = 0U;
    uintptr_t e = 0U;
    char      c = 0;
    if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR " %c", &b, &e, &c) == 3 &&
        (c == 'r' || c == '-')) {
      begin = b;
      end   = e;
    } else if (!strncmp(line, "VmFlags:", 8) && strstr(line, " hg") &&
               maps->n < 512U) {
      maps->begin[maps->n] = begin;
      maps->end[maps->n]   = end;
      ++maps->n;
    }
  }

  fclose(f);
}

static bool
in_huge_map(const HugeMaps* const maps, const void* const ptr)
{
  for (size_t i = 0U; i < maps->n; ++i) {
    if (maps->begin[i] <= (uintptr_t)ptr && (uintptr_t)ptr < maps->end[i]) {
      return true;
    }
  }
  return false;
}

/// Return true if the mapping that holds `ptr` asks for huge pages.
static bool
mapping_asks_huge(const void* const ptr)
{
  static HugeMaps maps;
  find_huge_maps(&maps);
  return in_huge_map(&maps, ptr);
}

Test(alloc, big_blocks_ask_for_huge_pages)
{
  if (!huge_pages_on_request()) {
    cr_skip("no transparent huge pages here");
  }

  const size_t size = (size_t)KG_HUGE_BLOCK * 2U;
  char* const  a    = (char*)kg_malloc(size);
  char* const  b    = (char*)kg_calloc(size / 8U, 8U);
  char*        c    = (char*)kg_malloc(4096U);
  cr_assert(a && b && c);
  c = (char*)kg_realloc(c, size);
  cr_assert_not_null(c);

  // The middle of each block lies in a 2 MiB page that is all its own
  cr_assert(mapping_asks_huge(a + size / 2U));
  cr_assert(mapping_asks_huge(b + size / 2U));
  cr_assert(mapping_asks_huge(c + size / 2U));
  kg_free(c);
  kg_free(b);
  kg_free(a);
}

Test(alloc, small_blocks_are_left_alone)
{
  char* const a = (char*)kg_malloc(64U);
  cr_assert_not_null(a);
  cr_assert(!mapping_asks_huge(a));
  kg_free(a);
}

Test(intern, strings_stay_whole_across_growing_arena_blocks)
{
  // 40 MB of distinct text: the arena grows from 1 MiB blocks to 64 MiB
  // ones, with big strings in blocks of their own between them
  KgTerms terms;
  cr_assert_eq(kg_terms_init(&terms, 0U), KG_SUCCESS);

  enum { N = 200000 };
  static char big[300000];
  memset(big, 'x', sizeof(big));
  char text[256];
  for (uint32_t i = 0U; i < N; ++i) {
    const int len =
      snprintf(text, sizeof(text), "http://example.org/%u/%0180u", i, i);
    cr_assert(len > 0);
    const KgStringView v = {text, (size_t)len};
    const KgTermId id = kg_terms_intern(&terms, KG_TERM_IRI, v, 0U, 0U, NULL);
    cr_assert_eq(id, i + 1U);
    if (i % 40000U == 0U) {
      const KgStringView b = {big, sizeof(big) - i};
      cr_assert(kg_terms_store(&terms, b.data, b.len));
    }
  }

  // Most strings lie in blocks big enough for huge pages
  if (huge_pages_on_request()) {
    static HugeMaps maps;
    find_huge_maps(&maps);
    size_t n_huge = 0U;
    for (uint32_t i = 0U; i < N; ++i) {
      n_huge += in_huge_map(&maps, kg_terms_text(&terms, i + 1U).data);
    }
    cr_assert_gt(n_huge, N / 2U, "%zu strings of %u in huge pages", n_huge, N);
  }

  for (uint32_t i = 0U; i < N; ++i) {
    const int len =
      snprintf(text, sizeof(text), "http://example.org/%u/%0180u", i, i);
    const KgStringView v = {text, (size_t)len};
    cr_assert_eq(kg_terms_find(&terms, KG_TERM_IRI, v, 0U, 0U), i + 1U);
    const KgStringView got = kg_terms_text(&terms, i + 1U);
    cr_assert_eq(got.len, v.len);
    cr_assert(!memcmp(got.data, text, v.len));
    cr_assert_eq(got.data[got.len], '\0');
  }

  kg_terms_fini(&terms);
}
