// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The reader core shared by read_turtle.c and read_rdfxml.c: reports go
// where the reader is and at the level its mode says, a silent reader says
// nothing, a limit stops even a lax read, and both readers word the same
// fault the same way.

#include "read_common.h"

#include "buffer.h"
#include "graph.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>
#include <kgraph/text.h>

#include <criterion/criterion.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/// A reader that records what the core asks of it, and a log that keeps
/// the last message.
typedef struct {
  bool       silent;
  unsigned   n_recovered;
  unsigned   n_stopped;
  KgStatus   last;
  unsigned   n_messages;
  KgLogLevel level;
  KgCaret    caret;
  char       text[512];
} Fake;

static KgCaret
fake_caret(const void* const handle)
{
  (void)handle;
  const KgCaret caret = {"doc", 7U, 3U};
  return caret;
}

static bool
fake_silent(const void* const handle)
{
  return ((const Fake*)handle)->silent;
}

static void
fake_recover(void* const handle, const KgStatus st)
{
  Fake* const f = (Fake*)handle;
  ++f->n_recovered;
  f->last = st;
}

static void
fake_stop(void* const handle, const KgStatus st)
{
  Fake* const f = (Fake*)handle;
  ++f->n_stopped;
  f->last = st;
}

static const KgReadHooks fake_hooks = {fake_caret,
                                       fake_silent,
                                       fake_recover,
                                       fake_stop};

static KgStatus
keep(void* const        handle,
     const KgLogLevel   level,
     const KgCaret      caret,
     const KgStringView msg)
{
  Fake* const f = (Fake*)handle;
  ++f->n_messages;
  f->level = level;
  f->caret = caret;
  const size_t n =
    msg.len < sizeof(f->text) - 1U ? msg.len : sizeof(f->text) - 1U;
  memcpy(f->text, msg.data, n);
  f->text[n] = '\0';
  return KG_SUCCESS;
}

typedef struct {
  KgGraph*      graph;
  KgReadOptions options;
  Fake          fake;
  KgReadCore    core;
} Fixture;

static void
setup(Fixture* const x, const bool lax, const bool absolute)
{
  memset(x, 0, sizeof(*x));
  x->graph = kg_graph_new();
  cr_assert_not_null(x->graph);
  x->options.flags      = lax ? KG_READ_LAX : 0U;
  x->options.log.func   = keep;
  x->options.log.handle = &x->fake;
  kg_read_core_init(
    &x->core, x->graph, &x->options, &x->fake, &fake_hooks, absolute);
}

static void
teardown(Fixture* const x)
{
  kg_read_core_fini(&x->core);
  kg_graph_free(x->graph);
}

Test(read_common, strict_error_is_an_error_at_the_caret_then_recovers)
{
  Fixture x;
  setup(&x, false, false);
  cr_assert_eq(kg_read_error(&x.core, KG_BAD_SYNTAX, "bad %s", "thing"),
               KG_BAD_SYNTAX);
  cr_assert_eq(x.fake.n_messages, 1U);
  cr_assert_eq(x.fake.level, KG_LOG_ERROR);
  cr_assert_str_eq(x.fake.text, "bad thing");
  cr_assert_str_eq(x.fake.caret.document, "doc");
  cr_assert_eq(x.fake.caret.line, 7U);
  cr_assert_eq(x.fake.caret.column, 3U);
  cr_assert_eq(x.fake.n_recovered, 1U);
  cr_assert_eq(x.fake.last, KG_BAD_SYNTAX);
  cr_assert_eq(x.core.n_errors, 1U);
  teardown(&x);
}

Test(read_common, lax_error_is_a_warning)
{
  Fixture x;
  setup(&x, true, false);
  kg_read_error(&x.core, KG_BAD_URI, "bad");
  cr_assert_eq(x.fake.level, KG_LOG_WARNING);
  cr_assert_eq(x.fake.n_recovered, 1U);
  teardown(&x);
}

Test(read_common, silent_reader_says_nothing)
{
  Fixture x;
  setup(&x, true, false);
  x.fake.silent = true;
  cr_assert_eq(kg_read_error(&x.core, KG_BAD_TEXT, "bad"), KG_BAD_TEXT);
  cr_assert_eq(x.fake.n_messages, 0U);
  cr_assert_eq(x.fake.n_recovered, 0U);
  cr_assert_eq(x.core.n_errors, 0U);
  teardown(&x);
}

Test(read_common, fatal_stops_a_lax_read_with_an_error)
{
  Fixture x;
  setup(&x, true, false);
  cr_assert_eq(kg_read_fatal(&x.core, KG_BAD_LIMIT, "too many"), KG_BAD_LIMIT);
  cr_assert_eq(x.fake.level, KG_LOG_ERROR);
  cr_assert_eq(x.fake.n_stopped, 1U);
  cr_assert_eq(x.fake.n_recovered, 0U);
  cr_assert_eq(x.fake.last, KG_BAD_LIMIT);
  cr_assert_not(x.core.lax);
  teardown(&x);
}

