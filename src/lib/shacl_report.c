// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The SHACL validation report (SHACL 3.6) as a graph of its own, written
// with kgraph's Turtle writer, so that any SHACL tool reads what `kgraph
// check --format turtle` prints.
//
// Terms come from two graphs: focus nodes and values from the data, paths,
// shapes and severities from the shapes graph.  Each is copied into the
// report once, through a map per graph (term id -> report id), so a blank
// node of either graph is one blank node of the report however many
// results name it.  A complex path (a blank node) is copied by the form the
// engine reads in it, with its lists and nested paths and nothing else of
// its nodes (a node that is both a list and an inverse path is a sequence
// path); the map copies each node once, so a shared path is copied once
// and a ring stops.  Recursion follows the nesting of paths, at most
// KG_SH_MAX_DEPTH levels; lists are walked by a loop.
//
// sh:conforms is true until the first result, when the triple is swapped
// for false: the report is a valid report at every moment.

#include "alloc.h"
#include "buffer.h"
#include "graph.h"
#include "out.h"
#include "shacl_impl.h"

#include <kgraph/graph.h>
#include <kgraph/shacl.h>
#include <kgraph/shacl_report.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define SH(local) KG_SH_NS local

/// A map from the term ids of one graph to those of the report.
typedef struct {
  const KgGraph* from; ///< Graph of the source terms
  KgTermId*      ids;  ///< Report id of each term id, or 0: not copied yet
  size_t         n;    ///< Entries of `ids`
} TermMap;

struct KgShReportImpl {
  KgGraph* graph;  ///< The report
  KgGraph* shapes; ///< The shapes graph (subject index built)
  TermMap  data_map;
  TermMap  shapes_map;
  size_t   n_results; ///< Results added
  KgTermId report;    ///< The sh:ValidationReport node
  KgTermId sh_result, sh_focus, sh_path, sh_value, sh_severity, sh_component,
    sh_shape, sh_message, sh_conforms, rdf_type, sh_validation_result;
};

static KgStatus
set_prefixes(KgGraph* const dst, const KgGraph* const src)
{
  KgStatus st = KG_SUCCESS;
  for (size_t i = 0U; !st && i < kg_graph_n_prefixes(src); ++i) {
    KgStringView name = {NULL, 0U};
    KgStringView iri  = {NULL, 0U};
    kg_graph_prefix(src, i, &name, &iri);
    st = kg_graph_set_prefix(dst, name, iri);
    st = st == KG_FAILURE ? KG_SUCCESS : st;
  }
  return st;
}

/// Make the map big enough for every term of its graph (which may have
/// grown since: the data gets terms as it is indexed and checked).
static KgStatus
map_reserve(TermMap* const map)
{
  const size_t n = kg_graph_n_terms(map->from) + 1U;
  if (n <= map->n) {
    return KG_SUCCESS;
  }

  KgTermId* const ids =
    (KgTermId*)kg_reallocarray(map->ids, n, sizeof(KgTermId));
  if (!ids) {
    return KG_BAD_ALLOC;
  }
  memset(ids + map->n, 0, (n - map->n) * sizeof(KgTermId));
  map->ids = ids;
  map->n   = n;
  return KG_SUCCESS;
}

/// Copy term `id` of `map->from` into `report` (a blank node: a fresh one,
/// once), and return its report id, or KG_NO_TERM if memory ran out or `id`
/// is not a term.
static KgTermId
copy_term(KgShReport* const report, TermMap* const map, const KgTermId id)
{
  const KgGraph* const from = map->from;
  const KgTermKind     kind = kg_term_kind(from, id);
  if (kind == KG_TERM_NONE || map_reserve(map)) {
    return KG_NO_TERM;
  }
  if (map->ids[id]) {
    return map->ids[id];
  }

  KgGraph* const g    = report->graph;
  KgTermId       copy = KG_NO_TERM;
  if (kind == KG_TERM_IRI) {
    copy = kg_graph_iri(g, kg_term_text(from, id));
  } else if (kind == KG_TERM_BLANK) {
    copy = kg_graph_fresh_blank(g);
  } else {
    const KgStringView lang = kg_term_lang(from, id);
    const KgTermId     datatype =
      lang.len
            ? KG_NO_TERM
            : kg_graph_iri(g, kg_term_text(from, kg_term_datatype(from, id)));
    if (lang.len || datatype) {
      copy = kg_graph_literal(g, kg_term_text(from, id), datatype, lang);
    }
  }

  map->ids[id] = copy;
  return copy;
}

