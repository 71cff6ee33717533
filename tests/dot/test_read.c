// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The DOT of kg_graph_write_dot(), read back with cgraph (agmemread): what
// is drawn, how it is labelled and styled, what is merged, grouped, left
// out or refused.

#include "dot_support.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>
#include <graphviz/cgraph.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LAB "http://example.org/labels#"
#define HIER "http://example.org/hier#"
#define SYM "http://example.org/sym#"
#define LIT "http://example.org/lit#"
#define CL "http://example.org/cl#"
#define FOC "http://example.org/focus#"

/*
  Helpers
*/

/// A DOT output and its graph, read back with cgraph.
typedef struct {
  DotOut    out;
  Agraph_t* g;
} Picture;

/// Write `g` as DOT (must succeed) and read it back with cgraph.
static Picture
draw(const KgGraph* const      g,
     const KgGraph* const      ontology,
     const KgDotOptions* const dot)
{
  Picture p = {dot_write(g, ontology, dot), NULL};
  cr_assert_eq(p.out.status,
               KG_SUCCESS,
               "kg_graph_write_dot: %s\n%s",
               kg_strerror(p.out.status),
               p.out.messages.text);
  cr_assert_gt(p.out.len, 0U);
  p.g = agmemread(p.out.text);
  cr_assert_not_null(p.g, "cgraph cannot read the DOT back:\n%s", p.out.text);
  return p;
}

/// Draw tests/data/dot/NAME with the options `dot`, and no legend.
static Picture
draw_file(const char* const name, KgDotOptions* const dot)
{
  KgGraph* const g = dot_graph_load(name);
  dot->no_legend   = true;
  const Picture p  = draw(g, NULL, dot);
  kg_graph_free(g);
  return p;
}

static void
picture_free(Picture* const p)
{
  agclose(p->g);
  dot_out_free(&p->out);
}

static Agnode_t*
node(const Picture* const p, const char* const name)
{
  char buf[1024];
  snprintf(buf, sizeof(buf), "%s", name);
  Agnode_t* const n = agnode(p->g, buf, 0);
  cr_assert_not_null(n, "no node '%s' in\n%s", name, p->out.text);
  return n;
}

static bool
has_node(const Picture* const p, const char* const name)
{
  char buf[1024];
  snprintf(buf, sizeof(buf), "%s", name);
  return agnode(p->g, buf, 0) != NULL;
}

/// Return attribute `name` of `obj` ("" when unset).
static const char*
attr(void* const obj, const char* const name)
{
  char buf[64];
  snprintf(buf, sizeof(buf), "%s", name);
  const char* const v = agget(obj, buf);
  return v ? v : "";
}

/// The text a node shows first: its plain label, or the bold title of its
/// HTML-like table.  Returned in a static buffer.
static const char*
title(const Picture* const p, const char* const name)
{
  static char buf[4096];
  char        key[] = "label";
  char* const label = agget(node(p, name), key);
  cr_assert_not_null(label);
  if (!aghtmlstr(label)) {
    snprintf(buf, sizeof(buf), "%s", label);
    return buf;
  }
  const char* const b   = strstr(label, "<B>");
  const char* const end = b ? strstr(b, "</B>") : NULL;
  cr_assert(b && end, "no title in the table '%s'", label);
  snprintf(buf, sizeof(buf), "%.*s", (int)(end - b - 3), b + 3);
  return buf;
}

/// Return the one edge between nodes `a` and `b`, either way (test fails
/// if there is none or several).
static Agedge_t*
only_edge(const Picture* const p, const char* const a, const char* const b)
{
  Agnode_t* const na    = node(p, a);
  Agnode_t* const nb    = node(p, b);
  Agedge_t*       found = NULL;
  unsigned        n     = 0U;
  for (Agedge_t* e = agfstout(p->g, na); e; e = agnxtout(p->g, e)) {
    if (aghead(e) == nb) {
      found = e;
      ++n;
    }
  }
  for (Agedge_t* e = agfstout(p->g, nb); na != nb && e; e = agnxtout(p->g, e)) {
    if (aghead(e) == na) {
      found = e;
      ++n;
    }
  }
  cr_assert_eq(
    n, 1U, "%u edges between '%s' and '%s' in\n%s", n, a, b, p->out.text);
  return found;
}

/// Return the number of edges between `a` and `b`, either way.
static unsigned
n_edges_between(const Picture* const p, const char* const a, const char* b)
{
  Agnode_t* const na = node(p, a);
  Agnode_t* const nb = node(p, b);
  unsigned        n  = 0U;
  for (Agedge_t* e = agfstout(p->g, na); e; e = agnxtout(p->g, e)) {
    n += aghead(e) == nb;
  }
  for (Agedge_t* e = agfstout(p->g, nb); na != nb && e; e = agnxtout(p->g, e)) {
    n += aghead(e) == na;
  }
  return n;
}

/// Assert that the nodes of the picture are exactly `names` (NULL-ended).
static void
assert_nodes(const Picture* const p, const char* const* const names)
{
  int n = 0;
  for (; names[n]; ++n) {
    cr_assert(has_node(p, names[n]),
              "node '%s' missing from\n%s",
              names[n],
              p->out.text);
  }
  cr_assert_eq(
    agnnodes(p->g), n, "%d nodes, not %d:\n%s", agnnodes(p->g), n, p->out.text);
}

/*
  Counts
*/

