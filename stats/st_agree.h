/**
 * @file st_agree.h
 * @brief Agreement between raters and consistency of items: intraclass correlations in the six
 *        Shrout–Fleiss forms, Cohen's kappa (unweighted, linear and quadratic weights), Fleiss'
 *        kappa for several raters, Cronbach's alpha with alpha-if-item-deleted; and, for small
 *        samples of units, Spearman's rank correlation with an exact permutation p-value, a
 *        weighted straight-line fit and the paired t test.
 *
 * Knows nothing of what is rated: a ratings matrix is n targets (rows) by k raters (columns),
 * row-major, every value finite (callers drop incomplete targets and say so). Results are
 * st_estimate (st_prop.h): undefined quantities are NaN with `undefined` giving a static reason.
 *
 * @note Errors: too few targets or raters, a non-finite value or conf outside (0, 1) is
 *       CORE_ERR_USAGE; CORE_ERR_NOMEM on no memory. Degenerate data (no variance, perfect
 *       agreement) are not errors: the affected fields are NaN and `undefined` says why.
 * References: Shrout & Fleiss (1979) Psychol Bull 86:420 (ICC forms, F tests, intervals;
 * ICC(2,1) interval by Satterthwaite's approximation); McGraw & Wong (1996) Psychol Methods 1:30;
 * Cohen (1960) Educ Psychol Meas 20:37; Cohen (1968) Psychol Bull 70:213 (weighted kappa);
 * Fleiss, Cohen & Everitt (1969) Psychol Bull 72:323 (large-sample variance); Fleiss (1971)
 * Psychol Bull 76:378 and Fleiss, Nee & Landis (1979) Psychol Bull 86:974 (kappa for m raters,
 * SE under the null); Cronbach (1951) Psychometrika 16:297; Feldt (1965) Psychometrika 30:357
 * (interval for alpha); R psych 2.2.9 ICC, cohen.kappa, alpha; irr kappam.fleiss; stats
 * cor.test(method = "spearman"), lm(weights =), t.test(paired = TRUE).
 */
#ifndef IPSEVAL_ST_AGREE_H
#define IPSEVAL_ST_AGREE_H

#include <stddef.h>

#include "core/core_error.h"
#include "stats/st_prop.h"

/** The six Shrout–Fleiss forms, in psych's order: single (1, 2, 3) then average of k raters. */
typedef enum st_icc_form {
    ST_ICC1 = 0, /**< one-way random: each target rated by a different set of raters */
    ST_ICC2,     /**< two-way random, absolute agreement */
    ST_ICC3,     /**< two-way mixed, consistency */
    ST_ICC1K,
    ST_ICC2K,
    ST_ICC3K,
    ST_ICC_FORMS
} st_icc_form;

/** Lower-case names of the forms ("icc1" ... "icc3k"), indexed by st_icc_form. */
extern const char *const st_icc_form_names[ST_ICC_FORMS];

/** ICCs of one ratings matrix. form[f]: estimate, ci, statistic = F, df = numerator df, p_value. */
typedef struct st_icc_result {
    size_t n, k;                  /**< targets and raters */
    double msb, msw, msj, mse;    /**< mean squares: between targets, within targets, raters, residual */
    double df2[ST_ICC_FORMS];     /**< denominator df of each form's F test */
    st_estimate form[ST_ICC_FORMS];
} st_icc_result;

/**
 * All six ICCs of x (n targets x k raters, row-major) with F tests against 0 and intervals at
 * level conf, as psych::ICC(x, lmer = FALSE): ICC1/ICC1k F = MSB/MSW on (n-1, n(k-1)) df; the
 * others F = MSB/MSE on (n-1, (n-1)(k-1)); ICC2's interval by the Satterthwaite df of Shrout &
 * Fleiss (1979). Needs n >= 2 and k >= 2. Perfect agreement (a zero mean square in a
 * denominator) gives the estimates with F, p and intervals NaN and `undefined` set.
 */
core_status st_icc(const double *x, size_t n, size_t k, double conf, st_icc_result *out, core_err *err);

/** Agreement weights of Cohen's kappa, by category index i, j of k categories. */
typedef enum st_kappa_weights {
    ST_KAPPA_UNWEIGHTED = 0, /**< w = 1 on the diagonal, 0 elsewhere */
    ST_KAPPA_LINEAR,         /**< w = 1 - |i - j| / (k - 1) */
    ST_KAPPA_QUADRATIC       /**< w = 1 - (i - j)^2 / (k - 1)^2 */
} st_kappa_weights;

