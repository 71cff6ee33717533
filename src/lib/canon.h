// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_CANON_H
#define KG_SRC_CANON_H

#include "buffer.h"
#include "out.h"

#include <kgraph/canon.h>
#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// The largest digest (SHA-384), in bytes.
#define KG_MAX_DIGEST 48U

/// The canonical label of no blank node.
#define KG_NO_LABEL UINT32_MAX

/// The least default work limit.
#define KG_CANON_MIN_WORK 100000U

/// The default work limit per ambiguous node and squared component size.
#define KG_CANON_WORK_FACTOR 256U

/// The greatest default work limit: a few seconds.
#define KG_CANON_MAX_WORK 100000000U

/**
   The deepest Hash N-Degree Quads recursion followed, whatever the work
   limit: each level costs about 1 KiB of stack (more under sanitizers),
   and a path of look-alike blank nodes (a chain) recurses once a node.
*/
#define KG_CANON_MAX_DEPTH 2000U

/**
   A canonicalizer: RDFC-1.0 over some quads of a graph at a time, so that
   diff can label each blank-node component on its own.  Its memory is kept
   from one run to the next.
*/
typedef struct {
  const KgGraph* graph;
  const void*    hash;     ///< The nettle hash (struct nettle_hash)
  size_t         hash_len; ///< Digest bytes
  uint64_t       max_work; ///< Work limit per run, 0 for the default
  uint64_t       limit;    ///< Work limit of this run
  uint64_t       work;     ///< Work done in this run
  uint32_t       depth;    ///< Hash N-Degree Quads calls under way
  bool           too_deep; ///< The run stopped at KG_CANON_MAX_DEPTH
  KgLog          log;

  // Canonical N-Quads text of each ground term, made when first needed
  uint32_t* text_start; ///< Per term id: start in `texts`, or UINT32_MAX
  uint32_t* text_len;   ///< Per term id: length
  KgBuffer  texts;
  KgOut*    out; ///< Writes term text into `texts`

  // The blank nodes of a run, numbered in order of first appearance
  uint32_t* local;   ///< Per term id: local number + 1, 0 if not in the run
  uint32_t  n_local; ///< Blank nodes in the run
  size_t    cap;     ///< Allocated local entries
  KgTermId* blanks;  ///< Per local number: term id
  uint32_t* q_start; ///< Per local number: first entry in `q_list`; n + 1
  uint32_t* q_list;  ///< Quads of each blank node
  size_t    q_cap;   ///< Allocated `q_list` entries
  uint8_t*  first;   ///< Per local number: first degree hash
  uint32_t* label;   ///< Per local number: canonical number, or KG_NO_LABEL
  uint32_t* issued;  ///< Canonical numbers issued: local numbers in order
  uint32_t  n_issued;

  KgBuffer scratch; ///< Lines being hashed or sorted
} KgCanonizer;

/// Start canonicalizing quads of `graph`; free with kg_canonizer_fini().
KG_NODISCARD KgStatus
kg_canonizer_init(KgCanonizer*          c,
                  const KgGraph*        graph,
                  const KgCanonOptions* options);

/// Free what `c` holds.
void
kg_canonizer_fini(KgCanonizer* c);

/**
   Label the blank nodes of the `n` quads at `quads` (indices of triples of
   the graph; NULL for all of them) as RDFC-1.0 labels that dataset.

   @return KG_SUCCESS, KG_BAD_LIMIT (logged) or KG_BAD_ALLOC.
*/
KG_NODISCARD KgStatus
kg_canonizer_run(KgCanonizer* c, const uint32_t* quads, size_t n);

/// Return the canonical number of blank node `id` in the last run.
static inline uint32_t
kg_canonizer_label(const KgCanonizer* const c, const KgTermId id)
{
  const uint32_t local = c->local[id];
  return local ? c->label[local - 1U] : KG_NO_LABEL;
}

/**
   Hash the canonical N-Quads of the `n` quads at `quads` of the last run
   (sorted lines, as kg_canon_write() writes them) into `digest`.

   @return KG_SUCCESS or KG_BAD_ALLOC.
*/
KG_NODISCARD KgStatus
kg_canonizer_digest(KgCanonizer*    c,
                    const uint32_t* quads,
                    size_t          n,
                    uint8_t*        digest);

#endif // KG_SRC_CANON_H
