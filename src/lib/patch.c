// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Applying an RDF Patch (the text format of https://afs.github.io/rdf-patch/)
// to a graph.
//
// The patch is read a line at a time: one row a line, an operation code and
// its items, N-Triples terms or prefixed names, ended by an optional "."
// and an optional comment.  Nothing in a row nests, so reading is a loop,
// linear in the patch's length.  Rows of a transaction (TX) wait in a list
// until its TC applies them in order, or its TA drops them.
//
// The graph is changed in place: a D marks its triple, an A adds its
// triple (or clears the mark); the marked triples are removed at the end,
// in one pass that keeps the order of the others.  Each row costs one
// lookup in the graph's table of triples, so applying is linear in the
// graph's size plus the patch's.  On error the triples added are removed
// and the marks cleared, and the graph is as it was.
//
// A blank node of the patch is named as `kgraph diff --format patch` names
// the nodes of the old graph: the labeller of labels.h, over the graph as
// it is when the patch starts.

#include "alloc.h"
#include "buffer.h"
#include "chars.h"
#include "graph.h"
#include "intern.h"
#include "labels.h"
#include "log.h"

#include <kgraph/graph.h>
#include <kgraph/patch.h>
#include <kgraph/status.h>
#include <kgraph/text.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/// A term as written in a row, before it is interned.
typedef struct {
  KgTermKind kind;     ///< IRI, blank node or literal
  KgBuffer   text;     ///< The IRI, the label or the lexical form
  KgBuffer   datatype; ///< A literal's datatype IRI, or empty
  KgBuffer   lang;     ///< A literal's language tag, or empty
  unsigned   column;   ///< Where it starts
} Term;

/// A prefix the patch declared (PA), for its later rows.
typedef struct {
  char* name;
  char* iri;
} Prefix;

typedef enum {
  OP_ADD,
  OP_DELETE,
  OP_PREFIX_ADD,
  OP_PREFIX_DELETE,
} OpCode;

/// A change: a triple (or quad) to add or delete, or a prefix.
typedef struct {
  OpCode   code;
  KgTermId t[4];   ///< Subject, predicate, object, graph name (or 0)
  unsigned line;   ///< Row of the patch
  unsigned column; ///< Where the row starts
  char*    name;   ///< Prefix name (owned), or NULL
  char*    iri;    ///< Prefix namespace (owned), or NULL
} Op;

/// A growable list of changes.
typedef struct {
  Op*    ops;
  size_t n;
  size_t cap;
} Ops;

typedef struct {
  KgGraph*              graph;
  const KgPatchOptions* options;
  const char*           name;
  KgPatchCounts         counts;

  // The row being read
  const char* line_start;
  const char* p;
  const char* eol;
  unsigned    line;

  // Blank nodes
  KgLabelSet set;
  KgLabeler  labeler;
  bool       labelled;  ///< `set`, `labeler` and `old_nodes` are made
  KgTermId*  old_nodes; ///< Per label in `set`: its node in the graph
  uint32_t   n_labels;  ///< Labels in `old_nodes`
  uint32_t   scope;     ///< Scope of the patch's new blank nodes, or 0

  Prefix* prefixes;
  size_t  n_prefixes;
  size_t  prefixes_cap;

  Ops      pending;  ///< Rows of the open transaction
  Ops      prefixed; ///< Prefix changes applied, for the graph at the end
  bool     in_tx;    ///< A TX is open
  unsigned tx_line;  ///< Row of the open TX

  bool*    dead;     ///< Per triple of the graph: removed by the patch
  size_t   dead_cap; ///< Allocated entries of `dead`
  size_t   n_start;  ///< Triples of the graph before the patch
  uint16_t document; ///< The patch, as a document of the graph, or 0

  Term terms[4];
} Patch;

/*
  Messages
*/

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static KgStatus
say(const Patch* const P,
    const KgLogLevel   level,
    const KgStatus     st,
    const unsigned     column,
    const char* const  fmt,
    ...)
{
  const KgCaret caret = {P->name, P->line, column};
  va_list       args;
  va_start(args, fmt);
  const KgStatus log_st = kg_vlog(&P->options->log, level, caret, fmt, args);
  va_end(args);
  return log_st ? log_st : st;
}

/// The column of `at` in the row being read.
static unsigned
column_of(const Patch* const P, const char* const at)
{
  return (unsigned)(at - P->line_start) + 1U;
}

/// Report a syntax error at `at`.
#define SYNTAX(P, at, ...) \
  say((P), KG_LOG_ERROR, KG_BAD_SYNTAX, column_of((P), (at)), __VA_ARGS__)

/// Append `token` (the bytes from `start` to `end`) quoted for a message.
static KgStatus
quote(KgBuffer* const buf, const char* const start, const char* const end)
{
  const KgStringView v = {start, (size_t)(end - start)};
  return kg_buffer_append_quoted(buf, v, 40U);
}

