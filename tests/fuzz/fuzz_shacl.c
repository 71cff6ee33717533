// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// libFuzzer harness: the SHACL Core engine.  The input is read as Turtle
// (lax), and the graph serves as its own shapes graph and data graph, as in
// the W3C test suite; then as shapes for a copy of itself.  Any status but
// success, a malformed shapes graph, a work limit or a lack of memory is a
// bug, and so is a result that points at no triple of its graph.
//
//   build-fuzz/tests/fuzz/fuzz_shacl -max_total_time=60 corpus/ \
//     tests/conformance/w3c/shacl

#include <kgraph/kgraph.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

typedef struct {
  const KgGraph* data;
  const KgGraph* shapes;
  size_t         n;
} Seen;

static KgStatus
check_result(void* const handle, const KgShResult* const r)
{
  Seen* const    seen = (Seen*)handle;
  const KgGraph* g    = r->where == KG_SH_AT_SHAPE ? seen->shapes : seen->data;
  if (!r->n_messages || !r->messages || !r->shape_name.data ||
      kg_term_kind(seen->data, r->focus) == KG_TERM_NONE ||
      (r->triple != SIZE_MAX && r->triple >= kg_graph_size(g))) {
    abort();
  }
  ++seen->n;
  return KG_SUCCESS;
}

static void
validate(KgGraph* const shapes_graph, KgGraph* const data)
{
  KgShapes*      shapes = NULL;
  const KgStatus st = kg_shapes_new(shapes_graph, (KgLog){NULL, NULL}, &shapes);
  if (st) {
    if (st != KG_BAD_SYNTAX && st != KG_BAD_ALLOC) {
      abort();
    }
    return;
  }

  Seen              seen = {data, shapes_graph, 0U};
  const KgShOptions opt  = {check_result, &seen, {NULL, NULL}};
  KgShCounts        counts;
  const KgStatus    vst = kg_shapes_validate(shapes, data, &opt, &counts);
  if (vst && vst != KG_BAD_SYNTAX && vst != KG_BAD_LIMIT &&
      vst != KG_BAD_ALLOC) {
    abort();
  }
  if (!vst &&
      seen.n != counts.n_violations + counts.n_warnings + counts.n_infos) {
    abort();
  }
  kg_shapes_free(shapes);
}

int
LLVMFuzzerTestOneInput(const uint8_t* const data, const size_t size)
{
  KgGraph* const graph = kg_graph_new();
  KgGraph* const copy  = kg_graph_new();
  KgReadOptions  options;
  memset(&options, 0, sizeof(options));
  options.syntax = KG_SYNTAX_TURTLE;
  options.flags  = KG_READ_LAX;
  if (graph && copy &&
      kg_graph_read_string(
        graph, (KgStringView){(const char*)data, size}, "fuzz.ttl", &options) <=
        KG_FAILURE) {
    validate(graph, graph);
    if (!kg_graph_add_graph(copy, graph)) {
      validate(graph, copy);
    }
  }
  kg_graph_free(graph);
  kg_graph_free(copy);
  return 0;
}
