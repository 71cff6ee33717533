// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The report of a difference, for people: by entity.
//
// An entity is the subject of changed triples: an IRI, or a blank node that
// no IRI reaches.  A changed triple whose subject is a blank node that an
// IRI reaches is shown under that IRI, nested as Turtle nests `[ ... ]`:
// each blank node hangs under the statement that first reached it in a
// breadth-first walk from the IRIs of its graph (its component's root
// first), and that statement is shown, kept or changed, to reach it.  A
// node of the old graph that the new one has is one node with it, so a
// value changed inside it shows as a `-` and a `+` line in one `[ ... ]`.
//
// Everything here is iterative: walks use queues and stacks, and the chain
// of statements from an entity to a changed triple is climbed in a loop.
// Cost: a few passes over both graphs (labels, subjects, types, the walk)
// and O(c log c) for the c changed triples.
//
// The texts of a report are copied into its arena; the graphs need not
// outlive it.

#include "report.h"

#include "alloc.h"
#include "buffer.h"
#include "diff_impl.h"
#include "formats.h"
#include "graph.h"
#include "intern.h"
#include "labels.h"
#include "log.h"
#include "ns.h"
#include "out.h"
#include "sorted.h"
#include "vocab.h"

#include <kgraph/diff.h>
#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

/// The most classes followed up rdfs:subClassOf from one class.
#define MAX_SUPERCLASSES 256U

/*
  Arena
*/

typedef struct Chunk {
  struct Chunk* next;
  size_t        len;
  size_t        cap;
  char          data[];
} Chunk;

static KG_NODISCARD KgStatus
arena_store(Chunk** const arena, const KgStringView text, KgStringView* out)
{
  if (!text.len) {
    out->data = "";
    out->len  = 0U;
    return KG_SUCCESS;
  }
  Chunk* c = *arena;
  if (!c || c->cap - c->len < text.len + 1U) {
    const size_t cap = text.len + 1U > 65536U ? text.len + 1U : 65536U;
    c                = (Chunk*)kg_malloc(sizeof(Chunk) + cap);
    if (!c) {
      return KG_BAD_ALLOC;
    }
    c->next = *arena;
    c->len  = 0U;
    c->cap  = cap;
    *arena  = c;
  }
  char* const dst = c->data + c->len;
  memcpy(dst, text.data, text.len);
  dst[text.len] = '\0';
  c->len += text.len + 1U;
  out->data = dst;
  out->len  = text.len;
  return KG_SUCCESS;
}

static void
arena_free(Chunk* c)
{
  while (c) {
    Chunk* const next = c->next;
    kg_free(c);
    c = next;
  }
}

/*
  Labels
*/

KgStatus
kg_find_labels(const KgGraph* const graph,
               const char* const    lang,
               KgTermId** const     labels)
{
  const KgStringView want  = kg_sv(lang ? lang : "en");
  const size_t       n     = (size_t)graph->terms.n_terms + 1U;
  KgTermId* const    best  = (KgTermId*)kg_calloc(n, sizeof(KgTermId));
  uint8_t* const     score = (uint8_t*)kg_calloc(n, 1U);
  uint8_t* const rank = (uint8_t*)kg_calloc(n, 1U); // Per property: rank + 1
  *labels             = NULL;
  if (!best || !score || !rank) {
    kg_free(rank);
    kg_free(score);
    kg_free(best);
    return KG_BAD_ALLOC;
  }

  for (size_t i = 0U; i < graph->n_triples; ++i) {
    const KgTriple* const t = &graph->triples[i];
    if (!rank[t->p]) {
      rank[t->p] =
        (uint8_t)(kg_label_rank(kg_terms_text(&graph->terms, t->p)) + 1U);
    }
    if (rank[t->p] > KG_N_LABEL_PROPERTIES ||
        kg_kind(graph, t->o) != KG_TERM_LITERAL) {
      continue;
    }

    // The language asked for first (or one of its subtags), then no
    // language, then any; within each, by property
    const KgStringView tag = kg_term_lang(graph, t->o);
    const unsigned     l =
      (kg_sv_equals(tag, want) ||
       (tag.len > want.len && !memcmp(tag.data, want.data, want.len) &&
        tag.data[want.len] == '-'))
            ? 2U
          : !tag.len ? 1U
                     : 0U;
    const uint8_t s =
      (uint8_t)(1U + l * 8U + (KG_N_LABEL_PROPERTIES - rank[t->p]));
    if (s > score[t->s]) {
      score[t->s] = s;
      best[t->s]  = t->o;
    }
  }

  kg_free(rank);
  kg_free(score);
  *labels = best;
  return KG_SUCCESS;
}

/*
  Building
*/

/// A statement while the report is made.
typedef struct {
  uint32_t     block;  ///< The block (entity or nested node) it is in
  uint32_t     nested; ///< The block of its object, or NONE
  uint32_t     triple; ///< The triple, in graph `side`
  uint8_t      side;
  uint8_t      change; ///< KgStatementChange
  bool         paired;
  KgShownTerm  predicate;
  KgShownTerm  object;
  KgStringView key; ///< A nested node's label, to sort by
} Rec;

/// An entity, or a blank node shown nested.
typedef struct {
  uint32_t entity; ///< Its entity
  uint32_t start;  ///< Its statements in the sorted records
  uint32_t n;
} Block;

/// An entity while the report is made.
typedef struct {
  uint32_t       block;
  uint8_t        side;   ///< Graph of `id`: NEW where both have it
  KgTermId       id;     ///< Its term there
  KgTermId       ids[2]; ///< Its term in each graph, or 0
  KgEntityChange change;
  bool           shown;
  KgReportEntity out;
} Ent;

typedef struct {
  const KgDiff*         diff;
  const KgDiffView*     view;
  const KgWriteOptions* options;
  KgDiffReport*         report;
  Chunk*                arena;
  KgGraph*              prefixes; ///< The old graph's and ontology's prefixes
  KgNamespaces          ns;
  KgLabelSet            set;
  KgLabeler             labelers[2];
  KgTermId*             labels[2];
  uint32_t*             parent[2];     ///< Per blank node: triple + 1, or 0
  uint32_t*             node_block[2]; ///< Per blank node: its block
  uint8_t*              subject[2];    ///< Per term: subject of a triple
  uint8_t*              excluded[2];   ///< Per term: a property left out
  uint8_t*              in_changed[2]; ///< Per triple: changed
  KgTerms               iris;          ///< Entities named by IRI
  uint32_t*             iri_entity;    ///< Per id of `iris`: entity
  uint32_t              iri_cap;
  Ent*                  ents;
  size_t                n_ents;
  size_t                ents_cap;
  Block*                blocks;
  size_t                n_blocks;
  size_t                blocks_cap;
  Rec*                  recs;
  size_t                n_recs;
  size_t                recs_cap;
  KgBuffer              scratch;
  KgOut                 out;
  KgStatus              status;
} Builder;

