// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/*
  A report built by hand, with data that tries to become markup or script
  in every medium: labels holding <script>, </script><script>, an attribute
  breakout with <img onerror>, Markdown links and images, table pipes, line
  breaks and bidirectional controls, IRIs with `javascript:` and `data:`
  schemes, a blank node nested in a statement, and an edited value.
*/

#ifndef KG_TESTS_REPORT_FIXTURE_H
#define KG_TESTS_REPORT_FIXTURE_H

#include "report.h"

#include <string.h>

static inline KgStringView
fx_sv(const char* const s)
{
  const KgStringView v = {s, s ? strlen(s) : 0U};
  return v;
}

static inline KgShownTerm
fx_term(const char* const text, const char* const iri, const char* const label)
{
  const KgShownTerm t = {fx_sv(text), fx_sv(iri), fx_sv(label)};
  return t;
}

static inline KgReportStatement
fx_statement(const KgStatementChange change,
             const bool              paired,
             const KgShownTerm       predicate,
             const KgShownTerm       object)
{
  const KgReportStatement s = {change, paired, predicate, object, 0U, 0U};
  return s;
}

/// The hostile report: entities[3], statements[10], all static.
static inline void
fx_hostile(KgDiffReport* const report)
{
  static KgReportEntity    entities[3];
  static KgReportStatement statements[10];
  static KgReportCount     predicates[2];
  static KgReportCount     classes[1];

  const KgShownTerm label = fx_term(
    "rdfs:label", "http://www.w3.org/2000/01/rdf-schema#label", "label");
  const KgShownTerm note =
    fx_term("ex:note", "http://example.org/note", "note | <b>bold</b>");
  const KgShownTerm city = fx_term("ex:city", "http://example.org/city", NULL);

  // The changed entity: an edited label, a kept blank node with an edited
  // city, a `javascript:` homepage, a removed note with a pipe and a \n
  statements[0] =
    fx_statement(KG_STATEMENT_REMOVED,
                 true,
                 label,
                 fx_term("\"<script>alert(1)</script>\"@en", NULL, NULL));
  statements[1] = fx_statement(
    KG_STATEMENT_ADDED,
    true,
    label,
    fx_term("\"</script><script>alert(2)</script>\"@en", NULL, NULL));
  statements[2] =
    fx_statement(KG_STATEMENT_KEPT,
                 false,
                 fx_term("ex:address", "http://example.org/address", NULL),
                 fx_term(NULL, NULL, NULL));
  statements[2].first_nested = 8U;
  statements[2].n_nested     = 2U;
  statements[3]              = fx_statement(
    KG_STATEMENT_ADDED,
    false,
    fx_term("ex:homepage", "http://example.org/homepage", NULL),
    fx_term("<javascript:alert(4)>", "javascript:alert(4)", "home"));
  statements[4] = fx_statement(
    KG_STATEMENT_REMOVED, false, note, fx_term("\"a | b\\nc\"", NULL, NULL));

  // The added entity: its IRI is `javascript:`, its label breaks out of an
  // attribute; a note holding Markdown and HTML of its own
  statements[5] =
    fx_statement(KG_STATEMENT_ADDED,
                 false,
                 label,
                 fx_term("\"\\\"><img src=x onerror=alert(3)>\"", NULL, NULL));
  statements[6] = fx_statement(
    KG_STATEMENT_ADDED,
    false,
    note,
    fx_term("\"![i](http://example.org/i.png) [x](javascript:alert(6)) "
            "<a href='javascript:alert(7)'>a</a> `c` *e* $m$ & &amp; "
            "\xE2\x80\xA8\xE2\x80\xAE\"",
            NULL,
            "line one\nline two"));

  // The nested blank node's statements
  statements[8] = fx_statement(
    KG_STATEMENT_REMOVED, true, city, fx_term("\"Paris\"", NULL, NULL));
  statements[9] =
    fx_statement(KG_STATEMENT_ADDED,
                 true,
                 city,
                 fx_term("\"<img src=x onerror=alert(8)>\"", NULL, NULL));

  // The removed entity: a blank node that no IRI reaches, linking to a
  // `data:` IRI and to an http IRI with characters that end a link
  statements[7] =
    fx_statement(KG_STATEMENT_REMOVED,
                 false,
                 fx_term("ex:see", "http://example.org/see", NULL),
                 fx_term("<data:text/html,<script>alert(5)</script>>",
                         "data:text/html,<script>alert(5)</script>",
                         NULL));

  KgReportEntity* e = &entities[0];
  e->change         = KG_ENTITY_CHANGED;
  e->name           = fx_term("ex:model",
                    "http://example.org/model?a=1&b=(2)>|x",
                    "<script>alert(1)</script>");
  e->type           = fx_term("ex:Model", "http://example.org/Model", "Model");
  e->first          = 0U;
  e->n              = 5U;
  e->n_removed      = 3U;
  e->n_added        = 3U;

  e            = &entities[1];
  e->change    = KG_ENTITY_ADDED;
  e->name      = fx_term("<javascript:alert(4)>",
                    "javascript:alert(4)",
                    "\"><img src=x onerror=alert(3)>");
  e->type      = fx_term(NULL, NULL, NULL);
  e->first     = 5U;
  e->n         = 2U;
  e->n_removed = 0U;
  e->n_added   = 2U;

  e            = &entities[2];
  e->change    = KG_ENTITY_REMOVED;
  e->name      = fx_term("_:b0", NULL, NULL);
  e->type      = fx_term(NULL, NULL, NULL);
  e->first     = 7U;
  e->n         = 1U;
  e->n_removed = 1U;
  e->n_added   = 0U;

  predicates[0].term    = label;
  predicates[0].changed = 0U;
  predicates[0].added   = 2U;
  predicates[0].removed = 1U;
  predicates[1].term    = note;
  predicates[1].changed = 0U;
  predicates[1].added   = 1U;
  predicates[1].removed = 1U;
  classes[0].term =
    fx_term("ex:Model", "http://example.org/Model", "<b>Model</b>");
  classes[0].changed = 1U;
  classes[0].added   = 0U;
  classes[0].removed = 0U;

  memset(report, 0, sizeof(*report));
  report->entities                     = entities;
  report->n_entities                   = 3U;
  report->n_section[KG_ENTITY_CHANGED] = 1U;
  report->n_section[KG_ENTITY_ADDED]   = 1U;
  report->n_section[KG_ENTITY_REMOVED] = 1U;
  report->statements                   = statements;
  report->n_statements                 = 10U;
  report->n_removed                    = 5U;
  report->n_added                      = 5U;
  report->predicates                   = predicates;
  report->n_predicates                 = 2U;
  report->classes                      = classes;
  report->n_classes                    = 1U;
  report->old_name = fx_sv("old <script>alert(9)</script>.ttl");
  report->new_name = fx_sv("new.ttl");
}

#endif // KG_TESTS_REPORT_FIXTURE_H
