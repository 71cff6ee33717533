// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Pictures: building the cgraph graph: nodes, tables, edges, clusters, legend
// (see write_dot.c).

#include "dot_impl.h"

#include "alloc.h"
#include "buffer.h"
#include "formats.h"
#include "graph.h"
#include "intern.h"
#include "layout.h"
#include "log.h"
#include "ns.h"
#include "order.h"
#include "vocab.h"

#include <kgraph/dot.h>
#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>
#include <kgraph/text.h>

#include <graphviz/cgraph.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Return true if cgraph ran out of memory, after setting `d->status`.
static bool
cgraph_failed(Dot* const d)
{
  if (d->memory.failed && !d->status) {
    d->status = KG_BAD_ALLOC;
  }
  return d->memory.failed;
}

/// cgraph takes mutable strings: set an attribute from a buffer.
static void
set(Dot* const d, void* const obj, char* const name, const KgStringView value)
{
  kg_buffer_clear(&d->text);
  if (kg_buffer_append_sv(&d->text, value)) {
    d->status = KG_BAD_ALLOC;
    return;
  }
  agsafeset(obj, name, d->text.data, "");
}

static void
set_style(Dot* const d, void* const obj, const Style* const s)
{
  if (s->shape.len) {
    set(d, obj, "shape", s->shape);
  }
  if (s->fill.len) {
    set(d, obj, "fillcolor", s->fill);
  }
  if (s->font.len) {
    set(d, obj, "fontcolor", s->font);
  }
  if (s->line.len) {
    set(d, obj, "color", s->line);
  }
  if (s->style.len) {
    set(d, obj, "style", s->style);
  }
  if (s->pen.len) {
    set(d, obj, "penwidth", s->pen);
  }
}

/// Write the name of node `id` into d->name.
static void
node_name(Dot* const d, const KgTermId id)
{
  kg_buffer_clear(&d->name);
  const KgStatus st =
    kg_is_blank(d->graph, id)
      ? kg_buffer_printf(
          &d->name, "_:b%u", kg_order_blank_index(&d->layout.order, id))
      : kg_buffer_append_sv(&d->name, kg_terms_text(&d->graph->terms, id));
  if (st) {
    d->status = KG_BAD_ALLOC;
  }
}

/// Return the HTML that starts the text of a row of change `change`.
static const char*
change_open(const KgDotChange change)
{
  return change == KG_DOT_ADDED     ? "<FONT COLOR=\"" ADDED_COLOR "\">+ "
         : change == KG_DOT_REMOVED ? "<FONT COLOR=\"" REMOVED_COLOR "\"><S>"
                                    : "";
}

/// Return the HTML that ends what change_open() started.
static const char*
change_close(const KgDotChange change)
{
  return change == KG_DOT_ADDED     ? "</FONT>"
         : change == KG_DOT_REMOVED ? "</S></FONT>"
                                    : "";
}

