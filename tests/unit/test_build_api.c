// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Building a graph in memory and writing it, through the public API only:
// the example of graph.h, kg_graph_write() in every syntax it writes, and
// kg_graph_write_file().

#include "../support/dir_entries.h"
#include "messages.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define FOAF "http://xmlns.com/foaf/0.1/"

/*
  The example of the @file comment of graph.h, word for word but for its
  name and its stream: keep the two in step.
*/
static int
example(FILE* const out)
{
  KgGraph* const g = kg_graph_new();
  if (!g) {
    return 1;
  }

  const KgTermId knows = kg_graph_iri(g, KG_SV(FOAF "knows"));
  const KgTermId name  = kg_graph_iri(g, KG_SV(FOAF "name"));
  const KgTermId alice = kg_graph_iri(g, KG_SV("http://example.org/alice"));
  const KgTermId bob   = kg_graph_fresh_blank(g);
  const KgTermId text =
    kg_graph_literal(g, KG_SV("Bob"), KG_NO_TERM, KG_SV(""));

  const KgWriteOptions options = {
    KG_SYNTAX_TURTLE, {kg_log_to_stream, stderr}, 0U, NULL};
  KgStatus st = KG_BAD_ALLOC;
  if (knows && name && alice && bob && text &&
      !(st = kg_graph_set_prefix(g, KG_SV("foaf"), KG_SV(FOAF))) &&
      !(st = kg_graph_add(g, alice, knows, bob)) &&
      !(st = kg_graph_add(g, bob, name, text))) {
    st = kg_graph_write(g, out, &options);
  }
  kg_graph_free(g);
  return st ? 1 : 0;
}

Test(build_api, header_example_writes_turtle)
{
  char*       text = NULL;
  size_t      len  = 0U;
  FILE* const out  = open_memstream(&text, &len);
  cr_assert_not_null(out);
  cr_assert_eq(example(out), 0);
  cr_assert_eq(fclose(out), 0);
  cr_assert_not_null(strstr(text, "@prefix foaf: <" FOAF "> ."), "%s", text);
  cr_assert_not_null(strstr(text, "foaf:knows"), "%s", text);
  cr_assert_not_null(strstr(text, "\"Bob\""), "%s", text);

  // And it reads back as the two triples
  KgGraph* const      g    = kg_graph_new();
  const KgReadOptions read = {KG_SYNTAX_TURTLE, NULL, 0U, {NULL, NULL}};
  cr_assert_eq(kg_graph_read_string(g, kg_sv(text), "example.ttl", &read),
               KG_SUCCESS);
  cr_assert_eq(kg_graph_size(g), 2U);
  kg_graph_free(g);
  free(text);
}

/// A small graph with a prefix, a language-tagged and a typed literal.
static KgGraph*
small_graph(void)
{
  KgGraph* const g = kg_graph_new();
  cr_assert_not_null(g);
  const KgTermId s  = kg_graph_iri(g, KG_SV("http://example.org/s"));
  const KgTermId p  = kg_graph_iri(g, KG_SV("http://example.org/p"));
  const KgTermId q  = kg_graph_iri(g, KG_SV("http://example.org/q"));
  const KgTermId dt = kg_graph_iri(g, KG_SV(KG_XSD_NS "integer"));
  const KgTermId en =
    kg_graph_literal(g, KG_SV("hello"), KG_NO_TERM, KG_SV("EN"));
  const KgTermId num = kg_graph_literal(g, KG_SV("42"), dt, KG_SV(""));
  cr_assert(s && p && q && dt && en && num);
  cr_assert_eq(kg_term_lang(g, en).len, 2U);
  cr_assert_eq(memcmp(kg_term_lang(g, en).data, "en", 2U), 0);
  cr_assert_eq(kg_term_datatype(g, num), dt);
  cr_assert_eq(
    kg_graph_set_prefix(g, KG_SV("ex"), KG_SV("http://example.org/")),
    KG_SUCCESS);
  cr_assert_eq(kg_graph_add(g, s, p, en), KG_SUCCESS);
  cr_assert_eq(kg_graph_add(g, s, q, num), KG_SUCCESS);
  return g;
}

/// Write `g` in `syntax` to a string (free()).
static char*
write_string(const KgGraph* const g, const KgSyntax syntax, KgStatus* const st)
{
  char*                text    = NULL;
  size_t               len     = 0U;
  FILE* const          out     = open_memstream(&text, &len);
  const KgWriteOptions options = {syntax, {NULL, NULL}, 0U, NULL};
  cr_assert_not_null(out);
  *st = kg_graph_write(g, out, &options);
  cr_assert_eq(fclose(out), 0);
  return text;
}

