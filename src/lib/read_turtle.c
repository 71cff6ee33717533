// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Turtle and N-Triples, read through serd.
//
// serd parses; kgraph checks.  serd 0.30 hands over IRIs as written
// (relative IRIs and prefixed names unexpanded), so the expansion and the
// RFC 3986 resolution are ours, and so are the checks serd does not make:
// surrogate code points from \u escapes, forbidden IRI characters, language
// tags.  serd tells the line of an error but not of a statement, so the
// reader follows the bytes it hands to serd to know where each triple is.
//
// serd parses `[ ]` and `( )` by recursion on the C stack, and its stack
// runs out near 15,000 levels of `[ ]` (about 550 bytes a level with serd
// 0.30).  The bytes kgraph hands to serd go through a small lexer that
// follows strings, IRIs, comments and escapes as serd does, counts the
// brackets that open and close, and stops the read with a located error
// past MAX_NESTING levels.  Should the lexer ever part from serd (after a
// syntax error in --lax mode, where serd skips to the next line), the
// stack serd has used is checked too, against MAX_STACK.  N-Triples and
// N-Quads have no nesting: serd refuses a bracket there at once.
//
// With --lax, serd would skip a bad statement only to the next newline,
// keep what it had emitted of it, and read the rest of a statement that
// spans lines as new statements.  So in lax mode serd reads one chunk at a
// time: a line in N-Triples and N-Quads, a statement (up to a '.' outside
// strings, IRIs, comments and brackets) in Turtle.  The triples of a chunk
// are kept aside and added only when it had no error; the first error of a
// chunk is reported, as a warning, and the rest of it is skipped.  serd's
// messages for N-Triples and N-Quads speak of Turtle (`missing ';' or
// '.'`): they are put in the words of those syntaxes.
//
// A UTF-8 byte order mark that starts a Turtle document is skipped before
// serd sees it (serd 0.30 takes a document that is only a BOM for a corrupt
// one); its three bytes still count in the columns of line 1.

#include "alloc.h"
#include "buffer.h"
#include "formats.h"
#include "graph.h"
#include "hash.h"
#include "intern.h"
#include "iri.h"
#include "log.h"
#include "read_common.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>
#include <kgraph/text.h>

#include <serd/serd.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/// serd pages for line-based syntaxes, where positions come from lines.
#define PAGE_SIZE 65536U

/// serd pages for a line of N-Triples in lax mode.
#define LINE_PAGE_SIZE 4096U

/// Our own read buffer for byte-at-a-time Turtle reading.
#define BUF_SIZE 65536U

/// The longest blank node label whose case serd changed that is restored.
#define KG_MAX_RESTORED_LABEL 256U

/// The deepest `[ ]` and `( )` may nest in Turtle (about 2.7 MB of serd's
/// stack at the worst, a third of the usual 8 MB).  kgraph writes at most
/// a few dozen levels.
#define MAX_NESTING 5000U

/// Bytes of stack serd may use below kg_read_serd(), whatever the nesting
/// the lexer counts.
#define MAX_STACK (6U * 1024U * 1024U)

/// Where the nesting lexer is in the text (as serd 0.30 reads it).
typedef enum {
  // States that only a byte in `lex_marks` leaves
  LEX_CODE,    ///< Between tokens, or in a name or number
  LEX_COMMENT, ///< After `#`, to the end of the line
  LEX_IRI,     ///< Inside `<...>`
  LEX_SHORT,   ///< Inside a one-quote string
  LEX_LONG,    ///< Inside a three-quote string

  // States that the next byte leaves
  LEX_CODE_ESCAPE,  ///< After `\` in a name (PN_LOCAL_ESC)
  LEX_IRI_ESCAPE,   ///< After `\` in an IRI
  LEX_OPEN1,        ///< After one quote in code
  LEX_OPEN2,        ///< After two equal quotes in code
  LEX_SHORT_ESCAPE, ///< After `\` in a one-quote string
  LEX_LONG_ESCAPE,  ///< After `\` in a three-quote string
  LEX_LONG_QUOTE1,  ///< After a quote in a three-quote string
  LEX_LONG_QUOTE2,  ///< After two quotes in a three-quote string
} LexState;

/// The bytes that may end a state from LEX_CODE to LEX_LONG (1), and the
/// brackets (2): all other bytes leave the nesting lexer as it is.
static const uint8_t lex_marks[256] = {['\n'] = 1U,
                                       ['\r'] = 1U,
                                       ['"']  = 1U,
                                       ['#']  = 1U,
                                       ['\''] = 1U,
                                       ['<']  = 1U,
                                       ['>']  = 1U,
                                       ['\\'] = 1U,
                                       ['^']  = 1U,
                                       ['`']  = 1U,
                                       ['{']  = 1U,
                                       ['|']  = 1U,
                                       ['}']  = 1U,
                                       ['(']  = 2U,
                                       [')']  = 1U,
                                       ['[']  = 2U,
                                       [']']  = 1U};

/// A triple read in lax mode, kept until its chunk proves good.
typedef struct {
  KgTermId s;
  KgTermId p;
  KgTermId o;
  KgTermId g;
  KgOrigin origin;
} Pending;

