#!/bin/sh
# Staggered adoption through the command line: the group-time effects of Callaway & Sant'Anna, their
# aggregations and pre-trend test, and the Goodman-Bacon decomposition of the TWFE coefficient, against base R
# on AER's Fatalities (breath test laws; tests/reference/kits/breath_staggered, reference.R) at 1e-9, for both
# control groups and both base periods; then the roll-out example (ipseval simulate, registry_design = rollout)
# analysed: the TWFE rows carry the staggered-adoption warning and the decomposition reproduces the TWFE
# coefficient; and a bad control_group is refused naming the key. A few seconds.
BIN=${BIN:-bin/ipseval}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
ROOT=$(pwd)
KIT=$ROOT/tests/reference/kits/breath_staggered
T=$ROOT/build/tmp-did.$$
rm -rf "$T"
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
PY=/usr/bin/python3
. "$ROOT/tests/lib.sh"

for tag in never_varying never_universal notyet_varying notyet_universal; do
    if "$BIN" did "$KIT/$tag.ini" -o "$T/$tag.xlsx" --results "$T/$tag.csv" --quiet --no-progress; then
        $PY "$ROOT/tests/reference/kitcmp.py" "reference-breath-$tag" "$KIT/expected.csv" "$T/$tag.csv" 1e-9 "$tag" \
            | grep -v '^PASS'
    else
        ko "ipseval did $KIT/$tag.ini exited non-zero"
    fi
done
# the decomposition (2x2 estimates, weights, their total = lm's TWFE coefficient) and the TWFE coefficient
if [ -f "$T/never_varying.csv" ]; then
    $PY "$ROOT/tests/reference/kitcmp.py" reference-breath-bacon "$KIT/expected.csv" "$T/never_varying.csv" 1e-9 bacon \
        | grep -v '^PASS'
fi

# the roll-out: simulate, analyse, read the rows back
cat >"$T/sim.ini" <<EOT
[project]
seed = 7
[simulate]
registry = $T/rollout.csv
registry_design = rollout
registry_persons = 380
EOT
cat >"$T/did.ini" <<EOT
[project]
seed = 7
synthetic = yes
[registry]
data = $T/rollout.csv
unit = person
time = year
cluster = municipality
outcome = workdays
treatment = treated
inference = cr1
bootstrap = 199
control_group = notyet
base_period = universal
EOT
if "$BIN" simulate "$T/sim.ini" --quiet && "$BIN" did "$T/did.ini" -o "$T/rollout.xlsx" --results "$T/rollout_results.csv" --quiet --no-progress; then
    $PY - "$T/rollout_results.csv" <<'PYEOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
def get(a, t, m):
    for r in rows:
        if r["analysis"] == a and r["term"] == t and r["method"] == m:
            return r
    return None
bad = 0
def check(ok, what):
    global bad
    bad += not ok
    print(("PASS" if ok else "FAIL") + ": " + what)
tw = get("twfe", "treated", "cr1")
check(tw is not None and tw["label"].startswith("WARNING, STAGGERED ADOPTION"), "roll-out: the TWFE row carries the staggered-adoption warning")
tot = get("bacon_summary", "total", "decomposition")
ok = tw is not None and tot is not None and abs(float(tot["estimate"]) - float(tw["estimate"])) <= 1e-9 * abs(float(tw["estimate"]))
check(ok, "roll-out: the Bacon decomposition reproduces the TWFE coefficient to 1e-9")
check(tot is not None and abs(float(tot["statistic"]) - 1) <= 1e-12, "roll-out: the Bacon weights sum to 1")
forb = get("bacon_summary", "later_vs_earlier", "decomposition")
check(forb is not None and float(forb["statistic"]) > 0, "roll-out: forbidden comparisons carry weight")
s = get("cs_aggregate", "simple", "cs_notyet")
check(s is not None and s["estimate"] != "" and "universal base period" in s["label"] and "not-yet" in s["label"],
      "roll-out: the simple aggregate states its controls and base period")
ev = [r for r in rows if r["analysis"] == "cs_event"]
check(len(ev) >= 10 and any(r["term"] == "-1" and r["estimate"] == "0" for r in ev), "roll-out: event study with its universal reference")
pt = get("cs_pretrend", "pre_period_cells", "sup_t")
check(pt is not None and pt["p_value"] != "", "roll-out: sup-t pre-trend test from the bootstrap")
sys.exit(bad)
PYEOF
    bad=$?
    passed=$((passed + 7 - bad))
    failed=$((failed + bad))
    # the workbook: the Summary leads with the group-time effect and names TWFE as biased; the Registry sheet
    # has the staggered-adoption section
    $PY - "$T/rollout.xlsx" <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
def texts(name):
    return [str(c.value) for row in wb[name].iter_rows() for c in row if c.value is not None]