/// Build the label of node `s`: a title, and a table of its literals.
static void
node_label(Dot* const d, Agnode_t* const node, const KgTermId s)
{
  const KgLayout* const l     = &d->layout;
  const size_t          title = kg_dot_title_of(d, s);
  KgBuffer* const       b     = &d->row;
  KgStatus              st    = KG_SUCCESS;
  const KgDotChange     title_change =
    title == SIZE_MAX ? KG_DOT_SAME
                          : kg_dot_change_of(d, l->order.triples[title]);
  kg_buffer_clear(b);

  // The title: the label, else the QName
  KgBuffer head = KG_BUFFER_INIT;
  if (title != SIZE_MAX) {
    st = kg_buffer_append_sv(
      &head,
      kg_terms_text(&d->graph->terms,
                    d->graph->triples[l->order.triples[title]].o));
  } else if (kg_is_blank(d->graph, s)) {
    st = kg_buffer_append_str(&head, "");
  } else {
    st = kg_dot_append_qname(d, &head, s);
  }

  // At most max_rows literals, in order; when some are left out of a
  // picture of a difference, the changed ones first
  const size_t n_rows =
    d->dot.literals == KG_DOT_LITERALS_TABLE ? kg_dot_table_rows(d, s) : 0U;
  const size_t limit   = kg_dot_shown_literals(d, n_rows);
  size_t       shown   = 0U;
  bool         any_row = false;
  for (unsigned pass = (d->dot.changes && limit < n_rows) ? 0U : 1U;
       pass < 2U && !st;
       ++pass) {
    for (uint32_t i = 0U; i < l->count[s] && shown < limit && !st; ++i) {
      const KgTriple* const t = kg_layout_triple(l, s, i);
      if (kg_kind(d->graph, t->o) != KG_TERM_LITERAL || d->excluded[t->p] ||
          l->first[s] + i == title) {
        continue;
      }
      const KgDotChange change =
        kg_dot_change_of(d, l->order.triples[l->first[s] + i]);
      if (limit < n_rows && d->dot.changes &&
          (pass == 0U) != (change != KG_DOT_SAME)) {
        continue;
      }
      ++shown;
      const char* const open  = change_open(change);
      const char* const close = change_close(change);

      if (!any_row) {
        // The title row, unless there is no title (a blank node): Graphviz
        // refuses an empty <B></B>
        st = kg_buffer_append_str(b,
                                  "<TABLE BORDER=\"0\" CELLBORDER=\"0\" "
                                  "CELLSPACING=\"0\" CELLPADDING=\"1\">");
        if (!st && head.len) {
          st = kg_buffer_append_str(b, "<TR><TD COLSPAN=\"2\">");
          st = st ? st : kg_buffer_append_str(b, change_open(title_change));
          st = st ? st : kg_buffer_append_str(b, "<B>");
          st = st ? st
                  : kg_dot_append_text(
                      b, kg_buffer_view(&head), d->dot.max_label, true);
          st = st ? st : kg_buffer_append_str(b, "</B>");
          st = st ? st : kg_buffer_append_str(b, change_close(title_change));
          st = st ? st : kg_buffer_append_str(b, "</TD></TR>");
        }
        any_row = true;
      }
      if (kg_dot_label_rank(kg_terms_text(&d->graph->terms, t->p)) < 9U) {
        // Another label (another language): under the title, as it is
        st = st ? st : kg_buffer_append_str(b, "<TR><TD COLSPAN=\"2\">");
      } else {
        st = st ? st
                : kg_buffer_append_str(
                    b, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"8\">");
        st = st ? st : kg_buffer_append_str(b, open);
        st = st ? st : kg_dot_append_property(d, b, t->p, true);
        st = st ? st : kg_buffer_append_str(b, close);
        st =
          st ? st : kg_buffer_append_str(b, "</FONT></TD><TD ALIGN=\"LEFT\">");
      }
      st = st ? st : kg_buffer_append_str(b, open);
      st =
        st ? st
        : kg_dot_label_rank(kg_terms_text(&d->graph->terms, t->p)) < 9U
          ? kg_dot_append_text(
              b, kg_terms_text(&d->graph->terms, t->o), d->dot.max_label, true)
          : kg_dot_append_literal(d, b, t->o, true);
      st = st ? st : kg_buffer_append_str(b, close);
      st = st ? st : kg_buffer_append_str(b, "</TD></TR>");
    }
  }
  if (!st && shown < n_rows) {
    st = kg_buffer_printf(b,
                          "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><FONT "
                          "POINT-SIZE=\"8\"><I>… and %s more</I></FONT>"
                          "</TD></TR>",
                          kg_dot_count(n_rows - shown).text);
  }

  if (!st && any_row) {
    st = kg_buffer_append_str(b, "</TABLE>");
    if (!st) {
      char* const html = agstrdup_html(d->g, b->data);
      if (!html) {
        st = KG_BAD_ALLOC;
      } else {
        agsafeset(node, "label", html, "");
        agstrfree(d->g, html);
      }
    }
  } else if (!st) {
    st = kg_dot_append_text(b, kg_buffer_view(&head), d->dot.max_label, false);
    if (!st) {
      agsafeset(node, "label", b->data ? b->data : "", "");
    }
    if (title_change != KG_DOT_SAME) {
      agsafeset(node,
                "fontcolor",
                title_change == KG_DOT_ADDED ? ADDED_COLOR : REMOVED_COLOR,
                "");
    }
  }

  kg_buffer_fini(&head);
  if (st) {
    d->status = st;
  }
}