/*
  Reading terms
*/

static bool
is_space(const char c)
{
  return c == ' ' || c == '\t' || c == '\r';
}

static void
skip_space(Patch* const P)
{
  while (P->p < P->eol && is_space(*P->p)) {
    ++P->p;
  }
}

/// The end of the token at `P->p`: the next space or the end of the row.
static const char*
token_end(const Patch* const P)
{
  const char* e = P->p;
  while (e < P->eol && !is_space(*e)) {
    ++e;
  }
  return e;
}

static int
hex_value(const char c)
{
  return (c >= '0' && c <= '9')   ? c - '0'
         : (c >= 'a' && c <= 'f') ? c - 'a' + 10
         : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                  : -1;
}

/// Read the UCHAR at `P->p` (after its backslash: `uXXXX` or `UXXXXXXXX`)
/// and append its UTF-8 to `out`.
static KgStatus
read_uchar(Patch* const P, KgBuffer* const out, const char* const escape)
{
  const unsigned n    = *P->p == 'u' ? 4U : 8U;
  uint32_t       code = 0U;
  ++P->p;
  for (unsigned i = 0U; i < n; ++i) {
    const int v = P->p < P->eol ? hex_value(*P->p) : -1;
    if (v < 0) {
      return SYNTAX(P, escape, "bad escape: expected %u hexadecimal digits", n);
    }
    code = (code << 4U) | (uint32_t)v;
    ++P->p;
  }
  if (code > 0x10FFFFU || (code >= 0xD800U && code <= 0xDFFFU)) {
    return say(P,
               KG_LOG_ERROR,
               KG_BAD_TEXT,
               column_of(P, escape),
               "escape of U+%04X, which is not a character",
               (unsigned)code);
  }
  char     utf8[4];
  unsigned len = 0U;
  if (code < 0x80U) {
    utf8[len++] = (char)code;
  } else if (code < 0x800U) {
    utf8[len++] = (char)(0xC0U | (code >> 6U));
    utf8[len++] = (char)(0x80U | (code & 0x3FU));
  } else if (code < 0x10000U) {
    utf8[len++] = (char)(0xE0U | (code >> 12U));
    utf8[len++] = (char)(0x80U | ((code >> 6U) & 0x3FU));
    utf8[len++] = (char)(0x80U | (code & 0x3FU));
  } else {
    utf8[len++] = (char)(0xF0U | (code >> 18U));
    utf8[len++] = (char)(0x80U | ((code >> 12U) & 0x3FU));
    utf8[len++] = (char)(0x80U | ((code >> 6U) & 0x3FU));
    utf8[len++] = (char)(0x80U | (code & 0x3FU));
  }
  return kg_buffer_append(out, utf8, len);
}

/// Check the IRI read into `iri`, which started at `start`.
static KgStatus
check_iri(Patch* const P, const KgBuffer* const iri, const char* const start)
{
  const KgStringView v      = kg_buffer_view(iri);
  size_t             offset = 0U;
  if (kg_iri_check(v, &offset)) {
    return say(P,
               KG_LOG_ERROR,
               KG_BAD_URI,
               column_of(P, start),
               "IRI holds a character an IRI cannot hold, at byte %zu",
               offset + 1U);
  }
  if (!kg_iri_is_absolute(v)) {
    KgBuffer msg = KG_BUFFER_INIT;
    KgStatus st  = kg_buffer_append_quoted(&msg, v, 60U);
    if (!st) {
      st = say(P,
               KG_LOG_ERROR,
               KG_BAD_URI,
               column_of(P, start),
               "relative IRI '%s' (a patch has no base)",
               msg.data ? msg.data : "");
    }
    kg_buffer_fini(&msg);
    return st;
  }
  return KG_SUCCESS;
}

/// Read `<IRI>` at `P->p` into `out`.
static KgStatus
read_iriref(Patch* const P, KgBuffer* const out)
{
  const char* const start = P->p++;
  KgStatus          st    = KG_SUCCESS;
  kg_buffer_clear(out);
  while (!st) {
    if (P->p >= P->eol) {
      return SYNTAX(P, start, "IRI without its closing '>'");
    }
    const char c = *P->p;
    if (c == '>') {
      ++P->p;
      break;
    }
    if (c == '\\') {
      const char* const escape = P->p++;
      if (P->p >= P->eol || (*P->p != 'u' && *P->p != 'U')) {
        return SYNTAX(P, escape, "bad escape in an IRI (only \\u and \\U)");
      }
      st = read_uchar(P, out, escape);
    } else {
      st = kg_buffer_append_char(out, c);
      ++P->p;
    }
  }
  return st;
}

static bool
is_label_end(const char* const p, const char* const eol)
{
  // A label may hold dots, but not end with one: "_:b0." is b0 and the end
  return p >= eol || is_space(*p) ||
         (*p == '.' && (p + 1 >= eol || is_space(p[1]) || p[1] == '#'));
}

