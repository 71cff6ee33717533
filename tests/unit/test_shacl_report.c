// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The SHACL validation report, built from results made by hand: its
// triples, its Turtle read back, complex paths copied (rings too), blank
// nodes mapped once, and paths and terms as strings.

#include <kgraph/kgraph.h>
#include <kgraph/shacl.h>
#include <kgraph/shacl_report.h>

#include "../support/parse.h"

#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EX "http://example.org/"
#define SH KG_SH_NS

static KgTermId
iri(KgGraph* const g, const char* const text)
{
  const KgTermId id = kg_graph_iri(g, kg_sv(text));
  cr_assert(id);
  return id;
}

/// Return the single object of (s, p) in `g`, asserting there is one.
static KgTermId
only_object(const KgGraph* const g, const KgTermId s, const char* const p)
{
  const KgTermId  pid   = kg_graph_find_iri(g, kg_sv(p));
  KgTermId        found = KG_NO_TERM;
  size_t          n     = 0U;
  const KgTriple* t     = kg_graph_triples(g);
  for (size_t i = 0U; i < kg_graph_size(g); ++i) {
    if (t[i].s == s && t[i].p == pid) {
      found = t[i].o;
      ++n;
    }
  }
  cr_assert_eq(n, 1U, "%zu objects of %s", n, p);
  return found;
}

/// Return the subjects of (?, p, o) in `g`: up to `max` in `out`.
static size_t
subjects(const KgGraph* const g,
         const char* const    p,
         const KgTermId       o,
         KgTermId* const      out,
         const size_t         max)
{
  const KgTermId  pid = kg_graph_find_iri(g, kg_sv(p));
  size_t          n   = 0U;
  const KgTriple* t   = kg_graph_triples(g);
  for (size_t i = 0U; i < kg_graph_size(g); ++i) {
    if (t[i].p == pid && (!o || t[i].o == o)) {
      if (n < max) {
        out[n] = t[i].s;
      }
      ++n;
    }
  }
  return n;
}

static const char* const shapes_text =
  "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
  "@prefix ex: <http://example.org/> .\n"
  "ex:S a sh:NodeShape ; sh:property _:ps .\n"
  "_:ps sh:path ( ex:a [ sh:inversePath ex:b ] [ sh:alternativePath ( ex:c "
  "[ sh:zeroOrMorePath ex:d ] ) ] [ sh:oneOrMorePath ( ex:e ex:f ) ] "
  "[ sh:zeroOrOnePath ex:g ] ) .\n";

static const char* const data_text =
  "@prefix ex: <http://example.org/> .\n"
  "ex:x ex:a _:v .\n"
  "_:v ex:p \"a \\\"quoted\\\"\\n text\"@en-GB .\n"
  "ex:y ex:q \"3\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n";

/// A result of `shapes` on `data`, with one message.
static KgShResult
result(KgGraph* const           shapes,
       KgGraph* const           data,
       const KgShMessage* const messages,
       const size_t             n_messages)
{
  KgShResult r;
  memset(&r, 0, sizeof(r));
  r.component  = KG_SH_MIN_COUNT;
  r.level      = KG_LOG_ERROR;
  r.severity   = iri(shapes, SH "Violation");
  r.focus      = iri(data, EX "x");
  r.shape      = iri(shapes, EX "S");
  r.where      = KG_SH_AT_FOCUS;
  r.triple     = 0U;
  r.caret      = kg_graph_caret(data, 0U);
  r.shape_name = KG_SV("ex:S");
  r.messages   = messages;
  r.n_messages = n_messages;
  return r;
}

Test(shacl_report, free_null_does_nothing)
{
  kg_sh_report_free(NULL);
}

Test(shacl_report, empty_report_conforms)
{
  KgGraph* const    shapes = parse(shapes_text);
  KgGraph* const    data   = parse(data_text);
  KgShReport* const report = kg_sh_report_new(shapes, data);
  cr_assert_not_null(report);
  cr_assert_eq(kg_sh_report_size(report), 0U);

  const KgGraph* const g = kg_sh_report_graph(report);
  cr_assert_eq(kg_graph_size(g), 2U);
  KgTermId       node = KG_NO_TERM;
  const KgTermId type = kg_graph_find_iri(g, KG_SV(SH "ValidationReport"));
  cr_assert_eq(subjects(g, KG_RDF_TYPE, type, &node, 1U), 1U);
  const KgTermId conforms = only_object(g, node, SH "conforms");
  cr_assert_str_eq(kg_term_text(g, conforms).data, "true");

  kg_sh_report_free(report);
  kg_graph_free(data);
  kg_graph_free(shapes);
}

