// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// What the fuzzers do with a graph, shared with the replay test: the
// oracle, kg_fuzz_check().  Any failure is a bug: abort().
//
// - Written in every syntax kgraph writes (N-Quads, N-Triples, Turtle,
//   RDF/XML abbreviated and plain), read back: the same graph.  N-Quads
//   always, the others unless the graph has named graphs; RDF/XML may
//   refuse (KG_BAD_DATA) what it cannot express.  Each text is at most
//   KG_FUZZ_GROWTH times the N-Quads, plus a constant: no output grows
//   faster than its graph, whatever the graph's shape.  DOT is written,
//   for small graphs, and must not fail.
// - A copy with other blank-node labels and the triples in another order
//   (kg_fuzz_relabel()): isomorphic to the graph, the same canonical
//   N-Quads, no difference in diff (either way), and, when the graph has
//   no blank nodes, the same bytes in every syntax.
// - The graph is no different from itself.
//
// A work limit (KG_BAD_LIMIT) is an answer: only a wrong answer aborts.

#ifndef KG_FUZZ_ONE_H
#define KG_FUZZ_ONE_H

#include <kgraph/kgraph.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Output may be this many times the size of the graph's N-Quads, plus
/// KG_FUZZ_SLACK bytes (namespace declarations, headers)
#define KG_FUZZ_GROWTH 32U
#define KG_FUZZ_SLACK 65536U

/// DOT is written for graphs of at most this many triples (cgraph is slow)
#define KG_FUZZ_DOT_MAX 4096U

/// Work limits: symmetric inputs stop early, and say so
#define KG_FUZZ_CANON_WORK 20000U
#define KG_FUZZ_DIFF_WORK 2000000U

/// A syntax as the oracle writes it.
typedef struct {
  KgSyntax     syntax;
  KgWriteFlags flags;
  const char*  name;
} KgFuzzOutput;

static const KgFuzzOutput kg_fuzz_outputs[] = {
  {KG_SYNTAX_NQUADS, 0U, "nquads"},
  {KG_SYNTAX_NTRIPLES, 0U, "ntriples"},
  {KG_SYNTAX_TURTLE, 0U, "turtle"},
  {KG_SYNTAX_RDFXML, 0U, "rdfxml"},
  {KG_SYNTAX_RDFXML, KG_WRITE_PLAIN, "rdfxml --plain"},
};

#define KG_FUZZ_N_OUTPUTS (sizeof(kg_fuzz_outputs) / sizeof(kg_fuzz_outputs[0]))

static inline void
kg_fuzz_fail(const char* const what, const char* const text, const size_t len)
{
  fprintf(stderr, "fuzz oracle: %s\n", what);
  if (text) {
    // The start is enough to see the shape
    fprintf(stderr, "%.*s\n", (int)(len < 4096U ? len : 4096U), text);
  }
  abort();
}

/// Write `graph` as `output` into a new string; NULL and the status if not.
static inline char*
kg_fuzz_write(const KgGraph* const      graph,
              const KgFuzzOutput* const output,
              size_t* const             len,
              KgStatus* const           status)
{
  char*       text   = NULL;
  FILE* const stream = open_memstream(&text, len);
  if (!stream) {
    kg_fuzz_fail("out of memory", NULL, 0U);
  }

  const KgWriteOptions options = {
    output->syntax, {NULL, NULL}, output->flags, NULL};
  *status = kg_graph_write(graph, stream, &options);
  if (fclose(stream)) {
    kg_fuzz_fail("cannot close a memory stream", NULL, 0U);
  }
  if (*status) {
    free(text);
    return NULL;
  }
  return text;
}

static inline char*
kg_fuzz_canon(const KgGraph* graph, size_t* len);

/**
   Return false iff `a` and `b` are known not to be isomorphic.

   Datasets with named graphs are compared by their canonical N-Quads with
   the oracle's small work limit (kg_graph_is_isomorphic() would use the
   default limit, seconds in a release build and far more under the
   sanitizers): past it, they count as the same.
*/
static inline bool
kg_fuzz_same(const KgGraph* const a, const KgGraph* const b)
{
  if (!kg_graph_has_names(a) && !kg_graph_has_names(b)) {
    KgStatus st = KG_SUCCESS;
    return kg_graph_is_isomorphic(a, b, &st) || st == KG_BAD_LIMIT;
  }

  size_t      len_a   = 0U;
  size_t      len_b   = 0U;
  char* const canon_a = kg_fuzz_canon(a, &len_a);
  char* const canon_b = canon_a ? kg_fuzz_canon(b, &len_b) : NULL;
  const bool  same    = !canon_a || !canon_b ||
                    (len_a == len_b && !memcmp(canon_a, canon_b, len_a));
  free(canon_b);
  free(canon_a);
  return same;
}

