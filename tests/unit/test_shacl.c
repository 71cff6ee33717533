// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The SHACL Core engine: each constraint component and path kind failing
// and passing, results on their lines, malformed shapes on theirs,
// recursion and nesting bounded.

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// The prefixes of every shapes and data text, on line 1.
#define PREFIXES                                                  \
  "@prefix sh: <http://www.w3.org/ns/shacl#> . "                  \
  "@prefix ex: <http://example.org/> . "                          \
  "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . " \
  "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . "      \
  "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"

/// What one validation gave.
typedef struct {
  KgStatus   shapes_status; ///< kg_shapes_new()
  KgStatus   status;        ///< kg_shapes_validate()
  KgShCounts counts;
  size_t     n_results;
  char*      results; ///< One line a result: FILE:LINE:COL: LEVEL: MESSAGE
                      ///< [COMPONENT] <WHERE>
  char* log;          ///< Messages of reading the shapes and of validation
} Run;

typedef struct {
  FILE*          out;
  size_t         n;
  const KgGraph* shapes_graph;
} Sink;

static const char* const where_names[] = {"value", "focus", "shape"};

static KgStatus
collect(void* const handle, const KgShResult* const r)
{
  Sink* const sink = (Sink*)handle;
  ++sink->n;
  for (size_t i = 0U; i < r->n_messages; ++i) {
    fprintf(sink->out,
            "%s:%u:%u: %s: %.*s%s%.*s [sh:%s] <%s> {%s}\n",
            r->caret.document ? r->caret.document : "?",
            r->caret.line,
            r->caret.column,
            kg_log_level_name(r->level),
            (int)r->messages[i].text.len,
            r->messages[i].text.data,
            r->messages[i].lang.len ? " @" : "",
            (int)r->messages[i].lang.len,
            r->messages[i].lang.data,
            kg_sh_component_name(r->component),
            where_names[r->where],
            r->shape_name.data);
  }
  return KG_SUCCESS;
}

/// Validate the Turtle text `data` against the Turtle text `shapes` (both
/// after PREFIXES, so their own first line is line 2).
static Run
run(const char* const shapes, const char* const data)
{
  Run    result;
  char*  log_text = NULL;
  size_t log_len  = 0U;
  char*  res_text = NULL;
  size_t res_len  = 0U;
  memset(&result, 0, sizeof(result));
  FILE* const log_stream = open_memstream(&log_text, &log_len);
  FILE* const res_stream = open_memstream(&res_text, &res_len);
  cr_assert_not_null(log_stream);
  cr_assert_not_null(res_stream);

  KgGraph* const sg = kg_graph_new();
  KgGraph* const dg = kg_graph_new();
  cr_assert_not_null(sg);
  cr_assert_not_null(dg);
  KgReadOptions ro;
  memset(&ro, 0, sizeof(ro));
  ro.syntax     = KG_SYNTAX_TURTLE;
  ro.log.func   = kg_log_to_stream;
  ro.log.handle = log_stream;

  const size_t shapes_len = strlen(PREFIXES) + strlen(shapes);
  const size_t data_len   = strlen(PREFIXES) + strlen(data);
  char* const  s_text     = (char*)calloc(shapes_len + 1U, 1U);
  char* const  d_text     = (char*)calloc(data_len + 1U, 1U);
  cr_assert_not_null(s_text);
  cr_assert_not_null(d_text);
  snprintf(s_text, shapes_len + 1U, "%s%s", PREFIXES, shapes);
  snprintf(d_text, data_len + 1U, "%s%s", PREFIXES, data);
  cr_assert_eq(kg_graph_read_string(
                 sg, (KgStringView){s_text, shapes_len}, "shapes.ttl", &ro),
               KG_SUCCESS);
  cr_assert_eq(
    kg_graph_read_string(dg, (KgStringView){d_text, data_len}, "data.ttl", &ro),
    KG_SUCCESS);

  const KgLog log      = {kg_log_to_stream, log_stream};
  KgShapes*   sh       = NULL;
  result.shapes_status = kg_shapes_new(sg, log, &sh);
  result.status        = result.shapes_status;
  if (!result.shapes_status) {
    Sink              sink = {res_stream, 0U, sg};
    const KgShOptions opt  = {collect, &sink, log};
    result.status          = kg_shapes_validate(sh, dg, &opt, &result.counts);
    result.n_results       = sink.n;
    kg_shapes_free(sh);
  }

  fclose(log_stream);
  fclose(res_stream);
  result.log     = log_text;
  result.results = res_text;
  kg_graph_free(sg);
  kg_graph_free(dg);
  free(s_text);
  free(d_text);
  return result;
}

static void
run_free(Run* const r)
{
  free(r->log);
  free(r->results);
}

/// Assert that `r` validated with `n` results, each line of `expected`
/// (separated by '\n') being in the results.
static void
expect(Run* const r, const size_t n, const char* const expected)
{
  cr_assert_eq(r->shapes_status,
               KG_SUCCESS,
               "shapes: %s\n%s",
               kg_strerror(r->shapes_status),
               r->log);
  cr_assert_eq(
    r->status, KG_SUCCESS, "validate: %s\n%s", kg_strerror(r->status), r->log);
  cr_assert_eq(r->n_results,
               n,
               "%zu results, expected %zu:\n%s",
               r->n_results,
               n,
               r->results);
  const char* line = expected;
  while (line && *line) {
    const char* const end = strchr(line, '\n');
    const size_t      len = end ? (size_t)(end - line) : strlen(line);
    char              buf[512];
    cr_assert_lt(len, sizeof(buf));
    memcpy(buf, line, len);
    buf[len] = '\0';
    cr_assert_not_null(
      strstr(r->results, buf), "no '%s' in:\n%s", buf, r->results);
    line = end ? end + 1 : NULL;
  }
  run_free(r);
}

