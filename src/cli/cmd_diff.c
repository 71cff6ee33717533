// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "cli.h"
#include "git_diff.h"

#include <kgraph/kgraph.h>

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char* const help =
  "Usage: kgraph diff [OPTION]... OLD NEW\n"
  "Show the triples of graph OLD that NEW lacks (-) and those of NEW that\n"
  "OLD lacks (+).  OLD and NEW may be in any syntax; blank nodes are matched\n"
  "up to renaming, so reordering, reformatting and relabelling are no\n"
  "difference, and a blank node with one edited value shows as one changed\n"
  "triple.  /dev/null is an empty graph.\n"
  "\n"
  "With seven operands, kgraph diff is git's external diff\n"
  "(GIT_EXTERNAL_DIFF, or diff.NAME.command): PATH OLD-FILE OLD-HEX\n"
  "OLD-MODE NEW-FILE NEW-HEX NEW-MODE, and NEW-PATH XFRM-INFO for a\n"
  "rename.  Each file then starts with 'diff --kgraph a/PATH b/PATH', a\n"
  "file that is not a graph kgraph can read is shown as a text diff, and\n"
  "the exit status is 0 when they differ, so that git goes on.\n"
  "\n"
  "Options:\n" KG_INPUT_HELP
  "      --format=FORMAT    text (the default: - and + lines of N-Triples,\n"
  "                         grouped by subject, under its label), patch\n"
  "                         (RDF Patch, which applied to OLD gives NEW),\n"
  "                         summary (counts by predicate and class), or dot\n"
  "                         (a picture of what changed, for Graphviz;\n"
  "                         kgraph render --diff draws it)\n"
  "  -o, --output=FILE      write to FILE (default: standard output)\n"
  "      --max-work=N       search at most N steps for an isomorphism of\n"
  "                         symmetric blank node structures, then fail\n"
  "                         (exit 3; default 100M, and more for big graphs)\n"
  "      --ontology=FILE    with --format=dot: labels and classes\n" KG_DOT_HELP
  "  -q, --quiet            print nothing: only the exit status tells\n"
  "  -h, --help             display this help and exit\n"
  "\n"
  "Exit status: 0 the graphs are the same, 1 they differ, 2 usage, 3 input,\n"
  "4 output, 5 internal.\n";

typedef enum { FORMAT_TEXT, FORMAT_PATCH, FORMAT_SUMMARY, FORMAT_DOT } Format;

typedef struct {
  KgInputOptions in;
  KgDotCli       dot;
  Format         format;
  const char*    output;
  uint64_t       max_work;
} DiffOptions;

static int
handle(KgCli* const cli, void* const data, const int c, char* const arg)
{
  DiffOptions* const opts = (DiffOptions*)data;
  int                r    = kg_cli_input_option(cli, &opts->in, c, arg);
  if (r >= 0 || (r = kg_cli_dot_option(cli, &opts->dot, c, arg)) >= 0) {
    return r;
  }

  static const char* const names[] = {"text", "patch", "summary", "dot"};
  long long                n       = 0;
  switch (c) {
  case 'f':
    for (size_t i = 0U; i < sizeof(names) / sizeof(names[0]); ++i) {
      if (!strcmp(arg, names[i])) {
        opts->format = (Format)i;
        return 0;
      }
    }
    return kg_cli_usage(
      cli, "unknown diff format '%s' (known: text, patch, summary, dot)", arg);
  case 'o':
    opts->output = arg;
    return 0;
  case 'W':
    if ((n = kg_cli_parse_number(arg, INT64_MAX)) < 1) {
      return kg_cli_usage(cli, "--max-work needs a positive number");
    }
    opts->max_work = (uint64_t)n;
    return 0;
  default:
    break;
  }
  return kg_cli_usage(cli, "unexpected option");
}

