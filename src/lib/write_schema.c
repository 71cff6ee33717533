// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The schema view: an ontology as a diagram, built with cgraph.
//
// Classes (declared with owl:Class or rdfs:Class, or used by
// rdfs:subClassOf, rdfs:domain or rdfs:range) are boxes titled with their
// label; below the title, one row per datatype property whose domain is the
// class (`label : range`).  rdfs:subClassOf is an edge with a hollow
// arrowhead from the subclass to its superclass; an object property is one
// edge from its domain to its range, labelled with its label.  Properties
// with no domain, or an object property with no range, are rows of one
// "other properties" box: nothing is dropped.  Classes outside the
// ontology's own namespace (the namespace of most declared classes) are
// small and grey.  A property with several domains or ranges is drawn with
// the first of each, in input order.
//
// Everything is one pass over the triples and a sort: no recursion.

#include "alloc.h"
#include "buffer.h"
#include "dot_impl.h"
#include "log.h"
#include "ns.h"
#include "vocab.h"

#include <kgraph/dot.h>
#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>
#include <kgraph/text.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define OWL "http://www.w3.org/2002/07/owl#"
#define XSD "http://www.w3.org/2001/XMLSchema#"

/// What the schema says about one term.
typedef struct {
  KgTermId  domain;      ///< First rdfs:domain (an IRI), or 0
  KgTermId  range;       ///< First rdfs:range (an IRI), or 0
  bool      is_class;    ///< Drawn as a class
  bool      declared;    ///< Declared a class (owl:Class or rdfs:Class)
  bool      is_property; ///< Declared a property, or has a domain or range
  bool      is_datatype; ///< Declared owl:DatatypeProperty
  bool      is_object;   ///< Declared owl:ObjectProperty
  Agnode_t* node;        ///< Its node, for a class
  KgBuffer  rows;        ///< Rows of datatype properties, for a class
} SchemaTerm;

/// An IRI with its id, to sort by IRI.
typedef struct {
  KgStringView iri;
  KgTermId     id;
} SchemaEntry;

typedef struct {
  const KgGraph* graph;
  KgVocab        vocab;
  KgNamespaces   ns;
  KgStringView   lang;
  KgStringView   own; ///< The ontology's own namespace
  SchemaTerm*    terms;
  SchemaEntry*   order; ///< Every IRI term, sorted by IRI
  size_t         n_order;
  Agraph_t*      g;
  DotMemory      memory; ///< Of `g`
  KgStatus       status;
} Schema;

/// Append `text` escaped for an HTML-like label, controls made visible.
static KgStatus
append_html(KgBuffer* const out, const KgStringView text)
{
  KgStatus st = KG_SUCCESS;
  for (size_t i = 0U; i < text.len && !st;) {
    const size_t   at = i;
    const uint32_t c  = kg_utf8_next(text, &i);
    if (c == 0xFFFFFFFFU || c < 0x20U || c == 0x7FU ||
        (c >= 0xFFFEU && c <= 0xFFFFU)) {
      st = kg_buffer_printf(out, "\\\\u%04X", c == 0xFFFFFFFFU ? 0xFFFDU : c);
    } else if (c == '&') {
      st = kg_buffer_append_str(out, "&amp;");
    } else if (c == '<') {
      st = kg_buffer_append_str(out, "&lt;");
    } else if (c == '>') {
      st = kg_buffer_append_str(out, "&gt;");
    } else if (c == '"') {
      st = kg_buffer_append_str(out, "&quot;");
    } else if (c == '\\') {
      st = kg_buffer_append_str(out, "\\\\");
    } else {
      st = kg_buffer_append(out, text.data + at, i - at);
    }
  }
  return st;
}

