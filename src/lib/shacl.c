// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Validating a data graph against parsed SHACL Core shapes: focus nodes,
// property paths, the constraint components, results and their messages.
//
// Nothing here recurses deeper than KG_SH_MAX_DEPTH: shapes are checked to
// be acyclic and nested at most that deep when they are read, and so are
// paths; zero-or-more and one-or-more paths are walked with a queue.

#include "alloc.h"
#include "buffer.h"
#include "graph.h"
#include "hash.h"
#include "log.h"
#include "ns.h"
#include "shacl_impl.h"
#include "shacl_values.h"

#include <kgraph/graph.h>
#include <kgraph/shacl.h>
#include <kgraph/status.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/// No triple.
#define NO_TRIPLE UINT32_MAX

static const char* const component_names[] = {
  "ClassConstraintComponent",
  "DatatypeConstraintComponent",
  "NodeKindConstraintComponent",
  "MinCountConstraintComponent",
  "MaxCountConstraintComponent",
  "MinExclusiveConstraintComponent",
  "MinInclusiveConstraintComponent",
  "MaxExclusiveConstraintComponent",
  "MaxInclusiveConstraintComponent",
  "MinLengthConstraintComponent",
  "MaxLengthConstraintComponent",
  "PatternConstraintComponent",
  "LanguageInConstraintComponent",
  "UniqueLangConstraintComponent",
  "EqualsConstraintComponent",
  "DisjointConstraintComponent",
  "LessThanConstraintComponent",
  "LessThanOrEqualsConstraintComponent",
  "NotConstraintComponent",
  "AndConstraintComponent",
  "OrConstraintComponent",
  "XoneConstraintComponent",
  "NodeConstraintComponent",
  "PropertyConstraintComponent",
  "QualifiedMinCountConstraintComponent",
  "QualifiedMaxCountConstraintComponent",
  "ClosedConstraintComponent",
  "HasValueConstraintComponent",
  "InConstraintComponent",
};

const char*
kg_sh_component_name(const KgShComponent component)
{
  return (unsigned)component <
             sizeof(component_names) / sizeof(*component_names)
           ? component_names[component]
           : "ConstraintComponent";
}

/*
  Sets and lists of nodes
*/

/// Return the hash of term `id` in a set of nodes.
static uint32_t
id_hash(const KgTermId id)
{
  return (uint32_t)kg_hash_u64(id);
}

/**
   Find `id` in `set`, a table of term ids (each slot's value is the id).

   @return The slot that holds `id`, or the empty slot where it would go.
*/
static size_t
set_find(const KgTable* const set, const KgTermId id)
{
  return kg_table_find(set, id_hash(id), kg_table_is_value, &id);
}

/// Nodes, each once, with the triple that reached each (or NO_TRIPLE).
typedef struct {
  KgTermId* v;
  uint32_t* t;
  size_t    n;
  size_t    cap;
  KgTable   set; ///< The nodes, once there are more than a few
} Values;

static void
values_fini(Values* const vals)
{
  kg_free(vals->v);
  kg_free(vals->t);
  kg_table_fini(&vals->set);
  memset(vals, 0, sizeof(*vals));
}

static void
values_clear(Values* const vals)
{
  vals->n = 0U;
  if (vals->set.slots) {
    kg_table_clear(&vals->set);
  }
}

static bool
values_has(const Values* const vals, const KgTermId id)
{
  if (vals->set.slots) {
    return vals->set.slots[set_find(&vals->set, id)] != 0U;
  }
  for (size_t i = 0U; i < vals->n; ++i) {
    if (vals->v[i] == id) {
      return true;
    }
  }
  return false;
}

/// Add `id`, reached by triple `t`, unless it is there.
static KgStatus
values_add(Values* const vals, const KgTermId id, const uint32_t t)
{
  KgStatus st = KG_SUCCESS;
  if (!id) {
    return KG_SUCCESS;
  }
  if (vals->set.slots || vals->n >= 8U) {
    if (!vals->set.slots) {
      if ((st = kg_table_init(&vals->set, 64U))) {
        return st;
      }
      for (size_t i = 0U; i < vals->n; ++i) {
        const uint32_t h = id_hash(vals->v[i]);
        kg_table_set(
          &vals->set, kg_table_free_slot(&vals->set, h), h, vals->v[i]);
      }
    }
    if ((st = kg_table_reserve(&vals->set, vals->n + 1U))) {
      return st;
    }
    const size_t i = set_find(&vals->set, id);
    if (vals->set.slots[i]) {
      return KG_SUCCESS;
    }
    kg_table_set(&vals->set, i, id_hash(id), id);
  } else if (values_has(vals, id)) {
    return KG_SUCCESS;
  }

  if (vals->n == vals->cap) {
    const size_t    cap = vals->cap ? 2U * vals->cap : 8U;
    KgTermId* const v =
      (KgTermId*)kg_reallocarray(vals->v, cap, sizeof(KgTermId));
    if (!v) {
      return KG_BAD_ALLOC;
    }
    vals->v = v;
    uint32_t* const ts =
      (uint32_t*)kg_reallocarray(vals->t, cap, sizeof(uint32_t));
    if (!ts) {
      return KG_BAD_ALLOC;
    }
    vals->t   = ts;
    vals->cap = cap;
  }
  vals->v[vals->n]   = id;
  vals->t[vals->n++] = t;
  return KG_SUCCESS;
}

/*
  The validation context
*/

typedef struct {
  const KgShapes*    sh;
  const KgGraph*     sg; ///< Shapes graph
  KgGraph*           data;
  const KgShOptions* opt;
  KgShCounts*        counts;
  bool               same; ///< The data graph is the shapes graph
  KgTermId*          map;  ///< Shapes graph id to data id (imported terms)
  size_t             n_map;
  KgTermId           rdf_type;     ///< Data
  KgTermId           subclass_of;  ///< Data
  uint32_t*          mark;         ///< Scratch of class walks, by data id
  uint32_t           walk;         ///< Current walk's mark
  KgTermId*          queue;        ///< Scratch of class walks
  size_t             n_data_terms; ///< Data ids (exclusive) when started
  KgNamespaces       ns;           ///< For printing terms
  KgBuffer           text;         ///< Messages under construction
  KgBuffer           scratch;      ///< A piece of a message
  KgShMessage*       msgs;
  size_t             msgs_cap;
} Ctx;

/// Return the data id of shapes graph term `sid` (KG_NO_TERM: none).
static KgTermId
to_data(const Ctx* const c, const KgTermId sid)
{
  return c->same ? sid : sid < c->n_map ? c->map[sid] : KG_NO_TERM;
}

