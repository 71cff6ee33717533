// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Writing the difference between two graphs (diff.c matches them): as text,
// as RDF Patch, as a report (Markdown, HTML, JSON), and as a picture.
//
// Writing groups the changed triples by subject: a ground triple under its
// subject, a blank node's triple under the first IRI (by code point) that is
// the subject of a triple of its component, or alone if there is none.

#include "alloc.h"
#include "buffer.h"
#include "diff_impl.h"
#include "graph.h"
#include "intern.h"
#include "labels.h"
#include "log.h"
#include "ns.h"
#include "out.h"
#include "report.h"

#include <kgraph/diff.h>
#include <kgraph/dot.h>
#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>
#include <kgraph/text.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// A changed triple to write.
typedef struct {
  KgStringView group;  ///< The IRI of its group, or empty
  uint32_t     side;   ///< OLD (removed) or NEW (added)
  uint32_t     index;  ///< The triple
  uint32_t     comp;   ///< Its component, for a group without an IRI
  uint32_t     nested; ///< 0 if its subject is the group's IRI, else 1
  size_t       start;  ///< Its N-Triples text in the writer's lines
  size_t       len;
  size_t       head; ///< Bytes of its subject and predicate, with spaces
} Entry;

typedef struct {
  const KgDiff* diff;
  KgLabelSet    set;
  KgLabeler     labelers[2];
  KgOut*        out;   ///< Into `lines`
  KgBuffer      lines; ///< N-Triples text of the entries
  Entry*        entries;
  size_t        n_entries;
  KgTermId*     labels[2]; ///< Per term of each graph: its best label, or 0
  KgNamespaces  names[2];  ///< Prefixes of each graph, for QNames
} Writer;

/// An entry with its text, to sort.
typedef struct {
  Entry       entry;
  const char* text;
} Sortable;

