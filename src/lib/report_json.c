// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/*
  A report as JSON, for programs: the structure of the Markdown and HTML
  reports, documented field by field in docs/diff.md ("JSON report").
  Strings are escaped as RFC 8259 allows: `"` and `\`, every control as
  \u00XX, and also U+2028, U+2029 and `</` (as `<\/`), so that the text
  can stand in a script element or be read as JavaScript.  The graphs are
  checked UTF-8 when read, so the output is valid UTF-8.  Nested blank
  nodes are "nested" arrays, at most KG_REPORT_MAX_NEST deep.
*/

#include "out.h"
#include "report.h"
#include "report_out.h"

#include <kgraph/status.h>

#include <stdio.h>

static void
json_string(KgOut* const out, const KgStringView text)
{
  kg_out_char(out, '"');
  kg_report_out_text(out, KG_MEDIUM_JSON, text);
  kg_out_char(out, '"');
}

/// Write `text` as a string, or null if it is empty.
static void
json_string_or_null(KgOut* const out, const KgStringView text)
{
  if (text.len) {
    json_string(out, text);
  } else {
    kg_out_str(out, "null");
  }
}

static void
json_indent(KgOut* const out, const unsigned level)
{
  kg_out_char(out, '\n');
  for (unsigned i = 0U; i < level; ++i) {
    kg_out_str(out, "  ");
  }
}

static void
json_term(KgOut* const out, const KgShownTerm* const t)
{
  kg_out_str(out, "{\"text\": ");
  json_string(out, t->text);
  kg_out_str(out, ", \"iri\": ");
  json_string_or_null(out, t->iri);
  kg_out_str(out, ", \"label\": ");
  json_string_or_null(out, t->label);
  kg_out_char(out, '}');
}

static const char* const statement_changes[] = {"removed", "added", "kept"};

/// Write the fields of `s` after its opening brace.
static void
json_statement(KgOut* const                   out,
               const KgReportStatement* const s,
               const unsigned                 level)
{
  json_indent(out, level);
  kg_out_str(out, "{\"change\": \"");
  kg_out_str(out, statement_changes[s->change]);
  kg_out_str(out, s->paired ? "\", \"paired\": true" : "\", \"paired\": false");
  kg_out_str(out, ", \"predicate\": ");
  json_term(out, &s->predicate);
  kg_out_str(out, ", \"object\": ");
  if (s->object.text.len || !s->n_nested) {
    json_term(out, &s->object);
  } else {
    kg_out_str(out, "null");
  }
}

/// Write a step of the walk over statements; `handle` points to whether
/// the next is the first of its array.
static void
json_step(KgOut* const                   out,
          void* const                    handle,
          const KgWalkStep               step,
          const KgReportStatement* const s,
          const KgReportStatement* const partner,
          const unsigned                 depth)
{
  bool* const    first = (bool*)handle;
  const unsigned level = 4U + 2U * depth;
  if (step == KG_WALK_CLOSE) {
    json_indent(out, level);
    kg_out_str(out, "]}");
    *first = false;
    return;
  }
  if (!*first) {
    kg_out_char(out, ',');
  }
  json_statement(out, s, level);
  if (step == KG_WALK_OPEN) {
    kg_out_str(out, ", \"nested\": [");
    *first = true;
    return;
  }
  kg_out_char(out, '}');
  if (partner) {
    kg_out_char(out, ',');
    json_statement(out, partner, level);
    kg_out_char(out, '}');
  }
  *first = false;
}

static void
json_statements(KgOut* const                out,
                const KgDiffReport* const   report,
                const KgReportEntity* const e)
{
  bool first = true; // First in its array
  kg_out_str(out, ", \"statements\": [");
  const size_t n_hidden =
    kg_report_out_steps(out, report, e, json_step, &first);
  if (!first) {
    json_indent(out, 3U);
  }
  kg_out_str(out,
             n_hidden ? "], \"truncated\": true" : "], \"truncated\": false");
}

static void
json_section(KgOut* const out, const KgEntityChange change, const size_t n)
{
  (void)n;
  kg_out_str(out, ",\n  \"");
  kg_out_str(out, kg_report_section_name(change));
  kg_out_str(out, "\": [");
}

static void
json_entity(KgOut* const                out,
            const KgDiffReport* const   report,
            const KgReportEntity* const e,
            const size_t                i)
{
  kg_out_str(out, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
  json_term(out, &e->name);
  kg_out_str(out, ", \"type\": ");
  if (e->type.text.len) {
    json_term(out, &e->type);
  } else {
    kg_out_str(out, "null");
  }
  kg_out_str(out, ", \"removed\": ");
  kg_out_uint(out, e->n_removed);
  kg_out_str(out, ", \"added\": ");
  kg_out_uint(out, e->n_added);
  json_statements(out, report, e);
  kg_out_char(out, '}');
}

/// End an array of `n` elements.
static void
json_end(KgOut* const out, const size_t n)
{
  kg_out_str(out, n ? "\n  ]" : "]");
}

static void
json_table(KgOut* const out, const bool classes)
{
  kg_out_str(out, ",\n  \"");
  kg_out_str(out, classes ? "classes" : "predicates");
  kg_out_str(out, "\": [");
}

static void
json_count(KgOut* const               out,
           const KgReportCount* const c,
           const size_t               i,
           const bool                 classes)
{
  kg_out_str(out, i ? ",\n    {\"term\": " : "\n    {\"term\": ");
  json_term(out, &c->term);
  if (classes) {
    kg_out_str(out, ", \"changed\": ");
    kg_out_uint(out, c->changed);
  }
  kg_out_str(out, ", \"added\": ");
  kg_out_uint(out, c->added);
  kg_out_str(out, ", \"removed\": ");
  kg_out_uint(out, c->removed);
  kg_out_char(out, '}');
}

static void
json_head(KgOut* const out, const KgDiffReport* const report)
{
  kg_out_str(out, "{\n  \"old\": ");
  json_string_or_null(out, report->old_name);
  kg_out_str(out, ",\n  \"new\": ");
  json_string_or_null(out, report->new_name);
  kg_out_str(out, ",\n  \"counts\": {\"changed\": ");
  kg_out_uint(out, report->n_section[KG_ENTITY_CHANGED]);
  kg_out_str(out, ", \"added\": ");
  kg_out_uint(out, report->n_section[KG_ENTITY_ADDED]);
  kg_out_str(out, ", \"removed\": ");
  kg_out_uint(out, report->n_section[KG_ENTITY_REMOVED]);
  kg_out_str(out, ", \"triples_added\": ");
  kg_out_uint(out, report->n_added);
  kg_out_str(out, ", \"triples_removed\": ");
  kg_out_uint(out, report->n_removed);
  kg_out_char(out, '}');
}

static const KgReportFormat json_format = {
  json_head,
  json_section,
  json_entity,
  json_end,
  json_table,
  json_count,
  json_end,
  true,
  "\n}\n",
};

KgStatus
kg_report_write_json(const KgDiffReport* const report, FILE* const stream)
{
  return kg_report_out_write(&json_format, report, stream);
}