/// Assert that reading the shapes fails with `expected` in the log.
static void
expect_bad_shapes(Run* const r, const char* const expected)
{
  cr_assert_eq(r->shapes_status,
               KG_BAD_SYNTAX,
               "%s\n%s",
               kg_strerror(r->shapes_status),
               r->log);
  cr_assert_not_null(
    strstr(r->log, expected), "no '%s' in:\n%s", expected, r->log);
  run_free(r);
}

/*
  Targets
*/

Test(shacl, target_class_with_subclasses_in_the_data)
{
  Run r = run("ex:S sh:targetClass ex:Animal ; sh:property [ sh:path ex:name ; "
              "sh:minCount 1 ] .\n",
              "ex:Dog rdfs:subClassOf ex:Animal .\n"
              "ex:rex a ex:Dog .\n"
              "ex:tom a ex:Animal ; ex:name \"Tom\" .\n"
              "ex:car a ex:Thing .\n");
  expect(&r,
         1,
         "data.ttl:3:1: error: has 0 values of ex:name, at least 1 required "
         "[sh:MinCountConstraintComponent] <focus>");
}

Test(shacl, target_node_subjects_of_objects_of_and_implicit_class)
{
  Run r = run("ex:A sh:targetNode ex:x ; sh:nodeKind sh:Literal .\n"
              "ex:B sh:targetSubjectsOf ex:p ; sh:class ex:K .\n"
              "ex:C sh:targetObjectsOf ex:p ; sh:datatype xsd:integer .\n"
              "ex:K a rdfs:Class , sh:NodeShape ; sh:hasValue ex:k1 .\n",
              "ex:x ex:p 1 .\n"
              "ex:k1 a ex:K ; ex:p \"a\" .\n"
              "ex:k2 a ex:K .\n");
  expect(&r,
         4,
         "data.ttl:2:1: error: value ex:x is not a literal\n"
         "data.ttl:2:1: error: value ex:x is not an ex:K "
         "[sh:ClassConstraintComponent]\n"
         "data.ttl:3:1: error: value \"a\" is not an xsd:integer "
         "[sh:DatatypeConstraintComponent] <focus>\n"
         "data.ttl:4:1: error: focus node ex:k2 is not ex:k1 "
         "[sh:HasValueConstraintComponent] <focus>\n");
}

Test(shacl, target_node_absent_from_the_data_points_at_the_shape)
{
  Run r = run("ex:S sh:targetNode ex:ghost ;\n"
              "  sh:property [ sh:path ex:p ; sh:minCount 1 ] .\n",
              "ex:a ex:p 1 .\n");
  expect(&r,
         1,
         "shapes.ttl:3:3: error: has 0 values of ex:p, at least 1 required "
         "[sh:MinCountConstraintComponent] <shape>");
}

/*
  Value type, cardinality, value range
*/

Test(shacl, class_datatype_node_kind)
{
  Run r = run("ex:S sh:targetClass ex:T ;\n"
              "  sh:property [ sh:path ex:owner ; sh:class ex:Person ] ;\n"
              "  sh:property [ sh:path ex:age ; sh:datatype xsd:integer ] ;\n"
              "  sh:property [ sh:path ex:home ; sh:nodeKind sh:IRI ] .\n",
              "ex:Student rdfs:subClassOf ex:Person .\n"
              "ex:t1 a ex:T ; ex:owner ex:ann ; ex:age 3 ; ex:home ex:h .\n"
              "ex:ann a ex:Student .\n"
              "ex:t2 a ex:T ;\n"
              "  ex:owner ex:bob ;\n"
              "  ex:age \"x\"^^xsd:integer ;\n"
              "  ex:home \"h\" .\n");
  expect(&r,
         3,
         "data.ttl:6:3: error: value ex:bob is not an ex:Person "
         "[sh:ClassConstraintComponent] <value>\n"
         "data.ttl:7:3: error: value \"x\"^^xsd:integer is not an xsd:integer "
         "[sh:DatatypeConstraintComponent] <value>\n"
         "data.ttl:8:3: error: value \"h\" is not an IRI "
         "[sh:NodeKindConstraintComponent] <value>");
}

Test(shacl, min_and_max_count)
{
  Run r = run(
    "ex:S sh:targetClass ex:Claim ;\n"
    "  sh:property [ sh:path ex:status ; sh:minCount 1 ; sh:maxCount 1 ] .\n",
    "ex:ok a ex:Claim ; ex:status ex:true .\n"
    "ex:none a ex:Claim .\n"
    "ex:two a ex:Claim ;\n"
    "  ex:status ex:true , ex:false .\n");
  expect(&r,
         2,
         "data.ttl:3:1: error: has 0 values of ex:status, at least 1 required "
         "[sh:MinCountConstraintComponent] <focus>\n"
         "data.ttl:4:1: error: has 2 values of ex:status, at most 1 allowed "
         "[sh:MaxCountConstraintComponent] <focus>");
}

