// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// A kgraph built without Graphviz (meson -Ddot=disabled): every picture
// says that pictures are not built in, with exit status 2, before any
// input is read; DOT is in no list of written syntaxes; the rest works.
// Built only in such a build (tests/meson.build).

#include "cli.h"
#include "support.h"

#include <kgraph/kgraph.h>

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_PICTURES                                           \
  "pictures are not built in: this kgraph was built without " \
  "Graphviz (cgraph and gvc)"

static const char* const graph_text = "@prefix ex: <http://example.org/> .\n"
                                      "ex:a ex:knows ex:b .\n";

/// The messages of a log, one a line.
typedef struct {
  char   text[1024];
  size_t n;
} Messages;

static KgStatus
collect(void* const        handle,
        const KgLogLevel   level,
        const KgCaret      caret,
        const KgStringView msg)
{
  (void)caret;
  Messages* const m    = (Messages*)handle;
  const size_t    used = strlen(m->text);
  snprintf(m->text + used,
           sizeof(m->text) - used,
           "%s: %.*s\n",
           kg_log_level_name(level),
           (int)msg.len,
           msg.data);
  ++m->n;
  return KG_SUCCESS;
}

Test(no_dot, the_library_says_pictures_are_not_built_in)
{
  cr_assert_not(kg_dot_available());
  cr_assert_not(kg_syntax_can_write(KG_SYNTAX_DOT));
  cr_assert_str_eq(kg_strerror(KG_BAD_UNSUPPORTED),
                   "not built into this kgraph");

  KgGraph* const graph = kg_graph_new();
  cr_assert_not_null(graph);
  Messages             m     = {{0}, 0U};
  const KgWriteOptions wopts = {KG_SYNTAX_DOT, {collect, &m}, 0U, NULL};
  char*                text  = NULL;
  size_t               len   = 0U;
  FILE* const          out   = open_memstream(&text, &len);
  cr_assert_not_null(out);

  const KgStatus st[] = {
    kg_graph_write_dot(graph, out, &wopts, NULL),
    kg_graph_render(graph, out, "svg", NULL, &wopts, NULL),
    kg_graph_render_html(graph, out, NULL, &wopts, NULL),
    kg_graph_write_schema_dot(graph, out, &wopts, NULL),
    kg_graph_render_schema(graph, out, "svg", NULL, &wopts, NULL),
    kg_graph_write(graph, out, &wopts),
  };
  cr_assert_eq(fclose(out), 0);
  for (size_t i = 0U; i < sizeof(st) / sizeof(st[0]); ++i) {
    cr_assert_eq(st[i], KG_BAD_UNSUPPORTED, "%zu: %s", i, kg_strerror(st[i]));
  }

  // One error each, and nothing written
  cr_assert_eq(m.n, sizeof(st) / sizeof(st[0]), "%s", m.text);
  for (const char* line = m.text; *line; line = strchr(line, '\n') + 1) {
    cr_assert(!strncmp(line,
                       "error: " NO_PICTURES "\n",
                       strlen("error: " NO_PICTURES "\n")),
              "%s",
              m.text);
  }
  cr_assert_eq(len, 0U);
  free(text);
  kg_graph_free(graph);
}

Test(no_dot, options_and_style_are_there_without_graphviz)
{
  KgDotOptions options;
  memset(&options, 0xFF, sizeof(options));
  kg_dot_options_init(&options);
  cr_assert_str_eq(options.lang, "en");
  cr_assert_eq(options.max_nodes, KG_DOT_MAX_NODES);
  cr_assert_eq(options.max_size, KG_DOT_MAX_SIZE);
  cr_assert_eq(options.max_rows, KG_DOT_MAX_ROWS);
  cr_assert_null(options.focus);
  cr_assert(strstr(kg_dot_default_style(), KG_STYLE_NS));
}

Test(no_dot, every_picture_command_says_so_with_status_2)
{
  const char* const dir = tmp_dir();
  char              in[1024];
  char              other[1024];
  char              dot_out[1024];
  snprintf(in, sizeof(in), "%s", path_in(dir, "g.ttl"));
  snprintf(other, sizeof(other), "%s", path_in(dir, "h.ttl"));
  snprintf(dot_out, sizeof(dot_out), "%s", path_in(dir, "g.dot"));
  write_file(in, graph_text);
  write_file(other, "<http://example.org/a> <http://example.org/p> 1 .\n");

  // The input missing: the message comes before any read
  char missing[1024];
  snprintf(missing, sizeof(missing), "%s", path_in(dir, "missing.ttl"));

  Run runs[] = {
    run("render", in, NULL),
    run("render", "-T", "png", "-o", path_in(dir, "g.png"), in, NULL),
    run("render", "-T", "html", in, NULL),
    run("render", "--schema", in, NULL),
    run("render", "--diff", in, other, NULL),
    run("render", missing, NULL),
    run("export", "--to", "dot", in, NULL),
    run("export", "--to", "graphviz", in, NULL),
    run("export", "--to", "dot", "--schema", in, NULL),
    run("export", "-o", dot_out, in, NULL),
    run("export", "--to", "dot", missing, NULL),
    run("diff", "--format=dot", in, other, NULL),
    run("diff", "--format", "dot", "--focus", "ex:a", in, missing, NULL),
  };

  for (size_t i = 0U; i < sizeof(runs) / sizeof(runs[0]); ++i) {
    cr_assert_eq(runs[i].status, KG_EXIT_USAGE, "%zu: %s", i, runs[i].err);
    cr_assert_str_eq(runs[i].err, "kgraph: error: " NO_PICTURES "\n", "%zu", i);
    cr_assert_str_eq(runs[i].out, "", "%zu", i);
    run_free(&runs[i]);
  }
  cr_assert_not(exists(dot_out));
  cr_assert_not(exists(path_in(dir, "g.png")));

  // What needs no Graphviz still works
  Run e = run("export", "--to", "turtle", in, NULL);
  cr_assert_eq(e.status, KG_EXIT_SUCCESS, "%s", e.err);
  cr_assert(strstr(e.out, "ex:knows"), "%s", e.out);
  run_free(&e);
  Run d = run("diff", in, other, NULL);
  cr_assert_eq(d.status, 1, "%s", d.err);
  run_free(&d);
}

Test(no_dot, help_says_it_and_lists_no_dot)
{
  Run r = run("render", "--help", NULL);
  cr_assert_eq(r.status, KG_EXIT_SUCCESS);
  cr_assert(strstr(r.out, "without Graphviz"), "%s", r.out);
  run_free(&r);

  // The written syntaxes come from the table: DOT is not one
  char written[KG_CLI_SYNTAX_LIST_SIZE];
  (void)kg_cli_syntax_list(KG_SYNTAXES_WRITTEN, written, sizeof(written));
  cr_assert_null(strstr(written, "dot"), "%s", written);
  Run e = run("export", "--help", NULL);
  cr_assert_eq(e.status, KG_EXIT_SUCCESS);
  cr_assert(strstr(e.out, "output syntax: ntriples"), "%s", e.out);
  cr_assert_null(strstr(e.out, "rdfxml, dot"), "%s", e.out);
  run_free(&e);

  // A format that does not exist is still unknown, with the list
  Run u = run("export", "--to", "svg", data_path("check/clean.ttl"), NULL);
  cr_assert_eq(u.status, KG_EXIT_USAGE);
  cr_assert(strstr(u.err, "unknown output format 'svg'"), "%s", u.err);
  cr_assert_null(strstr(u.err, "dot"), "%s", u.err);
  run_free(&u);
}
