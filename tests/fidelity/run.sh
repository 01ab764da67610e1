#!/bin/sh
# The fidelity module through the command line, and the workbook sheets of issues 5 and 8 read back:
#  - the demo's Fidelity sheet (totals, bands, trend chart, heat map with its colour scale, next steps,
#    agreement, the fidelity-outcome link) and Meta-analysis sheet (pooled table, forest plot) against the
#    run's results (tests/fidelity/check_sheets.py);
#  - the shipped presets configs/ips25.ini and configs/survey-work-environment.ini run and give their rows;
#  - every IPS-25 band edge (73/74, 99/100, 114/115) scored through the command line: the results label and
#    the sheet's band agree with the bands computed by hand.
BIN=${BIN:-bin/ipseval}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
ROOT=$(pwd)
T=build/tmp-fidelity.$$ # per process: other make checks may run in the same tree at the same time
rm -rf "$T"
mkdir -p "$T"
cd "$T" || exit 1
trap 'cd "$ROOT" && rm -rf "$T"' EXIT
PY=/usr/bin/python3
. "$ROOT/tests/lib.sh"
IPS25_BANDS="115:Exemplary fidelity,100:Good fidelity,74:Fair fidelity,0:Not IPS"

sheets() { # NAME ARGS... (check_sheets.py)
    name=$1
    shift
    if $PY "$ROOT/tests/fidelity/check_sheets.py" "$@" > sheets.log 2>&1; then
        ok "$name ($(tail -n 1 sheets.log))"
    else
        grep -Ev '^[a-z-]+: [0-9]+ passed' sheets.log # tests/run.sh adds up every summary line: only ours
        ko "$name"
    fi
}

export SOURCE_DATE_EPOCH=1700000000
if "$BIN" run "$ROOT/configs/demo.ini" --quiet -o demo.xlsx --results demo.csv 2> demo.err; then
    ok "the demo runs"
else
    cat demo.err
    ko "the demo runs"
fi
sheets "demo: the Fidelity sheet reads back as the results say" fidelity demo.xlsx demo.csv 1 5 "$IPS25_BANDS"
sheets "demo: the Meta-analysis sheet (forest plot) reads back as the results say" meta demo.xlsx demo.csv

# ---- the presets ----
if "$BIN" fidelity "$ROOT/configs/ips25.ini" --quiet -o ips25.xlsx --results ips25.csv; then
    ok "configs/ips25.ini runs"
else
    ko "configs/ips25.ini runs"
fi
for a in total_score icc kappa cronbach_alpha items_to_improve; do
    if grep -q "^fidelity,$a," ips25.csv; then ok "ips25 preset: $a rows"; else ko "ips25 preset: $a rows"; fi
done
# the anchors of configs/ips25-anchors.csv (named relative to the config, found from another directory) in the
# next steps: S1's text; O2 has none in the file (never invented), and the label says so and names the file
if grep -q '^fidelity,items_to_improve,S1,.*a score of 4 means: a ratio of 21-25 clients per employment specialist' ips25.csv; then
    ok "ips25 preset: S1's anchor in the next steps"
else
    ko "ips25 preset: S1's anchor in the next steps"
fi
if grep -q "^fidelity,items_to_improve,O2,.*the scale's text for a score of [2-5] is not in ips25-anchors.csv (add it there)" ips25.csv &&
    ! grep -q 'supply it' ips25.csv; then
    ok "ips25 preset: O2's anchor is not in the file, and the label says so (naming the file)"
else
    ko "ips25 preset: O2's anchor is not in the file, and the label says so ($(grep '^fidelity,items_to_improve,O2,' ips25.csv | head -1))"
fi
# the shipped file names every item of the scale, each once (its name: the row with an empty score)
if [ "$(grep -c '^[SOV][0-9]*,,' "$ROOT/configs/ips25-anchors.csv")" -eq 25 ] &&
    [ "$(cut -d, -f1 "$ROOT/configs/ips25-anchors.csv" | sed 1d | sort -u | wc -l)" -eq 25 ]; then
    ok "configs/ips25-anchors.csv names all 25 items"
