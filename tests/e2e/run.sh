#!/bin/sh
# End to end: make demo's job (ipseval run configs/demo.ini) into a scratch directory, then
#  - the workbook reads back (openpyxl) with the same numbers as results.csv,
#  - (LibreOffice opens, recalculates and prints the same demo workbook in tests/workbook/run.sh)
#  - a rerun with the same SOURCE_DATE_EPOCH is byte-identical,
#  - the bundled example is what `ipseval simulate examples/simulate-trial.ini` makes from its seed.
BIN=${BIN:-bin/ipseval}
ROOT=$(pwd)
T=build/tmp-e2e
rm -rf "$T"
mkdir -p "$T"
. "$ROOT/tests/lib.sh"

export SOURCE_DATE_EPOCH=1700000000
# inputs are never modified (issue 10): SHA-256 of every config, example and reference file, before and after
inputs_sum() { find configs examples tests/reference/kits -type f 2>/dev/null | LC_ALL=C sort | xargs -r sha256sum | sha256sum; }
inputs_before=$(inputs_sum)
if "$BIN" run configs/demo.ini -o "$T/demo.xlsx" --results "$T/results.csv" --quiet; then ok "ipseval run configs/demo.ini"; else ko "ipseval run configs/demo.ini"; fi
if [ -s "$T/demo.xlsx" ] && [ -s "$T/results.csv" ]; then ok "workbook and results written"; else ko "workbook and results written"; fi

# Read back with openpyxl: every number in results.csv is in the Results sheet; the trial's sheets (Baseline,
# Attrition, Outcomes, Subgroups) in order with their counts.
if /usr/bin/python3 tests/e2e/read_xlsx.py "$T/demo.xlsx" "$T/results.csv" > "$T/xlsx.log" 2>&1; then
    ok "workbook reads back with the numbers of results.csv ($(tail -n 1 "$T/xlsx.log"))"
else
    cat "$T/xlsx.log"
    ko "workbook reads back with the numbers of results.csv"
fi

# A three-arm trial (issue 3): the trial's sheets with one row per comparison, read back the same way.
if "$BIN" run tests/data/rct/threearm.ini -o "$T/threearm.xlsx" --results "$T/threearm.csv" --quiet &&
    /usr/bin/python3 tests/e2e/read_xlsx.py "$T/threearm.xlsx" "$T/threearm.csv" > "$T/xlsx3.log" 2>&1; then
    ok "three-arm workbook reads back with the numbers of results.csv ($(tail -n 1 "$T/xlsx3.log"))"
else
    cat "$T/xlsx3.log"
    ko "three-arm workbook reads back with the numbers of results.csv"
fi

# Reproducible: same inputs, same seed, same SOURCE_DATE_EPOCH -> same bytes.
"$BIN" run configs/demo.ini -o "$T/demo2.xlsx" --results "$T/results2.csv" --quiet
if cmp -s "$T/demo.xlsx" "$T/demo2.xlsx" && cmp -s "$T/results.csv" "$T/results2.csv"; then ok "rerun is byte-identical"; else ko "rerun is byte-identical"; fi

# The bundled example is reproducible from its config and seed.
"$BIN" simulate examples/simulate-trial.ini -o "$T/trial.csv" --quiet
if cmp -s "$T/trial.csv" examples/trial.csv; then ok "examples/trial.csv regenerates from its seed"; else ko "examples/trial.csv regenerates from its seed"; fi
"$BIN" simulate examples/simulate-trial.ini -o "$T/trial-other.csv" --seed 7 --quiet
if ! cmp -s "$T/trial-other.csv" examples/trial.csv; then ok "another seed gives other data"; else ko "another seed gives other data"; fi
"$BIN" simulate examples/simulate-fidelity.ini -o "$T/fidelity.csv" --quiet
if cmp -s "$T/fidelity.csv" examples/fidelity.csv; then ok "examples/fidelity.csv regenerates from its seed"; else ko "examples/fidelity.csv regenerates from its seed"; fi
"$BIN" simulate examples/simulate-survey.ini -o "$T/survey.csv" --quiet
if cmp -s "$T/survey.csv" examples/survey.csv; then ok "examples/survey.csv regenerates from its seed"; else ko "examples/survey.csv regenerates from its seed"; fi
"$BIN" simulate examples/simulate-registry.ini -o "$T/registry.csv" --quiet
if cmp -s "$T/registry.csv" examples/registry.csv; then ok "examples/registry.csv regenerates from its seed"; else ko "examples/registry.csv regenerates from its seed"; fi
"$BIN" simulate examples/simulate-cea.ini -o "$T/cea_trial.csv" --quiet
if cmp -s "$T/cea_trial.csv" examples/cea_trial.csv; then ok "examples/cea_trial.csv regenerates from its seed"; else ko "examples/cea_trial.csv regenerates from its seed"; fi
"$BIN" simulate examples/simulate-demo-costs.ini -o "$T/demo_costs.csv" --quiet
if cmp -s "$T/demo_costs.csv" examples/demo_costs.csv; then ok "examples/demo_costs.csv regenerates from its seed"; else ko "examples/demo_costs.csv regenerates from its seed"; fi
# The three-arm cost-effectiveness example runs, and reruns identically.
"$BIN" run examples/cea-three-arm.ini -o "$T/cea.xlsx" --results "$T/cea.csv" --quiet &&
    "$BIN" run examples/cea-three-arm.ini -o "$T/cea2.xlsx" --results "$T/cea2.csv" --quiet
if cmp -s "$T/cea.csv" "$T/cea2.csv" && cmp -s "$T/cea.xlsx" "$T/cea2.xlsx" && grep -q '^cea,cea_frontier,' "$T/cea.csv"; then
    ok "the three-arm cost-effectiveness example runs and reruns byte-identically"
else
    ko "the three-arm cost-effectiveness example runs and reruns byte-identically"
fi

# LibreOffice opening the demo workbook, recalculating and printing it: tests/workbook/run.sh
if [ "$inputs_before" = "$(inputs_sum)" ]; then ok "no input file changed (SHA-256 before and after)"; else ko "an input file changed"; fi
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
