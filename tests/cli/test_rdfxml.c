// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Reading RDF/XML from the command line: the grammar's corners (good/:
// each NAME.rdf gives the triples of NAME.nt), hostile and broken documents
// (bad/: each NAME.rdf exits 3 with its one message, NAME.err, and writes
// no file), nothing ever read from outside the document, and every command
// taking RDF/XML in.  The cases of good/ and bad/ are their files
// (docs/testing.md); KG_UPDATE_EXPECTED=1 writes the expected files.

#include "cli.h"
#include "golden.h"
#include "support.h"

#include <criterion/criterion.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define RDF_OPEN                                                       \
  "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"" \
  " xmlns:ex=\"http://example.org/\">\n"

/// Run `kgraph export --to ntriples -o OUT PATH` and check that it fails
/// with exit 3, nothing on standard output and no file at OUT.
static Run
run_bad(const char* const path)
{
  const char* const out = path_in(tmp_dir(), "out.nt");
  Run               r   = run(
    "export", "--from", "rdfxml", "--to", "ntriples", "-o", out, path, NULL);
  cr_assert_eq(
    r.status, KG_EXIT_INPUT, "%s: exit %d\n%s", path, r.status, r.err);
  cr_assert_str_eq(r.out, "");
  cr_assert(!exists(out), "%s: a file was left at %s", path, out);
  return r;
}

/// Fail for each file of the current folder whose stem (up to its first
/// dot) has no NAME.rdf: an expected file left behind by a removed case.
static void
check_stale(GoldenReport* const report, const char* const dir)
{
  GoldenNames all = golden_list(".", "");
  for (size_t i = 0U; i < all.n; ++i) {
    const char* const name = all.names[i];
    char              rdf[1024];
    golden_path(rdf, sizeof(rdf), "%.*s.rdf", (int)strcspn(name, "."), name);
    if (!golden_exists(rdf)) {
      golden_fail(report,
                  "%s/%s: an expected file with no document '%s'; remove "
                  "it, or add its document",
                  dir,
                  name,
                  rdf);
    }
  }
  golden_names_free(&all);
}

Test(rdfxml, bad_documents_each_give_their_message)
{
  cr_assert_eq(chdir(data_path("rdfxml/bad")), 0);
  GoldenReport report;
  golden_report_init(&report);
  GoldenNames names = golden_list(".", ".rdf");
  for (size_t i = 0U; i < names.n; ++i) {
    const char* const rdf = names.names[i];
    char              err[1024];
    golden_path(
      err, sizeof(err), "%.*s.err", (int)(strlen(rdf) - strlen(".rdf")), rdf);

    const char* const out = path_in(tmp_dir(), "out.nt");
    Run               r   = run(
      "export", "--from", "rdfxml", "--to", "ntriples", "-o", out, rdf, NULL);
    if (r.status != KG_EXIT_INPUT || *r.out || exists(out)) {
      ++report.n_cases;
      golden_fail(&report,
                  "%s: exit %d, expected %d, with nothing written; "
                  "standard error: %s",
                  rdf,
                  r.status,
                  KG_EXIT_INPUT,
                  r.err);
    } else {
      golden_check(&report, rdf, err, r.err, strlen(r.err), NULL);
    }
    run_free(&r);
  }
  golden_names_free(&names);
  check_stale(&report, "tests/data/rdfxml/bad");
  golden_report_end(&report, "documents of tests/data/rdfxml/bad", 13U);
}