typedef struct {
  KgReadCore core; ///< Graph, options, messages, IRI cache
  KgInput*   input;
  KgSyntax   syntax;
  uint32_t   anon_scope; ///< Scope of `[]` nodes, 0 until needed
  KgStatus   status;
  KgBuffer   base;         ///< Current base IRI, or empty
  KgBuffer   iri;          ///< Scratch: expanded or resolved IRI
  KgTerms    prefix_names; ///< Declared prefixes, once needed
  KgBuffer*  prefix_iris;  ///< Namespace of each, by id - 1
  size_t     prefix_iris_cap;

  // Byte-at-a-time position tracking (Turtle)
  char      buf[BUF_SIZE];
  size_t    buf_len;
  size_t    buf_pos;
  unsigned  line;           ///< Line of the last byte handed to serd
  unsigned  col;            ///< Column of the last byte handed to serd
  unsigned  fnb;            ///< Column of the first non-blank byte on `line`
  unsigned  prev_line;      ///< Line of the byte before the last
  unsigned  prev_fnb;       ///< First non-blank column on `prev_line`
  bool      after_nl;       ///< The last byte was a newline
  uint8_t   label_state;    ///< Progress through "_:B<digit>"
  bool      upper_b_labels; ///< The text has labels _:B<digit>
  uint8_t   lex;            ///< LexState of the nesting lexer
  char      quote;          ///< The quote of the string being read
  unsigned  depth;          ///< `[` and `(` open
  unsigned  past_end;       ///< Reads asked for past the end (or a stop)
  bool      stopped;        ///< Too deep: the read stops here
  uintptr_t stack_base;     ///< Frame address of kg_read_serd()

  // Line-based position tracking (N-Triples): lines holding a statement
  KgOrigin* queue;
  size_t    queue_head;
  size_t    queue_tail;
  size_t    queue_cap;
  unsigned  scan_line;
  unsigned  scan_col;
  bool      scan_start; ///< At the start of a line, only blanks seen yet
  uint8_t   nt_state;   ///< NtState at the end of the bytes handed to serd
  KgOrigin  last;       ///< Origin of the last statement
  KgCaret   error;      ///< Where the last error was

  // Reading one chunk at a time (lax mode)
  bool     started;    ///< The input has been read from (BOM checked)
  bool     at_eof;     ///< The input is read to its end
  bool     chunked;    ///< serd reads one chunk at a time
  bool     by_line;    ///< A chunk is a line (N-Triples, N-Quads)
  bool     chunk_end;  ///< The last byte of the chunk has been handed
  bool     chunk_bad;  ///< The chunk has an error: drop its triples
  unsigned chunk_line; ///< Line of the first byte of the chunk
  unsigned chunk_col;  ///< Column before the chunk on its first line
  unsigned lnb;        ///< Column of the last non-blank byte (by line)
  Pending* pending;    ///< Triples of the chunk
  size_t   n_pending;
  size_t   pending_cap;
} Reader;

/*
  Positions
*/

static KgCaret
reader_caret(const Reader* const r)
{
  const KgCaret caret = {r->input->name, r->last.line, r->last.column};
  return caret;
}

static KgStatus
push_line(Reader* const r, const unsigned line, const unsigned col)
{
  if (r->queue_tail == r->queue_cap) {
    if (r->queue_head) {
      // Slide the pending lines to the front
      memmove(r->queue,
              r->queue + r->queue_head,
              (r->queue_tail - r->queue_head) * sizeof(KgOrigin));
      r->queue_tail -= r->queue_head;
      r->queue_head = 0U;
    }

    if (r->queue_tail == r->queue_cap) {
      const size_t    cap = r->queue_cap ? r->queue_cap * 2U : 4096U;
      KgOrigin* const queue =
        (KgOrigin*)kg_reallocarray(r->queue, cap, sizeof(KgOrigin));
      if (!queue) {
        return KG_BAD_ALLOC;
      }
      r->queue     = queue;
      r->queue_cap = cap;
    }
  }

  const KgOrigin o = {
    line, (uint16_t)(col > UINT16_MAX ? UINT16_MAX : col), r->core.doc};
  r->queue[r->queue_tail++] = o;
  return KG_SUCCESS;
}

/// Note the lines of `page` that start a statement (N-Triples: one a line).
/// Where an N-Triples line is, for telling a NUL in a literal (which
/// N-Triples allows) from one elsewhere (which serd takes for the end).
typedef enum { NT_OUT, NT_IRI, NT_LITERAL, NT_ESCAPE, NT_COMMENT } NtState;

/**
   Follow the N-Triples bytes from `p` to `end` from `state`, and return
   the state at `end`; set `*nul` to the first NUL outside a literal, if
   any, and stop there.
*/
static uint8_t
nt_scan(uint8_t state, const char* p, const char* const end, const char** nul)
{
  for (; p < end; ++p) {
    const char c = *p;
    if (c == '\n' || c == '\r') {
      state = NT_OUT;
    } else if (!c && state != NT_LITERAL && state != NT_ESCAPE) {
      *nul = p;
      return state;
    } else if (state == NT_ESCAPE) {
      state = NT_LITERAL;
    } else if (state == NT_LITERAL) {
      state = c == '"' ? NT_OUT : c == '\\' ? NT_ESCAPE : NT_LITERAL;
    } else if (state == NT_IRI) {
      state = c == '>' ? NT_OUT : NT_IRI;
    } else if (state == NT_OUT) {
      state = c == '"'   ? NT_LITERAL
              : c == '<' ? NT_IRI
              : c == '#' ? NT_COMMENT
                         : NT_OUT;
    }
  }
  return state;
}

/**
   Stop the read at a NUL byte outside a literal, at `line`:`col`.  serd
   would take it for the end of the document, and read nothing after it
   without a word.
*/
static void
stop_at_nul(Reader* const r, const unsigned line, const unsigned col)
{
  const KgCaret caret = {r->input->name, line, col};
  kg_log(&r->core.options->log,
         KG_LOG_ERROR,
         caret,
         "a NUL byte outside a literal (U+0000 is text only in a "
         "literal)");
  ++r->core.n_errors;
  r->error   = caret;
  r->stopped = true;
  if (!r->status) {
    r->status = KG_BAD_TEXT;
  }
}

