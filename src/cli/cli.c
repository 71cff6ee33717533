// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#define _GNU_SOURCE // fopencookie()

#include "cli.h"

#include <kgraph/kgraph.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

static const KgCommand* const commands[] = {
  &kg_cmd_export,
  &kg_cmd_check,
  &kg_cmd_stats,
  &kg_cmd_render,
  &kg_cmd_diff,
  &kg_cmd_patch,
  &kg_cmd_canon,
  &kg_cmd_push,
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static bool
in_list_kind(const KgSyntax syntax, const KgSyntaxSet kind)
{
  return (kind == KG_SYNTAXES_WRITTEN || kg_syntax_can_read(syntax)) &&
         (kind == KG_SYNTAXES_READ || kg_syntax_can_write(syntax));
}

/// If `syntax` is DOT, an output syntax of `kind`, and pictures are not
/// built in, say so.  @return -1 to go on, or the exit status.
static int
output_pictures(const KgCli* const cli,
                const KgSyntax     syntax,
                const KgSyntaxSet  kind)
{
  return (kind == KG_SYNTAXES_WRITTEN && syntax == KG_SYNTAX_DOT)
           ? kg_cli_no_pictures(cli)
           : -1;
}

/// A placeholder in a help text, and the list of syntaxes it stands for.
typedef struct {
  const char* name;
  KgSyntaxSet kind;
  bool        labels; ///< Names for people, "A, B or C", not "a, b, c"
} Placeholder;

static const Placeholder placeholders[] = {
  {"@READ@", KG_SYNTAXES_READ, false},
  {"@WRITE@", KG_SYNTAXES_WRITTEN, false},
  {"@READ_WRITE@", KG_SYNTAXES_READ_WRITTEN, false},
  {"@READ_LABELS@", KG_SYNTAXES_READ, true},
  {"@WRITE_LABELS@", KG_SYNTAXES_WRITTEN, true},
};

/// Help lines are at most this wide; a list goes on under the option texts.
#define HELP_WIDTH 79U
#define HELP_INDENT 25U

/**
   Print the list of `p` to `out` from column `*col`, wrapped, after
   `n_spaces` spaces not yet printed (none if the list starts a new line).
*/
static void
print_list(FILE* const              out,
           const Placeholder* const p,
           size_t* const            col,
           const size_t             n_spaces)
{
  size_t n = 0U;
  for (size_t i = 0U; kg_syntax_at(i); ++i) {
    n += in_list_kind(kg_syntax_at(i), p->kind);
  }

  size_t k = 0U;
  for (size_t i = 0U; kg_syntax_at(i); ++i) {
    const KgSyntax syntax = kg_syntax_at(i);
    if (!in_list_kind(syntax, p->kind)) {
      continue;
    }

    const char* const word =
      p->labels ? kg_syntax_label(syntax) : kg_syntax_name(syntax);
    const char* const sep  = !k ? "" : (p->labels && k + 1U == n) ? " or" : ",";
    const size_t      gap  = k ? 1U : n_spaces;
    const size_t      need = strlen(sep) + gap + strlen(word);
    if (*col + need > HELP_WIDTH && *col > HELP_INDENT) {
      fprintf(out, "%s\n%*s", sep, (int)HELP_INDENT, "");
      *col = HELP_INDENT;
    } else {
      fprintf(out, "%s%*s", sep, (int)gap, "");
      *col += strlen(sep) + gap;
    }
    fputs(word, out);
    *col += strlen(word);
    ++k;
  }
}

void
kg_cli_print_help(FILE* const out, const char* const text)
{
  size_t col      = 0U;
  size_t n_spaces = 0U; // Spaces not printed yet: none ends a line
  for (const char* c = text; *c; ++c) {
    const Placeholder* p = NULL;
    for (size_t i = 0U;
         *c == '@' && !p && i < sizeof(placeholders) / sizeof(placeholders[0]);
         ++i) {
      const size_t len = strlen(placeholders[i].name);
      p = strncmp(c, placeholders[i].name, len) ? NULL : &placeholders[i];
    }

    if (p) {
      print_list(out, p, &col, n_spaces);
      c += strlen(p->name) - 1U;
      n_spaces = 0U;
    } else if (*c == ' ') {
      ++n_spaces;
    } else if (*c == '\n') {
      fputc('\n', out);
      col      = 0U;
      n_spaces = 0U;
    } else {
      fprintf(out, "%*s%c", (int)n_spaces, "", *c);
      col += n_spaces + 1U;
      n_spaces = 0U;
    }
  }
  fprintf(out, "%*s", (int)n_spaces, "");
}

const char*
kg_cli_syntax_list(const KgSyntaxSet kind, char* const buf, const size_t size)
{
  size_t len = 0U;
  buf[0]     = '\0';
  for (size_t i = 0U; kg_syntax_at(i); ++i) {
    if (in_list_kind(kg_syntax_at(i), kind)) {
      const int n = snprintf(buf + len,
                             size - len,
                             "%s%s",
                             len ? ", " : "",
                             kg_syntax_name(kg_syntax_at(i)));
      if (n < 0 || (size_t)n >= size - len) {
        break; // Cut: the table has few rows, and the buffer is large
      }
      len += (size_t)n;
    }
  }
  return buf;
}

static int
print_help(FILE* const out)
{
  kg_cli_print_help(out,
                    "Usage: kgraph COMMAND [OPTION]... INPUT...\n"
                    "Read RDF graphs (@READ_LABELS@),\n"
                    "check them, and export them.\n"
                    "\n"
                    "Commands:\n");
  for (size_t i = 0U; i < N_COMMANDS; ++i) {
    fprintf(out, "  %-10s ", commands[i]->name);
    kg_cli_print_help(out, commands[i]->summary);
    fputc('\n', out);
  }
  fprintf(out,
          "\n"
          "Options:\n"
          "  -h, --help             display this help and exit\n"
          "  -V, --version          display version information and exit\n"
          "\n"
          "Run 'kgraph COMMAND --help' for the options of a command.\n"
          "INPUT '-' means standard input.\n"
          "\n"
          "Exit status: 0 ok, 1 differences or violations, 2 usage, 3 input,\n"
          "4 output, 5 internal.\n");
  return KG_EXIT_SUCCESS;
}

int
kg_cli_exit_status(const KgStatus st)
{
  switch (st) {
  case KG_SUCCESS:
  case KG_FAILURE:
    return KG_EXIT_SUCCESS;
  case KG_BAD_ARG:
  case KG_BAD_UNSUPPORTED: // Asked for what this build has not (pictures)
    return KG_EXIT_USAGE;
  case KG_BAD_READ:
  case KG_BAD_SYNTAX:
  case KG_BAD_TEXT:
  case KG_BAD_URI:
  case KG_BAD_DATA:
  case KG_BAD_LIMIT:
    return KG_EXIT_INPUT;
  case KG_BAD_WRITE:
    return KG_EXIT_OUTPUT;
  case KG_BAD_ALLOC:
  case KG_BAD_INTERNAL:
    return KG_EXIT_INTERNAL;
  }
  return KG_EXIT_INTERNAL;
}

/**
   Print the message of `fmt` to `stream` for people: what it quotes (an
   argument, a file name) may hold controls that would make a terminal act.
*/
static void
print_message_for_people(FILE* const       stream,
                         const char* const fmt,
                         va_list           args)
{
  char    text[512];
  va_list copy;
  va_copy(copy, args);
  const int n = vsnprintf(text, sizeof(text), fmt, copy);
  va_end(copy);
  if (n < 0) {
    return;
  }

  // A long message is formatted again in a buffer of its size, or cut
  size_t      len = (size_t)n < sizeof(text) ? (size_t)n : sizeof(text) - 1U;
  char* const big =
    (size_t)n < sizeof(text) ? NULL : (char*)malloc((size_t)n + 1U);
  const char* show = text;
  if (big && vsnprintf(big, (size_t)n + 1U, fmt, args) == n) {
    show = big;
    len  = (size_t)n;
  }
  const KgStringView view = {show, len};
  if (kg_print_for_people(stream, view)) {
    // A message that cannot be written has nowhere else to go
  }
  free(big);
}

int
kg_cli_usage(const KgCli* const cli, const char* const fmt, ...)
{
  kg_progress_clear(cli->progress);
  va_list args;
  va_start(args, fmt);
  fputs("kgraph: ", cli->err);
  print_message_for_people(cli->err, fmt, args);
  va_end(args);
  if (cli->command) {
    fprintf(cli->err,
            "\nTry 'kgraph %s --help' for more information.\n",
            cli->command);
  } else {
    fputs("\nTry 'kgraph --help' for more information.\n", cli->err);
  }
  return KG_EXIT_USAGE;
}

void
kg_cli_error(const KgCli* const cli, const char* const fmt, ...)
{
  kg_progress_clear(cli->progress);
  if (cli->report) {
    ++cli->report->n_errors;
    cli->report->said_oom |= !strncmp(fmt, "out of memory", 13U);
  }
  va_list args;
  va_start(args, fmt);
  fputs("kgraph: error: ", cli->err);
  print_message_for_people(cli->err, fmt, args);
  fputc('\n', cli->err);
  va_end(args);
}

void
kg_cli_doing(const KgCli* const cli, const char* const fmt, ...)
{
  if (cli->report) {
    va_list args;
    va_start(args, fmt);
    const int n =
      vsnprintf(cli->report->doing, sizeof(cli->report->doing), fmt, args);
    va_end(args);
    if (n < 0) {
      cli->report->doing[0] = '\0';
    }
  }
}

KgStatus
kg_cli_oom(const KgCli* const cli, const KgStatus st)
{
  if (st == KG_BAD_ALLOC && !(cli->report && cli->report->said_oom)) {
    if (cli->report && cli->report->doing[0]) {
      kg_cli_error(cli, "out of memory while %s", cli->report->doing);
    } else {
      kg_cli_error(cli, "out of memory");
    }
  }
  return st;
}

/**
   Parse the options of `command` into `opts` with getopt_long, handling
   --help and the errors getopt reports.

   @return -1 to go on (then `*first_arg` is the index of the first
   operand), or an exit status to stop with.
*/
static int
parse_options(KgCli* const           cli,
              const KgCommand* const command,
              const int              argc,
              char** const           argv,
              void* const            opts,
              int* const             first_arg)
{
  // Reset getopt: kg_cli_main() may run more than once in a process
  optind = 0;
  opterr = 0;

  int c       = 0;
  int n_stdin = 0; // Files named '-': standard input can be read only once
  while ((c = getopt_long(
            argc, argv, command->short_opts, command->long_opts, NULL)) != -1) {
    switch (c) {
    case 'h':
      kg_cli_print_help(cli->out, command->help);
      return KG_EXIT_SUCCESS;

    case 'q':
      cli->quiet = true;
      break;

    case ':':
      return kg_cli_usage(
        cli, "option '%s' requires an argument", argv[optind - 1]);

    case '?':
      if (optopt) {
        return kg_cli_usage(cli, "invalid option -- '%c'", optopt);
      }
      return kg_cli_usage(cli, "unrecognized option '%s'", argv[optind - 1]);

    default: {
      // --ontology and --style read a graph too
      if ((c == 'O' || c == 1008) && optarg && !strcmp(optarg, "-")) {
        ++n_stdin;
      }
      const int r = command->handle(cli, opts, c, optarg);
      if (r) {
        return r;
      }
    }
    }
  }

  if (argc - optind < command->min_operands) {
    return kg_cli_usage(cli, "missing INPUT");
  }

  for (int i = optind; i < argc; ++i) {
    n_stdin += !strcmp(argv[i], "-");
  }
  if (n_stdin > 1) {
    return kg_cli_usage(
      cli,
      "'-' is named %d times, but standard input can be read only once",
      n_stdin);
  }

  if (cli->progress) {
    kg_progress_enable(cli->progress, cli->quiet);
  }
  *first_arg = optind;
  return -1;
}

int
kg_cli_input_option(KgCli* const          cli,
                    KgInputOptions* const in,
                    const int             c,
                    char* const           arg)
{
  switch (c) {
  case 'F':
    in->from = kg_syntax_by_name(arg);
    if (!kg_syntax_can_read(in->from)) {
      char known[KG_CLI_SYNTAX_LIST_SIZE];
      return kg_cli_usage(
        cli,
        "unknown input format '%s' (known: %s)",
        arg,
        kg_cli_syntax_list(KG_SYNTAXES_READ, known, sizeof(known)));
    }
    return 0;

  case 'B':
    if (!kg_iri_is_absolute(kg_sv(arg))) {
      return kg_cli_usage(cli, "base '%s' is not an absolute IRI", arg);
    }
    in->base = arg;
    return 0;

  case 'L':
    in->lax = true;
    return 0;

  case 'O':
    if (in->n_ontologies == KG_MAX_ONTOLOGIES) {
      return kg_cli_usage(
        cli, "too many --ontology files (at most %d)", KG_MAX_ONTOLOGIES);
    }
    in->ontologies[in->n_ontologies++] = arg;
    return 0;

  default:
    break;
  }
  return -1;
}

/// Read the document at `path` as kg_graph_read_file() does, counting the
/// bytes read on the progress line.
static KgStatus
read_counted(const KgCli* const         cli,
             KgGraph* const             graph,
             const char* const          path,
             const KgReadOptions* const options)
{
  const bool  is_stdin = !strcmp(path, "-");
  FILE* const file     = is_stdin ? stdin : fopen(path, "rb");
  if (!file) {
    kg_cli_error(cli, "cannot open '%s': %s", path, strerror(errno));
    return KG_BAD_READ;
  }

  KgReadOptions with_base = *options;
  char* const   file_base =
    (options->base || is_stdin) ? NULL : kg_file_iri(path);
  FILE* const stream = kg_progress_open_input(
    cli->progress, file, is_stdin ? "<stdin>" : path, graph);
  KgStatus st = KG_SUCCESS;
  if (!stream || (!options->base && !is_stdin && !file_base)) {
    st = KG_BAD_ALLOC;
  } else {
    with_base.base = options->base ? options->base : file_base;
    st             = kg_graph_read_stream(
      graph, stream, is_stdin ? "<stdin>" : path, &with_base);
  }

  kg_progress_close_input(stream, file);
  kg_free(file_base);
  if (!is_stdin) {
    fclose(file);
  }
  return st;
}

KgStatus
kg_cli_read(const KgCli* const          cli,
            KgGraph* const              graph,
            char* const* const          paths,
            const int                   n_paths,
            const KgInputOptions* const in)
{
  for (int i = 0; i < n_paths; ++i) {
    if (!in->from && strcmp(paths[i], "-") && !kg_syntax_by_path(paths[i])) {
      kg_cli_error(cli,
                   "cannot tell the format of '%s' from its name (use --from)",
                   paths[i]);
      return KG_BAD_READ;
    }

    if (!in->from && !strcmp(paths[i], "-")) {
      kg_cli_error(cli, "reading standard input needs --from");
      return KG_BAD_READ;
    }

    kg_cli_doing(cli, "reading '%s'", paths[i]);
    const KgReadOptions options = {
      in->from, in->base, in->lax ? (KgReadFlags)KG_READ_LAX : 0U, cli->log};
    const KgStatus st = (cli->progress && cli->progress->on)
                          ? read_counted(cli, graph, paths[i], &options)
                          : kg_graph_read_file(graph, paths[i], &options);
    kg_progress_clear(cli->progress);
    if (st) {
      return kg_cli_oom(cli, st);
    }
  }
  return KG_SUCCESS;
}

KgStatus
kg_cli_load(const KgCli* const          cli,
            char* const* const          paths,
            const int                   n_paths,
            const KgInputOptions* const in,
            KgGraph** const             graph)
{
  kg_cli_doing(cli, "reading '%s'", n_paths ? paths[0] : "-");
  if (!(*graph = kg_graph_new())) {
    return kg_cli_oom(cli, KG_BAD_ALLOC);
  }
  return kg_cli_read(cli, *graph, paths, n_paths, in);
}

KgStatus
kg_cli_diff(const KgCli* const          cli,
            const KgInputOptions* const in,
            char* const                 paths[2],
            const char* const           hint,
            const uint64_t              max_work,
            KgGraph*                    graphs[2],
            KgDiff** const              diff)
{
  *diff       = NULL;
  KgStatus st = KG_SUCCESS;
  for (unsigned i = 0U; i < 2U && !st; ++i) {
    // /dev/null: the side of a file that git adds or deletes
    KgInputOptions options = *in;
    if (!options.from && hint && !kg_syntax_by_path(paths[i])) {
      options.from = kg_syntax_by_path(hint);
    }
    st = !strcmp(paths[i], "/dev/null")
           ? ((graphs[i] = kg_graph_new()) ? KG_SUCCESS : KG_BAD_ALLOC)
           : kg_cli_load(cli, &paths[i], 1, &options, &graphs[i]);
  }

  if (!st) {
    if (cli->progress) {
      kg_progress_phase(cli->progress,
                        "matching",
                        NULL,
                        false,
                        0U,
                        NULL,
                        kg_graph_size(graphs[0]) + kg_graph_size(graphs[1]));
    }
    kg_cli_doing(cli, "comparing the graphs");
    const KgDiffOptions options = {max_work, cli->log};
    st = kg_diff_new(graphs[0], graphs[1], &options, diff);
  }
  return kg_cli_oom(cli, st);
}

void
kg_cli_print_json_string(FILE* const out, const KgStringView s)
{
  // Controls, C1 and bidirectional ones too, as \uXXXX: the JSON means the
  // same, and a person who prints it sees no terminal act on its text
  fputc('"', out);
  for (size_t i = 0U; i < s.len;) {
    const unsigned char c    = (unsigned char)s.data[i];
    const KgStringView  rest = {s.data + i, s.len - i};
    size_t              len  = 1U;
    const uint32_t      cp   = c >= 0x80U ? kg_utf8_decode(rest, &len) : c;
    if (c == '"' || c == '\\') {
      fprintf(out, "\\%c", c);
    } else if (c < 0x20U || c == 0x7FU || (cp >= 0x80U && cp <= 0x9FU) ||
               cp == 0x61CU || cp == 0x200EU || cp == 0x200FU ||
               (cp >= 0x202AU && cp <= 0x202EU) ||
               (cp >= 0x2066U && cp <= 0x2069U)) {
      fprintf(out, "\\u%04X", (unsigned)cp);
    } else {
      fwrite(rest.data, 1U, cp == 0xFFFFFFFFU ? 1U : len, out);
    }
    i += cp == 0xFFFFFFFFU ? 1U : len;
  }
  fputc('"', out);
}

/*
  Pictures
*/

void
kg_cli_dot_init(KgDotCli* const dot)
{
  memset(dot, 0, sizeof(*dot));
  kg_dot_options_init(&dot->dot);
  dot->dot.exclude = dot->exclude;
}

long long
kg_cli_parse_number(const char* const arg, const long long max)
{
  if (*arg < '0' || *arg > '9') {
    return -1LL; // No sign, no space
  }
  char*           end = NULL;
  const long long n   = strtoll(arg, &end, 10);
  return (*end || n < 0 || n > max) ? -1LL : n;
}

int
kg_cli_max_work_option(const KgCli* const cli,
                       const char* const  arg,
                       uint64_t* const    max_work)
{
  const long long n = kg_cli_parse_number(arg, INT64_MAX);
  if (n < 1) {
    return kg_cli_usage(cli, "--max-work needs a positive number");
  }
  *max_work = (uint64_t)n;
  return 0;
}

/// Parse a whole non-negative number up to 100,000,000, or return -1.
static long
parse_count(const char* const arg)
{
  return (long)kg_cli_parse_number(arg, 100000000LL);
}

int
kg_cli_dot_option(KgCli* const    cli,
                  KgDotCli* const dot,
                  const int       c,
                  char* const     arg)
{
  long n = 0L;
  switch (c) {
  case 1000:
    if (!kg_langtag_is_valid(kg_sv(arg))) {
      return kg_cli_usage(cli, "'%s' is not a language tag", arg);
    }
    dot->dot.lang = arg;
    break;
  case 1001:
    if (!strcmp(arg, "table")) {
      dot->dot.literals = KG_DOT_LITERALS_TABLE;
    } else if (!strcmp(arg, "nodes")) {
      dot->dot.literals = KG_DOT_LITERALS_NODES;
    } else if (!strcmp(arg, "none")) {
      dot->dot.literals = KG_DOT_LITERALS_NONE;
    } else {
      return kg_cli_usage(
        cli, "--literals is table, nodes or none, not '%s'", arg);
    }
    break;
  case 1002:
    if ((n = parse_count(arg)) < 0) {
      return kg_cli_usage(cli, "--max-label takes a number, not '%s'", arg);
    }
    dot->dot.max_label = (unsigned)n;
    break;
  case 1003:
    dot->dot.focus = arg;
    break;
  case 1004:
    if ((n = parse_count(arg)) < 0) {
      return kg_cli_usage(cli, "--depth takes a number, not '%s'", arg);
    }
    dot->dot.depth = (unsigned)n;
    break;
  case 1005:
    dot->dot.cluster_by = arg;
    break;
  case 1006:
    if (dot->dot.n_exclude == sizeof(dot->exclude) / sizeof(dot->exclude[0])) {
      return kg_cli_usage(cli, "too many --exclude properties");
    }
    dot->exclude[dot->dot.n_exclude++] = arg;
    break;
  case 1007:
    if ((n = parse_count(arg)) < 0) {
      return kg_cli_usage(cli, "--max-nodes takes a number, not '%s'", arg);
    }
    dot->dot.max_nodes = (size_t)n;
    break;
  case 1008:
    dot->style_path = arg;
    break;
  case 1009:
    dot->dot.no_legend = true;
    break;
  case 1010:
    if ((n = parse_count(arg)) < 0) {
      return kg_cli_usage(cli, "--max-size takes a number, not '%s'", arg);
    }
    dot->dot.max_size = (size_t)n;
    break;
  case 1011:
    if ((n = parse_count(arg)) < 0) {
      return kg_cli_usage(cli, "--max-rows takes a number, not '%s'", arg);
    }
    dot->dot.max_rows = (size_t)n;
    break;
  default:
    return -1;
  }

  dot->any = true;
  return 0;
}

void
kg_cli_draw_init(void* const opts)
{
  kg_cli_dot_init(&((KgDrawOptions*)opts)->dot);
}

int
kg_cli_draw_option(KgCli* const         cli,
                   KgDrawOptions* const draw,
                   const int            c,
                   char* const          arg)
{
  int r = kg_cli_input_option(cli, &draw->in, c, arg);
  if (r >= 0 || (r = kg_cli_dot_option(cli, &draw->dot, c, arg)) >= 0) {
    return r;
  }

  switch (c) {
  case 'o':
    draw->output = arg;
    return 0;
  case 1100:
    draw->schema = true;
    return 0;
  default:
    break;
  }
  return -1;
}

int
kg_cli_no_pictures(const KgCli* const cli)
{
  if (kg_dot_available()) {
    return -1;
  }

  // Said before any input is read, as the library's picture functions
  // would say it after (dot_options.c)
  kg_cli_error(cli,
               "pictures are not built in: this kgraph was built without "
               "Graphviz (cgraph and gvc)");
  return kg_cli_exit_status(KG_BAD_UNSUPPORTED);
}

void
kg_cli_dot_hint(const KgCli* const cli,
                const KgStatus     st,
                const bool         dot_engine)
{
  if (st == KG_BAD_LIMIT && !cli->quiet) {
    fprintf(cli->err,
            "kgraph: note: draw part of the graph with --focus ENTITY "
            "--depth N or --exclude PROPERTY, or raise the limits with "
            "--max-nodes, --max-size and --max-rows (0: none)%s\n",
            dot_engine ? "; or lay it out with -K sfdp" : "");
  }
}

void
kg_cli_work_hint(const KgCli* const cli, const KgStatus st)
{
  if (st == KG_BAD_LIMIT && !cli->quiet) {
    fputs("kgraph: note: --max-work=N sets the work limit (a higher one "
          "tries harder)\n",
          cli->err);
  }
}

KgStatus
kg_cli_dot_style(const KgCli* const          cli,
                 KgDotCli* const             dot,
                 const KgInputOptions* const in,
                 KgGraph** const             style)
{
  *style = NULL;
  if (!dot->style_path) {
    return KG_SUCCESS;
  }

  char*                paths[1] = {dot->style_path};
  const KgInputOptions style_in = {
    KG_SYNTAX_NONE, in->base, in->lax, {NULL}, 0};
  const KgStatus st = kg_cli_load(cli, paths, 1, &style_in, style);
  dot->dot.style    = *style;
  return st;
}

int
kg_cli_to_option(const KgCli* const cli,
                 const KgSyntaxSet  kind,
                 const char* const  name,
                 KgSyntax* const    to)
{
  *to         = kg_syntax_by_name(name);
  const int u = output_pictures(cli, *to, kind);
  if (u >= 0) {
    return u;
  }
  if (!in_list_kind(*to, kind)) {
    char known[KG_CLI_SYNTAX_LIST_SIZE];
    return kg_cli_usage(cli,
                        "unknown output format '%s' (known: %s)",
                        name,
                        kg_cli_syntax_list(kind, known, sizeof(known)));
  }
  return 0;
}

int
kg_cli_output_syntax(const KgCli* const cli,
                     const KgSyntaxSet  kind,
                     const char* const  output,
                     KgSyntax* const    to)
{
  if (*to || !output || !strcmp(output, "-")) {
    return -1;
  }
  *to         = kg_syntax_by_path(output);
  const int u = output_pictures(cli, *to, kind);
  if (u >= 0) {
    return u;
  }
  if (!in_list_kind(*to, kind)) {
    return kg_cli_usage(
      cli, "cannot tell the output format of '%s' (use --to)", output);
  }
  return -1;
}

KgStatus
kg_cli_load_ontology(const KgCli* const          cli,
                     const KgInputOptions* const in,
                     KgGraph** const             ontology)
{
  *ontology = NULL;
  return in->n_ontologies
           ? kg_cli_load(cli, in->ontologies, in->n_ontologies, in, ontology)
           : KG_SUCCESS;
}

KgStatus
kg_cli_load_guides(const KgCli* const          cli,
                   const KgInputOptions* const in,
                   KgDotCli* const             dot,
                   KgGraph** const             ontology,
                   KgGraph** const             style)
{
  *style      = NULL;
  KgStatus st = kg_cli_load_ontology(cli, in, ontology);
  if (!st) {
    st = kg_cli_dot_style(cli, dot, in, style);
  }
  return st;
}

int
kg_cli_schema_whole(const KgCli* const cli, const KgDrawOptions* const draw)
{
  const KgDotOptions* const dot = &draw->dot.dot;
  if (draw->schema && (dot->focus || dot->cluster_by || dot->n_exclude)) {
    return kg_cli_usage(cli,
                        "--schema draws the whole ontology: no --focus, "
                        "--cluster-by or --exclude");
  }
  return -1;
}

/*
  Output files

  `-o PATH` writes what `> PATH` would write, but atomically: into a
  temporary file in the directory of the file PATH names, renamed over it
  once all is written, so that an error leaves the old file as it was.

  A signal (SIGINT, SIGTERM, SIGHUP, SIGPIPE) must leave no temporary file
  behind, and its handler may call only async-signal-safe functions: the
  names of the temporary files are kept in fixed arrays for it.  This is the
  one mutable static of the program, and it belongs here, not in the
  library: a signal, like this registry, belongs to the whole process.
*/

/// The most output files open at once (canon writes two).
#define MAX_TMP_FILES 8

static char                  tmp_names[MAX_TMP_FILES][PATH_MAX];
static volatile sig_atomic_t tmp_used[MAX_TMP_FILES];

/// Remember the temporary file `path` for the signal handler.
/// @return its slot plus 1, or 0 if there is no room (then it stays unknown).
static int
register_tmp(const char* const path)
{
  const size_t len = strlen(path);
  for (int i = 0; len < PATH_MAX && i < MAX_TMP_FILES; ++i) {
    if (!tmp_used[i]) {
      memcpy(tmp_names[i], path, len + 1U);
      tmp_used[i] = 1;
      return i + 1;
    }
  }
  return 0;
}

/// Forget the temporary file in `slot` (as register_tmp() returned).
static void
unregister_tmp(const int slot)
{
  if (slot > 0) {
    tmp_used[slot - 1] = 0;
  }
}

/// Remove every temporary file, then die of `sig` as if it were not caught.
static void
on_signal(const int sig)
{
  for (int i = 0; i < MAX_TMP_FILES; ++i) {
    if (tmp_used[i]) {
      (void)unlink(tmp_names[i]);
    }
  }
  // Delivered once the handler returns, since `sig` is blocked until then
  (void)signal(sig, SIG_DFL);
  (void)raise(sig);
}

void
kg_cli_handle_signals(void)
{
  static const int signals[] = {SIGHUP, SIGINT, SIGPIPE, SIGTERM};

  for (size_t i = 0U; i < sizeof(signals) / sizeof(signals[0]); ++i) {
    // A signal ignored when kgraph started (nohup, a background job) stays so
    struct sigaction old;
    if (!sigaction(signals[i], NULL, &old) && old.sa_handler != SIG_IGN) {
      struct sigaction action;
      memset(&action, 0, sizeof(action));
      action.sa_handler = on_signal;
      sigfillset(&action.sa_mask);
      (void)sigaction(signals[i], &action, NULL);
    }
  }
}

/// Report that `path` cannot be written, for the reason `err`.
static KgStatus
cannot_write(const KgCli* const cli, const char* const path, const int err)
{
  const char* const reason = err ? strerror(err) : "write error";
  if (path) {
    kg_cli_error(cli, "cannot write '%s': %s", path, reason);
  } else {
    kg_cli_error(cli, "cannot write standard output: %s", reason);
  }
  return KG_BAD_WRITE;
}

KgStatus
kg_cli_flush(const KgCli* const cli)
{
  errno = 0;
  return (fflush(cli->out) || ferror(cli->out)) ? cannot_write(cli, NULL, errno)
                                                : KG_SUCCESS;
}

/// Report that memory ran out while opening an output.
static KgStatus
out_of_memory(const KgCli* const cli)
{
  return kg_cli_oom(cli, KG_BAD_ALLOC);
}

/// Forget and free everything of `output` but its streams, and remove what
/// was written.
static void
release_output(KgOutputFile* const output)
{
  if (output->path) { // Standard output replaces no file (its fd is 0 here)
    kg_file_replace_abort(&output->replace);
  }
  unregister_tmp(output->slot);
  free(output->sink);
  memset(output, 0, sizeof(*output));
}

/// Write to a sink's file descriptor, remembering why a write failed.
static ssize_t
sink_write(void* const cookie, const char* const buf, const size_t size)
{
  KgOutputSink* const sink = (KgOutputSink*)cookie;
  for (size_t done = 0U; done < size;) {
    const ssize_t n = write(sink->fd, buf + done, size - done);
    if (n < 0 && errno != EINTR) {
      sink->error = sink->error ? sink->error : errno;
      return (ssize_t)done; // 0 is an error for the stream
    }
    done += n > 0 ? (size_t)n : 0U;
  }
  return (ssize_t)size;
}

/// Make `output->file` a stream into `fd`, which it does not close.
static KgStatus
open_sink(const KgCli* const cli, KgOutputFile* const output, const int fd)
{
  const cookie_io_functions_t io = {NULL, sink_write, NULL, NULL};

  KgOutputSink* const sink = (KgOutputSink*)malloc(sizeof(KgOutputSink));
  FILE* const         file = sink ? fopencookie(sink, "wb", io) : NULL;
  if (!file) {
    free(sink);
    return out_of_memory(cli);
  }

  sink->fd     = fd;
  sink->error  = 0;
  output->sink = sink;
  output->file = file;
  (void)setvbuf(file, NULL, _IOFBF, 65536U);
  return KG_SUCCESS;
}

/// Return why writing `output` failed (0 if unknown), after a failed
/// flush or close.
static int
write_error(const KgOutputFile* const output, const int err)
{
  return (output->sink && output->sink->error) ? output->sink->error : err;
}

/// Count the bytes written to `output` on the progress line, if it is on.
static KgStatus
count_output(const KgCli* const cli, KgOutputFile* const output)
{
  if (!cli->progress || !cli->progress->on) {
    return KG_SUCCESS;
  }

  FILE* const counted =
    kg_progress_open_output(cli->progress, output->file, output->path);
  if (!counted) {
    kg_output_abort(output);
    return kg_cli_oom(cli, KG_BAD_ALLOC);
  }
  output->raw  = output->file;
  output->file = counted;
  return KG_SUCCESS;
}

/// Close the stream that counts the bytes written to `output`, if any.
static KgStatus
uncount_output(KgOutputFile* const output, const KgStatus st)
{
  if (!output->raw) {
    return st;
  }
  const KgStatus r = kg_progress_close_output(output->file, output->raw, st);
  output->file     = output->raw;
  output->raw      = NULL;
  return r;
}

/// Open the file of `output` at `path`, known to the signal handler as soon
/// as it exists.
static KgStatus
open_file(const KgCli* const  cli,
          KgOutputFile* const output,
          const char* const   path)
{
  sigset_t signals;
  sigset_t old_mask;
  sigemptyset(&signals);
  sigaddset(&signals, SIGHUP);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGPIPE);
  sigaddset(&signals, SIGTERM);
  (void)sigprocmask(SIG_BLOCK, &signals, &old_mask);
  const int err = kg_file_replace_open(&output->replace, path);
  if (!err && output->replace.tmp_path) {
    output->slot = register_tmp(output->replace.tmp_path);
  }
  (void)sigprocmask(SIG_SETMASK, &old_mask, NULL);
  if (err) {
    return err == ENOMEM ? out_of_memory(cli) : cannot_write(cli, path, err);
  }
  // The stream does not close the file: kg_file_replace_close() does
  return open_sink(cli, output, output->replace.fd);
}

