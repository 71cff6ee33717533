// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/**
   @file graph.h An in-memory RDF graph with interned terms.

   A KgGraph owns every term in it: a term is a KgTermId, a number that is
   0 (KG_NO_TERM) for "no term" and stays valid until the graph is freed.
   Strings passed in (KgStringView) are copied: the caller keeps them.
   Views and arrays handed out are borrowed from the graph, valid for as
   long as this header says.

   Threads: a graph may be read from several threads at once, but only
   when no thread modifies it; distinct graphs are independent.

   Build a graph and write it (syntax.h) as Turtle:

   @code
   KgGraph* const g = kg_graph_new();
   if (!g) {
     return 1;
   }
   const KgTermId knows = kg_graph_iri(g, KG_SV(FOAF "knows"));
   const KgTermId name  = kg_graph_iri(g, KG_SV(FOAF "name"));
   const KgTermId alice = kg_graph_iri(g, KG_SV("http://example.org/alice"));
   const KgTermId bob   = kg_graph_fresh_blank(g);
   const KgTermId text =
     kg_graph_literal(g, KG_SV("Bob"), KG_NO_TERM, KG_SV(""));

   const KgWriteOptions options = {
     KG_SYNTAX_TURTLE, {kg_log_to_stream, stderr}, 0U, NULL};
   KgStatus st = KG_BAD_ALLOC;
   if (knows && name && alice && bob && text &&
       !(st = kg_graph_set_prefix(g, KG_SV("foaf"), KG_SV(FOAF))) &&
       !(st = kg_graph_add(g, alice, knows, bob)) &&
       !(st = kg_graph_add(g, bob, name, text))) {
     st = kg_graph_write(g, stdout, &options);
   }
   kg_graph_free(g);
   return st ? 1 : 0;
   @endcode

   (With `#define FOAF "http://xmlns.com/foaf/0.1/"`; tests/unit/
   test_build_api.c compiles and runs this code.)  kg_graph_write_file()
   writes a file instead, atomically, in the syntax of its extension.
*/

#ifndef KG_GRAPH_H
#define KG_GRAPH_H

#include <kgraph/status.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The id of a term interned in a graph; 0 means "no term".
typedef uint32_t KgTermId;

/// The id of no term.
#define KG_NO_TERM ((KgTermId)0U)

/// The kind of an RDF term.
typedef enum {
  KG_TERM_NONE,    ///< Not a term (id 0 or out of range)
  KG_TERM_IRI,     ///< An absolute IRI
  KG_TERM_BLANK,   ///< A blank node
  KG_TERM_LITERAL, ///< A literal with a datatype or a language tag
} KgTermKind;

/// A triple of term ids.
typedef struct {
  KgTermId s; ///< Subject (IRI or blank node)
  KgTermId p; ///< Predicate (IRI)
  KgTermId o; ///< Object (any term)
} KgTriple;

/// Where a triple came from: an index into the graph's documents and a line.
typedef struct {
  uint32_t line;     ///< Line (from 1), or 0 if unknown
  uint16_t column;   ///< Column (bytes, from 1), or 0 if unknown
  uint16_t document; ///< Document index (from 1), or 0 if unknown
} KgOrigin;

/// A set of triples over interned terms.
typedef struct KgGraphImpl KgGraph;

/// Well-known IRIs.
#define KG_RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define KG_RDFS_NS "http://www.w3.org/2000/01/rdf-schema#"
#define KG_XSD_NS "http://www.w3.org/2001/XMLSchema#"
#define KG_OWL_NS "http://www.w3.org/2002/07/owl#"
#define KG_RDF_TYPE KG_RDF_NS "type"
#define KG_RDF_FIRST KG_RDF_NS "first"
#define KG_RDF_REST KG_RDF_NS "rest"
#define KG_RDF_NIL KG_RDF_NS "nil"
#define KG_RDF_LANGSTRING KG_RDF_NS "langString"
#define KG_XSD_STRING KG_XSD_NS "string"

/**
   @defgroup kg_graph Graph
   @{
*/

/// Create a new, empty graph, or return NULL if memory runs out; free it
/// with kg_graph_free().
KG_API KgGraph*
kg_graph_new(void);

