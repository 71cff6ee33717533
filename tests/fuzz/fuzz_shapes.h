// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Graphs of awkward shape for the writers and diff: the fuzz input is a
// small program that builds a graph in memory, which then goes through the
// oracle (fuzz_one.h).  Each instruction is a byte (its value modulo
// SHAPE_N_OPS) followed by its operands; a missing operand reads as 0.
//
//   blank, iri, literal        push a new term on the stack of nodes
//   triple S P O               add a triple of nodes from the stack
//   chain N, ring N            blank nodes linked one to the next
//   list N KIND                a collection of N items (literals, blank
//                              nodes, IRIs, lists, all the same literal)
//   nest N                     lists of lists, N deep
//   tree B D                   blank nodes, B children each, D levels
//   grid W H WRAP              a W x H grid of blank nodes, a torus if WRAP
//   clique N, cube D           N blank nodes all linked; a D-cube
//   odd-list KIND              a collection that is not well-formed
//   graph NODE                 later triples in the graph named NODE
//   typed NODE                 rdf:type and rdfs:label of a node
//
// A size N reads a byte c: c itself below 224, else (c - 223) * 512, so
// that both small graphs and graphs of thousands of nodes are a byte away.
// A graph holds at most KG_SHAPES_MAX_TRIPLES triples: at 16,384, a chain
// takes 4 s through the oracle under the sanitizers (0.2 s in a release
// build), far past the writers' nesting limit.

#ifndef KG_FUZZ_SHAPES_H
#define KG_FUZZ_SHAPES_H

#include "fuzz_one.h"

#include <kgraph/kgraph.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// The most triples a program builds
#ifndef KG_SHAPES_MAX_TRIPLES
#  define KG_SHAPES_MAX_TRIPLES 16384U
#endif

/// The most nodes on the stack; older ones are forgotten
#define KG_SHAPES_MAX_NODES 256U

enum {
  SHAPE_BLANK,
  SHAPE_IRI,
  SHAPE_LITERAL,
  SHAPE_TRIPLE,
  SHAPE_CHAIN,
  SHAPE_RING,
  SHAPE_LIST,
  SHAPE_NEST,
  SHAPE_TREE,
  SHAPE_GRID,
  SHAPE_CLIQUE,
  SHAPE_CUBE,
  SHAPE_ODD_LIST,
  SHAPE_GRAPH,
  SHAPE_TYPED,
  SHAPE_N_OPS
};

/// Kinds of list items
enum {
  ITEM_LITERAL, ///< "0", "1", ... as xsd:integer
  ITEM_SAME,    ///< The same literal every time
  ITEM_BLANK,   ///< Fresh blank nodes
  ITEM_IRI,     ///< IRIs
  ITEM_LIST,    ///< Lists of two literals
  ITEM_AWKWARD, ///< Literals with awkward characters
  ITEM_MIXED,   ///< Each of the above in turn
  ITEM_N_KINDS
};

/// Odd lists
enum {
  ODD_CYCLE,        ///< The last rdf:rest goes back to the head
  ODD_OWN_ITEM,     ///< The list is its own item
  ODD_TWO_FIRSTS,   ///< A cell with two rdf:first
  ODD_NO_REST,      ///< A cell without rdf:rest
  ODD_EXTRA,        ///< A cell with another property
  ODD_SHARED_TAIL,  ///< Two lists end in the same cells
  ODD_LITERAL_REST, ///< rdf:rest is a literal
  ODD_USED_TWICE,   ///< A list that two triples point to
  ODD_N_KINDS
};

/// Bits of text for literals and IRIs: awkward for one syntax or another
static const char* const kg_shapes_texts[] = {
  "",
  "a",
  "\"",
  "\\",
  "\n",
  "\r",
  "\t",
  "<",
  ">",
  "&",
  "]]>",
  "'",
  "'''",
  "\"\"\"",
  " ",
  "\\u0041",
  "\xc3\xa9",         // é
  "\xe4\xb8\xad",     // 中
  "\xf0\x9f\x98\x80", // an emoji, outside the BMP
  "\xe2\x80\xae",     // right-to-left override
  "\xc2\x85",         // next line (C1)
  "\xe2\x80\xa8",     // line separator
  "\xef\xbb\xbf",     // byte order mark
  "\x7f",
  "\x01", // not in XML 1.0: RDF/XML refuses it
  "#",
  "%20",
  ":",
  "_:b0",
  "@en",
  "^^",
  ".",
};

