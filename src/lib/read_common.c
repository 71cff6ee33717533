// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// What the two readers share: reporting an error where the reader is,
// quoting user text in messages, checking and interning IRIs (through a
// cache of recent ones), language tags and literals.  The readers differ
// only in where they are and in what an error does to them (stop, or drop
// a statement), which they say through KgReadHooks.

#include "read_common.h"

#include "buffer.h"
#include "formats.h"
#include "graph.h"
#include "intern.h"
#include "iri.h"
#include "log.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>
#include <kgraph/text.h>

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/// The longest user text quoted in a message, in bytes.
#define QUOTE_MAX 200U

void
kg_read_core_init(KgReadCore* const          core,
                  KgGraph* const             graph,
                  const KgReadOptions* const options,
                  void* const                reader,
                  const KgReadHooks* const   hooks,
                  const bool                 absolute)
{
  memset(core, 0, sizeof(*core));
  core->graph    = graph;
  core->options  = options;
  core->reader   = reader;
  core->hooks    = hooks;
  core->lax      = options->flags & KG_READ_LAX;
  core->absolute = absolute;
}

void
kg_read_core_fini(KgReadCore* const core)
{
  kg_buffer_fini(&core->msg);
}

KgStatus
kg_read_begin(KgReadCore* const    core,
              const KgInput* const input,
              const char* const    base)
{
  core->scope = kg_graph_new_scope(core->graph);
  core->doc   = kg_graph_add_document(core->graph, input->name);
  if (!core->doc) {
    return KG_BAD_ALLOC;
  }

  const KgStringView view = kg_sv(base);
  if (view.len && (kg_utf8_check(view, NULL) || kg_iri_check(view, NULL) ||
                   !kg_iri_is_absolute(view))) {
    kg_log(&core->options->log,
           KG_LOG_ERROR,
           KG_NO_CARET,
           "base IRI '%s' is not an absolute IRI",
           base);
    return KG_BAD_URI;
  }
  return KG_SUCCESS;
}

KgStatus
kg_read_end(const KgReadCore* const core,
            const KgInput* const    input,
            const KgStatus          st)
{
  if (kg_input_failed(input)) {
    kg_log(&core->options->log,
           KG_LOG_ERROR,
           KG_NO_CARET,
           "cannot read '%s': %s",
           input->name,
           strerror(errno ? errno : EIO));
    return KG_BAD_READ;
  }
  return st;
}

/// Count and log a report at the reader's caret.
#if defined(__GNUC__)
__attribute__((format(printf, 3, 0)))
#endif
static void
report(KgReadCore* const core,
       const KgLogLevel  level,
       const char* const fmt,
       va_list           args)
{
  ++core->n_errors;
  kg_vlog(
    &core->options->log, level, core->hooks->caret(core->reader), fmt, args);
}

KgStatus
kg_read_error(KgReadCore* const core,
              const KgStatus    st,
              const char* const fmt,
              ...)
{
  if (core->hooks->silent(core->reader)) {
    return st;
  }

  va_list args;
  va_start(args, fmt);
  report(core, core->lax ? KG_LOG_WARNING : KG_LOG_ERROR, fmt, args);
  va_end(args);
  core->hooks->recover(core->reader, st);
  return st;
}

KgStatus
kg_read_fatal(KgReadCore* const core,
              const KgStatus    st,
              const char* const fmt,
              ...)
{
  va_list args;
  core->lax = false;
  va_start(args, fmt);
  report(core, KG_LOG_ERROR, fmt, args);
  va_end(args);
  core->hooks->stop(core->reader, st);
  return st;
}

void
kg_read_out_of_memory(KgReadCore* const core)
{
  core->hooks->stop(core->reader, KG_BAD_ALLOC);
}

KgStatus
kg_read_added(KgReadCore* const core, const KgStatus st)
{
  if (st <= KG_FAILURE) {
    return KG_SUCCESS;
  }
  if (st == KG_BAD_LIMIT) {
    return kg_read_fatal(core, st, "too many triples");
  }
  core->hooks->stop(core->reader, st);
  return st;
}

const char*
kg_read_quoted(KgReadCore* const core, const KgStringView text)
{
  kg_buffer_clear(&core->msg);
  if (kg_buffer_append_quoted(&core->msg, text, QUOTE_MAX)) {
    return "...";
  }
  return core->msg.data ? core->msg.data : "";
}

KgStatus
kg_read_resolve(KgReadCore* const  core,
                KgBuffer* const    iri,
                const KgStringView base,
                const KgStringView ref)
{
  if (!base.len) {
    return kg_read_error(core,
                         KG_BAD_URI,
                         "relative IRI '%s' and no base IRI to resolve it",
                         kg_read_quoted(core, ref));
  }

  const KgStatus st = kg_iri_resolve_into(iri, base, ref);
  return st == KG_BAD_URI
           ? kg_read_error(
               core, st, "cannot resolve IRI '%s'", kg_read_quoted(core, ref))
           : st;
}

