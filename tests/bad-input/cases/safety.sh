# Safety: nothing misread, nothing overwritten, nothing injected (numbers read once by the declared
# rules, generated data never over real data, outputs only as regular files, degenerate settings).
# Sourced by ../run.sh.

# a previous pair of outputs that every refused run below must leave byte-identical
mkcfg safety-ok.ini good.csv
"$BIN" rct safety-ok.ini --quiet

# Numbers: a Norwegian export read without its thousands separator was read as 850, 1.2 and 2.5
printf 'id;arm;cost;emp\n1;IPS;850;1\n2;TAU;1.200;0\n3;IPS;2.500;1\n4;TAU;2,5;0\n5;IPS;1.100;1\n6;TAU;900;0\n' > nbthou.csv
TRIAL_EXTRA="covariates = cost" DATA_EXTRA='[data]
delimiter = ";"
decimal = ","' mkcfg nbthou.ini nbthou.csv
expect "thousands dot in a decimal-comma column (read as 1.2 before)" 3 "nbthou.csv:3:3 'cost'" "'1.200' is not a number" \
    "decimal ','" "set thousands = \".\"" -- rct nbthou.ini
printf 'id;arm;cost;emp\n1;IPS;850;1\n2;TAU;2,5;0\n3;IPS;3;1\n4;TAU;4;0\n5;IPS;5;1\n6;TAU;6;0\n' > nbcomma.csv
TRIAL_EXTRA="covariates = cost" DATA_EXTRA='[data]
delimiter = ";"' mkcfg nbcomma.ini nbcomma.csv
expect "decimal comma in a column read with decimal '.'" 3 "nbcomma.csv:3:3 'cost'" "'2,5' is not a number" \
    "set decimal = \",\"" -- rct nbcomma.ini
TRIAL_EXTRA="covariates = cost" DATA_EXTRA='[data]
delimiter = ";"
decimal = ","
thousands = ","' mkcfg thsame.ini nbthou.csv
expect "thousands separator equal to the decimal mark" 2 "thsame.ini:9: key 'thousands'" "decimal mark" -- rct thsame.ini
TRIAL_EXTRA="covariates = cost" DATA_EXTRA='[data]
thousands = x' mkcfg thbad.ini nbthou.csv
expect "thousands separator not one of the valid ones" 2 "thbad.ini:7: key 'thousands'" "'x' is not a valid thousands" -- rct thbad.ini

# Resources: the config is at most 16 MiB (/dev/zero grew until memory ran out, then "analysis could not be done")
expect "config of endless bytes (/dev/zero)" 2 "config file is larger than 16 MiB" "/dev/zero" -- check /dev/zero

# SOURCE_DATE_EPOCH: parsed strictly (digits, 1980-01-01 to 9999-12-31), never ignored while Provenance says it was used
for sde in abc 0 253402300800 " 1700000000" -5 1.5e9; do
    SOURCE_DATE_EPOCH=$sde
    expect "SOURCE_DATE_EPOCH='$sde' refused" 2 "SOURCE_DATE_EPOCH: '$sde'" "1980-01-01" -- rct safety-ok.ini
done
SOURCE_DATE_EPOCH=315532800
expect "SOURCE_DATE_EPOCH at 1980-01-01 accepted" 0 -- rct safety-ok.ini --quiet -o out/sde.xlsx --results out/sde.csv
check "SOURCE_DATE_EPOCH used for every timestamp of the workbook (created, modified, Provenance run time, zip entries)" sh -c \
    "/usr/bin/python3 -c \"import openpyxl,sys,zipfile; wb = openpyxl.load_workbook('out/sde.xlsx'); p = wb.properties; \
run = [r[1] for r in wb['Provenance'].iter_rows(values_only=True) if r[0] == 'Run time (UTC)']; \
zd = {i.date_time[:3] for i in zipfile.ZipFile('out/sde.xlsx').infolist()}; \
sys.exit(0 if str(p.created).startswith('1980-01-01') and str(p.modified).startswith('1980-01-01') and \
run == ['1980-01-01T00:00:00Z'] and zd == {(1980, 1, 1)} else 1)\""
SOURCE_DATE_EPOCH=1700000000

# Formula guard: a bad value of [project] csv_formula_guard names the key
EXTRA="csv_formula_guard = maybe" mkcfg guard.ini good.csv
expect "csv_formula_guard not yes/no" 2 "guard.ini:5: key 'csv_formula_guard'" "yes/no" -- rct guard.ini

# Outputs only as regular files: a FIFO, or a link to a device, is refused (exit 4), never replaced
rm -f fifo.csv null.csv
mkfifo fifo.csv
ln -s /dev/null null.csv
expect "results path is a FIFO" 4 "fifo.csv" "a FIFO" "only as regular files" -- rct safety-ok.ini --results fifo.csv
expect "results path is a link to /dev/null" 4 "null.csv" "a character device" "--results -" -- rct safety-ok.ini --results null.csv
check "/dev/null is still a character device and fifo.csv a FIFO" sh -c '[ -c /dev/null ] && [ -p fifo.csv ]'
rm -f fifo.csv null.csv
expect "--results - writes the results to standard output" 0 "module,analysis,outcome" -- rct safety-ok.ini --results - -o out/stdout.xlsx

