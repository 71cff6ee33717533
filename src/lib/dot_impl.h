// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Pictures: what the parts of the DOT writer share (see write_dot.c).

#ifndef KG_SRC_DOT_IMPL_H
#define KG_SRC_DOT_IMPL_H

#include "buffer.h"
#include "layout.h"
#include "ns.h"
#include "vocab.h"

#include <kgraph/dot.h>
#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>

#include <graphviz/cgraph.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KGS KG_STYLE_NS

/// The built-in style (ontology/style.ttl), generated into style_data.c.
extern const char kg_style_ttl[];

/// How nodes of a class look, from the nearest styled ancestors.
typedef struct {
  KgStringView cls;    ///< The class
  KgStringView origin; ///< The class that sets its look (for the legend)
  KgStringView shape;  ///< kgs:shape, or empty
  KgStringView fill;   ///< kgs:fillColor
  KgStringView font;   ///< kgs:fontColor
  KgStringView line;   ///< kgs:lineColor
  KgStringView style;  ///< kgs:style
  KgStringView pen;    ///< kgs:penWidth
  bool         hidden; ///< kgs:hidden true
  bool         any;    ///< Some attribute is set
  bool         shown;  ///< Used by a drawn node (for the legend)
} Style;

enum { NO_STYLE = -1, UNKNOWN_STYLE = -2 };

/// What changed around a node, in a picture of a difference.
enum {
  TOUCH_SAME    = 1U << KG_DOT_SAME,
  TOUCH_ADDED   = 1U << KG_DOT_ADDED,
  TOUCH_REMOVED = 1U << KG_DOT_REMOVED,
};

/// Colours of changes: added, removed, context.
#define ADDED_COLOR "#1a7f37"
#define REMOVED_COLOR "#cf222e"
#define CONTEXT_LINE "#c8c8c8"
#define CONTEXT_FILL "#f6f6f6"
#define CONTEXT_TEXT "#8c8c8c"

typedef struct PropertyKindImpl PropertyKind;

/// The claims of a graph, and the looks of their statuses (dot_claims.c).
typedef struct DotClaimsImpl DotClaims;

/// The look of a status (a hedge), from the style graph.
typedef struct {
  KgTermId     status; ///< The status
  KgStringView style;  ///< kgs:style: replaces an edge's style words
  KgStringView arrow;  ///< kgs:arrowHead
  KgStringView mark;   ///< kgs:mark: before a literal value
  KgStringView font;   ///< kgs:fontColor: of a literal value
  long         rank;   ///< kgs:hedgeRank: the highest wins
  bool         look;   ///< Some of style, arrow or mark is set
  bool         shown;  ///< Used in the picture (for the legend)
} StatusLook;

/**
   cgraph's memory: its allocations go through kg_calloc().  cgraph does
   not check all of its own allocations (agstrdup_html() writes through
   the NULL that a failed one returns), so when one fails it is served
   from a reserve instead, and `failed` is set: build() checks it after
   each node and edge, and gives up with KG_BAD_ALLOC long before the
   reserve runs out.  The layout engines allocate with malloc() beside
   this, and Graphviz stops the program when that fails.
*/
/**
   A block given to cgraph, behind a header that keeps it in a list: cgraph
   frees only some of its blocks one by one, and leaves the rest to the
   discipline's close(), as its own heap frees them all at once.
*/
typedef union DotBlockImpl {
  struct {
    union DotBlockImpl* prev;
    union DotBlockImpl* next;
  } link;
  max_align_t align; ///< So that what follows the header is aligned
} DotBlock;

typedef struct {
  Agdisc_t       disc;    ///< First: open() gets the discipline
  Agmemdisc_t    mem;     ///< Our allocator in `disc`
  DotBlock       blocks;  ///< The list of blocks given, circular
  unsigned char* reserve; ///< Served when the allocator fails
  size_t         used;    ///< Bytes of `reserve` served
  bool           failed;  ///< An allocation of cgraph failed
} DotMemory;

/**
   Read `dot_text`, lay it out with engine `layout`, render it as `format`
   and write it to `stream`: what kg_dot_draw() and kg_schema_draw() share
   (dot_compose.c).  A legend, the subgraph
   "cluster_legend", is laid out apart with dot and composed beside or
   below the rest.  `what` names the picture in messages.

   @return KG_SUCCESS, KG_BAD_ARG (an engine or format Graphviz refuses:
   logged), KG_BAD_WRITE or KG_BAD_ALLOC.
*/
KG_NODISCARD KgStatus
kg_dot_render_text(const char*  dot_text,
                   const char*  what,
                   const char*  layout,
                   const char*  format,
                   FILE*        stream,
                   const KgLog* log);

