#!/bin/sh
# The bad-input catalogue: each case writes a small config and data file, runs ipseval, and checks the
# exit status of SPEC §1 and that the message names the place (file:row:column, or file:line: key).
BIN=${BIN:-bin/ipseval}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
T=build/tmp-bad
rm -rf "$T"
mkdir -p "$T"
cd "$T" || exit 1
passed=0
failed=0

# expect NAME EXIT SUBSTRING... -- ARGS...
expect() {
    name=$1 code=$2
    shift 2
    subs=""
    while [ "$1" != "--" ]; do
        subs="$subs
$1"
        shift
    done
    shift
    out=$("$BIN" "$@" 2>&1)
    rc=$?
    ok=1
    [ "$rc" -eq "$code" ] || { echo "FAIL: $name: exit $rc, expected $code: $out"; ok=0; }
    if [ $ok -eq 1 ]; then
        echo "$subs" | while IFS= read -r s; do
            [ -z "$s" ] && continue
            case "$out" in *"$s"*) ;; *) echo "FAIL: $name: message lacks '$s': $out"; exit 1 ;; esac
        done || ok=0
    fi
    case "$out" in *nan*|*Segmentation*|*AddressSanitizer*|*runtime\ error*) echo "FAIL: $name: $out"; ok=0 ;; esac
    if [ $ok -eq 1 ]; then passed=$((passed + 1)); echo "PASS: $name"; else failed=$((failed + 1)); fi
}

check() { # NAME CONDITION-COMMAND...
    name=$1
    shift
    if "$@"; then passed=$((passed + 1)); echo "PASS: $name"; else failed=$((failed + 1)); echo "FAIL: $name"; fi
}

# A good trial file and config; cases vary one thing.
cat > good.csv <<'CSV'
id,arm,emp
1,IPS,1
2,TAU,0
3,IPS,0
4,TAU,1
5,IPS,1
6,TAU,0
CSV
mkcfg() { # FILE DATA [extra project lines] ; uses env ARM_TREAT etc.
    cat > "$1" <<INI
[project]
title = bad-input case
output = ${OUT:-out/report.xlsx}
results = ${RES:-out/results.csv}
${EXTRA:-}
[trial]
data = $2
id = ${IDCOL:-id}
arm = ${ARMCOL:-arm}
treatment = ${TREAT:-IPS}
control = TAU

[outcome:emp]
type = binary
column = emp
INI
}
mkdir -p out