/// Read `text` back in `syntax`; abort unless it is the same as `graph`.
static inline void
kg_fuzz_check_round_trip(const KgGraph* const      graph,
                         const KgFuzzOutput* const output,
                         const char* const         text,
                         const size_t              len)
{
  KgGraph* const      again   = kg_graph_new();
  const KgStringView  view    = {text, len};
  const KgReadOptions options = {
    output->syntax, "http://fuzz.example/", 0U, {NULL, NULL}};
  if (!again || kg_graph_read_string(again, view, "again", &options)) {
    fprintf(stderr, "kgraph cannot read its own %s\n", output->name);
    kg_fuzz_fail("unreadable output", text, len);
  }

  if (!kg_fuzz_same(graph, again)) {
    fprintf(stderr, "kgraph's %s is another graph\n", output->name);
    kg_fuzz_fail("output is another graph", text, len);
  }
  kg_graph_free(again);
}

/// Return true iff a triple of `graph` has a blank node.
static inline bool
kg_fuzz_has_blanks(const KgGraph* const graph)
{
  const KgTriple* const triples = kg_graph_triples(graph);
  for (size_t i = 0U; i < kg_graph_size(graph); ++i) {
    if (kg_term_is_blank(graph, triples[i].s) ||
        kg_term_is_blank(graph, triples[i].o) ||
        kg_term_is_blank(graph, kg_graph_name(graph, i))) {
      return true;
    }
  }
  return false;
}

/// Return the next number of a xorshift64 generator at `state` (not 0).
static inline uint64_t
kg_fuzz_random(uint64_t* const state)
{
  uint64_t x = *state;
  x ^= x << 13U;
  x ^= x >> 7U;
  x ^= x << 17U;
  return (*state = x);
}

/// Return term `id` of `graph` in `copy`, interned there once (`map`).
static inline KgTermId
kg_fuzz_copy_term(const KgGraph* const graph,
                  KgGraph* const       copy,
                  KgTermId* const      map,
                  const KgTermId       id,
                  const uint32_t       scope,
                  uint32_t* const      n_blanks)
{
  if (!id || map[id]) {
    return map[id];
  }

  const KgStringView text = kg_term_text(graph, id);
  switch (kg_term_kind(graph, id)) {
  case KG_TERM_IRI:
    map[id] = kg_graph_iri(copy, text);
    break;
  case KG_TERM_BLANK: {
    // Labels in the order the shuffled triples meet the nodes
    char      label[32];
    const int n = snprintf(label, sizeof(label), "r%u", (*n_blanks)++);
    if (n <= 0 || (size_t)n >= sizeof(label)) {
      kg_fuzz_fail("cannot make a label", NULL, 0U);
    }
    const KgStringView view = {label, (size_t)n};
    map[id]                 = kg_graph_blank(copy, view, scope);
    break;
  }
  case KG_TERM_LITERAL: {
    const KgStringView lang = kg_term_lang(graph, id);
    const KgTermId     datatype =
      lang.len
            ? KG_NO_TERM
            : kg_fuzz_copy_term(
            graph, copy, map, kg_term_datatype(graph, id), scope, n_blanks);
    map[id] = kg_graph_literal(copy, text, datatype, lang);
    break;
  }
  case KG_TERM_NONE:
    kg_fuzz_fail("a triple holds no term", NULL, 0U);
  }

  if (!map[id]) {
    kg_fuzz_fail("cannot copy a term", NULL, 0U);
  }
  return map[id];
}

