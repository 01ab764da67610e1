#!/usr/bin/python3
"""Checks of the trial-versus-real-world comparison through the command line (run by tests/meta/run.sh).

  check_compare.py conversions RESULTS.csv
      every compare row recomputed by hand from the run's own trial (rct), registry (did) and meta-analysis
      (meta) rows: trial ITT = RD x workdays x share; registry per member = the DiD estimate and the chosen
      interval; per IPS user = per member / take-up; pooled RCT = p0 (RR - 1) x workdays x share; the
      efficacy-effectiveness ratio (delta method, Fieller); work-years = per member x exposed / workdays.
      Registry checks are skipped, and said, when the run has no registry.
      With [compare] target: the transported figure = its source x workdays x share, the gap's parts add up
      (trial - registry = (trial - transported) + (transported - registry)), each arm's weighted covariate means
      equal the target (1e-8), each ESS lies in (0, n].
  check_compare.py summary RESULTS.csv BOOK.xlsx
      the Summary sentence on trial versus real world names the days per year, take-up with its numerator and
      denominator, the attained level of the registry interval with its number of control clusters, and the
      transported effect, each as the results file has them.
  check_compare.py recalc ORIG.xlsx RECALC.xlsx
      every formula cell of the "Trial vs real world" sheet: ipseval's cached value == LibreOffice's
      recalculated value (1e-9 relative).
  check_compare.py setshare ORIG.xlsx NEW.xlsx SHARE
      a copy with the position_share input cell changed, as a reader would.
  check_compare.py moved RECALC_OLD.xlsx RECALC_NEW.xlsx OLD_SHARE NEW_SHARE
      after the change: the trial effect in workdays scales by NEW/OLD, the ratio to the trial by OLD/NEW, the
      registry effect does not move.
Prints "name: N passed, N failed".
"""
import csv
import math
import sys
from statistics import NormalDist

passed = failed = 0
SHEET = "Trial vs real world"
Z95 = 1.959963984540054


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what)


def close(a, b, rel=1e-12):
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    if a is None or b is None:
        return a is b
    return abs(a - b) <= rel * max(abs(a), abs(b)) or abs(a - b) <= 1e-13


def num(x):
    return float(x) if x not in ("", None) else float("nan")


