// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "params.h"

#include <kgraph/status.h>
#include <kgraph/text.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
  kg_utf8_check
*/

typedef struct {
  const char* bytes;
  size_t      len;
  KgStatus    status;
  size_t      offset; ///< Of the first bad byte, or `len` if valid
} Utf8Case;

#define GOOD(lit)                                         \
  {                                                       \
    (lit), sizeof(lit) - 1U, KG_SUCCESS, sizeof(lit) - 1U \
  }
#define BAD(lit, offset)                           \
  {                                                \
    (lit), sizeof(lit) - 1U, KG_BAD_TEXT, (offset) \
  }

static const Utf8Case utf8_cases[] = {
  GOOD(""),
  GOOD("abc"),
  GOOD("\x00"),
  GOOD("a\x00z"),
  GOOD("\x7f"),
  // Smallest and largest of each length
  GOOD("\xc2\x80"),
  GOOD("\xdf\xbf"),
  GOOD("\xe0\xa0\x80"),
  GOOD("\xef\xbf\xbf"),
  GOOD("\xf0\x90\x80\x80"),
  GOOD("\xf4\x8f\xbf\xbf"),
  // Around the surrogates
  GOOD("\xed\x9f\xbf"),
  GOOD("\xee\x80\x80"),
  // Mixed
  GOOD("h\xc3\xa9llo w\xc3\xb6rld \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80"),
  GOOD("\xe2\x82\xac"
       "12345678901234567890"),
  // Overlong forms
  BAD("\xc0\x80", 0U),
  BAD("\xc1\xbf", 0U),
  BAD("\xe0\x80\x80", 0U),
  BAD("\xe0\x9f\xbf", 0U),
  BAD("\xf0\x80\x80\x80", 0U),
  BAD("\xf0\x8f\xbf\xbf", 0U),
  BAD("ab\xc0\xaf", 2U),
  // Surrogates
  BAD("\xed\xa0\x80", 0U),
  BAD("\xed\xbf\xbf", 0U),
  BAD("x\xed\xb0\x80", 1U),
  // Beyond U+10FFFF, and bytes that never appear
  BAD("\xf4\x90\x80\x80", 0U),
  BAD("\xf5\x80\x80\x80", 0U),
  BAD("\xf7\xbf\xbf\xbf", 0U),
  BAD("\xf8\x88\x80\x80\x80", 0U),
  BAD("\xfc\x84\x80\x80\x80\x80", 0U),
  BAD("\xfe", 0U),
  BAD("\xff", 0U),
  // Truncated sequences
  BAD("\xc2", 0U),
  BAD("\xe2\x82", 0U),
  BAD("ab\xe2\x82", 2U),
  BAD("\xf0\x9f\x98", 0U),
  BAD("\xf0\x9f", 0U),
  BAD("\xe2\x82"
      "a",
      0U),
  BAD("\xf0\x9f\x98"
      "a",
      0U),
  BAD("\xc2"
      "\xc2\x80",
      0U),
  // Stray continuation bytes
  BAD("\x80", 0U),
  BAD("a\xbf", 1U),
  BAD("\xc2\x80\x80", 2U),
  BAD("\xe2\x82\xac\xac", 3U),
  // After a long ASCII run (the word-at-a-time path)
  BAD("0123456789abcdef0123456789abcdef0123456789\x80", 42U),
  BAD("01234567\xc0\x80", 8U),
  BAD("0123456\xed\xa0\x80", 7U),
  BAD("012345678\xf4\x90\x80\x80", 9U),
  BAD("\xc3\xa9"
      "0123456789abcdef0123456789abcdef\xe2\x82",
      34U),
  BAD("0123456789abcdef\x00\x00\x00\x00\x00\x00\x00\x00\xff", 24U),
};

ParameterizedTestParameters(utf8, check_table)
{
  INDEX_PARAMS(utf8_cases);
}

ParameterizedTest(size_t* i, utf8, check_table)
{
  const Utf8Case* const c      = &utf8_cases[*i];
  const KgStringView    text   = {c->bytes, c->len};
  size_t                offset = 12345U;

  cr_expect_eq(kg_utf8_check(text, &offset), c->status, "case %zu", *i);
  cr_expect_eq(offset, c->offset, "case %zu: offset %zu", *i, offset);
  cr_expect_eq(kg_utf8_check(text, NULL), c->status, "case %zu", *i);
}

