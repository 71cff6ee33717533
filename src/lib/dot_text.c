// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Pictures: text: escaping for labels, names, counts and titles (see
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

/**
   Append `text` to `out` for a label: cut at `max` characters with an
   ellipsis, controls made visible, and escaped for an HTML-like label
   (`html`) or for a plain label (backslashes doubled, newlines as \n).
*/
KgStatus
kg_dot_append_text(KgBuffer* const    out,
                   const KgStringView text,
                   const unsigned     max,
                   const bool         html)
{
  KgStatus st = KG_SUCCESS;
  unsigned n  = 0U;
  for (size_t i = 0U; i < text.len && !st;) {
    if (max && n++ == max) {
      return kg_buffer_append_str(out, "…");
    }

    const size_t   at = i;
    const uint32_t c  = kg_utf8_next(text, &i);
    if (c == '\r' && i < text.len && text.data[i] == '\n') {
      --n; // CRLF is one line break, made by its LF
    } else if (c == '\n' || c == '\r') {
      st = kg_buffer_append_str(out, html ? "<BR ALIGN=\"LEFT\"/>" : "\\n");
    } else if (c == 0xFFFFFFFFU || c < 0x20U || c == 0x7FU ||
               (c >= 0xFFFEU && c <= 0xFFFFU)) {
      // Not text a label can show: show its code instead
      st = kg_buffer_printf(out, "\\\\u%04X", c == 0xFFFFFFFFU ? 0xFFFDU : c);
    } else if (c == '&') {
      // Graphviz reads entities in plain labels too
      st = kg_buffer_append_str(out, "&amp;");
    } else if (html && c == '<') {
      st = kg_buffer_append_str(out, "&lt;");
    } else if (html && c == '>') {
      st = kg_buffer_append_str(out, "&gt;");
    } else if (html && c == '"') {
      st = kg_buffer_append_str(out, "&quot;");
    } else if (c == '\\') {
      // Graphviz reads escapes (\N, \G, \\...) in both kinds of label
      st = kg_buffer_append_str(out, "\\\\");
    } else {
      st = kg_buffer_append(out, text.data + at, i - at);
    }
  }
  return out->status;
}

/**
   Append `text` to `out` for a `tooltip`: as kg_dot_append_text() for a
   plain label, but every backslash of the text as four.  Graphviz reads a
   tooltip twice: once for SVG, where a backslash escapes the next
   character and `\n` is a line break, and then as an escString, where
   `\N` is the node's name and `\\` a backslash.
*/
KgStatus
kg_dot_append_tooltip(KgBuffer* const    out,
                      const KgStringView text,
                      const unsigned     max)
{
  KgStatus st = KG_SUCCESS;
  unsigned n  = 0U;
  for (size_t i = 0U; i < text.len && !st;) {
    const size_t   at = i;
    const uint32_t c  = kg_utf8_next(text, &i);
    if (c == '\r' && i < text.len && text.data[i] == '\n') {
      continue; // CRLF is one line break, made by its LF
    }
    if (max && n++ == max) {
      return kg_buffer_append_str(out, "…");
    }
    if (c == '\\') {
      st = kg_buffer_append_str(out, "\\\\\\\\");
    } else {
      const KgStringView one = {text.data + at, i - at};
      st                     = kg_dot_append_text(out, one, 0U, false);
    }
  }
  return out->status;
}

/// Return the QName of IRI `id` (or the IRI), in `out`.
KgStatus
kg_dot_append_qname(Dot* const d, KgBuffer* const out, const KgTermId id)
{
  const KgStringView iri   = kg_terms_text(&d->graph->terms, id);
  KgStringView       local = {NULL, 0U};
  const long         i =
    kg_namespaces_split(&d->ns, iri, kg_turtle_local_is_valid, &local);
  if (i < 0) {
    return kg_buffer_append_sv(out, iri);
  }

  kg_buffer_append_sv(out, d->ns.ns[i].prefix);
  kg_buffer_printf(out, ":%.*s", (int)local.len, local.data);
  return out->status;
}

/// Append the QName of IRI `id` (or the IRI) as label text, escaped for
/// an HTML-like label if `html`.
KgStatus
kg_dot_append_name(Dot* const      d,
                   KgBuffer* const out,
                   const KgTermId  id,
                   const bool      html)
{
  KgBuffer name = KG_BUFFER_INIT;
  KgStatus st   = kg_dot_append_qname(d, &name, id);
  if (!st) {
    st = kg_dot_append_text(out, kg_buffer_view(&name), 0U, html);
  }
  kg_buffer_fini(&name);
  return st;
}

Count
kg_dot_count(size_t n)
{
  char   digits[24];
  size_t n_digits = 0U;
  do {
    digits[n_digits++] = (char)('0' + n % 10U);
    n /= 10U;
  } while (n);

  Count  c;
  size_t j = 0U;
  for (size_t i = n_digits; i > 0U; --i) {
    c.text[j++] = digits[i - 1U];
    if (i > 1U && (i - 1U) % 3U == 0U) {
      c.text[j++] = ',';
    }
  }
  c.text[j] = '\0';
  return c;
}

/**
   Return the triple (position in order) that gives the title of node `s`:
   the best label property, in the language asked for, else with no
   language, else the first; or SIZE_MAX.
*/
size_t
kg_dot_title_of(const Dot* const d, const KgTermId s)
{
  const KgLayout* const l          = &d->layout;
  size_t                best       = SIZE_MAX;
  unsigned              best_score = UINT32_MAX;
  for (uint32_t i = 0U; i < l->count[s]; ++i) {
    const KgTriple* const t = kg_layout_triple(l, s, i);
    if (kg_kind(d->graph, t->o) != KG_TERM_LITERAL || d->excluded[t->p]) {
      continue;
    }

    const unsigned rank = kg_label_rank(kg_terms_text(&d->graph->terms, t->p));
    if (rank == KG_N_LABEL_PROPERTIES) {
      continue;
    }

    const KgStringView lang = kg_term_lang(d->graph, t->o);
    const unsigned fit = kg_sv_equals(lang, d->lang) ? 0U : !lang.len ? 1U : 2U;
    const unsigned score = fit * 16U + rank; // The language first
    if (score < best_score) {
      best       = l->first[s] + i;
      best_score = score;
    }
  }
  return best;
}

/// Append the label of property `p`: its label, else its QName.
KgStatus
kg_dot_append_property(Dot* const      d,
                       KgBuffer* const out,
                       const KgTermId  p,
                       const bool      html)
{
  const KgStringView label =
    kg_vocab_label(&d->vocab, kg_terms_text(&d->graph->terms, p), d->lang);
  if (label.len) {
    return kg_dot_append_text(out, label, d->dot.max_label, html);
  }
  return kg_dot_append_name(d, out, p, html);
}

/// Append a literal's text, and its language if it is not the one asked.
KgStatus
kg_dot_append_literal(Dot* const      d,
                      KgBuffer* const out,
                      const KgTermId  o,
                      const bool      html)
{
  kg_dot_append_text(
    out, kg_terms_text(&d->graph->terms, o), d->dot.max_label, html);
  const KgStringView lang = kg_term_lang(d->graph, o);
  if (lang.len && !kg_sv_equals(lang, d->lang)) {
    kg_buffer_printf(out, " @%.*s", (int)lang.len, lang.data);
  }
  return out->status;
}
