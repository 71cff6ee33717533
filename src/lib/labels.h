// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_LABELS_H
#define KG_SRC_LABELS_H

#include "buffer.h"
#include "intern.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>

/**
   Labels for the blank nodes of one or more graphs, written together: each
   node keeps the label it was read with, unless another node written
   earlier has it (the same label in two documents, or in the two graphs of
   a diff); then it gets the first free one of "label_2", "label_3"...
   A label that holds a C1 or bidirectional control is not kept: its node
   is labelled as if it had been read as "b".
*/
typedef struct {
  KgTerms  taken;   ///< Labels given
  KgBuffer scratch; ///< A label being tried
} KgLabelSet;

/// The labels of the blank nodes of one graph, in a label set.
typedef struct {
  KgLabelSet*    set;
  const KgGraph* graph;
  KgTermId*      given; ///< Per term id of `graph`: its label in `set`, or 0
} KgLabeler;

/// Start an empty label set.  @return KG_SUCCESS or KG_BAD_ALLOC.
KG_NODISCARD KgStatus
kg_label_set_init(KgLabelSet* set);

/// Free what `set` holds.
void
kg_label_set_fini(KgLabelSet* set);

/// Start labelling the blank nodes of `graph` in `set`.
KG_NODISCARD KgStatus
kg_labeler_init(KgLabeler* labeler, KgLabelSet* set, const KgGraph* graph);

/// Free what `labeler` holds.
void
kg_labeler_fini(KgLabeler* labeler);

/**
   Give every blank node of the graph its label now: first those named in
   the input, then those it wrote as [] (so that a name made up for them
   never takes a label of the input).

   @return KG_SUCCESS or KG_BAD_ALLOC.
*/
KG_NODISCARD KgStatus
kg_labeler_give_all(KgLabeler* labeler);

/**
   Return the label of blank node `id` (without "_:"), giving it one the
   first time; the view lives as long as the set.

   @param status Set to KG_BAD_ALLOC if memory runs out (the view is then
   empty); left alone otherwise.
*/
KgStringView
kg_labeler_get(KgLabeler* labeler, KgTermId id, KgStatus* status);

#endif // KG_SRC_LABELS_H
