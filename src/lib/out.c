// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "out.h"

#include "graph.h"
#include "intern.h"
#include "log.h"
#include "order.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/text.h>

#include <stdint.h>
#include <stdio.h>

void
kg_out_init(KgOut* const out, FILE* const file)
{
  out->file       = file;
  out->sink       = NULL;
  out->len        = 0U;
  out->status     = KG_SUCCESS;
  out->for_people = false;
}

void
kg_out_init_buffer(KgOut* const out, KgBuffer* const sink)
{
  kg_out_init(out, NULL);
  out->sink = sink;
}

void
kg_out_drain(KgOut* const out)
{
  if (out->len && !out->status) {
    if (!out->file) {
      out->status = kg_buffer_append(out->sink, out->buf, out->len);
    } else if (fwrite(out->buf, 1U, out->len, out->file) != out->len) {
      out->status = KG_BAD_WRITE;
    }
  }
  out->len = 0U;
}

KgStatus
kg_out_flush(KgOut* const out)
{
  kg_out_drain(out);
  if (!out->status && out->file && fflush(out->file)) {
    out->status = KG_BAD_WRITE;
  }
  return out->status;
}

void
kg_out_uint(KgOut* const out, unsigned long long n)
{
  char   digits[24];
  size_t i = sizeof(digits);
  do {
    digits[--i] = (char)('0' + (n % 10U));
    n /= 10U;
  } while (n);
  kg_out_write(out, digits + i, sizeof(digits) - i);
}

static const char hex[] = "0123456789ABCDEF";

void
kg_out_uchar(KgOut* const out, const uint32_t c)
{
  const char esc[] = {'\\',
                      'u',
                      hex[(c >> 12U) & 0xFU],
                      hex[(c >> 8U) & 0xFU],
                      hex[(c >> 4U) & 0xFU],
                      hex[c & 0xFU]};
  kg_out_write(out, esc, sizeof(esc));
}

/**
   If a C1 or bidirectional control starts at byte `i` of `text`, write
   the run before it and the control as a UCHAR (`\uXXXX`), move `*start`
   past it and return its length less one (the bytes to skip); else return
   0 and write nothing.
*/
static size_t
out_hidden(KgOut* const       out,
           const KgStringView text,
           const size_t       i,
           size_t* const      start)
{
  const KgStringView rest = {text.data + i, text.len - i};
  const size_t       len  = kg_hidden_control_len(rest);
  if (!len) {
    return 0U;
  }

  size_t         used = 0U;
  const uint32_t c    = kg_utf8_next(rest, &used);
  kg_out_write(out, text.data + *start, i - *start);
  kg_out_uchar(out, c);
  *start = i + len;
  return len - 1U;
}

/// The second character of the two-character escape of each byte that
/// has one (N-Triples' ECHAR), or 0.
static const char short_escapes['\\' + 1] = {
  ['\b'] = 'b',
  ['\t'] = 't',
  ['\n'] = 'n',
  ['\f'] = 'f',
  ['\r'] = 'r',
  ['"']  = '"',
  ['\\'] = '\\',
};

void
kg_out_escaped(KgOut* const out, const KgStringView text)
{
  size_t start = 0U; // Start of the run of bytes written as they are
  for (size_t i = 0U; i < text.len; ++i) {
    const unsigned char c = (unsigned char)text.data[i];
    if (c >= 0x20U && c != '"' && c != '\\' && c != 0x7FU) {
      if (c >= 0xC2U && out->for_people) {
        i += out_hidden(out, text, i, &start);
      }
      continue;
    }

    kg_out_write(out, text.data + start, i - start);
    start        = i + 1U;
    const char e = c < sizeof(short_escapes) ? short_escapes[c] : '\0';
    if (e) {
      const char pair[2] = {'\\', e};
      kg_out_write(out, pair, 2U);
    } else {
      kg_out_uchar(out, c);
    }
  }
  kg_out_write(out, text.data + start, text.len - start);
}

void
kg_out_iriref(KgOut* const out, const KgStringView iri)
{
  kg_out_char(out, '<');
  size_t start = 0U;
  for (size_t i = 0U; i < iri.len; ++i) {
    const unsigned char c = (unsigned char)iri.data[i];
    if (c <= 0x20U || c == '<' || c == '>' || c == '"' || c == '{' ||
        c == '}' || c == '|' || c == '^' || c == '`' || c == '\\') {
      kg_out_write(out, iri.data + start, i - start);
      kg_out_uchar(out, c);
      start = i + 1U;
    } else if (c >= 0xC2U && out->for_people) {
      i += out_hidden(out, iri, i, &start);
    }
  }
  kg_out_write(out, iri.data + start, iri.len - start);
  kg_out_char(out, '>');
}

void
kg_out_blank(KgOut* const out, const KgOrder* const order, const KgTermId id)
{
  kg_out_write(out, "_:b", 3U);
  kg_out_uint(out, kg_order_blank_index(order, id));
}

void
kg_out_nt_term(KgOut* const         out,
               const KgGraph* const graph,
               const KgOrder* const order,
               const KgTermId       id)
{
  const KgTerm* const t    = kg_terms_get(&graph->terms, id);
  const KgStringView  text = {t->str, t->len};
  switch ((KgTermKind)t->kind) {
  case KG_TERM_IRI:
    if ((t->flags & KG_TERM_PLAIN) && !out->for_people) {
      kg_out_char(out, '<');
      kg_out_sv(out, text);
      kg_out_char(out, '>');
    } else {
      kg_out_iriref(out, text);
    }
    break;
  case KG_TERM_BLANK:
    if (order) {
      kg_out_blank(out, order, id);
    } else {
      kg_out_write(out, "_:", 2U);
      kg_out_sv(out, text);
    }
    break;
  case KG_TERM_LITERAL:
    kg_out_char(out, '"');
    if ((t->flags & KG_TERM_PLAIN) && !out->for_people) {
      kg_out_sv(out, text);
    } else {
      kg_out_escaped(out, text);
    }
    kg_out_char(out, '"');
    if (t->lang) {
      kg_out_char(out, '@');
      kg_out_sv(out, graph->terms.langs[t->lang]);
    } else if (t->aux != graph->xsd_string) {
      kg_out_write(out, "^^", 2U);
      kg_out_nt_term(out, graph, order, t->aux);
    }
    break;
  case KG_TERM_NONE:
    break;
  }
}
