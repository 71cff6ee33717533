#!/usr/bin/env python3
# Copyright the kgraph authors
# SPDX-License-Identifier: ISC

"""Write seeds of awkward shape for the fuzzers.

  gen-seeds.py shapes DIR   programs for fuzz_shapes (fuzz_shapes.h)
  gen-seeds.py text DIR     chains, lists and rings as Turtle, N-Triples
                            and RDF/XML, in DIR/turtle, DIR/ntriples, ...

The programs are what tests/fuzz/seeds/shapes holds.  Sizes are kept small
enough for a fuzzer to run each seed many times a minute; the deep ones
reach past the writers' nesting limit, and the readers' for the texts.
"""

import os
import sys

# Instructions of fuzz_shapes.h, in its order
(BLANK, IRI, LITERAL, TRIPLE, CHAIN, RING, LIST, NEST, TREE, GRID, CLIQUE,
 CUBE, ODD_LIST, GRAPH, TYPED) = range(15)

# List items
I_LITERAL, I_SAME, I_BLANK, I_IRI, I_LIST, I_AWKWARD, I_MIXED = range(7)

# Stack positions: the stack starts as [root IRI, blank node]
LAST, ROOT = 0, 1


def size(n):
    """The byte of size n: below 224, or a multiple of 512 (fuzz_shapes.h)."""
    if n < 224:
        return n
    assert n % 512 == 0 and n <= 32 * 512
    return 223 + n // 512


def shapes():
    """Return {name: program}."""
    progs = {}
    for n in (10, 200, 2048):
        progs[f"chain-{n}"] = [CHAIN, ROOT, 0, size(n)]
        progs[f"ring-{n}"] = [RING, 0, size(n)]
        progs[f"list-literals-{n}"] = [LIST, ROOT, 0, size(n), I_LITERAL]
        progs[f"list-blanks-{n}"] = [LIST, ROOT, 0, size(n), I_BLANK]
        progs[f"list-same-{n}"] = [LIST, ROOT, 0, size(n), I_SAME]
        progs[f"nest-{n}"] = [NEST, ROOT, 0, size(n)]
    progs["list-of-lists"] = [LIST, ROOT, 1, 50, I_LIST]
    progs["list-mixed"] = [LIST, ROOT, 2, 100, I_MIXED]
    progs["list-awkward"] = [LIST, ROOT, 3, 64, I_AWKWARD]
    progs["tree-binary"] = [TREE, ROOT, 1, 10, 0]
    progs["tree-deep"] = [TREE, ROOT, 0, size(4096), 0]
    progs["torus-30"] = [GRID, 29, 29, 1]
    progs["grid-10x20"] = [GRID, 9, 19, 0]
    progs["clique-10"] = [CLIQUE, 9, 0]
    progs["cube-10"] = [CUBE, 10, 0]
    for kind in range(8):
        progs[f"odd-list-{kind}"] = [ODD_LIST, kind, 5, ROOT, 0]
    # A literal is pushed, then (root, p, literal): a literal on the stack
    # reads as the root when a subject is wanted
    progs["literals"] = [
        LITERAL, 5, 2, 3, 4, 10, 0, 0, TRIPLE, LAST, 0, LAST,
        LITERAL, 3, 16, 17, 18, 240, TRIPLE, LAST, 1, LAST,
        LITERAL, 2, 24, 19, 5, TRIPLE, LAST, 2, LAST,
    ]
    progs["iris-typed"] = [
        IRI, 3, 14, 15, 17, TYPED, LAST, 2, 0, 1, 1, 1, 0,
        TRIPLE, ROOT, 3, LAST,
    ]
    progs["named-graph"] = [
        GRAPH, 0xF0, LAST, CHAIN, ROOT, 0, 5, RING, 1, 4,
    ]
    # b0 -> b1 -> ... -> b100 -> b0
    progs["chain-cycle"] = [CHAIN, LAST, 0, 100, TRIPLE, LAST, 0, 1]
    return progs


def chain_turtle(n):
    yield "@prefix e: <http://example.org/> .\n"
    for i in range(n):
        yield f"_:b{i} e:p _:b{i + 1} .\n"
    yield f"e:root e:p _:b0 .\n"


def ring_ntriples(n):
    for i in range(n):
        yield f"_:b{i} <http://example.org/p> _:b{(i + 1) % n} .\n"


def list_turtle(n):
    yield "@prefix e: <http://example.org/> .\n"
    yield "e:s e:p (" + " ".join(str(i) for i in range(n)) + ") .\n"


def nested_turtle(n):
    yield "@prefix e: <http://example.org/> .\n"
    yield "e:s e:p " + "[ e:p " * n + "1" + " ]" * n + " .\n"


def nested_lists_turtle(n):
    yield "@prefix e: <http://example.org/> .\n"
    yield "e:s e:p " + "( " * n + "1" + " )" * n + " .\n"


def resource_rdfxml(n):
    yield ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
           ' xmlns:e="http://example.org/">\n'
           '<rdf:Description rdf:about="http://example.org/s">\n')
    yield '<e:p rdf:parseType="Resource">' * n
    yield "<e:q>1</e:q>"
    yield "</e:p>" * n
    yield "\n</rdf:Description>\n</rdf:RDF>\n"


def chain_rdfxml(n):
    yield ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
           ' xmlns:e="http://example.org/">\n')
    yield '<rdf:Description rdf:about="http://example.org/s">'
    yield '<e:p rdf:nodeID="b0"/></rdf:Description>\n'
    for i in range(n):
        yield (f'<rdf:Description rdf:nodeID="b{i}">'
               f'<e:p rdf:nodeID="b{i + 1}"/></rdf:Description>\n')
    yield "</rdf:RDF>\n"


def texts():
    """Return {(syntax, name): generator}."""
    docs = {}
    for n in (100, 3000):
        docs[("turtle", f"chain-{n}.ttl")] = chain_turtle(n)
        docs[("ntriples", f"ring-{n}.nt")] = ring_ntriples(n)
        docs[("turtle", f"list-{n}.ttl")] = list_turtle(n)
        docs[("turtle", f"nested-{n}.ttl")] = nested_turtle(n)
        docs[("turtle", f"nested-lists-{n}.ttl")] = nested_lists_turtle(n)
        docs[("rdfxml", f"resource-{n}.rdf")] = resource_rdfxml(n)
        docs[("rdfxml", f"chain-{n}.rdf")] = chain_rdfxml(n)
    # Past the readers' nesting limit: an error, never a crash
    docs[("turtle", "nested-6000.ttl")] = nested_turtle(6000)
    docs[("turtle", "nested-lists-6000.ttl")] = nested_lists_turtle(6000)
    return docs


def main(argv):
    if len(argv) != 3 or argv[1] not in ("shapes", "text"):
        sys.stderr.write(__doc__)
        return 2

    out = argv[2]
    if argv[1] == "shapes":
        os.makedirs(out, exist_ok=True)
        for name, prog in shapes().items():
            with open(os.path.join(out, name), "wb") as f:
                f.write(bytes(prog))
    else:
        for (syntax, name), doc in texts().items():
            os.makedirs(os.path.join(out, syntax), exist_ok=True)
            with open(os.path.join(out, syntax, name), "w") as f:
                f.writelines(doc)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
