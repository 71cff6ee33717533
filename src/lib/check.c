// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Checking a graph against the ontology it describes.
//
// The checks close the world the way an author expects, not the way RDFS
// infers: a typed subject outside the domain of its property is a mistake,
// not a new type.  Classes are compared through their ancestors
// (rdfs:subClassOf and owl:equivalentClass), properties inherit the
// domains, ranges and functionality of theirs.
//
// No closure is kept whole, nor recursive.  A class asked about gets the
// sorted set of the classes under it (a domain or range), or above it (a
// type), whichever side uses fewer classes, once, by a breadth-first walk.
// A property gets its domains, ranges and functionality from those above
// it, by Tarjan's strongly connected components, iterative: each step up
// is taken once.  All walks together take at most CHECK_MAX_WORK steps:
// past that, the check stops with KG_BAD_LIMIT rather than take hours (a
// chain of 300,000 subclasses takes 300,000 for each class asked about).
//
// Claims (reified statements) are checked apart, before the triples: their
// sources, who asserts them and how sure they are, found by one pass over
// each claim's own triples and a sort by statement, and reported with the
// triple each claim starts at.

#include "alloc.h"
#include "buffer.h"
#include "graph.h"
#include "hash.h"
#include "intern.h"
#include "log.h"
#include "ns.h"
#include "vocab.h"
#include "xsd.h"

#include <kgraph/check.h>
#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RDF KG_RDF_NS
#define RDFS KG_RDFS_NS
#define OWL KG_OWL_NS
#define XSD KG_XSD_NS

/// The most characters compared (edit distances) to make suggestions: past
/// that, undefined terms get none.  A quarter of a second.
#define CHECK_MAX_SUGGEST_WORK 50000000U

/// The most steps (terms and triples visited, classes sorted) of all
/// hierarchy walks together: about a second.
#define CHECK_MAX_WORK 20000000U

/// What a term is, as the graph describes it (bits).
enum {
  IS_CLASS      = 1U << 0U, ///< Described as a class
  IS_PROPERTY   = 1U << 1U, ///< Described as a property
  IS_DATATYPE   = 1U << 2U, ///< Described as a datatype
  IS_FUNCTIONAL = 1U << 3U, ///< An owl:FunctionalProperty
  IS_DESCRIBED  = 1U << 4U, ///< The subject of some triple
  IS_LABELLED   = 1U << 5U, ///< Has a label
  IS_LABEL      = 1U << 6U, ///< A label property
};

/// The namespace of a term, as far as checking goes.
enum {
  NS_UNKNOWN = -3, ///< Not worked out yet
  NS_KNOWN   = -2, ///< A well-known vocabulary
  NS_OTHER   = -1, ///< Any other
  NS_ONTO    = 0,  ///< An ontology namespace
};

/// A list of term ids.
typedef struct {
  KgTermId* ids;
  uint32_t  n;
} Ids;

/// A frame of the walk of prop_info().
typedef struct FrameImpl Frame;

/// What a property brings from itself and its ancestors.
typedef struct {
  Ids  domains;
  Ids  ranges;
  bool functional;
} PropInfo;

/// A set of namespaces, each kept as an IRI term in it (no table: empty).
typedef struct {
  KgTable table;
  size_t  n;
} NsSet;

typedef struct {
  KgGraph*              graph;
  const KgCheckOptions* options;
  KgCheckCounts*        counts;
  KgStatus              status;
  uint32_t              n_ids;      ///< Term ids and the unused 0
  uint8_t*              role;       ///< IS_* bits of each term
  int32_t*              ns;         ///< NS_* or ontology namespace of each term
  NsSet                 onto;       ///< Ontology namespaces
  NsSet                 own;        ///< Namespaces of the checked subjects
  Ids*                  related;    ///< Per class asked: see `upward`
  bool                  upward;     ///< `related`: ancestors, or descendants
  uint32_t*             fn_values;  ///< Per triple: values, at the second
  uint32_t*             fn_count;   ///< Per property: scratch of counts
  uint32_t*             fn_second;  ///< Per property: scratch, second value
  uint8_t*              fn_done;    ///< Per subject: values counted
  uint32_t*             type_start; ///< Per term: where its types start
  KgTermId*             types;      ///< The types of each term in turn
  uint32_t*             mark;       ///< Per term: the walk that last saw it
  uint32_t              walk;       ///< The number of the current walk
  KgTermId*             queue;      ///< Of a walk (one per term at most)
  size_t                work;       ///< Steps of all walks so far
  size_t                suggest_work; ///< Characters compared to suggest
  uint32_t*             order;        ///< Per property: when first seen, + 1
  uint32_t*             low;          ///< Per property: Tarjan's low link
  struct FrameImpl*     frames;       ///< The walk of prop_info()
  uint32_t              n_seen;       ///< Properties seen by prop_info()
  PropInfo**            prop_info;    ///< Per property (lazy)
  uint8_t*              lit_state;  ///< Literal: 0 unknown, 1 valid, 2 invalid
  KgTermId*             suggestion; ///< Per undefined term (lazy), or 0
  Ids                   candidates; ///< Defined terms of ontology namespaces
  KgBuffer              msg;
  KgLog                 log; ///< Where to say that a limit was reached

  KgTermId type;
  KgTermId sub_class_of;
  KgTermId sub_property_of;
  KgTermId equivalent_class;
  KgTermId equivalent_property;
  KgTermId domain;
  KgTermId range;
  KgTermId owl_thing;
  KgTermId rdfs_resource;
  KgTermId rdfs_literal;
  KgTermId rdf_plain_literal;
  KgTermId rdf_lang_string;
  KgTermId xsd_string;

  KgNamespaces names;     ///< The graph's prefixes, for messages
  bool         has_names; ///< `names` is made
} Checker;

/*
  Small helpers
*/

static bool
ids_contain(const Ids* const ids, const KgTermId id)
{
  for (uint32_t i = 0U; i < ids->n; ++i) {
    if (ids->ids[i] == id) {
      return true;
    }
  }
  return false;
}

/// Append `id` to `ids`, which does not contain it.
static KG_NODISCARD KgStatus
ids_push(Ids* const ids, const KgTermId id)
{
  // Grow by powers of two
  if (!(ids->n & (ids->n - 1U))) {
    KgTermId* const grown = (KgTermId*)kg_reallocarray(
      ids->ids, ids->n ? (size_t)ids->n * 2U : 4U, sizeof(KgTermId));
    if (!grown) {
      return KG_BAD_ALLOC;
    }
    ids->ids = grown;
  }
  ids->ids[ids->n++] = id;
  return KG_SUCCESS;
}

static KG_NODISCARD KgStatus
ids_add(Ids* const ids, const KgTermId id)
{
  return ids_contain(ids, id) ? KG_SUCCESS : ids_push(ids, id);
}

static KgTermId
find(const KgGraph* const graph, const char* const iri)
{
  return kg_graph_find_iri(graph, kg_sv(iri));
}

static KgStringView
text_of(const Checker* const c, const KgTermId id)
{
  return kg_terms_text(&c->graph->terms, id);
}

static bool
is_iri(const Checker* const c, const KgTermId id)
{
  return kg_kind(c->graph, id) == KG_TERM_IRI;
}

/// Return the indices of the triples with subject `s`, and their number.
static const uint32_t*
about(const Checker* const c, const KgTermId s, size_t* const n)
{
  return kg_graph_lookup(c->graph, KG_SUBJECT, s, n);
}

/*
  Namespaces
*/

/// A namespace sought in a set.
typedef struct {
  const Checker* c;
  KgStringView   ns;
} NsKey;

/// Return true iff IRI `id` is in the namespace `key` seeks.
static bool
is_ns(const void* const key, const uint32_t id)
{
  const NsKey* const k = (const NsKey*)key;
  return kg_sv_equals(kg_iri_namespace(text_of(k->c, id)), k->ns);
}

/// Return whether namespace `ns` (hash `h`) is in `set`; if not, its slot.
static bool
ns_set_find(const Checker* const c,
            const NsSet* const   set,
            const KgStringView   ns,
            const uint32_t       h,
            size_t* const        free)
{
  const NsKey key = {c, ns};
  *free           = kg_table_find(&set->table, h, is_ns, &key);
  return set->table.slots[*free] != 0U;
}

