// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/*
  A report as one self-contained HTML page: inline CSS (for the screen and
  for print), no script, no image, no font, nothing fetched.  A Content
  Security Policy forbids fetching and running anything, should a browser
  ever find markup where there is none.

  Everything from the data is text: `& < > " '` are references, in text
  and in attribute values alike, and controls are shown as `\uXXXX`.  Only
  http and https IRIs are links (any other scheme, `javascript:` or
  `data:`, is text); their full IRI is also the link's title.  A section is
  a table, an entity a group of rows under a heading row, blank nodes
  nested in a statement rows indented under it.
*/

#include "out.h"
#include "report.h"
#include "report_out.h"

#include <kgraph/status.h>

#include <stdio.h>

static const char style[] =
  ":root{color-scheme:light dark;--add:#1a7f37;--del:#cf222e;"
  "--addbg:#dafbe1;--delbg:#ffebe9;--rule:#d0d7de;--muted:#59636e}"
  "@media (prefers-color-scheme:dark){:root{--add:#3fb950;--del:#f85149;"
  "--addbg:#12261e;--delbg:#25171c;--rule:#3d444d;--muted:#9198a1}}"
  "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;"
  "padding:0 1em}"
  "h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.2em;margin:1.6em 0 .5em}"
  ".counts{color:var(--muted)}"
  "table{border-collapse:collapse;width:100%;margin-bottom:1em}"
  "table.changes{table-layout:fixed}"
  ".changes thead th:first-child{width:22%}"
  "th,td{border-bottom:1px solid var(--rule);padding:.25em .5em;"
  "text-align:left;vertical-align:top;overflow-wrap:anywhere}"
  "thead th{border-bottom:2px solid var(--rule)}"
  "tbody th{padding-top:.7em;font-weight:600}"
  "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}"
  ".name,.value,.prop{font-family:ui-monospace,monospace;font-size:.92em}"
  "th .label{font-weight:600}td .label{font-style:italic}"
  ".type{color:var(--muted);font-weight:normal}"
  ".old:not(:empty){background:var(--delbg)}"
  ".new:not(:empty){background:var(--addbg)}"
  ".old:not(:empty)::before{content:'\\2212\\00a0';color:var(--del)}"
  ".new:not(:empty)::before{content:'+\\00a0';color:var(--add)}"
  ".kept .old,.kept .new{background:none}"
  ".kept .old::before,.kept .new::before{content:none}"
  "a{color:inherit;text-decoration-color:var(--muted)}"
  "@media print{body{margin:0;max-width:none;font-size:10pt}"
  "tbody{break-inside:avoid}thead{display:table-header-group}"
  "a{text-decoration:none}"
  ".old,.new{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

static void
html_text(KgOut* const out, const KgStringView text)
{
  kg_report_out_text(out, KG_MEDIUM_HTML, text);
}

/// Write `text` in an element of `cls`, as a link to `iri` if it is an
/// http(s) IRI.
static void
html_link(KgOut* const       out,
          const char* const  cls,
          const KgStringView text,
          const KgStringView iri)
{
  const bool link = kg_report_is_web_iri(iri);
  if (link) {
    kg_out_str(out, "<a class=\"");
    kg_out_str(out, cls);
    kg_out_str(out, "\" href=\"");
    html_text(out, iri);
    kg_out_str(out, "\" title=\"");
    html_text(out, iri);
    kg_out_str(out, "\">");
  } else {
    kg_out_str(out, "<span class=\"");
    kg_out_str(out, cls);
    if (iri.len) {
      kg_out_str(out, "\" title=\"");
      html_text(out, iri);
    }
    kg_out_str(out, "\">");
  }
  html_text(out, text);
  kg_out_str(out, link ? "</a>" : "</span>");
}

/// Write a term: its label, then its text (as a link).
static void
html_term(KgOut* const out, const char* const cls, const KgShownTerm* const t)
{
  if (t->label.len) {
    kg_out_str(out, "<span class=\"label\">");
    html_text(out, t->label);
    kg_out_str(out, "</span> ");
  }
  html_link(out, cls, t->text, t->iri);
}

static void
html_value(KgOut* const out, const KgReportStatement* const s)
{
  if (!s->object.text.len) {
    kg_out_str(out, "<span class=\"value\">[ … ]</span>");
  } else {
    html_term(out, "value", &s->object);
  }
}

static void
html_row(KgOut* const                   out,
         void* const                    handle,
         const KgReportStatement* const s,
         const KgReportStatement* const old_value,
         const KgReportStatement* const new_value,
         const unsigned                 depth)
{
  (void)handle;
  kg_out_str(out,
             s->change == KG_STATEMENT_KEPT    ? "<tr class=\"kept\">"
             : s->change == KG_STATEMENT_ADDED ? "<tr class=\"added\">"
             : new_value                       ? "<tr class=\"edited\">"
                                               : "<tr class=\"removed\">");
  kg_out_str(out, "<td");
  if (depth) {
    kg_out_str(out, " style=\"padding-left:");
    kg_out_uint(out, 1U + 2U * depth);
    kg_out_str(out, "em\">↳ ");
  } else {
    kg_out_char(out, '>');
  }
  html_link(out, "prop", s->predicate.text, s->predicate.iri);
  kg_out_str(out, "</td><td class=\"old\">");
  if (old_value) {
    html_value(out, old_value);
  }
  kg_out_str(out, "</td><td class=\"new\">");
  if (new_value) {
    html_value(out, new_value);
  }
  kg_out_str(out, "</td></tr>\n");
}

