// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "log.h"

#include "buffer.h"

#include <kgraph/status.h>
#include <kgraph/text.h>

#include <stdio.h>

const char*
kg_log_level_name(const KgLogLevel level)
{
  switch (level) {
  case KG_LOG_ERROR:
    return "error";
  case KG_LOG_WARNING:
    return "warning";
  case KG_LOG_NOTE:
    return "note";
  }
  return "error";
}

KgStatus
kg_log_to_stream(void* const        stream,
                 const KgLogLevel   level,
                 const KgCaret      caret,
                 const KgStringView msg)
{
  // The document's name and the message may both hold the user's text: a
  // file name, a value quoted from a graph, so both are escaped for people
  FILE* const out = (FILE*)stream;
  bool        ok  = true;
  if (caret.document) {
    ok = !kg_print_for_people(out, kg_sv(caret.document));
    if (caret.line) {
      ok = ok &&
           fprintf(
             out, ":%u:%u", caret.line, caret.column ? caret.column : 1U) > 0;
    }
  } else {
    ok = fputs("kgraph", out) >= 0;
  }
  ok = ok && fprintf(out, ": %s: ", kg_log_level_name(level)) > 0 &&
       !kg_print_for_people(out, msg) && fputc('\n', out) != EOF;
  return ok ? KG_SUCCESS : KG_BAD_WRITE;
}

KgStatus
kg_vlog(const KgLog* const log,
        const KgLogLevel   level,
        const KgCaret      caret,
        const char* const  fmt,
        va_list            args)
{
  if (!log || !log->func) {
    return KG_SUCCESS;
  }

  KgBuffer       buf = KG_BUFFER_INIT;
  const KgStatus st  = kg_buffer_vprintf(&buf, fmt, args);
  if (!st) {
    log->func(log->handle, level, caret, kg_buffer_view(&buf));
  } else {
    log->func(log->handle, level, caret, KG_SV("out of memory"));
  }

  kg_buffer_fini(&buf);
  return st;
}

KgStatus
kg_log(const KgLog* const log,
       const KgLogLevel   level,
       const KgCaret      caret,
       const char* const  fmt,
       ...)
{
  va_list args;
  va_start(args, fmt);
  const KgStatus st = kg_vlog(log, level, caret, fmt, args);
  va_end(args);
  return st;
}

/**
   Return true iff code point `c` is a C1 control or changes the direction
   of text (a bidirectional mark, embedding, override or isolate): shown as
   it is, it could make a terminal act, or reorder what a reader sees.
*/
static bool
is_hidden_control(const uint32_t c)
{
  return (c >= 0x80U && c <= 0x9FU) || c == 0x61CU || c == 0x200EU ||
         c == 0x200FU || (c >= 0x202AU && c <= 0x202EU) ||
         (c >= 0x2066U && c <= 0x2069U);
}

size_t
kg_hidden_control_len(const KgStringView text)
{
  const unsigned char* const b = (const unsigned char*)text.data;
  if (!text.len || (b[0] != 0xC2U && b[0] != 0xD8U && b[0] != 0xE2U)) {
    return 0U; // The lead bytes of every hidden control
  }
  size_t         len = 0U;
  const uint32_t c   = kg_utf8_decode(text, &len);
  return (c != 0xFFFFFFFFU && is_hidden_control(c)) ? len : 0U;
}

/// The longest escape of one character: `\uXXXX`.
#define ESCAPE_SIZE 6U

/// Write `u` to `esc` as `\uXXXX` and return its length.
static size_t
uchar_escape(const uint32_t u, char esc[ESCAPE_SIZE])
{
  static const char hex[] = "0123456789ABCDEF";
  esc[0]                  = '\\';
  esc[1]                  = 'u';
  esc[2]                  = hex[(u >> 12U) & 0xFU];
  esc[3]                  = hex[(u >> 8U) & 0xFU];
  esc[4]                  = hex[(u >> 4U) & 0xFU];
  esc[5]                  = hex[u & 0xFU];
  return 6U;
}

