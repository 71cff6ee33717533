// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Hedges and provenance drawn: the edges of claimed triples take the look
// of their status (from the style graph), the legend names every look in
// the picture, tooltips name statuses and sources, nodes link to their
// IRIs, and text from the data stays text in the SVG.
//
// Graphviz 2.43 reads freed memory when a second graph is laid out in the
// same process, so each test renders at most once (Criterion runs each
// test in a process of its own).

#include "dot_support.h"
#include "support.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define KG "https://kgraph.example/ontology#"
#define XLINK "http://www.w3.org/1999/xlink"

static const char* const prefixes =
  "@prefix ex: <http://example.org/h#> .\n"
  "@prefix kg: <https://kgraph.example/ontology#> .\n"
  "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
  "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
  "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n";

/// Write `prefixes` and `body` to `name` in a fresh directory.
static const char*
write_graph(const char* const name, const char* const body)
{
  char* const text = format("%s%s", prefixes, body);
  const char* path = path_in(tmp_dir(), name);
  write_file(path, text);
  free(text);
  return path;
}

/*
  The SVG, read back with libxml2
*/

/// An edge of the SVG: its ends (node names), link, tooltip, dash pattern.
typedef struct {
  char* from;
  char* to;
  char* href;
  char* title;
  char* dash;
  char* width;
} SvgEdge;

/// A node of the SVG: its name, link and tooltip.
typedef struct {
  char* name;
  char* href;
  char* title;
} SvgNode;

typedef struct {
  xmlDoc*  doc;
  SvgEdge* edges;
  size_t   n_edges;
  SvgNode* nodes;
  size_t   n_nodes;
} Svg;

static char*
dup_prop(const xmlNode* const n, const char* const name, const char* const ns)
{
  xmlChar* const v =
    ns ? xmlGetNsProp(n, (const xmlChar*)name, (const xmlChar*)ns)
       : xmlGetProp(n, (const xmlChar*)name);
  char* const s = v ? strdup((const char*)v) : NULL;
  xmlFree(v);
  return s;
}

/// Return the first element named `name` under `n` (depth first), or NULL.
static const xmlNode*
find(const xmlNode* const n, const char* const name)
{
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) {
      continue;
    }
    if (!strcmp((const char*)c->name, name)) {
      return c;
    }
    const xmlNode* const deeper = find(c, name);
    if (deeper) {
      return deeper;
    }
  }
  return NULL;
}

static char*
text_of(const xmlNode* const n)
{
  xmlChar* const content = n ? xmlNodeGetContent(n) : NULL;
  char* const    s       = strdup(content ? (const char*)content : "");
  xmlFree(content);
  return s;
}

static void
collect(const xmlNode* const first, Svg* const svg)
{
  for (const xmlNode* n = first; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) {
      continue;
    }
    char* const cls = dup_prop(n, "class", NULL);
    const bool  g   = !strcmp((const char*)n->name, "g");
    if (g && cls && !strncmp(cls, "edge", 4U)) {
      svg->edges =
        (SvgEdge*)realloc(svg->edges, (svg->n_edges + 1U) * sizeof(SvgEdge));
      cr_assert_not_null(svg->edges);
      SvgEdge* const e     = &svg->edges[svg->n_edges++];
      char* const    title = text_of(find(n, "title"));
      char* const    arrow = strstr(title, "->");
      cr_assert_not_null(arrow, "edge title '%s'", title);
      *arrow  = '\0';
      e->from = strdup(title);
      e->to   = strdup(arrow + 2);
      free(title);
      const xmlNode* const a    = find(n, "a");
      const xmlNode* const path = find(n, "path");
      e->href                   = a ? dup_prop(a, "href", XLINK) : NULL;
      e->title                  = a ? dup_prop(a, "title", XLINK) : NULL;
      e->dash  = path ? dup_prop(path, "stroke-dasharray", NULL) : NULL;
      e->width = path ? dup_prop(path, "stroke-width", NULL) : NULL;
    } else if (g && cls && !strcmp(cls, "node")) {
      svg->nodes =
        (SvgNode*)realloc(svg->nodes, (svg->n_nodes + 1U) * sizeof(SvgNode));
      cr_assert_not_null(svg->nodes);
      SvgNode* const       node = &svg->nodes[svg->n_nodes++];
      const xmlNode* const a    = find(n, "a");
      node->name                = text_of(find(n, "title"));
      node->href                = a ? dup_prop(a, "href", XLINK) : NULL;
      node->title               = a ? dup_prop(a, "title", XLINK) : NULL;
    } else {
      collect(n->children, svg);
    }
    free(cls);
  }
}

