// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Runs a W3C test manifest (manifest.ttl), read with libkgraph itself: one
// Criterion test per entry of its mf:entries list.
//
//   KG_MANIFEST       the path of the manifest.ttl
//   KG_MANIFEST_BASE  its official IRI, for example
//     https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/manifest.ttl
//   KG_MANIFEST_IRI   the IRI of the mf:Manifest in it, if it is not
//     KG_MANIFEST_BASE (rdf-canon says <manifest>, not <manifest.ttl>)
//
// The manifests use relative IRIs (<#name>, mf:action <file.ttl>), so the
// manifest is read with its official IRI as base.  Then each action is the
// official IRI of the input, which is the base to read it with (the suites
// require the retrieval IRI of the input), and its local file is the
// manifest's directory and the path of that IRI below the directory of
// KG_MANIFEST_BASE (rdf-canon has its files in rdfc10/).
//
// Criterion runs each test in a process of its own, where a pointer in a
// parameter would dangle: so the parameters are entry numbers, and each test
// reads the manifest again.

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <criterion/parameterized.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MF "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
#define RDFT "http://www.w3.org/ns/rdftest#"
#define RDFC "https://w3c.github.io/rdf-canon/tests/vocab#"

/// The most entries a manifest may have.
#define MAX_ENTRIES 4096U

/// The parameter of a test that reports a broken manifest.
#define NO_ENTRY SIZE_MAX

/// Bytes of written output shown in a message, at most.
#define MAX_SHOWN 2000

/// Seconds the default work limit may take to stop a poison graph, at most.
/// It takes about a tenth of a second; this is generous, so that a loaded
/// machine (or a sanitizer build) cannot make the test flake.
#define MAX_LIMIT_SECONDS 5.0

typedef struct Case Case;

/// A check of one kind of test.
typedef void (*CheckFunc)(Case* c);

/// A kind of test, by the rdf:type of its entry.
typedef struct {
  const char* type;   ///< Type IRI
  const char* syntax; ///< Syntax of mf:action (see kg_syntax_by_name())
  const char* result; ///< Syntax of mf:result ("json": a map), or NULL
  CheckFunc   check;  ///< What makes the test pass
} TestKind;

/// Diagnostics of a read or write, kept as text.
typedef struct {
  FILE*  stream;
  char*  text;
  size_t len;
  bool   caret; ///< An error with a document and a line was logged
} Log;

/// One test: an entry of the manifest.
struct Case {
  KgGraph*        manifest;
  char*           dir;         ///< Directory of the manifest
  const char*     key;         ///< Fragment of the entry IRI
  const char*     name;        ///< mf:name, or ""
  const TestKind* kind;        ///< Kind of test
  const char*     action;      ///< IRI of the input
  char*           action_path; ///< Local file of the input
  const char*     result;      ///< IRI of the expected result, or NULL
  char*           result_path; ///< Local file of the result, or NULL
  KgHashAlgorithm hash;        ///< rdfc:hashAlgorithm (default SHA-256)
  Log             log;         ///< Diagnostics of the reads and writes
};

static void
check_positive_syntax(Case* c);

static void
check_negative_syntax(Case* c);

static void
check_eval(Case* c);

static void
check_negative_eval(Case* c);

static void
check_canon_eval(Case* c);

static void
check_canon_negative(Case* c);

static void
check_canon_map(Case* c);

/// The kinds of test.  A new kind is a new row.
static const TestKind kinds[] = {
  {RDFT "TestTurtleEval", "turtle", "ntriples", check_eval},
  {RDFT "TestTurtlePositiveSyntax", "turtle", NULL, check_positive_syntax},
  {RDFT "TestTurtleNegativeSyntax", "turtle", NULL, check_negative_syntax},
  {RDFT "TestTurtleNegativeEval", "turtle", "ntriples", check_negative_eval},
  {RDFT "TestNTriplesPositiveSyntax", "ntriples", NULL, check_positive_syntax},
  {RDFT "TestNTriplesNegativeSyntax", "ntriples", NULL, check_negative_syntax},
  {RDFT "TestXMLEval", "rdfxml", "ntriples", check_eval},
  {RDFT "TestXMLNegativeSyntax", "rdfxml", NULL, check_negative_syntax},
  {RDFC "RDFC10EvalTest", "nquads", "nquads", check_canon_eval},
  {RDFC "RDFC10NegativeEvalTest", "nquads", NULL, check_canon_negative},
  {RDFC "RDFC10MapTest", "nquads", "json", check_canon_map},
};

/*
  Helpers
*/

/// Return a new string formatted like printf(), or abort the test.
#if defined(__GNUC__)
__attribute__((format(printf, 1, 0)))
#endif
static char*
vformat(const char* const fmt, va_list args)
{
  va_list copy;
  va_copy(copy, args);
  const int n = vsnprintf(NULL, 0U, fmt, copy);
  va_end(copy);
  cr_assert_geq(n, 0, "cannot format a message");

  char* const str = (char*)malloc((size_t)n + 1U);
  cr_assert_not_null(str);
  cr_assert_eq(vsnprintf(str, (size_t)n + 1U, fmt, args), n);
  return str;
}

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static char*
format(const char* const fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  char* const str = vformat(fmt, args);
  va_end(args);
  return str;
}

