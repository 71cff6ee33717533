// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_NS_H
#define KG_SRC_NS_H

#include "intern.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// A namespace with its prefix name.
typedef struct {
  KgStringView prefix; ///< Prefix name, without colon (borrowed)
  KgStringView iri;    ///< Namespace IRI (borrowed)
  bool         used;   ///< Used by some term (set by callers)
  bool         known;  ///< One of the well-known vocabularies
} KgNamespace;

/// The namespaces a writer may use: the graph's, then well-known ones.
typedef struct {
  KgNamespace* ns;
  size_t       n;
  KgTerms      names; ///< Prefixes (blank) and namespace IRIs (IRI terms)
  uint32_t*    index; ///< For each term of `names`, its namespace
  size_t*      lens;  ///< The lengths of the namespace IRIs, longest first
  size_t       n_lens;
} KgNamespaces;

/// A check that a name is valid in some syntax (a prefix or a local name).
typedef bool (*KgLocalCheck)(KgStringView local);

/**
   Collect the prefixes of `graph`, then those of `ontology` (may be NULL),
   then the well-known vocabularies (rdf, rdfs, xsd, owl, ...), each only
   if `prefix_check` accepts its name and neither its name nor its IRI is
   taken already.

   @return KG_SUCCESS or KG_BAD_ALLOC.
*/
KG_NODISCARD KgStatus
kg_namespaces_init(KgNamespaces*  namespaces,
                   const KgGraph* graph,
                   const KgGraph* ontology,
                   KgLocalCheck   prefix_check);

/// Sort the `n` lengths at `lens` longest first, keep each once, and
/// return how many are kept.
size_t
kg_lengths_distinct(size_t* lens, size_t n);

/// Free `namespaces`.
void
kg_namespaces_fini(KgNamespaces* namespaces);

/**
   Find the longest namespace of `namespaces` that `iri` starts with and
   whose rest of `iri` passes `check`.  It costs a hash lookup for each
   length of namespace IRIs, whatever their number.

   @return Its index, or -1 if none fits; `*local` is set to the rest.
*/
long
kg_namespaces_split(const KgNamespaces* namespaces,
                    KgStringView        iri,
                    KgLocalCheck        check,
                    KgStringView*       local);

/**
   Return `id` for people, as kg_term_to_string() does, with the names of
   `namespaces` (made with kg_turtle_prefix_is_valid): made once, they serve
   any number of terms.  Free the result with kg_free().
*/
char*
kg_namespaces_term_string(const KgNamespaces* namespaces,
                          const KgGraph*      graph,
                          KgTermId            id);

/// Return true iff `name` is a Turtle PN_PREFIX (or empty) that every
/// reader accepts in any position.
bool
kg_turtle_prefix_is_valid(KgStringView name);

/// Return true iff `local` can be written as a Turtle PN_LOCAL without escapes.
bool
kg_turtle_local_is_valid(KgStringView local);

/// Return true iff `iri` is in one of the well-known vocabularies.
bool
kg_namespace_is_well_known(KgStringView iri);

/// Return the namespace of `iri`: up to its last '#' or '/' (maybe empty).
KgStringView
kg_iri_namespace(KgStringView iri);

#endif // KG_SRC_NS_H
