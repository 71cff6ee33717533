// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "messages.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static KgStatus
read_text(KgGraph* const    g,
          const KgSyntax    syntax,
          const char* const text,
          const char* const base,
          Messages* const   m)
{
  memset(m, 0, sizeof(*m));
  const KgReadOptions opts = {syntax, base, 0U, {capture, m}};
  return kg_graph_read_string(g, kg_sv(text), "doc.ttl", &opts);
}

/// Read `text` as Turtle and expect status `st` and a message starting
/// `prefix`.
static void
expect_error(const char* const text,
             const KgStatus    st,
             const char* const prefix)
{
  KgGraph* const g = kg_graph_new();
  Messages       m;
  const KgStatus r =
    read_text(g, KG_SYNTAX_TURTLE, text, "http://example.org/", &m);
  cr_assert_eq(r,
               st,
               "status %d (%s), expected %d; messages:\n%s",
               r,
               kg_strerror(r),
               st,
               m.text);
  cr_assert_eq(m.n_errors, 1U, "messages:\n%s", m.text);
  cr_assert(!strncmp(m.text, prefix, strlen(prefix)),
            "message '%s' does not start with '%s'",
            m.text,
            prefix);
  kg_graph_free(g);
}

static char*
write_graph(const KgGraph* const g, const KgSyntax syntax)
{
  char*                buf  = NULL;
  size_t               len  = 0U;
  FILE* const          out  = open_memstream(&buf, &len);
  const KgWriteOptions opts = {syntax, {NULL, NULL}, 0U, NULL};
  cr_assert_eq(kg_graph_write(g, out, &opts), KG_SUCCESS);
  fclose(out);
  return buf;
}

Test(syntax, names_and_extensions)
{
  cr_assert_eq(kg_syntax_by_name("turtle"), KG_SYNTAX_TURTLE);
  cr_assert_eq(kg_syntax_by_name("TTL"), KG_SYNTAX_TURTLE);
  cr_assert_eq(kg_syntax_by_name("ntriples"), KG_SYNTAX_NTRIPLES);
  cr_assert_eq(kg_syntax_by_name("nt"), KG_SYNTAX_NTRIPLES);
  cr_assert_eq(kg_syntax_by_name("n-triples"), KG_SYNTAX_NTRIPLES);
  cr_assert_eq(kg_syntax_by_name("t"), KG_SYNTAX_NONE);
  cr_assert_eq(kg_syntax_by_name("turtles"), KG_SYNTAX_NONE);
  cr_assert_eq(kg_syntax_by_name(""), KG_SYNTAX_NONE);
  cr_assert_eq(kg_syntax_by_path("a/b.ttl"), KG_SYNTAX_TURTLE);
  cr_assert_eq(kg_syntax_by_path("B.NT"), KG_SYNTAX_NTRIPLES);
  cr_assert_eq(kg_syntax_by_path("a.b/c"), KG_SYNTAX_NONE);
  cr_assert_eq(kg_syntax_by_path("noext"), KG_SYNTAX_NONE);
  cr_assert_eq(kg_syntax_by_path("x."), KG_SYNTAX_NONE);
  cr_assert_str_eq(kg_syntax_name(KG_SYNTAX_TURTLE), "turtle");
  cr_assert_null(kg_syntax_name(KG_SYNTAX_NONE));
}

Test(syntax, file_iri)
{
  char* const iri = kg_file_iri("/tmp/a b/c#d%.ttl");
  cr_assert_str_eq(iri, "file:///tmp/a%20b/c%23d%25.ttl");
  kg_free(iri);

  char* const rel = kg_file_iri("x.ttl");
  cr_assert(!strncmp(rel, "file:///", 8U));
  cr_assert(strstr(rel, "/x.ttl"));
  kg_free(rel);
}

Test(syntax, reads_turtle_with_prefixes_and_base)
{
  KgGraph* const g = kg_graph_new();
  Messages       m;
  cr_assert_eq(read_text(g,
                         KG_SYNTAX_TURTLE,
                         "@prefix ex: <http://example.org/> .\n"
                         "@base <http://example.org/dir/> .\n"
                         "<a> ex:p <../b>, ex:c ; ex:q \"x\"@EN-us .\n",
                         NULL,
                         &m),
               KG_SUCCESS,
               "%s",
               m.text);
  cr_assert_eq(kg_graph_size(g), 3U);
  cr_assert_neq(kg_graph_find_iri(g, KG_SV("http://example.org/dir/a")),
                KG_NO_TERM);
  cr_assert_neq(kg_graph_find_iri(g, KG_SV("http://example.org/b")),
                KG_NO_TERM);
  cr_assert_eq(kg_graph_n_prefixes(g), 1U);
  kg_graph_free(g);
}