/// Append the QName of IRI `id` (or the IRI), escaped.
static KgStatus
append_qname(const Schema* const s, KgBuffer* const out, const KgTermId id)
{
  const KgStringView iri   = kg_term_text(s->graph, id);
  KgStringView       local = {NULL, 0U};
  const long         i =
    kg_namespaces_split(&s->ns, iri, kg_turtle_local_is_valid, &local);
  if (i < 0) {
    return append_html(out, iri);
  }
  KgStatus st = append_html(out, s->ns.ns[i].prefix);
  st          = st ? st : kg_buffer_append_char(out, ':');
  return st ? st : append_html(out, local);
}

/// Append the label of IRI `id` in the language, else its QName, escaped.
static KgStatus
append_label(const Schema* const s, KgBuffer* const out, const KgTermId id)
{
  const KgStringView label =
    kg_vocab_label(&s->vocab, kg_term_text(s->graph, id), s->lang);
  return label.len ? append_html(out, label) : append_qname(s, out, id);
}

static bool
is_iri(const Schema* const s, const KgTermId id, const char* const iri)
{
  return kg_term_kind(s->graph, id) == KG_TERM_IRI &&
         !strcmp(kg_term_text(s->graph, id).data, iri);
}

static bool
starts_with(const KgStringView text, const char* const prefix)
{
  const size_t len = strlen(prefix);
  return text.len >= len && !memcmp(text.data, prefix, len);
}

/// Return true iff `range` is a datatype: in XSD, rdfs:Literal, rdf:*.
static bool
is_datatype_range(const Schema* const s, const KgTermId range)
{
  const KgStringView iri = kg_term_text(s->graph, range);
  return starts_with(iri, XSD) || is_iri(s, range, RDFS "Literal") ||
         is_iri(s, range, RDF "langString") ||
         is_iri(s, range, RDF "PlainLiteral") || is_iri(s, range, RDF "HTML") ||
         is_iri(s, range, RDF "XMLLiteral");
}

/// Return true iff property `p` is drawn as an edge (else as a row).
static bool
is_object(const Schema* const s, const SchemaTerm* const p)
{
  (void)s;
  if (p->is_datatype) {
    return false;
  }
  return p->is_object || (p->range && !is_datatype_range(s, p->range));
}

static int
compare_entries(const void* const a, const void* const b)
{
  const SchemaEntry* const x = (const SchemaEntry*)a;
  const SchemaEntry* const y = (const SchemaEntry*)b;
  const size_t n = x->iri.len < y->iri.len ? x->iri.len : y->iri.len;
  const int    c = memcmp(x->iri.data, y->iri.data, n);
  return c ? c : (x->iri.len > y->iri.len) - (x->iri.len < y->iri.len);
}

/// Read what the triples say about classes and properties.
static void
collect(Schema* const s)
{
  const KgGraph* const  g = s->graph;
  const KgTriple* const t = kg_graph_triples(g);
  const size_t          n = kg_graph_size(g);
  for (size_t i = 0U; i < n; ++i) {
    SchemaTerm* const sub = &s->terms[t[i].s];
    const bool        iri = kg_term_kind(g, t[i].o) == KG_TERM_IRI &&
                     kg_term_kind(g, t[i].s) == KG_TERM_IRI;
    if (!iri) {
      continue;
    }
    if (is_iri(s, t[i].p, RDF "type")) {
      if (is_iri(s, t[i].o, OWL "Class") || is_iri(s, t[i].o, RDFS "Class")) {
        sub->is_class = sub->declared = true;
      } else if (is_iri(s, t[i].o, OWL "ObjectProperty")) {
        sub->is_property = sub->is_object = true;
      } else if (is_iri(s, t[i].o, OWL "DatatypeProperty")) {
        sub->is_property = sub->is_datatype = true;
      } else if (is_iri(s, t[i].o, RDF "Property")) {
        sub->is_property = true;
      }
    } else if (is_iri(s, t[i].p, RDFS "subClassOf")) {
      sub->is_class = s->terms[t[i].o].is_class = true;
    } else if (is_iri(s, t[i].p, RDFS "domain")) {
      sub->is_property = true;
      sub->domain      = sub->domain ? sub->domain : t[i].o;
    } else if (is_iri(s, t[i].p, RDFS "range")) {
      sub->is_property = true;
      sub->range       = sub->range ? sub->range : t[i].o;
    }
  }

  // Domains, and ranges of object properties, are classes
  for (KgTermId id = 1U; id <= kg_graph_n_terms(g); ++id) {
    SchemaTerm* const p = &s->terms[id];
    if (p->is_property && p->domain) {
      s->terms[p->domain].is_class = true;
    }
    if (p->is_property && p->range && is_object(s, p)) {
      s->terms[p->range].is_class = true;
    }
  }
}

