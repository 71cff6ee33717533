// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_ALLOC_H
#define KG_SRC_ALLOC_H

#include <kgraph/status.h>

#include <stddef.h>

/**
   Blocks of this many bytes and more are backed by huge pages where the
   system gives them on request (their random access then costs no TLB
   miss).
*/
#define KG_HUGE_BLOCK (8U << 20U)

/// Allocate `size` bytes, or return NULL.
void*
kg_malloc(size_t size);

/// Allocate `n` zeroed elements of `size` bytes, or return NULL.
void*
kg_calloc(size_t n, size_t size);

/// Resize `ptr` to `size` bytes, or return NULL and leave `ptr` as it was.
void*
kg_realloc(void* ptr, size_t size);

/// Resize `ptr` to `n` elements of `size` bytes, checking for overflow.
void*
kg_reallocarray(void* ptr, size_t n, size_t size);

/**
   Make room in the array `*array` of `*cap` elements of `size` bytes for
   element number `n`: double it (from `first` elements) when `n` is past
   its end.  @return KG_SUCCESS or KG_BAD_ALLOC (the array is unchanged).
*/
KgStatus
kg_grow(void** array, size_t* cap, size_t n, size_t size, size_t first);

/// Return a copy of the `len` bytes at `data`, NUL-terminated, or NULL.
char*
kg_strndup(const char* data, size_t len);

#if defined(KG_ALLOC_FAIL_HOOK)

/*
  Only in the copy of the library that the oom tests build: make every
  allocation from the `n`th on fail (0: none), counting from this call.
*/

/// Fail every allocation from the `n`th on (0: none), and reset the count.
void
kg_alloc_fail_from(size_t n);

/// Return the number of allocations asked for since kg_alloc_fail_from().
size_t
kg_alloc_count(void);

#endif

#endif // KG_SRC_ALLOC_H