Test(shacl, value_ranges)
{
  Run r = run("ex:S sh:targetSubjectsOf ex:n ;\n"
              "  sh:property [ sh:path ex:n ; sh:minInclusive 1 ; "
              "sh:maxExclusive 10 ] ;\n"
              "  sh:property [ sh:path ex:m ; sh:minExclusive 0 ; "
              "sh:maxInclusive 5 ] .\n",
              "ex:a ex:n 1 ; ex:m 5 .\n"
              "ex:b ex:n 0 ;\n"
              "  ex:m 0 .\n"
              "ex:c ex:n 10 ;\n"
              "  ex:m \"x\" .\n");
  expect(&r,
         5,
         "data.ttl:3:1: error: value 0 is not greater than or equal to 1 "
         "[sh:MinInclusiveConstraintComponent]\n"
         "data.ttl:4:3: error: value 0 is not greater than 0 "
         "[sh:MinExclusiveConstraintComponent]\n"
         "data.ttl:5:1: error: value 10 is not less than 10 "
         "[sh:MaxExclusiveConstraintComponent]\n"
         "data.ttl:6:3: error: value \"x\" is not greater than 0 "
         "[sh:MinExclusiveConstraintComponent]\n"
         "data.ttl:6:3: error: value \"x\" is not less than or equal to 5 "
         "[sh:MaxInclusiveConstraintComponent]");
}

/*
  Strings
*/

Test(shacl, lengths_and_patterns)
{
  Run r =
    run("ex:S sh:targetSubjectsOf ex:code ;\n"
        "  sh:property [ sh:path ex:code ; sh:minLength 2 ; sh:maxLength 3 ;\n"
        "                sh:pattern \"^[a-z]+$\" ; sh:flags \"i\" ] .\n",
        "ex:a ex:code \"AbC\" .\n"
        "ex:b ex:code \"x\" .\n"
        "ex:c ex:code \"abcd\" .\n"
        "ex:d ex:code \"a1\" .\n"
        "ex:e ex:code [ ] .\n");
  expect(&r,
         6,
         "data.ttl:3:1: error: value \"x\" has 1 character, at least 2 "
         "required [sh:MinLengthConstraintComponent]\n"
         "data.ttl:4:1: error: value \"abcd\" has 4 characters, at most 3 "
         "allowed [sh:MaxLengthConstraintComponent]\n"
         "data.ttl:5:1: error: value \"a1\" does not match \"^[a-z]+$\" "
         "[sh:PatternConstraintComponent]\n"
         "data.ttl:6:1: error: value _:genid1 is a blank node, which has no "
         "length [sh:MinLengthConstraintComponent]");
}

Test(shacl, language_in_and_unique_lang)
{
  Run r = run("ex:S sh:targetSubjectsOf ex:label ;\n"
              "  sh:property [ sh:path ex:label ; sh:languageIn ( \"en\" "
              "\"fr\" ) ; sh:uniqueLang true ] .\n",
              "ex:a ex:label \"A\"@en-GB , \"Ah\"@fr .\n"
              "ex:b ex:label \"B\"@de .\n"
              "ex:c ex:label \"C\"@en ,\n"
              "  \"See\"@en .\n"
              "ex:d ex:label \"plain\" .\n");
  expect(&r,
         3,
         "data.ttl:3:1: error: value \"B\"@de has no language tag of "
         "sh:languageIn [sh:LanguageInConstraintComponent]\n"
         "data.ttl:4:1: error: more than one value of ex:label has language "
         "'en' [sh:UniqueLangConstraintComponent] <focus>\n"
         "data.ttl:6:1: error: value \"plain\" has no language tag of "
         "sh:languageIn");
}

Test(shacl, bad_pattern_is_reported_on_its_line)
{
  Run r = run("ex:S sh:targetNode ex:a ;\n"
              "  sh:pattern \"a(b\" .\n",
              "ex:a ex:p 1 .\n");
  expect_bad_shapes(&r, "shapes.ttl:3:3: error: sh:pattern does not compile");
}

/*
  Property pairs
*/

Test(shacl, equals_and_disjoint)
{
  Run r = run(
    "ex:S sh:targetSubjectsOf ex:a ;\n"
    "  sh:property [ sh:path ex:a ; sh:equals ex:b ; sh:disjoint ex:c ] .\n",
    "ex:ok ex:a 1 ; ex:b 1 ; ex:c 2 .\n"
    "ex:x ex:a 1 ;\n"
    "  ex:b 2 ;\n"
    "  ex:c 1 .\n");
  expect(&r,
         3,
         "data.ttl:3:1: error: value 1 is not a value of both ex:a and ex:b "
         "[sh:EqualsConstraintComponent] <value>\n"
         "data.ttl:4:3: error: value 2 is not a value of both ex:a and ex:b "
         "[sh:EqualsConstraintComponent] <value>\n"
         "data.ttl:3:1: error: value 1 is also a value of ex:c "
         "[sh:DisjointConstraintComponent] <value>");
}

Test(shacl, less_than_and_less_than_or_equals)
{
  Run r =
    run("ex:S sh:targetSubjectsOf ex:min ;\n"
        "  sh:property [ sh:path ex:min ; sh:lessThanOrEquals ex:max ] ;\n"
        "  sh:property [ sh:path ex:start ; sh:lessThan ex:end ] .\n",
        "ex:ok ex:min 1 ; ex:max 1 ; ex:start 1 ; ex:end 2 .\n"
        "ex:bad ex:min 3 ; ex:max 2 ;\n"
        "  ex:start 2 ; ex:end 2 .\n");
  expect(&r,
         2,
         "data.ttl:3:1: error: value 3 is not less than or equal to 2, a value "
         "of ex:max [sh:LessThanOrEqualsConstraintComponent]\n"
         "data.ttl:4:3: error: value 2 is not less than 2, a value of ex:end "
         "[sh:LessThanConstraintComponent]");
}

