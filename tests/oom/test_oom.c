// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/*
  Out of memory, everywhere: each main round trip of the command line runs
  with every allocation from the Nth on failing, for N = 1, 2, 3, ... until
  the command no longer reaches the Nth allocation.  Each run must then
  exit 5 with one message that says "out of memory" (or succeed, if it got
  by without the memory), leave no output file behind, and, under
  AddressSanitizer, free everything: each run is a child process of its
  own, so LeakSanitizer checks each one when it exits.

  This program links a copy of the library built with KG_ALLOC_FAIL_HOOK
  (the shipped library has no such hook).  libxml2's allocations go through
  the same counter (xmlMemSetup); serd's and Graphviz's do not (serd calls
  malloc itself, and Graphviz stops the program on some of its own
  failures).

  Stride: N steps by 1 up to 400, then by N / 40 (2.5%), so that a command
  that allocates thousands of times is still tried over all of its run in
  a few hundred children.

  Usage: test_oom [CASE [N]]  (with KG_TEST_DATA set, as meson test does).
*/

#define KG_ALLOC_FAIL_HOOK 1

#include "alloc.h"
#include "cli.h"

#include <libxml/xmlmemory.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/// One round trip: the arguments of kgraph, `@D/` standing for the test data
/// and `@O/` for the output directory.
typedef struct {
  const char* name;
  int         code; ///< Exit status when memory suffices
  const char* args[16];
} Case;

static const Case cases[] = {
  {"read-turtle", 0, {"stats", "@D/check/clean.ttl"}},
  {"read-rdfxml", 0, {"stats", "@D/rdfxml/good/collection.rdf"}},
  {"read-ntriples", 0, {"stats", "@O/in.nt"}},
  {"export-ntriples", 0, {"export", "-o", "@O/out.nt", "@D/check/clean.ttl"}},
  {"export-nquads",
   0,
   {"export", "--to", "nquads", "-o", "@O/out.nq", "@D/check/clean.ttl"}},
  {"export-turtle", 0, {"export", "-o", "@O/out.ttl", "@D/check/clean.ttl"}},
  {"export-rdfxml",
   0,
   {"export", "-o", "@O/out.rdf", "@D/rdfxml/good/collection.rdf"}},
  {"export-dot", 0, {"export", "-o", "@O/out.dot", "@D/check/clean.ttl"}},
  {"diff", 1, {"diff", "@D/check/clean.ttl", "@D/check/planted.ttl"}},
  {"diff-markdown",
   1,
   {"diff",
    "--format",
    "markdown",
    "@D/check/clean.ttl",
    "@D/check/planted.ttl"}},
  {"diff-html",
   1,
   {"diff", "--format", "html", "@D/check/clean.ttl", "@D/check/planted.ttl"}},
  {"diff-json",
   1,
   {"diff", "--format", "json", "@D/check/clean.ttl", "@D/check/planted.ttl"}},
  {"canon", 0, {"canon", "-o", "@O/out.nt", "@O/in.nt"}},
  {"patch",
   0,
   {"patch",
    "-o",
    "@O/out.ttl",
    "@D/patch/old.ttl",
    "@D/patch/change.rdfp"}},
  {"check",
   0,
   {"check", "--ontology", "@D/check/ontology.ttl", "@D/check/clean.ttl"}},
  {"check-claims", 0, {"check", "@D/check/claims.ttl"}},
  {"render", 0, {"render", "-o", "@O/out.svg", "@D/check/clean.ttl"}},
  {"export-schema",
   0,
   {"export", "--to", "dot", "--schema", "-o", "@O/out.dot",
    "@D/dot/schema.ttl"}},
  {"render-schema",
   0,
   {"render", "--schema", "-o", "@O/out.svg", "@D/dot/schema.ttl"}},
  {"render-html", 0, {"render", "-o", "@O/out.html", "@D/check/clean.ttl"}},
  {"check-shapes-turtle",
   1,
   {"check", "--format", "turtle", "--shapes", "@D/shapes/paths-shapes.ttl",
    "@D/shapes/paths.ttl"}},
  {"check-shapes-json",
   1,
   {"check", "--format", "json", "--shapes", "@D/shapes/planted-shapes.ttl",
    "@D/shapes/planted.ttl"}},
};

#define N_CASES (sizeof(cases) / sizeof(cases[0]))

/// N-Triples with blank nodes, a list, languages and datatypes.
static const char* const ntriples =
  "<http://example.org/a> <http://example.org/p> _:b0 .\n"
  "_:b0 <http://example.org/q> \"x\"@en .\n"
  "_:b0 <http://example.org/r> _:b1 .\n"
  "_:b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> \"1\"^^"
  "<http://www.w3.org/2001/XMLSchema#integer> .\n"
  "_:b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> "
  "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .\n"
  "<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "
  "\"a \\\"quoted\\\" label\" .\n";

/*
  libxml2's allocations, through the counter
*/

