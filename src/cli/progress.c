// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The progress line.  The library has no progress hook, so what is counted
// is what the command line sees: the bytes of the streams it gives the
// library (wrapped with fopencookie()), the size of the graph being read,
// and the phases between library calls.  A phase inside one library call
// (sorting, matching blank nodes) shows what it works on and the time it
// has taken, redrawn every second by a thread (the ticker), not how far it
// is.  Only one thread draws at a time: every function here stops the
// ticker first, and the command line clears the line (so stops the ticker)
// before it prints anything else.  Counting costs one clock read per 64 KiB
// read or written; a file name is shown with its control characters as '?'.

#define _GNU_SOURCE // fopencookie()

#include "progress.h"

#include <kgraph/kgraph.h>

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

/// Bytes between two looks at the clock, and the buffer of counted streams.
#define CHUNK ((size_t)64U * 1024U)

/// The rate is shown once a phase ran this long (seconds).
#define MIN_RATE_TIME 0.5

/// The fewest columns of a name that is cut to make the line fit.
#define MIN_NAME_WIDTH 12U

static double
now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
kg_progress_init(KgProgress* const       progress,
                 FILE* const             err,
                 const KgTerminal* const terminal)
{
  memset(progress, 0, sizeof(*progress));
  progress->err      = err;
  progress->terminal = *terminal;
  progress->start    = now();
  // The last column is left empty: some terminals wrap when it is written
  progress->max_width =
    !terminal->columns                            ? KG_PROGRESS_MAX_WIDTH
    : terminal->columns > KG_PROGRESS_MAX_COLUMNS ? KG_PROGRESS_MAX_COLUMNS
    : terminal->columns > MIN_NAME_WIDTH + 8U     ? terminal->columns - 1U
                                                  : MIN_NAME_WIDTH + 8U;
  progress->last = progress->start;
  pthread_mutex_init(&progress->lock, NULL);
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&progress->wake, &attr);
  pthread_condattr_destroy(&attr);
}

/// Stop the ticker, if it runs: then the main thread alone draws.
static void
stop_ticker(KgProgress* const progress)
{
  if (progress->ticking) {
    pthread_mutex_lock(&progress->lock);
    progress->stop = true;
    pthread_cond_signal(&progress->wake);
    pthread_mutex_unlock(&progress->lock);
    pthread_join(progress->ticker, NULL);
    progress->ticking = false;
  }
}

void
kg_progress_fini(KgProgress* const progress)
{
  kg_progress_clear(progress);
  pthread_cond_destroy(&progress->wake);
  pthread_mutex_destroy(&progress->lock);
}

void
kg_progress_enable(KgProgress* const progress, const bool quiet)
{
  progress->on = progress->terminal.err_is_terminal && !quiet;
}

void
kg_progress_disable(KgProgress* const progress)
{
  kg_progress_clear(progress);
  progress->on = false;
}

void
kg_progress_clear(KgProgress* const progress)
{
  if (progress) {
    stop_ticker(progress);
  }
  if (progress && progress->width) {
    fprintf(progress->err, "\r%*s\r", progress->width, "");
    fflush(progress->err);
    progress->width = 0;
  }
}

/// Append to `line` (of `size` bytes, `*len` used) what `fmt` gives.
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void
append(char* const       line,
       const size_t      size,
       size_t* const     len,
       const char* const fmt,
       ...)
{
  va_list args;
  va_start(args, fmt);
  const int n = vsnprintf(line + *len, size - *len, fmt, args);
  va_end(args);
  if (n > 0) {
    *len += (size_t)n < size - *len ? (size_t)n : size - *len - 1U;
  }
}

/// Append a number of bytes, as "512 B", "3.1 KiB", "412 MiB", "1.3 GiB".
static void
append_bytes(char* const    line,
             const size_t   size,
             size_t* const  len,
             const uint64_t n)
{
  static const char* const units[] = {"KiB", "MiB", "GiB", "TiB"};
  if (n < 1024U) {
    append(line, size, len, "%u B", (unsigned)n);
    return;
  }

  double   value = (double)n / 1024.0;
  unsigned unit  = 0U;
  while (value >= 1024.0 && unit + 1U < sizeof(units) / sizeof(units[0])) {
    value /= 1024.0;
    ++unit;
  }
  // Three digits are enough, and keep the line's width
  append(
    line, size, len, value < 99.95 ? "%.1f %s" : "%.0f %s", value, units[unit]);
}

