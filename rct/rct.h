/**
 * @file rct.h
 * @brief The randomised trial: its specification (from [trial] and [outcome:*]), the validated
 *        participant data (two or more arms), and its analyses: binary, continuous and time-to-event
 *        outcomes at each timepoint, repeated measures, subgroups, power and the complier effect.
 *
 * Intention to treat: every participant is analysed in the arm randomised to; a missing outcome
 * at a timepoint leaves that participant out of that timepoint only (complete case), and the
 * arm_summary row says how many were analysed.
 */
#ifndef IPSEVAL_RCT_H
#define IPSEVAL_RCT_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

#include "core/core_config.h"
#include "core/core_error.h"
#include "core/core_progress.h"
#include "core/core_results.h"
#include "core/core_table.h"

/** The keys of [trial], [outcome:NAME] and [power] (rct/rct_keys.c): name, type, default, range, help. */
extern const core_cfg_key rct_trial_keys[];
extern const core_cfg_key rct_outcome_keys[];
extern const core_cfg_key rct_power_keys[];

typedef enum rct_outcome_type { RCT_BINARY = 0, RCT_CONTINUOUS, RCT_TIME_TO_EVENT } rct_outcome_type;

/** The trial's effect measure of a binary outcome: the `analysis` of its rows, and the name other modules give a
 *  measure taken from the trial (the fidelity–outcome link's term). Its one spelling outside the report writers. */
#define RCT_RISK_DIFFERENCE "risk_difference"

/** One [outcome:NAME] section. */
typedef struct rct_outcome_spec {
    char *name;        /**< NAME as written in the section header */
    char *section;     /**< "outcome:NAME" (for config messages) */
    char *label;       /**< label = ..., or NAME */
    rct_outcome_type type;
    char **columns;    /**< wide layout: one column per timepoint (or a single column) */
    size_t n_columns;
    char *baseline;    /**< optional baseline column */
    char *yes, *no;    /**< binary: the words of the data that mean 1 and 0 (yes = Ja, no = Nei); NULL: 0/1 */
    int primary;
    char **timepoints; /**< label of each column: the section's `timepoints`, else [trial] timepoints when there are
                            several columns; NULL when one column has no timepoint (see rct_outcome_timepoint) */
    size_t n_timepoints;
    char **covariates; /**< the section's own adjustment set (`covariates`), replacing [trial] covariates */
    size_t n_covariates;
    int has_covariates; /**< 1 when the section gives `covariates` */
    char *primary_timepoint; /**< `primary_timepoint`: the primary outcome's primary timepoint (its other timepoints
                                  are secondary analyses, in the multiplicity family); NULL when not given */
    int adjust;         /**< `adjust` (default yes): the repeated-measures models include site, the adjustment set
                             and the baseline; no: intercept, time and arm only */
} rct_outcome_spec;

/** Label of column j of outcome o ("6", "12", ...), or NULL when the outcome has one column and no timepoint. */
const char *rct_outcome_timepoint(const rct_outcome_spec *o, size_t j);

/** [power]: power by simulation for one outcome (rct_power_analyse). */
typedef struct rct_power_spec {
    int enabled;          /**< 1 when the config has a [power] section */
    char *outcome;        /**< outcome NAME; NULL: the primary outcome */
    char *timepoint;      /**< NULL: the outcome's last timepoint */
    double *effects;      /**< true effects: risk differences (binary) or mean differences (continuous) */
    size_t n_effects;
    double control;       /**< binary: control-arm proportion; NaN: observed in the trial */
    double sd;            /**< continuous: outcome SD; NaN: pooled SD observed in the trial */
    long *n;              /**< total sample sizes of the curve */
    size_t n_n;
    double alpha;         /**< two-sided significance level */
    long draws;           /**< simulated trials per point */
    double allocation;    /**< share randomised to the intervention */
} rct_power_spec;

/** The [trial] section and its outcomes. */
typedef struct rct_spec {
    char *id;                   /**< optional participant id column (NULL: one row per participant) */
    char *arm, *treatment, *control, *site;
    char **covariates;
    size_t n_covariates;
    char **timepoints;          /**< labels of the outcome columns, in order */
    size_t n_timepoints;
    double confidence;
    rct_outcome_spec *outcomes;
    size_t n_outcomes;
    char **treatments;          /**< every intervention level; `treatment` may list several (multi-arm trial),
                                     each compared with the control; treatments[0] equals treatment */
    size_t n_treatments;
    char **subgroups;           /**< [trial] subgroups */
    size_t n_subgroups;
    char *received;             /**< [trial] received: column of the treatment received (1 = the intervention, 0 = not),
                                     for the complier average causal effect; NULL: none */
    char **categorical;         /**< [trial] categorical: columns read as categories even when they hold numbers */
    size_t n_categorical;
    int multiplicity;           /**< [trial] multiplicity: 0 none, 1 holm, 2 bh */
    int standardised_differences; /**< [trial] standardised_differences: SMDs in the baseline table */
    rct_power_spec power;
} rct_spec;

