// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The table of syntaxes.  To add a format, write its reader or writer and
// add one row here.

#include "alloc.h"
#include "buffer.h"
#include "formats.h"
#include "log.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>
#include <kgraph/text.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

typedef struct {
  KgSyntax    syntax;
  const char* name;    ///< Canonical name
  const char* aliases; ///< Other names, separated by '|', with '|' around
  const char*
             extensions; ///< File extensions, separated by '|', with '|' around
  KgReadFunc read;       ///< Reader, or NULL
  KgWriteFunc write;     ///< Writer, or NULL
} SyntaxInfo;

static const SyntaxInfo syntaxes[] = {
  {KG_SYNTAX_TURTLE,
   "turtle",
   "|ttl|",
   "|ttl|turtle|",
   kg_read_serd,
   kg_write_turtle},
  {KG_SYNTAX_NTRIPLES,
   "ntriples",
   "|nt|n-triples|",
   "|nt|",
   kg_read_serd,
   kg_write_ntriples},
  {KG_SYNTAX_RDFXML,
   "rdfxml",
   "|rdf/xml|rdf|xml|",
   "|rdf|owl|xml|",
   kg_read_rdfxml,
   kg_write_rdfxml},
  {KG_SYNTAX_NQUADS,
   "nquads",
   "|nq|n-quads|",
   "|nq|",
   kg_read_serd,
   kg_write_nquads},
  {KG_SYNTAX_DOT, "dot", "|gv|graphviz|", "|dot|gv|", NULL, kg_write_dot},
};

#define N_SYNTAXES (sizeof(syntaxes) / sizeof(syntaxes[0]))

static const SyntaxInfo*
info(const KgSyntax syntax)
{
  for (size_t i = 0U; i < N_SYNTAXES; ++i) {
    if (syntaxes[i].syntax == syntax) {
      return &syntaxes[i];
    }
  }
  return NULL;
}

/// Return true iff `word` is one of the '|'-separated words in `list`.
static bool
in_list(const char* const list, const char* const word, const size_t len)
{
  for (const char* p = list; (p = strchr(p, '|')) && p[1]; ++p) {
    if (!strncasecmp(p + 1, word, len) && p[1 + len] == '|') {
      return true;
    }
  }
  return false;
}

KgSyntax
kg_syntax_by_name(const char* const name)
{
  for (size_t i = 0U; name && i < N_SYNTAXES; ++i) {
    if (!strcasecmp(name, syntaxes[i].name) ||
        in_list(syntaxes[i].aliases, name, strlen(name))) {
      return syntaxes[i].syntax;
    }
  }
  return KG_SYNTAX_NONE;
}

KgSyntax
kg_syntax_by_path(const char* const path)
{
  const char* const slash = path ? strrchr(path, '/') : NULL;
  const char* const dot   = path ? strrchr(slash ? slash : path, '.') : NULL;
  if (!dot || !dot[1]) {
    return KG_SYNTAX_NONE;
  }

  for (size_t i = 0U; i < N_SYNTAXES; ++i) {
    if (in_list(syntaxes[i].extensions, dot + 1, strlen(dot + 1))) {
      return syntaxes[i].syntax;
    }
  }
  return KG_SYNTAX_NONE;
}

const char*
kg_syntax_name(const KgSyntax syntax)
{
  const SyntaxInfo* const i = info(syntax);
  return i ? i->name : NULL;
}

bool
kg_syntax_can_read(const KgSyntax syntax)
{
  const SyntaxInfo* const i = info(syntax);
  return i && i->read;
}

bool
kg_syntax_can_write(const KgSyntax syntax)
{
  const SyntaxInfo* const i = info(syntax);
  return i && i->write;
}

const char*
kg_syntax_list(const bool writable)
{
  // Kept in step with the table by a test (unit/syntax: list_names...)
  return writable ? "ntriples, nquads, turtle, rdfxml, dot"
                  : "ntriples, nquads, turtle, rdfxml";
}

/*
  Reading
*/