static Agraph_t*
cluster_of(Dot* const d, const KgTermId s, Agraph_t** const clusters)
{
  const KgTermId key = d->cluster[s];
  if (!key) {
    return d->g;
  }

  if (!clusters[key]) {
    kg_buffer_clear(&d->name);
    if (kg_buffer_printf(&d->name, "cluster_%u", d->layout.order.rank[key])) {
      d->status = KG_BAD_ALLOC;
      return d->g;
    }
    if (!(clusters[key] = agsubg(d->g, d->name.data, 1))) {
      d->status = KG_BAD_ALLOC;
      return d->g;
    }

    kg_buffer_clear(&d->row);
    const size_t   title = kg_dot_title_of(d, key);
    const KgStatus st =
      title != SIZE_MAX
        ? kg_dot_append_text(
            &d->row,
            kg_terms_text(&d->graph->terms,
                          d->graph->triples[d->layout.order.triples[title]].o),
            d->dot.max_label,
            false)
        : kg_dot_append_name(d, &d->row, key);
    if (st) {
      d->status = st;
      return d->g;
    }
    agsafeset(clusters[key], "label", d->row.data ? d->row.data : "", "");
    agsafeset(clusters[key], "style", "rounded,dashed", "");
    agsafeset(clusters[key], "color", "#999999", "");
  }
  return clusters[key];
}

/// Draw edge or literal row `obj` as change `change` (a context edge grey).
static void
set_change(Dot* const d, void* const obj, const KgDotChange change)
{
  if (!d->dot.changes) {
    return;
  }

  char* const color = change == KG_DOT_ADDED     ? ADDED_COLOR
                      : change == KG_DOT_REMOVED ? REMOVED_COLOR
                                                 : CONTEXT_LINE;
  agsafeset(obj, "color", color, "");
  agsafeset(obj, "fontcolor", change == KG_DOT_SAME ? CONTEXT_TEXT : color, "");
  if (change != KG_DOT_SAME) {
    agsafeset(obj, "penwidth", "2", "");
  }
  if (change == KG_DOT_REMOVED) {
    agsafeset(obj, "style", "dashed", "");
  }
}

/// Draw node `node` as what changed around it.
static void
set_node_change(Dot* const d, Agnode_t* const node, const KgTermId id)
{
  const uint8_t touched = d->touched[id];
  if (!d->dot.changes) {
    return;
  }

  if (!(touched & (TOUCH_ADDED | TOUCH_REMOVED))) {
    agsafeset(node, "color", CONTEXT_LINE, "");
    agsafeset(node, "fillcolor", CONTEXT_FILL, "");
    agsafeset(node, "fontcolor", CONTEXT_TEXT, "");
    return;
  }

  agsafeset(node, "penwidth", "2", "");
  if (touched == TOUCH_ADDED) {
    agsafeset(node, "color", ADDED_COLOR, "");
  } else if (touched == TOUCH_REMOVED) {
    // Only in the old graph: dashed, as its edges
    const char* const style = agget(node, "style");
    kg_buffer_clear(&d->text);
    if (kg_buffer_printf(&d->text,
                         "%s%sdashed",
                         style ? style : "",
                         style && *style ? "," : "")) {
      d->status = KG_BAD_ALLOC;
      return;
    }
    agsafeset(node, "style", d->text.data, "");
    agsafeset(node, "color", REMOVED_COLOR, "");
  }
}

