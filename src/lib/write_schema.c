// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The schema view: an ontology as a diagram, built with cgraph.
//
// Classes (declared with owl:Class or rdfs:Class, or used by
// rdfs:subClassOf, rdfs:domain or rdfs:range) are boxes titled with their
// label; below the title, one row per datatype property whose domain is the
// class (`label : range`).  rdfs:subClassOf is an edge with a hollow
// arrowhead from the subclass to its superclass; an object property is an
// edge from its domain to its range, labelled with its label.  Properties
// with no domain, or an object property with no range, are rows of one
// "other properties" box: nothing is dropped.  Classes outside the
// ontology's own namespace (the namespace of most declared classes) are
// small and grey.
//
// Domains and ranges.  A domain or range is a class IRI or a union (a blank
// node with owl:unionOf and an rdf:List of classes); a property may have
// several (RDFS reads them as an intersection).  A property is drawn from
// each class of its domains to each class of its ranges: for a union this
// reads as it means (the property is used on an A or on a B).  When there
// are several classes on both sides, the edges meet at a small node that
// carries the property's label, so that n + m edges stand for the n × m
// pairs.  Several domains (or ranges) are an intersection, which edges from
// each cannot show: the label says it on a second line ("domain: A and
// B").  A datatype property is listed in each class of its domains, with
// the same note.
//
// Every class node has an `id` (`nK`, K its place among the nodes, as in
// pictures), a `URL` if its IRI is http(s), and a `tooltip` with its QName
// and rdfs:comment; edges between nodes carry the class "nA nB".
//
// Limits: a union list is read to SCHEMA_MAX_MEMBERS members; a longer one,
// or a cyclic one, is cut there with a warning.  Everything is one pass over
// the triples, a sort, and walks of lists bounded so: no recursion.

#include "alloc.h"
#include "buffer.h"
#include "dot_draw.h"
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
#include <strings.h>

#define RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define OWL "http://www.w3.org/2002/07/owl#"
#define XSD "http://www.w3.org/2001/XMLSchema#"

/// The members of an owl:unionOf list read at most.
#define SCHEMA_MAX_MEMBERS 100U

/// The characters of a comment shown in a tooltip at most.
#define SCHEMA_MAX_COMMENT 600U

/// What a fact says of its subject (sorted in this order).
typedef enum {
  FACT_SUBCLASS,
  FACT_DOMAIN,
  FACT_RANGE,
} FactKind;

/// A triple that says something the diagram draws, about an IRI.
typedef struct {
  KgTermId s;     ///< The class or property
  FactKind kind;  ///< What the triple says
  KgTermId o;     ///< The superclass, domain or range (IRI or blank node)
  size_t   index; ///< The triple's place in the graph (order, caret)
} SchemaFact;

/// What the schema says about one term.
typedef struct {
  size_t    rank;        ///< Place in the IRI order (IRIs only)
  size_t    fact;        ///< First of its facts
  size_t    n_facts;     ///< Number of its facts
  KgTermId  comment;     ///< Its rdfs:comment (a literal), or 0
  unsigned  comment_fit; ///< How well `comment` fits the language (0 best)
  KgTermId  union_list;  ///< For a blank node: its owl:unionOf list, or 0
  size_t    union_index; ///< The triple of `union_list`
  KgTermId  first;       ///< For a list cell: rdf:first, or 0
  KgTermId  rest;        ///< For a list cell: rdf:rest, or 0
  uint32_t  member_walk; ///< Walk that last added it to Members
  uint32_t  cell_walk;   ///< Walk of a list that last met it (cycles)
  bool      warned;      ///< For a union: its cut was reported
  bool      is_class;    ///< Drawn as a class
  bool      declared;    ///< Declared a class (owl:Class or rdfs:Class)
  bool      is_property; ///< Declared a property, or has a domain or range
  bool      is_datatype; ///< Declared owl:DatatypeProperty
  bool      is_object;   ///< Declared owl:ObjectProperty
  bool      to_class;    ///< Some class of its ranges is not a datatype
  Agnode_t* node;        ///< Its node, for a class
  KgBuffer  rows;        ///< Rows of datatype properties, for a class
  KgBuffer  loops;       ///< Rows of properties from a class to itself
  KgBuffer  loop_label;  ///< The label of the first of them
  KgBuffer  loop_tips;   ///< Their QNames, for the tooltip
  KgTermId  loop;        ///< The first of them
  size_t    n_loops;     ///< Their number
} SchemaTerm;

/// An IRI with its id, to sort by IRI.
typedef struct {
  KgStringView iri;
  KgTermId     id;
} SchemaEntry;

/// The classes of the domains or ranges of a property.
typedef struct {
  KgTermId* ids;     ///< Distinct class IRIs, in order of the facts
  size_t    n;       ///< Their number
  size_t    n_exprs; ///< Domains (or ranges): more than one, an intersection
  bool      unknown; ///< Some domain is a blank node that is not a union
} Members;