static KgStatus
scan_page(Reader* const r, const char* const page, const size_t len)
{
  const char* p   = page;
  const char* end = page + len;
  while (p < end) {
    if (r->scan_start) {
      // Skip blanks at the start of a line; the first other byte decides
      const char c = *p;
      if (c == ' ' || c == '\t') {
        ++r->scan_col;
        ++p;
        continue;
      }

      r->scan_start = false;
      if (c != '#' && c != '\n' && c != '\r') {
        const KgStatus st = push_line(r, r->scan_line, r->scan_col + 1U);
        if (st) {
          return st;
        }
      }
    }

    // Jump to the next line end (LF, or CR as N-Triples allows)
    const char* const nl = (const char*)memchr(p, '\n', (size_t)(end - p));
    const char* const cr =
      (const char*)memchr(p, '\r', (size_t)((nl ? nl : end) - p));
    const char* const eol = cr ? cr : nl;
    if (!eol) {
      r->scan_col += (unsigned)(end - p);
      break;
    }

    if (*eol == '\n') {
      ++r->scan_line;
      r->scan_col = 0U;
    } else {
      r->scan_col += (unsigned)(eol - p) + 1U;
    }
    r->scan_start = true;
    p             = eol + 1;
  }
  return KG_SUCCESS;
}

/// Return the origin of the statement serd is emitting now.
static KgOrigin
statement_origin(Reader* const r)
{
  if (r->syntax == KG_SYNTAX_TURTLE) {
    const KgOrigin o = {r->prev_line,
                        (uint16_t)(r->prev_fnb > UINT16_MAX ? UINT16_MAX
                                   : r->prev_fnb            ? r->prev_fnb
                                                            : 1U),
                        r->core.doc};
    return o;
  }

  if (r->by_line) {
    const KgOrigin o = {r->chunk_line,
                        (uint16_t)(r->fnb > UINT16_MAX ? UINT16_MAX
                                   : r->fnb            ? r->fnb
                                                       : 1U),
                        r->core.doc};
    return o;
  }

  // Several statements on a line (invalid, but lax) keep the last line
  if (r->queue_head < r->queue_tail) {
    r->last = r->queue[r->queue_head++];
  }
  return r->last;
}

/*
  Byte sources for serd
*/

/// Return an address in the current stack frame, to measure the stack used.
static inline uintptr_t
frame_address(void)
{
#if defined(__GNUC__)
  return (uintptr_t)__builtin_frame_address(0);
#else
  volatile char here = 0;
  return (uintptr_t)&here;
#endif
}

/**
   Follow the byte `c` that serd is about to read, and count the brackets
   that open and close outside strings, IRIs and comments, as serd 0.30
   reads them.

   @return True iff `c` opens one level more than MAX_NESTING.
*/
static bool
lex_byte(Reader* const r, const char c)
{
  if (r->lex <= LEX_LONG && !lex_marks[(unsigned char)c]) {
    return false; // Most bytes, in names, strings and IRIs
  }

  for (;;) { // Once, or twice when a byte ends a state and starts another
    switch ((LexState)r->lex) {
    case LEX_CODE:
      if (c == '[' || c == '(') {
        return ++r->depth > MAX_NESTING;
      } else if ((c == ']' || c == ')') && r->depth) {
        --r->depth;
      } else if (c == '#') {
        r->lex = LEX_COMMENT;
      } else if (c == '<') {
        r->lex = LEX_IRI;
      } else if (c == '"' || c == '\'') {
        r->quote = c;
        r->lex   = LEX_OPEN1;
      } else if (c == '\\') {
        r->lex = LEX_CODE_ESCAPE;
      }
      return false;

    case LEX_CODE_ESCAPE:
      r->lex = LEX_CODE;
      return false;

    case LEX_COMMENT:
      r->lex = (c == '\n' || c == '\r') ? LEX_CODE : LEX_COMMENT;
      return false;

    case LEX_IRI:
      // serd ends an IRI at '>', or with an error at what IRIs forbid
      if (c == '\\') {
        r->lex = LEX_IRI_ESCAPE;
      } else if (c == '>' || c == '"' || c == '<' || c == '^' || c == '`' ||
                 c == '{' || c == '|' || c == '}') {
        r->lex = LEX_CODE;
      }
      return false;

    case LEX_IRI_ESCAPE:
      r->lex = LEX_IRI;
      return false;

    case LEX_OPEN1:
      if (c == r->quote) {
        r->lex = LEX_OPEN2;
        return false;
      }
      r->lex = LEX_SHORT; // `c` is the first character of a short string
      continue;

    case LEX_OPEN2:
      if (c == r->quote) {
        r->lex = LEX_LONG;
        return false;
      }
      r->lex = LEX_CODE; // An empty string, and `c` follows it
      continue;

    case LEX_SHORT:
      if (c == '\\') {
        r->lex = LEX_SHORT_ESCAPE;
      } else if (c == r->quote || c == '\n' || c == '\r') {
        r->lex = LEX_CODE; // A line end in a short string is an error
      }
      return false;

    case LEX_SHORT_ESCAPE:
      r->lex = LEX_SHORT;
      return false;

    case LEX_LONG:
      if (c == '\\') {
        r->lex = LEX_LONG_ESCAPE;
      } else if (c == r->quote) {
        r->lex = LEX_LONG_QUOTE1;
      }
      return false;

    case LEX_LONG_ESCAPE:
      r->lex = LEX_LONG;
      return false;

    case LEX_LONG_QUOTE1:
      // serd takes the byte after a quote as text, whatever it is
      r->lex = c == r->quote ? LEX_LONG_QUOTE2 : LEX_LONG;
      return false;

    case LEX_LONG_QUOTE2:
      if (c == r->quote) {
        r->lex = LEX_CODE;
        return false;
      }
      r->lex = LEX_LONG; // Two quotes in the text, and `c` follows them
      continue;
    }
    return false;
  }
}

/// Stop the read at the last byte, which nests too deep.
static void
stop_nesting(Reader* const r, const bool by_stack)
{
  const KgCaret caret = {r->input->name, r->line, r->col};
  if (by_stack) {
    kg_log(&r->core.options->log,
           KG_LOG_ERROR,
           caret,
           "blank nodes '[ ]' and lists '( )' nest too deep for the stack");
  } else {
    kg_log(&r->core.options->log,
           KG_LOG_ERROR,
           caret,
           "blank nodes '[ ]' and lists '( )' nest deeper than %u levels",
           MAX_NESTING);
  }
  ++r->core.n_errors;
  r->error   = caret;
  r->stopped = true;
  if (!r->status) {
    r->status = KG_BAD_SYNTAX;
  }
}

