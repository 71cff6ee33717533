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
  FILE* const out  = (FILE*)stream;
  const char* name = kg_log_level_name(level);
  int         r    = 0;

  if (caret.document && caret.line) {
    r = fprintf(out,
                "%s:%u:%u: %s: %.*s\n",
                caret.document,
                caret.line,
                caret.column ? caret.column : 1U,
                name,
                (int)msg.len,
                msg.data);
  } else if (caret.document) {
    r = fprintf(
      out, "%s: %s: %.*s\n", caret.document, name, (int)msg.len, msg.data);
  } else {
    r = fprintf(out, "kgraph: %s: %.*s\n", name, (int)msg.len, msg.data);
  }

  return r < 0 ? KG_BAD_WRITE : KG_SUCCESS;
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

/// Append `text` with every control escaped, and quotes and backslashes
/// too if `quoting`.
static KgStatus
append_escaped(KgBuffer* const    buf,
               const KgStringView text,
               const size_t       max,
               const bool         quoting)
{
  static const char hex[] = "0123456789ABCDEF";

  KgStatus st = KG_SUCCESS;
  for (size_t i = 0U; !st && i < text.len;) {
    if (i >= max) {
      return kg_buffer_append_str(buf, "...");
    }

    const unsigned char  c = (unsigned char)text.data[i];
    const unsigned char* b = (const unsigned char*)text.data + i;
    if (c >= 0x80U) {
      // Show valid characters as they are, a surrogate as \uXXXX, and any
      // other bad byte as \xHH, so that a message is always valid UTF-8
      const KgStringView rest = {text.data + i, text.len - i};
      size_t             len  = 0U;
      const uint32_t     cp   = kg_utf8_decode(rest, &len);
      if (cp != 0xFFFFFFFFU && is_hidden_control(cp)) {
        st = kg_buffer_printf(buf, "\\u%04X", (unsigned)cp);
        i += len;
      } else if (cp != 0xFFFFFFFFU) {
        st = kg_buffer_append(buf, b, len);
        i += len;
      } else if (rest.len >= 3U && c == 0xEDU && b[1] >= 0xA0U &&
                 b[1] <= 0xBFU && (b[2] & 0xC0U) == 0x80U) {
        st = kg_buffer_printf(
          buf, "\\u%04X", 0xD000U | ((b[1] & 0x3FU) << 6U) | (b[2] & 0x3FU));
        i += 3U;
      } else {
        st = kg_buffer_printf(buf, "\\x%02X", c);
        ++i;
      }
      continue;
    }

    ++i;
    switch (c) {
    case '\n':
      st = kg_buffer_append_str(buf, "\\n");
      break;
    case '\r':
      st = kg_buffer_append_str(buf, "\\r");
      break;
    case '\t':
      st = kg_buffer_append_str(buf, "\\t");
      break;
    case '\\':
      st = quoting ? kg_buffer_append_str(buf, "\\\\")
                   : kg_buffer_append_char(buf, '\\');
      break;
    case '\'':
      st = quoting ? kg_buffer_append_str(buf, "\\'")
                   : kg_buffer_append_char(buf, '\'');
      break;
    default:
      if (c < 0x20U || c == 0x7FU) {
        const char esc[] = {'\\', 'u', '0', '0', hex[c >> 4U], hex[c & 0xFU]};
        st               = kg_buffer_append(buf, esc, sizeof(esc));
      } else {
        st = kg_buffer_append_char(buf, (char)c);
      }
    }
  }

  return st;
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
