/* Binary outcomes by logistic regression: unadjusted and adjusted (site, covariates, baseline) models,
 * the treatment odds ratios, the marginal risk difference by g-computation with its delta-method SE, and
 * the number needed to treat from it. Separation and non-convergence are reported in `label`. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rct/rct_design.h"
#include "stats/st_glm.h"
#include "stats/st_ols.h"

/* Rows saying why a model's numbers are not reported: one per comparison, for the model and its OR. */
static core_status model_undefined(const rct_spec *s, const rct_trial *tr, const char *outcome, const char *tp,
                                   const char *method, const char *or_method, double n, const char *why,
                                   int with_marginal, core_results *res, core_err *err)
{
    char term[300];
    core_status st;
    for (size_t a = 1; a < tr->n_arms; a++) {
        rct_arm_term(s, a, term, sizeof term);
        if ((st = rct_row_est(res, "logistic", outcome, tp, term, method, NULL, n, why, err)) != CORE_OK ||
            (st = rct_row_est(res, "odds_ratio", outcome, tp, term, or_method, NULL, n, why, err)) != CORE_OK)
            return st;
        if (with_marginal &&
            ((st = rct_row_est(res, "marginal_risk_difference", outcome, tp, term, "g_computation", NULL, n, why,
                               err)) != CORE_OK ||
             (st = rct_row_est(res, "number_needed_to_treat", outcome, tp, term, "g_computation", NULL, n, why,
                               err)) != CORE_OK))
            return st;
    }
    return CORE_OK;
}

/* g-computation (Robins 1986; standardisation): the mean predicted risk with everyone set to arm a,
 * r_a = mean_i expit(x_i(a) b), and its gradient g_a = mean_i p_i(1 - p_i) x_i(a); then
 * RD_a = r_a - r_0 with Var = (g_a - g_0)' V (g_a - g_0), V the model-based covariance, covariates fixed. */
static core_status marginal(const rct_spec *s, const rct_trial *tr, const rct_design *d, const st_logit_fit *f,
                            const char *outcome, const char *tp, core_results *res, core_err *err)
{
    size_t n = d->n, p = d->p, K = tr->n_arms;
    double *g = calloc(K * p, sizeof *g), *risk = calloc(K, sizeof *risk), *x = malloc(p * sizeof *x);
    core_status st = CORE_OK;
    if (!g || !risk || !x) {
        free(g), free(risk), free(x);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t a = 0; a < K; a++) {
        if (a > 0 && !d->arm_col[a])
            continue;
        for (size_t i = 0; i < n; i++) {
            memcpy(x, d->X + i * p, p * sizeof *x);
            for (size_t b = 1; b < K; b++)
                if (d->arm_col[b])
                    x[d->arm_col[b]] = a == b;
            double eta = 0;
            for (size_t j = 0; j < p; j++)
                eta += x[j] * f->beta[j];
            double pr = st_plogis(eta);
            risk[a] += pr;
            for (size_t j = 0; j < p; j++)
                g[a * p + j] += pr * (1 - pr) * x[j];
        }
        risk[a] /= (double)n;
        for (size_t j = 0; j < p; j++)
            g[a * p + j] /= (double)n;
    }
    /* quadratic form h' V h */
#define QF(h, out)                                                                                                 \
    do {                                                                                                           \
        double q_ = 0;                                                                                             \
        for (size_t r_ = 0; r_ < p; r_++)                                                                          \
            for (size_t c_ = 0; c_ < p; c_++)                                                                      \
                q_ += (h)[r_] * f->vcov[r_ * p + c_] * (h)[c_];                                                    \
        (out) = q_;                                                                                                \
    } while (0)
    char term[300];
    double *h = malloc(p * sizeof *h);
    if (!h) {
        free(g), free(risk), free(x);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t a = 1; a < K && st == CORE_OK; a++) {
        rct_arm_term(s, a, term, sizeof term);
        if (!d->arm_col[a]) {
            st = rct_row_est(res, "marginal_risk_difference", outcome, tp, term, "g_computation", NULL, (double)n,
                             "not estimable: no participant of this arm has an observed outcome", err);
            continue;
        }
        for (size_t j = 0; j < p; j++)
            h[j] = g[a * p + j] - g[j];
        double v;
        QF(h, v);
        st_estimate e;
        st_coef_z(risk[a] - risk[0], v, s->confidence, &e);
        if ((st = rct_row_est(res, "marginal_risk_difference", outcome, tp, term, "g_computation", &e, (double)n,
                              NULL, err)) != CORE_OK)
            break;
        st = rct_nnt_row(res, outcome, tp, term, "g_computation", &e, (double)n, err);
    }
    /* the standardised risks themselves, one row per arm level (interventions first, then the control) */
    for (size_t b = 1; b <= K && st == CORE_OK; b++) {
        size_t a = b % K;
        if (a > 0 && !d->arm_col[a])
            continue;
        double v;
        QF(g + a * p, v);
        st_estimate e;
        st_coef_z(risk[a], v, s->confidence, &e);
        e.statistic = e.p_value = NAN; /* a risk is not tested against 0 */
        st = rct_row_est(res, "marginal_risk_difference", outcome, tp, rct_arm_level(s, a), "g_computation", &e,
                         (double)n, "standardised risk: mean predicted probability with everyone in this arm", err);
    }
#undef QF
    free(g), free(risk), free(x), free(h);
    return st;
}

