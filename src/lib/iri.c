// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "iri.h"

#include "buffer.h"
#include "chars.h"
#include "log.h"

#include <kgraph/status.h>
#include <kgraph/text.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
  Checks
*/

// Bit c of FORBIDDEN_LO (c < 64) or of FORBIDDEN_HI (c - 64) is set if
// character c may not appear in an RDF IRI: 0x00 to 0x20, and <>"{}|^`\.
#define FORBIDDEN_LO \
  (0x00000001FFFFFFFFU | (1ULL << '"') | (1ULL << '<') | (1ULL << '>'))
#define FORBIDDEN_HI                                                     \
  ((1ULL << ('\\' - 64)) | (1ULL << ('^' - 64)) | (1ULL << ('`' - 64)) | \
   (1ULL << ('{' - 64)) | (1ULL << ('|' - 64)) | (1ULL << ('}' - 64)))

static inline bool
is_forbidden(const uint8_t c)
{
  return c < 64U    ? ((FORBIDDEN_LO >> c) & 1U)
         : c < 128U ? ((FORBIDDEN_HI >> (c - 64U)) & 1U)
                    : false;
}

KgStatus
kg_iri_check(const KgStringView iri, size_t* const offset)
{
  const uint8_t* const s = (const uint8_t*)iri.data;
  for (size_t i = 0U; i < iri.len; ++i) {
    if (is_forbidden(s[i])) {
      if (offset) {
        *offset = i;
      }
      return KG_BAD_URI;
    }
  }

  if (offset) {
    *offset = iri.len;
  }
  return KG_SUCCESS;
}

/// Return the length of the scheme of `iri` (without the colon), or 0.
static size_t
scheme_len(const KgStringView iri)
{
  if (!iri.len || !kg_is_alpha((unsigned char)iri.data[0])) {
    return 0U;
  }

  for (size_t i = 1U; i < iri.len; ++i) {
    const char c = iri.data[i];
    if (c == ':') {
      return i;
    }

    if (!kg_is_alpha((unsigned char)c) && !kg_is_digit((unsigned char)c) &&
        c != '+' && c != '-' && c != '.') {
      return 0U;
    }
  }

  return 0U;
}

bool
kg_iri_is_absolute(const KgStringView iri)
{
  return scheme_len(iri) > 0U;
}

/*
  Resolution (RFC 3986 section 5.2)
*/

/// The components of an IRI reference, as in RFC 3986 section 5.2.1.
typedef struct {
  KgStringView scheme;    ///< Without the colon
  KgStringView authority; ///< Without the leading "//"
  KgStringView path;      ///< Always defined, possibly empty
  KgStringView query;     ///< Without the "?"
  KgStringView fragment;  ///< Without the "#"
  bool         has_scheme;
  bool         has_authority;
  bool         has_query;
  bool         has_fragment;
} Parts;

static inline KgStringView
slice(const KgStringView whole, const size_t start, const size_t end)
{
  const KgStringView view = {whole.data + start, end - start};
  return view;
}

/**
   Split `iri` as the regular expression of RFC 3986 appendix B does, except
   that a scheme must have the form that RFC 3986 section 3.1 gives it (so
   that "1a:b" is a relative path, and kg_iri_is_absolute() agrees).
*/
static void
split(const KgStringView iri, Parts* const parts)
{
  const char* const s = iri.data;
  const size_t      n = iri.len;
  size_t            i = scheme_len(iri);

  memset(parts, 0, sizeof(*parts));
  if (i) {
    parts->scheme     = slice(iri, 0U, i);
    parts->has_scheme = true;
    ++i; // Colon
  }

  if (n - i >= 2U && s[i] == '/' && s[i + 1U] == '/') {
    const size_t start = i + 2U;
    for (i = start; i < n && s[i] != '/' && s[i] != '?' && s[i] != '#'; ++i) {
    }
    parts->authority     = slice(iri, start, i);
    parts->has_authority = true;
  }

  const size_t path_start = i;
  for (; i < n && s[i] != '?' && s[i] != '#'; ++i) {
  }
  parts->path = slice(iri, path_start, i);

  if (i < n && s[i] == '?') {
    const size_t start = ++i;
    for (; i < n && s[i] != '#'; ++i) {
    }
    parts->query     = slice(iri, start, i);
    parts->has_query = true;
  }

  if (i < n && s[i] == '#') {
    parts->fragment     = slice(iri, i + 1U, n);
    parts->has_fragment = true;
  }
}

