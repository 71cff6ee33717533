// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The table of syntaxes.  To add a format, write its reader or writer and
// add one row here: every list of syntaxes (help, messages, the media types
// push sends) is made from this table.  serd appears here only by the names
// of its syntaxes: read_turtle.c alone calls it.

#include "alloc.h"
#include "buffer.h"
#include "formats.h"
#include "log.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>
#include <kgraph/text.h>

#include <serd/serd.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

typedef struct {
  KgSyntax    syntax;
  const char* name;    ///< Canonical name, for options and messages
  const char* label;   ///< Name for people ("N-Triples")
  const char* aliases; ///< Other names, separated by '|', with '|' around
  const char*
    extensions; ///< File extensions, separated by '|', with '|' around
  const char* media_types[3]; ///< Media types, the first one to send; NULL
  int         serd_syntax;    ///< The SerdSyntax serd reads it as, or 0
  KgReadFn*   read;           ///< Reader, or NULL
  KgWriteFn*  write;          ///< Writer, or NULL
} SyntaxInfo;

// In the order lists show them: the syntaxes read before those only written
static const SyntaxInfo syntaxes[] = {
  {KG_SYNTAX_NTRIPLES,
   "ntriples",
   "N-Triples",
   "|nt|n-triples|",
   "|nt|",
   {"application/n-triples", NULL, NULL},
   SERD_NTRIPLES,
   kg_read_serd,
   kg_write_ntriples},
  {KG_SYNTAX_NQUADS,
   "nquads",
   "N-Quads",
   "|nq|n-quads|",
   "|nq|",
   {"application/n-quads", NULL, NULL},
   SERD_NQUADS,
   kg_read_serd,
   kg_write_nquads},
  {KG_SYNTAX_TURTLE,
   "turtle",
   "Turtle",
   "|ttl|",
   "|ttl|turtle|",
   {"text/turtle", "application/x-turtle", NULL},
   SERD_TURTLE,
   kg_read_serd,
   kg_write_turtle},
  {KG_SYNTAX_RDFXML,
   "rdfxml",
   "RDF/XML",
   "|rdf/xml|rdf|xml|",
   "|rdf|owl|xml|",
   {"application/rdf+xml", NULL, NULL},
   0,
   kg_read_rdfxml,
   kg_write_rdfxml},
  {KG_SYNTAX_DOT,
   "dot",
   "DOT",
   "|gv|graphviz|",
   "|dot|gv|",
   {"text/vnd.graphviz", NULL, NULL},
   0,
   NULL,
#if KG_DOT
   kg_write_dot},
#else
   NULL}, // Not written without Graphviz: see kg_dot_available()
#endif
};

#define N_SYNTAXES (sizeof(syntaxes) / sizeof(syntaxes[0]))
#define N_MEDIA_TYPES (sizeof(syntaxes[0].media_types) / sizeof(char*))

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
kg_syntax_at(const size_t index)
{
  return index < N_SYNTAXES ? syntaxes[index].syntax : KG_SYNTAX_NONE;
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

KgSyntax
kg_syntax_by_media_type(const char* const type)
{
  if (!type) {
    return KG_SYNTAX_NONE;
  }

  // The type alone: no parameters (";charset=utf-8"), no spaces around
  const char* start = type;
  while (*start == ' ' || *start == '\t') {
    ++start;
  }
  size_t len = strcspn(start, ";");
  while (len && (start[len - 1U] == ' ' || start[len - 1U] == '\t')) {
    --len;
  }

  for (size_t i = 0U; len && i < N_SYNTAXES; ++i) {
    for (size_t j = 0U; j < N_MEDIA_TYPES && syntaxes[i].media_types[j]; ++j) {
      const char* const t = syntaxes[i].media_types[j];
      if (strlen(t) == len && !strncasecmp(t, start, len)) {
        return syntaxes[i].syntax;
      }
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

const char*
kg_syntax_label(const KgSyntax syntax)
{
  const SyntaxInfo* const i = info(syntax);
  return i ? i->label : NULL;
}

const char*
kg_syntax_media_type(const KgSyntax syntax)
{
  const SyntaxInfo* const i = info(syntax);
  return i ? i->media_types[0] : NULL;
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

/// Append the string `s` to the list in `buf` of `*len` bytes, cut to fit
/// in `size` bytes with a NUL.
static void
append_cut(char* const buf, const size_t size, size_t* const len, const char* s)
{
  for (; *s; ++s, ++*len) {
    if (*len + 1U < size) {
      buf[*len] = *s;
    }
  }
}

size_t
kg_syntax_list(const bool writable, char* const buf, const size_t size)
{
  size_t len = 0U;
  for (size_t i = 0U; i < N_SYNTAXES; ++i) {
    if (writable ? syntaxes[i].write != NULL : syntaxes[i].read != NULL) {
      append_cut(buf, size, &len, len ? ", " : "");
      append_cut(buf, size, &len, syntaxes[i].name);
    }
  }

  if (size) {
    buf[len < size ? len : size - 1U] = '\0';
  }
  return len;
}

int
kg_syntax_serd(const KgSyntax syntax)
{
  const SyntaxInfo* const i = info(syntax);
  return i ? i->serd_syntax : 0;
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
           "cannot tell the syntax of '%s' from its name",
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
#if !KG_DOT
  if (options->syntax == KG_SYNTAX_DOT) {
    return kg_write_dot(graph, stream, options); // Says it is not built in
  }
#endif
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
