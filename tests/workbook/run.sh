#!/bin/sh
# The workbook verified in real applications (issue 9, SPEC §5), on make demo's run (configs/demo.ini):
#  (a) openpyxl reads every sheet; every number is traced to its results.csv row (check_workbook.py numbers);
#  (b) LibreOffice headless recalculates every formula of every sheet (OOXMLRecalcMode = always, in a throwaway
#      profile: ../shared/PITFALLS.md) and each recalculated value equals ipseval's cached one;
#  (c) the workbook converts to PDF and every page renders to PNG (tests/workbook/pdf.sh, as make demo-pdf);
#  the Norwegian demo (language = nb) has no English word outside data values (tests/workbook/nb.sh), and no more has
#  any other config of configs/ or example (tests/workbook/nb_configs.sh);
#  disclosure: counts 3 and 12 (of 15) under small_cell = 5 show "<5" and no cell reveals them, in the workbook
#  and in the results file; the Results sheet is written in constant-memory mode (inline strings).
BIN=${BIN:-bin/ipseval}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
ROOT=$(pwd)
T=build/tmp-workbook.$$ # one scratch directory per run: several checks may run in one tree at once
rm -rf "$T"
mkdir -p "$T"
PY=/usr/bin/python3
. "$ROOT/tests/lib.sh"
sub() { # NAME LOG COMMAND...: a checker's own tally added to ours
    name=$1 log=$2
    shift 2
    "$@" > "$log" 2>&1
    line=$(grep -E '^workbook-[a-z-]+: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    if [ -z "$line" ]; then
        cat "$log"
        ko "$name printed no summary"
        return
    fi
    grep '^FAIL' "$log"
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -eq 0 ]; then echo "PASS: $name ($p checks)"; fi
}

export SOURCE_DATE_EPOCH=1700000000
if "$BIN" run configs/demo.ini -o "$T/demo.xlsx" --results "$T/results.csv" --quiet; then ok "demo run"; else ko "demo run"; fi

# (a) every number traced to results.csv
sub "(a) openpyxl: every sheet's numbers against results.csv" "$T/numbers.log" \
    $PY tests/workbook/check_workbook.py numbers "$T/demo.xlsx" "$T/results.csv"
# the table grammar: column widths set once per column (no overlapping ranges), headers aligned like their content,
# every cell top-aligned
sub "layout: column ranges, header alignment, one vertical alignment" "$T/layout.log" \
    $PY tests/workbook/check_layout.py cols "$T/demo.xlsx"
# the print's rows and gutters: each row of wrapped text as tall as its measured lines (no blank line under it, none
# cut), and a left-aligned header after a right-aligned one indented
sub "rows: wrapped rows as tall as their lines, gutters between opposite alignments" "$T/rows.log" \
    $PY tests/workbook/check_layout.py rows "$T/demo.xlsx"
# numbers for people: no interval as text on any sheet (a formula of its number cells), timepoints as numbers, money in
# whole units, the data's columns named by the config's [trial] labels in every table
sub "formats: intervals as number cells, timepoints, money, labels" "$T/formats.log" \
    $PY tests/workbook/check_layout.py formats "$T/demo.xlsx" configs/demo.ini
# the charts: their data on the hidden chart-data sheet, the diamond, willingness-to-pay, threshold, start-of-treatment
# and band lines, and no chart cut by the print area or a page break (read from the .xlsx: no LibreOffice)
sub "charts: data on the hidden sheet, reference lines, kept whole in print" "$T/charts.log" \
    $PY tests/workbook/check_layout.py charts "$T/demo.xlsx"