Test(utf8, empty_null_view)
{
  const KgStringView none   = {NULL, 0U};
  size_t             offset = 12345U;
  cr_expect_eq(kg_utf8_check(none, &offset), KG_SUCCESS);
  cr_expect_eq(offset, 0U);
}

Test(utf8, bad_byte_at_every_position)
{
  // Every alignment and distance from the end of a word, with ASCII and
  // multi-byte text before the bad byte
  static const char* const bad[] = {"\x80", "\xc0\x80", "\xed\xa0\x80", "\xe2"};

  for (size_t b = 0U; b < sizeof(bad) / sizeof(bad[0]); ++b) {
    for (size_t prefix = 0U; prefix < 70U; ++prefix) {
      for (size_t suffix = 0U; suffix < 10U; ++suffix) {
        char   text[128];
        size_t len = 0U;
        for (size_t j = 0U; j < prefix; ++j) {
          text[len++] = (char)('a' + (j % 26U));
        }
        if (prefix >= 2U && b % 2U) {
          text[prefix - 2U] = '\xc3'; // End the prefix with a valid "é"
          text[prefix - 1U] = '\xa9';
        }
        const size_t bad_len = strlen(bad[b]);
        memcpy(text + len, bad[b], bad_len);
        len += bad_len;
        for (size_t j = 0U; j < suffix; ++j) {
          text[len++] = 'z';
        }

        const KgStringView view   = {text, len};
        size_t             offset = 12345U;
        cr_assert_eq(kg_utf8_check(view, &offset),
                     KG_BAD_TEXT,
                     "bad %zu, prefix %zu, suffix %zu",
                     b,
                     prefix,
                     suffix);
        cr_assert_eq(offset,
                     prefix,
                     "bad %zu, prefix %zu, suffix %zu: offset %zu",
                     b,
                     prefix,
                     suffix,
                     offset);
      }
    }
  }
}

/// Encode `c` the plain way, even if it is a surrogate.
static size_t
encode(const uint32_t c, uint8_t* const out)
{
  if (c < 0x80U) {
    out[0] = (uint8_t)c;
    return 1U;
  }

  if (c < 0x800U) {
    out[0] = (uint8_t)(0xC0U | (c >> 6U));
    out[1] = (uint8_t)(0x80U | (c & 0x3FU));
    return 2U;
  }

  if (c < 0x10000U) {
    out[0] = (uint8_t)(0xE0U | (c >> 12U));
    out[1] = (uint8_t)(0x80U | ((c >> 6U) & 0x3FU));
    out[2] = (uint8_t)(0x80U | (c & 0x3FU));
    return 3U;
  }

  out[0] = (uint8_t)(0xF0U | (c >> 18U));
  out[1] = (uint8_t)(0x80U | ((c >> 12U) & 0x3FU));
  out[2] = (uint8_t)(0x80U | ((c >> 6U) & 0x3FU));
  out[3] = (uint8_t)(0x80U | (c & 0x3FU));
  return 4U;
}

Test(utf8, every_code_point)
{
  for (uint32_t c = 0U; c <= 0x10FFFFU; ++c) {
    uint8_t            bytes[4];
    const size_t       n         = encode(c, bytes);
    const KgStringView view      = {(const char*)bytes, n};
    const bool         surrogate = c >= 0xD800U && c <= 0xDFFFU;

    size_t offset = 12345U;
    size_t len    = 12345U;
    if (surrogate) {
      cr_assert_eq(kg_utf8_check(view, &offset), KG_BAD_TEXT, "U+%04X", c);
      cr_assert_eq(offset, 0U);
      cr_assert_eq(kg_utf8_decode(view, &len), 0xFFFFFFFFU, "U+%04X", c);
      cr_assert_eq(len, 1U);
    } else {
      cr_assert_eq(kg_utf8_check(view, &offset), KG_SUCCESS, "U+%04X", c);
      cr_assert_eq(offset, n);
      cr_assert_eq(kg_utf8_decode(view, &len), c, "U+%04X", c);
      cr_assert_eq(len, n, "U+%04X", c);
    }
  }
}