static bool
ns_set_contains(const Checker* const c,
                const NsSet* const   set,
                const KgStringView   ns)
{
  size_t free = 0U;
  return set->table.slots &&
         ns_set_find(c, set, ns, (uint32_t)kg_hash(ns.data, ns.len, 0U), &free);
}

/// Add the namespace of IRI `id` to `set`.
static KG_NODISCARD KgStatus
ns_set_add(const Checker* const c, NsSet* const set, const KgTermId id)
{
  if (!set->table.slots && kg_table_init(&set->table, 64U)) {
    return KG_BAD_ALLOC;
  }

  const KgStringView ns = kg_iri_namespace(text_of(c, id));
  const uint32_t     h  = (uint32_t)kg_hash(ns.data, ns.len, 0U);
  size_t             i  = 0U;
  if (ns_set_find(c, set, ns, h, &i)) {
    return KG_SUCCESS;
  }

  const size_t n_slots = set->table.mask + 1U;
  if (kg_table_reserve(&set->table, set->n + 1U)) {
    return KG_BAD_ALLOC;
  }
  if (set->table.mask + 1U != n_slots) {
    i = kg_table_free_slot(&set->table, h);
  }
  kg_table_set(&set->table, i, h, id);
  ++set->n;
  return KG_SUCCESS;
}

/// Return NS_KNOWN, NS_OTHER, or NS_ONTO for IRI `id`.
static int32_t
ns_of(Checker* const c, const KgTermId id)
{
  if (c->ns[id] == NS_UNKNOWN) {
    const KgStringView iri = text_of(c, id);
    c->ns[id]              = NS_OTHER;
    if (kg_namespace_is_well_known(iri)) {
      c->ns[id] = NS_KNOWN;
    } else if (ns_set_contains(c, &c->onto, kg_iri_namespace(iri))) {
      c->ns[id] = NS_ONTO;
    }
  }
  return c->ns[id];
}

/*
  Diagnostics
*/

/// Append a term for people (`prefix:local` where it fits).
static void
append_term(Checker* const c, const KgTermId id)
{
  if (!c->has_names) {
    if (kg_namespaces_init(
          &c->names, c->graph, NULL, kg_turtle_prefix_is_valid)) {
      c->status = KG_BAD_ALLOC;
      return;
    }
    c->has_names = true;
  }

  char* const s = kg_namespaces_term_string(&c->names, c->graph, id);
  if (!s) {
    c->status = KG_BAD_ALLOC;
    return;
  }

  // Literals can be long: cut them for a message
  const KgStringView v = kg_sv(s);
  if (kg_buffer_append_quoted(&c->msg, v, 80U)) {
    c->status = KG_BAD_ALLOC;
  }
  kg_free(s);
}

/// Build a message from a format where %t is a term (KgTermId) and %s a string.
static void
vformat(Checker* const c, const char* fmt, va_list args)
{
  kg_buffer_clear(&c->msg);
  for (; *fmt && !c->status; ++fmt) {
    if (fmt[0] == '%' && fmt[1] == 't') {
      append_term(c, (KgTermId)va_arg(args, unsigned));
      ++fmt;
    } else if (fmt[0] == '%' && fmt[1] == 's') {
      if (kg_buffer_append_str(&c->msg, va_arg(args, const char*))) {
        c->status = KG_BAD_ALLOC;
      }
      ++fmt;
    } else if (fmt[0] == '%' && fmt[1] == 'u') {
      if (kg_buffer_printf(&c->msg, "%u", va_arg(args, unsigned))) {
        c->status = KG_BAD_ALLOC;
      }
      ++fmt;
    } else if (kg_buffer_append_char(&c->msg, *fmt)) {
      c->status = KG_BAD_ALLOC;
    }
  }
}

/// Return whether `kind` is a warning (what may be right, or unfinished).
static bool
is_warning(const KgCheckKind kind)
{
  switch (kind) {
  case KG_CHECK_LABEL:
  case KG_CHECK_DANGLING:
  case KG_CHECK_CLAIM_MALFORMED:
  case KG_CHECK_CLAIM_UNSOURCED:
  case KG_CHECK_CLAIM_JUDGEMENT:
  case KG_CHECK_CLAIM_CONFLICT:
    return true;
  default:
    break;
  }
  return false;
}

static void
report(Checker* const    c,
       const KgCheckKind kind,
       const size_t      triple,
       const char* const fmt,
       ...)
{
  const KgLogLevel level = is_warning(kind) ? KG_LOG_WARNING : KG_LOG_ERROR;
  if (c->status) {
    return; // Stopped: what comes now may be wrong
  }

  if (level == KG_LOG_ERROR) {
    ++c->counts->n_errors;
  } else {
    ++c->counts->n_warnings;
  }

  if (!c->options->sink) {
    return;
  }

  va_list args;
  va_start(args, fmt);
  vformat(c, fmt, args);
  va_end(args);
  if (c->status) {
    return;
  }

  const KgDiagnostic d = {kind,
                          level,
                          kg_graph_caret(c->graph, triple),
                          triple,
                          kg_buffer_view(&c->msg)};
  c->options->sink(c->options->handle, &d);
}

/*
  What the graph describes
*/

static bool
is_class_type(const Checker* const c, const KgTermId o)
{
  const KgStringView v = text_of(c, o);
  return kg_sv_equals(v, KG_SV(RDFS "Class")) ||
         kg_sv_equals(v, KG_SV(OWL "Class"));
}

static bool
is_property_type(const Checker* const c, const KgTermId o)
{
  static const char* const types[] = {
    RDF "Property",
    OWL "ObjectProperty",
    OWL "DatatypeProperty",
    OWL "AnnotationProperty",
    OWL "OntologyProperty",
    OWL "FunctionalProperty",
    OWL "InverseFunctionalProperty",
    OWL "SymmetricProperty",
    OWL "AsymmetricProperty",
    OWL "TransitiveProperty",
    OWL "ReflexiveProperty",
    OWL "IrreflexiveProperty",
  };

  const KgStringView v = text_of(c, o);
  for (size_t i = 0U; i < sizeof(types) / sizeof(types[0]); ++i) {
    if (kg_sv_equals(v, kg_sv(types[i]))) {
      return true;
    }
  }
  return false;
}

/// Note what each term is, from the whole graph.
static void
describe(Checker* const c)
{
  const KgTermId functional = find(c->graph, OWL "FunctionalProperty");
  const KgTermId datatype   = find(c->graph, RDFS "Datatype");

  for (unsigned i = 0U; i < KG_N_LABEL_PROPERTIES; ++i) {
    const KgTermId id = kg_graph_find_iri(c->graph, kg_label_property(i));
    if (id) {
      c->role[id] |= IS_LABEL;
    }
  }

  // Subproperties of rdfs:label are labels too: down from each label
  size_t n_labels = 0U;
  for (KgTermId id = 1U; id < c->n_ids; ++id) {
    if (c->role[id] & IS_LABEL) {
      c->queue[n_labels++] = id;
    }
  }
  for (size_t q = 0U; q < n_labels; ++q) {
    size_t          n_in = 0U;
    const uint32_t* in =
      kg_graph_lookup(c->graph, KG_OBJECT, c->queue[q], &n_in);
    for (size_t k = 0U; k < n_in; ++k) {
      const KgTriple* const t = &c->graph->triples[in[k]];
      if ((t->p == c->sub_property_of || t->p == c->equivalent_property) &&
          !(c->role[t->s] & IS_LABEL)) {
        c->role[t->s] |= IS_LABEL;
        c->queue[n_labels++] = t->s;
      }
    }
  }

  const KgTriple* const triples = c->graph->triples;
  const size_t          n       = c->graph->n_triples;

  for (size_t i = 0U; i < n; ++i) {
    const KgTriple* const t = &triples[i];
    c->role[t->s] |= IS_DESCRIBED;
    if (c->role[t->p] & IS_LABEL) {
      c->role[t->s] |= IS_LABELLED;
    }

    if (t->p == c->type) {
      if (is_class_type(c, t->o)) {
        c->role[t->s] |= IS_CLASS;
      } else if (is_property_type(c, t->o)) {
        c->role[t->s] |= IS_PROPERTY;
        if (t->o == functional) {
          c->role[t->s] |= IS_FUNCTIONAL;
        }
      } else if (t->o == datatype) {
        c->role[t->s] |= IS_DATATYPE;
      }
    } else if (t->p == c->sub_class_of || t->p == c->equivalent_class) {
      c->role[t->s] |= IS_CLASS;
      c->role[t->o] |= IS_CLASS;
    } else if (t->p == c->sub_property_of || t->p == c->equivalent_property) {
      c->role[t->s] |= IS_PROPERTY;
      c->role[t->o] |= IS_PROPERTY;
    } else if (t->p == c->domain || t->p == c->range) {
      c->role[t->s] |= IS_PROPERTY;
    }
  }
}

