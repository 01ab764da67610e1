#!/usr/bin/python3
"""Read the Fidelity and Meta-analysis sheets of an ipseval workbook back and check them against the
results CSV of the same run (run by tests/fidelity/run.sh). Needs openpyxl (/usr/bin/python3).

  check_sheets.py fidelity BOOK.xlsx RESULTS.csv MIN MAX [BANDS]
      BANDS = "115:Exemplary fidelity,100:Good fidelity,74:Fair fidelity,0:Not IPS" (lower bounds, highest
      first; empty for a scale without bands). Checks, for a reviewer's reading of the sheet:
       - totals by review round: every site x round total, the change since the first review and the mean
         equal the total_score / total_change rows (rounded to one decimal as shown), and the band at the
         latest review is the one the BANDS give for that total (computed here, independently of ipseval);
       - the trend chart: a line chart with one series per site whose values are that site's totals row;
       - the heat map: every site x review x item cell equals the item_score row; one 3-colour scale
         conditional format with numeric stops MIN, (MIN + MAX) / 2, MAX covering exactly the item cells;
       - next steps: for each site, at most five items, each with the site's latest score, at or below the
         midpoint, lowest first, and no item left off that scored lower than one listed;
       - agreement: one sheet row per icc, kappa and fleiss_kappa row and the Cronbach's alpha row;
         alpha if the item is left out beside each item;
       - the fidelity-outcome link (when the run has one): each site's mean total and effect, and a
         scatter chart of them.
  check_sheets.py meta BOOK.xlsx RESULTS.csv
      the Meta-analysis sheet: a row per pooled method; the forest plot's table (each study's estimate,
      interval and weight equal its study_effect / study_weight rows; excluded studies said), the pooled row
      and the prediction interval of the primary method (that of leave_one_out), a scatter chart with one
      series per study plus the pooled effect, the prediction interval, the no-effect line and the points;
      the Trial vs real world sheet has its two charts.
Prints one line per failure and "fidelity-sheet: N passed, N failed" (or meta-sheet).
"""
import csv
import math
import re
import sys

try:
    import openpyxl
except ImportError:  # pragma: no cover - environment problem, not a check failure
    print("FAIL: openpyxl is not importable; run with /usr/bin/python3 (python3-openpyxl)")
    print("sheets: 0 passed, 1 failed")
    sys.exit(1)

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what)


def num(x):
    return float(x) if x not in ("", None) else float("nan")


def r1(x):
    """One decimal, as the sheet shows totals (put_score: round(x * 10) / 10, halves away from zero)."""
    return math.copysign(math.floor(abs(x) * 10 + 0.5), x) / 10


def close(a, b, rel=1e-12):
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
        return False
    return abs(a - b) <= rel * max(abs(a), abs(b)) or abs(a - b) <= 1e-12


def cell_ref(col, row):
    return "$%s$%d" % (openpyxl.utils.get_column_letter(col), row)


def series_cache(s, which):
    """The cached numbers of a series' x/categories (which = 0) or y/values (which = 1)."""
    for a in (("xVal", "cat"), ("yVal", "val"))[which]:
        d = getattr(s, a, None)
        if d is not None and d.numRef is not None and d.numRef.numCache is not None:
            return [p.v for p in sorted(d.numRef.numCache.pt, key=lambda p: p.idx)]
    return None


DATA_SHEET = "'Chart data'!"  # every chart reads the hidden chart-data sheet (reports/rpt_chartdata.c)


def series_ref(s):
    """(x or categories, y or values) formulas of a chart series."""
    x = y = None
    if getattr(s, "xVal", None) is not None and s.xVal.numRef is not None:
        x = s.xVal.numRef.f
    if getattr(s, "cat", None) is not None and s.cat.numRef is not None:
        x = s.cat.numRef.f
    if getattr(s, "yVal", None) is not None and s.yVal.numRef is not None:
        y = s.yVal.numRef.f
    if getattr(s, "val", None) is not None and s.val.numRef is not None:
        y = s.val.numRef.f
    return x, y


