// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation, 21 May 2024).
//
// The algorithm is followed step by step, with its strings: the hashes are
// over the exact text the specification gives, so the labels are those of
// every other implementation.  What is ours is the representation: blank
// nodes are numbered locally in order of first appearance, a node's quads
// are a range of an array, terms are written once and then copied, and a
// hash is kept as its raw digest (whose byte order is the code point order
// of its hexadecimal form).
//
// Permutations are tried in the order of the reference implementation
// (jsonld.js, rdf-canonize): Steinhaus-Johnson-Trotter over the related
// blank nodes sorted by input label.  Any order gives the same canonical
// N-Quads; this one also gives the same issued identifiers map where
// automorphisms leave a choice.
//
// The work limit counts calls of Hash N-Degree Quads and permutations
// tried, since either can run away.

#include "canon.h"

#include "alloc.h"
#include "buffer.h"
#include "graph.h"
#include "intern.h"
#include "labels.h"
#include "log.h"
#include "out.h"

#include <kgraph/canon.h>
#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <nettle/nettle-meta.h>
#include <nettle/sha2.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Not a local number, not a position.
#define NONE UINT32_MAX

/// A hash context for any of our hash functions.
typedef union {
  struct sha256_ctx sha256;
  struct sha512_ctx sha512; // SHA-384 uses it
} HashContext;

/// A line of text to sort.
typedef struct {
  const char* data;
  size_t      len;
} Line;

/**
   An identifier issuer: the nodes it gave numbers to, in order (node
   `order[i]` got number i).  It is copied for each permutation tried, so
   it holds only what it issued, and is searched: it seldom holds more than
   a few nodes.
*/
typedef struct {
  uint32_t* order; ///< Local numbers in the order issued
  uint32_t  n;     ///< Numbers issued
  uint32_t  cap;   ///< Allocated entries
} Issuer;

/// A related blank node and its hash (Hash N-Degree Quads, step 3).
typedef struct {
  uint8_t  digest[KG_MAX_DIGEST];
  uint32_t node; ///< Local number
  uint32_t seq;  ///< Order found, for a stable sort
} Related;

/// A result of Hash N-Degree Quads, kept for the canonical issuer.
typedef struct {
  uint8_t  digest[KG_MAX_DIGEST];
  Issuer   issuer;
  uint32_t seq;
} PathResult;

static const struct nettle_hash*
nettle_of(const KgCanonizer* const c)
{
  return (const struct nettle_hash*)c->hash;
}

/*
  Hashing
*/

static void
hash_begin(const KgCanonizer* const c, HashContext* const ctx)
{
  nettle_of(c)->init(ctx);
}

static void
hash_add(const KgCanonizer* const c,
         HashContext* const       ctx,
         const void* const        data,
         const size_t             len)
{
  nettle_of(c)->update(ctx, len, (const uint8_t*)data);
}

static void
hash_end(const KgCanonizer* const c,
         HashContext* const       ctx,
         uint8_t* const           digest)
{
  nettle_of(c)->digest(ctx, c->hash_len, digest);
}

/// Append the lower-case hexadecimal form of `digest`.
static void
append_hex(const KgCanonizer* const c,
           KgBuffer* const          buf,
           const uint8_t* const     digest)
{
  static const char hex[] = "0123456789abcdef";
  char              text[2U * KG_MAX_DIGEST];
  for (size_t i = 0U; i < c->hash_len; ++i) {
    text[2U * i]      = hex[digest[i] >> 4U];
    text[2U * i + 1U] = hex[digest[i] & 0xFU];
  }
  kg_buffer_append(buf, text, 2U * c->hash_len);
}

/// Append "_:" and a label: `prefix` and `number`.
static void
append_label(KgBuffer* const   buf,
             const char* const prefix,
             const uint32_t    number)
{
  kg_buffer_printf(buf, "_:%s%u", prefix, number);
}

/*
  Text of quads
*/

/// Return the canonical N-Quads text of ground term `id`.
static KgStringView
term_text(KgCanonizer* const c, const KgTermId id)
{
  if (c->text_start[id] == NONE) {
    const size_t start = c->texts.len;
    kg_out_nt_term(c->out, c->graph, NULL, id);
    kg_out_drain(c->out);
    if (c->out->status || c->texts.len - start > UINT32_MAX ||
        start > UINT32_MAX - 1U) {
      return kg_sv("");
    }
    c->text_start[id] = (uint32_t)start;
    c->text_len[id]   = (uint32_t)(c->texts.len - start);
  }

  const KgStringView text = {c->texts.data + c->text_start[id],
                             c->text_len[id]};
  return text;
}

/// Append term `id`; nothing if the text of a ground term could not be made
/// (then `c->out->status` says why).
static void
append_term(KgCanonizer* const c,
            KgBuffer* const    buf,
            const KgTermId     id,
            const uint32_t     reference)
{
  if (!kg_is_blank(c->graph, id)) {
    const KgStringView text = term_text(c, id);
    if (!c->out->status) {
      kg_buffer_append_sv(buf, text);
    }
    return;
  }

  const uint32_t local = c->local[id] - 1U;
  if (reference != NONE) {
    kg_buffer_append_str(buf, local == reference ? "_:a" : "_:z");
  } else {
    append_label(buf, "c14n", c->label[local]);
  }
}

