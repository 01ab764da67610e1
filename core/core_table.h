/**
 * @file core_table.h
 * @brief A columnar data table: numeric and categorical columns, explicit missing values,
 *        value labels, and the source location of every row for error messages.
 *
 * Tables come from the readers (core_read.h) and are owned by whoever called the reader;
 * free with core_table_free().
 */
#ifndef IPSEVAL_CORE_TABLE_H
#define IPSEVAL_CORE_TABLE_H

#include <stddef.h>

#include "core_error.h"

typedef enum core_col_type {
    CORE_COL_NUMERIC = 0,     /**< values in num[] */
    CORE_COL_CATEGORICAL = 1  /**< values are codes into levels[] */
} core_col_type;

/** One value label of a numeric column (from Stata/SPSS files). */
typedef struct core_value_label {
    double value;
    char *label;
} core_value_label;

/** One column. Exactly one of num/code is used, as type says; missing[i] != 0 marks a missing cell. */
typedef struct core_column {
    char *name;
    char *label;              /**< the variable label a Stata/SPSS file gives the column, or NULL */
    core_col_type type;
    double *num;              /**< numeric: the values (undefined where missing) */
    int *code;                /**< categorical: index into levels, -1 where missing */
    char **levels;            /**< categorical: level texts, in order of first appearance */
    size_t n_levels;
    core_value_label *labels; /**< numeric: optional value labels (they become levels for matching) */
    size_t n_labels;
    unsigned char *missing;   /**< 1 = missing */
    double *level_num;        /**< categorical, from a text reader: per level, its value as a number by the
                                   file's declared rules (decimal mark, thousands separator), NaN when it is
                                   not one; NULL otherwise. Read once, when the file is read. */
    size_t n_level_num;
} core_column;

/** A table of n_rows x n_cols; row_src[i] is the line (text) or record number (binary) of row i. */
typedef struct core_table {
    char *source;       /**< file name for messages (as the user wrote it) */
    size_t n_rows;
    size_t n_cols;
    core_column *cols;
    long *row_src;      /**< per row: 1-based line in the file where the record starts */
    char *note;         /**< a reader's note for the user (e.g. value labels merged), or NULL */
    size_t n_cols_file; /**< columns in the file when a reader kept only some (core_read_opts.columns);
                             0 = n_cols */
} core_table;

/** Free a table and everything it owns; NULL is a no-op. */
void core_table_free(core_table *t);

/** Index of a column by name (exact match, then case-insensitive); -1 when absent. */
long core_table_find(const core_table *t, const char *name);

/** True when cell (row, col) is missing. */
int core_cell_missing(const core_table *t, size_t col, size_t row);

/**
 * The value of a cell as text: the level (categorical), the value label if the numeric value has
 * one, else the number formatted with %.15g. Writes into buf (size bytes) and returns buf;
 * returns "" for a missing cell.
 */
const char *core_cell_text(const core_table *t, size_t col, size_t row, char *buf, size_t size);

/**
 * The numeric value of a cell: numeric columns directly; a cell of a categorical column only when
 * the reader found its level a number by the file's declared rules (level_num). Text is never
 * parsed again here. Returns 1 and sets *out on success, 0 when the cell is missing, -1 when the
 * cell is not a number.
 */
int core_cell_number(const core_table *t, size_t col, size_t row, double *out);

/** "file:line:col 'name'" for a cell, for error messages; returns buf. */
const char *core_cell_where(const core_table *t, size_t col, size_t row, char *buf, size_t size);

/**
 * Strict number parsing independent of locale: optional sign, digits with an optional decimal
 * mark (decimal_mark is '.' or ','), optional exponent; surrounding spaces allowed; no hex,
 * inf, nan, thousands separators or trailing junk. Returns 1 on success.
 */
int core_parse_double(const char *s, char decimal_mark, double *out);

/**
 * As core_parse_double, with an optional thousands separator (0 none, '.', ',' or ' '; ' ' also
 * takes U+00A0 and U+202F, the no-break spaces spreadsheets write): the integer part is then either
 * plain digits or 1-3 digits followed by groups of the separator and exactly three digits
 * ("1.200", "12 345 678,5"). A separator equal to the decimal mark is refused. Returns 1 on success.
 */
int core_parse_number(const char *s, char decimal_mark, char thousands, double *out);

/**
 * For a token refused by the rules (decimal_mark, thousands) that is a number under other common
 * rules: writes into buf the sentence that says which setting would read it ("if '.' separates
 * thousands here, set thousands = \".\"") and returns 1; returns 0 when the token is a number under
 * the given rules or under none.
 */
int core_number_rule_hint(const char *s, char decimal_mark, char thousands, char *buf, size_t size);

/** Strict integer parsing (decimal only, no octal, no junk); returns 1 on success. */
int core_parse_long(const char *s, long *out);

/* ---- building tables (used by the readers and by the simulator) ---- */

/** An empty table with n_cols named columns of n_rows rows, all cells missing. NULL on no memory. */
core_table *core_table_new(const char *source, size_t n_rows, size_t n_cols, const char *const *names,
                           const core_col_type *types);

/** Add (or find) a level of a categorical column; returns its code, or -1 on no memory. */
int core_column_level(core_column *c, const char *text);

/** Set a numeric cell (clears missing). */
void core_table_set_num(core_table *t, size_t col, size_t row, double v);

/** Set a categorical cell to a level text (clears missing); returns CORE_OK or CORE_ERR_NOMEM. */
core_status core_table_set_text(core_table *t, size_t col, size_t row, const char *text);

#endif
