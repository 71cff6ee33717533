// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Runs a W3C test manifest (manifest.ttl), read with libkgraph itself: one
// Criterion test per entry of its mf:entries list.
//
//   KG_MANIFEST       the path of the manifest.ttl
//   KG_MANIFEST_BASE  its official IRI, for example
//     https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/manifest.ttl
//
// The manifests use relative IRIs (<#name>, mf:action <file.ttl>), so the
// manifest is read with its official IRI as base.  Then each action is the
// official IRI of the input, which is the base to read it with (the suites
// require the retrieval IRI of the input), and its local file is the
// manifest's directory and the last segment of that IRI.
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

#define MF "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
#define RDFT "http://www.w3.org/ns/rdftest#"

/// The most entries a manifest may have.
#define MAX_ENTRIES 4096U

/// The parameter of a test that reports a broken manifest.
#define NO_ENTRY SIZE_MAX

/// Bytes of written output shown in a message, at most.
#define MAX_SHOWN 2000

typedef struct Case Case;

/// A check of one kind of test.
typedef void (*CheckFunc)(Case* c);

/// A kind of test, by the rdf:type of its entry.
typedef struct {
  const char* type;   ///< Type IRI
  const char* syntax; ///< Syntax of mf:action (see kg_syntax_by_name())
  const char* result; ///< Syntax of mf:result, or NULL
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

/**
   The kinds of test.  A new kind is a new row: RDF/XML (rdft:TestXMLEval,
   rdft:TestXMLNegativeSyntax, with "rdfxml"), and RDFC-1.0 (rdfc:RDFC10EvalTest
   and others, with their own check function).
*/
static const TestKind kinds[] = {
  {RDFT "TestTurtleEval", "turtle", "ntriples", check_eval},
  {RDFT "TestTurtlePositiveSyntax", "turtle", NULL, check_positive_syntax},
  {RDFT "TestTurtleNegativeSyntax", "turtle", NULL, check_negative_syntax},
  {RDFT "TestTurtleNegativeEval", "turtle", "ntriples", check_negative_eval},
  {RDFT "TestNTriplesPositiveSyntax", "ntriples", NULL, check_positive_syntax},
  {RDFT "TestNTriplesNegativeSyntax", "ntriples", NULL, check_negative_syntax},
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

/// Return the local file of `iri`: the manifest's directory and its last
/// segment.
static char*
local_path(const Case* const c, const char* const iri)
{
  const char* const slash = strrchr(iri, '/');
  return format("%s/%s", c->dir, slash ? slash + 1 : iri);
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
  const char* const base     = getenv("KG_MANIFEST_BASE");
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
