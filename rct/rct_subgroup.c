/* Subgroups: for every [trial] subgroups variable S, outcome and timepoint,
 *  - the effect within each level (`subgroup_effect`, term `S[level]:arm`): risk difference with the
 *    Newcombe interval (binary) or Welch mean difference (continuous);
 *  - the treatment-by-subgroup interaction test (`interaction`, term `arm:S`): likelihood-ratio test of the
 *    arm x S terms in a logistic model (binary; method logistic_lr) or the F test in a linear model
 *    (continuous; method ols_f), both unadjusted (y ~ arm * S against y ~ arm + S), df = number of arm x S terms;
 *  - for the primary outcome, the equity view (`equity`) the UK routine-practice studies report: who is in
 *    each group (access, share of those randomised) and the outcome in the intervention arm by group, with a
 *    test of differences between groups (Pearson chi-square or one-way ANOVA F).
 * Degenerate cases (a level without events, separation) are reported in `label`. */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rct/rct_design.h"
#include "stats/st_glm.h"
#include "stats/st_ols.h"
#include "stats/st_ttest.h"

static const st_estimate EST_NAN = {.estimate = NAN, .se = NAN, .ci_low = NAN, .ci_high = NAN, .statistic = NAN,
                                    .p_value = NAN, .df = NAN, .undefined = NULL};

static core_status level_effects(const rct_spec *s, const rct_trial *tr, const rct_outcome_spec *o, size_t col,
                                 const char *tp, const rct_var *v, double *buf, core_results *res, core_err *err)
{
    core_status st = CORE_OK;
    unsigned char *mask = malloc(tr->n ? tr->n : 1);
    if (!mask)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    char term[600], arm[300], label[300];
    for (size_t l = 0; l < v->n_levels && st == CORE_OK; l++) {
        for (size_t i = 0; i < tr->n; i++)
            mask[i] = v->code[i] == (int)l;
        for (size_t a = 1; a < tr->n_arms && st == CORE_OK; a++) {
            snprintf(term, sizeof term, "%s[%s]:%s", v->name, v->levels[l], rct_arm_term(s, a, arm, sizeof arm));
            st_estimate e = EST_NAN;
            if (o->type == RCT_BINARY) {
                long x[RCT_MAX_ARMS], n[RCT_MAX_ARMS];
                rct_binary_counts(tr, col, mask, x, n);
                snprintf(label, sizeof label, "%ld/%ld vs %ld/%ld", x[a], n[a], x[0], n[0]);
                if (n[a] == 0 || n[0] == 0) {
                    st = rct_row_est(res, "subgroup_effect", o->name, tp, term, "newcombe", NULL,
                                     (double)(n[a] + n[0]), "not estimable: an arm has no observed outcome in this group",
                                     err);
                    continue;
                }
                if ((st = st_rd_newcombe(x[a], n[a], x[0], n[0], s->confidence, &e, err)) != CORE_OK)
                    break;
                st = rct_row_est(res, "subgroup_effect", o->name, tp, term, "newcombe", &e, (double)(n[a] + n[0]),
                                 label, err);
                if (st == CORE_OK)
                    core_results_set_counts(res,
                                            core_counts_pair((double)x[a], (double)n[a], (double)x[0], (double)n[0]));
            } else {
                size_t n1 = rct_arm_values(tr, col, (int)a, mask, buf);
                size_t n0 = rct_arm_values(tr, col, 0, mask, buf + tr->n);
                if (n1 < 2 || n0 < 2) {
                    st = rct_row_est(res, "subgroup_effect", o->name, tp, term, "welch", NULL, (double)(n1 + n0),
                                     "not estimable: an arm has fewer than 2 observed outcomes in this group", err);
                    continue;
                }
                if ((st = st_ttest_welch(buf, n1, buf + tr->n, n0, s->confidence, &e, err)) != CORE_OK)
                    break;
                snprintf(label, sizeof label, "n = %zu vs %zu", n1, n0);
                st = rct_row_est(res, "subgroup_effect", o->name, tp, term, "welch", &e, (double)(n1 + n0),
                                 e.undefined ? e.undefined : label, err);
                if (st == CORE_OK && !e.undefined)
                    core_results_set_counts(res, core_counts_sizes((double)n1, (double)n0));
            }
        }
    }
    free(mask);
    return st;
}

