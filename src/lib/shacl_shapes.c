// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Reading a SHACL Core shapes graph: which nodes are shapes, their targets,
// paths and constraints, and what makes a shapes graph malformed.

#include "alloc.h"
#include "buffer.h"
#include "graph.h"
#include "log.h"
#include "shacl_impl.h"
#include "shacl_values.h"
#include "xsd.h"

#include <kgraph/graph.h>
#include <kgraph/shacl.h>
#include <kgraph/status.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RDF_NS KG_RDF_NS
#define RDFS_NS KG_RDFS_NS
#define SH_NS KG_SH_NS

/// The IRI of each vocabulary term, and whether its subjects are shapes.
static const struct {
  const char* iri;
  bool        parameter;
} vocab_terms[KG_SHV_COUNT_] = {
#define KG_SHV_ROW(name, iri, parameter) {iri, parameter},
  KG_SH_VOCAB(KG_SHV_ROW)
#undef KG_SHV_ROW
};

typedef struct {
  KgShapes* sh;
  KgGraph*  g;
  KgLog     log;
  KgStatus  status;    ///< KG_BAD_SYNTAX once an error is reported
  uint32_t* shape_of;  ///< For each term id, its shape index + 1, or 0
  bool*     candidate; ///< For each term id, whether it is a shape
  size_t    n_terms;   ///< Term ids when the parser started (exclusive)
  size_t    shapes_cap;
  size_t    constraints_cap;
  size_t    targets_cap;
  size_t    paths_cap;
  size_t    path_kids_cap;
  size_t    refs_cap;
  size_t    terms_cap;
  KgTermId* list; ///< Scratch: the members of the last list read
  size_t    list_n;
  size_t    list_cap;
} Parser;

static KgTermId
voc(const Parser* const p, const KgShVocab v)
{
  return p->sh->vocab[v];
}

/// Return the local name of vocabulary IRI `v` in its namespace, as
/// "minCount".
static const char*
voc_name(const KgShVocab v)
{
  static const char* const spaces[] = {SH_NS, RDF_NS, RDFS_NS, KG_XSD_NS};
  const char* const        iri      = vocab_terms[v].iri;
  for (size_t i = 0U; i < 4U; ++i) {
    const size_t len = strlen(spaces[i]);
    if (!strncmp(iri, spaces[i], len)) {
      return iri + len;
    }
  }
  return iri;
}

void
kg_sh_vocab_find(const KgGraph* const graph, KgTermId* const vocab)
{
  for (unsigned k = 0U; k < KG_SHV_COUNT_; ++k) {
    vocab[k] = kg_graph_find_iri(graph, kg_sv(vocab_terms[k].iri));
  }
}

bool
kg_sh_path_node(const KgGraph* const  graph,
                const KgTermId* const vocab,
                const KgTermId        term,
                KgShPathNode* const   node)
{
  /// The path predicates, by the kind of path each makes
  static const struct {
    KgShVocab    pred;
    KgShPathKind kind;
  } unary[] = {
    {KG_SHV_INVERSE_PATH, KG_SHP_INVERSE},
    {KG_SHV_ALTERNATIVE_PATH, KG_SHP_ALTERNATIVE},
    {KG_SHV_ZERO_OR_MORE_PATH, KG_SHP_ZERO_OR_MORE},
    {KG_SHV_ONE_OR_MORE_PATH, KG_SHP_ONE_OR_MORE},
    {KG_SHV_ZERO_OR_ONE_PATH, KG_SHP_ZERO_OR_ONE},
  };

  const KgTermKind kind = kg_term_kind(graph, term);
  *node                 = (KgShPathNode){KG_SHP_PREDICATE, KG_NO_TERM, term};
  if (kind == KG_TERM_IRI) {
    return true;
  }
  if (kind != KG_TERM_BLANK) {
    return false;
  }

  // The node's triples, by the subject index if it is built, else all
  const KgTriple* const triples = kg_graph_triples(graph);
  size_t                n       = 0U;
  const uint32_t* const idx     = kg_graph_lookup(graph, KG_SUBJECT, term, &n);
  const size_t          n_all   = idx ? n : kg_graph_size(graph);
  size_t                n_found = 0U;
  bool                  is_list = false;
  for (size_t i = 0U; i < n_all; ++i) {
    const KgTriple* const tr = &triples[idx ? idx[i] : i];
    if (tr->s != term) {
      continue;
    }
    is_list = is_list || tr->p == vocab[KG_SHV_RDF_FIRST];
    for (size_t k = 0U; k < sizeof(unary) / sizeof(*unary); ++k) {
      if (tr->p == vocab[unary[k].pred]) {
        *node = (KgShPathNode){unary[k].kind, tr->p, tr->o};
        ++n_found;
      }
    }
  }

  if (is_list) {
    // A list is a sequence path, whatever else its first node says
    *node = (KgShPathNode){KG_SHP_SEQUENCE, KG_NO_TERM, term};
    return true;
  }
  return n_found == 1U;
}

/// Report an error at triple `t` of the shapes graph.
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static KgStatus
error_at(Parser* const p, const size_t t, const char* const fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  const KgCaret  caret = t == SIZE_MAX ? KG_NO_CARET : kg_graph_caret(p->g, t);
  const KgStatus st    = kg_vlog(&p->log, KG_LOG_ERROR, caret, fmt, args);
  va_end(args);
  p->status = KG_BAD_SYNTAX;
  return st;
}

/// Report that the value of parameter `v` at triple `t` is wrong.
static KgStatus
bad_value(Parser* const p, const size_t t, const KgShVocab v, const char* what)
{
  char* const    text = kg_term_to_string(p->g, kg_graph_triples(p->g)[t].o);
  const KgStatus st =
    text ? error_at(p, t, "sh:%s must be %s, not '%s'", voc_name(v), what, text)
         : KG_BAD_ALLOC;
  kg_free(text);
  return st;
}

/*
  Lists
*/

