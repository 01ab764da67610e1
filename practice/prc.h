/**
 * @file prc.h
 * @brief Routine practice: a single-service cohort ([cohort]), equity of access against a reference
 *        population ([equity]) and the employment specialists' turnover ([workforce]).
 *
 * Each part reads its config section into a spec, validates its table (errors name file, line,
 * column and what would be valid) and appends tidy rows (modules `cohort`, `equity`, `workforce`;
 * vocabulary in docs/methods.md). Statistics come from stats/ (st_rate, st_prop, st_surv, st_glm).
 * Counts of people travel in each row's `n` field and, for a proportion, `statistic` holds the
 * numerator, so disclosure control reads numbers, not labels.
 */
#ifndef IPSEVAL_PRC_H
#define IPSEVAL_PRC_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "core/core_config.h"
#include "core/core_error.h"
#include "core/core_results.h"
#include "core/core_table.h"

/** The keys of [cohort], [equity] and [workforce] (practice/prc_keys.c): name, type, default, range, help. */
extern const core_cfg_key prc_cohort_keys[];
extern const core_cfg_key prc_equity_keys[];
extern const core_cfg_key prc_workforce_keys[];

/* ---------------- [cohort] ---------------- */

#define PRC_MAX_GROUPS 16
#define PRC_MAX_MONTHS 16

/** Days in a month for the cumulative incidence at whole months: 365.25 / 12. */
#define PRC_DAYS_PER_MONTH (365.25 / 12.0)

typedef struct prc_cohort_spec {
    const char *id;            /**< optional participant id column (must be unique) */
    const char *days_to_job;   /**< days from the start of support to the first job or the end of follow-up */
    const char *job;           /**< 1 = got a job (event), 0 = censored */
    const char *support_days;  /**< optional: days of in-work support */
    const char *groups[PRC_MAX_GROUPS];
    size_t n_groups;
    char **groups_list;        /**< owns the group names (core_config_list) */
    double benchmark;          /**< a published proportion to compare with; NaN when absent */
    const char *benchmark_source;
    double support_limit;      /**< days; the share needing more in-work support than this; NaN when absent */
    double months[PRC_MAX_MONTHS]; /**< cumulative incidence at these months (default 6, 12, 24) */
    size_t n_months;
    const char *label;         /**< what the service is called (sentences); default "the service" */
} prc_cohort_spec;

/** Read [cohort]. Strings point into the config (valid while it lives); free with prc_cohort_spec_free. */
core_status prc_cohort_spec_from_config(const core_config *cfg, prc_cohort_spec *s, core_err *err);
void prc_cohort_spec_free(prc_cohort_spec *s);

/** A validated cohort: one row per person with a time and an event indicator. */
typedef struct prc_cohort {
    size_t n;
    double *days;    /**< days to job or censoring (>= 0) */
    int *job;        /**< 1 event, 0 censored */
    long n_jobs;     /**< people with a job (job = 1) */
    double *support; /**< in-work support days, NaN where missing or no column */
    long n_support;  /**< people with a support value */
    int *group_code[PRC_MAX_GROUPS]; /**< per group column: level code per person (-1 missing) */
    char **group_levels[PRC_MAX_GROUPS];
    size_t group_n_levels[PRC_MAX_GROUPS];
} prc_cohort;

/** Validate the table against the spec into *c (free with prc_cohort_free). */
core_status prc_cohort_load(const core_config *cfg, const prc_cohort_spec *s, const core_table *t, prc_cohort *c,
                            core_err *err);
void prc_cohort_free(prc_cohort *c);

/** The cohort's rows at confidence conf. */
core_status prc_cohort_analyse(const prc_cohort_spec *s, const prc_cohort *c, double conf, core_results *res,
                               core_err *err);

/* ---------------- [equity] ---------------- */

#define PRC_MAX_ADJUST 8

