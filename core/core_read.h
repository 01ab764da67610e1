/**
 * @file core_read.h
 * @brief Readers: delimited text (RFC 4180), Stata .dta and SPSS .sav (through ReadStat).
 *
 * Every reader returns a new core_table owned by the caller (free with core_table_free) or
 * NULL with err set to a message naming the file (and line/column where it applies).
 * Input files are opened read-only and never changed.
 */
#ifndef IPSEVAL_CORE_READ_H
#define IPSEVAL_CORE_READ_H

#include "core/core_error.h"
#include "core/core_table.h"

/** How delimited text is read; zero-initialised means: auto delimiter, '.' decimal, missing = "", NA, ".". */
typedef struct core_read_opts {
    char delimiter;            /**< 0 = auto (',', ';', tab, '|' sniffed from the header line) */
    char decimal;              /**< '.' (0 means '.') or ',' */
    char thousands;            /**< 0 none, '.', ',' or ' ' (space, U+00A0 or U+202F); see core_parse_number */
    const char *const *missing;/**< NULL-terminated list of tokens read as missing; NULL = default */
    const char *display_name;  /**< name used in messages (default: the path) */
    int merge_labels;          /**< .dta/.sav: codes sharing a value label are merged (and the table's note
                                    says so) instead of refused */
    int encoding;              /**< delimited text: CORE_ENC_UTF8 (0), CORE_ENC_WINDOWS_1252 or CORE_ENC_LATIN1 */
    const char *const *columns;/**< delimited text: NULL-terminated names of the columns to keep (matched as
                                    core_table_find does); the others are checked as text (quotes, line
                                    structure, UTF-8) but not stored, and their numbers are not judged.
                                    NULL or empty = every column; a name no column has = every column. */
} core_read_opts;

/** Character encodings of delimited text (`encoding` of [data] and the data sections). Text in another
 *  encoding is recoded to UTF-8 (iconv) before it is parsed; .dta and .sav files carry their own. */
enum { CORE_ENC_UTF8 = 0, CORE_ENC_WINDOWS_1252 = 1, CORE_ENC_LATIN1 = 2 };

/**
 * Read delimited text (RFC 4180): quoted fields may hold delimiters, doubled quotes and
 * newlines (CR, LF or CRLF); a UTF-8 byte-order mark is skipped; the last line end is optional
 * and blank trailing lines are ignored. The file must be UTF-8 (NUL bytes and invalid UTF-8 are
 * errors). The first record is the header: names are trimmed and must be non-empty and unique.
 *
 * Cells are trimmed of surrounding spaces/tabs before they are compared with the missing tokens
 * (quoting does not matter: "" and "NA" quoted are missing too); an empty cell is always missing.
 * Column types: numeric when every non-missing cell parses with core_parse_number(opts->decimal,
 * opts->thousands), else categorical with levels (trimmed) in order of first appearance. Numbers are
 * read here once and never again: a column whose every cell is a number by some common rules
 * (core_number_rule_hint) and at least one by the declared rules, but not all, is a data error
 * naming the first refused cell, the rule and the setting that would read it ("'1.200' in a
 * column read with decimal ','; if '.' separates thousands here, set thousands = \".\"").
 * A blank line between data rows is a ragged row (1 field) unless the file has a single column,
 * where it is a missing cell.
 *
 * row_src[i] is the 1-based physical line where record i starts (the header is line 1).
 *
 * @return a new table (free with core_table_free), or NULL with err set:
 *         CORE_ERR_IO (cannot open/read), CORE_ERR_DATA (empty file, header only, bad header
 *         name, ragged row, unterminated quote, text after a closing quote, NUL byte, not UTF-8),
 *         CORE_ERR_CONFIG (bad delimiter or decimal option), CORE_ERR_NOMEM.
 */
core_table *core_read_delimited(const char *path, const core_read_opts *opts, core_err *err);

/**
 * Read a Stata .dta file (through ReadStat). Numeric variables become numeric columns, string
 * variables categorical ones (trimmed; "" is missing). System-missing and extended missing
 * (.a-.z) values are missing; value labels of numeric variables become the column's labels.
 * For binary files "row" means observation: row_src[i] = i + 1 (the observation number), and
 * messages built with core_cell_where show "file:OBS:COL".
 * Only opts->display_name is used. Errors name the file: CORE_ERR_IO (cannot open),
 * CORE_ERR_DATA (not a readable file, no variables, no observations), CORE_ERR_NOMEM.
 */
core_table *core_read_dta(const char *path, const core_read_opts *opts, core_err *err);

/** Read an SPSS .sav/.zsav file; as core_read_dta, and user-defined missing values are missing.
 *  (Both: two codes of a variable that occur in the data and share a value label are CORE_ERR_DATA
 *  naming the codes and the label, unless opts->merge_labels.) */
core_table *core_read_sav(const char *path, const core_read_opts *opts, core_err *err);

/** Read by extension (case-insensitive): .dta, .sav/.zsav, else delimited text. */
core_table *core_read_any(const char *path, const core_read_opts *opts, core_err *err);

/* ---- fast level interning for table builders (core_column_level searches linearly) ---- */

/** A hash index over the levels of one categorical column. */
typedef struct core_level_index core_level_index;

/**
 * Start indexing column c (its existing levels are indexed). While the index lives, add levels
 * to c only through core_level_index_add. NULL on no memory. Free with core_level_index_free
 * (the column keeps its levels).
 */
core_level_index *core_level_index_new(core_column *c);

/** The code of level text in the column, adding it if new (O(1) expected); -1 on no memory. */
int core_level_index_add(core_level_index *ix, const char *text);

/** Free the index (not the column); NULL is a no-op. */
void core_level_index_free(core_level_index *ix);

#endif
