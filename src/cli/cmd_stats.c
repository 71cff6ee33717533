// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "cli.h"

#include <kgraph/kgraph.h>

#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char* const help =
  "Usage: kgraph stats [OPTION]... INPUT...\n"
  "Read every INPUT into one graph and count its triples and terms, the\n"
  "instances of each class and the uses of each predicate.\n"
  "\n"
  "Options:\n" KG_INPUT_HELP
  "      --json             print the counts as a JSON object\n" KG_COMMON_HELP
  "\n" KG_EXIT_HELP;

typedef struct {
  KgInputOptions in;
  bool           json;
} StatsOptions;

typedef struct {
  KgTermId id;
  size_t   count;
} Count;

static const KgGraph* sort_graph; // Only for qsort's comparator

static int
compare_counts(const void* const a, const void* const b)
{
  const Count* const x = (const Count*)a;
  const Count* const y = (const Count*)b;
  if (x->count != y->count) {
    return x->count > y->count ? -1 : 1;
  }
  return kg_term_compare(sort_graph, x->id, y->id);
}

static int
handle(KgCli* const cli, void* const data, const int c, char* const arg)
{
  StatsOptions* const opts = (StatsOptions*)data;
  const int           r    = kg_cli_input_option(cli, &opts->in, c, arg);
  if (r >= 0) {
    return r;
  }

  if (c == 'J') {
    opts->json = true;
    return 0;
  }
  return kg_cli_usage(cli, "unexpected option");
}

/// Collect the counts of terms at `position` (only objects of `p` if set).
static Count*
collect(const KgGraph* const graph, const KgTermId p, size_t* const n_out)
{
  const size_t    n_terms = kg_graph_n_terms(graph);
  size_t* const   counts  = (size_t*)calloc(n_terms + 1U, sizeof(size_t));
  const KgTriple* triples = kg_graph_triples(graph);
  if (!counts) {
    return NULL;
  }

  size_t n = 0U;
  for (size_t i = 0U; i < kg_graph_size(graph); ++i) {
    const KgTermId id =
      p ? (triples[i].p == p ? triples[i].o : 0U) : triples[i].p;
    if (id && !counts[id]++) {
      ++n;
    }
  }

  Count* const result = (Count*)calloc(n ? n : 1U, sizeof(Count));
  if (result) {
    size_t j = 0U;
    for (KgTermId id = 1U; id <= n_terms; ++id) {
      if (counts[id]) {
        result[j].id    = id;
        result[j].count = counts[id];
        ++j;
      }
    }
    sort_graph = graph;
    qsort(result, n, sizeof(Count), compare_counts);
  }

  free(counts);
  *n_out = n;
  return result;
}

static KgStatus
print_counts(const KgCli* const   cli,
             const KgGraph* const graph,
             const Count* const   counts,
             const size_t         n,
             const bool           json)
{
  for (size_t i = 0U; i < n; ++i) {
    if (json) {
      fputs(i ? ",\n    " : "\n    ", cli->out);
      kg_cli_print_json_string(cli->out, kg_term_text(graph, counts[i].id));
      fprintf(cli->out, ": %zu", counts[i].count);
    } else {
      char* const name = kg_term_to_string(graph, counts[i].id);
      if (!name) {
        return KG_BAD_ALLOC;
      }
      // A name for people: an IRI or a literal may hold controls
      fprintf(cli->out, "  %10zu  ", counts[i].count);
      if (kg_print_for_people(cli->out, kg_sv(name))) {
        // A failed write sets the stream's error flag: checked at the end
      }
      fputc('\n', cli->out);
      kg_free(name);
    }
  }
  return KG_SUCCESS;
}

