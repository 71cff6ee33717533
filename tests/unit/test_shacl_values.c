// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "params.h"

#include "shacl_values.h"
#include "ublocks.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XSD "http://www.w3.org/2001/XMLSchema#"
#define RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define EX "http://example.org/"

static KgStringView
sv(const char* const s)
{
  return (KgStringView){s, strlen(s)};
}

/// A literal built by hand; `type` is a local name in XSD, or a full IRI
/// if it has a colon.
static KgShValue
lit(const char* const lexical, const char* const type)
{
  static char   iri[8][128];
  static size_t next = 0U;

  KgShValue v = {
    KG_TERM_LITERAL, sv(lexical), KG_SV(XSD "string"), KG_SV(""), NULL, 0U};
  if (type) {
    char* const buf = iri[next++ % 8U];
    if (strchr(type, ':')) {
      snprintf(buf, sizeof(iri[0]), "%s", type);
    } else {
      snprintf(buf, sizeof(iri[0]), XSD "%s", type);
    }
    v.datatype = sv(buf);
  }
  return v;
}

static KgShValue
lang_lit(const char* const lexical, const char* const lang)
{
  return (KgShValue){
    KG_TERM_LITERAL, sv(lexical), KG_SV(RDF "langString"), sv(lang), NULL, 0U};
}

static KgShValue
iri(const char* const text)
{
  return (KgShValue){KG_TERM_IRI, sv(text), KG_SV(""), KG_SV(""), NULL, 0U};
}

/*
  kg_sh_value and kg_sh_same_term
*/

Test(shacl_values, value_reads_terms_of_a_graph)
{
  KgGraph* const g = kg_graph_new();
  cr_assert_not_null(g);

  const KgTermId i = kg_graph_iri(g, KG_SV(EX "a"));
  const KgTermId b = kg_graph_blank(g, KG_SV("b0"), kg_graph_new_scope(g));
  const KgTermId l =
    kg_graph_literal(g, KG_SV("chat"), KG_NO_TERM, KG_SV("FR"));
  const KgTermId s = kg_graph_literal(g, KG_SV("x"), KG_NO_TERM, KG_SV(""));
  const KgTermId n = kg_graph_literal(
    g, KG_SV("12"), kg_graph_iri(g, KG_SV(XSD "integer")), KG_SV(""));

  KgShValue v = kg_sh_value(g, i);
  cr_assert_eq(v.kind, KG_TERM_IRI);
  cr_assert_str_eq(v.text.data, EX "a");
  cr_assert_eq(v.datatype.len, 0U);
  cr_assert_eq(v.graph, g);
  cr_assert_eq(v.id, i);

  v = kg_sh_value(g, b);
  cr_assert_eq(v.kind, KG_TERM_BLANK);

  v = kg_sh_value(g, l);
  cr_assert_eq(v.kind, KG_TERM_LITERAL);
  cr_assert_str_eq(v.text.data, "chat");
  cr_assert_eq(v.lang.len, 2U);
  cr_assert_eq(memcmp(v.lang.data, "fr", 2U), 0);
  cr_assert_eq(v.datatype.len, strlen(RDF "langString"));
  cr_assert_eq(memcmp(v.datatype.data, RDF "langString", v.datatype.len), 0);

  v = kg_sh_value(g, s);
  cr_assert_eq(v.datatype.len, strlen(XSD "string"));
  cr_assert_eq(v.lang.len, 0U);

  v = kg_sh_value(g, n);
  cr_assert(kg_sh_has_datatype(v, KG_SV(XSD "integer")));

  v = kg_sh_value(g, KG_NO_TERM);
  cr_assert_eq(v.kind, KG_TERM_NONE);
  cr_assert_eq(v.text.len, 0U);
  v = kg_sh_value(g, 9999U);
  cr_assert_eq(v.kind, KG_TERM_NONE);
  cr_assert_eq(v.id, KG_NO_TERM);

  kg_graph_free(g);
}