/// Find the ontology namespaces, and the graph's own.
static KG_NODISCARD KgStatus
find_namespaces(Checker* const c)
{
  for (KgTermId id = 1U; id < c->n_ids && !c->status; ++id) {
    if (is_iri(c, id) && (c->role[id] & IS_DESCRIBED) &&
        (c->role[id] & (IS_CLASS | IS_PROPERTY | IS_DATATYPE))) {
      const KgStringView iri = text_of(c, id);
      const KgStringView ns  = kg_iri_namespace(iri);
      if (ns.len && !kg_namespace_is_well_known(iri) &&
          ns_set_add(c, &c->onto, id)) {
        c->status = KG_BAD_ALLOC;
      }
    }
  }

  const KgTriple* const triples = c->graph->triples;
  for (size_t i = c->options->first_triple;
       i < c->graph->n_triples && !c->status;
       ++i) {
    const KgTermId s = triples[i].s;
    if (is_iri(c, s) && ns_of(c, s) == NS_OTHER) {
      if (kg_iri_namespace(text_of(c, s)).len && ns_set_add(c, &c->own, s)) {
        c->status = KG_BAD_ALLOC;
      }
    }
  }

  // The defined terms of ontology namespaces, for suggestions
  for (KgTermId id = 1U; id < c->n_ids && !c->status; ++id) {
    if (is_iri(c, id) && (c->role[id] & IS_DESCRIBED) && ns_of(c, id) >= 0) {
      c->status = ids_push(&c->candidates, id); // Each id once
    }
  }
  return c->status;
}

/*
  Hierarchies
*/

/// Start a walk: no term is seen yet.
static void
walk_start(Checker* const c)
{
  if (++c->walk == 0U) { // Wrapped: forget the old marks
    memset(c->mark, 0, c->n_ids * sizeof(uint32_t));
    c->walk = 1U;
  }
}

/**
   Count `n` steps of a walk; return false, after saying so, when all
   walks together have taken more than CHECK_MAX_WORK.
*/
static bool
walk_steps(Checker* const c, const size_t n)
{
  c->work += n;
  if (c->work <= CHECK_MAX_WORK) {
    return true;
  }

  if (!c->status) {
    kg_log(&c->log,
           KG_LOG_ERROR,
           KG_NO_CARET,
           "the class and property hierarchies are too large to check "
           "domains and ranges: more than %u million steps",
           CHECK_MAX_WORK / 1000000U);
    c->status = KG_BAD_LIMIT;
  }
  return false;
}

/// Add IRI `id` to the walk, unless it was seen.
static void
walk_visit(Checker* const c, size_t* const n, const KgTermId id)
{
  if (kg_kind(c->graph, id) == KG_TERM_IRI && c->mark[id] != c->walk) {
    c->mark[id]      = c->walk;
    c->queue[(*n)++] = id;
  }
}

static int
compare_ids(const void* const a, const void* const b)
{
  const KgTermId x = *(const KgTermId*)a;
  const KgTermId y = *(const KgTermId*)b;
  return x < y ? -1 : x > y;
}

/**
   Return the classes related to class `cls` (itself included), sorted:
   its ancestors by rdfs:subClassOf and owl:equivalentClass if c->upward,
   else the classes it is an ancestor of.  Made once per class, by a
   breadth-first walk.
*/
static const Ids*
related_classes(Checker* const c, const KgTermId cls)
{
  Ids* const result = &c->related[cls];
  if (result->n || c->status) {
    return result;
  }

  // A step up from x reaches o by (x sub o) or (x equivalent o), and s by
  // (s equivalent x): a step down takes them the other way
  const KgTermId sub = c->sub_class_of;
  const KgTermId eq  = c->equivalent_class;
  size_t         n   = 0U;
  walk_start(c);
  walk_visit(c, &n, cls);
  for (size_t q = 0U; q < n && walk_steps(c, 1U); ++q) {
    const KgTermId  x     = c->queue[q];
    size_t          n_out = 0U;
    const uint32_t* out   = about(c, x, &n_out);
    size_t          n_in  = 0U;
    const uint32_t* in    = kg_graph_lookup(c->graph, KG_OBJECT, x, &n_in);
    if (!walk_steps(c, n_in + n_out)) {
      break;
    }
    for (size_t k = 0U; k < n_out; ++k) {
      const KgTriple* const t = &c->graph->triples[out[k]];
      if (t->p && (t->p == eq || (c->upward && t->p == sub))) {
        walk_visit(c, &n, t->o);
      }
    }
    for (size_t k = 0U; k < n_in; ++k) {
      const KgTriple* const t = &c->graph->triples[in[k]];
      if (t->p && (t->p == eq || (!c->upward && t->p == sub))) {
        walk_visit(c, &n, t->s);
      }
    }
  }

  for (size_t q = 0U; q < n && !c->status && walk_steps(c, q ? 0U : n); ++q) {
    c->status = ids_push(result, c->queue[q]); // Counted once, to sort
  }
  if (!c->status) {
    qsort(result->ids, result->n, sizeof(KgTermId), compare_ids);
  }
  return result;
}

/**
   Walk class hierarchies up from types if fewer classes are used as types
   than as domains and ranges, else down from domains and ranges: a chain
   of subclasses is walked once for each, so walk it from the fewer.
*/
static void
choose_direction(Checker* const c)
{
  uint8_t* const seen = (uint8_t*)kg_calloc(c->n_ids, 1U);
  if (!seen) {
    c->status = KG_BAD_ALLOC;
    return;
  }

  size_t n_types   = 0U;
  size_t n_targets = 0U;
  for (size_t i = 0U; i < c->graph->n_triples; ++i) {
    const KgTriple* const t   = &c->graph->triples[i];
    const uint8_t         bit = t->p == c->type                           ? 1U
                                : (t->p == c->domain || t->p == c->range) ? 2U
                                                                          : 0U;
    if (bit && is_iri(c, t->o) && !(seen[t->o] & bit)) {
      seen[t->o] |= bit;
      n_types += bit == 1U;
      n_targets += bit == 2U;
    }
  }
  c->upward = n_types < n_targets;
  kg_free(seen);
}

/// Return true iff class `id` is in `ids`, sorted.
static bool
ids_has_sorted(const Ids* const ids, const KgTermId id)
{
  return ids->n &&
         bsearch(&id, ids->ids, ids->n, sizeof(KgTermId), compare_ids);
}

/// A frame of the walk of prop_info(): a term, and its next step.
struct FrameImpl {
  KgTermId id;
  uint32_t step;
};

/**
   Return the `k`th step up from property `x` (a step reaches o by
   (x sub o) or (x equivalent o), and s by (s equivalent x)), or 0 if it is
   no step; `*n` is set to the number of steps to try.
*/
static KgTermId
step_up(Checker* const c, const KgTermId x, const uint32_t k, size_t* const n)
{
  const KgTermId  sub   = c->sub_property_of;
  const KgTermId  eq    = c->equivalent_property;
  size_t          n_out = 0U;
  const uint32_t* out   = about(c, x, &n_out);
  size_t          n_in  = 0U;
  const uint32_t* in =
    eq ? kg_graph_lookup(c->graph, KG_OBJECT, x, &n_in) : NULL;
  *n = n_out + n_in;
  if (k < n_out) {
    const KgTriple* const t = &c->graph->triples[out[k]];
    return (t->p == sub || t->p == eq) && is_iri(c, t->o) ? t->o : KG_NO_TERM;
  }
  if (k < n_out + n_in) {
    const KgTriple* const t = &c->graph->triples[in[k - n_out]];
    return t->p == eq && is_iri(c, t->s) ? t->s : KG_NO_TERM;
  }
  return KG_NO_TERM;
}

