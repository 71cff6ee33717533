// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph render --schema and export --to dot --schema: the DOT of a small
// ontology (its golden file, tests/data/dot/golden/schema.dot, is checked
// by test_golden.c), and on ontology/kg.ttl every class, every object
// property and every subclass edge, with external classes grey.

#include "support.h"

#include <criterion/criterion.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RDF_TYPE "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
#define OWL_CLASS "<http://www.w3.org/2002/07/owl#Class>"
#define OWL_OBJECT "<http://www.w3.org/2002/07/owl#ObjectProperty>"
#define SUBCLASS "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"

static void
to_source_root(void)
{
  const char* const root = getenv("KG_SOURCE_ROOT");
  cr_assert_not_null(root);
  cr_assert_eq(chdir(root), 0, "cannot enter %s", root);
}

/// Return the DOT statement (from its line's tab to "];") that starts at
/// `"from"` (and goes `-> "to"` if `to` is not NULL), in `out`, or NULL.
static char*
statement(const char* const dot, const char* const from, const char* const to)
{
  char* const       head = to ? format("\n\t\"%s\" -> \"%s\"\t[", from, to)
                              : format("\n\t\"%s\"\t[", from);
  const char* const at   = strstr(dot, head);
  free(head);
  if (!at) {
    return NULL;
  }
  const char* const end = strstr(at, "];");
  cr_assert_not_null(end);
  return format("%.*s", (int)(end - at), at);
}

/// The N-Triples of ontology/kg.ttl, in lines, with their count.
typedef struct {
  char*  text;
  char** lines;
  size_t n;
} Lines;