Test(read, counts_of_nodes_and_edges)
{
  KgDotOptions o;
  kg_dot_options_init(&o);
  Picture p = draw_file("literals.ttl", &o);
  cr_assert_eq(agnnodes(p.g), 3); // a, b, c; literals in their tables
  cr_assert_eq(agnedges(p.g), 2); // a rel b, c rel a
  picture_free(&p);

  kg_dot_options_init(&o);
  p = draw_file("symmetric.ttl", &o);
  cr_assert_eq(agnnodes(p.g), 5);
  // Without the ontology the properties are plain: all 7 triples drawn
  cr_assert_eq(agnedges(p.g), 7);
  picture_free(&p);
}

Test(read, names_are_iris_and_the_graph_is_directed)
{
  KgDotOptions o;
  kg_dot_options_init(&o);
  Picture p = draw_file("literals.ttl", &o);
  cr_assert(agisdirected(p.g));
  cr_assert(has_node(&p, LIT "a"));
  cr_assert(has_node(&p, LIT "b"));
  cr_assert(has_node(&p, LIT "c"));
  picture_free(&p);
}

Test(read, blank_nodes_get_names_of_their_own)
{
  KgGraph* const g =
    dot_graph_from("@prefix ex: <http://example.org/b#> .\n"
                   "ex:x ex:p [ ex:q [ ex:r ex:y ] ] , [ ex:r ex:y ] .\n");
  KgDotOptions o;
  kg_dot_options_init(&o);
  Picture p = draw(g, NULL, &o);
  cr_assert_eq(agnnodes(p.g), 5);
  cr_assert_eq(agnedges(p.g), 5);
  for (Agnode_t* n = agfstnode(p.g); n; n = agnxtnode(p.g, n)) {
    const char* const name = agnameof(n);
    cr_assert(!strncmp(name, "http://example.org/b#", 21U) ||
                !strncmp(name, "_:", 2U),
              "odd node name '%s'",
              name);
    // A blank node shows no made-up name
    if (!strncmp(name, "_:", 2U)) {
      cr_assert_str_empty(title(&p, name));
    }
  }
  picture_free(&p);
  kg_graph_free(g);
}

/*
  Labels
*/

Test(read, node_labels_and_their_fallbacks)
{
  KgDotOptions o;
  kg_dot_options_init(&o);
  Picture p = draw_file("labels.ttl", &o);
  cr_assert_str_eq(title(&p, LAB "all"), "All (en)");
  cr_assert_str_eq(title(&p, LAB "pref"), "Pref only");
  cr_assert_str_eq(title(&p, LAB "schema"), "Schema only");
  cr_assert_str_eq(title(&p, LAB "foaf"), "Foaf only");
  cr_assert_str_eq(title(&p, LAB "qname"), "ex:qname");
  // Only a label in another language: better than the QName
  cr_assert_str_eq(title(&p, LAB "french"), "Seulement français");
  // No prefix fits: the IRI itself
  const char* const iri = title(&p, "http://elsewhere.example/thing/1");
  cr_assert(!strcmp(iri, "http://elsewhere.example/thing/1") ||
              !strcmp(iri, "<http://elsewhere.example/thing/1>"),
            "label '%s'",
            iri);
  cr_assert_eq(agnnodes(p.g), 9); // 8 entities, and ex:rel (it has labels)
  cr_assert_eq(agnedges(p.g), 8);
  picture_free(&p);
}

Test(read, lang_chooses_the_language_of_labels)
{
  KgDotOptions o;
  kg_dot_options_init(&o);
  o.lang    = "fr";
  Picture p = draw_file("labels.ttl", &o);
  cr_assert_str_eq(title(&p, LAB "all"), "Tout (fr)");
  cr_assert_str_eq(attr(only_edge(&p, LAB "all", LAB "pref"), "label"),
                   "lié à");
  // The language first: no French, so a name with no language, before the
  // English skos:prefLabel
  cr_assert_str_eq(title(&p, LAB "pref"), "Pref schema");
  cr_assert_str_eq(title(&p, LAB "lang"), "Seulement le pref");
  picture_free(&p);

  // The default is English
  kg_dot_options_init(&o);
  o.lang = NULL;
  p      = draw_file("labels.ttl", &o);
  cr_assert_str_eq(title(&p, LAB "all"), "All (en)");
  picture_free(&p);
}

Test(read, edge_labels_are_the_property_label_else_its_qname)
{
  KgDotOptions o;
  kg_dot_options_init(&o);
  Picture p = draw_file("labels.ttl", &o);
  cr_assert_str_eq(attr(only_edge(&p, LAB "all", LAB "pref"), "label"),
                   "related to");
  cr_assert_str_eq(attr(only_edge(&p, LAB "foaf", LAB "qname"), "label"),
                   "ex:other");
  picture_free(&p);
}

Test(read, labels_are_cut_at_max_label)
{
  KgGraph* const g =
    dot_graph_from("@prefix ex: <http://example.org/cut#> .\n"
                   "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                   "ex:a rdfs:label \"abcdefghij\" ; ex:p ex:b .\n"
                   "ex:b rdfs:label \"abcde\" .\n"
                   "ex:p rdfs:label \"ppppppp\" .\n");
  KgDotOptions o;
  kg_dot_options_init(&o);
  o.max_label = 5U;
  Picture p   = draw(g, NULL, &o);
  cr_assert_str_eq(title(&p, "http://example.org/cut#a"), "abcde…");
  cr_assert_str_eq(title(&p, "http://example.org/cut#b"), "abcde");
  cr_assert_str_eq(
    attr(only_edge(&p, "http://example.org/cut#a", "http://example.org/cut#b"),
         "label"),
    "ppppp…");
  picture_free(&p);

  o.max_label = 0U;
  p           = draw(g, NULL, &o);
  cr_assert_str_eq(title(&p, "http://example.org/cut#a"), "abcdefghij");
  picture_free(&p);
  kg_graph_free(g);
}

