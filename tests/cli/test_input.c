// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Odd input: a document that is only a byte order mark, standard input
// named twice, and --lax, which skips a bad line (N-Triples, N-Quads) or a
// bad statement (Turtle) whole and keeps everything else.

#include "cli.h"
#include "support.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Run `kgraph canon [--lax] --from FROM PATH`.
static Run
canon(const char* const path, const char* const from, const bool lax)
{
  return lax ? run("canon", "--lax", "--from", from, path, NULL)
             : run("canon", "--from", from, path, NULL);
}

Test(input, a_byte_order_mark_alone_is_an_empty_graph)
{
  static const char* const texts[] = {
    "\xEF\xBB\xBF",
    "\xEF\xBB\xBF\n",
    "\xEF\xBB\xBF# nothing\n  \n",
  };
  static const char* const syntaxes[][2] = {
    {"turtle", "bom.ttl"}, {"ntriples", "bom.nt"}, {"nquads", "bom.nq"}};

  for (size_t s = 0U; s < 3U; ++s) {
    const char* const path = path_in(tmp_dir(), syntaxes[s][1]);
    for (size_t t = 0U; t < 3U; ++t) {
      write_file(path, texts[t]);
      for (int lax = 0; lax < 2; ++lax) {
        Run r = canon(path, syntaxes[s][0], lax);
        cr_assert_eq(r.status,
                     KG_EXIT_SUCCESS,
                     "%s, text %zu: exit %d\n%s",
                     syntaxes[s][0],
                     t,
                     r.status,
                     r.err);
        cr_assert_str_eq(r.out, "");
        cr_assert_str_eq(r.err, "");
        run_free(&r);
      }
    }
  }
}

Test(input, a_byte_order_mark_counts_in_the_columns)
{
  // The same error three bytes further on, after a BOM
  static const char* const texts[] = {"", "\xEF\xBB\xBF"};
  static const unsigned    cols[]  = {39U, 42U};
  const char* const        path    = path_in(tmp_dir(), "bom.ttl");
  for (unsigned i = 0U; i < 2U; ++i) {
    char* const text = format("%s<http://a/s> <http://a/p> <http://a/o b> .\n"
                              "<http://a/s> <http://a/p> <http://a/o> .\n",
                              texts[i]);
    write_file(path, text);
    Run         r    = canon(path, "turtle", true);
    char* const want = format(
      "%s:1:%u: warning: invalid IRI character (escape %%20)\n", path, cols[i]);
    cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
    cr_assert_str_eq(r.out, "<http://a/s> <http://a/p> <http://a/o> .\n");
    cr_assert_str_eq(r.err, want);
    free(want);
    free(text);
    run_free(&r);
  }
}

Test(input, an_empty_rdfxml_file_is_a_located_error)
{
  const char* const path = path_in(tmp_dir(), "empty.rdf");
  write_file(path, "");
  Run         r = run("canon", path, NULL);
  char* const want =
    format("%s:1:1: error: the document has no root element\n", path);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert_str_eq(r.out, "");
  cr_assert_str_eq(r.err, want);
  free(want);
  run_free(&r);
}

