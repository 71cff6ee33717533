#!/usr/bin/env python3
# Copyright the kgraph authors
# SPDX-License-Identifier: ISC
"""Write a blank-node shape as N-Triples, for kgraph diff's benchmarks.

  gen-shapes.py SHAPE N SEED [change]

SHAPE is chain (N nodes from an IRI), ring (N), torus (N x N), cube (a
hypercube of dimension N), clique (N), list (N items, all "x", from an IRI)
or tree (binary, depth N, from an IRI).  SEED 0 writes the nodes and
triples in order; another seed renames the blank nodes and shuffles the
triples.  With "change", the middle triple changes (ex:p becomes ex:q,
rdf:rest rdf:rest2, a list item "x" becomes "y").
"""
import random
import sys

shape, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
change = len(sys.argv) > 4
P = "<http://example.org/p>"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
edges = []  # (s, o) or (s, o, "rest"); s "I" is the IRI
lits = []
if shape == "chain":
    nodes = n
    edges.append(("I", 0))
    edges += [(i, i + 1) for i in range(n - 1)]
elif shape == "ring":
    nodes = n
    edges += [(i, (i + 1) % n) for i in range(n)]
elif shape == "torus":
    nodes = n * n
    for x in range(n):
        for y in range(n):
            edges.append((x * n + y, ((x + 1) % n) * n + y))
            edges.append((x * n + y, x * n + (y + 1) % n))
elif shape == "cube":
    nodes = 1 << n
    for v in range(nodes):
        for b in range(n):
            if not v & (1 << b):
                edges.append((v, v | (1 << b)))
elif shape == "clique":
    nodes = n
    edges += [(i, j) for i in range(n) for j in range(n) if i != j]
elif shape == "tree":
    nodes = (1 << (n + 1)) - 1
    edges.append(("I", 0))
    edges += [(i, 2 * i + 1) for i in range(nodes // 2)]
    edges += [(i, 2 * i + 2) for i in range(nodes // 2)]
elif shape == "list":
    nodes = n
    edges.append(("I", 0))
    edges += [(i, i + 1, "rest") for i in range(n - 1)]
    lits = [(i, '"x"') for i in range(n)]
else:
    sys.exit("gen-shapes.py: unknown shape '%s'" % shape)

names = list(range(nodes))
rng = random.Random(seed)
if seed:
    rng.shuffle(names)
lines = []
for e in edges:
    p = P if len(e) == 2 else "<%srest>" % RDF
    s = "<http://example.org/root>" if e[0] == "I" else "_:n%d" % names[e[0]]
    lines.append("%s %s _:n%d ." % (s, p, names[e[1]]))
for i, v in lits:
    lines.append("_:n%d <%sfirst> %s ." % (names[i], RDF, v))
if shape == "list":
    lines.append("_:n%d <%srest> <%snil> ." % (names[nodes - 1], RDF, RDF))
if change:
    k = len(lines) // 2
    lines[k] = (lines[k].replace(P, "<http://example.org/q>")
                .replace("rest>", "rest2>").replace('"x"', '"y"'))
if seed:
    rng.shuffle(lines)
print("\n".join(lines))