Test(shacl_report, results_with_terms_paths_and_messages)
{
  KgGraph* const    shapes = parse(shapes_text);
  KgGraph* const    data   = parse(data_text);
  KgShReport* const report = kg_sh_report_new(shapes, data);
  cr_assert_not_null(report);

  // The path of _:ps, and the blank value _:v with its literal
  const KgTermId ps =
    kg_graph_object(shapes, iri(shapes, EX "S"), iri(shapes, SH "property"));
  const KgTermId path = kg_graph_object(shapes, ps, iri(shapes, SH "path"));
  cr_assert(kg_term_is_blank(shapes, path));
  const KgTermId v =
    kg_graph_object(data, iri(data, EX "x"), iri(data, EX "a"));
  cr_assert(kg_term_is_blank(data, v));

  const KgShMessage two[] = {{KG_SV("missing"), KG_SV("en")},
                             {KG_SV("manquant"), KG_SV("fr")}};
  KgShResult        r     = result(shapes, data, two, 2U);
  r.path                  = path;
  r.value                 = v;
  cr_assert_eq(kg_sh_report_add(report, &r), KG_SUCCESS);

  // A second result on the blank node, with the same path: one node each
  const KgShMessage one[] = {{KG_SV("again"), KG_SV("")}};
  KgShResult        r2    = result(shapes, data, one, 1U);
  r2.component            = KG_SH_DATATYPE;
  r2.focus                = v;
  r2.path                 = path;
  r2.value = kg_graph_object(data, iri(data, EX "y"), iri(data, EX "q"));
  cr_assert_eq(kg_sh_report_add(report, &r2), KG_SUCCESS);
  cr_assert_eq(kg_sh_report_size(report), 2U);

  // Written, read back: the graph is the same, and says what it should
  char*       text = NULL;
  size_t      len  = 0U;
  FILE* const f    = open_memstream(&text, &len);
  cr_assert_not_null(f);
  const KgLog log = {NULL, NULL};
  cr_assert_eq(kg_sh_report_write(report, f, log), KG_SUCCESS);
  cr_assert_eq(fclose(f), 0);
  cr_assert(
    strstr(text, "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"), "%s", text);
  KgGraph* const back = parse(text);
  KgStatus       st   = KG_SUCCESS;
  cr_assert(
    kg_graph_is_isomorphic(back, kg_sh_report_graph(report), &st), "%s", text);

  KgTermId       node = KG_NO_TERM;
  const KgTermId type = kg_graph_find_iri(back, KG_SV(SH "ValidationReport"));
  cr_assert_eq(subjects(back, KG_RDF_TYPE, type, &node, 1U), 1U);
  cr_assert_str_eq(
    kg_term_text(back, only_object(back, node, SH "conforms")).data, "false");

  KgTermId results[2] = {KG_NO_TERM, KG_NO_TERM};
  KgTermId first      = KG_NO_TERM;
  KgTermId second     = KG_NO_TERM;
  {
    // The result nodes are the objects of sh:result
    const KgTermId  p = kg_graph_find_iri(back, KG_SV(SH "result"));
    const KgTriple* t = kg_graph_triples(back);
    size_t          n = 0U;
    for (size_t i = 0U; i < kg_graph_size(back); ++i) {
      if (t[i].p == p) {
        results[n++] = t[i].o;
      }
    }
    cr_assert_eq(n, 2U);
  }
  const KgTermId component0 =
    only_object(back, results[0], SH "sourceConstraintComponent");
  if (!strcmp(kg_term_text(back, component0).data,
              SH "MinCountConstraintComponent")) {
    first  = results[0];
    second = results[1];
  } else {
    first  = results[1];
    second = results[0];
  }
  cr_assert_str_eq(
    kg_term_text(back,
                 only_object(back, second, SH "sourceConstraintComponent"))
      .data,
    SH "DatatypeConstraintComponent");

  // Focus, severity, shape, messages with their languages
  cr_assert_str_eq(
    kg_term_text(back, only_object(back, first, SH "focusNode")).data, EX "x");
  cr_assert_str_eq(
    kg_term_text(back, only_object(back, first, SH "resultSeverity")).data,
    SH "Violation");
  cr_assert_str_eq(
    kg_term_text(back, only_object(back, first, SH "sourceShape")).data,
    EX "S");
  KgTermId       messages[2] = {KG_NO_TERM, KG_NO_TERM};
  const KgTermId msg_p = kg_graph_find_iri(back, KG_SV(SH "resultMessage"));
  size_t         n_msg = 0U;
  for (size_t i = 0U; i < kg_graph_size(back); ++i) {
    const KgTriple* const t = &kg_graph_triples(back)[i];
    if (t->s == first && t->p == msg_p) {
      cr_assert_lt(n_msg, 2U);
      messages[n_msg++] = t->o;
    }
  }
  cr_assert_eq(n_msg, 2U);
  for (unsigned i = 0U; i < 2U; ++i) {
    const char* const text_i = kg_term_text(back, messages[i]).data;
    const char* const lang_i = kg_term_lang(back, messages[i]).data;
    cr_assert((!strcmp(text_i, "missing") && !strcmp(lang_i, "en")) ||
                (!strcmp(text_i, "manquant") && !strcmp(lang_i, "fr")),
              "%s@%s",
              text_i,
              lang_i);
  }

  // The blank value of the first result is the focus of the second
  const KgTermId value = only_object(back, first, SH "value");
  cr_assert(kg_term_is_blank(back, value));
  cr_assert_eq(only_object(back, second, SH "focusNode"), value);
  // ... and only a node: the data's triples about it are not copied
  cr_assert_eq(
    kg_graph_object(back, value, kg_graph_find_iri(back, KG_SV(EX "p"))),
    KG_NO_TERM);
  char* const lit =
    kg_sh_term_to_string(back, only_object(back, second, SH "value"));
  cr_assert_str_eq(lit, "\"3\"^^<http://www.w3.org/2001/XMLSchema#integer>");
  kg_free(lit);

  // One copy of the path, shared, with its structure
  const KgTermId path_copy = only_object(back, first, SH "resultPath");
  cr_assert_eq(only_object(back, second, SH "resultPath"), path_copy);
  char* const expected = kg_sh_path_to_string(shapes, path);
  char* const got      = kg_sh_path_to_string(back, path_copy);
  cr_assert_str_eq(got, expected);
  cr_assert_str_eq(got,
                   "<" EX "a>/^<" EX "b>/(<" EX "c>|<" EX "d>*)/(<" EX "e>/<" EX
                   "f>)+/<" EX "g>?");
  kg_free(got);
  kg_free(expected);

  kg_graph_free(back);
  free(text);
  kg_sh_report_free(report);
  kg_graph_free(data);
  kg_graph_free(shapes);
}

