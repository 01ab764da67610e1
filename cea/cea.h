/**
 * @file cea.h
 * @brief Cost-effectiveness from patient-level trial data with two or more options ([cea]): discounted costs
 *        and QALYs per participant (area under the utility curve), regression-adjusted increments against a
 *        reference option, the incremental analysis with dominance and extended dominance, and the
 *        non-parametric bootstrap within arm (percentile and BCa intervals, CE plane, acceptability curves over
 *        all options, the acceptability frontier, EVPI). docs/methods.md (cost-effectiveness from trial data).
 *
 * The options are the levels of the trial's arm. Complete cases: a participant with every cost and every
 * utility column observed; the missing counts per arm and column are reported.
 */
#ifndef IPSEVAL_CEA_H
#define IPSEVAL_CEA_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

#include "core/core_config.h"
#include "core/core_error.h"
#include "core/core_progress.h"
#include "core/core_results.h"
#include "core/core_table.h"
#include "stats/st_cea.h"

/** The keys of [cea] (cea/cea_keys.c): name, type, default, range, help. */
extern const core_cfg_key cea_keys[];

#define CEA_MAX_COLS 64
#define CEA_MAX_WTP 10001

/** The [cea] section. */
typedef struct cea_spec {
    char **costs;            /**< cost columns, one per period */
    size_t n_costs;
    double cost_months[CEA_MAX_COLS]; /**< end month of each cost period (increasing, > 0) */
    char **utils;            /**< utility columns; the first is the baseline */
    size_t n_utils;
    double util_months[CEA_MAX_COLS]; /**< month of each utility (increasing) */
    double r_cost, r_effect; /**< yearly discount rates */
    const char *reference;   /**< level of the arm (NULL: the trial's control) */
    double *wtp;             /**< willingness-to-pay grid per QALY */
    size_t n_wtp;
    double threshold;        /**< the willingness to pay drawn on the CE plane and quoted on the Summary */
    long bootstrap;          /**< resamples (0: none) */
    double utility_min;      /**< the value set's lowest utility */
    int allow_negative;      /**< negative costs allowed */
    int adjust_site;         /**< -1: default (yes when the trial has a site); 0 no; 1 yes */
    int has_data;            /**< [cea] data = FILE, joined on the trial's id */
    double confidence;
} cea_spec;

/** Read [cea]; messages name file:line and the key. confidence: the run's [project] confidence (read by the
 *  caller). Free with cea_spec_free. */
core_status cea_spec_from_config(const core_config *cfg, double confidence, cea_spec *s, core_err *err);
void cea_spec_free(cea_spec *s);

/** What the module needs of the trial: its table, an arm code per row, the arms' names, id and site columns. */
typedef struct cea_trial_view {
    const core_table *t;
    const int *arm;                  /**< per row: 0..n_arms-1 */
    const char *const *arm_names;
    size_t n_arms;
    const char *id;                  /**< id column (NULL: none; [cea] data then cannot be joined) */
    const char *site;                /**< site column, or NULL */
    const char *control;             /**< the trial's control level (default reference) */
} cea_trial_view;

/** Participant data: complete cases, options coded 0 = reference. */
typedef struct cea_data {
    size_t k;                /**< options */
    const char **options;    /**< option names, [0] the reference; borrowed */
    size_t n;                /**< complete cases */
    int *opt;                /**< option per complete case */
    size_t *row;             /**< the trial table's row of each complete case */
    double *cost, *qaly, *u0; /**< discounted total cost, discounted QALYs, baseline utility */
    int *site;               /**< site code per complete case, or NULL */
    size_t n_sites;
    char **site_names;       /**< site texts (owned) */
    long *n_rand, *n_cc;     /**< per option: participants and complete cases */
    long *miss;              /**< per option x column (costs then utilities): missing */
    size_t n_cols;
    const char **col_names;  /**< costs then utilities (borrowed) */
    int adjust_site;
} cea_data;