/// Free `graph` and every term in it; NULL does nothing.
KG_API void
kg_graph_free(KgGraph* graph);

/// Return the number of triples in `graph`.
KG_API size_t
kg_graph_size(const KgGraph* graph);

/**
   Return the triples of `graph` in the order they were first added.

   The array holds kg_graph_size() triples and is valid until the graph is
   next modified.
*/
KG_API const KgTriple*
kg_graph_triples(const KgGraph* graph);

/**
   Return where triple number `index` (see kg_graph_triples()) came from.

   Its fields are 0 where unknown.
*/
KG_API KgOrigin
kg_graph_origin(const KgGraph* graph, size_t index);

/**
   Return a caret for triple number `index`, with the document's name.

   The caret borrows strings owned by `graph`.
*/
KG_API KgCaret
kg_graph_caret(const KgGraph* graph, size_t index);

/**
   Add the triple (`s`, `p`, `o`) to `graph`.

   `s` must be an IRI or blank node, `p` an IRI, `o` any term of `graph`.

   @return KG_SUCCESS, KG_FAILURE if the triple was already present,
   KG_BAD_ARG if a term is not of a kind allowed at its position,
   or KG_BAD_ALLOC; on error `graph` is unchanged.
*/
KG_API KG_NODISCARD KgStatus
kg_graph_add(KgGraph* graph, KgTermId s, KgTermId p, KgTermId o);

/// Like kg_graph_add(), and record where the triple came from.
KG_API KG_NODISCARD KgStatus
kg_graph_add_at(KgGraph* graph,
                KgTermId s,
                KgTermId p,
                KgTermId o,
                KgOrigin origin);

/// Return true iff the default graph of `graph` holds (`s`, `p`, `o`).
KG_API bool
kg_graph_contains(const KgGraph* graph, KgTermId s, KgTermId p, KgTermId o);

/**
   @}
   @defgroup kg_quad Named graphs

   A KgGraph is an RDF dataset: each triple is in the default graph or in a
   graph named by an IRI or a blank node.  Formats that cannot say which
   graph a triple is in refuse a dataset with named graphs.
   @{
*/

/**
   Add the triple (`s`, `p`, `o`) to the graph named `g` (KG_NO_TERM: the
   default graph), recording where it came from.

   @return As kg_graph_add(); KG_BAD_ARG also if `g` is not an IRI or a
   blank node.
*/
KG_API KG_NODISCARD KgStatus
kg_graph_add_quad(KgGraph* graph,
                  KgTermId s,
                  KgTermId p,
                  KgTermId o,
                  KgTermId g,
                  KgOrigin origin);

/// Return true iff `graph` holds (`s`, `p`, `o`) in the graph named `g`.
KG_API bool
kg_graph_contains_quad(const KgGraph* graph,
                       KgTermId       s,
                       KgTermId       p,
                       KgTermId       o,
                       KgTermId       g);

/// Return the graph name of triple number `index`, or KG_NO_TERM (default).
KG_API KgTermId
kg_graph_name(const KgGraph* graph, size_t index);

/// Return true iff some triple of `graph` is in a named graph.
KG_API bool
kg_graph_has_names(const KgGraph* graph);

/**
   @}
   @addtogroup kg_graph
   @{
*/

/**
   Add every triple of `src` to `dst`, with its terms and prefixes.

   Blank nodes of `src` become blank nodes of a new scope of `dst`, so they
   never merge with blank nodes already in `dst`.

   @return KG_SUCCESS or KG_BAD_ALLOC (`dst` then holds part of `src`).
*/
KG_API KG_NODISCARD KgStatus
kg_graph_add_graph(KgGraph* dst, const KgGraph* src);

/**
   Return true iff `a` and `b` are isomorphic: equal up to a renaming of
   blank nodes (RDF 1.1 Concepts, section 3.6), graph names included.

   Graphs are compared by colour refinement and a search; datasets with
   named graphs by their canonical forms (RDFC-1.0), with its work limit.

   @param status If not NULL, set to KG_SUCCESS, or KG_BAD_ALLOC if memory
   ran out, or KG_BAD_LIMIT if a dataset is too symmetric to canonicalize
   (then the result is false).
*/
KG_API bool
kg_graph_is_isomorphic(const KgGraph* a, const KgGraph* b, KgStatus* status);

