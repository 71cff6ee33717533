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

/**
   The SHACL terms the engine reads, one row each:
   `X(NAME, IRI, PARAMETER)`, where PARAMETER is true for the parameters
   whose subjects are shapes (SHACL 2.1).
*/
#define KG_SH_VOCAB(X)                                                  \
  X(NODE_SHAPE, KG_SH_NS "NodeShape", false)                            \
  X(PROPERTY_SHAPE, KG_SH_NS "PropertyShape", false)                    \
  X(TARGET_CLASS, KG_SH_NS "targetClass", true)                         \
  X(TARGET_NODE, KG_SH_NS "targetNode", true)                           \
  X(TARGET_SUBJECTS_OF, KG_SH_NS "targetSubjectsOf", true)              \
  X(TARGET_OBJECTS_OF, KG_SH_NS "targetObjectsOf", true)                \
  X(PATH, KG_SH_NS "path", true)                                        \
  X(INVERSE_PATH, KG_SH_NS "inversePath", false)                        \
  X(ALTERNATIVE_PATH, KG_SH_NS "alternativePath", false)                \
  X(ZERO_OR_MORE_PATH, KG_SH_NS "zeroOrMorePath", false)                \
  X(ONE_OR_MORE_PATH, KG_SH_NS "oneOrMorePath", false)                  \
  X(ZERO_OR_ONE_PATH, KG_SH_NS "zeroOrOnePath", false)                  \
  X(CLASS, KG_SH_NS "class", true)                                      \
  X(DATATYPE, KG_SH_NS "datatype", true)                                \
  X(NODE_KIND, KG_SH_NS "nodeKind", true)                               \
  X(MIN_COUNT, KG_SH_NS "minCount", true)                               \
  X(MAX_COUNT, KG_SH_NS "maxCount", true)                               \
  X(MIN_EXCLUSIVE, KG_SH_NS "minExclusive", true)                       \
  X(MIN_INCLUSIVE, KG_SH_NS "minInclusive", true)                       \
  X(MAX_EXCLUSIVE, KG_SH_NS "maxExclusive", true)                       \
  X(MAX_INCLUSIVE, KG_SH_NS "maxInclusive", true)                       \
  X(MIN_LENGTH, KG_SH_NS "minLength", true)                             \
  X(MAX_LENGTH, KG_SH_NS "maxLength", true)                             \
  X(PATTERN, KG_SH_NS "pattern", true)                                  \
  X(FLAGS, KG_SH_NS "flags", false)                                     \
  X(LANGUAGE_IN, KG_SH_NS "languageIn", true)                           \
  X(UNIQUE_LANG, KG_SH_NS "uniqueLang", true)                           \
  X(EQUALS, KG_SH_NS "equals", true)                                    \
  X(DISJOINT, KG_SH_NS "disjoint", true)                                \
  X(LESS_THAN, KG_SH_NS "lessThan", true)                               \
  X(LESS_THAN_OR_EQUALS, KG_SH_NS "lessThanOrEquals", true)             \
  X(NOT, KG_SH_NS "not", true)                                          \
  X(AND, KG_SH_NS "and", true)                                          \
  X(OR, KG_SH_NS "or", true)                                            \
  X(XONE, KG_SH_NS "xone", true)                                        \
  X(NODE, KG_SH_NS "node", true)                                        \
  X(PROPERTY, KG_SH_NS "property", true)                                \
  X(QUALIFIED_VALUE_SHAPE, KG_SH_NS "qualifiedValueShape", true)        \
  X(QUALIFIED_MIN_COUNT, KG_SH_NS "qualifiedMinCount", true)            \
  X(QUALIFIED_MAX_COUNT, KG_SH_NS "qualifiedMaxCount", true)            \
  X(QUALIFIED_DISJOINT, KG_SH_NS "qualifiedValueShapesDisjoint", false) \
  X(CLOSED, KG_SH_NS "closed", true)                                    \
  X(IGNORED_PROPERTIES, KG_SH_NS "ignoredProperties", false)            \
  X(HAS_VALUE, KG_SH_NS "hasValue", true)                               \
  X(IN, KG_SH_NS "in", true)                                            \
  X(DEACTIVATED, KG_SH_NS "deactivated", false)                         \
  X(SEVERITY, KG_SH_NS "severity", false)                               \
  X(MESSAGE, KG_SH_NS "message", false)                                 \
  X(VIOLATION, KG_SH_NS "Violation", false)                             \
  X(WARNING, KG_SH_NS "Warning", false)                                 \
  X(INFO, KG_SH_NS "Info", false)                                       \
  X(IRI, KG_SH_NS "IRI", false)                                         \
  X(BLANK_NODE, KG_SH_NS "BlankNode", false)                            \
  X(LITERAL, KG_SH_NS "Literal", false)                                 \
  X(BLANK_NODE_OR_IRI, KG_SH_NS "BlankNodeOrIRI", false)                \
  X(BLANK_NODE_OR_LITERAL, KG_SH_NS "BlankNodeOrLiteral", false)        \
  X(IRI_OR_LITERAL, KG_SH_NS "IRIOrLiteral", false)                     \
  X(SPARQL, KG_SH_NS "sparql", false)                                   \
  X(TARGET, KG_SH_NS "target", false)                                   \
  X(SPARQL_CONSTRAINT, KG_SH_NS "SPARQLConstraint", false)              \
  X(SPARQL_TARGET, KG_SH_NS "SPARQLTarget", false)                      \
  X(RDF_TYPE, KG_RDF_NS "type", false)                                  \
  X(RDF_FIRST, KG_RDF_NS "first", false)                                \
  X(RDF_REST, KG_RDF_NS "rest", false)                                  \
  X(RDF_NIL, KG_RDF_NS "nil", false)                                    \
  X(RDFS_CLASS, KG_RDFS_NS "Class", false)                              \
  X(RDFS_SUBCLASS_OF, KG_RDFS_NS "subClassOf", false)                   \
  X(RDFS_LABEL, KG_RDFS_NS "label", false)                              \
  X(XSD_INTEGER, KG_XSD_NS "integer", false)                            \
  X(XSD_BOOLEAN, KG_XSD_NS "boolean", false)