/// Check that `label`, which started at `start`, is a blank node label of
/// N-Triples: name characters, digits, '_', and dots inside.
static KgStatus
check_label(Patch* const P, const KgStringView label, const char* const start)
{
  size_t   offset = 0U;
  uint32_t c      = 0U;
  while (offset < label.len) {
    const size_t at = offset;
    c               = kg_utf8_next(label, &offset);
    const bool ok   = kg_is_name_letter(c) || c == '_' || kg_is_digit(c) ||
                    (at && kg_is_name_continuation(c));
    if (!ok) {
      return say(P,
                 KG_LOG_ERROR,
                 KG_BAD_SYNTAX,
                 column_of(P, start),
                 "bad character in a blank node label, at byte %zu",
                 at + 1U);
    }
  }
  return !label.len ? SYNTAX(P, start, "blank node without a label")
         : c == '.' ? SYNTAX(P, start, "blank node label ends with '.'")
                    : KG_SUCCESS;
}

/// Read a blank node label (after "_:") into `out`.
static KgStatus
read_label(Patch* const P, KgBuffer* const out, const char* const start)
{
  const char* const first = P->p;
  while (!is_label_end(P->p, P->eol)) {
    ++P->p;
  }
  if (P->p == first) {
    return SYNTAX(P, start, "blank node without a label");
  }
  kg_buffer_clear(out);
  const KgStringView label = {first, (size_t)(P->p - first)};
  KgStatus           st    = check_label(P, label, start);
  if (st) {
    return st;
  }
  return kg_buffer_append(out, first, label.len);
}

/// Return the namespace of the patch's prefix `name`, or NULL.
static const char*
find_prefix(const Patch* const P, const KgStringView name)
{
  for (size_t i = 0U; i < P->n_prefixes; ++i) {
    if (kg_sv_equals(kg_sv(P->prefixes[i].name), name)) {
      return P->prefixes[i].iri;
    }
  }
  return NULL;
}

/// Read a prefixed name `pfx:local` at `P->p` as an IRI into `out`.
static KgStatus
read_pname(Patch* const P, KgBuffer* const out)
{
  const char* const start = P->p;
  const char*       colon = start;
  while (colon < P->eol && *colon != ':' && !is_space(*colon)) {
    ++colon;
  }
  if (colon >= P->eol || *colon != ':') {
    KgBuffer msg = KG_BUFFER_INIT;
    KgStatus st  = quote(&msg, start, token_end(P));
    if (!st) {
      st =
        SYNTAX(P, start, "expected a term, not '%s'", msg.data ? msg.data : "");
    }
    kg_buffer_fini(&msg);
    return st;
  }
  const KgStringView name = {start, (size_t)(colon - start)};
  const char* const  ns   = find_prefix(P, name);
  if (!ns) {
    KgBuffer msg = KG_BUFFER_INIT;
    KgStatus st  = quote(&msg, start, colon);
    if (!st) {
      st = SYNTAX(P,
                  start,
                  "undefined prefix '%s' (declare it with PA)",
                  msg.data ? msg.data : "");
    }
    kg_buffer_fini(&msg);
    return st;
  }
  kg_buffer_clear(out);
  kg_buffer_append_str(out, ns);
  P->p = colon + 1;
  while (!is_label_end(P->p, P->eol)) {
    if (*P->p == '\\' && P->p + 1 < P->eol) {
      ++P->p; // A local name escape stands for the character after it
    }
    kg_buffer_append_char(out, *P->p++);
  }
  if (out->status) {
    return out->status;
  }
  return check_iri(P, out, start);
}

/// Read a quoted literal's lexical form at `P->p` into `out`.
static KgStatus
read_string(Patch* const P, KgBuffer* const out)
{
  const char* const start = P->p++;
  KgStatus          st    = KG_SUCCESS;
  kg_buffer_clear(out);
  while (!st) {
    if (P->p >= P->eol) {
      return SYNTAX(P, start, "string without its closing '\"'");
    }
    const char c = *P->p;
    if (c == '"') {
      ++P->p;
      break;
    }
    if (c != '\\') {
      st = kg_buffer_append_char(out, c);
      ++P->p;
      continue;
    }
    const char* const escape = P->p++;
    const char        e      = P->p < P->eol ? *P->p : '\0';
    const char        plain  = e == 't'    ? '\t'
                               : e == 'b'  ? '\b'
                               : e == 'n'  ? '\n'
                               : e == 'r'  ? '\r'
                               : e == 'f'  ? '\f'
                               : e == '"'  ? '"'
                               : e == '\'' ? '\''
                               : e == '\\' ? '\\'
                                           : '\0';
    if (plain) {
      st = kg_buffer_append_char(out, plain);
      ++P->p;
    } else if (e == 'u' || e == 'U') {
      st = read_uchar(P, out, escape);
    } else {
      return SYNTAX(P, escape, "bad escape in a string");
    }
  }
  return st;
}

