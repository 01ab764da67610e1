/**
 * @file rpt.h
 * @brief Outputs of a run: the tidy results CSV (SPEC §4) and the workbook (SPEC §5).
 *
 * Both are written atomically: to a temporary file in the destination directory, then renamed
 * into place, so a failed run leaves the previous output intact. reports/ reads result rows
 * and run metadata; it computes no statistics.
 */
#ifndef IPSEVAL_RPT_H
#define IPSEVAL_RPT_H

#include <stddef.h>
#include <time.h>

#include "core/core_atomic.h"
#include "core/core_error.h"
#include "core/core_results.h"

/** One input file of the run, for the Provenance sheet. */
typedef struct rpt_input {
    const char *role;     /**< config section that named it, e.g. "trial" */
    const char *path;     /**< as written in the config */
    char sha256[65];      /**< lower-case hex digest */
    long rows, cols;      /**< data rows and columns read (-1 if not a table) */
} rpt_input;

/** The two arms of a trial, so sheets can put intervention before control. */
typedef struct rpt_trial_info {
    const char *arm_column;
    const char *treatment;    /**< level text of the intervention arm */
    const char *control;      /**< level text of the control arm */
    const char *primary;      /**< name of the primary outcome, or NULL */
    const char *primary_timepoint; /**< its primary timepoint (`primary_timepoint`), or NULL: the last one */
    const char *time_unit;    /**< plural unit of numeric timepoints for sentences; NULL = "months" */
} rpt_trial_info;

/** Outcome labels for display (outcome NAME -> human label). */
typedef struct rpt_outcome_label {
    const char *name;
    const char *label;
    const char *type;         /**< "binary", "continuous", "time_to_event" */
} rpt_outcome_label;

/** The fidelity scale, so the Fidelity sheet can name items and sections (fidelity/fid.h fills it). */
typedef struct rpt_fidelity_info {
    const char *scale;            /**< scale name: the `outcome` of total_score rows */
    const char *title;
    size_t n_items;
    const char *const *items;     /**< short names in scale order: the `outcome` of item_score rows */
    const char *const *labels;    /**< full names (NULL entries: none) */
    const char *const *sections;  /**< per item: its section, or NULL */
    const char *const *anchors;   /**< item j's anchor text of the level that scores v (a reverse item's raw
                                       value counts down): anchors[j * (max - min + 1) + v - min] (NULL: the scale
                                       has none for it); NULL: no anchors at all */
    const char *anchors_file;     /**< the anchors file as the config names it, or NULL */
    int min, max;                 /**< item range (the heat map's colour scale) */
    int respondents;              /**< 1: a survey (scores are means over respondents) */
    int mean_total;               /**< 1: the total is the mean of the items (min..max), else their sum */
    size_t n_bands;               /**< score bands, highest first */
    const double *band_lower;
    const char *const *band_labels;
} rpt_fidelity_info;

/** The workbook's language ([project] language): every word the workbook writes comes from the message table
 *  (reports/rpt_msg.h) in this language; result vocabulary (results.csv and the Results sheet's rows) stays English. */
typedef enum rpt_lang { RPT_LANG_EN = 0, RPT_LANG_NB = 1 } rpt_lang;

/** Everything about the run the report shows besides the result rows. */
typedef struct rpt_run {
    const char *title;
    const char *version;
    const char *command;       /**< the subcommand, e.g. "run" */
    const char *const *sheet_modules; /**< NULL: the sheets of every module with rows; else only these modules'
                                           (a single-module subcommand: `ipseval cba` writes no trial sheets) */
    const char *command_line;  /**< how to rerun it: "ipseval run demo.ini --seed 7" (output paths left out, so a
                                    rerun into other files is byte-identical); NULL: from command */
    const char *config_path;
    const char *config_text;   /**< the whole config file as read */
    char config_sha256[65];
    char results_sha256[65];   /**< SHA-256 of the results CSV written with this workbook, so a reader can tell the
                                    pair belongs together; "" when there is none */
    const rpt_input *inputs;
    size_t n_inputs;
    unsigned long seed;
    int has_seed;
    double confidence;         /**< e.g. 0.95 */
    const char *currency;      /**< ISO 4217, e.g. "NOK" */
    int small_cell;            /**< >0: counts below it shown as "<k" */
    time_t started;            /**< run time shown in Provenance; also the document's created time */
    int synthetic;             /**< 1 when the data are synthetic examples: said on Summary */
    const rpt_trial_info *trial;             /**< NULL when the run has no trial */
    const rpt_outcome_label *outcomes;
    size_t n_outcomes;
    /** Names for people of the data's columns (covariates, subgroups, baselines): [trial] labels, a Stata/SPSS
     *  variable label (type NULL), or an outcome's label for its baseline column (type "baseline": "<label> at
     *  baseline"); rpt_words looks them up. */
    const rpt_outcome_label *variables;
    size_t n_variables;
    const char *registry_time; /**< [registry] time: the panel's period column ("year"), or NULL */
    const struct cba_run_info *cba;          /**< cost-benefit spec and result (cba/cba.h); NULL without [cba] */
    const rpt_fidelity_info *fidelity;       /**< NULL without [fidelity] */
    const struct cea_run_info *cea;          /**< cost-effectiveness data and bootstrap (cea/cea.h); NULL without [cea] */
    rpt_lang language;                       /**< the workbook's words: RPT_LANG_EN (default) or RPT_LANG_NB */
} rpt_run;

