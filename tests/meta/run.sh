#!/bin/sh
# The meta-analysis and the trial-versus-real-world comparison through the command line:
#  - the comparison on the demo (configs/demo.ini: the demo trial, the demo registry when [registry] is in it,
#    the bundled IPS trials): every conversion recomputed by hand from the run's own rows;
#  - the demo's meta-analysis reproduces the check values of ../shared/DOMAIN.md §8 through the command line;
#  - the live "Trial vs real world" sheet: LibreOffice headless recalculates every formula and each value equals
#    ipseval's cached one (1e-9); a changed assumption (position share) moves the figures as it should;
#  - bad input: a study with no events in either arm (excluded, and said), a negative variance, fewer than two
#    studies for a random-effects model, a take-up of 0 or above 1, a trial without a binary primary outcome.
BIN=${BIN:-bin/ipseval}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
ROOT=$(pwd)
T=build/tmp-meta.$$ # per process: other make checks may run in the same tree at the same time
rm -rf "$T"
mkdir -p "$T"
cd "$T" || exit 1
trap 'cd "$ROOT" && rm -rf "$T"' EXIT
PY=/usr/bin/python3
. "$ROOT/tests/lib.sh"


# tally the summary line of a python check
py() { # NAME ARGS...
    name=$1
    shift
    if $PY "$ROOT/tests/meta/check_compare.py" "$@" > py.log 2>&1; then
        ok "$name ($(grep -E '^[a-z-]+: [0-9]+ passed' py.log))"
    else
        grep -Ev '^[a-z-]+: [0-9]+ passed' py.log # tests/run.sh adds up every summary line: only ours
        ko "$name"
    fi
}

# ---- the comparison on the demo ----
export SOURCE_DATE_EPOCH=1700000000
if "$BIN" run "$ROOT/configs/demo.ini" --quiet -o demo.xlsx --results demo.csv; then ok "the demo runs"; else ko "the demo runs"; fi
if grep -q '^did,twfe,' demo.csv; then
    ok "the demo has a registry: the comparison uses the run's difference in differences"
else
    echo "# configs/demo.ini has no [registry]: the registry conversions are checked once it has one"
fi
py "every conversion of the demo recomputed from the run's own rows" conversions demo.csv
py "the Summary sentence on trial versus real world names days, take-up and its denominator, the attained level" \
    summary demo.csv demo.xlsx

# ../shared/DOMAIN.md §8 check values for the first 7 rows of ips_rct_meta.csv (the demo's pool), through the
# command line at the precision printed there (half a unit of the last digit; test_meta_ips.c has them against
# R to 1e-6): DL RR 2.599 (2.070-3.265), PI 1.616-4.181, Q 12.21 on 6 df, I2 50.9%, tau2 0.04526; REML-KH RR
# 2.585 (1.910-3.497; R 2.58446, so 2.5845 at four digits: docs/methods.md (meta-analysis) §6); fixed 2.49 (§5.2).
domain() { # NAME ANALYSIS TERM METHOD COLUMN WANT HALF-UNIT
    got=$(awk -F, -v a="$2" -v t="$3" -v m="$4" -v c="$5" '$1 == "meta" && $2 == a && $5 == t && $6 == m { print $c; exit }' demo.csv)
    if [ -n "$got" ] && awk -v g="$got" -v w="$6" -v h="$7" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(d <= h) }'; then
        ok "DOMAIN.md §8 through the command line: $1 $6 (got $got)"
    else
        ko "DOMAIN.md §8 through the command line: $1 $6 (got '$got')"
    fi
}
domain "DL RR" pooled rr dl 7 2.599 0.0005
domain "DL CI low" pooled rr dl 9 2.070 0.0005
domain "DL CI high" pooled rr dl 10 3.265 0.0005
domain "DL prediction interval low" prediction_interval rr dl 9 1.616 0.0005
domain "DL prediction interval high" prediction_interval rr dl 10 4.181 0.0005
domain "Q" heterogeneity Q dl 11 12.21 0.005
domain "Q df" heterogeneity Q dl 12 6 0
domain "I2 %" heterogeneity I2 dl 7 50.9 0.05
domain "tau2" heterogeneity tau2 dl 7 0.04526 0.000005
domain "REML-KH RR" pooled rr reml_hk 7 2.5845 0.00005
domain "REML-KH CI low" pooled rr reml_hk 9 1.910 0.0005
domain "REML-KH CI high" pooled rr reml_hk 10 3.497 0.0005
domain "fixed RR" pooled rr fixed 7 2.49 0.005

