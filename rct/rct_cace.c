/* The complier average causal effect ([trial] received): randomisation as the instrument for the treatment received
 * (Angrist, Imbens & Rubin 1996): the Wald ratio and two-stage least squares with the adjustment set
 * (stats/st_iv.h). docs/methods.md (the trial at each timepoint, complier effect). */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_data.h"
#include "rct/rct_design.h"
#include "stats/st_iv.h"
#include "stats/st_ols.h"

static core_status na_row(core_results *res, const char *an, const char *outcome, const char *tp, const char *method,
                          double n, const char *why, core_err *err)
{
    return rct_row_est(res, an, outcome, tp, "arm", method, NULL, n, why, err);
}

/* One model: adjusted (site, covariates, baseline) or not, of outcome column ycol. */
static core_status one(const rct_spec *s, const rct_trial *tr, const rct_outcome_spec *o, size_t ycol, const char *tp,
                       size_t rcol, int adjusted, core_results *res, core_err *err)
{
    rct_model m = {.arm = 1};
    if (adjusted) {
        m.site = 1;
        rct_outcome_covariates(s, o, &m.covariates, &m.n_covariates);
        m.baseline = o->baseline;
    }
    rct_design d;
    core_status st = rct_design_build(s, tr, ycol, &m, &d, err);
    if (st == CORE_ERR_ANALYSIS)
        return na_row(res, "cace", o->name, tp, adjusted ? "2sls" : "wald", 0, "not estimable: too few participants",
                      err);
    if (st != CORE_OK)
        return st;
    if (adjusted && d.p <= 2) { /* nothing to adjust for: the Wald row says it all */
        rct_design_free(&d);
        return CORE_OK;
    }
    size_t n = 0, p = d.p, ac = d.arm_col[1];
    double *X = malloc((d.n ? d.n : 1) * p * sizeof *X), *Z = malloc((d.n ? d.n : 1) * p * sizeof *Z);
    double *y = malloc((d.n ? d.n : 1) * sizeof *y), *D = malloc((d.n ? d.n : 1) * sizeof *D);
    int *endo = calloc(p, sizeof *endo);
    if (!X || !Z || !y || !D || !endo) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t r = 0; r < d.n; r++) {
        double v;
        if (core_cell_number(tr->table, rcol, d.rows[r], &v) != 1)
            continue; /* treatment received not recorded: left out */
        memcpy(Z + n * p, d.X + r * p, p * sizeof *Z);
        memcpy(X + n * p, d.X + r * p, p * sizeof *X);
        X[n * p + ac] = v;
        D[n] = v;
        y[n++] = d.y[r];
    }
    const char *meth = adjusted ? "2sls" : "wald";
    char lab[700];
    if (!ac || n <= p + 1) {
        st = na_row(res, "cace", o->name, tp, meth, (double)n, "not estimable: too few participants in an arm", err);
        goto done;
    }
    endo[ac] = 1;
    st_iv iv;
    core_err e2;
    core_status s2 = st_iv_fit(y, X, Z, endo, n, p, p, &iv, &e2);
    if (s2 == CORE_ERR_NOMEM) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    if (s2 != CORE_OK) {
        snprintf(lab, sizeof lab, "not estimable: %.600s", e2.msg);
        st = na_row(res, "cace", o->name, tp, meth, (double)n, lab, err);
        goto done;
    }
    double dfr = (double)(n - p);
    /* the first stage: the difference in treatment received between the arms (and the instrument's F) */
    st_ols_fit *f1 = NULL;
    if ((st = st_ols_fit_new(Z, D, n, p, &f1, err)) != CORE_OK) {
        st_iv_free(&iv);
        if (st == CORE_ERR_NOMEM)
            goto done;
        st = na_row(res, "first_stage", o->name, tp, adjusted ? "adjusted" : "unadjusted", (double)n,
                    "not estimable: collinear first stage", err);
        goto done;
    }
    st_estimate e = {.estimate = f1->beta[ac], .se = sqrt(f1->sigma2 * f1->xtx_inv[ac * p + ac]),
                     .statistic = iv.first_f, .df = iv.first_df2,
                     .p_value = gsl_cdf_fdist_Q(iv.first_f, iv.first_df1, iv.first_df2)};
    e.ci_low = e.ci_high = NAN;
    st_ols_free(f1);
    snprintf(lab, sizeof lab,
             "difference in the share receiving the intervention (instrument strength: F(%.0f, %.0f) of "
             "randomisation%s%s)",
             iv.first_df1, iv.first_df2, adjusted ? ", adjusted" : "",
             iv.first_f < 10 ? "; below 10: a weak instrument, the CACE interval is unreliable" : "");
    st = rct_row_est(res, "first_stage", o->name, tp, "arm", adjusted ? "adjusted" : "unadjusted", &e, (double)n, lab,
                     err);
    /* the complier effect */
    for (int v = 0; v < 2 && st == CORE_OK; v++) {
        if (!adjusted && v == 0)
            continue; /* Wald: the robust SE only */
        const double *V = v == 0 ? iv.vcov : iv.vcov_hc0;
        st_estimate c;
        st_coef_t(iv.beta[ac], V[ac * p + ac], dfr, s->confidence, &c);
        const char *mm = !adjusted ? "wald" : v == 0 ? "2sls" : "2sls_robust";
        snprintf(lab, sizeof lab,
                 "effect of receiving the intervention among compliers (randomisation as the instrument%s; %s SE)",
                 adjusted ? ", adjusted" : ": ITT on the outcome / ITT on treatment received",
                 v == 0 ? "classical" : "robust HC0");
        st = rct_row_est(res, "cace", o->name, tp, "arm", mm, &c, (double)n, lab, err);
    }
    st_iv_free(&iv);
