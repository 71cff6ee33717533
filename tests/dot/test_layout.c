// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph render's layout, measured in the SVG it writes: the legend is one
// frame that holds its entries and nothing else under every engine (and in
// a picture of a difference), clusters are drawn by the engines that can
// and refused by the others, edge labels stand beside their edges, the
// picture has a reading aspect ratio, and the SVG fits its window.

#include "support.h"

#include "cli.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// How far an edge label's box may stand from its edge, in points: one
/// line of the labels' 8-point text and its spacing (about 10 points),
/// and 2 points of padding.
#define LABEL_BOUND 12.0

/// The reading aspect ratio: long side over short side, at most 16:9.
#define ASPECT_MAX (16.0 / 9.0 + 0.01)

typedef struct {
  double x0, y0, x1, y1;
  bool   set;
} Box;

static void
box_add(Box* const b, const double x, const double y)
{
  if (!b->set) {
    *b = (Box){x, y, x, y, true};
    return;
  }
  b->x0 = x < b->x0 ? x : b->x0;
  b->y0 = y < b->y0 ? y : b->y0;
  b->x1 = x > b->x1 ? x : b->x1;
  b->y1 = y > b->y1 ? y : b->y1;
}

static bool
box_inside(const Box inner, const Box outer)
{
  return inner.set && outer.set && inner.x0 >= outer.x0 - 0.5 &&
         inner.y0 >= outer.y0 - 0.5 && inner.x1 <= outer.x1 + 0.5 &&
         inner.y1 <= outer.y1 + 0.5;
}

static bool
box_meets(const Box a, const Box b)
{
  return a.set && b.set && a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 &&
         b.y0 <= a.y1;
}

/// Add the numbers of `text` (up to `end` or the closing quote), in pairs.
static void
add_points(Box* const b, const char* p, const char* const end)
{
  double xy[2] = {0.0, 0.0};
  int    n     = 0;
  while (p < end && *p != '"') {
    char*        stop = NULL;
    const double v    = strtod(p, &stop);
    if (stop == p) {
      ++p;
      continue;
    }
    xy[n++] = v;
    p       = stop;
    if (n == 2) {
      box_add(b, xy[0], xy[1]);
      n = 0;
    }
  }
}

/// The box of the shapes (polygons, paths, ellipses, where texts stand)
/// in [`p`, `end`).
static Box
shapes_box(const char* const begin, const char* const end)
{
  Box b = {0.0, 0.0, 0.0, 0.0, false};
  for (const char* p = begin; p && p < end; ++p) {
    if (!strncmp(p, " points=\"", 9U)) {
      add_points(&b, p + 9, end);
    } else if (!strncmp(p, " d=\"", 4U)) {
      add_points(&b, p + 4, end);
    } else if (!strncmp(p, "<text ", 6U)) {
      // Where a text stands (a node may be text only)
      const char* const x  = strstr(p, " x=\"");
      double            tx = 0.0, ty = 0.0;
      if (x && x < end && sscanf(x, " x=\"%lf\" y=\"%lf\"", &tx, &ty) == 2) {
        box_add(&b, tx, ty);
      }
    } else if (!strncmp(p, "<ellipse", 8U)) {
      double            cx = 0.0, cy = 0.0, rx = 0.0, ry = 0.0;
      const char* const c = strstr(p, "cx=\"");
      if (c && c < end &&
          sscanf(c,
                 "cx=\"%lf\" cy=\"%lf\" rx=\"%lf\" ry=\"%lf\"",
                 &cx,
                 &cy,
                 &rx,
                 &ry) == 4) {
        box_add(&b, cx - rx, cy - ry);
        box_add(&b, cx + rx, cy + ry);
      }
    }
  }
  return b;
}

/// A `<g>` element of the SVG: where it starts, ends, and its attributes.
typedef struct {
  const char* begin; ///< At "<g"
  const char* end;   ///< Just after its "</g>"
  char        id[64];
  char        cls[128];
  char        title[256];
} Group;