/**
   @}
   @defgroup kg_term Terms
   @{
*/

/// Return the number of term ids in `graph`; valid ids are 1 to this.
KG_API size_t
kg_graph_n_terms(const KgGraph* graph);

/**
   Intern the IRI `iri` in `graph` and return its id.

   `iri` is copied and taken as it is (the caller checks it, see
   kg_iri_check()): an absolute IRI such as "http://example.org/a".
   Interning the same IRI again returns the same id.

   @return The term id, or KG_NO_TERM if memory runs out.
*/
KG_API KgTermId
kg_graph_iri(KgGraph* graph, KgStringView iri);

/**
   Return a new blank-node scope of `graph`.

   Two blank nodes are the same term exactly when they have the same label in
   the same scope.  Each input document gets its own scope, so `_:b0` in two
   documents names two nodes.
*/
KG_API uint32_t
kg_graph_new_scope(KgGraph* graph);

/**
   Intern the blank node labelled `label` (copied) in `scope` (from
   kg_graph_new_scope()), and return its id: the same label in the same
   scope gives the same id.

   @return The term id, or KG_NO_TERM if memory runs out.
*/
KG_API KgTermId
kg_graph_blank(KgGraph* graph, KgStringView label, uint32_t scope);

/**
   Intern a fresh blank node, different from every other term of `graph`,
   and return its id: the way to make an anonymous node when building a
   graph.  Writers may label it differently.

   @return The term id, or KG_NO_TERM if memory runs out.
*/
KG_API KgTermId
kg_graph_fresh_blank(KgGraph* graph);

/**
   Intern a literal in `graph` and return its id.

   `lexical` and `lang` are copied.  A literal has a language tag or a
   datatype, not both: with a `lang`, `datatype` must be KG_NO_TERM.

   @param lexical The lexical form (any bytes of valid UTF-8, NUL included).
   @param datatype The datatype IRI, or KG_NO_TERM for xsd:string, or for
   rdf:langString if `lang` is not empty.
   @param lang The language tag, or an empty view; it is lower-cased.
   @return The term id, or KG_NO_TERM if memory runs out or `datatype` is
   not an IRI of `graph`.
*/
KG_API KgTermId
kg_graph_literal(KgGraph*     graph,
                 KgStringView lexical,
                 KgTermId     datatype,
                 KgStringView lang);

/**
   Intern the IRI that the prefixed name `curie` ("kg:Company") stands for
   with the prefixes of `graph` (see kg_graph_set_prefix()), and return its
   id.

   The prefix is the text before the first colon (it may be empty, as in
   ":a"), and the rest is appended to its namespace as it is: no escapes
   are undone and nothing is checked.  `curie` is borrowed for the call.

   @param status If not NULL, set to KG_SUCCESS; KG_BAD_ARG if `curie` has
   no colon or its prefix is not one of `graph`; or KG_BAD_ALLOC.
   @return The term id, or KG_NO_TERM on failure.
*/
KG_API KgTermId
kg_graph_curie(KgGraph* graph, KgStringView curie, KgStatus* status);

/// Return the id of `iri` if it is interned in `graph`, else KG_NO_TERM;
/// never adds a term.
KG_API KgTermId
kg_graph_find_iri(const KgGraph* graph, KgStringView iri);

/// Return the kind of term `id`, KG_TERM_NONE if it is not a term.
KG_API KgTermKind
kg_term_kind(const KgGraph* graph, KgTermId id);

/// Return true iff `id` is a blank node.
KG_API bool
kg_term_is_blank(const KgGraph* graph, KgTermId id);

/**
   Return the text of term `id`: the IRI, the blank node's label, or the
   literal's lexical form.

   The view is NUL-terminated (a literal may also contain NUL) and stays
   valid until `graph` is freed.
*/
KG_API KgStringView
kg_term_text(const KgGraph* graph, KgTermId id);

/// Return the datatype IRI of literal `id` (never 0 for a literal).
KG_API KgTermId
kg_term_datatype(const KgGraph* graph, KgTermId id);