/*
  Logical and shape-based
*/

Test(shacl, not_and_or_xone)
{
  Run r = run("ex:Named sh:property [ sh:path ex:name ; sh:minCount 1 ] .\n"
              "ex:Aged sh:property [ sh:path ex:age ; sh:minCount 1 ] .\n"
              "ex:S sh:targetClass ex:P ;\n"
              "  sh:not ex:Aged ;\n"
              "  sh:or ( ex:Named ex:Aged ) .\n"
              "ex:T sh:targetClass ex:Q ;\n"
              "  sh:and ( ex:Named ex:Aged ) ;\n"
              "  sh:xone ( ex:Named ex:Aged ) .\n",
              "ex:p1 a ex:P ; ex:name \"a\" .\n"
              "ex:p2 a ex:P ; ex:age 3 .\n"
              "ex:q1 a ex:Q ; ex:name \"b\" ; ex:age 4 .\n"
              "ex:q2 a ex:Q .\n");
  expect(&r,
         4,
         "data.ttl:3:1: error: value ex:p2 conforms to shape 'ex:Aged', which "
         "sh:not forbids [sh:NotConstraintComponent] <focus>\n"
         "data.ttl:4:1: error: value ex:q1 conforms to 2 shapes of sh:xone, "
         "exactly 1 required [sh:XoneConstraintComponent]\n"
         "data.ttl:5:1: error: value ex:q2 does not conform to every shape of "
         "sh:and [sh:AndConstraintComponent]\n"
         "data.ttl:5:1: error: value ex:q2 conforms to 0 shapes of sh:xone");
}

Test(shacl, or_fails_when_no_shape_fits)
{
  Run r = run("ex:S sh:targetSubjectsOf ex:v ;\n"
              "  sh:property [ sh:path ex:v ; sh:or ( [ sh:datatype "
              "xsd:integer ] [ sh:datatype xsd:boolean ] ) ] .\n",
              "ex:a ex:v 1 , true .\n"
              "ex:b ex:v \"no\" .\n");
  expect(&r,
         1,
         "data.ttl:3:1: error: value \"no\" conforms to no shape of sh:or "
         "[sh:OrConstraintComponent] <value>");
}

Test(shacl, node_and_nested_property_results)
{
  Run r =
    run("ex:Amount sh:property [ sh:path ex:currency ; sh:minCount 1 ] .\n"
        "ex:S sh:targetClass ex:Deal ;\n"
        "  sh:property [ sh:path ex:amount ; sh:node ex:Amount ] .\n"
        "ex:T sh:targetClass ex:Deal ;\n"
        "  sh:property [ sh:path ex:amount ; sh:property [ sh:path ex:value ; "
        "sh:minCount 1 ] ] .\n",
        "ex:d a ex:Deal ;\n"
        "  ex:amount [ ex:value 3 ] .\n"
        "ex:e a ex:Deal ; ex:amount [ ex:value 4 ; ex:currency \"EUR\" ] .\n");
  expect(&r, 1, "data.ttl:3:3: error: value _:");
  // The node constraint's value is the amount, on its line
}

Test(shacl, nested_property_shape_reports_its_own_results)
{
  Run r = run("ex:T sh:targetClass ex:Deal ;\n"
              "  sh:property [ sh:path ex:amount ;\n"
              "    sh:property [ sh:path ex:value ; sh:minCount 1 ] ] .\n",
              "ex:d a ex:Deal ;\n"
              "  ex:amount [ ex:currency \"EUR\" ] .\n");
  expect(&r,
         1,
         "data.ttl:3:3: error: has 0 values of ex:value, at least 1 required "
         "[sh:MinCountConstraintComponent] <focus>");
}

Test(shacl, qualified_value_shapes_disjoint)
{
  Run r = run(
    "ex:Hand sh:targetClass ex:Hand ;\n"
    "  sh:property [ sh:path ex:digit ; sh:qualifiedValueShape [ sh:class "
    "ex:Thumb ] ;\n"
    "    sh:qualifiedMinCount 1 ; sh:qualifiedMaxCount 1 ; "
    "sh:qualifiedValueShapesDisjoint true ] ;\n"
    "  sh:property [ sh:path ex:digit ; sh:qualifiedValueShape [ sh:class "
    "ex:Finger ] ;\n"
    "    sh:qualifiedMinCount 4 ; sh:qualifiedMaxCount 4 ; "
    "sh:qualifiedValueShapesDisjoint true ] .\n",
    "ex:good a ex:Hand ; ex:digit ex:t , ex:f1 , ex:f2 , ex:f3 , ex:f4 .\n"
    "ex:bad a ex:Hand ; ex:digit ex:t , ex:f1 , ex:f2 , ex:f3 , ex:tf .\n"
    "ex:t a ex:Thumb . ex:f1 a ex:Finger . ex:f2 a ex:Finger .\n"
    "ex:f3 a ex:Finger . ex:f4 a ex:Finger . ex:tf a ex:Thumb , ex:Finger .\n");
  expect(&r,
         1,
         "data.ttl:3:1: error: 3 values of ex:digit conform to shape 'a blank "
         "shape at shapes.ttl:5', at least 4 required "
         "[sh:QualifiedMinCountConstraintComponent] <focus>");
}

