// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The comparer of the DOT golden files (dot_compare.c): the same graph
// written otherwise is the same; a changed attribute, a missing node or
// edge, a node moved to another cluster, or another order is a difference,
// named in the message; and each golden picture written again by cgraph
// (in cgraph's order, as another Graphviz might) is the same.

#include "dot_compare.h"
#include "golden.h"

#include <graphviz/cgraph.h>

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char* const base =
  "digraph \"g\" {\n"
  "\tgraph [rankdir=LR];\n"
  "\tnode [shape=box];\n"
  "\tsubgraph cluster_a {\n"
  "\t\tgraph [label=\"A\"];\n"
  "\t\t\"n1\"\t[fillcolor=\"#ffdd00\", label=\"One\"];\n"
  "\t\t\"n2\"\t[label=\"Two\"];\n"
  "\t}\n"
  "\tsubgraph cluster_b {\n"
  "\t\tgraph [label=\"B\"];\n"
  "\t\t\"n3\"\t[label=<<B>Three</B>>];\n"
  "\t}\n"
  "\t\"n1\" -> \"n2\"\t[label=\"knows\"];\n"
  "\t\"n1\" -> \"n2\"\t[label=\"likes\"];\n"
  "\t\"n2\" -> \"n3\";\n"
  "}\n";

/// Compare `got` with `base`: NULL or the message (free()).
static char*
against_base(const char* const got)
{
  return dot_compare(base, strlen(base), got, strlen(got));
}

/// Assert that `got` differs from `base` with exactly `message`.
static void
assert_difference(const char* const got, const char* const message)
{
  char* const m = against_base(got);
  cr_assert_not_null(m, "no difference found with:\n%s", got);
  cr_assert_str_eq(m, message);
  free(m);
}

/// Return `base` with `from` replaced by `to` (free()).
static char*
edited(const char* const from, const char* const to)
{
  const char* const at = strstr(base, from);
  cr_assert_not_null(at, "'%s' is not in the base graph", from);
  const size_t before = (size_t)(at - base);
  const size_t len    = strlen(base) - strlen(from) + strlen(to);
  char* const  out    = (char*)calloc(len + 1U, 1U);
  cr_assert_not_null(out);
  memcpy(out, base, before);
  memcpy(out + before, to, strlen(to));
  memcpy(
    out + before + strlen(to), at + strlen(from), strlen(at + strlen(from)));
  return out;
}

Test(compare, same_bytes_are_the_same_graph)
{
  cr_assert_null(against_base(base));
}

Test(compare, the_same_graph_written_otherwise_is_the_same)
{
  // Other whitespace, no quotes where none are needed, attributes in
  // another order, the node default on each node, the graph attribute as
  // a statement, the clusters' labels as statements
  static const char* const other =
    "digraph g { rankdir = \"LR\"\n"
    "subgraph \"cluster_a\" { label=A n1 [label=One fillcolor=\"#ffdd00\" "
    "shape=box] n2 [shape=\"box\"; label=\"Two\"] }\n"
    "subgraph cluster_b{label=\"B\";n3[shape=box,label=<<B>Three</B>>]}\n"
    "n1->n2[label=knows] n1 -> n2 [label=likes]\n"
    "n2 -> n3 }";
  char* const m = against_base(other);
  cr_assert_null(m, "%s", m);
}

Test(compare, a_changed_attribute_is_named)
{
  char* const got = edited("#ffdd00", "#ffcc00");
  assert_difference(got,
                    "node \"n1\": fillcolor \"#ffcc00\" expected \"#ffdd00\"");
  free(got);

  char* const graph = edited("rankdir=LR", "rankdir=TB");
  assert_difference(graph,
                    "graph \"g\" (directed): rankdir \"TB\" expected \"LR\"");
  free(graph);

  char* const edge = edited("likes", "hates");
  assert_difference(
    edge, "edge \"n1\" -> \"n2\" #2: label \"hates\" expected \"likes\"");
  free(edge);

  char* const cluster = edited("label=\"B\"", "label=\"C\"");
  assert_difference(cluster,
                    "subgraph \"cluster_b\": label \"C\" expected \"B\"");
  free(cluster);
}

Test(compare, an_attribute_missing_or_added_is_named)
{
  char* const missing = edited("fillcolor=\"#ffdd00\", ", "");
  assert_difference(missing, "node \"n1\": no fillcolor, expected \"#ffdd00\"");
  free(missing);

  char* const added = edited("[label=\"Two\"]", "[label=\"Two\", color=red]");
  assert_difference(added, "node \"n2\": color \"red\" not expected");
  free(added);
}

Test(compare, html_is_not_text)
{
  char* const got = edited("label=<<B>Three</B>>", "label=\"<B>Three</B>\"");
  assert_difference(
    got, "node \"n3\": label \"<B>Three</B>\" expected <<B>Three</B>>");
  free(got);
}

Test(compare, a_missing_node_is_named)
{
  char* const got = edited("\t\t\"n3\"\t[label=<<B>Three</B>>];\n", "");
  char* const without_edge = strdup(got);
  free(got);
  // The edge to n3 makes the node again: leave it out too
  char* const cut = strstr(without_edge, "\t\"n2\" -> \"n3\";\n");
  cr_assert_not_null(cut);
  memmove(cut,
          cut + strlen("\t\"n2\" -> \"n3\";\n"),
          strlen(cut + strlen("\t\"n2\" -> \"n3\";\n")) + 1U);
  assert_difference(without_edge, "missing node \"n3\"");
  free(without_edge);

  char* const extra =
    edited("\t\"n2\" -> \"n3\";\n", "\t\"n2\" -> \"n3\";\n\t\"n4\";\n");
  assert_difference(extra, "unexpected node \"n4\"");
  free(extra);
}

