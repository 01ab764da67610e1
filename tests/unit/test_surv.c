/* Kaplan–Meier, log-rank and Cox (stats/st_surv.h) against R's survival package:
 * tests/reference/kits/veteran_survival/expected.csv (survfit, survdiff, coxph; R 4.2.2, survival 3.5-3),
 * and closed forms on small examples. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include "tests/unit/kit.h"
#include "stats/st_surv.h"
#include "tests/t_check.h"

static const core_table *E;

static void check_km(const double *time, const int *ev, const double *trt, size_t n, int arm)
{
    double *t = malloc(n * sizeof *t);
    int *e = malloc(n * sizeof *e);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (trt[i] == arm) {
            t[m] = time[i];
            e[m++] = ev[i];
        }
    st_km km;
    core_err err;
    t_int(st_km_fit(t, e, m, &km, &err), CORE_OK, "km fit trt=%d", arm);
    char term[64];
    snprintf(term, sizeof term, "trt=%d", arm);
    t_rel((double)km.n, kit_value(E, "arm_summary", term, "n"), TOL_EXACT, "n trt=%d", arm);
    t_rel((double)km.events, kit_value(E, "arm_summary", term, "events"), TOL_EXACT, "events trt=%d", arm);
    st_estimate med;
    t_int(st_km_median(&km, 0.95, &med, &err), CORE_OK, "median trt=%d", arm);
    t_rel(med.estimate, kit_value(E, "km_median", term, "estimate"), TOL_EXACT, "median trt=%d", arm);
    t_rel(med.ci_low, kit_value(E, "km_median", term, "ci_low"), TOL_EXACT, "median ci_low trt=%d", arm);
    t_rel(med.ci_high, kit_value(E, "km_median", term, "ci_high"), TOL_EXACT, "median ci_high trt=%d", arm);
    static const double at[] = {30, 90, 180};
    for (int k = 0; k < 3; k++) {
        st_km_point pt;
        char tt[64];
        snprintf(tt, sizeof tt, "trt=%d;t=%g", arm, at[k]);
        t_int(st_km_at(&km, at[k], 0.95, &pt, &err), CORE_OK, "km at %s", tt);
        /* R prints 12 significant digits: compare at 1e-9 relative */
        t_rel(pt.surv, kit_value(E, "km_survival", tt, "estimate"), 1e-9, "S %s", tt);
        t_rel(pt.se, kit_value(E, "km_survival", tt, "se"), 1e-9, "se %s", tt);
        t_rel(pt.ci_low, kit_value(E, "km_survival", tt, "ci_low"), 1e-9, "ci_low %s", tt);
        t_rel(pt.ci_high, kit_value(E, "km_survival", tt, "ci_high"), 1e-9, "ci_high %s", tt);
        t_rel((double)pt.n_risk, kit_value(E, "km_survival", tt, "n_risk"), TOL_EXACT, "n_risk %s", tt);
    }
    st_km_free(&km);
    free(t);
    free(e);
}

static void check_cox(const double *time, const int *ev, const double *X, size_t n, size_t p, st_ties ties,
                      const char *analysis, const char *const *terms)
{
    st_cox c;
    core_err err;
    st_cox_opts o = {.ties = ties};
    t_int(st_cox_fit(time, ev, X, n, p, &o, &c, &err), CORE_OK, "%s fit", analysis);
    t_true(c.undefined == NULL, "%s defined", analysis);
    for (size_t j = 0; j < p; j++) {
        t_rel(c.beta[j], kit_value(E, analysis, terms[j], "estimate"), TOL_REF, "%s %s beta", analysis, terms[j]);
        t_rel(c.se[j], kit_value(E, analysis, terms[j], "se"), TOL_REF, "%s %s se", analysis, terms[j]);
        t_rel(c.beta[j] / c.se[j], kit_value(E, analysis, terms[j], "statistic"), TOL_REF, "%s %s z", analysis,
              terms[j]);
    }
    t_rel(c.lr, kit_value(E, analysis, "model", "lr_statistic"), TOL_REF, "%s LR", analysis);
    t_rel(c.wald, kit_value(E, analysis, "model", "wald_statistic"), TOL_REF, "%s Wald", analysis);
    t_rel(c.score, kit_value(E, analysis, "model", "score_statistic"), TOL_REF, "%s score", analysis);
    t_rel(c.loglik, kit_value(E, analysis, "model", "loglik"), TOL_REF, "%s loglik", analysis);
    t_rel((double)c.events, kit_value(E, analysis, "model", "events"), TOL_EXACT, "%s events", analysis);
    st_cox_free(&c);
}

