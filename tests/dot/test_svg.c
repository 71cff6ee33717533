// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Texts through Graphviz's own dot: the output of `kgraph export --to dot`
// goes through `dot -Tsvg`, which must exit 0 and print nothing, and every
// literal of the input must appear in the SVG's <text> elements as written
// (cut at --max-label characters with an ellipsis): the hostile labels of
// tests/data/dot/hostile.ttl, the tables of blank nodes, IRIs shown as
// labels, and the golden DeepSeek graph.

#include "dot_support.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

/// The texts of an SVG's <text> elements, in document order.
typedef struct {
  char** texts;
  size_t n;
} Texts;

static void
collect(const xmlNode* const first, Texts* const out)
{
  for (const xmlNode* n = first; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) {
      continue;
    }
    if (!strcmp((const char*)n->name, "text")) {
      xmlChar* const content = xmlNodeGetContent(n);
      out->texts = (char**)realloc(out->texts, (out->n + 1U) * sizeof(char*));
      cr_assert_not_null(out->texts);
      out->texts[out->n++] = strdup(content ? (const char*)content : "");
      xmlFree(content);
    } else {
      collect(n->children, out);
    }
  }
}

/// Parse the SVG at `path` (XML, entities resolved) into its texts.
static Texts
svg_texts(const char* const path)
{
  size_t      len = 0U;
  char* const svg = dot_read_all(path, &len);
  cr_assert_not_null(svg, "no SVG at %s", path);
  cr_assert(!strncmp(svg, "<?xml", 5U), "not XML: %.40s", svg);

  xmlDoc* const doc =
    xmlReadMemory(svg, (int)len, "out.svg", NULL, XML_PARSE_NONET);
  cr_assert_not_null(doc, "the SVG of dot is not well-formed XML");
  Texts texts = {NULL, 0U};
  collect(xmlDocGetRootElement(doc), &texts);
  xmlFreeDoc(doc);
  free(svg);
  return texts;
}

static void
texts_free(Texts* const t)
{
  for (size_t i = 0U; i < t->n; ++i) {
    free(t->texts[i]);
  }
  free(t->texts);
}

/// Return the length of the UTF-8 sequence that starts with byte `c`.
static size_t
utf8_len(const unsigned char c)
{
  return c < 0x80U ? 1U : c < 0xE0U ? 2U : c < 0xF0U ? 3U : 4U;
}

/**
   Return the lines that a label of `text` must show: line breaks (LF, CR,
   CRLF) made one, cut after `max` characters (0: never) with "…".
   The lines are NUL-separated in the returned string, `*n_lines` of them.
*/
static char*
expected_lines(const KgStringView text, const unsigned max, size_t* n_lines)
{
  char* const out = (char*)calloc(text.len + 8U, 1U);
  cr_assert_not_null(out);
  size_t   o     = 0U;
  unsigned chars = 0U;
  *n_lines       = 1U;
  for (size_t i = 0U; i < text.len;) {
    if (max && chars == max) {
      memcpy(out + o, "…", strlen("…"));
      o += strlen("…");
      break;
    }
    const unsigned char c = (unsigned char)text.data[i];
    if (c == '\r' || c == '\n') {
      i +=
        (c == '\r' && i + 1U < text.len && text.data[i + 1U] == '\n') ? 2U : 1U;
      out[o++] = '\0';
      ++*n_lines;
    } else {
      const size_t n = utf8_len(c);
      memcpy(out + o, text.data + i, n);
      o += n;
      i += n;
    }
    ++chars;
  }
  return out;
}

/// Return true iff `lines` (NUL-separated) are consecutive texts of `svg`.
static bool
shown(const Texts* const svg, const char* const lines, const size_t n_lines)
{
  for (size_t i = 0U; i + n_lines <= svg->n; ++i) {
    const char* line = lines;
    size_t      k    = 0U;
    for (; k < n_lines && !strcmp(svg->texts[i + k], line); ++k) {
      line += strlen(line) + 1U;
    }
    if (k == n_lines) {
      return true;
    }
  }
  return false;
}

/// Run `command` with sh; return its exit status (or -1).
static int
shell(const char* const command)
{
  const int r = system(command);
  return (r != -1 && WIFEXITED(r)) ? WEXITSTATUS(r) : -1;
}

/// A temporary directory for one test.
typedef struct {
  char dir[64];
} Scratch;

static Scratch
scratch_new(void)
{
  Scratch s;
  snprintf(s.dir, sizeof(s.dir), "/tmp/kgraph-dot-svg-XXXXXX");
  cr_assert_not_null(mkdtemp(s.dir));
  return s;
}

static void
scratch_free(const Scratch* const s)
{
  char command[128];
  snprintf(command, sizeof(command), "rm -rf '%s'", s->dir);
  shell(command);
}

/**
   Run `kgraph export --to dot OPTIONS INPUT`, then Graphviz's `dot -Tsvg`
   on its output, which must succeed with nothing on stderr; return the
   texts of the SVG.
*/
static Texts
export_and_lay_out(const Scratch* const s,
                   const char* const    options,
                   const char* const    input)
{
  const char* const dot_program = getenv("KG_DOT_PROGRAM");
  if (!dot_program || !*dot_program) {
    cr_skip_test("Graphviz's dot program is not installed");
  }

  char command[4096];
  cr_assert_gt(snprintf(command,
                        sizeof(command),
                        "'%s' export --to dot %s -o %s/out.dot '%s'",
                        getenv("KG_EXE"),
                        options,
                        s->dir,
                        input),
               0);
  cr_assert_eq(shell(command), 0, "%s failed", command);

  // dot -Tsvg: exit 0 and nothing on stderr
  snprintf(command,
           sizeof(command),
           "'%s' -Tsvg -o %s/out.svg %s/out.dot 2> %s/dot.err",
           dot_program,
           s->dir,
           s->dir,
           s->dir);
  const int status = shell(command);
  char      path[1024];
  snprintf(path, sizeof(path), "%s/dot.err", s->dir);
  char* const err = dot_read_all(path, NULL);
  cr_assert_not_null(err);
  cr_expect_eq(status, 0, "dot exited with %d: %.2000s", status, err);
  cr_expect_str_empty(err, "dot printed on stderr: %.2000s", err);
  free(err);

  snprintf(path, sizeof(path), "%s/out.svg", s->dir);
  return svg_texts(path);
}