/// Return the length of the valid sequence at the start of `s`, or 0, by
/// decoding first and judging the code point afterwards.
static size_t
reference_check(const uint8_t* const s, const size_t n)
{
  size_t   len = 0U;
  uint32_t c   = 0U;
  if (s[0] < 0x80U) {
    return 1U;
  } else if ((s[0] & 0xE0U) == 0xC0U) {
    len = 2U;
    c   = s[0] & 0x1FU;
  } else if ((s[0] & 0xF0U) == 0xE0U) {
    len = 3U;
    c   = s[0] & 0x0FU;
  } else if ((s[0] & 0xF8U) == 0xF0U) {
    len = 4U;
    c   = s[0] & 0x07U;
  } else {
    return 0U;
  }

  if (n < len) {
    return 0U;
  }

  for (size_t i = 1U; i < len; ++i) {
    if ((s[i] & 0xC0U) != 0x80U) {
      return 0U;
    }
    c = (c << 6U) | (s[i] & 0x3FU);
  }

  static const uint32_t min[] = {0U, 0U, 0x80U, 0x800U, 0x10000U};
  if (c < min[len] || c > 0x10FFFFU || (c >= 0xD800U && c <= 0xDFFFU)) {
    return 0U;
  }

  return len;
}

Test(utf8, agrees_with_reference_on_short_sequences)
{
  // All 1, 2 and 3 byte strings that start with a non-ASCII byte, and a
  // sample of 4 byte ones, each checked alone
  static const uint8_t samples[] = {0x00U,
                                    0x41U,
                                    0x7FU,
                                    0x80U,
                                    0x8FU,
                                    0x90U,
                                    0x9FU,
                                    0xA0U,
                                    0xBFU,
                                    0xC0U,
                                    0xC2U,
                                    0xDFU,
                                    0xE0U,
                                    0xEDU,
                                    0xF0U,
                                    0xF4U,
                                    0xF5U,
                                    0xFFU};

  uint8_t s[4] = {0U, 0U, 0U, 0U};
  for (unsigned a = 0x80U; a < 0x100U; ++a) {
    s[0] = (uint8_t)a;
    for (unsigned b = 0U; b < 0x100U; ++b) {
      s[1] = (uint8_t)b;
      for (size_t n = 1U; n <= 2U; ++n) {
        const KgStringView view = {(const char*)s, n};
        const bool         ok   = reference_check(s, n) == n;
        cr_assert_eq(kg_utf8_check(view, NULL) == KG_SUCCESS,
                     ok,
                     "%02X %02X (%zu)",
                     a,
                     b,
                     n);
      }

      for (unsigned c = 0U; c < 0x100U; ++c) {
        s[2]                    = (uint8_t)c;
        const KgStringView view = {(const char*)s, 3U};
        const bool         ok =
          reference_check(s, 3U) == 3U ||
          (reference_check(s, 3U) == 2U && reference_check(s + 2U, 1U) == 1U);
        cr_assert_eq(kg_utf8_check(view, NULL) == KG_SUCCESS,
                     ok,
                     "%02X %02X %02X",
                     a,
                     b,
                     c);

        for (size_t d = 0U; a >= 0xF0U && d < sizeof(samples); ++d) {
          s[3]                     = samples[d];
          const KgStringView view4 = {(const char*)s, 4U};
          cr_assert_eq(kg_utf8_check(view4, NULL) == KG_SUCCESS,
                       reference_check(s, 4U) == 4U,
                       "%02X %02X %02X %02X",
                       a,
                       b,
                       c,
                       samples[d]);
        }
      }
    }
  }
}

/*
  kg_utf8_decode
*/

typedef struct {
  const char* bytes;
  size_t      len;
  uint32_t    code_point;
  size_t      code_len;
} DecodeCase;

#define DECODE(lit, c, n)             \
  {                                   \
    (lit), sizeof(lit) - 1U, (c), (n) \
  }

static const DecodeCase decode_cases[] = {
  DECODE("A", 0x41U, 1U),
  DECODE("\x00", 0x00U, 1U),
  DECODE("ab", 0x61U, 1U),
  DECODE("\x7f", 0x7FU, 1U),
  DECODE("\xc2\x80", 0x80U, 2U),
  DECODE("\xc2\xa9", 0xA9U, 2U),
  DECODE("\xdf\xbf", 0x7FFU, 2U),
  DECODE("\xe0\xa0\x80", 0x800U, 3U),
  DECODE("\xe2\x82\xac"
         "xyz",
         0x20ACU,
         3U),
  DECODE("\xed\x9f\xbf", 0xD7FFU, 3U),
  DECODE("\xef\xbf\xbf", 0xFFFFU, 3U),
  DECODE("\xf0\x90\x80\x80", 0x10000U, 4U),
  DECODE("\xf0\x9f\x98\x80", 0x1F600U, 4U),
  DECODE("\xf4\x8f\xbf\xbf", 0x10FFFFU, 4U),
  // Invalid: the length is that of the start of a sequence that went wrong
  DECODE("", 0xFFFFFFFFU, 0U),
  DECODE("\x80", 0xFFFFFFFFU, 1U),
  DECODE("\xc0\x80", 0xFFFFFFFFU, 1U),
  DECODE("\xe0\x80\x80", 0xFFFFFFFFU, 1U),
  DECODE("\xed\xa0\x80", 0xFFFFFFFFU, 1U),
  DECODE("\xf4\x90\x80\x80", 0xFFFFFFFFU, 1U),
  DECODE("\xff", 0xFFFFFFFFU, 1U),
  DECODE("\xc2", 0xFFFFFFFFU, 1U),
  DECODE("\xe2\x82", 0xFFFFFFFFU, 2U),
  DECODE("\xe2\x82"
         "a",
         0xFFFFFFFFU,
         2U),
  DECODE("\xf0\x9f\x98", 0xFFFFFFFFU, 3U),
};

