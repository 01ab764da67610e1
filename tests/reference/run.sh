#!/bin/sh
# Reference tests: run ipseval through its command line on each kit's data and compare with R.
# The kits (data, R's expected values, the R script that writes them) live in tests/reference/kits/.
BIN=${BIN:-bin/ipseval}
KIT=tests/reference/kits
mkdir -p build/tmp-ref
status=0
# nsw_lalonde: the trial module at one timepoint, all 258 values: binary employed78 (2x2 analyses, logistic
# unadjusted/adjusted, marginal RD by g-computation) and continuous re78 (means, Welch/Student, ANCOVA
# classical/HC2/HC3, Hedges' g, Wilcoxon). Kit names that differ from ours: tests/reference/nsw_lalonde.rowmap.
if ! "$BIN" rct tests/reference/nsw_lalonde.ini --quiet; then
    echo "FAIL: ipseval rct tests/reference/nsw_lalonde.ini exited non-zero"
    echo "reference-nsw: 0 passed, 1 failed"
    exit 1
fi
/usr/bin/python3 tests/reference/refcmp.py "$KIT/nsw_lalonde/expected.csv" build/tmp-ref/nsw.csv \
    --name reference-nsw --arm treat --outcomes employed78,re78 --tol 1e-6 --r-uniroot odds_ratio:fisher_cmle \
    --row-map-file tests/reference/nsw_lalonde.rowmap \
    --require arm_summary,risk_difference:wald,risk_difference:newcombe,risk_ratio,odds_ratio:woolf,chisq_test,fisher_exact,odds_ratio:fisher_cmle,logistic:unadjusted,logistic:adjusted,marginal_risk_difference,mean_difference:welch,mean_difference:student,ancova:classical,ancova:hc2,ancova:hc3,hedges_g,wilcoxon \
    || status=1
# bcg_meta: the meta-analysis module (study effects, fixed/DL/REML/REML+Knapp-Hartung, heterogeneity,
# prediction intervals). R's Q-profile tau^2 bounds come from uniroot at its default tolerance: see
# refcmp.py --r-uniroot-tau2 and docs/methods.md (meta-analysis).
if "$BIN" meta tests/reference/bcg_meta.ini --quiet; then
    /usr/bin/python3 tests/reference/refcmp.py "$KIT/bcg_meta/expected.csv" build/tmp-ref/bcg.csv \
        --name reference-bcg --arm trial --outcomes tb_positive --tol 1e-6 \
        --default-method pooled=fixed --term-map design=rr --log-terms log_rr=rr \
        --stat-map yi=log:estimate,vi=square:se,k=id:n --r-uniroot-tau2 heterogeneity:reml \
        --require study_effect,pooled,pooled:fixed,pooled:dl,pooled:reml,pooled:reml_hk,heterogeneity:fixed,heterogeneity:dl,heterogeneity:reml,heterogeneity:reml_hk,prediction_interval:fixed,prediction_interval:dl,prediction_interval:dl_hts,prediction_interval:reml,prediction_interval:reml_hts,prediction_interval:reml_hk \
        || status=1
else
    echo "FAIL: ipseval meta tests/reference/bcg_meta.ini exited non-zero"
    echo "reference-bcg: 0 passed, 1 failed"
    status=1
fi
# veteran_survival: time-to-event analyses (Kaplan-Meier, log-rank, Cox Efron/Breslow, adjusted Cox)
if "$BIN" rct tests/reference/veteran_survival.ini --quiet; then
    /usr/bin/python3 tests/reference/refcmp.py "$KIT/veteran_survival/expected.csv" build/tmp-ref/veteran.csv \
        --name reference-veteran --arm trt --outcomes time --tol 1e-6 --survival \
        --require arm_summary,km_median,km_survival,logrank,cox:efron,cox:breslow,cox_adjusted:efron,cox_adjusted:breslow \
        || status=1
else
    echo "FAIL: ipseval rct tests/reference/veteran_survival.ini exited non-zero"
    echo "reference-veteran: 0 passed, 1 failed"
    status=1
fi
# fatalities_did: the registry module's TWFE (state and year fixed effects, clustered by state): classical,
# CR1 variants and CR2 on all 48 states; the same plus the full-enumeration wild bootstrap (H0: 0, 1, -1.5) on
# the kit's 11-state subset, written here from the kit's data.csv. The kit's normal-approximation p-values
# (p_value_normal) are no row of ours: tests/unit/test_did_twfe.c checks them from our t.
/usr/bin/python3 -c 'import csv,sys
r=list(csv.reader(open(sys.argv[1],newline="")));k=r[0].index("subset_g11")
w=csv.writer(open(sys.argv[2],"w",newline=""),lineterminator="\n");w.writerow(r[0]);w.writerows(x for x in r[1:] if x[k]=="1")' \
    "$KIT/fatalities_did/data.csv" build/tmp-ref/fatalities_g11.csv