KgStatus
kg_read_check_iri(KgReadCore* const core, const KgStringView iri)
{
  kg_buffer_clear(&core->msg);
  const KgStatus st = kg_iri_explain(&core->msg, iri, core->absolute);
  return st ? kg_read_error(
                core, st, "%s", core->msg.data ? core->msg.data : "bad IRI")
            : KG_SUCCESS;
}

KgTermId
kg_read_intern_iri(KgReadCore* const  core,
                   const KgStringView iri,
                   bool* const        added)
{
  KgStatus st = KG_SUCCESS;
  kg_buffer_clear(&core->msg);
  const KgTermId id = kg_terms_intern_iri(
    &core->graph->terms, iri, core->absolute, added, &core->msg, &st);
  if (st == KG_BAD_ALLOC) {
    kg_read_out_of_memory(core);
  } else if (st) {
    kg_read_error(core, st, "%s", core->msg.data ? core->msg.data : "bad IRI");
  }
  return id;
}

KgTermId
kg_read_cached_iri(KgReadCore* const core, const KgStringView iri)
{
  const size_t   slot = kg_iri_cache_slot(iri);
  const KgTermId hit =
    kg_iri_cache_find(&core->cache, &core->graph->terms, slot, iri);
  if (hit) {
    return hit; // Cached terms are valid IRIs
  }

  const KgTermId id = kg_read_intern_iri(core, iri, NULL);
  if (id) {
    core->cache.ids[slot] = id;
  }
  return id;
}

KgStatus
kg_read_lang(KgReadCore* const  core,
             const KgStringView tag,
             uint16_t* const    index)
{
  *index = 0U;
  if (!kg_langtag_is_valid(tag)) {
    return kg_read_error(core,
                         KG_BAD_SYNTAX,
                         "malformed language tag '%s'",
                         kg_read_quoted(core, tag));
  }

  if (!(*index = kg_terms_lang(&core->graph->terms, tag))) {
    if (kg_terms_langs_full(&core->graph->terms)) {
      // A limit, not a bad statement: an error even in lax mode
      return kg_read_fatal(core,
                           KG_BAD_LIMIT,
                           "language tag '%s' is one too many: a graph holds "
                           "at most %u distinct language tags",
                           kg_read_quoted(core, tag),
                           KG_MAX_LANGS - 1U);
    }
    kg_read_out_of_memory(core);
    return KG_BAD_ALLOC;
  }
  return KG_SUCCESS;
}

/// Report the invalid UTF-8 (or surrogate) at `off` in literal `text`.
static void
report_literal_text(KgReadCore* const  core,
                    const KgStringView text,
                    const size_t       off)
{
  const unsigned char* const b = (const unsigned char*)text.data + off;
  if (off + 3U <= text.len && b[0] == 0xEDU && b[1] >= 0xA0U && b[1] <= 0xBFU) {
    const unsigned cp = 0xD000U | ((b[1] & 0x3FU) << 6U) | (b[2] & 0x3FU);
    kg_read_error(core,
                  KG_BAD_TEXT,
                  "surrogate code point U+%04X in literal '%s'",
                  cp,
                  kg_read_quoted(core, text));
  } else {
    kg_read_error(core,
                  KG_BAD_TEXT,
                  "invalid UTF-8 in literal '%s'",
                  kg_read_quoted(core, text));
  }
}

KgTermId
kg_read_literal(KgReadCore* const  core,
                const KgStringView text,
                KgTermId           datatype,
                uint16_t           lang)
{
  KgGraph* const graph = core->graph;
  if (datatype) {
    lang = 0U;
    if (datatype == graph->rdf_langstring) {
      kg_read_error(
        core,
        KG_BAD_SYNTAX,
        "literal '%s' has datatype rdf:langString but no language tag",
        kg_read_quoted(core, text));
      return KG_NO_TERM;
    }
  } else {
    datatype = lang ? graph->rdf_langstring : graph->xsd_string;
  }

  bool           added = false;
  const KgTermId id    = kg_terms_intern(
    &graph->terms, KG_TERM_LITERAL, text, datatype, lang, &added);
  if (!id) {
    kg_read_out_of_memory(core);
    return KG_NO_TERM;
  }

  KgTerm* const t   = &graph->terms.terms[id];
  size_t        off = 0U;
  if ((added || (t->flags & KG_TERM_INVALID)) && kg_utf8_check(text, &off)) {
    t->flags |= KG_TERM_INVALID;
    report_literal_text(core, text, off);
    return KG_NO_TERM;
  }
  return id;
}
