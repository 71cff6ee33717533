// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Sorted N-Triples, one triple a line, in canonical escaped form.

#include "alloc.h"
#include "formats.h"
#include "graph.h"
#include "order.h"
#include "out.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>

#include <stdio.h>

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
  const KgStatus st = kg_refuse_names(graph, options);
  return st ? st : write_lines(graph, stream);
}

KgStatus
kg_write_nquads(const KgGraph* const        graph,
                FILE* const                 stream,
                const KgWriteOptions* const options)
{
  (void)options;
  return write_lines(graph, stream);
}