/// Find the next group of class `kind` ("node", "edge", "cluster") from
/// `from`; return false if there is none.
static bool
next_group(const char* const from, const char* const kind, Group* const g)
{
  char pattern[32];
  snprintf(pattern, sizeof(pattern), "class=\"%s", kind);
  for (const char* p = strstr(from, "<g id=\""); p;
       p             = strstr(p + 1, "<g id=\"")) {
    const char* const tag_end = strchr(p, '>');
    const char* const c       = strstr(p, pattern);
    if (!tag_end || !c || c > tag_end) {
      continue;
    }
    const char after = c[strlen(pattern)];
    if (after != '"' && after != ' ') {
      continue;
    }

    memset(g, 0, sizeof(*g));
    g->begin = p;
    sscanf(p, "<g id=\"%63[^\"]\"", g->id);
    sscanf(c, "class=\"%127[^\"]\"", g->cls);
    // Its end: groups nest (links are groups of their own)
    int         depth = 0;
    const char* q     = p;
    while (*q) {
      if (!strncmp(q, "<g", 2U) && (q[2] == ' ' || q[2] == '>')) {
        ++depth;
      } else if (!strncmp(q, "</g>", 4U) && --depth == 0) {
        g->end = q + 4;
        break;
      }
      ++q;
    }
    cr_assert_not_null(g->end, "unclosed group %s", g->id);
    const char* const t = strstr(p, "<title>");
    if (t && t < g->end) {
      sscanf(t, "<title>%255[^<]</title>", g->title);
    }
    return true;
  }
  return false;
}

/// Whether node group `g` is a node of the picture (id "nK"), not of the
/// legend.
static bool
is_picture_node(const Group* const g)
{
  if (g->id[0] != 'n' || !g->id[1]) {
    return false;
  }
  for (const char* p = g->id + 1; *p; ++p) {
    if (*p < '0' || *p > '9') {
      return false;
    }
  }
  return true;
}

/// Whether edge group `g` joins nodes of the picture (class "edge nA nB").
static bool
is_picture_edge(const Group* const g)
{
  return strstr(g->cls, " n") != NULL;
}

/**
   Check the legend of `svg`: exactly one cluster "cluster_legend", whose
   frame holds every legend node and edge (at least `min_entries` nodes)
   and meets no node of the picture.
*/
static void
assert_legend(const char* const svg,
              const size_t      min_entries,
              const char* const what)
{
  Group  g;
  Box    frame    = {0.0, 0.0, 0.0, 0.0, false};
  size_t n_frames = 0U;
  for (const char* p = svg; next_group(p, "cluster", &g); p = g.end) {
    if (!strcmp(g.title, "cluster_legend")) {
      ++n_frames;
      // The frame only: its first shape, before any node inside
      const char* const shape_end = strstr(g.begin, "<text");
      frame =
        shapes_box(g.begin, shape_end && shape_end < g.end ? shape_end : g.end);
    }
  }
  cr_assert_eq(n_frames, 1U, "%s: %zu legend frames", what, n_frames);
  cr_assert(frame.set, "%s: the legend has no frame", what);

  size_t n_entries = 0U;
  size_t n_nodes   = 0U;
  for (const char* p = svg; next_group(p, "node", &g); p = g.end) {
    const Box b = shapes_box(g.begin, g.end);
    if (is_picture_node(&g)) {
      ++n_nodes;
      cr_assert(!box_meets(b, frame),
                "%s: node %s (%s) stands in the legend",
                what,
                g.id,
                g.title);
    } else {
      ++n_entries;
      cr_assert(box_inside(b, frame),
                "%s: legend entry %s (%s) outside the legend frame "
                "[%.1f %.1f %.1f %.1f] in [%.1f %.1f %.1f %.1f]",
                what,
                g.id,
                g.title,
                b.x0,
                b.y0,
                b.x1,
                b.y1,
                frame.x0,
                frame.y0,
                frame.x1,
                frame.y1);
    }
  }
  for (const char* p = svg; next_group(p, "edge", &g); p = g.end) {
    const Box b = shapes_box(g.begin, g.end);
    if (is_picture_edge(&g)) {
      cr_assert(
        !box_inside(b, frame), "%s: edge %s in the legend", what, g.title);
    } else {
      cr_assert(
        box_inside(b, frame), "%s: legend edge %s outside", what, g.title);
    }
  }
  cr_assert_geq(
    n_entries, min_entries, "%s: %zu legend entries", what, n_entries);
  cr_assert_gt(n_nodes, 0U, "%s: no node", what);
}

static const char*
deepseek(void)
{
  static char path[1024];
  snprintf(
    path, sizeof(path), "%s/graphs/deepseek-v2.ttl", getenv("KG_SOURCE_ROOT"));
  return path;
}