/*
  Styles
*/

/// Check the look of the nodes of hierarchy.ttl.
static void
check_hierarchy_styles(const Picture* const p)
{
  // Top: everything from its own style
  Agnode_t* const top = node(p, HIER "top1");
  cr_assert_str_eq(attr(top, "shape"), "hexagon");
  cr_assert_str_eq(attr(top, "fillcolor"), "#111111");
  cr_assert_str_eq(attr(top, "color"), "#222222");
  cr_assert_str_eq(attr(top, "fontcolor"), "#333333");
  cr_assert_str_eq(attr(top, "penwidth"), "3");
  cr_assert_str_eq(attr(top, "style"), "filled,bold");

  // Middle: its own fill colour, the rest inherited; Bottom: as Middle
  const char* const names[] = {HIER "mid1", HIER "bot1", HIER "bot2"};
  for (size_t i = 0U; i < 3U; ++i) {
    Agnode_t* const n = node(p, names[i]);
    cr_assert_str_eq(attr(n, "fillcolor"), "#444444", "%s", names[i]);
    cr_assert_str_eq(attr(n, "shape"), "hexagon", "%s", names[i]);
    cr_assert_str_eq(attr(n, "color"), "#222222", "%s", names[i]);
    cr_assert_str_eq(attr(n, "fontcolor"), "#333333", "%s", names[i]);
    cr_assert_str_eq(attr(n, "penwidth"), "3", "%s", names[i]);
    cr_assert_str_eq(attr(n, "style"), "filled,bold", "%s", names[i]);
  }

  // Unstyled classes and untyped nodes keep the defaults
  Agnode_t* const defaults = node(p, HIER "untyped");
  Agnode_t* const plain    = node(p, HIER "plain1");
  cr_assert_str_eq(attr(plain, "fillcolor"), attr(defaults, "fillcolor"));
  cr_assert_str_eq(attr(plain, "shape"), attr(defaults, "shape"));
  cr_assert_str_neq(attr(plain, "shape"), "hexagon");

  // Edges of a styled property
  Agedge_t* const e = only_edge(p, HIER "top1", HIER "mid1");
  cr_assert_str_eq(attr(e, "color"), "#555555");
  cr_assert_str_eq(attr(e, "style"), "dashed");
}

Test(read, styles_are_inherited_through_subclasses)
{
  KgGraph* const g        = dot_graph_load("hierarchy.ttl");
  KgGraph* const ontology = dot_graph_load("hierarchy-ontology.ttl");
  KgGraph* const style    = dot_graph_load("hierarchy-style.ttl");
  KgDotOptions   o;
  kg_dot_options_init(&o);
  o.style     = style;
  o.no_legend = true;
  Picture p   = draw(g, ontology, &o);
  check_hierarchy_styles(&p);
  cr_assert_eq(agnnodes(p.g), 6);
  // rdf:type is hidden by the style: classes are no nodes
  cr_assert(!has_node(&p, HIER "Top"));
  cr_assert(!has_node(&p, HIER "Bottom"));
  picture_free(&p);
  kg_graph_free(style);
  kg_graph_free(ontology);
  kg_graph_free(g);
}

Test(read, the_class_hierarchy_may_come_from_the_style_or_the_graph)
{
  // In the style
  KgGraph* const g        = dot_graph_load("hierarchy.ttl");
  KgGraph* const ontology = dot_graph_load("hierarchy-ontology.ttl");
  KgGraph* const style    = dot_graph_load("hierarchy-style.ttl");
  cr_assert_eq(kg_graph_add_graph(style, ontology), KG_SUCCESS);
  KgDotOptions o;
  kg_dot_options_init(&o);
  o.style     = style;
  o.no_legend = true;
  Picture p   = draw(g, NULL, &o);
  check_hierarchy_styles(&p);
  picture_free(&p);
  kg_graph_free(style);

  // In the graph drawn
  KgGraph* const style2 = dot_graph_load("hierarchy-style.ttl");
  cr_assert_eq(kg_graph_add_graph(g, ontology), KG_SUCCESS);
  o.style = style2;
  p       = draw(g, NULL, &o);
  check_hierarchy_styles(&p);
  picture_free(&p);
  kg_graph_free(style2);
  kg_graph_free(ontology);
  kg_graph_free(g);
}

