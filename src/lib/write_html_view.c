// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The interactive view: one self-contained HTML file that holds the
// picture's SVG (from kg_graph_render()), a JSON block with every entity
// of the graph (not only the drawn ones), and the script and style of
// html_view.js and html_view.css, built in (html_view_data.c).
//
// Nothing from the data becomes markup: the JSON writes <, >, &, U+2028
// and U+2029 as \uXXXX, so no string can end its element, and the script
// puts every text in with textContent.  A Content-Security-Policy allows
// only the page's own script and style, by their SHA-256.
//
// A graph too big to draw well is drawn as the neighbourhood of its most
// linked entity (the focus view first); search and the panel reach the
// rest from the data.

#include "alloc.h"
#include "buffer.h"
#include "dot_draw.h"
#include "dot_impl.h"
#include "graph.h"
#include "intern.h"
#include "log.h"
#include "ns.h"
#include "order.h"

#include <kgraph/dot.h>
#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>
#include <kgraph/text.h>

#include <nettle/base64.h>
#include <nettle/sha2.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// The script and style of the page (src/lib/html_view.js and .css).
extern const char kg_html_view_js[];
extern const char kg_html_view_css[];

/// Above this many entities and links (rdf:type aside) together, and
/// without a focus, the view draws the neighbourhood of the most linked
/// entity: Graphviz's sfdp takes seconds past it, and the picture is a
/// tangle.  The whole graph stays in the data.
#define HTML_VIEW_WHOLE 2000U

/*
  The properties of claims: a claim is an rdf:Statement with rdf:subject,
  rdf:predicate and rdf:object; the style says which properties give its
  status (kgs:hedge) and its sources (kgs:source), as pictures read them.
*/

/// What a term is to the view.
enum {
  ROLE_LABEL  = 1U << 0U, ///< A label property
  ROLE_STATUS = 1U << 1U, ///< A claim's status property
  ROLE_SOURCE = 1U << 2U, ///< A claim's source property
};

typedef struct {
  const KgGraph*        graph;
  const KgGraph*        onto; ///< More labels (may be NULL)
  const KgWriteOptions* options;
  const KgDotOptions*   dot; ///< The picture's options (its style)
  KgStringView          lang;
  KgOrder               order;
  KgNamespaces          ns;
  const KgTriple*       triples;
  size_t                n_ids;
  uint32_t*             entity;   ///< Per term: its entity index + 1, or 0
  KgTermId*             entities; ///< The entities, in order
  size_t                n_entities;
  uint32_t*             first; ///< Per term: its first triple in order
  uint32_t*             count; ///< Per term: its triples as subject
  uint32_t*             prop;  ///< Per term: its property index + 1
  KgTermId*             props; ///< The properties, in order met
  size_t                n_props;
  uint32_t*             drawn;      ///< Per term: K of its node "nK", or 0
  uint8_t*              role;       ///< Per term: ROLE_ bits
  uint32_t*             onto_label; ///< Per term: a label from `onto`, or 0
  uint32_t*             claim_head; ///< Per term: its first claim + 1, or 0
  uint32_t*             claim_next; ///< Per triple: the next claim + 1, or 0
  KgTermId              rdf_type;
  KgTermId              rdf_subject;
  KgTermId              rdf_predicate;
  KgTermId              rdf_object;
  KgBuffer              out;
  KgBuffer              scratch;
} View;

/*
  Text
*/

/// Append `text` as a JSON string that cannot end an HTML element.
static KgStatus
json_string(KgBuffer* const out, const KgStringView text)
{
  static const char hex[] = "0123456789abcdef";
  size_t            start = 0U;
  kg_buffer_append_char(out, '"');
  for (size_t i = 0U; !out->status && i < text.len; ++i) {
    const unsigned char c = (unsigned char)text.data[i];
    char                esc[8];
    size_t              n    = 0U;
    size_t              skip = 1U;
    if (c == '"' || c == '\\') {
      esc[0] = '\\';
      esc[1] = (char)c;
      n      = 2U;
    } else if (c < 0x20U || c == '<' || c == '>' || c == '&' || c == 0x7FU) {
      memcpy(esc, "\\u00", 4U);
      esc[4] = hex[c >> 4U];
      esc[5] = hex[c & 0xFU];
      n      = 6U;
    } else if (c == 0xE2U && i + 2U < text.len &&
               (unsigned char)text.data[i + 1U] == 0x80U &&
               ((unsigned char)text.data[i + 2U] == 0xA8U ||
                (unsigned char)text.data[i + 2U] == 0xA9U)) {
      memcpy(esc,
             (unsigned char)text.data[i + 2U] == 0xA8U ? "\\u2028" : "\\u2029",
             6U);
      n    = 6U;
      skip = 3U;
    }
    if (n) {
      kg_buffer_append(out, text.data + start, i - start);
      kg_buffer_append(out, esc, n);
      i += skip - 1U;
      start = i + 1U;
    }
  }
  kg_buffer_append(out, text.data + start, text.len - start);
  kg_buffer_append_char(out, '"');
  return out->status;
}