/**
   Append quad `q` as a line of canonical N-Quads, its blank nodes written as
   `_:a` (if `reference`) and `_:z`, or, if `reference` is NONE, with their
   canonical labels.
*/
static KgStatus
append_quad(KgCanonizer* const c,
            KgBuffer* const    buf,
            const uint32_t     q,
            const uint32_t     reference)
{
  const KgTriple* const t = &c->graph->triples[q];
  const KgTermId        g = kg_graph_name(c->graph, q);
  append_term(c, buf, t->s, reference);
  kg_buffer_append_char(buf, ' ');
  append_term(c, buf, t->p, reference);
  kg_buffer_append_char(buf, ' ');
  append_term(c, buf, t->o, reference);
  if (g) {
    kg_buffer_append_char(buf, ' ');
    append_term(c, buf, g, reference);
  }
  kg_buffer_append(buf, " .\n", 3U);
  if (c->out->status) {
    return c->out->status;
  }
  return buf->status;
}

static int
compare_lines(const void* const a, const void* const b)
{
  const Line* const x = (const Line*)a;
  const Line* const y = (const Line*)b;
  return kg_sv_compare((KgStringView){x->data, x->len},
                       (KgStringView){y->data, y->len});
}

/**
   Write the `n` quads at `quads` as lines into `c->scratch` (with labels as
   append_quad()), and return them sorted in `*lines` (to free).
*/
static KgStatus
sorted_lines(KgCanonizer* const    c,
             const uint32_t* const quads,
             const size_t          n,
             const uint32_t        reference,
             Line** const          lines)
{
  *lines = NULL;
  size_t* const ends =
    (size_t*)kg_reallocarray(NULL, n ? n : 1U, sizeof(size_t));
  if (!ends) {
    return KG_BAD_ALLOC;
  }

  kg_buffer_clear(&c->scratch);
  KgStatus st = KG_SUCCESS;
  for (size_t i = 0U; i < n && !st; ++i) {
    st = append_quad(c, &c->scratch, quads ? quads[i] : (uint32_t)i, reference);
    ends[i] = c->scratch.len;
  }

  Line* const out =
    st ? NULL : (Line*)kg_reallocarray(NULL, n ? n : 1U, sizeof(Line));
  if (!st && !out) {
    st = KG_BAD_ALLOC;
  }
  if (!st) {
    size_t start = 0U;
    for (size_t i = 0U; i < n; ++i) {
      out[i].data = c->scratch.data + start;
      out[i].len  = ends[i] - start;
      start       = ends[i];
    }
    qsort(out, n, sizeof(Line), compare_lines);
    *lines = out;
  }

  kg_free(ends);
  return st;
}

/**
   Hash sorted lines, all of them: in Hash First Degree Quads, two quads of
   a node may give the same line (`_:a <p> _:z` twice), and both count.
*/
static void
hash_lines(const KgCanonizer* const c,
           const Line* const        lines,
           const size_t             n,
           uint8_t* const           digest)
{
  HashContext ctx;
  hash_begin(c, &ctx);
  for (size_t i = 0U; i < n; ++i) {
    hash_add(c, &ctx, lines[i].data, lines[i].len);
  }
  hash_end(c, &ctx, digest);
}

/*
  Issuers
*/

static void
issuer_fini(Issuer* const issuer)
{
  kg_free(issuer->order);
  memset(issuer, 0, sizeof(*issuer));
}

static KgStatus
issuer_copy(Issuer* const copy, const Issuer* const issuer)
{
  copy->cap   = issuer->n + 8U;
  copy->n     = issuer->n;
  copy->order = (uint32_t*)kg_reallocarray(NULL, copy->cap, sizeof(uint32_t));
  if (!copy->order) {
    memset(copy, 0, sizeof(*copy));
    return KG_BAD_ALLOC;
  }
  if (issuer->n) {
    memcpy(copy->order, issuer->order, issuer->n * sizeof(uint32_t));
  }
  return KG_SUCCESS;
}

/// Return the number `issuer` gave `node`, or NONE.
static uint32_t
issued(const Issuer* const issuer, const uint32_t node)
{
  for (uint32_t i = 0U; i < issuer->n; ++i) {
    if (issuer->order[i] == node) {
      return i;
    }
  }
  return NONE;
}

/// Issue Identifier: set `*id` to the number of `node`, issuing one if
/// needed.
static KgStatus
issue(Issuer* const issuer, const uint32_t node, uint32_t* const id)
{
  if ((*id = issued(issuer, node)) != NONE) {
    return KG_SUCCESS;
  }

  if (issuer->n == issuer->cap) {
    const uint32_t  cap = issuer->cap ? issuer->cap * 2U : 8U;
    uint32_t* const order =
      (uint32_t*)kg_reallocarray(issuer->order, cap, sizeof(uint32_t));
    if (!order) {
      return KG_BAD_ALLOC;
    }
    issuer->order = order;
    issuer->cap   = cap;
  }

  *id                        = issuer->n;
  issuer->order[issuer->n++] = node;
  return KG_SUCCESS;
}

/// Issue a number to `node` and append "_:b" and it to `path`.
static KgStatus
append_issued(Issuer* const issuer, const uint32_t node, KgBuffer* const path)
{
  uint32_t       id = NONE;
  const KgStatus st = issue(issuer, node, &id);
  if (st) {
    return st;
  }
  append_label(path, "b", id);
  return path->status;
}

static void
issue_canonical(KgCanonizer* const c, const uint32_t node)
{
  if (c->label[node] == NONE) {
    c->label[node]           = c->n_issued;
    c->issued[c->n_issued++] = node;
  }
}

/*
  The hashing algorithms
*/

