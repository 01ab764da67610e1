#!/bin/sh
# The bad-input catalogue: each case writes a small config and data file, runs ipseval, and checks the
# exit status of SPEC §1 and that the message names the place (file:row:column, or file:line: key).
BIN=${BIN:-bin/ipseval}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
ROOT=$(pwd)
T=build/tmp-bad
rm -rf "$T"
mkdir -p "$T"
cd "$T" || exit 1
. "$ROOT/tests/lib.sh"

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
expect "cba with a missing config file" 2 "x.ini" "cannot open" -- cba x.ini
expect "unknown option" 2 "unknown option '--bogus'" -- rct good.ini --bogus

# Unwritable output: the previous report and results stay as they were, and no temporary file is left.
mkcfg ok.ini good.csv
"$BIN" rct ok.ini --quiet
before=$(cat out/report.xlsx out/results.csv | sha256sum)
printf 'x\n' > afile
RES=afile/results.csv mkcfg nodir.ini good.csv
expect "results folder cannot be made (a file is in the way)" 4 "afile/results.csv" "is a file, not a folder" -- rct nodir.ini
OUT=out/report.xlsx RES=out/results.csv mkcfg ok2.ini good.csv
expect "workbook folder cannot be made" 4 "afile" "is a file, not a folder" -- rct ok2.ini -o afile/r.xlsx
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

# The trial over time (issue 4): time-to-event columns, the long layout, degenerate repeated-measures fits.
mktte() { # FILE DATA
    cat > "$1" <<INI
[project]
title = bad-input case (time to event)
output = out/tte.xlsx
results = out/tte.csv
[trial]
data = $2
id = id
arm = arm
treatment = IPS
control = TAU
[outcome:job]
type = time_to_event
time = days
event = got_job
at = 30, 90
INI
}
printf 'id,arm,days,got_job\n1,IPS,10,1\n2,TAU,-5,0\n3,IPS,40,0\n4,TAU,20,1\n' > negtime.csv; mktte negtime.ini negtime.csv
expect "negative time to event" 3 "negtime.csv:3:3 'days'" "negative" -- rct negtime.ini
printf 'id,arm,days,got_job\n1,IPS,10,1\n2,TAU,,0\n3,IPS,40,0\n4,TAU,20,1\n' > misstime.csv; mktte misstime.ini misstime.csv
expect "missing time to event" 3 "misstime.csv:3:3 'days'" "time is missing" -- rct misstime.ini
printf 'id,arm,days,got_job\n1,IPS,10,1\n2,TAU,30,2\n3,IPS,40,0\n4,TAU,20,1\n' > evcode.csv; mktte evcode.ini evcode.csv
expect "event code other than the configured ones" 3 "evcode.csv:3:4 'got_job'" "event code '2'" "event_value" -- rct evcode.ini
expect "event code checked by ipseval check too" 3 "event code '2'" -- check evcode.ini
mklong() { # FILE DATA [extra trial lines]
    cat > "$1" <<INI
[project]
title = bad-input case (long layout)
output = out/long.xlsx
results = out/long.csv
[trial]
data = $2
layout = long
id = id
time = month
arm = arm
treatment = IPS
control = TAU
timepoints = 6, 12
${3:-}
[outcome:emp]
type = binary
column = emp
INI
}
printf 'id,arm,month,emp\n1,IPS,6,1\n1,IPS,12,1\n2,TAU,6,0\n2,TAU,6,1\n3,IPS,6,0\n3,IPS,12,1\n4,TAU,12,0\n' > twice.csv
mklong twice.ini twice.csv
expect "participant with two rows at one timepoint" 3 "twice.csv:5:1 'id'" "two rows at timepoint 6" "line 4" -- rct twice.ini
printf 'id,arm,month,emp\n1,IPS,6,1\n1,TAU,12,1\n2,TAU,6,0\n' > armvary.csv; mklong armvary.ini armvary.csv
expect "arm differs between a participant's rows" 3 "armvary.csv:3:2 'arm'" "same on every row" -- rct armvary.ini
printf 'id,arm,month,emp\n1,IPS,6,1\n1,IPS,24,1\n' > badtp.csv; mklong badtp.ini badtp.csv
expect "timepoint not in [trial] timepoints" 3 "badtp.csv:3:3 'month'" "not one of [trial] timepoints" -- rct badtp.ini
sed 's/^time = month$//' twice.ini > notime.ini
expect "long layout without time" 2 "notime.ini" "layout = long needs key 'time'" -- rct notime.ini
# A timepoint with no observations in one arm: the per-timepoint rows say so, and so does every repeated-measures model.
printf 'id,arm,month,emp\n1,IPS,6,1\n1,IPS,12,1\n2,TAU,6,0\n3,IPS,6,0\n3,IPS,12,0\n4,TAU,6,1\n5,IPS,6,1\n5,IPS,12,0\n6,TAU,6,0\n' > noarm.csv
mklong noarm.ini noarm.csv
expect "timepoint with no observations in one arm runs" 0 "" -- rct noarm.ini --quiet
check "no observations in one arm: GEE says which arm and timepoint" grep -q '^rct,gee_logistic,emp,,arm,exchangeable,.*not estimable: no observed .emp. in arm TAU at timepoint 12' out/long.csv
check "no observations in one arm: GLMM says so" grep -q '^rct,glmm_logistic,emp,,arm,aghq,.*not estimable: no observed' out/long.csv
check "no observations in one arm: no nan in results" sh -c '! grep -qi nan out/long.csv'
# A GLMM that does not converge (everyone in the intervention arm employed at both timepoints): reported with what was tried.
{ echo 'id,arm,month,emp'; for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    if [ $((i % 2)) -eq 0 ]; then echo "$i,IPS,6,1"; echo "$i,IPS,12,1"; else echo "$i,TAU,6,$((i % 3 == 0))"; echo "$i,TAU,12,$((i % 5 == 0))"; fi; done; } > sep.csv
mklong sep.ini sep.csv
expect "separation: the run completes" 0 "" -- rct sep.ini --quiet
check "GLMM non-convergence reported with what was tried" grep -q '^rct,glmm_logistic,emp,,arm,laplace,.*did not converge: tried Newton-Raphson.*Nelder-Mead' out/long.csv
check "separation: no nan in results" sh -c '! grep -qi nan out/long.csv'