/**
   Read the RDF list at `head` into `p->list`.  @return KG_SUCCESS,
   KG_FAILURE after reporting that it is not a well-formed list (at triple
   `t`, as the value of parameter `v`; KG_SHV_COUNT_: without a report), or
   KG_BAD_ALLOC.
*/
static KgStatus
read_list(Parser* const p, KgTermId head, const size_t t, const KgShVocab v)
{
  const KgTriple* const triples = kg_graph_triples(p->g);
  const size_t          limit   = kg_graph_size(p->g);
  p->list_n                     = 0U;
  while (head != voc(p, KG_SHV_RDF_NIL)) {
    if (kg_kind(p->g, head) == KG_TERM_LITERAL || p->list_n > limit) {
      break;
    }
    size_t          n       = 0U;
    const uint32_t* idx     = kg_graph_lookup(p->g, KG_SUBJECT, head, &n);
    KgTermId        first   = KG_NO_TERM;
    KgTermId        rest    = KG_NO_TERM;
    size_t          n_first = 0U;
    size_t          n_rest  = 0U;
    for (size_t i = 0U; i < n; ++i) {
      const KgTriple* const tr = &triples[idx[i]];
      if (tr->p == voc(p, KG_SHV_RDF_FIRST)) {
        first = tr->o;
        ++n_first;
      } else if (tr->p == voc(p, KG_SHV_RDF_REST)) {
        rest = tr->o;
        ++n_rest;
      }
    }
    if (n_first != 1U || n_rest != 1U) {
      break;
    }
    KgStatus st =
      kg_grow((void**)&p->list, &p->list_cap, p->list_n, sizeof(KgTermId), 16U);
    if (st) {
      return st;
    }
    p->list[p->list_n++] = first;
    head                 = rest;
  }

  if (head == voc(p, KG_SHV_RDF_NIL) && head) {
    return KG_SUCCESS;
  }
  if (v == KG_SHV_COUNT_) {
    return KG_FAILURE; // Said later, where the constraint is read
  }

  const KgStatus st =
    error_at(p, t, "sh:%s is not a well-formed RDF list", voc_name(v));
  if (st) {
    return st;
  }
  return KG_FAILURE;
}

/*
  Paths
*/

static KgStatus
add_path(Parser* const      p,
         const KgShPathKind kind,
         const KgTermId     term,
         uint32_t* const    out)
{
  KgShapes* const sh = p->sh;
  KgStatus        st = kg_grow(
    (void**)&sh->paths, &p->paths_cap, sh->n_paths, sizeof(KgShPath), 16U);
  if (st) {
    return st;
  }
  *out                     = (uint32_t)sh->n_paths;
  sh->paths[sh->n_paths++] = (KgShPath){kind, term, KG_SH_NONE, 0U};
  return KG_SUCCESS;
}

static KgStatus
bad_path(Parser* const p, const size_t t, const char* const why)
{
  const KgStatus st =
    error_at(p, t, "sh:path is not a well-formed SHACL path: %s", why);
  if (st) {
    return st;
  }
  return KG_FAILURE;
}

static KgStatus
parse_path(Parser* p, KgTermId term, size_t t, unsigned depth, uint32_t* out);

/// Parse the list of paths at `head` (a sequence or an alternative).
static KgStatus
parse_path_list(Parser* const      p,
                const KgTermId     head,
                const size_t       t,
                const unsigned     depth,
                const KgShPathKind kind,
                const KgTermId     node,
                uint32_t* const    out)
{
  KgStatus st = read_list(p, head, t, KG_SHV_PATH);
  if (st) {
    return st;
  }
  if (p->list_n < 2U) {
    return bad_path(p, t, "a list of fewer than two paths");
  }

  const size_t    n = p->list_n;
  KgTermId* const members =
    (KgTermId*)kg_reallocarray(NULL, n, sizeof(KgTermId));
  uint32_t* const kids = (uint32_t*)kg_reallocarray(NULL, n, sizeof(uint32_t));
  if (!members || !kids) {
    st = KG_BAD_ALLOC;
    goto done;
  }
  memcpy(members, p->list, n * sizeof(KgTermId));
  for (size_t i = 0U; i < n; ++i) {
    if ((st = parse_path(p, members[i], t, depth + 1U, &kids[i]))) {
      goto done;
    }
  }

  KgShapes* const sh = p->sh;
  for (size_t i = 0U; i < n; ++i) {
    if ((st = kg_grow((void**)&sh->path_kids,
                      &p->path_kids_cap,
                      sh->n_path_kids + i,
                      sizeof(uint32_t),
                      16U))) {
      goto done;
    }
  }
  const uint32_t first = (uint32_t)sh->n_path_kids;
  memcpy(sh->path_kids + first, kids, n * sizeof(uint32_t));
  sh->n_path_kids += n;
  if (!(st = add_path(p, kind, node, out))) {
    sh->paths[*out].first = first;
    sh->paths[*out].n     = (uint32_t)n;
  }

done:
  kg_free(members);
  kg_free(kids);
  return st;
}

/**
   Parse the path at `term` (named by triple `t`), nested `depth` deep.
   @return KG_SUCCESS, KG_FAILURE after reporting it, or KG_BAD_ALLOC.
*/
static KgStatus
parse_path(Parser* const   p,
           const KgTermId  term,
           const size_t    t,
           const unsigned  depth,
           uint32_t* const out)
{
  if (depth > KG_SH_MAX_DEPTH) {
    return bad_path(p, t, "nested deeper than 64 levels, or a cycle");
  }

  const KgTermKind kind = kg_kind(p->g, term);
  if (kind != KG_TERM_IRI && kind != KG_TERM_BLANK) {
    return bad_path(p, t, "a literal");
  }

  KgShPathNode node;
  if (!kg_sh_path_node(p->g, p->sh->vocab, term, &node)) {
    return bad_path(p, t, "a blank node that is not one path");
  }
  if (node.kind == KG_SHP_PREDICATE) {
    return add_path(p, KG_SHP_PREDICATE, term, out);
  }
  if (node.kind == KG_SHP_SEQUENCE || node.kind == KG_SHP_ALTERNATIVE) {
    return parse_path_list(p, node.arg, t, depth, node.kind, term, out);
  }

  uint32_t child = KG_SH_NONE;
  KgStatus st    = parse_path(p, node.arg, t, depth + 1U, &child);
  if (!st && !(st = add_path(p, node.kind, term, out))) {
    p->sh->paths[*out].first = child;
  }
  return st;
}

/*
  Values of parameters
*/

