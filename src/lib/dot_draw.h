// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Pictures: what the public functions of dot.h hand to the drawing, which
// is built only with Graphviz (see dot_options.c).

#ifndef KG_SRC_DOT_DRAW_H
#define KG_SRC_DOT_DRAW_H

#include <kgraph/dot.h>
#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>

#include <stdio.h>

/// A picture asked for: the arguments of a public function of dot.h.
typedef struct {
  const KgGraph*        graph;   ///< What to draw (an ontology, for a schema)
  FILE*                 stream;  ///< Where the picture goes
  const KgWriteOptions* options; ///< Where messages go, and the ontology
  KgDotOptions          dot;     ///< What to draw (the defaults if not given)
  const char*           format;  ///< "svg", "png" or "pdf"; NULL: DOT text
  const char*           engine;  ///< The layout engine; NULL: chosen
} KgPicture;

/// Draw `picture`, one kind of picture (built only with Graphviz).
typedef KgStatus
KgDrawFn(const KgPicture* picture);

/// Draw a graph: as DOT text, or laid out in its format (write_dot.c).
KG_NODISCARD KgStatus
kg_dot_draw(const KgPicture* picture);

/// Draw an ontology's schema: as DOT text, or laid out (write_schema.c).
KG_NODISCARD KgStatus
kg_schema_draw(const KgPicture* picture);

/// Write a graph's HTML view (its format is ignored) (write_html_view.c).
KG_NODISCARD KgStatus
kg_html_view_draw(const KgPicture* picture);

#endif // KG_SRC_DOT_DRAW_H