KgStatus
kg_output_open(const KgCli* const  cli,
               KgOutputFile* const output,
               const char* const   path)
{
  memset(output, 0, sizeof(*output));
  if (!path || !strcmp(path, "-")) {
    output->file = cli->out;
    if (cli->progress && cli->progress->terminal.out_is_terminal) {
      // The output would run into the line
      kg_progress_disable(cli->progress);
    }

    // Written straight to its file descriptor, if it has one, to know why
    // a write failed
    const int fd = fileno(cli->out);
    if (fd >= 0) {
      errno = 0;
      if (fflush(cli->out)) {
        return cannot_write(cli, NULL, errno);
      }
      const KgStatus st = open_sink(cli, output, fd);
      if (st) {
        return st;
      }
    }
    return count_output(cli, output);
  }

  output->path     = path;
  const KgStatus r = open_file(cli, output, path);
  if (r) {
    release_output(output);
    return r;
  }
  return count_output(cli, output);
}

KgStatus
kg_output_finish(const KgCli* const  cli,
                 KgOutputFile* const output,
                 const KgStatus      written)
{
  if (output->finished) {
    return written;
  }

  const KgStatus st = uncount_output(output, written);
  if (st) {
    if (st == KG_BAD_WRITE) {
      // The library says only that a write failed: the sink knows why (a
      // memory stream has none; flushing it again may tell)
      errno = 0;
      if (output->file) {
        (void)fflush(output->file);
      }
      cannot_write(cli, output->path, write_error(output, errno));
    }
    kg_output_abort(output);
    return st;
  }

  if (!output->path) {
    // Standard output: a failed flush (ENOSPC, EPIPE) is an output error
    errno = 0;
    if (fflush(output->file) || ferror(output->file)) {
      cannot_write(cli, NULL, write_error(output, errno));
      kg_output_abort(output);
      return KG_BAD_WRITE;
    }
    if (output->sink) {
      fclose(output->file); // Not standard output itself
      output->file = NULL;
    }
    output->finished = true;
    return KG_SUCCESS;
  }

  errno            = 0;
  bool      failed = ferror(output->file) || fflush(output->file);
  int       err    = errno;
  const int closed = fclose(output->file);
  output->file     = NULL;
  if (closed && !failed) {
    failed = true;
    err    = errno;
  }
  // Closed now unless copied from, once all is ready
  const int closed_fd = kg_file_replace_close(&output->replace);
  if (closed_fd && !failed) {
    failed = true;
    err    = closed_fd;
  }
  if (failed) {
    cannot_write(cli, output->path, write_error(output, err));
    kg_output_abort(output);
    return KG_BAD_WRITE;
  }

  output->finished = true;
  return KG_SUCCESS;
}