/**
   Find how the character at the start of `text` is shown: set `*used` to
   its bytes and return the length of its escape, written to `esc`, or 0 if
   it stands as it is.  Valid characters stand as they are, but controls; a
   surrogate is `\uXXXX`, any other bad byte `\xHH`, so that what is shown
   is always valid UTF-8.  Quotes and backslashes are escaped if `quoting`.
*/
static size_t
escape_first(const KgStringView text,
             const bool         quoting,
             char               esc[ESCAPE_SIZE],
             size_t* const      used)
{
  static const char          hex[] = "0123456789ABCDEF";
  const unsigned char* const b     = (const unsigned char*)text.data;
  const unsigned char        c     = b[0];

  *used = 1U;
  if (c >= 0x80U) {
    size_t         len = 0U;
    const uint32_t cp  = kg_utf8_decode(text, &len);
    uint32_t       u   = cp;
    if (cp != 0xFFFFFFFFU) {
      *used = len;
      if (!is_hidden_control(cp)) {
        return 0U;
      }
    } else if (text.len >= 3U && c == 0xEDU && b[1] >= 0xA0U && b[1] <= 0xBFU &&
               (b[2] & 0xC0U) == 0x80U) {
      *used = 3U;
      u     = 0xD000U | ((b[1] & 0x3FU) << 6U) | (b[2] & 0x3FU);
    } else {
      esc[0] = '\\';
      esc[1] = 'x';
      esc[2] = hex[c >> 4U];
      esc[3] = hex[c & 0xFU];
      return 4U;
    }
    return uchar_escape(u, esc);
  }

  const char* const named = c == '\n'                ? "n"
                            : c == '\r'              ? "r"
                            : c == '\t'              ? "t"
                            : (quoting && c == '\\') ? "\\"
                            : (quoting && c == '\'') ? "'"
                                                     : NULL;
  if (named) {
    esc[0] = '\\';
    esc[1] = named[0];
    return 2U;
  }
  if (c < 0x20U || c == 0x7FU) {
    return uchar_escape(c, esc);
  }
  return 0U;
}

/// Take a run of `len` bytes of escaped text; return false to stop.
typedef bool (*RunSink)(void* sink, const char* data, size_t len);

/**
   Pass `text` to `put` in runs, with every control escaped, and quotes and
   backslashes too if `quoting`; after `max` bytes of `text`, "..." instead
   of the rest.  @return False as soon as `put` does.
*/
static bool
escape_runs(const KgStringView text,
            const size_t       max,
            const bool         quoting,
            const RunSink      put,
            void* const        sink)
{
  size_t start = 0U; // Start of the run of text passed as it is
  for (size_t i = 0U; i < text.len;) {
    if (i >= max) {
      return put(sink, text.data + start, i - start) && put(sink, "...", 3U);
    }

    char               esc[ESCAPE_SIZE];
    size_t             used = 0U;
    const KgStringView rest = {text.data + i, text.len - i};
    const size_t       len  = escape_first(rest, quoting, esc, &used);
    if (len) {
      if (!put(sink, text.data + start, i - start) || !put(sink, esc, len)) {
        return false;
      }
      start = i + used;
    }
    i += used;
  }
  return put(sink, text.data + start, text.len - start);
}

/// A buffer that escaped text is appended to, and the first error.
typedef struct {
  KgBuffer* buf;
  KgStatus  status;
} BufferSink;

static bool
append_run(void* const sink, const char* const data, const size_t len)
{
  BufferSink* const b = (BufferSink*)sink;
  b->status           = len ? kg_buffer_append(b->buf, data, len) : KG_SUCCESS;
  return !b->status;
}

static bool
write_run(void* const sink, const char* const data, const size_t len)
{
  return !len || fwrite(data, 1U, len, (FILE*)sink) == len;
}

/// Append `text` with every control escaped, and quotes and backslashes
/// too if `quoting`.
static KgStatus
append_escaped(KgBuffer* const    buf,
               const KgStringView text,
               const size_t       max,
               const bool         quoting)
{
  BufferSink sink = {buf, KG_SUCCESS};
  escape_runs(text, max, quoting, append_run, &sink);
  return sink.status;
}

KgStatus
kg_print_for_people(FILE* const stream, const KgStringView text)
{
  return escape_runs(text, SIZE_MAX, false, write_run, stream) ? KG_SUCCESS
                                                               : KG_BAD_WRITE;
}

KgStatus
kg_buffer_append_quoted(KgBuffer* const    buf,
                        const KgStringView text,
                        const size_t       max)
{
  return append_escaped(buf, text, max, true);
}

KgStatus
kg_buffer_append_for_people(KgBuffer* const buf, const KgStringView text)
{
  return append_escaped(buf, text, SIZE_MAX, false);
}

char*
kg_text_for_people(const KgStringView text)
{
  KgBuffer buf = KG_BUFFER_INIT;
  if (kg_buffer_append_for_people(&buf, text)) {
    kg_buffer_fini(&buf);
    return NULL;
  }
  return kg_buffer_steal(&buf);
}