/// Return the lower-cased language tag of literal `id`, or an empty view.
KG_API KgStringView
kg_term_lang(const KgGraph* graph, KgTermId id);

/// Return the scope of blank node `id`, or 0.
KG_API uint32_t
kg_term_scope(const KgGraph* graph, KgTermId id);

/**
   Compare terms `a` and `b` of `graph` in kgraph's stable term order: IRIs,
   then blank nodes, then literals; IRIs by bytes; blank nodes by label,
   then scope; literals by lexical form, then language, then datatype.

   @return A negative number, 0 or a positive number.
*/
KG_API int
kg_term_compare(const KgGraph* graph, KgTermId a, KgTermId b);

/**
   Return term `id` written for people: an IRI as `prefix:local` when a
   prefix of `graph` or of a well-known vocabulary (rdf, rdfs, xsd, owl,
   schema, foaf, prov, skos, dcterms, org, time) fits, else as `<iri>`; a
   blank node as `_:label`; a literal in Turtle syntax.

   @return A string to free with kg_free(), or NULL if memory runs out.
*/
KG_API char*
kg_term_to_string(const KgGraph* graph, KgTermId id);

/**
   @}
   @defgroup kg_index Lookups
   @{
*/

/// A position in a triple.
typedef enum {
  KG_SUBJECT,   ///< The subject
  KG_PREDICATE, ///< The predicate
  KG_OBJECT,    ///< The object
} KgPosition;

/**
   Build the index of `graph` by `position`, if it is not already built.

   Modifying the graph drops its indexes.

   @return KG_SUCCESS or KG_BAD_ALLOC.
*/
KG_API KG_NODISCARD KgStatus
kg_graph_index(KgGraph* graph, KgPosition position);

/**
   Return the triples with `term` at `position`, as indices into
   kg_graph_triples(), in the order they were added.

   The index for `position` must have been built with kg_graph_index();
   otherwise `*n` is set to 0 and NULL is returned.  The array is valid
   until the graph is next modified.
*/
KG_API const uint32_t*
kg_graph_lookup(const KgGraph* graph,
                KgPosition     position,
                KgTermId       term,
                size_t*        n);

/**
   Return the object of the first triple (`s`, `p`, ?), or KG_NO_TERM.

   Uses the subject index if it is built, else scans the graph.
*/
KG_API KgTermId
kg_graph_object(const KgGraph* graph, KgTermId s, KgTermId p);

/**
   @}
   @defgroup kg_prefix Prefixes and documents
   @{
*/

/**
   Record the prefix `name` (without its colon) for namespace `iri`, as
   declared by a document or by a program that builds `graph`.

   Both views are copied.  Writers of Turtle and RDF/XML abbreviate IRIs
   with the prefixes of the graph (sorted by name).  The first declaration
   of a name wins; later ones with another IRI are ignored.

   @return KG_SUCCESS, KG_FAILURE if ignored (also when the same name and
   IRI are already recorded), or KG_BAD_ALLOC.
*/
KG_API KG_NODISCARD KgStatus
kg_graph_set_prefix(KgGraph* graph, KgStringView name, KgStringView iri);

/// Return the number of prefixes recorded in `graph`.
KG_API size_t
kg_graph_n_prefixes(const KgGraph* graph);

/// Get prefix number `index`, in the order recorded; views owned by `graph`.
KG_API void
kg_graph_prefix(const KgGraph* graph,
                size_t         index,
                KgStringView*  name,
                KgStringView*  iri);

/// Return the namespace of prefix `name`, or an empty view if unknown.
KG_API KgStringView
kg_graph_find_prefix(const KgGraph* graph, KgStringView name);

/**
   Record a document name and return its index (from 1), for origins.

   @return The index, or 0 if memory runs out or there are too many.
*/
KG_API uint16_t
kg_graph_add_document(KgGraph* graph, const char* name);

/// Return the name of document `index`, or NULL.
KG_API const char*
kg_graph_document(const KgGraph* graph, uint16_t index);

/** @} */

#ifdef __cplusplus
} // extern "C"
#endif

#endif // KG_GRAPH_H