ParameterizedTestParameters(utf8, decode_table)
{
  INDEX_PARAMS(decode_cases);
}

ParameterizedTest(size_t* i, utf8, decode_table)
{
  const DecodeCase* const c    = &decode_cases[*i];
  const KgStringView      text = {c->bytes, c->len};
  size_t                  len  = 12345U;

  cr_expect_eq(kg_utf8_decode(text, &len), c->code_point, "case %zu", *i);
  cr_expect_eq(len, c->code_len, "case %zu: length %zu", *i, len);
  cr_expect_eq(kg_utf8_decode(text, NULL), c->code_point, "case %zu", *i);
}

/*
  kg_langtag_is_valid
*/

typedef struct {
  const char* tag;
  size_t      len;
  bool        valid;
} LangCase;

#define VALID(lit)                \
  {                               \
    (lit), sizeof(lit) - 1U, true \
  }
#define INVALID(lit)               \
  {                                \
    (lit), sizeof(lit) - 1U, false \
  }

static const LangCase lang_cases[] = {
  VALID("en"),
  VALID("EN"),
  VALID("en-US"),
  VALID("en-us"),
  VALID("zh-Hans-CN"),
  VALID("de-CH-1901"),
  VALID("sl-rozaj-biske"),
  VALID("x-whatever"),
  VALID("X-Whatever"),
  VALID("qaa-Qaaa-QM-x-southern"),
  VALID("i-klingon"),
  VALID("I-KLINGON"),
  VALID("en-GB-oed"),
  VALID("en-gb-OED"),
  VALID("en-a-bbb-x-a-ccc"),
  // Language forms
  VALID("deu"),
  VALID("abcd"),
  VALID("abcde"),
  VALID("abcdefgh"),
  VALID("zh-yue"),
  VALID("zh-yue-HK"),
  VALID("ar-aaa-bbb-ccc"),
  VALID("zh-cmn-Hans-CN"),
  // Script, region, variants
  VALID("sr-Latn"),
  VALID("sr-Latn-RS"),
  VALID("es-419"),
  VALID("de-DE-1996"),
  VALID("de-Latn-DE-1996"),
  VALID("hy-Latn-IT-arevela"),
  VALID("sl-IT-nedis"),
  VALID("en-1abc"),
  VALID("en-abcdefgh"),
  // Extensions and private use
  VALID("en-US-u-islamcal"),
  VALID("de-DE-u-co-phonebk"),
  VALID("en-a-myext-b-another"),
  VALID("en-a-bb-a-cc"),
  VALID("en-a-bb-1901-Latn"),
  VALID("en-0-12"),
  VALID("en-x-1"),
  VALID("en-x-a-b-c"),
  VALID("en-US-x-twain"),
  VALID("x-1"),
  VALID("x-12345678"),
  VALID("x-a-b-12345678"),
  // Grandfathered
  VALID("i-ami"),
  VALID("i-bnn"),
  VALID("i-default"),
  VALID("i-enochian"),
  VALID("i-hak"),
  VALID("i-lux"),
  VALID("i-mingo"),
  VALID("i-navajo"),
  VALID("i-pwn"),
  VALID("i-tao"),
  VALID("i-tay"),
  VALID("i-tsu"),
  VALID("sgn-BE-FR"),
  VALID("sgn-BE-NL"),
  VALID("sgn-CH-DE"),
  VALID("art-lojban"),
  VALID("cel-gaulish"),
  VALID("no-bok"),
  VALID("no-nyn"),
  VALID("zh-guoyu"),
  VALID("zh-hakka"),
  VALID("zh-min"),
  VALID("zh-min-nan"),
  VALID("zh-xiang"),
  // Invalid
  INVALID(""),
  INVALID("-"),
  INVALID("en-"),
  INVALID("a"),
  INVALID("toolongtagname-x"),
  INVALID("en--us"),
  INVALID("en-US-"),
  INVALID("1en"),
  INVALID("en_US"),
  INVALID("x"),
  INVALID("X"),
  INVALID("-en"),
  INVALID("en US"),
  INVALID("en-\xc3\xa9"),
  INVALID("en\x00us"),
  INVALID("abcdefghi"),
  INVALID("e1"),
  INVALID("en-abcdefghi"),
  INVALID("ar-aaa-bbb-ccc-ddd"),
  INVALID("abcd-abc"),
  INVALID("abcde-abc"),
  INVALID("en-US-Latn"),
  INVALID("en-Latn-Latn"),
  INVALID("de-419-DE"),
  INVALID("en-1ab"),
  INVALID("en-12"),
  INVALID("en-abc1"),
  INVALID("en-x"),
  INVALID("en-a"),
  INVALID("en-a-b"),
  INVALID("en-a-x-b"),
  INVALID("en-a-123456789"),
  INVALID("en-US-x-123456789"),
  INVALID("en-x-a-"),
  INVALID("en-a-bb-c"),
  INVALID("en-x-a--b"),
  INVALID("x-"),
  INVALID("x--a"),
  INVALID("i-foo"),
  INVALID("i"),
  INVALID("sgn-BE-XX"),
  INVALID("en-GB-oed-x"),
  INVALID("zh-min-nan-x"),
  INVALID("i-klingon-x-a"),
};