Test(read, the_built_in_style_and_its_replacement)
{
  KgGraph* const g =
    dot_graph_from("@prefix kg: <https://kgraph.example/ontology#> .\n"
                   "@prefix ex: <http://example.org/b#> .\n"
                   "ex:co a kg:Company ; kg:competesWith ex:other .\n"
                   "ex:other a kg:Company .\n");
  KgDotOptions o;
  kg_dot_options_init(&o);
  o.no_legend        = true;
  Picture         p  = draw(g, NULL, &o);
  Agnode_t*       co = node(&p, "http://example.org/b#co");
  cr_assert_str_eq(attr(co, "fillcolor"), "#9fc5e8");
  cr_assert_str_eq(attr(co, "penwidth"), "2");
  // rdf:type is hidden; kg:competesWith is a bold red edge
  cr_assert(!has_node(&p, "https://kgraph.example/ontology#Company"));
  Agedge_t* const e =
    only_edge(&p, "http://example.org/b#co", "http://example.org/b#other");
  cr_assert_str_eq(attr(e, "color"), "#cc0000");
  cr_assert_str_eq(attr(e, "style"), "bold");
  cr_assert_eq(agnnodes(p.g), 2);
  picture_free(&p);

  // kg_dot_default_style() is ontology/style.ttl
  cr_assert_not_null(strstr(kg_dot_default_style(), "kg:Company"));

  // --style overrides the built-in style where it says something, and
  // leaves the rest: here it says nothing of kg:Company or kg:competesWith
  KgGraph* const style = dot_graph_load("hierarchy-style.ttl");
  o.style              = style;
  p                    = draw(g, NULL, &o);
  cr_assert_str_eq(attr(node(&p, "http://example.org/b#co"), "fillcolor"),
                   "#9fc5e8");
  cr_assert_str_eq(
    attr(only_edge(&p, "http://example.org/b#co", "http://example.org/b#other"),
         "color"),
    "#cc0000");
  picture_free(&p);
  kg_graph_free(style);

  // One attribute changed, the others kept
  KgGraph* const over = dot_graph_load("override-style.ttl");
  o.style             = over;
  p                   = draw(g, NULL, &o);
  co                  = node(&p, "http://example.org/b#co");
  cr_assert_str_eq(attr(co, "fillcolor"), "#123456");
  cr_assert_str_eq(attr(co, "penwidth"), "2");
  cr_assert(!has_node(&p, "https://kgraph.example/ontology#Company"));
  picture_free(&p);
  kg_graph_free(over);
  kg_graph_free(g);
}

Test(read, hidden_classes_are_not_drawn)
{
  KgGraph* const g =
    dot_graph_from("@prefix kg: <https://kgraph.example/ontology#> .\n"
                   "@prefix ex: <http://example.org/h#> .\n"
                   "ex:claim a kg:Claim ; ex:about ex:thing .\n"
                   "ex:thing ex:rel ex:other .\n");
  KgDotOptions o;
  kg_dot_options_init(&o);
  o.no_legend = true;
  Picture p   = draw(g, NULL, &o);
  cr_assert(!has_node(&p, "http://example.org/h#claim"));
  cr_assert_eq(agnnodes(p.g), 2);
  cr_assert_eq(agnedges(p.g), 1);
  picture_free(&p);
  kg_graph_free(g);
}

/*
  The legend
*/

/// Return the legend subgraph, or NULL.
static Agraph_t*
legend(const Picture* const p)
{
  char name[] = "cluster_legend";
  return agsubg(p->g, name, 0);
}

/// Return true iff legend node `n` stands for a class (not a title, not
/// the end of a sample edge).
static bool
is_class_entry(Agnode_t* const n)
{
  return strcmp(attr(n, "shape"), "point") &&
         strcmp(attr(n, "shape"), "plaintext");
}

static int
class_entries(Agraph_t* const l)
{
  int n_entries = 0;
  for (Agnode_t* n = agfstnode(l); n; n = agnxtnode(l, n)) {
    n_entries += is_class_entry(n);
  }
  return n_entries;
}

/// Return the number of edges of `g` labelled `label`.
static int
count_label(Agraph_t* const g, const char* const label)
{
  int n_edges = 0;
  for (Agnode_t* n = agfstnode(g); n; n = agnxtnode(g, n)) {
    for (Agedge_t* e = agfstout(g, n); e; e = agnxtout(g, e)) {
      n_edges += !strcmp(attr(e, "label"), label);
    }
  }
  return n_edges;
}

Test(read, legend_has_one_node_per_look_present)
{
  KgGraph* const g        = dot_graph_load("hierarchy.ttl");
  KgGraph* const ontology = dot_graph_load("hierarchy-ontology.ttl");
  KgGraph* const style    = dot_graph_load("hierarchy-style.ttl");
  KgDotOptions   o;
  kg_dot_options_init(&o);
  o.style   = style;
  Picture p = draw(g, ontology, &o);

  Agraph_t* const l = legend(&p);
  cr_assert_not_null(l, "no cluster_legend in\n%s", p.out.text);
  cr_assert_eq(agnnodes(p.g), 6 + agnnodes(l));

  // Two looks: Top's, and Middle's (which Bottom shares); and the sample
  // edge of ex:rel, which has a colour of its own
  cr_expect_eq(class_entries(l),
               2,
               "%d legend nodes, not 2 (Top's and Middle's looks):\n%s",
               class_entries(l),
               p.out.text);
  cr_expect_eq(count_label(l, "ex:rel"), 1, "%s", p.out.text);
  bool top = false;
  bool mid = false;
  for (Agnode_t* n = agfstnode(l); n; n = agnxtnode(l, n)) {
    if (!is_class_entry(n)) {
      continue;
    }
    const char* const fill  = attr(n, "fillcolor");
    char              key[] = "label";
    const char* const label = agget(n, key);
    for (Agedge_t* e = agfstedge(p.g, n); e; e = agnxtedge(p.g, e, n)) {
      cr_expect_str_eq(attr(e, "style"), "invis", "a legend node has edges");
    }
    if (!strcmp(fill, "#111111")) {
      top = true;
      cr_expect_str_eq(label, "Top class");
      cr_expect_str_eq(attr(n, "shape"), "hexagon");
    } else if (!strcmp(fill, "#444444")) {
      mid = true;
      cr_expect_str_eq(label, "Middle class");
      cr_expect_str_eq(attr(n, "shape"), "hexagon");
    } else {
      cr_expect_fail("legend node '%s' has fill colour '%s'", label, fill);
    }
    // A legend entry names the class that gives its look its fill colour
    if (!strcmp(label, "Top class")) {
      cr_expect_str_eq(fill, "#111111", "'Top class' in the legend");
    }
  }
  cr_expect(top, "no legend entry for the look of Top (#111111)");
  cr_expect(mid, "no legend entry for the look of Middle (#444444)");
  picture_free(&p);

  // Only what is present: no Middle or Bottom instance, one entry
  KgGraph* const only_top =
    dot_graph_from("@prefix ex: <http://example.org/hier#> .\n"
                   "ex:top1 a ex:Top . ex:x ex:rel ex:top1 .\n");
  p                  = draw(only_top, ontology, &o);
  Agraph_t* const l2 = legend(&p);
  cr_assert_not_null(l2);
  cr_assert_eq(class_entries(l2), 1);
  for (Agnode_t* n = agfstnode(l2); n; n = agnxtnode(l2, n)) {
    if (is_class_entry(n)) {
      cr_assert_str_eq(attr(n, "fillcolor"), "#111111");
    }
  }
  picture_free(&p);

  // --no-legend
  o.no_legend = true;
  p           = draw(g, ontology, &o);
  cr_assert_null(legend(&p));
  cr_assert_eq(agnnodes(p.g), 6);
  picture_free(&p);

  kg_graph_free(only_top);
  kg_graph_free(style);
  kg_graph_free(ontology);
  kg_graph_free(g);
}