/// Read a non-negative xsd:integer; @return false if it is not one.
static bool
read_count(const Parser* const p, const KgTermId o, uint64_t* const count)
{
  if (kg_kind(p->g, o) != KG_TERM_LITERAL) {
    return false;
  }
  const KgStringView dt  = kg_term_text(p->g, kg_term_datatype(p->g, o));
  const KgStringView lex = kg_term_text(p->g, o);
  if (!kg_xsd_is_derived(dt, KG_SV(KG_XSD_NS "integer")) ||
      kg_xsd_check(dt, lex, NULL) != KG_XSD_VALID) {
    return false;
  }

  size_t i = 0U;
  if (lex.len && (lex.data[0] == '+' || lex.data[0] == '-')) {
    ++i;
  }
  uint64_t value = 0U;
  for (; i < lex.len; ++i) {
    const uint64_t digit = (uint64_t)(lex.data[i] - '0');
    value =
      value > (UINT64_MAX - digit) / 10U ? UINT64_MAX : value * 10U + digit;
  }
  if (lex.data[0] == '-' && value) {
    return false;
  }
  *count = value;
  return true;
}

/// Read a boolean: 1 true, 0 another boolean, -1 not a boolean.
static int
read_bool(const Parser* const p, const KgTermId o)
{
  if (kg_kind(p->g, o) != KG_TERM_LITERAL ||
      kg_term_datatype(p->g, o) != voc(p, KG_SHV_XSD_BOOLEAN)) {
    return -1;
  }
  const KgStringView lex = kg_term_text(p->g, o);
  // Only the literal true is true: SHACL compares with it as a term, so
  // "1"^^xsd:boolean, the same value, does not switch a parameter on
  return kg_sv_equals(lex, KG_SV("true")) ? 1
         : (kg_sv_equals(lex, KG_SV("false")) ||
            kg_sv_equals(lex, KG_SV("1")) || kg_sv_equals(lex, KG_SV("0")))
           ? 0
           : -1;
}

static uint32_t
shape_index(const Parser* const p, const KgTermId id)
{
  return id < p->n_terms && p->shape_of[id] ? p->shape_of[id] - 1U : KG_SH_NONE;
}

static KgStatus
add_constraint(Parser* const p, const KgShConstraint* const c)
{
  KgShapes* const sh = p->sh;
  const KgStatus  st = kg_grow((void**)&sh->constraints,
                              &p->constraints_cap,
                              sh->n_constraints,
                              sizeof(KgShConstraint),
                              16U);
  if (!st) {
    sh->constraints[sh->n_constraints++] = *c;
  }
  return st;
}

static KgStatus
add_ref(Parser* const p, const uint32_t shape)
{
  KgShapes* const sh = p->sh;
  const KgStatus  st =
    kg_grow((void**)&sh->refs, &p->refs_cap, sh->n_refs, sizeof(uint32_t), 16U);
  if (!st) {
    sh->refs[sh->n_refs++] = shape;
  }
  return st;
}

static KgStatus
add_term(Parser* const p, const KgTermId term)
{
  KgShapes* const sh = p->sh;
  const KgStatus  st = kg_grow(
    (void**)&sh->terms, &p->terms_cap, sh->n_terms, sizeof(KgTermId), 16U);
  if (!st) {
    sh->terms[sh->n_terms++] = term;
  }
  return st;
}

/// Return the first object of (`s`, `pred`, ?) in the shapes graph, and
/// its triple in `*t`.
static KgTermId
object_of(const Parser* const p,
          const KgTermId      s,
          const KgTermId      pred,
          size_t* const       t)
{
  size_t                n       = 0U;
  const uint32_t*       idx     = kg_graph_lookup(p->g, KG_SUBJECT, s, &n);
  const KgTriple* const triples = kg_graph_triples(p->g);
  for (size_t i = 0U; i < n; ++i) {
    if (pred && triples[idx[i]].p == pred) {
      if (t) {
        *t = idx[i];
      }
      return triples[idx[i]].o;
    }
  }
  return KG_NO_TERM;
}

/// Add the qualified value shapes that are siblings of `q` in shape `s`.
static KgStatus
add_siblings(Parser* const p, const KgTermId s, const KgTermId q)
{
  const KgTriple* const triples = kg_graph_triples(p->g);
  size_t                n_up    = 0U;
  const uint32_t*       up      = kg_graph_lookup(p->g, KG_OBJECT, s, &n_up);
  for (size_t i = 0U; i < n_up; ++i) {
    if (triples[up[i]].p != voc(p, KG_SHV_PROPERTY)) {
      continue;
    }
    size_t          n_props = 0U;
    const uint32_t* props =
      kg_graph_lookup(p->g, KG_SUBJECT, triples[up[i]].s, &n_props);
    for (size_t j = 0U; j < n_props; ++j) {
      if (triples[props[j]].p != voc(p, KG_SHV_PROPERTY)) {
        continue;
      }
      size_t          n_q = 0U;
      const uint32_t* qs =
        kg_graph_lookup(p->g, KG_SUBJECT, triples[props[j]].o, &n_q);
      for (size_t k = 0U; k < n_q; ++k) {
        const KgTriple* const tr = &triples[qs[k]];
        const uint32_t        si = shape_index(p, tr->o);
        if (tr->p == voc(p, KG_SHV_QUALIFIED_VALUE_SHAPE) && tr->o != q &&
            si != KG_SH_NONE) {
          KgStatus st = add_ref(p, si);
          if (st) {
            return st;
          }
        }
      }
    }
  }
  return KG_SUCCESS;
}

/// Add the qualified constraints of `comp` with count `count` (at `t`).
static KgStatus
add_qualified(Parser* const       p,
              KgShShape* const    shape,
              const KgShComponent comp,
              const uint64_t      count,
              const size_t        t)
{
  const KgTriple* const triples = kg_graph_triples(p->g);
  size_t                n       = 0U;
  const uint32_t*       idx = kg_graph_lookup(p->g, KG_SUBJECT, shape->id, &n);
  size_t                t_disjoint = 0U;
  const int             disjoint   = read_bool(
    p, object_of(p, shape->id, voc(p, KG_SHV_QUALIFIED_DISJOINT), &t_disjoint));
  for (size_t i = 0U; i < n; ++i) {
    const KgTriple* const tr = &triples[idx[i]];
    if (tr->p != voc(p, KG_SHV_QUALIFIED_VALUE_SHAPE)) {
      continue;
    }
    const uint32_t si = shape_index(p, tr->o);
    if (si == KG_SH_NONE) {
      continue; // Reported where the shape is read
    }
    KgShConstraint c = {
      comp, t, tr->o, si, 0U, 0U, 0U, 0U, count, 0U, false, NULL};
    if (disjoint == 1) {
      c.flag      = true;
      c.sibs      = (uint32_t)p->sh->n_refs;
      KgStatus st = add_siblings(p, shape->id, tr->o);
      if (st) {
        return st;
      }
      c.n_sibs = (uint32_t)(p->sh->n_refs - c.sibs);
    }
    KgStatus st = add_constraint(p, &c);
    if (st) {
      return st;
    }
  }
  return KG_SUCCESS;
}

