/**
 * @file st_meta.h
 * @brief Meta-analysis: study effect sizes, inverse-variance fixed- and random-effects models
 *        (DerSimonian–Laird, REML, ML and Paule–Mandel tau²), Knapp–Hartung adjustment,
 *        heterogeneity (Q, I², H², Q-profile interval for tau²), prediction intervals,
 *        Mantel–Haenszel pooling of 2x2 tables, and mixed-effects meta-regression.
 *
 * Knows nothing of programmes or trials: study i has an effect yi (on the analysis scale: log for
 * ratio measures) and a sampling variance vi > 0. Every function returns CORE_OK or an error status
 * with err filled; fields a model does not produce are NaN and, where a quantity the model normally
 * gives is undefined, `undefined` holds a static reason.
 *
 * Conventions follow R metafor 3.8 (Viechtbauer 2010, J Stat Softw 36(3)) so that numbers can be
 * checked against it: escalc's effect sizes (0.5 added to every cell of a table with a zero cell),
 * rma.uni's estimators, I² from the "typical" within-study variance, Knapp–Hartung without
 * truncation of its scale factor, and rma.mh's Mantel–Haenszel variances.
 * References: DerSimonian & Laird (1986) Control Clin Trials 7:177; Paule & Mandel (1982) J Res NBS
 * 87:377; Viechtbauer (2005) J Educ Behav Stat 30:261 (REML/ML); Knapp & Hartung (2003) Stat Med
 * 22:2693; Higgins & Thompson (2002) Stat Med 21:1539 (I², H²); Higgins, Thompson & Spiegelhalter
 * (2009) JRSS A 172:137 (prediction interval); Viechtbauer (2007) Stat Med 26:37 (Q-profile);
 * Mantel & Haenszel (1959); Robins, Breslow & Greenland (1986) Biometrics 42:311; Greenland &
 * Robins (1985) Biometrics 41:55; Sato, Greenland & Robins (1989) Biometrics 45:1323;
 * Hedges (1981) J Educ Stat 6:107 (SMD bias correction).
 */
#ifndef IPSEVAL_ST_META_H
#define IPSEVAL_ST_META_H

#include <stddef.h>

#include "core/core_error.h"

/** Effect measures. Ratio measures (RR, OR) are analysed on the log scale. */
typedef enum st_meta_measure {
    ST_META_RR = 0, /**< risk ratio, yi = log RR */
    ST_META_OR,     /**< odds ratio, yi = log OR */
    ST_META_RD,     /**< risk difference */
    ST_META_MD,     /**< mean difference (unequal variances) */
    ST_META_SMD,    /**< standardised mean difference, Hedges' g (exact bias correction) */
    ST_META_GENERIC /**< yi and vi given */
} st_meta_measure;

/** 1 when the measure is analysed on the log scale (RR, OR). */
int st_meta_measure_is_ratio(st_meta_measure m);

/**
 * Effect size of one 2x2 table (RR, OR or RD): a events of n1 in group 1, c events of n0 in group 0.
 * As metafor escalc(add = 1/2, to = "only0"): when any cell (a, n1-a, c, n0-c) is 0, 1/2 is added to
 * every cell and *corrected = 1. vi: RR 1/a - 1/n1 + 1/c - 1/n0; OR 1/a + 1/b + 1/c + 1/d;
 * RD p1(1-p1)/n1 + p0(1-p0)/n0.
 * @return CORE_ERR_USAGE for counts outside 0 <= a <= n1 (same for c, n0), n1 or n0 < 1, or a measure
 *         that is not binary; CORE_ERR_ANALYSIS for a table with no events, or only events, in both
 *         groups (no information on a ratio; the caller leaves the study out and says so).
 */
core_status st_meta_es_binary(st_meta_measure m, double a, double n1, double c, double n0, double *yi, double *vi,
                              int *corrected, core_err *err);

/**
 * Effect size of two groups' means (MD or SMD): mean m1, sd s1 of n1 in group 1 against group 0.
 * MD: m1 - m0, vi = s1²/n1 + s0²/n0. SMD (metafor "SMD", vtype "LS"): g = c(m) (m1 - m0)/s_pooled
 * with m = n1 + n0 - 2 and the exact c(m) = Γ(m/2) / (sqrt(m/2) Γ((m-1)/2)); vi = 1/n1 + 1/n0 +
 * g²/(2(n1 + n0)).
 * @return CORE_ERR_USAGE for a negative SD, a group size below 1 (below 2 in total for SMD: m must
 *         exceed 1), a zero pooled SD (SMD), or a non-continuous measure.
 */
core_status st_meta_es_means(st_meta_measure m, double m1, double s1, double n1, double m0, double s0, double n0,
                             double *yi, double *vi, core_err *err);

