#!/usr/bin/python3
"""Verification of an ipseval workbook against the results file of the same run (issue 9, SPEC §5).

  check_workbook.py numbers BOOK.xlsx RESULTS.csv
      (a) every number of every sheet is traced to results.csv:
          - Results: row i holds results.csv data row i-1, field by field (1e-15 relative; "<k" where withheld);
          - every formula that references the Results sheet (=Results!G12, the Summary's key figures) has a cached
            value equal to that row and field of results.csv (1e-12), and every internal link "Results row N" on
            the Summary points at the row its figures come from;
          - every other numeric cell equals a results.csv value of some row (as is, x100 for percentage points,
            or a timepoint / term / number of the configuration), apart from the documented chart-data and
            model-input ranges in EXEMPT below (each with the reason it is not a result row).
  check_workbook.py recalc BOOK.xlsx RECALC.xlsx
      (b) every formula cell of every sheet: the value LibreOffice recalculated equals ipseval's cached value
          (numbers 1e-9 relative, text exactly).
  check_workbook.py disclosure BOOK.xlsx RESULTS.csv K HIDDEN...
      the disclosure test: none of the HIDDEN numbers (a count, its complement, their shares) appears in any
      cell of the workbook or field of the results file, "<K" appears in both, and Provenance says so.
  check_workbook.py small-counts BOOK.xlsx RESULTS.csv K
      disclosure control of every count of people in a label (issue 9): no "x/n" with x < K or n - x < K, no
      "x events in n participants", "x at risk" or "n = a vs b" below K, in any label of the rct rows and the
      fidelity-outcome sites of the results file (did labels count clusters; its people are in the n column),
      nor in any text of the sheets that show them (not Meta-analysis: published study counts; Methods:
      references; Registry and CBA: clusters and flags; texts about rater "reviews").
Prints PASS/FAIL lines and "workbook-NAME: N passed, N failed". Needs /usr/bin/python3 (python3-openpyxl).
"""
import bisect
import math
import csv
import re
import sys

import openpyxl

NUMERIC = ["estimate", "se", "ci_low", "ci_high", "statistic", "df", "p_value", "p_adjusted", "n"]
COLUMNS = ["module", "analysis", "outcome", "timepoint", "term", "method"] + NUMERIC + ["label"]
KEY = "csv_row"  # the Results sheet's last column: the row's number in results.csv, the key figures look up
LETTER = {chr(ord("A") + i): name for i, name in enumerate(COLUMNS)}

# Ranges whose numbers are not result rows, with the reason (sheet -> list of (first col, last col, why)).
EXEMPT = {
    "Sensitivity": [("B", "H", "one-way sensitivity: each parameter's low and high input values from the config's "
                               "distributions")],
    "CBA": [("B", "Z", "model inputs and per-period intermediate values of the live model, per persistence rule "
                       "(checked by the recalculation test and tests/cba)")],
    "Registry": [("A", "A", "calendar years labelling the event-study rows")],
    "Chart data": [("A", "XFD", "the charts' source data on the hidden chart-data sheet: Kaplan-Meier steps, PSA draws "
                                "and bootstrap pairs of the CE planes, axis positions, reference lines and bands (the "
                                "tables they copy are checked where they are shown)")],
}
ROUNDED = {"Fidelity": 1}  # sheets that show a result rounded to this many decimals as a number

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


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def read_results(path):
    with open(path, newline="", encoding="utf-8") as f:
        rd = csv.reader(f)
        header = next(rd)
        return header, [dict(zip(header, r + [""] * (len(header) - len(r)))) for r in rd]


def close(a, b, rel):
    return abs(a - b) <= rel * max(abs(a), abs(b)) or abs(a - b) <= 1e-300


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def displayed(x, fmt):
    """x as a number format shows it: decimals, percent, thousands separators; a typographic minus."""
    fmt = fmt or "General"
    body = fmt.split(";")[0]
    pct = "%" in body
    m = re.search(r"\.(0+)", body)
    d = len(m.group(1)) if m else (0 if re.search(r"[0#]", body) else 2)
    v = 100 * x if pct else x
    t = ("{:,.%df}" if "," in body else "{:.%df}") % d
    t = t.format(abs(v))
    if v < 0 and re.search(r"[1-9]", t):
        t = "\u2212" + t
    return t


