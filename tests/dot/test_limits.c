// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The limits of pictures count what Graphviz lays out: nodes, edges and
// the rows of the tables of literals.  A node's table is cut at max_rows;
// a picture too big is refused from the counts, before anything is built;
// the focus walk goes through a long chain without recursion.

#include "dot_support.h"
#include "support.h"

#include "cli.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EX "http://example.org/limits#"

/// Return the IRI EX + prefix + n, interned in `g`.
static KgTermId
iri_n(KgGraph* const g, const char* const prefix, const size_t n)
{
  char text[128];
  snprintf(text, sizeof(text), EX "%s%zu", prefix, n);
  const KgTermId id = kg_graph_iri(g, kg_sv(text));
  cr_assert_neq(id, KG_NO_TERM);
  return id;
}

/// Return a graph of `n_subjects` nodes, each with `n_literals` literals
/// ("value I" of properties p0 to p6) and an edge to the next node.
static KgGraph*
literal_grid(const size_t n_subjects, const size_t n_literals)
{
  KgGraph* const g = kg_graph_new();
  cr_assert_not_null(g);
  KgTermId props[7];
  for (size_t i = 0U; i < 7U; ++i) {
    props[i] = iri_n(g, "p", i);
  }
  const KgTermId link = iri_n(g, "link", 0U);
  for (size_t s = 0U; s < n_subjects; ++s) {
    const KgTermId subject = iri_n(g, "s", s);
    if (n_subjects > 1U) {
      cr_assert_eq(
        kg_graph_add(g, subject, link, iri_n(g, "s", (s + 1U) % n_subjects)),
        KG_SUCCESS);
    }
    for (size_t i = 0U; i < n_literals; ++i) {
      char text[32];
      snprintf(text, sizeof(text), "value %05zu", i);
      const KgTermId o =
        kg_graph_literal(g, kg_sv(text), KG_NO_TERM, KG_SV(""));
      cr_assert_neq(o, KG_NO_TERM);
      cr_assert_eq(kg_graph_add(g, subject, props[i % 7U], o), KG_SUCCESS);
    }
  }
  return g;
}

/// Return the seconds since `start`.
static double
seconds_since(const struct timespec start)
{
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - start.tv_sec) +
         (double)(now.tv_nsec - start.tv_nsec) / 1e9;
}

/// Return the number of times `needle` occurs in `text`.
static size_t
count_of(const char* const text, const char* const needle)
{
  // Not in tooltips, which list the literals of a node too
  char* const copy = strdup(text);
  cr_assert_not_null(copy);
  char* o = copy;
  for (const char* p = text; *p;) {
    if (!strncmp(p, "tooltip=\"", strlen("tooltip=\""))) {
      p += strlen("tooltip=\"");
      while (*p && *p != '"') {
        p += (*p == '\\' && p[1]) ? 2 : 1;
      }
      p += *p ? 1 : 0;
      continue;
    }
    *o++ = *p++;
  }
  *o = '\0';

  size_t n = 0U;
  for (const char* p = copy; (p = strstr(p, needle)); p += strlen(needle)) {
    ++n;
  }
  free(copy);
  return n;
}

/*
  Rows of a table
*/

Test(limits, a_table_shows_max_rows_and_counts_the_others)
{
  KgGraph* const g = literal_grid(1U, 1000U);
  KgDotOptions   o;
  kg_dot_options_init(&o);
  cr_assert_eq(o.max_rows, KG_DOT_MAX_ROWS);

  DotOut out = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_SUCCESS, "%s", out.messages.text);
  cr_assert_eq(count_of(out.text, "value "), KG_DOT_MAX_ROWS, "%s", out.text);
  cr_assert_not_null(strstr(out.text, "… and 968 more"), "%s", out.text);
  // The first in order: p0's values first
  cr_assert_not_null(strstr(out.text, "value 00000"));
  cr_assert_null(strstr(out.text, "value 00001"), "p1 comes after p0");
  dot_out_free(&out);

  // 0: all of them
  o.max_rows = 0U;
  out        = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_SUCCESS, "%s", out.messages.text);
  cr_assert_eq(count_of(out.text, "value "), 1000U);
  cr_assert_null(strstr(out.text, "more</I>"));
  dot_out_free(&out);

  // Exactly max_rows: no counting row
  o.max_rows = 1000U;
  out        = dot_write(g, NULL, &o);
  cr_assert_eq(count_of(out.text, "value "), 1000U);
  cr_assert_null(strstr(out.text, "more</I>"));
  dot_out_free(&out);

  // One left out: shown instead of a row that counts it
  o.max_rows = 999U;
  out        = dot_write(g, NULL, &o);
  cr_assert_eq(count_of(out.text, "value "), 1000U);
  cr_assert_null(strstr(out.text, "more</I>"));
  dot_out_free(&out);

  o.max_rows = 998U;
  out        = dot_write(g, NULL, &o);
  cr_assert_eq(count_of(out.text, "value "), 998U);
  cr_assert_not_null(strstr(out.text, "… and 2 more"));
  dot_out_free(&out);
  kg_graph_free(g);
}