/** Write the tidy results CSV to path atomically (17 significant digits; NaN -> empty field). */
core_status rpt_results_write_csv(const core_results *res, const char *path, core_err *err);

/** Write the workbook to path atomically: Summary, the analysis sheets present, Methods, Provenance. */
core_status rpt_workbook_write(const core_results *res, const rpt_run *run, const char *path, core_err *err);

/**
 * Disclosure control with threshold k > 0 ([project] small_cell), in place, before any output is written:
 * counts of people below k (and their complements) are withheld, with the figures that would give them
 * back (shares, 2x2-table statistics, one other cell of a distribution with a shown total); see
 * reports/rpt_disclose.c for the rules. Withheld numbers become NaN and are marked in row.hidden
 * (CORE_HIDE_*); res->small_cell = k, so both writers show a withheld count as "<k". k <= 0: no change.
 */
core_status rpt_disclose(core_results *res, int k, core_err *err);

/** Number of rows with a withheld figure (for the Provenance line). */
size_t rpt_disclosed_rows(const core_results *res);

/** SHA-256 of a file as lower-case hex into out[65]. CORE_ERR_IO naming the file on failure. */
core_status rpt_sha256_file(const char *path, char out[65], core_err *err);

/** SHA-256 of a buffer as lower-case hex into out[65]. */
void rpt_sha256_buffer(const void *data, size_t len, char out[65]);

/**
 * Format helpers shared by sheets (and tested): "5.6 (2.7 to 8.4)" with `digits` decimals;
 * p-values as "<0.001" or with 3 decimals; a count under small_cell as "<k". Return buf.
 *
 * Scale: the helpers print the numbers as given; a caller wanting percentage points passes
 * 100 * the proportions, e.g. rpt_fmt_ci(10.3, 1.2, 19.4, 1, ...) -> "10.3 (1.2 to 19.4)".
 * Negative numbers carry a typographic minus (U+2212, "−"), and a value that rounds to zero
 * is printed without a sign. NaN prints "n/a"; an interval with a NaN bound prints
 * "10.3 (CI n/a)"; infinite bounds print "∞" / "−∞". rpt_fmt_p: "<0.001" below 0.001,
 * otherwise 3 decimals ("0.025"). rpt_fmt_count: "<k" when small_cell = k > 0 and n < k
 * (zero included), otherwise the whole number. Output is truncated to fit `size` (always
 * terminated). Decimal point as the C library's current locale gives it; the writers below
 * run them in the "C" locale.
 */
const char *rpt_fmt_ci(double est, double lo, double hi, int digits, char *buf, size_t size);
const char *rpt_fmt_p(double p, char *buf, size_t size);
const char *rpt_fmt_count(double n, int small_cell, char *buf, size_t size);

/** One number with `digits` decimals, the same conventions as rpt_fmt_ci ("−2.1", "n/a", "∞"). */
const char *rpt_fmt_num(double x, int digits, char *buf, size_t size);

/* ---- Building blocks shared by the writers in reports/ (usable by any output writer) ---- */

/** A method's entry in the Methods sheet: what it is and where it comes from. */
typedef struct rpt_method_info {
    const char *analysis;     /**< SPEC §4 analysis name */
    const char *method;       /**< variant, or NULL for "any method of this analysis" */
    const char *name;         /**< short name, e.g. "Newcombe hybrid score interval (method 10)" */
    const char *description;  /**< one sentence a reader can follow */
    const char *reference;    /**< citation(s) */
} rpt_method_info;

/**
 * Description of (analysis, method): an exact entry first, then the analysis's generic entry.
 * Returns a pointer into a static table, or NULL when the pair is unknown.
 */
const rpt_method_info *rpt_method_lookup(const char *analysis, const char *method);

/** The k-th description of every module's table (k from 0), or NULL past the last: for the tests. */
const rpt_method_info *rpt_method_at(size_t k);

/**
 * 1 if name is a valid worksheet name: 1..31 characters (UTF-8), none of []:*?/\ ,
 * not starting or ending with an apostrophe; 0 otherwise.
 */
int rpt_sheet_name_valid(const char *name);

/**
 * Staged writers, for a run that replaces several outputs together: write into an open
 * core_atomic (core_atomic_begin for the CSV, core_atomic_begin_name for the workbook) and leave
 * the commit (or abort) to the caller, so either every output is replaced or none is.
 */
core_status rpt_results_write_csv_staged(const core_results *res, core_atomic *a, core_err *err);

/** The results CSV to an open stream (`--results -`: standard output); name is for messages. */
core_status rpt_results_write_csv_stream(const core_results *res, FILE *f, const char *name, core_err *err);

/**
 * 1 when a text field would be taken for a formula by a spreadsheet: it starts with = + - @, a tab
 * or a CR and is not a number (OWASP "CSV injection"). results.csv writes such a field with a
 * leading apostrophe unless [project] csv_formula_guard = no (core_results.csv_verbatim).
 */
int rpt_csv_formula_like(const char *s);
core_status rpt_workbook_write_staged(const core_results *res, const rpt_run *run, core_atomic *a, core_err *err);

#endif