Test(build_api, write_handles_every_writable_syntax_dot_included)
{
  KgGraph* const g = small_graph();
  size_t         n = 0U;
  for (size_t i = 0U; kg_syntax_at(i); ++i) {
    const KgSyntax syntax = kg_syntax_at(i);
    if (!kg_syntax_can_write(syntax)) {
      continue;
    }
    KgStatus    st   = KG_SUCCESS;
    char* const text = write_string(g, syntax, &st);
    cr_assert_eq(st, KG_SUCCESS, "%s", kg_syntax_name(syntax));
    cr_assert_gt(strlen(text), 0U, "%s", kg_syntax_name(syntax));
    free(text);
    ++n;
  }
  // Turtle, N-Triples, RDF/XML, N-Quads, and DOT when pictures are built in
  cr_assert_eq(n, kg_dot_available() ? 5U : 4U);
  kg_graph_free(g);
}

Test(build_api, write_dot_through_write)
{
  KgGraph* const g    = small_graph();
  KgStatus       st   = KG_SUCCESS;
  char* const    text = write_string(g, KG_SYNTAX_DOT, &st);
  if (!kg_dot_available()) {
    cr_assert_eq(st, KG_BAD_UNSUPPORTED);
    free(text);
    kg_graph_free(g);
    return;
  }
  cr_assert_eq(st, KG_SUCCESS);
  cr_assert_not_null(strstr(text, "digraph"), "%s", text);
  cr_assert_not_null(strstr(text, "hello"), "%s", text);
  free(text);
  kg_graph_free(g);
}

Test(build_api, write_without_a_syntax_is_refused)
{
  KgGraph* const g    = small_graph();
  KgStatus       st   = KG_SUCCESS;
  char* const    text = write_string(g, KG_SYNTAX_NONE, &st);
  cr_assert_eq(st, KG_BAD_ARG);
  free(text);
  kg_graph_free(g);
}

/*
  kg_graph_write_file()
*/

/// Make a new empty directory for a test, and return its name (free()).
static char*
new_dir(void)
{
  const char* const tmp = getenv("TMPDIR");
  char              name[4096];
  const int         n = snprintf(
    name, sizeof(name), "%s/kgraph-build-api-XXXXXX", tmp ? tmp : "/tmp");
  cr_assert(n > 0 && (size_t)n < sizeof(name));
  cr_assert_not_null(mkdtemp(name));
  return strdup(name);
}

/// Return `dir`/`name` (free()).
static char*
path_in(const char* const dir, const char* const name)
{
  const size_t len  = strlen(dir) + strlen(name) + 2U;
  char* const  path = (char*)malloc(len);
  cr_assert_not_null(path);
  cr_assert_eq(snprintf(path, len, "%s/%s", dir, name), (int)len - 1);
  return path;
}

/// Return the contents of the file `path` (free()), or NULL if none.
static char*
slurp(const char* const path)
{
  FILE* const f = fopen(path, "rb");
  if (!f) {
    return NULL;
  }
  char*  text = NULL;
  size_t len  = 0U;
  FILE*  out  = open_memstream(&text, &len);
  for (int c; (c = fgetc(f)) != EOF;) {
    fputc(c, out);
  }
  fclose(out);
  fclose(f);
  return text;
}

/// Remove the files of `dir`, then `dir`.
static void
remove_dir(char* const dir)
{
  DIR* const d = opendir(dir);
  for (const struct dirent* e; d && (e = readdir(d));) {
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
      char* const path = path_in(dir, e->d_name);
      unlink(path);
      free(path);
    }
  }
  if (d) {
    closedir(d);
  }
  rmdir(dir);
  free(dir);
}

