// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Running kg_cli_main() in tests, and small file helpers.

#ifndef KG_TESTS_CLI_SUPPORT_H
#define KG_TESTS_CLI_SUPPORT_H

#include "progress.h"

#include <stdbool.h>

/// What a run of kg_cli_main() gave.
typedef struct {
  int   status; ///< Exit status
  char* out;    ///< Standard output (free with run_free())
  char* err;    ///< Standard error
} Run;

/// Run `kgraph ARGS...` (a NULL-terminated list) and capture its streams.
Run
run(const char* first, ...);

/// Run `kgraph ARGS...` as run() does, with its streams seen as `terminal`
/// says (kg_cli_run()).
Run
run_on(const KgTerminal* terminal, const char* first, ...);

/// Run `kgraph ARGS...` as run() does, with the arguments in `args`, a
/// NULL-terminated array.
Run
run_args(const char* const* args);

/// Free what a run captured.
void
run_free(Run* r);

/// Make a fresh temporary directory; the name stays valid for the process.
const char*
tmp_dir(void);

/// Return `dir/name` (one of a few static buffers).
const char*
path_in(const char* dir, const char* name);

/// Write `text` to a new file at `path`.
void
write_file(const char* path, const char* text);

/// Return the content of the file at `path` (free()), or NULL.
char*
read_file(const char* path);

/// Return true iff `path` exists.
bool
exists(const char* path);

/// Return a fresh string like sprintf() (free()).
char*
format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

/// Return the path of `name` in the test data (tests/data/NAME).
const char*
data_path(const char* name);

#endif // KG_TESTS_CLI_SUPPORT_H