/**
 * Check the participant data and build the complete cases: costs >= 0 unless allowed, utilities in
 * [utility_min, 1] (messages name file:row:column); the [cea] data table (may be NULL) is joined on the
 * trial's id. CORE_ERR_DATA for bad values and for an option with no complete case. Free with cea_data_free.
 */
core_status cea_data_build(const core_config *cfg, const cea_spec *s, const cea_trial_view *v, const core_table *extra,
                           cea_data *d, core_err *err);
void cea_data_free(cea_data *d);

/** Discounted cost and QALYs of one participant by the rules of docs/methods.md (exact, as the tests use). */
double cea_discounted_cost(const double *cost, const double *months, size_t n, double r);
double cea_qalys(const double *u, const double *months, size_t n, double r);

/** A point estimate with its intervals. */
typedef struct cea_est {
    double est, se, lo, hi;          /**< est; se and t interval from OLS (NaN for plain means) */
    double accel;                    /**< BCa acceleration from the jackknife influence values (strata = arms) */
    double boot_se, pct_lo, pct_hi, bca_lo, bca_hi;
    const char *bca_undefined;
} cea_est;

/** The analysis. */
typedef struct cea_result {
    size_t k;
    cea_est *mean_cost, *mean_qaly;  /**< per option, observed means */
    cea_est *dc, *dq, *dq_unadj;     /**< per option vs the reference ([0] unused) */
    double df_cost, df_qaly;
    st_ce_option *front;             /**< the incremental analysis on (dc, dq adjusted), reference at 0 */
    double *icer;                    /**< per option vs the reference ([0] NaN) */
    double *icer_lo, *icer_hi;       /**< percentile interval where the cloud stays in one of NE/SW */
    double *quad;                    /**< per option 4 shares of replicates: NE, SE, SW, NW (dq > 0 east, dc > 0 north) */
    long R;                          /**< bootstrap replicates (0: none) */
    long R_failed;                   /**< replicates whose regressions failed (left out) */
    double *bc, *bq;                 /**< R x k increments (reference column 0) */
    size_t n_wtp;
    const double *wtp;
    double *prob;                    /**< n_wtp x k: P(option has the highest net benefit) */
    double *inmb, *inmb_lo, *inmb_hi; /**< n_wtp x k: INMB vs the reference, percentile interval */
    size_t *best;                    /**< n_wtp: the option with the highest expected net benefit */
    double *evpi;                    /**< n_wtp, per participant */
} cea_result;

/** Regressions, incremental analysis, bootstrap (drawing from rng) and net benefit. progress may be NULL. */
core_status cea_analyse(const cea_spec *s, const cea_data *d, gsl_rng *rng, const core_progress *progress,
                        cea_result *r, core_err *err);
void cea_result_free(cea_result *r);

/** Tidy rows of module "cea" (vocabulary in docs/methods.md). */
core_status cea_rows(const cea_spec *s, const cea_data *d, const cea_result *r, core_results *res, core_err *err);

/** What the workbook's CEA sheet shows besides the rows: the bootstrap cloud and the options. */
typedef struct cea_run_info {
    const cea_spec *spec;
    const cea_data *data;
    const cea_result *res;
} cea_run_info;

/** Options of the synthetic three-arm trial with costs and utilities (calibrated to DOMAIN.md §6). */
typedef struct cea_sim_opts {
    long n;        /**< participants (split evenly over three arms) */
    long sites;
} cea_sim_opts;

/** A synthetic three-arm trial (id, site, arm, emp18, cost6/12/18, u0/6/12/18); caller frees. */
core_status cea_simulate(const cea_sim_opts *o, gsl_rng *rng, core_table **out, core_err *err);

/** Synthetic costs and utilities (id, cost6/12/18, u0/6/12/18, NOK; assumptions in docs/methods.md) for every
 *  participant of an existing two-arm trial table, keyed by its id column; `intervention` is the arm level that
 *  gets the intervention's costs and utility gain. For [cea] data = FILE. Caller frees. */
core_status cea_simulate_for(const core_table *trial, const char *id, const char *arm, const char *intervention,
                             gsl_rng *rng, core_table **out, core_err *err);

#endif
