// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// A graph from Turtle text, for tests (Criterion).

#ifndef KG_TESTS_SUPPORT_PARSE_H
#define KG_TESTS_SUPPORT_PARSE_H

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

/// Read the Turtle `text` ("t.ttl", base http://example.org/) into a new
/// graph, failing the test if it does not read.
static inline KgGraph*
parse(const char* const text)
{
  KgGraph* const g = kg_graph_new();
  cr_assert_not_null(g);
  const KgReadOptions opts = {
    KG_SYNTAX_TURTLE, "http://example.org/", 0U, {NULL, NULL}};
  const KgStatus st = kg_graph_read_string(g, kg_sv(text), "t.ttl", &opts);
  cr_assert_eq(st, KG_SUCCESS, "%s", kg_strerror(st));
  return g;
}

#endif // KG_TESTS_SUPPORT_PARSE_H