/// Append `text` as HTML text.
static KgStatus
html_text(KgBuffer* const out, const KgStringView text)
{
  KgStatus st = KG_SUCCESS;
  for (size_t i = 0U; !st && i < text.len; ++i) {
    const char c = text.data[i];
    st           = c == '<'    ? kg_buffer_append_str(out, "&lt;")
                   : c == '>'  ? kg_buffer_append_str(out, "&gt;")
                   : c == '&'  ? kg_buffer_append_str(out, "&amp;")
                   : c == '"'  ? kg_buffer_append_str(out, "&quot;")
                   : c == '\'' ? kg_buffer_append_str(out, "&#39;")
                               : kg_buffer_append_char(out, c);
  }
  return st;
}

/// Append the QName of IRI `id`, or the IRI, or "_:bN" for a blank node.
static KgStatus
append_name(View* const v, KgBuffer* const out, const KgTermId id)
{
  if (kg_is_blank(v->graph, id)) {
    return kg_buffer_printf(out, "_:b%u", kg_order_blank_index(&v->order, id));
  }
  const KgStringView iri   = kg_terms_text(&v->graph->terms, id);
  KgStringView       local = {NULL, 0U};
  const long         i =
    kg_namespaces_split(&v->ns, iri, kg_turtle_local_is_valid, &local);
  if (i < 0) {
    return kg_buffer_append_sv(out, iri);
  }
  kg_buffer_append_sv(out, v->ns.ns[i].prefix);
  kg_buffer_printf(out, ":%.*s", (int)local.len, local.data);
  return out->status;
}

/// Return how well literal `o` fits as a label: 2 in the language, 1
/// without one, 0 in another.
static unsigned
lang_rank(const View* const v, const KgTermId o)
{
  const KgStringView lang = kg_term_lang(v->graph, o);
  return kg_sv_equals(lang, v->lang) ? 2U : lang.len ? 0U : 1U;
}

/*
  Setting up
*/

static KgTermId
find_iri(const KgGraph* const graph, const char* const iri)
{
  return kg_graph_find_iri(graph, kg_sv(iri));
}

