// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Pictures in a build without Graphviz (meson -Ddot=disabled, or cgraph
// and gvc not found): each function of dot.h that needs Graphviz says so
// and returns KG_BAD_UNSUPPORTED.  The syntax table has no writer for DOT,
// and kg_graph_write() asked for DOT calls kg_write_dot() to say why.

#include "formats.h"
#include "log.h"

#include <kgraph/dot.h>
#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>

#include <stddef.h>
#include <stdio.h>

/// Say that pictures are not built in, to the log of `options` (may be NULL).
static KgStatus
not_built_in(const KgWriteOptions* const options)
{
  if (options) {
    kg_log(&options->log,
           KG_LOG_ERROR,
           KG_NO_CARET,
           "pictures are not built in: this kgraph was built without "
           "Graphviz (cgraph and gvc)");
  }
  return KG_BAD_UNSUPPORTED;
}

KgStatus
kg_graph_write_dot(const KgGraph* const        graph,
                   FILE* const                 stream,
                   const KgWriteOptions* const options,
                   const KgDotOptions* const   dot)
{
  (void)graph;
  (void)stream;
  (void)dot;
  return not_built_in(options);
}

KgStatus
kg_write_dot(const KgGraph* const        graph,
             FILE* const                 stream,
             const KgWriteOptions* const options)
{
  return kg_graph_write_dot(graph, stream, options, NULL);
}

KgStatus
kg_graph_render(const KgGraph* const        graph,
                FILE* const                 stream,
                const char* const           format,
                const char* const           engine,
                const KgWriteOptions* const options,
                const KgDotOptions* const   dot)
{
  (void)graph;
  (void)stream;
  (void)format;
  (void)engine;
  (void)dot;
  return not_built_in(options);
}

KgStatus
kg_graph_render_html(const KgGraph* const        graph,
                     FILE* const                 stream,
                     const char* const           engine,
                     const KgWriteOptions* const options,
                     const KgDotOptions* const   dot)
{
  (void)graph;
  (void)stream;
  (void)engine;
  (void)dot;
  return not_built_in(options);
}

KgStatus
kg_graph_write_schema_dot(const KgGraph* const        ontology,
                          FILE* const                 stream,
                          const KgWriteOptions* const options,
                          const KgDotOptions* const   dot)
{
  (void)ontology;
  (void)stream;
  (void)dot;
  return not_built_in(options);
}

KgStatus
kg_graph_render_schema(const KgGraph* const        ontology,
                       FILE* const                 stream,
                       const char* const           format,
                       const char* const           engine,
                       const KgWriteOptions* const options,
                       const KgDotOptions* const   dot)
{
  (void)ontology;
  (void)stream;
  (void)format;
  (void)engine;
  (void)dot;
  return not_built_in(options);
}