/// Fail the test `c` with a message that starts with its key.
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3), noreturn))
#endif
static void
fail(const Case* const c, const char* const fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  char* const msg = vformat(fmt, args);
  va_end(args);

  cr_log_info("%s (%s, %s)", c->key, c->name, c->kind ? c->kind->type : "?");
  cr_assert_fail("%s: %s", c->key, msg);
  abort(); // Not reached: cr_assert_fail() ends the test
}

static void
log_open(Log* const log)
{
  memset(log, 0, sizeof(*log));
  log->stream = open_memstream(&log->text, &log->len);
  cr_assert_not_null(log->stream);
}

static void
log_close(Log* const log)
{
  fclose(log->stream);
  free(log->text);
  memset(log, 0, sizeof(*log));
}

/// Return what `log` holds.
static const char*
log_text(Log* const log)
{
  fflush(log->stream);
  return log->text ? log->text : "";
}

static KgStatus
log_sink(void* const        handle,
         const KgLogLevel   level,
         const KgCaret      caret,
         const KgStringView msg)
{
  Log* const log = (Log*)handle;
  if (level == KG_LOG_ERROR && caret.document && caret.line) {
    log->caret = true;
  }
  return kg_log_to_stream(log->stream, level, caret, msg);
}

/// Return true iff a line of `text` starts with "`path`:LINE:COL: ".
static bool
has_caret_line(const char* const text, const char* const path)
{
  const size_t len = strlen(path);
  for (const char* line = text; line && *line;) {
    if (!strncmp(line, path, len) && line[len] == ':') {
      const char* p     = line + len + 1U;
      size_t      n_num = 0U;
      for (unsigned k = 0U; k < 2U; ++k) {
        const char* const start = p;
        while (*p >= '0' && *p <= '9') {
          ++p;
        }
        n_num += (p > start && *p == ':') ? 1U : 0U;
        p += *p == ':' ? 1 : 0;
      }
      if (n_num == 2U && *p == ' ') {
        return true;
      }
    }

    line = strchr(line, '\n');
    line = line ? line + 1 : NULL;
  }
  return false;
}

/// Return the text of `id`, or NULL if it is not a term.
static const char*
text_of(const KgGraph* const g, const KgTermId id)
{
  return kg_term_kind(g, id) ? kg_term_text(g, id).data : NULL;
}

/// Return the object of (`s`, `p`, ?), where `p` is an IRI, or KG_NO_TERM.
static KgTermId
object(const KgGraph* const g, const KgTermId s, const char* const p)
{
  const KgTermId pid = kg_graph_find_iri(g, kg_sv(p));
  return (s && pid) ? kg_graph_object(g, s, pid) : KG_NO_TERM;
}

/// Return the local file of `iri`: the manifest's directory and the path
/// of `iri` below the directory of the manifest's official IRI.
static char*
local_path(const Case* const c, const char* const iri)
{
  const char* const base  = getenv("KG_MANIFEST_BASE");
  const char* const slash = strrchr(base, '/');
  const size_t      len   = slash ? (size_t)(slash - base) + 1U : 0U;
  if (!len || strncmp(iri, base, len) || strstr(iri + len, "..") ||
      strpbrk(iri + len, "#?")) {
    fail(c, "<%s> is not a file below <%.*s>", iri, (int)len, base);
  }
  return format("%s/%s", c->dir, iri + len);
}

/*
  The manifest
*/

/// Return the manifest, read with libkgraph, or NULL and a message.
static KgGraph*
read_manifest(char** const error)
{
  const char* const path = getenv("KG_MANIFEST");
  const char* const base = getenv("KG_MANIFEST_BASE");
  if (!path || !base) {
    *error = format("KG_MANIFEST and KG_MANIFEST_BASE must be set");
    return NULL;
  }

  KgGraph* const g = kg_graph_new();
  if (!g) {
    *error = format("out of memory");
    return NULL;
  }

  Log log;
  log_open(&log);
  const KgReadOptions options = {KG_SYNTAX_TURTLE, base, 0U, {log_sink, &log}};
  const KgStatus      st      = kg_graph_read_file(g, path, &options);
  if (st || kg_graph_index(g, KG_SUBJECT)) {
    *error = format("cannot read manifest '%s': %s\n%s",
                    path,
                    kg_strerror(st),
                    log_text(&log));
    log_close(&log);
    kg_graph_free(g);
    return NULL;
  }

  log_close(&log);
  return g;
}

