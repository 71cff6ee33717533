// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Pictures: the functions of dot.h, in every build.  The options, the
// built-in style and whether pictures are built in (KG_DOT, set by
// src/meson.build) are here; each picture function gathers its arguments
// into a KgPicture and hands it to its drawing (dot_draw.h), which is
// built only with Graphviz.  Without Graphviz, draw() says that pictures
// are not built in and returns KG_BAD_UNSUPPORTED; the syntax table then
// has no writer for DOT, and kg_graph_write() asked for DOT calls
// kg_write_dot() to say why.

#include "dot_draw.h"
#include "formats.h"
#include "log.h"

#include <kgraph/dot.h>
#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

// ontology/style.ttl, generated into style_data.c
extern const char kg_style_ttl[];

#if KG_DOT
#  define DRAWN_BY(func) (func)
#else
#  define DRAWN_BY(func) NULL // Not built in: draw() says so
#endif

void
kg_dot_options_init(KgDotOptions* const options)
{
  memset(options, 0, sizeof(*options));
  options->lang      = "en";
  options->literals  = KG_DOT_LITERALS_TABLE;
  options->max_label = 60U;
  options->depth     = 1U;
  options->max_nodes = KG_DOT_MAX_NODES;
  options->max_size  = KG_DOT_MAX_SIZE;
  options->max_rows  = KG_DOT_MAX_ROWS;
}

const char*
kg_dot_default_style(void)
{
  return kg_style_ttl;
}

bool
kg_dot_available(void)
{
  return KG_DOT != 0;
}

/**
   Draw `picture` with `func`, with `dot` (NULL: the defaults) as its
   options; with no `func` (pictures not built in), say so to the log of
   the picture's options (if any) and return KG_BAD_UNSUPPORTED.
*/
static KgStatus
draw(KgDrawFn* const           func,
     KgPicture* const          picture,
     const KgDotOptions* const dot)
{
  if (!func) {
    if (picture->options) {
      kg_log(&picture->options->log,
             KG_LOG_ERROR,
             KG_NO_CARET,
             "pictures are not built in: this kgraph was built without "
             "Graphviz (cgraph and gvc)");
    }
    return KG_BAD_UNSUPPORTED;
  }

  if (dot) {
    picture->dot = *dot;
  } else {
    kg_dot_options_init(&picture->dot);
  }
  return func(picture);
}

KgStatus
kg_graph_write_dot(const KgGraph* const        graph,
                   FILE* const                 stream,
                   const KgWriteOptions* const options,
                   const KgDotOptions* const   dot)
{
  KgPicture picture = {.graph = graph, .stream = stream, .options = options};
  return draw(DRAWN_BY(kg_dot_draw), &picture, dot);
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
  KgPicture picture = {.graph   = graph,
                       .stream  = stream,
                       .options = options,
                       .format  = format,
                       .engine  = engine};
  return draw(DRAWN_BY(kg_dot_draw), &picture, dot);
}

KgStatus
kg_graph_render_html(const KgGraph* const        graph,
                     FILE* const                 stream,
                     const char* const           engine,
                     const KgWriteOptions* const options,
                     const KgDotOptions* const   dot)
{
  KgPicture picture = {
    .graph = graph, .stream = stream, .options = options, .engine = engine};
  return draw(DRAWN_BY(kg_html_view_draw), &picture, dot);
}

KgStatus
kg_graph_write_schema_dot(const KgGraph* const        ontology,
                          FILE* const                 stream,
                          const KgWriteOptions* const options,
                          const KgDotOptions* const   dot)
{
  KgPicture picture = {.graph = ontology, .stream = stream, .options = options};
  return draw(DRAWN_BY(kg_schema_draw), &picture, dot);
}

KgStatus
kg_graph_render_schema(const KgGraph* const        ontology,
                       FILE* const                 stream,
                       const char* const           format,
                       const char* const           engine,
                       const KgWriteOptions* const options,
                       const KgDotOptions* const   dot)
{
  KgPicture picture = {.graph   = ontology,
                       .stream  = stream,
                       .options = options,
                       .format  = format,
                       .engine  = engine};
  return draw(DRAWN_BY(kg_schema_draw), &picture, dot);
}
