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

/// Return true iff `iri` is an http or https IRI: the only ones linked.
static bool
is_web(const KgStringView iri)
{
  static const char* const schemes[] = {"http://", "https://"};
  for (size_t i = 0U; i < 2U; ++i) {
    const size_t n = strlen(schemes[i]);
    if (iri.len > n && !strncasecmp(iri.data, schemes[i], n)) {
      return true;
    }
  }
  return false;
}

/**
   Append `text` escaped for an escString (tooltip, URL), for SVG: `&` as
   &amp;, which Graphviz's SVG writer passes on as it is; a backslash four
   times, as Graphviz reads them twice in a tooltip (\\N is the node's
   name; a character reference is read before); line breaks as \n; at
   most `max` characters.
*/
static KgStatus
append_esc(KgBuffer* const out, const KgStringView text, const unsigned max)
{
  const size_t start = out->len;
  KgStatus     st    = kg_dot_append_text(out, text, max, false);
  size_t       n     = 0U; // Backslashes of the text (doubled)
  for (size_t i = start; !st && i + 1U < out->len; ++i) {
    if (out->data[i] == '\\' && out->data[i + 1U] == '\\') {
      ++n;
      ++i;
    }
  }
  if (st || !n) {
    return st;
  }

  // Rare: make each doubled backslash four
  const size_t len  = out->len - start;
  char* const  copy = (char*)kg_malloc(len);
  if (!copy) {
    return KG_BAD_ALLOC;
  }
  memcpy(copy, out->data + start, len);
  out->len         = start;
  out->data[start] = '\0';
  for (size_t i = 0U; i < len && !st; ++i) {
    if (copy[i] == '\\' && i + 1U < len && copy[i + 1U] == '\\') {
      st = kg_buffer_append_str(out, "\\\\\\\\");
      ++i;
    } else {
      st = kg_buffer_append_char(out, copy[i]); // &amp; and \n as they are
    }
  }
  kg_free(copy);
  return st;
}

/// Append the name of term `id` for people, escaped for an escString.
static KgStatus
append_esc_label(Dot* const d, KgBuffer* const out, const KgTermId id)
{
  kg_buffer_clear(&d->scratch);
  KgStatus st = KG_SUCCESS;
  KG_TRY(st, kg_dot_append_label(d, &d->scratch, id));
  return append_esc(out, kg_buffer_view(&d->scratch), DOT_TOOLTIP_CHARS);
}

/// Append the QName of `id` (or its IRI), escaped.
static KgStatus
append_esc_qname(Dot* const d, KgBuffer* const out, const KgTermId id)
{
  kg_buffer_clear(&d->scratch);
  KgStatus st = KG_SUCCESS;
  KG_TRY(st, kg_dot_append_qname(d, &d->scratch, id));
  return append_esc(out, kg_buffer_view(&d->scratch), 0U);
}

/// Append the label of property `p` (else its QName), escaped.
static KgStatus
append_esc_property(Dot* const d, KgBuffer* const out, const KgTermId p)
{
  const KgStringView label =
    kg_vocab_label(&d->vocab, kg_terms_text(&d->graph->terms, p), d->lang);
  return label.len ? append_esc(out, label, d->dot.max_label)
                   : append_esc_qname(d, out, p);
}

/// Append what the claims of (s, p, o) say, escaped.
static KgStatus
append_esc_claims(Dot* const      d,
                  KgBuffer* const out,
                  const KgTermId  s,
                  const KgTermId  p,
                  const KgTermId  o,
                  const bool      brief)
{
  kg_buffer_clear(&d->scratch);
  KgStatus st = KG_SUCCESS;
  KG_TRY(st, kg_dot_append_claims(d, &d->scratch, s, p, o, brief));
  return append_esc(out, kg_buffer_view(&d->scratch), 0U);
}

/// Set `URL` of `obj` to `iri` if it is http(s), escaped.
static void
set_url(Dot* const d, void* const obj, const KgTermId iri)
{
  const KgStringView text = kg_terms_text(&d->graph->terms, iri);
  if (kg_kind(d->graph, iri) != KG_TERM_IRI || !is_web(text)) {
    return;
  }
  kg_buffer_clear(&d->text);
  if (append_esc(&d->text, text, 0U)) {
    d->status = KG_BAD_ALLOC;
    return;
  }
  agsafeset(obj, "URL", d->text.data, "");
}

