/**
 * @file st_ri.h
 * @brief Inference for a regression coefficient when a treatment is assigned to a few whole clusters:
 *        randomisation inference over placebo assignments (on the coefficient and on its cluster-robust
 *        t-statistic) and the Conley-Taber interval (with the Ferman-Pinto correction for clusters of
 *        different sizes), each with the level it actually attains.
 *
 * The treatment of interest is regressor 0 of a fixed-effects fit (st_twfe.h) and is 1 in the treated
 * clusters from period `first` on, 0 otherwise. Other regressors are kept as controls.
 *
 * Randomisation inference (Fisher; MacKinnon & Webb 2020, J Econometrics 218:435): the treatment is
 * moved to every other set of as many clusters (or to `cap` random sets when there are more) with the
 * same start; the p-value is the share of assignments, the actual one included, whose |statistic| is at
 * least the actual one (ties within 1e-9 relative). The statistic is the coefficient, or its CR1
 * t-statistic, which MacKinnon & Webb recommend when clusters differ in size. With m equally likely
 * assignments only the values k/m occur: the smallest p-value is 1/m and a test at nominal level alpha
 * has exact size floor(alpha m)/m (st_rank_size).
 *
 * Conley & Taber (2011, Rev Econ Stat 93:113): with d~ the treatment residualised on the fixed effects
 * and the other regressors, b - beta = sum over treated clusters and periods of D_gt eta_gt / S, where
 * D_gt = sum of d~ in cluster g, period t, S = sum d~^2 and eta_gt the cluster-period mean error. The
 * distribution of that error term is estimated from the control clusters' cluster-period mean residuals
 * (every combination of controls for the treated clusters, or `cap` random ones). The interval is
 * [b - W_(ih), b - W_(il)] from the ordered draws W. With one treated cluster and N0 controls the treated
 * cluster's error ranks uniformly among N0 + 1 exchangeable ones, so the interval covers with probability
 * exactly (ih - il)/(N0 + 1): il = floor((N0 + 1) alpha/2) and ih = N0 + 1 - il give the smallest exact
 * level at or above 1 - alpha; when (N0 + 1) alpha/2 < 1 no such interval is bounded and the widest one,
 * minimum to maximum, covers (N0 - 1)/(N0 + 1) (81.8% with ten controls): that is the level stated.
 * With several treated clusters the draws are combinations and the stated level is the nominal
 * (ih - il)/(m + 1) of m draws (approximate).
 *
 * Ferman & Pinto (2019, Rev Econ Stat 101:452): when clusters have different numbers of observations
 * M_g, the aggregate errors are heteroskedastic; they model var(W | M) = A + B/M. A and B come from the
 * OLS regression of the control clusters' W_j^2 on 1 and 1/M_j (W_j = sum_t D~_t eta_jt / S, D~ the
 * treated clusters' mean pattern), and each control's contribution is rescaled by sqrt(v(M_treated) /
 * v(M_j)) before the draws are formed. Equal sizes leave the draws unchanged. The correction is asymptotic
 * in the number of controls (with ten, tests/unit/test_ri.c measures it well below the nominal level when
 * sizes differ greatly), so its level is stated as approximate.
 */
#ifndef IPSEVAL_ST_RI_H
#define IPSEVAL_ST_RI_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

#include "core/core_error.h"
#include "core/core_progress.h"
#include "stats/st_twfe.h"

/** Assignments of k treated clusters among G: na rows of G flags; row 0 is the actual assignment. */
typedef struct st_ri_assign {
    size_t G, k, na;
    unsigned char *flag; /**< na x G */
    int enumerated;      /**< 1: every possible set (exact); 0: row 0 and `cap` random sets */
    double total;        /**< C(G, k): the possible sets */
} st_ri_assign;

/** Assignments for the actual flags treated[0..G-1] (0/1): all C(G, k) when at most cap + 1, else the
 *  actual and cap random sets drawn from rng. Free with st_ri_assign_free. */
core_status st_ri_assign_make(const int *treated, size_t G, long cap, gsl_rng *rng, st_ri_assign *a, core_err *err);
void st_ri_assign_free(st_ri_assign *a);

