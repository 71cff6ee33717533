// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_VOCAB_H
#define KG_SRC_VOCAB_H

#include "buffer.h"
#include "ns.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdbool.h>
#include <stddef.h>

/// One statement about a term of the vocabulary, by text (graphs differ).
typedef struct {
  KgStringView subject;   ///< IRI
  KgStringView predicate; ///< IRI
  KgStringView object;    ///< IRI or literal text
  KgStringView lang;      ///< Language of a literal object, or empty
  bool         literal;   ///< The object is a literal
} KgFact;

/**
   What a set of graphs (the data, ontologies, a style) says about classes
   and properties: the class hierarchy, the kinds of properties, labels, and
   any annotation of a given namespace (the DOT style).  Terms are compared
   by IRI, so the graphs may intern them differently.  The graphs must
   outlive the vocabulary.
*/
typedef struct {
  KgFact*      facts; ///< Sorted by subject, then predicate, then object
  size_t       n_facts;
  size_t       cap;
  KgStringView annotations; ///< Namespace whose statements are all kept
} KgVocab;

/// Start an empty vocabulary; statements in `annotations` are all kept.
void
kg_vocab_init(KgVocab* vocab, KgStringView annotations);

/// Free what `vocab` holds.
void
kg_vocab_fini(KgVocab* vocab);

/**
   Take what `graph` says about classes and properties.

   From every graph: rdfs:subClassOf, owl:equivalentClass, owl:inverseOf,
   rdf:type to a class or property type, and annotations.  Labels
   (kg_label_rank()): of every subject
   if `all_labels`, else only of the terms the graph uses as predicates or
   classes (a data graph's many entities are not the vocabulary).

   @return KG_SUCCESS or KG_BAD_ALLOC.
*/
KgStatus
kg_vocab_add(KgVocab* vocab, const KgGraph* graph, bool all_labels);

/// Sort the facts; call once after the last kg_vocab_add().
void
kg_vocab_finish(KgVocab* vocab);

/// Return the facts about `subject` (sorted by predicate), and their number.
const KgFact*
kg_vocab_about(const KgVocab* vocab, KgStringView subject, size_t* n);

/// Return the first object of (`subject`, `predicate`), or an empty view.
KgStringView
kg_vocab_object(const KgVocab* vocab,
                KgStringView   subject,
                KgStringView   predicate);

/// Return true iff (`subject`, `predicate`, `object`) is a fact.
bool
kg_vocab_has(const KgVocab* vocab,
             KgStringView   subject,
             KgStringView   predicate,
             KgStringView   object);

/// Return true iff `iri` is described as a class.
bool
kg_vocab_is_class(const KgVocab* vocab, KgStringView iri);

/// Return true iff `super` is `sub` or one of its ancestor classes.
bool
kg_vocab_is_ancestor(const KgVocab* vocab,
                     KgStringView   sub,
                     KgStringView   super);

/**
   Write the ancestors of class `cls` into `out`, nearest first, `cls`
   itself first of all (breadth first along rdfs:subClassOf and
   owl:equivalentClass).

   @return The number written, at most `max`.
*/
size_t
kg_vocab_ancestors(const KgVocab* vocab,
                   KgStringView   cls,
                   KgStringView*  out,
                   size_t         max);

/// The number of label properties: kg_label_rank() of any other property.
#define KG_N_LABEL_PROPERTIES 5U

/**
   Return the rank of label property `property`, best first: 0 for
   rdfs:label, then skos:prefLabel, schema:name (http and https) and
   foaf:name; KG_N_LABEL_PROPERTIES if it is not a label property.  This is
   the one list of label properties of kgraph (titles, checks, reports).
*/
unsigned
kg_label_rank(KgStringView property);

/// Return whether `property` is a label property (see kg_label_rank()).
static inline bool
kg_is_label_property(const KgStringView property)
{
  return kg_label_rank(property) < KG_N_LABEL_PROPERTIES;
}

/**
   Find the term a person names with `words` in `graph`: an IRI, a QName
   with a prefix of `ns`, or, if `labels`, the subject of a label (a literal
   under a label property, in any language).

   @param scratch A buffer for the IRI of a QName, cleared before and after.
   @param id Set to the term, or 0 if `words` name none; for a label that
   several subjects have, the last of them in the order of the triples.
   @param several Set to whether a label names several subjects.
   @return KG_SUCCESS or KG_BAD_ALLOC.
*/
KG_NODISCARD KgStatus
kg_find_named(const KgGraph*      graph,
              const KgNamespaces* ns,
              const char*         words,
              bool                labels,
              KgBuffer*           scratch,
              KgTermId*           id,
              bool*               several);

/// Return the label property of rank `rank`, or an empty view if there is
/// none.
KgStringView
kg_label_property(unsigned rank);

/**
   Return the best label of `iri`: rdfs:label, then skos:prefLabel,
   schema:name and foaf:name; in `lang`, else with no language, else the
   first in order.  Empty if it has none.
*/
KgStringView
kg_vocab_label(const KgVocab* vocab, KgStringView iri, KgStringView lang);

#endif // KG_SRC_VOCAB_H
