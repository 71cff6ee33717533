// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The Markdown, HTML and JSON reports, over reports built by hand.

#include "report_fixture.h"

#include "alloc.h"
#include "report.h"
#include "report_out.h"

#include <criterion/criterion.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef KgStatus (*WriteFunc)(const KgDiffReport*, FILE*);

/// Write `report` with `write` and return the text (to free()).
static char*
written(WriteFunc write, const KgDiffReport* const report)
{
  char*       text = NULL;
  size_t      len  = 0U;
  FILE* const f    = open_memstream(&text, &len);
  cr_assert_not_null(f);
  cr_assert_eq(write(report, f), KG_SUCCESS);
  cr_assert_eq(fclose(f), 0);
  return text;
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

/// The hostile report, with a kept blank node nested `depth` deep in the
/// removed entity (statements chained from index 10).
static KgDiffReport
deep_report(const unsigned depth)
{
  static KgReportStatement statements[64];
  KgDiffReport             report;
  fx_hostile(&report);
  cr_assert(depth + 11U <= 64U);
  memcpy(statements, report.statements, 10U * sizeof(KgReportStatement));
  const KgShownTerm p = fx_term("ex:in", "http://example.org/in", NULL);
  for (unsigned i = 0U; i <= depth; ++i) {
    KgReportStatement* const s = &statements[10U + i];
    *s                         = fx_statement(KG_STATEMENT_REMOVED,
                      false,
                      p,
                      i == depth ? fx_term("\"abyss\"", NULL, NULL)
                                                         : fx_term(NULL, NULL, NULL));
    if (i < depth) {
      s->first_nested = 11U + i;
      s->n_nested     = 1U;
    }
  }
  statements[7].object       = fx_term(NULL, NULL, NULL);
  statements[7].first_nested = 10U;
  statements[7].n_nested     = 1U;
  report.statements          = statements;
  report.n_statements        = 11U + depth;
  return report;
}

// Markdown

Test(report_markdown, writes_no_raw_html_from_the_data)
{
  KgDiffReport report;
  fx_hostile(&report);
  char* const md = written(kg_report_write_markdown, &report);

  cr_expect(!contains_nocase(md, "<script"), "%s", md);
  cr_expect(!contains_nocase(md, "<img"), "%s", md);
  cr_expect(!contains_nocase(md, "<a "), "%s", md);

  // Every link (an unescaped `](`) goes to an http(s) IRI
  size_t n_links = 0U;
  for (const char* p = strstr(md, "]("); p; p = strstr(p + 1, "](")) {
    if (p[-1] != '\\') {
      ++n_links;
      cr_expect(!strncmp(p, "](<http://", 10) || !strncmp(p, "](<https://", 11),
                "link %.40s",
                p);
    }
  }
  cr_expect_geq(n_links, 5U);

  // The only `<` is ours, opening a link destination: `](<`
  for (const char* p = strchr(md, '<'); p; p = strchr(p + 1, '<')) {
    cr_expect(p - md >= 2 && p[-2] == ']' && p[-1] == '(',
              "raw '<' at offset %td:\n%s",
              p - md,
              md);
  }

  // No image, no link but our own: `![` and `[` are escaped
  cr_expect(!strstr(md, "!["), "%s", md);
  cr_expect(strstr(md, "&lt;script&gt;alert(1)&lt;/script&gt;"), "%s", md);
  free(md);
}

Test(report_markdown, keeps_every_table_row_on_one_line)
{
  KgDiffReport report;
  fx_hostile(&report);
  char* const md = written(kg_report_write_markdown, &report);

  size_t n_rows = 0U;
  for (char* line = strtok(md, "\n"); line; line = strtok(NULL, "\n")) {
    if (line[0] != '|') {
      continue;
    }
    ++n_rows;
    const size_t len = strlen(line);
    cr_expect(len >= 2U && line[len - 1U] == '|', "cut row: %s", line);

    // A data row has as many cells as its header: count unescaped `|`
    size_t n_bars = 0U;
    for (size_t i = 0U; i < len; ++i) {
      if (line[i] == '\\') {
        ++i;
      } else if (line[i] == '|') {
        ++n_bars;
      }
    }
    cr_expect(n_bars == 5U || n_bars == 4U, "%zu bars: %s", n_bars, line);
  }
  cr_expect_geq(n_rows, 12U);
  free(md);
}

Test(report_markdown, links_web_iris_only_with_their_ends_encoded)
{
  KgDiffReport report;
  fx_hostile(&report);
  char* const md = written(kg_report_write_markdown, &report);

  cr_expect(strstr(md,
                   "[ex:model](<http://example.org/model?a=1&amp;b=%282%29"
                   "%3E%7Cx>)"),
            "%s",
            md);
  cr_expect(strstr(md, "&lt;javascript:alert(4)&gt;"), "%s", md);
  cr_expect(strstr(md, "a \\| b\\\\nc"), "%s", md); // The pipe, the \n
  cr_expect(strstr(md, "line one\\\\u000Aline two"), "%s", md);
  cr_expect(strstr(md, "\\\\u2028\\\\u202E"), "%s", md);
  free(md);
}

Test(report_markdown, shows_an_edited_value_on_one_row)
{
  KgDiffReport report;
  fx_hostile(&report);
  char* const md = written(kg_report_write_markdown, &report);
  cr_expect(strstr(md,
                   "| \"&lt;script&gt;alert(1)&lt;/script&gt;\"@en | "
                   "\"&lt;/script&gt;&lt;script&gt;alert(2)&lt;/"
                   "script&gt;\"@en |"),
            "%s",
            md);
  cr_expect(strstr(md,
                   "| ↳ [ex:city](<http://example.org/city>) | "
                   "\"Paris\" | \"&lt;img src=x onerror=alert(8)&gt;\" |"),
            "%s",
            md);
  free(md);
}

// HTML

/// Return true if every tag of `html` is one the writer uses.
static bool
only_own_tags(const char* const html, char* const bad, const size_t size)
{
  static const char* const allowed[] = {
    "!DOCTYPE", "html",  "head", "meta", "title", "style",   "body",
    "header",   "h1",    "h2",   "p",    "main",  "section", "table",
    "thead",    "tbody", "tr",   "th",   "td",    "a",       "span",
  };
  for (const char* p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
    const char* name = p + 1;
    if (*name == '/') {
      ++name;
    }
    size_t len = 0U;
    while (name[len] && (isalnum((unsigned char)name[len]) ||
                         name[len] == '!' || name[len] == 'D')) {
      ++len;
    }
    bool found = false;
    for (size_t i = 0U; i < sizeof(allowed) / sizeof(*allowed); ++i) {
      found =
        found || (strlen(allowed[i]) == len && !strncmp(allowed[i], name, len));
    }
    if (!found) {
      snprintf(bad, size, "%.40s", p);
      return false;
    }
  }
  return true;
}

Test(report_html, writes_the_data_as_text_only)
{
  KgDiffReport report;
  fx_hostile(&report);
  char* const html = written(kg_report_write_html, &report);

  char bad[64] = "";
  cr_expect(
    only_own_tags(html, bad, sizeof(bad)), "tag '%s' in:\n%s", bad, html);
  cr_expect(!contains_nocase(html, "<script"));
  cr_expect(!contains_nocase(html, "<img"));
  cr_expect(!contains_nocase(html, "href=\"javascript"));
  cr_expect(strstr(html, "&lt;/script&gt;&lt;script&gt;alert(2)"), "%s", html);
  cr_expect(
    strstr(html, "&quot;&gt;&lt;img src=x onerror=alert(3)&gt;"), "%s", html);
  cr_expect(strstr(html, "onerror=alert(3)&gt;&#39;") == NULL);

  // Every link goes to an http(s) IRI
  size_t n_links = 0U;
  for (const char* p = strstr(html, "href=\""); p;
       p             = strstr(p + 1, "href=\"")) {
    ++n_links;
    cr_expect(!strncmp(p, "href=\"http://", 13) ||
                !strncmp(p, "href=\"https://", 14),
              "link %.40s",
              p);
  }
  cr_expect_geq(n_links, 5U);
  cr_expect(
    strstr(html, "href=\"http://example.org/model?a=1&amp;b=(2)&gt;|x\""),
    "%s",
    html);
  free(html);
}

Test(report_html, is_self_contained_and_printable)
{
  KgDiffReport report;
  fx_hostile(&report);
  char* const html = written(kg_report_write_html, &report);
  cr_expect(!strncmp(html, "<!DOCTYPE html>\n", 16));
  cr_expect(strstr(html, "default-src 'none'"));
  cr_expect(strstr(html, "@media print"));
  cr_expect(!strstr(html, "src=\""));
  cr_expect(!strstr(html, "<link"));
  cr_expect(!strstr(html, "url("));
  cr_expect(!strstr(html, "@import"));
  free(html);
}

// JSON

/// Run python3's json module on `json` with the check `code` (a Python
/// expression over `r`, the report); return its exit status.
static int
python_check(const char* const json, const char* const code)
{
  char      path[] = "/tmp/kg-report-XXXXXX";
  const int fd     = mkstemp(path);
  cr_assert_geq(fd, 0);
  FILE* const f = fdopen(fd, "w");
  cr_assert_not_null(f);
  cr_assert_eq(fputs(json, f) >= 0, true);
  cr_assert_eq(fclose(f), 0);

  char      command[2048];
  const int len =
    snprintf(command,
             sizeof(command),
             "python3 -c 'import json,sys; r=json.load(open(sys.argv[1], "
             "encoding=\"utf-8\")); "
             "sys.exit(0 if (%s) else 1)' %s",
             code,
             path);
  cr_assert(len > 0 && (size_t)len < sizeof(command));
  const int status = system(command);
  remove(path);
  return status;
}

Test(report_json, is_valid_json_with_the_report_structure)
{
  KgDiffReport report;
  fx_hostile(&report);
  char* const json = written(kg_report_write_json, &report);

  cr_expect_eq(python_check(json, "True"), 0, "%s", json);
  cr_expect_eq(
    python_check(
      json,
      "r[\"counts\"] == {\"changed\": 1, \"added\": 1, \"removed\": 1, "
      "\"triples_added\": 5, \"triples_removed\": 5} and "
      "r[\"new\"] == \"new.ttl\" and "
      "r[\"changed\"][0][\"name\"][\"label\"] == "
      "\"<script>alert(1)</script>\" and "
      "[s[\"change\"] for s in r[\"changed\"][0][\"statements\"]] == "
      "[\"removed\", \"added\", \"kept\", \"added\", \"removed\"] and "
      "r[\"changed\"][0][\"statements\"][2][\"object\"] is None and "
      "[s[\"object\"][\"text\"] for s in "
      "r[\"changed\"][0][\"statements\"][2][\"nested\"]] == "
      "[\"\\\"Paris\\\"\", \"\\\"<img src=x onerror=alert(8)>\\\"\"] and "
      "r[\"added\"][0][\"statements\"][1][\"predicate\"][\"label\"] == "
      "\"note | <b>bold</b>\" and "
      "r[\"added\"][0][\"statements\"][1][\"object\"][\"label\"] == "
      "\"line one\\nline two\" and "
      "r[\"removed\"][0][\"name\"] == "
      "{\"text\": \"_:b0\", \"iri\": None, \"label\": None} and "
      "r[\"classes\"][0][\"changed\"] == 1 and "
      "len(r[\"predicates\"]) == 2"),
    0,
    "%s",
    json);
  free(json);
}

Test(report_json, escapes_what_ends_a_script_or_a_line_in_javascript)
{
  KgDiffReport report;
  fx_hostile(&report);
  char* const json = written(kg_report_write_json, &report);
  cr_expect(!strstr(json, "</"), "%s", json);
  cr_expect(strstr(json, "<\\/script>"), "%s", json);
  cr_expect(strstr(json, "line one\\u000Aline two"), "%s", json);
  cr_expect(strstr(json, "\\u2028\\u202E"), "%s", json);
  cr_expect(!strstr(json, "\xE2\x80\xA8"), "%s", json);
  for (const char* p = json; *p; ++p) {
    cr_expect(
      (unsigned char)*p >= 0x20U || *p == '\n', "control at %td", p - json);
  }
  free(json);
}

// All three

static const WriteFunc writers[] = {
  kg_report_write_markdown,
  kg_report_write_html,
  kg_report_write_json,
};

Test(report, bounds_the_nesting_it_shows)
{
  const KgDiffReport report = deep_report(KG_REPORT_MAX_NEST + 8U);
  for (size_t i = 0U; i < 3U; ++i) {
    char* const text = written(writers[i], &report);
    cr_expect(strstr(text,
                     i == 2U ? "\"truncated\": true"
                             : "statements nested deeper than 32 levels"),
              "%s",
              text);
    cr_expect(!strstr(text, "abyss"), "%s", text);
    free(text);
  }

  const KgDiffReport shallow = deep_report(KG_REPORT_MAX_NEST - 1U);
  char* const        json    = written(kg_report_write_json, &shallow);
  cr_expect_eq(python_check(json,
                            "r[\"removed\"][0][\"truncated\"] is False and "
                            "r[\"removed\"][0][\"statements\"][0][\"nested\"]"
                            "[0][\"nested\"][0][\"nested\"] != []"),
               0,
               "%s",
               json);
  cr_expect(strstr(json, "abyss"), "%s", json);
  free(json);
}

Test(report, writes_an_empty_report)
{
  KgDiffReport report;
  memset(&report, 0, sizeof(report));
  char* const md = written(kg_report_write_markdown, &report);
  cr_expect_str_eq(md,
                   "# Changes\n\n0 entities changed, 0 added, 0 removed; "
                   "0 triples removed, 0 added.\n\n"
                   "## Changed entities (0)\n\nNone.\n\n"
                   "## Added entities (0)\n\nNone.\n\n"
                   "## Removed entities (0)\n\nNone.\n");
  free(md);
  char* const json = written(kg_report_write_json, &report);
  cr_expect_eq(
    python_check(json, "r[\"changed\"] == [] and r[\"old\"] is None"),
    0,
    "%s",
    json);
  free(json);
}

Test(report, reports_a_failed_write)
{
  KgDiffReport report;
  fx_hostile(&report);
  for (size_t i = 0U; i < 3U; ++i) {
    FILE* const full = fopen("/dev/full", "w");
    cr_assert_not_null(full);
    cr_expect_eq(writers[i](&report, full), KG_BAD_WRITE);
    fclose(full);
  }
}

Test(report_markdown, escapes_underscores_only_outside_words)
{
  KgReportEntity entity;
  memset(&entity, 0, sizeof(entity));
  entity.change = KG_ENTITY_ADDED;
  entity.name   = fx_term("ex:snake_case", "http://example.org/snake_case",
                          "snake_case _em_ x_ _");

  KgDiffReport report;
  memset(&report, 0, sizeof(report));
  report.entities                   = &entity;
  report.n_entities                 = 1U;
  report.n_section[KG_ENTITY_ADDED] = 1U;
  char* const md = written(kg_report_write_markdown, &report);
  cr_expect(strstr(md, "| **snake_case \\_em\\_ x\\_ \\_** "
                       "[ex:snake_case](<http://example.org/snake_case>) |"),
            "%s", md);
  free(md);
}