ParameterizedTestParameters(langtag, table)
{
  INDEX_PARAMS(lang_cases);
}

ParameterizedTest(size_t* i, langtag, table)
{
  const LangCase* const c   = &lang_cases[*i];
  const KgStringView    tag = {c->tag, c->len};

  cr_expect_eq(kg_langtag_is_valid(tag),
               c->valid,
               "'%.*s' should be %s",
               (int)c->len,
               c->tag,
               c->valid ? "valid" : "invalid");
}

Test(langtag, view_bounds)
{
  // Only the bytes of the view count
  const KgStringView cut = {"en-US", 3U};
  cr_expect(!kg_langtag_is_valid(cut));
  const KgStringView en = {"en-US", 2U};
  cr_expect(kg_langtag_is_valid(en));
  const KgStringView none = {NULL, 0U};
  cr_expect(!kg_langtag_is_valid(none));
}

Test(text, for_people_escapes_what_a_terminal_would_obey)
{
  // ESC, a raw C1 byte, U+009B, U+202E and U+2066: escaped; the rest kept
  static const char text[] = "a\x1b[8mb\x9b"
                             "c\xc2\x9b"
                             "d\xe2\x80\xae"
                             "e\xe2\x81\xa6"
                             "f\\ \xc3\xa9\n";
  char* const       safe   = kg_text_for_people(KG_SV(text));
  cr_assert_not_null(safe);
  cr_assert_str_eq(safe,
                   "a\\u001B[8mb\\x9Bc\\u009Bd\\u202Ee\\u2066f\\ \xc3\xa9\\n");
  kg_free(safe);
}

Test(text, print_for_people_writes_what_text_for_people_returns)
{
  static const char text[] = "\xe2\x80\xae"
                             "a\x1b[8mb\x9b\t\"q\" \\ \xc3\xa9\r\n"
                             "\xe2\x81\xa6";
  char* const       safe   = kg_text_for_people(KG_SV(text));
  cr_assert_not_null(safe);

  char*       written = NULL;
  size_t      len     = 0U;
  FILE* const stream  = open_memstream(&written, &len);
  cr_assert_not_null(stream);
  cr_assert_eq(kg_print_for_people(stream, KG_SV(text)), KG_SUCCESS);
  cr_assert_eq(fclose(stream), 0);
  cr_assert_str_eq(written, safe);
  free(written);
  kg_free(safe);
}

Test(text, print_for_people_reports_a_failed_write)
{
  FILE* const stream = fopen("/dev/full", "w");
  if (!stream) {
    cr_skip_test("no /dev/full");
  }
  setvbuf(stream, NULL, _IONBF, 0U);
  cr_expect_eq(kg_print_for_people(stream,
                                   KG_SV("a\x1b"
                                         "b")),
               KG_BAD_WRITE);
  fclose(stream);
}