def rows_of(ws):
    out = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None:
                out[(c.row, c.column)] = c.value
    return out


def is_num(t):
    try:
        float(t)
        return True
    except ValueError:
        return False


def rtext(v):
    """A review round as the results write it: 2014 for the number 2014 (or 2014.0)."""
    if isinstance(v, float) and v == int(v):
        v = int(v)
    return "" if v is None else str(v)


def find_row(cells, text, col=1, start=1):
    rows = sorted(r for (r, c), v in cells.items() if c == col and v == text and r >= start)
    return rows[0] if rows else None


def fidelity(book, results, lo, hi, bands_text):
    rows = list(csv.DictReader(open(results, newline="", encoding="utf-8")))
    fid = [r for r in rows if r["module"] == "fidelity"]
    bands = []
    for part in filter(None, (bands_text or "").split(",")):
        b, _, label = part.partition(":")
        bands.append((float(b), label.strip()))
    wb = openpyxl.load_workbook(book)
    check("Fidelity" in wb.sheetnames, "the workbook has a Fidelity sheet (%s)" % wb.sheetnames)
    if "Fidelity" not in wb.sheetnames:
        return
    ws = wb["Fidelity"]
    cells = rows_of(ws)
    totals = [r for r in fid if r["analysis"] == "total_score" and r["timepoint"] != "all"]
    scale = totals[0]["outcome"]
    sites, rounds = [], []
    for r in totals:
        if r["term"] not in sites:
            sites.append(r["term"])
        if r["timepoint"] not in rounds:
            rounds.append(r["timepoint"])
    total = {(r["term"], r["timepoint"]): num(r["estimate"]) for r in totals}

    # totals by review round
    head = find_row(cells, "Site")
    check(head is not None, "a totals table headed 'Site'")
    if head is None:
        return
    # the header row, left to right: the rounds (numbers when they are), Change, Mean, the band
    hcols = sorted((c, v) for (r, c), v in cells.items() if r == head and c > 1)
    names = [v for c, v in hcols]
    ccol = next((c for c, v in hcols if v == "Change"), None)
    mcol = next((c for c, v in hcols if v == "Mean"), None)
    bcol = next((c for c, v in hcols if v == "Band at the latest review"), None)
    rcols = [c for c, v in hcols if ccol is not None and c < ccol and v not in (None, "")]
    got_rounds = [rtext(cells.get((head, c))) for c in rcols]
    check(got_rounds == rounds, "totals columns are the review rounds in order (%s, want %s)" % (got_rounds, rounds))
    check(all(not isinstance(cells.get((head, c)), str) for c, rd in zip(rcols, rounds) if is_num(rd)),
          "numeric review rounds are numbers in the totals header")
    check(ccol is not None and mcol is not None and ccol < mcol, "Change and Mean columns (%s)" % names)
    check((bcol is not None) == bool(bands), "a band column exactly when the scale has bands")
    if bcol is not None:
        check(bcol > mcol + 1 and cells.get((head + 1, mcol + 1)) is None and cells.get((head + 1, bcol - 1)) is None,
              "the band text starts clear of the mean (an empty cell between)")
    if ccol is None or mcol is None or len(rcols) != len(rounds):
        return
    for i, s in enumerate(sites):
        rr = head + 1 + i
        check(cells.get((rr, 1)) == s, "totals row %d is site %s (got %s)" % (rr, s, cells.get((rr, 1))))
        latest = None
        for k, rd in enumerate(rounds):
            if (s, rd) in total:
                latest = rd
                check(close(cells.get((rr, rcols[k])), r1(total[(s, rd)])),
                      "total %s %s: sheet %s, results %s" % (s, rd, cells.get((rr, rcols[k])), total[(s, rd)]))
        chg = [r for r in fid if r["analysis"] == "total_change" and r["term"] == s and r["timepoint"] == latest]
        if chg:
            check(close(cells.get((rr, ccol)), r1(num(chg[0]["estimate"]))), "change since the first review, %s" % s)
        mean = [r for r in fid if r["analysis"] == "total_score" and r["term"] == s and r["timepoint"] == "all"]
        check(bool(mean) and close(cells.get((rr, mcol)), r1(num(mean[0]["estimate"]))), "mean total, %s" % s)
        if bands:
            t = total[(s, latest)]
            want = next(label for b, label in bands if t >= b)
            check(cells.get((rr, bcol)) == want,
                  "band of %s's latest total %g: sheet '%s', the bands give '%s'" % (s, t, cells.get((rr, bcol)), want))
            lab = [r for r in totals if r["term"] == s and r["timepoint"] == latest][0]["label"]
            check(lab.startswith(want), "results label of %s's latest total says %s (%s)" % (s, want, lab))
    mean_fmt = [ws.cell(row=head + 1 + i, column=mcol).number_format for i in range(len(sites))]
    check(all(f.split(";")[0] in ("0.0", "#,##0.0") for f in mean_fmt), "the mean totals all show one decimal (%s)" %
          set(mean_fmt))

    # the trend chart: one line per site over that site's totals row
    lines = [ch for ch in ws._charts if type(ch).__name__ == "LineChart"]
    if len(rounds) >= 2:
        check(len(lines) == 1, "one trend chart (line chart) on the sheet (%d)" % len(lines))
        if lines:
            site_series = lines[0].series[:len(sites)]
            refs = [series_ref(s)[1] for s in site_series]
            got = [series_cache(s, 1) for s in site_series]
            want = [[cells.get((head + 1 + i, c)) for c in rcols] for i in range(len(sites))]
            check(all(r and r.startswith(DATA_SHEET) for r in refs) and
                  all(g is not None and len(g) == len(w_) and all(close(a, b) for a, b in zip(g, w_) if b is not None)
                      for g, w_ in zip(got, want)),
                  "trend chart: a series per site with its totals row, read from the chart-data sheet (%s)" % refs)
            ys = lines[0].y_axis.scaling
            vals = [t for t in total.values() if not math.isnan(t)]
            check(ys.min is not None and ys.max is not None and vals and ys.min <= min(vals) and max(vals) <= ys.max,
                  "trend chart: its total axis (%s to %s) holds every total (%s to %s)" %
                  (ys.min, ys.max, min(vals) if vals else None, max(vals) if vals else None))

    # the heat map
    items = []
    for r in fid:
        if r["analysis"] == "item_score" and r["outcome"] not in items:
            items.append(r["outcome"])
    hm = find_row(cells, "Site", 1, head + 1)
    check(hm is not None and cells.get((hm, 2)) == "Review", "a heat map headed Site, Review")
    if hm is None:
        return
    got_items = [cells.get((hm, 3 + j)) for j in range(len(items))]
    check(got_items == items, "heat map columns are the scale's items (%s)" % got_items[:5])
    score = {(r["term"], r["timepoint"], r["outcome"]): num(r["estimate"]) for r in fid if r["analysis"] == "item_score"}
    n_cells = bad = 0
    hr = hm + 1
    for s in sites:
        for rd in rounds:
            if (s, rd) not in total:
                continue
            ok_row = cells.get((hr, 1)) == s and str(cells.get((hr, 2))) == rd
            check(ok_row, "heat map row %d is %s %s (got %s %s)" % (hr, s, rd, cells.get((hr, 1)), cells.get((hr, 2))))
            for j, it in enumerate(items):
                want = score.get((s, rd, it), float("nan"))
                got = cells.get((hr, 3 + j))
                n_cells += 1
                if not ((math.isnan(want) and got in (None, "")) or close(got, r1(want))):
                    bad += 1
                    if bad <= 3:
                        print("  heat map %s %s %s: sheet %s, results %s" % (s, rd, it, got, want))
            check(close(cells.get((hr, 3 + len(items))), r1(total[(s, rd)])), "heat map total column, %s %s" % (s, rd))
            hr += 1
    check(bad == 0, "every heat map cell equals its item_score row (%d cells, %d differ)" % (n_cells, bad))
    want_range = "%s%d:%s%d" % (openpyxl.utils.get_column_letter(3), hm + 1,
                                openpyxl.utils.get_column_letter(2 + len(items)), hr - 1)
    scales = [(str(cf.sqref), rule) for cf in ws.conditional_formatting for rule in cf.rules if rule.type == "colorScale"]
    check(len(scales) == 1, "one colour-scale conditional format (%d)" % len(scales))
    if scales:
        sq, rule = scales[0]
        check(sq == want_range, "the colour scale covers exactly the item cells (%s, want %s)" % (sq, want_range))
        stops = [(c.type, float(c.val)) for c in rule.colorScale.cfvo]
        want = [("num", lo), ("num", (lo + hi) / 2), ("num", hi)]
        check(stops == want, "colour stops at the scale's %g, midpoint and %g (%s)" % (lo, hi, stops))
        colors = [c.rgb[-6:].upper() for c in rule.colorScale.color]
        check(len(colors) == 3 and colors[0] != colors[2], "red-to-green colours (%s)" % colors)

    # item legend: alpha if the item is left out
    alpha = [r for r in fid if r["analysis"] == "cronbach_alpha" and r["method"] == "if_item_deleted"]
    if alpha:
        col = [(r, c) for (r, c), v in cells.items() if r > hr and isinstance(v, str) and v.startswith("Alpha if")]
        leg = col[0][0] if col else None
        col = [c for r, c in col]
        check(len(col) == 1, "an 'Alpha if the item is left out' column")
        if col:
            for a in alpha:
                rr = find_row(cells, a["term"], 1, leg)
                check(rr is not None and cells.get((rr, col[0])) == "%.3f" % num(a["estimate"]),
                      "alpha without %s: sheet %s, results %s" % (a["term"], cells.get((rr, col[0])), a["estimate"]))

    # next steps: the lowest items at each site's latest review
    mid = (lo + hi) / 2
    ns = find_row(cells, "Next steps: the lowest items at each site's latest review")
    check(ns is not None or not [r for r in fid if r["analysis"] == "items_to_improve"], "a next-steps section")
    n_sites_listed = 0
    for s in sites if ns else []:
        latest = [rd for rd in rounds if (s, rd) in total][-1]
        lows = sorted(score[(s, latest, it)] for it in items if score.get((s, latest, it), 99) <= mid)
        hdr = [r for (r, c), v in cells.items() if c == 1 and r > ns and isinstance(v, str) and v.startswith(s + " (")]
        if not lows:
            check(not hdr, "no next steps for %s (nothing at or below %g)" % (s, mid))
            continue
        check(len(hdr) == 1, "a next-steps block for %s" % s)
        if not hdr:
            continue
        n_sites_listed += 1
        rr = hdr[0] + 2
        sc = next((c for (r, c), v in cells.items() if r == hdr[0] + 1 and v == "Score"), None)
        wc = next((c for (r, c), v in cells.items() if r == hdr[0] + 1 and v == "Why and what the next level asks"), None)
        check(sc is not None and wc is not None, "%s: the next steps have Score and Why columns" % s)
        listed = []
        while sc and isinstance(cells.get((rr, 1)), str) and cells.get((rr, 1)) in items:
            it = cells[(rr, 1)]
            listed.append(cells.get((rr, sc)))
            check(close(cells.get((rr, sc)), r1(score[(s, latest, it)])),
                  "next step %s %s: the latest score (%s)" % (s, it, cells.get((rr, sc))))
            why = str(cells.get((rr, wc), ""))
            check(why.startswith("Scored ") and ("means: " in why or "is not in " in why or "is not built in" in why)
                  and "supply it" not in why, "next step %s %s: why and the next level's text (%s)" % (s, it, why))
            rr += 1
        check(0 < len(listed) <= 5, "%s: 1 to 5 items listed (%d)" % (s, len(listed)))
        check(listed == sorted(listed) and all(x <= mid for x in listed), "%s: lowest first, all <= %g" % (s, mid))
        check(listed == [r1(x) for x in lows[:len(listed)]], "%s: the lowest items, none left off (%s vs %s)" %
              (s, listed, lows[:5]))
    if ns:
        check(n_sites_listed > 0, "next steps list at least one site")

    # agreement
    for an, prefix in (("icc", "ICC("), ("kappa", "Cohen's kappa"), ("fleiss_kappa", ("Fleiss' kappa", "Conger's kappa")),
                       ("cronbach_alpha", "Cronbach's alpha")):
        want = len([r for r in fid if r["analysis"] == an and (an != "cronbach_alpha" or r["method"] == "raw")])
        got = len([1 for (r, c), v in cells.items() if c == 1 and isinstance(v, str) and v.startswith(prefix)])
        check(got == want, "agreement table: %d %s rows on the sheet, %d in the results" % (got, an, want))

    # the fidelity-outcome link
    link = [r for r in fid if r["analysis"] == "fidelity_outcome" and r["method"] == "site_data"]
    if link:
        lk = find_row(cells, "Site", 1, hr + 1)
        check(lk is not None and cells.get((lk, 2)) == "Mean fidelity total", "a link table")
        if lk is None:
            return
        ec = next((c for (r, c), v in cells.items() if r == lk and v in ("Effect (points)", "Rate (%)")), None)
        check(ec is not None, "the link table has an effect (or rate) column")
        for i, r in enumerate(link):
            rr = lk + 1 + i
            check(cells.get((rr, 1)) == r["term"] and close(cells.get((rr, 2)), r1(num(r["statistic"]))) and
                  close(cells.get((rr, ec)), r1(100 * num(r["estimate"]))),
                  "link row %s: mean total %s, effect %s" % (r["term"], cells.get((rr, 2)), cells.get((rr, ec))))
        sc = [ch for ch in ws._charts if type(ch).__name__ == "ScatterChart"]
        check(len(sc) == 1 and len(sc[0].series) == 1, "a scatter chart of the link")
        if sc:
            x, y = series_ref(sc[0].series[0])
            gx, gy = series_cache(sc[0].series[0], 0), series_cache(sc[0].series[0], 1)
            wx = [cells.get((lk + 1 + i, 2)) for i in range(len(link))]
            wy = [cells.get((lk + 1 + i, ec)) for i in range(len(link))]
            check(x and y and x.startswith(DATA_SHEET) and y.startswith(DATA_SHEET) and gx and gy and
                  len(gx) == len(wx) and all(close(a, b) for a, b in zip(gx, wx)) and
                  all(close(a, b) for a, b in zip(gy, wy)),
                  "link chart: the table's numbers, read from the chart-data sheet (%s, %s)" % (x, y))


