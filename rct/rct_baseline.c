/* CONSORT table 1: baseline characteristics by arm (`baseline_table`). No p-values (CONSORT 2010 item 15
 * and its explanation: baseline differences in a randomised trial are chance by definition); optional
 * standardised differences (Austin 2009, Stat Med 28:3083).
 *
 * Rows: `outcome` = the variable (`age`) or a level of a categorical one (`sex[female]`), `term` = the arm
 * level, `method` = mean (t interval), sd, median (ci_low/ci_high = quartiles), n_percent (estimate = share
 * of those observed, label "k/n"), missing (estimate = count, n = arm size); standardised_difference with
 * term `arm`/`arm[LEVEL]`. A numeric variable taking only 0 and 1 is shown as n (%) of the 1s. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rct/rct_design.h"
#include "stats/st_ttest.h"

typedef struct bl_ctx {
    const rct_spec *s;
    const rct_trial *tr;
    core_results *res;
    double *buf;
} bl_ctx;

static core_status smd_row(bl_ctx *c, const char *var, size_t a, double d, const char *why, core_err *err)
{
    char term[300];
    st_estimate e = {.estimate = d, .se = NAN, .ci_low = NAN, .ci_high = NAN, .statistic = NAN, .p_value = NAN,
                     .df = NAN, .undefined = NULL};
    return rct_row_est(c->res, "baseline_table", var, NULL, rct_arm_term(c->s, a, term, sizeof term),
                       "standardised_difference", &e, NAN, why, err);
}

static core_status missing_rows(bl_ctx *c, const char *var, const long *miss, core_err *err)
{
    core_status st = CORE_OK;
    char label[64];
    for (size_t b = 1; b <= c->tr->n_arms && st == CORE_OK; b++) {
        size_t a = b % c->tr->n_arms;
        st_estimate e = {.estimate = (double)miss[a], .se = NAN, .ci_low = NAN, .ci_high = NAN, .statistic = NAN,
                         .p_value = NAN, .df = NAN, .undefined = NULL};
        snprintf(label, sizeof label, "%ld missing", miss[a]);
        st = rct_row_est(c->res, "baseline_table", var, NULL, rct_arm_level(c->s, a), "missing", &e,
                         (double)c->tr->n_arm[a], label, err);
        if (st == CORE_OK)
            core_results_set_counts(c->res,
                                    core_counts_one(CORE_COUNT_MISSING, (double)miss[a], (double)c->tr->n_arm[a]));
    }
    return st;
}

/* n (%) rows of one indicator (is[i] = 1/0, -1 missing) named `name`. */
static core_status share_rows(bl_ctx *c, const char *name, const int *is, core_err *err)
{
    const rct_trial *tr = c->tr;
    long x[RCT_MAX_ARMS] = {0}, n[RCT_MAX_ARMS] = {0};
    for (size_t i = 0; i < tr->n; i++)
        if (is[i] >= 0) {
            n[tr->arm[i]]++;
            x[tr->arm[i]] += is[i];
        }
    core_status st = CORE_OK;
    char label[64];
    for (size_t b = 1; b <= tr->n_arms && st == CORE_OK; b++) {
        size_t a = b % tr->n_arms;
        st_estimate e = {.estimate = n[a] ? (double)x[a] / (double)n[a] : NAN, .se = NAN, .ci_low = NAN,
                         .ci_high = NAN, .statistic = NAN, .p_value = NAN, .df = NAN, .undefined = NULL};
        snprintf(label, sizeof label, "%ld/%ld", x[a], n[a]);
        st = rct_row_est(c->res, "baseline_table", name, NULL, rct_arm_level(c->s, a), "n_percent", &e, (double)n[a],
                         label, err);
        if (st == CORE_OK)
            core_results_set_counts(c->res, core_counts_one(CORE_COUNT_SHARE, (double)x[a], (double)n[a]));
    }
    for (size_t a = 1; c->s->standardised_differences && a < tr->n_arms && st == CORE_OK; a++) {
        if (!n[a] || !n[0]) {
            st = smd_row(c, name, a, NAN, "not estimable: an arm has no observed value", err);
            continue;
        }
        double p1 = (double)x[a] / (double)n[a], p0 = (double)x[0] / (double)n[0];
        double den = sqrt((p1 * (1 - p1) + p0 * (1 - p0)) / 2);
        st = den > 0 ? smd_row(c, name, a, (p1 - p0) / den, "(p1 - p0) / sqrt((p1(1-p1) + p0(1-p0))/2)", err)
                     : smd_row(c, name, a, NAN, "not estimable: the share is 0 or 1 in both arms", err);
    }
    return st;
}

