// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Runs what the fuzzers run (fuzz_one.h, fuzz_shapes.h) on files, without
// libFuzzer: the inputs that once crashed kgraph (regressions/SYNTAX/...),
// the programs of fuzz_shapes (in a directory named shapes/, with no RDF
// extension), the patches of fuzz_patch (in a directory named patch/) and
// the W3C suites the fuzzers start from.
//
//   replay PATH...
//
// A directory is read recursively.  A file's syntax comes from its
// extension, or under regressions/, from the name of its directory.

#include "fuzz_one.h"
#include "fuzz_patch.h"
#include "fuzz_shapes.h"

#include <kgraph/kgraph.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static unsigned n_files = 0U;

/// Copy the name of the directory of `path` into `name` (empty if none).
static void
directory_of(const char* const path, char name[32])
{
  name[0]                 = '\0';
  const char* const slash = strrchr(path, '/');
  if (!slash || slash == path) {
    return;
  }
  const char* dir = slash - 1;
  while (dir > path && dir[-1] != '/') {
    --dir;
  }
  const size_t len = (size_t)(slash - dir);
  if (len < 32U) {
    memcpy(name, dir, len);
    name[len] = '\0';
  }
}

/// Return the syntax of the file at `path`.
static KgSyntax
syntax_of(const char* const path)
{
  const KgSyntax by_name = kg_syntax_by_path(path);
  if (by_name) {
    return by_name;
  }

  // regressions/SYNTAX/crash-...: the directory names the syntax
  char name[32];
  directory_of(path, name);
  return kg_syntax_by_name(name);
}

static int
replay_file(const char* const path)
{
  char dir[32];
  directory_of(path, dir);
  const bool     shapes = !strcmp(dir, "shapes") && !kg_syntax_by_path(path);
  const bool     patch  = !strcmp(dir, "patch") && !kg_syntax_by_path(path);
  const KgSyntax syntax = (shapes || patch) ? KG_SYNTAX_NONE : syntax_of(path);
  if (!shapes && !patch && !kg_syntax_can_read(syntax)) {
    return 0;
  }

  FILE* const file = fopen(path, "rb");
  if (!file) {
    fprintf(stderr, "cannot read %s\n", path);
    return 1;
  }

  char*  data = NULL;
  size_t len  = 0U;
  size_t cap  = 0U;
  for (;;) {
    if (len == cap) {
      cap              = cap ? cap * 2U : 65536U;
      char* const more = (char*)realloc(data, cap);
      if (!more) {
        free(data);
        fclose(file);
        return 1;
      }
      data = more;
    }
    const size_t n = fread(data + len, 1U, cap - len, file);
    if (!n) {
      break;
    }
    len += n;
  }
  fclose(file);

  ++n_files;
  if (shapes) {
    kg_shapes_one((const uint8_t*)data, len);
  } else if (patch) {
    kg_patch_one((const uint8_t*)data, len);
  } else {
    kg_fuzz_one(syntax, (const uint8_t*)data, len);
  }
  free(data);
  return 0;
}

static int
replay(const char* const path)
{
  struct stat st;
  if (stat(path, &st)) {
    fprintf(stderr, "cannot find %s\n", path);
    return 1;
  }
  if (!S_ISDIR(st.st_mode)) {
    return replay_file(path);
  }

  DIR* const dir = opendir(path);
  if (!dir) {
    fprintf(stderr, "cannot read directory %s\n", path);
    return 1;
  }

  int            status = 0;
  struct dirent* entry  = NULL;
  while (!status && (entry = readdir(dir))) {
    if (entry->d_name[0] == '.') {
      continue;
    }
    const size_t len   = strlen(path) + strlen(entry->d_name) + 2U;
    char* const  child = (char*)malloc(len);
    if (!child) {
      status = 1;
      break;
    }
    snprintf(child, len, "%s/%s", path, entry->d_name);
    status = replay(child);
    free(child);
  }
  closedir(dir);
  return status;
}

int
main(int argc, char** argv)
{
  int status = 0;
  for (int i = 1; i < argc && !status; ++i) {
    status = replay(argv[i]);
  }
  printf("replayed %u files\n", n_files);
  return status;
}
