// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "cli.h"

#include <kgraph/kgraph.h>

#include <getopt.h>
#include <stddef.h>
#include <string.h>

static const char* const help =
  "Usage: kgraph export [OPTION]... INPUT...\n"
  "Read every INPUT into one graph and write it in another syntax.\n"
  "The same graph always gives the same bytes.\n"
  "\n"
  "Options:\n" KG_INPUT_HELP "      --to=FORMAT        output syntax: @WRITE@\n"
  "                         (default: from the -o file's extension, else\n"
  "                         ntriples)\n"
  "  -o, --output=FILE      write to FILE instead of standard output;\n"
  "                         on failure FILE is left as it was\n"
  "      --ontology=FILE    take prefixes and the class hierarchy from FILE\n"
  "                         (repeatable; its triples are not written)\n"
  "      --plain            RDF/XML: one flat rdf:Description per subject,\n"
  "                         blank nodes by rdf:nodeID, no typed "
  "elements\n"
  "      --schema           DOT: draw INPUT as an ontology (classes,\n"
  "                         subclasses, properties from domain to "
  "range)\n" KG_COMMON_HELP "\n"
  "RDF/XML is abbreviated: typed node elements, blank nodes used once\n"
  "nested, lists of resources as rdf:parseType=\"Collection\".  What it\n"
  "cannot express (a predicate with no XML QName, a character XML 1.0\n"
  "cannot carry) stops the export with exit status 3.\n"
  "INPUT '-' means standard input (with --from).\n"
  "\n" KG_EXIT_HELP;

typedef struct {
  KgDrawOptions draw;
  KgSyntax      to;
  bool          plain;
} ExportOptions;

static int
handle(KgCli* const cli, void* const data, const int c, char* const arg)
{
  ExportOptions* const opts = (ExportOptions*)data;
  const int            r    = kg_cli_draw_option(cli, &opts->draw, c, arg);
  if (r >= 0) {
    return r;
  }

  switch (c) {
  case 'T':
    return kg_cli_to_option(cli, KG_SYNTAXES_WRITTEN, arg, &opts->to);
  case 'P':
    opts->plain = true;
    return 0;
  default:
    break;
  }
  return kg_cli_usage(cli, "unexpected option");
}

static const struct option long_opts[] = {
  KG_DRAW_LONG_OPTIONS,
  {"to", required_argument, NULL, 'T'},
  {"plain", no_argument, NULL, 'P'},
  KG_COMMON_LONG_OPTIONS,
};

static int
run(KgCli* const cli, void* const data, const int n_args, char** const args)
{
  ExportOptions* const opts = (ExportOptions*)data;

  KgSyntax  to = opts->to;
  const int u =
    kg_cli_output_syntax(cli, KG_SYNTAXES_WRITTEN, opts->draw.output, &to);
  if (u >= 0) {
    return u;
  }
  const bool guessed = !to; // Neither --to nor a file's extension
  to                 = to ? to : KG_SYNTAX_NTRIPLES;

  if (opts->plain && to != KG_SYNTAX_RDFXML) {
    return kg_cli_usage(cli, "--plain is for RDF/XML (--to rdfxml)");
  }
  const int u_schema = kg_cli_schema_whole(cli, &opts->draw);
  if (u_schema >= 0) {
    return u_schema;
  }
  if (opts->draw.schema && to != KG_SYNTAX_DOT) {
    return kg_cli_usage(cli, "--schema is for DOT (--to dot)");
  }
  if (opts->draw.dot.any && to != KG_SYNTAX_DOT) {
    return kg_cli_usage(cli, "picture options are for DOT (--to dot)");
  }

  // The ontology in a graph of its own: it guides the writer, and is not
  // written
  KgGraph* ontology = NULL;
  KgGraph* style    = NULL;
  KgGraph* graph    = NULL;
  KgStatus st =
    kg_cli_load_guides(cli, &opts->draw.in, &opts->draw.dot, &ontology, &style);
  if (!st) {
    st = kg_cli_load(cli, args, n_args, &opts->draw.in, &graph);
  }
  if (!st && guessed && kg_graph_has_names(graph)) {
    to = KG_SYNTAX_NQUADS; // N-Triples cannot hold the graph names
  }

  if (!st) {
    kg_cli_doing(cli, "writing %s", kg_syntax_label(to));
    KgOutputFile output;
    if (!(st = kg_output_open(cli, &output, opts->draw.output))) {
      const KgWriteOptions wopts = {to,
                                    cli->log,
                                    opts->plain ? (KgWriteFlags)KG_WRITE_PLAIN
                                                : 0U,
                                    ontology};
      // Until the first byte is written (then "writing")
      kg_progress_phase(cli->progress,
                        to == KG_SYNTAX_DOT ? "building the picture"
                                            : "sorting",
                        NULL,
                        false,
                        0U,
                        NULL,
                        kg_graph_size(graph));
      st = kg_output_close(
        cli,
        &output,
        to == KG_SYNTAX_DOT && opts->draw.schema
          ? kg_graph_write_schema_dot(
              graph, output.file, &wopts, &opts->draw.dot.dot)
        : to == KG_SYNTAX_DOT
          ? kg_graph_write_dot(graph, output.file, &wopts, &opts->draw.dot.dot)
          : kg_graph_write(graph, output.file, &wopts));
      if (to == KG_SYNTAX_DOT) {
        kg_cli_dot_hint(cli, st, false);
      }
    }
  }

  kg_graph_free(graph);
  kg_graph_free(style);
  kg_graph_free(ontology);
  return kg_cli_exit_status(st);
}

const KgCommand kg_cmd_export = KG_COMMAND("export",
                                           "write INPUT as @WRITE_LABELS@",
                                           ":ho:q",
                                           1,
                                           ExportOptions,
                                           kg_cli_draw_init,
                                           false);