static void
add_edge(Dot* const            d,
         const KgTriple* const t,
         const size_t          index,
         const bool            undirected,
         const KgTermId        label_p)
{
  Agedge_t* const e = agedge(d->g, d->nodes[t->s], d->nodes[t->o], NULL, 1);
  kg_buffer_clear(&d->row);
  if (!e || kg_dot_append_property(d, &d->row, label_p, false)) {
    d->status = KG_BAD_ALLOC;
    return;
  }
  agsafeset(e, "label", d->row.data ? d->row.data : "", "");
  // Classes for SVG: the ids of both ends, to find a node's edges
  const char* const from = agget(d->nodes[t->s], "id");
  const char* const to   = agget(d->nodes[t->o], "id");
  kg_buffer_clear(&d->text);
  if (kg_buffer_printf(&d->text, "%s %s", from ? from : "", to ? to : "")) {
    d->status = KG_BAD_ALLOC;
    return;
  }
  agsafeset(e, "class", d->text.data, "");
  if (undirected) {
    agsafeset(e, "dir", "none", "");
  }

  const KgStringView iri   = kg_terms_text(&d->graph->terms, t->p);
  const KgStringView color = kg_dot_style_value(d, iri, KG_SV(KGS "lineColor"));
  const KgStringView style = kg_dot_style_value(d, iri, KG_SV(KGS "style"));
  if (color.len) {
    set(d, e, "color", color);
  }
  if (style.len) {
    set(d, e, "style", style);
  }
  set_change(d, e, kg_dot_change_of(d, index));
}

/// What the vocabulary says of a property: symmetric, and its inverses.
struct PropertyKindImpl {
  bool     symmetric;   ///< Symmetric, or its own inverse
  uint8_t  n_inverses;  ///< Number of `inverses`
  KgTermId inverses[6]; ///< Its inverses in the graph (both directions)
};

static const PropertyKind*
property_kind(Dot* const d, const KgTermId p)
{
  if (d->kinds[p]) {
    return d->kinds[p];
  }

  PropertyKind* const k = (PropertyKind*)kg_calloc(1U, sizeof(PropertyKind));
  if (!k) {
    d->status = KG_BAD_ALLOC;
    return NULL;
  }
  d->kinds[p] = k;

  const KgStringView iri = kg_terms_text(&d->graph->terms, p);
  k->symmetric           = kg_vocab_has(
    &d->vocab, iri, KG_SV(KG_RDF_TYPE), KG_SV(KG_OWL_NS "SymmetricProperty"));

  // owl:inverseOf either way round; an inverse of itself is symmetric
  for (size_t i = 0U; i < d->vocab.n_facts; ++i) {
    const KgFact* const f = &d->vocab.facts[i];
    if (!kg_sv_equals(f->predicate, KG_SV(KG_OWL_NS "inverseOf"))) {
      continue;
    }
    const KgStringView other = kg_sv_equals(f->subject, iri)  ? f->object
                               : kg_sv_equals(f->object, iri) ? f->subject
                                                              : KG_SV("");
    const KgTermId     q =
      other.len ? kg_graph_find_iri(d->graph, other) : KG_NO_TERM;
    if (q == p) {
      k->symmetric = true;
    } else if (q &&
               k->n_inverses < sizeof(k->inverses) / sizeof(k->inverses[0])) {
      k->inverses[k->n_inverses++] = q;
    }
  }
  return k;
}

/**
   Return true iff the triple `t` is not drawn because another stands for
   it: its reverse with a symmetric property (drawn from the node first in
   order, without arrowheads: `*undirected`), or its reverse with an
   inverse property that comes first in order and is drawn.
*/
static bool
drawn_reversed(Dot* const d, const KgTriple* const t, bool* const undirected)
{
  const PropertyKind* const k = property_kind(d, t->p);
  if (!k) {
    return false;
  }

  *undirected = k->symmetric;
  if (k->symmetric) {
    return d->layout.order.rank[t->s] > d->layout.order.rank[t->o] &&
           kg_graph_contains(d->graph, t->o, t->p, t->s);
  }

  for (uint8_t i = 0U; i < k->n_inverses; ++i) {
    const KgTermId q = k->inverses[i];
    if (!d->excluded[q] && kg_term_compare(d->graph, q, t->p) < 0 &&
        kg_graph_contains(d->graph, t->o, q, t->s)) {
      return true;
    }
  }
  return false;
}