Test(read_common, quoted_cuts_long_text)
{
  Fixture x;
  setup(&x, false, false);
  char long_text[1000];
  memset(long_text, 'a', sizeof(long_text));
  const char* const q =
    kg_read_quoted(&x.core, (KgStringView){long_text, sizeof(long_text)});
  cr_assert_lt(strlen(q), 300U);
  cr_assert_gt(strlen(q), 100U);
  cr_assert_str_eq(kg_read_quoted(&x.core, kg_sv("short")), "short");
  teardown(&x);
}

Test(read_common, relative_iri_refused_only_where_iris_are_absolute)
{
  Fixture x;
  setup(&x, false, false);
  cr_assert_eq(kg_read_check_iri(&x.core, kg_sv("a/b")), KG_SUCCESS);
  cr_assert_eq(x.fake.n_messages, 0U);
  teardown(&x);

  setup(&x, false, true);
  cr_assert_eq(kg_read_check_iri(&x.core, kg_sv("a/b")), KG_BAD_URI);
  cr_assert_eq(x.fake.n_messages, 1U);
  cr_assert(strstr(x.fake.text, "a/b"), "%s", x.fake.text);
  cr_assert_eq(kg_read_intern_iri(&x.core, kg_sv("c/d"), NULL), KG_NO_TERM);
  cr_assert_eq(x.fake.n_messages, 2U);
  teardown(&x);
}

Test(read_common, refused_iri_is_refused_again_through_the_cache)
{
  Fixture x;
  setup(&x, true, false);
  const KgStringView bad = kg_sv("http://example.org/a b");
  cr_assert_eq(kg_read_cached_iri(&x.core, bad), KG_NO_TERM);
  cr_assert_eq(kg_read_cached_iri(&x.core, bad), KG_NO_TERM);
  cr_assert_eq(x.fake.n_messages, 2U);

  const KgStringView good = kg_sv("http://example.org/a");
  const KgTermId     id   = kg_read_cached_iri(&x.core, good);
  cr_assert_neq(id, KG_NO_TERM);
  cr_assert_eq(kg_read_cached_iri(&x.core, good), id);
  cr_assert_eq(kg_graph_iri(x.graph, good), id);
  cr_assert_eq(x.fake.n_messages, 2U);
  teardown(&x);
}

Test(read_common, malformed_language_tag)
{
  Fixture x;
  setup(&x, false, false);
  uint16_t index = 7U;
  cr_assert_eq(kg_read_lang(&x.core, kg_sv("en-"), &index), KG_BAD_SYNTAX);
  cr_assert_eq(index, 0U);
  cr_assert_str_eq(x.fake.text, "malformed language tag 'en-'");
  cr_assert_eq(kg_read_lang(&x.core, kg_sv("en-GB"), &index), KG_SUCCESS);
  cr_assert_neq(index, 0U);
  teardown(&x);
}

Test(read_common, literal_checks)
{
  Fixture x;
  setup(&x, true, false);
  cr_assert_eq(
    kg_read_literal(&x.core, kg_sv("x"), x.graph->rdf_langstring, 0U),
    KG_NO_TERM);
  cr_assert_str_eq(
    x.fake.text, "literal 'x' has datatype rdf:langString but no language tag");

  // A surrogate, then plain bad UTF-8; each refused again when it comes back
  const KgStringView surrogate = kg_sv("a\xED\xA0\x80");
  cr_assert_eq(kg_read_literal(&x.core, surrogate, 0U, 0U), KG_NO_TERM);
  cr_assert(
    strstr(x.fake.text, "surrogate code point U+D800"), "%s", x.fake.text);
  cr_assert_eq(kg_read_literal(&x.core, surrogate, 0U, 0U), KG_NO_TERM);
  cr_assert_eq(x.fake.n_messages, 3U);
  cr_assert_eq(kg_read_literal(&x.core, kg_sv("b\xFF"), 0U, 0U), KG_NO_TERM);
  cr_assert(strstr(x.fake.text, "invalid UTF-8 in literal"), "%s", x.fake.text);

  uint16_t en = 0U;
  cr_assert_eq(kg_read_lang(&x.core, kg_sv("en"), &en), KG_SUCCESS);
  const KgTermId plain  = kg_read_literal(&x.core, kg_sv("x"), 0U, 0U);
  const KgTermId tagged = kg_read_literal(&x.core, kg_sv("x"), 0U, en);
  cr_assert_neq(plain, KG_NO_TERM);
  cr_assert_neq(tagged, KG_NO_TERM);
  cr_assert_neq(plain, tagged);
  cr_assert_eq(x.graph->terms.terms[plain].aux, x.graph->xsd_string);
  cr_assert_eq(x.graph->terms.terms[tagged].aux, x.graph->rdf_langstring);
  teardown(&x);
}

