// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph check --shapes: validating the graph against SHACL shapes, and
// printing the results as text, JSON or a Turtle sh:ValidationReport.

#ifndef KG_CLI_CHECK_SHAPES_H
#define KG_CLI_CHECK_SHAPES_H

#include "cli.h"

#include <kgraph/kgraph.h>
#include <kgraph/shacl.h>

/// How check prints what it finds.
typedef enum {
  KG_CHECK_FORMAT_TEXT,   ///< FILE:LINE:COL: LEVEL: ... lines
  KG_CHECK_FORMAT_JSON,   ///< One JSON object
  KG_CHECK_FORMAT_TURTLE, ///< An sh:ValidationReport in Turtle
} KgCheckFormat;

/// The most --shapes files check takes.
#define KG_MAX_SHAPES 64

/// The shapes check validates with.
typedef struct {
  KgGraph*  graph;      ///< The shapes graph: every --shapes file
  KgShapes* shapes;     ///< Its shapes
  size_t    n_warnings; ///< Warnings about them (SHACL-SPARQL not checked)
} KgCheckShapes;

/**
   Read the `n_paths` shapes files at `paths` into one graph, and read its
   shapes.  Errors (a malformed shapes graph on its lines) are reported.

   @return KG_SUCCESS, or an error; free `shapes` with
   kg_check_shapes_free() either way.
*/
KG_NODISCARD KgStatus
kg_check_shapes_load(const KgCli*          cli,
                     char* const*          paths,
                     int                   n_paths,
                     const KgInputOptions* in,
                     KgCheckShapes*        shapes);

/// Free what kg_check_shapes_load() made.
void
kg_check_shapes_free(KgCheckShapes* shapes);

/**
   Validate `data` against `shapes`, and print the results to standard
   output in `format`: text lines, the JSON members `"results": [...]` and
   `"conforms": ...` (each line indented, followed by a comma), or the
   Turtle report.

   @return KG_SUCCESS (whether or not the data conforms), or an error
   (reported).
*/
KG_NODISCARD KgStatus
kg_check_shapes_run(const KgCli*         cli,
                    const KgCheckShapes* shapes,
                    KgGraph*             data,
                    KgCheckFormat        format,
                    KgShCounts*          counts);

#endif // KG_CLI_CHECK_SHAPES_H