# the workbook in Norwegian ([project] language = nb, configs/demo-nb.ini): no English word outside data values, the
# same results file, and language = de refused (one more demo run; tests/workbook/nb.sh)
sub "nb: the demo in Norwegian bokmål" "$T/nb.log" env BIN="$BIN" sh tests/workbook/nb.sh "$T/results.csv" "$T/demo.xlsx"
# every other shipped config and the examples in Norwegian, and the message table's coverage of the sheet writers'
# texts (tests/workbook/nb_configs.sh, a few seconds)
sub "nb: every config and example in Norwegian bokmål" "$T/nb-configs.log" env BIN="$BIN" sh tests/workbook/nb_configs.sh
# the Results sheet is streamed (constant memory): its strings are inline, the other sheets' shared
mkdir -p "$T/unz" && (cd "$T/unz" && unzip -q -o ../demo.xlsx)
res_sheet=$($PY - "$T/unz" <<'PY'
import re, sys
d = sys.argv[1]
wb = open(d + "/xl/workbook.xml").read()
rels = open(d + "/xl/_rels/workbook.xml.rels").read()
rid = re.search(r'<sheet name="Results" sheetId="\d+" r:id="(rId\d+)"', wb).group(1)
print(re.search(r'Id="%s" Type="[^"]+" Target="([^"]+)"' % rid, rels).group(1))
PY
)
if [ -n "$res_sheet" ] && grep -q 'inlineStr' "$T/unz/xl/$res_sheet" && ! grep -l 'inlineStr' "$T"/unz/xl/worksheets/*.xml | grep -v "$res_sheet" | grep -q .; then
    ok "Results sheet written in constant-memory mode (inline strings), the other sheets not"
else
    ko "Results sheet written in constant-memory mode ($res_sheet)"
fi

# (b) LibreOffice recalculates every formula of every sheet; then sort, filter and print (all in LibreOffice)
if office "(b) recalculation, (sort) sorted and filtered Results, (c) print"; then
    prof="$ROOT/$T/lo-profile"
    mkdir -p "$prof/user" "$T/recalc"
    cat > "$prof/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
    if timeout 300 soffice -env:UserInstallation=file://"$prof" --headless --convert-to xlsx --outdir "$T/recalc" \
        "$T/demo.xlsx" > "$T/soffice.log" 2>&1 && [ -s "$T/recalc/demo.xlsx" ]; then
        ok "LibreOffice recalculated the workbook"
        sub "(b) every formula of every sheet recalculates to its cached value" "$T/recalc.log" \
            $PY tests/workbook/check_workbook.py recalc "$T/demo.xlsx" "$T/recalc/demo.xlsx"
    else
        cat "$T/soffice.log"
        ko "LibreOffice recalculated the workbook"
    fi

# Figures bound by key: the Results sheet sorted, then sorted and filtered, in LibreOffice; every formula of the
# other sheets (the Summary's key figures) recalculates to the same value
if sh tests/workbook/sort.sh "$T/demo.xlsx" "$T/sorted.xlsx" 2> "$T/sort.log"; then
    sub "sort: the Results sheet sorted in LibreOffice changes no figure" "$T/sorted.log" \
        $PY tests/workbook/check_layout.py sorted "$T/demo.xlsx" "$T/sorted.xlsx"
else
    cat "$T/sort.log"
    ko "sort: LibreOffice sorted the Results sheet"
fi
if sh tests/workbook/sort.sh "$T/demo.xlsx" "$T/filtered.xlsx" cba 2> "$T/filter.log"; then
    sub "sort: the Results sheet sorted and filtered to module cba changes no figure" "$T/filtered.log" \
        $PY tests/workbook/check_layout.py sorted "$T/demo.xlsx" "$T/filtered.xlsx" cba
else
    cat "$T/filter.log"
    ko "sort: LibreOffice sorted and filtered the Results sheet"
fi

# (c) PDF and PNG pages
if pages=$(sh tests/workbook/pdf.sh "$T/demo.xlsx" "$T/pdf" 30 2> "$T/pdf.log"); then
    sheets=$($PY -c "import openpyxl,sys; print(len(openpyxl.load_workbook(sys.argv[1], read_only=True).sheetnames))" "$T/demo.xlsx")
    if [ "$pages" -ge "$sheets" ]; then ok "(c) PDF with $pages pages rendered to PNG (at least one per sheet: $sheets)"
    else ko "(c) PDF has $pages pages for $sheets sheets"; fi
    # print: at most 40 pages (179 at first, 65 before the print layout of rpt_style_finish), no ###, and no text
    # drawn below 8 pt (the font sizes of LibreOffice's PDF, the print scale included)
    sub "(c) print: at most 40 pages, no ###, no text below 8 pt" "$T/pdfcheck.log" \
        $PY tests/workbook/check_layout.py pdf "$T/pdf/demo.pdf" 40 8
    grep '^INFO' "$T/pdfcheck.log"
else
    cat "$T/pdf.log"
    ko "(c) workbook -> PDF -> PNG pages"
fi
fi # office

# Disclosure control: IPS 3 of 15 employed (12 not), TAU 9 of 22, small_cell = 5
D="$T/disclosure"
mkdir -p "$D"
{
    echo "id,arm,age,emp12"
    i=0
    for a in "IPS 15 3" "TAU 22 9"; do
        set -- $a
        j=0
        while [ $j -lt "$2" ]; do
            i=$((i + 1))
            e=0; [ $j -lt "$3" ] && e=1
            echo "$i,$1,$((25 + (i * 7) % 30)),$e"
            j=$((j + 1))
        done
    done
} > "$D/trial.csv"
cat > "$D/disc.ini" <<'INI'
[project]
title      = Disclosure control test
small_cell = 5
seed       = 1
output     = disc.xlsx
results    = disc.csv

[trial]
data       = trial.csv
id         = id
arm        = arm
treatment  = IPS
control    = TAU
timepoints = 12

[outcome:employment]
type    = binary
columns = emp12
primary = yes
INI
if "$BIN" run "$D/disc.ini" --quiet; then
    # 3 (the count), 12 (its complement), 0.2 and 0.8 (their shares; 20.0% / 80.0% as text)
    sub "disclosure: counts 3 and 12 of 15 under small_cell = 5" "$D/check.log" \
        $PY tests/workbook/check_workbook.py disclosure "$D/disc.xlsx" "$D/disc.csv" 5 3 12 0.2 0.8
    if grep -q '^rct,arm_summary,employment,,IPS,wilson,,,,,,,,,15,<5/15$' "$D/disc.csv"; then
        ok "disclosure: the IPS arm reads '<5/15' in results.csv, its share withheld"
    else
        ko "disclosure: the IPS arm reads '<5/15' ($(grep '^rct,arm_summary' "$D/disc.csv" | head -n 1))"
    fi
else
    ko "disclosure test run"
fi
sed 's/^small_cell = 5/small_cell = 0/' "$D/disc.ini" > "$D/open.ini"
"$BIN" run "$D/open.ini" -o "$D/open.xlsx" --results "$D/open.csv" --quiet
if $PY tests/workbook/check_workbook.py disclosure "$D/open.xlsx" "$D/open.csv" 5 3 12 0.2 0.8 > "$D/open.log" 2>&1; then
    ko "disclosure check fails without small_cell (it must be able to fail)"
else
    ok "disclosure check fails without small_cell (it can fail)"
fi

# Disclosure control of the whole demo (small_cell = 10): every count of people below 10 in a label of the trial,
# its subgroups, equity, survival and the fidelity-outcome sites is "<10", and the figures that would give one
# back are withheld: the 18-month risk differences of both diagnosis groups (22/92 vs 8/89; the other level by
# secondary suppression) and their interaction p, the 6-month compulsory-education risk difference (9/74), County
# C's effect (TAU 8/36) and the weighted fidelity regression over sites. The same checks fail on the open demo.
HIDE="0.1492427943331705 0.071428571428571452 0.090637362154065065 0.10060060060060058 0.1388888888888889 0.00046871461533748817"
sed -e "s#= *\.\./examples/#= $ROOT/examples/#" -e "s#^anchors *= *#anchors = $ROOT/configs/#" \
    -e 's/^\[project\]/[project]\nsmall_cell = 10/' configs/demo.ini > "$D/demo10.ini"
if "$BIN" run "$D/demo10.ini" -o "$D/demo10.xlsx" --results "$D/demo10.csv" --quiet; then
    sub "disclosure of the demo: no label shows a count of people below 10" "$D/small.log" \
        $PY tests/workbook/check_workbook.py small-counts "$D/demo10.xlsx" "$D/demo10.csv" 10
    sub "disclosure of the demo: the figures that give a small count back are withheld" "$D/demo10.log" \
        $PY tests/workbook/check_workbook.py disclosure "$D/demo10.xlsx" "$D/demo10.csv" 10 $HIDE
else
    ko "disclosure test run of the demo with small_cell = 10"
fi
if $PY tests/workbook/check_workbook.py small-counts "$T/demo.xlsx" "$T/results.csv" 10 > "$D/open-small.log" 2>&1 ||
    $PY tests/workbook/check_workbook.py disclosure "$T/demo.xlsx" "$T/results.csv" 10 $HIDE > "$D/open-demo.log" 2>&1; then
    ko "the demo's disclosure checks fail on the open demo (they must be able to fail)"
else
    ok "the demo's disclosure checks fail on the open demo (they can fail)"
fi
echo "workbook: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && rm -rf "$T" # kept for a look when something failed
[ "$failed" -eq 0 ]
