/* Time to first job (time_to_event outcomes): Kaplan–Meier per arm (km_curve rows hold the whole step function
 * for the workbook's chart: S(t), interval and number at risk at 0 and every distinct time), log-rank, Cox
 * (unadjusted and adjusted).
 * docs/methods.md (the trial over time); the estimators are stats/st_surv.h. */
#include "rct/rct.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_data.h"
#include "rct/rct_design.h"
#include "stats/st_prop.h"
#include "stats/st_surv.h"

/* Read and check one outcome's time and event columns: every participant needs a time >= 0 and an event code
 * that is the configured one (event) or the censoring code. */
static core_status read_tte(const core_config *cfg, const rct_outcome_spec *o, const rct_tte_spec *ts,
                            const rct_trial *tr, double *time, int *event, core_err *err)
{
    const core_table *t = tr->table;
    size_t tc, ec;
    core_status st;
    if ((st = core_data_column(cfg, o->section, "time", t, ts->time, &tc, err)) != CORE_OK ||
        (st = core_data_column(cfg, o->section, "event", t, ts->event, &ec, err)) != CORE_OK)
        return st;
    double ev_num;
    int ev_is_num = core_parse_double(ts->event_value, '.', &ev_num);
    double cens_num = ev_is_num && ev_num == 0 ? 1 : 0;
    char where[512], buf[256], cens_text[256] = "";
    for (size_t i = 0; i < tr->n; i++) {
        double v;
        int r = core_cell_number(t, tc, i, &v);
        if (r == 0)
            return core_err_set(err, CORE_ERR_DATA, "%s: the time is missing; every participant needs the time to the "
                                "event or to censoring (the end of their follow-up) for outcome '%s'",
                                core_cell_where(t, tc, i, where, sizeof where), o->name);
        if (r < 0 || !isfinite(v))
            return core_err_set(err, CORE_ERR_DATA, "%s: '%s' is not a number; '%s' is a time (e.g. days) >= 0"
                                CORE_MISSING_HINT,
                                core_cell_where(t, tc, i, where, sizeof where),
                                core_cell_text(t, tc, i, buf, sizeof buf), ts->time);
        if (v < 0)
            return core_err_set(err, CORE_ERR_DATA, "%s: time %.15g is negative; times to the event or censoring are "
                                ">= 0",
                                core_cell_where(t, tc, i, where, sizeof where), v);
        time[i] = v;
        if (core_cell_missing(t, ec, i))
            return core_err_set(err, CORE_ERR_DATA, "%s: the event indicator is missing; give %s for an event and %s "
                                "for censored",
                                core_cell_where(t, ec, i, where, sizeof where), ts->event_value,
                                ev_is_num ? (cens_num == 1 ? "1" : "0") : "one other code");
        const char *code = core_cell_text(t, ec, i, buf, sizeof buf);
        double cv;
        if (ev_is_num && core_parse_double(code, '.', &cv)) {
            if (cv == ev_num)
                event[i] = 1;
            else if (cv == cens_num)
                event[i] = 0;
            else
                return core_err_set(err, CORE_ERR_DATA, "%s: event code '%s' is neither the event code %s (event_value) "
                                    "nor %g (censored)",
                                    core_cell_where(t, ec, i, where, sizeof where), code, ts->event_value, cens_num);
        } else if (!ev_is_num && strcmp(code, ts->event_value) == 0) {
            event[i] = 1;
        } else if (!ev_is_num && (cens_text[0] == '\0' || strcmp(code, cens_text) == 0)) {
            snprintf(cens_text, sizeof cens_text, "%s", code);
            event[i] = 0;
        } else {
            return core_err_set(err, CORE_ERR_DATA, "%s: event code '%s' is neither the event code '%s' (event_value) "
                                "nor the censoring code '%s'",
                                core_cell_where(t, ec, i, where, sizeof where), code, ts->event_value,
                                ev_is_num ? (cens_num == 1 ? "1" : "0") : cens_text);
        }
    }
    return CORE_OK;
}

