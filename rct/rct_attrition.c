/* CONSORT flow (`attrition`): randomised per arm; per outcome and timepoint the analysed and missing per arm
 * (intention to treat: everyone stays in the arm randomised to; a missing outcome leaves that timepoint's
 * complete-case analysis), and whether missingness differs by arm (Pearson chi-square, arms x missing).
 *
 * Rows: method `randomised` (term = arm level, estimate = count); `analysed` (estimate = count, n =
 * randomised); `missing` (estimate = share missing, n = randomised, label "k/n"); `missing_by_arm` (term
 * `arm`: chi-square statistic, df = arms - 1, p). */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rct/rct_design.h"

core_status rct_attrition_analyse(const rct_spec *s, const rct_trial *tr, core_results *res, core_err *err)
{
    core_status st = CORE_OK;
    size_t K = tr->n_arms;
    char label[200];
    for (size_t b = 1; b <= K && st == CORE_OK; b++) {
        size_t a = b % K;
        st_estimate e = {.estimate = (double)tr->n_arm[a], .se = NAN, .ci_low = NAN, .ci_high = NAN,
                         .statistic = NAN, .p_value = NAN, .df = NAN, .undefined = NULL};
        st = rct_row_est(res, "attrition", NULL, NULL, rct_arm_level(s, a), "randomised", &e, (double)tr->n_arm[a],
                         "randomised (intention to treat: analysed in this arm)", err);
    }
    for (size_t k = 0; k < s->n_outcomes && st == CORE_OK; k++) {
        const rct_outcome_spec *o = &s->outcomes[k];
        if (o->type == RCT_TIME_TO_EVENT)
            continue;
        for (size_t j = 0; j < o->n_columns && st == CORE_OK; j++) {
            size_t col = tr->col_index[tr->outcome_cols[k] + j];
            const char *tp = rct_outcome_timepoint(o, j);
            long obs[RCT_MAX_ARMS] = {0};
            for (size_t i = 0; i < tr->n; i++)
                obs[tr->arm[i]] += !core_cell_missing(tr->table, col, i);
            long tot_obs = 0, tot = 0;
            for (size_t b = 1; b <= K && st == CORE_OK; b++) {
                size_t a = b % K;
                long n = tr->n_arm[a], m = n - obs[a];
                tot_obs += obs[a];
                tot += n;
                st_estimate e = {.estimate = (double)obs[a], .se = NAN, .ci_low = NAN, .ci_high = NAN,
                                 .statistic = NAN, .p_value = NAN, .df = NAN, .undefined = NULL};
                snprintf(label, sizeof label, "%ld of %ld analysed", obs[a], n);
                if ((st = rct_row_est(res, "attrition", o->name, tp, rct_arm_level(s, a), "analysed", &e, (double)n,
                                      label, err)) != CORE_OK)
                    break;
                core_results_set_counts(res, core_counts_one(CORE_COUNT_ANALYSED, (double)obs[a], (double)n));
                e.estimate = n ? (double)m / (double)n : NAN;
                snprintf(label, sizeof label, "%ld/%ld", m, n);
                st = rct_row_est(res, "attrition", o->name, tp, rct_arm_level(s, a), "missing", &e, (double)n, label,
                                 err);
                if (st == CORE_OK)
                    core_results_set_counts(res, core_counts_one(CORE_COUNT_SHARE, (double)m, (double)n));
            }
            if (st != CORE_OK)
                break;
            /* Pearson chi-square of the arms x (observed, missing) table */
            long tot_miss = tot - tot_obs;
            st_estimate e = {.estimate = NAN, .se = NAN, .ci_low = NAN, .ci_high = NAN, .statistic = NAN,
                             .p_value = NAN, .df = (double)(K - 1), .undefined = NULL};
            const char *why = NULL;
            if (tot_miss == 0)
                why = "no missing outcomes: nothing to compare";
            else if (tot_obs == 0)
                why = "no observed outcomes";
            else {
                double x2 = 0, min_e = INFINITY;
                for (size_t a = 0; a < K; a++) {
                    double n = (double)tr->n_arm[a];
                    double e1 = n * (double)tot_obs / (double)tot, e0 = n * (double)tot_miss / (double)tot;
                    double d1 = (double)obs[a] - e1, d0 = (double)(tr->n_arm[a] - obs[a]) - e0;
                    x2 += d1 * d1 / e1 + d0 * d0 / e0;
                    min_e = fmin(min_e, fmin(e1, e0));
                }
                e.statistic = x2;
                e.p_value = gsl_cdf_chisq_Q(x2, (double)(K - 1));
                if (min_e < 5)
                    why = "Pearson chi-square, no continuity correction; an expected count is below 5, so the p-value "
                          "is approximate";
                else
                    why = "Pearson chi-square of arm by missing, no continuity correction";
            }
            char term[8] = "arm";
            st = rct_row_est(res, "attrition", o->name, tp, term, "missing_by_arm", &e, (double)tot, why, err);
        }
    }
    return st;
}
