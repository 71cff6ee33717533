// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "cli.h"

#include <kgraph/kgraph.h>

#include <getopt.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

static const char* const help =
  "Usage: kgraph render [OPTION]... INPUT...\n"
  "  or:  kgraph render --diff [OPTION]... OLD NEW\n"
  "Read every INPUT into one graph and draw it as SVG, PNG or PDF, laid\n"
  "out by Graphviz in this process, or as an interactive HTML page.  With "
  "--diff, draw what changed from\n"
  "graph OLD to graph NEW: added triples green, removed ones red and\n"
  "dashed, and the unchanged ones around them grey.\n"
  "\n"
  "Options:\n" KG_INPUT_HELP
  "  -T FORMAT              svg, png, pdf or html (default: from the -o\n"
  "                         file's extension, else svg); html is one\n"
  "                         self-contained page: the picture with pan and\n"
  "                         zoom, search, and every entity's statements\n"
  "  -K ENGINE              dot, fdp, sfdp or neato (default: dot up to\n"
  "                         1,000 nodes and edges together, sfdp above, or\n"
  "                         fdp with --cluster-by; dot is refused past\n"
  "                         3,000, fdp past 6,000); only dot and fdp draw\n"
  "                         clusters\n"
  "  -o, --output=FILE      write to FILE instead of standard output;\n"
  "                         on failure FILE is left as it was\n"
  "      --ontology=FILE    take the class hierarchy and labels of FILE\n"
  "                         (repeatable; its triples are not "
  "drawn)\n"
  "      --diff             draw the difference of two graphs, OLD "
  "NEW\n"
  "      --schema           draw INPUT as an ontology: classes, subclasses,\n"
  "                         properties from domain to range\n" KG_DOT_HELP
    KG_COMMON_HELP "\n"
  "Nodes are styled by their most specific class (--style), labelled in\n"
  "--lang, with their literals in a table; symmetric and inverse properties\n"
  "are drawn once.  A fact that a claim describes (rdf:Statement) takes\n"
  "the look of its status: dashed inferred or the article's own judgement,\n"
  "dotted estimated, a circle for what the subject says of itself.  The\n"
  "legend names every look (classes, properties, statuses), laid out on\n"
  "its own and set beside or below the picture.  SVG fits its window;\n"
  "nodes link to their IRIs and show their literals on hover.\n"
  "\n"
  "A kgraph built without Graphviz draws nothing: it says so and exits\n"
  "with status 2.\n"
  "\n"
  "Exit status: 0 ok, 2 usage (or no pictures in this build), 3 input (or\n"
  "a picture too big: then draw part of it with --focus), 4 output,\n"
  "5 internal.\n";

typedef struct {
  KgDrawOptions draw;
  const char*   format;
  const char*   engine;
  bool          diff;
} RenderOptions;

static const char*
format_of(const char* const name)
{
  static const char* const formats[] = {"svg", "png", "pdf", "html"};
  for (size_t i = 0U; name && i < sizeof(formats) / sizeof(formats[0]); ++i) {
    if (!strcasecmp(name, formats[i])) {
      return formats[i];
    }
  }
  return NULL;
}

static int
handle(KgCli* const cli, void* const data, const int c, char* const arg)
{
  RenderOptions* const opts = (RenderOptions*)data;
  const int            r    = kg_cli_draw_option(cli, &opts->draw, c, arg);
  if (r >= 0) {
    return r;
  }

  switch (c) {
  case 'T':
    if (!(opts->format = format_of(arg))) {
      return kg_cli_usage(
        cli, "unknown picture format '%s' (known: svg, png, pdf, html)", arg);
    }
    return 0;
  case 'K':
    if (strcmp(arg, "dot") && strcmp(arg, "fdp") && strcmp(arg, "sfdp") &&
        strcmp(arg, "neato")) {
      return kg_cli_usage(
        cli, "unknown layout engine '%s' (known: dot, fdp, sfdp, neato)", arg);
    }
    opts->engine = arg;
    return 0;
  case 'D':
    opts->diff = true;
    return 0;
  default:
    break;
  }
  return kg_cli_usage(cli, "unexpected option");
}

