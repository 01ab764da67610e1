#!/bin/sh
# The routine-practice modules through the command line: [cohort], [equity] and [workforce] against R on the
# kits in tests/reference/kits/ (cohort_lung, equity_access, workforce_staff; each has its reference.R), the
# panel survey's phase model (survey_phases, against lme4 and lmerTest), then
# bad input: each case exits with the documented status and a message naming the place.
BIN=${BIN:-bin/ipseval}
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
ROOT=$(pwd)
KITS=$ROOT/tests/reference/kits
T=$ROOT/build/tmp-practice.$$
rm -rf "$T"
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
PY=/usr/bin/python3
. "$ROOT/tests/lib.sh"

kit() { # NAME MODULE CONFIG TOL [TAG]
    name=$1 module=$2 config=$3 tol=$4 tag=$5
    if "$BIN" "$module" "$config" -o "$T/$name.xlsx" --results "$T/$name.csv" --quiet --no-progress; then
        $PY "$ROOT/tests/reference/kitcmp.py" "$name" "$(dirname "$config")/expected.csv" "$T/$name.csv" "$tol" $tag \
            | grep -v '^PASS'
    else
        ko "$name: ipseval $module $config exited non-zero"
    fi
}
kit reference-cohort cohort "$KITS/cohort_lung/cohort.ini" 1e-9
kit reference-equity-counts equity "$KITS/equity_access/equity_counts.ini" 1e-9 counts
kit reference-equity-shares equity "$KITS/equity_access/equity_shares.ini" 1e-9 shares
kit reference-workforce workforce "$KITS/workforce_staff/workforce.ini" 1e-9
# the survey over all its phases (fidelity module, respondents layout) against lme4/lmerTest
kit reference-survey-phases fidelity "$KITS/survey_phases/survey.ini" 1e-6

# ---- bad input ----
cfg() { # FILE SECTION-TEXT: a config in $T
    printf '%s\n' "$2" > "$T/$1"
}
printf 'id,days,job,sex\n1,30,1,male\n2,40,2,female\n' > "$T/c_badjob.csv"
cfg c_badjob.ini "[cohort]
data = c_badjob.csv
days_to_job = days
job = job"
expect "cohort: a job indicator of 2 names the cell" 3 "c_badjob.csv:3" "'job'" "write 1 for a job" -- cohort "$T/c_badjob.ini"
printf 'id,days,job\n1,-3,1\n2,40,0\n' > "$T/c_neg.csv"
cfg c_neg.ini "[cohort]
data = c_neg.csv
days_to_job = days
job = job"
expect "cohort: negative days name the cell" 3 "c_neg.csv:2" "negative" -- cohort "$T/c_neg.ini"
printf 'id,days,job\n1,3,1\n1,40,0\n' > "$T/c_dup.csv"
cfg c_dup.ini "[cohort]
data = c_dup.csv
id = id
days_to_job = days
job = job"
expect "cohort: a duplicated id is refused" 3 "id 1 occurs more than once" -- cohort "$T/c_dup.ini"
cfg c_col.ini "[cohort]
data = c_dup.csv
days_to_job = dayz
job = job"
expect "cohort: an unknown column names the key and the nearest column" 2 "days_to_job" "days" -- cohort "$T/c_col.ini"
cfg c_bench.ini "[cohort]
data = c_neg.csv
days_to_job = days
job = job
benchmark = 46.2"
expect "cohort: a benchmark above 1 is refused naming the key" 2 "benchmark" -- cohort "$T/c_bench.ini"
cfg c_limit.ini "[cohort]
data = c_neg.csv
days_to_job = days
job = job
support_limit = 180"
expect "cohort: support_limit without support_days is refused" 2 "support_days" -- cohort "$T/c_limit.ini"

printf 'id,grp\n1,A\n2,B\n3,C\n' > "$T/e_users.csv"
printf 'group,count\nA,100\nB,200\n' > "$T/e_ref.csv"
cfg e_missing.ini "[equity]
data = e_users.csv
reference = e_ref.csv
group = grp"
expect "equity: a user group missing from the reference names it" 3 "'C' is not in the reference population" -- equity "$T/e_missing.ini"
printf 'group,share\nA,0.5\nB,0.3\nC,0.1\n' > "$T/e_sh.csv"
cfg e_sum.ini "[equity]
data = e_users.csv
reference = e_sh.csv
group = grp"
expect "equity: shares that do not add up to 1 are refused" 3 "add up to 0.9" -- equity "$T/e_sum.ini"
cfg e_noref.ini "[equity]
data = e_users.csv
group = grp"
expect "equity: no reference is refused naming the key" 2 "reference" -- equity "$T/e_noref.ini"