static KG_NODISCARD KgStatus
store(Builder* const b, const KgStringView text, KgStringView* const out)
{
  return arena_store(&b->arena, text, out);
}

/// Return the scratch text of `b->out` and start it again.
static KG_NODISCARD KgStatus
take(Builder* const b, KgStringView* const out)
{
  kg_out_drain(&b->out);
  if (b->out.status) {
    return b->out.status;
  }
  const KgStatus st = store(b, kg_buffer_view(&b->scratch), out);
  kg_buffer_clear(&b->scratch);
  return st;
}

/// Write IRI `iri` as a prefixed name, or as `<IRI>` where none fits.
static void
put_iri(Builder* const b, const KgStringView iri)
{
  KgStringView local = {NULL, 0U};
  const long   i =
    kg_namespaces_split(&b->ns, iri, kg_turtle_local_is_valid, &local);
  if (i >= 0) {
    kg_out_sv(&b->out, b->ns.ns[i].prefix);
    kg_out_char(&b->out, ':');
    kg_out_sv(&b->out, local);
  } else {
    kg_out_iriref(&b->out, iri);
  }
}

/// Return the label of IRI `iri`: in the new graph, else in the old one.
static KgStringView
label_of(const Builder* const b, const KgStringView iri)
{
  for (unsigned s = NEW + 1U; s-- > OLD;) {
    const KgGraph* const graph = b->diff->sides[s].graph;
    const KgTermId       id    = kg_graph_find_iri(graph, iri);
    if (id && b->labels[s][id]) {
      return kg_terms_text(&graph->terms, b->labels[s][id]);
    }
  }
  return kg_sv("");
}

/// Return the label of blank node `id` of graph `side`, by its old label.
static KgStringView
blank_label(Builder* const b, const unsigned side, const KgTermId id)
{
  const KgTermId old_id = side == NEW ? b->diff->sides[NEW].match[id] : 0U;
  return old_id ? kg_labeler_get(&b->labelers[OLD], old_id, &b->status)
                : kg_labeler_get(&b->labelers[side], id, &b->status);
}

/// Make `out` show term `id` of graph `side` (a blank node as `_:label`).
static KG_NODISCARD KgStatus
show_term(Builder* const     b,
          const unsigned     side,
          const KgTermId     id,
          KgShownTerm* const out)
{
  const KgGraph* const graph = b->diff->sides[side].graph;
  const KgTerm* const  t     = kg_terms_get(&graph->terms, id);
  const KgStringView   text  = {t->str, t->len};
  KgStatus             st    = KG_SUCCESS;
  memset(out, 0, sizeof(*out));
  out->text = out->iri = out->label = kg_sv("");
  switch ((KgTermKind)t->kind) {
  case KG_TERM_IRI:
    put_iri(b, text);
    KG_TRY(st, take(b, &out->text));
    KG_TRY(st, store(b, text, &out->iri));
    st = store(b, label_of(b, text), &out->label);
    break;
  case KG_TERM_BLANK:
    kg_out_write(&b->out, "_:", 2U);
    kg_out_sv(&b->out, blank_label(b, side, id));
    st = b->status ? b->status : take(b, &out->text);
    break;
  case KG_TERM_LITERAL: {
    const KgStringView dt = kg_terms_text(&graph->terms, t->aux);
    if (!t->lang && kg_turtle_literal_is_bare(dt, text)) {
      kg_out_sv(&b->out, text);
    } else {
      kg_out_char(&b->out, '"');
      kg_out_escaped(&b->out, text);
      kg_out_char(&b->out, '"');
      if (t->lang) {
        kg_out_char(&b->out, '@');
        kg_out_sv(&b->out, graph->terms.langs[t->lang]);
      } else if (t->aux != graph->xsd_string) {
        kg_out_write(&b->out, "^^", 2U);
        put_iri(b, dt);
      }
    }
    st = take(b, &out->text);
    break;
  }
  case KG_TERM_NONE:
    break;
  }
  return st;
}

/**
   Return the key of blank node `id` of graph `side`: a node that both
   graphs have is one node, kept as the new graph's unless only the old
   graph reaches it from an IRI.
*/
static void
normalize(const Builder* const b, unsigned* const side, KgTermId* const id)
{
  if (*side == OLD) {
    const KgTermId m = b->diff->sides[OLD].match[*id];
    if (m && (b->parent[NEW][m] || !b->parent[OLD][*id])) {
      *id   = m;
      *side = NEW;
    }
  } else if (!b->parent[NEW][*id]) {
    const KgTermId m = b->diff->sides[NEW].match[*id];
    if (m && b->parent[OLD][m]) {
      *id   = m;
      *side = OLD;
    }
  }
}

static KG_NODISCARD KgStatus
add_block(Builder* const b, const uint32_t entity, uint32_t* const block)
{
  KgStatus st = kg_grow(
    (void**)&b->blocks, &b->blocks_cap, b->n_blocks, sizeof(Block), 64U);
  if (!st) {
    *block                   = (uint32_t)b->n_blocks;
    b->blocks[b->n_blocks++] = (Block){entity, 0U, 0U};
  }
  return st;
}

static KG_NODISCARD KgStatus
add_entity(Builder* const  b,
           const unsigned  side,
           const KgTermId  id,
           uint32_t* const entity)
{
  KgStatus st    = KG_SUCCESS;
  uint32_t block = 0U;
  KG_TRY(st,
         kg_grow((void**)&b->ents, &b->ents_cap, b->n_ents, sizeof(Ent), 64U));
  KG_TRY(st, add_block(b, (uint32_t)b->n_ents, &block));

  Ent* const e = &b->ents[b->n_ents];
  memset(e, 0, sizeof(*e));
  e->block = block;
  e->side  = (uint8_t)side;
  e->id    = id;
  *entity  = (uint32_t)b->n_ents++;
  return KG_SUCCESS;
}