/// Read a term at `P->p` into `t`.
static KgStatus
read_term(Patch* const P, Term* const t)
{
  const char* const start = P->p;
  KgStatus          st    = KG_SUCCESS;
  t->column               = column_of(P, start);
  kg_buffer_clear(&t->datatype);
  kg_buffer_clear(&t->lang);
  if (P->p >= P->eol) {
    return SYNTAX(P, start, "expected a term");
  }
  switch (*P->p) {
  case '<':
    t->kind = KG_TERM_IRI;
    KG_TRY(st, read_iriref(P, &t->text));
    if (t->text.len >= 2U && !memcmp(t->text.data, "_:", 2U)) {
      // Jena writes a blank node as <_:label>
      t->kind = KG_TERM_BLANK;
      memmove(t->text.data, t->text.data + 2, t->text.len - 1U);
      t->text.len -= 2U;
      return check_label(P, kg_buffer_view(&t->text), start);
    }
    return check_iri(P, &t->text, start);
  case '_':
    if (P->p + 1 < P->eol && P->p[1] == ':') {
      t->kind = KG_TERM_BLANK;
      P->p += 2;
      return read_label(P, &t->text, start);
    }
    break;
  case '"':
    t->kind = KG_TERM_LITERAL;
    KG_TRY(st, read_string(P, &t->text));
    if (P->p < P->eol && *P->p == '@') {
      const char* const tag = ++P->p;
      while (P->p < P->eol && (*P->p == '-' || hex_value(*P->p) >= 0 ||
                               (*P->p >= 'g' && *P->p <= 'z') ||
                               (*P->p >= 'G' && *P->p <= 'Z'))) {
        ++P->p;
      }
      const KgStringView v = {tag, (size_t)(P->p - tag)};
      if (!kg_langtag_is_valid(v)) {
        KgBuffer msg = KG_BUFFER_INIT;
        st           = quote(&msg, tag, P->p);
        if (!st) {
          st = SYNTAX(
            P, tag, "invalid language tag '%s'", msg.data ? msg.data : "");
        }
        kg_buffer_fini(&msg);
        return st;
      }
      return kg_buffer_append(&t->lang, tag, v.len);
    }
    if (P->eol - P->p >= 2 && P->p[0] == '^' && P->p[1] == '^') {
      P->p += 2;
      if (P->p < P->eol && *P->p == '<') {
        const char* const dt = P->p;
        KG_TRY(st, read_iriref(P, &t->datatype));
        KG_TRY(st, check_iri(P, &t->datatype, dt));
      } else {
        KG_TRY(st, read_pname(P, &t->datatype));
      }
      if (kg_sv_equals(kg_buffer_view(&t->datatype),
                       KG_SV(KG_RDF_LANGSTRING))) {
        return SYNTAX(P, start, "rdf:langString without a language tag");
      }
    }
    return KG_SUCCESS;
  default:
    break;
  }
  t->kind = KG_TERM_IRI;
  return read_pname(P, &t->text);
}

/*
  Interning terms
*/

/// Label the blank nodes of the graph, once, as diff does.
static KgStatus
label_old_nodes(Patch* const P)
{
  KgStatus st = KG_SUCCESS;
  P->labelled = true;
  if ((st = kg_label_set_init(&P->set)) ||
      (st = kg_labeler_init(&P->labeler, &P->set, P->graph)) ||
      (st = kg_labeler_give_all(&P->labeler))) {
    return st;
  }
  const KgTerms* const terms = &P->graph->terms;
  P->n_labels                = P->set.taken.n_terms;
  P->old_nodes =
    (KgTermId*)kg_calloc((size_t)P->n_labels + 1U, sizeof(KgTermId));
  if (!P->old_nodes) {
    return KG_BAD_ALLOC;
  }
  for (KgTermId id = 1U; id < terms->n_terms; ++id) {
    const KgTermId label = P->labeler.given[id];
    if (terms->terms[id].kind == KG_TERM_BLANK && label < P->n_labels) {
      P->old_nodes[label] = id;
    }
  }
  return KG_SUCCESS;
}

/// Return the node of the graph for the patch's label `label`.
static KgTermId
blank_node(Patch* const P, const KgStringView label, KgStatus* const st)
{
  if (!P->labelled && (*st = label_old_nodes(P))) {
    return KG_NO_TERM;
  }
  const KgTermId given =
    kg_terms_find(&P->set.taken, KG_TERM_BLANK, label, 0U, 0U);
  if (given && given < P->n_labels && P->old_nodes[given]) {
    return P->old_nodes[given];
  }
  if (!P->scope) {
    P->scope = kg_graph_new_scope(P->graph);
  }
  return kg_graph_blank(P->graph, label, P->scope);
}