static core_status interaction(const rct_spec *s, const rct_trial *tr, const rct_outcome_spec *o, size_t col,
                               const char *tp, const rct_var *v, core_results *res, core_err *err)
{
    char term[300], why[1400], coll[1000];
    snprintf(term, sizeof term, "arm:%s", v->name);
    const char *method = o->type == RCT_BINARY ? "logistic_lr" : "ols_f";
    rct_model full = {.arm = 1, .subgroup = v->name, .interaction = 1};
    rct_model red = {.arm = 1, .subgroup = v->name};
    rct_design df, dr;
    core_status st = rct_design_build(s, tr, col, &full, &df, err);
    if (st != CORE_OK)
        return st;
    if ((st = rct_design_build(s, tr, col, &red, &dr, err)) != CORE_OK) {
        rct_design_free(&df);
        return st;
    }
    st_estimate e = EST_NAN;
    const char *reason = NULL;
    double q = (double)df.n_inter;
    e.df = q;
    /* a level in which nobody (or everybody) has the event: the interaction model has no finite MLE */
    if (o->type == RCT_BINARY)
        for (size_t l = 0; l < v->n_levels && !reason; l++) {
            long x = 0, n = 0;
            for (size_t i = 0; i < df.n; i++)
                if (v->code[df.rows[i]] == (int)l) {
                    n++;
                    x += df.y[i] == 1;
                }
            if (n > 0 && (x == 0 || x == n)) {
                snprintf(why, sizeof why,
                         "not estimable: subgroup %s[%s] has %s (%ld/%ld), so the logistic interaction model has no "
                         "finite estimates (separation); the per-group risk differences are reported",
                         v->name, v->levels[l], x == 0 ? "no events" : "events for everyone", x, n);
                reason = why;
            }
        }
    if (!reason && df.n_inter == 0) {
        reason = "not estimable: no subgroup level has participants in both arms";
    } else if (!reason && df.n <= df.p) {
        snprintf(why, sizeof why, "not estimable: %zu participants for %zu coefficients", df.n, df.p);
        reason = why;
    } else if (!reason && rct_design_collinear(&df, coll, sizeof coll, err)) {
        snprintf(why, sizeof why, "not estimable: collinear terms: %s", coll);
        reason = why;
    }
    if (!reason && o->type == RCT_BINARY) {
        st_logit_fit *ff = NULL, *fr = NULL;
        if ((st = st_logit_fit_new(df.X, df.y, df.n, df.p, NULL, &ff, err)) == CORE_OK &&
            (st = st_logit_fit_new(dr.X, dr.y, dr.n, dr.p, NULL, &fr, err)) == CORE_OK) {
            if (ff->undefined || fr->undefined) {
                size_t used = (size_t)snprintf(why, sizeof why, "not estimable: %s",
                                               ff->undefined ? ff->undefined : fr->undefined);
                int any = 0;
                for (size_t c = 0; ff->undefined && c < df.p && used < sizeof why; c++)
                    if (ff->diverging[c]) {
                        used += (size_t)snprintf(why + used, sizeof why - used, "%s'%s'",
                                                 any ? ", " : "; diverging: ", df.terms[c]);
                        any = 1;
                    }
                reason = why;
            } else {
                e.statistic = fmax(fr->deviance - ff->deviance, 0);
                e.p_value = gsl_cdf_chisq_Q(e.statistic, q);
                snprintf(why, sizeof why, "likelihood-ratio chi-square, %g df: y ~ arm * %s against y ~ arm + %s", q,
                         v->name, v->name);
                reason = NULL;
            }
        }
        st_logit_free(ff);
        st_logit_free(fr);
        if (st != CORE_OK && st != CORE_ERR_NOMEM) {
            snprintf(why, sizeof why, "not estimable: %.1300s", err->msg);
            core_err_clear(err);
            reason = why;
            st = CORE_OK;
        }
    } else if (!reason) {
        st_ols_fit *ff = NULL, *fr = NULL;
        if ((st = st_ols_fit_new(df.X, df.y, df.n, df.p, &ff, err)) == CORE_OK &&
            (st = st_ols_fit_new(dr.X, dr.y, dr.n, dr.p, &fr, err)) == CORE_OK) {
            if (ff->df_resid > 0 && ff->rss > 0) {
                e.statistic = fmax(fr->rss - ff->rss, 0) / q / (ff->rss / ff->df_resid);
                e.p_value = gsl_cdf_fdist_Q(e.statistic, q, ff->df_resid);
                snprintf(why, sizeof why, "F(%g, %g): y ~ arm * %s against y ~ arm + %s", q, ff->df_resid, v->name,
                         v->name);
            } else {
                reason = "not estimable: no residual variation in the interaction model";
            }
        }
        st_ols_free(ff);
        st_ols_free(fr);
        if (st != CORE_OK && st != CORE_ERR_NOMEM) {
            snprintf(why, sizeof why, "not estimable: %.1300s", err->msg);
            core_err_clear(err);
            reason = why;
            st = CORE_OK;
        }
    }
    if (st == CORE_OK)
        st = rct_row_est(res, "interaction", o->name, tp, term, method, &e, (double)df.n, reason ? reason : why, err);
    rct_design_free(&df);
    rct_design_free(&dr);
    return st;
}