/// Hash First Degree Quads (section 4.6) of every blank node of the run.
static KgStatus
hash_first_degree(KgCanonizer* const c)
{
  KgStatus st = KG_SUCCESS;
  for (uint32_t node = 0U; node < c->n_local && !st; ++node) {
    Line*          lines = NULL;
    const uint32_t begin = c->q_start[node];
    const uint32_t n     = c->q_start[node + 1U] - begin;
    if (!(st = sorted_lines(c, c->q_list + begin, n, node, &lines))) {
      hash_lines(c, lines, n, c->first + (size_t)node * c->hash_len);
    }
    kg_free(lines);
  }
  return st;
}

/**
   Count `units` of work; KG_BAD_LIMIT when past the limit.  A unit is
   about the same time whatever the graph: a call of Hash N-Degree Quads
   counts one, and for each quad of its node one and one per identifier
   its issuer holds (looked up); a permutation one, and for each of its
   nodes and the issuer's copy one and one per identifier.
*/
static KgStatus
count_work(KgCanonizer* const c, const uint64_t units)
{
  c->work += units;
  return c->work > c->limit ? KG_BAD_LIMIT : KG_SUCCESS;
}

/// Hash Related Blank Node (section 4.7).
static KgStatus
hash_related(KgCanonizer* const  c,
             const uint32_t      related,
             const uint32_t      q,
             const Issuer* const issuer,
             const char          position,
             uint8_t* const      digest)
{
  KgBuffer* const buf = &c->scratch;
  kg_buffer_clear(buf);
  kg_buffer_append_char(buf, position);
  if (position != 'g') {
    const KgStringView p = kg_term_text(c->graph, c->graph->triples[q].p);
    kg_buffer_append_char(buf, '<');
    kg_buffer_append_sv(buf, p);
    kg_buffer_append_char(buf, '>');
  }

  const uint32_t id = issued(issuer, related);
  if (c->label[related] != NONE) {
    append_label(buf, "c14n", c->label[related]);
  } else if (id != NONE) {
    append_label(buf, "b", id);
  } else {
    append_hex(c, buf, c->first + (size_t)related * c->hash_len);
  }

  if (!buf->status) {
    HashContext ctx;
    hash_begin(c, &ctx);
    hash_add(c, &ctx, buf->data, buf->len);
    hash_end(c, &ctx, digest);
  }
  return buf->status;
}

static int
compare_related(const void* const a, const void* const b)
{
  const Related* const x   = (const Related*)a;
  const Related* const y   = (const Related*)b;
  const int            cmp = memcmp(x->digest, y->digest, KG_MAX_DIGEST);
  return cmp ? cmp : x->seq < y->seq ? -1 : x->seq > y->seq ? 1 : 0;
}

/// Compare blank nodes `a` and `b` by their labels in the input.
static int
compare_input_labels(const KgCanonizer* const c,
                     const uint32_t           a,
                     const uint32_t           b)
{
  const KgStringView x = kg_term_text(c->graph, c->blanks[a]);
  const KgStringView y = kg_term_text(c->graph, c->blanks[b]);
  return kg_sv_compare(x, y);
}

/// Sort `nodes` by input label (insertion sort: the lists are short).
static void
sort_by_input_label(const KgCanonizer* const c,
                    uint32_t* const          nodes,
                    const size_t             n)
{
  for (size_t i = 1U; i < n; ++i) {
    const uint32_t x = nodes[i];
    size_t         j = i;
    for (; j > 0U && compare_input_labels(c, nodes[j - 1U], x) > 0; --j) {
      nodes[j] = nodes[j - 1U];
    }
    nodes[j] = x;
  }
}

/**
   The direction of each distinct node of a permutation: rdf-canonize keys
   directions by node, so the copies of a node that is related twice share
   one.
*/
typedef struct {
  uint32_t* nodes;
  bool*     left;
  size_t    n;
} Directions;

static bool*
direction(const Directions* const d, const uint32_t node)
{
  size_t i = 0U;
  while (d->nodes[i] != node) {
    ++i;
  }
  return &d->left[i];
}

/**
   Step to the next permutation of `p` (Steinhaus-Johnson-Trotter, as
   rdf-canonize does it).

   @return false after the last permutation.
*/
static bool
next_permutation(const KgCanonizer* const c,
                 uint32_t* const          p,
                 const Directions* const  d,
                 const size_t             n)
{
  size_t pos   = 0U;
  bool   found = false;
  for (size_t i = 0U; i < n; ++i) {
    const uint32_t e    = p[i];
    const bool     left = *direction(d, e);
    if ((!found || compare_input_labels(c, e, p[pos]) > 0) &&
        ((left && i > 0U && compare_input_labels(c, e, p[i - 1U]) > 0) ||
         (!left && i + 1U < n && compare_input_labels(c, e, p[i + 1U]) > 0))) {
      found = true;
      pos   = i;
    }
  }
  if (!found) {
    return false;
  }

  const uint32_t k    = p[pos];
  const size_t   swap = *direction(d, k) ? pos - 1U : pos + 1U;
  p[pos]              = p[swap];
  p[swap]             = k;
  for (size_t i = 0U; i < n; ++i) {
    if (compare_input_labels(c, p[i], k) > 0) {
      bool* const left = direction(d, p[i]);
      *left            = !*left;
    }
  }
  return true;
}

/// Return true iff `path` is past `chosen`, so that this permutation loses.
static bool
path_loses(const KgBuffer* const path, const KgBuffer* const chosen)
{
  return chosen->len && path->len >= chosen->len &&
         kg_sv_compare(kg_buffer_view(path), kg_buffer_view(chosen)) > 0;
}

