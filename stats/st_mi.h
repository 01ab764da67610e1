/**
 * @file st_mi.h
 * @brief Multiple imputation: chained equations (fully conditional specification) on a numeric matrix with a
 *        missing mask, the imputation models of mice (van Buuren & Groothuis-Oudshoorn 2011) and Rubin's rules
 *        with the Barnard-Rubin small-sample degrees of freedom.
 *
 * Knows nothing of trials. Columns are variables, rows are units; a column is complete (a predictor only) or
 * imputed by one of:
 *  - ST_MI_LOGREG: a 0/1 variable. Logistic regression on the other columns (with an intercept) fitted by IRLS to
 *    the observed rows augmented as White, Daniel & Royston (2010) propose against perfect prediction (per predictor
 *    four pseudo-rows at its mean +- half its SD, the others at their means, y = 0 and 1, total weight p + 1);
 *    beta* ~ N(beta_hat, (X'WX)^-1) drawn through the Cholesky factor (no inverse); y* ~ Bernoulli(expit(x beta*)).
 *    As mice's "logreg".
 *  - ST_MI_NORM: Bayesian linear regression (Rubin 1987, p. 167): least squares by QR on the observed rows,
 *    sigma*^2 = RSS / chi^2(n_obs - q), beta* = beta_hat + sigma* R^-1 z (a triangular solve), y* = x beta* +
 *    sigma* e. As mice's "norm".
 *  - ST_MI_PMM: predictive mean matching (Little 1988): the draw of ST_MI_NORM gives yhat_mis = x_mis beta*,
 *    yhat_obs = x_obs beta_hat (mice's matchtype 1); the value of one of the `donors` observed rows nearest in
 *    yhat, picked at random. As mice's "pmm".
 * Each imputation starts from a random draw of the observed values of each column (as mice) and sweeps the
 * incomplete columns left to right `iterations` times.
 *
 * Pooling (Rubin 1987): qbar = mean q_l, W = mean u_l, B = var(q_l) (divisor m - 1), T = W + (1 + 1/m) B;
 * r = (1 + 1/m) B / W (relative increase in variance), lambda = (1 + 1/m) B / T, degrees of freedom of Barnard &
 * Rubin (1999): nu_old = (m - 1) / lambda^2, nu_obs = (nu_com + 1) / (nu_com + 3) nu_com (1 - lambda),
 * nu = nu_old nu_obs / (nu_old + nu_obs) (nu_old when nu_com is infinite); lambda is floored at 1e-4 as mice's
 * barnard.rubin does; fraction of missing information gamma = (r + 2 / (nu + 3)) / (r + 1) (mice's pool).
 *
 * References: Rubin (1987) Multiple Imputation for Nonresponse in Surveys, Wiley; Barnard & Rubin (1999)
 * Biometrika 86:948; van Buuren (2018) Flexible Imputation of Missing Data, 2nd ed., CRC; White, Royston & Wood
 * (2011) Stat Med 30:377; White, Daniel & Royston (2010) Comput Stat Data Anal 54:2267.
 */
#ifndef IPSEVAL_ST_MI_H
#define IPSEVAL_ST_MI_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

#include "core/core_error.h"

typedef enum st_mi_method {
    ST_MI_COMPLETE = 0, /**< not imputed (a predictor; must have no missing value) */
    ST_MI_LOGREG,       /**< 0/1: logistic regression with parameter draws */
    ST_MI_NORM,         /**< Bayesian linear regression */
    ST_MI_PMM           /**< predictive mean matching */
} st_mi_method;

/** Options; zero fields take the defaults. */
typedef struct st_mi_opts {
    int iterations;     /**< sweeps of the chained equations (default 10) */
    int donors;         /**< pmm: candidate donors (default 5, as mice) */
} st_mi_opts;

