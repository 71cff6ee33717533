// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The DOT golden files of tests/data/dot/golden/ (each NAME.dot.args with
// its NAME.dot), compared by what kgraph decides, not by cgraph's bytes
// (dot_compare.c; KG_UPDATE_EXPECTED=1 rewrites them); and the DOT of the
// DeepSeek graph byte for byte across runs and processes, and across the
// order of the input triples.

#include "dot_compare.h"
#include "dot_support.h"
#include "golden_run.h"
#include "support.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/// The command of the golden file, run from the source root.
#define GOLDEN_ARGS                                         \
  "export", "--to", "dot", "--ontology", "ontology/kg.ttl", \
    "graphs/deepseek-v2.ttl", NULL

static void
to_source_root(void)
{
  const char* const root = getenv("KG_SOURCE_ROOT");
  cr_assert_not_null(root);
  cr_assert_eq(chdir(root), 0, "cannot enter %s", root);
}

/// Return the first line that differs between `a` and `b`, for messages.
static const char*
first_difference(const char* const a, const char* const b)
{
  static char buf[512];
  const char* line = a;
  size_t      i    = 0U;
  unsigned    n    = 1U;
  for (; a[i] && a[i] == b[i]; ++i) {
    if (a[i] == '\n') {
      line = a + i + 1U;
      ++n;
    }
  }
  const char* const end = strchr(line, '\n');
  size_t            len = end ? (size_t)(end - line) : strlen(line);
  len                   = len > 300U ? 300U : len;
  snprintf(buf, sizeof(buf), "line %u: %.*s", n, (int)len, line);
  return buf;
}

Test(golden, every_case_of_the_folder)
{
  golden_run_folder("tests/data/dot/golden", 0, dot_compare, 3U);
}

Test(golden, two_runs_and_two_processes_give_the_same_bytes)
{
  to_source_root();
  Run a = run(GOLDEN_ARGS);
  Run b = run(GOLDEN_ARGS);
  cr_assert_eq(a.status, 0);
  cr_assert_str_eq(a.out, b.out);

  // The program, in processes of their own (each with its own hash seed)
  for (int i = 0; i < 2; ++i) {
    char command[2048];
    snprintf(command,
             sizeof(command),
             "'%s' export --to dot --ontology ontology/kg.ttl "
             "graphs/deepseek-v2.ttl",
             getenv("KG_EXE"));
    FILE* const pipe = popen(command, "r");
    cr_assert_not_null(pipe);
    char*       out = NULL;
    size_t      len = 0U;
    FILE* const mem = open_memstream(&out, &len);
    char        buf[8192];
    for (size_t n = 0U; (n = fread(buf, 1U, sizeof(buf), pipe)) > 0U;) {
      fwrite(buf, 1U, n, mem);
    }
    cr_assert_eq(pclose(pipe), 0);
    fclose(mem);
    cr_assert(!strcmp(out, a.out),
              "process %d differs, at %s",
              i,
              first_difference(a.out, out));
    free(out);
  }
  run_free(&b);
  run_free(&a);
}

/*
  Input order
*/

/// A fixed pseudo-random sequence (xorshift64*).
static uint64_t
next_random(uint64_t* const state)
{
  *state ^= *state >> 12U;
  *state ^= *state << 25U;
  *state ^= *state >> 27U;
  return *state * 2685821657736338717ULL;
}

/// Return the lines of `text` in an order shuffled with `seed`.
static char*
shuffle_lines(const char* const text, const size_t len, uint64_t seed)
{
  size_t n = 0U;
  for (size_t i = 0U; i < len; ++i) {
    n += text[i] == '\n';
  }
  const char** const lines = (const char**)calloc(n + 1U, sizeof(char*));
  cr_assert_not_null(lines);
  size_t k = 0U;
  for (const char* l = text; l < text + len; l = strchr(l, '\n') + 1) {
    lines[k++] = l;
  }
  cr_assert_eq(k, n);

  // Fisher-Yates
  for (size_t i = n; i > 1U; --i) {
    const size_t j   = (size_t)(next_random(&seed) % i);
    const char*  tmp = lines[i - 1U];
    lines[i - 1U]    = lines[j];
    lines[j]         = tmp;
  }

  char* const out = (char*)calloc(len + 1U, 1U);
  cr_assert_not_null(out);
  size_t o = 0U;
  for (size_t i = 0U; i < n; ++i) {
    const size_t l = (size_t)(strchr(lines[i], '\n') - lines[i]) + 1U;
    memcpy(out + o, lines[i], l);
    o += l;
  }
  cr_assert_eq(o, len);
  free(lines);
  return out;
}