static int
compare_uint(const uint32_t a, const uint32_t b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

/// Order entries by group (those with an IRI first, by IRI), then the
/// group's own triples first, then by subject and predicate, removed before
/// added (an edited value shows as a - line and a + line), then by text.
static int
compare_sortable(const void* const a, const void* const b)
{
  const Entry* const x = &((const Sortable*)a)->entry;
  const Entry* const y = &((const Sortable*)b)->entry;
  int cmp = !x->group.len != !y->group.len ? (x->group.len ? -1 : 1)
            : x->group.len                 ? kg_sv_compare(x->group, y->group)
                                           : (compare_uint(x->side, y->side)
                                                ? compare_uint(x->side, y->side)
                                                : compare_uint(x->comp, y->comp));
  const char* const xt = ((const Sortable*)a)->text;
  const char* const yt = ((const Sortable*)b)->text;
  cmp                  = cmp ? cmp : compare_uint(x->nested, y->nested);
  cmp                  = cmp ? cmp
                             : kg_sv_compare((KgStringView){xt, x->head},
                            (KgStringView){yt, y->head});
  cmp                  = cmp ? cmp : compare_uint(x->side, y->side);
  return cmp ? cmp
             : kg_sv_compare((KgStringView){xt, x->len},
                             (KgStringView){yt, y->len});
}

/// Write term `id` of side `w` in N-Triples, a blank node with its label.
static KgStatus
write_term(Writer* const w, const unsigned which, const KgTermId id)
{
  const KgGraph* const graph = w->diff->sides[which].graph;
  if (!kg_is_blank(graph, id)) {
    kg_out_nt_term(w->out, graph, NULL, id);
    return KG_SUCCESS;
  }

  // A node of the new graph that is in the old one: by its old label
  const KgTermId     old_id = which == NEW ? w->diff->sides[NEW].match[id] : 0U;
  KgStatus           st     = KG_SUCCESS;
  const KgStringView label  = old_id
                                ? kg_labeler_get(&w->labelers[OLD], old_id, &st)
                                : kg_labeler_get(&w->labelers[which], id, &st);
  kg_out_write(w->out, "_:", 2U);
  kg_out_sv(w->out, label);
  return st;
}

static KgStatus
write_line(Writer* const  w,
           const unsigned which,
           const uint32_t index,
           size_t* const  head)
{
  const KgGraph* const  graph = w->diff->sides[which].graph;
  const KgTriple* const t     = &graph->triples[index];
  const KgTermId        g     = kg_graph_name(graph, index);
  KgStatus              st    = KG_SUCCESS;
  if ((st = write_term(w, which, t->s))) {
    return st;
  }
  kg_out_char(w->out, ' ');
  if ((st = write_term(w, which, t->p))) {
    return st;
  }
  kg_out_char(w->out, ' ');
  kg_out_drain(w->out);
  *head = w->lines.len;
  if ((st = write_term(w, which, t->o))) {
    return st;
  }
  if (g) {
    kg_out_char(w->out, ' ');
    if ((st = write_term(w, which, g))) {
      return st;
    }
  }
  kg_out_write(w->out, " .", 2U);
  kg_out_drain(w->out);
  return w->out->status;
}

static void
writer_fini(Writer* const w)
{
  kg_labeler_fini(&w->labelers[OLD]);
  kg_labeler_fini(&w->labelers[NEW]);
  kg_label_set_fini(&w->set);
  kg_free(w->out);
  kg_buffer_fini(&w->lines);
  kg_free(w->entries);
  kg_free(w->labels[OLD]);
  kg_free(w->labels[NEW]);
  kg_namespaces_fini(&w->names[OLD]);
  kg_namespaces_fini(&w->names[NEW]);
}

/// Make the lines of every changed triple, labelled and sorted.
static KgStatus
writer_init(Writer* const w, const KgDiff* const diff)
{
  memset(w, 0, sizeof(*w));
  w->diff            = diff;
  const size_t total = diff->n_changed[OLD] + diff->n_changed[NEW];
  w->out             = (KgOut*)kg_malloc(sizeof(KgOut));
  w->entries         = (Entry*)kg_calloc(total + 1U, sizeof(Entry));
  KgStatus st        = kg_label_set_init(&w->set);
  if (!w->out || !w->entries) {
    st = KG_BAD_ALLOC;
  }
  for (unsigned s = OLD; s <= NEW && !st; ++s) {
    if (!(st =
            kg_labeler_init(&w->labelers[s], &w->set, diff->sides[s].graph))) {
      st = kg_namespaces_init(
        &w->names[s], diff->sides[s].graph, NULL, kg_turtle_prefix_is_valid);
    }
  }
  if (st) {
    return st;
  }
  kg_out_init_buffer(w->out, &w->lines);
  // The lines are for people: a literal or an IRI that holds a C1 or a
  // bidirectional control shows it as \uXXXX (N-Triples still), not raw
  w->out->for_people = true;

  // Every blank node of the old graph keeps its label, so that a patch
  // names them as the old graph does; new ones get other labels
  st = kg_labeler_give_all(&w->labelers[OLD]);

  for (unsigned s = OLD; s <= NEW && !st; ++s) {
    const Side* const side = &diff->sides[s];
    for (size_t i = 0U; i < diff->n_changed[s] && !st; ++i) {
      const uint32_t index = diff->changed[s][i];
      const uint32_t comp  = side->comp[index];
      const KgTermId root =
        comp == GROUND ? side->graph->triples[index].s : side->roots[comp];
      Entry* const e = &w->entries[w->n_entries++];
      e->side        = s;
      e->index       = index;
      e->comp        = comp;
      e->group  = root ? kg_terms_text(&side->graph->terms, root) : kg_sv("");
      e->nested = side->graph->triples[index].s != root;
      e->start  = w->lines.len;
      st        = write_line(w, s, index, &e->head);
      e->len    = w->lines.len - e->start;
      e->head -= e->start;
    }
  }
  if (st) {
    return st;
  }

  // Sort, by group and then by text (with the text now in place)
  Sortable* const sortable =
    (Sortable*)kg_reallocarray(NULL, w->n_entries + 1U, sizeof(Sortable));
  if (!sortable) {
    return KG_BAD_ALLOC;
  }
  for (size_t i = 0U; i < w->n_entries; ++i) {
    sortable[i].entry = w->entries[i];
    sortable[i].text  = w->lines.data + w->entries[i].start;
  }
  qsort(sortable, w->n_entries, sizeof(Sortable), compare_sortable);
  for (size_t i = 0U; i < w->n_entries; ++i) {
    w->entries[i] = sortable[i].entry;
  }
  kg_free(sortable);
  return KG_SUCCESS;
}

/// Write the comment line that heads the group of entry `e`.
static KgStatus
write_heading(Writer* const w, FILE* const stream, const Entry* const e)
{
  if (!e->group.len) {
    return fputs("# blank nodes\n", stream) < 0 ? KG_BAD_WRITE : KG_SUCCESS;
  }

  // The label in the new graph, else in the old one
  for (unsigned s = NEW + 1U; s-- > OLD;) {
    const KgGraph* const graph = w->diff->sides[s].graph;
    const KgTermId       id    = kg_graph_find_iri(graph, e->group);
    if (id && w->labels[s][id]) {
      // A label for people: its controls escaped, so that no label can make
      // the terminal act (hide the lines after it, say)
      const KgStringView label = kg_term_text(graph, w->labels[s][id]);
      KgBuffer           text  = KG_BUFFER_INIT;
      if (kg_buffer_append_for_people(&text, label)) {
        kg_buffer_fini(&text);
        return KG_BAD_ALLOC;
      }
      const bool ok = fprintf(stream, "# %s\n", text.data ? text.data : "") > 0;
      kg_buffer_fini(&text);
      return ok ? KG_SUCCESS : KG_BAD_WRITE;
    }
  }

  const KgGraph* const graph = w->diff->sides[e->side].graph;
  char* const          name  = kg_namespaces_term_string(
    &w->names[e->side], graph, kg_graph_find_iri(graph, e->group));
  if (!name) {
    return KG_BAD_ALLOC;
  }
  const bool ok = fputs("# ", stream) >= 0 &&
                  !kg_print_for_people(stream, kg_sv(name)) &&
                  fputc('\n', stream) != EOF;
  kg_free(name);
  return ok ? KG_SUCCESS : KG_BAD_WRITE;
}

static bool
same_group(const Entry* const a, const Entry* const b)
{
  return a->group.len
           ? (b->group.len && kg_sv_equals(a->group, b->group))
           : (!b->group.len && a->side == b->side && a->comp == b->comp);
}

static KgStatus
write_text(Writer* const w, FILE* const stream)
{
  KgStatus st =
    kg_find_labels(w->diff->sides[OLD].graph, "en", &w->labels[OLD]);
  if (!st) {
    st = kg_find_labels(w->diff->sides[NEW].graph, "en", &w->labels[NEW]);
  }
  for (size_t i = 0U; i < w->n_entries && !st; ++i) {
    const Entry* const e = &w->entries[i];
    if (!i || !same_group(&w->entries[i - 1U], e)) {
      if (i && fputc('\n', stream) == EOF) {
        return KG_BAD_WRITE;
      }
      st = write_heading(w, stream, e);
    }
    if (!st &&
        (fputs(e->side == OLD ? "- " : "+ ", stream) < 0 ||
         fwrite(w->lines.data + e->start, 1U, e->len, stream) != e->len ||
         fputc('\n', stream) == EOF)) {
      st = KG_BAD_WRITE;
    }
  }
  return st;
}

static KgStatus
write_patch(Writer* const w, FILE* const stream)
{
  bool ok = w->n_entries == 0U || fputs("TX .\n", stream) >= 0;
  for (unsigned s = OLD; s <= NEW && ok; ++s) {
    for (size_t i = 0U; i < w->n_entries && ok; ++i) {
      const Entry* const e = &w->entries[i];
      if (e->side == s) {
        ok = fputs(s == OLD ? "D " : "A ", stream) >= 0 &&
             fwrite(w->lines.data + e->start, 1U, e->len, stream) == e->len &&
             fputc('\n', stream) != EOF;
      }
    }
  }
  ok = ok && (w->n_entries == 0U || fputs("TC .\n", stream) >= 0);
  return ok ? KG_SUCCESS : KG_BAD_WRITE;
}

/// Write the report of `diff` for people in `format`.
static KgStatus
write_report(const KgDiff* const         diff,
             const KgDiffFormat          format,
             FILE* const                 stream,
             const KgWriteOptions* const options,
             const KgDiffView* const     view)
{
  KgDiffReport*  report = NULL;
  const bool     color  = view && view->color;
  const KgStatus st     = kg_diff_report_new(diff, options, view, &report);
  if (st) {
    return st;
  }
  KgStatus written = KG_SUCCESS;
  switch (format) {
  case KG_DIFF_SUMMARY:
    written = kg_report_write_summary(report, stream, color);
    break;
  case KG_DIFF_MARKDOWN:
    written = kg_report_write_markdown(report, stream);
    break;
  case KG_DIFF_HTML:
    written = kg_report_write_html(report, stream);
    break;
  case KG_DIFF_JSON:
    written = kg_report_write_json(report, stream);
    break;
  default:
    written = kg_report_write_text(report, stream, color);
    break;
  }
  kg_diff_report_free(report);
  return written;
}

KgStatus
kg_diff_write(const KgDiff* const         diff,
              const KgDiffFormat          format,
              FILE* const                 stream,
              const KgWriteOptions* const options,
              const KgDiffView* const     view)
{
  KgStatus st = KG_SUCCESS;
  if (format == KG_DIFF_PATCH || format == KG_DIFF_NTRIPLES) {
    Writer w;
    st = writer_init(&w, diff);
    if (!st) {
      st = format == KG_DIFF_PATCH ? write_patch(&w, stream)
                                   : write_text(&w, stream);
    }
    writer_fini(&w);
  } else {
    st = write_report(diff, format, stream, options, view);
  }
  if (st) {
    return st;
  }
  return (fflush(stream) || ferror(stream)) ? KG_BAD_WRITE : KG_SUCCESS;
}

/*
  Pictures
*/

/// The graph of a picture, and where the terms of each graph went in it.
typedef struct {
  KgGraph*  g;
  uint32_t* scopes[2]; ///< Per blank node scope of each graph: its scope in g
} Picture;

/// Copy term `id` of graph `w` into the picture, a blank node of the old
/// graph that the new one has as that node of the new graph.
static KgTermId
import_term(const KgDiff* const diff,
            Picture* const      pic,
            const unsigned      w,
            KgTermId            id)
{
  unsigned w_id = w;
  if (w == OLD && diff->sides[OLD].match[id]) {
    id   = diff->sides[OLD].match[id];
    w_id = NEW;
  }

  const KgGraph* const src  = diff->sides[w_id].graph;
  const KgTerm* const  t    = kg_terms_get(&src->terms, id);
  const KgStringView   text = {t->str, t->len};
  switch ((KgTermKind)t->kind) {
  case KG_TERM_IRI:
    return kg_graph_iri(pic->g, text);
  case KG_TERM_BLANK: {
    uint32_t* const scope = &pic->scopes[w_id][t->aux];
    if (!*scope) {
      *scope = kg_graph_new_scope(pic->g);
    }
    return kg_graph_blank(pic->g, text, *scope);
  }
  case KG_TERM_LITERAL: {
    const KgTermId datatype =
      kg_graph_iri(pic->g, kg_terms_text(&src->terms, t->aux));
    return datatype ? kg_graph_literal(
                        pic->g, text, datatype, src->terms.langs[t->lang])
                    : KG_NO_TERM;
  }
  case KG_TERM_NONE:
    break;
  }
  return KG_NO_TERM;
}

/// Add triple `index` of graph `w` to the picture, with its change.
static KgStatus
import_triple(const KgDiff* const diff,
              Picture* const      pic,
              const unsigned      w,
              const uint32_t      index,
              uint8_t* const      changes,
              const KgDotChange   change)
{
  const KgGraph* const  src  = diff->sides[w].graph;
  const KgTriple* const t    = &src->triples[index];
  const KgTermId        sg   = kg_graph_name(src, index);
  const KgTermId        s    = import_term(diff, pic, w, t->s);
  const KgTermId        p    = import_term(diff, pic, w, t->p);
  const KgTermId        o    = import_term(diff, pic, w, t->o);
  const KgTermId        name = sg ? import_term(diff, pic, w, sg) : 0U;
  if (!s || !p || !o || (sg && !name)) {
    return KG_BAD_ALLOC;
  }

  const KgOrigin nowhere = {0U, 0U, 0U};
  const size_t   added   = pic->g->n_triples;
  const KgStatus st      = kg_graph_add_quad(pic->g, s, p, o, name, nowhere);
  if (!st) {
    changes[added] = (uint8_t)change;
  }
  return st == KG_FAILURE ? KG_SUCCESS : st;
}

KgStatus
kg_diff_picture(const KgDiff* const diff,
                KgGraph** const     graph,
                uint8_t** const     changes)
{
  *graph                     = NULL;
  *changes                   = NULL;
  const KgGraph* const old   = diff->sides[OLD].graph;
  const KgGraph* const neu   = diff->sides[NEW].graph;
  const size_t         n     = neu->n_triples + diff->n_changed[OLD];
  uint8_t* const       c     = (uint8_t*)kg_calloc(n + 1U, 1U);
  uint8_t* const       added = (uint8_t*)kg_calloc(neu->n_triples + 1U, 1U);
  Picture              pic   = {
                   kg_graph_new(),
                   {(uint32_t*)kg_calloc((size_t)old->n_scopes + 1U, sizeof(uint32_t)),
                    (uint32_t*)kg_calloc((size_t)neu->n_scopes + 1U, sizeof(uint32_t))}};
  KgStatus st = (c && added && pic.g && pic.scopes[OLD] && pic.scopes[NEW])
                  ? KG_SUCCESS
                  : KG_BAD_ALLOC;

  // Prefixes, the new graph's first
  for (unsigned w = NEW + 1U; !st && w-- > OLD;) {
    const KgGraph* const src = diff->sides[w].graph;
    for (size_t i = 0U; !st && i < src->n_prefixes; ++i) {
      st =
        kg_graph_set_prefix(pic.g, src->prefixes[i].name, src->prefixes[i].iri);
      st = st == KG_FAILURE ? KG_SUCCESS : st;
    }
  }

  // The new graph, then the removed triples
  for (size_t i = 0U; !st && i < diff->n_changed[NEW]; ++i) {
    added[diff->changed[NEW][i]] = 1U;
  }
  for (uint32_t i = 0U; !st && i < neu->n_triples; ++i) {
    st = import_triple(
      diff, &pic, NEW, i, c, added[i] ? KG_DOT_ADDED : KG_DOT_SAME);
  }
  for (size_t i = 0U; !st && i < diff->n_changed[OLD]; ++i) {
    st =
      import_triple(diff, &pic, OLD, diff->changed[OLD][i], c, KG_DOT_REMOVED);
  }

  kg_free(pic.scopes[NEW]);
  kg_free(pic.scopes[OLD]);
  kg_free(added);
  if (st) {
    kg_free(c);
    kg_graph_free(pic.g);
    return st;
  }
  *graph   = pic.g;
  *changes = c;
  return KG_SUCCESS;
}