/// Intern shapes graph term `sid` in the data graph.
static KgStatus
import(Ctx* const c, const KgTermId sid)
{
  if (c->same || !sid || sid >= c->n_map || c->map[sid]) {
    return KG_SUCCESS;
  }
  KgTermId id = KG_NO_TERM;
  switch (kg_kind(c->sg, sid)) {
  case KG_TERM_IRI:
    id = kg_graph_iri(c->data, kg_term_text(c->sg, sid));
    break;
  case KG_TERM_LITERAL: {
    const KgStringView lang = kg_term_lang(c->sg, sid);
    KgTermId           dt   = KG_NO_TERM;
    if (!lang.len &&
        !(dt = kg_graph_iri(
            c->data, kg_term_text(c->sg, kg_term_datatype(c->sg, sid))))) {
      return KG_BAD_ALLOC;
    }
    id = kg_graph_literal(c->data, kg_term_text(c->sg, sid), dt, lang);
    break;
  }
  default:
    return KG_SUCCESS; // A blank node of the shapes is no node of the data
  }
  if (!id) {
    return KG_BAD_ALLOC;
  }
  c->map[sid] = id;
  return KG_SUCCESS;
}

/// Import every term of the shapes that names a node of the data.
static KgStatus
import_all(Ctx* const c)
{
  const KgShapes* const sh = c->sh;
  KgStatus              st = KG_SUCCESS;
  for (size_t i = 0U; i < sh->n_paths; ++i) {
    if (sh->paths[i].kind == KG_SHP_PREDICATE &&
        (st = import(c, sh->paths[i].term))) {
      return st;
    }
  }
  for (size_t i = 0U; i < sh->n_targets; ++i) {
    if ((st = import(c, sh->targets[i].term))) {
      return st;
    }
  }
  for (size_t i = 0U; i < sh->n_constraints; ++i) {
    const KgShConstraint* const k = &sh->constraints[i];
    switch (k->comp) {
    case KG_SH_CLASS:
    case KG_SH_EQUALS:
    case KG_SH_DISJOINT:
    case KG_SH_LESS_THAN:
    case KG_SH_LESS_THAN_OR_EQUALS:
    case KG_SH_HAS_VALUE:
      st = import(c, k->param);
      break;
    case KG_SH_IN:
    case KG_SH_CLOSED:
      for (uint32_t j = 0U; j < k->n && !st; ++j) {
        st = import(c, sh->terms[k->first + j]);
      }
      break;
    default:
      break;
    }
    if (st) {
      return st;
    }
  }
  return KG_SUCCESS;
}

/*
  Paths
*/

/**
   Add to `out` the nodes that path `pi` (followed backwards if `inverse`)
   reaches from `node`.  Recursion follows the path's nesting, which
   reading bounds by KG_SH_MAX_DEPTH.
*/
static KgStatus
eval_path(const Ctx* const c,
          const uint32_t   pi,
          const bool       inverse,
          const KgTermId   node,
          Values* const    out)
{
  const KgShPath* const path    = &c->sh->paths[pi];
  const KgTriple* const triples = kg_graph_triples(c->data);
  KgStatus              st      = KG_SUCCESS;

  switch (path->kind) {
  case KG_SHP_PREDICATE: {
    const KgTermId pred = to_data(c, path->term);
    if (!pred) {
      return KG_SUCCESS;
    }
    size_t          n = 0U;
    const uint32_t* idx =
      kg_graph_lookup(c->data, inverse ? KG_OBJECT : KG_SUBJECT, node, &n);
    for (size_t i = 0U; i < n && !st; ++i) {
      const KgTriple* const t = &triples[idx[i]];
      if (t->p == pred) {
        st = values_add(out, inverse ? t->s : t->o, idx[i]);
      }
    }
    return st;
  }

  case KG_SHP_INVERSE:
    return eval_path(c, path->first, !inverse, node, out);

  case KG_SHP_ALTERNATIVE:
    for (uint32_t i = 0U; i < path->n && !st; ++i) {
      st = eval_path(c, c->sh->path_kids[path->first + i], inverse, node, out);
    }
    return st;

  case KG_SHP_ZERO_OR_ONE:
    if (!(st = values_add(out, node, NO_TRIPLE))) {
      st = eval_path(c, path->first, inverse, node, out);
    }
    return st;

  case KG_SHP_SEQUENCE: {
    Values cur  = {0};
    Values next = {0};
    if ((st = values_add(&cur, node, NO_TRIPLE))) {
      goto seq_done;
    }
    for (uint32_t k = 0U; k < path->n; ++k) {
      const uint32_t child =
        c->sh->path_kids[path->first + (inverse ? path->n - 1U - k : k)];
      values_clear(&next);
      for (size_t i = 0U; i < cur.n; ++i) {
        if ((st = eval_path(c, child, inverse, cur.v[i], &next))) {
          goto seq_done;
        }
      }
      const Values swap = cur;
      cur               = next;
      next              = swap;
    }
    for (size_t i = 0U; i < cur.n && !st; ++i) {
      st = values_add(out, cur.v[i], cur.t[i]);
    }
  seq_done:
    values_fini(&cur);
    values_fini(&next);
    return st;
  }

  case KG_SHP_ZERO_OR_MORE:
  case KG_SHP_ONE_OR_MORE: {
    // Breadth first: `seen` holds the nodes expanded or queued
    Values seen = {0};
    Values step = {0};
    if (path->kind == KG_SHP_ZERO_OR_MORE &&
        (st = values_add(out, node, NO_TRIPLE))) {
      goto more_done;
    }
    if ((st = values_add(&seen, node, NO_TRIPLE))) {
      goto more_done;
    }
    for (size_t q = 0U; q < seen.n; ++q) {
      values_clear(&step);
      if ((st = eval_path(c, path->first, inverse, seen.v[q], &step))) {
        goto more_done;
      }
      for (size_t i = 0U; i < step.n; ++i) {
        if ((st = values_add(out, step.v[i], step.t[i])) ||
            (st = values_add(&seen, step.v[i], step.t[i]))) {
          goto more_done;
        }
      }
    }
  more_done:
    values_fini(&seen);
    values_fini(&step);
    return st;
  }
  }
  return KG_BAD_INTERNAL;
}

/*
  Classes
*/

/// Start a walk over classes: a new mark.
static void
walk_start(Ctx* const c)
{
  if (++c->walk == 0U) {
    memset(c->mark, 0, c->n_data_terms * sizeof(uint32_t));
    c->walk = 1U;
  }
}

static bool
walk_visit(Ctx* const c, size_t* const n, const KgTermId id)
{
  if (!id || id >= c->n_data_terms || c->mark[id] == c->walk) {
    return false;
  }
  c->mark[id]      = c->walk;
  c->queue[(*n)++] = id;
  return true;
}