static KgStatus
hash_n_degree(KgCanonizer* c, uint32_t node, Issuer* issuer, uint8_t* digest);

/**
   Try permutation `p` of related nodes (Hash N-Degree Quads, step 5.4),
   and make it the chosen path if it is the least so far.
*/
static KgStatus
try_permutation(KgCanonizer* const    c,
                const uint32_t* const p,
                const size_t          n,
                const Issuer* const   issuer,
                KgBuffer* const       chosen,
                Issuer* const         chosen_issuer)
{
  Issuer    copy        = {NULL, 0U, 0U};
  KgBuffer  path        = KG_BUFFER_INIT;
  uint32_t* recursion   = (uint32_t*)kg_reallocarray(NULL, n, sizeof(uint32_t));
  size_t    n_recursion = 0U;
  KgStatus  st          = recursion ? issuer_copy(&copy, issuer) : KG_BAD_ALLOC;
  if (st) {
    kg_free(recursion);
    return st;
  }

  bool loses = false;
  for (size_t i = 0U; i < n && !st && !loses; ++i) {
    const uint32_t related = p[i];
    if (c->label[related] != NONE) {
      append_label(&path, "c14n", c->label[related]);
      st = path.status;
    } else {
      if (issued(&copy, related) == NONE) {
        recursion[n_recursion++] = related;
      }
      st = append_issued(&copy, related, &path);
    }
    loses = path_loses(&path, chosen);
  }

  for (size_t i = 0U; i < n_recursion && !st && !loses; ++i) {
    const uint32_t related = recursion[i];
    uint8_t        result[KG_MAX_DIGEST];
    if (!(st = hash_n_degree(c, related, &copy, result))) {
      if (!(st = append_issued(&copy, related, &path))) {
        kg_buffer_append_char(&path, '<');
        append_hex(c, &path, result);
        kg_buffer_append_char(&path, '>');
        st = path.status;
      }
      loses = path_loses(&path, chosen);
    }
  }

  if (!st && !loses &&
      (!chosen->len ||
       kg_sv_compare(kg_buffer_view(&path), kg_buffer_view(chosen)) < 0)) {
    kg_buffer_clear(chosen);
    st = kg_buffer_append(chosen, path.data, path.len);
    issuer_fini(chosen_issuer);
    *chosen_issuer = copy;
    memset(&copy, 0, sizeof(copy));
  }

  issuer_fini(&copy);
  kg_buffer_fini(&path);
  kg_free(recursion);
  return st;
}

/**
   Hash N-Degree Quads (section 4.8) of `node`: set `digest`, and replace
   `issuer` by the chosen issuer.  It recurses through try_permutation(),
   at most KG_CANON_MAX_DEPTH levels deep: past that, KG_BAD_LIMIT.
*/
static KgStatus
hash_n_degree_at(KgCanonizer* const c,
                 const uint32_t     node,
                 Issuer* const      issuer,
                 uint8_t* const     digest);

static KgStatus
hash_n_degree(KgCanonizer* const c,
              const uint32_t     node,
              Issuer* const      issuer,
              uint8_t* const     digest)
{
  if (c->depth >= KG_CANON_MAX_DEPTH) {
    c->too_deep = true;
    return KG_BAD_LIMIT;
  }

  ++c->depth;
  const KgStatus st = hash_n_degree_at(c, node, issuer, digest);
  --c->depth;
  return st;
}

static KgStatus
hash_n_degree_at(KgCanonizer* const c,
                 const uint32_t     node,
                 Issuer* const      issuer,
                 uint8_t* const     digest)
{
  // Steps 1 to 3: the related blank nodes, by their hashes
  const uint32_t begin = c->q_start[node];
  const uint32_t end   = c->q_start[node + 1U];
  KgStatus st = count_work(c, 1U + (uint64_t)(end - begin) * (1U + issuer->n));
  if (st) {
    return st;
  }

  size_t         n_related = 0U;
  Related* const related =
    (Related*)kg_calloc(3U * (size_t)(end - begin) + 1U, sizeof(Related));
  if (!related) {
    return KG_BAD_ALLOC;
  }

  for (uint32_t i = begin; i < end && !st; ++i) {
    const uint32_t        q             = c->q_list[i];
    const KgTriple* const t             = &c->graph->triples[q];
    const KgTermId        g             = kg_graph_name(c->graph, q);
    const KgTermId        components[3] = {t->s, t->o, g};
    static const char     positions[3]  = {'s', 'o', 'g'};
    for (unsigned k = 0U; k < 3U && !st; ++k) {
      if (!components[k] || !kg_is_blank(c->graph, components[k])) {
        continue;
      }
      const uint32_t other = c->local[components[k]] - 1U;
      if (other != node) {
        Related* const r = &related[n_related];
        r->node          = other;
        r->seq           = (uint32_t)n_related++;
        st = hash_related(c, other, q, issuer, positions[k], r->digest);
      }
    }
  }
  qsort(related, n_related, sizeof(Related), compare_related);

  // Step 5: for each related hash, the least path over the permutations
  HashContext ctx;
  hash_begin(c, &ctx);
  KgBuffer  hex    = KG_BUFFER_INIT;
  KgBuffer  chosen = KG_BUFFER_INIT;
  uint32_t* p =
    (uint32_t*)kg_reallocarray(NULL, n_related + 1U, sizeof(uint32_t));
  Directions d = {
    (uint32_t*)kg_reallocarray(NULL, n_related + 1U, sizeof(uint32_t)),
    (bool*)kg_calloc(n_related + 1U, sizeof(bool)),
    0U};
  if (!st && (!p || !d.nodes || !d.left)) {
    st = KG_BAD_ALLOC;
  }

  for (size_t i = 0U; i < n_related && !st;) {
    size_t j = i + 1U;
    while (j < n_related &&
           !memcmp(related[i].digest, related[j].digest, c->hash_len)) {
      ++j;
    }

    kg_buffer_clear(&hex);
    append_hex(c, &hex, related[i].digest);
    if ((st = hex.status)) {
      break;
    }
    hash_add(c, &ctx, hex.data, hex.len);

    const size_t n = j - i;
    d.n            = 0U;
    for (size_t k = 0U; k < n; ++k) {
      p[k]     = related[i + k].node;
      size_t e = 0U;
      while (e < d.n && d.nodes[e] != p[k]) {
        ++e;
      }
      if (e == d.n) {
        d.nodes[d.n]  = p[k];
        d.left[d.n++] = true;
      }
    }
    sort_by_input_label(c, p, n);

    Issuer chosen_issuer = {NULL, 0U, 0U};
    kg_buffer_clear(&chosen);
    do {
      if (!(st = count_work(c, 1U + (uint64_t)(n + 1U) * (1U + issuer->n)))) {
        st = try_permutation(c, p, n, issuer, &chosen, &chosen_issuer);
      }
    } while (!st && next_permutation(c, p, &d, n));

    if (!st) {
      hash_add(c, &ctx, chosen.data, chosen.len);
      issuer_fini(issuer);
      *issuer = chosen_issuer;
    } else {
      issuer_fini(&chosen_issuer);
    }
    i = j;
  }

  if (!st) {
    hash_end(c, &ctx, digest);
  }
  kg_free(d.left);
  kg_free(d.nodes);
  kg_free(p);
  kg_buffer_fini(&chosen);
  kg_buffer_fini(&hex);
  kg_free(related);
  return st;
}

