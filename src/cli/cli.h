// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_CLI_CLI_H
#define KG_CLI_CLI_H

#include "progress.h"

#include <kgraph/kgraph.h>

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

/// Exit statuses (never change once released).
enum {
  KG_EXIT_SUCCESS  = 0, ///< Success; for diff, the graphs are equal
  KG_EXIT_FOUND    = 1, ///< diff found differences, check found violations
  KG_EXIT_USAGE    = 2, ///< Bad option or argument
  KG_EXIT_INPUT    = 3, ///< Unreadable, malformed or invalid input
  KG_EXIT_OUTPUT   = 4, ///< Cannot write output
  KG_EXIT_INTERNAL = 5, ///< Out of memory or internal error
};

/**
   What a run has said, and what it is doing: when memory runs out, the
   program says "out of memory while DOING", once.
*/
typedef struct {
  char     doing[320]; ///< "reading 'FILE'", "writing Turtle", ...
  unsigned n_errors;   ///< Errors printed so far
  bool     said_oom;   ///< "out of memory" was printed
} KgCliReport;

/// What every command gets.
typedef struct {
  FILE*        out;      ///< Standard output
  FILE*        err;      ///< Standard error
  const char*  command;  ///< Command name, for messages
  KgLog        log;      ///< Diagnostics to `err`
  bool         quiet;    ///< Print errors only
  KgProgress*  progress; ///< The progress line (cleared before a message)
  KgCliReport* report;   ///< What was said, what is being done
} KgCli;

/**
   A command of the program: its name, its texts, its options and what it
   does.  The program reads the options of the command named (see
   kg_cli_main()) into a zeroed options struct of `opts_size` bytes, set
   up by `init` if given, then calls `run` with the operands.
*/
typedef struct {
  const char* name;       ///< "export", as typed
  const char* summary;    ///< One line of kgraph --help (may use placeholders)
  const char* help;       ///< COMMAND --help, as for kg_cli_print_help()
  const char* short_opts; ///< Short options, for getopt_long
  const struct option* long_opts; ///< Ending in KG_COMMON_LONG_OPTIONS

  /// Handle option `c` (with `arg`) into `opts`.  @return 0 or an exit
  /// status.
  int (*handle)(KgCli* cli, void* opts, int c, char* arg);

  void (*init)(void* opts); ///< Set the defaults in `opts`, or NULL
  size_t opts_size;         ///< Size of the command's options struct
  int    min_operands;      ///< The fewest operands (INPUT...) it takes
  bool   pictures; ///< Draws pictures only: refused if they are not built in

  /// Run with the options read and the `n_args` operands `args`.
  /// @return the exit status.
  int (*run)(KgCli* cli, void* opts, int n_args, char** args);
} KgCommand;

/// Run the program as `kgraph ARGS...`.  @return the exit status.
int
kg_cli_main(int argc, char** argv, FILE* out, FILE* err);

/// Run the program as kg_cli_main(), with `out` and `err` seen as
/// `terminal` says (tests pretend that they are a terminal).
int
kg_cli_run(int               argc,
           char**            argv,
           FILE*             out,
           FILE*             err,
           const KgTerminal* terminal);

/**
   Print the help text `text` to `out`, with lists of syntaxes from the
   library's table in place of its placeholders: `@READ@`, `@WRITE@` and
   `@READ_WRITE@` (names, "ntriples, turtle"), `@READ_LABELS@` and
   `@WRITE_LABELS@` (for people, "N-Triples or Turtle").  A list that would
   run past column 79 goes on at column 25, under the option texts.
*/
void
kg_cli_print_help(FILE* out, const char* text);

/// Which syntaxes of the library's table a list shows.
typedef enum {
  KG_SYNTAXES_READ,         ///< Those kgraph reads
  KG_SYNTAXES_WRITTEN,      ///< Those kgraph writes
  KG_SYNTAXES_READ_WRITTEN, ///< Those kgraph reads and writes
} KgSyntaxSet;

