// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/// @file check.h Checking a graph against an ontology.

#ifndef KG_CHECK_H
#define KG_CHECK_H

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A kind of mistake kg_graph_check() finds.
typedef enum {
  KG_CHECK_UNDEFINED,  ///< A term of an ontology namespace that nothing defines
  KG_CHECK_MISUSED,    ///< A class used as a property, or a property as a class
  KG_CHECK_DOMAIN,     ///< A subject outside the domain of its property
  KG_CHECK_RANGE,      ///< An object outside the range of its property
  KG_CHECK_LITERAL,    ///< A lexical form invalid for its datatype
  KG_CHECK_FUNCTIONAL, ///< A functional property with several values
  KG_CHECK_LABEL,      ///< An entity with no label
  KG_CHECK_DANGLING,   ///< A reference to an entity of the graph that nothing
                       ///< describes
  KG_CHECK_CLAIM_MALFORMED, ///< A claim without exactly one rdf:subject,
                            ///< rdf:predicate and rdf:object
  KG_CHECK_CLAIM_UNSOURCED, ///< A claim with no prov:hadPrimarySource
  KG_CHECK_CLAIM_JUDGEMENT, ///< A claim asserted as kg:ArticleJudgement
                            ///< whose primary source is not the text it
                            ///< was derived from
  KG_CHECK_CLAIM_CONFLICT,  ///< Two claims on one statement whose
                            ///< kg:assertedBy or kg:certainty differ
} KgCheckKind;

/// One mistake.
typedef struct {
  KgCheckKind  kind;    ///< What is wrong
  KgLogLevel   level;   ///< KG_LOG_ERROR or KG_LOG_WARNING
  KgCaret      caret;   ///< Where (the line of the triple)
  size_t       triple;  ///< Index of the triple in kg_graph_triples()
  KgStringView message; ///< What is wrong, for people (valid during the call)
} KgDiagnostic;

/// Where diagnostics go; the return value is currently ignored.
typedef KgStatus (*KgDiagnosticFunc)(void*               handle,
                                     const KgDiagnostic* diagnostic);

/// How to check.
typedef struct {
  /**
     The first triple to check.  The triples before it (read first, from
     the ontology) define terms and are not checked themselves.
  */
  size_t           first_triple;
  KgDiagnosticFunc sink;   ///< Where diagnostics go (NULL: only count)
  void*            handle; ///< First argument of `sink`
  KgLog            log;    ///< Where a reached limit is reported
} KgCheckOptions;

/// Counts of what kg_graph_check() found.
typedef struct {
  size_t n_errors;   ///< Diagnostics at level KG_LOG_ERROR
  size_t n_warnings; ///< Diagnostics at level KG_LOG_WARNING
} KgCheckCounts;

/// Return the short name of `kind`, as "domain" or "undefined-term".
KG_API const char*
kg_check_kind_name(KgCheckKind kind);

/**
   Check the triples of `graph` from `options->first_triple` on.

   The ontology is every class and property the graph describes (with
   `rdf:type`, `rdfs:subClassOf`, `rdfs:domain`, ...), the checked triples
   included.  Its namespaces are those of the classes and properties it
   defines, other than the well-known vocabularies (RDF, RDFS, OWL, XSD,
   schema.org, FOAF, PROV, SKOS, DC terms, ORG, OWL-Time).  The checks:

   - errors: a term of an ontology namespace that no triple describes
     (with a suggestion), a class used as a property or the reverse, a
     typed subject none of whose types is in the domain of its property,
     an object outside the range of its property (classes by
     `rdfs:subClassOf` and `owl:equivalentClass`, datatypes by XSD
     derivation), a literal whose lexical form is invalid for its XSD
     datatype, and an `owl:FunctionalProperty` with several values;
   - warnings: an entity (an IRI subject outside the well-known
     vocabularies) with no `rdfs:label`, `skos:prefLabel`, `schema:name`,
     `foaf:name` or subproperty of `rdfs:label`, and a reference to an IRI
     of one of the graph's own namespaces (those of its subjects) that no
     triple describes;
   - warnings about claims (subjects of `rdf:subject`, `rdf:predicate` or
     `rdf:object`, or typed `rdf:Statement` or a subclass of it), on the
     claim's first checked triple: a claim without exactly one
     `rdf:subject`, `rdf:predicate` and `rdf:object`; with no
     `prov:hadPrimarySource`; asserted as the judgement of its own text
     (`kg:assertedBy kg:ArticleJudgement`) with a primary source that is
     not one of its `prov:wasDerivedFrom`; and a claim whose
     `kg:assertedBy` or `kg:certainty` differs from that of an earlier
     claim on the same statement (subject, predicate and object).

   Diagnostics come in the order of the triples.  The indexes of `graph`
   are built as needed.

   The class and property hierarchies are walked without recursion, and
   all walks together take at most 20,000,000 steps (terms and triples
   visited, about a second): a chain of 300,000 subclasses takes 300,000
   for each class used as a domain or range.  Claims are grouped by
   sorting them, in O(n log n) time for n claims.  Suggestions for undefined
   terms stop after 50 million characters compared (a quarter of a
   second).

   @return KG_SUCCESS (whatever was found), KG_BAD_LIMIT if the walks of
   the hierarchies would take more steps (reported to `options->log`),
   or KG_BAD_ALLOC.
*/
KG_API KG_NODISCARD KgStatus
kg_graph_check(KgGraph*              graph,
               const KgCheckOptions* options,
               KgCheckCounts*        counts);

#ifdef __cplusplus
} // extern "C"
#endif

#endif // KG_CHECK_H
