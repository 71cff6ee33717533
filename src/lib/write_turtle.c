// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Turtle as a person writes it: the author's prefixes, one block per
// subject with `;` and `,`, blank nodes used once nested in `[ ]`, lists
// as `( )`.  Deterministic: subjects, predicates and objects in kgraph's
// stable order.

#include "alloc.h"
#include "formats.h"
#include "graph.h"
#include "intern.h"
#include "ns.h"
#include "order.h"
#include "out.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_QNAME (-1L)
#define UNKNOWN_QNAME (-2L)

enum { UNWRITTEN, WRITTEN, PROMOTED };

enum { LIST_UNKNOWN, LIST_YES, LIST_NO, LIST_VISITING };

typedef struct {
  const KgGraph* graph;
  KgOrder        order;
  KgOut*         out;
  KgNamespaces   ns;
  long*          qname;    ///< Namespace index of each IRI, or NO_QNAME
  uint32_t*      in_count; ///< Number of triples with the term as object
  uint32_t*      first;    ///< First position of each subject in order
  uint32_t*      count;    ///< Number of triples of each subject
  uint8_t*       state;    ///< UNWRITTEN, WRITTEN or PROMOTED
  uint8_t*       list;     ///< LIST_YES if a well-formed list starts here
  KgTermId       rdf_type;
  KgTermId       rdf_first;
  KgTermId       rdf_rest;
  KgTermId       rdf_nil;
  KgTermId       xsd_integer;
  KgTermId       xsd_decimal;
  KgTermId       xsd_double;
  KgTermId       xsd_boolean;
} Writer;

static void
write_object(Writer* w, KgTermId o, unsigned depth);

static void
indent(Writer* const w, const unsigned depth)
{
  for (unsigned i = 0U; i < depth; ++i) {
    kg_out_write(w->out, "    ", 4U);
  }
}

static long
qname_of(Writer* const w, const KgTermId id)
{
  if (w->qname[id] == UNKNOWN_QNAME) {
    KgStringView local = {NULL, 0U};
    w->qname[id]       = kg_namespaces_split(
      &w->ns, kg_term_text(w->graph, id), kg_turtle_local_is_valid, &local);
    if (w->qname[id] >= 0) {
      w->ns.ns[w->qname[id]].used = true;
    }
  }
  return w->qname[id];
}

static void
write_iri(Writer* const w, const KgTermId id)
{
  const KgStringView iri = kg_term_text(w->graph, id);
  const long         ns  = qname_of(w, id);
  if (ns >= 0) {
    const KgNamespace* const n = &w->ns.ns[ns];
    kg_out_sv(w->out, n->prefix);
    kg_out_char(w->out, ':');
    kg_out_write(w->out, iri.data + n->iri.len, iri.len - n->iri.len);
  } else {
    kg_out_iriref(w->out, iri);
  }
}

/// Return true iff `s` matches `[+-]?[0-9]+` from `i`, and move `i` past it.
static bool
scan_digits(const KgStringView s, size_t* const i)
{
  const size_t start = *i;
  while (*i < s.len && s.data[*i] >= '0' && s.data[*i] <= '9') {
    ++*i;
  }
  return *i > start;
}

static void
scan_sign(const KgStringView s, size_t* const i)
{
  if (*i < s.len && (s.data[*i] == '+' || s.data[*i] == '-')) {
    ++*i;
  }
}

static bool
is_integer(const KgStringView s)
{
  size_t i = 0U;
  scan_sign(s, &i);
  return scan_digits(s, &i) && i == s.len;
}

static bool
is_decimal(const KgStringView s)
{
  size_t i = 0U;
  scan_sign(s, &i);
  scan_digits(s, &i);
  if (i >= s.len || s.data[i] != '.') {
    return false;
  }
  ++i;
  return scan_digits(s, &i) && i == s.len;
}

static bool
is_double(const KgStringView s)
{
  // [+-]? ([0-9]+ '.' [0-9]* EXPONENT | '.' [0-9]+ EXPONENT | [0-9]+ EXPONENT)
  size_t i = 0U;
  scan_sign(s, &i);
  const bool int_part = scan_digits(s, &i);
  bool       frac     = false;
  if (i < s.len && s.data[i] == '.') {
    ++i;
    frac = scan_digits(s, &i);
  }
  if (!int_part && !frac) {
    return false;
  }
  if (i >= s.len || (s.data[i] != 'e' && s.data[i] != 'E')) {
    return false;
  }
  ++i;
  scan_sign(s, &i);
  return scan_digits(s, &i) && i == s.len;
}

