/**
 * @file st_entropy.h
 * @brief Entropy (exponential-tilting) weights that make a sample's weighted covariate means equal given
 *        target means, and the weighted mean of an outcome under them with a robust standard error.
 *
 * Weights w_i = exp(x_i'l) / sum_j exp(x_j'l) (Hainmueller 2012; the method-of-moments weights of
 * Signorovitch et al. 2010, Value Health 13:940) solve sum_i w_i (x_i - m) = 0. l minimises the convex dual
 * L(l) = log sum_i exp((x_i - m)'l), whose gradient is the weighted mean of x - m and whose Hessian is the
 * weighted covariance of x; Newton steps solve H d = -g by Cholesky (GSL), with step halving on L. The
 * solution exists only when m lies inside the convex hull of the x_i; a target outside a covariate's sample
 * range is refused naming the covariate. Effective sample size (sum w)^2 / sum w^2.
 *
 * Weighted mean of y: mu = sum w_i y_i. Robust (sandwich) SE treating m as known: the M-estimation influence
 * of (l, mu) gives psi_i = w_i (y_i - mu - (x_i - m)'b) with b the weighted least-squares slope of y on x,
 * var = sum psi_i^2 (weights normalised to sum 1): the calibration (GREG) variance.
 */
#ifndef IPSEVAL_ST_ENTROPY_H
#define IPSEVAL_ST_ENTROPY_H

#include <stddef.h>

#include "core/core_error.h"

typedef struct st_entropy_fit {
    size_t n, k;
    double *w;          /**< n weights, summing to 1 */
    double *lambda;     /**< k */
    double ess;         /**< (sum w)^2 / sum w^2 */
    double max_abs_gap; /**< max_j |sum_i w_i x_ij - m_j| at the solution */
    int iterations;
} st_entropy_fit;

/**
 * Weights for x (column-major n x k) and target means m (k). names (k, may be NULL) are used in messages.
 * CORE_ERR_ANALYSIS when a target is outside a covariate's sample range (the message names it), when a
 * covariate is constant, or when Newton does not reach max |gap| <= tol (default 1e-12 relative to the
 * covariate's spread when tol <= 0). Free with st_entropy_fit_free.
 */
core_status st_entropy_weights(const double *x, size_t n, size_t k, const double *m, const char *const *names,
                               double tol, st_entropy_fit *out, core_err *err);
void st_entropy_fit_free(st_entropy_fit *f);

/** Weighted mean of y under fit f (covariates x and targets m as given to st_entropy_weights), its robust SE
 *  (above), and when psi is not NULL each observation's influence psi_i = w_i (y_i - mu - (x_i - m)'b) (n values,
 *  sum psi_i = 0, se^2 = sum psi_i^2): stacked with other estimates on the same observations, they give the sandwich
 *  variance of any linear combination. CORE_ERR_ANALYSIS when the weighted covariance of x is singular. */
core_status st_entropy_mean(const st_entropy_fit *f, const double *x, const double *m, const double *y, double *mu,
                            double *se, double *psi, core_err *err);

#endif