Test(syntax, triples_remember_their_lines)
{
  KgGraph* const g = kg_graph_new();
  Messages       m;
  cr_assert_eq(read_text(g,
                         KG_SYNTAX_TURTLE,
                         "@prefix ex: <http://example.org/> .\n"
                         "\n"
                         "ex:a ex:p ex:b ;\n"
                         "     ex:q \"\"\"multi\n"
                         "line\"\"\" ;\n"
                         "  ex:r [ ex:s 1 ] .\n",
                         NULL,
                         &m),
               KG_SUCCESS,
               "%s",
               m.text);
  cr_assert_eq(kg_graph_size(g), 4U);
  const unsigned lines[] = {3U, 5U, 6U, 6U};
  const unsigned cols[]  = {1U, 1U, 3U, 3U};
  for (size_t i = 0U; i < 4U; ++i) {
    const KgCaret c = kg_graph_caret(g, i);
    cr_assert_str_eq(c.document, "doc.ttl");
    cr_assert_eq(c.line, lines[i], "triple %zu: line %u", i, c.line);
    cr_assert_eq(c.column, cols[i], "triple %zu: column %u", i, c.column);
  }
  kg_graph_free(g);
}

Test(syntax, ntriples_lines_skip_comments_and_blank_lines)
{
  KgGraph* const g = kg_graph_new();
  Messages       m;
  cr_assert_eq(read_text(g,
                         KG_SYNTAX_NTRIPLES,
                         "# comment\n"
                         "<http://a/s> <http://a/p> \"1\" .\n"
                         "\n"
                         "   \t\n"
                         "  <http://a/s> <http://a/p> \"2\" . # end\r\n"
                         "<http://a/s> <http://a/p> \"3\" .",
                         NULL,
                         &m),
               KG_SUCCESS,
               "%s",
               m.text);
  cr_assert_eq(kg_graph_size(g), 3U);
  cr_assert_eq(kg_graph_caret(g, 0U).line, 2U);
  cr_assert_eq(kg_graph_caret(g, 1U).line, 5U);
  cr_assert_eq(kg_graph_caret(g, 1U).column, 3U);
  cr_assert_eq(kg_graph_caret(g, 2U).line, 6U);
  kg_graph_free(g);
}

Test(syntax, long_ntriples_input_keeps_lines)
{
  // More than one 64 KiB page, so that page boundaries are crossed
  KgGraph* const g   = kg_graph_new();
  char* const    doc = (char*)malloc(5000U * 64U);
  size_t         len = 0U;
  for (unsigned i = 0U; i < 5000U; ++i) {
    len += (size_t)sprintf(doc + len,
                           "%s<http://a/s%u> <http://a/p> \"%u\" .\n",
                           (i % 7U) ? "" : "# c\n",
                           i,
                           i);
  }

  Messages m;
  cr_assert_eq(read_text(g, KG_SYNTAX_NTRIPLES, doc, NULL, &m), KG_SUCCESS);
  cr_assert_eq(kg_graph_size(g), 5000U);
  unsigned line = 0U;
  for (unsigned i = 0U; i < 5000U; ++i) {
    line += (i % 7U) ? 1U : 2U;
    cr_assert_eq(kg_graph_caret(g, i).line, line, "triple %u", i);
  }
  free(doc);
  kg_graph_free(g);
}

Test(syntax, blank_nodes_of_two_documents_differ)
{
  KgGraph* const g   = kg_graph_new();
  const char*    doc = "_:b0 <http://a/p> \"x\" .\n";
  Messages       m;
  cr_assert_eq(read_text(g, KG_SYNTAX_NTRIPLES, doc, NULL, &m), KG_SUCCESS);
  cr_assert_eq(read_text(g, KG_SYNTAX_NTRIPLES, doc, NULL, &m), KG_SUCCESS);
  cr_assert_eq(kg_graph_size(g), 2U);
  cr_assert_eq(
    read_text(
      g, KG_SYNTAX_NTRIPLES, "<http://a/s> <http://a/p> \"x\" .", NULL, &m),
    KG_SUCCESS);
  cr_assert_eq(
    read_text(
      g, KG_SYNTAX_NTRIPLES, "<http://a/s> <http://a/p> \"x\" .", NULL, &m),
    KG_SUCCESS);
  cr_assert_eq(kg_graph_size(g), 3U);
  kg_graph_free(g);
}