/// Add what `from` brings to `info`.
static void
info_merge(Checker* const c, PropInfo* const info, const PropInfo* const from)
{
  info->functional |= from->functional;
  if (!walk_steps(c, from->domains.n + from->ranges.n)) {
    return;
  }
  for (uint32_t i = 0U; i < from->domains.n && !c->status; ++i) {
    if (walk_steps(c, info->domains.n)) {
      c->status = ids_add(&info->domains, from->domains.ids[i]);
    }
  }
  for (uint32_t i = 0U; i < from->ranges.n && !c->status; ++i) {
    if (walk_steps(c, info->ranges.n)) {
      c->status = ids_add(&info->ranges, from->ranges.ids[i]);
    }
  }
}

/**
   Make the PropInfo of the properties of one strongly connected group
   (rdfs:subPropertyOf cycles, owl:equivalentProperty), the top `n` of
   c->queue: their own domains, ranges and functionality, and those of
   the groups above them, made before.
*/
static void
finish_group(Checker* const c, const size_t first, const size_t n)
{
  PropInfo* const info = (PropInfo*)kg_calloc(1U, sizeof(PropInfo));
  if (!info) {
    c->status = KG_BAD_ALLOC;
    return;
  }

  // Their own, in the order of the group
  for (size_t m = first; m < first + n && !c->status; ++m) {
    const KgTermId x = c->queue[m];
    info->functional |= (c->role[x] & IS_FUNCTIONAL) != 0U;
    size_t          n_out = 0U;
    const uint32_t* out   = about(c, x, &n_out);
    for (size_t k = 0U; k < n_out && !c->status && walk_steps(c, 1U); ++k) {
      const KgTriple* const t = &c->graph->triples[out[k]];
      if (!is_iri(c, t->o) || (t->p != c->domain && t->p != c->range)) {
        continue;
      }
      Ids* const ids = t->p == c->domain ? &info->domains : &info->ranges;
      if (walk_steps(c, ids->n)) {
        c->status = ids_add(ids, t->o);
      }
    }
  }

  // Then those of the groups above
  for (size_t m = first; m < first + n && !c->status; ++m) {
    size_t n_steps = 0U;
    step_up(c, c->queue[m], 0U, &n_steps);
    for (uint32_t k = 0U; k < n_steps && !c->status && walk_steps(c, 1U); ++k) {
      const KgTermId y = step_up(c, c->queue[m], k, &n_steps);
      if (y && c->prop_info[y]) {
        info_merge(c, info, c->prop_info[y]);
      }
    }
  }

  // Each member its copy, the last the original (checker_fini frees them)
  for (size_t m = first; m + 1U < first + n && !c->status; ++m) {
    PropInfo* const copy = (PropInfo*)kg_calloc(1U, sizeof(PropInfo));
    if (!copy) {
      c->status = KG_BAD_ALLOC;
      break;
    }
    c->prop_info[c->queue[m]] = copy;
    info_merge(c, copy, info);
  }
  c->prop_info[c->queue[first + n - 1U]] = info;
}

/**
   Return what property `p` brings from itself and its ancestors, made for
   it and every ancestor without one by Tarjan's strongly connected
   components, without recursion: a group is made after the groups above
   it, from theirs, so each step up is taken once.
*/
static const PropInfo*
prop_info(Checker* const c, const KgTermId p)
{
  if (c->prop_info[p] || c->status) {
    return c->prop_info[p];
  }

  // order[x]: 1 + when x was first seen (0: never); low[x]: the earliest
  // seen still in the walk that x reaches
  if (!c->order &&
      (!(c->order = (uint32_t*)kg_calloc(c->n_ids, 4U)) ||
       !(c->low = (uint32_t*)kg_calloc(c->n_ids, 4U)) ||
       !(c->frames = (Frame*)kg_reallocarray(NULL, c->n_ids, sizeof(Frame))))) {
    c->status = KG_BAD_ALLOC;
    return NULL;
  }

  size_t n_frames       = 0U;
  size_t n_stack        = 0U; // Seen, in no finished group: on c->queue
  c->frames[n_frames++] = (Frame){p, 0U};
  c->order[p] = c->low[p] = ++c->n_seen;
  c->queue[n_stack++]     = p;
  while (n_frames && !c->status && walk_steps(c, 1U)) {
    Frame* const   f       = &c->frames[n_frames - 1U];
    size_t         n_steps = 0U;
    const KgTermId y       = step_up(c, f->id, f->step, &n_steps);
    if (f->step < n_steps) {
      ++f->step;
      if (!y || c->prop_info[y]) {
        continue; // No step, or to a finished group
      }
      if (!c->order[y]) {
        c->order[y] = c->low[y] = ++c->n_seen;
        c->queue[n_stack++]     = y;
        c->frames[n_frames++]   = (Frame){y, 0U};
      } else if (c->order[y] < c->low[f->id]) {
        c->low[f->id] = c->order[y]; // Still in the walk: one group
      }
      continue;
    }

    // All steps taken: x heads a group, or passes its low to its parent
    const KgTermId x = f->id;
    --n_frames;
    if (c->low[x] == c->order[x]) {
      size_t first = n_stack;
      while (c->queue[--first] != x) {
      }
      finish_group(c, first, n_stack - first);
      n_stack = first;
    } else if (n_frames) {
      const KgTermId parent = c->frames[n_frames - 1U].id;
      if (c->low[x] < c->low[parent]) {
        c->low[parent] = c->low[x];
      }
    }
  }
  return c->prop_info[p];
}

/// Return true iff every class matters for checks: not Thing or Resource.
static bool
is_trivial_class(const Checker* const c, const KgTermId cls)
{
  return cls == c->owl_thing || cls == c->rdfs_resource;
}

/// Return true iff `cls` names a datatype (or rdfs:Literal).
static bool
is_datatype(Checker* const c, const KgTermId cls)
{
  if (c->role[cls] & IS_DATATYPE) {
    return true;
  }

  const KgStringView v = text_of(c, cls);
  return cls == c->rdfs_literal || cls == c->rdf_plain_literal ||
         cls == c->rdf_lang_string ||
         (v.len > sizeof(XSD) - 1U && !memcmp(v.data, XSD, sizeof(XSD) - 1U)) ||
         kg_sv_equals(v, KG_SV(RDF "XMLLiteral")) ||
         kg_sv_equals(v, KG_SV(RDF "HTML")) ||
         kg_sv_equals(v, KG_SV(RDF "JSON"));
}

/// The types of a node, and whether they can be reasoned with.
typedef struct {
  KgTermId first;   ///< A type, for messages (0 if none)
  bool     any;     ///< It has a type
  bool     unknown; ///< One of its types is undefined: no verdict
} Types;

/**
   Note the types of each node, in the order of the triples: a node with
   many triples is not searched for its types at each of them.
*/
static KG_NODISCARD KgStatus
index_types(Checker* const c)
{
  c->type_start = (uint32_t*)kg_calloc((size_t)c->n_ids + 1U, 4U);
  if (!c->type_start) {
    return KG_BAD_ALLOC;
  }

  size_t n = 0U;
  for (size_t i = 0U; i < c->graph->n_triples; ++i) {
    const KgTriple* const t = &c->graph->triples[i];
    if (t->p && t->p == c->type) {
      ++c->type_start[t->s + 1U];
      ++n;
    }
  }
  for (uint32_t id = 0U; id < c->n_ids; ++id) {
    c->type_start[id + 1U] += c->type_start[id];
  }
  if (!(c->types = (KgTermId*)kg_reallocarray(NULL, n + 1U, 4U))) {
    return KG_BAD_ALLOC;
  }
  for (size_t i = 0U; i < c->graph->n_triples; ++i) {
    const KgTriple* const t = &c->graph->triples[i];
    if (t->p && t->p == c->type) {
      c->types[c->type_start[t->s]++] = t->o;
    }
  }
  for (uint32_t id = c->n_ids; id > 0U; --id) { // Back to starts
    c->type_start[id] = c->type_start[id - 1U];
  }
  c->type_start[0] = 0U;
  return KG_SUCCESS;
}

