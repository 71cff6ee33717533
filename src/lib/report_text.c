// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The report of a difference for a terminal: the default output of
// `kgraph diff`, and its summary.
//
// Every text from the data goes through kg_buffer_append_for_people(), so
// no label or IRI can move the cursor or turn the text around; colours are
// ANSI escapes, written only when the caller asks.  Nested blank nodes are
// written with a stack, not by recursion.

#include "report.h"

#include "alloc.h"
#include "buffer.h"
#include "log.h"

#include <kgraph/status.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define BOLD "\033[1m"
#define RED "\033[31m"
#define GREEN "\033[32m"
#define RESET "\033[0m"

/// A line being written, and the first error.
typedef struct {
  FILE*    stream;
  KgBuffer line;
  bool     color;
  KgStatus status;
} Lines;

static void
put(Lines* const l, const char* const text)
{
  if (!l->status) {
    l->status = kg_buffer_append_str(&l->line, text);
  }
}

/// Append a text from the data, made safe for a terminal.
static void
put_data(Lines* const l, const KgStringView text)
{
  if (!l->status) {
    l->status = kg_buffer_append_for_people(&l->line, text);
  }
}

static void
put_color(Lines* const l, const char* const code)
{
  if (l->color) {
    put(l, code);
  }
}

static void
put_indent(Lines* const l, const size_t n)
{
  for (size_t i = 0U; i < n && !l->status; ++i) {
    l->status = kg_buffer_append_char(&l->line, ' ');
  }
}

/// End the line: write it out.
static void
end_line(Lines* const l)
{
  put(l, "\n");
  if (!l->status &&
      fwrite(l->line.data, 1U, l->line.len, l->stream) != l->line.len) {
    l->status = KG_BAD_WRITE;
  }
  kg_buffer_clear(&l->line);
}

static void
put_count(Lines* const l, const size_t n)
{
  if (!l->status) {
    l->status = kg_buffer_printf(&l->line, "%zu", n);
  }
}

/// The first line: how many entities and triples changed.
static void
put_totals(Lines* const l, const KgDiffReport* const r)
{
  if (!l->status) {
    l->status = kg_buffer_printf(
      &l->line,
      "%zu entit%s changed, %zu added, %zu removed (%zu triple%s removed, "
      "%zu added)",
      r->n_section[KG_ENTITY_CHANGED],
      r->n_section[KG_ENTITY_CHANGED] == 1U ? "y" : "ies",
      r->n_section[KG_ENTITY_ADDED],
      r->n_section[KG_ENTITY_REMOVED],
      r->n_removed,
      r->n_removed == 1U ? "" : "s",
      r->n_added);
  }
  end_line(l);
}

/// The name of an entity: its label, then its name (and class).
static void
put_entity_name(Lines* const l, const KgReportEntity* const e, const bool type)
{
  if (e->name.label.len) {
    put_data(l, e->name.label);
    put(l, "  ");
  }
  put_data(l, e->name.text);
  if (type && e->type.text.len) {
    put(l, "  (");
    put_data(l, e->type.text);
    put(l, ")");
  }
}

/// Where the writer is in a block of statements.
typedef struct {
  uint32_t next;
  uint32_t end;
} Level;

/// Write the statements of `e`, nested blocks inside their statements.
static void
put_statements(Lines* const               l,
               const KgDiffReport* const  r,
               const KgReportEntity* const e)
{
  Level* stack = (Level*)kg_malloc(sizeof(Level) * 8U);
  size_t cap   = 8U;
  size_t depth = 0U;
  if (!stack) {
    l->status = KG_BAD_ALLOC;
    return;
  }
  stack[depth++] = (Level){e->first, e->first + e->n};
  while (depth && !l->status) {
    Level* const top = &stack[depth - 1U];
    if (top->next == top->end) {
      // The end of a nested block
      --depth;
      if (depth) {
        put_indent(l, 2U + 2U * depth);
        put(l, "]");
        end_line(l);
      }
      continue;
    }

    const KgReportStatement* const s = &r->statements[top->next++];
    put_indent(l, 2U + 2U * depth);
    const char* const code = s->change == KG_STATEMENT_REMOVED ? RED
                             : s->change == KG_STATEMENT_ADDED ? GREEN
                                                               : NULL;
    if (code) {
      put_color(l, code);
      put(l, s->change == KG_STATEMENT_REMOVED ? "- " : "+ ");
    }
    put_data(l, s->predicate.text);
    put(l, " ");
    if (s->n_nested) {
      put(l, "[");
    } else if (s->object.text.len) {
      put_data(l, s->object.text);
    } else {
      put(l, "[]");
    }
    if (code) {
      put_color(l, RESET);
    }
    end_line(l);

    if (s->n_nested) {
      if (depth == cap) {
        Level* const grown =
          (Level*)kg_reallocarray(stack, cap * 2U, sizeof(Level));
        if (!grown) {
          l->status = KG_BAD_ALLOC;
          break;
        }
        stack = grown;
        cap *= 2U;
      }
      stack[depth++] =
        (Level){s->first_nested, s->first_nested + s->n_nested};
    }
  }
  kg_free(stack);
}

