// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "alloc.h"

#include <kgraph/status.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void*
kg_malloc(const size_t size)
{
  return malloc(size ? size : 1U);
}

void*
kg_calloc(const size_t n, const size_t size)
{
  return calloc(n ? n : 1U, size ? size : 1U);
}

void*
kg_realloc(void* const ptr, const size_t size)
{
  return realloc(ptr, size ? size : 1U);
}

void*
kg_reallocarray(void* const ptr, const size_t n, const size_t size)
{
  if (size && n > SIZE_MAX / size) {
    return NULL;
  }

  return kg_realloc(ptr, n * size);
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