/**
   Return a copy of `graph` (prefixes included), its blank nodes labelled
   anew and its triples added in an order shuffled from `seed`.
*/
static inline KgGraph*
kg_fuzz_relabel(const KgGraph* const graph, uint64_t seed)
{
  const size_t    n_triples = kg_graph_size(graph);
  const size_t    n_terms   = kg_graph_n_terms(graph);
  const KgTriple* triples   = kg_graph_triples(graph);
  KgGraph* const  copy      = kg_graph_new();
  size_t* const   order = (size_t*)malloc((n_triples + 1U) * sizeof(size_t));
  KgTermId* const map   = (KgTermId*)calloc(n_terms + 1U, sizeof(KgTermId));
  if (!copy || !order || !map) {
    kg_fuzz_fail("out of memory", NULL, 0U);
  }

  for (size_t i = 0U; i < kg_graph_n_prefixes(graph); ++i) {
    KgStringView name = {NULL, 0U};
    KgStringView iri  = {NULL, 0U};
    kg_graph_prefix(graph, i, &name, &iri);
    if (kg_graph_set_prefix(copy, name, iri) > KG_FAILURE) {
      kg_fuzz_fail("cannot copy a prefix", NULL, 0U);
    }
  }

  seed |= 1U;
  for (size_t i = 0U; i < n_triples; ++i) {
    order[i] = i;
  }
  for (size_t i = n_triples; i > 1U; --i) {
    const size_t j = (size_t)(kg_fuzz_random(&seed) % i);
    const size_t t = order[i - 1U];
    order[i - 1U]  = order[j];
    order[j]       = t;
  }

  const uint32_t scope    = kg_graph_new_scope(copy);
  uint32_t       n_blanks = 0U;
  for (size_t i = 0U; i < n_triples; ++i) {
    const KgTriple* const t = &triples[order[i]];
    const KgTermId        s =
      kg_fuzz_copy_term(graph, copy, map, t->s, scope, &n_blanks);
    const KgTermId p =
      kg_fuzz_copy_term(graph, copy, map, t->p, scope, &n_blanks);
    const KgTermId o =
      kg_fuzz_copy_term(graph, copy, map, t->o, scope, &n_blanks);
    const KgTermId g = kg_fuzz_copy_term(
      graph, copy, map, kg_graph_name(graph, order[i]), scope, &n_blanks);
    const KgOrigin origin = {0U, 0U, 0U};
    if (kg_graph_add_quad(copy, s, p, o, g, origin)) {
      kg_fuzz_fail("cannot copy a triple", NULL, 0U);
    }
  }

  free(map);
  free(order);
  return copy;
}

/// Return the canonical N-Quads of `graph`, or NULL past the work limit.
static inline char*
kg_fuzz_canon(const KgGraph* const graph, size_t* const len)
{
  const KgCanonOptions copts = {
    KG_HASH_SHA256, KG_FUZZ_CANON_WORK, {NULL, NULL}};
  KgCanon*       canon = NULL;
  const KgStatus st    = kg_canon_new(graph, &copts, &canon);
  if (st == KG_BAD_LIMIT) {
    kg_canon_free(canon);
    return NULL;
  }
  if (st) {
    kg_fuzz_fail("canonicalization failed", NULL, 0U);
  }

  char*       text   = NULL;
  FILE* const stream = open_memstream(&text, len);
  if (!stream || kg_canon_write(canon, stream) || fclose(stream)) {
    kg_fuzz_fail("cannot write canonical N-Quads", NULL, 0U);
  }
  kg_canon_free(canon);
  return text;
}

/// Abort if diff finds a difference between `a` and `b`, which are isomorphic.
static inline void
kg_fuzz_check_no_diff(const KgGraph* const a,
                      const KgGraph* const b,
                      const char* const    what)
{
  const KgDiffOptions dopts = {KG_FUZZ_DIFF_WORK, {NULL, NULL}};
  KgDiff*             diff  = NULL;
  const KgStatus      st    = kg_diff_new(a, b, &dopts, &diff);
  if (!st) {
    size_t n_removed = 0U;
    size_t n_added   = 0U;
    kg_diff_removed(diff, &n_removed);
    kg_diff_added(diff, &n_added);
    if (n_removed || n_added) {
      fprintf(stderr, "%s: -%zu +%zu\n", what, n_removed, n_added);
      kg_fuzz_fail("isomorphic graphs differ", NULL, 0U);
    }
  } else if (st != KG_BAD_LIMIT) {
    fprintf(stderr, "%s: %s\n", what, kg_strerror(st));
    kg_fuzz_fail("diff failed", NULL, 0U);
  }
  kg_diff_free(diff);
}

/**
   Write `graph` as DOT, which kgraph does not read back: no crash, and when
   `copy` is not NULL (a copy of a graph without blank nodes), the same
   bytes for the copy.
*/
static inline void
kg_fuzz_check_dot(const KgGraph* const graph, const KgGraph* const copy)
{
  static const KgFuzzOutput dot = {KG_SYNTAX_DOT, 0U, "dot"};

  size_t      len     = 0U;
  KgStatus    st      = KG_SUCCESS;
  char* const written = kg_fuzz_write(graph, &dot, &len, &st);
  if (st && st != KG_BAD_LIMIT && st != KG_BAD_DATA) {
    fprintf(stderr, "dot: %s\n", kg_strerror(st));
    kg_fuzz_fail("cannot write DOT", NULL, 0U);
  }

  if (written && copy) {
    size_t      copy_len = 0U;
    char* const again    = kg_fuzz_write(copy, &dot, &copy_len, &st);
    if (!again || copy_len != len || memcmp(again, written, len)) {
      fputs("dot differs for a copy\n", stderr);
      kg_fuzz_fail("output depends on insertion order", again, copy_len);
    }
    free(again);
  }
  free(written);
}