/*
  The canonicalization algorithm (section 4.4)
*/

static void
forget_run(KgCanonizer* const c)
{
  for (uint32_t i = 0U; i < c->n_local; ++i) {
    c->local[c->blanks[i]] = 0U;
  }
  c->n_local  = 0U;
  c->n_issued = 0U;
}

static KgStatus
reserve_locals(KgCanonizer* const c, const size_t n)
{
  if (n <= c->cap) {
    return KG_SUCCESS;
  }

  size_t cap = c->cap ? c->cap : 64U;
  while (cap < n) {
    cap *= 2U;
  }

  KgTermId* const blanks =
    (KgTermId*)kg_reallocarray(c->blanks, cap, sizeof(KgTermId));
  c->blanks = blanks ? blanks : c->blanks;
  uint32_t* const q_start =
    (uint32_t*)kg_reallocarray(c->q_start, cap + 1U, sizeof(uint32_t));
  c->q_start = q_start ? q_start : c->q_start;
  uint8_t* const first =
    (uint8_t*)kg_reallocarray(c->first, cap, KG_MAX_DIGEST);
  c->first = first ? first : c->first;
  uint32_t* const label =
    (uint32_t*)kg_reallocarray(c->label, cap, sizeof(uint32_t));
  c->label = label ? label : c->label;
  uint32_t* const issued =
    (uint32_t*)kg_reallocarray(c->issued, cap, sizeof(uint32_t));
  c->issued = issued ? issued : c->issued;
  if (!blanks || !q_start || !first || !label || !issued) {
    return KG_BAD_ALLOC;
  }
  c->cap = cap;
  return KG_SUCCESS;
}

/// Add blank node `id` to the run if it is not in it; count one quad of it.
static KgStatus
add_blank(KgCanonizer* const c, const KgTermId id)
{
  if (!c->local[id]) {
    const KgStatus st = reserve_locals(c, (size_t)c->n_local + 1U);
    if (st) {
      return st;
    }
    c->blanks[c->n_local]  = id;
    c->q_start[c->n_local] = 0U;
    c->local[id]           = ++c->n_local;
  }
  ++c->q_start[c->local[id] - 1U];
  return KG_SUCCESS;
}

/// Return the blank components of quad `q` (subject, object, graph name).
static unsigned
blank_components(const KgCanonizer* const c,
                 const uint32_t           q,
                 KgTermId* const          out)
{
  const KgTriple* const t = &c->graph->triples[q];
  const KgTermId        g = kg_graph_name(c->graph, q);
  unsigned              n = 0U;
  if (kg_is_blank(c->graph, t->s)) {
    out[n++] = t->s;
  }
  if (kg_is_blank(c->graph, t->o) && t->o != t->s) {
    out[n++] = t->o;
  }
  if (g && kg_is_blank(c->graph, g) && g != t->s && g != t->o) {
    out[n++] = g;
  }
  return n;
}

