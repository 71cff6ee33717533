// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The progress line: what a long command is doing, on one line of standard
// error that is redrawn in place (with '\r') and cleared before anything
// else is printed there, and at the end.  It is shown only on a terminal,
// and not with --quiet.

#ifndef KG_CLI_PROGRESS_H
#define KG_CLI_PROGRESS_H

#include <kgraph/kgraph.h>

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/// How the program sees its terminal (the tests pretend to be one).
typedef struct {
  bool     err_is_terminal; ///< Standard error is a terminal
  bool     out_is_terminal; ///< Standard output is a terminal
  unsigned delay_ms;        ///< Show nothing until the command ran this long
  unsigned interval_ms;     ///< Redraw the line at most once in this long
  unsigned columns;         ///< Width of standard error, or 0 if unknown
} KgTerminal;

/// The widest progress line on a terminal of unknown width, in columns.
#define KG_PROGRESS_MAX_WIDTH 79

/// The widest progress line on any terminal.
#define KG_PROGRESS_MAX_COLUMNS 200

/// The state of the progress line of a command.
typedef struct {
  FILE*          err;         ///< Where the line is drawn
  KgTerminal     terminal;    ///< What the streams are
  bool           on;          ///< Drawing (a terminal, and not --quiet)
  double         start;       ///< When the command started
  double         phase_start; ///< When the phase started
  double         last;        ///< When the line was last drawn
  int            width;       ///< Columns of the line on screen, or 0
  size_t         max_width;   ///< The widest line that does not wrap
  char           phase[48];   ///< What is being done: "reading", ...
  char           name[256];   ///< What it is done to (a file), or ""
  bool           bytes;       ///< The phase counts bytes
  uint64_t       done;        ///< Bytes done in this phase
  uint64_t       total;       ///< Bytes to do, or 0 if unknown
  const KgGraph* graph;       ///< Graph whose triples are shown, or NULL
  size_t         n_triples;   ///< Triples shown if `graph` is NULL
  const char*    next_phase;  ///< Phase that the first byte written starts

  // A phase inside one library call counts nothing: a thread redraws its
  // line every second with the time it has taken
  pthread_mutex_t lock;    ///< Held by the ticker while it draws
  pthread_cond_t  wake;    ///< Tells the ticker to stop
  pthread_t       ticker;  ///< The thread, if `ticking`
  bool            ticking; ///< The ticker runs (set by the main thread)
  bool            stop;    ///< The ticker must stop (under `lock`)
} KgProgress;

/// Start the progress line of a command, off until kg_progress_enable().
void
kg_progress_init(KgProgress* progress, FILE* err, const KgTerminal* terminal);

/// Stop the progress line: clear it, and free what it holds.
void
kg_progress_fini(KgProgress* progress);

/// Draw the line from now on if standard error is a terminal and `quiet`
/// is false.
void
kg_progress_enable(KgProgress* progress, bool quiet);

/// Stop drawing the line, and clear it.
void
kg_progress_disable(KgProgress* progress);

/**
   Start a phase, as "reading" or "sorting", of `name` (a file, or NULL),
   and draw it.  A phase that counts no bytes and shows no `graph` is
   redrawn every second with the time it has taken, until the next call of
   a kg_progress function.

   @param bytes The phase counts bytes (kg_progress_add()).
   @param total The bytes to do, or 0 if unknown.
   @param graph A graph whose size is shown as it grows, or NULL.
   @param n_triples The triples shown if `graph` is NULL, or 0 for none.
*/
void
kg_progress_phase(KgProgress*    progress,
                  const char*    phase,
                  const char*    name,
                  bool           bytes,
                  uint64_t       total,
                  const KgGraph* graph,
                  size_t         n_triples);

/// Count `n` bytes done, and redraw the line if it is time to.
void
kg_progress_add(KgProgress* progress, uint64_t n);

/// Set the bytes done and to do, and redraw the line if it is time to.
void
kg_progress_set(KgProgress* progress, uint64_t done, uint64_t total);

/// Clear the line, if it is shown, so that a message can be printed.
void
kg_progress_clear(KgProgress* progress);

/**
   Return a stream that counts the bytes read from `file` ("reading"
   `name`, of `total` bytes, or 0 if unknown, into `graph`), or `file`
   itself if the line is off.  Close it with kg_progress_close_input().

   @return The stream, or NULL if memory ran out.
*/
FILE*
kg_progress_open_input(KgProgress*    progress,
                       FILE*          file,
                       const char*    name,
                       const KgGraph* graph);

/// Close a stream from kg_progress_open_input() (not `file`).
void
kg_progress_close_input(FILE* stream, FILE* file);

/**
   Return a stream that writes to `file` and counts the bytes written, or
   `file` itself if the line is off.  The first byte written starts the phase
   "writing" `name`.

   @return The stream, or NULL if memory ran out.
*/
FILE*
kg_progress_open_output(KgProgress* progress, FILE* file, const char* name);

/**
   Flush and close a stream from kg_progress_open_output() (not `file`
   itself), after writing it with status `st`.

   @return `st`, or KG_BAD_WRITE if flushing failed.
*/
KG_NODISCARD KgStatus
kg_progress_close_output(FILE* stream, FILE* file, KgStatus st);

#endif // KG_CLI_PROGRESS_H