static KgStatus
add(KgShReport* const report,
    const KgTermId    s,
    const KgTermId    p,
    const KgTermId    o)
{
  if (!s || !p || !o) {
    return KG_BAD_ALLOC;
  }
  const KgStatus st = kg_graph_add(report->graph, s, p, o);
  return st == KG_FAILURE ? KG_SUCCESS : st;
}

/// A shapes graph and the ids in it of the shapes vocabulary (0: not in
/// it), which paths are made of.
typedef struct {
  const KgGraph* graph;
  KgTermId       vocab[KG_SHV_COUNT_];
} PathVocab;

static void
path_vocab(const KgGraph* const g, PathVocab* const v)
{
  v->graph = g;
  kg_sh_vocab_find(g, v->vocab);
}

static KgStatus
copy_path_node(KgShReport*      report,
               const PathVocab* v,
               KgTermId         path,
               unsigned         depth,
               KgTermId*        copy);

/// Copy the list `list` of paths; its copy through `copy`.
static KgStatus
copy_path_list(KgShReport* const      report,
               const PathVocab* const v,
               KgTermId               list,
               const unsigned         depth,
               KgTermId* const        copy)
{
  TermMap* const map   = &report->shapes_map;
  KgStatus       st    = KG_SUCCESS;
  KgTermId       tail  = KG_NO_TERM; // The copy of the node before
  const KgTermId first = kg_graph_iri(report->graph, KG_SV(KG_RDF_FIRST));
  const KgTermId rest  = kg_graph_iri(report->graph, KG_SV(KG_RDF_REST));
  KG_TRY(st, map_reserve(map));

  // A list has no more nodes than the graph has triples: a ring stops
  const size_t max = kg_graph_size(v->graph);
  for (size_t i = 0U; !st; ++i) {
    const KgTermId element =
      kg_graph_object(v->graph, list, v->vocab[KG_SHV_RDF_FIRST]);
    // rdf:nil, a node copied already (a ring), or no list: as it is
    const bool end = !element || !kg_term_is_blank(v->graph, list) ||
                     map->ids[list] || i == max;
    const KgTermId node = copy_term(report, map, list);
    if (!node || !first || !rest) {
      return KG_BAD_ALLOC;
    }
    if (!end) {
      KgTermId element_copy = KG_NO_TERM;
      KG_TRY(st, copy_path_node(report, v, element, depth + 1U, &element_copy));
      KG_TRY(st, add(report, node, first, element_copy));
    }
    if (tail) {
      KG_TRY(st, add(report, tail, rest, node));
    } else {
      *copy = node;
    }
    if (end) {
      break;
    }
    tail = node;
    list = kg_graph_object(v->graph, list, v->vocab[KG_SHV_RDF_REST]);
  }
  return st;
}

/**
   Copy path `path` of the shapes graph into the report, by the form the
   engine reads (a list is a sequence, whatever else its node says; else
   the one path predicate of the node), and nothing else of its nodes.

   Nested at most KG_SH_MAX_DEPTH levels (deeper paths are refused when
   shapes are read; here their nodes are copied bare); a node copied
   already is shared.
*/
static KgStatus
copy_path_node(KgShReport* const      report,
               const PathVocab* const v,
               const KgTermId         path,
               const unsigned         depth,
               KgTermId* const        copy)
{
  TermMap* const map = &report->shapes_map;
  KgStatus       st  = KG_SUCCESS;
  KG_TRY(st, map_reserve(map));
  const bool fresh = kg_term_is_blank(v->graph, path) && !map->ids[path] &&
                     depth <= KG_SH_MAX_DEPTH;
  KgShPathNode node;
  if (!fresh || !kg_sh_path_node(v->graph, v->vocab, path, &node)) {
    // An IRI, a path copied already, too deep, or no path: as it is
    return (*copy = copy_term(report, map, path)) ? KG_SUCCESS : KG_BAD_ALLOC;
  }
  if (node.kind == KG_SHP_SEQUENCE) {
    return copy_path_list(report, v, path, depth, copy);
  }
  if (!(*copy = copy_term(report, map, path))) {
    return KG_BAD_ALLOC;
  }

  KgTermId arg_copy = KG_NO_TERM;
  KG_TRY(st,
         node.kind == KG_SHP_ALTERNATIVE
           ? copy_path_list(report, v, node.arg, depth + 1U, &arg_copy)
           : copy_path_node(report, v, node.arg, depth + 1U, &arg_copy));
  return add(report, *copy, copy_term(report, map, node.pred), arg_copy);
}