/** Read [trial] and every [outcome:*] section; checks names and types, not the data. confidence: the run's
 *  [project] confidence (read once, by the caller). */
core_status rct_spec_from_config(const core_config *cfg, double confidence, rct_spec *spec, core_err *err);
void rct_spec_free(rct_spec *spec);

/** Participant data checked against the spec: arms coded k = 1..n_treatments (treatments[k-1]) / 0 (control). */
typedef struct rct_trial {
    const core_table *table;  /**< borrowed */
    size_t n;                 /**< participants */
    int *arm;                 /**< arm code per row: 0 control, k >= 1 treatments[k-1] (1 = treatment) */
    long n_treat, n_control;  /**< n_treat: all intervention arms together */
    size_t n_arms;            /**< 1 + spec->n_treatments */
    long *n_arm;              /**< participants per arm code (0 = control, k = treatments[k-1]) */
    size_t *outcome_cols;     /**< per outcome: index of the first of its columns in col_index */
    size_t *col_index;        /**< table column of outcome k, timepoint t: col_index[outcome_cols[k] + t] */
} rct_trial;

/**
 * Validate the table against the spec (columns exist, arm has exactly the two configured levels,
 * ids unique, binary outcomes 0/1) and code the arms. Messages name file, row and column, or the
 * config key. Free with rct_trial_free().
 */
/** Recode the binary outcomes given `yes` and `no` words ([outcome:NAME] yes = Ja, no = Nei) into 1/0 in t,
 *  before it is reshaped or loaded; a cell that is neither word is CORE_ERR_DATA naming it. */
core_status rct_recode_binary(const core_config *cfg, const rct_spec *spec, core_table *t, core_err *err);

core_status rct_trial_load(const core_config *cfg, const rct_spec *spec, const core_table *t, rct_trial *trial,
                           core_err *err);
void rct_trial_free(rct_trial *trial);

/* ---- The trial at each timepoint (docs/methods.md (the trial at each timepoint)). Comparisons: each intervention arm vs the control;
 *      term `arm` with two arms, `arm[LEVEL]` with more. ---- */

/**
 * Every per-timepoint analysis in reading order: baseline table, attrition, then per outcome and timepoint the
 * binary analyses (2x2 table, logistic unadjusted/adjusted, marginal risk difference, NNT) or the continuous ones
 * (means, Welch/Student, ANCOVA classical/HC2/HC3, Hedges' g, Wilcoxon); subgroups; power ([power], drawing
 * from rng). progress may be NULL. The multiplicity adjustment (rct_multiplicity_apply) comes after every analysis,
 * the time-to-event ones included.
 */
core_status rct_timepoint_analyse(const rct_spec *spec, const rct_trial *trial, gsl_rng *rng,
                                  const core_progress *progress, core_results *res, core_err *err);

/** CONSORT table 1 (`baseline_table`): site, covariates, subgroups and baseline outcome columns by arm. */
core_status rct_baseline_analyse(const rct_spec *spec, const rct_trial *trial, core_results *res, core_err *err);

/** CONSORT flow (`attrition`): randomised, analysed and missing per arm and timepoint; missingness by arm. */
core_status rct_attrition_analyse(const rct_spec *spec, const rct_trial *trial, core_results *res, core_err *err);

/** Outcome k at every timepoint: binary or continuous analyses as above (2x2 rows included for binary). */
core_status rct_outcome_analyse(const rct_spec *spec, const rct_trial *trial, size_t k, core_results *res,
                                core_err *err);

/** `subgroup_effect`, `interaction` and (primary outcome) `equity` rows for every [trial] subgroups variable. */
core_status rct_subgroup_analyse(const rct_spec *spec, const rct_trial *trial, core_results *res, core_err *err);

/** `power` rows: simulated power of the [power] design over its n grid, drawing from rng. */
core_status rct_power_analyse(const rct_spec *spec, const rct_trial *trial, gsl_rng *rng,
                              const core_progress *progress, core_results *res, core_err *err);

/** Fill p_adjusted (Holm or BH) over the main tests of the secondary analyses (every secondary outcome at every
 *  timepoint, of every type; the primary outcome at its timepoints other than primary_timepoint); adds a
 *  `multiplicity` row. Call after every analysis has added its rows. */
core_status rct_multiplicity_apply(const rct_spec *spec, core_results *res, core_err *err);

