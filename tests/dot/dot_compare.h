// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Compare two DOT documents by what they say, not by their bytes: both are
// parsed with cgraph and described as the graph's attributes, each node
// with all its attributes, each edge (tail, head, attributes) and each
// subgraph with its attributes and its nodes.  Whitespace, quoting, the
// order of attributes in a statement, defaults set with `node [...]`
// instead of on each node, and the order of statements make no difference
// (cgraph writes subgraphs in an order of its own, and a node where it is
// first met), so the golden files of pictures survive a Graphviz upgrade.
// Edges between the same two nodes are told apart by their order (the
// second is `edge "a" -> "b" #2`), which is kgraph's.

#ifndef KG_TESTS_DOT_COMPARE_H
#define KG_TESTS_DOT_COMPARE_H

#include <stddef.h>

/// The deepest subgraph nesting compared; deeper is reported as a
/// difference.
#define DOT_COMPARE_MAX_DEPTH 32U

/**
   Compare the DOT `got` (`got_len` bytes) with the DOT `expected`.

   @return NULL if both describe the same graph, else a message (free())
   that names the first element and attribute that differ, such as
   `node "n12": fillcolor "#ffcc00" expected "#ffdd00"`, or says which
   document does not parse.
*/
char*
dot_compare(const char* expected,
            size_t      expected_len,
            const char* got,
            size_t      got_len);

#endif // KG_TESTS_DOT_COMPARE_H