done:
    free(X), free(Z), free(y), free(D), free(endo);
    rct_design_free(&d);
    return st;
}

core_status rct_cace_analyse(const core_config *cfg, const rct_spec *s, const rct_trial *tr, core_results *res,
                             core_err *err)
{
    if (!s->received)
        return CORE_OK;
    const core_table *t = tr->table;
    size_t rcol;
    core_status st = core_data_column(cfg, "trial", "received", t, s->received, &rcol, err);
    if (st != CORE_OK)
        return st;
    char where[512], buf[256];
    for (size_t i = 0; i < tr->n; i++) {
        double v;
        int r = core_cell_number(t, rcol, i, &v);
        if (r < 0 || (r == 1 && v != 0 && v != 1))
            return core_err_set(err, CORE_ERR_DATA,
                                "%s: '%s' is not 0 or 1; the treatment received ([trial] received) is 1 for a "
                                "participant who received the intervention, 0 otherwise, or missing",
                                core_cell_where(t, rcol, i, where, sizeof where), core_cell_text(t, rcol, i, buf, sizeof buf));
    }
    if (!res)
        return CORE_OK;
    for (size_t k = 0; k < s->n_outcomes; k++) {
        const rct_outcome_spec *o = &s->outcomes[k];
        if (o->type == RCT_TIME_TO_EVENT)
            continue;
        for (size_t j = 0; j < o->n_columns; j++) {
            const char *tp = rct_outcome_timepoint(o, j);
            if (tr->n_arms != 2) {
                if ((st = na_row(res, "cace", o->name, tp, "wald", (double)tr->n,
                                 "not estimable: the complier effect is computed for two arms", err)) != CORE_OK)
                    return st;
                continue;
            }
            size_t ycol = tr->col_index[tr->outcome_cols[k] + j];
            for (int adj = 0; adj < 2; adj++)
                if ((st = one(s, tr, o, ycol, tp, rcol, adj, res, err)) != CORE_OK)
                    return st;
        }
    }
    return CORE_OK;
}
