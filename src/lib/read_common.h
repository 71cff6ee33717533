// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_READ_COMMON_H
#define KG_SRC_READ_COMMON_H

#include "buffer.h"
#include "formats.h"
#include "intern.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>
#include <kgraph/text.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
   What a reader does around the core's reports.  Every function gets the
   reader's handle (KgReadCore::reader).
*/
typedef struct {
  /// Return where the current statement or event is.
  KgCaret (*caret)(const void* reader);

  /// Return true iff errors now go unsaid (the rest of a dropped statement).
  bool (*silent)(const void* reader);

  /// After an error was reported: stop (strict) or drop the statement (lax).
  void (*recover)(void* reader, KgStatus st);

  /// Stop reading with `st` (out of memory, or a limit).
  void (*stop)(void* reader, KgStatus st);
} KgReadHooks;

/**
   The part of a reader that both readers (read_turtle.c, read_rdfxml.c)
   share: the graph, the options, the count of errors, the scratch buffer of
   messages and the cache of recent IRIs, with the checks and reports that
   work on them.  Each reader embeds one and says, through its hooks, where
   it is and what an error does to it.
*/
typedef struct {
  KgGraph*             graph;
  const KgReadOptions* options;
  void*                reader;   ///< The handle passed to the hooks
  const KgReadHooks*   hooks;    ///< What the reader does
  bool                 lax;      ///< Keep going after errors (warnings)
  bool                 absolute; ///< IRIs must be absolute (RDF/XML)
  size_t               n_errors; ///< Errors and warnings reported
  uint32_t             scope;    ///< Scope of blank node labels
  uint16_t             doc;      ///< Document index for origins
  KgBuffer             msg;      ///< Scratch: message text
  KgIriCache           cache;    ///< Recent IRIs
} KgReadCore;

/// Set up `core` for reading into `graph`.
void
kg_read_core_init(KgReadCore*          core,
                  KgGraph*             graph,
                  const KgReadOptions* options,
                  void*                reader,
                  const KgReadHooks*   hooks,
                  bool                 absolute);

/// Free what `core` holds (not the core itself).
void
kg_read_core_fini(KgReadCore* core);

/**
   Start reading `input`: open a new scope of blank node labels and the
   document of `input` in core->graph, then check the base IRI `base`
   (NULL or "": none), which is reported (with no caret) unless it is an
   absolute IRI.

   @return KG_SUCCESS, KG_BAD_ALLOC or KG_BAD_URI.
*/
KG_NODISCARD KgStatus
kg_read_begin(KgReadCore* core, const KgInput* input, const char* base);

/**
   Return the status of a read of `input` that ended with `st`: if reading
   `input` failed, report it (with no caret) and return KG_BAD_READ.
*/
KG_NODISCARD KgStatus
kg_read_end(const KgReadCore* core, const KgInput* input, KgStatus st);

/**
   Report an error (a warning in lax mode) at the reader's caret, unless
   the reader is silent, and let the reader recover.

   @return `st`, passed through for `return kg_read_error(...)`: the reader
   has already recovered or stopped, so the result may be ignored (this is
   why it is not KG_NODISCARD).
*/
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
KgStatus
kg_read_error(KgReadCore* core, KgStatus st, const char* fmt, ...);

/**
   Report an error that stops the read even in lax mode (a limit), and
   stop with `st`; the rest of the read is strict.

   @return `st`, passed through as kg_read_error() does (not KG_NODISCARD:
   the reader has stopped with it).
*/
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
KgStatus
kg_read_fatal(KgReadCore* core, KgStatus st, const char* fmt, ...);

/// Stop the read for lack of memory.
void
kg_read_out_of_memory(KgReadCore* core);

/**
   Take the status `st` of adding a statement to core->graph
   (kg_graph_add_quad()): a full graph is reported as an error that stops
   the read even in lax mode, and any other failure stops it too.

   @return KG_SUCCESS if the statement is in the graph (added or already
   there), else `st`, with the reader stopped.
*/
KgStatus
kg_read_added(KgReadCore* core, KgStatus st);

/**
   Resolve the relative IRI reference `ref` against `base` into `iri`,
   reporting a missing base and a reference that cannot be resolved.

   @return KG_SUCCESS, KG_BAD_URI after a report, or KG_BAD_ALLOC (not
   reported).
*/
KG_NODISCARD KgStatus
kg_read_resolve(KgReadCore*  core,
                KgBuffer*    iri,
                KgStringView base,
                KgStringView ref);

/**
   Return `text` for a message, quoted and cut to a readable length, in
   core->msg (valid until the next use of it).
*/
const char*
kg_read_quoted(KgReadCore* core, KgStringView text);

/// Check the text of an IRI (UTF-8, forbidden characters, and absolute if
/// core->absolute), and report what is wrong with it.
KG_NODISCARD KgStatus
kg_read_check_iri(KgReadCore* core, KgStringView iri);

/**
   Intern the IRI `iri`, checking its text if it is new (then set `added`,
   which may be NULL).  A text refused once (in lax mode) is refused again
   each time it comes back.

   @return The term, or 0 after a report.
*/
KgTermId
kg_read_intern_iri(KgReadCore* core, KgStringView iri, bool* added);

/**
   Intern the absolute IRI `iri` through the cache of recent IRIs:
   predicates, classes and subjects come again and again.

   @return The term, or 0 after a report.
*/
KgTermId
kg_read_cached_iri(KgReadCore* core, KgStringView iri);

/**
   Set `index` to the index of the language tag `tag` (checked, not
   empty).

   @return KG_SUCCESS, or an error after a report (a malformed tag), or a
   stop (a limit, memory).
*/
KG_NODISCARD KgStatus
kg_read_lang(KgReadCore* core, KgStringView tag, uint16_t* index);

/**
   Return the literal `text` with `datatype`, or (if `datatype` is 0)
   language `lang` (0 for none), checking its text when it is new.

   @return The term, or 0 after a report.
*/
KgTermId
kg_read_literal(KgReadCore*  core,
                KgStringView text,
                KgTermId     datatype,
                uint16_t     lang);

#endif // KG_SRC_READ_COMMON_H
