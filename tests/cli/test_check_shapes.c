// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph check --shapes: the planted mistakes of tests/data/shapes are each
// reported once, on their line, with their component and severity, as
// text, as JSON and in the Turtle validation report (read back with
// kgraph); exit statuses; malformed shapes.

#include "cli.h"
#include "support.h"

#include <kgraph/kgraph.h>
#include <kgraph/shacl.h>
#include <kgraph/shacl_report.h>

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EX "http://example.org/ns#"
#define SH KG_SH_NS

/// A planted mistake: where it is reported, and how.
typedef struct {
  const char* focus;     ///< Local name of the focus node
  unsigned    line;      ///< Line of the caret in planted.ttl
  unsigned    column;    ///< Its column
  const char* level;     ///< error, warning or note
  const char* shape;     ///< The shape's name for people
  const char* component; ///< Local name of the component
  const char* where;     ///< value, focus or shape
  const char* value;     ///< The value in N-Triples, or NULL for none
} Planted;

static const Planted planted[] = {
  {"bob",
   28,
   1,
   "error",
   "ex:NameShape",
   "MinCountConstraintComponent",
   "focus",
   NULL},
  {"carol",
   32,
   1,
   "error",
   "ex:NameShape",
   "MaxCountConstraintComponent",
   "focus",
   NULL},
  {"dave",
   39,
   5,
   "error",
   "ex:BirthShape",
   "DatatypeConstraintComponent",
   "value",
   "\"1990-02-30\"^^<http://www.w3.org/2001/XMLSchema#date>"},
  {"erin",
   45,
   5,
   "error",
   "ex:AgeShape",
   "MaxExclusiveConstraintComponent",
   "value",
   "\"150\"^^<http://www.w3.org/2001/XMLSchema#integer>"},
  {"frank",
   51,
   5,
   "error",
   "ex:EmailShape",
   "PatternConstraintComponent",
   "value",
   "\"frank at example.org\""},
  {"grace",
   56,
   5,
   "error",
   "ex:EmailShape",
   "NodeKindConstraintComponent",
   "value",
   "<mailto:grace@example.org>"},
  {"heidi",
   60,
   5,
   "error",
   "ex:NameShape",
   "MaxLengthConstraintComponent",
   "value",
   "\"Heidi Maria Anna Schmidt\""},
  {"ivan",
   67,
   5,
   "error",
   "ex:EmployerShape",
   "ClassConstraintComponent",
   "value",
   "<" EX "alice>"},
  {"judy",
   73,
   5,
   "warning",
   "ex:LabelShape",
   "LanguageInConstraintComponent",
   "value",
   "\"Judy\"@de"},
  {"mallory",
   76,
   1,
   "warning",
   "ex:LabelShape",
   "UniqueLangConstraintComponent",
   "focus",
   NULL},
  {"niaj",
   85,
   5,
   "error",
   "ex:TenureShape",
   "LessThanConstraintComponent",
   "value",
   "\"2021-05-01\"^^<http://www.w3.org/2001/XMLSchema#date>"},
  {"olivia",
   92,
   5,
   "error",
   "ex:StatusShape",
   "InConstraintComponent",
   "value",
   "<" EX "Fired>"},
  {"peggy",
   98,
   5,
   "error",
   "ex:AddressShape",
   "NodeConstraintComponent",
   "value",
   "_:"},
  {"rupert",
   101,
   1,
   "error",
   "person",
   "NotConstraintComponent",
   "focus",
   "<" EX "rupert>"},
  {"sybil",
   106,
   1,
   "error",
   "ex:ContactShape",
   "OrConstraintComponent",
   "focus",
   "<" EX "sybil>"},
  {"initech",
   114,
   5,
   "error",
   "ex:OrganizationShape",
   "ClosedConstraintComponent",
   "value",
   "\"Synergy\""},
  {"globex",
   117,
   1,
   "error",
   "a blank shape at ",
   "QualifiedMinCountConstraintComponent",
   "focus",
   NULL},
  {"umbrella",
   122,
   1,
   "error",
   "a blank shape at ",
   "HasValueConstraintComponent",
   "focus",
   NULL},
  {"trent",
   128,
   1,
   "note",
   "a blank shape at ",
   "MinCountConstraintComponent",
   "focus",
   NULL},
};