Test(build_api, write_file_takes_the_syntax_from_the_extension)
{
  KgGraph* const g       = small_graph();
  char* const    dir     = new_dir();
  const char*    names[] = {"g.ttl", "g.nt", "g.rdf", "g.nq", "g.dot", "G.TTL"};
  const KgSyntax syntaxes[] = {KG_SYNTAX_TURTLE,
                               KG_SYNTAX_NTRIPLES,
                               KG_SYNTAX_RDFXML,
                               KG_SYNTAX_NQUADS,
                               KG_SYNTAX_DOT,
                               KG_SYNTAX_TURTLE};
  size_t         n_written  = 0U;
  for (size_t i = 0U; i < sizeof(names) / sizeof(names[0]); ++i) {
    if (!kg_syntax_can_write(syntaxes[i])) {
      continue; // DOT, without pictures
    }
    ++n_written;
    char* const path = path_in(dir, names[i]);
    Messages    m;
    memset(&m, 0, sizeof(m));
    const KgWriteOptions options = {KG_SYNTAX_NONE, {capture, &m}, 0U, NULL};
    cr_assert_eq(
      kg_graph_write_file(g, path, &options), KG_SUCCESS, "%s", m.text);

    // The same bytes as kg_graph_write() in the syntax of the extension
    KgStatus    st       = KG_SUCCESS;
    char* const expected = write_string(g, syntaxes[i], &st);
    char* const got      = slurp(path);
    cr_assert_eq(st, KG_SUCCESS);
    cr_assert_not_null(got);
    cr_assert_str_eq(got, expected, "%s", names[i]);
    free(got);
    free(expected);
    free(path);
  }
  // Nothing but the files written: no temporary file is left
  cr_assert_eq(kg_n_entries(dir), n_written);

  // NULL options: all defaults
  char* const path = path_in(dir, "null-options.nt");
  cr_assert_eq(kg_graph_write_file(g, path, NULL), KG_SUCCESS);
  free(path);
  remove_dir(dir);
  kg_graph_free(g);
}

Test(build_api, write_file_syntax_option_beats_the_extension)
{
  KgGraph* const       g       = small_graph();
  char* const          dir     = new_dir();
  char* const          path    = path_in(dir, "graph.txt");
  const KgWriteOptions options = {KG_SYNTAX_NTRIPLES, {NULL, NULL}, 0U, NULL};
  cr_assert_eq(kg_graph_write_file(g, path, &options), KG_SUCCESS);
  char* const text = slurp(path);
  cr_assert_not_null(
    strstr(text, "<http://example.org/s> <http://example.org/p>"));
  free(text);
  free(path);
  remove_dir(dir);
  kg_graph_free(g);
}

Test(build_api, write_file_refuses_an_unknown_extension)
{
  KgGraph* const g    = small_graph();
  char* const    dir  = new_dir();
  char* const    path = path_in(dir, "graph.docx");
  Messages       m;
  memset(&m, 0, sizeof(m));
  const KgWriteOptions options = {KG_SYNTAX_NONE, {capture, &m}, 0U, NULL};
  cr_assert_eq(kg_graph_write_file(g, path, &options), KG_BAD_ARG);
  cr_assert_not_null(
    strstr(m.text, "error: cannot tell the syntax of '"), "%s", m.text);
  cr_assert_not_null(
    strstr(m.text, "graph.docx' from its extension"), "%s", m.text);
  cr_assert_eq(kg_n_entries(dir), 0U);
  cr_assert_eq(kg_graph_write_file(g, NULL, &options), KG_BAD_ARG);
  cr_assert_eq(kg_graph_write_file(NULL, path, &options), KG_BAD_ARG);
  free(path);
  remove_dir(dir);
  kg_graph_free(g);
}

Test(build_api, write_file_into_a_missing_directory_leaves_nothing)
{
  KgGraph* const g    = small_graph();
  char* const    dir  = new_dir();
  char* const    path = path_in(dir, "missing/graph.ttl");
  Messages       m;
  memset(&m, 0, sizeof(m));
  const KgWriteOptions options = {KG_SYNTAX_NONE, {capture, &m}, 0U, NULL};
  cr_assert_eq(kg_graph_write_file(g, path, &options), KG_BAD_WRITE);
  cr_assert_not_null(
    strstr(m.text, "missing/graph.ttl': No such file or directory"),
    "%s",
    m.text);
  cr_assert_eq(kg_n_entries(dir), 0U);
  free(path);
  remove_dir(dir);
  kg_graph_free(g);
}

Test(build_api, write_file_into_an_unwritable_directory_leaves_nothing)
{
  if (!geteuid()) {
    cr_skip_test("root may write into any directory");
  }
  KgGraph* const g    = small_graph();
  char* const    dir  = new_dir();
  char* const    path = path_in(dir, "graph.ttl");
  cr_assert_eq(chmod(dir, 0555), 0);
  Messages m;
  memset(&m, 0, sizeof(m));
  const KgWriteOptions options = {KG_SYNTAX_NONE, {capture, &m}, 0U, NULL};
  cr_assert_eq(kg_graph_write_file(g, path, &options), KG_BAD_WRITE);
  cr_assert_not_null(
    strstr(m.text, "graph.ttl': Permission denied"), "%s", m.text);
  cr_assert_eq(chmod(dir, 0755), 0);
  cr_assert_eq(kg_n_entries(dir), 0U);
  free(path);
  remove_dir(dir);
  kg_graph_free(g);
}

