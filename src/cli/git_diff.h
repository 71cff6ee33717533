// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_CLI_GIT_DIFF_H
#define KG_CLI_GIT_DIFF_H

#include "cli.h"

#include <kgraph/kgraph.h>

#include <stdbool.h>
#include <stdio.h>

/**
   The operands of `kgraph diff`: OLD NEW, or what git passes.

   git's external diff (GIT_EXTERNAL_DIFF, or a `diff.NAME.command` that
   .gitattributes selects) gets seven operands, PATH OLD-FILE OLD-HEX
   OLD-MODE NEW-FILE NEW-HEX NEW-MODE, and nine for a rename or a copy,
   NEW-PATH and XFRM-INFO after them.  `git difftool` runs its command
   with two, LOCAL REMOTE, and GIT_DIFF_PATH_TOTAL in the environment.
*/
typedef struct {
  char*       files[2]; ///< OLD-FILE and NEW-FILE ("/dev/null": no file)
  const char* paths[2]; ///< Their paths in the repository (NULL: none)
  bool        git;      ///< Run by git: show every file, fail on none
  bool        external; ///< git's external diff: exit 0 when they differ
} KgDiffOperands;

/**
   Set `ops` from the `n` operands of `kgraph diff`.

   @return -1 to go on, or the exit status of a usage error (reported).
*/
int
kg_git_diff_operands(const KgCli*    cli,
                     int             n,
                     char**          operands,
                     KgDiffOperands* ops);

/// Return true iff kgraph can tell the syntax of both files of `ops`, read
/// as `from` (KG_SYNTAX_NONE: from their names).
bool
kg_git_diff_is_rdf(const KgDiffOperands* ops, KgSyntax from);

/// Write the header of a file's difference, `diff --kgraph a/PATH b/PATH`,
/// when git runs kgraph.  @return KG_SUCCESS or KG_BAD_WRITE.
KG_NODISCARD KgStatus
kg_git_diff_header(const KgDiffOperands* ops, FILE* out);

/**
   Say on standard error, in one line, that the files of `ops` are shown as
   text because `why`.
*/
void
kg_git_diff_note(const KgCli* cli, const KgDiffOperands* ops, const char* why);

/**
   Write the files of `ops` to `out` as a unified text diff, headed as git
   heads its own (kg_git_diff_header(), then `--- a/PATH` and `+++ b/PATH`),
   as `git diff --no-index` compares them.  If git cannot be run, write
   only that the files differ.

   @param[out] differ Set to true iff the files differ.
   @return KG_SUCCESS or KG_BAD_WRITE.
*/
KG_NODISCARD KgStatus
kg_git_diff_text(const KgCli*          cli,
                 const KgDiffOperands* ops,
                 FILE*                 out,
                 bool*                 differ);

#endif // KG_CLI_GIT_DIFF_H
