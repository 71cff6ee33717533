#!/usr/bin/python3
# Copyright the kgraph authors
# SPDX-License-Identifier: ISC
"""The SHACL Core harness, run-shacl.py, on reports made from the suite.

Usage: test-run-shacl.py RUN_SHACL MANIFEST

Reads every sht:Validate test of MANIFEST as run-shacl.py does (98 of them),
and checks that the harness takes each test's own expected report, written
out in Turtle with other blank node labels, and refuses it when it is
changed: a result dropped, doubled or changed in its focus node, path,
severity, component, value or shape, sh:conforms flipped, a sequence path
nested as Jena 4.5 writes it.  Also checks the one-to-one matching, the exit
statuses (--exit-status, sht:Failure), --strict, --isomorphic and the
runner's last line.  Exits 0
when all hold, 1 otherwise, 77 when /usr/bin/python3 has no rdflib.
"""

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile

try:
    import rdflib
    from rdflib import RDF, XSD, BNode, Literal, URIRef
except ImportError:
    print("SKIP: rdflib is missing (python3-rdflib)")
    sys.exit(77)

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
SHT = rdflib.Namespace("http://www.w3.org/ns/shacl-test#")
EX = rdflib.Namespace("http://example.org/not-in-the-suite#")

failures = []
n_checks = 0


def check(ok, what):
    global n_checks
    n_checks += 1
    if not ok:
        failures.append(what)
        print("FAIL %s" % what)


REPORTS = {}


def report_graph(graph, node):
    """The expected report: the triples reachable from `node` through blank
    nodes, as a graph of its own with fresh blank nodes."""
    key = (id(graph), node)
    if key not in REPORTS:
        triples, todo, seen = [], [node], set()
        while todo:
            s = todo.pop()
            if s in seen:
                continue
            seen.add(s)
            for p, o in graph.predicate_objects(s):
                triples.append((s, p, o))
                if isinstance(o, BNode):
                    todo.append(o)
        REPORTS[key] = triples
    out = rdflib.Graph()
    fresh = {}

    def copy(term):
        if isinstance(term, BNode):
            return fresh.setdefault(term, BNode())
        return term

    for s, p, o in REPORTS[key]:
        out.add((copy(s), p, copy(o)))
    return out, copy(node)


def text(g):
    # N-Triples, which is Turtle too: rdflib 6.1's Turtle writer drops the
    # rdf: prefix it uses and writes "none"^^xsd:boolean as `none`
    return g.serialize(format="nt")


def results_of(g, report):
    """The results of `report`, in an order that does not depend on blank
    node labels."""
    def key(r):
        return [str(sorted(str(o) for o in g.objects(r, p) if not isinstance(o, BNode)))
                for p in (SH.focusNode, SH.sourceConstraintComponent, SH.value,
                          SH.resultPath, SH.resultSeverity, SH.sourceShape)]
    return sorted(g.objects(report, SH.result), key=key)


def mutated(test, change):
    """The test's report after `change(g, report)`, or None when `change`
    does not apply (returns False)."""
    g, report = report_graph(test.graph, test.result)
    if change(g, report) is False:
        return None
    return g


def first_result(g, report):
    rs = results_of(g, report)
    return rs[0] if rs else None


def set_one(g, s, p, o):
    g.remove((s, p, None))
    g.add((s, p, o))


def drop_result(g, report):
    r = first_result(g, report)
    if r is None:
        return False
    g.remove((report, SH.result, r))


def double_result(g, report):
    r = first_result(g, report)
    if r is None:
        return False
    twin = BNode()
    for p, o in g.predicate_objects(r):
        g.add((twin, p, o))
    g.add((report, SH.result, twin))


def flip_conforms(g, report):
    c = g.value(report, SH.conforms)
    set_one(g, report, SH.conforms,
            Literal("true" if c.toPython() is False else "false", datatype=XSD.boolean))


def conforms_as_string(g, report):
    c = g.value(report, SH.conforms)
    set_one(g, report, SH.conforms, Literal(str(c)))