# ---- the trial at each timepoint: outcomes, covariates, sites, subgroups ----
mktp() { # FILE DATA [extra trial lines] [extra outcome sections]
    cat > "$1" <<INI
[project]
title = bad-input case (timepoints)
output = out/tp.xlsx
results = out/tp.csv
[trial]
data = $2
arm = arm
treatment = IPS
control = TAU
timepoints = 6, 12
${3:-}
[outcome:emp]
type = binary
columns = ${COLS:-emp6, emp12}
${4:-}
INI
}
cat > tp.csv <<'CSV'
id,arm,site,age,age2,k,grp,emp6,emp12,qol
1,IPS,S1,25,50,3,a,1,1,
2,TAU,S1,31,62,3,a,0,0,
3,IPS,S1,40,80,3,b,1,0,
4,TAU,S1,22,44,3,b,0,1,
5,IPS,S2,35,70,3,a,0,1,
6,TAU,S2,28,56,3,b,1,0,
7,IPS,S2,45,90,3,c,0,0,
8,TAU,S2,50,100,3,c,1,0,
9,IPS,S1,33,66,3,c,1,0,
10,TAU,S2,29,58,3,a,0,1,
11,IPS,S1,38,76,3,b,0,1,
12,TAU,S1,41,82,3,a,1,1,
CSV
COLS="emp6, emp18" mktp tpcol.ini tp.csv
expect "outcome column missing for one timepoint" 2 "tpcol.ini:14: key 'columns' in [outcome:emp]" "emp18" "tp.csv" -- rct tpcol.ini
mktp tpallmiss.ini tp.csv "" "[outcome:qol]
type = continuous
column = qol"
expect "all-missing outcome" 3 "tp.csv" "'qol'" "no observed values" "at least one numeric value" "tpallmiss.ini:17: key 'column' in [outcome:qol]" -- rct tpallmiss.ini
mktp tpconst.ini tp.csv "covariates = age, k"
expect "constant covariate" 3 "covariate 'k' is constant (3 for every participant)" "tpconst.ini:11: key 'covariates' in [trial]" -- rct tpconst.ini
mktp tpcoll.ini tp.csv "covariates = age, age2"
expect "collinear covariates named" 3 "collinear" "'age2' = 2 x 'age'" "tpcoll.ini:11: key 'covariates'" -- rct tpcoll.ini
{ cat tp.csv; echo "13,IPS,S3,30,60,3,a,1,1,"; echo "14,IPS,S3,36,72,3,b,0,1,"; } > tpsite.csv
mktp tpsite.ini tpsite.csv "site = site"
expect "site with one arm only" 3 "site 'S3'" "no participant in arm 'TAU'" "tpsite.ini:11: key 'site'" -- rct tpsite.ini
mktp tpsub.ini tp.csv "subgroups = grp"
expect "subgroup level with no events: the run completes" 0 "" -- rct tpsub.ini --quiet
check "subgroup level with no events: interaction says which level" grep -q '^rct,interaction,emp,12,arm:grp,logistic_lr,.*not estimable: subgroup grp\[c\] has no events (0/3)' out/tp.csv
check "subgroup level with no events: the level's risk difference is still reported" grep -q '^rct,subgroup_effect,emp,12,grp\[c\]:arm,newcombe,0,.*0\/2 vs 0\/1' out/tp.csv
check "subgroup level with no events: no nan in results" sh -c '! grep -qi nan out/tp.csv'

