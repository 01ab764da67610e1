/**
 * @file st_glm.h
 * @brief Logistic regression by iteratively reweighted least squares (Fisher scoring), with
 *        model-based covariance, deviance, and detection of separation and non-convergence.
 *
 * Knows nothing of trials: X is n x p (row-major), y is 0/1. Each IRLS step solves the weighted
 * least-squares problem by Householder QR of W^1/2 X (never the normal equations); the covariance
 * (X'WX)^-1 = R^-1 R^-T at the converged estimate.
 *
 * Convergence as R's glm.fit: |dev - dev_old| / (|dev| + 0.1) < tol (default 1e-14, the tight control
 * the reference kit uses), at most max_iter iterations (default 100). A step that raises the deviance
 * is halved (up to 30 times), as glm.fit does for a non-finite deviance.
 *
 * Separation (Albert & Anderson 1984): when some linear combination of the columns predicts the
 * outcome perfectly the MLE does not exist, IRLS drives those coefficients to +-infinity and the
 * reported SEs are meaningless. It is detected when, at the end, a fitted probability is numerically
 * 0 or 1 (|eta| > 30, R's "fitted probabilities numerically 0 or 1" threshold) or a further Newton step
 * would still move some linear predictor by more than 0.01: the MLE has not settled. The coefficients
 * whose last step is large are flagged in `diverging`.
 *
 * @note Errors: y not 0/1, non-finite X, n <= p or a rank-deficient X are CORE_ERR_ANALYSIS; no memory
 *       CORE_ERR_NOMEM. Separation and non-convergence are NOT errors: the fit is returned with
 *       `converged` / `separation` set and `undefined` giving the reason; callers report the reason
 *       instead of the numbers.
 * References: McCullagh & Nelder (1989) Generalized Linear Models, 2nd ed., §2.5 (IRLS), §4.4;
 * Albert & Anderson (1984) Biometrika 71:1-10 (separation); R glm.fit (stats package).
 */
#ifndef IPSEVAL_ST_GLM_H
#define IPSEVAL_ST_GLM_H

#include <stddef.h>

#include "core/core_error.h"

/** IRLS controls; zero fields take the defaults below. */
typedef struct st_logit_opts {
    double tol;   /**< relative deviance change for convergence (default ST_LOGIT_TOL) */
    int max_iter; /**< iterations allowed (default ST_LOGIT_MAXITER) */
} st_logit_opts;

#define ST_LOGIT_TOL 1e-14
#define ST_LOGIT_MAXITER 100

/** A logistic fit; arrays owned by the fit, free with st_logit_free(). */
typedef struct st_logit_fit {
    size_t n, p;
    double *beta;       /**< p coefficients (log-odds scale) */
    double *vcov;       /**< p x p model-based covariance (X'WX)^-1, row-major */
    double *fitted;     /**< n fitted probabilities */
    double deviance;    /**< residual deviance -2 log L (binary data) */
    double null_deviance; /**< deviance of the intercept-only model (of eta = 0 when X has no constant column) */
    double loglik;      /**< log-likelihood = -deviance / 2 */
    double df_resid;    /**< n - p */
    int iterations;
    int converged;      /**< 1 when the deviance criterion was met */
    int separation;     /**< 1 when (quasi-)complete separation was detected */
    unsigned char *diverging; /**< p flags: coefficients still moving at the end (separation) */
    const char *undefined;    /**< NULL, or the static reason the estimates must not be reported */
} st_logit_fit;

/**
 * Fit y (0/1) on X. *out is a new fit (caller frees with st_logit_free) whenever the status is
 * CORE_OK, including non-converged and separated fits (check `undefined`). opts may be NULL.
 */
core_status st_logit_fit_new(const double *X, const double *y, size_t n, size_t p, const st_logit_opts *opts,
                             st_logit_fit **out, core_err *err);

/** Free a fit; NULL is a no-op. */
void st_logit_free(st_logit_fit *f);

/** The logistic function 1/(1 + exp(-eta)), computed without overflow. */
double st_plogis(double eta);

#endif