if office "LibreOffice recalculates the comparison workbooks"; then
    prof="$(pwd)/lo-profile" # recalculate every formula on load (PITFALLS.md)
    mkdir -p "$prof/user" recalc
    cat > "$prof/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
    $PY "$ROOT/tests/meta/check_compare.py" setshare demo.xlsx share.xlsx 0.5 > /dev/null
    if timeout 300 soffice -env:UserInstallation=file://"$prof" --headless --convert-to xlsx --outdir recalc \
        demo.xlsx share.xlsx > soffice.log 2>&1 && [ -s recalc/share.xlsx ]; then
        py "Trial vs real world: every live formula recalculates to ipseval's value" recalc demo.xlsx recalc/demo.xlsx
        py "position share changed in the sheet: the figures move as they should" moved recalc/demo.xlsx \
            recalc/share.xlsx 0.6 0.5
    else
        cat soffice.log
        ko "LibreOffice recalculated the workbooks"
    fi
fi

# ---- federated pooling: three registry runs pooled from their results files (no microdata moves) ----
for s in 1 2 3; do
    printf '[project]\nseed = %s\n[simulate]\nregistry = panel%s.csv\nregistry_persons = 600\nregistry_clusters = 8\nregistry_treated = 3\n' \
        "$s" "$s" > sim$s.ini
    printf '[project]\noutput = did%s.xlsx\nresults = site%s.csv\n[registry]\ndata = panel%s.csv\nunit = person\ntime = year\ncluster = municipality\noutcome = workdays\ntreatment = treated\ninference = cr1, cr2\n' \
        "$s" "$s" "$s" > did$s.ini
    "$BIN" simulate sim$s.ini --quiet > /dev/null && "$BIN" did did$s.ini --quiet 2> /dev/null || ko "registry run $s"
done
printf '[project]\noutput = fed.xlsx\nresults = fed.csv\n[meta]\nresults = site1.csv, site2.csv, site3.csv\nresults_analysis = twfe\nresults_method = cr2\noutcome = workdays\nmethod = reml, fixed\n' > fed.ini
expect "federated pooling of three results files" 0 -- meta fed.ini --quiet
# the same effects typed into a study table must give the same pooled rows
{
    echo "study,yi,se"
    for s in 1 2 3; do awk -F, -v s="site$s.csv" '$2 == "twfe" && $6 == "cr2" && $3 == "workdays" { print s "," $7 "," $8 }' site$s.csv; done
} > table.csv
printf '[project]\noutput = tab.xlsx\nresults = tab.csv\n[meta]\ndata = table.csv\nmeasure = generic\nyi = yi\nse = se\noutcome = workdays\nmethod = reml, fixed\n' > tab.ini
expect "the same effects from a study table" 0 -- meta tab.ini --quiet
if [ "$(grep '^meta,pooled,' fed.csv | cut -d, -f1-15)" = "$(grep '^meta,pooled,' tab.csv | cut -d, -f1-15)" ] &&
    [ "$(grep -c '^meta,pooled,' fed.csv)" -eq 3 ]; then
    ok "federated pooling = pooling the same estimates and SEs from a table (reml, reml_hk, fixed)"
else
    ko "federated pooling = table pooling"
fi
sed 's/^results_method = cr2//' fed.ini > amb.ini
expect "a results file with several matching rows" 3 "site1.csv: 2 rows of analysis 'twfe' match" "results_method" -- meta amb.ini
awk -F, 'BEGIN { OFS = "," } $2 == "twfe" && $6 == "cr2" { $8 = "" } { print }' site1.csv > nose.csv
sed 's/^results = site1.csv/results = nose.csv/' fed.ini > nose.ini
expect "a results row with no standard error" 3 "nose.csv:" "'se'" "needs a positive SE" -- meta nose.ini
sed 's/^results_method = cr2/results_method = wild/' fed.ini > wild.ini
expect "a results method the files do not have" 3 "site1.csv: no row with analysis 'twfe'" "method 'wild'" -- meta wild.ini
printf '[project]\noutput = f.xlsx\nresults = f.csv\n[meta]\nresults = site1.csv\ndata = table.csv\nresults_analysis = twfe\n' > both.ini
expect "results and data together" 2 "both.ini:" "key 'data' in [meta]" "not used with 'results'" -- meta both.ini

