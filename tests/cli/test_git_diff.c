// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph diff as git runs it (git_diff.c): seven or nine operands from
// git's external diff, two from difftool; a header per file; what is not a
// graph kgraph can read shown as a text diff, and an exit status that lets
// git go on.  The text diff is git's: these tests need git on PATH.

#include "support.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char* const zeros = "0000000000000000000000000000000000000000";
static const char* const hex   = "1111111111111111111111111111111111111111";

static const char* const graph_v1 =
  "@prefix ex: <http://example.org/> .\n"
  "ex:alice ex:age 30 ; ex:name \"Alice\" .\n";

static const char* const graph_v2 =
  "@prefix ex: <http://example.org/> .\n"
  "ex:alice ex:age 31 ; ex:name \"Alice\" .\n";

/// Skip the test when git cannot be run.
static void
need_git(void)
{
  if (system("git --version > /dev/null 2>&1")) {
    cr_skip_test("git is not installed");
  }
  // Outside git unless a test says otherwise
  unsetenv("GIT_DIFF_PATH_TOTAL");
  unsetenv("BASE");
}

/// Write `text` to a new file `name` in a fresh directory; return its path.
static const char*
file_with(const char* const dir, const char* const name, const char* const text)
{
  const char* const path = path_in(dir, name);
  write_file(path, text);
  return path;
}

Test(git_diff, markdown_is_a_text_diff_under_a_header)
{
  need_git();
  const char* const dir = tmp_dir();
  char* const old = strdup(file_with(dir, "old.md", "# Notes\n\nline one\n"));
  char* const new = strdup(file_with(dir, "new.md", "# Notes\n\nline two\n"));
  Run r =
    run("diff", "notes.md", old, hex, "100644", new, zeros, "100644", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "diff --kgraph a/notes.md b/notes.md\n"
                   "--- a/notes.md\n"
                   "+++ b/notes.md\n"
                   "@@ -1,3 +1,3 @@\n"
                   " # Notes\n"
                   " \n"
                   "-line one\n"
                   "+line two\n");
  cr_assert_str_eq(r.err,
                   "kgraph: note: 'notes.md' is shown as text: kgraph "
                   "cannot tell its syntax\n");
  run_free(&r);
  free(new);
  free(old);
}

Test(git_diff, a_graph_has_a_header_and_exit_0)
{
  need_git();
  const char* const dir = tmp_dir();
  // git's temporary file keeps no extension here: PATH tells the syntax
  char* const old = strdup(file_with(dir, "blob", graph_v1));
  char* const new = strdup(file_with(dir, "people.ttl", graph_v2));
  Run r           = run("diff",
              "--format",
              "patch",
              "data/people.ttl",
              old,
              hex,
              "100644",
              new,
              zeros,
              "100644",
              NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "diff --kgraph a/data/people.ttl b/data/people.ttl\n"
                   "TX .\n"
                   "D <http://example.org/alice> <http://example.org/age> "
                   "\"30\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
                   "A <http://example.org/alice> <http://example.org/age> "
                   "\"31\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
                   "TC .\n");
  cr_assert_str_eq(r.err, "");
  run_free(&r);
  free(new);
  free(old);
}

