// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "params.h"

#include "xsd.h"

#include <kgraph/status.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define XSD "http://www.w3.org/2001/XMLSchema#"
#define RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

/// Check `lex` against xsd:`type`, and fail unless `why` is set exactly
/// when the result is KG_XSD_INVALID.
static KgXsdResult
check(const char* const type, const KgStringView lex, const char** const why)
{
  char      iri[128];
  const int n = snprintf(iri, sizeof(iri), XSD "%s", type);
  cr_assert(n > 0 && (size_t)n < sizeof(iri));

  *why                     = NULL;
  const KgXsdResult result = kg_xsd_check(kg_sv(iri), lex, why);
  cr_assert_eq(result == KG_XSD_INVALID, *why != NULL, "xsd:%s", type);
  return result;
}

/*
  kg_xsd_check
*/

typedef struct {
  const char* type; ///< Local name in the XSD namespace
  const char* lex;
  size_t      len;
  KgXsdResult result;
  const char* why; ///< Expected reason if invalid
} Case;

#define OK(type, lit)                                   \
  {                                                     \
    (type), (lit), sizeof(lit) - 1U, KG_XSD_VALID, NULL \
  }
#define BAD(type, lit, why)                                \
  {                                                        \
    (type), (lit), sizeof(lit) - 1U, KG_XSD_INVALID, (why) \
  }

#define NOT_INT "not an integer"
#define NOT_DEC "not a decimal number"
#define NOT_FP "not a floating-point number"
#define NOT_BOOL "not true, false, 1 or 0"
#define LEADING "leading whitespace"
#define TRAILING "trailing whitespace"
#define TZ "expected a timezone: Z, +hh:mm or -hh:mm"
#define YEAR "expected a year of at least 4 digits"
#define YEAR_0 "year of more than 4 digits starts with 0"
#define FEB_29 "day 29 does not exist in February of a non-leap year"