# ---- fidelity ([fidelity], [scale:NAME], [agreement]): each case names the file:row:column or the key ----
IPSHEAD="site,review,rater,S1,S2,S3,O1,O2,O3,O4,O5,O6,O7,O8,V1,V2,V3,V4,V5,V6,V7,V8,V9,V10,V11,V12,V13,V14"
R24=",3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3"
mkfid() { # FILE DATA [extra [fidelity] lines] [extra sections]
    cat > "$1" <<INI
[project]
output = out/fid.xlsx
results = out/fid.csv
[fidelity]
data = $2
scale = ${FIDSCALE:-ips25}
site = site
review = review
rater = rater
${3:-}
${4:-}
INI
}
printf '%s\nS,1,A,0%s\nS,1,B,3%s\n' "$IPSHEAD" "$R24" "$R24" > fid0.csv; mkfid fid0.ini fid0.csv
expect "fidelity: item score 0" 3 "fid0.csv:2:4 'S1'" "score 0 is outside the range of scale 'ips25' (1 to 5)" -- fidelity fid0.ini
printf '%s\nS,1,A,3%s\nS,1,B,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,6\n' "$IPSHEAD" "$R24" > fid6.csv; mkfid fid6.ini fid6.csv
expect "fidelity: item score 6" 3 "fid6.csv:3:28 'V14'" "score 6 is outside the range" -- fidelity fid6.ini
printf '%s\nS,1,A,3.5%s\nS,1,B,3%s\n' "$IPSHEAD" "$R24" "$R24" > fidh.csv; mkfid fidh.ini fidh.csv
expect "fidelity: non-integer score" 3 "fidh.csv:2:4 'S1'" "'3.5' is not a whole-number score" -- fidelity fidh.ini
printf 'site,review,rater,q1,q2\nS,1,A,1,2\nS,1,B,2,2\n' > fidq.csv
FIDSCALE=mine mkfid fidq.ini fidq.csv "" "[scale:mine]
items = q1, q2
reverse = q3"
expect "fidelity: unknown item in a scale" 2 "fidq.ini:13: key 'reverse' in [scale:mine]" "'q3' is not an item of scale 'mine'" -- fidelity fidq.ini
printf 'site,review,reviewer%s\n' "$(echo "$IPSHEAD" | cut -d, -f4- | sed 's/^/,/')" > fidr.csv
printf 'S,1,A,3%s\n' "$R24" >> fidr.csv; mkfid fidr.ini fidr.csv
expect "fidelity: missing rater column" 2 "fidr.ini:9: key 'rater' in [fidelity]" "reviewer" -- fidelity fidr.ini
printf '%s\nS,1,A,3%s\nS,1,B,3%s\nS,2,A,4%s\n' "$IPSHEAD" "$R24" "$R24" "$R24" > fid1.csv; mkfid fid1.ini fid1.csv
expect "fidelity: a review with only one rater" 3 "fid1.csv:4: site 'S' review '2' has 1 rater (A)" "min_raters = 1" -- fidelity fid1.ini
printf '%s\nS,1,A,3%s\nS,1,B,,,,,,,,,,,,,,,,,,,,,,,,,\n' "$IPSHEAD" "$R24" > fidm.csv; mkfid fidm.ini fidm.csv
expect "fidelity: all items missing" 3 "fidm.csv:3: no item is scored in this row" -- fidelity fidm.ini
printf '%s\nS,1,A,3%s\nS,1,B,3%s\nS,1,A,4%s\n' "$IPSHEAD" "$R24" "$R24" "$R24" > fidd.csv; mkfid fidd.ini fidd.csv
expect "fidelity: duplicate rater row" 3 "fidd.csv:4: duplicate row: site 'S' review '1' rater 'A'" "also line 2" -- fidelity fidd.ini
FIDSCALE=ips26 mkfid fidu.ini fid1.csv
expect "fidelity: unknown scale" 2 "fidu.ini:6: key 'scale' in [fidelity]" "ips26" "ips25" -- fidelity fidu.ini
printf 'id,j1,j2\n1,3,4\n2,2,x\n3,4,4\n' > agr.csv
printf '[project]\noutput = out/agr.xlsx\nresults = out/agr.csv\n[agreement]\ndata = agr.csv\nraters = j1\n' > agr1.ini
expect "agreement: one rater column" 2 "agr1.ini:6: key 'raters' in [agreement]" "at least two rater columns" -- fidelity agr1.ini
printf '[project]\noutput = out/agr.xlsx\nresults = out/agr.csv\n[agreement]\ndata = agr.csv\nraters = j1, j3\n' > agr3.ini
expect "agreement: missing rater column" 2 "agr3.ini:6: key 'raters' in [agreement]" "j3" -- fidelity agr3.ini
printf '[project]\noutput = out/agr.xlsx\nresults = out/agr.csv\n[agreement]\ndata = agr.csv\nraters = j1, j2\n' > agrx.ini
expect "agreement: a rating that is not a number" 3 "agr.csv:3:3 'j2'" "'x' is not a number" -- fidelity agrx.ini
echo "bad-input: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