static core_status numeric_rows(bl_ctx *c, const char *name, size_t col, core_err *err)
{
    const rct_trial *tr = c->tr;
    const core_table *t = tr->table;
    long miss[RCT_MAX_ARMS] = {0};
    size_t cnt[RCT_MAX_ARMS];
    for (size_t i = 0; i < tr->n; i++)
        if (core_cell_missing(t, col, i))
            miss[tr->arm[i]]++;
    for (size_t a = 0; a < tr->n_arms; a++)
        cnt[a] = rct_arm_values(tr, col, (int)a, NULL, c->buf + a * tr->n);
    /* 0/1 only: a share, not a mean */
    int binary = 1;
    for (size_t a = 0; a < tr->n_arms && binary; a++)
        for (size_t i = 0; i < cnt[a] && binary; i++)
            binary = c->buf[a * tr->n + i] == 0 || c->buf[a * tr->n + i] == 1;
    core_status st = CORE_OK;
    if (binary) {
        int *is = malloc((tr->n ? tr->n : 1) * sizeof *is);
        if (!is)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        for (size_t i = 0; i < tr->n; i++) {
            double v;
            is[i] = core_cell_number(t, col, i, &v) == 1 ? (int)v : -1;
        }
        st = share_rows(c, name, is, err);
        free(is);
    } else {
        st_describe_out d[RCT_MAX_ARMS];
        char label[160];
        for (size_t b = 1; b <= tr->n_arms && st == CORE_OK; b++) {
            size_t a = b % tr->n_arms;
            const char *lv = rct_arm_level(c->s, a);
            if (cnt[a] == 0) {
                d[a].n = 0;
                st = rct_row_est(c->res, "baseline_table", name, NULL, lv, "mean", NULL, 0,
                                 "no observed value in this arm", err);
                continue;
            }
            st_estimate e;
            if ((st = st_describe(c->buf + a * tr->n, cnt[a], &d[a], err)) != CORE_OK ||
                (st = st_mean_t(c->buf + a * tr->n, cnt[a], c->s->confidence, &e, err)) != CORE_OK)
                break;
            snprintf(label, sizeof label, "%.2f (%.2f)", d[a].mean, d[a].sd);
            if ((st = rct_row_est(c->res, "baseline_table", name, NULL, lv, "mean", &e, (double)cnt[a],
                                  cnt[a] > 1 ? label : e.undefined, err)) != CORE_OK)
                break;
            st_estimate x = {.estimate = d[a].sd, .se = NAN, .ci_low = NAN, .ci_high = NAN, .statistic = NAN,
                             .p_value = NAN, .df = NAN, .undefined = NULL};
            if ((st = rct_row_est(c->res, "baseline_table", name, NULL, lv, "sd", &x, (double)cnt[a], NULL, err)) !=
                CORE_OK)
                break;
            x.estimate = d[a].median;
            x.ci_low = d[a].q1;
            x.ci_high = d[a].q3;
            snprintf(label, sizeof label, "median (quartiles, R type 7): %.2f (%.2f to %.2f)", d[a].median, d[a].q1,
                     d[a].q3);
            st = rct_row_est(c->res, "baseline_table", name, NULL, lv, "median", &x, (double)cnt[a], label, err);
        }
        for (size_t a = 1; c->s->standardised_differences && a < tr->n_arms && st == CORE_OK; a++) {
            if (cnt[a] < 2 || cnt[0] < 2) {
                st = smd_row(c, name, a, NAN, "not estimable: fewer than 2 observed values in an arm", err);
                continue;
            }
            double den = sqrt((d[a].sd * d[a].sd + d[0].sd * d[0].sd) / 2);
            st = den > 0 ? smd_row(c, name, a, (d[a].mean - d[0].mean) / den,
                                   "(mean1 - mean0) / sqrt((sd1^2 + sd0^2)/2)", err)
                         : smd_row(c, name, a, NAN, "not estimable: no variation in either arm", err);
        }
    }
    return st == CORE_OK ? missing_rows(c, name, miss, err) : st;
}

