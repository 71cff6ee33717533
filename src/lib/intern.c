// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "intern.h"

#include "alloc.h"
#include "hash.h"
#include "iri.h"

#include <kgraph/graph.h>

#include <stdint.h>
#include <string.h>

/// The first arena block is this big; each next one twice the last, up to
/// MAX_BLOCK_SIZE, so that a big graph's strings lie in few blocks, each
/// big enough for huge pages (alloc.c).
#define BLOCK_SIZE ((size_t)1U << 20U)

/// The largest arena block, unless one string needs more.
#define MAX_BLOCK_SIZE ((size_t)64U << 20U)

struct KgArenaBlock {
  KgArenaBlock* next; ///< Older block
  size_t        used; ///< Bytes used in `data`
  size_t        size; ///< Bytes in `data`
  char          data[];
};

KgStatus
kg_terms_init(KgTerms* const terms, const uint64_t seed)
{
  memset(terms, 0, sizeof(*terms));
  terms->seed      = seed;
  terms->terms_cap = 1024U;
  terms->terms     = (KgTerm*)kg_calloc(terms->terms_cap, sizeof(KgTerm));
  terms->n_terms   = 1U;

  const KgStatus table_st = kg_table_init(&terms->table, 2048U);
  const KgStatus langs_st = kg_table_init(&terms->lang_table, 16U);

  terms->langs_cap = 8U;
  terms->langs =
    (KgStringView*)kg_calloc(terms->langs_cap, sizeof(KgStringView));
  terms->n_langs = 1U;

  if (!terms->terms || table_st || langs_st || !terms->langs) {
    kg_terms_fini(terms);
    return KG_BAD_ALLOC;
  }

  terms->langs[0] = KG_SV("");
  return KG_SUCCESS;
}

void
kg_terms_fini(KgTerms* const terms)
{
  for (KgArenaBlock* b = terms->blocks; b;) {
    KgArenaBlock* const next = b->next;
    kg_free(b);
    b = next;
  }

  kg_free(terms->terms);
  kg_table_fini(&terms->table);
  kg_table_fini(&terms->lang_table);
  kg_free(terms->langs);
  memset(terms, 0, sizeof(*terms));
}

char*
kg_terms_store(KgTerms* const terms, const char* const data, const size_t len)
{
  if (len >= SIZE_MAX - sizeof(KgArenaBlock) - BLOCK_SIZE) {
    return NULL;
  }

  KgArenaBlock* block = terms->blocks;
  if (!block || block->size - block->used < len + 1U) {
    if (len + 1U > BLOCK_SIZE / 4U) {
      // A big string gets a block of its own, behind the current one
      KgArenaBlock* const own =
        (KgArenaBlock*)kg_malloc(sizeof(KgArenaBlock) + len + 1U);
      if (!own) {
        return NULL;
      }

      own->size = own->used = len + 1U;
      if (block) {
        own->next   = block->next;
        block->next = own;
      } else {
        own->next     = NULL;
        terms->blocks = own;
      }
      if (len) {
        memcpy(own->data, data, len);
      }
      own->data[len] = '\0';
      return own->data;
    }

    // The newest block is the last shared one (a big string's own block
    // goes behind it), unless it is the only block
    const size_t size = !block || block->size < BLOCK_SIZE   ? BLOCK_SIZE
                        : block->size >= MAX_BLOCK_SIZE / 2U ? MAX_BLOCK_SIZE
                                                             : block->size * 2U;
    block             = (KgArenaBlock*)kg_malloc(sizeof(KgArenaBlock) + size);
    if (!block) {
      return NULL;
    }
    block->next   = terms->blocks;
    block->used   = 0U;
    block->size   = size;
    terms->blocks = block;
  }

  char* const copy = block->data + block->used;
  if (len) {
    memcpy(copy, data, len);
  }
  copy[len] = '\0';
  block->used += len + 1U;
  return copy;
}

static uint64_t
term_hash(const KgTerms* const terms,
          const KgTermKind     kind,
          const KgStringView   text,
          const uint32_t       aux,
          const uint16_t       lang)
{
  const uint64_t salt =
    ((uint64_t)kind << 56U) ^ ((uint64_t)lang << 40U) ^ (uint64_t)aux;
  return kg_hash(text.data, text.len, terms->seed ^ kg_hash_u64(salt));
}