/// A row of the legend: a look and what to call it.
typedef struct {
  const Style* style;
  char*        label;
} LegendEntry;

static int
compare_legend(const void* const a, const void* const b)
{
  return strcmp(((const LegendEntry*)a)->label, ((const LegendEntry*)b)->label);
}

/**
   Add the legend: one node per look in the picture, named by the class
   that sets it, in alphabetical order, on a grid of about as many columns
   as rows (invisible edges make the columns).
*/
static void
add_legend(Dot* const d)
{
  LegendEntry* const entries = (LegendEntry*)kg_calloc(
    d->n_styles ? d->n_styles : 1U, sizeof(LegendEntry));
  if (!entries) {
    d->status = KG_BAD_ALLOC;
    return;
  }

  size_t n = 0U;
  for (size_t i = 0U; i < d->n_styles && !d->status; ++i) {
    const Style* const s    = &d->styles[i];
    bool               seen = false;
    for (size_t j = 0U; j < n && !seen; ++j) {
      seen = kg_sv_equals(entries[j].style->origin, s->origin);
    }
    if (!s->shown || seen) {
      continue;
    }

    KgBuffer           label = KG_BUFFER_INIT;
    const KgStringView text  = kg_vocab_label(&d->vocab, s->origin, d->lang);
    const KgTermId     cls   = kg_graph_find_iri(d->graph, s->origin);
    const KgStatus     st =
      text.len ? kg_dot_append_text(&label, text, d->dot.max_label, false)
          : cls    ? kg_dot_append_name(d, &label, cls)
                   : kg_dot_append_text(&label, s->origin, 0U, false);
    if (st || !(entries[n].label = kg_buffer_steal(&label))) {
      kg_buffer_fini(&label);
      d->status = KG_BAD_ALLOC;
      break;
    }
    entries[n++].style = s;
  }

  if (n && !d->status) {
    qsort(entries, n, sizeof(LegendEntry), compare_legend);
    Agraph_t* const legend = agsubg(d->g, "cluster_legend", 1);
    if (!legend) {
      d->status = KG_BAD_ALLOC; // The loop below does nothing
    } else {
      agsafeset(legend, "label", "Legend", "");
      agsafeset(legend, "style", "rounded", "");
      agsafeset(legend, "color", "#bbbbbb", "");
    }

    size_t rows = 1U;
    while (rows * rows < n) {
      ++rows;
    }

    Agnode_t** const nodes = (Agnode_t**)kg_calloc(n, sizeof(Agnode_t*));
    for (size_t i = 0U; nodes && i < n && !d->status; ++i) {
      const Style* const s = entries[i].style;
      kg_buffer_clear(&d->name);
      if (kg_buffer_printf(
            &d->name, "legend %.*s", (int)s->origin.len, s->origin.data)) {
        d->status = KG_BAD_ALLOC;
        break;
      }
      if (!(nodes[i] = agnode(legend, d->name.data, 1))) {
        d->status = KG_BAD_ALLOC;
        break;
      }
      agsafeset(nodes[i], "label", entries[i].label, "");
      set_style(d, nodes[i], s);
      if (i >= rows) {
        Agedge_t* const e = agedge(legend, nodes[i - rows], nodes[i], NULL, 1);
        if (!e) {
          d->status = KG_BAD_ALLOC;
          break;
        }
        agsafeset(e, "style", "invis", "");
      }
    }
    if (!nodes) {
      d->status = KG_BAD_ALLOC;
    }
    kg_free(nodes);
  }

  for (size_t i = 0U; i < n; ++i) {
    kg_free(entries[i].label);
  }
  kg_free(entries);
}