/// Copy path `path` of the shapes graph into the report; its copy through
/// `copy`.
static KgStatus
copy_path(KgShReport* const report, const KgTermId path, KgTermId* const copy)
{
  PathVocab v;
  path_vocab(report->shapes, &v);
  return copy_path_node(report, &v, path, 0U, copy);
}

static KgStatus
set_conforms(KgShReport* const report, const bool conforms)
{
  const KgTermId xsd_boolean =
    kg_graph_iri(report->graph, KG_SV(KG_XSD_NS "boolean"));
  const KgTermId value =
    xsd_boolean ? kg_graph_literal(report->graph,
                                   conforms ? KG_SV("true") : KG_SV("false"),
                                   xsd_boolean,
                                   KG_SV(""))
                : KG_NO_TERM;
  return add(report, report->report, report->sh_conforms, value);
}

/// Make the report graph of `report`, its vocabulary and prefixes.
static KgStatus
init_report(KgShReport* const report, const KgGraph* const data)
{
  KgGraph* const g = report->graph = kg_graph_new();
  if (!g) {
    return KG_BAD_ALLOC;
  }

  report->sh_result   = kg_graph_iri(g, KG_SV(SH("result")));
  report->sh_focus    = kg_graph_iri(g, KG_SV(SH("focusNode")));
  report->sh_path     = kg_graph_iri(g, KG_SV(SH("resultPath")));
  report->sh_value    = kg_graph_iri(g, KG_SV(SH("value")));
  report->sh_severity = kg_graph_iri(g, KG_SV(SH("resultSeverity")));
  report->sh_component =
    kg_graph_iri(g, KG_SV(SH("sourceConstraintComponent")));
  report->sh_shape             = kg_graph_iri(g, KG_SV(SH("sourceShape")));
  report->sh_message           = kg_graph_iri(g, KG_SV(SH("resultMessage")));
  report->sh_conforms          = kg_graph_iri(g, KG_SV(SH("conforms")));
  report->rdf_type             = kg_graph_iri(g, KG_SV(KG_RDF_TYPE));
  report->sh_validation_result = kg_graph_iri(g, KG_SV(SH("ValidationResult")));
  report->report               = kg_graph_fresh_blank(g);
  if (!report->sh_result || !report->sh_focus || !report->sh_path ||
      !report->sh_value || !report->sh_severity || !report->sh_component ||
      !report->sh_shape || !report->sh_message || !report->sh_conforms ||
      !report->rdf_type || !report->sh_validation_result || !report->report) {
    return KG_BAD_ALLOC;
  }

  // The report's own prefixes first: the first declaration of a name wins
  KgStatus st = KG_SUCCESS;
  KG_TRY(st, kg_graph_set_prefix(g, KG_SV("sh"), KG_SV(KG_SH_NS)));
  KG_TRY(st, kg_graph_set_prefix(g, KG_SV("rdf"), KG_SV(KG_RDF_NS)));
  KG_TRY(st, kg_graph_set_prefix(g, KG_SV("xsd"), KG_SV(KG_XSD_NS)));
  KG_TRY(st, set_prefixes(g, data));
  KG_TRY(st, set_prefixes(g, report->shapes));
  KG_TRY(st, kg_graph_index(report->shapes, KG_SUBJECT));
  KG_TRY(st,
         add(report,
             report->report,
             report->rdf_type,
             kg_graph_iri(g, KG_SV(SH("ValidationReport")))));
  return set_conforms(report, true);
}

KgShReport*
kg_sh_report_new(KgGraph* const shapes_graph, const KgGraph* const data)
{
  KgShReport* const report = (KgShReport*)kg_calloc(1U, sizeof(KgShReport));
  if (!report) {
    return NULL;
  }

  report->shapes          = shapes_graph;
  report->data_map.from   = data;
  report->shapes_map.from = shapes_graph;
  if (init_report(report, data)) {
    kg_sh_report_free(report);
    return NULL;
  }
  return report;
}