static const Case cases[] = {
  // string: anything but the characters XML forbids
  OK("string", ""),
  OK("string", " padded "),
  OK("string", "tab\there\nand\r\n"),
  OK("string", "\x01\x7f"),
  OK("string", "h\xc3\xa9llo \xf0\x9f\x98\x80"),
  OK("string", "\xef\xbf\xbd"),
  BAD("string", "a\x00z", "contains U+0000, which XML does not allow"),
  BAD("string", "\x00", "contains U+0000, which XML does not allow"),
  BAD("string",
      "x\xef\xbf\xbe",
      "contains U+FFFE or U+FFFF, which XML does not allow"),
  BAD("string",
      "\xef\xbf\xbfx",
      "contains U+FFFE or U+FFFF, which XML does not allow"),

  // normalizedString: no tab, line feed or carriage return
  OK("normalizedString", ""),
  OK("normalizedString", " two  spaces "),
  BAD("normalizedString",
      "a\tb",
      "contains a tab, line feed or carriage return"),
  BAD("normalizedString",
      "a\nb",
      "contains a tab, line feed or carriage return"),
  BAD("normalizedString",
      "a\rb",
      "contains a tab, line feed or carriage return"),
  BAD("normalizedString", "a\x00", "contains U+0000, which XML does not allow"),

  // token: also collapsed
  OK("token", ""),
  OK("token", "one two three"),
  OK("token", "x"),
  BAD("token", " a", LEADING),
  BAD("token", "a ", TRAILING),
  BAD("token", "a  b", "contains two spaces in a row"),
  BAD("token", "a\tb", "contains a tab, line feed or carriage return"),
  BAD("token", "\n", LEADING),

  // language: [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*
  OK("language", "en"),
  OK("language", "en-US"),
  OK("language", "de-CH-1901"),
  OK("language", "x-klingon"),
  OK("language", "abcdefgh-12345678"),
  OK("language", "i-default"),
  BAD("language", "", "empty"),
  BAD("language",
      "en_US",
      "contains a character other than a letter, digit or '-'"),
  BAD("language", "en-", "empty subtag"),
  BAD("language", "-en", "empty subtag"),
  BAD("language", "en--US", "empty subtag"),
  BAD("language", "abcdefghi", "subtag longer than 8 characters"),
  BAD("language", "en-123456789", "subtag longer than 8 characters"),
  BAD("language", "1en", "first subtag has a digit"),
  BAD("language",
      "en US",
      "contains a character other than a letter, digit or '-'"),
  BAD("language", " en", LEADING),

  // Name, NCName, NMTOKEN
  OK("Name", "a"),
  OK("Name", "_x-1.y"),
  OK("Name", ":a:b"),
  OK("Name", "\xc3\xa9t\xc3\xa9"),
  OK("Name", "\xe6\x97\xa5\xe6\x9c\xac"),
  OK("Name", "a\xc2\xb7\xcc\x80"),
  OK("Name", "\xf0\x90\x80\x80"),
  BAD("Name", "", "empty"),
  BAD("Name", "1a", "starts with a character that may not start a name"),
  BAD("Name", "-a", "starts with a character that may not start a name"),
  BAD("Name", "\xc2\xb7", "starts with a character that may not start a name"),
  BAD("Name", "a b", "contains a character that may not be in a name"),
  BAD("Name", "a\xc3\x97", "contains a character that may not be in a name"),
  BAD("Name",
      "a\xef\xbf\xbe",
      "contains a character that may not be in a name"),
  BAD("Name", "a\x00", "contains a character that may not be in a name"),
  BAD("Name", "a\xc3", "not valid UTF-8"),
  OK("NCName", "a.b-c_d"),
  OK("NCName", "\xce\xb1\xce\xb2"),
  BAD("NCName", "a:b", "contains ':', which an NCName may not"),
  BAD("NCName", ":", "contains ':', which an NCName may not"),
  BAD("NCName", "1", "starts with a character that may not start a name"),
  OK("NMTOKEN", "1a"),
  OK("NMTOKEN", "-.:"),
  OK("NMTOKEN", "\xc2\xb7"),
  BAD("NMTOKEN", "", "empty"),
  BAD("NMTOKEN", "a b", "contains a character that may not be in a name"),
  BAD("NMTOKEN", "a,b", "contains a character that may not be in a name"),

  // boolean
  OK("boolean", "true"),
  OK("boolean", "false"),
  OK("boolean", "1"),
  OK("boolean", "0"),
  BAD("boolean", "TRUE", NOT_BOOL),
  BAD("boolean", "True", NOT_BOOL),
  BAD("boolean", "yes", NOT_BOOL),
  BAD("boolean", "01", NOT_BOOL),
  BAD("boolean", "true\x00", NOT_BOOL),
  BAD("boolean", "", "empty"),
  BAD("boolean", " true", LEADING),

  // decimal
  OK("decimal", "0"),
  OK("decimal", "-1.5"),
  OK("decimal", "+.5"),
  OK("decimal", "-.5"),
  OK("decimal", "1."),
  OK("decimal", "007.700"),
  OK("decimal", "123456789012345678901234567890.123456789"),
  BAD("decimal", ".", NOT_DEC),
  BAD("decimal", "-", NOT_DEC),
  BAD("decimal", "+-1", NOT_DEC),
  BAD("decimal", "1e3", NOT_DEC),
  BAD("decimal", "1.2.3", NOT_DEC),
  BAD("decimal", "1,5", NOT_DEC),
  BAD("decimal", "INF", NOT_DEC),
  BAD("decimal", "1 ", TRAILING),
  BAD("decimal", "", "empty"),

  // integer
  OK("integer", "0"),
  OK("integer", "-0"),
  OK("integer", "+0001"),
  OK("integer", "123456789012345678901234567890"),
  OK("integer", "-123456789012345678901234567890"),
  BAD("integer", "1.0", NOT_INT),
  BAD("integer", "1.", NOT_INT),
  BAD("integer", "+", NOT_INT),
  BAD("integer", "--1", NOT_INT),
  BAD("integer", "1e3", NOT_INT),
  BAD("integer", "0x10", NOT_INT),
  BAD("integer", "1\x00", NOT_INT),
  BAD("integer", " 1", LEADING),
  BAD("integer", "1 ", TRAILING),
  BAD("integer", "1\n", TRAILING),
  BAD("integer", "", "empty"),

  // long
  OK("long", "9223372036854775807"),
  OK("long", "-9223372036854775808"),
  OK("long", "+0009223372036854775807"),
  BAD("long", "9223372036854775808", "greater than 9223372036854775807"),
  BAD("long", "-9223372036854775809", "less than -9223372036854775808"),
  BAD("long", "99999999999999999999999", "greater than 9223372036854775807"),
  BAD("long", "1.5", NOT_INT),

  // int
  OK("int", "2147483647"),
  OK("int", "-2147483648"),
  OK("int", "+0001"),
  OK("int", "-0"),
  OK("int", "000000000000000000000000000000002147483647"),
  BAD("int", "2147483648", "greater than 2147483647"),
  BAD("int", "-2147483649", "less than -2147483648"),
  BAD("int", "4294967296", "greater than 2147483647"),
  BAD("int", " 1", LEADING),
  BAD("int", "1 ", TRAILING),

  // short, byte
  OK("short", "32767"),
  OK("short", "-32768"),
  BAD("short", "32768", "greater than 32767"),
  BAD("short", "-32769", "less than -32768"),
  OK("byte", "127"),
  OK("byte", "-128"),
  OK("byte", "-0000128"),
  BAD("byte", "128", "greater than 127"),
  BAD("byte", "-129", "less than -128"),
  BAD("byte", "1000", "greater than 127"),

  // Signs: zero may take either
  OK("nonNegativeInteger", "0"),
  OK("nonNegativeInteger", "-0"),
  OK("nonNegativeInteger", "-000"),
  OK("nonNegativeInteger", "+5"),
  OK("nonNegativeInteger", "99999999999999999999999999"),
  BAD("nonNegativeInteger", "-1", "less than 0"),
  OK("positiveInteger", "1"),
  OK("positiveInteger", "+0001"),
  BAD("positiveInteger", "0", "less than 1"),
  BAD("positiveInteger", "-0", "less than 1"),
  BAD("positiveInteger", "-5", "less than 1"),
  OK("nonPositiveInteger", "0"),
  OK("nonPositiveInteger", "+0"),
  OK("nonPositiveInteger", "-99999999999999999999999999"),
  BAD("nonPositiveInteger", "1", "greater than 0"),
  OK("negativeInteger", "-1"),
  OK("negativeInteger", "-0001"),
  BAD("negativeInteger", "-0", "greater than -1"),
  BAD("negativeInteger", "0", "greater than -1"),
  BAD("negativeInteger", "+1", "greater than -1"),

  // Unsigned
  OK("unsignedLong", "18446744073709551615"),
  OK("unsignedLong", "0"),
  OK("unsignedLong", "-0"),
  BAD("unsignedLong",
      "18446744073709551616",
      "greater than 18446744073709551615"),
  BAD("unsignedLong", "-1", "less than 0"),
  OK("unsignedInt", "4294967295"),
  BAD("unsignedInt", "4294967296", "greater than 4294967295"),
  OK("unsignedShort", "65535"),
  BAD("unsignedShort", "65536", "greater than 65535"),
  OK("unsignedByte", "255"),
  OK("unsignedByte", "+000255"),
  BAD("unsignedByte", "256", "greater than 255"),
  BAD("unsignedByte", "-1", "less than 0"),
  BAD("unsignedByte", "", "empty"),

  // double
  OK("double", "1"),
  OK("double", "-1.5"),
  OK("double", ".5e3"),
  OK("double", "5.E-3"),
  OK("double", "+1e+10"),
  OK("double", "1E400"),
  OK("double", "INF"),
  OK("double", "+INF"),
  OK("double", "-INF"),
  OK("double", "NaN"),
  BAD("double", "1e", "exponent has no digits"),
  BAD("double", "1e+", "exponent has no digits"),
  BAD("double", "e3", NOT_FP),
  BAD("double", ".e3", NOT_FP),
  BAD("double", "nan", NOT_FP),
  BAD("double", "inf", NOT_FP),
  BAD("double", "-NaN", NOT_FP),
  BAD("double", "+NaN", NOT_FP),
  BAD("double", "Infinity", NOT_FP),
  BAD("double", "1.5f", NOT_FP),
  BAD("double", "1e1.5", NOT_FP),
  BAD("double", "0x1p3", NOT_FP),
  BAD("double", " 1", LEADING),
  BAD("double", "", "empty"),

  // float: the same lexical space
  OK("float", "3.4028235E38"),
  OK("float", "1e999"),
  OK("float", "-INF"),
  BAD("float", "INF ", TRAILING),
  BAD("float", "1f", NOT_FP),

  // date
  OK("date", "2024-02-29"),
  OK("date", "2000-02-29"),
  OK("date", "2024-12-31"),
  OK("date", "2024-01-31Z"),
  OK("date", "2024-04-30+14:00"),
  OK("date", "2024-04-30-14:00"),
  OK("date", "0000-01-01"),
  OK("date", "-0000-01-01"),
  OK("date", "-0001-12-31"),
  OK("date", "-0004-02-29"),
  OK("date", "-0400-02-29"),
  OK("date", "10000-01-01"),
  OK("date", "123456789012345678901234567890-01-01"),
  OK("date", "2400-02-29"),
  OK("date", "0000-02-29"),
  BAD("date", "2025-02-29", FEB_29),
  BAD("date", "1900-02-29", FEB_29),
  BAD("date", "-0100-02-29", FEB_29),
  BAD("date", "-0001-02-29", FEB_29),
  BAD("date", "2024-02-30", "day 30 does not exist in February"),
  BAD("date", "2024-02-31", "day 31 does not exist in February"),
  BAD("date", "2024-04-31", "day 31 does not exist in April"),
  BAD("date", "2024-06-31", "day 31 does not exist in June"),
  BAD("date", "2024-09-31", "day 31 does not exist in September"),
  BAD("date", "2024-11-31", "day 31 does not exist in November"),
  BAD("date", "2025-13-01", "month 13 is out of range"),
  BAD("date", "2025-00-01", "month 00 is out of range"),
  BAD("date", "2025-99-01", "month 99 is out of range"),
  BAD("date", "2025-01-00", "day 00 is out of range"),
  BAD("date", "2025-01-32", "day 32 is out of range"),
  BAD("date", "01000-01-01", YEAR_0),
  BAD("date", "-01000-01-01", YEAR_0),
  BAD("date", "999-01-01", YEAR),
  BAD("date", "+2024-01-01", YEAR),
  BAD("date", "2024-1-01", "expected a 2-digit month"),
  BAD("date", "2024-001-01", "expected a 2-digit month"),
  BAD("date", "2024-01-1", "expected a 2-digit day"),
  BAD("date", "2024-01-011", "expected a 2-digit day"),
  BAD("date", "2024/01/01", "expected '-' after the year"),
  BAD("date", "2024-01", "expected '-' after the month"),
  BAD("date", "2024-01-01T00:00:00", TZ),
  BAD("date", "2024-01-01z", TZ),
  BAD("date", "2024-01-01+1:00", TZ),
  BAD("date", "2024-01-01+01:00Z", "unexpected text after the timezone"),
  BAD("date", "2024-01-01 ", TRAILING),
  BAD("date", "", "empty"),

  // time
  OK("time", "00:00:00"),
  OK("time", "23:59:59"),
  OK("time", "23:59:59.999999999999"),
  OK("time", "24:00:00"),
  OK("time", "24:00:00.000"),
  OK("time", "24:00:00Z"),
  OK("time", "12:00:00Z"),
  OK("time", "12:00:00-00:00"),
  OK("time", "12:00:00+13:59"),
  BAD("time", "24:00:01", "hour 24 is only allowed in 24:00:00"),
  BAD("time", "24:01:00", "hour 24 is only allowed in 24:00:00"),
  BAD("time", "24:00:00.1", "hour 24 is only allowed in 24:00:00"),
  BAD("time", "25:00:00", "hour 25 is out of range"),
  BAD("time", "12:60:00", "minute 60 is out of range"),
  BAD("time", "23:59:60", "second 60 is out of range"),
  BAD("time", "12:00", "expected ':' after the minute"),
  BAD("time", "12:00:00.", "expected digits after '.'"),
  BAD("time", "1:00:00", "expected a 2-digit hour"),
  BAD("time", "12-00-00", "expected ':' after the hour"),
  BAD("time", "12:0:00", "expected a 2-digit minute"),
  BAD("time", "12:00:0", "expected a 2-digit second"),
  BAD("time", "12:00:00+14:01", "timezone offset is beyond 14:00"),
  BAD("time", "12:00:00+15:00", "timezone hour 15 is out of range"),
  BAD("time", "12:00:00-13:60", "timezone minute 60 is out of range"),
  BAD("time", "12:00:00+0100", TZ),
  BAD("time", "T12:00:00", "expected a 2-digit hour"),

  // dateTime
  OK("dateTime", "2024-01-01T12:00:00"),
  OK("dateTime", "2024-01-01T12:00:00+14:00"),
  OK("dateTime", "2024-01-01T12:00:00-14:00"),
  OK("dateTime", "2024-01-01T12:00:00.5Z"),
  OK("dateTime", "2024-12-31T24:00:00"),
  OK("dateTime", "2024-12-31T24:00:00.0-05:00"),
  OK("dateTime", "-0044-03-15T12:00:00"),
  OK("dateTime", "2024-02-29T00:00:00Z"),
  BAD("dateTime",
      "2024-01-01T12:00:00+14:01",
      "timezone offset is beyond 14:00"),
  BAD("dateTime", "2024-01-01", "expected 'T' after the date"),
  BAD("dateTime", "2024-01-01 12:00:00", "expected 'T' after the date"),
  BAD("dateTime", "2024-01-01t12:00:00", "expected 'T' after the date"),
  BAD("dateTime", "2024-01-01T12:00", "expected ':' after the minute"),
  BAD("dateTime", "2025-02-29T12:00:00", FEB_29),
  BAD("dateTime",
      "2024-01-01T24:00:00.01",
      "hour 24 is only allowed in 24:00:00"),
  BAD("dateTime",
      "2024-01-01T12:00:00ZZ",
      "unexpected text after the timezone"),

  // dateTimeStamp: the timezone is required
  OK("dateTimeStamp", "2024-01-01T12:00:00Z"),
  OK("dateTimeStamp", "2024-01-01T12:00:00+01:00"),
  BAD("dateTimeStamp", "2024-01-01T12:00:00", "timezone is required"),
  BAD("dateTimeStamp", "2024-13-01T12:00:00Z", "month 13 is out of range"),

  // gYear, gYearMonth
  OK("gYear", "2024"),
  OK("gYear", "-0044"),
  OK("gYear", "0000"),
  OK("gYear", "-0000"),
  OK("gYear", "12345"),
  OK("gYear", "2024Z"),
  OK("gYear", "2024-05:00"),
  BAD("gYear", "24", YEAR),
  BAD("gYear", "02024", YEAR_0),
  BAD("gYear", "2024-01", TZ),
  BAD("gYear", "-", YEAR),
  OK("gYearMonth", "2024-02"),
  OK("gYearMonth", "-0001-12Z"),
  BAD("gYearMonth", "2024-13", "month 13 is out of range"),
  BAD("gYearMonth", "2024", "expected '-' after the year"),
  BAD("gYearMonth", "2024-2", "expected a 2-digit month"),

  // gMonth, gDay, gMonthDay
  OK("gMonth", "--12"),
  OK("gMonth", "--01Z"),
  BAD("gMonth", "--13", "month 13 is out of range"),
  BAD("gMonth", "--00", "month 00 is out of range"),
  BAD("gMonth", "-12", "expected '--' before the month"),
  BAD("gMonth", "--12--", TZ),
  BAD("gMonth", "12", "expected '--' before the month"),
  OK("gDay", "---31"),
  OK("gDay", "---01+01:00"),
  BAD("gDay", "---32", "day 32 is out of range"),
  BAD("gDay", "---00", "day 00 is out of range"),
  BAD("gDay", "--31", "expected '---' before the day"),
  BAD("gDay", "---1", "expected a 2-digit day"),
  OK("gMonthDay", "--02-29"),
  OK("gMonthDay", "--12-31"),
  OK("gMonthDay", "--01-01Z"),
  BAD("gMonthDay", "--02-30", "day 30 does not exist in February"),
  BAD("gMonthDay", "--04-31", "day 31 does not exist in April"),
  BAD("gMonthDay", "--13-01", "month 13 is out of range"),
  BAD("gMonthDay", "--12", "expected '-' after the month"),
  BAD("gMonthDay", "12-01", "expected '--' before the month"),

  // duration
  OK("duration", "P1Y2M3DT4H5M6.7S"),
  OK("duration", "-P1D"),
  OK("duration", "P1Y"),
  OK("duration", "P1M"),
  OK("duration", "PT1M"),
  OK("duration", "PT0S"),
  OK("duration", "P0D"),
  OK("duration", "PT36H"),
  OK("duration", "P1DT2S"),
  OK("duration", "PT1.S"),
  OK("duration", "PT.5S"),
  OK("duration", "P123456789012345678901234567890Y"),
  BAD("duration", "P", "no components"),
  BAD("duration", "-P", "no components"),
  BAD("duration", "PT", "T must be followed by hours, minutes or seconds"),
  BAD("duration", "P1YT", "T must be followed by hours, minutes or seconds"),
  BAD("duration",
      "P1Y2M3DT",
      "T must be followed by hours, minutes or seconds"),
  BAD("duration", "1Y", "expected P or -P at the start"),
  BAD("duration", "+P1Y", "expected P or -P at the start"),
  BAD("duration", "p1y", "expected P or -P at the start"),
  BAD("duration", "P-1Y", "expected a number"),
  BAD("duration", "PY", "expected a number"),
  BAD("duration", "P1", "number without a designator"),
  BAD("duration", "P1S", "expected Y, M, D or T in the date"),
  BAD("duration", "PT1D", "expected H, M or S in the time"),
  BAD("duration", "P1M2Y", "components are out of order or repeated"),
  BAD("duration", "P1Y1Y", "components are out of order or repeated"),
  BAD("duration", "PT1S2M", "components are out of order or repeated"),
  BAD("duration", "P1.5Y", "only seconds may have a fraction"),
  BAD("duration", "PT1.5M", "only seconds may have a fraction"),
  BAD("duration", "PT.S", "expected a number"),
  BAD("duration", "P1DTT1H", "T appears twice"),
  BAD("duration", "P1D ", TRAILING),
  BAD("duration", "", "empty"),

  // dayTimeDuration, yearMonthDuration
  OK("dayTimeDuration", "P1D"),
  OK("dayTimeDuration", "-PT1H30M"),
  OK("dayTimeDuration", "P3DT4H5M6.7S"),
  BAD("dayTimeDuration",
      "P1Y",
      "years and months are not allowed in a dayTimeDuration"),
  BAD("dayTimeDuration",
      "P1M1D",
      "years and months are not allowed in a dayTimeDuration"),
  BAD("dayTimeDuration", "P", "no components"),
  OK("yearMonthDuration", "P1Y"),
  OK("yearMonthDuration", "-P1Y2M"),
  OK("yearMonthDuration", "P18M"),
  BAD("yearMonthDuration", "-P", "no components"),
  BAD("yearMonthDuration",
      "P1D",
      "days and times are not allowed in a yearMonthDuration"),
  BAD("yearMonthDuration",
      "P1YT1H",
      "days and times are not allowed in a yearMonthDuration"),
  BAD("yearMonthDuration",
      "PT1M",
      "days and times are not allowed in a yearMonthDuration"),

  // hexBinary
  OK("hexBinary", ""),
  OK("hexBinary", "0fA9"),
  OK("hexBinary", "DEADbeef"),
  BAD("hexBinary", "0fA", "odd number of hex digits"),
  BAD("hexBinary", "0g", "contains a character that is not a hex digit"),
  BAD("hexBinary", "0x0f", "contains a character that is not a hex digit"),
  BAD("hexBinary", "0f 0f", "contains a character that is not a hex digit"),
  BAD("hexBinary", " 0f", LEADING),

  // base64Binary: the XSD grammar, where single spaces may separate
  // characters and the padding must leave no unused bit set
  OK("base64Binary", ""),
  OK("base64Binary", "QQ=="),
  OK("base64Binary", "QUI="),
  OK("base64Binary", "QUJD"),
  OK("base64Binary", "QUJDRA=="),
  OK("base64Binary", "Q Q = ="),
  OK("base64Binary", "QUJ D"),
  OK("base64Binary", "Q U J D R E V G"),
  OK("base64Binary", "+/+/"),
  OK("base64Binary", "AA=="),
  OK("base64Binary", "AAA="),
  BAD("base64Binary", "QQ=", "number of characters is not a multiple of 4"),
  BAD("base64Binary", "QQ", "number of characters is not a multiple of 4"),
  BAD("base64Binary", "QUJDR", "number of characters is not a multiple of 4"),
  BAD("base64Binary", "QR==", "unused bits before the padding are not zero"),
  BAD("base64Binary", "QUJ=", "unused bits before the padding are not zero"),
  BAD("base64Binary", "Q===", "too much padding"),
  BAD("base64Binary", "====", "too much padding"),
  BAD("base64Binary", "QQ==QUJD", "'=' is only allowed at the end"),
  BAD("base64Binary", "QQ=A", "'=' is only allowed at the end"),
  BAD("base64Binary", "QU  JD", "contains two spaces in a row"),
  BAD("base64Binary", " QUJD", LEADING),
  BAD("base64Binary", "QUJD ", TRAILING),
  BAD("base64Binary", "QU\nJD", "contains a character that is not base64"),
  BAD("base64Binary", "QU-_", "contains a character that is not base64"),

  // anyURI: lenient, but no controls
  OK("anyURI", ""),
  OK("anyURI", "http://example.org/a?b#c"),
  OK("anyURI", "relative/path"),
  OK("anyURI", "http://example.org/a b"),
  OK("anyURI", "http://example.org/\xc3\xa9"),
  OK("anyURI", "urn:x:<{|}>"),
  BAD("anyURI", "http://example.org/\x01", "contains a control character"),
  BAD("anyURI", "a\x7f", "contains a control character"),
  BAD("anyURI", "a\xc2\x85", "contains a control character"),
  BAD("anyURI", "a\tb", "contains a control character"),
  BAD("anyURI", "a\x00", "contains a control character"),
  OK("anyURI", "a  b"),
  BAD("anyURI",
      "a\xef\xbf\xbf",
      "contains U+FFFE or U+FFFF, which XML does not allow"),
  BAD("anyURI", " http://example.org/", LEADING),
};