/// Find or make the entity of IRI term `id` of graph `side`.
static KG_NODISCARD KgStatus
iri_entity(Builder* const  b,
           const unsigned  side,
           const KgTermId  id,
           uint32_t* const entity)
{
  const KgStringView iri =
    kg_terms_text(&b->diff->sides[side].graph->terms, id);
  bool           added = false;
  const KgTermId key =
    kg_terms_intern(&b->iris, KG_TERM_IRI, iri, 0U, 0U, &added);
  if (!key) {
    return KG_BAD_ALLOC;
  }
  if (key >= b->iri_cap) {
    const uint32_t  cap = b->iri_cap ? b->iri_cap * 2U : 256U;
    uint32_t* const grown =
      (uint32_t*)kg_reallocarray(b->iri_entity, cap, sizeof(uint32_t));
    if (!grown) {
      return KG_BAD_ALLOC;
    }
    b->iri_entity = grown;
    b->iri_cap    = cap;
  }
  if (!added) {
    *entity = b->iri_entity[key];
    return KG_SUCCESS;
  }
  const KgStatus st  = add_entity(b, side, id, entity);
  b->iri_entity[key] = st ? NONE : *entity;
  if (!st) {
    b->ents[*entity].ids[side] = id;
    b->ents[*entity].ids[!side] =
      kg_graph_find_iri(b->diff->sides[!side].graph, iri);
  }
  return st;
}

static KG_NODISCARD KgStatus
add_rec(Builder* const b,
        const uint32_t block,
        const unsigned side,
        const uint32_t triple,
        const uint32_t nested)
{
  KgStatus st =
    kg_grow((void**)&b->recs, &b->recs_cap, b->n_recs, sizeof(Rec), 64U);
  if (st) {
    return st;
  }
  Rec* const r = &b->recs[b->n_recs++];
  memset(r, 0, sizeof(*r));
  r->block  = block;
  r->nested = nested;
  r->triple = triple;
  r->side   = (uint8_t)side;
  r->change = (uint8_t)(!b->in_changed[side][triple] ? KG_STATEMENT_KEPT
                        : side == OLD                ? KG_STATEMENT_REMOVED
                                                     : KG_STATEMENT_ADDED);
  return KG_SUCCESS;
}

/**
   Find or make the block of subject `id` of graph `side`: an IRI's entity,
   or a blank node's, with the statements that reach it from its entity.
*/
static KG_NODISCARD KgStatus
subject_block(Builder* const  b,
              unsigned        side,
              KgTermId        id,
              uint32_t* const block)
{
  if (!kg_is_blank(b->diff->sides[side].graph, id)) {
    uint32_t       entity = 0U;
    const KgStatus st     = iri_entity(b, side, id, &entity);
    *block                = st ? 0U : b->ents[entity].block;
    return st;
  }

  // Climb to a node with a block, or to an entity, then make the blocks on
  // the way down: the chain is kept in the scratch buffer
  normalize(b, &side, &id);
  kg_buffer_clear(&b->scratch);
  KgStatus st  = KG_SUCCESS;
  uint32_t top = NONE;
  for (;;) {
    if (b->node_block[side][id] != NONE) {
      top = b->node_block[side][id];
      break;
    }
    const uint32_t p       = b->parent[side][id];
    const uint32_t step[2] = {side, id};
    if ((st = kg_buffer_append(&b->scratch, step, sizeof(step)))) {
      return st;
    }
    if (!p) {
      break; // No IRI reaches it: an entity of its own
    }
    const KgTriple* const t = &b->diff->sides[side].graph->triples[p - 1U];
    if (!kg_is_blank(b->diff->sides[side].graph, t->s)) {
      uint32_t entity = 0U;
      st              = iri_entity(b, side, t->s, &entity);
      top             = st ? 0U : b->ents[entity].block;
      break;
    }
    id = t->s;
    normalize(b, &side, &id);
  }

  const size_t n     = st ? 0U : b->scratch.len / (2U * sizeof(uint32_t));
  uint32_t*    steps = (uint32_t*)kg_malloc(n * 2U * sizeof(uint32_t) + 1U);
  if (!steps) {
    return KG_BAD_ALLOC;
  }
  if (n) {
    memcpy(steps, b->scratch.data, n * 2U * sizeof(uint32_t));
  }
  kg_buffer_clear(&b->scratch);
  for (size_t k = n; k-- > 0U && !st;) {
    const unsigned s    = steps[2U * k];
    const KgTermId node = steps[2U * k + 1U];
    uint32_t       made = 0U;
    if (top == NONE) {
      uint32_t entity = 0U;
      st              = add_entity(b, s, node, &entity);
      if (!st) {
        b->ents[entity].ids[s]  = node;
        b->ents[entity].ids[!s] = b->diff->sides[s].match[node];
        made                    = b->ents[entity].block;
      }
    } else {
      st = add_block(b, b->blocks[top].entity, &made);
      if (!st) {
        st = add_rec(b, top, s, b->parent[s][node] - 1U, made);
      }
    }
    if (!st) {
      b->node_block[s][node] = made;
      top                    = made;
    }
  }
  kg_free(steps);
  *block = top;
  return st;
}

/**
   The rows of a table indexed by term, stored as one array: `start[id]`
   counts the entries of term `id - 1` when this is called.  Turn the counts
   into ends and return room for the `n` entries (NULL if it cannot be
   allocated).  Fill it with `entries[start[id]++] = x`, then call
   table_rewind().
*/
static uint32_t*
table_open(uint32_t* const start, const size_t n_t, const size_t n)
{
  for (size_t id = 1U; id <= n_t; ++id) {
    start[id] += start[id - 1U];
  }
  return (uint32_t*)kg_reallocarray(NULL, n + 1U, sizeof(uint32_t));
}

/// Make `start[id]` the first entry of term `id` again, once filled.
static void
table_rewind(uint32_t* const start, const size_t n_t)
{
  for (size_t id = n_t; id > 0U; --id) {
    start[id] = start[id - 1U];
  }
  start[0] = 0U;
}