static const struct option long_opts[] = {
  KG_DRAW_LONG_OPTIONS,
  {"diff", no_argument, NULL, 'D'},
  KG_COMMON_LONG_OPTIONS,
};

static int
run(KgCli* const cli, void* const data, const int n_args, char** const args)
{
  RenderOptions* const opts = (RenderOptions*)data;

  const char* format = opts->format;
  if (!format && opts->draw.output && strcmp(opts->draw.output, "-")) {
    const char* const dot = strrchr(opts->draw.output, '.');
    if (!(format = format_of(dot ? dot + 1 : NULL))) {
      return kg_cli_usage(cli,
                          "cannot tell the picture format of '%s' (use -T)",
                          opts->draw.output);
    }
  }
  format = format ? format : "svg";
  if (opts->diff && n_args != 2) {
    return kg_cli_usage(cli, "--diff takes two graphs, OLD and NEW");
  }
  const int u_schema = kg_cli_schema_whole(cli, &opts->draw);
  if (u_schema >= 0) {
    return u_schema;
  }
  if (opts->draw.schema && !strcmp(format, "html")) {
    return kg_cli_usage(cli, "--schema draws no HTML view (use svg)");
  }
  if (opts->draw.dot.dot.cluster_by && opts->engine &&
      strcmp(opts->engine, "dot") && strcmp(opts->engine, "fdp")) {
    return kg_cli_usage(cli,
                        "engine '%s' cannot draw clusters (--cluster-by): "
                        "use -K dot or -K fdp",
                        opts->engine);
  }
  if (opts->diff && opts->draw.schema) {
    return kg_cli_usage(cli, "--schema draws one ontology, not a --diff");
  }

  KgGraph* ontology = NULL;
  KgGraph* graph    = NULL;
  KgGraph* style    = NULL;
  KgStatus st =
    kg_cli_load_guides(cli, &opts->draw.in, &opts->draw.dot, &ontology, &style);
  KgGraph* graphs[2] = {NULL, NULL};
  KgDiff*  diff      = NULL;
  uint8_t* changes   = NULL;
  if (!st && opts->diff) {
    st = kg_cli_diff(cli, &opts->draw.in, args, NULL, 0U, graphs, &diff);
    kg_cli_doing(cli, "drawing the differences");
    if (!st) {
      st = kg_cli_oom(cli, kg_diff_picture(diff, &graph, &changes));
    }
    opts->draw.dot.dot.changes = changes;
  } else if (!st) {
    st = kg_cli_load(cli, args, n_args, &opts->draw.in, &graph);
  }

  if (!st) {
    kg_cli_doing(cli, "drawing the picture");
    KgOutputFile output;
    if (!(st = kg_output_open(cli, &output, opts->draw.output))) {
      const KgWriteOptions      wopts = {KG_SYNTAX_DOT, cli->log, 0U, ontology};
      const KgDotOptions* const dot   = &opts->draw.dot.dot;
      if (opts->draw.schema) {
        st = kg_graph_render_schema(
          graph, output.file, format, opts->engine, &wopts, dot);
      } else if (!strcmp(format, "html")) {
        st =
          kg_graph_render_html(graph, output.file, opts->engine, &wopts, dot);
      } else {
        st = kg_graph_render(
          graph, output.file, format, opts->engine, &wopts, dot);
      }
      st = kg_output_close(cli, &output, st);
      // sfdp is no way out for clusters
      kg_cli_dot_hint(cli,
                      st,
                      opts->engine && !strcmp(opts->engine, "dot") &&
                        !opts->draw.dot.dot.cluster_by);
    }
  }

  kg_free(changes);
  kg_diff_free(diff);
  kg_graph_free(graphs[1]);
  kg_graph_free(graphs[0]);
  kg_graph_free(graph);
  kg_graph_free(style);
  kg_graph_free(ontology);
  return kg_cli_exit_status(st);
}

const KgCommand kg_cmd_render = KG_COMMAND("render",
                                           "draw INPUT as SVG, PNG or PDF",
                                           ":hqo:T:K:",
                                           1,
                                           RenderOptions,
                                           kg_cli_draw_init,
                                           true);
