/**
 * @file st_twfe.h
 * @brief Linear regression with high-dimensional fixed effects (two-way and more) by the
 *        within-transformation: alternating projections, never dummy columns.
 *
 * Model: y_i = sum_f a_f[level_f(i)] + x_i' b + e_i, with any number of fixed-effect factors
 * (none = an intercept). Every variable is demeaned by the method of alternating projections
 * (von Neumann 1949; Halperin 1962; Gaure 2013, "OLS with multiple high dimensional category
 * variables", Comput Stat Data Anal 66:8-18): subtract group means factor by factor until a
 * full sweep changes nothing beyond `tol` (or, below ST_AP_FLOOR, stops shrinking: the rounding floor
 * of sums over very large groups). A balanced two-way panel converges in one sweep (the
 * second confirms it); unbalanced panels iterate, and the iterations and the last change are
 * reported. b is then ordinary least squares on the demeaned columns (Frisch-Waugh-Lovell),
 * solved by Householder QR.
 *
 * Degrees of freedom absorbed by the fixed effects: the levels of every factor less the
 * redundancies: one factor: its levels; two factors: levels1 + levels2 - (connected components
 * of the bipartite level graph), exact (Abowd, Creecy & Kramarz 2002); three or more: the
 * two-factor count of the first two plus the levels of the rest less one each (a lower bound of
 * the redundancies, as reghdfe). A factor is "nested" in the clusters when each of its levels
 * lies in one cluster; cluster-robust small-sample factors use that (st_cluster.h).
 *
 * Ownership: st_twfe_estimate returns a new fit (free with st_twfe_fit_free). The fit borrows the
 * level and cluster arrays of the st_twfe_data (they must outlive it); everything else is copied.
 */
#ifndef IPSEVAL_ST_TWFE_H
#define IPSEVAL_ST_TWFE_H

#include <stddef.h>

#include "core/core_error.h"

/** One fixed-effect factor: level[i] in 0..n_levels-1 for each observation (every level used). */
typedef struct st_fe {
    const int *level;
    size_t n_levels;
} st_fe;

/** Controls of the alternating projections; zero fields mean the defaults. */
typedef struct st_ap_opts {
    double tol;   /**< stop when a full sweep removes group means all below tol x the column's RMS */
    int max_iter; /**< sweeps allowed */
} st_ap_opts;

#define ST_AP_TOL_DEFAULT 1e-12
/** Below this relative change a sweep that does not shrink the change ends the projections: rounding. */
#define ST_AP_FLOOR 1e-10
#define ST_AP_MAXITER_DEFAULT 10000

/** What the projections did (the worst column). */
typedef struct st_ap_info {
    int iterations;    /**< full sweeps over the factors */
    double max_change; /**< largest group mean removed in the last sweep, relative to the column RMS */
} st_ap_info;

/** A demeaning workspace over fixed factors (borrowed). */
typedef struct st_demean st_demean;

/** New workspace for n observations and n_fe factors (n_fe = 0: demean by the grand mean).
 *  NULL when out of memory. Free with st_demean_free. */
st_demean *st_demean_new(size_t n, const st_fe *fe, size_t n_fe);
void st_demean_free(st_demean *d);

/** 1 when the workspace's two factors form a complete layout (every pair of levels exactly once: a balanced
 *  panel), where the within transformation has a closed form; 0 otherwise. */
int st_demean_balanced(const st_demean *d);

/**
 * Demean k columns (column-major, column j at x + j*n) in place by alternating projections.
 * CORE_ERR_ANALYSIS when a column has not converged within max_iter sweeps (info says how far).
 * info may be NULL; it receives the largest iteration count over the columns.
 */
core_status st_demean_cols(const st_demean *d, double *x, size_t k, const st_ap_opts *o, st_ap_info *info,
                           core_err *err);

/** As st_demean_cols for k columns given by pointers (each n long), demeaned together. */
core_status st_demean_colv(const st_demean *d, double *const *x, size_t k, const st_ap_opts *o, st_ap_info *info,
                           core_err *err);

/** The data of a fixed-effects regression. Arrays are borrowed. */
typedef struct st_twfe_data {
    size_t n;
    const double *y;
    size_t p;                 /**< regressors (the first is usually the one of interest) */
    const double *x;          /**< column-major: regressor j at x + j*n */
    const char *const *names; /**< names of the regressors, for messages (may be NULL) */
    const st_fe *fe;          /**< fixed-effect factors (may be NULL when n_fe = 0) */
    size_t n_fe;
    const int *cluster;       /**< cluster of each observation, 0..n_clusters-1 (NULL: no clusters) */
    size_t n_clusters;
} st_twfe_data;

/** A fitted fixed-effects regression. */
typedef struct st_twfe_fit {
    size_t n, p, G;         /**< observations, regressors, clusters (0 without) */
    double *beta;           /**< p coefficients */
    double *bread;          /**< p x p (X~'X~)^-1, row-major */
    double *xd;             /**< n x p demeaned regressors, column-major */
    double *yd;             /**< n demeaned outcome */
    double *resid;          /**< n residuals */
    double rss;             /**< residual sum of squares */
    double k_fe;            /**< parameters absorbed by the fixed effects (with the intercept) */
    double k_nested_levels; /**< levels of the factors nested in the clusters */
    int *fe_nested;         /**< per factor: 1 if nested in the clusters */
    st_ap_info ap;          /**< alternating projections on y and X */
    st_demean *dm;          /**< the workspace (for demeaning other variables the same way) */
    const st_twfe_data *data; /**< borrowed: the caller's data description */
    const st_fe *fe;        /**< the factors used (borrowed from data, or the internal intercept) */
    size_t n_fe;
    int *own_level;         /**< the intercept's level array when data has no factor */
    st_fe own_fe;
} st_twfe_fit;

/**
 * Fit y on x with the fixed effects by the within-transformation. Errors: CORE_ERR_USAGE for
 * inconsistent sizes or levels out of range; CORE_ERR_ANALYSIS when n <= p + k_fe (no residual
 * degrees of freedom), when a regressor is constant within the fixed effects (absorbed) or
 * collinear with the others (the message names it), or when the projections do not converge.
 */
core_status st_twfe_estimate(const st_twfe_data *d, const st_ap_opts *o, st_twfe_fit **out, core_err *err);

/** Free a fit; NULL is a no-op. */
void st_twfe_fit_free(st_twfe_fit *f);

/** Parameters absorbed by factors fe (the rule above): exposed for tests and for placebo refits. */
core_status st_fe_dof(size_t n, const st_fe *fe, size_t n_fe, double *k, core_err *err);

#endif