Test(limits, counts_are_grouped_by_thousands)
{
  KgGraph* const g = literal_grid(1U, 2000U);
  KgDotOptions   o;
  kg_dot_options_init(&o);
  o.max_rows = 1U;
  DotOut out = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_SUCCESS, "%s", out.messages.text);
  cr_assert_not_null(strstr(out.text, "… and 1,999 more"), "%s", out.text);
  dot_out_free(&out);
  kg_graph_free(g);
}

Test(limits, a_picture_of_a_difference_shows_changed_rows_first)
{
  KgGraph* const g       = literal_grid(1U, 100U);
  uint8_t* const changes = (uint8_t*)calloc(kg_graph_size(g), sizeof(uint8_t));
  cr_assert_not_null(changes);
  // Add the last literal of p6 (value 00097): the one row marked added
  const KgTriple* const triples = kg_graph_triples(g);
  size_t                added   = SIZE_MAX;
  for (size_t i = 0U; i < kg_graph_size(g); ++i) {
    const KgTermId o = triples[i].o;
    char*          s = kg_term_to_string(g, o);
    if (s && strstr(s, "value 00097")) {
      added = i;
    }
    kg_free(s);
  }
  cr_assert_neq(added, SIZE_MAX);
  changes[added] = KG_DOT_ADDED;

  KgDotOptions o;
  kg_dot_options_init(&o);
  o.changes  = changes;
  o.max_rows = 3U;
  DotOut out = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_SUCCESS, "%s", out.messages.text);
  cr_assert_not_null(strstr(out.text, "value 00097"), "%s", out.text);
  cr_assert_eq(count_of(out.text, "value "), 3U, "%s", out.text);
  cr_assert_not_null(strstr(out.text, "… and 97 more"), "%s", out.text);
  dot_out_free(&out);
  free(changes);
  kg_graph_free(g);
}

/*
  The size of a picture
*/

Test(limits, size_counts_nodes_edges_and_rows_and_refuses_at_once)
{
  // 700 nodes, 700 edges, 700 tables of 32 rows and a counting row
  KgGraph* const  g = literal_grid(700U, 100U);
  KgDotOptions    o;
  struct timespec start;
  kg_dot_options_init(&o);
  cr_assert_eq(o.max_size, KG_DOT_MAX_SIZE);
  clock_gettime(CLOCK_MONOTONIC, &start);
  DotOut out = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_BAD_LIMIT, "%s", out.messages.text);
  cr_assert_eq(out.len, 0U, "DOT written though refused");
  cr_assert_eq(out.messages.n_errors, 1U, "%s", out.messages.text);
  cr_assert_not_null(strstr(out.messages.text,
                            "700 nodes, 700 edges and 23,100 table rows, "
                            "more than 20,000 together"),
                     "%s",
                     out.messages.text);
  cr_assert_null(strstr(out.messages.text, "--"),
                 "the library names an option: %s",
                 out.messages.text);
  cr_expect_lt(seconds_since(start), 5.0);
  dot_out_free(&out);

  // Fewer rows a node: within the limit
  o.max_rows = 20U;
  out        = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_SUCCESS, "%s", out.messages.text);
  dot_out_free(&out);

  // All rows: counted too
  o.max_rows = 0U;
  o.max_size = 71399U;
  out        = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_BAD_LIMIT);
  cr_assert_not_null(
    strstr(out.messages.text, "70,000 table rows"), "%s", out.messages.text);
  dot_out_free(&out);
  o.max_size = 71400U;
  out        = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_SUCCESS, "%s", out.messages.text);
  dot_out_free(&out);

  // Literals as nodes: each is a node and an edge
  o.literals  = KG_DOT_LITERALS_NODES;
  o.max_size  = 20000U;
  o.max_nodes = 0U;
  out         = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_BAD_LIMIT);
  cr_assert_not_null(
    strstr(out.messages.text, "70,700 nodes, 70,700 edges and 0 table rows"),
    "%s",
    out.messages.text);
  dot_out_free(&out);
  kg_graph_free(g);
}

Test(limits, max_nodes_still_counts_nodes)
{
  KgGraph* const g = literal_grid(10U, 1U);
  KgDotOptions   o;
  kg_dot_options_init(&o);
  cr_assert_eq(o.max_nodes, KG_DOT_MAX_NODES);
  o.max_nodes = 9U;
  DotOut out  = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_BAD_LIMIT);
  cr_assert_not_null(strstr(out.messages.text, "10 nodes, more than 9"),
                     "%s",
                     out.messages.text);
  dot_out_free(&out);
  o.max_nodes = 10U;
  out         = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_SUCCESS, "%s", out.messages.text);
  dot_out_free(&out);
  kg_graph_free(g);
}

/*
  A long chain
*/