/// Return true iff `node` is a SHACL instance of `cls` in the data.
static bool
is_instance(Ctx* const c, const KgTermId node, const KgTermId cls)
{
  if (!cls || !c->rdf_type) {
    return false;
  }
  const KgTriple* const triples = kg_graph_triples(c->data);
  size_t                n       = 0U;
  const uint32_t*       idx = kg_graph_lookup(c->data, KG_SUBJECT, node, &n);
  walk_start(c);
  size_t n_queue = 0U;
  for (size_t i = 0U; i < n; ++i) {
    if (triples[idx[i]].p == c->rdf_type) {
      walk_visit(c, &n_queue, triples[idx[i]].o);
    }
  }
  for (size_t q = 0U; q < n_queue; ++q) {
    const KgTermId t = c->queue[q];
    if (t == cls) {
      return true;
    }
    size_t          n_up = 0U;
    const uint32_t* up   = kg_graph_lookup(c->data, KG_SUBJECT, t, &n_up);
    for (size_t i = 0U; i < n_up && c->subclass_of; ++i) {
      if (triples[up[i]].p == c->subclass_of) {
        walk_visit(c, &n_queue, triples[up[i]].o);
      }
    }
  }
  return false;
}

/// Add the SHACL instances of `cls` in the data to `out`.
static KgStatus
add_instances(Ctx* const c, const KgTermId cls, Values* const out)
{
  const KgTriple* const triples = kg_graph_triples(c->data);
  KgStatus              st      = KG_SUCCESS;
  size_t                n_queue = 0U;
  walk_start(c);
  walk_visit(c, &n_queue, cls);
  for (size_t q = 0U; q < n_queue && !st; ++q) {
    size_t          n   = 0U;
    const uint32_t* idx = kg_graph_lookup(c->data, KG_OBJECT, c->queue[q], &n);
    for (size_t i = 0U; i < n && !st; ++i) {
      const KgTriple* const t = &triples[idx[i]];
      if (t->p == c->rdf_type) {
        st = values_add(out, t->s, idx[i]);
      } else if (t->p == c->subclass_of && c->subclass_of) {
        walk_visit(c, &n_queue, t->s);
      }
    }
  }
  return st;
}

static int
compare_ids(const void* const a, const void* const b)
{
  const KgTermId x = *(const KgTermId*)a;
  const KgTermId y = *(const KgTermId*)b;
  return x < y ? -1 : x > y;
}

/// Collect the focus nodes of `shape`, sorted by id.
static KgStatus
focus_nodes(Ctx* const c, const KgShShape* const shape, Values* const out)
{
  const KgTriple* const triples = kg_graph_triples(c->data);
  KgStatus              st      = KG_SUCCESS;
  for (uint32_t k = 0U; k < shape->n_targets && !st; ++k) {
    const KgShTarget* const target = &c->sh->targets[shape->first_target + k];
    const KgTermId          term   = to_data(c, target->term);
    if (!term) {
      continue;
    }
    switch (target->kind) {
    case KG_SHT_NODE:
      st = values_add(out, term, NO_TRIPLE);
      break;
    case KG_SHT_CLASS:
      st = add_instances(c, term, out);
      break;
    case KG_SHT_SUBJECTS_OF:
    case KG_SHT_OBJECTS_OF: {
      size_t          n   = 0U;
      const uint32_t* idx = kg_graph_lookup(c->data, KG_PREDICATE, term, &n);
      for (size_t i = 0U; i < n && !st; ++i) {
        st = values_add(out,
                        target->kind == KG_SHT_SUBJECTS_OF ? triples[idx[i]].s
                                                           : triples[idx[i]].o,
                        NO_TRIPLE);
      }
      break;
    }
    }
  }
  if (!st && out->n > 1U) {
    qsort(out->v, out->n, sizeof(KgTermId), compare_ids);
  }
  return st;
}

/*
  Messages
*/

/// Return true iff literal `id` can be written bare in Turtle: an
/// xsd:integer or xsd:decimal in Turtle's own syntax, or a boolean.
static bool
is_bare(const KgGraph* const graph, const KgTermId id)
{
  const KgStringView dt  = kg_term_text(graph, kg_term_datatype(graph, id));
  const KgStringView lex = kg_term_text(graph, id);
  if (kg_sv_equals(dt, KG_SV(KG_XSD_NS "boolean"))) {
    return kg_sv_equals(lex, KG_SV("true")) ||
           kg_sv_equals(lex, KG_SV("false"));
  }
  const bool integer = kg_sv_equals(dt, KG_SV(KG_XSD_NS "integer"));
  if (!integer && !kg_sv_equals(dt, KG_SV(KG_XSD_NS "decimal"))) {
    return false;
  }
  size_t i = lex.len && (lex.data[0] == '+' || lex.data[0] == '-') ? 1U : 0U;
  size_t n_digits   = 0U;
  size_t n_points   = 0U;
  bool   last_digit = false;
  for (; i < lex.len; ++i) {
    last_digit = lex.data[i] >= '0' && lex.data[i] <= '9';
    n_digits += last_digit;
    n_points += lex.data[i] == '.';
    if (!last_digit && lex.data[i] != '.') {
      return false;
    }
  }
  return n_digits && last_digit && n_points == (integer ? 0U : 1U);
}

/// Append term `id` of `graph` for people (Turtle, with the prefixes of the
/// shapes graph); a literal as its lexical form if `lexical`.
static KgStatus
append_term(Ctx* const      c,
            KgBuffer* const buf,
            const KgGraph*  graph,
            const KgTermId  id,
            const bool      lexical)
{
  if (kg_kind(graph, id) == KG_TERM_LITERAL &&
      (lexical || is_bare(graph, id))) {
    return kg_buffer_append_sv(buf, kg_term_text(graph, id));
  }
  char* const    text = kg_namespaces_term_string(&c->ns, graph, id);
  const KgStatus st   = text ? kg_buffer_append_str(buf, text) : KG_BAD_ALLOC;
  kg_free(text);
  return st;
}

