// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/*
  What the Markdown, HTML and JSON reports share.  The walk over nested
  blank nodes keeps one slot per level, at most KG_REPORT_MAX_NEST, so no
  input makes it recurse; the escaping of text is the one place where data
  becomes text of a medium, so that it never becomes markup there.
*/

#include "report_out.h"

#include "alloc.h"
#include "log.h"
#include "out.h"
#include "report.h"

#include <kgraph/graph.h>
#include <kgraph/text.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

void
kg_report_walk_init(KgReportWalk* const         walk,
                    const KgDiffReport* const   report,
                    const KgReportEntity* const entity)
{
  walk->report   = report;
  walk->next[0]  = entity->first;
  walk->end[0]   = entity->first + entity->n;
  walk->depth    = 0U;
  walk->n_hidden = 0U;
}

KgWalkStep
kg_report_walk_next(KgReportWalk* const             walk,
                    const KgReportStatement** const statement,
                    const KgReportStatement** const partner,
                    unsigned* const                 depth)
{
  const unsigned d = walk->depth;
  *statement       = NULL;
  *partner         = NULL;
  *depth           = d;
  if (walk->next[d] >= walk->end[d]) {
    if (!d) {
      return KG_WALK_END;
    }
    --walk->depth;
    *depth = walk->depth;
    return KG_WALK_CLOSE;
  }

  const KgReportStatement* const all = walk->report->statements;
  const KgReportStatement* const s   = &all[walk->next[d]++];
  *statement                         = s;
  if (s->n_nested) {
    if (d == KG_REPORT_MAX_NEST) {
      walk->n_hidden += s->n_nested;
      return KG_WALK_STATEMENT;
    }
    walk->depth       = d + 1U;
    walk->next[d + 1] = s->first_nested;
    walk->end[d + 1]  = s->first_nested + s->n_nested;
    return KG_WALK_OPEN;
  }

  if (s->paired && s->change == KG_STATEMENT_REMOVED &&
      walk->next[d] < walk->end[d]) {
    const KgReportStatement* const p = &all[walk->next[d]];
    if (p->change == KG_STATEMENT_ADDED && !p->n_nested) {
      ++walk->next[d];
      *partner = p;
    }
  }
  return KG_WALK_STATEMENT;
}

/// Write code point `c` as `\uXXXX` (with the backslash escaped for
/// Markdown, where it would escape the next character).
static void
out_uchar(KgOut* const out, const KgMedium medium, const uint32_t c)
{
  if (medium == KG_MEDIUM_MARKDOWN) {
    kg_out_char(out, '\\');
  }
  kg_out_uchar(out, c);
}

/// Return the length of the character at `i` that is shown as `\uXXXX`
/// though it is not ASCII (a C1 or bidirectional control, U+2028 or
/// U+2029), or 0.
static size_t
hidden_len(const KgStringView text, const size_t i)
{
  const unsigned char* const b    = (const unsigned char*)text.data + i;
  const KgStringView         rest = {text.data + i, text.len - i};
  if (rest.len >= 3U && b[0] == 0xE2U && b[1] == 0x80U &&
      (b[2] == 0xA8U || b[2] == 0xA9U)) {
    return 3U; // U+2028 and U+2029: line breaks to JavaScript
  }
  return kg_hidden_control_len(rest);
}

static bool
is_alnum(const char c)
{
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
         (c >= 'a' && c <= 'z');
}

/**
   Return the escape of ASCII `c` in `medium`, or NULL to write it as is;
   `prev` and `next` are the bytes around it, or 0.
*/
static const char*
ascii_escape(const KgMedium medium,
             const char     c,
             const char     prev,
             const char     next)
{
  switch (medium) {
  case KG_MEDIUM_HTML:
    return c == '&'    ? "&amp;"
           : c == '<'  ? "&lt;"
           : c == '>'  ? "&gt;"
           : c == '"'  ? "&quot;"
           : c == '\'' ? "&#39;"
                       : NULL;
  case KG_MEDIUM_MARKDOWN:
    switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '\\':
      return "\\\\";
    case '`':
      return "\\`";
    case '*':
      return "\\*";
    case '_': // Not within a word, where it is never emphasis
      return is_alnum(prev) && is_alnum(next) ? NULL : "\\_";
    case '[':
      return "\\[";
    case ']':
      return "\\]";
    case '|':
      return "\\|";
    case '~':
      return "\\~";
    case '$':
      return "\\$";
    default:
      return NULL;
    }
  case KG_MEDIUM_JSON:
    return c == '"'                    ? "\\\""
           : c == '\\'                 ? "\\\\"
           : (c == '<' && next == '/') ? "<\\"
                                       : NULL;
  }
  return NULL;
}

void
kg_report_out_text(KgOut* const       out,
                   const KgMedium     medium,
                   const KgStringView text)
{
  size_t start = 0U; // Start of the run of bytes written as they are
  for (size_t i = 0U; i < text.len; ++i) {
    const unsigned char c   = (unsigned char)text.data[i];
    const char*         esc = NULL;
    size_t              len = 0U;
    if (c < 0x20U || c == 0x7FU) {
      kg_out_write(out, text.data + start, i - start);
      out_uchar(out, medium, c);
      start = i + 1U;
    } else if (c >= 0xC2U && (len = hidden_len(text, i))) {
      size_t             used = 0U;
      const KgStringView rest = {text.data + i, text.len - i};
      kg_out_write(out, text.data + start, i - start);
      out_uchar(out, medium, kg_utf8_next(rest, &used));
      start = i + len;
      i += len - 1U;
    } else if (c < 0x80U && (esc = ascii_escape(
                               medium,
                               (char)c,
                               i ? text.data[i - 1U] : 0,
                               i + 1U < text.len ? text.data[i + 1U] : 0))) {
      kg_out_write(out, text.data + start, i - start);
      kg_out_str(out, esc);
      start = i + 1U;
    }
  }
  kg_out_write(out, text.data + start, text.len - start);
}