Test(syntax, surrogate_escape_in_literal)
{
  // The message shows the surrogate as an escape, never as raw bytes
  expect_error(
    "<s> <p> \"a\\uD800b\" .\n",
    KG_BAD_TEXT,
    "doc.ttl:1:1: error: surrogate code point U+D800 in literal 'a\\uD800b'\n");
  expect_error("<s> <p>\n  \"\\U0000DFFF\" .\n",
               KG_BAD_TEXT,
               "doc.ttl:2:3: error: surrogate code point U+DFFF");
}

Test(syntax, surrogate_escape_in_iri)
{
  expect_error("<s> <p> <http://a/\\uDBFF> .\n",
               KG_BAD_TEXT,
               "doc.ttl:1:1: error: invalid UTF-8 in IRI");
}

Test(syntax, forbidden_iri_character_from_escape)
{
  expect_error("<s> <p> <http://a/x\\u0020y> .\n",
               KG_BAD_SYNTAX,
               "doc.ttl:1:27: error: invalid escaped IRI character U+0020");
  expect_error("<s> <p> <http://a/x\\u007Cy> .\n",
               KG_BAD_URI,
               "doc.ttl:1:1: error: character '|' is not allowed in IRI");
}

Test(syntax, malformed_language_tag)
{
  expect_error("@prefix : <http://a/> .\n:s :p \"x\"@abcdefghi .\n",
               KG_BAD_SYNTAX,
               "doc.ttl:2:1: error: malformed language tag 'abcdefghi'");
}

Test(syntax, undefined_prefix)
{
  expect_error("@prefix ex: <http://a/> .\nex:s\n  foaf:name \"x\" .\n",
               KG_BAD_URI,
               "doc.ttl:3:");
}

Test(syntax, invalid_utf8_in_input)
{
  expect_error("<s> <p> \"caf\xC3\x28\" .\n", KG_BAD_SYNTAX, "doc.ttl:1:");
}

Test(syntax, relative_iri_without_base)
{
  KgGraph* const g = kg_graph_new();
  Messages       m;
  cr_assert_eq(
    read_text(g, KG_SYNTAX_TURTLE, "<s> <http://a/p> <http://a/o> .", NULL, &m),
    KG_BAD_URI);
  cr_assert(
    strstr(m.text, "doc.ttl:1:1: error: relative IRI 's' and no base IRI"),
    "%s",
    m.text);
  kg_graph_free(g);
}

Test(syntax, relative_iri_in_ntriples)
{
  KgGraph* const g = kg_graph_new();
  Messages       m;
  cr_assert_eq(read_text(g,
                         KG_SYNTAX_NTRIPLES,
                         "<s> <http://a/p> <http://a/o> .",
                         "http://a/",
                         &m),
               KG_BAD_SYNTAX);
  cr_assert(
    strstr(m.text, "doc.ttl:1:3: error: missing IRI scheme"), "%s", m.text);
  kg_graph_free(g);
}

Test(syntax, syntax_error_has_a_caret)
{
  expect_error("<http://a/s> <http://a/p> .\n", KG_BAD_SYNTAX, "doc.ttl:1:");
}

Test(syntax, lax_skips_bad_statements)
{
  KgGraph* const      g    = kg_graph_new();
  Messages            m    = {{0}, 0U, 0U, 0U};
  const KgReadOptions opts = {
    KG_SYNTAX_NTRIPLES, NULL, KG_READ_LAX, {capture, &m}};
  const char* const doc = "<http://a/s> <http://a/p> \"\\uD800\" .\n"
                          "<http://a/s> <http://a/p> \"ok\" .\n";
  cr_assert_eq(kg_graph_read_string(g, kg_sv(doc), "doc.nt", &opts),
               KG_SUCCESS);
  cr_assert_eq(kg_graph_size(g), 1U);
  cr_assert_eq(m.n_errors, 0U);
  cr_assert_eq(m.n_warnings, 1U, "%s", m.text);
  kg_graph_free(g);
}

