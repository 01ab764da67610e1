/* Power by simulation ([power]): for each true effect and total sample size of the grid, `draws` trials
 * are simulated from the one seeded generator and analysed as the outcome's main test: Pearson chi-square
 * (binary: risk difference `effect` on the control proportion, `control` or the trial's observed one) or
 * Welch t (continuous: mean difference `effect` with SD `sd`, or the trial's pooled SD); power is the
 * share of trials with p < alpha, with its Monte Carlo SE and Wilson interval.
 *
 * Rows: `power`, term = total sample size, method = "rd:EFFECT" or "md:EFFECT", estimate = power. */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rct/rct_design.h"
#include "stats/st_ttest.h"

core_status rct_power_analyse(const rct_spec *s, const rct_trial *tr, gsl_rng *rng, const core_progress *progress,
                              core_results *res, core_err *err)
{
    const rct_power_spec *p = &s->power;
    if (!p->enabled)
        return CORE_OK;
    if (!rng)
        return core_err_set(err, CORE_ERR_USAGE, "internal: power by simulation needs the run's generator");
    size_t k = 0;
    while (k < s->n_outcomes && strcmp(s->outcomes[k].name, p->outcome) != 0)
        k++;
    if (k == s->n_outcomes)
        return core_err_set(err, CORE_ERR_CONFIG, "[power] outcome '%s' is not an outcome of the trial", p->outcome);
    const rct_outcome_spec *o = &s->outcomes[k];
    size_t j = o->n_columns - 1;
    if (p->timepoint)
        for (size_t q = 0; q < o->n_columns; q++)
            if (rct_outcome_timepoint(o, q) && strcmp(rct_outcome_timepoint(o, q), p->timepoint) == 0)
                j = q;
    size_t col = tr->col_index[tr->outcome_cols[k] + j];
    const char *tp = rct_outcome_timepoint(o, j);
    int binary = o->type == RCT_BINARY;
    /* the control proportion or the SD: configured, else observed */
    double base = binary ? p->control : p->sd;
    const char *base_src = "configured";
    if (isnan(base)) {
        base_src = "observed in the trial";
        double *buf = malloc((tr->n ? tr->n : 1) * sizeof *buf);
        if (!buf)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        if (binary) {
            long x[RCT_MAX_ARMS], n[RCT_MAX_ARMS];
            rct_binary_counts(tr, col, NULL, x, n);
            base = n[0] ? (double)x[0] / (double)n[0] : NAN;
        } else {
            /* pooled SD over the arms (df = n - arms) */
            double ss = 0;
            size_t tot = 0, groups = 0;
            for (size_t a = 0; a < tr->n_arms; a++) {
                size_t m = rct_arm_values(tr, col, (int)a, NULL, buf);
                if (m == 0)
                    continue;
                st_describe_out d;
                core_status st = st_describe(buf, m, &d, err);
                if (st != CORE_OK) {
                    free(buf);
                    return st;
                }
                if (m > 1)
                    ss += d.sd * d.sd * (double)(m - 1);
                tot += m;
                groups++;
            }
            base = tot > groups ? sqrt(ss / (double)(tot - groups)) : NAN;
        }
        free(buf);
        if (!(base > 0 && (!binary || base < 1)))
            return core_err_set(err, CORE_ERR_ANALYSIS,
                                "[power]: the trial's %s of outcome '%s'%s%s is %g, which cannot be simulated; give "
                                "it in [power] (%s = ...)",
                                binary ? "control proportion" : "pooled SD", o->name, tp ? " at " : "", tp ? tp : "",
                                base, binary ? "control" : "sd");
    }
    size_t total_steps = p->n_effects * p->n_n, step = 0;
    double *y1 = NULL, *y0 = NULL;
    long n_max = 0;
    for (size_t i = 0; i < p->n_n; i++)
        n_max = p->n[i] > n_max ? p->n[i] : n_max;
    if (!binary && (!(y1 = malloc((size_t)n_max * sizeof *y1)) || !(y0 = malloc((size_t)n_max * sizeof *y0)))) {
        free(y1);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    core_status st = CORE_OK;
    char method[64], term[32], label[300];
    for (size_t e = 0; e < p->n_effects && st == CORE_OK; e++) {
        double eff = p->effects[e], p1 = base + eff;
        if (binary && !(p1 > 0 && p1 < 1)) {
            st = core_err_set(err, CORE_ERR_CONFIG,
                              "[power] effect %g with the control proportion %g (%s) gives an intervention proportion "
                              "of %g, outside (0, 1)",
                              eff, base, base_src, p1);
            break;
        }
        snprintf(method, sizeof method, "%s:%.15g", binary ? "rd" : "md", eff);
        for (size_t i = 0; i < p->n_n && st == CORE_OK; i++, step++) {
            core_progress_report(progress, "power by simulation", (double)step / (double)total_steps);
            long n = p->n[i], n1 = (long)floor((double)n * p->allocation + 0.5), n0 = n - n1;
            snprintf(term, sizeof term, "%ld", n);
            if (n1 < 2 || n0 < 2) {
                st = rct_row_est(res, "power", o->name, tp, term, method, NULL, (double)n,
                                 "not estimable: fewer than 2 participants in an arm at this size and allocation", err);
                continue;
            }
            long hits = 0;
            for (long d = 0; d < p->draws; d++) {
                double pv = NAN;
                if (binary) {
                    long x1 = (long)gsl_ran_binomial(rng, p1, (unsigned)n1);
                    long x0 = (long)gsl_ran_binomial(rng, base, (unsigned)n0);
                    st_estimate t;
                    if ((st = st_chisq_2x2(x1, n1, x0, n0, &t, err)) != CORE_OK)
                        break;
                    pv = t.p_value;
                } else {
                    for (long q = 0; q < n1; q++)
                        y1[q] = eff + gsl_ran_gaussian(rng, base);
                    for (long q = 0; q < n0; q++)
                        y0[q] = gsl_ran_gaussian(rng, base);
                    st_estimate t;
                    if ((st = st_ttest_welch(y1, (size_t)n1, y0, (size_t)n0, 0.95, &t, err)) != CORE_OK)
                        break;
                    pv = t.p_value;
                }
                hits += pv < p->alpha; /* an undefined test (NaN) is not significant */
            }
            if (st != CORE_OK)
                break;
            double pw = (double)hits / (double)p->draws;
            st_estimate r = {.estimate = pw, .se = sqrt(pw * (1 - pw) / (double)p->draws), .ci_low = NAN,
                             .ci_high = NAN, .statistic = NAN, .p_value = NAN, .df = NAN, .undefined = NULL};
            if ((st = st_wilson(hits, p->draws, s->confidence, &r.ci_low, &r.ci_high, err)) != CORE_OK)
                break;
            if (binary)
                snprintf(label, sizeof label,
                         "%ld/%ld simulated trials with p < %g (Pearson chi-square); %ld vs %ld participants; "
                         "proportions %.4g vs %.4g (control %s)",
                         hits, p->draws, p->alpha, n1, n0, p1, base, base_src);
            else
                snprintf(label, sizeof label,
                         "%ld/%ld simulated trials with p < %g (Welch t); %ld vs %ld participants; mean difference "
                         "%.4g, SD %.4g (%s)",
                         hits, p->draws, p->alpha, n1, n0, eff, base, base_src);
            st = rct_row_est(res, "power", o->name, tp, term, method, &r, (double)n, label, err);
        }
    }
    free(y1);
    free(y0);
    return st;
}
