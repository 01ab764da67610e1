/**
 * @file meta.h
 * @brief Meta-analysis of published studies ([meta] section): the study table read and checked,
 *        study effects, pooled effects by every configured method, heterogeneity, prediction
 *        intervals, leave-one-out, cumulative meta-analysis by year and a meta-regression on one
 *        study-level covariate, written as SPEC §4 rows (module "meta").
 *
 * The mathematics is in stats/st_meta.h; this module turns the configured columns into study
 * effects, decides which studies enter (and says why any do not), and names the rows.
 */
#ifndef IPSEVAL_META_H
#define IPSEVAL_META_H

#include <stddef.h>

#include "core/core_config.h"
#include "core/core_error.h"
#include "core/core_results.h"
#include "core/core_table.h"
#include "stats/st_meta.h"

/** The keys of [meta] (meta/meta_keys.c): name, type, default, range, help. */
extern const core_cfg_key meta_keys[];

/** Pooling methods of the `method` key, in SPEC order. */
typedef enum meta_method { META_FIXED = 0, META_MH, META_DL, META_REML, META_ML, META_PM, META_N_METHODS } meta_method;

/** The [meta] section. Strings are owned by the spec (meta_spec_free). */
typedef struct meta_spec {
    st_meta_measure measure;
    char *outcome;                    /**< `outcome` key: the results' outcome column ("" when not given) */
    char *study, *year;               /**< columns; year optional (cumulative order) */
    char *events_t, *n_t, *events_c, *n_c;   /**< binary measures */
    char *mean_t, *sd_t, *mean_c, *sd_c;     /**< MD, SMD (with n_t, n_c) */
    char *yi, *vi, *se;               /**< generic: the effect and its variance, or its standard error */
    char *moderator, *moderator_level;/**< meta-regression covariate (optional); level: an indicator of it */
    char **exclude;                   /**< study names left out on purpose (NULL-terminated) */
    size_t n_exclude;
    meta_method methods[META_N_METHODS]; /**< in the order configured; the first is the primary method */
    size_t n_methods;
    int knapp_hartung;                /**< default yes: random-effects rows also as <method>_hk */
    double confidence;
    /* Federated pooling: other runs' results files instead of a study table (`results` key). */
    char **results;                   /**< paths as written (NULL-terminated); n_results = 0 without */
    size_t n_results;
    char *results_analysis, *results_method, *results_term, *results_timepoint; /**< which row is each file's effect */
} meta_spec;

/** Read [meta]; confidence: the run's [project] confidence (read by the caller). Checks names and combinations,
 *  not the data. */
core_status meta_spec_from_config(const core_config *cfg, double confidence, meta_spec *spec, core_err *err);
void meta_spec_free(meta_spec *spec);

/** One row of the study table. */
typedef struct meta_study {
    char *name;
    long line;            /**< source line in the data file */
    double yi, vi;        /**< analysis scale (log for RR/OR); NaN when excluded before an effect exists */
    double a, n1, c, n0;  /**< binary counts (NaN for other measures) */
    double year;          /**< NaN when no year column */
    double x;             /**< numeric moderator, or the indicator of moderator_level; NaN when none */
    char *x_level;        /**< categorical moderator level (NULL when numeric or none) */
    int corrected;        /**< 1: 0.5 added to every cell (zero cell) */
    const char *excluded; /**< NULL when included, else why it is left out (static text or "exclude") */
} meta_study;

/** The study table: every data row, included or not. */
typedef struct meta_studies {
    meta_study *s;
    size_t n;             /**< rows */
    size_t k;             /**< included */
    int moderator_numeric;/**< 1 numeric moderator (or indicator), 0 categorical, -1 none */
    int log_scale;        /**< 1: effects are log ratios (federated ratio rows); reported as ratios */
} meta_studies;

/**
 * Check the table against the spec and compute each study's effect. Errors name file:row:column:
 * a missing or non-numeric cell, counts that are not whole numbers or events above n, a negative
 * or zero variance, a duplicate study name; a name in `exclude` that is no study is a config error
 * with the nearest name. Studies with no events (or only events) in both arms are excluded and
 * said (meta_study.excluded), as are those named in `exclude`.
 * Free with meta_studies_free.
 */
core_status meta_studies_build(const core_config *cfg, const meta_spec *spec, const core_table *t, meta_studies *out,
                               core_err *err);
void meta_studies_free(meta_studies *st);

/**
 * Federated pooling (DOMAIN-models §5; no microdata moves): one study per results file of another ipseval run
 * (SPEC §4 columns), its effect the single row with analysis = results_analysis (and method, term, timepoint and
 * outcome when configured: results_method, results_term, results_timepoint, [meta] outcome); yi = estimate,
 * vi = se^2, or yi = log(estimate)
 * for ratio analyses (risk_ratio, odds_ratio, hazard_ratio, or a pooled rr/or), which are then reported as ratios.
 * names[i] names study i (the path as the config writes it). Errors name the file, row and column: no or several
 * matching rows (with what would narrow them), a missing or non-positive SE, a file that is not a results file.
 */
core_status meta_studies_from_results(const meta_spec *spec, const core_table *const *tables, const char *const *names,
                                      size_t n, meta_studies *out, core_err *err);

/** The analysis-scale term of the measure in results rows: "rr", "or", "rd", "md", "smd", "effect". */
const char *meta_measure_term(st_meta_measure m);

/** Method name in results rows: "fixed", "mh", "dl", "reml", "ml", "pm". */
const char *meta_method_name(meta_method m);

/**
 * Analyse the included studies: study_effect (and study_weight, the primary method's weights in
 * percent), pooled, heterogeneity and prediction_interval for every method (random-effects methods
 * also as <method>_hk with Knapp–Hartung), leave_one_out and cumulative (by year when given) for the
 * primary method, meta_regression when a moderator is configured. Rows are appended to res.
 * @return CORE_ERR_ANALYSIS for no included study, a random-effects method with fewer than two,
 *         Mantel–Haenszel with a non-binary measure is caught by meta_spec_from_config.
 */
core_status meta_analyse(const meta_spec *spec, const meta_studies *st, core_results *res, core_err *err);

/** Warning text when the number of included studies is small for random effects (k < 5), else NULL. */
const char *meta_few_studies_warning(size_t k);

/**
 * Whether the included studies can be pooled by the configured methods (also in check-only mode):
 * CORE_ERR_ANALYSIS naming the [meta] key when no study is left, or a random-effects method has fewer than two.
 * *warning: meta_few_studies_warning when a random-effects method pools few studies, else NULL.
 */
core_status meta_check(const core_config *cfg, const meta_spec *spec, const meta_studies *st, const char **warning,
                       core_err *err);

#endif
