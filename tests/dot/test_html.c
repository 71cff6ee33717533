// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph render -T html, without a browser: one document that loads
// nothing, its data block (every entity of the graph), hostile text kept
// out of markup, the format by option and by extension, --focus, the
// focus view of a big graph, and errors that leave no file.  The browser
// test (tests/browser/view.mjs) runs the page.

#include "dot_support.h"
#include "support.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA_OPEN "<script type=\"application/json\" id=\"kg-data\">"

/// Return the number of times `needle` occurs in `text`.
static size_t
count_of(const char* const text, const char* const needle)
{
  size_t n = 0U;
  for (const char* p = text; (p = strstr(p, needle)); p += strlen(needle)) {
    ++n;
  }
  return n;
}

/// Return a copy of the data block of page `html` (free()).
static char*
data_of(const char* const html)
{
  const char* const open = strstr(html, DATA_OPEN);
  cr_assert_not_null(open, "no data block");
  const char* const start = open + strlen(DATA_OPEN);
  const char* const end   = strstr(start, "</script>");
  cr_assert_not_null(end);
  return format("%.*s", (int)(end - start), start);
}

/// Check that `html` is one page that loads nothing and whose only
/// </script are those of its own two script elements.
static void
assert_page(const char* const html)
{
  cr_assert(!strncmp(html, "<!doctype html>\n", 16U), "%.40s", html);
  cr_assert_eq(count_of(html, "<html"), 1U);
  cr_assert_eq(count_of(html, "</html>"), 1U);
  cr_assert_eq(count_of(html, "<svg"), 1U);
  cr_assert_eq(count_of(html, "</svg>"), 1U);
  cr_assert_not_null(strstr(html,
                            "content=\"default-src 'none'; script-src "
                            "'sha256-"));
  cr_assert_eq(count_of(html, "<script"), 2U);
  cr_assert_eq(count_of(html, DATA_OPEN), 1U);
  cr_assert_eq(count_of(html, "</script"), 2U);
  cr_assert_eq(count_of(html, "<style>"), 1U);
  cr_assert_not_null(strstr(html, "<input type=\"search\""));
  cr_assert_not_null(strstr(html, "<aside id=\"entity\""));
  // Nothing that loads
  static const char* const loads[] = {
    " src=\"",
    "@import",
    "url(",
    "<link",
    "<iframe",
    "<img",
    "<object",
    "<embed",
    "<base",
    "<!--",
    "<foreignObject",
  };
  for (size_t i = 0U; i < sizeof(loads) / sizeof(loads[0]); ++i) {
    cr_assert_null(strstr(html, loads[i]), "'%s' in the page", loads[i]);
  }
  // The data block holds no markup
  char* const data = data_of(html);
  cr_assert_null(strchr(data, '<'));
  cr_assert_null(strchr(data, '>'));
  cr_assert_null(strchr(data, '&'));
  cr_assert_null(strstr(data, "\xE2\x80\xA8"));
  cr_assert_null(strstr(data, "\xE2\x80\xA9"));
  free(data);
}

/// Run python3 `script` with `args` (a shell-quoted tail); return its
/// exit status, its output in `*out` (free()).
static int
python(const char* const code, const char* const path, char** const out)
{
  const char* const dir    = tmp_dir();
  const char* const script = path_in(dir, "check.py");
  write_file(script, code);
  char* const cmd = format("python3 '%s' '%s' 2>&1", script, path);
  FILE* const p   = popen(cmd, "r");
  cr_assert_not_null(p);
  char*  text = NULL;
  size_t len  = 0U;
  FILE*  mem  = open_memstream(&text, &len);
  char   buf[4096];
  size_t n = 0U;
  while ((n = fread(buf, 1U, sizeof(buf), p)) > 0U) {
    fwrite(buf, 1U, n, mem);
  }
  fclose(mem);
  const int status = pclose(p);
  free(cmd);
  *out = text;
  return status;
}