KgStatus
kg_output_commit(const KgCli* const cli, KgOutputFile* const output)
{
  KgStatus st = kg_output_finish(cli, output, KG_SUCCESS);
  if (st || !output->path) {
    release_output(output); // Standard output, or gone already
    return st;
  }

  const int err = kg_file_replace_commit(&output->replace);
  if (err) {
    st = cannot_write(cli, output->path, err);
  }
  release_output(output);
  return st;
}

void
kg_output_abort(KgOutputFile* const output)
{
  uncount_output(output, KG_BAD_WRITE);
  // What was written to a device or standard output is gone already
  if (output->file && (output->path || output->sink)) {
    fclose(output->file);
  }
  release_output(output);
}

KgStatus
kg_output_close(const KgCli* const  cli,
                KgOutputFile* const output,
                const KgStatus      written)
{
  const KgStatus st = kg_output_finish(cli, output, written);
  if (st) {
    return st;
  }
  return kg_output_commit(cli, output);
}

/*
  Main
*/

/// The log of the library: to standard error, only errors with -q.
static KgStatus
print_message(void* const        handle,
              const KgLogLevel   level,
              const KgCaret      caret,
              const KgStringView msg)
{
  const KgCli* const cli = (const KgCli*)handle;
  if (cli->quiet && level != KG_LOG_ERROR) {
    return KG_SUCCESS;
  }
  if (level == KG_LOG_ERROR && cli->report) {
    ++cli->report->n_errors;
    cli->report->said_oom |=
      msg.len == 13U && !memcmp(msg.data, "out of memory", 13U);
  }
  kg_progress_clear(cli->progress);
  return kg_log_to_stream(cli->err, level, caret, msg);
}

