# Statistics: data the analyses cannot estimate everything from. The run completes (exit 0) and every
# number that cannot be had is an empty field with the reason in `label`, never "nan"; or the run
# stops with the place named. Sourced by ../run.sh.

nonan() { ! grep -qi 'nan' "$1"; }

printf 'id,arm,emp\n1,IPS,1\n2,TAU,0\n3,IPS,0\n4,TAU,0\n5,IPS,1\n6,TAU,0\n' > zero.csv
RES=out/zero.csv OUT=out/zero.xlsx mkcfg zero.ini zero.csv
expect "zero events in one arm runs" 0 "" -- rct zero.ini --quiet
check "zero events: no nan in results" nonan out/zero.csv
check "zero events: risk ratio says why" grep -q '^rct,risk_ratio,emp,,arm,log_wald,.*zero' out/zero.csv
check "zero events: Newcombe difference defined" grep -qE '^rct,risk_difference,emp,,arm,newcombe,0\.6666' out/zero.csv

printf 'id,arm,emp\n1,IPS,1\n2,TAU,1\n3,IPS,1\n4,TAU,1\n5,IPS,1\n6,TAU,1\n' > allev.csv
RES=out/allev.csv OUT=out/allev.xlsx mkcfg allev.ini allev.csv
expect "everyone employed in both arms runs" 0 "" -- rct allev.ini --quiet
check "everyone employed: no nan in results" nonan out/allev.csv
check "everyone employed: the odds ratio is undefined with a reason" grep -qE '^rct,odds_ratio,emp,,arm,woolf,,.*[a-z]' out/allev.csv

printf 'id,arm,emp\n1,IPS,1\n2,TAU,0\n' > tiny.csv
RES=out/tiny.csv OUT=out/tiny.xlsx mkcfg tiny.ini tiny.csv
expect "one participant per arm runs" 0 "" -- rct tiny.ini --quiet
check "one per arm: no nan in results" nonan out/tiny.csv

printf 'id,arm,emp\n1,IPS,1\n2,TAU,\n3,IPS,0\n4,TAU,NA\n' > armmiss.csv
RES=out/armmiss.csv OUT=out/armmiss.xlsx mkcfg armmiss.ini armmiss.csv
expect "every outcome missing in one arm (an empty group)" 0 "" -- rct armmiss.ini --quiet
check "empty group: no nan in results" nonan out/armmiss.csv
check "empty group: the arm summary says 0 analysed" grep -qE '^rct,arm_summary,emp,,TAU,.*,0,' out/armmiss.csv

printf 'id,arm,emp\n1,IPS,\n2,TAU,\n3,IPS,NA\n4,TAU,NA\n' > allmiss.csv; mkcfg allmiss.ini allmiss.csv
expect "outcome missing for everyone" 3 "allmiss.csv" "'emp'" -- rct allmiss.ini

printf 'id,arm,emp\n1,IPS,1\n2,IPS,0\n3,IPS,1\n' > onearm.csv; mkcfg onearm.ini onearm.csv
expect "nobody in the control arm" 3 "onearm.ini:12: key 'control'" "'TAU' does not occur" -- rct onearm.ini

RES=out/onesite.csv OUT=out/onesite.xlsx TRIAL_EXTRA="site = county" mkcfg onesite.ini onecounty.csv
printf 'id,arm,county,emp\n1,IPS,Oslo,1\n2,TAU,Oslo,0\n3,IPS,Oslo,0\n4,TAU,Oslo,1\n5,IPS,Oslo,1\n6,TAU,Oslo,0\n' > onecounty.csv
expect "one site (a single cluster) runs" 0 "" -- rct onesite.ini --quiet
check "one site: no nan in results" nonan out/onesite.csv

printf 'id,arm,age,emp\n1,IPS,30,1\n2,TAU,30,0\n3,IPS,30,0\n4,TAU,30,1\n5,IPS,30,1\n6,TAU,30,0\n' > constcov.csv
TRIAL_EXTRA="covariates = age" mkcfg constcov.ini constcov.csv
expect "constant covariate (a singular design)" 3 "constcov.ini:13: key 'covariates' in [trial]" "'age' is constant" -- rct constcov.ini

{ echo 'id,arm,age,emp'; i=1; while [ $i -le 20 ]; do
    if [ $((i % 2)) -eq 0 ]; then echo "$i,IPS,$((20 + i)),1"; else echo "$i,TAU,$((20 + i)),0"; fi; i=$((i + 1)); done; } > separ.csv
RES=out/separ.csv OUT=out/separ.xlsx TRIAL_EXTRA="covariates = age" mkcfg separ.ini separ.csv
expect "complete separation (arm predicts the outcome) runs" 0 "" -- rct separ.ini --quiet
check "separation: no nan in results" nonan out/separ.csv
check "separation: the adjusted model says it cannot be estimated" grep -qiE '^rct,.*(separat|not estimable|did not converge|infinite)' out/separ.csv

# Non-convergence: a GLMM with everyone in the intervention arm employed at both timepoints (quasi-
# separation of the random-intercept model). The run completes; the GLMM rows say it did not converge
# and what was tried, never a number from an unconverged fit.
{ echo 'id,arm,month,emp'; for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    if [ $((i % 2)) -eq 0 ]; then echo "$i,IPS,6,1"; echo "$i,IPS,12,1"; else echo "$i,TAU,6,$((i % 3 == 0))"; echo "$i,TAU,12,$((i % 5 == 0))"; fi; done; } > noconv.csv
RES=out/noconv.csv OUT=out/noconv.xlsx TRIAL_EXTRA="layout = long
time = month
timepoints = 6, 12" mkcfg noconv.ini noconv.csv
expect "GLMM that does not converge: the run completes" 0 "" -- rct noconv.ini --quiet
check "non-convergence: the GLMM row says it did not converge and what was tried" grep -qE '^rct,glmm_logistic,emp,,arm,laplace,,.*did not converge: tried Newton-Raphson.*Nelder-Mead' out/noconv.csv
check "non-convergence: no nan in results" nonan out/noconv.csv
# RMST beyond follow-up: TAU's last time is 200, so no horizon beyond it has a curve in both arms
printf 'id,arm,days,job\n1,IPS,100,1\n2,IPS,300,0\n3,TAU,50,1\n4,TAU,200,0\n5,IPS,250,1\n6,TAU,150,1\n' > rmsttau.csv
OUTCOME="type = time_to_event
time = days
event = job
rmst_tau = 250" mkcfg rmsttau.ini rmsttau.csv
expect "RMST horizon beyond the follow-up of an arm" 2 "rmsttau.ini" "rmst_tau = 250" "arm TAU" \
    "largest valid horizon is rmst_tau = 200" -- rct rmsttau.ini
OUTCOME="type = time_to_event
time = days
event = job
rmst_tau = 0" mkcfg rmsttau0.ini rmsttau.csv
expect "RMST horizon 0" 2 "rmsttau0.ini" "rmst_tau" -- rct rmsttau0.ini