static Types
types_of(Checker* const c, const KgTermId node)
{
  Types types = {KG_NO_TERM, false, false};
  for (uint32_t k = c->type_start[node]; k < c->type_start[node + 1U]; ++k) {
    const KgTermId o = c->types[k];
    types.any        = true;
    types.first      = types.first ? types.first : o;
    if (!(c->role[o] & IS_DESCRIBED) && is_iri(c, o) && ns_of(c, o) >= 0) {
      types.unknown = true;
    }
  }
  return types;
}

/// Return true iff some type of `node` is `cls` or has it as an ancestor.
static bool
has_class(Checker* const c, const KgTermId node, const KgTermId cls)
{
  for (uint32_t k = c->type_start[node]; k < c->type_start[node + 1U]; ++k) {
    const KgTermId type = c->types[k];
    if (kg_kind(c->graph, type) == KG_TERM_IRI &&
        (c->upward ? ids_has_sorted(related_classes(c, type), cls)
                   : ids_has_sorted(related_classes(c, cls), type))) {
      return true;
    }
  }
  return false;
}

/*
  The checks
*/

/// Return the edit distance between two short strings, ASCII case folded.
static size_t
distance(const KgStringView a, const KgStringView b)
{
  if (a.len > 64U || b.len > 64U) {
    return SIZE_MAX;
  }

  size_t row[65];
  for (size_t j = 0U; j <= b.len; ++j) {
    row[j] = j;
  }

  for (size_t i = 1U; i <= a.len; ++i) {
    size_t diag = row[0];
    row[0]      = i;
    for (size_t j = 1U; j <= b.len; ++j) {
      const char   x    = a.data[i - 1U];
      const char   y    = b.data[j - 1U];
      const bool   same = x == y || ((x | 0x20) == (y | 0x20) &&
                                   (((x | 0x20) >= 'a' && (x | 0x20) <= 'z')));
      const size_t sub  = diag + (same ? 0U : 1U);
      const size_t del  = row[j] + 1U;
      const size_t ins  = row[j - 1U] + 1U;
      diag              = row[j];
      row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
    }
  }
  return row[b.len];
}

/// Return the defined term closest to `id` in its namespace, or 0.
static KgTermId
suggest(Checker* const c, const KgTermId id, const uint8_t role)
{
  if (c->suggestion[id]) {
    return c->suggestion[id] == id ? KG_NO_TERM : c->suggestion[id];
  }

  const KgStringView iri   = text_of(c, id);
  const KgStringView ns    = kg_iri_namespace(iri);
  const KgStringView local = {iri.data + ns.len, iri.len - ns.len};
  const size_t       limit = local.len < 6U ? 1U : local.len / 3U;

  KgTermId best      = KG_NO_TERM;
  size_t   best_dist = SIZE_MAX;
  for (uint32_t i = 0U; i < c->candidates.n; ++i) {
    const KgTermId     cand = c->candidates.ids[i];
    const KgStringView ciri = text_of(c, cand);
    if ((role && !(c->role[cand] & role)) || ciri.len < ns.len ||
        memcmp(ciri.data, ns.data, ns.len) ||
        kg_iri_namespace(ciri).len != ns.len) {
      continue;
    }

    const KgStringView clocal = {ciri.data + ns.len, ciri.len - ns.len};
    if (local.len <= 64U && clocal.len <= 64U) { // Else no comparison
      c->suggest_work += (local.len + 1U) * (clocal.len + 1U);
    }
    if (c->suggest_work > CHECK_MAX_SUGGEST_WORK) {
      best = KG_NO_TERM; // Out of time: no suggestion, here and from now on
      break;
    }

    const size_t d = distance(local, clocal);
    if (d <= limit &&
        (d < best_dist ||
         (d == best_dist && kg_term_compare(c->graph, cand, best) < 0))) {
      best      = cand;
      best_dist = d;
    }
  }

  c->suggestion[id] = best ? best : id;
  return best;
}

/// Report `id` (at `position` of triple `i`) if it is an undefined term.
static bool
check_defined(Checker* const   c,
              const size_t     i,
              const KgTermId   id,
              const KgPosition position,
              const bool       as_class)
{
  if (!is_iri(c, id) || (c->role[id] & IS_DESCRIBED) || ns_of(c, id) < 0) {
    return true;
  }

  const bool     as_property = position == KG_PREDICATE;
  const char*    what = as_property ? "property " : as_class ? "class " : "";
  const uint8_t  role = as_property ? IS_PROPERTY : as_class ? IS_CLASS : 0U;
  const KgTermId best = suggest(c, id, role);
  if (best) {
    report(c,
           KG_CHECK_UNDEFINED,
           i,
           "%s'%t' is not defined in the ontology; did you mean '%t'?",
           what,
           id,
           best);
  } else {
    report(c,
           KG_CHECK_UNDEFINED,
           i,
           "%s'%t' is not defined in the ontology",
           what,
           id);
  }
  return false;
}

static void
check_domain(Checker* const        c,
             const size_t          i,
             const KgTriple* const t,
             const PropInfo* const info)
{
  if (!info->domains.n) {
    return;
  }

  const Types types = types_of(c, t->s);
  if (!types.any || types.unknown) {
    return; // Nothing to reason with
  }

  for (uint32_t d = 0U; d < info->domains.n; ++d) {
    const KgTermId cls = info->domains.ids[d];
    if (is_trivial_class(c, cls) || is_datatype(c, cls)) {
      continue;
    }

    if (!has_class(c, t->s, cls)) {
      report(c,
             KG_CHECK_DOMAIN,
             i,
             "'%t' is a %t, but the domain of '%t' is %t",
             t->s,
             types.first,
             t->p,
             cls);
      return;
    }
  }
}

/// Return true iff literal `o` is in the datatype `range`.
static bool
literal_in(Checker* const c, const KgTermId o, const KgTermId range)
{
  const KgTermId dt = kg_term_datatype(c->graph, o);
  if (range == c->rdfs_literal || dt == range) {
    return true;
  }
  if (range == c->rdf_plain_literal) {
    return dt == c->xsd_string || dt == c->rdf_lang_string;
  }

  const KgStringView dt_iri    = text_of(c, dt);
  const KgStringView range_iri = text_of(c, range);
  if (kg_xsd_is_derived(dt_iri, range_iri)) {
    return true;
  }

  // A narrower range holds the value if its lexical form fits there: 12 is
  // an xsd:integer and also an xsd:nonNegativeInteger
  return kg_xsd_is_derived(range_iri, dt_iri) &&
         kg_xsd_check(range_iri, text_of(c, o), NULL) == KG_XSD_VALID;
}

static void
check_range(Checker* const        c,
            const size_t          i,
            const KgTriple* const t,
            const PropInfo* const info)
{
  const bool literal = kg_kind(c->graph, t->o) == KG_TERM_LITERAL;
  for (uint32_t r = 0U; r < info->ranges.n; ++r) {
    const KgTermId cls = info->ranges.ids[r];
    if (cls == c->rdfs_resource) {
      continue;
    }

    if (is_datatype(c, cls)) {
      if (!literal) {
        report(c,
               KG_CHECK_RANGE,
               i,
               "the range of '%t' is %t, not a resource like '%t'",
               t->p,
               cls,
               t->o);
        return;
      }
      if (!literal_in(c, t->o, cls)) {
        report(c,
               KG_CHECK_RANGE,
               i,
               "the range of '%t' is %t, not %t",
               t->p,
               cls,
               t->o);
        return;
      }
      continue;
    }

    if (literal) {
      report(c,
             KG_CHECK_RANGE,
             i,
             "the range of '%t' is %t, not a literal like %t",
             t->p,
             cls,
             t->o);
      return;
    }

    if (cls == c->owl_thing) {
      continue;
    }

    const Types types = types_of(c, t->o);
    if (!types.any || types.unknown) {
      return;
    }

    if (!has_class(c, t->o, cls)) {
      report(c,
             KG_CHECK_RANGE,
             i,
             "'%t' is a %t, but the range of '%t' is %t",
             t->o,
             types.first,
             t->p,
             cls);
      return;
    }
  }
}

