/**
 * @file st_lmm.h
 * @brief Linear mixed model with a random intercept per unit, fitted by REML or ML:
 *        y_ij = x_ij' beta + u_i + e_ij, u_i ~ N(0, s2_unit), e_ij ~ N(0, s2_resid).
 *
 * Knows nothing of trials: y, a design matrix X (n x p, row-major, with its intercept column) and a
 * unit code per row. The likelihood is profiled over beta and the residual variance, leaving one
 * parameter, the variance ratio g = s2_unit / s2_resid, found by Brent's method on sqrt(g) after a
 * grid search; with V_i = s2_resid (I + g J) the GLS sums need no n x n matrix. Fixed-effect SEs are
 * model-based, s2_resid (X' W X)^-1, as lme4's vcov(). Denominator degrees of freedom for each
 * coefficient by Satterthwaite's approximation, with the asymptotic covariance of the variance
 * components from the Hessian of the (profiled-over-beta) deviance in (s2_unit, s2_resid), as
 * lmerTest does; derivatives by central differences with Richardson extrapolation.
 *
 * References: Laird & Ware (1982) Biometrics 38:963; Patterson & Thompson (1971) Biometrika 58:545
 * (REML); Bates, Mächler, Bolker & Walker (2015) J Stat Softw 67(1) (lme4's profiled criterion);
 * Satterthwaite (1946) Biometrics Bull 2:110; Kuznetsova, Brockhoff & Christensen (2017)
 * J Stat Softw 82(13) (lmerTest).
 */
#ifndef IPSEVAL_ST_LMM_H
#define IPSEVAL_ST_LMM_H

#include <stddef.h>

#include "core/core_error.h"

typedef enum st_lmm_method { ST_LMM_REML = 0, ST_LMM_ML = 1 } st_lmm_method;

/** Options; zero fields mean defaults. */
typedef struct st_lmm_opts {
    st_lmm_method method;  /**< default REML */
    double tol;            /**< Brent tolerance on sqrt(g) (default 1e-12, relative) */
    int max_iter;          /**< Brent iterations (default 500) */
} st_lmm_opts;

/** A fitted model. Arrays have p entries (vcov p*p, row-major) and are owned by the struct. */
typedef struct st_lmm {
    size_t p, n_obs, n_units;
    double *beta, *se, *vcov;
    double *df;             /**< Satterthwaite denominator df per coefficient (NaN at the boundary) */
    double s2_unit, s2_resid;  /**< variance components */
    double loglik;          /**< maximised log-likelihood (REML: the REML criterion as lme4's logLik) */
    int boundary;           /**< 1 when the unit variance is estimated as 0 */
    int iterations;
    const char *undefined;  /**< NULL, or a reason (boundary estimate: df not available) */
} st_lmm;

/**
 * Fit the model to n rows: y[i], X[i*p .. i*p+p-1], unit[i] in 0..n_units-1 (any order).
 * Errors: CORE_ERR_USAGE for non-finite data or unit codes out of range; CORE_ERR_ANALYSIS for a
 * rank-deficient X or fewer rows than coefficients. Free with st_lmm_free.
 */
core_status st_lmm_fit(const double *y, const double *X, const size_t *unit, size_t n, size_t p, size_t n_units,
                       const st_lmm_opts *opts, st_lmm *out, core_err *err);
void st_lmm_free(st_lmm *m);

#endif
