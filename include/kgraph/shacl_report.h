// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/// @file shacl_report.h The SHACL validation report, as a graph.

#ifndef KG_SHACL_REPORT_H
#define KG_SHACL_REPORT_H

#include <kgraph/graph.h>
#include <kgraph/shacl.h>
#include <kgraph/status.h>

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
   A validation report being built: an sh:ValidationReport (SHACL 3.6)
   with one sh:result per validation result added.
*/
typedef struct KgShReportImpl KgShReport;

/**
   Make a report of the validation of `data` against the shapes read from
   `shapes_graph`, with no result yet (it conforms).

   The report holds the prefixes sh:, rdf: and xsd:, then those of `data`
   and of `shapes_graph`.  Both graphs must outlive the report; the subject
   index of `shapes_graph` is built (to copy complex paths).

   @return The report, or NULL if memory runs out.
*/
KG_API KgShReport*
kg_sh_report_new(KgGraph* shapes_graph, const KgGraph* data);

/// Free `report`; NULL does nothing.
KG_API void
kg_sh_report_free(KgShReport* report);

/**
   Add `result` (from kg_shapes_validate()) to `report` as an
   sh:ValidationResult, and make the report say sh:conforms false.

   The result has sh:focusNode, sh:resultSeverity,
   sh:sourceConstraintComponent and sh:sourceShape, and sh:value,
   sh:resultPath and sh:resultMessage (each message, with its language)
   where the result has them.  Blank nodes of the data and of the shapes
   graph become blank nodes of the report, the same node for the same node
   (a complex path is copied once, and shared: by the form the engine reads
   in it, its lists and nested paths and nothing else of its nodes); IRIs
   and literals are copied as they are.

   @return KG_SUCCESS, KG_BAD_ARG if a term of `result` is not a term of
   its graph, or KG_BAD_ALLOC (the report may then hold part of the
   result).
*/
KG_API KG_NODISCARD KgStatus
kg_sh_report_add(KgShReport* report, const KgShResult* result);

/**
   Return the number of results added to `report`.
*/
KG_API size_t
kg_sh_report_size(const KgShReport* report);

/**
   Return the report as a graph, valid until the report is next modified or
   freed.
*/
KG_API const KgGraph*
kg_sh_report_graph(const KgShReport* report);

/**
   Write `report` to `stream` in Turtle, with kgraph's Turtle writer
   (results nested as `[ ]` in the report, sorted, deterministic).

   @return KG_SUCCESS, KG_BAD_WRITE or KG_BAD_ALLOC (reported to `log`
   where the writer reports it).
*/
KG_API KG_NODISCARD KgStatus
kg_sh_report_write(const KgShReport* report, FILE* stream, KgLog log);

/// How deep kg_sh_path_to_string() writes nested paths; deeper ones are
/// written `...`.
#define KG_SH_PATH_MAX_NEST 32U

/**
   Return term `id` of `graph` in N-Triples syntax: `<iri>`, `_:label`,
   `"text"`, `"text"@lang` or `"text"^^<datatype>`.

   @return A string to free with kg_free(), or NULL if memory runs out or
   `id` is not a term of `graph`.
*/
KG_API char*
kg_sh_term_to_string(const KgGraph* graph, KgTermId id);

/**
   Return the SHACL property path `path` of `shapes_graph` in SPARQL 1.1
   property path syntax: `<p>`, `^<p>`, `<p>/<q>`, `<p>|<q>`, `<p>*`,
   `<p>+`, `<p>?`, with parentheses around nested sequences and
   alternatives and around a unary path under another.  Paths nested deeper than
   KG_SH_PATH_MAX_NEST levels are written `...`, and a node that is no
   well-formed path `?`.

   Uses the subject index of `shapes_graph` if it is built, else scans.

   @return A string to free with kg_free(), or NULL if memory runs out.
*/
KG_API char*
kg_sh_path_to_string(const KgGraph* shapes_graph, KgTermId path);

#ifdef __cplusplus
} // extern "C"
#endif

#endif // KG_SHACL_REPORT_H
