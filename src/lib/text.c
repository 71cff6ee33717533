// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "chars.h"

#include <kgraph/status.h>
#include <kgraph/text.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
  UTF-8
*/

#define ASCII_MASK 0x8080808080808080U

/**
   Check the multi-byte sequence at the start of `s` (`n` > 0 bytes, `s[0]`
   is not ASCII), following Table 3-7 of the Unicode Standard, which is the
   RFC 3629 grammar written out byte by byte.

   @param prefix Set to the number of bytes that start a well-formed sequence
   (at least 1), which is where the sequence went wrong when it is ill-formed.
   @return The length of the sequence (2 to 4), or 0 if it is ill-formed.
*/
static inline size_t
check_sequence(const uint8_t* const s, const size_t n, size_t* const prefix)
{
  const uint8_t lead = s[0];
  size_t        len  = 0U;
  uint8_t       lo   = 0x80U; // Bounds of the second byte
  uint8_t       hi   = 0xBFU;

  if (lead >= 0xC2U && lead <= 0xDFU) {
    len = 2U;
  } else if (lead >= 0xE0U && lead <= 0xEFU) {
    len = 3U;
    if (lead == 0xE0U) {
      lo = 0xA0U; // Shorter forms are overlong
    } else if (lead == 0xEDU) {
      hi = 0x9FU; // ED A0..BF would be a surrogate
    }
  } else if (lead >= 0xF0U && lead <= 0xF4U) {
    len = 4U;
    if (lead == 0xF0U) {
      lo = 0x90U; // Shorter forms are overlong
    } else if (lead == 0xF4U) {
      hi = 0x8FU; // F4 90 and above is beyond U+10FFFF
    }
  } else {
    // Stray continuation byte, C0/C1 (always overlong), or F5..FF
    *prefix = 1U;
    return 0U;
  }

  if (n < 2U || s[1] < lo || s[1] > hi) {
    *prefix = 1U;
    return 0U;
  }

  for (size_t i = 2U; i < len; ++i) {
    if (i >= n || (s[i] & 0xC0U) != 0x80U) {
      *prefix = i;
      return 0U;
    }
  }

  *prefix = len;
  return len;
}

KgStatus
kg_utf8_check(const KgStringView text, size_t* const offset)
{
  const uint8_t* const s = (const uint8_t*)text.data;
  const size_t         n = text.len;
  size_t               i = 0U;

  while (i < n) {
    // Most RDF text is ASCII, so skip it a word at a time
    while (n - i >= 8U) {
      uint64_t word = 0U;
      memcpy(&word, s + i, sizeof(word));
      if (word & ASCII_MASK) {
        break;
      }
      i += 8U;
    }

    // At most a word's worth of bytes up to the next non-ASCII one
    while (i < n && s[i] < 0x80U) {
      ++i;
    }

    if (i < n) {
      size_t       prefix = 0U;
      const size_t len    = check_sequence(s + i, n - i, &prefix);
      if (!len) {
        if (offset) {
          *offset = i;
        }
        return KG_BAD_TEXT;
      }
      i += len;
    }
  }

  if (offset) {
    *offset = n;
  }
  return KG_SUCCESS;
}

uint32_t
kg_utf8_decode(const KgStringView text, size_t* const len)
{
  const uint8_t* const s    = (const uint8_t*)text.data;
  size_t               size = 0U;
  uint32_t             c    = 0xFFFFFFFFU;

  if (!text.len) {
    size = 0U;
  } else if (s[0] < 0x80U) {
    size = 1U;
    c    = s[0];
  } else if (check_sequence(s, text.len, &size)) {
    // The lead byte keeps 7 - size bits, continuation bytes 6 each
    c = s[0] & (0x7FU >> size);
    for (size_t i = 1U; i < size; ++i) {
      c = (c << 6U) | (s[i] & 0x3FU);
    }
  }

  if (len) {
    *len = size;
  }
  return c;
}

uint32_t
kg_utf8_next(const KgStringView text, size_t* const offset)
{
  const KgStringView rest = {text.data + *offset, text.len - *offset};
  size_t             len  = 0U;
  const uint32_t     c    = kg_utf8_decode(rest, &len);
  *offset += len ? len : 1U;
  return c;
}

/*
  Language tags (RFC 5646 section 2.1)
*/

/// Tags that RFC 5646 lists one by one ("grandfathered").  The regular ones
/// also match the langtag production, but are listed for completeness.
static const char* const grandfathered[] = {
  // Irregular
  "en-GB-oed",
  "i-ami",
  "i-bnn",
  "i-default",
  "i-enochian",
  "i-hak",
  "i-klingon",
  "i-lux",
  "i-mingo",
  "i-navajo",
  "i-pwn",
  "i-tao",
  "i-tay",
  "i-tsu",
  "sgn-BE-FR",
  "sgn-BE-NL",
  "sgn-CH-DE",
  // Regular
  "art-lojban",
  "cel-gaulish",
  "no-bok",
  "no-nyn",
  "zh-guoyu",
  "zh-hakka",
  "zh-min",
  "zh-min-nan",
  "zh-xiang",
};