Test(input, standard_input_is_named_at_most_once)
{
  const char* const nt = path_in(tmp_dir(), "g.nt");
  write_file(nt, "<http://a/s> <http://a/p> <http://a/o> .\n");

  static const char* const want =
    "kgraph: '-' is named 2 times, but standard input can be read only "
    "once\n";
  Run runs[] = {
    run("diff", "--from", "turtle", "-", "-", NULL),
    run("export", "--from", "turtle", "-", nt, "-", NULL),
    run("canon", "--from", "turtle", "-", "-", NULL),
    run("stats", "--from", "turtle", "-", "-", NULL),
    run("check", "--from", "turtle", "--ontology", "-", "-", NULL),
    run("export", "--to", "dot", "--style", "-", "--from", "turtle", "-", NULL),
    run("diff",
        "--ontology",
        "-",
        "--format",
        "dot",
        "--from",
        "turtle",
        "-",
        nt,
        NULL),
  };
  // Without Graphviz, export --to dot stops at its option (diff first
  // checks its operands)
  static const char* const no_pictures =
    "kgraph: error: pictures are not built in: this kgraph was built "
    "without Graphviz (cgraph and gvc)\n";
  for (size_t i = 0U; i < sizeof(runs) / sizeof(runs[0]); ++i) {
    const char* const w = i == 5U && !kg_dot_available() ? no_pictures : want;
    cr_assert_eq(runs[i].status, KG_EXIT_USAGE, "%zu: %s", i, runs[i].err);
    cr_assert_str_eq(runs[i].out, "");
    cr_assert(!strncmp(runs[i].err, w, strlen(w)), "%s", runs[i].err);
    run_free(&runs[i]);
  }

  // Once is fine: the arguments pass, and the read asks for --from
  Run r = run("diff", "-", nt, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert_str_eq(r.err,
                   "kgraph: error: reading standard input needs --from\n");
  run_free(&r);
}

Test(input, lax_ntriples_skips_a_line_missing_its_dot)
{
  const char* const path = path_in(tmp_dir(), "dot.nt");
  write_file(path,
             "<http://a/s> <http://a/p> <http://a/b> .\n"
             "<http://a/s> <http://a/p> <http://a/c>\n"
             "<http://a/s> <http://a/p> <http://a/d> .\n");

  Run         r = canon(path, "ntriples", true);
  char* const want =
    format("%s:2:39: warning: expected '.' at the end of the triple\n", path);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "<http://a/s> <http://a/p> <http://a/b> .\n"
                   "<http://a/s> <http://a/p> <http://a/d> .\n");
  cr_assert_str_eq(r.err, want);
  free(want);
  run_free(&r);

  // Without --lax, the same words, and nothing about ';'
  r = canon(path, "ntriples", false);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert_str_eq(r.out, "");
  cr_assert(strstr(r.err, "error: expected '.' at the end of the triple\n"),
            "%s",
            r.err);
  cr_assert_null(strchr(r.err, ';'), "%s", r.err);
  run_free(&r);
}

Test(input, lax_ntriples_and_nquads_keep_every_good_line)
{
  static const char* const text =
    "<http://a/s> <http://a/p> <http://a/1> .\n"
    "<http://a/s> <http://a/p> \"open\n"
    "<http://a/s> <http://a/p> <http://a/2> .\n"
    "<http://a/s> <http://a/p> <http://a/3> <http://a/g> .\n"
    "  <http://a/s> <http://a/p> <http://a/4> . # a comment\n"
    "<http://a/s> <http://a/p> .\n"
    "<http://a/s> <http://a/p>\n"
    "<http://a/s> <http://a/p> \"\\uD800\" .\n"
    "<http://a/s> <http://a/p> <http://a/5> . <http://a/s> <http://a/p> "
    "<http://a/6> .\n"
    "<http://a/s> <http://a/p> <http://a/7> .\n"
    "<http://a/s>\n"
    "<http://a/s> <http://a/p> \"x\"@\n"
    "<http://a/s> <http://a/p> <http://a/8> .";

  const char* const nt = path_in(tmp_dir(), "lines.nt");
  write_file(nt, text);
  Run   r = canon(nt, "ntriples", true);
  char* want =
    format("%s:2:32: warning: line end in short string\n"
           "%s:4:40: warning: expected '.' at the end of the triple\n"
           "%s:6:27: warning: expected an IRI, a blank node or a literal\n"
           "%s:7:26: warning: expected an IRI, a blank node or a literal\n"
           "%s:8:1: warning: surrogate code point U+D800 in literal '\\uD800'\n"
           "%s:11:13: warning: expected a predicate IRI '<...>'\n"
           "%s:12:31: warning: unexpected end of line\n",
           nt,
           nt,
           nt,
           nt,
           nt,
           nt,
           nt);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "<http://a/s> <http://a/p> <http://a/1> .\n"
                   "<http://a/s> <http://a/p> <http://a/2> .\n"
                   "<http://a/s> <http://a/p> <http://a/4> .\n"
                   "<http://a/s> <http://a/p> <http://a/5> .\n"
                   "<http://a/s> <http://a/p> <http://a/6> .\n"
                   "<http://a/s> <http://a/p> <http://a/7> .\n"
                   "<http://a/s> <http://a/p> <http://a/8> .\n");
  cr_assert_str_eq(r.err, want);
  free(want);
  run_free(&r);

  // In N-Quads, line 4 is a good quad
  const char* const nq = path_in(tmp_dir(), "lines.nq");
  write_file(nq, text);
  r    = run("export", "--lax", "--to", "nquads", nq, NULL);
  want = format("%s:2:32: warning: line end in short string\n"
                "%s:6:27: warning: expected an IRI, a blank node or a literal\n"
                "%s:7:26: warning: expected an IRI, a blank node or a literal\n"
                "%s:8:1: warning: surrogate code point U+D800 in literal "
                "'\\uD800'\n"
                "%s:11:13: warning: expected `<', not the end of the line\n"
                "%s:12:31: warning: unexpected end of line\n",
                nq,
                nq,
                nq,
                nq,
                nq,
                nq);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "<http://a/s> <http://a/p> <http://a/1> .\n"
                   "<http://a/s> <http://a/p> <http://a/2> .\n"
                   "<http://a/s> <http://a/p> <http://a/3> <http://a/g> .\n"
                   "<http://a/s> <http://a/p> <http://a/4> .\n"
                   "<http://a/s> <http://a/p> <http://a/5> .\n"
                   "<http://a/s> <http://a/p> <http://a/6> .\n"
                   "<http://a/s> <http://a/p> <http://a/7> .\n"
                   "<http://a/s> <http://a/p> <http://a/8> .\n");
  cr_assert_str_eq(r.err, want);
  free(want);
  run_free(&r);
}