/**
   Fill the read buffer from the input, skipping a UTF-8 byte order mark at
   its start (serd takes a document that is only a BOM for a corrupt one).
*/
static void
fill(Reader* const r)
{
  r->buf_len = kg_input_read(r->input, r->buf, sizeof(r->buf));
  r->buf_pos = 0U;
  if (!r->started) {
    r->started = true;
    if (r->buf_len >= 3U && !memcmp(r->buf, "\xEF\xBB\xBF", 3U)) {
      r->buf_pos = 3U;
      r->col += 3U; // Columns count bytes, the BOM's too
      r->chunk_col += 3U;
      if (r->buf_len == 3U) {
        r->buf_len = kg_input_read(r->input, r->buf, sizeof(r->buf));
        r->buf_pos = 0U;
      }
    }
  }
  r->at_eof = r->buf_pos == r->buf_len;
}

/**
   Return true iff the '.' just read ends a Turtle statement: it is not
   followed by what continues a name or a number (`ex:a.b`, `1.5`).
*/
static bool
ends_statement(Reader* const r)
{
  if (r->buf_pos == r->buf_len) {
    fill(r);
    if (r->buf_pos == r->buf_len) {
      return true;
    }
  }

  const unsigned char next = (unsigned char)r->buf[r->buf_pos];
  return !((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') ||
           (next >= '0' && next <= '9') || next == '_' || next == '-' ||
           next == ':' || next == '.' || next == '%' || next == '\\' ||
           next >= 0x80U);
}

/**
   Hand serd one byte, following its position and nesting (Turtle).

   At the end of the input, or once stopped, serd is told so.  But in lax
   mode, two loops of serd ask again and again: skipping a bad statement
   (skip_until), which stops only at a newline or a NUL, and reading an
   IRI, which stops only at a character IRIs forbid.  So every eighth time
   serd asks, it is given a byte that ends one of them, in turn: a quote
   (an error in an IRI), a newline, then a NUL (the end of the document).
*/
static size_t
read_byte(void* const  buf,
          const size_t size,
          const size_t nmemb,
          void* const  stream)
{
  (void)size;
  (void)nmemb;

  Reader* const r = (Reader*)stream;
  if (!r->stopped && !r->chunk_end && r->buf_pos == r->buf_len) {
    fill(r);
  }

  if (r->stopped || r->chunk_end || r->buf_pos == r->buf_len) {
    static const char enders[] = {'"', '\n', '\0'};
    if (++r->past_end % 8U) {
      return 0U;
    }
    *(char*)buf = enders[(r->past_end / 8U - 1U) % 3U];
    return 1U;
  }

  // A NUL is text in a string, and the end of the document for serd
  // anywhere else
  const char c = r->buf[r->buf_pos++];
  if (!c && r->lex != LEX_SHORT && r->lex != LEX_LONG &&
      r->lex != LEX_LONG_QUOTE1 && r->lex != LEX_LONG_QUOTE2 &&
      r->lex != LEX_OPEN1) {
    stop_at_nul(
      r, r->after_nl ? r->line + 1U : r->line, r->after_nl ? 1U : r->col + 1U);
    return 0U;
  }

  // Explicit labels _:B<digit>, which serd leaves as they are (node_term)
  if (r->label_state == 3U && c >= '0' && c <= '9') {
    r->upper_b_labels = true;
  }
  r->label_state = c == '_'                             ? 1U
                   : (r->label_state == 1U && c == ':') ? 2U
                   : (r->label_state == 2U && c == 'B') ? 3U
                                                        : 0U;

  r->prev_line = r->line;
  r->prev_fnb  = r->fnb;
  if (r->after_nl) {
    ++r->line;
    r->col      = 0U;
    r->fnb      = 0U;
    r->after_nl = false;
  }

  ++r->col;
  if (!r->fnb && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
    r->fnb = r->col;
  }
  r->after_nl = (c == '\n');

  if (lex_byte(r, c)) {
    stop_nesting(r, false);
    return 0U;
  }

  // serd goes one level deeper only after a bracket, wherever it sees one
  if (lex_marks[(unsigned char)c] == 2U) {
    const uintptr_t here = frame_address();
    if ((r->stack_base > here ? r->stack_base - here : here - r->stack_base) >
        MAX_STACK) {
      stop_nesting(r, true);
      return 0U;
    }
  }

  if (r->chunked && c == '.' && r->lex == LEX_CODE &&
      (!r->depth || r->chunk_bad) && ends_statement(r)) {
    r->chunk_end = true;
    r->depth     = 0U; // After an error, brackets may be left open
  }

  *(char*)buf = c;
  return 1U;
}

/// Hand serd a page, noting where its statements start (N-Triples).
static size_t
read_page(void* const  buf,
          const size_t size,
          const size_t nmemb,
          void* const  stream)
{
  Reader* const r = (Reader*)stream;
  if (r->stopped) {
    return 0U;
  }

  size_t got = kg_input_read(r->input, buf, size * nmemb);

  // serd would end the document at a NUL outside a literal: hand it what
  // comes before, then stop there.  The state of the line is followed from
  // the last line end of each page (lines are short), the whole page only
  // when it holds a NUL
  const char* const page = (const char*)buf;
  const char*       nul  = NULL;
  if (got && memchr(page, '\0', got)) {
    r->nt_state = nt_scan(r->nt_state, page, page + got, &nul);
  } else if (got) {
    const char* from = page + got;
    while (from > page && from[-1] != '\n' && from[-1] != '\r') {
      --from;
    }
    r->nt_state =
      nt_scan(from > page ? NT_OUT : r->nt_state, from, page + got, &nul);
  }
  const size_t n = nul ? (size_t)(nul - page) : got;
  if (n && !r->status) {
    r->status = scan_page(r, (const char*)buf, n);
  }
  if (nul) {
    // scan_page() left scan_col at the end of the bytes it was given, and
    // scan_start true if they ended a line
    stop_at_nul(r, r->scan_line, (r->scan_start ? 0U : r->scan_col) + 1U);
    got = n;
  }
  return got;
}

/**
   Hand serd the rest of the current line, up to `size` * `nmemb` bytes, and
   nothing after its end (N-Triples and N-Quads in lax mode).  Short of the
   line end, the page is filled, as serd takes a short page for the end.
*/
static size_t
read_line(void* const  buf,
          const size_t size,
          const size_t nmemb,
          void* const  stream)
{
  Reader* const r    = (Reader*)stream;
  char* const   page = (char*)buf;
  const size_t  cap  = size * nmemb;
  size_t        got  = 0U;
  while (got < cap && !r->stopped && !r->chunk_end) {
    if (r->buf_pos == r->buf_len) {
      fill(r);
      if (r->at_eof) {
        break;
      }
    }

    const char* const from = r->buf + r->buf_pos;
    size_t            n    = r->buf_len - r->buf_pos;
    n                      = n < cap - got ? n : cap - got;
    for (size_t i = 0U; i < n; ++i) {
      if (from[i] == '\n' || from[i] == '\r') {
        n            = i + 1U;
        r->chunk_end = true;
        break;
      }
    }

    const char* nul = NULL;
    r->nt_state     = nt_scan(r->nt_state, from, from + n, &nul);
    const size_t m  = nul ? (size_t)(nul - from) : n;
    for (size_t i = 0U; i < m; ++i) {
      const char c = from[i];
      ++r->col;
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        r->fnb = r->fnb ? r->fnb : r->col;
        r->lnb = r->col;
      }
    }

    memcpy(page + got, from, m);
    got += m;
    r->buf_pos += m;
    if (nul) {
      stop_at_nul(r, r->chunk_line, r->col + 1U);
    }
  }
  return got;
}