/// Append the line of literal triple `t` in a tooltip: `property:
/// "value"@lang` or with its datatype, and what claims say of it; escaped.
static KgStatus
append_literal_line(Dot* const d, KgBuffer* const b, const KgTriple* const t)
{
  KgStatus st = KG_SUCCESS;
  KG_TRY(st, append_esc_property(d, b, t->p));
  kg_buffer_append_str(b, ": \"");
  KG_TRY(
    st,
    append_esc(b, kg_terms_text(&d->graph->terms, t->o), DOT_TOOLTIP_CHARS));
  kg_buffer_append_str(b, "\"");
  const KgStringView lang = kg_term_lang(d->graph, t->o);
  const KgTermId     type = kg_term_datatype(d->graph, t->o);
  if (lang.len) {
    kg_buffer_printf(b, "@%.*s", (int)lang.len, lang.data);
  } else if (type && !kg_sv_equals(kg_terms_text(&d->graph->terms, type),
                                   KG_SV(KG_XSD_NS "string"))) {
    kg_buffer_append_str(b, "^^");
    KG_TRY(st, append_esc_qname(d, b, type));
  }
  KG_TRY(st, append_esc_claims(d, b, t->s, t->p, t->o, true));
  return b->status;
}

/**
   Set the tooltip of node `node`: its label and QName, and every literal
   of it (but those of properties --exclude leaves out, and none with
   --literals none) as `property:
   "value"@lang` or with its datatype, with what claims say of it; at most
   DOT_TOOLTIP_LINES of them, then how many more.
*/
static void
set_node_tooltip(Dot* const d, Agnode_t* const node, const KgTermId s)
{
  const KgLayout* const l  = &d->layout;
  KgBuffer* const       b  = &d->row;
  KgStatus              st = KG_SUCCESS;
  kg_buffer_clear(b);

  const size_t title = kg_dot_title_of(d, s);
  if (title != SIZE_MAX) {
    st = append_esc_label(d, b, s);
  }
  if (!st && !kg_is_blank(d->graph, s)) {
    kg_buffer_append_str(b, title != SIZE_MAX ? " (" : "");
    if (!(st = append_esc_qname(d, b, s))) {
      st = kg_buffer_append_str(b, title != SIZE_MAX ? ")" : "");
    }
  } else if (!st && title == SIZE_MAX) {
    st = kg_buffer_append_str(b, "blank node");
  }

  // --literals none: none here either
  size_t n_lines = 0U;
  size_t more    = 0U;
  for (uint32_t i = 0U;
       i < l->count[s] && !st && d->dot.literals != KG_DOT_LITERALS_NONE;
       ++i) {
    const KgTriple* const t = kg_layout_triple(l, s, i);
    if (kg_kind(d->graph, t->o) != KG_TERM_LITERAL ||
        (d->excluded[t->p] && !kg_dot_property_hidden(d, t->p))) {
      continue;
    }
    if (n_lines == DOT_TOOLTIP_LINES) {
      ++more;
      continue;
    }
    ++n_lines;
    kg_buffer_append_str(b, "\\n");
    st = append_literal_line(d, b, t);
  }
  if (!st && more) {
    st = kg_buffer_printf(b, "\\n… and %s more", kg_dot_count(more).text);
  }
  if (st) {
    d->status = st;
    return;
  }
  agsafeset(node, "tooltip", b->data ? b->data : "", "");
}

/// Set the tooltip of edge `e` of triple `t`: "subject — property —
/// object", and what claims say of the triple.
static void
set_edge_tooltip(Dot* const d, Agedge_t* const e, const KgTriple* const t)
{
  KgBuffer* const b = &d->row;
  kg_buffer_clear(b);
  KgStatus st = KG_SUCCESS;
  if ((st = append_esc_label(d, b, t->s)) ||
      (st = kg_buffer_append_str(b, " — ")) ||
      (st = append_esc_property(d, b, t->p)) ||
      (st = kg_buffer_append_str(b, " — ")) ||
      (st = append_esc_label(d, b, t->o)) ||
      (st = append_esc_claims(d, b, t->s, t->p, t->o, false))) {
    d->status = st;
    return;
  }
  agsafeset(e, "tooltip", b->data ? b->data : "", "");
  set_url(d, e, t->p);
}