Test(syntax, output_does_not_depend_on_input_order)
{
  const char* const a =
    "<http://a/s> <http://a/p> _:x .\n"
    "_:x <http://a/q> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
    "<http://a/s> <http://a/p> \"z\"@en .\n"
    "<http://a/b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<http://a/C> .\n";
  const char* const b =
    "<http://a/b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<http://a/C> .\n"
    "<http://a/s> <http://a/p> \"z\"@en .\n"
    "_:x <http://a/q> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
    "<http://a/s> <http://a/p> _:x .\n";

  KgGraph* const ga = kg_graph_new();
  KgGraph* const gb = kg_graph_new();
  Messages       m;
  cr_assert_eq(read_text(ga, KG_SYNTAX_NTRIPLES, a, NULL, &m), KG_SUCCESS);
  cr_assert_eq(read_text(gb, KG_SYNTAX_NTRIPLES, b, NULL, &m), KG_SUCCESS);

  for (KgSyntax s = KG_SYNTAX_TURTLE; s <= KG_SYNTAX_NTRIPLES; ++s) {
    char* const xa = write_graph(ga, s);
    char* const xb = write_graph(gb, s);
    cr_assert_str_eq(xa, xb);
    free(xa);
    free(xb);
  }

  char* const nt = write_graph(ga, KG_SYNTAX_NTRIPLES);
  cr_assert_str_eq(
    nt,
    "<http://a/b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<http://a/C> .\n"
    "<http://a/s> <http://a/p> _:b0 .\n"
    "<http://a/s> <http://a/p> \"z\"@en .\n"
    "_:b0 <http://a/q> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n");
  free(nt);

  char* const ttl = write_graph(ga, KG_SYNTAX_TURTLE);
  cr_assert_str_eq(ttl,
                   "<http://a/b>\n"
                   "    a <http://a/C> .\n"
                   "\n"
                   "<http://a/s>\n"
                   "    <http://a/p> [\n"
                   "        <http://a/q> 1\n"
                   "    ], \"z\"@en .\n");
  free(ttl);

  kg_graph_free(ga);
  kg_graph_free(gb);
}

Test(syntax, ntriples_escapes)
{
  KgGraph* const g = kg_graph_new();
  Messages       m;
  cr_assert_eq(
    read_text(
      g,
      KG_SYNTAX_NTRIPLES,
      "<http://a/s> <http://a/p> \"q\\\" b\\\\ t\\t n\\n r\\r f\\f b\\b "
      "\\u0001 \\u007F \\u00E9 \\U0001F600\" .\n",
      NULL,
      &m),
    KG_SUCCESS);
  char* const nt = write_graph(g, KG_SYNTAX_NTRIPLES);
  cr_assert_str_eq(
    nt,
    "<http://a/s> <http://a/p> \"q\\\" b\\\\ t\\t n\\n r\\r f\\f b\\b "
    "\\u0001 \\u007F \xC3\xA9 \xF0\x9F\x98\x80\" .\n");
  free(nt);
  kg_graph_free(g);
}

/*
  N-Quads
*/

/// Read `text` as N-Quads from a document called "doc.nq".
static KgStatus
read_nquads(KgGraph* const g, const char* const text, Messages* const m)
{
  memset(m, 0, sizeof(*m));
  const KgReadOptions opts = {KG_SYNTAX_NQUADS, NULL, 0U, {capture, m}};
  return kg_graph_read_string(g, kg_sv(text), "doc.nq", &opts);
}

/// Write `g` in `syntax` and return the status, the text and the messages.
static KgStatus
try_write(const KgGraph* const g,
          const KgSyntax       syntax,
          char** const         text,
          Messages* const      m)
{
  memset(m, 0, sizeof(*m));
  size_t               len  = 0U;
  FILE* const          out  = open_memstream(text, &len);
  const KgWriteOptions opts = {syntax, {capture, m}, 0U, NULL};
  cr_assert_not_null(out);
  const KgStatus st = kg_graph_write(g, out, &opts);
  cr_assert_eq(fclose(out), 0);
  return st;
}

Test(syntax, nquads_names_and_extensions)
{
  cr_assert_eq(kg_syntax_by_name("nquads"), KG_SYNTAX_NQUADS);
  cr_assert_eq(kg_syntax_by_name("N-Quads"), KG_SYNTAX_NQUADS);
  cr_assert_eq(kg_syntax_by_name("nq"), KG_SYNTAX_NQUADS);
  cr_assert_eq(kg_syntax_by_path("a/b.nq"), KG_SYNTAX_NQUADS);
  cr_assert_eq(kg_syntax_by_path("B.NQ"), KG_SYNTAX_NQUADS);
  cr_assert_eq(kg_syntax_by_path("b.nqx"), KG_SYNTAX_NONE);
  cr_assert_str_eq(kg_syntax_name(KG_SYNTAX_NQUADS), "nquads");
  cr_assert(kg_syntax_can_read(KG_SYNTAX_NQUADS));
  cr_assert(kg_syntax_can_write(KG_SYNTAX_NQUADS));
}

/// Join the names of the syntaxes of the table that `writable` selects.
static void
join_names(const bool writable, char* const buf, const size_t size)
{
  buf[0] = '\0';
  for (size_t i = 0U; kg_syntax_at(i); ++i) {
    const KgSyntax syntax = kg_syntax_at(i);
    if (writable ? kg_syntax_can_write(syntax) : kg_syntax_can_read(syntax)) {
      const size_t len = strlen(buf);
      const int    n   = snprintf(
        buf + len, size - len, "%s%s", len ? ", " : "", kg_syntax_name(syntax));
      cr_assert(n > 0 && (size_t)n < size - len);
    }
  }
}