static KgStatus
print_stats(const KgCli* const cli, const KgGraph* const graph, const bool json)
{
  const size_t    n_terms = kg_graph_n_terms(graph);
  const KgTriple* triples = kg_graph_triples(graph);
  uint8_t* const  seen    = (uint8_t*)calloc(n_terms + 1U, 1U);
  if (!seen) {
    return KG_BAD_ALLOC;
  }

  for (size_t i = 0U; i < kg_graph_size(graph); ++i) {
    seen[triples[i].s] |= 1U;
    seen[triples[i].p] |= 2U;
    seen[triples[i].o] |= 4U;
  }

  size_t n_pos[3]  = {0U, 0U, 0U};
  size_t n_kind[4] = {0U, 0U, 0U, 0U};
  for (KgTermId id = 1U; id <= n_terms; ++id) {
    for (unsigned k = 0U; k < 3U; ++k) {
      n_pos[k] += (seen[id] >> k) & 1U;
    }
    if (seen[id]) {
      ++n_kind[kg_term_kind(graph, id)];
    }
  }
  free(seen);

  const KgTermId type      = kg_graph_find_iri(graph, KG_SV(KG_RDF_TYPE));
  size_t         n_classes = 0U;
  size_t         n_preds   = 0U;
  Count* const   classes   = type ? collect(graph, type, &n_classes) : NULL;
  Count* const   preds     = collect(graph, KG_NO_TERM, &n_preds);
  if ((type && !classes) || !preds) {
    free(classes);
    free(preds);
    return KG_BAD_ALLOC;
  }

  static const char* const names[2][7] = {
    {"triples",
     "subjects",
     "predicates",
     "objects",
     "IRIs",
     "blank nodes",
     "literals"},
    {"triples",
     "subjects",
     "predicates",
     "objects",
     "iris",
     "blank_nodes",
     "literals"},
  };
  const size_t values[7] = {kg_graph_size(graph),
                            n_pos[0],
                            n_pos[1],
                            n_pos[2],
                            n_kind[KG_TERM_IRI],
                            n_kind[KG_TERM_BLANK],
                            n_kind[KG_TERM_LITERAL]};
  if (json) {
    fputs("{\n", cli->out);
  }
  for (unsigned i = 0U; i < 7U; ++i) {
    if (json) {
      fprintf(cli->out, "  \"%s\": %zu,\n", names[1][i], values[i]);
    } else {
      fprintf(cli->out, "%-12s %10zu\n", names[0][i], values[i]);
    }
  }

  fputs(json ? "  \"instances_per_class\": {" : "\ninstances per class:\n",
        cli->out);
  KgStatus st = print_counts(cli, graph, classes, n_classes, json);
  if (!st) {
    fputs(json ? (n_classes ? "\n  },\n  \"uses_per_predicate\": {"
                            : "},\n  \"uses_per_predicate\": {")
               : "\nuses per predicate:\n",
          cli->out);
    st = print_counts(cli, graph, preds, n_preds, json);
  }
  if (!st && json) {
    fputs(n_preds ? "\n  }\n}\n" : "}\n}\n", cli->out);
  }

  free(classes);
  free(preds);
  return st;
}

static const struct option long_opts[] = {
  KG_INPUT_LONG_OPTIONS,
  {"json", no_argument, NULL, 'J'},
  KG_COMMON_LONG_OPTIONS,
};

static int
run(KgCli* const cli, void* const data, const int n_args, char** const args)
{
  StatsOptions* const opts = (StatsOptions*)data;

  KgGraph* graph = NULL;
  KgStatus st    = kg_cli_load(cli, args, n_args, &opts->in, &graph);
  if (!st) {
    kg_cli_doing(cli, "counting");
    st = print_stats(cli, graph, opts->json);
    if (st == KG_BAD_ALLOC) {
      kg_cli_oom(cli, st);
    } else if (kg_cli_flush(cli)) {
      st = KG_BAD_WRITE;
    }
  }

  kg_graph_free(graph);
  return kg_cli_exit_status(st);
}

const KgCommand kg_cmd_stats =
  KG_COMMAND("stats",
             "count triples, terms, classes and properties",
             ":hq",
             1,
             StatsOptions,
             NULL,
             false);