char*
kg_file_iri(const char* const path)
{
  static const char hex[] = "0123456789ABCDEF";

  KgBuffer abs = KG_BUFFER_INIT;
  KgStatus st  = KG_SUCCESS;
  if (path[0] == '/') {
    st = kg_buffer_append_str(&abs, path);
  } else {
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof(cwd))) {
      return NULL;
    }
    const char* const sep = cwd[strlen(cwd) - 1U] == '/' ? "" : "/";
    st                    = kg_buffer_printf(&abs, "%s%s%s", cwd, sep, path);
  }

  // Percent-encode what an IRI path cannot hold (and non-ASCII bytes too,
  // if the path is not valid UTF-8)
  const bool utf8 = !st && !kg_utf8_check(kg_buffer_view(&abs), NULL);
  KgBuffer   iri  = KG_BUFFER_INIT;
  if (!st) {
    st = kg_buffer_append_str(&iri, "file://");
  }
  for (size_t i = 0U; !st && i < abs.len; ++i) {
    const unsigned char c = (unsigned char)abs.data[i];
    if (c <= 0x20U || c == 0x7FU || (c >= 0x80U && !utf8) ||
        strchr("<>\"{}|^`\\%#?", c)) {
      const char esc[] = {'%', hex[c >> 4U], hex[c & 0xFU]};
      st               = kg_buffer_append(&iri, esc, sizeof(esc));
    } else {
      st = kg_buffer_append_char(&iri, (char)c);
    }
  }

  kg_buffer_fini(&abs);
  if (st) {
    kg_buffer_fini(&iri);
    return NULL;
  }
  return kg_buffer_steal(&iri);
}

static KgStatus
read_input(KgGraph* const             graph,
           KgInput* const             input,
           const char* const          base,
           const KgReadOptions* const options)
{
  const KgSyntax syntax =
    options->syntax ? options->syntax : kg_syntax_by_path(input->name);
  const SyntaxInfo* const i = info(syntax);
  if (!i || !i->read) {
    kg_log(&options->log,
           KG_LOG_ERROR,
           KG_NO_CARET,
           "cannot tell the syntax of '%s' (use --from)",
           input->name);
    return KG_BAD_ARG;
  }

  return i->read(graph, input, syntax, base, options);
}

KgStatus
kg_graph_read_stream(KgGraph* const             graph,
                     FILE* const                stream,
                     const char* const          name,
                     const KgReadOptions* const options)
{
  KgInput input = {stream, NULL, 0U, 0U, name};
  return read_input(graph, &input, options->base, options);
}

KgStatus
kg_graph_read_string(KgGraph* const             graph,
                     const KgStringView         text,
                     const char* const          name,
                     const KgReadOptions* const options)
{
  KgInput input = {NULL, text.data, text.len, 0U, name};
  return read_input(graph, &input, options->base, options);
}

KgStatus
kg_graph_read_file(KgGraph* const             graph,
                   const char* const          path,
                   const KgReadOptions* const options)
{
  if (!strcmp(path, "-")) {
    KgInput input = {stdin, NULL, 0U, 0U, "<stdin>"};
    return read_input(graph, &input, options->base, options);
  }

  FILE* const file = fopen(path, "rb");
  if (!file) {
    kg_log(&options->log,
           KG_LOG_ERROR,
           KG_NO_CARET,
           "cannot open '%s': %s",
           path,
           strerror(errno));
    return KG_BAD_READ;
  }

  char* const file_base = options->base ? NULL : kg_file_iri(path);
  if (!options->base && !file_base) {
    fclose(file);
    return KG_BAD_ALLOC;
  }

  KgInput        input = {file, NULL, 0U, 0U, path};
  const KgStatus st    = read_input(
    graph, &input, options->base ? options->base : file_base, options);

  kg_free(file_base);
  fclose(file);
  return st;
}

/*
  Writing
*/

KgStatus
kg_graph_write(const KgGraph* const        graph,
               FILE* const                 stream,
               const KgWriteOptions* const options)
{
  const SyntaxInfo* const i = info(options->syntax);
  if (!i || !i->write) {
    kg_log(
      &options->log, KG_LOG_ERROR, KG_NO_CARET, "cannot write this syntax");
    return KG_BAD_ARG;
  }

  if (options->syntax != KG_SYNTAX_NQUADS) {
    const KgStatus st = kg_refuse_names(graph, options);
    if (st) {
      return st;
    }
  }

  return i->write(graph, stream, options);
}

KgStatus
kg_refuse_names(const KgGraph* const graph, const KgWriteOptions* const options)
{
  if (!kg_graph_has_names(graph)) {
    return KG_SUCCESS;
  }

  kg_log(&options->log,
         KG_LOG_ERROR,
         KG_NO_CARET,
         "the input has named graphs, which %s cannot hold (write nquads)",
         kg_syntax_name(options->syntax));
  return KG_BAD_DATA;
}
