#!/usr/bin/python3
# Copyright the kgraph authors
# SPDX-License-Identifier: ISC
"""Run the W3C SHACL Core test suite from its manifests.

Usage: run-shacl.py [options] MANIFEST

MANIFEST is the suite's top manifest (tests/conformance/w3c/shacl/core/
manifest.ttl); its mf:include manifests are read in turn, and the tests of
their mf:entries are run in order.  For each sht:Validate test the command

    KGRAPH check --shapes SHAPES --format turtle DATA

(or the --cmd template) runs, with the test's sht:shapesGraph and
sht:dataGraph (`<>` is the test file itself), and the report it prints, a
sh:ValidationReport in Turtle, is compared with the test's mf:result as SHACL
test harnesses do:

  - sh:conforms is the same;
  - the results match one to one, each on its focus node, sh:resultPath
    (a complex path by its structure: sequence, alternative, inverse,
    zero-or-more, one-or-more, zero-or-one), sh:resultSeverity and
    sh:sourceConstraintComponent; on sh:value when the expected result has
    one; on sh:sourceShape when the expected one is an IRI; on
    sh:resultMessage when the expected result has some (each must be among
    the result's messages, with its language tag: misc/message-001).  A blank
    focus node or value only needs to be a blank node.

A test whose mf:result is sht:Failure passes when the command exits with a
status of 2 or more; any other test fails then.  With --exit-status (as in
meson test), a report must also come with the exit status of `kgraph check`:
1 when a result is an error (severity sh:Violation, or an IRI other than
sh:Warning and sh:Info), else 0 (the data conforms, or has only warnings and
notes); with --strict (as in meson test), each result must be complete and
well-formed (see below).

Prints one line per failing test, saying what differs (every test with -v),
and a last line "N passed, N failed".  Exits 0 when every test passes, 1
when one fails, 2 on a usage error or an unreadable manifest, and 77
(skipped) when /usr/bin/python3 has no rdflib (Debian's python3-rdflib).

Options:
  --kgraph PATH     the kgraph executable (default: kgraph on PATH)
  --cmd TEMPLATE    a shell command instead of kgraph, with {shapes} and
                    {data} replaced by the files (shell-quoted), e.g.
                    --cmd 'tests/conformance/jena-shacl {shapes} {data}'
  --exit-status     check the exit status of each run: 1 when a result is
                    an error, else 0
  --strict          check that each result is well-formed: an
                    sh:ValidationResult with one sh:focusNode,
                    sh:resultSeverity, sh:sourceConstraintComponent and
                    sh:sourceShape, at most one sh:resultPath and sh:value,
                    and at least one sh:resultMessage
  --isomorphic      also hold the report to the suite's rules for "full
                    compliance": isomorphic to the expected one once kept
                    to its predicates (the same blank node where the
                    expected report has the same one, no sh:value where it
                    has none)
  --only SUBSTR     run only the tests whose name contains SUBSTR
  --jobs N          run N tests at a time (default 1)
  --timeout SECS    a run that takes longer fails (default 60)
  -v, --verbose     print every test, "ok" or "FAIL"
"""

import argparse
import concurrent.futures
import pathlib
import re
import shlex
import subprocess
import sys
import urllib.parse

import warnings

try:
    import rdflib
    import rdflib.compare
    from rdflib import RDF, XSD, BNode, Literal, URIRef
except ImportError:
    print("SKIP: rdflib is missing (python3-rdflib)")
    sys.exit(77)

# Literals keep the lexical form they are written with: a value must be
# reported as it is in the data ("01"^^xsd:integer is not "1"^^xsd:integer),
# and an ill-typed literal ("none"^^xsd:boolean, in the suite on purpose) is
# no reason for a warning.
rdflib.NORMALIZE_LITERALS = False
warnings.filterwarnings("ignore", module="rdflib")

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = rdflib.Namespace("http://www.w3.org/ns/shacl-test#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")