Test(build_api, write_file_that_cannot_hold_the_graph_keeps_the_old_file)
{
  // Named graphs, which Turtle cannot hold
  KgGraph* const g    = small_graph();
  const KgTermId name = kg_graph_iri(g, KG_SV("http://example.org/g"));
  const KgTermId s    = kg_graph_iri(g, KG_SV("http://example.org/s"));
  const KgOrigin none = {0U, 0U, 0U};
  cr_assert_eq(kg_graph_add_quad(g, s, s, s, name, none), KG_SUCCESS);

  char* const dir  = new_dir();
  char* const path = path_in(dir, "graph.ttl");
  FILE* const old  = fopen(path, "wb");
  cr_assert_not_null(old);
  cr_assert_geq(fputs("# the old file\n", old), 0);
  cr_assert_eq(fclose(old), 0);

  Messages m;
  memset(&m, 0, sizeof(m));
  const KgWriteOptions options = {KG_SYNTAX_NONE, {capture, &m}, 0U, NULL};
  cr_assert_eq(kg_graph_write_file(g, path, &options), KG_BAD_DATA);
  cr_assert_gt(m.n_errors, 0U);
  char* const text = slurp(path);
  cr_assert_str_eq(text, "# the old file\n");
  cr_assert_eq(kg_n_entries(dir), 1U);
  free(text);
  free(path);
  remove_dir(dir);
  kg_graph_free(g);
}

Test(build_api, write_file_on_a_failing_disk_keeps_the_old_file)
{
  // Files may grow to 100 bytes only: writing more fails with EFBIG
  KgGraph* const g = small_graph();
  const KgTermId s = kg_graph_iri(g, KG_SV("http://example.org/s"));
  const KgTermId p = kg_graph_iri(g, KG_SV("http://example.org/long"));
  char           text[200000];
  memset(text, 'x', sizeof(text) - 1U);
  text[sizeof(text) - 1U] = '\0';
  const KgTermId o = kg_graph_literal(g, kg_sv(text), KG_NO_TERM, KG_SV(""));
  cr_assert_eq(kg_graph_add(g, s, p, o), KG_SUCCESS);

  char* const dir  = new_dir();
  char* const path = path_in(dir, "graph.nt");
  FILE* const old  = fopen(path, "wb");
  cr_assert_not_null(old);
  cr_assert_geq(fputs("# the old file\n", old), 0);
  cr_assert_eq(fclose(old), 0);

  cr_assert_neq(signal(SIGXFSZ, SIG_IGN), SIG_ERR);
  const struct rlimit limit = {100U, 100U};
  cr_assert_eq(setrlimit(RLIMIT_FSIZE, &limit), 0);

  Messages m;
  memset(&m, 0, sizeof(m));
  const KgWriteOptions options = {KG_SYNTAX_NONE, {capture, &m}, 0U, NULL};
  cr_assert_eq(
    kg_graph_write_file(g, path, &options), KG_BAD_WRITE, "%s", m.text);
  cr_assert_not_null(strstr(m.text, "error: cannot write '"), "%s", m.text);
  cr_assert_not_null(strstr(m.text, "graph.nt': File too large"), "%s", m.text);

  char* const got = slurp(path);
  cr_assert_str_eq(got, "# the old file\n");
  cr_assert_eq(kg_n_entries(dir), 1U);
  free(got);
  free(path);
  remove_dir(dir);
  kg_graph_free(g);
}

Test(build_api, write_file_replaces_the_file_a_link_names)
{
  KgGraph* const g      = small_graph();
  char* const    dir    = new_dir();
  char* const    target = path_in(dir, "target.nt");
  char* const    link   = path_in(dir, "link.nt");
  FILE* const    old    = fopen(target, "wb");
  cr_assert_not_null(old);
  cr_assert_eq(fclose(old), 0);
  cr_assert_eq(chmod(target, 0640), 0);
  cr_assert_eq(symlink("target.nt", link), 0);

  cr_assert_eq(kg_graph_write_file(g, link, NULL), KG_SUCCESS);
  struct stat st;
  cr_assert_eq(lstat(link, &st), 0);
  cr_assert(S_ISLNK(st.st_mode));
  cr_assert_eq(stat(target, &st), 0);
  cr_assert_eq(st.st_mode & 0777, 0640);
  char* const text = slurp(target);
  cr_assert_not_null(strstr(text, "\"hello\"@en"), "%s", text);
  cr_assert_eq(kg_n_entries(dir), 2U);
  free(text);
  free(link);
  free(target);
  remove_dir(dir);
  kg_graph_free(g);
}