/** tau² estimators; ST_META_FIXED is the common-effect (inverse-variance) model. */
typedef enum st_meta_tau2 {
    ST_META_FIXED = 0,
    ST_META_DL,   /**< DerSimonian–Laird moment estimator */
    ST_META_REML, /**< restricted maximum likelihood */
    ST_META_ML,   /**< maximum likelihood */
    ST_META_PM    /**< Paule–Mandel (generalised Q = k - p) */
} st_meta_tau2;

/** Largest number of coefficients (intercept included) of a meta-regression. */
#define ST_META_MAXP 8

#define ST_META_TOL_DEFAULT 1e-12
#define ST_META_MAXITER_DEFAULT 200

/** Options; zero fields mean their defaults (conf 0.95, tol and max_iter as above). */
typedef struct st_meta_opts {
    st_meta_tau2 tau2;
    int knapp_hartung;  /**< 1: SE scaled by sqrt(q), q = sum w (y - Xb)² / (k - p), t on k - p df */
    double conf;        /**< confidence level of every interval, in (0, 1) */
    double tol;         /**< relative tolerance of the tau² root solves (Brent) */
    int max_iter;       /**< Brent iterations per root */
} st_meta_opts;

/** A fitted model. Coefficient arrays hold p entries (p = 1: the pooled effect). */
typedef struct st_meta_fit {
    size_t k, p;
    double beta[ST_META_MAXP], se[ST_META_MAXP], ci_low[ST_META_MAXP], ci_high[ST_META_MAXP];
    double stat[ST_META_MAXP], p_value[ST_META_MAXP];
    double df;          /**< t df (k - p) with Knapp–Hartung; NaN for z tests */
    double kh_scale;    /**< Knapp–Hartung q (NaN without); metafor's s2w, not truncated at 1 */
    double tau2, se_tau2;
    double tau2_ci_low, tau2_ci_high; /**< Q-profile interval (random-effects models; NaN for fixed/MH) */
    double Q, Q_df, Q_p; /**< Cochran's Q (residual QE in a meta-regression) around the FE fit */
    double I2, I2_ci_low, I2_ci_high, H2; /**< I² in percent */
    double vt;          /**< typical within-study variance (k-p)/tr(P_FE) */
    double QM, QM_df1, QM_df2, QM_p; /**< test of the moderators (p > 1): chi² (z) or F (KH) */
    double R2;          /**< meta-regression: percent of tau² accounted for (needs a null fit; NaN otherwise) */
    double pi_low, pi_high;         /**< prediction interval, metafor's: z, or t(k-p) with KH */
    double pi_hts_low, pi_hts_high; /**< Higgins–Thompson–Spiegelhalter: t(k-2), k >= 3 */
    double loglik;      /**< (restricted) log-likelihood for REML/ML, else NaN */
    int iterations;     /**< Brent iterations used for tau² (0 for closed forms) */
    const char *undefined;
} st_meta_fit;

/**
 * Fit y = X b + u + e, u ~ N(0, tau²), e_i ~ N(0, vi), by weighted least squares with weights
 * 1/(vi + tau²). X is k x p row-major with p <= ST_META_MAXP; X = NULL means p = 1 and an intercept
 * (the pooled effect). REML and ML maximise the (restricted) likelihood over tau² >= 0: the score is
 * scanned on a grid and every upward-to-downward sign change is refined with GSL's Brent solver, so a
 * boundary or secondary maximum is not missed; PM solves Q(tau²) = k - p with Brent.
 * Q-profile interval for tau²: Q(tau²) at the chi²(k-p) quantiles (Viechtbauer 2007).
 * Prediction intervals only for p = 1.
 * @return CORE_ERR_USAGE for k < 1, p outside 1..ST_META_MAXP, a vi <= 0 or non-finite yi/vi, bad
 *         options; CORE_ERR_ANALYSIS for a random-effects model with k < 2, k <= p, a design that is
 *         not of full rank, or a root that cannot be found. On error *out is all NaN.
 */
core_status st_meta_fit_model(const double *yi, const double *vi, size_t k, const double *X, size_t p,
                              const st_meta_opts *o, st_meta_fit *out, core_err *err);

/**
 * Mantel–Haenszel pooled RR, OR or RD of k 2x2 tables (a events of n1, c events of n0), as metafor
 * rma.mh: no continuity correction in the pooled estimate; variance of the log OR by Robins–Breslow–
 * Greenland, of the log RR by Greenland–Robins, of the RD by Sato–Greenland–Robins; z test. Q, I² and
 * H² from the escalc study effects around the MH estimate (tau² = 0). Tables with no events (or only
 * events) in both groups must be left out by the caller.
 * @return as st_meta_fit_model; CORE_ERR_ANALYSIS when the estimate is undefined (e.g. no events in one
 *         group in every table).
 */
core_status st_meta_mh(st_meta_measure m, const double *a, const double *n1, const double *c, const double *n0,
                       size_t k, double conf, st_meta_fit *out, core_err *err);

#endif
