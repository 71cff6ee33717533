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

/**
   Create a new file beside `target`, named in `tmp` (of `size` bytes), with
   the mode of `target` if it exists, else as open() makes a file (0666 less
   the umask).

   @return Its file descriptor, or -1 with `errno` set.
*/
static int
open_tmp(const char* const target, char* const tmp, const size_t size)
{
  const size_t dir = dir_len(target);
  struct stat  st;
  const bool   exists = !stat(target, &st);

  memcpy(tmp, target, dir);
  for (unsigned i = 0U; i < MAX_TRIES; ++i) {
    const int n =
      snprintf(tmp + dir, size - dir, TMP_FORMAT, (long)getpid(), i);
    if (n < 0 || (size_t)n >= size - dir) {
      errno = ENAMETOOLONG;
      return -1;
    }

    const int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      if (exists && fchmod(fd, st.st_mode & 0777)) {
        const int err = errno;
        close(fd);
        (void)unlink(tmp);
        errno = err;
        return -1;
      }
      return fd;
    }
    if (errno != EEXIST) {
      return -1;
    }
  }
  errno = EEXIST;
  return -1;
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

/// Write `graph` into the temporary file `fd`, flush it to disk, and close
/// it.
static KgStatus
write_tmp(const KgGraph* const        graph,
          const int                   fd,
          const char* const           path,
          const KgWriteOptions* const options)
{
  const cookie_io_functions_t io     = {NULL, sink_write, NULL, NULL};
  Sink                        sink   = {fd, 0};
  FILE* const                 stream = fopencookie(&sink, "wb", io);
  if (!stream) {
    close(fd);
    return KG_BAD_ALLOC;
  }

  KgStatus st = kg_graph_write(graph, stream, options);
  if (!st && fflush(stream)) {
    st = KG_BAD_WRITE;
  }
  if (fclose(stream) && !st) {
    st = KG_BAD_WRITE;
  }
  if (!st && fsync(fd)) {
    sink.error = errno;
    st         = KG_BAD_WRITE;
  }
  if (close(fd) && !st) {
    sink.error = errno;
    st         = KG_BAD_WRITE;
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

  char* const target = kg_file_target(path);
  if (!target) {
    return errno == ENOMEM ? KG_BAD_ALLOC : cannot_write(&opts, path, errno);
  }

  const size_t size = strlen(target) + TMP_ROOM;
  char* const  tmp  = (char*)kg_malloc(size);
  if (!tmp) {
    kg_free(target);
    return KG_BAD_ALLOC;
  }

  KgStatus  st = KG_SUCCESS;
  const int fd = open_tmp(target, tmp, size);
  if (fd < 0) {
    st = cannot_write(&opts, path, errno);
    goto done;
  }

  if ((st = write_tmp(graph, fd, path, &opts))) {
    (void)unlink(tmp);
    goto done;
  }

  if (rename(tmp, target)) {
    st = cannot_write(&opts, path, errno);
    (void)unlink(tmp);
  }

done:
  kg_free(tmp);
  kg_free(target);
  return st;
}