/// Mark the terms with a role, and index the triples by subject.
static KgStatus
view_open(View* const v)
{
  KgStatus st = kg_order_init(&v->order, v->graph, 0U);
  if (st || (st = kg_namespaces_init(
               &v->ns, v->graph, v->onto, kg_turtle_prefix_is_valid))) {
    return st;
  }

  v->n_ids      = v->graph->terms.n_terms;
  v->triples    = kg_graph_triples(v->graph);
  v->entity     = (uint32_t*)kg_calloc(v->n_ids, sizeof(uint32_t));
  v->entities   = (KgTermId*)kg_calloc(v->n_ids, sizeof(KgTermId));
  v->first      = (uint32_t*)kg_calloc(v->n_ids, sizeof(uint32_t));
  v->count      = (uint32_t*)kg_calloc(v->n_ids, sizeof(uint32_t));
  v->prop       = (uint32_t*)kg_calloc(v->n_ids, sizeof(uint32_t));
  v->props      = (KgTermId*)kg_calloc(v->n_ids, sizeof(KgTermId));
  v->drawn      = (uint32_t*)kg_calloc(v->n_ids, sizeof(uint32_t));
  v->role       = (uint8_t*)kg_calloc(v->n_ids, 1U);
  v->onto_label = (uint32_t*)kg_calloc(v->n_ids, sizeof(uint32_t));
  if (!v->entity || !v->entities || !v->first || !v->count || !v->prop ||
      !v->props || !v->drawn || !v->role || !v->onto_label) {
    return KG_BAD_ALLOC;
  }

  // The label properties of pictures
  for (KgTermId id = 1U; id < v->n_ids; ++id) {
    if (kg_kind(v->graph, id) == KG_TERM_IRI &&
        kg_is_label_property(kg_terms_text(&v->graph->terms, id))) {
      v->role[id] |= ROLE_LABEL;
    }
  }
  if ((st = kg_dot_claim_roles(
         v->graph, v->options, v->dot, v->role, ROLE_STATUS, ROLE_SOURCE))) {
    return st;
  }
  v->role[KG_NO_TERM] = 0U;
  v->rdf_type         = find_iri(v->graph, KG_RDF_TYPE);
  v->rdf_subject      = find_iri(v->graph, KG_RDF_NS "subject");
  v->rdf_predicate    = find_iri(v->graph, KG_RDF_NS "predicate");
  v->rdf_object       = find_iri(v->graph, KG_RDF_NS "object");

  // The triples of each subject, contiguous in order
  for (size_t k = 0U; k < v->order.n_triples; ++k) {
    const KgTriple* const t = &v->triples[v->order.triples[k]];
    if (!v->count[t->s]++) {
      v->first[t->s] = (uint32_t)k;
    }
  }

  // The entities: what is a subject or an object, and not a literal
  KgTermId* const by_rank = (KgTermId*)kg_calloc(v->n_ids, sizeof(KgTermId));
  if (!by_rank) {
    return KG_BAD_ALLOC;
  }
  for (size_t i = 0U; i < v->graph->n_triples; ++i) {
    const KgTriple* const t = &v->triples[i];
    v->entity[t->s]         = 1U; // A mark, then the index
    if (kg_kind(v->graph, t->o) != KG_TERM_LITERAL) {
      v->entity[t->o] = 1U;
    }
  }
  for (KgTermId id = 1U; id < v->n_ids; ++id) {
    by_rank[v->order.rank[id]] = id;
  }
  for (size_t r = 0U; r + 1U < v->n_ids; ++r) {
    const KgTermId id = by_rank[r];
    if (v->entity[id]) {
      v->entities[v->n_entities] = id;
      v->entity[id]              = (uint32_t)++v->n_entities;
    }
  }
  kg_free(by_rank);

  // Labels from the ontology, for classes, properties and statuses
  const KgGraph* const o = v->onto;
  for (size_t i = 0U; o && i < o->n_triples; ++i) {
    const KgTriple* const t = &o->triples[i];
    if (kg_kind(o, t->o) != KG_TERM_LITERAL ||
        kg_kind(o, t->s) != KG_TERM_IRI) {
      continue;
    }
    const KgStringView p  = kg_terms_text(&o->terms, t->p);
    const bool         is = kg_is_label_property(p);
    const KgTermId     s =
      is ? kg_graph_find_iri(v->graph, kg_terms_text(&o->terms, t->s)) : 0U;
    if (s) {
      const KgStringView lang = kg_term_lang(o, t->o);
      const unsigned     rank = kg_sv_equals(lang, v->lang) ? 2U
                                : lang.len                  ? 0U
                                                            : 1U;
      const KgStringView prev =
        v->onto_label[s] ? kg_term_lang(o, v->onto_label[s]) : lang;
      const unsigned prev_rank = !v->onto_label[s]             ? 0U
                                 : kg_sv_equals(prev, v->lang) ? 2U
                                 : prev.len                    ? 0U
                                                               : 1U;
      if (!v->onto_label[s] || rank > prev_rank) {
        v->onto_label[s] = t->o;
      }
    }
  }
  return KG_SUCCESS;
}

static void
view_close(View* const v)
{
  kg_buffer_fini(&v->scratch);
  kg_buffer_fini(&v->out);
  kg_free(v->claim_next);
  kg_free(v->claim_head);
  kg_free(v->onto_label);
  kg_free(v->role);
  kg_free(v->drawn);
  kg_free(v->props);
  kg_free(v->prop);
  kg_free(v->count);
  kg_free(v->first);
  kg_free(v->entities);
  kg_free(v->entity);
  kg_namespaces_fini(&v->ns);
  kg_order_fini(&v->order);
}

/// Set `*best` to the most linked IRI, the first in order of the most
/// linked, or 0; count the links (rdf:type aside, as the picture does) in
/// `*n_links`.
static KgStatus
most_linked(View* const v, KgTermId* const best, size_t* const n_links)
{
  uint32_t* const degree = (uint32_t*)kg_calloc(v->n_ids, sizeof(uint32_t));
  if (!degree) {
    return KG_BAD_ALLOC;
  }
  *n_links = 0U;
  for (size_t i = 0U; i < v->graph->n_triples; ++i) {
    const KgTriple* const t = &v->triples[i];
    if (kg_kind(v->graph, t->o) != KG_TERM_LITERAL && t->p != v->rdf_type) {
      ++*n_links;
      ++degree[t->s];
      ++degree[t->o];
    }
  }
  *best = KG_NO_TERM;
  for (size_t e = 0U; e < v->n_entities; ++e) {
    const KgTermId id = v->entities[e];
    if (kg_kind(v->graph, id) == KG_TERM_IRI &&
        (!*best || degree[id] > degree[*best])) {
      *best = id;
    }
  }
  kg_free(degree);
  return KG_SUCCESS;
}