mkcfg missing.ini nothere.csv
expect "missing data file" 3 "nothere.csv" "cannot open" -- rct missing.ini
: > empty.csv; mkcfg empty.ini empty.csv
expect "empty file" 3 "empty.csv" "empty" -- rct empty.ini
echo "id,arm,emp" > header.csv; mkcfg header.ini header.csv
expect "header only" 3 "header.csv" "no data rows" -- rct header.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU\n' > ragged.csv; mkcfg ragged.ini ragged.csv
expect "ragged row" 3 "ragged.csv:3" "2 fields" -- rct ragged.ini
ARMCOL=armm mkcfg unknowncol.ini good.csv
expect "unknown column in config" 2 "unknowncol.ini:9" "'armm'" "did you mean 'arm'" -- rct unknowncol.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,0\n3,OTHER,1\n' > third.csv; mkcfg third.ini third.csv
expect "arm with a third level" 3 "third.csv:4:2 'arm'" "'OTHER'" -- rct third.ini
TREAT=ips mkcfg absent.ini good.csv
expect "treatment level absent" 3 "absent.ini:10: key 'treatment'" "'ips' does not occur" "IPS, TAU" -- rct absent.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,0\n1,TAU,1\n' > dup.csv; mkcfg dup.ini dup.csv
expect "duplicate participant id" 3 "dup.csv:4:1 'id'" "'1' is duplicated" "line 2" -- rct dup.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,abc\n3,IPS,0\n' > nonnum.csv; mkcfg nonnum.ini nonnum.csv
expect "non-numeric outcome" 3 "nonnum.csv:3:3 'emp'" "'abc' is not a number" -- rct nonnum.ini
printf 'id,arm,emp\n1,IPS,1\n2,TAU,2\n3,IPS,0\n' > two.csv; mkcfg two.ini two.csv
expect "binary outcome not 0/1" 3 "two.csv:3:3 'emp'" "not 0 or 1" -- rct two.ini
EXTRA="confidnce = 0.9" mkcfg typo.ini good.csv
expect "unknown config key" 2 "typo.ini:5" "'confidnce'" "did you mean 'confidence'" -- rct typo.ini
EXTRA="confidence = 1.5" mkcfg conf.ini good.csv
expect "confidence outside (0,1)" 2 "conf.ini:5: key 'confidence'" "outside the valid range (0, 1)" -- rct conf.ini
EXTRA="confidence = 0" mkcfg conf0.ini good.csv
expect "confidence zero" 2 "key 'confidence'" "(0, 1)" -- rct conf0.ini
EXTRA="confidence = 95%" mkcfg confpct.ini good.csv
expect "confidence not a number" 2 "key 'confidence'" "'95%' is not a number" -- rct confpct.ini
RES=good.csv mkcfg same.ini good.csv
expect "output equal to input" 2 "good.csv" "never overwritten" -- rct same.ini
expect "--results equal to input" 2 "never overwritten" -- rct missing.ini --results missing.ini
EXTRA="seed = 010x" mkcfg seed.ini good.csv
expect "seed with junk" 2 "key 'seed'" "not a whole number" -- rct seed.ini
printf '[project]\ntitle = a\ntitle = b\n' > dupkey.ini
expect "duplicate key" 2 "dupkey.ini:3" "given twice" "line 2" -- rct dupkey.ini
printf '[projcet]\ntitle = a\n' > badsec.ini
expect "unknown section" 2 "badsec.ini:1" "did you mean [project]" -- rct badsec.ini
{ printf '[project]\ntitle = '; head -c 1100 /dev/zero | tr '\0' 'x'; printf '\n'; } > long.ini
expect "line over 1023 characters" 2 "long.ini:2" "1023" -- rct long.ini
expect "config file missing" 2 "nope.ini" -- rct nope.ini
expect "unknown subcommand" 2 "unknown subcommand" -- frobnicate x.ini
expect "unbuilt subcommand" 2 "not available in this version" -- cba x.ini
expect "unknown option" 2 "unknown option '--bogus'" -- rct good.ini --bogus

# Unwritable output: the previous report and results stay as they were, and no temporary file is left.
mkcfg ok.ini good.csv
"$BIN" rct ok.ini --quiet
before=$(cat out/report.xlsx out/results.csv | sha256sum)
RES=nodir/results.csv mkcfg nodir.ini good.csv
expect "results directory missing" 4 "nodir/results.csv" "does not exist" -- rct nodir.ini
OUT=out/report.xlsx RES=out/results.csv mkcfg ok2.ini good.csv
expect "workbook directory missing" 4 "nodir" "does not exist" -- rct ok2.ini -o nodir/r.xlsx
after=$(cat out/report.xlsx out/results.csv | sha256sum)
check "previous report left intact" [ "$before" = "$after" ]
check "no temporary files left" [ -z "$(ls -A out | grep -v -e '^report.xlsx$' -e '^results.csv$')" ]

# Zero events in one arm: defined estimates, labels for the undefined ones, no bare nan anywhere.
printf 'id,arm,emp\n1,IPS,1\n2,TAU,0\n3,IPS,0\n4,TAU,0\n5,IPS,1\n6,TAU,0\n' > zero.csv
RES=out/zero.csv OUT=out/zero.xlsx mkcfg zero.ini zero.csv
expect "zero events in one arm runs" 0 "" -- rct zero.ini --quiet
check "zero events: no nan in results" sh -c '! grep -qi nan out/zero.csv'
check "zero events: risk ratio says why" grep -q '^rct,risk_ratio,emp,,arm,log_wald,.*zero' out/zero.csv
check "zero events: Newcombe RD defined" grep -qE '^rct,risk_difference,emp,,arm,newcombe,0\.6666' out/zero.csv

# Norwegian Excel export: ';' delimiter and decimal comma, read through [data].
printf 'id;arm;emp;age\n1;IPS;1;30,5\n2;TAU;0;41,25\n3;IPS;0;22\n4;TAU;1;35\n' > semi.csv
EXTRA="" mkcfg semi.ini semi.csv
printf '[data]\ndelimiter = ";"\ndecimal = ","\n' >> semi.ini
expect "semicolon and decimal comma read" 0 "" -- check semi.ini

echo "bad-input: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