/// Choose the own namespace: that of most declared classes (sorted by IRI,
/// the classes of a namespace mostly stand in one run).
static void
choose_own(Schema* const s)
{
  KgStringView run   = {NULL, 0U};
  size_t       n_run = 0U;
  size_t       best  = 0U;
  for (size_t i = 0U; i < s->n_order; ++i) {
    if (!s->terms[s->order[i].id].declared) {
      continue;
    }
    const KgStringView ns = kg_iri_namespace(s->order[i].iri);
    if (ns.len == run.len && !memcmp(ns.data, run.data, ns.len)) {
      ++n_run;
    } else {
      run   = ns;
      n_run = 1U;
    }
    if (n_run > best) {
      best   = n_run;
      s->own = run;
    }
  }
}

static bool
is_external(const Schema* const s, const KgTermId id)
{
  const KgStringView ns = kg_iri_namespace(kg_term_text(s->graph, id));
  return !s->own.len || ns.len != s->own.len ||
         memcmp(ns.data, s->own.data, ns.len);
}

/// Return true if cgraph ran out of memory, after setting `s->status`.
static bool
cgraph_failed(Schema* const s)
{
  if (s->memory.failed && !s->status) {
    s->status = KG_BAD_ALLOC;
  }
  return s->memory.failed;
}

/// Set the HTML-like `name` of `obj` to `text`.
static void
set_html(Schema* const s, void* const obj, char* const name, char* const text)
{
  char* const html = agstrdup_html(s->g, text);
  if (!html) {
    s->status = s->status ? s->status : KG_BAD_ALLOC;
    return;
  }
  agsafeset(obj, name, html, "");
  agstrfree(s->g, html);
}

/// Link `obj` to IRI `id` if it is http(s): no other scheme is a link.
static void
set_link(Schema* const s, void* const obj, const KgTermId id)
{
  const KgStringView iri = kg_term_text(s->graph, id);
  if (!starts_with(iri, "http://") && !starts_with(iri, "https://")) {
    return;
  }
  KgBuffer url = KG_BUFFER_INIT;
  if (kg_buffer_append_sv(&url, iri)) {
    s->status = s->status ? s->status : KG_BAD_ALLOC;
  } else {
    agsafeset(obj, "URL", url.data, "");
  }
  kg_buffer_fini(&url);
}

/// Append the row of property `p` (`label : range`) to `out`.
static KgStatus
append_row(const Schema* const s, KgBuffer* const out, const KgTermId p)
{
  const SchemaTerm* const t = &s->terms[p];
  KgStatus st = kg_buffer_append_str(out, "<TR><TD ALIGN=\"LEFT\">");
  st          = st ? st : append_label(s, out, p);
  if (!st && t->range) {
    st = kg_buffer_append_str(out, " : ");
    st = st ? st : append_qname(s, out, t->range);
  }
  return st ? st : kg_buffer_append_str(out, "</TD></TR>");
}

