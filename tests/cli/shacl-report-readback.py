#!/usr/bin/python3
# Copyright the kgraph authors
# SPDX-License-Identifier: ISC
"""kgraph's SHACL validation report, read by another RDF library.

Usage: shacl-report-readback.py KGRAPH SHAPES DATA

Runs `KGRAPH check --format turtle --shapes SHAPES DATA` and reads the report
with rdflib; runs it with --format json too.  The report must be one
sh:ValidationReport whose sh:conforms agrees with the JSON, with one
sh:result per JSON result, each with every field the SHACL specification
(3.6) gives a result: the same focus node, component, severity, path and
value as its JSON result.  Exit 0 when they agree, 1 otherwise, 77 without
rdflib.
"""
import json
import subprocess
import sys

try:
    import rdflib
    from rdflib import RDF, BNode, Literal
except ImportError:
    print("SKIP: rdflib is missing (python3-rdflib)")
    sys.exit(77)

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


def key(term):
    """A term to compare: literals by value, blank nodes as being one."""
    if isinstance(term, Literal):
        return ("L", str(term), str(term.datatype or ""), (term.language or "").lower())
    if isinstance(term, BNode):
        return ("T", "_:")
    return ("T", "<%s>" % term)


def is_iri_path(text):
    """Whether a JSON path (SPARQL syntax) is a single IRI."""
    return text.startswith("<") and text.endswith(">") and "<" not in text[1:]


def json_key(text):
    """The same key from a JSON N-Triples string, parsed by rdflib."""
    if text is None:
        return None
    if text.startswith("_:"):
        return ("T", "_:")
    g = rdflib.Graph()
    g.parse(data="<x:s> <x:p> %s ." % text, format="nt")
    return key(next(iter(g.objects())))


def main():
    kgraph, shapes, data = sys.argv[1:4]
    base = [kgraph, "check", "-q", "--shapes", shapes, data]
    ttl = subprocess.run(base[:2] + ["--format=turtle"] + base[2:], capture_output=True)
    js = subprocess.run(base[:2] + ["--format=json"] + base[2:], capture_output=True)
    if ttl.returncode != js.returncode or ttl.returncode > 1:
        print("exit statuses %d (turtle) and %d (json)" % (ttl.returncode, js.returncode))
        return 1

    g = rdflib.Graph()
    g.parse(data=ttl.stdout.decode("utf-8"), format="turtle")
    report = json.loads(js.stdout.decode("utf-8"))
    errors = []

    reports = list(g.subjects(RDF.type, SH.ValidationReport))
    if len(reports) != 1:
        print("%d sh:ValidationReport, expected 1" % len(reports))
        return 1
    node = reports[0]
    conforms = g.value(node, SH.conforms)
    if conforms is None or conforms.toPython() != report["conforms"]:
        errors.append("sh:conforms %s, JSON says %s" % (conforms, report["conforms"]))

    got = []
    for r in g.objects(node, SH.result):
        if (r, RDF.type, SH.ValidationResult) not in g:
            errors.append("a result is not a sh:ValidationResult")
        for p in (SH.focusNode, SH.resultSeverity, SH.sourceConstraintComponent,
                  SH.sourceShape, SH.resultMessage):
            if g.value(r, p) is None:
                errors.append("a result has no %s" % p.n3(g.namespace_manager))
        path = g.value(r, SH.resultPath)
        value = g.value(r, SH.value)
        got.append((key(g.value(r, SH.focusNode)),
                    str(g.value(r, SH.sourceConstraintComponent)),
                    str(g.value(r, SH.resultSeverity)),
                    key(path) if path is not None else None,
                    key(value) if value is not None else None,
                    len(list(g.objects(r, SH.resultMessage)))))

    expected = []
    for r in report["results"]:
        path = r["path"]
        # a complex path is a blank node of the report
        expected.append((json_key(r["focus"]), r["component"], r["severity"],
                         json_key(path) if path is None or is_iri_path(path) else ("T", "_:"),
                         json_key(r["value"]),
                         len(r["messages"])))

    if sorted(map(repr, got)) != sorted(map(repr, expected)):
        missing = set(map(repr, expected)) - set(map(repr, got))
        extra = set(map(repr, got)) - set(map(repr, expected))
        errors.append("results differ:\n  only in JSON: %s\n  only in Turtle: %s"
                      % (sorted(missing), sorted(extra)))

    for e in errors:
        print(e)
    if not errors:
        print("%d results read back, conforms %s" % (len(got), report["conforms"]))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