/// Draw edge `e` of triple `t` with the look of its most hedged status:
/// its style words instead of the property's, its arrowhead.
static void
set_edge_look(Dot* const d, Agedge_t* const e, const KgTriple* const t)
{
  StatusLook* const look = kg_dot_triple_look(d, t->s, t->p, t->o);
  if (!look) {
    return;
  }
  if (look->style.len) {
    set(d, e, "style", look->style);
  }
  if (look->arrow.len) {
    set(d, e, "arrowhead", look->arrow);
  }
  if (look->mark.len) {
    // The mark before the label, for the colour-blind and black and white
    kg_buffer_clear(&d->row);
    const char* const label = agget(e, "label");
    if (append_esc(&d->row, look->mark, 8U) ||
        kg_buffer_printf(&d->row, " %s", label ? label : "")) {
      d->status = KG_BAD_ALLOC;
      return;
    }
    agsafeset(e, "label", d->row.data, "");
  }
  look->shown = true;
}

/// Add the style words of the status node `id` carries to its outline.
static void
set_node_look(Dot* const d, Agnode_t* const node, const KgTermId id)
{
  StatusLook* const look = kg_dot_node_look(d, id);
  if (!look || !look->style.len) {
    return;
  }
  const char* const style = agget(node, "style");
  kg_buffer_clear(&d->text);
  if (kg_buffer_printf(&d->text,
                       "%s%s%.*s",
                       style ? style : "",
                       style && *style ? "," : "",
                       (int)look->style.len,
                       look->style.data)) {
    d->status = KG_BAD_ALLOC;
    return;
  }
  agsafeset(node, "style", d->text.data, "");
  look->shown = true;
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
    kg_buffer_append_sv(
      &head,
      kg_terms_text(&d->graph->terms,
                    d->graph->triples[l->order.triples[title]].o));
  } else if (kg_is_blank(d->graph, s)) {
    kg_buffer_append_str(&head, "");
  } else {
    kg_dot_append_qname(d, &head, s);
  }
  if ((st = head.status)) {
    goto done;
  }

  // At most max_rows literals, in order; when some are left out of a
  // picture of a difference, the changed ones first
  const size_t n_rows =
    d->dot.literals == KG_DOT_LITERALS_TABLE ? kg_dot_table_rows(d, s) : 0U;
  const size_t limit   = kg_dot_shown_literals(d, n_rows);
  size_t       shown   = 0U;
  bool         any_row = false;
  for (unsigned pass = (d->dot.changes && limit < n_rows) ? 0U : 1U; pass < 2U;
       ++pass) {
    for (uint32_t i = 0U; i < l->count[s] && shown < limit; ++i) {
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
        kg_buffer_append_str(b,
                             "<TABLE BORDER=\"0\" CELLBORDER=\"0\" "
                             "CELLSPACING=\"0\" CELLPADDING=\"1\">");
        if (head.len) {
          kg_buffer_append_str(b, "<TR><TD COLSPAN=\"2\">");
          kg_buffer_append_str(b, change_open(title_change));
          kg_buffer_append_str(b, "<B>");
          kg_dot_append_text(b, kg_buffer_view(&head), d->dot.max_label, true);
          kg_buffer_append_str(b, "</B>");
          kg_buffer_append_str(b, change_close(title_change));
          kg_buffer_append_str(b, "</TD></TR>");
        }
        any_row = true;
      }
      if (kg_is_label_property(kg_terms_text(&d->graph->terms, t->p))) {
        // Another label (another language): under the title, as it is
        kg_buffer_append_str(b, "<TR><TD COLSPAN=\"2\">");
      } else {
        kg_buffer_append_str(b,
                             "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"8\">");
        kg_buffer_append_str(b, open);
        if ((st = kg_dot_append_property(d, b, t->p, true))) {
          goto done;
        }
        kg_buffer_append_str(b, close);
        kg_buffer_append_str(b, "</FONT></TD><TD ALIGN=\"LEFT\">");
      }
      if ((st = kg_buffer_append_str(b, open))) {
        goto done;
      }
      // A value a hedged claim describes: in italics, after the mark of
      // its status, in its colour
      StatusLook* const look = kg_dot_triple_look(d, t->s, t->p, t->o);
      if (look) {
        look->shown = true;
        kg_buffer_append_str(b, "<I>");
        if (look->font.len) {
          kg_buffer_append_str(b, "<FONT COLOR=\"");
          kg_dot_append_text(b, look->font, 32U, true);
          kg_buffer_append_str(b, "\">");
        }
        if (look->mark.len) {
          kg_dot_append_text(b, look->mark, 8U, true);
          kg_buffer_append_str(b, " ");
        }
      }
      if (kg_is_label_property(kg_terms_text(&d->graph->terms, t->p))) {
        kg_dot_append_text(
          b, kg_terms_text(&d->graph->terms, t->o), d->dot.max_label, true);
      } else {
        kg_dot_append_literal(d, b, t->o, true);
      }
      if (look) {
        kg_buffer_append_str(b, look->font.len ? "</FONT></I>" : "</I>");
      }
      kg_buffer_append_str(b, close);
      if ((st = kg_buffer_append_str(b, "</TD></TR>"))) {
        goto done;
      }
    }
  }
  if (shown < n_rows) {
    kg_buffer_printf(b,
                     "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><FONT "
                     "POINT-SIZE=\"8\"><I>… and %s more</I></FONT>"
                     "</TD></TR>",
                     kg_dot_count(n_rows - shown).text);
  }

  if (any_row) {
    if ((st = kg_buffer_append_str(b, "</TABLE>"))) {
      goto done;
    }
    char* const html = agstrdup_html(d->g, b->data);
    if (!html) {
      st = KG_BAD_ALLOC;
      goto done;
    }
    agsafeset(node, "label", html, "");
    agstrfree(d->g, html);
  } else {
    if ((st = kg_dot_append_text(
           b, kg_buffer_view(&head), d->dot.max_label, false))) {
      goto done;
    }
    agsafeset(node, "label", b->data ? b->data : "", "");
    if (title_change != KG_DOT_SAME) {
      agsafeset(node,
                "fontcolor",
                title_change == KG_DOT_ADDED ? ADDED_COLOR : REMOVED_COLOR,
                "");
    }
  }