Test(syntax, list_is_the_table)
{
  for (int w = 0; w < 2; ++w) {
    char expected[256];
    char list[256];
    join_names(w, expected, sizeof(expected));
    const size_t len = kg_syntax_list(w, list, sizeof(list));
    cr_assert_str_eq(list, expected);
    cr_assert_eq(len, strlen(expected));
    cr_assert_eq(kg_syntax_list(w, NULL, 0U), len);
  }

  // Every syntax is in the table once, with a name, label and media type
  size_t n = 0U;
  for (; kg_syntax_at(n); ++n) {
    const KgSyntax syntax = kg_syntax_at(n);
    cr_assert_eq(kg_syntax_by_name(kg_syntax_name(syntax)), syntax);
    cr_assert_not_null(kg_syntax_label(syntax));
    cr_assert_not_null(kg_syntax_media_type(syntax));
    cr_assert_eq(kg_syntax_by_media_type(kg_syntax_media_type(syntax)), syntax);
    for (size_t j = 0U; j < n; ++j) {
      cr_assert_neq(kg_syntax_at(j), syntax);
    }
  }
  cr_assert_eq(n, 5U);
  cr_assert_eq(kg_syntax_at(n + 1000U), KG_SYNTAX_NONE);

  // Those read come first
  char all[256];
  char read[256];
  (void)kg_syntax_list(true, all, sizeof(all));
  (void)kg_syntax_list(false, read, sizeof(read));
  cr_assert(!strncmp(all, read, strlen(read)), "'%s', '%s'", all, read);
}

Test(syntax, list_is_cut_as_snprintf_cuts)
{
  char         full[256];
  const size_t len = kg_syntax_list(false, full, sizeof(full));
  cr_assert_str_eq(full, "ntriples, nquads, turtle, rdfxml");
  for (size_t size = 1U; size <= len + 1U; ++size) {
    char buf[256];
    memset(buf, 'x', sizeof(buf));
    cr_assert_eq(kg_syntax_list(false, buf, size), len);
    cr_assert_eq(strlen(buf), size - 1U);
    cr_assert(!strncmp(buf, full, size - 1U));
    cr_assert_eq(buf[size], 'x', "wrote past %zu bytes", size);
  }
}

Test(syntax, labels_and_media_types)
{
  cr_assert_str_eq(kg_syntax_label(KG_SYNTAX_NTRIPLES), "N-Triples");
  cr_assert_str_eq(kg_syntax_label(KG_SYNTAX_RDFXML), "RDF/XML");
  cr_assert_null(kg_syntax_label(KG_SYNTAX_NONE));
  cr_assert_str_eq(kg_syntax_media_type(KG_SYNTAX_NTRIPLES),
                   "application/n-triples");
  cr_assert_str_eq(kg_syntax_media_type(KG_SYNTAX_NQUADS),
                   "application/n-quads");
  cr_assert_str_eq(kg_syntax_media_type(KG_SYNTAX_TURTLE), "text/turtle");
  cr_assert_str_eq(kg_syntax_media_type(KG_SYNTAX_RDFXML),
                   "application/rdf+xml");
  cr_assert_str_eq(kg_syntax_media_type(KG_SYNTAX_DOT), "text/vnd.graphviz");
  cr_assert_null(kg_syntax_media_type(KG_SYNTAX_NONE));

  cr_assert_eq(kg_syntax_by_media_type("Text/Turtle; charset=utf-8"),
               KG_SYNTAX_TURTLE);
  cr_assert_eq(kg_syntax_by_media_type(" application/x-turtle "),
               KG_SYNTAX_TURTLE);
  cr_assert_eq(kg_syntax_by_media_type("application/rdf+xml;q=1"),
               KG_SYNTAX_RDFXML);
  cr_assert_eq(kg_syntax_by_media_type("text/turtles"), KG_SYNTAX_NONE);
  cr_assert_eq(kg_syntax_by_media_type("text/turt"), KG_SYNTAX_NONE);
  cr_assert_eq(kg_syntax_by_media_type(""), KG_SYNTAX_NONE);
  cr_assert_eq(kg_syntax_by_media_type(";"), KG_SYNTAX_NONE);
  cr_assert_eq(kg_syntax_by_media_type(NULL), KG_SYNTAX_NONE);
}