Test(read, no_legend_without_styled_classes)
{
  KgDotOptions o;
  kg_dot_options_init(&o);
  KgGraph* const g = dot_graph_load("literals.ttl");
  Picture        p = draw(g, NULL, &o);
  cr_assert_null(legend(&p));
  picture_free(&p);
  kg_graph_free(g);
}

/*
  Symmetric and inverse properties
*/

Test(read, symmetric_edges_are_drawn_once_without_arrows)
{
  KgGraph* const g        = dot_graph_load("symmetric.ttl");
  KgGraph* const ontology = dot_graph_load("symmetric-ontology.ttl");
  KgDotOptions   o;
  kg_dot_options_init(&o);
  o.no_legend = true;
  Picture p   = draw(g, ontology, &o);

  // a knows b, b knows a: one edge
  Agedge_t* const ab = only_edge(&p, SYM "a", SYM "b");
  cr_assert_str_eq(attr(ab, "dir"), "none");
  cr_assert_str_eq(attr(ab, "label"), "knows");

  // c knows d only: one edge, no arrowheads too
  Agedge_t* const cd = only_edge(&p, SYM "c", SYM "d");
  cr_assert_str_eq(attr(cd, "dir"), "none");
  picture_free(&p);
  kg_graph_free(ontology);
  kg_graph_free(g);
}

Test(read, inverse_pairs_are_drawn_once)
{
  KgGraph* const g        = dot_graph_load("symmetric.ttl");
  KgGraph* const ontology = dot_graph_load("symmetric-ontology.ttl");
  KgDotOptions   o;
  kg_dot_options_init(&o);
  o.no_legend = true;
  Picture p   = draw(g, ontology, &o);

  // a parentOf c, c childOf a: one edge, labelled by one of the two
  Agedge_t* const ac    = only_edge(&p, SYM "a", SYM "c");
  const char*     label = attr(ac, "label");
  cr_assert(!strcmp(label, "child of") || !strcmp(label, "ex:parentOf"),
            "label '%s'",
            label);
  // And its direction agrees with its label
  cr_assert_str_eq(agnameof(agtail(ac)),
                   !strcmp(label, "child of") ? SYM "c" : SYM "a");
  cr_assert_str_neq(attr(ac, "dir"), "none");

  // One side only: drawn as it is
  Agedge_t* const de = only_edge(&p, SYM "d", SYM "e");
  cr_assert_str_eq(agnameof(agtail(de)), SYM "d");
  cr_assert_str_eq(attr(de, "label"), "ex:parentOf");
  Agedge_t* const be = only_edge(&p, SYM "b", SYM "e");
  cr_assert_str_eq(agnameof(agtail(be)), SYM "b");
  cr_assert_str_eq(attr(be, "label"), "child of");

  cr_assert_eq(agnnodes(p.g), 5);
  cr_assert_eq(agnedges(p.g), 5);
  picture_free(&p);
  kg_graph_free(ontology);
  kg_graph_free(g);
}

Test(read, declarations_in_the_graph_itself_count_too)
{
  KgGraph* const g        = dot_graph_load("symmetric.ttl");
  KgGraph* const ontology = dot_graph_load("symmetric-ontology.ttl");
  cr_assert_eq(kg_graph_add_graph(g, ontology), KG_SUCCESS);
  KgDotOptions o;
  kg_dot_options_init(&o);
  o.no_legend = true;
  Picture p   = draw(g, NULL, &o);
  cr_assert_str_eq(attr(only_edge(&p, SYM "a", SYM "b"), "dir"), "none");
  cr_assert_str_eq(attr(only_edge(&p, SYM "c", SYM "d"), "dir"), "none");
  only_edge(&p, SYM "a", SYM "c");
  picture_free(&p);
  kg_graph_free(ontology);
  kg_graph_free(g);
}