Test(shacl, qualified_max_count)
{
  Run r = run("ex:S sh:targetSubjectsOf ex:p ;\n"
              "  sh:property [ sh:path ex:p ; sh:qualifiedValueShape [ "
              "sh:datatype xsd:integer ] ; sh:qualifiedMaxCount 1 ] .\n",
              "ex:a ex:p 1 , \"x\" .\n"
              "ex:b ex:p 1 , 2 .\n");
  expect(&r,
         1,
         "data.ttl:3:1: error: 2 values of ex:p conform to shape 'a blank "
         "shape at shapes.ttl:3', at most 1 allowed "
         "[sh:QualifiedMaxCountConstraintComponent]");
}

/*
  Other components
*/

Test(shacl, closed_with_ignored_properties)
{
  Run r = run("ex:S sh:targetClass ex:C ; sh:closed true ; "
              "sh:ignoredProperties ( rdf:type ) ;\n"
              "  sh:property [ sh:path ex:a ] ; sh:property [ sh:path [ "
              "sh:inversePath ex:b ] ] .\n",
              "ex:x a ex:C ; ex:a 1 .\n"
              "ex:y a ex:C ; ex:a 1 ;\n"
              "  ex:b 2 .\n");
  expect(&r,
         1,
         "data.ttl:4:3: error: property ex:b is not allowed by closed shape "
         "'ex:S' (value 2) [sh:ClosedConstraintComponent] <value>");
}

Test(shacl, has_value_and_in)
{
  Run r = run("ex:S sh:targetClass ex:C ;\n"
              "  sh:property [ sh:path ex:tag ; sh:hasValue ex:main ; sh:in ( "
              "ex:main ex:side 1 ) ] .\n",
              "ex:x a ex:C ; ex:tag ex:main , 1 .\n"
              "ex:y a ex:C ;\n"
              "  ex:tag ex:other .\n");
  expect(&r,
         2,
         "data.ttl:3:1: error: ex:main is not a value of ex:tag "
         "[sh:HasValueConstraintComponent] <focus>\n"
         "data.ttl:4:3: error: value ex:other is not in the list of sh:in "
         "[sh:InConstraintComponent] <value>");
}

/*
  Paths
*/

Test(shacl, every_path_kind)
{
  Run r = run("ex:Inv sh:targetNode ex:b ; sh:property [ sh:path [ "
              "sh:inversePath ex:p ] ; sh:maxCount 0 ] .\n"
              "ex:Seq sh:targetNode ex:a ; sh:property [ sh:path ( ex:p ex:q ) "
              "; sh:maxCount 0 ] .\n"
              "ex:Alt sh:targetNode ex:a ; sh:property [ sh:path [ "
              "sh:alternativePath ( ex:p ex:r ) ] ; sh:maxCount 1 ] .\n"
              "ex:Zom sh:targetNode ex:a ; sh:property [ sh:path [ "
              "sh:zeroOrMorePath ex:p ] ; sh:maxCount 2 ] .\n"
              "ex:Oom sh:targetNode ex:a ; sh:property [ sh:path [ "
              "sh:oneOrMorePath ex:p ] ; sh:maxCount 1 ] .\n"
              "ex:Zoo sh:targetNode ex:a ; sh:property [ sh:path [ "
              "sh:zeroOrOnePath ex:p ] ; sh:maxCount 1 ] .\n",
              "ex:a ex:p ex:b ; ex:r ex:z .\n"
              "ex:b ex:q ex:c ; ex:p ex:c .\n"
              "ex:c ex:p ex:a .\n");
  expect(&r,
         6,
         "has 1 value of ^ex:p, at most 0 allowed\n"
         "has 1 value of (ex:p/ex:q), at most 0 allowed\n"
         "has 2 values of (ex:p|ex:r), at most 1 allowed\n"
         "has 3 values of ex:p*, at most 2 allowed\n"
         "has 3 values of ex:p+, at most 1 allowed\n"
         "has 2 values of ex:p?, at most 1 allowed");
}

Test(shacl, inverse_path_points_at_the_triple_that_reaches_the_value)
{
  Run r = run("ex:S sh:targetNode ex:b ; sh:property [ sh:path [ "
              "sh:inversePath ex:p ] ; sh:class ex:K ] .\n",
              "ex:b ex:q 1 .\n"
              "ex:a ex:p ex:b .\n");
  expect(&r,
         1,
         "data.ttl:3:1: error: value ex:a is not an ex:K "
         "[sh:ClassConstraintComponent] <value>");
}

Test(shacl, cycles_of_zero_or_more_end)
{
  Run r = run("ex:S sh:targetNode ex:a ; sh:property [ sh:path [ "
              "sh:oneOrMorePath [ sh:alternativePath ( ex:p [ sh:inversePath "
              "ex:p ] ) ] ] ; sh:maxCount 2 ] .\n",
              "ex:a ex:p ex:b . ex:b ex:p ex:c . ex:c ex:p ex:a .\n");
  // a, b and c are all reached (a through the ring), once each
  expect(&r, 1, "has 3 values of (ex:p|^ex:p)+, at most 2 allowed");
}

/*
  Severities, deactivation, messages
*/