/// Add the predicates that closed shape `s` allows to `terms`.
static KgStatus
add_closed(Parser* const p, const KgTermId s, KgShConstraint* const c)
{
  const KgTriple* const triples = kg_graph_triples(p->g);
  size_t                n       = 0U;
  const uint32_t*       idx     = kg_graph_lookup(p->g, KG_SUBJECT, s, &n);
  c->first                      = (uint32_t)p->sh->n_terms;
  KgStatus st                   = KG_SUCCESS;
  for (size_t i = 0U; i < n; ++i) {
    const KgTriple* const tr = &triples[idx[i]];
    if (tr->p == voc(p, KG_SHV_PROPERTY)) {
      const KgTermId path = object_of(p, tr->o, voc(p, KG_SHV_PATH), NULL);
      if (kg_kind(p->g, path) == KG_TERM_IRI && (st = add_term(p, path))) {
        return st;
      }
    } else if (tr->p == voc(p, KG_SHV_IGNORED_PROPERTIES)) {
      if ((st = read_list(p, tr->o, idx[i], KG_SHV_IGNORED_PROPERTIES)) ==
          KG_FAILURE) {
        continue;
      }
      if (st) {
        return st;
      }
      const size_t n_list = p->list_n;
      for (size_t j = 0U; j < n_list; ++j) {
        if ((st = add_term(p, p->list[j]))) {
          return st;
        }
      }
    }
  }
  c->n = (uint32_t)(p->sh->n_terms - c->first);
  return KG_SUCCESS;
}