def conversions(path):
    rows = list(csv.DictReader(open(path, newline="", encoding="utf-8")))

    def find(module, analysis, term=None, method=None, outcome=None, tp=None):
        for r in rows:
            if r["module"] == module and r["analysis"] == analysis and (term is None or r["term"] == term) and \
                    (method is None or r["method"] == method) and (outcome is None or r["outcome"] == outcome) and \
                    (tp is None or r["timepoint"] == tp):
                return r
        return None

    def cmp(term, analysis="effect_on_common_scale", method=None):
        r = find("compare", analysis, term, method)
        check(r is not None, "compare row %s %s %s" % (analysis, term, method or ""))
        return r

    D = num(find("compare", "assumption", "workdays_per_year")["estimate"])
    share = num(find("compare", "assumption", "position_share")["estimate"])
    f = D * share
    users = num(find("compare", "assumption", "ips_users")["estimate"])
    exposed = num(find("compare", "assumption", "exposed_population")["estimate"])
    tu = users / exposed
    check(close(num(find("compare", "assumption", "take_up")["estimate"]), tu),
          "take-up = IPS users / exposed population (the same people the registry effect averages over)")
    k = 1.0 / f if find("compare", "effect_on_common_scale", "trial_itt")["outcome"] == "employment_probability" else 1.0

    # the trial: the mean of the piecewise-linear effect path through (0, 0) and the Newcombe RDs at each month,
    # over months 0 to the last; its SE the weighted sum of the Wald SEs (an upper bound)
    rds = sorted([r for r in rows if r["module"] == "rct" and r["analysis"] == "risk_difference" and
                  r["method"] == "newcombe" and r["outcome"] == "employment" and r["term"] == "arm"],
                 key=lambda r: float(r["timepoint"]))
    months = [float(r["timepoint"]) for r in rds]
    T = months[-1]
    integral, se_sum, prev_t, prev_e = 0.0, 0.0, 0.0, 0.0
    for r in rds:  # trapezoids, summed directly
        t, e = float(r["timepoint"]), num(r["estimate"])
        integral += (t - prev_t) * (prev_e + e) / 2
        prev_t, prev_e = t, e
    mean = integral / T
    for i, r in enumerate(rds):
        h = months[i] - (months[i - 1] if i else 0.0)
        hn = months[i + 1] - months[i] if i + 1 < len(months) else 0.0
        wald = find("rct", "risk_difference", "arm", "wald", "employment", r["timepoint"])
        se_sum += (h + hn) / (2 * T) * num(wald["se"])
    tp = rds[-1]["timepoint"]
    ctrl = find("rct", "arm_summary", "TAU", None, "employment", tp)
    src = find("compare", "source_effect", "trial_effect")
    check(close(num(src["estimate"]), mean, 1e-12) and close(num(src["se"]), se_sum, 1e-12),
          "trial source = the integral of the effect path over months 0-%g / %g (got %s, want %.15g)" %
          (T, T, src["estimate"], mean))
    t = cmp("trial_itt")
    Z = NormalDist().inv_cdf(0.975)
    est, se, lo, hi = mean * f, se_sum * f, (mean - Z * se_sum) * f, (mean + Z * se_sum) * f
    for col, want in (("estimate", est), ("se", se), ("ci_low", lo), ("ci_high", hi)):
        check(close(num(t[col]), k * want, 1e-12), "trial ITT %s = path mean x %g x %g (got %s, want %.15g)" %
              (col, D, share, t[col], k * want))
    t_d, t_se = est, se

    # the pooled RCTs: on their own scale (cumulative incidence), never converted
    loo = find("meta", "leave_one_out")
    pooled = find("meta", "pooled", "rr", loo["method"])
    p = find("compare", "effect_on_own_scale", "pooled_rct")
    check(p is not None and close(num(p["estimate"]), num(pooled["estimate"])) and
          close(num(p["ci_low"]), num(pooled["ci_low"])), "pooled RR shown on its own scale, as the meta-analysis's")
    check(find("compare", "effect_on_common_scale", "pooled_rct") is None and
          find("compare", "work_years", "pooled_rct") is None,
          "a cumulative-incidence ratio is not converted to workdays or work-years")

    did = [r for r in rows if r["module"] == "did" and r["analysis"] == "twfe"]
    if not did:
        print("# no registry in this run: registry conversions not checked (they run when [registry] is in the config)")
        return
    reg_src = find("compare", "source_effect", "registry_effect")
    m = reg_src["method"]
    twfe = [r for r in did if r["term"] == "treated" and r["outcome"] == "workdays"]
    chosen = find("did", "randomization_inference", "treated", "conley_taber", "workdays") if m == "conley_taber" \
        else find("did", "twfe", "treated", m, "workdays")
    check(chosen is not None, "the registry interval (%s) is a row of the registry analysis" % m)
    unreliable = any("unreliable" in r["label"] for r in twfe)
    ct = find("did", "randomization_inference", "treated", "conley_taber", "workdays")
    if unreliable and ct is not None:
        check(m == "conley_taber", "one treated cluster: the Conley-Taber interval is chosen (got %s)" % m)
    else:
        order = [x for x in ("wild", "cr2", "cr1", "cr1_areg", "classical")
                 if find("did", "twfe", "treated", x, "workdays") is not None]
        check(m == order[0], "the first available of wild, cr2, cr1, cr1_areg, classical (got %s)" % m)
    check("used:" in reg_src["label"], "the workbook says which registry figure it used and why")
    r_d = num(twfe[0]["estimate"])
    # an interval without an SE gives one at the level it attains (Conley-Taber from ten controls: 81.8%)
    lv = find("did", "attained_level", "treated", m, "workdays")
    level = num(lv["estimate"]) if lv else 0.95
    z_lv = NormalDist().inv_cdf(0.5 + level / 2)
    r_se = num(chosen["se"]) if chosen["se"] else (num(chosen["ci_high"]) - num(chosen["ci_low"])) / (2 * z_lv)
    r_lo, r_hi = num(chosen["ci_low"]), num(chosen["ci_high"])
    il = find("compare", "assumption", "interval_level")
    check(close(num(il["estimate"]), min(level, 0.95)), "derived intervals carry the registry interval's level %.4f" %
          level)
    zd = NormalDist().inv_cdf(0.5 + min(level, 0.95) / 2)
    mem = cmp("registry_per_member")
    for col, want in (("estimate", r_d), ("se", r_se), ("ci_low", r_lo), ("ci_high", r_hi)):
        check(close(num(mem[col]), k * want), "registry per member %s (got %s, want %.15g)" % (col, mem[col], want))
    usr = cmp("registry_per_user")
    for col, want in (("estimate", r_d / tu), ("se", r_se / tu), ("ci_low", r_lo / tu), ("ci_high", r_hi / tu)):
        check(close(num(usr[col]), k * want), "registry per user %s = per member / take-up %g" % (col, tu))

    # efficacy-effectiveness ratios, per user and per member, at the carried level
    for term, a, sa in (("registry_per_user_vs_trial", r_d / tu, r_se / tu), ("registry_per_member_vs_trial", r_d, r_se)):
        b, sb = t_d, t_se
        ratio = a / b
        dse = abs(ratio) * math.sqrt((sa / a) ** 2 + (sb / b) ** 2)
        d = cmp(term, "efficacy_effectiveness_ratio", "delta")
        check(close(num(d["estimate"]), ratio), "%s = numerator / trial" % term)
        check(close(num(d["se"]), dse), "%s delta se" % term)
        check(close(num(d["ci_low"]), ratio - zd * dse) and close(num(d["ci_high"]), ratio + zd * dse),
              "%s delta interval at the carried level" % term)
        fi = cmp(term, "efficacy_effectiveness_ratio", "fieller")
        A, B, C = b * b - zd ** 2 * sb * sb, -2 * a * b, a * a - zd ** 2 * sa * sa
        disc = B * B - 4 * A * C
        if A > 0 and disc >= 0:
            check(close(num(fi["ci_low"]), (-B - math.sqrt(disc)) / (2 * A), 1e-10) and
                  close(num(fi["ci_high"]), (-B + math.sqrt(disc)) / (2 * A), 1e-10), "%s Fieller interval" % term)
        else:
            check(fi["ci_low"] == "" and "unbounded" in fi["label"], "%s Fieller unbounded, said" % term)

    transport(rows, find, f)

    # work-years
    wy = cmp("registry", "work_years")
    check(close(num(wy["estimate"]), r_d * exposed / D), "work-years = per member x %g / %g" % (exposed, D))
    check(close(num(wy["ci_low"]), r_lo * exposed / D) and close(num(wy["ci_high"]), r_hi * exposed / D),
          "work-years interval")


