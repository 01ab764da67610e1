/**
 * @file st_boot.h
 * @brief Non-parametric bootstrap helpers: resampling within strata, percentile and BCa intervals, and the
 *        acceleration of the BCa interval from influence values the caller computes.
 *
 * Knows nothing of trials or costs. The interval end points follow Davison & Hinkley (1997) Bootstrap
 * Methods and their Application, §5.3 (percentile) and §5.3.2 (BCa), as R's boot package computes them:
 *  - the order statistic of (R + 1) alpha, interpolated on the normal quantile scale between the two
 *    neighbouring order statistics when (R + 1) alpha is not whole (boot:::norm.inter); the extreme order
 *    statistic when it falls outside 1..R;
 *  - BCa: bias correction w = Phi^-1(#{t* < t0} / R), acceleration a = sum L^3 / (6 (sum L^2)^(3/2)) and the
 *    adjusted levels Phi(w + (w + z_alpha) / (1 - a (w + z_alpha))) (boot:::bca.ci);
 *  - jackknife influence values L_i = (n_g - 1)(t0 - t_(-i)), n_g the size of observation i's stratum
 *    (boot::empinf(type = "jack"), its usual.jack with strata).
 * Non-finite replicates are left out, as boot does.
 */
#ifndef IPSEVAL_ST_BOOT_H
#define IPSEVAL_ST_BOOT_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

#include "core/core_error.h"

/**
 * One bootstrap sample drawn within strata: for every position i, idx[i] is a uniformly drawn member of
 * i's stratum (stratum[i] in 0..n_strata-1), so every stratum keeps its size. members/first are
 * workspace the caller gets from st_boot_strata_new. Draws n uniforms from rng in position order.
 */
typedef struct st_boot_strata {
    size_t n, n_strata;
    size_t *members; /**< observation indices grouped by stratum */
    size_t *first;   /**< n_strata + 1 offsets into members */
} st_boot_strata;

/** Group n observations by stratum (codes 0..n_strata-1). CORE_ERR_ANALYSIS for an empty stratum or a bad
 *  code; CORE_ERR_NOMEM. Free with st_boot_strata_free. */
core_status st_boot_strata_new(const int *stratum, size_t n, size_t n_strata, st_boot_strata *s, core_err *err);
void st_boot_strata_free(st_boot_strata *s);
/** Draw one within-stratum resample into idx[0..n-1] (position order: stratum by stratum, as grouped). */
void st_boot_strata_draw(const st_boot_strata *s, gsl_rng *rng, size_t *idx);

/**
 * The column means of one within-stratum resample (e.g. the risk in each arm at several times, resampling people
 * so that their measurements stay together): draws idx as st_boot_strata_draw (same uniforms, same order), then
 * writes to means[g * k_cols + k] the mean of column k (y[i * k_cols + k]; NaN = not observed, left out) over the
 * resampled members of stratum g, NaN when none of them is observed. idx is workspace of s->n.
 */
void st_boot_strata_means(const st_boot_strata *s, const double *y, size_t k_cols, gsl_rng *rng, size_t *idx,
                          double *means);

/** R's norm.inter: the alpha quantile of the sorted finite values t[0..R-1] (R >= 1). */
double st_boot_norm_inter(const double *sorted, size_t R, double alpha);

/**
 * Percentile interval at level conf from the replicates t[0..R-1] (copied and sorted; non-finite values left
 * out). *lo = *hi = NaN and *undefined set when no replicate is finite. CORE_ERR_NOMEM only.
 */
core_status st_boot_percentile(const double *t, size_t R, double conf, double *lo, double *hi, const char **undefined,
                               core_err *err);

/** BCa acceleration a = sum L^3 / (6 (sum L^2)^(3/2)); NaN when every L is 0. */
double st_boot_acceleration(const double *L, size_t n);

/**
 * BCa interval at level conf from the observed t0, the replicates and the acceleration a. *lo = *hi = NaN and
 * *undefined set when the bias correction is infinite (every replicate on one side of t0), a is not finite
 * or no replicate is finite. CORE_ERR_NOMEM only.
 */
core_status st_boot_bca(double t0, const double *t, size_t R, double a, double conf, double *lo, double *hi,
                        const char **undefined, core_err *err);

#endif
