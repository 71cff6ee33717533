// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Pictures: the graph as Graphviz DOT, built with cgraph, and rendered in
// this process with gvc.
//
// Nodes are the IRIs and blank nodes, labelled for people, styled by their
// most specific class (style annotations, inherited along rdfs:subClassOf),
// with their literals as an HTML-like table.  Every text goes through one
// of two escapers: cgraph quotes IDs, but a label still interprets
// backslash sequences (\n, \l, \N...), and an HTML-like label is markup.
//
// Limits count what Graphviz lays out: nodes, edges and table rows.  A
// node's table shows at most `max_rows` literals and a row that counts the
// others (Graphviz's time grows with the square of a table's rows), and a
// picture of more than `max_size` of them together is refused from the
// counts, before anything is built.  Nothing here recurses: the focus walk
// is breadth first, and a class's ancestors are looked up to a fixed
// number (kg_vocab_ancestors).
//
// The parts, each readable alone, share the structs of dot_impl.h:
// dot_text.c (escaping, names, titles), dot_style.c (the style graph,
// classes to looks), dot_select.c (focus, depth, exclusion, sizes),
// dot_build.c (the cgraph graph: nodes, tables, edges, clusters, legend),
// dot_compose.c (layout with gvc, the legend laid out apart and composed,
// labels by their edges, SVG that fits its window), and this file
// (setting up in steps, the drawing, the choice of engine).  The API and
// the options' defaults are in dot_options.c, built with or without
// Graphviz.

#include "dot_impl.h"

#include "alloc.h"
#include "buffer.h"
#include "dot_draw.h"
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
#include <graphviz/gvc.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Above this many nodes and edges, dot takes long: sfdp then (or fdp,
/// for clusters).  dot's cost grows fast with labelled edges (each is a
/// node of its own to place): about 3 s at 400 nodes and 800 edges,
/// minutes at 1,000 and 2,000.
#define DOT_MAX_AUTO 1000U

/// Above this many nodes and edges, refuse dot even when asked for.
#define DOT_MAX 3000U

/// Above this many nodes and edges, refuse fdp: with clusters (by class)
/// it takes about 1 s at 1,450 of them, 3.5 s at 2,500 and 13 s at 5,000.
#define FDP_MAX 6000U

/// The engines, and whether each draws clusters.
static const struct {
  const char* name;
  bool        clusters;
} engines[] = {
  {"dot", true},
  {"fdp", true},
  {"neato", false},
  {"sfdp", false},
};

/*
  Setting up
*/

/// Start `d` for `graph`: the options, and nothing to free yet.
static void
dot_start(Dot* const                  d,
          const KgGraph* const        graph,
          const KgWriteOptions* const options,
          const KgDotOptions* const   dot)
{
  memset(d, 0, sizeof(*d));
  d->graph   = graph;
  d->options = options;
  if (dot) {
    d->dot = *dot;
  } else {
    kg_dot_options_init(&d->dot);
  }
  d->lang = kg_sv(d->dot.lang ? d->dot.lang : "en");
  kg_vocab_init(&d->vocab, KG_SV(KGS));
  kg_vocab_init(&d->base, KG_SV(KGS));
}

/// Refuse IRIs that cannot be written, and order the triples and prefixes.
static KgStatus
dot_open(Dot* const d)
{
  const KgStatus names = kg_refuse_names(d->graph, d->options);
  if (names) {
    return names;
  }

  KgStatus st = kg_layout_init(&d->layout, d->graph, KG_LAYOUT_NO_NESTING);
  if (st ||
      (st = kg_namespaces_init(
         &d->ns, d->graph, d->options->ontology, kg_turtle_prefix_is_valid))) {
    return st;
  }
  d->type = kg_graph_find_iri(d->graph, KG_SV(KG_RDF_TYPE));
  return KG_SUCCESS;
}