/** Exact size of a rank test with m equally likely values at nominal level alpha: floor(alpha m)/m. */
double st_rank_size(size_t m, double alpha);

/** The result of randomisation inference on one coefficient. */
typedef struct st_ri_result {
    size_t na;           /**< assignments tried (the actual one included) */
    size_t used;         /**< assignments whose placebo fit worked */
    double *b, *t;       /**< na placebo coefficients and CR1 t-statistics (NaN: fit failed); [0] = actual */
    size_t ex_b, ex_t;   /**< assignments with |b| >= |b0|, |t| >= |t0| */
    double p_b, p_t;     /**< p-values ex/used */
    double p_min;        /**< 1/used: the smallest attainable p */
    double size;         /**< exact size of the test at the requested level (st_rank_size) */
    int enumerated;
} st_ri_result;

/**
 * Randomisation inference on regressor 0 of f: for each assignment the placebo treatment
 * 1{flag[cluster], period >= first} is demeaned like the fit's regressors, the coefficient and its CR1
 * t-statistic (the CR1 factor of st_cluster.h) are computed with the other regressors kept. The fit
 * needs clusters. alpha = 1 - confidence (for `size`). Free with st_ri_result_free.
 */
core_status st_ri_run(const st_twfe_fit *f, const st_ri_assign *a, const int *period, int first, double alpha,
                      const core_progress *progress, st_ri_result *out, core_err *err);
void st_ri_result_free(st_ri_result *r);

/** Rewrites the regressors that a st_twfe_data points to for assignment a (1 .. na - 1). */
typedef void (*st_ri_design_fn)(void *arg, size_t a);

/**
 * Randomisation inference for coefficients 0..K-1 of a model whose design changes with the assignment (e.g. an event
 * study's leads and lags), by refitting: for each assignment a = 1 .. na - 1, set(arg, a) rewrites the regressors d
 * points to and the model is fitted again (st_twfe_estimate); fit0 is the actual assignment's fit. exceed[k]: the
 * fitted assignments, the actual one included, with |b_k| >= |b_k of fit0| (ties within 1e-9 relative). With
 * n_joint > 0, *joint0 = the sum over joint[] of fit0's squared coefficients and *exceed_joint the assignments whose
 * sum is at least that. *used: the assignments fitted (a fit that fails is left out); p-values are exceed / used.
 * progress (may be NULL) is told `what` every eighth assignment.
 */
core_status st_ri_refit(const st_twfe_data *d, st_ri_design_fn set, void *arg, size_t na, const st_twfe_fit *fit0,
                        size_t K, const size_t *joint, size_t n_joint, const core_progress *progress, const char *what,
                        size_t *exceed, double *joint0, size_t *exceed_joint, size_t *used, core_err *err);

/** The Conley-Taber interval and test. */
typedef struct st_ct_result {
    double estimate, lo, hi, p;
    size_t draws;        /**< m */
    size_t n_control, n_treated;
    size_t il, ih;       /**< order statistics used (1-based) */
    int enumerated;
    double level;        /**< the coverage attained: (ih - il)/(m + 1) */
    int level_exact;     /**< 1: one treated cluster, every control enumerated, no size correction: the level
                              is exact under exchangeable cluster errors */
    int below_requested; /**< 1: no bounded interval reaches the requested level; min-max given */
    double p_min;        /**< smallest attainable p, 1/(m + 1) */
    int fp;              /**< 1: Ferman-Pinto correction applied */
    double fp_a, fp_b;   /**< the variance model A + B/M (NaN without) */
    const char *note;    /**< NULL, or why the correction was not applied (static text) */
} st_ct_result;

/**
 * Conley-Taber for regressor 0 of f. treated[g] flags the treated clusters, period[i] in 0..T-1.
 * ferman_pinto = 1 applies the size correction (when sizes differ and the variance model is positive;
 * otherwise out->note says why not and the plain draws are used). CORE_ERR_ANALYSIS with fewer than 2
 * control clusters.
 */
core_status st_conley_taber(const st_twfe_fit *f, const int *treated, const int *period, size_t T, int ferman_pinto,
                            double conf, long cap, gsl_rng *rng, st_ct_result *out, core_err *err);

#endif
