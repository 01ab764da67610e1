/**
 * @file fid.h
 * @brief Fidelity reviews and survey scales: scales (IPS-25 built in, others from [scale:NAME]),
 *        scoring with validation, consensus of raters, agreement between raters, trends across
 *        review rounds, the items that hold a site back, the fidelity–outcome link across sites,
 *        and a simulator of reviews.
 *
 * The data are one row per (site, review, rater) with one column per item ([fidelity], SPEC §2).
 * Three layouts: no rater column (one row per review); raters (two or more rows per review, plus
 * an optional consensus row whose scores win); respondents (survey: one row per person, reviews
 * are survey phases and scores are averaged over people). Everything is appended to a
 * core_results as SPEC §4 rows of module "fidelity"; undefined numbers are NaN with the reason in
 * `label`. Method references: docs/methods.md (fidelity); statistics in stats/st_agree.h.
 */
#ifndef IPSEVAL_FID_H
#define IPSEVAL_FID_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

#include "core/core_config.h"
#include "core/core_error.h"
#include "core/core_results.h"
#include "core/core_table.h"
#include "stats/st_agree.h"

/** The keys of [fidelity], [scale:NAME] and [agreement] (fidelity/fid_keys.c). */
extern const core_cfg_key fid_fidelity_keys[];
extern const core_cfg_key fid_scale_keys[];
extern const core_cfg_key fid_agreement_keys[];

/* ------------------------------------------------------------------ scales ---- */

typedef enum fid_score_kind { FID_SCORE_SUM = 0, FID_SCORE_MEAN } fid_score_kind;

/** A score band: totals at or above `lower` (and below the next band up) get `label`. */
typedef struct fid_band {
    double lower;
    char *label;
} fid_band;

/** One item of a scale. */
typedef struct fid_item {
    char *name;     /**< short name, also the data column (e.g. "S1") */
    char *label;    /**< full name (e.g. "Caseload size"), or NULL */
    long section;   /**< index into the scale's sections, -1 when the scale has none */
    int reverse;    /**< 1: scored as min + max - value */
    char **anchors; /**< max - min + 1 texts, anchors[v - min] for value v; NULL entries are unknown */
} fid_item;

/** A scale: items, range, scoring rule, bands. Owned by whoever filled it; free with fid_scale_free. */
typedef struct fid_scale {
    char *name;          /**< e.g. "ips25" */
    char *title;         /**< e.g. "IPS-25 Supported Employment Fidelity Scale (2008)" */
    fid_item *items;
    size_t n_items;
    char **sections;
    size_t n_sections;
    int min, max;        /**< item range (whole numbers) */
    fid_score_kind score;
    size_t min_answered; /**< fewer answered items: the total is missing (and said so) */
    int prorate;         /**< 1: a sum with missing items is scaled up to all items (only when asked) */
    fid_band *bands;     /**< highest first */
    size_t n_bands;
    int builtin;         /**< 1: starts from a built-in definition */
    char *anchors_file;  /**< the anchors file as the config names it (anchors = ...), or NULL */
} fid_scale;

/** Names of the built-in scales, NULL-terminated ("ips25"). */
extern const char *const fid_builtin_scales[];

/**
 * The scale `name`: a built-in scale (refined by a [scale:NAME] section when there is one: bands,
 * min_answered, prorate, title) or one defined by [scale:NAME] (items, min, max, reverse, score,
 * min_answered, bands, sections, prorate, title). Errors name the config key and what is valid;
 * an unknown item in reverse or sections, bands not strictly decreasing, min_answered above the
 * number of items are CORE_ERR_CONFIG. Free *out with fid_scale_free.
 */
core_status fid_scale_load(const core_config *cfg, const char *name, const char *where, fid_scale *out,
                           core_err *err);

/** The IPS-25 as built in (Becker, Swanson, Bond & Merrens 2008; DOMAIN.md §3.1). */
core_status fid_scale_ips25(fid_scale *out, core_err *err);

/**
 * Item texts from a table with columns item, score, text (the file of `anchors =` in [scale:NAME]):
 * a row with a score sets that anchor, a row with an empty score sets the item's label. Unknown
 * items, scores outside the range and empty texts are CORE_ERR_DATA naming file:row:column.
 */
core_status fid_scale_set_texts(fid_scale *s, const core_table *t, core_err *err);

void fid_scale_free(fid_scale *s);

/** The band label of a total, or NULL when the scale has no bands or the total is NaN. */
const char *fid_scale_band(const fid_scale *s, double total);

/** Index of item `name` (case-insensitive), or -1. */
long fid_scale_item(const fid_scale *s, const char *name);

/* ---------------------------------------------------------------- the data ---- */