#define N_PLANTED (sizeof(planted) / sizeof(planted[0]))

static const char*
data_file(void)
{
  return data_path("shapes/planted.ttl");
}

static const char*
shapes_file(void)
{
  return data_path("shapes/planted-shapes.ttl");
}

/// Return the line of `text` that starts with `prefix`, asserting there is
/// exactly one, as a string to free().
static char*
only_line(const char* const text, const char* const prefix)
{
  const size_t len   = strlen(prefix);
  char*        found = NULL;
  for (const char* line = text; line && *line;) {
    const char* const end  = strchr(line, '\n');
    const size_t      size = end ? (size_t)(end - line) : strlen(line);
    if (!strncmp(line, prefix, len)) {
      cr_assert_null(found, "twice '%s':\n%s", prefix, text);
      found = format("%.*s", (int)size, line);
    }
    line = end ? end + 1 : NULL;
  }
  cr_assert_not_null(found, "no line starts with '%s':\n%s", prefix, text);
  return found;
}

static size_t
count_lines(const char* const text)
{
  size_t n = 0U;
  for (const char* c = text; *c; ++c) {
    n += *c == '\n';
  }
  return n;
}

static bool
ends_with(const char* const s, const char* const end)
{
  const size_t a = strlen(s);
  const size_t b = strlen(end);
  return a >= b && !strcmp(s + a - b, end);
}