/// Append a number of triples: exact below 10,000, then as "271.8k" or
/// "3.1M", so that the line keeps its width as the number grows.
static void
append_triples(char* const   line,
               const size_t  size,
               size_t* const len,
               const size_t  n)
{
  if (n < 10000U) {
    append(line, size, len, "%zu triple%s", n, n == 1U ? "" : "s");
  } else if (n < 999950U) {
    append(line, size, len, "%.1fk triples", (double)n / 1e3);
  } else {
    append(line, size, len, "%.1fM triples", (double)n / 1e6);
  }
}

/// Return the columns that the code point `c` takes on a terminal: two for
/// the wide characters of East Asian scripts, one for others.
static size_t
char_width(const uint32_t c)
{
  return ((c >= 0x1100U && c <= 0x115FU) || (c >= 0x2E80U && c <= 0xA4CFU) ||
          (c >= 0xAC00U && c <= 0xD7A3U) || (c >= 0xF900U && c <= 0xFAFFU) ||
          (c >= 0xFE30U && c <= 0xFE4FU) || (c >= 0xFF00U && c <= 0xFF60U) ||
          (c >= 0xFFE0U && c <= 0xFFE6U) || (c >= 0x1F300U && c <= 0x1F64FU) ||
          (c >= 0x1F900U && c <= 0x1F9FFU) || (c >= 0x20000U && c <= 0x3FFFDU))
           ? 2U
           : 1U;
}

/// Return the columns of the UTF-8 text `s` (of `len` bytes).
static size_t
columns(const char* const s, const size_t len)
{
  const KgStringView text = {s, len};
  size_t             n    = 0U;
  for (size_t i = 0U; i < len;) {
    n += char_width(kg_utf8_next(text, &i));
  }
  return n;
}

/// Keep the first `max` columns of `s` (of `*len` bytes), whole characters.
static void
cut(char* const s, size_t* const len, const size_t max)
{
  const KgStringView text = {s, *len};
  size_t             n    = 0U;
  for (size_t i = 0U; i < *len;) {
    const size_t start = i;
    n += char_width(kg_utf8_next(text, &i));
    if (n > max) {
      *len = start;
      break;
    }
  }
  s[*len] = '\0';
}

/// Return true iff the code point `c` must not reach a terminal: a control
/// character (C0, DEL, C1), a direction mark or override, or no character
/// at all (invalid UTF-8).
static bool
is_hidden(const uint32_t c)
{
  return c < 0x20U || (c >= 0x7FU && c <= 0x9FU) || c == 0x61CU ||
         c == 0x200EU || c == 0x200FU || (c >= 0x202AU && c <= 0x202EU) ||
         (c >= 0x2066U && c <= 0x2069U) || c == 0xFFFFFFFFU;
}

/// Set the shown name: the last part of `path`, with what must not reach a
/// terminal as '?'.
static void
set_name(KgProgress* const progress, const char* const path)
{
  char* const name = progress->name;
  name[0]          = '\0';
  if (!path) {
    return;
  }

  const char* const  slash = strrchr(path, '/');
  const KgStringView base  = kg_sv(slash && slash[1] ? slash + 1 : path);
  size_t             len   = 0U;
  for (size_t i = 0U; i < base.len;) {
    const size_t   start = i;
    const uint32_t c     = kg_utf8_next(base, &i);
    const size_t   n     = is_hidden(c) ? 1U : i - start;
    if (len + n >= sizeof(progress->name)) {
      break;
    }
    if (is_hidden(c)) {
      name[len++] = '?';
    } else {
      memcpy(name + len, base.data + start, n);
      len += n;
    }
  }
  name[len] = '\0';
}