/// Steps 1 and 2: number the blank nodes and list the quads of each.
static KgStatus
map_blank_nodes(KgCanonizer* const    c,
                const uint32_t* const quads,
                const size_t          n)
{
  KgStatus st = KG_SUCCESS;
  for (size_t i = 0U; i < n && !st; ++i) {
    KgTermId       blanks[3];
    const unsigned k =
      blank_components(c, quads ? quads[i] : (uint32_t)i, blanks);
    for (unsigned j = 0U; j < k && !st; ++j) {
      st = add_blank(c, blanks[j]);
    }
  }
  if (st) {
    return st;
  }

  // Counts to starts
  size_t total = 0U;
  for (uint32_t b = 0U; b < c->n_local; ++b) {
    const uint32_t count = c->q_start[b];
    c->q_start[b]        = (uint32_t)total;
    total += count;
  }
  c->q_start[c->n_local] = (uint32_t)total;

  if (total > c->q_cap) {
    uint32_t* const list =
      (uint32_t*)kg_reallocarray(c->q_list, total, sizeof(uint32_t));
    if (!list) {
      return KG_BAD_ALLOC;
    }
    c->q_list = list;
    c->q_cap  = total;
  }

  // Fill in input order, with `label` as the cursor of each node
  uint32_t* const cursor = c->label;
  memcpy(cursor, c->q_start, c->n_local * sizeof(uint32_t));
  for (size_t i = 0U; i < n; ++i) {
    const uint32_t q = quads ? quads[i] : (uint32_t)i;
    KgTermId       blanks[3];
    const unsigned k = blank_components(c, q, blanks);
    for (unsigned j = 0U; j < k; ++j) {
      c->q_list[cursor[c->local[blanks[j]] - 1U]++] = q;
    }
  }
  return KG_SUCCESS;
}

uint64_t
kg_canon_default_work(const uint32_t n_ambiguous, const uint32_t max_component)
{
  const uint64_t m = max_component;
  const uint64_t n = n_ambiguous;
  if (n && m > KG_CANON_MAX_WORK / KG_CANON_WORK_FACTOR / m / n) {
    return KG_CANON_MAX_WORK;
  }
  const uint64_t w = KG_CANON_WORK_FACTOR * n * m * m;
  return w < KG_CANON_MIN_WORK   ? KG_CANON_MIN_WORK
         : w > KG_CANON_MAX_WORK ? KG_CANON_MAX_WORK
                                 : w;
}

/// Return the size of the largest blank-node component that holds one of
/// the `n` nodes `ambiguous`, by union-find over the quads of the run.
static KgStatus
largest_component(KgCanonizer* const    c,
                  const uint32_t* const ambiguous,
                  const size_t          n,
                  uint32_t* const       largest)
{
  uint32_t* const parent =
    (uint32_t*)kg_reallocarray(NULL, c->n_local + 1U, sizeof(uint32_t));
  uint32_t* const size =
    (uint32_t*)kg_calloc(c->n_local + 1U, sizeof(uint32_t));
  if (!parent || !size) {
    kg_free(size);
    kg_free(parent);
    return KG_BAD_ALLOC;
  }

  for (uint32_t b = 0U; b < c->n_local; ++b) {
    parent[b] = b;
  }

  for (uint32_t b = 0U; b < c->n_local; ++b) {
    for (uint32_t i = c->q_start[b]; i < c->q_start[b + 1U]; ++i) {
      KgTermId       blanks[3];
      const unsigned k = blank_components(c, c->q_list[i], blanks);
      for (unsigned j = 0U; j < k; ++j) {
        uint32_t x = b;
        uint32_t y = c->local[blanks[j]] - 1U;
        while (parent[x] != x) {
          x = parent[x] = parent[parent[x]];
        }
        while (parent[y] != y) {
          y = parent[y] = parent[parent[y]];
        }
        parent[x > y ? x : y] = x > y ? y : x;
      }
    }
  }

  for (uint32_t b = 0U; b < c->n_local; ++b) {
    uint32_t x = b;
    while (parent[x] != x) {
      x = parent[x];
    }
    ++size[x];
    parent[b] = x;
  }

  *largest = 0U;
  for (size_t i = 0U; i < n; ++i) {
    const uint32_t s = size[parent[ambiguous[i]]];
    *largest         = s > *largest ? s : *largest;
  }

  kg_free(size);
  kg_free(parent);
  return KG_SUCCESS;
}

/// Order of blank nodes by first degree hash, then by local number.
static int
compare_first(const KgCanonizer* const c, const uint32_t a, const uint32_t b)
{
  const int cmp = memcmp(c->first + (size_t)a * c->hash_len,
                         c->first + (size_t)b * c->hash_len,
                         c->hash_len);
  return cmp ? cmp : a < b ? -1 : a > b ? 1 : 0;
}

/// Sort `nodes` by first degree hash (merge sort: stable, n log n).
static void
sort_by_first(const KgCanonizer* const c,
              uint32_t* const          nodes,
              uint32_t* const          tmp,
              const size_t             n)
{
  if (n < 2U) {
    return;
  }
  const size_t half = n / 2U;
  sort_by_first(c, nodes, tmp, half);
  sort_by_first(c, nodes + half, tmp, n - half);
  size_t i = 0U;
  size_t j = half;
  size_t k = 0U;
  while (i < half && j < n) {
    tmp[k++] =
      compare_first(c, nodes[j], nodes[i]) < 0 ? nodes[j++] : nodes[i++];
  }
  while (i < half) {
    tmp[k++] = nodes[i++];
  }
  while (j < n) {
    tmp[k++] = nodes[j++];
  }
  memcpy(nodes, tmp, n * sizeof(uint32_t));
}

static int
compare_results(const void* const a, const void* const b)
{
  const PathResult* const x   = (const PathResult*)a;
  const PathResult* const y   = (const PathResult*)b;
  const int               cmp = memcmp(x->digest, y->digest, KG_MAX_DIGEST);
  return cmp ? cmp : x->seq < y->seq ? -1 : x->seq > y->seq ? 1 : 0;
}