# Bound on the depth of a property path and the length of a list: no
# SHACL Core test comes near it, and a cyclic path in a report stops there.
MAX_DEPTH = 64
MAX_LIST = 10000


class Test:
    def __init__(self, name, iri, graph, shapes, data, result):
        self.name = name      # e.g. "property/minCount-001"
        self.iri = iri
        self.graph = graph    # the manifest graph holding mf:result
        self.shapes = shapes  # local file
        self.data = data      # local file
        self.result = result  # node of the expected report, or SHT.Failure


def file_iri(path):
    return pathlib.Path(path).resolve().as_uri()


def local_path(iri):
    """The local file of a file: IRI."""
    parsed = urllib.parse.urlparse(str(iri))
    if parsed.scheme != "file":
        raise ValueError("not a local file: <%s>" % iri)
    return urllib.parse.unquote(parsed.path)


def rdf_list(g, node):
    """The members of an RDF list, or None when `node` is not a list."""
    out = []
    seen = set()
    while node != RDF.nil:
        if node in seen or len(out) > MAX_LIST:
            return None
        seen.add(node)
        first = g.value(node, RDF.first)
        rest = g.value(node, RDF.rest)
        if first is None or rest is None:
            return None
        out.append(first)
        node = rest
    return out


def read_tests(top):
    """Every sht:Validate test of the manifest `top` and of the manifests it
    includes, each manifest's tests in the order of its mf:entries."""
    tests = []
    seen = set()
    root = pathlib.Path(top).resolve().parent
    todo = [pathlib.Path(top).resolve()]
    while todo:
        path = todo.pop(0)
        if path in seen:
            continue
        seen.add(path)
        g = rdflib.Graph()
        g.parse(str(path), format="turtle", publicID=path.as_uri())
        manifest = URIRef(path.as_uri())
        # rdflib keeps no order of triples: the includes run in the order
        # of their names, so that runs are repeatable.
        includes = sorted(g.objects(manifest, MF.include), key=str)
        todo[0:0] = [pathlib.Path(local_path(i)) for i in includes]
        for entries in g.objects(manifest, MF.entries):
            members = rdf_list(g, entries)
            if members is None:
                raise ValueError("%s: mf:entries is not a list" % path)
            for test in members:
                if (test, RDF.type, SHT.Validate) not in g:
                    continue
                action = g.value(test, MF.action)
                shapes = g.value(action, SHT.shapesGraph)
                data = g.value(action, SHT.dataGraph)
                result = g.value(test, MF.result)
                if shapes is None or data is None or result is None:
                    raise ValueError("%s: test <%s> lacks a shapes graph, "
                                     "data graph or result" % (path, test))
                try:
                    name = str(pathlib.Path(local_path(test)).relative_to(root))
                except ValueError:
                    name = str(test)
                tests.append(Test(name, test, g, local_path(shapes),
                                  local_path(data), result))
    return tests


# Comparing reports


def path_key(g, node, depth=0):
    """A property path as a string, blank nodes replaced by their structure."""
    if depth > MAX_DEPTH:
        return "(too deep)"
    if isinstance(node, URIRef):
        return "<%s>" % node
    if not isinstance(node, BNode):
        return "(not a path: %s)" % node.n3()
    members = rdf_list(g, node) if g.value(node, RDF.first) is not None else None
    if members is not None:
        return "(" + " / ".join(path_key(g, m, depth + 1) for m in members) + ")"
    for prop, form in ((SH.inversePath, "^%s"), (SH.zeroOrMorePath, "%s*"),
                       (SH.oneOrMorePath, "%s+"), (SH.zeroOrOnePath, "%s?")):
        inner = g.value(node, prop)
        if inner is not None:
            return form % path_key(g, inner, depth + 1)
    alternatives = g.value(node, SH.alternativePath)
    if alternatives is not None:
        members = rdf_list(g, alternatives)
        if members is None:
            return "(alternatives not a list)"
        return "(" + " | ".join(path_key(g, m, depth + 1) for m in members) + ")"
    return "(blank path)"