Test(check_shapes, planted_mistakes_each_once_on_their_line)
{
  Run r = run("check", "--shapes", shapes_file(), data_file(), NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s%s", r.out, r.err);
  cr_assert_eq(count_lines(r.out), N_PLANTED, "%s", r.out);

  for (size_t i = 0U; i < N_PLANTED; ++i) {
    const Planted* const p      = &planted[i];
    char* const          prefix = format(
      "%s:%u:%u: %s: %s", data_file(), p->line, p->column, p->level, p->shape);
    char* const line = only_line(r.out, prefix);
    char* const end  = format(" [sh:%s]", p->component);
    cr_assert(ends_with(line, end), "%s: %s", p->focus, line);

    // Where the caret is not at the value's triple, the line says so
    const bool at_focus = strstr(line, "(at the focus node's first statement)");
    cr_assert_eq(at_focus, !strcmp(p->where, "focus"), "%s", line);
    cr_assert_null(
      strstr(line, "(the focus node has no statement"), "%s", line);
    free(end);
    free(line);
    free(prefix);
  }

  // The deactivated shape says nothing; the totals are on standard error
  cr_assert_null(strstr(r.out, "pension"));
  cr_assert_str_eq(r.err, "kgraph: 16 errors, 2 warnings, 1 note\n");
  run_free(&r);
}

Test(check_shapes, messages_are_substituted_and_english_first)
{
  Run r = run("check", "--shapes", shapes_file(), data_file(), NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND);
  char* const prefix =
    format("%s:106:1: error: ex:ContactShape: ", data_file());
  char* const line = only_line(r.out, prefix);
  cr_assert(
    strstr(line, "sybil has no email and no phone (at the focus"), "%s", line);
  cr_assert_null(strstr(line, "{$this}"), "%s", line);
  free(line);
  free(prefix);
  run_free(&r);
}

Test(check_shapes, blank_shape_named_by_its_line)
{
  Run         r = run("check", "--shapes", shapes_file(), data_file(), NULL);
  char* const prefix =
    format("%s:117:1: error: a blank shape at %s:", data_file(), shapes_file());
  char* const line = only_line(r.out, prefix);
  free(line);
  free(prefix);
  run_free(&r);
}

/// Write the first `n_lines` lines of planted.ttl (the clean part) and
/// `extra` to a new file; return its path.
static const char*
clean_data(const char* const name, const char* const extra)
{
  char* const text = read_file(data_file());
  cr_assert_not_null(text);
  char* end = text;
  for (unsigned i = 0U; i < 26U; ++i) {
    end = strchr(end, '\n') + 1;
  }
  *end             = '\0';
  char* const all  = format("%s%s", text, extra);
  const char* path = path_in(tmp_dir(), name);
  write_file(path, all);
  free(all);
  free(text);
  return path;
}

/// What the nodes of sh:targetNode need to conform.
#define TARGETS                           \
  "ex:umbrella ex:sector ex:Software .\n" \
  "ex:trent ex:homepage <http://example.org/trent> .\n"

Test(check_shapes, target_nodes_without_statements_point_at_the_shape)
{
  const char* const data = clean_data("bare.ttl", "");
  Run               r    = run("check", "--shapes", shapes_file(), data, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s%s", r.out, r.err);
  cr_assert_eq(count_lines(r.out), 2U, "%s", r.out);
  char* const prefix = format(
    "%s:114:5: error: a blank shape at %s:114: ", shapes_file(), shapes_file());
  char* const line = only_line(r.out, prefix);
  cr_assert(ends_with(line,
                      " (the focus node has no statement: at the shape) "
                      "[sh:HasValueConstraintComponent]"),
            "%s",
            line);
  free(line);
  free(prefix);
  run_free(&r);

  r = run("check", "--format=json", "--shapes", shapes_file(), data, NULL);
  cr_assert(strstr(r.out, "\"line\": 114, \"column\": 5, \"where\": \"shape\""),
            "%s",
            r.out);
  run_free(&r);
}

Test(check_shapes, conforming_data_exits_0_silently)
{
  const char* const data = clean_data("clean.ttl", TARGETS);
  Run               r    = run("check", "--shapes", shapes_file(), data, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s%s", r.out, r.err);
  cr_assert_str_eq(r.out, "");
  cr_assert_str_eq(r.err, "");
  run_free(&r);

  r = run("check", "--format=turtle", "--shapes", shapes_file(), data, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert(strstr(r.out, "a sh:ValidationReport ;\n    sh:conforms true\n"),
            "%s",
            r.out);
  cr_assert_null(strstr(r.out, "sh:result"), "%s", r.out);
  run_free(&r);

  r = run("check", "--format=json", "--shapes", shapes_file(), data, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "{\n  \"diagnostics\": [],\n  \"results\": [],\n"
                   "  \"conforms\": true,\n  \"errors\": 0,\n"
                   "  \"warnings\": 0,\n  \"notes\": 0\n}\n");
  run_free(&r);
}

Test(check_shapes, warnings_fail_only_with_werror_and_notes_never)
{
  // Judy: a warning (sh:Warning) and nothing else
  const char* const warned =
    clean_data("warned.ttl",
               "ex:judy a ex:Person ; ex:name \"Judy\" ; ex:phone \"1\" ;\n"
               "    rdfs:label \"Judy\"@de .\n" TARGETS);
  Run r = run("check", "--shapes", shapes_file(), warned, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s%s", r.out, r.err);
  cr_assert(strstr(r.out, ":28:5: warning: ex:LabelShape: "), "%s", r.out);
  cr_assert_str_eq(r.err, "kgraph: 0 errors, 1 warning\n");
  run_free(&r);
  r = run("check", "--werror", "--shapes", shapes_file(), warned, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s%s", r.out, r.err);
  run_free(&r);

  // Trent: a note (sh:Info), which never fails; not conforming all the same
  const char* const noted =
    clean_data("noted.ttl",
               "ex:trent a ex:Person ; ex:name \"Trent\" ; ex:phone \"1\" .\n"
               "ex:umbrella ex:sector ex:Software .\n");
  r = run("check", "--werror", "--shapes", shapes_file(), noted, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s%s", r.out, r.err);
  cr_assert(strstr(r.out, ":27:1: note: a blank shape at "), "%s", r.out);
  cr_assert_str_eq(r.err, "kgraph: 0 errors, 0 warnings, 1 note\n");
  run_free(&r);
  r = run(
    "check", "-q", "--format=turtle", "--shapes", shapes_file(), noted, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert(strstr(r.out, "sh:conforms false"), "%s", r.out);
  cr_assert(strstr(r.out, "sh:resultSeverity sh:Info"), "%s", r.out);
  cr_assert_str_eq(r.err, "");
  run_free(&r);
}

Test(check_shapes, json_results_with_positions)
{
  Run r = run(
    "check", "--format", "json", "--shapes", shapes_file(), data_file(), NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert(
    !strncmp(r.out,
             "{\n  \"diagnostics\": [],\n  \"results\": [\n    {\"file\": ",
             51U),
    "%s",
    r.out);
  cr_assert(ends_with(r.out,
                      "\n  ],\n  \"conforms\": false,\n  \"errors\": 16,\n"
                      "  \"warnings\": 2,\n  \"notes\": 1\n}\n"),
            "%s",
            r.out);

  char* const erin = format(
    "{\"file\": \"%s\", \"line\": 45, \"column\": 5, \"where\": \"value\", "
    "\"level\": \"error\", \"severity\": \"" SH "Violation\", "
    "\"component\": \"" SH "MaxExclusiveConstraintComponent\", "
    "\"focus\": \"<" EX "erin>\", \"path\": \"<" EX "age>\", "
    "\"value\": \"\\\"150\\\"^^<http://www.w3.org/2001/XMLSchema#integer>\", "
    "\"shape\": \"<" EX "AgeShape>\", \"shape_name\": \"ex:AgeShape\", "
    "\"messages\": [{\"text\": \"",
    data_file());
  cr_assert(strstr(r.out, erin), "%s\nnot in\n%s", erin, r.out);
  free(erin);

  // Both messages of sybil's shape, with their languages
  cr_assert(strstr(r.out,
                   "\"messages\": [{\"text\": \"ex:sybil has no email and no "
                   "phone\", \"lang\": \"en\"}, {\"text\": \"ex:sybil n'a ni "
                   "courriel ni téléphone\", \"lang\": \"fr\"}]}") ||
              strstr(r.out,
                     "\"lang\": \"fr\"}, {\"text\": \"ex:sybil has no email "
                     "and no phone\", \"lang\": \"en\"}]}"),
            "%s",
            r.out);

  // A missing value: null, and the level of the note
  cr_assert(strstr(r.out,
                   "\"line\": 128, \"column\": 1, \"where\": \"focus\", "
                   "\"level\": \"note\", \"severity\": \"" SH "Info\""),
            "%s",
            r.out);
  cr_assert(strstr(r.out,
                   "\"focus\": \"<" EX "bob>\", \"path\": \"<" EX
                   "name>\", \"value\": null"),
            "%s",
            r.out);
  run_free(&r);
}

/// Return the report graph of `text`, read with kgraph.
static KgGraph*
read_report(const char* const text)
{
  KgGraph* const g = kg_graph_new();
  cr_assert_not_null(g);
  const KgReadOptions opts = {
    KG_SYNTAX_TURTLE, "http://example.org/base", 0U, {NULL, NULL}};
  const KgStatus st = kg_graph_read_string(g, kg_sv(text), "report.ttl", &opts);
  cr_assert_eq(st, KG_SUCCESS, "%s\n%s", kg_strerror(st), text);
  return g;
}

static KgTermId
object_of(const KgGraph* const g, const KgTermId s, const char* const p)
{
  return kg_graph_object(g, s, kg_graph_find_iri(g, kg_sv(p)));
}

Test(check_shapes, turtle_report_read_back)
{
  Run r = run(
    "check", "--format=turtle", "--shapes", shapes_file(), data_file(), NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_str_eq(r.err, "kgraph: 16 errors, 2 warnings, 1 note\n");
  KgGraph* const g = read_report(r.out);

  // One report, not conforming, with one result per planted mistake
  const KgTermId  result_p = kg_graph_find_iri(g, KG_SV(SH "result"));
  const KgTriple* t        = kg_graph_triples(g);
  KgTermId        report   = KG_NO_TERM;
  size_t          n        = 0U;
  bool            seen[N_PLANTED];
  memset(seen, 0, sizeof(seen));
  for (size_t i = 0U; i < kg_graph_size(g); ++i) {
    if (t[i].p != result_p) {
      continue;
    }
    cr_assert(!report || report == t[i].s);
    report = t[i].s;
    ++n;

    // Match the result with its planted mistake by focus and component
    const KgTermId res   = t[i].o;
    const KgTermId focus = object_of(g, res, SH "focusNode");
    const KgTermId comp  = object_of(g, res, SH "sourceConstraintComponent");
    const char*    local = strchr(kg_term_text(g, focus).data, '#');
    size_t         k     = 0U;
    for (; k < N_PLANTED; ++k) {
      if (local && !strcmp(local + 1, planted[k].focus) &&
          !strcmp(kg_term_text(g, comp).data + strlen(SH),
                  planted[k].component)) {
        break;
      }
    }
    cr_assert_lt(
      k, N_PLANTED, "unexpected result on %s", kg_term_text(g, focus).data);
    cr_assert(!seen[k], "%s twice", planted[k].focus);
    seen[k] = true;

    // Its value, severity and a message
    const Planted* const p     = &planted[k];
    const KgTermId       value = object_of(g, res, SH "value");
    if (p->value && !strcmp(p->value, "_:")) {
      cr_assert(kg_term_is_blank(g, value), "%s", p->focus);
    } else if (p->value) {
      char* const got = kg_sh_term_to_string(g, value);
      cr_assert_str_eq(got, p->value, "%s", p->focus);
      kg_free(got);
    } else {
      cr_assert_eq(value, KG_NO_TERM, "%s", p->focus);
    }
    const char* const severity =
      kg_term_text(g, object_of(g, res, SH "resultSeverity")).data;
    cr_assert_str_eq(severity,
                     !strcmp(p->level, "error")     ? SH "Violation"
                     : !strcmp(p->level, "warning") ? SH "Warning"
                                                    : SH "Info");
    cr_assert(object_of(g, res, SH "resultMessage"), "%s", p->focus);
    cr_assert(object_of(g, res, SH "sourceShape"), "%s", p->focus);
  }
  cr_assert_eq(n, N_PLANTED, "%s", r.out);
  cr_assert_str_eq(kg_term_text(g, object_of(g, report, SH "conforms")).data,
                   "false");
  cr_assert_eq(object_of(g, report, KG_RDF_TYPE),
               kg_graph_find_iri(g, KG_SV(SH "ValidationReport")));

  kg_graph_free(g);
  run_free(&r);
}

Test(check_shapes, turtle_report_copies_complex_paths_and_blank_nodes)
{
  const char* const dir    = tmp_dir();
  const char* const shapes = path_in(dir, "paths-shapes.ttl");
  write_file(shapes,
             "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
             "@prefix ex: <http://example.org/ns#> .\n"
             "ex:S a sh:NodeShape ; sh:targetClass ex:T ;\n"
             "  sh:property [\n"
             "    sh:path ( ex:knows [ sh:inversePath ex:child ] "
             "[ sh:zeroOrOnePath ex:alias ] ) ;\n"
             "    sh:maxCount 0 ] .\n");
  const char* const data = path_in(dir, "paths.ttl");
  write_file(data,
             "@prefix ex: <http://example.org/ns#> .\n"
             "_:a a ex:T ; ex:knows _:b .\n"
             "ex:p ex:child _:b .\n");
  Run r = run("check", "--format=turtle", "--shapes", shapes, data, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s%s", r.out, r.err);
  KgGraph* const g = read_report(r.out);

  KgTermId focus = KG_NO_TERM;
  KgTermId path  = KG_NO_TERM;
  for (size_t i = 0U; i < kg_graph_size(g); ++i) {
    const KgTriple* const t = &kg_graph_triples(g)[i];
    if (t->p == kg_graph_find_iri(g, KG_SV(SH "focusNode"))) {
      focus = t->o;
    } else if (t->p == kg_graph_find_iri(g, KG_SV(SH "resultPath"))) {
      path = t->o;
    }
  }
  cr_assert(kg_term_is_blank(g, focus), "%s", r.out);
  char* const text = kg_sh_path_to_string(g, path);
  cr_assert_str_eq(
    text, "<" EX "knows>/^<" EX "child>/<" EX "alias>?", "%s", r.out);
  kg_free(text);

  // The data's blank node labels are not the report's
  cr_assert_null(strstr(r.out, "_:a "), "%s", r.out);
  kg_graph_free(g);
  run_free(&r);
}

Test(check_shapes, turtle_needs_shapes)
{
  Run r = run("check", "--format=turtle", data_file(), NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert_str_eq(r.out, "");
  cr_assert(strstr(r.err, "--format turtle"), "%s", r.err);
  run_free(&r);

  r =
    run("check", "--format=xml", "--shapes", shapes_file(), data_file(), NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert(strstr(r.err, "unknown format 'xml' (known: text, json, turtle)"),
            "%s",
            r.err);
  run_free(&r);
}

Test(check_shapes, malformed_shapes_are_an_input_error_on_their_line)
{
  const char* const shapes = path_in(tmp_dir(), "bad-shapes.ttl");
  write_file(shapes,
             "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
             "@prefix ex: <http://example.org/ns#> .\n"
             "ex:S a sh:NodeShape ;\n"
             "  sh:targetClass ex:Person ;\n"
             "  sh:property [ sh:path ex:name ;\n"
             "    sh:minCount \"x\" ] .\n");
  Run r = run("check", "--shapes", shapes, data_file(), NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s%s", r.out, r.err);
  cr_assert_str_eq(r.out, "");
  char* const where = format("%s:6:5: error: ", shapes);
  cr_assert(!strncmp(r.err, where, strlen(where)), "%s", r.err);
  free(where);
  run_free(&r);

  // A shapes file that is no Turtle, and one that is missing
  const char* const broken = path_in(tmp_dir(), "broken-shapes.ttl");
  write_file(broken,
             "@prefix sh: <http://www.w3.org/ns/shacl#> .\nsh:a sh:b .\nsh:\n");
  r = run("check", "--shapes", broken, data_file(), NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s%s", r.out, r.err);
  run_free(&r);
  r = run(
    "check", "--shapes", path_in(tmp_dir(), "missing.ttl"), data_file(), NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s%s", r.out, r.err);
  cr_assert(strstr(r.err, "missing.ttl"), "%s", r.err);
  run_free(&r);
}

Test(check_shapes, recursive_shape_is_an_input_error)
{
  const char* const shapes = path_in(tmp_dir(), "loop-shapes.ttl");
  write_file(shapes,
             "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
             "@prefix ex: <http://example.org/ns#> .\n"
             "ex:A a sh:NodeShape ; sh:targetClass ex:Person ; sh:node ex:B .\n"
             "ex:B a sh:NodeShape ; sh:node ex:A .\n");
  Run r = run("check", "--shapes", shapes, data_file(), NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s%s", r.out, r.err);
  cr_assert(strstr(r.err, shapes), "%s", r.err);
  run_free(&r);
}

Test(check_shapes, ontology_checks_only_with_ontology)
{
  // A data file full of sh: terms: no undefined-term errors without
  // --ontology.  The shapes as data: the nodes of sh:targetNode are only
  // objects there, so their results point at the statement naming them
  Run r = run("check", "--shapes", shapes_file(), shapes_file(), NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s%s", r.out, r.err);
  cr_assert_null(strstr(r.out, "[undefined-term]"), "%s", r.out);
  cr_assert_eq(count_lines(r.out), 3U, "%s", r.out);
  char* const at_shape = format("%s:", shapes_file());
  for (const char* line = r.out; *line; line = strchr(line, '\n') + 1) {
    cr_assert(!strncmp(line, at_shape, strlen(at_shape)), "%s", r.out);
  }
  free(at_shape);
  cr_assert(strstr(r.out,
                   " (at the focus node's first statement) "
                   "[sh:HasValueConstraintComponent]\n"),
            "%s",
            r.out);
  cr_assert_str_eq(r.err, "kgraph: 2 errors, 0 warnings, 1 note\n");
  run_free(&r);

  const char* const onto = path_in(tmp_dir(), "onto.ttl");
  write_file(onto,
             "@prefix ex: <http://example.org/ns#> .\n"
             "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
             "ex:Person a owl:Class ; rdfs:label \"person\" .\n");
  const char* const data = clean_data("onto-data.ttl", TARGETS);
  r = run("check", "--ontology", onto, "--shapes", shapes_file(), data, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s%s", r.out, r.err);
  cr_assert(strstr(r.out, "[undefined-term]"), "%s", r.out);
  cr_assert_null(strstr(r.out, "[sh:"), "%s", r.out);
  run_free(&r);

  // With a Turtle report, the ontology's diagnostics go to standard error
  r = run("check",
          "--format=turtle",
          "--ontology",
          onto,
          "--shapes",
          shapes_file(),
          data,
          NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s%s", r.out, r.err);
  cr_assert(strstr(r.err, "[undefined-term]"), "%s", r.err);
  cr_assert_null(strstr(r.out, "undefined"), "%s", r.out);
  cr_assert(strstr(r.out, "sh:conforms true"), "%s", r.out);
  run_free(&r);
}

Test(check_shapes, shapes_files_make_one_graph)
{
  // The shapes split in two files: the same results as one
  char* const text = read_file(shapes_file());
  cr_assert_not_null(text);
  char* const cut = strstr(text, "# Closed, qualified");
  cr_assert_not_null(cut);
  char* const prefixes =
    format("%.*s", (int)(strstr(text, "ex:PersonShape") - text), text);
  *cut                = '\0';
  const char* const a = path_in(tmp_dir(), "a-shapes.ttl");
  const char* const b = path_in(tmp_dir(), "b-shapes.ttl");
  write_file(a, text);
  char* const second = format("%s#%s", prefixes, cut + 1);
  write_file(b, second);

  Run r = run("check", "-q", "--shapes", a, "--shapes", b, data_file(), NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s%s", r.out, r.err);
  cr_assert_eq(count_lines(r.out), N_PLANTED, "%s", r.out);
  run_free(&r);
  free(second);
  free(prefixes);
  free(text);
}

Test(check_shapes, controls_of_names_and_messages_are_escaped)
{
  // A label with a line break and a message that would turn a terminal red
  const char* const shapes = path_in(tmp_dir(), "escape-shapes.ttl");
  write_file(shapes,
             "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
             "@prefix ex: <http://example.org/ns#> .\n"
             "ex:S a sh:NodeShape ; sh:targetNode ex:a ;\n"
             "  sh:property [ sh:path ex:p ; sh:minCount 1 ;\n"
             "    rdfs:label \"two\\nlines\" ;\n"
             "    sh:message \"\\u001B[31mred\\u001B[0m {$this}\" ] .\n");
  const char* const data = path_in(tmp_dir(), "escape.ttl");
  write_file(data, "@prefix ex: <http://example.org/ns#> .\nex:a ex:q 1 .\n");

  Run r = run("check", "--shapes", shapes, data, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s%s", r.out, r.err);
  cr_assert_eq(count_lines(r.out), 1U, "%s", r.out);
  cr_assert_null(strchr(r.out, '\x1b'), "%s", r.out);
  cr_assert(
    strstr(r.out, ":2:1: error: two\\nlines: \\u001B[31mred\\u001B[0m ex:a "),
    "%s",
    r.out);
  run_free(&r);

  // JSON escapes them as JSON does
  r = run("check", "--format=json", "--shapes", shapes, data, NULL);
  cr_assert_null(strchr(r.out, '\x1b'), "%s", r.out);
  cr_assert(
    strstr(r.out,
           "\"shape_name\": \"two\\u000Alines\", \"messages\": [{\"text\": "
           "\"\\u001B[31mred\\u001B[0m ex:a\", \"lang\": \"\"}]"),
    "%s",
    r.out);
  run_free(&r);
}

Test(check_shapes, shacl_sparql_is_skipped_with_a_warning)
{
  const char* const shapes = path_in(tmp_dir(), "sparql-shapes.ttl");
  write_file(shapes,
             "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
             "@prefix ex: <http://example.org/ns#> .\n"
             "ex:S a sh:NodeShape ; sh:targetNode ex:a ;\n"
             "  sh:sparql [ sh:select \"SELECT $this WHERE { }\" ] ;\n"
             "  sh:property [ sh:path ex:q ; sh:minCount 1 ] .\n");
  const char* const data = path_in(tmp_dir(), "sparql.ttl");
  write_file(data, "@prefix ex: <http://example.org/ns#> .\nex:a ex:q 1 .\n");

  // The Core constraints are checked; the warning fails only with --werror
  Run r = run("check", "--shapes", shapes, data, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s%s", r.out, r.err);
  cr_assert_str_eq(r.out, "");
  char* const warning = format(
    "%s:4:3: warning: SHACL-SPARQL constraints are not checked\n", shapes);
  cr_assert(!strncmp(r.err, warning, strlen(warning)), "%s", r.err);
  free(warning);
  cr_assert(strstr(r.err, "kgraph: 0 errors, 1 warning\n"), "%s", r.err);
  run_free(&r);

  r = run("check", "--werror", "--shapes", shapes, data, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s%s", r.out, r.err);
  run_free(&r);

  r = run("check", "--format=json", "--shapes", shapes, data, NULL);
  cr_assert(strstr(r.out,
                   "\"conforms\": true,\n  \"errors\": 0,\n"
                   "  \"warnings\": 1,\n"),
            "%s",
            r.out);
  run_free(&r);
}