/**
   Collect the entries of the manifest (the list mf:entries of the manifest
   IRI) into `entries`.

   @return The number of entries, or 0 and a message.
*/
static size_t
manifest_entries(const KgGraph* const g,
                 KgTermId* const      entries,
                 char** const         error)
{
  const char* const iri      = getenv("KG_MANIFEST_IRI");
  const char* const base     = iri ? iri : getenv("KG_MANIFEST_BASE");
  const KgTermId    manifest = kg_graph_find_iri(g, kg_sv(base));
  const KgTermId    nil      = kg_graph_find_iri(g, KG_SV(KG_RDF_NIL));
  KgTermId          list     = object(g, manifest, MF "entries");
  if (!list) {
    *error = format("manifest <%s> has no mf:entries", base);
    return 0U;
  }

  size_t n = 0U;
  for (; list && list != nil; list = object(g, list, KG_RDF_REST)) {
    const KgTermId entry = object(g, list, KG_RDF_FIRST);
    if (!entry || n == MAX_ENTRIES) {
      *error =
        format("mf:entries is not a list of at most %u entries", MAX_ENTRIES);
      return 0U;
    }
    entries[n++] = entry;
  }

  if (list != nil) {
    *error = format("mf:entries does not end with rdf:nil");
    return 0U;
  }
  if (!n) {
    *error = format("mf:entries is empty");
  }
  return n;
}

/// Return the directory of the manifest file.
static char*
manifest_dir(void)
{
  const char* const path  = getenv("KG_MANIFEST");
  const char* const slash = strrchr(path, '/');
  return slash ? format("%.*s", (int)(slash - path), path) : format(".");
}

/// Fill `c` for entry number `index` of the manifest.
static void
case_init(Case* const c, const size_t index)
{
  memset(c, 0, sizeof(*c));
  c->key  = "(manifest)";
  c->name = "";
  log_open(&c->log);

  char* error = NULL;
  if (!(c->manifest = read_manifest(&error))) {
    fail(c, "%s", error);
  }

  static KgTermId      entries[MAX_ENTRIES];
  const KgGraph* const g = c->manifest;
  const size_t         n = manifest_entries(g, entries, &error);
  if (!n || index >= n) {
    fail(c, "%s", error ? error : "the manifest has fewer entries than before");
  }

  const KgTermId    entry = entries[index];
  const char* const iri   = text_of(g, entry);
  const char* const hash  = iri ? strchr(iri, '#') : NULL;
  c->key                  = hash ? hash + 1 : iri ? iri : "(no IRI)";

  const char* const name = text_of(g, object(g, entry, MF "name"));
  c->name                = name ? name : "";
  c->dir                 = manifest_dir();

  const char* const type = text_of(g, object(g, entry, KG_RDF_TYPE));
  for (size_t i = 0U; type && i < sizeof(kinds) / sizeof(kinds[0]); ++i) {
    if (!strcmp(type, kinds[i].type)) {
      c->kind = &kinds[i];
    }
  }
  if (!c->kind) {
    fail(c, "unknown test type <%s>", type ? type : "(none)");
  }

  const KgTermId action = object(g, entry, MF "action");
  const KgTermId result = object(g, entry, MF "result");
  if (kg_term_kind(g, action) != KG_TERM_IRI) {
    fail(c, "the entry has no mf:action IRI");
  }
  c->action      = text_of(g, action);
  c->action_path = local_path(c, c->action);

  if (c->kind->result) {
    if (kg_term_kind(g, result) != KG_TERM_IRI) {
      fail(c, "the entry has no mf:result IRI");
    }
    c->result      = text_of(g, result);
    c->result_path = local_path(c, c->result);
  }

  const KgTermId algo_id = object(g, entry, RDFC "hashAlgorithm");
  const char*    algo    = text_of(g, algo_id);
  const bool     literal = kg_term_kind(g, algo_id) == KG_TERM_LITERAL;
  c->hash                = KG_HASH_SHA256;
  if (literal && !strcmp(algo, "SHA384")) {
    c->hash = KG_HASH_SHA384;
  } else if (algo_id && (!literal || strcmp(algo, "SHA256"))) {
    fail(c, "unknown rdfc:hashAlgorithm '%s'", algo ? algo : "?");
  }
}

static void
case_fini(Case* const c)
{
  log_close(&c->log);
  free(c->result_path);
  free(c->action_path);
  free(c->dir);
  kg_graph_free(c->manifest);
}

/*
  Reading, writing and comparing
*/

static KgSyntax
syntax_named(const Case* const c, const char* const name)
{
  const KgSyntax syntax = kg_syntax_by_name(name);
  if (!kg_syntax_can_read(syntax)) {
    fail(c, "kgraph cannot read %s", name);
  }
  return syntax;
}

/// Read the file `path` in `syntax` with `base` into a new graph.
static KgGraph*
read_file(Case* const       c,
          const char* const path,
          const char* const syntax,
          const char* const base,
          KgStatus* const   status)
{
  KgGraph* const g = kg_graph_new();
  cr_assert_not_null(g);

  const KgReadOptions options = {
    syntax_named(c, syntax), base, 0U, {log_sink, &c->log}};
  *status = kg_graph_read_file(g, path, &options);
  return g;
}