static int
stream_error(void* const stream)
{
  const Reader* const r = (const Reader*)stream;
  return kg_input_failed(r->input) || r->status == KG_BAD_ALLOC || r->stopped;
}

/*
  Diagnostics
*/

static bool
reader_silent(const void* const handle)
{
  const Reader* const r = (const Reader*)handle;
  return r->chunked && r->chunk_bad; // The rest of a bad chunk is skipped
}

static KgCaret
hook_caret(const void* const handle)
{
  return reader_caret((const Reader*)handle);
}

static void
reader_recover(void* const handle, const KgStatus st)
{
  Reader* const r = (Reader*)handle;
  r->chunk_bad    = true;
  if (!r->core.lax && !r->status) {
    r->status = st;
  }
}

static void
reader_stop(void* const handle, const KgStatus st)
{
  ((Reader*)handle)->status = st;
}

static const KgReadHooks hooks = {hook_caret,
                                  reader_silent,
                                  reader_recover,
                                  reader_stop};

/**
   Return serd's message `msg` in the words of N-Triples and N-Quads: serd
   reads them with its Turtle parser, which speaks of what Turtle has.
*/
static const char*
ntriples_message(const Reader* const r,
                 const char* const   msg,
                 const bool          line_end)
{
  if (!strcmp(msg, "missing ';' or '.'") ||
      !strcmp(msg, "unexpected end of statement") ||
      (line_end && !strcmp(msg, "unexpected end of file"))) {
    // serd was handed one line (lax mode), and wanted more of it
    return r->syntax == KG_SYNTAX_NQUADS
             ? "expected '.' at the end of the quad"
             : "expected '.' at the end of the triple";
  }
  if (!strcmp(msg, "bad verb")) {
    return "expected a predicate IRI '<...>'";
  }
  if (!strcmp(msg, "expected: ':', '<', or '_'")) {
    return "expected an IRI, a blank node or a literal";
  }
  return msg;
}

static SerdStatus
on_serd_error(void* const handle, const SerdError* const error)
{
  Reader* const r = (Reader*)handle;
  if (r->status || (r->chunked && r->chunk_bad)) {
    return SERD_SUCCESS; // Only the first error matters: the rest follow it
  }

  KgBuffer buf = KG_BUFFER_INIT;
  va_list  args;
  va_copy(args, *error->args);
#if defined(__clang__)
#  pragma clang diagnostic push
#  pragma clang diagnostic ignored "-Wformat-nonliteral" // serd's format
#endif
  const KgStatus fst = kg_buffer_vprintf(&buf, error->fmt, args);
#if defined(__clang__)
#  pragma clang diagnostic pop
#endif
  va_end(args);

  // serd's messages end with a newline
  while (buf.len &&
         (buf.data[buf.len - 1U] == '\n' || buf.data[buf.len - 1U] == ' ')) {
    buf.data[--buf.len] = '\0';
  }

  // serd shows a line end it did not expect as itself ("unexpected `\n'")
  for (char* nl = buf.data ? strstr(buf.data, "`\n'") : NULL; nl;
       nl       = strstr(buf.data, "`\n'")) {
    KgBuffer   fixed = KG_BUFFER_INIT;
    const bool unexpected =
      nl - buf.data >= 11 && !memcmp(nl - 11, "unexpected ", 11U);
    if (kg_buffer_printf(&fixed,
                         "%.*s%s%s",
                         (int)(nl - buf.data),
                         buf.data,
                         unexpected ? "end of line" : "the end of the line",
                         nl + 3)) {
      kg_buffer_fini(&fixed);
      break;
    }
    kg_buffer_fini(&buf);
    buf = fixed;
  }

  // serd shows the end of input as the byte 0xFF ("not `\xFF'")
  char* const eof = buf.data ? strstr(buf.data, "`\xFF'") : NULL;
  if (eof) {
    KgBuffer fixed = KG_BUFFER_INIT;
    // (of the line, when serd was handed one line)
    if (!kg_buffer_printf(&fixed,
                          "%.*sthe end of the %s%s",
                          (int)(eof - buf.data),
                          buf.data,
                          (r->by_line && !r->at_eof) ? "line" : "file",
                          eof + 3)) {
      kg_buffer_fini(&buf);
      buf = fixed;
    } else {
      kg_buffer_fini(&fixed);
    }
  }

  // serd counts from the start of the chunk it was handed; a line that
  // ends too soon is seen at the end of the line, not after it
  const bool lax   = r->core.options->flags & KG_READ_LAX;
  KgCaret    caret = {r->input->name,
                      r->chunk_line + (unsigned)error->line - 1U,
                      (error->line == 1U ? r->chunk_col : 0U) +
                        (error->col ? (unsigned)error->col : 1U)};
  if (r->chunked && !r->by_line && error->line == 1U && caret.column > 1U) {
    --caret.column; // serd reading by byte counts one more on its line 1
  }
  const bool line_end =
    r->by_line &&
    (error->line > 1U ||
     (r->chunk_end && buf.data && !strcmp(buf.data, "unexpected end of file")));
  if (line_end) {
    caret.line   = r->chunk_line;
    caret.column = r->lnb + 1U;
  }
  r->error     = caret;
  r->chunk_bad = true;
  const char* msg =
    fst ? "out of memory" : (buf.len ? buf.data : "syntax error");
  if (!fst && r->syntax != KG_SYNTAX_TURTLE) {
    msg = ntriples_message(r, msg, line_end);
  }
  kg_log(&r->core.options->log,
         lax ? KG_LOG_WARNING : KG_LOG_ERROR,
         caret,
         "%s",
         msg);
  kg_buffer_fini(&buf);

  ++r->core.n_errors;
  if (!lax) {
    r->status = fst                                   ? KG_BAD_ALLOC
                : error->status == SERD_ERR_BAD_CURIE ? KG_BAD_URI
                                                      : KG_BAD_SYNTAX;
  }
  return SERD_SUCCESS;
}

