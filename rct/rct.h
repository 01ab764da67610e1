/**
 * @file rct.h
 * @brief The randomised trial: its specification (from [trial] and [outcome:*]), the validated
 *        participant data, and the per-timepoint analyses of binary outcomes.
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
#include "core/core_results.h"
#include "core/core_table.h"

typedef enum rct_outcome_type { RCT_BINARY = 0, RCT_CONTINUOUS, RCT_TIME_TO_EVENT } rct_outcome_type;

/** One [outcome:NAME] section. */
typedef struct rct_outcome_spec {
    char *name;        /**< NAME as written in the section header */
    char *section;     /**< "outcome:NAME" (for config messages) */
    char *label;       /**< label = ..., or NAME */
    rct_outcome_type type;
    char **columns;    /**< wide layout: one column per timepoint (or a single column) */
    size_t n_columns;
    char *baseline;    /**< optional baseline column */
    int primary;
} rct_outcome_spec;

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
} rct_spec;

/** Read [trial] and every [outcome:*] section; checks names and types, not the data. */
core_status rct_spec_from_config(const core_config *cfg, rct_spec *spec, core_err *err);
void rct_spec_free(rct_spec *spec);

/** Participant data checked against the spec: arms coded 1 (treatment) / 0 (control). */
typedef struct rct_trial {
    const core_table *table;  /**< borrowed */
    size_t n;                 /**< participants */
    int *arm;                 /**< 1 treatment, 0 control */
    long n_treat, n_control;
    size_t *outcome_cols;     /**< per outcome: index of the first of its columns in col_index */
    size_t *col_index;        /**< table column of outcome k, timepoint t: col_index[outcome_cols[k] + t] */
} rct_trial;

/**
 * Validate the table against the spec (columns exist, arm has exactly the two configured levels,
 * ids unique, binary outcomes 0/1) and code the arms. Messages name file, row and column, or the
 * config key. Free with rct_trial_free().
 */
core_status rct_trial_load(const core_config *cfg, const rct_spec *spec, const core_table *t, rct_trial *trial,
                           core_err *err);
void rct_trial_free(rct_trial *trial);

/**
 * For every binary outcome at every timepoint: arm summaries (Wilson), risk difference (Wald,
 * Newcombe), risk ratio (log-Wald), odds ratio (Woolf, Fisher conditional MLE), Pearson chi-square
 * and Fisher's exact test, appended to res as SPEC §4 rows.
 */
core_status rct_binary_analyse(const rct_spec *spec, const rct_trial *trial, core_results *res, core_err *err);

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
} rct_sim_opts;

/**
 * Simulate a participant-level trial (wide layout: id, county, arm, age, sex, diagnosis,
 * education, prior_work, emp<t>...) from rng. Returns a new table (caller frees).
 * Calibration: DOMAIN.md §8.
 */
core_status rct_simulate(const rct_sim_opts *o, gsl_rng *rng, core_table **out, core_err *err);

#endif
