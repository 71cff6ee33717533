// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Helpers of the DOT tests: read test graphs, write DOT into memory.

#ifndef KG_TESTS_DOT_SUPPORT_H
#define KG_TESTS_DOT_SUPPORT_H

#include "messages.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Return the content of the file at `path` (free()), or NULL; its length
/// in `*len` if `len` is not NULL.
static inline char*
dot_read_all(const char* const path, size_t* const len)
{
  FILE* const f = fopen(path, "rb");
  if (!f) {
    return NULL;
  }
  fseek(f, 0, SEEK_END);
  const long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char* const text = (char*)calloc((size_t)size + 1U, 1U);
  cr_assert_not_null(text);
  cr_assert_eq(fread(text, 1U, (size_t)size, f), (size_t)size);
  fclose(f);
  if (len) {
    *len = (size_t)size;
  }
  return text;
}

/// Return the path of tests/data/dot/NAME (one of a few static buffers).
static inline const char*
dot_data(const char* const name)
{
  static char path[4][1024];
  static int  next = 0;
  char* const p    = path[next++ % 4];
  snprintf(p, sizeof(path[0]), "%s/dot/%s", getenv("KG_TEST_DATA"), name);
  return p;
}

/// Read a graph from Turtle text; the test fails on any message.
static inline KgGraph*
dot_graph_from(const char* const text)
{
  Messages            m    = {{0}, 0U, 0U, 0U};
  const KgReadOptions opts = {
    KG_SYNTAX_TURTLE, "http://example.org/", 0U, {capture, &m}};
  KgGraph* const g = kg_graph_new();
  cr_assert_not_null(g);
  cr_assert_eq(kg_graph_read_string(g, kg_sv(text), "test.ttl", &opts),
               KG_SUCCESS);
  cr_assert_eq(m.n_errors + m.n_warnings, 0U, "%s", m.text);
  return g;
}

/// Read tests/data/dot/NAME; the test fails on any message.
static inline KgGraph*
dot_graph_load(const char* const name)
{
  Messages            m    = {{0}, 0U, 0U, 0U};
  const KgReadOptions opts = {KG_SYNTAX_NONE, NULL, 0U, {capture, &m}};
  KgGraph* const      g    = kg_graph_new();
  cr_assert_not_null(g);
  cr_assert_eq(kg_graph_read_file(g, dot_data(name), &opts),
               KG_SUCCESS,
               "%s: %s",
               name,
               m.text);
  cr_assert_eq(m.n_errors + m.n_warnings, 0U, "%s", m.text);
  return g;
}

/// What kg_graph_write_dot() gave.
typedef struct {
  KgStatus status;   ///< Its status
  char*    text;     ///< The DOT (free()), NULL-free even on error
  size_t   len;      ///< Bytes in `text`
  Messages messages; ///< What it logged
} DotOut;

/// Write `g` as DOT into memory, with `ontology` (may be NULL) and `dot`.
static inline DotOut
dot_write(const KgGraph* const      g,
          const KgGraph* const      ontology,
          const KgDotOptions* const dot)
{
  DotOut out;
  memset(&out, 0, sizeof(out));
  FILE* const mem = open_memstream(&out.text, &out.len);
  cr_assert_not_null(mem);
  const KgWriteOptions wopts = {
    KG_SYNTAX_DOT, {capture, &out.messages}, 0U, ontology};
  out.status = kg_graph_write_dot(g, mem, &wopts, dot);
  cr_assert_eq(fclose(mem), 0);
  return out;
}

/// Free what dot_write() returned.
static inline void
dot_out_free(DotOut* const out)
{
  free(out->text);
  out->text = NULL;
}

#endif // KG_TESTS_DOT_SUPPORT_H
