// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Pictures: laying out and rendering DOT text with gvc, the legend apart.
//
// The legend (the subgraph "cluster_legend", whatever it holds) is taken
// out of the picture before layout: the rest is laid out with the engine
// asked for, the legend with dot on its own, and both are composed into
// one graph with fixed positions (the legend's translated beside or below
// the rest, on the side that brings the picture closer to a reading aspect
// ratio), which the "nop2" engine (neato -n2) renders as they are: nodes
// where they stand, edges along their splines, clusters from their bounding
// boxes and labels at their places.  So the legend is one framed block
// whatever the engine, and holds its entries and nothing else.
//
// Every step goes through DOT text read back (read_text()): Graphviz
// 2.42 frees twice the layout of some graphs built in memory, not of those
// it reads.  The cost is three text round trips of the picture, small
// beside any layout.
//
// SVG is made to fit its window: the root element's width and height
// become 100% (its viewBox kept), and nothing else is changed.

#include "dot_impl.h"

#include "alloc.h"
#include "buffer.h"
#include "log.h"

#include <kgraph/status.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEGEND "cluster_legend"

/// Points between the picture and its legend.
#define LEGEND_GAP 18.0

/// How far, in points, an edge label may stand from its edge's spline
/// before it is put beside it: the label's box, its width guessed from its
/// characters (LABEL_CHAR_WIDTH of the font size each, about Helvetica's
/// mean), to the nearest point sampled on the spline.
#define LABEL_NEAR 4.0
#define LABEL_CHAR_WIDTH 0.5

/// The aspect ratios (long side over short side) taken as reading ones.
#define READING_MIN (4.0 / 3.0)
#define READING_MAX (16.0 / 9.0)

/// The longest side (points) of a picture that is left as it is laid out,
/// whatever its aspect ratio: it fits a screen's width, and stretching it
/// would only add empty space (a chain of three nodes has no second rank
/// to spread).
#define READING_SMALL 1500.0

/// A bounding box, in points, y upwards (as Graphviz's "bb").
typedef struct {
  double llx, lly, urx, ury;
} Box;

static double
max_of(const double a, const double b)
{
  return a > b ? a : b;
}

static double
min_of(const double a, const double b)
{
  return a < b ? a : b;
}

static double
abs_of(const double a)
{
  return a < 0.0 ? -a : a;
}

/*
  Object IDs in the order names are met.  cgraph's own ID discipline makes
  a name's ID the address of its string, and keeps subgraphs in the order
  of their IDs: the clusters and the legend then came out of a picture in
  an order that changed from run to run.  Here the k-th name met has the ID
  2k (even: a name, as for cgraph) and anonymous objects odd IDs, so the
  same text always gives the same picture.  Its memory is Graphviz's, as
  the layout engines': malloc(), whose failure Graphviz does not survive.
*/

typedef struct {
  Agraph_t* g;        ///< The root graph: its string pool holds the names
  char**    names;    ///< By ID / 2: a reference of our own to each name
  size_t    n_names;  ///< Number of `names`
  size_t    cap;      ///< Allocated `names`
  size_t*   slots;    ///< Open addressing by name address: index + 1, or 0
  size_t    n_slots;  ///< A power of two, at least twice `n_names`
  IDTYPE    next_odd; ///< The next anonymous ID
} OrderedIds;

static size_t
slot_of(const OrderedIds* const o, const char* const name)
{
  size_t h = (size_t)(uintptr_t)name;
  h ^= h >> 17U;
  h *= (size_t)0x9E3779B97F4A7C15ULL;
  size_t i = h & (o->n_slots - 1U);
  while (o->slots[i] && o->names[o->slots[i] - 1U] != name) {
    i = (i + 1U) & (o->n_slots - 1U);
  }
  return i;
}

/// Make room for one more name; return false if there is no memory.
static bool
ids_grow(OrderedIds* const o)
{
  if (o->n_names + 1U > o->cap) {
    const size_t cap = o->cap ? 2U * o->cap : 64U;
    if (cap > SIZE_MAX / (2U * sizeof(char*))) {
      return false;
    }
    char** const names = (char**)realloc(o->names, cap * sizeof(char*));
    if (!names) {
      return false;
    }
    o->names = names;
    o->cap   = cap;
  }
  if (2U * (o->n_names + 1U) > o->n_slots) {
    const size_t  n     = o->n_slots ? 2U * o->n_slots : 128U;
    size_t* const slots = (size_t*)calloc(n, sizeof(size_t));
    if (!slots) {
      return false;
    }
    free(o->slots);
    o->slots   = slots;
    o->n_slots = n;
    for (size_t k = 0U; k < o->n_names; ++k) {
      o->slots[slot_of(o, o->names[k])] = k + 1U;
    }
  }
  return true;
}