// The reader is chosen from the table: each syntax serd reads, read as
// itself (a Turtle-only form fails as N-Triples)
Test(syntax, serd_reads_each_syntax_as_the_table_says)
{
  static const char* const turtle = "@prefix a: <http://a/> . a:s a:p a:o .\n";
  KgGraph* const           g      = kg_graph_new();
  Messages                 m;
  cr_assert_eq(read_text(g, KG_SYNTAX_TURTLE, turtle, NULL, &m), KG_SUCCESS);
  cr_assert_eq(kg_graph_size(g), 1U);
  cr_assert_neq(read_text(g, KG_SYNTAX_NTRIPLES, turtle, NULL, &m), KG_SUCCESS);
  cr_assert_neq(read_text(g, KG_SYNTAX_NQUADS, turtle, NULL, &m), KG_SUCCESS);
  cr_assert_eq(
    read_text(g,
              KG_SYNTAX_NQUADS,
              "<http://a/s> <http://a/p> <http://a/o> <http://a/g> .\n",
              NULL,
              &m),
    KG_SUCCESS);
  cr_assert_neq(
    read_text(g,
              KG_SYNTAX_NTRIPLES,
              "<http://a/s> <http://a/p> <http://a/o> <http://a/g> .\n",
              NULL,
              &m),
    KG_SUCCESS);
  kg_graph_free(g);
}

Test(syntax, unknown_syntax_message_names_no_option)
{
  KgGraph* const g = kg_graph_new();
  Messages       m;
  memset(&m, 0, sizeof(m));
  const KgReadOptions opts = {KG_SYNTAX_NONE, "http://a/", 0U, {capture, &m}};
  cr_assert_eq(kg_graph_read_string(g, kg_sv("x"), "doc.what", &opts),
               KG_BAD_ARG);
  cr_assert(
    strstr(m.text, "cannot tell the syntax of 'doc.what'"), "%s", m.text);
  cr_assert_null(strstr(m.text, "--"), "%s", m.text);
  kg_graph_free(g);
}

Test(syntax, reads_nquads_graph_names)
{
  KgGraph* const g = kg_graph_new();
  Messages       m;
  cr_assert_eq(read_nquads(g,
                           "# a comment\n"
                           "<http://a/s> <http://a/p> \"1\" <http://a/g> .\n"
                           "<http://a/s> <http://a/p> \"1\" _:g .\n"
                           "<http://a/s> <http://a/p> \"1\" .\n"
                           "<http://a/s> <http://a/p> \"1\" <http://a/g> .\n"
                           "_:g <http://a/p> _:x _:g .\n",
                           &m),
               KG_SUCCESS,
               "%s",
               m.text);

  // The same triple in three graphs is three quads; the fourth line is the
  // first again
  cr_assert_eq(kg_graph_size(g), 4U);
  cr_assert(kg_graph_has_names(g));
  const KgTermId gi = kg_graph_find_iri(g, KG_SV("http://a/g"));
  cr_assert_neq(gi, KG_NO_TERM);
  cr_assert_eq(kg_graph_name(g, 0U), gi);
  const KgTermId gb = kg_graph_name(g, 1U);
  cr_assert(kg_term_is_blank(g, gb));
  cr_assert_eq(kg_graph_name(g, 2U), KG_NO_TERM);

  // _:g names a graph and is a subject in it: one node
  const KgTriple* const t = kg_graph_triples(g);
  cr_assert_eq(kg_graph_name(g, 3U), gb);
  cr_assert_eq(t[3].s, gb);
  cr_assert(kg_term_is_blank(g, t[3].o));
  cr_assert_neq(t[3].o, gb);

  const KgTermId s = kg_graph_find_iri(g, KG_SV("http://a/s"));
  cr_assert(kg_graph_contains(g, s, t[0].p, t[0].o));
  cr_assert(kg_graph_contains_quad(g, s, t[0].p, t[0].o, gi));
  cr_assert(kg_graph_contains_quad(g, s, t[0].p, t[0].o, gb));

  const unsigned lines[] = {2U, 3U, 4U, 6U};
  for (size_t i = 0U; i < 4U; ++i) {
    cr_assert_eq(kg_graph_caret(g, i).line, lines[i], "quad %zu", i);
  }
  kg_graph_free(g);
}

