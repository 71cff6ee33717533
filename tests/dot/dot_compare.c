// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "dot_compare.h"

#include <graphviz/cgraph.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// One attribute: its name and its value as the messages show it ("text"
/// or <html>).
typedef struct {
  char* name;
  char* value;
} Attr;

typedef enum {
  ELEMENT_GRAPH,
  ELEMENT_NODE,
  ELEMENT_EDGE,
  ELEMENT_SUBGRAPH,
  ELEMENT_MEMBER,
} ElementKind;

/// An element of a graph: `node "a"`, `edge "a" -> "b"`, ...
typedef struct {
  ElementKind kind;
  char*       key;
  Attr*       attrs; ///< Sorted by name
  size_t      n_attrs;
} Element;

/// A graph described as its elements, in the order of the document (which
/// the comparison does not heed: cgraph writes subgraphs in the order of
/// their names' addresses, and a node or edge where it is first met).
typedef struct {
  Element* elements;
  size_t   n;
  size_t   cap;
  char*    error; ///< Why the description is incomplete, or NULL
} Description;

/// Return a fresh string like sprintf(), or NULL if out of memory.
static char* __attribute__((format(printf, 1, 2)))
text(const char* const fmt, ...)
{
  char*       out = NULL;
  size_t      len = 0U;
  FILE* const mem = open_memstream(&out, &len);
  if (!mem) {
    return NULL;
  }
  va_list args;
  va_start(args, fmt);
  vfprintf(mem, fmt, args);
  va_end(args);
  if (fclose(mem)) {
    free(out);
    return NULL;
  }
  return out;
}

static int
compare_attrs(const void* const a, const void* const b)
{
  return strcmp(((const Attr*)a)->name, ((const Attr*)b)->name);
}

static void
fail(Description* const d, char* const message)
{
  if (!d->error) {
    d->error = message ? message : text("out of memory");
  } else {
    free(message);
  }
}

/// Append an element of `kind` named `key` (taken) with the attributes of
/// `kind_of_attrs` that `obj` has in `root` (none if `obj` is NULL).
static void
add(Description* const d,
    const ElementKind  kind,
    char* const        key,
    Agraph_t* const    root,
    const int          kind_of_attrs,
    void* const        obj)
{
  if (!key) {
    fail(d, NULL);
    return;
  }
  if (d->n == d->cap) {
    const size_t   cap = d->cap ? 2U * d->cap : 64U;
    Element* const elements =
      (Element*)realloc(d->elements, cap * sizeof(Element));
    if (!elements) {
      free(key);
      fail(d, NULL);
      return;
    }
    d->elements = elements;
    d->cap      = cap;
  }
  Element* const e = &d->elements[d->n++];
  e->kind          = kind;
  e->key           = key;
  e->attrs         = NULL;
  e->n_attrs       = 0U;
  if (!obj) {
    return;
  }

  size_t n = 0U;
  for (Agsym_t* s = agnxtattr(root, kind_of_attrs, NULL); s;
       s          = agnxtattr(root, kind_of_attrs, s)) {
    ++n;
  }
  e->attrs = n ? (Attr*)calloc(n, sizeof(Attr)) : NULL;
  if (n && !e->attrs) {
    fail(d, NULL);
    return;
  }
  for (Agsym_t* s = agnxtattr(root, kind_of_attrs, NULL); s;
       s          = agnxtattr(root, kind_of_attrs, s)) {
    char* const value = agxget(obj, s);
    if (!value || !*value) {
      continue; // Unset and empty are the same to every layout
    }
    Attr* const a = &e->attrs[e->n_attrs++];
    a->name       = text("%s", s->name);
    a->value = aghtmlstr(value) ? text("<%s>", value) : text("\"%s\"", value);
    if (!a->name || !a->value) {
      fail(d, NULL);
      return;
    }
  }
  if (e->n_attrs) {
    qsort(e->attrs, e->n_attrs, sizeof(Attr), compare_attrs);
  }
}

