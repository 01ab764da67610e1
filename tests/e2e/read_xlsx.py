#!/usr/bin/python3
"""Check an ipseval workbook against the results CSV written in the same run.

usage: /usr/bin/python3 tests/e2e/read_xlsx.py REPORT.xlsx RESULTS.csv

Checks: the sheets and their order (Summary first, Methods and Provenance last; with trial rows the
trial's sheets Baseline, Attrition, Outcomes and Subgroups right after the Summary, in that order, each
when its rows are there); the Results sheet holds every row of the CSV with the same strings
and the same numbers (1e-15 relative: both come from the same doubles); the Outcomes sheet
has one data row per (outcome, timepoint) of the rct arm_summary rows (time-to-event outcomes, which
have km_median rows, are on their own sheet), in order over its binary and continuous tables, with each
arm's n (or "<k" where the CSV n is below k); the Methods sheet has a row per (module, analysis, method).
Prints one PASS/FAIL line per check, then "xlsx: N passed, N failed"; exits 1 on any failure.
Needs openpyxl: run with /usr/bin/python3 (Debian's python3-openpyxl).
"""
import csv
import re
import math
import sys

try:
    import openpyxl
except ImportError:  # pragma: no cover - environment problem, not a check failure
    print("FAIL: openpyxl is not importable; run with /usr/bin/python3 (python3-openpyxl)")
    print("xlsx: 0 passed, 1 failed")
    sys.exit(1)

NUMERIC = ["estimate", "se", "ci_low", "ci_high", "statistic", "df", "p_value", "p_adjusted", "n"]
STRINGS = ["module", "analysis", "outcome", "timepoint", "term", "method", "label"]
REL_TOL = 1e-15

passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("PASS: " + what)
    else:
        failed += 1
        print("FAIL: " + what + (" (" + detail + ")" if detail else ""))
    return ok


def cell_str(v):
    """A cell as the CSV would spell it, for string comparisons."""
    if v is None:
        return ""
    return str(v)


def same_number(csv_text, cell):
    """CSV field vs cell: empty <-> blank, Inf/-Inf <-> that text, else equal to 1e-15 relative."""
    if csv_text == "":
        return cell is None or cell == ""
    if csv_text in ("Inf", "-Inf"):
        return cell == csv_text
    if isinstance(cell, bool) or not isinstance(cell, (int, float)):
        return False
    want = float(csv_text)
    if want == 0:
        return abs(cell) <= REL_TOL
    return abs(cell - want) <= REL_TOL * abs(want)


def same_timepoint(csv_text, cell):
    if csv_text == "":
        return cell is None or cell == ""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        try:
            return float(csv_text) == float(cell)
        except ValueError:
            return False
    return cell_str(cell) == csv_text


def n_matches(csv_n, cell):
    """The arm's n: the number, or "<k" standing for a count below k."""
    if csv_n == "":
        return cell is None or cell == ""
    want = float(csv_n)
    if isinstance(cell, str) and cell.startswith("<"):
        try:
            return want < float(cell[1:])
        except ValueError:
            return False
    return isinstance(cell, (int, float)) and not isinstance(cell, bool) and float(cell) == want


def check_sheets(book, rows):
    names = book.sheetnames
    has_trial = any(r["module"] == "rct" and r["analysis"] == "arm_summary" for r in rows)
    check(names[:1] == ["Summary"], "sheet order: Summary first", "sheets: %s" % names)
    check(names[-2:] == ["Methods", "Provenance"], "sheet order: Methods and Provenance last", "sheets: %s" % names)
    check("Results" in names, "sheet Results present", "sheets: %s" % names)
    check("Trial outcomes" not in names, "no Trial outcomes sheet (it became Outcomes)", "sheets: %s" % names)
    if has_trial:
        # the trial's sheets right after the Summary, in this order, each when the run has its rows
        want = ["Summary"] + [n for n, a in (("Baseline", "baseline_table"), ("Attrition", "attrition"),
                                             ("Outcomes", "arm_summary"), ("Subgroups", "interaction"))
                              if any(r["module"] == "rct" and r["analysis"] == a for r in rows)]
        check(names[:len(want)] == want, "sheet order: %s first" % ", ".join(want), "sheets: %s" % names)
    else:
        check("Outcomes" not in names, "no Outcomes sheet without trial rows", "sheets: %s" % names)


