// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Prefixed names for programs that build graphs: "kg:Company" with the
// prefixes of the graph.

#include "alloc.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <string.h>

KgTermId
kg_graph_curie(KgGraph* const     graph,
               const KgStringView curie,
               KgStatus* const    status)
{
  KgStatus st = KG_BAD_ARG;
  KgTermId id = KG_NO_TERM;

  const char* const colon =
    curie.len ? (const char*)memchr(curie.data, ':', curie.len) : NULL;
  if (!graph || !colon) {
    goto done;
  }

  const KgStringView name = {curie.data, (size_t)(colon - curie.data)};
  const KgStringView ns   = kg_graph_find_prefix(graph, name);
  if (!ns.len) {
    goto done;
  }

  const KgStringView local = {colon + 1, curie.len - name.len - 1U};
  char* const        iri   = (char*)kg_malloc(ns.len + local.len + 1U);
  if (!iri) {
    st = KG_BAD_ALLOC;
    goto done;
  }
  memcpy(iri, ns.data, ns.len);
  if (local.len) {
    memcpy(iri + ns.len, local.data, local.len);
  }
  iri[ns.len + local.len] = '\0';

  id = kg_graph_iri(graph, (KgStringView){iri, ns.len + local.len});
  st = id ? KG_SUCCESS : KG_BAD_ALLOC;
  kg_free(iri);

done:
  if (status) {
    *status = st;
  }
  return id;
}
