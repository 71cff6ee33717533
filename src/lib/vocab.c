// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "vocab.h"

#include "alloc.h"
#include "graph.h"
#include "intern.h"
#include "sorted.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RDF KG_RDF_NS
#define RDFS KG_RDFS_NS
#define OWL KG_OWL_NS

/// The label properties, best first (the one list: see kg_label_rank()).
static const char* const label_properties[KG_N_LABEL_PROPERTIES] = {
  RDFS "label",
  "http://www.w3.org/2004/02/skos/core#prefLabel",
  "http://schema.org/name",
  "https://schema.org/name",
  "http://xmlns.com/foaf/0.1/name",
};

unsigned
kg_label_rank(const KgStringView property)
{
  for (unsigned i = 0U; i < KG_N_LABEL_PROPERTIES; ++i) {
    if (kg_sv_equals(property, kg_sv(label_properties[i]))) {
      return i;
    }
  }
  return KG_N_LABEL_PROPERTIES;
}

KgStringView
kg_label_property(const unsigned rank)
{
  return rank < KG_N_LABEL_PROPERTIES ? kg_sv(label_properties[rank])
                                      : (KgStringView){NULL, 0U};
}

/// The types that make a subject a class or a property worth keeping.
static const char* const kept_types[] = {
  RDFS "Class",
  OWL "Class",
  RDF "Property",
  OWL "ObjectProperty",
  OWL "DatatypeProperty",
  OWL "AnnotationProperty",
  OWL "FunctionalProperty",
  OWL "InverseFunctionalProperty",
  OWL "SymmetricProperty",
  OWL "TransitiveProperty",
  RDFS "Datatype",
};

static int
compare_facts(const void* const a, const void* const b)
{
  const KgFact* const x = (const KgFact*)a;
  const KgFact* const y = (const KgFact*)b;
  int                 c = kg_sv_compare(x->subject, y->subject);
  if (!c) {
    c = kg_sv_compare(x->predicate, y->predicate);
  }
  if (!c) {
    c = kg_sv_compare(x->object, y->object);
  }
  return c ? c : kg_sv_compare(x->lang, y->lang);
}

void
kg_vocab_init(KgVocab* const vocab, const KgStringView annotations)
{
  memset(vocab, 0, sizeof(*vocab));
  vocab->annotations = annotations;
}

void
kg_vocab_fini(KgVocab* const vocab)
{
  kg_free(vocab->facts);
  memset(vocab, 0, sizeof(*vocab));
}

static KgStatus
add_fact(KgVocab* const vocab, const KgGraph* const g, const KgTriple* const t)
{
  if (vocab->n_facts == vocab->cap) {
    const size_t  cap = vocab->cap ? vocab->cap * 2U : 256U;
    KgFact* const facts =
      (KgFact*)kg_reallocarray(vocab->facts, cap, sizeof(KgFact));
    if (!facts) {
      return KG_BAD_ALLOC;
    }
    vocab->facts = facts;
    vocab->cap   = cap;
  }

  KgFact* const f = &vocab->facts[vocab->n_facts++];
  f->subject      = kg_terms_text(&g->terms, t->s);
  f->predicate    = kg_terms_text(&g->terms, t->p);
  f->object       = kg_terms_text(&g->terms, t->o);
  f->literal      = kg_kind(g, t->o) == KG_TERM_LITERAL;
  f->lang         = kg_term_lang(g, t->o);
  return KG_SUCCESS;
}

static bool
is_one_of(const KgStringView iri, const char* const* const list, const size_t n)
{
  for (size_t i = 0U; i < n; ++i) {
    if (kg_sv_equals(iri, kg_sv(list[i]))) {
      return true;
    }
  }
  return false;
}