static void*
ids_open(Agraph_t* const g, Agdisc_t* const disc)
{
  (void)disc;
  OrderedIds* const o = (OrderedIds*)calloc(1U, sizeof(OrderedIds));
  if (o) {
    o->g        = g;
    o->next_odd = 1U;
  }
  return o;
}

static long
ids_map(void* const   state,
        const int     objtype,
        char* const   str,
        IDTYPE* const id,
        const int     createflag)
{
  (void)objtype;
  OrderedIds* const o = (OrderedIds*)state;
  if (!o) {
    return 0;
  }
  if (!str) {
    *id = o->next_odd;
    o->next_odd += 2U;
    return 1;
  }

  // The pool gives one string per name: its address finds its ID
  char* const s = createflag ? agstrdup(o->g, str) : agstrbind(o->g, str);
  if (!s) {
    return 0;
  }
  if (o->n_slots) {
    const size_t i = slot_of(o, s);
    if (o->slots[i]) {
      *id = (IDTYPE)(2U * (o->slots[i] - 1U) + 2U);
      return 1;
    }
  }
  if (!createflag || !ids_grow(o)) {
    if (createflag) {
      agstrfree(o->g, s);
    }
    return 0;
  }
  // Our own reference keeps the name (and its address) while the graph
  // lives; the object's reference is dropped by ids_free()
  o->names[o->n_names]    = agstrdup(o->g, s);
  o->slots[slot_of(o, s)] = ++o->n_names;
  *id                     = (IDTYPE)(2U * o->n_names);
  return 1;
}

static long
ids_alloc(void* const state, const int objtype, const IDTYPE id)
{
  (void)state;
  (void)objtype;
  (void)id;
  return 0; // No object is made with an ID of its own choosing
}

static void
ids_free(void* const state, const int objtype, const IDTYPE id)
{
  (void)objtype;
  OrderedIds* const o = (OrderedIds*)state;
  if (o && id % 2U == 0U && id / 2U >= 1U && id / 2U <= o->n_names) {
    agstrfree(o->g, o->names[id / 2U - 1U]);
  }
}

static char*
ids_print(void* const state, const int objtype, const IDTYPE id)
{
  (void)objtype;
  const OrderedIds* const o = (const OrderedIds*)state;
  return (o && id % 2U == 0U && id / 2U >= 1U && id / 2U <= o->n_names)
           ? o->names[id / 2U - 1U]
           : NULL;
}

static void
ids_close(void* const state)
{
  OrderedIds* const o = (OrderedIds*)state;
  if (o) {
    for (size_t k = 0U; k < o->n_names; ++k) {
      agstrfree(o->g, o->names[k]);
    }
    free(o->slots);
    free(o->names);
    free(o);
  }
}

static void
ids_register(void* const state, const int objtype, void* const obj)
{
  (void)state;
  (void)objtype;
  (void)obj;
}

static Agiddisc_t ordered_ids =
  {ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close, ids_register};

/// Read DOT `text` with ordered IDs, or return NULL.
static Agraph_t*
read_text(const char* const text)
{
  FILE* const in = fmemopen((void*)(uintptr_t)text, strlen(text), "r");
  if (!in) {
    return NULL;
  }
  Agdisc_t        disc = {&AgMemDisc, &ordered_ids, &AgIoDisc};
  Agraph_t* const g    = agread(in, &disc);
  fclose(in);
  return g;
}

/// Write `g` as DOT text into `*text` (free()).
static KgStatus
graph_text(Agraph_t* const g, char** const text)
{
  size_t      len = 0U;
  FILE* const mem = open_memstream(text, &len);
  if (!mem) {
    return KG_BAD_ALLOC;
  }
  const int written = agwrite(g, mem);
  if (fclose(mem) || written) {
    free(*text);
    *text = NULL;
    return KG_BAD_ALLOC;
  }
  return KG_SUCCESS;
}

/// Read a box "x,y,x,y" (or "x y x y", as gvLayout() sets it).
static bool
parse_box(const char* const text, Box* const box)
{
  double      v[4] = {0.0, 0.0, 0.0, 0.0};
  const char* p    = text;
  for (size_t i = 0U; i < 4U; ++i) {
    char* end = NULL;
    while (p && (*p == ',' || *p == ' ')) {
      ++p;
    }
    v[i] = p ? strtod(p, &end) : 0.0;
    if (!p || end == p) {
      return false;
    }
    p = end;
  }
  *box = (Box){v[0], v[1], v[2], v[3]};
  return true;
}

