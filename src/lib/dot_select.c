// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Pictures: choosing what to draw: focus, depth, exclusion, sizes (see
// write_dot.c).

#include "dot_impl.h"

#include "alloc.h"
#include "buffer.h"
#include "formats.h"
#include "graph.h"
#include "intern.h"
#include "layout.h"
#include "log.h"
#include "ns.h"
#include "order.h"
#include "vocab.h"

#include <kgraph/dot.h>
#include <kgraph/graph.h>
#include <kgraph/status.h>
#include <kgraph/syntax.h>
#include <kgraph/text.h>

#include <graphviz/cgraph.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Find a term from a user's words: an IRI, a QName, or a label.
static KgTermId
find_term(Dot* const d, const char* const words, const bool labels)
{
  KgTermId id      = KG_NO_TERM;
  bool     several = false;
  if (kg_find_named(d->graph, &d->ns, words, labels, &d->name, &id, &several)) {
    d->status = KG_BAD_ALLOC;
    return KG_NO_TERM;
  }
  if (several) {
    kg_log(&d->options->log,
           KG_LOG_ERROR,
           KG_NO_CARET,
           "'%s' is the label of several entities: give an IRI",
           words);
    d->status = KG_BAD_ARG;
    return KG_NO_TERM;
  }
  return id;
}

/// Return true iff the triple is drawn as an edge between two nodes.
bool
kg_dot_is_edge(const Dot* const d, const KgTriple* const t)
{
  return !d->excluded[t->p] && kg_kind(d->graph, t->o) != KG_TERM_LITERAL &&
         d->node_style[t->s] != -3 && d->node_style[t->o] != -3;
}

/// Return the change of triple `index` (KG_DOT_SAME if not a difference).
KgDotChange
kg_dot_change_of(const Dot* const d, const size_t index)
{
  return d->dot.changes ? (KgDotChange)d->dot.changes[index] : KG_DOT_SAME;
}

/// Return true iff `id` is a node in a changed triple.
static bool
is_changed(const Dot* const d, const KgTermId id)
{
  return d->touched[id] & (TOUCH_ADDED | TOUCH_REMOVED);
}

/**
   Keep only the nodes at most `depth` edges (either way) from `focus`, or
   without it, from the nodes of changed triples.
*/
static KgStatus
keep_neighbourhood(Dot* const d, const KgTermId focus)
{
  // The edges both ways, by node (a compressed adjacency list)
  const size_t    n_ids   = d->graph->terms.n_terms;
  const size_t    n       = d->graph->n_triples;
  uint32_t* const offsets = (uint32_t*)kg_calloc(n_ids + 1U, sizeof(uint32_t));
  KgTermId* const next =
    (KgTermId*)kg_reallocarray(NULL, 2U * n + 1U, sizeof(KgTermId));
  uint32_t* const dist =
    (uint32_t*)kg_reallocarray(NULL, n_ids, sizeof(uint32_t));
  KgTermId* const queue =
    (KgTermId*)kg_reallocarray(NULL, n_ids, sizeof(KgTermId));
  if (!offsets || !next || !dist || !queue) {
    kg_free(offsets);
    kg_free(next);
    kg_free(dist);
    kg_free(queue);
    return KG_BAD_ALLOC;
  }

  for (size_t i = 0U; i < n; ++i) {
    const KgTriple* const t = &d->graph->triples[i];
    if (kg_dot_is_edge(d, t) && d->drawn[t->s] && d->drawn[t->o]) {
      ++offsets[t->s + 1U];
      ++offsets[t->o + 1U];
    }
  }
  for (size_t i = 1U; i <= n_ids; ++i) {
    offsets[i] += offsets[i - 1U];
  }
  for (size_t i = 0U; i < n; ++i) {
    const KgTriple* const t = &d->graph->triples[i];
    if (kg_dot_is_edge(d, t) && d->drawn[t->s] && d->drawn[t->o]) {
      next[offsets[t->s]++] = t->o;
      next[offsets[t->o]++] = t->s;
    }
  }
  for (size_t i = n_ids; i > 0U; --i) { // Back to starts
    offsets[i] = offsets[i - 1U];
  }
  offsets[0] = 0U;

  // Breadth first from the focus
  for (size_t i = 0U; i < n_ids; ++i) {
    dist[i] = UINT32_MAX;
  }
  size_t head = 0U;
  size_t tail = 0U;
  for (KgTermId id = 1U; id < n_ids; ++id) {
    if (focus ? id == focus : (d->drawn[id] && is_changed(d, id))) {
      dist[id]      = 0U;
      queue[tail++] = id;
    }
  }
  while (head < tail) {
    const KgTermId x = queue[head++];
    for (uint32_t e = offsets[x]; dist[x] < d->dot.depth && e < offsets[x + 1U];
         ++e) {
      if (dist[next[e]] == UINT32_MAX) {
        dist[next[e]] = dist[x] + 1U;
        queue[tail++] = next[e];
      }
    }
  }

  for (size_t i = 0U; i < n_ids; ++i) {
    d->drawn[i] = d->drawn[i] && dist[i] != UINT32_MAX;
  }

  kg_free(queue);
  kg_free(dist);
  kg_free(next);
  kg_free(offsets);
  return KG_SUCCESS;
}

