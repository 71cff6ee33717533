// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_OUT_H
#define KG_SRC_OUT_H

#include "buffer.h"
#include "order.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/// Bytes buffered before a write to the stream.
#define KG_OUT_SIZE 65536U

/// A buffered output stream that remembers its first error.
typedef struct {
  FILE*     file; ///< Stream, or NULL to append to `sink`
  KgBuffer* sink; ///< Buffer, when `file` is NULL
  size_t    len;
  KgStatus  status;
  bool      for_people; ///< Escape C1 and bidirectional controls too
  char      buf[KG_OUT_SIZE];
} KgOut;

/// Start writing to `file`.
void
kg_out_init(KgOut* out, FILE* file);

/// Start appending to `sink` (a write error is then KG_BAD_ALLOC).
void
kg_out_init_buffer(KgOut* out, KgBuffer* sink);

/// Write the buffer to the stream and flush it.  @return the first error.
KG_NODISCARD KgStatus
kg_out_flush(KgOut* out);

/// Write buffered bytes to the stream (not flushing it).
void
kg_out_drain(KgOut* out);

/// Write `len` bytes.
static inline void
kg_out_write(KgOut* const out, const void* const data, const size_t len)
{
  if (len > KG_OUT_SIZE - out->len) {
    kg_out_drain(out);
    if (len > KG_OUT_SIZE) {
      if (!out->status) {
        out->status = !out->file ? kg_buffer_append(out->sink, data, len)
                      : fwrite(data, 1U, len, out->file) == len ? KG_SUCCESS
                                                                : KG_BAD_WRITE;
      }
      return;
    }
  }
  memcpy(out->buf + out->len, data, len);
  out->len += len;
}

/// Write one byte.
static inline void
kg_out_char(KgOut* const out, const char c)
{
  if (out->len == KG_OUT_SIZE) {
    kg_out_drain(out);
  }
  out->buf[out->len++] = c;
}

/// Write a view.
static inline void
kg_out_sv(KgOut* const out, const KgStringView v)
{
  kg_out_write(out, v.data, v.len);
}

/// Write a NUL-terminated string.
static inline void
kg_out_str(KgOut* const out, const char* const s)
{
  kg_out_write(out, s, strlen(s));
}

/// Write an unsigned number in decimal.
void
kg_out_uint(KgOut* out, unsigned long long n);

/// Write code point `c` (at most U+FFFF) as a UCHAR, `\uXXXX`.
void
kg_out_uchar(KgOut* out, uint32_t c);

/**
   Write the content of a string literal, escaped in canonical N-Triples
   form (RDF 1.2 / RDFC-1.0): \b \t \n \f \r \" \\ as ECHAR, the other
   controls and U+007F as \u00XX, everything else as itself; with
   `out->for_people`, C1 and bidirectional controls as \uXXXX too.
*/
void
kg_out_escaped(KgOut* out, KgStringView text);

/// Write `<iri>`, escaping characters an IRIREF cannot hold as \u00XX,
/// and with `out->for_people` C1 and bidirectional controls as \uXXXX.
void
kg_out_iriref(KgOut* out, KgStringView iri);

/// Write the label of blank node `id` as `_:bN` (N from `order`).
void
kg_out_blank(KgOut* out, const KgOrder* order, KgTermId id);

/// Write term `id` in N-Triples syntax; a blank node as `_:bN` (N from
/// `order`) or, when `order` is NULL, with its own label.
void
kg_out_nt_term(KgOut*         out,
               const KgGraph* graph,
               const KgOrder* order,
               KgTermId       id);

#endif // KG_SRC_OUT_H