if "$BIN" did tests/reference/fatalities_did.ini --quiet && "$BIN" did tests/reference/fatalities_did_g11.ini --quiet; then
    /usr/bin/python3 tests/reference/refcmp.py "$KIT/fatalities_did/expected.csv" build/tmp-ref/fatalities.csv \
        --name reference-fatalities --outcomes fatal_rate --tol 1e-6 --skip-stats p_value_normal \
        --row-map-file tests/reference/fatalities_did.rowmap \
        --require twfe:cr1,twfe:cr1_xtreg,twfe:cr1_nested,twfe:cr1_gonly,twfe:classical,twfe:cr2 || status=1
    /usr/bin/python3 tests/reference/refcmp.py "$KIT/fatalities_did/expected.csv" build/tmp-ref/fatalities_g11_results.csv \
        --name reference-fatalities-g11 --outcomes fatal_rate --tol 1e-6 --skip-stats p_value_normal \
        --row-map-file tests/reference/fatalities_did.rowmap \
        --require twfe_g11:cr1,twfe_g11:cr1_xtreg,twfe_g11:cr1_nested,twfe_g11:cr1_gonly,twfe_g11:classical,twfe_g11:cr2,twfe_g11:wild \
        || status=1
else
    echo "FAIL: ipseval did tests/reference/fatalities_did.ini or fatalities_did_g11.ini exited non-zero"
    echo "reference-fatalities: 0 passed, 1 failed"
    status=1
fi
# ohio_repeated read as a trial in the long layout (smoke as the arm, age as the timepoint): the repeated-measures
# models through the command line against geepack and lme4 (tests/reference/longitudinal-extra.R). GEE at 1e-6;
# GLMM estimates at 1e-4 (the GLMM tier: lme4's PIRLS tolerance moves its optimum by about 1e-5).
if "$BIN" rct tests/reference/ohio_trial.ini --quiet; then
    /usr/bin/python3 tests/reference/refcmp.py tests/reference/longitudinal-extra.csv build/tmp-ref/ohio.csv \
        --name reference-ohio-gee --arm smoke --outcomes wheeze --tol 1e-6 \
        --require gee_logistic:exchangeable,gee_logistic:independence,gee_logistic:ar1 || status=1
    /usr/bin/python3 tests/reference/refcmp.py tests/reference/longitudinal-extra.csv build/tmp-ref/ohio.csv \
        --name reference-ohio-glmm --arm smoke --outcomes wheeze --tol 1e-4 \
        --require glmm_logistic:laplace,glmm_logistic:aghq || status=1
else
    echo "FAIL: ipseval rct tests/reference/ohio_trial.ini exited non-zero"
    echo "reference-ohio: 0 passed, 1 failed"
    status=1
fi
# respiratory (tests/reference/kits/respiratory): the repeated-measures models adjusted for site (as fixed effects)
# and the baseline, against geeglm and glmer with treat + factor(visit) + factor(center) + baseline; and
# adjust = no (trial_unadjusted.ini) against treat + factor(visit). GEE at 1e-6, GLMM estimates at 1e-4.
RK=tests/reference/kits/respiratory
if "$BIN" rct $RK/trial.ini --quiet && "$BIN" rct $RK/trial_unadjusted.ini --quiet; then
    /usr/bin/python3 tests/reference/refcmp.py $RK/expected.csv build/tmp-ref/respiratory.csv \
        --name reference-respiratory-gee --arm treat --outcomes status --tol 1e-6 \
        --require gee_logistic:exchangeable,gee_logistic:independence,gee_logistic:ar1 || status=1
    /usr/bin/python3 tests/reference/refcmp.py $RK/expected.csv build/tmp-ref/respiratory.csv \
        --name reference-respiratory-glmm --arm treat --outcomes status --tol 1e-4 \
        --require glmm_logistic:laplace,glmm_logistic:aghq || status=1
    /usr/bin/python3 tests/reference/refcmp.py $RK/expected.csv build/tmp-ref/respiratory_unadjusted.csv \
        --name reference-respiratory-unadjusted --arm treat --outcomes status_unadjusted --tol 1e-6 \
        --require gee_logistic:exchangeable,gee_logistic:independence,gee_logistic:ar1 || status=1