static Lines
kg_triples(void)
{
  Run r = run("export", "--to", "ntriples", "ontology/kg.ttl", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  Lines l = {strdup(r.out), NULL, 0U};
  run_free(&r);
  for (char* p = l.text; *p; ++p) {
    l.n += *p == '\n';
  }
  l.lines  = (char**)calloc(l.n + 1U, sizeof(char*));
  size_t i = 0U;
  for (char* line = strtok(l.text, "\n"); line; line = strtok(NULL, "\n")) {
    l.lines[i++] = line;
  }
  l.n = i;
  return l;
}

/// Copy the IRI of the `index`th term of N-Triples `line` without <>, or
/// return NULL if that term is not an IRI.
static char*
term(const char* const line, const unsigned index)
{
  const char* p = line;
  for (unsigned i = 0U; i < index; ++i) {
    p = strchr(p, ' ');
    cr_assert_not_null(p);
    ++p;
  }
  if (*p != '<') {
    return NULL;
  }
  const char* const end = strchr(p, '>');
  return format("%.*s", (int)(end - p - 1), p + 1);
}

static bool
has(const char* const line, const char* const p, const char* const o)
{
  const char* const sp = strchr(line, ' ');
  return !strncmp(sp + 1, p, strlen(p)) &&
         (!o || !strncmp(sp + 2 + strlen(p), o, strlen(o)));
}

Test(schema, small_ontology_markup_and_links)
{
  to_source_root();
  Run r =
    run("export", "--to", "dot", "--schema", "tests/data/dot/schema.ttl", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  // Markup in a label is text, a javascript: IRI is no link
  cr_assert_not_null(strstr(r.out, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  cr_assert_null(strstr(r.out, "<script"));
  cr_assert_null(strstr(r.out, "URL=\"javascript"));
  // A datatype property is a row of its domain; one with no domain is in
  // "other properties", and so is an object property with no range
  char* const agent = statement(r.out, "http://example.org/onto#Agent", NULL);
  cr_assert_not_null(agent);
  cr_assert_not_null(strstr(agent, "name : xsd:string"));
  free(agent);
  char* const other = statement(r.out, "other properties", NULL);
  cr_assert_not_null(other);
  cr_assert_not_null(strstr(other, "note"));
  cr_assert_not_null(strstr(other, "ex:knows"));
  free(other);
  // The object property is one edge from its domain to its range
  char* const edge = statement(
    r.out, "http://example.org/onto#Person", "http://example.org/onto#Company");
  cr_assert_not_null(edge);
  cr_assert_not_null(strstr(edge, "label=<works for>"));
  free(edge);
  run_free(&r);

  // --lang chooses the label
  r = run("export",
          "--to",
          "dot",
          "--schema",
          "--lang",
          "de",
          "tests/data/dot/schema.ttl",
          NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_not_null(strstr(r.out, "<B>Akteur</B>"));
  run_free(&r);
}

Test(schema, every_class_property_and_subclass_of_kg_ttl, .timeout = 60)
{
  to_source_root();
  Run r = run("export", "--to", "dot", "--schema", "ontology/kg.ttl", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  Lines       l         = kg_triples();
  size_t      n_classes = 0U;
  size_t      n_objects = 0U;
  size_t      n_subs    = 0U;
  const char* own       = "https://kgraph.example/ontology#";
  for (size_t i = 0U; i < l.n; ++i) {
    const char* const line = l.lines[i];
    char* const       s    = term(line, 0U);
    if (!s) {
      continue;
    }
    if (has(line, RDF_TYPE, OWL_CLASS)) {
      char* const node = statement(r.out, s, NULL);
      cr_assert_not_null(node, "class <%s> is not drawn", s);
      // The ontology's own classes are blue, the others small and grey
      const bool grey = strstr(node, "color=\"#b0b0b0\"") != NULL;
      cr_assert_eq(grey, strncmp(s, own, strlen(own)) != 0, "%s", node);
      free(node);
      ++n_classes;
    } else if (has(line, RDF_TYPE, OWL_OBJECT)) {
      // An edge's link, or that of its row in a class's loops
      char* const url  = format("[URL=\"%s\",", s);
      char* const href = format("<TD HREF=\"%s\">", s);
      const char* at   = strstr(r.out, url);
      at               = at ? at : strstr(r.out, href);
      free(href);
      cr_assert_not_null(at, "object property <%s> is not drawn", s);
      // On an edge: the statement holds an arrow
      const char* start = at;
      while (start > r.out && strncmp(start, "\n\t\"", 3)) {
        --start;
      }
      cr_assert(strstr(start, " -> ") && strstr(start, " -> ") < at,
                "object property <%s> is not an edge",
                s);
      free(url);
      ++n_objects;
    } else if (has(line, SUBCLASS, NULL)) {
      char* const o = term(line, 2U);
      if (o && strcmp(s, o)) {
        char* const edge = statement(r.out, s, o);
        cr_assert_not_null(edge, "no edge <%s> -> <%s>", s, o);
        cr_assert_not_null(strstr(edge, "arrowhead=empty"), "%s", edge);
        free(edge);
        ++n_subs;
      }
      free(o);
    }
    free(s);
  }
  cr_assert_gt(n_classes, 50U);
  cr_assert_gt(n_objects, 50U);
  cr_assert_gt(n_subs, 50U);
  // schema:Organization is external: grey
  char* const org = statement(r.out, "http://schema.org/Organization", NULL);
  cr_assert_not_null(org);
  cr_assert_not_null(strstr(org, "fillcolor=\"#f4f4f4\""));
  free(org);
  free(l.lines);
  free(l.text);
  run_free(&r);
}

Test(schema, render_draws_svg_and_refuses_what_does_not_fit, .timeout = 60)
{
  to_source_root();
  Run r =
    run("render", "--schema", "-T", "svg", "tests/data/dot/schema.ttl", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_not_null(strstr(r.out, "<svg"));
  cr_assert_not_null(strstr(r.out, "works for"));
  cr_assert_null(strstr(r.out, "<script"));
  cr_assert_null(strstr(r.out, "href=\"javascript"));
  run_free(&r);

  r = run("render",
          "--schema",
          "--diff",
          "tests/data/dot/schema.ttl",
          "tests/data/dot/schema.ttl",
          NULL);
  cr_assert_eq(r.status, 2);
  cr_assert_not_null(strstr(r.err, "--schema"), "%s", r.err);
  run_free(&r);

  r = run("export", "--schema", "--to", "ntriples", "ontology/kg.ttl", NULL);
  cr_assert_eq(r.status, 2);
  cr_assert_not_null(strstr(r.err, "--schema is for DOT"), "%s", r.err);
  run_free(&r);

  r = run("render",
          "--schema",
          "--focus",
          "kg:Organization",
          "ontology/kg.ttl",
          NULL);
  cr_assert_eq(r.status, 2);
  cr_assert_not_null(strstr(r.err, "no --focus"), "%s", r.err);
  run_free(&r);

  r = run("export",
          "--to",
          "dot",
          "--schema",
          "--cluster-by",
          "kg:basedIn",
          "ontology/kg.ttl",
          NULL);
  cr_assert_eq(r.status, 2);
  cr_assert_not_null(strstr(r.err, "--cluster-by"), "%s", r.err);
  run_free(&r);

  r = run("render", "--help", NULL);
  cr_assert_eq(r.status, 0);
  cr_assert_not_null(strstr(r.out, "--schema"));
  run_free(&r);
}

#define ONTO_PREFIXES                                              \
  "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n" \
  "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"      \
  "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"              \
  "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"           \
  "@prefix ex: <http://example.org/onto#> .\n"                     \
  "ex:A a owl:Class . ex:B a owl:Class . ex:C a owl:Class .\n"     \
  "ex:D a owl:Class .\n"

#define EX "http://example.org/onto#"

/// Write `turtle` to a file of its own, and return the DOT of its schema.
static Run
schema_of(const char* const name, const char* const turtle, char** const path)
{
  char* const file = strdup(path_in(tmp_dir(), name));
  write_file(file, turtle);
  Run r = run("export", "--to", "dot", "--schema", file, NULL);
  if (path) {
    *path = file;
  } else {
    free(file);
  }
  return r;
}

/// Return the number of times `needle` occurs in `text`.
static size_t
occurrences(const char* const text, const char* const needle)
{
  size_t n = 0U;
  for (const char* p = text; (p = strstr(p, needle)); p += strlen(needle)) {
    ++n;
  }
  return n;
}

/// Assert that the edge `from` -> `to` exists and its statement holds
/// `what`.
static void
assert_edge(const char* const dot,
            const char* const from,
            const char* const to,
            const char* const what)
{
  char* const edge = statement(dot, from, to);
  cr_assert_not_null(edge, "no edge %s -> %s", from, to);
  cr_assert_not_null(strstr(edge, what), "%s", edge);
  free(edge);
}

Test(schema, union_domain_and_union_range_drawn_from_and_to_each_member)
{
  Run r = schema_of(
    "union.ttl",
    ONTO_PREFIXES
    "ex:p a owl:ObjectProperty ; rdfs:label \"pp\" ;\n"
    "  rdfs:domain [ owl:unionOf ( ex:A ex:B ) ] ; rdfs:range ex:C .\n"
    "ex:q a owl:ObjectProperty ; rdfs:label \"qq\" ;\n"
    "  rdfs:domain ex:C ; rdfs:range [ a owl:Class ; owl:unionOf ( ex:A "
    "ex:D ) ] .\n"
    "ex:r a owl:ObjectProperty ; rdfs:label \"rr\" ;\n"
    "  rdfs:domain [ owl:unionOf ( ex:A ex:B ) ] ;\n"
    "  rdfs:range [ owl:unionOf ( ex:C ex:D ) ] .\n",
    NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_empty(r.err);

  // A union domain: an edge from each member; a union range: to each
  assert_edge(r.out, EX "A", EX "C", "label=<pp>");
  assert_edge(r.out, EX "B", EX "C", "label=<pp>");
  assert_edge(r.out, EX "C", EX "A", "label=<qq>");
  assert_edge(r.out, EX "C", EX "D", "label=<qq>");
  cr_assert_eq(occurrences(r.out, "label=<pp>"), 2U);
  cr_assert_eq(occurrences(r.out, "label=<qq>"), 2U);

  // Unions on both sides meet at a node of the property: 2 + 2 edges
  const char* const hub  = EX "r (property)";
  char* const       node = statement(r.out, hub, NULL);
  cr_assert_not_null(node, "%s", r.out);
  cr_assert_not_null(strstr(node, "label=<rr>"), "%s", node);
  free(node);
  assert_edge(r.out, EX "A", hub, "arrowhead=none");
  assert_edge(r.out, EX "B", hub, "arrowhead=none");
  assert_edge(r.out, hub, EX "C", "class=");
  assert_edge(r.out, hub, EX "D", "class=");

  // The blank nodes are no classes of the picture, nothing is left over
  cr_assert_null(strstr(r.out, "\"_:"), "%s", r.out);
  cr_assert_null(strstr(r.out, "other properties"), "%s", r.out);
  run_free(&r);
}

Test(schema, several_domains_or_ranges_are_an_intersection_said_so)
{
  Run r = schema_of("intersection.ttl",
                    ONTO_PREFIXES
                    "ex:s a owl:ObjectProperty ; rdfs:label \"ss\" ;\n"
                    "  rdfs:domain ex:A, ex:B ; rdfs:range ex:C .\n"
                    "ex:t a owl:ObjectProperty ; rdfs:label \"tt\" ;\n"
                    "  rdfs:domain ex:A ; rdfs:range ex:C, [ owl:unionOf "
                    "( ex:B ex:D ) ] .\n",
                    NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_empty(r.err);
  // Drawn from each domain, the label says that both hold
  const char* const both_domains = "label=<ss<BR/><FONT POINT-SIZE=\"7\" "
                                   "COLOR=\"#707070\">domain: ex:A and "
                                   "ex:B</FONT>>";
  assert_edge(r.out, EX "A", EX "C", both_domains);
  assert_edge(r.out, EX "B", EX "C", both_domains);
  // To each class of each range: a union inside an intersection
  const char* const ranges = "range: ex:C and (ex:B or ex:D)";
  assert_edge(r.out, EX "A", EX "C", "domain: ex:A and ex:B");
  char* const to_b = statement(r.out, EX "A", EX "B");
  cr_assert_not_null(to_b);
  cr_assert_not_null(strstr(to_b, ranges), "%s", to_b);
  free(to_b);
  assert_edge(r.out, EX "A", EX "D", ranges);
  cr_assert_eq(occurrences(r.out, ranges), 3U, "%s", r.out);
  run_free(&r);
}

Test(schema, datatype_property_listed_in_each_of_its_domains)
{
  Run r = schema_of(
    "datatype.ttl",
    ONTO_PREFIXES "ex:name a owl:DatatypeProperty ; rdfs:label \"name\" ;\n"
                  "  rdfs:domain ex:A, ex:B ; rdfs:range xsd:string .\n"
                  "ex:code rdfs:label \"code\" ;\n"
                  "  rdfs:domain [ owl:unionOf ( ex:C ex:D ) ] ;\n"
                  "  rdfs:range [ owl:unionOf ( xsd:string xsd:anyURI ) ] .\n",
    NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  const char* const name_row =
    "name : xsd:string <FONT COLOR=\"#707070\">(domain: ex:A and ex:B)</FONT>";
  const char* const code_row  = "code : xsd:string or xsd:anyURI</TD>";
  const char* const classes[] = {EX "A", EX "B", EX "C", EX "D"};
  for (size_t i = 0U; i < 4U; ++i) {
    char* const node = statement(r.out, classes[i], NULL);
    cr_assert_not_null(node);
    cr_assert_eq(strstr(node, name_row) != NULL, i < 2U, "%s", node);
    cr_assert_eq(strstr(node, code_row) != NULL, i >= 2U, "%s", node);
    free(node);
  }
  // A union of datatypes is no class: no edge, no box for xsd:string
  cr_assert_null(strstr(r.out, " -> "), "%s", r.out);
  cr_assert_null(
    statement(r.out, "http://www.w3.org/2001/XMLSchema#string", NULL));
  run_free(&r);
}

/// Return the Turtle of a property whose domain is a union of `n` classes.
static char*
long_union(const unsigned n)
{
  size_t      cap  = 256U + (size_t)n * 16U;
  char* const text = (char*)malloc(cap);
  cr_assert_not_null(text);
  size_t len = (size_t)snprintf(text,
                                cap,
                                "%s%s",
                                ONTO_PREFIXES,
                                "ex:p a owl:ObjectProperty ; rdfs:label \"pp\""
                                " ; rdfs:range ex:C ;\n"
                                "  rdfs:domain [ owl:unionOf (");
  for (unsigned i = 0U; i < n; ++i) {
    len += (size_t)snprintf(text + len, cap - len, " ex:m%u", i);
  }
  snprintf(text + len, cap - len, " ) ] .\n");
  return text;
}

Test(schema, long_union_list_cut_with_a_warning)
{
  char* const turtle = long_union(10000U);
  Run         r      = schema_of("long.ttl", turtle, NULL);
  free(turtle);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_not_null(strstr(r.err, "long.ttl:9:3: "), "%s", r.err);
  cr_assert_not_null(strstr(r.err,
                            "warning: owl:unionOf list of more than 100 "
                            "members: the schema shows the first 100"),
                     "%s",
                     r.err);
  cr_assert_eq(occurrences(r.err, "warning"), 1U, "%s", r.err);
  cr_assert_eq(occurrences(r.out, "label=<pp>"), 100U);
  assert_edge(r.out, EX "m99", EX "C", "label=<pp>");
  cr_assert_null(statement(r.out, EX "m100", NULL));
  run_free(&r);
}

Test(schema, cyclic_union_lists_end)
{
  Run r = schema_of(
    "cycle.ttl",
    ONTO_PREFIXES
    "ex:p a owl:ObjectProperty ; rdfs:label \"pp\" ; rdfs:range ex:C ;\n"
    "  rdfs:domain _:u .\n"
    "_:u owl:unionOf _:l1 .\n"
    "_:l1 rdf:first ex:A ; rdf:rest _:l2 .\n"
    "_:l2 rdf:first ex:B ; rdf:rest _:l1 .\n"
    "ex:q a owl:ObjectProperty ; rdfs:label \"qq\" ; rdfs:domain ex:C ;\n"
    "  rdfs:range [ owl:unionOf _:self ] .\n"
    "_:self rdf:first ex:D ; rdf:rest _:self .\n",
    NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_not_null(strstr(r.err, "cycle.ttl:10:1: "), "%s", r.err);
  cr_assert_not_null(strstr(r.err,
                            "warning: owl:unionOf list is cyclic: the schema "
                            "shows its 2 members up to the first cell met "
                            "again"),
                     "%s",
                     r.err);
  cr_assert_not_null(strstr(r.err, "cycle.ttl:14:3: "), "%s", r.err);
  cr_assert_not_null(strstr(r.err, "its 1 member up to"), "%s", r.err);
  cr_assert_eq(occurrences(r.err, "warning"), 2U, "%s", r.err);
  assert_edge(r.out, EX "A", EX "C", "label=<pp>");
  assert_edge(r.out, EX "B", EX "C", "label=<pp>");
  assert_edge(r.out, EX "C", EX "D", "label=<qq>");
  cr_assert_eq(occurrences(r.out, "label=<pp>"), 2U);
  cr_assert_eq(occurrences(r.out, "label=<qq>"), 1U);
  run_free(&r);
}

Test(schema, tooltips_and_ids)
{
  const char* const turtle = ONTO_PREFIXES
    "ex:T a owl:Class ; rdfs:label \"tee\" ;\n"
    "  rdfs:comment \"a \\\\N b \\\\\\\\ c &lt; d <script>alert(1)</script>"
    " e\\nf\"@en, \"nicht das\"@de .\n"
    "<javascript:alert(1)> a owl:Class ; rdfs:subClassOf ex:T .\n"
    "<HTTPS://example.org/onto#U> a owl:Class ; rdfs:subClassOf ex:T .\n";
  char* path = NULL;
  Run   r    = schema_of("tooltip.ttl", turtle, &path);
  cr_assert_eq(r.status, 0, "%s", r.err);
  // In DOT: a tooltip is read twice, so a backslash of the text is four
  char* const node = statement(r.out, EX "T", NULL);
  cr_assert_not_null(node);
  cr_assert_not_null(
    strstr(node,
           "tooltip=\"ex:T\\na \\\\\\\\N b \\\\\\\\\\\\\\\\ c &amp;lt; d "
           "<script>alert(1)</script> e\\nf\""),
    "%s",
    node);
  cr_assert_not_null(strstr(node, "URL=\"" EX "T\""), "%s", node);
  free(node);
  // Only http(s) IRIs are links
  char* const js = statement(r.out, "javascript:alert(1)", NULL);
  cr_assert_not_null(js);
  cr_assert_null(strstr(js, "URL="), "%s", js);
  free(js);
  char* const up = statement(r.out, "HTTPS://example.org/onto#U", NULL);
  cr_assert_not_null(up);
  cr_assert_not_null(strstr(up, "URL="), "%s", up);
  free(up);
  run_free(&r);

  // In SVG: the text as it is, every node with its id and its tooltip
  r = run("render", "--schema", "-T", "svg", path, NULL);
  free(path);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_not_null(strstr(r.out,
                            "xlink:title=\"ex:T&#10;a \\N b \\\\ c &amp;lt; d "
                            "&lt;script&gt;alert(1)&lt;/script&gt; e&#10;f\""),
                     "%s",
                     r.out);
  cr_assert_null(strstr(r.out, "<script"));
  cr_assert_null(strstr(r.out, "nicht das"));
  // ex:A to ex:D, ex:T, the javascript: class and ex:U
  for (unsigned i = 1U; i <= 7U; ++i) {
    char* const id = format("<g id=\"n%u\" class=\"node\">", i);
    cr_assert_not_null(strstr(r.out, id), "no %s in %s", id, r.out);
    free(id);
  }
  cr_assert_null(strstr(r.out, "<g id=\"n8\""));
  cr_assert_not_null(strstr(r.out, "class=\"edge n"), "%s", r.out);
  run_free(&r);
}

Test(schema, loops_of_a_class_are_one_edge_with_a_row_each)
{
  Run r =
    schema_of("loops.ttl",
              ONTO_PREFIXES "ex:p a owl:ObjectProperty ; rdfs:label \"pp\" ;\n"
                            "  rdfs:domain ex:A ; rdfs:range ex:A .\n"
                            "ex:q a owl:ObjectProperty ; rdfs:label \"qq\" ;\n"
                            "  rdfs:domain ex:A ; rdfs:range ex:A .\n"
                            "ex:r a owl:ObjectProperty ; rdfs:label \"rr\" ;\n"
                            "  rdfs:domain ex:B ; rdfs:range ex:B .\n",
              NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  // Graphviz writes the labels of loops side by side over each other
  assert_edge(r.out,
              EX "A",
              EX "A",
              "label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
              "CELLPADDING=\"0\"><TR><TD HREF=\"" EX "p\">pp</TD></TR><TR><TD "
              "HREF=\"" EX "q\">qq</TD></TR></TABLE>>");
  assert_edge(r.out, EX "A", EX "A", "tooltip=\"ex:p\\nex:q\"");
  cr_assert_eq(occurrences(r.out, "\"" EX "A\" -> \"" EX "A\""), 1U);
  // A loop alone is an edge as any other
  assert_edge(r.out, EX "B", EX "B", "[URL=\"" EX "r\"");
  assert_edge(r.out, EX "B", EX "B", "label=<rr>");
  run_free(&r);
}

Test(schema, labels_with_controls_cdata_ends_and_lengths)
{
  char* path = NULL;
  Run   r    = schema_of(
    "labels.ttl",
    ONTO_PREFIXES
    "ex:T a owl:Class ; rdfs:label \"one\\ntwo \\u0001 ]]> end\" .\n"
         "ex:U a owl:Class ; rdfs:label \"abcdefghij abcdefghij abcdefghij "
         "abcdefghij abcdefghij abcdefghij abcdefghij\" .\n",
    &path);
  cr_assert_eq(r.status, 0, "%s", r.err);
  // A line break is one, a control shows its code, markup is text, and a
  // label stops after 60 characters
  cr_assert_not_null(
    strstr(r.out, "<B>one<BR ALIGN=\"LEFT\"/>two \\\\u0001 ]]&gt; end</B>"),
    "%s",
    r.out);
  cr_assert_not_null(
    strstr(r.out,
           "<B>abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij "
           "abcde…</B>"),
    "%s",
    r.out);
  run_free(&r);

  r = run("render", "--schema", "-T", "svg", path, NULL);
  free(path);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_empty(r.err);
  cr_assert_not_null(
    strstr(r.out, ">two \\u0001 ]]&gt; end</text>"), "%s", r.out);
  cr_assert_null(strstr(r.out, "\x01"));
  run_free(&r);
}