Test(syntax, nquads_default_graph_only_has_no_names)
{
  KgGraph* const g = kg_graph_new();
  Messages       m;
  cr_assert_eq(read_nquads(g, "<http://a/s> <http://a/p> <http://a/o> .\n", &m),
               KG_SUCCESS);
  cr_assert_eq(kg_graph_size(g), 1U);
  cr_assert_not(kg_graph_has_names(g));

  // So N-Triples can write it
  char*          nt = NULL;
  const KgStatus st = try_write(g, KG_SYNTAX_NTRIPLES, &nt, &m);
  cr_assert_eq(st, KG_SUCCESS, "%s", m.text);
  cr_assert_str_eq(nt, "<http://a/s> <http://a/p> <http://a/o> .\n");
  free(nt);
  kg_graph_free(g);
}

Test(syntax, nquads_blank_graph_names_are_scoped_to_their_document)
{
  KgGraph* const    g   = kg_graph_new();
  const char* const doc = "<http://a/s> <http://a/p> <http://a/o> _:g .\n";
  Messages          m;
  cr_assert_eq(read_nquads(g, doc, &m), KG_SUCCESS);
  cr_assert_eq(read_nquads(g, doc, &m), KG_SUCCESS);
  cr_assert_eq(kg_graph_size(g), 2U);
  cr_assert_neq(kg_graph_name(g, 0U), kg_graph_name(g, 1U));
  kg_graph_free(g);
}

Test(syntax, nquads_syntax_errors)
{
  static const char* const docs[] = {
    // A literal cannot name a graph
    "<http://a/s> <http://a/p> <http://a/o> \"g\" .\n",
    // Five terms
    "<http://a/s> <http://a/p> <http://a/o> <http://a/g> <http://a/h> .\n",
    // A blank node cannot be a predicate
    "<http://a/s> _:p <http://a/o> <http://a/g> .\n",
  };
  for (size_t i = 0U; i < sizeof(docs) / sizeof(docs[0]); ++i) {
    KgGraph* const g = kg_graph_new();
    Messages       m;
    const KgStatus st = read_nquads(g, docs[i], &m);
    cr_assert_gt(st, KG_FAILURE, "document %zu was read", i);
    cr_assert(!strncmp(m.text, "doc.nq:1:", 9U), "%s", m.text);
    cr_assert(strstr(m.text, ": error: "), "%s", m.text);
    kg_graph_free(g);
  }

  // N-Triples has no graph names
  KgGraph* const g = kg_graph_new();
  Messages       m;
  cr_assert_eq(read_text(g,
                         KG_SYNTAX_NTRIPLES,
                         "<http://a/s> <http://a/p> <http://a/o> <http://a/g> "
                         ".\n",
                         NULL,
                         &m),
               KG_BAD_SYNTAX);
  cr_assert(!strncmp(m.text, "doc.ttl:1:", 10U), "%s", m.text);
  cr_assert_not(kg_graph_has_names(g));
  kg_graph_free(g);
}

Test(syntax, nquads_are_written_sorted)
{
  const char* const a = "<http://a/s> <http://a/p> \"1\" _:g .\n"
                        "<http://a/s> <http://a/p> \"1\" <http://a/z> .\n"
                        "<http://a/s> <http://a/p> \"1\" <http://a/a> .\n"
                        "<http://a/s> <http://a/p> \"1\" .\n"
                        "_:g <http://a/p> \"2\"@en _:g .\n"
                        "<http://a/a> <http://a/p> \"1\" <http://a/z> .\n";
  const char* const b = "<http://a/a> <http://a/p> \"1\" <http://a/z> .\n"
                        "_:x <http://a/p> \"2\"@en _:x .\n"
                        "<http://a/s> <http://a/p> \"1\" .\n"
                        "<http://a/s> <http://a/p> \"1\" <http://a/a> .\n"
                        "<http://a/s> <http://a/p> \"1\" _:x .\n"
                        "<http://a/s> <http://a/p> \"1\" <http://a/z> .\n";

  KgGraph* const ga = kg_graph_new();
  KgGraph* const gb = kg_graph_new();
  Messages       m;
  cr_assert_eq(read_nquads(ga, a, &m), KG_SUCCESS, "%s", m.text);
  cr_assert_eq(read_nquads(gb, b, &m), KG_SUCCESS, "%s", m.text);

  char* xa = NULL;
  char* xb = NULL;
  cr_assert_eq(try_write(ga, KG_SYNTAX_NQUADS, &xa, &m), KG_SUCCESS);
  cr_assert_eq(try_write(gb, KG_SYNTAX_NQUADS, &xb, &m), KG_SUCCESS);
  cr_assert_str_eq(xa,
                   "<http://a/a> <http://a/p> \"1\" <http://a/z> .\n"
                   "<http://a/s> <http://a/p> \"1\" .\n"
                   "<http://a/s> <http://a/p> \"1\" <http://a/a> .\n"
                   "<http://a/s> <http://a/p> \"1\" <http://a/z> .\n"
                   "<http://a/s> <http://a/p> \"1\" _:b0 .\n"
                   "_:b0 <http://a/p> \"2\"@en _:b0 .\n");
  cr_assert_str_eq(xa, xb);

  // And again: the same bytes
  char* again = NULL;
  cr_assert_eq(try_write(ga, KG_SYNTAX_NQUADS, &again, &m), KG_SUCCESS);
  cr_assert_str_eq(again, xa);
  free(again);
  free(xb);
  free(xa);
  kg_graph_free(gb);
  kg_graph_free(ga);
}