/*
  IRIs and prefixes
*/

static KgStringView
node_view(const SerdNode* const node)
{
  const KgStringView v = {(const char*)node->buf, node->n_bytes};
  return v;
}

/// Resolve `iri` (checked) against the current base into r->iri.
static KgStatus
resolve(Reader* const r, const KgStringView iri)
{
  kg_buffer_clear(&r->iri);
  if (kg_iri_is_absolute(iri)) {
    return kg_buffer_append_sv(&r->iri, iri); // IRIs are never normalised
  }

  if (r->syntax != KG_SYNTAX_TURTLE) {
    return kg_read_error(&r->core,
                         KG_BAD_URI,
                         "relative IRI '%s' (%s has only absolute IRIs)",
                         kg_read_quoted(&r->core, iri),
                         kg_syntax_name(r->syntax));
  }
  return kg_read_resolve(&r->core, &r->iri, kg_buffer_view(&r->base), iri);
}

/// Return the namespace now bound to prefix `name`, or NULL.
static const KgBuffer*
find_prefix(const Reader* const r, const KgStringView name)
{
  const KgTermId id =
    r->prefix_names.terms
      ? kg_terms_find(&r->prefix_names, KG_TERM_BLANK, name, 0U, 0U)
      : KG_NO_TERM;
  return id ? &r->prefix_iris[id - 1U] : NULL;
}

/// Bind prefix `name` to the namespace in r->iri (the last binding wins).
static KgStatus
bind_prefix(Reader* const r, const KgStringView name)
{
  if (!r->prefix_names.terms &&
      kg_terms_init(&r->prefix_names, r->core.graph->terms.seed)) {
    return KG_BAD_ALLOC;
  }

  const size_t n = r->prefix_names.n_terms - 1U;
  if (n == r->prefix_iris_cap) {
    const size_t    cap = n ? n * 2U : 16U;
    KgBuffer* const iris =
      (KgBuffer*)kg_reallocarray(r->prefix_iris, cap, sizeof(KgBuffer));
    if (!iris) {
      return KG_BAD_ALLOC;
    }
    memset(iris + n, 0, (cap - n) * sizeof(KgBuffer));
    r->prefix_iris     = iris;
    r->prefix_iris_cap = cap;
  }

  const KgTermId id =
    kg_terms_intern(&r->prefix_names, KG_TERM_BLANK, name, 0U, 0U, NULL);
  if (!id) {
    return KG_BAD_ALLOC;
  }

  KgBuffer* const iri = &r->prefix_iris[id - 1U];
  kg_buffer_clear(iri);
  return kg_buffer_append_sv(iri, kg_buffer_view(&r->iri));
}

/// Expand the node `node` (IRI or prefixed name) into r->iri.
static KgStatus
expand(Reader* const r, const SerdNode* const node)
{
  const KgStringView text = node_view(node);
  KgStatus           st   = KG_SUCCESS;

  if (node->type == SERD_URI) {
    st = resolve(r, text);
    if (st == KG_BAD_ALLOC) {
      r->status = KG_BAD_ALLOC; // Not a syntax error: reading stops
    }
    return st;
  }

  // A prefixed name: the prefix has no colon, the local name may have some
  const char* const colon = (const char*)memchr(text.data, ':', text.len);
  if (!colon) {
    return kg_read_error(&r->core,
                         KG_BAD_SYNTAX,
                         "bad prefixed name '%s'",
                         kg_read_quoted(&r->core, text));
  }

  const KgStringView name   = {text.data, (size_t)(colon - text.data)};
  const KgBuffer*    prefix = find_prefix(r, name);
  if (!prefix) {
    return kg_read_error(&r->core,
                         KG_BAD_URI,
                         "undefined prefix '%s'",
                         kg_read_quoted(&r->core, name));
  }

  const KgStringView local = {colon + 1, text.len - name.len - 1U};
  kg_buffer_clear(&r->iri);
  if (!(st = kg_buffer_append_sv(&r->iri, kg_buffer_view(prefix)))) {
    st = kg_buffer_append_sv(&r->iri, local);
  }
  if (st == KG_BAD_ALLOC) {
    r->status = KG_BAD_ALLOC;
  }
  return st;
}

static SerdStatus
to_serd(const KgStatus st)
{
  return st ? SERD_ERR_BAD_SYNTAX : SERD_SUCCESS;
}

