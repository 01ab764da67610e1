/**
 * @file rct_design.h
 * @brief Private to rct/: model variables, design matrices with SPEC §4 term names, and the
 *        helpers the per-timepoint analyses share (arm names, result rows).
 *
 * Term names (SPEC §4): `(Intercept)`; the treatment `arm` (two arms) or `arm[LEVEL]` (more); a
 * numeric covariate by its column name; a level of a categorical one `column[level]` (the first
 * level in sorted order is the reference, as R's factor() in the C locale; numbers sort
 * numerically); an interaction `a:b`.
 */
#ifndef IPSEVAL_RCT_DESIGN_H
#define IPSEVAL_RCT_DESIGN_H

#include <stddef.h>

#include "rct/rct.h"
#include "stats/st_prop.h"

#define RCT_MAX_ARMS 16   /* arm levels (control + interventions) */
#define RCT_MAX_LEVELS 12 /* levels of a subgroup variable */

/** A model variable: numeric, or categorical with sorted levels. */
typedef struct rct_var {
    char *name;         /**< column name */
    size_t col;         /**< table column */
    int categorical;
    char **levels;      /**< categorical: level texts in sorted order */
    size_t n_levels;
    int *code;          /**< categorical: level index per table row, -1 when missing */
} rct_var;

/**
 * Describe column `name` of t. Categorical when the column is text, has value labels, or
 * force_categorical (site, subgroups). CORE_ERR_DATA when the column is absent; CORE_ERR_NOMEM.
 */
core_status rct_var_init(const core_table *t, const char *name, int force_categorical, rct_var *v, core_err *err);
void rct_var_free(rct_var *v);

/** What goes into a model besides the intercept. */
typedef struct rct_model {
    int arm;                           /**< the arm dummies */
    int site;                          /**< [trial] site dummies */
    const char *const *covariates;     /**< adjustment set */
    size_t n_covariates;
    const char *baseline;              /**< the outcome's baseline column, or NULL */
    const char *subgroup;              /**< a subgroup variable (its dummies), or NULL */
    int interaction;                   /**< with subgroup: arm x subgroup terms too */
} rct_model;

/** A design matrix over the complete cases of the outcome and the model's variables. */
typedef struct rct_design {
    size_t n, p;
    size_t *rows;                      /**< table row of each observation */
    double *X;                         /**< n x p, row-major */
    double *y;                         /**< n outcome values (NULL without an outcome column) */
    int *arm;                          /**< arm code per observation */
    char **terms;                      /**< p term names */
    size_t arm_col[RCT_MAX_ARMS];      /**< column of arm code k's dummy (k >= 1); 0 = absent */
    size_t *inter_cols;                /**< columns of the interaction terms */
    size_t n_inter;
    size_t sub_first, n_sub;           /**< subgroup dummy columns */
} rct_design;

/**
 * Build the design of model m for outcome column ycol (a table column, or (size_t)-1 for none). Dummy
 * columns of levels absent from the complete cases are left out. CORE_ERR_ANALYSIS when fewer than 2 rows
 * remain; CORE_ERR_DATA for a non-numeric value in a numeric variable; CORE_ERR_NOMEM.
 */
core_status rct_design_build(const rct_spec *s, const rct_trial *tr, size_t ycol, const rct_model *m, rct_design *d,
                             core_err *err);
void rct_design_free(rct_design *d);

/**
 * If the design's columns are collinear, write "term = 2 x other - 3 x third + ..." for the first
 * dependent column into buf and return 1; else 0. CORE_ERR_NOMEM leaves err set and returns 0.
 */
int rct_design_collinear(const rct_design *d, char *buf, size_t size, core_err *err);

/** 1 when column `name` is listed in [trial] categorical (a covariate read as categories though it holds numbers). */
int rct_declared_categorical(const rct_spec *s, const char *name);

/** Level text of arm code k (0 = control). */
const char *rct_arm_level(const rct_spec *s, size_t k);

/** Term of the comparison of arm code k (>= 1) with the control: "arm", or "arm[LEVEL]" with > 2 arms. */
const char *rct_arm_term(const rct_spec *s, size_t k, char *buf, size_t size);

/** The covariates that apply to outcome o: its own, else [trial] covariates. */
void rct_outcome_covariates(const rct_spec *s, const rct_outcome_spec *o, const char *const **cov, size_t *n);

/** Append a row (module "rct"); CORE_ERR_NOMEM on failure. */
core_status rct_row(core_results *res, const core_result_row *r, core_err *err);

/** Append an estimate row: fields from e (may be NULL: numbers NaN), n, label (NULL: e->undefined). */
core_status rct_row_est(core_results *res, const char *analysis, const char *outcome, const char *tp,
                        const char *term, const char *method, const st_estimate *e, double n, const char *label,
                        core_err *err);

/** Values of outcome column col among rows of arm code a (optionally only rows where mask[i]); returns count. */
size_t rct_arm_values(const rct_trial *tr, size_t col, int a, const unsigned char *mask, double *out);

/* ---- shared between the analysis files ---- */

/** Events x[a] and observed n[a] per arm code of binary column col (rows with mask[i] only, mask may be NULL). */
core_status rct_binary_counts(const rct_trial *tr, size_t col, const unsigned char *mask, long *x, long *n);

/** Arm summaries and the 2x2 analyses of binary outcome k at column j. */
core_status rct_binary_2x2(const rct_spec *s, const rct_trial *tr, size_t k, size_t j, core_results *res,
                           core_err *err);

/** Number needed to treat from a risk difference rd (Altman 1998): a row with the reason when not reportable. */
core_status rct_nnt_row(core_results *res, const char *outcome, const char *tp, const char *term, const char *method,
                        const st_estimate *rd, double n, core_err *err);

/** Logistic regressions (unadjusted, adjusted), odds ratios, marginal RD and its NNT for binary outcome k, column j. */
core_status rct_logistic_analyse(const rct_spec *s, const rct_trial *tr, size_t k, size_t j, core_results *res,
                                 core_err *err);

/** Continuous outcome k, column j: arm means, Welch/Student, ANCOVA, Hedges' g, Wilcoxon. */
core_status rct_continuous_analyse(const rct_spec *s, const rct_trial *tr, size_t k, size_t j, core_results *res,
                                   core_err *err);

#endif