def check_results(book, header, rows):
    if "Results" not in book.sheetnames:
        check(False, "Results sheet readable", "missing")
        return
    ws = book["Results"]
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    got_header = [cell_str(v) for v in grid[0]] if grid else []
    check(got_header[:len(header)] == header, "Results: header equals the CSV header",
          "got %s" % got_header)
    data = grid[1:]
    check(len(data) == len(rows), "Results: one row per CSV row", "sheet %d, csv %d" % (len(data), len(rows)))
    col = {name: i for i, name in enumerate(header)}
    n_num = n_str = 0
    bad_num, bad_str = [], []
    for k, (row, cells) in enumerate(zip(rows, data)):
        cells = cells + [None] * (len(header) - len(cells))
        for name in NUMERIC:
            n_num += 1
            if not same_number(row[name], cells[col[name]]):
                bad_num.append("row %d %s: csv %r, sheet %r" % (k + 2, name, row[name], cells[col[name]]))
        for name in STRINGS:
            n_str += 1
            if cell_str(cells[col[name]]) != row[name]:
                bad_str.append("row %d %s: csv %r, sheet %r" % (k + 2, name, row[name], cells[col[name]]))
    check(not bad_num, "Results: all %d numeric fields equal the CSV (%g relative)" % (n_num, REL_TOL),
          "; ".join(bad_num[:5]) + (" ..." if len(bad_num) > 5 else ""))
    check(not bad_str, "Results: all %d text fields equal the CSV" % n_str,
          "; ".join(bad_str[:5]) + (" ..." if len(bad_str) > 5 else ""))
    check(ws.auto_filter is not None and bool(ws.auto_filter.ref), "Results: has an autofilter",
          "ref %r" % (ws.auto_filter.ref if ws.auto_filter else None))


def check_trial(book, rows):
    tte = {r["outcome"] for r in rows if r["module"] == "rct" and r["analysis"] == "km_median"}
    binary = {r["outcome"] for r in rows if r["module"] == "rct" and r["analysis"] == "arm_summary" and
              r["method"] == "wilson"}
    groups = []
    for r in rows:
        if r["module"] == "rct" and r["analysis"] == "arm_summary" and r["outcome"] not in tte:
            key = (r["outcome"], r["timepoint"])
            if key not in groups:
                groups.append(key)
    # the binary table comes first, then the continuous one
    groups = [g for g in groups if g[0] in binary] + [g for g in groups if g[0] not in binary]
    if not groups or "Outcomes" not in book.sheetnames:
        return
    grid = [list(r) for r in book["Outcomes"].iter_rows(values_only=True)]
    heads = [i for i, r in enumerate(grid) if r and r[0] == "Outcome"]
    if not check(bool(heads), "Outcomes: header row found"):
        return
    # one row per comparison of an intervention arm with the control: arms - 1 rows per (outcome, timepoint)
    arms = {}
    for r in rows:
        if r["module"] == "rct" and r["analysis"] == "arm_summary" and r["method"] in ("wilson", "t"):
            arms.setdefault((r["outcome"], r["timepoint"]), []).append(r["term"])
    groups = [g for g in groups for _ in range(max(1, len(arms.get(g, [])) - 1))]
    data, n_cols_of = [], []
    # the binary and the continuous outcomes each in stacked tables; the first of each kind has the arms' n
    arm_tables = 0
    for head in heads:
        hdr = [cell_str(v) for v in grid[head]]
        # the n columns are headed "<arm> n"; their arm is the text before " n" ("Intervention" with more than two
        # arms: the arm named before " vs " in the Comparison column)
        n_cols = [(i, h[:-2]) for i, h in enumerate(hdr) if h.endswith(" n")]
        comp = hdr.index("Comparison") if "Comparison" in hdr else None
        value_cols = [h for h in hdr[(3 if comp is not None else 2):] if h]
        check(len(value_cols) <= 6, "Outcomes: at most six value columns in a table (it prints one page wide)",
              "header %s" % hdr)
        if not n_cols:
            continue
        arm_tables += 1
        check(len(n_cols) == 2, "Outcomes: two arm n columns in each table of the arms", "header %s" % hdr)
        for r in grid[head + 1:]:
            if r[0] is None or r[0] == "":
                break
            data.append(r)
            if comp is not None:
                arm = cell_str(r[comp]).split(" vs ")[0]
                n_cols_of.append([(i, arm if a == "Intervention" else a) for i, a in n_cols])
            else:
                n_cols_of.append(n_cols)
    kinds = len({g[0] in binary for g in groups})
    check(arm_tables == kinds, "Outcomes: one table of the arms per kind of outcome (binary, continuous)",
          "%d tables, %d kinds" % (arm_tables, kinds))
    check(len(data) == len(groups), "Outcomes: one row per (outcome, timepoint, comparison) of arm_summary",
          "sheet %d, csv %d" % (len(data), len(groups)))
    bad = []
    for (outcome, tp), r, n_cols in zip(groups, data, n_cols_of):
        if not same_timepoint(tp, r[1]):
            bad.append("%s/%s: timepoint cell %r" % (outcome, tp, r[1]))
        for i, arm in n_cols:
            match = [x for x in rows if x["module"] == "rct" and x["analysis"] == "arm_summary" and
                     x["outcome"] == outcome and x["timepoint"] == tp and x["term"] == arm and
                     x["method"] in ("wilson", "t")]
            want = match[0]["n"] if match else ""
            if not n_matches(want, r[i] if i < len(r) else None):
                bad.append("%s/%s arm %s: csv n %r, sheet %r" % (outcome, tp, arm, want, r[i]))
    check(not bad, "Outcomes: timepoints and each arm's n match the CSV", "; ".join(bad[:5]))