#define KG_SHAPES_N_TEXTS (sizeof(kg_shapes_texts) / sizeof(kg_shapes_texts[0]))

/// Bits of IRIs (valid IRI characters only)
static const char* const kg_shapes_iri_parts[] = {
  "a",
  "b",
  "0",
  "-",
  "_",
  ".",
  "~",
  "/",
  "#",
  "?",
  "=",
  "&",
  "%41",
  ":",
  "\xc3\xa9",
  "\xe4\xb8\xad",
  "x1",
  "\xf0\x9f\x98\x80",
};

#define KG_SHAPES_N_IRI_PARTS \
  (sizeof(kg_shapes_iri_parts) / sizeof(kg_shapes_iri_parts[0]))

/// Predicates: most with a QName split, one without (RDF/XML refuses it)
static const char* const kg_shapes_predicates[] = {
  "http://example.org/p",
  "http://example.org/q",
  "http://example.org/ns#knows",
  KG_RDF_NS "value",
  "http://www.w3.org/2000/01/rdf-schema#seeAlso",
  "http://example.org/\xc3\xa9t\xc3\xa9",
  KG_RDF_NS "_1",
  "http://www.w3.org/2002/07/owl#sameAs",
  "http://example.org/p-1.x",
  "http://example.org/9",
};

#define KG_SHAPES_N_PREDICATES \
  (sizeof(kg_shapes_predicates) / sizeof(kg_shapes_predicates[0]))

/// Datatypes of literals (KG_NO_TERM: xsd:string, or a language tag)
static const char* const kg_shapes_datatypes[] = {
  NULL,
  NULL,
  KG_XSD_NS "integer",
  KG_XSD_STRING,
  "http://example.org/type",
  KG_RDF_NS "XMLLiteral",
  KG_RDF_NS "HTML",
};

static const char* const kg_shapes_langs[] = {"en", "en-US", "zh-Hant-TW"};

/// A program being run.
typedef struct {
  const uint8_t* data;
  size_t         size;
  size_t         pos;
  KgGraph*       graph;
  uint32_t       scope;
  uint32_t       n_blanks;
  KgTermId       name;                       ///< Graph of new triples
  KgTermId       root;                       ///< The subject of last resort
  KgTermId       nodes[KG_SHAPES_MAX_NODES]; ///< A ring of recent nodes
  uint32_t       n_nodes;                    ///< Nodes pushed so far
  KgTermId       predicates[KG_SHAPES_N_PREDICATES];
  KgTermId       rdf_first;
  KgTermId       rdf_rest;
  KgTermId       rdf_nil;
  KgTermId       rdf_type;
  KgTermId       rdfs_label;
  KgTermId       integer;
} KgFuzzShapes;

static inline uint8_t
kg_shapes_byte(KgFuzzShapes* const p)
{
  return p->pos < p->size ? p->data[p->pos++] : 0U;
}

/// Read a size (see the top of this file), at most `max`.
static inline uint32_t
kg_shapes_size(KgFuzzShapes* const p, const uint32_t max)
{
  const uint32_t c = kg_shapes_byte(p);
  const uint32_t n = c < 224U ? c : (c - 223U) * 512U;
  return n < max ? n : max;
}

/// Return how many triples may still be added.
static inline uint32_t
kg_shapes_room(const KgFuzzShapes* const p)
{
  const size_t n = kg_graph_size(p->graph);
  return n < KG_SHAPES_MAX_TRIPLES ? (uint32_t)(KG_SHAPES_MAX_TRIPLES - n) : 0U;
}

static inline void
kg_shapes_check(const KgTermId id)
{
  if (!id) {
    fputs("shapes: cannot make a term\n", stderr);
    abort();
  }
}

static inline KgTermId
kg_shapes_iri(KgFuzzShapes* const p, const char* const iri)
{
  const KgStringView view = {iri, strlen(iri)};
  const KgTermId     id   = kg_graph_iri(p->graph, view);
  kg_shapes_check(id);
  return id;
}

