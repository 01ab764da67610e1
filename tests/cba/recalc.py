#!/usr/bin/python3
"""Checks of the live CBA sheet (run by tests/cba/run.sh; needs python3-openpyxl).

  recalc.py compare ORIG.xlsx RECALC.xlsx RESULTS.csv
      every formula cell of the CBA sheet: ipseval's cached value == LibreOffice's recalculated value (1e-9
      relative); the named result cells' cached values == the engine's rows in RESULTS.csv (1e-12 relative).
  recalc.py setwage ORIG.xlsx NEW.xlsx WAGE
      write a copy with the named input cell `wage` changed (as a reader would in Excel), formulas kept.
  recalc.py setcells ORIG.xlsx NEW.xlsx NAME=VALUE ...
      write a copy with the named input cells changed (as a reader would in Excel), formulas kept.
  recalc.py allrules RECALC.xlsx RESULTS.csv
      after a recalculation: every rule's break-even wages (trial window, each horizon, societal) and NPVs by
      perspective equal those of the ipseval run in RESULTS.csv (1e-9 relative).
  recalc.py moved OLD_RECALC.xlsx NEW_RECALC.xlsx NEW_RESULTS.csv
      after the wage change and a recalculation: the NPVs equal those of an ipseval run with that wage (1e-9),
      and the break-even wages did not move.
Prints "name: N passed, N failed".
"""
import csv
import math
import sys

import openpyxl

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what)


def close(a, b, rel):
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    if a is None or b is None:
        return a is b
    return abs(a - b) <= rel * max(abs(a), abs(b)) or abs(a - b) <= 1e-12


def names(wb):
    out = {}
    for dn in wb.defined_names.definedName:
        if dn.name.startswith("_xlnm"):
            continue
        sheet, ref = dn.attr_text.split("!")
        out[dn.name] = (sheet.strip("'"), ref.replace("$", ""))
    return out


def value(wb, nm, key):
    sheet, ref = nm[key]
    return wb[sheet][ref].value


def results(path):
    rows = {}
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            if r["module"] == "cba":
                rows.setdefault((r["analysis"], r["term"], r["method"]), r)
    return rows


def est(rows, analysis, term, method):
    r = rows.get((analysis, term, method))
    if r is None:
        return None
    return float(r["estimate"]) if r["estimate"] != "" else None


def expected_named(rows):
    """(name in the workbook, engine value) pairs; None = an undefined figure (the cell holds its reason)."""
    first_rule = next(m for (a, t, m) in rows if a == "break_even_wage")
    pairs = [("incremental_cost", est(rows, "incremental_cost", "", "per_participant")),
             ("break_even_trial_window", est(rows, "break_even_wage", "trial_window", first_rule)),
             ("break_even_societal", est(rows, "break_even_wage_societal", "", first_rule)),
             ("cost_per_job", est(rows, "cost_per_job", "", "per_participant")),
             ("icer_per_job_year", est(rows, "icer", "per_job_year", "discounted")),
             ("inmb_per_job_year", est(rows, "inmb", "per_job_year", "discounted"))]
    for p in ("societal", "government", "participant"):
        if (("npv", p, "per_participant")) in rows:
            pairs.append(("npv_" + p, est(rows, "npv", p, "per_participant")))
            pairs.append(("roi_" + p, est(rows, "roi", p, "per_participant")))
    if ("icer", "per_qaly", "discounted") in rows:
        pairs.append(("icer_per_qaly", est(rows, "icer", "per_qaly", "discounted")))
        pairs.append(("inmb_per_qaly", est(rows, "inmb", "per_qaly", "discounted")))
    h = 1
    while ("break_even_wage", str(h), first_rule) in rows:
        pairs.append(("break_even_%d" % h, est(rows, "break_even_wage", str(h), first_rule)))
        h += 1
    return pairs


def compare(orig, recalc, res_csv):
    f = openpyxl.load_workbook(orig)  # formulas
    c = openpyxl.load_workbook(orig, data_only=True)  # ipseval's cached values
    r = openpyxl.load_workbook(recalc, data_only=True)  # LibreOffice's values
    n_formulas = 0
    ws_f, ws_c, ws_r = f["CBA"], c["CBA"], r["CBA"]
    for row in ws_f.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                n_formulas += 1
                a, b = ws_c[cell.coordinate].value, ws_r[cell.coordinate].value
                check(close(a, b, 1e-9), "CBA!%s %s: cached %r, LibreOffice %r" % (cell.coordinate, cell.value, a, b))
    check(n_formulas >= 50, "the CBA sheet has live formulas (%d)" % n_formulas)
    rows = results(res_csv)
    nm = names(c)
    for key, e in expected_named(rows):
        check(key in nm, "name %s is defined" % key)
        if key not in nm:
            continue
        v = value(c, nm, key)
        if e is None:
            check(isinstance(v, str), "%s: undefined in the engine, the cell says why (%r)" % (key, v))
        else:
            check(isinstance(v, (int, float)) and close(v, e, 1e-12), "%s: cached %r == engine %r" % (key, v, e))
    print("recalculated %d formulas; %d named results equal the engine's" % (n_formulas, len(expected_named(rows))))