static inline char
to_lower(const char c)
{
  return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool
equals_ignoring_case(const KgStringView a, const char* const b)
{
  const size_t b_len = strlen(b);
  if (a.len != b_len) {
    return false;
  }

  for (size_t i = 0U; i < b_len; ++i) {
    if (to_lower(a.data[i]) != to_lower(b[i])) {
      return false;
    }
  }

  return true;
}

/// A subtag: a run of bytes between hyphens, classified once.
typedef struct {
  const char* data;
  size_t      len;
  bool        all_alpha;
  bool        all_digit;
} Subtag;

static bool
is_singleton(const Subtag* const t, const char c)
{
  return t->len == 1U && to_lower(t->data[0]) == c;
}

/// Return true iff `tag` is 1*8alphanum *("-" 1*8alphanum).
static bool
has_valid_subtags(const KgStringView tag)
{
  size_t run = 0U;
  for (size_t i = 0U; i < tag.len; ++i) {
    const char c = tag.data[i];
    if (c == '-') {
      if (!run) {
        return false;
      }
      run = 0U;
    } else if ((!kg_is_alpha((unsigned char)c) &&
                !kg_is_digit((unsigned char)c)) ||
               ++run > 8U) {
      return false;
    }
  }

  return run > 0U;
}

/**
   Read the subtag that starts at `tag.data[*pos]`, and move `*pos` past it
   and the hyphen after it.  The tag must have passed has_valid_subtags().

   @return False if every subtag has been read.
*/
static bool
next_subtag(const KgStringView tag, size_t* const pos, Subtag* const t)
{
  if (*pos >= tag.len) {
    return false;
  }

  t->data      = tag.data + *pos;
  t->len       = 0U;
  t->all_alpha = true;
  t->all_digit = true;
  for (; *pos < tag.len && tag.data[*pos] != '-'; ++*pos, ++t->len) {
    if (kg_is_digit((unsigned char)tag.data[*pos])) {
      t->all_alpha = false;
    } else {
      t->all_digit = false;
    }
  }

  if (*pos < tag.len) {
    ++*pos; // Hyphen
  }
  return true;
}

/// Return true iff `tag` matches `langtag` or `privateuse` of RFC 5646.
static bool
is_langtag(const KgStringView tag)
{
  // Every production below is made of 1*8alphanum subtags, so checking that
  // once up front (empty tag, "--", trailing "-", "_") leaves only the
  // shape of each subtag to look at
  if (!has_valid_subtags(tag)) {
    return false;
  }

  size_t pos = 0U;
  Subtag t   = {NULL, 0U, false, false};
  next_subtag(tag, &pos, &t);

  // privateuse = "x" 1*("-" (1*8alphanum)), also as a whole tag
  if (is_singleton(&t, 'x')) {
    return next_subtag(tag, &pos, &t);
  }

  // The grammar is unambiguous when read greedily from the left: each
  // optional part has a shape that none of the parts after it can have

  // language = 2*3ALPHA ["-" extlang] / 4ALPHA / 5*8ALPHA
  if (!t.all_alpha || t.len < 2U) {
    return false;
  }

  const size_t language_len = t.len;
  bool         have         = next_subtag(tag, &pos, &t);
  if (language_len <= 3U) {
    // extlang = 3ALPHA *2("-" 3ALPHA), only after a 2*3ALPHA language
    for (unsigned n_ext = 0U; have && n_ext < 3U && t.len == 3U && t.all_alpha;
         ++n_ext) {
      have = next_subtag(tag, &pos, &t);
    }
  }

  // script = 4ALPHA
  if (have && t.len == 4U && t.all_alpha) {
    have = next_subtag(tag, &pos, &t);
  }

  // region = 2ALPHA / 3DIGIT
  if (have && ((t.len == 2U && t.all_alpha) || (t.len == 3U && t.all_digit))) {
    have = next_subtag(tag, &pos, &t);
  }

  // variant = 5*8alphanum / (DIGIT 3alphanum)
  while (have && (t.len >= 5U ||
                  (t.len == 4U && kg_is_digit((unsigned char)t.data[0])))) {
    have = next_subtag(tag, &pos, &t);
  }

  // extension = singleton 1*("-" (2*8alphanum))
  while (have && t.len == 1U && !is_singleton(&t, 'x')) {
    size_t n_sub = 0U;
    while ((have = next_subtag(tag, &pos, &t)) && t.len >= 2U) {
      ++n_sub;
    }
    if (!n_sub) {
      return false;
    }
  }

  // privateuse = "x" 1*("-" (1*8alphanum)), which takes the rest of the tag
  if (have && is_singleton(&t, 'x')) {
    return next_subtag(tag, &pos, &t);
  }

  return !have;
}

static bool
is_grandfathered(const KgStringView tag)
{
  for (size_t i = 0U; i < sizeof(grandfathered) / sizeof(*grandfathered); ++i) {
    if (equals_ignoring_case(tag, grandfathered[i])) {
      return true;
    }
  }

  return false;
}

bool
kg_langtag_is_valid(const KgStringView tag)
{
  // The list is only for the rare tags that the grammar refuses
  return is_langtag(tag) || is_grandfathered(tag);
}