/// Reads a page and the N-Triples of its graph: every IRI subject or
/// object is an entity of the data, as many blank nodes, and the data's
/// references stay inside it.
static const char* const check_data =
  "import json, re, sys\n"
  "html = open(sys.argv[1], encoding='utf-8').read()\n"
  "start = html.index('id=\"kg-data\">') + len('id=\"kg-data\">')\n"
  "data = json.loads(html[start:html.index('</script>', start)])\n"
  "nt = open(sys.argv[1] + '.nt', encoding='utf-8').read()\n"
  "term = r'(<[^>]*>|_:\\S+)'\n"
  "iris, blanks = set(), set()\n"
  "for line in nt.splitlines():\n"
  "    m = re.match(term + r' <[^>]*> ' + term + r'? ?', line)\n"
  "    if not m: continue\n"
  "    for t in m.groups():\n"
  "        if t and t.startswith('<'): iris.add(t[1:-1])\n"
  "        elif t: blanks.add(t)\n"
  "e = data['e']\n"
  "got = {x['i'] for x in e if 'i' in x}\n"
  "assert got == iris, sorted(iris ^ got)[:5]\n"
  "assert sum(1 for x in e if 'i' not in x) == len(blanks)\n"
  "n = len(e)\n"
  "for x in e:\n"
  "    assert all(0 <= t < n for t in x.get('t', []))\n"
  "    assert all(0 <= o < n and 0 <= p < len(data['p']) for p, o in "
  "x.get('o', []))\n"
  "    for h in x.get('h', []):\n"
  "        assert all(0 <= s < n for s in h[2] + h[3])\n"
  "drawn = [x['d'] for x in e if 'd' in x]\n"
  "assert len(drawn) == len(set(drawn))\n"
  "print(n, len(drawn), sum(len(x.get('h', [])) for x in e), data['focus'])\n";