/// Intern `t` in the graph; 0 with `*st` set on failure.
static KgTermId
intern(Patch* const P, const Term* const t, KgStatus* const st)
{
  KgTermId id = KG_NO_TERM;
  switch (t->kind) {
  case KG_TERM_IRI:
    id = kg_graph_iri(P->graph, kg_buffer_view(&t->text));
    break;
  case KG_TERM_BLANK:
    id = blank_node(P, kg_buffer_view(&t->text), st);
    break;
  case KG_TERM_LITERAL: {
    const KgTermId dt = t->datatype.len
                          ? kg_graph_iri(P->graph, kg_buffer_view(&t->datatype))
                          : KG_NO_TERM;
    if (t->datatype.len && !dt) {
      break;
    }
    id = kg_graph_literal(
      P->graph, kg_buffer_view(&t->text), dt, kg_buffer_view(&t->lang));
    if (!id && t->lang.len && kg_terms_langs_full(&P->graph->terms)) {
      *st = say(P,
                KG_LOG_ERROR,
                KG_BAD_LIMIT,
                t->column,
                "more than %u language tags",
                (unsigned)KG_MAX_LANGS);
      return KG_NO_TERM;
    }
    break;
  }
  default:
    break;
  }
  if (!id && !*st) {
    *st = KG_BAD_ALLOC;
  }
  return id;
}

/*
  Applying changes
*/

static void
ops_clear(Ops* const ops)
{
  for (size_t i = 0U; i < ops->n; ++i) {
    kg_free(ops->ops[i].name);
    kg_free(ops->ops[i].iri);
  }
  ops->n = 0U;
}

static void
ops_fini(Ops* const ops)
{
  ops_clear(ops);
  kg_free(ops->ops);
  ops->ops = NULL;
  ops->cap = 0U;
}

/// Append `op` to `ops`, taking its strings; on failure, free them.
static KgStatus
ops_push(Ops* const ops, Op* const op)
{
  if (ops->n == ops->cap) {
    const size_t cap = ops->cap ? ops->cap * 2U : 64U;
    Op* const    a   = (Op*)kg_reallocarray(ops->ops, cap, sizeof(Op));
    if (!a) {
      kg_free(op->name);
      kg_free(op->iri);
      return KG_BAD_ALLOC;
    }
    ops->ops = a;
    ops->cap = cap;
  }
  ops->ops[ops->n++] = *op;
  return KG_SUCCESS;
}

/// Make room in `dead` for the triples of the graph and one more.
static KgStatus
reserve_dead(Patch* const P)
{
  const size_t need = P->graph->n_triples + 1U;
  if (need <= P->dead_cap) {
    return KG_SUCCESS;
  }
  size_t cap = P->dead_cap ? P->dead_cap : 1024U;
  while (cap < need) {
    cap *= 2U;
  }
  bool* const dead = (bool*)kg_reallocarray(P->dead, cap, sizeof(bool));
  if (!dead) {
    return KG_BAD_ALLOC;
  }
  memset(dead + P->dead_cap, 0, (cap - P->dead_cap) * sizeof(bool));
  P->dead     = dead;
  P->dead_cap = cap;
  return KG_SUCCESS;
}

/// Apply one change to the graph.
static KgStatus
apply(Patch* const P, Op* const op)
{
  KgGraph* const graph = P->graph;
  if (op->code == OP_PREFIX_ADD || op->code == OP_PREFIX_DELETE) {
    // The graph's prefixes change at the end, when nothing can fail after
    Op moved = *op;
    op->name = op->iri = NULL;
    return ops_push(&P->prefixed, &moved);
  }

  const size_t index =
    kg_graph_find_triple(graph, op->t[0], op->t[1], op->t[2], op->t[3]);
  const bool there = index != SIZE_MAX && !P->dead[index];
  if (op->code == OP_DELETE) {
    if (there) {
      P->dead[index] = true;
      ++P->counts.n_deleted;
      return KG_SUCCESS;
    }
    const bool     lax  = P->options->flags & KG_PATCH_LAX;
    const unsigned line = P->line;
    P->line             = op->line;
    const KgStatus st   = say(P,
                            lax ? KG_LOG_WARNING : KG_LOG_ERROR,
                            lax ? KG_SUCCESS : KG_BAD_DATA,
                            op->column,
                            "cannot delete a triple that is not in the graph");
    P->line             = line;
    P->counts.n_missing += lax ? 1U : 0U;
    return st;
  }

  if (there) {
    ++P->counts.n_present;
    return KG_SUCCESS;
  }
  ++P->counts.n_added;
  if (index != SIZE_MAX) {
    P->dead[index] = false; // Deleted earlier in the patch, and back
    return KG_SUCCESS;
  }
  KgStatus st = reserve_dead(P);
  if (!st && !P->document) {
    P->document = kg_graph_add_document(graph, P->name);
  }
  const KgOrigin origin = {op->line, (uint16_t)op->column, P->document};
  if (!st) {
    st =
      kg_graph_add_quad(graph, op->t[0], op->t[1], op->t[2], op->t[3], origin);
  }
  return st == KG_FAILURE ? KG_BAD_INTERNAL : st;
}