Test(shacl_report, blank_shape_and_ring_path_copied_once)
{
  // A path whose list runs in a ring: copied, and the copy stops
  KgGraph* const shapes =
    parse("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
          "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
          "@prefix ex: <http://example.org/> .\n"
          "_:s a sh:PropertyShape ; sh:path _:l .\n"
          "_:l rdf:first ex:a ; rdf:rest _:m .\n"
          "_:m rdf:first ex:b ; rdf:rest _:l .\n");
  KgGraph* const    data   = parse(data_text);
  KgShReport* const report = kg_sh_report_new(shapes, data);
  cr_assert_not_null(report);

  const KgTermId  path_p = kg_graph_find_iri(shapes, KG_SV(SH "path"));
  const KgTriple* t      = kg_graph_triples(shapes);
  KgTermId        shape  = KG_NO_TERM;
  KgTermId        path   = KG_NO_TERM;
  for (size_t i = 0U; i < kg_graph_size(shapes); ++i) {
    if (t[i].p == path_p) {
      shape = t[i].s;
      path  = t[i].o;
    }
  }

  const KgShMessage one[] = {{KG_SV("m"), KG_SV("")}};
  KgShResult        r     = result(shapes, data, one, 1U);
  r.shape                 = shape;
  r.path                  = path;
  cr_assert_eq(kg_sh_report_add(report, &r), KG_SUCCESS);
  cr_assert_eq(kg_sh_report_add(report, &r), KG_SUCCESS);

  // Type, conforms, 2 x (link, type, focus, path, severity, component,
  // shape, message), and the 4 triples of the ring
  const KgGraph* const g = kg_sh_report_graph(report);
  cr_assert_eq(kg_graph_size(g), 2U + 2U * 8U + 4U);

  char* const s = kg_sh_path_to_string(
    g, only_object(g, kg_graph_triples(g)[2].o, SH "resultPath"));
  cr_assert_not_null(s);
  cr_assert(strstr(s, "?"), "%s", s);
  kg_free(s);

  // The blank shape is a blank node of the report
  const KgTermId src = kg_graph_find_iri(g, KG_SV(SH "sourceShape"));
  for (size_t i = 0U; i < kg_graph_size(g); ++i) {
    if (kg_graph_triples(g)[i].p == src) {
      cr_assert(kg_term_is_blank(g, kg_graph_triples(g)[i].o));
    }
  }

  kg_sh_report_free(report);
  kg_graph_free(data);
  kg_graph_free(shapes);
}