def term_key(term):
    """A term for comparison, as a string: any blank node is the same."""
    if term is None:
        return None
    if isinstance(term, BNode):
        return "_:"
    if isinstance(term, Literal):
        text = '"%s"' % str(term).encode("unicode_escape").decode("ascii").replace('"', '\\"')
        if term.language:
            return text + "@" + term.language.lower()
        # RDF 1.1: a simple literal is an xsd:string
        return text + "^^<%s>" % (term.datatype or XSD.string)
    return "<%s>" % term


def results(g, report):
    out = []
    for r in g.objects(report, SH.result):
        path = g.value(r, SH.resultPath)
        shape = g.value(r, SH.sourceShape)
        out.append({
            "focus": term_key(g.value(r, SH.focusNode)),
            "path": path_key(g, path) if path is not None else None,
            "severity": term_key(g.value(r, SH.resultSeverity)),
            "component": term_key(g.value(r, SH.sourceConstraintComponent)),
            "value": term_key(g.value(r, SH.value)),
            "shape": shape.n3() if isinstance(shape, URIRef) else None,
            "messages": tuple(sorted(term_key(m) for m in g.objects(r, SH.resultMessage))) or None,
        })
    return out


def differences(expected, got):
    """What `got` lacks to match the expected result, as a list of words."""
    out = []
    for k in ("focus", "path", "severity", "component"):
        if expected[k] != got[k]:
            out.append(k)
    if expected["value"] is not None and expected["value"] != got["value"]:
        out.append("value")
    if expected["shape"] is not None and expected["shape"] != got["shape"]:
        out.append("shape")
    if expected["messages"] is not None and \
            not set(expected["messages"]) <= set(got["messages"] or ()):
        out.append("messages")
    return out


def show(result, graph):
    """A result for people, IRIs shortened with the prefixes of `graph`."""
    spaces = sorted(((str(ns), prefix) for prefix, ns in graph.namespaces()
                     if prefix), key=lambda x: -len(x[0]))

    def shorten(m):
        iri = m.group(1)
        for ns, prefix in spaces:
            local = iri[len(ns):]
            if iri.startswith(ns) and re.fullmatch(r"[A-Za-z0-9_.-]*", local):
                return "%s:%s" % (prefix, local)
        return m.group(0)

    return "{" + ", ".join("%s %s" % (k, re.sub(r"<([^<> ]*)>", shorten,
                                                " ".join(v) if isinstance(v, tuple) else v))
                           for k, v in result.items() if v is not None) + "}"


def match(expected, got):
    """A one-to-one matching of expected results to got ones (augmenting
    paths, so that an expected result without sh:value cannot take the only
    partner of another): the list of unmatched expected indexes and the
    list of unmatched got indexes."""
    fits = [[j for j, g in enumerate(got) if not differences(e, g)]
            for e in expected]
    owner = [None] * len(got)

    def augment(i, visited):
        for j in fits[i]:
            if j in visited:
                continue
            visited.add(j)
            if owner[j] is None or augment(owner[j], visited):
                owner[j] = i
                return True
        return False

    unmatched = [i for i in range(len(expected)) if not augment(i, set())]
    extra = [j for j in range(len(got)) if owner[j] is None]
    return unmatched, extra


def malformed(g, report):
    """What makes the results of `report` other than SHACL says, or None:
    each an sh:ValidationResult with one focus node, severity, constraint
    component and source shape, at most one path and value, and a message."""
    one = (SH.focusNode, SH.resultSeverity, SH.sourceConstraintComponent, SH.sourceShape)
    for r in g.objects(report, SH.result):
        focus = g.value(r, SH.focusNode)
        where = "a result of focus node %s" % (focus.n3() if focus is not None else "?")
        if (r, RDF.type, SH.ValidationResult) not in g:
            return "%s is not an sh:ValidationResult" % where
        for prop in one + (SH.resultPath, SH.value):
            n = len(list(g.objects(r, prop)))
            if n > 1 or (n == 0 and prop in one):
                return "%s has %d %s" % (where, n, g.namespace_manager.normalizeUri(prop))
        if g.value(r, SH.resultMessage) is None:
            return "%s has no sh:resultMessage" % where
    return None