/// Return true iff literal `id` can be written bare (a number or boolean).
static bool
is_bare(const Writer* const w, const KgTermId id)
{
  const KgTerm* const t    = kg_terms_get(&w->graph->terms, id);
  const KgStringView  text = {t->str, t->len};
  const KgTermId      dt   = t->aux;
  return (dt == w->xsd_integer && is_integer(text)) ||
         (dt == w->xsd_decimal && is_decimal(text)) ||
         (dt == w->xsd_double && is_double(text)) ||
         (dt == w->xsd_boolean && (kg_sv_equals(text, KG_SV("true")) ||
                                   kg_sv_equals(text, KG_SV("false"))));
}

static void
write_literal(Writer* const w, const KgTermId id)
{
  const KgTerm* const t    = kg_terms_get(&w->graph->terms, id);
  const KgStringView  text = {t->str, t->len};
  const KgTermId      dt   = t->aux;

  if (is_bare(w, id)) {
    kg_out_sv(w->out, text);
    return;
  }

  kg_out_char(w->out, '"');
  kg_out_escaped(w->out, text);
  kg_out_char(w->out, '"');
  if (t->lang) {
    kg_out_char(w->out, '@');
    kg_out_sv(w->out, w->graph->terms.langs[t->lang]);
  } else if (dt != w->graph->xsd_string) {
    kg_out_write(w->out, "^^", 2U);
    write_iri(w, dt);
  }
}

static const KgTriple*
nth_triple(const Writer* const w, const KgTermId s, const uint32_t n)
{
  return &w->graph->triples[w->order.triples[w->first[s] + n]];
}

/// Return the rdf:rest object of `id` if it is a list node, else KG_NO_TERM.
static KgTermId
list_rest(const Writer* const w, const KgTermId id)
{
  // A blank node used once, with one rdf:first and one rdf:rest only
  if (!kg_term_is_blank(w->graph, id) || w->in_count[id] != 1U ||
      w->count[id] != 2U || !w->rdf_first) {
    return KG_NO_TERM;
  }

  const KgTriple* const a = nth_triple(w, id, 0U);
  const KgTriple* const b = nth_triple(w, id, 1U);
  return (a->p == w->rdf_first && b->p == w->rdf_rest)   ? b->o
         : (a->p == w->rdf_rest && b->p == w->rdf_first) ? a->o
                                                         : KG_NO_TERM;
}

/// Find which blank nodes start a well-formed list that can be written `( )`.
static void
find_lists(Writer* const w)
{
  const size_t n_ids = w->graph->terms.n_terms;
  for (KgTermId start = 1U; start < n_ids; ++start) {
    if (w->list[start] != LIST_UNKNOWN || !kg_term_is_blank(w->graph, start)) {
      continue;
    }

    // Follow rdf:rest until nil, a node already known, or a bad node
    KgTermId id      = start;
    uint8_t  verdict = LIST_NO;
    while (true) {
      if (id == w->rdf_nil) {
        verdict = LIST_YES;
        break;
      }
      if (w->list[id] == LIST_YES || w->list[id] == LIST_NO) {
        verdict = w->list[id];
        break;
      }
      const KgTermId rest =
        w->list[id] == LIST_VISITING ? KG_NO_TERM : list_rest(w, id);
      if (!rest) {
        verdict = LIST_NO;
        break;
      }
      w->list[id] = LIST_VISITING;
      id          = rest;
    }

    // Everything visited gets the verdict of the end of its chain
    for (id = start; id != w->rdf_nil && w->list[id] == LIST_VISITING;) {
      w->list[id] = verdict;
      id          = list_rest(w, id);
    }
    if (w->list[start] == LIST_UNKNOWN) {
      w->list[start] = LIST_NO;
    }
  }
}

static void
write_list(Writer* const w, KgTermId id, const unsigned depth)
{
  kg_out_char(w->out, '(');
  while (id != w->rdf_nil) {
    w->state[id]            = WRITTEN;
    const KgTriple* const a = nth_triple(w, id, 0U);
    const KgTriple* const b = nth_triple(w, id, 1U);
    kg_out_char(w->out, ' ');
    write_object(w, a->p == w->rdf_first ? a->o : b->o, depth);
    id = a->p == w->rdf_rest ? a->o : b->o;
  }
  kg_out_write(w->out, " )", 2U);
}

/// Write the predicates and objects of `s`, each predicate on its own line.
static void
write_properties(Writer* const w, const KgTermId s, const unsigned depth)
{
  KgTermId last_p = KG_NO_TERM;
  for (uint32_t i = 0U; i < w->count[s]; ++i) {
    const KgTriple* const t = nth_triple(w, s, i);
    if (t->p == last_p) {
      kg_out_write(w->out, ", ", 2U);
    } else {
      if (last_p) {
        kg_out_write(w->out, " ;\n", 3U);
      }
      indent(w, depth);
      if (t->p == w->rdf_type) {
        kg_out_char(w->out, 'a');
      } else {
        write_iri(w, t->p);
      }
      kg_out_char(w->out, ' ');
      last_p = t->p;
    }
    write_object(w, t->o, depth);
  }
}