/**
 * One imputation of the n x p row-major matrix x (values where miss[i*p+j] == 0) into out (n x p; the observed
 * values copied, the missing ones drawn from rng). method[j] per column; pred (p x p, may be NULL = every other
 * column) pred[j*p+k] = 1 when column k predicts column j. Predictors constant among the rows a model is fitted to
 * are left out of that model. Errors: CORE_ERR_USAGE (a complete column with a missing value, a logreg column not
 * 0/1, fewer than 2 observed values in an imputed column, *bad_col set); CORE_ERR_ANALYSIS (collinear predictors:
 * *bad_col = the column being imputed); CORE_ERR_NOMEM. bad_col may be NULL.
 */
core_status st_mi_impute(const double *x, const unsigned char *miss, size_t n, size_t p, const st_mi_method *method,
                         const unsigned char *pred, const st_mi_opts *opts, gsl_rng *rng, double *out,
                         size_t *bad_col, core_err *err);

/** Rubin's rules for one scalar over m completed-data analyses. */
typedef struct st_mi_pooled {
    size_t m;
    double estimate;     /**< qbar */
    double within;       /**< W: mean of the squared SEs */
    double between;      /**< B: variance of the estimates (divisor m - 1) */
    double total;        /**< T = W + (1 + 1/m) B */
    double se;           /**< sqrt(T) */
    double riv;          /**< r = (1 + 1/m) B / W */
    double lambda;       /**< (1 + 1/m) B / T (unfloored) */
    double fmi;          /**< (r + 2/(nu + 3)) / (r + 1) */
    double df;           /**< Barnard-Rubin nu */
    double df_com;       /**< complete-data df (INFINITY: large-sample) */
    double statistic;    /**< qbar / sqrt(T) */
    double p_value;      /**< two-sided, t on nu df */
    double ci_low, ci_high; /**< qbar -+ t_{nu, (1+conf)/2} sqrt(T) */
    double mc_se;        /**< Monte Carlo SE of qbar, sqrt(B / m) */
} st_mi_pooled;

/**
 * Pool estimates q[0..m) with standard errors se[0..m) (finite, se >= 0), complete-data df df_com (> 0, INFINITY
 * for z-based analyses), interval at conf. CORE_ERR_USAGE: m < 2, a non-finite value, df_com <= 0.
 */
core_status st_mi_pool(const double *q, const double *se, size_t m, double df_com, double conf, st_mi_pooled *out,
                       core_err *err);

/** Barnard-Rubin degrees of freedom for m imputations, between variance b, total variance t, complete-data df_com
 *  (INFINITY: Rubin's (m - 1) / lambda^2), lambda floored at 1e-4 as mice. */
double st_mi_df_barnard_rubin(size_t m, double b, double t, double df_com);

/** One cell of a tipping-point grid (st_tipping_2x2). */
typedef struct st_tipping {
    double x1, n1, x0, n0;     /**< the completed table: events and totals per arm (expected counts) */
    double rd, se;             /**< risk difference x1/n1 - x0/n0 and its unpooled Wald SE */
    double ci_low, ci_high;    /**< rd -+ z se */
    double chisq, p_value;     /**< Pearson chi-square (no continuity correction, df 1) and its p; NaN when a margin
                                    is 0 */
} st_tipping;

/**
 * A 2x2 table with missing outcomes completed under an assumption (Yan, Lee & Li 2009): of the m1 missing of arm 1
 * a share r1 had the event, of the m0 missing of arm 0 a share r0; the completed table has x1 + r1 m1 events of
 * n1 + m1 and x0 + r0 m0 of n0 + m0 (expected counts, not rounded), analysed as if observed: risk difference with
 * the unpooled Wald interval at conf and Pearson's chi-square. x <= n, m >= 0, r in [0, 1], n + m > 0 per arm;
 * CORE_ERR_USAGE otherwise.
 */
core_status st_tipping_2x2(double x1, double n1, double m1, double x0, double n0, double m0, double r1, double r0,
                           double conf, st_tipping *out, core_err *err);

#endif
