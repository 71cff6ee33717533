// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// KgBuffer remembers its first error, as KgOut does.

#include "buffer.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <stdint.h>
#include <string.h>

Test(buffer, appends_and_formats)
{
  KgBuffer buf = KG_BUFFER_INIT;
  cr_assert_eq(kg_buffer_append_str(&buf, "ab"), KG_SUCCESS);
  cr_assert_eq(kg_buffer_append_char(&buf, 'c'), KG_SUCCESS);
  cr_assert_eq(kg_buffer_printf(&buf, "%d", 42), KG_SUCCESS);
  cr_assert_str_eq(buf.data, "abc42");
  cr_assert_eq(buf.len, 5U);
  cr_assert_eq(buf.status, KG_SUCCESS);
  kg_buffer_fini(&buf);
}

Test(buffer, the_first_error_stays_and_later_appends_do_nothing)
{
  KgBuffer buf = KG_BUFFER_INIT;
  cr_assert_eq(kg_buffer_append_str(&buf, "kept"), KG_SUCCESS);

  // More than memory can hold: the first error
  cr_assert_eq(kg_buffer_reserve(&buf, SIZE_MAX), KG_BAD_ALLOC);
  cr_assert_eq(buf.status, KG_BAD_ALLOC);

  // Every later append fails with it, and changes nothing, even the one
  // byte that would fit without growing
  cr_assert_eq(kg_buffer_append_char(&buf, 'x'), KG_BAD_ALLOC);
  cr_assert_eq(kg_buffer_append_str(&buf, "more"), KG_BAD_ALLOC);
  cr_assert_eq(kg_buffer_printf(&buf, "%s", "more"), KG_BAD_ALLOC);
  cr_assert_eq(kg_buffer_reserve(&buf, 1U), KG_BAD_ALLOC);
  cr_assert_str_eq(buf.data, "kept");
  cr_assert_eq(buf.len, 4U);

  // Clearing keeps the error; it is a fact about the text being built
  kg_buffer_clear(&buf);
  cr_assert_eq(buf.status, KG_BAD_ALLOC);

  // Stealing gives nothing and starts afresh
  cr_assert_null(kg_buffer_steal(&buf));
  cr_assert_eq(buf.status, KG_SUCCESS);
  cr_assert_null(buf.data);
  cr_assert_eq(kg_buffer_append_str(&buf, "new"), KG_SUCCESS);
  cr_assert_str_eq(buf.data, "new");
  kg_buffer_fini(&buf);
}

Test(buffer, fini_forgets_the_error)
{
  KgBuffer buf = KG_BUFFER_INIT;
  cr_assert_eq(kg_buffer_reserve(&buf, SIZE_MAX), KG_BAD_ALLOC);
  kg_buffer_fini(&buf);
  cr_assert_eq(buf.status, KG_SUCCESS);
  cr_assert_eq(kg_buffer_append_str(&buf, "ok"), KG_SUCCESS);
  cr_assert_str_eq(buf.data, "ok");
  kg_buffer_fini(&buf);
}

Test(buffer, a_zeroed_buffer_is_empty_and_well)
{
  KgBuffer buf;
  memset(&buf, 0, sizeof(buf));
  cr_assert_eq(kg_buffer_append_str(&buf, "z"), KG_SUCCESS);
  cr_assert_str_eq(kg_buffer_view(&buf).data, "z");
  kg_buffer_fini(&buf);
}
