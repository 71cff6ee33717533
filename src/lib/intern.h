// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_INTERN_H
#define KG_SRC_INTERN_H

#include "buffer.h"
#include "hash.h"

#include <kgraph/graph.h>
#include <kgraph/status.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/// One interned term.  Strings live in the table's arena, NUL-terminated.
typedef struct {
  const char* str;   ///< IRI, blank label, or lexical form
  uint32_t    len;   ///< Bytes in `str`
  uint32_t    hash;  ///< Low bits of the term's hash
  uint32_t    aux;   ///< Literal: datatype id; blank node: scope
  uint16_t    lang;  ///< Literal: language tag index (0: none)
  uint8_t     kind;  ///< KgTermKind
  uint8_t     flags; ///< KgTermFlag values
} KgTerm;

/// Facts about a term's text, found once when it is interned.
typedef enum {
  KG_TERM_PLAIN     = 1U << 0U, ///< N-Triples writes the text as it is
  KG_TERM_INVALID   = 1U << 1U, ///< A reader refused the text (lax mode)
  KG_TERM_GENERATED = 1U << 2U, ///< A blank node written [], named by kgraph
} KgTermFlag;

/// A block of the string arena.
typedef struct KgArenaBlock KgArenaBlock;

/// A set of terms, each stored once, behind dense ids from 1.
typedef struct {
  uint64_t      seed;       ///< Hash seed
  KgArenaBlock* blocks;     ///< String arena (newest first)
  KgTerm*       terms;      ///< Terms by id; terms[0] is unused
  uint32_t      n_terms;    ///< Number of entries in `terms`, with the unused 0
  uint32_t      terms_cap;  ///< Allocated entries of `terms`
  KgTable       table;      ///< Term ids by hash
  KgStringView* langs;      ///< Language tags by index; langs[0] is ""
  uint16_t      n_langs;    ///< Number of language tags, with the empty one
  uint16_t      langs_cap;  ///< Allocated entries of `langs`
  KgTable       lang_table; ///< Tag indices under their lower-case hash
} KgTerms;

/// The most distinct language tags a table holds (with the empty one).
#define KG_MAX_LANGS UINT16_MAX

/// Initialise `terms` (empty).  @return KG_SUCCESS or KG_BAD_ALLOC.
KG_NODISCARD KgStatus
kg_terms_init(KgTerms* terms, uint64_t seed);

/// Free everything in `terms`.
void
kg_terms_fini(KgTerms* terms);

/**
   Find or add the term (kind, text, aux, lang index).

   @param added If not NULL, set to true iff the term is new.
   @return The id, or KG_NO_TERM if memory runs out or there are too many.
*/
KgTermId
kg_terms_intern(KgTerms*     terms,
                KgTermKind   kind,
                KgStringView text,
                uint32_t     aux,
                uint16_t     lang,
                bool*        added);

/// Find the term (kind, text, aux, lang index), or return KG_NO_TERM.
KgTermId
kg_terms_find(const KgTerms* terms,
              KgTermKind     kind,
              KgStringView   text,
              uint32_t       aux,
              uint16_t       lang);

/**
   Find or add the language tag `tag`, lower-cased.

   @return Its index (from 1), or 0 if memory runs out or the table holds
   KG_MAX_LANGS tags already (kg_terms_langs_full() tells which).
*/
uint16_t
kg_terms_lang(KgTerms* terms, KgStringView tag);

/// Return the index of language tag `tag`, compared lower-cased, or 0.
uint16_t
kg_terms_find_lang(const KgTerms* terms, KgStringView tag);

/// Return true iff `terms` can hold no more language tags.
static inline bool
kg_terms_langs_full(const KgTerms* const terms)
{
  return terms->n_langs >= KG_MAX_LANGS;
}

/// Copy `len` bytes into the arena; the copy is NUL-terminated.  NULL if OOM.
char*
kg_terms_store(KgTerms* terms, const char* data, size_t len);

/// Return term `id`, which must be valid.
static inline const KgTerm*
kg_terms_get(const KgTerms* const terms, const KgTermId id)
{
  return &terms->terms[id];
}

/// Return the text of term `id` as a view.
static inline KgStringView
kg_terms_text(const KgTerms* const terms, const KgTermId id)
{
  const KgTerm* const t = &terms->terms[id];
  KgStringView        v = {t->str, t->len};
  return v;
}

/**
   Intern the IRI `iri` for a reader, checking its text (kg_iri_explain())
   if it is new.  A text refused once (in lax mode) is refused again each
   time it comes back.

   @param added Set to true iff the term is new (may be NULL).
   @param status Set to KG_BAD_ALLOC, or to the error of a refused text,
   whose message is then appended to `why`.
   @return The term, or KG_NO_TERM with `status` set.
*/
KgTermId
kg_terms_intern_iri(KgTerms*     terms,
                    KgStringView iri,
                    bool         absolute,
                    bool*        added,
                    KgBuffer*    why,
                    KgStatus*    status);

/// Entries of a KgIriCache (a power of 2).
#define KG_IRI_CACHE_SIZE 1024U

/**
   The IRIs a reader met last, by a cheap key of their text: predicates,
   classes and subjects come again and again, and a hit here saves hashing
   the whole text for the term table.
*/
typedef struct {
  KgTermId ids[KG_IRI_CACHE_SIZE];
} KgIriCache;

/// Return the slot of `text` in a KgIriCache, from its length and ends.
static inline size_t
kg_iri_cache_slot(const KgStringView text)
{
  uint64_t     head = 0U;
  uint64_t     tail = 0U;
  const size_t n    = text.len < 8U ? text.len : 8U;
  if (n) {
    memcpy(&head, text.data, n);
    memcpy(&tail, text.data + text.len - n, n);
  }
  return (size_t)kg_hash_u64(head ^ (tail * 0x9E3779B97F4A7C15ULL) ^ text.len) &
         (KG_IRI_CACHE_SIZE - 1U);
}

/// Return the IRI in `slot` of `cache` if its text is `text`, or 0.
static inline KgTermId
kg_iri_cache_find(const KgIriCache* const cache,
                  const KgTerms* const    terms,
                  const size_t            slot,
                  const KgStringView      text)
{
  const KgTermId id = cache->ids[slot];
  if (id) {
    const KgTerm* const t = &terms->terms[id];
    if (t->len == text.len && !memcmp(t->str, text.data, text.len)) {
      return id;
    }
  }
  return KG_NO_TERM;
}

#endif // KG_SRC_INTERN_H
