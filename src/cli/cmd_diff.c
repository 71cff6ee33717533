// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "cli.h"
#include "git_diff.h"

#include <kgraph/kgraph.h>

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char* const help =
  "Usage: kgraph diff [OPTION]... OLD NEW\n"
  "Show what changed from graph OLD to graph NEW, entity by entity: the\n"
  "entities changed, added and removed, each by its label and prefixed\n"
  "name, with its removed (-) and added (+) statements.  OLD and NEW may be\n"
  "in any syntax; blank nodes are matched up to renaming, so reordering,\n"
  "reformatting and relabelling are no difference, and a blank node with\n"
  "one edited value shows as one changed value, inside the entity that\n"
  "refers to it.  /dev/null is an empty graph.\n"
  "\n"
  "With seven operands, kgraph diff is git's external diff\n"
  "(GIT_EXTERNAL_DIFF, or diff.NAME.command): PATH OLD-FILE OLD-HEX\n"
  "OLD-MODE NEW-FILE NEW-HEX NEW-MODE, and NEW-PATH XFRM-INFO for a\n"
  "rename.  Each file then starts with 'diff --kgraph a/PATH b/PATH', a\n"
  "file that is not a graph kgraph can read is shown as a text diff, and\n"
  "the exit status is 0 when they differ, so that git goes on.\n"
  "\n"
  "Options:\n" KG_INPUT_HELP
  "      --format=FORMAT    text (the default: by entity, changed, added\n"
  "                         and removed, with labels and prefixed names),\n"
  "                         ntriples (- and + lines of N-Triples, by\n"
  "                         subject), summary (counts by predicate and\n"
  "                         class, then one line per entity), markdown,\n"
  "                         html, json (reports), patch (RDF Patch, which\n"
  "                         applied to OLD gives NEW), or dot (a picture of\n"
  "                         what changed, for Graphviz; kgraph render\n"
  "                         --diff draws it; not in a kgraph built\n"
  "                         without Graphviz)\n"
  "      --color[=WHEN]     colour the text and summary: auto (the\n"
  "                         default: when standard output is a terminal\n"
  "                         and NO_COLOR is unset or empty), always, never\n"
  "      --only=WHAT        show only the entities added, removed or\n"
  "                         changed (repeatable, or a comma list)\n"
  "  -o, --output=FILE      write to FILE (default: standard output)\n"
  "      --max-work=N       search at most N steps for an isomorphism of\n"
  "                         symmetric blank node structures, then fail\n"
  "                         (exit 3; default 100M, and more for big graphs)\n"
  "      --ontology=FILE    prefixes, classes and labels\n" KG_DOT_HELP
  "  --lang, --focus, --depth and --exclude serve every format; the other\n"
  "  picture options --format=dot only.\n"
  "  -q, --quiet            print nothing: only the exit status tells\n"
  "  -h, --help             display this help and exit\n"
  "\n"
  "Exit status: 0 the graphs are the same, 1 they differ, 2 usage, 3 input,\n"
  "4 output, 5 internal.\n";

typedef enum {
  FORMAT_TEXT,
  FORMAT_NTRIPLES,
  FORMAT_SUMMARY,
  FORMAT_MARKDOWN,
  FORMAT_HTML,
  FORMAT_JSON,
  FORMAT_PATCH,
  FORMAT_DOT,
} Format;

typedef enum { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } Color;

typedef struct {
  KgInputOptions in;
  KgDotCli       dot;
  Format         format;
  const char*    output;
  uint64_t       max_work;
  Color          color;
  unsigned       show;    ///< KgDiffShow bits of --only
  bool           picture; ///< An option for pictures only was given
} DiffOptions;

/// Add the sections of `arg` (a comma list) to `show`.
static int
parse_only(KgCli* const cli, unsigned* const show, const char* const arg)
{
  static const char* const names[] = {"changed", "added", "removed"};
  const char*              p       = arg;
  do {
    const char* const end = strchr(p, ',');
    const size_t      len = end ? (size_t)(end - p) : strlen(p);
    bool              ok  = false;
    for (unsigned i = 0U; i < 3U && !ok; ++i) {
      if (len == strlen(names[i]) && !strncmp(p, names[i], len)) {
        *show |= 1U << i;
        ok = true;
      }
    }
    if (!ok) {
      return kg_cli_usage(
        cli, "--only takes added, removed or changed, not '%s'", arg);
    }
    p = end ? end + 1 : NULL;
  } while (p);
  return 0;
}

static int
handle(KgCli* const cli, void* const data, const int c, char* const arg)
{
  DiffOptions* const opts = (DiffOptions*)data;
  int                r    = kg_cli_input_option(cli, &opts->in, c, arg);
  if (r >= 0) {
    return r;
  }
  if ((r = kg_cli_dot_option(cli, &opts->dot, c, arg)) >= 0) {
    // --lang, --focus, --depth and --exclude serve every format
    opts->picture =
      opts->picture || (c != 1000 && c != 1003 && c != 1004 && c != 1006);
    return r;
  }

  static const char* const names[] = {
    "text", "ntriples", "summary", "markdown", "html", "json", "patch", "dot"};
  switch (c) {
  case 'f':
    for (size_t i = 0U; i < sizeof(names) / sizeof(names[0]); ++i) {
      if (!strcmp(arg, names[i])) {
        opts->format = (Format)i;
        return 0;
      }
    }
    return kg_cli_usage(cli,
                        "unknown diff format '%s' (known: text, ntriples, "
                        "summary, markdown, html, json, patch, dot)",
                        arg);
  case 'C':
    if (!arg || !strcmp(arg, "always")) {
      opts->color = COLOR_ALWAYS;
    } else if (!strcmp(arg, "never")) {
      opts->color = COLOR_NEVER;
    } else if (!strcmp(arg, "auto")) {
      opts->color = COLOR_AUTO;
    } else {
      return kg_cli_usage(
        cli, "--color takes auto, always or never, not '%s'", arg);
    }
    return 0;
  case 'Y':
    return parse_only(cli, &opts->show, arg);
  case 'o':
    opts->output = arg;
    return 0;
  case 'W':
    return kg_cli_max_work_option(cli, arg, &opts->max_work);
  default:
    break;
  }
  return kg_cli_usage(cli, "unexpected option");
}