ParameterizedTestParameters(xsd, check_table)
{
  INDEX_PARAMS(cases);
}

ParameterizedTest(size_t* i, xsd, check_table)
{
  const Case* const  c   = &cases[*i];
  const KgStringView lex = {c->lex, c->len};
  const char*        why = NULL;

  cr_expect_eq(check(c->type, lex, &why),
               c->result,
               "case %zu: xsd:%s '%.*s': %s",
               *i,
               c->type,
               (int)c->len,
               c->lex,
               why ? why : "valid");
  if (c->why) {
    cr_expect_str_eq(why ? why : "(null)", c->why, "case %zu", *i);
  }
}

Test(xsd, table_covers_every_datatype)
{
  static const char* const names[] = {
    "string",
    "normalizedString",
    "token",
    "language",
    "Name",
    "NCName",
    "NMTOKEN",
    "boolean",
    "decimal",
    "integer",
    "long",
    "int",
    "short",
    "byte",
    "nonNegativeInteger",
    "positiveInteger",
    "nonPositiveInteger",
    "negativeInteger",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
    "double",
    "float",
    "date",
    "time",
    "dateTime",
    "dateTimeStamp",
    "duration",
    "dayTimeDuration",
    "yearMonthDuration",
    "gYear",
    "gYearMonth",
    "gMonth",
    "gDay",
    "gMonthDay",
    "hexBinary",
    "base64Binary",
    "anyURI",
  };

  for (size_t n = 0U; n < sizeof(names) / sizeof(names[0]); ++n) {
    bool valid   = false;
    bool invalid = false;
    for (size_t i = 0U; i < sizeof(cases) / sizeof(cases[0]); ++i) {
      if (!strcmp(cases[i].type, names[n])) {
        valid   = valid || cases[i].result == KG_XSD_VALID;
        invalid = invalid || cases[i].result == KG_XSD_INVALID;
      }
    }
    cr_expect(
      valid && invalid, "xsd:%s lacks a valid or invalid case", names[n]);
  }
}

