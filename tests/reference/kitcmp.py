#!/usr/bin/env python3
"""Compare an ipseval results CSV with a kit's expected.csv in the long layout
(analysis,outcome,term,timepoint,method,field,value): every expected value must be found and agree
within the relative tolerance. With TAG, only the expected rows whose timepoint is TAG are compared, as
rows without a timepoint (one expected.csv then serves several runs). Prints one PASS/FAIL line per value and "NAME: N passed, N failed"."""
import csv
import math
import sys


def main():
    if len(sys.argv) not in (5, 6):
        sys.exit("usage: kitcmp.py NAME EXPECTED.csv RESULTS.csv TOL [TAG]")
    name, exp_path, res_path, tol = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    tag = sys.argv[5] if len(sys.argv) == 6 else None
    with open(res_path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    key = ("analysis", "outcome", "term", "timepoint", "method")
    index = {}
    for r in rows:
        index.setdefault(tuple(r[k] for k in key), r)
    passed = failed = 0
    with open(exp_path, newline="", encoding="utf-8") as f:
        for e in csv.DictReader(f):
            if tag is not None:
                if e["timepoint"] != tag:
                    continue
                e["timepoint"] = ""
            k = tuple(e[c] for c in key)
            what = "/".join(k) + ":" + e["field"]
            r = index.get(k)
            if r is None or r.get(e["field"], "") == "":
                print(f"FAIL: {what}: no such value in {res_path}")
                failed += 1
                continue
            want, got = float(e["value"]), float(r[e["field"]])
            if math.isnan(want) or math.isnan(got):
                ok = False
            elif want == 0:
                ok = abs(got) <= tol
            else:
                ok = abs(got - want) <= tol * abs(want)
            if ok:
                passed += 1
                print(f"PASS: {what}")
            else:
                failed += 1
                print(f"FAIL: {what}: got {got!r}, R {want!r}")
    if passed + failed == 0:
        print(f"FAIL: {exp_path} holds no expected value")
        failed = 1
    print(f"{name}: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