Test(shacl_values, same_term_across_graphs)
{
  KgGraph* const g1 = kg_graph_new();
  KgGraph* const g2 = kg_graph_new();
  cr_assert(g1 && g2);

  const KgTermId int1 = kg_graph_iri(g1, KG_SV(XSD "integer"));
  const KgTermId int2 = kg_graph_iri(g2, KG_SV(XSD "integer"));
  // Ids differ between the graphs: a term only g2 has comes first there
  (void)kg_graph_iri(g2, KG_SV(EX "other"));

  const KgShValue a1 = kg_sh_value(g1, kg_graph_iri(g1, KG_SV(EX "a")));
  const KgShValue a2 = kg_sh_value(g2, kg_graph_iri(g2, KG_SV(EX "a")));
  const KgShValue b2 = kg_sh_value(g2, kg_graph_iri(g2, KG_SV(EX "b")));
  cr_assert_neq(a1.id, a2.id);
  cr_assert(kg_sh_same_term(a1, a2));
  cr_assert_not(kg_sh_same_term(a1, b2));

  const KgShValue one1 =
    kg_sh_value(g1, kg_graph_literal(g1, KG_SV("1"), int1, KG_SV("")));
  const KgShValue one2 =
    kg_sh_value(g2, kg_graph_literal(g2, KG_SV("1"), int2, KG_SV("")));
  const KgShValue zero_one2 =
    kg_sh_value(g2, kg_graph_literal(g2, KG_SV("01"), int2, KG_SV("")));
  const KgShValue str1 =
    kg_sh_value(g1, kg_graph_literal(g1, KG_SV("1"), KG_NO_TERM, KG_SV("")));
  cr_assert(kg_sh_same_term(one1, one2));
  cr_assert_not(kg_sh_same_term(one2, zero_one2)); // Terms, not values
  cr_assert_not(kg_sh_same_term(one1, str1));
  cr_assert_eq(kg_sh_compare(one2, zero_one2), KG_SH_EQUAL);

  // Language tags compare without case; an IRI is never a literal
  cr_assert(kg_sh_same_term(lang_lit("a", "en-GB"), lang_lit("a", "EN-gb")));
  cr_assert_not(kg_sh_same_term(lang_lit("a", "en"), lang_lit("a", "en-GB")));
  cr_assert_not(kg_sh_same_term(lang_lit("a", "en"), lit("a", "string")));
  cr_assert_not(kg_sh_same_term(iri(EX "a"), lit(EX "a", "anyURI")));

  // Blank nodes: the same only as the same node of the same graph
  const uint32_t  scope = kg_graph_new_scope(g1);
  const KgShValue x1 = kg_sh_value(g1, kg_graph_blank(g1, KG_SV("x"), scope));
  const KgShValue y1 = kg_sh_value(g1, kg_graph_blank(g1, KG_SV("y"), scope));
  const KgShValue x2 =
    kg_sh_value(g2, kg_graph_blank(g2, KG_SV("x"), kg_graph_new_scope(g2)));
  cr_assert(kg_sh_same_term(x1, x1));
  cr_assert_not(kg_sh_same_term(x1, y1));
  cr_assert_not(kg_sh_same_term(x1, x2));
  const KgShValue hand = {
    KG_TERM_BLANK, KG_SV("x"), KG_SV(""), KG_SV(""), NULL, 0U};
  cr_assert_not(kg_sh_same_term(hand, hand));

  // No term is nothing
  const KgShValue none = kg_sh_value(g1, KG_NO_TERM);
  cr_assert_not(kg_sh_same_term(none, none));

  kg_graph_free(g1);
  kg_graph_free(g2);
}

/*
  kg_sh_has_datatype
*/

Test(shacl_values, datatype_needs_the_same_iri_and_a_valid_form)
{
  cr_assert(kg_sh_has_datatype(lit("42", "integer"), KG_SV(XSD "integer")));
  cr_assert(kg_sh_has_datatype(lit("-0042", "integer"), KG_SV(XSD "integer")));
  cr_assert_not(
    kg_sh_has_datatype(lit("aldi", "integer"), KG_SV(XSD "integer")));
  cr_assert_not(
    kg_sh_has_datatype(lit(" 42", "integer"), KG_SV(XSD "integer")));
  // No subtyping: an xsd:int is not an xsd:integer, nor the reverse
  cr_assert_not(kg_sh_has_datatype(lit("42", "int"), KG_SV(XSD "integer")));
  cr_assert_not(kg_sh_has_datatype(lit("42", "integer"), KG_SV(XSD "int")));
  // Facets of derived types
  cr_assert(kg_sh_has_datatype(lit("127", "byte"), KG_SV(XSD "byte")));
  cr_assert_not(kg_sh_has_datatype(lit("128", "byte"), KG_SV(XSD "byte")));
  cr_assert_not(
    kg_sh_has_datatype(lit("2023-02-29", "date"), KG_SV(XSD "date")));
  cr_assert(kg_sh_has_datatype(lit("2024-02-29", "date"), KG_SV(XSD "date")));
  // Unknown datatypes take any lexical form
  cr_assert(kg_sh_has_datatype(lit("anything", EX "T"), KG_SV(EX "T")));
  cr_assert_not(kg_sh_has_datatype(lit("anything", EX "T"), KG_SV(EX "U")));
  // Strings and language-tagged strings
  cr_assert(kg_sh_has_datatype(lit("x", NULL), KG_SV(XSD "string")));
  cr_assert_not(kg_sh_has_datatype(lit("x", NULL), KG_SV(RDF "langString")));
  cr_assert(kg_sh_has_datatype(lang_lit("x", "en"), KG_SV(RDF "langString")));
  cr_assert_not(kg_sh_has_datatype(lang_lit("x", "en"), KG_SV(XSD "string")));
  const KgShValue no_lang = lang_lit("x", "");
  cr_assert_not(kg_sh_has_datatype(no_lang, KG_SV(RDF "langString")));
  // Not literals
  cr_assert_not(kg_sh_has_datatype(iri(XSD "string"), KG_SV(XSD "string")));
  const KgShValue blank = {
    KG_TERM_BLANK, KG_SV("b"), KG_SV(""), KG_SV(""), NULL, 0U};
  cr_assert_not(kg_sh_has_datatype(blank, KG_SV("")));
}

/*
  kg_sh_compare
*/

typedef struct {
  const char* a;
  const char* a_type; ///< XSD local name, or an IRI, or NULL (xsd:string)
  const char* b;
  const char* b_type;
  KgShOrder   order;
} OrderCase;

#define LT KG_SH_LESS
#define EQ KG_SH_EQUAL
#define GT KG_SH_GREATER
#define NC KG_SH_INCOMPARABLE

