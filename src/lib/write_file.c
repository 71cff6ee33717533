// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Writing a graph to a named file, atomically: into a new file beside it,
// renamed over it once everything is written and on disk, so that an error
// (a full disk, a graph the syntax cannot hold) leaves the old file as it
// was and no half-written one.

#define _GNU_SOURCE // fopencookie()

#include "alloc.h"
#include "log.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/// The most symbolic links followed from a path, as Linux does.
#define MAX_LINKS 40U

/// The most names tried for the temporary file before giving up.
#define MAX_TRIES 1000U

/// The name of the temporary file, after the directory of the target.
#define TMP_FORMAT ".kgraph.%ld.%u"

/// The room that TMP_FORMAT needs for a pid and a try.
#define TMP_ROOM 48U

/// Return the length of the directory part of `path`, with its slash.
static size_t
dir_len(const char* const path)
{
  const char* const slash = strrchr(path, '/');
  return slash ? (size_t)(slash - path) + 1U : 0U;
}

char*
kg_file_target(const char* const path)
{
  char* cur = kg_strndup(path, strlen(path));
  for (unsigned n = 0U; cur; ++n) {
    struct stat st;
    if (lstat(cur, &st) || !S_ISLNK(st.st_mode)) {
      return cur; // Opening it will say what is wrong, if anything
    }

    char          link[PATH_MAX];
    const ssize_t len = readlink(cur, link, sizeof(link));
    if (n == MAX_LINKS || len < 0 || (size_t)len >= sizeof(link)) {
      const int err = n == MAX_LINKS ? ELOOP : len < 0 ? errno : ENAMETOOLONG;
      kg_free(cur);
      errno = err;
      return NULL;
    }

    // A relative link is relative to the directory of the link
    const size_t dir  = link[0] == '/' ? 0U : dir_len(cur);
    char* const  next = (char*)kg_malloc(dir + (size_t)len + 1U);
    if (next) {
      memcpy(next, cur, dir);
      memcpy(next + dir, link, (size_t)len);
      next[dir + (size_t)len] = '\0';
    }
    kg_free(cur);
    cur = next;
  }
  errno = ENOMEM;
  return NULL;
}

/// Clear `file`, which holds nothing.
static void
forget(KgFileReplace* const file)
{
  file->fd       = -1;
  file->target   = NULL;
  file->tmp_path = NULL;
  file->direct   = false;
  file->in_place = false;
}

/**
   Create the new file of `file` beside its target, with the mode and owner
   of the target that `st` (if `exists`) describes, else as open() makes a
   file (0666 less the umask).  @return 0 or an errno value.
*/
static int
open_tmp(KgFileReplace* const file, const bool exists, const struct stat* st)
{
  const char* const target = file->target;
  const size_t      dir    = dir_len(target);
  const size_t      size   = dir + TMP_ROOM;
  char* const       tmp    = (char*)kg_malloc(size);
  if (!tmp) {
    return ENOMEM;
  }

  memcpy(tmp, target, dir);
  int fd = -1;
  for (unsigned i = 0U; fd < 0 && i < MAX_TRIES; ++i) {
    const int n =
      snprintf(tmp + dir, size - dir, TMP_FORMAT, (long)getpid(), i);
    if (n < 0 || (size_t)n >= size - dir) {
      kg_free(tmp);
      return ENAMETOOLONG;
    }
    // Private while it is written if it replaces a file, or is copied into
    fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, exists ? 0600 : 0666);
    if (fd < 0 && errno != EEXIST) {
      break;
    }
  }
  if (fd < 0) {
    const int err = errno;
    kg_free(tmp);
    return err;
  }

  if (exists && !file->in_place) {
    // As the file it replaces (the owner only where permitted; set-user-ID
    // and set-group-ID bits are dropped, as writing to the file drops them)
    if (fchown(fd, st->st_uid, st->st_gid)) {
      // Not permitted: the file becomes the user's
    }
    if (fchmod(fd, st->st_mode & 0777)) {
      const int err = errno;
      close(fd);
      (void)unlink(tmp);
      kg_free(tmp);
      return err;
    }
  }
  file->fd       = fd;
  file->tmp_path = tmp;
  return 0;
}