/// Append path `pi` in SPARQL syntax (recursion bounded by the path's nesting).
static KgStatus
append_path(Ctx* const c, KgBuffer* const buf, const uint32_t pi)
{
  const KgShPath* const path = &c->sh->paths[pi];
  KgStatus              st   = KG_SUCCESS;
  switch (path->kind) {
  case KG_SHP_PREDICATE:
    return append_term(c, buf, c->sg, path->term, false);
  case KG_SHP_SEQUENCE:
  case KG_SHP_ALTERNATIVE:
    st = kg_buffer_append_char(buf, '(');
    for (uint32_t i = 0U; i < path->n && !st; ++i) {
      if (i) {
        st =
          kg_buffer_append_str(buf, path->kind == KG_SHP_SEQUENCE ? "/" : "|");
      }
      if (!st) {
        st = append_path(c, buf, c->sh->path_kids[path->first + i]);
      }
    }
    if (st) {
      return st;
    }
    return kg_buffer_append_char(buf, ')');
  case KG_SHP_INVERSE:
    if (!(st = kg_buffer_append_char(buf, '^'))) {
      st = append_path(c, buf, path->first);
    }
    return st;
  case KG_SHP_ZERO_OR_MORE:
  case KG_SHP_ONE_OR_MORE:
  case KG_SHP_ZERO_OR_ONE:
    if (!(st = append_path(c, buf, path->first))) {
      st = kg_buffer_append_char(buf,
                                 path->kind == KG_SHP_ZERO_OR_MORE  ? '*'
                                 : path->kind == KG_SHP_ONE_OR_MORE ? '+'
                                                                    : '?');
    }
    return st;
  }
  return KG_BAD_INTERNAL;
}

/// What a failed constraint found, for its result.
typedef struct {
  KgTermId     value;  ///< Data: the value, or KG_NO_TERM
  uint32_t     triple; ///< Data: the triple that reached it, or NO_TRIPLE
  size_t       count;  ///< How many there are (counts)
  KgTermId     other;  ///< Data: lessThan's other value, closed's predicate
  KgStringView lang;   ///< uniqueLang: the language
} Detail;

static const char*
article(const char* const text)
{
  return strchr("aeiouxAEIOUX", text[0]) && text[0] ? "an" : "a";
}

/// Append the default message of constraint `k` of `shape`.
static KgStatus
default_message(Ctx* const                  c,
                KgBuffer* const             buf,
                const KgShShape* const      shape,
                const KgShConstraint* const k,
                const KgTermId              focus,
                const Detail* const         d)
{
  KgBuffer* const s  = &c->scratch;
  KgStatus        st = KG_SUCCESS;
  kg_buffer_clear(s);

  // "value X " where there is a value
  if (d->value && k->comp != KG_SH_CLOSED) {
    if ((st = kg_buffer_append_str(buf, "value ")) ||
        (st = append_term(c, buf, c->data, d->value, false)) ||
        (st = kg_buffer_append_char(buf, ' '))) {
      return st;
    }
  }

  // The path, for counts
  if (shape->path != KG_SH_NONE && (st = append_path(c, s, shape->path))) {
    return st;
  }

  // The parameter, after the path in `s`
  const size_t path_len = s->len;
  if ((k->param && (st = kg_buffer_append_char(s, '\0'))) ||
      (k->param && (st = append_term(c, s, c->sg, k->param, false)))) {
    return st;
  }
  const char* const path = s->data ? s->data : "";
  const char* const pv   = k->param ? s->data + path_len + 1U : "";
  const KgShShape*  ref =
    k->shape != KG_SH_NONE ? &c->sh->shapes[k->shape] : NULL;
  const char* const        rn           = ref ? ref->name : "";
  static const char* const kind_names[] = {"",
                                           "an IRI",
                                           "a blank node",
                                           "a blank node or an IRI",
                                           "a literal",
                                           "an IRI or a literal",
                                           "a blank node or a literal",
                                           "any node"};

  switch (k->comp) {
  case KG_SH_CLASS:
    st = kg_buffer_printf(buf, "is not %s %s", article(pv), pv);
    break;
  case KG_SH_DATATYPE:
    st = kg_buffer_printf(buf, "is not %s %s", article(pv), pv);
    break;
  case KG_SH_NODE_KIND:
    st = kg_buffer_printf(buf, "is not %s", kind_names[k->kinds & 7U]);
    break;
  case KG_SH_MIN_COUNT:
    st = kg_buffer_printf(buf,
                          "has %zu value%s of %s, at least %llu required",
                          d->count,
                          d->count == 1U ? "" : "s",
                          path,
                          (unsigned long long)k->count);
    break;
  case KG_SH_MAX_COUNT:
    st = kg_buffer_printf(buf,
                          "has %zu value%s of %s, at most %llu allowed",
                          d->count,
                          d->count == 1U ? "" : "s",
                          path,
                          (unsigned long long)k->count);
    break;
  case KG_SH_MIN_EXCLUSIVE:
    st = kg_buffer_printf(buf, "is not greater than %s", pv);
    break;
  case KG_SH_MIN_INCLUSIVE:
    st = kg_buffer_printf(buf, "is not greater than or equal to %s", pv);
    break;
  case KG_SH_MAX_EXCLUSIVE:
    st = kg_buffer_printf(buf, "is not less than %s", pv);
    break;
  case KG_SH_MAX_INCLUSIVE:
    st = kg_buffer_printf(buf, "is not less than or equal to %s", pv);
    break;
  case KG_SH_MIN_LENGTH:
  case KG_SH_MAX_LENGTH: {
    const size_t len = kg_sh_length(kg_sh_value(c->data, d->value));
    if (len == SIZE_MAX) {
      st = kg_buffer_append_str(buf, "is a blank node, which has no length");
    } else {
      st =
        kg_buffer_printf(buf,
                         "has %zu character%s, %s %llu %s",
                         len,
                         len == 1U ? "" : "s",
                         k->comp == KG_SH_MIN_LENGTH ? "at least" : "at most",
                         (unsigned long long)k->count,
                         k->comp == KG_SH_MIN_LENGTH ? "required" : "allowed");
    }
    break;
  }
  case KG_SH_PATTERN:
    st = kg_buffer_printf(buf, "does not match %s", pv);
    break;
  case KG_SH_LANGUAGE_IN:
    st = kg_buffer_append_str(buf, "has no language tag of sh:languageIn");
    break;
  case KG_SH_UNIQUE_LANG:
    st = kg_buffer_printf(buf,
                          "more than one value of %s has language '%.*s'",
                          path,
                          (int)d->lang.len,
                          d->lang.data);
    break;
  case KG_SH_EQUALS:
    st = kg_buffer_printf(buf,
                          "is not a value of both %s and %s",
                          path[0] ? path : "the focus node",
                          pv);
    break;
  case KG_SH_DISJOINT:
    st = kg_buffer_printf(buf, "is also a value of %s", pv);
    break;
  case KG_SH_LESS_THAN:
  case KG_SH_LESS_THAN_OR_EQUALS:
    if (!(st = kg_buffer_printf(buf,
                                "is not less than %s",
                                k->comp == KG_SH_LESS_THAN ? ""
                                                           : "or equal to ")) &&
        !(st = append_term(c, buf, c->data, d->other, false))) {
      st = kg_buffer_printf(buf, ", a value of %s", pv);
    }
    break;
  case KG_SH_NOT:
    st =
      kg_buffer_printf(buf, "conforms to shape '%s', which sh:not forbids", rn);
    break;
  case KG_SH_AND:
    st = kg_buffer_append_str(buf, "does not conform to every shape of sh:and");
    break;
  case KG_SH_OR:
    st = kg_buffer_append_str(buf, "conforms to no shape of sh:or");
    break;
  case KG_SH_XONE:
    st = kg_buffer_printf(
      buf, "conforms to %zu shapes of sh:xone, exactly 1 required", d->count);
    break;
  case KG_SH_NODE:
    st = kg_buffer_printf(buf, "does not conform to shape '%s'", rn);
    break;
  case KG_SH_PROPERTY:
    st = kg_buffer_printf(buf, "does not conform to shape '%s'", rn);
    break;
  case KG_SH_QUALIFIED_MIN_COUNT:
  case KG_SH_QUALIFIED_MAX_COUNT:
    st = kg_buffer_printf(
      buf,
      "%zu value%s of %s conform%s to shape '%s', %s %llu %s",
      d->count,
      d->count == 1U ? "" : "s",
      path,
      d->count == 1U ? "s" : "",
      rn,
      k->comp == KG_SH_QUALIFIED_MIN_COUNT ? "at least" : "at most",
      (unsigned long long)k->count,
      k->comp == KG_SH_QUALIFIED_MIN_COUNT ? "required" : "allowed");
    break;
  case KG_SH_CLOSED:
    if (!(st = kg_buffer_append_str(buf, "property ")) &&
        !(st = append_term(c, buf, c->data, d->other, false)) &&
        !(st =
            kg_buffer_append_str(buf, " is not allowed by closed shape '")) &&
        !(st = kg_buffer_append_str(buf, shape->name)) &&
        !(st = kg_buffer_append_str(buf, "' (value ")) &&
        !(st = append_term(c, buf, c->data, d->value, false))) {
      st = kg_buffer_append_char(buf, ')');
    }
    break;
  case KG_SH_HAS_VALUE:
    if (shape->path == KG_SH_NONE) {
      if (!(st = kg_buffer_append_str(buf, "focus node ")) &&
          !(st = append_term(c, buf, c->data, focus, false))) {
        st = kg_buffer_printf(buf, " is not %s", pv);
      }
    } else {
      st = kg_buffer_printf(buf, "%s is not a value of %s", pv, path);
    }
    break;
  case KG_SH_IN:
    st = kg_buffer_append_str(buf, "is not in the list of sh:in");
    break;
  }
  return st;
}

