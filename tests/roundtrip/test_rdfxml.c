// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// RDF/XML written by kgraph, read back by independent parsers (rapper, and
// rdflib under /usr/bin/python3), must be the graph that was written, blank
// nodes up to renaming.  Inputs: every eval test of the W3C Turtle suite,
// the shipped graphs, generated graphs and a file of awkward content.  What
// RDF/XML cannot express must be refused with the documented message.

#include "../support/tmp_dir.h"

#include "messages.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>
#include <criterion/logging.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_INPUTS 512U

/// An input graph and where its RDF/XML goes.
typedef struct {
  char path[1400]; ///< Turtle or N-Triples file
  char base[1024]; ///< Base IRI to read it with
  char rdf[256];   ///< RDF/XML written by kgraph
  bool refused;    ///< kgraph refused to write it (documented reason)
} Input;

static KgGraph*
read_graph(const char* const path,
           const char* const base,
           const KgSyntax    syntax)
{
  Messages            m    = {{0}, 0U, 0U, 0U};
  const KgReadOptions opts = {syntax, base, 0U, {capture, &m}};
  KgGraph* const      g    = kg_graph_new();
  const KgStatus      st   = kg_graph_read_file(g, path, &opts);
  cr_assert_eq(st, KG_SUCCESS, "cannot read %s:\n%s", path, m.text);
  return g;
}

/// Return true iff `g` holds a character XML 1.0 cannot carry.
static bool
has_non_xml_char(const KgGraph* const g)
{
  for (KgTermId id = 1U; id <= kg_graph_n_terms(g); ++id) {
    const KgStringView t = kg_term_text(g, id);
    for (size_t i = 0U; i < t.len; ++i) {
      const unsigned char c = (unsigned char)t.data[i];
      if (c < 0x20U && c != '\t' && c != '\n' && c != '\r') {
        return true;
      }
    }
  }
  return false;
}

/// Write `in` as RDF/XML into a temporary file; note a documented refusal.
static void
export_rdfxml(Input* const in, const char* const dir, const unsigned n)
{
  const KgSyntax syntax = kg_syntax_by_path(in->path);
  KgGraph* const g      = read_graph(in->path, in->base, syntax);

  snprintf(in->rdf, sizeof(in->rdf), "%s/%u.rdf", dir, n);
  FILE* const out = fopen(in->rdf, "wb");
  cr_assert_not_null(out);

  Messages             m     = {{0}, 0U, 0U, 0U};
  const KgWriteOptions wopts = {KG_SYNTAX_RDFXML, {capture, &m}, 0U, NULL};
  const KgStatus       st    = kg_graph_write(g, out, &wopts);
  fclose(out);
  if (st == KG_BAD_DATA) {
    // Only for characters XML cannot carry, said so with the line
    cr_assert(has_non_xml_char(g), "%s refused:\n%s", in->path, m.text);
    cr_assert(strstr(m.text, "which XML 1.0 cannot carry"), "%s", m.text);
    cr_assert(strstr(m.text, in->path), "no file:line in: %s", m.text);
    in->refused = true;
  } else {
    cr_assert_eq(
      st, KG_SUCCESS, "%s: %s\n%s", in->path, kg_strerror(st), m.text);
  }
  kg_graph_free(g);
}

/// Compare the graph of `in` with the N-Triples a peer made of its RDF/XML.
static bool
same_graph(const Input* const in, const char* const nt, const char* const peer)
{
  const KgSyntax syntax = kg_syntax_by_path(in->path);
  KgGraph* const a      = read_graph(in->path, in->base, syntax);
  KgGraph* const b      = read_graph(nt, NULL, KG_SYNTAX_NTRIPLES);
  const bool     same   = kg_graph_is_isomorphic(a, b, NULL);
  if (!same) {
    cr_log_error(
      "%s: %s reads a different graph from %s (%zu triples, not %zu)",
      in->path,
      peer,
      in->rdf,
      kg_graph_size(b),
      kg_graph_size(a));
  }
  kg_graph_free(b);
  kg_graph_free(a);
  return same;
}

