// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Answer the SPARQL queries of a directory (graphs/queries/) with Oxigraph
// over RDF/XML files, and compare each answer with its .out file.
//
//   node oxigraph-queries.mjs QUERY_DIR FILE.rdf...
//
// Every FILE goes into the default graph of one store.  An answer prints as
// tests/sparql/run-queries (rdflib) prints it: a line of the variable names
// joined by " | ", then one line per row in the order of the answer; an IRI
// as prefix:name when rdflib 6 would shorten it (its default prefixes, with
// ds: and kg:), else as <IRI>; a literal as its lexical form; an unbound
// variable as the empty string.  Nothing is sorted or dropped: an answer
// must be the .out file byte for byte.
//
// Exit status 0 if every answer is as expected, 1 if one differs or a query
// fails, 2 on usage errors.

import { readFileSync, readdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import oxigraph from "oxigraph";

// The prefixes rdflib 6 binds in a new Graph, and the two run-queries binds
const PREFIXES = {
  "https://brickschema.org/schema/Brick#": "brick",
  "http://www.w3.org/ns/csvw#": "csvw",
  "http://purl.org/dc/elements/1.1/": "dc",
  "http://www.w3.org/ns/dcat#": "dcat",
  "http://purl.org/dc/dcmitype/": "dcmitype",
  "http://purl.org/dc/terms/": "dcterms",
  "http://purl.org/dc/dcam/": "dcam",
  "http://usefulinc.com/ns/doap#": "doap",
  "http://xmlns.com/foaf/0.1/": "foaf",
  "http://www.w3.org/ns/odrl/2/": "odrl",
  "http://www.w3.org/ns/org#": "org",
  "http://www.w3.org/2002/07/owl#": "owl",
  "http://www.w3.org/ns/dx/prof/": "prof",
  "http://www.w3.org/ns/prov#": "prov",
  "http://purl.org/linked-data/cube#": "qb",
  "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
  "http://www.w3.org/2000/01/rdf-schema#": "rdfs",
  "https://schema.org/": "schema",
  "http://www.w3.org/ns/shacl#": "sh",
  "http://www.w3.org/2004/02/skos/core#": "skos",
  "http://www.w3.org/ns/sosa/": "sosa",
  "http://www.w3.org/ns/ssn/": "ssn",
  "http://www.w3.org/2006/time#": "time",
  "http://purl.org/vocab/vann/": "vann",
  "http://rdfs.org/ns/void#": "void",
  "http://www.w3.org/2001/XMLSchema#": "xsd",
  "http://www.w3.org/XML/1998/namespace": "xml",
  "https://kgraph.example/deepseek/": "ds",
  "https://kgraph.example/ontology#": "kg",
};

// rdflib's split_uri: the local name is the longest tail of name characters
// (letters, marks, digits and - . _ % ( ) ·), from its first letter, digit
// or underscore
const NAME_CHAR =
  /^[\p{Ll}\p{Lu}\p{Lo}\p{Lt}\p{Nl}\p{Mc}\p{Me}\p{Mn}\p{Lm}\p{Nd}\u00B7\u0387\-._%()]$/u;
const SPLIT_START = /^[\p{Ll}\p{Lu}\p{Lo}\p{Lt}\p{Nl}\p{Nd}_]$/u;
const XMLNS = "http://www.w3.org/XML/1998/namespace";

function splitIri(iri) {
  if (iri.startsWith(XMLNS)) return [XMLNS, iri.slice(XMLNS.length)];
  const chars = Array.from(iri);
  let i = chars.length;
  while (i > 0 && NAME_CHAR.test(chars[i - 1])) i--;
  if (i === 0) return null;
  for (let j = i; j < chars.length; j++) {
    if (SPLIT_START.test(chars[j])) {
      return [chars.slice(0, j).join(""), chars.slice(j).join("")];
    }
  }
  return null;
}

function show(term) {
  if (term === undefined) return "";
  if (term.type === "uri") {
    const split = splitIri(term.value);
    if (split && Object.hasOwn(PREFIXES, split[0])) {
      return `${PREFIXES[split[0]]}:${split[1]}`;
    }
    return `<${term.value}>`;
  }
  if (term.type === "bnode") return `_:${term.value}`;
  return term.value;
}

const args = process.argv.slice(2);
if (args.length < 2) {
  process.stderr.write(
    "usage: node oxigraph-queries.mjs QUERY_DIR FILE.rdf...\n");
  process.exit(2);
}
const [queryDir, ...files] = args;

const store = new oxigraph.Store();
for (const path of files) {
  try {
    store.load(readFileSync(path, "utf8"), {
      format: "application/rdf+xml",
      base_iri: pathToFileURL(resolve(path)).href,
    });
  } catch (e) {
    process.stdout.write(
      `FAIL: Oxigraph cannot load ${path}: ${e.message ?? e}\n`);
    process.exit(1);
  }
}

const queries = readdirSync(queryDir).filter((f) => f.endsWith(".rq")).sort();
if (queries.length === 0) {
  process.stdout.write(`FAIL: no .rq files in ${queryDir}\n`);
  process.exit(1);
}

let failed = 0;
for (const file of queries) {
  const name = basename(file, ".rq");
  const path = join(queryDir, file);
  let answer;
  let rows;
  try {
    const json = JSON.parse(store.query(readFileSync(path, "utf8"), {
      results_format: "application/sparql-results+json",
    }));
    const vars = json.head.vars;
    rows = json.results.bindings;
    answer = [vars.join(" | ")]
      .concat(rows.map((row) => vars.map((v) => show(row[v])).join(" | ")))
      .join("\n") + "\n";
  } catch (e) {
    failed++;
    process.stdout.write(`FAIL: ${name}: Oxigraph: ${e.message ?? e}\n`);
    continue;
  }
  let expected;
  try {
    expected = readFileSync(join(queryDir, `${name}.out`), "utf8");
  } catch (e) {
    failed++;
    process.stdout.write(`FAIL: ${name}: ${e.message ?? e}\n`);
    continue;
  }
  if (answer === expected) {
    process.stdout.write(
      `ok: ${name}: ${rows.length} rows, as in ${name}.out\n`);
  } else {
    failed++;
    process.stdout.write(
      `FAIL: ${name}: Oxigraph's answer differs from ${name}.out\n` +
      `--- expected\n${expected}--- Oxigraph\n${answer}`);
  }
}
process.exit(failed ? 1 : 0);