/// Return the number of literals of node `s` in its table, title aside.
size_t
kg_dot_table_rows(const Dot* const d, const KgTermId s)
{
  const KgLayout* const l     = &d->layout;
  const size_t          title = kg_dot_title_of(d, s);
  size_t                n     = 0U;
  for (uint32_t i = 0U; i < l->count[s]; ++i) {
    const KgTriple* const t = kg_layout_triple(l, s, i);
    n += kg_kind(d->graph, t->o) == KG_TERM_LITERAL && !d->excluded[t->p] &&
         l->first[s] + i != title;
  }
  return n;
}

/// Return how many of `n` literals a table shows: max_rows, unless that
/// leaves only one out (the row counting it would take its place).
size_t
kg_dot_shown_literals(const Dot* const d, const size_t n)
{
  return (d->dot.max_rows && n > d->dot.max_rows + 1U) ? d->dot.max_rows : n;
}

/// Return the rows of a table of `n` literals: those shown, and one that
/// counts the others.
static size_t
shown_rows(const Dot* const d, const size_t n)
{
  const size_t shown = kg_dot_shown_literals(d, n);
  return shown + (shown < n);
}

/// Mark the nodes of the picture, and count them.
static void
choose_nodes(Dot* const d, const KgTermId focus)
{
  const KgLayout* const l = &d->layout;

  // -3 marks nodes of hidden classes
  for (size_t k = 0U; k < l->n_subjects && !d->status; ++k) {
    const KgTermId s = l->subjects[k];
    d->node_style[s] = kg_dot_node_style(d, s);
    if (d->node_style[s] >= 0 && d->styles[d->node_style[s]].hidden) {
      d->node_style[s] = -3;
    }
  }

  for (size_t k = 0U; k < l->n_subjects; ++k) {
    const KgTermId s = l->subjects[k];
    if (d->node_style[s] == -3) {
      continue;
    }
    d->drawn[s] = 1U;
    for (uint32_t i = 0U; i < l->count[s]; ++i) {
      const KgTriple* const t = kg_layout_triple(l, s, i);
      if (kg_dot_is_edge(d, t)) {
        d->drawn[t->o] = 1U;
      }
    }
  }

  if (focus || d->dot.changes) {
    d->status = keep_neighbourhood(d, focus);
    if (d->status) {
      return;
    }
  }

  // Count what Graphviz will lay out: nodes (literal ones too) and edges
  d->n_nodes = 0U;
  d->n_edges = 0U;
  for (size_t i = 0U; i < d->graph->terms.n_terms; ++i) {
    d->n_nodes += d->drawn[i];
  }
  for (size_t i = 0U; i < d->graph->n_triples; ++i) {
    const KgTriple* const t = &d->graph->triples[i];
    if (!d->drawn[t->s] || d->excluded[t->p]) {
      continue;
    }
    if (kg_kind(d->graph, t->o) != KG_TERM_LITERAL) {
      d->n_edges += d->drawn[t->o];
    } else if (d->dot.literals == KG_DOT_LITERALS_NODES) {
      ++d->n_nodes; // A title among them is counted too: an upper bound
      ++d->n_edges;
    }
  }

  // And the rows of the tables of literals
  d->n_rows = 0U;
  for (size_t k = 0U;
       d->dot.literals == KG_DOT_LITERALS_TABLE && k < l->n_subjects;
       ++k) {
    const KgTermId s = l->subjects[k];
    if (d->drawn[s]) {
      d->n_rows += shown_rows(d, kg_dot_table_rows(d, s));
    }
  }
}

/// Put each node in the cluster of its first `cluster_by` object.
static void
choose_clusters(Dot* const d)
{
  const KgLayout* const l = &d->layout;
  for (size_t k = 0U; k < l->n_subjects; ++k) {
    const KgTermId s = l->subjects[k];
    for (uint32_t i = 0U; d->drawn[s] && i < l->count[s]; ++i) {
      const KgTriple* const t = kg_layout_triple(l, s, i);
      if (t->p == d->cluster_by && kg_kind(d->graph, t->o) != KG_TERM_LITERAL) {
        d->cluster[s] = t->o;
        break;
      }
    }
  }

  // A node that others are grouped by stands in its own group
  for (size_t k = 0U; k < l->n_subjects; ++k) {
    const KgTermId key = d->cluster[l->subjects[k]];
    if (key && d->drawn[key] && !d->cluster[key]) {
      d->cluster[key] = key;
    }
  }
}