/// Step 5: label the nodes of one group with the same first degree hash.
static KgStatus
label_group(KgCanonizer* const c, const uint32_t* const group, const size_t n)
{
  PathResult* const results = (PathResult*)kg_calloc(n, sizeof(PathResult));
  if (!results) {
    return KG_BAD_ALLOC;
  }

  KgStatus st        = KG_SUCCESS;
  size_t   n_results = 0U;
  for (size_t i = 0U; i < n && !st; ++i) {
    const uint32_t node = group[i];
    if (c->label[node] != NONE) {
      continue;
    }

    PathResult* const r  = &results[n_results];
    uint32_t          id = NONE;
    r->seq               = (uint32_t)n_results++;
    if (!(st = issue(&r->issuer, node, &id))) {
      st = hash_n_degree(c, node, &r->issuer, r->digest);
    }
  }

  if (!st) {
    qsort(results, n_results, sizeof(PathResult), compare_results);
    for (size_t i = 0U; i < n_results; ++i) {
      for (uint32_t k = 0U; k < results[i].issuer.n; ++k) {
        issue_canonical(c, results[i].issuer.order[k]);
      }
    }
  }

  for (size_t i = 0U; i < n; ++i) {
    issuer_fini(&results[i].issuer);
  }
  kg_free(results);
  return st;
}

KgStatus
kg_canonizer_run(KgCanonizer* const    c,
                 const uint32_t* const quads,
                 const size_t          n)
{
  forget_run(c);
  c->work     = 0U;
  c->depth    = 0U;
  c->too_deep = false;

  // Steps 1 to 3: the blank nodes, their quads and first degree hashes
  KgStatus st = KG_SUCCESS;
  KG_TRY(st, map_blank_nodes(c, quads, n));
  KG_TRY(st, hash_first_degree(c));
  memset(c->label, 0xFF, c->n_local * sizeof(uint32_t));

  uint32_t* const nodes =
    (uint32_t*)kg_reallocarray(NULL, c->n_local + 1U, sizeof(uint32_t));
  uint32_t* const tmp =
    (uint32_t*)kg_reallocarray(NULL, c->n_local + 1U, sizeof(uint32_t));
  if (!nodes || !tmp) {
    kg_free(tmp);
    kg_free(nodes);
    return KG_BAD_ALLOC;
  }

  for (uint32_t b = 0U; b < c->n_local; ++b) {
    nodes[b] = b;
  }
  sort_by_first(c, nodes, tmp, c->n_local);

  // Step 4: a node alone with its hash gets its canonical label now; the
  // others are kept, in hash order, in `tmp`
  size_t n_ambiguous = 0U;
  for (size_t i = 0U; i < c->n_local;) {
    size_t j = i + 1U;
    while (j < c->n_local && !memcmp(c->first + (size_t)nodes[i] * c->hash_len,
                                     c->first + (size_t)nodes[j] * c->hash_len,
                                     c->hash_len)) {
      ++j;
    }
    if (j - i == 1U) {
      issue_canonical(c, nodes[i]);
    } else {
      memcpy(tmp + n_ambiguous, nodes + i, (j - i) * sizeof(uint32_t));
      n_ambiguous += j - i;
    }
    i = j;
  }

  // The work limit, from the size of the problem
  c->limit = c->max_work;
  if (!c->limit && n_ambiguous) {
    uint32_t largest = 0U;
    st               = largest_component(c, tmp, n_ambiguous, &largest);
    c->limit         = kg_canon_default_work((uint32_t)n_ambiguous, largest);
  }

  // Step 5: the others, group by group
  for (size_t i = 0U; i < n_ambiguous && !st;) {
    size_t j = i + 1U;
    while (j < n_ambiguous && !memcmp(c->first + (size_t)tmp[i] * c->hash_len,
                                      c->first + (size_t)tmp[j] * c->hash_len,
                                      c->hash_len)) {
      ++j;
    }
    st = label_group(c, tmp + i, j - i);
    i  = j;
  }

  if (st == KG_BAD_LIMIT && c->too_deep) {
    kg_log(&c->log,
           KG_LOG_ERROR,
           KG_NO_CARET,
           "canonicalization stopped at a path of %u blank nodes that look "
           "alike (the deepest path followed, whatever the work limit; "
           "%zu blank nodes look alike)",
           KG_CANON_MAX_DEPTH,
           n_ambiguous);
  } else if (st == KG_BAD_LIMIT) {
    kg_log(&c->log,
           KG_LOG_ERROR,
           KG_NO_CARET,
           "canonicalization stopped after %llu steps (the limit for %zu "
           "blank nodes that look alike): the blank nodes are too "
           "symmetric to label in reasonable time",
           (unsigned long long)c->limit,
           n_ambiguous);
  }

  kg_free(tmp);
  kg_free(nodes);
  return st;
}

KgStatus
kg_canonizer_digest(KgCanonizer* const    c,
                    const uint32_t* const quads,
                    const size_t          n,
                    uint8_t* const        digest)
{
  Line*          lines = NULL;
  const KgStatus st    = sorted_lines(c, quads, n, NONE, &lines);
  if (!st) {
    hash_lines(c, lines, n, digest);
  }
  kg_free(lines);
  return st;
}