static bool
read_box(void* const obj, Box* const box)
{
  return parse_box(agget(obj, "bb"), box);
}

/**
   Read `text` and keep its legend only (`legend`), or all but its legend,
   into `*out` (DOT text, free()).
*/
static KgStatus
part_text(const char* const text, const bool legend, char** const out)
{
  Agraph_t* const g = read_text(text);
  if (!g) {
    return KG_BAD_ALLOC;
  }

  Agraph_t* const sub = agsubg(g, LEGEND, 0);
  if (legend) {
    Agnode_t* next = NULL;
    for (Agnode_t* n = agfstnode(g); n; n = next) {
      next = agnxtnode(g, n);
      if (!sub || !agsubnode(sub, n, 0)) {
        agdelnode(g, n);
      }
    }
    Agraph_t* next_sub = NULL;
    for (Agraph_t* s = agfstsubg(g); s; s = next_sub) {
      next_sub = agnxtsubg(s);
      if (s != sub) {
        agdelete(g, s); // agdelsubg() would only unlink it
      }
    }
  } else if (sub) {
    Agnode_t* next = NULL;
    for (Agnode_t* n = agfstnode(sub); n; n = next) {
      next = agnxtnode(sub, n);
      agdelnode(g, n);
    }
    agdelete(g, sub);
  }

  const KgStatus st = graph_text(g, out);
  agclose(g);
  return st;
}

/**
   Lay `text` out with `engine` and write it with its positions (Graphviz's
   "dot" output: pos, bb, lp, width, height) into `*out` (free()), and
   its bounding box into `*box`.  `ratio` (or NULL) is Graphviz's: the
   height over the width the picture is stretched to.
*/
static KgStatus
layout_text(GVC_t* const       gvc,
            const char* const  text,
            const char* const  engine,
            const char* const  ratio,
            const char* const  what,
            const KgLog* const log,
            char** const       out,
            Box* const         box)
{
  Agraph_t* const g = read_text(text);
  if (!g) {
    return KG_BAD_ALLOC;
  }

  KgStatus st = KG_SUCCESS;
  if (ratio) {
    agsafeset(g, "ratio", (char*)(uintptr_t)ratio, "");
  }
  if (gvLayout(gvc, g, engine)) {
    kg_log(log,
           KG_LOG_ERROR,
           KG_NO_CARET,
           "Graphviz cannot lay the %s out with '%s'%s%s",
           what,
           engine,
           aglasterr() ? ": " : "",
           aglasterr() ? aglasterr() : "");
    st = KG_BAD_ARG;
  } else {
    char*        data = NULL;
    unsigned int len  = 0U;
    if (!read_box(g, box) || gvRenderData(gvc, g, "dot", &data, &len)) {
      st = KG_BAD_INTERNAL;
    } else if (!(*out = (char*)malloc(len + 1U))) {
      st = KG_BAD_ALLOC;
    } else {
      memcpy(*out, data, len);
      (*out)[len] = '\0';
    }
    gvFreeRenderData(data);
    gvFreeLayout(gvc, g);
  }
  agclose(g);
  return st;
}

/**
   Append `value`, a list of points ("x,y", "e,x,y", "s,x,y", or a box
   "x,y,x,y", separated by spaces), moved by (`dx`, `dy`), to `out`.
*/
static KgStatus
append_moved(KgBuffer* const   out,
             const char* const value,
             const double      dx,
             const double      dy)
{
  KgStatus    st = KG_SUCCESS;
  const char* p  = value;
  bool        y  = false;
  while (*p && !st) {
    if ((p[0] == 'e' || p[0] == 's') && p[1] == ',') {
      st = kg_buffer_append(out, p, 2U);
      p += 2;
      continue;
    }
    char*        end = NULL;
    const double v   = strtod(p, &end);
    if (end == p) {
      // A separator, or what is not a number ("!" of a pinned node)
      if (*p == ' ') {
        y = false;
      }
      st = kg_buffer_append_char(out, *p++);
      continue;
    }
    st = kg_buffer_printf(out, "%.2f", v + (y ? dy : dx));
    y  = !y;
    p  = end;
  }
  return st;
}

