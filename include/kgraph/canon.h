// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/// @file canon.h Canonical blank-node labels: RDF Dataset Canonicalization.

#ifndef KG_CANON_H
#define KG_CANON_H

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The hash function of RDFC-1.0.
typedef enum {
  KG_HASH_SHA256, ///< SHA-256, the default of RDFC-1.0
  KG_HASH_SHA384, ///< SHA-384
} KgHashAlgorithm;

/// How to canonicalize.
typedef struct {
  KgHashAlgorithm hash; ///< Hash function

  /**
     The most work allowed: a call of Hash N-Degree Quads counts one and
     one per quad of its node, a permutation tried one and one per node in
     it; 0 for the default, kg_canon_default_work().
  */
  uint64_t max_work;

  KgLog log; ///< Where the error of too much work goes
} KgCanonOptions;

/// The canonical labels of the blank nodes of a graph.
typedef struct KgCanonImpl KgCanon;

/**
   Return the default work limit for a dataset whose blank nodes that first
   degree hashing cannot tell apart number `n_ambiguous`, in components of
   at most `max_component` blank nodes.

   It is 256 n m², at least 100,000 and at most 100,000,000 (about two
   seconds): it lets every test of the W3C suite through (the hardest eval
   tests need 62,868) and stops a poison graph, a clique of 10 blank nodes,
   within a tenth of a second (where it would need billions).  A chain of
   thousands of blank nodes that look alike (a long list of one repeated
   value) is past it too: RDFC-1.0 takes time cubic in its length.
*/
KG_API uint64_t
kg_canon_default_work(uint32_t n_ambiguous, uint32_t max_component);

/**
   Label the blank nodes of `graph` canonically, by the RDFC-1.0 algorithm
   (W3C Recommendation, 21 May 2024).

   @param canon Set to the labels, to free with kg_canon_free().
   @return KG_SUCCESS; KG_BAD_LIMIT if the work limit was reached (an error
   naming the limit goes to `options->log`); or KG_BAD_ALLOC.
*/
KG_API KG_NODISCARD KgStatus
kg_canon_new(const KgGraph*        graph,
             const KgCanonOptions* options,
             KgCanon**             canon);

/// Free `canon`; NULL does nothing.
KG_API void
kg_canon_free(KgCanon* canon);

/// Return N of the label `c14nN` of blank node `id`, or UINT32_MAX.
KG_API uint32_t
kg_canon_label(const KgCanon* canon, KgTermId id);

/// Return the work done (see KgCanonOptions::max_work).
KG_API uint64_t
kg_canon_work(const KgCanon* canon);

/**
   Write the canonical N-Quads of the graph: blank nodes labelled
   `_:c14nN`, one quad a line in canonical form, sorted by code point.

   @return KG_SUCCESS, KG_BAD_WRITE or KG_BAD_ALLOC.
*/
KG_API KG_NODISCARD KgStatus
kg_canon_write(KgCanon* canon, FILE* out);

/**
   Write the issued identifiers map as a JSON object from each blank node's
   label in the input (without `_:`) to its canonical label (`c14nN`), in
   canonical order.

   @return KG_SUCCESS, KG_BAD_WRITE or KG_BAD_ALLOC.
*/
KG_API KG_NODISCARD KgStatus
kg_canon_write_map(const KgCanon* canon, FILE* out);

#ifdef __cplusplus
} // extern "C"
#endif

#endif // KG_CANON_H
