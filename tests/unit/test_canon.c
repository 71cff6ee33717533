// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// RDF Dataset Canonicalization (RDFC-1.0) through <kgraph/canon.h>.  The W3C
// suite runs in tests/conformance; these check the API around it: labels,
// hashes, the work limit, the map and write errors.

#include "messages.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EX "http://example.org/vocab#"

/// W3C rdf-canon test020: a diamond whose labels depend on the hash.
static const char* const diamond = "<" EX "test> <" EX "A> _:e0 .\n"
                                   "<" EX "test> <" EX "B> _:e1 .\n"
                                   "_:e0 <" EX "next> _:e2 .\n"
                                   "_:e1 <" EX "next> _:e2 .\n";

/// Its canonical form with SHA-256 (test020) ...
static const char* const diamond_sha256 = "<" EX "test> <" EX "A> _:c14n2 .\n"
                                          "<" EX "test> <" EX "B> _:c14n0 .\n"
                                          "_:c14n0 <" EX "next> _:c14n1 .\n"
                                          "_:c14n2 <" EX "next> _:c14n1 .\n";

/// ... and with SHA-384 (test075)
static const char* const diamond_sha384 = "<" EX "test> <" EX "A> _:c14n0 .\n"
                                          "<" EX "test> <" EX "B> _:c14n2 .\n"
                                          "_:c14n0 <" EX "next> _:c14n1 .\n"
                                          "_:c14n2 <" EX "next> _:c14n1 .\n";

/// Read `text` as N-Quads into a new graph.
static KgGraph*
read_nquads(const char* const text)
{
  KgGraph* const      g    = kg_graph_new();
  Messages            m    = {{0}, 0U, 0U, 0U};
  const KgReadOptions opts = {KG_SYNTAX_NQUADS, NULL, 0U, {capture, &m}};
  cr_assert_not_null(g);
  cr_assert_eq(kg_graph_read_string(g, kg_sv(text), "doc.nq", &opts),
               KG_SUCCESS,
               "%s",
               m.text);
  return g;
}

/// Canonicalize `g`; return the status, and the labels in `*canon`.
static KgStatus
canon_new(const KgGraph* const  g,
          const KgHashAlgorithm hash,
          const uint64_t        max_work,
          Messages* const       m,
          KgCanon** const       canon)
{
  memset(m, 0, sizeof(*m));
  const KgCanonOptions opts = {hash, max_work, {capture, m}};
  *canon                    = NULL;
  return kg_canon_new(g, &opts, canon);
}

/// Return what kg_canon_write() (or kg_canon_write_map()) writes.
static char*
written(KgCanon* const canon, const bool map)
{
  char*       text = NULL;
  size_t      len  = 0U;
  FILE* const out  = open_memstream(&text, &len);
  cr_assert_not_null(out);
  const KgStatus st =
    map ? kg_canon_write_map(canon, out) : kg_canon_write(canon, out);
  cr_assert_eq(st, KG_SUCCESS);
  cr_assert_eq(fclose(out), 0);
  cr_assert_eq(strlen(text), len);
  return text;
}

/// Return the canonical N-Quads of `text` (N-Quads).
static char*
canonical(const char* const text, const KgHashAlgorithm hash)
{
  KgGraph* const g = read_nquads(text);
  Messages       m;
  KgCanon*       canon = NULL;
  cr_assert_eq(canon_new(g, hash, 0U, &m, &canon), KG_SUCCESS, "%s", m.text);
  char* const out = written(canon, false);
  kg_canon_free(canon);
  kg_graph_free(g);
  return out;
}

/// Return a clique of `n` blank nodes, each linked to every one.
static char*
clique(const unsigned n)
{
  char*       text = NULL;
  size_t      len  = 0U;
  FILE* const out  = open_memstream(&text, &len);
  cr_assert_not_null(out);
  for (unsigned i = 0U; i < n; ++i) {
    for (unsigned j = 0U; j < n; ++j) {
      fprintf(out, "_:e%u <http://example.com/p> _:e%u .\n", i, j);
    }
  }
  cr_assert_eq(fclose(out), 0);
  return text;
}