/// The attributes that hold positions, by kind of object.
static bool
is_position(const int kind, const char* const name)
{
  static const char* const names[] = {
    "pos", "lp", "bb", "head_lp", "tail_lp", "xlp"};
  if (kind == AGRAPH) {
    return !strcmp(name, "bb") || !strcmp(name, "lp");
  }
  for (size_t i = 0U; i < sizeof(names) / sizeof(names[0]); ++i) {
    if (!strcmp(name, names[i])) {
      return true;
    }
  }
  return false;
}

/**
   Copy the attributes of `from` (in graph `from_root`) to `to` (in graph
   `to_root`), positions moved by (`dx`, `dy`).  HTML-like labels stay so.
*/
static KgStatus
copy_attributes(Agraph_t* const from_root,
                const int       kind,
                void* const     from,
                Agraph_t* const to_root,
                void* const     to,
                const double    dx,
                const double    dy,
                KgBuffer* const scratch)
{
  KgStatus st = KG_SUCCESS;
  for (Agsym_t* sym = agnxtattr(from_root, kind, NULL); sym && !st;
       sym          = agnxtattr(from_root, kind, sym)) {
    char* const value = agxget(from, sym);
    if (!value || (!strcmp(value, sym->defval) && kind != AGRAPH)) {
      continue;
    }

    Agsym_t* to_sym = agattr(to_root, kind, sym->name, NULL);
    if (!to_sym && !(to_sym = agattr(to_root, kind, sym->name, ""))) {
      return KG_BAD_ALLOC;
    }
    if (is_position(kind, sym->name)) {
      kg_buffer_clear(scratch);
      if ((st = append_moved(scratch, value, dx, dy))) {
        break;
      }
      agxset(to, to_sym, scratch->data ? scratch->data : "");
    } else if (aghtmlstr(value)) {
      char* const html = agstrdup_html(to_root, value);
      if (!html) {
        return KG_BAD_ALLOC;
      }
      agxset(to, to_sym, html);
      agstrfree(to_root, html);
    } else {
      agxset(to, to_sym, value);
    }
  }
  return st;
}

/// The most points of a spline looked at when placing its label.
#define MAX_SPLINE_POINTS 16384U

/// Points sampled on each Bézier segment of a spline: one every
/// SAMPLE_STEP points of its control polygon, at most MAX_SAMPLES.
#define SAMPLE_STEP 2.0
#define MAX_SAMPLES 512U

/// A point, in points, y upwards.
typedef struct {
  double x, y;
} Point;

/**
   Sample the spline of the edge `pos` attribute ("e,x,y s,x,y x,y ...":
   the end points, then 3n + 1 control points) into `out`; return how many
   points, or 0 if there is no spline.
*/
static size_t
sample_spline(const char* const pos, Point* const out, const size_t max)
{
  Point       c[4]       = {{0.0, 0.0}, {0.0, 0.0}, {0.0, 0.0}, {0.0, 0.0}};
  size_t      n_controls = 0U;
  size_t      m          = 0U;
  const char* p          = pos;
  while (*p && m + MAX_SAMPLES < max) {
    while (*p == ' ' || *p == '\n' || *p == '\\') {
      ++p;
    }
    if ((p[0] == 'e' || p[0] == 's') && p[1] == ',') {
      while (*p && *p != ' ') { // An arrow's end point: not on the spline
        ++p;
      }
      continue;
    }
    char*        end = NULL;
    const double x   = strtod(p, &end);
    if (end == p || *end != ',') {
      break;
    }
    p              = end + 1;
    const double y = strtod(p, &end);
    if (end == p) {
      break;
    }
    p = end;

    // The first point, then each Bézier segment as its third point comes
    c[n_controls ? 1U + (n_controls - 1U) % 3U : 0U] = (Point){x, y};
    if (!n_controls++) {
      continue;
    }
    if ((n_controls - 1U) % 3U) {
      continue;
    }
    double polygon = 0.0; // Its length, at most 1.5 times over
    for (unsigned j = 0U; j < 3U; ++j) {
      polygon += abs_of(c[j + 1U].x - c[j].x) + abs_of(c[j + 1U].y - c[j].y);
    }
    const unsigned samples = polygon / SAMPLE_STEP >= MAX_SAMPLES ? MAX_SAMPLES
                             : polygon / SAMPLE_STEP < 1.0
                               ? 1U
                               : (unsigned)(polygon / SAMPLE_STEP);
    for (unsigned k = m ? 1U : 0U; k <= samples; ++k) {
      const double t = (double)k / samples;
      const double u = 1.0 - t;
      const double a = u * u * u, b = 3.0 * u * u * t, cc = 3.0 * u * t * t,
                   dd = t * t * t;
      out[m++] = (Point){a * c[0].x + b * c[1].x + cc * c[2].x + dd * c[3].x,
                         a * c[0].y + b * c[1].y + cc * c[2].y + dd * c[3].y};
    }
    c[0] = c[3];
  }
  return m;
}