/**
   Count the values of the functional properties of subject `s`, in one
   pass over its triples: the count goes to its second value, where it is
   reported (a node with many values is not counted again at each).
*/
static void
count_functional(Checker* const c, const KgTermId s)
{
  size_t          n   = 0U;
  const uint32_t* idx = about(c, s, &n);
  for (size_t k = 0U; k < n && !c->status; ++k) {
    const KgTriple* const t = &c->graph->triples[idx[k]];
    if (!(c->role[t->p] & IS_DESCRIBED)) {
      continue;
    }
    const PropInfo* const info = prop_info(c, t->p);
    if (info && info->functional && ++c->fn_count[t->p] == 2U) {
      c->fn_second[t->p] = idx[k];
    }
  }
  for (size_t k = 0U; k < n; ++k) {
    const KgTermId p = c->graph->triples[idx[k]].p;
    if (c->fn_count[p] > 1U) {
      c->fn_values[c->fn_second[p]] = c->fn_count[p];
    }
    c->fn_count[p] = 0U;
  }
  c->fn_done[s] = 1U;
}

static void
check_functional(Checker* const c, const size_t i, const KgTriple* const t)
{
  if (!c->fn_values &&
      (!(c->fn_values =
           (uint32_t*)kg_calloc(c->graph->n_triples, sizeof(uint32_t))) ||
       !(c->fn_count = (uint32_t*)kg_calloc(c->n_ids, sizeof(uint32_t))) ||
       !(c->fn_second = (uint32_t*)kg_calloc(c->n_ids, sizeof(uint32_t))) ||
       !(c->fn_done = (uint8_t*)kg_calloc(c->n_ids, 1U)))) {
    c->status = KG_BAD_ALLOC;
    return;
  }

  if (!c->fn_done[t->s]) {
    count_functional(c, t->s);
  }
  if (c->fn_values[i]) {
    report(c,
           KG_CHECK_FUNCTIONAL,
           i,
           "'%t' is functional, but '%t' has %u values",
           t->p,
           t->s,
           (unsigned)c->fn_values[i]);
  }
}

/// Check the lexical form of literal `o`; return true iff it is valid.
static bool
check_literal(Checker* const c, const size_t i, const KgTermId o)
{
  if (c->lit_state[o] == 1U) {
    return true;
  }

  const char*       why = NULL;
  const KgTermId    dt  = kg_term_datatype(c->graph, o);
  const KgXsdResult r   = kg_xsd_check(text_of(c, dt), text_of(c, o), &why);
  if (r == KG_XSD_INVALID) {
    c->lit_state[o]  = 2U;
    KgBuffer lexical = KG_BUFFER_INIT;
    if (kg_buffer_append_quoted(&lexical, text_of(c, o), 80U)) {
      c->status = KG_BAD_ALLOC;
      return false;
    }
    report(c,
           KG_CHECK_LITERAL,
           i,
           "'%s' is not a valid %t: %s",
           lexical.data ? lexical.data : "",
           dt,
           why ? why : "bad lexical form");
    kg_buffer_fini(&lexical);
    return false;
  }

  c->lit_state[o] = 1U;
  return true;
}

static void
check_triple(Checker* const c, const size_t i)
{
  const KgTriple* const t = &c->graph->triples[i];

  // Names: defined, and used as what they are
  bool ok = check_defined(c, i, t->s, KG_SUBJECT, false);
  ok &= check_defined(c, i, t->p, KG_PREDICATE, false);
  ok &= check_defined(c, i, t->o, KG_OBJECT, t->p == c->type);
  if (kg_kind(c->graph, t->o) == KG_TERM_LITERAL) {
    ok &=
      check_defined(c, i, kg_term_datatype(c->graph, t->o), KG_OBJECT, false);
  }

  if ((c->role[t->p] & IS_CLASS) && !(c->role[t->p] & IS_PROPERTY)) {
    report(c, KG_CHECK_MISUSED, i, "'%t' is a class, not a property", t->p);
    ok = false;
  }
  if (t->p == c->type && (c->role[t->o] & IS_PROPERTY) &&
      !(c->role[t->o] & IS_CLASS)) {
    report(c, KG_CHECK_MISUSED, i, "'%t' is a property, not a class", t->o);
    ok = false;
  }

  if (kg_kind(c->graph, t->o) == KG_TERM_LITERAL) {
    ok &=
      check_literal(c, i, t->o); // An invalid literal has no place in a range
  }

  if (ok && (c->role[t->p] & IS_DESCRIBED)) {
    const PropInfo* const info = prop_info(c, t->p);
    if (info) {
      check_domain(c, i, t, info);
      check_range(c, i, t, info);
      if (info->functional) {
        check_functional(c, i, t);
      }
    }
  }

  // A reference into the graph's own namespaces that nothing describes
  if (ok && is_iri(c, t->o) && !(c->role[t->o] & IS_DESCRIBED) &&
      t->p != c->type && ns_of(c, t->o) == NS_OTHER &&
      ns_set_contains(c, &c->own, kg_iri_namespace(text_of(c, t->o)))) {
    report(c,
           KG_CHECK_DANGLING,
           i,
           "'%t' is referred to, but nothing describes it",
           t->o);
  }
}

/// Check the labels of the subjects first described at triple `i`.
static void
check_label(Checker* const c, const size_t i, uint8_t* const seen)
{
  const KgTermId s = c->graph->triples[i].s;
  if (seen[s] || !is_iri(c, s)) {
    return;
  }

  seen[s] = 1U;
  if (!(c->role[s] & IS_LABELLED) && ns_of(c, s) != NS_KNOWN) {
    report(c, KG_CHECK_LABEL, i, "'%t' has no label", s);
  }
}

/*
  Claims: a reified statement (an rdf:Statement, or anything with
  rdf:subject, rdf:predicate or rdf:object) should say what it rests on
  (prov:hadPrimarySource), should not be the judgement of its own text
  (kg:assertedBy kg:ArticleJudgement) while resting on another, and should
  agree with every other claim on the same statement about who asserts it
  (kg:assertedBy) and how sure it is (kg:certainty).

  One pass over the checked triples finds the claims, one over each
  claim's own triples describes it, and a sort by statement groups the
  claims on one statement: O(n log n) in the number of claims.  What is
  found is kept, sorted by triple, and reported with the other
  diagnostics of that triple, so that the order of the triples holds.
*/

#define KG_ONTOLOGY_NS "https://kgraph.example/ontology#"
#define PROV "http://www.w3.org/ns/prov#"

/// A claim as its own triples describe it.
typedef struct {
  size_t   triple;    ///< Its first checked triple: where it is reported
  KgTermId claim;     ///< The claim node
  KgTermId s;         ///< Its rdf:subject (if it has exactly one)
  KgTermId p;         ///< Its rdf:predicate (idem)
  KgTermId o;         ///< Its rdf:object (idem)
  KgTermId asserter;  ///< Its first kg:assertedBy, or 0
  KgTermId certainty; ///< Its first kg:certainty, or 0
} Claim;

/// A mistake about a claim, to report at its triple.
typedef struct {
  size_t      triple;   ///< Where
  size_t      seq;      ///< In the order found, for a stable sort
  KgCheckKind kind;     ///< What
  KgTermId    terms[4]; ///< For the message
  unsigned    n;        ///< For the message: a count
  const char* name;     ///< For the message: a property
} Finding;

/// The terms of the claim model, 0 where the graph does not use them.
typedef struct {
  KgTermId subject;
  KgTermId predicate;
  KgTermId object;
  KgTermId statement;
  KgTermId asserted_by;
  KgTermId certainty;
  KgTermId judgement;
  KgTermId primary_source;
  KgTermId derived_from;
} ClaimTerms;

typedef struct {
  Finding* findings;
  size_t   n;
  size_t   next; ///< The first not yet reported
} Findings;

