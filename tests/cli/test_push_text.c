// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph push: the store's answer made into a message for people.

#include "push_text.h"

#include <criterion/criterion.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/// The buffer kgraph push gives kg_push_summarize().
#define OUT_SIZE (KG_PUSH_MAX_MESSAGE + 8U)

static const char*
summary(const char* content_type, const char* body)
{
  static char out[OUT_SIZE];
  memset(out, 0x80, sizeof(out)); // Not a NUL, nor a character's start
  kg_push_summarize(content_type, body, strlen(body), out, sizeof(out));
  return out;
}

/// Return true iff the `len` bytes at `s` are valid UTF-8.
static bool
is_utf8(const unsigned char* s, const size_t len)
{
  for (size_t i = 0U; i < len;) {
    const unsigned char c = s[i];
    const size_t        n = c < 0x80U              ? 1U
                            : (c & 0xE0U) == 0xC0U ? 2U
                            : (c & 0xF0U) == 0xE0U ? 3U
                            : (c & 0xF8U) == 0xF0U ? 4U
                                                   : 0U;
    if (!n || i + n > len) {
      return false;
    }
    for (size_t k = 1U; k < n; ++k) {
      if ((s[i + k] & 0xC0U) != 0x80U) {
        return false;
      }
    }
    i += n;
  }
  return true;
}

/*
  Real answers
*/

Test(push_text, virtuoso_html_page)
{
  // Virtuoso 7.2's answer to a Graph Store request it rejects
  const char* const page =
    "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html>\n  <head>\n"
    "    <title>SPARQL Graph Protocol request failed</title>\n  </head>\n"
    "  <body>\n    <h1>HTTP/1.1 500 Request Failed</h1>\n"
    "    <h3>Error 22023</h3>\n<xmp>The PUT request for graph &lt;urn:g&gt; "
    "is <b>rejected</b></xmp></body></html>";
  cr_assert_str_eq(
    summary("text/html; charset=UTF-8", page),
    "Error 22023: The PUT request for graph <urn:g> is rejected");
  // Found to be HTML by its first '<' without a Content-Type
  cr_assert_str_eq(
    summary("", page),
    "Error 22023: The PUT request for graph <urn:g> is rejected");
}

Test(push_text, virtuoso_text_message)
{
  // Virtuoso's SQL errors come as text, on several lines
  cr_assert_str_eq(
    summary("text/plain",
            "Virtuoso 42000 Error SR186:SECURITY: No permission to execute "
            "procedure DB.DBA.SPARQL_INSERT_DICT_CONTENT with user ID 107, "
            "group ID 107\n\nSPARQL query:\ndefine sql:big-data-const 0 "
            "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }\n"),
    "Virtuoso 42000 Error SR186:SECURITY: No permission to execute "
    "procedure DB.DBA.SPARQL_INSERT_DICT_CONTENT with user ID 107, group ID "
    "107: SPARQL query: define sql:big-data-const 0 INSERT DATA { GRAPH "
    "<urn:g> { <urn:a> <urn:b> <urn:c> } }");
}

Test(push_text, plain_text_lines)
{
  // Lines joined with ": ", or a space after punctuation; blank runs one
  // space; a line repeating the status left out
  cr_assert_str_eq(summary("text/plain",
                           "HTTP/1.1 400 Bad Request\r\n"
                           "Parse error on line 3:\n\n\t unexpected   token\n"
                           "  expected one of: IRI,\nliteral.\nend"),
                   "Parse error on line 3: unexpected token: expected one "
                   "of: IRI, literal. end");
  cr_assert_str_eq(summary("text/plain", ""), "");
  cr_assert_str_eq(summary("text/plain", " \n\r\n\t"), "");
}

Test(push_text, json_message)
{
  // As Oxigraph or GraphDB may answer: kept as the text it is
  cr_assert_str_eq(
    summary("application/json",
            "{\"error\": \"Bad Request\", \"message\": \"Invalid N-Triples: "
            "<urn:a> is not followed by a predicate\"}"),
    "{\"error\": \"Bad Request\", \"message\": \"Invalid N-Triples: "
    "<urn:a> is not followed by a predicate\"}");
  cr_assert_str_eq(
    summary("application/json", "{\n  \"message\": \"no\",\n  \"line\": 3\n}"),
    "{: \"message\": \"no\", \"line\": 3: }");
}

Test(push_text, controls_stay_for_the_caller)
{
  // White space becomes one space; other controls are the caller's to escape
  cr_assert_str_eq(summary("text/plain", "bad\x1b[31m\ttoken\x07\v\fend\x7f"),
                   "bad\x1b[31m token\x07 end\x7f");
}

Test(push_text, plain_text_ends_at_a_nul)
{
  const char body[] = "before\0after";
  char       out[OUT_SIZE];
  kg_push_summarize("text/plain", body, sizeof(body) - 1U, out, sizeof(out));
  cr_assert_str_eq(out, "before");
}

