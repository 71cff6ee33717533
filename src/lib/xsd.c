// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "xsd.h"

#include "chars.h"

#include <kgraph/status.h>
#include <kgraph/text.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
  Datatypes
*/

#define XSD_NS "http://www.w3.org/2001/XMLSchema#"

typedef enum {
  // Roots of the hierarchy, known to kg_xsd_is_derived() but not checked
  TYPE_ANY_TYPE,
  TYPE_ANY_SIMPLE_TYPE,
  TYPE_ANY_ATOMIC_TYPE,
  // The most common first, since lookup() scans in this order
  TYPE_STRING,
  TYPE_INTEGER,
  TYPE_DATE,
  TYPE_DATE_TIME,
  TYPE_DECIMAL,
  TYPE_DOUBLE,
  TYPE_BOOLEAN,
  TYPE_INT,
  TYPE_LONG,
  TYPE_FLOAT,
  TYPE_ANY_URI,
  TYPE_G_YEAR,
  TYPE_NON_NEGATIVE_INTEGER,
  TYPE_POSITIVE_INTEGER,
  TYPE_NON_POSITIVE_INTEGER,
  TYPE_NEGATIVE_INTEGER,
  TYPE_SHORT,
  TYPE_BYTE,
  TYPE_UNSIGNED_LONG,
  TYPE_UNSIGNED_INT,
  TYPE_UNSIGNED_SHORT,
  TYPE_UNSIGNED_BYTE,
  TYPE_TIME,
  TYPE_DATE_TIME_STAMP,
  TYPE_DURATION,
  TYPE_DAY_TIME_DURATION,
  TYPE_YEAR_MONTH_DURATION,
  TYPE_G_YEAR_MONTH,
  TYPE_G_MONTH,
  TYPE_G_DAY,
  TYPE_G_MONTH_DAY,
  TYPE_NORMALIZED_STRING,
  TYPE_TOKEN,
  TYPE_LANGUAGE,
  TYPE_NAME,
  TYPE_NCNAME,
  TYPE_NMTOKEN,
  TYPE_HEX_BINARY,
  TYPE_BASE64_BINARY,
  TYPE_NONE, ///< Not a known datatype; also the number of known ones
} Type;

enum {
  CHECKED      = 1U, ///< kg_xsd_check() knows the lexical space
  COLLAPSE     = 2U, ///< The whiteSpace facet is "collapse"
  MAY_BE_EMPTY = 4U, ///< The empty string is in the lexical space
};

typedef struct {
  const char* name;  ///< Local name in the XSD namespace
  size_t      len;   ///< Length of `name`
  Type        base;  ///< Base type, or TYPE_NONE for anyType
  unsigned    flags; ///< CHECKED, COLLAPSE, MAY_BE_EMPTY
} TypeInfo;

#define INFO(name, base, flags)                \
  {                                            \
    (name), sizeof(name) - 1U, (base), (flags) \
  }

#define COLLAPSED (CHECKED | COLLAPSE)
#define COLLAPSED_OR_EMPTY (CHECKED | COLLAPSE | MAY_BE_EMPTY)