/// Read the constraint of triple `t` of shape `shape`.
static KgStatus
parse_constraint(Parser* const p, KgShShape* const shape, const size_t t)
{
  const KgTriple* const tr       = &kg_graph_triples(p->g)[t];
  const KgTermId        o        = tr->o;
  const KgTermKind      ok       = kg_kind(p->g, o);
  const bool            property = shape->path != KG_SH_NONE;
  KgShConstraint        c        = {
                  KG_SH_CLASS, t, o, KG_SH_NONE, 0U, 0U, 0U, 0U, 0U, 0U, false, NULL};
  KgStatus st = KG_SUCCESS;

  KgShVocab v = KG_SHV_COUNT_;
  for (unsigned i = KG_SHV_CLASS; i <= KG_SHV_IN; ++i) {
    if (p->sh->vocab[i] == tr->p) {
      v = (KgShVocab)i;
      break;
    }
  }

  // Parameters of property shapes only: a node shape has no values to
  // count or to pair with another property's
  if (!property &&
      (v == KG_SHV_MIN_COUNT || v == KG_SHV_MAX_COUNT ||
       v == KG_SHV_UNIQUE_LANG || v == KG_SHV_LESS_THAN ||
       v == KG_SHV_LESS_THAN_OR_EQUALS || v == KG_SHV_QUALIFIED_VALUE_SHAPE)) {
    return kg_log(&p->log,
                  KG_LOG_WARNING,
                  kg_graph_caret(p->g, t),
                  "sh:%s applies to property shapes only, and shape '%s' "
                  "has no sh:path: it is ignored",
                  voc_name(v),
                  shape->name ? shape->name : "");
  }
  if (!property &&
      (v == KG_SHV_QUALIFIED_MIN_COUNT || v == KG_SHV_QUALIFIED_MAX_COUNT)) {
    return KG_SUCCESS; // Said at sh:qualifiedValueShape, if there is one
  }

  switch (v) {
  case KG_SHV_CLASS:
  case KG_SHV_DATATYPE:
    if (ok != KG_TERM_IRI && !(v == KG_SHV_CLASS && ok == KG_TERM_BLANK)) {
      return bad_value(p, t, v, "an IRI");
    }
    c.comp = v == KG_SHV_CLASS ? KG_SH_CLASS : KG_SH_DATATYPE;
    return add_constraint(p, &c);

  case KG_SHV_NODE_KIND: {
    static const uint8_t kinds[] = {KG_SHK_IRI,
                                    KG_SHK_BLANK,
                                    KG_SHK_LITERAL,
                                    KG_SHK_BLANK | KG_SHK_IRI,
                                    KG_SHK_BLANK | KG_SHK_LITERAL,
                                    KG_SHK_IRI | KG_SHK_LITERAL};
    for (unsigned i = 0U; i < 6U; ++i) {
      if (o && o == p->sh->vocab[KG_SHV_IRI + i]) {
        c.comp  = KG_SH_NODE_KIND;
        c.kinds = kinds[i];
        return add_constraint(p, &c);
      }
    }
    return bad_value(p,
                     t,
                     v,
                     "sh:IRI, sh:BlankNode, sh:Literal, sh:BlankNodeOrIRI, "
                     "sh:BlankNodeOrLiteral or sh:IRIOrLiteral");
  }

  case KG_SHV_MIN_COUNT:
  case KG_SHV_MAX_COUNT:
  case KG_SHV_MIN_LENGTH:
  case KG_SHV_MAX_LENGTH:
  case KG_SHV_QUALIFIED_MIN_COUNT:
  case KG_SHV_QUALIFIED_MAX_COUNT:
    if (!read_count(p, o, &c.count)) {
      return bad_value(p, t, v, "a non-negative xsd:integer");
    }
    if (v == KG_SHV_MIN_COUNT || v == KG_SHV_MAX_COUNT) {
      if (!property) {
        return KG_SUCCESS;
      }
      c.comp = v == KG_SHV_MIN_COUNT ? KG_SH_MIN_COUNT : KG_SH_MAX_COUNT;
      return add_constraint(p, &c);
    }
    if (v == KG_SHV_MIN_LENGTH || v == KG_SHV_MAX_LENGTH) {
      c.comp = v == KG_SHV_MIN_LENGTH ? KG_SH_MIN_LENGTH : KG_SH_MAX_LENGTH;
      return add_constraint(p, &c);
    }
    return add_qualified(p,
                         shape,
                         v == KG_SHV_QUALIFIED_MIN_COUNT
                           ? KG_SH_QUALIFIED_MIN_COUNT
                           : KG_SH_QUALIFIED_MAX_COUNT,
                         c.count,
                         t);

  case KG_SHV_MIN_EXCLUSIVE:
  case KG_SHV_MIN_INCLUSIVE:
  case KG_SHV_MAX_EXCLUSIVE:
  case KG_SHV_MAX_INCLUSIVE:
    if (ok != KG_TERM_LITERAL) {
      return bad_value(p, t, v, "a literal");
    }
    c.comp = (KgShComponent)(KG_SH_MIN_EXCLUSIVE + (v - KG_SHV_MIN_EXCLUSIVE));
    return add_constraint(p, &c);

  case KG_SHV_PATTERN: {
    if (ok != KG_TERM_LITERAL) {
      return bad_value(p, t, v, "a string literal");
    }
    size_t         t_flags = SIZE_MAX;
    const KgTermId flags =
      object_of(p, shape->id, voc(p, KG_SHV_FLAGS), &t_flags);
    if (flags && kg_kind(p->g, flags) != KG_TERM_LITERAL) {
      return bad_value(p, t_flags, KG_SHV_FLAGS, "a string literal");
    }
    char error[256] = {0};
    st              = kg_sh_pattern_new(kg_term_text(p->g, o),
                           flags ? kg_term_text(p->g, flags) : KG_SV(""),
                           &c.pattern,
                           error,
                           sizeof(error));
    if (st == KG_BAD_SYNTAX) {
      return error_at(p,
                      flags && strstr(error, "flag") ? t_flags : t,
                      "sh:pattern does not compile: %s",
                      error);
    }
    if (st) {
      return st;
    }
    c.comp = KG_SH_PATTERN;
    if ((st = add_constraint(p, &c))) {
      kg_sh_pattern_free(c.pattern);
    }
    return st;
  }

  case KG_SHV_LANGUAGE_IN:
  case KG_SHV_IN:
    if ((st = read_list(p, o, t, v))) {
      return st == KG_FAILURE ? KG_SUCCESS : st;
    }
    c.comp  = v == KG_SHV_IN ? KG_SH_IN : KG_SH_LANGUAGE_IN;
    c.first = (uint32_t)p->sh->n_terms;
    c.n     = (uint32_t)p->list_n;
    for (size_t i = 0U; i < c.n; ++i) {
      if (v == KG_SHV_LANGUAGE_IN &&
          kg_kind(p->g, p->list[i]) != KG_TERM_LITERAL) {
        return error_at(p, t, "sh:languageIn must list string literals");
      }
      if ((st = add_term(p, p->list[i]))) {
        return st;
      }
    }
    return add_constraint(p, &c);

  case KG_SHV_UNIQUE_LANG: {
    const int b = read_bool(p, o);
    if (b < 0) {
      return bad_value(p, t, v, "true or false");
    }
    if (b && property) {
      c.comp = KG_SH_UNIQUE_LANG;
      c.flag = true;
      return add_constraint(p, &c);
    }
    return KG_SUCCESS;
  }

  case KG_SHV_EQUALS:
  case KG_SHV_DISJOINT:
  case KG_SHV_LESS_THAN:
  case KG_SHV_LESS_THAN_OR_EQUALS:
    if (ok != KG_TERM_IRI) {
      return bad_value(p, t, v, "an IRI");
    }
    c.comp = (KgShComponent)(KG_SH_EQUALS + (v - KG_SHV_EQUALS));
    return add_constraint(p, &c);

  case KG_SHV_NOT:
  case KG_SHV_NODE:
  case KG_SHV_PROPERTY:
    if ((c.shape = shape_index(p, o)) == KG_SH_NONE) {
      return bad_value(p, t, v, "a shape (an IRI or a blank node)");
    }
    c.comp = v == KG_SHV_NOT    ? KG_SH_NOT
             : v == KG_SHV_NODE ? KG_SH_NODE
                                : KG_SH_PROPERTY;
    return add_constraint(p, &c);

  case KG_SHV_AND:
  case KG_SHV_OR:
  case KG_SHV_XONE:
    if ((st = read_list(p, o, t, v))) {
      return st == KG_FAILURE ? KG_SUCCESS : st;
    }
    c.comp  = v == KG_SHV_AND  ? KG_SH_AND
              : v == KG_SHV_OR ? KG_SH_OR
                               : KG_SH_XONE;
    c.first = (uint32_t)p->sh->n_refs;
    c.n     = (uint32_t)p->list_n;
    for (size_t i = 0U; i < c.n; ++i) {
      const uint32_t si = shape_index(p, p->list[i]);
      if (si == KG_SH_NONE) {
        return error_at(
          p, t, "sh:%s must list shapes (IRIs or blank nodes)", voc_name(v));
      }
      if ((st = add_ref(p, si))) {
        return st;
      }
    }
    return add_constraint(p, &c);

  case KG_SHV_QUALIFIED_VALUE_SHAPE:
    if (shape_index(p, o) == KG_SH_NONE) {
      return bad_value(p, t, v, "a shape (an IRI or a blank node)");
    }
    return KG_SUCCESS;

  case KG_SHV_CLOSED: {
    const int b = read_bool(p, o);
    if (b < 0) {
      return bad_value(p, t, v, "true or false");
    }
    if (b) {
      c.comp = KG_SH_CLOSED;
      if ((st = add_closed(p, shape->id, &c))) {
        return st;
      }
      return add_constraint(p, &c);
    }
    return KG_SUCCESS;
  }

  case KG_SHV_HAS_VALUE:
    c.comp = KG_SH_HAS_VALUE;
    return add_constraint(p, &c);

  default:
    return KG_SUCCESS;
  }
}

/*
  Shapes
*/

static void
mark(Parser* const p, const KgTermId id)
{
  if (id && id < p->n_terms && kg_kind(p->g, id) != KG_TERM_LITERAL) {
    p->candidate[id] = true;
  }
}