/// Open a file without a name for `file`, to be copied into its target,
/// which a shell could write but in a directory where no file can be made.
static int
open_unnamed(KgFileReplace* const file)
{
  FILE* const tmp = tmpfile();
  const int   fd  = tmp ? fcntl(fileno(tmp), F_DUPFD_CLOEXEC, 0) : -1;
  const int   err = errno;
  if (tmp) {
    fclose(tmp);
  }
  if (fd < 0) {
    return err;
  }
  file->fd       = fd;
  file->in_place = true;
  return 0;
}

int
kg_file_replace_open(KgFileReplace* const file, const char* const path)
{
  forget(file);
  if (!(file->target = kg_file_target(path))) {
    return errno;
  }

  int         err = 0;
  struct stat st;
  const bool  exists = !stat(file->target, &st);
  if (exists && !S_ISREG(st.st_mode)) {
    // A device or a pipe (/dev/stdout, a FIFO) is written as it is: renaming
    // a file over it would replace it
    file->direct = true;
    if ((file->fd = open(file->target, O_WRONLY | O_TRUNC | O_CLOEXEC)) < 0) {
      err = errno;
    }
  } else if (exists && faccessat(AT_FDCWD, file->target, W_OK, AT_EACCESS)) {
    err = errno; // A file that `>` could not write is not replaced either
  } else {
    // Renaming over a file with other names would part it from them
    file->in_place = exists && st.st_nlink > 1;
    err            = open_tmp(file, exists, &st);
    if (err == EACCES && exists) {
      err = open_unnamed(file);
    }
  }

  if (err) {
    kg_free(file->target);
    forget(file);
  }
  return err;
}

/// Close the file descriptor of `file`.  @return 0, or the errno of close().
static int
close_fd(KgFileReplace* const file)
{
  if (file->fd < 0) {
    return 0;
  }
  const int r = close(file->fd);
  file->fd    = -1;
  return r ? errno : 0;
}

int
kg_file_replace_close(KgFileReplace* const file)
{
  if (file->fd < 0 || file->in_place) {
    return 0; // Copied from at the end: the copy is flushed to disk
  }
  if (!file->direct && fsync(file->fd)) {
    return errno;
  }
  return close_fd(file);
}

