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
#include <stdint.h>

#include "core_error.h"

typedef enum core_col_type {
    CORE_COL_NUMERIC = 0,     /**< values in data (see width) */
    CORE_COL_CATEGORICAL = 1  /**< values are codes into levels[] */
} core_col_type;

/** One value label of a numeric column (from Stata/SPSS files). */
typedef struct core_value_label {
    double value;
    char *label;
} core_value_label;

/**
 * One column, stored compactly: read its cells with core_col_num / core_col_code / core_col_missing.
 * A numeric column holds whole numbers as int8, int16 or int32 (width 1, 2, 4: the narrowest that holds
 * every value, exactly) and anything else as double (width 8); a categorical column holds level codes plus
 * one as uint8, uint16 or uint32 (0 = missing), as narrow as its level count allows. Missing numeric cells
 * are bits of miss (NULL when no cell is missing) and hold 0.
 */
typedef struct core_column {
    char *name;
    char *label;              /**< the variable label a Stata/SPSS file gives the column, or NULL */
    core_col_type type;
    unsigned char width;      /**< bytes per cell of data: numeric 1, 2, 4 (integers) or 8 (double); codes 1, 2, 4 */
    void *data;               /**< the cells (n_rows of the table) */
    size_t data_pages;        /**< bytes of data when it came from core_alloc_pages (core/core_alloc.h), 0 when
                                   from malloc: free it with core_column_free_data */
    unsigned char *miss;      /**< numeric: bit i set = row i missing; NULL when none is (categorical: NULL) */
    char **levels;            /**< categorical: level texts, in order of first appearance */
    size_t n_levels;
    core_value_label *labels; /**< numeric: optional value labels (they become levels for matching) */
    size_t n_labels;
    double *level_num;        /**< categorical, from a text reader: per level, its value as a number by the
                                   file's declared rules (decimal mark, thousands separator), NaN when it is
                                   not one; NULL otherwise. Read once, when the file is read. */
    size_t n_level_num;
} core_column;

/** Where rows start when they do not follow one a line: from row on, row i starts on line + (i - row). */
typedef struct core_line_ex {
    size_t row;
    long line;
} core_line_ex;

/**
 * A table of n_rows x n_cols. Row i starts on line line0 + i of the file (text: line0 = 2, after the
 * header; binary: record numbers, line0 = 1) unless the sparse exceptions line_ex say otherwise (a quoted
 * field over several lines, skipped blank lines); read it with core_table_line().
 */
typedef struct core_table {
    char *source;       /**< file name for messages (as the user wrote it) */
    size_t n_rows;
    size_t n_cols;
    core_column *cols;
    long line0;            /**< line of row 0 when no exception says otherwise */
    core_line_ex *line_ex; /**< exceptions, by increasing row */
    size_t n_line_ex;
    long *row_line;        /**< per row, when lines were set out of order (core_table_set_line); else NULL */
    char *note;         /**< a reader's note for the user (e.g. value labels merged), or NULL */
    size_t n_cols_file; /**< columns in the file when a reader kept only some (core_read_opts.columns);
                             0 = n_cols */
} core_table;

/* ---- cell access: every reader of a table goes through these (the storage is the table's own affair) ---- */

/** Categorical column: the level code of row i, -1 where missing. */
static inline int core_col_code(const core_column *c, size_t i)
{
    switch (c->width) {
    case 1:
        return (int)((const uint8_t *)c->data)[i] - 1;
    case 2:
        return (int)((const uint16_t *)c->data)[i] - 1;
    default:
        return (int)((const uint32_t *)c->data)[i] - 1;
    }
}

/** True when row i of column c is missing. */
static inline int core_col_missing(const core_column *c, size_t i)
{
    if (c->type == CORE_COL_CATEGORICAL)
        return core_col_code(c, i) < 0;
    return c->miss && ((c->miss[i >> 3] >> (i & 7)) & 1);
}

/** Numeric column: the value of row i (0 where missing). */
static inline double core_col_num(const core_column *c, size_t i)
{
    switch (c->width) {
    case 1:
        return ((const int8_t *)c->data)[i];
    case 2:
        return ((const int16_t *)c->data)[i];
    case 4:
        return ((const int32_t *)c->data)[i];
    default:
        return ((const double *)c->data)[i];
    }
}