static const OrderCase order_cases[] = {
  // Integers of every length, exactly
  {"1", "integer", "2", "integer", LT},
  {"01", "integer", "1", "integer", EQ},
  {"+1", "integer", "1", "integer", EQ},
  {"-0", "integer", "0", "integer", EQ},
  {"-0", "integer", "+0", "integer", EQ},
  {"-1", "integer", "0", "integer", LT},
  {"-2", "integer", "-10", "integer", GT},
  {"10", "integer", "9", "integer", GT},
  {"123456789012345678901234567890",
   "integer",
   "123456789012345678901234567891",
   "integer",
   LT},
  {"-123456789012345678901234567890",
   "integer",
   "-123456789012345678901234567891",
   "integer",
   GT},
  {"99999999999999999999999",
   "integer",
   "100000000000000000000000",
   "integer",
   LT},
  {"18446744073709551616",
   "integer",
   "18446744073709551615",
   "unsignedLong",
   GT},
  // Decimals with integers
  {"1.0", "decimal", "1", "integer", EQ},
  {"1.", "decimal", "1", "integer", EQ},
  {".5", "decimal", "0.50", "decimal", EQ},
  {"0.1", "decimal", "0.10000000000000000000000000001", "decimal", LT},
  {"-0.0", "decimal", "0", "integer", EQ},
  {"-0.5", "decimal", "-0.25", "decimal", LT},
  {"2.5", "decimal", "3", "positiveInteger", LT},
  {"255", "unsignedByte", "-1", "byte", GT},
  // Floats and doubles, with each other and with decimals
  {"1", "double", "1", "integer", EQ},
  {"1.0E0", "double", "1.0", "decimal", EQ},
  {"-0", "double", "0", "double", EQ},
  {"-0.0E0", "double", "0", "integer", EQ},
  {"2.5", "float", "2.5", "double", EQ},
  // 1.1 as a float is 1.10000002384185791015625, more than 1.1 as a double
  {"1.1", "float", "1.1", "double", GT},
  {"0.5", "float", "0.5", "decimal", EQ},
  {"INF", "double", "1E308", "double", GT},
  {"-INF", "float", "-1E308", "double", LT},
  {"NaN", "double", "NaN", "double", NC},
  {"NaN", "double", "1", "integer", NC},
  {"1", "integer", "NaN", "float", NC},
  {"1e1", "double", "9", "integer", GT},
  // Dates and times
  {"2002-10-10T12:00:00-05:00",
   "dateTime",
   "2002-10-10T17:00:00Z",
   "dateTime",
   EQ},
  {"2002-10-10T12:00:00-05:00",
   "dateTime",
   "2002-10-10T12:00:01-05:00",
   "dateTime",
   LT},
  {"2002-10-10T12:00:00.5Z",
   "dateTime",
   "2002-10-10T12:00:00.50Z",
   "dateTime",
   EQ},
  {"2002-10-10T12:00:00.5Z",
   "dateTime",
   "2002-10-10T12:00:00.49999Z",
   "dateTime",
   GT},
  {"2002-10-10T24:00:00Z", "dateTime", "2002-10-11T00:00:00Z", "dateTime", EQ},
  {"2002-10-10T12:00:00", "dateTime", "2002-10-10T12:00:00", "dateTime", EQ},
  {"2002-10-10T12:00:00", "dateTime", "2002-10-10T11:00:00", "dateTime", GT},
  // Without a timezone: within 14 hours of a zoned value is unknown
  {"2002-10-10T12:00:00",
   "dateTime",
   "2002-10-10T12:00:00-05:00",
   "dateTime",
   NC},
  {"2002-10-10T12:00:00", "dateTime", "2002-10-10T17:00:00Z", "dateTime", NC},
  {"2002-10-10T12:00:00", "dateTime", "2002-10-11T02:00:00Z", "dateTime", NC},
  {"2002-10-10T12:00:00", "dateTime", "2002-10-11T02:00:01Z", "dateTime", LT},
  {"2002-10-10T12:00:00", "dateTime", "2002-10-09T22:00:00Z", "dateTime", NC},
  {"2002-10-10T12:00:00", "dateTime", "2002-10-09T21:59:59Z", "dateTime", GT},
  {"2002-10-09T12:00:00-05:00",
   "dateTime",
   "2002-10-10T12:00:00",
   "dateTime",
   LT},
  {"2002-10-12T12:00:00Z", "dateTime", "2002-10-10T12:00:00", "dateTime", GT},
  // Years: negative, beyond 9999, and leap days
  {"-0001-01-01T00:00:00Z", "dateTime", "0000-01-01T00:00:00Z", "dateTime", LT},
  {"10000-01-01T00:00:00Z", "dateTime", "9999-12-31T23:59:59Z", "dateTime", GT},
  {"2000-02-29T00:00:00Z", "dateTime", "2000-03-01T00:00:00Z", "dateTime", LT},
  {"1234567890-01-01T00:00:00Z",
   "dateTime",
   "2000-01-01T00:00:00Z",
   "dateTime",
   NC},
  {"2002-10-10T12:00:00Z",
   "dateTimeStamp",
   "2002-10-10T12:00:00Z",
   "dateTime",
   EQ},
  {"2002-10-10", "date", "2002-10-11", "date", LT},
  {"2002-10-10Z", "date", "2002-10-10+00:00", "date", EQ},
  {"2002-10-10+13:00", "date", "2002-10-09-11:00", "date", EQ},
  {"2002-10-10+13:00", "date", "2002-10-09-10:00", "date", GT},
  {"2002-10-10", "date", "2002-10-10Z", "date", NC},
  {"2002-10-10", "date", "2002-10-10T00:00:00", "dateTime", NC},
  {"12:00:00", "time", "13:00:00", "time", LT},
  {"12:00:00+01:00", "time", "11:00:00Z", "time", EQ},
  // The g types: their first instant, in their own type only
  {"2020", "gYear", "2021", "gYear", LT},
  {"-0044", "gYear", "0000", "gYear", LT},
  {"2020Z", "gYear", "2020+00:00", "gYear", EQ},
  {"2020", "gYear", "2020Z", "gYear", NC},
  {"2020-12", "gYearMonth", "2021-01", "gYearMonth", LT},
  {"--05", "gMonth", "--04", "gMonth", GT},
  {"---31", "gDay", "---01", "gDay", GT},
  {"--02-29", "gMonthDay", "--03-01", "gMonthDay", LT},
  {"2020", "gYear", "2020-01", "gYearMonth", NC},
  {"2020-01-01", "date", "2020", "gYear", NC},
  // Durations: months with months, seconds with seconds
  {"P1D", "duration", "P2D", "duration", LT},
  {"PT36H", "dayTimeDuration", "P1DT12H", "dayTimeDuration", EQ},
  {"PT1.50S", "dayTimeDuration", "PT1.5S", "duration", EQ},
  {"PT1.5S", "dayTimeDuration", "PT1.25S", "dayTimeDuration", GT},
  {"P1Y", "yearMonthDuration", "P12M", "yearMonthDuration", EQ},
  {"P1Y1M", "yearMonthDuration", "P14M", "duration", LT},
  {"-P1Y", "yearMonthDuration", "P1M", "yearMonthDuration", LT},
  {"-P2D", "duration", "-P1D", "duration", LT},
  {"-P0D", "duration", "PT0S", "dayTimeDuration", EQ},
  {"P0D", "duration", "P1M", "duration", LT},
  {"P1M", "duration", "P30D", "duration", NC},
  {"P1Y2D", "duration", "P1Y2D", "duration", EQ},
  {"P1Y2D", "duration", "P1Y3D", "duration", LT},
  // XML Schema's partial order: the same at four reference dates
  {"P1Y", "duration", "P400D", "duration", LT},
  {"P1Y", "duration", "P367D", "yearMonthDuration", NC}, // Not its type
  {"P1Y", "duration", "P367D", "duration", LT},
  {"P1Y", "duration", "P366D", "duration", NC},
  {"P1Y", "duration", "P365D", "duration", NC},
  {"P1Y", "duration", "P364D", "duration", GT},
  {"P1M", "duration", "P27D", "duration", GT},
  {"P1M", "duration", "P28D", "duration", NC},
  {"P1M", "duration", "P32D", "duration", LT},
  {"-P1M", "duration", "-P32D", "duration", GT},
  {"P1M", "duration", "-P1M", "duration", GT},
  {"P2M", "duration", "P1MT744H", "duration", NC},
  {"P1Y", "duration", "P11M31DT23H59M59.5S", "duration", LT},
  {"P1Y", "duration", "P11M30DT23H59M59.5S", "duration", NC},
  // Fractions of a second
  {"PT1.5S", "dayTimeDuration", "PT2S", "dayTimeDuration", LT},
  {"PT0.5S", "dayTimeDuration", "PT1S", "dayTimeDuration", LT},
  {"P1MT0.5S", "duration", "P1M", "duration", GT},
  {"-PT0.5S", "duration", "PT0S", "duration", LT},
  {"-PT0.5S", "duration", "-PT0.25S", "duration", LT},
  {"-PT0.5S", "duration", "-PT1.5S", "duration", GT},
  {"-PT0.5S", "duration", "PT0.5S", "duration", LT},
  {"P1000000000D", "duration", "P1D", "duration", NC}, // Too long
  {"P1Y", "yearMonthDuration", "1", "integer", NC},
  // Strings by code points
  {"a", NULL, "b", NULL, LT},
  {"ab", NULL, "a", NULL, GT},
  {"", NULL, "", NULL, EQ},
  {"Z", NULL, "a", NULL, LT},
  {"\xc3\xa9", NULL, "z", NULL, GT},
  {"\xef\xbf\xbd", NULL, "\xf0\x9f\x98\x80", NULL, LT},
  {"b", "token", "a", NULL, GT},
  // Booleans
  {"false", "boolean", "true", "boolean", LT},
  {"1", "boolean", "true", "boolean", EQ},
  {"0", "boolean", "false", "boolean", EQ},
  // Different kinds, ill-typed forms, other datatypes
  {"1", NULL, "1", "integer", NC},
  {"true", "boolean", "1", "integer", NC},
  {"2002-10-10", "date", "2002", "gYear", NC},
  {"aldi", "integer", "1", "integer", NC},
  {"1", "integer", "1.5.1", "decimal", NC},
  {"x", EX "T", "x", EX "T", NC},
};

