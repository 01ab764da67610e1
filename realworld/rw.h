/**
 * @file rw.h
 * @brief The real-world (registry) effect: person-period panels from a [registry] section,
 *        employment spells aggregated into workdays per person-year, two-way fixed-effects
 *        difference-in-differences with every inference for few clusters, randomisation inference
 *        over placebo clusters, Conley-Taber intervals, synthetic control, the event study with its
 *        pre-trend test, and the simulator of a registry panel calibrated to the Bodø design.
 *
 * Models: ../shared/DOMAIN-models.md §4; result names: SPEC §4 (module `did`). The estimators are in
 * stats/ (st_twfe.h, st_cluster.h, st_wild.h, st_synth.h); this module knows the design: units in
 * clusters over consecutive periods, a treatment that switches on in some clusters.
 *
 * Ownership: every `_load`/`_from_config`/`_simulate` fills a struct or returns a table the caller
 * frees with the matching `_free` (or core_table_free). Nothing here prints.
 */
#ifndef IPSEVAL_RW_H
#define IPSEVAL_RW_H

#include <gsl/gsl_rng.h>
#include <stddef.h>
#include <time.h>

#include "core/core_config.h"
#include "core/core_error.h"
#include "core/core_progress.h"
#include "core/core_results.h"
#include "core/core_table.h"

/** The keys of [registry] and [compare] (realworld/rw_keys.c): name, type, default, range, help. */
extern const core_cfg_key rw_registry_keys[];
extern const core_cfg_key rw_compare_keys[];

/** Inference methods of [registry] inference. */
typedef enum rw_inference {
    RW_INF_CLASSICAL = 0,
    RW_INF_CR1,
    RW_INF_CR1_AREG,
    RW_INF_CR1_XTREG,
    RW_INF_CR1_GONLY,
    RW_INF_CR2,
    RW_INF_WILD,
    RW_INF_RI,
    RW_INF_COUNT
} rw_inference;

/** The config words of rw_inference, in order. */
extern const char *const rw_inference_names[RW_INF_COUNT + 1];

/** The [registry] section. Strings are owned copies. */
typedef struct rw_spec {
    char *unit, *time, *cluster, *treatment;
    char **outcomes;          /**< outcome = a, b, c: analysed in turn */
    size_t n_outcomes;
    char **fixed_effects;     /**< column names (default: unit, time) */
    size_t n_fe;
    char **controls;
    size_t n_controls;
    int inference[RW_INF_COUNT]; /**< 1 = requested */
    int synthetic_control;
    long bootstrap;           /**< wild-bootstrap draws (and cap on randomisation assignments) */
    int webb;                 /**< weights = webb */
    int cs_notyet;            /**< control_group = notyet (staggered adoption; default never) */
    int cs_universal;         /**< base_period = universal (default varying) */
    int has_event;            /**< event_time given */
    long event_lo, event_hi;
    double *nulls;            /**< null_values: extra H0 values for the wild bootstrap */
    size_t n_nulls;
    int has_spells;
    char *spell_unit, *spell_start, *spell_end, *spell_share;
    double confidence;        /**< the run's [project] confidence */
} rw_spec;

/** Read [registry]; confidence: the run's [project] confidence (read by the caller). Errors name file:line and
 *  the key. */
core_status rw_spec_from_config(const core_config *cfg, double confidence, rw_spec *s, core_err *err);
void rw_spec_free(rw_spec *s);

/** A validated panel: rows with every needed value, indices dense from 0. */
typedef struct rw_panel {
    size_t n;                 /**< observations used */
    size_t n_rows_read, n_dropped; /**< rows in the file; rows dropped for missing values */
    int *unit, *period, *cluster; /**< per observation */
    size_t U, T, G;
    long period0;             /**< calendar value of period 0 (e.g. 2010) */
    int **fe;                 /**< per fixed-effect column: level per observation */
    size_t *fe_levels;
    size_t n_fe;
    double *d;                /**< treatment */
    double *x;                /**< controls, column-major n x n_controls */
    double *y;                /**< outcomes, column-major n x n_outcomes (NaN where missing) */
    size_t *row;              /**< table row of each observation (for messages); NULL: row k is table row k */
    char **cluster_name;      /**< G names */
    char **unit_key;          /**< U unit ids as text (for matching spells); built only when the spec has spells */
    int *cluster_treated;     /**< G: treatment non-zero somewhere in the cluster */
    int *cluster_first;       /**< G: first period with non-zero treatment, -1 never */
    size_t G1;                /**< treated clusters */
    int cluster_level;        /**< 1: binary treatment = 1{cluster treated and period >= its first} for every row */
    int common_timing;        /**< 1: every treated cluster starts in the same period */
    int d_pages, y_pages;     /**< d, y from core_alloc_pages (n and n x n_outcomes doubles), else malloc; unit,
                                   period, cluster and fe[] always from core_alloc_pages (n ints): rw_panel_free */
    size_t n_y;               /**< outcome columns of y (for freeing it) */
} rw_panel;