/// Append the term `id` as a key: blank nodes are all alike.
static void
put_term_key(FILE* const out, const KgGraph* const g, const KgTermId id)
{
  const KgTermKind   kind = kg_term_kind(g, id);
  const KgStringView text = kg_term_text(g, id);
  if (kind == KG_TERM_BLANK) {
    fputs("[]", out);
    return;
  }

  fputc(kind == KG_TERM_IRI ? '<' : '"', out);
  for (size_t i = 0U; i < text.len; ++i) {
    const unsigned char b = (unsigned char)text.data[i];
    if (b < 0x20U || b == 0x7FU || b == '\\' || b == '"' || b == '>') {
      fprintf(out, "\\x%02X", b);
    } else {
      fputc(b, out);
    }
  }
  fputc(kind == KG_TERM_IRI ? '>' : '"', out);

  if (kind == KG_TERM_LITERAL) {
    const KgStringView lang = kg_term_lang(g, id);
    if (lang.len) {
      fprintf(out, "@%.*s", (int)lang.len, lang.data);
    } else {
      fputs("^^", out);
      put_term_key(out, g, kg_term_datatype(g, id));
    }
  }
}

/// A triple as a string where blank nodes are all alike.
typedef struct {
  char*  key;
  size_t index; ///< Of the triple
} Pattern;

static int
compare_patterns(const void* const a, const void* const b)
{
  return strcmp(((const Pattern*)a)->key, ((const Pattern*)b)->key);
}

/// Return the sorted patterns of the triples of `g`.
static Pattern*
patterns(const KgGraph* const g)
{
  const size_t    n  = kg_graph_size(g);
  const KgTriple* t  = kg_graph_triples(g);
  Pattern* const  ps = (Pattern*)calloc(n ? n : 1U, sizeof(Pattern));
  cr_assert_not_null(ps);
  for (size_t i = 0U; i < n; ++i) {
    size_t      len = 0U;
    FILE* const out = open_memstream(&ps[i].key, &len);
    cr_assert_not_null(out);
    put_term_key(out, g, t[i].s);
    fputc(' ', out);
    put_term_key(out, g, t[i].p);
    fputc(' ', out);
    put_term_key(out, g, t[i].o);
    cr_assert_eq(fclose(out), 0);
    ps[i].index = i;
  }
  qsort(ps, n, sizeof(Pattern), compare_patterns);
  return ps;
}

static void
free_patterns(Pattern* const ps, const size_t n)
{
  for (size_t i = 0U; i < n; ++i) {
    free(ps[i].key);
  }
  free(ps);
}

/// Return triple number `index` of `g`, written with kg_term_to_string().
static char*
triple_string(const KgGraph* const g, const size_t index)
{
  const KgTriple* const t = &kg_graph_triples(g)[index];
  char* const           s = kg_term_to_string(g, t->s);
  char* const           p = kg_term_to_string(g, t->p);
  char* const           o = kg_term_to_string(g, t->o);
  char* const str = format("%s %s %s .", s ? s : "?", p ? p : "?", o ? o : "?");
  kg_free(o);
  kg_free(p);
  kg_free(s);
  return str;
}

/**
   Return what differs between `got` and `want`, which are not isomorphic:
   the first triple of one missing from the other (blank nodes taken as
   alike), or else that their blank nodes are linked differently.
*/
static char*
describe_difference(const KgGraph* const got,
                    const char* const    got_name,
                    const KgGraph* const want,
                    const char* const    want_name)
{
  const size_t   n_got  = kg_graph_size(got);
  const size_t   n_want = kg_graph_size(want);
  Pattern* const pg     = patterns(got);
  Pattern* const pw     = patterns(want);

  // Walk both sorted lists for the first pattern of each that is not matched
  size_t missing    = SIZE_MAX; // In want, not in got
  size_t unexpected = SIZE_MAX; // In got, not in want
  size_t i          = 0U;
  size_t j          = 0U;
  while ((i < n_got || j < n_want) &&
         (missing == SIZE_MAX || unexpected == SIZE_MAX)) {
    const int cmp = i == n_got    ? 1
                    : j == n_want ? -1
                                  : strcmp(pg[i].key, pw[j].key);
    if (cmp < 0) {
      unexpected = unexpected == SIZE_MAX ? pg[i].index : unexpected;
      ++i;
    } else if (cmp > 0) {
      missing = missing == SIZE_MAX ? pw[j].index : missing;
      ++j;
    } else {
      ++i;
      ++j;
    }
  }

  char*       str = NULL;
  size_t      len = 0U;
  FILE* const out = open_memstream(&str, &len);
  cr_assert_not_null(out);
  fprintf(
    out, "%zu triples in %s, %zu in %s", n_got, got_name, n_want, want_name);
  if (missing != SIZE_MAX) {
    char* const t = triple_string(want, missing);
    fprintf(
      out, "; first triple of %s missing from %s: %s", want_name, got_name, t);
    free(t);
  }
  if (unexpected != SIZE_MAX) {
    char* const t = triple_string(got, unexpected);
    fprintf(
      out, "; first triple of %s missing from %s: %s", got_name, want_name, t);
    free(t);
  }
  if (missing == SIZE_MAX && unexpected == SIZE_MAX) {
    fputs("; the same triples if blank nodes are taken as alike, but the "
          "blank nodes are linked differently",
          out);
  }
  cr_assert_eq(fclose(out), 0);

  free_patterns(pw, n_want);
  free_patterns(pg, n_got);
  return str;
}
/// Fail unless `got` is isomorphic to `want`.
static void
assert_isomorphic(const Case* const    c,
                  const KgGraph* const got,
                  const char* const    got_name,
                  const KgGraph* const want,
                  const char* const    want_name,
                  const char* const    what)
{
  KgStatus   st = KG_SUCCESS;
  const bool eq = kg_graph_is_isomorphic(got, want, &st);
  if (st) {
    fail(c, "%s: isomorphism test failed: %s", what, kg_strerror(st));
  }
  if (!eq) {
    fail(
      c, "%s: %s", what, describe_difference(got, got_name, want, want_name));
  }
}