void
kg_sh_report_free(KgShReport* const report)
{
  if (report) {
    kg_graph_free(report->graph);
    kg_free(report->data_map.ids);
    kg_free(report->shapes_map.ids);
    kg_free(report);
  }
}

/// Add `result`'s messages to result node `node`.
static KgStatus
add_messages(KgShReport* const       report,
             const KgTermId          node,
             const KgShResult* const result)
{
  KgStatus st = KG_SUCCESS;
  for (size_t i = 0U; i < result->n_messages && !st; ++i) {
    const KgShMessage* const m = &result->messages[i];
    st                         = add(report,
             node,
             report->sh_message,
             kg_graph_literal(report->graph, m->text, KG_NO_TERM, m->lang));
  }
  return st;
}

KgStatus
kg_sh_report_add(KgShReport* const report, const KgShResult* const result)
{
  const KgGraph* const data   = report->data_map.from;
  const KgGraph* const shapes = report->shapes;
  if (kg_term_kind(data, result->focus) == KG_TERM_NONE ||
      kg_term_kind(shapes, result->shape) == KG_TERM_NONE ||
      kg_term_kind(shapes, result->severity) != KG_TERM_IRI ||
      (result->value && kg_term_kind(data, result->value) == KG_TERM_NONE) ||
      (result->path && kg_term_kind(shapes, result->path) == KG_TERM_NONE)) {
    return KG_BAD_ARG;
  }

  KgStatus       st = KG_SUCCESS;
  KgGraph* const g  = report->graph;
  if (!report->n_results) {
    // The report holds its type and sh:conforms true: say false instead
    bool drop[3] = {false, true, false};
    if (kg_graph_size(g) != 2U) {
      return KG_BAD_INTERNAL;
    }
    KG_TRY(st, set_conforms(report, false));
    kg_graph_drop_triples(g, drop);
  }
  ++report->n_results;

  const KgTermId node = kg_graph_fresh_blank(g);
  KG_TRY(st, add(report, report->report, report->sh_result, node));
  KG_TRY(st, add(report, node, report->rdf_type, report->sh_validation_result));
  KG_TRY(st,
         add(report,
             node,
             report->sh_focus,
             copy_term(report, &report->data_map, result->focus)));
  if (result->path) {
    KgTermId path = KG_NO_TERM;
    KG_TRY(st, copy_path(report, result->path, &path));
    KG_TRY(st, add(report, node, report->sh_path, path));
  }
  if (result->value) {
    KG_TRY(st,
           add(report,
               node,
               report->sh_value,
               copy_term(report, &report->data_map, result->value)));
  }
  KG_TRY(st,
         add(report,
             node,
             report->sh_severity,
             copy_term(report, &report->shapes_map, result->severity)));

  char      component[128];
  const int len = snprintf(component,
                           sizeof(component),
                           "%s%s",
                           KG_SH_NS,
                           kg_sh_component_name(result->component));
  if (len < 0 || (size_t)len >= sizeof(component)) {
    return KG_BAD_ARG;
  }
  KG_TRY(st,
         add(report,
             node,
             report->sh_component,
             kg_graph_iri(g, (KgStringView){component, (size_t)len})));
  KG_TRY(st,
         add(report,
             node,
             report->sh_shape,
             copy_term(report, &report->shapes_map, result->shape)));
  return add_messages(report, node, result);
}

size_t
kg_sh_report_size(const KgShReport* const report)
{
  return report->n_results;
}

const KgGraph*
kg_sh_report_graph(const KgShReport* const report)
{
  return report->graph;
}

KgStatus
kg_sh_report_write(const KgShReport* const report,
                   FILE* const             stream,
                   const KgLog             log)
{
  const KgWriteOptions options = {KG_SYNTAX_TURTLE, log, 0U, NULL};
  return kg_graph_write(report->graph, stream, &options);
}

/*
  Terms and paths as strings (for JSON and messages)
*/

/// Append term `id` of `graph` in N-Triples, a blank node with its label.
static KgStatus
append_term(KgBuffer* const buf, const KgGraph* const graph, const KgTermId id)
{
  if (kg_term_kind(graph, id) == KG_TERM_NONE) {
    return KG_BAD_ARG;
  }

  KgOut* const out = (KgOut*)kg_malloc(sizeof(KgOut));
  if (!out) {
    return KG_BAD_ALLOC;
  }

  kg_out_init_buffer(out, buf);
  kg_out_nt_term(out, graph, NULL, id);
  const KgStatus st = kg_out_flush(out);
  kg_free(out);
  return st;
}