Test(input, lax_turtle_skips_a_bad_statement_whole)
{
  const char* const path = path_in(tmp_dir(), "lax.ttl");
  write_file(path,
             "@prefix ex: <http://a/> .\n"
             "ex:s ex:p ex:1 .\n"
             "ex:s ex:p ex:bad1 ;\n"
             "  ex:q \"open\n"
             "  ex:r ex:bad2 .\n"
             "ex:s ex:p 1.5, ex:x.y .\n"
             "ex:s ex:p [ ex:q ex:bad3 ex:bad4 ] ;\n"
             "  ex:r ex:bad5 .\n"
             "ex:s ex:p \"a.b\" . ex:s ex:p ex:2 .\n"
             "ex:s ex:p <http://a/a b> . ex:s ex:p ex:3 .\n"
             "ex:s ex:p other:x .\n"
             "ex:s ex:p ex:4 .\n");

  Run         r    = canon(path, "turtle", true);
  char* const want = format("%s:4:12: warning: line end in short string\n"
                            "%s:7:25: warning: missing ';' or '.'\n"
                            "%s:10:22: warning: invalid IRI character "
                            "(escape %%20)\n"
                            "%s:11:1: warning: undefined prefix 'other'\n",
                            path,
                            path,
                            path,
                            path);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "<http://a/s> <http://a/p> \"1.5\"^^"
                   "<http://www.w3.org/2001/XMLSchema#decimal> .\n"
                   "<http://a/s> <http://a/p> \"a.b\" .\n"
                   "<http://a/s> <http://a/p> <http://a/1> .\n"
                   "<http://a/s> <http://a/p> <http://a/2> .\n"
                   "<http://a/s> <http://a/p> <http://a/3> .\n"
                   "<http://a/s> <http://a/p> <http://a/4> .\n"
                   "<http://a/s> <http://a/p> <http://a/x.y> .\n");
  cr_assert_str_eq(r.err, want);
  free(want);
  run_free(&r);
}

Test(input, lax_turtle_keeps_blank_nodes_apart_and_labels_together)
{
  const char* const path = path_in(tmp_dir(), "blank.ttl");
  write_file(path,
             "@prefix ex: <http://a/> .\n"
             "[] ex:p _:x .\n"
             "[] ex:p _:x .\n"
             "ex:s ex:p \"bad\n"
             "_:x ex:q [] .\n"
             "_:x ex:q ex:o .\n");
  Run r = canon(path, "turtle", true);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  // Lines 4 and 5 are one bad statement
  cr_assert_str_eq(r.out,
                   "_:c14n0 <http://a/q> <http://a/o> .\n"
                   "_:c14n1 <http://a/p> _:c14n0 .\n"
                   "_:c14n2 <http://a/p> _:c14n0 .\n");
  run_free(&r);
}