def check_trial_sheets(book, rows):
    """Baseline: a column per arm headed with its randomised n; Attrition: each (outcome, timepoint) with each
    arm's analysed count; Subgroups: an interaction p per interaction row and the forest plot."""
    rand = [(r["term"], r["estimate"]) for r in rows if r["module"] == "rct" and r["analysis"] == "attrition" and
            r["method"] == "randomised"]
    if "Baseline" in book.sheetnames and rand:
        grid = [list(r) for r in book["Baseline"].iter_rows(values_only=True)]
        head = next((r for r in grid if r and r[0] == "Characteristic"), None)
        want = ["%s (n = %d)" % (arm, int(float(n))) for arm, n in rand]
        # two columns per arm (n and %, mean and SD, median and quartiles), headed once over both
        check(head is not None and [cell_str(v) for v in head[1:1 + 2 * len(want):2]] == want,
              "Baseline: two columns per arm headed with its randomised n", "header %s, want %s" % (head, want))
        text_counts = [v for r in grid for v in r[1:1 + 2 * len(want)]
                       if isinstance(v, str) and re.match(r"^\d+ \(", v)]
        check(not text_counts, "Baseline: counts and shares are numbers, not 'n (%)' text", "%s" % text_counts[:3])
    if "Attrition" in book.sheetnames:
        grid = [list(r) for r in book["Attrition"].iter_rows(values_only=True)]
        head = next((i for i, r in enumerate(grid) if r and r[0] == "Outcome"), None)
        analysed = [r for r in rows if r["module"] == "rct" and r["analysis"] == "attrition" and
                    r["method"] == "analysed"]
        bad, n = [], 0
        if head is not None:
            hdr = [cell_str(v) for v in grid[head]]
            data = []
            for r in grid[head + 1:]:
                if r[0] is None or r[0] == "":
                    break
                data.append(r)
            tps = []
            for r in analysed:
                if (r["outcome"], r["timepoint"]) not in tps:
                    tps.append((r["outcome"], r["timepoint"]))
            if len(data) != len(tps):
                bad.append("sheet %d rows, csv %d" % (len(data), len(tps)))
            for (o, tp), r in zip(tps, data):
                for x in analysed:
                    if x["outcome"] == o and x["timepoint"] == tp:
                        col = hdr.index("%s analysed, n" % x["term"]) if "%s analysed, n" % x["term"] in hdr else None
                        n += 1
                        withheld = x["estimate"] == "" and isinstance(r[col] if col is not None else None, str)
                        if col is None or not (withheld or n_matches(x["estimate"], r[col])):
                            bad.append("%s/%s %s: csv %s, sheet %r" % (o, tp, x["term"], x["estimate"],
                                                                       r[col] if col is not None else None))
        check(head is not None and not bad, "Attrition: %d analysed counts match the CSV" % n, "; ".join(bad[:5]))
    inter = [r for r in rows if r["module"] == "rct" and r["analysis"] == "interaction"]
    if inter and "Subgroups" in book.sheetnames:
        ws = book["Subgroups"]
        grid = [list(r) for r in ws.iter_rows(values_only=True)]
        hi = next((i for i, r in enumerate(grid) if r and r[0] == "Subgroup" and "Interaction p" in r), None)
        pcol = grid[hi].index("Interaction p") if hi is not None else None
        # a subgroup's row carries its interaction p; its groups' rows the effect (the column before) and no p
        blocks = []
        for r in (grid[hi + 1:] if hi is not None else []):
            if all(v is None or v == "" for v in r):
                break
            if r[0] and r[pcol] is not None and r[pcol - 1] is None:
                blocks.append(r)
        check(len(blocks) == len(inter), "Subgroups: one interaction test per interaction row",
              "sheet %d, csv %d" % (len(blocks), len(inter)))
        check(len(grid[hi]) > 0 and len([h for h in grid[hi] if h]) <= 8 if hi is not None else False,
              "Subgroups: the table is at most eight columns wide (it prints one page wide)")
        check(len(ws._charts) >= 1, "Subgroups: has the forest plot")
    power = [r for r in rows if r["module"] == "rct" and r["analysis"] == "power"]
    if power:
        ok = "Power" in book.sheetnames
        bad = []
        if ok:
            ws = book["Power"]
            grid = [list(r) for r in ws.iter_rows(values_only=True)]
            head = next((i for i, r in enumerate(grid) if r and r[0] == "Total sample size"), None)
            hdr = [cell_str(v) for v in grid[head]] if head is not None else []
            effects = []
            for r in power:
                if r["method"] not in effects:
                    effects.append(r["method"])
            for r in power:
                row = next((g for g in grid[head + 1:] if g[0] is not None and str(g[0]) == r["term"]
                            or (isinstance(g[0], (int, float)) and float(g[0]) == float(r["term"]))), None)
                col = 1 + 2 * effects.index(r["method"])
                if row is None or not same_number(r["estimate"], row[col]):
                    bad.append("n %s %s: csv %s, sheet %r" % (r["term"], r["method"], r["estimate"],
                                                            row[col] if row else None))
            ok = head is not None and not bad and len(ws._charts) >= 1
        check(ok, "Power: each of the %d simulated powers in its cell, and the curves" % len(power), "; ".join(bad[:5]))


