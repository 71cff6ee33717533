// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "cli.h"

#include <kgraph/kgraph.h>

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char* const help =
  "Usage: kgraph patch [OPTION]... OLD PATCH\n"
  "Apply the RDF Patch PATCH to the graph OLD and write the result.\n"
  "`kgraph diff OLD NEW --format patch | kgraph patch OLD -` gives a graph\n"
  "isomorphic to NEW.\n"
  "\n"
  "PATCH is the text format of RDF Patch: A and D rows (a triple or a quad:\n"
  "N-Triples terms, or prefixed names after PA), PA and PD (add or remove a\n"
  "prefix of the output), transactions TX ... TC (applied) or TA (dropped),\n"
  "and H headers (ignored).  A blank node _:x is the node of OLD that\n"
  "kgraph diff --format patch calls _:x; another label is a new node.\n"
  "An A of a triple already in the graph does nothing; a D of a triple\n"
  "that is not there is an error (exit 3), or with --lax a warning.\n"
  "\n"
  "Options:\n" KG_INPUT_HELP
  "                         (with --lax, a D of a missing triple is a\n"
  "                         warning too)\n"
  "      --to=FORMAT        output syntax: @READ_WRITE@\n"
  "                         (default: from the -o file's extension, else\n"
  "                         the syntax of OLD)\n"
  "  -o, --output=FILE      write to FILE instead of standard output;\n"
  "                         on failure FILE is left as it was\n"
  "      --ontology=FILE    take prefixes from FILE "
  "(repeatable)\n" KG_COMMON_HELP "\n"
  "OLD or PATCH (not both) may be '-', standard input (OLD then needs\n"
  "--from).  OLD /dev/null is an empty graph.\n"
  "\n" KG_EXIT_HELP;

typedef struct {
  KgInputOptions in;
  KgSyntax       to;
  const char*    output;
} PatchOptions;

static int
handle(KgCli* const cli, void* const data, const int c, char* const arg)
{
  PatchOptions* const opts = (PatchOptions*)data;
  const int           r    = kg_cli_input_option(cli, &opts->in, c, arg);
  if (r >= 0) {
    return r;
  }

  switch (c) {
  case 'T':
    return kg_cli_to_option(cli, KG_SYNTAXES_READ_WRITTEN, arg, &opts->to);
  case 'o':
    opts->output = arg;
    return 0;
  default:
    break;
  }
  return kg_cli_usage(cli, "unexpected option");
}

/// Read the patch at `path` ("-": standard input) and apply it to `graph`.
static KgStatus
apply_patch(const KgCli* const cli,
            KgGraph* const     graph,
            const char* const  path,
            const bool         lax)
{
  const bool  is_stdin = !strcmp(path, "-");
  FILE* const file     = is_stdin ? stdin : fopen(path, "rb");
  if (!file) {
    kg_cli_error(cli, "cannot open '%s': %s", path, strerror(errno));
    return KG_BAD_READ;
  }
  kg_cli_doing(cli, "applying '%s'", path);
  const KgPatchOptions options = {lax ? (KgPatchFlags)KG_PATCH_LAX : 0U,
                                  cli->log};
  const KgStatus st = kg_graph_patch_stream(
    graph, file, is_stdin ? "<stdin>" : path, &options, NULL);
  if (!is_stdin) {
    fclose(file);
  }
  return kg_cli_oom(cli, st);
}

static const struct option long_opts[] = {
  KG_INPUT_LONG_OPTIONS,
  {"to", required_argument, NULL, 'T'},
  {"output", required_argument, NULL, 'o'},
  KG_ONTOLOGY_LONG_OPTION,
  KG_COMMON_LONG_OPTIONS,
};

static int
run(KgCli* const cli, void* const data, const int n_args, char** const args)
{
  PatchOptions* const opts = (PatchOptions*)data;
  if (n_args != 2) {
    return kg_cli_usage(cli, "patch takes two operands, OLD and PATCH");
  }
  char* const old   = args[0];
  char* const patch = args[1];

  // The output's syntax: --to, else -o's extension, else OLD's
  KgSyntax  to = opts->to;
  const int u =
    kg_cli_output_syntax(cli, KG_SYNTAXES_READ_WRITTEN, opts->output, &to);
  if (u >= 0) {
    return u;
  }
  const bool guessed = !to;
  to = to ? to : opts->in.from ? opts->in.from : kg_syntax_by_path(old);
  to = kg_syntax_can_write(to) ? to : KG_SYNTAX_NTRIPLES;

  KgGraph* ontology = NULL;
  KgGraph* graph    = NULL;
  KgStatus st       = kg_cli_load_ontology(cli, &opts->in, &ontology);
  if (!st && !strcmp(old, "/dev/null")) {
    // As for diff: the side of a file that git adds
    st = (graph = kg_graph_new()) ? KG_SUCCESS : kg_cli_oom(cli, KG_BAD_ALLOC);
  } else if (!st) {
    st = kg_cli_load(cli, &old, 1, &opts->in, &graph);
  }
  if (!st) {
    st = apply_patch(cli, graph, patch, opts->in.lax);
  }
  if (!st && guessed && kg_graph_has_names(graph) && to != KG_SYNTAX_NQUADS) {
    to = KG_SYNTAX_NQUADS; // The patch added quads: only N-Quads holds them
  }

  if (!st) {
    kg_cli_doing(cli, "writing %s", kg_syntax_name(to));
    KgOutputFile output;
    if (!(st = kg_output_open(cli, &output, opts->output))) {
      const KgWriteOptions wopts = {to, cli->log, 0U, ontology};
      st                         = kg_output_close(
        cli, &output, kg_graph_write(graph, output.file, &wopts));
    }
  }

  kg_graph_free(graph);
  kg_graph_free(ontology);
  return kg_cli_exit_status(kg_cli_oom(cli, st));
}

const KgCommand kg_cmd_patch = KG_COMMAND("patch",
                                          "apply an RDF Patch to a graph",
                                          ":ho:q",
                                          2,
                                          PatchOptions,
                                          NULL,
                                          false);
