// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/*
  deepseek: build the core of the DeepSeek graph in memory with libkgraph,
  and write it as RDF/XML and as a Graphviz picture.

    cc -o deepseek deepseek.c $(pkg-config --cflags --libs kgraph)
    ./deepseek [DIRECTORY]

  writes DIRECTORY/deepseek.rdf and DIRECTORY/deepseek.dot (by default in
  the current directory).  The terms are those of graphs/deepseek-v2.ttl,
  with the vocabulary of ontology/kg.ttl: the company, its founder, its ties
  to the government, the US export controls and the Nvidia chips, its
  rivals, and one claim with its source, modelled as the whole graph models
  every fact.
*/

#include <kgraph/kgraph.h>

#include <stdio.h>

/// The prefixes of the graph: they also shorten the names below.
static const char* const prefixes[][2] = {
  {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
  {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
  {"xsd", "http://www.w3.org/2001/XMLSchema#"},
  {"prov", "http://www.w3.org/ns/prov#"},
  {"kg", "https://kgraph.example/ontology#"},
  {"ds", "https://kgraph.example/deepseek/"},
};

/// Entities: name, class, English label.
static const char* const entities[][3] = {
  {"ds:DeepSeek", "kg:Company", "DeepSeek"},
  {"ds:LiangWenfeng", "kg:Person", "Liang Wenfeng"},
  {"ds:China", "kg:Country", "China"},
  {"ds:ChineseGovernment", "kg:GovernmentBody", "Chinese government"},
  {"ds:ChineseCommunistParty", "kg:PoliticalParty", "Chinese Communist Party"},
  {"ds:UnitedStatesGovernment",
   "kg:GovernmentBody",
   "United States government"},
  {"ds:USExportRestrictions",
   "kg:ExportControl",
   "US export restrictions on high-end tech components to China"},
  {"ds:HighEndTechComponents", "kg:Hardware", "high-end tech components"},
  {"ds:USExportBan", "kg:ExportControl", "US export ban"},
  {"ds:Nvidia", "kg:Company", "Nvidia"},
  {"ds:NvidiaChips", "kg:Chip", "Nvidia chips"},
  {"ds:LiangChipStockpile",
   "kg:Stockpile",
   "Liang Wenfeng's stockpile of Nvidia chips"},
  {"ds:OpenAI", "kg:Company", "OpenAI"},
  {"ds:ChatGPT", "kg:App", "ChatGPT"},
  {"ds:DeepSeekApp", "kg:App", "DeepSeek app"},
  {"ds:AppChartOvertaking",
   "kg:AppChartRanking",
   "DeepSeek overtakes ChatGPT on app charts"},
  {"ds:RisingInfluenceArticle",
   "kg:Article",
   "Rising Influence of DeepSeek: A Chinese AI Phenomenon"},
  {"ds:RFACantoneseInvestigation",
   "kg:Investigation",
   "RFA Cantonese investigation into DeepSeek"},
  {"ds:Claim_DeepSeek_closelyTiedTo_ChineseGovernment",
   "kg:Claim",
   "Claim: DeepSeek closely tied to Chinese government"},
};

/// Relations between entities: subject, property, object.
static const char* const relations[][3] = {
  {"ds:DeepSeek", "kg:foundedBy", "ds:LiangWenfeng"},
  {"ds:DeepSeek", "kg:basedIn", "ds:China"},
  // Its ties to the state
  {"ds:DeepSeek", "kg:backedBy", "ds:ChineseCommunistParty"},
  {"ds:DeepSeek", "kg:backedBy", "ds:ChineseGovernment"},
  {"ds:DeepSeek", "kg:closelyTiedTo", "ds:ChineseGovernment"},
  {"ds:LiangWenfeng", "kg:engagesWith", "ds:ChineseGovernment"},
  {"ds:ChineseGovernment", "kg:governs", "ds:China"},
  // The US export controls, and the chips Liang stockpiled before the ban
  {"ds:USExportRestrictions", "kg:imposedBy", "ds:UnitedStatesGovernment"},
  {"ds:USExportRestrictions", "kg:targetCountry", "ds:China"},
  {"ds:USExportRestrictions", "kg:restricts", "ds:HighEndTechComponents"},
  {"ds:USExportRestrictions",
   "kg:augmentsStrategicImportanceOf",
   "ds:DeepSeek"},
  {"ds:USExportBan", "kg:imposedBy", "ds:UnitedStatesGovernment"},
  {"ds:NvidiaChips", "kg:madeBy", "ds:Nvidia"},
  {"ds:LiangChipStockpile", "kg:amassedBy", "ds:LiangWenfeng"},
  {"ds:LiangChipStockpile", "kg:stockOf", "ds:NvidiaChips"},
  {"ds:LiangChipStockpile", "kg:amassedBefore", "ds:USExportBan"},
  // Its rivals: OpenAI, and ChatGPT, which its app overtook
  {"ds:DeepSeek", "kg:competesWith", "ds:OpenAI"},
  {"ds:ChatGPT", "kg:madeBy", "ds:OpenAI"},
  {"ds:DeepSeekApp", "kg:madeBy", "ds:DeepSeek"},
  {"ds:AppChartOvertaking", "kg:outrankingApp", "ds:DeepSeekApp"},
  {"ds:AppChartOvertaking", "kg:outrankedApp", "ds:ChatGPT"},
  // The sources
  {"ds:RisingInfluenceArticle",
   "prov:wasDerivedFrom",
   "ds:RFACantoneseInvestigation"},
  // One claim: who says DeepSeek is closely tied to the government, on what
  {"ds:Claim_DeepSeek_closelyTiedTo_ChineseGovernment",
   "rdf:subject",
   "ds:DeepSeek"},
  {"ds:Claim_DeepSeek_closelyTiedTo_ChineseGovernment",
   "rdf:predicate",
   "kg:closelyTiedTo"},
  {"ds:Claim_DeepSeek_closelyTiedTo_ChineseGovernment",
   "rdf:object",
   "ds:ChineseGovernment"},
  {"ds:Claim_DeepSeek_closelyTiedTo_ChineseGovernment",
   "prov:wasDerivedFrom",
   "ds:RisingInfluenceArticle"},
  {"ds:Claim_DeepSeek_closelyTiedTo_ChineseGovernment",
   "prov:hadPrimarySource",
   "ds:RFACantoneseInvestigation"},
  {"ds:Claim_DeepSeek_closelyTiedTo_ChineseGovernment",
   "kg:assertedBy",
   "kg:SourceReport"},
  {"ds:Claim_DeepSeek_closelyTiedTo_ChineseGovernment",
   "kg:certainty",
   "kg:Reported"},
};

#define N_ROWS(table) (sizeof(table) / sizeof(table[0]))

/**
   Return the IRI of `name`, "prefix:local" with a prefix of `graph`,
   interned in `graph`, or KG_NO_TERM after saying why (an unknown prefix is
   a mistake in the tables above).
*/
static KgTermId
term(KgGraph* const graph, const char* const name)
{
  KgStatus       st = KG_SUCCESS;
  const KgTermId id = kg_graph_curie(graph, kg_sv(name), &st);
  if (!id) {
    fprintf(stderr,
            "deepseek: error: cannot make an IRI of '%s': %s\n",
            name,
            kg_strerror(st));
  }
  return id;
}

/// Say that memory ran out.
static KgStatus
out_of_memory(void)
{
  fprintf(stderr, "deepseek: error: out of memory\n");
  return KG_BAD_ALLOC;
}

/// Add (s, p, o) to `graph`, the terms by name, or report why not.
static KgStatus
add(KgGraph* const graph, const char* const s, const char* const p, KgTermId o)
{
  const KgTermId subject   = term(graph, s);
  const KgTermId predicate = term(graph, p);
  if (!subject || !predicate || !o) {
    return KG_BAD_ARG; // term() said why (a literal is checked before)
  }
  const KgStatus st = kg_graph_add(graph, subject, predicate, o);
  if (st > KG_FAILURE) { // KG_FAILURE: already there, which is no error
    fprintf(
      stderr, "deepseek: error: cannot add a triple: %s\n", kg_strerror(st));
    return st;
  }
  return KG_SUCCESS;
}

/// Build the graph: prefixes, then entities, then relations.
static KgStatus
build(KgGraph* const graph)
{
  KgStatus st = KG_SUCCESS;
  for (size_t i = 0U; i < N_ROWS(prefixes); ++i) {
    if ((st = kg_graph_set_prefix(
           graph, kg_sv(prefixes[i][0]), kg_sv(prefixes[i][1])))) {
      return st; // A new graph has no prefix: KG_FAILURE would be a bug
    }
  }

  for (size_t i = 0U; i < N_ROWS(entities); ++i) {
    // An English label: a literal with a language tag and no datatype
    const KgTermId label =
      kg_graph_literal(graph, kg_sv(entities[i][2]), KG_NO_TERM, KG_SV("en"));
    if (!label) {
      return out_of_memory();
    }
    if ((st = add(
           graph, entities[i][0], "rdf:type", term(graph, entities[i][1]))) ||
        (st = add(graph, entities[i][0], "rdfs:label", label))) {
      return st;
    }
  }

  for (size_t i = 0U; i < N_ROWS(relations); ++i) {
    if ((st = add(graph,
                  relations[i][0],
                  relations[i][1],
                  term(graph, relations[i][2])))) {
      return st;
    }
  }

  // A literal with a datatype: the export restrictions are ongoing
  const KgTermId boolean = term(graph, "xsd:boolean");
  if (!boolean) {
    return KG_BAD_ARG;
  }
  const KgTermId yes =
    kg_graph_literal(graph, KG_SV("true"), boolean, KG_SV(""));
  return yes ? add(graph, "ds:USExportRestrictions", "kg:ongoing", yes)
             : out_of_memory();
}

/// Write `graph` to `dir`/`name`, in the syntax of the name's extension.
static KgStatus
write_file(const KgGraph* const graph,
           const char* const    dir,
           const char* const    name)
{
  char      path[4096];
  const int n = snprintf(path, sizeof(path), "%s/%s", dir, name);
  if (n < 0 || (size_t)n >= sizeof(path)) {
    fprintf(stderr, "deepseek: error: directory name too long\n");
    return KG_BAD_ARG;
  }

  // Messages of the library go to stderr as "kgraph: error: ..."
  const KgWriteOptions options = {
    KG_SYNTAX_NONE, {kg_log_to_stream, stderr}, 0U, NULL};
  const KgStatus st = kg_graph_write_file(graph, path, &options);
  if (st) {
    fprintf(
      stderr, "deepseek: error: %s not written: %s\n", path, kg_strerror(st));
    return st;
  }
  printf("wrote %s\n", path);
  return KG_SUCCESS;
}

int
main(int argc, char** argv)
{
  if (argc > 2) {
    fprintf(stderr, "usage: %s [DIRECTORY]\n", argv[0]);
    return 2;
  }
  const char* const dir = argc == 2 ? argv[1] : ".";

  KgGraph* const graph = kg_graph_new();
  if (!graph) {
    out_of_memory();
    return 1;
  }

  KgStatus st = build(graph);
  if (st) {
    fprintf(
      stderr, "deepseek: error: cannot build the graph: %s\n", kg_strerror(st));
  } else {
    printf("built %zu triples\n", kg_graph_size(graph));
    // Both files are tried, whatever happens to the first
    const KgStatus rdf = write_file(graph, dir, "deepseek.rdf");
    KgStatus       dot = KG_SUCCESS;
    if (kg_dot_available()) {
      dot = write_file(graph, dir, "deepseek.dot");
    } else {
      printf("deepseek.dot not written: this kgraph has no pictures "
             "(it was built without Graphviz)\n");
    }
    st = rdf ? rdf : dot;
  }

  kg_graph_free(graph);
  return st ? 1 : 0;
}