/**
 * Validate and index the panel: the columns the spec names exist; time is a whole number with
 * consecutive periods (a period missing from the whole panel is an error: "a time column with gaps");
 * no (unit, time) twice; a unit in one cluster only; the treatment varies. Rows missing a needed value
 * are dropped and counted (an outcome's missing values only drop the row for that outcome).
 * When spells give the outcome (has_spells), the outcome columns need not exist: rw_spells_apply fills them.
 */
core_status rw_panel_load(const core_config *cfg, const rw_spec *s, const core_table *t, rw_panel *p,
                          core_err *err);
/** As rw_panel_load, but the panel may take the table's treatment and outcome arrays instead of copying them
 *  (every row used, one outcome): afterwards t may only be freed. The panel is the same. */
core_status rw_panel_load_take(const core_config *cfg, const rw_spec *s, core_table *t, rw_panel *p,
                               core_err *err);
void rw_panel_free(rw_panel *p);

/** What the spell aggregation saw. */
typedef struct rw_spell_info {
    long spells, used, other_units, outside_years, open_ended;
    long rows;                /**< data rows read */
} rw_spell_info;

/**
 * Aggregate employment spells (unit, start date, end date, percent of full time; ISO dates
 * YYYY-MM-DD) into workdays per person-year and store them as outcome 0 of the panel. A workday is a
 * Monday-Friday; each day counts min(1, sum of the shares of the spells covering it), so overlapping
 * spells are merged and a year is capped at its weekdays. Streaming: a file grouped by unit (as registry
 * extracts are) is aggregated unit by unit in one pass, holding one unit's spells; otherwise in passes over
 * batches of units, so memory does not grow with the number of spells (docs/performance.md).
 * An empty end date is an ongoing spell (to `today`). Errors name file:line:column: end before start,
 * a date after `today`, a share outside (0, 100], a malformed date.
 */
core_status rw_spells_apply(const core_config *cfg, const rw_spec *s, const char *path, const char *display,
                            time_t today, rw_panel *p, rw_spell_info *info, core_err *err);

/** Workdays (Monday-Friday) from day a to day b inclusive (days since 1970-01-01); exposed for tests. */
long rw_weekdays(long a, long b);

/** Days since 1970-01-01 of an ISO date "YYYY-MM-DD"; 0 on success, -1 when malformed. */
int rw_parse_date(const char *s, long *days);

/** Options of the analysis beyond the spec. */
typedef struct rw_opts {
    gsl_rng *rng;                 /**< the run's generator (wild draws, sampled assignments) */
    const core_progress *progress;
} rw_opts;

/** Facts for messages and the workbook verdict. */
typedef struct rw_summary {
    size_t G, G1;
    int wild_one_treated;         /**< the wild bootstrap was asked with one treated cluster */
    char verdict[1024];
} rw_summary;

/**
 * Every analysis the spec asks for, for every outcome, appended to res as module "did" rows:
 * panel_summary, twfe (per method), randomization_inference (inference = ri), synthetic_control
 * (synthetic_control = yes), event_study and pretrend_test (event_time given). Degenerate statistics are
 * rows with a reason in `label`.
 */
core_status rw_analyse(const rw_spec *s, const rw_panel *p, const rw_opts *o, core_results *res, rw_summary *sum,
                       core_err *err);

/** Options of the registry simulator ([simulate] registry_* keys). */
typedef struct rw_sim_opts {
    long persons;             /**< persons in the panel (default 2,000; the benchmark uses 77,000) */
    long clusters;            /**< municipalities (default 11) */
    long treated;             /**< treated municipalities (default 1) */
    long first_year, last_year, exposure_year; /**< 2010, 2019, 2015 */
    double effect_scale;      /**< multiplies the true effect path (1 = +5.6 average, +10.5 at year 3; 0 = null) */
    double shock_sd;          /**< sd of municipality-year shocks in workdays (default 2.3) */
    int equal_sizes;          /**< 1: equal municipality sizes (default: unequal) */
    int rollout;              /**< 1: the national roll-out: `treated` counties adopt in turn from exposure_year to
                                   last_year (see rw_sim_adoption); the rest never do */
} rw_sim_opts;

/** The roll-out design's adoption year of cluster g (0-based): of the `treated` adopting clusters the first
 *  four (or all, when fewer) start in exposure_year, cluster g >= 4 in exposure_year + 1 +
 *  floor((g - 4) (last_year - exposure_year) / (treated - 4)), at most last_year; -1: never (g >= treated).
 *  Without rollout: exposure_year for g < treated. */
long rw_sim_adoption(const rw_sim_opts *o, long g);

/** The true effect (workdays) in relative year k >= 0 after exposure, effect_scale = 1. */
double rw_sim_true_effect(long k);

/**
 * Simulate a registry panel (person, municipality, year, age, treated, workdays, benefit_days,
 * gp_visits; with rollout the clusters are counties, adopting at rw_sim_adoption and the effect following
 * rw_sim_true_effect in the years since each county's own start) and, if spells is not NULL, the employment spells that aggregate exactly to `workdays`.
 * Synthetic, from rng; the true effect on workdays is additive in expectation. Tables owned by caller.
 */
core_status rw_simulate(const rw_sim_opts *o, gsl_rng *rng, core_table **panel, core_table **spells, core_err *err);

#endif
