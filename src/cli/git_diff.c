// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/*
  kgraph diff as git runs it: the operands of git's external diff and of
  difftool, a header per file, and a text diff for the files that are not
  graphs kgraph can read.

  git stops at the first external diff that exits non-zero ("external diff
  died", status 128), so in that form kgraph never fails on a file: what
  it cannot read as a graph (a Markdown file, a Turtle file with a syntax
  error) it shows as `git diff --no-index` would, with a note on standard
  error.  git is there whenever git runs kgraph, so its own diff is the
  one text diff that is sure to exist, and it follows the user's settings
  (diff.algorithm, diff.context).  Its header names temporary files, so
  kgraph writes git's header with the paths in the repository instead.
*/

#define _POSIX_C_SOURCE 200809L // getline(), posix_spawn()

#include "git_diff.h"

#include "cli.h"

#include <kgraph/kgraph.h>

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

static const char* const dev_null = "/dev/null";

/// Return the name of `file` after its last slash.
static const char*
base_name(const char* const file)
{
  const char* const slash = strrchr(file, '/');
  return slash ? slash + 1 : file;
}

int
kg_git_diff_operands(const KgCli* const    cli,
                     const int             n,
                     char** const          operands,
                     KgDiffOperands* const ops)
{
  memset(ops, 0, sizeof(*ops));
  if (n == 2) {
    ops->files[0]     = operands[0];
    ops->files[1]     = operands[1];
    const char* total = getenv("GIT_DIFF_PATH_TOTAL");
    if (total && *total) {
      // difftool: the path is in BASE with -x, and otherwise only in the
      // names of the files (git's temporary files end with it)
      const char* base = getenv("BASE");
      if (!base || !*base) {
        const char* const file =
          strcmp(operands[1], dev_null) ? operands[1] : operands[0];
        base = *file == '/' ? base_name(file) : file;
      }
      ops->paths[0] = ops->paths[1] = base;
      ops->git                      = true;
    }
    return -1;
  }

  if (n == 7 || n == 9) {
    ops->files[0] = operands[1];
    ops->files[1] = operands[4];
    ops->paths[0] = operands[0];
    ops->paths[1] = n == 9 ? operands[7] : operands[0];
    ops->git = ops->external = true;
    return -1;
  }

  return kg_cli_usage(cli, "diff takes two graphs, OLD and NEW");
}

bool
kg_git_diff_is_rdf(const KgDiffOperands* const ops, const KgSyntax from)
{
  for (unsigned i = 0U; i < 2U; ++i) {
    if (strcmp(ops->files[i], dev_null)) {
      KgSyntax syntax = from ? from : kg_syntax_by_path(ops->files[i]);
      if (!syntax && ops->paths[i]) {
        syntax = kg_syntax_by_path(ops->paths[i]);
      }
      if (!syntax || !kg_syntax_can_read(syntax)) {
        return false;
      }
    }
  }
  return true;
}

/// Write `prefix`, then `path` safe for a terminal, then `suffix`.
static bool
write_path(FILE* const       out,
           const char* const prefix,
           const char* const path,
           const char* const suffix)
{
  const KgStringView view = {path, strlen(path)};
  return fputs(prefix, out) >= 0 && !kg_print_for_people(out, view) &&
         fputs(suffix, out) >= 0;
}

KgStatus
kg_git_diff_header(const KgDiffOperands* const ops, FILE* const out)
{
  if (!ops->git) {
    return KG_SUCCESS;
  }
  return write_path(out, "diff --kgraph a/", ops->paths[0], " ") &&
             write_path(out, "b/", ops->paths[1], "\n")
           ? KG_SUCCESS
           : KG_BAD_WRITE;
}

void
kg_git_diff_note(const KgCli* const          cli,
                 const KgDiffOperands* const ops,
                 const char* const           why)
{
  if (cli->quiet) {
    return;
  }
  kg_progress_clear(cli->progress);
  write_path(
    cli->err, "kgraph: note: '", ops->paths[1], "' is shown as text: ");
  fprintf(cli->err, "%s\n", why);
}

/// Write a line of the header, `--- a/PATH`, `+++ b/PATH` or one with
/// /dev/null for a side that is not there.
static bool
write_side(FILE* const                 out,
           const char* const           mark,
           const KgDiffOperands* const ops,
           const unsigned              side)
{
  if (!strcmp(ops->files[side], dev_null)) {
    return fprintf(out, "%s %s\n", mark, dev_null) >= 0;
  }
  return fprintf(out, "%s %s", mark, side ? "b/" : "a/") >= 0 &&
         write_path(out, "", ops->paths[side], "\n");
}

/**
   Copy git's unified diff from `in` to `out`, with git's header (which
   names the temporary files) replaced by one that names the paths.
*/
static KgStatus
copy_text_diff(const KgDiffOperands* const ops,
               FILE* const                 in,
               FILE* const                 out,
               bool* const                 wrote)
{
  char*   line   = NULL;
  size_t  size   = 0U;
  ssize_t len    = 0;
  bool    header = true;
  bool    ok     = true;
  while (ok && (len = getline(&line, &size, in)) > 0) {
    *wrote = *wrote || !header || !strncmp(line, "--- ", 4U) ||
             !strncmp(line, "Binary files ", 13U);
    if (!header) {
      ok = fwrite(line, 1U, (size_t)len, out) == (size_t)len;
    } else if (!strncmp(line, "--- ", 4U)) {
      ok = write_side(out, "---", ops, 0U);
    } else if (!strncmp(line, "+++ ", 4U)) {
      ok     = write_side(out, "+++", ops, 1U);
      header = false;
    } else if (!strncmp(line, "Binary files ", 13U)) {
      ok = write_path(out, "Binary files a/", ops->paths[0], " and ") &&
           write_path(out, "b/", ops->paths[1], " differ\n");
      header = false;
    }
    // Else a line of git's extended header: "diff --git", "index", and
    // the modes of the temporary files, which are not the files' modes
  }
  free(line);
  return ok ? KG_SUCCESS : KG_BAD_WRITE;
}

/**
   Run `git diff --no-index` on the files of `ops`, its output to `out`.

   @param[out] wrote Set to true iff some of git's diff was written.
   @return git's exit status (0 same, 1 different), or -1 if it could not
   be run or failed.
*/
static int
run_git_diff(const KgDiffOperands* const ops,
             FILE* const                 out,
             KgStatus* const             st,
             bool* const                 wrote)
{
  char* argv[] = {
    (char*)"git",
    (char*)"diff",
    (char*)"--no-index",
    (char*)"--no-color",
    (char*)"--no-ext-diff",
    (char*)"--no-textconv",
    (char*)"--",
    ops->files[0],
    ops->files[1],
    NULL,
  };

  int fds[2] = {-1, -1};
  if (pipe(fds)) {
    return -1;
  }

  posix_spawn_file_actions_t actions;
  pid_t                      pid    = 0;
  int                        status = -1;
  if (!posix_spawn_file_actions_init(&actions)) {
    if (!posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO) &&
        !posix_spawn_file_actions_addclose(&actions, fds[0]) &&
        !posix_spawn_file_actions_addclose(&actions, fds[1]) &&
        !posix_spawn_file_actions_addopen(
          &actions, STDERR_FILENO, dev_null, O_WRONLY, 0) &&
        !posix_spawn_file_actions_addopen(
          &actions, STDIN_FILENO, dev_null, O_RDONLY, 0) &&
        !posix_spawnp(&pid, "git", &actions, NULL, argv, environ)) {
      status = 0;
    }
    posix_spawn_file_actions_destroy(&actions);
  }
  close(fds[1]);
  if (status) {
    close(fds[0]);
    return -1;
  }

  FILE* const in = fdopen(fds[0], "r");
  if (in) {
    *st = copy_text_diff(ops, in, out, wrote);
    fclose(in);
  } else {
    close(fds[0]);
  }

  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0) {
    if (errno != EINTR) {
      return -1;
    }
  }
  const int code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
  return in && (code == 0 || code == 1) ? code : -1;
}

KgStatus
kg_git_diff_text(const KgCli* const          cli,
                 const KgDiffOperands* const ops,
                 FILE* const                 out,
                 bool* const                 differ)
{
  *differ     = true;
  KgStatus st = kg_git_diff_header(ops, out);
  if (st) {
    return st;
  }

  bool      wrote = false;
  const int code  = run_git_diff(ops, out, &st, &wrote);
  if (code >= 0 || st) {
    *differ = code != 0;
    return st;
  }

  // Without git's diff, say at least that the files differ, if nothing of
  // git's diff was written yet
  kg_progress_clear(cli->progress);
  fputs("kgraph: warning: cannot run 'git diff --no-index'\n", cli->err);
  if (!wrote) {
    st = write_path(out, "Files a/", ops->paths[0], " and ") &&
             write_path(out, "b/", ops->paths[1], " differ\n")
           ? KG_SUCCESS
           : KG_BAD_WRITE;
  }
  return st;
}
