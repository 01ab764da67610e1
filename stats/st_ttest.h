/**
 * @file st_ttest.h
 * @brief Two independent samples of a continuous variable: descriptives, the Welch and Student
 *        mean differences, Hedges' g, and the Wilcoxon rank-sum test.
 *
 * Knows nothing of trials: sample 1 (y1, n1) is compared with sample 0 (y0, n0); differences are
 * mean1 - mean0. Inputs must be finite (callers drop missing values). Results are st_estimate
 * (st_prop.h); undefined quantities are NaN with `undefined` giving a static reason.
 *
 * @note Errors: an empty sample, a non-finite value or conf outside (0, 1) is CORE_ERR_USAGE /
 *       CORE_ERR_ANALYSIS as stated per function; otherwise a result is always returned.
 * References: Welch (1947) Biometrika 34:28; Satterthwaite (1946); Hedges (1981) J Educ Stat 6:107
 * (exact J); Hedges & Olkin (1985) Statistical Methods for Meta-Analysis, eq. 5.14 (variance of g);
 * Mann & Whitney (1947); Hollander & Wolfe (1999) Nonparametric Statistical Methods §4.1 (ties);
 * R t.test, wilcox.test(exact = FALSE, correct = TRUE), metafor::escalc("SMD").
 */
#ifndef IPSEVAL_ST_TTEST_H
#define IPSEVAL_ST_TTEST_H

#include <stddef.h>

#include "core/core_error.h"
#include "stats/st_prop.h"

/** Descriptives of one sample; quantiles of R's default type 7. */
typedef struct st_describe_out {
    size_t n;
    double mean, sd;          /**< sd with the n-1 denominator (NaN when n < 2) */
    double median, q1, q3;    /**< 50%, 25%, 75% quantiles (type 7) */
    double min, max;
} st_describe_out;

/** Describe y[0..n-1] (finite values). n == 0 gives NaN everywhere. CORE_ERR_NOMEM on no memory. */
core_status st_describe(const double *y, size_t n, st_describe_out *out, core_err *err);

/** Quantile of sorted[0..n-1] at probability prob, R type 7 (linear interpolation). n > 0. */
double st_quantile_sorted(const double *sorted, size_t n, double prob);

/**
 * Mean of one sample with its t interval (df n-1): estimate, se = sd/sqrt(n), ci, df. n == 1 gives
 * the mean with se NaN and `undefined`. CORE_ERR_USAGE when n == 0 or conf is outside (0, 1).
 */
core_status st_mean_t(const double *y, size_t n, double conf, st_estimate *out, core_err *err);

/**
 * Welch mean difference: se = sqrt(v1/n1 + v0/n0), Welch–Satterthwaite df, t, two-sided p and t
 * interval (R t.test(var.equal = FALSE)). Needs n1, n0 >= 2 (else CORE_ERR_ANALYSIS).
 */
core_status st_ttest_welch(const double *y1, size_t n1, const double *y0, size_t n0, double conf, st_estimate *out,
                           core_err *err);

/** Student mean difference with pooled variance, df = n1 + n0 - 2 (R t.test(var.equal = TRUE)). n1 + n0 >= 3. */
core_status st_ttest_student(const double *y1, size_t n1, const double *y0, size_t n0, double conf, st_estimate *out,
                             core_err *err);

/** Standardised mean difference. */
typedef struct st_smd_out {
    double d;          /**< Cohen's d: (mean1 - mean0) / pooled SD (df n1 + n0 - 2) */
    double J;          /**< exact small-sample factor Gamma(m/2) / (sqrt(m/2) Gamma((m-1)/2)), m = n1 + n0 - 2 */
    double g;          /**< Hedges' g = J d */
    double g_approx;   /**< d (1 - 3 / (4 (n1 + n0) - 9)) */
    st_estimate est;   /**< g with se = sqrt(1/n1 + 1/n0 + g^2 / (2 (n1 + n0))) and the normal interval */
} st_smd_out;

/** Hedges' g with its interval (metafor::escalc("SMD"), vtype "LS"). Needs n1, n0 >= 1 and n1 + n0 >= 3;
 *  a pooled SD of 0 leaves everything NaN with `undefined`. */
core_status st_hedges_g(const double *y1, size_t n1, const double *y0, size_t n0, double conf, st_smd_out *out,
                        core_err *err);

/**
 * Wilcoxon rank-sum (Mann–Whitney) test, normal approximation with the tie-corrected variance and a
 * continuity correction of 1/2 toward the null (R wilcox.test(exact = FALSE, correct = TRUE)).
 * statistic = W = (rank sum of sample 1) - n1(n1+1)/2, p_value two-sided. All values tied: p undefined.
 */
core_status st_wilcoxon(const double *y1, size_t n1, const double *y0, size_t n0, st_estimate *out, core_err *err);

#endif