printf 'person,site,start,end\np1,A,2015-01-01,2014-06-01\n' > "$T/w_order.csv"
cfg w_order.ini "[workforce]
data = w_order.csv
person = person
site = site
start = start
end = end
followup_end = 2020-01-01"
expect "workforce: an end before the start names the cell" 3 "w_order.csv:2" "ends before it starts" -- workforce "$T/w_order.ini"
printf 'person,site,start,end\np1,A,2015-13-01,\n' > "$T/w_date.csv"
cfg w_date.ini "[workforce]
data = w_date.csv
person = person
site = site
start = start
end = end
followup_end = 2020-01-01"
expect "workforce: a month 13 is not a date" 3 "w_date.csv:2" "YYYY-MM-DD" -- workforce "$T/w_date.ini"
cfg w_fe.ini "[workforce]
data = w_date.csv
person = person
start = start
end = end
followup_end = 2020-02-30"
expect "workforce: followup_end must be a calendar date" 2 "followup_end" "YYYY-MM-DD" -- workforce "$T/w_fe.ini"

sed -e 's/^reference_phase = 1/reference_phase = 0/' -e "s|^data  *= data.csv|data = $KITS/survey_phases/data.csv|" \
    "$KITS/survey_phases/survey.ini" > "$T/sp_ref.ini"
expect "survey: a reference phase that is not in the data names the phases" 2 "reference_phase '0'" "'1', '2', '3', '4'" \
    -- fidelity "$T/sp_ref.ini"

# ---- the bundled examples: regenerated from their config and seed, byte for byte ----
sed -e "s|^cohort  *= .*|cohort = $T/cohort.csv|" -e "s|^workforce  *= .*|workforce = $T/staff.csv|" \
    "$ROOT/examples/simulate-practice.ini" > "$T/sim.ini"
if "$BIN" simulate "$T/sim.ini" --quiet && cmp -s "$T/cohort.csv" "$ROOT/examples/cohort.csv" &&
    cmp -s "$T/staff.csv" "$ROOT/examples/staff.csv"; then
    ok "examples/cohort.csv and staff.csv are what examples/simulate-practice.ini makes"
else
    ko "examples/cohort.csv and staff.csv are what examples/simulate-practice.ini makes"
fi
# ---- the simulator recovers its calibration (DOMAIN.md §6) on 40,000 people: within 3 standard errors ----
printf '[project]\nseed = 7\n[simulate]\ncohort = %s\ncohort_n = 40000\n' "$T/big.csv" > "$T/big_sim.ini"
printf '[project]\nsynthetic = yes\n[cohort]\ndata = big.csv\ndays_to_job = days_to_job\njob = got_job\nsupport_days = support_days\nsupport_limit = 365\n' \
    > "$T/big.ini"
if "$BIN" simulate "$T/big_sim.ini" --quiet && "$BIN" cohort "$T/big.ini" -o "$T/big.xlsx" --results "$T/big_r.csv" --quiet; then
    $PY - "$T/big_r.csv" <<'PYEOF'
import csv, math, sys
rows = {(r["analysis"], r["term"], r["method"]): r for r in csv.DictReader(open(sys.argv[1]))}
def est(a, t, m):
    r = rows[(a, t, m)]
    return float(r["estimate"]), float(r["n"])
bad = 0
p, n = est("job_proportion", "", "wilson")
se = math.sqrt(0.462 * 0.538 / n)
bad += abs(p - 0.462) > 3 * se
print(("PASS" if abs(p - 0.462) <= 3 * se else "FAIL") + f": simulated share with a job {p:.4f} within 3 SE ({se:.4f}) of 0.462")
q, m = est("support_over_limit", "over_365_days", "wilson")
se = math.sqrt(0.153 * 0.847 / m)
bad += abs(q - 0.153) > 3 * se
print(("PASS" if abs(q - 0.153) <= 3 * se else "FAIL") + f": simulated share supported over 365 days {q:.4f} within 3 SE of 0.153")
# the sample median of a log-normal with sdlog s: SE(log median) ~ 1.2533 s / sqrt(m)
med, _ = est("support_duration", "median", "quantile_type7")
s = math.log(365 / 146) / 1.0246
ok = abs(math.log(med / 146)) <= 3 * 1.2533 * s / math.sqrt(m) + 0.5 / 146
bad += not ok
print(("PASS" if ok else "FAIL") + f": simulated median support {med} days within 3 SE of 146")
sys.exit(bad)
PYEOF
    bad=$?
    passed=$((passed + 3 - bad))
    failed=$((failed + bad))
else
    ko "simulating and analysing 40,000 people"
fi

echo "practice: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