/* Equity of access and outcome by group (primary outcome): access = share of those randomised in the group;
 * outcome = in the (first) intervention arm, by group; test of differences between groups in that arm. */
static core_status equity(const rct_spec *s, const rct_trial *tr, const rct_outcome_spec *o, size_t col,
                          const char *tp, const rct_var *v, double *buf, core_results *res, core_err *err)
{
    core_status st = CORE_OK;
    char term[600], label[300];
    long tot = 0, cnt[RCT_MAX_LEVELS + 1] = {0};
    for (size_t i = 0; i < tr->n; i++)
        if (v->code[i] >= 0 && v->code[i] <= RCT_MAX_LEVELS) {
            cnt[v->code[i]]++;
            tot++;
        }
    unsigned char *mask = malloc(tr->n ? tr->n : 1);
    if (!mask)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    const char *arm1 = rct_arm_level(s, 1);
    long xs[RCT_MAX_LEVELS + 1] = {0}, ns[RCT_MAX_LEVELS + 1] = {0};
    /* one-way ANOVA sums for the continuous case */
    double grand = 0, ss_w = 0, ss_b = 0, means[RCT_MAX_LEVELS + 1];
    size_t nn[RCT_MAX_LEVELS + 1], n_all = 0, groups = 0;
    for (size_t l = 0; l < v->n_levels && st == CORE_OK; l++) {
        snprintf(term, sizeof term, "%s[%s]", v->name, v->levels[l]);
        st_estimate e = EST_NAN;
        if (tp == NULL || strcmp(tp, rct_outcome_timepoint(o, 0)) == 0) { /* access once per variable */
            e.estimate = tot ? (double)cnt[l] / (double)tot : NAN;
            snprintf(label, sizeof label, "%ld/%ld randomised", cnt[l], tot);
            if ((st = rct_row_est(res, "equity", o->name, NULL, term, "access", &e, (double)tot, label, err)) !=
                CORE_OK)
                break;
            core_results_set_counts(res, core_counts_one(CORE_COUNT_SHARE, (double)cnt[l], (double)tot));
        }
        for (size_t i = 0; i < tr->n; i++)
            mask[i] = v->code[i] == (int)l;
        e = EST_NAN;
        if (o->type == RCT_BINARY) {
            long x[RCT_MAX_ARMS], n[RCT_MAX_ARMS];
            rct_binary_counts(tr, col, mask, x, n);
            xs[l] = x[1];
            ns[l] = n[1];
            snprintf(label, sizeof label, "%s arm: %ld/%ld", arm1, x[1], n[1]);
            if (n[1] > 0) {
                e.estimate = (double)x[1] / (double)n[1];
                if ((st = st_wilson(x[1], n[1], s->confidence, &e.ci_low, &e.ci_high, err)) != CORE_OK)
                    break;
            }
            st = rct_row_est(res, "equity", o->name, tp, term, "outcome", &e, (double)n[1],
                             n[1] > 0 ? label : "no participant of the intervention arm in this group", err);
            if (st == CORE_OK && n[1] > 0 &&
                core_results_set_counts(res, core_counts_named(core_counts_one(CORE_COUNT_SHARE, (double)x[1],
                                                                               (double)n[1]),
                                                               arm1, NULL)) != CORE_OK)
                st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        } else {
            size_t n1 = rct_arm_values(tr, col, 1, mask, buf);
            nn[l] = n1;
            means[l] = NAN;
            if (n1 > 0) {
                if ((st = st_mean_t(buf, n1, s->confidence, &e, err)) != CORE_OK)
                    break;
                means[l] = e.estimate;
                for (size_t i = 0; i < n1; i++) {
                    ss_w += (buf[i] - e.estimate) * (buf[i] - e.estimate);
                    grand += buf[i];
                }
                n_all += n1;
                groups++;
            }
            snprintf(label, sizeof label, "%s arm: mean of %zu", arm1, n1);
            st = rct_row_est(res, "equity", o->name, tp, term, "outcome", &e, (double)n1,
                             n1 > 0 ? label : "no participant of the intervention arm in this group", err);
        }
    }
    free(mask);
    if (st != CORE_OK)
        return st;
    /* test across groups within the intervention arm */
    st_estimate e = EST_NAN;
    const char *why = NULL;
    const char *method = o->type == RCT_BINARY ? "chisq" : "anova_f";
    if (o->type == RCT_BINARY) {
        long X = 0, N = 0, g = 0;
        for (size_t l = 0; l < v->n_levels; l++)
            if (ns[l] > 0) {
                X += xs[l];
                N += ns[l];
                g++;
            }
        if (g < 2 || X == 0 || X == N) {
            why = g < 2 ? "not estimable: fewer than 2 groups in the intervention arm"
                        : "not estimable: no events or only events in the intervention arm";
        } else {
            double x2 = 0, pbar = (double)X / (double)N, min_e = INFINITY;
            for (size_t l = 0; l < v->n_levels; l++) {
                if (ns[l] == 0)
                    continue;
                double e1 = (double)ns[l] * pbar, e0 = (double)ns[l] * (1 - pbar);
                x2 += ((double)xs[l] - e1) * ((double)xs[l] - e1) / e1 +
                      ((double)(ns[l] - xs[l]) - e0) * ((double)(ns[l] - xs[l]) - e0) / e0;
                min_e = fmin(min_e, fmin(e1, e0));
            }
            e.statistic = x2;
            e.df = (double)(g - 1);
            e.p_value = gsl_cdf_chisq_Q(x2, e.df);
            why = min_e < 5 ? "Pearson chi-square of group by outcome in the intervention arm; an expected count is "
                              "below 5, so the p-value is approximate"
                            : "Pearson chi-square of group by outcome in the intervention arm";
        }
    } else {
        if (groups < 2 || n_all <= groups) {
            why = "not estimable: fewer than 2 groups, or no residual degrees of freedom, in the intervention arm";
        } else {
            grand /= (double)n_all;
            for (size_t l = 0; l < v->n_levels; l++)
                if (nn[l] > 0)
                    ss_b += (double)nn[l] * (means[l] - grand) * (means[l] - grand);
            double df1 = (double)(groups - 1), df2 = (double)(n_all - groups);
            if (ss_w > 0) {
                e.statistic = ss_b / df1 / (ss_w / df2);
                e.df = df1;
                e.p_value = gsl_cdf_fdist_Q(e.statistic, df1, df2);
                snprintf(label, sizeof label, "one-way ANOVA F(%g, %g) between groups in the intervention arm", df1,
                         df2);
                why = label;
            } else {
                why = "not estimable: no variation within groups";
            }
        }
    }
    return rct_row_est(res, "equity", o->name, tp, v->name, method, &e, NAN, why, err);
}