s = " ".join(texts("Summary"))
r = texts("Registry")
bad = 0
for ok, what in [("staggered adoption" in s and "Callaway & Sant'Anna" in s and "is biased here" in s,
                  "workbook: the Summary leads with the group-time effect and names TWFE as biased"),
                 (any(t.startswith("Staggered adoption") for t in r) and any("Goodman-Bacon" in t for t in r)
                  and any(t.startswith("ATT(") for t in r), "workbook: the Registry sheet's staggered-adoption section")]:
    bad += not ok
    print(("PASS" if ok else "FAIL") + ": " + what)
sys.exit(bad)
PYEOF
    bad=$?
    passed=$((passed + 2 - bad))
    failed=$((failed + bad))
else
    ko "roll-out: simulate and analyse"
fi

# the example regenerates from its config and seed
if "$BIN" simulate "$ROOT/examples/simulate-rollout.ini" -o "$T/rollout_example.csv" --quiet &&
    cmp -s "$T/rollout_example.csv" "$ROOT/examples/rollout.csv"; then
    ok "examples/rollout.csv regenerates from its seed"
else
    ko "examples/rollout.csv regenerates from its seed"
fi

# the trial-versus-registry comparison under staggered adoption takes the Callaway-Sant'Anna simple aggregate
# (estimate and interval), not the two-way fixed-effects coefficient: the demo with the roll-out as its registry,
# written in Norwegian (language = nb: the results file is the same) and its workbook scanned for English words
$PY - "$ROOT" "$T/stag.ini" <<'PYEOF'
import re, sys
root, out = sys.argv[1], sys.argv[2]
s = open(root + '/configs/demo.ini').read()
s = re.sub(r'= *\.\./examples/', '= ' + root + '/examples/', s)
s = re.sub(r'(?m)^anchors *= *', 'anchors = ' + root + '/configs/', s)
s = s.replace('[project]\n', '[project]\nlanguage = nb\n', 1)
secs = re.split(r'(?m)^(?=\[)', s)
res = []
for sec in secs:
    if sec.startswith('[registry]'):
        sec = ('[registry]\ndata = ' + root + '/examples/rollout.csv\nunit = person\ntime = year\n'
               'cluster = municipality\noutcome = workdays\ntreatment = treated\ninference = cr1\nbootstrap = 199\n\n')
    if sec.startswith('[compare]'):
        sec = '\n'.join(l for l in sec.split('\n') if not l.startswith(('registry_effect', 'registry_ci'))) + '\n'
    res.append(sec)
open(out, 'w').write(''.join(res))
PYEOF
if "$BIN" run "$T/stag.ini" -o "$T/stag.xlsx" --results "$T/stag.csv" --quiet --no-progress; then
    if $PY - "$T/stag.csv" <<'PYEOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
cs = [r for r in rows if r['module'] == 'did' and r['analysis'] == 'cs_aggregate' and r['term'] == 'simple']
tw = [r for r in rows if r['module'] == 'did' and r['analysis'] == 'twfe' and r['term'] == 'treated']
reg = [r for r in rows if r['module'] == 'compare' and r['analysis'] == 'source_effect' and r['term'] == 'registry_effect']
ok = (len(cs) == 1 and len(reg) == 1 and tw and reg[0]['method'] == cs[0]['method']
      and all(reg[0][k] == cs[0][k] for k in ('estimate', 'ci_low', 'ci_high'))
      and abs(float(reg[0]['estimate']) - float(tw[0]['estimate'])) > 0.5)
sys.exit(0 if ok else 1)
PYEOF
    then ok "compare under staggered adoption: the registry figure is the Callaway-Sant'Anna simple aggregate"
    else ko "compare under staggered adoption: the registry figure is the Callaway-Sant'Anna simple aggregate"; fi
    if $PY "$ROOT/tests/workbook/nb_words.py" "$T/stag.xlsx" "$T/stag.ini" "$T/stag.csv" > "$T/stag-nb.log" 2>&1; then
        ok "the demo with the roll-out registry in Norwegian: no English word outside data values"
    else
        grep '^FAIL' "$T/stag-nb.log" | head -n 20
        ko "the demo with the roll-out registry in Norwegian: $(grep '^INFO' "$T/stag-nb.log" | sed 's/.*; //')"
    fi
else
    ko "the demo with the roll-out registry runs"
fi

# a bad key value names the key
printf '[registry]\ndata = %s\nunit = person\ntime = year\ncluster = municipality\noutcome = workdays\ntreatment = treated\ncontrol_group = sometimes\n' "$T/rollout.csv" >"$T/bad.ini"
if expect "bad control_group" 2 "control_group" "notyet" -- did "$T/bad.ini" --quiet; then :; fi

echo "did-staggered: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