/// Return the length of `path` up to and including its last "/", or 0.
static size_t
directory_len(const KgStringView path)
{
  size_t len = path.len;
  while (len && path.data[len - 1U] != '/') {
    --len;
  }

  return len;
}

/// Return the new length of the `len` bytes at `out` after removing their
/// last segment and the "/" before it (RFC 3986 5.2.4 C).
static size_t
pop_segment(const char* const out, const size_t len)
{
  const KgStringView view = {out, len};
  const size_t       dir  = directory_len(view);
  return dir ? dir - 1U : 0U;
}

/**
   Remove the dot segments from the `len` bytes of `path`, in place, as RFC
   3986 section 5.2.4 says, and return the new length.

   The output buffer of the RFC is the start of `path` and its input buffer
   is the rest.  Each step consumes at least as much input as it produces
   output, so writing (at `w`) never overtakes reading (at `r`).
*/
static size_t
remove_dot_segments(char* const path, const size_t len)
{
  size_t r = 0U;
  size_t w = 0U;

  while (r < len) {
    const char* const in = path + r;
    const size_t      n  = len - r;

    if (n >= 3U && in[0] == '.' && in[1] == '.' && in[2] == '/') {
      r += 3U; // A: "../"
    } else if (n >= 2U && in[0] == '.' && in[1] == '/') {
      r += 2U; // A: "./"
    } else if (n >= 3U && in[0] == '/' && in[1] == '.' && in[2] == '/') {
      r += 2U; // B: "/./" becomes "/"
    } else if (n == 2U && in[0] == '/' && in[1] == '.') {
      path[w++] = '/'; // B: "/." becomes "/", which step E would move
      r         = len;
    } else if (n >= 4U && in[0] == '/' && in[1] == '.' && in[2] == '.' &&
               in[3] == '/') {
      w = pop_segment(path, w); // C: "/../" becomes "/"
      r += 3U;
    } else if (n == 3U && in[0] == '/' && in[1] == '.' && in[2] == '.') {
      w         = pop_segment(path, w); // C: "/.." becomes "/"
      path[w++] = '/';
      r         = len;
    } else if ((n == 1U && in[0] == '.') ||
               (n == 2U && in[0] == '.' && in[1] == '.')) {
      r = len; // D
    } else {
      // E: move the first segment, with its leading "/" if any
      size_t seg = 1U;
      while (seg < n && in[seg] != '/') {
        ++seg;
      }
      if (w != r) {
        memmove(path + w, in, seg);
      }
      w += seg;
      r += seg;
    }
  }

  return w;
}

/// Append `len` bytes to `out`, which has room for them.
static inline void
put(KgBuffer* const out, const char* const data, const size_t len)
{
  if (len) {
    memcpy(out->data + out->len, data, len);
    out->len += len;
  }
}

/// Append `view` after `prefix` if `defined`.
static inline void
put_part(KgBuffer* const    out,
         const bool         defined,
         const char* const  prefix,
         const KgStringView view)
{
  if (defined) {
    put(out, prefix, strlen(prefix));
    put(out, view.data, view.len);
  }
}

static inline KgStringView
non_null(const KgStringView view)
{
  // Arithmetic on a null pointer is undefined, even with an offset of 0
  return view.data ? view : KG_SV("");
}