/// Apply `op` now, or when its transaction commits.
static KgStatus
change(Patch* const P, Op* const op)
{
  if (P->in_tx) {
    return ops_push(&P->pending, op);
  }
  const KgStatus st = apply(P, op);
  kg_free(op->name);
  kg_free(op->iri);
  return st;
}

/*
  Reading rows
*/

/// Expect the end of the row: an optional "." and an optional comment.
static KgStatus
read_end(Patch* const P)
{
  skip_space(P);
  if (P->p < P->eol && *P->p == '.') {
    ++P->p;
    skip_space(P);
  }
  if (P->p < P->eol && *P->p != '#') {
    KgBuffer msg = KG_BUFFER_INIT;
    KgStatus st  = quote(&msg, P->p, token_end(P));
    if (!st) {
      st = SYNTAX(P,
                  P->p,
                  "expected the end of the row, not '%s'",
                  msg.data ? msg.data : "");
    }
    kg_buffer_fini(&msg);
    return st;
  }
  return KG_SUCCESS;
}

/// Read an A or D row's terms, from `P->p`.
static KgStatus
read_triple_row(Patch* const P, Op* const op)
{
  static const char* const roles[] = {
    "subject", "predicate", "object", "graph name"};
  KgStatus st = KG_SUCCESS;
  unsigned n  = 0U;
  for (; n < 4U; ++n) {
    skip_space(P);
    if (n == 3U && (P->p >= P->eol || *P->p == '.' || *P->p == '#')) {
      break;
    }
    Term* const t = &P->terms[n];
    KG_TRY(st, read_term(P, t));
    const bool ok = n == 1U   ? t->kind == KG_TERM_IRI
                    : n == 2U ? true
                              : t->kind != KG_TERM_LITERAL;
    if (!ok) {
      return say(P,
                 KG_LOG_ERROR,
                 KG_BAD_SYNTAX,
                 t->column,
                 "a %s cannot be a %s",
                 t->kind == KG_TERM_LITERAL ? "literal" : "blank node",
                 roles[n]);
    }
  }
  KG_TRY(st, read_end(P));
  for (unsigned i = 0U; i < n; ++i) {
    op->t[i] = intern(P, &P->terms[i], &st);
    if (st) {
      return st;
    }
  }
  return KG_SUCCESS;
}

/// Read a prefix name (`rdf`, `rdf:` or `"rdf"`) into a new string.
static KgStatus
read_prefix_name(Patch* const P, char** const name)
{
  skip_space(P);
  const char* const start = P->p;
  KgBuffer          buf   = KG_BUFFER_INIT;
  KgStatus          st    = KG_SUCCESS;
  if (P->p < P->eol && *P->p == '"') {
    st = read_string(P, &buf);
  } else {
    const char* const end = token_end(P);
    const char*       e   = end;
    if (e > start && e[-1] == ':') {
      --e;
    }
    st   = kg_buffer_append(&buf, start, (size_t)(e - start));
    P->p = end;
  }
  for (size_t i = 0U; !st && i < buf.len; ++i) {
    const char c = buf.data[i];
    if (c == ':' || (unsigned char)c <= 0x20U || c == '<' || c == '"') {
      st = SYNTAX(P, start, "bad prefix name");
    }
  }
  if (!st && !buf.len && P->p == start) {
    st = SYNTAX(P, start, "expected a prefix name");
  }
  if (!st) {
    *name = kg_buffer_steal(&buf);
    st    = *name ? KG_SUCCESS : KG_BAD_ALLOC;
  }
  kg_buffer_fini(&buf);
  return st;
}

/// Set the patch's own prefix `name` (NULL `iri`: remove it).
static KgStatus
set_patch_prefix(Patch* const P, const char* const name, const char* const iri)
{
  for (size_t i = 0U; i < P->n_prefixes; ++i) {
    if (!strcmp(P->prefixes[i].name, name)) {
      kg_free(P->prefixes[i].name);
      kg_free(P->prefixes[i].iri);
      P->prefixes[i] = P->prefixes[--P->n_prefixes];
      break;
    }
  }
  if (!iri) {
    return KG_SUCCESS;
  }
  if (P->n_prefixes == P->prefixes_cap) {
    const size_t  cap = P->prefixes_cap ? P->prefixes_cap * 2U : 16U;
    Prefix* const a =
      (Prefix*)kg_reallocarray(P->prefixes, cap, sizeof(Prefix));
    if (!a) {
      return KG_BAD_ALLOC;
    }
    P->prefixes     = a;
    P->prefixes_cap = cap;
  }
  KgBuffer n  = KG_BUFFER_INIT;
  KgBuffer i  = KG_BUFFER_INIT;
  KgStatus st = kg_buffer_append_str(&n, name) ? KG_BAD_ALLOC
                                               : kg_buffer_append_str(&i, iri);
  if (st) {
    kg_buffer_fini(&n);
    kg_buffer_fini(&i);
    return KG_BAD_ALLOC;
  }
  Prefix* const p = &P->prefixes[P->n_prefixes++];
  p->name         = kg_buffer_steal(&n);
  p->iri          = kg_buffer_steal(&i);
  return KG_SUCCESS;
}

