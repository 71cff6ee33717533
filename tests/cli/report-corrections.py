# Copyright the kgraph authors
# SPDX-License-Identifier: ISC
"""report-corrections.py REPORT.json: the three corrections of DeepSeek v1
stand in the changed section of the JSON report of v1 -> v2, each as an
edited value: the old value once, removed and paired, then the new value
once, added, with the same property."""

import json
import sys

CORRECTIONS = [
    ("ds:NvidiaLoss", "rdfs:label",
     '"US$600 billion"@en', '"nearly US$600 billion"@en'),
    ("ds:Claim_DeepSeekCyberattack_targetedOrganization_DeepSeek",
     "kg:certainty", "kg:Reported", "kg:Confirmed"),
    ("ds:USExportRestrictions", "rdfs:label",
     '"US chip export controls on China"@en',
     '"US export restrictions on high-end tech components to China"@en'),
]


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        report = json.load(f)
    changed = {e["name"]["text"]: e for e in report["changed"]}
    failed = False
    for name, prop, old, new in CORRECTIONS:
        entity = changed.get(name)
        if entity is None:
            print(f"{name} is not in the changed section")
            failed = True
            continue
        st = entity["statements"]
        values = [s["object"]["text"] for s in st if s["object"]]
        pairs = [
            (a, b) for a, b in zip(st, st[1:])
            if a["change"] == "removed" and a["paired"] and b["change"] == "added"
            and a["predicate"]["text"] == prop == b["predicate"]["text"]
            and a["object"]["text"] == old and b["object"]["text"] == new
        ]
        if len(pairs) != 1 or values.count(old) != 1 or values.count(new) != 1:
            print(f"{name}: not one edit {prop} {old} -> {new}: {st}")
            failed = True
    sys.exit(1 if failed else 0)


main()
