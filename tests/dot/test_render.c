// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph render (and the picture options of export), through kg_cli_main():
// formats, engines, and the limits that refuse pictures too big.

#include "dot_support.h"
#include "support.h"

#include "cli.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char* const small =
  "@prefix ex: <http://example.org/r#> .\n"
  "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
  "ex:a rdfs:label \"Alpha\" ; ex:knows ex:b ; ex:year \"2024\" .\n"
  "ex:b rdfs:label \"Beta & <Gamma>\" ; ex:knows ex:c .\n"
  "ex:c ex:knows ex:a .\n";

/// Write `small` to a file in a fresh directory; return the directory.
static const char*
setup(void)
{
  const char* const dir = tmp_dir();
  write_file(path_in(dir, "small.ttl"), small);
  return dir;
}

/// Write a chain of `n` nodes (n - 1 triples) to `dir/chain-N.ttl`.
static const char*
write_chain(const char* const dir, const unsigned n)
{
  char name[64];
  snprintf(name, sizeof(name), "chain-%u.ttl", n);
  const char* const path = path_in(dir, name);
  FILE* const       f    = fopen(path, "wb");
  cr_assert_not_null(f);
  fputs("@prefix ex: <http://example.org/chain#> .\n", f);
  for (unsigned i = 1U; i < n; ++i) {
    fprintf(f, "ex:n%u ex:next ex:n%u .\n", i, i + 1U);
  }
  cr_assert_eq(fclose(f), 0);
  return path;
}

/// Return the bytes of the file at `path` (free()), asserting it exists.
static char*
bytes_of(const char* const path, size_t* const len)
{
  char* const data = dot_read_all(path, len);
  cr_assert_not_null(data, "no file %s", path);
  return data;
}

static void
assert_svg(const char* const data, const size_t len)
{
  cr_assert_gt(len, 100U);
  cr_assert(!strncmp(data, "<?xml", 5U) || !strncmp(data, "<svg", 4U),
            "not SVG: %.40s",
            data);
  cr_assert_not_null(strstr(data, "<svg"));
  cr_assert_not_null(strstr(data, "</svg>"));
}

static void
assert_png(const char* const data, const size_t len)
{
  cr_assert_gt(len, 8U);
  cr_assert(!memcmp(data, "\x89PNG\r\n\x1a\n", 8U), "not PNG");
}

static void
assert_pdf(const char* const data, const size_t len)
{
  cr_assert_gt(len, 5U);
  cr_assert(!memcmp(data, "%PDF-", 5U), "not PDF: %.8s", data);
}

/*
  Formats

  Graphviz 2.43 reads freed memory when a second graph is laid out in the
  same process (its pango plugin keeps a pointer to the last font name), so
  each test renders at most once: parameterized tests run each case in a
  process of its own.
*/