done:
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
        : kg_dot_append_name(d, &d->row, key, false);
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
  if (color.len || style.len) {
    d->drawn_property[t->p] = 1U; // For the legend
  }
  set_edge_look(d, e, t);
  set_edge_tooltip(d, e, t);
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

/// Open the legend, or return it.
static Agraph_t*
legend_graph(Dot* const d)
{
  Agraph_t* const legend = agsubg(d->g, "cluster_legend", 1);
  if (!legend) {
    d->status = KG_BAD_ALLOC;
    return NULL;
  }
  agsafeset(legend, "label", "Legend", "");
  agsafeset(legend, "style", "rounded", "");
  agsafeset(legend, "color", "#bbbbbb", "");
  return legend;
}

/// Add an invisible edge from `a` to `b` in `g`: an order, no line.
static void
legend_order(Dot* const d, Agraph_t* const g, Agnode_t* const a, Agnode_t* b)
{
  Agedge_t* const e = (a && b) ? agedge(g, a, b, NULL, 1) : NULL;
  if (a && b && !e) {
    d->status = KG_BAD_ALLOC;
  } else if (e) {
    agsafeset(e, "style", "invis", "");
  }
}

/**
   Title a group of the legend `title`, in the column after `before` (an
   invisible edge orders them).  Made after the entries of a column that
   follows another (before the entries of the first), the title stands
   above them: dot orders the nodes of a rank by when they were made.  Subgraphs
   would do, but cgraph writes sibling subgraphs in the order of their names'
   addresses, which would make the DOT text depend on the input order.
*/
static void
legend_title(Dot* const        d,
             Agraph_t* const   legend,
             const char* const title,
             Agnode_t* const   before)
{
  kg_buffer_clear(&d->name);
  Agnode_t* const node =
    (!legend || kg_buffer_printf(&d->name, "legend title %s", title))
      ? NULL
      : agnode(legend, d->name.data, 1);
  if (!node) {
    d->status = KG_BAD_ALLOC;
    return;
  }
  set(d, node, "label", kg_sv(title));
  agsafeset(node, "shape", "plaintext", "");
  agsafeset(node, "style", "", "");
  agsafeset(node, "fontname", "Helvetica-Bold", "");
  legend_order(d, legend, before, node);
}