/// Append message template `tmpl` with {$this}, {?value}, {$path} and the
/// shape's parameters ({$minCount}...) substituted.
static KgStatus
substitute(Ctx* const             c,
           KgBuffer* const        buf,
           const KgShShape* const shape,
           const KgTermId         focus,
           const Detail* const    d,
           const KgStringView     tmpl)
{
  KgStatus st = KG_SUCCESS;
  for (size_t i = 0U; i < tmpl.len && !st; ++i) {
    const char ch = tmpl.data[i];
    if (ch != '{' || i + 2U >= tmpl.len ||
        (tmpl.data[i + 1U] != '$' && tmpl.data[i + 1U] != '?')) {
      st = kg_buffer_append_char(buf, ch);
      continue;
    }
    const char* const end =
      (const char*)memchr(tmpl.data + i + 2U, '}', tmpl.len - i - 2U);
    if (!end) {
      st = kg_buffer_append_char(buf, ch);
      continue;
    }
    const KgStringView name = {tmpl.data + i + 2U,
                               (size_t)(end - (tmpl.data + i + 2U))};
    if (kg_sv_equals(name, KG_SV("this"))) {
      st = append_term(c, buf, c->data, focus, true);
    } else if (kg_sv_equals(name, KG_SV("value"))) {
      if (d->value) {
        st = append_term(c, buf, c->data, d->value, true);
      }
    } else if (kg_sv_equals(name, KG_SV("path"))) {
      if (shape->path != KG_SH_NONE) {
        st = append_path(c, buf, shape->path);
      }
    } else {
      // A parameter of the shape, by its local name
      KgBuffer iri   = KG_BUFFER_INIT;
      KgTermId value = KG_NO_TERM;
      if (!(st = kg_buffer_printf(
              &iri, "%s%.*s", KG_SH_NS, (int)name.len, name.data))) {
        const KgTermId pred = kg_graph_find_iri(c->sg, kg_buffer_view(&iri));
        value = pred ? kg_graph_object(c->sg, shape->id, pred) : KG_NO_TERM;
      }
      kg_buffer_fini(&iri);
      if (!st && value) {
        st = append_term(c, buf, c->sg, value, true);
      } else if (!st) {
        st = kg_buffer_append(buf, tmpl.data + i, name.len + 3U);
      }
    }
    i += name.len + 2U;
  }
  return st;
}

/*
  Results
*/

/// Return the first triple of `node` in the data: as subject, else object.
static uint32_t
first_statement(const Ctx* const c, const KgTermId node)
{
  size_t          n   = 0U;
  const uint32_t* idx = kg_graph_lookup(c->data, KG_SUBJECT, node, &n);
  if (n) {
    return idx[0];
  }
  idx = kg_graph_lookup(c->data, KG_OBJECT, node, &n);
  return n ? idx[0] : NO_TRIPLE;
}