typedef struct {
  const KgGraph*        graph;
  const KgWriteOptions* options;
  KgVocab               vocab;
  KgNamespaces          ns;
  KgStringView          lang;
  unsigned              max_label; ///< Characters of a label shown at most
  KgStringView          own;       ///< The ontology's own namespace
  SchemaTerm*           terms;
  SchemaEntry*          order; ///< Every IRI term, sorted by IRI
  size_t                n_order;
  SchemaFact*           facts; ///< Sorted by subject's rank, kind, index
  size_t                n_facts;
  uint32_t              walk;    ///< Number of the current add_members()
  uint32_t              cells;   ///< Number of the current walk of a list
  Members               domains; ///< Scratch
  Members               ranges;  ///< Scratch
  size_t                n_nodes; ///< Nodes made so far (for ids)
  Agraph_t*             g;
  DotMemory             memory; ///< Of `g`
  KgStatus              status;
} Schema;

/// Remember `st` as the first error of `s`, unless it has one already.
static void
fail(Schema* const s, const KgStatus st)
{
  if (!s->status) {
    s->status = st;
  }
}

/*
  Text
*/

/// Append `text` escaped for an HTML-like label, at most `max` characters.
static KgStatus
append_html(KgBuffer* const out, const KgStringView text, const unsigned max)
{
  return kg_dot_append_text(out, text, max, true);
}

/// Append `text` to `out`, as it is or escaped.
typedef KgStatus (*AppendText)(KgBuffer* out, KgStringView text);

/// Append `text` escaped for an HTML-like label, whole.
static KgStatus
append_html_text(KgBuffer* const out, const KgStringView text)
{
  return append_html(out, text, 0U);
}

/// Append the QName of IRI `id` (or the IRI), each part with `append`.
static KgStatus
append_qname_with(const Schema* const s,
                  KgBuffer* const     out,
                  const KgTermId      id,
                  const AppendText    append)
{
  const KgStringView iri   = kg_term_text(s->graph, id);
  KgStringView       local = {NULL, 0U};
  const long         i =
    kg_namespaces_split(&s->ns, iri, kg_turtle_local_is_valid, &local);
  if (i < 0) {
    return append(out, iri);
  }
  append(out, s->ns.ns[i].prefix);
  kg_buffer_append_char(out, ':');
  return append(out, local);
}

/// Append the QName of IRI `id` (or the IRI), not escaped.
static KgStatus
append_raw_qname(const Schema* const s, KgBuffer* const out, const KgTermId id)
{
  return append_qname_with(s, out, id, kg_buffer_append_sv);
}

/// Append the QName of IRI `id` (or the IRI), escaped for HTML.
static KgStatus
append_qname(const Schema* const s, KgBuffer* const out, const KgTermId id)
{
  // Escaped a part at a time: the same text as escaping the whole QName
  return append_qname_with(s, out, id, append_html_text);
}