/// Copy what was written to the file descriptor of `file` into its target.
/// @return 0, or an errno value.
static int
copy_into_target(const KgFileReplace* const file)
{
  const int to = open(file->target, O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (to < 0) {
    return errno;
  }

  int  err = 0;
  char buf[65536];
  if (lseek(file->fd, 0, SEEK_SET) < 0) {
    err = errno;
  }
  for (ssize_t n = 0; !err && (n = read(file->fd, buf, sizeof(buf))) != 0;) {
    if (n < 0) {
      err = errno == EINTR ? 0 : errno;
      continue;
    }
    for (ssize_t done = 0; !err && done < n;) {
      const ssize_t w = write(to, buf + done, (size_t)(n - done));
      if (w < 0) {
        err = errno == EINTR ? 0 : errno;
      } else {
        done += w;
      }
    }
  }

  if (!err && fsync(to)) {
    err = errno;
  }
  if (close(to) && !err) {
    err = errno;
  }
  return err;
}

int
kg_file_replace_commit(KgFileReplace* const file)
{
  const bool copied = file->in_place;
  int        err    = copied ? copy_into_target(file) : 0;
  file->in_place    = false;
  const int closed  = copied ? close_fd(file) : kg_file_replace_close(file);
  err               = err ? err : closed;
  if (!err && !copied && file->tmp_path) {
    if (rename(file->tmp_path, file->target)) {
      err = errno;
    } else {
      kg_free(file->tmp_path); // Nothing left to remove
      file->tmp_path = NULL;
    }
  }
  kg_file_replace_abort(file);
  return err;
}

void
kg_file_replace_abort(KgFileReplace* const file)
{
  if (file->fd >= 0) {
    close(file->fd);
  }
  if (file->tmp_path) {
    (void)unlink(file->tmp_path);
  }
  kg_free(file->tmp_path);
  kg_free(file->target);
  forget(file);
}

/// Report that `path` cannot be written because of `err` (0: unknown).
static KgStatus
cannot_write(const KgWriteOptions* const options,
             const char* const           path,
             const int                   err)
{
  kg_log(&options->log,
         KG_LOG_ERROR,
         KG_NO_CARET,
         "cannot write '%s': %s",
         path,
         err ? strerror(err) : "write error");
  return KG_BAD_WRITE;
}

/// The temporary file, written through its file descriptor so that the
/// reason of a failed write is known.
typedef struct {
  int fd;    ///< The temporary file
  int error; ///< The errno of the first failed write, or 0
} Sink;

static ssize_t
sink_write(void* const cookie, const char* const buf, const size_t size)
{
  Sink* const sink = (Sink*)cookie;
  for (size_t done = 0U; done < size;) {
    const ssize_t n = write(sink->fd, buf + done, size - done);
    if (n < 0 && errno != EINTR) {
      sink->error = sink->error ? sink->error : errno;
      return (ssize_t)done; // Less than `size`: an error for the stream
    }
    done += n > 0 ? (size_t)n : 0U;
  }
  return (ssize_t)size;
}

/// Write `graph` into `file`, flush it to disk, and close it.
static KgStatus
write_tmp(const KgGraph* const        graph,
          KgFileReplace* const        file,
          const char* const           path,
          const KgWriteOptions* const options)
{
  const cookie_io_functions_t io     = {NULL, sink_write, NULL, NULL};
  Sink                        sink   = {file->fd, 0};
  FILE* const                 stream = fopencookie(&sink, "wb", io);
  if (!stream) {
    return KG_BAD_ALLOC;
  }

  KgStatus st = kg_graph_write(graph, stream, options);
  if (!st && fflush(stream)) {
    st = KG_BAD_WRITE;
  }
  if (fclose(stream) && !st) {
    st = KG_BAD_WRITE;
  }
  if (!st && (sink.error = kg_file_replace_close(file))) {
    st = KG_BAD_WRITE;
  }
  return st == KG_BAD_WRITE ? cannot_write(options, path, sink.error) : st;
}

KgStatus
kg_graph_write_file(const KgGraph* const        graph,
                    const char* const           path,
                    const KgWriteOptions* const options)
{
  static const KgWriteOptions defaults = {
    KG_SYNTAX_NONE, {NULL, NULL}, 0U, NULL};
  if (!graph || !path) {
    return KG_BAD_ARG;
  }

  KgWriteOptions opts = options ? *options : defaults;
  if (!opts.syntax && !(opts.syntax = kg_syntax_by_path(path))) {
    kg_log(&opts.log,
           KG_LOG_ERROR,
           KG_NO_CARET,
           "cannot tell the syntax of '%s' from its extension",
           path);
    return KG_BAD_ARG;
  }
  if (!kg_syntax_can_write(opts.syntax)) {
    kg_log(&opts.log,
           KG_LOG_ERROR,
           KG_NO_CARET,
           "cannot write %s",
           kg_syntax_label(opts.syntax));
    return KG_BAD_ARG;
  }

  KgFileReplace file;
  const int     err = kg_file_replace_open(&file, path);
  if (err) {
    return err == ENOMEM ? KG_BAD_ALLOC : cannot_write(&opts, path, err);
  }

  KgStatus st = write_tmp(graph, &file, path, &opts);
  if (st) {
    kg_file_replace_abort(&file);
  } else {
    const int r = kg_file_replace_commit(&file);
    st          = r ? cannot_write(&opts, path, r) : KG_SUCCESS;
  }
  return st;
}
