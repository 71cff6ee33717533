// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "buffer.h"

#include "alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

void
kg_buffer_fini(KgBuffer* const buf)
{
  kg_free(buf->data);
  buf->data   = NULL;
  buf->len    = 0U;
  buf->cap    = 0U;
  buf->status = KG_SUCCESS;
}

/// Remember `st` as the first error of `buf`, and return it.
static KgStatus
fail(KgBuffer* const buf, const KgStatus st)
{
  buf->status = st;
  return st;
}

KgStatus
kg_buffer_reserve(KgBuffer* const buf, const size_t extra)
{
  if (buf->status) {
    return buf->status;
  }

  if (extra > SIZE_MAX - buf->len - 1U) {
    return fail(buf, KG_BAD_ALLOC);
  }

  const size_t need = buf->len + extra + 1U;
  if (need <= buf->cap) {
    return KG_SUCCESS;
  }

  size_t cap = buf->cap ? buf->cap : 64U;
  while (cap < need) {
    cap = (cap > SIZE_MAX / 2U) ? need : cap * 2U;
  }

  char* const data = (char*)kg_realloc(buf->data, cap);
  if (!data) {
    return fail(buf, KG_BAD_ALLOC);
  }

  data[buf->len] = '\0';
  buf->data      = data;
  buf->cap       = cap;
  return KG_SUCCESS;
}

KgStatus
kg_buffer_append(KgBuffer* const buf, const void* const data, const size_t len)
{
  const KgStatus st = kg_buffer_reserve(buf, len);
  if (st) {
    return st;
  }

  if (len) {
    memcpy(buf->data + buf->len, data, len);
  }
  buf->len += len;
  buf->data[buf->len] = '\0';
  return KG_SUCCESS;
}

KgStatus
kg_buffer_vprintf(KgBuffer* const buf, const char* const fmt, va_list args)
{
  va_list copy;
  va_copy(copy, args);
  const int n = vsnprintf(NULL, 0, fmt, copy);
  va_end(copy);
  if (buf->status) {
    return buf->status;
  }

  if (n < 0) {
    return fail(buf, KG_BAD_ARG);
  }

  const KgStatus st = kg_buffer_reserve(buf, (size_t)n);
  if (st) {
    return st;
  }

  const int m = vsnprintf(buf->data + buf->len, (size_t)n + 1U, fmt, args);
  if (m != n) {
    buf->data[buf->len] = '\0';
    return fail(buf, KG_BAD_INTERNAL);
  }

  buf->len += (size_t)n;
  return KG_SUCCESS;
}

KgStatus
kg_buffer_printf(KgBuffer* const buf, const char* const fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  const KgStatus st = kg_buffer_vprintf(buf, fmt, args);
  va_end(args);
  return st;
}

char*
kg_buffer_steal(KgBuffer* const buf)
{
  if (buf->status || (!buf->data && kg_buffer_reserve(buf, 0U))) {
    kg_buffer_fini(buf);
    return NULL;
  }

  char* const data = buf->data;
  buf->data        = NULL;
  buf->len         = 0U;
  buf->cap         = 0U;
  return data;
}