/// Run the oracle on `graph`; `seed` shuffles the relabelled copy.
static inline void
kg_fuzz_check(const KgGraph* const graph, const uint64_t seed)
{
  KgGraph* const copy   = kg_fuzz_relabel(graph, seed);
  const bool     names  = kg_graph_has_names(graph);
  const bool     blanks = kg_fuzz_has_blanks(graph);
  size_t         limit  = 0U;

  // Written and read again: the same graph
  for (size_t i = 0U; i < KG_FUZZ_N_OUTPUTS; ++i) {
    const KgFuzzOutput* const output  = &kg_fuzz_outputs[i];
    size_t                    len     = 0U;
    KgStatus                  st      = KG_SUCCESS;
    char* const               written = kg_fuzz_write(graph, output, &len, &st);
    if (!written) {
      const bool may_refuse = (names && output->syntax != KG_SYNTAX_NQUADS) ||
                              (output->syntax == KG_SYNTAX_RDFXML &&
                               (st == KG_BAD_DATA || st == KG_BAD_LIMIT));
      if (!may_refuse) {
        fprintf(stderr,
                "kgraph cannot write %s: %s\n",
                output->name,
                kg_strerror(st));
        kg_fuzz_fail("a writer failed", NULL, 0U);
      }
      continue;
    }

    if (i == 0U) {
      limit = len * KG_FUZZ_GROWTH + KG_FUZZ_SLACK;
    } else if (len > limit) {
      fprintf(stderr,
              "kgraph's %s is %zu bytes, more than %u times the N-Quads\n",
              output->name,
              len,
              KG_FUZZ_GROWTH);
      kg_fuzz_fail("output grows faster than the graph", written, len);
    }

    kg_fuzz_check_round_trip(graph, output, written, len);

    // The same graph, labelled and ordered otherwise: the same bytes
    if (!blanks) {
      size_t      copy_len = 0U;
      KgStatus    copy_st  = KG_SUCCESS;
      char* const again    = kg_fuzz_write(copy, output, &copy_len, &copy_st);
      if (!again || copy_len != len || memcmp(again, written, len)) {
        fprintf(stderr, "%s differs for a copy\n", output->name);
        kg_fuzz_fail("output depends on insertion order", again, copy_len);
      }
      free(again);
    }
    free(written);
  }

  // (pictures: only when Graphviz is built in)
  if (kg_dot_available() && kg_graph_size(graph) <= KG_FUZZ_DOT_MAX) {
    kg_fuzz_check_dot(graph, blanks ? NULL : copy);
  }

  // Relabelled and shuffled: the same graph
  KgStatus st = KG_SUCCESS;
  if (!kg_graph_has_names(graph) && !kg_graph_is_isomorphic(graph, copy, &st) &&
      st != KG_BAD_LIMIT) {
    kg_fuzz_fail("a relabelled copy is not isomorphic", NULL, 0U);
  }

  // The same canonical form
  size_t      len_a   = 0U;
  size_t      len_b   = 0U;
  char* const canon_a = kg_fuzz_canon(graph, &len_a);
  char* const canon_b = canon_a ? kg_fuzz_canon(copy, &len_b) : NULL;
  if (canon_a && canon_b &&
      (len_a != len_b || memcmp(canon_a, canon_b, len_a))) {
    fprintf(stderr, "%.*s\n", (int)(len_a < 4096U ? len_a : 4096U), canon_a);
    kg_fuzz_fail(
      "a relabelled copy has other canonical N-Quads", canon_b, len_b);
  }
  free(canon_b);
  free(canon_a);

  // No difference
  kg_fuzz_check_no_diff(graph, graph, "a graph differs from itself");
  kg_fuzz_check_no_diff(graph, copy, "a graph differs from its copy");
  kg_fuzz_check_no_diff(copy, graph, "a copy differs from its graph");

  kg_graph_free(copy);
}

/// Return a seed for kg_fuzz_check() from the input (FNV-1a).
static inline uint64_t
kg_fuzz_seed(const uint8_t* const data, const size_t size)
{
  uint64_t h = 14695981039346656037U;
  for (size_t i = 0U; i < size; ++i) {
    h = (h ^ data[i]) * 1099511628211U;
  }
  return h;
}

/// Read `data` in `syntax` and, if it is a graph, run the oracle on it.
static inline int
kg_fuzz_one(const KgSyntax syntax, const uint8_t* const data, const size_t size)
{
  KgGraph* const      graph   = kg_graph_new();
  const KgStringView  text    = {(const char*)data, size};
  const KgReadOptions options = {
    syntax, "http://fuzz.example/", 0U, {NULL, NULL}};
  if (graph && !kg_graph_read_string(graph, text, "fuzz", &options)) {
    kg_fuzz_check(graph, kg_fuzz_seed(data, size));
  }
  kg_graph_free(graph);
  return 0;
}

#endif // KG_FUZZ_ONE_H