static const TypeInfo types[TYPE_NONE] = {
  [TYPE_ANY_TYPE]        = INFO("anyType", TYPE_NONE, 0U),
  [TYPE_ANY_SIMPLE_TYPE] = INFO("anySimpleType", TYPE_ANY_TYPE, 0U),
  [TYPE_ANY_ATOMIC_TYPE] = INFO("anyAtomicType", TYPE_ANY_SIMPLE_TYPE, 0U),

  [TYPE_STRING] = INFO("string", TYPE_ANY_ATOMIC_TYPE, CHECKED | MAY_BE_EMPTY),
  [TYPE_NORMALIZED_STRING] =
    INFO("normalizedString", TYPE_STRING, CHECKED | MAY_BE_EMPTY),
  [TYPE_TOKEN]    = INFO("token", TYPE_NORMALIZED_STRING, COLLAPSED_OR_EMPTY),
  [TYPE_LANGUAGE] = INFO("language", TYPE_TOKEN, COLLAPSED),
  [TYPE_NAME]     = INFO("Name", TYPE_TOKEN, COLLAPSED),
  [TYPE_NCNAME]   = INFO("NCName", TYPE_NAME, COLLAPSED),
  [TYPE_NMTOKEN]  = INFO("NMTOKEN", TYPE_TOKEN, COLLAPSED),

  [TYPE_BOOLEAN] = INFO("boolean", TYPE_ANY_ATOMIC_TYPE, COLLAPSED),

  [TYPE_DECIMAL] = INFO("decimal", TYPE_ANY_ATOMIC_TYPE, COLLAPSED),
  [TYPE_INTEGER] = INFO("integer", TYPE_DECIMAL, COLLAPSED),
  [TYPE_LONG]    = INFO("long", TYPE_INTEGER, COLLAPSED),
  [TYPE_INT]     = INFO("int", TYPE_LONG, COLLAPSED),
  [TYPE_SHORT]   = INFO("short", TYPE_INT, COLLAPSED),
  [TYPE_BYTE]    = INFO("byte", TYPE_SHORT, COLLAPSED),
  [TYPE_NON_NEGATIVE_INTEGER] =
    INFO("nonNegativeInteger", TYPE_INTEGER, COLLAPSED),
  [TYPE_POSITIVE_INTEGER] =
    INFO("positiveInteger", TYPE_NON_NEGATIVE_INTEGER, COLLAPSED),
  [TYPE_NON_POSITIVE_INTEGER] =
    INFO("nonPositiveInteger", TYPE_INTEGER, COLLAPSED),
  [TYPE_NEGATIVE_INTEGER] =
    INFO("negativeInteger", TYPE_NON_POSITIVE_INTEGER, COLLAPSED),
  [TYPE_UNSIGNED_LONG] =
    INFO("unsignedLong", TYPE_NON_NEGATIVE_INTEGER, COLLAPSED),
  [TYPE_UNSIGNED_INT]   = INFO("unsignedInt", TYPE_UNSIGNED_LONG, COLLAPSED),
  [TYPE_UNSIGNED_SHORT] = INFO("unsignedShort", TYPE_UNSIGNED_INT, COLLAPSED),
  [TYPE_UNSIGNED_BYTE]  = INFO("unsignedByte", TYPE_UNSIGNED_SHORT, COLLAPSED),

  [TYPE_DOUBLE] = INFO("double", TYPE_ANY_ATOMIC_TYPE, COLLAPSED),
  [TYPE_FLOAT]  = INFO("float", TYPE_ANY_ATOMIC_TYPE, COLLAPSED),

  [TYPE_DATE]            = INFO("date", TYPE_ANY_ATOMIC_TYPE, COLLAPSED),
  [TYPE_TIME]            = INFO("time", TYPE_ANY_ATOMIC_TYPE, COLLAPSED),
  [TYPE_DATE_TIME]       = INFO("dateTime", TYPE_ANY_ATOMIC_TYPE, COLLAPSED),
  [TYPE_DATE_TIME_STAMP] = INFO("dateTimeStamp", TYPE_DATE_TIME, COLLAPSED),
  [TYPE_G_YEAR]          = INFO("gYear", TYPE_ANY_ATOMIC_TYPE, COLLAPSED),
  [TYPE_G_YEAR_MONTH]    = INFO("gYearMonth", TYPE_ANY_ATOMIC_TYPE, COLLAPSED),
  [TYPE_G_MONTH]         = INFO("gMonth", TYPE_ANY_ATOMIC_TYPE, COLLAPSED),
  [TYPE_G_DAY]           = INFO("gDay", TYPE_ANY_ATOMIC_TYPE, COLLAPSED),
  [TYPE_G_MONTH_DAY]     = INFO("gMonthDay", TYPE_ANY_ATOMIC_TYPE, COLLAPSED),

  [TYPE_DURATION]          = INFO("duration", TYPE_ANY_ATOMIC_TYPE, COLLAPSED),
  [TYPE_DAY_TIME_DURATION] = INFO("dayTimeDuration", TYPE_DURATION, COLLAPSED),
  [TYPE_YEAR_MONTH_DURATION] =
    INFO("yearMonthDuration", TYPE_DURATION, COLLAPSED),

  [TYPE_HEX_BINARY] =
    INFO("hexBinary", TYPE_ANY_ATOMIC_TYPE, COLLAPSED_OR_EMPTY),
  [TYPE_BASE64_BINARY] =
    INFO("base64Binary", TYPE_ANY_ATOMIC_TYPE, COLLAPSED_OR_EMPTY),
  [TYPE_ANY_URI] = INFO("anyURI", TYPE_ANY_ATOMIC_TYPE, COLLAPSED_OR_EMPTY),
};

static Type
lookup(const KgStringView iri)
{
  const size_t ns_len = sizeof(XSD_NS) - 1U;
  if (iri.len <= ns_len || memcmp(iri.data, XSD_NS, ns_len)) {
    return TYPE_NONE;
  }

  const char* const name = iri.data + ns_len;
  const size_t      len  = iri.len - ns_len;
  for (unsigned t = 0U; t < TYPE_NONE; ++t) {
    if (types[t].len == len && name[0] == types[t].name[0] &&
        !memcmp(name, types[t].name, len)) {
      return (Type)t;
    }
  }

  return TYPE_NONE;
}

/*
  Characters
*/

static inline bool
is_hex(const char c)
{
  return kg_is_digit((unsigned char)c) || (c >= 'A' && c <= 'F') ||
         (c >= 'a' && c <= 'f');
}