ParameterizedTestParameters(shacl_values, compare)
{
  INDEX_PARAMS(order_cases);
}

ParameterizedTest(size_t* index, shacl_values, compare)
{
  const OrderCase* const c = &order_cases[*index];
  const KgShValue        a = lit(c->a, c->a_type);
  const KgShValue        b = lit(c->b, c->b_type);

  const KgShOrder ab = kg_sh_compare(a, b);
  cr_assert_eq(
    ab, c->order, "'%s' vs '%s': %d, expected %d", c->a, c->b, ab, c->order);

  // The same the other way round
  const KgShOrder ba       = kg_sh_compare(b, a);
  const KgShOrder reversed = c->order == LT   ? GT
                             : c->order == GT ? LT
                                              : c->order;
  cr_assert_eq(
    ba, reversed, "'%s' vs '%s': %d, expected %d", c->b, c->a, ba, reversed);
}

Test(shacl_values, compare_refuses_other_terms)
{
  const KgShValue blank = {
    KG_TERM_BLANK, KG_SV("b"), KG_SV(""), KG_SV(""), NULL, 0U};
  const KgShValue none = {
    KG_TERM_NONE, KG_SV(""), KG_SV(""), KG_SV(""), NULL, 0U};

  cr_assert_eq(kg_sh_compare(iri(EX "a"), iri(EX "a")), NC);
  cr_assert_eq(kg_sh_compare(iri(EX "a"), lit(EX "a", NULL)), NC);
  cr_assert_eq(kg_sh_compare(blank, blank), NC);
  cr_assert_eq(kg_sh_compare(none, lit("1", "integer")), NC);
  // Language-tagged strings have no order in SPARQL
  cr_assert_eq(kg_sh_compare(lang_lit("a", "en"), lang_lit("b", "en")), NC);
  cr_assert_eq(kg_sh_compare(lang_lit("a", "en"), lit("b", NULL)), NC);
}