static inline bool
term_matches(const KgTerm* const t,
             const KgTermKind    kind,
             const KgStringView  text,
             const uint32_t      aux,
             const uint16_t      lang)
{
  return t->kind == kind && t->len == text.len && t->aux == aux &&
         t->lang == lang && (!text.len || !memcmp(t->str, text.data, text.len));
}

/// A term sought in the table of the terms.
typedef struct {
  const KgTerms* terms;
  KgTermKind     kind;
  KgStringView   text;
  uint32_t       aux;
  uint16_t       lang;
} TermKey;

/// Return true iff term `id` is the one `key` seeks.
static inline bool
is_term(const void* const key, const uint32_t id)
{
  const TermKey* const k = (const TermKey*)key;
  return term_matches(&k->terms->terms[id], k->kind, k->text, k->aux, k->lang);
}

KgTermId
kg_terms_find(const KgTerms* const terms,
              const KgTermKind     kind,
              const KgStringView   text,
              const uint32_t       aux,
              const uint16_t       lang)
{
  const TermKey  key = {terms, kind, text, aux, lang};
  const uint32_t h   = (uint32_t)term_hash(terms, kind, text, aux, lang);
  return kg_slot_value(
    terms->table.slots[kg_table_find(&terms->table, h, is_term, &key)]);
}