Test(shacl, severities_and_deactivated_shapes)
{
  Run r = run("ex:W sh:targetNode ex:a ; sh:severity sh:Warning ; sh:datatype "
              "xsd:integer .\n"
              "ex:I sh:targetNode ex:a ; sh:severity sh:Info ; sh:datatype "
              "xsd:integer .\n"
              "ex:O sh:targetNode ex:a ; sh:severity ex:Other ; sh:datatype "
              "xsd:integer .\n"
              "ex:D sh:targetNode ex:a ; sh:deactivated true ; sh:datatype "
              "xsd:integer .\n"
              "ex:N sh:targetNode ex:a ; sh:not ex:D .\n",
              "ex:a ex:p 1 .\n");
  cr_assert_eq(r.counts.n_warnings, 1U);
  cr_assert_eq(r.counts.n_infos, 1U);
  cr_assert_eq(r.counts.n_violations, 2U);
  expect(&r,
         4,
         "data.ttl:2:1: warning: value ex:a is not an xsd:integer\n"
         "data.ttl:2:1: note: value ex:a is not an xsd:integer\n"
         "data.ttl:2:1: error: value ex:a is not an xsd:integer "
         "[sh:DatatypeConstraintComponent] <focus> {ex:O}\n"
         "data.ttl:2:1: error: value ex:a conforms to shape 'ex:D', which "
         "sh:not forbids");
}

Test(shacl, messages_with_languages_and_substitutions)
{
  Run r =
    run("ex:S sh:targetClass ex:Claim ; rdfs:label \"Claim shape\" ;\n"
        "  sh:property [ sh:path ex:source ; sh:minCount 2 ;\n"
        "    sh:message \"{$this} needs {$minCount} sources on {$path}\"@en ,\n"
        "               \"{$this} braucht {?minCount} Quellen\"@de ] ;\n"
        "  sh:property [ sh:path ex:status ; sh:in ( ex:true ) ; sh:message "
        "\"bad {?value} ({$unknown})\" ] .\n",
        "ex:c a ex:Claim ; ex:source ex:s ;\n"
        "  ex:status \"maybe\" .\n");
  expect(&r,
         2,
         "data.ttl:2:1: error: ex:c needs 2 sources on ex:source @en "
         "[sh:MinCountConstraintComponent]\n"
         "data.ttl:2:1: error: ex:c braucht 2 Quellen @de\n"
         "data.ttl:3:3: error: bad maybe ({$unknown}) "
         "[sh:InConstraintComponent] <value> {a blank shape at shapes.ttl:6}");
}

Test(shacl, shape_named_by_its_label)
{
  Run r = run("ex:S sh:targetNode ex:a ; rdfs:label \"Every a\" ; sh:nodeKind "
              "sh:BlankNode .\n",
              "ex:a ex:p 1 .\n");
  expect(
    &r,
    1,
    "is not a blank node [sh:NodeKindConstraintComponent] <focus> {Every a}");
}

Test(shacl, sparql_constraints_give_one_warning)
{
  Run r = run("ex:S sh:targetNode ex:a ; sh:minLength 1 ;\n"
              "  sh:sparql [ sh:select \"SELECT $this WHERE { }\" ] .\n"
              "ex:T sh:targetNode ex:a ; sh:sparql [ sh:select \"SELECT $this "
              "WHERE { }\" ] .\n",
              "ex:a ex:p 1 .\n");
  cr_assert_not_null(
    strstr(r.log,
           "shapes.ttl:3:3: warning: SHACL-SPARQL constraints are not checked"),
    "%s",
    r.log);
  cr_assert_null(
    strstr(strstr(r.log, "not checked") + 1, "not checked"), "%s", r.log);
  expect(&r, 0, "");
}

/*
  Malformed shapes graphs
*/

Test(shacl, malformed_counts)
{
  Run r = run("ex:S sh:targetNode ex:a ;\n"
              "  sh:property [ sh:path ex:p ;\n"
              "    sh:minCount \"x\" ;\n"
              "    sh:maxCount -1 ] .\n",
              "ex:a ex:p 1 .\n");
  cr_assert_not_null(
    strstr(r.log,
           "shapes.ttl:5:5: error: sh:maxCount must be a non-negative "
           "xsd:integer, not '\"-1\"^^xsd:integer'"),
    "%s",
    r.log);
  expect_bad_shapes(&r,
                    "shapes.ttl:4:5: error: sh:minCount must be a non-negative "
                    "xsd:integer, not '\"x\"'");
}

Test(shacl, malformed_paths)
{
  Run r = run("ex:S sh:targetNode ex:a ;\n"
              "  sh:property [ sh:path \"p\" ] ;\n"
              "  sh:property [ sh:path ( ex:p ) ] ;\n"
              "  sh:property [ sh:path [ ex:x ex:y ] ] ;\n"
              "  sh:property [ sh:path _:loop ] .\n"
              "_:loop sh:inversePath _:loop .\n",
              "ex:a ex:p 1 .\n");
  cr_assert_not_null(strstr(r.log,
                            "shapes.ttl:3:3: error: sh:path is not a "
                            "well-formed SHACL path: a literal"),
                     "%s",
                     r.log);
  cr_assert_not_null(
    strstr(r.log,
           "shapes.ttl:4:3: error: sh:path is not a well-formed SHACL path: a "
           "list of fewer than two paths"),
    "%s",
    r.log);
  cr_assert_not_null(
    strstr(r.log,
           "shapes.ttl:5:3: error: sh:path is not a well-formed SHACL path: a "
           "blank node that is not one path"),
    "%s",
    r.log);
  expect_bad_shapes(&r,
                    "shapes.ttl:6:3: error: sh:path is not a well-formed SHACL "
                    "path: nested deeper than 64 levels, or a cycle");
}

