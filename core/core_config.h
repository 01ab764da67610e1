/**
 * @file core_config.h
 * @brief The INI configuration: read in one pass, checked against a schema, read through
 *        strict typed getters whose errors name "file:line: key 'x'" and what would be valid.
 *
 * One pass over the text maps every key to its line and value (by iniparser 4.1's value rules, the
 * format's reference: quotes, inline comments, '\' continuation), finds duplicates, unknown sections
 * and keys (suggesting the nearest valid name) and lines over 1,023 characters. Sections and keys
 * are kept in a hash table (a config of 100,000 sections loads in a fraction of a second); the file
 * is at most CORE_CONFIG_MAX_BYTES. Numbers and booleans are parsed strictly here.
 */
#ifndef IPSEVAL_CORE_CONFIG_H
#define IPSEVAL_CORE_CONFIG_H

#include <stddef.h>

#include "core_error.h"

/** The largest config file read: 16 MiB (a larger one is a configuration error, not read into memory). */
#define CORE_CONFIG_MAX_BYTES (16 << 20)

/**
 * Schema of one section. `name` may end in ":*" (e.g. "outcome:*": any [outcome:NAME]).
 * `keys` is NULL-terminated; an entry may contain one '*' (e.g. "*.dist", "transitions.*").
 */
typedef struct core_cfg_section {
    const char *name;
    const char *const *keys;
} core_cfg_section;

typedef struct core_config core_config;

/** Load and validate path against schema (n_sections entries). NULL with err set on failure.
 *  Free with core_config_free(). */
core_config *core_config_load(const char *path, const core_cfg_section *schema, size_t n_sections,
                              core_err *err);

void core_config_free(core_config *cfg);

/** The config file path as given, its directory, and its full text. */
const char *core_config_path(const core_config *cfg);
const char *core_config_text(const core_config *cfg);

/** 1 when [section] is present (section name case-insensitive). */
int core_config_has_section(const core_config *cfg, const char *section);

/** 1 when key is given in section. */
int core_config_has(const core_config *cfg, const char *section, const char *key);

/** Line number of a key (or of the section header when key is NULL); 0 if absent. */
int core_config_line(const core_config *cfg, const char *section, const char *key);

/** "file:line: key 'key' in [section]" for messages; returns buf. */
const char *core_config_where(const core_config *cfg, const char *section, const char *key, char *buf,
                              size_t size);

/** Number of sections and the i-th section's name as written (original case), in file order. */
size_t core_config_n_sections(const core_config *cfg);
const char *core_config_section_name(const core_config *cfg, size_t i);

/** String value (trimmed; quotes removed); def when absent. Never fails. */
const char *core_config_str(const core_config *cfg, const char *section, const char *key, const char *def);

/** Required string: CORE_ERR_CONFIG naming the section and key when absent or empty. */
core_status core_config_str_req(const core_config *cfg, const char *section, const char *key, const char **out,
                                core_err *err);

/** Number, strictly parsed; def when absent. Error names file:line and the key when not a number
 *  or outside [lo, hi] (use -INFINITY/INFINITY for open ends; lo_open/hi_open exclude the bound). */
core_status core_config_double(const core_config *cfg, const char *section, const char *key, double def, double lo,
                               double hi, int lo_open, int hi_open, double *out, core_err *err);

/** Whole number, strictly parsed (no octal); def when absent; range [lo, hi]. */
core_status core_config_long(const core_config *cfg, const char *section, const char *key, long def, long lo,
                             long hi, long *out, core_err *err);

/** Boolean: yes/no, true/false, on/off, 1/0 (case-insensitive); def when absent. */
core_status core_config_bool(const core_config *cfg, const char *section, const char *key, int def, int *out,
                             core_err *err);

/** One of a fixed set of words (case-insensitive); *out = index into choices; def_index when absent. */
core_status core_config_choice(const core_config *cfg, const char *section, const char *key,
                               const char *const *choices, int def_index, int *out, core_err *err);

/**
 * Comma-separated list, items trimmed. allow_empty_items = 0 makes "a,,b" an error naming the key.
 * *items is a NULL-terminated array owned by the caller (free with core_config_list_free); absent key
 * gives *n = 0 and an empty array.
 */
core_status core_config_list(const core_config *cfg, const char *section, const char *key, int allow_empty_items,
                             char ***items, size_t *n, core_err *err);
void core_config_list_free(char **items);

/** Resolve a path relative to the config file's directory into a new string (caller frees). */
char *core_config_resolve(const core_config *cfg, const char *path);

/** Levenshtein distance (used for "did you mean"); exposed for tests. */
size_t core_edit_distance(const char *a, const char *b);

#endif