KgStatus
kg_vocab_add(KgVocab* const       vocab,
             const KgGraph* const g,
             const bool           all_labels)
{
  const size_t n_ids = g->terms.n_terms;
  uint8_t*     used  = NULL; // Terms used as predicates or classes
  if (!all_labels && !(used = (uint8_t*)kg_calloc(n_ids, 1U))) {
    return KG_BAD_ALLOC;
  }

  const KgTermId type = kg_graph_find_iri(g, KG_SV(KG_RDF_TYPE));
  for (size_t i = 0U; used && i < g->n_triples; ++i) {
    const KgTriple* const t = &g->triples[i];
    used[t->p]              = 1U;
    if (t->p == type) {
      used[t->o] = 1U;
    }
  }

  static const char* const structure[] = {
    RDFS "subClassOf",
    OWL "equivalentClass",
    OWL "inverseOf",
    RDFS "subPropertyOf",
    OWL "equivalentProperty",
  };

  KgStatus st = KG_SUCCESS;
  for (size_t i = 0U; i < g->n_triples && !st; ++i) {
    const KgTriple* const t = &g->triples[i];
    if (kg_kind(g, t->s) != KG_TERM_IRI) {
      continue;
    }

    const KgStringView p = kg_terms_text(&g->terms, t->p);
    const bool         keep =
      is_one_of(p, structure, sizeof(structure) / sizeof(structure[0])) ||
      (t->p == type && is_one_of(kg_terms_text(&g->terms, t->o),
                                 kept_types,
                                 sizeof(kept_types) / sizeof(kept_types[0]))) ||
      (kg_is_label_property(p) && (all_labels || used[t->s])) ||
      (vocab->annotations.len && p.len > vocab->annotations.len &&
       !memcmp(p.data, vocab->annotations.data, vocab->annotations.len));
    if (keep) {
      st = add_fact(vocab, g, t);
    }
  }

  kg_free(used);
  return st;
}

void
kg_vocab_finish(KgVocab* const vocab)
{
  if (vocab->n_facts) {
    qsort(vocab->facts, vocab->n_facts, sizeof(KgFact), compare_facts);
  }
}

/// Compare the subject view `key` with the subject of the fact `fact`.
static int
compare_subject(const void* const key, const void* const fact)
{
  return kg_sv_compare(*(const KgStringView*)key,
                       ((const KgFact*)fact)->subject);
}

const KgFact*
kg_vocab_about(const KgVocab* const vocab,
               const KgStringView   subject,
               size_t* const        n)
{
  const size_t first = kg_equal_range(
    &subject, vocab->facts, vocab->n_facts, sizeof(KgFact), compare_subject, n);
  return *n ? vocab->facts + first : NULL;
}

/// Return the first fact (`subject`, `predicate`, `*object`), any object if
/// `object` is NULL, or NULL if there is none.
static const KgFact*
find_fact(const KgVocab* const      vocab,
          const KgStringView        subject,
          const KgStringView        predicate,
          const KgStringView* const object)
{
  size_t              n     = 0U;
  const KgFact* const facts = kg_vocab_about(vocab, subject, &n);
  for (size_t i = 0U; i < n; ++i) {
    if (kg_sv_equals(facts[i].predicate, predicate) &&
        (!object || kg_sv_equals(facts[i].object, *object))) {
      return &facts[i];
    }
  }
  return NULL;
}

KgStringView
kg_vocab_object(const KgVocab* const vocab,
                const KgStringView   subject,
                const KgStringView   predicate)
{
  const KgFact* const fact = find_fact(vocab, subject, predicate, NULL);
  return fact ? fact->object : KG_SV("");
}

bool
kg_vocab_has(const KgVocab* const vocab,
             const KgStringView   subject,
             const KgStringView   predicate,
             const KgStringView   object)
{
  return find_fact(vocab, subject, predicate, &object) != NULL;
}

bool
kg_vocab_is_class(const KgVocab* const vocab, const KgStringView iri)
{
  size_t              n     = 0U;
  const KgFact* const facts = kg_vocab_about(vocab, iri, &n);
  for (size_t i = 0U; i < n; ++i) {
    const KgStringView p = facts[i].predicate;
    if (kg_sv_equals(p, KG_SV(RDFS "subClassOf")) ||
        kg_sv_equals(p, KG_SV(OWL "equivalentClass")) ||
        (kg_sv_equals(p, KG_SV(KG_RDF_TYPE)) &&
         (kg_sv_equals(facts[i].object, KG_SV(OWL "Class")) ||
          kg_sv_equals(facts[i].object, KG_SV(RDFS "Class"))))) {
      return true;
    }
  }
  return false;
}