/**
 * With [trial] received (two arms): for every binary or continuous outcome at every timepoint, the complier average
 * causal effect with randomisation as the instrument: `cace` rows, method `wald` (ratio of the intention-to-treat
 * differences in outcome and in treatment received = 2SLS without covariates, HC0 SE), `2sls` (with site,
 * covariates and baseline, classical SE) and `2sls_robust` (HC0); `first_stage` rows (unadjusted, adjusted): the
 * difference in treatment received, F of the instrument. A received value other than 0/1 is CORE_ERR_DATA naming
 * the cell.
 */
core_status rct_cace_analyse(const core_config *cfg, const rct_spec *s, const rct_trial *tr, core_results *res,
                             core_err *err);

/** Options of the synthetic trial generator ([simulate] section). */
typedef struct rct_sim_opts {
    long n;                    /**< participants */
    long sites;                /**< counties */
    size_t n_timepoints;
    const char *const *timepoints;   /**< labels, e.g. "6","12","18" */
    const double *p_treat;     /**< employment rate per timepoint, intervention */
    const double *p_control;   /**< employment rate per timepoint, control */
    const double *missing;     /**< share missing per timepoint (monotone drop-out) */
    int exact_margins;         /**< 1: the analysed proportions hit the targets to the nearest person */
    int questionnaires;        /**< 1: add the five questionnaire outcomes (qol, srh, dep, func, workbelief) */
    size_t n_waves;            /**< questionnaire waves; the first is the baseline (at most 8) */
    const char *const *waves;  /**< their labels, e.g. "0","6","12" (columns qol0, qol6, qol12, ...) */
    const double *q_missing;   /**< share missing per wave */
    double q_effect;           /**< standardised effect of IPS at the last wave (scaled per outcome, see rct_simulate.c) */
} rct_sim_opts;

/**
 * Simulate a participant-level trial (wide layout: id, county, arm, age, age_group, sex, diagnosis,
 * education, prior_work, emp<t>..., and with questionnaires qol<w>, srh<w>, dep<w>, func<w>,
 * workbelief<w> per wave) from rng. Returns a new table (caller frees). Calibration: DOMAIN.md §8.
 */
core_status rct_simulate(const rct_sim_opts *o, gsl_rng *rng, core_table **out, core_err *err);

/* ---- The trial over time (rct_long.c, rct_surv.c, rct_simulate_tte.c; docs/methods.md (the trial over time)) ---- */

/** A time_to_event outcome's keys: `time`, `event`, `event_value`, `at`. */
typedef struct rct_tte_spec {
    char *time, *event;   /**< columns: time to the event or censoring (>= 0), event indicator; NULL: not tte */
    char *event_value;    /**< code of an event in `event` (default "1"); censored is 0 (1 when event_value is 0) */
    double *at;           /**< times at which survival is reported */
    char **at_labels;     /**< the `at` items as written (timepoint column of the rows) */
    size_t n_at;
    double rmst_tau;      /**< `rmst_tau`: horizon of the restricted mean survival time; NaN: the last follow-up time
                               every arm reaches */
} rct_tte_spec;

/** [trial] layout, time, arm_by_time, glmm_points and the time_to_event keys of every outcome. */
typedef struct rct_long_spec {
    int layout_long;      /**< 1: one row per participant-timepoint (reshaped to wide by rct_long_reshape) */
    char *time;           /**< long layout: the timepoint column */
    int arm_by_time;      /**< 1 (default): an arm effect per timepoint; 0: main effects of arm and time */
    long glmm_points;     /**< adaptive Gauss-Hermite nodes of glmm_logistic:aghq (default 25) */
    rct_tte_spec *tte;    /**< per outcome, indexed as spec->outcomes */
    size_t n_outcomes;
} rct_long_spec;

/** Read the keys above (after rct_spec_from_config); messages name file:line and key. Free with rct_long_spec_free. */
core_status rct_long_spec_read(const core_config *cfg, const rct_spec *spec, rct_long_spec *ls, core_err *err);
void rct_long_spec_free(rct_long_spec *ls);

/**
 * Layout long: check the long table (one row per participant and timepoint; a participant's arm, site, covariates,
 * baseline and time-to-event columns the same on every row; no participant twice at one timepoint; binary outcomes
 * 0/1) and build the wide table (caller frees) whose outcome columns are "<column>@<timepoint>"; the spec's
 * outcomes (and [trial] timepoints when not given) are rewritten to name them. Messages name the long file's line.
 */
core_status rct_long_reshape(const core_config *cfg, rct_spec *spec, const rct_long_spec *ls, const core_table *lt,
                             core_table **wide, core_err *err);

/**
 * Every outcome measured at two or more timepoints, one model across them (clusters = participants, timepoints as a
 * factor, arm-by-time or main effects, the outcome's baseline when given): binary -> gee_logistic (exchangeable,
 * independence, ar1) and glmm_logistic (laplace, aghq) with their odds_ratio rows; continuous -> gee_linear and lmm
 * (reml, ml). A model that cannot be fitted gives a row whose label says why.
 */