/// Return the first `MAX_SHOWN` bytes of `text` for a message.
static char*
shown(const char* const text, const size_t len)
{
  return len > MAX_SHOWN ? format("%.*s\n[...]", MAX_SHOWN, text)
                         : format("%.*s", (int)len, text);
}

/**
   Write `g` in `syntax_name`, read it back with the same base, and fail
   unless the graph read is isomorphic to `g`.
*/
static void
round_trip(Case* const c, const KgGraph* const g, const char* const syntax_name)
{
  const KgSyntax syntax = kg_syntax_by_name(syntax_name);
  char*          text   = NULL;
  size_t         len    = 0U;
  FILE* const    out    = open_memstream(&text, &len);
  cr_assert_not_null(out);

  const KgWriteOptions wopts = {syntax, {log_sink, &c->log}, 0U, NULL};
  const KgStatus       wst   = kg_graph_write(g, out, &wopts);
  if (fclose(out) || wst) {
    fail(c,
         "writing %s failed: %s\n%s",
         syntax_name,
         kg_strerror(wst),
         log_text(&c->log));
  }

  KgGraph* const back = kg_graph_new();
  cr_assert_not_null(back);

  char* const         name  = format("(%s written by kgraph)", syntax_name);
  const KgReadOptions ropts = {syntax, c->action, 0U, {log_sink, &c->log}};
  const KgStringView  view  = {text, len};
  const KgStatus      rst   = kg_graph_read_string(back, view, name, &ropts);
  if (rst) {
    fail(c,
         "%s written by kgraph cannot be read back: %s\n%s--- written:\n%s",
         syntax_name,
         kg_strerror(rst),
         log_text(&c->log),
         shown(text, len));
  }

  KgStatus st = KG_SUCCESS;
  if (!kg_graph_is_isomorphic(back, g, &st)) {
    fail(c,
         "%s round trip: %s\n--- written:\n%s",
         syntax_name,
         st ? kg_strerror(st)
            : describe_difference(back, "the graph read back", g, "the input"),
         shown(text, len));
  }

  kg_graph_free(back);
  free(name);
  free(text);
}

/*
  Checks
*/

/// Read the input; fail unless it is read without error.
static KgGraph*
read_action(Case* const c)
{
  KgStatus       st = KG_SUCCESS;
  KgGraph* const g =
    read_file(c, c->action_path, c->kind->syntax, c->action, &st);
  if (st) {
    fail(c,
         "reading '%s' failed (%s), but it is valid\n%s",
         c->action_path,
         kg_strerror(st),
         log_text(&c->log));
  }
  return g;
}

/// Read the expected result; fail unless it is read without error.
static KgGraph*
read_result(Case* const c)
{
  KgStatus       st = KG_SUCCESS;
  KgGraph* const g =
    read_file(c, c->result_path, c->kind->result, c->result, &st);
  if (st) {
    fail(c,
         "cannot read the expected result '%s': %s\n%s",
         c->result_path,
         kg_strerror(st),
         log_text(&c->log));
  }
  return g;
}

static void
check_positive_syntax(Case* const c)
{
  KgGraph* const g = read_action(c);
  round_trip(c, g, "ntriples");
  round_trip(c, g, "turtle");
  kg_graph_free(g);
}

static void
check_negative_syntax(Case* const c)
{
  KgStatus       st = KG_SUCCESS;
  KgGraph* const g =
    read_file(c, c->action_path, c->kind->syntax, c->action, &st);
  if (st <= KG_FAILURE) {
    fail(c,
         "'%s' was read (%zu triples, status %s), but it is invalid\n%s",
         c->action_path,
         kg_graph_size(g),
         kg_strerror(st),
         log_text(&c->log));
  }

  const char* const text = log_text(&c->log);
  if (!c->log.caret || !has_caret_line(text, c->action_path)) {
    fail(c,
         "reading '%s' failed (%s) without a '%s:LINE:COL: ' diagnostic; "
         "the log is:\n%s",
         c->action_path,
         kg_strerror(st),
         c->action_path,
         text);
  }
  kg_graph_free(g);
}

static void
check_eval(Case* const c)
{
  KgGraph* const got  = read_action(c);
  KgGraph* const want = read_result(c);
  assert_isomorphic(c, got, c->action_path, want, c->result_path, "result");
  round_trip(c, got, "ntriples");
  round_trip(c, got, "turtle");
  if (!strcmp(c->kind->syntax, "rdfxml")) {
    round_trip(c, got, "rdfxml"); // What was RDF/XML can be written as such
  }
  kg_graph_free(want);
  kg_graph_free(got);
}

