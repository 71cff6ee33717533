// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kgraph diff for people: the report by entity (text and summary), its
// filters and its colours.  (The golden files of the DeepSeek diff are in
// tests/data/diff/golden/, checked by test_reports.c.)

#include "cli.h"
#include "support.h"

#include <criterion/criterion.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PREFIXES                                                \
  "@prefix ex: <http://example.org/> .\n"                       \
  "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"

static const char*
graph_path(const char* const name)
{
  static char path[4][1024];
  static int  next = 0;
  char* const p    = path[next++ % 4];
  snprintf(p, sizeof(path[0]), "%s/graphs/%s", getenv("KG_SOURCE_ROOT"), name);
  return p;
}

/// Return the line of `text` that is `line` exactly, or NULL.
static const char*
find_line(const char* const text, const char* const line)
{
  const size_t len = strlen(line);
  for (const char* p = text; (p = strstr(p, line)); p += len) {
    if ((p == text || p[-1] == '\n') && p[len] == '\n') {
      return p;
    }
  }
  return NULL;
}

/// Assert that `removed` then `added` are lines of `text`, one after the
/// other, each once, and in the section of changed entities.
static void
assert_pair(const char* const text,
            const char* const removed,
            const char* const added)
{
  const char* const r = find_line(text, removed);
  cr_assert_not_null(r, "no line '%s' in\n%s", removed, text);
  cr_assert_null(find_line(r + 1, removed), "'%s' twice", removed);
  const char* const a = r + strlen(removed) + 1U;
  cr_assert_eq(find_line(text, added), a, "'%s' is not after '%s'", added, removed);
  cr_assert_null(find_line(a + 1, added), "'%s' twice", added);
  const char* const section = strstr(text, "\nAdded (");
  cr_assert(!section || a < section, "'%s' is not in Changed", added);
}

Test(diff_report, deepseek_corrections_are_changed_values)
{
  Run r = run(
    "diff", graph_path("deepseek-v1.ttl"), graph_path("deepseek-v2.ttl"), NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);

  // Nvidia's loss is "nearly" US$600 billion
  cr_assert(find_line(r.out, "  nearly US$600 billion  ds:NvidiaLoss  "
                             "(kg:MonetaryAmount)"),
            "%s",
            r.out);
  assert_pair(r.out,
              "    - rdfs:label \"US$600 billion\"@en",
              "    + rdfs:label \"nearly US$600 billion\"@en");

  // The cyberattack is confirmed, by DeepSeek itself: its claim changes
  // asserter, certainty and source, each an edited value
  const char* const attack =
    find_line(r.out,
              "  Claim: Cyberattack on DeepSeek targeted organisation DeepSeek  "
              "ds:Claim_DeepSeekCyberattack_targetedOrganization_DeepSeek  "
              "(kg:Claim)");
  cr_assert_not_null(attack, "%s", r.out);
  static const char edits[] =
    "    - kg:assertedBy kg:SourceReport\n"
    "    + kg:assertedBy kg:SubjectItself\n"
    "    - kg:certainty kg:Reported\n"
    "    + kg:certainty kg:Confirmed\n"
    "    - prov:hadPrimarySource ds:RisingInfluenceArticle\n"
    "    + prov:hadPrimarySource ds:DeepSeekStatusPageUpdate\n";
  cr_assert(!strncmp(strchr(attack, '\n') + 1, edits, sizeof(edits) - 1U),
            "%s",
            attack);

  // The export controls have the article's name
  assert_pair(r.out,
              "    - rdfs:label \"US chip export controls on China\"@en",
              "    + rdfs:label \"US export restrictions on high-end tech "
              "components to China\"@en");
  run_free(&r);
}