size_t
kg_vocab_ancestors(const KgVocab* const vocab,
                   const KgStringView   cls,
                   KgStringView* const  out,
                   const size_t         max)
{
  if (!max) {
    return 0U;
  }

  size_t n = 0U;
  out[n++] = cls;
  for (size_t q = 0U; q < n; ++q) {
    size_t              n_facts = 0U;
    const KgFact* const facts   = kg_vocab_about(vocab, out[q], &n_facts);
    for (size_t i = 0U; i < n_facts && n < max; ++i) {
      if (facts[i].literal ||
          (!kg_sv_equals(facts[i].predicate, KG_SV(RDFS "subClassOf")) &&
           !kg_sv_equals(facts[i].predicate, KG_SV(OWL "equivalentClass")))) {
        continue;
      }

      bool seen = false;
      for (size_t j = 0U; j < n && !seen; ++j) {
        seen = kg_sv_equals(out[j], facts[i].object);
      }
      if (!seen) {
        out[n++] = facts[i].object;
      }
    }
  }
  return n;
}

bool
kg_vocab_is_ancestor(const KgVocab* const vocab,
                     const KgStringView   sub,
                     const KgStringView   super)
{
  KgStringView ancestors[128];
  const size_t n = kg_vocab_ancestors(vocab, sub, ancestors, 128U);
  for (size_t i = 0U; i < n; ++i) {
    if (kg_sv_equals(ancestors[i], super)) {
      return true;
    }
  }
  return false;
}

KgStringView
kg_vocab_label(const KgVocab* const vocab,
               const KgStringView   iri,
               const KgStringView   lang)
{
  size_t              n     = 0U;
  const KgFact* const facts = kg_vocab_about(vocab, iri, &n);
  for (unsigned k = 0U; k < KG_N_LABEL_PROPERTIES; ++k) {
    const KgStringView p       = kg_sv(label_properties[k]);
    KgStringView       no_lang = {NULL, 0U};
    KgStringView       any     = {NULL, 0U};
    for (size_t i = 0U; i < n; ++i) {
      if (!facts[i].literal || !kg_sv_equals(facts[i].predicate, p)) {
        continue;
      }
      if (kg_sv_equals(facts[i].lang, lang)) {
        return facts[i].object;
      }
      if (!facts[i].lang.len && !no_lang.data) {
        no_lang = facts[i].object;
      }
      if (!any.data) {
        any = facts[i].object;
      }
    }
    if (no_lang.data) {
      return no_lang;
    }
    if (any.data) {
      return any;
    }
  }
  return KG_SV("");
}

KgStatus
kg_find_named(const KgGraph* const      graph,
              const KgNamespaces* const ns,
              const char* const         words,
              const bool                labels,
              KgBuffer* const           scratch,
              KgTermId* const           id,
              bool* const               several)
{
  const KgStringView w = kg_sv(words);
  *several             = false;
  if ((*id = kg_graph_find_iri(graph, w))) {
    return KG_SUCCESS;
  }

  // A QName, with the namespaces' prefixes
  const char* const colon = strchr(words, ':');
  for (size_t i = 0U; colon && i < ns->n; ++i) {
    const KgStringView prefix = {words, (size_t)(colon - words)};
    if (kg_sv_equals(ns->ns[i].prefix, prefix)) {
      kg_buffer_clear(scratch);
      kg_buffer_append_sv(scratch, ns->ns[i].iri);
      kg_buffer_append_str(scratch, colon + 1);
      if (scratch->status) {
        kg_buffer_clear(scratch);
        return KG_BAD_ALLOC;
      }
      *id = kg_graph_find_iri(graph, kg_buffer_view(scratch));
      kg_buffer_clear(scratch);
      if (*id) {
        return KG_SUCCESS;
      }
    }
  }

  // A label (any language)
  for (size_t i = 0U; labels && i < graph->n_triples; ++i) {
    const KgTriple* const t = &graph->triples[i];
    if (kg_kind(graph, t->o) == KG_TERM_LITERAL &&
        kg_sv_equals(kg_terms_text(&graph->terms, t->o), w) &&
        kg_is_label_property(kg_terms_text(&graph->terms, t->p))) {
      *several = *several || (*id && *id != t->s);
      *id      = t->s;
    }
  }
  return KG_SUCCESS;
}