def transport(rows, find, f):
    """The trial transported ([compare] target): figures from their sources, the gap's parts, the balance."""
    src = find("compare", "source_effect", "trial_transported")
    if src is None:
        print("# no [compare] target: the transport checks are skipped")
        return
    tt = find("compare", "effect_on_common_scale", "trial_transported")
    ti = find("compare", "effect_on_common_scale", "trial_itt")
    for c in ("estimate", "se", "ci_low", "ci_high"):
        check(close(num(tt[c]), num(src[c]) * f, 1e-12), "transported %s = source x workdays x share" % c)
    pop, tot, rem = (find("compare", "transport_gap", t) for t in ("population", "total", "remaining"))
    check(close(num(pop["estimate"]), num(ti["estimate"]) - num(tt["estimate"]), 1e-12),
          "explained part = trial - transported")
    reg = find("compare", "effect_on_common_scale", "registry_per_user") or \
        find("compare", "effect_on_common_scale", "registry_per_member")
    if tot is not None:
        check(close(num(tot["estimate"]), num(ti["estimate"]) - num(reg["estimate"]), 1e-12),
              "gap = trial - registry (%s)" % reg["term"])
        check(close(num(rem["estimate"]), num(tt["estimate"]) - num(reg["estimate"]), 1e-12),
              "remaining = transported - registry")
        check(close(num(pop["estimate"]) + num(rem["estimate"]), num(tot["estimate"]), 1e-12),
              "explained + remaining = the gap")
    targets = [r for r in rows if r["module"] == "compare" and r["analysis"] == "transport_target"]
    check(len(targets) > 0, "the target's covariates are rows")
    for t in targets:
        for r in rows:
            if r["module"] == "compare" and r["analysis"] == "transport_balance" and r["term"] == t["term"] and \
                    r["method"] == "weighted":
                check(abs(num(r["estimate"]) - num(t["estimate"])) <= 1e-8 * max(1, abs(num(t["estimate"]))),
                      "%s arm: weighted mean of %s = the target %s" % (r["outcome"], t["term"], t["estimate"]))
    ess = [r for r in rows if r["module"] == "compare" and r["analysis"] == "effective_sample_size"]
    check(len(ess) > 0 and all(0 < num(r["estimate"]) <= num(r["n"]) + 1e-9 for r in ess), "0 < ESS <= n")
    for r in rows:
        if r["module"] == "compare" and r["analysis"] == "transported_effect":
            p = [find("compare", "transported_proportion", a, None, None, r["timepoint"]) for a in ("IPS", "TAU")]
            if None not in p:
                check(close(num(r["estimate"]), num(p[0]["estimate"]) - num(p[1]["estimate"]), 1e-12) and
                      close(num(r["se"]), math.hypot(num(p[0]["se"]), num(p[1]["se"])), 1e-12),
                      "transported effect at %s = IPS - TAU, SE from the two arms" % r["timepoint"])


