// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "cli.h"

#include <kgraph/kgraph.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char* const help =
  "Usage: kgraph check [OPTION]... INPUT...\n"
  "Check every INPUT against the ontology: the classes and properties that\n"
  "the --ontology files and the inputs themselves define.\n"
  "\n"
  "Errors: terms of the ontology's namespaces that it does not define,\n"
  "classes used as properties and the reverse, domain and range violations\n"
  "(with subclass reasoning), literals invalid for their XSD datatype, and\n"
  "functional properties with several values.  Warnings: entities with no\n"
  "label, references to entities of the graph that nothing describes, and\n"
  "claims (rdf:Statement) without one subject, predicate and object, with\n"
  "no prov:hadPrimarySource, asserted as kg:ArticleJudgement but resting on\n"
  "another source than their text, or disagreeing on kg:assertedBy or\n"
  "kg:certainty with another claim on the same statement.\n"
  "\n"
  "Options:\n"
  "      --ontology=FILE    read the ontology from FILE (repeatable); its\n"
  "                         triples define terms and are not checked\n"
  "      --format=FORMAT    text (default: FILE:LINE:COL: LEVEL: MESSAGE)\n"
  "                         or json\n"
  "      --werror           make warnings fail the check too\n" KG_INPUT_HELP
    KG_COMMON_HELP "\n"
  "Exit status: 0 clean (warnings allowed without --werror), 1 violations\n"
  "found, 2 usage, 3 input, 4 output, 5 internal.\n";

typedef struct {
  KgInputOptions in;
  bool           json;
  bool           werror;
} CheckOptions;

typedef struct {
  FILE*  out;
  bool   json;
  size_t n_shown;
} Printer;

static int
handle(KgCli* const cli, void* const data, const int c, char* const arg)
{
  CheckOptions* const opts = (CheckOptions*)data;
  const int           r    = kg_cli_input_option(cli, &opts->in, c, arg);
  if (r >= 0) {
    return r;
  }

  switch (c) {
  case 'f':
    if (!strcmp(arg, "json")) {
      opts->json = true;
    } else if (!strcmp(arg, "text")) {
      opts->json = false;
    } else {
      return kg_cli_usage(cli, "unknown format '%s' (known: text, json)", arg);
    }
    return 0;
  case 'W':
    opts->werror = true;
    return 0;
  default:
    break;
  }
  return kg_cli_usage(cli, "unexpected option");
}

static KgStatus
print_diagnostic(void* const handle, const KgDiagnostic* const d)
{
  Printer* const    p     = (Printer*)handle;
  const char* const level = kg_log_level_name(d->level);
  const char* const kind  = kg_check_kind_name(d->kind);
  const char* const doc   = d->caret.document ? d->caret.document : "-";

  if (p->json) {
    fputs(p->n_shown ? ",\n    {" : "\n    {", p->out);
    fputs("\"file\": ", p->out);
    kg_cli_print_json_string(p->out, kg_sv(doc));
    fprintf(
      p->out,
      ", \"line\": %u, \"column\": %u, \"level\": \"%s\", \"check\": \"%s\", "
      "\"message\": ",
      d->caret.line,
      d->caret.column,
      level,
      kind);
    kg_cli_print_json_string(p->out, d->message);
    fputc('}', p->out);
  } else {
    // The file's name and the message may hold controls: escaped
    (void)kg_print_for_people(p->out, kg_sv(doc));
    fprintf(p->out, ":%u:%u: %s: ", d->caret.line, d->caret.column, level);
    (void)kg_print_for_people(p->out, d->message);
    fprintf(p->out, " [%s]\n", kind);
  }

  ++p->n_shown;
  return KG_SUCCESS;
}

int
kg_cmd_check(KgCli* const cli, const int argc, char** const argv)
{
  static const struct option long_opts[] = {
    KG_INPUT_LONG_OPTIONS,
    KG_ONTOLOGY_LONG_OPTION,
    {"format", required_argument, NULL, 'f'},
    {"werror", no_argument, NULL, 'W'},
    KG_COMMON_LONG_OPTIONS,
  };

  CheckOptions opts;
  memset(&opts, 0, sizeof(opts));
  int       first = 0;
  const int r     = kg_cli_parse(
    cli, argc, argv, ":hq", long_opts, help, &opts, handle, 1, &first);
  if (r >= 0) {
    return r;
  }

  // The ontology first: the triples read before the inputs are trusted
  KgGraph* graph = NULL;
  KgStatus st    = kg_cli_load(
    cli, opts.in.ontologies, opts.in.n_ontologies, &opts.in, &graph);
  const size_t first_triple = graph ? kg_graph_size(graph) : 0U;
  if (!st) {
    st = kg_cli_read(cli, graph, argv + first, argc - first, &opts.in);
  }

  KgCheckCounts counts = {0U, 0U};
  if (!st) {
    Printer              printer = {cli->out, opts.json, 0U};
    const KgCheckOptions copts   = {
        first_triple, print_diagnostic, &printer, cli->log};
    if (opts.json) {
      fputs("{\n  \"diagnostics\": [", cli->out);
    }

    kg_cli_doing(cli, "checking the graph");
    st = kg_graph_check(graph, &copts, &counts);
    if (st == KG_BAD_ALLOC) {
      kg_cli_oom(cli, st);
    } else if (st) {
      // Reported to the log
    } else if (opts.json) {
      fprintf(cli->out,
              "%s],\n  \"errors\": %zu,\n  \"warnings\": %zu\n}\n",
              printer.n_shown ? "\n  " : "",
              counts.n_errors,
              counts.n_warnings);
    }

    errno = 0;
    if (!st && (fflush(cli->out) || ferror(cli->out))) {
      kg_cli_error(cli,
                   "cannot write standard output: %s",
                   errno ? strerror(errno) : "write error");
      st = KG_BAD_WRITE;
    }
  }

  kg_graph_free(graph);
  if (st) {
    return kg_cli_exit_status(st);
  }

  if (!cli->quiet && (counts.n_errors || counts.n_warnings)) {
    fprintf(cli->err,
            "kgraph: %zu error%s, %zu warning%s\n",
            counts.n_errors,
            counts.n_errors == 1U ? "" : "s",
            counts.n_warnings,
            counts.n_warnings == 1U ? "" : "s");
  }

  return (counts.n_errors || (opts.werror && counts.n_warnings))
           ? KG_EXIT_FOUND
           : KG_EXIT_SUCCESS;
}
