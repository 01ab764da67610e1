"""Compare ipseval's pooled multiple-imputation rows (analysis `mi`) with mice + pool (expected.csv of a kit).

Both sides are Monte Carlo estimates: ours over m imputations, R's over M. A pooled estimate agrees when
|ours - R| <= k * sqrt(mc_ours^2 + mc_R^2) with mc = sqrt(B / m) (the Monte Carlo SE of the mean of the
completed-data estimates); the total variance T = W + (1 + 1/m) B when |T_ours - T_R| <= k * sqrt(mcT_ours^2 +
mcT_R^2), mcT from the sampling variances of W and of B (normal theory: var(B) = 2 B^2 / (m - 1)). Prints one
PASS/FAIL line per check and `NAME: N passed, N failed`.
usage: micmp.py expected.csv results.csv --name NAME --outcome OUTCOME [--k 3]"""
import argparse
import csv
import math
import re
import sys

ap = argparse.ArgumentParser()
ap.add_argument("expected")
ap.add_argument("results")
ap.add_argument("--name", required=True)
ap.add_argument("--outcome", required=True)
ap.add_argument("--k", type=float, default=3.0)
ap.add_argument("--verbose", action="store_true")
a = ap.parse_args()

exp = [r for r in csv.DictReader(open(a.expected, newline="")) if r["outcome"].strip() == a.outcome]
rows = list(csv.DictReader(open(a.results, newline="")))
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
    if not ok or a.verbose:
        print(("PASS: " if ok else "FAIL: ") + what)


def find(analysis, tp, term="arm"):
    for r in rows:
        if r["analysis"] == analysis and r["outcome"] == a.outcome and r["timepoint"] == tp and r["term"] == term:
            yield r


for e in exp:
    key, tp = e["analysis"].strip(), e["timepoint"].strip()
    mi = [r for r in find("mi", tp) if r["method"] == key]
    riv = [r for r in find("mi_riv", tp) if r["method"] == key]
    if not mi or not riv:
        check(False, "%s at %s: no pooled row" % (key, tp))
        continue
    r = mi[0]
    lab = riv[0]["label"]
    mw = re.search(r"within W = ([-0-9.e+]+), between B = ([-0-9.e+]+), total T = ([-0-9.e+]+)", lab)
    m_ours = int(re.search(r"over (\d+) imputations", r["label"]).group(1))
    W, B, T = (float(x) for x in mw.groups())
    est = float(r["estimate"])
    if key.startswith("odds_ratio") or key.startswith("risk_ratio"):
        est = math.log(est)
    se_ours = float(r["se"])
    M = float(e["m"])
    mc_est = math.hypot(math.sqrt(B / m_ours), float(e["mc_se_estimate"]))
    d = est - float(e["estimate"])
    check(abs(d) <= a.k * mc_est,
          "%s at %s: pooled estimate %.6g vs mice %.6g (diff %.3g, %.2f MC SEs)" %
          (key, tp, est, float(e["estimate"]), d, abs(d) / mc_est))
    # MC SE of T: R's from its M imputations (the spread of U and B); ours, same model and n, scaled to our m
    mc_t_r = float(e["mc_se_total"])
    mc_t = math.hypot(mc_t_r * math.sqrt(M / m_ours), mc_t_r)
    dt = T - float(e["total_variance"])
    check(abs(dt) <= a.k * mc_t,
          "%s at %s: total variance %.6g vs mice %.6g (diff %.3g, %.2f MC SEs)" %
          (key, tp, T, float(e["total_variance"]), dt, abs(dt) / mc_t))
    check(abs(se_ours * se_ours - T) <= 1e-5 * T, "%s at %s: se^2 = T (T printed to 6 digits)" % (key, tp))
    check(abs(T - (W + (1 + 1 / m_ours) * B)) <= 1e-5 * T, "%s at %s: T = W + (1 + 1/m) B" % (key, tp))
print("%s: %d passed, %d failed" % (a.name, passed, failed))
sys.exit(1 if failed else 0)
