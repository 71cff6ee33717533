// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/// @file dot.h Pictures of graphs: Graphviz DOT, SVG, PNG and PDF.

#ifndef KG_DOT_H
#define KG_DOT_H

#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The namespace of the style annotations (prefix `kgs:`).
#define KG_STYLE_NS "https://kgraph.example/style#"

/// How literal-valued properties are drawn.
typedef enum {
  KG_DOT_LITERALS_TABLE, ///< Rows of a table inside their subject's node
  KG_DOT_LITERALS_NODES, ///< One node per triple (never merged by value)
  KG_DOT_LITERALS_NONE,  ///< Not drawn
} KgDotLiterals;

/// The change of a triple, in a picture of a difference (see diff.h).
typedef enum {
  KG_DOT_SAME,    ///< In both graphs: context, drawn grey
  KG_DOT_ADDED,   ///< Only in the new graph: drawn green
  KG_DOT_REMOVED, ///< Only in the old graph: drawn red and dashed
} KgDotChange;

/// The most nodes a picture has unless KgDotOptions::max_nodes says otherwise.
#define KG_DOT_MAX_NODES 5000U

/**
   The most nodes, edges and table rows together that a picture has unless
   KgDotOptions::max_size says otherwise.  Graphviz lays out each of them:
   20,000 take sfdp about 10 s.
*/
#define KG_DOT_MAX_SIZE 20000U

/**
   The most literal rows in a node's table unless KgDotOptions::max_rows
   says otherwise.  Graphviz's time grows with the square of a table's
   rows: 1,000 rows take about 0.4 s, 16,000 take 40 s.
*/
#define KG_DOT_MAX_ROWS 32U

/// What to draw, and how.
typedef struct {
  const char*        lang;       ///< Language of labels (NULL: "en")
  KgDotLiterals      literals;   ///< How literals are drawn
  unsigned           max_label;  ///< Longest text shown, in characters (0: all)
  const char*        focus;      ///< Entity to centre on (IRI, QName or label)
  unsigned           depth;      ///< With `focus`: the steps from it to draw
  const char*        cluster_by; ///< Property (IRI or QName) to group nodes by
  const char* const* exclude;    ///< Properties (IRI or QName) not to draw
  size_t             n_exclude;  ///< Number of `exclude`
  size_t             max_nodes;  ///< Refuse to draw more nodes (0: no limit)

  /**
     Refuse to draw more nodes, edges and table rows together (0: no
     limit): a picture is refused before anything is built.
  */
  size_t max_size;

  /**
     Draw at most this many literal rows in a node's table (0: all), the
     first in order (in a picture of a difference, the changed ones
     first), and then one row that says how many more there are; when
     only one would be left out, it is shown instead.
  */
  size_t max_rows;

  const KgGraph* style;     ///< Style (kgs: annotations), NULL: built-in
  bool           no_legend; ///< Leave the legend of classes out

  /**
     A picture of a difference: the KgDotChange of each triple, or NULL.
     Without `focus`, the picture is then the nodes of changed triples and
     what is `depth` steps from them.
  */
  const uint8_t* changes;
} KgDotOptions;

/**
   Return true iff pictures are built in: this kgraph was built with
   Graphviz (cgraph and gvc).  Without it, kg_graph_write_dot(),
   kg_graph_render(), kg_graph_render_html(), kg_graph_write_schema_dot()
   and kg_graph_render_schema() log an error and return KG_BAD_UNSUPPORTED,
   and DOT is not a syntax kg_syntax_can_write() accepts; the options and
   the built-in style below are there in every build.
*/
KG_API bool
kg_dot_available(void);

/// Set `options` to the defaults: English labels, a table of literals,
/// texts cut at 60 characters, the whole graph, the built-in style, and
/// the limits KG_DOT_MAX_NODES, KG_DOT_MAX_SIZE and KG_DOT_MAX_ROWS.
KG_API void
kg_dot_options_init(KgDotOptions* options);

/**
   Return the built-in style, as Turtle (ontology/style.ttl), static.

   It styles classes with `kgs:shape`, `kgs:fillColor`, `kgs:fontColor`,
   `kgs:lineColor`, `kgs:style` and `kgs:penWidth`, hides the instances of
   a class or the triples of a property with `kgs:hidden true`, and colours
   the edges of a property with `kgs:lineColor` and `kgs:style`.
*/
KG_API const char*
kg_dot_default_style(void);

/**
   Write `graph` as Graphviz DOT, built with cgraph.

   Nodes are the IRIs and blank nodes, labelled with their label in
   `dot->lang` (rdfs:label, skos:prefLabel, schema:name, foaf:name) or their
   QName, styled by their most specific class through rdfs:subClassOf
   (the graph's, `options->ontology`'s and the style's own).  Edges are
   labelled with their property's label or QName; a symmetric property
   and a pair of inverse properties are drawn once.

   @param options Where messages go, and the ontology (may be NULL).
   @param dot What to draw (NULL: the defaults).
   @return KG_SUCCESS, KG_BAD_WRITE, KG_BAD_ARG for an unknown focus or
   property (the log says which), KG_BAD_LIMIT if there are more nodes
   than `dot->max_nodes`, or more nodes, edges and table rows together
   than `dot->max_size` (the log gives the figures; nothing is written),
   or KG_BAD_ALLOC.
*/
KG_API KG_NODISCARD KgStatus
kg_graph_write_dot(const KgGraph*        graph,
                   FILE*                 stream,
                   const KgWriteOptions* options,
                   const KgDotOptions*   dot);