/// Emit the result of constraint `k` of `shape` failing on `focus`.
static KgStatus
emit(Ctx* const                  c,
     const KgShShape* const      shape,
     const KgShConstraint* const k,
     const KgTermId              focus,
     const Detail* const         d)
{
  const KgShapes* const sh = c->sh;
  KgStatus              st = KG_SUCCESS;
  KgShResult            r;
  memset(&r, 0, sizeof(r));
  r.component  = k->comp;
  r.severity   = shape->severity;
  r.focus      = focus;
  r.value      = d->value;
  r.path       = shape->path_term;
  r.shape      = shape->id;
  r.shape_name = kg_sv(shape->name);

  if (shape->severity == sh->vocab[KG_SHV_WARNING] && shape->severity) {
    r.level = KG_LOG_WARNING;
    ++c->counts->n_warnings;
  } else if (shape->severity == sh->vocab[KG_SHV_INFO] && shape->severity) {
    r.level = KG_LOG_NOTE;
    ++c->counts->n_infos;
  } else {
    r.level = KG_LOG_ERROR;
    ++c->counts->n_violations;
  }
  if (!c->opt || !c->opt->sink) {
    return KG_SUCCESS;
  }

  if (k->comp == KG_SH_CLOSED) {
    // The data's predicate, named in the shapes graph
    if (!(r.path = kg_graph_iri(sh->graph, kg_term_text(c->data, d->other)))) {
      return KG_BAD_ALLOC;
    }
  }

  uint32_t t = d->triple;
  if (t != NO_TRIPLE) {
    r.where = KG_SH_AT_VALUE;
  } else if ((t = first_statement(c, focus)) != NO_TRIPLE) {
    r.where = KG_SH_AT_FOCUS;
  }
  if (t != NO_TRIPLE) {
    r.triple = t;
    r.caret  = kg_graph_caret(c->data, t);
  } else {
    r.where  = KG_SH_AT_SHAPE;
    r.triple = k->triple;
    r.caret =
      k->triple == SIZE_MAX ? KG_NO_CARET : kg_graph_caret(c->sg, k->triple);
  }

  // Messages: texts one after the other in `text`, then views on them
  const size_t n_msgs = shape->n_messages ? shape->n_messages : 1U;
  if (n_msgs > c->msgs_cap) {
    KgShMessage* const msgs =
      (KgShMessage*)kg_reallocarray(c->msgs, n_msgs, sizeof(KgShMessage));
    if (!msgs) {
      return KG_BAD_ALLOC;
    }
    c->msgs     = msgs;
    c->msgs_cap = n_msgs;
  }
  kg_buffer_clear(&c->text);
  for (size_t i = 0U; i < n_msgs; ++i) {
    const size_t start = c->text.len;
    if (shape->n_messages) {
      const KgTermId m = sh->terms[shape->first_message + i];
      st = substitute(c, &c->text, shape, focus, d, kg_term_text(c->sg, m));
      c->msgs[i].lang = kg_term_lang(c->sg, m);
    } else {
      st              = default_message(c, &c->text, shape, k, focus, d);
      c->msgs[i].lang = KG_SV("");
    }
    if (st) {
      return st;
    }
    c->msgs[i].text.len  = c->text.len - start;
    c->msgs[i].text.data = (const char*)(uintptr_t)start;
  }
  for (size_t i = 0U; i < n_msgs; ++i) {
    c->msgs[i].text.data = c->text.data + (uintptr_t)c->msgs[i].text.data;
  }
  r.messages   = c->msgs;
  r.n_messages = n_msgs;
  return c->opt->sink(c->opt->handle, &r);
}

/// Note that a constraint failed; emit the result if `report`.
static KgStatus
fail(Ctx* const                  c,
     const KgShShape* const      shape,
     const KgShConstraint* const k,
     const KgTermId              focus,
     const Detail* const         d,
     const bool                  report,
     bool* const                 conforms)
{
  *conforms = false;
  return report ? emit(c, shape, k, focus, d) : KG_SUCCESS;
}

/*
  Shapes and constraints
*/

static KgStatus
eval_shape(Ctx* c, uint32_t si, KgTermId focus, bool report, bool* conforms);

/// Return whether `node` conforms to shape `si` (nested: no results).
static KgStatus
conforms_to(Ctx* const     c,
            const uint32_t si,
            const KgTermId node,
            bool* const    ok)
{
  return eval_shape(c, si, node, false, ok);
}

/// Collect the objects of (`focus`, `pred`, ?) in the data into `out`.
static KgStatus
objects_of(const Ctx* const c,
           const KgTermId   focus,
           const KgTermId   pred,
           Values* const    out)
{
  const KgTriple* const triples = kg_graph_triples(c->data);
  size_t                n       = 0U;
  const uint32_t*       idx = kg_graph_lookup(c->data, KG_SUBJECT, focus, &n);
  KgStatus              st  = KG_SUCCESS;
  for (size_t i = 0U; i < n && pred && !st; ++i) {
    if (triples[idx[i]].p == pred) {
      st = values_add(out, triples[idx[i]].o, idx[i]);
    }
  }
  return st;
}

static bool
has_kind(const Ctx* const c, const KgTermId v, const uint8_t kinds)
{
  switch (kg_kind(c->data, v)) {
  case KG_TERM_IRI:
    return kinds & KG_SHK_IRI;
  case KG_TERM_BLANK:
    return kinds & KG_SHK_BLANK;
  case KG_TERM_LITERAL:
    return kinds & KG_SHK_LITERAL;
  default:
    return false;
  }
}

/// Return whether value `v` passes value constraint `k` (a test on one term).
static KgStatus
test_value(Ctx* const                  c,
           const KgShConstraint* const k,
           const KgTermId              v,
           const uint32_t              t,
           bool* const                 ok)
{
  // Class, node kind and sh:in look at the id alone
  const bool by_id =
    k->comp == KG_SH_CLASS || k->comp == KG_SH_NODE_KIND || k->comp == KG_SH_IN;
  const KgShValue value = by_id ? (KgShValue){KG_TERM_NONE,
                                              {NULL, 0U},
                                              {NULL, 0U},
                                              {NULL, 0U},
                                              NULL,
                                              KG_NO_TERM}
                                : kg_sh_value(c->data, v);
  KgStatus        st    = KG_SUCCESS;
  switch (k->comp) {
  case KG_SH_CLASS:
    *ok = is_instance(c, v, to_data(c, k->param));
    break;
  case KG_SH_DATATYPE:
    *ok = kg_sh_has_datatype(value, kg_term_text(c->sg, k->param));
    break;
  case KG_SH_NODE_KIND:
    *ok = has_kind(c, v, k->kinds);
    break;
  case KG_SH_MIN_EXCLUSIVE:
  case KG_SH_MIN_INCLUSIVE:
  case KG_SH_MAX_EXCLUSIVE:
  case KG_SH_MAX_INCLUSIVE: {
    const KgShOrder o = kg_sh_compare(value, kg_sh_value(c->sg, k->param));
    *ok               = k->comp == KG_SH_MIN_EXCLUSIVE ? o == KG_SH_GREATER
                        : k->comp == KG_SH_MIN_INCLUSIVE
                          ? (o == KG_SH_GREATER || o == KG_SH_EQUAL)
                        : k->comp == KG_SH_MAX_EXCLUSIVE
                          ? o == KG_SH_LESS
                          : (o == KG_SH_LESS || o == KG_SH_EQUAL);
    break;
  }
  case KG_SH_MIN_LENGTH:
    *ok = kg_sh_has_min_length(value, (size_t)k->count);
    break;
  case KG_SH_MAX_LENGTH:
    *ok = kg_sh_has_max_length(value, (size_t)k->count);
    break;
  case KG_SH_PATTERN:
    *ok = kg_sh_pattern_matches(k->pattern, value, &st);
    if (st == KG_BAD_LIMIT) {
      const KgCaret caret = t != NO_TRIPLE ? kg_graph_caret(c->data, t)
                                           : kg_graph_caret(c->sg, k->triple);
      kg_log(&c->opt->log,
             KG_LOG_ERROR,
             caret,
             "sh:pattern '%s' takes too long to match this value",
             kg_term_text(c->sg, k->param).data);
    }
    break;
  case KG_SH_LANGUAGE_IN:
    *ok = false;
    for (uint32_t i = 0U; i < k->n && !*ok; ++i) {
      *ok = kg_sh_lang_matches(value.lang,
                               kg_term_text(c->sg, c->sh->terms[k->first + i]));
    }
    break;
  case KG_SH_IN:
    *ok = false;
    for (uint32_t i = 0U; i < k->n && !*ok; ++i) {
      *ok = to_data(c, c->sh->terms[k->first + i]) == v;
    }
    break;
  default:
    *ok = true;
    break;
  }
  return st;
}

