// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// What the fuzzers do with one input, shared with the replay test: read it
// in one syntax and, if it is a graph, write it back as N-Quads, Turtle and
// RDF/XML (the two last if they can hold it), read those again and check
// that they hold the same graph, canonicalize it, and diff it against
// itself and against its N-Quads read back in reverse order (its blank
// nodes numbered the other way round).  Any difference is a bug: abort().

#ifndef KG_FUZZ_ONE_H
#define KG_FUZZ_ONE_H

#include <kgraph/kgraph.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/// Write `graph` in `syntax` into a new string; NULL if it cannot.
static char*
kg_fuzz_write(const KgGraph* const graph,
              const KgSyntax       syntax,
              size_t* const        len)
{
  char*       text   = NULL;
  FILE* const stream = open_memstream(&text, len);
  if (!stream) {
    return NULL;
  }

  const KgWriteOptions options = {syntax, {NULL, NULL}, 0U, NULL};
  const KgStatus       st      = kg_graph_write(graph, stream, &options);
  fclose(stream);
  if (st) {
    free(text);
    return NULL;
  }
  return text;
}

/// Read `text` back in `syntax`; abort unless it is the same as `graph`.
static void
kg_fuzz_check_round_trip(const KgGraph* const graph,
                         const KgSyntax       syntax,
                         const char* const    text,
                         const size_t         len)
{
  KgGraph* const      again   = kg_graph_new();
  const KgStringView  view    = {text, len};
  const KgReadOptions options = {
    syntax, "http://fuzz.example/", 0U, {NULL, NULL}};
  if (!again || kg_graph_read_string(again, view, "again", &options)) {
    fprintf(stderr,
            "kgraph cannot read its own %s:\n%.*s\n",
            kg_syntax_name(syntax),
            (int)len,
            text);
    abort();
  }

  KgStatus st = KG_SUCCESS;
  if (!kg_graph_is_isomorphic(graph, again, &st) && st != KG_BAD_LIMIT) {
    fprintf(stderr,
            "kgraph's %s is another graph:\n%.*s\n",
            kg_syntax_name(syntax),
            (int)len,
            text);
    abort();
  }
  kg_graph_free(again);
}

/// Return the lines of `text` in reverse order, in a new string (free()).
static char*
kg_fuzz_reverse_lines(const char* const text, const size_t len)
{
  char* const out = (char*)malloc(len + 2U);
  if (!out) {
    return NULL;
  }
  size_t n   = 0U;
  size_t end = len;
  while (end) {
    size_t start = end - 1U; // At the newline that ends this line
    while (start && text[start - 1U] != '\n') {
      --start;
    }
    for (size_t i = start; i < end; ++i) {
      out[n++] = text[i];
    }
    if (text[end - 1U] != '\n') {
      out[n++] = '\n';
    }
    end = start;
  }
  out[n] = '\0';
  return out;
}

/// Abort if `graph` differs from `nquads` (its N-Quads) in reverse order.
static void
kg_fuzz_check_diff(const KgGraph* const graph,
                   const char* const    nquads,
                   const size_t         len)
{
  char* const         reversed = kg_fuzz_reverse_lines(nquads, len);
  KgGraph* const      copy     = kg_graph_new();
  const KgReadOptions options  = {
     KG_SYNTAX_NQUADS, "http://fuzz.example/", 0U, {NULL, NULL}};
  if (!reversed || !copy ||
      kg_graph_read_string(copy, kg_sv(reversed), "reversed", &options)) {
    free(reversed);
    kg_graph_free(copy);
    return;
  }

  // Past the work limit, diff fails rather than report changes
  const KgDiffOptions dopts = {0U, {NULL, NULL}};
  KgDiff*             diff  = NULL;
  if (!kg_diff_new(graph, copy, &dopts, &diff)) {
    size_t n_removed = 0U;
    size_t n_added   = 0U;
    kg_diff_removed(diff, &n_removed);
    kg_diff_added(diff, &n_added);
    if (n_removed || n_added) {
      fprintf(stderr,
              "a graph differs from its lines reversed: -%zu +%zu\n%s",
              n_removed,
              n_added,
              reversed);
      abort();
    }
  }
  kg_diff_free(diff);
  kg_graph_free(copy);
  free(reversed);
}

static int
kg_fuzz_one(const KgSyntax syntax, const uint8_t* const data, const size_t size)
{
  KgGraph* const      graph   = kg_graph_new();
  const KgStringView  text    = {(const char*)data, size};
  const KgReadOptions options = {
    syntax, "http://fuzz.example/", 0U, {NULL, NULL}};
  if (!graph || kg_graph_read_string(graph, text, "fuzz", &options)) {
    kg_graph_free(graph);
    return 0;
  }

  // Written and read again: the same graph
  static const KgSyntax outputs[] = {
    KG_SYNTAX_NQUADS, KG_SYNTAX_TURTLE, KG_SYNTAX_RDFXML};
  for (size_t i = 0U; i < sizeof(outputs) / sizeof(outputs[0]); ++i) {
    size_t      len     = 0U;
    char* const written = kg_fuzz_write(graph, outputs[i], &len);
    if (written) {
      kg_fuzz_check_round_trip(graph, outputs[i], written, len);
      if (outputs[i] == KG_SYNTAX_NQUADS) {
        kg_fuzz_check_diff(graph, written, len);
      }
    } else if (outputs[i] == KG_SYNTAX_NQUADS) {
      fputs("kgraph cannot write N-Quads of a graph it read\n", stderr);
      abort();
    }
    free(written);
  }

  // Canonical labels, with a small limit (symmetric inputs stop early)
  const KgCanonOptions copts = {KG_HASH_SHA256, 20000U, {NULL, NULL}};
  KgCanon*             canon = NULL;
  if (!kg_canon_new(graph, &copts, &canon)) {
    FILE* const null = fopen("/dev/null", "w");
    if (null) {
      kg_canon_write(canon, null);
      fclose(null);
    }
  }
  kg_canon_free(canon);

  // A graph is no different from itself (past the default work limit,
  // diff fails rather than report changes)
  const KgDiffOptions dopts = {0U, {NULL, NULL}};
  KgDiff*             diff  = NULL;
  if (!kg_diff_new(graph, graph, &dopts, &diff)) {
    size_t n_removed = 0U;
    size_t n_added   = 0U;
    kg_diff_removed(diff, &n_removed);
    kg_diff_added(diff, &n_added);
    if (n_removed || n_added) {
      fprintf(
        stderr, "a graph differs from itself: -%zu +%zu\n", n_removed, n_added);
      abort();
    }
  }
  kg_diff_free(diff);
  kg_graph_free(graph);
  return 0;
}

#endif // KG_FUZZ_ONE_H
