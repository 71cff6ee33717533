// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/// @file syntax.h Reading and writing graphs in RDF syntaxes.

#ifndef KG_SYNTAX_H
#define KG_SYNTAX_H

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A document syntax.
typedef enum {
  KG_SYNTAX_NONE,     ///< Unknown
  KG_SYNTAX_TURTLE,   ///< Turtle (.ttl)
  KG_SYNTAX_NTRIPLES, ///< N-Triples (.nt)
  KG_SYNTAX_RDFXML,   ///< RDF/XML (.rdf, .owl, .xml)
  KG_SYNTAX_DOT,      ///< Graphviz DOT (.dot, .gv), written only
  KG_SYNTAX_NQUADS,   ///< N-Quads (.nq): N-Triples with graph names
} KgSyntax;

/**
   Return the syntax at `index` in kgraph's table of syntaxes, or NONE past
   its end.

   The table lists every syntax once, those kgraph reads first, in the order
   kg_syntax_list() gives; `for (i = 0; kg_syntax_at(i); ++i)` visits them.
*/
KG_API KgSyntax
kg_syntax_at(size_t index);

/// Return the syntax called `name` ("turtle", "ttl", ...; any case), or NONE.
KG_API KgSyntax
kg_syntax_by_name(const char* name);

/// Return the syntax of a file named `path` by its extension, or NONE.
KG_API KgSyntax
kg_syntax_by_path(const char* path);

/**
   Return the syntax of the media type `type` ("text/turtle"), or NONE.

   Case and parameters (";charset=utf-8") are ignored; `type` may be NULL.
*/
KG_API KgSyntax
kg_syntax_by_media_type(const char* type);

/// Return the canonical name of `syntax` ("ntriples"), or NULL for NONE.
KG_API const char*
kg_syntax_name(KgSyntax syntax);

/// Return the name of `syntax` for people ("N-Triples"), or NULL for NONE.
KG_API const char*
kg_syntax_label(KgSyntax syntax);

/**
   Return the media type to send a document in `syntax` as
   ("application/n-triples"), or NULL for NONE.

   The string is static.
*/
KG_API const char*
kg_syntax_media_type(KgSyntax syntax);

/// Return true iff kgraph can read `syntax`.
KG_API bool
kg_syntax_can_read(KgSyntax syntax);

/// Return true iff kgraph can write `syntax`.
KG_API bool
kg_syntax_can_write(KgSyntax syntax);

/**
   Write the names of the syntaxes kgraph reads (or, if `writable`, writes),
   in the order of its table and separated by ", ", to `buf`.

   As snprintf() does, this writes at most `size` bytes with the final NUL
   (nothing if `size` is 0; `buf` may then be NULL), cutting the list to fit.

   @return The length of the whole list, without its NUL: if it is `size`
   or more, the list was cut.
*/
KG_API size_t
kg_syntax_list(bool writable, char* buf, size_t size);

/// Reader options flags.
typedef enum {
  KG_READ_LAX = 1U << 0U, ///< Report bad statements and go on
} KgReadFlag;

/// Bitwise OR of KgReadFlag values.
typedef uint32_t KgReadFlags;

/// How to read a document.
typedef struct {
  KgSyntax    syntax; ///< Syntax (NONE: from the name's extension)
  const char* base;   ///< Base IRI, or NULL for the file's own IRI
  KgReadFlags flags;  ///< Options
  KgLog       log;    ///< Where diagnostics go
} KgReadOptions;

/**
   Read the document at `path` ("-": standard input) into `graph`.

   Blank nodes get a new scope.  Errors go to `options->log` as carets.

   Limits: in Turtle, `[ ]` and `( )` nest at most 5,000 levels (serd reads
   them by recursion, about 550 bytes of stack a level: call this with the
   usual 8 MB of stack); RDF/XML elements nest at most 100,000 levels, and
   a document with a DTD holds no name, text or attribute value over
   10,000,000 bytes.

   @return KG_SUCCESS, or KG_BAD_READ, KG_BAD_SYNTAX, KG_BAD_TEXT, KG_BAD_URI,
   KG_BAD_LIMIT or KG_BAD_ALLOC; after an error `graph` may hold the triples
   read before.
*/
KG_API KG_NODISCARD KgStatus
kg_graph_read_file(KgGraph*             graph,
                   const char*          path,
                   const KgReadOptions* options);

/**
   Read a document from `stream`, calling it `name` in messages.

   `options->syntax` must be set.
*/
KG_API KG_NODISCARD KgStatus
kg_graph_read_stream(KgGraph*             graph,
                     FILE*                stream,
                     const char*          name,
                     const KgReadOptions* options);

/// Read a document from the `len` bytes at `text`; as kg_graph_read_stream().
KG_API KG_NODISCARD KgStatus
kg_graph_read_string(KgGraph*             graph,
                     KgStringView         text,
                     const char*          name,
                     const KgReadOptions* options);

/**
   Return the IRI of the file `path`: `file://` and its absolute path, with
   bytes that an IRI cannot hold percent-encoded.

   @return A string to free with kg_free(), or NULL if memory runs out or the
   current directory is unknown.
*/
KG_API char*
kg_file_iri(const char* path);

/// Writer options flags.
typedef enum {
  KG_WRITE_PLAIN = 1U << 0U, ///< RDF/XML: one flat rdf:Description a subject
} KgWriteFlag;

/// Bitwise OR of KgWriteFlag values.
typedef uint32_t KgWriteFlags;

/// How to write a document.
typedef struct {
  KgSyntax       syntax;   ///< Syntax to write
  KgLog          log;      ///< Where diagnostics go
  KgWriteFlags   flags;    ///< Options
  const KgGraph* ontology; ///< Prefixes and classes to use, or NULL
} KgWriteOptions;

/**
   Write `graph` to `stream` in `options->syntax`.

   The output is deterministic: the same graph gives the same bytes.

   The ontology (if any) gives prefixes after the graph's own, and, for
   RDF/XML, the class hierarchy that picks the most specific type of a
   subject for its element name.

   @return KG_SUCCESS, KG_BAD_WRITE, KG_BAD_DATA if the syntax cannot express
   the graph (the log says why, with the file and line of each triple it
   cannot write), KG_BAD_ARG, or KG_BAD_ALLOC.
*/
KG_API KG_NODISCARD KgStatus
kg_graph_write(const KgGraph*        graph,
               FILE*                 stream,
               const KgWriteOptions* options);

#ifdef __cplusplus
} // extern "C"
#endif

#endif // KG_SYNTAX_H
