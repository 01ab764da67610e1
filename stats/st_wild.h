/**
 * @file st_wild.h
 * @brief Restricted wild cluster bootstrap (WCR) for one coefficient of a fixed-effects
 *        regression, computed on cluster-level sufficient statistics: no refit per draw.
 *
 * For H0: b_j = b0 the model is refitted with the null imposed (restricted residuals u~), and each
 * bootstrap sample is y* = (restricted fit) + v_g u~ with one weight v_g per cluster. The bootstrap
 * t is (b*_j - b0) / se_CR1(b*_j) from the full model refitted on y*; the p-value is the share of
 * draws with |t*| >= |t| (symmetric, two-sided; ties within 1e-9 relative counted).
 *
 * Everything is linear in v: b*_j - b0 = sum_g a_g v_g, and the cluster scores of y*'s residuals
 * are sum_h K_gh v_h (G x G), built once from cluster sums (X~_g'X~_g, X~_g'u~_g, and the
 * per-level sums over the fixed effects not nested in the clusters, whose projection is the only
 * part of the residual maker that mixes clusters). Each draw then costs O(G^2), whatever N is:
 * the algorithm of Roodman, MacKinnon, Nielsen & Webb (2019) "Fast and wild: bootstrap inference
 * in Stata using boottest", Stata J 19:4-60. a and K are linear in b0, so testing many b0 (the
 * interval by test inversion) reuses the same statistics and the same draws.
 *
 * Weights: Rademacher (+-1, p = 1/2) or Webb's six-point (+-sqrt(1/2), +-1, +-sqrt(3/2)); Webb
 * (2014, Queen's Economics WP 1315). All distinct weight vectors are enumerated (no randomness)
 * when their number (2^G or 6^G) is at most the requested draws; otherwise `draws` vectors are
 * drawn from the caller's generator. The CR1 factor cancels in the comparison.
 *
 * MacKinnon & Webb (2017, J Appl Econometrics 32:233; 2018, Econometrics J 21:114): with very few
 * treated clusters (one above all) the WCR rejects far too rarely and the unrestricted one far too
 * often; the caller must say so.
 */
#ifndef IPSEVAL_ST_WILD_H
#define IPSEVAL_ST_WILD_H

#include <gsl/gsl_rng.h>

#include "core/core_error.h"
#include "core/core_progress.h"
#include "stats/st_twfe.h"

typedef enum st_wild_weights { ST_WILD_RADEMACHER = 0, ST_WILD_WEBB = 1 } st_wild_weights;

/** Options; zero fields mean the defaults. */
typedef struct st_wild_opts {
    long draws;            /**< requested draws (default 9999) */
    st_wild_weights weights;
    double ci_tol;         /**< interval end points to within ci_tol x se_CR1 (default 1e-9) */
    int ci_max_iter;       /**< bisection steps per end point (default 200) */
    int t_kind;            /**< st_vc_kind of the CR1 variant that scales the reported t (the p-value does not
                                depend on it); 0 means ST_VC_CR1_AREG, the factor of the reference kit */
} st_wild_opts;

/** Prepared statistics and draws for one coefficient. */
typedef struct st_wild st_wild;

/**
 * Prepare the bootstrap of coefficient j of fit f: cluster statistics and the weight vectors (from
 * rng unless enumerated; rng may be NULL only when enumeration applies). progress may be NULL.
 * CORE_ERR_ANALYSIS when the fit has fewer than 2 clusters or the non-nested fixed effects have
 * more than ST_CR2_MAX_LEVELS levels. Free with st_wild_free.
 */
core_status st_wild_new(const st_twfe_fit *f, size_t j, const st_wild_opts *o, gsl_rng *rng,
                        const core_progress *progress, st_wild **out, core_err *err);
void st_wild_free(st_wild *w);

/** Result of one test. */
typedef struct st_wild_test {
    double b0, t, p_value;
    long n_draws;  /**< weight vectors used */
    long n_exceed; /**< of them with |t*| >= |t| */
    int enumerated;/**< 1 when every distinct vector was used */
} st_wild_test;

/** Test H0: b_j = b0. */
core_status st_wild_pvalue(const st_wild *w, double b0, st_wild_test *out, core_err *err);

/**
 * Interval by test inversion at level conf: the b0 where the p-value crosses 1 - conf on each side
 * of the estimate, by bracketing and bisection. *lo and *hi are NaN (and *why set) when the p-value
 * never falls below 1 - conf (too few clusters for this level).
 */
core_status st_wild_ci(const st_wild *w, double conf, double *lo, double *hi, const char **why, core_err *err);

#endif
