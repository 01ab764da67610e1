/**
 * @file core_results.h
 * @brief Tidy result rows (SPEC §4): one row per reported number set.
 *
 * Numbers are double with NaN meaning "not applicable" (an empty field in the CSV);
 * a row whose estimate is undefined says why in `label`. The container owns copies
 * of every string given to it.
 */
#ifndef IPSEVAL_CORE_RESULTS_H
#define IPSEVAL_CORE_RESULTS_H

#include <math.h>
#include <stddef.h>

#include "core_error.h"

/** One tidy row. Strings may be NULL (empty field). */
typedef struct core_result_row {
    const char *module;     /**< rct | fidelity | cba | did | meta | compare */
    const char *analysis;   /**< SPEC §4 vocabulary, e.g. risk_difference */
    const char *outcome;
    const char *timepoint;
    const char *term;
    const char *method;
    double estimate, se, ci_low, ci_high, statistic, df, p_value, p_adjusted, n;
    const char *label;
    unsigned hidden; /**< disclosure control (reports/rpt_disclose.c): CORE_HIDE_* bits of fields withheld;
                          0 on every row core_results_add stores */
} core_result_row;

/* Fields of a row withheld by disclosure control: the number is NaN in the row and the writers show
 * "<k" for a count (CORE_HIDE_N) and leave the others empty; CORE_HIDE_LABEL: the label was replaced. */
#define CORE_HIDE_ESTIMATE 0x001u
#define CORE_HIDE_SE 0x002u
#define CORE_HIDE_CI 0x004u
#define CORE_HIDE_STATISTIC 0x008u
#define CORE_HIDE_P 0x010u
#define CORE_HIDE_N 0x020u
#define CORE_HIDE_LABEL 0x040u

/** A row with every number NaN and every string NULL; fill what applies. */
#define CORE_RESULT_ROW_EMPTY                                                                   \
    ((core_result_row){.estimate = NAN, .se = NAN, .ci_low = NAN, .ci_high = NAN,               \
                       .statistic = NAN, .df = NAN, .p_value = NAN, .p_adjusted = NAN, .n = NAN})

/** Growable list of rows; owns its strings. */
typedef struct core_results {
    size_t n, cap;
    core_result_row *rows;
    int small_cell; /**< > 0: the rows went through disclosure control with this threshold (rpt_disclose) */
    int csv_verbatim; /**< 1: [project] csv_formula_guard = no (text written as is in results.csv) */
} core_results;

/** New empty list; NULL on no memory. Free with core_results_free(). */
core_results *core_results_new(void);

/** Free the list and its strings; NULL is a no-op. */
void core_results_free(core_results *r);

/** Append a copy of row (strings duplicated). CORE_ERR_NOMEM on failure. */
core_status core_results_add(core_results *r, const core_result_row *row);

/** First row matching every non-NULL key (analysis, outcome, timepoint, term, method); NULL if none. */
const core_result_row *core_results_find(const core_results *r, const char *analysis, const char *outcome,
                                         const char *timepoint, const char *term, const char *method);

/** Replace row i's label with a copy of label (NULL: empty). CORE_ERR_NOMEM leaves the old label. */
core_status core_results_set_label(core_results *r, size_t i, const char *label);

/** Column names of the tidy CSV, in order (NULL-terminated). */
extern const char *const core_results_columns[];

#endif
