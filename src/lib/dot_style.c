// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Pictures: styles: classes and properties to looks, from the style graph (see
// write_dot.c).

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

static bool
fact_is_true(const KgStringView value)
{
  return kg_sv_equals(value, KG_SV("true")) || kg_sv_equals(value, KG_SV("1"));
}

/// Return a style attribute of `subject`: the given style's, else the
/// built-in style's.
KgStringView
kg_dot_style_value(const Dot* const   d,
                   const KgStringView subject,
                   const KgStringView attribute)
{
  const KgStringView v = kg_vocab_object(&d->vocab, subject, attribute);
  return v.len ? v : kg_vocab_object(&d->base, subject, attribute);
}

bool
kg_dot_style_is_true(const Dot* const   d,
                     const KgStringView subject,
                     const KgStringView attribute)
{
  return fact_is_true(kg_dot_style_value(d, subject, attribute));
}

/// Return true iff property `p` is hidden by the style.
bool
kg_dot_property_hidden(const Dot* const d, const KgTermId p)
{
  return kg_dot_style_is_true(
    d, kg_terms_text(&d->graph->terms, p), KG_SV(KGS "hidden"));
}

/// Return the index of the style of class `cls` (a term), made once.
static int32_t
class_style(Dot* const d, const KgTermId cls)
{
  if (d->class_style[cls] != UNKNOWN_STYLE) {
    return d->class_style[cls];
  }

  KgStringView ancestors[64];
  const size_t n = kg_vocab_ancestors(
    &d->vocab, kg_terms_text(&d->graph->terms, cls), ancestors, 64U);
  Style style;
  memset(&style, 0, sizeof(style));
  style.cls = kg_terms_text(&d->graph->terms, cls);

  // Each attribute from the nearest ancestor that has it
  static const char* const names[]  = {KGS "shape",
                                       KGS "fillColor",
                                       KGS "fontColor",
                                       KGS "lineColor",
                                       KGS "style",
                                       KGS "penWidth",
                                       KGS "hidden"};
  KgStringView* const      fields[] = {&style.shape,
                                       &style.fill,
                                       &style.font,
                                       &style.line,
                                       &style.style,
                                       &style.pen,
                                       NULL};
  for (size_t f = 0U; f < sizeof(names) / sizeof(names[0]); ++f) {
    for (size_t a = 0U; a < n; ++a) {
      const KgStringView v =
        kg_dot_style_value(d, ancestors[a], kg_sv(names[f]));
      if (v.len) {
        if (fields[f]) {
          *fields[f] = v;
        } else {
          style.hidden = fact_is_true(v);
        }
        // The class that sets the fill colour names the look; without
        // one, the class that sets the first attribute found
        if (f == 1U || !style.any) {
          style.origin = ancestors[a];
        }
        style.any = true;
        break;
      }
    }
  }

  if (!style.any) {
    d->class_style[cls] = NO_STYLE;
    return NO_STYLE;
  }

  Style* const styles =
    (Style*)kg_reallocarray(d->styles, d->n_styles + 1U, sizeof(Style));
  if (!styles) {
    d->status = KG_BAD_ALLOC;
    return NO_STYLE;
  }
  d->styles              = styles;
  d->styles[d->n_styles] = style;
  d->class_style[cls]    = (int32_t)d->n_styles;
  return (int32_t)d->n_styles++;
}

/**
   Return the style of node `s`: that of its most specific styled type (no
   other styled type of it is a subclass), the smallest IRI among equals.
*/
int32_t
kg_dot_node_style(Dot* const d, const KgTermId s)
{
  const KgLayout* const l    = &d->layout;
  int32_t               best = NO_STYLE;
  for (uint32_t i = 0U; i < l->count[s]; ++i) {
    const KgTriple* const t = kg_layout_triple(l, s, i);
    if (t->p != d->type || kg_kind(d->graph, t->o) != KG_TERM_IRI) {
      continue;
    }

    const int32_t st = class_style(d, t->o);
    if (st == NO_STYLE) {
      continue;
    }

    // Types come in order: keep the first unless this one is more specific
    if (best == NO_STYLE ||
        kg_vocab_is_ancestor(&d->vocab,
                             kg_terms_text(&d->graph->terms, t->o),
                             d->styles[best].cls)) {
      best = st;
    }
  }
  return best;
}

/**
   Load the style: the graph's and the ontology's annotations, and the
   given style, over the built-in one.
*/
KgStatus
kg_dot_load_style(Dot* const d)
{
  KgStatus st = KG_SUCCESS;

  // The built-in style, under the given one (which overrides it)
  d->own_style              = kg_graph_new();
  const KgReadOptions ropts = {KG_SYNTAX_TURTLE, KGS, 0U, d->options->log};
  if (!d->own_style) {
    return KG_BAD_ALLOC;
  }
  if ((st = kg_graph_read_string(
         d->own_style, kg_sv(kg_style_ttl), "style.ttl", &ropts))) {
    return st;
  }

  if ((st = kg_vocab_add(&d->vocab, d->graph, false)) ||
      (d->options->ontology &&
       (st = kg_vocab_add(&d->vocab, d->options->ontology, true))) ||
      (d->dot.style && (st = kg_vocab_add(&d->vocab, d->dot.style, true))) ||
      (st = kg_vocab_add(&d->base, d->own_style, true))) {
    return st;
  }
  kg_vocab_finish(&d->vocab);
  kg_vocab_finish(&d->base);
  return KG_SUCCESS;
}
