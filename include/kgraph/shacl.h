// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/// @file shacl.h Validating a graph against SHACL Core shapes.

#ifndef KG_SHACL_H
#define KG_SHACL_H

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The namespace of SHACL.
#define KG_SH_NS "http://www.w3.org/ns/shacl#"

/**
   The deepest nesting of shapes (sh:node, sh:property, sh:and, sh:or,
   sh:xone, sh:not, sh:qualifiedValueShape) that validation follows, and of
   property paths; a deeper shapes graph is an error at the shape's caret.
*/
#define KG_SH_MAX_DEPTH 64U

/// The SHACL Core constraint components (sh:<Name>ConstraintComponent).
typedef enum {
  KG_SH_CLASS,
  KG_SH_DATATYPE,
  KG_SH_NODE_KIND,
  KG_SH_MIN_COUNT,
  KG_SH_MAX_COUNT,
  KG_SH_MIN_EXCLUSIVE,
  KG_SH_MIN_INCLUSIVE,
  KG_SH_MAX_EXCLUSIVE,
  KG_SH_MAX_INCLUSIVE,
  KG_SH_MIN_LENGTH,
  KG_SH_MAX_LENGTH,
  KG_SH_PATTERN,
  KG_SH_LANGUAGE_IN,
  KG_SH_UNIQUE_LANG,
  KG_SH_EQUALS,
  KG_SH_DISJOINT,
  KG_SH_LESS_THAN,
  KG_SH_LESS_THAN_OR_EQUALS,
  KG_SH_NOT,
  KG_SH_AND,
  KG_SH_OR,
  KG_SH_XONE,
  KG_SH_NODE,
  KG_SH_PROPERTY,
  KG_SH_QUALIFIED_MIN_COUNT,
  KG_SH_QUALIFIED_MAX_COUNT,
  KG_SH_CLOSED,
  KG_SH_HAS_VALUE,
  KG_SH_IN,
} KgShComponent;

/// Return the local name of the component's IRI, as
/// "MinCountConstraintComponent" (the IRI is KG_SH_NS followed by it).
KG_API const char*
kg_sh_component_name(KgShComponent component);

/// Which triple a result's caret points at.
typedef enum {
  /// The triple that reaches the value (last step of the path), in the data
  KG_SH_AT_VALUE,
  /// The focus node's first statement in the data (no value triple exists)
  KG_SH_AT_FOCUS,
  /// The shape's (or its constraint's) triple in the shapes graph: the
  /// focus node has no statement
  KG_SH_AT_SHAPE,
} KgShWhere;

/// One message of a result: sh:message with {$this}, {?value}, {$path}
/// ... substituted, or a default message for people (no language).
typedef struct {
  KgStringView text; ///< The message
  KgStringView lang; ///< Its language tag, or empty
} KgShMessage;

/**
   One validation result.  Terms are ids of the graph named in the comment;
   everything is valid only during the call of the sink.

   The focus node's first statement is the first triple of the data with
   the focus node as subject, else as object.
*/
typedef struct {
  /// sh:sourceConstraintComponent
  KgShComponent component;
  /// ERROR for sh:Violation, WARNING for sh:Warning, NOTE for sh:Info (and
  /// other severities: ERROR)
  KgLogLevel level;
  /// Shapes graph: the severity IRI (sh:Violation unless the shape says)
  KgTermId severity;
  /// Data graph: sh:focusNode
  KgTermId focus;
  /// Data graph: sh:value, or KG_NO_TERM
  KgTermId value;
  /// Shapes graph: sh:resultPath (an IRI, or the blank node of a complex
  /// path), or KG_NO_TERM; for sh:closed, the data's predicate, interned
  /// in the shapes graph
  KgTermId path;
  /// Shapes graph: sh:sourceShape
  KgTermId shape;
  /// What `caret` points at
  KgShWhere where;
  /// Where: data file:line:col, or the shapes file's for KG_SH_AT_SHAPE
  KgCaret caret;
  /// Index of the triple pointed at (in the data graph, or the shapes
  /// graph for AT_SHAPE), or SIZE_MAX
  size_t triple;
  /// The shape for people: its rdfs:label, else prefixed name (shapes graph
  /// prefixes), else "<IRI>", else "a blank shape at FILE:LINE"
  KgStringView shape_name;
  /// sh:message values after substitution; at least one (a default one
  /// when the shape has none)
  const KgShMessage* messages;
  /// Number of `messages`
  size_t n_messages;
} KgShResult;

/// Where results go.
typedef KgStatus (*KgShResultFunc)(void* handle, const KgShResult* result);

/// A parsed shapes graph.
typedef struct KgShapesImpl KgShapes;

/**
   Read the shapes of `shapes_graph` (SHACL Core).

   A malformed shapes graph (e.g. sh:minCount "x", a path that is not a
   well-formed SHACL path, a list that is not a list, sh:pattern that does
   not compile, shapes or paths nested deeper than KG_SH_MAX_DEPTH) is
   reported to `log`, each at its triple's caret, as errors, and
   KG_BAD_SYNTAX is returned.  SHACL-SPARQL constraints (sh:sparql,
   sh:SPARQLConstraint...) give one warning to `log` ("SHACL-SPARQL
   constraints are not checked") and are skipped.

   `shapes_graph` must outlive the shapes; it is not modified except for
   indexes, and for the IRIs of data predicates that validation interns in
   it to name them as the sh:resultPath of a sh:closed result.

   @return KG_SUCCESS, KG_BAD_SYNTAX or KG_BAD_ALLOC; `*shapes` is set
   only on success.
*/
KG_API KG_NODISCARD KgStatus
kg_shapes_new(KgGraph* shapes_graph, KgLog log, KgShapes** shapes);

/// Free `shapes`; NULL does nothing.
KG_API void
kg_shapes_free(KgShapes* shapes);

/// Return the number of shapes read.
KG_API size_t
kg_shapes_count(const KgShapes* shapes);

/// How to validate.
typedef struct {
  KgShResultFunc sink;   ///< Where results go (NULL: only count)
  void*          handle; ///< First argument of `sink`
  KgLog log; ///< Where a reached limit or a recursive shape is reported
} KgShOptions;

/// What validation found.
typedef struct {
  size_t n_violations; ///< Results of severity sh:Violation (or another IRI)
  size_t n_warnings;   ///< sh:Warning
  size_t n_infos;      ///< sh:Info
} KgShCounts;

/**
   Validate `data` against `shapes`.

   Results come in a deterministic order: by shape (in the order of the
   shapes graph), then focus node (in the order of the data), then
   constraint.  A recursive shape (one that reaches itself through sh:node,
   sh:property, sh:and, ...) is reported to the log once, at the shape's
   caret, and validation returns KG_BAD_SYNTAX.  Indexes of `data` are built
   as needed, and the terms of the shapes graph that targets and
   constraints name (sh:targetNode, sh:hasValue, sh:in...) are interned in
   `data`.  `data` may be the shapes graph itself.

   A sink that returns an error stops validation with that status.

   @return KG_SUCCESS (whether or not the data conforms; conforms iff all
   counts are 0), KG_BAD_SYNTAX, KG_BAD_LIMIT or KG_BAD_ALLOC, or the
   sink's error.
*/
KG_API KG_NODISCARD KgStatus
kg_shapes_validate(const KgShapes*    shapes,
                   KgGraph*           data,
                   const KgShOptions* options,
                   KgShCounts*        counts);

#ifdef __cplusplus
} // extern "C"
#endif

#endif // KG_SHACL_H
