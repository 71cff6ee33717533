// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Golden files: each Turtle input of tests/data/export/ (NAME.ttl, not
// NAME.out.ttl) written in each syntax must give the bytes of its expected
// files beside it: NAME.nt, NAME.out.ttl, NAME.rdf and NAME.plain.rdf.  The
// cases are the files of the folder (docs/testing.md): a new input with its
// expected files is a new case; KG_UPDATE_EXPECTED=1 writes them, to be
// reviewed in git diff like code.

#include "golden.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <stdbool.h>
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

#define N_OUTPUTS (sizeof(outputs) / sizeof(outputs[0]))

/// Return the length of the stem of `name` if it is an expected output (the
/// longest suffix of an output wins: NAME.plain.rdf is not NAME.plain's
/// .rdf), else 0.
static size_t
output_stem(const char* const name)
{
  size_t stem = 0U;
  size_t best = 0U;
  for (size_t i = 0U; i < N_OUTPUTS; ++i) {
    const size_t len = strlen(outputs[i].suffix);
    if (len > best && golden_ends_with(name, outputs[i].suffix)) {
      best = len;
      stem = strlen(name) - len;
    }
  }
  return stem;
}

/// Return true iff `name` is an input: NAME.ttl, and not an expected
/// output.
static bool
is_input(const char* const name)
{
  return golden_ends_with(name, ".ttl") && !output_stem(name);
}

/// Write the input `name` of `dir` in each syntax and check each output.
static void
check_input(GoldenReport* const report,
            const char* const   dir,
            const char* const   name)
{
  char input[1024];
  golden_path(input, sizeof(input), "%s/%s", dir, name);
  const int stem_len = (int)(strlen(name) - strlen(".ttl"));

  KgGraph* const      g    = kg_graph_new();
  const KgReadOptions ropt = {
    KG_SYNTAX_TURTLE, "http://example.org/base/", 0U, {NULL, NULL}};
  const KgStatus st = kg_graph_read_file(g, input, &ropt);
  if (st) {
    golden_fail(report, "%s: cannot read it (%s)", input, kg_strerror(st));
    kg_graph_free(g);
    return;
  }

  for (size_t i = 0U; i < N_OUTPUTS; ++i) {
    const Output* const output = &outputs[i];
    char                expected_path[1024];
    char                case_name[1024];
    golden_path(expected_path,
                sizeof(expected_path),
                "%s/%.*s%s",
                dir,
                stem_len,
                name,
                output->suffix);
    golden_path(case_name,
                sizeof(case_name),
                "%s as %s%s",
                name,
                kg_syntax_name(output->syntax),
                output->flags ? " (plain)" : "");

    char*                got  = NULL;
    size_t               len  = 0U;
    FILE* const          out  = open_memstream(&got, &len);
    const KgWriteOptions wopt = {
      output->syntax, {NULL, NULL}, output->flags, NULL};
    const KgStatus wst = kg_graph_write(g, out, &wopt);
    fclose(out);
    if (wst) {
      golden_fail(report, "%s: cannot write (%s)", case_name, kg_strerror(wst));
    } else {
      golden_check(report, case_name, expected_path, got, len, NULL);
    }
    free(got);
  }
  kg_graph_free(g);
}

Test(export, golden)
{
  char dir[1024];
  golden_path(dir, sizeof(dir), "%s/export", getenv("KG_TEST_DATA"));

  GoldenReport report;
  golden_report_init(&report);
  GoldenNames names = golden_list(dir, "");
  for (size_t i = 0U; i < names.n; ++i) {
    const char* const name = names.names[i];
    const size_t      stem = output_stem(name);
    if (is_input(name)) {
      check_input(&report, dir, name);
    } else if (!stem) {
      golden_fail(&report,
                  "%s/%s: neither an input (NAME.ttl) nor an expected output",
                  dir,
                  name);
    } else {
      // An expected output of no input: stale
      char input[1024];
      golden_path(input, sizeof(input), "%s/%.*s.ttl", dir, (int)stem, name);
      if (!golden_exists(input)) {
        golden_fail(&report,
                    "%s/%s: an expected output with no input '%.*s.ttl'; "
                    "remove it, or add its input",
                    dir,
                    name,
                    (int)stem,
                    name);
      }
    }
  }
  golden_names_free(&names);
  golden_report_end(&report, "outputs of tests/data/export", 4U * N_OUTPUTS);
}