# The predicates the suite's "full compliance" keeps in a report
KEPT = (SH.focusNode, SH.resultPath, SH.resultSeverity, SH.sourceConstraint,
        SH.sourceConstraintComponent, SH.sourceShape, SH.value)


def clone(g, node, out, depth=0):
    """`node` in `out`, a blank node copied with what hangs off it (a path)."""
    if not isinstance(node, BNode) or depth > MAX_DEPTH:
        return node
    copy = BNode()
    for p, o in g.predicate_objects(node):
        out.add((copy, p, clone(g, o, out, depth + 1)))
    return copy


def full_report(g, report, messages=None):
    """The report as the suite's rules for full compliance compare it: the
    report and its results as blank nodes of these types only, with the
    KEPT predicates, each path a structure of its own, and the messages
    that are in `messages` (all of them when None)."""
    out = rdflib.Graph()
    top = BNode()
    out.add((top, RDF.type, SH.ValidationReport))
    for c in g.objects(report, SH.conforms):
        out.add((top, SH.conforms, c))
    for r in g.objects(report, SH.result):
        new = BNode()
        out.add((top, SH.result, new))
        out.add((new, RDF.type, SH.ValidationResult))
        for p, o in g.predicate_objects(r):
            if p == SH.resultPath:
                out.add((new, p, clone(g, o, out)))
            elif p in KEPT or (p == SH.resultMessage and (messages is None or o in messages)):
                out.add((new, p, o))
    return out


def not_isomorphic(test, got_g, report):
    """None when the report is isomorphic to the expected one as the suite's
    rules for full compliance say, else how they differ."""
    messages = set(test.graph.objects(None, SH.resultMessage))
    want = full_report(test.graph, test.result)
    have = full_report(got_g, report, messages)
    if rdflib.compare.isomorphic(want, have):
        return None
    _, only_want, only_have = rdflib.compare.graph_diff(
        rdflib.compare.to_isomorphic(want), rdflib.compare.to_isomorphic(have))
    def lines(g):
        return sorted(" ".join(t.n3(test.graph.namespace_manager) for t in triple)
                      for triple in g)
    return "\n    ".join(["not isomorphic to the expected report"] +
                          ["missing %s" % x for x in lines(only_want)][:10] +
                          ["unexpected %s" % x for x in lines(only_have)][:10])


def compare(test, report_text, strict=False, isomorphic=False):
    """None when the report matches the test's mf:result, else what differs.
    With `strict`, each result must also be well-formed (see malformed());
    with `isomorphic`, the report must also be isomorphic to the expected
    one as the suite's rules for full compliance say."""
    got_g = rdflib.Graph()
    try:
        got_g.parse(data=report_text, format="turtle",
                    publicID=file_iri(test.data))
    except Exception as e:  # rdflib raises many kinds
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        return "the report is not Turtle: %s" % first[:200]
    return compare_graph(test, got_g, strict, isomorphic)


def compare_graph(test, got_g, strict=False, isomorphic=False):
    """compare() on the report read into the graph `got_g`."""
    reports = list(got_g.subjects(RDF.type, SH.ValidationReport))
    if len(reports) != 1:
        return "%d sh:ValidationReport in the output, expected 1" % len(reports)
    report = reports[0]
    want = test.graph.value(test.result, SH.conforms)
    have = list(got_g.objects(report, SH.conforms))
    if len(have) != 1 or not isinstance(have[0], Literal) \
            or have[0].datatype != XSD.boolean:
        return "sh:conforms is not one xsd:boolean: %s" % [h.n3() for h in have]
    if bool(want.toPython()) != bool(have[0].toPython()):
        return "sh:conforms %s, expected %s" % (have[0], want)
    if strict:
        why = malformed(got_g, report)
        if why is not None:
            return why
    expected = results(test.graph, test.result)
    got = results(got_g, report)
    unmatched, extra = match(expected, got)
    if not unmatched and not extra:
        return not_isomorphic(test, got_g, report) if isomorphic else None
    if len(got) != len(expected):
        lines = ["%d results, expected %d" % (len(got), len(expected))]
    else:
        lines = ["%d results, but not the expected ones" % len(got)]
    for i in unmatched:
        e = expected[i]
        near = min(got, key=lambda g: len(differences(e, g)), default=None)
        hint = ""
        if near is not None:
            hint = " (nearest differs on %s)" % ", ".join(differences(e, near))
        lines.append("missing %s%s" % (show(e, test.graph), hint))
    for j in extra:
        lines.append("unexpected %s" % show(got[j], test.graph))
    return "\n    ".join(lines)


