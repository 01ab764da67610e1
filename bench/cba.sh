#!/bin/sh
# Benchmark: the probabilistic cost-benefit analysis, 100,000 PSA draws with the acceptability curve (CEAC),
# frontier and EVPI over 100 WTP points per QALY and per job-year, against a vectorised R implementation of the
# same model (bench/cba_peer.R) run here on the same config. Checks on the way: the deterministic figures agree to
# 1e-9 relative (two independent implementations), and the PSA summaries agree within Monte Carlo error (the
# generators differ, so only statistically). Prints the wall times and the ratio.
BIN=${BIN:-bin/ipseval}
T=build/bench/cba
mkdir -p "$T"
N=100000
cat > "$T/cba.ini" <<EOF
[project]
title   = cba benchmark
output  = cba.xlsx
results = cba.csv
seed    = 20130501

[cba]
horizon_years = 5
discount_rate = 0.04
mcpf          = 0.2
cost_ips      = 71000
cost_ips.dist = gamma(mean=71000, se=7100)
cost_control  = 16000
effect        = 0.05, 0.095, 0.103
effect_months = 6, 12, 18
effect_se     = 0.0412, 0.0458, 0.0459
persistence   = constant
wage          = 300000
wage.dist     = lognormal(mean=300000, se=30000)
employer_contributions = 0.141
tax_rate      = 0.25
tax_rate.dist = beta(mean=0.25, se=0.025)
benefit       = 220000
benefit.dist  = gamma(mean=220000, se=22000)
benefit_reduction = 0.8
qaly_gain     = 0.01
qaly_gain.dist = normal(mean=0.01, se=0.005)
value_per_qaly = 588000
psa_draws     = $N
wtp           = 0:1980000:20000
EOF

now() { date +%s.%N; }
best=""
for i in 1 2 3; do
    t0=$(now)
    "$BIN" cba "$T/cba.ini" --quiet --no-progress -o "$T/cba.xlsx" --results "$T/cba.csv" || { echo "cba bench: ipseval failed"; exit 1; }
    t1=$(now)
    el=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$el < $best" | bc -l)" -eq 1 ]; then best=$el; fi
done
if ! command -v Rscript >/dev/null 2>&1; then
    printf "cba bench: ipseval %.3f s for %d draws, CEAC + EVPI over 100 WTP points; R not installed (apt-get install r-base-core): no peer\n" "$best" "$N"
    exit 0
fi
rbest=""
for i in 1 2 3; do
    t0=$(now)
    Rscript bench/cba_peer.R "$T/cba.ini" 20130501 > "$T/peer.txt" || { echo "cba bench: R peer failed"; exit 1; }
    t1=$(now)
    el=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$rbest" ] || [ "$(echo "$el < $rbest" | bc -l)" -eq 1 ]; then rbest=$el; fi
done
/usr/bin/python3 - "$T/cba.csv" "$T/peer.txt" "$best" "$rbest" "$N" <<'PY'
import csv, math, sys
res, peer_path, t_c, t_r, n = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
peer = dict(l.strip().split(",") for l in open(peer_path) if "," in l)
peer = {k: float(v) for k, v in peer.items()}
rows = {}
for r in csv.DictReader(open(res)):
    if r["module"] == "cba":
        rows[(r["analysis"], r["term"], r["method"])] = r
bad = []
def f(x):
    return float(x) if x not in ("", None) else float("nan")
# deterministic figures: two implementations of one formula
det = [("det_npv_societal", ("npv", "societal", "per_participant")),
       ("det_npv_government", ("npv", "government", "per_participant")),
       ("det_npv_participant", ("npv", "participant", "per_participant")),
       ("det_bew_trial_window", ("break_even_wage", "trial_window", "constant"))]
det += [("det_bew_%d" % h, ("break_even_wage", str(h), "constant")) for h in range(1, 6)]
worst = 0
for k, key in det:
    c, r = f(rows[key]["estimate"]), peer[k]
    rel = abs(c - r) / abs(r)
    worst = max(worst, rel)
    if rel > 1e-9:
        bad.append("%s: ipseval %.15g, R %.15g" % (k, c, r))
# PSA summaries: independent generators, so within Monte Carlo error (4 SE of the difference)
for nm, key in [("npv_soc", ("npv", "societal", "per_participant")), ("npv_gov", ("npv", "government", "per_participant")),
                ("npv_part", ("npv", "participant", "per_participant")), ("dc", ("incremental_cost", "", "per_participant"))]:
    mc, sc, mr, sr = f(rows[key]["statistic"]), f(rows[key]["se"]), peer["psa_%s_mean" % nm], peer["psa_%s_sd" % nm]
    tol = 4 * math.sqrt(sc ** 2 / n + sr ** 2 / n)
    if abs(mc - mr) > tol:
        bad.append("PSA mean %s: ipseval %.6g, R %.6g (tolerance %.3g)" % (nm, mc, mr, tol))
nceac = 0
for (a, t, m), r in rows.items():
    if a == "ceac" and m in ("per_qaly", "per_job_year"):
        nceac += 1
        pk = "ceac_%s_%s" % ("qaly" if m == "per_qaly" else "job", t)
        pc, pr = f(r["estimate"]), peer[pk]
        p = (pc + pr) / 2
        tol = 4 * math.sqrt(2 * p * (1 - p) / n) + 1e-12
        if abs(pc - pr) > tol:
            bad.append("CEAC %s at %s: ipseval %.5f, R %.5f" % (m, t, pc, pr))
pc, pr = f(rows[("prob_cost_beneficial", "societal", "psa")]["estimate"]), peer["p_npv_societal"]
if abs(pc - pr) > 4 * math.sqrt(2 * pc * (1 - pc) / n):
    bad.append("P(NPV > 0): ipseval %.5f, R %.5f" % (pc, pr))
for b in bad:
    print("cba bench: DISAGREE " + b)
print("cba bench: deterministic figures agree with the R peer to %.1e relative (9 figures); PSA means, P(NPV > 0) "
      "and %d CEAC points agree within Monte Carlo error" % (worst, nceac))
print("cba bench: %d PSA draws, CEAC + frontier + EVPI over 100 WTP points (per QALY and per job-year): "
      "ipseval %.3f s (whole run, workbook included), R vectorised %.3f s (Rscript, compute %.3f s) -> "
      "ipseval %.1fx faster" % (n, t_c, t_r, peer["compute_seconds"], t_r / t_c))
sys.exit(1 if bad else 0)
PY
ok=$?
. bench/common.inc
row "probabilistic CBA (whole run)" "$N PSA draws" "$(printf %.3f "$best")" "R vectorised (Rscript; best of 3)" \
    "$(printf %.3f "$rbest")" "-" "-" "$([ $ok = 0 ] && echo "agree (deterministic 1e-9; PSA within MC error)" || echo DIFFER)"
exit $ok
