// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph check --shapes: each result printed as the compilers print a
// mistake (text), as a member of check's JSON, or collected into the
// standard sh:ValidationReport (Turtle) that SHACL tools read.

#include "check_shapes.h"

#include "cli.h"

#include <kgraph/kgraph.h>
#include <kgraph/shacl.h>
#include <kgraph/shacl_report.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

/// Where results go while validating.
typedef struct {
  const KgCli*   cli;
  const KgGraph* shapes; ///< The shapes graph
  const KgGraph* data;   ///< The data graph
  KgCheckFormat  format;
  KgShReport*    report; ///< The Turtle report, or NULL
  size_t         n_shown;
} Printer;

/// Where the messages about the shapes go: to the program's log, counting
/// the warnings (they fail the check with --werror).
typedef struct {
  const KgCli*   cli;
  KgCheckShapes* shapes;
} ShapesLog;

static KgStatus
log_shapes(void* const        handle,
           const KgLogLevel   level,
           const KgCaret      caret,
           const KgStringView msg)
{
  ShapesLog* const l = (ShapesLog*)handle;
  l->shapes->n_warnings += level == KG_LOG_WARNING ? 1U : 0U;
  return l->cli->log.func
           ? l->cli->log.func(l->cli->log.handle, level, caret, msg)
           : KG_SUCCESS;
}

KgStatus
kg_check_shapes_load(const KgCli* const          cli,
                     char* const* const          paths,
                     const int                   n_paths,
                     const KgInputOptions* const in,
                     KgCheckShapes* const        shapes)
{
  shapes->graph      = NULL;
  shapes->shapes     = NULL;
  shapes->n_warnings = 0U;

  KgStatus st = KG_SUCCESS;
  KG_TRY(st, kg_cli_load(cli, paths, n_paths, in, &shapes->graph));

  kg_cli_doing(cli, "reading the shapes");
  ShapesLog   l   = {cli, shapes};
  const KgLog log = {log_shapes, &l};
  st              = kg_shapes_new(shapes->graph, log, &shapes->shapes);
  return kg_cli_oom(cli, st);
}

void
kg_check_shapes_free(KgCheckShapes* const shapes)
{
  kg_shapes_free(shapes->shapes);
  kg_graph_free(shapes->graph);
  shapes->shapes = NULL;
  shapes->graph  = NULL;
}

/// Return the message for people: the first in English or with no
/// language, else the first.
static const KgShMessage*
message_for_people(const KgShResult* const result)
{
  for (size_t i = 0U; i < result->n_messages; ++i) {
    const KgStringView lang = result->messages[i].lang;
    if (!lang.len || (lang.len >= 2U && !strncmp(lang.data, "en", 2U) &&
                      (lang.len == 2U || lang.data[2] == '-'))) {
      return &result->messages[i];
    }
  }
  return result->n_messages ? &result->messages[0] : NULL;
}

/// Return what a result's caret points at, for JSON.
static const char*
where_name(const KgShWhere where)
{
  switch (where) {
  case KG_SH_AT_VALUE:
    return "value";
  case KG_SH_AT_FOCUS:
    return "focus";
  case KG_SH_AT_SHAPE:
    return "shape";
  }
  return "value";
}

/// Return what a text line says of where its caret points, when it is not
/// at the value's triple.
static const char*
where_note(const KgShWhere where)
{
  switch (where) {
  case KG_SH_AT_VALUE:
    return "";
  case KG_SH_AT_FOCUS:
    return " (at the focus node's first statement)";
  case KG_SH_AT_SHAPE:
    return " (the focus node has no statement: at the shape)";
  }
  return "";
}

static void
print_text(const Printer* const p, const KgShResult* const r)
{
  FILE* const              out = p->cli->out;
  const char* const        doc = r->caret.document ? r->caret.document : "-";
  const KgShMessage* const m   = message_for_people(r);

  // Names and messages come from the files: controls escaped
  if (kg_print_for_people(out, kg_sv(doc))) {
    // A failed write sets the stream's error flag: checked at the end
  }
  fprintf(out,
          ":%u:%u: %s: ",
          r->caret.line,
          r->caret.column,
          kg_log_level_name(r->level));
  if (kg_print_for_people(out, r->shape_name)) {
    // A failed write sets the stream's error flag: checked at the end
  }
  fputs(": ", out);
  if (kg_print_for_people(out, m ? m->text : KG_SV("constraint not met"))) {
    // A failed write sets the stream's error flag: checked at the end
  }
  fprintf(out,
          "%s [sh:%s]\n",
          where_note(r->where),
          kg_sh_component_name(r->component));
}