else
    echo "FAIL: ipseval rct $RK/trial.ini or trial_unadjusted.ini exited non-zero"
    echo "reference-respiratory: 0 passed, 1 failed"
    status=1
fi
# survival_ph (tests/reference/kits/survival_ph): cox.zph (per term and global, transform = km) of the Cox fits and
# RMST per arm, difference and ratio, on survival::veteran (tau: the last follow-up both arms reach; celltype a 3-df
# term) and survival::colon (three arms, tau = 1825). cox.zph at 1e-6; RMST at 1e-8.
SK=tests/reference/kits/survival_ph
if "$BIN" rct $SK/veteran.ini --quiet && "$BIN" rct $SK/colon.ini --quiet; then
    for o in "veteran_ph time" "colon_ph death"; do
        set -- $o
        /usr/bin/python3 tests/reference/refcmp.py $SK/expected.csv build/tmp-ref/$1.csv --name reference-$1-zph \
            --outcomes $2 --tol 1e-6 \
            --require ph_test:cox_efron,ph_test:cox_breslow,ph_test:cox_adjusted_efron,ph_test:cox_adjusted_breslow \
            || status=1
        /usr/bin/python3 tests/reference/refcmp.py $SK/expected.csv build/tmp-ref/$1.csv --name reference-$1-rmst \
            --outcomes $2 --tol 1e-8 --require rmst:km,rmst_difference:km,rmst_ratio:km || status=1
    done
else
    echo "FAIL: ipseval rct $SK/veteran.ini or colon.ini exited non-zero"
    echo "reference-survival-ph: 0 passed, 1 failed"
    status=1
fi
# fertility_iv (tests/reference/kits/fertility_iv): the complier average causal effect ([trial] received) against
# AER::ivreg and sandwich: Wald, 2SLS classical and robust (HC0), first stage with its F, at 1e-9.
FK=tests/reference/kits/fertility_iv
if "$BIN" rct $FK/trial.ini --quiet; then
    /usr/bin/python3 tests/reference/refcmp.py $FK/expected.csv build/tmp-ref/fertility.csv --name reference-fertility-iv \
        --outcomes work --tol 1e-9 \
        --require cace:wald,cace:2sls,cace:2sls_robust,first_stage:unadjusted,first_stage:adjusted || status=1
else
    echo "FAIL: ipseval rct $FK/trial.ini exited non-zero"
    echo "reference-fertility-iv: 0 passed, 1 failed"
    status=1
fi
# shrout_fleiss_icc: [agreement] through the fidelity module: the six ICC forms (F tests, intervals) and Cohen's
# kappa (unweighted, linear, quadratic) for J1 vs J2 and J1 vs J4, with psych's variance of weighted kappa
# (kappa_variance = psych; our default is the Fleiss-Cohen-Everitt variance, checked against vcd in
# tests/unit/test_fidelity_stats.c). df2 and k are read from the ICC label: tests/reference/shrout_fleiss_icc.rowmap.
if "$BIN" fidelity tests/reference/shrout_fleiss_icc.ini --quiet; then
    /usr/bin/python3 tests/reference/refcmp.py "$KIT/shrout_fleiss_icc/expected.csv" build/tmp-ref/sf.csv \
        --name reference-shrout-fleiss --outcomes rating --tol 1e-6 --default-method icc=icc1 \
        --term-map "all_judges=,design=,J1_vs_J2=J1 vs J2,J1_vs_J4=J1 vs J4" --stat-map df1=id:df \
        --row-map-file tests/reference/shrout_fleiss_icc.rowmap \
        --require icc:icc1,icc:icc2,icc:icc3,icc:icc1k,icc:icc2k,icc:icc3k,icc,kappa:unweighted,kappa:linear,kappa:quadratic \
        || status=1
else
    echo "FAIL: ipseval fidelity tests/reference/shrout_fleiss_icc.ini exited non-zero"
    echo "reference-shrout-fleiss: 0 passed, 1 failed"
    status=1
fi
# transport_nsw: the trial transported to a target population ([compare] target): entropy weights per arm and
# timepoint, weighted proportions, effective sample sizes, the transported effect and path with their sandwich SEs,
# against base R (the generic stacked M-estimator sandwich), at 1e-9.
if "$BIN" compare tests/reference/transport_nsw.ini --quiet; then
    /usr/bin/python3 tests/reference/kitcmp.py reference-transport "$KIT/transport_nsw/expected.csv" \
        build/tmp-ref/transport.csv 1e-9 || status=1
else
    echo "FAIL: ipseval compare tests/reference/transport_nsw.ini exited non-zero"
    echo "reference-transport: 0 passed, 1 failed"
    status=1
fi
exit $status
