// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/**
   @file diff_impl.h What a KgDiff holds, for the modules that write it
   (diff.c, diff_write.c, report.c).
*/

#ifndef KG_SRC_DIFF_IMPL_H
#define KG_SRC_DIFF_IMPL_H

#include <kgraph/diff.h>
#include <kgraph/graph.h>

#include <stddef.h>
#include <stdint.h>

/// No node: a ground term, or a node not in a refiner.
#define NO_NODE UINT32_MAX

/// No component: a ground triple.
#define GROUND UINT32_MAX

enum { OLD, NEW };

/// One graph of the two, cut into ground triples and components.
typedef struct {
  const KgGraph* graph;
  uint32_t*      comp;       ///< Per triple: its component, or GROUND
  uint32_t*      comp_of;    ///< Per term: its component, or GROUND
  uint32_t       n_comps;    ///< Number of components
  uint32_t*      comp_start; ///< Per component: first entry; n_comps + 1
  uint32_t*      members;    ///< Triples of each component, in input order
  KgTermId*      roots;      ///< Per component: the IRI it is written under
  KgTermId*      match;      ///< Per blank node: the same node in the other
                             ///< graph, or 0
  uint64_t* ground;          ///< Per ground term: a hash of its value
  KgTermId* nodes;           ///< Blank nodes, component by component
  uint32_t* node_start;      ///< Per component: first in `nodes`; n_comps + 1
  uint32_t* node_of;         ///< Per term: its position in `nodes`, or NO_NODE
  uint32_t  n_nodes;
} Side;

struct KgDiffImpl {
  Side      sides[2];
  uint32_t* changed[2]; ///< Removed triples of the old graph, added of the new
  size_t    n_changed[2];
};

#endif // KG_SRC_DIFF_IMPL_H
