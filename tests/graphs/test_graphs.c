// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Every shipped graph and ontology reads without a message, and survives a
// round trip through each writer unchanged.

#include "messages.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char*
write_graph(const KgGraph* const g, const KgSyntax syntax, size_t* const len)
{
  char*                buf  = NULL;
  FILE* const          out  = open_memstream(&buf, len);
  const KgWriteOptions opts = {syntax, {NULL, NULL}, 0U, NULL};
  cr_assert_eq(kg_graph_write(g, out, &opts), KG_SUCCESS);
  fclose(out);
  return buf;
}

static void
check_file(const char* const path)
{
  Messages            m    = {{0}, 0U, 0U, 0U};
  const KgReadOptions opts = {KG_SYNTAX_NONE, NULL, 0U, {capture, &m}};
  KgGraph* const      g    = kg_graph_new();
  cr_assert_eq(kg_graph_read_file(g, path, &opts), KG_SUCCESS, "%s", m.text);
  cr_assert_eq(m.n_errors + m.n_warnings, 0U, "%s", m.text);
  cr_assert_gt(kg_graph_size(g), 0U, "%s is empty", path);

  for (KgSyntax s = KG_SYNTAX_TURTLE; s <= KG_SYNTAX_NTRIPLES; ++s) {
    size_t      len  = 0U;
    char* const text = write_graph(g, s, &len);

    // Deterministic: a second write gives the same bytes
    size_t      len2  = 0U;
    char* const text2 = write_graph(g, s, &len2);
    cr_assert(
      len == len2 && !memcmp(text, text2, len), "%s: two writes differ", path);

    KgGraph* const      back  = kg_graph_new();
    const KgReadOptions again = {s, "http://example.org/", 0U, {capture, &m}};
    const KgStringView  view  = {text, len};
    cr_assert_eq(kg_graph_read_string(back, view, path, &again),
                 KG_SUCCESS,
                 "%s",
                 m.text);
    cr_assert(kg_graph_is_isomorphic(g, back, NULL),
              "%s changes through %s",
              path,
              kg_syntax_name(s));
    kg_graph_free(back);
    free(text2);
    free(text);
  }
  kg_graph_free(g);
}

static unsigned
check_dir(const char* const name)
{
  char dir[1024];
  snprintf(dir, sizeof(dir), "%s/%s", getenv("KG_SOURCE_ROOT"), name);
  DIR* const d = opendir(dir);
  cr_assert_not_null(d, "cannot open %s", dir);

  unsigned       n = 0U;
  struct dirent* e = NULL;
  while ((e = readdir(d))) {
    char path[2048];
    snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
    if (e->d_name[0] != '.' && kg_syntax_by_path(path)) {
      check_file(path);
      ++n;
    }
  }
  closedir(d);
  return n;
}

Test(graphs, shipped_graphs_round_trip)
{
  cr_assert_geq(check_dir("graphs"), 2U);
}

Test(graphs, ontology_round_trips)
{
  cr_assert_geq(check_dir("ontology"), 1U);
}
