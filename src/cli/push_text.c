// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "push_text.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

const char*
kg_push_reason_phrase(const long code)
{
  // For HTTP/2 and later, whose status lines have no reason phrase
  static const struct {
    long        code;
    const char* reason;
  } reasons[] = {
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {409, "Conflict"},
    {411, "Length Required"},
    {413, "Content Too Large"},
    {415, "Unsupported Media Type"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Timeout"},
  };

  for (size_t i = 0U; i < sizeof(reasons) / sizeof(reasons[0]); ++i) {
    if (reasons[i].code == code) {
      return reasons[i].reason;
    }
  }
  return "";
}

/// Return true iff `c` is white space, which kg_push_summarize() makes one
/// space.
static bool
is_blank(const unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

/// Return the length of the name of the HTML tag at `p` (after '<' or '</').
static size_t
tag_name_len(const char* const p, const char* const end)
{
  size_t len = 0U;
  while (p + len < end && ((p[len] >= 'a' && p[len] <= 'z') ||
                           (p[len] >= 'A' && p[len] <= 'Z') ||
                           (p[len] >= '0' && p[len] <= '9'))) {
    ++len;
  }
  return len;
}

/// Return true iff the `len` bytes at `name` are one of the '|'-separated
/// words of `list` (case-insensitively).
static bool
in_words(const char* const list, const char* const name, const size_t len)
{
  for (const char* p = list; *p;) {
    const size_t n = strcspn(p, "|");
    if (n == len && !strncasecmp(p, name, len)) {
      return true;
    }
    p += n + (p[n] == '|');
  }
  return false;
}

size_t
kg_push_html_to_text(const char*       p,
                     const char* const end,
                     char* const       out,
                     const size_t      size)
{
  static const char* const hidden = "head|title|script|style";
  static const char* const inline_tags =
    "a|abbr|b|code|em|font|i|kbd|q|s|samp|small|span|strong|sub|sup|tt|u|var";
  static const struct {
    const char* name;
    char        c;
  } entities[] = {
    {"&lt;", '<'},
    {"&gt;", '>'},
    {"&amp;", '&'},
    {"&quot;", '"'},
    {"&#39;", '\''},
    {"&apos;", '\''},
    {"&nbsp;", ' '},
  };

  size_t len = 0U;
  while (p < end && len + 1U < size) {
    if (*p == '<') {
      const bool   closing = p + 1 < end && p[1] == '/';
      const char*  name    = p + 1 + closing;
      const size_t n       = tag_name_len(name, end);
      const char*  gt      = (const char*)memchr(p, '>', (size_t)(end - p));
      p                    = gt ? gt + 1 : end;
      if (!closing && n && in_words(hidden, name, n)) {
        // Skip to the matching end tag
        for (; p < end; ++p) {
          if (p[0] == '<' && p + 1 < end && p[1] == '/' &&
              tag_name_len(p + 2, end) == n && !strncasecmp(p + 2, name, n)) {
            gt = (const char*)memchr(p, '>', (size_t)(end - p));
            p  = gt ? gt + 1 : end;
            break;
          }
        }
      }
      if (!n || !in_words(inline_tags, name, n)) {
        out[len++] = '\n';
      }
      continue;
    }

    char c = *p++;
    if (c == '&') {
      for (size_t i = 0U; i < sizeof(entities) / sizeof(entities[0]); ++i) {
        const size_t n = strlen(entities[i].name);
        if ((size_t)(end - p) + 1U >= n &&
            !strncmp(p - 1, entities[i].name, n)) {
          c = entities[i].c;
          p += n - 1U;
          break;
        }
      }
    }
    out[len++] = c;
  }
  out[len] = '\0';
  return len;
}

void
kg_push_summarize(const char* const content_type,
                  const char* const body,
                  const size_t      body_len,
                  char* const       out,
                  const size_t      size)
{
  char         text[KG_PUSH_BODY_SIZE];
  const size_t n    = body_len < sizeof(text) ? body_len : sizeof(text) - 1U;
  const bool   html = strstr(content_type, "html") || (n && body[0] == '<');
  size_t       text_len = 0U;
  if (html) {
    text_len = kg_push_html_to_text(body, body + n, text, sizeof(text));
  } else {
    // Up to a NUL, as a C string
    const char* const nul = (const char*)memchr(body, '\0', n);
    text_len              = nul ? (size_t)(nul - body) : n;
    memcpy(text, body, text_len);
    text[text_len] = '\0';
  }

  size_t      len = 0U;
  bool        cut = false;
  bool        mid = false; // Cut inside a character
  const char* p   = text;
  const char* end = text + text_len;
  while (p < end && !cut) {
    const char* const eol = (const char*)memchr(p, '\n', (size_t)(end - p));
    const char* const lim = eol ? eol : end;

    // Skip the line if it is empty or repeats the status
    const char* q = p;
    while (q < lim && is_blank((unsigned char)*q)) {
      ++q;
    }
    if (q == lim || ((size_t)(lim - q) >= 5U && !strncmp(q, "HTTP/", 5U))) {
      p = eol ? eol + 1 : end;
      continue;
    }

    if (len) {
      // Lines are joined with ": ", or with a space after a punctuation mark
      const bool punct = strchr(":;,.", out[len - 1U]) != NULL;
      if (len + (punct ? 1U : 2U) > KG_PUSH_MAX_MESSAGE) {
        cut = true;
        break;
      }
      if (!punct) {
        out[len++] = ':';
      }
      out[len++] = ' ';
    }

    bool space = false;
    for (; q < lim; ++q) {
      const unsigned char c = (unsigned char)*q;
      if (is_blank(c)) {
        space = true;
        continue;
      }
      if (len + (space ? 2U : 1U) > KG_PUSH_MAX_MESSAGE) {
        cut = true;
        mid = !space && (c & 0xC0U) == 0x80U;
        break;
      }
      if (space) {
        out[len++] = ' ';
        space      = false;
      }
      out[len++] = (char)c;
    }
    p = eol ? eol + 1 : end;
  }

  if (cut) {
    // At a character boundary (without the start of the character that did
    // not fit), and saying so
    while (mid && len && ((unsigned char)out[len - 1U] & 0xC0U) == 0x80U) {
      --len;
    }
    if (mid && len && ((unsigned char)out[len - 1U] & 0xC0U) == 0xC0U) {
      --len;
    }
    if (len + 4U <= size) {
      memcpy(out + len, "...", 3U);
      len += 3U;
    }
  }
  out[len < size ? len : size - 1U] = '\0';
}