static SerdStatus
on_base(void* const handle, const SerdNode* const uri)
{
  Reader* const r = (Reader*)handle;
  r->last         = statement_origin(r);
  KgStatus st     = expand(r, uri);
  if (!st) {
    st = kg_read_check_iri(&r->core, kg_buffer_view(&r->iri));
  }
  if (!st) {
    kg_buffer_clear(&r->base);
    st = kg_buffer_append_sv(&r->base, kg_buffer_view(&r->iri));
  }
  return to_serd(st);
}

static SerdStatus
on_prefix(void* const           handle,
          const SerdNode* const name,
          const SerdNode* const uri)
{
  Reader* const r = (Reader*)handle;
  r->last         = statement_origin(r);
  KgStatus st     = expand(r, uri);
  if (!st) {
    st = kg_read_check_iri(&r->core, kg_buffer_view(&r->iri));
  }
  if (st) {
    return to_serd(st);
  }

  const KgStringView name_view = node_view(name);
  st                           = bind_prefix(r, name_view);
  if (!st) {
    st = kg_graph_set_prefix(r->core.graph, name_view, kg_buffer_view(&r->iri));
    st = st == KG_FAILURE ? KG_SUCCESS : st;
  }

  if (st == KG_BAD_ALLOC) {
    r->status = st;
  }
  return to_serd(st);
}

/*
  Terms
*/

static KgTermId
node_iri(Reader* const r, const SerdNode* const node)
{
  const KgStringView text = node_view(node);
  if (node->type == SERD_URI && kg_iri_is_absolute(text)) {
    return kg_read_cached_iri(&r->core, text); // The common case
  }
  return expand(r, node)
           ? KG_NO_TERM
           : kg_read_intern_iri(&r->core, kg_buffer_view(&r->iri), NULL);
}

static KgTermId
node_term(Reader* const r, const SerdNode* const node)
{
  switch (node->type) {
  case SERD_URI:
  case SERD_CURIE:
    return node_iri(r, node);

  case SERD_BLANK: {
    KgStringView label = node_view(node);
    uint32_t     scope = r->core.scope;
    char         restored[KG_MAX_RESTORED_LABEL];
    if (r->syntax == KG_SYNTAX_TURTLE && label.len > 1U &&
        label.len + 4U < sizeof(restored) && label.data[1] >= '0' &&
        label.data[1] <= '9') {
      if (label.data[0] == 'b') {
        // serd names a node written [] "bN": call it "genidN", as rapper
        // does, in a scope of its own, apart from any _:genidN
        if (!r->anon_scope) {
          r->anon_scope = kg_graph_new_scope(r->core.graph);
        }
        scope = r->anon_scope;
        memcpy(restored, "genid", 5U);
        memcpy(restored + 5U, label.data + 1U, label.len - 1U);
        label.data = restored;
        label.len += 4U;
      } else if (label.data[0] == 'B' && !r->upper_b_labels) {
        // serd writes _:bN as "BN" (against the clash above): undo it,
        // unless the text has _:BN labels (serd refuses both at once)
        memcpy(restored, label.data, label.len);
        restored[0] = 'b';
        label.data  = restored;
      }
    }

    const KgTermId id = kg_graph_blank(r->core.graph, label, scope);
    if (!id) {
      r->status = KG_BAD_ALLOC;
    } else if (scope == r->anon_scope) {
      r->core.graph->terms.terms[id].flags |= KG_TERM_GENERATED;
    }
    return id;
  }

  case SERD_NOTHING:
  case SERD_LITERAL:
    break;
  }

  kg_read_error(&r->core,
                KG_BAD_SYNTAX,
                "unexpected node '%s'",
                kg_read_quoted(&r->core, node_view(node)));
  return KG_NO_TERM;
}

static KgTermId
literal_term(Reader* const         r,
             const SerdNode* const node,
             const SerdNode* const datatype,
             const SerdNode* const lang)
{
  KgTermId dt  = KG_NO_TERM;
  uint16_t tag = 0U;
  if (lang && lang->type != SERD_NOTHING && lang->n_bytes) {
    if (kg_read_lang(&r->core, node_view(lang), &tag)) {
      return KG_NO_TERM;
    }
  } else if (datatype && datatype->type != SERD_NOTHING) {
    if (!(dt = node_iri(r, datatype))) {
      return KG_NO_TERM;
    }
  }
  return kg_read_literal(&r->core, node_view(node), dt, tag);
}

/// Add a quad to the graph.  @return a fatal status (kept in r->status).
static KgStatus
add_quad(Reader* const  r,
         const KgTermId s,
         const KgTermId p,
         const KgTermId o,
         const KgTermId g,
         const KgOrigin origin)
{
  return kg_read_added(&r->core,
                       kg_graph_add_quad(r->core.graph, s, p, o, g, origin));
}

static SerdStatus
on_statement(void* const              handle,
             const SerdStatementFlags flags,
             const SerdNode* const    graph,
             const SerdNode* const    subject,
             const SerdNode* const    predicate,
             const SerdNode* const    object,
             const SerdNode* const    object_datatype,
             const SerdNode* const    object_lang)
{
  (void)flags;

  Reader* const r = (Reader*)handle;
  if (r->status) {
    return SERD_ERR_BAD_SYNTAX;
  }

  r->last = statement_origin(r);
  if (r->chunked && r->chunk_bad) {
    return SERD_SUCCESS; // The rest of a bad chunk
  }

  const KgTermId s = node_term(r, subject);
  const KgTermId p = s ? node_iri(r, predicate) : KG_NO_TERM;
  const KgTermId o = !p ? KG_NO_TERM
                     : object->type == SERD_LITERAL
                       ? literal_term(r, object, object_datatype, object_lang)
                       : node_term(r, object);
  const KgTermId g = (!o || !graph || graph->type == SERD_NOTHING)
                       ? KG_NO_TERM
                       : node_term(r, graph);
  if (!o || (graph && graph->type != SERD_NOTHING && !g)) {
    return r->status ? SERD_ERR_BAD_SYNTAX : SERD_SUCCESS; // Lax: skip it
  }

  if (r->chunked) {
    // Kept aside until the chunk ends without an error
    if (r->n_pending == r->pending_cap) {
      const size_t   cap = r->pending_cap ? r->pending_cap * 2U : 16U;
      Pending* const pending =
        (Pending*)kg_reallocarray(r->pending, cap, sizeof(Pending));
      if (!pending) {
        r->status = KG_BAD_ALLOC;
        return SERD_ERR_INTERNAL;
      }
      r->pending     = pending;
      r->pending_cap = cap;
    }
    const Pending t            = {s, p, o, g, r->last};
    r->pending[r->n_pending++] = t;
    return SERD_SUCCESS;
  }

  return add_quad(r, s, p, o, g, r->last) ? SERD_ERR_INTERNAL : SERD_SUCCESS;
}

