// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kg_file_replace_open(), _commit() and _abort(): a file written as a
// shell's `>` would write it, but atomically.

#include "../support/tmp_dir.h"

#include "../support/dir_entries.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/// Return `dir`/`name` in `buf` of 256 bytes.
static const char*
in_dir(const char* const dir, const char* const name, char* const buf)
{
  cr_assert_lt(snprintf(buf, 256U, "%s/%s", dir, name), 256);
  return buf;
}

/// Write `text` into a new file at `path`, with mode `mode`.
static void
put(const char* const path, const char* const text, const mode_t mode)
{
  FILE* const f = fopen(path, "wb");
  cr_assert_not_null(f);
  cr_assert_eq(fputs(text, f) >= 0, true);
  cr_assert_eq(fclose(f), 0);
  cr_assert_eq(chmod(path, mode), 0);
}

/// Assert that the file at `path` holds `text`.
static void
assert_holds(const char* const path, const char* const text)
{
  char        buf[256] = {0};
  FILE* const f        = fopen(path, "rb");
  cr_assert_not_null(f, "cannot open '%s'", path);
  const size_t n = fread(buf, 1U, sizeof(buf) - 1U, f);
  fclose(f);
  buf[n] = '\0';
  cr_assert_str_eq(buf, text);
}

/// Write `text` through `file` and put it in place.  @return as commit.
static int
write_commit(KgFileReplace* const file, const char* const text)
{
  const size_t len = strlen(text);
  cr_assert_eq(write(file->fd, text, len), (ssize_t)len);
  cr_assert_eq(kg_file_replace_close(file), 0);
  return kg_file_replace_commit(file);
}

Test(file_replace, new_file_beside_its_target)
{
  char dir[64];
  char path[256];
  cr_assert_not_null(kg_tmp_dir("kgraph-replace", dir, sizeof(dir)));
  in_dir(dir, "out.nt", path);

  KgFileReplace file;
  cr_assert_eq(kg_file_replace_open(&file, path), 0);
  cr_assert_not_null(file.tmp_path);
  cr_assert_eq(strncmp(file.tmp_path, dir, strlen(dir)), 0);
  cr_assert_eq(file.tmp_path[strlen(dir)], '/');
  cr_assert(!file.direct && !file.in_place);
  cr_assert_eq(kg_n_entries(dir), 1U);
  cr_assert_neq(access(path, F_OK), 0); // Not there until committed

  cr_assert_eq(write_commit(&file, "new\n"), 0);
  assert_holds(path, "new\n");
  cr_assert_eq(kg_n_entries(dir), 1U);
  cr_assert_null(file.tmp_path);
  cr_assert_null(file.target);
  cr_assert_eq(file.fd, -1);

  // As the shell creates a file
  const mode_t mask = umask(0);
  umask(mask);
  struct stat st;
  cr_assert_eq(stat(path, &st), 0);
  cr_assert_eq(st.st_mode & 0777, 0666 & ~mask);
}

Test(file_replace, keeps_mode_and_replaces_by_rename)
{
  char dir[64];
  char path[256];
  cr_assert_not_null(kg_tmp_dir("kgraph-replace", dir, sizeof(dir)));
  put(in_dir(dir, "out.nt", path), "old\n", 0640);
  struct stat before;
  cr_assert_eq(stat(path, &before), 0);

  KgFileReplace file;
  cr_assert_eq(kg_file_replace_open(&file, path), 0);
  cr_assert(!file.in_place);
  cr_assert_eq(write_commit(&file, "new\n"), 0);

  struct stat after;
  cr_assert_eq(stat(path, &after), 0);
  assert_holds(path, "new\n");
  cr_assert_eq(after.st_mode & 0777, 0640);
  cr_assert_neq(after.st_ino, before.st_ino); // A new file, renamed over
  cr_assert_eq(kg_n_entries(dir), 1U);
}

Test(file_replace, abort_leaves_the_old_file)
{
  char dir[64];
  char path[256];
  cr_assert_not_null(kg_tmp_dir("kgraph-replace", dir, sizeof(dir)));
  put(in_dir(dir, "out.nt", path), "old\n", 0644);

  KgFileReplace file;
  cr_assert_eq(kg_file_replace_open(&file, path), 0);
  cr_assert_eq(write(file.fd, "half", 4U), 4);
  cr_assert_eq(kg_n_entries(dir), 2U);
  kg_file_replace_abort(&file);
  assert_holds(path, "old\n");
  cr_assert_eq(kg_n_entries(dir), 1U);
  cr_assert_null(file.tmp_path);
  cr_assert_eq(file.fd, -1);
}

