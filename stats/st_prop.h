/**
 * @file st_prop.h
 * @brief Two proportions and the 2x2 table: Wilson interval, risk difference (Wald, Newcombe
 *        hybrid score), risk ratio (log-Wald), odds ratio (Woolf; Fisher conditional MLE with
 *        exact interval), Pearson chi-square and Fisher's exact test.
 *
 * Knows nothing of trials: group 1 is x1 events of n1, group 0 is x0 of n0. Every function
 * returns CORE_OK or an error status with err filled; undefined quantities (e.g. a log ratio
 * with a zero cell) are NaN in the result and `undefined` holds a reason.
 *
 * @note Errors: a count < 0 or x > n, or conf outside (0,1), is CORE_ERR_USAGE; n1 == 0 or
 *       n0 == 0 (an empty group) is CORE_ERR_ANALYSIS. On error *out is all NaN.
 * @note Fields a method does not produce are NaN by design and do not set `undefined`
 *       (as core_results: NaN = not applicable): df for the z tests; se, statistic, p_value,
 *       df for Newcombe; estimate, se, ci for the chi-square and Fisher tests; se, statistic,
 *       df for the conditional MLE. `undefined` is set whenever a field the method normally
 *       produces is NaN (or the estimate is unidentified), with a static reason string.
 * References: Wilson (1927); Newcombe (1998) Stat Med 17:873, method 10; Woolf (1955);
 * Agresti (2013) Categorical Data Analysis §3.5 (conditional MLE); R fisher.test.
 */
#ifndef IPSEVAL_ST_PROP_H
#define IPSEVAL_ST_PROP_H

#include "core/core_error.h"

/** An estimate with interval and test, on the reported scale (ratios as ratios, se of the log). */
typedef struct st_estimate {
    double estimate, se, ci_low, ci_high, statistic, p_value, df;
    const char *undefined;  /**< NULL, or a static reason why some fields are NaN */
} st_estimate;

/** Wilson score interval for x/n at confidence level conf (no continuity correction). n > 0. */
core_status st_wilson(long x, long n, double conf, double *lo, double *hi, core_err *err);

/** Risk difference p1 - p0, Wald (unpooled SE), z test. */
core_status st_rd_wald(long x1, long n1, long x0, long n0, double conf, st_estimate *out, core_err *err);

/** Risk difference p1 - p0 with the Newcombe (1998) method-10 hybrid score interval (no se/p). */
core_status st_rd_newcombe(long x1, long n1, long x0, long n0, double conf, st_estimate *out, core_err *err);

/** Risk ratio p1/p0, log-Wald interval and z test; se = SE(log RR). */
core_status st_rr_logwald(long x1, long n1, long x0, long n0, double conf, st_estimate *out, core_err *err);

/** Odds ratio ad/bc with the Woolf (log) interval and z test; se = SE(log OR). */
core_status st_or_woolf(long x1, long n1, long x0, long n0, double conf, st_estimate *out, core_err *err);

/** Pearson chi-square of the 2x2 table, no continuity correction, df = 1. */
core_status st_chisq_2x2(long x1, long n1, long x0, long n0, st_estimate *out, core_err *err);

/** Fisher's exact test, two-sided (sum of table probabilities <= observed, relative tolerance 1e-7 as R). */
core_status st_fisher_exact(long x1, long n1, long x0, long n0, st_estimate *out, core_err *err);

/**
 * Conditional MLE of the odds ratio with the exact (noncentral hypergeometric) interval, as R fisher.test;
 * p_value is Fisher's two-sided exact p (as st_fisher_exact). Roots are solved on log(OR) to
 * ST_ROOT_TOL_DEFAULT, far tighter than R's uniroot default (see docs/methods.md): R's printed values
 * can differ from these in the 5th significant digit.
 * x1 at the lower end of its conditional support gives estimate 0 and ci_low 0; at the upper end
 * estimate Inf and ci_high Inf. If the margins allow only one table (no events, or no non-events)
 * the estimate is NaN with `undefined` set, ci = [0, Inf] and p = 1 (R reports estimate 0 there).
 */
core_status st_or_fisher_cmle(long x1, long n1, long x0, long n0, double conf, st_estimate *out, core_err *err);

/** Controls of the root solves in st_or_fisher_cmle_opt; a zero field means its default. */
typedef struct st_root_opts {
    double tol;   /**< absolute tolerance on log(OR) of the bracketing interval (> 0) */
    int max_iter; /**< Brent iterations allowed per root (> 0) */
} st_root_opts;

#define ST_ROOT_TOL_DEFAULT 1e-12
#define ST_ROOT_MAXITER_DEFAULT 200

/**
 * st_or_fisher_cmle with explicit solver controls (opts may be NULL: defaults). If iterations is
 * not NULL it receives the total Brent iterations used. A root not reached within max_iter is
 * CORE_ERR_ANALYSIS; negative or non-finite controls are CORE_ERR_USAGE.
 */
core_status st_or_fisher_cmle_opt(long x1, long n1, long x0, long n0, double conf, const st_root_opts *opts,
                                  st_estimate *out, int *iterations, core_err *err);

#endif
