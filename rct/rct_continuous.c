/* Continuous outcomes at each timepoint: arm means and SDs, Welch and Student mean differences, ANCOVA on
 * baseline, site and covariates with classical, HC2 and HC3 standard errors, Hedges' g, Wilcoxon rank-sum;
 * each intervention arm against the control. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rct/rct_design.h"
#include "stats/st_ols.h"
#include "stats/st_ttest.h"

static core_status arm_rows(const rct_spec *s, const char *outcome, const char *tp, const char *level,
                            const double *y, size_t n, core_results *res, core_err *err)
{
    st_estimate e;
    char label[160];
    core_status st;
    if (n == 0)
        return rct_row_est(res, "arm_summary", outcome, tp, level, "t", NULL, 0,
                           "no participant with an observed outcome in this arm", err);
    if ((st = st_mean_t(y, n, s->confidence, &e, err)) != CORE_OK)
        return st;
    st_describe_out d;
    if ((st = st_describe(y, n, &d, err)) != CORE_OK)
        return st;
    snprintf(label, sizeof label, "%.2f (%.2f)", d.mean, d.sd);
    if ((st = rct_row_est(res, "arm_summary", outcome, tp, level, "t", &e, (double)n, n > 1 ? label : e.undefined,
                          err)) != CORE_OK)
        return st;
    st_estimate sd = {.estimate = d.sd, .se = NAN, .ci_low = NAN, .ci_high = NAN, .statistic = NAN,
                      .p_value = NAN, .df = NAN, .undefined = n > 1 ? NULL : "one observation: SD undefined"};
    return rct_row_est(res, "arm_summary", outcome, tp, level, "sd", &sd, (double)n, NULL, err);
}

/* ANCOVA y ~ arm + site + covariates + baseline with classical, HC2 and HC3 covariance, t on n - p df. */
static core_status ancova(const rct_spec *s, const rct_trial *tr, size_t k, size_t j, core_results *res,
                          core_err *err)
{
    const rct_outcome_spec *o = &s->outcomes[k];
    size_t col = tr->col_index[tr->outcome_cols[k] + j];
    const char *tp = rct_outcome_timepoint(o, j);
    rct_model m = {.arm = 1, .site = 1, .baseline = o->baseline};
    rct_outcome_covariates(s, o, &m.covariates, &m.n_covariates);
    if (!s->site && m.n_covariates == 0 && !o->baseline)
        return CORE_OK; /* nothing to adjust for: the mean differences above are the analysis */
    rct_design d;
    core_status st = rct_design_build(s, tr, col, &m, &d, err);
    if (st != CORE_OK)
        return st;
    static const char *const methods[3] = {"classical", "hc2", "hc3"};
    static const st_vcov_type types[3] = {ST_VCOV_CLASSICAL, ST_VCOV_HC2, ST_VCOV_HC3};
    char why[1400], term[300], coll[1000];
    int missing_arm = 0;
    long n0 = 0;
    for (size_t a = 1; a < tr->n_arms; a++)
        missing_arm |= !d.arm_col[a];
    for (size_t i = 0; i < d.n; i++)
        n0 += d.arm[i] == 0;
    const char *reason = NULL;
    if (d.n <= d.p || missing_arm || n0 == 0) {
        snprintf(why, sizeof why, "not estimable: %zu participants with complete data for %zu coefficients%s", d.n,
                 d.p, missing_arm || n0 == 0 ? ", and an arm without observed outcomes" : "");
        reason = why;
    } else if (rct_design_collinear(&d, coll, sizeof coll, err)) {
        snprintf(why, sizeof why, "not estimable: collinear terms among the %zu participants analysed: %s", d.n, coll);
        reason = why;
    } else if (err->code != CORE_OK) {
        rct_design_free(&d);
        return err->code;
    }
    st_ols_fit *f = NULL;
    if (!reason && (st = st_ols_fit_new(d.X, d.y, d.n, d.p, &f, err)) != CORE_OK) {
        if (st == CORE_ERR_NOMEM) {
            rct_design_free(&d);
            return st;
        }
        snprintf(why, sizeof why, "not estimable: %.1300s", err->msg);
        core_err_clear(err);
        reason = why;
        st = CORE_OK;
    }
    if (reason) {
        for (int v = 0; v < 3 && st == CORE_OK; v++)
            for (size_t a = 1; a < tr->n_arms && st == CORE_OK; a++)
                st = rct_row_est(res, "ancova", o->name, tp, rct_arm_term(s, a, term, sizeof term), methods[v], NULL,
                                 (double)d.n, reason, err);
        rct_design_free(&d);
        return st;
    }
    double *V = malloc(d.p * d.p * sizeof *V);
    if (!V) {
        st_ols_free(f);
        rct_design_free(&d);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (int v = 0; v < 3 && st == CORE_OK; v++) {
        const char *und = NULL;
        if ((st = st_ols_vcov(f, types[v], V, &und, err)) != CORE_OK)
            break;
        for (size_t c = 0; c < d.p && st == CORE_OK; c++) {
            st_estimate e;
            st_coef_t(f->beta[c], V[c * d.p + c], f->df_resid, s->confidence, &e);
            st = rct_row_est(res, "ancova", o->name, tp, d.terms[c], methods[v], &e, (double)d.n,
                             und ? und : e.undefined, err);
        }
    }
    free(V);
    st_ols_free(f);
    rct_design_free(&d);
    return st;
}

core_status rct_continuous_analyse(const rct_spec *s, const rct_trial *tr, size_t k, size_t j, core_results *res,
                                   core_err *err)
{
    const rct_outcome_spec *o = &s->outcomes[k];
    size_t col = tr->col_index[tr->outcome_cols[k] + j];
    const char *tp = rct_outcome_timepoint(o, j);
    size_t K = tr->n_arms;
    double *buf = malloc((tr->n ? tr->n : 1) * K * sizeof *buf);
    size_t cnt[RCT_MAX_ARMS];
    if (!buf)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    for (size_t a = 0; a < K; a++)
        cnt[a] = rct_arm_values(tr, col, (int)a, NULL, buf + a * tr->n);
    core_status st = CORE_OK;
    for (size_t b = 1; b <= K && st == CORE_OK; b++) {
        size_t a = b % K;
        st = arm_rows(s, o->name, tp, rct_arm_level(s, a), buf + a * tr->n, cnt[a], res, err);
    }
    char term[300];
    const double *y0 = buf;
    size_t n0 = cnt[0];
    for (size_t a = 1; a < K && st == CORE_OK; a++) {
        const double *y1 = buf + a * tr->n;
        size_t n1 = cnt[a];
        double n = (double)(n1 + n0);
        rct_arm_term(s, a, term, sizeof term);
        st_estimate e;
        if (n1 < 2 || n0 < 2) {
            st = rct_row_est(res, "mean_difference", o->name, tp, term, "welch", NULL, n,
                             "not estimable: an arm has fewer than 2 observed outcomes at this timepoint", err);
            continue;
        }
#define RUN(call, analysis, method)                                                                                \
    do {                                                                                                           \
        if ((st = (call)) != CORE_OK) {                                                                            \
            core_err_prefix(err, "outcome '%s'%s%s, %s", o->name, tp ? " at " : "", tp ? tp : "", analysis);       \
            break;                                                                                                 \
        }                                                                                                          \
        if ((st = rct_row_est(res, analysis, o->name, tp, term, method, &e, n, NULL, err)) != CORE_OK)             \
            break;                                                                                                 \
    } while (0)
        RUN(st_ttest_welch(y1, n1, y0, n0, s->confidence, &e, err), "mean_difference", "welch");
        if (st != CORE_OK)
            break;
        RUN(st_ttest_student(y1, n1, y0, n0, s->confidence, &e, err), "mean_difference", "student");
        if (st != CORE_OK)
            break;
#undef RUN
        st_smd_out g;
        if ((st = st_hedges_g(y1, n1, y0, n0, s->confidence, &g, err)) != CORE_OK)
            break;
        if ((st = rct_row_est(res, "hedges_g", o->name, tp, term, "exact_j", &g.est, n, NULL, err)) != CORE_OK)
            break;
        st_estimate x = {.estimate = g.d, .se = NAN, .ci_low = NAN, .ci_high = NAN, .statistic = NAN,
                         .p_value = NAN, .df = NAN, .undefined = g.est.undefined};
        if ((st = rct_row_est(res, "hedges_g", o->name, tp, term, "cohen_d", &x, n,
                              x.undefined ? x.undefined : "Cohen's d: mean difference / pooled SD, no correction",
                              err)) != CORE_OK)
            break;
        x.estimate = g.g_approx;
        if ((st = rct_row_est(res, "hedges_g", o->name, tp, term, "approx_j", &x, n,
                              x.undefined ? x.undefined : "g with the approximate correction 1 - 3/(4N - 9)", err)) !=
            CORE_OK)
            break;
        x.estimate = g.J;
        x.undefined = NULL;
        if ((st = rct_row_est(res, "hedges_g", o->name, tp, term, "j_factor", &x, n,
                              "exact small-sample correction factor J", err)) != CORE_OK)
            break;
        if ((st = st_wilcoxon(y1, n1, y0, n0, &e, err)) != CORE_OK ||
            (st = rct_row_est(res, "wilcoxon", o->name, tp, term, "normal_cc", &e, n,
                              e.undefined ? e.undefined
                                          : "W = rank sum of the intervention arm - n1(n1+1)/2; normal approximation "
                                            "with tie correction and continuity correction",
                              err)) != CORE_OK)
            break;
    }
    free(buf);
    if (st == CORE_OK)
        st = ancova(s, tr, k, j, res, err);
    return st;
}