/// Append a row for a property with no place of its own: `label (a → b)`.
static KgStatus
append_other(const Schema* const s, KgBuffer* const out, const KgTermId p)
{
  const SchemaTerm* const t = &s->terms[p];
  KgStatus st = kg_buffer_append_str(out, "<TR><TD ALIGN=\"LEFT\">");
  st          = st ? st : append_label(s, out, p);
  st = st ? st : kg_buffer_append_str(out, " <FONT COLOR=\"#707070\">(");
  st = st ? st
          : (t->domain ? append_qname(s, out, t->domain)
                       : kg_buffer_append_str(out, "?"));
  st = st ? st : kg_buffer_append_str(out, " → ");
  st = st ? st
          : (t->range ? append_qname(s, out, t->range)
                      : kg_buffer_append_str(out, "?"));
  return st ? st : kg_buffer_append_str(out, ")</FONT></TD></TR>");
}

/// Add the nodes of the classes, then the edges.
static void
build(Schema* const s)
{
  Agraph_t* const g = s->g;
  agattr(g, AGRAPH, "rankdir", "BT");
  agattr(g, AGRAPH, "fontname", "Helvetica");
  agattr(g, AGRAPH, "nodesep", "0.3");
  agattr(g, AGRAPH, "ranksep", "0.6");
  agattr(g, AGRAPH, "newrank", "true");
  agattr(g, AGNODE, "label", "\\N");
  agattr(g, AGNODE, "shape", "box");
  agattr(g, AGNODE, "style", "filled");
  agattr(g, AGNODE, "fillcolor", "#eef3fb");
  agattr(g, AGNODE, "color", "#3c6aa8");
  agattr(g, AGNODE, "fontcolor", "#202020");
  agattr(g, AGNODE, "fontname", "Helvetica");
  agattr(g, AGNODE, "fontsize", "10");
  agattr(g, AGNODE, "margin", "0.05");
  agattr(g, AGEDGE, "fontname", "Helvetica");
  agattr(g, AGEDGE, "fontsize", "8");
  agattr(g, AGEDGE, "color", "#3c6aa8");
  agattr(g, AGEDGE, "fontcolor", "#2c4f80");
  agattr(g, AGEDGE, "arrowhead", "normal");
  agattr(g, AGEDGE, "arrowsize", "0.6");
  agattr(g, AGEDGE, "style", "solid");
  if (cgraph_failed(s)) {
    return;
  }

  // The rows of datatype properties, and the other properties
  KgBuffer other   = KG_BUFFER_INIT;
  KgBuffer label   = KG_BUFFER_INIT;
  KgStatus st      = KG_SUCCESS;
  size_t   n_other = 0U;
  for (size_t i = 0U; i < s->n_order && !st; ++i) {
    const KgTermId          p = s->order[i].id;
    const SchemaTerm* const t = &s->terms[p];
    if (!t->is_property) {
      continue;
    }
    if (!is_object(s, t) && t->domain) {
      st = append_row(s, &s->terms[t->domain].rows, p);
    } else if (!t->domain || !t->range) {
      st = append_other(s, &other, p);
      ++n_other;
    }
  }

  // Classes
  for (size_t i = 0U; i < s->n_order && !st && !cgraph_failed(s); ++i) {
    const KgTermId    c = s->order[i].id;
    SchemaTerm* const t = &s->terms[c];
    if (!t->is_class) {
      continue;
    }
    const bool external = is_external(s, c);
    kg_buffer_clear(&label);
    st = kg_buffer_append_str(&label,
                              "<TABLE BORDER=\"0\" CELLBORDER=\"0\" "
                              "CELLSPACING=\"0\" CELLPADDING=\"1\"><TR><TD>");
    const bool labelled =
      kg_vocab_label(&s->vocab, s->order[i].iri, s->lang).len > 0U;
    st = st ? st : kg_buffer_append_str(&label, external ? "" : "<B>");
    st = st ? st : append_label(s, &label, c);
    st = st ? st : kg_buffer_append_str(&label, external ? "" : "</B>");
    if (!st && external && labelled) {
      st = kg_buffer_append_str(&label, "<BR/><FONT POINT-SIZE=\"7\">");
      st = st ? st : append_qname(s, &label, c);
      st = st ? st : kg_buffer_append_str(&label, "</FONT>");
    }
    st = st ? st : kg_buffer_append_str(&label, "</TD></TR>");
    if (!st && t->rows.len) {
      st = kg_buffer_append_str(&label, "<HR/>");
      st = st ? st : kg_buffer_append_sv(&label, kg_buffer_view(&t->rows));
    }
    st = st ? st : kg_buffer_append_str(&label, "</TABLE>");
    if (st) {
      break;
    }

    KgBuffer name = KG_BUFFER_INIT;
    if ((st = kg_buffer_append_sv(&name, s->order[i].iri))) {
      break;
    }
    t->node = agnode(g, name.data, 1);
    kg_buffer_fini(&name);
    if (!t->node) {
      st = KG_BAD_ALLOC;
      break;
    }
    set_html(s, t->node, "label", label.data);
    set_link(s, t->node, c);
    if (external) {
      agsafeset(t->node, "fontsize", "8", "");
      agsafeset(t->node, "fillcolor", "#f4f4f4", "");
      agsafeset(t->node, "color", "#b0b0b0", "");
      agsafeset(t->node, "fontcolor", "#707070", "");
    }
  }

  // Subclass edges, in triple order sorted by the subclass's place
  const KgTriple* const triples = kg_graph_triples(s->graph);
  for (size_t i = 0U; i < s->n_order && !st && !cgraph_failed(s); ++i) {
    const KgTermId c = s->order[i].id;
    if (!s->terms[c].node) {
      continue;
    }
    for (size_t j = 0U; j < kg_graph_size(s->graph) && !cgraph_failed(s);
         ++j) {
      if (triples[j].s != c || !is_iri(s, triples[j].p, RDFS "subClassOf") ||
          !s->terms[triples[j].o].node || triples[j].o == c) {
        continue;
      }
      Agedge_t* const e =
        agedge(g, s->terms[c].node, s->terms[triples[j].o].node, NULL, 1);
      if (!e) {
        st = KG_BAD_ALLOC;
        break;
      }
      agsafeset(e, "arrowhead", "empty", "");
      agsafeset(e, "arrowsize", "1", "");
      agsafeset(e, "color", "#606060", "");
    }
  }

  // Object properties
  for (size_t i = 0U; i < s->n_order && !st && !cgraph_failed(s); ++i) {
    const KgTermId          p = s->order[i].id;
    const SchemaTerm* const t = &s->terms[p];
    if (!t->is_property || !is_object(s, t) || !t->domain || !t->range) {
      continue;
    }
    Agedge_t* const e =
      agedge(g, s->terms[t->domain].node, s->terms[t->range].node, NULL, 1);
    if (!e) {
      st = KG_BAD_ALLOC;
      break;
    }
    kg_buffer_clear(&label);
    st = append_label(s, &label, p);
    if (!st) {
      set_html(s, e, "label", label.data);
      set_link(s, e, p);
    }
  }

  if (!st && n_other) {
    kg_buffer_clear(&label);
    st = kg_buffer_append_str(&label,
                              "<TABLE BORDER=\"0\" CELLBORDER=\"0\" "
                              "CELLSPACING=\"0\" CELLPADDING=\"1\"><TR><TD "
                              "ALIGN=\"LEFT\"><I>other properties</I></TD>"
                              "</TR><HR/>");
    st = st ? st : kg_buffer_append_sv(&label, kg_buffer_view(&other));
    st = st ? st : kg_buffer_append_str(&label, "</TABLE>");
    Agnode_t* const node = st ? NULL : agnode(g, "other properties", 1);
    if (!st && !node) {
      st = KG_BAD_ALLOC;
    } else if (!st) {
      set_html(s, node, "label", label.data);
      agsafeset(node, "fillcolor", "#fbfbf2", "");
      agsafeset(node, "color", "#b0b0b0", "");
      agsafeset(node, "style", "filled,dashed", "");
    }
  }

  kg_buffer_fini(&label);
  kg_buffer_fini(&other);
  cgraph_failed(s);
  s->status = s->status ? s->status : st;
}