/**
   Make the SVG `data` (`len` bytes, from Graphviz) fit its window: append
   it to `out` with the root element's width and height "100%" (and
   preserveAspectRatio "xMidYMid meet" if it has none), every other byte
   as it was.  Data with no root element that has a viewBox is appended
   unchanged.

   @return KG_SUCCESS or KG_BAD_ALLOC.
*/
KgStatus
kg_dot_svg_fit(const char* data, size_t len, KgBuffer* out);

/// Free the blocks of `memory` that cgraph left (agclose() does it itself;
/// this is for a graph that was never opened).
void
kg_dot_memory_close(DotMemory* memory);

/**
   Open the directed graph `name` with its memory in `memory` (cgraph's
   allocations through kg_calloc(), with a reserve of DOT_RESERVE bytes),
   in `*graph`.  Builders check `memory->failed` after each node and edge.
   Whatever it returns, free with kg_dot_memory_fini(memory, *graph).

   @return KG_SUCCESS, or KG_BAD_ALLOC (then `*graph` may still be open).
*/
KG_NODISCARD KgStatus
kg_dot_memory_open(DotMemory* memory, char* name, Agraph_t** graph);

/// Close `graph` (NULL if none was opened) and free the rest of `memory`.
void
kg_dot_memory_fini(DotMemory* memory, Agraph_t* graph);

/// A node's tooltip lists at most this many literals, each cut after
/// DOT_TOOLTIP_CHARS characters; then how many more it has.
#define DOT_TOOLTIP_LINES 50U
#define DOT_TOOLTIP_CHARS 300U

/// The bytes cgraph may take between two checks of DotMemory.failed.
#define DOT_RESERVE ((size_t)1U << 20U)

typedef struct {
  const KgGraph*        graph;
  const KgWriteOptions* options;
  KgDotOptions          dot;
  KgLayout              layout; ///< Triples by subject, in order
  KgVocab               vocab;  ///< Labels, classes, properties, styles
  KgVocab               base;   ///< The built-in style
  KgNamespaces          ns;     ///< For QNames
  KgGraph*              own_style;
  KgStatus              status;
  KgStringView          lang;
  KgTermId              type;
  KgTermId              cluster_by;
  uint8_t*              excluded;    ///< Per term: a property not drawn
  int32_t*              class_style; ///< Per class term: index in styles
  int32_t*              node_style;  ///< Per node: index in styles
  uint8_t*              drawn;       ///< Per term: a node of the picture
  uint8_t*              touched;     ///< Per term: TOUCH_ bits, for changes
  uint32_t*             cluster;     ///< Per node: its cluster's term, or 0
  Style*                styles;
  size_t                n_styles;
  size_t                n_nodes; ///< Nodes to draw (literal nodes too)
  size_t                n_edges; ///< Edges to draw, about
  size_t                n_rows;  ///< Table rows to draw
  KgBuffer              text;    ///< Scratch: escaped text
  KgBuffer              name;    ///< Scratch: node names
  KgBuffer              row;     ///< Scratch: a table
  Agraph_t*             g;
  DotMemory             memory; ///< Of `g`
  Agnode_t**            nodes;  ///< Per term
  PropertyKind**        kinds;  ///< Per property, made when first needed
  DotClaims*            claims; ///< While building: claims and statuses
  uint8_t* drawn_property;      ///< While building, per term: a property drawn
  KgBuffer scratch;             ///< While building: text before it is escaped
} Dot;

/// A count for people, in groups of three digits: "299,990".
typedef struct {
  char text[32];
} Count;

/*
  Text: escaping for labels, names, counts and titles (dot_text.c)

  The kg_dot_append_* functions that append to one buffer only (text,
  tooltip, qname, literal, label, claims), like kg_dot_svg_fit(), return
  `out->status`: a caller may make a run of them and check the buffer once
  at its end.  Those that build in a buffer of their own first (name,
  property) return a status that must be used.
*/

KgStatus
kg_dot_append_text(KgBuffer* const    out,
                   const KgStringView text,
                   const unsigned     max,
                   const bool         html);

/// Append `text` to `out` for a `tooltip` (an escString read twice): as
/// kg_dot_append_text() for a plain label, backslashes as four.
KgStatus
kg_dot_append_tooltip(KgBuffer* out, KgStringView text, unsigned max);

KgStatus
kg_dot_append_qname(Dot* const d, KgBuffer* const out, const KgTermId id);