Test(shacl_values, compare_reads_long_doubles)
{
  // Longer than the buffer on the stack: read from the heap
  char long_one[300];
  memset(long_one, '0', sizeof(long_one));
  long_one[0]                    = '1';
  long_one[1]                    = '.';
  long_one[sizeof(long_one) - 1] = '\0';

  cr_assert_eq(kg_sh_compare(lit(long_one, "double"), lit("1", "integer")), EQ);
  cr_assert_eq(kg_sh_compare(lit(long_one, "decimal"), lit("1", "double")), EQ);
  cr_assert_eq(kg_sh_compare(lit(long_one, "decimal"), lit("1", "integer")),
               EQ);
}

/*
  Length
*/

Test(shacl_values, length_counts_code_points)
{
  const KgShValue blank = {
    KG_TERM_BLANK, KG_SV("b0"), KG_SV(""), KG_SV(""), NULL, 0U};

  cr_assert_eq(kg_sh_length(lit("", NULL)), 0U);
  cr_assert_eq(kg_sh_length(lit("abc", NULL)), 3U);
  cr_assert_eq(kg_sh_length(lit("\xe6\x97\xa5\xe6\x9c\xac", NULL)), 2U); // 日本
  cr_assert_eq(kg_sh_length(lit("\xf0\x9f\x98\x80!", NULL)), 2U);
  cr_assert_eq(kg_sh_length(lang_lit("caf\xc3\xa9", "fr")), 4U);
  cr_assert_eq(kg_sh_length(lit("0042", "integer")), 4U); // The lexical form
  cr_assert_eq(kg_sh_length(iri("http://a.b/")), 11U);
  cr_assert_eq(kg_sh_length(blank), SIZE_MAX);

  cr_assert(kg_sh_has_min_length(lit("\xe6\x97\xa5\xe6\x9c\xac", NULL), 2U));
  cr_assert_not(
    kg_sh_has_min_length(lit("\xe6\x97\xa5\xe6\x9c\xac", NULL), 3U));
  cr_assert(kg_sh_has_max_length(lit("\xe6\x97\xa5\xe6\x9c\xac", NULL), 2U));
  cr_assert_not(
    kg_sh_has_max_length(lit("\xe6\x97\xa5\xe6\x9c\xac", NULL), 1U));
  cr_assert(kg_sh_has_min_length(iri(EX), 0U));
  // A blank node fails both, whatever the bound
  cr_assert_not(kg_sh_has_min_length(blank, 0U));
  cr_assert_not(kg_sh_has_max_length(blank, SIZE_MAX));
}

/*
  Language ranges
*/

Test(shacl_values, lang_matches_basic_ranges)
{
  cr_assert(kg_sh_lang_matches(KG_SV("en"), KG_SV("en")));
  cr_assert(kg_sh_lang_matches(KG_SV("en-gb"), KG_SV("en")));
  cr_assert(kg_sh_lang_matches(KG_SV("en-GB"), KG_SV("EN")));
  cr_assert(kg_sh_lang_matches(KG_SV("EN"), KG_SV("en")));
  cr_assert(kg_sh_lang_matches(KG_SV("en-gb-oed"), KG_SV("en-GB")));
  cr_assert_not(kg_sh_lang_matches(KG_SV("en"), KG_SV("en-GB")));
  cr_assert_not(kg_sh_lang_matches(KG_SV("eng"), KG_SV("en")));
  cr_assert_not(kg_sh_lang_matches(KG_SV("fr"), KG_SV("en")));
  cr_assert(kg_sh_lang_matches(KG_SV("zh-hans"), KG_SV("*")));
  cr_assert_not(kg_sh_lang_matches(KG_SV(""), KG_SV("*")));
  cr_assert_not(kg_sh_lang_matches(KG_SV(""), KG_SV("en")));
  cr_assert_not(kg_sh_lang_matches(KG_SV("en"), KG_SV("")));
}

/*
  Patterns
*/