/// Write the difference, as `format` asks.
static KgStatus
write_diff(const KgDiff* const      diff,
           const DiffOptions* const opts,
           const KgGraph* const     ontology,
           const KgLog              log,
           FILE* const              out)
{
  if (opts->format != FORMAT_DOT) {
    const KgWriteOptions wopts = {KG_SYNTAX_NTRIPLES, log, 0U, ontology};
    return kg_diff_write(diff,
                         opts->format == FORMAT_PATCH     ? KG_DIFF_PATCH
                         : opts->format == FORMAT_SUMMARY ? KG_DIFF_SUMMARY
                                                          : KG_DIFF_TEXT,
                         out,
                         &wopts,
                         NULL);
  }

  KgGraph* graph   = NULL;
  uint8_t* changes = NULL;
  KgStatus st      = kg_diff_picture(diff, &graph, &changes);
  if (!st) {
    const KgWriteOptions wopts = {KG_SYNTAX_DOT, log, 0U, ontology};
    KgDotOptions         dot   = opts->dot.dot;
    dot.changes                = changes;
    st                         = kg_graph_write_dot(graph, out, &wopts, &dot);
  }
  kg_free(changes);
  kg_graph_free(graph);
  return st;
}

int
kg_cmd_diff(KgCli* const cli, const int argc, char** const argv)
{
  static const struct option long_opts[] = {
    KG_INPUT_LONG_OPTIONS,
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"max-work", required_argument, NULL, 'W'},
    KG_ONTOLOGY_LONG_OPTION,
    KG_DOT_LONG_OPTIONS,
    KG_COMMON_LONG_OPTIONS,
  };

  DiffOptions opts;
  memset(&opts, 0, sizeof(opts));
  kg_cli_dot_init(&opts.dot);
  int       first = 0;
  const int r     = kg_cli_parse(
    cli, argc, argv, ":ho:q", long_opts, help, &opts, handle, 0, &first);
  if (r >= 0) {
    return r;
  }

  // OLD NEW, or what git passes (git_diff.c)
  KgDiffOperands operands;
  const int      u =
    kg_git_diff_operands(cli, argc - first, argv + first, &operands);
  if (u >= 0) {
    return u;
  }
  char** const      paths = operands.files;
  const char* const hint  = operands.paths[1];
  if (opts.dot.any && opts.format != FORMAT_DOT) {
    return kg_cli_usage(cli, "picture options are for --format=dot");
  }

  KgGraph* ontology  = NULL;
  KgGraph* style     = NULL;
  KgGraph* graphs[2] = {NULL, NULL};
  KgDiff*  diff      = NULL;
  KgStatus st =
    opts.in.n_ontologies
      ? kg_cli_load(
          cli, opts.in.ontologies, opts.in.n_ontologies, &opts.in, &ontology)
      : KG_SUCCESS;
  st = st ? st : kg_cli_dot_style(cli, &opts.dot, &opts.in, &style);
  // Under git, what is not a graph kgraph can read is shown as text
  bool text = false;
  if (!st && operands.git && !kg_git_diff_is_rdf(&operands, opts.in.from)) {
    kg_git_diff_note(cli, &operands, "kgraph cannot tell its syntax");
    text = true;
  } else if (!st) {
    st = kg_cli_diff(cli, &opts.in, paths, hint, opts.max_work, graphs, &diff);
    if (st && operands.git) {
      kg_git_diff_note(cli, &operands, kg_strerror(st));
      st   = KG_SUCCESS;
      text = true;
    }
  }

  bool differ = text;
  if (!st && !text) {
    size_t n_removed = 0U;
    size_t n_added   = 0U;
    kg_diff_removed(diff, &n_removed);
    kg_diff_added(diff, &n_added);
    differ = n_removed || n_added;
  }

  if (!st && (differ || opts.output) && !cli->quiet) {
    kg_cli_doing(cli, "writing the differences");
    KgOutputFile output;
    if (!(st = kg_output_open(cli, &output, opts.output))) {
      if (text) {
        st = kg_git_diff_text(cli, &operands, output.file, &differ);
      } else if (!(st = kg_git_diff_header(&operands, output.file))) {
        st = write_diff(diff, &opts, ontology, cli->log, output.file);
      }
      st = kg_output_close(cli, &output, st);
    }
  }

  kg_diff_free(diff);
  kg_graph_free(graphs[1]);
  kg_graph_free(graphs[0]);
  kg_graph_free(style);
  kg_graph_free(ontology);
  // git stops at an external diff that exits non-zero
  return st ? kg_cli_exit_status(st) : differ && !operands.external ? 1 : 0;
}