static void
write_object(Writer* const w, const KgTermId o, const unsigned depth)
{
  switch (kg_term_kind(w->graph, o)) {
  case KG_TERM_IRI:
    write_iri(w, o);
    return;
  case KG_TERM_LITERAL:
    write_literal(w, o);
    return;
  case KG_TERM_BLANK:
    break;
  case KG_TERM_NONE:
    return;
  }

  if (w->in_count[o] != 1U || w->state[o] != UNWRITTEN) {
    kg_out_blank(w->out, &w->order, o);
  } else if (w->list[o] == LIST_YES) {
    write_list(w, o, depth);
  } else if (!w->count[o]) {
    w->state[o] = WRITTEN;
    kg_out_write(w->out, "[]", 2U);
  } else {
    w->state[o] = WRITTEN;
    kg_out_write(w->out, "[\n", 2U);
    write_properties(w, o, depth + 1U);
    kg_out_char(w->out, '\n');
    indent(w, depth);
    kg_out_char(w->out, ']');
  }
}

static void
write_subject(Writer* const w, const KgTermId s)
{
  if (w->state[s] != PROMOTED) {
    w->state[s] = WRITTEN;
  }

  if (kg_term_is_blank(w->graph, s) && !w->in_count[s]) {
    // Nothing refers to it: no label needed
    kg_out_write(w->out, "[\n", 2U);
    write_properties(w, s, 1U);
    kg_out_write(w->out, "\n] .\n", 5U);
    return;
  }

  if (kg_term_is_blank(w->graph, s)) {
    kg_out_blank(w->out, &w->order, s);
  } else {
    write_iri(w, s);
  }

  // The first predicate on the subject's line, the others indented below
  kg_out_char(w->out, '\n');
  write_properties(w, s, 1U);
  kg_out_write(w->out, " .\n", 3U);
}

static int
compare_prefix(const void* const a, const void* const b)
{
  const KgStringView x = ((const KgNamespace*)a)->prefix;
  const KgStringView y = ((const KgNamespace*)b)->prefix;
  const size_t       n = x.len < y.len ? x.len : y.len;
  const int          c = n ? memcmp(x.data, y.data, n) : 0;
  return c ? c : (x.len < y.len) ? -1 : (x.len > y.len) ? 1 : 0;
}

static void
write_prefixes(Writer* const w)
{
  // Find which namespaces are written, so well-known ones appear only if
  // needed: not for `a`, lists, or literals written without datatype
  const KgTriple* const triples = w->graph->triples;
  for (size_t i = 0U; i < w->graph->n_triples; ++i) {
    const KgTriple* const t       = &triples[i];
    const bool            in_list = w->list[t->s] == LIST_YES;
    if (!kg_term_is_blank(w->graph, t->s)) {
      qname_of(w, t->s);
    }
    if (t->p != w->rdf_type && !in_list) {
      qname_of(w, t->p);
    }

    const KgTermKind kind = kg_term_kind(w->graph, t->o);
    if (kind == KG_TERM_IRI && !(in_list && t->o == w->rdf_nil)) {
      qname_of(w, t->o);
    } else if (kind == KG_TERM_LITERAL && !is_bare(w, t->o)) {
      const KgTerm* const lit = kg_terms_get(&w->graph->terms, t->o);
      if (!lit->lang && lit->aux != w->graph->xsd_string) {
        qname_of(w, lit->aux);
      }
    }
  }

  // Sort a copy: qname indices refer to the original order
  KgNamespace* const sorted =
    (KgNamespace*)kg_reallocarray(NULL, w->ns.n, sizeof(KgNamespace));
  if (!sorted) {
    w->out->status = KG_BAD_ALLOC;
    return;
  }

  memcpy(sorted, w->ns.ns, w->ns.n * sizeof(KgNamespace));
  qsort(sorted, w->ns.n, sizeof(KgNamespace), compare_prefix);

  bool any = false;
  for (size_t i = 0U; i < w->ns.n; ++i) {
    if (!sorted[i].known || sorted[i].used) {
      kg_out_write(w->out, "@prefix ", 8U);
      kg_out_sv(w->out, sorted[i].prefix);
      kg_out_write(w->out, ": ", 2U);
      kg_out_iriref(w->out, sorted[i].iri);
      kg_out_write(w->out, " .\n", 3U);
      any = true;
    }
  }
  if (any && w->graph->n_triples) {
    kg_out_char(w->out, '\n');
  }

  kg_free(sorted);
}