static void*
xml_malloc(const size_t size)
{
  return kg_malloc(size);
}

static void*
xml_realloc(void* const ptr, const size_t size)
{
  return kg_realloc(ptr, size);
}

static void
xml_free(void* const ptr)
{
  kg_free(ptr);
}

static char*
xml_strdup(const char* const str)
{
  return kg_strndup(str, strlen(str));
}

/*
  Running a case
*/

static char*
text_of(const char* const path)
{
  FILE* const f = fopen(path, "rb");
  if (!f) {
    return NULL;
  }
  char*  text = NULL;
  size_t len  = 0U;
  size_t cap  = 0U;
  int    c    = 0;
  while ((c = fgetc(f)) != EOF) {
    if (len + 1U >= cap) {
      cap           = cap ? cap * 2U : 256U;
      char* const t = (char*)realloc(text, cap);
      if (!t) {
        break;
      }
      text = t;
    }
    text[len++] = (char)c;
  }
  fclose(f);
  if (!text && !(text = (char*)malloc(1U))) {
    return NULL;
  }
  text[len] = '\0';
  return text;
}

/// Return the number of entries of directory `dir`, less . and ..
static unsigned
n_entries(const char* const dir, char* const first, const size_t size)
{
  DIR* const d = opendir(dir);
  unsigned   n = 0U;
  if (d) {
    struct dirent* e = NULL;
    while ((e = readdir(d))) {
      if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
        if (!n++) {
          snprintf(first, size, "%s", e->d_name);
        }
      }
    }
    closedir(d);
  }
  return n;
}

/// Remove every file in `dir`.
static void
clear(const char* const dir, const char* const keep)
{
  DIR* const d = opendir(dir);
  if (d) {
    struct dirent* e = NULL;
    while ((e = readdir(d))) {
      if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
          (!keep || strcmp(e->d_name, keep))) {
        char path[2048];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        unlink(path);
      }
    }
    closedir(d);
  }
}

/// Return the number of times `needle` occurs in `text`.
static unsigned
occurrences(const char* const text, const char* const needle)
{
  unsigned n = 0U;
  for (const char* p = text; (p = strstr(p, needle)); p += strlen(needle)) {
    ++n;
  }
  return n;
}

typedef struct {
  int    code;     ///< Exit status, or -1 if the child did not exit
  int    signal;   ///< Signal that ended the child, or 0
  size_t n_allocs; ///< Allocations the command asked for
  char*  err;      ///< Its standard error (the stream given to the CLI)
  char*  raw;      ///< What was written to file descriptor 2 itself
} Outcome;

/// Run `kgraph ARGS` in a child with allocations from the `fail`th failing.
static Outcome
run_case(const Case* const c,
         const char* const data,
         const char* const work,
         const size_t      fail)
{
  char  args[16][1024];
  char* argv[18] = {"kgraph"};
  int   argc     = 1;
  for (const char* const* a = c->args; *a; ++a) {
    if (!strncmp(*a, "@D/", 3U)) {
      snprintf(args[argc - 1], sizeof(args[0]), "%s/%s", data, *a + 3);
    } else if (!strncmp(*a, "@O/", 3U)) {
      snprintf(args[argc - 1], sizeof(args[0]), "%s/out/%s", work, *a + 3);
    } else {
      snprintf(args[argc - 1], sizeof(args[0]), "%s", *a);
    }
    argv[argc] = args[argc - 1];
    ++argc;
  }
  argv[argc] = NULL;

  char out_path[2048];
  char err_path[2048];
  char raw_path[2048];
  snprintf(out_path, sizeof(out_path), "%s/stdout", work);
  snprintf(err_path, sizeof(err_path), "%s/stderr", work);
  snprintf(raw_path, sizeof(raw_path), "%s/fd2", work);

  int pipefd[2];
  if (pipe(pipefd)) {
    perror("pipe");
    exit(2);
  }

  fflush(stdout);
  fflush(stderr);
  const pid_t pid = fork();
  if (pid < 0) {
    perror("fork");
    exit(2);
  }

  if (!pid) {
    close(pipefd[0]);
    FILE* const out = fopen(out_path, "wb");
    FILE* const err = fopen(err_path, "wb");
    // What a library prints by itself, and the sanitizers' reports
    const int raw = open(raw_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (!out || !err || raw < 0 || dup2(raw, 2) < 0) {
      _exit(99);
    }
    close(raw);
    kg_alloc_fail_from(fail);
    const int    code = kg_cli_main(argc, argv, out, err);
    const size_t n    = kg_alloc_count();
    kg_alloc_fail_from(0U);
    fclose(out);
    fclose(err);
    if (write(pipefd[1], &n, sizeof(n)) != (ssize_t)sizeof(n)) {
      _exit(98);
    }
    close(pipefd[1]);
    exit(code); // Not _exit(): LeakSanitizer checks at exit
  }

  close(pipefd[1]);
  Outcome o = {-1, 0, 0U, NULL, NULL};
  if (read(pipefd[0], &o.n_allocs, sizeof(o.n_allocs)) !=
      (ssize_t)sizeof(o.n_allocs)) {
    o.n_allocs = 0U;
  }
  close(pipefd[0]);

  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    o.code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    o.signal = WTERMSIG(status);
  }
  o.err = text_of(err_path);
  o.raw = text_of(raw_path);
  return o;
}