static Finding*
add_finding(Checker* const    c,
            Findings* const   f,
            const size_t      triple,
            const KgCheckKind kind)
{
  if (c->status) {
    return NULL;
  }
  if (!(f->n & (f->n - 1U))) {
    Finding* const grown = (Finding*)kg_reallocarray(
      f->findings, f->n ? f->n * 2U : 16U, sizeof(Finding));
    if (!grown) {
      c->status = KG_BAD_ALLOC;
      return NULL;
    }
    f->findings = grown;
  }
  Finding* const r = &f->findings[f->n];
  memset(r, 0, sizeof(*r));
  r->triple = triple;
  r->seq    = f->n++;
  r->kind   = kind;
  return r;
}

static int
compare_findings(const void* const a, const void* const b)
{
  const Finding* const x = (const Finding*)a;
  const Finding* const y = (const Finding*)b;
  if (x->triple != y->triple) {
    return x->triple < y->triple ? -1 : 1;
  }
  return x->seq < y->seq ? -1 : x->seq > y->seq ? 1 : 0;
}

static int
compare_claims(const void* const a, const void* const b)
{
  const Claim* const x = (const Claim*)a;
  const Claim* const y = (const Claim*)b;
  if (x->s != y->s) {
    return x->s < y->s ? -1 : 1;
  }
  if (x->p != y->p) {
    return x->p < y->p ? -1 : 1;
  }
  if (x->o != y->o) {
    return x->o < y->o ? -1 : 1;
  }
  return x->triple < y->triple ? -1 : x->triple > y->triple ? 1 : 0;
}

/**
   Mark in `is_statement` rdf:Statement and every class under it (by
   rdfs:subClassOf), breadth first with the checker's queue.
*/
static void
mark_statement_classes(Checker* const c,
                       const KgTermId statement,
                       uint8_t* const is_statement)
{
  if (!statement) {
    return;
  }

  size_t n_queued         = 0U;
  is_statement[statement] = 1U;
  c->queue[n_queued++]    = statement;
  for (size_t q = 0U; q < n_queued; ++q) {
    size_t          n   = 0U;
    const uint32_t* idx = kg_graph_lookup(c->graph, KG_OBJECT, c->queue[q], &n);
    for (size_t k = 0U; k < n; ++k) {
      const KgTriple* const t = &c->graph->triples[idx[k]];
      if (t->p == c->sub_class_of && !is_statement[t->s]) {
        is_statement[t->s]   = 1U;
        c->queue[n_queued++] = t->s;
      }
    }
  }
}

/// Describe `claim` from its triples, and find what is wrong with it alone.
static void
describe_claim(Checker* const          c,
               const ClaimTerms* const k,
               Findings* const         f,
               uint32_t* const         derived_mark,
               Claim* const            claim)
{
  const size_t    first    = c->options->first_triple;
  size_t          n        = 0U;
  const uint32_t* idx      = about(c, claim->claim, &n);
  unsigned        n_spo[3] = {0U, 0U, 0U};
  KgTermId        spo[3]   = {0U, 0U, 0U};
  bool            sourced  = false;

  claim->triple = SIZE_MAX;
  for (size_t i = 0U; i < n; ++i) {
    const KgTriple* const t = &c->graph->triples[idx[i]];
    if (idx[i] >= first && idx[i] < claim->triple) {
      claim->triple = idx[i];
    }
    const int which = t->p == k->subject     ? 0
                      : t->p == k->predicate ? 1
                      : t->p == k->object    ? 2
                                             : -1;
    if (which >= 0) {
      if (!n_spo[which]++) {
        spo[which] = t->o;
      }
    } else if (t->p == k->asserted_by && !claim->asserter) {
      claim->asserter = t->o;
    } else if (t->p == k->certainty && !claim->certainty) {
      claim->certainty = t->o;
    } else if (t->p == k->primary_source) {
      sourced = true;
    } else if (t->p == k->derived_from) {
      derived_mark[t->o] = (uint32_t)claim->claim;
    }
  }

  static const char* const names[] = {
    "rdf:subject", "rdf:predicate", "rdf:object"};
  for (unsigned w = 0U; w < 3U; ++w) {
    if (n_spo[w] != 1U) {
      Finding* const r =
        add_finding(c, f, claim->triple, KG_CHECK_CLAIM_MALFORMED);
      if (r) {
        r->terms[0] = claim->claim;
        r->n        = n_spo[w];
        r->name     = names[w];
      }
      break;
    }
  }
  if (n_spo[0] == 1U && n_spo[1] == 1U && n_spo[2] == 1U) {
    claim->s = spo[0];
    claim->p = spo[1];
    claim->o = spo[2];
  }

  if (!sourced) {
    Finding* const r =
      add_finding(c, f, claim->triple, KG_CHECK_CLAIM_UNSOURCED);
    if (r) {
      r->terms[0] = claim->claim;
    }
  } else if (k->judgement && claim->asserter == k->judgement) {
    // Each source that is not a text the claim was derived from (marked)
    for (size_t i = 0U; i < n; ++i) {
      const KgTriple* const t = &c->graph->triples[idx[i]];
      if (t->p == k->primary_source &&
          derived_mark[t->o] != (uint32_t)claim->claim) {
        Finding* const r =
          add_finding(c, f, claim->triple, KG_CHECK_CLAIM_JUDGEMENT);
        if (r) {
          r->terms[0] = claim->claim;
          r->terms[1] = t->o;
        }
      }
    }
  }
}

/// Find the claims on one statement that disagree on `which` (0: asserter).
static void
compare_group(Checker* const     c,
              Findings* const    f,
              const Claim* const group,
              const size_t       n,
              const int          which)
{
  const Claim* first = NULL;
  for (size_t i = 0U; i < n; ++i) {
    const KgTermId v = which ? group[i].certainty : group[i].asserter;
    if (!v) {
      continue;
    }
    if (!first) {
      first = &group[i];
      continue;
    }

    const KgTermId w = which ? first->certainty : first->asserter;
    if (v != w) {
      Finding* const r =
        add_finding(c, f, group[i].triple, KG_CHECK_CLAIM_CONFLICT);
      if (r) {
        r->terms[0] = group[i].claim;
        r->terms[1] = v;
        r->terms[2] = first->claim;
        r->terms[3] = w;
        r->name     = which ? "kg:certainty" : "kg:assertedBy";
      }
    }
  }
}

/// Find what is wrong with the claims of the checked triples, into `f`.
static void
find_claims(Checker* const c, Findings* const f)
{
  const KgGraph* const g = c->graph;
  const ClaimTerms     k = {
        find(g, RDF "subject"),
        find(g, RDF "predicate"),
        find(g, RDF "object"),
        find(g, RDF "Statement"),
        find(g, KG_ONTOLOGY_NS "assertedBy"),
        find(g, KG_ONTOLOGY_NS "certainty"),
        find(g, KG_ONTOLOGY_NS "ArticleJudgement"),
        find(g, PROV "hadPrimarySource"),
        find(g, PROV "wasDerivedFrom"),
  };
  if (!k.subject && !k.predicate && !k.object && !k.statement) {
    return; // No claims
  }

  Claim*          claims       = NULL;
  size_t          n_claims     = 0U;
  uint8_t* const  is_statement = (uint8_t*)kg_calloc(c->n_ids, 1U);
  uint8_t* const  is_claim     = (uint8_t*)kg_calloc(c->n_ids, 1U);
  uint32_t* const derived_mark =
    (uint32_t*)kg_calloc(c->n_ids, sizeof(uint32_t));
  if (!is_statement || !is_claim || !derived_mark) {
    c->status = KG_BAD_ALLOC;
    goto done;
  }

  mark_statement_classes(c, k.statement, is_statement);

  // The claims, once each, in the order of their first checked triple
  for (size_t i = c->options->first_triple; i < g->n_triples; ++i) {
    const KgTriple* const t = &g->triples[i];
    if (!is_claim[t->s] &&
        (t->p == k.subject || t->p == k.predicate || t->p == k.object ||
         (t->p == c->type && is_statement[t->o]))) {
      is_claim[t->s] = 1U;
      if (!(n_claims & (n_claims - 1U))) {
        Claim* const grown = (Claim*)kg_reallocarray(
          claims, n_claims ? n_claims * 2U : 16U, sizeof(Claim));
        if (!grown) {
          c->status = KG_BAD_ALLOC;
          goto done;
        }
        claims = grown;
      }
      memset(&claims[n_claims], 0, sizeof(Claim));
      claims[n_claims++].claim = t->s;
    }
  }

  for (size_t i = 0U; i < n_claims && !c->status; ++i) {
    describe_claim(c, &k, f, derived_mark, &claims[i]);
  }

  // Claims on one statement side by side (malformed ones have none)
  if (n_claims) {
    qsort(claims, n_claims, sizeof(Claim), compare_claims);
  }
  for (size_t i = 0U; i < n_claims && !c->status;) {
    size_t j = i + 1U;
    while (j < n_claims && claims[j].s == claims[i].s &&
           claims[j].p == claims[i].p && claims[j].o == claims[i].o) {
      ++j;
    }
    if (claims[i].s && j - i > 1U) {
      compare_group(c, f, claims + i, j - i, 0);
      compare_group(c, f, claims + i, j - i, 1);
    }
    i = j;
  }

  if (f->n) {
    qsort(f->findings, f->n, sizeof(Finding), compare_findings);
  }

done:
  kg_free(claims);
  kg_free(derived_mark);
  kg_free(is_claim);
  kg_free(is_statement);
}