def meta(book, results):
    rows = [r for r in csv.DictReader(open(results, newline="", encoding="utf-8")) if r["module"] == "meta"]
    wb = openpyxl.load_workbook(book)
    for name in ("Meta-analysis", "Trial vs real world"):
        check(name in wb.sheetnames, "the workbook has a %s sheet" % name)
    if "Meta-analysis" not in wb.sheetnames:
        return
    ws = wb["Meta-analysis"]
    cells = rows_of(ws)
    pooled = [r for r in rows if r["analysis"] == "pooled"]
    ph = find_row(cells, "Method")
    n = k = 0  # a method's row has its number of studies; a line under it may carry its note
    while ph and cells.get((ph + 1 + k, 1)):
        n += cells.get((ph + 1 + k, 2)) not in (None, "")
        k += 1
    check(n == len(pooled), "a pooled-table row per method (%d on the sheet, %d pooled rows)" % (n, len(pooled)))
    primary = [r for r in rows if r["analysis"] == "leave_one_out"][0]["method"]
    fh = find_row(cells, "Study")
    check(fh is not None and cells.get((fh, 5)) is not None, "a forest-plot table headed Study")
    if fh is None:
        return
    studies = [r for r in rows if r["analysis"] == "study_effect"]
    weights = {r["term"]: num(r["estimate"]) for r in rows if r["analysis"] == "study_weight"}
    included = 0
    for i, s in enumerate(studies):
        rr = fh + 1 + i
        check(cells.get((rr, 1)) == s["term"], "forest row %d is %s" % (rr, s["term"]))
        if s["estimate"] == "":
            check(cells.get((rr, 3)) == "excluded" and s["label"] in str(cells.get((rr, 2))),
                  "%s: excluded, and the reason said" % s["term"])
            continue
        included += 1
        for col, key in ((5, "estimate"), (6, "ci_low"), (7, "ci_high")):
            check(close(cells.get((rr, col)), num(s[key])), "forest %s %s: %s vs %s" % (s["term"], key,
                                                                                     cells.get((rr, col)), s[key]))
        check(close(cells.get((rr, 4)), weights.get(s["term"], float("nan"))), "forest %s weight" % s["term"])
    pr = fh + 1 + len(studies)
    p = [r for r in pooled if r["method"] == primary][0]
    check(str(cells.get((pr, 1))).startswith("Pooled"), "the pooled row follows the studies")
    for col, key in ((5, "estimate"), (6, "ci_low"), (7, "ci_high")):
        check(close(cells.get((pr, col)), num(p[key])), "pooled (%s) %s" % (primary, key))
    pi = [r for r in rows if r["analysis"] == "prediction_interval" and r["method"] == primary][0]
    check(cells.get((pr + 1, 1)) == "Prediction interval" and close(cells.get((pr + 1, 6)), num(pi["ci_low"])) and
          close(cells.get((pr + 1, 7)), num(pi["ci_high"])), "the prediction interval of %s" % primary)
    sc = [ch for ch in ws._charts if type(ch).__name__ == "ScatterChart"]
    check(len(sc) == 1, "one forest plot (scatter chart)")
    if sc:
        # the studies' intervals (one series of segments: low, high, gap per study), the pooled diamond (a closed
        # five-point line from the pooled low to high limit), read from the chart-data sheet
        ser = sc[0].series
        segs = series_cache(ser[0], 0) or []
        dia = [s_ for s_ in ser if len(series_cache(s_, 0) or []) == 5 and series_cache(s_, 0)[0] == series_cache(s_, 0)[4]
               and series_cache(s_, 1)[0] == series_cache(s_, 1)[4]]
        dx = series_cache(dia[0], 0) if dia else []
        check(all((series_ref(s_)[0] or "").startswith(DATA_SHEET) for s_ in ser) and len(segs) >= 2 * included - 1
              and len(dia) == 1 and dx[0] == dx[4] and close(math.exp(dx[0]) if p else 0, num(p["ci_low"])) and
              close(math.exp(dx[2]), num(p["ci_high"])),
              "forest plot: the studies' intervals and the pooled diamond from %s to %s, read from the chart-data "
              "sheet (%d series)" % (p["ci_low"], p["ci_high"], len(ser)))
    if "Trial vs real world" in wb.sheetnames:
        check(len(wb["Trial vs real world"]._charts) == 2, "Trial vs real world: its two charts")


def main(argv):
    if len(argv) >= 6 and argv[1] == "fidelity":
        fidelity(argv[2], argv[3], float(argv[4]), float(argv[5]), argv[6] if len(argv) > 6 else "")
        name = "fidelity-sheet"
    elif len(argv) == 4 and argv[1] == "meta":
        meta(argv[2], argv[3])
        name = "meta-sheet"
    else:
        print(__doc__)
        return 2
    print("%s: %d passed, %d failed" % (name, passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