typedef struct prc_equity_spec {
    const char *group;          /**< the users' characteristic compared with the reference population */
    const char *outcome;        /**< optional 0/1 outcome column for outcome equity */
    const char *adjust[PRC_MAX_ADJUST]; /**< other characteristics for the adjusted comparison */
    size_t n_adjust;
    char **adjust_list;         /**< owns the adjust names */
    const char *reference_group; /**< the comparison group for outcome equity; default the largest group */
    const char *label;
} prc_equity_spec;

core_status prc_equity_spec_from_config(const core_config *cfg, prc_equity_spec *s, core_err *err);
void prc_equity_spec_free(prc_equity_spec *s);

/** Validate the users' table against the reference population without analysing (for `ipseval check`). */
core_status prc_equity_check(const core_config *cfg, const prc_equity_spec *s, const core_table *t,
                             const core_table *ref, core_err *err);

/**
 * Representation of each group among users (table t, column spec->group) against the reference population
 * (table ref: columns `group` and either `count` or `share`, optional `source`), the goodness-of-fit test,
 * and outcome equity between groups (unadjusted and adjusted by logistic regression). ref_name is the
 * reference file as written in the config, for messages.
 */
core_status prc_equity_analyse(const core_config *cfg, const prc_equity_spec *s, const core_table *t,
                               const core_table *ref, double conf, core_results *res, core_err *err);

/* ---------------- [workforce] ---------------- */

typedef struct prc_workforce_spec {
    const char *person, *site, *start, *end; /**< columns; end empty = still employed */
    long followup_start;      /**< days since 1970-01-01; person-time before it is not counted; LONG_MIN: none */
    long followup_end;        /**< days since 1970-01-01 */
    double benchmark_rate;    /**< leavers per 100 person-years; NaN when absent */
    const char *benchmark_source;
} prc_workforce_spec;

core_status prc_workforce_spec_from_config(const core_config *cfg, prc_workforce_spec *s, core_err *err);

/** One employment spell. */
typedef struct prc_spell {
    long start, stop;  /**< days since 1970-01-01; stop = end date or the follow-up end */
    int left;          /**< 1 when the person left before the follow-up end */
    int site;          /**< index into site levels */
} prc_spell;

typedef struct prc_workforce {
    size_t n;
    prc_spell *spell;
    char **sites;      /**< site names (owned) */
    size_t n_sites;
    long n_people;     /**< distinct persons */
} prc_workforce;

core_status prc_workforce_load(const core_config *cfg, const prc_workforce_spec *s, const core_table *t,
                               prc_workforce *w, core_err *err);
void prc_workforce_free(prc_workforce *w);

/** Turnover per 100 person-years overall, by site and by calendar year, against the benchmark; time in post. */
core_status prc_workforce_analyse(const prc_workforce_spec *s, const prc_workforce *w, double conf,
                                  core_results *res, core_err *err);

/* ---------------- synthetic data ---------------- */

/** A single-service cohort (columns id, days_to_job, got_job, support_days, ethnicity, sex, diagnosis, age). */
typedef struct prc_sim_cohort_opts {
    long n;                  /**< people (539 in the UK routine-practice study) */
    double p_job;            /**< share who get a job within follow-up (0.462) */
    double median_days;      /**< median days to a job among those who get one (132) */
    double median_support;   /**< median days of in-work support (146) */
    double support_limit;    /**< days beyond which support counts as long (365, assumed) */
    double share_over_limit; /**< share of those supported beyond the limit (0.153 = 1 - 0.847) */
} prc_sim_cohort_opts;

core_status prc_simulate_cohort(const prc_sim_cohort_opts *o, gsl_rng *rng, core_table **out, core_err *err);

/** Employment specialists' spells (columns person, site, start, end): each post is refilled after a vacancy. */
typedef struct prc_sim_workforce_opts {
    long sites, posts;       /**< sites and posts per site */
    long first_year, years;  /**< follow-up from 1 January of first_year for `years` years */
    double rate;             /**< true leavers per 100 person-years */
} prc_sim_workforce_opts;

core_status prc_simulate_workforce(const prc_sim_workforce_opts *o, gsl_rng *rng, core_table **out, core_err *err);

#endif
