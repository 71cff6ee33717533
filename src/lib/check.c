// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Checking a graph against the ontology it describes.
//
// The checks close the world the way an author expects, not the way RDFS
// infers: a typed subject outside the domain of its property is a mistake,
// not a new type.  Classes are compared through their ancestors
// (rdfs:subClassOf and owl:equivalentClass, computed once per class),
// properties inherit the domains, ranges and functionality of theirs.

#include "alloc.h"
#include "buffer.h"
#include "graph.h"
#include "hash.h"
#include "intern.h"
#include "log.h"
#include "ns.h"
#include "xsd.h"

#include <kgraph/check.h>
#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdint.h>
#include <string.h>

#define RDF KG_RDF_NS
#define RDFS KG_RDFS_NS
#define OWL KG_OWL_NS
#define XSD KG_XSD_NS

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
  // 0 and up: an ontology namespace
};

/// A list of term ids.
typedef struct {
  KgTermId* ids;
  uint32_t  n;
} Ids;

/// What a property brings from itself and its ancestors.
typedef struct {
  Ids  domains;
  Ids  ranges;
  bool functional;
} PropInfo;

/// A set of namespaces (views into term strings), by open addressing.
typedef struct {
  KgStringView* slots;
  size_t        mask;
  size_t        n;
} NsSet;