/**
   Add a sample edge to legend group `group`, between two small points
   named after `key`, labelled `label` (escaped), in `color` and `style`
   (either may be empty) with arrowhead `arrow`; after `before` (an
   invisible edge to its first point puts it in the next column).  Return
   its second point.
*/
static Agnode_t*
legend_sample(Dot* const         d,
              Agraph_t* const    group,
              const KgStringView key,
              const char* const  label,
              const KgStringView color,
              const KgStringView style,
              const KgStringView arrow,
              const KgStringView font,
              Agnode_t* const    before)
{
  Agnode_t* ends[2] = {NULL, NULL};
  for (size_t i = 0U; i < 2U && !d->status; ++i) {
    kg_buffer_clear(&d->name);
    if (kg_buffer_printf(&d->name,
                         "legend %s %.*s",
                         i ? "to" : "from",
                         (int)key.len,
                         key.data) ||
        !(ends[i] = agnode(group, d->name.data, 1))) {
      d->status = KG_BAD_ALLOC;
      return NULL;
    }
    agsafeset(ends[i], "shape", "point", "");
    agsafeset(ends[i], "width", "0.04", "");
    agsafeset(ends[i], "style", "filled", "");
    agsafeset(ends[i], "label", "", "");
    set(d, ends[i], "color", color.len ? color : KG_SV("#7a7a7a"));
    set(d, ends[i], "fillcolor", color.len ? color : KG_SV("#7a7a7a"));
    set(d, ends[i], "group", key); // A straight edge
  }
  Agedge_t* const e =
    d->status ? NULL : agedge(group, ends[0], ends[1], NULL, 1);
  if (!e) {
    if (!d->status) {
      d->status = KG_BAD_ALLOC;
    }
    return NULL;
  }
  set(d, e, "label", kg_sv(label));
  if (color.len) {
    set(d, e, "color", color);
  }
  if (style.len) {
    set(d, e, "style", style);
  }
  if (arrow.len) {
    set(d, e, "arrowhead", arrow);
  }
  if (font.len) {
    set(d, e, "fontcolor", font);
  }
  legend_order(d, group, before, ends[0]);
  return ends[1];
}

/// Add the properties drawn with a look of their own to the legend, in
/// order, after `before`; return the end of a sample (or `before`).
static Agnode_t*
add_property_legend(Dot* const            d,
                    const KgTermId* const by_rank,
                    Agnode_t* const       before)
{
  const size_t n_ids = d->graph->terms.n_terms;
  Agraph_t*    group = NULL;
  Agnode_t*    last  = NULL;
  KgBuffer     label = KG_BUFFER_INIT;
  for (size_t r = 0U; r + 1U < n_ids && !d->status; ++r) {
    // In the order of terms: by rank
    const KgTermId p = by_rank[r];
    if (!p || !d->drawn_property[p]) {
      continue;
    }
    if (!group && !(group = legend_graph(d))) {
      break;
    }
    const KgStringView iri = kg_terms_text(&d->graph->terms, p);
    kg_buffer_clear(&label);
    if (kg_dot_append_property(d, &label, p, false)) {
      d->status = KG_BAD_ALLOC;
      break;
    }
    last = legend_sample(d,
                         group,
                         iri,
                         label.data ? label.data : "",
                         kg_dot_style_value(d, iri, KG_SV(KGS "lineColor")),
                         kg_dot_style_value(d, iri, KG_SV(KGS "style")),
                         KG_SV(""),
                         KG_SV(""),
                         before);
  }
  if (last && !d->status) {
    legend_title(d, group, "properties", before);
  }
  kg_buffer_fini(&label);
  return last ? last : before;
}

static int
compare_looks(const void* const a, const void* const b)
{
  const StatusLook* const x = *(const StatusLook* const*)a;
  const StatusLook* const y = *(const StatusLook* const*)b;
  return x->rank != y->rank       ? (x->rank < y->rank ? -1 : 1)
         : x->status != y->status ? (x->status < y->status ? -1 : 1)
                                  : 0;
}

/// Add the statuses drawn to the legend, the least hedged first, each with
/// its mark and the look of its edges, after `before`.
static void
add_status_legend(Dot* const d, Agnode_t* const before)
{
  const size_t       n = kg_dot_n_looks(d);
  StatusLook** const looks =
    (StatusLook**)kg_calloc(n ? n : 1U, sizeof(StatusLook*));
  if (!looks) {
    d->status = KG_BAD_ALLOC;
    return;
  }
  size_t n_shown = 0U;
  for (size_t i = 0U; i < n; ++i) {
    if (kg_dot_look(d, i)->shown) {
      looks[n_shown++] = kg_dot_look(d, i);
    }
  }
  qsort(looks, n_shown, sizeof(StatusLook*), compare_looks);

  Agraph_t* const group = n_shown ? legend_graph(d) : NULL;
  KgBuffer        label = KG_BUFFER_INIT;
  KgBuffer        raw   = KG_BUFFER_INIT;
  for (size_t i = 0U; group && i < n_shown && !d->status; ++i) {
    const StatusLook* const look = looks[i];
    kg_buffer_clear(&label);
    kg_buffer_clear(&raw);
    if (look->mark.len) {
      kg_dot_append_text(&label, look->mark, 8U, false);
      kg_buffer_append_str(&label, " ");
    }
    KgStatus st = KG_SUCCESS;
    if ((st = kg_dot_append_label(d, &raw, look->status)) ||
        (st = kg_dot_append_text(
           &label, kg_buffer_view(&raw), d->dot.max_label, false))) {
      d->status = st;
      break;
    }
    legend_sample(d,
                  group,
                  kg_terms_text(&d->graph->terms, look->status),
                  label.data ? label.data : "",
                  KG_SV(""),
                  look->style,
                  look->arrow,
                  look->font,
                  before);
  }
  if (group && !d->status) {
    legend_title(d, group, "statuses", before);
  }
  kg_buffer_fini(&raw);
  kg_buffer_fini(&label);
  kg_free(looks);
}