def numbers(path):
    header, rows = read_results(path)
    book = openpyxl.load_workbook(sys.argv[2])  # formulas
    cached = openpyxl.load_workbook(sys.argv[2], data_only=True)
    # the values a number may be traced to
    vals, extra = set(), set()
    for r in rows:
        for k in NUMERIC:
            try:
                vals.add(float(r[k]))
            except ValueError:
                pass
        for k in ("timepoint", "term"):
            try:
                extra.add(float(r[k]))
            except ValueError:
                pass
        # the counts a label gives ("21/87 vs 15/96", "n = 64 vs 77"), shown as numbers beside the estimate
        for m in re.findall(r"(\d+)/(\d+)", r.get("label") or ""):
            extra.update(float(x) for x in m)
        for m in re.findall(r"\bn = (\d+) vs (\d+)", r.get("label") or ""):
            extra.update(float(x) for x in m)
    if "Provenance" in cached.sheetnames:  # the configuration text, one line a row
        for row in cached["Provenance"].iter_rows(values_only=True):
            for v in row:
                if isinstance(v, str):
                    for m in re.findall(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])", v):
                        extra.add(float(m))
    sv = sorted(vals)

    def traced(x, sheet):
        for y in (x, x / 100.0):
            i = bisect.bisect_left(sv, y - abs(y) * 1e-12 - 1e-300)
            if i < len(sv) and abs(sv[i] - y) <= abs(y) * 1e-12 + 1e-300:
                return True
        if x in extra:
            return True
        d = ROUNDED.get(sheet)
        if d is not None:  # a rounded display of a result
            lo = bisect.bisect_left(sv, x - 0.5 * 10 ** -d)
            hi = bisect.bisect_right(sv, x + 0.5 * 10 ** -d)
            return any(round(v, d) == x for v in sv[lo:hi])
        return False

    # Results sheet, row by row
    if check("Results" in book.sheetnames, "Results sheet present"):
        grid = list(cached["Results"].iter_rows(values_only=True))
        check([str(v) if v is not None else "" for v in grid[0]][:len(header) + 1] == header + [KEY],
              "Results: header (the CSV's, then the key %s)" % KEY)
        check(len(grid) - 1 == len(rows), "Results: one row per results.csv row", "%d vs %d" % (len(grid) - 1, len(rows)))
        bad = []
        for i, (r, cells) in enumerate(zip(rows, grid[1:])):
            cells = list(cells) + [None] * (len(header) - len(cells))
            for j, name in enumerate(header):
                want, got = r[name], cells[j]
                if name in NUMERIC:
                    if want == "":
                        ok = got is None or got == ""
                    elif want.startswith("<") or want in ("Inf", "-Inf"):
                        ok = got == want
                    else:
                        ok = is_num(got) and close(float(want), float(got), 1e-15)
                elif name == "timepoint" and is_num(got):  # a number when the text reads back as one
                    ok = ("%.15g" % float(got)) == want
                else:
                    ok = (got if got is not None else "") == want
                if not ok:
                    bad.append("row %d %s: csv %r sheet %r" % (i + 2, name, want, got))
            if cells[len(header)] != i + 1:
                bad.append("row %d %s: %r, not %d" % (i + 2, KEY, cells[len(header)], i + 1))
        check(not bad, "Results: every field of every row equals results.csv", "; ".join(bad[:4]))

    # formulas that reference the Results sheet: the right row and field
    # (by key: =INDEX(Results!G:G,MATCH(k,Results!Q:Q,0)), never by row)
    # (=100*INDEX(...) for percentage points)
    ref = re.compile(r"^=(?:(\d+)\*)?INDEX\(Results!([G-O]):\2,MATCH\((\d+),Results!Q:Q,0\)\)$")
    n_ref, bad = 0, []
    for ws in book.worksheets:
        cws = cached[ws.title]
        for row in ws.iter_rows():
            for c in row:
                if not (isinstance(c.value, str) and c.value.startswith("=") and "Results!" in c.value) or \
                        c.value.startswith("=HYPERLINK("):
                    continue
                n_ref += 1
                m = ref.match(c.value)
                if not m:
                    bad.append("%s!%s: %s is not a look-up by key" % (ws.title, c.coordinate, c.value))
                    continue
                field, k = LETTER[m.group(2)], int(m.group(3)) - 1
                times = float(m.group(1) or 1)
                got = cws[c.coordinate].value
                if not 0 <= k < len(rows) or rows[k][field] == "" or not is_num(got) or \
                        not close(times * float(rows[k][field]), float(got), 1e-12):
                    bad.append("%s!%s %s: cached %r, results.csv row %d %s %r" %
                               (ws.title, c.coordinate, c.value, got, k + 2, field,
                                rows[k][field] if 0 <= k < len(rows) else "?"))
    check(n_ref > 0 or "Summary" not in book.sheetnames, "formulas referencing Results exist (%d)" % n_ref)
    check(not bad, "every reference to the Results sheet: cached value = results.csv at that row and field",
          "; ".join(bad[:4]))

    # the Summary's key figures: the link names the row the figures come from
    if "Summary" in book.sheetnames:
        bad, n_kf = [], 0
        for row in book["Summary"].iter_rows():
            refs = [ref.match(c.value) for c in row if isinstance(c.value, str) and c.value.startswith("=")]
            links = [c for c in row if isinstance(c.value, str) and c.value.startswith('=HYPERLINK("#Results!G"&MATCH(')]
            if not links:
                continue
            n_kf += 1
            target = int(re.search(r"MATCH\((\d+),", links[0].value).group(1))
            est = [m for m in refs if m and m.group(2) == "G"]
            if not est or int(est[0].group(3)) != target:
                bad.append("row %d: link to Results row %d, estimate from %s" %
                           (row[0].row, target, est[0].group(0) if est else "nowhere"))
            sentence = row[0].value if isinstance(row[0].value, str) else ""
            est_cell = cached["Summary"].cell(row=row[0].row, column=6)
            if is_num(est_cell.value):
                shown = displayed(float(est_cell.value), est_cell.number_format)
                if shown not in sentence:
                    bad.append("row %d: the sentence does not say %r (the estimate as displayed)" % (row[0].row, shown))
            elif not re.search(r"\d", sentence):
                bad.append("row %d: no sentence with numbers" % row[0].row)
        check(n_kf > 0, "Summary: key figures linked to their Results rows (%d)" % n_kf)
        check(not bad, "Summary: each key figure's link is the row of its estimate; its sentence says that estimate",
              "; ".join(bad[:4]))

    # every other number traced to results.csv
    for ws in cached.worksheets:
        ex = [(col_index(a), col_index(b)) for a, b, _ in EXEMPT.get(ws.title, [])]
        if ws.title == "Results" or (1, col_index("XFD")) in ex:  # a sheet exempt as a whole is not read
            continue
        total, bad = 0, []
        formula_ws = book[ws.title]
        for row in ws.iter_rows():
            for c in row:
                if not is_num(c.value):
                    continue
                f = formula_ws[c.coordinate].value
                if isinstance(f, str) and f.startswith("="):
                    continue  # formulas: checked above (Results references) and by the recalculation
                if any(a <= c.column <= b for a, b in ex):
                    continue
                total += 1
                if not traced(float(c.value), ws.title):
                    bad.append("%s=%r" % (c.coordinate, c.value))
        check(not bad, "%s: all %d numbers are results.csv values" % (ws.title, total),
              "%d untraced: %s" % (len(bad), ", ".join(bad[:6])))