KgStatus
kg_canonizer_init(KgCanonizer* const          c,
                  const KgGraph* const        graph,
                  const KgCanonOptions* const options)
{
  memset(c, 0, sizeof(*c));
  c->graph = graph;
  c->hash  = options->hash == KG_HASH_SHA384 ? &nettle_sha384 : &nettle_sha256;
  c->hash_len = nettle_of(c)->digest_size;
  c->max_work = options->max_work;
  c->log      = options->log;

  const size_t n = graph->terms.n_terms ? graph->terms.n_terms : 1U;
  c->text_start  = (uint32_t*)kg_reallocarray(NULL, n, sizeof(uint32_t));
  c->text_len    = (uint32_t*)kg_calloc(n, sizeof(uint32_t));
  c->local       = (uint32_t*)kg_calloc(n, sizeof(uint32_t));
  c->out         = (KgOut*)kg_malloc(sizeof(KgOut));
  if (!c->text_start || !c->text_len || !c->local || !c->out ||
      reserve_locals(c, 64U)) {
    kg_canonizer_fini(c);
    return KG_BAD_ALLOC;
  }

  memset(c->text_start, 0xFF, n * sizeof(uint32_t));
  kg_out_init_buffer(c->out, &c->texts);
  return KG_SUCCESS;
}

void
kg_canonizer_fini(KgCanonizer* const c)
{
  kg_free(c->text_start);
  kg_free(c->text_len);
  kg_buffer_fini(&c->texts);
  kg_free(c->out);
  kg_free(c->local);
  kg_free(c->blanks);
  kg_free(c->q_start);
  kg_free(c->q_list);
  kg_free(c->first);
  kg_free(c->label);
  kg_free(c->issued);
  kg_buffer_fini(&c->scratch);
  memset(c, 0, sizeof(*c));
}

/*
  Public API
*/

struct KgCanonImpl {
  KgCanonizer c;
};

KgStatus
kg_canon_new(const KgGraph* const        graph,
             const KgCanonOptions* const options,
             KgCanon** const             canon)
{
  *canon                = NULL;
  KgCanon* const result = (KgCanon*)kg_calloc(1U, sizeof(KgCanon));
  if (!result) {
    return KG_BAD_ALLOC;
  }

  KgStatus st = kg_canonizer_init(&result->c, graph, options);
  if (!st) {
    st = kg_canonizer_run(&result->c, NULL, graph->n_triples);
  }
  if (st) {
    kg_canon_free(result);
    return st;
  }
  *canon = result;
  return KG_SUCCESS;
}

void
kg_canon_free(KgCanon* const canon)
{
  if (canon) {
    kg_canonizer_fini(&canon->c);
    kg_free(canon);
  }
}

uint32_t
kg_canon_label(const KgCanon* const canon, const KgTermId id)
{
  return (kg_is_blank(canon->c.graph, id)) ? kg_canonizer_label(&canon->c, id)
                                           : KG_NO_LABEL;
}

uint64_t
kg_canon_work(const KgCanon* const canon)
{
  return canon->c.work;
}

KgStatus
kg_canon_write(KgCanon* const canon, FILE* const stream)
{
  KgCanonizer* const c     = &canon->c;
  const size_t       n     = c->graph->n_triples;
  Line*              lines = NULL;
  KgStatus           st    = sorted_lines(c, NULL, n, NONE, &lines);
  for (size_t i = 0U; i < n && !st; ++i) {
    if (!i || compare_lines(&lines[i - 1U], &lines[i])) {
      st = fwrite(lines[i].data, 1U, lines[i].len, stream) == lines[i].len
             ? KG_SUCCESS
             : KG_BAD_WRITE;
    }
  }
  kg_free(lines);
  if (st) {
    return st;
  }
  return (fflush(stream) || ferror(stream)) ? KG_BAD_WRITE : KG_SUCCESS;
}

/// Write `text` as a JSON string.
static bool
write_json_string(FILE* const stream, const KgStringView text)
{
  bool ok = fputc('"', stream) != EOF;
  for (size_t i = 0U; i < text.len && ok; ++i) {
    const unsigned char ch = (unsigned char)text.data[i];
    if (ch == '"' || ch == '\\') {
      ok = fprintf(stream, "\\%c", ch) > 0;
    } else if (ch < 0x20U) {
      ok = fprintf(stream, "\\u%04x", ch) > 0;
    } else {
      ok = fputc(ch, stream) != EOF;
    }
  }
  return ok && fputc('"', stream) != EOF;
}

KgStatus
kg_canon_write_map(const KgCanon* const canon, FILE* const stream)
{
  // Labels are those of the input, made unique where two documents (or
  // serd's names for [] nodes) use the same
  const KgCanonizer* const c = &canon->c;
  KgLabelSet               set;
  KgLabeler                labeler = {NULL, NULL, NULL};
  KgStatus                 st      = kg_label_set_init(&set);
  if (st || (st = kg_labeler_init(&labeler, &set, c->graph)) ||
      (st = kg_labeler_give_all(&labeler))) {
    kg_labeler_fini(&labeler);
    kg_label_set_fini(&set);
    return st;
  }

  bool ok = fputc('{', stream) != EOF;
  for (uint32_t i = 0U; i < c->n_issued && ok && !st; ++i) {
    const KgStringView label =
      kg_labeler_get(&labeler, c->blanks[c->issued[i]], &st);
    ok = fputs(i ? ",\n  " : "\n  ", stream) != EOF &&
         write_json_string(stream, label) &&
         fprintf(stream, ": \"c14n%u\"", i) > 0;
  }
  ok = ok && fputs(c->n_issued ? "\n}\n" : "}\n", stream) != EOF;

  kg_labeler_fini(&labeler);
  kg_label_set_fini(&set);
  if (st) {
    return st;
  }
  return ok && !fflush(stream) && !ferror(stream) ? KG_SUCCESS : KG_BAD_WRITE;
}