typedef enum fid_layout { FID_LAYOUT_SINGLE = 0, FID_LAYOUT_RATERS, FID_LAYOUT_RESPONDENTS } fid_layout;

/** How a review's item scores were obtained. */
typedef enum fid_method { FID_SINGLE = 0, FID_CONSENSUS_ROW, FID_MEAN_OF_RATERS, FID_MEAN_OF_RESPONDENTS } fid_method;

/** Names of fid_method for the results' `method` column. */
extern const char *const fid_method_names[];

/** The [fidelity] section. Strings are borrowed from the config. */
typedef struct fid_spec {
    const char *site, *review, *rater, *respondent;
    const char *reference_phase; /**< survey phase the phase model compares with (default: the first) */
    long bootstrap;              /**< cluster-bootstrap resamples of reviews for the item kappas (0: none) */
    const char *consensus;       /**< rater value that marks the consensus row (default "consensus") */
    long min_raters;             /**< raters layout: fewer raters in a review is an error (default 2) */
    fid_layout layout;
    st_kappa_variance kappa_variance;
    const fid_scale *scale;      /**< borrowed */
} fid_spec;

/** Read [fidelity] (not the scale, not the data). */
core_status fid_spec_from_config(const core_config *cfg, fid_spec *spec, core_err *err);

/** One review: a site at one review round (a survey phase for respondents). */
typedef struct fid_review {
    const char *site, *round;    /**< borrowed from fid_data's lists */
    size_t site_ix, round_ix;
    size_t n_raters;             /**< rows of raters (or respondents), the consensus row not counted */
    size_t *rows;                /**< table rows of those raters, raters sorted by name */
    const char **rater_names;    /**< borrowed from the table's cells (via fid_data's copies) */
    long consensus_row;          /**< -1: none */
    fid_method method;
    double *item;                /**< n_items scored item values (NaN: missing) */
    double *section;             /**< n_sections */
    double total;                /**< NaN when missing (note says why) */
    double total_sd;             /**< respondents: SD of respondents' totals; else NaN */
    size_t total_n;              /**< respondents with a total; else raters */
    size_t answered;             /**< items with a score */
    char note[300];              /**< how the total came about, or why it is missing */
} fid_review;

/** Scored data. Free with fid_data_free. */
typedef struct fid_data {
    const fid_spec *spec;
    const fid_scale *scale;
    const core_table *table;     /**< borrowed (fid_data_free does not touch it: it may be freed first) */
    size_t n_rows;               /**< the table's rows */
    size_t *item_col;            /**< table column of each item */
    double *scored;              /**< n_rows x n_items scored values (NaN: missing) */
    double *row_total;           /**< per row (NaN: below min_answered) */
    size_t *row_answered;
    char **row_rater;            /**< per row: rater or respondent text (NULL in the single layout) */
    int *row_consensus;          /**< per row: 1 for a consensus row */
    fid_review *reviews;         /**< ordered by site (first appearance) then round */
    size_t n_reviews;
    char **sites, **rounds;      /**< distinct sites (first appearance) and rounds (chronological) */
    size_t n_sites, n_rounds;
} fid_data;

/**
 * Validate the table against spec and scale and score it. Errors (CORE_ERR_DATA naming
 * file:row:column, or CORE_ERR_CONFIG naming the key): a missing column, an empty site, review or
 * rater, a score that is not a whole number or is outside [min, max], a row with no item scored,
 * a duplicate (site, review, rater) row (both rows named), a review with fewer than min_raters raters.
 * cfg is used for messages about columns only.
 */
core_status fid_data_load(const core_config *cfg, const fid_spec *spec, const core_table *t, fid_data *out,
                          core_err *err);
void fid_data_free(fid_data *d);

/* ------------------------------------------------------------------ results ---- */

/** item_score, section_score and total_score per review; total_score per site over reviews (timepoint "all"). */
core_status fid_rows_scores(const fid_data *d, double conf, core_results *res, core_err *err);

/** total_change per review since the site's first, and items_to_improve (at or below the scale's midpoint
 *  at the site's latest review, lowest first, with the next anchor's text). */
core_status fid_rows_trends(const fid_data *d, core_results *res, core_err *err);

/** Raters layout: icc on totals, kappa (three weightings) and fleiss_kappa on item ratings, item_agreement. */
core_status fid_rows_agreement(const fid_data *d, double conf, core_results *res, core_err *err);

/**
 * Raters layout: the pooled item kappas of each rater pair (three weightings) with a standard error and percentile
 * interval from B cluster-bootstrap resamples of whole reviews (rows `kappa`, method `<weights>_cluster_bootstrap`),
 * drawing from rng. B == 0 or rng NULL: nothing.
 */