/// Return true iff `stream` is a terminal.
static bool
is_terminal(FILE* const stream)
{
  const int fd = fileno(stream);
  return fd >= 0 && isatty(fd);
}

/// Return the width of the terminal `stream`, or 0 if it is unknown.
static unsigned
terminal_columns(FILE* const stream)
{
  struct winsize size;
  const int      fd = fileno(stream);
  return (fd >= 0 && !ioctl(fd, TIOCGWINSZ, &size)) ? size.ws_col : 0U;
}

int
kg_cli_main(const int argc, char** const argv, FILE* const out, FILE* const err)
{
  // A command done within half a second shows no progress line
  const KgTerminal terminal = {
    is_terminal(err), is_terminal(out), 500U, 100U, terminal_columns(err)};
  return kg_cli_run(argc, argv, out, err, &terminal);
}

/// Run `command` with its arguments `argv`.  @return the exit status.
static int
run(KgCli* const           cli,
    const KgCommand* const command,
    const int              argc,
    char** const           argv)
{
  cli->command     = command->name;
  void* const opts = calloc(1U, command->opts_size);
  if (!opts) {
    return kg_cli_exit_status(kg_cli_oom(cli, KG_BAD_ALLOC));
  }
  if (command->init) {
    command->init(opts);
  }

  int first = 0;
  int r     = parse_options(cli, command, argc, argv, opts, &first);
  if (r < 0 && command->pictures) {
    r = kg_cli_no_pictures(cli);
  }
  if (r < 0) {
    r = command->run(cli, opts, argc - first, argv + first);
  }
  free(opts);
  return r;
}