/// Evaluate constraint `k` of `shape` on `focus` and its values `vals`.
static KgStatus
eval_constraint(Ctx* const                  c,
                const KgShShape* const      shape,
                const KgShConstraint* const k,
                const KgTermId              focus,
                const Values* const         vals,
                const bool                  report,
                bool* const                 conforms)
{
  const KgTriple* const triples = kg_graph_triples(c->data);
  KgStatus              st      = KG_SUCCESS;
  Detail                d = {KG_NO_TERM, NO_TRIPLE, 0U, KG_NO_TERM, {NULL, 0U}};

  switch (k->comp) {
  case KG_SH_CLASS:
  case KG_SH_DATATYPE:
  case KG_SH_NODE_KIND:
  case KG_SH_MIN_EXCLUSIVE:
  case KG_SH_MIN_INCLUSIVE:
  case KG_SH_MAX_EXCLUSIVE:
  case KG_SH_MAX_INCLUSIVE:
  case KG_SH_MIN_LENGTH:
  case KG_SH_MAX_LENGTH:
  case KG_SH_PATTERN:
  case KG_SH_LANGUAGE_IN:
  case KG_SH_IN:
    for (size_t i = 0U; i < vals->n && !st; ++i) {
      bool ok = true;
      if ((st = test_value(c, k, vals->v[i], vals->t[i], &ok)) || ok) {
        continue;
      }
      d.value  = vals->v[i];
      d.triple = vals->t[i];
      st       = fail(c, shape, k, focus, &d, report, conforms);
      if (!report) {
        break;
      }
    }
    return st;

  case KG_SH_MIN_COUNT:
  case KG_SH_MAX_COUNT:
    if (k->comp == KG_SH_MIN_COUNT ? vals->n < k->count : vals->n > k->count) {
      d.count = vals->n;
      st      = fail(c, shape, k, focus, &d, report, conforms);
    }
    return st;

  case KG_SH_UNIQUE_LANG:
    for (size_t i = 0U; i < vals->n && !st; ++i) {
      const KgStringView lang = kg_term_lang(c->data, vals->v[i]);
      bool               seen = false;
      size_t             n    = 0U;
      for (size_t j = 0U; j < vals->n; ++j) {
        const KgStringView other = kg_term_lang(c->data, vals->v[j]);
        if (lang.len && kg_sv_equals(lang, other)) {
          seen = seen || j < i;
          ++n;
        }
      }
      if (!seen && n > 1U) {
        d.lang = lang;
        st     = fail(c, shape, k, focus, &d, report, conforms);
      }
    }
    return st;

  case KG_SH_EQUALS:
  case KG_SH_DISJOINT:
  case KG_SH_LESS_THAN:
  case KG_SH_LESS_THAN_OR_EQUALS: {
    Values others = {0};
    if ((st = objects_of(c, focus, to_data(c, k->param), &others))) {
      goto pair_done;
    }
    for (size_t i = 0U; i < vals->n && !st; ++i) {
      const KgTermId v = vals->v[i];
      d.value          = v;
      d.triple         = vals->t[i];
      if (k->comp == KG_SH_EQUALS || k->comp == KG_SH_DISJOINT) {
        if (values_has(&others, v) == (k->comp == KG_SH_DISJOINT)) {
          st = fail(c, shape, k, focus, &d, report, conforms);
        }
        continue;
      }
      for (size_t j = 0U; j < others.n && !st; ++j) {
        const KgShOrder o = kg_sh_compare(kg_sh_value(c->data, v),
                                          kg_sh_value(c->data, others.v[j]));
        if (!(o == KG_SH_LESS ||
              (o == KG_SH_EQUAL && k->comp == KG_SH_LESS_THAN_OR_EQUALS))) {
          // One result for each pair, as the test suite expects
          d.other = others.v[j];
          st      = fail(c, shape, k, focus, &d, report, conforms);
          if (!report) {
            break;
          }
        }
      }
    }
    if (k->comp == KG_SH_EQUALS) {
      for (size_t j = 0U; j < others.n && !st; ++j) {
        if (!values_has(vals, others.v[j])) {
          d.value  = others.v[j];
          d.triple = others.t[j];
          st       = fail(c, shape, k, focus, &d, report, conforms);
        }
      }
    }
  pair_done:
    values_fini(&others);
    return st;
  }

  case KG_SH_NOT:
  case KG_SH_NODE:
  case KG_SH_AND:
  case KG_SH_OR:
  case KG_SH_XONE:
    for (size_t i = 0U; i < vals->n && !st; ++i) {
      bool   ok = false;
      size_t n  = 0U;
      if (k->comp == KG_SH_NOT || k->comp == KG_SH_NODE) {
        bool in = false;
        st      = conforms_to(c, k->shape, vals->v[i], &in);
        ok      = k->comp == KG_SH_NOT ? !in : in;
      } else {
        for (uint32_t j = 0U; j < k->n && !st; ++j) {
          bool in = false;
          st      = conforms_to(c, c->sh->refs[k->first + j], vals->v[i], &in);
          n += in;
          if ((k->comp == KG_SH_AND && !in) || (k->comp == KG_SH_OR && in)) {
            break;
          }
        }
        ok = k->comp == KG_SH_AND  ? n == k->n
             : k->comp == KG_SH_OR ? n > 0U
                                   : n == 1U;
      }
      if (!st && !ok) {
        d.value  = vals->v[i];
        d.triple = vals->t[i];
        d.count  = n;
        st       = fail(c, shape, k, focus, &d, report, conforms);
        if (!report) {
          break;
        }
      }
    }
    return st;

  case KG_SH_PROPERTY:
    for (size_t i = 0U; i < vals->n && !st; ++i) {
      bool ok = true;
      st      = eval_shape(c, k->shape, vals->v[i], report, &ok);
      if (!ok) {
        *conforms = false;
        if (!report) {
          break;
        }
      }
    }
    return st;

  case KG_SH_QUALIFIED_MIN_COUNT:
  case KG_SH_QUALIFIED_MAX_COUNT: {
    size_t n = 0U;
    for (size_t i = 0U; i < vals->n && !st; ++i) {
      bool in = false;
      if ((st = conforms_to(c, k->shape, vals->v[i], &in)) || !in) {
        continue;
      }
      for (uint32_t j = 0U; j < k->n_sibs && in && !st; ++j) {
        bool sib = false;
        st       = conforms_to(c, c->sh->refs[k->sibs + j], vals->v[i], &sib);
        in       = !sib;
      }
      n += in;
    }
    if (!st &&
        (k->comp == KG_SH_QUALIFIED_MIN_COUNT ? n < k->count : n > k->count)) {
      d.count = n;
      st      = fail(c, shape, k, focus, &d, report, conforms);
    }
    return st;
  }

  case KG_SH_CLOSED:
    for (size_t i = 0U; i < vals->n && !st; ++i) {
      size_t          n = 0U;
      const uint32_t* idx =
        kg_graph_lookup(c->data, KG_SUBJECT, vals->v[i], &n);
      for (size_t j = 0U; j < n && !st; ++j) {
        const KgTriple* const tr      = &triples[idx[j]];
        bool                  allowed = false;
        for (uint32_t m = 0U; m < k->n && !allowed; ++m) {
          allowed = to_data(c, c->sh->terms[k->first + m]) == tr->p;
        }
        if (!allowed) {
          d.value  = tr->o;
          d.triple = idx[j];
          d.other  = tr->p;
          st       = fail(c, shape, k, focus, &d, report, conforms);
          if (!report) {
            return st;
          }
        }
      }
    }
    return st;

  case KG_SH_HAS_VALUE: {
    const KgTermId hv = to_data(c, k->param);
    if (!hv || !values_has(vals, hv)) {
      st = fail(c, shape, k, focus, &d, report, conforms);
    }
    return st;
  }
  }
  return KG_BAD_INTERNAL;
}

