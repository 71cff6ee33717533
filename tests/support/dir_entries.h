// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// How many entries a directory has: what a test leaves behind.

#ifndef KG_TESTS_DIR_ENTRIES_H
#define KG_TESTS_DIR_ENTRIES_H

#include <dirent.h>
#include <limits.h>
#include <string.h>

/// Return the number of entries in `dir`, but for "." and "..", or
/// UINT_MAX if it cannot be read.
static inline unsigned
kg_n_entries(const char* const dir)
{
  DIR* const d = opendir(dir);
  if (!d) {
    return UINT_MAX;
  }
  unsigned n = 0U;
  for (const struct dirent* e; (e = readdir(d));) {
    n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
  }
  closedir(d);
  return n;
}

#endif // KG_TESTS_DIR_ENTRIES_H
