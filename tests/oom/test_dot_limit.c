// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/*
  `kgraph export --to dot` under a limit of address space (ulimit -v), from
  too little to enough, in steps of 2 MiB: it exits 5 saying "out of
  memory", or succeeds, and is never killed by a signal.  cgraph writes
  through the NULL of a failed allocation (agstrdup_html() from build()),
  so before its allocations went through a reserve, some limits ended in
  SIGSEGV.

  The graph (10,000 nodes, labelled, in a ring with chords) is made here.
  Limits where the program cannot even start (the loader fails) count for
  nothing.  AddressSanitizer reserves terabytes of address space: under it,
  this test is skipped.

  Usage: test_dot_limit  (with KG_EXE set, as meson test does).
*/

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#  define UNDER_ASAN 1
#elif defined(__has_feature)
#  if __has_feature(address_sanitizer)
#    define UNDER_ASAN 1
#  endif
#endif

enum { N_NODES = 10000 };

static bool
contains(const char* const path, const char* const needle)
{
  FILE* const f = fopen(path, "rb");
  if (!f) {
    return false;
  }
  char   text[4096];
  size_t n = fread(text, 1U, sizeof(text) - 1U, f);
  text[n]  = '\0';
  fclose(f);
  return strstr(text, needle) != NULL;
}

int
main(void)
{
#if defined(UNDER_ASAN)
  (void)contains;
  printf("skipped: address space limits do not work under AddressSanitizer\n");
  return 77;
#else
  const char* const exe = getenv("KG_EXE");
  if (!exe) {
    fprintf(stderr, "test_dot_limit: KG_EXE is not set\n");
    return 2;
  }

  const char* const tmp = getenv("TMPDIR");
  char              dir[1024];
  snprintf(dir, sizeof(dir), "%s/kg-dot-limit-XXXXXX", tmp ? tmp : "/tmp");
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 2;
  }

  char in[1100];
  char out[1100];
  char err[1100];
  snprintf(in, sizeof(in), "%s/in.nt", dir);
  snprintf(out, sizeof(out), "%s/out.dot", dir);
  snprintf(err, sizeof(err), "%s/stderr", dir);

  FILE* const f = fopen(in, "wb");
  if (!f) {
    perror(in);
    return 2;
  }
  for (unsigned i = 0U; i < N_NODES; ++i) {
    fprintf(f,
            "<http://example.org/n%u> <http://example.org/p> "
            "<http://example.org/n%u> .\n"
            "<http://example.org/n%u> "
            "<http://www.w3.org/2000/01/rdf-schema#label> \"node %u\" .\n",
            i,
            (i * 7U + 1U) % N_NODES,
            i,
            i);
  }
  if (fclose(f)) {
    perror(in);
    return 2;
  }

  unsigned n_failed  = 0U;
  unsigned n_oom     = 0U;
  bool     succeeded = false;
  for (unsigned mib = 16U; mib <= 512U && !succeeded; mib += 2U) {
    fflush(stdout);
    const pid_t pid = fork();
    if (pid < 0) {
      perror("fork");
      return 2;
    }
    if (!pid) {
      const int fd = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (fd < 0 || dup2(fd, 2) < 0) {
        _exit(126);
      }
      const struct rlimit limit = {(rlim_t)mib << 20U, (rlim_t)mib << 20U};
      if (setrlimit(RLIMIT_AS, &limit)) {
        _exit(126);
      }
      execl(exe,
            exe,
            "export",
            "--to",
            "dot",
            "--max-nodes",
            "0",
            "--max-size",
            "0",
            "-o",
            out,
            in,
            (char*)NULL);
      _exit(127);
    }

    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }

    const bool said = contains(err, "out of memory");
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      succeeded = true;
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 5 && said) {
      ++n_oom;
    } else if (n_oom) {
      // Past the limits where it cannot start, anything else is wrong
      ++n_failed;
      printf("FAIL at %u MiB: %s %d\n",
             mib,
             WIFSIGNALED(status) ? "signal" : "exit",
             WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    }
  }

  unlink(in);
  unlink(out);
  unlink(err);
  rmdir(dir);
  printf("%u limits said out of memory; %s\n",
         n_oom,
         succeeded ? "then it succeeded" : "it never succeeded");
  const bool ok = !n_failed && succeeded;
  printf("%u passed, %u failed\n", ok ? 1U : 0U, ok ? 0U : 1U);
  return ok ? 0 : 1;
#endif
}