/**
   Export tests/data/dot/NAME with `options` (and --max-label), lay it out
   with dot -Tsvg, and check every literal of the input against the SVG.
*/
static void
check_literals(const char* const name,
               const char* const options,
               const unsigned    max)
{
  const Scratch s     = scratch_new();
  Texts         texts = export_and_lay_out(&s, options, dot_data(name));
  cr_assert_gt(texts.n, 3U);

  // Every literal of the input, read with libkgraph
  KgGraph* const        g         = dot_graph_load(name);
  const KgTriple* const ts        = kg_graph_triples(g);
  size_t                n_checked = 0U;
  for (size_t i = 0U; i < kg_graph_size(g); ++i) {
    if (kg_term_kind(g, ts[i].o) != KG_TERM_LITERAL) {
      continue;
    }
    const KgStringView text    = kg_term_text(g, ts[i].o);
    size_t             n_lines = 0U;
    char* const        lines   = expected_lines(text, max, &n_lines);
    cr_expect(shown(&texts, lines, n_lines),
              "%s, max-label %u: the SVG does not show the literal "
              "\"%.120s%s\" (%zu line(s), first: \"%.120s\")",
              name,
              max,
              text.data,
              text.len > 120U ? "..." : "",
              n_lines,
              lines);
    free(lines);
    ++n_checked;
  }
  cr_assert_gt(n_checked, 5U);

  kg_graph_free(g);
  texts_free(&texts);
  scratch_free(&s);
}

Test(svg, hostile_whole_texts, .timeout = 60)
{
  check_literals("hostile.ttl", "--max-label 0", 0U);
}

Test(svg, hostile_cut_texts, .timeout = 60)
{
  KgDotOptions defaults;
  kg_dot_options_init(&defaults);
  check_literals("hostile.ttl", "", defaults.max_label);
}

Test(svg, blank_nodes_with_literals, .timeout = 60)
{
  // A blank node has no title: its table must still be valid
  check_literals("blanks.ttl", "--max-label 0", 0U);
}

Test(svg, blank_nodes_show_no_made_up_names, .timeout = 60)
{
  // The writer names blank nodes "_:bN" for cgraph, and labels them with
  // nothing: the picture must not show the names
  const Scratch s     = scratch_new();
  Texts         texts = export_and_lay_out(&s, "", dot_data("blanks.ttl"));
  for (size_t i = 0U; i < texts.n; ++i) {
    cr_expect(strncmp(texts.texts[i], "_:", 2U),
              "the SVG shows the blank node name '%s'",
              texts.texts[i]);
  }
  texts_free(&texts);
  scratch_free(&s);
}

Test(svg, the_golden_graph_lays_out_cleanly, .timeout = 60)
{
  char options[2048];
  snprintf(options,
           sizeof(options),
           "--ontology '%s/ontology/kg.ttl'",
           getenv("KG_SOURCE_ROOT"));
  char input[2048];
  snprintf(input,
           sizeof(input),
           "%s/graphs/deepseek-v2.ttl",
           getenv("KG_SOURCE_ROOT"));
  const Scratch s     = scratch_new();
  Texts         texts = export_and_lay_out(&s, options, input);
  cr_assert_gt(texts.n, 100U);
  texts_free(&texts);
  scratch_free(&s);
}

Test(svg, iris_shown_as_written, .timeout = 60)
{
  // An IRI that holds what looks like an entity, shown as a node's label
  // (no label of its own) and as the label of its cluster
  const Scratch s = scratch_new();
  char          in[256];
  snprintf(in, sizeof(in), "%s/in.ttl", s.dir);
  FILE* const f = fopen(in, "wb");
  cr_assert_not_null(f);
  fputs("<http://example.org/a> <http://example.org/in> "
        "<http://example.org/q?x=1&amp;y=2&lt;> .\n",
        f);
  fclose(f);

  Texts texts =
    export_and_lay_out(&s, "--cluster-by http://example.org/in", in);
  unsigned n = 0U;
  for (size_t i = 0U; i < texts.n; ++i) {
    n += !strcmp(texts.texts[i], "http://example.org/q?x=1&amp;y=2&lt;");
  }
  cr_expect_eq(
    n, 2U, "the IRI is shown %u times as written, not 2 (node, cluster)", n);
  texts_free(&texts);
  scratch_free(&s);
}

Test(svg, expected_lines_helper)
{
  // The helper itself: CRLF is one break, the cut counts characters
  size_t      n = 0U;
  char* const a = expected_lines(KG_SV("ab\r\ncd\ref\ngh"), 0U, &n);
  cr_assert_eq(n, 4U);
  cr_assert_str_eq(a, "ab");
  cr_assert_str_eq(a + 3, "cd");
  cr_assert_str_eq(a + 6, "ef");
  cr_assert_str_eq(a + 9, "gh");
  free(a);

  char* const b = expected_lines(KG_SV("ééé"), 2U, &n);
  cr_assert_eq(n, 1U);
  cr_assert_str_eq(b, "éé…");
  free(b);

  char* const c = expected_lines(KG_SV("ééé"), 3U, &n);
  cr_assert_str_eq(c, "ééé");
  free(c);
}