Test(xsd, unknown_datatypes)
{
  static const char* const iris[] = {
    RDF "langString",
    RDF "HTML",
    RDF "XMLLiteral",
    RDF "PlainLiteral",
    XSD "anyType",
    XSD "anySimpleType",
    XSD "anyAtomicType",
    XSD "QName",
    XSD "NOTATION",
    XSD "ID",
    XSD "IDREFS",
    XSD "NMTOKENS",
    XSD "Integer",
    XSD "",
    XSD "int ",
    XSD "in",
    "http://www.w3.org/2001/XMLSchema",
    "http://www.w3.org/2001/XMLSchema#int#",
    "https://www.w3.org/2001/XMLSchema#int",
    "xsd:int",
    "int",
    "",
  };

  for (size_t i = 0U; i < sizeof(iris) / sizeof(iris[0]); ++i) {
    const char* why = "untouched";
    cr_expect_eq(kg_xsd_check(kg_sv(iris[i]), KG_SV("1"), &why),
                 KG_XSD_UNKNOWN,
                 "%s",
                 iris[i]);
    cr_expect_str_eq(why, "untouched");
  }

  const KgStringView none = {NULL, 0U};
  cr_expect_eq(kg_xsd_check(none, KG_SV("1"), NULL), KG_XSD_UNKNOWN);
}