/// Room for a list of syntax names in a message.
#define KG_CLI_SYNTAX_LIST_SIZE 256U

/**
   Write the names of the syntaxes of `kind`, in the table's order and
   separated by ", " (as kg_syntax_list() does), to `buf` of `size` bytes.

   @return `buf`.
*/
const char*
kg_cli_syntax_list(KgSyntaxSet kind, char* buf, size_t size);

/**
   Handle --to `name`, an output syntax of `kind`, into `*to`:
   KG_SYNTAXES_WRITTEN takes any syntax kgraph writes (DOT if pictures are
   built in), KG_SYNTAXES_READ_WRITTEN those it writes but DOT.

   @return 0, or the exit status of the usage error.
*/
int
kg_cli_to_option(const KgCli* cli,
                 KgSyntaxSet  kind,
                 const char*  name,
                 KgSyntax*    to);

/**
   If no --to was given (`*to` is KG_SYNTAX_NONE) and `output` names a
   file (not NULL or "-"), set `*to` from its extension, a syntax of `kind`
   as for kg_cli_to_option().

   @return -1 to go on, or the exit status of the usage error.
*/
int
kg_cli_output_syntax(const KgCli* cli,
                     KgSyntaxSet  kind,
                     const char*  output,
                     KgSyntax*    to);

/// Return the exit status for status `st`.
int
kg_cli_exit_status(KgStatus st);

/**
   Report a usage error: `kgraph: MESSAGE` and a pointer to --help.

   @return KG_EXIT_USAGE.
*/
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int
kg_cli_usage(const KgCli* cli, const char* fmt, ...);

/// Report an error without location: `kgraph: error: MESSAGE`.
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void
kg_cli_error(const KgCli* cli, const char* fmt, ...);

/// Say what the command does from now on ("writing Turtle"), for the
/// message if memory runs out.
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void
kg_cli_doing(const KgCli* cli, const char* fmt, ...);

/**
   If `st` is KG_BAD_ALLOC, say `kgraph: error: out of memory while DOING`
   (what kg_cli_doing() last said), unless it was said already.
   @return `st`, passed through; a caller that only reports may ignore it
   (so it is not KG_NODISCARD).
*/
KgStatus
kg_cli_oom(const KgCli* cli, KgStatus st);

/// The most --ontology files a command takes.
#define KG_MAX_ONTOLOGIES 64

/// Common reading options, shared by every command that reads graphs.
typedef struct {
  KgSyntax    from;
  const char* base;
  bool        lax;
  char*       ontologies[KG_MAX_ONTOLOGIES]; ///< --ontology files
  int         n_ontologies;
} KgInputOptions;

/// Handle a common reading option (--from, --base, --lax, --ontology).
/// @return 0 if handled, -1 if `c` is not one, or an exit status.
int
kg_cli_input_option(KgCli* cli, KgInputOptions* in, int c, char* arg);

/// Read every file of `paths` into `graph`.  @return a status.
KG_NODISCARD KgStatus
kg_cli_read(const KgCli*          cli,
            KgGraph*              graph,
            char* const*          paths,
            int                   n_paths,
            const KgInputOptions* in);

/**
   Make a new graph in `*graph` and read every file of `paths` into it.

   `*graph` is set even on error (NULL if memory ran out); free it with
   kg_graph_free().  @return a status.
*/
KG_NODISCARD KgStatus
kg_cli_load(const KgCli*          cli,
            char* const*          paths,
            int                   n_paths,
            const KgInputOptions* in,
            KgGraph**             graph);

/**
   Read the two documents at `paths` (old and new; "/dev/null" is an empty
   graph) into `graphs`, and compare them.  A document whose syntax its
   name does not tell is read in the syntax of `hint` (a path), if given.

   @return KG_SUCCESS or an error (reported); `graphs` are set either way.
*/
KG_NODISCARD KgStatus
kg_cli_diff(const KgCli*          cli,
            const KgInputOptions* in,
            char* const           paths[2],
            const char*           hint,
            uint64_t              max_work,
            KgGraph*              graphs[2],
            KgDiff**              diff);