/// Write the generated graph of `n` triples (tests/bench/gen-kg.py) into a
/// fresh directory; return its path.
static const char*
generated(const unsigned n)
{
  static char path[1024];
  snprintf(path, sizeof(path), "%s", path_in(tmp_dir(), "kg.nt"));
  char* const command =
    format("python3 '%s/tests/bench/gen-kg.py' --triples %u "
           "--seed 1 > '%s'",
           getenv("KG_SOURCE_ROOT"),
           n,
           path);
  cr_assert_eq(system(command), 0, "%s", command);
  free(command);
  return path;
}

/// The width and height of the picture, from the viewBox of its root.
static void
picture_size(const char* const svg, double* const w, double* const h)
{
  const char* const root = strstr(svg, "<svg");
  cr_assert_not_null(root);
  const char* const box = strstr(root, "viewBox=\"");
  cr_assert_not_null(box);
  double x = 0.0, y = 0.0;
  cr_assert_eq(sscanf(box, "viewBox=\"%lf %lf %lf %lf\"", &x, &y, w, h), 4);
}

static void
assert_reading_aspect(const char* const svg, const char* const what)
{
  double w = 0.0, h = 0.0;
  picture_size(svg, &w, &h);
  const double r = w > h ? w / h : h / w;
  cr_assert_leq(r, ASPECT_MAX, "%s: %.0f x %.0f points, %.2f:1", what, w, h, r);
}

/*
  The legend under every engine
*/

static const char* const engines[] = {"dot", "fdp", "neato", "sfdp"};

ParameterizedTestParameters(layout, legend_is_one_frame)
{
  static size_t cases[4] = {0U, 1U, 2U, 3U};
  return cr_make_param_array(size_t, cases, 4U);
}

ParameterizedTest(size_t* const i, layout, legend_is_one_frame)
{
  Run r = run("render", "-K", engines[*i], deepseek(), NULL);
  cr_assert_eq(r.status, 0, "-K %s: %s", engines[*i], r.err);
  assert_legend(r.out, 4U, engines[*i]);
  run_free(&r);
}