/// Find, for each blank node of graph `side`, the triple that first reaches
/// it from an IRI: breadth first, from its component's root first.
static KG_NODISCARD KgStatus
find_parents(Builder* const b, const unsigned side)
{
  const Side* const    sd     = &b->diff->sides[side];
  const KgGraph* const graph  = sd->graph;
  const size_t         n_t    = (size_t)graph->terms.n_terms + 1U;
  uint32_t* const      parent = (uint32_t*)kg_calloc(n_t, sizeof(uint32_t));
  uint32_t* const      start = (uint32_t*)kg_calloc(n_t + 1U, sizeof(uint32_t));
  uint32_t* const      queue = (uint32_t*)kg_calloc(n_t, sizeof(uint32_t));
  b->parent[side]            = parent;
  if (!parent || !start || !queue) {
    kg_free(queue);
    kg_free(start);
    return KG_BAD_ALLOC;
  }

  // The links between blank nodes, by subject
  size_t n_links = 0U;
  for (size_t i = 0U; i < graph->n_triples; ++i) {
    const KgTriple* const t = &graph->triples[i];
    if (kg_is_blank(graph, t->s) && kg_is_blank(graph, t->o)) {
      ++start[t->s + 1U];
      ++n_links;
    }
  }
  uint32_t* const links = table_open(start, n_t, n_links);
  if (!links) {
    kg_free(queue);
    kg_free(start);
    return KG_BAD_ALLOC;
  }
  for (size_t i = 0U; i < graph->n_triples; ++i) {
    const KgTriple* const t = &graph->triples[i];
    if (kg_is_blank(graph, t->s) && kg_is_blank(graph, t->o)) {
      links[start[t->s]++] = (uint32_t)i;
    }
  }
  table_rewind(start, n_t);

  size_t head = 0U;
  size_t tail = 0U;
  for (unsigned pass = 0U; pass < 2U; ++pass) {
    for (size_t i = 0U; i < graph->n_triples; ++i) {
      const KgTriple* const t = &graph->triples[i];
      if (!kg_is_blank(graph, t->s) && kg_is_blank(graph, t->o) &&
          !parent[t->o] && !kg_graph_name(graph, i) &&
          (pass || sd->roots[sd->comp_of[t->o]] == t->s)) {
        parent[t->o]  = (uint32_t)i + 1U;
        queue[tail++] = t->o;
      }
    }
  }
  while (head < tail) {
    const KgTermId x = queue[head++];
    for (uint32_t k = start[x]; k < start[x + 1U]; ++k) {
      const KgTriple* const t = &graph->triples[links[k]];
      if (!parent[t->o] && !kg_graph_name(graph, links[k])) {
        parent[t->o]  = links[k] + 1U;
        queue[tail++] = t->o;
      }
    }
  }
  kg_free(links);
  kg_free(queue);
  kg_free(start);
  return KG_SUCCESS;
}

/// Resolve the words of a user: an IRI, a QName, or (if `labels`) a label
/// (of the last subject that has it); in graph `side`.  Return 0 if none.
static KgTermId
resolve(Builder* const    b,
        const unsigned    side,
        const char* const words,
        const bool        labels)
{
  KgTermId id      = KG_NO_TERM;
  bool     several = false;
  if (kg_find_named(b->diff->sides[side].graph,
                    &b->ns,
                    words,
                    labels,
                    &b->scratch,
                    &id,
                    &several)) {
    b->status = KG_BAD_ALLOC;
  }
  return id;
}

/// Mark the properties that the view leaves out.
static KG_NODISCARD KgStatus
find_excluded(Builder* const b)
{
  for (unsigned s = OLD; s <= NEW; ++s) {
    const KgGraph* const graph = b->diff->sides[s].graph;
    b->excluded[s] = (uint8_t*)kg_calloc((size_t)graph->terms.n_terms + 1U, 1U);
    if (!b->excluded[s]) {
      return KG_BAD_ALLOC;
    }
    for (size_t i = 0U; b->view && i < b->view->n_exclude; ++i) {
      const KgTermId p = resolve(b, s, b->view->exclude[i], false);
      if (b->status) {
        return b->status;
      }
      b->excluded[s][p] = 1U; // A property a graph does not use is no error
    }
  }
  return KG_SUCCESS;
}

/**
   Set `dist[id]` for each term of graph `side` to its steps from `focus`,
   in the undirected graph of its triples between IRIs and blank nodes
   (rdf:type left out), a blank node no step from its neighbours.
*/
static KG_NODISCARD KgStatus
distances(const Builder* const b,
          const unsigned       side,
          const KgTermId       focus,
          uint32_t** const     out)
{
  const KgGraph* const graph = b->diff->sides[side].graph;
  const size_t         n_t   = (size_t)graph->terms.n_terms + 1U;
  const KgTermId       type  = kg_graph_find_iri(graph, KG_SV(KG_RDF_TYPE));
  uint32_t* const      dist =
    (uint32_t*)kg_reallocarray(NULL, n_t, sizeof(uint32_t));
  uint32_t* const start = (uint32_t*)kg_calloc(n_t + 1U, sizeof(uint32_t));
  uint32_t* const deque =
    (uint32_t*)kg_reallocarray(NULL, 4U * n_t + 2U, sizeof(uint32_t));
  size_t n_edges = 0U;
  *out           = dist;
  if (!dist || !start || !deque) {
    kg_free(deque);
    kg_free(start);
    return KG_BAD_ALLOC;
  }
  for (size_t i = 0U; i < graph->n_triples; ++i) {
    const KgTriple* const t = &graph->triples[i];
    if (t->p != type && kg_kind(graph, t->o) != KG_TERM_LITERAL) {
      ++start[t->s + 1U];
      ++start[t->o + 1U];
      n_edges += 2U;
    }
  }
  uint32_t* const adj = table_open(start, n_t, n_edges);
  if (!adj) {
    kg_free(deque);
    kg_free(start);
    return KG_BAD_ALLOC;
  }
  for (size_t i = 0U; i < graph->n_triples; ++i) {
    const KgTriple* const t = &graph->triples[i];
    if (t->p != type && kg_kind(graph, t->o) != KG_TERM_LITERAL) {
      adj[start[t->s]++] = t->o;
      adj[start[t->o]++] = t->s;
    }
  }
  table_rewind(start, n_t);

  // Breadth first with steps of 0 (into a blank node) and 1: a deque
  for (size_t id = 0U; id < n_t; ++id) {
    dist[id] = NONE;
  }
  // A node enters at most twice (a step of 1, then one of 0), so each end
  // of the deque has room for 2 n_t entries
  size_t head   = 2U * n_t + 1U;
  size_t tail   = head;
  dist[focus]   = 0U;
  deque[tail++] = focus;
  while (head < tail) {
    const KgTermId x = deque[head++];
    for (uint32_t k = start[x]; k < start[x + 1U]; ++k) {
      const KgTermId y = adj[k];
      const uint32_t w = kg_is_blank(graph, y) ? 0U : 1U;
      if (dist[x] + w < dist[y]) {
        dist[y] = dist[x] + w;
        if (w) {
          deque[tail++] = y;
        } else {
          deque[--head] = y;
        }
      }
    }
  }
  kg_free(adj);
  kg_free(deque);
  kg_free(start);
  return KG_SUCCESS;
}