def change(prop, new):
    def f(g, report):
        r = first_result(g, report)
        if r is None:
            return False
        old = g.value(r, prop)
        if prop == SH.value:
            if not isinstance(old, Literal):
                return False
            new_value = Literal(str(old) + "x", lang=old.language, datatype=old.datatype)
        elif prop == SH.sourceShape:
            if not isinstance(old, URIRef):
                return False
            new_value = new
        else:
            new_value = new
        set_one(g, r, prop, new_value)
    return f


def add_value_where_none(g, report):
    r = first_result(g, report)
    if r is None or g.value(r, SH.value) is not None:
        return False
    g.add((r, SH.value, EX.anything))


def change_message(new):
    def f(g, report):
        changed = False
        for r in results_of(g, report):
            for m in list(g.objects(r, SH.resultMessage)):
                g.remove((r, SH.resultMessage, m))
                if new(m) is not None:
                    g.add((r, SH.resultMessage, new(m)))
                changed = True
        return changed
    return f


def more_messages(g, report):
    for r in results_of(g, report):
        g.add((r, SH.resultMessage, Literal("Ein anderer Text", lang="de")))


def blank_shape(g, report):
    r = first_result(g, report)
    if r is None or not isinstance(g.value(r, SH.sourceShape), BNode):
        return False
    set_one(g, r, SH.sourceShape, BNode())