static core_status one_model(const rct_spec *s, const rct_trial *tr, size_t k, size_t j, int adjusted,
                             core_results *res, core_err *err)
{
    const rct_outcome_spec *o = &s->outcomes[k];
    size_t col = tr->col_index[tr->outcome_cols[k] + j];
    const char *tp = rct_outcome_timepoint(o, j);
    const char *method = adjusted ? "adjusted" : "unadjusted";
    const char *or_method = adjusted ? "logistic_adjusted" : "logistic_unadjusted";
    rct_model m = {.arm = 1};
    if (adjusted) {
        m.site = 1;
        rct_outcome_covariates(s, o, &m.covariates, &m.n_covariates);
        m.baseline = o->baseline;
    }
    rct_design d;
    core_status st = rct_design_build(s, tr, col, &m, &d, err);
    if (st != CORE_OK)
        return st;
    char why[1400], term[300];
    int missing_arm = 0;
    for (size_t a = 1; a < tr->n_arms; a++)
        missing_arm |= !d.arm_col[a];
    long n0 = 0;
    for (size_t i = 0; i < d.n; i++)
        n0 += d.arm[i] == 0;
    if (d.n <= d.p || missing_arm || n0 == 0) {
        snprintf(why, sizeof why,
                 "not estimable: %zu participants with complete data for %zu coefficients%s", d.n, d.p,
                 missing_arm || n0 == 0 ? ", and an arm without observed outcomes" : "");
        st = model_undefined(s, tr, o->name, tp, method, or_method, (double)d.n, why, adjusted, res, err);
        rct_design_free(&d);
        return st;
    }
    char coll[1000];
    if (rct_design_collinear(&d, coll, sizeof coll, err)) {
        snprintf(why, sizeof why, "not estimable: collinear terms among the %zu participants analysed: %s", d.n,
                 coll);
        st = model_undefined(s, tr, o->name, tp, method, or_method, (double)d.n, why, adjusted, res, err);
        rct_design_free(&d);
        return st;
    }
    if (err->code != CORE_OK) {
        rct_design_free(&d);
        return err->code;
    }
    st_logit_fit *f = NULL;
    if ((st = st_logit_fit_new(d.X, d.y, d.n, d.p, NULL, &f, err)) != CORE_OK) {
        if (st == CORE_ERR_NOMEM) {
            rct_design_free(&d);
            return st;
        }
        snprintf(why, sizeof why, "not estimable: %.1300s", err->msg);
        core_err_clear(err);
        st = model_undefined(s, tr, o->name, tp, method, or_method, (double)d.n, why, adjusted, res, err);
        rct_design_free(&d);
        return st;
    }
    if (f->undefined) {
        /* name the terms that diverge: that is what a reader can act on */
        size_t used = (size_t)snprintf(why, sizeof why, "not estimable: %s", f->undefined);
        int any = 0;
        for (size_t c = 0; c < d.p && used < sizeof why; c++)
            if (f->diverging[c]) {
                used += (size_t)snprintf(why + used, sizeof why - used, "%s'%s'", any ? ", " : "; diverging: ",
                                         d.terms[c]);
                any = 1;
            }
        if (!f->separation && used < sizeof why)
            snprintf(why + used, sizeof why - used, " (%d iterations)", f->iterations);
        st = model_undefined(s, tr, o->name, tp, method, or_method, (double)d.n, why, adjusted, res, err);
        st_logit_free(f);
        rct_design_free(&d);
        return st;
    }
    double n = (double)d.n;
    for (size_t c = 0; c < d.p && st == CORE_OK; c++) {
        st_estimate e;
        st_coef_z(f->beta[c], f->vcov[c * d.p + c], s->confidence, &e);
        st = rct_row_est(res, "logistic", o->name, tp, d.terms[c], method, &e, n, NULL, err);
    }
    for (size_t a = 1; a < tr->n_arms && st == CORE_OK; a++) {
        size_t c = d.arm_col[a];
        st_estimate e;
        st_coef_z(f->beta[c], f->vcov[c * d.p + c], s->confidence, &e);
        /* ratio scale, se of the log ratio (SPEC §4) */
        e.estimate = exp(e.estimate);
        e.ci_low = exp(e.ci_low);
        e.ci_high = exp(e.ci_high);
        st = rct_row_est(res, "odds_ratio", o->name, tp, rct_arm_term(s, a, term, sizeof term), or_method, &e, n,
                         NULL, err);
    }
    /* model fit: residual and null deviance (with df) and the log-likelihood */
    if (st == CORE_OK) {
        core_result_row r = CORE_RESULT_ROW_EMPTY;
        r.analysis = "logistic";
        r.outcome = o->name;
        r.timepoint = tp;
        r.method = method;
        r.n = n;
        r.term = "deviance";
        r.estimate = f->deviance;
        r.df = f->df_resid;
        r.label = "residual deviance";
        st = rct_row(res, &r, err);
        r.term = "null_deviance";
        r.estimate = f->null_deviance;
        r.df = n - 1;
        r.label = "deviance of the intercept-only model";
        if (st == CORE_OK)
            st = rct_row(res, &r, err);
        r.term = "loglik";
        r.estimate = f->loglik;
        r.df = NAN;
        snprintf(why, sizeof why, "log-likelihood; %zu coefficients, %d IRLS iterations", d.p, f->iterations);
        r.label = why;
        if (st == CORE_OK)
            st = rct_row(res, &r, err);
    }
    if (st == CORE_OK && adjusted)
        st = marginal(s, tr, &d, f, o->name, tp, res, err);
    st_logit_free(f);
    rct_design_free(&d);
    return st;
}

core_status rct_logistic_analyse(const rct_spec *s, const rct_trial *tr, size_t k, size_t j, core_results *res,
                                 core_err *err)
{
    const rct_outcome_spec *o = &s->outcomes[k];
    const char *const *cov;
    size_t n_cov;
    rct_outcome_covariates(s, o, &cov, &n_cov);
    core_status st = one_model(s, tr, k, j, 0, res, err);
    if (st == CORE_OK && (s->site || n_cov > 0 || o->baseline))
        st = one_model(s, tr, k, j, 1, res, err);
    return st;
}