static KgStatus
number_shape(Parser* const p, const KgTermId id)
{
  if (!p->candidate[id] || p->shape_of[id]) {
    return KG_SUCCESS;
  }
  KgShapes* const sh = p->sh;
  KgStatus        st = kg_grow(
    (void**)&sh->shapes, &p->shapes_cap, sh->n_shapes, sizeof(KgShShape), 16U);
  if (st) {
    return st;
  }
  KgShShape* const shape = &sh->shapes[sh->n_shapes];
  memset(shape, 0, sizeof(*shape));
  shape->id       = id;
  shape->triple   = SIZE_MAX;
  shape->path     = KG_SH_NONE;
  shape->severity = voc(p, KG_SHV_VIOLATION);
  p->shape_of[id] = (uint32_t)++sh->n_shapes;
  return KG_SUCCESS;
}

/// Find the shapes of the graph and number them in the order of the graph.
static KgStatus
find_shapes(Parser* const p)
{
  const KgTriple* const triples = kg_graph_triples(p->g);
  const size_t          n_tr    = kg_graph_size(p->g);

  // Instances of sh:NodeShape and sh:PropertyShape
  for (unsigned k = KG_SHV_NODE_SHAPE; k <= KG_SHV_PROPERTY_SHAPE; ++k) {
    size_t          n   = 0U;
    const uint32_t* idx = kg_graph_lookup(p->g, KG_OBJECT, voc(p, k), &n);
    for (size_t i = 0U; i < n; ++i) {
      if (triples[idx[i]].p == voc(p, KG_SHV_RDF_TYPE)) {
        mark(p, triples[idx[i]].s);
      }
    }
  }

  // Subjects of parameters
  for (unsigned k = 0U; k < KG_SHV_COUNT_; ++k) {
    if (!vocab_terms[k].parameter) {
      continue;
    }
    size_t          n   = 0U;
    const uint32_t* idx = kg_graph_lookup(p->g, KG_PREDICATE, voc(p, k), &n);
    for (size_t i = 0U; i < n; ++i) {
      mark(p, triples[idx[i]].s);
    }
  }

  // Values of shape-expecting parameters
  static const KgShVocab expecting[] = {KG_SHV_NODE,
                                        KG_SHV_PROPERTY,
                                        KG_SHV_NOT,
                                        KG_SHV_QUALIFIED_VALUE_SHAPE,
                                        KG_SHV_AND,
                                        KG_SHV_OR,
                                        KG_SHV_XONE};
  for (size_t k = 0U; k < sizeof(expecting) / sizeof(*expecting); ++k) {
    size_t          n = 0U;
    const uint32_t* idx =
      kg_graph_lookup(p->g, KG_PREDICATE, voc(p, expecting[k]), &n);
    for (size_t i = 0U; i < n; ++i) {
      if (k < 4U) {
        mark(p, triples[idx[i]].o);
        continue;
      }
      KgStatus st = read_list(p, triples[idx[i]].o, idx[i], KG_SHV_COUNT_);
      if (st == KG_FAILURE) {
        continue;
      }
      if (st) {
        return st;
      }
      for (size_t j = 0U; j < p->list_n; ++j) {
        mark(p, p->list[j]);
      }
    }
  }

  // Number them: by their first triple as subject, then the others
  for (size_t t = 0U; t < n_tr; ++t) {
    KgStatus st = number_shape(p, triples[t].s);
    if (st) {
      return st;
    }
  }
  for (KgTermId id = 1U; id < p->n_terms; ++id) {
    KgStatus st = number_shape(p, id);
    if (st) {
      return st;
    }
  }
  return KG_SUCCESS;
}

/// Name shape `shape` for people.
static KgStatus
name_shape(Parser* const p, KgShShape* const shape)
{
  KgBuffer       buf = KG_BUFFER_INIT;
  KgStatus       st  = KG_SUCCESS;
  const KgTermId label =
    object_of(p, shape->id, voc(p, KG_SHV_RDFS_LABEL), NULL);
  if (kg_kind(p->g, label) == KG_TERM_LITERAL) {
    st = kg_buffer_append_sv(&buf, kg_term_text(p->g, label));
  } else if (kg_kind(p->g, shape->id) == KG_TERM_IRI) {
    char* const text = kg_term_to_string(p->g, shape->id);
    st               = text ? kg_buffer_append_str(&buf, text) : KG_BAD_ALLOC;
    kg_free(text);
  } else if (shape->triple != SIZE_MAX) {
    const KgCaret caret = kg_graph_caret(p->g, shape->triple);
    st                  = kg_buffer_printf(&buf,
                          "a blank shape at %s:%u",
                          caret.document ? caret.document : "-",
                          caret.line);
  } else {
    st = kg_buffer_append_str(&buf, "a blank shape");
  }
  if (!st && !(shape->name = kg_buffer_steal(&buf))) {
    st = KG_BAD_ALLOC;
  }
  kg_buffer_fini(&buf);
  return st;
}

static KgStatus
add_target(Parser* const        p,
           KgShShape* const     shape,
           const KgShTargetKind kind,
           const KgTermId       term)
{
  KgShapes* const sh = p->sh;
  const KgStatus  st = kg_grow((void**)&sh->targets,
                              &p->targets_cap,
                              sh->n_targets,
                              sizeof(KgShTarget),
                              16U);
  if (!st) {
    sh->targets[sh->n_targets++] = (KgShTarget){kind, term};
    ++shape->n_targets;
  }
  return st;
}

