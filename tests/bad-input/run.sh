#!/bin/sh
# The bad-input catalogue (issue 10). Every case runs ipseval on a small crafted input and asserts
#  - the exit status of SPEC §1 (0 ok, 1 analysis, 2 usage/config, 3 data, 4 output),
#  - that the message names the place (file:row:column, file:line: key, the option or the file),
#    plus the words that say what is wrong and what is valid,
#  - no crash, no sanitizer report, no bare "nan" on the terminal,
#  - that no input file changed (SHA-256 of every input in the scratch directory before and after),
#  - for a refused run, that no previous output changed either (SHA-256 of every file under out/).
# Cases live in tests/bad-input/cases/<category>.sh (data, encoding, config, statistics, output, and
# one file per module as they land); each is sourced in name order with the helpers below. A new
# case: add it to the category file it belongs to. The summary counts cases per category.
BIN=${BIN:-bin/ipseval}
export SOURCE_DATE_EPOCH=1700000000 # workbooks of reruns are byte-identical
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
ROOT=$(pwd)
# a private scratch directory: parallel `make check` runs (and `make clean`) cannot disturb it
T=$(mktemp -d "${TMPDIR:-/tmp}/ipseval-bad-input.XXXXXX") || exit 1
mkdir -p "$T/out"
cd "$T" || exit 1
. "$ROOT/tests/lib.sh" # expect_run; this catalogue counts by category with pass and fail
cat_counts=""

# The SHA-256 of every input in the scratch directory (outputs live under out/ and nodir*/).
inputs_sum() {
    find . -path ./out -prune -o -type f \( -name '*.csv' -o -name '*.ini' -o -name '*.dta' -o -name '*.sav' \
        -o -name '*.tsv' -o -name '*.txt' \) -print 2>/dev/null | LC_ALL=C sort | xargs -r sha256sum 2>/dev/null
}

# The SHA-256 of every previous output (a refused run must leave them byte-identical).
outputs_sum() {
    find out -type f -print 2>/dev/null | LC_ALL=C sort | xargs -r sha256sum 2>/dev/null
}

pass() { passed=$((passed + 1)); cat_n=$((cat_n + 1)); echo "PASS: [$category] $1"; }
fail() { failed=$((failed + 1)); cat_n=$((cat_n + 1)); echo "FAIL: [$category] $1"; }
n_expect=0 # runs expected to fail: they assert an exit status and a message naming the place

# expect NAME EXIT SUBSTRING... -- ARGS...
# For EXIT != 0 the first SUBSTRING must name a place: a file (x.csv, x.ini, ...), an option (--x) or
# the subcommand; the catalogue refuses cases that do not say where.
expect() {
    name=$1 code=$2
    first=$3
    [ "$first" = "--" ] && first=""
    if [ "$code" -ne 0 ] && ! echo "$first" | grep -Eq '[A-Za-z0-9_.-]+\.(csv|ini|xlsx|dta|sav|tsv|txt)|--[a-z]|subcommand|option|argument|config file|SOURCE_DATE_EPOCH'; then
        fail "$name: the case must check that the message names the place (first substring '$first')"
        return
    fi
    [ "$code" -ne 0 ] && cat_e=$((cat_e + 1))
    in_before=$(inputs_sum)
    out_before=$(outputs_sum)
    expect_run "$@"
    in_after=$(inputs_sum)
    [ "$in_before" = "$in_after" ] || { echo "  $name: an input file changed during the run"; good=0; }
    if [ "$code" -ne 0 ] && [ "$out_before" != "$(outputs_sum)" ]; then
        echo "  $name: a previous output changed during a refused run"
        good=0
    fi
    if [ $good -eq 1 ]; then pass "$name"; else fail "$name"; fi
}

# check NAME COMMAND...: a property of what a previous case wrote.
check() {
    name=$1
    shift
    if "$@"; then pass "$name"; else fail "$name"; fi
}

# ---- shared inputs: a good trial file and a config generator; cases vary one thing ----
cat > good.csv <<'CSV'
id,arm,county,age,emp
1,IPS,Oslo,25,1
2,TAU,Oslo,31,0
3,IPS,Bergen,40,0
4,TAU,Bergen,22,1
5,IPS,Oslo,35,1
6,TAU,Bergen,28,0
CSV
# mkcfg FILE DATA: a trial config; env OUT, RES, EXTRA ([project] lines), DATA_EXTRA ([data] section),
# TRIAL_EXTRA ([trial] lines), IDCOL, ARMCOL, TREAT (set but empty: an empty value), OUTCOME (the
# [outcome:emp] body). Lines: 1 [project], 3 output, 4 results, 5 EXTRA, 6 DATA_EXTRA (one line),
# 7 [trial], 8 data, 9 id, 10 arm, 11 treatment, 12 control, 13 TRIAL_EXTRA, 14 [outcome:emp], 15 type.
# dash keeps VAR=x assignments made in front of a function call, so mkcfg clears them when done.
mkcfg() {
    cat > "$1" <<INI
[project]
title = bad-input case
output = ${OUT:-out/report.xlsx}
results = ${RES:-out/results.csv}
${EXTRA:-}
${DATA_EXTRA:-}
[trial]
data = $2
id = ${IDCOL-id}
arm = ${ARMCOL-arm}
treatment = ${TREAT-IPS}
control = TAU
${TRIAL_EXTRA:-}
[outcome:emp]
${OUTCOME:-type = binary
column = emp}
INI
    unset OUT RES EXTRA DATA_EXTRA TRIAL_EXTRA IDCOL ARMCOL TREAT OUTCOME
}

summary=""
for f in "$ROOT"/tests/bad-input/cases/*.sh; do
    category=$(basename "$f" .sh)
    cat_n=0 cat_e=0
    p0=$passed f0=$failed
    . "$f"
    summary="$summary  $category: $cat_n checks, $cat_e of them refused inputs asserting exit status and place ($((passed - p0)) passed, $((failed - f0)) failed)
"
    n_expect=$((n_expect + cat_e))
done
echo "bad-input catalogue by category ($n_expect refused inputs, each asserting the exit status and a message naming the place):"
printf '%s' "$summary"

# Cases still in the old catalogue (tests/bad/run.sh, where the module engineers have been adding
# theirs): run until they are moved into cases/<category>.sh, counted apart.
cd "$ROOT" || exit 1
if [ -f tests/bad/run.sh ] && grep -q '^expect ' tests/bad/run.sh; then
    legacy=$(BIN="$BIN" sh tests/bad/run.sh 2>&1)
    echo "$legacy" | grep -v '^PASS' | grep -v '^bad-input:'
    line=$(echo "$legacy" | grep -E '^bad-input: [0-9]+ passed' | tail -n 1)
    lp=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
    lf=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    echo "  legacy tests/bad/run.sh: ${lp:-0} passed, ${lf:-1} failed (not counted in the catalogue)"
    passed=$((passed + ${lp:-0}))
    failed=$((failed + ${lf:-1}))
fi
if [ "$failed" -eq 0 ]; then rm -rf "$T"; else echo "  (scratch directory kept: $T)"; fi
echo "bad-input: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