Test(html, deepseek_is_one_page_with_every_entity, .timeout = 60)
{
  const char* const dir  = tmp_dir();
  const char* const page = path_in(dir, "deepseek.html");
  char* const       ds =
    format("%s/graphs/deepseek-v2.ttl", getenv("KG_SOURCE_ROOT"));
  char* const kg = format("%s/ontology/kg.ttl", getenv("KG_SOURCE_ROOT"));
  char* const nt = format("%s.nt", page);
  Run r = run("render", "-T", "html", "--ontology", kg, "-o", page, ds, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  run_free(&r);
  char* const html = read_file(page);
  cr_assert_not_null(html);
  assert_page(html);
  // Liang Wenfeng, drawn, with his one label (the article's, in English)
  cr_assert_not_null(strstr(
    html, "\"q\":\"ds:LiangWenfeng\",\"l\":[[\"Liang Wenfeng\",\"en\"]]"));
  free(html);

  r = run("export", "--to", "ntriples", "-o", nt, ds, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  run_free(&r);
  free(nt);
  free(kg);
  free(ds);
  char*     out    = NULL;
  const int status = python(check_data, page, &out);
  cr_assert_eq(status, 0, "%s", out);
  unsigned n = 0U, drawn = 0U, hedges = 0U;
  int      focus = 0;
  cr_assert_eq(sscanf(out, "%u %u %u %d", &n, &drawn, &hedges, &focus), 4);
  cr_assert_gt(n, 300U);
  cr_assert_gt(drawn, 50U);
  cr_assert_lt(drawn, n, "the data holds entities that are not drawn");
  cr_assert_gt(hedges, 50U, "the claims of the DeepSeek graph");
  cr_assert_eq(focus, -1, "the whole graph is drawn");
  free(out);
}

Test(html, hostile_text_never_becomes_markup)
{
  Run r = run("render", "-T", "html", dot_data("hostile-view.ttl"), NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  assert_page(r.out);
  static const char* const raw[] = {
    "<script>window",
    "</script><script>",
    "<img",
    "<svg onload",
    "<b onclick",
    "onerror=\"",
    "href=\"javascript:",
    "href=\"data:",
  };
  for (size_t i = 0U; i < sizeof(raw) / sizeof(raw[0]); ++i) {
    cr_assert_null(strstr(r.out, raw[i]), "'%s' in the page", raw[i]);
  }
  char* const data = data_of(r.out);
  cr_assert_not_null(
    strstr(data,
           "\\u003cscript\\u003ewindow.__pwned=1;alert(1)\\u003c/script"
           "\\u003e"));
  cr_assert_not_null(strstr(data, "line\\u2028separator\\u2029paragraph"));
  cr_assert_not_null(
    strstr(data, "\"i\":\"javascript:window.__pwned=3;alert(3)\""));
  free(data);
  run_free(&r);
}

Test(html, format_by_extension)
{
  const char* const dir = tmp_dir();
  write_file(path_in(dir, "g.ttl"),
             "@prefix ex: <http://example.org/h#> .\n"
             "ex:a ex:knows ex:b .\n");
  const char* const out = path_in(dir, "view.HTML");
  Run               r   = run("render", "-o", out, path_in(dir, "g.ttl"), NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  run_free(&r);
  char* html = read_file(out);
  cr_assert_not_null(html);
  assert_page(html);
  free(html);
}

// Each test renders once: Graphviz's renderers read freed memory when a
// process renders a second time (see kg_graph_render())
Test(html, format_by_option)
{
  const char* const dir = tmp_dir();
  write_file(path_in(dir, "g.ttl"),
             "@prefix ex: <http://example.org/h#> .\n"
             "ex:a ex:knows ex:b .\n");
  Run r = run("render", "-T", "Html", path_in(dir, "g.ttl"), NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  assert_page(r.out);
  cr_assert_not_null(strstr(r.out, "\"q\":\"ex:a\""));
  run_free(&r);

  r = run("render", "--schema", "-T", "html", path_in(dir, "g.ttl"), NULL);
  cr_assert_eq(r.status, 2);
  cr_assert_not_null(strstr(r.err, "--schema draws no HTML view"), "%s", r.err);
  run_free(&r);
}

static const char* const ring =
  "@prefix ex: <http://example.org/h#> .\n"
  "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
  "ex:a rdfs:label \"Alpha\" ; ex:knows ex:b .\n"
  "ex:b rdfs:label \"Beta\" ; ex:knows ex:c .\n"
  "ex:c ex:knows ex:d .\n"
  "ex:d ex:knows ex:e .\n"
  "ex:e ex:knows ex:a .\n";

Test(html, focus_draws_part_and_keeps_every_entity)
{
  const char* const dir = tmp_dir();
  write_file(path_in(dir, "ring.ttl"), ring);
  Run r = run(
    "render", "-T", "html", "--focus", "ex:a", path_in(dir, "ring.ttl"), NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  assert_page(r.out);
  char* const data = data_of(r.out);
  cr_assert(!strncmp(data, "{\"focus\":0,", 11U), "%.40s", data);
  // Every entity is in the data; a, b and e are drawn, c and d are not
  for (char c = 'a'; c <= 'e'; ++c) {
    char q[32];
    snprintf(q, sizeof(q), "\"i\":\"http://example.org/h#%c\"", c);
    const char* const e = strstr(data, q);
    cr_assert_not_null(e, "%s", q);
    const bool drawn = !strncmp(e + strlen(q), ",\"d\":", 5U);
    cr_assert_eq(drawn, c != 'c' && c != 'd', "%c", c);
  }
  free(data);
  run_free(&r);
}

Test(html, errors_leave_no_file)
{
  const char* const dir = tmp_dir();
  write_file(path_in(dir, "ring.ttl"), ring);
  write_file(path_in(dir, "bad.ttl"),
             "@prefix ex: <http://example.org/h#> .\nex:a ex:b .\n");
  const char* const out = path_in(dir, "view.html");
  Run               r   = run("render",
              "--focus",
              "ex:nothing",
              "-o",
              out,
              path_in(dir, "ring.ttl"),
              NULL);
  cr_assert_neq(r.status, 0);
  cr_assert(!exists(out));
  run_free(&r);
  r = run("render", "-o", out, path_in(dir, "bad.ttl"), NULL);
  cr_assert_eq(r.status, 3);
  cr_assert(!exists(out));
  run_free(&r);
}

/// Write a star of 40 around ex:hub, and a chain of 2,000 apart; return
/// its path.
static const char*
write_big(void)
{
  const char* const dir  = tmp_dir();
  const char* const path = path_in(dir, "big.ttl");
  FILE* const       f    = fopen(path, "wb");
  cr_assert_not_null(f);
  fputs("@prefix ex: <http://example.org/big#> .\n", f);
  for (unsigned i = 0U; i < 40U; ++i) {
    fprintf(f, "ex:hub ex:has ex:s%u .\n", i);
  }
  for (unsigned i = 0U; i < 2000U; ++i) {
    fprintf(f, "ex:c%u ex:next ex:c%u .\n", i, i + 1U);
  }
  cr_assert_eq(fclose(f), 0);
  return path;
}

Test(html, a_big_graph_is_drawn_around_its_most_linked_entity, .timeout = 60)
{
  const char* const path = write_big();
  Run               r    = run("render", "-T", "html", path, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_not_null(strstr(r.err,
                            "note: 2042 entities and 2040 links: drawn "
                            "is the neighbourhood of 'ex:hub'"),
                     "%s",
                     r.err);
  assert_page(r.out);
  cr_assert_not_null(strstr(r.out, "<p id=\"note\">2042 entities"));
  cr_assert_eq(count_of(r.out, "class=\"node\""), 41U);
  char* const data = data_of(r.out);
  cr_assert_eq(count_of(data, "\"q\":\"ex:c"), 2001U);
  free(data);
  run_free(&r);
}

Test(html, a_big_graph_with_a_focus_is_drawn_around_it, .timeout = 60)
{
  const char* const path = write_big();
  // With a focus, that one
  Run r = run("render", "-T", "html", "--focus", "ex:c7", path, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  cr_assert_null(strstr(r.err, "most linked"));
  cr_assert_eq(count_of(r.out, "class=\"node\""), 3U);
  run_free(&r);
}

/// A claim whose status and source are properties of the user's own,
/// named so by the style (kgs:hedge, kgs:source) as pictures read them.
static const char* const own_claims =
  "@prefix ex: <http://example.org/h#> .\n"
  "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
  "ex:a ex:knows ex:b .\n"
  "ex:claim a rdf:Statement ; rdf:subject ex:a ; rdf:predicate ex:knows ;\n"
  "  rdf:object ex:b ; ex:certainty ex:Rumour ; ex:citedIn ex:Paper .\n";

static const char* const own_style =
  "@prefix ex: <http://example.org/h#> .\n"
  "@prefix kgs: <https://kgraph.example/style#> .\n"
  "ex:certainty kgs:hedge true .\n"
  "ex:citedIn kgs:source true .\n";

// One render a process: Graphviz 2.42's text measuring keeps a font name
// of the previous render's context

Test(html, claims_take_no_status_from_properties_the_style_does_not_name)
{
  const char* const dir = tmp_dir();
  write_file(path_in(dir, "claims.ttl"), own_claims);

  // The built-in style knows neither property: no status, no source
  Run r = run("render", "-T", "html", path_in(dir, "claims.ttl"), NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  char* const data = data_of(r.out);
  cr_assert_not_null(strstr(data, ",\"h\":[["), "%s", data);
  cr_assert_not_null(strstr(data, ",[],[],"), "%s", data);
  free(data);
  run_free(&r);
}

Test(html, claims_are_read_with_the_properties_the_style_names)
{
  const char* const dir = tmp_dir();
  write_file(path_in(dir, "claims.ttl"), own_claims);
  write_file(path_in(dir, "style.ttl"), own_style);

  // The user's style names them: the claim has a status and a source
  Run r = run("render",
              "-T",
              "html",
              "--style",
              path_in(dir, "style.ttl"),
              path_in(dir, "claims.ttl"),
              NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  char* const data = data_of(r.out);
  cr_assert_not_null(strstr(data, ",\"h\":[["), "%s", data);
  cr_assert_null(strstr(data, ",[],"), "%s", data);
  free(data);
  run_free(&r);
}