KG_NODISCARD KgStatus
kg_dot_append_name(Dot* d, KgBuffer* out, KgTermId id, bool html);

Count
kg_dot_count(size_t n);

size_t
kg_dot_title_of(const Dot* const d, const KgTermId s);

KG_NODISCARD KgStatus
kg_dot_append_property(Dot* const      d,
                       KgBuffer* const out,
                       const KgTermId  p,
                       const bool      html);

KgStatus
kg_dot_append_literal(Dot* const      d,
                      KgBuffer* const out,
                      const KgTermId  o,
                      const bool      html);

/*
  Styles: classes and properties to looks, from the style graph (dot_style.c)
*/

KgStringView
kg_dot_style_value(const Dot* const   d,
                   const KgStringView subject,
                   const KgStringView attribute);

/// Return true iff the style says `attribute` of `subject` is true (or 1).
bool
kg_dot_style_is_true(const Dot* const   d,
                     const KgStringView subject,
                     const KgStringView attribute);

bool
kg_dot_property_hidden(const Dot* const d, const KgTermId p);

/**
   Set bits `hedge` and `source` in `roles` (a byte per term of `graph`)
   for the properties whose objects, on a claim, are its statuses
   (kgs:hedge) or its sources (kgs:source), by the style of `dot` over the
   built-in one, as pictures read them: for the HTML view.
*/
KG_NODISCARD KgStatus
kg_dot_claim_roles(const KgGraph* const        graph,
                   const KgWriteOptions* const options,
                   const KgDotOptions* const   dot,
                   uint8_t* const              roles,
                   const uint8_t               hedge,
                   const uint8_t               source);

KG_NODISCARD KgStatus
kg_dot_load_style(Dot* d);

int32_t
kg_dot_node_style(Dot* const d, const KgTermId s);

/*
  Choosing what to draw: focus, depth, exclusion, sizes (dot_select.c)
*/

bool
kg_dot_is_edge(const Dot* const d, const KgTriple* const t);

KgDotChange
kg_dot_change_of(const Dot* const d, const size_t index);

size_t
kg_dot_table_rows(const Dot* const d, const KgTermId s);

size_t
kg_dot_shown_literals(const Dot* const d, const size_t n);

void
kg_dot_mark_changes(Dot* d);

KG_NODISCARD KgStatus
kg_dot_exclude(Dot* d);

KG_NODISCARD KgStatus
kg_dot_find_cluster_by(Dot* d);

KG_NODISCARD KgStatus
kg_dot_find_focus(Dot* d, KgTermId* focus);

KG_NODISCARD KgStatus
kg_dot_choose(Dot* d, KgTermId focus);

/*
  Building the cgraph graph: nodes, tables, edges, clusters, legend
  (dot_build.c)
*/

void
kg_dot_build(Dot* const d);

/*
  Claims: the statuses and sources of triples, and their looks
  (dot_claims.c)
*/

/// Read the claims of the graph into `d->claims` (free with
/// kg_dot_claims_free()).  @return KG_SUCCESS or KG_BAD_ALLOC.
KG_NODISCARD KgStatus
kg_dot_claims_read(Dot* d);

void
kg_dot_claims_free(Dot* d);

/// Return the look of the most hedged status of the claims of (s, p, o),
/// or NULL if none, or if that status has no look.
StatusLook*
kg_dot_triple_look(Dot* d, KgTermId s, KgTermId p, KgTermId o);

/// Return the look of the most hedged status `node` carries itself, or
/// NULL.
StatusLook*
kg_dot_node_look(Dot* d, KgTermId node);

/// Return the number of status looks met so far, and look number `i`.
size_t
kg_dot_n_looks(const Dot* d);

StatusLook*
kg_dot_look(Dot* d, size_t i);

/// Append the name of term `id` for people, as text (not escaped): its
/// title in the graph, its label in the vocabulary or the style, its QName.
KgStatus
kg_dot_append_label(Dot* d, KgBuffer* out, KgTermId id);

/**
   Append what the claims of (s, p, o) say, as text (not escaped): its
   statuses and its sources by name, each once; on lines of their own
   ("\nstatus: ...\nsource: ..."), or `brief` in parentheses.  Nothing
   if no claim describes the triple.
*/
KgStatus
kg_dot_append_claims(Dot*      d,
                     KgBuffer* out,
                     KgTermId  s,
                     KgTermId  p,
                     KgTermId  o,
                     bool      brief);

#endif // KG_SRC_DOT_IMPL_H