Test(git_diff, a_broken_graph_is_a_text_diff_and_git_goes_on)
{
  need_git();
  const char* const dir = tmp_dir();
  char* const       old = strdup(file_with(dir, "old.ttl", graph_v1));
  char* const new       = strdup(file_with(dir,
                                     "new.ttl",
                                     "@prefix ex: <http://example.org/> .\n"
                                           "ex:alice ex:age 31 ; ex:name \"Ali\n"));
  Run r =
    run("diff", "people.ttl", old, hex, "100644", new, zeros, "100644", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert(strstr(r.out,
                   "diff --kgraph a/people.ttl b/people.ttl\n"
                   "--- a/people.ttl\n"
                   "+++ b/people.ttl\n"),
            "%s",
            r.out);
  cr_assert(
    strstr(r.out, "\n+ex:alice ex:age 31 ; ex:name \"Ali\n"), "%s", r.out);
  // The reader's error, then the note
  cr_assert(strstr(r.err, "new.ttl:2:"), "%s", r.err);
  cr_assert(strstr(r.err,
                   "kgraph: note: 'people.ttl' is shown as text: syntax "
                   "error\n"),
            "%s",
            r.err);
  run_free(&r);
  free(new);
  free(old);
}

Test(git_diff, a_rename_names_both_paths)
{
  need_git();
  const char* const dir = tmp_dir();
  char* const       old = strdup(file_with(dir, "old.ttl", graph_v1));
  char* const new       = strdup(file_with(dir, "new.ttl", graph_v2));
  Run r                 = run("diff",
              "--format",
              "patch",
              "team.ttl",
              old,
              hex,
              "100644",
              new,
              zeros,
              "100644",
              "staff.ttl",
              "similarity index 90%\n",
              NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert(!strncmp(r.out,
                     "diff --kgraph a/team.ttl b/staff.ttl\nTX .\n",
                     strlen("diff --kgraph a/team.ttl b/staff.ttl\nTX .\n")),
            "%s",
            r.out);
  run_free(&r);
  free(new);
  free(old);
}

Test(git_diff, a_deleted_text_file_is_against_dev_null)
{
  need_git();
  const char* const dir = tmp_dir();
  char* const       old = strdup(file_with(dir, "old.md", "gone\n"));
  Run               r   = run(
    "diff", "notes.md", old, hex, "100644", "/dev/null", zeros, "000000", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "diff --kgraph a/notes.md b/notes.md\n"
                   "--- a/notes.md\n"
                   "+++ /dev/null\n"
                   "@@ -1 +0,0 @@\n"
                   "-gone\n");
  run_free(&r);
  free(old);
}

Test(git_diff, a_path_with_controls_is_escaped_in_the_header)
{
  need_git();
  const char* const dir = tmp_dir();
  char* const       old = strdup(file_with(dir, "old.md", "a\n"));
  char* const new       = strdup(file_with(dir, "new.md", "b\n"));
  Run r =
    run("diff", "x\x1B[2Jy.md", old, hex, "100644", new, zeros, "100644", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert(strstr(r.out,
                   "diff --kgraph a/x\\u001B[2Jy.md b/x\\u001B[2Jy.md\n"
                   "--- a/x\\u001B[2Jy.md\n"),
            "%s",
            r.out);
  cr_assert(!strchr(r.out, '\x1B'));
  cr_assert(!strchr(r.err, '\x1B'));
  run_free(&r);
  free(new);
  free(old);
}

Test(git_diff, difftool_shows_text_and_exits_1_when_files_differ)
{
  need_git();
  const char* const dir = tmp_dir();
  char* const       old = strdup(file_with(dir, "a.ttl", graph_v1));
  char* const new       = strdup(file_with(dir, "b.ttl", "ex:alice <\n"));

  // Outside git: a broken graph is an input error
  Run r = run("diff", old, new, NULL);
  cr_assert_eq(r.status, 3);
  cr_assert_str_eq(r.out, "");
  run_free(&r);

  // Under git's difftool: the path that git exports as BASE, a text diff
  setenv("GIT_DIFF_PATH_TOTAL", "1", 1);
  setenv("BASE", "graphs/people.ttl", 1);
  r = run("diff", old, new, NULL);
  cr_assert_eq(r.status, 1, "%s", r.err);
  cr_assert(strstr(r.out,
                   "diff --kgraph a/graphs/people.ttl b/graphs/people.ttl\n"
                   "--- a/graphs/people.ttl\n"),
            "%s",
            r.out);
  cr_assert(strstr(r.out, "\n+ex:alice <\n"), "%s", r.out);
  run_free(&r);

  // Without BASE, the name of the file
  unsetenv("BASE");
  r = run("diff", old, old, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out, "");
  run_free(&r);
  r = run("diff", "--format", "patch", old, new, NULL);
  cr_assert_eq(r.status, 1, "%s", r.err);
  cr_assert(
    !strncmp(r.out, "diff --kgraph a/b.ttl b/b.ttl\n", 30U), "%s", r.out);
  run_free(&r);

  free(new);
  free(old);
}

Test(git_diff, other_operand_counts_are_usage_errors)
{
  need_git();
  Run r = run("diff", "a.ttl", "b.ttl", "c.ttl", NULL);
  cr_assert_eq(r.status, 2);
  cr_assert(strstr(r.err, "diff takes two graphs, OLD and NEW"), "%s", r.err);
  run_free(&r);
}

Test(git_diff, without_git_says_that_the_files_differ)
{
  need_git();
  const char* const dir = tmp_dir();
  char* const       old = strdup(file_with(dir, "old.md", "a\n"));
  char* const new       = strdup(file_with(dir, "new.md", "b\n"));
  setenv("PATH", path_in(dir, "no-such-directory"), 1);
  Run r =
    run("diff", "notes.md", old, hex, "100644", new, zeros, "100644", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "diff --kgraph a/notes.md b/notes.md\n"
                   "Files a/notes.md and b/notes.md differ\n");
  cr_assert(strstr(r.err, "kgraph: warning: cannot run 'git diff --no-index'"),
            "%s",
            r.err);
  run_free(&r);
  free(new);
  free(old);
}