/** Which large-sample variance of (weighted) kappa. */
typedef enum st_kappa_variance {
    ST_KAPPA_VAR_FCE = 0, /**< Fleiss, Cohen & Everitt (1969), the delta-method variance (default) */
    ST_KAPPA_VAR_PSYCH    /**< as R psych 2.2.9 cohen.kappa codes it: equal to FCE unweighted, but for
                               weighted kappa its column term uses p_j. * sum_k w_jk in place of
                               sum_k p_k. w_kj (docs/methods.md (fidelity)); for comparison with psych only */
} st_kappa_variance;

/**
 * Cohen's kappa of raters a and b over n targets (every value finite) with a normal interval
 * kappa +- z * SE, bounds clamped to [-1, 1] (as psych). cats[0..n_cats-1] lists the categories
 * in order (weights use the index); NULL takes the sorted union of the observed values (psych,
 * irr). A value not among cats is CORE_ERR_USAGE. A variance that is not positive (e.g. raters
 * who never agree) leaves se and the interval NaN with `undefined` set; so does chance agreement
 * of 1. statistic, p_value and df are NaN. *k_used (if not NULL) receives the number of categories.
 */
core_status st_kappa_cohen(const double *a, const double *b, size_t n, const double *cats, size_t n_cats,
                           st_kappa_weights w, st_kappa_variance v, double conf, st_estimate *out, size_t *k_used,
                           core_err *err);

/**
 * Fleiss' kappa for k >= 2 raters of n >= 2 targets (x row-major, nominal categories = the distinct
 * values), with the SE under the null hypothesis of chance agreement (Fleiss, Nee & Landis 1979),
 * z = kappa / SE and its two-sided p, as irr::kappam.fleiss(exact = FALSE). That SE serves the test,
 * not an interval: ci_low and ci_high are NaN. One category only: kappa undefined.
 */
core_status st_kappa_fleiss(const double *x, size_t n, size_t k, st_estimate *out, core_err *err);

/**
 * Cronbach's alpha of k >= 2 items over n >= 2 respondents (x row-major, complete), with Feldt's
 * interval 1 - (1 - alpha) F(1 -+ a/2; n - 1, (n - 1)(k - 1)) as psych::alpha.ci; n in out is not set
 * (callers know it). alpha_drop (k entries, may be NULL) receives alpha with each item left out
 * (NaN when k < 3). A total with zero variance leaves alpha NaN with `undefined`.
 */
core_status st_cronbach_alpha(const double *x, size_t n, size_t k, double conf, st_estimate *out,
                              double *alpha_drop, core_err *err);

/**
 * Spearman's rank correlation of x and y (n >= 3, average ranks for ties). The two-sided p-value
 * is exact for n <= ST_SPEARMAN_EXACT_MAX by enumerating all n! permutations of y's ranks
 * (conditional on ties), doubling the smaller tail as R cor.test does; beyond that the t
 * approximation on n - 2 df. statistic = S = sum of squared rank differences; *exact (may be NULL)
 * is 1 when the p-value is exact. A constant x or y leaves rho NaN with `undefined`.
 */
#define ST_SPEARMAN_EXACT_MAX 9
core_status st_spearman(const double *x, const double *y, size_t n, st_estimate *out, int *exact, core_err *err);

/** A weighted straight line y = a + b x (lm(y ~ x, weights = w)). */
typedef struct st_line_result {
    size_t n;
    st_estimate intercept, slope; /**< estimate, se, t interval, statistic = t, df = n - 2, p_value */
    double sigma;                 /**< residual standard error sqrt(sum w r^2 / (n - 2)) */
} st_line_result;

/** Weighted least-squares line through (x, y) with weights w > 0 (NULL: all 1); n >= 3. A constant x
 *  is CORE_ERR_ANALYSIS; a perfect fit gives se 0 and NaN tests with `undefined`. */
core_status st_line_wls(const double *x, const double *y, const double *w, size_t n, double conf, st_line_result *out,
                        core_err *err);

/** Paired t test of mean(b - a) with its t interval on n - 1 df (t.test(b, a, paired = TRUE)); n >= 2. */
core_status st_paired_t(const double *a, const double *b, size_t n, double conf, st_estimate *out, core_err *err);

#endif