/// Compile `pattern` with `flags`, which must work.
static KgShPattern*
compile(const char* const pattern, const char* const flags)
{
  KgShPattern*   p = NULL;
  char           error[128];
  const KgStatus st =
    kg_sh_pattern_new(sv(pattern), sv(flags), &p, error, sizeof(error));
  cr_assert_eq(st, KG_SUCCESS, "'%s' /%s: %s", pattern, flags, error);
  cr_assert_not_null(p);
  return p;
}

static bool
matches(const char* const pattern, const char* const flags, const KgShValue v)
{
  KgShPattern* const p  = compile(pattern, flags);
  KgStatus           st = KG_FAILURE;
  const bool         m  = kg_sh_pattern_matches(p, v, &st);
  cr_assert_eq(st, KG_SUCCESS, "'%s' /%s", pattern, flags);
  kg_sh_pattern_free(p);
  return m;
}

typedef struct {
  const char* pattern;
  const char* flags;
  const char* text;
  bool        match;
} PatternCase;

static const PatternCase pattern_cases[] = {
  // Anywhere in the string, unless anchored
  {"^B", "", "Bob", true},
  {"^B", "", "Alice", false},
  {"ob", "", "Bob", true},
  {"^[a-z]+$", "", "bob", true},
  {"^[a-z]+$", "", "Bob", false},
  {"", "", "", true},
  // i: case
  {"^bob$", "i", "BOB", true},
  {"^bob$", "", "BOB", false},
  {"^\xc3\xa9t\xc3\xa9$", "i", "\xc3\x89T\xc3\x89", true}, // été, ÉTÉ
  // s: dot and newlines
  {"^a.b$", "", "a\nb", false},
  {"^a.b$", "s", "a\nb", true},
  {"^a.b$", "", "a\rb", true},
  // m: ^ and $ at line ends; without it $ is only the very end
  {"^b$", "", "a\nb\nc", false},
  {"^b$", "m", "a\nb\nc", true},
  {"a$", "", "a\n", false},
  {"a$", "m", "a\n", true},
  // x: white space removed outside classes, # is a character
  {"^a b c$", "x", "abc", true},
  {"^a b c$", "", "abc", false},
  {"^a\tb\n c$", "x", "abc", true},
  {"^[a ]+$", "x", "a a", true},
  {"^a#b$", "x", "a#b", true},
  {"^a#b$", "x", "a", false},
  // q: every character literal; i still applies
  {"a.b*", "q", "xa.b*y", true},
  {"a.b*", "q", "axbbb", false},
  {"^a$", "q", "a", false},
  {"^a$", "q", "x^a$x", true},
  {"A.B", "qi", "xa.by", true},
  {"\xc3\x89t\xc3\xa9", "qi", "\xc3\xa9T\xc3\x89", true}, // Été, éTÉ
  {"a b", "qx", "a b", true},
  {"a.b", "qs", "a\nb", false},
  // Unicode: code points, properties
  {"^.$", "", "\xf0\x9f\x98\x80", true},
  {"^\\p{Lu}", "", "\xc3\x89t\xc3\xa9", true},
  {"^\\d+$", "", "\xd9\xa3\xd9\xa4", true}, // Arabic-Indic digits, as XPath
  {"^\\p{L}+$", "", "\xe6\x97\xa5\xe6\x9c\xac", true},
  // XPath's \s: four spaces only, not no-break space
  {"^\\s$", "", "\t", true},
  {"^\\s$", "", "\xc2\xa0", false},
  {"^\\S$", "", "\xc2\xa0", true},
  {"^\\S$", "", "\n", false},
  {"^[\\s,]+$", "", " ,\t\r\n", true},
  {"^[\\s,]+$", "", "\xe2\x80\x83", false}, // Em space
  {"^[\\S]$", "", "\xf0\x9f\x98\x80", true},
  {"^[^\\S]$", "", " ", true},
  // XPath's \w: all but punctuation, separators and others
  {"^\\w$", "", "_", false},
  {"^\\w$", "", "$", true},
  {"^\\w+$",
   "",
   "\xc3\xa9t\xc3\xa9"
   "1",
   true},
  {"^\\W$", "", ",", true},
  {"^\\W$", "", "a", false},
  {"^[\\W\\d]+$", "", "-1 ", true},
  // XPath's \i and \c: XML names
  {"^\\i\\c*$", "", "xml:name-1.x\xc2\xb7", true},
  {"^\\i\\c*$", "", "1abc", false},
  {"^\\i\\c*$", "", "a b", false},
  {"^\\I$", "", "1", true},
  {"^\\I$", "", "\xe6\x97\xa5", false},
  {"^\\C$", "", " ", true},
  {"^\\c+$", "", "-.09\xc2\xb7\xcc\x80\xcd\xaf\xe2\x80\xbf", true},
  {"^\\c$", "", "/", false},
  {"^\\C$", "", "\xcd\xbe", true}, // U+037E
  {"^\\I$", "", "\xcc\x80", true}, // U+0300
  {"^[^\\C]+$", "", "\xef\xbf\xbd\xf3\xaf\xbf\xbf", true},
  {"^\\C$", "", "\xf3\xb0\x80\x80", true}, // U+F0000
  {"^[\\C]$", "", "a", false},
  {"^[\\I\\d]+$", "", "-1", true},
  // XPath's blocks
  {"^\\p{IsBasicLatin}+$", "", "abc", true},
  {"^\\p{IsBasicLatin}+$", "", "\xc3\xa9", false},
  {"^\\P{IsBasicLatin}$", "", "\xc3\xa9", true},
  {"^\\P{IsBasicLatin}$", "", "~", false},
  {"^[\\p{IsGreek}\\d]+$",
   "",
   "\xce\xb1\xce\xb2"
   "1",
   true},
  {"^\\p{IsGreekandCoptic}$", "", "\xce\xb1", true},
  {"^\\p{IsCJKUnifiedIdeographs}+$", "", "\xe6\x97\xa5\xe6\x9c\xac", true},
  {"^\\p{IsPrivateUse}$", "", "\xee\x80\x80", true},
  {"^\\p{IsPrivateUse}$", "", "\xf3\xb0\x80\x80", true},
  {"^\\p{IsPrivateUse}$", "", "\xef\xa4\x80", false}, // U+F900
  {"^\\P{IsPrivateUse}$", "", "\xee\x80\x80", false},
  {"^[^\\p{IsPrivateUse}]$", "", "a", true},
  {"^[a-z-[\\p{IsBasicLatin}]]$", "", "a", false},
  {"^\\p{IsLatin-1Supplement}$", "", "\xc3\xa9", true},
  {"^\\p{L}$", "", "\xc3\xa9", true}, // Categories stay PCRE2's
  // Character class subtraction
  {"^[a-z-[aeiou]]+$", "", "xyz", true},
  {"^[a-z-[aeiou]]+$", "", "xaz", false},
  {"^[a-z-[aeiou-[e]]]+$", "", "bed", true},
  {"^[a-z-[aeiou-[e]]]+$", "", "bad", false},
  {"^[^a-[b]]$", "", "c", true},
  {"^[^a-[b]]$", "", "b", false},
  {"^[^a-[b]]$", "", "a", false},
  {"^[a-c-[\\-]]$", "", "-", false},
  {"^[\\[-]$", "", "[", true},
  {"^x[a -[ ]]y$", "x", "x y", false}, // No stripping inside classes
  {"^x[a -[ ]]y$", "x", "xay", true},
  // PCRE2's syntax where XPath has none: as documented, not refused
  {"^[[:alpha:]]$", "", "a]", true},
  {"^a(?=b)", "", "ab", true},
  // IRIs match by their text
};

