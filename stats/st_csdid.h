/**
 * @file st_csdid.h
 * @brief Group-time average treatment effects for staggered adoption (Callaway & Sant'Anna 2021,
 *        J Econometrics 225:200), unconditional (no covariates), their aggregations and a cluster
 *        multiplier bootstrap.
 *
 * Units i are observed in periods 0..T-1 (a panel; a unit may miss periods). Each unit belongs to a
 * cohort g: the first period it is treated (treatment is absorbing), or -1 when never treated. Units
 * treated from period 0 on have no pre-period and are left out (as R's `did`).
 *
 * ATT(g,t) = [mean over cohort-g units of Y_t - Y_b] - [mean over control units of Y_t - Y_b], each
 * mean over the units observed in both periods t and b (a balanced panel: every unit of the group).
 * Base period b: `varying` (R did's default): b = g-1 for t >= g, b = t-1 for t < g (pre-periods are
 * one-period differences; t runs from period 1); `universal`: b = g-1 for every t (the cell t = g-1 is
 * the reference, 0 by construction, kept as in did). Controls: never-treated units, or not-yet-treated
 * units (never treated, or with a cohort later than both t and b, and not g). A cell with no treated
 * or no control unit observed in both periods is not estimable (estimable = 0).
 *
 * Aggregations (R did's `aggte`, group shares p_g = units of cohort g / all units used):
 * simple = sum over post cells (t >= g) of p_g ATT(g,t) / sum of the same p_g; dynamic theta(e) = the
 * same over the cells with t - g = e; group theta(g) = the mean of cohort g's post cells, and its overall
 * value sum p_g theta(g) / sum p_g; the dynamic overall value is the mean of theta(e) over e >= 0.
 *
 * Inference: each estimate's influence function summed within clusters (cluster c: psi_c). For a cell,
 * psi_c = sum over the cluster's treated units (dY_i - mu_g)/M_g - sum over its control units
 * (dY_i - mu_C)/M_C; the group shares' psi enter the aggregations through their weights (the delta
 * method, as did's `wif`). se = sqrt(sum_c psi_c^2) (cluster-robust, no small-sample factor); the
 * multiplier bootstrap draws theta* - theta = sum_c v_c psi_c with Rademacher v_c (B draws from the
 * caller's generator), whose variance is exactly se^2; the interval is the bootstrap's basic interval
 * [theta - q(1-a/2), theta - q(a/2)] of the draws of theta* - theta. The pre-trend test uses the pre-period
 * cells (t < g, the universal reference cells left out): a Wald chi-square with the covariance
 * sum_c psi_c psi_c' (when it is positive definite) and a sup-t test from the same bootstrap draws.
 *
 * Ownership: st_cs_estimate fills a result that st_cs_result_free releases.
 */
#ifndef IPSEVAL_ST_CSDID_H
#define IPSEVAL_ST_CSDID_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

#include "core/core_error.h"

typedef enum st_cs_control { ST_CS_NEVER = 0, ST_CS_NOTYET } st_cs_control;
typedef enum st_cs_base { ST_CS_VARYING = 0, ST_CS_UNIVERSAL } st_cs_base;

/** The panel. Arrays are borrowed. */
typedef struct st_cs_data {
    size_t n;            /**< observations */
    const double *y;     /**< outcome (finite) */
    const int *unit;     /**< 0..U-1 */
    const int *period;   /**< 0..T-1; at most one observation per unit and period */
    size_t U, T;
    const int *cohort;   /**< per unit: first treated period, or -1 never treated */
    const int *cluster;  /**< per unit: 0..G-1 */
    size_t G;
} st_cs_data;

typedef struct st_cs_opts {
    st_cs_control control;
    st_cs_base base;
    double confidence;   /**< e.g. 0.95 */
    long draws;          /**< multiplier bootstrap draws (0: none; intervals and sup-t test then NaN) */
    gsl_rng *rng;        /**< for the draws */
} st_cs_opts;

/** One estimate with its inference. */
typedef struct st_cs_est {
    double est, se, lo, hi, z, p; /**< p: two-sided normal p-value of est/se */
    int estimable;
} st_cs_est;

/** One group-time cell. */
typedef struct st_cs_cell {
    int g, t, base;      /**< cohort, period, base period */
    int reference;       /**< 1: the universal base's reference cell t = g-1 (0 by construction) */
    size_t n_treated, n_control; /**< units used */
    st_cs_est e;
} st_cs_cell;

typedef struct st_cs_result {
    size_t n_cells;
    st_cs_cell *cell;
    size_t n_cohorts;
    int *cohort;         /**< the cohorts (ascending) */
    double *share;       /**< p_g per cohort */
    size_t *cohort_units;
    size_t n_never, n_always; /**< never-treated units; units treated from period 0 (left out) */
    st_cs_est simple;
    st_cs_est *group;    /**< per cohort theta(g) */
    st_cs_est group_overall;
    int e_min, e_max;    /**< event times present */
    st_cs_est *dynamic;  /**< theta(e) for e = e_min..e_max (estimable 0 when no cell) */
    st_cs_est dynamic_overall;
    /* pre-trend test on the pre-period cells */
    size_t pre_k;        /**< pre-period cells tested */
    double wald, wald_p; /**< chi-square(pre_k); NaN when the covariance is singular */
    int wald_singular;
    double supt, supt_p; /**< max |est/se| and its bootstrap p */
    long draws;
} st_cs_result;

/**
 * Estimate every group-time cell and the aggregations. Errors: CORE_ERR_USAGE for sizes or indices out of
 * range; CORE_ERR_ANALYSIS when there is no cohort with a pre-period, no control unit of the chosen kind
 * (never-treated controls with no never-treated unit), or no estimable post-period cell.
 */
core_status st_cs_estimate(const st_cs_data *d, const st_cs_opts *o, st_cs_result *r, core_err *err);
void st_cs_result_free(st_cs_result *r);

#endif