static bool
starts_with_nocase(const KgStringView text, const char* const prefix)
{
  size_t i = 0U;
  for (; prefix[i]; ++i) {
    if (i >= text.len) {
      return false;
    }
    char c = text.data[i];
    if (c >= 'A' && c <= 'Z') {
      c = (char)(c - 'A' + 'a');
    }
    if (c != prefix[i]) {
      return false;
    }
  }
  return true;
}

bool
kg_report_is_web_iri(const KgStringView iri)
{
  return starts_with_nocase(iri, "http://") ||
         starts_with_nocase(iri, "https://");
}

void
kg_report_out_count(KgOut* const      out,
                    const size_t      n,
                    const char* const one,
                    const char* const many)
{
  kg_out_uint(out, n);
  kg_out_char(out, ' ');
  kg_out_str(out, n == 1U ? one : many);
}

size_t
kg_report_out_steps(KgOut* const                out,
                    const KgDiffReport* const   report,
                    const KgReportEntity* const entity,
                    const KgReportStepFunc      on_step,
                    void* const                 handle)
{
  KgReportWalk walk;
  kg_report_walk_init(&walk, report, entity);
  const KgReportStatement* s       = NULL;
  const KgReportStatement* partner = NULL;
  unsigned                 depth   = 0U;
  KgWalkStep               step    = KG_WALK_END;
  while ((step = kg_report_walk_next(&walk, &s, &partner, &depth))) {
    on_step(out, handle, step, s, partner, depth);
  }
  return walk.n_hidden;
}

/// A row function and its handle, for kg_report_out_rows().
typedef struct {
  KgReportRowFunc row;
  void*           handle;
} Rows;

static void
row_step(KgOut* const                   out,
         void* const                    handle,
         const KgWalkStep               step,
         const KgReportStatement* const s,
         const KgReportStatement* const partner,
         const unsigned                 depth)
{
  const Rows* const rows = (const Rows*)handle;
  if (step != KG_WALK_CLOSE) {
    rows->row(out,
              rows->handle,
              s,
              s->change != KG_STATEMENT_ADDED ? s : NULL,
              partner                             ? partner
              : s->change != KG_STATEMENT_REMOVED ? s
                                                  : NULL,
              depth);
  }
}

size_t
kg_report_out_rows(KgOut* const                out,
                   const KgDiffReport* const   report,
                   const KgReportEntity* const entity,
                   const KgReportRowFunc       row,
                   void* const                 handle)
{
  Rows rows = {row, handle};
  return kg_report_out_steps(out, report, entity, row_step, &rows);
}

void
kg_report_out_title(KgOut* const              out,
                    const KgMedium            medium,
                    const KgDiffReport* const report)
{
  kg_out_str(out, "Changes");
  if (report->old_name.len || report->new_name.len) {
    kg_out_str(out, ": ");
    kg_report_out_text(out, medium, report->old_name);
    kg_out_str(out, " → ");
    kg_report_out_text(out, medium, report->new_name);
  }
}

void
kg_report_out_totals(KgOut* const out, const KgDiffReport* const report)
{
  kg_report_out_count(out,
                      report->n_section[KG_ENTITY_CHANGED],
                      "entity changed",
                      "entities changed");
  kg_out_str(out, ", ");
  kg_out_uint(out, report->n_section[KG_ENTITY_ADDED]);
  kg_out_str(out, " added, ");
  kg_out_uint(out, report->n_section[KG_ENTITY_REMOVED]);
  kg_out_str(out, " removed; ");
  kg_report_out_count(out, report->n_removed, "triple", "triples");
  kg_out_str(out, " removed, ");
  kg_out_uint(out, report->n_added);
  kg_out_str(out, " added");
}

static void
write_table(const KgReportFormat* const format,
            KgOut* const                out,
            const KgReportCount* const  counts,
            const size_t                n,
            const bool                  classes)
{
  if (!n && !format->empty_tables) {
    return;
  }
  format->table(out, classes);
  for (size_t i = 0U; i < n; ++i) {
    format->count(out, &counts[i], i, classes);
  }
  if (format->table_end) {
    format->table_end(out, n);
  }
}

KgStatus
kg_report_out_write(const KgReportFormat* const format,
                    const KgDiffReport* const   report,
                    FILE* const                 stream)
{
  KgOut* const out = (KgOut*)kg_malloc(sizeof(KgOut));
  if (!out) {
    return KG_BAD_ALLOC;
  }
  kg_out_init(out, stream);

  format->head(out, report);
  size_t next = 0U; // The entities are in the order of the sections
  for (unsigned c = KG_ENTITY_CHANGED; c <= KG_ENTITY_REMOVED; ++c) {
    const KgEntityChange change = (KgEntityChange)c;
    const size_t         n      = report->n_section[change];
    format->section(out, change, n);
    for (size_t i = 0U; i < n && next < report->n_entities; ++i) {
      format->entity(out, report, &report->entities[next++], i);
    }
    if (format->section_end) {
      format->section_end(out, n);
    }
  }
  write_table(format, out, report->classes, report->n_classes, true);
  write_table(format, out, report->predicates, report->n_predicates, false);
  kg_out_str(out, format->foot);

  const KgStatus st = kg_out_flush(out);
  kg_free(out);
  return st;
}