/// Read N-Triples from `text`.
static KgGraph*
read_ntriples(const char* const text)
{
  Messages            m    = {{0}, 0U, 0U, 0U};
  const KgReadOptions opts = {KG_SYNTAX_NTRIPLES, NULL, 0U, {capture, &m}};
  KgGraph* const      g    = kg_graph_new();
  cr_assert_eq(kg_graph_read_string(g, kg_sv(text), "in.nt", &opts),
               KG_SUCCESS);
  cr_assert_eq(m.n_errors, 0U, "%s", m.text);
  return g;
}

/// Check that the DOT of `path` does not depend on the order of its
/// triples, with `ontology` (may be NULL).
static void
check_input_order(const char* const path, const KgGraph* const ontology)
{
  Messages            m     = {{0}, 0U, 0U, 0U};
  const KgReadOptions ropts = {KG_SYNTAX_NONE, NULL, 0U, {capture, &m}};
  KgGraph* const      g     = kg_graph_new();
  cr_assert_eq(kg_graph_read_file(g, path, &ropts), KG_SUCCESS, "%s", m.text);

  // As N-Triples, in the writer's order
  char*                nt    = NULL;
  size_t               len   = 0U;
  FILE* const          mem   = open_memstream(&nt, &len);
  const KgWriteOptions wopts = {KG_SYNTAX_NTRIPLES, {NULL, NULL}, 0U, NULL};
  cr_assert_eq(kg_graph_write(g, mem, &wopts), KG_SUCCESS);
  fclose(mem);
  cr_assert_gt(len, 0U);

  KgGraph* const sorted   = read_ntriples(nt);
  DotOut         expected = dot_write(sorted, ontology, NULL);
  cr_assert_eq(expected.status, KG_SUCCESS, "%s", expected.messages.text);

  static const uint64_t seeds[] = {1U, 42U, 20240501U};
  for (size_t s = 0U; s < sizeof(seeds) / sizeof(seeds[0]); ++s) {
    char* const shuffled = shuffle_lines(nt, len, seeds[s]);
    cr_assert(strcmp(shuffled, nt), "seed %zu left the order", s);
    KgGraph* const back = read_ntriples(shuffled);
    DotOut         got  = dot_write(back, ontology, NULL);
    cr_assert_eq(got.status, KG_SUCCESS);
    cr_assert(got.len == expected.len &&
                !memcmp(got.text, expected.text, got.len),
              "%s: the DOT depends on the input order (seed %llu), at %s",
              path,
              (unsigned long long)seeds[s],
              first_difference(expected.text, got.text));
    dot_out_free(&got);
    kg_graph_free(back);
    free(shuffled);
  }

  dot_out_free(&expected);
  kg_graph_free(sorted);
  free(nt);
  kg_graph_free(g);
}

Test(golden, deepseek_v2_whatever_the_input_order)
{
  to_source_root();
  Messages            m     = {{0}, 0U, 0U, 0U};
  const KgReadOptions ropts = {KG_SYNTAX_NONE, NULL, 0U, {capture, &m}};
  KgGraph* const      kg    = kg_graph_new();
  cr_assert_eq(kg_graph_read_file(kg, "ontology/kg.ttl", &ropts), KG_SUCCESS);
  check_input_order("graphs/deepseek-v2.ttl", kg);
  kg_graph_free(kg);
}

Test(golden, blank_nodes_whatever_the_input_order)
{
  check_input_order(dot_data("blanks.ttl"), NULL);
}

Test(golden, hostile_whatever_the_input_order)
{
  check_input_order(dot_data("hostile.ttl"), NULL);
}