/// Set `*focus` to the entity `name` names as --focus does: its IRI, its
/// QName or a label, or leave it.
static KgStatus
find_focus(View* const v, const char* const name, KgTermId* const focus)
{
  const KgStringView want = kg_sv(name);
  for (size_t e = 0U; e < v->n_entities; ++e) {
    const KgTermId id = v->entities[e];
    kg_buffer_clear(&v->scratch);
    const KgStatus st = append_name(v, &v->scratch, id);
    if (st) {
      return st;
    }
    if (kg_sv_equals(kg_buffer_view(&v->scratch), want) ||
        (!kg_is_blank(v->graph, id) &&
         kg_sv_equals(kg_term_text(v->graph, id), want))) {
      *focus = id;
      return KG_SUCCESS;
    }
  }
  for (size_t e = 0U; e < v->n_entities; ++e) {
    const KgTermId id = v->entities[e];
    for (uint32_t k = 0U; k < v->count[id]; ++k) {
      const KgTriple* const t = &v->triples[v->order.triples[v->first[id] + k]];
      if ((v->role[t->p] & ROLE_LABEL) &&
          kg_sv_equals(kg_term_text(v->graph, t->o), want)) {
        *focus = id;
        return KG_SUCCESS;
      }
    }
  }
  return KG_SUCCESS;
}

/*
  The picture: which entity each node of the SVG is
*/

/// Decode the XML text `text` (entities and character references) into
/// v->scratch.
static KgStatus
xml_decode(View* const v, const char* const text, const size_t len)
{
  kg_buffer_clear(&v->scratch);
  KgStatus st = KG_SUCCESS;
  for (size_t i = 0U; !st && i < len; ++i) {
    if (text[i] != '&') {
      st = kg_buffer_append_char(&v->scratch, text[i]);
      continue;
    }
    const char* const semi = (const char*)memchr(text + i, ';', len - i);
    if (!semi) {
      return KG_FAILURE;
    }
    const char* const ent = text + i + 1U;
    const size_t      n   = (size_t)(semi - ent);
    unsigned long     c   = 0UL;
    if (n && ent[0] == '#') {
      char* end = NULL;
      c         = (n > 1U && (ent[1] == 'x' || ent[1] == 'X'))
                    ? strtoul(ent + 2, &end, 16)
                    : strtoul(ent + 1, &end, 10);
      if (end != semi || c == 0UL || c > 0x10FFFFUL) {
        return KG_FAILURE;
      }
    } else if (n == 3U && !memcmp(ent, "amp", 3U)) {
      c = '&';
    } else if (n == 2U && !memcmp(ent, "lt", 2U)) {
      c = '<';
    } else if (n == 2U && !memcmp(ent, "gt", 2U)) {
      c = '>';
    } else if (n == 4U && !memcmp(ent, "quot", 4U)) {
      c = '"';
    } else if (n == 4U && !memcmp(ent, "apos", 4U)) {
      c = '\'';
    } else {
      return KG_FAILURE;
    }
    char         utf8[4];
    const size_t m = c < 0x80UL      ? 1U
                     : c < 0x800UL   ? 2U
                     : c < 0x10000UL ? 3U
                                     : 4U;
    if (m == 1U) {
      utf8[0] = (char)c;
    } else {
      for (size_t k = m - 1U; k > 0U; --k) {
        utf8[k] = (char)(0x80UL | (c & 0x3FUL));
        c >>= 6U;
      }
      utf8[0] = (char)((m == 2U ? 0xC0UL : m == 3U ? 0xE0UL : 0xF0UL) | c);
    }
    st = kg_buffer_append(&v->scratch, utf8, m);
    i  = (size_t)(semi - text);
  }
  return st;
}