/// Add what the colours of a difference mean to the legend.
static void
add_change_legend(Dot* const d)
{
  static const struct {
    const char* name;
    char*       label;
    char*       color;
    char*       style;
  } entries[] = {
    {"legend added", "added", ADDED_COLOR, "rounded"},
    {"legend removed", "removed", REMOVED_COLOR, "rounded,dashed"},
    {"legend unchanged", "unchanged", CONTEXT_LINE, "rounded"},
  };

  Agraph_t* const legend = agsubg(d->g, "cluster_legend", 1);
  if (!legend) {
    d->status = KG_BAD_ALLOC;
    return;
  }
  agsafeset(legend, "label", "Legend", "");
  agsafeset(legend, "style", "rounded", "");
  agsafeset(legend, "color", "#bbbbbb", "");
  Agnode_t* prev = NULL;
  for (size_t i = 0U; i < sizeof(entries) / sizeof(entries[0]); ++i) {
    kg_buffer_clear(&d->name);
    if (kg_buffer_append_str(&d->name, entries[i].name)) {
      d->status = KG_BAD_ALLOC;
      return;
    }
    Agnode_t* const node = agnode(legend, d->name.data, 1);
    if (!node) {
      d->status = KG_BAD_ALLOC;
      return;
    }
    agsafeset(node, "label", entries[i].label, "");
    agsafeset(node, "style", entries[i].style, "");
    agsafeset(node, "color", entries[i].color, "");
    agsafeset(node, "fillcolor", "#ffffff", "");
    agsafeset(node, "penwidth", "2", "");
    agsafeset(node, "fontcolor", i == 2U ? CONTEXT_TEXT : entries[i].color, "");
    if (prev) {
      Agedge_t* const e = agedge(legend, prev, node, NULL, 1);
      if (!e) {
        d->status = KG_BAD_ALLOC;
        return;
      }
      agsafeset(e, "style", "invis", "");
    }
    prev = node;
  }
}

