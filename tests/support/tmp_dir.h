// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Temporary directories for tests, removed with all in them when the
// process ends (each Criterion test is a process of its own).  Include it
// first: nftw() needs _XOPEN_SOURCE.

#ifndef KG_TESTS_TMP_DIR_H
#define KG_TESTS_TMP_DIR_H

#ifndef _XOPEN_SOURCE
#  define _XOPEN_SOURCE 700 // nftw()
#endif

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/// The most directories removed at exit; later ones are left.
#define KG_TMP_DIRS 64

/// The directories made in this process.
static char kg_tmp_dirs[KG_TMP_DIRS][64];
static int  kg_n_tmp_dirs = 0;

/// Remove one entry of a directory being removed (for nftw()).
static inline int
kg_tmp_remove_entry(const char* const        path,
                    const struct stat* const st,
                    const int                flag,
                    struct FTW* const        ftw)
{
  (void)st;
  (void)flag;
  (void)ftw;
  remove(path);
  return 0;
}

/// Remove the directories made in this process, and all in them.
static inline void
kg_tmp_remove_all(void)
{
  for (int i = 0; i < kg_n_tmp_dirs; ++i) {
    nftw(kg_tmp_dirs[i], kg_tmp_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  }
  kg_n_tmp_dirs = 0;
}

/**
   Make a new directory `/tmp/PREFIX-XXXXXX` into `dir` (`size` bytes), to
   be removed when the process ends.  @return `dir`, or NULL.
*/
static inline char*
kg_tmp_dir(const char* const prefix, char* const dir, const size_t size)
{
  snprintf(dir, size, "/tmp/%s-XXXXXX", prefix);
  if (!mkdtemp(dir)) {
    return NULL;
  }
  if (kg_n_tmp_dirs < KG_TMP_DIRS && strlen(dir) < sizeof(kg_tmp_dirs[0])) {
    if (!kg_n_tmp_dirs) {
      atexit(kg_tmp_remove_all);
    }
    memcpy(kg_tmp_dirs[kg_n_tmp_dirs++], dir, strlen(dir) + 1U);
  }
  return dir;
}

#endif // KG_TESTS_TMP_DIR_H