Test(diff_report, blank_node_shown_inside_its_owner)
{
  const char* const dir = tmp_dir();
  const char* const old = path_in(dir, "old.ttl");
  const char* const neu = path_in(dir, "new.ttl");
  write_file(old,
             PREFIXES "ex:a rdfs:label \"A\" ;\n"
                      "  ex:amount [ ex:value 600 ; ex:unit \"USD\" ;\n"
                      "    ex:source [ ex:name \"wire\" ; ex:kind \"agency\" ;\n"
                      "      ex:country \"UK\" ] ] .\n");
  write_file(neu,
             PREFIXES "ex:a rdfs:label \"A\" ;\n"
                      "  ex:amount [ ex:value 590 ; ex:unit \"USD\" ;\n"
                      "    ex:source [ ex:name \"the wire\" ; ex:kind \"agency\" ;\n"
                      "      ex:country \"UK\" ] ] .\n");
  Run r = run("diff", old, neu, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_str_eq(r.out,
                   "1 entity changed, 0 added, 0 removed (2 triples removed, "
                   "2 added)\n"
                   "\n"
                   "Changed (1)\n"
                   "  A  ex:a\n"
                   "    ex:amount [\n"
                   "      - ex:value 600\n"
                   "      + ex:value 590\n"
                   "      ex:source [\n"
                   "        - ex:name \"wire\"\n"
                   "        + ex:name \"the wire\"\n"
                   "      ]\n"
                   "    ]\n");
  run_free(&r);

  // A blank node that no IRI reaches is an entity of its own
  write_file(old, PREFIXES "[] ex:value 1 .\n");
  write_file(neu, PREFIXES "[] ex:value 2 .\n");
  r = run("diff", old, neu, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert(strstr(r.out, "  _:"), "%s", r.out);
  cr_assert(strstr(r.out, "    - ex:value 1\n"), "%s", r.out);
  run_free(&r);
}

Test(diff_report, generated_pairs_name_no_reached_blank_node)
{
  // gen-kg.py's next versions relabel every blank node and change values
  // inside nested ones; every blank node there is reached from an IRI
  const char* const dir = tmp_dir();
  for (int seed = 1; seed <= 3; ++seed) {
    const char* const old = path_in(dir, "old.nt");
    const char* const neu = path_in(dir, "new.nt");
    char* const       cmd = format(
      "python3 '%s/tests/bench/gen-kg.py' --triples 6000 --seed %d > '%s' && "
      "python3 '%s/tests/bench/gen-kg.py' --triples 6000 --seed %d "
      "--mutate %d > '%s'",
      getenv("KG_SOURCE_ROOT"),
      seed,
      old,
      getenv("KG_SOURCE_ROOT"),
      seed,
      2 + 4 * (seed - 1),
      neu);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
    free(cmd);

    Run r = run("diff", old, neu, NULL);
    cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
    cr_assert(strstr(r.out, " [\n"), "seed %d: nothing nested", seed);
    cr_assert_null(strstr(r.out, "_:"), "seed %d: %s", seed, strstr(r.out, "_:"));
    run_free(&r);
  }
}

Test(diff_report, only_shows_the_sections_asked_for)
{
  const char* const old = graph_path("deepseek-v1.ttl");
  const char* const neu = graph_path("deepseek-v2.ttl");
  Run               r   = run("diff", "--only=added", old, neu, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert(strstr(r.out, "\nAdded ("), "%s", r.out);
  cr_assert_null(strstr(r.out, "\nChanged ("));
  run_free(&r);

  r = run("diff", "--only", "changed,removed", old, neu, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert(strstr(r.out, "\nChanged ("), "%s", r.out);
  cr_assert_null(strstr(r.out, "\nAdded ("));
  run_free(&r);

  r = run("diff", "--only=renamed", old, neu, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  cr_assert(strstr(r.err, "--only takes added, removed or changed"), "%s", r.err);
  run_free(&r);
}

Test(diff_report, exclude_leaves_properties_out)
{
  const char* const old = graph_path("deepseek-v1.ttl");
  const char* const neu = graph_path("deepseek-v2.ttl");
  Run               r   = run("diff",
              "--exclude",
              "rdfs:label",
              "--exclude=http://www.w3.org/ns/prov#wasDerivedFrom",
              old,
              neu,
              NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_null(strstr(r.out, "- rdfs:label "), "%s", r.out);
  cr_assert_null(strstr(r.out, "+ rdfs:label "), "%s", r.out);
  cr_assert_null(strstr(r.out, "+ prov:wasDerivedFrom "), "%s", r.out);
  cr_assert(strstr(r.out, "+ kg:certainty kg:Confirmed"), "%s", r.out);
  run_free(&r);

  // With the summary too
  r = run("diff", "--format=summary", "--exclude=rdfs:label", old, neu, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert_null(strstr(r.out, "  rdfs:label "), "%s", r.out);
  run_free(&r);
}

Test(diff_report, focus_shows_the_neighbourhood)
{
  const char* const old = graph_path("deepseek-v1.ttl");
  const char* const neu = graph_path("deepseek-v2.ttl");
  Run r = run("diff", "--focus=ds:NvidiaLoss", "--depth=0", old, neu, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert(!strncmp(r.out, "1 entity changed, 0 added, 0 removed", 36U),
            "%s",
            r.out);
  cr_assert(strstr(r.out, "  nearly US$600 billion  ds:NvidiaLoss"), "%s", r.out);
  run_free(&r);

  // One step away: the claims about it too; by its label as well
  r = run("diff", "--focus", "nearly US$600 billion", "--depth=1", old, neu, NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert(strstr(r.out, "ds:Claim_NvidiaLoss_amount"), "%s", r.out);
  cr_assert_null(strstr(r.out, "ds:DeepSeekCyberattack"), "%s", r.out);
  run_free(&r);

  r = run("diff", "--focus=ex:nothing", old, neu, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE, "%d %s", r.status, r.err);
  cr_assert(strstr(r.err, "no entity 'ex:nothing'"), "%s", r.err);
  run_free(&r);
}

Test(diff_report, lang_chooses_the_label)
{
  const char* const dir = tmp_dir();
  const char* const old = path_in(dir, "old.ttl");
  const char* const neu = path_in(dir, "new.ttl");
  write_file(old, PREFIXES "ex:a rdfs:label \"Water\"@en, \"水\"@zh ; ex:v 1 .\n");
  write_file(neu, PREFIXES "ex:a rdfs:label \"Water\"@en, \"水\"@zh ; ex:v 2 .\n");
  Run r = run("diff", old, neu, NULL);
  cr_assert(strstr(r.out, "\n  Water  ex:a\n"), "%s", r.out);
  run_free(&r);
  r = run("diff", "--lang=zh", old, neu, NULL);
  cr_assert(strstr(r.out, "\n  水  ex:a\n"), "%s", r.out);
  run_free(&r);
}

Test(diff_report, colour_only_on_a_terminal)
{
  const char* const dir = tmp_dir();
  const char* const old = path_in(dir, "old.ttl");
  const char* const neu = path_in(dir, "new.ttl");
  write_file(old, PREFIXES "ex:a ex:v 1 .\n");
  write_file(neu, PREFIXES "ex:a ex:v 2 .\n");
  const KgTerminal tty  = {false, true, 0U, 100U, 80U};
  const KgTerminal pipe = {false, false, 0U, 100U, 0U};

  unsetenv("NO_COLOR");
  Run r = run_on(&tty, "diff", old, neu, NULL);
  cr_assert(strstr(r.out, "\033[31m- ex:v 1\033[0m\n"), "%s", r.out);
  cr_assert(strstr(r.out, "\033[32m+ ex:v 2\033[0m\n"), "%s", r.out);
  run_free(&r);

  r = run_on(&tty, "diff", "--format=summary", old, neu, NULL);
  cr_assert(strstr(r.out, "\033[1m"), "%s", r.out);
  run_free(&r);

  r = run_on(&pipe, "diff", old, neu, NULL);
  cr_assert_null(strchr(r.out, '\033'), "%s", r.out);
  run_free(&r);

  r = run_on(&tty, "diff", "--color=never", old, neu, NULL);
  cr_assert_null(strchr(r.out, '\033'), "%s", r.out);
  run_free(&r);

  r = run_on(&pipe, "diff", "--color", old, neu, NULL);
  cr_assert(strchr(r.out, '\033'), "%s", r.out);
  run_free(&r);

  // Into a file: no colour, even from a terminal
  const char* const out = path_in(dir, "out.txt");
  r                     = run_on(&tty, "diff", "-o", out, old, neu, NULL);
  run_free(&r);
  char* const text = read_file(out);
  cr_assert_null(strchr(text, '\033'), "%s", text);
  free(text);

  setenv("NO_COLOR", "1", 1);
  r = run_on(&tty, "diff", old, neu, NULL);
  cr_assert_null(strchr(r.out, '\033'), "%s", r.out);
  run_free(&r);

  setenv("NO_COLOR", "", 1);
  r = run_on(&tty, "diff", old, neu, NULL);
  cr_assert(strchr(r.out, '\033'), "%s", r.out);
  run_free(&r);

  r = run_on(&tty, "diff", "--color=sometimes", old, neu, NULL);
  cr_assert_eq(r.status, KG_EXIT_USAGE);
  run_free(&r);
}

Test(diff_report, hostile_labels_are_never_raw)
{
  const char* const dir = tmp_dir();
  const char* const old = path_in(dir, "old.ttl");
  const char* const neu = path_in(dir, "new.ttl");
  write_file(old, PREFIXES "ex:a rdfs:label \"A\\u001B[2J \\u009B \\u202E\" ; ex:v 1 .\n");
  write_file(neu, PREFIXES "ex:a rdfs:label \"A\\u001B[2J \\u009B \\u202E\" ; ex:v 2 .\n");
  static const char* const formats[] = {"--format=text", "--format=summary"};
  for (size_t i = 0U; i < 2U; ++i) {
    Run r = run("diff", formats[i], old, neu, NULL);
    cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
    cr_assert_null(strchr(r.out, '\033'), "%s", r.out);
    cr_assert_null(strstr(r.out, "\xC2\x9B"), "%s", r.out);
    cr_assert_null(strstr(r.out, "\xE2\x80\xAE"), "%s", r.out);
    cr_assert(strstr(r.out, "A\\u001B[2J \\u009B \\u202E  ex:a"), "%s", r.out);
    run_free(&r);
  }
}

Test(diff_report, named_graphs_name_the_graph)
{
  Run r = run("diff",
              data_path("diff/graphs-old.nq"),
              data_path("diff/graphs-new.nq"),
              NULL);
  cr_assert_eq(r.status, KG_EXIT_FOUND, "%s", r.err);
  cr_assert(strstr(r.out,
                   "    - <http://example.org/p> \"1\"  (in graph "
                   "<http://example.org/g1>)\n"
                   "    + <http://example.org/p> \"1\"  (in graph "
                   "<http://example.org/g2>)\n"),
            "%s",
            r.out);
  run_free(&r);
}