KgStatus
kg_iri_resolve_into(KgBuffer* const    out,
                    const KgStringView base_iri,
                    const KgStringView reference)
{
  Parts r;
  Parts b;
  split(non_null(reference), &r);
  memset(&b, 0, sizeof(b));
  if (!r.has_scheme) {
    if (!kg_iri_is_absolute(base_iri)) {
      return KG_BAD_URI;
    }
    split(base_iri, &b);
  }

  // The result takes each of its parts from either `base_iri` or
  // `reference`, with their delimiters, plus at most a "/" from merging,
  // so reserving once makes every append below infallible
  if (base_iri.len > SIZE_MAX / 2U || reference.len > SIZE_MAX / 2U) {
    return KG_BAD_ALLOC;
  }
  const KgStatus st = kg_buffer_reserve(out, base_iri.len + reference.len + 1U);
  if (st) {
    return st;
  }

  // RFC 3986 5.2.2, with the recomposition of 5.3 done along the way
  const bool   own_path = r.has_scheme || r.has_authority;
  const Parts* scheme   = r.has_scheme ? &r : &b;
  const Parts* auth     = own_path ? &r : &b;
  put(out, scheme->scheme.data, scheme->scheme.len);
  put(out, ":", 1U);
  put_part(out, auth->has_authority, "//", auth->authority);

  const size_t path_start = out->len;
  bool         dotted     = true;
  if (own_path || (r.path.len && r.path.data[0] == '/')) {
    put(out, r.path.data, r.path.len);
  } else if (!r.path.len) {
    put(out, b.path.data, b.path.len);
    dotted = false; // The base path is taken as it is
  } else if (b.has_authority && !b.path.len) {
    put(out, "/", 1U); // 5.2.3: merge with an empty base path
    put(out, r.path.data, r.path.len);
  } else {
    put(out, b.path.data, directory_len(b.path)); // 5.2.3
    put(out, r.path.data, r.path.len);
  }

  if (dotted) {
    out->len = path_start + remove_dot_segments(out->data + path_start,
                                                out->len - path_start);
  }

  const Parts* const query = (own_path || r.path.len || r.has_query) ? &r : &b;
  put_part(out, query->has_query, "?", query->query);
  put_part(out, r.has_fragment, "#", r.fragment);
  out->data[out->len] = '\0';
  return KG_SUCCESS;
}

char*
kg_iri_resolve(const KgStringView base_iri, const KgStringView reference)
{
  KgBuffer buf = KG_BUFFER_INIT;
  if (kg_iri_resolve_into(&buf, base_iri, reference)) {
    kg_buffer_fini(&buf);
    return NULL;
  }

  return kg_buffer_steal(&buf);
}

KgStatus
kg_iri_explain(KgBuffer* const why, const KgStringView iri, const bool absolute)
{
  size_t offset = 0U;
  if (kg_utf8_check(iri, &offset)) {
    kg_buffer_append_str(why, "invalid UTF-8 in IRI '");
    kg_buffer_append_quoted(why, iri, 200U);
    kg_buffer_append_char(why, '\'');
    return KG_BAD_TEXT;
  }

  if (kg_iri_check(iri, &offset)) {
    const unsigned char c = (unsigned char)iri.data[offset];
    if (c <= 0x20U) {
      kg_buffer_printf(why, "character U+%04X", (unsigned)c);
    } else {
      kg_buffer_printf(why, "character '%c'", (char)c);
    }
    kg_buffer_append_str(why, " is not allowed in IRI '");
    kg_buffer_append_quoted(why, iri, 200U);
    kg_buffer_append_char(why, '\'');
    return KG_BAD_URI;
  }

  if (absolute && !kg_iri_is_absolute(iri)) {
    kg_buffer_append_str(why, "IRI '");
    kg_buffer_append_quoted(why, iri, 200U);
    kg_buffer_append_str(why, "' is not absolute");
    return KG_BAD_URI;
  }
  return KG_SUCCESS;
}