/// The number of characters (not bytes) of UTF-8 `text`.
static size_t
n_chars(const char* const text)
{
  size_t n = 0U;
  for (const char* p = text; *p; ++p) {
    n += ((unsigned char)*p & 0xC0U) != 0x80U;
  }
  return n;
}

static double
distance_to_box(const Point  p,
                const Point  centre,
                const double w,
                const double h)
{
  const double dx =
    max_of(max_of(centre.x - w / 2.0 - p.x, 0.0), p.x - centre.x - w / 2.0);
  const double dy =
    max_of(max_of(centre.y - h / 2.0 - p.y, 0.0), p.y - centre.y - h / 2.0);
  return dx * dx + dy * dy;
}

/**
   Put the label of edge `e` beside its spline if it stands further from
   it than LABEL_NEAR: dot routes some splines around other nodes, away
   from the place it kept for their labels.  The label then stands at the
   middle of the spline's length, on its upper (or right) side, a corner
   by the spline.
*/
static KgStatus
place_label(Agedge_t* const e, Point* const points, KgBuffer* const scratch)
{
  char* const       label = agget(e, "label");
  const char* const lp    = agget(e, "lp");
  const char* const pos   = agget(e, "pos");
  const char* const size  = agget(e, "fontsize");
  Point             at    = {0.0, 0.0};
  if (!label || !*label || aghtmlstr(label) || !lp || !pos ||
      sscanf(lp, "%lf,%lf", &at.x, &at.y) != 2) {
    return KG_SUCCESS;
  }

  const size_t n = sample_spline(pos, points, MAX_SPLINE_POINTS);
  if (!n) {
    return KG_SUCCESS;
  }
  const double font = size && atof(size) > 0.0 ? atof(size) : 14.0;
  const double w    = (double)n_chars(label) * font * LABEL_CHAR_WIDTH;
  const double h    = font * 1.2;
  double       near = -1.0;
  for (size_t i = 0U; i < n; ++i) {
    const double d = distance_to_box(points[i], at, w, h);
    near           = near < 0.0 || d < near ? d : near;
  }
  if (near <= LABEL_NEAR * LABEL_NEAR) {
    return KG_SUCCESS;
  }

  // The middle of the spline's length, and its direction there
  double length = 0.0;
  for (size_t i = 1U; i < n; ++i) {
    const double dx = points[i].x - points[i - 1U].x;
    const double dy = points[i].y - points[i - 1U].y;
    length += sqrt(dx * dx + dy * dy);
  }
  double walked = 0.0;
  size_t i      = 1U;
  for (; i + 1U < n; ++i) {
    const double dx = points[i].x - points[i - 1U].x;
    const double dy = points[i].y - points[i - 1U].y;
    walked += sqrt(dx * dx + dy * dy);
    if (walked >= length / 2.0) {
      break;
    }
  }
  double       tx = points[i].x - points[i - 1U].x;
  double       ty = points[i].y - points[i - 1U].y;
  const double tl = sqrt(tx * tx + ty * ty);
  tx              = tl > 0.0 ? tx / tl : 1.0;
  ty              = tl > 0.0 ? ty / tl : 0.0;
  double nx = -ty, ny = tx; // Upwards, or to the right
  if (ny < 0.0 || (ny == 0.0 && nx < 0.0)) {
    nx = -nx;
    ny = -ny;
  }
  // The label's box in the quadrant on that side, its corner by the
  // point: a line through the point never enters that quadrant (beside a
  // line along an axis, the box stands on its middle)
  const double sx = nx > 1e-6 ? 1.0 : nx < -1e-6 ? -1.0 : 0.0;
  const double sy = ny > 1e-6 ? 1.0 : ny < -1e-6 ? -1.0 : 0.0;
  kg_buffer_clear(scratch);
  if (kg_buffer_printf(scratch,
                       "%.2f,%.2f",
                       points[i].x + sx * (w / 2.0 + 1.0),
                       points[i].y + sy * (h / 2.0 + 1.0))) {
    return KG_BAD_ALLOC;
  }
  agsafeset(e, "lp", scratch->data, "");
  return KG_SUCCESS;
}