/// Write into `details` what is done: "31% of 1.2 GiB, 3.1M triples,
/// 85.1 MiB/s".  @return its length.
static size_t
describe(const KgProgress* const progress,
         const double            t,
         char* const             details,
         const size_t            size)
{
  size_t      len = 0U;
  const char* sep = "";
  details[0]      = '\0';
  if (progress->bytes && progress->total) {
    const uint64_t done =
      progress->done < progress->total ? progress->done : progress->total;
    append(details,
           size,
           &len,
           "%u%% of ",
           (unsigned)(done * 100U / progress->total));
    append_bytes(details, size, &len, progress->total);
    sep = ", ";
  } else if (progress->bytes) {
    append_bytes(details, size, &len, progress->done);
    sep = ", ";
  }

  const size_t n_triples =
    progress->graph ? kg_graph_size(progress->graph) : progress->n_triples;
  if (progress->graph || n_triples) {
    append(details, size, &len, "%s", sep);
    append_triples(details, size, &len, n_triples);
    sep = ", ";
  }

  const double elapsed = t - progress->phase_start;
  if (progress->bytes && elapsed >= MIN_RATE_TIME) {
    append(details, size, &len, "%s", sep);
    append_bytes(
      details, size, &len, (uint64_t)((double)progress->done / elapsed));
    append(details, size, &len, "/s");
  } else if (!progress->bytes && elapsed >= 1.0) {
    append(details, size, &len, "%s%u s", sep, (unsigned)elapsed);
  }
  return len;
}

/// Draw the line now.
static void
draw(KgProgress* const progress, const double t)
{
  char         details[128];
  const size_t details_len = describe(progress, t, details, sizeof(details));

  // The name gives way, so that the line fits one row: a wrapped line cannot
  // be cleared
  char   name[sizeof(progress->name)];
  size_t name_len = strlen(progress->name);
  memcpy(name, progress->name, name_len + 1U);
  const size_t fixed = strlen("kgraph: ") + strlen(progress->phase) +
                       (name_len ? strlen(" ''") : 0U) +
                       (details_len ? strlen(": ") : 0U) +
                       columns(details, details_len);
  const size_t max = progress->max_width;
  const size_t room =
    fixed < max - MIN_NAME_WIDTH ? max - fixed : MIN_NAME_WIDTH;
  if (columns(name, name_len) > room) {
    cut(name, &name_len, room - 3U);
    memcpy(name + name_len, "...", 4U);
  }

  char   line[512];
  size_t len = 0U;
  append(line, sizeof(line), &len, "kgraph: %s", progress->phase);
  if (name_len) {
    append(line, sizeof(line), &len, " '%s'", name);
  }
  if (details_len) {
    append(line, sizeof(line), &len, ": %s", details);
  }

  size_t width = columns(line, len);
  if (width > max) {
    cut(line, &len, max);
    width = max;
  }

  // Pad over the rest of a longer line drawn before
  const int pad =
    progress->width > (int)width ? progress->width - (int)width : 0;
  fprintf(progress->err, "\r%s%*s", line, pad, "");
  if (pad) {
    fprintf(progress->err, "\r%s", line);
  }
  fflush(progress->err);
  progress->width = (int)width;
  progress->last  = t;
}

/// Draw the line if the command ran long enough, and, unless `force`, the
/// line was not drawn too recently.
static void
update(KgProgress* const progress, const bool force)
{
  if (!progress->on) {
    return;
  }

  const double t = now();
  if (t - progress->start < progress->terminal.delay_ms / 1000.0 ||
      (!force &&
       t - progress->last < progress->terminal.interval_ms / 1000.0)) {
    return;
  }
  draw(progress, t);
}

/// Redraw the line every second until told to stop.
static void*
tick(void* const data)
{
  KgProgress* const progress = (KgProgress*)data;
  pthread_mutex_lock(&progress->lock);
  struct timespec when;
  clock_gettime(CLOCK_MONOTONIC, &when);
  while (!progress->stop) {
    ++when.tv_sec;
    while (!progress->stop &&
           pthread_cond_timedwait(&progress->wake, &progress->lock, &when) !=
             ETIMEDOUT) {
    }
    if (!progress->stop) {
      update(progress, true);
    }
  }
  pthread_mutex_unlock(&progress->lock);
  return NULL;
}

void
kg_progress_phase(KgProgress* const    progress,
                  const char* const    phase,
                  const char* const    name,
                  const bool           bytes,
                  const uint64_t       total,
                  const KgGraph* const graph,
                  const size_t         n_triples)
{
  stop_ticker(progress);
  snprintf(progress->phase, sizeof(progress->phase), "%s", phase);
  set_name(progress, name);
  progress->bytes       = bytes;
  progress->done        = 0U;
  progress->total       = total;
  progress->graph       = graph;
  progress->n_triples   = n_triples;
  progress->phase_start = now();
  update(progress, true);

  if (progress->on && !bytes && !graph) {
    progress->stop = false;
    progress->ticking =
      !pthread_create(&progress->ticker, NULL, tick, progress);
  }
}