static void
schema_fini(Schema* const s)
{
  kg_dot_memory_fini(&s->memory, s->g);
  if (s->terms) {
    for (size_t i = 0U; i <= kg_graph_n_terms(s->graph); ++i) {
      kg_buffer_fini(&s->terms[i].rows);
    }
  }
  kg_free(s->terms);
  kg_free(s->order);
  kg_namespaces_fini(&s->ns);
  kg_vocab_fini(&s->vocab);
}

static KgStatus
schema_init(Schema* const               s,
            const KgGraph* const        graph,
            const KgWriteOptions* const options,
            const KgDotOptions* const   dot)
{
  memset(s, 0, sizeof(*s));
  s->graph = graph;
  s->lang  = KG_SV("en");
  if (dot && dot->lang) {
    s->lang.data = dot->lang;
    s->lang.len  = strlen(dot->lang);
  }
  kg_vocab_init(&s->vocab, KG_SV(KG_STYLE_NS));
  KgStatus st = kg_vocab_add(&s->vocab, graph, true);
  if (!st && options && options->ontology) {
    st = kg_vocab_add(&s->vocab, options->ontology, true);
  }
  if (st) {
    return st;
  }
  kg_vocab_finish(&s->vocab);
  KG_TRY(st,
         kg_namespaces_init(&s->ns, graph, NULL, kg_turtle_prefix_is_valid));

  const size_t n_terms = kg_graph_n_terms(graph);
  s->terms = (SchemaTerm*)kg_calloc(n_terms + 1U, sizeof(SchemaTerm));
  s->order = (SchemaEntry*)kg_calloc(n_terms + 1U, sizeof(SchemaEntry));
  if (!s->terms || !s->order) {
    return KG_BAD_ALLOC;
  }
  for (KgTermId id = 1U; id <= n_terms; ++id) {
    if (kg_term_kind(graph, id) == KG_TERM_IRI) {
      s->order[s->n_order].iri  = kg_term_text(graph, id);
      s->order[s->n_order++].id = id;
    }
  }
  qsort(s->order, s->n_order, sizeof(SchemaEntry), compare_entries);
  collect(s);
  choose_own(s);

  KG_TRY(st, kg_dot_memory_open(&s->memory, "schema", &s->g));
  build(s);
  return s->status;
}

