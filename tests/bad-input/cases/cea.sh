# Cost-effectiveness from trial data (the cea module, [cea]): utilities, costs, complete cases, config.
# Sourced by ../run.sh. A small three-arm trial: 12 participants (4 per arm), costs at 6 and 12 months,
# utilities at 0, 6 and 12; the header is line 1, participant i is on line i + 1.
cat > cea.csv <<'CSV'
id,arm,site,emp,c6,c12,u0,u6,u12
1,IPS,s1,1,1000,900,0.5,0.6,0.7
2,IPS,s2,0,1200,800,0.4,0.5,0.6
3,IPS,s1,1,900,1000,0.6,0.6,0.8
4,IPS,s2,0,1100,950,-0.2,0.1,0.3
5,IPSE,s1,1,1300,1000,0.5,0.7,0.7
6,IPSE,s2,0,1250,1100,0.3,0.4,0.5
7,IPSE,s1,1,1400,900,0.7,0.7,0.9
8,IPSE,s2,0,1350,1050,0.5,0.5,0.6
9,SAU,s1,0,1500,1400,0.5,0.5,0.5
10,SAU,s2,0,1600,1300,0.4,0.45,0.5
11,SAU,s1,1,1450,1500,0.6,0.55,0.6
12,SAU,s2,0,1700,1350,0.5,0.5,0.55
CSV
# mkcea FILE DATA [extra [cea] lines]; env COSTS, UMONTHS, BOOT replace those keys. Line 21: the extra lines.
mkcea() {
    cat > "$1" <<INI
[project]
title = bad cea case
output = out/cea.xlsx
results = out/cea.csv
[trial]
data = $2
id = id
arm = arm
treatment = IPS, IPSE
control = SAU
site = site
[outcome:emp]
type = binary
column = emp
[cea]
costs = ${COSTS:-c6, c12}
cost_months = 6, 12
utilities = u0, u6, u12
utility_months = ${UMONTHS:-0, 6, 12}
bootstrap = ${BOOT:-200}
${3:-}
INI
    unset COSTS UMONTHS BOOT
}
mkcea cea_ok.ini cea.csv
expect "a good three-arm cost-effectiveness case runs (a utility below 0 is valid)" 0 "" -- cea cea_ok.ini --quiet
check "a good three-arm case: frontier rows for the three options" sh -c 'test "$(grep -c "^cea,cea_frontier," out/cea.csv)" -eq 3'

awk -F, 'NR == 6 { $8 = "1.2" } { print }' OFS=, cea.csv > cea_u_high.csv
mkcea cea_u_high.ini cea_u_high.csv
expect "a utility above 1" 3 "cea_u_high.csv:6:8 'u6'" "above 1" "at most 1" -- cea cea_u_high.ini
awk -F, 'NR == 4 { $9 = "-0.7" } { print }' OFS=, cea.csv > cea_u_low.csv
mkcea cea_u_low.ini cea_u_low.csv
expect "a utility below the value set's minimum" 3 "cea_u_low.csv:4:9 'u12'" "below the value set's minimum -0.624" \
    "values below 0 (worse than dead) are valid" -- cea cea_u_low.ini
mkcea cea_u_min.ini cea_u_low.csv "utility_min = -0.8"
expect "the same utility with a lower utility_min runs" 0 "" -- cea cea_u_min.ini --quiet
awk -F, 'NR == 3 { $5 = "-50" } { print }' OFS=, cea.csv > cea_neg.csv
mkcea cea_neg.ini cea_neg.csv
expect "a negative cost" 3 "cea_neg.csv:3:5 'c6'" "negative" "allow_negative = yes" -- cea cea_neg.ini
mkcea cea_neg_ok.ini cea_neg.csv "allow_negative = yes"
expect "a negative cost with allow_negative = yes runs" 0 "" -- cea cea_neg_ok.ini --quiet
awk -F, '$2 == "IPSE" && NR > 6 { $9 = "" } NR == 6 || NR == 7 { $6 = "" } { print }' OFS=, cea.csv > cea_nocc.csv
mkcea cea_nocc.ini cea_nocc.csv
expect "an arm with no complete cases" 3 "cea_nocc.csv" "arm 'IPSE' has 0 complete case(s) of 4 participants" \
    "every cost and utility column observed" -- cea cea_nocc.ini
awk -F, 'NR == 2 { $7 = "x" } { print }' OFS=, cea.csv > cea_text.csv
mkcea cea_text.ini cea_text.csv
expect "a utility that is not a number" 3 "cea_text.csv:2:7 'u0'" "not a number" -- cea cea_text.ini
mkcea cea_ref.ini cea.csv "reference = TAU"
expect "a reference that is not an arm" 2 "cea_ref.ini:21: key 'reference'" "'TAU' is not an arm" "'SAU', 'IPS', 'IPSE'" -- cea cea_ref.ini
UMONTHS="0, 12, 6" mkcea cea_months.ini cea.csv
expect "utility months out of order" 2 "cea_months.ini" "utility_months" "increasing order" -- cea cea_months.ini
COSTS="c6, c18" mkcea cea_col.ini cea.csv
expect "a cost column that is not in the data" 3 "cea_col.ini" "no column 'c18'" -- cea cea_col.ini
BOOT=10 mkcea cea_boot.ini cea.csv
expect "too few bootstrap resamples" 2 "cea_boot.ini" "bootstrap" "at least 100" -- cea cea_boot.ini
mkcea cea_mi.ini cea.csv "missing_data = mi"
expect "multiple imputation asked for before it exists" 2 "cea_mi.ini" "missing_data" "complete_cases" -- cea cea_mi.ini