/// Mark the entities the view shows (section and focus).
static KG_NODISCARD KgStatus
choose_entities(Builder* const b)
{
  const KgDiffView* const v       = b->view;
  const unsigned          show    = v && v->show ? v->show : 7U;
  uint32_t*               dist[2] = {NULL, NULL};
  KgStatus                st      = KG_SUCCESS;
  if (v && v->focus) {
    for (unsigned s = OLD; s <= NEW && !st; ++s) {
      const KgTermId focus = resolve(b, s, v->focus, true);
      st                   = b->status ? b->status
                             : focus   ? distances(b, s, focus, &dist[s])
                                       : KG_SUCCESS;
    }
    if (!st && !dist[OLD] && !dist[NEW]) {
      kg_log(b->options ? &b->options->log : NULL,
             KG_LOG_ERROR,
             KG_NO_CARET,
             "no entity '%s' (an IRI, QName or label) to focus on",
             v->focus);
      st = KG_BAD_ARG;
    }
  }

  for (size_t i = 0U; i < b->n_ents && !st; ++i) {
    Ent* const e = &b->ents[i];
    e->shown     = (show >> e->change) & 1U;
    if (v && v->focus) {
      bool near = false;
      for (unsigned s = OLD; s <= NEW; ++s) {
        near = near || (dist[s] && e->ids[s] && dist[s][e->ids[s]] <= v->depth);
      }
      e->shown = e->shown && near;
    }
  }
  kg_free(dist[NEW]);
  kg_free(dist[OLD]);
  return st;
}

/// Return -1, 0 or 1 as `a` sorts before, with or after `b`, ignoring the
/// case of ASCII letters.
static int
compare_folded(const KgStringView a, const KgStringView b)
{
  const size_t n = a.len < b.len ? a.len : b.len;
  for (size_t i = 0U; i < n; ++i) {
    unsigned char x = (unsigned char)a.data[i];
    unsigned char y = (unsigned char)b.data[i];
    x               = (x >= 'A' && x <= 'Z') ? (unsigned char)(x + 32U) : x;
    y               = (y >= 'A' && y <= 'Z') ? (unsigned char)(y + 32U) : y;
    if (x != y) {
      return x < y ? -1 : 1;
    }
  }
  return a.len < b.len ? -1 : a.len > b.len ? 1 : 0;
}

static int
compare_recs(const void* const pa, const void* const pb)
{
  const Rec* const a = (const Rec*)pa;
  const Rec* const b = (const Rec*)pb;
  if (a->block != b->block) {
    return a->block < b->block ? -1 : 1;
  }
  const bool an = a->nested != NONE;
  const bool bn = b->nested != NONE;
  if (an != bn) {
    return an ? 1 : -1;
  }
  int cmp = kg_sv_compare(a->predicate.text, b->predicate.text);
  if (cmp) {
    return cmp;
  }
  if (a->change != b->change) {
    return a->change < b->change ? -1 : 1;
  }
  cmp = kg_sv_compare(a->object.text, b->object.text);
  cmp = cmp ? cmp : kg_sv_compare(a->key, b->key);
  return cmp ? cmp : (a->triple < b->triple ? -1 : a->triple > b->triple);
}

static int
compare_entities(const void* const pa, const void* const pb)
{
  const KgReportEntity* const a = (const KgReportEntity*)pa;
  const KgReportEntity* const b = (const KgReportEntity*)pb;
  if (a->change != b->change) {
    return a->change < b->change ? -1 : 1;
  }
  const KgStringView x   = a->name.label.len ? a->name.label : a->name.text;
  const KgStringView y   = b->name.label.len ? b->name.label : b->name.text;
  int                cmp = compare_folded(x, y);
  cmp                    = cmp ? cmp : kg_sv_compare(x, y);
  return cmp ? cmp : kg_sv_compare(a->name.text, b->name.text);
}

static int
compare_counts(const void* const pa, const void* const pb)
{
  const KgReportCount* const a = (const KgReportCount*)pa;
  const KgReportCount* const b = (const KgReportCount*)pb;
  const size_t               n = a->changed + a->added + a->removed;
  const size_t               m = b->changed + b->added + b->removed;
  return n != m ? (n > m ? -1 : 1) : kg_sv_compare(a->term.text, b->term.text);
}

/// Put records of the same predicate in a block as pairs: the k-th removed
/// value then the k-th added one, then the rest.
static KG_NODISCARD KgStatus
pair_values(Builder* const b)
{
  Rec* tmp = (Rec*)kg_reallocarray(NULL, b->n_recs + 1U, sizeof(Rec));
  if (!tmp) {
    return KG_BAD_ALLOC;
  }
  for (size_t i = 0U; i < b->n_recs;) {
    size_t j = i + 1U;
    while (j < b->n_recs && b->recs[j].block == b->recs[i].block &&
           b->recs[j].nested == NONE && b->recs[i].nested == NONE &&
           kg_sv_equals(b->recs[j].predicate.text, b->recs[i].predicate.text)) {
      ++j;
    }
    size_t n_r = 0U;
    while (i + n_r < j && b->recs[i + n_r].change == KG_STATEMENT_REMOVED) {
      ++n_r;
    }
    const size_t n_a   = j - i - n_r;
    const size_t pairs = n_r < n_a ? n_r : n_a;
    size_t       k     = 0U;
    for (size_t q = 0U; q < pairs; ++q) {
      tmp[k]          = b->recs[i + q];
      tmp[k++].paired = true;
      tmp[k++]        = b->recs[i + n_r + q];
    }
    for (size_t q = pairs; q < n_r; ++q) {
      tmp[k++] = b->recs[i + q];
    }
    for (size_t q = pairs; q < n_a; ++q) {
      tmp[k++] = b->recs[i + n_r + q];
    }
    memcpy(b->recs + i, tmp, (j - i) * sizeof(Rec));
    i = j;
  }
  kg_free(tmp);
  return KG_SUCCESS;
}

/// Subclass links (IRIs) of the graphs and the ontology, by subclass.
typedef struct {
  KgStringView sub;
  KgStringView super;
} Link;

static int
compare_links(const void* const pa, const void* const pb)
{
  return kg_sv_compare(((const Link*)pa)->sub, ((const Link*)pb)->sub);
}

typedef struct {
  Link*  links;
  size_t n;
} Hierarchy;

static KG_NODISCARD KgStatus
hierarchy_init(Hierarchy* const h, const KgGraph* const* const graphs)
{
  size_t cap = 0U;
  h->links   = NULL;
  h->n       = 0U;
  for (unsigned g = 0U; g < 3U; ++g) {
    const KgGraph* const graph = graphs[g];
    const KgTermId       sub =
      graph ? kg_graph_find_iri(graph, KG_SV(KG_RDFS_NS "subClassOf")) : 0U;
    for (size_t i = 0U; sub && i < graph->n_triples; ++i) {
      const KgTriple* const t = &graph->triples[i];
      if (t->p == sub && kg_kind(graph, t->s) == KG_TERM_IRI &&
          kg_kind(graph, t->o) == KG_TERM_IRI) {
        if (kg_grow((void**)&h->links, &cap, h->n, sizeof(Link), 64U)) {
          return KG_BAD_ALLOC;
        }
        h->links[h->n].sub     = kg_terms_text(&graph->terms, t->s);
        h->links[h->n++].super = kg_terms_text(&graph->terms, t->o);
      }
    }
  }
  if (h->n) {
    qsort(h->links, h->n, sizeof(Link), compare_links);
  }
  return KG_SUCCESS;
}