Test(file_replace, follows_symbolic_links)
{
  char dir[64];
  char path[256];
  char link[256];
  char link2[256];
  cr_assert_not_null(kg_tmp_dir("kgraph-replace", dir, sizeof(dir)));
  put(in_dir(dir, "real.nt", path), "old\n", 0600);
  cr_assert_eq(symlink("real.nt", in_dir(dir, "link.nt", link)), 0);
  cr_assert_eq(symlink("link.nt", in_dir(dir, "link2.nt", link2)), 0);

  KgFileReplace file;
  cr_assert_eq(kg_file_replace_open(&file, link2), 0);
  cr_assert_str_eq(file.target, path);
  cr_assert_eq(write_commit(&file, "new\n"), 0);

  struct stat st;
  cr_assert_eq(lstat(link2, &st), 0);
  cr_assert(S_ISLNK(st.st_mode));
  cr_assert_eq(lstat(link, &st), 0);
  cr_assert(S_ISLNK(st.st_mode));
  assert_holds(path, "new\n");
  cr_assert_eq(stat(path, &st), 0);
  cr_assert_eq(st.st_mode & 0777, 0600);
}

Test(file_replace, dangling_link_creates_its_target)
{
  char dir[64];
  char path[256];
  char link[256];
  cr_assert_not_null(kg_tmp_dir("kgraph-replace", dir, sizeof(dir)));
  in_dir(dir, "new.nt", path);
  cr_assert_eq(symlink("new.nt", in_dir(dir, "link.nt", link)), 0);

  KgFileReplace file;
  cr_assert_eq(kg_file_replace_open(&file, link), 0);
  cr_assert_eq(write_commit(&file, "new\n"), 0);
  struct stat st;
  cr_assert_eq(lstat(link, &st), 0);
  cr_assert(S_ISLNK(st.st_mode));
  assert_holds(path, "new\n");
}

Test(file_replace, hard_links_are_copied_into)
{
  char dir[64];
  char path[256];
  char other[256];
  cr_assert_not_null(kg_tmp_dir("kgraph-replace", dir, sizeof(dir)));
  put(in_dir(dir, "a.nt", path), "old\n", 0640);
  cr_assert_eq(link(path, in_dir(dir, "b.nt", other)), 0);
  struct stat before;
  cr_assert_eq(stat(path, &before), 0);

  KgFileReplace file;
  cr_assert_eq(kg_file_replace_open(&file, path), 0);
  cr_assert(file.in_place);
  cr_assert_eq(write_commit(&file, "new, longer\n"), 0);

  struct stat after;
  cr_assert_eq(stat(path, &after), 0);
  cr_assert_eq(after.st_ino, before.st_ino);
  cr_assert_eq(after.st_nlink, 2U);
  cr_assert_eq(after.st_mode & 0777, 0640);
  assert_holds(other, "new, longer\n");
  cr_assert_eq(kg_n_entries(dir), 2U);
}

Test(file_replace, a_device_is_written_as_it_is)
{
  KgFileReplace file;
  cr_assert_eq(kg_file_replace_open(&file, "/dev/null"), 0);
  cr_assert(file.direct);
  cr_assert_null(file.tmp_path);
  cr_assert_eq(write_commit(&file, "gone\n"), 0);
  struct stat st;
  cr_assert_eq(stat("/dev/null", &st), 0);
  cr_assert(S_ISCHR(st.st_mode));
}

Test(file_replace, errors_leave_nothing)
{
  char dir[64];
  char path[256];
  cr_assert_not_null(kg_tmp_dir("kgraph-replace", dir, sizeof(dir)));

  KgFileReplace file;
  cr_assert_eq(kg_file_replace_open(&file, in_dir(dir, "no/such.nt", path)),
               ENOENT);
  cr_assert_null(file.target);
  cr_assert_null(file.tmp_path);
  cr_assert_eq(file.fd, -1);

  // A loop of links
  char a[256];
  char b[256];
  cr_assert_eq(symlink("b", in_dir(dir, "a", a)), 0);
  cr_assert_eq(symlink("a", in_dir(dir, "b", b)), 0);
  cr_assert_eq(kg_file_replace_open(&file, a), ELOOP);
  cr_assert_eq(kg_n_entries(dir), 2U);

  if (geteuid()) { // Not root, who may write anything
    put(in_dir(dir, "ro.nt", path), "old\n", 0444);
    cr_assert_eq(kg_file_replace_open(&file, path), EACCES);
    assert_holds(path, "old\n");
    cr_assert_eq(kg_n_entries(dir), 3U);
  }
}

Test(file_replace, writable_file_in_a_closed_directory)
{
  if (!geteuid()) {
    cr_skip_test("root may create files in any directory");
  }
  char dir[64];
  char path[256];
  cr_assert_not_null(kg_tmp_dir("kgraph-replace", dir, sizeof(dir)));
  put(in_dir(dir, "out.nt", path), "old\n", 0644);
  cr_assert_eq(chmod(dir, 0555), 0);

  KgFileReplace file;
  const int     err = kg_file_replace_open(&file, path);
  cr_assert_eq(err, 0);
  cr_assert(file.in_place);
  cr_assert_null(file.tmp_path);
  const int committed = write_commit(&file, "new\n");
  cr_assert_eq(chmod(dir, 0755), 0);
  cr_assert_eq(committed, 0);
  assert_holds(path, "new\n");
  cr_assert_eq(kg_n_entries(dir), 1U);
}