# Running


def command(args, test):
    if args.cmd is not None:
        return args.cmd.format(shapes=shlex.quote(test.shapes),
                               data=shlex.quote(test.data))
    return [args.kgraph, "check", "--shapes", test.shapes, "--format",
            "turtle", test.data]


def run(args, test):
    """None when `test` passes, else why it fails."""
    cmd = command(args, test)
    try:
        p = subprocess.run(cmd, shell=isinstance(cmd, str), capture_output=True,
                           timeout=args.timeout)
    except subprocess.TimeoutExpired:
        return "timed out after %g s" % args.timeout
    except OSError as e:
        return "cannot run %s: %s" % (cmd[0], e.strerror)
    err = p.stderr.decode("utf-8", "replace").strip()
    err = ("; stderr: " + " | ".join(err.splitlines()[-3:])[:300]) if err else ""
    if test.result == SHT.Failure:
        if p.returncode >= 2:
            return None
        return "expected a failure (exit status 2 or more), got exit %d" % p.returncode
    if p.returncode < 0:
        return "killed by signal %d%s" % (-p.returncode, err)
    if p.returncode >= 2:
        return "exit status %d, expected a report%s" % (p.returncode, err)
    why = compare(test, p.stdout.decode("utf-8", "replace"), args.strict,
                  args.isomorphic)
    if why is not None:
        return "%s (exit %d%s)" % (why, p.returncode, err)
    if args.exit_status:
        want = expected_status(test)
        if p.returncode != want:
            return "exit status %d, expected %d%s" % (p.returncode, want, err)
    return None


def expected_status(test):
    """kgraph check's exit status for the expected report: 1 when it has an
    error, a result of severity sh:Violation or another IRI than sh:Warning
    and sh:Info (or does not conform and has no results), else 0."""
    g, report = test.graph, test.result
    severities = [g.value(r, SH.resultSeverity) for r in g.objects(report, SH.result)]
    if not severities:
        return 0 if g.value(report, SH.conforms).toPython() else 1
    return 1 if any(s not in (SH.Warning, SH.Info) for s in severities) else 0


def main():
    ap = argparse.ArgumentParser(
        description="Run the W3C SHACL Core test suite from its manifests.")
    ap.add_argument("manifest")
    ap.add_argument("--kgraph", default="kgraph")
    ap.add_argument("--cmd")
    ap.add_argument("--exit-status", action="store_true")
    ap.add_argument("--strict", action="store_true")
    ap.add_argument("--isomorphic", action="store_true")
    ap.add_argument("--only")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    try:
        tests = read_tests(args.manifest)
    except Exception as e:
        print("run-shacl: error: cannot read the manifests: %s" % e)
        return 2
    if args.only:
        tests = [t for t in tests if args.only in t.name]
    if not tests:
        print("run-shacl: error: no tests")
        return 2
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        outcomes = list(pool.map(lambda t: run(args, t), tests))
    passed = failed = 0
    for test, why in zip(tests, outcomes):
        if why is None:
            passed += 1
            if args.verbose:
                print("ok   %s" % test.name)
        else:
            failed += 1
            print("FAIL %s: %s" % (test.name, why))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
