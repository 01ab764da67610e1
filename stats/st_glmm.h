/**
 * @file st_glmm.h
 * @brief Random-intercept logistic regression (a generalised linear mixed model) by maximum
 *        likelihood, with the integral over the random intercept approximated by the Laplace method
 *        or by adaptive Gauss–Hermite quadrature:
 *        logit P(y_ij = 1 | b_i) = x_ij' beta + sigma b_i, b_i ~ N(0, 1).
 *
 * Knows nothing of trials: a 0/1 outcome, a design matrix X (n x p, row-major, with its intercept
 * column) and a cluster code per row. For each cluster the integrand is centred at its mode and
 * scaled by its curvature (Pinheiro & Bates 1995); with one node this is the Laplace approximation
 * (lme4's nAGQ = 1), with k nodes adaptive Gauss–Hermite quadrature (nAGQ = k; nodes from
 * gsl_integration_fixed). The approximate log-likelihood is maximised over (beta, log sigma) by
 * Newton–Raphson from the GLM with its exact gradient in closed form (the conditional modes and the node scale
 * differentiated implicitly), an exact Hessian for Laplace and the Hessian with the quadrature grid held for
 * k > 1, Levenberg damping and step halving; if that fails, a Nelder–Mead simplex is tried. Each cluster's mode
 * search starts from its mode at the previous evaluation. Standard errors come from the inverse of the Hessian
 * of the approximate log-likelihood in (beta, sigma), by central differences of the exact gradient (lme4 uses a
 * finite-difference Hessian of the deviance: see docs/methods.md (the trial over time)).
 *
 * References: Pinheiro & Bates (1995) J Comput Graph Stat 4:12; Breslow & Clayton (1993) JASA 88:9;
 * Bates, Mächler, Bolker & Walker (2015) J Stat Softw 67(1).
 */
#ifndef IPSEVAL_ST_GLMM_H
#define IPSEVAL_ST_GLMM_H

#include <stddef.h>

#include "core/core_error.h"

/** Options; zero fields mean defaults. */
typedef struct st_glmm_opts {
    int n_points;     /**< 1 = Laplace; k > 1 = adaptive Gauss–Hermite with k nodes (default 1, at most 100) */
    double tol;       /**< convergence on the Newton decrement g' H^-1 g (default 1e-10) */
    int max_iter;     /**< Newton iterations (default 200); Nelder–Mead gets 50 times as many */
} st_glmm_opts;

/** A fitted model. Arrays have p entries (vcov p*p), owned by the struct. */
typedef struct st_glmm {
    size_t p, n_obs, n_clusters;
    double *beta, *se, *vcov;
    double sd_unit;         /**< sigma, the SD of the random intercept */
    double loglik;          /**< maximised approximate log-likelihood */
    int n_points;
    int iterations;
    const char *method;     /**< static: "newton" or "nelder-mead" (which optimiser reached the optimum) */
    const char *undefined;  /**< NULL, or why estimates are not usable */
} st_glmm;

/**
 * Fit the model to n rows: y[i] in {0, 1}, X[i*p ...], cluster[i] in 0..n_clusters-1 (any order).
 * Errors: CORE_ERR_USAGE (bad codes or values, n_points outside 1..100); CORE_ERR_ANALYSIS (rank-deficient
 * design; no convergence: the message says what was tried, with iterations and the last log-likelihood).
 * Free with st_glmm_free.
 */
core_status st_glmm_fit(const double *y, const double *X, const size_t *cluster, size_t n, size_t p,
                        size_t n_clusters, const st_glmm_opts *opts, st_glmm *out, core_err *err);
void st_glmm_free(st_glmm *m);

/** The approximate log-likelihood at (beta, log sigma) (for tests). NaN on bad input. */
double st_glmm_loglik(const double *y, const double *X, const size_t *cluster, size_t n, size_t p, size_t n_clusters,
                      int n_points, const double *beta, double log_sigma);

#endif