/// Bytes that N-Triples escapes: 1 in IRIs, 2 in literals.
static const uint8_t escaped[256] = {
  3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, // 0x00
  3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, // 0x10
  1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 0x20: space "
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, // 0x30: < >
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 0x40
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 1, 0, // 0x50: \ ^
  1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 0x60: `
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 2, // 0x70: { | } DEL
};

static bool
is_plain(const KgTermKind kind, const KgStringView text)
{
  const uint8_t mask = kind == KG_TERM_IRI ? 1U : 2U;
  for (size_t i = 0U; i < text.len; ++i) {
    if (escaped[(unsigned char)text.data[i]] & mask) {
      return false;
    }
  }
  return true;
}

KgTermId
kg_terms_intern(KgTerms* const     terms,
                const KgTermKind   kind,
                const KgStringView text,
                const uint32_t     aux,
                const uint16_t     lang,
                bool* const        added)
{
  if (added) {
    *added = false;
  }

  if (text.len > UINT32_MAX - 1U) {
    return KG_NO_TERM;
  }

  const TermKey  key   = {terms, kind, text, aux, lang};
  const uint32_t h     = (uint32_t)term_hash(terms, kind, text, aux, lang);
  KgTable* const table = &terms->table;
  size_t         i     = kg_table_find(table, h, is_term, &key);
  const KgTermId found = kg_slot_value(table->slots[i]);
  if (found) {
    return found;
  }

  // Not found: add it, growing the table first if it would get too full
  if (terms->n_terms == UINT32_MAX) {
    return KG_NO_TERM;
  }

  if (terms->n_terms == terms->terms_cap) {
    const uint32_t cap =
      terms->terms_cap > UINT32_MAX / 2U ? UINT32_MAX : terms->terms_cap * 2U;
    KgTerm* const new_terms =
      (KgTerm*)kg_reallocarray(terms->terms, cap, sizeof(KgTerm));
    if (!new_terms) {
      return KG_NO_TERM;
    }
    terms->terms     = new_terms;
    terms->terms_cap = cap;
  }

  const char* const str = kg_terms_store(terms, text.data, text.len);
  if (!str) {
    return KG_NO_TERM;
  }

  const size_t n_slots = table->mask + 1U;
  if (kg_table_reserve(table, (size_t)terms->n_terms + 1U)) {
    return KG_NO_TERM; // The copied string stays in the arena, unused
  }
  if (table->mask + 1U != n_slots) {
    i = kg_table_free_slot(table, h);
  }

  const KgTermId id = terms->n_terms++;
  KgTerm* const  t  = &terms->terms[id];
  t->str            = str;
  t->len            = (uint32_t)text.len;
  t->hash           = h;
  t->aux            = aux;
  t->lang           = lang;
  t->kind           = (uint8_t)kind;
  t->flags =
    (kind != KG_TERM_BLANK && is_plain(kind, text)) ? KG_TERM_PLAIN : 0U;
  kg_table_set(table, i, h, id);
  if (added) {
    *added = true;
  }
  return id;
}

static inline char
ascii_lower(const char c)
{
  return (c >= 'A' && c <= 'Z') ? (char)(c + ('a' - 'A')) : c;
}

/// Hash language tag `tag` as if it were lower-cased.
static uint64_t
hash_lang(const KgTerms* const terms, const KgStringView tag)
{
  uint64_t h = terms->seed ^ tag.len;
  for (size_t i = 0U; i < tag.len; i += 8U) {
    uint64_t chunk = 0U;
    for (size_t j = i; j < tag.len && j < i + 8U; ++j) {
      chunk = (chunk << 8U) | (unsigned char)ascii_lower(tag.data[j]);
    }
    h = kg_hash_u64(h ^ chunk);
  }
  return h;
}

/// Return true iff stored (lower-case) tag `l` is `tag` lower-cased.
static bool
lang_equals(const KgStringView l, const KgStringView tag)
{
  if (l.len != tag.len) {
    return false;
  }
  size_t j = 0U;
  while (j < l.len && l.data[j] == ascii_lower(tag.data[j])) {
    ++j;
  }
  return j == l.len;
}

/// A language tag sought in the table of the tags.
typedef struct {
  const KgTerms* terms;
  KgStringView   tag;
} LangKey;

/// Return true iff tag `lang` is the one `key` seeks.
static inline bool
is_lang(const void* const key, const uint32_t lang)
{
  const LangKey* const k = (const LangKey*)key;
  return lang_equals(k->terms->langs[lang], k->tag);
}

/// Return the index of `tag` (hash `h`), or 0 and in `*free` the slot for it.
static uint16_t
find_lang(const KgTerms* const terms,
          const KgStringView   tag,
          const uint32_t       h,
          size_t* const        free)
{
  const LangKey key = {terms, tag};
  *free             = kg_table_find(&terms->lang_table, h, is_lang, &key);
  return (uint16_t)kg_slot_value(terms->lang_table.slots[*free]);
}

uint16_t
kg_terms_find_lang(const KgTerms* const terms, const KgStringView tag)
{
  size_t free = 0U;
  return tag.len ? find_lang(terms, tag, (uint32_t)hash_lang(terms, tag), &free)
                 : 0U;
}

uint16_t
kg_terms_lang(KgTerms* const terms, const KgStringView tag)
{
  if (!tag.len) {
    return 0U;
  }

  const uint32_t h     = (uint32_t)hash_lang(terms, tag);
  KgTable* const table = &terms->lang_table;
  size_t         i     = 0U;
  const uint16_t found = find_lang(terms, tag, h, &i);
  if (found) {
    return found;
  }

  if (kg_terms_langs_full(terms)) {
    return 0U;
  }

  if (terms->n_langs == terms->langs_cap) {
    const uint16_t      cap = terms->langs_cap > UINT16_MAX / 2U
                                ? UINT16_MAX
                                : (uint16_t)(terms->langs_cap * 2U);
    KgStringView* const langs =
      (KgStringView*)kg_reallocarray(terms->langs, cap, sizeof(KgStringView));
    if (!langs) {
      return 0U;
    }
    terms->langs     = langs;
    terms->langs_cap = cap;
  }

  const size_t n_slots = table->mask + 1U;
  if (kg_table_reserve(table, (size_t)terms->n_langs)) {
    return 0U;
  }
  if (table->mask + 1U != n_slots) {
    i = kg_table_free_slot(table, h);
  }

  char* const copy = (char*)kg_terms_store(terms, tag.data, tag.len);
  if (!copy) {
    return 0U;
  }

  for (size_t j = 0U; j < tag.len; ++j) {
    copy[j] = ascii_lower(copy[j]);
  }

  const KgStringView view      = {copy, tag.len};
  terms->langs[terms->n_langs] = view;
  kg_table_set(table, i, h, terms->n_langs);
  return terms->n_langs++;
}

KgTermId
kg_terms_intern_iri(KgTerms* const     terms,
                    const KgStringView iri,
                    const bool         absolute,
                    bool* const        added,
                    KgBuffer* const    why,
                    KgStatus* const    status)
{
  bool           is_new = false;
  const KgTermId id = kg_terms_intern(terms, KG_TERM_IRI, iri, 0U, 0U, &is_new);
  if (added) {
    *added = is_new;
  }
  if (!id) {
    *status = KG_BAD_ALLOC;
    return KG_NO_TERM;
  }

  KgTerm* const t = &terms->terms[id];
  if (is_new || (t->flags & KG_TERM_INVALID)) {
    const KgStatus st = kg_iri_explain(why, iri, absolute);
    if (st) {
      t->flags |= KG_TERM_INVALID;
      *status = st;
      return KG_NO_TERM;
    }
  }
  return id;
}