core_status rct_subgroup_analyse(const rct_spec *s, const rct_trial *tr, core_results *res, core_err *err)
{
    if (s->n_subgroups == 0)
        return CORE_OK;
    double *buf = malloc((tr->n ? tr->n : 1) * 2 * sizeof *buf);
    if (!buf)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_status st = CORE_OK;
    int primary_done = 0;
    for (size_t g = 0; g < s->n_subgroups && st == CORE_OK; g++) {
        rct_var v;
        if ((st = rct_var_init(tr->table, s->subgroups[g], 1, &v, err)) != CORE_OK)
            break;
        for (size_t k = 0; k < s->n_outcomes && st == CORE_OK; k++) {
            const rct_outcome_spec *o = &s->outcomes[k];
            if (o->type == RCT_TIME_TO_EVENT)
                continue;
            for (size_t j = 0; j < o->n_columns && st == CORE_OK; j++) {
                size_t col = tr->col_index[tr->outcome_cols[k] + j];
                const char *tp = rct_outcome_timepoint(o, j);
                if ((st = level_effects(s, tr, o, col, tp, &v, buf, res, err)) == CORE_OK)
                    st = interaction(s, tr, o, col, tp, &v, res, err);
                if (st == CORE_OK && o->primary && !primary_done)
                    st = equity(s, tr, o, col, tp, &v, buf, res, err);
            }
            if (o->primary)
                primary_done = 1; /* the equity view of the first primary outcome only */
        }
        primary_done = 0;
        rct_var_free(&v);
    }
    free(buf);
    return st;
}
