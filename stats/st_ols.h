/**
 * @file st_ols.h
 * @brief Ordinary least squares by Householder QR, with classical and heteroskedasticity-
 *        consistent (HC0–HC3) covariance matrices, t tests on the residual degrees of freedom,
 *        joint Wald tests, and a rank check that says which column depends on which.
 *
 * Knows nothing of trials: X is an n x p design (row-major, X[i*p + j]), y has n values.
 * The fit never forms X'X: beta comes from the QR factors (gsl_linalg_QR_decomp/lssolve), and
 * (X'X)^-1 = R^-1 R^-T from triangular solves, which the covariance matrices need.
 *
 * @note Errors: n <= p, a non-finite value, or a rank-deficient X are CORE_ERR_ANALYSIS (call
 *       st_design_dependent() first to name the dependent column); no memory is CORE_ERR_NOMEM.
 * @note A leverage of 1 makes HC2/HC3 undefined: st_ols_vcov leaves those entries NaN and says so.
 * References: Golub & Van Loan (2013) Matrix Computations §5.3 (QR least squares);
 * White (1980) Econometrica 48:817 (HC0); MacKinnon & White (1985) J Econometrics 29:305 (HC1–HC3);
 * Long & Ervin (2000) Am Stat 54:217; R lm() and sandwich::vcovHC (Zeileis 2004, J Stat Softw 11(10)).
 */
#ifndef IPSEVAL_ST_OLS_H
#define IPSEVAL_ST_OLS_H

#include <stddef.h>

#include "core/core_error.h"
#include "stats/st_prop.h"

/** Covariance estimators: classical s^2 (X'X)^-1, and White's sandwich with HC0..HC3 weights. */
typedef enum st_vcov_type {
    ST_VCOV_CLASSICAL = 0,
    ST_VCOV_HC0,  /**< weights 1 */
    ST_VCOV_HC1,  /**< n / (n - p) */
    ST_VCOV_HC2,  /**< 1 / (1 - h_ii) */
    ST_VCOV_HC3   /**< 1 / (1 - h_ii)^2 */
} st_vcov_type;

/** A least-squares fit. Arrays are owned by the fit; free with st_ols_free(). */
typedef struct st_ols_fit {
    size_t n, p;
    double *beta;     /**< p coefficients */
    double *resid;    /**< n residuals y - X beta */
    double *hat;      /**< n leverages h_ii (diagonal of the hat matrix) */
    double *xtx_inv;  /**< p x p (X'X)^-1, row-major */
    double *q;        /**< n x p rows of X R^-1 (the thin Q), used for the sandwich */
    double *rinv;     /**< p x p R^-1 (upper triangular, row-major) */
    double rss;       /**< residual sum of squares */
    double df_resid;  /**< n - p */
    double sigma2;    /**< rss / df_resid */
    double tss;       /**< total sum of squares about the mean of y (R^2 = 1 - rss/tss when X has an intercept) */
} st_ols_fit;

/**
 * Fit y on X by QR. On success *out is a new fit the caller frees with st_ols_free().
 * Needs n > p and X of full column rank (relative tolerance 1e-7 on the pivots, as R's lm).
 */
core_status st_ols_fit_new(const double *X, const double *y, size_t n, size_t p, st_ols_fit **out, core_err *err);

/** Free a fit; NULL is a no-op. */
void st_ols_free(st_ols_fit *f);

/**
 * The covariance matrix of beta (p x p, row-major, caller-allocated) of the given type.
 * *undefined (if not NULL) is set to a static reason when some entries are NaN (leverage 1).
 */
core_status st_ols_vcov(const st_ols_fit *f, st_vcov_type type, double *V, const char **undefined, core_err *err);

/**
 * Coefficient j with covariance V: estimate, se = sqrt(V_jj), t = est/se on df (R's coeftest with
 * df = n - p), two-sided p, and the t interval at level conf. A zero or NaN variance leaves the test
 * NaN with `undefined` set.
 */
void st_coef_t(double est, double var, double df, double conf, st_estimate *out);

/** As st_coef_t with the normal distribution (Wald z), for likelihood models. */
void st_coef_z(double est, double var, double conf, st_estimate *out);

/**
 * Joint Wald test that the k coefficients idx[0..k-1] of beta are zero: W = b' V_SS^-1 b
 * (Cholesky of the k x k block of V, p x p). *stat = W. CORE_ERR_ANALYSIS when V_SS is not positive
 * definite (then *stat = NaN). F = W / k on (k, df) for a linear model with classical V equals the
 * nested-model F test.
 */
core_status st_wald_joint(const double *beta, const double *V, size_t p, const size_t *idx, size_t k, double *stat,
                          core_err *err);

/**
 * Rank check in column order: column j is "dependent" when its residual after least squares on the
 * earlier independent columns has norm <= tol * its own norm (tol 1e-7, as R's lm). Returns the
 * number of dependent columns; for the first one, *dep is its index and coef[0..p-1] (caller-
 * allocated, may be NULL) the coefficients expressing it in the earlier columns (0 for columns not
 * used). A column of zeros is dependent with all-zero coef. CORE_ERR_NOMEM on no memory (returns 0).
 */
size_t st_design_dependent(const double *X, size_t n, size_t p, size_t *dep, double *coef, core_err *err);

#endif