/// Describe the edges of `g` in the order of the document: each is
/// `edge "tail" -> "head"`, with " #2", " #3"... for the second, third...
/// edge between the same nodes.
static void
describe_edges(Description* const d, Agraph_t* const g)
{
  size_t n = 0U;
  for (Agnode_t* v = agfstnode(g); v; v = agnxtnode(g, v)) {
    for (Agedge_t* e = agfstout(g, v); e; e = agnxtout(g, e)) {
      ++n;
    }
  }
  Agedge_t** const edges = n ? (Agedge_t**)calloc(n, sizeof(Agedge_t*)) : NULL;
  if (n && !edges) {
    fail(d, NULL);
    return;
  }
  size_t i = 0U;
  for (Agnode_t* v = agfstnode(g); v; v = agnxtnode(g, v)) {
    for (Agedge_t* e = agfstout(g, v); e; e = agnxtout(g, e)) {
      edges[i++] = e;
    }
  }
  // In the order of the document: insertion sort by sequence number
  for (size_t k = 1U; k < n; ++k) {
    Agedge_t* const e = edges[k];
    size_t          j = k;
    for (; j > 0U && AGSEQ(edges[j - 1U]) > AGSEQ(e); --j) {
      edges[j] = edges[j - 1U];
    }
    edges[j] = e;
  }

  const char* const arrow = agisdirected(g) ? "->" : "--";
  for (size_t k = 0U; k < n; ++k) {
    Agedge_t* const e       = edges[k];
    unsigned        earlier = 0U;
    for (size_t j = 0U; j < k; ++j) {
      earlier += agtail(edges[j]) == agtail(e) && aghead(edges[j]) == aghead(e);
    }
    char* const key = earlier ? text("edge \"%s\" %s \"%s\" #%u",
                                     agnameof(agtail(e)),
                                     arrow,
                                     agnameof(aghead(e)),
                                     earlier + 1U)
                              : text("edge \"%s\" %s \"%s\"",
                                     agnameof(agtail(e)),
                                     arrow,
                                     agnameof(aghead(e)));
    add(d, ELEMENT_EDGE, key, g, AGEDGE, e);
  }
  free(edges);
}

/// A subgraph still to describe.
typedef struct {
  Agraph_t* g;
  char*     path;
  unsigned  depth;
} Open;

/// Push `open` on the stack of `*n` of `*cap`, growing it.  @return false
/// (and the failure noted in `d`) if memory runs out.
static bool
push(Description* const d,
     Open** const       stack,
     size_t* const      n,
     size_t* const      cap,
     const Open         open)
{
  if (*n == *cap) {
    Open* const bigger = (Open*)realloc(*stack, *cap * 2U * sizeof(Open));
    if (!bigger) {
      free(open.path);
      fail(d, NULL);
      return false;
    }
    *stack = bigger;
    *cap *= 2U;
  }
  (*stack)[(*n)++] = open;
  return true;
}

/// Describe the subgraphs of `root`, nested ones named by their path
/// ("outer/inner"), without recursion.
static void
describe_subgraphs(Description* const d, Agraph_t* const root)
{
  size_t n     = 0U;
  size_t cap   = 16U;
  Open*  stack = (Open*)calloc(cap, sizeof(Open));
  if (!stack) {
    fail(d, NULL);
    return;
  }
  for (Agraph_t* s = agfstsubg(root); s; s = agnxtsubg(s)) {
    if (!push(d, &stack, &n, &cap, (Open){s, text("%s", agnameof(s)), 1U})) {
      break;
    }
  }

  while (n) {
    const Open open = stack[--n];
    if (!open.path) {
      fail(d, NULL);
      continue;
    }
    if (open.depth > DOT_COMPARE_MAX_DEPTH) {
      fail(d,
           text("subgraph \"%s\" is nested deeper than %u levels",
                open.path,
                DOT_COMPARE_MAX_DEPTH));
      free(open.path);
      continue;
    }
    add(d,
        ELEMENT_SUBGRAPH,
        text("subgraph \"%s\"", open.path),
        root,
        AGRAPH,
        open.g);
    for (Agnode_t* v = agfstnode(open.g); v; v = agnxtnode(open.g, v)) {
      add(d,
          ELEMENT_MEMBER,
          text("subgraph \"%s\" holds node \"%s\"", open.path, agnameof(v)),
          root,
          AGNODE,
          NULL);
    }
    for (Agraph_t* s = agfstsubg(open.g); s; s = agnxtsubg(s)) {
      const Open inner = {
        s, text("%s/%s", open.path, agnameof(s)), open.depth + 1U};
      if (!push(d, &stack, &n, &cap, inner)) {
        break;
      }
    }
    free(open.path);
  }
  while (n) {
    free(stack[--n].path);
  }
  free(stack);
}