Test(rdfxml, good_documents_give_their_triples)
{
  cr_assert_eq(chdir(data_path("rdfxml/good")), 0);
  GoldenReport report;
  golden_report_init(&report);
  GoldenNames names = golden_list(".", ".rdf");
  for (size_t i = 0U; i < names.n; ++i) {
    const char* const rdf = names.names[i];
    const int         len = (int)(strlen(rdf) - strlen(".rdf"));
    char              nt[1024];
    char              base[1024];
    golden_path(nt, sizeof(nt), "%.*s.nt", len, rdf);
    golden_path(
      base, sizeof(base), "http://example.org/dir/%.*s.rdf", len, rdf);
    ++report.n_cases;

    if (golden_updating()) {
      Run w =
        run("export", "--base", base, "--to", "ntriples", "-o", nt, rdf, NULL);
      cr_assert_eq(w.status, KG_EXIT_SUCCESS, "%s: %s", rdf, w.err);
      run_free(&w);
    }
    if (!golden_exists(nt)) {
      golden_fail(&report,
                  "%s: the expected triples '%s' are missing; run the test "
                  "with KG_UPDATE_EXPECTED=1 to create them, and review them",
                  rdf,
                  nt);
      continue;
    }
    // diff reads both, by their extensions, and says they are the same
    Run r = run("diff", "--base", base, nt, rdf, NULL);
    if (r.status != KG_EXIT_SUCCESS) {
      golden_fail(&report,
                  "%s: exit %d, not the graph of %s:\n%s%s",
                  rdf,
                  r.status,
                  nt,
                  r.out,
                  r.err);
    }
    run_free(&r);
  }
  golden_names_free(&names);
  check_stale(&report, "tests/data/rdfxml/good");
  golden_report_end(&report, "documents of tests/data/rdfxml/good", 11U);
}