/// Read a PA or PD row, from `P->p`.
static KgStatus
read_prefix_row(Patch* const P, Op* const op)
{
  KgStatus st = read_prefix_name(P, &op->name);
  skip_space(P);
  const char* const start = P->p;
  if (!st && (op->code == OP_PREFIX_ADD ||
              (P->p < P->eol && *P->p != '.' && *P->p != '#'))) {
    // PA's namespace, or PD's if it is given
    KgBuffer* const iri = &P->terms[0].text;
    if (P->p < P->eol && *P->p == '<') {
      st = read_iriref(P, iri);
    } else if (P->p < P->eol && *P->p == '"') {
      st = read_string(P, iri);
    } else {
      st = SYNTAX(P, start, "expected a namespace IRI");
    }
    if (!st) {
      st = check_iri(P, iri, start);
    }
    if (!st && op->code == OP_PREFIX_ADD) {
      op->iri = kg_buffer_steal(iri);
      st      = op->iri ? KG_SUCCESS : KG_BAD_ALLOC;
    }
  }
  if (!st) {
    st = read_end(P);
  }
  // Later rows of the patch may use the prefix at once
  if (!st) {
    st = set_patch_prefix(P, op->name, op->iri);
  }
  if (st) {
    kg_free(op->name);
    kg_free(op->iri);
    op->name = op->iri = NULL;
  }
  return st;
}

/// Read an H row (a name and a term), which changes nothing.
static KgStatus
read_header_row(Patch* const P)
{
  skip_space(P);
  const char* const start = P->p;
  const char* const end   = token_end(P);
  if (end == start) {
    return SYNTAX(P, start, "expected a header name");
  }
  P->p = end;
  skip_space(P);
  KgStatus st = read_term(P, &P->terms[0]);
  if (st) {
    return st;
  }
  return read_end(P);
}

/// Read the row from `P->p` to `P->eol`.
static KgStatus
read_row(Patch* const P)
{
  skip_space(P);
  if (P->p >= P->eol || *P->p == '#') {
    return KG_SUCCESS;
  }
  const char* const  start = P->p;
  const char* const  end   = token_end(P);
  const KgStringView code  = {start, (size_t)(end - start)};
  P->p                     = end;
  Op op       = {OP_ADD, {0U, 0U, 0U, 0U}, P->line, 1U, NULL, NULL};
  op.column   = column_of(P, start);
  KgStatus st = KG_SUCCESS;

  if (kg_sv_equals(code, KG_SV("A")) || kg_sv_equals(code, KG_SV("D"))) {
    op.code = *start == 'A' ? OP_ADD : OP_DELETE;
    KG_TRY(st, read_triple_row(P, &op));
    return change(P, &op);
  }
  if (kg_sv_equals(code, KG_SV("PA")) || kg_sv_equals(code, KG_SV("PD"))) {
    op.code = start[1] == 'A' ? OP_PREFIX_ADD : OP_PREFIX_DELETE;
    KG_TRY(st, read_prefix_row(P, &op));
    return change(P, &op);
  }
  if (kg_sv_equals(code, KG_SV("H"))) {
    return read_header_row(P);
  }
  if (kg_sv_equals(code, KG_SV("TX"))) {
    KG_TRY(st, read_end(P));
    if (P->in_tx) {
      return SYNTAX(
        P, start, "'TX' inside the transaction of line %u", P->tx_line);
    }
    P->in_tx   = true;
    P->tx_line = P->line;
    return KG_SUCCESS;
  }
  if (kg_sv_equals(code, KG_SV("TC")) || kg_sv_equals(code, KG_SV("TA"))) {
    KG_TRY(st, read_end(P));
    if (!P->in_tx) {
      return SYNTAX(P, start, "'%c%c' without 'TX'", start[0], start[1]);
    }
    P->in_tx = false;
    if (start[1] == 'A') {
      P->counts.n_aborted += P->pending.n;
    } else {
      for (size_t i = 0U; i < P->pending.n && !st; ++i) {
        st = apply(P, &P->pending.ops[i]);
      }
    }
    ops_clear(&P->pending);
    return st;
  }

  KgBuffer msg = KG_BUFFER_INIT;
  st           = quote(&msg, start, end);
  if (!st) {
    st = SYNTAX(P,
                start,
                "unknown row '%s' (expected A, D, PA, PD, TX, TC, TA or H)",
                msg.data ? msg.data : "");
  }
  kg_buffer_fini(&msg);
  return st;
}