# ---- bad input: the meta-analysis ----
cat > zero.csv <<'CSV'
study,year,et,nt,ec,nc
A,2001,10,50,4,50
B,2003,0,40,0,38
C,2005,12,60,6,61
D,2006,8,30,5,31
CSV
mkmeta() { # FILE DATA EXTRA
    printf '[project]\noutput = %s.xlsx\nresults = %s.csv\n[meta]\ndata = %s\nmeasure = RR\nstudy = study\nyear = year\n' \
        "$1" "$1" "$2" > "$1"
    printf 'events_t = et\nn_t = nt\nevents_c = ec\nn_c = nc\n%s\n' "$3" >> "$1"
}
mkmeta zero.ini zero.csv "method = reml"
expect "a study with no events in either arm: the run goes on" 0 -- meta zero.ini --quiet
if grep -q '^meta,study_effect,,,B,,,,,,,,,,78,"0/40 vs 0/38; excluded: no events in either arm' zero.ini.csv; then
    ok "and the study is excluded, and said (results)"
else
    ko "the double-zero study is excluded, and said ($(grep ',B,' zero.ini.csv | head -1))"
fi
expect "the exclusion is said on the command line" 0 "study 'B' (line 3) excluded: no events in either arm" -- \
    meta zero.ini
mkmeta one.ini zero.csv "method = reml
exclude = A, C"
expect "fewer than two studies for a random-effects model" 1 "one.ini:" "key 'method' in [meta]" \
    "at least two studies" "method = fixed" -- meta one.ini
mkmeta onefe.ini zero.csv "method = fixed
exclude = A, C"
expect "one study with the fixed-effect model runs" 0 -- meta onefe.ini --quiet
cat > neg.csv <<'CSV'
study,yi,vi
A,0.1,0.04
B,0.3,-0.02
C,0.2,0.05
CSV
printf '[project]\noutput = n.xlsx\nresults = n.csv\n[meta]\ndata = neg.csv\nmeasure = generic\nyi = yi\nvi = vi\n' > neg.ini
expect "a negative variance" 3 "neg.csv:3:3 'vi'" "must be positive" -- meta neg.ini
printf '[project]\noutput = n.xlsx\nresults = n.csv\n[meta]\ndata = neg.csv\nmeasure = generic\nyi = yi\nvi = vi\nmethod = mh\n' > mh.ini
expect "Mantel-Haenszel with a generic measure" 2 "mh.ini:" "key 'method' in [meta]" "measure = RR, OR or RD" -- meta mh.ini
mkmeta typo.ini zero.csv "exclude = Dd"
expect "an exclude that names no study" 2 "typo.ini:" "key 'exclude'" "did you mean 'D'" -- meta typo.ini

# ---- bad input: the comparison ----
mkcmp() { # FILE EXTRA
    printf '[project]\noutput = c.xlsx\nresults = c.csv\n[compare]\nregistry_effect = 5.6\nregistry_effect_se = 1.454\n%s\n' \
        "$2" > "$1"
}
mkcmp takeup0.ini "ips_users = 0
exposed_population = 561"
expect "a take-up of 0" 2 "takeup0.ini:" "key 'ips_users' in [compare]" "take-up of 0" -- compare takeup0.ini
mkcmp takeup2.ini "ips_users = 600
exposed_population = 561"
expect "a take-up above 1" 2 "takeup2.ini:" "key 'ips_users' in [compare]" "take-up above 1" -- compare takeup2.ini
mkcmp oldden.ini "ips_users = 200
target_population = 2340
exposed_population = 561"
expect "take-up over a population with the pre-period" 2 "oldden.ini:" "key 'target_population' in [compare]" \
    "ips_users / exposed_population" -- compare oldden.ini