int main(void)
{
    gsl_set_error_handler_off();
    core_table *d = kit_read("veteran_survival/data.csv");
    core_table *e = kit_read("veteran_survival/expected.csv");
    E = e;
    size_t n = d->n_rows;
    double *time = kit_col(d, "time"), *status = kit_col(d, "status"), *trt = kit_col(d, "trt");
    double *karno = kit_col(d, "karno"), *age = kit_col(d, "age"), *prior = kit_col(d, "prior_yes");
    int *ev = malloc(n * sizeof *ev), *grp = malloc(n * sizeof *grp);
    double *X1 = malloc(n * sizeof *X1), *X4 = malloc(4 * n * sizeof *X4);
    for (size_t i = 0; i < n; i++) {
        ev[i] = (int)status[i];
        grp[i] = trt[i] == 2;
        X1[i] = trt[i] == 2;
        X4[4 * i] = trt[i] == 2;
        X4[4 * i + 1] = karno[i];
        X4[4 * i + 2] = age[i];
        X4[4 * i + 3] = prior[i];
    }
    check_km(time, ev, trt, n, 1);
    check_km(time, ev, trt, n, 2);

    st_logrank lr;
    core_err err;
    t_int(st_logrank_test(time, ev, grp, n, 2, &lr, &err), CORE_OK, "logrank");
    t_rel(lr.statistic, kit_value(e, "logrank", "trt", "statistic"), TOL_REF, "logrank chi-square");
    t_rel(lr.p_value, kit_value(e, "logrank", "trt", "p_value"), TOL_REF, "logrank p");
    t_rel(lr.df, 1, TOL_EXACT, "logrank df");
    t_rel(lr.observed[0], kit_value(e, "logrank", "trt=1", "observed"), TOL_EXACT, "observed trt=1");
    t_rel(lr.expected[0], kit_value(e, "logrank", "trt=1", "expected"), 1e-9, "expected trt=1");
    t_rel(lr.expected[1], kit_value(e, "logrank", "trt=2", "expected"), 1e-9, "expected trt=2");
    st_logrank_free(&lr);

    const char *t1[] = {"trt=2"};
    const char *t4[] = {"trt=2", "karno", "age", "prior_yes"};
    check_cox(time, ev, X1, n, 1, ST_TIES_EFRON, "cox:efron", t1);
    check_cox(time, ev, X1, n, 1, ST_TIES_BRESLOW, "cox:breslow", t1);
    check_cox(time, ev, X4, n, 4, ST_TIES_EFRON, "cox_adjusted:efron", t4);
    check_cox(time, ev, X4, n, 4, ST_TIES_BRESLOW, "cox_adjusted:breslow", t4);

    /* Closed forms on a tiny sample: times 1,2,2,3+,4 (3 censored). S(1) = 4/5, S(2) = 4/5 * 2/4 = 0.4,
     * S(4) = 0; Greenwood at 2: 1/(5*4) + 2/(4*2) = 0.3. Median: first S <= 0.5 is at t = 2. */
    {
        double tt[] = {1, 2, 2, 3, 4};
        int ee[] = {1, 1, 1, 0, 1};
        st_km km;
        t_int(st_km_fit(tt, ee, 5, &km, &err), CORE_OK, "tiny km");
        st_km_point pt;
        st_km_at(&km, 2.5, 0.95, &pt, &err);
        t_rel(pt.surv, 0.4, TOL_EXACT, "tiny S(2.5)");
        t_rel(pt.se, 0.4 * sqrt(0.3), TOL_EXACT, "tiny Greenwood se");
        t_int(pt.n_risk, 2, "tiny at risk at 2.5");
        st_km_at(&km, 0.5, 0.95, &pt, &err);
        t_rel(pt.surv, 1, TOL_EXACT, "tiny S before first time");
        st_km_at(&km, 9, 0.95, &pt, &err);
        t_true(isnan(pt.surv) && pt.undefined != NULL, "tiny S beyond last time is undefined with a reason");
        st_estimate med;
        st_km_median(&km, 0.95, &med, &err);
        t_rel(med.estimate, 2, TOL_EXACT, "tiny median");
        st_km_free(&km);
        /* midpoint rule: S = 0.5 exactly on a flat (times 1, 2+, 3, 4: S(1) = 3/4, S(3) = 3/4 * 1/2 = 0.375; */
        double t2[] = {1, 2, 3, 4};
        int e2[] = {1, 1, 0, 1};
        t_int(st_km_fit(t2, e2, 4, &km, &err), CORE_OK, "flat km");
        st_km_median(&km, 0.95, &med, &err);
        t_rel(med.estimate, 3, TOL_EXACT, "S = 0.5 on [2, 4): median is the midpoint of 2 and 4");
        st_km_free(&km);
        /* bad input */
        double tb[] = {1, -2};
        int eb[] = {1, 1};
        t_int(st_km_fit(tb, eb, 2, &km, &err), CORE_ERR_USAGE, "negative time refused");
        t_contains(err.msg, "time -2", "message names the time");
        double tc[] = {1, 2};
        int ec[] = {1, 2};
        t_int(st_km_fit(tc, ec, 2, &km, &err), CORE_ERR_USAGE, "event code 2 refused");
        /* no events in one group: the Cox coefficient runs to -infinity; reported, not a number */
        double td[] = {1, 2, 3, 4, 5, 6};
        int ed[] = {1, 1, 1, 0, 0, 0};
        double xd[] = {0, 0, 0, 1, 1, 1};
        st_cox c;
        core_status s = st_cox_fit(td, ed, xd, 6, 1, NULL, &c, &err);
        t_true(s == CORE_ERR_ANALYSIS || (s == CORE_OK && c.undefined != NULL),
               "monotone likelihood is reported (status %d)", (int)s);
        if (s == CORE_OK)
            st_cox_free(&c);
    }
    {
        /* RMST in closed form: events at 1..5, S = .8 .6 .4 .2 0; to tau = 3.5 the area is 1 + .8 + .6 + .5 x .4 =
         * 2.6; variance sum A_j^2 d/(n(n-d)) over t_j <= 3.5: 1.6^2/20 + .8^2/12 + .2^2/6 = 0.188 */
        double tr[] = {1, 2, 3, 4, 5};
        int er[] = {1, 1, 1, 1, 1};
        st_km km;
        st_estimate re;
        t_int(st_km_fit(tr, er, 5, &km, &err), CORE_OK, "rmst: km fit");
        t_int(st_km_rmst(&km, 3.5, 0.95, &re, &err), CORE_OK, "rmst to 3.5");
        t_rel(re.estimate, 2.6, 1e-14, "rmst area to 3.5");
        t_rel(re.se, sqrt(1.6 * 1.6 / 20 + 0.8 * 0.8 / 12 + 0.2 * 0.2 / 6), 1e-14, "rmst se to 3.5");
        t_rel(re.ci_low, 2.6 - 1.959963984540054 * re.se, 1e-14, "rmst ci_low");
        /* tau at an event time: the last interval has length 0 and the event at tau adds A = 0 */
        t_int(st_km_rmst(&km, 3, 0.95, &re, &err), CORE_OK, "rmst to 3");
        t_rel(re.estimate, 2.4, 1e-14, "rmst area to 3");
        t_rel(re.se, sqrt(1.4 * 1.4 / 20 + 0.6 * 0.6 / 12), 1e-14, "rmst se to 3");
        t_int(st_km_rmst(&km, 5.5, 0.95, &re, &err), CORE_ERR_USAGE, "rmst beyond the last time refused");
        st_km_free(&km);
    }
    free(time), free(status), free(trt), free(karno), free(age), free(prior);
    free(ev), free(grp), free(X1), free(X4);
    core_table_free(d);
    core_table_free(e);
    return t_summary("test_surv");
}
