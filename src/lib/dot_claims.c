// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Pictures: claims: which triples a claim describes (a node with one
// rdf:subject, one rdf:predicate and one rdf:object), their statuses and
// sources, and the look the style gives each status (see write_dot.c).
// Which properties carry statuses and sources, and how each status looks,
// comes from the style graph (kgs:hedge, kgs:source, kgs:style, ...).

#include "dot_impl.h"

#include "alloc.h"
#include "buffer.h"
#include "graph.h"
#include "intern.h"
#include "layout.h"
#include "order.h"
#include "sorted.h"
#include "vocab.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/text.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/// The statuses and sources named in a tooltip, at most.
#define MAX_NAMED 16U

/// What a property says of a claim, by the style.
enum { ROLE_UNKNOWN, ROLE_NONE, ROLE_HEDGE, ROLE_SOURCE };

/// A claim of the triple (s, p, o).
typedef struct {
  KgTermId s;
  KgTermId p;
  KgTermId o;
  KgTermId claim;
} ClaimRef;

struct DotClaimsImpl {
  const KgOrder* order;   ///< To sort claims in the stable order
  ClaimRef*      refs;    ///< Sorted by triple, then claim
  size_t         n_refs;  ///< Number of `refs`
  uint8_t*       role;    ///< Per term: ROLE_ of a property, made when asked
  int32_t*       look_of; ///< Per term: index in `looks`, or UNKNOWN_STYLE
  StatusLook*    looks;   ///< Looks of the statuses met, in order met
  size_t         n_looks; ///< Number of `looks`
};

/// Return what property `p` says of a claim.
static uint8_t
role_of(Dot* const d, const KgTermId p)
{
  DotClaims* const c = d->claims;
  if (c->role[p] == ROLE_UNKNOWN) {
    const KgStringView iri = kg_terms_text(&d->graph->terms, p);
    c->role[p]             = kg_kind(d->graph, p) != KG_TERM_IRI ? ROLE_NONE
                             : kg_dot_style_is_true(d, iri, KG_SV(KGS "hedge")) ? ROLE_HEDGE
                             : kg_dot_style_is_true(d, iri, KG_SV(KGS "source"))
                               ? ROLE_SOURCE
                               : ROLE_NONE;
  }
  return c->role[p];
}

/// Return the index in d->claims->looks of the look of status `status`,
/// made once, or -1 (no memory).  An index, not a pointer: making a look
/// moves the others.
static int32_t
look_of(Dot* const d, const KgTermId status)
{
  DotClaims* const c = d->claims;
  if (c->look_of[status] != UNKNOWN_STYLE) {
    return c->look_of[status];
  }

  StatusLook* const looks =
    (StatusLook*)kg_reallocarray(c->looks, c->n_looks + 1U, sizeof(StatusLook));
  if (!looks) {
    d->status = KG_BAD_ALLOC;
    return -1;
  }
  c->looks             = looks;
  StatusLook* const  l = &c->looks[c->n_looks];
  const KgStringView s = kg_kind(d->graph, status) == KG_TERM_LITERAL
                           ? KG_SV("")
                           : kg_terms_text(&d->graph->terms, status);
  memset(l, 0, sizeof(*l));
  l->status = status;
  if (s.len) {
    l->style = kg_dot_style_value(d, s, KG_SV(KGS "style"));
    l->arrow = kg_dot_style_value(d, s, KG_SV(KGS "arrowHead"));
    l->mark  = kg_dot_style_value(d, s, KG_SV(KGS "mark"));
    l->font  = kg_dot_style_value(d, s, KG_SV(KGS "fontColor"));

    char               digits[24] = {0};
    const KgStringView rank = kg_dot_style_value(d, s, KG_SV(KGS "hedgeRank"));
    if (rank.len && rank.len < sizeof(digits)) {
      memcpy(digits, rank.data, rank.len);
      l->rank = strtol(digits, NULL, 10);
    }
  }
  l->look            = l->style.len || l->arrow.len || l->mark.len;
  c->look_of[status] = (int32_t)c->n_looks;
  return (int32_t)c->n_looks++;
}

/// Compare claims by triple (by term id: a look-up needs no order).
static int
compare_triples(const void* const a, const void* const b)
{
  const ClaimRef* const x = (const ClaimRef*)a;
  const ClaimRef* const y = (const ClaimRef*)b;
  return x->s != y->s   ? (x->s < y->s ? -1 : 1)
         : x->p != y->p ? (x->p < y->p ? -1 : 1)
         : x->o != y->o ? (x->o < y->o ? -1 : 1)
                        : 0;
}

