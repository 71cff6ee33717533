// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_BUFFER_H
#define KG_SRC_BUFFER_H

#include <kgraph/status.h>

#include <stdarg.h>
#include <stddef.h>

/**
   A growable byte buffer, NUL-terminated whenever `data` is not NULL.

   Like KgOut, a buffer remembers its first error: once an append fails,
   every later append does nothing and returns that error, which stays in
   `status` until kg_buffer_fini() or kg_buffer_steal().  A run of appends
   can so be checked once, at its end, instead of after each call.  A
   zeroed buffer is a valid empty one.
*/
typedef struct {
  char*    data;   ///< Bytes, or NULL before the first append
  size_t   len;    ///< Number of bytes, not counting the terminating NUL
  size_t   cap;    ///< Allocated bytes
  KgStatus status; ///< The first error of an append, or KG_SUCCESS
} KgBuffer;

/// An empty buffer (no allocation yet).
#define KG_BUFFER_INIT       \
  {                          \
    NULL, 0U, 0U, KG_SUCCESS \
  }

/// Free the bytes of `buf` and make it empty, with no error.
void
kg_buffer_fini(KgBuffer* buf);

/// Make `buf` empty, keeping its memory (and its first error).
static inline void
kg_buffer_clear(KgBuffer* const buf)
{
  buf->len = 0U;
  if (buf->data) {
    buf->data[0] = '\0';
  }
}

/**
   Make room for `extra` more bytes.

   @return KG_SUCCESS, KG_BAD_ALLOC, or the buffer's earlier error.
*/
KgStatus
kg_buffer_reserve(KgBuffer* buf, size_t extra);

/**
   Append `len` bytes.

   @return KG_SUCCESS, KG_BAD_ALLOC, or the buffer's earlier error (then
   nothing is appended); the error is also kept in `buf->status`.
*/
KgStatus
kg_buffer_append(KgBuffer* buf, const void* data, size_t len);

/// Append the bytes of `view`.
static inline KgStatus
kg_buffer_append_sv(KgBuffer* const buf, const KgStringView view)
{
  return kg_buffer_append(buf, view.data, view.len);
}

/// Append a NUL-terminated string.
static inline KgStatus
kg_buffer_append_str(KgBuffer* const buf, const char* const str)
{
  return kg_buffer_append(buf, str, strlen(str));
}

/// Append one byte.
static inline KgStatus
kg_buffer_append_char(KgBuffer* const buf, const char c)
{
  if (buf->len + 1U < buf->cap && !buf->status) {
    buf->data[buf->len++] = c;
    buf->data[buf->len]   = '\0';
    return KG_SUCCESS;
  }
  return kg_buffer_append(buf, &c, 1U);
}

/// Append formatted text.  @return As kg_buffer_append(), or KG_BAD_ARG
/// for a format vsnprintf() refuses.
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
KgStatus
kg_buffer_printf(KgBuffer* buf, const char* fmt, ...);

/// Append formatted text from a va_list.
#if defined(__GNUC__)
__attribute__((format(printf, 2, 0)))
#endif
KgStatus
kg_buffer_vprintf(KgBuffer* buf, const char* fmt, va_list args);

/// Return the contents as a view.
static inline KgStringView
kg_buffer_view(const KgBuffer* const buf)
{
  KgStringView v = {buf->data ? buf->data : "", buf->len};
  return v;
}

/**
   Take the bytes of `buf`, leaving it empty.

   @return A NUL-terminated string to free with kg_free(), or NULL if memory
   runs out or an earlier append failed.  The buffer is empty afterwards,
   with no error.
*/
char*
kg_buffer_steal(KgBuffer* buf);

#endif // KG_SRC_BUFFER_H