static void
check_negative_eval(Case* const c)
{
  KgStatus       st = KG_SUCCESS;
  KgGraph* const got =
    read_file(c, c->action_path, c->kind->syntax, c->action, &st);
  if (st <= KG_FAILURE) {
    KgGraph* const want = read_result(c);
    if (kg_graph_is_isomorphic(got, want, &st) && !st) {
      fail(c,
           "'%s' was read, and the graph is the same as '%s'",
           c->action_path,
           c->result_path);
    }
    kg_graph_free(want);
  }
  kg_graph_free(got);
}

/*
  RDF Dataset Canonicalization (RDFC-1.0)
*/

/// Return the content of the file at `path` and its length, or fail.
static char*
slurp(const Case* const c, const char* const path, size_t* const len)
{
  FILE* const f = fopen(path, "rb");
  if (!f) {
    fail(c, "cannot open '%s'", path);
  }

  char*       text = NULL;
  FILE* const out  = open_memstream(&text, len);
  cr_assert_not_null(out);
  char   buf[4096];
  size_t n = 0U;
  while ((n = fread(buf, 1U, sizeof(buf), f))) {
    cr_assert_eq(fwrite(buf, 1U, n, out), n);
  }
  cr_assert_not(ferror(f), "cannot read '%s'", path);
  cr_assert_eq(fclose(out), 0);
  fclose(f);
  return text;
}

/// Return the seconds of the monotonic clock.
static double
now(void)
{
  struct timespec ts;
  cr_assert_eq(clock_gettime(CLOCK_MONOTONIC, &ts), 0);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/**
   Canonicalize `g` with the hash of the test and the default work limit.

   @return The labels, or NULL and the status in `*status`.
*/
static KgCanon*
canonicalize(Case* const c, const KgGraph* const g, KgStatus* const status)
{
  const KgCanonOptions options = {c->hash, 0U, {log_sink, &c->log}};
  KgCanon*             canon   = NULL;
  *status                      = kg_canon_new(g, &options, &canon);
  if (*status) {
    kg_canon_free(canon);
    return NULL;
  }
  cr_assert_not_null(canon);
  return canon;
}

/// Return what kg_canon_write() or kg_canon_write_map() writes for `g`.
static char*
write_canon(Case* const          c,
            const KgGraph* const g,
            const bool           map,
            size_t* const        len)
{
  KgStatus       st    = KG_SUCCESS;
  KgCanon* const canon = canonicalize(c, g, &st);
  if (!canon) {
    fail(c,
         "canonicalizing '%s' failed: %s\n%s",
         c->action_path,
         kg_strerror(st),
         log_text(&c->log));
  }

  char*       text = NULL;
  FILE* const out  = open_memstream(&text, len);
  cr_assert_not_null(out);
  st = map ? kg_canon_write_map(canon, out) : kg_canon_write(canon, out);
  cr_assert_eq(fclose(out), 0);
  if (st) {
    fail(c,
         "writing the canonical %s failed: %s\n%s",
         map ? "map" : "N-Quads",
         kg_strerror(st),
         log_text(&c->log));
  }

  kg_canon_free(canon);
  return text;
}

/**
   Return a description of the first line where `got` and `want` differ,
   or NULL if they hold the same bytes.
*/
static char*
text_difference(const char* const got,
                const size_t      got_len,
                const char* const want,
                const size_t      want_len)
{
  if (got_len == want_len && !memcmp(got, want, got_len)) {
    return NULL;
  }

  size_t i    = 0U;
  size_t line = 1U;
  size_t bol  = 0U; // Where the line of the first difference begins
  while (i < got_len && i < want_len && got[i] == want[i]) {
    if (got[i++] == '\n') {
      ++line;
      bol = i;
    }
  }

  const char* const g_eol = (const char*)memchr(got + bol, '\n', got_len - bol);
  const char* const w_eol =
    (const char*)memchr(want + bol, '\n', want_len - bol);
  const size_t g_len = g_eol ? (size_t)(g_eol - (got + bol)) : got_len - bol;
  const size_t w_len = w_eol ? (size_t)(w_eol - (want + bol)) : want_len - bol;
  return format("%zu bytes written, %zu expected; first difference in line "
                "%zu, byte %zu:\n  written:  %s%.*s\n  expected: %s%.*s",
                got_len,
                want_len,
                line,
                i + 1U,
                bol < got_len ? "" : "(end) ",
                (int)g_len,
                got + bol,
                bol < want_len ? "" : "(end) ",
                (int)w_len,
                want + bol);
}

static void
check_canon_eval(Case* const c)
{
  KgGraph* const g   = read_action(c);
  size_t         len = 0U;
  char* const    got = write_canon(c, g, false, &len);

  size_t      want_len = 0U;
  char* const want     = slurp(c, c->result_path, &want_len);
  char* const diff     = text_difference(got, len, want, want_len);
  if (diff) {
    fail(c,
         "canonical N-Quads differ from '%s': %s\n--- written:\n%s",
         c->result_path,
         diff,
         shown(got, len));
  }

  // The canonical form of the canonical form is itself
  KgGraph* const      again = kg_graph_new();
  const KgReadOptions ropts = {
    KG_SYNTAX_NQUADS, c->result, 0U, {log_sink, &c->log}};
  const KgStringView view = {want, want_len};
  const KgStatus     rst = kg_graph_read_string(again, view, c->result, &ropts);
  if (rst) {
    fail(c,
         "cannot read the expected result '%s': %s\n%s",
         c->result_path,
         kg_strerror(rst),
         log_text(&c->log));
  }
  size_t      len2  = 0U;
  char* const got2  = write_canon(c, again, false, &len2);
  char* const diff2 = text_difference(got2, len2, want, want_len);
  if (diff2) {
    fail(c, "canonicalizing the expected result changes it: %s", diff2);
  }

  free(got2);
  kg_graph_free(again);
  free(want);
  free(got);
  kg_graph_free(g);
}

static void
check_canon_negative(Case* const c)
{
  KgGraph* const g     = read_action(c);
  const double   start = now();
  KgStatus       st    = KG_SUCCESS;
  KgCanon* const canon = canonicalize(c, g, &st);
  const double   secs  = now() - start;
  if (st != KG_BAD_LIMIT) {
    fail(c,
         "canonicalizing '%s' gave %s after %.3f s, but it must exceed the "
         "work limit\n%s",
         c->action_path,
         kg_strerror(st),
         secs,
         log_text(&c->log));
  }
  if (secs > MAX_LIMIT_SECONDS) {
    fail(
      c, "the work limit stopped '%s' only after %.3f s", c->action_path, secs);
  }

  const char* const text = log_text(&c->log);
  if (!strstr(text, "error: canonicalization stopped after ")) {
    fail(c,
         "no error says that the work limit was reached; the log is:\n%s",
         text);
  }
  cr_log_info("%s: stopped after %.3f s", c->key, secs);
  kg_canon_free(canon);
  kg_graph_free(g);
}

/// A pair of a flat JSON object of strings.
typedef struct {
  char* key;
  char* value;
} Pair;

/// Skip JSON whitespace.
static const char*
skip_space(const char* p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
    ++p;
  }
  return p;
}