static core_status categorical_rows(bl_ctx *c, const char *name, int force, core_err *err)
{
    const rct_trial *tr = c->tr;
    rct_var v;
    core_status st = rct_var_init(tr->table, name, force, &v, err);
    if (st != CORE_OK)
        return st;
    if (!v.categorical) {
        size_t col = v.col;
        rct_var_free(&v);
        return numeric_rows(c, name, col, err);
    }
    int *is = malloc((tr->n ? tr->n : 1) * sizeof *is);
    long miss[RCT_MAX_ARMS] = {0};
    if (!is) {
        rct_var_free(&v);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < tr->n; i++)
        if (v.code[i] < 0)
            miss[tr->arm[i]]++;
    char lname[600];
    for (size_t l = 0; l < v.n_levels && st == CORE_OK; l++) {
        for (size_t i = 0; i < tr->n; i++)
            is[i] = v.code[i] < 0 ? -1 : v.code[i] == (int)l;
        snprintf(lname, sizeof lname, "%s[%s]", name, v.levels[l]);
        st = share_rows(c, lname, is, err);
    }
    if (st == CORE_OK)
        st = missing_rows(c, name, miss, err);
    free(is);
    rct_var_free(&v);
    return st;
}

core_status rct_baseline_analyse(const rct_spec *s, const rct_trial *tr, core_results *res, core_err *err)
{
    /* the variables, each once: site, covariates, subgroups, outcome-specific covariates, baselines */
    const char *vars[256];
    int force[256];
    size_t nv = 0;
#define ADD(name, f)                                                                                               \
    do {                                                                                                           \
        int dup_ = 0;                                                                                              \
        for (size_t q_ = 0; q_ < nv && !dup_; q_++)                                                                \
            dup_ = strcmp(vars[q_], (name)) == 0;                                                                  \
        if (!dup_ && nv < 256) {                                                                                   \
            force[nv] = (f);                                                                                       \
            vars[nv++] = (name);                                                                                   \
        }                                                                                                          \
    } while (0)
    if (s->site)
        ADD(s->site, 1);
    for (size_t k = 0; k < s->n_covariates; k++)
        ADD(s->covariates[k], rct_declared_categorical(s, s->covariates[k]));
    for (size_t k = 0; k < s->n_subgroups; k++)
        ADD(s->subgroups[k], 1);
    for (size_t k = 0; k < s->n_outcomes; k++)
        for (size_t j = 0; j < s->outcomes[k].n_covariates; j++)
            ADD(s->outcomes[k].covariates[j], rct_declared_categorical(s, s->outcomes[k].covariates[j]));
    for (size_t k = 0; k < s->n_outcomes; k++)
        if (s->outcomes[k].baseline && s->outcomes[k].type != RCT_TIME_TO_EVENT)
            ADD(s->outcomes[k].baseline, 0);
#undef ADD
    bl_ctx c = {.s = s, .tr = tr, .res = res, .buf = malloc((tr->n ? tr->n : 1) * tr->n_arms * sizeof(double))};
    if (!c.buf)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_status st = CORE_OK;
    for (size_t k = 0; k < nv && st == CORE_OK; k++)
        st = categorical_rows(&c, vars[k], force[k], err);
    free(c.buf);
    return st;
}