/// Put every edge label of `g` beside its edge (place_label()).
static KgStatus
place_labels(Agraph_t* const g, KgBuffer* const scratch)
{
  Point* const points = (Point*)kg_reallocarray(
    NULL, MAX_SPLINE_POINTS + MAX_SAMPLES + 1U, sizeof(Point));
  KgStatus st = points ? KG_SUCCESS : KG_BAD_ALLOC;
  for (Agnode_t* n = st ? NULL : agfstnode(g); n && !st; n = agnxtnode(g, n)) {
    for (Agedge_t* e = agfstout(g, n); e && !st; e = agnxtout(g, e)) {
      st = place_label(e, points, scratch);
    }
  }
  kg_free(points);
  return st;
}

/// How far the aspect ratio of a `w` by `h` picture is from reading ones.
static double
aspect_cost(const double w, const double h)
{
  const double r = w > h ? w / (h > 1.0 ? h : 1.0) : h / (w > 1.0 ? w : 1.0);
  return r < READING_MIN   ? READING_MIN / r
         : r > READING_MAX ? r / READING_MAX
                           : 1.0;
}

/**
   Copy the laid out legend `ls` (in `gl`) into the laid out picture `g`,
   beside it or below it, and make the picture's box hold both.
*/
static KgStatus
add_legend(Agraph_t* const g,
           Agraph_t* const gl,
           Agraph_t* const ls,
           KgBuffer* const scratch)
{
  Box m = {0.0, 0.0, 0.0, 0.0};
  Box l = {0.0, 0.0, 0.0, 0.0};
  if (!read_box(gl, &l)) {
    return KG_BAD_INTERNAL;
  }
  const bool empty = !agfstnode(g) || !read_box(g, &m);

  // Beside (top aligned) or below (left aligned)
  double dx = -l.llx;
  double dy = -l.lly;
  if (!empty) {
    const double mw = m.urx - m.llx, mh = m.ury - m.lly;
    const double lw = l.urx - l.llx, lh = l.ury - l.lly;
    const double rw = mw + LEGEND_GAP + lw, rh = max_of(mh, lh);
    const double bw = max_of(mw, lw), bh = mh + LEGEND_GAP + lh;
    const double rc = aspect_cost(rw, rh), bc = aspect_cost(bw, bh);
    if (rc < bc || (rc == bc && rw * rh <= bw * bh)) {
      dx = m.urx + LEGEND_GAP - l.llx;
      dy = m.ury - l.ury;
    } else {
      dx = m.llx - l.llx;
      dy = m.lly - LEGEND_GAP - l.ury;
    }
  }

  Agraph_t* const sub = agsubg(g, LEGEND, 1);
  KgStatus st = sub ? copy_attributes(gl, AGRAPH, ls, g, sub, dx, dy, scratch)
                    : KG_BAD_ALLOC;
  for (Agnode_t* n = st ? NULL : agfstnode(gl); n && !st;
       n           = agnxtnode(gl, n)) {
    Agnode_t* const copy = agnode(sub, agnameof(n), 1);
    st = copy ? copy_attributes(gl, AGNODE, n, g, copy, dx, dy, scratch)
              : KG_BAD_ALLOC;
  }
  for (Agnode_t* n = st ? NULL : agfstnode(gl); n && !st;
       n           = agnxtnode(gl, n)) {
    for (Agedge_t* e = agfstout(gl, n); e && !st; e = agnxtout(gl, e)) {
      Agnode_t* const tail = agnode(g, agnameof(agtail(e)), 0);
      Agnode_t* const head = agnode(g, agnameof(aghead(e)), 0);
      Agedge_t* const copy =
        tail && head ? agedge(sub, tail, head, NULL, 1) : NULL;
      st = copy ? copy_attributes(gl, AGEDGE, e, g, copy, dx, dy, scratch)
                : KG_BAD_ALLOC;
    }
  }
  if (st) {
    return st;
  }

  const Box lb = {l.llx + dx, l.lly + dy, l.urx + dx, l.ury + dy};
  const Box u  = empty ? lb
                       : (Box){min_of(m.llx, lb.llx),
                               min_of(m.lly, lb.lly),
                               max_of(m.urx, lb.urx),
                               max_of(m.ury, lb.ury)};
  kg_buffer_clear(scratch);
  if (kg_buffer_printf(
        scratch, "%.2f,%.2f,%.2f,%.2f", u.llx, u.lly, u.urx, u.ury)) {
    return KG_BAD_ALLOC;
  }
  agsafeset(g, "bb", scratch->data, "");
  return KG_SUCCESS;
}

