// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_LOG_H
#define KG_SRC_LOG_H

#include "buffer.h"

#include <kgraph/status.h>

#include <stdarg.h>

/// A caret with no position.
#define KG_NO_CARET ((KgCaret){NULL, 0U, 0U})

/**
   Format a message and send it to `log`.

   @return KG_SUCCESS, or KG_BAD_ALLOC if the message could not be built.
*/
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
KgStatus
kg_log(const KgLog* log, KgLogLevel level, KgCaret caret, const char* fmt, ...);

/// Like kg_log() with a va_list.
#if defined(__GNUC__)
__attribute__((format(printf, 4, 0)))
#endif
KgStatus
kg_vlog(const KgLog* log,
        KgLogLevel   level,
        KgCaret      caret,
        const char*  fmt,
        va_list      args);

/**
   Append `text` to `buf` for showing inside quotes in a message: control
   characters, quotes and backslashes are escaped as in N-Triples, and text
   longer than `max` bytes is cut (at a character boundary) with "...".
*/
KgStatus
kg_buffer_append_quoted(KgBuffer* buf, KgStringView text, size_t max);

/**
   Append `text` to `buf` for a person's terminal: control characters (C0,
   DEL, C1), bidirectional controls and invalid bytes are escaped as
   `\uXXXX` or `\xHH`, line breaks as `\n` and `\r`; the rest, quotes and
   backslashes too, as it is.
*/
KgStatus
kg_buffer_append_for_people(KgBuffer* buf, KgStringView text);

/**
   Return the length in bytes of the C1 control or bidirectional control
   that `text` starts with (the characters kg_buffer_append_for_people()
   escapes beyond ASCII), or 0 if it starts with another character.
*/
size_t
kg_hidden_control_len(KgStringView text);

#endif // KG_SRC_LOG_H