/// Compare the class view `key` with the subclass of the link `link`.
static int
compare_sub(const void* const key, const void* const link)
{
  return kg_sv_compare(*(const KgStringView*)key, ((const Link*)link)->sub);
}

/// Return true iff `super` is above `sub` (at most MAX_SUPERCLASSES steps).
static bool
is_above(const Hierarchy* const h,
         const KgStringView     sub,
         const KgStringView     super)
{
  KgStringView todo[MAX_SUPERCLASSES];
  size_t       n    = 0U;
  size_t       next = 0U;
  todo[n++]         = sub;
  while (next < n) {
    const KgStringView x       = todo[next++];
    size_t             n_equal = 0U;
    const size_t       first =
      kg_equal_range(&x, h->links, h->n, sizeof(Link), compare_sub, &n_equal);
    for (size_t k = first; k < first + n_equal; ++k) {
      if (kg_sv_equals(h->links[k].super, super)) {
        return true;
      }
      if (n < MAX_SUPERCLASSES) {
        todo[n++] = h->links[k].super;
      }
    }
  }
  return false;
}

/// Find the most specific class of each entity: of its types, one that is
/// above none of the others, the least by IRI.
static KG_NODISCARD KgStatus
find_types(Builder* const b)
{
  const KgGraph* const graphs[3] = {b->diff->sides[OLD].graph,
                                    b->diff->sides[NEW].graph,
                                    b->options ? b->options->ontology : NULL};
  Hierarchy            h;
  KgStatus             st = hierarchy_init(&h, graphs);
  for (unsigned s = OLD; s <= NEW && !st; ++s) {
    const KgGraph* const graph = graphs[s];
    const KgTermId       type  = kg_graph_find_iri(graph, KG_SV(KG_RDF_TYPE));
    const size_t         n_t   = (size_t)graph->terms.n_terms + 1U;
    uint32_t* const      ent =
      type ? (uint32_t*)kg_reallocarray(NULL, n_t, sizeof(uint32_t)) : NULL;
    KgTermId* const best =
      type ? (KgTermId*)kg_calloc(b->n_ents + 1U, sizeof(KgTermId)) : NULL;
    if (type && (!ent || !best)) {
      kg_free(best);
      kg_free(ent);
      st = KG_BAD_ALLOC;
      break;
    }
    for (size_t id = 0U; type && id < n_t; ++id) {
      ent[id] = NONE;
    }
    for (size_t i = 0U; type && i < b->n_ents; ++i) {
      const Ent* const e = &b->ents[i];
      // Its type where it is described: the new graph first
      const unsigned from = (e->change == KG_ENTITY_REMOVED) ? OLD : NEW;
      if (from == s && e->ids[s]) {
        ent[e->ids[s]] = (uint32_t)i;
      }
    }
    for (size_t i = 0U; type && i < graph->n_triples; ++i) {
      const KgTriple* const t = &graph->triples[i];
      if (t->p != type || ent[t->s] == NONE ||
          kg_kind(graph, t->o) != KG_TERM_IRI) {
        continue;
      }
      KgTermId* const    cur = &best[ent[t->s]];
      const KgStringView c   = kg_terms_text(&graph->terms, t->o);
      if (!*cur) {
        *cur = t->o;
        continue;
      }
      const KgStringView old = kg_terms_text(&graph->terms, *cur);
      if (is_above(&h, c, old) ||
          (!is_above(&h, old, c) && kg_sv_compare(c, old) < 0)) {
        *cur = t->o;
      }
    }
    for (size_t i = 0U; type && i < b->n_ents && !st; ++i) {
      if (best[i]) {
        st = show_term(b, s, best[i], &b->ents[i].out.type);
      }
    }
    kg_free(best);
    kg_free(ent);
  }
  kg_free(h.links);
  return st;
}

/**
   Set `*row` to the row of `term` (keyed by its IRI) in the table `*rows`
   of `*n` rows, adding a zeroed row for it if it is new.

   @return KG_SUCCESS or KG_BAD_ALLOC.
*/
static KG_NODISCARD KgStatus
count_row(KgTerms* const           keys,
          KgReportCount** const    rows,
          size_t* const            cap,
          size_t* const            n,
          const KgShownTerm* const term,
          KgReportCount** const    row)
{
  bool           added = false;
  const KgTermId id =
    kg_terms_intern(keys, KG_TERM_IRI, term->iri, 0U, 0U, &added);
  if (!id) {
    return KG_BAD_ALLOC;
  }
  const KgStatus st =
    kg_grow((void**)rows, cap, id, sizeof(KgReportCount), 64U);
  if (st) {
    return st;
  }
  *row = &(*rows)[id - 1U];
  if (added) {
    memset(*row, 0, sizeof(KgReportCount));
    (*row)->term = *term;
    *n           = id;
  }
  return KG_SUCCESS;
}

/// Count by predicate and by class, from the entities shown.
static KG_NODISCARD KgStatus
count(KgDiffReport* const r)
{
  KgTerms keys[2];
  memset(keys, 0, sizeof(keys));
  KgReportCount* rows[2] = {NULL, NULL};
  size_t         caps[2] = {0U, 0U};
  size_t         n[2]    = {0U, 0U};
  KgStatus       st      = kg_terms_init(&keys[0], 1U);
  if (!st) {
    st = kg_terms_init(&keys[1], 2U);
  }

  for (size_t i = 0U; i < r->n_statements && !st; ++i) {
    const KgReportStatement* const s = &r->statements[i];
    if (s->change == KG_STATEMENT_KEPT) {
      continue;
    }
    KgReportCount* c = NULL;
    st = count_row(&keys[0], &rows[0], &caps[0], &n[0], &s->predicate, &c);
    if (!st) {
      ++*(s->change == KG_STATEMENT_ADDED ? &c->added : &c->removed);
    }
  }

  for (size_t i = 0U; i < r->n_entities && !st; ++i) {
    const KgReportEntity* const e = &r->entities[i];
    KgReportCount*              c = NULL;
    st = count_row(&keys[1], &rows[1], &caps[1], &n[1], &e->type, &c);
    if (!st) {
      if (!c->term.text.len) { // The row of entities of no class
        c->term.text = kg_sv("(no class)");
      }
      ++*(e->change == KG_ENTITY_CHANGED ? &c->changed
          : e->change == KG_ENTITY_ADDED ? &c->added
                                         : &c->removed);
    }
  }

  for (unsigned k = 0U; k < 2U; ++k) {
    if (n[k]) {
      qsort(rows[k], n[k], sizeof(KgReportCount), compare_counts);
    }
  }
  kg_terms_fini(&keys[1]);
  kg_terms_fini(&keys[0]);
  r->predicates   = rows[0];
  r->n_predicates = st ? 0U : n[0];
  r->classes      = rows[1];
  r->n_classes    = st ? 0U : n[1];
  return st;
}