/// A chain of `n` + 1 nodes: e0 next e1 next ... en.
static KgGraph*
chain(const size_t n)
{
  KgGraph* const g = kg_graph_new();
  cr_assert_not_null(g);
  const KgTermId next = iri_n(g, "next", 0U);
  KgTermId       prev = iri_n(g, "e", 0U);
  for (size_t i = 1U; i <= n; ++i) {
    const KgTermId e = iri_n(g, "e", i);
    cr_assert_eq(kg_graph_add(g, prev, next, e), KG_SUCCESS);
    prev = e;
  }
  return g;
}

Test(limits, focus_walks_a_300000_chain, .timeout = 120)
{
  KgGraph* const g = chain(300000U);
  KgDotOptions   o;
  kg_dot_options_init(&o);
  o.focus = EX "e0";
  o.depth = 300000U;

  // Refused from the counts
  DotOut out = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_BAD_LIMIT);
  cr_assert_not_null(strstr(out.messages.text, "300,001 nodes, more than"),
                     "%s",
                     out.messages.text);
  dot_out_free(&out);

  // From the far end, backwards, one step short of the head
  o.focus = EX "e300000";
  o.depth = 299999U;
  out     = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_BAD_LIMIT);
  cr_assert_not_null(strstr(out.messages.text, "300,000 nodes, more than"),
                     "%s",
                     out.messages.text);
  dot_out_free(&out);

  // In the middle: drawn, as far as the depth and no further
  o.focus = EX "e150000";
  o.depth = 2U;
  out     = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_SUCCESS, "%s", out.messages.text);
  cr_assert_not_null(strstr(out.text, "limits#e149998\""), "%s", out.text);
  cr_assert_not_null(strstr(out.text, "limits#e150002\""), "%s", out.text);
  cr_assert_null(strstr(out.text, "limits#e149997\""), "%s", out.text);
  cr_assert_null(strstr(out.text, "limits#e150003\""), "%s", out.text);
  dot_out_free(&out);
  kg_graph_free(g);
}

/*
  The command line
*/

/// Write `n_subjects` x `n_literals` as N-Triples in `dir`; return the path.
static const char*
write_grid(const char* const dir,
           const size_t      n_subjects,
           const size_t      n_literals)
{
  const char* const path = path_in(dir, "grid.nt");
  FILE* const       f    = fopen(path, "wb");
  cr_assert_not_null(f);
  for (size_t s = 0U; s < n_subjects; ++s) {
    for (size_t i = 0U; i < n_literals; ++i) {
      fprintf(f, "<" EX "s%zu> <" EX "p%zu> \"value %zu\" .\n", s, i % 7U, i);
    }
  }
  cr_assert_eq(fclose(f), 0);
  return path;
}

Test(limits, render_draws_a_node_of_30000_literals, .timeout = 120)
{
  const char* const dir = tmp_dir();
  char              in[1024];
  snprintf(in, sizeof(in), "%s", write_grid(dir, 3U, 30000U));
  Run r = run("render", in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_empty(r.err);
  cr_assert_not_null(strstr(r.out, "</svg>"));
  cr_assert_eq(count_of(r.out, "and 29,968 more"), 3U);
  run_free(&r);
}

Test(limits, render_and_export_refuse_with_figures_and_hints, .timeout = 120)
{
  const char* const dir = tmp_dir();
  char              in[1024];
  snprintf(in, sizeof(in), "%s", write_grid(dir, 1000U, 100U));
  char out[1024];
  snprintf(out, sizeof(out), "%s", path_in(dir, "big.svg"));

  static const char* const figures =
    "1,000 nodes, 0 edges and 33,000 table rows, more than 20,000 together";
  Run r = run("render", "-o", out, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert_not_null(strstr(r.err, figures), "%s", r.err);
  cr_assert_not_null(strstr(r.err, "kgraph: note: "), "%s", r.err);
  cr_assert_not_null(strstr(r.err, "--focus"), "%s", r.err);
  cr_assert_not_null(strstr(r.err, "--max-size"), "%s", r.err);
  cr_assert_null(strstr(r.err, "-K sfdp"), "%s", r.err);
  cr_assert(!fopen(out, "rb"), "output left behind");
  run_free(&r);

  // -q: the error only
  r = run("render", "-q", "-o", out, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert_not_null(strstr(r.err, figures), "%s", r.err);
  cr_assert_null(strstr(r.err, "note:"), "%s", r.err);
  run_free(&r);

  // The same refusal from export --to dot
  snprintf(out, sizeof(out), "%s", path_in(dir, "big.dot"));
  r = run("export", "--to", "dot", "-o", out, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert_not_null(strstr(r.err, figures), "%s", r.err);
  cr_assert_not_null(strstr(r.err, "--focus"), "%s", r.err);
  cr_assert(!fopen(out, "rb"), "output left behind");
  run_free(&r);

  // Lifted, or fewer rows: written
  r = run("export", "--to", "dot", "--max-size", "0", "-o", out, in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  run_free(&r);
  r = run("export", "--to", "dot", "--max-rows", "10", "-o", out, in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  run_free(&r);

  r = run("render", "--max-rows", "many", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  run_free(&r);
  r = run("render", "--max-size", "-1", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  run_free(&r);
}