/// Read shape number `i`: its path, targets, constraints and the rest.
static KgStatus
parse_shape(Parser* const p, const uint32_t i)
{
  KgShShape* const      shape   = &p->sh->shapes[i];
  const KgTriple* const triples = kg_graph_triples(p->g);
  size_t                n       = 0U;
  const uint32_t*       idx = kg_graph_lookup(p->g, KG_SUBJECT, shape->id, &n);
  KgStatus              st  = KG_SUCCESS;

  if (n) {
    shape->triple = idx[0];
  } else {
    size_t          n_in = 0U;
    const uint32_t* in   = kg_graph_lookup(p->g, KG_OBJECT, shape->id, &n_in);
    shape->triple        = n_in ? in[0] : SIZE_MAX;
  }
  if ((st = name_shape(p, shape))) {
    return st;
  }

  // The path first, since some constraints depend on it
  size_t n_paths = 0U;
  for (size_t k = 0U; k < n; ++k) {
    const KgTriple* const tr = &triples[idx[k]];
    if (tr->p != voc(p, KG_SHV_PATH)) {
      continue;
    }
    if (n_paths++) {
      error_at(p, idx[k], "a shape has more than one sh:path");
      continue;
    }
    uint32_t path = KG_SH_NONE;
    st            = parse_path(p, tr->o, idx[k], 0U, &path);
    if (st > KG_FAILURE) {
      return st;
    }
    // A property shape even when its path is bad, so that it is not taken
    // for a node shape
    p->sh->shapes[i].path      = st ? 0U : path;
    p->sh->shapes[i].path_term = tr->o;
  }

  KgShShape* const s = &p->sh->shapes[i];
  s->first_target    = (uint32_t)p->sh->n_targets;
  s->first_message   = (uint32_t)p->sh->n_terms;
  for (size_t k = 0U; k < n; ++k) {
    const KgTriple* const tr = &triples[idx[k]];
    const KgTermKind      ok = kg_kind(p->g, tr->o);
    if (tr->p == voc(p, KG_SHV_TARGET_NODE)) {
      st = add_target(p, s, KG_SHT_NODE, tr->o);
    } else if (tr->p == voc(p, KG_SHV_TARGET_CLASS) ||
               tr->p == voc(p, KG_SHV_TARGET_SUBJECTS_OF) ||
               tr->p == voc(p, KG_SHV_TARGET_OBJECTS_OF)) {
      const KgShVocab v =
        tr->p == voc(p, KG_SHV_TARGET_CLASS)         ? KG_SHV_TARGET_CLASS
        : tr->p == voc(p, KG_SHV_TARGET_SUBJECTS_OF) ? KG_SHV_TARGET_SUBJECTS_OF
                                                     : KG_SHV_TARGET_OBJECTS_OF;
      if (ok != KG_TERM_IRI) {
        st = bad_value(p, idx[k], v, "an IRI");
      } else {
        st = add_target(p,
                        s,
                        v == KG_SHV_TARGET_CLASS         ? KG_SHT_CLASS
                        : v == KG_SHV_TARGET_SUBJECTS_OF ? KG_SHT_SUBJECTS_OF
                                                         : KG_SHT_OBJECTS_OF,
                        tr->o);
      }
    } else if (tr->p == voc(p, KG_SHV_RDF_TYPE) &&
               tr->o == voc(p, KG_SHV_RDFS_CLASS) &&
               kg_kind(p->g, s->id) == KG_TERM_IRI) {
      st = add_target(p, s, KG_SHT_CLASS, s->id);
    } else if (tr->p == voc(p, KG_SHV_DEACTIVATED)) {
      const int b = read_bool(p, tr->o);
      if (b < 0) {
        st = bad_value(p, idx[k], KG_SHV_DEACTIVATED, "true or false");
      } else {
        s->deactivated = b;
      }
    } else if (tr->p == voc(p, KG_SHV_SEVERITY)) {
      if (ok != KG_TERM_IRI) {
        st = bad_value(p, idx[k], KG_SHV_SEVERITY, "an IRI");
      } else {
        s->severity = tr->o;
      }
    } else if (tr->p == voc(p, KG_SHV_MESSAGE)) {
      if (ok != KG_TERM_LITERAL) {
        st = bad_value(p, idx[k], KG_SHV_MESSAGE, "a literal");
      } else if (!(st = add_term(p, tr->o))) {
        ++s->n_messages;
      }
    }
    if (st > KG_FAILURE) {
      return st;
    }
  }

  s->first_constraint = (uint32_t)p->sh->n_constraints;
  for (size_t k = 0U; k < n; ++k) {
    st = parse_constraint(p, &p->sh->shapes[i], idx[k]);
    if (st > KG_FAILURE) {
      return st;
    }
  }
  KgShShape* const done = &p->sh->shapes[i];
  done->n_constraints =
    (uint32_t)(p->sh->n_constraints - done->first_constraint);
  return KG_SUCCESS;
}

/*
  Recursion and depth
*/

/// Return the number of shapes that constraint `c` refers to, and put them
/// (at most 1 + n + n_sibs) in `out` when not NULL.
static size_t
constraint_refs(const KgShapes* const       sh,
                const KgShConstraint* const c,
                uint32_t* const             out)
{
  size_t n = 0U;
  if (c->shape != KG_SH_NONE) {
    if (out) {
      out[n] = c->shape;
    }
    ++n;
  }
  if (c->comp == KG_SH_AND || c->comp == KG_SH_OR || c->comp == KG_SH_XONE) {
    for (uint32_t i = 0U; i < c->n; ++i, ++n) {
      if (out) {
        out[n] = sh->refs[c->first + i];
      }
    }
  }
  for (uint32_t i = 0U; i < c->n_sibs; ++i, ++n) {
    if (out) {
      out[n] = sh->refs[c->sibs + i];
    }
  }
  return n;
}