/// Set v->drawn from the nodes of `svg`: `<g id="nK" class="node">` and
/// the node's name in the `<title>` that follows.
static KgStatus
find_drawn(View* const v, const char* const svg)
{
  KgTermId* const blanks =
    (KgTermId*)kg_calloc(v->order.n_blanks + 1U, sizeof(KgTermId));
  if (!blanks) {
    return KG_BAD_ALLOC;
  }
  for (size_t e = 0U; e < v->n_entities; ++e) {
    const KgTermId id = v->entities[e];
    if (kg_is_blank(v->graph, id)) {
      blanks[kg_order_blank_index(&v->order, id)] = id;
    }
  }

  KgStatus    st = KG_SUCCESS;
  const char* p  = svg;
  while (!st && (p = strstr(p, "<g id=\"n"))) {
    char*               end = NULL;
    const unsigned long k   = strtoul(p + 8, &end, 10);
    p += 8;
    if (!end || strncmp(end, "\" class=\"node\"", 14U)) {
      continue;
    }
    const char* const title = strstr(end, "<title>");
    const char* const close = title ? strstr(title, "</title>") : NULL;
    if (!close) {
      break;
    }
    if ((st = xml_decode(v, title + 7, (size_t)(close - title - 7)))) {
      st = st == KG_FAILURE ? KG_SUCCESS : st;
      continue;
    }
    const KgStringView name = kg_buffer_view(&v->scratch);
    KgTermId           id   = KG_NO_TERM;
    if (name.len > 3U && !memcmp(name.data, "_:b", 3U)) {
      const unsigned long b = strtoul(name.data + 3, NULL, 10);
      id                    = b < v->order.n_blanks ? blanks[b] : KG_NO_TERM;
    } else {
      id = kg_graph_find_iri(v->graph, name);
    }
    if (id && id < v->n_ids && k <= UINT32_MAX) {
      v->drawn[id] = (uint32_t)k;
    }
  }
  kg_free(blanks);
  return st;
}

/*
  The data
*/

/// Return the index of property `p`, interned on first use.
static uint32_t
prop_index(View* const v, const KgTermId p)
{
  if (!v->prop[p]) {
    v->props[v->n_props] = p;
    v->prop[p]           = (uint32_t)++v->n_props;
  }
  return v->prop[p] - 1U;
}

/// Append the labels of entity `id` as [[text, lang]...], the language's first.
static KgStatus
json_labels(View* const v, const KgTermId id)
{
  KgBuffer* const out   = &v->out;
  bool            comma = false;
  kg_buffer_append_str(out, "\"l\":[");
  for (unsigned want = 3U; !out->status && want-- > 0U;) {
    for (uint32_t k = 0U; !out->status && k < v->count[id]; ++k) {
      const KgTriple* const t = &v->triples[v->order.triples[v->first[id] + k]];
      if (!(v->role[t->p] & ROLE_LABEL) ||
          kg_kind(v->graph, t->o) != KG_TERM_LITERAL ||
          lang_rank(v, t->o) != want) {
        continue;
      }
      if (comma) {
        kg_buffer_append_char(out, ',');
      }
      kg_buffer_append_char(out, '[');
      json_string(out, kg_term_text(v->graph, t->o));
      kg_buffer_append_char(out, ',');
      json_string(out, kg_term_lang(v->graph, t->o));
      kg_buffer_append_char(out, ']');
      comma = true;
    }
  }
  if (!comma && v->onto_label[id]) {
    kg_buffer_append_char(out, '[');
    json_string(out, kg_term_text(v->onto, v->onto_label[id]));
    kg_buffer_append_char(out, ',');
    json_string(out, kg_term_lang(v->onto, v->onto_label[id]));
    kg_buffer_append_char(out, ']');
  }
  kg_buffer_append_char(out, ']');
  return out->status;
}

/// Append `"key":[entities]` of the objects of (s, p) for the ps of `role`.
static KgStatus
json_refs(View* const v, const KgTermId s, const uint8_t role)
{
  bool comma = false;
  kg_buffer_append_char(&v->out, '[');
  for (uint32_t k = 0U; !v->out.status && k < v->count[s]; ++k) {
    const KgTriple* const t = &v->triples[v->order.triples[v->first[s] + k]];
    if ((v->role[t->p] & role) && v->entity[t->o]) {
      kg_buffer_printf(
        &v->out, comma ? ",%u" : "%u", (unsigned)(v->entity[t->o] - 1U));
      comma = true;
    }
  }
  kg_buffer_append_char(&v->out, ']');
  return v->out.status;
}

/// Return the first object of (`s`, `p`, ?), or 0.
static KgTermId
object_of(const View* const v, const KgTermId s, const KgTermId p)
{
  for (uint32_t k = 0U; p && k < v->count[s]; ++k) {
    const KgTriple* const t = &v->triples[v->order.triples[v->first[s] + k]];
    if (t->p == p) {
      return t->o;
    }
  }
  return KG_NO_TERM;
}