/// Describe the DOT `dot` (`len` bytes) as its elements.
static Description
describe(const char* const dot, const size_t len, const char* const which)
{
  Description d    = {NULL, 0U, 0U, NULL};
  char* const copy = (char*)malloc(len + 1U);
  if (!copy) {
    fail(&d, NULL);
    return d;
  }
  memcpy(copy, dot, len);
  copy[len] = '\0';

  agseterr(AGMAX); // Keep cgraph quiet, and read its message below
  Agraph_t* const g = agmemread(copy);
  free(copy);
  if (!g) {
    char* const why = aglasterr(); // A copy, to free
    fail(
      &d,
      text("the %s DOT does not parse: %s", which, why ? why : "(no reason)"));
    free(why);
    agreseterrors();
    return d;
  }

  add(&d,
      ELEMENT_GRAPH,
      text("graph \"%s\"%s%s",
           agnameof(g),
           agisstrict(g) ? " (strict)" : "",
           agisdirected(g) ? " (directed)" : " (undirected)"),
      g,
      AGRAPH,
      g);
  for (Agnode_t* v = agfstnode(g); v; v = agnxtnode(g, v)) {
    add(&d, ELEMENT_NODE, text("node \"%s\"", agnameof(v)), g, AGNODE, v);
  }
  describe_edges(&d, g);
  describe_subgraphs(&d, g);
  agclose(g);
  return d;
}

static void
description_free(Description* const d)
{
  for (size_t i = 0U; i < d->n; ++i) {
    for (size_t a = 0U; a < d->elements[i].n_attrs; ++a) {
      free(d->elements[i].attrs[a].name);
      free(d->elements[i].attrs[a].value);
    }
    free(d->elements[i].attrs);
    free(d->elements[i].key);
  }
  free(d->elements);
  free(d->error);
}

static int
compare_keys(const void* const a, const void* const b)
{
  return strcmp((*(const Element* const*)a)->key,
                (*(const Element* const*)b)->key);
}

/// The elements of a description sorted by key, to look them up.
typedef struct {
  const Element** sorted;
  size_t          n;
} Index;

static bool
index_new(Index* const index, const Description* const d)
{
  index->n      = d->n;
  index->sorted = (const Element**)calloc(d->n ? d->n : 1U, sizeof(Element*));
  if (!index->sorted) {
    return false;
  }
  for (size_t i = 0U; i < d->n; ++i) {
    index->sorted[i] = &d->elements[i];
  }
  qsort(index->sorted, index->n, sizeof(Element*), compare_keys);
  return true;
}

static const Element*
find(const Index* const index, const Element* const e)
{
  const Element* const* const found = (const Element* const*)bsearch(
    &e, index->sorted, index->n, sizeof(Element*), compare_keys);
  return found ? *found : NULL;
}

/// Return a message for the first attribute in which `got` differs from
/// `expected` (elements of the same key), or NULL.
static char*
compare_element(const Element* const expected, const Element* const got)
{
  size_t i = 0U;
  size_t j = 0U;
  while (i < expected->n_attrs || j < got->n_attrs) {
    const Attr* const e = i < expected->n_attrs ? &expected->attrs[i] : NULL;
    const Attr* const g = j < got->n_attrs ? &got->attrs[j] : NULL;
    const int         order = !e ? 1 : !g ? -1 : strcmp(e->name, g->name);
    if (order < 0) {
      return text("%s: no %s, expected %s", expected->key, e->name, e->value);
    }
    if (order > 0) {
      return text("%s: %s %s not expected", expected->key, g->name, g->value);
    }
    if (strcmp(e->value, g->value)) {
      return text(
        "%s: %s %s expected %s", expected->key, e->name, g->value, e->value);
    }
    ++i;
    ++j;
  }
  return NULL;
}

char*
dot_compare(const char* const expected,
            const size_t      expected_len,
            const char* const got,
            const size_t      got_len)
{
  Description e       = describe(expected, expected_len, "expected");
  Description g       = describe(got, got_len, "actual");
  char*       message = NULL;
  Index       ei      = {NULL, 0U};
  Index       gi      = {NULL, 0U};

  if (e.error || g.error) {
    message = text("%s", e.error ? e.error : g.error);
    goto done;
  }
  if (!index_new(&ei, &e) || !index_new(&gi, &g)) {
    message = text("out of memory");
    goto done;
  }
  for (size_t i = 0U; i < e.n; ++i) {
    const Element* const found = find(&gi, &e.elements[i]);
    message                    = found ? compare_element(&e.elements[i], found)
                                       : text("missing %s", e.elements[i].key);
    if (message) {
      goto done;
    }
  }
  for (size_t i = 0U; i < g.n; ++i) {
    if (!find(&ei, &g.elements[i])) {
      message = text("unexpected %s", g.elements[i].key);
      goto done;
    }
  }

done:
  free(gi.sorted);
  free(ei.sorted);
  description_free(&g);
  description_free(&e);
  return message;
}
