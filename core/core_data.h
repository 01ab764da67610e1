/**
 * @file core_data.h
 * @brief Reading the data file a config section names, with the [data] reading options
 *        (delimiter, decimal, missing) overridable in that section.
 */
#ifndef IPSEVAL_CORE_DATA_H
#define IPSEVAL_CORE_DATA_H

#include "core/core_config.h"
#include "core/core_read.h"
#include "core/core_table.h"

/**
 * Read the file named by key `key` (e.g. "data") of `section`, relative to the config.
 * Messages name the file as written in the config. On success *table is owned by the caller
 * and *resolved (if not NULL) is the resolved path (caller frees).
 */
core_status core_data_read_section(const core_config *cfg, const char *section, const char *key,
                                   core_table **table, char **resolved, core_err *err);

/** As core_data_read_section, keeping only the named columns of delimited text (core_read_opts.columns;
 *  NULL = all). */
core_status core_data_read_columns(const core_config *cfg, const char *section, const char *key,
                                   const char *const *columns, core_table **table, char **resolved, core_err *err);

/** Appended to the message about a data cell that is not a number: the way to declare such a token missing. */
#define CORE_MISSING_HINT "; if it marks a missing value, list it in [data] missing"

/** The keys of [data] and of every section that reads a data file (core/core_keys.c). */
extern const core_cfg_key core_data_keys[];

/** Fill opts from [data] and the section's own delimiter/decimal/missing keys.
 *  *missing_list must be freed with core_config_list_free (it backs opts->missing). */
core_status core_data_opts(const core_config *cfg, const char *section, core_read_opts *opts, char ***missing_list,
                           core_err *err);

/**
 * Find a column the config names; on failure CORE_ERR_CONFIG naming the config key, the data file,
 * and the nearest existing column (or the list of columns).
 */
core_status core_data_column(const core_config *cfg, const char *section, const char *key, const core_table *t,
                             const char *name, size_t *col, core_err *err);

#endif