Test(shacl_report, terms_not_of_their_graph_are_refused)
{
  KgGraph* const    shapes = parse(shapes_text);
  KgGraph* const    data   = parse(data_text);
  KgShReport* const report = kg_sh_report_new(shapes, data);
  const KgShMessage one[]  = {{KG_SV("m"), KG_SV("")}};
  KgShResult        r      = result(shapes, data, one, 1U);
  r.focus                  = (KgTermId)(kg_graph_n_terms(data) + 10U);
  cr_assert_eq(kg_sh_report_add(report, &r), KG_BAD_ARG);
  cr_assert_eq(kg_sh_report_size(report), 0U);
  kg_sh_report_free(report);
  kg_graph_free(data);
  kg_graph_free(shapes);
}

Test(shacl_report, paths_as_strings)
{
  KgGraph* const g = parse(
    "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
    "@prefix ex: <http://example.org/> .\n"
    "ex:s1 sh:path [ sh:inversePath ( ex:a ex:b ) ] .\n"
    "ex:s2 sh:path [ sh:alternativePath ( ex:a [ sh:inversePath ex:b ] ) ] .\n"
    "ex:s3 sh:path [ sh:oneOrMorePath [ sh:inversePath ex:a ] ] .\n"
    "ex:s4 sh:path [ ex:nonsense ex:a ] .\n"
    "ex:s5 sh:path ( ex:a ) .\n"
    "ex:s6 sh:path \"a literal\" .\n"
    "ex:s7 sh:path [ sh:inversePath ex:a ; sh:zeroOrMorePath ex:b ] .\n"
    "ex:s8 sh:path [ sh:inversePath ex:a , ex:b ] .\n"
    "ex:s9 sh:path [ sh:zeroOrOnePath\n"
    "    [ sh:inversePath ex:a ; sh:alternativePath ( ex:b ex:c ) ] ] .\n");
  // A blank node with several path predicates is no path, as the shapes
  // parser says
  static const char* const expected[] = {
    "^(<" EX "a>/<" EX "b>)",
    "<" EX "a>|^<" EX "b>",
    "(^<" EX "a>)+",
    "?",
    "<" EX "a>",
    "?",
    "?",
    "?",
    "(?)?",
  };
  const KgTermId p = kg_graph_find_iri(g, KG_SV(SH "path"));
  for (unsigned i = 0U; i < sizeof(expected) / sizeof(*expected); ++i) {
    char name[64];
    snprintf(name, sizeof(name), EX "s%u", i + 1U);
    const KgTermId s    = kg_graph_find_iri(g, kg_sv(name));
    char* const    text = kg_sh_path_to_string(g, kg_graph_object(g, s, p));
    cr_assert_str_eq(text, expected[i], "path %u", i + 1U);
    kg_free(text);
  }
  kg_graph_free(g);
}