Test(input, lax_rdfxml_drops_a_bad_node_element_whole)
{
  const char* const path = path_in(tmp_dir(), "lax.rdf");
  write_file(
    path,
    "<?xml version=\"1.0\"?>\n"
    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
    "         xmlns:ex=\"http://a/\">\n"
    "  <rdf:Description rdf:about=\"http://a/a\">\n"
    "    <ex:p>1</ex:p>\n"
    "    <ex:knows>\n"
    "      <rdf:Description rdf:about=\"http://a/b\">\n"
    "        <ex:p>2</ex:p>\n"
    "        <ex:p xml:lang=\"not a tag\">bad</ex:p>\n"
    "        <ex:p>3</ex:p>\n"
    "      </rdf:Description>\n"
    "    </ex:knows>\n"
    "    <ex:knows>\n"
    "      <rdf:Description rdf:about=\"http://a/c\"><ex:p>4</ex:p>"
    "</rdf:Description>\n"
    "    </ex:knows>\n"
    "  </rdf:Description>\n"
    "  <rdf:Description rdf:about=\"http://a/e\">\n"
    "    <ex:p>5</ex:p>\n"
    "    <ex:list rdf:parseType=\"Collection\">\n"
    "      <rdf:Description rdf:about=\"http://a/f\" rdf:bagID=\"x\"/>\n"
    "    </ex:list>\n"
    "    <ex:p>6</ex:p>\n"
    "  </rdf:Description>\n"
    "  <rdf:Description rdf:about=\"http://a/g\"><ex:p>7</ex:p>"
    "</rdf:Description>\n"
    "</rdf:RDF>\n");

  // b goes, and a's link to it; a member of a list takes the node element
  // around the list with it (e); the siblings stay
  Run         r = canon(path, "rdfxml", true);
  char* const want =
    format("%s:9:9: warning: malformed language tag 'not a tag'\n"
           "%s:20:7: warning: 'rdf:bagID' is not allowed as an attribute\n",
           path,
           path);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "<http://a/a> <http://a/knows> <http://a/c> .\n"
                   "<http://a/a> <http://a/p> \"1\" .\n"
                   "<http://a/c> <http://a/p> \"4\" .\n"
                   "<http://a/g> <http://a/p> \"7\" .\n");
  cr_assert_str_eq(r.err, want);
  free(want);
  run_free(&r);
}

Test(input, lax_rdfxml_stops_at_malformed_xml_and_says_why)
{
  const char* const path = path_in(tmp_dir(), "bad.rdf");
  write_file(
    path,
    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
    "xmlns:ex=\"http://a/\">\n"
    "<rdf:Description rdf:about=\"http://a/a\"><ex:p>1</ex:p>"
    "</rdf:Description>\n"
    "<rdf:Description rdf:about=\"http://a/b\"><ex:p>1</ex:q>"
    "</rdf:Description>\n"
    "</rdf:RDF>\n");
  Run         r = canon(path, "rdfxml", true);
  char* const want =
    format("%s:3:55: error: opening and ending tag mismatch: p line 3 and q "
           "(malformed XML: nothing after it can be read)\n",
           path);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert_str_eq(r.out, "");
  cr_assert_str_eq(r.err, want);
  free(want);
  run_free(&r);
}

Test(input, lax_ntriples_reads_lines_ended_by_crlf)
{
  const char* const path = path_in(tmp_dir(), "crlf.nt");
  write_file(path,
             "<http://a/s> <http://a/p> <http://a/1> .\r\n"
             "<http://a/s> <http://a/p> <http://a/2>\r\n"
             "<http://a/s> <http://a/p> <http://a/3> .\r\n");
  Run         r = canon(path, "ntriples", true);
  char* const want =
    format("%s:2:39: warning: expected '.' at the end of the triple\n", path);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "<http://a/s> <http://a/p> <http://a/1> .\n"
                   "<http://a/s> <http://a/p> <http://a/3> .\n");
  cr_assert_str_eq(r.err, want);
  free(want);
  run_free(&r);
}
