// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph diff's reports: the cases of tests/data/diff/golden/ (each
// NAME.args with its expected NAME: the DeepSeek diff as text, summary,
// Markdown, HTML and JSON; KG_UPDATE_EXPECTED=1 rewrites them, to review
// in git diff), and the hostile graph (tests/data/diff/hostile-*.ttl),
// whose labels and IRIs must stay text in every report.

#include "golden_run.h"
#include "support.h"

#include <criterion/criterion.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static void
to_source_root(void)
{
  const char* const root = getenv("KG_SOURCE_ROOT");
  cr_assert_not_null(root);
  cr_assert_eq(chdir(root), 0, "cannot enter %s", root);
}

Test(golden, every_case_of_the_folder)
{
  // diff exits with 1: it found differences
  golden_run_folder("tests/data/diff/golden", 1, NULL, 5U);
}

/// Run python3 with the check `code` (over `r`, the report read by json)
/// on `json`; return its exit status.
static int
python_check(const char* const json, const char* const code)
{
  const char* const path = path_in(tmp_dir(), "report.json");
  write_file(path, json);
  char* const command =
    format("python3 -c 'import json,sys; "
           "r=json.load(open(sys.argv[1], encoding=\"utf-8\")); "
           "sys.exit(0 if (%s) else 1)' '%s'",
           code,
           path);
  const int status = system(command);
  free(command);
  return status;
}

Test(golden, deepseek_json_has_the_three_corrections)
{
  to_source_root();
  Run r = run("diff",
              "--format",
              "json",
              "graphs/deepseek-v1.ttl",
              "graphs/deepseek-v2.ttl",
              NULL);
  cr_assert_eq(r.status, 1, "%s", r.err);
  const char* const path = path_in(tmp_dir(), "deepseek.json");
  write_file(path, r.out);
  char* const command =
    format("python3 tests/cli/report-corrections.py '%s'", path);
  cr_expect_eq(system(command), 0);
  free(command);
  run_free(&r);
}

static Run
hostile(const char* const format)
{
  Run r = run("diff",
              "--format",
              format,
              data_path("diff/hostile-old.ttl"),
              data_path("diff/hostile-new.ttl"),
              NULL);
  cr_assert_eq(r.status, 1, "%s", r.err);
  return r;
}

static bool
contains_nocase(const char* const text, const char* const word)
{
  const size_t n = strlen(word);
  for (const char* p = text; *p; ++p) {
    if (!strncasecmp(p, word, n)) {
      return true;
    }
  }
  return false;
}

Test(hostile, markdown_holds_no_raw_html_and_no_other_link)
{
  Run r = hostile("markdown");
  cr_expect(!contains_nocase(r.out, "<script"), "%s", r.out);
  cr_expect(!contains_nocase(r.out, "<img"), "%s", r.out);
  cr_expect(!contains_nocase(r.out, "<style"), "%s", r.out);
  cr_expect(!contains_nocase(r.out, "<a "), "%s", r.out);

  // The only `<` opens a link destination, to an http(s) IRI
  for (const char* p = strchr(r.out, '<'); p; p = strchr(p + 1, '<')) {
    cr_expect(p - r.out >= 2 && p[-2] == ']' && p[-1] == '(' &&
                (!strncmp(p, "<http://", 8) || !strncmp(p, "<https://", 9)),
              "raw '<' at %.40s",
              p);
  }
  // Every link (an unescaped `](`) goes to an http(s) IRI
  for (const char* p = strstr(r.out, "]("); p; p = strstr(p + 1, "](")) {
    cr_expect(p[-1] == '\\' || !strncmp(p, "](<http", 7), "link %.40s", p);
  }
  cr_expect(
    strstr(r.out, "&lt;script&gt;alert(1)&lt;/script&gt;"), "%s", r.out);
  cr_expect(strstr(r.out, "javascript:alert(4)"), "%s", r.out);
  run_free(&r);
}

Test(hostile, html_holds_only_its_own_tags)
{
  static const char* const allowed[] = {
    "!DOCTYPE", "html",    "head", "meta", "title", "style", "body",
    "header",   "h1",      "h2",   "p",    "main",  "table", "thead",
    "tbody",    "section", "tr",   "th",   "td",    "a",     "span",
  };
  Run r = hostile("html");
  for (const char* p = strchr(r.out, '<'); p; p = strchr(p + 1, '<')) {
    const char* name = p + 1 + (p[1] == '/');
    size_t      len  = strcspn(name, " >");
    bool        ok   = false;
    for (size_t i = 0U; i < sizeof(allowed) / sizeof(*allowed); ++i) {
      ok = ok || (strlen(allowed[i]) == len && !strncmp(allowed[i], name, len));
    }
    cr_expect(ok, "tag %.40s", p);
  }
  for (const char* p = strstr(r.out, "href=\""); p;
       p             = strstr(p + 1, "href=\"")) {
    cr_expect(!strncmp(p, "href=\"http://", 13) ||
                !strncmp(p, "href=\"https://", 14),
              "link %.40s",
              p);
  }
  cr_expect(
    strstr(r.out, "&lt;/script&gt;&lt;script&gt;alert(2)"), "%s", r.out);
  run_free(&r);
}

Test(hostile, json_keeps_the_labels_as_they_are)
{
  Run r = hostile("json");
  cr_expect(!strstr(r.out, "</"), "%s", r.out);
  cr_expect_eq(
    python_check(r.out,
                 "any(e[\"name\"][\"label\"] == "
                 "\"</script><script>alert(2)</script>\" "
                 "for e in r[\"changed\"]) and "
                 "any(e[\"name\"][\"iri\"] == \"javascript:alert(4)\" and "
                 "e[\"name\"][\"label\"] == "
                 "\"\\\"><img src=x onerror=alert(3)>\" "
                 "for e in r[\"added\"])"),
    0,
    "%s",
    r.out);
  run_free(&r);
}

Test(filters, apply_to_the_reports)
{
  to_source_root();
  Run r = run("diff",
              "--format",
              "json",
              "--only",
              "changed",
              "graphs/deepseek-v1.ttl",
              "graphs/deepseek-v2.ttl",
              NULL);
  cr_assert_eq(r.status, 1, "%s", r.err);
  cr_expect_eq(python_check(r.out,
                            "r[\"added\"] == [] and "
                            "r[\"counts\"][\"added\"] == 0 and "
                            "len(r[\"changed\"]) > 0"),
               0,
               "%s",
               r.out);
  run_free(&r);

  r = run("diff",
          "--format",
          "markdown",
          "--focus",
          "ds:NvidiaLoss",
          "--depth",
          "0",
          "graphs/deepseek-v1.ttl",
          "graphs/deepseek-v2.ttl",
          NULL);
  cr_assert_eq(r.status, 1, "%s", r.err);
  cr_expect(
    strstr(r.out, "\n1 entity changed, 0 added, 0 removed;"), "%s", r.out);
  cr_expect(strstr(r.out,
                   "| \"US\\$600 billion\"@en | "
                   "\"nearly US\\$600 billion\"@en |"),
            "%s",
            r.out);
  run_free(&r);

  r = run("diff",
          "--format",
          "html",
          "--exclude",
          "rdfs:label",
          "graphs/deepseek-v1.ttl",
          "graphs/deepseek-v2.ttl",
          NULL);
  cr_assert_eq(r.status, 1, "%s", r.err);
  cr_expect(!strstr(r.out, ">rdfs:label</a></td>"), "%s", r.out);
  cr_expect(strstr(r.out, ">kg:certainty</a></td>"), "%s", r.out);
  run_free(&r);
}