KgStatus
kg_graph_write_schema_dot(const KgGraph* const        ontology,
                          FILE* const                 stream,
                          const KgWriteOptions* const options,
                          const KgDotOptions* const   dot)
{
  const agerrlevel_t level = agseterr(AGMAX);
  Schema             s;
  KgStatus           st = schema_init(&s, ontology, options, dot);
  if (!st && (agwrite(s.g, stream) || fflush(stream) || ferror(stream))) {
    st = KG_BAD_WRITE;
  }
  schema_fini(&s);
  agseterr(level);
  return st;
}

KgStatus
kg_graph_render_schema(const KgGraph* const        ontology,
                       FILE* const                 stream,
                       const char* const           format,
                       const char* const           engine,
                       const KgWriteOptions* const options,
                       const KgDotOptions* const   dot)
{
  // Lay out the DOT text read back, as kg_graph_render() does
  char*       text = NULL;
  size_t      len  = 0U;
  FILE* const mem  = open_memstream(&text, &len);
  if (!mem) {
    return KG_BAD_ALLOC;
  }
  KgStatus st = kg_graph_write_schema_dot(ontology, mem, options, dot);
  if (fclose(mem) && !st) {
    st = KG_BAD_ALLOC;
  }

  const agerrlevel_t level = agseterr(AGMAX);
  st                       = st ? st
                                : kg_dot_render_text(text,
                               "schema",
                               engine ? engine : "dot",
                               format,
                               stream,
                               &options->log);
  agseterr(level);
  free(text);
  return st;
}