/**
   Sort the claims of each triple (a few) in the stable order of terms, so
   that tooltips name statuses and sources whatever the input order
   (qsort() takes no context for a comparison by rank).
*/
static void
sort_runs(DotClaims* const c)
{
  const uint32_t* const rank = c->order->rank;
  for (size_t i = 1U; i < c->n_refs; ++i) {
    const ClaimRef r = c->refs[i];
    size_t         j = i;
    while (j > 0U && !compare_triples(&c->refs[j - 1U], &r) &&
           rank[c->refs[j - 1U].claim] > rank[r.claim]) {
      c->refs[j] = c->refs[j - 1U];
      --j;
    }
    c->refs[j] = r;
  }
}

KgStatus
kg_dot_claims_read(Dot* const d)
{
  const KgLayout* const l     = &d->layout;
  const size_t          n_ids = d->graph->terms.n_terms;
  DotClaims* const      c     = (DotClaims*)kg_calloc(1U, sizeof(DotClaims));
  if (!c) {
    return KG_BAD_ALLOC;
  }
  d->claims  = c;
  c->order   = &l->order;
  c->role    = (uint8_t*)kg_calloc(n_ids, 1U);
  c->look_of = (int32_t*)kg_reallocarray(NULL, n_ids, sizeof(int32_t));
  if (!c->role || !c->look_of) {
    return KG_BAD_ALLOC;
  }
  for (size_t i = 0U; i < n_ids; ++i) {
    c->look_of[i] = UNKNOWN_STYLE;
  }

  const KgTermId subject =
    kg_graph_find_iri(d->graph, KG_SV(KG_RDF_NS "subject"));
  const KgTermId predicate =
    kg_graph_find_iri(d->graph, KG_SV(KG_RDF_NS "predicate"));
  const KgTermId object =
    kg_graph_find_iri(d->graph, KG_SV(KG_RDF_NS "object"));
  if (!subject || !predicate || !object) {
    return KG_SUCCESS; // No claims
  }

  // Each node with one of each describes a triple: of the graph, or not
  size_t cap = 0U;
  for (size_t i = 0U; i < l->n_subjects; ++i) {
    const KgTermId node   = l->subjects[i];
    KgTermId       spo[3] = {KG_NO_TERM, KG_NO_TERM, KG_NO_TERM};
    unsigned       n[3]   = {0U, 0U, 0U};
    for (uint32_t k = 0U; k < l->count[node]; ++k) {
      const KgTriple* const t     = kg_layout_triple(l, node, k);
      const int             which = t->p == subject     ? 0
                                    : t->p == predicate ? 1
                                    : t->p == object    ? 2
                                                        : -1;
      if (which >= 0) {
        spo[which] = t->o;
        ++n[which];
      }
    }
    if (n[0] != 1U || n[1] != 1U || n[2] != 1U ||
        !kg_graph_contains(d->graph, spo[0], spo[1], spo[2])) {
      continue; // Not a claim, or not of a triple of the graph
    }

    if (c->n_refs == cap) {
      const size_t    bigger = cap ? cap * 2U : 64U;
      ClaimRef* const refs =
        (ClaimRef*)kg_reallocarray(c->refs, bigger, sizeof(ClaimRef));
      if (!refs) {
        return KG_BAD_ALLOC;
      }
      c->refs = refs;
      cap     = bigger;
    }
    c->refs[c->n_refs++] = (ClaimRef){spo[0], spo[1], spo[2], node};
  }

  if (c->n_refs) {
    qsort(c->refs, c->n_refs, sizeof(ClaimRef), compare_triples);
    sort_runs(c);
  }
  return KG_SUCCESS;
}

void
kg_dot_claims_free(Dot* const d)
{
  DotClaims* const c = d->claims;
  if (c) {
    kg_free(c->looks);
    kg_free(c->look_of);
    kg_free(c->role);
    kg_free(c->refs);
    kg_free(c);
    d->claims = NULL;
  }
}

/// Return the claims of (s, p, o), and their number in `*n`.
static const ClaimRef*
claims_of(const Dot* const d,
          const KgTermId   s,
          const KgTermId   p,
          const KgTermId   o,
          size_t* const    n)
{
  const DotClaims* const c   = d->claims;
  const ClaimRef         key = {s, p, o, KG_NO_TERM};
  if (!c) {
    *n = 0U;
    return NULL;
  }
  const size_t lo = kg_equal_range(
    &key, c->refs, c->n_refs, sizeof(ClaimRef), compare_triples, n);
  return *n ? &c->refs[lo] : NULL;
}

/// Return the better of the looks of indices `a` and `b` (the most
/// hedged), or -1 if neither is one.
static int32_t
better(const Dot* const d, const int32_t a, const int32_t b)
{
  if (a < 0 || b < 0) {
    return a < 0 ? b : a;
  }
  const StatusLook* const x = &d->claims->looks[a];
  const StatusLook* const y = &d->claims->looks[b];
  return (y->rank > x->rank || (y->rank == x->rank && y->look && !x->look))
           ? b
           : a;
}