Test(render, svg_to_standard_output)
{
  const char* const dir = setup();
  Run r = run("render", "-T", "svg", path_in(dir, "small.ttl"), NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_empty(r.err);
  assert_svg(r.out, strlen(r.out));
  // Texts are in it, escaped for XML
  cr_assert_not_null(strstr(r.out, "Beta &amp; &lt;Gamma&gt;"), "%s", r.out);
  run_free(&r);
}

Test(render, svg_is_the_default)
{
  const char* const dir = setup();
  Run               r   = run("render", path_in(dir, "small.ttl"), NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  assert_svg(r.out, strlen(r.out));
  run_free(&r);
}

/// Check that `data` is in `format` ("svg", "png" or "pdf").
static void
assert_format(const char* const format, const char* const data, size_t len)
{
  if (!strcmp(format, "svg")) {
    assert_svg(data, len);
  } else if (!strcmp(format, "png")) {
    assert_png(data, len);
  } else {
    assert_pdf(data, len);
  }
}

/// Formats by option or file name: the argument and the format it means.
static const struct {
  const char* arg;
  const char* format;
} formats[] = {
  {"svg", "svg"},
  {"png", "png"},
  {"pdf", "pdf"},
  {"PNG", "png"},
};

#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

ParameterizedTestParameters(render, each_format_by_option)
{
  static size_t cases[N_FORMATS];
  for (size_t i = 0U; i < N_FORMATS; ++i) {
    cases[i] = i;
  }
  return cr_make_param_array(size_t, cases, N_FORMATS);
}

ParameterizedTest(size_t* const i, render, each_format_by_option)
{
  const char* const dir = setup();
  char              out[1024];
  snprintf(out, sizeof(out), "%s", path_in(dir, "out.bin"));
  Run r = run("render",
              "-T",
              formats[*i].arg,
              "-o",
              out,
              path_in(dir, "small.ttl"),
              NULL);
  cr_assert_eq(r.status, 0, "-T %s: %s", formats[*i].arg, r.err);
  cr_assert_str_empty(r.err);
  cr_assert_str_empty(r.out);
  size_t      len  = 0U;
  char* const data = bytes_of(out, &len);
  assert_format(formats[*i].format, data, len);
  free(data);
  run_free(&r);
}

ParameterizedTestParameters(render, format_from_the_output_extension)
{
  static size_t cases[N_FORMATS];
  for (size_t i = 0U; i < N_FORMATS; ++i) {
    cases[i] = i;
  }
  return cr_make_param_array(size_t, cases, N_FORMATS);
}

ParameterizedTest(size_t* const i, render, format_from_the_output_extension)
{
  const char* const dir = setup();
  char              name[32];
  snprintf(name, sizeof(name), "picture.%s", formats[*i].arg);
  char out[1024];
  snprintf(out, sizeof(out), "%s", path_in(dir, name));
  Run r = run("render", "-o", out, path_in(dir, "small.ttl"), NULL);
  cr_assert_eq(r.status, 0, "%s: %s", name, r.err);
  cr_assert_str_empty(r.out);
  size_t      len  = 0U;
  char* const data = bytes_of(out, &len);
  assert_format(formats[*i].format, data, len);
  free(data);
  run_free(&r);
}

Test(render, format_option_wins_over_the_extension)
{
  const char* const dir = setup();
  char              out[1024];
  snprintf(out, sizeof(out), "%s", path_in(dir, "really.svg"));
  Run r =
    run("render", "-T", "png", "-o", out, path_in(dir, "small.ttl"), NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  size_t      len  = 0U;
  char* const data = bytes_of(out, &len);
  assert_png(data, len);
  free(data);
  run_free(&r);
}

static const char* const engines[] = {"dot", "sfdp", "neato"};

ParameterizedTestParameters(render, engines)
{
  static size_t cases[3];
  for (size_t i = 0U; i < 3U; ++i) {
    cases[i] = i;
  }
  return cr_make_param_array(size_t, cases, 3U);
}

ParameterizedTest(size_t* const i, render, engines)
{
  const char* const dir = setup();
  Run r = run("render", "-K", engines[*i], path_in(dir, "small.ttl"), NULL);
  cr_assert_eq(r.status, 0, "-K %s: %s", engines[*i], r.err);
  cr_assert_str_empty(r.err);
  assert_svg(r.out, strlen(r.out));
  run_free(&r);
}

/*
  Usage errors
*/

Test(render, unknown_format_or_engine_is_a_usage_error)
{
  const char* const dir = setup();
  const char* const in  = path_in(dir, "small.ttl");
  char              out[1024];
  snprintf(out, sizeof(out), "%s", path_in(dir, "out.svg"));

  Run r = run("render", "-T", "bmp", "-o", out, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert_not_null(strstr(r.err, "'bmp'"), "%s", r.err);
  cr_assert_str_empty(r.out);
  run_free(&r);

  r = run("render", "-K", "circo", "-o", out, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert_not_null(strstr(r.err, "'circo'"), "%s", r.err);
  run_free(&r);

  // An extension that names no picture format, without -T
  char txt[1024];
  snprintf(txt, sizeof(txt), "%s", path_in(dir, "out.txt"));
  r = run("render", "-o", txt, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  run_free(&r);

  // Picture options are for pictures
  r = run("export", "--to", "ntriples", "--focus", "ex:a", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  run_free(&r);

  r = run("render", "--literals", "rows", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  run_free(&r);

  r = run("render", "--max-nodes", "many", in, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  run_free(&r);

  cr_assert(!exists(out));
  cr_assert(!exists(txt));
}

/*
  Limits
*/

// The limits count nodes and edges together: 2n - 1 for a chain of n

Test(render, dot_is_refused_above_3000_nodes_and_edges, .timeout = 60)
{
  const char* const dir = tmp_dir();
  char              in[1024];
  snprintf(in, sizeof(in), "%s", write_chain(dir, 2001U));
  char out[1024];
  snprintf(out, sizeof(out), "%s", path_in(dir, "big.svg"));

  Run r = run("render", "-K", "dot", "-o", out, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert_not_null(strstr(r.err, "2,001 nodes"), "%s", r.err);
  cr_assert_not_null(strstr(r.err, "sfdp"), "%s", r.err);
  cr_assert_not_null(strstr(r.err, "--focus"), "%s", r.err);
  cr_assert(!exists(out), "output left behind");
  run_free(&r);

  // The library says KG_BAD_LIMIT
  KgGraph* const      g     = kg_graph_new();
  const KgReadOptions ropts = {KG_SYNTAX_TURTLE, NULL, 0U, {NULL, NULL}};
  cr_assert_eq(kg_graph_read_file(g, in, &ropts), KG_SUCCESS);
  Messages             m     = {{0}, 0U, 0U, 0U};
  const KgWriteOptions wopts = {KG_SYNTAX_DOT, {capture, &m}, 0U, NULL};
  FILE* const          sink  = fopen("/dev/null", "wb");
  cr_assert_not_null(sink);
  cr_assert_eq(kg_graph_render(g, sink, "svg", "dot", &wopts, NULL),
               KG_BAD_LIMIT);
  cr_assert_not_null(
    strstr(m.text, "too many for the dot engine"), "%s", m.text);
  fclose(sink);
  kg_graph_free(g);
}

Test(render, sfdp_is_chosen_above_1000_nodes_and_edges, .timeout = 60)
{
  const char* const dir = tmp_dir();
  char              in[1024];
  snprintf(in, sizeof(in), "%s", write_chain(dir, 1001U));
  char out[1024];
  snprintf(out, sizeof(out), "%s", path_in(dir, "big.svg"));

  Run r = run("render", "-o", out, in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_not_null(strstr(r.err, "note:"), "no note: '%s'", r.err);
  cr_assert_not_null(strstr(r.err, "sfdp"), "%s", r.err);
  cr_assert_not_null(strstr(r.err, "1001"), "%s", r.err);
  size_t      len  = 0U;
  char* const data = bytes_of(out, &len);
  assert_svg(data, len);
  cr_assert_not_null(strstr(data, "ex:n1001"));
  free(data);
  run_free(&r);
}

Test(render, quiet_keeps_the_note_of_the_engine_quiet, .timeout = 60)
{
  const char* const dir = tmp_dir();
  char              in[1024];
  snprintf(in, sizeof(in), "%s", write_chain(dir, 1001U));
  Run r = run("render", "-q", in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  assert_svg(r.out, strlen(r.out));
  cr_expect_str_empty(r.err, "-q ('print errors only') printed: %s", r.err);
  run_free(&r);
}

Test(render, dot_is_kept_up_to_1000_nodes_and_edges, .timeout = 60)
{
  const char* const dir = tmp_dir();
  char              in[1024];
  snprintf(in, sizeof(in), "%s", write_chain(dir, 500U)); // 999 together
  Run r = run("render", in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_empty(r.err);
  assert_svg(r.out, strlen(r.out));
  run_free(&r);
}

Test(render, max_nodes_refuses_and_leaves_no_output)
{
  const char* const dir = setup();
  const char* const in  = path_in(dir, "small.ttl");
  char              out[1024];
  snprintf(out, sizeof(out), "%s", path_in(dir, "refused.svg"));

  Run r = run("render", "--max-nodes", "2", "-o", out, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert_not_null(strstr(r.err, "--focus"), "%s", r.err);
  cr_assert_str_empty(r.out);
  cr_assert(!exists(out), "output left behind");
  run_free(&r);

  // A file already there is left as it was
  write_file(out, "before");
  r = run("render", "--max-nodes", "2", "-o", out, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT);
  char* const before = read_file(out);
  cr_assert_str_eq(before, "before");
  free(before);
  run_free(&r);

  // Enough nodes allowed: drawn
  r = run("render", "--max-nodes", "3", "-o", out, in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  size_t      len  = 0U;
  char* const data = bytes_of(out, &len);
  assert_svg(data, len);
  free(data);
  run_free(&r);

  // The same refusal from export --to dot
  char dot[1024];
  snprintf(dot, sizeof(dot), "%s", path_in(dir, "refused.dot"));
  r = run("export", "--to", "dot", "--max-nodes", "2", "-o", dot, in, NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert_not_null(strstr(r.err, "--focus"), "%s", r.err);
  cr_assert(!exists(dot));
  run_free(&r);
}

Test(render, focus_errors_are_reported)
{
  const char* const dir = setup();
  const char* const in  = path_in(dir, "small.ttl");
  Run               r   = run("render", "--focus", "Nobody", in, NULL);
  cr_assert_neq(r.status, 0);
  cr_assert_not_null(strstr(r.err, "'Nobody'"), "%s", r.err);
  cr_assert_str_empty(r.out);
  run_free(&r);

  r = run("render", "--focus", "Alpha", "--depth", "0", in, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_not_null(strstr(r.out, "Alpha"));
  cr_assert_null(strstr(r.out, "Gamma"));
  run_free(&r);
}

Test(render, help_lists_the_options)
{
  Run r = run("render", "--help", NULL);
  cr_assert_eq(r.status, 0);
  static const char* const options[] = {"-T ",
                                        "-K ",
                                        "--output",
                                        "--lang",
                                        "--literals",
                                        "--max-label",
                                        "--focus",
                                        "--depth",
                                        "--cluster-by",
                                        "--exclude",
                                        "--max-nodes",
                                        "--max-size",
                                        "--max-rows",
                                        "--style"};
  for (size_t i = 0U; i < sizeof(options) / sizeof(options[0]); ++i) {
    cr_assert_not_null(strstr(r.out, options[i]), "%s", options[i]);
  }
  run_free(&r);
}

Test(render, literals_of_blank_nodes_are_drawn)
{
  // Graphviz errors inside the layout must not pass silently
  Run r = run("render", data_path("dot/blanks.ttl"), NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  assert_svg(r.out, strlen(r.out));
  cr_expect_not_null(strstr(r.out, ">Other lab<"),
                     "the literals of a blank node are missing from the SVG");
  cr_expect_not_null(strstr(r.out, ">Ann<"),
                     "the literals of a blank node are missing from the SVG");
  // Shown text follows an attribute (<text ...>); a node's tooltip does not
  cr_expect_null(strstr(r.out, "\">_:b"),
                 "a blank node is shown with its made-up name");
  run_free(&r);
}

Test(render, export_takes_the_picture_options)
{
  // --style and --ontology, as files
  Run r = run("export",
              "--to",
              "dot",
              "--style",
              data_path("dot/hierarchy-style.ttl"),
              "--ontology",
              data_path("dot/hierarchy-ontology.ttl"),
              data_path("dot/hierarchy.ttl"),
              NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_empty(r.err);
  cr_assert_not_null(strstr(r.out, "#444444"), "%s", r.out);
  cr_assert_not_null(strstr(r.out, "cluster_legend"), "%s", r.out);
  run_free(&r);

  // --exclude, repeated; --no-legend; --literals
  r = run("export",
          "--to",
          "dot",
          "--exclude",
          "ex:rel",
          "--exclude",
          "rdfs:label",
          "--literals",
          "none",
          "--no-legend",
          data_path("dot/literals.ttl"),
          NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_null(strstr(r.out, "->"), "%s", r.out);
  cr_assert_null(strstr(r.out, "Alpha"), "%s", r.out);
  cr_assert_null(strstr(r.out, "2024"), "%s", r.out);
  run_free(&r);

  // --lang, --max-label, --focus, --depth, --cluster-by
  r = run("export",
          "--to",
          "dot",
          "--lang",
          "fr",
          "--max-label",
          "4",
          "--focus",
          "ex:all",
          "--depth",
          "1",
          data_path("dot/labels.ttl"),
          NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_not_null(strstr(r.out, "Tout…"), "%s", r.out);
  cr_assert_null(strstr(r.out, "labels#schema\""), "%s", r.out);
  run_free(&r);

  r = run("export",
          "--to",
          "dot",
          "--cluster-by",
          "ex:worksFor",
          data_path("dot/cluster.ttl"),
          NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_not_null(strstr(r.out, "subgraph cluster_"), "%s", r.out);
  run_free(&r);

  // Bad values
  r = run("export", "--to", "dot", "--lang", "not a tag", "x.ttl", NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  run_free(&r);
  r = run("export", "--to", "dot", "--depth", "-1", "x.ttl", NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  run_free(&r);
}