/// Allocate the tables by term.
static KgStatus
dot_alloc(Dot* const d)
{
  const size_t n_ids = d->graph->terms.n_terms;
  d->excluded        = (uint8_t*)kg_calloc(n_ids, 1U);
  d->class_style     = (int32_t*)kg_reallocarray(NULL, n_ids, sizeof(int32_t));
  d->node_style      = (int32_t*)kg_reallocarray(NULL, n_ids, sizeof(int32_t));
  d->drawn           = (uint8_t*)kg_calloc(n_ids, 1U);
  d->touched         = (uint8_t*)kg_calloc(n_ids, 1U);
  d->cluster         = (uint32_t*)kg_calloc(n_ids, sizeof(uint32_t));
  d->nodes           = (Agnode_t**)kg_calloc(n_ids, sizeof(Agnode_t*));
  d->kinds           = (PropertyKind**)kg_calloc(n_ids, sizeof(PropertyKind*));
  if (!d->excluded || !d->class_style || !d->node_style || !d->drawn ||
      !d->touched || !d->cluster || !d->nodes || !d->kinds) {
    return KG_BAD_ALLOC;
  }
  for (size_t i = 0U; i < n_ids; ++i) {
    d->class_style[i] = UNKNOWN_STYLE;
    d->node_style[i]  = NO_STYLE;
  }
  return KG_SUCCESS;
}

/**
   Set up `d` and build its picture, in steps: the options, the order of
   triples, the style, the tables by term, the changes, the properties not
   drawn, the grouping and the focus, the nodes chosen, and the cgraph graph.
*/
static KgStatus
dot_init(Dot* const                  d,
         const KgGraph* const        graph,
         const KgWriteOptions* const options,
         const KgDotOptions* const   dot)
{
  dot_start(d, graph, options, dot);

  KgStatus st = KG_SUCCESS;
  if ((st = dot_open(d)) || (st = kg_dot_load_style(d)) ||
      (st = dot_alloc(d))) {
    return st;
  }

  kg_dot_mark_changes(d);
  KgTermId focus = KG_NO_TERM;
  if ((st = kg_dot_exclude(d)) || (st = kg_dot_find_cluster_by(d)) ||
      (st = kg_dot_find_focus(d, &focus)) || (st = kg_dot_choose(d, focus))) {
    return st;
  }

  kg_dot_build(d);
  return d->status;
}

static void
dot_fini(Dot* const d)
{
  if (d->g) {
    agclose(d->g); // Which closes the memory
  } else {
    kg_dot_memory_close(&d->memory); // What a failed agopen() left
  }
  kg_free(d->memory.reserve);
  for (size_t i = 0U; d->kinds && i < d->graph->terms.n_terms; ++i) {
    kg_free(d->kinds[i]);
  }
  kg_free(d->kinds);
  kg_free(d->nodes);
  kg_free(d->cluster);
  kg_free(d->drawn);
  kg_free(d->touched);
  kg_free(d->node_style);
  kg_free(d->class_style);
  kg_free(d->excluded);
  kg_free(d->styles);
  kg_buffer_fini(&d->row);
  kg_buffer_fini(&d->name);
  kg_buffer_fini(&d->text);
  kg_vocab_fini(&d->base);
  kg_vocab_fini(&d->vocab);
  kg_graph_free(d->own_style);
  kg_namespaces_fini(&d->ns);
  kg_layout_fini(&d->layout);
}

/*
  Drawing
*/

KgStatus
kg_dot_claim_roles(const KgGraph* const        graph,
                   const KgWriteOptions* const options,
                   const KgDotOptions* const   dot,
                   uint8_t* const              roles,
                   const uint8_t               hedge,
                   const uint8_t               source)
{
  Dot d;
  dot_start(&d, graph, options, dot);
  const KgStatus st = kg_dot_load_style(&d);
  for (KgTermId id = 1U; !st && id < graph->terms.n_terms; ++id) {
    if (kg_kind(graph, id) == KG_TERM_IRI) {
      const KgStringView iri = kg_terms_text(&graph->terms, id);
      if (kg_dot_style_is_true(&d, iri, KG_SV(KGS "hedge"))) {
        roles[id] |= hedge;
      }
      if (kg_dot_style_is_true(&d, iri, KG_SV(KGS "source"))) {
        roles[id] |= source;
      }
    }
  }
  dot_fini(&d);
  return st;
}