Test(layout, legend_of_a_difference_is_one_frame)
{
  const char* const dir = tmp_dir();
  char              old_path[1024];
  snprintf(old_path, sizeof(old_path), "%s", path_in(dir, "old.ttl"));
  write_file(old_path,
             "@prefix ex: <http://example.org/d#> .\n"
             "ex:a ex:knows ex:b . ex:b ex:knows ex:c .\n");
  const char* const new_path = path_in(dir, "new.ttl");
  write_file(new_path,
             "@prefix ex: <http://example.org/d#> .\n"
             "ex:a ex:knows ex:b . ex:b ex:knows ex:d .\n");

  Run r = run("render", "--diff", old_path, new_path, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  assert_legend(r.out, 3U, "--diff");
  cr_assert_not_null(strstr(r.out, ">added<"));
  cr_assert_not_null(strstr(r.out, ">removed<"));
  run_free(&r);
}

Test(layout, no_legend_no_frame)
{
  Run r = run("render", "--no-legend", deepseek(), NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_null(strstr(r.out, "cluster_legend"));
  run_free(&r);
}

/*
  Clusters
*/

/// The number of clusters of `svg` other than the legend.
static size_t
count_clusters(const char* const svg)
{
  Group  g;
  size_t n = 0U;
  for (const char* p = svg; next_group(p, "cluster", &g); p = g.end) {
    n += strcmp(g.title, "cluster_legend") != 0;
  }
  return n;
}

ParameterizedTestParameters(layout, dot_and_fdp_draw_clusters)
{
  static size_t cases[2] = {0U, 1U};
  return cr_make_param_array(size_t, cases, 2U);
}

ParameterizedTest(size_t* const i, layout, dot_and_fdp_draw_clusters)
{
  // One picture a process: Graphviz's text layout (pango) keeps a font
  // name of the first picture's context and reads it in the second's
  static const char* const drawing[] = {"dot", "fdp"};
  Run                      r         = run("render",
              "-K",
              drawing[*i],
              "--cluster-by",
              "kg:basedIn",
              deepseek(),
              NULL);
  cr_assert_eq(r.status, 0, "-K %s: %s", drawing[*i], r.err);
  cr_assert_geq(count_clusters(r.out), 2U, "-K %s", drawing[*i]);
  assert_legend(r.out, 4U, drawing[*i]);
  run_free(&r);
}

Test(layout, neato_and_sfdp_refuse_clusters)
{
  static const char* const refusing[] = {"neato", "sfdp"};
  for (size_t i = 0U; i < 2U; ++i) {
    Run r = run("render",
                "-K",
                refusing[i],
                "--cluster-by",
                "kg:basedIn",
                deepseek(),
                NULL);
    cr_assert_eq(r.status, KG_EXIT_USAGE, "-K %s: %s", refusing[i], r.err);
    char* const expected =
      format("engine '%s' cannot draw clusters (--cluster-by): use -K dot "
             "or -K fdp",
             refusing[i]);
    cr_assert_not_null(strstr(r.err, expected), "%s", r.err);
    cr_assert_str_empty(r.out);
    free(expected);
    run_free(&r);
  }
}

Test(layout, library_refuses_clusters_without_an_engine_for_them)
{
  KgGraph* const      g    = kg_graph_new();
  const KgReadOptions ropt = {KG_SYNTAX_NONE, NULL, 0U, {NULL, NULL}};
  cr_assert_eq(kg_graph_read_file(g, deepseek(), &ropt), KG_SUCCESS);
  KgDotOptions dot;
  kg_dot_options_init(&dot);
  dot.cluster_by            = "kg:basedIn";
  char*                mem  = NULL;
  size_t               len  = 0U;
  FILE* const          out  = open_memstream(&mem, &len);
  const KgWriteOptions wopt = {KG_SYNTAX_DOT, {NULL, NULL}, 0U, NULL};
  cr_assert_eq(kg_graph_render(g, out, "svg", "sfdp", &wopt, &dot), KG_BAD_ARG);
  fclose(out);
  cr_assert_eq(len, 0U);
  free(mem);
  kg_graph_free(g);
}

Test(layout, big_graphs_with_clusters_are_laid_out_with_fdp)
{
  Run r = run("render", "--cluster-by", "rdf:type", generated(2000U), NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_not_null(strstr(r.err, "laying out with fdp"), "%s", r.err);
  cr_assert_geq(count_clusters(r.out), 2U);
  run_free(&r);
}

Test(layout, fdp_is_refused_past_its_limit_and_sfdp_not_advised)
{
  // About 7,500 nodes and edges: refused before any layout
  const char* const big = generated(15000U);
  Run               r   = run("render",
              "--cluster-by",
              "rdf:type",
              "--max-nodes",
              "0",
              "--max-size",
              "0",
              big,
              NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert_not_null(strstr(r.err, "too many for the fdp engine"), "%s", r.err);
  cr_assert_str_empty(r.out);
  run_free(&r);

  r = run("render",
          "-K",
          "dot",
          "--cluster-by",
          "rdf:type",
          "--max-nodes",
          "0",
          "--max-size",
          "0",
          big,
          NULL);
  cr_assert_eq(r.status, KG_EXIT_INPUT, "%s", r.err);
  cr_assert_not_null(strstr(r.err, "too many for the dot engine"), "%s", r.err);
  cr_assert_null(strstr(r.err, "-K sfdp"), "%s", r.err);
  run_free(&r);
}

/*
  Edge labels beside their edges
*/

/// Add the points of the Bézier path `d` ("M x,y C x,y x,y x,y ...") to
/// `points`, sampled about every point of its length; return how many.
static size_t
sample_path(const char* const d, double (*const points)[2], const size_t max)
{
  double      c[4][2]    = {{0.0, 0.0}, {0.0, 0.0}, {0.0, 0.0}, {0.0, 0.0}};
  size_t      n_controls = 0U;
  size_t      m          = 0U;
  const char* p          = d;
  while (*p && *p != '"' && m < max) {
    char*        stop = NULL;
    const double x    = strtod(p, &stop);
    if (stop == p) {
      ++p;
      continue;
    }
    p              = stop + 1; // The comma
    const double y = strtod(p, &stop);
    p              = stop;
    const size_t k = n_controls ? 1U + (n_controls - 1U) % 3U : 0U;
    c[k][0]        = x;
    c[k][1]        = y;
    if (!n_controls++ || (n_controls - 1U) % 3U) {
      continue;
    }
    for (unsigned s = 0U; s <= 400U && m < max; ++s) {
      const double t = s / 400.0, u = 1.0 - t;
      const double a = u * u * u, b = 3 * u * u * t, e = 3 * u * t * t,
                   f = t * t * t;
      points[m][0]   = a * c[0][0] + b * c[1][0] + e * c[2][0] + f * c[3][0];
      points[m][1]   = a * c[0][1] + b * c[1][1] + e * c[2][1] + f * c[3][1];
      ++m;
    }
    c[0][0] = c[3][0];
    c[0][1] = c[3][1];
  }
  return m;
}

/// The characters of SVG text `t` (up to '<'; an entity is one).
static size_t
text_chars(const char* t)
{
  size_t n = 0U;
  for (; *t && *t != '<'; ++t) {
    if (*t == '&') {
      while (*t && *t != ';') {
        ++t;
      }
    }
    n += ((unsigned char)*t & 0xC0U) != 0x80U;
  }
  return n;
}

/// The largest square of the distance from an edge label's box to its
/// edge in `svg`.
static double
worst_label_distance(const char* const svg, size_t* const n_labels)
{
  static double points[200000][2];
  Group         g;
  double        worst = 0.0;
  *n_labels           = 0U;
  for (const char* p = svg; next_group(p, "edge", &g); p = g.end) {
    const char* const d = strstr(g.begin, " d=\"");
    if (!d || d > g.end) {
      continue;
    }
    const size_t n = sample_path(d + 4, points, 200000U);
    for (const char* t = strstr(g.begin, "<text"); t && t < g.end;
         t             = strstr(t + 1, "<text")) {
      double x = 0.0, y = 0.0, size = 0.0;
      char   anchor[16];
      cr_assert_eq(sscanf(t,
                          "<text text-anchor=\"%15[^\"]\" x=\"%lf\" y=\"%lf\"",
                          anchor,
                          &x,
                          &y),
                   3);
      const char* const fs = strstr(t, "font-size=\"");
      cr_assert_eq(sscanf(fs, "font-size=\"%lf\"", &size), 1);
      const double w  = (double)text_chars(strchr(t, '>') + 1) * size * 0.5;
      const double x0 = !strcmp(anchor, "middle") ? x - w / 2
                        : !strcmp(anchor, "end")  ? x - w
                                                  : x;
      const double x1 = x0 + w, y0 = y - size, y1 = y + size * 0.25;
      double       best = -1.0;
      for (size_t i = 0U; i < n; ++i) {
        const double dx = points[i][0] < x0   ? x0 - points[i][0]
                          : points[i][0] > x1 ? points[i][0] - x1
                                              : 0.0;
        const double dy = points[i][1] < y0   ? y0 - points[i][1]
                          : points[i][1] > y1 ? points[i][1] - y1
                                              : 0.0;
        const double dd = dx * dx + dy * dy;
        best            = best < 0.0 || dd < best ? dd : best;
      }
      cr_assert_geq(best, 0.0, "label with no path in %s", g.title);
      worst = best > worst ? best : worst;
      ++*n_labels;
    }
  }
  return worst;
}

ParameterizedTestParameters(layout, labels_stand_by_their_edges)
{
  static size_t cases[4] = {0U, 1U, 2U, 3U};
  return cr_make_param_array(size_t, cases, 4U);
}

ParameterizedTest(size_t* const i, layout, labels_stand_by_their_edges)
{
  Run r = run(
    "render", "-K", engines[*i], "--focus", "ds:DeepSeek", deepseek(), NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  size_t       n     = 0U;
  const double worst = worst_label_distance(r.out, &n);
  cr_assert_geq(n, 20U, "-K %s: %zu edge labels", engines[*i], n);
  cr_assert_leq(worst,
                LABEL_BOUND * LABEL_BOUND,
                "-K %s: a label %.1f square points from its edge",
                engines[*i],
                worst);
  run_free(&r);
}

Test(layout, loop_labels_stand_by_their_loops)
{
  const char* const path = path_in(tmp_dir(), "loops.ttl");
  write_file(path,
             "@prefix ex: <http://example.org/l#> .\n"
             "ex:a ex:partOfTheSameOrganization ex:a ; ex:knows ex:b .\n"
             "ex:b ex:containedInPlace ex:b ; ex:knows ex:c .\n"
             "ex:c ex:supersedes ex:c ; ex:knows ex:a .\n");
  Run r = run("render", "-K", "sfdp", path, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  size_t       n     = 0U;
  const double worst = worst_label_distance(r.out, &n);
  cr_assert_eq(n, 6U);
  cr_assert_leq(worst,
                LABEL_BOUND * LABEL_BOUND,
                "a label %.1f square points from its edge",
                worst);
  run_free(&r);
}

/*
  Aspect ratio, and SVG for browsers
*/

Test(layout, deepseek_has_a_reading_aspect_ratio)
{
  Run r = run("render", deepseek(), NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  assert_reading_aspect(r.out, "deepseek-v2");
  run_free(&r);
}

Test(layout, deepseek_focus_has_a_reading_aspect_ratio)
{
  Run r = run("render", "--focus", "ds:DeepSeek", deepseek(), NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  assert_reading_aspect(r.out, "--focus ds:DeepSeek");
  run_free(&r);
}

Test(layout, generated_graph_has_a_reading_aspect_ratio)
{
  Run r = run("render", generated(1000U), NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  assert_reading_aspect(r.out, "1,000 generated triples");
  run_free(&r);
}

Test(layout, a_small_picture_is_not_stretched)
{
  // Three nodes in a row and the legend below: stretched to 16:9, the
  // picture would be mostly empty space between the row and the legend
  char ontology[1024];
  snprintf(
    ontology, sizeof(ontology), "%s/ontology/kg.ttl", getenv("KG_SOURCE_ROOT"));
  Run r = run("render",
              "--ontology",
              ontology,
              "--focus",
              "ds:DeepSeekGlobalCompetitorStage",
              "--depth",
              "1",
              deepseek(),
              NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  double w = 0.0, h = 0.0;
  picture_size(r.out, &w, &h);
  cr_assert_gt(w, 2.5 * h, "%.0f x %.0f points: stretched", w, h);
  run_free(&r);
}

Test(layout, svg_fits_its_window)
{
  Run r = run("render", deepseek(), NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  const char* const root = strstr(r.out, "<svg");
  cr_assert_not_null(root);
  const char* const end = strchr(root, '>');
  char              tag[512];
  snprintf(tag, sizeof(tag), "%.*s", (int)(end - root), root);
  cr_assert_not_null(strstr(tag, " width=\"100%\""), "%s", tag);
  cr_assert_not_null(strstr(tag, " height=\"100%\""), "%s", tag);
  cr_assert_not_null(strstr(tag, " viewBox=\"0.00 0.00 "), "%s", tag);
  cr_assert_not_null(
    strstr(tag, " preserveAspectRatio=\"xMidYMid meet\""), "%s", tag);
  // The drawing keeps its size in points
  cr_assert_null(strstr(end, "width=\"100%\""));
  run_free(&r);
}

Test(layout, png_keeps_its_size)
{
  Run r =
    run("render", "-T", "png", "--focus", "ds:DeepSeek", deepseek(), NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert(!memcmp(r.out, "\x89PNG\r\n\x1a\n", 8U));
  run_free(&r);
}

/*
  The legend's groups are titled above their entries
*/

Test(layout, legend_titles_stand_above_their_entries)
{
  Run r = run("render", "--focus", "ds:DeepSeek", deepseek(), NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);

  // Each title's text, and the entries of the legend
  Group  g;
  double title_x[3] = {0.0, 0.0, 0.0};
  double title_y[3] = {0.0, 0.0, 0.0};
  size_t n_titles   = 0U;
  Box    entries[64];
  size_t n_entries = 0U;
  for (const char* p = r.out; next_group(p, "node", &g); p = g.end) {
    if (is_picture_node(&g) || strncmp(g.title, "legend ", 7U)) {
      continue;
    }
    if (strncmp(g.title, "legend title ", 13U)) {
      cr_assert_lt(n_entries, 64U);
      entries[n_entries++] = shapes_box(g.begin, g.end);
      continue;
    }
    const char* const text = strstr(g.begin, "<text ");
    cr_assert(text && text < g.end);
    cr_assert_lt(n_titles, 3U);
    cr_assert_eq(sscanf(strstr(text, " x=\""),
                        " x=\"%lf\" y=\"%lf\"",
                        &title_x[n_titles],
                        &title_y[n_titles]),
                 2);
    ++n_titles;
  }
  // Classes, properties and statuses are all in this picture; each title
  // stands above the entries of its column (those across its middle)
  cr_assert_eq(n_titles, 3U, "%zu legend titles", n_titles);
  for (size_t t = 0U; t < n_titles; ++t) {
    size_t n_below = 0U;
    for (size_t i = 0U; i < n_entries; ++i) {
      const Box b = entries[i];
      if (b.set && b.x0 <= title_x[t] && title_x[t] <= b.x1) {
        cr_assert_lt(title_y[t], b.y0, "a legend title stands below an entry");
        ++n_below;
      }
    }
    cr_assert_gt(n_below, 0U, "a legend title over no entry");
  }
  run_free(&r);
}