/// Append the hedges of entity `id`: for each claim whose rdf:subject it
/// is, [property, object entity or -1, [statuses], [sources], claim].
static KgStatus
json_hedges(View* const v, const KgTermId id)
{
  KgBuffer* const out   = &v->out;
  bool            comma = false;
  for (uint32_t c = v->claim_head[id]; !out->status && c;
       c          = v->claim_next[c - 1U]) {
    const KgTermId claim = v->triples[c - 1U].s;
    const KgTermId p     = object_of(v, claim, v->rdf_predicate);
    const KgTermId o     = object_of(v, claim, v->rdf_object);
    if (kg_kind(v->graph, p) != KG_TERM_IRI) {
      continue;
    }
    kg_buffer_printf(out,
                     "%s[%u,%ld,",
                     comma ? "," : ",\"h\":[",
                     prop_index(v, p),
                     v->entity[o] ? (long)v->entity[o] - 1L : -1L);
    json_refs(v, claim, ROLE_STATUS);
    kg_buffer_append_char(out, ',');
    json_refs(v, claim, ROLE_SOURCE);
    kg_buffer_printf(out, ",%u]", (unsigned)(v->entity[claim] - 1U));
    comma = true;
  }
  if (comma) {
    kg_buffer_append_char(out, ']');
  }
  return out->status;
}

/// Append entity `id` as a JSON object.
static KgStatus
json_entity(View* const v, const KgTermId id)
{
  KgBuffer* const out = &v->out;
  KgStatus        st  = KG_SUCCESS;
  kg_buffer_append_char(out, '{');
  if (!kg_is_blank(v->graph, id)) {
    kg_buffer_append_str(out, "\"i\":");
    json_string(out, kg_term_text(v->graph, id));
    kg_buffer_append_char(out, ',');
  }
  if (v->drawn[id]) {
    kg_buffer_printf(out, "\"d\":%u,", v->drawn[id]);
  }
  kg_buffer_clear(&v->scratch);
  KG_TRY(st, append_name(v, &v->scratch, id));
  kg_buffer_append_str(out, "\"q\":");
  json_string(out, kg_buffer_view(&v->scratch));
  kg_buffer_append_char(out, ',');
  json_labels(v, id);

  // Types, literals, links out: in the order of the triples
  const char* const keys[3] = {",\"t\":[", ",\"a\":[", ",\"o\":["};
  for (unsigned part = 0U; !out->status && part < 3U; ++part) {
    bool comma = false;
    for (uint32_t k = 0U; !out->status && k < v->count[id]; ++k) {
      const KgTriple* const t = &v->triples[v->order.triples[v->first[id] + k]];
      const bool literal      = kg_kind(v->graph, t->o) == KG_TERM_LITERAL;
      const bool is_type      = t->p == v->rdf_type && !literal;
      if ((part == 0U && !is_type) || (part == 1U && !literal) ||
          (part == 2U && (literal || is_type)) ||
          (part == 1U && (v->role[t->p] & ROLE_LABEL))) {
        continue;
      }
      kg_buffer_append_str(out, comma ? "," : keys[part]);
      comma = true;
      if (part == 0U) {
        kg_buffer_printf(out, "%u", (unsigned)(v->entity[t->o] - 1U));
      } else if (part == 2U) {
        kg_buffer_printf(out,
                         "[%u,%u]",
                         prop_index(v, t->p),
                         (unsigned)(v->entity[t->o] - 1U));
      } else {
        const KgStringView lang = kg_term_lang(v->graph, t->o);
        const KgTermId     type = kg_term_datatype(v->graph, t->o);
        kg_buffer_clear(&v->scratch);
        if (lang.len) {
          kg_buffer_printf(&v->scratch, "@%.*s", (int)lang.len, lang.data);
        } else if (type != v->graph->xsd_string) {
          append_name(v, &v->scratch, type);
        }
        KG_TRY(st, v->scratch.status);
        kg_buffer_printf(out, "[%u,", prop_index(v, t->p));
        json_string(out, kg_term_text(v->graph, t->o));
        kg_buffer_append_char(out, ',');
        json_string(out, kg_buffer_view(&v->scratch));
        kg_buffer_append_char(out, ']');
      }
    }
    if (comma) {
      kg_buffer_append_char(out, ']');
    }
  }
  json_hedges(v, id);
  kg_buffer_append_char(out, '}');
  return out->status;
}

/// Append the label of property `p`: its label in the graph or the
/// ontology, or its QName.
static KgStatus
json_property(View* const v, const KgTermId p)
{
  for (unsigned want = 3U; want-- > 0U;) {
    for (uint32_t k = 0U; k < v->count[p]; ++k) {
      const KgTriple* const t = &v->triples[v->order.triples[v->first[p] + k]];
      if ((v->role[t->p] & ROLE_LABEL) &&
          kg_kind(v->graph, t->o) == KG_TERM_LITERAL &&
          lang_rank(v, t->o) == want) {
        return json_string(&v->out, kg_term_text(v->graph, t->o));
      }
    }
  }
  if (v->onto_label[p]) {
    return json_string(&v->out, kg_term_text(v->onto, v->onto_label[p]));
  }
  kg_buffer_clear(&v->scratch);
  KgStatus st = KG_SUCCESS;
  KG_TRY(st, append_name(v, &v->scratch, p));
  return json_string(&v->out, kg_buffer_view(&v->scratch));
}

