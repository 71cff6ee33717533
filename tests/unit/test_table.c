// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The one open-addressing hash table (hash.h), which terms and triples use.

#include "hash.h"
#include "intern.h"

#include <kgraph/status.h>

#include <criterion/criterion.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/// Return the slot holding `value` under hash `h`, or SIZE_MAX.
static size_t
find(const KgTable* const table, const uint32_t h, const uint32_t value)
{
  const size_t i = kg_table_find(table, h, kg_table_is_value, &value);
  return table->slots[i] ? i : SIZE_MAX;
}

/// Add `value` under hash `h` as the graph and the terms do.
static void
add(KgTable* const table, const size_t n, const uint32_t h, const uint32_t v)
{
  cr_assert_eq(find(table, h, v), SIZE_MAX);
  cr_assert_eq(kg_table_reserve(table, n + 1U), KG_SUCCESS);
  kg_table_set(table, kg_table_free_slot(table, h), h, v);
}

Test(table, grows_and_keeps_every_value)
{
  KgTable table = {NULL, 0U};
  cr_assert_eq(kg_table_init(&table, 8U), KG_SUCCESS);
  cr_assert_eq(table.mask, 7U);

  // Hashes that collide (few distinct) and values that do not
  const uint32_t n = 5000U;
  for (uint32_t v = 1U; v <= n; ++v) {
    add(&table, v - 1U, (v * 2654435761U) % 97U, v);
    cr_assert_leq((size_t)v * 4U, (table.mask + 1U) * 3U);
  }
  cr_assert_eq(table.mask + 1U, 8192U);
  for (uint32_t v = 1U; v <= n; ++v) {
    cr_assert_neq(find(&table, (v * 2654435761U) % 97U, v), SIZE_MAX);
  }
  cr_assert_eq(find(&table, 1U, n + 1U), SIZE_MAX);

  kg_table_clear(&table);
  cr_assert_eq(table.mask + 1U, 8192U);
  for (size_t i = 0U; i <= table.mask; ++i) {
    cr_assert_eq(table.slots[i], 0U);
  }
  kg_table_fini(&table);
  cr_assert_null(table.slots);
  kg_table_fini(&table); // Twice does nothing
}

Test(table, keeps_the_hash_and_the_value_of_a_slot)
{
  KgTable table = {NULL, 0U};
  cr_assert_eq(kg_table_init(&table, 4U), KG_SUCCESS);
  kg_table_set(&table, 2U, 0xFFFFFFFFU, 0xFFFFFFFEU);
  cr_assert_eq(kg_slot_hash(table.slots[2]), 0xFFFFFFFFU);
  cr_assert_eq(kg_slot_value(table.slots[2]), 0xFFFFFFFEU);
  cr_assert_eq(kg_table_free_slot(&table, 2U), 3U);
  cr_assert_eq(kg_table_free_slot(&table, 1U), 1U);
  kg_table_fini(&table);
}

Test(table, language_tags_found_whatever_their_case)
{
  KgTerms terms;
  cr_assert_eq(kg_terms_init(&terms, 0U), KG_SUCCESS);
  char tag[16];
  // Enough tags to grow the table a few times
  for (unsigned i = 0U; i < 200U; ++i) {
    const int len = snprintf(tag, sizeof(tag), "EN-x%u", i);
    cr_assert(len > 0);
    const KgStringView view = {tag, (size_t)len};
    cr_assert_eq(kg_terms_find_lang(&terms, view), 0U);
    const uint16_t lang = kg_terms_lang(&terms, view);
    cr_assert_eq(lang, i + 1U);
    tag[0] = 'e';
    tag[1] = 'n';
    cr_assert_eq(kg_terms_lang(&terms, view), lang);
    cr_assert_eq(kg_terms_find_lang(&terms, view), lang);
    cr_assert_eq(terms.langs[lang].len, (size_t)len);
    cr_assert(!memcmp(terms.langs[lang].data, tag, (size_t)len));
  }
  for (unsigned i = 0U; i < 200U; ++i) {
    const int          len  = snprintf(tag, sizeof(tag), "En-X%u", i);
    const KgStringView view = {tag, (size_t)len};
    cr_assert_eq(kg_terms_find_lang(&terms, view), i + 1U);
  }
  cr_assert_eq(terms.n_langs, 201U);
  cr_assert_eq(kg_terms_lang(&terms, KG_SV("")), 0U);
  cr_assert_eq(kg_terms_find_lang(&terms, KG_SV("de")), 0U);
  kg_terms_fini(&terms);
}