def check_methods(book, rows):
    if "Methods" not in book.sheetnames:
        return
    grid = [list(r) for r in book["Methods"].iter_rows(values_only=True)]
    head = next((i for i, r in enumerate(grid) if r and r[0] == "Method" and len(r) > 4 and r[4]), None)
    if not check(head is not None, "Methods: header row found"):
        return
    # one row per method description; its last column lists the Results rows it gives:
    # "module: analysis / method; module: analysis" (no " / " when the method is empty)
    have = set()
    for r in grid[head + 1:]:
        if not r or len(r) < 5 or not r[4]:
            continue
        for part in str(r[4]).split("; "):
            mod, _, rest = part.partition(": ")
            an, _, me = rest.partition(" / ")
            have.add((mod, an, me))
    want = []
    for r in rows:
        key = (r["module"], r["analysis"], r["method"])
        if key not in want:
            want.append(key)
    missing = [k for k in want if k not in have]
    check(not missing, "Methods: a row for each of the %d (module, analysis, method) used" % len(want),
          "missing %s" % missing[:5])


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    xlsx, results = argv[1], argv[2]
    with open(results, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [dict(zip(header, r + [""] * (len(header) - len(r)))) for r in reader]
    book = openpyxl.load_workbook(xlsx, data_only=True)
    check_sheets(book, rows)
    check_results(book, header, rows)
    check_trial(book, rows)
    check_trial_sheets(book, rows)
    check_methods(book, rows)
    print("xlsx: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