/// Parse a whole number from 0 to `max`, or return -1.
long long
kg_cli_parse_number(const char* arg, long long max);

/// Handle --max-work `arg`, a positive number, into `*max_work`.
/// @return 0, or the exit status of the usage error.
int
kg_cli_max_work_option(const KgCli* cli, const char* arg, uint64_t* max_work);

/**
   Flush the standard output of `cli`, and say if what was printed to it
   could not be written (`kgraph: error: cannot write standard output: ...`).
   @return KG_SUCCESS or KG_BAD_WRITE.
*/
KgStatus
kg_cli_flush(const KgCli* cli);

/// Print `s` as a JSON string, quoted and escaped.
void
kg_cli_print_json_string(FILE* out, KgStringView s);

/// Options of pictures (export --to dot, render).
typedef struct {
  KgDotOptions dot;
  char*        style_path;  ///< --style FILE, or NULL
  const char*  exclude[64]; ///< --exclude properties
  bool         any;         ///< Some picture option was given
} KgDotCli;

/// Start with the default picture options.
void
kg_cli_dot_init(KgDotCli* dot);

/// Handle a picture option.  @return 0 if handled, -1 if `c` is not one,
/// or an exit status.
int
kg_cli_dot_option(KgCli* cli, KgDotCli* dot, int c, char* arg);

/// Options of the commands that draw a graph (export, render): reading,
/// pictures, -o FILE and --schema.
typedef struct {
  KgInputOptions in;
  KgDotCli       dot;
  const char*    output; ///< -o FILE, or NULL
  bool           schema; ///< --schema: draw INPUT as an ontology
} KgDrawOptions;

/**
   Set the default picture options in `opts`, the zeroed options of a
   command that draws: a struct whose first member is a KgDrawOptions.
   For KgCommand.init.
*/
void
kg_cli_draw_init(void* opts);

/// Long options of KgDrawOptions (see kg_cli_draw_option()).
#define KG_DRAW_LONG_OPTIONS                                           \
  KG_INPUT_LONG_OPTIONS, KG_ONTOLOGY_LONG_OPTION, KG_DOT_LONG_OPTIONS, \
    {"output", required_argument, NULL, 'o'},                          \
  {                                                                    \
    "schema", no_argument, NULL, 1100                                  \
  }

/// Handle an option of KgDrawOptions.  @return 0 if handled, -1 if `c` is
/// not one, or an exit status.
int
kg_cli_draw_option(KgCli* cli, KgDrawOptions* draw, int c, char* arg);

/**
   If pictures are not built in (kg_dot_available()), say so as the
   library does, and return the exit status (2); else return -1.  The
   program calls this for every command marked `pictures`; the others
   call it when an option asks for a picture.
*/
int
kg_cli_no_pictures(const KgCli* cli);

/**
   After a picture was refused with `st` KG_BAD_LIMIT, say which options
   draw it: `kgraph: note: ...` (nothing otherwise, or with -q).  Add -K
   sfdp if `dot_engine`, the engine asked for was dot.
*/
void
kg_cli_dot_hint(const KgCli* cli, KgStatus st, bool dot_engine);

/**
   After blank nodes could not be labelled or matched with `st`
   KG_BAD_LIMIT, say which option sets the work limit: `kgraph: note: ...`
   (nothing otherwise, or with -q).
*/
void
kg_cli_work_hint(const KgCli* cli, KgStatus st);

/// Read the --style file, if any, into `*style` (else NULL).
KG_NODISCARD KgStatus
kg_cli_dot_style(const KgCli*          cli,
                 KgDotCli*             dot,
                 const KgInputOptions* in,
                 KgGraph**             style);

/**
   Read the --ontology files of `in`, if any, into `*ontology` (else NULL).

   `*ontology` is set even on error; free it with kg_graph_free().
   @return a status.
*/
KG_NODISCARD KgStatus
kg_cli_load_ontology(const KgCli*          cli,
                     const KgInputOptions* in,
                     KgGraph**             ontology);

