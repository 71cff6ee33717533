// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Graphs of hostile shape, 300,000 blank nodes each: chains, rings, long
// lists of literals, nested lists, a deep binary tree, and 49,999 nested
// rdf:parseType="Resource".  Each is written in every syntax, must come
// out a small multiple of its N-Triples, quickly, and read back as the
// same graph.  Without a nesting limit in the writers, they crash or
// write gigabytes.
//
// KG_TEST_SHAPE names the one shape to test (default: all of them), and
// KG_TEST_SHAPE_NODES sets the size; sanitizer builds default to a tenth.

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__has_feature)
#  if __has_feature(address_sanitizer)
#    define SANITIZED 1
#  endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#  define SANITIZED 1
#endif
#ifndef SANITIZED
#  define SANITIZED 0
#endif

#define EX "http://example.org/"
#define RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

/// Output no larger than this many times the N-Triples of the graph.
#define MAX_RATIO 4.0

/// Nesting of parseType="Resource" (the RDF/XML reader's bound is 100,000).
#define RESOURCE_DEPTH 49999U

typedef enum {
  SHAPE_CHAIN,
  SHAPE_RING,
  SHAPE_LITERAL_LIST,
  SHAPE_NESTED_LISTS,
  SHAPE_TREE,
  SHAPE_RESOURCE,
} Shape;

static const char* const shape_names[] = {
  "chain",
  "ring",
  "literal-list",
  "nested-lists",
  "tree",
  "resource",
};

typedef struct {
  const char*  name;
  KgSyntax     syntax;
  KgWriteFlags flags;
} Output;

static const Output outputs[] = {
  {"turtle", KG_SYNTAX_TURTLE, 0U},
  {"ntriples", KG_SYNTAX_NTRIPLES, 0U},
  {"rdfxml", KG_SYNTAX_RDFXML, 0U},
  {"rdfxml --plain", KG_SYNTAX_RDFXML, KG_WRITE_PLAIN},
};

#define N_SHAPES (sizeof(shape_names) / sizeof(shape_names[0]))
#define N_OUTPUTS (sizeof(outputs) / sizeof(outputs[0]))

static unsigned
n_nodes(void)
{
  const char* const env = getenv("KG_TEST_SHAPE_NODES");
  if (env && *env) {
    return (unsigned)strtoul(env, NULL, 10);
  }
  return SANITIZED ? 30000U : 300000U;
}

static double
now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static KgTermId
blank(KgGraph* const g, const unsigned i)
{
  char      label[32];
  const int n = snprintf(label, sizeof(label), "n%u", i);
  return kg_graph_blank(g, (KgStringView){label, (size_t)n}, 1U);
}

static KgTermId
number(KgGraph* const g, const unsigned i)
{
  char      text[32];
  const int n = snprintf(text, sizeof(text), "%u", i);
  return kg_graph_literal(
    g,
    (KgStringView){text, (size_t)n},
    kg_graph_iri(g, KG_SV("http://www.w3.org/2001/XMLSchema#integer")),
    KG_SV(""));
}

static void
add(KgGraph* const g, const KgTermId s, const KgTermId p, const KgTermId o)
{
  cr_assert_eq(kg_graph_add(g, s, p, o), KG_SUCCESS);
}

static KgGraph*
read_text(const KgSyntax syntax, const char* const text, const size_t len)
{
  KgGraph* const      g    = kg_graph_new();
  const KgReadOptions opts = {syntax, EX, 0U, {NULL, NULL}};
  cr_assert_eq(kg_graph_read_string(g, (KgStringView){text, len}, "in", &opts),
               KG_SUCCESS,
               "cannot read back %zu bytes",
               len);
  return g;
}

/// 49,999 property elements nested with rdf:parseType="Resource".
static KgGraph*
resource_graph(const unsigned depth)
{
  static const char head[]  = "<rdf:RDF xmlns:rdf='" RDF "' xmlns:e='" EX "'>"
                              "<rdf:Description rdf:about='" EX "s'>\n";
  static const char open[]  = "<e:p rdf:parseType='Resource'>";
  static const char leaf[]  = "<e:v>leaf</e:v>";
  static const char close[] = "</e:p>";
  static const char tail[]  = "\n</rdf:Description></rdf:RDF>\n";

  char*       text = NULL;
  size_t      len  = 0U;
  FILE* const f    = open_memstream(&text, &len);
  fputs(head, f);
  for (unsigned i = 0U; i < depth; ++i) {
    fputs(open, f);
  }
  fputs(leaf, f);
  for (unsigned i = 0U; i < depth; ++i) {
    fputs(close, f);
  }
  fputs(tail, f);
  cr_assert_eq(fclose(f), 0);

  KgGraph* const g = read_text(KG_SYNTAX_RDFXML, text, len);
  free(text);
  cr_assert_eq(kg_graph_size(g), depth + 1U);
  return g;
}