/**
   Walk the shapes and the shapes they refer to, without recursion: find a
   shape that reaches itself (`sh->recursive`), and report shapes nested
   more than KG_SH_MAX_DEPTH deep.
*/
static KgStatus
check_nesting(Parser* const p)
{
  KgShapes* const sh       = p->sh;
  const size_t    n_shapes = sh->n_shapes;
  KgStatus        st       = KG_SUCCESS;

  // The edges, by shape (compressed rows)
  uint32_t* const offsets =
    (uint32_t*)kg_calloc(n_shapes + 1U, sizeof(uint32_t));
  uint8_t* const  colour = (uint8_t*)kg_calloc(n_shapes + 1U, 1U);
  uint32_t* const height =
    (uint32_t*)kg_calloc(n_shapes + 1U, sizeof(uint32_t));
  uint32_t* const stack =
    (uint32_t*)kg_calloc(n_shapes + 1U, 2U * sizeof(uint32_t));
  uint32_t* edges = NULL;
  if (!offsets || !colour || !height || !stack) {
    st = KG_BAD_ALLOC;
    goto done;
  }
  size_t n_edges = 0U;
  for (size_t s = 0U; s < n_shapes; ++s) {
    for (uint32_t k = 0U; k < sh->shapes[s].n_constraints; ++k) {
      n_edges += constraint_refs(
        sh, &sh->constraints[sh->shapes[s].first_constraint + k], NULL);
    }
    offsets[s + 1U] = (uint32_t)n_edges;
  }
  if (!(edges =
          (uint32_t*)kg_reallocarray(NULL, n_edges + 1U, sizeof(uint32_t)))) {
    st = KG_BAD_ALLOC;
    goto done;
  }
  for (size_t s = 0U; s < n_shapes; ++s) {
    size_t e = offsets[s];
    for (uint32_t k = 0U; k < sh->shapes[s].n_constraints; ++k) {
      e += constraint_refs(
        sh, &sh->constraints[sh->shapes[s].first_constraint + k], edges + e);
    }
  }

  // Depth-first, with an explicit stack of (shape, next edge)
  for (uint32_t root = 0U; root < n_shapes; ++root) {
    if (colour[root]) {
      continue;
    }
    size_t top   = 0U;
    stack[0]     = root;
    stack[1]     = offsets[root];
    colour[root] = 1U;
    while (true) {
      const uint32_t s = stack[2U * top];
      const uint32_t e = stack[2U * top + 1U];
      if (e < offsets[s + 1U]) {
        ++stack[2U * top + 1U];
        const uint32_t next = edges[e];
        if (colour[next] == 1U) {
          if (sh->recursive == KG_SH_NONE) {
            sh->recursive = next;
          }
        } else if (!colour[next]) {
          colour[next] = 1U;
          ++top;
          stack[2U * top]      = next;
          stack[2U * top + 1U] = offsets[next];
        } else if (height[next] + 1U > height[s]) {
          height[s] = height[next] + 1U;
        }
        continue;
      }
      colour[s] = 2U;
      if (height[s] > KG_SH_MAX_DEPTH) {
        error_at(p,
                 sh->shapes[s].triple,
                 "shape '%s' nests shapes deeper than %u levels",
                 sh->shapes[s].name,
                 KG_SH_MAX_DEPTH);
        height[s] = 0U; // Said once
      }
      if (!top) {
        break;
      }
      --top;
      const uint32_t up = stack[2U * top];
      if (height[s] + 1U > height[up]) {
        height[up] = height[s] + 1U;
      }
    }
  }

done:
  kg_free(offsets);
  kg_free(colour);
  kg_free(height);
  kg_free(stack);
  kg_free(edges);
  return st;
}

/// Warn once if the shapes graph uses SHACL-SPARQL.
static KgStatus
warn_sparql(Parser* const p)
{
  const KgTriple* const triples = kg_graph_triples(p->g);
  size_t                first   = SIZE_MAX;
  for (unsigned k = KG_SHV_SPARQL; k <= KG_SHV_TARGET; ++k) {
    size_t          n   = 0U;
    const uint32_t* idx = kg_graph_lookup(p->g, KG_PREDICATE, voc(p, k), &n);
    if (n && idx[0] < first) {
      first = idx[0];
    }
  }
  for (unsigned k = KG_SHV_SPARQL_CONSTRAINT; k <= KG_SHV_SPARQL_TARGET; ++k) {
    size_t          n   = 0U;
    const uint32_t* idx = kg_graph_lookup(p->g, KG_OBJECT, voc(p, k), &n);
    if (n && idx[0] < first) {
      first = idx[0];
    }
  }
  (void)triples;
  return first == SIZE_MAX ? KG_SUCCESS
                           : kg_log(&p->log,
                                    KG_LOG_WARNING,
                                    kg_graph_caret(p->g, first),
                                    "SHACL-SPARQL constraints are not checked");
}

void
kg_shapes_free(KgShapes* const shapes)
{
  if (!shapes) {
    return;
  }
  for (size_t i = 0U; i < shapes->n_shapes; ++i) {
    kg_free(shapes->shapes[i].name);
  }
  for (size_t i = 0U; i < shapes->n_constraints; ++i) {
    kg_sh_pattern_free(shapes->constraints[i].pattern);
  }
  kg_free(shapes->shapes);
  kg_free(shapes->constraints);
  kg_free(shapes->targets);
  kg_free(shapes->paths);
  kg_free(shapes->path_kids);
  kg_free(shapes->refs);
  kg_free(shapes->terms);
  kg_free(shapes);
}

size_t
kg_shapes_count(const KgShapes* const shapes)
{
  return shapes->n_shapes;
}

KgStatus
kg_shapes_new(KgGraph* const   shapes_graph,
              const KgLog      log,
              KgShapes** const shapes)
{
  KgStatus st = KG_SUCCESS;
  Parser   p;
  memset(&p, 0, sizeof(p));
  p.g   = shapes_graph;
  p.log = log;
  if (!(p.sh = (KgShapes*)kg_calloc(1U, sizeof(KgShapes)))) {
    return KG_BAD_ALLOC;
  }
  p.sh->graph     = shapes_graph;
  p.sh->recursive = KG_SH_NONE;

  if ((st = kg_graph_index(shapes_graph, KG_SUBJECT)) ||
      (st = kg_graph_index(shapes_graph, KG_PREDICATE)) ||
      (st = kg_graph_index(shapes_graph, KG_OBJECT))) {
    goto done;
  }
  kg_sh_vocab_find(shapes_graph, p.sh->vocab);
  // Results name sh:Violation even when the shapes graph does not
  if (!p.sh->vocab[KG_SHV_VIOLATION] &&
      !(p.sh->vocab[KG_SHV_VIOLATION] = kg_graph_iri(
          shapes_graph, kg_sv(vocab_terms[KG_SHV_VIOLATION].iri)))) {
    st = KG_BAD_ALLOC;
    goto done;
  }

  p.n_terms   = kg_graph_n_terms(shapes_graph) + 1U;
  p.shape_of  = (uint32_t*)kg_calloc(p.n_terms, sizeof(uint32_t));
  p.candidate = (bool*)kg_calloc(p.n_terms, sizeof(bool));
  if (!p.shape_of || !p.candidate) {
    st = KG_BAD_ALLOC;
    goto done;
  }

  if ((st = warn_sparql(&p)) || (st = find_shapes(&p))) {
    goto done;
  }
  for (uint32_t i = 0U; i < p.sh->n_shapes; ++i) {
    if ((st = parse_shape(&p, i)) > KG_FAILURE) {
      goto done;
    }
  }
  if (!p.status && (st = check_nesting(&p))) {
    goto done;
  }
  st = p.status;

done:
  kg_free(p.shape_of);
  kg_free(p.candidate);
  kg_free(p.list);
  if (st > KG_FAILURE) {
    kg_shapes_free(p.sh);
    return st;
  }
  *shapes = p.sh;
  return KG_SUCCESS;
}
