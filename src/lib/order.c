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
  Ranking terms: a multikey quicksort (Bentley and Sedgewick) on the term
  strings.  IRIs share long prefixes ("http://example.org/id/..."), which
  a comparison sort would compare again and again; this sort looks at each
  byte of a common prefix once per partitioning level.
*/

typedef struct {
  const KgGraph* graph;
  const KgTerm*  terms;
} Ctx;

static inline int
byte_at(const KgTerm* const t, const size_t d)
{
  return d < t->len ? (int)(unsigned char)t->str[d] + 1 : 0;
}

static inline void
swap(uint32_t* const a, const size_t i, const size_t j)
{
  const uint32_t t = a[i];
  a[i]             = a[j];
  a[j]             = t;
}

static int
compare_full(const Ctx* const ctx, const uint32_t a, const uint32_t b)
{
  return kg_term_compare(ctx->graph, a, b);
}

static void
insertion_sort(const Ctx* const ctx, uint32_t* const a, const size_t n)
{
  for (size_t i = 1U; i < n; ++i) {
    const uint32_t x = a[i];
    size_t         j = i;
    for (; j > 0U && compare_full(ctx, a[j - 1U], x) > 0; --j) {
      a[j] = a[j - 1U];
    }
    a[j] = x;
  }
}

/// Sift `a[i]` down the heap of the `n` entries at `a`.
static void
sift_down(const Ctx* const ctx, uint32_t* const a, size_t i, const size_t n)
{
  while (2U * i + 1U < n) {
    size_t child = 2U * i + 1U;
    if (child + 1U < n && compare_full(ctx, a[child], a[child + 1U]) < 0) {
      ++child;
    }
    if (compare_full(ctx, a[i], a[child]) >= 0) {
      return;
    }
    swap(a, i, child);
    i = child;
  }
}

/// Sort by the whole key, in O(n log n) whatever the keys: a heap sort.
static void
heap_sort(const Ctx* const ctx, uint32_t* const a, const size_t n)
{
  for (size_t i = n / 2U; i-- > 0U;) {
    sift_down(ctx, a, i, n);
  }
  for (size_t end = n; end-- > 1U;) {
    swap(a, 0U, end);
    sift_down(ctx, a, 0U, end);
  }
}

/**
   Sort the `n` term ids at `a` by their strings from byte `d` on.  The
   two smaller of the three parts of a partition are sorted by recursion,
   the largest by the loop, so that the recursion is at most log2(n)
   levels deep whatever the strings.
*/
static void
mkqsort(const Ctx* const ctx, uint32_t* a, size_t n, size_t d)
{
  while (n > 12U) {
    // Median of three bytes as the pivot
    const int b0 = byte_at(&ctx->terms[a[0]], d);
    const int b1 = byte_at(&ctx->terms[a[n / 2U]], d);
    const int b2 = byte_at(&ctx->terms[a[n - 1U]], d);
    const int v  = (b0 < b1) ? ((b1 < b2)   ? b1
                                : (b0 < b2) ? b2
                                            : b0)
                             : ((b0 < b2)   ? b0
                                : (b1 < b2) ? b2
                                            : b1);

    // Three-way partition: [0, lt) < v, [lt, gt) == v, [gt, n) > v
    size_t lt = 0U;
    size_t i  = 0U;
    size_t gt = n;
    while (i < gt) {
      const int b = byte_at(&ctx->terms[a[i]], d);
      if (b < v) {
        swap(a, lt++, i++);
      } else if (b > v) {
        swap(a, i, --gt);
      } else {
        ++i;
      }
    }

    uint32_t* const below  = a;
    uint32_t* const equal  = a + lt;
    uint32_t* const above  = a + gt;
    const size_t    n_lt   = lt;
    const size_t    n_eq   = gt - lt;
    const size_t    n_gt   = n - gt;
    size_t          n_next = n_eq;
    if (v == 0) {
      // Equal strings: order by the rest of the key (scope, language,
      // type), of which there may be many (one text in 60,000 languages)
      if (n_eq > 12U) {
        heap_sort(ctx, equal, n_eq);
      } else {
        insertion_sort(ctx, equal, n_eq);
      }
      n_next = 0U;
    }

    if (n_next && n_next >= n_lt && n_next >= n_gt) {
      mkqsort(ctx, below, n_lt, d);
      mkqsort(ctx, above, n_gt, d);
      a = equal;
      n = n_eq;
      ++d;
    } else if (n_lt >= n_gt) {
      mkqsort(ctx, above, n_gt, d);
      if (n_next) {
        mkqsort(ctx, equal, n_eq, d + 1U);
      }
      n = n_lt;
    } else {
      mkqsort(ctx, below, n_lt, d);
      if (n_next) {
        mkqsort(ctx, equal, n_eq, d + 1U);
      }
      a = above;
      n = n_gt;
    }
  }

  insertion_sort(ctx, a, n);
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
    mkqsort(&ctx, ids + first[k], counts[k], 0U);
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