Test(compare, a_missing_edge_is_named)
{
  char* const got = edited("\t\"n2\" -> \"n3\";\n", "");
  assert_difference(got, "missing edge \"n2\" -> \"n3\"");
  free(got);

  char* const second = edited("\t\"n1\" -> \"n2\"\t[label=\"likes\"];\n", "");
  assert_difference(second, "missing edge \"n1\" -> \"n2\" #2");
  free(second);

  char* const reversed = edited("\"n2\" -> \"n3\"", "\"n3\" -> \"n2\"");
  assert_difference(reversed, "missing edge \"n2\" -> \"n3\"");
  free(reversed);
}

Test(compare, a_node_moved_to_another_cluster_is_named)
{
  char* const got = edited("\t\t\"n2\"\t[label=\"Two\"];\n\t}\n"
                           "\tsubgraph cluster_b {\n"
                           "\t\tgraph [label=\"B\"];\n",
                           "\t}\n"
                           "\tsubgraph cluster_b {\n"
                           "\t\tgraph [label=\"B\"];\n"
                           "\t\t\"n2\"\t[label=\"Two\"];\n");
  assert_difference(got, "missing subgraph \"cluster_a\" holds node \"n2\"");
  free(got);

  char* const renamed = edited("cluster_b", "cluster_c");
  assert_difference(renamed, "missing subgraph \"cluster_b\"");
  free(renamed);
}

Test(compare, another_order_of_statements_is_the_same_graph)
{
  // As dot -Tcanon writes it: clusters and nodes in cgraph's order
  char* const nodes =
    edited("\t\t\"n1\"\t[fillcolor=\"#ffdd00\", label=\"One\"];\n"
           "\t\t\"n2\"\t[label=\"Two\"];\n",
           "\t\t\"n2\"\t[label=\"Two\"];\n"
           "\t\t\"n1\"\t[fillcolor=\"#ffdd00\", label=\"One\"];\n");
  char* const m = against_base(nodes);
  cr_assert_null(m, "%s", m);
  free(nodes);

  char* const edges = edited("\t\"n1\" -> \"n2\"\t[label=\"knows\"];\n"
                             "\t\"n1\" -> \"n2\"\t[label=\"likes\"];\n"
                             "\t\"n2\" -> \"n3\";\n",
                             "\t\"n2\" -> \"n3\";\n"
                             "\t\"n1\" -> \"n2\"\t[label=\"knows\"];\n"
                             "\t\"n1\" -> \"n2\"\t[label=\"likes\"];\n");
  char* const e     = against_base(edges);
  cr_assert_null(e, "%s", e);
  free(edges);

  // But the edges between the same two nodes keep their order
  char* const swapped = edited("\t\"n1\" -> \"n2\"\t[label=\"knows\"];\n"
                               "\t\"n1\" -> \"n2\"\t[label=\"likes\"];\n",
                               "\t\"n1\" -> \"n2\"\t[label=\"likes\"];\n"
                               "\t\"n1\" -> \"n2\"\t[label=\"knows\"];\n");
  assert_difference(
    swapped, "edge \"n1\" -> \"n2\": label \"likes\" expected \"knows\"");
  free(swapped);
}

Test(compare, undirected_or_strict_is_a_difference)
{
  static const char* const undirected = "graph \"g\" { a -- b }";
  static const char* const directed   = "digraph \"g\" { a -> b }";
  char* const              m =
    dot_compare(directed, strlen(directed), undirected, strlen(undirected));
  cr_assert_not_null(m);
  cr_assert_str_eq(m, "missing graph \"g\" (directed)");
  free(m);
}

Test(compare, what_does_not_parse_is_said)
{
  char* const m = against_base("digraph { a -> ");
  cr_assert_not_null(m);
  cr_assert(!strncmp(m, "the actual DOT does not parse", 29U), "%s", m);
  free(m);

  static const char* const bad = "graph {";
  char* const e = dot_compare(bad, strlen(bad), base, strlen(base));
  cr_assert_not_null(e);
  cr_assert(!strncmp(e, "the expected DOT does not parse", 31U), "%s", e);
  free(e);
}

/// Return `dot` read and written again by cgraph (free()).
static char*
rewritten(const char* const dot)
{
  Agraph_t* const g = agmemread(dot);
  cr_assert_not_null(g);
  char*       out = NULL;
  size_t      len = 0U;
  FILE* const mem = open_memstream(&out, &len);
  cr_assert_not_null(mem);
  cr_assert_eq(agwrite(g, mem), 0);
  cr_assert_eq(fclose(mem), 0);
  agclose(g);
  return out;
}

Test(compare, each_golden_picture_written_again_by_cgraph_is_the_same)
{
  char dir[1024];
  golden_path(dir, sizeof(dir), "%s/dot/golden", getenv("KG_TEST_DATA"));
  GoldenNames names = golden_list(dir, ".dot");
  cr_assert_geq(names.n, 3U);
  for (size_t i = 0U; i < names.n; ++i) {
    char path[2048];
    golden_path(path, sizeof(path), "%s/%s", dir, names.names[i]);
    size_t      len  = 0U;
    char* const dot  = golden_read(path, &len);
    char* const back = rewritten(dot);
    char* const m    = dot_compare(dot, len, back, strlen(back));
    cr_assert_null(m, "%s: %s", path, m);
    free(back);
    free(dot);
  }
  golden_names_free(&names);
}