/// Print `text` (a string to kg_free(), or NULL: out of memory) as a JSON
/// string, or null if `id` is no term.
static KgStatus
print_json_term(FILE* const out, char* const text, const KgTermId id)
{
  if (!id) {
    fputs("null", out);
    return KG_SUCCESS;
  }
  if (!text) {
    return KG_BAD_ALLOC;
  }
  kg_cli_print_json_string(out, kg_sv(text));
  kg_free(text);
  return KG_SUCCESS;
}

static KgStatus
print_json(const Printer* const p, const KgShResult* const r)
{
  FILE* const       out = p->cli->out;
  const char* const doc = r->caret.document ? r->caret.document : "-";
  KgStatus          st  = KG_SUCCESS;

  fputs(p->n_shown ? ",\n    {\"file\": " : "\n    {\"file\": ", out);
  kg_cli_print_json_string(out, kg_sv(doc));
  fprintf(out,
          ", \"line\": %u, \"column\": %u, \"where\": \"%s\", "
          "\"level\": \"%s\", \"severity\": ",
          r->caret.line,
          r->caret.column,
          where_name(r->where),
          kg_log_level_name(r->level));
  kg_cli_print_json_string(out, kg_term_text(p->shapes, r->severity));
  fprintf(out,
          ", \"component\": \"" KG_SH_NS "%s\", \"focus\": ",
          kg_sh_component_name(r->component));
  KG_TRY(
    st,
    print_json_term(out, kg_sh_term_to_string(p->data, r->focus), r->focus));
  fputs(", \"path\": ", out);
  KG_TRY(
    st,
    print_json_term(
      out, r->path ? kg_sh_path_to_string(p->shapes, r->path) : NULL, r->path));
  fputs(", \"value\": ", out);
  KG_TRY(
    st,
    print_json_term(out,
                    r->value ? kg_sh_term_to_string(p->data, r->value) : NULL,
                    r->value));
  fputs(", \"shape\": ", out);
  KG_TRY(
    st,
    print_json_term(out, kg_sh_term_to_string(p->shapes, r->shape), r->shape));
  fputs(", \"shape_name\": ", out);
  kg_cli_print_json_string(out, r->shape_name);
  fputs(", \"messages\": [", out);
  for (size_t i = 0U; i < r->n_messages; ++i) {
    fputs(i ? ", {\"text\": " : "{\"text\": ", out);
    kg_cli_print_json_string(out, r->messages[i].text);
    fputs(", \"lang\": ", out);
    kg_cli_print_json_string(out, r->messages[i].lang);
    fputc('}', out);
  }
  fputs("]}", out);
  return st;
}

static KgStatus
print_result(void* const handle, const KgShResult* const result)
{
  Printer* const p  = (Printer*)handle;
  KgStatus       st = KG_SUCCESS;
  switch (p->format) {
  case KG_CHECK_FORMAT_TEXT:
    print_text(p, result);
    break;
  case KG_CHECK_FORMAT_JSON:
    st = print_json(p, result);
    break;
  case KG_CHECK_FORMAT_TURTLE:
    st = kg_sh_report_add(p->report, result);
    break;
  }
  ++p->n_shown;
  return st;
}

KgStatus
kg_check_shapes_run(const KgCli* const         cli,
                    const KgCheckShapes* const shapes,
                    KgGraph* const             data,
                    const KgCheckFormat        format,
                    KgShCounts* const          counts)
{
  Printer p = {cli, shapes->graph, data, format, NULL, 0U};
  if (format == KG_CHECK_FORMAT_TURTLE &&
      !(p.report = kg_sh_report_new(shapes->graph, data))) {
    return kg_cli_oom(cli, KG_BAD_ALLOC);
  }

  if (format == KG_CHECK_FORMAT_JSON) {
    fputs("  \"results\": [", cli->out);
  }

  kg_cli_doing(cli, "validating the graph against the shapes");
  const KgShOptions options = {print_result, &p, cli->log};
  KgStatus   st = kg_shapes_validate(shapes->shapes, data, &options, counts);
  const bool conforms =
    !counts->n_violations && !counts->n_warnings && !counts->n_infos;

  if (!st && format == KG_CHECK_FORMAT_JSON) {
    fprintf(cli->out,
            "%s],\n  \"conforms\": %s,\n",
            p.n_shown ? "\n  " : "",
            conforms ? "true" : "false");
  } else if (!st && format == KG_CHECK_FORMAT_TURTLE) {
    kg_cli_doing(cli, "writing the report");
    errno = 0;
    st    = kg_sh_report_write(p.report, cli->out, cli->log);
    if (st == KG_BAD_WRITE) {
      kg_cli_error(cli,
                   "cannot write standard output: %s",
                   errno ? strerror(errno) : "write error");
    }
  }

  kg_sh_report_free(p.report);
  return kg_cli_oom(cli, st);
}
