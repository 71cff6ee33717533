// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph render --schema and export --to dot --schema: the DOT of a small
// ontology against a golden file (KG_UPDATE_EXPECTED=1 rewrites it), and
// on ontology/kg.ttl every class, every object property and every
// subclass edge, with external classes grey.

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

Test(schema, small_ontology_golden)
{
  to_source_root();
  Run r =
    run("export", "--to", "dot", "--schema", "tests/data/dot/schema.ttl", NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_str_empty(r.err);

  const char* const path   = "tests/data/dot/schema.dot";
  const char* const update = getenv("KG_UPDATE_EXPECTED");
  if (update && !strcmp(update, "1")) {
    write_file(path, r.out);
  }
  char* const expected = read_file(path);
  cr_assert_not_null(expected, "missing %s (KG_UPDATE_EXPECTED=1)", path);
  cr_assert_str_eq(r.out, expected);
  free(expected);
  run_free(&r);
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
      char* const url = format("[URL=\"%s\",", s);
      const char* at  = strstr(r.out, url);
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
