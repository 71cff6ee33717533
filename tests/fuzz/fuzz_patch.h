// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// What fuzz_patch does with its input, shared with the replay test: the
// input is an RDF Patch, applied to a small graph with blank nodes
// (nested, in a list, labelled).  Any failure is a bug: abort().
//
// - A patch that fails leaves the graph as it was (isomorphic to a fresh
//   copy).
// - A patch that applies gives a graph that the patch of the old graph to
//   it, as kgraph diff writes it, makes from a fresh copy: RDF Patch out
//   of diff reads back, through every term and label a patch can hold.
//
// The first byte's low bit sets KG_PATCH_LAX.

#ifndef KG_FUZZ_PATCH_H
#define KG_FUZZ_PATCH_H

#include <kgraph/kgraph.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static const char kg_patch_base[] =
  "@prefix ex: <http://example.org/> .\n"
  "ex:a ex:p \"one\" , \"un\"@fr ; ex:q _:x ; ex:r ( 1 2 ) .\n"
  "_:x ex:p \"inside\" ; ex:q [ ex:p \"deeper\" ] .\n"
  "_:b1 ex:p ex:a .\n"
  "[] ex:p \"alone\" .\n";

static inline KgGraph*
kg_patch_read_base(void)
{
  KgGraph* const      g  = kg_graph_new();
  const KgReadOptions ro = {
    KG_SYNTAX_TURTLE, "http://example.org/", 0U, {NULL, NULL}};
  if (!g || kg_graph_read_string(g, KG_SV(kg_patch_base), "base.ttl", &ro)) {
    abort();
  }
  return g;
}

/// Apply `data` as a patch to the base graph, and check what it gave.
static inline void
kg_patch_one(const uint8_t* const data, const size_t size)
{
  KgGraph* const       g    = kg_patch_read_base();
  KgGraph* const       old  = kg_patch_read_base();
  const KgPatchOptions opts = {
    (size && (data[0] & 1U)) ? (KgPatchFlags)KG_PATCH_LAX : 0U, {NULL, NULL}};
  const KgStringView text = {(const char*)data, size};
  const KgStatus     st   = kg_graph_patch(g, text, "fuzz", &opts, NULL);
  KgStatus           iso  = KG_SUCCESS;
  if (st > KG_FAILURE) {
    if (!kg_graph_is_isomorphic(g, old, &iso) && !iso) {
      abort(); // A failed patch changed the graph
    }
  } else {
    KgDiff*             diff  = NULL;
    const KgDiffOptions dopts = {2000000U, {NULL, NULL}};
    if (!kg_diff_new(old, g, &dopts, &diff)) {
      char*       patch = NULL;
      size_t      len   = 0U;
      FILE* const out   = open_memstream(&patch, &len);
      if (!out || kg_diff_write(diff, KG_DIFF_PATCH, out, NULL, NULL) ||
          fclose(out)) {
        abort();
      }
      KgGraph* const       copy   = kg_patch_read_base();
      const KgPatchOptions strict = {0U, {NULL, NULL}};
      const KgStringView   ptext  = {patch, len};
      if (kg_graph_patch(copy, ptext, "diff", &strict, NULL)) {
        abort(); // diff's own patch does not apply
      }
      if (!kg_graph_is_isomorphic(copy, g, &iso) && !iso) {
        abort(); // diff's own patch does not give the graph
      }
      kg_graph_free(copy);
      free(patch);
    }
    kg_diff_free(diff);
  }
  kg_graph_free(old);
  kg_graph_free(g);
}

#endif // KG_FUZZ_PATCH_H
