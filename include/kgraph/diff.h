// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/// @file diff.h The difference between two graphs, blank nodes included.

#ifndef KG_DIFF_H
#define KG_DIFF_H

#include <kgraph/dot.h>
#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/// How a difference is written.
typedef enum {
  KG_DIFF_TEXT,     ///< For people: by entity, changed, added, removed
  KG_DIFF_PATCH,    ///< RDF Patch: `D` and `A` lines in a transaction
  KG_DIFF_SUMMARY,  ///< Counts by predicate and class, then the entities
  KG_DIFF_NTRIPLES, ///< `- ` and `+ ` lines of N-Triples, by subject
  KG_DIFF_MARKDOWN, ///< A report in Markdown, a table per section
  KG_DIFF_HTML,     ///< A report as one self-contained HTML page
  KG_DIFF_JSON,     ///< The report's structure, for programs
} KgDiffFormat;

/// Which entities a report shows (bits; none set: all).
typedef enum {
  KG_DIFF_SHOW_CHANGED = 1U << 0U,
  KG_DIFF_SHOW_ADDED   = 1U << 1U,
  KG_DIFF_SHOW_REMOVED = 1U << 2U,
} KgDiffShow;

/// What a difference written for people shows, and how.
typedef struct {
  const char*        lang;      ///< Language of labels (NULL: "en")
  bool               color;     ///< Text and summary: ANSI colours
  const char*        focus;     ///< Only changes near this entity (IRI,
                                ///< QName or label), or NULL
  unsigned           depth;     ///< With `focus`: steps from it
  const char* const* exclude;   ///< Properties (IRI or QName) left out
  size_t             n_exclude; ///< Number of `exclude`
  unsigned           show;      ///< KgDiffShow bits (0: all)
  const char*        old_name;  ///< The old graph's name (a path), or NULL
  const char*        new_name;  ///< The new graph's name, or NULL
} KgDiffView;

/// How to compare.
typedef struct {
  uint64_t max_work; ///< Work limit of the search for isomorphisms of
                     ///< blank node components (edges and nodes visited),
                     ///< 0 for the default: 100M, and 16 per edge end
                     ///< between blank nodes times log2 of their number
  KgLog log;         ///< Where errors go
} KgDiffOptions;

/**
   The difference between two graphs.

   Triples without blank nodes are compared as they are.  Blank nodes are
   first matched between the graphs: a blank-node component isomorphic to
   one of the other graph through an isomorphism (colour refinement, then
   individualization and refinement); in the other components, by what
   they say of IRIs and literals, refined by their links; the nodes left
   by likeness (more than half of the smaller description in common).  A
   triple with blank nodes is then the same when its nodes' matches make a
   triple of the other graph.  Isomorphic graphs have no difference; a
   blank node with one edited value has one changed triple.
*/
typedef struct KgDiffImpl KgDiff;

/**
   Compare `old` and `new`, which must outlive the result.

   @return KG_SUCCESS; KG_BAD_LIMIT if the search for isomorphisms of
   components passed the work limit (logged: the difference could hold
   changes that are not there); or KG_BAD_ALLOC.
*/
KG_API KG_NODISCARD KgStatus
kg_diff_new(const KgGraph*       old,
            const KgGraph*       new_graph,
            const KgDiffOptions* options,
            KgDiff**             diff);

/// Free `diff`; NULL does nothing.
KG_API void
kg_diff_free(KgDiff* diff);

/**
   Return the triples of the old graph that the new one lacks, as indices
   into kg_graph_triples() of the old graph, in kgraph's stable order.
*/
KG_API const uint32_t*
kg_diff_removed(const KgDiff* diff, size_t* n);

/// Return the triples of the new graph that the old one lacks, likewise.
KG_API const uint32_t*
kg_diff_added(const KgDiff* diff, size_t* n);

/**
   Write the difference in `format`.

   Blank nodes keep the labels they were read with; a node of the new graph
   whose label the old graph also uses gets a suffix ("_2"), so that RDF
   Patch applied to the old graph, read with its labels, gives the new one.

   @param options Its log, and its ontology (prefixes, labels of classes
   and properties; may be NULL).
   @param view For the formats for people (text, summary, Markdown, HTML,
   JSON): what to show and how; NULL shows all, without colour.
   @return KG_SUCCESS, KG_BAD_WRITE or KG_BAD_ALLOC.
*/
KG_API KG_NODISCARD KgStatus
kg_diff_write(const KgDiff*         diff,
              KgDiffFormat          format,
              FILE*                 stream,
              const KgWriteOptions* options,
              const KgDiffView*     view);

/**
   Make the graph of a picture of the difference: the new graph with the
   removed triples, and the change of each of its triples, for
   KgDotOptions::changes.

   @param graph Set to the graph, to free with kg_graph_free().
   @param changes Set to an array of KgDotChange, one per triple of
   `*graph`, to free with kg_free().
   @return KG_SUCCESS or KG_BAD_ALLOC.
*/
KG_API KG_NODISCARD KgStatus
kg_diff_picture(const KgDiff* diff, KgGraph** graph, uint8_t** changes);

#ifdef __cplusplus
} // extern "C"
#endif

#endif // KG_DIFF_H