def nest_sequences(g, report):
    """((a b) c) for (a b c), as Jena 4.5 writes a path of three steps."""
    done = False
    for r in results_of(g, report):
        path = g.value(r, SH.resultPath)
        if not isinstance(path, BNode) or g.value(path, RDF.first) is None:
            continue
        members = list(rdflib.collection.Collection(g, path))
        if len(members) < 3:
            continue
        inner = BNode()
        rdflib.collection.Collection(g, inner, members[:2])
        outer = BNode()
        rdflib.collection.Collection(g, outer, [inner] + members[2:])
        set_one(g, r, SH.resultPath, outer)
        done = True
    return done


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("run_shacl")
    ap.add_argument("manifest")
    a = ap.parse_args()
    spec = importlib.util.spec_from_file_location("run_shacl", a.run_shacl)
    rs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rs)

    tests = rs.read_tests(a.manifest)
    check(len(tests) == 98, "98 sht:Validate tests, read %d" % len(tests))
    check(len({t.name for t in tests}) == len(tests), "test names are unique")
    names = {t.name for t in tests}
    for name in ("property/minCount-001", "path/path-sequence-002",
                 "node/qualified-001", "complex/shacl-shacl"):
        check(name in names, "test %s is read" % name)
    for t in tests:
        check(os.path.isfile(t.shapes) and os.path.isfile(t.data),
              "%s: shapes and data are files" % t.name)

    mutations = [
        ("a result dropped", drop_result),
        ("a result doubled", double_result),
        ("sh:conforms flipped", flip_conforms),
        ("sh:conforms a string", conforms_as_string),
        ("another focus node", change(SH.focusNode, EX.elsewhere)),
        ("another path", change(SH.resultPath, EX.otherPath)),
        ("another severity", change(SH.resultSeverity, EX.NoSeverity)),
        ("another component", change(SH.sourceConstraintComponent, EX.NoConstraintComponent)),
        ("another value", change(SH.value, None)),
        ("another shape", change(SH.sourceShape, EX.OtherShape)),
        ("a sequence path nested", nest_sequences),
        ("another message language", change_message(lambda m: Literal(str(m), lang="fr"))),
        ("a message without language", change_message(lambda m: Literal(str(m)))),
        ("another message", change_message(lambda m: Literal(str(m) + "!", lang=m.language))),
        ("no message", change_message(lambda m: None)),
    ]
    accepted = {"a value where none is expected": add_value_where_none,
                "one more message": more_messages,
                "a blank shape for a blank one": blank_shape}
    applied = {name: 0 for name, _ in mutations}
    for name in accepted:
        applied[name] = 0
    for t in tests:
        g, report = report_graph(t.graph, t.result)
        why = rs.compare(t, text(g))
        check(why is None, "%s: its own report is taken: %s" % (t.name, why))
        for name, f in mutations:
            out = mutated(t, f)
            if out is None:
                continue
            applied[name] += 1
            check(rs.compare_graph(t, out) is not None, "%s: %s is refused" % (t.name, name))
        for name, f in accepted.items():
            out = mutated(t, f)
            if out is None:
                continue
            applied[name] += 1
            why = rs.compare_graph(t, out)
            check(why is None, "%s: %s is taken: %s" % (t.name, name, why))
    for name, n in applied.items():
        check(n > 0, "the change '%s' applies to some test" % name)

    # --strict: complete results, with messages
    strict_changes = [
        ("no rdf:type", lambda g, r: g.remove((r, RDF.type, None))),
        ("no sh:sourceShape", lambda g, r: g.remove((r, SH.sourceShape, None))),
        ("no sh:resultMessage", lambda g, r: g.remove((r, SH.resultMessage, None))),
        ("two focus nodes", lambda g, r: g.add((r, SH.focusNode, EX.second))),
        ("two values", lambda g, r: (g.add((r, SH.value, EX.v1)), g.add((r, SH.value, EX.v2)))),
    ]
    n_strict = 0
    for t in tests:
        g, report = report_graph(t.graph, t.result)
        rs_ = results_of(g, report)
        if not rs_:
            continue
        for r in rs_:
            g.add((r, SH.resultMessage, Literal("a message", lang="en")))
        why = rs.compare_graph(t, g, strict=True)
        check(why is None, "%s: its report with messages is strict: %s" % (t.name, why))
        if not any(t.graph.value(r, SH.resultMessage) is not None
                   for r in results_of(t.graph, t.result)):
            check(rs.compare_graph(t, report_graph(t.graph, t.result)[0], strict=True)
                  is not None, "%s: its report without messages is not strict" % t.name)
        for name, f in strict_changes:
            g2, report2 = report_graph(t.graph, t.result)
            for r in results_of(g2, report2):
                g2.add((r, SH.resultMessage, Literal("a message")))
            f(g2, results_of(g2, report2)[0])
            check(rs.compare_graph(t, g2, strict=True) is not None,
                  "%s: --strict refuses a result with %s" % (t.name, name))
        n_strict += 1
        if n_strict == 12:  # enough, and the test stays fast
            break
    check(n_strict == 12, "--strict is tried on %d tests" % n_strict)

    # --isomorphic: the suite's rules for full compliance
    def extra_path_triple(g, report):
        """A path node that is also an inverse path, as a report that copies
        the whole blank node of path/path-strange-001 has it."""
        for r in results_of(g, report):
            path = g.value(r, SH.resultPath)
            if isinstance(path, BNode):
                g.add((path, SH.inversePath, EX.p))
                return True
        return False

    def split_blank(g, report):
        """Two blank nodes for the focus node and the value where the expected
        report has one (a node shape's blank focus node is its value)."""
        for r in results_of(g, report):
            focus = g.value(r, SH.focusNode)
            if isinstance(focus, BNode) and g.value(r, SH.value) == focus:
                set_one(g, r, SH.value, BNode())
                return True
        return False

    def shared_path(g, report):
        """One path structure shared by two results: cloned before comparing."""
        rs_ = [r for r in results_of(g, report) if isinstance(g.value(r, SH.resultPath), BNode)]
        if len(rs_) < 2:
            return False
        old = g.value(rs_[1], SH.resultPath)
        set_one(g, rs_[1], SH.resultPath, g.value(rs_[0], SH.resultPath))
        return rs.path_key(g, old) == rs.path_key(g, g.value(rs_[0], SH.resultPath))

    def result_as_iri(g, report):
        """A result named by an IRI, of a subclass too: the rules make it a
        blank node of type sh:ValidationResult."""
        r = first_result(g, report)
        if r is None:
            return False
        iri = EX.result1
        for p, o in list(g.predicate_objects(r)):
            g.add((iri, p, o))
        g.remove((r, None, None))
        g.remove((report, SH.result, r))
        g.add((report, SH.result, iri))
        g.add((iri, RDF.type, EX.SubclassOfResult))

    iso_counts = {}
    for t in tests:
        g, _ = report_graph(t.graph, t.result)
        why = rs.compare_graph(t, g, isomorphic=True)
        check(why is None, "%s: its own report is isomorphic: %s" % (t.name, why))
        for name, f, ok in (("a value where none is expected", add_value_where_none, False),
                            ("a path with one more triple", extra_path_triple, False),
                            ("two blank nodes for one", split_blank, False),
                            ("a path shared by two results", shared_path, True),
                            ("a result as an IRI", result_as_iri, True)):
            if iso_counts.get(name, 0) == 5:  # enough, and the test stays fast
                continue
            out = mutated(t, f)
            if out is None:
                continue
            iso_counts[name] = iso_counts.get(name, 0) + 1
            why = rs.compare_graph(t, out, isomorphic=True)
            check((why is None) == ok, "%s: --isomorphic %s %s: %s" % (
                t.name, "takes" if ok else "refuses", name, why or "taken"))
    for name in ("a value where none is expected", "a path with one more triple",
                 "two blank nodes for one", "a path shared by two results",
                 "a result as an IRI"):
        check(iso_counts.get(name, 0) > 0, "--isomorphic: '%s' applies to some test" % name)

    t0 = tests[0]
    for bad in ("", "not turtle at all", "@prefix sh: <%s> .\n[] a sh:ValidationReport ; sh:conforms true .\n"
                "[] a sh:ValidationReport ; sh:conforms true ." % SH):
        check(rs.compare(t0, bad) is not None, "output %r is refused" % bad[:20])

    # One to one: A fits X and Y, B only X; a greedy match of A to X fails B
    a_ = {"focus": "<a>", "path": None, "severity": "s", "component": "c", "value": None,
          "shape": None, "messages": None}
    b_ = dict(a_, value="<v1>")
    x_ = dict(a_, value="<v1>")
    y_ = dict(a_, value="<v2>")
    check(rs.match([a_, b_], [x_, y_]) == ([], []), "matching is one to one, not greedy")
    check(rs.match([b_, b_], [x_, y_]) == ([1], [1]), "a result matches once")

    # The command's exit status, with a command that prints a report
    with tempfile.TemporaryDirectory() as tmp:
        failing = next(t for t in tests if not t.graph.value(t.result, SH.conforms).toPython())
        passing = next(t for t in tests if t.graph.value(t.result, SH.conforms).toPython())
        # Only a sh:Warning: the data does not conform, but check exits 0
        warning = next(t for t in tests if t.name == "misc/severity-001")
        # sh:Info and ex:MySeverity, which is an error
        other = next(t for t in tests if t.name == "misc/severity-002")
        for t, status, exit_status, ok in ((failing, 1, True, True), (failing, 0, True, False),
                                           (failing, 0, False, True), (passing, 0, True, True),
                                           (passing, 1, True, False), (failing, 3, False, False),
                                           (warning, 0, True, True), (warning, 1, True, False),
                                           (other, 1, True, True), (other, 0, True, False)):
            path = os.path.join(tmp, "report.ttl")
            with open(path, "w") as f:
                f.write(text(report_graph(t.graph, t.result)[0]))
            args = argparse.Namespace(cmd="cat %s; exit %d" % (path, status), kgraph=None,
                                      exit_status=exit_status, strict=False, isomorphic=False,
                                      timeout=30)
            why = rs.run(args, t)
            check((why is None) == ok, "%s, exit %d, --exit-status %s: %s" % (
                t.name, status, exit_status, why or "taken"))
        failure = rs.Test("failure", None, None, t0.shapes, t0.data, SHT.Failure)
        for status, ok in ((2, True), (3, True), (1, False), (0, False)):
            args = argparse.Namespace(cmd="exit %d" % status, kgraph=None, exit_status=True,
                                      strict=True, isomorphic=True, timeout=30)
            check((rs.run(args, failure) is None) == ok, "sht:Failure, exit %d" % status)

    # The runner's output and exit status
    p = subprocess.run([sys.executable, a.run_shacl, "--cmd", "exit 1", "--only",
                        "minCount-00", a.manifest], capture_output=True, text=True)
    lines = p.stdout.splitlines()
    check(p.returncode == 1 and lines[-1] == "0 passed, 2 failed" and
          sum(1 for x in lines if x.startswith("FAIL ")) == 2,
          "run-shacl says which tests fail: %r, exit %d" % (lines, p.returncode))
    p = subprocess.run([sys.executable, a.run_shacl, "--only", "no such test", a.manifest],
                       capture_output=True, text=True)
    check(p.returncode == 2, "run-shacl exits 2 without tests")

    print("%d checks, %d failed" % (n_checks, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