/// Read and apply every row of `text`.
static KgStatus
read_rows(Patch* const P, const KgStringView text)
{
  const char* const end = text.data + text.len;
  KgStatus          st  = KG_SUCCESS;
  for (const char* p = text.data; p < end && !st;) {
    const char* nl = (const char*)memchr(p, '\n', (size_t)(end - p));
    nl             = nl ? nl : end;
    ++P->line;
    P->line_start = P->p = p;
    P->eol               = nl;

    const KgStringView row    = {p, (size_t)(nl - p)};
    size_t             offset = 0U;
    const char* const  nul    = (const char*)memchr(p, '\0', row.len);
    if (nul || kg_utf8_check(row, &offset)) {
      return say(P,
                 KG_LOG_ERROR,
                 KG_BAD_TEXT,
                 nul ? column_of(P, nul) : (unsigned)offset + 1U,
                 nul ? "NUL byte in the patch" : "invalid UTF-8");
    }
    st = read_row(P);
    p  = nl < end ? nl + 1 : end;
  }
  if (!st && P->in_tx) {
    P->line = P->tx_line;
    st      = say(P,
             KG_LOG_ERROR,
             KG_BAD_SYNTAX,
             1U,
             "transaction not ended by 'TC' or 'TA' at the end of the patch");
  }
  return st;
}

/// Change the graph's prefixes as the patch's committed PA and PD rows say.
static KgStatus
change_prefixes(Patch* const P)
{
  KgStatus st = KG_SUCCESS;
  for (size_t i = 0U; i < P->prefixed.n && !st; ++i) {
    const Op* const op = &P->prefixed.ops[i];
    st                 = kg_graph_remove_prefix(P->graph, kg_sv(op->name));
    if (st <= KG_FAILURE && op->code == OP_PREFIX_ADD) {
      st = kg_graph_set_prefix(P->graph, kg_sv(op->name), kg_sv(op->iri));
    }
    st = st == KG_FAILURE ? KG_SUCCESS : st;
  }
  return st;
}

KgStatus
kg_graph_patch(KgGraph* const              graph,
               const KgStringView          text,
               const char* const           name,
               const KgPatchOptions* const options,
               KgPatchCounts* const        counts)
{
  Patch P;
  memset(&P, 0, sizeof(P));
  P.graph   = graph;
  P.options = options;
  P.name    = name;
  P.n_start = graph->n_triples;

  KgStatus st = reserve_dead(&P);
  if (!st) {
    st = read_rows(&P, text);
  }
  if (!st) {
    st = change_prefixes(&P);
  }
  if (!st) {
    kg_graph_drop_triples(graph, P.dead);
  } else if (P.dead) {
    // Back to the graph as it was: the triples added go, the others stay
    for (size_t i = 0U; i < graph->n_triples; ++i) {
      P.dead[i] = i >= P.n_start;
    }
    if (graph->n_triples > P.n_start) {
      kg_graph_drop_triples(graph, P.dead);
    }
  }
  if (counts) {
    *counts = P.counts;
  }

  if (P.labelled) {
    kg_labeler_fini(&P.labeler);
    kg_label_set_fini(&P.set);
  }
  kg_free(P.old_nodes);
  for (size_t i = 0U; i < P.n_prefixes; ++i) {
    kg_free(P.prefixes[i].name);
    kg_free(P.prefixes[i].iri);
  }
  kg_free(P.prefixes);
  ops_fini(&P.pending);
  ops_fini(&P.prefixed);
  kg_free(P.dead);
  for (unsigned i = 0U; i < 4U; ++i) {
    kg_buffer_fini(&P.terms[i].text);
    kg_buffer_fini(&P.terms[i].datatype);
    kg_buffer_fini(&P.terms[i].lang);
  }
  return st;
}

KgStatus
kg_graph_patch_stream(KgGraph* const              graph,
                      FILE* const                 stream,
                      const char* const           name,
                      const KgPatchOptions* const options,
                      KgPatchCounts* const        counts)
{
  KgBuffer text = KG_BUFFER_INIT;
  KgStatus st   = KG_SUCCESS;
  char     chunk[65536];
  size_t   n = 0U;
  while (!st && (n = fread(chunk, 1U, sizeof(chunk), stream)) > 0U) {
    st = kg_buffer_append(&text, chunk, n);
  }
  if (!st && ferror(stream)) {
    const KgCaret caret = {name, 0U, 0U};
    st = kg_log(&options->log, KG_LOG_ERROR, caret, "cannot read the patch");
    if (!st) {
      st = KG_BAD_READ;
    }
  }
  if (!st) {
    st = kg_graph_patch(graph, kg_buffer_view(&text), name, options, counts);
  }
  kg_buffer_fini(&text);
  return st;
}
