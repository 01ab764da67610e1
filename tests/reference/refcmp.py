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

Options for kits whose names differ from SPEC §4 rows (used by the meta-analysis kit):
--default-method a=m,...   method of kit analyses that carry no ':method' (e.g. pooled=fixed)
--survival                 the survival kit's names (surv_rule below): km_* method log with 'TERM;t=T' as
                           timepoint T, n_risk = n; logrank observed/expected per arm as terms observed[L] /
                           expected[L]; cox 'ARM=L' = arm, 'TERM:HR' = hazard_ratio with method cox_<ties>, and
                           the model rows as likelihood_ratio_test/wald_test/score_test/log_likelihood/events
--term-map kit=ours,...    rename kit terms (e.g. design=rr)
--log-terms kit=ours,...   a kit term on the log scale of our ratio row: estimate, ci_low and ci_high
                           are compared as log(ours); se, statistic, df and p_value as they are
                           (e.g. log_rr=rr: SPEC §4 reports ratios with the SE of the log)
--stat-map stat=f:col,...  a kit statistic computed from our column col with f = id, log or square
                           (e.g. yi=log:estimate,vi=square:se,k=id:n)
--r-uniroot-tau2 a,...     analyses whose Q-profile interval for tau^2 R found with uniroot at its
                           default tol = eps^0.25 (metafor confint.rma.uni): the tau2 ci rows are
                           compared at that absolute tolerance, the I2 ci rows at its image on the
                           I2 scale (I2 = 100 tau2/(vt + tau2), vt from our tau2 and I2 estimates);
                           the precise roots are asserted at 1e-9 in tests/unit/test_meta.c.