static void
html_entity(KgOut* const                out,
            const KgDiffReport* const   report,
            const KgReportEntity* const e,
            const size_t                i)
{
  (void)i;
  kg_out_str(out, "<tbody><tr><th colspan=\"3\">");
  html_term(out, "name", &e->name);
  if (e->type.text.len) {
    kg_out_str(out, " <span class=\"type\">");
    html_text(out, e->type.label.len ? e->type.label : e->type.text);
    kg_out_str(out, "</span>");
  }
  kg_out_str(out, "</th></tr>\n");

  if (kg_report_out_rows(out, report, e, html_row, NULL)) {
    kg_out_str(out, "<tr><td colspan=\"3\">… ");
    kg_out_str(out, "statements nested deeper than ");
    kg_out_uint(out, KG_REPORT_MAX_NEST);
    kg_out_str(out, " levels, not shown</td></tr>\n");
  }
  kg_out_str(out, "</tbody>\n");
}

static void
html_section(KgOut* const out, const KgEntityChange change, const size_t n)
{
  kg_out_str(out, "<section id=\"");
  kg_out_str(out, kg_report_section_name(change));
  kg_out_str(out, "\"><h2>");
  kg_out_str(out, kg_report_section_title(change));
  kg_out_str(out, " entities (");
  kg_out_uint(out, n);
  kg_out_str(out, ")</h2>\n");
  if (n) {
    kg_out_str(out,
               "<table class=\"changes\"><thead><tr><th>Property</th>"
               "<th>Old value</th>"
               "<th>New value</th></tr></thead>\n");
  }
}

static void
html_section_end(KgOut* const out, const size_t n)
{
  kg_out_str(out, n ? "</table></section>\n" : "<p>None.</p></section>\n");
}

static void
html_table(KgOut* const out, const bool classes)
{
  kg_out_str(out, "<section><h2>");
  kg_out_str(out, classes ? "By class" : "By property");
  kg_out_str(out, "</h2><table><thead><tr><th>");
  kg_out_str(out, classes ? "Class" : "Property");
  kg_out_str(out,
             classes ? "</th><th class=\"num\">Changed</th>"
                       "<th class=\"num\">Added</th>"
                       "<th class=\"num\">Removed</th></tr></thead>\n<tbody>"
                     : "</th><th class=\"num\">Added</th>"
                       "<th class=\"num\">Removed</th></tr></thead>\n<tbody>");
}

static void
html_count(KgOut* const               out,
           const KgReportCount* const c,
           const size_t               i,
           const bool                 classes)
{
  (void)i;
  kg_out_str(out, "<tr><td>");
  html_term(out, "prop", &c->term);
  if (classes) {
    kg_out_str(out, "</td><td class=\"num\">");
    kg_out_uint(out, c->changed);
  }
  kg_out_str(out, "</td><td class=\"num\">");
  kg_out_uint(out, c->added);
  kg_out_str(out, "</td><td class=\"num\">");
  kg_out_uint(out, c->removed);
  kg_out_str(out, "</td></tr>\n");
}

static void
html_table_end(KgOut* const out, const size_t n)
{
  (void)n;
  kg_out_str(out, "</tbody></table></section>\n");
}

static void
html_head(KgOut* const out, const KgDiffReport* const report)
{
  kg_out_str(
    out,
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
    "'none'; style-src 'unsafe-inline'; form-action 'none'; "
    "base-uri 'none'\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, "
    "initial-scale=1\">\n<meta name=\"generator\" content=\"kgraph\">\n"
    "<title>");
  kg_report_out_title(out, KG_MEDIUM_HTML, report);
  kg_out_str(out, "</title>\n<style>");
  kg_out_str(out, style);
  kg_out_str(out, "</style>\n</head>\n<body>\n<header><h1>");
  kg_report_out_title(out, KG_MEDIUM_HTML, report);
  kg_out_str(out, "</h1>\n<p class=\"counts\">");
  kg_report_out_totals(out, report);
  kg_out_str(out, "</p></header>\n<main>\n");
}

static const KgReportFormat html_format = {
  html_head,
  html_section,
  html_entity,
  html_section_end,
  html_table,
  html_count,
  html_table_end,
  false,
  "</main>\n</body>\n</html>\n",
};

KgStatus
kg_report_write_html(const KgDiffReport* const report, FILE* const stream)
{
  return kg_report_out_write(&html_format, report, stream);
}