Test(read, inverse_pair_with_one_side_excluded_keeps_the_other)
{
  KgGraph* const g        = dot_graph_load("symmetric.ttl");
  KgGraph* const ontology = dot_graph_load("symmetric-ontology.ttl");
  KgDotOptions   o;
  kg_dot_options_init(&o);
  o.no_legend                 = true;
  const char* const exclude[] = {"ex:childOf"};
  o.exclude                   = exclude;
  o.n_exclude                 = 1U;
  Picture p                   = draw(g, ontology, &o);
  // a parentOf c stays, though c childOf a is left out
  cr_expect_eq(n_edges_between(&p, SYM "a", SYM "c"),
               1U,
               "--exclude ex:childOf removes 'a parentOf c' too:\n%s",
               p.out.text);
  cr_assert_eq(n_edges_between(&p, SYM "b", SYM "e"), 0U);
  picture_free(&p);
  kg_graph_free(ontology);
  kg_graph_free(g);
}

Test(read, a_self_inverse_property_is_drawn_once)
{
  KgGraph* const g =
    dot_graph_from("@prefix ex: <http://example.org/s#> .\n"
                   "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
                   "ex:a ex:sibling ex:b . ex:b ex:sibling ex:a .\n");
  KgGraph* const ontology =
    dot_graph_from("@prefix ex: <http://example.org/s#> .\n"
                   "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
                   "ex:sibling owl:inverseOf ex:sibling .\n");
  KgDotOptions o;
  kg_dot_options_init(&o);
  o.no_legend = true;
  Picture p   = draw(g, ontology, &o);
  cr_expect_eq(
    n_edges_between(&p, "http://example.org/s#a", "http://example.org/s#b"),
    1U,
    "a owl:inverseOf itself: a pair drawn twice:\n%s",
    p.out.text);
  picture_free(&p);
  kg_graph_free(ontology);
  kg_graph_free(g);
}

/*
  Literals
*/

Test(read, literals_as_a_table)
{
  KgDotOptions o;
  kg_dot_options_init(&o);
  o.literals    = KG_DOT_LITERALS_TABLE;
  Picture p     = draw_file("literals.ttl", &o);
  char    key[] = "label";

  char* const a = agget(node(&p, LIT "a"), key);
  cr_assert(aghtmlstr(a));
  cr_assert_str_eq(title(&p, LIT "a"), "Alpha");
  cr_assert_not_null(strstr(a, ">ex:year<"));
  cr_assert_not_null(strstr(a, ">2024<"));
  cr_assert_not_null(strstr(a, ">same text<"));

  // Another language than the one asked is marked
  const char* const b = agget(node(&p, LIT "b"), key);
  cr_assert_not_null(strstr(b, "Bonjour @fr"), "%s", b);

  // No literal: a plain label
  char* const c = agget(node(&p, LIT "c"), key);
  cr_assert(!aghtmlstr(c));
  cr_assert_str_eq(c, "ex:c");
  cr_assert_eq(agnnodes(p.g), 3);
  cr_assert_eq(agnedges(p.g), 2);
  picture_free(&p);
}

Test(read, literals_as_nodes_are_never_merged)
{
  KgDotOptions o;
  kg_dot_options_init(&o);
  o.literals = KG_DOT_LITERALS_NODES;
  Picture p  = draw_file("literals.ttl", &o);

  // 3 entities and 4 literal triples (the titles stay titles)
  cr_assert_eq(agnnodes(p.g), 7, "%s", p.out.text);
  cr_assert_eq(agnedges(p.g), 6);
  cr_assert_str_eq(title(&p, LIT "a"), "Alpha");
  cr_assert_str_eq(title(&p, LIT "b"), "Beta");

  // "same text" twice: two nodes, one from a, one from b
  unsigned  n_same = 0U;
  Agnode_t* from_a = NULL;
  Agnode_t* from_b = NULL;
  char      key[]  = "label";
  for (Agnode_t* n = agfstnode(p.g); n; n = agnxtnode(p.g, n)) {
    if (strcmp(agget(n, key), "same text")) {
      continue;
    }
    ++n_same;
    cr_assert_eq(agdegree(p.g, n, 1, 0), 1);
    cr_assert_eq(agdegree(p.g, n, 0, 1), 0);
    Agedge_t* const in = agfstin(p.g, n);
    cr_assert_str_eq(attr(in, "label"), "ex:note");
    const char* const from = agnameof(agtail(in));
    if (!strcmp(from, LIT "a")) {
      from_a = n;
    } else if (!strcmp(from, LIT "b")) {
      from_b = n;
    }
  }
  cr_assert_eq(n_same, 2U, "%s", p.out.text);
  cr_assert(from_a && from_b && from_a != from_b);
  picture_free(&p);
}

Test(read, literals_hidden)
{
  KgDotOptions o;
  kg_dot_options_init(&o);
  o.literals = KG_DOT_LITERALS_NONE;
  Picture p  = draw_file("literals.ttl", &o);
  cr_assert_eq(agnnodes(p.g), 3);
  cr_assert_eq(agnedges(p.g), 2);
  char key[] = "label";
  for (Agnode_t* n = agfstnode(p.g); n; n = agnxtnode(p.g, n)) {
    cr_assert(!aghtmlstr(agget(n, key)));
  }
  // Still labelled
  cr_assert_str_eq(title(&p, LIT "a"), "Alpha");
  cr_assert_null(strstr(p.out.text, "2024"));
  cr_assert_null(strstr(p.out.text, "same text"));
  picture_free(&p);
}

/*
  Leaving out, grouping
*/

