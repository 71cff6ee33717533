// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/// @file status.h Status codes, string views, carets and log sinks.

#ifndef KG_STATUS_H
#define KG_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(_WIN32) && !defined(KG_STATIC) && defined(KG_INTERNAL)
#  define KG_API __declspec(dllexport)
#elif defined(_WIN32) && !defined(KG_STATIC)
#  define KG_API __declspec(dllimport)
#elif defined(__GNUC__)
#  define KG_API __attribute__((visibility("default")))
#else
#  define KG_API
#endif

/**
   Marks a function whose result must be used: GCC and clang then warn
   about a call that drops it.  A `(void)` cast does not silence GCC.
*/
#if defined(__GNUC__)
#  define KG_NODISCARD __attribute__((warn_unused_result))
#else
#  define KG_NODISCARD
#endif

#ifdef __cplusplus
extern "C" {
#endif

/// Return status of library calls.  Test for errors with `st > KG_FAILURE`.
typedef enum {
  KG_SUCCESS,      ///< No error
  KG_FAILURE,      ///< Not an error: not found, already present, end of input
  KG_BAD_ALLOC,    ///< Memory allocation failed
  KG_BAD_ARG,      ///< Invalid argument (a bug in the caller)
  KG_BAD_READ,     ///< Could not read input
  KG_BAD_WRITE,    ///< Could not write output
  KG_BAD_SYNTAX,   ///< Malformed document
  KG_BAD_TEXT,     ///< Invalid UTF-8 or embedded NUL
  KG_BAD_URI,      ///< Invalid or unresolvable IRI
  KG_BAD_DATA,     ///< Well-formed, but cannot be represented or violates the
                   ///< ontology
  KG_BAD_INTERNAL, ///< A kgraph invariant is broken
  KG_BAD_LIMIT,    ///< A work or size limit was exceeded
  KG_BAD_UNSUPPORTED, ///< Not built into this kgraph (see kg_dot_available())
} KgStatus;

/// Return a static, human-readable description of `st`.
KG_API const char*
kg_strerror(KgStatus st);

/// Evaluate `expr`, store its status in `st`, and return it if it is an error.
#define KG_TRY(st, expr)                \
  do {                                  \
    if (((st) = (expr)) > KG_FAILURE) { \
      return (st);                      \
    }                                   \
  } while (0)

/// A borrowed run of bytes; not NUL-terminated unless documented.
typedef struct {
  const char* data; ///< First byte (may be NULL when `len` is 0)
  size_t      len;  ///< Number of bytes
} KgStringView;

/// A string view of a string literal.
#define KG_SV(lit) ((KgStringView){(lit), sizeof(lit) - 1U})

/// A string view of the NUL-terminated string `str` (NULL gives an empty view).
static inline KgStringView
kg_sv(const char* str)
{
  KgStringView v = {str, str ? strlen(str) : 0U};
  return v;
}

/// Return true iff `a` and `b` hold the same bytes.
static inline bool
kg_sv_equals(KgStringView a, KgStringView b)
{
  return a.len == b.len && (!a.len || !memcmp(a.data, b.data, a.len));
}

/**
   Compare `a` and `b` byte by byte (for UTF-8, in code point order), a
   prefix first.  @return A negative number, 0 or a positive number.
*/
static inline int
kg_sv_compare(KgStringView a, KgStringView b)
{
  const size_t n = a.len < b.len ? a.len : b.len;
  const int    c = n ? memcmp(a.data, b.data, n) : 0;
  return c ? c : (a.len < b.len) ? -1 : (a.len > b.len) ? 1 : 0;
}

/// A position in a document.  Lines and columns start at 1 (0: unknown);
/// columns count bytes, as GCC's do.
typedef struct {
  const char* document; ///< Document name (borrowed), or NULL
  unsigned    line;     ///< Line number, or 0
  unsigned    column;   ///< Column number (bytes), or 0
} KgCaret;

/// Severity of a diagnostic.
typedef enum {
  KG_LOG_ERROR,   ///< The operation fails
  KG_LOG_WARNING, ///< Suspicious, but the operation goes on
  KG_LOG_NOTE,    ///< Extra information about the previous message
} KgLogLevel;

/**
   A diagnostic sink.

   Called with a complete message (no trailing newline).  The message stays
   valid only during the call.  The return value is currently ignored.
*/
typedef KgStatus (*KgLogFunc)(void*        handle,
                              KgLogLevel   level,
                              KgCaret      caret,
                              KgStringView msg);

/// A log sink and its handle.  A NULL `func` discards every message.
typedef struct {
  KgLogFunc func;   ///< Sink, or NULL
  void*     handle; ///< First argument of `func`
} KgLog;

/**
   A KgLogFunc that prints to the `FILE*` given as handle, as
   `document:line:col: level: message` or `kgraph: level: message`, the
   document and the message escaped as kg_print_for_people() does.
*/
KG_API KG_NODISCARD KgStatus
kg_log_to_stream(void*        stream,
                 KgLogLevel   level,
                 KgCaret      caret,
                 KgStringView msg);

/// Return "error", "warning" or "note".
KG_API const char*
kg_log_level_name(KgLogLevel level);

/// Free memory returned by a kgraph function (a `char*`, for example).
KG_API void
kg_free(void* ptr);

#ifdef __cplusplus
} // extern "C"
#endif

#endif // KG_STATUS_H
