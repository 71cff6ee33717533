// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "alloc.h"

#include <kgraph/status.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__linux__)
#  include <sys/mman.h>
#endif

/*
  Big blocks (the term table, the triples, their hash slots, the string
  arena) are read at random: at 10M triples they span hundreds of
  megabytes, and with 4 KiB pages almost every access there also missed
  the TLB (time per triple grew by a third from 1M to 10M).  Backed by
  2 MiB pages they do not: ask for them, where the system gives them on
  request (Linux transparent huge pages in "madvise" mode; a no-op in
  "never" mode, and elsewhere).
*/

/// Blocks this big and bigger are advised to use huge pages.
#define HUGE_MIN ((size_t)KG_HUGE_BLOCK)

/// The huge page size (x86-64 and most arm64 kernels).
#define HUGE_PAGE ((uintptr_t)2U << 20U)

static void*
advise_huge(void* const ptr, const size_t size)
{
#if defined(MADV_HUGEPAGE)
  if (ptr && size >= HUGE_MIN) {
    const uintptr_t begin =
      ((uintptr_t)ptr + HUGE_PAGE - 1U) & ~(HUGE_PAGE - 1U);
    const uintptr_t end = ((uintptr_t)ptr + size) & ~(HUGE_PAGE - 1U);
    if (begin < end) {
      (void)madvise((void*)begin, end - begin, MADV_HUGEPAGE); // Only a hint
    }
  }
#else
  (void)size;
#endif
  return ptr;
}

#if defined(KG_ALLOC_FAIL_HOOK)

/*
  The test-only hook: the oom tests build a copy of the library with
  KG_ALLOC_FAIL_HOOK, so that the shipped library has no such state.  The
  counter is process-wide on purpose: every allocation of a run goes
  through it, whichever object makes it.
*/

static size_t n_allocations; ///< Allocations asked for since the last reset
static size_t fail_from;     ///< First allocation to fail, or 0 for none

void
kg_alloc_fail_from(const size_t n)
{
  n_allocations = 0U;
  fail_from     = n;
}

size_t
kg_alloc_count(void)
{
  return n_allocations;
}

/// Count an allocation, and return true if it is to fail.
static bool
fails(void)
{
  ++n_allocations;
  return fail_from && n_allocations >= fail_from;
}

#  define KG_FAILS() fails()
#else
#  define KG_FAILS() false
#endif

void*
kg_malloc(const size_t size)
{
  if (KG_FAILS()) {
    return NULL;
  }
  return advise_huge(malloc(size ? size : 1U), size);
}

void*
kg_calloc(const size_t n, const size_t size)
{
  if (KG_FAILS()) {
    return NULL;
  }
  void* const ptr = calloc(n ? n : 1U, size ? size : 1U);
  return ptr ? advise_huge(ptr, n * size) : NULL; // calloc checked n * size
}

void*
kg_realloc(void* const ptr, const size_t size)
{
  if (KG_FAILS()) {
    return NULL;
  }
  return advise_huge(realloc(ptr, size ? size : 1U), size);
}

void*
kg_reallocarray(void* const ptr, const size_t n, const size_t size)
{
  if (size && n > SIZE_MAX / size) {
    return NULL;
  }

  return kg_realloc(ptr, n * size);
}

KgStatus
kg_grow(void** const  array,
        size_t* const cap,
        const size_t  n,
        const size_t  size,
        const size_t  first)
{
  if (n < *cap) {
    return KG_SUCCESS;
  }
  const size_t new_cap = *cap ? *cap * 2U : first;
  void* const  grown   = kg_reallocarray(*array, new_cap, size);
  if (!grown) {
    return KG_BAD_ALLOC;
  }
  *array = grown;
  *cap   = new_cap;
  return KG_SUCCESS;
}

char*
kg_strndup(const char* const data, const size_t len)
{
  char* const copy = (char*)kg_malloc(len + 1U);
  if (copy) {
    if (len) {
      memcpy(copy, data, len);
    }
    copy[len] = '\0';
  }
  return copy;
}

void
kg_free(void* const ptr)
{
  free(ptr);
}
