// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_SHACL_IMPL_H
#define KG_SRC_SHACL_IMPL_H

#include "shacl_values.h"

#include <kgraph/graph.h>
#include <kgraph/shacl.h>
#include <kgraph/status.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// No shape, path or list index.
#define KG_SH_NONE UINT32_MAX

/// The SHACL terms the engine reads, as ids of the shapes graph.
typedef enum {
  KG_SHV_NODE_SHAPE,
  KG_SHV_PROPERTY_SHAPE,
  KG_SHV_TARGET_CLASS,
  KG_SHV_TARGET_NODE,
  KG_SHV_TARGET_SUBJECTS_OF,
  KG_SHV_TARGET_OBJECTS_OF,
  KG_SHV_PATH,
  KG_SHV_INVERSE_PATH,
  KG_SHV_ALTERNATIVE_PATH,
  KG_SHV_ZERO_OR_MORE_PATH,
  KG_SHV_ONE_OR_MORE_PATH,
  KG_SHV_ZERO_OR_ONE_PATH,
  KG_SHV_CLASS,
  KG_SHV_DATATYPE,
  KG_SHV_NODE_KIND,
  KG_SHV_MIN_COUNT,
  KG_SHV_MAX_COUNT,
  KG_SHV_MIN_EXCLUSIVE,
  KG_SHV_MIN_INCLUSIVE,
  KG_SHV_MAX_EXCLUSIVE,
  KG_SHV_MAX_INCLUSIVE,
  KG_SHV_MIN_LENGTH,
  KG_SHV_MAX_LENGTH,
  KG_SHV_PATTERN,
  KG_SHV_FLAGS,
  KG_SHV_LANGUAGE_IN,
  KG_SHV_UNIQUE_LANG,
  KG_SHV_EQUALS,
  KG_SHV_DISJOINT,
  KG_SHV_LESS_THAN,
  KG_SHV_LESS_THAN_OR_EQUALS,
  KG_SHV_NOT,
  KG_SHV_AND,
  KG_SHV_OR,
  KG_SHV_XONE,
  KG_SHV_NODE,
  KG_SHV_PROPERTY,
  KG_SHV_QUALIFIED_VALUE_SHAPE,
  KG_SHV_QUALIFIED_MIN_COUNT,
  KG_SHV_QUALIFIED_MAX_COUNT,
  KG_SHV_QUALIFIED_DISJOINT,
  KG_SHV_CLOSED,
  KG_SHV_IGNORED_PROPERTIES,
  KG_SHV_HAS_VALUE,
  KG_SHV_IN,
  KG_SHV_DEACTIVATED,
  KG_SHV_SEVERITY,
  KG_SHV_MESSAGE,
  KG_SHV_VIOLATION,
  KG_SHV_WARNING,
  KG_SHV_INFO,
  KG_SHV_IRI,
  KG_SHV_BLANK_NODE,
  KG_SHV_LITERAL,
  KG_SHV_BLANK_NODE_OR_IRI,
  KG_SHV_BLANK_NODE_OR_LITERAL,
  KG_SHV_IRI_OR_LITERAL,
  KG_SHV_SPARQL,
  KG_SHV_TARGET,
  KG_SHV_SPARQL_CONSTRAINT,
  KG_SHV_SPARQL_TARGET,
  KG_SHV_RDF_TYPE,
  KG_SHV_RDF_FIRST,
  KG_SHV_RDF_REST,
  KG_SHV_RDF_NIL,
  KG_SHV_RDFS_CLASS,
  KG_SHV_RDFS_SUBCLASS_OF,
  KG_SHV_RDFS_LABEL,
  KG_SHV_XSD_INTEGER,
  KG_SHV_XSD_BOOLEAN,
  KG_SHV_COUNT_
} KgShVocab;