/// Write the sections of `report`, each entity with its statements.
static void
put_sections(Lines* const l, const KgDiffReport* const report)
{
  size_t i = 0U;
  for (unsigned section = 0U; section < 3U && !l->status; ++section) {
    if (!report->n_section[section]) {
      continue;
    }
    end_line(l);
    put_color(l, BOLD);
    put(l, kg_report_section_title((KgEntityChange)section));
    put(l, " (");
    put_count(l, report->n_section[section]);
    put(l, ")");
    put_color(l, RESET);
    end_line(l);
    for (size_t k = 0U; k < report->n_section[section] && !l->status; ++k) {
      const KgReportEntity* const e = &report->entities[i++];
      put(l, "  ");
      put_color(l, BOLD);
      put_entity_name(l, e, true);
      put_color(l, RESET);
      end_line(l);
      put_statements(l, report, e);
    }
  }
}

/// Write the totals of `report` to `stream`, then what `body` writes.
static KgStatus
write_lines(const KgDiffReport* const report,
            FILE* const               stream,
            const bool                color,
            void (*const body)(Lines*, const KgDiffReport*))
{
  Lines l = {stream, KG_BUFFER_INIT, color, KG_SUCCESS};
  put_totals(&l, report);
  body(&l, report);
  kg_buffer_fini(&l.line);
  return l.status;
}

KgStatus
kg_report_write_text(const KgDiffReport* const report,
                     FILE* const               stream,
                     const bool                color)
{
  return write_lines(report, stream, color, put_sections);
}

/*
  Summary
*/

/// Return the columns `text` takes (one per character).
static size_t
columns(const KgBuffer* const buf, const size_t from)
{
  size_t n = 0U;
  for (size_t i = from; i < buf->len; ++i) {
    n += ((unsigned char)buf->data[i] & 0xC0U) != 0x80U;
  }
  return n;
}

/// Write a table of counts: a title and its columns, then a row per count.
static void
put_table(Lines* const               l,
          const char* const          title,
          const KgReportCount* const rows,
          const size_t               n,
          const bool                 classes)
{
  // The widest name, for the columns of numbers
  size_t   wide = strlen(title);
  KgBuffer name = KG_BUFFER_INIT;
  for (size_t i = 0U; i < n && !l->status; ++i) {
    kg_buffer_clear(&name);
    l->status = kg_buffer_append_for_people(&name, rows[i].term.text);
    if (columns(&name, 0U) + 2U > wide) {
      wide = columns(&name, 0U) + 2U;
    }
  }
  kg_buffer_fini(&name);

  end_line(l);
  put_color(l, BOLD);
  put(l, title);
  put_indent(l, wide - strlen(title));
  put(l, classes ? "  changed    added  removed" : "  removed    added");
  put_color(l, RESET);
  end_line(l);
  for (size_t i = 0U; i < n && !l->status; ++i) {
    put(l, "  ");
    const size_t from = l->line.len;
    put_data(l, rows[i].term.text);
    put_indent(l, wide - 2U - columns(&l->line, from));
    if (!l->status) {
      l->status =
        classes ? kg_buffer_printf(&l->line,
                                   "  %7zu  %7zu  %7zu",
                                   rows[i].changed,
                                   rows[i].added,
                                   rows[i].removed)
                : kg_buffer_printf(
                    &l->line, "  %7zu  %7zu", rows[i].removed, rows[i].added);
    }
    end_line(l);
  }
}

/// Write the counts by predicate and by class, then a line per entity.
static void
put_summary(Lines* const l, const KgDiffReport* const report)
{
  if (report->n_predicates) {
    put_table(
      l, "by predicate", report->predicates, report->n_predicates, false);
  }
  if (report->n_classes) {
    put_table(l, "by class", report->classes, report->n_classes, true);
  }

  // The entities, one line each, as `git diff --stat` lists files
  if (report->n_entities) {
    end_line(l);
    put_color(l, BOLD);
    put(l, "entities");
    put_color(l, RESET);
    end_line(l);
  }
  static const char marks[3] = {'~', '+', '-'};
  for (size_t i = 0U; i < report->n_entities && !l->status; ++i) {
    const KgReportEntity* const e       = &report->entities[i];
    const char                  mark[4] = {' ', ' ', marks[e->change], ' '};
    if (!l->status) {
      l->status = kg_buffer_append(&l->line, mark, sizeof(mark));
    }
    put_entity_name(l, e, false);
    put(l, "  ");
    if (e->n_removed) {
      put_color(l, RED);
      put(l, "-");
      put_count(l, e->n_removed);
      put_color(l, RESET);
    }
    if (e->n_removed && e->n_added) {
      put(l, " ");
    }
    if (e->n_added) {
      put_color(l, GREEN);
      put(l, "+");
      put_count(l, e->n_added);
      put_color(l, RESET);
    }
    end_line(l);
  }
}

KgStatus
kg_report_write_summary(const KgDiffReport* const report,
                        FILE* const               stream,
                        const bool                color)
{
  return write_lines(report, stream, color, put_summary);
}