/// Run the command of `argv`.  @return the exit status.
static int
run_command(KgCli* const cli, const int argc, char** const argv)
{
  if (argc < 2) {
    return kg_cli_usage(cli, "missing command");
  }

  const char* const arg = argv[1];
  if (!strcmp(arg, "-h") || !strcmp(arg, "--help") || !strcmp(arg, "help")) {
    return print_help(cli->out);
  }

  if (!strcmp(arg, "-V") || !strcmp(arg, "--version")) {
    fprintf(cli->out, "kgraph %s\n", kg_version());
    return KG_EXIT_SUCCESS;
  }

  for (size_t i = 0U; i < N_COMMANDS; ++i) {
    if (!strcmp(arg, commands[i]->name)) {
      return run(cli, commands[i], argc - 1, argv + 1);
    }
  }

  if (arg[0] == '-') {
    return kg_cli_usage(cli, "unrecognized option '%s'", arg);
  }
  return kg_cli_usage(cli, "unknown command '%s'", arg);
}

int
kg_cli_run(const int               argc,
           char** const            argv,
           FILE* const             out,
           FILE* const             err,
           const KgTerminal* const terminal)
{
  KgProgress progress;
  kg_progress_init(&progress, err, terminal);

  KgCliReport report;
  memset(&report, 0, sizeof(report));
  KgCli cli      = {out, err, NULL, {NULL, NULL}, false, &progress, &report};
  cli.log.func   = print_message;
  cli.log.handle = &cli;

  int code = run_command(&cli, argc, argv);
  kg_progress_fini(&progress);

  // Whatever ran out of memory and returned without a word: say it
  if (code == KG_EXIT_INTERNAL && !report.n_errors) {
    kg_cli_oom(&cli, KG_BAD_ALLOC);
  }

  // Whatever the command, what it printed must have been written: --help
  // or a report into a full disk or a closed pipe is an output error too
  if (code != KG_EXIT_OUTPUT && kg_cli_flush(&cli)) {
    code = KG_EXIT_OUTPUT;
  }
  return code;
}
