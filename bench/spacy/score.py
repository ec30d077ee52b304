#!/usr/bin/env python3
"""Tiny exact-match NER scorer (validation aid; the Rust project has its own scorer).

    python score.py GOLD.annotated.jsonl PRED.jsonl [--ids-prefix fr-] [--errors]

Gold spans come from the inline `[[LABEL|surface]]` markup of {"id", "annotated"}
records. A predicted entity counts as correct only if (start, end, label) equal a
gold span exactly. Reports P/R/F1 per label PER, LOC, ORG, DATE and micro over
PER/LOC/ORG (DATE is left out of the micro score because spaCy's French models
have no DATE label). Predicted labels outside PER/LOC/ORG/DATE are ignored.
Needs only the Python standard library.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from markup import parse_annotated  # noqa: E402

LABELS = ("PER", "LOC", "ORG", "DATE")
MICRO = ("PER", "LOC", "ORG")


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--ids-prefix", default="", help="score only records whose id starts with this")
    ap.add_argument("--errors", action="store_true", help="list false positives / negatives")
    args = ap.parse_args()

    gold = {}
    with open(args.gold, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                if str(r["id"]).startswith(args.ids_prefix):
                    gold[r["id"]] = parse_annotated(r["annotated"], r["id"])
    pred = {}
    with open(args.pred, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                if r["id"] in gold:
                    pred[r["id"]] = r["entities"]

    problems = 0
    for rid in gold:
        if rid not in pred:
            print(f"score: warning: no prediction for {rid!r} (counted as empty)", file=sys.stderr)
            problems += 1
    counts = {lab: [0, 0, 0] for lab in LABELS}  # tp, fp, fn
    for rid, (plain, gspans) in gold.items():
        g = {(s, e, lab) for s, e, lab in gspans if lab in LABELS}
        p = set()
        for ent in pred.get(rid, []):
            s, e, lab = ent["start"], ent["end"], ent["label"]
            if not (0 <= s < e <= len(plain)) or ("text" in ent and plain[s:e] != ent["text"]):
                print(f"score: bad offsets in {rid!r}: {ent}", file=sys.stderr)
                problems += 1
            if lab in LABELS:
                p.add((s, e, lab))
        for lab in LABELS:
            gl = {x for x in g if x[2] == lab}
            pl = {x for x in p if x[2] == lab}
            counts[lab][0] += len(gl & pl)
            counts[lab][1] += len(pl - gl)
            counts[lab][2] += len(gl - pl)
        if args.errors:
            for s, e, lab in sorted(p - g):
                print(f"FP {rid[:40]} {lab:4} {s}-{e} {plain[s:e]!r}")
            for s, e, lab in sorted(g - p):
                print(f"FN {rid[:40]} {lab:4} {s}-{e} {plain[s:e]!r}")

    print(f"docs: {len(gold)}  ({args.gold} vs {args.pred})")
    print(f"{'label':<17} {'gold':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for lab in LABELS:
        tp, fp, fn = counts[lab]
        p, r, f = prf(tp, fp, fn)
        print(f"{lab:<17} {tp + fn:>5} {tp + fp:>5} {tp:>5} {p:6.3f} {r:6.3f} {f:6.3f}")
    tp, fp, fn = (sum(counts[lab][i] for lab in MICRO) for i in range(3))
    p, r, f = prf(tp, fp, fn)
    print(f"{'micro PER/LOC/ORG':<17} {tp + fn:>5} {tp + fp:>5} {tp:>5} {p:6.3f} {r:6.3f} {f:6.3f}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
