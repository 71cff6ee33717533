// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "order.h"

#include "alloc.h"
#include "graph.h"
#include "intern.h"

#include <kgraph/graph.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
  Ranking terms: a most-significant-digit string sort that takes eight
  bytes at a time.  Each term of a group gets a key, the next eight bytes
  of its text and how many bytes are left (9: more than eight); the keys
  are sorted in place, and each run of terms whose texts go on past equal
  keys is a group again, eight bytes deeper.  IRIs share long prefixes
  ("http://example.org/id/..."): a comparison sort would compare them again
  and again, a byte-wise radix or multikey sort would pass over the whole
  group once per byte; this one fetches each term's text once per eight
  bytes (at 10M triples the fetches, not the comparisons, cost the time).
  Groups wait on an explicit stack, so no text, however long, deepens the
  C stack; sort_keys() recurses on the smaller side only, at most 64 deep.
*/

typedef struct {
  const KgGraph* graph;
  const KgTerm*  terms;
} Ctx;

/// A term's next 8 bytes, for sorting.
typedef struct {
  uint64_t key;  ///< The 8 bytes from the depth, big-endian, padded with 0
  uint32_t left; ///< Bytes of the text from the depth, at most 9
  uint32_t id;   ///< The term
} Key;

/// A group of keys to sort from `depth` on.
typedef struct {
  size_t begin;
  size_t n;
  size_t depth;
} Group;

static inline bool
key_less(const Key* const a, const Key* const b)
{
  return a->key < b->key || (a->key == b->key && a->left < b->left);
}

static inline void
swap_keys(Key* const a, const size_t i, const size_t j)
{
  const Key t = a[i];
  a[i]        = a[j];
  a[j]        = t;
}

static void
set_key(const KgTerm* const t, const size_t depth, Key* const k)
{
  const size_t         left = t->len > depth ? t->len - depth : 0U;
  const size_t         n    = left < 8U ? left : 8U;
  const unsigned char* p    = (const unsigned char*)t->str + depth;
  uint64_t             key  = 0U;
  for (size_t i = 0U; i < n; ++i) {
    key |= (uint64_t)p[i] << (56U - 8U * i);
  }
  k->key  = key;
  k->left = (uint32_t)(left < 9U ? left : 9U);
}

/// Sort `n` keys by (key, left): quicksort with three-way partitions.
static void
sort_keys(Key* a, size_t n)
{
  while (n > 16U) {
    const Key* const x     = &a[0];
    const Key* const y     = &a[n / 2U];
    const Key* const z     = &a[n - 1U];
    const Key        pivot = key_less(x, y)   ? (key_less(y, z)   ? *y
                                                 : key_less(x, z) ? *z
                                                                  : *x)
                             : key_less(x, z) ? *x
                             : key_less(y, z) ? *z
                                              : *y;

    // [0, lt) < pivot, [lt, i) == pivot, [gt, n) > pivot
    size_t lt = 0U;
    size_t i  = 0U;
    size_t gt = n;
    while (i < gt) {
      if (key_less(&a[i], &pivot)) {
        swap_keys(a, lt++, i++);
      } else if (key_less(&pivot, &a[i])) {
        swap_keys(a, i, --gt);
      } else {
        ++i;
      }
    }

    // Recurse on the smaller side, loop on the larger
    if (lt < n - gt) {
      sort_keys(a, lt);
      a += gt;
      n -= gt;
    } else {
      sort_keys(a + gt, n - gt);
      n = lt;
    }
  }

  for (size_t i = 1U; i < n; ++i) {
    const Key k = a[i];
    size_t    j = i;
    for (; j > 0U && key_less(&k, &a[j - 1U]); --j) {
      a[j] = a[j - 1U];
    }
    a[j] = k;
  }
}

static inline int
compare_ids(const Ctx* const ctx, const Key* const a, const Key* const b)
{
  return kg_term_compare(ctx->graph, a->id, b->id);
}

/// Sift `a[i]` down the heap of the `n` keys at `a`.
static void
sift_down(const Ctx* const ctx, Key* const a, size_t i, const size_t n)
{
  while (2U * i + 1U < n) {
    size_t child = 2U * i + 1U;
    if (child + 1U < n && compare_ids(ctx, &a[child], &a[child + 1U]) < 0) {
      ++child;
    }
    if (compare_ids(ctx, &a[i], &a[child]) >= 0) {
      return;
    }
    swap_keys(a, i, child);
    i = child;
  }
}