def recalc(orig, new):
    book = openpyxl.load_workbook(orig)
    cached = openpyxl.load_workbook(orig, data_only=True)
    redone = openpyxl.load_workbook(new, data_only=True)
    total = 0
    for ws in book.worksheets:
        bad, n = [], 0
        for row in ws.iter_rows():
            for c in row:
                if not (isinstance(c.value, str) and c.value.startswith("=")):
                    continue
                n += 1
                a = cached[ws.title][c.coordinate].value
                b = redone[ws.title][c.coordinate].value if ws.title in redone.sheetnames else "(sheet lost)"
                if is_num(a) and is_num(b):
                    ok = close(float(a), float(b), 1e-9) or abs(float(a) - float(b)) <= 1e-12
                else:
                    ok = (a if a is not None else "") == (b if b is not None else "")
                if not ok:
                    bad.append("%s %s: cached %r, recalculated %r" % (c.coordinate, c.value[:40], a, b))
        total += n
        if n:
            check(not bad, "%s: %d formulas recalculate to their cached values" % (ws.title, n), "; ".join(bad[:4]))
    check(total > 0, "the workbook has formulas to recalculate (%d)" % total)


def disclosure(book_path, res_path, k, hidden):
    header, rows = read_results(res_path)
    cached = openpyxl.load_workbook(book_path, data_only=True)
    hid = [float(h) for h in hidden]
    lt = "<%s" % k

    def hits(v):  # an infinite value (e.g. a PSA bound "Inf": no finite break-even wage) is no count
        return math.isfinite(v) and any(close(v, h, 1e-9) for h in hid)

    bad = []
    for i, r in enumerate(rows):
        for name in NUMERIC:
            try:
                if hits(float(r[name])):
                    bad.append("results row %d %s=%s" % (i + 2, name, r[name]))
            except ValueError:
                pass
        for h in hidden:  # "3/15" or "12 of 15" in a label
            if re.search(r"(?<![\d.<>])%s(?:/| of )" % re.escape(h), r["label"]):
                bad.append("results row %d label %r" % (i + 2, r["label"]))
    check(not bad, "results file: no field shows a withheld count, its complement or their shares",
          "; ".join(bad[:5]))
    check(any(r["n"] == lt or r["label"].startswith(lt) for r in rows), "results file shows %s" % lt)
    bad, shown = [], False
    for ws in cached.worksheets:
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if ws.title == "Results" and c.column == len(COLUMNS) + 1:
                    continue  # the key column: row numbers of the results file, not counts of people
                if is_num(v) and ws.title != "Provenance" and (hits(float(v)) or hits(100 * float(v))):
                    bad.append("%s!%s=%r" % (ws.title, c.coordinate, v))
                if isinstance(v, str):
                    if lt in v:
                        shown = True
                    for h in hidden:
                        pct = "%.1f%%" % (100 * float(h)) if float(h) < 1 else None
                        if re.search(r"(?<![\d.<>])%s(?:/| of )" % re.escape(h), v) or \
                                (pct and re.search(r"(?<![\d.])%s" % re.escape(pct), v)):
                            bad.append("%s!%s=%r" % (ws.title, c.coordinate, v[:60]))
    check(not bad, "workbook: no cell shows a withheld count, its complement or their shares", "; ".join(bad[:5]))
    check(shown, "workbook shows %s" % lt)
    prov = [str(v) for row in cached["Provenance"].iter_rows(values_only=True) for v in row if v is not None]
    check(any(p.startswith("Disclosure control") for p in prov) and
          any(("small_cell = %s" % k) in p for p in prov), "Provenance has a disclosure-control line")