/// Write the JSON of the data block into v->out.
static KgStatus
json_data(View* const v, const KgTermId focus, const char* note)
{
  KgBuffer* const out = &v->out;
  // Claims: the triples (claim, rdf:subject, entity), listed by entity
  v->claim_head = (uint32_t*)kg_calloc(v->n_ids, sizeof(uint32_t));
  v->claim_next =
    (uint32_t*)kg_calloc(v->graph->n_triples + 1U, sizeof(uint32_t));
  if (!v->claim_head || !v->claim_next) {
    return KG_BAD_ALLOC;
  }
  for (size_t i = v->graph->n_triples; v->rdf_subject && i-- > 0U;) {
    const KgTriple* const t = &v->triples[i];
    if (t->p == v->rdf_subject && t->o < v->n_ids) {
      v->claim_next[i]    = v->claim_head[t->o];
      v->claim_head[t->o] = (uint32_t)i + 1U;
    }
  }

  KgStatus st = KG_SUCCESS;
  kg_buffer_printf(
    out, "{\"focus\":%ld,\"note\":", focus ? (long)v->entity[focus] - 1L : -1L);
  json_string(out, kg_sv(note ? note : ""));
  kg_buffer_append_str(out, ",\"e\":[");
  for (size_t e = 0U; !out->status && e < v->n_entities; ++e) {
    if (e) {
      kg_buffer_append_str(out, ",\n");
    }
    KG_TRY(st, json_entity(v, v->entities[e]));
  }

  // The properties met, with their labels and IRIs
  kg_buffer_append_str(out, "],\n\"p\":[");
  for (size_t i = 0U; !out->status && i < v->n_props; ++i) {
    if (i) {
      kg_buffer_append_char(out, ',');
    }
    kg_buffer_append_char(out, '[');
    KG_TRY(st, json_property(v, v->props[i]));
    kg_buffer_append_char(out, ',');
    json_string(out, kg_term_text(v->graph, v->props[i]));
    kg_buffer_append_char(out, ']');
  }
  kg_buffer_append_str(out, "]}");
  return out->status;
}

/*
  The page
*/

/// Append "'sha256-BASE64'" of `text`.
static KgStatus
append_hash(KgBuffer* const out, const char* const text)
{
  struct sha256_ctx ctx;
  uint8_t           digest[SHA256_DIGEST_SIZE];
  char              b64[BASE64_ENCODE_RAW_LENGTH(SHA256_DIGEST_SIZE) + 1];
  sha256_init(&ctx);
  sha256_update(&ctx, strlen(text), (const uint8_t*)text);
  sha256_digest(&ctx, sizeof(digest), digest);
  base64_encode_raw((void*)b64, sizeof(digest), digest);
  b64[BASE64_ENCODE_RAW_LENGTH(SHA256_DIGEST_SIZE)] = '\0';
  return kg_buffer_printf(out, "'sha256-%s'", b64);
}

/// Append the SVG from its root element, without comments.
static KgStatus
append_svg(KgBuffer* const out, const char* const svg)
{
  const char* p = strstr(svg, "<svg");
  if (!p) {
    return KG_BAD_INTERNAL;
  }
  for (const char* c; !out->status && (c = strstr(p, "<!--"));) {
    const char* const end = strstr(c + 4, "-->");
    kg_buffer_append(out, p, (size_t)(c - p));
    if (!end) {
      return KG_BAD_INTERNAL;
    }
    p = end + 3;
  }
  kg_buffer_append_str(out, p);
  return out->status;
}

