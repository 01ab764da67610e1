#!/usr/bin/python3
"""Compare ipseval's tidy results with a reference kit's expected.csv (values computed by R).

usage: refcmp.py EXPECTED.csv RESULTS.csv --require a,b:c,... [--tol 1e-6] [--arm COL] [--name NAME]
                  [--r-uniroot a:m,...] [--outcomes o1,o2]

Every expected row whose analysis is in --require must be found in RESULTS and agree to --tol
relative (absolute where the expected value is 0). Rows of other analyses are counted as skipped
(analyses this version does not cover).

--r-uniroot names analyses whose R values come from uniroot() at its default tolerance
(.Machine$double.eps^0.25 on t = psi or 1/psi in (0, 1]), which guarantees only a relative error of
about 1.22e-4 * max(psi, 1/psi) in psi. Those rows are compared at that bound, and our precise roots
are asserted separately at 1e-9 in the unit tests (docs/methods.md, "Agreement with R for the
conditional MLE"). Prints one line per failure and a summary line
"reference-NAME: N passed, N failed".
"""
import csv
import math
import sys

# analyses whose SPEC §4 method name differs from the kit's (kit has no ':method' for them)
DEFAULT_METHOD = {
    "arm_summary": "wilson",
    "risk_ratio": "log_wald",
    "chisq_test": "pearson",
    "fisher_exact": "two_sided",
}
STAT_COLUMN = {"proportion": "estimate"}


def our_term(term, arm_column):
    if term == arm_column:
        return "arm"
    if term.startswith(arm_column + "="):
        return term[len(arm_column) + 1:]
    return term


def main(argv):
    args = argv[1:]
    exp_path, res_path = args[0], args[1]
    require, tol, arm_column, name, uniroot, outcomes = set(), 1e-6, "treat", "reference", set(), None
    i = 2
    while i < len(args):
        if args[i] == "--require":
            require = set(args[i + 1].split(","))
        elif args[i] == "--tol":
            tol = float(args[i + 1])
        elif args[i] == "--arm":
            arm_column = args[i + 1]
        elif args[i] == "--outcomes":
            outcomes = set(args[i + 1].split(","))
        elif args[i] == "--r-uniroot":
            uniroot = set(args[i + 1].split(","))
        elif args[i] == "--name":
            name = args[i + 1]
        i += 2
    with open(res_path, newline="", encoding="utf-8") as f:
        ours = list(csv.DictReader(f))
    index = {}
    for r in ours:
        index.setdefault((r["analysis"], r["method"], r["outcome"], r["timepoint"], r["term"]), r)
    passed = failed = skipped = 0
    seen = set()
    with open(exp_path, newline="", encoding="utf-8") as f:
        for e in csv.DictReader(f):
            full = e["analysis"]
            analysis, _, method = full.partition(":")
            if (full not in require and analysis not in require) or (outcomes and e["outcome"] not in outcomes):
                skipped += 1
                continue
            seen.add(full)
            method = method or DEFAULT_METHOD.get(analysis, "")
            key = (analysis, method, e["outcome"], "", our_term(e["term"], arm_column))
            r = index.get(key)
            where = "%s %s %s %s" % (full, e["outcome"], e["term"], e["statistic"])
            if r is None:
                print("FAIL: %s: no row %s in %s" % (where, key, res_path))
                failed += 1
                continue
            stat = e["statistic"]
            if stat == "events":
                got = float(r["label"].split("/")[0]) if "/" in r["label"] else float("nan")
            else:
                col = STAT_COLUMN.get(stat, stat)
                if col not in r:
                    print("FAIL: %s: results have no column %s" % (where, col))
                    failed += 1
                    continue
                got = float(r[col]) if r[col] not in ("", None) else float("nan")
            if e["value"] == "":
                ok = math.isnan(got) or got in (math.inf, -math.inf)
            else:
                want = float(e["value"])
                t = tol
                if full in uniroot and want > 0 and math.isfinite(want):
                    t = max(tol, 2.0 ** -13 * max(want, 1.0 / want))  # eps^0.25 = 2^-13
                ok = (abs(got - want) <= t) if want == 0 else (abs(got - want) <= t * abs(want))
            if ok:
                passed += 1
            else:
                print("FAIL: %s: got %.15g, expected %s (rel tol %g)" % (where, got, e["value"], tol))
                failed += 1
    for req in sorted(require - seen):
        print("FAIL: required analysis %s has no expected rows (typo in --require?)" % req)
        failed += 1
    print("# %s: %d expected values compared, %d of other analyses skipped" % (name, passed + failed, skipped))
    print("%s: %d passed, %d failed" % (name, passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