/**
   Compose the laid out picture `main_text` and its laid out legend
   `legend_text` (or NULL) into `*out` (DOT text with every position,
   free()): labels beside their edges, and the legend beside the picture or
   below it, whichever is closer to a reading aspect ratio (the smaller
   picture when both are).
*/
static KgStatus
compose(const char* const main_text,
        const char* const legend_text,
        char** const      out)
{
  Agraph_t* const g       = read_text(main_text);
  Agraph_t* const gl      = g && legend_text ? read_text(legend_text) : NULL;
  Agraph_t* const ls      = gl ? agsubg(gl, LEGEND, 0) : NULL;
  KgBuffer        scratch = KG_BUFFER_INIT;
  KgStatus        st      = !g                   ? KG_BAD_ALLOC
                            : legend_text && !ls ? KG_BAD_INTERNAL
                                                 : KG_SUCCESS;
  // The stretch is done: nop2 would apply it again (and Graphviz 2.42
  // then renders freed memory)
  if (g && agattr(g, AGRAPH, "ratio", NULL)) {
    agsafeset(g, "ratio", "", "");
  }
  if (st || (st = place_labels(g, &scratch)) ||
      (gl && (st = place_labels(gl, &scratch))) ||
      (ls && (st = add_legend(g, gl, ls, &scratch)))) {
    goto done;
  }
  st = graph_text(g, out);

done:
  kg_buffer_fini(&scratch);
  if (gl) {
    agclose(gl);
  }
  if (g) {
    agclose(g);
  }
  return st;
}

/// Return where the attribute `name` of the tag in [`tag`, `end`) is.
static const char*
find_attribute(const char* const tag,
               const char* const end,
               const char* const name)
{
  const size_t len = strlen(name);
  for (const char* p = tag; p + len + 2U < end; ++p) {
    if ((p[-1] == ' ' || p[-1] == '\n' || p[-1] == '\t') &&
        !strncmp(p, name, len) && p[len] == '=' && p[len + 1U] == '"') {
      return p;
    }
  }
  return NULL;
}

KgStatus
kg_dot_svg_fit(const char* const data, const size_t len, KgBuffer* const out)
{
  // The root element: the first "<svg" (what comes before is the XML
  // declaration, the doctype and comments of Graphviz's own)
  const char* const svg = len >= 4U ? strstr(data, "<svg") : NULL;
  const char* const end =
    svg ? memchr(svg, '>', len - (size_t)(svg - data)) : NULL;
  if (!end || !find_attribute(svg + 4, end, "viewBox")) {
    return kg_buffer_append(out, data, len);
  }

  KgStatus    st   = kg_buffer_append(out, data, (size_t)(svg - data));
  const char* from = svg;
  bool        fit  = false;
  while (!st && from < end) {
    const char* const w = find_attribute(from + 1, end, "width");
    const char* const h = find_attribute(from + 1, end, "height");
    const char* const a = !w ? h : !h ? w : w < h ? w : h;
    if (!a) {
      break;
    }
    const char* const value = strchr(a, '"') + 1;
    const char* const quote = memchr(value, '"', (size_t)(end - value));
    if (!quote) {
      break;
    }
    kg_buffer_append(out, from, (size_t)(value - from));
    st   = kg_buffer_append_str(out, "100%");
    from = quote;
    fit  = true;
  }
  kg_buffer_append(out, from, (size_t)(end - from));
  if (fit && !find_attribute(svg + 4, end, "preserveAspectRatio")) {
    kg_buffer_append_str(out, " preserveAspectRatio=\"xMidYMid meet\"");
  }
  kg_buffer_append(out, end, len - (size_t)(end - data));
  return out->status;
}

/**
   Return the ratio (height over width) to lay a picture of box `m` out
   again with, so that with its legend (of box `l`, if `legend`) it has a
   reading aspect ratio; or NULL if it has one, or is small enough to read
   as it is.
*/
static const char*
reading_ratio(const Box m, const Box l, const bool legend)
{
  const double mw = m.urx - m.llx, mh = m.ury - m.lly;
  const double lw = legend ? l.urx - l.llx : 0.0;
  const double lh = legend ? l.ury - l.lly : 0.0;
  if (mw <= 0.0 || mh <= 0.0) {
    return NULL;
  }

  // The legend beside or below, whichever add_legend() would choose
  const double rw = mw + (legend ? LEGEND_GAP + lw : 0.0), rh = max_of(mh, lh);
  const double bw = max_of(mw, lw), bh = mh + (legend ? LEGEND_GAP + lh : 0.0);
  const double rc = aspect_cost(rw, rh), bc = aspect_cost(bw, bh);
  const double w = rc <= bc ? rw : bw, h = rc <= bc ? rh : bh;
  if (w <= READING_SMALL && h <= READING_SMALL) {
    return NULL;
  }
  if (w > h * READING_MAX) {
    return "0.6";
  }
  if (h > w * READING_MAX) {
    return "1.7";
  }
  return NULL;
}