char*
kg_sh_term_to_string(const KgGraph* const graph, const KgTermId id)
{
  KgBuffer buf = KG_BUFFER_INIT;
  if (append_term(&buf, graph, id)) {
    kg_buffer_fini(&buf);
    return NULL;
  }
  return kg_buffer_steal(&buf);
}

static KgStatus
append_path(KgBuffer* buf, const PathVocab* v, KgTermId path, unsigned depth);

/// Append the elements of list `list`, separated by `separator`.
static KgStatus
append_list(KgBuffer* const        buf,
            const PathVocab* const v,
            KgTermId               list,
            const char* const      separator,
            const unsigned         depth)
{
  KgStatus st = KG_SUCCESS;
  // A list has no more elements than the graph has triples: a ring stops
  const size_t max = kg_graph_size(v->graph);
  for (size_t i = 0U; !st && list != v->vocab[KG_SHV_RDF_NIL]; ++i) {
    const KgTermId first =
      kg_graph_object(v->graph, list, v->vocab[KG_SHV_RDF_FIRST]);
    if (!first || i == max) {
      return kg_buffer_append_char(buf, '?');
    }
    if (i) {
      KG_TRY(st, kg_buffer_append_str(buf, separator));
    }
    st   = append_path(buf, v, first, depth + 1U);
    list = kg_graph_object(v->graph, list, v->vocab[KG_SHV_RDF_REST]);
  }
  return st;
}

static KgStatus
append_path(KgBuffer* const        buf,
            const PathVocab* const v,
            const KgTermId         path,
            const unsigned         depth)
{
  const KgGraph* const g = v->graph;
  if (kg_term_kind(g, path) == KG_TERM_IRI) {
    return append_term(buf, g, path);
  }
  if (!kg_term_is_blank(g, path)) {
    return kg_buffer_append_char(buf, '?');
  }
  if (depth >= KG_SH_PATH_MAX_NEST) {
    return kg_buffer_append_str(buf, "...");
  }

  KgShPathNode node;
  if (!kg_sh_path_node(g, v->vocab, path, &node)) {
    return kg_buffer_append_char(buf, '?');
  }

  KgStatus st = KG_SUCCESS;
  if (node.kind == KG_SHP_SEQUENCE || node.kind == KG_SHP_ALTERNATIVE) {
    const bool nested = depth > 0U;
    KG_TRY(st, nested ? kg_buffer_append_char(buf, '(') : KG_SUCCESS);
    KG_TRY(
      st,
      append_list(
        buf, v, node.arg, node.kind == KG_SHP_SEQUENCE ? "/" : "|", depth));
    return nested ? kg_buffer_append_char(buf, ')') : KG_SUCCESS;
  }

  // A unary path: an operand that is itself unary in parentheses (a
  // sequence or an alternative puts itself in them)
  KgShPathNode operand;
  const bool   group =
    kg_term_is_blank(g, node.arg) &&
    !(kg_sh_path_node(g, v->vocab, node.arg, &operand) &&
      (operand.kind == KG_SHP_SEQUENCE || operand.kind == KG_SHP_ALTERNATIVE));
  const char op = node.kind == KG_SHP_ZERO_OR_MORE  ? '*'
                  : node.kind == KG_SHP_ONE_OR_MORE ? '+'
                  : node.kind == KG_SHP_ZERO_OR_ONE ? '?'
                                                    : '^';
  KG_TRY(st, op == '^' ? kg_buffer_append_char(buf, '^') : KG_SUCCESS);
  KG_TRY(st, group ? kg_buffer_append_char(buf, '(') : KG_SUCCESS);
  KG_TRY(st, append_path(buf, v, node.arg, depth + 1U));
  KG_TRY(st, group ? kg_buffer_append_char(buf, ')') : KG_SUCCESS);
  return op == '^' ? KG_SUCCESS : kg_buffer_append_char(buf, op);
}

char*
kg_sh_path_to_string(const KgGraph* const shapes_graph, const KgTermId path)
{
  PathVocab v;
  path_vocab(shapes_graph, &v);

  KgBuffer buf = KG_BUFFER_INIT;
  if (append_path(&buf, &v, path, 0U)) {
    kg_buffer_fini(&buf);
    return NULL;
  }
  return kg_buffer_steal(&buf);
}