Test(read, exclude_leaves_properties_out)
{
  KgDotOptions o;
  kg_dot_options_init(&o);
  const char* const exclude[] = {
    "ex:rel", "http://example.org/lit#year", "ex:unused"};
  o.exclude   = exclude;
  o.n_exclude = 3U;
  Picture p   = draw_file("literals.ttl", &o);
  cr_assert_eq(agnedges(p.g), 0);
  cr_assert_eq(agnnodes(p.g), 3);
  char key[] = "label";
  cr_assert_null(strstr(agget(node(&p, LIT "a"), key), "2024"));
  cr_assert_not_null(strstr(agget(node(&p, LIT "a"), key), "same text"));
  picture_free(&p);

  // Leaving rdfs:label out: the titles fall back to the QName
  const char* const labels[] = {"rdfs:label"};
  o.exclude                  = labels;
  o.n_exclude                = 1U;
  p                          = draw_file("literals.ttl", &o);
  cr_assert_str_eq(title(&p, LIT "a"), "ex:a");
  cr_assert_eq(agnedges(p.g), 2);
  picture_free(&p);

  // Leaving out every edge into a node leaves it out, as an object
  const char* const rel[] = {"ex:rel"};
  o.exclude               = rel;
  o.n_exclude             = 1U;
  KgGraph* const g = dot_graph_from("@prefix ex: <http://example.org/x#> .\n"
                                    "ex:a ex:rel ex:b ; ex:keep ex:c .\n");
  o.no_legend      = true;
  p                = draw(g, NULL, &o);
  cr_assert(!has_node(&p, "http://example.org/x#b"));
  cr_assert(has_node(&p, "http://example.org/x#c"));
  cr_assert_eq(agnnodes(p.g), 2);
  picture_free(&p);
  kg_graph_free(g);
}

/// Return the members of cluster subgraph `sub` as "a b c" (sorted by
/// cgraph's order of creation), in a static buffer.
static const char*
members(Agraph_t* const sub)
{
  static char buf[4096];
  size_t      len = 0U;
  buf[0]          = '\0';
  for (Agnode_t* n = agfstnode(sub); n; n = agnxtnode(sub, n)) {
    const int w = snprintf(
      buf + len, sizeof(buf) - len, "%s%s", len ? " " : "", agnameof(n));
    cr_assert(w > 0 && (size_t)w < sizeof(buf) - len);
    len += (size_t)w;
  }
  return buf;
}

Test(read, cluster_by_groups_nodes_by_an_object)
{
  KgDotOptions o;
  kg_dot_options_init(&o);
  o.cluster_by = "ex:worksFor";
  Picture p    = draw_file("cluster.ttl", &o);

  Agraph_t* acme   = NULL;
  Agraph_t* globex = NULL;
  unsigned  n_sub  = 0U;
  for (Agraph_t* s = agfstsubg(p.g); s; s = agnxtsubg(s)) {
    ++n_sub;
    cr_assert(!strncmp(agnameof(s), "cluster", 7U),
              "subgraph '%s' is not a cluster",
              agnameof(s));
    const char* const label = attr(s, "label");
    if (!strcmp(label, "Acme")) {
      acme = s;
    } else if (!strcmp(label, "Globex")) {
      globex = s;
    }
  }
  cr_assert_eq(n_sub, 2U, "%s", p.out.text);
  cr_assert_not_null(acme, "%s", p.out.text);
  cr_assert_not_null(globex, "%s", p.out.text);
  cr_assert_str_eq(members(acme), CL "acme " CL "alice " CL "bob");
  cr_assert_str_eq(members(globex), CL "carol " CL "dan " CL "globex");

  // erin works nowhere: in no cluster, but drawn
  cr_assert(has_node(&p, CL "erin"));
  cr_assert_eq(agnnodes(p.g), 7);
  // Edges still join the clusters
  only_edge(&p, CL "dan", CL "alice");
  picture_free(&p);

  // By IRI: the same
  o.cluster_by = "http://example.org/cl#worksFor";
  p            = draw_file("cluster.ttl", &o);
  int n        = 0;
  for (Agraph_t* s = agfstsubg(p.g); s; s = agnxtsubg(s)) {
    ++n;
  }
  cr_assert_eq(n, 2);
  picture_free(&p);
}

Test(read, cluster_by_an_unknown_property_is_refused)
{
  KgGraph* const g = dot_graph_load("cluster.ttl");
  KgDotOptions   o;
  kg_dot_options_init(&o);
  o.cluster_by = "ex:worksAt";
  DotOut out   = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_BAD_ARG);
  cr_assert_not_null(
    strstr(out.messages.text, "ex:worksAt"), "%s", out.messages.text);
  dot_out_free(&out);
  kg_graph_free(g);
}

/*
  Limits and neighbourhoods
*/

Test(read, max_nodes_refuses_with_the_figures)
{
  KgGraph* const g = dot_graph_load("focus.ttl");
  KgDotOptions   o;
  kg_dot_options_init(&o);
  o.max_nodes = 15U; // focus.ttl has 15
  DotOut out  = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_SUCCESS, "%s", out.messages.text);
  dot_out_free(&out);

  o.max_nodes = 14U;
  out         = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_BAD_LIMIT);
  cr_assert_eq(out.messages.n_errors, 1U, "%s", out.messages.text);
  cr_assert_not_null(strstr(out.messages.text, "15 nodes, more than 14"),
                     "%s",
                     out.messages.text);
  cr_assert_eq(out.len, 0U, "DOT written though refused");
  dot_out_free(&out);

  // With a focus, the limit counts the neighbourhood only
  o.focus = "ex:hub";
  o.depth = 1U;
  out     = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_SUCCESS, "%s", out.messages.text);
  dot_out_free(&out);
  kg_graph_free(g);
}