Test(xsd, why_may_be_null)
{
  cr_expect_eq(kg_xsd_check(KG_SV(XSD "int"), KG_SV("x"), NULL),
               KG_XSD_INVALID);
  cr_expect_eq(kg_xsd_check(KG_SV(XSD "int"), KG_SV("1"), NULL), KG_XSD_VALID);
}

Test(xsd, why_is_untouched_when_valid)
{
  const char* why = "untouched";
  cr_expect_eq(kg_xsd_check(KG_SV(XSD "date"), KG_SV("2024-01-01"), &why),
               KG_XSD_VALID);
  cr_expect_str_eq(why, "untouched");
}

Test(xsd, empty_null_view)
{
  const KgStringView none = {NULL, 0U};
  const char*        why  = NULL;
  cr_expect_eq(check("string", none, &why), KG_XSD_VALID);
  cr_expect_eq(check("anyURI", none, &why), KG_XSD_VALID);
  cr_expect_eq(check("base64Binary", none, &why), KG_XSD_VALID);
  cr_expect_eq(check("int", none, &why), KG_XSD_INVALID);
  cr_expect_eq(check("date", none, &why), KG_XSD_INVALID);
}

Test(xsd, reads_only_the_given_length)
{
  // The view stops before the bad part, which would be read by strlen()
  const char         text[] = "2024-01-01T00:00:00Zjunk";
  const KgStringView lex    = {text, 20U};
  const char*        why    = NULL;
  cr_expect_eq(check("dateTime", lex, &why), KG_XSD_VALID);

  const KgStringView number = {"12345", 2U};
  cr_expect_eq(check("byte", number, &why), KG_XSD_VALID);
}