void
kg_progress_add(KgProgress* const progress, const uint64_t n)
{
  stop_ticker(progress);
  progress->done += n;
  update(progress, false);
}

void
kg_progress_set(KgProgress* const progress,
                const uint64_t    done,
                const uint64_t    total)
{
  stop_ticker(progress);
  progress->done  = done;
  progress->total = total;
  update(progress, false);
}

/*
  Counted streams
*/

/// What a counted stream reads from or writes to.
typedef struct {
  KgProgress* progress;
  FILE*       file;
  char        name[1024]; ///< The output's name, for the "writing" phase
  char        buf[CHUNK]; ///< The buffer of the stream
} Counted;

static ssize_t
read_counted(void* const cookie, char* const buf, const size_t size)
{
  Counted* const counted = (Counted*)cookie;
  const size_t   n       = fread(buf, 1U, size, counted->file);
  if (!n && ferror(counted->file)) {
    return -1;
  }
  if (n) {
    kg_progress_add(counted->progress, n);
  }
  return (ssize_t)n;
}

static ssize_t
write_counted(void* const cookie, const char* const buf, const size_t size)
{
  Counted* const    counted  = (Counted*)cookie;
  KgProgress* const progress = counted->progress;
  if (progress->next_phase && size) {
    progress->next_phase = NULL;
    kg_progress_phase(progress,
                      "writing",
                      counted->name[0] ? counted->name : NULL,
                      true,
                      0U,
                      NULL,
                      0U);
  }

  // Flushed, so that the writer sees a failure when it flushes
  const size_t n = fwrite(buf, 1U, size, counted->file);
  kg_progress_add(progress, n);
  return (n < size || fflush(counted->file)) ? -1 : (ssize_t)n;
}

static int
close_counted(void* const cookie)
{
  free(cookie);
  return 0;
}

/// Open a counted stream on `file` (`mode` "rb" or "wb").
static FILE*
open_counted(KgProgress* const progress,
             FILE* const       file,
             const char* const name,
             const char* const mode)
{
  Counted* const counted = (Counted*)calloc(1U, sizeof(Counted));
  if (!counted) {
    return NULL;
  }
  counted->progress = progress;
  counted->file     = file;
  if (name) {
    snprintf(counted->name, sizeof(counted->name), "%s", name);
  }

  const cookie_io_functions_t io = {
    mode[0] == 'r' ? read_counted : NULL,
    mode[0] == 'w' ? write_counted : NULL,
    NULL,
    close_counted,
  };
  FILE* const stream = fopencookie(counted, mode, io);
  if (!stream) {
    free(counted);
    return NULL;
  }
  setvbuf(stream, counted->buf, _IOFBF, sizeof(counted->buf));
  return stream;
}

FILE*
kg_progress_open_input(KgProgress* const    progress,
                       FILE* const          file,
                       const char* const    name,
                       const KgGraph* const graph)
{
  stop_ticker(progress);
  if (!progress->on) {
    return file;
  }

  // The total is known for a regular file
  struct stat    st;
  const int      fd    = fileno(file);
  const uint64_t total = (fd >= 0 && !fstat(fd, &st) && S_ISREG(st.st_mode))
                           ? (uint64_t)st.st_size
                           : 0U;

  FILE* const stream = open_counted(progress, file, NULL, "rb");
  if (stream) {
    kg_progress_phase(progress, "reading", name, true, total, graph, 0U);
  }
  return stream;
}

void
kg_progress_close_input(FILE* const stream, FILE* const file)
{
  if (stream && stream != file) {
    fclose(stream);
  }
}

FILE*
kg_progress_open_output(KgProgress* const progress,
                        FILE* const       file,
                        const char* const name)
{
  stop_ticker(progress);
  if (!progress->on) {
    return file;
  }

  FILE* const stream = open_counted(progress, file, name, "wb");
  if (stream) {
    progress->next_phase = "writing";
  }
  return stream;
}

KgStatus
kg_progress_close_output(FILE* const    stream,
                         FILE* const    file,
                         const KgStatus st)
{
  if (stream == file) {
    return st;
  }

  const bool failed = fclose(stream) != 0;
  if (st) {
    return st;
  }
  return failed ? KG_BAD_WRITE : KG_SUCCESS;
}
