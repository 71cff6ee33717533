// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// -o writes what a shell's `>` would write, atomically; a signal leaves no
// temporary file behind.

#include "support.h"

#include "../support/dir_entries.h"
#include "cli.h"

#include <criterion/criterion.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char* const graph = "<http://example.org/s> "
                                 "<http://example.org/p> _:b .\n";

static const char* const canonical = "<http://example.org/s> "
                                     "<http://example.org/p> _:c14n0 .\n";

/// Return the names in `dir`, one a line (free()).
static char*
list(const char* const dir)
{
  char*       names = NULL;
  size_t      len   = 0U;
  FILE* const out   = open_memstream(&names, &len);
  DIR* const  d     = opendir(dir);
  cr_assert_not_null(d);
  for (const struct dirent* e = NULL; (e = readdir(d));) {
    fprintf(out, "%s\n", e->d_name);
  }
  closedir(d);
  fclose(out);
  return names;
}

/// Make a directory with the input graph in it.  @return the directory.
static const char*
setup(void)
{
  const char* const dir = tmp_dir();
  write_file(path_in(dir, "g.nt"), graph);
  return dir;
}

/// Write the graph in `dir` to `out` in canonical form, and expect success.
static void
canon_to(const char* const dir, const char* const out)
{
  char* const in = format("%s", path_in(dir, "g.nt"));
  Run         r  = run("canon", "-o", out, in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_empty(r.err);
  run_free(&r);
  free(in);
}

/// Assert that the file at `path` holds the canonical graph.
static void
assert_written(const char* const path)
{
  char* const text = read_file(path);
  cr_assert_not_null(text, "%s", path);
  cr_assert_str_eq(text, canonical);
  free(text);
}

Test(output, a_private_file_stays_private)
{
  const char* const dir = setup();
  char* const       out = format("%s", path_in(dir, "out.nt"));
  write_file(out, "old\n");
  cr_assert_eq(chmod(out, 0600), 0);

  canon_to(dir, out);
  assert_written(out);
  struct stat st;
  cr_assert_eq(stat(out, &st), 0);
  cr_assert_eq(st.st_mode & 07777, 0600, "mode %o", st.st_mode & 07777);

  // Any mode, even one that the umask would take away
  cr_assert_eq(chmod(out, 0757), 0);
  canon_to(dir, out);
  cr_assert_eq(stat(out, &st), 0);
  cr_assert_eq(st.st_mode & 07777, 0757, "mode %o", st.st_mode & 07777);
  cr_assert_eq(kg_n_entries(dir), 2U);
  free(out);
}

Test(output, a_new_file_has_the_mode_the_umask_gives)
{
  const char* const dir  = setup();
  char* const       out  = format("%s", path_in(dir, "out.nt"));
  const mode_t      mask = umask(027);

  canon_to(dir, out);
  umask(mask);
  assert_written(out);
  struct stat st;
  cr_assert_eq(stat(out, &st), 0);
  cr_assert_eq(st.st_mode & 07777, 0640, "mode %o", st.st_mode & 07777);
  free(out);
}

Test(output, the_owner_stays)
{
  if (geteuid()) {
    cr_skip_test("only root can give a file to someone else");
  }

  const char* const dir = setup();
  char* const       out = format("%s", path_in(dir, "out.nt"));
  write_file(out, "old\n");
  cr_assert_eq(chown(out, 4242, 4343), 0);

  canon_to(dir, out);
  assert_written(out);
  struct stat st;
  cr_assert_eq(stat(out, &st), 0);
  cr_assert_eq(st.st_uid, 4242U);
  cr_assert_eq(st.st_gid, 4343U);
  free(out);
}

Test(output, a_symlink_stays_and_its_target_is_written)
{
  const char* const dir    = setup();
  char* const       target = format("%s", path_in(dir, "target.nt"));
  char* const       link   = format("%s", path_in(dir, "link.nt"));
  write_file(target, "old\n");
  cr_assert_eq(chmod(target, 0640), 0);
  cr_assert_eq(symlink("target.nt", link), 0);

  canon_to(dir, link);
  struct stat st;
  cr_assert_eq(lstat(link, &st), 0);
  cr_assert(S_ISLNK(st.st_mode));
  char          text[64];
  const ssize_t len = readlink(link, text, sizeof(text));
  cr_assert_eq(len, 9);
  cr_assert_eq(memcmp(text, "target.nt", 9U), 0);
  assert_written(target);
  cr_assert_eq(stat(target, &st), 0);
  cr_assert_eq(st.st_mode & 07777, 0640);
  cr_assert_eq(kg_n_entries(dir), 3U);
  free(link);
  free(target);
}

Test(output, a_chain_of_links_is_followed_across_directories)
{
  const char* const dir = setup();
  char* const       sub = format("%s", path_in(dir, "sub"));
  cr_assert_eq(mkdir(sub, 0755), 0);
  char* const target = format("%s/target.nt", sub);
  char* const inner  = format("%s/inner.nt", sub);
  char* const outer  = format("%s", path_in(dir, "outer.nt"));
  write_file(target, "old\n");
  cr_assert_eq(symlink("target.nt", inner), 0);    // Relative to sub/
  cr_assert_eq(symlink("sub/inner.nt", outer), 0); // Relative to dir/

  canon_to(dir, outer);
  assert_written(target);
  struct stat st;
  cr_assert_eq(lstat(inner, &st), 0);
  cr_assert(S_ISLNK(st.st_mode));
  cr_assert_eq(lstat(outer, &st), 0);
  cr_assert(S_ISLNK(st.st_mode));
  cr_assert_eq(kg_n_entries(sub), 2U);
  cr_assert_eq(kg_n_entries(dir), 3U);
  free(outer);
  free(inner);
  free(target);
  free(sub);
}

Test(output, a_dangling_symlink_creates_its_target)
{
  const char* const dir  = setup();
  char* const       link = format("%s", path_in(dir, "link.nt"));
  char* const       made = format("%s", path_in(dir, "made.nt"));
  cr_assert_eq(symlink("made.nt", link), 0);

  canon_to(dir, link);
  struct stat st;
  cr_assert_eq(lstat(link, &st), 0);
  cr_assert(S_ISLNK(st.st_mode));
  assert_written(made);
  free(made);
  free(link);
}

Test(output, a_loop_of_links_is_an_output_error)
{
  const char* const dir = setup();
  char* const       a   = format("%s", path_in(dir, "a.nt"));
  char* const       b   = format("%s", path_in(dir, "b.nt"));
  char* const       in  = format("%s", path_in(dir, "g.nt"));
  cr_assert_eq(symlink("b.nt", a), 0);
  cr_assert_eq(symlink("a.nt", b), 0);

  Run r = run("canon", "-o", a, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT);
  char* const message =
    format("kgraph: error: cannot write '%s': %s\n", a, strerror(ELOOP));
  cr_assert_str_eq(r.err, message);
  cr_assert_eq(kg_n_entries(dir), 3U);
  run_free(&r);
  free(message);
  free(in);
  free(b);
  free(a);
}

Test(output, hard_links_keep_sharing_the_file)
{
  const char* const dir   = setup();
  char* const       one   = format("%s", path_in(dir, "one.nt"));
  char* const       other = format("%s", path_in(dir, "other.nt"));
  write_file(one, "old\n");
  cr_assert_eq(chmod(one, 0604), 0);
  cr_assert_eq(link(one, other), 0);
  struct stat before;
  cr_assert_eq(stat(one, &before), 0);

  canon_to(dir, one);
  assert_written(one);
  assert_written(other);
  struct stat after;
  cr_assert_eq(stat(one, &after), 0);
  cr_assert_eq(after.st_ino, before.st_ino);
  cr_assert_eq(after.st_nlink, 2U);
  cr_assert_eq(after.st_mode & 07777, 0604);
  cr_assert_eq(kg_n_entries(dir), 3U);
  free(other);
  free(one);
}

Test(output, a_hard_linked_file_is_untouched_on_error)
{
  const char* const dir   = setup();
  char* const       one   = format("%s", path_in(dir, "one.rdf"));
  char* const       other = format("%s", path_in(dir, "other.rdf"));
  char* const       in    = format("%s", path_in(dir, "bad.nt"));
  write_file(one, "old\n");
  cr_assert_eq(link(one, other), 0);
  // RDF/XML cannot write a predicate that ends in no name
  write_file(in, "<http://example.org/s> <http://example.org/p/> \"x\" .\n");

  Run r = run("export", "-o", one, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  char* const text = read_file(other);
  cr_assert_str_eq(text, "old\n");
  cr_assert_eq(kg_n_entries(dir), 4U);
  run_free(&r);
  free(text);
  free(in);
  free(other);
  free(one);
}

Test(output, a_name_of_NAME_MAX_bytes_fits)
{
  const char* const dir = setup();
  char              name[NAME_MAX + 1];
  memset(name, 'n', NAME_MAX);
  memcpy(name + NAME_MAX - 3, ".nt", 4U);
  cr_assert_eq(strlen(name), 255U);
  char* const out = format("%s", path_in(dir, name));

  canon_to(dir, out);
  assert_written(out);
  write_file(out, "old\n"); // Replaced, too
  canon_to(dir, out);
  assert_written(out);
  cr_assert_eq(kg_n_entries(dir), 2U);
  free(out);
}

Test(output, devices_are_written_as_they_are)
{
  const char* const dir = setup();
  canon_to(dir, "/dev/null");
  struct stat st;
  cr_assert_eq(stat("/dev/null", &st), 0);
  cr_assert(S_ISCHR(st.st_mode));
}

Test(output, the_map_is_written_only_with_the_output)
{
  const char* const dir = setup();
  char* const       in  = format("%s", path_in(dir, "g.nt"));
  char* const       map = format("%s", path_in(dir, "m.json"));
  write_file(map, "{}\n");

  Run r = run("canon", "--map", map, "-o", "/dev/full", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT);
  cr_assert(strstr(r.err, "cannot write '/dev/full': "), "%s", r.err);
  char* text = read_file(map);
  cr_assert_str_eq(text, "{}\n");
  free(text);
  cr_assert_eq(kg_n_entries(dir), 2U);
  run_free(&r);

  // Into a directory that does not exist: the map is untouched too
  char* const missing = format("%s", path_in(dir, "none/out.nt"));
  r                   = run("canon", "--map", map, "-o", missing, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT);
  text = read_file(map);
  cr_assert_str_eq(text, "{}\n");
  free(text);
  cr_assert_eq(kg_n_entries(dir), 2U);
  run_free(&r);

  // Both written
  char* const out = format("%s", path_in(dir, "out.nt"));
  r               = run("canon", "--map", map, "-o", out, in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  assert_written(out);
  text = read_file(map);
  cr_assert(strstr(text, "\"b\": \"c14n0\""), "%s", text);
  free(text);
  cr_assert_eq(kg_n_entries(dir), 3U);
  run_free(&r);

  // A map that cannot be written leaves the output untouched
  write_file(out, "old\n");
  char* const bad_map = format("%s", path_in(dir, "none/m.json"));
  r                   = run("canon", "--map", bad_map, "-o", out, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT);
  cr_assert(strstr(r.err, "cannot write"), "%s", r.err);
  text = read_file(out);
  cr_assert_str_eq(text, "old\n");
  free(text);
  cr_assert_eq(kg_n_entries(dir), 3U);
  run_free(&r);

  free(bad_map);
  free(out);
  free(missing);
  free(map);
  free(in);
}

Test(output, write_errors_name_the_path_and_the_reason)
{
  const char* const dir = setup();
  char* const       in  = format("%s", path_in(dir, "g.nt"));
  char* const       out = format("%s", path_in(dir, "none/out.nt"));

  Run         r        = run("canon", "-o", out, in, NULL);
  char* const expected = format(
    "kgraph: error: cannot write '%s': No such file or directory\n", out);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT);
  cr_assert_str_eq(r.err, expected);
  run_free(&r);
  free(expected);
  free(out);
  free(in);
}

/*
  Signals, sent to the program itself
*/

/// Write a graph big enough to take a while to export into `path`.
static void
write_big_graph(const char* const path, const unsigned n_triples)
{
  FILE* const f = fopen(path, "wb");
  cr_assert_not_null(f);
  for (unsigned i = 0U; i < n_triples; ++i) {
    fprintf(f,
            "<http://example.org/s%u> <http://example.org/p%u> "
            "\"value number %u\" .\n",
            i,
            i % 7U,
            i);
  }
  cr_assert_eq(fclose(f), 0);
}

/// Start `kgraph ARGV...` with standard output to `out_fd` and standard
/// error to the file `err_path`, as user nobody if `nobody` and the tests
/// run as root.  @return its process id.
static pid_t
start_as(char* const       argv[],
         const int         out_fd,
         const char* const err_path,
         const bool        nobody)
{
  const char* const exe = getenv("KG_EXE");
  cr_assert_not_null(exe, "KG_EXE is not set");
  const pid_t pid = fork();
  cr_assert_geq(pid, 0);
  if (!pid) {
    // As a shell starts a command: nothing ignored, nothing blocked
    static const int signals[] = {SIGHUP, SIGINT, SIGPIPE, SIGTERM};
    sigset_t         none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    for (size_t i = 0U; i < sizeof(signals) / sizeof(signals[0]); ++i) {
      signal(signals[i], SIG_DFL);
    }
    const int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (err < 0 || dup2(out_fd, 1) < 0 || dup2(err, 2) < 0) {
      _exit(99);
    }
    if (nobody && !geteuid() && (setgid(65534) || setuid(65534))) {
      _exit(97);
    }
    execv(exe, argv);
    _exit(98);
  }
  return pid;
}

/// Start `kgraph ARGV...` as start_as() does, as the user running the tests.
static pid_t
start(char* const argv[], const int out_fd, const char* const err_path)
{
  return start_as(argv, out_fd, err_path, false);
}

/// Run `kgraph ARGV...` as someone who is not root, with standard error to
/// `err_path`.  @return its exit status.
static int
run_as_nobody(char* const argv[], const char* const err_path)
{
  const int   null   = open("/dev/null", O_WRONLY);
  const pid_t pid    = start_as(argv, null, err_path, true);
  int         status = 0;
  close(null);
  cr_assert_eq(waitpid(pid, &status, 0), pid);
  cr_assert(WIFEXITED(status), "status %d", status);
  return WEXITSTATUS(status);
}

/// Make a directory that anyone may enter, owned by `uid` (if root).
static char*
make_dir(const char* const parent, const char* const name, const uid_t uid)
{
  char* const dir = format("%s/%s", parent, name);
  cr_assert_eq(mkdir(dir, 0755), 0);
  cr_assert_eq(chmod(dir, 0755), 0);
  if (!geteuid()) {
    cr_assert_eq(chown(dir, uid, uid), 0);
  }
  return dir;
}

Test(output, places_a_shell_could_not_write_are_refused)
{
  const char* const top = setup();
  cr_assert_eq(chmod(top, 0755), 0);
  char* const in = format("%s", path_in(top, "g.nt"));
  cr_assert_eq(chmod(in, 0644), 0);
  char* const errs = format("%s", path_in(top, "err.txt"));
  char        a0[] = "kgraph";
  char        a1[] = "canon";
  char        a2[] = "-o";

  // A new file in a directory of someone else's
  char* const theirs = make_dir(top, "theirs", 0);
  char* const out    = format("%s/out.nt", theirs);
  char*       argv[] = {a0, a1, a2, out, in, NULL};
  if (geteuid() == 0 || access(theirs, W_OK)) {
    cr_assert_eq(run_as_nobody(argv, errs), KG_EXIT_OUTPUT);
    char* const err = read_file(errs);
    char* const expected =
      format("kgraph: error: cannot write '%s': Permission denied\n", out);
    cr_assert_str_eq(err, expected);
    free(expected);
    free(err);
    cr_assert_eq(kg_n_entries(theirs), 0U);
  }

  // A read-only file of one's own, in one's own directory
  char* const mine   = make_dir(top, "mine", 65534);
  char* const locked = format("%s/locked.nt", mine);
  write_file(locked, "old\n");
  cr_assert_eq(chmod(locked, 0444), 0);
  if (!geteuid()) {
    cr_assert_eq(chown(locked, 65534, 65534), 0);
  }
  argv[3] = locked;
  cr_assert_eq(run_as_nobody(argv, errs), KG_EXIT_OUTPUT);
  char* text = read_file(errs);
  cr_assert(strstr(text, "Permission denied"), "%s", text);
  free(text);
  text = read_file(locked);
  cr_assert_str_eq(text, "old\n");
  free(text);
  cr_assert_eq(kg_n_entries(mine), 1U);

  free(locked);
  free(mine);
  free(out);
  free(theirs);
  free(errs);
  free(in);
}

Test(output, a_file_of_ones_own_in_a_directory_of_someone_elses)
{
  if (geteuid()) {
    cr_skip_test("only root can make the file someone else's");
  }

  const char* const top = setup();
  cr_assert_eq(chmod(top, 0755), 0);
  char* const in = format("%s", path_in(top, "g.nt"));
  cr_assert_eq(chmod(in, 0644), 0);
  char* const errs   = format("%s", path_in(top, "err.txt"));
  char* const theirs = make_dir(top, "theirs", 0);
  char* const out    = format("%s/out.nt", theirs);
  write_file(out, "old\n");
  cr_assert_eq(chown(out, 65534, 65534), 0);
  cr_assert_eq(chmod(out, 0640), 0);
  struct stat before;
  cr_assert_eq(stat(out, &before), 0);

  // As `>` would: rewritten in place, once all is written
  char  a0[]   = "kgraph";
  char  a1[]   = "canon";
  char  a2[]   = "-o";
  char* argv[] = {a0, a1, a2, out, in, NULL};
  cr_assert_eq(run_as_nobody(argv, errs), 0);
  assert_written(out);
  struct stat after;
  cr_assert_eq(stat(out, &after), 0);
  cr_assert_eq(after.st_ino, before.st_ino);
  cr_assert_eq(after.st_uid, 65534U);
  cr_assert_eq(after.st_mode & 07777, 0640);
  cr_assert_eq(kg_n_entries(theirs), 1U);

  // And untouched when writing fails (RDF/XML cannot write a predicate
  // that ends in no name)
  char* const bad = format("%s", path_in(top, "bad.nt"));
  write_file(bad, "<http://example.org/s> <http://example.org/p/> \"x\" .\n");
  cr_assert_eq(chmod(bad, 0644), 0);
  char  b1[]       = "export";
  char  b2[]       = "--to";
  char  b3[]       = "rdfxml";
  char  b4[]       = "-o";
  char* bad_argv[] = {a0, b1, b2, b3, b4, out, bad, NULL};
  cr_assert_eq(run_as_nobody(bad_argv, errs), KG_EXIT_INPUT);
  assert_written(out);
  cr_assert_eq(kg_n_entries(theirs), 1U);

  free(bad);
  free(out);
  free(theirs);
  free(errs);
  free(in);
}

/// Sleep for a millisecond.
static void
nap(void)
{
  const struct timespec ms = {0, 1000000L};
  nanosleep(&ms, NULL);
}

/// Kill an export into an existing file with `sig` while its temporary
/// file exists, and check that it died of it and left nothing behind.
static void
kill_export(const int sig)
{
  char* const in_dir  = format("%s", tmp_dir());
  char* const in      = format("%s", path_in(in_dir, "big.nt"));
  char* const out_dir = format("%s", tmp_dir());
  char* const out     = format("%s", path_in(out_dir, "out.ttl"));
  char* const errs    = format("%s", path_in(in_dir, "err.txt"));
  write_file(out, "old\n");

  // Try bigger graphs if an export is over before the signal
  for (unsigned n = 100000U;; n *= 2U) {
    cr_assert_leq(n, 1600000U, "every export ended before it was killed");
    write_big_graph(in, n);

    char        a0[]   = "kgraph";
    char        a1[]   = "export";
    char        a2[]   = "--to";
    char        a3[]   = "turtle";
    char        a4[]   = "-o";
    char*       argv[] = {a0, a1, a2, a3, a4, out, in, NULL};
    const int   null   = open("/dev/null", O_WRONLY);
    const pid_t pid    = start(argv, null, errs);
    close(null);

    int  status = 0;
    bool killed = false;
    for (;;) {
      const pid_t w = waitpid(pid, &status, WNOHANG);
      cr_assert_geq(w, 0);
      if (w) {
        break;
      }
      if (!killed && kg_n_entries(out_dir) > 1U) { // The temporary file
        cr_assert_eq(kill(pid, sig), 0);
        killed = true;
      }
      nap();
    }

    if (!killed) {
      cr_assert(WIFEXITED(status) && !WEXITSTATUS(status));
      write_file(out, "old\n");
      continue;
    }

    // Killed, unless it was just done
    if (WIFEXITED(status) && !WEXITSTATUS(status)) {
      write_file(out, "old\n");
      continue;
    }
    cr_assert(WIFSIGNALED(status), "status %d", status);
    cr_assert_eq(WTERMSIG(status), sig);
    break;
  }

  char* const names = list(out_dir);
  cr_assert_eq(kg_n_entries(out_dir), 1U, "%s", names);
  free(names);
  char* const text = read_file(out);
  cr_assert_str_eq(text, "old\n");
  free(text);
  free(errs);
  free(out);
  free(in);
  free(out_dir);
  free(in_dir);
}

Test(output, sigint_leaves_nothing, .timeout = 60)
{
  kill_export(SIGINT);
}

Test(output, sigterm_leaves_nothing, .timeout = 60)
{
  kill_export(SIGTERM);
}

Test(output, sighup_leaves_nothing, .timeout = 60)
{
  kill_export(SIGHUP);
}

Test(output, a_closed_pipe_ends_the_program_silently, .timeout = 60)
{
  const char* const dir  = tmp_dir();
  char* const       in   = format("%s", path_in(dir, "big.nt"));
  char* const       errs = format("%s", path_in(dir, "err.txt"));
  write_big_graph(in, 100000U);

  int pipe_fds[2];
  cr_assert_eq(pipe(pipe_fds), 0);
  cr_assert_eq(fcntl(pipe_fds[0], F_SETFD, FD_CLOEXEC), 0);
  char        a0[]   = "kgraph";
  char        a1[]   = "export";
  char        a2[]   = "--to";
  char        a3[]   = "ntriples";
  char*       argv[] = {a0, a1, a2, a3, in, NULL};
  const pid_t pid    = start(argv, pipe_fds[1], errs);
  close(pipe_fds[1]);
  close(pipe_fds[0]); // As `kgraph export ... | head -c 0` would

  int status = 0;
  cr_assert_eq(waitpid(pid, &status, 0), pid);
  cr_assert(WIFSIGNALED(status), "status %d", status);
  cr_assert_eq(WTERMSIG(status), SIGPIPE);
  char* const text = read_file(errs);
  cr_assert_str_empty(text);
  free(text);
  free(errs);
  free(in);
}

/*
  Why a write failed
*/

Test(output, a_failed_write_says_why)
{
  const char* const dir = setup();
  char* const       in  = format("%s", path_in(dir, "g.nt"));
  const char* const expected =
    "kgraph: error: cannot write '/dev/full': No space left on device\n";

  static const char* const syntaxes[] = {
    "ntriples", "nquads", "turtle", "rdfxml", "dot"};
  for (size_t i = 0U; i < sizeof(syntaxes) / sizeof(syntaxes[0]); ++i) {
    if (!kg_syntax_can_write(kg_syntax_by_name(syntaxes[i]))) {
      continue; // DOT without Graphviz
    }
    Run r = run("export", "--to", syntaxes[i], "-o", "/dev/full", in, NULL);
    cr_assert_eq(r.status, KG_EXIT_OUTPUT, "%s", syntaxes[i]);
    cr_assert_str_eq(r.err, expected, "%s", syntaxes[i]);
    run_free(&r);
  }

  Run r = run("canon", "-o", "/dev/full", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT);
  cr_assert_str_eq(r.err, expected);
  run_free(&r);

  r = run("diff", "-o", "/dev/full", in, "/dev/null", NULL);
  cr_assert_eq(r.status, KG_EXIT_OUTPUT);
  cr_assert_str_eq(r.err, expected);
  run_free(&r);
  free(in);
}

Test(output, a_failed_write_to_standard_output_says_why)
{
  const char* const dir = setup();
  char* const       in  = format("%s", path_in(dir, "g.nt"));

  FILE* const full = fopen("/dev/full", "w");
  cr_assert_not_null(full);
  char        a0[]   = "kgraph";
  char        a1[]   = "canon";
  char*       argv[] = {a0, a1, in, NULL};
  char*       err    = NULL;
  size_t      len    = 0U;
  FILE* const errs   = open_memstream(&err, &len);
  const int   status = kg_cli_main(3, argv, full, errs);
  fclose(errs);
  fclose(full);
  cr_assert_eq(status, KG_EXIT_OUTPUT);
  cr_assert_str_eq(
    err,
    "kgraph: error: cannot write standard output: No space left on device\n");
  free(err);
  free(in);
}

Test(support, the_test_directories_are_removed_when_the_process_ends)
{
  int fds[2];
  cr_assert_eq(pipe(fds), 0);
  const pid_t pid = fork();
  cr_assert_neq(pid, -1);
  if (!pid) {
    // A test's process: a directory with a file and a subdirectory in it
    close(fds[0]);
    const char* const dir = tmp_dir();
    write_file(path_in(dir, "file.ttl"), "<a> <b> <c> .\n");
    mkdir(path_in(dir, "sub"), 0700);
    write_file(path_in(dir, "sub/deeper.nt"), "");
    const ssize_t n = write(fds[1], dir, strlen(dir) + 1U);
    exit(n > 0 ? 0 : 1);
  }

  close(fds[1]);
  char    dir[64] = {0};
  ssize_t got     = read(fds[0], dir, sizeof(dir) - 1U);
  close(fds[0]);
  int status = 0;
  cr_assert_eq(waitpid(pid, &status, 0), pid);
  cr_assert(WIFEXITED(status) && !WEXITSTATUS(status));
  cr_assert_gt(got, 0);
  cr_assert(!strncmp(dir, "/tmp/kgraph-cli-", 16U), "%s", dir);
  cr_assert(!exists(dir), "%s is left behind", dir);
}