void
kg_dot_build(Dot* const d)
{
  const KgLayout* const l = &d->layout;
  agseterr(AGMAX);
  if (kg_dot_memory_open(&d->memory, "kgraph", &d->g)) {
    d->status = KG_BAD_ALLOC;
    return;
  }

  // Defaults, declared once at the top of the file
  agattr(d->g, AGRAPH, "rankdir", "LR");
  agattr(d->g, AGRAPH, "fontname", "Helvetica");
  agattr(d->g, AGRAPH, "fontsize", "10");
  agattr(d->g, AGRAPH, "nodesep", "0.25");
  agattr(d->g, AGRAPH, "ranksep", "0.5");
  agattr(d->g, AGRAPH, "overlap", "false");
  // newrank: better ranks with clusters, and Graphviz 2.43 frees the layout
  // of labelled edges into clusters twice without it
  agattr(d->g, AGRAPH, "newrank", "true");
  // Graphviz's own default, declared so that an empty label is written
  agattr(d->g, AGNODE, "label", "\\N");
  agattr(d->g, AGNODE, "shape", "box");
  agattr(d->g, AGNODE, "style", "rounded,filled");
  agattr(d->g, AGNODE, "fillcolor", "#f2f2f2");
  agattr(d->g, AGNODE, "color", "#8c8c8c");
  agattr(d->g, AGNODE, "fontcolor", "#202020");
  agattr(d->g, AGNODE, "fontname", "Helvetica");
  agattr(d->g, AGNODE, "fontsize", "10");
  agattr(d->g, AGEDGE, "fontname", "Helvetica");
  agattr(d->g, AGEDGE, "fontsize", "8");
  agattr(d->g, AGEDGE, "color", "#7a7a7a");
  agattr(d->g, AGEDGE, "fontcolor", "#505050");
  agattr(d->g, AGEDGE, "arrowsize", "0.6");
  if (cgraph_failed(d)) {
    return;
  }

  const size_t     n_ids    = d->graph->terms.n_terms;
  Agraph_t** const clusters = (Agraph_t**)kg_calloc(n_ids, sizeof(Agraph_t*));
  KgTermId* const  by_rank  = (KgTermId*)kg_calloc(n_ids, sizeof(KgTermId));
  if (!clusters || !by_rank) {
    kg_free(clusters);
    kg_free(by_rank);
    d->status = KG_BAD_ALLOC;
    return;
  }

  // Nodes, in the stable order of terms
  size_t n_drawn = 0U;
  for (KgTermId id = 1U; id < n_ids; ++id) {
    by_rank[l->order.rank[id]] = id;
  }
  for (size_t r = 0U; r + 1U < n_ids && !d->status && !cgraph_failed(d); ++r) {
    const KgTermId id = by_rank[r];
    if (!d->drawn[id]) {
      continue;
    }

    // The cluster first: making it uses the scratch buffer of names
    Agraph_t* const sub = d->cluster_by ? cluster_of(d, id, clusters) : d->g;
    node_name(d, id);
    Agnode_t* const node = d->status ? NULL : agnode(sub, d->name.data, 1);
    if (!node) {
      d->status = d->status ? d->status : KG_BAD_ALLOC;
      break;
    }
    d->nodes[id] = node;
    // An id for SVG (and the HTML view): "n" and its place among the
    // nodes, which the same triples give whatever the terms interned
    char node_id[24];
    snprintf(node_id, sizeof(node_id), "n%zu", ++n_drawn);
    agsafeset(node, "id", node_id, "");
    node_label(d, node, id);
    if (d->node_style[id] >= 0) {
      Style* const s = &d->styles[d->node_style[id]];
      set_style(d, node, s);
      s->shown = true;
    }
    set_node_change(d, node, id);
  }

  // Edges, in the stable order of triples
  for (size_t i = 0U; i < l->order.n_triples && !d->status && !cgraph_failed(d);
       ++i) {
    const KgTriple* const t = &d->graph->triples[l->order.triples[i]];
    if (!d->drawn[t->s]) {
      continue;
    }

    if (kg_kind(d->graph, t->o) == KG_TERM_LITERAL) {
      if (d->dot.literals != KG_DOT_LITERALS_NODES || d->excluded[t->p] ||
          i == kg_dot_title_of(d, t->s)) {
        continue;
      }
      // One node for each literal triple, never merged by value
      kg_buffer_clear(&d->name);
      if (kg_buffer_printf(&d->name, "literal %zu", i)) {
        d->status = KG_BAD_ALLOC;
        break;
      }
      Agnode_t* const lit = agnode(d->g, d->name.data, 1);
      kg_buffer_clear(&d->row);
      if (!lit || kg_dot_append_literal(d, &d->row, t->o, false)) {
        d->status = KG_BAD_ALLOC;
        break;
      }
      agsafeset(lit, "label", d->row.data ? d->row.data : "", "");
      agsafeset(lit, "shape", "plaintext", "");
      agsafeset(lit, "style", "", "");
      Agedge_t* const e = agedge(d->g, d->nodes[t->s], lit, NULL, 1);
      kg_buffer_clear(&d->row);
      if (!e || kg_dot_append_property(d, &d->row, t->p, false)) {
        d->status = KG_BAD_ALLOC;
        break;
      }
      agsafeset(e, "label", d->row.data ? d->row.data : "", "");
      set_change(d, e, kg_dot_change_of(d, l->order.triples[i]));
      if (d->dot.changes) {
        agsafeset(lit,
                  "fontcolor",
                  agget(e, "fontcolor") ? agget(e, "fontcolor") : "",
                  "");
      }
      continue;
    }

    bool undirected = false;
    if (!kg_dot_is_edge(d, t) || !d->drawn[t->o] ||
        drawn_reversed(d, t, &undirected)) {
      continue;
    }
    add_edge(d, t, l->order.triples[i], undirected, t->p);
  }

  if (!d->dot.no_legend && !d->status) {
    add_legend(d);
  }
  if (!d->dot.no_legend && !d->status && d->dot.changes) {
    add_change_legend(d);
  }
  cgraph_failed(d);

  kg_free(by_rank);
  kg_free(clusters);
}