/// Append the label of IRI `id` in the language, else its QName, escaped.
static KgStatus
append_label(const Schema* const s, KgBuffer* const out, const KgTermId id)
{
  const KgStringView label =
    kg_vocab_label(&s->vocab, kg_term_text(s->graph, id), s->lang);
  return label.len ? append_html(out, label, s->max_label)
                   : append_qname(s, out, id);
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

/// Return true iff `iri` is http(s): the only IRIs that become links.
static bool
is_web(const KgStringView iri)
{
  return (iri.len > 7U && !strncasecmp(iri.data, "http://", 7U)) ||
         (iri.len > 8U && !strncasecmp(iri.data, "https://", 8U));
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
is_object(const SchemaTerm* const p)
{
  return !p->is_datatype && (p->is_object || p->to_class);
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

/// The terms, for compare_facts() (qsort() takes no context).
typedef struct {
  SchemaFact        fact;
  const SchemaTerm* terms;
} FactKey;

static int
compare_facts(const void* const a, const void* const b)
{
  const FactKey* const x  = (const FactKey*)a;
  const FactKey* const y  = (const FactKey*)b;
  const size_t         rx = x->terms[x->fact.s].rank;
  const size_t         ry = y->terms[y->fact.s].rank;
  if (rx != ry) {
    return rx < ry ? -1 : 1;
  }
  if (x->fact.kind != y->fact.kind) {
    return x->fact.kind < y->fact.kind ? -1 : 1;
  }
  return (x->fact.index > y->fact.index) - (x->fact.index < y->fact.index);
}

/*
  Reading the ontology
*/

/// Add the fact (`s`, `kind`, `o`) of triple `index`.
static void
add_fact(Schema* const  s,
         const KgTermId subject,
         const FactKind kind,
         const KgTermId o,
         const size_t   index)
{
  s->facts[s->n_facts++] = (SchemaFact){subject, kind, o, index};
}

/// Read what the triples say about classes, properties, unions and lists.
static void
collect(Schema* const s)
{
  const KgGraph* const  g = s->graph;
  const KgTriple* const t = kg_graph_triples(g);
  const size_t          n = kg_graph_size(g);
  for (size_t i = 0U; i < n; ++i) {
    SchemaTerm* const sub    = &s->terms[t[i].s];
    const KgTermKind  s_kind = kg_term_kind(g, t[i].s);
    const KgTermKind  o_kind = kg_term_kind(g, t[i].o);
    const bool        iri    = o_kind == KG_TERM_IRI && s_kind == KG_TERM_IRI;
    if (is_iri(s, t[i].p, RDF "first")) {
      sub->first = sub->first ? sub->first : t[i].o;
    } else if (is_iri(s, t[i].p, RDF "rest")) {
      sub->rest = sub->rest ? sub->rest : t[i].o;
    } else if (is_iri(s, t[i].p, OWL "unionOf")) {
      if (!sub->union_list) {
        sub->union_list  = t[i].o;
        sub->union_index = i;
      }
    } else if (is_iri(s, t[i].p, RDFS "comment") && o_kind == KG_TERM_LITERAL) {
      const KgStringView lang = kg_term_lang(g, t[i].o);
      const unsigned     fit  = kg_sv_equals(lang, s->lang) ? 0U
                                : !lang.len                 ? 1U
                                                            : 2U;
      if (!sub->comment || fit < sub->comment_fit) {
        sub->comment     = t[i].o;
        sub->comment_fit = fit;
      }
    } else if (!iri && !(s_kind == KG_TERM_IRI && o_kind == KG_TERM_BLANK)) {
      continue;
    } else if (is_iri(s, t[i].p, RDF "type") && iri) {
      if (is_iri(s, t[i].o, OWL "Class") || is_iri(s, t[i].o, RDFS "Class")) {
        sub->is_class = sub->declared = true;
      } else if (is_iri(s, t[i].o, OWL "ObjectProperty")) {
        sub->is_property = sub->is_object = true;
      } else if (is_iri(s, t[i].o, OWL "DatatypeProperty")) {
        sub->is_property = sub->is_datatype = true;
      } else if (is_iri(s, t[i].o, RDF "Property")) {
        sub->is_property = true;
      }
    } else if (is_iri(s, t[i].p, RDFS "subClassOf") && iri) {
      sub->is_class = s->terms[t[i].o].is_class = true;
      add_fact(s, t[i].s, FACT_SUBCLASS, t[i].o, i);
    } else if (is_iri(s, t[i].p, RDFS "domain")) {
      sub->is_property = true;
      add_fact(s, t[i].s, FACT_DOMAIN, t[i].o, i);
    } else if (is_iri(s, t[i].p, RDFS "range")) {
      sub->is_property = true;
      add_fact(s, t[i].s, FACT_RANGE, t[i].o, i);
    }
  }
}

/// Sort the facts by their subject's place, kind and triple.
static KgStatus
sort_facts(Schema* const s)
{
  FactKey* const keys =
    (FactKey*)kg_calloc(s->n_facts ? s->n_facts : 1U, sizeof(FactKey));
  if (!keys) {
    return KG_BAD_ALLOC;
  }
  for (size_t i = 0U; i < s->n_facts; ++i) {
    keys[i] = (FactKey){s->facts[i], s->terms};
  }
  qsort(keys, s->n_facts, sizeof(FactKey), compare_facts);
  for (size_t i = 0U; i < s->n_facts; ++i) {
    s->facts[i]         = keys[i].fact;
    SchemaTerm* const t = &s->terms[keys[i].fact.s];
    t->fact             = t->n_facts ? t->fact : i;
    t->n_facts += 1U;
  }
  kg_free(keys);
  return KG_SUCCESS;
}

/// Add class `id` to `m` unless it is there (marked in walk `s->walk`).
static void
add_member(Schema* const s, Members* const m, const KgTermId id)
{
  if (s->terms[id].member_walk != s->walk) {
    s->terms[id].member_walk = s->walk;
    m->ids[m->n++]           = id;
  }
}

/// Warn once about union `u`: its list is cut after `n` members.
static void
warn_cut(Schema* const s, const KgTermId u, const size_t n, const bool cycle)
{
  SchemaTerm* const t = &s->terms[u];
  if (t->warned || !s->options) {
    return;
  }
  t->warned            = true;
  const KgCaret  caret = kg_graph_caret(s->graph, t->union_index);
  const KgStatus st =
    cycle ? kg_log(&s->options->log,
                   KG_LOG_WARNING,
                   caret,
                   "owl:unionOf list is cyclic: the schema shows its %zu "
                   "member%s up to the first cell met again",
                   n,
                   n == 1U ? "" : "s")
          : kg_log(&s->options->log,
                   KG_LOG_WARNING,
                   caret,
                   "owl:unionOf list of more than %u members: the schema "
                   "shows the first %u",
                   SCHEMA_MAX_MEMBERS,
                   SCHEMA_MAX_MEMBERS);
  fail(s, st);
}

/**
   Return the next cell of the list of union `u` after `cell` (0: the
   first), or 0 at its end: at most SCHEMA_MAX_MEMBERS cells, and none met
   before in this walk of the list (a cycle), with a warning.  `*n` counts
   the cells; `*cut` is set if the list goes on.
*/
static KgTermId
next_cell(Schema* const  s,
          const KgTermId u,
          const KgTermId cell,
          size_t* const  n,
          bool* const    cut)
{
  if (!cell) {
    ++s->cells;
  }
  const KgTermId next = cell ? s->terms[cell].rest : s->terms[u].union_list;
  if (!next || (!s->terms[next].first && !s->terms[next].rest)) {
    return 0U; // rdf:nil, or no list
  }
  SchemaTerm* const c = &s->terms[next];
  if (c->cell_walk == s->cells || *n == SCHEMA_MAX_MEMBERS) {
    warn_cut(s, u, *n, c->cell_walk == s->cells);
    *cut = true;
    return 0U;
  }
  c->cell_walk = s->cells;
  ++*n;
  return next;
}

/// What walk_side() meets in the domains or ranges of a property, in order.
typedef enum {
  SIDE_EXPR,    ///< A domain (or range) begins: a class, a union or other
  SIDE_CLASS,   ///< A class, alone or in a union
  SIDE_UNKNOWN, ///< Not a class: a blank node that is not a union
  SIDE_UNION,   ///< A union begins, and its classes follow
  SIDE_END,     ///< The union ends
  SIDE_CUT,     ///< The union ends, its list cut (next_cell() warned)
} SideStep;

/// Visit `step`, about term `id`, of a walk_side() with `data`.
typedef void (*SideVisit)(Schema* s, void* data, SideStep step, KgTermId id);

/// Walk the domains (`kind` FACT_DOMAIN) or ranges of property `p`, and
/// the classes of their unions, calling `visit` on each step.
static void
walk_side(Schema* const   s,
          const KgTermId  p,
          const FactKind  kind,
          const SideVisit visit,
          void* const     data)
{
  const SchemaTerm* const t = &s->terms[p];
  for (size_t i = t->fact; i < t->fact + t->n_facts; ++i) {
    const KgTermId o = s->facts[i].o;
    if (s->facts[i].kind != kind) {
      continue;
    }
    visit(s, data, SIDE_EXPR, o);
    if (kg_term_kind(s->graph, o) == KG_TERM_IRI) {
      visit(s, data, SIDE_CLASS, o);
    } else if (s->terms[o].union_list) {
      visit(s, data, SIDE_UNION, o);
      size_t n   = 0U;
      bool   cut = false;
      for (KgTermId c = next_cell(s, o, 0U, &n, &cut); c;
           c          = next_cell(s, o, c, &n, &cut)) {
        const KgTermId first = s->terms[c].first;
        const bool     iri   = kg_term_kind(s->graph, first) == KG_TERM_IRI;
        visit(s, data, iri ? SIDE_CLASS : SIDE_UNKNOWN, first);
      }
      visit(s, data, cut ? SIDE_CUT : SIDE_END, o);
    } else {
      visit(s, data, SIDE_UNKNOWN, o);
    }
  }
}

/// Gather a step of walk_side() into the Members `data`.
static void
gather_member(Schema* const  s,
              void* const    data,
              const SideStep step,
              const KgTermId id)
{
  Members* const m = (Members*)data;
  if (step == SIDE_EXPR) {
    ++m->n_exprs;
  } else if (step == SIDE_CLASS) {
    add_member(s, m, id);
  } else if (step == SIDE_UNKNOWN) {
    m->unknown = true;
  }
}

/// Gather the classes of the domains (`kind` FACT_DOMAIN) or ranges of
/// property `p` into `m`.
static void
add_members(Schema* const  s,
            Members* const m,
            const KgTermId p,
            const FactKind kind)
{
  m->n       = 0U;
  m->n_exprs = 0U;
  m->unknown = false;
  ++s->walk;
  walk_side(s, p, kind, gather_member, m);
}

/// The text of the domains or ranges of a property, as append_side()
/// writes it.
typedef struct {
  KgBuffer* out;     ///< Where the text goes
  size_t    n_exprs; ///< Domains (or ranges): more than one, an intersection
  size_t    k;       ///< Domains (or ranges) written
  size_t    n;       ///< Classes of the current union written
} SideText;

/// Append a step of walk_side() to the SideText `data`.
static void
append_step(Schema* const  s,
            void* const    data,
            const SideStep step,
            const KgTermId id)
{
  SideText* const text = (SideText*)data;
  KgBuffer* const out  = text->out;
  if (step == SIDE_EXPR) {
    if (text->k++) {
      kg_buffer_append_str(out, " and ");
    }
    text->n = 0U;
  } else if (step == SIDE_UNION) {
    if (text->n_exprs > 1U) {
      kg_buffer_append_char(out, '(');
    }
  } else if (step == SIDE_END || step == SIDE_CUT) {
    if (step == SIDE_CUT) {
      kg_buffer_append_str(out, " or …");
    }
    if (text->n_exprs > 1U) {
      kg_buffer_append_char(out, ')');
    }
  } else {
    if (text->n++) {
      kg_buffer_append_str(out, " or ");
    }
    if (step == SIDE_CLASS) {
      append_qname(s, out, id);
    } else {
      kg_buffer_append_char(out, '?');
    }
  }
}

/// Append the domains (`kind` FACT_DOMAIN) or ranges of `p` for people,
/// escaped: "A", "A or B", "A and B", "(A or B) and C"; "?" if none.
static KgStatus
append_side(Schema* const   s,
            KgBuffer* const out,
            const KgTermId  p,
            const FactKind  kind)
{
  const SchemaTerm* const t    = &s->terms[p];
  SideText                text = {out, 0U, 0U, 0U};
  for (size_t i = t->fact; i < t->fact + t->n_facts; ++i) {
    text.n_exprs += s->facts[i].kind == kind;
  }
  walk_side(s, p, kind, append_step, &text);
  if (!text.k) {
    kg_buffer_append_char(out, '?');
  }
  return out->status;
}

/// Mark the classes of domains, and of ranges of object properties; tell
/// object properties by their ranges.
static void
classify(Schema* const s)
{
  for (size_t i = 0U; i < s->n_order; ++i) {
    const KgTermId    p = s->order[i].id;
    SchemaTerm* const t = &s->terms[p];
    if (!t->is_property) {
      continue;
    }
    add_members(s, &s->domains, p, FACT_DOMAIN);
    add_members(s, &s->ranges, p, FACT_RANGE);
    for (size_t j = 0U; j < s->domains.n; ++j) {
      s->terms[s->domains.ids[j]].is_class = true;
    }
    for (size_t j = 0U; j < s->ranges.n; ++j) {
      t->to_class |= !is_datatype_range(s, s->ranges.ids[j]);
    }
    for (size_t j = 0U; is_object(t) && j < s->ranges.n; ++j) {
      s->terms[s->ranges.ids[j]].is_class = true;
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

/*
  Building the cgraph graph
*/

/// Return true if cgraph ran out of memory, after setting `s->status`.
static bool
cgraph_failed(Schema* const s)
{
  if (s->memory.failed && !s->status) {
    s->status = KG_BAD_ALLOC;
  }
  return s->memory.failed;
}

/// Set attribute `name` of `obj` to `value` (a buffer: cgraph takes
/// mutable strings), or to HTML-like `value` if `html`.
static void
set(Schema* const   s,
    void* const     obj,
    char* const     name,
    KgBuffer* const value,
    const bool      html)
{
  if (!value->data && kg_buffer_append_str(value, "")) {
    fail(s, KG_BAD_ALLOC);
    return;
  }
  char* const text = html ? agstrdup_html(s->g, value->data) : value->data;
  if (!text) {
    fail(s, KG_BAD_ALLOC);
    return;
  }
  agsafeset(obj, name, text, "");
  if (html) {
    agstrfree(s->g, text);
  }
}

/// Link `obj` to IRI `id` if it is http(s), and give it a tooltip: the
/// QName of `id` and its rdfs:comment.
static void
set_link(Schema* const s, void* const obj, const KgTermId id)
{
  KgBuffer           b   = KG_BUFFER_INIT;
  const KgStringView iri = kg_term_text(s->graph, id);
  KgStatus           st  = KG_SUCCESS;
  if (is_web(iri)) {
    st = kg_dot_append_text(&b, iri, 0U, false);
    if (!st) {
      set(s, obj, "URL", &b, false);
    }
  }

  kg_buffer_clear(&b);
  KgBuffer qname = KG_BUFFER_INIT;
  if (!st && !(st = append_raw_qname(s, &qname, id))) {
    kg_dot_append_tooltip(&b, kg_buffer_view(&qname), 0U);
    const KgTermId comment = s->terms[id].comment;
    if (comment) {
      kg_buffer_append_str(&b, "\\n");
      kg_dot_append_tooltip(
        &b, kg_term_text(s->graph, comment), SCHEMA_MAX_COMMENT);
    }
    if (!(st = b.status)) {
      set(s, obj, "tooltip", &b, false);
    }
  }
  kg_buffer_fini(&qname);
  kg_buffer_fini(&b);
  fail(s, st);
}

/// Make node `name` with the next id (`nK`), or return NULL.
static Agnode_t*
add_node(Schema* const s, KgBuffer* const name)
{
  Agnode_t* const node = agnode(s->g, name->data, 1);
  if (!node) {
    fail(s, KG_BAD_ALLOC);
    return NULL;
  }
  char id[32];
  if (snprintf(id, sizeof(id), "n%zu", ++s->n_nodes) >= (int)sizeof(id)) {
    fail(s, KG_BAD_INTERNAL);
    return NULL;
  }
  agsafeset(node, "id", id, "");
  return node;
}

/// Make an edge from `from` to `to` with the class of their ids, or NULL.
static Agedge_t*
add_edge(Schema* const s, Agnode_t* const from, Agnode_t* const to)
{
  Agedge_t* const e = agedge(s->g, from, to, NULL, 1);
  KgBuffer        b = KG_BUFFER_INIT;
  if (!e || kg_buffer_printf(&b, "%s %s", agget(from, "id"), agget(to, "id"))) {
    fail(s, KG_BAD_ALLOC);
    kg_buffer_fini(&b);
    return NULL;
  }
  set(s, e, "class", &b, false);
  kg_buffer_fini(&b);
  return e;
}

/// Append the notes of an intersection of domains or ranges of `p`.
static KgStatus
append_notes(Schema* const     s,
             KgBuffer* const   out,
             const KgTermId    p,
             const char* const open,
             const char* const close)
{
  if (s->domains.n_exprs > 1U) {
    kg_buffer_append_str(out, open);
    kg_buffer_append_str(out, "domain: ");
    append_side(s, out, p, FACT_DOMAIN);
    kg_buffer_append_str(out, close);
  }
  if (s->ranges.n_exprs > 1U) {
    kg_buffer_append_str(out, open);
    kg_buffer_append_str(out, "range: ");
    append_side(s, out, p, FACT_RANGE);
    kg_buffer_append_str(out, close);
  }
  return out->status;
}

/// Append the row of datatype property `p` (`label : range`) to `out`,
/// with s->domains and s->ranges gathered.
static KgStatus
append_row(Schema* const s, KgBuffer* const out, const KgTermId p)
{
  kg_buffer_append_str(out, "<TR><TD ALIGN=\"LEFT\">");
  append_label(s, out, p);
  if (s->ranges.n_exprs) {
    kg_buffer_append_str(out, " : ");
    append_side(s, out, p, FACT_RANGE);
  }
  if (s->domains.n_exprs > 1U) {
    kg_buffer_append_str(out, " <FONT COLOR=\"#707070\">(domain: ");
    append_side(s, out, p, FACT_DOMAIN);
    kg_buffer_append_str(out, ")</FONT>");
  }
  return kg_buffer_append_str(out, "</TD></TR>");
}

/// Append a row for a property with no place of its own: `label (a → b)`.
static KgStatus
append_other(Schema* const s, KgBuffer* const out, const KgTermId p)
{
  kg_buffer_append_str(out, "<TR><TD ALIGN=\"LEFT\">");
  append_label(s, out, p);
  kg_buffer_append_str(out, " <FONT COLOR=\"#707070\">(");
  append_side(s, out, p, FACT_DOMAIN);
  kg_buffer_append_str(out, " → ");
  append_side(s, out, p, FACT_RANGE);
  return kg_buffer_append_str(out, ")</FONT></TD></TR>");
}

/// Add the node of class `c` (the `i`th IRI in order).
static void
add_class(Schema* const s, KgBuffer* const label, const size_t i)
{
  const KgTermId    c        = s->order[i].id;
  SchemaTerm* const t        = &s->terms[c];
  const bool        external = is_external(s, c);
  const bool        labelled =
    kg_vocab_label(&s->vocab, s->order[i].iri, s->lang).len > 0U;
  kg_buffer_clear(label);
  kg_buffer_append_str(label,
                       "<TABLE BORDER=\"0\" CELLBORDER=\"0\" "
                       "CELLSPACING=\"0\" CELLPADDING=\"1\"><TR>"
                       "<TD>");
  kg_buffer_append_str(label, external ? "" : "<B>");
  append_label(s, label, c);
  kg_buffer_append_str(label, external ? "" : "</B>");
  if (external && labelled) {
    kg_buffer_append_str(label, "<BR/><FONT POINT-SIZE=\"7\">");
    append_qname(s, label, c);
    kg_buffer_append_str(label, "</FONT>");
  }
  kg_buffer_append_str(label, "</TD></TR>");
  if (t->rows.len) {
    kg_buffer_append_str(label, "<HR/>");
    kg_buffer_append_sv(label, kg_buffer_view(&t->rows));
  }
  KgStatus st   = kg_buffer_append_str(label, "</TABLE>");
  KgBuffer name = KG_BUFFER_INIT;
  if (st || (st = kg_buffer_append_sv(&name, s->order[i].iri))) {
    kg_buffer_fini(&name);
    fail(s, st);
    return;
  }
  t->node = add_node(s, &name);
  kg_buffer_fini(&name);
  if (!t->node) {
    return;
  }
  set(s, t->node, "label", label, true);
  set_link(s, t->node, c);
  if (external) {
    agsafeset(t->node, "fontsize", "8", "");
    agsafeset(t->node, "fillcolor", "#f4f4f4", "");
    agsafeset(t->node, "color", "#b0b0b0", "");
    agsafeset(t->node, "fontcolor", "#707070", "");
  }
}

/// Note that property `p`, labelled `label`, goes from class `c` to itself.
static void
add_loop(Schema* const   s,
         KgBuffer* const label,
         const KgTermId  p,
         const KgTermId  c)
{
  SchemaTerm* const  t   = &s->terms[c];
  const KgStringView iri = kg_term_text(s->graph, p);
  KgBuffer           q   = KG_BUFFER_INIT;
  if (!t->n_loops) {
    kg_buffer_append_sv(&t->loop_label, kg_buffer_view(label));
  } else {
    kg_buffer_append_str(&t->loop_tips, "\\n");
  }
  kg_buffer_append_str(&t->loops, "<TR><TD");
  if (is_web(iri)) {
    kg_buffer_append_str(&t->loops, " HREF=\"");
    append_html(&t->loops, iri, 0U);
    kg_buffer_append_char(&t->loops, '"');
  }
  kg_buffer_append_char(&t->loops, '>');
  kg_buffer_append_sv(&t->loops, kg_buffer_view(label));
  kg_buffer_append_str(&t->loops, "</TD></TR>");
  append_raw_qname(s, &q, p);
  kg_dot_append_tooltip(&t->loop_tips, kg_buffer_view(&q), 0U);
  t->loop = t->n_loops++ ? t->loop : p;
  fail(s, t->loop_label.status);
  fail(s, t->loops.status);
  fail(s, q.status);
  fail(s, t->loop_tips.status);
  kg_buffer_fini(&q);
}

/**
   Add the edges of object property `p`, with s->domains and s->ranges
   gathered: one from each class of its domains to each class of its
   ranges, or, with several on both sides, through a node of its own.
*/
static void
add_property(Schema* const s, KgBuffer* const label, const KgTermId p)
{
  const Members* const from = &s->domains;
  const Members* const to   = &s->ranges;
  kg_buffer_clear(label);
  append_label(s, label, p);
  KgStatus st = append_notes(
    s, label, p, "<BR/><FONT POINT-SIZE=\"7\" COLOR=\"#707070\">", "</FONT>");
  if (st) {
    fail(s, st);
    return;
  }

  if (from->n > 1U && to->n > 1U) {
    KgBuffer name = KG_BUFFER_INIT;
    if ((st = kg_buffer_append_sv(&name, kg_term_text(s->graph, p))) ||
        (st = kg_buffer_append_str(&name, " (property)"))) {
      fail(s, st);
      kg_buffer_fini(&name);
      return;
    }
    Agnode_t* const hub = add_node(s, &name);
    kg_buffer_fini(&name);
    if (!hub) {
      return;
    }
    set(s, hub, "label", label, true);
    set_link(s, hub, p);
    agsafeset(hub, "shape", "plaintext", "");
    agsafeset(hub, "style", "", "");
    agsafeset(hub, "fontsize", "8", "");
    agsafeset(hub, "fontcolor", "#2c4f80", "");
    agsafeset(hub, "margin", "0.02", "");
    for (size_t i = 0U; i < from->n && !s->status && !cgraph_failed(s); ++i) {
      Agedge_t* const e = add_edge(s, s->terms[from->ids[i]].node, hub);
      if (e) {
        agsafeset(e, "arrowhead", "none", "");
      }
    }
    for (size_t i = 0U; i < to->n && !s->status && !cgraph_failed(s); ++i) {
      add_edge(s, hub, s->terms[to->ids[i]].node);
    }
    return;
  }

  for (size_t i = 0U; i < from->n && !s->status; ++i) {
    for (size_t j = 0U; j < to->n && !s->status && !cgraph_failed(s); ++j) {
      if (from->ids[i] == to->ids[j]) {
        add_loop(s, label, p, from->ids[i]);
        continue;
      }
      Agedge_t* const e =
        add_edge(s, s->terms[from->ids[i]].node, s->terms[to->ids[j]].node);
      if (e) {
        set(s, e, "label", label, true);
        set_link(s, e, p);
      }
    }
  }
}

/**
   Add the loops of class `c`: one edge, whose label stacks those of the
   properties from `c` to itself, each linked to its property (Graphviz
   writes the labels of loops side by side over each other).
*/
static void
add_loops(Schema* const s, const KgTermId c)
{
  SchemaTerm* const t = &s->terms[c];
  Agedge_t* const   e = add_edge(s, t->node, t->node);
  if (!e) {
    return;
  }
  if (t->n_loops == 1U) {
    set(s, e, "label", &t->loop_label, true);
    set_link(s, e, t->loop);
    return;
  }

  // One row a property, each linked to it
  KgBuffer label = KG_BUFFER_INIT;
  kg_buffer_append_str(&label,
                       "<TABLE BORDER=\"0\" CELLBORDER=\"0\" "
                       "CELLSPACING=\"0\" CELLPADDING=\"0\">");
  kg_buffer_append_sv(&label, kg_buffer_view(&t->loops));
  const KgStatus st = kg_buffer_append_str(&label, "</TABLE>");
  if (!st) {
    set(s, e, "label", &label, true);
    set(s, e, "tooltip", &t->loop_tips, false);
  }
  kg_buffer_fini(&label);
  fail(s, st);
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
  agattr(g, AGNODE, "id", "");
  agattr(g, AGNODE, "tooltip", "");
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
  for (size_t i = 0U; i < s->n_order && !st && !s->status; ++i) {
    const KgTermId          p = s->order[i].id;
    const SchemaTerm* const t = &s->terms[p];
    if (!t->is_property) {
      continue;
    }
    add_members(s, &s->domains, p, FACT_DOMAIN);
    add_members(s, &s->ranges, p, FACT_RANGE);
    if (!is_object(t) && s->domains.n) {
      // The row is the same in each class: made once, copied
      kg_buffer_clear(&label);
      st = append_row(s, &label, p);
      for (size_t j = 0U; j < s->domains.n && !st; ++j) {
        st = kg_buffer_append_sv(&s->terms[s->domains.ids[j]].rows,
                                 kg_buffer_view(&label));
      }
    } else if (!s->domains.n || (is_object(t) && !s->ranges.n)) {
      st = append_other(s, &other, p);
      ++n_other;
    }
  }

  // Classes
  for (size_t i = 0U; i < s->n_order && !st && !s->status && !cgraph_failed(s);
       ++i) {
    if (s->terms[s->order[i].id].is_class) {
      add_class(s, &label, i);
    }
  }

  // Subclass edges, by the subclass's place and in triple order
  for (size_t i = 0U; i < s->n_facts && !st && !s->status && !cgraph_failed(s);
       ++i) {
    const SchemaFact* const f = &s->facts[i];
    if (f->kind != FACT_SUBCLASS || f->s == f->o || !s->terms[f->s].node ||
        !s->terms[f->o].node) {
      continue;
    }
    Agedge_t* const e = add_edge(s, s->terms[f->s].node, s->terms[f->o].node);
    if (e) {
      agsafeset(e, "arrowhead", "empty", "");
      agsafeset(e, "arrowsize", "1", "");
      agsafeset(e, "color", "#606060", "");
    }
  }

  // Object properties
  for (size_t i = 0U; i < s->n_order && !st && !s->status && !cgraph_failed(s);
       ++i) {
    const KgTermId          p = s->order[i].id;
    const SchemaTerm* const t = &s->terms[p];
    if (t->is_property && is_object(t)) {
      add_members(s, &s->domains, p, FACT_DOMAIN);
      add_members(s, &s->ranges, p, FACT_RANGE);
      add_property(s, &label, p);
    }
  }
  for (size_t i = 0U; i < s->n_order && !s->status && !cgraph_failed(s); ++i) {
    if (s->terms[s->order[i].id].n_loops) {
      add_loops(s, s->order[i].id);
    }
  }

  if (!st && !s->status && n_other) {
    kg_buffer_clear(&label);
    kg_buffer_append_str(&label,
                         "<TABLE BORDER=\"0\" CELLBORDER=\"0\" "
                         "CELLSPACING=\"0\" CELLPADDING=\"1\"><TR><TD "
                         "ALIGN=\"LEFT\"><I>other properties</I></TD>"
                         "</TR><HR/>");
    kg_buffer_append_sv(&label, kg_buffer_view(&other));
    KgBuffer name = KG_BUFFER_INIT;
    if (!(st = kg_buffer_append_str(&label, "</TABLE>"))) {
      st = kg_buffer_append_str(&name, "other properties");
    }
    Agnode_t* const node = st ? NULL : add_node(s, &name);
    kg_buffer_fini(&name);
    if (node) {
      set(s, node, "label", &label, true);
      agsafeset(node, "fillcolor", "#fbfbf2", "");
      agsafeset(node, "color", "#b0b0b0", "");
      agsafeset(node, "style", "filled,dashed", "");
    }
  }

  kg_buffer_fini(&label);
  kg_buffer_fini(&other);
  cgraph_failed(s);
  fail(s, st);
}

static void
schema_fini(Schema* const s)
{
  kg_dot_memory_fini(&s->memory, s->g);
  if (s->terms) {
    for (size_t i = 0U; i <= kg_graph_n_terms(s->graph); ++i) {
      kg_buffer_fini(&s->terms[i].rows);
      kg_buffer_fini(&s->terms[i].loops);
      kg_buffer_fini(&s->terms[i].loop_label);
      kg_buffer_fini(&s->terms[i].loop_tips);
    }
  }
  kg_free(s->terms);
  kg_free(s->order);
  kg_free(s->facts);
  kg_free(s->domains.ids);
  kg_free(s->ranges.ids);
  kg_namespaces_fini(&s->ns);
  kg_vocab_fini(&s->vocab);
}

static KgStatus
schema_init(Schema* const s, const KgPicture* const picture)
{
  const KgGraph* const        graph   = picture->graph;
  const KgWriteOptions* const options = picture->options;
  memset(s, 0, sizeof(*s));
  s->graph     = graph;
  s->options   = options;
  s->lang      = kg_sv(picture->dot.lang ? picture->dot.lang : "en");
  s->max_label = picture->dot.max_label;
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

  const size_t n_terms   = kg_graph_n_terms(graph);
  const size_t n_triples = kg_graph_size(graph);
  s->terms       = (SchemaTerm*)kg_calloc(n_terms + 1U, sizeof(SchemaTerm));
  s->order       = (SchemaEntry*)kg_calloc(n_terms + 1U, sizeof(SchemaEntry));
  s->facts       = (SchemaFact*)kg_calloc(n_triples + 1U, sizeof(SchemaFact));
  s->domains.ids = (KgTermId*)kg_calloc(n_terms + 1U, sizeof(KgTermId));
  s->ranges.ids  = (KgTermId*)kg_calloc(n_terms + 1U, sizeof(KgTermId));
  if (!s->terms || !s->order || !s->facts || !s->domains.ids ||
      !s->ranges.ids) {
    return KG_BAD_ALLOC;
  }
  for (KgTermId id = 1U; id <= n_terms; ++id) {
    if (kg_term_kind(graph, id) == KG_TERM_IRI) {
      s->order[s->n_order].iri  = kg_term_text(graph, id);
      s->order[s->n_order++].id = id;
    }
  }
  qsort(s->order, s->n_order, sizeof(SchemaEntry), compare_entries);
  for (size_t i = 0U; i < s->n_order; ++i) {
    s->terms[s->order[i].id].rank = i;
  }
  collect(s);
  KG_TRY(st, sort_facts(s));
  classify(s);
  choose_own(s);
  KG_TRY(st, s->status);

  KG_TRY(st, kg_dot_memory_open(&s->memory, "schema", &s->g));
  build(s);
  return s->status;
}

/// Write the schema `picture` asks for to `stream` as DOT text.
static KgStatus
write_text(const KgPicture* const picture, FILE* const stream)
{
  const agerrlevel_t level = agseterr(AGMAX);
  Schema             s;
  KgStatus           st = schema_init(&s, picture);
  if (!st && (agwrite(s.g, stream) || fflush(stream) || ferror(stream))) {
    st = KG_BAD_WRITE;
  }
  schema_fini(&s);
  agseterr(level);
  return st;
}

KgStatus
kg_schema_draw(const KgPicture* const picture)
{
  if (!picture->format) {
    return write_text(picture, picture->stream);
  }

  // Lay out the DOT text read back, as kg_dot_draw() does
  char*       text = NULL;
  size_t      len  = 0U;
  FILE* const mem  = open_memstream(&text, &len);
  if (!mem) {
    return KG_BAD_ALLOC;
  }
  KgStatus st = write_text(picture, mem);
  if (fclose(mem) && !st) {
    st = KG_BAD_ALLOC;
  }

  if (!st) {
    const agerrlevel_t level = agseterr(AGMAX);
    st                       = kg_dot_render_text(text,
                            "schema",
                            picture->engine ? picture->engine : "dot",
                            picture->format,
                            picture->stream,
                            &picture->options->log);
    agseterr(level);
  }
  free(text);
  return st;
}