ParameterizedTestParameters(shacl_values, pattern)
{
  INDEX_PARAMS(pattern_cases);
}

ParameterizedTest(size_t* index, shacl_values, pattern)
{
  const PatternCase* const c = &pattern_cases[*index];
  cr_assert_eq(matches(c->pattern, c->flags, lit(c->text, NULL)),
               c->match,
               "'%s' /%s on '%s'",
               c->pattern,
               c->flags,
               c->text);
}

Test(shacl_values, pattern_matches_iris_and_lexical_forms_not_blank_nodes)
{
  const KgShValue blank = {
    KG_TERM_BLANK, KG_SV("b0"), KG_SV(""), KG_SV(""), NULL, 0U};
  const KgShValue none = {
    KG_TERM_NONE, KG_SV(""), KG_SV(""), KG_SV(""), NULL, 0U};

  cr_assert(matches("^http://example", "", iri(EX "a")));
  cr_assert(matches("^0", "", lit("042", "integer")));
  cr_assert(matches("^en$", "", lang_lit("en", "fr")));
  cr_assert_not(matches("^fr$", "", lang_lit("en", "fr"))); // Not the tag
  cr_assert_not(matches("", "", blank));
  cr_assert_not(matches("b0", "", blank));
  cr_assert_not(matches("", "", none));

  // NUL in the text and in the pattern
  const KgShValue nul = {
    KG_TERM_LITERAL, {"a\0b", 3U}, KG_SV(XSD "string"), KG_SV(""), NULL, 0U};
  KgShPattern* p = NULL;
  cr_assert_eq(
    kg_sh_pattern_new((KgStringView){"^a\0b$", 5U}, KG_SV(""), &p, NULL, 0U),
    KG_SUCCESS);
  KgStatus st = KG_FAILURE;
  cr_assert(kg_sh_pattern_matches(p, nul, &st));
  cr_assert_eq(st, KG_SUCCESS);
  kg_sh_pattern_free(p);
}

typedef struct {
  const char* pattern;
  const char* flags;
  const char* error;
} BadPattern;

static const BadPattern bad_patterns[] = {
  {"(ab", "", "missing closing parenthesis at offset 3"},
  {"ab)", "", "unmatched closing parenthesis at offset 2"},
  {"a{2,1}", "", "numbers out of order in {} quantifier at offset 5"},
  {"*a", "", "quantifier does not follow a repeatable item at offset 0"},
  // The offset is in the pattern as written, before x removes white space
  {"  a  (b", "x", "missing closing parenthesis at offset 7"},
  {"[a-[b]", "", "missing terminating ] for character class at offset 0"},
  {"x[abc", "", "missing terminating ] for character class at offset 1"},
  {"\\p{IsNoSuchBlock}",
   "",
   "unknown Unicode block 'IsNoSuchBlock' at offset 0"},
  {"[a\\P{IsNo}]", "", "unknown Unicode block 'IsNo' at offset 2"},
  {"\\p{Foo}", "", "unknown property after \\P or \\p at offset 7"},
  // Offsets in what was written, though a class was rewritten before
  {"[a-z-[b]]{3,2}", "", "numbers out of order in {} quantifier at offset 13"},
  {"\\s\\p{IsBasicLatin}(", "", "missing closing parenthesis at offset 19"},
  {"\\s\\p{IsBasicLatin}+{2,1}",
   "",
   "numbers out of order in {} quantifier at offset 23"},
  {"a", "g", "unknown flag 'g'"},
  {"a", "iX", "unknown flag 'X'"},
  {"[a-[b-[c-[d-[e-[f-[g-[h-[i-[j-[k-[l-[m-[n-[o-[p-[q]]]]]]]]]]]]]]]]]",
   "",
   "character class subtractions nested too deep at offset 49"},
};