static inline KgTermId
kg_shapes_blank(KgFuzzShapes* const p)
{
  char      label[32];
  const int n = snprintf(label, sizeof(label), "b%u", p->n_blanks++);
  if (n <= 0 || (size_t)n >= sizeof(label)) {
    abort();
  }
  const KgStringView view = {label, (size_t)n};
  const KgTermId     id   = kg_graph_blank(p->graph, view, p->scope);
  kg_shapes_check(id);
  return id;
}

static inline KgTermId
kg_shapes_literal(KgFuzzShapes* const    p,
                  const KgStringView lexical,
                  const KgTermId     datatype,
                  const char* const  lang)
{
  const KgStringView lang_view = {lang ? lang : "", lang ? strlen(lang) : 0U};
  const KgTermId     id        = kg_graph_literal(
    p->graph, lexical, lang ? KG_NO_TERM : datatype, lang_view);
  kg_shapes_check(id);
  return id;
}

/// Return the literal of number `i`, as an xsd:integer.
static inline KgTermId
kg_shapes_number(KgFuzzShapes* const p, const uint32_t i)
{
  char      text[16];
  const int n = snprintf(text, sizeof(text), "%u", i);
  if (n <= 0 || (size_t)n >= sizeof(text)) {
    abort();
  }
  const KgStringView view = {text, (size_t)n};
  return kg_shapes_literal(p, view, p->integer, NULL);
}

/// Read a literal: its length, its bits of text, datatype or language.
static inline KgTermId
kg_shapes_read_literal(KgFuzzShapes* const p)
{
  char           text[256];
  size_t         len = 0U;
  const unsigned n   = kg_shapes_byte(p) % 16U;
  for (unsigned i = 0U; i < n; ++i) {
    const char* const part =
      kg_shapes_texts[kg_shapes_byte(p) % KG_SHAPES_N_TEXTS];
    const size_t plen = strlen(part);
    if (len + plen < sizeof(text)) {
      memcpy(text + len, part, plen);
      len += plen;
    }
  }

  const KgStringView lexical = {text, len};
  const uint8_t      kind    = kg_shapes_byte(p);
  if (kind >= 240U) {
    return kg_shapes_literal(
      p, lexical, KG_NO_TERM, kg_shapes_langs[kind % 3U]);
  }

  const char* const dt =
    kg_shapes_datatypes[kind % (sizeof(kg_shapes_datatypes) /
                                sizeof(kg_shapes_datatypes[0]))];
  return kg_shapes_literal(
    p, lexical, dt ? kg_shapes_iri(p, dt) : KG_NO_TERM, NULL);
}

/// Read an IRI: http://example.org/ and a few valid bits.
static inline KgTermId
kg_shapes_read_iri(KgFuzzShapes* const p)
{
  char           iri[256] = "http://example.org/";
  size_t         len      = strlen(iri);
  const unsigned n        = kg_shapes_byte(p) % 8U;
  for (unsigned i = 0U; i < n; ++i) {
    const char* const part =
      kg_shapes_iri_parts[kg_shapes_byte(p) % KG_SHAPES_N_IRI_PARTS];
    const size_t plen = strlen(part);
    if (len + plen < sizeof(iri)) {
      memcpy(iri + len, part, plen + 1U);
      len += plen;
    }
  }
  return kg_shapes_iri(p, iri);
}

/// Push `id` on the stack of nodes, if it is a term (an empty ring is not).
static inline void
kg_shapes_push(KgFuzzShapes* const p, const KgTermId id)
{
  if (id) {
    p->nodes[p->n_nodes++ % KG_SHAPES_MAX_NODES] = id;
  }
}

/// Read a node of the stack: 0 is the last pushed, 1 the one before, ...
static inline KgTermId
kg_shapes_node(KgFuzzShapes* const p)
{
  const uint32_t n =
    p->n_nodes < KG_SHAPES_MAX_NODES ? p->n_nodes : KG_SHAPES_MAX_NODES;
  const uint32_t back = kg_shapes_byte(p) % n;
  return p->nodes[(p->n_nodes - 1U - back) % KG_SHAPES_MAX_NODES];
}

