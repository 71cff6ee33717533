// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Diagnostics of the library, captured as text for tests.

#ifndef KG_TESTS_SUPPORT_MESSAGES_H
#define KG_TESTS_SUPPORT_MESSAGES_H

#include <kgraph/kgraph.h>

#include <stdio.h>

/// Diagnostics captured from a reader or writer.
typedef struct {
  char     text[8192]; ///< "document:line:column: level: message" lines
  size_t   len;        ///< Bytes in `text`
  unsigned n_errors;   ///< Messages at KG_LOG_ERROR
  unsigned n_warnings; ///< Messages at KG_LOG_WARNING
} Messages;

/// A KgLogFunc that appends to the Messages given as handle.
static inline KgStatus
capture(void* const        handle,
        const KgLogLevel   level,
        const KgCaret      caret,
        const KgStringView msg)
{
  Messages* const m = (Messages*)handle;
  m->n_errors += level == KG_LOG_ERROR;
  m->n_warnings += level == KG_LOG_WARNING;
  const int n = snprintf(m->text + m->len,
                         sizeof(m->text) - m->len,
                         "%s:%u:%u: %s: %.*s\n",
                         caret.document ? caret.document : "-",
                         caret.line,
                         caret.column,
                         kg_log_level_name(level),
                         (int)msg.len,
                         msg.data);
  if (n > 0 && (size_t)n < sizeof(m->text) - m->len) {
    m->len += (size_t)n;
  }
  return KG_SUCCESS;
}

#endif // KG_TESTS_SUPPORT_MESSAGES_H