Test(rdfxml, lax_skips_what_is_wrong_and_keeps_the_rest)
{
  cr_assert_eq(chdir(data_path("rdfxml/bad")), 0);
  char* const want     = read_file("lax.lax.nt");
  char* const warnings = read_file("lax.warnings");
  Run         r = run("export", "--lax", "--to", "ntriples", "lax.rdf", NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert_str_eq(r.out, want);
  cr_assert_str_eq(r.err, warnings);
  run_free(&r);
  free(want);
  free(warnings);
}

/// Return the peak resident memory of this process, in KiB.
static long
max_rss_kib(void)
{
  struct rusage use;
  cr_assert_eq(getrusage(RUSAGE_SELF, &use), 0);
  return use.ru_maxrss;
}

static double
seconds_since(const struct timespec* const t0)
{
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  return (double)(t1.tv_sec - t0->tv_sec) +
         (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/// Check that reading `doc` fails with `message`, quickly and in little
/// memory (the document would expand to gigabytes).
static void
check_bounded(const char* const doc,
              const double      max_seconds,
              const char* const message)
{
  const char* const path = path_in(tmp_dir(), "hostile.rdf");
  write_file(path, doc);

  const long      rss0 = max_rss_kib();
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  Run          r       = run_bad(path);
  const double seconds = seconds_since(&t0);
  const long   grown   = max_rss_kib() - rss0;

  cr_assert(strstr(r.err, message), "%s", r.err);
  cr_assert_lt(seconds, max_seconds, "%.2f s", seconds);
  cr_assert_lt(grown, 64L * 1024L, "%ld KiB more memory", grown);
  run_free(&r);
}

Test(rdfxml, billion_laughs_stops_at_once)
{
  char* const doc = read_file(data_path("rdfxml/bad/billion-laughs.rdf"));
  check_bounded(doc, 1.0, "entity references expand too much or loop");
  free(doc);
}

Test(rdfxml, one_large_entity_referenced_often_stops_at_once)
{
  // 50 kB referenced 20,000 times: 1 GB of text (quadratic blowup), as
  // text and as attribute values
  const size_t size = 50000U;
  const size_t refs = 20000U;
  char* const  ent  = malloc(size + 1U);
  char* const  uses = malloc(refs * 3U + 1U);
  memset(ent, 'a', size);
  ent[size] = '\0';
  for (size_t i = 0U; i < refs; ++i) {
    memcpy(uses + 3U * i, "&a;", 3U);
  }
  uses[refs * 3U] = '\0';

  char* const text =
    format("<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [<!ENTITY a "
           "\"%s\">]>\n" RDF_OPEN
           "<rdf:Description rdf:about=\"http://example.org/s\">"
           "<ex:p>%s</ex:p></rdf:Description></rdf:RDF>\n",
           ent,
           uses);
  check_bounded(text, 1.0, "entity references expand too much");

  // Attribute values of many elements, each under libxml2's own limit
  char*       attrs = format(" ex:q=\"%.600s\"", uses);
  char* const many  = malloc((strlen(attrs) + 32U) * 2000U + 64U);
  char*       p     = many;
  for (int i = 0; i < 2000; ++i) {
    p += sprintf(p, "<rdf:Description%s/>", attrs);
  }
  char* const attributes =
    format("<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [<!ENTITY a "
           "\"%s\">]>\n" RDF_OPEN "%s</rdf:RDF>\n",
           ent,
           many);
  check_bounded(attributes, 1.0, "entity references expand too much");

  free(attributes);
  free(many);
  free(attrs);
  free(text);
  free(uses);
  free(ent);
}

/// Return a document of `pairs` node and property elements nested in each
/// other, around `leaf` (free()).
static char*
nested(const int pairs, const char* const leaf)
{
  char* const doc = malloc((size_t)pairs * 64U + 256U);
  char*       p   = doc;
  p += sprintf(p, "<?xml version=\"1.0\"?>\n" RDF_OPEN);
  for (int i = 0; i < pairs; ++i) {
    p += sprintf(p, "<rdf:Description><ex:p>");
  }
  p += sprintf(p, "%s", leaf);
  for (int i = 0; i < pairs; ++i) {
    p += sprintf(p, "</ex:p></rdf:Description>");
  }
  sprintf(p, "</rdf:RDF>\n");
  return doc;
}

/// Return the number of lines of `text`.
static size_t
count_lines(const char* const text)
{
  size_t lines = 0U;
  for (const char* c = text; *c; ++c) {
    lines += *c == '\n';
  }
  return lines;
}

Test(rdfxml, nesting_up_to_the_limit_is_read)
{
  // rdf:RDF, 49,999 node and 49,999 property elements, then one more node:
  // 100,000 levels
  char* const       doc  = nested(49999, "<ex:Leaf/>");
  const char* const path = path_in(tmp_dir(), "deep.rdf");
  write_file(path, doc);
  Run r = run("export", "--to", "ntriples", path, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert_eq(count_lines(r.out), 50000U); // 49,999 ex:p and one rdf:type
  run_free(&r);
  free(doc);
}

Test(rdfxml, deeper_nesting_stops_with_a_message)
{
  // One level more than the limit, then 200,000 levels
  char* const one = nested(49999, "<ex:Leaf><ex:q/></ex:Leaf>");
  check_bounded(
    one, 5.0, ":3:1149987: error: elements nest deeper than 100000 levels");
  free(one);

  char* const doc = nested(100000, "");
  check_bounded(
    doc, 5.0, ":3:1149995: error: elements nest deeper than 100000 levels");
  free(doc);
}

Test(rdfxml, what_rapper_writes_for_a_long_list_is_read)
{
  // rapper -o rdfxml-abbrev nests the rdf:rest nodes of a list, two levels
  // an item: 1,000 items are 2,000 levels, beyond libxml2's default of 256
  const int   n   = 1000;
  char* const doc = malloc((size_t)n * 160U + 512U);
  char*       p   = doc;
  p += sprintf(p,
               "<?xml version=\"1.0\"?>\n" RDF_OPEN
               "<rdf:Description rdf:about=\"http://example.org/s\">"
               "<ex:items>");
  for (int i = 0; i < n; ++i) {
    p += sprintf(p, "<rdf:Description><rdf:first>%d</rdf:first><rdf:rest>", i);
  }
  p += sprintf(p,
               "<rdf:Description rdf:about=\"%snil\"/>",
               "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
  for (int i = 0; i < n; ++i) {
    p += sprintf(p, "</rdf:rest></rdf:Description>");
  }
  sprintf(p, "</ex:items></rdf:Description></rdf:RDF>\n");

  const char* const path = path_in(tmp_dir(), "list.rdf");
  write_file(path, doc);
  Run r = run("export", "--to", "turtle", path, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert(strstr(r.out, "ex:items ( \"0\" \"1\" \"2\""), "%.300s", r.out);
  cr_assert(strstr(r.out, "\"998\" \"999\" )"), "%.300s", r.out);
  run_free(&r);
  free(doc);
}

Test(rdfxml, external_files_are_never_read)
{
  // A file with a secret, referred to every way XML allows
  const char* const dir    = tmp_dir();
  const char* const secret = "kgraph-secret-7c1e";
  char              file[512];
  char              dtd[512];
  snprintf(file, sizeof(file), "%s", path_in(dir, "secret.txt"));
  snprintf(dtd, sizeof(dtd), "%s", path_in(dir, "secret.dtd"));
  write_file(file, secret);
  char* const dtd_text = format("<!ENTITY s \"%s\">\n", secret);
  write_file(dtd, dtd_text);

  char* const docs[] = {
    // General entity, in text and in an attribute value
    format("<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "
           "\"file://%s\">]>\n" RDF_OPEN
           "<rdf:Description rdf:about=\"http://example.org/s\">"
           "<ex:p>&x;</ex:p></rdf:Description></rdf:RDF>\n",
           file),
    format("<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "
           "\"%s\">]>\n" RDF_OPEN
           "<rdf:Description rdf:about=\"http://example.org/s\">"
           "<ex:p>&x;</ex:p></rdf:Description></rdf:RDF>\n",
           file),
    // Parameter entity that would declare the entity
    format("<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [<!ENTITY %% p SYSTEM "
           "\"file://%s\"> %%p;]>\n" RDF_OPEN
           "<rdf:Description rdf:about=\"http://example.org/s\">"
           "<ex:p>&s;</ex:p></rdf:Description></rdf:RDF>\n",
           dtd),
    // External DTD subset that would declare it
    format(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF SYSTEM \"%s\">\n" RDF_OPEN
      "<rdf:Description rdf:about=\"http://example.org/s\">"
      "<ex:p>&s;</ex:p></rdf:Description></rdf:RDF>\n",
      dtd),
    // XInclude is not RDF/XML: an element like any other (whose
    // attributes, without a namespace, are not allowed)
    format("<?xml version=\"1.0\"?>\n" RDF_OPEN
           "<rdf:Description rdf:about=\"http://example.org/s\">"
           "<ex:p><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
           "href=\"%s\" parse=\"text\"/></ex:p></rdf:Description></rdf:RDF>\n",
           file),
  };
  for (size_t i = 0U; i < sizeof(docs) / sizeof(docs[0]); ++i) {
    const char* const path = path_in(dir, "hostile.rdf");
    write_file(path, docs[i]);
    Run r = run("export", "--to", "ntriples", path, NULL);
    cr_assert(
      !strstr(r.out, secret), "document %zu read the file:\n%s", i, r.out);
    cr_assert(
      !strstr(r.err, secret), "document %zu read the file:\n%s", i, r.err);
    cr_assert_eq(r.status, KG_EXIT_INPUT, "document %zu: %s", i, r.err);
    cr_assert(strstr(r.err,
                     i < 3U   ? "is external"
                     : i < 4U ? "not defined"
                              : "attribute 'href' has no namespace"),
              "%s",
              r.err);
    run_free(&r);
    free(docs[i]);
  }
  free(dtd_text);
}

/// Return a listening TCP socket on 127.0.0.1, and its port.
static int
listener(int* const port)
{
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  cr_assert_geq(fd, 0);
  struct sockaddr_in addr;
  memset(&addr, 0, sizeof(addr));
  addr.sin_family      = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len        = sizeof(addr);
  cr_assert_eq(bind(fd, (struct sockaddr*)&addr, len), 0);
  cr_assert_eq(listen(fd, 16), 0);
  cr_assert_eq(getsockname(fd, (struct sockaddr*)&addr, &len), 0);
  *port = ntohs(addr.sin_port);
  return fd;
}

Test(rdfxml, nothing_is_fetched_from_the_network)
{
  int       port = 0;
  const int fd   = listener(&port);

  char* const docs[] = {
    format("<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF SYSTEM "
           "\"http://127.0.0.1:%d/x.dtd\">\n" RDF_OPEN
           "<rdf:Description rdf:about=\"http://example.org/s\">"
           "<ex:p>text</ex:p></rdf:Description></rdf:RDF>\n",
           port),
    format("<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "
           "\"http://127.0.0.1:%d/x\">]>\n" RDF_OPEN
           "<rdf:Description rdf:about=\"http://example.org/s\">"
           "<ex:p>&x;</ex:p></rdf:Description></rdf:RDF>\n",
           port),
    format("<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [<!ENTITY %% p SYSTEM "
           "\"http://127.0.0.1:%d/p\"> %%p;]>\n" RDF_OPEN "</rdf:RDF>\n",
           port),
  };
  const int want[] = {KG_EXIT_SUCCESS, KG_EXIT_INPUT, KG_EXIT_INPUT};
  for (size_t i = 0U; i < sizeof(docs) / sizeof(docs[0]); ++i) {
    const char* const path = path_in(tmp_dir(), "net.rdf");
    write_file(path, docs[i]);
    Run r = run("export", "--to", "ntriples", path, NULL);
    cr_assert_eq(r.status, want[i], "document %zu: %s", i, r.err);
    if (!i) {
      cr_assert(strstr(r.err, "warning: the external DTD"), "%s", r.err);
      cr_assert(strstr(r.out, "\"text\""), "%s", r.out);
    }
    run_free(&r);
    free(docs[i]);
  }

  // Nobody connected
  cr_assert_lt(accept(fd, NULL, NULL), 0);
  cr_assert(errno == EAGAIN || errno == EWOULDBLOCK, "errno %d", errno);
  close(fd);
}

Test(rdfxml, every_truncation_fails_cleanly)
{
  // Each prefix of a document that uses most of the grammar, short of its
  // end tag, fails with exit 3 and a located message, nothing else
  char* const doc = read_file(data_path("rdfxml/good/literal.rdf"));
  cr_assert_not_null(doc);
  const char* const end = strstr(doc, "</rdf:RDF>");
  cr_assert_not_null(end);
  const size_t      whole = (size_t)(end - doc) + strlen("</rdf:RDF>");
  const char* const path  = path_in(tmp_dir(), "cut.rdf");
  for (size_t n = 0U; n < whole; ++n) {
    FILE* const f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(doc, 1U, n, f), n);
    fclose(f);

    Run r = run("export", "--to", "ntriples", path, NULL);
    cr_assert_eq(
      r.status, KG_EXIT_INPUT, "%zu bytes: exit %d %s", n, r.status, r.err);
    cr_assert_str_eq(r.out, "", "%zu bytes", n);
    cr_assert(strstr(r.err, path) == r.err && strstr(r.err, ": error: "),
              "%zu bytes: %s",
              n,
              r.err);
    run_free(&r);
  }
  free(doc);
}

Test(rdfxml, invalid_utf8_anywhere_is_an_error)
{
  // A stray byte in a name, an attribute value, text and a comment
  static const char* const docs[] = {
    "<?xml version=\"1.0\"?>\n" RDF_OPEN "<ex:N\xe9/></rdf:RDF>\n",
    "<?xml version=\"1.0\"?>\n" RDF_OPEN "<ex:N ex:a=\"caf\xe9\"/></rdf:RDF>\n",
    "<?xml version=\"1.0\"?>\n" RDF_OPEN
    "<ex:N><ex:p>\xff\xfe</ex:p></ex:N></rdf:RDF>\n",
    "<?xml version=\"1.0\"?>\n" RDF_OPEN "<!-- \xc3( --></rdf:RDF>\n",
  };
  static const char* const wants[] = {
    ":3:6: error: invalid UTF-8 (and no other encoding declared): bytes "
    "0xE9 0x2F 0x3E 0x3C\n",
    ":3:16: error: invalid UTF-8 (and no other encoding declared): bytes "
    "0xE9 0x22 0x2F 0x3E\n",
    ":3:13: error: invalid UTF-8 (and no other encoding declared): bytes "
    "0xFF 0xFE 0x3C 0x2F\n",
    ":3:6: error: invalid UTF-8 (and no other encoding declared): bytes "
    "0xC3 0x28 0x20 0x2D\n",
  };
  for (size_t i = 0U; i < sizeof(docs) / sizeof(docs[0]); ++i) {
    const char* const path = path_in(tmp_dir(), "utf8.rdf");
    write_file(path, docs[i]);
    Run r = run_bad(path);
    cr_assert(!strncmp(r.err, path, strlen(path)), "%s", r.err);
    cr_assert_str_eq(r.err + strlen(path), wants[i], "document %zu", i);
    run_free(&r);
  }
}

Test(rdfxml, commands_read_it_by_extension)
{
  const char* const        dir     = tmp_dir();
  char* const              doc     = read_file(data_path("rdfxml/good/li.rdf"));
  char* const              nt      = read_file(data_path("rdfxml/good/li.nt"));
  static const char* const names[] = {"li.rdf", "li.owl", "li.xml"};
  for (size_t i = 0U; i < 3U; ++i) {
    char path[512];
    snprintf(path, sizeof(path), "%s", path_in(dir, names[i]));
    write_file(path, doc);

    Run e = run("export", "--to", "ntriples", path, NULL);
    cr_assert_eq(e.status, KG_EXIT_SUCCESS, "%s: %s", names[i], e.err);
    cr_assert_str_eq(e.out, nt, "%s", names[i]);
    run_free(&e);

    // canon, and render through the DOT export, read it as every command
    // does (kg_cli_read)
    Run k = run("canon", path, NULL);
    Run l = run("canon", data_path("rdfxml/good/li.nt"), NULL);
    cr_assert_eq(k.status, KG_EXIT_SUCCESS, "%s: %s", names[i], k.err);
    cr_assert_str_eq(k.out, l.out, "%s", names[i]);
    run_free(&l);
    run_free(&k);

    Run c = run("check", path, NULL);
    cr_assert_eq(c.status, KG_EXIT_SUCCESS, "%s: %s%s", names[i], c.out, c.err);
    run_free(&c);

    Run d = run("diff", data_path("rdfxml/good/li.nt"), path, NULL);
    cr_assert_eq(d.status, KG_EXIT_SUCCESS, "%s: %s%s", names[i], d.out, d.err);
    run_free(&d);

    if (kg_dot_available()) {
      Run g = run("export", "--to", "dot", path, NULL);
      cr_assert_eq(g.status, KG_EXIT_SUCCESS, "%s: %s", names[i], g.err);
      cr_assert(strstr(g.out, "digraph"), "%s", g.out);
      run_free(&g);
    }
  }
  free(nt);
  free(doc);
}

/// Return `head`, `n` copies of `c`, then `tail` (free()).
static char*
padded(const char* const head,
       const char        c,
       const size_t      n,
       const char* const tail)
{
  const size_t head_len = strlen(head);
  const size_t tail_len = strlen(tail);
  char* const  s        = malloc(head_len + n + tail_len + 1U);
  cr_assert_not_null(s);
  memcpy(s, head, head_len);
  memset(s + head_len, c, n);
  memcpy(s + head_len + n, tail, tail_len + 1U);
  return s;
}

Test(rdfxml, what_kgraph_writes_with_long_iris_and_literals_reads_back)
{
  // Beyond libxml2's limit of 10,000,000 bytes for a text or an attribute
  const size_t      n   = 10000100U;
  const char* const dir = tmp_dir();
  char* const iri  = padded("<http://example.org/s> <http://example.org/p> "
                            "<http://example.org/",
                           'a',
                           n,
                           "> .\n");
  char* const text = padded(
    "<http://example.org/s> <http://example.org/q> \"", 'b', n, "\" .\n");
  char* const doc = format("%s%s", iri, text);
  free(iri);
  free(text);

  char nt[1024];
  char rdf[1024];
  snprintf(nt, sizeof(nt), "%s", path_in(dir, "long.nt"));
  snprintf(rdf, sizeof(rdf), "%s", path_in(dir, "long.rdf"));
  write_file(nt, doc);

  Run r = run("export", "--to", "rdfxml", "-o", rdf, nt, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  run_free(&r);

  r = run("diff", nt, rdf, NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%.500s", r.err);
  cr_assert_str_eq(r.out, "");
  run_free(&r);
  free(doc);
}

Test(rdfxml, libxml2_limits_in_a_document_with_a_dtd_are_input_errors)
{
  // A DTD brings entities, and libxml2's limits on them and on lengths
  char* const doc =
    padded("<?xml version=\"1.0\"?>\n"
           "<!DOCTYPE rdf:RDF [<!ENTITY e \"http://example.org/\">]>\n" RDF_OPEN
           "<rdf:Description rdf:about=\"&e;s\"><ex:p rdf:resource=\"&e;",
           'a',
           11U * 1024U * 1024U,
           "\"/></rdf:Description></rdf:RDF>\n");
  const char* const path = path_in(tmp_dir(), "dtd.rdf");
  write_file(path, doc);
  free(doc);

  Run r = run_bad(path);
  cr_assert(strstr(r.err,
                   "dtd.rdf:4:35: error: huge input lookup (libxml2 limits "
                   "a name, a tag, a text or an attribute value to 10000000 "
                   "bytes in a document with a DTD)\n"),
            "%.500s",
            r.err);
  cr_assert(!strstr(r.err, "internal"), "%.500s", r.err);
  run_free(&r);
}

/// Run `kgraph export` of the document at `path` to N-Triples, with the
/// base IRI http://example.org/doc, in lax mode if `lax`.
static Run
export_ids(const char* const path, const bool lax)
{
  const char* const args[] = {"export",
                              lax ? "--lax" : "--quiet",
                              "--base",
                              "http://example.org/doc",
                              "--to",
                              "ntriples",
                              path,
                              NULL};
  return run_args(args);
}

Test(rdfxml, every_rdf_id_of_a_large_document_is_checked_once)
{
  // 5,000 rdf:IDs (the set of them grows many times), then the first, the
  // last and one in the middle again; xml:base changes what an rdf:ID names
  enum { N_IDS = 5000 };
  const size_t cap = (size_t)N_IDS * 32U + 1024U;
  char* const  doc = (char*)malloc(cap);
  cr_assert_not_null(doc);
  int len = snprintf(doc, cap, "<?xml version=\"1.0\"?>\n" RDF_OPEN);
  for (int i = 0; i < N_IDS; ++i) {
    len +=
      snprintf(doc + len, cap - (size_t)len, "<ex:T rdf:ID=\"n%d\"/>\n", i);
  }
  snprintf(doc + len,
           cap - (size_t)len,
           "<ex:T xml:base=\"http://example.org/other\" rdf:ID=\"n0\"/>\n"
           "<ex:T rdf:ID=\"n0\"/>\n<ex:T rdf:ID=\"n2500\"/>\n"
           "<ex:T rdf:ID=\"n4999\"/>\n</rdf:RDF>\n");
  const char* const path = path_in(tmp_dir(), "ids.rdf");
  write_file(path, doc);
  free(doc);

  Run r = export_ids(path, false);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert(strstr(r.err,
                   ":5004:1: error: rdf:ID 'n0' is used twice with the same "
                   "base IRI (it names <http://example.org/doc#n0> again)"),
            "%s",
            r.err);
  run_free(&r);

  r = export_ids(path, true);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS, "%s", r.err);
  cr_assert_eq(count_lines(r.out), N_IDS + 1U, "%s", r.err);
  size_t n_twice = 0U;
  for (const char* at = r.err; (at = strstr(at, "is used twice")); ++at) {
    ++n_twice;
  }
  cr_assert_eq(n_twice, 3U, "%s", r.err);
  cr_assert(
    strstr(r.err, ":5004:1: warning: rdf:ID 'n0' is used twice"), "%s", r.err);
  cr_assert(strstr(r.err, ":5005:1: warning: rdf:ID 'n2500' is used twice"),
            "%s",
            r.err);
  cr_assert(strstr(r.err, ":5006:1: warning: rdf:ID 'n4999' is used twice"),
            "%s",
            r.err);
  run_free(&r);
}