static KgStatus
writer_init(Writer* const w, const KgGraph* const graph)
{
  memset(w, 0, sizeof(*w));
  w->graph = graph;

  KgStatus st = kg_order_init(&w->order, graph, KG_ORDER_TYPE_FIRST);
  if (st) {
    return st;
  }

  if ((st = kg_namespaces_init(&w->ns, graph))) {
    return st;
  }

  const size_t n_ids = graph->terms.n_terms;
  w->out             = (KgOut*)kg_malloc(sizeof(KgOut));
  w->qname           = (long*)kg_reallocarray(NULL, n_ids, sizeof(long));
  w->in_count        = (uint32_t*)kg_calloc(n_ids, sizeof(uint32_t));
  w->first           = (uint32_t*)kg_calloc(n_ids, sizeof(uint32_t));
  w->count           = (uint32_t*)kg_calloc(n_ids, sizeof(uint32_t));
  w->state           = (uint8_t*)kg_calloc(n_ids, sizeof(uint8_t));
  w->list            = (uint8_t*)kg_calloc(n_ids, sizeof(uint8_t));
  if (!w->out || !w->qname || !w->in_count || !w->first || !w->count ||
      !w->state || !w->list) {
    return KG_BAD_ALLOC;
  }

  for (size_t i = 0U; i < n_ids; ++i) {
    w->qname[i] = UNKNOWN_QNAME;
  }

  for (size_t i = 0U; i < w->order.n_triples; ++i) {
    const KgTriple* const t = &graph->triples[w->order.triples[i]];
    if (!w->count[t->s]++) {
      w->first[t->s] = (uint32_t)i;
    }
    if (w->in_count[t->o] < UINT32_MAX) {
      ++w->in_count[t->o];
    }
  }

  w->rdf_type    = kg_graph_find_iri(graph, KG_SV(KG_RDF_TYPE));
  w->rdf_first   = kg_graph_find_iri(graph, KG_SV(KG_RDF_FIRST));
  w->rdf_rest    = kg_graph_find_iri(graph, KG_SV(KG_RDF_REST));
  w->rdf_nil     = kg_graph_find_iri(graph, KG_SV(KG_RDF_NIL));
  w->xsd_integer = kg_graph_find_iri(graph, KG_SV(KG_XSD_NS "integer"));
  w->xsd_decimal = kg_graph_find_iri(graph, KG_SV(KG_XSD_NS "decimal"));
  w->xsd_double  = kg_graph_find_iri(graph, KG_SV(KG_XSD_NS "double"));
  w->xsd_boolean = kg_graph_find_iri(graph, KG_SV(KG_XSD_NS "boolean"));
  if (!w->rdf_nil || !w->rdf_first || !w->rdf_rest) {
    w->rdf_first = w->rdf_rest = w->rdf_nil = KG_NO_TERM;
  }

  find_lists(w);
  return KG_SUCCESS;
}

static void
writer_fini(Writer* const w)
{
  kg_free(w->list);
  kg_free(w->state);
  kg_free(w->count);
  kg_free(w->first);
  kg_free(w->in_count);
  kg_free(w->qname);
  kg_free(w->out);
  kg_namespaces_fini(&w->ns);
  kg_order_fini(&w->order);
}

KgStatus
kg_write_turtle(const KgGraph* const        graph,
                FILE* const                 stream,
                const KgWriteOptions* const options)
{
  (void)options;

  Writer   w;
  KgStatus st = writer_init(&w, graph);
  if (st) {
    writer_fini(&w);
    return st;
  }

  kg_out_init(w.out, stream);
  write_prefixes(&w);

  // Subjects in order; blank nodes used once wait for their referrer
  bool first = true;
  for (size_t i = 0U; i < w.order.n_triples && !w.out->status;) {
    const KgTermId s = w.graph->triples[w.order.triples[i]].s;
    if (w.state[s] == UNWRITTEN &&
        (!kg_term_is_blank(graph, s) || w.in_count[s] != 1U)) {
      if (!first) {
        kg_out_char(w.out, '\n');
      }
      write_subject(&w, s);
      first = false;
    }
    i += w.count[s];
  }

  // What is left is in cycles of blank nodes used once: break each cycle at
  // its first node in order, which then needs a label
  for (size_t i = 0U; i < w.order.n_triples && !w.out->status;) {
    const KgTermId s = w.graph->triples[w.order.triples[i]].s;
    if (w.state[s] == UNWRITTEN) {
      w.state[s] = PROMOTED;
      if (!first) {
        kg_out_char(w.out, '\n');
      }
      write_subject(&w, s);
      first = false;
    }
    i += w.count[s];
  }

  st = w.out->status ? w.out->status : kg_out_flush(w.out);
  writer_fini(&w);
  return st;
}