/// Return the index of the most hedged look of the statuses of `node`
/// itself, or -1.
static int32_t
own_look(Dot* const d, const KgTermId node)
{
  const KgLayout* const l    = &d->layout;
  int32_t               best = -1;
  for (uint32_t k = 0U; k < l->count[node] && !d->status; ++k) {
    const KgTriple* const t = kg_layout_triple(l, node, k);
    if (role_of(d, t->p) == ROLE_HEDGE) {
      best = better(d, best, look_of(d, t->o));
    }
  }
  return best;
}

StatusLook*
kg_dot_triple_look(Dot* const     d,
                   const KgTermId s,
                   const KgTermId p,
                   const KgTermId o)
{
  size_t                n    = 0U;
  const ClaimRef* const refs = claims_of(d, s, p, o, &n);
  int32_t               best = -1;
  for (size_t i = 0U; i < n; ++i) {
    best = better(d, best, own_look(d, refs[i].claim));
  }
  return best >= 0 && d->claims->looks[best].look ? &d->claims->looks[best]
                                                  : NULL;
}

StatusLook*
kg_dot_node_look(Dot* const d, const KgTermId node)
{
  const int32_t best = d->claims ? own_look(d, node) : -1;
  return best >= 0 && d->claims->looks[best].look ? &d->claims->looks[best]
                                                  : NULL;
}

size_t
kg_dot_n_looks(const Dot* const d)
{
  return d->claims ? d->claims->n_looks : 0U;
}

StatusLook*
kg_dot_look(Dot* const d, const size_t i)
{
  return &d->claims->looks[i];
}

KgStatus
kg_dot_append_label(Dot* const d, KgBuffer* const out, const KgTermId id)
{
  const KgTermKind kind = kg_kind(d->graph, id);
  if (kind == KG_TERM_LITERAL) {
    return kg_buffer_append_sv(out, kg_terms_text(&d->graph->terms, id));
  }

  const size_t title = kg_dot_title_of(d, id);
  if (title != SIZE_MAX) {
    return kg_buffer_append_sv(
      out,
      kg_terms_text(&d->graph->terms,
                    d->graph->triples[d->layout.order.triples[title]].o));
  }
  if (kind == KG_TERM_BLANK) {
    return kg_buffer_append_str(out, "blank node");
  }

  const KgStringView iri   = kg_terms_text(&d->graph->terms, id);
  KgStringView       label = kg_vocab_label(&d->vocab, iri, d->lang);
  if (!label.len) {
    label = kg_vocab_label(&d->base, iri, d->lang);
  }
  return label.len ? kg_buffer_append_sv(out, label)
                   : kg_dot_append_qname(d, out, id);
}

/// Append the names of the objects of `role` of the claims `refs`, each
/// once, after `head`.  @return `out->status`.
static KgStatus
append_named(Dot* const            d,
             KgBuffer* const       out,
             const ClaimRef* const refs,
             const size_t          n,
             const uint8_t         role,
             const char* const     head,
             const char* const     sep)
{
  KgTermId named[MAX_NAMED];
  size_t   n_named = 0U;
  size_t   more    = 0U;
  for (size_t i = 0U; i < n && !out->status; ++i) {
    const KgLayout* const l = &d->layout;
    const KgTermId        c = refs[i].claim;
    for (uint32_t k = 0U; k < l->count[c] && !out->status; ++k) {
      const KgTriple* const t    = kg_layout_triple(l, c, k);
      bool                  seen = false;
      for (size_t j = 0U; j < n_named && !seen; ++j) {
        seen = named[j] == t->o;
      }
      if (role_of(d, t->p) != role || seen) {
        continue;
      }
      if (n_named == MAX_NAMED) {
        ++more;
        continue;
      }
      kg_buffer_append_str(out, n_named ? ", " : sep);
      kg_buffer_append_str(out, head);
      kg_dot_append_label(d, out, t->o);
      named[n_named++] = t->o;
    }
  }
  if (more) {
    kg_buffer_printf(out, ", … and %s more", kg_dot_count(more).text);
  }
  return out->status;
}

KgStatus
kg_dot_append_claims(Dot* const      d,
                     KgBuffer* const out,
                     const KgTermId  s,
                     const KgTermId  p,
                     const KgTermId  o,
                     const bool      brief)
{
  size_t                n    = 0U;
  const ClaimRef* const refs = claims_of(d, s, p, o, &n);
  if (!n) {
    return KG_SUCCESS;
  }

  const size_t mark = out->len;
  kg_buffer_append_str(out, brief ? " (" : "");
  append_named(d, out, refs, n, ROLE_HEDGE, "", brief ? "" : "\nstatus: ");
  const size_t after_status = out->len;
  append_named(d,
               out,
               refs,
               n,
               ROLE_SOURCE,
               "",
               brief ? (after_status > mark + 2U ? "; source: " : "source: ")
                     : "\nsource: ");
  if (brief && !out->status) {
    if (out->len == mark + 2U) {
      out->len        = mark; // Nothing named
      out->data[mark] = '\0';
    } else {
      kg_buffer_append_str(out, ")");
    }
  }
  return out->status;
}