/**
   Validate `focus` against shape `si`: report results if `report`, else
   stop at the first failure.  Recursion follows the nesting of shapes,
   which reading bounds by KG_SH_MAX_DEPTH and finds acyclic.
*/
static KgStatus
eval_shape(Ctx* const     c,
           const uint32_t si,
           const KgTermId focus,
           const bool     report,
           bool* const    conforms)
{
  const KgShShape* const shape = &c->sh->shapes[si];
  Values                 vals  = {0};
  KgStatus               st    = KG_SUCCESS;
  *conforms                    = true;
  if (shape->deactivated) {
    return KG_SUCCESS;
  }

  st = shape->path == KG_SH_NONE
         ? values_add(&vals, focus, NO_TRIPLE)
         : eval_path(c, shape->path, false, focus, &vals);
  for (uint32_t k = 0U; k < shape->n_constraints && !st; ++k) {
    st = eval_constraint(c,
                         shape,
                         &c->sh->constraints[shape->first_constraint + k],
                         focus,
                         &vals,
                         report,
                         conforms);
    if (!report && !*conforms) {
      break;
    }
  }
  values_fini(&vals);
  return st;
}

KgStatus
kg_shapes_validate(const KgShapes* const    shapes,
                   KgGraph* const           data,
                   const KgShOptions* const options,
                   KgShCounts* const        counts)
{
  static const KgShOptions no_options = {NULL, NULL, {NULL, NULL}};
  KgShCounts               ignored    = {0U, 0U, 0U};
  Ctx                      c;
  memset(&c, 0, sizeof(c));
  c.sh     = shapes;
  c.sg     = shapes->graph;
  c.data   = data;
  c.opt    = options ? options : &no_options;
  c.counts = counts ? counts : &ignored;
  c.same   = data == shapes->graph;
  memset(c.counts, 0, sizeof(*c.counts));

  KgStatus st = KG_SUCCESS;
  if (shapes->recursive != KG_SH_NONE) {
    const KgShShape* const s = &shapes->shapes[shapes->recursive];
    kg_log(&c.opt->log,
           KG_LOG_ERROR,
           s->triple == SIZE_MAX ? KG_NO_CARET
                                 : kg_graph_caret(c.sg, s->triple),
           "shape '%s' is recursive: it reaches itself through sh:node, "
           "sh:property, sh:and, sh:or, sh:xone, sh:not or "
           "sh:qualifiedValueShape",
           s->name);
    return KG_BAD_SYNTAX;
  }

  c.n_map = kg_graph_n_terms(c.sg) + 1U;
  if (!c.same && !(c.map = (KgTermId*)kg_calloc(c.n_map, sizeof(KgTermId)))) {
    return KG_BAD_ALLOC;
  }
  if ((st = import_all(&c)) || (st = kg_graph_index(data, KG_SUBJECT)) ||
      (st = kg_graph_index(data, KG_PREDICATE)) ||
      (st = kg_graph_index(data, KG_OBJECT)) ||
      (st = kg_namespaces_init(&c.ns, c.sg, data, kg_turtle_prefix_is_valid))) {
    goto done;
  }
  c.rdf_type     = kg_graph_find_iri(data, KG_SV(KG_RDF_TYPE));
  c.subclass_of  = kg_graph_find_iri(data, KG_SV(KG_RDFS_NS "subClassOf"));
  c.n_data_terms = kg_graph_n_terms(data) + 1U;
  c.mark         = (uint32_t*)kg_calloc(c.n_data_terms, sizeof(uint32_t));
  c.queue        = (KgTermId*)kg_calloc(c.n_data_terms, sizeof(KgTermId));
  if (!c.mark || !c.queue) {
    st = KG_BAD_ALLOC;
    goto done;
  }

  Values focus = {0};
  for (uint32_t si = 0U; si < shapes->n_shapes && !st; ++si) {
    const KgShShape* const shape = &shapes->shapes[si];
    if (!shape->n_targets || shape->deactivated) {
      continue;
    }
    values_clear(&focus);
    if ((st = focus_nodes(&c, shape, &focus))) {
      break;
    }
    for (size_t i = 0U; i < focus.n && !st; ++i) {
      bool ok = true;
      st      = eval_shape(&c, si, focus.v[i], true, &ok);
    }
  }
  values_fini(&focus);

done:
  kg_namespaces_fini(&c.ns);
  kg_buffer_fini(&c.text);
  kg_buffer_fini(&c.scratch);
  kg_free(c.msgs);
  kg_free(c.map);
  kg_free(c.mark);
  kg_free(c.queue);
  return st;
}