/// Return true iff the picture is over a limit, after saying so.
static bool
refuse_size(const Dot* const d)
{
  const KgLog* const log  = &d->options->log;
  const size_t       size = d->n_nodes + d->n_edges + d->n_rows;
  if (d->dot.max_nodes && d->n_nodes > d->dot.max_nodes) {
    kg_log(log,
           KG_LOG_ERROR,
           KG_NO_CARET,
           "the picture would have %s nodes, more than %s",
           kg_dot_count(d->n_nodes).text,
           kg_dot_count(d->dot.max_nodes).text);
    return true;
  }
  if (d->dot.max_size && size > d->dot.max_size) {
    kg_log(log,
           KG_LOG_ERROR,
           KG_NO_CARET,
           "the picture would have %s nodes, %s edges and %s table rows, "
           "more than %s together",
           kg_dot_count(d->n_nodes).text,
           kg_dot_count(d->n_edges).text,
           kg_dot_count(d->n_rows).text,
           kg_dot_count(d->dot.max_size).text);
    return true;
  }
  return false;
}

/// Mark the nodes of changed triples, in a picture of a difference.
void
kg_dot_mark_changes(Dot* const d)
{
  for (size_t i = 0U; d->dot.changes && i < d->graph->n_triples; ++i) {
    const KgTriple* const t   = &d->graph->triples[i];
    const uint8_t         bit = (uint8_t)(1U << kg_dot_change_of(d, i));
    d->touched[t->s] |= bit;
    if (kg_kind(d->graph, t->o) != KG_TERM_LITERAL) {
      d->touched[t->o] |= bit;
    }
  }
}

/// Exclude the properties not drawn: asked for, and hidden by the style.
KgStatus
kg_dot_exclude(Dot* const d)
{
  const size_t n_ids = d->graph->terms.n_terms;
  for (KgTermId id = 1U; id < n_ids; ++id) {
    if (kg_kind(d->graph, id) == KG_TERM_IRI && kg_dot_property_hidden(d, id)) {
      d->excluded[id] = 1U;
    }
  }
  for (size_t i = 0U; i < d->dot.n_exclude; ++i) {
    const KgTermId p = find_term(d, d->dot.exclude[i], false);
    if (p) {
      d->excluded[p] = 1U; // A property the graph does not use is no error
    } else if (d->status) {
      return d->status;
    }
  }
  return KG_SUCCESS;
}

/// Find the property to group nodes by, if asked.
KgStatus
kg_dot_find_cluster_by(Dot* const d)
{
  if (d->dot.cluster_by) {
    d->cluster_by = find_term(d, d->dot.cluster_by, false);
    if (!d->cluster_by && !d->status) {
      kg_log(&d->options->log,
             KG_LOG_ERROR,
             KG_NO_CARET,
             "no property '%s' in the graph to group by",
             d->dot.cluster_by);
      return KG_BAD_ARG;
    }
  }
  return KG_SUCCESS;
}

/// Find the entity to focus on, if asked, into `*focus`.
KgStatus
kg_dot_find_focus(Dot* const d, KgTermId* const focus)
{
  if (d->dot.focus) {
    *focus = find_term(d, d->dot.focus, true);
    if (!*focus) {
      if (!d->status) {
        kg_log(&d->options->log,
               KG_LOG_ERROR,
               KG_NO_CARET,
               "no entity '%s' (an IRI, QName or label) to focus on",
               d->dot.focus);
      }
      return d->status ? d->status : KG_BAD_ARG;
    }
  }
  return KG_SUCCESS;
}

/// Choose the nodes around `focus` (or all), check the size, and group them.
KgStatus
kg_dot_choose(Dot* const d, const KgTermId focus)
{
  choose_nodes(d, focus);
  if (d->status) {
    return d->status;
  }

  if (focus && !d->drawn[focus]) {
    kg_log(&d->options->log,
           KG_LOG_ERROR,
           KG_NO_CARET,
           "'%s' is not drawn (its class is hidden by the style)",
           d->dot.focus);
    return KG_BAD_ARG;
  }

  if (refuse_size(d)) {
    return KG_BAD_LIMIT;
  }

  if (d->cluster_by) {
    choose_clusters(d);
  }
  return KG_SUCCESS;
}