/**
   Return the engine to lay `d` out with: `engine` if it can, else NULL
   and `*st` set (logged); with no `engine`, dot up to DOT_MAX_AUTO nodes
   and edges, then sfdp, or fdp up to FDP_MAX for clusters.
*/
static const char*
choose_engine(const Dot* const d, const char* const engine, KgStatus* const st)
{
  const KgLog* const log      = &d->options->log;
  const size_t       size     = d->n_nodes + d->n_edges;
  const bool         clusters = d->cluster_by != KG_NO_TERM;
  const char*        layout   = engine;
  if (!layout) {
    layout = size <= DOT_MAX_AUTO ? "dot" : clusters ? "fdp" : "sfdp";
    if (size > DOT_MAX_AUTO) {
      kg_log(log,
             KG_LOG_NOTE,
             KG_NO_CARET,
             "%zu nodes and %zu edges: laying out with %s (dot takes long "
             "past %u of them together)",
             d->n_nodes,
             d->n_edges,
             layout,
             DOT_MAX_AUTO);
    }
  }

  bool known = false;
  for (size_t i = 0U; i < sizeof(engines) / sizeof(engines[0]); ++i) {
    if (!strcmp(layout, engines[i].name)) {
      known = true;
      if (clusters && !engines[i].clusters) {
        kg_log(log,
               KG_LOG_ERROR,
               KG_NO_CARET,
               "engine '%s' cannot draw clusters: dot and fdp can",
               layout);
        *st = KG_BAD_ARG;
        return NULL;
      }
    }
  }
  if (!known) {
    kg_log(
      log, KG_LOG_ERROR, KG_NO_CARET, "unknown layout engine '%s'", layout);
    *st = KG_BAD_ARG;
    return NULL;
  }

  const size_t max = !strcmp(layout, "dot")   ? DOT_MAX
                     : !strcmp(layout, "fdp") ? FDP_MAX
                                              : 0U;
  if (max && size > max) {
    kg_log(log,
           KG_LOG_ERROR,
           KG_NO_CARET,
           "%s nodes and %s edges are too many for the %s engine (it "
           "takes %s past %s of them together)",
           kg_dot_count(d->n_nodes).text,
           kg_dot_count(d->n_edges).text,
           layout,
           max == DOT_MAX ? "minutes" : "long",
           kg_dot_count(max).text);
    *st = KG_BAD_LIMIT;
    return NULL;
  }
  return layout;
}

/// Lay `d` out and render it as `picture` says.
static KgStatus
render(const Dot* const d, const KgPicture* const picture)
{
  KgStatus          st     = KG_SUCCESS;
  const char* const layout = choose_engine(d, picture->engine, &st);
  // Lay out a copy read back from DOT text: Graphviz 2.43 frees twice the
  // layout of some graphs built in memory (with clusters), not of those it
  // reads
  char*  dot_text = NULL;
  size_t dot_len  = 0U;
  if (!st) {
    FILE* const mem = open_memstream(&dot_text, &dot_len);
    if (!mem) {
      st = KG_BAD_ALLOC;
    } else {
      const int written = agwrite(d->g, mem);
      if (fclose(mem) || written) {
        st = KG_BAD_ALLOC;
      }
    }
  }
  st = st ? st
          : kg_dot_render_text(dot_text,
                               "graph",
                               layout,
                               picture->format,
                               picture->stream,
                               &picture->options->log);
  free(dot_text);
  return st;
}

KgStatus
kg_dot_draw(const KgPicture* const picture)
{
  const agerrlevel_t level  = agseterr(AGMAX);
  FILE* const        stream = picture->stream;
  Dot                d;
  KgStatus st = dot_init(&d, picture->graph, picture->options, &picture->dot);
  if (!st && picture->format) {
    st = render(&d, picture);
  } else if (!st &&
             (agwrite(d.g, stream) || fflush(stream) || ferror(stream))) {
    st = KG_BAD_WRITE;
  }
  dot_fini(&d);
  agseterr(level);
  return st;
}