static double
now(void)
{
  struct timespec ts;
  cr_assert_eq(clock_gettime(CLOCK_MONOTONIC, &ts), 0);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

Test(canon, free_null_does_nothing)
{
  kg_canon_free(NULL);
}

Test(canon, empty_graph)
{
  KgGraph* const g = kg_graph_new();
  Messages       m;
  KgCanon*       canon = NULL;
  cr_assert_eq(canon_new(g, KG_HASH_SHA256, 0U, &m, &canon), KG_SUCCESS);
  char* const nq  = written(canon, false);
  char* const map = written(canon, true);
  cr_assert_str_eq(nq, "");
  cr_assert_str_eq(map, "{}\n");
  cr_assert_eq(kg_canon_work(canon), 0U);
  free(map);
  free(nq);
  kg_canon_free(canon);
  kg_graph_free(g);
}

Test(canon, lines_are_sorted_by_code_point)
{
  // kgraph's own writers put IRIs before blank nodes before literals;
  // canonical N-Quads sort the lines as strings: '"' < '<' < '_'
  char* const out = canonical("<http://a/s> <http://a/p> _:x .\n"
                              "<http://a/s> <http://a/p> <http://a/o> .\n"
                              "<http://a/s> <http://a/p> \"z\" .\n"
                              "<http://a/s> <http://a/p> \"z\" <http://a/g> .\n"
                              "<http://a/s> <http://a/p> \"z\" _:x .\n",
                              KG_HASH_SHA256);
  cr_assert_str_eq(out,
                   "<http://a/s> <http://a/p> \"z\" .\n"
                   "<http://a/s> <http://a/p> \"z\" <http://a/g> .\n"
                   "<http://a/s> <http://a/p> \"z\" _:c14n0 .\n"
                   "<http://a/s> <http://a/p> <http://a/o> .\n"
                   "<http://a/s> <http://a/p> _:c14n0 .\n");
  free(out);
}

Test(canon, canonical_escapes)
{
  // RDFC-1.0 appendix A: ECHAR for these, \u00XX for the other controls,
  // and every other character as itself
  char* const out = canonical(
    "<http://a/s> <http://a/p> \"\\b\\t\\n\\f\\r\\\"\\\\ \\u0001\\u007F "
    "\\u00E9 \\u0041\" .\n",
    KG_HASH_SHA256);
  cr_assert_str_eq(out,
                   "<http://a/s> <http://a/p> \"\\b\\t\\n\\f\\r\\\"\\\\ "
                   "\\u0001\\u007F \xC3\xA9 A\" .\n");
  free(out);
}

Test(canon, output_does_not_depend_on_labels_or_order)
{
  char* const a = canonical(diamond, KG_HASH_SHA256);
  char* const b = canonical("_:y <" EX "next> _:last _:g .\n"
                            "_:x <" EX "next> _:last _:g .\n"
                            "<" EX "test> <" EX "B> _:y _:g .\n"
                            "<" EX "test> <" EX "A> _:x _:g .\n",
                            KG_HASH_SHA256);
  cr_assert_str_eq(a, diamond_sha256);

  // The same diamond in a graph named by a blank node, which is labelled
  // too
  cr_assert_neq(strstr(b, "_:c14n"), NULL);
  char* const again = canonical(b, KG_HASH_SHA256);
  cr_assert_str_eq(again, b, "canonical form is not a fixed point");
  char* const c = canonical("_:q <" EX "next> _:p _:r .\n"
                            "<" EX "test> <" EX "A> _:s _:r .\n"
                            "_:s <" EX "next> _:p _:r .\n"
                            "<" EX "test> <" EX "B> _:q _:r .\n",
                            KG_HASH_SHA256);
  cr_assert_str_eq(b, c);
  free(c);
  free(again);
  free(b);
  free(a);
}

Test(canon, the_hash_decides_the_order_of_labels)
{
  char* const a = canonical(diamond, KG_HASH_SHA256);
  char* const b = canonical(diamond, KG_HASH_SHA384);
  cr_assert_str_eq(a, diamond_sha256);
  cr_assert_str_eq(b, diamond_sha384);

  // Only the labels differ: canonicalizing either with SHA-256 gives a
  char* const back = canonical(b, KG_HASH_SHA256);
  cr_assert_str_eq(back, a);
  free(back);
  free(b);
  free(a);

  // One blank node is c14n0 whatever the hash
  const char* const one =
    "_:x <http://a/p> \"1\" .\n<http://a/s> <http://a/p> _:x .\n";
  char* const c = canonical(one, KG_HASH_SHA256);
  char* const d = canonical(one, KG_HASH_SHA384);
  cr_assert_str_eq(c, d);
  cr_assert_str_eq(c,
                   "<http://a/s> <http://a/p> _:c14n0 .\n"
                   "_:c14n0 <http://a/p> \"1\" .\n");
  free(d);
  free(c);
}

Test(canon, labels_of_terms)
{
  KgGraph* const g = read_nquads(diamond);
  Messages       m;
  KgCanon*       canon = NULL;
  cr_assert_eq(canon_new(g, KG_HASH_SHA256, 0U, &m, &canon), KG_SUCCESS);

  // Triples are in reading order: the objects are e0, e1, e2
  const KgTriple* const t = kg_graph_triples(g);
  cr_assert_eq(kg_canon_label(canon, t[0].o), 2U);
  cr_assert_eq(kg_canon_label(canon, t[1].o), 0U);
  cr_assert_eq(kg_canon_label(canon, t[2].o), 1U);
  cr_assert_eq(kg_canon_label(canon, t[0].s), UINT32_MAX, "an IRI");
  cr_assert_eq(kg_canon_label(canon, t[0].p), UINT32_MAX, "an IRI");
  cr_assert_eq(kg_canon_label(canon, KG_NO_TERM), UINT32_MAX);
  cr_assert_eq(kg_canon_label(canon, 99999U), UINT32_MAX);

  // The issued identifiers map, in canonical order
  char* const map = written(canon, true);
  cr_assert_str_eq(map,
                   "{\n"
                   "  \"e1\": \"c14n0\",\n"
                   "  \"e2\": \"c14n1\",\n"
                   "  \"e0\": \"c14n2\"\n"
                   "}\n");
  free(map);
  kg_canon_free(canon);
  kg_graph_free(g);
}

Test(canon, work_limit_is_exact)
{
  // The three nodes of a ring look alike: Hash N-Degree Quads decides
  static const char* const ring       = "_:a <http://a/p> _:b .\n"
                                        "_:b <http://a/p> _:c .\n"
                                        "_:c <http://a/p> _:a .\n";
  static const char* const ring_canon = "_:c14n0 <http://a/p> _:c14n1 .\n"
                                        "_:c14n1 <http://a/p> _:c14n2 .\n"
                                        "_:c14n2 <http://a/p> _:c14n0 .\n";

  KgGraph* const g = read_nquads(ring);
  Messages       m;
  KgCanon*       canon = NULL;
  cr_assert_eq(canon_new(g, KG_HASH_SHA256, 0U, &m, &canon), KG_SUCCESS);
  const uint64_t work = kg_canon_work(canon);
  cr_assert_gt(work, 3U, "the ring needs Hash N-Degree Quads");
  kg_canon_free(canon);

  // Exactly the work it needs is enough
  cr_assert_eq(canon_new(g, KG_HASH_SHA256, work, &m, &canon), KG_SUCCESS);
  cr_assert_eq(kg_canon_work(canon), work);
  char* const out = written(canon, false);
  cr_assert_str_eq(out, ring_canon);
  free(out);
  kg_canon_free(canon);
  cr_assert_eq(m.n_errors, 0U, "%s", m.text);

  // One step less is not
  cr_assert_eq(canon_new(g, KG_HASH_SHA256, work - 1U, &m, &canon),
               KG_BAD_LIMIT);
  cr_assert_eq(m.n_errors, 1U, "%s", m.text);
  cr_assert(
    strstr(m.text, "error: canonicalization stopped after "), "%s", m.text);
  kg_canon_free(canon);
  kg_graph_free(g);
}

Test(canon, no_work_when_first_degree_hashes_differ)
{
  // Each node of the diamond has a first degree hash of its own
  KgGraph* const g = read_nquads(diamond);
  Messages       m;
  KgCanon*       canon = NULL;
  cr_assert_eq(canon_new(g, KG_HASH_SHA256, 1U, &m, &canon), KG_SUCCESS);
  cr_assert_eq(kg_canon_work(canon), 0U);
  kg_canon_free(canon);
  kg_graph_free(g);
}

Test(canon, default_work_limit)
{
  // 256 n m², and at least 100,000
  cr_assert_eq(kg_canon_default_work(0U, 0U), 100000U);
  cr_assert_eq(kg_canon_default_work(2U, 2U), 100000U);
  cr_assert_eq(kg_canon_default_work(10U, 10U), 256000U);
  cr_assert_eq(kg_canon_default_work(100U, 60U), 92160000U);
  cr_assert_eq(kg_canon_default_work(1000U, 100U), 100000000U); // At most
  cr_assert_geq(kg_canon_default_work(UINT32_MAX, UINT32_MAX),
                kg_canon_default_work(1000U, 100U),
                "the limit overflows");
}

Test(canon, poison_clique_is_stopped_quickly)
{
  char* const    text = clique(10U);
  KgGraph* const g    = read_nquads(text);
  Messages       m;
  KgCanon*       canon = NULL;
  const double   start = now();
  const KgStatus st    = canon_new(g, KG_HASH_SHA256, 0U, &m, &canon);
  const double   secs  = now() - start;
  cr_assert_eq(st, KG_BAD_LIMIT, "%s", kg_strerror(st));
  // About a tenth of a second; generous, so that it cannot flake
  cr_assert_lt(secs, 5.0, "stopped only after %.3f s", secs);
  cr_assert_eq(m.n_errors, 1U, "%s", m.text);
  cr_assert(
    strstr(m.text, "error: canonicalization stopped after "), "%s", m.text);
  kg_canon_free(canon);
  kg_graph_free(g);
  free(text);

  // A smaller clique is canonicalized: all its nodes look alike
  char* const    small  = clique(3U);
  KgGraph* const gs     = read_nquads(small);
  KgCanon*       canon3 = NULL;
  cr_assert_eq(canon_new(gs, KG_HASH_SHA256, 0U, &m, &canon3), KG_SUCCESS);
  char* const out = written(canon3, false);
  cr_assert_eq(strlen(out),
               9U * strlen("_:c14n0 <http://example.com/p> _:c14n0 .\n"));
  free(out);
  kg_canon_free(canon3);
  kg_graph_free(gs);
  free(small);
}

Test(canon, write_errors)
{
  KgGraph* const g = read_nquads(diamond);
  Messages       m;
  KgCanon*       canon = NULL;
  cr_assert_eq(canon_new(g, KG_HASH_SHA256, 0U, &m, &canon), KG_SUCCESS);

  FILE* const full = fopen("/dev/full", "w");
  cr_assert_not_null(full);
  cr_assert_eq(setvbuf(full, NULL, _IONBF, 0U), 0);
  cr_assert_eq(kg_canon_write(canon, full), KG_BAD_WRITE);
  cr_assert_eq(kg_canon_write_map(canon, full), KG_BAD_WRITE);
  fclose(full);

  kg_canon_free(canon);
  kg_graph_free(g);
}
