#!/bin/sh
# Multiple imputation at full size: the continuous case of tests/reference/kits/mi_trial at m = 1000 (make check runs
# it at 200: the LMMs are re-fitted per imputation) and the binary case at 1000, each compared with mice + pool
# (expected.csv, M = 1000) within 3 Monte Carlo SEs by tests/mi/micmp.py. The peer's time is reference.R's whole
# run (both outcomes, M = 1000 each), not re-run here (minutes): see the kit's README.
. bench/common.inc
K=tests/reference/kits/mi_trial
fail=0
for c in binary continuous; do
    sed 's/^imputations = .*/imputations = 1000/' "$K/trial-$c.ini" > "$K/.bench-$c.ini"
    s=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$B/mi.mem" "$BIN" rct "$K/.bench-$c.ini" -o "$B/mi-$c.xlsx" --results "$B/mi-$c.csv" --quiet || fail=1
    t=$(echo "$(date +%s.%N) $s" | awk '{ printf "%.2f", $1 - $2 }')
    outcome=$([ $c = binary ] && echo employment || echo score)
    if /usr/bin/python3 tests/mi/micmp.py "$K/expected.csv" "$B/mi-$c.csv" --name "mi-$c-1000" --outcome "$outcome"; then
        chk="within 3 MC SE of mice"
    else
        chk="DISAGREES"
        fail=1
    fi
    row "mi $c (m = 1000)" "n = 240" "$t" "mice 3.15 + pool" "-" "$(mb "$(cat "$B/mi.mem")")" "-" "$chk"
    rm -f "$K/.bench-$c.ini"
done
exit $fail