/**
   Lay `graph` out and render it in `format` ("svg", "png" or "pdf") to
   `stream`, in this process through Graphviz's gvc.

   The legend is laid out on its own with dot and set beside or below the
   picture, on the side that brings the whole closer to a reading aspect
   ratio (4:3 to 16:9); a picture wider or taller than 16:9 is laid out
   again, stretched across.  Edge labels stand beside their edges.  SVG
   has width and height "100%" and a viewBox: it fits its window.

   @param engine "dot", "fdp", "sfdp" or "neato", or NULL to choose: dot
   up to 1,000 nodes and edges together, sfdp above, or fdp when
   `dot->cluster_by` groups nodes (dot places each labelled edge as a node
   of its own, and takes minutes at a few thousand).
   @return As kg_graph_write_dot(); KG_BAD_ARG for an unknown engine, or
   for "sfdp" or "neato" with `dot->cluster_by` (they cannot draw
   clusters); KG_BAD_LIMIT when `engine` is "dot" and the picture has more
   than 3,000 nodes and edges together, or "fdp" and more than 6,000 (the
   log gives the figures).  A table's rows do not count here: dot lays a
   table out as one node.

   Graphviz 2.43's PNG and PDF renderers (pango) read freed memory when a
   process renders a second time; the kgraph program renders once.
*/
KG_API KG_NODISCARD KgStatus
kg_graph_render(const KgGraph*        graph,
                FILE*                 stream,
                const char*           format,
                const char*           engine,
                const KgWriteOptions* options,
                const KgDotOptions*   dot);

/**
   Write `graph` as one self-contained HTML page to `stream`: the picture
   of kg_graph_render() as inline SVG (laid out with `engine`, as there),
   and every entity of the graph (drawn or not) as JSON data, with a
   script to pan and zoom, to search entities by label or prefixed name,
   and to show an entity's labels, types, literals, links and the status
   and sources of the claims about it.  Nothing is fetched: the script and
   the style are in the page, which a Content-Security-Policy limits to
   them.  Data is only ever shown as text, and only http(s) IRIs are
   links.

   Without `dot->focus`, a graph of more than 2,000 entities and links (rdf:type aside)
   together is drawn as the neighbourhood of its most linked entity (the
   log says so with a note, and the page too); the data still holds every
   entity.

   @return As kg_graph_render().
*/
KG_API KG_NODISCARD KgStatus
kg_graph_render_html(const KgGraph*        graph,
                     FILE*                 stream,
                     const char*           engine,
                     const KgWriteOptions* options,
                     const KgDotOptions*   dot);

/**
   Write the ontology `ontology` as a diagram in Graphviz DOT, built with
   cgraph: its classes as boxes titled with their label in `dot->lang`
   (the datatype properties of their domain listed inside, `label : range`),
   rdfs:subClassOf as edges with a hollow arrowhead from subclass to
   superclass, each object property as edges from the classes of its
   domains to those of its ranges (an owl:unionOf list stands for each of
   its classes; several domains or ranges, an intersection, are named in
   the label), properties with no domain (or no range) in an "other
   properties" box, and the classes of other namespaces than the
   ontology's own small and grey.  Class nodes have an `id` (`nK`), a
   `URL` if their IRI is http(s), and a `tooltip` with their rdfs:comment.
   A union list longer than 100 classes, or cyclic, is cut with a warning.

   @param options Where messages go, and more labels (`ontology`, may be
   NULL).
   @param dot Only `lang` and `max_label` are used (NULL: English, 60).
   @return KG_SUCCESS, KG_BAD_WRITE or KG_BAD_ALLOC.
*/
KG_API KG_NODISCARD KgStatus
kg_graph_write_schema_dot(const KgGraph*        ontology,
                          FILE*                 stream,
                          const KgWriteOptions* options,
                          const KgDotOptions*   dot);

/**
   Lay the diagram of kg_graph_write_schema_dot() out with `engine` (NULL:
   "dot") and render it in `format` ("svg", "png" or "pdf") to `stream`.

   @return As kg_graph_write_schema_dot(), and KG_BAD_ARG if Graphviz
   cannot lay it out or render it (the log says so).
*/
KG_API KG_NODISCARD KgStatus
kg_graph_render_schema(const KgGraph*        ontology,
                       FILE*                 stream,
                       const char*           format,
                       const char*           engine,
                       const KgWriteOptions* options,
                       const KgDotOptions*   dot);

#ifdef __cplusplus
} // extern "C"
#endif

#endif // KG_DOT_H