ParameterizedTestParameters(shacl_values, bad_pattern)
{
  INDEX_PARAMS(bad_patterns);
}

ParameterizedTest(size_t* index, shacl_values, bad_pattern)
{
  const BadPattern* const c = &bad_patterns[*index];
  KgShPattern*            p = (KgShPattern*)&p; // Not NULL, to see it reset
  char                    error[128];

  const KgStatus st =
    kg_sh_pattern_new(sv(c->pattern), sv(c->flags), &p, error, sizeof(error));
  cr_assert_eq(st, KG_BAD_SYNTAX, "'%s'", c->pattern);
  cr_assert_null(p);
  cr_assert_str_eq(error, c->error, "'%s': %s", c->pattern, error);

  // No room for the message is fine
  cr_assert_eq(kg_sh_pattern_new(sv(c->pattern), sv(c->flags), &p, NULL, 0U),
               KG_BAD_SYNTAX);
  char tiny[4];
  cr_assert_eq(
    kg_sh_pattern_new(sv(c->pattern), sv(c->flags), &p, tiny, sizeof(tiny)),
    KG_BAD_SYNTAX);
  cr_assert_eq(strlen(tiny), 3U);
}

Test(shacl_values, catastrophic_pattern_stops_at_the_limit)
{
  // Exponential backtracking: each 'a' may end an inner or an outer loop
  KgShPattern* const p = compile("^(a|aa)+$", "");
  char               text[64];
  memset(text, 'a', sizeof(text) - 2U);
  text[sizeof(text) - 2U] = 'b';
  text[sizeof(text) - 1U] = '\0';

  KgStatus st = KG_SUCCESS;
  cr_assert_not(kg_sh_pattern_matches(p, lit(text, NULL), &st));
  cr_assert_eq(st, KG_BAD_LIMIT);

  // The pattern still works on what it can decide
  cr_assert(kg_sh_pattern_matches(p, lit("aaaa", NULL), &st));
  cr_assert_eq(st, KG_SUCCESS);
  kg_sh_pattern_free(p);
}

Test(shacl_values, long_text_matches_below_the_depth_limit)
{
  // Each repetition of a group is a level of backtracking
  KgShPattern* const p    = compile("^(?:a|b)*$", "");
  const size_t       n    = 300000U;
  char* const        text = (char*)malloc(n + 1U);
  cr_assert_not_null(text);
  memset(text, 'a', n);
  text[n] = '\0';

  KgStatus st   = KG_FAILURE;
  text[100000U] = '\0';
  cr_assert(kg_sh_pattern_matches(p, lit(text, NULL), &st));
  cr_assert_eq(st, KG_SUCCESS);

  text[100000U] = 'b';
  cr_assert_not(kg_sh_pattern_matches(p, lit(text, NULL), &st));
  cr_assert_eq(st, KG_BAD_LIMIT);

  free(text);
  kg_sh_pattern_free(p);
}

Test(shacl_values, unicode_blocks_by_loose_names)
{
  static const char* const names[] = {"Latin-1 Supplement",
                                      "latin1supplement",
                                      "LATIN_1_SUPPLEMENT",
                                      "Latin-1Supplement"};
  size_t                   n       = 0U;

  for (size_t i = 0U; i < sizeof(names) / sizeof(names[0]); ++i) {
    const KgUnicodeBlock* const b = kg_unicode_block(sv(names[i]), &n);
    cr_assert_not_null(b, "%s", names[i]);
    cr_assert_eq(n, 1U);
    cr_assert_eq(b->first, 0x80U);
    cr_assert_eq(b->last, 0xFFU);
  }

  // The first and last names of the table, and one between
  const KgUnicodeBlock* b = kg_unicode_block(KG_SV("Adlam"), &n);
  cr_assert(b && n == 1U && b->first == 0x1E900U);
  b = kg_unicode_block(KG_SV("Znamenny Musical Notation"), &n);
  cr_assert(b && n == 1U && b->first == 0x1CF00U);
  b = kg_unicode_block(KG_SV("Basic Latin"), &n);
  cr_assert(b && n == 1U && b->first == 0U && b->last == 0x7FU);

  // XML Schema 1.0's Private Use has three ranges
  b = kg_unicode_block(KG_SV("PrivateUse"), &n);
  cr_assert_eq(n, 3U);
  cr_assert_eq(b[0].first, 0xE000U);
  cr_assert_eq(b[1].first, 0xF0000U);
  cr_assert_eq(b[2].last, 0x10FFFFU);

  cr_assert_null(kg_unicode_block(KG_SV("Latin"), &n));
  cr_assert_eq(n, 0U);
  cr_assert_null(kg_unicode_block(KG_SV(""), &n));
  cr_assert_null(kg_unicode_block(KG_SV("Basic Latin Extended"), &n));
}

Test(shacl_values, free_null_does_nothing)
{
  kg_sh_pattern_free(NULL);
}
