// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "cli.h"

#include <kgraph/kgraph.h>

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char* const help =
  "Usage: kgraph canon [OPTION]... INPUT...\n"
  "Write INPUT as canonical N-Triples (N-Quads if it has named graphs):\n"
  "blank nodes labelled by RDF Dataset Canonicalization (RDFC-1.0), one\n"
  "triple a line, sorted.  Two inputs give the same bytes exactly when they\n"
  "hold the same graph, whatever their syntax, order or blank node labels.\n"
  "\n"
  "Options:\n" KG_INPUT_HELP
  "  -o, --output=FILE      write to FILE (default: standard output)\n"
  "      --hash=ALGORITHM   sha256 (default) or sha384\n"
  "      --max-work=N       stop after N steps of hashing blank nodes that\n"
  "                         look alike (default: from their number)\n"
  "      --map=FILE         write the issued identifiers map to FILE as JSON\n"
  "                         (input label to canonical label; one "
  "INPUT)\n" KG_COMMON_HELP "\n" KG_EXIT_HELP;

typedef struct {
  KgInputOptions  in;
  const char*     output;
  const char*     map;
  KgHashAlgorithm hash;
  uint64_t        max_work;
} CanonOptions;

static int
handle(KgCli* const cli, void* const data, const int c, char* const arg)
{
  CanonOptions* const opts = (CanonOptions*)data;
  const int           r    = kg_cli_input_option(cli, &opts->in, c, arg);
  if (r >= 0) {
    return r;
  }

  switch (c) {
  case 'o':
    opts->output = arg;
    return 0;
  case 'H':
    if (!strcmp(arg, "sha256") || !strcmp(arg, "SHA256")) {
      opts->hash = KG_HASH_SHA256;
    } else if (!strcmp(arg, "sha384") || !strcmp(arg, "SHA384")) {
      opts->hash = KG_HASH_SHA384;
    } else {
      return kg_cli_usage(
        cli, "unknown hash '%s' (known: sha256, sha384)", arg);
    }
    return 0;
  case 'W':
    return kg_cli_max_work_option(cli, arg, &opts->max_work);
  case 'M':
    opts->map = arg;
    return 0;
  default:
    break;
  }
  return kg_cli_usage(cli, "unexpected option");
}

/// Write the issued identifiers map of `canon` to `path`, to put in place
/// later with kg_output_commit().
static KgStatus
write_map(const KgCli* const   cli,
          const KgCanon* const canon,
          const char* const    path,
          KgOutputFile* const  output)
{
  const KgStatus st = kg_output_open(cli, output, path);
  if (st) {
    return st;
  }
  return kg_output_finish(cli, output, kg_canon_write_map(canon, output->file));
}

static const struct option long_opts[] = {
  KG_INPUT_LONG_OPTIONS,
  {"output", required_argument, NULL, 'o'},
  {"hash", required_argument, NULL, 'H'},
  {"max-work", required_argument, NULL, 'W'},
  {"map", required_argument, NULL, 'M'},
  KG_COMMON_LONG_OPTIONS,
};

static int
run(KgCli* const cli, void* const data, const int n_args, char** const args)
{
  CanonOptions* const opts = (CanonOptions*)data;
  if (opts->map && n_args > 1) {
    return kg_cli_usage(cli,
                        "--map needs exactly one INPUT (labels are "
                        "those of one document)");
  }

  KgGraph* graph = NULL;
  KgCanon* canon = NULL;
  KgStatus st    = kg_cli_load(cli, args, n_args, &opts->in, &graph);
  if (!st) {
    kg_progress_phase(cli->progress,
                      "canonicalizing",
                      NULL,
                      false,
                      0U,
                      NULL,
                      kg_graph_size(graph));
    kg_cli_doing(cli, "labelling blank nodes");
    const KgCanonOptions copts = {opts->hash, opts->max_work, cli->log};
    st                         = kg_canon_new(graph, &copts, &canon);
    kg_cli_work_hint(cli, st);
  }

  // The map is put in place only once the output is: on any error, neither
  // file is touched
  if (!st) {
    kg_cli_doing(cli, "writing canonical N-Triples");
    KgOutputFile output;
    KgOutputFile map;
    memset(&map, 0, sizeof(map));
    if (!(st = kg_output_open(cli, &output, opts->output))) {
      // Until the first byte is written (then "writing")
      kg_progress_phase(
        cli->progress, "sorting", NULL, false, 0U, NULL, kg_graph_size(graph));
      st = kg_output_finish(cli, &output, kg_canon_write(canon, output.file));
      if (!st && opts->map) {
        kg_cli_doing(cli, "writing the map of blank nodes");
        st = write_map(cli, canon, opts->map, &map);
      }
      if (st) {
        kg_output_abort(&output);
      } else if (!(st = kg_output_commit(cli, &output)) && opts->map) {
        st = kg_output_commit(cli, &map);
      }
      kg_output_abort(&map); // Nothing left, unless an error came first
    }
  }

  kg_canon_free(canon);
  kg_graph_free(graph);
  return kg_cli_exit_status(st);
}

const KgCommand kg_cmd_canon =
  KG_COMMAND("canon",
             "write INPUT as canonical sorted N-Triples",
             ":ho:q",
             1,
             CanonOptions,
             NULL,
             false);