/// Run case `c` for every N.  @return the number of failures.
static unsigned
check_case(const Case* const c,
           const char* const data,
           const char* const work,
           const size_t      only)
{
  char out_dir[1024];
  snprintf(out_dir, sizeof(out_dir), "%s/out", work);

  unsigned n_failures = 0U;
  size_t   n_runs     = 0U;
  size_t   last       = 0U;
  for (size_t fail = only ? only : 1U;;
       fail += (fail < 400U) ? 1U : fail / 40U) {
    // The input files (canon's and stats' N-Triples) stay
    Outcome o = run_case(c, data, work, fail);
    ++n_runs;
    last = o.n_allocs;

    char           leftover[256] = {0};
    const unsigned n_left = n_entries(out_dir, leftover, sizeof(leftover)) - 1U;
    const bool     hit    = o.n_allocs >= fail;
    const char*    err    = o.err ? o.err : "";
    const char*    wrong  = NULL;
    if (o.signal) {
      wrong = "killed by a signal";
    } else if (!hit && o.code != c->code) {
      wrong = "failed with memory to spare";
    } else if (hit && o.code != 5 && o.code != c->code) {
      wrong = "exit status neither 5 nor that of success";
    } else if (o.code == 5 && occurrences(err, "out of memory") != 1U) {
      wrong = "exit 5 without one message that says \"out of memory\"";
    } else if (o.code == 5 && n_left) {
      wrong = "an output file left behind";
    } else if (o.raw && *o.raw) {
      wrong = "printed to the process's standard error (a library, or a "
              "sanitizer)";
    }

    if (wrong) {
      ++n_failures;
      printf("FAIL %s, allocation %zu failing: %s (exit %d, signal %d, %s)\n"
             "  stderr: %s\n%s",
             c->name,
             fail,
             wrong,
             o.code,
             o.signal,
             n_left ? leftover : "no file left",
             err,
             o.raw ? o.raw : "");
    }

    if (only) {
      printf("%s, allocation %zu failing: exit %d, signal %d, %zu "
             "allocations\n%s",
             c->name,
             fail,
             o.code,
             o.signal,
             o.n_allocs,
             err);
    }

    free(o.err);
    free(o.raw);
    clear(out_dir, "in.nt");
    if (!hit || only || n_failures >= 5U) {
      break;
    }
  }

  printf("%s %s: %zu runs, %zu allocations without failure\n",
         n_failures ? "FAIL" : "ok",
         c->name,
         n_runs,
         last);
  return n_failures;
}

int
main(int argc, char** argv)
{
  const char* const data = getenv("KG_TEST_DATA");
  if (!data) {
    fprintf(stderr, "test_oom: KG_TEST_DATA is not set\n");
    return 2;
  }

  if (xmlMemSetup(xml_free, xml_malloc, xml_realloc, xml_strdup)) {
    fprintf(stderr, "test_oom: cannot set libxml2's allocator\n");
    return 2;
  }

  const char* const tmp = getenv("TMPDIR");
  char              work[512];
  snprintf(work, sizeof(work), "%s/kg-oom-XXXXXX", tmp ? tmp : "/tmp");
  if (!mkdtemp(work)) {
    perror("mkdtemp");
    return 2;
  }
  char out_dir[1024];
  char in_path[2048];
  snprintf(out_dir, sizeof(out_dir), "%s/out", work);
  snprintf(in_path, sizeof(in_path), "%s/in.nt", out_dir);
  FILE* in = NULL;
  if (mkdir(out_dir, 0700) || !(in = fopen(in_path, "wb")) ||
      fputs(ntriples, in) < 0 || fclose(in)) {
    perror(out_dir);
    return 2;
  }

  unsigned n_passed = 0U;
  unsigned n_failed = 0U;
  for (size_t i = 0U; i < N_CASES; ++i) {
    if (argc > 1 && strcmp(argv[1], cases[i].name)) {
      continue;
    }
    if (check_case(&cases[i],
                   data,
                   work,
                   argc > 2 ? (size_t)strtoull(argv[2], NULL, 10) : 0U)) {
      ++n_failed;
    } else {
      ++n_passed;
    }
  }

  clear(out_dir, NULL);
  rmdir(out_dir);
  clear(work, NULL);
  rmdir(work);
  printf("%u passed, %u failed\n", n_passed, n_failed);
  return (n_failed || !n_passed) ? 1 : 0;
}