/// The kind of a step of a property path.
typedef enum {
  KG_SHP_PREDICATE,    ///< An IRI
  KG_SHP_INVERSE,      ///< sh:inversePath
  KG_SHP_SEQUENCE,     ///< A list of paths
  KG_SHP_ALTERNATIVE,  ///< sh:alternativePath
  KG_SHP_ZERO_OR_MORE, ///< sh:zeroOrMorePath
  KG_SHP_ONE_OR_MORE,  ///< sh:oneOrMorePath
  KG_SHP_ZERO_OR_ONE,  ///< sh:zeroOrOnePath
} KgShPathKind;

/// A node of a parsed property path.
typedef struct {
  KgShPathKind kind; ///< Which path
  KgTermId     term; ///< Shapes graph: the IRI, or the path's node
  /// Sequence, alternative: the first child in `path_kids`; others: the
  /// child path
  uint32_t first;
  uint32_t n; ///< Sequence, alternative: number of children
} KgShPath;

/// Node kinds, as bits.
enum { KG_SHK_IRI = 1U, KG_SHK_BLANK = 2U, KG_SHK_LITERAL = 4U };

/// One constraint of a shape.
typedef struct {
  KgShComponent comp;   ///< Its component
  size_t        triple; ///< Shapes graph: the parameter's triple
  KgTermId      param;  ///< Shapes graph: the parameter's value
  uint32_t      shape;  ///< not, node, property, qualified: the shape
  /// and, or, xone: the first shape in `refs`; in, languageIn, closed: the
  /// first term in `terms`
  uint32_t first;
  uint32_t n;      ///< Their number
  uint32_t sibs;   ///< qualified, disjoint: first sibling shape in `refs`
  uint32_t n_sibs; ///< Number of siblings
  /// minCount, maxCount, minLength, maxLength, qualified counts
  uint64_t     count;
  uint8_t      kinds;   ///< nodeKind: the KG_SHK_ bits allowed
  bool         flag;    ///< uniqueLang: true; qualified: disjoint
  KgShPattern* pattern; ///< pattern: compiled
} KgShConstraint;

/// The kinds of target.
typedef enum {
  KG_SHT_NODE,
  KG_SHT_CLASS,
  KG_SHT_SUBJECTS_OF,
  KG_SHT_OBJECTS_OF,
} KgShTargetKind;

/// A target of a shape.
typedef struct {
  KgShTargetKind kind;
  KgTermId       term; ///< Shapes graph
} KgShTarget;

/// A shape.
typedef struct {
  KgTermId id; ///< Shapes graph
  /// A triple of the shape (its first as subject, else one naming it), or
  /// SIZE_MAX
  size_t   triple;
  uint32_t path;             ///< Root path, or KG_SH_NONE
  KgTermId path_term;        ///< Shapes graph: sh:path's value
  bool     deactivated;      ///< sh:deactivated true
  KgTermId severity;         ///< Shapes graph
  uint32_t first_target;     ///< Into `targets`
  uint32_t n_targets;        ///< Number of targets
  uint32_t first_constraint; ///< Into `constraints`
  uint32_t n_constraints;    ///< Number of constraints
  uint32_t first_message;    ///< Into `terms`: sh:message literals
  uint32_t n_messages;       ///< Number of messages
  char*    name;             ///< For people
} KgShShape;

struct KgShapesImpl {
  KgGraph*   graph;
  KgTermId   vocab[KG_SHV_COUNT_]; ///< Shapes graph ids, KG_NO_TERM if absent
  KgShShape* shapes;
  size_t     n_shapes;
  KgShConstraint* constraints;
  size_t          n_constraints;
  KgShTarget*     targets;
  size_t          n_targets;
  KgShPath*       paths;
  size_t          n_paths;
  uint32_t*       path_kids;
  size_t          n_path_kids;
  uint32_t*       refs; ///< Shape indices
  size_t          n_refs;
  KgTermId*       terms; ///< Shapes graph terms
  size_t          n_terms;
  uint32_t        recursive; ///< A shape that reaches itself, or KG_SH_NONE
};

#endif // KG_SRC_SHACL_IMPL_H
