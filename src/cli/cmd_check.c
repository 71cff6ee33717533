// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "check_shapes.h"
#include "cli.h"

#include <kgraph/kgraph.h>

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char* const help =
  "Usage: kgraph check [OPTION]... INPUT...\n"
  "Check every INPUT against the ontology: the classes and properties that\n"
  "the --ontology files and the inputs themselves define; with --shapes,\n"
  "validate them against SHACL Core shapes.\n"
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
  "With --shapes, the data graph (the --ontology files and the inputs) is\n"
  "validated against the shapes of SHACL Core, and the checks above run only\n"
  "if --ontology is given too.  Each result is an error (sh:Violation), a\n"
  "warning (sh:Warning) or a note (sh:Info), at the triple that reaches the\n"
  "value, else at the focus node's first statement, else at the shape.\n"
  "\n"
  "Options:\n"
  "      --ontology=FILE    read the ontology from FILE (repeatable); its\n"
  "                         triples define terms and are not checked\n"
  "      --shapes=FILE      validate against the SHACL shapes of FILE\n"
  "                         (repeatable: one shapes graph)\n"
  "      --format=FORMAT    text (default: FILE:LINE:COL: LEVEL: MESSAGE),\n"
  "                         json, or turtle (with --shapes: the SHACL\n"
  "                         validation report, sh:ValidationReport)\n"
  "      --werror           make warnings fail the check too\n" KG_INPUT_HELP
    KG_COMMON_HELP "\n"
  "Exit status: 0 clean (warnings allowed without --werror), 1 violations\n"
  "found, 2 usage, 3 input (a malformed shapes graph too), 4 output,\n"
  "5 internal.\n";

typedef struct {
  KgInputOptions in;
  KgCheckFormat  format;
  bool           werror;
  char*          shapes[KG_MAX_SHAPES]; ///< --shapes files
  int            n_shapes;
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
      opts->format = KG_CHECK_FORMAT_JSON;
    } else if (!strcmp(arg, "text")) {
      opts->format = KG_CHECK_FORMAT_TEXT;
    } else if (!strcmp(arg, "turtle")) {
      opts->format = KG_CHECK_FORMAT_TURTLE;
    } else {
      return kg_cli_usage(
        cli, "unknown format '%s' (known: text, json, turtle)", arg);
    }
    return 0;
  case 'S':
    if (opts->n_shapes == KG_MAX_SHAPES) {
      return kg_cli_usage(
        cli, "too many --shapes files (at most %d)", KG_MAX_SHAPES);
    }
    opts->shapes[opts->n_shapes++] = arg;
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
    if (kg_print_for_people(p->out, kg_sv(doc))) {
      // A failed write sets the stream's error flag: checked at the end
    }
    fprintf(p->out, ":%u:%u: %s: ", d->caret.line, d->caret.column, level);
    if (kg_print_for_people(p->out, d->message)) {
      // A failed write sets the stream's error flag: checked at the end
    }
    fprintf(p->out, " [%s]\n", kind);
  }

  ++p->n_shown;
  return KG_SUCCESS;
}

