// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph push: a triple store's answer made into a message for people (the
// text of an HTML error page, the lines of a plain one, joined and cut).
// Nothing here talks to the network or prints.

#ifndef KG_CLI_PUSH_TEXT_H
#define KG_CLI_PUSH_TEXT_H

#include <stddef.h>

/// The longest store's message shown in an error, in bytes (without "...").
#define KG_PUSH_MAX_MESSAGE 300U

/// The bytes kept of the start of an answer's body, with a closing NUL.
#define KG_PUSH_BODY_SIZE 4096U

/**
   Return the reason phrase of HTTP status `code` ("Not Found"), for answers
   whose status line has none (HTTP/2 and later), or "" if it is not one a
   store is expected to send.  The string is static.
*/
const char*
kg_push_reason_phrase(long code);

/**
   Turn the HTML from `p` to `end` into lines of text in `out` (of `size`
   bytes, at least 1): elements of the head, scripts and styles are dropped,
   block tags end lines, inline tags vanish, and the common entities are
   decoded.  Whatever does not fit is dropped.

   @return The length of the text, which `out` ends with a NUL after.
*/
size_t
kg_push_html_to_text(const char* p, const char* end, char* out, size_t size);

/**
   Write into `out` (of `size` bytes, at least KG_PUSH_MAX_MESSAGE + 4 to
   have room for "..." when the message is cut) the store's message, for
   people: the lines of text of `body` (for HTML, by `content_type` or a
   first '<', the text outside of tags), trimmed and joined with ": " (or a
   space after a punctuation mark), with runs of white space made one space,
   without a line that only repeats the status ("HTTP/1.1 500 ..."), and cut
   at KG_PUSH_MAX_MESSAGE bytes, at a character boundary, with "...".  Only
   the first KG_PUSH_BODY_SIZE - 1 bytes of `body` count, and plain text
   ends at a NUL.  Other controls stay, for the caller to escape.

   @param content_type The answer's Content-Type, or "".
   @param body The start of the answer's body (`body_len` bytes).
*/
void
kg_push_summarize(const char* content_type,
                  const char* body,
                  size_t      body_len,
                  char*       out,
                  size_t      size);

#endif // KG_CLI_PUSH_TEXT_H
