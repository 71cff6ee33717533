// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "cli.h"

#include <kgraph/kgraph.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

static const KgCommand commands[] = {
  {"export",
   "write INPUT as N-Triples, N-Quads, Turtle, RDF/XML or DOT",
   kg_cmd_export},
  {"check", "check INPUT against the ontology", kg_cmd_check},
  {"stats", "count triples, terms, classes and properties", kg_cmd_stats},
  {"render", "draw INPUT as SVG, PNG or PDF", kg_cmd_render},
  {"diff", "show triples added and removed between two graphs", kg_cmd_diff},
  {"canon", "write INPUT as canonical sorted N-Triples", kg_cmd_canon},
  {"push",
   "upload INPUT to a triple store (Graph Store Protocol)",
   kg_cmd_push},
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static int
print_help(FILE* const out)
{
  fprintf(out,
          "Usage: kgraph COMMAND [OPTION]... INPUT...\n"
          "Read RDF graphs (Turtle, N-Triples, N-Quads, RDF/XML), check\n"
          "them, and export them.\n"
          "\n"
          "Commands:\n");
  for (size_t i = 0U; i < N_COMMANDS; ++i) {
    fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  }
  fprintf(out,
          "\n"
          "Options:\n"
          "  -h, --help             display this help and exit\n"
          "  -V, --version          display version information and exit\n"
          "\n"
          "Run 'kgraph COMMAND --help' for the options of a command.\n"
          "INPUT '-' means standard input.\n"
          "\n" KG_EXIT_HELP);
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

int
kg_cli_usage(const KgCli* const cli, const char* const fmt, ...)
{
  kg_progress_clear(cli->progress);
  va_list args;
  va_start(args, fmt);
  fputs("kgraph: ", cli->err);
  vfprintf(cli->err, fmt, args);
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
  va_list args;
  va_start(args, fmt);
  fputs("kgraph: error: ", cli->err);
  vfprintf(cli->err, fmt, args);
  fputc('\n', cli->err);
  va_end(args);
}

int
kg_cli_parse(KgCli* const               cli,
             const int                  argc,
             char** const               argv,
             const char* const          short_opts,
             const struct option* const long_opts,
             const char* const          help,
             void* const                opts,
             int (*handle)(KgCli* cli, void* opts, int c, char* arg),
             const int  min_operands,
             int* const first_arg)
{
  // Reset getopt: kg_cli_main() may run more than once in a process
  optind = 0;
  opterr = 0;

  int c       = 0;
  int n_stdin = 0; // Files named '-': standard input can be read only once
  while ((c = getopt_long(argc, argv, short_opts, long_opts, NULL)) != -1) {
    switch (c) {
    case 'h':
      fputs(help, cli->out);
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
      const int r = handle(cli, opts, c, optarg);
      if (r) {
        return r;
      }
    }
    }
  }

  if (argc - optind < min_operands) {
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
      return kg_cli_usage(cli,
                          "unknown input format '%s' (known: %s)",
                          arg,
                          kg_syntax_list(false));
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

    const KgReadOptions options = {
      in->from, in->base, in->lax ? (KgReadFlags)KG_READ_LAX : 0U, cli->log};
    const KgStatus st = (cli->progress && cli->progress->on)
                          ? read_counted(cli, graph, paths[i], &options)
                          : kg_graph_read_file(graph, paths[i], &options);
    kg_progress_clear(cli->progress);
    if (st) {
      if (st == KG_BAD_ALLOC) {
        kg_cli_error(cli, "out of memory reading '%s'", paths[i]);
      }
      return st;
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
  if (!(*graph = kg_graph_new())) {
    kg_cli_error(cli, "out of memory");
    return KG_BAD_ALLOC;
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
    const KgDiffOptions options = {max_work, cli->log};
    st = kg_diff_new(graphs[0], graphs[1], &options, diff);
  }
  if (st == KG_BAD_ALLOC) {
    kg_cli_error(cli, "out of memory");
  }
  return st;
}

void
kg_cli_print_json_string(FILE* const out, const KgStringView s)
{
  fputc('"', out);
  for (size_t i = 0U; i < s.len; ++i) {
    const unsigned char c = (unsigned char)s.data[i];
    if (c == '"' || c == '\\') {
      fprintf(out, "\\%c", c);
    } else if (c < 0x20U) {
      fprintf(out, "\\u%04X", c);
    } else {
      fputc(c, out);
    }
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

/*
  Output files
*/

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
    kg_cli_error(cli, "out of memory");
    return KG_BAD_ALLOC;
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
    return count_output(cli, output);
  }

  // A device or a pipe (/dev/stdout, a FIFO) is written as it is: renaming
  // a file over it would replace it
  struct stat st;
  if (!stat(path, &st) && !S_ISREG(st.st_mode)) {
    if (!(output->file = fopen(path, "wb"))) {
      kg_cli_error(cli, "cannot write '%s': %s", path, strerror(errno));
      return KG_BAD_WRITE;
    }
    output->path   = path;
    output->direct = true;
    return count_output(cli, output);
  }

  // The temporary file sits beside the output, so that rename() is atomic
  const size_t len = strlen(path);
  output->tmp_path = (char*)malloc(len + 16U);
  if (!output->tmp_path) {
    return KG_BAD_ALLOC;
  }

  const char*  slash = strrchr(path, '/');
  const size_t dir   = slash ? (size_t)(slash - path) + 1U : 0U;
  const int    n     = snprintf(
    output->tmp_path, len + 16U, "%.*s.%s.XXXXXX", (int)dir, path, path + dir);
  if (n < 0 || (size_t)n >= len + 16U) {
    free(output->tmp_path);
    output->tmp_path = NULL;
    return KG_BAD_INTERNAL;
  }

  const int fd = mkstemp(output->tmp_path);
  if (fd < 0) {
    kg_cli_error(cli, "cannot write '%s': %s", path, strerror(errno));
    free(output->tmp_path);
    output->tmp_path = NULL;
    return KG_BAD_WRITE;
  }

  // Give the file the usual permissions (mkstemp makes it private)
  const mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);

  output->file = fdopen(fd, "wb");
  if (!output->file) {
    kg_cli_error(cli, "cannot write '%s': %s", path, strerror(errno));
    close(fd);
    unlink(output->tmp_path);
    free(output->tmp_path);
    output->tmp_path = NULL;
    return KG_BAD_WRITE;
  }

  output->path = path;
  return count_output(cli, output);
}

KgStatus
kg_output_commit(const KgCli* const cli, KgOutputFile* const output)
{
  if (output->direct) {
    const bool failed = fflush(output->file) || ferror(output->file);
    const int  err    = errno;
    if (fclose(output->file) || failed) {
      kg_cli_error(cli,
                   "cannot write '%s': %s",
                   output->path,
                   strerror(failed ? err : errno));
      output->file = NULL;
      return KG_BAD_WRITE;
    }
    output->file = NULL;
    return KG_SUCCESS;
  }

  if (!output->tmp_path) {
    // Standard output: a failed flush (ENOSPC, EPIPE) is an output error
    if (fflush(output->file) || ferror(output->file)) {
      kg_cli_error(cli, "cannot write standard output: %s", strerror(errno));
      return KG_BAD_WRITE;
    }
    return KG_SUCCESS;
  }

  const bool failed =
    ferror(output->file) || fflush(output->file) || fsync(fileno(output->file));
  const int err = errno;
  if (fclose(output->file) || failed) {
    kg_cli_error(cli,
                 "cannot write '%s': %s",
                 output->path,
                 strerror(failed ? err : errno));
    unlink(output->tmp_path);
    free(output->tmp_path);
    output->tmp_path = NULL;
    output->file     = NULL;
    return KG_BAD_WRITE;
  }
  output->file = NULL;

  if (rename(output->tmp_path, output->path)) {
    kg_cli_error(cli, "cannot write '%s': %s", output->path, strerror(errno));
    unlink(output->tmp_path);
    free(output->tmp_path);
    output->tmp_path = NULL;
    return KG_BAD_WRITE;
  }

  free(output->tmp_path);
  output->tmp_path = NULL;
  return KG_SUCCESS;
}

void
kg_output_abort(KgOutputFile* const output)
{
  uncount_output(output, KG_BAD_WRITE);
  if (output->tmp_path) {
    if (output->file) {
      fclose(output->file);
    }
    unlink(output->tmp_path);
    free(output->tmp_path);
  } else if (output->direct && output->file) {
    fclose(output->file); // What was written to a device is gone already
  }
  memset(output, 0, sizeof(*output));
}

KgStatus
kg_output_close(const KgCli* const  cli,
                KgOutputFile* const output,
                const KgStatus      written)
{
  const KgStatus st = uncount_output(output, written);
  if (!st) {
    return kg_output_commit(cli, output);
  }

  if (st == KG_BAD_WRITE) {
    // The library says only that a write failed: flushing again, what is
    // still buffered fails the same way, and errno says why
    errno = 0;
    if (output->file) {
      (void)fflush(output->file);
    }
    const int reason = errno;
    kg_cli_error(cli,
                 "cannot write '%s': %s",
                 output->path ? output->path : "standard output",
                 reason ? strerror(reason) : "write error");
  }
  kg_output_abort(output);
  return st;
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
    if (!strcmp(arg, commands[i].name)) {
      cli->command = commands[i].name;
      return commands[i].run(cli, argc - 1, argv + 1);
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

  KgCli cli      = {out, err, NULL, {NULL, NULL}, false, &progress};
  cli.log.func   = print_message;
  cli.log.handle = &cli;

  int code = run_command(&cli, argc, argv);
  kg_progress_fini(&progress);

  // Whatever the command, what it printed must have been written: --help
  // or a report into a full disk or a closed pipe is an output error too
  errno            = 0;
  const bool flush = fflush(out) != 0;
  if (code != KG_EXIT_OUTPUT && (flush || ferror(out))) {
    kg_cli_error(&cli,
                 "cannot write standard output: %s",
                 (flush && errno) ? strerror(errno) : "write error");
    code = KG_EXIT_OUTPUT;
  }
  return code;
}