# Generated data never replace a file: simulate refuses an existing output unless --force
printf '[project]\nseed = 7\n[simulate]\ntrial = good.csv\nn = 20\n' > simover.ini
expect "simulate over an existing file named in the config" 4 "simover.ini:4: key 'trial'" "it exists" "--force" -- simulate simover.ini
expect "simulate -o over an existing file" 4 "good.csv" "it exists" "--force" -- simulate simover.ini -o good.csv
printf '[project]\nseed = 7\n[simulate]\ntrial = out/sim.csv\nn = 20\n' > simnew.ini
expect "simulate to a new file" 0 -- simulate simnew.ini --quiet
check "simulate marks its data synthetic (companion file)" grep -q "SYNTHETIC DATA" out/sim.csv.synthetic.txt
expect "simulate --force replaces its own earlier output" 0 -- simulate simnew.ini --quiet --force
OUTCOME="type = binary
column = emp12" mkcfg simrun.ini out/sim.csv
expect "run warns when it reads synthetic data without [project] synthetic = yes" 0 "is synthetic data" \
    "set synthetic = yes" -- rct simrun.ini -o out/simrun.xlsx --results out/simrun.csv
OUTCOME="type = binary
column = emp12" EXTRA="synthetic = yes" mkcfg simrun2.ini out/sim.csv
expect_run "no warning with [project] synthetic = yes" 0 -- rct simrun2.ini -o out/simrun.xlsx --results out/simrun.csv
case "$out" in *"is synthetic data"*) fail "no warning with [project] synthetic = yes" ;; *) [ $good -eq 1 ] && pass "no warning with [project] synthetic = yes" || fail "no warning with [project] synthetic = yes" ;; esac

# Degenerate settings: a PSA of 1 draw printed "95% percentile intervals" with low = high
awk '/^\[/ { keep = ($0 ~ /^\[cba\]/) } keep' "$ROOT/configs/demo.ini" | sed 's/^psa_draws.*//' > cbabody.txt
{ printf '[project]\ntitle = psa\nprice_year = 2012\noutput = out/psa.xlsx\nresults = out/psa.csv\n'; cat cbabody.txt; echo "psa_draws = 1"; } > psa.ini
expect "psa_draws = 1" 2 "psa.ini:$(grep -n '^psa_draws' psa.ini | cut -d: -f1): key 'psa_draws'" "at least 100 draws" -- cba psa.ini
# three identical studies: the Knapp-Hartung scale is 0, so no interval (it was "RR 2.00 (95% CI 2.00 to 2.00)")
printf 'study,ei,ni,ec,nc\nA,10,20,5,20\nB,10,20,5,20\nC,10,20,5,20\n' > khsame.csv
printf '[project]\ntitle = kh\noutput = out/kh.xlsx\nresults = out/kh.csv\n[meta]\ndata = khsame.csv\nmeasure = RR\nstudy = study\nevents_t = ei\nn_t = ni\nevents_c = ec\nn_c = nc\nmethod = reml\nknapp_hartung = yes\n' > khsame.ini
expect "three identical studies with Knapp-Hartung" 0 -- meta khsame.ini --quiet
check "Knapp-Hartung with a zero scale gives no interval, and says why" sh -c \
    "grep '^meta,pooled,,,rr,reml_hk,' out/kh.csv | grep -q '^meta,pooled,,,rr,reml_hk,[^,]*,,,,' && grep -q 'Knapp-Hartung scale is 0' out/kh.csv"

# Categories from value labels: codes sharing a label (1 = IPS, 2 = TAU, 3 = IPS) were pooled into one arm
# without a word. tests/data/readers/shared_label.dta was written by R (haven 2.5):
#   write_dta(data.frame(id = 1:6, arm = labelled(c(1, 2, 3, 1, 2, 3), c(IPS = 1, TAU = 2, IPS = 3)),
#                        emp = c(1, 0, 1, 0, 1, 0)), "shared_label.dta")
cp "$ROOT/tests/data/readers/shared_label.dta" shared_label.dta
mkcfg labels.ini shared_label.dta
expect "codes sharing a value label" 3 "shared_label.dta" "codes 1 and 3 share the value label 'IPS'" "merge_labels = yes" -- rct labels.ini
DATA_EXTRA='[data]
merge_labels = yes' mkcfg labels2.ini shared_label.dta
expect "codes sharing a value label, merge_labels = yes: merged and said" 0 "are merged into one category" -- check labels2.ini
# The same in SPSS: tests/data/readers/shared_label.sav was written by R (haven 2.5.1) from the same data frame
# with write_sav(..., "shared_label.sav").
cp "$ROOT/tests/data/readers/shared_label.sav" shared_label.sav
mkcfg labels-sav.ini shared_label.sav
expect "codes sharing a value label (.sav)" 3 "shared_label.sav" "variable 'arm'" "codes 1 and 3 share the value label 'IPS'" \
    "merge_labels = yes" -- rct labels-sav.ini
DATA_EXTRA='[data]
merge_labels = yes' mkcfg labels-sav2.ini shared_label.sav
expect "codes sharing a value label (.sav), merge_labels = yes: merged and said" 0 "shared_label.sav: variable 'arm': codes 1 and 3" \
    "are merged into one category" "4 IPS, 2 TAU" -- check labels-sav2.ini