static int
run_command(const char* const cmd)
{
  const int status = system(cmd);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/// Collect the inputs: W3C Turtle eval tests, shipped graphs, test data,
/// and graphs generated into `dir`.
static unsigned
collect(Input* const inputs, const char* const dir)
{
  const char* const root = getenv("KG_SOURCE_ROOT");
  unsigned          n    = 0U;

  // The eval tests of the W3C Turtle suite, from its manifest
  char manifest[1024];
  snprintf(manifest,
           sizeof(manifest),
           "%s/tests/conformance/w3c/rdf11/rdf-turtle/manifest.ttl",
           root);
  static const char base[] =
    "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/";
  char mbase[256];
  snprintf(mbase, sizeof(mbase), "%smanifest.ttl", base);
  KgGraph* const m    = read_graph(manifest, mbase, KG_SYNTAX_TURTLE);
  const KgTermId type = kg_graph_find_iri(m, KG_SV(KG_RDF_TYPE));
  const KgTermId eval =
    kg_graph_find_iri(m, KG_SV("http://www.w3.org/ns/rdftest#TestTurtleEval"));
  const KgTermId action = kg_graph_find_iri(
    m,
    KG_SV("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#action"));
  cr_assert(type && eval && action);
  for (size_t i = 0U; i < kg_graph_size(m) && n < MAX_INPUTS; ++i) {
    const KgTriple* const t = &kg_graph_triples(m)[i];
    if (t->p == type && t->o == eval) {
      const KgStringView iri =
        kg_term_text(m, kg_graph_object(m, t->s, action));
      const char* const name = strrchr(iri.data, '/') + 1;
      snprintf(inputs[n].path,
               sizeof(inputs[n].path),
               "%s/tests/conformance/w3c/rdf11/rdf-turtle/%s",
               root,
               name);
      snprintf(inputs[n].base, sizeof(inputs[n].base), "%s", iri.data);
      ++n;
    }
  }
  kg_graph_free(m);
  cr_assert_eq(n, 145U, "expected the 145 eval tests");

  // The shipped graphs and the writer's own test data
  static const char* const dirs[] = {"graphs", "ontology", "tests/data/export"};
  for (size_t d = 0U; d < sizeof(dirs) / sizeof(dirs[0]); ++d) {
    char data_dir[1024];
    snprintf(data_dir, sizeof(data_dir), "%s/%s", root, dirs[d]);
    DIR* const     dp = opendir(data_dir);
    struct dirent* e  = NULL;
    cr_assert_not_null(dp, "%s", data_dir);
    while ((e = readdir(dp)) && n < MAX_INPUTS) {
      snprintf(
        inputs[n].path, sizeof(inputs[n].path), "%s/%s", data_dir, e->d_name);
      if (e->d_name[0] != '.' &&
          kg_syntax_can_read(kg_syntax_by_path(inputs[n].path))) {
        snprintf(
          inputs[n].base, sizeof(inputs[n].base), "http://example.org/base/");
        ++n;
      }
    }
    closedir(dp);
  }

  // Generated graphs: blank nodes, language tags, datatypes, long texts with
  // quotes, tabs, newlines, '<', '&' and characters beyond the BMP
  static const unsigned seeds[] = {3U, 4U};
  for (size_t i = 0U; i < sizeof(seeds) / sizeof(seeds[0]); ++i) {
    char cmd[3000];
    snprintf(inputs[n].path,
             sizeof(inputs[n].path),
             "%s/generated-%u.nt",
             dir,
             seeds[i]);
    snprintf(cmd,
             sizeof(cmd),
             "/usr/bin/python3 '%s/tests/bench/gen-kg.py' --triples 20000 "
             "--seed %u > '%s'",
             root,
             seeds[i],
             inputs[n].path);
    cr_assert_eq(run_command(cmd), 0, "cannot generate %s", inputs[n].path);
    snprintf(
      inputs[n].base, sizeof(inputs[n].base), "http://example.org/base/");
    ++n;
  }
  return n;
}

static Input inputs[MAX_INPUTS];

static unsigned
export_all(char* const dir, const size_t dir_size)
{
  cr_assert_not_null(kg_tmp_dir("kgraph-rdfxml", dir, dir_size));
  const unsigned n = collect(inputs, dir);
  for (unsigned i = 0U; i < n; ++i) {
    export_rdfxml(&inputs[i], dir, i);
  }
  return n;
}

/// Say how many of `n` graphs `reader` read back the same, and check that
/// these are all but the `refused` ones.
static void
check_all_same(const char* const reader,
               const unsigned    same,
               const unsigned    refused,
               const unsigned    n)
{
  cr_log_info("%s: %u of %u graphs the same, %u refused as documented",
              reader,
              same,
              n,
              refused);
  cr_assert_eq(same + refused,
               n,
               "%s: %u of %u graphs differ (see above)",
               reader,
               n - same - refused,
               n);
}

/// Read back what kgraph wrote as RDF/XML with `flags`, with kgraph.
static void
check_kgraph_reads(const KgWriteFlags flags)
{
  char           dir[64];
  const unsigned n       = export_all(dir, sizeof(dir));
  unsigned       same    = 0U;
  unsigned       refused = 0U;
  for (unsigned i = 0U; i < n; ++i) {
    if (inputs[i].refused) {
      ++refused;
      continue;
    }

    const KgSyntax syntax = kg_syntax_by_path(inputs[i].path);
    KgGraph* const g      = read_graph(inputs[i].path, inputs[i].base, syntax);
    if (flags) {
      // Write again, flat this time
      FILE* const out = fopen(inputs[i].rdf, "wb");
      cr_assert_not_null(out);
      const KgWriteOptions wopts = {
        KG_SYNTAX_RDFXML, {NULL, NULL}, flags, NULL};
      cr_assert_eq(kg_graph_write(g, out, &wopts), KG_SUCCESS);
      fclose(out);
    }

    KgGraph* const back =
      read_graph(inputs[i].rdf, inputs[i].base, KG_SYNTAX_RDFXML);
    if (kg_graph_is_isomorphic(g, back, NULL)) {
      ++same;
    } else {
      cr_log_error("%s: kgraph reads a different graph from %s (%zu "
                   "triples, not %zu)",
                   inputs[i].path,
                   inputs[i].rdf,
                   kg_graph_size(back),
                   kg_graph_size(g));
    }
    kg_graph_free(back);
    kg_graph_free(g);
  }

  check_all_same("kgraph", same, refused, n);
}

// No .timeout on new tests: criterion 2.4 leaks a block (LeakSanitizer
// fails the run) when several tests with timeouts run side by side; the
// timeout of meson's test guards the whole file.
Test(rdfxml, kgraph_reads_back_the_same_graphs)
{
  check_kgraph_reads(0U);
}

Test(rdfxml, kgraph_reads_back_the_same_plain_graphs)
{
  check_kgraph_reads(KG_WRITE_PLAIN);
}

/// Read `path`, written by `peer` from the graph of `in`, with kgraph, and
/// return true iff it is that graph.
static bool
reads_what_peer_wrote(const Input* const in,
                      const char* const  path,
                      const char* const  peer)
{
  const KgSyntax syntax = kg_syntax_by_path(in->path);
  KgGraph* const g      = read_graph(in->path, in->base, syntax);
  KgGraph* const back   = read_graph(path, in->base, KG_SYNTAX_RDFXML);
  const bool     same   = kg_graph_is_isomorphic(g, back, NULL);
  if (!same) {
    cr_log_error("%s: kgraph reads a different graph from what %s wrote, "
                 "%s (%zu triples, not %zu)",
                 in->path,
                 peer,
                 path,
                 kg_graph_size(back),
                 kg_graph_size(g));
  }
  kg_graph_free(back);
  kg_graph_free(g);
  return same;
}

Test(rdfxml, kgraph_reads_what_rapper_and_rdflib_write)
{
  char           dir[64];
  const unsigned n = export_all(dir, sizeof(dir));

  // Each graph as N-Triples for rapper, and as RDF/XML for rdflib, to
  // write as RDF/XML their way
  char list[128];
  snprintf(list, sizeof(list), "%s/peers", dir);
  FILE* const f = fopen(list, "w");
  cr_assert_not_null(f);
  for (unsigned i = 0U; i < n; ++i) {
    if (inputs[i].refused) {
      continue; // Characters XML cannot carry: rapper drops them
    }
    char nt[1100];
    snprintf(nt, sizeof(nt), "%s.src.nt", inputs[i].rdf);
    const KgSyntax syntax = kg_syntax_by_path(inputs[i].path);
    KgGraph* const g      = read_graph(inputs[i].path, inputs[i].base, syntax);
    FILE* const    out    = fopen(nt, "wb");
    cr_assert_not_null(out);
    const KgWriteOptions wopts = {KG_SYNTAX_NTRIPLES, {NULL, NULL}, 0U, NULL};
    cr_assert_eq(kg_graph_write(g, out, &wopts), KG_SUCCESS);
    fclose(out);
    kg_graph_free(g);

    char cmd[4400];
    snprintf(cmd,
             sizeof(cmd),
             "rapper -q -i ntriples -o rdfxml-abbrev '%s' > '%s.rapper.rdf' "
             "2> /dev/null || rm -f '%s.rapper.rdf'",
             nt,
             inputs[i].rdf,
             inputs[i].rdf);
    run_command(cmd);
    // rdflib reads kgraph's RDF/XML: its N-Triples reader takes "\\b"
    // for a backspace
    fprintf(f,
            "%s\t%s\t%s.rdflib.rdf\n",
            inputs[i].rdf,
            inputs[i].base,
            inputs[i].rdf);
  }
  fclose(f);

  char cmd[2048];
  snprintf(cmd,
           sizeof(cmd),
           "/usr/bin/python3 '%s/tests/roundtrip/rdflib-write-rdfxml' < '%s' "
           "2> /dev/null",
           getenv("KG_SOURCE_ROOT"),
           list);
  run_command(cmd);

  // Whatever a peer wrote, kgraph reads back as the same graph
  static const char* const peers[] = {"rapper", "rdflib"};
  for (size_t p = 0U; p < 2U; ++p) {
    unsigned written = 0U;
    unsigned same    = 0U;
    for (unsigned i = 0U; i < n; ++i) {
      char path[1100];
      snprintf(path, sizeof(path), "%s.%s.rdf", inputs[i].rdf, peers[p]);
      if (!inputs[i].refused && access(path, R_OK) == 0) {
        ++written;
        same += reads_what_peer_wrote(&inputs[i], path, peers[p]);
      }
    }
    cr_log_info("%s wrote %u of %u graphs as RDF/XML, kgraph read back %u",
                peers[p],
                written,
                n,
                same);
    cr_assert_eq(same, written, "%s: see above", peers[p]);
    cr_assert_geq(written, 140U, "%s wrote too few graphs", peers[p]);
  }
}

Test(rdfxml, rapper_reads_the_same_graphs, .timeout = 300)
{
  char           dir[64];
  const unsigned n = export_all(dir, sizeof(dir));
  cr_assert_eq(run_command("rapper --version > /dev/null 2>&1"),
               0,
               "rapper is not installed: run .ci/deps");

  unsigned same    = 0U;
  unsigned refused = 0U;
  for (unsigned i = 0U; i < n; ++i) {
    if (inputs[i].refused) {
      ++refused;
      continue;
    }

    char nt[1100];
    char cmd[4400];
    snprintf(nt, sizeof(nt), "%s.nt", inputs[i].rdf);
    snprintf(cmd,
             sizeof(cmd),
             "rapper -q -i rdfxml -o ntriples '%s' '%s' > '%s'",
             inputs[i].rdf,
             inputs[i].base,
             nt);
    if (run_command(cmd) != 0) {
      cr_log_error("%s: rapper fails on %s", inputs[i].path, inputs[i].rdf);
    } else {
      same += same_graph(&inputs[i], nt, "rapper");
    }
  }

  check_all_same("rapper", same, refused, n);
  cr_assert_eq(refused, 9U, "the 9 W3C graphs with control characters");
}

Test(rdfxml, rdflib_reads_the_same_graphs, .timeout = 600)
{
  char           dir[64];
  const unsigned n = export_all(dir, sizeof(dir));

  // One Python process converts every file: rdflib takes long to import
  char list[128];
  snprintf(list, sizeof(list), "%s/list", dir);
  FILE* const f = fopen(list, "w");
  cr_assert_not_null(f);
  for (unsigned i = 0U; i < n; ++i) {
    if (!inputs[i].refused) {
      fprintf(f, "%s\t%s\n", inputs[i].rdf, inputs[i].base);
    }
  }
  fclose(f);

  char cmd[2048];
  snprintf(cmd,
           sizeof(cmd),
           "/usr/bin/python3 '%s/tests/roundtrip/rdflib-to-nt' < '%s'",
           getenv("KG_SOURCE_ROOT"),
           list);
  cr_assert_eq(run_command(cmd),
               0,
               "rdflib failed (is python3-rdflib installed? run .ci/deps)");

  unsigned same    = 0U;
  unsigned refused = 0U;
  for (unsigned i = 0U; i < n; ++i) {
    if (inputs[i].refused) {
      ++refused;
      continue;
    }
    char nt[1100];
    snprintf(nt, sizeof(nt), "%s.nt", inputs[i].rdf);
    same += same_graph(&inputs[i], nt, "rdflib");
  }

  check_all_same("rdflib", same, refused, n);
}

/// Export `path` in `syntax`; return the bytes (free()).
static char*
export_text(const KgGraph* const g, const KgSyntax syntax)
{
  char*                buf  = NULL;
  size_t               len  = 0U;
  FILE* const          out  = open_memstream(&buf, &len);
  const KgWriteOptions opts = {syntax, {NULL, NULL}, 0U, NULL};
  cr_assert_eq(kg_graph_write(g, out, &opts), KG_SUCCESS);
  fclose(out);
  return buf;
}

/// Check that `name`, read in two orders, gives the same bytes in each syntax.
static void
check_order(const char* const name)
{
  char path[1024];
  snprintf(path, sizeof(path), "%s/%s", getenv("KG_SOURCE_ROOT"), name);
  KgGraph* const g =
    read_graph(path, "http://example.org/base/", kg_syntax_by_path(path));
  char* const nt = export_text(g, KG_SYNTAX_NTRIPLES);
  kg_graph_free(g);

  // The lines of its N-Triples, in their order and in a shuffled one
  size_t n_lines = 0U;
  char** lines   = (char**)calloc(strlen(nt) + 1U, sizeof(char*));
  for (char* line = strtok(nt, "\n"); line; line = strtok(NULL, "\n")) {
    lines[n_lines++] = line;
  }

  KgGraph* graphs[2] = {NULL, NULL};
  for (unsigned k = 0U; k < 2U; ++k) {
    if (k) {
      uint32_t seed = 12345U; // Fisher-Yates with a fixed generator
      for (size_t i = n_lines; i > 1U; --i) {
        seed           = seed * 1664525U + 1013904223U;
        const size_t j = (size_t)(seed >> 8U) % i;
        char* const  t = lines[i - 1U];
        lines[i - 1U]  = lines[j];
        lines[j]       = t;
      }
    }

    char*       text = NULL;
    size_t      len  = 0U;
    FILE* const mem  = open_memstream(&text, &len);
    for (size_t i = 0U; i < n_lines; ++i) {
      fprintf(mem, "%s\n", lines[i]);
    }
    fclose(mem);

    graphs[k]                = kg_graph_new();
    const KgReadOptions opts = {KG_SYNTAX_NTRIPLES, NULL, 0U, {NULL, NULL}};
    const KgStringView  view = {text, len};
    cr_assert_eq(kg_graph_read_string(graphs[k], view, "lines.nt", &opts),
                 KG_SUCCESS);
    free(text);
  }

  for (KgSyntax s = KG_SYNTAX_TURTLE; s <= KG_SYNTAX_RDFXML; ++s) {
    char* const a = export_text(graphs[0], s);
    char* const b = export_text(graphs[1], s);
    cr_assert_str_eq(
      a, b, "%s: %s differs with the input order", name, kg_syntax_name(s));
    free(b);
    free(a);
  }

  kg_graph_free(graphs[1]);
  kg_graph_free(graphs[0]);
  free(lines);
  free(nt);
}

Test(rdfxml, same_bytes_whatever_the_input_order)
{
  check_order("graphs/deepseek-v2.ttl");
  check_order("tests/data/export/awkward.ttl");
}
