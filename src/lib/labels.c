// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "labels.h"

#include "alloc.h"
#include "buffer.h"
#include "graph.h"
#include "intern.h"
#include "log.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

KgStatus
kg_label_set_init(KgLabelSet* const set)
{
  memset(set, 0, sizeof(*set));
  return kg_terms_init(&set->taken, 0x6C6162656C73ULL);
}

void
kg_label_set_fini(KgLabelSet* const set)
{
  kg_terms_fini(&set->taken);
  kg_buffer_fini(&set->scratch);
}

KgStatus
kg_labeler_init(KgLabeler* const     labeler,
                KgLabelSet* const    set,
                const KgGraph* const graph)
{
  labeler->set   = set;
  labeler->graph = graph;
  labeler->given =
    (KgTermId*)kg_calloc((size_t)graph->terms.n_terms + 1U, sizeof(KgTermId));
  return labeler->given ? KG_SUCCESS : KG_BAD_ALLOC;
}

void
kg_labeler_fini(KgLabeler* const labeler)
{
  kg_free(labeler->given);
  labeler->given = NULL;
}

/// Take `label` if it is free: set `*id` to it, or leave it 0.
static KgStatus
take(KgLabelSet* const set, const KgStringView label, KgTermId* const id)
{
  bool           added = false;
  const KgTermId t =
    kg_terms_intern(&set->taken, KG_TERM_BLANK, label, 0U, 0U, &added);
  if (!t) {
    return KG_BAD_ALLOC;
  }
  *id = added ? t : KG_NO_TERM;
  return KG_SUCCESS;
}

static bool
has_hidden_control(const KgStringView label)
{
  for (size_t i = 0U; i < label.len; ++i) {
    const KgStringView rest = {label.data + i, label.len - i};
    if (kg_hidden_control_len(rest)) {
      return true;
    }
  }
  return false;
}

KgStatus
kg_labeler_give_all(KgLabeler* const labeler)
{
  const KgTerms* const terms = &labeler->graph->terms;
  KgStatus             st    = KG_SUCCESS;
  for (unsigned pass = 0U; pass < 2U && !st; ++pass) {
    for (KgTermId id = 1U; id < terms->n_terms && !st; ++id) {
      const KgTerm* const t = &terms->terms[id];
      if (t->kind == KG_TERM_BLANK &&
          !(t->flags & KG_TERM_GENERATED) == !pass) {
        kg_labeler_get(labeler, id, &st);
      }
    }
  }
  return st;
}

KgStringView
kg_labeler_get(KgLabeler* const labeler,
               const KgTermId   id,
               KgStatus* const  status)
{
  KgLabelSet* const set = labeler->set;
  if (!labeler->given[id]) {
    // A label that holds a control (U+061C is a letter of names) would be
    // shown raw, as a label cannot be escaped: such a node is "b", "b_2"...
    KgStringView label = kg_terms_text(&labeler->graph->terms, id);
    if (has_hidden_control(label)) {
      label = KG_SV("b");
    }
    KgTermId given = KG_NO_TERM;
    KgStatus st    = take(set, label, &given);
    for (unsigned k = 2U; !st && !given; ++k) {
      kg_buffer_clear(&set->scratch);
      if (!(st = kg_buffer_printf(
              &set->scratch, "%.*s_%u", (int)label.len, label.data, k))) {
        st = take(set, kg_buffer_view(&set->scratch), &given);
      }
    }
    if (st) {
      *status = st;
      return kg_sv("");
    }
    labeler->given[id] = given;
  }
  return kg_terms_text(&set->taken, labeler->given[id]);
}
