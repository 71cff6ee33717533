// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/*
  A report in Markdown (CommonMark with GitHub's tables), for release
  notes: a title, the counts, then a table per section (changed, added,
  removed entities), and the counts by class and by property.

  Nothing from the data becomes markup: `& < >` are written as references,
  so that no raw HTML reaches a renderer; the punctuation that Markdown
  reads inline (links, emphasis, code, `|` of tables) is escaped with a
  backslash; controls are
  shown as `\uXXXX`.  Only http and https IRIs are links, written
  `[text](<IRI>)` with the characters that could end the destination
  percent-encoded.  Blank nodes nested in a statement follow it as rows
  whose property is indented with `↳`.
*/

#include "out.h"
#include "report.h"
#include "report_out.h"

#include <kgraph/status.h>

#include <stdio.h>

static void
md_text(KgOut* const out, const KgStringView text)
{
  kg_report_out_text(out, KG_MEDIUM_MARKDOWN, text);
}

/// Write the destination of a link to `iri`, an http(s) IRI.
static void
md_destination(KgOut* const out, const KgStringView iri)
{
  static const char hex[] = "0123456789ABCDEF";
  kg_out_char(out, '<');
  for (size_t i = 0U; i < iri.len; ++i) {
    const unsigned char c = (unsigned char)iri.data[i];
    if (c <= 0x20U || c == 0x7FU || c == '<' || c == '>' || c == '(' ||
        c == ')' || c == '|' || c == '\\' || c == '`') {
      const char esc[] = {'%', hex[c >> 4U], hex[c & 0xFU]};
      kg_out_write(out, esc, sizeof(esc));
    } else if (c == '&') {
      kg_out_str(out, "&amp;"); // A destination's references are decoded
    } else {
      kg_out_char(out, (char)c);
    }
  }
  kg_out_char(out, '>');
}

/// Write `text`, as a link to `iri` if it is an http(s) IRI.
static void
md_link(KgOut* const out, const KgStringView text, const KgStringView iri)
{
  if (!kg_report_is_web_iri(iri)) {
    md_text(out, text);
    return;
  }
  kg_out_char(out, '[');
  md_text(out, text);
  kg_out_str(out, "](");
  md_destination(out, iri);
  kg_out_char(out, ')');
}

/// Write a term as a value: its label, then its text (as a link).
static void
md_term(KgOut* const out, const KgShownTerm* const t)
{
  if (t->label.len) {
    md_text(out, t->label);
    kg_out_str(out, " (");
    md_link(out, t->text, t->iri);
    kg_out_char(out, ')');
  } else {
    md_link(out, t->text, t->iri);
  }
}

/// Write the object of `s` as a value cell.
static void
md_value(KgOut* const out, const KgReportStatement* const s)
{
  if (!s->object.text.len) {
    kg_out_str(out, "\\[ … \\]");
  } else {
    md_term(out, &s->object);
  }
}

static void
md_entity_cell(KgOut* const out, const KgReportEntity* const e)
{
  if (e->name.label.len) {
    kg_out_str(out, "**");
    md_text(out, e->name.label);
    kg_out_str(out, "** ");
  }
  md_link(out, e->name.text, e->name.iri);
  if (e->type.text.len) {
    kg_out_str(out, " *");
    md_text(out, e->type.label.len ? e->type.label : e->type.text);
    kg_out_char(out, '*');
  }
}

/// The entity whose rows are written, and whether the next is its first.
typedef struct {
  const KgReportEntity* entity;
  bool                  first;
} Row;

static void
md_row(KgOut* const                   out,
       void* const                    handle,
       const KgReportStatement* const s,
       const KgReportStatement* const old_value,
       const KgReportStatement* const new_value,
       const unsigned                 depth)
{
  Row* const row = (Row*)handle;
  kg_out_str(out, "| ");
  if (row->first) {
    md_entity_cell(out, row->entity);
    row->first = false;
  }
  kg_out_str(out, " | ");
  for (unsigned i = 1U; i < depth; ++i) {
    kg_out_str(out, "&emsp;");
  }
  if (depth) {
    kg_out_str(out, "↳ ");
  }
  md_link(out, s->predicate.text, s->predicate.iri);
  kg_out_str(out, " | ");
  if (old_value) {
    md_value(out, old_value);
  }
  kg_out_str(out, " | ");
  if (new_value) {
    md_value(out, new_value);
  }
  kg_out_str(out, " |\n");
}

static void
md_entity(KgOut* const                out,
          const KgDiffReport* const   report,
          const KgReportEntity* const e,
          const size_t                nth)
{
  (void)nth;
  Row row = {e, true};
  const size_t n_hidden = kg_report_out_rows(out, report, e, md_row, &row);
  if (row.first) { // No statement: the entity alone
    kg_out_str(out, "| ");
    md_entity_cell(out, e);
    kg_out_str(out, " |  |  |  |\n");
  }
  if (n_hidden) {
    kg_out_str(out, "|  | … | ");
    kg_out_str(out, "statements nested deeper than ");
    kg_out_uint(out, KG_REPORT_MAX_NEST);
    kg_out_str(out, " levels, not shown |  |\n");
  }
}

static void
md_section(KgOut* const out, const KgEntityChange change, const size_t n)
{
  kg_out_str(out, "\n## ");
  kg_out_str(out, kg_report_section_title(change));
  kg_out_str(out, " entities (");
  kg_out_uint(out, n);
  kg_out_str(out, ")\n\n");
  kg_out_str(out,
             n ? "| Entity | Property | Old value | New value |\n"
                 "| --- | --- | --- | --- |\n"
               : "None.\n");
}

static void
md_table(KgOut* const out, const bool classes)
{
  kg_out_str(out, "\n## ");
  kg_out_str(out, classes ? "By class" : "By property");
  kg_out_str(out, "\n\n| ");
  kg_out_str(out, classes ? "Class" : "Property");
  kg_out_str(out,
             classes ? " | Changed | Added | Removed |\n"
                       "| --- | ---: | ---: | ---: |\n"
                     : " | Added | Removed |\n| --- | ---: | ---: |\n");
}

static void
md_count(KgOut* const               out,
         const KgReportCount* const c,
         const size_t               i,
         const bool                 classes)
{
  (void)i;
  kg_out_str(out, "| ");
  md_term(out, &c->term);
  kg_out_str(out, " | ");
  if (classes) {
    kg_out_uint(out, c->changed);
    kg_out_str(out, " | ");
  }
  kg_out_uint(out, c->added);
  kg_out_str(out, " | ");
  kg_out_uint(out, c->removed);
  kg_out_str(out, " |\n");
}

static void
md_head(KgOut* const out, const KgDiffReport* const report)
{
  kg_out_str(out, "# ");
  kg_report_out_title(out, KG_MEDIUM_MARKDOWN, report);
  kg_out_str(out, "\n\n");
  kg_report_out_totals(out, report);
  kg_out_str(out, ".\n");
}

static const KgReportFormat md_format = {
  md_head,
  md_section,
  md_entity,
  NULL,
  md_table,
  md_count,
  NULL,
  false,
  "",
};

KgStatus
kg_report_write_markdown(const KgDiffReport* const report, FILE* const stream)
{
  return kg_report_out_write(&md_format, report, stream);
}
