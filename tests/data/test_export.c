// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Golden files: each input of tests/data/export/ written in each syntax
// must give the expected bytes.  KG_UPDATE_EXPECTED=1 rewrites them, to be
// reviewed in git diff like code.

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// An output to compare: the suffix of its expected file and how to write.
typedef struct {
  const char*  suffix;
  KgSyntax     syntax;
  KgWriteFlags flags;
} Output;

static const Output outputs[] = {
  {".nt", KG_SYNTAX_NTRIPLES, 0U},
  {".out.ttl", KG_SYNTAX_TURTLE, 0U},
  {".rdf", KG_SYNTAX_RDFXML, 0U},
  {".plain.rdf", KG_SYNTAX_RDFXML, KG_WRITE_PLAIN},
};

static const char* const stems[] = {"awkward", "deep", "prefixes", "types"};

#define N_OUTPUTS (sizeof(outputs) / sizeof(outputs[0]))
#define N_STEMS (sizeof(stems) / sizeof(stems[0]))

static char*
read_all(const char* const path)
{
  FILE* const f = fopen(path, "rb");
  if (!f) {
    return NULL;
  }
  fseek(f, 0, SEEK_END);
  const long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  char* const text = (char*)calloc((size_t)len + 1U, 1U);
  cr_assert_eq(fread(text, 1U, (size_t)len, f), (size_t)len);
  fclose(f);
  return text;
}

ParameterizedTestParameters(export, golden)
{
  static size_t cases[N_STEMS * N_OUTPUTS];
  for (size_t i = 0U; i < N_STEMS * N_OUTPUTS; ++i) {
    cases[i] = i;
  }
  return cr_make_param_array(size_t, cases, N_STEMS * N_OUTPUTS);
}

ParameterizedTest(size_t* const index, export, golden)
{
  const char* const   stem   = stems[*index / N_OUTPUTS];
  const Output* const output = &outputs[*index % N_OUTPUTS];
  const char* const   dir    = getenv("KG_TEST_DATA");

  char input[1024];
  char expected_path[1024];
  snprintf(input, sizeof(input), "%s/export/%s.ttl", dir, stem);
  snprintf(expected_path,
           sizeof(expected_path),
           "%s/export/%s%s",
           dir,
           stem,
           output->suffix);

  KgGraph* const      g    = kg_graph_new();
  const KgReadOptions ropt = {
    KG_SYNTAX_TURTLE, "http://example.org/base/", 0U, {NULL, NULL}};
  cr_assert_eq(kg_graph_read_file(g, input, &ropt), KG_SUCCESS, "%s", input);

  char*                got  = NULL;
  size_t               len  = 0U;
  FILE* const          out  = open_memstream(&got, &len);
  const KgWriteOptions wopt = {
    output->syntax, {NULL, NULL}, output->flags, NULL};
  cr_assert_eq(kg_graph_write(g, out, &wopt), KG_SUCCESS);
  fclose(out);

  const char* const update = getenv("KG_UPDATE_EXPECTED");
  if (update && !strcmp(update, "1")) {
    FILE* const f = fopen(expected_path, "wb");
    cr_assert_not_null(f);
    fwrite(got, 1U, len, f);
    fclose(f);
  }

  char* const expected = read_all(expected_path);
  cr_assert_not_null(
    expected, "missing %s (KG_UPDATE_EXPECTED=1 makes it)", expected_path);
  cr_assert_str_eq(got, expected, "%s differs from %s", stem, expected_path);
  free(expected);
  free(got);
  kg_graph_free(g);
}