/// Append code point `cp` as UTF-8.
static void
put_utf8(FILE* const out, const uint32_t cp)
{
  if (cp < 0x80U) {
    fputc((int)cp, out);
  } else if (cp < 0x800U) {
    fputc((int)(0xC0U | (cp >> 6U)), out);
    fputc((int)(0x80U | (cp & 0x3FU)), out);
  } else if (cp < 0x10000U) {
    fputc((int)(0xE0U | (cp >> 12U)), out);
    fputc((int)(0x80U | ((cp >> 6U) & 0x3FU)), out);
    fputc((int)(0x80U | (cp & 0x3FU)), out);
  } else {
    fputc((int)(0xF0U | (cp >> 18U)), out);
    fputc((int)(0x80U | ((cp >> 12U) & 0x3FU)), out);
    fputc((int)(0x80U | ((cp >> 6U) & 0x3FU)), out);
    fputc((int)(0x80U | (cp & 0x3FU)), out);
  }
}

/// Parse 4 hex digits at `p`, or return UINT32_MAX.
static uint32_t
hex4(const char* const p)
{
  uint32_t n = 0U;
  for (unsigned i = 0U; i < 4U; ++i) {
    const char     h = p[i];
    const uint32_t d = (h >= '0' && h <= '9')   ? (uint32_t)(h - '0')
                       : (h >= 'a' && h <= 'f') ? (uint32_t)(h - 'a' + 10)
                       : (h >= 'A' && h <= 'F') ? (uint32_t)(h - 'A' + 10)
                                                : 16U;
    if (d == 16U) {
      return UINT32_MAX;
    }
    n = (n << 4U) | d;
  }
  return n;
}

/**
   Parse the JSON string at `*p` (at its quote) into a new string and move
   `*p` past it, or return NULL.
*/
static char*
parse_string(const char** const p)
{
  static const char escapes[]  = "\"\\/bfnrt";
  static const char replaced[] = "\"\\/\b\f\n\r\t";

  const char* s = *p;
  if (*s++ != '"') {
    return NULL;
  }

  char*       str = NULL;
  size_t      len = 0U;
  FILE* const out = open_memstream(&str, &len);
  cr_assert_not_null(out);
  bool ok = true;
  for (; ok && *s && *s != '"'; ++s) {
    const char* const esc = s[0] == '\\' && s[1] ? strchr(escapes, s[1]) : NULL;
    if ((unsigned char)*s < 0x20U) {
      ok = false;
    } else if (*s != '\\') {
      fputc(*s, out);
    } else if (esc) {
      fputc(replaced[esc - escapes], out);
      ++s;
    } else if (s[1] == 'u' && hex4(s + 2) != UINT32_MAX) {
      uint32_t cp = hex4(s + 2);
      s += 5;
      if (cp >= 0xD800U && cp < 0xDC00U && s[1] == '\\' && s[2] == 'u') {
        const uint32_t lo = hex4(s + 3);
        ok                = lo >= 0xDC00U && lo < 0xE000U;
        cp                = 0x10000U + ((cp - 0xD800U) << 10U) + (lo - 0xDC00U);
        s += 6;
      } else {
        ok = cp < 0xD800U || cp >= 0xE000U;
      }
      put_utf8(out, cp);
    } else {
      ok = false;
    }
  }
  cr_assert_eq(fclose(out), 0);

  if (!ok || *s != '"') {
    free(str);
    return NULL;
  }
  *p = s + 1;
  return str;
}