/// Lay the statements out: each entity's block, then the nested ones.
static KG_NODISCARD KgStatus
lay_out(Builder* const b, KgDiffReport* const r, const uint32_t* const order)
{
  r->statements =
    (KgReportStatement*)kg_calloc(b->n_recs + 1U, sizeof(KgReportStatement));
  uint32_t* const queue =
    (uint32_t*)kg_reallocarray(NULL, 2U * b->n_blocks + 1U, sizeof(uint32_t));
  if (!r->statements || !queue) {
    kg_free(queue);
    return KG_BAD_ALLOC;
  }

  for (size_t k = 0U; k < r->n_entities; ++k) {
    KgReportEntity* const e    = &r->entities[k];
    const Ent* const      ent  = &b->ents[order[k]];
    size_t                head = 0U;
    size_t                tail = 0U;
    queue[tail++]              = ent->block;
    queue[tail++]              = NONE;
    e->first                   = (uint32_t)r->n_statements;
    while (head < tail) {
      const uint32_t block = queue[head++];
      const uint32_t from  = queue[head++];
      const Block*   bl    = &b->blocks[block];
      if (from != NONE) {
        r->statements[from].first_nested = (uint32_t)r->n_statements;
        r->statements[from].n_nested     = bl->n;
      } else {
        e->n = bl->n;
      }
      for (uint32_t i = bl->start; i < bl->start + bl->n; ++i) {
        const Rec* const         rec = &b->recs[i];
        KgReportStatement* const s   = &r->statements[r->n_statements];
        s->change                    = (KgStatementChange)rec->change;
        s->paired                    = rec->paired;
        s->predicate                 = rec->predicate;
        s->object                    = rec->object;
        if (rec->change == KG_STATEMENT_ADDED) {
          ++e->n_added;
        } else if (rec->change == KG_STATEMENT_REMOVED) {
          ++e->n_removed;
        }
        if (rec->nested != NONE) {
          queue[tail++] = rec->nested;
          queue[tail++] = (uint32_t)r->n_statements;
        }
        ++r->n_statements;
      }
    }
    r->n_added += e->n_added;
    r->n_removed += e->n_removed;
  }
  kg_free(queue);
  return KG_SUCCESS;
}