typedef struct srow {
    core_results *res;
    const char *outcome;
} srow;

static core_status put(const srow *c, const char *analysis, const char *method, const char *tp, const char *term,
                       double est, double se, double lo, double hi, double stat, double df, double p, double n,
                       const char *label, core_err *err)
{
    st_estimate e = {.estimate = est, .se = se, .ci_low = lo, .ci_high = hi, .statistic = stat, .p_value = p, .df = df};
    return rct_row_est(c->res, analysis, c->outcome, tp, term, method, &e, n, label, err);
}

static const char *arm_level(const rct_spec *s, int a)
{
    return a == 0 ? s->control : s->treatments[a - 1];
}

/* Cox design: arm dummies, then (adjusted) site and covariates; numeric columns as they are, categorical ones as
 * dummies `col[level]` for every level but the first in sorted order. Rows with a missing covariate are left out. */
typedef struct cox_design {
    size_t p, n;
    double *X, *time;
    int *event;
    char **term;
    size_t *assign;          /* model term of each column: 0 = arm (all its dummies), 1 + q = variable q */
    size_t n_vars;           /* model terms */
    const char *var[131];    /* their names ("arm", then the column names; borrowed) */
    rct_var vars[130];       /* the categorical covariates' levels (by covariate index; zeroed for numeric ones) */
} cox_design;

static void cox_design_free(cox_design *d)
{
    free(d->X);
    free(d->time);
    free(d->event);
    for (size_t j = 0; j < d->p; j++)
        free(d->term[j]);
    free(d->term);
    free(d->assign);
    for (size_t q = 0; q < 130; q++)
        rct_var_free(&d->vars[q]);
    memset(d, 0, sizeof *d);
}