/*
  Long answers
*/

Test(push_text, long_line_is_cut)
{
  char body[1001];
  for (size_t i = 0U; i < 1000U; ++i) {
    body[i] = (char)('a' + i % 26U);
  }
  body[1000]            = '\0';
  const char* const out = summary("text/plain", body);
  cr_assert_eq(strlen(out), KG_PUSH_MAX_MESSAGE + 3U);
  cr_assert_eq(strncmp(out, body, KG_PUSH_MAX_MESSAGE), 0);
  cr_assert_str_eq(out + KG_PUSH_MAX_MESSAGE, "...");
}

Test(push_text, many_lines_are_cut_between_them)
{
  char   body[2000];
  size_t len = 0U;
  for (int i = 0; i < 100; ++i) {
    len += (size_t)snprintf(body + len, sizeof(body) - len, "line %d\n", i);
  }
  const char* const out = summary("text/plain", body);
  cr_assert(strlen(out) <= KG_PUSH_MAX_MESSAGE + 3U, "%s", out);
  cr_assert(!strncmp(out, "line 0: line 1: line 2: ", 24U), "%s", out);
  const size_t n = strlen(out);
  cr_assert(n > 3U && !strcmp(out + n - 3U, "..."), "%s", out);
}

Test(push_text, cut_at_a_character_boundary)
{
  // "é" is two bytes: after one byte of "a", the cut falls inside one
  for (size_t lead = 0U; lead < 4U; ++lead) {
    char   body[1000];
    size_t len = 0U;
    for (; len < lead; ++len) {
      body[len] = 'a';
    }
    while (len + 2U < sizeof(body)) {
      body[len++] = '\xC3';
      body[len++] = '\xA9';
    }
    body[len] = '\0';

    const char* const out = summary("text/plain; charset=UTF-8", body);
    const size_t      n   = strlen(out);
    cr_assert(n > 3U && !strcmp(out + n - 3U, "..."));
    cr_assert(is_utf8((const unsigned char*)out, n), "lead %zu", lead);
    // At most the one character that did not fit is dropped
    cr_assert(
      n - 3U >= KG_PUSH_MAX_MESSAGE - 1U, "lead %zu: %zu bytes", lead, n - 3U);
  }
}

Test(push_text, long_body_counts_its_start)
{
  // Only the start of the body is kept, and the summary comes from it
  static char body[3U * KG_PUSH_BODY_SIZE];
  memset(body, 'x', sizeof(body) - 1U);
  memcpy(body, "start ", 6U);
  char out[OUT_SIZE];
  kg_push_summarize("text/plain", body, sizeof(body) - 1U, out, sizeof(out));
  cr_assert(!strncmp(out, "start xxx", 9U), "%s", out);
  cr_assert_eq(strlen(out), KG_PUSH_MAX_MESSAGE + 3U);
}

/*
  HTML to text
*/

static const char*
text_of(const char* html)
{
  static char out[512];
  kg_push_html_to_text(html, html + strlen(html), out, sizeof(out));
  return out;
}

Test(push_text, html_hidden_elements)
{
  cr_assert_str_eq(text_of("<HEAD><Title>t</Title><style>p {}</style></HEAD>"
                           "<script type=\"x\">if (a < b) {}</script>x<br>y"),
                   "\n\nx\ny");
}

Test(push_text, html_inline_and_block_tags)
{
  cr_assert_str_eq(text_of("<p>one <b>two</b> <a href=\"#\">three</a></p>"
                           "<div>four<SPAN>five</SPAN></div>"),
                   "\none two three\n\nfourfive\n");
}

Test(push_text, html_entities)
{
  cr_assert_str_eq(
    text_of("&lt;a&gt; &amp; &quot;b&quot; &#39;c&apos;&nbsp;d &copy; &"),
    "<a> & \"b\" 'c' d &copy; &");
}

Test(push_text, html_unclosed)
{
  cr_assert_str_eq(text_of("a<b"), "a");
  cr_assert_str_eq(text_of("a<p"), "a\n");
  cr_assert_str_eq(text_of("a<script>never closed"), "a\n");
  cr_assert_str_eq(text_of("a</"), "a\n");
}

Test(push_text, html_fills_the_output)
{
  char       out[4];
  const char html[] = "<p>abcdef</p>";
  cr_assert_eq(
    kg_push_html_to_text(html, html + sizeof(html) - 1U, out, sizeof(out)), 3U);
  cr_assert_str_eq(out, "\nab");
}

Test(push_text, reason_phrases)
{
  cr_assert_str_eq(kg_push_reason_phrase(415), "Unsupported Media Type");
  cr_assert_str_eq(kg_push_reason_phrase(404), "Not Found");
  cr_assert_str_eq(kg_push_reason_phrase(299), "");
}