/// Read a node that can be a subject (a literal reads as the last IRI).
static inline KgTermId
kg_shapes_subject(KgFuzzShapes* const p)
{
  const KgTermId id = kg_shapes_node(p);
  return kg_term_kind(p->graph, id) == KG_TERM_LITERAL ? p->root : id;
}

static inline KgTermId
kg_shapes_predicate(KgFuzzShapes* const p)
{
  return p->predicates[kg_shapes_byte(p) % KG_SHAPES_N_PREDICATES];
}

static inline void
kg_shapes_add(KgFuzzShapes* const p,
              const KgTermId  s,
              const KgTermId  pred,
              const KgTermId  o)
{
  if (!kg_shapes_room(p)) {
    return;
  }
  const KgOrigin origin = {0U, 0U, 0U};
  if (kg_graph_add_quad(p->graph, s, pred, o, p->name, origin) > KG_FAILURE) {
    fputs("shapes: cannot add a triple\n", stderr);
    abort();
  }
}

/// Return item `i` of a list of `kind`.
static inline KgTermId
kg_shapes_item(KgFuzzShapes* const p, const unsigned kind, const uint32_t i)
{
  switch (kind == ITEM_MIXED ? i % ITEM_MIXED : kind) {
  case ITEM_LITERAL:
    return kg_shapes_number(p, i);
  case ITEM_SAME:
    return kg_shapes_number(p, 7U);
  case ITEM_BLANK:
    return kg_shapes_blank(p);
  case ITEM_IRI: {
    char      iri[48];
    const int n = snprintf(iri, sizeof(iri), "http://example.org/item/%u", i);
    if (n <= 0 || (size_t)n >= sizeof(iri)) {
      abort();
    }
    return kg_shapes_iri(p, iri);
  }
  case ITEM_LIST: {
    const KgTermId head = kg_shapes_blank(p);
    const KgTermId tail = kg_shapes_blank(p);
    kg_shapes_add(p, head, p->rdf_first, kg_shapes_number(p, i));
    kg_shapes_add(p, head, p->rdf_rest, tail);
    kg_shapes_add(p, tail, p->rdf_first, kg_shapes_number(p, i + 1U));
    kg_shapes_add(p, tail, p->rdf_rest, p->rdf_nil);
    return head;
  }
  default: {
    const char* const  part = kg_shapes_texts[i % KG_SHAPES_N_TEXTS];
    const KgStringView view = {part, strlen(part)};
    return kg_shapes_literal(p, view, KG_NO_TERM, NULL);
  }
  }
}

/// Add a list of `n` items of `kind`; return its head (rdf:nil if empty),
/// and its last cell in `last` if not NULL.
static inline KgTermId
kg_shapes_list(KgFuzzShapes* const p,
               const uint32_t  n,
               const unsigned  kind,
               KgTermId* const last)
{
  KgTermId head = p->rdf_nil;
  KgTermId cell = KG_NO_TERM;
  for (uint32_t i = 0U; i < n && kg_shapes_room(p) > 4U; ++i) {
    const KgTermId next = kg_shapes_blank(p);
    if (cell) {
      kg_shapes_add(p, cell, p->rdf_rest, next);
    } else {
      head = next;
    }
    cell = next;
    kg_shapes_add(p, cell, p->rdf_first, kg_shapes_item(p, kind, i));
  }
  if (cell) {
    kg_shapes_add(p, cell, p->rdf_rest, p->rdf_nil);
  }
  if (last) {
    *last = cell;
  }
  return head;
}

/// Add `n` blank nodes after `from`, each linked to the next; return the
/// last, or with `ring`, link it to the first.
static inline KgTermId
kg_shapes_chain(KgFuzzShapes* const p,
                const KgTermId  from,
                const KgTermId  pred,
                const uint32_t  n,
                const bool      ring)
{
  KgTermId first = KG_NO_TERM;
  KgTermId last  = from;
  for (uint32_t i = 0U; i < n && kg_shapes_room(p) > (ring ? 1U : 0U); ++i) {
    const KgTermId node = kg_shapes_blank(p);
    if (last) {
      kg_shapes_add(p, last, pred, node);
    }
    first = first ? first : node;
    last  = node;
  }
  if (ring && first && last != first) {
    kg_shapes_add(p, last, pred, first);
  }
  return last;
}

