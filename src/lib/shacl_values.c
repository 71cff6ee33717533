// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/*
  The tests of SHACL Core on one term: datatype, order, length, pattern,
  language range, and term equality.

  Order follows SPARQL's operators (XPath's op:numeric-less-than and
  friends): decimals and integers compare exactly on their lexical forms,
  aligned at the point, so that integers of any length compare right; a
  float or a double brings both sides to double (strtod, which kgraph
  calls in the "C" locale: the library never sets one).  Date and time
  values become seconds from 1970-01-01T00:00:00Z (proleptic Gregorian,
  year 0 as in XML Schema 1.1) and the digits of their fraction, XPath's
  reference date 1972-12-31 filling in what a type leaves out (xsd:time,
  xsd:gMonth...); years are limited to 9 digits so that the seconds fit
  in 64 bits.  Durations follow XML Schema's partial order.  The readers
  of dates, times and durations here are not a second copy of xsd.c's:
  xsd.c says whether a lexical form is valid and why not (every range,
  day of month and leap year, with a message), and returns no value; here
  a form that failed xsd.c's check is incomparable, and what is read is
  its value (seconds, fraction, months), of forms already known valid.  Nothing
  here allocates, except a number longer than 127 bytes that a double must read
  (then a failed allocation makes the pair incomparable) and patterns.

  sh:pattern is PCRE2 (UTF mode, Unicode properties), after a rewrite that
  gives XPath's meaning (F&O 3.1, section 5.6) to what PCRE2 reads
  otherwise:

  - Character class subtraction, [a-z-[aeiou]], becomes
    (?:(?![aeiou])[a-z]), nested as deep as KG_SH_CLASS_DEPTH.
  - \s \S are XPath's four spaces (space, tab, CR, LF), not all of
    Unicode's; \w \W are by Unicode categories (\w: all but punctuation,
    separators and "other", so "_" is not a word character but "$" is);
    \i \I \c \C are XML's name characters (PCRE2 has no \i, and its \c is
    a control escape).  \d is \p{Nd} in both.
  - Unicode blocks, \p{IsBasicLatin} \P{IsGreek}, become their ranges
    (ublocks.c: Unicode 14.0's blocks and XML Schema 1.0's old names);
    PCRE2 has no blocks, and would read "Is" as the prefix of a script.
  - `x` strips white space outside classes itself (PCRE2's extended mode
    would also take # as a comment); without `m`, $ matches only at the
    very end (PCRE2 would also match before a final newline).

  What still differs:

  - PCRE2 accepts syntax that XPath rejects, and gives it its Perl
    meaning: lookaround (?=...) (?<=...), inline options (?i), atomic
    groups, possessive quantifiers, \b \A \z \Q...\E \h \v \R, named
    groups, \x{...}, [[:alpha:]] (read as a class holding "[:alph"
    and a "]" after it).
  - The flag `q` (every character literal) is XPath 3.0's; SPARQL's
    REGEX, on XPath 2.0, knows only s, m, i and x.
  - Matching stops after KG_SH_MATCH_LIMIT steps, KG_SH_DEPTH_LIMIT levels
    of backtracking or KG_SH_HEAP_LIMIT KiB, where XPath has no limit.
*/

#include "shacl_values.h"

#include "alloc.h"
#include "ublocks.h"
#include "xsd.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XSD_NS "http://www.w3.org/2001/XMLSchema#"

/// The deepest nesting of class subtractions, [a-[b-[c]]], in a pattern.
#define KG_SH_CLASS_DEPTH 16U

/// The longest year, in digits, whose dates compare.
#define MAX_YEAR_DIGITS 9U

static char
ascii_lower(const char c)
{
  return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool
sv_eq_nocase(const KgStringView a, const KgStringView b)
{
  if (a.len != b.len) {
    return false;
  }

  for (size_t i = 0U; i < a.len; ++i) {
    if (ascii_lower(a.data[i]) != ascii_lower(b.data[i])) {
      return false;
    }
  }

  return true;
}

static bool
is_digit(const char c)
{
  return c >= '0' && c <= '9';
}

/*
  Terms
*/

KgShValue
kg_sh_value(const KgGraph* const graph, const KgTermId id)
{
  KgShValue v = {KG_TERM_NONE, KG_SV(""), KG_SV(""), KG_SV(""), graph, id};

  v.kind = kg_term_kind(graph, id);
  if (v.kind == KG_TERM_NONE) {
    v.id = KG_NO_TERM;
    return v;
  }

  v.text = kg_term_text(graph, id);
  if (v.kind == KG_TERM_LITERAL) {
    v.datatype = kg_term_text(graph, kg_term_datatype(graph, id));
    v.lang     = kg_term_lang(graph, id);
  }

  return v;
}

bool
kg_sh_same_term(const KgShValue a, const KgShValue b)
{
  if (a.kind != b.kind) {
    return false;
  }

  switch (a.kind) {
  case KG_TERM_NONE:
    return false;
  case KG_TERM_IRI:
    return kg_sv_equals(a.text, b.text);
  case KG_TERM_BLANK:
    return a.graph && a.graph == b.graph && a.id && a.id == b.id;
  case KG_TERM_LITERAL:
    return kg_sv_equals(a.text, b.text) &&
           kg_sv_equals(a.datatype, b.datatype) && sv_eq_nocase(a.lang, b.lang);
  }

  return false;
}

/*
  Datatypes
*/

bool
kg_sh_has_datatype(const KgShValue v, const KgStringView datatype)
{
  if (v.kind != KG_TERM_LITERAL || !kg_sv_equals(v.datatype, datatype)) {
    return false;
  }

  if (kg_sv_equals(datatype, KG_SV(KG_RDF_LANGSTRING))) {
    return v.lang.len > 0U;
  }

  return !v.lang.len && kg_xsd_check(datatype, v.text, NULL) != KG_XSD_INVALID;
}

/*
  Order
*/

/// The kinds of values that compare with each other.
typedef enum {
  FAMILY_NONE,
  FAMILY_DECIMAL, ///< xsd:decimal and the integers: exact
  FAMILY_FLOAT,   ///< xsd:float
  FAMILY_DOUBLE,  ///< xsd:double
  FAMILY_DATE_TIME,
  FAMILY_DATE,
  FAMILY_TIME,
  FAMILY_G_YEAR,
  FAMILY_G_YEAR_MONTH,
  FAMILY_G_MONTH,
  FAMILY_G_DAY,
  FAMILY_G_MONTH_DAY,
  FAMILY_DURATION, ///< xsd:duration, dayTimeDuration, yearMonthDuration
  FAMILY_STRING,
  FAMILY_BOOLEAN,
} Family;

static Family
family_of(const KgShValue v)
{
  if (v.kind != KG_TERM_LITERAL || v.lang.len ||
      kg_xsd_check(v.datatype, v.text, NULL) != KG_XSD_VALID) {
    return FAMILY_NONE;
  }

  static const struct {
    const char* base;
    Family      family;
  } bases[] = {
    {XSD_NS "decimal", FAMILY_DECIMAL},
    {XSD_NS "string", FAMILY_STRING},
    {XSD_NS "dateTime", FAMILY_DATE_TIME},
    {XSD_NS "date", FAMILY_DATE},
    {XSD_NS "double", FAMILY_DOUBLE},
    {XSD_NS "float", FAMILY_FLOAT},
    {XSD_NS "boolean", FAMILY_BOOLEAN},
    {XSD_NS "time", FAMILY_TIME},
    {XSD_NS "gYear", FAMILY_G_YEAR},
    {XSD_NS "gYearMonth", FAMILY_G_YEAR_MONTH},
    {XSD_NS "gMonth", FAMILY_G_MONTH},
    {XSD_NS "gDay", FAMILY_G_DAY},
    {XSD_NS "gMonthDay", FAMILY_G_MONTH_DAY},
    {XSD_NS "duration", FAMILY_DURATION},
  };

  for (size_t i = 0U; i < sizeof(bases) / sizeof(bases[0]); ++i) {
    const KgStringView base = {bases[i].base, strlen(bases[i].base)};
    if (kg_xsd_is_derived(v.datatype, base)) {
      return bases[i].family;
    }
  }

  return FAMILY_NONE;
}

static KgShOrder
order_of(const int cmp)
{
  return cmp < 0 ? KG_SH_LESS : cmp > 0 ? KG_SH_GREATER : KG_SH_EQUAL;
}

/// A decimal by its parts: sign, integer digits with no leading zero, and
/// fraction digits with no trailing zero (both empty for zero).
typedef struct {
  bool         negative;
  KgStringView whole;
  KgStringView fraction;
} Decimal;

static Decimal
parse_decimal(const KgStringView lex)
{
  Decimal d   = {false, KG_SV(""), KG_SV("")};
  size_t  pos = 0U;

  if (pos < lex.len && (lex.data[pos] == '+' || lex.data[pos] == '-')) {
    d.negative = lex.data[pos++] == '-';
  }

  while (pos < lex.len && lex.data[pos] == '0') {
    ++pos;
  }

  const size_t whole = pos;
  while (pos < lex.len && is_digit(lex.data[pos])) {
    ++pos;
  }

  d.whole = (KgStringView){lex.data + whole, pos - whole};
  if (pos < lex.len && lex.data[pos] == '.') {
    const size_t fraction = ++pos;
    size_t       end      = lex.len;
    while (end > fraction && lex.data[end - 1U] == '0') {
      --end;
    }

    d.fraction = (KgStringView){lex.data + fraction, end - fraction};
  }

  if (!d.whole.len && !d.fraction.len) {
    d.negative = false; // -0 is 0
  }

  return d;
}

static KgShOrder
compare_decimals(const KgStringView a, const KgStringView b)
{
  const Decimal da = parse_decimal(a);
  const Decimal db = parse_decimal(b);

  if (da.negative != db.negative) {
    return da.negative ? KG_SH_LESS : KG_SH_GREATER;
  }

  int cmp = (da.whole.len > db.whole.len) - (da.whole.len < db.whole.len);
  if (!cmp && da.whole.len) {
    cmp = memcmp(da.whole.data, db.whole.data, da.whole.len);
  }

  if (!cmp) {
    // Fraction digits with no trailing zero compare as bytes do (of two
    // with the same start, the longer has one more digit, not zero)
    cmp = kg_sv_compare(da.fraction, db.fraction);
  }

  return order_of(da.negative ? -cmp : cmp);
}

/// Read `lex` as a double, rounded to float first if `single`.
static bool
read_double(const KgStringView lex, const bool single, double* const out)
{
  char  local[128];
  char* text = local;

  if (lex.len >= sizeof(local)) {
    text = (char*)kg_malloc(lex.len + 1U);
    if (!text) {
      return false;
    }
  }

  memcpy(text, lex.data, lex.len);
  text[lex.len] = '\0';

  char* end = NULL;
  *out      = single ? (double)strtof(text, &end) : strtod(text, &end);

  const bool ok = end == text + lex.len;
  if (text != local) {
    kg_free(text);
  }

  return ok;
}

static KgShOrder
compare_doubles(const KgShValue a,
                const Family    fa,
                const KgShValue b,
                const Family    fb)
{
  double da = 0.0;
  double db = 0.0;

  if (!read_double(a.text, fa == FAMILY_FLOAT, &da) ||
      !read_double(b.text, fb == FAMILY_FLOAT, &db) || isnan(da) || isnan(db)) {
    return KG_SH_INCOMPARABLE;
  }

  return da < db ? KG_SH_LESS : da > db ? KG_SH_GREATER : KG_SH_EQUAL;
}

/// A date or time as an instant: seconds and fraction digits (no trailing
/// zero), in UTC when `zoned`, else in local time.
typedef struct {
  int64_t      seconds;
  KgStringView fraction;
  bool         zoned;
} Instant;

/// Read `n` digits at `*pos` as a number, or return false.
static bool
read_digits(const KgStringView lex,
            size_t* const      pos,
            const size_t       n,
            int64_t* const     out)
{
  int64_t value = 0;

  for (size_t i = 0U; i < n; ++i) {
    if (*pos >= lex.len || !is_digit(lex.data[*pos])) {
      return false;
    }

    value = value * 10 + (lex.data[(*pos)++] - '0');
  }

  *out = value;
  return true;
}

static bool
skip(const KgStringView lex, size_t* const pos, const char c)
{
  if (*pos < lex.len && lex.data[*pos] == c) {
    ++*pos;
    return true;
  }

  return false;
}

/// Days since 1970-01-01, negative before (H. Hinnant's
/// days_from_civil, for the proleptic Gregorian calendar).
static int64_t
days_from_civil(int64_t y, const int64_t m, const int64_t d)
{
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static bool
read_year(const KgStringView lex, size_t* const pos, int64_t* const year)
{
  const bool negative = skip(lex, pos, '-');
  size_t     n        = 0U;

  while (*pos + n < lex.len && is_digit(lex.data[*pos + n])) {
    ++n;
  }

  if (n < 4U || n > MAX_YEAR_DIGITS || !read_digits(lex, pos, n, year)) {
    return false;
  }

  *year = negative ? -*year : *year;
  return true;
}

/// Read the date part of a value of `family` as days, where XPath's
/// reference date 1972-12-31 stands for what the type leaves out.
static bool
read_date(const KgStringView lex,
          size_t* const      pos,
          const Family       family,
          int64_t* const     days)
{
  int64_t year  = 1972;
  int64_t month = 12;
  int64_t day   = 31;
  bool    ok    = true;

  switch (family) {
  case FAMILY_DATE_TIME:
  case FAMILY_DATE:
    ok = read_year(lex, pos, &year) && skip(lex, pos, '-') &&
         read_digits(lex, pos, 2U, &month) && skip(lex, pos, '-') &&
         read_digits(lex, pos, 2U, &day);
    break;
  case FAMILY_G_YEAR:
    month = day = 1;
    ok          = read_year(lex, pos, &year);
    break;
  case FAMILY_G_YEAR_MONTH:
    day = 1;
    ok  = read_year(lex, pos, &year) && skip(lex, pos, '-') &&
         read_digits(lex, pos, 2U, &month);
    break;
  case FAMILY_G_MONTH:
    day = 1;
    ok  = skip(lex, pos, '-') && skip(lex, pos, '-') &&
         read_digits(lex, pos, 2U, &month);
    break;
  case FAMILY_G_DAY:
    ok = skip(lex, pos, '-') && skip(lex, pos, '-') && skip(lex, pos, '-') &&
         read_digits(lex, pos, 2U, &day);
    break;
  case FAMILY_G_MONTH_DAY:
    ok = skip(lex, pos, '-') && skip(lex, pos, '-') &&
         read_digits(lex, pos, 2U, &month) && skip(lex, pos, '-') &&
         read_digits(lex, pos, 2U, &day);
    break;
  default:
    break;
  }

  *days = days_from_civil(year, month, day);
  return ok;
}

static bool
read_time(const KgStringView lex, size_t* const pos, Instant* const t)
{
  int64_t h = 0;
  int64_t m = 0;
  int64_t s = 0;

  if (!read_digits(lex, pos, 2U, &h) || !skip(lex, pos, ':') ||
      !read_digits(lex, pos, 2U, &m) || !skip(lex, pos, ':') ||
      !read_digits(lex, pos, 2U, &s)) {
    return false;
  }

  t->seconds += h * 3600 + m * 60 + s;
  if (skip(lex, pos, '.')) {
    const size_t start = *pos;
    while (*pos < lex.len && is_digit(lex.data[*pos])) {
      ++*pos;
    }

    size_t end = *pos;
    while (end > start && lex.data[end - 1U] == '0') {
      --end;
    }

    t->fraction = (KgStringView){lex.data + start, end - start};
  }

  return true;
}

static bool
read_timezone(const KgStringView lex, size_t* const pos, Instant* const t)
{
  if (*pos == lex.len) {
    return true;
  }

  t->zoned = true;
  if (skip(lex, pos, 'Z')) {
    return *pos == lex.len;
  }

  const bool negative = lex.data[*pos] == '-';
  int64_t    h        = 0;
  int64_t    m        = 0;
  if (!skip(lex, pos, negative ? '-' : '+') || !read_digits(lex, pos, 2U, &h) ||
      !skip(lex, pos, ':') || !read_digits(lex, pos, 2U, &m)) {
    return false;
  }

  const int64_t offset = (h * 60 + m) * 60;
  t->seconds += negative ? offset : -offset;
  return *pos == lex.len;
}

static bool
read_instant(const KgStringView lex, const Family family, Instant* const t)
{
  size_t  pos  = 0U;
  int64_t days = 0;

  *t = (Instant){0, KG_SV(""), false};
  if (!read_date(lex, &pos, family, &days)) {
    return false;
  }

  t->seconds = days * 86400;
  if (family == FAMILY_DATE_TIME && !skip(lex, &pos, 'T')) {
    return false;
  }

  if ((family == FAMILY_DATE_TIME || family == FAMILY_TIME) &&
      !read_time(lex, &pos, t)) {
    return false;
  }

  return read_timezone(lex, &pos, t);
}

static int
compare_instants(const Instant a, const int64_t shift, const Instant b)
{
  const int64_t sb = b.seconds + shift;

  if (a.seconds != sb) {
    return a.seconds < sb ? -1 : 1;
  }

  return kg_sv_compare(a.fraction, b.fraction);
}

static KgShOrder
compare_dates(const KgShValue a, const KgShValue b, const Family family)
{
  Instant ta;
  Instant tb;

  if (!read_instant(a.text, family, &ta) ||
      !read_instant(b.text, family, &tb)) {
    return KG_SH_INCOMPARABLE;
  }

  if (ta.zoned == tb.zoned) {
    return order_of(compare_instants(ta, 0, tb));
  }

  // XML Schema's partial order: a local time is somewhere between 14 hours
  // before and 14 hours after the same time in UTC
  static const int64_t spread = 14 * 3600;
  const Instant        zoned  = ta.zoned ? ta : tb;
  const Instant        local  = ta.zoned ? tb : ta;
  KgShOrder            order  = KG_SH_INCOMPARABLE;
  if (compare_instants(zoned, -spread, local) < 0) {
    order = KG_SH_LESS;
  } else if (compare_instants(zoned, spread, local) > 0) {
    order = KG_SH_GREATER;
  }

  if (order != KG_SH_INCOMPARABLE && !ta.zoned) {
    order = order == KG_SH_LESS ? KG_SH_GREATER : KG_SH_LESS;
  }

  return order;
}

/// A duration by its two parts, as XPath sees them: months, and seconds
/// with the digits of their fraction (no trailing zero); both signed alike.
typedef struct {
  bool         negative;
  int64_t      months;
  int64_t      seconds;
  KgStringView fraction;
} Duration;

/// The longest number, in digits, of a duration's field that compares (so
/// that a reference date plus the duration fits in 64-bit seconds).
#define MAX_DURATION_DIGITS 9U

static bool
read_duration(const KgStringView lex, Duration* const d)
{
  size_t pos     = 0U;
  bool   in_time = false;

  *d          = (Duration){false, 0, 0, KG_SV("")};
  d->negative = skip(lex, &pos, '-');
  if (!skip(lex, &pos, 'P')) {
    return false;
  }

  while (pos < lex.len) {
    if (skip(lex, &pos, 'T')) {
      in_time = true;
      continue;
    }

    size_t n = 0U;
    while (pos + n < lex.len && is_digit(lex.data[pos + n])) {
      ++n;
    }

    int64_t value = 0;
    if (!n || n > MAX_DURATION_DIGITS || !read_digits(lex, &pos, n, &value) ||
        pos >= lex.len) {
      return false;
    }

    switch (lex.data[pos++]) {
    case 'Y':
      d->months += value * 12;
      break;
    case 'M':
      if (in_time) {
        d->seconds += value * 60;
      } else {
        d->months += value;
      }
      break;
    case 'D':
      d->seconds += value * 86400;
      break;
    case 'H':
      d->seconds += value * 3600;
      break;
    case 'S':
      d->seconds += value;
      break;
    case '.': {
      d->seconds += value;
      const size_t start = pos;
      while (pos < lex.len && is_digit(lex.data[pos])) {
        ++pos;
      }

      size_t end = pos;
      while (end > start && lex.data[end - 1U] == '0') {
        --end;
      }

      d->fraction = (KgStringView){lex.data + start, end - start};
      if (!skip(lex, &pos, 'S')) {
        return false;
      }
      break;
    }
    default:
      return false;
    }
  }

  if (!d->months && !d->seconds && !d->fraction.len) {
    d->negative = false; // -P0D is P0D
  }

  return true;
}

/// Return the sign of the fraction of a second of `d`: -1, 0 or 1.
static int
fraction_sign(const Duration* const d)
{
  return d->fraction.len ? (d->negative ? -1 : 1) : 0;
}

/// Compare the signed fractions of a second of `a` and `b`: -1, 0 or 1.
static int
compare_signed_fractions(const Duration* const a, const Duration* const b)
{
  const int sa = fraction_sign(a);
  const int sb = fraction_sign(b);

  if (sa != sb) {
    return sa < sb ? -1 : 1;
  }

  const int cmp = kg_sv_compare(a->fraction, b->fraction);
  const int one = (cmp > 0) - (cmp < 0);
  return sa < 0 ? -one : one;
}

static int64_t
floor_div(const int64_t a, const int64_t b)
{
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/// Return the whole seconds of `start` (the first of a month) plus `d`,
/// since 1970 (the fraction of a second aside).
static int64_t
add_duration(const int64_t year, const int64_t month, const Duration* const d)
{
  const int64_t sign   = d->negative ? -1 : 1;
  const int64_t months = month - 1 + sign * d->months;
  const int64_t y      = year + floor_div(months, 12);
  const int64_t m      = months - floor_div(months, 12) * 12 + 1;

  return days_from_civil(y, m, 1) * 86400 + sign * d->seconds;
}

/**
   Compare durations by XML Schema's partial order (1.1 Part 2, E.3.3): `a`
   < `b` when each of four reference dates plus `a` comes before it plus
   `b`.  So P1Y < P400D, P1M and P30D are incomparable (February), and two
   durations with the same months compare by their seconds.  Where the
   fractions of a second would decide and the whole seconds are 1 apart,
   the pair is called incomparable.
*/
static KgShOrder
compare_durations(const KgShValue a, const KgShValue b)
{
  static const int64_t refs[4][2] = {
    {1696, 9}, {1697, 2}, {1903, 3}, {1903, 7}};

  Duration da;
  Duration db;
  if (!read_duration(a.text, &da) || !read_duration(b.text, &db)) {
    return KG_SH_INCOMPARABLE;
  }

  int lo = 2; // The least and the greatest order over the references
  int hi = -2;
  for (size_t i = 0U; i < 4U; ++i) {
    const int64_t diff = add_duration(refs[i][0], refs[i][1], &da) -
                         add_duration(refs[i][0], refs[i][1], &db);
    int cmp = 0;
    if (diff >= 2 || diff <= -2 || (!da.fraction.len && !db.fraction.len)) {
      cmp = diff < 0 ? -1 : diff > 0;
    } else if (!diff) {
      cmp = compare_signed_fractions(&da, &db);
    } else {
      /* 1 apart: the fractions, each in (-1, 1), decide only if they make
         up the difference, which their signs tell */
      const int sa = fraction_sign(&da);
      const int sb = fraction_sign(&db);
      if ((diff > 0 && (sa >= 0 || sb <= 0)) ||
          (diff < 0 && (sa <= 0 || sb >= 0))) {
        cmp = diff > 0 ? 1 : -1;
      } else {
        return KG_SH_INCOMPARABLE;
      }
    }

    lo = cmp < lo ? cmp : lo;
    hi = cmp > hi ? cmp : hi;
  }

  return lo != hi ? KG_SH_INCOMPARABLE : order_of(lo);
}

static bool
is_true(const KgStringView lex)
{
  return kg_sv_equals(lex, KG_SV("true")) || kg_sv_equals(lex, KG_SV("1"));
}

static bool
is_number(const Family f)
{
  return f == FAMILY_DECIMAL || f == FAMILY_FLOAT || f == FAMILY_DOUBLE;
}

KgShOrder
kg_sh_compare(const KgShValue a, const KgShValue b)
{
  const Family fa = family_of(a);
  const Family fb = family_of(b);

  if (fa == FAMILY_NONE || fb == FAMILY_NONE) {
    return KG_SH_INCOMPARABLE;
  }

  if (is_number(fa) && is_number(fb)) {
    return (fa == FAMILY_DECIMAL && fb == FAMILY_DECIMAL)
             ? compare_decimals(a.text, b.text)
             : compare_doubles(a, fa, b, fb);
  }

  if (fa != fb) {
    return KG_SH_INCOMPARABLE;
  }

  switch (fa) {
  case FAMILY_DATE_TIME:
  case FAMILY_DATE:
  case FAMILY_TIME:
  case FAMILY_G_YEAR:
  case FAMILY_G_YEAR_MONTH:
  case FAMILY_G_MONTH:
  case FAMILY_G_DAY:
  case FAMILY_G_MONTH_DAY:
    return compare_dates(a, b, fa);
  case FAMILY_DURATION:
    return compare_durations(a, b);
  case FAMILY_STRING:
    return order_of(kg_sv_compare(a.text, b.text));
  case FAMILY_BOOLEAN:
    return order_of((int)is_true(a.text) - (int)is_true(b.text));
  default:
    break;
  }

  return KG_SH_INCOMPARABLE;
}

/*
  Length
*/

size_t
kg_sh_length(const KgShValue v)
{
  if (v.kind != KG_TERM_IRI && v.kind != KG_TERM_LITERAL) {
    return SIZE_MAX;
  }

  // Count the bytes that start a code point (the text is valid UTF-8)
  size_t n = 0U;
  for (size_t i = 0U; i < v.text.len; ++i) {
    n += ((unsigned char)v.text.data[i] & 0xC0U) != 0x80U;
  }

  return n;
}

bool
kg_sh_has_min_length(const KgShValue v, const size_t min)
{
  const size_t len = kg_sh_length(v);
  return len != SIZE_MAX && len >= min;
}

bool
kg_sh_has_max_length(const KgShValue v, const size_t max)
{
  const size_t len = kg_sh_length(v);
  return len != SIZE_MAX && len <= max;
}

/*
  Language ranges
*/

bool
kg_sh_lang_matches(const KgStringView lang, const KgStringView range)
{
  if (!lang.len || !range.len) {
    return false;
  }

  if (kg_sv_equals(range, KG_SV("*"))) {
    return true;
  }

  return range.len <= lang.len &&
         sv_eq_nocase((KgStringView){lang.data, range.len}, range) &&
         (lang.len == range.len || lang.data[range.len] == '-');
}

/*
  Patterns
*/

struct KgShPatternImpl {
  pcre2_general_context* general;
  pcre2_match_context*   context;
  pcre2_code*            code;
  pcre2_match_data*      match; ///< Reused by every match
};

static void*
pcre_malloc(const PCRE2_SIZE size, void* const data)
{
  (void)data;
  return kg_malloc(size);
}

static void
pcre_free(void* const ptr, void* const data)
{
  (void)data;
  kg_free(ptr);
}

/// A pattern rewritten for PCRE2, with the offset in the original of each
/// byte, so that PCRE2's error offsets point into what the user wrote.
typedef struct {
  char*   text;
  size_t* from;
  size_t  len;
  size_t  size;
} Rewrite;

static KgStatus
emit(Rewrite* const out, const char* const s, const size_t n, const size_t from)
{
  if (out->len + n + 1U > out->size) {
    const size_t size = (out->len + n + 1U) * 2U;
    char* const  text = (char*)kg_realloc(out->text, size);
    if (!text) {
      return KG_BAD_ALLOC;
    }

    out->text = text;
    size_t* const map =
      (size_t*)kg_reallocarray(out->from, size, sizeof(size_t));
    if (!map) {
      return KG_BAD_ALLOC;
    }

    out->from = map;
    out->size = size;
  }

  for (size_t i = 0U; i < n; ++i) {
    out->text[out->len]   = s[i];
    out->from[out->len++] = from;
  }

  out->text[out->len] = '\0';
  return KG_SUCCESS;
}

static bool
is_xpath_space(const char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
set_error(char* const       error,
          const size_t      error_size,
          const char* const what,
          const size_t      offset)
{
  if (error && error_size) {
    snprintf(error, error_size, "%s at offset %zu", what, offset);
  }
}

/// A range of code points.
typedef struct {
  uint32_t first;
  uint32_t last;
} Range;

/// XPath's \s: space, tab, line feed, carriage return.
static const Range space_ranges[] = {{0x9U, 0xAU},
                                     {0xDU, 0xDU},
                                     {0x20U, 0x20U}};

/// XPath's \i: the first characters of XML names (XML 1.0, NameStartChar).
static const Range name_start_ranges[] = {
  {0x3AU, 0x3AU},
  {0x41U, 0x5AU},
  {0x5FU, 0x5FU},
  {0x61U, 0x7AU},
  {0xC0U, 0xD6U},
  {0xD8U, 0xF6U},
  {0xF8U, 0x2FFU},
  {0x370U, 0x37DU},
  {0x37FU, 0x1FFFU},
  {0x200CU, 0x200DU},
  {0x2070U, 0x218FU},
  {0x2C00U, 0x2FEFU},
  {0x3001U, 0xD7FFU},
  {0xF900U, 0xFDCFU},
  {0xFDF0U, 0xFFFDU},
  {0x10000U, 0xEFFFFU},
};

/// XPath's \c beyond \i: the other characters of XML names (XML 1.0,
/// NameChar is NameStartChar and these).
static const Range name_more_ranges[] = {
  {0x2DU, 0x2EU},
  {0x30U, 0x39U},
  {0xB7U, 0xB7U},
  {0x300U, 0x36FU},
  {0x203FU, 0x2040U},
};

/// The number of ranges of XPath's \c, at most.
#define N_NAME_RANGES                                         \
  (sizeof(name_start_ranges) / sizeof(name_start_ranges[0]) + \
   sizeof(name_more_ranges) / sizeof(name_more_ranges[0]))

/**
   Write the union of `a` and `b`, each sorted, into `out` (room for both),
   sorted, with ranges that overlap or touch joined.

   @return The number of ranges written.
*/
static size_t
merge_ranges(const Range* const a,
             const size_t       n_a,
             const Range* const b,
             const size_t       n_b,
             Range* const       out)
{
  size_t n = 0U;
  size_t i = 0U;
  size_t j = 0U;

  while (i < n_a || j < n_b) {
    const Range r =
      (j == n_b || (i < n_a && a[i].first < b[j].first)) ? a[i++] : b[j++];
    if (n && r.first <= out[n - 1U].last + 1U) {
      out[n - 1U].last = r.last > out[n - 1U].last ? r.last : out[n - 1U].last;
    } else {
      out[n++] = r;
    }
  }

  return n;
}

static KgStatus
emit_code_points(Rewrite* const out,
                 const uint32_t first,
                 const uint32_t last,
                 const size_t   from)
{
  char      text[32];
  const int n = first == last
                  ? snprintf(text, sizeof(text), "\\x{%X}", (unsigned)first)
                  : snprintf(text,
                             sizeof(text),
                             "\\x{%X}-\\x{%X}",
                             (unsigned)first,
                             (unsigned)last);

  return (n > 0 && (size_t)n < sizeof(text)) ? emit(out, text, (size_t)n, from)
                                             : KG_BAD_INTERNAL;
}

/// Emit the code points from `first` to `last`, surrogates aside (PCRE2
/// refuses them in UTF mode, and UTF-8 text holds none).
static KgStatus
emit_range(Rewrite* const out,
           const uint32_t first,
           const uint32_t last,
           const size_t   from)
{
  KgStatus st = KG_SUCCESS;

  if (first < 0xD800U) {
    KG_TRY(st,
           emit_code_points(out, first, last < 0xD800U ? last : 0xD7FFU, from));
  }

  if (last > 0xDFFFU) {
    KG_TRY(
      st, emit_code_points(out, first > 0xE000U ? first : 0xE000U, last, from));
  }

  return st;
}

/// Emit `ranges`, or all other code points (surrogates aside) if `negate`,
/// as a PCRE2 class, or as the inside of one if `in_class`.
static KgStatus
emit_class(Rewrite* const     out,
           const Range* const ranges,
           const size_t       n_ranges,
           const bool         negate,
           const bool         in_class,
           const size_t       from)
{
  KgStatus st   = KG_SUCCESS;
  uint32_t next = 0U; // The first code point not yet covered

  if (!in_class) {
    KG_TRY(st, emit(out, "[", 1U, from));
  }

  for (size_t i = 0U; i < n_ranges; ++i) {
    if (!negate) {
      KG_TRY(st, emit_range(out, ranges[i].first, ranges[i].last, from));
    } else if (ranges[i].first > next) {
      KG_TRY(st, emit_range(out, next, ranges[i].first - 1U, from));
    }
    next = ranges[i].last + 1U;
  }

  if (negate && next <= 0x10FFFFU) {
    KG_TRY(st, emit_range(out, next, 0x10FFFFU, from));
  }

  return in_class ? KG_SUCCESS : emit(out, "]", 1U, from);
}

/**
   Emit the escape `\c` at `from` for PCRE2, inside a class or not.  The
   escapes whose meaning differs are spelt out: \s \S (XPath's four
   spaces), \w \W (by Unicode categories: \w is all but punctuation,
   separators and others), \i \I \c \C (XML's name characters, which PCRE2
   does not know: \c is its control escape).  Others are copied.
*/
static KgStatus
emit_class_escape(Rewrite* const out,
                  const char     c,
                  const bool     in_class,
                  const size_t   from)
{
  Range        name_ranges[N_NAME_RANGES];
  const Range* ranges   = NULL;
  size_t       n_ranges = 0U;
  const char*  text     = NULL;
  KgStatus     st       = KG_SUCCESS;

  switch (c) {
  case 's':
  case 'S':
    ranges   = space_ranges;
    n_ranges = sizeof(space_ranges) / sizeof(space_ranges[0]);
    break;
  case 'i':
  case 'I':
    ranges   = name_start_ranges;
    n_ranges = sizeof(name_start_ranges) / sizeof(name_start_ranges[0]);
    break;
  case 'c':
  case 'C':
    ranges = name_ranges;
    n_ranges =
      merge_ranges(name_start_ranges,
                   sizeof(name_start_ranges) / sizeof(name_start_ranges[0]),
                   name_more_ranges,
                   sizeof(name_more_ranges) / sizeof(name_more_ranges[0]),
                   name_ranges);
    break;
  case 'w':
    text = "\\p{L}\\p{M}\\p{N}\\p{S}";
    break;
  case 'W':
    text = "\\p{P}\\p{Z}\\p{C}";
    break;
  default: {
    const char escape[2] = {'\\', c};
    return emit(out, escape, 2U, from);
  }
  }

  if (!text) {
    return emit_class(
      out, ranges, n_ranges, c >= 'A' && c <= 'Z', in_class, from);
  }

  if (!in_class) {
    KG_TRY(st, emit(out, "[", 1U, from));
  }

  KG_TRY(st, emit(out, text, strlen(text), from));
  return in_class ? KG_SUCCESS : emit(out, "]", 1U, from);
}

/**
   Emit the escape at `pattern.data[*pos]` ('\\') for PCRE2, and advance
   `*pos` past it.  XPath's blocks, \p{IsBasicLatin} and \P{Is...}, become
   their ranges (PCRE2 knows no blocks, and reads "Is" as a script's
   prefix); the other escapes are emit_class_escape()'s.
*/
static KgStatus
emit_escape(Rewrite* const     out,
            const KgStringView pattern,
            size_t* const      pos,
            const bool         in_class,
            char* const        error,
            const size_t       error_size)
{
  const size_t i = *pos;
  const char   c = pattern.data[i + 1U];

  if ((c == 'p' || c == 'P') && i + 5U < pattern.len &&
      !memcmp(pattern.data + i + 2U, "{Is", 3U)) {
    const char* const close =
      (const char*)memchr(pattern.data + i + 5U, '}', pattern.len - i - 5U);
    if (close) {
      const KgStringView          name     = {pattern.data + i + 5U,
                                              (size_t)(close - pattern.data) - i - 5U};
      size_t                      n_ranges = 0U;
      const KgUnicodeBlock* const block    = kg_unicode_block(name, &n_ranges);
      if (!block) {
        if (error && error_size) {
          snprintf(error,
                   error_size,
                   "unknown Unicode block 'Is%.*s' at offset %zu",
                   (int)(name.len < 64U ? name.len : 64U),
                   name.data,
                   i);
        }
        return KG_BAD_SYNTAX;
      }

      Range ranges[4];
      n_ranges = n_ranges < 4U ? n_ranges : 4U;
      for (size_t k = 0U; k < n_ranges; ++k) {
        ranges[k] = (Range){block[k].first, block[k].last};
      }

      *pos = (size_t)(close - pattern.data) + 1U;
      return emit_class(out, ranges, n_ranges, c == 'P', in_class, i);
    }
  }

  *pos = i + 2U;
  return emit_class_escape(out, c, in_class, i);
}

/// Emit group `g` of a class (its bytes between `[` and `]` or `-[`), with
/// `[` escaped: PCRE2 would read `[:` as a POSIX class.
static KgStatus
emit_group(Rewrite* const     out,
           const KgStringView pattern,
           const size_t       start,
           const size_t       end,
           char* const        error,
           const size_t       error_size)
{
  const KgStringView group = {pattern.data, end};
  KgStatus           st    = KG_SUCCESS;

  KG_TRY(st, emit(out, "[", 1U, start - 1U));
  for (size_t i = start; i < end;) {
    if (pattern.data[i] == '\\' && i + 1U < end) {
      KG_TRY(st, emit_escape(out, group, &i, true, error, error_size));
    } else if (pattern.data[i] == '[') {
      KG_TRY(st, emit(out, "\\[", 2U, i));
      ++i;
    } else {
      KG_TRY(st, emit(out, pattern.data + i, 1U, i));
      ++i;
    }
  }

  return emit(out, "]", 1U, end);
}

/**
   Rewrite the class expression that starts at `pattern.data[*pos]` ('[')
   for PCRE2, and advance `*pos` past it.

   XPath's class subtractions nest to the right, [G1-[G2-[G3]]], which is
   G1 minus (G2 minus G3); PCRE2 reads that as (?:(?!(?:(?![G3])[G2]))[G1]).
*/
static KgStatus
rewrite_class(const KgStringView pattern,
              size_t* const      pos,
              Rewrite* const     out,
              char* const        error,
              const size_t       error_size)
{
  size_t   starts[KG_SH_CLASS_DEPTH]; // Where each group's bytes start
  size_t   ends[KG_SH_CLASS_DEPTH];   // ... and end
  size_t   n_groups = 0U;
  size_t   i        = *pos + 1U;
  KgStatus st       = KG_SUCCESS;

  for (;;) {
    if (n_groups == KG_SH_CLASS_DEPTH) {
      set_error(
        error, error_size, "character class subtractions nested too deep", i);
      return KG_BAD_SYNTAX;
    }

    starts[n_groups] = i;
    while (i < pattern.len && pattern.data[i] != ']' &&
           !(pattern.data[i] == '-' && i + 1U < pattern.len &&
             pattern.data[i + 1U] == '[')) {
      i += (pattern.data[i] == '\\' && i + 1U < pattern.len) ? 2U : 1U;
    }

    if (i >= pattern.len) {
      set_error(
        error, error_size, "missing terminating ] for character class", *pos);
      return KG_BAD_SYNTAX;
    }

    ends[n_groups++] = i;
    if (pattern.data[i] == ']') {
      break;
    }

    i += 2U; // "-["
  }

  // The innermost group's ']' and one ']' for each enclosing class
  ++i;
  for (size_t k = 1U; k < n_groups; ++k, ++i) {
    if (i >= pattern.len || pattern.data[i] != ']') {
      set_error(
        error, error_size, "missing terminating ] for character class", *pos);
      return KG_BAD_SYNTAX;
    }
  }

  for (size_t k = 1U; k < n_groups; ++k) {
    KG_TRY(st, emit(out, "(?:(?!", 6U, starts[k - 1U] - 1U));
  }

  KG_TRY(st,
         emit_group(out,
                    pattern,
                    starts[n_groups - 1U],
                    ends[n_groups - 1U],
                    error,
                    error_size));
  for (size_t k = n_groups - 1U; k > 0U; --k) {
    KG_TRY(st, emit(out, ")", 1U, ends[k - 1U]));
    KG_TRY(st,
           emit_group(
             out, pattern, starts[k - 1U], ends[k - 1U], error, error_size));
    KG_TRY(st, emit(out, ")", 1U, ends[k - 1U]));
  }

  *pos = i;
  return st;
}

/**
   Rewrite `pattern` for PCRE2: with `strip` (flag x), drop white space
   outside character classes; and rewrite class subtractions.
*/
static KgStatus
rewrite_pattern(const KgStringView pattern,
                const bool         strip,
                Rewrite* const     out,
                char* const        error,
                const size_t       error_size)
{
  KgStatus st = KG_SUCCESS;

  KG_TRY(st, emit(out, "", 0U, 0U));
  for (size_t i = 0U; i < pattern.len;) {
    const char c = pattern.data[i];

    if (c == '\\' && i + 1U < pattern.len) {
      KG_TRY(st, emit_escape(out, pattern, &i, false, error, error_size));
    } else if (c == '[') {
      KG_TRY(st, rewrite_class(pattern, &i, out, error, error_size));
    } else {
      if (!strip || !is_xpath_space(c)) {
        KG_TRY(st, emit(out, &c, 1U, i));
      }
      ++i;
    }
  }

  return st;
}

static KgStatus
compile_error(const int    code,
              const size_t offset,
              char* const  error,
              const size_t error_size)
{
  PCRE2_UCHAR message[256];

  if (code == PCRE2_ERROR_HEAP_FAILED) {
    return KG_BAD_ALLOC;
  }

  if (pcre2_get_error_message(code, message, sizeof(message)) < 0) {
    set_error(error, error_size, "invalid pattern", offset);
  } else {
    set_error(error, error_size, (const char*)message, offset);
  }

  return code == PCRE2_ERROR_HEAP_FAILED ? KG_BAD_ALLOC : KG_BAD_SYNTAX;
}

KgStatus
kg_sh_pattern_new(const KgStringView  pattern,
                  const KgStringView  flags,
                  KgShPattern** const out,
                  char* const         error,
                  const size_t        error_size)
{
  uint32_t options = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
  bool     literal = false;
  bool     strip   = false;
  bool     dot_all = false;
  bool     lines   = false;

  *out = NULL;
  if (error && error_size) {
    error[0] = '\0';
  }

  for (size_t i = 0U; i < flags.len; ++i) {
    switch (flags.data[i]) {
    case 's':
      dot_all = true;
      break;
    case 'm':
      lines = true;
      break;
    case 'i':
      options |= PCRE2_CASELESS;
      break;
    case 'x':
      strip = true;
      break;
    case 'q':
      literal = true;
      break;
    default:
      if (error && error_size) {
        snprintf(error, error_size, "unknown flag '%c'", flags.data[i]);
      }
      return KG_BAD_SYNTAX;
    }
  }

  if (literal) {
    options |= PCRE2_LITERAL;
  } else {
    options |= PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C |
               (dot_all ? PCRE2_DOTALL : 0U) |
               (lines ? PCRE2_MULTILINE : PCRE2_DOLLAR_ENDONLY);
  }

  KgShPattern* const     p = (KgShPattern*)kg_calloc(1U, sizeof(KgShPattern));
  pcre2_compile_context* compile = NULL;
  Rewrite                text    = {NULL, NULL, 0U, 0U};
  KgStatus               st      = KG_BAD_ALLOC;
  if (!p ||
      !(p->general =
          pcre2_general_context_create(pcre_malloc, pcre_free, NULL)) ||
      !(compile = pcre2_compile_context_create(p->general)) ||
      !(p->context = pcre2_match_context_create(p->general)) ||
      pcre2_set_newline(compile, PCRE2_NEWLINE_LF) ||
      pcre2_set_match_limit(p->context, KG_SH_MATCH_LIMIT) ||
      pcre2_set_depth_limit(p->context, KG_SH_DEPTH_LIMIT) ||
      pcre2_set_heap_limit(p->context, KG_SH_HEAP_LIMIT)) {
    goto done;
  }

  if (literal) {
    st = emit(&text, pattern.data, pattern.len, 0U);
    for (size_t i = 0U; !st && i < pattern.len; ++i) {
      text.from[i] = i;
    }
  } else {
    st = rewrite_pattern(pattern, strip, &text, error, error_size);
  }

  if (st) {
    goto done;
  }

  int        code   = 0;
  PCRE2_SIZE offset = 0U;
  p->code           = pcre2_compile(
    (PCRE2_SPTR)text.text, text.len, options, &code, &offset, compile);
  if (!p->code) {
    st = compile_error(code,
                       offset < text.len ? text.from[offset] : pattern.len,
                       error,
                       error_size);
    goto done;
  }

  if (!(p->match = pcre2_match_data_create(1U, p->general))) {
    st = KG_BAD_ALLOC;
    goto done;
  }

  st = KG_SUCCESS;

done:
  kg_free(text.text);
  kg_free(text.from);
  pcre2_compile_context_free(compile);
  if (st) {
    kg_sh_pattern_free(p);
  } else {
    *out = p;
  }

  return st;
}

void
kg_sh_pattern_free(KgShPattern* const pattern)
{
  if (pattern) {
    pcre2_match_data_free(pattern->match);
    pcre2_code_free(pattern->code);
    pcre2_match_context_free(pattern->context);
    pcre2_general_context_free(pattern->general);
    kg_free(pattern);
  }
}

bool
kg_sh_pattern_matches(const KgShPattern* const pattern,
                      const KgShValue          v,
                      KgStatus* const          status)
{
  *status = KG_SUCCESS;
  if (v.kind != KG_TERM_IRI && v.kind != KG_TERM_LITERAL) {
    return false;
  }

  const int rc = pcre2_match(pattern->code,
                             (PCRE2_SPTR)(v.text.len ? v.text.data : ""),
                             v.text.len,
                             0U,
                             0U,
                             pattern->match,
                             pattern->context);
  if (rc >= 0) {
    return true;
  }

  switch (rc) {
  case PCRE2_ERROR_NOMATCH:
    break;
  case PCRE2_ERROR_MATCHLIMIT:
  case PCRE2_ERROR_DEPTHLIMIT:
  case PCRE2_ERROR_HEAPLIMIT:
    *status = KG_BAD_LIMIT;
    break;
  case PCRE2_ERROR_NOMEMORY:
    *status = KG_BAD_ALLOC;
    break;
  default:
    *status = KG_BAD_INTERNAL;
    break;
  }

  return false;
}
