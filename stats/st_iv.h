/**
 * @file st_iv.h
 * @brief Instrumental-variable regression by two-stage least squares (2SLS), with the classical and the
 *        heteroskedasticity-robust (HC0, HC1) covariance, and the first-stage F statistic of the excluded
 *        instruments.
 *
 * Knows nothing of trials: y, regressors X (n x p, row-major, with the intercept column) and instruments Z (n x q,
 * q >= p, the exogenous columns of X among them). beta = (Xh'Xh)^-1 Xh'y with Xh = Z (Z'Z)^-1 Z'X (the first-stage
 * fitted values; by QR, no inverse for the solve); residuals u = y - X beta with the actual X. Classical covariance
 * s^2 (Xh'Xh)^-1, s^2 = u'u / (n - p) (AER's ivreg summary); HC0 (Xh'Xh)^-1 (sum u_i^2 xh_i xh_i') (Xh'Xh)^-1
 * (sandwich::sandwich / vcovHC(type = "HC0") on an ivreg fit), HC1 the same times n / (n - p).
 *
 * References: Theil (1953); Angrist, Imbens & Rubin (1996) JASA 91:444 (the complier effect); Wooldridge (2010)
 * Econometric Analysis of Cross Section and Panel Data, 2nd ed., ch. 5; Kleiber & Zeileis (2008) Applied
 * Econometrics with R (AER::ivreg).
 */
#ifndef IPSEVAL_ST_IV_H
#define IPSEVAL_ST_IV_H

#include <stddef.h>

#include "core/core_error.h"

typedef struct st_iv {
    size_t n, p;
    double *beta;
    double *vcov;        /**< classical, p x p */
    double *vcov_hc0;    /**< robust HC0 */
    double *vcov_hc1;    /**< robust HC1 = HC0 n / (n - p) */
    double sigma2;       /**< u'u / (n - p) */
    double first_f;      /**< first-stage F of the excluded instruments (classical), for the endogenous columns
                              taken one at a time: the smallest; NaN without excluded instruments */
    double first_df1, first_df2;
} st_iv;

/**
 * Fit: endo[j] = 1 marks the endogenous columns of X (their first stage is reported). Needs n > q >= p, Z and the
 * fitted Xh of full column rank. CORE_ERR_ANALYSIS otherwise (a weak/irrelevant instrument that leaves Xh rank
 * deficient). Free with st_iv_free.
 */
core_status st_iv_fit(const double *y, const double *X, const double *Z, const int *endo, size_t n, size_t p,
                      size_t q, st_iv *out, core_err *err);
void st_iv_free(st_iv *f);

#endif
