// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Turtle as a person writes it: the author's prefixes, one block per
// subject with `;` and `,`, blank nodes used once nested in `[ ]`, lists
// as `( )`, at most KG_LAYOUT_MAX_NEST levels deep (a deeper node stands
// at the top under its label, right after the block it is used in), so
// the output grows linearly with the graph whatever its shape.
// Deterministic: subjects, predicates and objects in kgraph's stable
// order.

#include "alloc.h"
#include "formats.h"
#include "graph.h"
#include "intern.h"
#include "layout.h"
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

typedef struct {
  KgLayout       layout;
  const KgGraph* graph;
  const KgGraph* ontology; ///< For prefixes, or NULL
  KgOut*         out;
  KgNamespaces   ns;
  long*          qname; ///< Namespace index of each IRI, or NO_QNAME
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

/// Return true iff `s` matches `[0-9]+` from `i`, and move `i` past it.
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

bool
kg_turtle_literal_is_bare(const KgStringView datatype, const KgStringView text)
{
  return (kg_sv_equals(datatype, KG_SV(KG_XSD_NS "integer")) &&
          is_integer(text)) ||
         (kg_sv_equals(datatype, KG_SV(KG_XSD_NS "decimal")) &&
          is_decimal(text)) ||
         (kg_sv_equals(datatype, KG_SV(KG_XSD_NS "double")) &&
          is_double(text)) ||
         (kg_sv_equals(datatype, KG_SV(KG_XSD_NS "boolean")) &&
          (kg_sv_equals(text, KG_SV("true")) ||
           kg_sv_equals(text, KG_SV("false"))));
}

/// Return true iff literal `id` can be written bare (a number or boolean),
/// as kg_turtle_literal_is_bare() says, by the datatype's term.
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

static void
write_list(Writer* const w, KgTermId id, const unsigned depth)
{
  kg_out_char(w->out, '(');
  while (id != w->layout.rdf_nil) {
    KgTermId       rest = KG_NO_TERM;
    const KgTermId item = kg_layout_list_item(&w->layout, id, &rest);
    kg_out_char(w->out, ' ');
    write_object(w, item, depth);
    id = rest;
  }
  kg_out_write(w->out, " )", 2U);
}

/// Write the predicates and objects of `s`, each predicate on its own line.
static void
write_properties(Writer* const w, const KgTermId s, const unsigned depth)
{
  KgTermId last_p = KG_NO_TERM;
  for (uint32_t i = 0U; i < w->layout.count[s]; ++i) {
    const KgTriple* const t = kg_layout_triple(&w->layout, s, i);
    if (t->p == last_p) {
      kg_out_write(w->out, ", ", 2U);
    } else {
      if (last_p) {
        kg_out_write(w->out, " ;\n", 3U);
      }
      indent(w, depth);
      if (t->p == w->layout.rdf_type) {
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

/**
   Write object `o`, nesting a blank node used once in `[ ]` or `( )`.

   write_object() and write_properties() recurse once for each level of
   nesting, and the layout nests at most KG_LAYOUT_MAX_NEST levels (deeper
   nodes stand at the top under their label): so the recursion, and the
   indentation, are bounded by that constant whatever the graph.
*/
static void
write_object(Writer* const w, const KgTermId o, const unsigned depth)
{
  switch (kg_kind(w->graph, o)) {
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

  if (!kg_layout_nest(&w->layout, o)) {
    kg_out_blank(w->out, &w->layout.order, o);
  } else if (kg_layout_is_list(&w->layout, o)) {
    write_list(w, o, depth);
  } else if (!w->layout.count[o]) {
    kg_out_write(w->out, "[]", 2U);
  } else {
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
  if (kg_is_blank(w->graph, s) && !w->layout.in_count[s]) {
    // Nothing refers to it: no label needed
    kg_out_write(w->out, "[\n", 2U);
    write_properties(w, s, 1U);
    kg_out_write(w->out, "\n] .\n", 5U);
    return;
  }

  if (kg_is_blank(w->graph, s)) {
    kg_out_blank(w->out, &w->layout.order, s);
  } else {
    write_iri(w, s);
  }

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
  const KgLayout* const l       = &w->layout;
  const KgTriple* const triples = w->graph->triples;
  for (size_t i = 0U; i < w->graph->n_triples; ++i) {
    const KgTriple* const t       = &triples[i];
    const bool            in_list = kg_layout_is_list(l, t->s);
    if (!kg_is_blank(w->graph, t->s)) {
      qname_of(w, t->s);
    }
    if (t->p != l->rdf_type && !in_list) {
      qname_of(w, t->p);
    }

    const KgTermKind kind = kg_kind(w->graph, t->o);
    // The rdf:nil that ends a list is ")", but an item may be rdf:nil too
    if (kind == KG_TERM_IRI &&
        !(in_list && t->p == l->rdf_rest && t->o == l->rdf_nil)) {
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
writer_init(Writer* const               w,
            const KgGraph* const        graph,
            const KgWriteOptions* const options)
{
  memset(w, 0, sizeof(*w));
  w->graph    = graph;
  w->ontology = options->ontology;

  KgStatus st = kg_layout_init(&w->layout, graph, KG_LAYOUT_TYPE_FIRST);
  if (st || (st = kg_namespaces_init(
               &w->ns, graph, w->ontology, kg_turtle_prefix_is_valid))) {
    return st;
  }

  const size_t n_ids = graph->terms.n_terms;
  w->out             = (KgOut*)kg_malloc(sizeof(KgOut));
  w->qname           = (long*)kg_reallocarray(NULL, n_ids, sizeof(long));
  if (!w->out || !w->qname) {
    return KG_BAD_ALLOC;
  }

  for (size_t i = 0U; i < n_ids; ++i) {
    w->qname[i] = UNKNOWN_QNAME;
  }

  w->xsd_integer = kg_graph_find_iri(graph, KG_SV(KG_XSD_NS "integer"));
  w->xsd_decimal = kg_graph_find_iri(graph, KG_SV(KG_XSD_NS "decimal"));
  w->xsd_double  = kg_graph_find_iri(graph, KG_SV(KG_XSD_NS "double"));
  w->xsd_boolean = kg_graph_find_iri(graph, KG_SV(KG_XSD_NS "boolean"));
  return KG_SUCCESS;
}

static void
writer_fini(Writer* const w)
{
  kg_free(w->qname);
  kg_free(w->out);
  kg_namespaces_fini(&w->ns);
  kg_layout_fini(&w->layout);
}

KgStatus
kg_write_turtle(const KgGraph* const        graph,
                FILE* const                 stream,
                const KgWriteOptions* const options)
{
  Writer   w;
  KgStatus st = writer_init(&w, graph, options);
  if (st) {
    writer_fini(&w);
    return st;
  }

  kg_out_init(w.out, stream);
  write_prefixes(&w);

  bool first = true;
  for (KgTermId s = KG_NO_TERM;
       !w.out->status && (s = kg_layout_next_root(&w.layout));) {
    if (!first) {
      kg_out_char(w.out, '\n');
    }
    write_subject(&w, s);
    first = false;
  }

  st = w.out->status ? w.out->status : kg_out_flush(w.out);
  writer_fini(&w);
  return st;
}
