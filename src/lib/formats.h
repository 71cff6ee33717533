// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_FORMATS_H
#define KG_SRC_FORMATS_H

#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>

#include <stddef.h>
#include <stdio.h>

/// A byte source: a stream, or a string in memory.
typedef struct {
  FILE*       file; ///< Stream, or NULL to read `data`
  const char* data; ///< String to read when `file` is NULL
  size_t      len;  ///< Bytes in `data`
  size_t      pos;  ///< Bytes of `data` already read
  const char* name; ///< Document name for messages
} KgInput;

/**
   Read up to `n` bytes from `input` into `buf`.

   @return The number of bytes read; fewer than `n` only at the end of input
   or on an error (then ferror() is set on the stream).
*/
size_t
kg_input_read(KgInput* input, void* buf, size_t n);

/// Return true iff reading `input` failed.
static inline bool
kg_input_failed(const KgInput* const input)
{
  return input->file && ferror(input->file);
}

/// Return the SerdSyntax (as an int) that serd reads `syntax` as, or 0.
int
kg_syntax_serd(KgSyntax syntax);

/// A reader: parse `input` (in `syntax`) into `graph`, resolving against
/// `base`.
typedef KgStatus
KgReadFn(KgGraph*             graph,
         KgInput*             input,
         KgSyntax             syntax,
         const char*          base,
         const KgReadOptions* options);

/// A writer: serialise `graph` to `out`.
typedef KgStatus
KgWriteFn(const KgGraph* graph, FILE* out, const KgWriteOptions* options);

/// Read Turtle, N-Triples or N-Quads through serd (read_turtle.c).
KgReadFn kg_read_serd;

/**
   Read RDF/XML through libxml2's SAX2 push parser (read_rdfxml.c).

   Nothing outside the document is read: no external entity, DTD or URL.
*/
KgReadFn kg_read_rdfxml;

/// Write sorted N-Triples (write_ntriples.c).
KG_NODISCARD KgWriteFn kg_write_ntriples;

/// Write sorted N-Quads: N-Triples with graph names (write_ntriples.c).
KG_NODISCARD KgWriteFn kg_write_nquads;

/**
   Report an error and return KG_BAD_DATA if `graph` has named graphs, which
   the syntax of `options` cannot write; else return KG_SUCCESS.
*/
KgStatus
kg_refuse_names(const KgGraph* graph, const KgWriteOptions* options);

/// Write abbreviated (or, with KG_WRITE_PLAIN, flat) RDF/XML (write_rdfxml.c).
KgWriteFn kg_write_rdfxml;

/// Write Graphviz DOT with the default options (dot_options.c).
KgWriteFn kg_write_dot;

/// Write Turtle grouped by subject (write_turtle.c).
KgWriteFn kg_write_turtle;

/// Return true iff a literal of datatype IRI `datatype` with lexical form
/// `text` is written bare in Turtle (an integer, decimal, double or
/// boolean in the form Turtle's grammar reads back as that datatype).
bool
kg_turtle_literal_is_bare(KgStringView datatype, KgStringView text);

#endif // KG_SRC_FORMATS_H