/*
  Reading
*/

/// Start a chunk of the input (lax mode) where the last one ended.
static void
begin_chunk(Reader* const r)
{
  if (r->by_line) {
    if (r->after_nl) {
      ++r->line;
      r->col      = 0U;
      r->after_nl = false;
    }
    r->chunk_line = r->line;
    r->chunk_col  = r->col;
    r->fnb        = 0U;
    r->lnb        = 0U;
  } else {
    r->chunk_line = r->after_nl ? r->line + 1U : r->line;
    r->chunk_col  = r->after_nl ? 0U : r->col;
  }
  r->chunk_end = false;
  r->chunk_bad = false;
  r->past_end  = 0U;
  r->n_pending = 0U;
}

/// End a chunk (lax mode): add its triples if it had no error.
static void
end_chunk(Reader* const r, const SerdStatus sst)
{
  if (r->by_line && r->buf_pos && r->buf[r->buf_pos - 1U] == '\n') {
    r->after_nl = true;
  }

  if (sst > SERD_FAILURE && !r->chunk_bad && !r->status) {
    // serd gave up without a word
    r->chunk_bad = true;
    ++r->core.n_errors;
    const KgCaret caret = {r->input->name, r->chunk_line, r->chunk_col + 1U};
    kg_log(&r->core.options->log,
           KG_LOG_WARNING,
           caret,
           "cannot parse this %s statement",
           kg_syntax_name(r->syntax));
  }

  if (!r->chunk_bad && !r->status) {
    for (size_t i = 0U; i < r->n_pending && !r->status; ++i) {
      const Pending* const t = &r->pending[i];
      r->last                = t->origin;
      add_quad(r, t->s, t->p, t->o, t->g, t->origin);
    }
  }
  r->n_pending = 0U;
}

static void
reader_fini(Reader* const r)
{
  for (size_t i = 0U; i < r->prefix_iris_cap; ++i) {
    kg_buffer_fini(&r->prefix_iris[i]);
  }
  kg_free(r->prefix_iris);
  kg_terms_fini(&r->prefix_names);
  kg_free(r->queue);
  kg_free(r->pending);
  kg_buffer_fini(&r->base);
  kg_buffer_fini(&r->iri);
  kg_read_core_fini(&r->core);
}

KgStatus
kg_read_serd(KgGraph* const             graph,
             KgInput* const             input,
             const KgSyntax             syntax,
             const char* const          base,
             const KgReadOptions* const options)
{
  Reader* const r = (Reader*)kg_calloc(1U, sizeof(Reader));
  if (!r) {
    return KG_BAD_ALLOC;
  }

  kg_read_core_init(&r->core, graph, options, r, &hooks, false);
  r->input      = input;
  r->syntax     = syntax;
  r->line       = 1U;
  r->prev_line  = 1U;
  r->scan_line  = 1U;
  r->scan_start = true;
  r->chunk_line = 1U;
  r->last.line  = 1U;

  KgStatus st      = kg_read_begin(&r->core, input, base);
  r->last.document = r->core.doc;
  if (!st && base && *base) {
    st = kg_buffer_append_str(&r->base, base);
  }

  SerdReader* const reader =
    st ? NULL
       : serd_reader_new((SerdSyntax)kg_syntax_serd(syntax),
                         r,
                         NULL,
                         on_base,
                         on_prefix,
                         on_statement,
                         NULL);
  if (!st && !reader) {
    st = KG_BAD_ALLOC;
  }

  if (!st) {
    serd_reader_set_strict(reader, !(options->flags & KG_READ_LAX));
    serd_reader_set_error_sink(reader, on_serd_error, r);

    const bool by_byte = syntax == KG_SYNTAX_TURTLE;
    r->stack_base      = frame_address();
    r->chunked         = options->flags & KG_READ_LAX;
    r->by_line         = r->chunked && !by_byte;
    SerdStatus sst     = SERD_SUCCESS;
    if (r->chunked) {
      do {
        begin_chunk(r);
        const SerdStatus cst =
          serd_reader_read_source(reader,
                                  by_byte ? read_byte : read_line,
                                  stream_error,
                                  r,
                                  (const uint8_t*)input->name,
                                  by_byte ? 1U : LINE_PAGE_SIZE);
        end_chunk(r, cst);
      } while (!r->status && !r->stopped && !r->at_eof &&
               !kg_input_failed(input));
    } else {
      sst = serd_reader_read_source(reader,
                                    by_byte ? read_byte : read_page,
                                    stream_error,
                                    r,
                                    (const uint8_t*)input->name,
                                    by_byte ? 1U : PAGE_SIZE);
    }

    st = kg_read_end(&r->core, input, r->status);
    if (!st && sst > SERD_FAILURE) {
      if (!r->core.n_errors) {
        kg_log(&options->log,
               KG_LOG_ERROR,
               reader_caret(r),
               "cannot parse %s (serd status %d)",
               kg_syntax_name(syntax),
               (int)sst);
      }
      st = KG_BAD_SYNTAX;
    }
  }

  serd_reader_free(reader);
  reader_fini(r);
  kg_free(r);
  return st;
}