typedef struct {
  KgGraph*              graph;
  const KgCheckOptions* options;
  KgCheckCounts*        counts;
  KgStatus              status;
  uint32_t              n_ids; ///< Term ids and the unused 0
  uint8_t*              role;  ///< IS_* bits of each term
  int32_t*              ns;    ///< NS_* or ontology namespace of each term
  KgStringView*         onto;  ///< Ontology namespaces
  size_t                n_onto;
  NsSet                 own;        ///< Namespaces of the checked subjects
  Ids*                  class_anc;  ///< Ancestors of each class (lazy)
  Ids*                  prop_anc;   ///< Ancestors of each property (lazy)
  PropInfo**            prop_info;  ///< Per property (lazy)
  uint8_t*              lit_state;  ///< Literal: 0 unknown, 1 valid, 2 invalid
  KgTermId*             suggestion; ///< Per undefined term (lazy), or 0
  Ids                   candidates; ///< Defined terms of ontology namespaces
  KgBuffer              msg;

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

static KgStatus
ids_add(Ids* const ids, const KgTermId id)
{
  if (ids_contain(ids, id)) {
    return KG_SUCCESS;
  }

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

static size_t
ns_slot(const NsSet* const set, const KgStringView ns)
{
  size_t i = (size_t)kg_hash(ns.data, ns.len, 0U) & set->mask;
  while (set->slots[i].data && !kg_sv_equals(set->slots[i], ns)) {
    i = (i + 1U) & set->mask;
  }
  return i;
}

static bool
ns_set_contains(const NsSet* const set, const KgStringView ns)
{
  return set->slots && set->slots[ns_slot(set, ns)].data;
}

static KgStatus
ns_set_add(NsSet* const set, const KgStringView ns)
{
  if (!set->slots || (set->n + 1U) * 4U > (set->mask + 1U) * 3U) {
    const size_t        n_slots = set->slots ? (set->mask + 1U) * 2U : 64U;
    KgStringView* const slots =
      (KgStringView*)kg_calloc(n_slots, sizeof(KgStringView));
    if (!slots) {
      return KG_BAD_ALLOC;
    }

    const NsSet old = *set;
    set->slots      = slots;
    set->mask       = n_slots - 1U;
    for (size_t i = 0U; old.slots && i <= old.mask; ++i) {
      if (old.slots[i].data) {
        set->slots[ns_slot(set, old.slots[i])] = old.slots[i];
      }
    }
    kg_free(old.slots);
  }

  const size_t i = ns_slot(set, ns);
  if (!set->slots[i].data) {
    set->slots[i] = ns;
    ++set->n;
  }
  return KG_SUCCESS;
}

/// Return NS_KNOWN, NS_OTHER, or the ontology namespace index of IRI `id`.
static int32_t
ns_of(Checker* const c, const KgTermId id)
{
  if (c->ns[id] == NS_UNKNOWN) {
    const KgStringView iri = text_of(c, id);
    c->ns[id]              = NS_OTHER;
    if (kg_namespace_is_well_known(iri)) {
      c->ns[id] = NS_KNOWN;
    } else {
      const KgStringView ns = kg_iri_namespace(iri);
      for (size_t i = 0U; i < c->n_onto; ++i) {
        if (kg_sv_equals(ns, c->onto[i])) {
          c->ns[id] = (int32_t)i;
          break;
        }
      }
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
  char* const s = kg_term_to_string(c->graph, id);
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

static void
report(Checker* const    c,
       const KgCheckKind kind,
       const size_t      triple,
       const char* const fmt,
       ...)
{
  const KgLogLevel level = (kind == KG_CHECK_LABEL || kind == KG_CHECK_DANGLING)
                             ? KG_LOG_WARNING
                             : KG_LOG_ERROR;
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

  static const char* const labels[] = {
    RDFS "label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://schema.org/name",
    "https://schema.org/name",
    "http://xmlns.com/foaf/0.1/name",
  };
  for (size_t i = 0U; i < sizeof(labels) / sizeof(labels[0]); ++i) {
    const KgTermId id = find(c->graph, labels[i]);
    if (id) {
      c->role[id] |= IS_LABEL;
    }
  }

  // Subproperties of rdfs:label are labels too (a fixed point: few rounds)
  const KgTriple* const triples = c->graph->triples;
  const size_t          n       = c->graph->n_triples;
  for (bool grew = true; grew;) {
    grew = false;
    for (size_t i = 0U; i < n; ++i) {
      const KgTriple* const t = &triples[i];
      if ((t->p == c->sub_property_of || t->p == c->equivalent_property) &&
          (c->role[t->o] & IS_LABEL) && !(c->role[t->s] & IS_LABEL)) {
        c->role[t->s] |= IS_LABEL;
        grew = true;
      }
    }
  }

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
static KgStatus
find_namespaces(Checker* const c)
{
  NsSet onto = {NULL, 0U, 0U};
  for (KgTermId id = 1U; id < c->n_ids && !c->status; ++id) {
    if (is_iri(c, id) && (c->role[id] & IS_DESCRIBED) &&
        (c->role[id] & (IS_CLASS | IS_PROPERTY | IS_DATATYPE))) {
      const KgStringView iri = text_of(c, id);
      const KgStringView ns  = kg_iri_namespace(iri);
      if (ns.len && !kg_namespace_is_well_known(iri) &&
          !ns_set_contains(&onto, ns)) {
        KgStringView* const grown = (KgStringView*)kg_reallocarray(
          c->onto, c->n_onto + 1U, sizeof(KgStringView));
        if (grown) {
          c->onto = grown;
        }
        if (!grown || ns_set_add(&onto, ns)) {
          c->status = KG_BAD_ALLOC;
          break;
        }
        c->onto[c->n_onto++] = ns;
      }
    }
  }
  kg_free(onto.slots);

  const KgTriple* const triples = c->graph->triples;
  for (size_t i = c->options->first_triple;
       i < c->graph->n_triples && !c->status;
       ++i) {
    const KgTermId s = triples[i].s;
    if (is_iri(c, s) && ns_of(c, s) == NS_OTHER) {
      const KgStringView ns = kg_iri_namespace(text_of(c, s));
      if (ns.len && ns_set_add(&c->own, ns)) {
        c->status = KG_BAD_ALLOC;
      }
    }
  }

  // The defined terms of ontology namespaces, for suggestions
  for (KgTermId id = 1U; id < c->n_ids && !c->status; ++id) {
    if (is_iri(c, id) && (c->role[id] & IS_DESCRIBED) && ns_of(c, id) >= 0) {
      c->status = ids_add(&c->candidates, id);
    }
  }
  return c->status;
}

/*
  Ancestors
*/

/// Compute the ancestors of `id` (itself included) by `sub` and `equivalent`.
static const Ids*
ancestors(Checker* const c,
          Ids* const     memo,
          const KgTermId id,
          const KgTermId sub,
          const KgTermId equivalent)
{
  Ids* const result = &memo[id];
  if (result->n) {
    return result;
  }

  if (ids_add(result, id)) {
    c->status = KG_BAD_ALLOC;
    return result;
  }

  for (uint32_t q = 0U; q < result->n && !c->status; ++q) {
    const KgTermId  x   = result->ids[q];
    size_t          n_s = 0U;
    const uint32_t* s   = about(c, x, &n_s);
    for (size_t k = 0U; k < n_s && !c->status; ++k) {
      const KgTriple* const t = &c->graph->triples[s[k]];
      if ((t->p == sub || t->p == equivalent) && t->o != x &&
          kg_kind(c->graph, t->o) == KG_TERM_IRI) {
        c->status = ids_add(result, t->o);
      }
    }

    if (equivalent) {
      size_t          n   = 0U;
      const uint32_t* idx = kg_graph_lookup(c->graph, KG_OBJECT, x, &n);
      for (size_t i = 0U; i < n && !c->status; ++i) {
        const KgTriple* const t = &c->graph->triples[idx[i]];
        if (t->p == equivalent && kg_kind(c->graph, t->s) == KG_TERM_IRI) {
          c->status = ids_add(result, t->s);
        }
      }
    }
  }
  return result;
}

static const Ids*
class_ancestors(Checker* const c, const KgTermId id)
{
  return ancestors(c, c->class_anc, id, c->sub_class_of, c->equivalent_class);
}

static const PropInfo*
prop_info(Checker* const c, const KgTermId p)
{
  if (c->prop_info[p]) {
    return c->prop_info[p];
  }

  PropInfo* const info = (PropInfo*)kg_calloc(1U, sizeof(PropInfo));
  if (!info) {
    c->status = KG_BAD_ALLOC;
    return NULL;
  }
  c->prop_info[p] = info;

  const Ids* const anc =
    ancestors(c, c->prop_anc, p, c->sub_property_of, c->equivalent_property);
  for (uint32_t a = 0U; a < anc->n && !c->status; ++a) {
    const KgTermId x = anc->ids[a];
    info->functional |= (c->role[x] & IS_FUNCTIONAL) != 0U;

    size_t          n   = 0U;
    const uint32_t* idx = about(c, x, &n);
    for (size_t k = 0U; k < n && !c->status; ++k) {
      const KgTriple* const t = &c->graph->triples[idx[k]];
      if (kg_kind(c->graph, t->o) != KG_TERM_IRI) {
        continue;
      }
      if (t->p == c->domain) {
        c->status = ids_add(&info->domains, t->o);
      } else if (t->p == c->range) {
        c->status = ids_add(&info->ranges, t->o);
      }
    }
  }
  return info;
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

static Types
types_of(Checker* const c, const KgTermId node)
{
  Types           types = {KG_NO_TERM, false, false};
  size_t          n     = 0U;
  const uint32_t* idx   = about(c, node, &n);
  for (size_t k = 0U; k < n; ++k) {
    const KgTriple* const t = &c->graph->triples[idx[k]];
    if (t->p == c->type) {
      types.any   = true;
      types.first = types.first ? types.first : t->o;
      if (!(c->role[t->o] & IS_DESCRIBED) && is_iri(c, t->o) &&
          ns_of(c, t->o) >= 0) {
        types.unknown = true;
      }
    }
  }
  return types;
}

/// Return true iff some type of `node` is `cls` or has it as an ancestor.
static bool
has_class(Checker* const c, const KgTermId node, const KgTermId cls)
{
  size_t          n   = 0U;
  const uint32_t* idx = about(c, node, &n);
  for (size_t k = 0U; k < n; ++k) {
    const KgTriple* const t = &c->graph->triples[idx[k]];
    if (t->p == c->type && kg_kind(c->graph, t->o) == KG_TERM_IRI &&
        ids_contain(class_ancestors(c, t->o), cls)) {
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
    const size_t       d      = distance(local, clocal);
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

static void
check_functional(Checker* const c, const size_t i, const KgTriple* const t)
{
  // Report at the second value only: count the values, note if this is it
  unsigned        n_values = 0U;
  size_t          second   = SIZE_MAX;
  size_t          n        = 0U;
  const uint32_t* idx      = about(c, t->s, &n);
  for (size_t k = 0U; k < n; ++k) {
    if (c->graph->triples[idx[k]].p == t->p && ++n_values == 2U) {
      second = idx[k];
    }
  }

  if (n_values > 1U && second == i) {
    report(c,
           KG_CHECK_FUNCTIONAL,
           i,
           "'%t' is functional, but '%t' has %u values",
           t->p,
           t->s,
           n_values);
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
      ns_set_contains(&c->own, kg_iri_namespace(text_of(c, t->o)))) {
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
  }
  return "unknown";
}

static void
checker_fini(Checker* const c)
{
  for (uint32_t id = 0U; id < c->n_ids; ++id) {
    if (c->class_anc) {
      kg_free(c->class_anc[id].ids);
    }
    if (c->prop_anc) {
      kg_free(c->prop_anc[id].ids);
    }
    if (c->prop_info && c->prop_info[id]) {
      kg_free(c->prop_info[id]->domains.ids);
      kg_free(c->prop_info[id]->ranges.ids);
      kg_free(c->prop_info[id]);
    }
  }
  kg_free(c->class_anc);
  kg_free(c->prop_anc);
  kg_free(c->prop_info);
  kg_free(c->lit_state);
  kg_free(c->suggestion);
  kg_free(c->candidates.ids);
  kg_free(c->own.slots);
  kg_free(c->onto);
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
  c.class_anc  = (Ids*)kg_calloc(c.n_ids, sizeof(Ids));
  c.prop_anc   = (Ids*)kg_calloc(c.n_ids, sizeof(Ids));
  c.prop_info  = (PropInfo**)kg_calloc(c.n_ids, sizeof(PropInfo*));
  c.lit_state  = (uint8_t*)kg_calloc(c.n_ids, sizeof(uint8_t));
  c.suggestion = (KgTermId*)kg_calloc(c.n_ids, sizeof(KgTermId));
  uint8_t* const seen = (uint8_t*)kg_calloc(c.n_ids, sizeof(uint8_t));
  if (!c.role || !c.ns || !c.class_anc || !c.prop_anc || !c.prop_info ||
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
  if (!find_namespaces(&c)) {
    for (size_t i = options->first_triple; i < graph->n_triples && !c.status;
         ++i) {
      check_label(&c, i, seen);
      check_triple(&c, i);
    }
  }

  st = c.status;
  kg_free(seen);
  checker_fini(&c);
  return st;
}