/**
   Sort terms of equal text by the rest of their key (scope, language,
   datatype).  Few terms share a text, and insertion sort does for them;
   but one text may come in 60,000 datatypes or languages, and then a heap
   sort keeps it O(n log n).
*/
static void
sort_equal_texts(const Ctx* const ctx, Key* const a, const size_t n)
{
  if (n > 16U) {
    for (size_t i = n / 2U; i-- > 0U;) {
      sift_down(ctx, a, i, n);
    }
    for (size_t end = n; end-- > 1U;) {
      swap_keys(a, 0U, end);
      sift_down(ctx, a, 0U, end);
    }
    return;
  }

  for (size_t i = 1U; i < n; ++i) {
    const Key k = a[i];
    size_t    j = i;
    for (; j > 0U && compare_ids(ctx, &a[j - 1U], &k) > 0; --j) {
      a[j] = a[j - 1U];
    }
    a[j] = k;
  }
}

/// Sort the `n` term ids at `ids` by kg_term_compare(), in place.
static KgStatus
sort_terms(const Ctx* const ctx, uint32_t* const ids, const size_t n)
{
  if (n < 2U) {
    return KG_SUCCESS;
  }

  KgStatus   st      = KG_SUCCESS;
  size_t     n_stack = 0U;
  size_t     cap     = 64U;
  Key* const keys    = (Key*)kg_reallocarray(NULL, n, sizeof(Key));
  Group*     stack   = (Group*)kg_reallocarray(NULL, cap, sizeof(Group));
  if (!keys || !stack) {
    st = KG_BAD_ALLOC;
    goto done;
  }

  for (size_t i = 0U; i < n; ++i) {
    keys[i].id = ids[i];
  }

  stack[n_stack++] = (Group){0U, n, 0U};
  while (n_stack) {
    const Group g = stack[--n_stack];
    Key* const  a = keys + g.begin;

    // The texts lie at random: ask for them ahead
    for (size_t i = 0U; i < g.n; ++i) {
      if (i + 16U < g.n) {
        KG_PREFETCH(&ctx->terms[a[i + 16U].id]);
      }
      if (i + 8U < g.n) {
        KG_PREFETCH(ctx->terms[a[i + 8U].id].str + g.depth);
      }
      set_key(&ctx->terms[a[i].id], g.depth, &a[i]);
    }

    sort_keys(a, g.n);

    for (size_t i = 0U; i < g.n;) {
      size_t j = i + 1U;
      while (j < g.n && a[j].key == a[i].key && a[j].left == a[i].left) {
        ++j;
      }

      if (j - i > 1U && a[i].left == 9U) {
        if (n_stack == cap) {
          Group* const bigger =
            (Group*)kg_reallocarray(stack, cap * 2U, sizeof(Group));
          if (!bigger) {
            st = KG_BAD_ALLOC;
            goto done;
          }
          stack = bigger;
          cap *= 2U;
        }
        stack[n_stack++] = (Group){g.begin + i, j - i, g.depth + 8U};
      } else if (j - i > 1U) {
        sort_equal_texts(ctx, a + i, j - i);
      }
      i = j;
    }
  }

  for (size_t i = 0U; i < n; ++i) {
    ids[i] = keys[i].id;
  }

done:
  kg_free(stack);
  kg_free(keys);
  return st;
}

/*
  Sorting triples: a counting sort by subject rank, then each subject's
  few triples by (predicate, object).
*/

typedef struct {
  uint64_t key;   ///< Predicate key << 32 | object rank
  uint32_t name;  ///< Graph name: 0 for the default graph, else rank + 1
  uint32_t index; ///< Triple index
} Entry;

static inline bool
entry_less(const Entry* const a, const Entry* const b)
{
  return a->key < b->key || (a->key == b->key && a->name < b->name);
}

static int
compare_entries(const void* const a, const void* const b)
{
  const Entry* const x = (const Entry*)a;
  const Entry* const y = (const Entry*)b;
  return entry_less(x, y) ? -1 : entry_less(y, x) ? 1 : 0;
}

static void
sort_entries(Entry* const e, const size_t n)
{
  if (n > 16U) {
    qsort(e, n, sizeof(Entry), compare_entries);
    return;
  }

  for (size_t i = 1U; i < n; ++i) {
    const Entry x = e[i];
    size_t      j = i;
    for (; j > 0U && entry_less(&x, &e[j - 1U]); --j) {
      e[j] = e[j - 1U];
    }
    e[j] = x;
  }
}