/** Numeric column stored as int32 (width 4): its cells, for loops over a whole column; else NULL. */
static inline const int32_t *core_col_i32(const core_column *c)
{
    return c->type == CORE_COL_NUMERIC && c->width == 4 ? (const int32_t *)c->data : NULL;
}

/** Numeric column stored as double (width 8): its cells; else NULL. */
static inline const double *core_col_f64(const core_column *c)
{
    return c->type == CORE_COL_NUMERIC && c->width == 8 ? (const double *)c->data : NULL;
}

/** The 1-based line (text) or record number (binary) where row i of the file starts, for messages. */
long core_table_line(const core_table *t, size_t i);

/** Set where row i starts (tables built from other tables); CORE_ERR_NOMEM when it cannot be kept. */
core_status core_table_set_line(core_table *t, size_t i, long line);

/**
 * Numeric column of n rows: its values as an array of doubles (0 where missing) that the caller frees: with
 * core_free_pages(v, n * sizeof(double)) when *pages is set (a new array, core/core_alloc.h), else with free()
 * (the column's own storage, already doubles). The column gives up its storage (it must not be read as numbers
 * afterwards; its missing flags stay). NULL on no memory.
 */
double *core_column_take_f64(core_column *c, size_t n, int *pages);

/**
 * Turn categorical column col into a numeric one holding num[0..n_rows-1] (taken over, freed here or by the
 * table); the cells missing before stay missing (their num is ignored), the levels are dropped.
 */
core_status core_table_column_to_numeric(core_table *t, size_t col, double *num);

/* ---- storage, for the readers ---- */

/**
 * Store v in row i of numeric column c, whose data has room for cap rows, widening it when v needs more
 * (rows [0, filled) are kept, converted exactly); clears nothing (the missing bit is the caller's).
 * Returns 0, or -1 on no memory.
 */
int core_column_put_num(core_column *c, size_t cap, size_t filled, size_t i, double v);

/** Store level code k (-1: missing) in row i of categorical column c, as core_column_put_num. */
int core_column_put_code(core_column *c, size_t cap, size_t filled, size_t i, int k);

/** Set (on = 1) or clear the missing bit of row i of numeric column c of cap rows; -1 on no memory. */
int core_column_put_missing(core_column *c, size_t cap, size_t i, int on);

/** Widen column c (cap rows, rows [0, filled) kept) to width w; 0 or -1 on no memory. */
int core_column_widen(core_column *c, size_t cap, size_t filled, unsigned w);

/** Free what a column owns (not the struct). */
void core_column_free(core_column *c);

/** Free a column's cells alone (data, by how they were allocated: data_pages); data becomes NULL. */
void core_column_free_data(core_column *c);

/** New cells for a column of cap rows of w bytes, filled in full by the caller: whole pages of their own when large
 *  (core_alloc_pages; data_pages set), else malloc; zero when zero is set. The old cells are not freed. -1 on no
 *  memory (the column unchanged). */
int core_column_alloc_data(core_column *c, size_t cap, unsigned w, int zero);

/** After reading: drop missing bitmaps with no bit set. */
void core_table_compact(core_table *t);

/** Bytes the table's cells, flags and levels take (for benchmarks and tests). */
size_t core_table_bytes(const core_table *t);

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

/** Set a numeric cell (clears missing); CORE_ERR_NOMEM when the column could not grow to hold it. */
core_status core_table_set_num(core_table *t, size_t col, size_t row, double v);

/** Set a categorical cell to an existing level code (-1: missing); CORE_ERR_NOMEM as above. */
core_status core_table_set_code(core_table *t, size_t col, size_t row, int code);

/** Make a cell missing. */
void core_table_set_missing(core_table *t, size_t col, size_t row);

/** Set a categorical cell to a level text (clears missing); returns CORE_OK or CORE_ERR_NOMEM. */
core_status core_table_set_text(core_table *t, size_t col, size_t row, const char *text);

#endif
