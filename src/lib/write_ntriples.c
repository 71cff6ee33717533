// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Sorted N-Triples, one triple a line, in canonical escaped form.

#include "alloc.h"
#include "formats.h"
#include "graph.h"
#include "intern.h"
#include "order.h"
#include "out.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>

#include <stdio.h>

/*
  In sorted order, the triples and the terms of a big graph are read at
  random: each line would wait for three or four cache misses in turn (the
  triple, its subject and object, their text).  The loop asks for them
  ahead, in stages: the triple AHEAD lines ahead, its terms AHEAD / 2
  lines ahead (the triple has come by then), their text AHEAD / 4 ahead.
*/

/// How many lines ahead the writer asks for the triple it will write.
#define AHEAD 16U

static inline void
fetch_ahead(const KgGraph* const graph,
            const KgOrder* const order,
            const size_t         i)
{
  const KgTerm* const terms = graph->terms.terms;
  const uint32_t*     next  = order->triples;
  const size_t        n     = order->n_triples;
  if (i + AHEAD < n) {
    KG_PREFETCH(&graph->triples[next[i + AHEAD]]);
  }
  if (i + AHEAD / 2U < n) {
    const KgTriple* const t = &graph->triples[next[i + AHEAD / 2U]];
    KG_PREFETCH(&terms[t->s]);
    KG_PREFETCH(&terms[t->o]);
  }
  if (i + AHEAD / 4U < n) {
    const KgTriple* const t = &graph->triples[next[i + AHEAD / 4U]];
    KG_PREFETCH(terms[t->s].str);
    KG_PREFETCH(terms[t->o].str);
  }
}

static KgStatus
write_lines(const KgGraph* const graph, FILE* const stream)
{
  KgOrder  order;
  KgStatus st = kg_order_init(&order, graph, 0U);
  if (st) {
    return st;
  }

  KgOut* const out = (KgOut*)kg_malloc(sizeof(KgOut));
  if (!out) {
    kg_order_fini(&order);
    return KG_BAD_ALLOC;
  }

  kg_out_init(out, stream);
  for (size_t i = 0U; i < order.n_triples && !out->status; ++i) {
    fetch_ahead(graph, &order, i);
    const KgTriple* const t = &graph->triples[order.triples[i]];
    kg_out_nt_term(out, graph, &order, t->s);
    kg_out_char(out, ' ');
    kg_out_nt_term(out, graph, &order, t->p);
    kg_out_char(out, ' ');
    kg_out_nt_term(out, graph, &order, t->o);
    const KgTermId g = kg_graph_name(graph, order.triples[i]);
    if (g) {
      kg_out_char(out, ' ');
      kg_out_nt_term(out, graph, &order, g);
    }
    kg_out_write(out, " .\n", 3U);
  }

  st = kg_out_flush(out);
  kg_free(out);
  kg_order_fini(&order);
  return st;
}

KgStatus
kg_write_ntriples(const KgGraph* const        graph,
                  FILE* const                 stream,
                  const KgWriteOptions* const options)
{
  KgStatus st = KG_SUCCESS;
  KG_TRY(st, kg_refuse_names(graph, options));
  return write_lines(graph, stream);
}

KgStatus
kg_write_nquads(const KgGraph* const        graph,
                FILE* const                 stream,
                const KgWriteOptions* const options)
{
  (void)options;
  return write_lines(graph, stream);
}