Test(read, max_nodes_counts_the_nodes_of_literals)
{
  // --literals=nodes draws literals.ttl with 7 nodes
  KgGraph* const g = dot_graph_load("literals.ttl");
  KgDotOptions   o;
  kg_dot_options_init(&o);
  o.literals  = KG_DOT_LITERALS_NODES;
  o.max_nodes = 3U;
  DotOut out  = dot_write(g, NULL, &o);
  cr_expect_eq(out.status,
               KG_BAD_LIMIT,
               "%s 7 nodes drawn with max_nodes = 3",
               out.status ? "" : "refused nothing:");
  dot_out_free(&out);
  kg_graph_free(g);
}

/// Draw focus.ttl around `focus` at `depth`; check its nodes are `names`.
static void
check_focus(const char* const        focus,
            const unsigned           depth,
            const char* const* const names)
{
  KgDotOptions o;
  kg_dot_options_init(&o);
  o.focus   = focus;
  o.depth   = depth;
  Picture p = draw_file("focus.ttl", &o);
  assert_nodes(&p, names);
  picture_free(&p);
}

Test(read, focus_on_a_chain)
{
  // By label
  static const char* const d0[] = {FOC "c2", NULL};
  static const char* const d1[] = {FOC "c1", FOC "c2", FOC "c3", NULL};
  static const char* const d2[] = {
    FOC "c0", FOC "c1", FOC "c2", FOC "c3", FOC "c4", NULL};
  check_focus("Chain middle", 0U, d0);
  check_focus("Chain middle", 1U, d1);
  check_focus("Chain middle", 2U, d2);

  // By IRI, at an end
  static const char* const end2[] = {FOC "c0", FOC "c1", FOC "c2", NULL};
  check_focus(FOC "c0", 2U, end2);

  // Edges inside the neighbourhood only
  KgDotOptions o;
  kg_dot_options_init(&o);
  o.focus   = "ex:c2";
  o.depth   = 1U;
  Picture p = draw_file("focus.ttl", &o);
  cr_assert_eq(agnedges(p.g), 2);
  only_edge(&p, FOC "c1", FOC "c2");
  only_edge(&p, FOC "c2", FOC "c3");
  picture_free(&p);
}

Test(read, focus_on_a_star)
{
  // By QName; edges are followed both ways
  static const char* const d0[] = {FOC "hub", NULL};
  static const char* const d1[] = {
    FOC "hub", FOC "s1", FOC "s2", FOC "s3", FOC "s4", NULL};
  static const char* const d2[] = {FOC "hub",
                                   FOC "s1",
                                   FOC "s2",
                                   FOC "s3",
                                   FOC "s4",
                                   FOC "l1",
                                   FOC "l4",
                                   NULL};
  check_focus("ex:hub", 0U, d0);
  check_focus("ex:hub", 1U, d1);
  check_focus("ex:hub", 2U, d2);
  check_focus("ex:hub", 9U, d2);

  // By label (with a language tag), from a leaf
  check_focus("The hub", 1U, d1);
  static const char* const leaf[] = {FOC "l1", FOC "s1", FOC "hub", NULL};
  check_focus("ex:l1", 2U, leaf);
}

Test(read, focus_that_names_nothing_is_refused)
{
  KgGraph* const g = dot_graph_load("focus.ttl");
  KgDotOptions   o;
  kg_dot_options_init(&o);
  static const char* const unknown[] = {
    "Nobody", "ex:nobody", "http://example.org/focus#nobody", "zz:hub"};
  for (size_t i = 0U; i < sizeof(unknown) / sizeof(unknown[0]); ++i) {
    o.focus    = unknown[i];
    DotOut out = dot_write(g, NULL, &o);
    cr_assert_eq(out.status, KG_BAD_ARG, "%s", unknown[i]);
    cr_assert_eq(out.messages.n_errors, 1U, "%s", out.messages.text);
    cr_assert_not_null(
      strstr(out.messages.text, unknown[i]), "%s", out.messages.text);
    cr_assert_eq(out.len, 0U);
    dot_out_free(&out);
  }
  kg_graph_free(g);
}

Test(read, focus_on_an_ambiguous_label_is_refused)
{
  KgGraph* const g = dot_graph_load("focus.ttl");
  KgDotOptions   o;
  kg_dot_options_init(&o);
  o.focus    = "Twin";
  DotOut out = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_BAD_ARG);
  cr_assert_not_null(
    strstr(out.messages.text, "'Twin'"), "%s", out.messages.text);
  cr_assert_eq(out.len, 0U);
  dot_out_free(&out);

  // Each twin by IRI is fine
  o.focus = "ex:twin1";
  o.depth = 1U;
  out     = dot_write(g, NULL, &o);
  cr_assert_eq(out.status, KG_SUCCESS);
  dot_out_free(&out);
  kg_graph_free(g);
}

/*
  Determinism
*/

Test(read, the_same_graph_gives_the_same_bytes)
{
  KgGraph* const g = dot_graph_load("hostile.ttl");
  DotOut         a = dot_write(g, NULL, NULL);
  DotOut         b = dot_write(g, NULL, NULL);
  cr_assert_eq(a.status, KG_SUCCESS);
  cr_assert_eq(a.len, b.len);
  cr_assert(!memcmp(a.text, b.text, a.len));
  dot_out_free(&a);
  dot_out_free(&b);
  kg_graph_free(g);
}