static KgGraph*
make(const Shape shape, const unsigned n)
{
  if (shape == SHAPE_RESOURCE) {
    return resource_graph(n < RESOURCE_DEPTH ? n : RESOURCE_DEPTH);
  }

  KgGraph* const g     = kg_graph_new();
  const KgTermId s     = kg_graph_iri(g, KG_SV(EX "s"));
  const KgTermId p     = kg_graph_iri(g, KG_SV(EX "p"));
  const KgTermId first = kg_graph_iri(g, KG_SV(RDF "first"));
  const KgTermId rest  = kg_graph_iri(g, KG_SV(RDF "rest"));
  const KgTermId nil   = kg_graph_iri(g, KG_SV(RDF "nil"));
  switch (shape) {
  case SHAPE_CHAIN:
  case SHAPE_RING:
    // s p n0 . n0 p n1 . ... ; a ring closes on n0, with no IRI
    if (shape == SHAPE_CHAIN) {
      add(g, s, p, blank(g, 0U));
    }
    for (unsigned i = 0U; i < n; ++i) {
      const KgTermId next = i + 1U < n             ? blank(g, i + 1U)
                            : shape == SHAPE_CHAIN ? number(g, i)
                                                   : blank(g, 0U);
      add(g, blank(g, i), p, next);
    }
    break;
  case SHAPE_LITERAL_LIST:
    // s p ( 0 1 2 ... ): one item per node
    add(g, s, p, blank(g, 0U));
    for (unsigned i = 0U; i < n; ++i) {
      add(g, blank(g, i), first, number(g, i));
      add(g, blank(g, i), rest, i + 1U < n ? blank(g, i + 1U) : nil);
    }
    break;
  case SHAPE_NESTED_LISTS:
    // s p ( [ p ( [ p ( ... ) ] ) ] )
    add(g, s, p, blank(g, 0U));
    for (unsigned i = 0U; i + 1U < n; i += 2U) {
      const KgTermId item = blank(g, i + 1U);
      add(g, blank(g, i), first, item);
      add(g, blank(g, i), rest, nil);
      add(g, item, p, i + 2U < n ? blank(g, i + 2U) : number(g, i));
    }
    break;
  case SHAPE_TREE: {
    // A binary tree (depth 17 for 300,000 nodes), a number in each leaf
    const KgTermId l      = kg_graph_iri(g, KG_SV(EX "l"));
    const KgTermId r      = kg_graph_iri(g, KG_SV(EX "r"));
    unsigned       leaves = 1U;
    while (4U * leaves - 1U <= n) {
      leaves *= 2U;
    }
    add(g, s, p, blank(g, 1U));
    for (unsigned i = 1U; i < leaves; ++i) {
      add(g, blank(g, i), l, blank(g, 2U * i));
      add(g, blank(g, i), r, blank(g, 2U * i + 1U));
    }
    for (unsigned i = leaves; i < 2U * leaves; ++i) {
      add(g, blank(g, i), p, number(g, i));
    }
    break;
  }
  case SHAPE_RESOURCE:
    break;
  }
  return g;
}

static char*
write(const KgGraph* const g, const Output* const output, size_t* const len)
{
  char*                text = NULL;
  FILE* const          f    = open_memstream(&text, len);
  const KgWriteOptions opts = {
    output->syntax, {NULL, NULL}, output->flags, NULL};
  cr_assert_eq(kg_graph_write(g, f, &opts), KG_SUCCESS);
  cr_assert_eq(fclose(f), 0);
  return text;
}

ParameterizedTestParameters(shapes, written_and_read_back)
{
  static size_t     cases[N_SHAPES * N_OUTPUTS];
  size_t            n_cases = 0U;
  const char* const only    = getenv("KG_TEST_SHAPE");
  for (size_t i = 0U; i < N_SHAPES * N_OUTPUTS; ++i) {
    if (!only || !*only || !strcmp(only, shape_names[i / N_OUTPUTS])) {
      cases[n_cases++] = i;
    }
  }
  return cr_make_param_array(size_t, cases, n_cases);
}

ParameterizedTest(size_t* const index, shapes, written_and_read_back)
{
  const Shape         shape  = (Shape)(*index / N_OUTPUTS);
  const Output* const output = &outputs[*index % N_OUTPUTS];
  const char* const   name   = shape_names[shape];
  KgGraph* const      g      = make(shape, n_nodes());

  size_t       nt_len = 0U;
  char* const  nt     = write(g, &outputs[1], &nt_len);
  const double start  = now();
  size_t       len    = 0U;
  char* const  text   = write(g, output, &len);
  const double took   = now() - start;

  const double ratio = (double)len / (double)nt_len;
  cr_log_info("%s, %zu triples, as %s: %zu bytes (%.2f x N-Triples) in %.2f s",
              name,
              kg_graph_size(g),
              output->name,
              len,
              ratio,
              took);
  cr_assert_lt(ratio,
               MAX_RATIO,
               "%s as %s: %zu bytes, %.2f times its %zu bytes of N-Triples",
               name,
               output->name,
               len,
               ratio,
               nt_len);

  KgGraph* const back = read_text(output->syntax, text, len);
  KgStatus       st   = KG_SUCCESS;
  cr_assert_eq(
    kg_graph_size(back), kg_graph_size(g), "%s as %s", name, output->name);
  cr_assert(kg_graph_is_isomorphic(g, back, &st),
            "%s as %s does not read back as itself",
            name,
            output->name);
  cr_assert_eq(st, KG_SUCCESS);

  kg_graph_free(back);
  free(text);
  free(nt);
  kg_graph_free(g);
}
