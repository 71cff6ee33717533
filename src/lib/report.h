// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/**
   @file report.h A difference for people: by entity, with names and labels.

   A report is made once from a KgDiff and written in any format for
   people (text, summary, Markdown, HTML, JSON).  Every text in it is raw:
   each writer escapes it for its own medium (controls for a terminal,
   markup for HTML and Markdown, JSON strings).
*/

#ifndef KG_SRC_REPORT_H
#define KG_SRC_REPORT_H

#include "buffer.h"

#include <kgraph/diff.h>
#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/// What happened to an entity between the graphs.
typedef enum {
  KG_ENTITY_CHANGED, ///< Described in both graphs, differently
  KG_ENTITY_ADDED,   ///< Described only in the new graph
  KG_ENTITY_REMOVED, ///< Described only in the old graph
} KgEntityChange;

/// Return the name of section `change` ("changed", "added", "removed"),
/// as ids and keys of the reports.
const char*
kg_report_section_name(KgEntityChange change);

/// Return the title of section `change` ("Changed", "Added", "Removed").
const char*
kg_report_section_title(KgEntityChange change);

/// What happened to a statement.
typedef enum {
  KG_STATEMENT_REMOVED, ///< In the old graph only: a `-` line
  KG_STATEMENT_ADDED,   ///< In the new graph only: a `+` line
  KG_STATEMENT_KEPT,    ///< In both: shown only to reach a changed blank node
} KgStatementChange;

/// A term as people see it.
typedef struct {
  /**
     As Turtle writes it, with the prefixes of the inputs, then the
     ontology's, then the well-known vocabularies: `ds:DeepSeek`, `<IRI>`
     where no prefix fits, `"text"@en`, `"1"^^xsd:integer`, `42`, `true`;
     controls, C1 controls and direction overrides as `\uXXXX`.  A blank
     node is `_:label` (stable between runs) where no IRI reaches it, and
     empty where it is shown nested, as `[ ... ]`.
  */
  KgStringView text;
  KgStringView iri;   ///< The full IRI of an IRI, else empty
  KgStringView label; ///< Its label, by language then property, or empty
} KgShownTerm;

/// A statement (predicate and object) under its subject.
typedef struct {
  KgStatementChange change;

  /**
     True for a removed statement followed by the added statement that
     replaces its value (same predicate, one value each way): an edited
     value, shown as a `-` line then a `+` line.
  */
  bool paired;

  KgShownTerm predicate;
  KgShownTerm object;

  /// The object is a blank node shown nested: its statements are
  /// `statements[first_nested .. first_nested + n_nested)`.
  uint32_t first_nested;
  uint32_t n_nested;
} KgReportStatement;

/// An entity and its changes.
typedef struct {
  KgEntityChange change;
  KgShownTerm    name;  ///< Its IRI, or a blank node that no IRI reaches
  KgShownTerm    type;  ///< Its most specific class, or text empty
  uint32_t       first; ///< Its statements: statements[first .. first + n)
  uint32_t       n;
  size_t         n_removed; ///< Triples removed, nested ones included
  size_t         n_added;   ///< Triples added, nested ones included
} KgReportEntity;

/// How many triples changed with one predicate, or entities of one class.
typedef struct {
  KgShownTerm term;
  size_t      changed; ///< Entities changed (classes only)
  size_t      added;
  size_t      removed;
} KgReportCount;

/// A difference for people.
typedef struct {
  /**
     The entities: changed ones, then added, then removed; in each
     section by label (or name where there is none), then by name.
  */
  KgReportEntity* entities;
  size_t          n_entities;
  size_t          n_section[3]; ///< Entities per KgEntityChange

  KgReportStatement* statements;
  size_t             n_statements;

  size_t n_removed; ///< Triples removed, shown (after filters)
  size_t n_added;   ///< Triples added, shown (after filters)

  KgReportCount* predicates; ///< By predicate, by most changes first
  size_t         n_predicates;
  KgReportCount* classes; ///< By class (entities), by most changes first
  size_t         n_classes;

  KgStringView old_name; ///< What the old graph is called (a path), or empty
  KgStringView new_name; ///< Likewise for the new graph

  void* arena; ///< What the texts are kept in
} KgDiffReport;

/**
   Find the best label of each subject of `graph`: in language `lang` (NULL:
   "en") or one of its subtags, else without language, else any; within
   each, by kg_label_rank().

   @param labels Set to an array, per term id of `graph`, of its label (a
   literal) or 0, to free with kg_free().
   @return KG_SUCCESS or KG_BAD_ALLOC.
*/
KG_NODISCARD KgStatus
kg_find_labels(const KgGraph* graph, const char* lang, KgTermId** labels);

/**
   Make the report of `diff`.

   @param options Its log, and its ontology (prefixes and labels; may be
   NULL).
   @param view What to show (filters, language of labels, names of the
   graphs), or NULL for all of it.
   @return KG_SUCCESS, KG_BAD_ARG for an unknown focus (the log says
   which; a property that no graph uses is no error), or KG_BAD_ALLOC.
   The report holds copies of its texts: the graphs need not outlive it.
*/
KG_NODISCARD KgStatus
kg_diff_report_new(const KgDiff*         diff,
                   const KgWriteOptions* options,
                   const KgDiffView*     view,
                   KgDiffReport**        report);

/// Free `report`; NULL does nothing.
void
kg_diff_report_free(KgDiffReport* report);

/// Write `report` for a terminal: three sections, `-`/`+` lines, nested
/// blank nodes as `[ ... ]`, with ANSI colours if `color`.
KG_NODISCARD KgStatus
kg_report_write_text(const KgDiffReport* report, FILE* stream, bool color);

/// Write the counts by predicate and by class, then one line per entity.
KG_NODISCARD KgStatus
kg_report_write_summary(const KgDiffReport* report, FILE* stream, bool color);

/// Write `report` as Markdown: a table per section; no raw HTML.
KG_NODISCARD KgStatus
kg_report_write_markdown(const KgDiffReport* report, FILE* stream);

/// Write `report` as one self-contained HTML page (no network, no script
/// needed to read it; printable).
KG_NODISCARD KgStatus
kg_report_write_html(const KgDiffReport* report, FILE* stream);

/// Write `report` as JSON (documented in docs/diff.md).
KG_NODISCARD KgStatus
kg_report_write_json(const KgDiffReport* report, FILE* stream);

#endif // KG_SRC_REPORT_H