Test(shacl_report, deep_paths_stop_at_the_bound)
{
  // 200 nested inverse paths: written to the bound, then "..."
  KgGraph* const g      = kg_graph_new();
  const KgTermId inv    = iri(g, SH "inversePath");
  const KgTermId leaf   = iri(g, EX "p");
  KgTermId       parent = kg_graph_fresh_blank(g);
  const KgTermId top    = parent;
  for (unsigned i = 0U; i < 200U; ++i) {
    const KgTermId child = i == 199U ? leaf : kg_graph_fresh_blank(g);
    cr_assert_eq(kg_graph_add(g, parent, inv, child), KG_SUCCESS);
    parent = child;
  }
  char* const text = kg_sh_path_to_string(g, top);
  cr_assert_not_null(text);
  size_t n_carets = 0U;
  for (const char* c = text; *c; ++c) {
    n_carets += *c == '^';
  }
  cr_assert_eq(n_carets, KG_SH_PATH_MAX_NEST);
  cr_assert(strstr(text, "..."), "%s", text);
  kg_free(text);
  kg_graph_free(g);
}

Test(shacl_report, terms_as_ntriples)
{
  KgGraph* const g = parse(data_text);
  const KgTermId v = kg_graph_object(g, iri(g, EX "x"), iri(g, EX "a"));
  const KgTermId l = kg_graph_object(g, v, iri(g, EX "p"));
  char* const    s = kg_sh_term_to_string(g, l);
  cr_assert_str_eq(s, "\"a \\\"quoted\\\"\\n text\"@en-gb");
  kg_free(s);
  char* const b = kg_sh_term_to_string(g, v);
  cr_assert(!strncmp(b, "_:", 2U), "%s", b);
  kg_free(b);
  cr_assert_null(kg_sh_term_to_string(g, KG_NO_TERM));
  kg_graph_free(g);
}

Test(shacl_report, terms_with_their_own_labels_and_escapes)
{
  KgGraph* const g = kg_graph_new();
  cr_assert_not_null(g);
  const KgTermId b = kg_graph_blank(g, KG_SV("n1"), kg_graph_new_scope(g));
  const KgTermId l =
    kg_graph_literal(g, KG_SV("a\tb\x01"), iri(g, EX "d"), KG_SV(""));
  cr_assert(b && l);

  char* const bs = kg_sh_term_to_string(g, b);
  cr_assert_str_eq(bs, "_:n1");
  kg_free(bs);
  char* const ls = kg_sh_term_to_string(g, l);
  cr_assert_str_eq(ls, "\"a\\tb\\u0001\"^^<" EX "d>");
  kg_free(ls);
  kg_graph_free(g);
}

Test(shacl_report, paths_copied_by_their_form_alone)
{
  // A node that is both a list and an inverse path is a sequence path; a
  // comment on a path node is no part of the path
  KgGraph* const shapes = parse(
    "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "@prefix ex: <http://example.org/> .\n"
    "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
    "ex:S sh:path [ rdfs:comment \"strange\" ; rdf:first ex:p ;\n"
    "    rdf:rest ( [ sh:inversePath ex:q ; rdfs:comment \"inverse\" ] ) ;\n"
    "    sh:inversePath ex:p ] .\n");
  KgGraph* const    data   = parse(data_text);
  KgShReport* const report = kg_sh_report_new(shapes, data);
  cr_assert_not_null(report);

  const KgTermId path =
    kg_graph_object(shapes, iri(shapes, EX "S"), iri(shapes, SH "path"));
  const KgShMessage one[] = {{KG_SV("m"), KG_SV("")}};
  KgShResult        r     = result(shapes, data, one, 1U);
  r.path                  = path;
  cr_assert_eq(kg_sh_report_add(report, &r), KG_SUCCESS);

  // Type, conforms, link, type, focus, path, severity, component, shape,
  // message; the path: 2 list nodes (first, rest each) and the inverse
  const KgGraph* const g = kg_sh_report_graph(report);
  cr_assert_eq(kg_graph_size(g), 2U + 8U + 5U);
  cr_assert_eq(kg_graph_find_iri(g, KG_SV(KG_RDFS_NS "comment")), KG_NO_TERM);
  const KgTermId copy =
    only_object(g, kg_graph_triples(g)[2].o, SH "resultPath");
  char* const text = kg_sh_path_to_string(g, copy);
  cr_assert_str_eq(text, "<" EX "p>/^<" EX "q>");
  kg_free(text);

  kg_sh_report_free(report);
  kg_graph_free(data);
  kg_graph_free(shapes);
}