/// Run the checks on `graph` and print what they find: the ontology's
/// (unless there are shapes and no ontology), then the shapes'.
static KgStatus
run_checks(const KgCli* const         cli,
           const CheckOptions* const  opts,
           KgGraph* const             graph,
           const size_t               first_triple,
           const KgCheckShapes* const shapes,
           KgCheckCounts* const       counts,
           KgShCounts* const          sh_counts)
{
  const bool json = opts->format == KG_CHECK_FORMAT_JSON;
  // Beside a Turtle report, the ontology's diagnostics go to standard error
  Printer printer = {
    opts->format == KG_CHECK_FORMAT_TURTLE ? cli->err : cli->out, json, 0U};
  KgStatus st = KG_SUCCESS;
  if (json) {
    fputs("{\n  \"diagnostics\": [", cli->out);
  }

  if (!opts->n_shapes || opts->in.n_ontologies) {
    const KgCheckOptions copts = {
      first_triple, print_diagnostic, &printer, cli->log};
    kg_cli_doing(cli, "checking the graph");
    st = kg_cli_oom(cli, kg_graph_check(graph, &copts, counts));
  }
  if (!st && json) {
    fputs(printer.n_shown ? "\n  ],\n" : "],\n", cli->out);
  }

  if (!st && opts->n_shapes) {
    st = kg_check_shapes_run(cli, shapes, graph, opts->format, sh_counts);
  }

  if (!st && json) {
    fprintf(cli->out,
            "  \"errors\": %zu,\n  \"warnings\": %zu",
            counts->n_errors + sh_counts->n_violations,
            counts->n_warnings + sh_counts->n_warnings + shapes->n_warnings);
    if (opts->n_shapes) {
      fprintf(cli->out, ",\n  \"notes\": %zu", sh_counts->n_infos);
    }
    fputs("\n}\n", cli->out);
  }

  return st ? st : kg_cli_flush(cli);
}

static const struct option long_opts[] = {
  KG_INPUT_LONG_OPTIONS,
  KG_ONTOLOGY_LONG_OPTION,
  {"shapes", required_argument, NULL, 'S'},
  {"format", required_argument, NULL, 'f'},
  {"werror", no_argument, NULL, 'W'},
  KG_COMMON_LONG_OPTIONS,
};

static int
run(KgCli* const cli, void* const data, const int n_args, char** const args)
{
  CheckOptions* const opts = (CheckOptions*)data;
  if (opts->format == KG_CHECK_FORMAT_TURTLE && !opts->n_shapes) {
    return kg_cli_usage(
      cli, "--format turtle writes a SHACL report: it needs --shapes");
  }

  // The shapes first: a malformed shapes graph stops before the data is read
  KgCheckShapes shapes = {NULL, NULL, 0U};
  KgStatus      st     = KG_SUCCESS;
  if (opts->n_shapes) {
    st = kg_check_shapes_load(
      cli, opts->shapes, opts->n_shapes, &opts->in, &shapes);
  }

  // The ontology next: the triples read before the inputs are trusted
  KgGraph* graph        = NULL;
  size_t   first_triple = 0U;
  if (!st) {
    st = kg_cli_load(
      cli, opts->in.ontologies, opts->in.n_ontologies, &opts->in, &graph);
    first_triple = graph ? kg_graph_size(graph) : 0U;
  }
  if (!st) {
    st = kg_cli_read(cli, graph, args, n_args, &opts->in);
  }

  KgCheckCounts counts    = {0U, 0U};
  KgShCounts    sh_counts = {0U, 0U, 0U};
  if (!st) {
    st =
      run_checks(cli, opts, graph, first_triple, &shapes, &counts, &sh_counts);
  }

  kg_graph_free(graph);
  kg_check_shapes_free(&shapes);
  if (st) {
    return kg_cli_exit_status(st);
  }

  const size_t n_errors = counts.n_errors + sh_counts.n_violations;
  const size_t n_warnings =
    counts.n_warnings + sh_counts.n_warnings + shapes.n_warnings;
  const size_t n_notes = sh_counts.n_infos;
  if (!cli->quiet && (n_errors || n_warnings || n_notes)) {
    fprintf(cli->err,
            "kgraph: %zu error%s, %zu warning%s",
            n_errors,
            n_errors == 1U ? "" : "s",
            n_warnings,
            n_warnings == 1U ? "" : "s");
    if (n_notes) {
      fprintf(cli->err, ", %zu note%s", n_notes, n_notes == 1U ? "" : "s");
    }
    fputc('\n', cli->err);
  }

  return (n_errors || (opts->werror && n_warnings)) ? KG_EXIT_FOUND
                                                    : KG_EXIT_SUCCESS;
}

const KgCommand kg_cmd_check = KG_COMMAND("check",
                                          "check INPUT against the ontology",
                                          ":hq",
                                          1,
                                          CheckOptions,
                                          NULL,
                                          false);