static inline void
kg_shapes_tree(KgFuzzShapes* const p, const KgTermId root)
{
  const uint32_t branches = 1U + kg_shapes_byte(p) % 4U;
  const uint32_t depth    = kg_shapes_size(p, 1U << 20U);
  const KgTermId pred     = kg_shapes_predicate(p);

  // Breadth first, level by level: the nodes of the level being built
  uint32_t  n     = 1U;
  KgTermId* level = (KgTermId*)malloc(sizeof(KgTermId));
  if (!level) {
    abort();
  }
  level[0] = root;
  for (uint32_t d = 0U; d < depth && n && kg_shapes_room(p); ++d) {
    const uint64_t  want   = (uint64_t)n * branches;
    const uint32_t  room   = kg_shapes_room(p);
    const uint32_t  next_n = want < room ? (uint32_t)want : room;
    KgTermId* const next =
      (KgTermId*)malloc((next_n ? next_n : 1U) * sizeof(KgTermId));
    if (!next) {
      abort();
    }
    for (uint32_t i = 0U; i < next_n; ++i) {
      next[i] = kg_shapes_blank(p);
      kg_shapes_add(p, level[i / branches], pred, next[i]);
    }
    free(level);
    level = next;
    n     = next_n;
  }
  if (n) {
    kg_shapes_push(p, level[n - 1U]);
  }
  free(level);
}

static inline void
kg_shapes_grid(KgFuzzShapes* const p)
{
  const uint32_t w     = 1U + kg_shapes_size(p, 4096U);
  const uint32_t h     = 1U + kg_shapes_size(p, 4096U);
  const bool     wrap  = kg_shapes_byte(p) & 1U;
  const KgTermId east  = p->predicates[0];
  const KgTermId south = p->predicates[1];
  if ((uint64_t)w * h * 2U > kg_shapes_room(p)) {
    return;
  }

  KgTermId* const nodes = (KgTermId*)malloc((size_t)w * h * sizeof(KgTermId));
  if (!nodes) {
    abort();
  }
  for (uint32_t i = 0U; i < w * h; ++i) {
    nodes[i] = kg_shapes_blank(p);
  }
  for (uint32_t y = 0U; y < h; ++y) {
    for (uint32_t x = 0U; x < w; ++x) {
      const KgTermId node = nodes[y * w + x];
      if (x + 1U < w || (wrap && w > 1U)) {
        kg_shapes_add(p, node, east, nodes[y * w + (x + 1U) % w]);
      }
      if (y + 1U < h || (wrap && h > 1U)) {
        kg_shapes_add(p, node, south, nodes[((y + 1U) % h) * w + x]);
      }
    }
  }
  kg_shapes_push(p, nodes[0]);
  free(nodes);
}

static inline void
kg_shapes_clique(KgFuzzShapes* const p)
{
  const uint32_t n    = 1U + kg_shapes_byte(p) % 16U;
  const KgTermId pred = kg_shapes_predicate(p);
  KgTermId       nodes[16];
  for (uint32_t i = 0U; i < n; ++i) {
    nodes[i] = kg_shapes_blank(p);
  }
  for (uint32_t i = 0U; i < n; ++i) {
    for (uint32_t j = 0U; j < n; ++j) {
      if (i != j) {
        kg_shapes_add(p, nodes[i], pred, nodes[j]);
      }
    }
  }
  kg_shapes_push(p, nodes[0]);
}

static inline void
kg_shapes_cube(KgFuzzShapes* const p)
{
  const uint32_t d    = kg_shapes_byte(p) % 13U;
  const uint32_t n    = 1U << d;
  const KgTermId pred = kg_shapes_predicate(p);
  if ((uint64_t)n * d > kg_shapes_room(p)) {
    return;
  }

  KgTermId* const nodes = (KgTermId*)malloc(n * sizeof(KgTermId));
  if (!nodes) {
    abort();
  }
  for (uint32_t i = 0U; i < n; ++i) {
    nodes[i] = kg_shapes_blank(p);
  }
  for (uint32_t i = 0U; i < n; ++i) {
    for (uint32_t b = 0U; b < d; ++b) {
      if (!(i & (1U << b))) {
        kg_shapes_add(p, nodes[i], pred, nodes[i | (1U << b)]);
      }
    }
  }
  kg_shapes_push(p, nodes[0]);
  free(nodes);
}

