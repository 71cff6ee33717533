// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/// @file patch.h Applying an RDF Patch to a graph.

#ifndef KG_PATCH_H
#define KG_PATCH_H

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Patch flags.
typedef enum {
  KG_PATCH_LAX = 1U << 0U, ///< A `D` of a triple not there is a warning
} KgPatchFlag;

/// Bitwise OR of KgPatchFlag values.
typedef uint32_t KgPatchFlags;

/// How to apply a patch.
typedef struct {
  KgPatchFlags flags; ///< Options
  KgLog        log;   ///< Where diagnostics go (`NAME:LINE:COL:` carets)
} KgPatchOptions;

/// What a patch did.
typedef struct {
  size_t n_added;   ///< `A` rows that added a triple
  size_t n_deleted; ///< `D` rows that removed a triple
  size_t n_present; ///< `A` rows of a triple already there (nothing done)
  size_t n_missing; ///< `D` rows of a triple not there (KG_PATCH_LAX only)
  size_t n_aborted; ///< Rows of transactions ended by `TA` (not applied)
} KgPatchCounts;

/**
   Apply the RDF Patch `text` (called `name` in messages) to `graph`.

   The patch is the text format of RDF Patch, as `kgraph diff --format
   patch` writes it: `H` header rows (read, then ignored), transactions
   `TX` ... `TC` (applied) or `TA` (dropped), `PA`/`PD` rows that add or
   remove a prefix of `graph` (and let later rows use it), and `A`/`D` rows
   of a triple or a quad, with terms in N-Triples syntax or as prefixed
   names.  Rows outside a transaction are applied as they come.

   A blank node `_:x` (or `<_:x>`) of the patch is the node of `graph` that
   kgraph labels `x` as `kgraph diff` does (the label it was read with,
   unless two nodes had it); another label is a new node, the same one
   throughout the patch.

   `A` of a triple already there does nothing.  `D` of a triple that is not
   there is an error (KG_BAD_DATA), or with KG_PATCH_LAX a warning.

   On error, `graph` holds the triples it had before, and its prefixes too
   unless memory ran out while they changed (at the end).

   @param counts If not NULL, set to what the patch did.
   @return KG_SUCCESS, KG_BAD_SYNTAX, KG_BAD_TEXT, KG_BAD_URI (a malformed
   row), KG_BAD_DATA (a `D` of a triple not there), KG_BAD_LIMIT or
   KG_BAD_ALLOC.
*/
KG_API KG_NODISCARD KgStatus
kg_graph_patch(KgGraph*              graph,
               KgStringView          text,
               const char*           name,
               const KgPatchOptions* options,
               KgPatchCounts*        counts);

/**
   Read an RDF Patch from `stream` and apply it, as kg_graph_patch().

   @return As kg_graph_patch(), or KG_BAD_READ if `stream` fails.
*/
KG_API KG_NODISCARD KgStatus
kg_graph_patch_stream(KgGraph*              graph,
                      FILE*                 stream,
                      const char*           name,
                      const KgPatchOptions* options,
                      KgPatchCounts*        counts);

#ifdef __cplusplus
} // extern "C"
#endif

#endif // KG_PATCH_H
