#!/bin/sh
# Safety checks of `make check`: nothing misread, nothing overwritten, nothing injected.
#  1. Norwegian export: the same data written as a spreadsheet in a nb_NO locale writes it (';',
#     decimal comma, thousands '.' or a no-break space) and in C style give bit-identical results.csv.
BIN=${BIN:-bin/ipseval}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
ROOT=$(pwd)
PY=/usr/bin/python3
T=$(mktemp -d "${TMPDIR:-/tmp}/ipseval-safety.XXXXXX") || exit 1
. "$ROOT/tests/lib.sh"
export SOURCE_DATE_EPOCH=1700000000

# ---- 1. Norwegian export ----
# trialcfg FILE DATA DATA_SECTION: a trial config on DATA with a [data] section body
trialcfg() {
    cat > "$1" <<INI
[project]
title = Norwegian export
seed = 7
[data]
$3
missing = , NA, .
[trial]
data = $2
id = id
arm = arm
treatment = IPS
control = TAU
site = county
covariates = age, sex, income
timepoints = 6, 12, 18
[outcome:employment]
type = binary
columns = emp6, emp12, emp18
primary = yes
[outcome:qol]
type = continuous
columns = qol6, qol12
timepoints = 6, 12
baseline = qol0
[outcome:days]
type = continuous
column = days_to_job
INI
}
for sep in dot nbsp; do
    $PY "$ROOT/tests/hardening/nb_export.py" "$ROOT/examples/trial.csv" "$T/c.csv" "$T/nb-$sep.csv" $sep
    th='"."'
    [ $sep = nbsp ] && th='" "'
    trialcfg "$T/c.ini" c.csv 'delimiter = ","
decimal = "."'
    trialcfg "$T/nb-$sep.ini" "nb-$sep.csv" "delimiter = \";\"
decimal = \",\"
thousands = $th"
    "$BIN" run "$T/c.ini" -o "$T/c.xlsx" --results "$T/c-results.csv" --quiet > "$T/log" 2>&1 || cat "$T/log"
    "$BIN" run "$T/nb-$sep.ini" -o "$T/nb.xlsx" --results "$T/nb-$sep-results.csv" --quiet > "$T/log" 2>&1 ||
        cat "$T/log"
    if [ -s "$T/c-results.csv" ] && [ "$(wc -l < "$T/c-results.csv")" -gt 20 ] &&
        cmp -s "$T/c-results.csv" "$T/nb-$sep-results.csv"; then
        ok "norwegian export (thousands $sep): results.csv bit-identical to the C-style file's ($(wc -l < "$T/c-results.csv") lines)"
    else
        ko "norwegian export (thousands $sep): results.csv differs from the C-style file's"
        diff "$T/c-results.csv" "$T/nb-$sep-results.csv" | head -5
    fi
    # without the thousands setting the run is refused, naming the cell and the setting
    trialcfg "$T/nb-no.ini" "nb-$sep.csv" 'delimiter = ";"
decimal = ","'
    expect "norwegian export (thousands $sep) read without thousands: refused, naming the cell and the rule" 3 \
        "nb-$sep.csv:2:30 'income': '180" "set thousands = $th" -- run "$T/nb-no.ini" -o "$T/no.xlsx" --results "$T/no.csv"
    [ ! -e "$T/no.csv" ] && [ ! -e "$T/no.xlsx" ] && ok "refused run wrote nothing" || ko "refused run wrote nothing"
done

if [ "$failed" -eq 0 ]; then rm -rf "$T"; else echo "  (scratch directory kept: $T)"; fi
echo "safety: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