static int
compare_pairs(const void* const a, const void* const b)
{
  return strcmp(((const Pair*)a)->key, ((const Pair*)b)->key);
}

static void
free_pairs(Pair* const pairs, const size_t n)
{
  for (size_t i = 0U; i < n; ++i) {
    free(pairs[i].key);
    free(pairs[i].value);
  }
  free(pairs);
}

/**
   Parse `text`, a JSON object whose values are all strings, into pairs
   sorted by key; fail the test, naming `what`, unless it is one.
*/
static Pair*
parse_map(const Case* const c,
          const char* const text,
          const char* const what,
          size_t* const     n_pairs)
{
  Pair*       pairs = NULL;
  size_t      n     = 0U;
  const char* p     = skip_space(text);
  const char* error = NULL;
  if (*p != '{') {
    error = "expected '{'";
  } else {
    p = skip_space(p + 1);
  }

  for (bool first = true; !error && *p != '}'; first = false) {
    if (!first && *p != ',') {
      error = "expected ',' or '}'";
      break;
    }

    p               = skip_space(first ? p : p + 1);
    char* const key = parse_string(&p);
    p               = skip_space(p);
    if (!key || *p != ':') {
      free(key);
      error = key ? "expected ':'" : "expected a key string";
      break;
    }

    p                 = skip_space(p + 1);
    char* const value = parse_string(&p);
    if (!value) {
      free(key);
      error = "expected a string value";
      break;
    }

    pairs = (Pair*)realloc(pairs, (n + 1U) * sizeof(Pair));
    cr_assert_not_null(pairs);
    pairs[n].key     = key;
    pairs[n++].value = value;
    p                = skip_space(p);
  }

  if (!error && *skip_space(p + 1)) {
    error = "text after the object";
  }
  if (error) {
    fail(c,
         "%s is not a flat JSON object of strings: %s at byte %zu:\n%s",
         what,
         error,
         (size_t)(p - text),
         text);
  }

  if (n > 1U) {
    qsort(pairs, n, sizeof(Pair), compare_pairs);
  }
  for (size_t i = 1U; i < n; ++i) {
    if (!strcmp(pairs[i - 1U].key, pairs[i].key)) {
      fail(c, "%s has the key '%s' twice:\n%s", what, pairs[i].key, text);
    }
  }
  *n_pairs = n;
  return pairs;
}

static void
check_canon_map(Case* const c)
{
  KgGraph* const g   = read_action(c);
  size_t         len = 0U;
  char* const    got = write_canon(c, g, true, &len);
  if (strlen(got) != len) {
    fail(c, "the map written holds a NUL byte");
  }

  size_t      want_len = 0U;
  char* const want     = slurp(c, c->result_path, &want_len);
  size_t      n_got    = 0U;
  size_t      n_want   = 0U;
  Pair* const pg       = parse_map(c, got, "the map written", &n_got);
  Pair* const pw       = parse_map(c, want, c->result_path, &n_want);

  for (size_t i = 0U, j = 0U; i < n_got || j < n_want; ++i, ++j) {
    const int cmp = i == n_got    ? 1
                    : j == n_want ? -1
                                  : strcmp(pg[i].key, pw[j].key);
    if (cmp < 0) {
      fail(c,
           "the map written has the key '%s', which '%s' does not have\n"
           "--- written:\n%s",
           pg[i].key,
           c->result_path,
           got);
    }
    if (cmp > 0) {
      fail(c,
           "the map written lacks the key '%s' (-> '%s')\n--- written:\n%s",
           pw[j].key,
           pw[j].value,
           got);
    }
    if (strcmp(pg[i].value, pw[j].value)) {
      fail(c,
           "the map written gives '%s' -> '%s', but '%s' gives '%s'\n"
           "--- written:\n%s",
           pg[i].key,
           pg[i].value,
           c->result_path,
           pw[j].value,
           got);
    }
  }

  free_pairs(pw, n_want);
  free_pairs(pg, n_got);
  free(want);
  free(got);
  kg_graph_free(g);
}

/*
  The tests
*/

ParameterizedTestParameters(w3c, entry)
{
  static size_t   indices[MAX_ENTRIES];
  static KgTermId entries[MAX_ENTRIES];

  // A broken manifest gives one test that fails and says why
  char*          error = NULL;
  KgGraph* const g     = read_manifest(&error);
  size_t         n     = g ? manifest_entries(g, entries, &error) : 0U;
  for (size_t i = 0U; i < n; ++i) {
    indices[i] = i;
  }
  if (!n) {
    indices[0] = NO_ENTRY;
    n          = 1U;
  }

  free(error);
  kg_graph_free(g);
  return cr_make_param_array(size_t, indices, n);
}

ParameterizedTest(size_t* index, w3c, entry, .timeout = 60.0)
{
  Case c;
  case_init(&c, *index);
  c.kind->check(&c);
  case_fini(&c);
}