static inline void
kg_shapes_odd_list(KgFuzzShapes* const p)
{
  const unsigned odd  = kg_shapes_byte(p) % ODD_N_KINDS;
  const uint32_t n    = 1U + kg_shapes_size(p, 1U << 20U);
  const KgTermId s    = kg_shapes_subject(p);
  const KgTermId pred = kg_shapes_predicate(p);
  KgTermId       last = KG_NO_TERM;
  const KgTermId head = kg_shapes_list(p, n, ITEM_LITERAL, &last);
  if (head == p->rdf_nil) {
    return;
  }
  kg_shapes_add(p, s, pred, head);

  switch (odd) {
  case ODD_CYCLE:
    kg_shapes_add(p, last, p->rdf_rest, head);
    break;
  case ODD_OWN_ITEM:
    kg_shapes_add(p, last, p->rdf_first, head);
    break;
  case ODD_TWO_FIRSTS:
    kg_shapes_add(p, head, p->rdf_first, kg_shapes_number(p, 1000000U));
    break;
  case ODD_NO_REST: {
    // A new cell that ends nowhere
    const KgTermId cell = kg_shapes_blank(p);
    kg_shapes_add(p, cell, p->rdf_first, kg_shapes_number(p, 0U));
    kg_shapes_add(p, s, pred, cell);
    break;
  }
  case ODD_EXTRA:
    kg_shapes_add(p, last, p->predicates[0], kg_shapes_number(p, 0U));
    break;
  case ODD_SHARED_TAIL: {
    const KgTermId other = kg_shapes_blank(p);
    kg_shapes_add(p, other, p->rdf_first, kg_shapes_number(p, 1U));
    kg_shapes_add(p, other, p->rdf_rest, last);
    kg_shapes_add(p, s, pred, other);
    break;
  }
  case ODD_LITERAL_REST: {
    const KgTermId cell = kg_shapes_blank(p);
    kg_shapes_add(p, cell, p->rdf_first, kg_shapes_number(p, 0U));
    kg_shapes_add(p, cell, p->rdf_rest, kg_shapes_number(p, 1U));
    kg_shapes_add(p, s, pred, cell);
    break;
  }
  default:
    kg_shapes_add(p, kg_shapes_subject(p), kg_shapes_predicate(p), head);
    break;
  }
  kg_shapes_push(p, head);
}