/*
  kg_graph_curie()
*/

Test(build_api, curie_expands_with_the_graphs_prefixes)
{
  KgGraph* const g = kg_graph_new();
  cr_assert_not_null(g);
  cr_assert_eq(
    kg_graph_set_prefix(g, KG_SV("kg"), KG_SV("https://kg.example/o#")),
    KG_SUCCESS);
  cr_assert_eq(kg_graph_set_prefix(g, KG_SV(""), KG_SV("http://e.example/")),
               KG_SUCCESS);

  KgStatus       st      = KG_BAD_INTERNAL;
  const KgTermId company = kg_graph_curie(g, KG_SV("kg:Company"), &st);
  cr_assert_eq(st, KG_SUCCESS);
  cr_assert_eq(company,
               kg_graph_find_iri(g, KG_SV("https://kg.example/o#Company")));
  cr_assert_neq(company, KG_NO_TERM);
  cr_assert_eq(kg_term_kind(g, company), KG_TERM_IRI);

  // The empty prefix, an empty local name, a colon in the local name
  cr_assert_eq(kg_graph_curie(g, KG_SV(":a"), NULL),
               kg_graph_iri(g, KG_SV("http://e.example/a")));
  cr_assert_eq(kg_graph_curie(g, KG_SV("kg:"), NULL),
               kg_graph_iri(g, KG_SV("https://kg.example/o#")));
  cr_assert_eq(kg_graph_curie(g, KG_SV("kg:a:b"), NULL),
               kg_graph_iri(g, KG_SV("https://kg.example/o#a:b")));

  // A view that is not NUL-terminated: only its bytes count
  const char text[] = "kg:Companyx";
  cr_assert_eq(kg_graph_curie(g, (KgStringView){text, 10U}, NULL), company);
  kg_graph_free(g);
}

Test(build_api, curie_with_an_unknown_prefix_fails)
{
  KgGraph* const g = kg_graph_new();
  cr_assert_not_null(g);
  cr_assert_eq(
    kg_graph_set_prefix(g, KG_SV("kg"), KG_SV("https://kg.example/o#")),
    KG_SUCCESS);
  const size_t n_terms = kg_graph_n_terms(g);

  KgStatus st = KG_SUCCESS;
  cr_assert_eq(kg_graph_curie(g, KG_SV("foaf:name"), &st), KG_NO_TERM);
  cr_assert_eq(st, KG_BAD_ARG);
  st = KG_SUCCESS;
  cr_assert_eq(kg_graph_curie(g, KG_SV("Company"), &st), KG_NO_TERM);
  cr_assert_eq(st, KG_BAD_ARG);
  st = KG_SUCCESS;
  cr_assert_eq(kg_graph_curie(g, KG_SV(""), &st), KG_NO_TERM);
  cr_assert_eq(st, KG_BAD_ARG);
  cr_assert_eq(kg_graph_curie(NULL, KG_SV("kg:a"), NULL), KG_NO_TERM);
  // Nothing was interned
  cr_assert_eq(kg_graph_n_terms(g), n_terms);
  kg_graph_free(g);
}

Test(build_api, file_target_follows_links)
{
  char* const dir    = new_dir();
  char* const first  = path_in(dir, "first");
  char* const second = path_in(dir, "second");
  char* const loop   = path_in(dir, "loop");
  cr_assert_eq(symlink("second", first), 0);
  cr_assert_eq(symlink("missing.ttl", second), 0);
  cr_assert_eq(symlink("loop", loop), 0);

  // Relative links, from the directory of each link, to a file to create
  char* const target   = kg_file_target(first);
  char* const expected = path_in(dir, "missing.ttl");
  cr_assert_str_eq(target, expected);
  kg_free(target);
  free(expected);

  // Not a link: itself
  char* const plain = kg_file_target("plain.ttl");
  cr_assert_str_eq(plain, "plain.ttl");
  kg_free(plain);

  errno = 0;
  cr_assert_null(kg_file_target(loop));
  cr_assert_eq(errno, ELOOP);

  free(loop);
  free(second);
  free(first);
  remove_dir(dir);
}
