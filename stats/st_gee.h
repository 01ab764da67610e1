/**
 * @file st_gee.h
 * @brief Generalised estimating equations (Liang & Zeger 1986) for a binary outcome with the logit
 *        link or a continuous outcome with the identity link; independence, exchangeable or AR(1)
 *        working correlation; robust (sandwich) and model-based covariance.
 *
 * Knows nothing of trials: y, a design matrix X (n x p, row-major, with its intercept column), a
 * cluster code and a wave (measurement occasion) per row. The nuisance parameters are estimated as
 * geepack does (Halekoh, Højsgaard & Yan 2006, J Stat Softw 15(2)), so results agree with
 * geeglm(..., std.err = "san.se"): scale phi = sum r^2 / N over Pearson residuals r (no df
 * correction); exchangeable alpha = sum over within-cluster pairs of r_j r_k / (phi * pairs); AR(1)
 * alpha minimises sum over pairs (r_j r_k / phi - alpha^|w_j - w_k|)^2 (geese's estimating equation
 * for the correlation, with pair distances from the waves). beta by Fisher scoring from the
 * independence (GLM) fit; the sandwich B^-1 M B^-1 has no small-sample correction.
 *
 * References: Liang & Zeger (1986) Biometrika 73:13; Zeger & Liang (1986) Biometrics 42:121;
 * Yan & Fine (2004) Stat Med 23:859 (geese); Fitzmaurice, Laird & Ware (2011) Applied Longitudinal
 * Analysis, 2nd ed., Wiley, ch. 13.
 */
#ifndef IPSEVAL_ST_GEE_H
#define IPSEVAL_ST_GEE_H

#include <stddef.h>

#include "core/core_error.h"

typedef enum st_gee_family { ST_GEE_LOGIT = 0, ST_GEE_IDENTITY = 1 } st_gee_family;
typedef enum st_gee_corr { ST_CORR_EXCHANGEABLE = 0, ST_CORR_INDEPENDENCE = 1, ST_CORR_AR1 = 2 } st_gee_corr;

/** Options; zero fields mean defaults. */
typedef struct st_gee_opts {
    st_gee_family family;  /**< default logit (binary y in {0, 1}) */
    st_gee_corr corr;      /**< default exchangeable */
    double tol;            /**< convergence: max |step_j| <= tol * max(1, |beta_j|) (default 1e-10) */
    int max_iter;          /**< Fisher-scoring iterations (default 100) */
    const double *weights; /**< NULL, or n finite weights >= 0 per row (e.g. inverse-probability weights), which
                                multiply each row's contribution to the estimating equations, the information and
                                the sandwich's meat; treated as known (as geeglm(weights = )). Independence working
                                correlation only. The scale is sum w r^2 / N. */
} st_gee_opts;

/** A fitted model. Arrays have p entries (p*p row-major for matrices), owned by the struct. */
typedef struct st_gee {
    size_t p, n_obs, n_clusters;
    double *beta;
    double *se;            /**< robust (sandwich) SE */
    double *vcov;          /**< robust covariance */
    double *se_naive;      /**< model-based SE, phi B^-1 */
    double alpha;          /**< working correlation (NaN for independence) */
    double scale;          /**< phi */
    int iterations;
    const char *undefined; /**< NULL, or why the estimates are not usable (e.g. separation) */
} st_gee;

/**
 * Fit the model to n rows: y[i], X[i*p ...], cluster[i] in 0..n_clusters-1, wave[i] (the occasion;
 * within a cluster every wave at most once). Rows may come in any order.
 * Errors: CORE_ERR_USAGE (bad codes, non-finite data, y not 0/1 for logit, a wave twice in a cluster);
 * CORE_ERR_ANALYSIS (rank-deficient design; no convergence within max_iter, naming what was tried).
 * Separation (fitted probabilities running to 0 or 1) is CORE_OK with `undefined` set.
 * Free with st_gee_free.
 */
core_status st_gee_fit(const double *y, const double *X, const size_t *cluster, const long *wave, size_t n, size_t p,
                       size_t n_clusters, const st_gee_opts *opts, st_gee *out, core_err *err);
void st_gee_free(st_gee *g);

#endif