Test(shacl, malformed_lists_and_kinds)
{
  Run r = run("ex:S sh:targetNode ex:a ;\n"
              "  sh:in ex:notAList ;\n"
              "  sh:nodeKind sh:Nothing ;\n"
              "  sh:node \"shape\" ;\n"
              "  sh:datatype \"xsd:string\" ;\n"
              "  sh:closed \"yes\" .\n",
              "ex:a ex:p 1 .\n");
  cr_assert_not_null(
    strstr(r.log, "shapes.ttl:3:3: error: sh:in is not a well-formed RDF list"),
    "%s",
    r.log);
  cr_assert_not_null(
    strstr(r.log, "shapes.ttl:4:3: error: sh:nodeKind must be sh:IRI"),
    "%s",
    r.log);
  cr_assert_not_null(strstr(r.log,
                            "shapes.ttl:5:3: error: sh:node must be a shape "
                            "(an IRI or a blank node), not '\"shape\"'"),
                     "%s",
                     r.log);
  cr_assert_not_null(
    strstr(r.log, "shapes.ttl:6:3: error: sh:datatype must be an IRI"),
    "%s",
    r.log);
  expect_bad_shapes(
    &r,
    "shapes.ttl:7:3: error: sh:closed must be true or false, not '\"yes\"'");
}

Test(shacl, a_malformed_list_of_shapes_is_reported_once)
{
  Run               r     = run("ex:S sh:targetNode ex:a ;\n"
                                "  sh:or ex:notAList .\n",
              "ex:a ex:p 1 .\n");
  const char* const first = strstr(r.log, "is not a well-formed RDF list");
  cr_assert_not_null(first, "%s", r.log);
  cr_assert_null(
    strstr(first + 1, "is not a well-formed RDF list"), "%s", r.log);
  expect_bad_shapes(
    &r, "shapes.ttl:3:3: error: sh:or is not a well-formed RDF list");
}

/*
  Recursion and depth
*/

Test(shacl, recursive_shapes_are_reported_not_followed)
{
  Run r = run("ex:Person sh:targetClass ex:Person ;\n"
              "  sh:property [ sh:path ex:knows ; sh:node ex:Person ] .\n",
              "ex:a a ex:Person ; ex:knows ex:b .\n"
              "ex:b a ex:Person ; ex:knows ex:a .\n");
  cr_assert_eq(r.shapes_status, KG_SUCCESS, "%s", r.log);
  cr_assert_eq(r.status, KG_BAD_SYNTAX);
  cr_assert_not_null(
    strstr(r.log, "shapes.ttl:2:1: error: shape 'ex:Person' is recursive"),
    "%s",
    r.log);
  run_free(&r);
}

Test(shacl, shapes_nested_deeper_than_the_bound_are_refused)
{
  // ex:S0 sh:node ex:S1 . ... ex:S70 sh:minCount ... : 70 levels
  char   text[8192];
  size_t len =
    (size_t)snprintf(text, sizeof(text), "ex:S0 sh:targetNode ex:a .\n");
  for (unsigned i = 0U; i < 70U; ++i) {
    len += (size_t)snprintf(
      text + len, sizeof(text) - len, "ex:S%u sh:node ex:S%u .\n", i, i + 1U);
  }
  snprintf(text + len, sizeof(text) - len, "ex:S70 sh:nodeKind sh:IRI .\n");
  Run r = run(text, "ex:a ex:p 1 .\n");
  expect_bad_shapes(&r, "nests shapes deeper than 64 levels");

  // 60 levels are fine, and followed to the end
  len = (size_t)snprintf(text, sizeof(text), "ex:S0 sh:targetNode ex:a .\n");
  for (unsigned i = 0U; i < 60U; ++i) {
    len += (size_t)snprintf(
      text + len, sizeof(text) - len, "ex:S%u sh:node ex:S%u .\n", i, i + 1U);
  }
  snprintf(text + len, sizeof(text) - len, "ex:S60 sh:nodeKind sh:Literal .\n");
  Run ok = run(text, "ex:a ex:p 1 .\n");
  expect(&ok,
         1,
         "value ex:a does not conform to shape 'ex:S1' "
         "[sh:NodeConstraintComponent]");
}

Test(shacl, paths_nested_deeper_than_the_bound_are_refused)
{
  char   text[8192];
  size_t len = (size_t)snprintf(
    text, sizeof(text), "ex:S sh:targetNode ex:a ; sh:property [ sh:path ");
  for (unsigned i = 0U; i < 70U; ++i) {
    len +=
      (size_t)snprintf(text + len, sizeof(text) - len, "[ sh:inversePath ");
  }
  len += (size_t)snprintf(text + len, sizeof(text) - len, "ex:p");
  for (unsigned i = 0U; i < 70U; ++i) {
    len += (size_t)snprintf(text + len, sizeof(text) - len, " ]");
  }
  snprintf(text + len, sizeof(text) - len, " ; sh:minCount 1 ] .\n");
  Run r = run(text, "ex:a ex:p 1 .\n");
  expect_bad_shapes(&r, "nested deeper than 64 levels");
}