static inline bool
is_space(const char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// Return the sextet that `c` stands for in base64, or -1.
static inline int
base64_value(const char c)
{
  return (c >= 'A' && c <= 'Z')          ? c - 'A'
         : (c >= 'a' && c <= 'z')        ? c - 'a' + 26
         : kg_is_digit((unsigned char)c) ? c - '0' + 52
         : c == '+'                      ? 62
         : c == '/'                      ? 63
                                         : -1;
}

/// NameStartChar of XML 1.0, fifth edition.
static bool
is_name_start(const uint32_t c)
{
  return kg_is_name_letter(c) || c == ':' || c == '_';
}

/// NameChar of XML 1.0, fifth edition.
static bool
is_name_char(const uint32_t c)
{
  return is_name_start(c) || kg_is_name_continuation(c);
}

/*
  Reasons
*/

// A reason that names a two-digit field, like "month 13 is out of range",
// must still be static, so the preprocessor writes all hundred of each kind.
// Arrays of arrays rather than of pointers, so that the shared library needs
// no relocation for them.
#define REASONS_10(pre, tens, post)                             \
  pre #tens "0" post, pre #tens "1" post, pre #tens "2" post,   \
    pre #tens "3" post, pre #tens "4" post, pre #tens "5" post, \
    pre #tens "6" post, pre #tens "7" post, pre #tens "8" post, \
    pre #tens "9" post
#define REASONS_100(pre, post)                          \
  REASONS_10(pre, 0, post), REASONS_10(pre, 1, post),   \
    REASONS_10(pre, 2, post), REASONS_10(pre, 3, post), \
    REASONS_10(pre, 4, post), REASONS_10(pre, 5, post), \
    REASONS_10(pre, 6, post), REASONS_10(pre, 7, post), \
    REASONS_10(pre, 8, post), REASONS_10(pre, 9, post)

#define OUT_OF_RANGE " is out of range"

#define REASON_TABLE(name, pre)                                  \
  static const char name[100][sizeof(pre "00" OUT_OF_RANGE)] = { \
    REASONS_100(pre, OUT_OF_RANGE)}

REASON_TABLE(month_why, "month ");
REASON_TABLE(day_why, "day ");
REASON_TABLE(hour_why, "hour ");
REASON_TABLE(minute_why, "minute ");
REASON_TABLE(second_why, "second ");
REASON_TABLE(tz_hour_why, "timezone hour ");
REASON_TABLE(tz_minute_why, "timezone minute ");

/*
  Scanning

  Each scanner starts at `*pos` in `lex`, moves `*pos` past what it reads,
  and returns NULL, or the reason why `lex` is invalid.
*/

static inline bool
skip_char(const KgStringView lex, size_t* const pos, const char c)
{
  if (*pos < lex.len && lex.data[*pos] == c) {
    ++*pos;
    return true;
  }

  return false;
}

/// Skip an optional sign and return true iff it is '-'.
static inline bool
skip_sign(const KgStringView lex, size_t* const pos)
{
  return !skip_char(lex, pos, '+') && skip_char(lex, pos, '-');
}

/// Skip [0-9]* and return the number of digits.
static inline size_t
skip_digits(const KgStringView lex, size_t* const pos)
{
  const size_t start = *pos;
  while (*pos < lex.len && kg_is_digit((unsigned char)lex.data[*pos])) {
    ++*pos;
  }

  return *pos - start;
}

/// Skip ([0-9]+(\.[0-9]*)?|\.[0-9]+), the unsigned numeral of decimal,
/// double and duration seconds in XSD 1.1, and return false if it is not
/// there.
static bool
skip_unsigned_decimal(const KgStringView lex, size_t* const pos)
{
  size_t n_digits = skip_digits(lex, pos);
  if (skip_char(lex, pos, '.')) {
    n_digits += skip_digits(lex, pos);
  }

  return n_digits > 0U;
}

/// Read exactly two digits, not followed by a third, into `value`.
static bool
scan_two_digits(const KgStringView lex,
                size_t* const      pos,
                unsigned* const    value)
{
  const size_t i = *pos;
  if (lex.len - i < 2U || !kg_is_digit((unsigned char)lex.data[i]) ||
      !kg_is_digit((unsigned char)lex.data[i + 1U]) ||
      (lex.len - i > 2U && kg_is_digit((unsigned char)lex.data[i + 2U]))) {
    return false;
  }

  *value =
    (unsigned)(lex.data[i] - '0') * 10U + (unsigned)(lex.data[i + 1U] - '0');
  *pos = i + 2U;
  return true;
}

/*
  Strings
*/

/// Check that every character matches Char of XML 1.1, which XSD 1.1 lets
/// an implementation choose over that of XML 1.0: U+0000, U+FFFE and U+FFFF
/// are out (surrogates cannot be in valid UTF-8), control characters are in.
static const char*
check_chars(const KgStringView lex)
{
  if (!lex.len) {
    return NULL;
  }

  // Strings are the most common literals, and memchr() is fast
  if (memchr(lex.data, '\0', lex.len)) {
    return "contains U+0000, which XML does not allow";
  }

  const char* p   = lex.data;
  const char* end = lex.data + lex.len;
  while ((p = (const char*)memchr(p, '\xEF', (size_t)(end - p)))) {
    if (end - p >= 3 && p[1] == '\xBF' && (p[2] == '\xBE' || p[2] == '\xBF')) {
      return "contains U+FFFE or U+FFFF, which XML does not allow";
    }
    ++p;
  }

  return NULL;
}

static const char*
check_normalized_string(const KgStringView lex)
{
  for (size_t i = 0U; i < lex.len; ++i) {
    const char c = lex.data[i];
    if (c == '\t' || c == '\n' || c == '\r') {
      return "contains a tab, line feed or carriage return";
    }
  }

  return check_chars(lex);
}

static const char*
check_token(const KgStringView lex)
{
  // Leading and trailing spaces are refused as for every collapsed type
  for (size_t i = 0U; i < lex.len; ++i) {
    const char c = lex.data[i];
    if (c == '\t' || c == '\n' || c == '\r') {
      return "contains a tab, line feed or carriage return";
    }
    if (c == ' ' && i && lex.data[i - 1U] == ' ') {
      return "contains two spaces in a row";
    }
  }

  return check_chars(lex);
}

static const char*
check_language(const KgStringView lex)
{
  // [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*, the pattern of XSD, which is looser
  // than BCP 47
  size_t run   = 0U; // Length of the current subtag
  bool   first = true;
  for (size_t i = 0U; i < lex.len; ++i) {
    const char c = lex.data[i];
    if (c == '-') {
      if (!run) {
        return "empty subtag";
      }
      run   = 0U;
      first = false;
    } else if (kg_is_alpha((unsigned char)c) ||
               (!first && kg_is_digit((unsigned char)c))) {
      if (++run > 8U) {
        return "subtag longer than 8 characters";
      }
    } else if (kg_is_digit((unsigned char)c)) {
      return "first subtag has a digit";
    } else {
      return "contains a character other than a letter, digit or '-'";
    }
  }

  return run ? NULL : "empty subtag";
}

typedef enum {
  NAME_NAME,
  NAME_NCNAME,
  NAME_NMTOKEN,
} NameKind;

static const char*
check_name(const KgStringView lex, const NameKind kind)
{
  size_t i = 0U;
  while (i < lex.len) {
    uint32_t c   = (uint8_t)lex.data[i];
    size_t   len = 1U;
    if (c >= 0x80U) {
      const KgStringView rest = {lex.data + i, lex.len - i};
      c                       = kg_utf8_decode(rest, &len);
      if (c == 0xFFFFFFFFU) {
        return "not valid UTF-8";
      }
    }

    if (c == ':' && kind == NAME_NCNAME) {
      return "contains ':', which an NCName may not";
    }

    if (!i && kind != NAME_NMTOKEN) {
      if (!is_name_start(c)) {
        return "starts with a character that may not start a name";
      }
    } else if (!is_name_char(c)) {
      return "contains a character that may not be in a name";
    }

    i += len;
  }

  return NULL;
}

static const char*
check_any_uri(const KgStringView lex)
{
  // XSD 1.1 takes any string as a URI (it only has to become one after
  // escaping), so this only refuses controls: C0, DEL and C1
  for (size_t i = 0U; i < lex.len; ++i) {
    const uint8_t c = (uint8_t)lex.data[i];
    if (c < 0x20U || c == 0x7FU) {
      return "contains a control character";
    }
    if (c == 0xC2U && i + 1U < lex.len) {
      const uint8_t next = (uint8_t)lex.data[i + 1U];
      if (next >= 0x80U && next < 0xA0U) {
        return "contains a control character";
      }
    }
  }

  return check_chars(lex);
}

/*
  Booleans and numbers
*/

static const char*
check_boolean(const KgStringView lex)
{
  static const char* const words[] = {"true", "false", "1", "0"};

  for (size_t i = 0U; i < sizeof(words) / sizeof(words[0]); ++i) {
    if (kg_sv_equals(lex, kg_sv(words[i]))) {
      return NULL;
    }
  }

  return "not true, false, 1 or 0";
}

static const char*
check_decimal(const KgStringView lex)
{
  size_t pos = 0U;
  skip_sign(lex, &pos);
  if (!skip_unsigned_decimal(lex, &pos) || pos != lex.len) {
    return "not a decimal number";
  }

  return NULL;
}

static const char*
check_double(const KgStringView lex)
{
  static const char* const specials[] = {"INF", "+INF", "-INF", "NaN"};

  size_t pos = 0U;
  skip_sign(lex, &pos);
  if (!skip_unsigned_decimal(lex, &pos)) {
    for (size_t i = 0U; i < sizeof(specials) / sizeof(specials[0]); ++i) {
      if (kg_sv_equals(lex, kg_sv(specials[i]))) {
        return NULL;
      }
    }
    return "not a floating-point number";
  }

  if (skip_char(lex, &pos, 'e') || skip_char(lex, &pos, 'E')) {
    skip_sign(lex, &pos);
    if (!skip_digits(lex, &pos)) {
      return "exponent has no digits";
    }
  }

  return pos == lex.len ? NULL : "not a floating-point number";
}

/// An integer as a sign and its digits without leading zeros (none for 0).
typedef struct {
  const char* digits;
  size_t      len;
  bool        negative;
} Number;

/// Compare `a` and `b` by value, with no limit on their length.
static int
compare(const Number a, const Number b)
{
  const int a_sign = !a.len ? 0 : a.negative ? -1 : 1;
  const int b_sign = !b.len ? 0 : b.negative ? -1 : 1;
  if (a_sign != b_sign) {
    return a_sign < b_sign ? -1 : 1;
  }

  int magnitude = 0;
  if (a.len != b.len) {
    magnitude = a.len < b.len ? -1 : 1;
  } else if (a.len) {
    magnitude = memcmp(a.digits, b.digits, a.len);
  }

  return a_sign < 0 ? -magnitude : magnitude;
}

/// The bounds of an integer type.
typedef struct {
  Number      min;   ///< Least value, if `below` is not NULL
  const char* below; ///< Why a value less than `min` is invalid
  Number      max;   ///< Greatest value, if `above` is not NULL
  const char* above; ///< Why a value greater than `max` is invalid
} Range;

#define NUMBER(negative, digits)              \
  {                                           \
    (digits), sizeof(digits) - 1U, (negative) \
  }
#define ZERO NUMBER(false, "")

/// From -`min` to `max`, both given without sign.
#define SIGNED(min, max)                                      \
  {                                                           \
    NUMBER(true, min), "less than -" min, NUMBER(false, max), \
      "greater than " max                                     \
  }

/// From 0 to `max`.
#define UNSIGNED(max)                                            \
  {                                                              \
    ZERO, "less than 0", NUMBER(false, max), "greater than " max \
  }

static const Range ranges[TYPE_NONE] = {
  [TYPE_LONG]  = SIGNED("9223372036854775808", "9223372036854775807"),
  [TYPE_INT]   = SIGNED("2147483648", "2147483647"),
  [TYPE_SHORT] = SIGNED("32768", "32767"),
  [TYPE_BYTE]  = SIGNED("128", "127"),

  [TYPE_UNSIGNED_LONG]  = UNSIGNED("18446744073709551615"),
  [TYPE_UNSIGNED_INT]   = UNSIGNED("4294967295"),
  [TYPE_UNSIGNED_SHORT] = UNSIGNED("65535"),
  [TYPE_UNSIGNED_BYTE]  = UNSIGNED("255"),

  [TYPE_NON_NEGATIVE_INTEGER] = {ZERO, "less than 0", ZERO, NULL},
  [TYPE_POSITIVE_INTEGER]     = {NUMBER(false, "1"), "less than 1", ZERO, NULL},
  [TYPE_NON_POSITIVE_INTEGER] = {ZERO, NULL, ZERO, "greater than 0"},
  [TYPE_NEGATIVE_INTEGER] = {ZERO, NULL, NUMBER(true, "1"), "greater than -1"},
};

static const char*
check_integer(const Type type, const KgStringView lex)
{
  size_t     pos      = 0U;
  const bool negative = skip_sign(lex, &pos);
  if (!skip_digits(lex, &pos) || pos != lex.len) {
    return "not an integer";
  }

  // "+0001" and "-0" are fine, so compare values, not text
  size_t first = (lex.data[0] == '+' || lex.data[0] == '-') ? 1U : 0U;
  while (first < lex.len && lex.data[first] == '0') {
    ++first;
  }

  const Number       value = {lex.data + first, lex.len - first, negative};
  const Range* const range = &ranges[type];
  if (range->below && compare(value, range->min) < 0) {
    return range->below;
  }

  if (range->above && compare(value, range->max) > 0) {
    return range->above;
  }

  return NULL;
}

/*
  Dates and times
*/

/// Read a year: '-'? ([1-9] [0-9]{3,} | '0' [0-9]{3}).
static const char*
scan_year(const KgStringView lex, size_t* const pos, unsigned* const mod_400)
{
  skip_char(lex, pos, '-');

  // Years have no limit, so keep only what leap years depend on
  const size_t start = *pos;
  unsigned     m     = 0U;
  for (; *pos < lex.len && kg_is_digit((unsigned char)lex.data[*pos]); ++*pos) {
    m = (m * 10U + (unsigned)(lex.data[*pos] - '0')) % 400U;
  }

  const size_t n_digits = *pos - start;
  if (n_digits < 4U) {
    return "expected a year of at least 4 digits";
  }

  if (n_digits > 4U && lex.data[start] == '0') {
    return "year of more than 4 digits starts with 0";
  }

  *mod_400 = m;
  return NULL;
}

static const char*
scan_month(const KgStringView lex, size_t* const pos, unsigned* const month)
{
  if (!scan_two_digits(lex, pos, month)) {
    return "expected a 2-digit month";
  }

  return (*month < 1U || *month > 12U) ? month_why[*month] : NULL;
}

static const char*
scan_day(const KgStringView lex, size_t* const pos, unsigned* const day)
{
  if (!scan_two_digits(lex, pos, day)) {
    return "expected a 2-digit day";
  }

  return (*day < 1U || *day > 31U) ? day_why[*day] : NULL;
}

/// Check that `day` (1 to 31) exists in `month` (1 to 12).
static const char*
check_day_of_month(const unsigned day, const unsigned month, const bool leap)
{
  if (day <= 28U) {
    return NULL;
  }

  if (month == 2U) {
    return day == 29U   ? (leap ? NULL
                                : "day 29 does not exist in February of a "
                                  "non-leap year")
           : day == 30U ? "day 30 does not exist in February"
                        : "day 31 does not exist in February";
  }

  if (day == 31U) {
    switch (month) {
    case 4U:
      return "day 31 does not exist in April";
    case 6U:
      return "day 31 does not exist in June";
    case 9U:
      return "day 31 does not exist in September";
    case 11U:
      return "day 31 does not exist in November";
    default:
      break;
    }
  }

  return NULL;
}

/// Return true iff a year is a leap year, given its value modulo 400.
static bool
is_leap(const unsigned mod_400)
{
  // XSD 1.1 counts 1 BCE as year 0, so the proleptic Gregorian rule works
  // the same for negative years, and divisibility ignores the sign
  return mod_400 % 4U == 0U && (mod_400 % 100U != 0U || mod_400 == 0U);
}

/// Read yearFrag '-' monthFrag '-' dayFrag.
static const char*
scan_date(const KgStringView lex, size_t* const pos)
{
  unsigned    mod_400 = 0U;
  unsigned    month   = 0U;
  unsigned    day     = 0U;
  const char* why     = scan_year(lex, pos, &mod_400);
  if (why) {
    return why;
  }

  if (!skip_char(lex, pos, '-')) {
    return "expected '-' after the year";
  }

  why = scan_month(lex, pos, &month);
  if (why) {
    return why;
  }

  if (!skip_char(lex, pos, '-')) {
    return "expected '-' after the month";
  }

  why = scan_day(lex, pos, &day);
  return why ? why : check_day_of_month(day, month, is_leap(mod_400));
}

/// Read hh ':' mm ':' ss ('.' [0-9]+)?, or 24:00:00 ('.' '0'+)?.
static const char*
scan_time(const KgStringView lex, size_t* const pos)
{
  unsigned hour   = 0U;
  unsigned minute = 0U;
  unsigned second = 0U;
  if (!scan_two_digits(lex, pos, &hour)) {
    return "expected a 2-digit hour";
  }

  if (!skip_char(lex, pos, ':')) {
    return "expected ':' after the hour";
  }

  if (!scan_two_digits(lex, pos, &minute)) {
    return "expected a 2-digit minute";
  }

  if (!skip_char(lex, pos, ':')) {
    return "expected ':' after the minute";
  }

  if (!scan_two_digits(lex, pos, &second)) {
    return "expected a 2-digit second";
  }

  bool zero_fraction = true;
  if (skip_char(lex, pos, '.')) {
    const size_t start = *pos;
    for (; *pos < lex.len && kg_is_digit((unsigned char)lex.data[*pos]);
         ++*pos) {
      zero_fraction = zero_fraction && lex.data[*pos] == '0';
    }
    if (*pos == start) {
      return "expected digits after '.'";
    }
  }

  if (hour > 24U) {
    return hour_why[hour];
  }

  if (minute > 59U) {
    return minute_why[minute];
  }

  // No leap seconds in XSD
  if (second > 59U) {
    return second_why[second];
  }

  if (hour == 24U && (minute || second || !zero_fraction)) {
    return "hour 24 is only allowed in 24:00:00";
  }

  return NULL;
}

/// Read an optional timezone, which must end `lex`: 'Z' or ('+'|'-') hh:mm,
/// from -14:00 to +14:00.
static const char*
scan_timezone(const KgStringView lex, size_t* const pos, const bool required)
{
  if (*pos == lex.len) {
    return required ? "timezone is required" : NULL;
  }

  if (!skip_char(lex, pos, 'Z')) {
    unsigned hour   = 0U;
    unsigned minute = 0U;
    if (!(skip_char(lex, pos, '+') || skip_char(lex, pos, '-')) ||
        !scan_two_digits(lex, pos, &hour) || !skip_char(lex, pos, ':') ||
        !scan_two_digits(lex, pos, &minute)) {
      return "expected a timezone: Z, +hh:mm or -hh:mm";
    }

    if (hour > 14U) {
      return tz_hour_why[hour];
    }

    if (minute > 59U) {
      return tz_minute_why[minute];
    }

    if (hour == 14U && minute) {
      return "timezone offset is beyond 14:00";
    }
  }

  return *pos == lex.len ? NULL : "unexpected text after the timezone";
}

static const char*
check_date(const KgStringView lex)
{
  size_t            pos = 0U;
  const char* const why = scan_date(lex, &pos);
  return why ? why : scan_timezone(lex, &pos, false);
}

static const char*
check_time(const KgStringView lex)
{
  size_t            pos = 0U;
  const char* const why = scan_time(lex, &pos);
  return why ? why : scan_timezone(lex, &pos, false);
}

static const char*
check_date_time(const KgStringView lex, const bool stamp)
{
  size_t      pos = 0U;
  const char* why = scan_date(lex, &pos);
  if (why) {
    return why;
  }

  if (!skip_char(lex, &pos, 'T')) {
    return "expected 'T' after the date";
  }

  why = scan_time(lex, &pos);
  return why ? why : scan_timezone(lex, &pos, stamp);
}

static const char*
check_g_year(const KgStringView lex)
{
  size_t            pos     = 0U;
  unsigned          mod_400 = 0U;
  const char* const why     = scan_year(lex, &pos, &mod_400);
  return why ? why : scan_timezone(lex, &pos, false);
}

static const char*
check_g_year_month(const KgStringView lex)
{
  size_t      pos     = 0U;
  unsigned    mod_400 = 0U;
  unsigned    month   = 0U;
  const char* why     = scan_year(lex, &pos, &mod_400);
  if (why) {
    return why;
  }

  if (!skip_char(lex, &pos, '-')) {
    return "expected '-' after the year";
  }

  why = scan_month(lex, &pos, &month);
  return why ? why : scan_timezone(lex, &pos, false);
}

static const char*
check_g_month(const KgStringView lex)
{
  size_t   pos   = 0U;
  unsigned month = 0U;
  if (!skip_char(lex, &pos, '-') || !skip_char(lex, &pos, '-')) {
    return "expected '--' before the month";
  }

  const char* const why = scan_month(lex, &pos, &month);
  return why ? why : scan_timezone(lex, &pos, false);
}

static const char*
check_g_day(const KgStringView lex)
{
  size_t   pos = 0U;
  unsigned day = 0U;
  if (!skip_char(lex, &pos, '-') || !skip_char(lex, &pos, '-') ||
      !skip_char(lex, &pos, '-')) {
    return "expected '---' before the day";
  }

  const char* const why = scan_day(lex, &pos, &day);
  return why ? why : scan_timezone(lex, &pos, false);
}

static const char*
check_g_month_day(const KgStringView lex)
{
  size_t   pos   = 0U;
  unsigned month = 0U;
  unsigned day   = 0U;
  if (!skip_char(lex, &pos, '-') || !skip_char(lex, &pos, '-')) {
    return "expected '--' before the month";
  }

  const char* why = scan_month(lex, &pos, &month);
  if (why) {
    return why;
  }

  if (!skip_char(lex, &pos, '-')) {
    return "expected '-' after the month";
  }

  why = scan_day(lex, &pos, &day);
  if (!why) {
    // No year, so February 29 may exist
    why = check_day_of_month(day, month, true);
  }

  return why ? why : scan_timezone(lex, &pos, false);
}

/*
  Durations
*/

/**
   Check '-'? 'P' date-part? ('T' time-part)? with at least one component,
   where the date part is [0-9]+Y [0-9]+M [0-9]+D and the time part is
   [0-9]+H [0-9]+M decimal S, each component optional but in that order.

   The seconds follow the XSD 1.1 grammar (duSecondFrag), which also allows
   "1." and ".5", like decimal.
*/
static const char*
check_duration(const KgStringView lex, const Type type)
{
  static const char date_units[] = "YMD";
  static const char time_units[] = "HMS";

  size_t pos = 0U;
  skip_char(lex, &pos, '-');
  if (!skip_char(lex, &pos, 'P')) {
    return "expected P or -P at the start";
  }

  const char* units     = date_units;
  size_t      next_unit = 0U; // Index in `units` of the first one allowed
  bool        in_time   = false;
  bool        any       = false; // Any component so far
  bool        any_time  = false; // Any component after T
  while (pos < lex.len) {
    if (skip_char(lex, &pos, 'T')) {
      if (in_time) {
        return "T appears twice";
      }
      if (type == TYPE_YEAR_MONTH_DURATION) {
        return "days and times are not allowed in a yearMonthDuration";
      }
      in_time   = true;
      units     = time_units;
      next_unit = 0U;
      continue;
    }

    const size_t start = pos;
    skip_digits(lex, &pos);
    const bool fraction = pos < lex.len && lex.data[pos] == '.';
    pos                 = start;
    if (!skip_unsigned_decimal(lex, &pos)) {
      return "expected a number";
    }

    if (pos == lex.len) {
      return "number without a designator";
    }

    const char        unit  = lex.data[pos++];
    const char* const found = unit ? strchr(units, unit) : NULL;
    if (!found) {
      return in_time ? "expected H, M or S in the time"
                     : "expected Y, M, D or T in the date";
    }

    const size_t index = (size_t)(found - units);

    if (index < next_unit) {
      return "components are out of order or repeated";
    }

    if (fraction && unit != 'S') {
      return "only seconds may have a fraction";
    }

    if (type == TYPE_DAY_TIME_DURATION && !in_time && unit != 'D') {
      return "years and months are not allowed in a dayTimeDuration";
    }

    if (type == TYPE_YEAR_MONTH_DURATION && unit == 'D') {
      return "days and times are not allowed in a yearMonthDuration";
    }

    next_unit = index + 1U;
    any       = true;
    any_time  = any_time || in_time;
  }

  if (in_time && !any_time) {
    return "T must be followed by hours, minutes or seconds";
  }

  return any ? NULL : "no components";
}

/*
  Binary
*/

static const char*
check_hex_binary(const KgStringView lex)
{
  for (size_t i = 0U; i < lex.len; ++i) {
    if (!is_hex(lex.data[i])) {
      return "contains a character that is not a hex digit";
    }
  }

  return lex.len % 2U ? "odd number of hex digits" : NULL;
}

/**
   Check the Base64Binary production of XSD 1.1: quads of base64 characters,
   each of them but the last one optionally followed by a single space, with
   '=' padding that leaves no unused bit set.
*/
static const char*
check_base64_binary(const KgStringView lex)
{
  size_t n_chars   = 0U; // Characters, padding included, spaces not
  size_t n_padding = 0U;
  int    last      = 0; // Value of the last character before the padding
  for (size_t i = 0U; i < lex.len; ++i) {
    const char c = lex.data[i];
    if (c == ' ') {
      // Leading and trailing spaces were refused as for every collapsed type
      if (i && lex.data[i - 1U] == ' ') {
        return "contains two spaces in a row";
      }
      continue;
    }

    ++n_chars;
    if (c == '=') {
      if (++n_padding > 2U) {
        return "too much padding";
      }
    } else if (n_padding) {
      return "'=' is only allowed at the end";
    } else if ((last = base64_value(c)) < 0) {
      return "contains a character that is not base64";
    }
  }

  if (n_chars % 4U) {
    return "number of characters is not a multiple of 4";
  }

  // One '=' leaves 2 unused bits in the character before it, two leave 4
  if ((n_padding == 1U && (last & 3)) || (n_padding == 2U && (last & 15))) {
    return "unused bits before the padding are not zero";
  }

  return NULL;
}

/*
  Checks
*/

// Every datatype here but string and normalizedString has whiteSpace
// "collapse": an XML Schema processor turns " 1" into "1" before it looks at
// the lexical space.  RDF has no such step, and a literal is ill-typed unless
// its lexical form itself is in the lexical space (RDF 1.1 Concepts 3.3), so
// leading and trailing whitespace make these forms invalid.

static const char*
check_lexical(const Type type, const KgStringView lex)
{
  const unsigned flags = types[type].flags;
  if ((flags & COLLAPSE) && lex.len) {
    if (is_space(lex.data[0])) {
      return "leading whitespace";
    }
    if (is_space(lex.data[lex.len - 1U])) {
      return "trailing whitespace";
    }
  }

  if (!lex.len && !(flags & MAY_BE_EMPTY)) {
    return "empty";
  }

  switch (type) {
  case TYPE_STRING:
    return check_chars(lex);
  case TYPE_NORMALIZED_STRING:
    return check_normalized_string(lex);
  case TYPE_TOKEN:
    return check_token(lex);
  case TYPE_LANGUAGE:
    return check_language(lex);
  case TYPE_NAME:
    return check_name(lex, NAME_NAME);
  case TYPE_NCNAME:
    return check_name(lex, NAME_NCNAME);
  case TYPE_NMTOKEN:
    return check_name(lex, NAME_NMTOKEN);
  case TYPE_BOOLEAN:
    return check_boolean(lex);
  case TYPE_DECIMAL:
    return check_decimal(lex);
  case TYPE_INTEGER:
  case TYPE_LONG:
  case TYPE_INT:
  case TYPE_SHORT:
  case TYPE_BYTE:
  case TYPE_NON_NEGATIVE_INTEGER:
  case TYPE_POSITIVE_INTEGER:
  case TYPE_NON_POSITIVE_INTEGER:
  case TYPE_NEGATIVE_INTEGER:
  case TYPE_UNSIGNED_LONG:
  case TYPE_UNSIGNED_INT:
  case TYPE_UNSIGNED_SHORT:
  case TYPE_UNSIGNED_BYTE:
    return check_integer(type, lex);
  case TYPE_DOUBLE:
  case TYPE_FLOAT:
    return check_double(lex);
  case TYPE_DATE:
    return check_date(lex);
  case TYPE_TIME:
    return check_time(lex);
  case TYPE_DATE_TIME:
    return check_date_time(lex, false);
  case TYPE_DATE_TIME_STAMP:
    return check_date_time(lex, true);
  case TYPE_G_YEAR:
    return check_g_year(lex);
  case TYPE_G_YEAR_MONTH:
    return check_g_year_month(lex);
  case TYPE_G_MONTH:
    return check_g_month(lex);
  case TYPE_G_DAY:
    return check_g_day(lex);
  case TYPE_G_MONTH_DAY:
    return check_g_month_day(lex);
  case TYPE_DURATION:
  case TYPE_DAY_TIME_DURATION:
  case TYPE_YEAR_MONTH_DURATION:
    return check_duration(lex, type);
  case TYPE_HEX_BINARY:
    return check_hex_binary(lex);
  case TYPE_BASE64_BINARY:
    return check_base64_binary(lex);
  case TYPE_ANY_URI:
    return check_any_uri(lex);
  case TYPE_ANY_TYPE:
  case TYPE_ANY_SIMPLE_TYPE:
  case TYPE_ANY_ATOMIC_TYPE:
  case TYPE_NONE:
    break;
  }

  return NULL;
}

KgXsdResult
kg_xsd_check(const KgStringView datatype,
             const KgStringView lexical,
             const char** const why)
{
  const Type type = lookup(datatype);
  if (type == TYPE_NONE || !(types[type].flags & CHECKED)) {
    return KG_XSD_UNKNOWN;
  }

  const char* const reason = check_lexical(type, lexical);
  if (!reason) {
    return KG_XSD_VALID;
  }

  if (why) {
    *why = reason;
  }
  return KG_XSD_INVALID;
}

bool
kg_xsd_is_derived(const KgStringView derived, const KgStringView base)
{
  const Type d = lookup(derived);
  const Type b = lookup(base);
  if (d == TYPE_NONE || b == TYPE_NONE) {
    return kg_sv_equals(derived, base);
  }

  for (Type t = d; t != TYPE_NONE; t = types[t].base) {
    if (t == b) {
      return true;
    }
  }

  return false;
}
