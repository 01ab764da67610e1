/**
 * @file st_rate.h
 * @brief Exact inference for one proportion and for event rates, and goodness of fit of counts to given
 *        shares: Clopper–Pearson interval and the exact binomial test (as R
 *        binom.test), the exact Poisson interval and test of a rate (as R poisson.test, one sample),
 *        the exact conditional interval and test of a ratio of two rates (poisson.test, two samples),
 *        and Pearson's goodness-of-fit chi-square (chisq.test with p).
 *
 * Knows nothing of services or people: counts, exposures and shares. Two-sided exact p-values sum
 * the probabilities of outcomes no more probable than the observed one, with R's relative tolerance
 * 1 + 1e-7, so that the p-values agree with R's to rounding.
 *
 * References: Clopper CJ, Pearson ES. Biometrika 1934;26:404-413; Garwood F. Biometrika 1936;28:437
 * (exact Poisson limits); Fay MP. R Journal 2010;2:53-58 (two-sided exact tests, binom.test and
 * poisson.test).
 */
#ifndef IPSEVAL_ST_RATE_H
#define IPSEVAL_ST_RATE_H

#include <stddef.h>

#include "core/core_error.h"
#include "stats/st_prop.h"

/** Clopper–Pearson interval for x/n at confidence conf (0 <= x <= n, n > 0). */
core_status st_clopper_pearson(long x, long n, double conf, double *lo, double *hi, core_err *err);

/**
 * Exact binomial test of H0: p = p0 (0 < p0 < 1), two-sided, with the Clopper–Pearson interval:
 * estimate x/n, ci at conf, p_value as binom.test; se is the binomial SE sqrt(p(1-p)/n) of the
 * estimate (for information), statistic = x, df NaN.
 */
core_status st_binom_test(long x, long n, double p0, double conf, st_estimate *out, core_err *err);

/**
 * A rate x events over exposure t (> 0) with the exact (Garwood) interval at conf and, when r0 > 0, the exact
 * two-sided test of H0: rate = r0 (poisson.test(x, t, r0)); with r0 <= 0 the p-value is NaN. se is
 * sqrt(x)/t. statistic = x, df NaN.
 */
core_status st_poisson_rate(long x, double t, double r0, double conf, st_estimate *out, core_err *err);

/**
 * Ratio of two rates (x1/t1) / (x0/t0) with the exact conditional interval and test of H0: ratio = 1
 * (poisson.test(c(x1, x0), c(t1, t0))): conditional on x1 + x0, x1 is binomial with
 * p = t1 / (t1 + t0). se is the Wald SE of the log ratio sqrt(1/x1 + 1/x0) (NaN with a zero count).
 * x1 + x0 == 0 is CORE_ERR_ANALYSIS.
 */
core_status st_poisson_ratio(long x1, double t1, long x0, double t0, double conf, st_estimate *out,
                             core_err *err);

/**
 * Pearson's chi-square goodness of fit of k counts to shares p (each > 0; they are rescaled to sum
 * to 1, as chisq.test(rescale.p = TRUE)): statistic, df = k - 1, p_value. min_expected (if not NULL)
 * receives the smallest expected count, for the usual "expected counts below 5" caution.
 */
core_status st_chisq_gof(const long *count, const double *p, size_t k, st_estimate *out, double *min_expected,
                         core_err *err);

#endif