/// Report what was found about claims at triple `i`.
static void
report_claims(Checker* const c, Findings* const f, const size_t i)
{
  for (; f->next < f->n && f->findings[f->next].triple == i; ++f->next) {
    const Finding* const r = &f->findings[f->next];
    switch (r->kind) {
    case KG_CHECK_CLAIM_MALFORMED:
      if (r->n) {
        report(c,
               r->kind,
               i,
               "claim '%t' has %u values of %s; a claim has one",
               r->terms[0],
               r->n,
               r->name);
      } else {
        report(c, r->kind, i, "claim '%t' has no %s", r->terms[0], r->name);
      }
      break;
    case KG_CHECK_CLAIM_UNSOURCED:
      report(c,
             r->kind,
             i,
             "claim '%t' has no source (prov:hadPrimarySource)",
             r->terms[0]);
      break;
    case KG_CHECK_CLAIM_JUDGEMENT:
      report(c,
             r->kind,
             i,
             "claim '%t' is asserted as kg:ArticleJudgement, but its source "
             "'%t' is not the text it was derived from "
             "(prov:wasDerivedFrom)",
             r->terms[0],
             r->terms[1]);
      break;
    default:
      report(c,
             r->kind,
             i,
             "claim '%t' has %s '%t', but claim '%t' on the same statement "
             "has '%t'",
             r->terms[0],
             r->name,
             r->terms[1],
             r->terms[2],
             r->terms[3]);
      break;
    }
  }
}

const char*
kg_check_kind_name(const KgCheckKind kind)
{
  switch (kind) {
  case KG_CHECK_UNDEFINED:
    return "undefined-term";
  case KG_CHECK_MISUSED:
    return "misused-term";
  case KG_CHECK_DOMAIN:
    return "domain";
  case KG_CHECK_RANGE:
    return "range";
  case KG_CHECK_LITERAL:
    return "literal";
  case KG_CHECK_FUNCTIONAL:
    return "functional";
  case KG_CHECK_LABEL:
    return "label";
  case KG_CHECK_DANGLING:
    return "dangling";
  case KG_CHECK_CLAIM_MALFORMED:
    return "malformed-claim";
  case KG_CHECK_CLAIM_UNSOURCED:
    return "unsourced-claim";
  case KG_CHECK_CLAIM_JUDGEMENT:
    return "judgement-source";
  case KG_CHECK_CLAIM_CONFLICT:
    return "claim-conflict";
  }
  return "unknown";
}

static void
checker_fini(Checker* const c)
{
  if (c->has_names) {
    kg_namespaces_fini(&c->names);
  }
  for (uint32_t id = 0U; id < c->n_ids; ++id) {
    if (c->related) {
      kg_free(c->related[id].ids);
    }
    if (c->prop_info && c->prop_info[id]) {
      kg_free(c->prop_info[id]->domains.ids);
      kg_free(c->prop_info[id]->ranges.ids);
      kg_free(c->prop_info[id]);
    }
  }
  kg_free(c->related);
  kg_free(c->mark);
  kg_free(c->queue);
  kg_free(c->order);
  kg_free(c->type_start);
  kg_free(c->fn_values);
  kg_free(c->fn_count);
  kg_free(c->fn_second);
  kg_free(c->fn_done);
  kg_free(c->types);
  kg_free(c->low);
  kg_free(c->frames);
  kg_free(c->prop_info);
  kg_free(c->lit_state);
  kg_free(c->suggestion);
  kg_free(c->candidates.ids);
  kg_table_fini(&c->own.table);
  kg_table_fini(&c->onto.table);
  kg_free(c->ns);
  kg_free(c->role);
  kg_buffer_fini(&c->msg);
}

KgStatus
kg_graph_check(KgGraph* const              graph,
               const KgCheckOptions* const options,
               KgCheckCounts* const        counts)
{
  KgCheckCounts        ignored = {0U, 0U};
  KgCheckCounts* const out     = counts ? counts : &ignored;
  out->n_errors = out->n_warnings = 0U;

  KgStatus st = kg_graph_index(graph, KG_SUBJECT);
  if (!st) {
    st = kg_graph_index(graph, KG_OBJECT);
  }
  if (st) {
    return st;
  }

  Checker c;
  memset(&c, 0, sizeof(c));
  c.graph      = graph;
  c.options    = options;
  c.counts     = out;
  c.n_ids      = graph->terms.n_terms;
  c.role       = (uint8_t*)kg_calloc(c.n_ids, sizeof(uint8_t));
  c.ns         = (int32_t*)kg_reallocarray(NULL, c.n_ids, sizeof(int32_t));
  c.log        = options->log;
  c.related    = (Ids*)kg_calloc(c.n_ids, sizeof(Ids));
  c.mark       = (uint32_t*)kg_calloc(c.n_ids, sizeof(uint32_t));
  c.queue      = (KgTermId*)kg_reallocarray(NULL, c.n_ids, sizeof(KgTermId));
  c.prop_info  = (PropInfo**)kg_calloc(c.n_ids, sizeof(PropInfo*));
  c.lit_state  = (uint8_t*)kg_calloc(c.n_ids, sizeof(uint8_t));
  c.suggestion = (KgTermId*)kg_calloc(c.n_ids, sizeof(KgTermId));
  uint8_t* const seen = (uint8_t*)kg_calloc(c.n_ids, sizeof(uint8_t));
  if (!c.role || !c.ns || !c.related || !c.mark || !c.queue || !c.prop_info ||
      !c.lit_state || !c.suggestion || !seen) {
    kg_free(seen);
    checker_fini(&c);
    return KG_BAD_ALLOC;
  }

  for (uint32_t id = 0U; id < c.n_ids; ++id) {
    c.ns[id] = NS_UNKNOWN;
  }

  c.type                = find(graph, RDF "type");
  c.sub_class_of        = find(graph, RDFS "subClassOf");
  c.sub_property_of     = find(graph, RDFS "subPropertyOf");
  c.equivalent_class    = find(graph, OWL "equivalentClass");
  c.equivalent_property = find(graph, OWL "equivalentProperty");
  c.domain              = find(graph, RDFS "domain");
  c.range               = find(graph, RDFS "range");
  c.owl_thing           = find(graph, OWL "Thing");
  c.rdfs_resource       = find(graph, RDFS "Resource");
  c.rdfs_literal        = find(graph, RDFS "Literal");
  c.rdf_plain_literal   = find(graph, RDF "PlainLiteral");
  c.rdf_lang_string     = graph->rdf_langstring;
  c.xsd_string          = graph->xsd_string;

  describe(&c);
  choose_direction(&c);
  if (!c.status) {
    c.status = index_types(&c);
  }
  Findings claims = {NULL, 0U, 0U};
  if (!find_namespaces(&c)) {
    find_claims(&c, &claims);
    for (size_t i = options->first_triple; i < graph->n_triples && !c.status;
         ++i) {
      check_label(&c, i, seen);
      check_triple(&c, i);
      report_claims(&c, &claims, i);
    }
  }

  st = c.status;
  kg_free(claims.findings);
  kg_free(seen);
  checker_fini(&c);
  return st;
}