else
    ko "configs/ips25-anchors.csv names all 25 items"
fi
# the demo names the same file (beside configs/demo.ini): its next steps quote it
if grep -q '^fidelity,items_to_improve,S2,.*a score of [2-5] means: employment specialists provide employment services' demo.csv; then
    ok "demo: the anchors file the config names is found and quoted"
else
    ko "demo: the anchors file the config names is found and quoted ($(grep '^fidelity,items_to_improve,S2,' demo.csv | head -1))"
fi
# the built-in scale without an anchors file: the built-in anchors, and no file named
printf '[project]\noutput = plain.xlsx\nresults = plain-r.csv\n[fidelity]\ndata = %s/examples/fidelity.csv\nscale = ips25\nsite = site\nreview = review\nrater = rater\n' \
    "$ROOT" > plain.ini
if "$BIN" fidelity plain.ini --quiet && grep -q '^fidelity,items_to_improve,O2,.*is not built in (name a file of anchor texts' plain-r.csv; then
    ok "built-in scale, no anchors file: the label says the text is not built in"
else
    ko "built-in scale, no anchors file: the label says the text is not built in"
fi
# a missing anchors file: a config error naming the key and the path
sed -e 's|^anchors *=.*|anchors = no-such-anchors.csv|' -e "s|^data *=.*|data = $ROOT/examples/fidelity.csv|" \
    "$ROOT/configs/ips25.ini" > missing.ini
expect "a missing anchors file" 2 "missing.ini:" "anchors = no-such-anchors.csv" "no-such-anchors.csv (No such file" \
    -- fidelity missing.ini --quiet -o missing.xlsx --results missing-r.csv
{ cat "$ROOT/configs/ips25-anchors.csv"; printf 'O2,4,Test anchor four of O2\nO2,3,Test anchor three of O2\n'; } > anchors.csv
sed -e 's|^anchors *=.*|anchors = anchors.csv|' -e "s|^data *=.*|data = $ROOT/examples/fidelity.csv|" \
    "$ROOT/configs/ips25.ini" > anchors.ini
if "$BIN" fidelity anchors.ini --quiet -o anchors.xlsx --results anchors-r.csv &&
    grep -q '^fidelity,items_to_improve,O2,2016,County B,.*a score of 4 means: Test anchor four of O2' anchors-r.csv; then
    ok "an anchors file supplies the text the next steps quote"
else
    ko "an anchors file supplies the text the next steps quote ($(grep '^fidelity,items_to_improve,O2,2016,County B' anchors-r.csv))"
fi
sheets "ips25 preset: the Fidelity sheet" fidelity ips25.xlsx ips25.csv 1 5 "$IPS25_BANDS"
if "$BIN" fidelity "$ROOT/configs/survey-work-environment.ini" --quiet -o survey.xlsx --results survey.csv; then
    ok "configs/survey-work-environment.ini runs"
else
    ko "configs/survey-work-environment.ini runs"
fi
for a in total_score,work_environment cronbach_alpha,work_environment phase_change,work_environment; do
    if grep -q "^fidelity,$a," survey.csv; then ok "survey preset: $a rows"; else ko "survey preset: $a rows"; fi
done
if [ "$(grep -c '^fidelity,cronbach_alpha,work_environment,,q[1-8],if_item_deleted,' survey.csv)" -eq 8 ]; then
    ok "survey preset: alpha if each of the 8 items is left out"
else
    ko "survey preset: alpha if each of the 8 items is left out"
fi
sheets "survey preset: the Fidelity sheet (no bands, no raters)" fidelity survey.xlsx survey.csv 1 5