/**
   Read what guides a picture: the --ontology files of `in` into
   `*ontology`, then the --style file of `dot` into `*style` (each NULL if
   none).  Both are set even on error; free them with kg_graph_free().
   @return a status.
*/
KG_NODISCARD KgStatus
kg_cli_load_guides(const KgCli*          cli,
                   const KgInputOptions* in,
                   KgDotCli*             dot,
                   KgGraph**             ontology,
                   KgGraph**             style);

/**
   With --schema in `draw` (the whole ontology is drawn), refuse the options
   that draw part of a graph: --focus, --cluster-by, --exclude.
   @return -1 to go on, or the exit status of the usage error.
*/
int
kg_cli_schema_whole(const KgCli* cli, const KgDrawOptions* draw);

/// Long options of pictures.
#define KG_DOT_LONG_OPTIONS                        \
  {"lang", required_argument, NULL, 1000},         \
    {"literals", required_argument, NULL, 1001},   \
    {"max-label", required_argument, NULL, 1002},  \
    {"focus", required_argument, NULL, 1003},      \
    {"depth", required_argument, NULL, 1004},      \
    {"cluster-by", required_argument, NULL, 1005}, \
    {"exclude", required_argument, NULL, 1006},    \
    {"max-nodes", required_argument, NULL, 1007},  \
    {"style", required_argument, NULL, 1008},      \
    {"no-legend", no_argument, NULL, 1009},        \
    {"max-size", required_argument, NULL, 1010},   \
  {                                                \
    "max-rows", required_argument, NULL, 1011      \
  }

/// Help lines for KG_DOT_LONG_OPTIONS.
#define KG_DOT_HELP                                                            \
  "      --lang=LANG        label language (default: en)\n"                    \
  "      --literals=HOW     literals as a table in their node (table, the\n"   \
  "                         default), one node per triple (nodes), or none\n"  \
  "      --max-label=N      cut texts at N characters (default: 60; 0: all)\n" \
  "      --focus=ENTITY     draw the neighbourhood of ENTITY (an IRI, a\n"     \
  "                         QName or a label)\n"                               \
  "      --depth=N          with --focus: how many steps away (default: 1)\n"  \
  "      --cluster-by=PROP  group nodes by the object of property PROP\n"      \
  "      --exclude=PROP     leave property PROP out (repeatable)\n"            \
  "      --max-nodes=N      refuse to draw more than N nodes (default:\n"      \
  "                         5000; 0: no limit)\n"                              \
  "      --max-size=N       refuse to draw more than N nodes, edges and\n"     \
  "                         table rows together (default: 20000; 0: no\n"      \
  "                         limit)\n"                                          \
  "      --max-rows=N       show at most N literals in a node's table, and\n"  \
  "                         a row that counts the others (default: 32;\n"      \
  "                         0: all)\n"                                         \
  "      --style=FILE       style classes and properties with FILE instead\n"  \
  "                         of the built-in style (ontology/style.ttl)\n"      \
  "      --no-legend        leave out the legend\n"

/// Where an output file's stream writes, and why it failed.
typedef struct {
  int fd;    ///< File descriptor written (not closed with the stream)
  int error; ///< errno of the first failed write, or 0
} KgOutputSink;

/**
   An output file, written as a shell's `>` would write it, but atomically
   (see KgFileReplace).
*/
typedef struct {
  FILE*         file;    ///< Where to write
  KgOutputSink* sink;    ///< What `file` writes into, or NULL (a memory stream)
  const char*   path;    ///< Path as given, or NULL for standard output
  KgFileReplace replace; ///< The file written, if `path`
  bool          finished; ///< Written and closed: only the commit is left
  int           slot;     ///< Slot of the new file in the signal registry
  FILE*         raw;      ///< What `file` counts bytes into, or NULL
} KgOutputFile;