def summary(results, book):
    """The Summary sentence on trial versus real world, read from the workbook, against the results file."""
    import openpyxl
    rows = list(csv.DictReader(open(results, newline="", encoding="utf-8")))

    def val(term, analysis="assumption"):
        for r in rows:
            if r["module"] == "compare" and r["analysis"] == analysis and r["term"] == term:
                return r
        return None
    ws = openpyxl.load_workbook(book)["Summary"]
    text = [c.value for row in ws.iter_rows() for c in row
            if isinstance(c.value, str) and c.value.startswith("On one scale")]
    check(len(text) == 1, "the Summary has one sentence on trial versus real world")
    if not text:
        return
    t = text[0]
    print(t)

    def has(s, what):
        check(s in t, "%s: '%s' in the sentence" % (what, s))
    has("a full-time year counted as %.1f workdays" % num(val("workdays_per_year")["estimate"]), "days per year")
    has("take-up of %.1f%%" % (100 * num(val("take_up")["estimate"])), "take-up")
    has("%.0f IPS users among the %.0f people exposed in the post-period" %
        (num(val("ips_users")["estimate"]), num(val("exposed_population")["estimate"])), "take-up's denominator")
    lv, nc = val("registry_level"), val("registry_controls")
    if lv is not None:
        check(nc is not None, "the number of control clusters is a row")
        word = nc["method"] if nc else "cluster"
        plural = word[:-1] + "ies" if word.endswith("y") and word[-2] not in "aeiou" else word + "s"
        has("%.1f%% attained with %.0f control %s" % (100 * num(lv["estimate"]), num(nc["estimate"]), plural),
            "attained level of the registry interval")
    tt = val("trial_transported", "effect_on_common_scale")
    if tt is not None:
        has("the trial's effect would be %.1f" % num(tt["estimate"]), "the transported effect")


def formula_cells(path):
    import openpyxl
    wf = openpyxl.load_workbook(path, data_only=False)[SHEET]
    return [(c.coordinate) for row in wf.iter_rows() for c in row
            if isinstance(c.value, str) and c.value.startswith("=")]


def recalc(orig, new):
    import openpyxl
    cells = formula_cells(orig)
    check(len(cells) >= 20, "the sheet has live formulas (%d)" % len(cells))
    a = openpyxl.load_workbook(orig, data_only=True)[SHEET]
    b = openpyxl.load_workbook(new, data_only=True)[SHEET]
    for ref in cells:
        check(close(a[ref].value, b[ref].value, 1e-9), "%s: cached %r, recalculated %r" % (ref, a[ref].value,
                                                                                             b[ref].value))
    print("recalculated %d formula cells" % len(cells))


def key_row(ws, key):
    for row in ws.iter_rows():
        if len(row) > 5 and row[5].value == key:
            return row[1].coordinate
    raise SystemExit("no input cell %s" % key)


def figure_row(ws, label):
    for row in ws.iter_rows():
        if row[0].value == label:
            return row
    raise SystemExit("no figure %s" % label)


def setshare(orig, new, share):
    import openpyxl
    wb = openpyxl.load_workbook(orig)
    ws = wb[SHEET]
    ws[key_row(ws, "position_share")] = float(share)
    wb.save(new)
    check(True, "position_share changed in a copy")


def moved(old, new, s_old, s_new):
    import openpyxl
    a = openpyxl.load_workbook(old, data_only=True)[SHEET]
    b = openpyxl.load_workbook(new, data_only=True)[SHEET]
    q = float(s_new) / float(s_old)
    t0, t1 = figure_row(a, "Trial: intention-to-treat effect"), figure_row(b, "Trial: intention-to-treat effect")
    check(close(t1[1].value, t0[1].value * q, 1e-9), "trial effect scales with the position share")
    r0 = figure_row(a, "Registry: per member of the target population")
    r1 = figure_row(b, "Registry: per member of the target population")
    check(close(r1[1].value, r0[1].value, 1e-12), "registry effect does not move")
    e0, e1 = figure_row(a, "Per IPS user / trial"), figure_row(b, "Per IPS user / trial")
    check(close(e1[1].value, e0[1].value / q, 1e-9), "efficacy-effectiveness ratio moves inversely")


def main(argv):
    cmd = argv[1]
    if cmd == "conversions":
        conversions(argv[2])
        name = "compare-conversions"
    elif cmd == "summary":
        summary(argv[2], argv[3])
        name = "compare-summary"
    elif cmd == "recalc":
        recalc(argv[2], argv[3])
        name = "compare-recalc"
    elif cmd == "setshare":
        setshare(argv[2], argv[3], argv[4])
        name = "compare-setshare"
    elif cmd == "moved":
        moved(argv[2], argv[3], argv[4], argv[5])
        name = "compare-moved"
    else:
        raise SystemExit(__doc__)
    print("%s: %d passed, %d failed" % (name, passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
