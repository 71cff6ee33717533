// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "ns.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool
any_local(const KgStringView local)
{
  (void)local;
  return true;
}

static bool
no_slash(const KgStringView local)
{
  return !memchr(local.data, '/', local.len);
}

Test(ns, split_takes_the_longest_namespace_whose_rest_passes)
{
  KgGraph* const g = kg_graph_new();
  cr_assert_eq(kg_graph_set_prefix(g, KG_SV("a"), KG_SV("http://e/")),
               KG_SUCCESS);
  cr_assert_eq(kg_graph_set_prefix(g, KG_SV("b"), KG_SV("http://e/x/")),
               KG_SUCCESS);
  cr_assert_eq(kg_graph_set_prefix(g, KG_SV("c"), KG_SV("http://e/x/y")),
               KG_SUCCESS);
  // Taken: the same IRI under another name, and a name of rdf's
  cr_assert_eq(kg_graph_set_prefix(g, KG_SV("d"), KG_SV("http://e/")),
               KG_SUCCESS);
  cr_assert_eq(kg_graph_set_prefix(g, KG_SV("rdfs"), KG_SV("http://o/")),
               KG_SUCCESS);

  KgNamespaces ns;
  cr_assert_eq(kg_namespaces_init(&ns, g, NULL, any_local), KG_SUCCESS);

  KgStringView local = {NULL, 0U};
  long i = kg_namespaces_split(&ns, KG_SV("http://e/x/yz"), any_local, &local);
  cr_assert_geq(i, 0);
  cr_assert_eq(ns.ns[i].prefix.len, 1U);
  cr_assert_eq(ns.ns[i].prefix.data[0], 'c');
  cr_assert_eq(local.len, 1U);
  cr_assert_eq(local.data[0], 'z');

  // "b" fits with a rest that passes, "a" would leave a slash
  i = kg_namespaces_split(&ns, KG_SV("http://e/x/q"), no_slash, &local);
  cr_assert_geq(i, 0);
  cr_assert_eq(ns.ns[i].prefix.data[0], 'b');
  i = kg_namespaces_split(&ns, KG_SV("http://e/q/r"), no_slash, &local);
  cr_assert_eq(i, -1);
  i = kg_namespaces_split(&ns, KG_SV("http://f/"), any_local, &local);
  cr_assert_eq(i, -1);

  // rdfs names the graph's namespace; the well-known rdfs: IRI gets none
  i = kg_namespaces_split(&ns,
                          KG_SV("http://www.w3.org/2000/01/rdf-schema#label"),
                          any_local,
                          &local);
  cr_assert_eq(i, -1);
  i = kg_namespaces_split(
    &ns, KG_SV("http://www.w3.org/2001/XMLSchema#int"), any_local, &local);
  cr_assert_geq(i, 0);
  cr_assert_eq(ns.ns[i].prefix.len, 3U);

  kg_namespaces_fini(&ns);
  kg_graph_free(g);
}

Test(ns, many_namespaces_cost_no_more_than_few)
{
  // 60,000 prefixes, each used by one triple: collecting them and finding
  // each IRI's took quadratic time
  enum { N = 60000 };
  KgGraph* const g = kg_graph_new();
  char           name[32];
  char           iri[64];
  for (unsigned i = 0U; i < N; ++i) {
    const int nl = snprintf(name, sizeof(name), "p%u", i);
    const int il = snprintf(iri, sizeof(iri), "http://e/ns%u/", i);
    cr_assert_eq(kg_graph_set_prefix(g,
                                     (KgStringView){name, (size_t)nl},
                                     (KgStringView){iri, (size_t)il}),
                 KG_SUCCESS);
    const int      sl = snprintf(iri, sizeof(iri), "http://e/ns%u/s", i);
    const KgTermId s  = kg_graph_iri(g, (KgStringView){iri, (size_t)sl});
    cr_assert_eq(kg_graph_add(g, s, s, s), KG_SUCCESS);
  }

  char*                text    = NULL;
  size_t               len     = 0U;
  FILE* const          out     = open_memstream(&text, &len);
  const clock_t        start   = clock();
  const KgWriteOptions options = {KG_SYNTAX_TURTLE, {NULL, NULL}, 0U, NULL};
  cr_assert_eq(kg_graph_write(g, out, &options), KG_SUCCESS);
  const double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
  cr_assert_eq(fclose(out), 0);
  cr_assert_lt(seconds, 2.0, "writing took %.1f s", seconds);

  cr_assert(strstr(text, "@prefix p59999: <http://e/ns59999/> .\n"));
  cr_assert(strstr(text, "\np59999:s\n    p59999:s p59999:s .\n"));
  free(text);
  kg_graph_free(g);
}

Test(ns, rdfxml_names_many_namespaces_in_linear_time)
{
  // 10,000 predicates in namespaces with prefixes and 10,000 in namespaces
  // without, which get generated names: each was looked for among all
  enum { N = 10000 };
  KgGraph* const g = kg_graph_new();
  const KgTermId s = kg_graph_iri(g, KG_SV("http://e/s"));
  char           name[32];
  char           iri[64];
  for (unsigned i = 0U; i < N; ++i) {
    const int nl = snprintf(name, sizeof(name), "p%u", i);
    const int il = snprintf(iri, sizeof(iri), "http://e/ns%u/", i);
    cr_assert_eq(kg_graph_set_prefix(g,
                                     (KgStringView){name, (size_t)nl},
                                     (KgStringView){iri, (size_t)il}),
                 KG_SUCCESS);
    for (unsigned k = 0U; k < 2U; ++k) {
      const int pl =
        snprintf(iri, sizeof(iri), "http://e/%s%u/p", k ? "other" : "ns", i);
      const KgTermId p = kg_graph_iri(g, (KgStringView){iri, (size_t)pl});
      cr_assert_eq(kg_graph_add(g, s, p, s), KG_SUCCESS);
    }
  }

  char*                text    = NULL;
  size_t               len     = 0U;
  FILE* const          out     = open_memstream(&text, &len);
  const clock_t        start   = clock();
  const KgWriteOptions options = {KG_SYNTAX_RDFXML, {NULL, NULL}, 0U, NULL};
  cr_assert_eq(kg_graph_write(g, out, &options), KG_SUCCESS);
  const double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
  cr_assert_eq(fclose(out), 0);
  cr_assert_lt(seconds, 2.0, "writing took %.1f s", seconds);

  cr_assert(strstr(text, " xmlns:p9999=\"http://e/ns9999/\""));
  cr_assert(strstr(text, "<p9999:p rdf:resource=\"http://e/s\"/>"));
  cr_assert(strstr(text, " xmlns:ns10000=\"http://e/other9999/\""));

  // It reads back to the same graph
  KgGraph* const      again = kg_graph_new();
  const KgReadOptions read  = {KG_SYNTAX_RDFXML, "http://e/", 0U, {NULL, NULL}};
  const KgStringView  written = {text, len};
  cr_assert_eq(kg_graph_read_string(again, written, "again", &read),
               KG_SUCCESS);
  cr_assert_eq(kg_graph_size(again), 2U * N);
  KgStatus st = KG_BAD_INTERNAL;
  cr_assert(kg_graph_is_isomorphic(g, again, &st));
  cr_assert_eq(st, KG_SUCCESS);
  kg_graph_free(again);
  free(text);
  kg_graph_free(g);
}
