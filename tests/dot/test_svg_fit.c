// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kg_dot_svg_fit(): the root element of Graphviz's SVG fits its window,
// and every other byte stays as it was.

#include "buffer.h"
#include "dot_impl.h"

#include <criterion/criterion.h>

#include <string.h>

static const char* const head =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
  "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\"\n"
  " \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
  "<!-- Title: kgraph Pages: 1 -->\n";

static const char* const body =
  "<g id=\"graph0\" class=\"graph\" transform=\"scale(1 1)\">\n"
  "<polygon fill=\"white\" stroke=\"transparent\" points=\"-4,4 -4,-80 "
  "92,-80 92,4 -4,4\"/>\n"
  "<g id=\"n1\" class=\"node\"><title>a</title>\n"
  "<svg width=\"10pt\" height=\"10pt\"/>\n"
  "<text x=\"1\" y=\"2\" width=\"3\">x</text></g>\n"
  "</g>\n"
  "</svg>\n";

static char*
fit(const char* const svg)
{
  KgBuffer out = KG_BUFFER_INIT;
  cr_assert_eq(kg_dot_svg_fit(svg, strlen(svg), &out), KG_SUCCESS);
  return kg_buffer_steal(&out);
}

static char*
join(const char* const a, const char* const b, const char* const c)
{
  KgBuffer out = KG_BUFFER_INIT;
  cr_assert_eq(kg_buffer_append_str(&out, a), KG_SUCCESS);
  cr_assert_eq(kg_buffer_append_str(&out, b), KG_SUCCESS);
  cr_assert_eq(kg_buffer_append_str(&out, c), KG_SUCCESS);
  return kg_buffer_steal(&out);
}

Test(svg_fit, root_width_and_height_only)
{
  char* const in =
    join(head,
         "<svg width=\"96pt\" height=\"84pt\"\n viewBox=\"0.00 0.00 96.00 "
         "84.00\" xmlns=\"http://www.w3.org/2000/svg\">\n",
         body);
  char* const expected =
    join(head,
         "<svg width=\"100%\" height=\"100%\"\n viewBox=\"0.00 0.00 96.00 "
         "84.00\" xmlns=\"http://www.w3.org/2000/svg\" "
         "preserveAspectRatio=\"xMidYMid meet\">\n",
         body);
  char* const out = fit(in);
  cr_assert_str_eq(out, expected);
  kg_free(out);
  kg_free(expected);
  kg_free(in);
}

Test(svg_fit, kept_aspect_is_not_repeated)
{
  char* const in = join(head,
                        "<svg preserveAspectRatio=\"none\" height=\"84pt\" "
                        "width=\"96pt\" viewBox=\"0 0 96 84\">\n",
                        body);
  char* const expected = join(head,
                              "<svg preserveAspectRatio=\"none\" "
                              "height=\"100%\" width=\"100%\" viewBox=\"0 0 "
                              "96 84\">\n",
                              body);
  char* const out = fit(in);
  cr_assert_str_eq(out, expected);
  kg_free(out);
  kg_free(expected);
  kg_free(in);
}

Test(svg_fit, without_a_view_box_nothing_changes)
{
  char* const in =
    join(head, "<svg width=\"96pt\" height=\"84pt\">\n", body);
  char* const out = fit(in);
  cr_assert_str_eq(out, in);
  kg_free(out);
  kg_free(in);

  const char* const none = "not svg at all";
  char* const       same = fit(none);
  cr_assert_str_eq(same, none);
  kg_free(same);
}