/**
   Open `path` ("-" or NULL: standard output) for writing.

   With a progress line, what is written is counted, and the first byte
   starts the phase "writing"; output to the terminal ends the line.
*/
KG_NODISCARD KgStatus
kg_output_open(const KgCli* cli, KgOutputFile* output, const char* path);

/**
   Finish writing an output with status `st` without putting it in place:
   flush and close it.  On error, report it and remove what was written.

   A side file (canon's --map) is finished, then put in place with
   kg_output_commit() only once the main output was.

   @return `st`, or the error of finishing.
*/
KG_NODISCARD KgStatus
kg_output_finish(const KgCli* cli, KgOutputFile* output, KgStatus st);

/// Finish the output if it was not, and put it in place.
KG_NODISCARD KgStatus
kg_output_commit(const KgCli* cli, KgOutputFile* output);

/// Close the output and remove what was written.
void
kg_output_abort(KgOutputFile* output);

/**
   Finish an output after writing it with status `st`: commit it on success,
   otherwise report a write error and remove what was written.

   @return `st`, or the error of committing.
*/
KG_NODISCARD KgStatus
kg_output_close(const KgCli* cli, KgOutputFile* output, KgStatus st);

/**
   Remove every temporary output file and die of the signal, on SIGINT,
   SIGTERM, SIGHUP and SIGPIPE (those not ignored when kgraph started).

   Only the program calls this, never the tests that run kg_cli_main().
*/
void
kg_cli_handle_signals(void);

/**
   The KgCommand of a file that defines, as the table needs them, `help`,
   `long_opts`, `handle` and `run`: the command `name` with the options
   struct `Options`, set up by `init` (or NULL).
*/
#define KG_COMMAND(                                                            \
  name, summary, short_opts, min_operands, Options, init, pictures)            \
  {                                                                            \
    name, summary, help, short_opts, long_opts, handle, init, sizeof(Options), \
      min_operands, pictures, run                                              \
  }

/// The commands, in the order of kgraph --help.
extern const KgCommand kg_cmd_export;
extern const KgCommand kg_cmd_check;
extern const KgCommand kg_cmd_stats;
extern const KgCommand kg_cmd_render;
extern const KgCommand kg_cmd_diff;
extern const KgCommand kg_cmd_patch;
extern const KgCommand kg_cmd_canon;
extern const KgCommand kg_cmd_push;

/// Long options shared by commands that read graphs.
#define KG_INPUT_LONG_OPTIONS               \
  {"from", required_argument, NULL, 'F'},   \
    {"base", required_argument, NULL, 'B'}, \
  {                                         \
    "lax", no_argument, NULL, 'L'           \
  }

/// Long options every command has, and the end of the table.
#define KG_COMMON_LONG_OPTIONS                                         \
  {"quiet", no_argument, NULL, 'q'}, {"help", no_argument, NULL, 'h'}, \
  {                                                                    \
    NULL, 0, NULL, 0                                                   \
  }

/// The --ontology option, for the commands that take one.
#define KG_ONTOLOGY_LONG_OPTION              \
  {                                          \
    "ontology", required_argument, NULL, 'O' \
  }

/// Help lines for KG_INPUT_LONG_OPTIONS.
#define KG_INPUT_HELP                                                \
  "      --from=FORMAT      input syntax: @READ@\n"                  \
  "                         (default: from each file's extension)\n" \
  "      --base=IRI         resolve relative IRIs against IRI\n"     \
  "                         (default: each file's own file: IRI)\n"  \
  "      --lax              report bad statements, skip them and go on\n"

/// Help lines every command has.
#define KG_COMMON_HELP                                              \
  "  -q, --quiet            print errors only (no progress line)\n" \
  "  -h, --help             display this help and exit\n"

/// The exit status table for the --help of a command that answers no
/// question (1 is for diff and check).
#define KG_EXIT_HELP \
  "Exit status: 0 ok, 2 usage, 3 input, 4 output, 5 internal.\n"

#endif // KG_CLI_CLI_H