/// The SHACL terms the engine reads, as ids of the shapes graph.
typedef enum {
#define KG_SHV_ENUM(name, iri, parameter) KG_SHV_##name,
  KG_SH_VOCAB(KG_SHV_ENUM)
#undef KG_SHV_ENUM
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

/// What a node of the shapes graph is as a path (kg_sh_path_node()).
typedef struct {
  KgShPathKind kind; ///< Which path
  KgTermId     pred; ///< Unary and alternative: the path predicate
  /// Predicate: the IRI; sequence: the list; alternative: its list; unary:
  /// the operand
  KgTermId arg;
} KgShPathNode;

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

/**
   Set `vocab[v]` to the id of each vocabulary term `v` in `graph`
   (KG_NO_TERM for a term it does not hold); `vocab` has KG_SHV_COUNT_
   entries.
*/
void
kg_sh_vocab_find(const KgGraph* graph, KgTermId* vocab);

/**
   Read node `term` of `graph` as a path, by the form the engine reads
   (SHACL 2.3.1): an IRI is a predicate path; a blank node with rdf:first a
   sequence path, whatever else it says; another blank node is the one path
   its one path predicate (sh:inversePath, sh:alternativePath...) makes.

   `vocab` holds the ids in `graph` of the list and path vocabulary
   (kg_sh_vocab_find()).  Uses the subject index of `graph` if it is built,
   else scans.

   @return True, or false if `term` is no path: a literal, or a blank node
   with no path predicate or several.
*/
bool
kg_sh_path_node(const KgGraph*  graph,
                const KgTermId* vocab,
                KgTermId        term,
                KgShPathNode*   node);

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