static KG_NODISCARD KgStatus
build(Builder* const b, KgDiffReport* const r)
{
  const KgDiff* const d  = b->diff;
  KgStatus            st = KG_SUCCESS;

  // Names: the new graph's prefixes, the old one's, the ontology's, then
  // the well-known vocabularies
  b->prefixes = kg_graph_new();
  if (!b->prefixes) {
    return KG_BAD_ALLOC;
  }
  const KgGraph* const more[2] = {d->sides[OLD].graph,
                                  b->options ? b->options->ontology : NULL};
  for (unsigned g = 0U; g < 2U && !st; ++g) {
    for (size_t i = 0U; more[g] && i < more[g]->n_prefixes && !st; ++i) {
      st = kg_graph_set_prefix(
        b->prefixes, more[g]->prefixes[i].name, more[g]->prefixes[i].iri);
      st = st == KG_FAILURE ? KG_SUCCESS : st;
    }
  }
  if (st) {
    return st;
  }
  KG_TRY(
    st,
    kg_namespaces_init(
      &b->ns, d->sides[NEW].graph, b->prefixes, kg_turtle_prefix_is_valid));
  KG_TRY(st, kg_terms_init(&b->iris, 3U));
  KG_TRY(st, kg_label_set_init(&b->set));
  for (unsigned s = OLD; s <= NEW; ++s) {
    const KgGraph* const graph = d->sides[s].graph;
    const size_t         n_t   = (size_t)graph->terms.n_terms + 1U;
    KG_TRY(st, kg_labeler_init(&b->labelers[s], &b->set, graph));
    KG_TRY(
      st, kg_find_labels(graph, b->view ? b->view->lang : NULL, &b->labels[s]));
    KG_TRY(st, find_parents(b, s));
    b->node_block[s] = (uint32_t*)kg_reallocarray(NULL, n_t, sizeof(uint32_t));
    b->subject[s]    = (uint8_t*)kg_calloc(n_t, 1U);
    b->in_changed[s] = (uint8_t*)kg_calloc(graph->n_triples + 1U, 1U);
    if (!b->node_block[s] || !b->subject[s] || !b->in_changed[s]) {
      return KG_BAD_ALLOC;
    }
    for (size_t id = 0U; id < n_t; ++id) {
      b->node_block[s][id] = NONE;
    }
    for (size_t i = 0U; i < graph->n_triples; ++i) {
      b->subject[s][graph->triples[i].s] = 1U;
    }
    for (size_t i = 0U; i < d->n_changed[s]; ++i) {
      b->in_changed[s][d->changed[s][i]] = 1U;
    }
  }
  KG_TRY(st, kg_labeler_give_all(&b->labelers[OLD]));
  KG_TRY(st, find_excluded(b));
  kg_out_init_buffer(&b->out, &b->scratch);
  b->out.for_people = true;

  // Each changed triple under its subject's block
  for (unsigned s = OLD; s <= NEW && !st; ++s) {
    const KgGraph* const graph = d->sides[s].graph;
    for (size_t i = 0U; i < d->n_changed[s] && !st; ++i) {
      const uint32_t        index = d->changed[s][i];
      const KgTriple* const t     = &graph->triples[index];
      if (b->excluded[s][t->p]) {
        continue;
      }
      // A link that reaches its blank node is made with the node's block
      if (kg_is_blank(graph, t->o)) {
        unsigned os = s;
        KgTermId o  = t->o;
        normalize(b, &os, &o);
        if (os == s && b->parent[s][o] == index + 1U) {
          uint32_t block = 0U;
          st             = subject_block(b, s, t->o, &block);
          continue;
        }
      }
      uint32_t block = 0U;
      KG_TRY(st, subject_block(b, s, t->s, &block));
      KG_TRY(st, add_rec(b, block, s, index, NONE));
    }
  }

  // The texts of each statement
  for (size_t i = 0U; i < b->n_recs && !st; ++i) {
    Rec* const            rec   = &b->recs[i];
    const KgGraph* const  graph = d->sides[rec->side].graph;
    const KgTriple* const t     = &graph->triples[rec->triple];
    st = show_term(b, rec->side, t->p, &rec->predicate);
    if (!st && rec->nested != NONE) {
      rec->object.text = rec->object.iri = rec->object.label = kg_sv("");
      const KgStringView label = blank_label(b, rec->side, t->o);
      st = b->status ? b->status : store(b, label, &rec->key);
    } else if (!st && kg_is_blank(graph, t->o)) {
      unsigned os = rec->side;
      KgTermId o  = t->o;
      normalize(b, &os, &o);
      if (b->parent[os][o]) {
        // Reached from an IRI, and shown where it is reached
        rec->object.text = rec->object.iri = rec->object.label = kg_sv("");
        st = store(b, kg_sv("[ ... ]"), &rec->object.text);
      } else {
        st = show_term(b, rec->side, t->o, &rec->object);
      }
    } else if (!st) {
      st = show_term(b, rec->side, t->o, &rec->object);
    }

    // A triple of a named graph: the graph after the object
    const KgTermId g = kg_graph_name(graph, rec->triple);
    if (!st && g) {
      KgShownTerm name;
      KG_TRY(st, show_term(b, rec->side, g, &name));
      kg_out_sv(&b->out, rec->object.text);
      kg_out_str(&b->out, rec->object.text.len ? "  (in graph " : "(in graph ");
      kg_out_sv(&b->out, name.text);
      kg_out_char(&b->out, ')');
      st = take(b, &rec->object.text);
    }
  }
  if (st) {
    return st;
  }

  // Sort each block's statements, pair the values, and find the blocks
  if (b->n_recs) {
    qsort(b->recs, b->n_recs, sizeof(Rec), compare_recs);
  }
  st = pair_values(b);
  for (size_t i = 0U; i < b->n_recs && !st; ++i) {
    Block* const bl = &b->blocks[b->recs[i].block];
    if (!bl->n) {
      bl->start = (uint32_t)i;
    }
    ++bl->n;
  }

  // Sections, names, labels and classes of the entities
  for (size_t i = 0U; i < b->n_ents && !st; ++i) {
    Ent* const e      = &b->ents[i];
    const bool in_old = e->ids[OLD] && b->subject[OLD][e->ids[OLD]];
    const bool in_new = e->ids[NEW] && b->subject[NEW][e->ids[NEW]];
    e->change         = in_old && in_new ? KG_ENTITY_CHANGED
                        : in_new         ? KG_ENTITY_ADDED
                                         : KG_ENTITY_REMOVED;
    e->out.change     = e->change;
    st                = show_term(b, e->side, e->id, &e->out.name);
    e->out.type.text = e->out.type.iri = e->out.type.label = kg_sv("");
  }
  if (st) {
    return st;
  }
  KG_TRY(st, find_types(b));
  KG_TRY(st, choose_entities(b));

  // The entities shown, sorted
  uint32_t* const order =
    (uint32_t*)kg_reallocarray(NULL, b->n_ents + 1U, sizeof(uint32_t));
  r->entities =
    (KgReportEntity*)kg_calloc(b->n_ents + 1U, sizeof(KgReportEntity));
  if (!order || !r->entities) {
    kg_free(order);
    return KG_BAD_ALLOC;
  }
  for (size_t i = 0U; i < b->n_ents; ++i) {
    if (b->ents[i].shown && b->blocks[b->ents[i].block].n) {
      b->ents[i].out.first         = (uint32_t)i; // Its entity, until laid out
      r->entities[r->n_entities++] = b->ents[i].out;
    }
  }
  if (r->n_entities) {
    qsort(r->entities, r->n_entities, sizeof(KgReportEntity), compare_entities);
  }
  for (size_t k = 0U; k < r->n_entities; ++k) {
    order[k] = r->entities[k].first;
    ++r->n_section[r->entities[k].change];
  }
  st = lay_out(b, r, order);
  kg_free(order);
  if (st) {
    return st;
  }
  return count(r);
}

static const struct {
  const char* name;
  const char* title;
} sections[] = {
  {"changed", "Changed"},
  {"added", "Added"},
  {"removed", "Removed"},
};

const char*
kg_report_section_name(const KgEntityChange change)
{
  return sections[change].name;
}

const char*
kg_report_section_title(const KgEntityChange change)
{
  return sections[change].title;
}

KgStatus
kg_diff_report_new(const KgDiff* const         diff,
                   const KgWriteOptions* const options,
                   const KgDiffView* const     view,
                   KgDiffReport** const        report)
{
  *report = NULL;
  Builder b;
  memset(&b, 0, sizeof(b));
  b.diff                 = diff;
  b.view                 = view;
  b.options              = options;
  KgDiffReport* const r  = (KgDiffReport*)kg_calloc(1U, sizeof(KgDiffReport));
  KgStatus            st = r ? build(&b, r) : KG_BAD_ALLOC;
  if (!st && view) {
    st = view->old_name ? store(&b, kg_sv(view->old_name), &r->old_name) : st;
    st = !st && view->new_name ? store(&b, kg_sv(view->new_name), &r->new_name)
                               : st;
  }

  for (unsigned s = OLD; s <= NEW; ++s) {
    kg_labeler_fini(&b.labelers[s]);
    kg_free(b.labels[s]);
    kg_free(b.parent[s]);
    kg_free(b.node_block[s]);
    kg_free(b.subject[s]);
    kg_free(b.excluded[s]);
    kg_free(b.in_changed[s]);
  }
  kg_label_set_fini(&b.set);
  kg_namespaces_fini(&b.ns);
  kg_graph_free(b.prefixes);
  kg_terms_fini(&b.iris);
  kg_free(b.iri_entity);
  kg_free(b.ents);
  kg_free(b.blocks);
  kg_free(b.recs);
  kg_buffer_fini(&b.scratch);
  if (r) {
    r->arena = b.arena;
  } else {
    arena_free(b.arena);
  }
  if (st) {
    kg_diff_report_free(r);
    return st;
  }
  *report = r;
  return KG_SUCCESS;
}

void
kg_diff_report_free(KgDiffReport* const report)
{
  if (!report) {
    return;
  }
  kg_free(report->entities);
  kg_free(report->statements);
  kg_free(report->predicates);
  kg_free(report->classes);
  arena_free((Chunk*)report->arena);
  kg_free(report);
}