/// Write the difference, as `format` asks.
static KgStatus
write_diff(const KgDiff* const      diff,
           const DiffOptions* const opts,
           const char* const        names[2],
           const bool               color,
           const KgGraph* const     ontology,
           const KgLog              log,
           FILE* const              out)
{
  if (opts->format != FORMAT_DOT) {
    static const KgDiffFormat formats[] = {KG_DIFF_TEXT,
                                           KG_DIFF_NTRIPLES,
                                           KG_DIFF_SUMMARY,
                                           KG_DIFF_MARKDOWN,
                                           KG_DIFF_HTML,
                                           KG_DIFF_JSON,
                                           KG_DIFF_PATCH};
    const KgDiffView          view      = {
                    opts->dot.dot.lang,
                    color,
                    opts->dot.dot.focus,
                    opts->dot.dot.depth,
                    opts->dot.exclude,
                    opts->dot.dot.n_exclude,
                    opts->show,
                    names[0],
                    names[1],
    };
    const KgWriteOptions wopts = {KG_SYNTAX_NTRIPLES, log, 0U, ontology};
    return kg_diff_write(diff, formats[opts->format], out, &wopts, &view);
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

static const struct option long_opts[] = {
  KG_INPUT_LONG_OPTIONS,
  {"format", required_argument, NULL, 'f'},
  {"output", required_argument, NULL, 'o'},
  {"max-work", required_argument, NULL, 'W'},
  {"color", optional_argument, NULL, 'C'},
  {"only", required_argument, NULL, 'Y'},
  KG_ONTOLOGY_LONG_OPTION,
  KG_DOT_LONG_OPTIONS,
  KG_COMMON_LONG_OPTIONS,
};

static void
init(void* const data)
{
  DiffOptions* const opts = (DiffOptions*)data;
  kg_cli_dot_init(&opts->dot);
}

static int
run(KgCli* const cli, void* const data, const int n_args, char** const args)
{
  DiffOptions* const opts = (DiffOptions*)data;

  // OLD NEW, or what git passes (git_diff.c)
  KgDiffOperands operands;
  const int      u = kg_git_diff_operands(cli, n_args, args, &operands);
  if (u >= 0) {
    return u;
  }
  char** const      paths = operands.files;
  const char* const hint  = operands.paths[1];
  if (opts->picture && opts->format != FORMAT_DOT) {
    return kg_cli_usage(cli, "picture options are for --format=dot");
  }
  int u_dot = -1;
  if (opts->format == FORMAT_DOT && (u_dot = kg_cli_no_pictures(cli)) >= 0) {
    return u_dot;
  }

  KgGraph* ontology  = NULL;
  KgGraph* style     = NULL;
  KgGraph* graphs[2] = {NULL, NULL};
  KgDiff*  diff      = NULL;
  KgStatus st =
    kg_cli_load_guides(cli, &opts->in, &opts->dot, &ontology, &style);
  // Under git, what is not a graph kgraph can read is shown as text
  bool text = false;
  if (!st && operands.git && !kg_git_diff_is_rdf(&operands, opts->in.from)) {
    kg_git_diff_note(cli, &operands, "kgraph cannot tell its syntax");
    text = true;
  } else if (!st) {
    st =
      kg_cli_diff(cli, &opts->in, paths, hint, opts->max_work, graphs, &diff);
    kg_cli_work_hint(cli, st);
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

  if (!st && (differ || opts->output) && !cli->quiet) {
    kg_cli_doing(cli, "writing the differences");
    KgOutputFile output;
    // Colour only on a terminal (not into -o FILE), unless NO_COLOR
    const char* const no_color = getenv("NO_COLOR");
    const bool        color =
      opts->color == COLOR_ALWAYS ||
      (opts->color == COLOR_AUTO && !opts->output &&
       cli->progress->terminal.out_is_terminal && (!no_color || !*no_color));
    if (!(st = kg_output_open(cli, &output, opts->output))) {
      if (text) {
        st = kg_git_diff_text(cli, &operands, output.file, &differ);
      } else if (!(st = kg_git_diff_header(&operands, output.file))) {
        // Named by their paths in the repository, not git's temporary files
        const char* const names[2] = {
          operands.paths[0] ? operands.paths[0] : paths[0],
          operands.paths[1] ? operands.paths[1] : paths[1]};
        st =
          write_diff(diff, opts, names, color, ontology, cli->log, output.file);
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

const KgCommand kg_cmd_diff =
  KG_COMMAND("diff",
             "show what changed between two graphs, by entity",
             ":ho:q",
             0,
             DiffOptions,
             init,
             false);