static Svg
svg_parse(const char* const text)
{
  Svg svg;
  memset(&svg, 0, sizeof(svg));
  svg.doc =
    xmlReadMemory(text, (int)strlen(text), "out.svg", NULL, XML_PARSE_NONET);
  cr_assert_not_null(svg.doc, "not well-formed SVG");
  collect(xmlDocGetRootElement(svg.doc), &svg);
  return svg;
}

static void
svg_free(Svg* const svg)
{
  for (size_t i = 0U; i < svg->n_edges; ++i) {
    free(svg->edges[i].from);
    free(svg->edges[i].to);
    free(svg->edges[i].href);
    free(svg->edges[i].title);
    free(svg->edges[i].dash);
    free(svg->edges[i].width);
  }
  for (size_t i = 0U; i < svg->n_nodes; ++i) {
    free(svg->nodes[i].name);
    free(svg->nodes[i].href);
    free(svg->nodes[i].title);
  }
  free(svg->edges);
  free(svg->nodes);
  xmlFreeDoc(svg->doc);
}

/// Render the graph at `path` as SVG with the extra arguments; parse it.
static Svg
render_svg(const char* const path, const char* const a, const char* const b)
{
  Run r = run("render", "-T", "svg", "--no-legend", path, a, b, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  Svg svg = svg_parse(r.out);
  run_free(&r);
  return svg;
}

/*
  Claims, read from N-Triples by hand (not by the code under test)
*/

typedef struct {
  char* claim;
  char* s;
  char* p;
  char* o;
  char* status;  ///< Who asserts it (kg:assertedBy)
  char* status2; ///< How certain it is (kg:certainty)
  int   n_subjects;
} Claim;

typedef struct {
  Claim* claims;
  size_t n;
} Claims;

static Claim*
claim_of(Claims* const c, const char* const id)
{
  for (size_t i = 0U; i < c->n; ++i) {
    if (!strcmp(c->claims[i].claim, id)) {
      return &c->claims[i];
    }
  }
  c->claims = (Claim*)realloc(c->claims, (c->n + 1U) * sizeof(Claim));
  cr_assert_not_null(c->claims);
  Claim* const claim = &c->claims[c->n++];
  memset(claim, 0, sizeof(*claim));
  claim->claim = strdup(id);
  return claim;
}

/// Return the IRI of an N-Triples term "<...>" (a copy), or NULL.
static char*
iri_of(const char* const term, const size_t len)
{
  if (len < 2U || term[0] != '<') {
    return NULL;
  }
  return strndup(term + 1, len - 2U);
}

/// Read the claims of graph `path` that describe IRI-to-IRI triples.
static Claims
read_claims(const char* const path)
{
  Run r = run("export", "--to", "ntriples", path, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  Claims c = {NULL, 0U};
  for (char* line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n")) {
    char* const sp1 = strchr(line, ' ');
    char* const sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
    if (!sp2) {
      continue;
    }
    const size_t o_len = strlen(sp2 + 1) - 2U; // " ."
    char* const  p     = strndup(sp1 + 1, (size_t)(sp2 - sp1 - 1));
    char* const  s     = strndup(line, (size_t)(sp1 - line));
    char* const  o     = iri_of(sp2 + 1, o_len);
    const char*  which = !strcmp(p, "<" RDF "subject>")     ? "s"
                         : !strcmp(p, "<" RDF "predicate>") ? "p"
                         : !strcmp(p, "<" RDF "object>")    ? "o"
                         : !strcmp(p, "<" KG "assertedBy>") ? "status"
                         : !strcmp(p, "<" KG "certainty>")  ? "status2"
                                                            : NULL;
    if (which) {
      Claim* const claim = claim_of(&c, s);
      char**       field = !strcmp(which, "s")        ? &claim->s
                           : !strcmp(which, "p")      ? &claim->p
                           : !strcmp(which, "o")      ? &claim->o
                           : !strcmp(which, "status") ? &claim->status
                                                      : &claim->status2;
      claim->n_subjects += !strcmp(which, "s");
      free(*field);
      *field = o ? o : strdup("literal");
    } else {
      free(o);
    }
    free(p);
    free(s);
  }
  run_free(&r);
  return c;
}

static void
claims_free(Claims* const c)
{
  for (size_t i = 0U; i < c->n; ++i) {
    free(c->claims[i].claim);
    free(c->claims[i].s);
    free(c->claims[i].p);
    free(c->claims[i].o);
    free(c->claims[i].status);
    free(c->claims[i].status2);
  }
  free(c->claims);
}

/// The dash pattern Graphviz draws for a status by the built-in style
/// (ontology/style.ttl), the most hedged first; NULL: solid.
static const struct {
  const char* status;
  const char* dash;
} looks[] = {
  {KG "Disputed", "5,2"},
  {KG "Estimated", "1,5"},
  {KG "Suggested", "1,5"},
  {KG "EditorsInference", "5,2"},
  {KG "ArticleJudgement", "5,2"},
  {KG "SubjectItself", NULL},
  {KG "Reported", NULL},
  {KG "SourceReport", NULL},
  {KG "Confirmed", NULL},
};

/// Return the rank of `status` in `looks` (0: most hedged).
static size_t
rank_of(const char* const status)
{
  for (size_t i = 0U; i < sizeof(looks) / sizeof(looks[0]); ++i) {
    if (status && !strcmp(status, looks[i].status)) {
      return i;
    }
  }
  return sizeof(looks) / sizeof(looks[0]);
}

/// Return the dash pattern the claims give to the triple (s, p, o).
static const char*
expected_dash(const Claims* const c,
              const char* const   s,
              const char* const   p,
              const char* const   o)
{
  size_t best = sizeof(looks) / sizeof(looks[0]);
  for (size_t i = 0U; i < c->n; ++i) {
    const Claim* const claim = &c->claims[i];
    if (claim->s && claim->p && claim->o && claim->n_subjects == 1 &&
        !strcmp(claim->s + 0, s) && !strcmp(claim->p, p) &&
        !strcmp(claim->o, o)) {
      const size_t r  = rank_of(claim->status);
      const size_t r2 = rank_of(claim->status2);
      best            = r < best ? r : best;
      best            = r2 < best ? r2 : best;
    }
  }
  return best < sizeof(looks) / sizeof(looks[0]) ? looks[best].dash : NULL;
}

/*
  Edges take the look of their status
*/

Test(hedges, deepseek_edges_carry_the_dash_pattern_of_their_status)
{
  char* const path =
    format("%s/graphs/deepseek-v2.ttl", getenv("KG_SOURCE_ROOT"));
  Claims claims = read_claims(path);
  cr_assert_gt(claims.n, 100U, "the DeepSeek graph has its claims");

  Svg    svg      = render_svg(path, "--focus", "ds:DeepSeek");
  size_t n_hedged = 0U;
  size_t n_solid  = 0U;
  bool   competes = false;
  for (size_t i = 0U; i < svg.n_edges; ++i) {
    const SvgEdge* const e = &svg.edges[i];
    if (!e->href) {
      continue; // An edge to a literal node, or a property not linked
    }
    const char* const want = expected_dash(&claims, e->from, e->href, e->to);
    if (want) {
      cr_expect(e->dash && !strcmp(e->dash, want),
                "%s %s %s: dash '%s', not '%s'",
                e->from,
                e->href,
                e->to,
                e->dash ? e->dash : "(solid)",
                want);
      ++n_hedged;
    } else {
      cr_expect_null(e->dash,
                     "%s %s %s is not hedged, but dashed '%s'",
                     e->from,
                     e->href,
                     e->to,
                     e->dash);
      ++n_solid;
    }
    if (!strcmp(e->href, KG "competesWith")) {
      // Inferred: dashed, and no longer bold (its colour stays)
      competes = true;
      cr_expect_null(e->width, "the inferred competes with is bold");
      cr_expect_str_eq(e->dash ? e->dash : "", "5,2");
      cr_expect_not_null(strstr(e->title, "status: editors inference"), "%s", e->title);
    }
  }
  cr_expect(competes, "no competes with edge in the focus picture");
  // Every node links to its IRI, and has a tooltip
  cr_expect_gt(svg.n_nodes, 20U);
  for (size_t i = 0U; i < svg.n_nodes; ++i) {
    const SvgNode* const n = &svg.nodes[i];
    if (!strncmp(n->name, "https://", 8U)) {
      cr_expect_str_eq(n->href ? n->href : "(none)", n->name);
    }
    cr_expect(n->title && *n->title, "%s has no tooltip", n->name);
  }
  cr_expect_gt(n_hedged, 3U);
  cr_expect_gt(n_solid, 10U);
  svg_free(&svg);
  claims_free(&claims);
  free(path);
}

Test(hedges, a_user_style_makes_reported_edges_dotted)
{
  const char* const graph = write_graph(
    "g.ttl",
    "ex:a ex:knows ex:b . ex:a ex:likes ex:c .\n"
    "ex:c1 a rdf:Statement ; rdf:subject ex:a ; rdf:predicate ex:knows ;\n"
    "  rdf:object ex:b ; kg:certainty kg:Reported .\n");
  const char* const style = path_in(tmp_dir(), "style.ttl");
  write_file(style,
             "@prefix kg: <https://kgraph.example/ontology#> .\n"
             "@prefix kgs: <https://kgraph.example/style#> .\n"
             "kg:Reported kgs:style \"dotted\" .\n");
  Svg svg = render_svg(graph, "--style", style);
  cr_assert_eq(svg.n_edges, 2U);
  for (size_t i = 0U; i < svg.n_edges; ++i) {
    const SvgEdge* const e = &svg.edges[i];
    if (!strcmp(e->to, "http://example.org/h#b")) {
      cr_expect_str_eq(e->dash ? e->dash : "(solid)", "1,5");
    } else {
      cr_expect_null(e->dash);
    }
  }
  svg_free(&svg);
}

Test(hedges, a_claim_of_two_subjects_is_ignored)
{
  const char* const graph =
    write_graph("g.ttl",
                "ex:a ex:knows ex:b . ex:c ex:knows ex:b .\n"
                "ex:c1 a rdf:Statement ; rdf:subject ex:a , ex:c ; "
                "rdf:predicate ex:knows ;\n"
                "  rdf:object ex:b ; kg:assertedBy kg:EditorsInference .\n"
                "ex:c2 a rdf:Statement ; rdf:predicate ex:knows ; "
                "kg:assertedBy kg:EditorsInference .\n");
  Run r = run("export", "--to", "dot", graph, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_null(strstr(r.out, "dashed"), "%s", r.out);
  cr_assert_null(strstr(r.out, "inference"), "%s", r.out);
  run_free(&r);
}

/*
  The legend names every look drawn, and nothing else
*/

Test(hedges, the_legend_names_the_statuses_and_property_looks_drawn)
{
  const char* const graph = write_graph(
    "g.ttl",
    "ex:a kg:competesWith ex:b ; ex:knows ex:c ; ex:says \"x\" .\n"
    "ex:c1 a rdf:Statement ; rdf:subject ex:a ; rdf:predicate kg:competesWith "
    ";\n"
    "  rdf:object ex:b ; kg:assertedBy kg:EditorsInference .\n"
    "ex:c2 a rdf:Statement ; rdf:subject ex:a ; rdf:predicate ex:knows ;\n"
    "  rdf:object ex:c ; kg:certainty kg:Reported .\n"
    "ex:c3 a rdf:Statement ; rdf:subject ex:a ; rdf:predicate ex:says ;\n"
    "  rdf:object \"x\" ; kg:assertedBy kg:SubjectItself .\n"
    "ex:e1 a rdf:Statement ; rdf:subject ex:z ; rdf:predicate kg:backedBy ;\n"
    "  rdf:object ex:y ; kg:certainty kg:Estimated .\n");
  Run r = run("export", "--to", "dot", graph, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  char* const legend = strstr(r.out, "subgraph cluster_legend");
  cr_assert_not_null(legend, "%s", r.out);
  char* const legend_end = strstr(legend, "\n\t}\n");
  cr_assert_not_null(legend_end);
  const char saved = legend_end[1];
  legend_end[1]    = '\0'; // The legend alone
  // Statuses drawn: inferred (the edge), stated by subject (the row)
  cr_expect_not_null(strstr(legend, "label=\"∴ editors inference\""), "%s", legend);
  cr_expect_not_null(
    strstr(legend, "label=\"⊙ subject itself\""), "%s", legend);
  cr_expect_not_null(strstr(legend, "arrowhead=odot"), "%s", legend);
  // Not drawn, or no look of their own
  cr_expect_null(strstr(legend, "estimated"), "%s", legend);
  cr_expect_null(strstr(legend, "reported"), "%s", legend);
  // Properties with a look of their own, drawn
  cr_expect_not_null(strstr(legend, "label=\"kg:competesWith\""), "%s", legend);
  cr_expect_null(strstr(legend, "backedBy"), "%s", legend);
  cr_expect_null(strstr(legend, "knows"), "%s", legend);
  legend_end[1] = saved;
  // The value the subject stated is marked, in italics
  cr_expect_not_null(
    strstr(r.out, "<I><FONT COLOR=\"#7f6000\">⊙ x</FONT></I>"), "%s", r.out);
  // No edge between the legend and the picture
  for (const char* e = strstr(r.out, " -> "); e; e = strstr(e + 4, " -> ")) {
    const char* line = e;
    while (line > r.out && line[-1] != '\n') {
      --line;
    }
    const bool from_legend =
      strstr(line, "\"legend ") == line + strspn(line, "\t");
    const char* const to = e + 4;
    cr_expect_eq(from_legend,
                 !strncmp(to, "\"legend ", 8U),
                 "an edge between the legend and the picture: %.80s",
                 line);
  }
  run_free(&r);
}

Test(hedges, no_legend_leaves_the_statuses_out)
{
  const char* const graph =
    write_graph("g.ttl",
                "ex:a kg:competesWith ex:b .\n"
                "ex:c1 a rdf:Statement ; rdf:subject ex:a ; rdf:predicate "
                "kg:competesWith ;\n"
                "  rdf:object ex:b ; kg:assertedBy kg:EditorsInference .\n");
  Run r = run("export", "--to", "dot", "--no-legend", graph, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_null(strstr(r.out, "legend"), "%s", r.out);
  cr_assert_not_null(strstr(r.out, "style=dashed"), "%s", r.out);
  run_free(&r);
}

Test(hedges, of_two_statuses_on_one_claim_the_more_hedged_gives_the_look)
{
  // Who asserts and how certain: each status is a new look, made while
  // the other is held (a look made later must not move the first).
  const char* const graph = write_graph(
    "g.ttl",
    "ex:a ex:knows ex:b ; ex:likes ex:c ; ex:says ex:d .\n"
    "ex:c1 a rdf:Statement ; rdf:subject ex:a ; rdf:predicate ex:knows ;\n"
    "  rdf:object ex:b ; kg:assertedBy kg:EditorsInference ;\n"
    "  kg:certainty kg:Estimated .\n"
    "ex:c2 a rdf:Statement ; rdf:subject ex:a ; rdf:predicate ex:likes ;\n"
    "  rdf:object ex:c ; kg:certainty kg:Suggested ;\n"
    "  kg:assertedBy kg:SubjectItself .\n"
    "ex:c3 a rdf:Statement ; rdf:subject ex:a ; rdf:predicate ex:says ;\n"
    "  rdf:object ex:d ; kg:assertedBy kg:ArticleJudgement ;\n"
    "  kg:certainty kg:Disputed .\n");
  Svg    svg    = render_svg(graph, NULL, NULL);
  size_t n_seen = 0U;
  for (size_t i = 0U; i < svg.n_edges; ++i) {
    const SvgEdge* const e = &svg.edges[i];
    if (!e->href) {
      continue;
    }
    if (!strcmp(e->to, "http://example.org/h#b")) {
      ++n_seen; // Estimated (dotted) outranks the editors' inference
      cr_expect_str_eq(e->dash ? e->dash : "(solid)", "1,5");
      cr_expect_not_null(strstr(e->title, "editors inference"), "%s", e->title);
      cr_expect_not_null(strstr(e->title, "estimated"), "%s", e->title);
    } else if (!strcmp(e->to, "http://example.org/h#c")) {
      ++n_seen; // Suggested (dotted) outranks the subject itself
      cr_expect_str_eq(e->dash ? e->dash : "(solid)", "1,5");
      cr_expect_not_null(strstr(e->title, "suggested"), "%s", e->title);
      cr_expect_not_null(strstr(e->title, "subject itself"), "%s", e->title);
    } else if (!strcmp(e->to, "http://example.org/h#d")) {
      ++n_seen; // Disputed (dashed) outranks the article's judgement
      cr_expect_str_eq(e->dash ? e->dash : "(solid)", "5,2");
      cr_expect_not_null(strstr(e->title, "disputed"), "%s", e->title);
    }
  }
  cr_expect_eq(n_seen, 3U);
  svg_free(&svg);
}

/*
  Tooltips and links
*/

Test(hedges, tooltips_name_status_and_sources_by_label)
{
  const char* const graph =
    write_graph("g.ttl",
                "ex:a rdfs:label \"Alpha\" ; ex:knows ex:b ; ex:year 2024 ;\n"
                "  ex:motto \"veni\"@la , \"vidi\"@en .\n"
                "ex:b rdfs:label \"Beta\" .\n"
                "ex:art rdfs:label \"The Article\" .\n"
                "ex:c1 a rdf:Statement ; rdf:subject ex:a ; rdf:predicate "
                "ex:knows ; rdf:object ex:b ;\n"
                "  kg:assertedBy kg:EditorsInference ; prov:wasDerivedFrom ex:art ;\n"
                "  prov:hadPrimarySource ex:unnamed .\n");
  Svg  svg  = render_svg(graph, NULL, NULL);
  bool edge = false;
  for (size_t i = 0U; i < svg.n_edges; ++i) {
    const SvgEdge* const e = &svg.edges[i];
    edge                   = true;
    cr_expect_str_eq(e->href, "http://example.org/h#knows");
    cr_expect_str_eq(e->title,
                     "Alpha — ex:knows — Beta\nstatus: editors inference\nsource: "
                     "ex:unnamed, The Article");
  }
  cr_expect(edge);
  bool alpha = false;
  for (size_t i = 0U; i < svg.n_nodes; ++i) {
    const SvgNode* const n = &svg.nodes[i];
    if (!strcmp(n->name, "http://example.org/h#a")) {
      alpha = true;
      cr_expect_str_eq(n->href, "http://example.org/h#a");
      cr_expect_not_null(strstr(n->title, "Alpha (ex:a)"), "%s", n->title);
      cr_expect_not_null(
        strstr(n->title, "ex:motto: \"veni\"@la"), "%s", n->title);
      cr_expect_not_null(
        strstr(n->title, "ex:motto: \"vidi\"@en"), "%s", n->title);
      cr_expect_not_null(
        strstr(n->title, "ex:year: \"2024\"^^xsd:integer"), "%s", n->title);
    }
  }
  cr_expect(alpha);
  svg_free(&svg);
}

Test(hedges, a_tooltip_lists_at_most_fifty_literals)
{
  char* body = strdup("ex:a ex:knows ex:b .\n");
  for (int i = 0; i < 80; ++i) {
    char* const more = format("%sex:a ex:v%02d \"value %02d\" .\n", body, i, i);
    free(body);
    body = more;
  }
  const char* const graph = write_graph("g.ttl", body);
  free(body);
  Svg  svg = render_svg(graph, NULL, NULL);
  bool a   = false;
  for (size_t i = 0U; i < svg.n_nodes; ++i) {
    if (!strcmp(svg.nodes[i].name, "http://example.org/h#a")) {
      a = true;
      cr_expect_not_null(strstr(svg.nodes[i].title, "value 49"));
      cr_expect_null(strstr(svg.nodes[i].title, "value 50"));
      cr_expect_not_null(strstr(svg.nodes[i].title, "… and 30 more"));
    }
  }
  cr_expect(a);
  svg_free(&svg);
}

Test(hedges, hostile_text_stays_text_and_only_web_iris_link)
{
  const char* const graph = write_graph(
    "g.ttl",
    "ex:a rdfs:label \"x \\\\N \\\\G &lt;script&gt; <script>alert(1)</script> "
    "\\\"><img src=x onerror=alert(1)>\" ;\n"
    "  ex:knows <javascript:alert(1)> , <http://example.org/q?a=1&b=2&amp;c> "
    ",\n"
    "  <data:text/html,alert(2)> , <urn:x:y> , <file:///etc/passwd> .\n");
  Svg    svg      = render_svg(graph, NULL, NULL);
  size_t n_linked = 0U;
  for (size_t i = 0U; i < svg.n_nodes; ++i) {
    const SvgNode* const n = &svg.nodes[i];
    const bool           web =
      !strncmp(n->name, "http://", 7U) || !strncmp(n->name, "https://", 8U);
    if (web && strchr(n->name, '&')) {
      // Graphviz's <title> reads &amp; as an entity; the link has the IRI
      cr_expect_str_eq(n->href ? n->href : "(none)",
                       "http://example.org/q?a=1&b=2&amp;c");
      ++n_linked;
    } else if (web) {
      cr_expect_str_eq(n->href ? n->href : "(none)", n->name);
      ++n_linked;
    } else {
      cr_expect_null(n->href, "'%s' links to '%s'", n->name, n->href);
    }
    if (!strcmp(n->name, "http://example.org/h#a")) {
      cr_expect_not_null(
        strstr(n->title,
               "x \\N \\G &lt;script&gt; <script>alert(1)</script> "
               "\"><img src=x onerror=alert(1)>"),
        "%s",
        n->title);
    }
  }
  cr_expect_eq(n_linked, 2U);
  for (size_t i = 0U; i < svg.n_edges; ++i) {
    cr_expect_str_eq(svg.edges[i].href, "http://example.org/h#knows");
  }
  svg_free(&svg);
}

/*
  Claims cost little
*/

/// One directory for the files of a test.
static const char*
dir(void)
{
  static const char* d = NULL;
  if (!d) {
    d = tmp_dir();
  }
  return d;
}

/// Write `n` triples ex:sK ex:pK%7 ex:oK, each with a claim if `claims`.
static const char*
write_many(const char* const name, const unsigned n, const bool claims)
{
  const char* const path = path_in(dir(), name);
  FILE* const       f    = fopen(path, "wb");
  cr_assert_not_null(f);
  fputs(prefixes, f);
  for (unsigned i = 0U; i < n; ++i) {
    fprintf(f, "ex:s%u ex:p%u ex:o%u .\n", i, i % 7U, i);
    if (claims) {
      fprintf(
        f,
        "ex:c%u a rdf:Statement ; rdf:subject ex:s%u ; rdf:predicate ex:p%u ; "
        "rdf:object ex:o%u ; %s ; "
        "prov:wasDerivedFrom ex:src%u .\n",
        i,
        i,
        i % 7U,
        i,
        i % 3U ? "kg:certainty kg:Reported"
               : "kg:assertedBy kg:EditorsInference",
        i % 50U);
    }
  }
  cr_assert_eq(fclose(f), 0);
  return path;
}

/// Return the processor time of exporting `path` to DOT; its number of
/// dashed edges in `*n_dashed`.
static double
seconds_of(const char* const path, size_t* const n_dashed)
{
  // Processor time: the machine may be shared
  const clock_t start = clock();
  Run           r     = run(
    "export", "--to", "dot", "--max-nodes", "0", "--max-size", "0", path, NULL);
  const clock_t end = clock();
  cr_assert_eq(r.status, 0, "%s", r.err);
  *n_dashed = 0U;
  for (const char* p = r.out; (p = strstr(p, "style=dashed")); ++p) {
    ++*n_dashed;
  }
  run_free(&r);
  return (double)(end - start) / CLOCKS_PER_SEC;
}

#ifdef __SANITIZE_ADDRESS__
// AddressSanitizer is slower, and its leak check long on a big heap
#  define N_CLAIMS 4000U
#  define CLAIMS_BOUND 2.0
#else
#  define N_CLAIMS 20000U
#  define CLAIMS_BOUND 1.0
#endif

Test(hedges, twenty_thousand_claims_cost_well_under_a_second, .timeout = 60)
{
  const char* const plain    = write_many("plain.ttl", N_CLAIMS, false);
  const char* const claimed  = write_many("claimed.ttl", N_CLAIMS, true);
  size_t            n_dashed = 0U;
  const double      t_plain  = seconds_of(plain, &n_dashed);
  cr_expect_eq(n_dashed, 0U);
  const double t_claimed = seconds_of(claimed, &n_dashed);
  fprintf(stderr,
          "%u triples: %.3f s; with %u claims: %.3f s (processor)\n",
          N_CLAIMS,
          t_plain,
          N_CLAIMS,
          t_claimed);
  cr_expect_lt(t_claimed - t_plain, CLAIMS_BOUND);
  // The inferred claims (one in three), and the legend's sample
  cr_expect_eq(n_dashed, (N_CLAIMS + 2U) / 3U + 1U);
}

Test(hedges, a_node_with_a_status_of_its_own_takes_its_style)
{
  const char* const graph =
    write_graph("g.ttl",
                "ex:a ex:knows ex:ev , ex:b .\n"
                "ex:ev a kg:Event ; kg:certainty kg:Estimated .\n"
                "ex:b kg:certainty kg:Reported .\n");
  Run r = run("export", "--to", "dot", graph, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  // The event's own style, and the status's: dotted
  const char* const ev = strstr(r.out, "\"http://example.org/h#ev\"\t[");
  cr_assert_not_null(ev, "%s", r.out);
  const char* const end    = strstr(ev, "];");
  const char* const dotted = strstr(ev, "style=\"filled,dotted\"");
  cr_expect(dotted && dotted < end, "%.400s", ev);
  // Reported has no look: b keeps the default style
  const char* const b = strstr(r.out, "\"http://example.org/h#b\"\t[");
  cr_assert_not_null(b, "%s", r.out);
  const char* const b_dotted = strstr(b, "dotted");
  cr_expect(!b_dotted || b_dotted > strstr(b, "];"), "%s", b);
  // The legend names the status drawn
  cr_expect_not_null(strstr(r.out, "label=\"≈ estimated\""), "%s", r.out);
  run_free(&r);
}

Test(hedges, in_a_difference_changes_keep_their_colour_and_statuses_their_dash)
{
  const char* const claim =
    "ex:c1 a rdf:Statement ; rdf:subject ex:a ; rdf:predicate ex:knows ;\n"
    "  rdf:object ex:b ; kg:certainty kg:Estimated .\n";
  char* const old_text = format("ex:a ex:knows ex:b .\n%s", claim);
  char* const new_text =
    format("ex:a ex:knows ex:b . ex:a ex:likes ex:b .\n%s"
           "ex:c2 a rdf:Statement ; rdf:subject ex:a ; rdf:predicate "
           "ex:likes ;\n  rdf:object ex:b ; kg:assertedBy kg:EditorsInference .\n",
           claim);
  const char* const old_path = write_graph("old.ttl", old_text);
  const char* const new_path = write_graph("new.ttl", new_text);
  free(old_text);
  free(new_text);
  Run r = run(
    "render", "-T", "svg", "--no-legend", "--diff", old_path, new_path, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  Svg svg = svg_parse(r.out);
  run_free(&r);
  size_t n_seen = 0U;
  for (size_t i = 0U; i < svg.n_edges; ++i) {
    const SvgEdge* const e = &svg.edges[i];
    if (e->href && !strcmp(e->href, "http://example.org/h#likes")) {
      ++n_seen; // Added: green, and dashed as inferred
      cr_expect_str_eq(e->dash ? e->dash : "(solid)", "5,2");
    } else if (e->href && !strcmp(e->href, "http://example.org/h#knows")) {
      ++n_seen; // Unchanged: grey, and dotted as estimated
      cr_expect_str_eq(e->dash ? e->dash : "(solid)", "1,5");
    }
  }
  cr_expect_eq(n_seen, 2U);
  svg_free(&svg);
}

Test(hedges, literal_nodes_carry_the_look_and_tooltip_of_their_claim)
{
  const char* const graph =
    write_graph("g.ttl",
                "ex:a ex:says \"no debt\" .\n"
                "ex:c1 a rdf:Statement ; rdf:subject ex:a ; rdf:predicate "
                "ex:says ;\n  rdf:object \"no debt\" ; kg:assertedBy "
                "kg:SubjectItself .\n");
  Run r = run("export", "--to", "dot", "--literals", "nodes", graph, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_expect_not_null(
    strstr(r.out, "tooltip=\"ex:says: \\\"no debt\\\" (subject itself)\""),
    "%s",
    r.out);
  const char* const edge = strstr(r.out, "-> \"literal ");
  cr_assert_not_null(edge, "%s", r.out);
  const char* const odot = strstr(edge, "arrowhead=odot");
  cr_expect(odot && odot < strstr(edge, "];"), "%s", edge);
  run_free(&r);
}