def setwage(orig, new, wage):
    wb = openpyxl.load_workbook(orig)
    nm = names(wb)
    sheet, ref = nm["wage"]
    wb[sheet][ref].value = float(wage)
    wb.save(new)


def setcells(orig, new, *pairs):
    wb = openpyxl.load_workbook(orig)
    nm = names(wb)
    for p in pairs:
        key, val = p.split("=")
        sheet, ref = nm[key]
        wb[sheet][ref].value = float(val)
    wb.save(new)


def allrules(recalc, res_csv):
    n = openpyxl.load_workbook(recalc, data_only=True)
    nm = names(n)
    rows = results(res_csv)
    rules = []
    for (a, t, m) in rows:
        if a == "npv_by_rule" and m not in rules:
            rules.append(m)
    check(len(rules) >= 1, "the results hold NPVs by rule")
    count = 0
    for q, m in enumerate(rules, 1):
        h = 1
        while ("break_even_wage", str(h), m) in rows:
            key = "break_even_r%d_%d" % (q, h)
            check(key in nm, "name %s is defined" % key)
            if key in nm:
                v, e = value(n, nm, key), est(rows, "break_even_wage", str(h), m)
                check(close(v, e, 1e-9), "%s (%s, horizon %d): LibreOffice %r == ipseval %r" % (key, m, h, v, e))
                count += 1
            h += 1
        for p in ("societal", "government", "participant"):
            if ("npv_by_rule", p, m) not in rows:
                continue
            key = "npv_%s_r%d" % (p, q)
            check(key in nm, "name %s is defined" % key)
            if key in nm:
                v, e = value(n, nm, key), est(rows, "npv_by_rule", p, m)
                check(close(v, e, 1e-9), "%s (%s): LibreOffice %r == ipseval %r" % (key, m, v, e))
                count += 1
        key = "break_even_societal_r%d" % q
        if key in nm and ("break_even_wage_societal_by_rule", "", m) in rows:
            v, e = value(n, nm, key), est(rows, "break_even_wage_societal_by_rule", "", m)
            check(close(v, e, 1e-9), "%s (%s): LibreOffice %r == ipseval %r" % (key, m, v, e))
            count += 1
    v, e = value(n, nm, "break_even_trial_window"), est(rows, "break_even_wage", "trial_window", rules[0])
    check(close(v, e, 1e-9), "trial window: LibreOffice %r == ipseval %r" % (v, e))
    check(count >= 3 * len(rules), "compared %d figures over %d rules" % (count, len(rules)))
    print("every rule's break-even wages and NPVs (%d figures, %d rules) equal ipseval's" % (count + 1, len(rules)))


def moved(old_recalc, new_recalc, res_csv):
    o = openpyxl.load_workbook(old_recalc, data_only=True)
    n = openpyxl.load_workbook(new_recalc, data_only=True)
    nm = names(n)
    rows = results(res_csv)
    for p in ("societal", "government", "participant"):
        key = "npv_" + p
        if key not in nm:
            continue
        e = est(rows, "npv", p, "per_participant")
        v_old, v_new = value(o, nm, key), value(n, nm, key)
        check(not close(v_old, v_new, 1e-9), "%s moved with the wage (%r -> %r)" % (key, v_old, v_new))
        check(close(v_new, e, 1e-9), "%s after the wage change %r == ipseval with that wage %r" % (key, v_new, e))
    for key in [k for k in nm if k.startswith("break_even_") and k != "break_even_societal"]:
        check(close(value(o, nm, key), value(n, nm, key), 1e-12), "%s stays put when the wage changes" % key)
    print("wage change: NPVs moved to the engine's values; break-even wages stayed put")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "compare":
        compare(*sys.argv[2:5])
    elif cmd == "setwage":
        setwage(*sys.argv[2:5])
        sys.exit(0)
    elif cmd == "setcells":
        setcells(*sys.argv[2:])
        sys.exit(0)
    elif cmd == "allrules":
        allrules(*sys.argv[2:4])
    elif cmd == "moved":
        moved(*sys.argv[2:5])
    print("recalc-%s: %d passed, %d failed" % (cmd, passed, failed))
    sys.exit(1 if failed else 0)
