# Missing outcomes ([missing]: multiple imputation, tipping point). Sourced by ../run.sh. A six-person trial
# (mi.csv) with the outcome missing for participants 2 and 4; mkmi FILE DATA [trial lines] [missing lines]
# writes the config: [missing] starts on line 16, its first key on line 17.
cat > mi.csv <<'CSV'
id,arm,county,age,emp
1,IPS,Oslo,25,1
2,TAU,Oslo,31,
3,IPS,Bergen,40,0
4,TAU,Bergen,22,
5,IPS,Oslo,35,1
6,TAU,Bergen,28,0
7,IPS,Bergen,33,0
8,TAU,Oslo,45,1
CSV
mkmi() {
    printf '[project]\ntitle = missing case\noutput = out/mi.xlsx\nresults = out/mi.csv\n[trial]\ndata = %s\nid = id\narm = arm\ntreatment = IPS\ncontrol = TAU\n%s\n[outcome:emp]\ntype = binary\ncolumn = emp\nprimary = yes\n[missing]\n%s\n' \
        "$2" "$3" "$4" > "$1"
}
mkmi mi_ok.ini mi.csv "" "method = mi
imputations = 5"
expect "multiple imputation of a small trial runs" 0 "" -- rct mi_ok.ini --quiet
check "the pooled risk difference is written with its fraction of missing information" \
    grep -q '^rct,mi_fmi,emp,,arm,risk_difference:wald,' out/mi.csv
check "the tipping-point grid is written (21 x 21 rates and a summary)" \
    test "$(grep -c '^rct,tipping_point,emp,' out/mi.csv)" -eq 442
mkmi mi_zero.ini mi.csv "" "method = mi
imputations = 0"
expect "imputations = 0" 2 "mi_zero.ini:18" "imputations" "[2, 100000]" -- rct mi_zero.ini
mkmi mi_one.ini mi.csv "" "method = mi
imputations = 1"
expect "one imputation (Rubin's rules need two)" 2 "mi_one.ini:18" "outside the valid range" -- rct mi_one.ini
mkmi mi_method.ini mi.csv "" "method = multiple"
expect "an unknown method" 2 "mi_method.ini:17" "'multiple' is not valid" "complete_case, mi" -- rct mi_method.ini
mkmi mi_cont.ini mi.csv "" "method = mi
continuous = hotdeck"
expect "an unknown continuous imputation model" 2 "mi_cont.ini:18" "norm, pmm" -- rct mi_cont.ini
mkmi mi_delta.ini mi.csv "" "deltas = -1, 0"
expect "deltas without multiple imputation" 2 "mi_delta.ini:17" "need method = mi" -- rct mi_delta.ini
mkmi mi_delta2.ini mi.csv "" "method = mi
deltas = -1, x"
expect "a delta that is not a number" 2 "mi_delta2.ini:18" "'x' is not a number" -- rct mi_delta2.ini
mkmi mi_step.ini mi.csv "" "tipping_step = 0"
expect "a tipping-point step of 0" 2 "mi_step.ini:17" "tipping_step" -- rct mi_step.ini
# nothing missing: said in a row, not a failure
sed 's/^2,TAU,Oslo,31,$/2,TAU,Oslo,31,0/; s/^4,TAU,Bergen,22,$/4,TAU,Bergen,22,1/' mi.csv > mi_full.csv
mkmi mi_full.ini mi_full.csv "" "method = mi"
expect "multiple imputation with no missing value runs" 0 "" -- rct mi_full.ini --quiet
check "and says there is nothing to impute" grep -q 'mi_summary,emp,,,fcs,.*nothing to impute' out/mi.csv
# a categorical covariate missing: imputation imputes numbers, not categories
sed 's/^3,IPS,Bergen,40,0$/3,IPS,,40,0/' mi.csv > mi_cat.csv
mkmi mi_cat.ini mi_cat.csv "covariates = county
categorical = county" "method = mi"
expect "a missing categorical covariate under multiple imputation" 3 "mi_cat.csv:4:3 'county'" \
    "categorical covariate is missing" "leave 'county' out of covariates" -- rct mi_cat.ini
# an arm with one observed outcome: too few to impute from
sed 's/^6,TAU,Bergen,28,0$/6,TAU,Bergen,28,/' mi.csv > mi_few.csv
mkmi mi_few.ini mi_few.csv "" "method = mi"
expect "an arm with one observed outcome" 1 "mi_few.csv" "in arm TAU" "too few to impute from" \
    "method = complete_case" -- rct mi_few.ini