/*
  The API
*/

Test(shacl, free_null_and_component_names)
{
  kg_shapes_free(NULL);
  cr_assert_str_eq(kg_sh_component_name(KG_SH_CLASS),
                   "ClassConstraintComponent");
  cr_assert_str_eq(kg_sh_component_name(KG_SH_LESS_THAN_OR_EQUALS),
                   "LessThanOrEqualsConstraintComponent");
  cr_assert_str_eq(kg_sh_component_name(KG_SH_XONE), "XoneConstraintComponent");
  cr_assert_str_eq(kg_sh_component_name(KG_SH_IN), "InConstraintComponent");
}

Test(shacl, the_shapes_graph_may_be_the_data_graph)
{
  KgGraph* const g      = kg_graph_new();
  const char     text[] = PREFIXES "ex:S sh:targetClass ex:C ; sh:property [ "
                                   "sh:path ex:p ; sh:minCount 1 ] .\n"
                                   "ex:a a ex:C .\n";
  KgReadOptions  ro;
  memset(&ro, 0, sizeof(ro));
  ro.syntax = KG_SYNTAX_TURTLE;
  cr_assert_eq(kg_graph_read_string(g, KG_SV(text), "g.ttl", &ro), KG_SUCCESS);
  KgShapes* sh = NULL;
  cr_assert_eq(kg_shapes_new(g, (KgLog){NULL, NULL}, &sh), KG_SUCCESS);
  cr_assert_eq(kg_shapes_count(sh), 2U);
  KgShCounts counts;
  cr_assert_eq(kg_shapes_validate(sh, g, NULL, &counts), KG_SUCCESS);
  cr_assert_eq(counts.n_violations, 1U);
  kg_shapes_free(sh);
  kg_graph_free(g);
}

Test(shacl, a_pattern_that_takes_too_long_stops_validation)
{
  char data[200];
  snprintf(data,
           sizeof(data),
           "ex:a ex:p \"%s\" .\n",
           "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab");
  Run r = run("ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; "
              "sh:pattern \"^(a|aa)+$\" ] .\n",
              data);
  cr_assert_eq(r.status, KG_BAD_LIMIT, "%s", kg_strerror(r.status));
  cr_assert_not_null(strstr(r.log,
                            "data.ttl:2:1: error: sh:pattern '^(a|aa)+$' takes "
                            "too long to match this value"),
                     "%s",
                     r.log);
  run_free(&r);
}

Test(shacl, class_hierarchies_with_cycles_end)
{
  Run r = run("ex:S sh:targetClass ex:A ; sh:property [ sh:path ex:p ; "
              "sh:class ex:Z ] .\n",
              "ex:A rdfs:subClassOf ex:B . ex:B rdfs:subClassOf ex:A .\n"
              "ex:x a ex:B ; ex:p ex:y .\n"
              "ex:y a ex:A .\n");
  // x is an A through the cycle; y is an A and a B, never a Z
  expect(&r,
         1,
         "data.ttl:3:1: error: value ex:y is not an ex:Z "
         "[sh:ClassConstraintComponent] <value>");
}

Test(shacl, node_shape_pairs_and_literal_values_across_graphs)
{
  Run r = run("ex:S sh:targetNode ex:a , ex:b ; sh:equals ex:self ; "
              "sh:property [ sh:path ex:v ; sh:in ( \"x\"@EN 2.0 ) ; "
              "sh:hasValue \"x\"@en ] .\n",
              "ex:a ex:self ex:a ; ex:v \"x\"@en , 2.0 .\n"
              "ex:b ex:self ex:a ;\n"
              "  ex:v 2.00 .\n");
  expect(&r,
         4,
         "data.ttl:3:1: error: value ex:b is not a value of both the focus "
         "node and ex:self [sh:EqualsConstraintComponent] <focus>\n"
         "data.ttl:3:1: error: value ex:a is not a value of both the focus "
         "node and ex:self [sh:EqualsConstraintComponent] <value>\n"
         "data.ttl:4:3: error: value 2.00 is not in the list of sh:in "
         "[sh:InConstraintComponent] <value>\n"
         "data.ttl:3:1: error: \"x\"@en is not a value of ex:v "
         "[sh:HasValueConstraintComponent] <focus>");
}

Test(shacl,
     property_shape_parameters_on_a_node_shape_are_ignored_with_a_warning)
{
  Run r = run("ex:S sh:targetNode ex:a ;\n"
              "  sh:minCount 2 ;\n"
              "  sh:lessThan ex:b ;\n"
              "  sh:qualifiedValueShape [ sh:nodeKind sh:Literal ] ; "
              "sh:qualifiedMinCount 1 .\n",
              "ex:a ex:b 0 .\n");
  cr_assert_not_null(strstr(r.log,
                            "shapes.ttl:3:3: warning: sh:minCount applies to "
                            "property shapes only, and shape 'ex:S' has no "
                            "sh:path: it is ignored"),
                     "%s",
                     r.log);
  cr_assert_not_null(
    strstr(r.log, "shapes.ttl:4:3: warning: sh:lessThan"), "%s", r.log);
  cr_assert_not_null(
    strstr(r.log, "shapes.ttl:5:3: warning: sh:qualifiedValueShape"),
    "%s",
    r.log);
  cr_assert_null(strstr(r.log, "qualifiedMinCount"), "%s", r.log);
  expect(&r, 0, "");
}