/*
  Exhaustive and generated checks
*/

static bool
is_leap_year(const long year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static unsigned
days_in_month(const long year, const unsigned month)
{
  static const unsigned days[] = {
    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2U && is_leap_year(year) ? 29U : days[month - 1U];
}

Test(xsd, every_month_and_day_of_sample_years)
{
  // Every month and day number from 00 to 32, in years around the rules
  static const long years[] = {-401, -400, -100, -5,   -4,   -1,    0,
                               1,    4,    100,  1600, 1700, 1900,  1996,
                               2000, 2023, 2024, 2100, 2400, 99996, 100000};

  for (size_t y = 0U; y < sizeof(years) / sizeof(years[0]); ++y) {
    for (unsigned month = 0U; month <= 13U; ++month) {
      for (unsigned day = 0U; day <= 32U; ++day) {
        char      text[32];
        const int n = snprintf(text,
                               sizeof(text),
                               "%s%04ld-%02u-%02u",
                               years[y] < 0 ? "-" : "",
                               years[y] < 0 ? -years[y] : years[y],
                               month,
                               day);
        cr_assert(n > 0 && (size_t)n < sizeof(text));

        const bool valid = month >= 1U && month <= 12U && day >= 1U &&
                           day <= days_in_month(years[y], month);
        const char* why = NULL;
        cr_assert_eq(check("date", kg_sv(text), &why) == KG_XSD_VALID,
                     valid,
                     "%s: %s",
                     text,
                     why ? why : "valid");
      }
    }
  }
}

Test(xsd, every_short)
{
  for (long v = -40000; v <= 70000; ++v) {
    char      text[32];
    const int n = snprintf(text, sizeof(text), "%ld", v);
    cr_assert(n > 0 && (size_t)n < sizeof(text));

    const char*        why = NULL;
    const KgStringView lex = kg_sv(text);
    cr_assert_eq(check("short", lex, &why) == KG_XSD_VALID,
                 v >= -32768 && v <= 32767,
                 "%s",
                 text);
    cr_assert_eq(check("byte", lex, &why) == KG_XSD_VALID,
                 v >= -128 && v <= 127,
                 "%s",
                 text);
    cr_assert_eq(check("unsignedShort", lex, &why) == KG_XSD_VALID,
                 v >= 0 && v <= 65535,
                 "%s",
                 text);
    cr_assert_eq(check("unsignedByte", lex, &why) == KG_XSD_VALID,
                 v >= 0 && v <= 255,
                 "%s",
                 text);
    cr_assert_eq(
      check("positiveInteger", lex, &why) == KG_XSD_VALID, v > 0, "%s", text);
    cr_assert_eq(
      check("negativeInteger", lex, &why) == KG_XSD_VALID, v < 0, "%s", text);
  }
}

Test(xsd, every_time_field)
{
  for (unsigned h = 0U; h < 100U; ++h) {
    for (unsigned m = 0U; m < 100U; m += 3U) {
      for (unsigned s = 0U; s < 100U; s += 7U) {
        char      text[32];
        const int n = snprintf(text, sizeof(text), "%02u:%02u:%02u", h, m, s);
        cr_assert(n > 0 && (size_t)n < sizeof(text));

        const bool valid =
          (h < 24U && m < 60U && s < 60U) || (h == 24U && !m && !s);
        const char* why = NULL;
        cr_assert_eq(
          check("time", kg_sv(text), &why) == KG_XSD_VALID, valid, "%s", text);
      }
    }
  }
}

Test(xsd, every_timezone)
{
  for (int sign = 0; sign < 2; ++sign) {
    for (unsigned h = 0U; h < 100U; ++h) {
      for (unsigned m = 0U; m < 100U; ++m) {
        char      text[32];
        const int n = snprintf(
          text, sizeof(text), "12:00:00%c%02u:%02u", sign ? '-' : '+', h, m);
        cr_assert(n > 0 && (size_t)n < sizeof(text));

        const bool  valid = m < 60U && (h < 14U || (h == 14U && !m));
        const char* why   = NULL;
        cr_assert_eq(
          check("time", kg_sv(text), &why) == KG_XSD_VALID, valid, "%s", text);
      }
    }
  }
}

/// Return the length of the base64 encoding of `n` bytes of `data`.
static size_t
encode_base64(const uint8_t* const data, const size_t n, char* const out)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  size_t len = 0U;
  for (size_t i = 0U; i < n; i += 3U) {
    const uint32_t b = ((uint32_t)data[i] << 16U) |
                       (i + 1U < n ? (uint32_t)data[i + 1U] << 8U : 0U) |
                       (i + 2U < n ? (uint32_t)data[i + 2U] : 0U);
    out[len++] = alphabet[(b >> 18U) & 63U];
    out[len++] = alphabet[(b >> 12U) & 63U];
    out[len++] = i + 1U < n ? alphabet[(b >> 6U) & 63U] : '=';
    out[len++] = i + 2U < n ? alphabet[b & 63U] : '=';
  }

  return len;
}

Test(xsd, base64_of_every_short_input)
{
  // Every one and two byte input, encoded properly, then with its last
  // character before the padding changed to every other character
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  for (unsigned v = 0U; v < 0x10100U; ++v) {
    const size_t  n       = v < 0x100U ? 1U : 2U;
    const uint8_t data[2] = {(uint8_t)(v & 0xFFU), (uint8_t)(v >> 8U)};
    char          text[8];
    const size_t  len = encode_base64(data, n, text);
    const char*   why = NULL;
    cr_assert_eq(check("base64Binary", (KgStringView){text, len}, &why),
                 KG_XSD_VALID,
                 "%.*s: %s",
                 (int)len,
                 text,
                 why);

    if (v % 97U == 0U) {
      const size_t last = n == 1U ? 1U : 2U;
      for (size_t c = 0U; c < 64U; ++c) {
        text[last]         = alphabet[c];
        const bool padding = n == 1U ? (c & 15U) == 0U : (c & 3U) == 0U;
        cr_assert_eq(check("base64Binary", (KgStringView){text, len}, &why) ==
                       KG_XSD_VALID,
                     padding,
                     "%.*s",
                     (int)len,
                     text);
      }
    }
  }
}

Test(xsd, random_bytes_do_not_crash)
{
  static const char* const names[] = {
    "string",        "token",        "language",
    "Name",          "NCName",       "NMTOKEN",
    "boolean",       "decimal",      "integer",
    "int",           "unsignedLong", "double",
    "date",          "time",         "dateTime",
    "dateTimeStamp", "duration",     "dayTimeDuration",
    "gYear",         "gMonthDay",    "gDay",
    "hexBinary",     "base64Binary", "anyURI",
  };

  // Mostly characters that the scanners care about, so that random strings
  // get past the first byte
  static const char pieces[] =
    "0123456789-+:.TZPYMDHSe= \t\x00\xc3\xa9\xef\xbf";

  uint32_t state = 12345U;
  for (unsigned round = 0U; round < 20000U; ++round) {
    char         text[24];
    const size_t len = round % sizeof(text);
    for (size_t i = 0U; i < len; ++i) {
      state   = state * 1664525U + 1013904223U;
      text[i] = pieces[(state >> 16U) % (sizeof(pieces) - 1U)];
    }

    for (size_t n = 0U; n < sizeof(names) / sizeof(names[0]); ++n) {
      const char* why = NULL;
      check(names[n], (KgStringView){text, len}, &why);
    }
  }
}

/*
  kg_xsd_is_derived
*/

typedef struct {
  const char* derived;
  const char* base;
  bool        result;
} DerivedCase;

static const DerivedCase derived_cases[] = {
  // Integers
  {XSD "integer", XSD "decimal", true},
  {XSD "int", XSD "integer", true},
  {XSD "int", XSD "long", true},
  {XSD "int", XSD "decimal", true},
  {XSD "byte", XSD "short", true},
  {XSD "byte", XSD "int", true},
  {XSD "byte", XSD "decimal", true},
  {XSD "unsignedByte", XSD "unsignedShort", true},
  {XSD "unsignedByte", XSD "nonNegativeInteger", true},
  {XSD "unsignedLong", XSD "integer", true},
  {XSD "positiveInteger", XSD "nonNegativeInteger", true},
  {XSD "negativeInteger", XSD "nonPositiveInteger", true},
  {XSD "negativeInteger", XSD "integer", true},
  {XSD "decimal", XSD "integer", false},
  {XSD "long", XSD "int", false},
  {XSD "unsignedInt", XSD "int", false},
  {XSD "byte", XSD "unsignedByte", false},
  {XSD "positiveInteger", XSD "nonPositiveInteger", false},
  {XSD "integer", XSD "double", false},
  {XSD "float", XSD "double", false},
  {XSD "double", XSD "float", false},
  // Strings
  {XSD "normalizedString", XSD "string", true},
  {XSD "token", XSD "normalizedString", true},
  {XSD "language", XSD "token", true},
  {XSD "language", XSD "string", true},
  {XSD "NCName", XSD "Name", true},
  {XSD "NCName", XSD "string", true},
  {XSD "NMTOKEN", XSD "token", true},
  {XSD "string", XSD "token", false},
  {XSD "NMTOKEN", XSD "Name", false},
  {XSD "Name", XSD "NCName", false},
  {XSD "anyURI", XSD "string", false},
  // Dates and durations
  {XSD "dateTimeStamp", XSD "dateTime", true},
  {XSD "dayTimeDuration", XSD "duration", true},
  {XSD "yearMonthDuration", XSD "duration", true},
  {XSD "dateTime", XSD "dateTimeStamp", false},
  {XSD "date", XSD "dateTime", false},
  {XSD "dayTimeDuration", XSD "yearMonthDuration", false},
  // Itself, and the roots
  {XSD "int", XSD "int", true},
  {XSD "string", XSD "string", true},
  {XSD "int", XSD "anyAtomicType", true},
  {XSD "string", XSD "anySimpleType", true},
  {XSD "gDay", XSD "anyType", true},
  {XSD "anyType", XSD "string", false},
  // Unknown IRIs: only themselves
  {RDF "langString", RDF "langString", true},
  {RDF "langString", XSD "string", false},
  {XSD "string", RDF "langString", false},
  {"http://example.org/myInt", XSD "integer", false},
  {"http://example.org/myInt", "http://example.org/myInt", true},
  {XSD "ID", XSD "NCName", false},
  {"", "", true},
};

ParameterizedTestParameters(xsd, is_derived_table)
{
  INDEX_PARAMS(derived_cases);
}

ParameterizedTest(size_t* i, xsd, is_derived_table)
{
  const DerivedCase* const c = &derived_cases[*i];
  cr_expect_eq(kg_xsd_is_derived(kg_sv(c->derived), kg_sv(c->base)),
               c->result,
               "%s from %s",
               c->derived,
               c->base);
}