/// Render the laid out `g` as `format` to `stream` (SVG fitted).
static KgStatus
render(GVC_t* const       gvc,
       Agraph_t* const    g,
       const char* const  format,
       FILE* const        stream,
       const KgLog* const log)
{
  char*        data = NULL;
  unsigned int len  = 0U;
  KgStatus     st   = KG_SUCCESS;
  if (gvRenderData(gvc, g, format, &data, &len)) {
    kg_log(
      log, KG_LOG_ERROR, KG_NO_CARET, "Graphviz cannot render '%s'", format);
    st = KG_BAD_ARG;
  } else if (!strcmp(format, "svg")) {
    KgBuffer fitted = KG_BUFFER_INIT;
    st              = kg_dot_svg_fit(data, len, &fitted);
    if (!st && (fwrite(fitted.data, 1U, fitted.len, stream) != fitted.len ||
                fflush(stream))) {
      st = KG_BAD_WRITE;
    }
    kg_buffer_fini(&fitted);
  } else if (fwrite(data, 1U, len, stream) != len || fflush(stream)) {
    st = KG_BAD_WRITE;
  }
  gvFreeRenderData(data);
  return st;
}

KgStatus
kg_dot_render_text(const char* const  dot_text,
                   const char* const  what,
                   const char* const  layout,
                   const char* const  format,
                   FILE* const        stream,
                   const KgLog* const log)
{
  GVC_t* const gvc = gvContext();
  if (!gvc) {
    return KG_BAD_ALLOC;
  }

  // Whether there is a legend to lay out apart
  Agraph_t*  g      = read_text(dot_text);
  KgStatus   st     = g ? KG_SUCCESS : KG_BAD_ALLOC;
  const bool legend = g && agsubg(g, LEGEND, 0);
  if (g) {
    agclose(g);
    g = NULL;
  }

  char* main_part   = NULL;
  char* legend_part = NULL;
  char* main_laid   = NULL;
  char* legend_laid = NULL;
  char* composed    = NULL;
  Box   main_box    = {0.0, 0.0, 0.0, 0.0};
  Box   legend_box  = {0.0, 0.0, 0.0, 0.0};
  if (!st && legend) {
    if (!(st = part_text(dot_text, false, &main_part)) &&
        !(st = part_text(dot_text, true, &legend_part))) {
      st = layout_text(gvc,
                       legend_part,
                       "dot",
                       NULL,
                       "legend",
                       log,
                       &legend_laid,
                       &legend_box);
    }
  }
  const char* const main_text = main_part ? main_part : dot_text;
  if (!st) {
    st = layout_text(
      gvc, main_text, layout, NULL, what, log, &main_laid, &main_box);
  }

  // A picture too wide or too tall for reading is laid out again,
  // stretched to the nearest reading aspect ratio: Graphviz spreads the
  // nodes further apart across (the text keeps its size)
  const char* const ratio =
    st ? NULL : reading_ratio(main_box, legend_box, legend);
  if (ratio) {
    free(main_laid);
    main_laid = NULL;
    st        = layout_text(
      gvc, main_text, layout, ratio, what, log, &main_laid, &main_box);
  }

  if (!st && !(st = compose(main_laid, legend_laid, &composed)) &&
      !(g = read_text(composed))) {
    st = KG_BAD_ALLOC;
  }

  if (!st && gvLayout(gvc, g, "nop2")) {
    kg_log(log,
           KG_LOG_ERROR,
           KG_NO_CARET,
           "Graphviz cannot draw the %s laid out%s%s",
           what,
           aglasterr() ? ": " : "",
           aglasterr() ? aglasterr() : "");
    st = KG_BAD_INTERNAL;
  } else if (!st) {
    st = render(gvc, g, format, stream, log);
    gvFreeLayout(gvc, g);
  }

  free(composed);
  free(legend_laid);
  free(main_laid);
  free(legend_part);
  free(main_part);
  if (g) {
    agclose(g);
  }
  gvFreeContext(gvc);
  return st;
}