/// Write the page of `svg` and the data in v->out to `stream`.
static KgStatus
write_page(View* const       v,
           const char* const svg,
           const char* const note,
           FILE* const       stream)
{
  KgBuffer page = KG_BUFFER_INIT;
  KgStatus st   = KG_SUCCESS;
  kg_buffer_append_str(
    &page,
    "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
    "'none'; script-src ");
  append_hash(&page, kg_html_view_js);
  kg_buffer_append_str(&page, "; style-src ");
  append_hash(&page, kg_html_view_css);
  kg_buffer_append_str(
    &page,
    "; img-src 'none'; base-uri 'none'; form-action 'none'\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, "
    "initial-scale=1\">\n<meta name=\"generator\" content=\"kgraph\">\n"
    "<title>kgraph view</title>\n<style>");
  kg_buffer_append_str(&page, kg_html_view_css);
  kg_buffer_append_str(
    &page,
    "</style>\n</head>\n<body>\n<header>\n"
    "<input type=\"search\" id=\"search\" placeholder=\"Find "
    "an entity by label or prefixed name\" aria-label=\"Find "
    "an entity\" autocomplete=\"off\">\n"
    "<ol id=\"results\" hidden></ol>\n<p id=\"note\">");
  html_text(&page, kg_sv(note ? note : ""));
  kg_buffer_append_str(
    &page,
    "</p>\n<p id=\"keys\">wheel: zoom, drag: pan, keys: + - 0 "
    "arrows</p>\n</header>\n<main id=\"view\" tabindex=\"0\">\n");
  if (!(st = append_svg(&page, svg)) &&
      !(st = kg_buffer_append_str(
          &page,
          "</main>\n<aside id=\"entity\" hidden></aside>\n"
          "<script type=\"application/json\" id=\"kg-data\">")) &&
      (fwrite(page.data, 1U, page.len, stream) != page.len ||
       fwrite(v->out.data, 1U, v->out.len, stream) != v->out.len ||
       fputs("</script>\n<script>", stream) < 0 ||
       fputs(kg_html_view_js, stream) < 0 ||
       fputs("</script>\n</body>\n</html>\n", stream) < 0 || fflush(stream) ||
       ferror(stream))) {
    st = KG_BAD_WRITE;
  }
  kg_buffer_fini(&page);
  return st;
}

KgStatus
kg_html_view_draw(const KgPicture* const picture)
{
  const KgGraph* const        graph   = picture->graph;
  const KgWriteOptions* const options = picture->options;
  View                        v;
  memset(&v, 0, sizeof(v));
  v.graph   = graph;
  v.onto    = options->ontology;
  v.options = options;

  // The SVG drawn in the page, with the options the view changes
  KgPicture     svg_picture = *picture;
  KgDotOptions* dot         = &svg_picture.dot;
  svg_picture.format        = "svg";
  v.lang                    = kg_sv(dot->lang ? dot->lang : "en");
  v.dot                     = dot;

  char*    svg     = NULL;
  size_t   len     = 0U;
  KgBuffer note    = KG_BUFFER_INIT;
  KgBuffer iri     = KG_BUFFER_INIT;
  KgTermId focus   = KG_NO_TERM;
  size_t   n_links = 0U;
  FILE*    mem     = NULL;
  KgStatus st      = KG_SUCCESS;
  if ((st = view_open(&v))) {
    goto done;
  }

  // Too big to draw whole: the neighbourhood of the most linked entity
  if (!dot->focus && !dot->changes &&
      (st = most_linked(&v, &focus, &n_links))) {
    goto done;
  }
  if (focus && v.n_entities + n_links > HTML_VIEW_WHOLE) {
    kg_buffer_clear(&v.scratch);
    if ((st = append_name(&v, &v.scratch, focus)) ||
        (st = kg_buffer_printf(&note,
                               "%zu entities and %zu links: drawn is the "
                               "neighbourhood of '%s', the most linked; "
                               "search finds every entity",
                               v.n_entities,
                               n_links,
                               v.scratch.data)) ||
        (st = kg_buffer_append_sv(&iri, kg_term_text(graph, focus)))) {
      goto done;
    }
    dot->focus = iri.data;
    // The literals are in the panel: a table in each node would make the
    // picture several times bigger, and slow to open
    dot->literals = KG_DOT_LITERALS_NONE;
    kg_log(&options->log, KG_LOG_NOTE, KG_NO_CARET, "%s", note.data);
  } else {
    focus = KG_NO_TERM;
  }

  if (!(mem = open_memstream(&svg, &len))) {
    st = KG_BAD_ALLOC;
    goto done;
  }
  svg_picture.stream = mem;
  st                 = kg_dot_draw(&svg_picture);
  if (fclose(mem) && !st) {
    st = KG_BAD_ALLOC;
  }
  if (st ||
      (dot->focus && !focus && (st = find_focus(&v, dot->focus, &focus))) ||
      (st = find_drawn(&v, svg)) || (st = json_data(&v, focus, note.data))) {
    goto done;
  }
  st = write_page(&v, svg, note.data, picture->stream);

done:
  free(svg);
  kg_buffer_fini(&iri);
  kg_buffer_fini(&note);
  view_close(&v);
  return st;
}
