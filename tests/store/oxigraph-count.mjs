// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Load an RDF file into an Oxigraph store and print the number of quads.
//
//   node oxigraph-count.mjs FILE
//
// The syntax comes from the extension: .rdf .owl .xml (RDF/XML), .nt
// (N-Triples), .ttl (Turtle).  Oxigraph's parsers are strict: any syntax
// error makes the load fail, with exit status 1 and Oxigraph's message.

import { readFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import oxigraph from "oxigraph";

const formats = {
  ".rdf": "application/rdf+xml",
  ".owl": "application/rdf+xml",
  ".xml": "application/rdf+xml",
  ".nt": "application/n-triples",
  ".ttl": "text/turtle",
};

const args = process.argv.slice(2);
if (args.length !== 1) {
  process.stderr.write("usage: node oxigraph-count.mjs FILE\n");
  process.exit(2);
}

const path = args[0];
const format = formats[extname(path).toLowerCase()];
if (!format) {
  process.stderr.write(`oxigraph-count: cannot tell the syntax of '${path}'\n`);
  process.exit(2);
}

try {
  const store = new oxigraph.Store();
  store.load(readFileSync(path, "utf8"), {
    format,
    base_iri: pathToFileURL(resolve(path)).href,
  });
  process.stdout.write(`${store.size}\n`);
} catch (e) {
  process.stderr.write(`oxigraph-count: ${path}: ${e.message ?? e}\n`);
  process.exit(1);
}