KgStatus
kg_order_init(KgOrder* const       order,
              const KgGraph* const graph,
              const uint32_t       flags)
{
  memset(order, 0, sizeof(*order));

  const uint32_t  n_ids = graph->terms.n_terms; // With the unused 0
  const size_t    n     = graph->n_triples;
  uint32_t* const ids =
    (uint32_t*)kg_reallocarray(NULL, n_ids, sizeof(uint32_t));
  uint32_t* const rank = (uint32_t*)kg_calloc(n_ids, sizeof(uint32_t));
  uint32_t* const starts =
    (uint32_t*)kg_calloc((size_t)n_ids + 1U, sizeof(uint32_t));
  uint32_t* const sorted =
    (uint32_t*)kg_reallocarray(NULL, n, sizeof(uint32_t));
  Entry* group = NULL;
  if (!ids || !rank || !starts || !sorted) {
    goto fail;
  }

  // Group ids by kind (IRIs, blank nodes, literals), then sort each group
  size_t counts[4] = {0U, 0U, 0U, 0U};
  for (uint32_t id = 1U; id < n_ids; ++id) {
    ++counts[graph->terms.terms[id].kind];
  }

  size_t pos[4] = {
    0U, counts[0], counts[0] + counts[1], counts[0] + counts[1] + counts[2]};
  const size_t first[4] = {pos[0], pos[1], pos[2], pos[3]};
  for (uint32_t id = 1U; id < n_ids; ++id) {
    ids[pos[graph->terms.terms[id].kind]++] = id;
  }

  const Ctx ctx = {graph, graph->terms.terms};
  for (unsigned k = KG_TERM_IRI; k <= KG_TERM_LITERAL; ++k) {
    if (sort_terms(&ctx, ids + first[k], counts[k])) {
      goto fail;
    }
  }

  for (uint32_t r = 0U; r + 1U < n_ids; ++r) {
    rank[ids[r]] = r;
  }
  order->first_blank = (uint32_t)first[KG_TERM_BLANK];
  order->n_blanks    = (uint32_t)counts[KG_TERM_BLANK];

  // Counting sort of triples by subject rank
  for (size_t t = 0U; t < n; ++t) {
    ++starts[rank[graph->triples[t].s] + 1U];
  }
  for (uint32_t r = 1U; r <= n_ids; ++r) {
    starts[r] += starts[r - 1U];
  }

  size_t max_group = 0U;
  for (uint32_t r = 0U; r < n_ids; ++r) {
    const size_t size = starts[r + 1U] - starts[r];
    max_group         = size > max_group ? size : max_group;
  }

  for (size_t t = 0U; t < n; ++t) {
    sorted[starts[rank[graph->triples[t].s]]++] = (uint32_t)t;
  }

  // Then each subject's triples by predicate and object
  group = (Entry*)kg_reallocarray(NULL, max_group, sizeof(Entry));
  if (!group) {
    goto fail;
  }

  const KgTermId type = kg_graph_find_iri(graph, KG_SV(KG_RDF_TYPE));
  for (size_t begin = 0U; begin < n;) {
    const KgTermId s   = graph->triples[sorted[begin]].s;
    size_t         end = begin + 1U;
    while (end < n && graph->triples[sorted[end]].s == s) {
      ++end;
    }

    if (end - begin > 1U) {
      for (size_t i = begin; i < end; ++i) {
        const KgTriple* const t = &graph->triples[sorted[i]];
        const uint64_t pkey    = ((flags & KG_ORDER_TYPE_FIRST) && t->p == type)
                                   ? 0U
                                   : (uint64_t)rank[t->p] + 1U;
        const KgTermId g       = kg_graph_name(graph, sorted[i]);
        group[i - begin].key   = (pkey << 32U) | rank[t->o];
        group[i - begin].name  = g ? rank[g] + 1U : 0U;
        group[i - begin].index = sorted[i];
      }

      sort_entries(group, end - begin);
      for (size_t i = begin; i < end; ++i) {
        sorted[i] = group[i - begin].index;
      }
    }
    begin = end;
  }

  kg_free(group);
  kg_free(starts);
  kg_free(ids);
  order->rank      = rank;
  order->triples   = sorted;
  order->n_triples = n;
  return KG_SUCCESS;

fail:
  kg_free(group);
  kg_free(sorted);
  kg_free(starts);
  kg_free(rank);
  kg_free(ids);
  return KG_BAD_ALLOC;
}

void
kg_order_fini(KgOrder* const order)
{
  kg_free(order->rank);
  kg_free(order->triples);
  memset(order, 0, sizeof(*order));
}