--row-map-file FILE        one mapping per line, "KIT -> OURS" ('#' starts a comment), for kit rows whose
                           analysis, method, term or statistic all differ from ours (used by nsw_lalonde):
                           KIT = analysis[:method]|outcome|term|statistic as written in expected.csv, each
                           field '*' for any; OURS = analysis|method|term|column of our row, each field '*'
                           for what the other options give. The first matching line applies, e.g.
                           "logistic:adjusted|*|treat:OR|* -> odds_ratio|logistic_adjusted|arm|*".
                           A column "label~REGEX" reads the number in REGEX's first group from our row's label
                           (e.g. the wild bootstrap's counts of sign vectors, used by fatalities_did).
--skip-stats s1,...        kit statistics no row of ours carries (e.g. fatalities_did's p_value_normal, a z
                           test our t-based rows do not report): counted as skipped, and said so
"""
import csv
import math
import re
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


def kv(text):
    out = {}
    for item in text.split(","):
        k, _, v = item.partition("=")
        out[k] = v
    return out


def transform(fn, x):
    if fn == "log":
        return math.log(x) if x > 0 else float("nan")
    if fn == "square":
        return x * x
    if fn in ("id", ""):
        return x
    raise SystemExit("refcmp.py: unknown transform %s" % fn)


def tau2_uniroot_tol(index, key, term, got):
    """Absolute error R's uniroot (tol = eps^0.25, zeroin bound u + 4 eps |x|) allows in a Q-profile
    bound of tau^2, mapped to the I2 scale for I2 bounds."""
    u = 2.0 ** -13
    if term == "tau2":
        return u + 4 * 2.0 ** -52 * abs(got)
    a, m, o, tp, _ = key
    t_row, i_row = index.get((a, m, o, tp, "tau2")), index.get((a, m, o, tp, "I2"))
    tau2, i2 = float(t_row["estimate"]), float(i_row["estimate"])
    vt = tau2 * (100.0 - i2) / i2
    t = vt * got / (100.0 - got)  # our bound back on the tau^2 scale
    return 100.0 * vt / (vt + max(0.0, t - u)) ** 2 * u


def surv_rule(analysis, method, kit_term, term, stat, arm_column):
    """--survival: (analysis, method, timepoint, term, column or None) of our row for a survival-kit row."""
    tp, col = "", None
    if ";t=" in term:
        term, _, tp = term.partition(";t=")
    if analysis in ("km_median", "km_survival"):
        method = "log"
        col = "n" if stat == "n_risk" else None
    elif analysis == "logrank" and stat in ("observed", "expected"):
        term, col = "%s[%s]" % (stat, term), "estimate"
    elif analysis in ("cox", "cox_adjusted"):
        if kit_term.endswith(":HR"):
            analysis, method = "hazard_ratio", analysis + "_" + method
            kit_term, term = kit_term[:-3], our_term(kit_term[:-3], arm_column)
        if kit_term.startswith(arm_column + "="):
            term = "arm"
        if kit_term == "model":
            term, col = {"lr_statistic": ("likelihood_ratio_test", "statistic"),
                         "lr_df": ("likelihood_ratio_test", "df"),
                         "lr_p_value": ("likelihood_ratio_test", "p_value"),
                         "wald_statistic": ("wald_test", "statistic"),
                         "score_statistic": ("score_test", "statistic"),
                         "loglik": ("log_likelihood", "estimate"),
                         "n": ("log_likelihood", "n"),
                         "events": ("events", "estimate")}.get(stat, (term, None))
    return analysis, method, tp, term, col


def read_row_map(path):
    rules = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            kit, arrow, ours = line.partition("->")
            kit, ours = [x.strip() for x in kit.split("|")], [x.strip() for x in ours.split("|")]
            if not arrow or len(kit) != 4 or len(ours) != 4:
                raise SystemExit("refcmp.py: %s:%d: want 'a|outcome|term|stat -> a|method|term|column'" % (path, n))
            rules.append((kit, ours))
    return rules


def row_rule(rules, e):
    fields = (e["analysis"], e["outcome"], e["term"], e["statistic"])
    for kit, ours in rules:
        if all(k == "*" or k == f for k, f in zip(kit, fields)):
            return ours
    return None


def main(argv):
    args = argv[1:]
    exp_path, res_path = args[0], args[1]
    require, tol, arm_column, name, uniroot, outcomes = set(), 1e-6, "treat", "reference", set(), None
    term_map, log_terms, stat_map, uniroot_tau2 = {}, {}, {}, set()
    surv = False
    row_rules = []
    skip_stats, n_skip_stats = set(), 0
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
        elif args[i] == "--default-method":
            DEFAULT_METHOD.update(kv(args[i + 1]))
        elif args[i] == "--term-map":
            term_map.update(kv(args[i + 1]))
        elif args[i] == "--log-terms":
            log_terms.update(kv(args[i + 1]))
        elif args[i] == "--stat-map":
            for k_, v_ in kv(args[i + 1]).items():
                f_, _, c_ = v_.partition(":")
                stat_map[k_] = (f_, c_)
        elif args[i] == "--r-uniroot-tau2":
            uniroot_tau2 = set(args[i + 1].split(","))
        elif args[i] == "--skip-stats":
            skip_stats = set(args[i + 1].split(","))
        elif args[i] == "--row-map-file":
            row_rules = read_row_map(args[i + 1])
        elif args[i] == "--survival":
            surv = True
            i -= 1
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
            if e["statistic"] in skip_stats:
                skipped += 1
                n_skip_stats += 1
                continue
            method = method or DEFAULT_METHOD.get(analysis, "")
            term = our_term(e["term"], arm_column)
            logged = term in log_terms
            term = log_terms.get(term, term_map.get(term, term))
            tp, col_over = e.get("timepoint") or "", None  # kits with a timepoint column (e.g. rmst's tau)
            if surv:
                analysis, method, tp, term, col_over = surv_rule(analysis, method, e["term"], term,
                                                                 e["statistic"], arm_column)
            rule = row_rule(row_rules, e)
            if rule:
                analysis, method, term = [o if o != "*" else d for o, d in zip(rule[:3], (analysis, method, term))]
                if rule[3] != "*":
                    col_over = rule[3]
            key = (analysis, method, e["outcome"], tp, term)
            r = index.get(key)
            where = "%s %s %s %s" % (full, e["outcome"], e["term"], e["statistic"])
            if r is None:
                print("FAIL: %s: no row %s in %s" % (where, key, res_path))
                failed += 1
                continue
            stat = e["statistic"]
            if col_over and col_over.startswith("label~"):
                m_ = re.search(col_over[len("label~"):], r["label"] or "")
                got = float(m_.group(1)) if m_ else float("nan")
            elif col_over:
                got = float(r[col_over]) if r[col_over] not in ("", None) else float("nan")
            elif stat == "events":
                got = float(r["label"].split("/")[0]) if "/" in r["label"] else float("nan")
            else:
                fn, col = stat_map.get(stat, ("id", STAT_COLUMN.get(stat, stat)))
                if col not in r:
                    print("FAIL: %s: results have no column %s" % (where, col))
                    failed += 1
                    continue
                got = float(r[col]) if r[col] not in ("", None) else float("nan")
                if logged and col in ("estimate", "ci_low", "ci_high"):
                    fn = "log"
                got = transform(fn, got)
            if e["value"] == "":
                ok = math.isnan(got) or got in (math.inf, -math.inf)
            else:
                want = float(e["value"])
                t = tol
                if full in uniroot and want > 0 and math.isfinite(want):
                    t = max(tol, 2.0 ** -13 * max(want, 1.0 / want))  # eps^0.25 = 2^-13
                if full in uniroot_tau2 and stat in ("ci_low", "ci_high") and e["term"] in ("tau2", "I2"):
                    t = max(tol, tau2_uniroot_tol(index, key, e["term"], got) / abs(want)) if want else tol
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
    if n_skip_stats:
        print("# %s: %d of the skipped are statistics no row of ours carries (--skip-stats %s)"
              % (name, n_skip_stats, ",".join(sorted(skip_stats))))
    print("%s: %d passed, %d failed" % (name, passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