mkcmp users.ini "ips_users = 200"
expect "IPS users without the exposed population" 2 "users.ini:" "key 'ips_users' in [compare]" \
    "give exposed_population" -- compare users.ini
printf '[project]\noutput = c.xlsx\nresults = c.csv\n[compare]\nregistry_effect = 5.6\nregistry_ci = 2.7, 8.4\nregistry_effect_se = 1.4\n' > both.ini
expect "registry_ci and registry_effect_se both" 2 "both.ini:" "not both" -- compare both.ini
printf '[project]\noutput = c.xlsx\nresults = c.csv\n[compare]\nregistry_effect = 5.6\nregistry_ci = 8.4, 2.7\n' > ci.ini
expect "a published interval the wrong way round" 2 "ci.ini:" "key 'registry_ci' in [compare]" "LOW <= registry_effect" -- compare ci.ini
printf '[project]\noutput = c.xlsx\nresults = c.csv\n[compare]\nregistry_effect = 5.6\nregistry_ci = 2.7, 8.4\nexposed_population = 561\nworkdays_per_year = 247.5\n' > pub.ini
expect "a published registry effect with its interval" 0 -- compare pub.ini --quiet
if awk -F, '$2 == "source_effect" && $5 == "registry_effect" && $6 == "published" && $7 == 5.6 && $9 == 2.7 && $10 == 8.4 { ok = 1 }
        END { exit !ok }' c.csv; then
    ok "registry_ci: the published 5.6 (2.7 to 8.4) is kept as published"
else
    ko "registry_ci kept ($(grep registry_effect c.csv))"
fi
if awk -F, '$2 == "work_years" && $5 == "registry" { d = $7 - 5.6 * 561 / 247.5; if (d < 0) d = -d; ok = d < 1e-9 }
        END { exit !ok }' c.csv; then
    ok "Bodø's convention stated in the config: 5.6 x 561 / 247.5 = 12.69 work-years"
else
    ko "work-years with workdays_per_year = 247.5 ($(grep work_years c.csv))"
fi
mkcmp typed.ini "ips_users = 200
trial_effect = 0.103
trial_effect_se = 0.045
exposed_population = 561"
expect "typed-in effects run" 0 -- compare typed.ini --quiet
if awk -F, '$2 == "effect_on_common_scale" && $5 == "trial_itt" { d = $7 - 0.103 * 260.8875; if (d < 0) d = -d; ok = d < 1e-9 }
        END { exit !ok }' c.csv; then
    ok "typed-in trial effect: 0.103 x 260.8875 workdays (the default: mean weekdays a year) x share 1"
else
    ko "typed-in trial effect converted ($(grep trial_itt c.csv))"
fi
# a trial whose primary outcome is continuous
cp "$ROOT/examples/trial.csv" trial.csv
cat > cont.ini <<'INI'
[project]
output = t.xlsx
results = t.csv
[trial]
data = trial.csv
arm = arm
treatment = IPS
control = TAU
timepoints = 6, 12
[outcome:qol]
type = continuous
columns = qol6, qol12
primary = yes
[compare]
registry_effect = 5.6
registry_effect_se = 1.454
INI
expect "a trial without a binary primary outcome" 2 "cont.ini:" "[compare]" "binary" "'qol' is continuous" -- compare cont.ini
expect "ipseval check: a trial without a binary primary outcome" 2 "cont.ini:" "'qol' is continuous" -- check cont.ini
expect "ipseval check: the demo's meta-analysis and comparison" 0 "meta: 8 studies, 7 pooled" \
    "compare: trial vs registry vs published RCTs" -- check "$ROOT/configs/demo.ini"
sed 's/^primary = yes//' cont.ini > noprim.ini
expect "a trial without a primary outcome" 2 "noprim.ini:" "no outcome is primary" -- compare noprim.ini
printf '[project]\noutput = e.xlsx\nresults = e.csv\n[compare]\nworkdays_per_year = 230\n' > empty.ini
expect "nothing to compare" 2 "empty.ini:" "nothing to compare" -- compare empty.ini

echo "meta-compare: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