/// Read `text` in `syntax` and return the message it gave (without caret).
static void
read_message(const KgSyntax syntax, const char* const text, Fake* const fake)
{
  KgGraph* const g = kg_graph_new();
  cr_assert_not_null(g);
  memset(fake, 0, sizeof(*fake));
  KgReadOptions options = {syntax, "http://example.org/", 0U, {keep, fake}};
  cr_assert_gt(kg_graph_read_string(g, kg_sv(text), "doc", &options),
               KG_FAILURE);
  kg_graph_free(g);
}

Test(read_common, both_readers_word_a_fault_alike)
{
  static const char* const rdf_head =
    "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'"
    " xmlns:ex='http://example.org/'>";
  static const struct {
    const char* turtle;
    const char* rdfxml;
    const char* message;
  } cases[] = {
    {"<http://example.org/s> <http://example.org/p> \"v\"@en-- .\n",
     "<rdf:Description rdf:about='http://example.org/s'>"
     "<ex:p xml:lang='en--'>v</ex:p></rdf:Description></rdf:RDF>",
     "malformed language tag 'en--'"},
    {"<http://example.org/s> <http://example.org/p> \"v\"^^<http://www.w3.org/"
     "1999/02/22-rdf-syntax-ns#langString> .\n",
     "<rdf:Description rdf:about='http://example.org/s'>"
     "<ex:p rdf:datatype='http://www.w3.org/1999/02/22-rdf-syntax-ns#"
     "langString'>v</ex:p></rdf:Description></rdf:RDF>",
     "literal 'v' has datatype rdf:langString but no language tag"},
  };

  for (size_t i = 0U; i < sizeof(cases) / sizeof(cases[0]); ++i) {
    Fake turtle;
    Fake rdfxml;
    read_message(KG_SYNTAX_TURTLE, cases[i].turtle, &turtle);
    char      doc[1024];
    const int n = snprintf(doc, sizeof(doc), "%s%s", rdf_head, cases[i].rdfxml);
    cr_assert(n > 0 && (size_t)n < sizeof(doc));
    read_message(KG_SYNTAX_RDFXML, doc, &rdfxml);
    cr_expect_str_eq(turtle.text, cases[i].message);
    cr_expect_str_eq(rdfxml.text, cases[i].message);
    cr_expect_eq(turtle.level, KG_LOG_ERROR);
    cr_expect_eq(rdfxml.level, KG_LOG_ERROR);
  }
}

Test(read_common, both_readers_refuse_a_relative_base_alike)
{
  static const KgSyntax syntaxes[] = {KG_SYNTAX_TURTLE, KG_SYNTAX_RDFXML};
  for (size_t i = 0U; i < sizeof(syntaxes) / sizeof(syntaxes[0]); ++i) {
    KgGraph* const g = kg_graph_new();
    cr_assert_not_null(g);
    Fake          fake    = {0};
    KgReadOptions options = {syntaxes[i], "rel/base", 0U, {keep, &fake}};
    cr_expect_eq(kg_graph_read_string(g, kg_sv(""), "doc", &options),
                 KG_BAD_URI);
    cr_expect_str_eq(fake.text, "base IRI 'rel/base' is not an absolute IRI");
    cr_expect_null(fake.caret.document);
    kg_graph_free(g);
  }
}

Test(read_common, full_graph_is_an_error_that_stops_even_a_lax_read)
{
  Fixture x;
  setup(&x, true, false);
  cr_assert_eq(kg_read_added(&x.core, KG_BAD_LIMIT), KG_BAD_LIMIT);
  cr_assert_eq(x.fake.n_messages, 1U);
  cr_assert_eq(x.fake.level, KG_LOG_ERROR);
  cr_assert_str_eq(x.fake.text, "too many triples");
  cr_assert_eq(x.fake.n_recovered, 0U);
  cr_assert_eq(x.fake.n_stopped, 1U);
  cr_assert_eq(x.fake.last, KG_BAD_LIMIT);
  cr_assert(!x.core.lax);
  teardown(&x);
}

Test(read_common, added_or_present_statement_goes_on)
{
  Fixture x;
  setup(&x, false, false);
  cr_assert_eq(kg_read_added(&x.core, KG_SUCCESS), KG_SUCCESS);
  cr_assert_eq(kg_read_added(&x.core, KG_FAILURE), KG_SUCCESS);
  cr_assert_eq(x.fake.n_messages, 0U);
  cr_assert_eq(x.fake.n_stopped, 0U);
  teardown(&x);
}

Test(read_common, failed_add_stops_without_a_report)
{
  Fixture x;
  setup(&x, true, false);
  cr_assert_eq(kg_read_added(&x.core, KG_BAD_ALLOC), KG_BAD_ALLOC);
  cr_assert_eq(x.fake.n_messages, 0U);
  cr_assert_eq(x.fake.n_stopped, 1U);
  cr_assert_eq(x.fake.last, KG_BAD_ALLOC);
  teardown(&x);
}