/**
   Add the legend: every look in the picture, in three titled groups side
   by side (invisible edges order them).  Classes: one node per look, named by
   the class that sets it, in alphabetical order, on a grid of about as many
   columns as rows.  Properties with a colour or style of their own, and
   the statuses of claims drawn: a sample edge each, labelled.
*/
static void
add_legend(Dot* const d, const KgTermId* const by_rank)
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
          : cls    ? kg_dot_append_name(d, &label, cls, false)
                   : kg_dot_append_text(&label, s->origin, 0U, false);
    if (st || !(entries[n].label = kg_buffer_steal(&label))) {
      kg_buffer_fini(&label);
      d->status = KG_BAD_ALLOC;
      break;
    }
    entries[n++].style = s;
  }

  Agnode_t* last = NULL;
  if (n && !d->status) {
    qsort(entries, n, sizeof(LegendEntry), compare_legend);
    // The first column has no node before it: its title comes first
    Agraph_t* const legend = legend_graph(d);
    legend_title(d, legend, "classes", NULL);

    size_t rows = 1U;
    while (rows * rows < n) {
      ++rows;
    }

    Agnode_t** const nodes = (Agnode_t**)kg_calloc(n, sizeof(Agnode_t*));
    for (size_t i = 0U; legend && nodes && i < n && !d->status; ++i) {
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
        legend_order(d, legend, nodes[i - rows], nodes[i]);
      }
      last = nodes[i];
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

  if (!d->status) {
    last = add_property_legend(d, by_rank, last);
  }
  if (!d->status) {
    add_status_legend(d, last);
  }
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

  Agraph_t* const legend = legend_graph(d);
  if (!legend) {
    return;
  }
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
  d->drawn_property         = (uint8_t*)kg_calloc(n_ids, 1U);
  KgStatus st               = KG_BAD_ALLOC;
  if (!clusters || !by_rank || !d->drawn_property ||
      (st = kg_dot_claims_read(d))) {
    kg_dot_claims_free(d);
    kg_free(d->drawn_property);
    d->drawn_property = NULL;
    kg_buffer_fini(&d->scratch);
    kg_free(clusters);
    kg_free(by_rank);
    d->status = st;
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
      if (!d->status) {
        d->status = KG_BAD_ALLOC;
      }
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
    set_node_look(d, node, id);
    set_url(d, node, id);
    set_node_tooltip(d, node, id);
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
      kg_buffer_clear(&d->row);
      if ((d->status = append_literal_line(d, &d->row, t))) {
        break;
      }
      agsafeset(lit, "tooltip", d->row.data ? d->row.data : "", "");
      Agedge_t* const e = agedge(d->g, d->nodes[t->s], lit, NULL, 1);
      kg_buffer_clear(&d->row);
      if (!e || kg_dot_append_property(d, &d->row, t->p, false)) {
        d->status = KG_BAD_ALLOC;
        break;
      }
      agsafeset(e, "label", d->row.data ? d->row.data : "", "");
      set_edge_look(d, e, t);
      set_edge_tooltip(d, e, t);
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
    add_legend(d, by_rank);
  }
  if (!d->dot.no_legend && !d->status && d->dot.changes) {
    add_change_legend(d);
  }
  cgraph_failed(d);

  kg_dot_claims_free(d);
  kg_free(d->drawn_property);
  d->drawn_property = NULL;
  kg_buffer_fini(&d->scratch);
  kg_free(by_rank);
  kg_free(clusters);
}