Test(syntax, nquads_round_trip)
{
  const char* const doc =
    "_:c <http://a/p> _:d _:c .\n"
    "<http://a/s> <http://a/p> \"t\\u0009ab \\\"q\\\" \\\\ \xC3\xA9\" .\n"
    "<http://a/s> <http://a/p> \"t\\u0009ab \\\"q\\\" \\\\ \xC3\xA9\" "
    "<http://a/g> .\n"
    "<http://a/s> <http://a/p> "
    "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer> _:d .\n"
    "<http://a/s> <http://a/q> \"x\"@en-GB <http://a/g> .\n";

  KgGraph* const g = kg_graph_new();
  Messages       m;
  cr_assert_eq(read_nquads(g, doc, &m), KG_SUCCESS, "%s", m.text);
  cr_assert_eq(kg_graph_size(g), 5U);

  char* first = NULL;
  cr_assert_eq(try_write(g, KG_SYNTAX_NQUADS, &first, &m), KG_SUCCESS);

  KgGraph* const back = kg_graph_new();
  cr_assert_eq(read_nquads(back, first, &m), KG_SUCCESS, "%s", m.text);
  cr_assert_eq(kg_graph_size(back), 5U);
  cr_assert(kg_graph_has_names(back));

  char* second = NULL;
  cr_assert_eq(try_write(back, KG_SYNTAX_NQUADS, &second, &m), KG_SUCCESS);
  cr_assert_str_eq(second, first);
  cr_assert_str_eq(
    first,
    "<http://a/s> <http://a/p> "
    "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer> _:b1 .\n"
    "<http://a/s> <http://a/p> \"t\\tab \\\"q\\\" \\\\ \xC3\xA9\" .\n"
    "<http://a/s> <http://a/p> \"t\\tab \\\"q\\\" \\\\ \xC3\xA9\" "
    "<http://a/g> .\n"
    "<http://a/s> <http://a/q> \"x\"@en-gb <http://a/g> .\n"
    "_:b0 <http://a/p> _:b1 _:b0 .\n");
  free(second);
  free(first);
  kg_graph_free(back);
  kg_graph_free(g);
}

Test(syntax, writers_refuse_named_graphs)
{
  static const KgSyntax syntaxes[] = {
    KG_SYNTAX_NTRIPLES, KG_SYNTAX_TURTLE, KG_SYNTAX_RDFXML, KG_SYNTAX_DOT};

  KgGraph* const named = kg_graph_new();
  KgGraph* const plain = kg_graph_new();
  Messages       m;
  cr_assert_eq(
    read_nquads(named,
                "<http://a/s> <http://a/p> <http://a/o> .\n"
                "<http://a/s> <http://a/p> <http://a/o> <http://a/g> .\n",
                &m),
    KG_SUCCESS);
  cr_assert_eq(
    read_nquads(plain, "<http://a/s> <http://a/p> <http://a/o> .\n", &m),
    KG_SUCCESS);

  for (size_t i = 0U; i < sizeof(syntaxes) / sizeof(syntaxes[0]); ++i) {
    if (!kg_syntax_can_write(syntaxes[i])) {
      continue; // DOT without Graphviz
    }
    const char* const name = kg_syntax_name(syntaxes[i]);
    char*             text = NULL;
    cr_assert_eq(
      try_write(named, syntaxes[i], &text, &m), KG_BAD_DATA, "%s", name);
    char expected[200];
    snprintf(expected,
             sizeof(expected),
             "-:0:0: error: the input has named graphs, which %s cannot "
             "hold (write nquads)\n",
             name);
    cr_assert_str_eq(m.text, expected);
    cr_assert_str_eq(text, "", "%s wrote something", name);
    free(text);

    // The same triple in the default graph alone is fine
    cr_assert_eq(try_write(plain, syntaxes[i], &text, &m),
                 KG_SUCCESS,
                 "%s: %s",
                 name,
                 m.text);
    cr_assert_neq(text[0], '\0');
    free(text);
  }
  kg_graph_free(plain);
  kg_graph_free(named);
}