core_status rct_long_analyse(const rct_spec *spec, const rct_long_spec *ls, const rct_trial *trial,
                             const core_progress *progress, core_results *res, core_err *err);

#define RCT_GLMM_LAPLACE 1u
#define RCT_GLMM_AGHQ 2u
/** The repeated-measures models of outcome k alone (as rct_long_analyse does for each outcome); glmm_fits: which
 *  binary mixed models are fitted (RCT_GLMM_LAPLACE | RCT_GLMM_AGHQ; 0: none). */
core_status rct_long_analyse_outcome(const rct_spec *spec, const rct_long_spec *ls, const rct_trial *trial, size_t k,
                                     unsigned glmm_fits, core_results *res, core_err *err);

/* ---- Missing outcomes ([missing], rct_mi.c; docs/methods.md (missing outcomes)) ---- */

/** The keys of [missing]. */
extern const core_cfg_key rct_missing_keys[];

/** [missing]: multiple imputation and the sensitivity analyses for missing outcomes. */
typedef struct rct_missing_spec {
    int present;          /**< 1 when the config has a [missing] section (else nothing below runs) */
    int mi;               /**< method = mi: multiple imputation is the primary analysis (0: complete case) */
    long imputations;     /**< m (default 50) */
    long iterations;      /**< sweeps of the chained equations (default 10; mice's maxit default is 5) */
    int pmm;              /**< continuous = pmm (default norm) */
    long donors;          /**< pmm donors (default 5) */
    double tipping_step;  /**< binary: step of the tipping-point grid of assumed rates (default 0.05) */
    int tipping;          /**< tipping = yes (default) */
    double *deltas;       /**< continuous: shifts of the imputed values in the intervention arm(s) */
    size_t n_deltas;
    int ipw;              /**< ipw = yes: inverse-probability-weighted GEE of the primary outcome (default no) */
    unsigned glmm;        /**< `glmm`: the binary mixed models re-fitted per imputation (RCT_GLMM_* bits; default
                               Laplace only) */
} rct_missing_spec;

/**
 * Inverse-probability-weighted GEE of outcome k (binary or continuous over at least two timepoints; `ipw_gee`
 * rows, method `independence`): monotone dropout (values after a first missing one left out); per timepoint a
 * logistic model of being observed, among those observed at the previous one, on arm, the adjustment set of the
 * repeated-measures models and the prior outcome; stabilised weights (numerator: the same on arm alone),
 * multiplied over visits; the GEE of rct_long_analyse_outcome (arm + time + adjustment set) with those row weights,
 * independence working correlation, sandwich SEs treating the weights as known.
 */
core_status rct_long_ipw(const rct_spec *spec, const rct_long_spec *ls, const rct_trial *trial, size_t k,
                         core_results *res, core_err *err);

/** Read [missing] (absent: present = 0, complete case). Messages name file:line and key. */
core_status rct_missing_spec_read(const core_config *cfg, rct_missing_spec *m, core_err *err);
void rct_missing_spec_free(rct_missing_spec *m);

/**
 * With [missing]: for the primary outcome (binary or continuous), multiple imputation (method = mi) by chained
 * equations within each arm over its timepoints, its baseline, the adjustment set and site, drawing from
 * core_rng_stream(seed, "rct-mi"); every per-timepoint and repeated-measures analysis of it re-run per imputation
 * and pooled by Rubin's rules (`mi`, `mi_fmi`, `mi_riv` rows; `mi_summary`); the tipping-point grid (binary,
 * `tipping_point`) and delta-adjusted imputation (continuous with `deltas`, `delta_adjusted`). progress may be NULL.
 */
core_status rct_missing_analyse(const rct_spec *spec, const rct_long_spec *ls, const rct_trial *trial,
                                const rct_missing_spec *ms, unsigned long seed, const core_progress *progress,
                                core_results *res, core_err *err);

/**
 * Time-to-event outcomes: validate the time and event columns (res NULL: validate only) and, with res, add
 * arm_summary, km_median, km_survival (at each `at`), logrank (with observed[LEVEL]/expected[LEVEL]), cox and
 * cox_adjusted (efron, breslow; adjusted for site and covariates) with hazard_ratio rows.
 */
core_status rct_surv_analyse(const core_config *cfg, const rct_spec *spec, const rct_long_spec *ls,
                             const rct_trial *trial, core_results *res, core_err *err);

/**
 * Add `days_to_job` and `got_job` to a simulated trial (rct_simulate's table, wide layout with emp<t> columns at
 * month labels): time to first job over follow_up_days, consistent with the employment columns (employed at a
 * timepoint means a first job before it), median about 132 days among those who get a job (DOMAIN.md §8).
 */
core_status rct_simulate_tte(core_table **t, const rct_sim_opts *o, gsl_rng *rng, core_err *err);

#endif