core_status fid_rows_agreement_clustered(const fid_data *d, double conf, size_t B, gsl_rng *rng, core_results *res,
                                         core_err *err);

/** cronbach_alpha of the items over reviews (respondents), with alpha if item deleted. */
core_status fid_rows_alpha(const fid_data *d, double conf, core_results *res, core_err *err);

/** Respondents layout: phase_change, paired t of respondents' scores from the first to the last phase. */
core_status fid_rows_phase_change(const fid_data *d, double conf, core_results *res, core_err *err);

/**
 * Respondents layout with two or more phases (fidelity/fid_phases.c): phase_response (who answered each phase) and
 * phase_model, for the total and each item: a linear mixed model over every answer (phase as a factor, a random
 * intercept per respondent = the same name at the same site, REML), each phase against the reference phase
 * (spec->reference_phase, default the first) with Satterthwaite df, Holm-adjusted across the items.
 * CORE_ERR_CONFIG when reference_phase is not a phase of the data.
 */
core_status fid_rows_phase_model(const fid_data *d, double conf, core_results *res, core_err *err);

/** A ratings table for [agreement]. */
typedef struct fid_ratings {
    const core_table *table;     /**< borrowed */
    const size_t *cols;          /**< rater columns */
    const char *const *names;    /**< their names (as in the config) */
    size_t k;
    const double *categories;    /**< NULL: the observed values */
    size_t n_categories;
    const char *outcome;         /**< results' outcome column, e.g. "rating" */
    st_kappa_variance kappa_variance;
} fid_ratings;

/** icc (six forms over complete targets), kappa for every pair of raters (pairwise complete),
 *  fleiss_kappa when k > 2. Non-numeric ratings are CORE_ERR_DATA naming the cell; fewer than 2
 *  complete targets is CORE_ERR_DATA. */
core_status fid_ratings_agreement(const fid_ratings *r, double conf, core_results *res, core_err *err);

/** One site's trial counts for the fidelity–outcome link: with the outcome / analysed, per arm. */
typedef struct fid_site_outcome {
    const char *site;
    long x1, n1;       /**< intervention arm */
    long x0, n0;       /**< control arm */
} fid_site_outcome;

/** What the link relates fidelity to: the site's effect (x1/n1 - x0/n0, weight n1 + n0) or its intervention
 *  arm's rate (x1/n1, weight n1). The rows' term names it: the trial's name of its effect measure (the caller
 *  gives it: the trial module owns the name) or "rate". */
typedef enum fid_link_measure { FID_LINK_EFFECT = 0, FID_LINK_RATE } fid_link_measure;

/**
 * fidelity_outcome rows: per site (method site_data; the counts travel in the row's `counts`), Spearman's rho
 * between the site's mean fidelity total and its outcome (exact p), and the weighted line (weights =
 * participants). outcome/timepoint name the trial outcome, effect_name the measure (the rows' term with
 * FID_LINK_EFFECT), treatment/control its arms (for the labels). Sites
 * without fidelity reviews are left out and named in the label; fewer than 3 matched sites gives rows that say so.
 */
core_status fid_rows_link(const fid_data *d, const fid_site_outcome *so, size_t n_so, const char *outcome,
                          const char *timepoint, fid_link_measure measure, const char *effect_name,
                          const char *treatment, const char *control, double conf, core_results *res, core_err *err);

/* --------------------------------------------------------------- simulator ---- */

/** Options of the review simulator (DOMAIN.md §8). */
typedef struct fid_sim_opts {
    long sites;              /**< sites, named "County A", "County B", ... as the trial simulator */
    long rounds;             /**< yearly review rounds (reviews numbered 1..rounds) */
    double start_total;      /**< mean IPS-25 total at the first round (about 80) */
    double end_total;        /**< mean total at the last round (about 100) */
} fid_sim_opts;

/** IPS-25 reviews: per site and round two raters ("A", "B") and their consensus row. New table (caller frees). */
core_status fid_simulate(const fid_sim_opts *o, gsl_rng *rng, core_table **out, core_err *err);

/** Options of the survey simulator. */
typedef struct fid_sim_survey_opts {
    long sites;      /**< teams, named "County A", ... */
    long per_site;   /**< respondents per team (the same people in every phase) */
    long phases;     /**< survey phases 1..phases */
    long items;      /**< items q1..q<items>, 1-5; q3 and q7 negatively worded */
    double change;   /**< rise of the latent level per phase */
} fid_sim_survey_opts;

/** A panel survey (team, phase, person, q1..): assumed structure, see fid_simulate.c. New table (caller frees). */
core_status fid_simulate_survey(const fid_sim_survey_opts *o, gsl_rng *rng, core_table **out, core_err *err);

#endif
