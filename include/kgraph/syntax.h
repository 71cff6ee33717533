// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/**
   @file syntax.h Reading and writing graphs in RDF syntaxes.

   The table of syntaxes and its lookups are constant: call them from any
   thread.  A graph may be written from several threads at once, but not
   while another thread reads into it or otherwise modifies it.  Strings
   these functions return are static unless said otherwise.
*/

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

/// Return the syntax called `name` ("turtle", "ttl", ...; any case), or NONE
/// if `name` is NULL or names none.
KG_API KgSyntax
kg_syntax_by_name(const char* name);

/**
   Return the syntax of a file named `path` by its extension (".ttl",
   ".rdf", ".dot", ...; any case), or NONE if `path` is NULL or its
   extension is unknown.  The file itself is not looked at.
*/
KG_API KgSyntax
kg_syntax_by_path(const char* path);

/**
   Return the syntax of the media type `type` ("text/turtle"), or NONE.

   Case and parameters (";charset=utf-8") are ignored; `type` may be NULL.
*/
KG_API KgSyntax
kg_syntax_by_media_type(const char* type);

/// Return the canonical name of `syntax` ("ntriples"), static, or NULL for
/// NONE.
KG_API const char*
kg_syntax_name(KgSyntax syntax);

/// Return the name of `syntax` for people ("N-Triples"), static, or NULL for
/// NONE.
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

/// Return true iff kgraph can write `syntax` (DOT included: see dot.h).
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
   `path` and `options` are borrowed for the call only; `options->syntax`
   NONE takes the syntax from the extension of `path`.

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

   `options->syntax` must be set.  The stream is read to its end and not
   closed.  @return As kg_graph_read_file().
*/
KG_API KG_NODISCARD KgStatus
kg_graph_read_stream(KgGraph*             graph,
                     FILE*                stream,
                     const char*          name,
                     const KgReadOptions* options);

/// Read a document from the `len` bytes at `text`, which need not end with
/// a NUL and are borrowed for the call only; as kg_graph_read_stream().
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

/**
   Return the path of the file that writing to `path` replaces: `path` with
   its symbolic links followed (up to 40, as Linux does), relative links
   taken from the directory of the link.  The file need not exist: a
   dangling link names the file to create.

   @return A string to free with kg_free(), or NULL with `errno` set
   (ENOMEM, ELOOP, ENAMETOOLONG, or why a link cannot be read).
*/
KG_API char*
kg_file_target(const char* path);

/**
   A file replaced atomically, as a shell's `>` would write it: the file a
   chain of symbolic links at the path ends at (a dangling link creates its
   target) is written as a new file beside it, given its mode (and owner,
   where permitted), and renamed over it only once all is written.  A file
   with other hard links, or one in a directory where no file can be
   created, is written into a temporary file copied into it at the end, so
   that every name sees the new content.  A device or a FIFO is written as
   it is.

   Write to `fd`, then put the file in place with kg_file_replace_commit()
   (after kg_file_replace_close(), to learn early whether what was written
   is safe), or give up with kg_file_replace_abort().  Neither closes or
   frees the struct itself.
*/
typedef struct {
  int   fd;       ///< Where to write, -1 once closed
  char* target;   ///< The file replaced: the path with its links followed
  char* tmp_path; ///< The new file beside `target`, or NULL
  bool  direct;   ///< `target` is not a regular file: written as it is
  bool  in_place; ///< Copied into `target` at the end (from an unnamed file
                  ///< if `tmp_path` is NULL)
} KgFileReplace;

/**
   Open `path` for writing as `file` describes: refused (EACCES) if the
   file exists and cannot be written, as `>` would refuse it.

   A program that removes the new file on a signal blocks the signal while
   this runs, then learns `file->tmp_path`.

   @return 0, or an errno value (ENOMEM if memory ran out); on error
   nothing is left to free or remove.
*/
KG_API int
kg_file_replace_open(KgFileReplace* file, const char* path);

/**
   Flush what was written to disk (fsync(), unless `direct`) and close the
   file descriptor of `file` (unless it is copied from at the end, when
   `in_place`: the copy is flushed then), to learn early whether what was
   written is safe.

   @return 0, or the errno value of fsync() or close().
*/
KG_API int
kg_file_replace_close(KgFileReplace* file);

/**
   Put what was written to `file` in place: rename the new file over the
   target, or copy it into the target (then flushed to disk), and close and
   forget everything.  On error the new file is removed and the old one is
   left as it was (except when copied into, which fails only midway).

   @return 0, or an errno value.
*/
KG_API int
kg_file_replace_commit(KgFileReplace* file);

/// Close `file` and remove what was written to it (not a device written
/// as it is).
KG_API void
kg_file_replace_abort(KgFileReplace* file);

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
   Write `graph` to `stream` in `options->syntax`: N-Triples, N-Quads,
   Turtle, RDF/XML, or DOT (as kg_graph_write_dot() with the defaults of
   kg_dot_options_init()).

   The output is deterministic: the same graph gives the same bytes.  The
   stream is neither flushed nor closed: the caller checks fflush() or
   fclose(), since a write error may only show then.  Prefixes set with
   kg_graph_set_prefix() abbreviate IRIs in Turtle and RDF/XML.

   The ontology (if any) gives prefixes after the graph's own, and, for
   RDF/XML, the class hierarchy that picks the most specific type of a
   subject for its element name.

   @return KG_SUCCESS, KG_BAD_WRITE, KG_BAD_DATA if the syntax cannot express
   the graph (the log says why, with the file and line of each triple it
   cannot write), KG_BAD_ARG if `options->syntax` is not one kgraph writes,
   or KG_BAD_ALLOC; after an error, part of the document may have been
   written.
*/
KG_API KG_NODISCARD KgStatus
kg_graph_write(const KgGraph*        graph,
               FILE*                 stream,
               const KgWriteOptions* options);

/**
   Write `graph` to the file `path`, atomically.

   The file is written as kg_file_replace_open() describes (see
   KgFileReplace): into a new file beside it, flushed to disk, and put in
   place only when all went well, so that an error leaves the file that was
   there unchanged (or none), and no temporary file.  A symbolic link is
   followed; an existing file keeps its mode (and owner, where permitted), a
   new one gets 0666 less the umask; a file with other hard links is copied
   into; a device or FIFO is written as it is; an existing file that cannot
   be written is refused.  The file's name is borrowed for the call only.

   @param options The syntax (NONE: from the extension of `path`, as
   kg_syntax_by_path() finds it), the log and the rest as for
   kg_graph_write(); NULL: all defaults, no messages.
   @return As kg_graph_write(); KG_BAD_ARG if `graph` or `path` is NULL, or
   if the syntax is NONE and `path` has no known extension (the log says
   so); KG_BAD_WRITE if the file cannot be created, written or renamed
   (the log says why, with strerror()).
*/
KG_API KG_NODISCARD KgStatus
kg_graph_write_file(const KgGraph*        graph,
                    const char*           path,
                    const KgWriteOptions* options);

#ifdef __cplusplus
} // extern "C"
#endif

#endif // KG_SYNTAX_H