COUNT_PATTERNS = [
    (re.compile(r"(?<![\d.<>/])(\d+)/(\d+)(?![\d./])"), 2),
    (re.compile(r"(?<![\d.<>])(\d+) events in (\d+) participants"), 2),
    (re.compile(r"(?<![\d.<>])(\d+) at risk"), 1),
    (re.compile(r"n = (\d+) vs (\d+)"), 0),
]
NOT_PEOPLE_SHEETS = {"Meta-analysis", "Methods", "Provenance", "Registry", "CBA", "Sensitivity"}


def small_counts_in(text, k):
    """The counts of people below k (or whose complement is) that a text shows."""
    found = []
    for pat, kind in COUNT_PATTERNS:
        for m in pat.finditer(text):
            a = [int(g) for g in m.groups()]
            if (kind == 2 and (a[0] < k or a[1] - a[0] < k)) or (kind == 1 and a[0] < k) or \
                    (kind == 0 and min(a) < k):
                found.append(m.group(0))
    return found


def person_row(r):
    return r["module"] == "rct" or (r["module"] == "fidelity" and r["method"] == "site_data")


def small_counts(book_path, res_path, k):
    k = int(k)
    header, rows = read_results(res_path)
    bad = ["results row %d: %s in %r" % (i + 2, f, r["label"][:60])
           for i, r in enumerate(rows) if person_row(r) for f in small_counts_in(r["label"], k)]
    check(not bad, "results file: no label shows a count of people below %d" % k, "; ".join(bad[:5]))
    people = {i + 2 for i, r in enumerate(rows) if person_row(r)}  # Results sheet rows
    book = openpyxl.load_workbook(book_path, data_only=True)
    bad = []
    for ws in book.worksheets:
        if ws.title in NOT_PEOPLE_SHEETS:
            continue
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if not isinstance(v, str) or "reviews" in v or (ws.title == "Results" and c.row not in people):
                    continue
                bad += ["%s!%s: %s" % (ws.title, c.coordinate, f) for f in small_counts_in(v, k)]
    check(not bad, "workbook: no text shows a count of people below %d" % k, "; ".join(bad[:5]))


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    what = sys.argv[1]
    if what == "numbers":
        numbers(sys.argv[3])
    elif what == "recalc":
        recalc(sys.argv[2], sys.argv[3])
    elif what == "small-counts":
        small_counts(sys.argv[2], sys.argv[3], sys.argv[4])
    elif what == "disclosure":
        disclosure(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
    else:
        print(__doc__)
        return 2
    print("workbook-%s: %d passed, %d failed" % (what, passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