/// Run one instruction.
static inline void
kg_shapes_step(KgFuzzShapes* const p)
{
  const unsigned op = kg_shapes_byte(p) % SHAPE_N_OPS;
  switch (op) {
  case SHAPE_BLANK:
    kg_shapes_push(p, kg_shapes_blank(p));
    break;
  case SHAPE_IRI:
    kg_shapes_push(p, kg_shapes_read_iri(p));
    break;
  case SHAPE_LITERAL:
    kg_shapes_push(p, kg_shapes_read_literal(p));
    break;
  case SHAPE_TRIPLE: {
    const KgTermId s    = kg_shapes_subject(p);
    const KgTermId pred = kg_shapes_predicate(p);
    kg_shapes_add(p, s, pred, kg_shapes_node(p));
    break;
  }
  case SHAPE_CHAIN:
  case SHAPE_RING: {
    const KgTermId s    = op == SHAPE_CHAIN ? kg_shapes_subject(p) : 0U;
    const KgTermId pred = kg_shapes_predicate(p);
    const uint32_t n    = kg_shapes_size(p, 1U << 20U);
    kg_shapes_push(p, kg_shapes_chain(p, s, pred, n, op == SHAPE_RING));
    break;
  }
  case SHAPE_LIST: {
    const KgTermId s    = kg_shapes_subject(p);
    const KgTermId pred = kg_shapes_predicate(p);
    const uint32_t n    = kg_shapes_size(p, 1U << 20U);
    const KgTermId head =
      kg_shapes_list(p, n, kg_shapes_byte(p) % ITEM_N_KINDS, NULL);
    kg_shapes_add(p, s, pred, head);
    kg_shapes_push(p, head);
    break;
  }
  case SHAPE_NEST: {
    // ((( ... ))) : each list's one item is the next list
    const KgTermId s     = kg_shapes_subject(p);
    const KgTermId pred  = kg_shapes_predicate(p);
    const uint32_t n     = kg_shapes_size(p, 1U << 20U);
    KgTermId       inner = kg_shapes_number(p, 0U);
    for (uint32_t i = 0U; i < n && kg_shapes_room(p) > 2U; ++i) {
      const KgTermId cell = kg_shapes_blank(p);
      kg_shapes_add(p, cell, p->rdf_first, inner);
      kg_shapes_add(p, cell, p->rdf_rest, p->rdf_nil);
      inner = cell;
    }
    kg_shapes_add(p, s, pred, inner);
    kg_shapes_push(p, inner);
    break;
  }
  case SHAPE_TREE:
    kg_shapes_tree(p, kg_shapes_subject(p));
    break;
  case SHAPE_GRID:
    kg_shapes_grid(p);
    break;
  case SHAPE_CLIQUE:
    kg_shapes_clique(p);
    break;
  case SHAPE_CUBE:
    kg_shapes_cube(p);
    break;
  case SHAPE_ODD_LIST:
    kg_shapes_odd_list(p);
    break;
  case SHAPE_GRAPH: {
    // Rarely: any graph name keeps the graph out of all but N-Quads
    const uint8_t b = kg_shapes_byte(p);
    if (b >= 0xF0U) {
      p->name = kg_shapes_subject(p);
    } else if (b == 0U) {
      p->name = KG_NO_TERM;
    }
    break;
  }
  default: {
    const KgTermId s = kg_shapes_subject(p);
    kg_shapes_add(p, s, p->rdf_type, kg_shapes_read_iri(p));
    kg_shapes_add(p, s, p->rdfs_label, kg_shapes_read_literal(p));
    break;
  }
  }
}

/// Build the graph of the program `data`; to free with kg_graph_free().
static inline KgGraph*
kg_shapes_build(const uint8_t* const data, const size_t size)
{
  KgFuzzShapes p;
  memset(&p, 0, sizeof(p));
  p.data  = data;
  p.size  = size;
  p.graph = kg_graph_new();
  if (!p.graph) {
    abort();
  }
  p.scope = kg_graph_new_scope(p.graph);
  for (size_t i = 0U; i < KG_SHAPES_N_PREDICATES; ++i) {
    p.predicates[i] = kg_shapes_iri(&p, kg_shapes_predicates[i]);
  }
  p.rdf_first  = kg_shapes_iri(&p, KG_RDF_FIRST);
  p.rdf_rest   = kg_shapes_iri(&p, KG_RDF_REST);
  p.rdf_nil    = kg_shapes_iri(&p, KG_RDF_NIL);
  p.rdf_type   = kg_shapes_iri(&p, KG_RDF_TYPE);
  p.rdfs_label = kg_shapes_iri(&p, KG_RDFS_NS "label");
  p.integer    = kg_shapes_iri(&p, KG_XSD_NS "integer");

  // The stack starts with an IRI (the subject of last resort) and a blank
  // node
  p.root = kg_shapes_iri(&p, "http://example.org/root");
  kg_shapes_push(&p, p.root);
  kg_shapes_push(&p, kg_shapes_blank(&p));

  while (p.pos < p.size && kg_shapes_room(&p)) {
    kg_shapes_step(&p);
  }
  return p.graph;
}

/// Build the graph of the program `data` and run the oracle on it.
static inline int
kg_shapes_one(const uint8_t* const data, const size_t size)
{
  KgGraph* const graph = kg_shapes_build(data, size);
  kg_fuzz_check(graph, kg_fuzz_seed(data, size));
  kg_graph_free(graph);
  return 0;
}

#endif // KG_FUZZ_SHAPES_H