# ---- every IPS-25 band edge through the command line ----
# One single-rater review per site, totals 73, 74, 99, 100, 114, 115 (r items at q + 1, the rest at q, with
# total = 25 q + r), and the band each must get from the built-in bands (DOMAIN.md §3.1), by hand.
{
    printf 'site,review'
    for i in S1 S2 S3 O1 O2 O3 O4 O5 O6 O7 O8 V1 V2 V3 V4 V5 V6 V7 V8 V9 V10 V11 V12 V13 V14; do printf ',%s' $i; done
    echo
    for t in 73 74 99 100 114 115; do
        awk -v t=$t 'BEGIN { q = int(t / 25); r = t - 25 * q; printf "E%d,1", t
                             for (j = 0; j < 25; j++) printf ",%d", (j < r ? q + 1 : q); print "" }'
    done
} > edges.csv
printf '[project]\noutput = edges.xlsx\nresults = edges-r.csv\n[fidelity]\ndata = edges.csv\nscale = ips25\nsite = site\nreview = review\n' > edges.ini
if "$BIN" fidelity edges.ini --quiet; then ok "band edges: the run completes"; else ko "band edges: the run completes"; fi
for pair in "73:Not IPS" "74:Fair fidelity" "99:Fair fidelity" "100:Good fidelity" "114:Good fidelity" \
    "115:Exemplary fidelity"; do
    t=${pair%%:*} band=${pair#*:}
    if grep -q "^fidelity,total_score,ips25,1,E$t,single_rater,$t,.*,$band; one rater\$" edges-r.csv; then
        ok "band edge: total $t is $band"
    else
        ko "band edge: total $t is $band ($(grep "^fidelity,total_score,ips25,1,E$t," edges-r.csv))"
    fi
done
sheets "band edges: the sheet's band column" fidelity edges.xlsx edges-r.csv 1 5 "$IPS25_BANDS"

# ---- bad input: agreement asked of ratings that have one rater (the rest of the catalogue: tests/bad/run.sh) ----
printf 'id,j1,j2\n1,3,\n2,2,\n3,4,5\n' > one.csv
printf '[project]\noutput = one.xlsx\nresults = one-r.csv\n[agreement]\ndata = one.csv\nraters = j1, j2\n' > one.ini
expect "agreement where only one target has both raters" 3 "one.csv:" "1 target is rated by all 2 raters" \
    "column 'j2' has 2 of 3 ratings missing" -- fidelity one.ini
# a review with one rater when agreement is asked (min_raters = 1 accepts it): agreement over the reviews that
# have two raters; with none, the ICC row says why instead of a number
IPSHEAD="site,review,rater,S1,S2,S3,O1,O2,O3,O4,O5,O6,O7,O8,V1,V2,V3,V4,V5,V6,V7,V8,V9,V10,V11,V12,V13,V14"
R24=",3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3"
printf '%s\nS,1,A,3%s\nS,2,A,4%s\n' "$IPSHEAD" "$R24" "$R24" > fid1.csv
printf '[project]\noutput = f1.xlsx\nresults = f1-r.csv\n[fidelity]\ndata = fid1.csv\nscale = ips25\nsite = site\nreview = review\nrater = rater\n' > fid1.ini
expect "a review with one rater: refused by default" 3 "fid1.csv:2: site 'S' review '1' has 1 rater (A)" \
    "min_raters = 1" -- fidelity fid1.ini
printf 'min_raters = 1\n' >> fid1.ini
expect "single-rater reviews accepted with min_raters = 1" 0 -- fidelity fid1.ini --quiet
if grep -q '^fidelity,icc,total,,,icc1,,,,,,,,,0,no review has two or more raters: agreement cannot be estimated' f1-r.csv && ! grep -qi nan f1-r.csv; then
    ok "and the ICC says why it is missing (no review with two raters)"
else
    ko "the ICC says why it is missing ($(grep '^fidelity,icc,' f1-r.csv | head -1))"
fi

echo "fidelity-cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
