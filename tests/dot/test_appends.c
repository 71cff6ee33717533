// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The appends of pictures (kg_dot_append_text(), kg_dot_append_tooltip(),
// kg_dot_svg_fit()) return their buffer's status: after an earlier error
// they append nothing and return it, even when they would append nothing
// anyway, so a run of them can be checked once at its end.

#include "buffer.h"
#include "dot_impl.h"

#include <kgraph/status.h>

#include <criterion/criterion.h>

#include <stdint.h>
#include <string.h>

/// A buffer holding "kept" whose next append failed.
static KgBuffer
failed_buffer(void)
{
  KgBuffer buf = KG_BUFFER_INIT;
  cr_assert_eq(kg_buffer_append_str(&buf, "kept"), KG_SUCCESS);
  cr_assert_eq(kg_buffer_reserve(&buf, SIZE_MAX), KG_BAD_ALLOC);
  return buf;
}

Test(appends, text_returns_an_earlier_error_even_for_empty_text)
{
  KgBuffer buf = failed_buffer();
  cr_assert_eq(kg_dot_append_text(&buf, KG_SV(""), 0U, false), KG_BAD_ALLOC);
  cr_assert_eq(kg_dot_append_text(&buf, KG_SV(""), 0U, true), KG_BAD_ALLOC);
  cr_assert_eq(kg_dot_append_text(&buf, KG_SV("a\\b<c>"), 0U, true),
               KG_BAD_ALLOC);
  cr_assert_str_eq(buf.data, "kept");
  kg_buffer_fini(&buf);
}

Test(appends, tooltip_returns_an_earlier_error_even_for_empty_text)
{
  KgBuffer buf = failed_buffer();
  cr_assert_eq(kg_dot_append_tooltip(&buf, KG_SV(""), 0U), KG_BAD_ALLOC);
  cr_assert_eq(kg_dot_append_tooltip(&buf, KG_SV("a\\b"), 0U), KG_BAD_ALLOC);
  cr_assert_str_eq(buf.data, "kept");
  kg_buffer_fini(&buf);
}

Test(appends, svg_fit_returns_an_earlier_error)
{
  static const char svg[] =
    "<svg width=\"10pt\" height=\"20pt\" viewBox=\"0 0 10 20\"><g/></svg>\n";
  KgBuffer buf = failed_buffer();
  cr_assert_eq(kg_dot_svg_fit(svg, strlen(svg), &buf), KG_BAD_ALLOC);
  cr_assert_str_eq(buf.data, "kept");
  kg_buffer_fini(&buf);
}

Test(appends, a_run_checked_at_its_end)
{
  KgBuffer buf = KG_BUFFER_INIT;
  kg_dot_append_text(&buf, KG_SV("a&b"), 0U, false);
  kg_dot_append_tooltip(&buf, KG_SV(" c\\d"), 0U);
  kg_dot_append_text(&buf, KG_SV(" <e>"), 0U, true);
  cr_assert_eq(buf.status, KG_SUCCESS);
  cr_assert_str_eq(buf.data, "a&amp;b c\\\\\\\\d &lt;e&gt;");
  kg_buffer_fini(&buf);
}
