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

#include "core/core_error.h"

/**
 * What a row's counts of people are (disclosure control, reports/rpt_disclose.c, reads these fields and never
 * the label; the label is text for people and may word the counts as it likes).
 */
typedef enum core_count_kind {
    CORE_COUNT_NONE = 0, /**< the row carries no count of people */
    CORE_COUNT_SHARE,    /**< x1 of n1 have it (events, a level, missing at a visit); both x and n - x are
                              counts; a second group x0 of n0 when n0 is a number (a comparison: intervention
                              or subgroup first, control second) */
    CORE_COUNT_ANALYSED, /**< x1 of n1 were analysed */
    CORE_COUNT_MISSING,  /**< x1 of n1 are missing */
    CORE_COUNT_SIZES,    /**< group sizes only: n1 and n0 */
    CORE_COUNT_EVENTS,   /**< x1 events among n1 people (a survival model or curve) */
    CORE_COUNT_AT_RISK   /**< x1 people at risk */
} core_count_kind;

/** A row's counts of people; NaN where a count does not apply. */
typedef struct core_row_counts {
    core_count_kind kind;
    double x1, n1, x0, n0;
    const char *g1, *g0; /**< the groups' names when a withheld label should name them (e.g. the arms); may be NULL */
} core_row_counts;

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
    core_row_counts counts; /**< the counts of people behind the row (not written to the results file) */
    unsigned flags;  /**< CORE_ROW_* facts about the row for other readers (not written to the results file) */
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

/* Facts about a row that its label words for people and other code reads from here, never from the label. */
#define CORE_ROW_UNRELIABLE 0x001u /**< the module judges the row's inference unreliable (the label says why) */

/** No counts: every number NaN. */
#define CORE_COUNTS_NONE ((core_row_counts){CORE_COUNT_NONE, NAN, NAN, NAN, NAN, NULL, NULL})

/** A row with every number NaN, every string NULL and no counts; fill what applies. */
#define CORE_RESULT_ROW_EMPTY                                                                   \
    ((core_result_row){.estimate = NAN, .se = NAN, .ci_low = NAN, .ci_high = NAN,               \
                       .statistic = NAN, .df = NAN, .p_value = NAN, .p_adjusted = NAN, .n = NAN, \
                       .counts = CORE_COUNTS_NONE})

/** Counts of one group (kind SHARE, ANALYSED, MISSING, EVENTS or AT_RISK; n NaN for AT_RISK). */
static inline core_row_counts core_counts_one(core_count_kind kind, double x, double n)
{
    return (core_row_counts){kind, x, n, NAN, NAN, NULL, NULL};
}

/** x1 of n1 against x0 of n0 (kind SHARE). */
static inline core_row_counts core_counts_pair(double x1, double n1, double x0, double n0)
{
    return (core_row_counts){CORE_COUNT_SHARE, x1, n1, x0, n0, NULL, NULL};
}

/** Group sizes n1 and n0 (kind SIZES). */
static inline core_row_counts core_counts_sizes(double n1, double n0)
{
    return (core_row_counts){CORE_COUNT_SIZES, NAN, n1, NAN, n0, NULL, NULL};
}

/** The same counts with the groups' names g1 and g0 (copied by core_results_add). */
static inline core_row_counts core_counts_named(core_row_counts c, const char *g1, const char *g0)
{
    c.g1 = g1;
    c.g0 = g0;
    return c;
}

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

/**
 * The one results finder: the first row matching every non-NULL key (module, analysis, outcome, timepoint, term,
 * method); NULL if none. A key "" matches an empty field (NULL or ""). Every reader of rows uses it (the
 * workbook's rpt_find_row, realworld's comparison, the tests).
 */
const core_result_row *core_results_find(const core_results *r, const char *module, const char *analysis,
                                         const char *outcome, const char *timepoint, const char *term,
                                         const char *method);

/** The counts of the row added last (a writer that adds rows through a helper sets them after it, once that
 *  row is added); the groups' names are copied. CORE_ERR_NOMEM (only with names) leaves the row as it was. */
core_status core_results_set_counts(core_results *r, core_row_counts counts);

/** Replace row i's label with a copy of label (NULL: empty). CORE_ERR_NOMEM leaves the old label. */
core_status core_results_set_label(core_results *r, size_t i, const char *label);

/** Column names of the tidy CSV, in order (NULL-terminated). */
extern const char *const core_results_columns[];

#endif
