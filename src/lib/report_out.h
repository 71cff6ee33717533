// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/**
   @file report_out.h What the Markdown, HTML and JSON reports share: a walk
   over an entity's statements, nested blank nodes included, and the
   escaping of the data for each medium.
*/

#ifndef KG_SRC_REPORT_OUT_H
#define KG_SRC_REPORT_OUT_H

#include "out.h"
#include "report.h"

#include <kgraph/graph.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/**
   How deep the reports show blank nodes nested in blank nodes.  A
   statement deeper than this is left out (KgReportWalk::n_hidden counts
   those just below the cut); the walk needs no recursion.
*/
#define KG_REPORT_MAX_NEST 32U

/// A walk over the statements of one entity, depth first.
typedef struct {
  const KgDiffReport* report;
  uint32_t            next[KG_REPORT_MAX_NEST + 1U]; ///< Next, per level
  uint32_t            end[KG_REPORT_MAX_NEST + 1U];  ///< End, per level
  unsigned            depth;    ///< Level of the statements now walked
  size_t              n_hidden; ///< Statements left out, too deep
} KgReportWalk;

/// What a step of a walk found.
typedef enum {
  KG_WALK_END,       ///< No more statements
  KG_WALK_STATEMENT, ///< A statement (or a pair: an edited value)
  KG_WALK_OPEN,      ///< A statement whose object's statements follow
  KG_WALK_CLOSE,     ///< The end of the statements of a nested object
} KgWalkStep;

/// Start walking the statements of `entity`.
void
kg_report_walk_init(KgReportWalk*         walk,
                    const KgDiffReport*   report,
                    const KgReportEntity* entity);

/**
   Take the next step of `walk`.

   @param statement Set to the statement, for KG_WALK_STATEMENT and
   KG_WALK_OPEN.
   @param partner Set to the added statement that pairs with a removed
   one (an edited value, neither with nested statements), else NULL.
   @param depth Set to the level of the statement (0 under the entity).
*/
KgWalkStep
kg_report_walk_next(KgReportWalk*             walk,
                    const KgReportStatement** statement,
                    const KgReportStatement** partner,
                    unsigned*                 depth);

/**
   Write a row of a table of statements: statement `s`, at `depth`, with
   the value it had (`old_value`, NULL if none: `s` was added) and the one
   it has (`new_value`, NULL if none: `s` was removed); an edited value has
   both, `new_value` the added statement that pairs with `s`.
*/
typedef void (*KgReportRowFunc)(KgOut*                   out,
                                void*                    handle,
                                const KgReportStatement* s,
                                const KgReportStatement* old_value,
                                const KgReportStatement* new_value,
                                unsigned                 depth);

/**
   Take a step of a walk: `step`, with the statement, partner and depth that
   kg_report_walk_next() set (`s` and `partner` are NULL for KG_WALK_CLOSE).
*/
typedef void (*KgReportStepFunc)(KgOut*                   out,
                                 void*                    handle,
                                 KgWalkStep               step,
                                 const KgReportStatement* s,
                                 const KgReportStatement* partner,
                                 unsigned                 depth);

/// Walk the statements of `entity`, calling `on_step` for every step (the
/// closing of nested statements too), and return how many were left out,
/// nested too deep.
size_t
kg_report_out_steps(KgOut*                out,
                    const KgDiffReport*   report,
                    const KgReportEntity* entity,
                    KgReportStepFunc      on_step,
                    void*                 handle);

/// Walk the statements of `entity` as rows, calling `row` for each, and
/// return how many were left out, nested too deep.
size_t
kg_report_out_rows(KgOut*                out,
                   const KgDiffReport*   report,
                   const KgReportEntity* entity,
                   KgReportRowFunc       row,
                   void*                 handle);

/// Media that the reports escape text for.
typedef enum {
  KG_MEDIUM_HTML,     ///< Text and attribute values of HTML
  KG_MEDIUM_MARKDOWN, ///< Text of Markdown (a table cell too)
  KG_MEDIUM_JSON,     ///< The inside of a JSON string
} KgMedium;

/**
   Write `text` from the data as text in `medium`, never as markup.

   Controls (C0, DEL, C1) and bidirectional controls become visible
   `\uXXXX`; in HTML, `& < > " '` become references; in Markdown, `& < >`
   become references and the punctuation that Markdown reads inline
   (backslash, backquote, `* _ [ ] | ~ $`) is escaped with a backslash;
   in JSON, `"` `\` controls, U+2028, U+2029 and `</` are escaped as RFC
   8259 allows.
*/
void
kg_report_out_text(KgOut* out, KgMedium medium, KgStringView text);

/// Return true if `iri` is an http or https IRI (any case), which a report
/// may link to.
bool
kg_report_is_web_iri(KgStringView iri);

/// Write the title of `report` as text in `medium`: "Changes", then
/// ": OLD → NEW" if the graphs are named.
void
kg_report_out_title(KgOut* out, KgMedium medium, const KgDiffReport* report);

/// Write `n`, with a space, then `one` if `n` is 1, else `many`.
void
kg_report_out_count(KgOut* out, size_t n, const char* one, const char* many);

/// Write the totals: entities changed, added and removed; triples removed
/// and added (as in "2 entities changed, 1 added, 0 removed; 1 triple
/// removed, 3 added").
void
kg_report_out_totals(KgOut* out, const KgDiffReport* report);

/**
   What a format writes of a report.  kg_report_out_write() calls `head`,
   then for each section (changed, added, removed entities) `section`, then
   `entity` for each of its `n` entities (`i` from 0), then `section_end`;
   then, for the classes and for the properties, `table`, `count` for each
   of its `n` rows (`i` from 0) and `table_end`, unless `n` is 0 and
   `empty_tables` is false; last it writes `foot`.  `section_end` and
   `table_end` may be NULL.
*/
typedef struct {
  void (*head)(KgOut* out, const KgDiffReport* report);
  void (*section)(KgOut* out, KgEntityChange change, size_t n);
  void (*entity)(KgOut*                out,
                 const KgDiffReport*   report,
                 const KgReportEntity* e,
                 size_t                i);
  void (*section_end)(KgOut* out, size_t n);
  void (*table)(KgOut* out, bool classes);
  void (*count)(KgOut* out, const KgReportCount* c, size_t i, bool classes);
  void (*table_end)(KgOut* out, size_t n);
  bool        empty_tables;
  const char* foot;
} KgReportFormat;

/**
   Write `report` to `stream` in `format`.

   @return KG_SUCCESS, KG_BAD_ALLOC, or KG_BAD_WRITE.
*/
KgStatus
kg_report_out_write(const KgReportFormat* format,
                    const KgDiffReport*   report,
                    FILE*                 stream);

#endif // KG_SRC_REPORT_OUT_H