static core_status cox_design_build(const rct_spec *s, const rct_outcome_spec *o, const rct_trial *tr, int adjusted,
                                    const double *time, const int *event, cox_design *d, core_err *err)
{
    memset(d, 0, sizeof *d);
    const core_table *t = tr->table;
    const char *names[130];
    size_t nn = 0;
    if (adjusted) {
        if (s->site)
            names[nn++] = s->site;
        char **cv = o->has_covariates ? o->covariates : s->covariates;
        size_t ncv = o->has_covariates ? o->n_covariates : s->n_covariates;
        for (size_t k = 0; k < ncv && nn < 128; k++)
            names[nn++] = cv[k];
    }
    size_t cols[130];
    int numeric[130];
    size_t cap = tr->n_arms - 1;
    for (size_t q = 0; q < nn; q++) {
        long c = core_table_find(t, names[q]);
        if (c < 0)
            return core_err_set(err, CORE_ERR_DATA, "%s: covariate column '%s' not found", t->source, names[q]);
        cols[q] = (size_t)c;
        numeric[q] = t->cols[c].type == CORE_COL_NUMERIC && t->cols[c].n_labels == 0 &&
                     !rct_declared_categorical(s, names[q]);
        cap += numeric[q] ? 1 : t->n_rows;
    }
    d->term = calloc(cap + 1, sizeof *d->term);
    d->assign = calloc(cap + 1, sizeof *d->assign);
    size_t *src = calloc(cap + 1, sizeof *src);
    size_t *lev = calloc(cap + 1, sizeof *lev); /* categorical dummy: its level index + 1; 0: numeric */
    d->X = malloc((tr->n * (cap + 1) + 1) * sizeof *d->X);
    d->time = malloc((tr->n + 1) * sizeof *d->time);
    d->event = malloc((tr->n + 1) * sizeof *d->event);
    if (!d->term || !d->assign || !src || !lev || !d->X || !d->time || !d->event) {
        free(src);
        free(lev);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    char buf[300];
    size_t p = 0;
    for (size_t a = 1; a < tr->n_arms; a++) {
        if (tr->n_arms == 2)
            snprintf(buf, sizeof buf, "arm");
        else
            snprintf(buf, sizeof buf, "arm[%s]", s->treatments[a - 1]);
        d->term[p++] = strdup(buf);
    }
    size_t first_cov = p;
    d->var[0] = "arm";
    d->n_vars = 1 + nn;
    for (size_t q = 0; q < nn; q++) {
        d->var[1 + q] = names[q];
        if (numeric[q]) {
            d->assign[p] = 1 + q;
            src[p] = q;
            lev[p] = 0;
            d->term[p++] = strdup(names[q]);
            continue;
        }
        /* categorical (text, value labels, or [trial] categorical): levels in sorted order (rct_var_init), every
         * level but the first a dummy; lev[] holds the level index + 1 */
        core_status s2 = rct_var_init(t, names[q], 1, &d->vars[q], err);
        if (s2 != CORE_OK) {
            free(src);
            free(lev);
            return s2;
        }
        for (size_t l = 1; l < d->vars[q].n_levels; l++) {
            snprintf(buf, sizeof buf, "%s[%s]", names[q], d->vars[q].levels[l]);
            d->assign[p] = 1 + q;
            src[p] = q;
            lev[p] = l + 1;
            d->term[p++] = strdup(buf);
        }
    }
    d->p = p;
    for (size_t j = 0; j < p; j++)
        if (!d->term[j]) {
            free(src);
            free(lev);
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
    size_t n = 0;
    for (size_t i = 0; i < tr->n; i++) {
        int ok = 1;
        for (size_t q = 0; q < nn && ok; q++)
            ok = numeric[q] ? !core_cell_missing(t, cols[q], i) : d->vars[q].code[i] >= 0;
        if (!ok)
            continue;
        double *x = d->X + n * p;
        for (size_t a = 1; a < tr->n_arms; a++)
            x[a - 1] = tr->arm[i] == (int)a;
        for (size_t j = first_cov; j < p; j++) {
            size_t c = cols[src[j]];
            if (!lev[j]) {
                double v = NAN;
                core_cell_number(t, c, i, &v);
                x[j] = v;
            } else {
                x[j] = d->vars[src[j]].code[i] == (int)(lev[j] - 1);
            }
        }
        d->time[n] = time[i];
        d->event[n] = event[i];
        n++;
    }
    d->n = n;
    free(src);
    free(lev);
    return CORE_OK;
}

static core_status cox_rows(const srow *c, const rct_spec *s, const char *analysis, st_ties ties,
                            const cox_design *d, core_err *err)
{
    const char *meth = ties == ST_TIES_EFRON ? "efron" : "breslow";
    char hr_method[64], label[2100];
    snprintf(hr_method, sizeof hr_method, "%s_%s", analysis, meth);
    st_cox fit;
    core_err e2;
    st_cox_opts o = {.ties = ties};
    core_status st = st_cox_fit(d->time, d->event, d->X, d->n, d->p, &o, &fit, &e2);
    if (st == CORE_ERR_NOMEM)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    if (st != CORE_OK) {
        snprintf(label, sizeof label, "not estimable: %s", e2.msg);
        return put(c, analysis, meth, NULL, d->p ? d->term[0] : "arm", NAN, NAN, NAN, NAN, NAN, NAN, NAN, (double)d->n,
                   label, err);
    }
    double z = gsl_cdf_ugaussian_Pinv(0.5 + s->confidence / 2);
    snprintf(label, sizeof label, "%ld events in %ld participants", fit.events, fit.n);
    const char *lab = fit.undefined ? fit.undefined : label;
    core_row_counts events = fit.undefined ? CORE_COUNTS_NONE
                                           : core_counts_one(CORE_COUNT_EVENTS, (double)fit.events, (double)fit.n);
    for (size_t j = 0; j < d->p && st == CORE_OK; j++) {
        double b = fit.beta[j], se = fit.se[j], zz = b / se, p = erfc(fabs(zz) / M_SQRT2);
        st = put(c, analysis, meth, NULL, d->term[j], b, se, b - z * se, b + z * se, zz, NAN, p, (double)fit.n, lab,
                 err);
        if (st == CORE_OK)
            core_results_set_counts(c->res, events);
        if (st == CORE_OK)
            st = put(c, "hazard_ratio", hr_method, NULL, d->term[j], exp(b), se, exp(b - z * se), exp(b + z * se), zz,
                     NAN, p, (double)fit.n, lab, err);
        if (st == CORE_OK)
            core_results_set_counts(c->res, events);
    }
    double df = (double)d->p;
    if (st == CORE_OK)
        st = put(c, analysis, meth, NULL, "likelihood_ratio_test", NAN, NAN, NAN, NAN, fit.lr, df,
                 gsl_cdf_chisq_Q(fit.lr, df), (double)fit.n, "2 (log L - log L0), all terms", err);
    if (st == CORE_OK)
        st = put(c, analysis, meth, NULL, "wald_test", NAN, NAN, NAN, NAN, fit.wald, df, gsl_cdf_chisq_Q(fit.wald, df),
                 (double)fit.n, "Wald chi-square, all terms", err);
    if (st == CORE_OK)
        st = put(c, analysis, meth, NULL, "score_test", NAN, NAN, NAN, NAN, fit.score, df,
                 gsl_cdf_chisq_Q(fit.score, df), (double)fit.n, "score (log-rank) chi-square at beta = 0, all terms",
                 err);
    if (st == CORE_OK)
        st = put(c, analysis, meth, NULL, "log_likelihood", fit.loglik, NAN, NAN, NAN, NAN, NAN, NAN, (double)fit.n,
                 "log partial likelihood at the estimate", err);
    if (st == CORE_OK)
        st = put(c, analysis, meth, NULL, "events", (double)fit.events, NAN, NAN, NAN, NAN, NAN, NAN, (double)fit.n,
                 "events in the model", err);
    /* proportional hazards: cox.zph's score test per term and global */
    if (st == CORE_OK) {
        st_cox_zph zp;
        core_status s2 = fit.undefined ? CORE_ERR_ANALYSIS
                                       : st_cox_zph_test(d->time, d->event, d->X, d->n, d->p, fit.beta, ties, d->assign,
                                                         d->n_vars, &zp, &e2);
        if (fit.undefined)
            snprintf(e2.msg, sizeof e2.msg, "%s", fit.undefined);
        if (s2 == CORE_ERR_NOMEM)
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        else if (s2 != CORE_OK) {
            snprintf(label, sizeof label, "%s%s", strncmp(e2.msg, "not estimable", 13) ? "not estimable: " : "",
                     e2.msg);
            st = put(c, "ph_test", hr_method, NULL, "global", NAN, NAN, NAN, NAN, NAN, NAN, NAN, (double)fit.n, label,
                     err);
        } else {
            for (size_t t = 0; t <= zp.n_terms && st == CORE_OK; t++) {
                if (t < zp.n_terms && zp.df[t] == 0)
                    continue; /* a categorical covariate with one level among the complete cases */
                st = put(c, "ph_test", hr_method, NULL, t < zp.n_terms ? d->var[t] : "global", NAN, NAN, NAN, NAN,
                         zp.chisq[t], zp.df[t], zp.p_value[t], (double)fit.n,
                         zp.undefined && isnan(zp.chisq[t])
                             ? zp.undefined
                             : "Schoenfeld-residual score test of proportional hazards against g(t) = 1 - KM(t-) "
                               "(cox.zph, transform = \"km\")",
                         err);
            }
            st_cox_zph_free(&zp);
        }
    }
    st_cox_free(&fit);
    return st;
}

core_status rct_surv_analyse(const core_config *cfg, const rct_spec *s, const rct_long_spec *ls,
                             const rct_trial *tr, core_results *res, core_err *err)
{
    core_status st = CORE_OK;
    for (size_t k = 0; k < s->n_outcomes; k++) {
        const rct_outcome_spec *o = &s->outcomes[k];
        const rct_tte_spec *ts = &ls->tte[k];
        if (o->type != RCT_TIME_TO_EVENT || !ts->time)
            continue;
        double *time = malloc((tr->n + 1) * sizeof *time), *ta = malloc((tr->n + 1) * sizeof *ta);
        int *event = malloc((tr->n + 1) * sizeof *event), *ea = malloc((tr->n + 1) * sizeof *ea);
        cox_design d = {0};
        if (!time || !ta || !event || !ea) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto next;
        }
        if ((st = read_tte(cfg, o, ts, tr, time, event, err)) != CORE_OK)
            goto next;
        /* the RMST horizon: at most the last follow-up time of every arm (beyond it an arm's curve is unknown) */
        double tau_max = INFINITY, tau;
        size_t tau_arm = 0;
        for (size_t a = 0; a < tr->n_arms; a++) {
            double mx = -INFINITY;
            for (size_t i = 0; i < tr->n; i++)
                if (tr->arm[i] == (int)a && time[i] > mx)
                    mx = time[i];
            if (mx < tau_max) {
                tau_max = mx;
                tau_arm = a;
            }
        }
        tau = isnan(ts->rmst_tau) ? tau_max : ts->rmst_tau;
        if (!isnan(ts->rmst_tau) && ts->rmst_tau > tau_max) {
            char where[600];
            st = core_err_set(err, CORE_ERR_CONFIG,
                              "%s: rmst_tau = %.15g is beyond the follow-up of arm %s, whose last time is %.15g; the "
                              "largest valid horizon is rmst_tau = %.15g (or leave the key out for it)",
                              core_config_where(cfg, o->section, "rmst_tau", where, sizeof where), ts->rmst_tau,
                              arm_level(s, (int)tau_arm), tau_max, tau_max);
            goto next;
        }
        if (!res)
            goto next;
        srow c = {.res = res, .outcome = o->name};
        double rm[RCT_MAX_ARMS], rv[RCT_MAX_ARMS];
        char tau_lab[64];
        snprintf(tau_lab, sizeof tau_lab, "%.15g", tau);
        for (size_t a = 0; a < RCT_MAX_ARMS; a++)
            rm[a] = rv[a] = NAN;
        /* per arm: crude proportion with the event, Kaplan–Meier median and survival at the `at` times */
        for (size_t a = 0; a < tr->n_arms && st == CORE_OK; a++) {
            size_t m = 0;
            long x = 0;
            for (size_t i = 0; i < tr->n; i++)
                if (tr->arm[i] == (int)a) {
                    ta[m] = time[i];
                    ea[m++] = event[i];
                    x += event[i];
                }
            const char *lv = arm_level(s, (int)a);
            char label[160];
            if (m == 0) {
                st = put(&c, "km_median", "log", NULL, lv, NAN, NAN, NAN, NAN, NAN, NAN, NAN, 0,
                         "not estimable: no participants in this arm", err);
                continue;
            }
            double lo, hi, pr = (double)x / (double)m;
            if ((st = st_wilson(x, (long)m, s->confidence, &lo, &hi, err)) != CORE_OK)
                goto next;
            snprintf(label, sizeof label, "%ld/%zu", x, m);
            if ((st = put(&c, "arm_summary", "wilson", NULL, lv, pr, sqrt(pr * (1 - pr) / (double)m), lo, hi, NAN, NAN,
                          NAN, (double)m, label, err)) != CORE_OK)
                goto next;
            core_results_set_counts(c.res, core_counts_one(CORE_COUNT_SHARE, (double)x, (double)m)); /* st is CORE_OK */
            st_km km;
            if ((st = st_km_fit(ta, ea, m, &km, err)) != CORE_OK)
                goto next;
            st_estimate med;
            if ((st = st_km_median(&km, s->confidence, &med, err)) == CORE_OK) {
                snprintf(label, sizeof label, "%ld events in %zu participants", x, m);
                st = put(&c, "km_median", "log", NULL, lv, med.estimate, NAN, med.ci_low, med.ci_high, NAN, NAN, NAN,
                         (double)m, med.undefined ? med.undefined : label, err);
                if (st == CORE_OK && !med.undefined)
                    core_results_set_counts(c.res, core_counts_one(CORE_COUNT_EVENTS, (double)x, (double)m));
            }
            /* the curve itself (for the workbook's chart): S(t) at 0 and at every distinct time */
            st = put(&c, "km_curve", "log", "0", lv, 1, 0, 1, 1, NAN, NAN, NAN, (double)m, NULL, err);
            for (size_t j = 0; j < km.k && st == CORE_OK; j++) {
                double lo2 = NAN, hi2 = NAN;
                char tt[64];
                st_km_point pt;
                if ((st = st_km_at(&km, km.time[j], s->confidence, &pt, err)) != CORE_OK)
                    break;
                lo2 = pt.ci_low, hi2 = pt.ci_high;
                snprintf(tt, sizeof tt, "%.15g", km.time[j]);
                st = put(&c, "km_curve", "log", tt, lv, km.surv[j], pt.se, lo2, hi2, NAN, NAN, NAN,
                         (double)km.n_risk[j], isnan(lo2) ? "interval not defined: S(t) = 0" : NULL, err);
            }
            for (size_t j = 0; j < ts->n_at && st == CORE_OK; j++) {
                st_km_point pt;
                if ((st = st_km_at(&km, ts->at[j], s->confidence, &pt, err)) != CORE_OK)
                    break;
                snprintf(label, sizeof label, "%ld at risk", pt.n_risk);
                st = put(&c, "km_survival", "log", ts->at_labels[j], lv, pt.surv, pt.se, pt.ci_low, pt.ci_high, NAN, NAN,
                         NAN, (double)pt.n_risk, pt.undefined ? pt.undefined : label, err);
                if (st == CORE_OK && !pt.undefined)
                    core_results_set_counts(c.res, core_counts_one(CORE_COUNT_AT_RISK, (double)pt.n_risk, NAN));
            }
            /* restricted mean survival time to tau (time without the event, e.g. without a job) */
            if (st == CORE_OK && a < RCT_MAX_ARMS && tau > 0) {
                st_estimate e;
                core_err e2;
                if (st_km_rmst(&km, tau, s->confidence, &e, &e2) == CORE_OK) {
                    rm[a] = e.estimate;
                    rv[a] = e.se * e.se;
                    snprintf(label, sizeof label, "restricted mean time without the event up to tau = %s", tau_lab);
                    st = put(&c, "rmst", "km", tau_lab, lv, e.estimate, e.se, e.ci_low, e.ci_high, NAN, NAN, NAN,
                             (double)m, label, err);
                } else {
                    char lab2[2100];
                    snprintf(lab2, sizeof lab2, "not estimable: %s", e2.msg);
                    st = put(&c, "rmst", "km", tau_lab, lv, NAN, NAN, NAN, NAN, NAN, NAN, NAN, (double)m, lab2, err);
                }
            }
            st_km_free(&km);
        }
        if (st != CORE_OK)
            goto next;
        /* RMST difference (intervention - control) and ratio (log scale, delta method), normal intervals (survRM2) */
        {
            double zq = gsl_cdf_ugaussian_Pinv(0.5 + s->confidence / 2);
            for (size_t a = 1; a < tr->n_arms && a < RCT_MAX_ARMS && st == CORE_OK; a++) {
                char term[300];
                rct_arm_term(s, a, term, sizeof term);
                double nn = (double)(tr->n_arm[a] + tr->n_arm[0]);
                if (!isfinite(rm[a]) || !isfinite(rm[0])) {
                    st = put(&c, "rmst_difference", "km", tau_lab, term, NAN, NAN, NAN, NAN, NAN, NAN, NAN, nn,
                             "not estimable: an arm's RMST is not estimable", err);
                    continue;
                }
                double df_ = rm[a] - rm[0], se = sqrt(rv[a] + rv[0]), zz = df_ / se;
                st = put(&c, "rmst_difference", "km", tau_lab, term, df_, se, df_ - zq * se, df_ + zq * se, zz, NAN,
                         erfc(fabs(zz) / M_SQRT2), nn,
                         "difference in restricted mean time without the event (intervention - control)", err);
                if (st != CORE_OK || !(rm[a] > 0 && rm[0] > 0))
                    continue;
                double lr = log(rm[a] / rm[0]), sl = sqrt(rv[a] / (rm[a] * rm[a]) + rv[0] / (rm[0] * rm[0]));
                zz = lr / sl;
                st = put(&c, "rmst_ratio", "km", tau_lab, term, exp(lr), sl, exp(lr - zq * sl), exp(lr + zq * sl), zz,
                         NAN, erfc(fabs(zz) / M_SQRT2), nn,
                         "ratio of restricted mean times without the event (intervention / control); se of the log",
                         err);
            }
        }
        if (st != CORE_OK)
            goto next;
        /* log-rank over all arms */
        {
            st_logrank lr;
            int *grp = ea;
            for (size_t i = 0; i < tr->n; i++)
                grp[i] = tr->arm[i];
            core_err e2;
            core_status s2 = st_logrank_test(time, event, grp, tr->n, tr->n_arms, &lr, &e2);
            if (s2 == CORE_ERR_NOMEM) {
                st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                goto next;
            }
            if (s2 != CORE_OK) {
                char lab[2100];
                snprintf(lab, sizeof lab, "not estimable: %s", e2.msg);
                st = put(&c, "logrank", NULL, NULL, "arm", NAN, NAN, NAN, NAN, NAN, NAN, NAN, (double)tr->n, lab, err);
            } else {
                st = put(&c, "logrank", NULL, NULL, "arm", NAN, NAN, NAN, NAN, lr.statistic, lr.df, lr.p_value,
                         (double)tr->n, lr.undefined ? lr.undefined : "log-rank chi-square (observed vs expected)", err);
                for (size_t a = 0; a < tr->n_arms && st == CORE_OK; a++) {
                    char term[300];
                    snprintf(term, sizeof term, "observed[%s]", arm_level(s, (int)a));
                    st = put(&c, "logrank", NULL, NULL, term, lr.observed[a], NAN, NAN, NAN, NAN, NAN, NAN,
                             (double)lr.n[a], "events observed", err);
                    snprintf(term, sizeof term, "expected[%s]", arm_level(s, (int)a));
                    if (st == CORE_OK)
                        st = put(&c, "logrank", NULL, NULL, term, lr.expected[a], NAN, NAN, NAN, NAN, NAN, NAN,
                                 (double)lr.n[a], "events expected under equal hazards", err);
                }
                st_logrank_free(&lr);
            }
            if (st != CORE_OK)
                goto next;
        }
        /* Cox: unadjusted, then adjusted for site and covariates (when there are any) */
        for (int adj = 0; adj < 2 && st == CORE_OK; adj++) {
            if ((st = cox_design_build(s, o, tr, adj, time, event, &d, err)) != CORE_OK)
                goto next;
            if (adj && d.p == tr->n_arms - 1) {
                cox_design_free(&d);
                break; /* nothing to adjust for */
            }
            const char *an = adj ? "cox_adjusted" : "cox";
            st = cox_rows(&c, s, an, ST_TIES_EFRON, &d, err);
            if (st == CORE_OK)
                st = cox_rows(&c, s, an, ST_TIES_BRESLOW, &d, err);
            cox_design_free(&d);
        }
    next:
        cox_design_free(&d);
        free(time);
        free(ta);
        free(event);
        free(ea);
        if (st != CORE_OK)
            return st;
    }
    return CORE_OK;
}
