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

#include "core/core_error.h"

/** The largest config file read: 16 MiB (a larger one is a configuration error, not read into memory). */
#define CORE_CONFIG_MAX_BYTES (16 << 20)

/** What a key's value is: drives the getters, `ipseval help` and docs/config.md. */
typedef enum core_cfg_type {
    CORE_CFG_TEXT,    /**< free text (a title, a label, a level of a column) */
    CORE_CFG_PATH,    /**< a file, relative to the config file */
    CORE_CFG_COLUMN,  /**< one column name of the section's data */
    CORE_CFG_COLUMNS, /**< comma-separated column names */
    CORE_CFG_NUMBER,  /**< a real number; `range` is an interval */
    CORE_CFG_INTEGER, /**< a whole number; `range` is an interval */
    CORE_CFG_BOOL,    /**< yes/no, true/false, on/off, 1/0 */
    CORE_CFG_CHOICE,  /**< one word of `range`, written "a|b|c" */
    CORE_CFG_LIST,    /**< a comma-separated list (of numbers, words or rules: `range` says which) */
    CORE_CFG_DIST     /**< a distribution for the probabilistic analysis, e.g. gamma(mean=1, se=0.1) */
} core_cfg_type;

/**
 * One key of one section: the single owner of its name, type, default, range and help text.
 * One line per key in the owning module's table (e.g. cba/cba_keys.c), the table ending with {NULL}.
 *  - `name` may contain one '*' (e.g. "transitions.*").
 *  - `def` is the default as it would be written in a config; NULL when there is none (`help` says
 *    what absence means, or that the key is required).
 *  - `range`: for NUMBER and INTEGER an interval "[lo, hi]" ('(' ')' exclude a bound, "inf" for no
 *    bound), parsed by the table getters; for CHOICE the words "a|b|c"; otherwise NULL or free text
 *    shown in the reference.
 *  - `help`: one line for `ipseval help` and docs/config.md.
 */
typedef struct core_cfg_key {
    const char *name;
    core_cfg_type type;
    const char *def;
    const char *range;
    const char *help;
} core_cfg_key;

/**
 * One section. `name` may end in ":*" (e.g. "outcome:*": any [outcome:NAME]). `keys` is the owning
 * module's table; `more`, when not NULL, a second table the section also accepts (the data-file keys
 * every section that reads a file shares).
 */
typedef struct core_cfg_section {
    const char *name;
    const char *help;
    const core_cfg_key *keys;
    const core_cfg_key *more;
} core_cfg_section;

/** The keys of [project] (core/core_keys.c): shared by every module, read once by cli/. */
extern const core_cfg_key core_project_keys[];

/** Name of a type as the reference shows it ("number", "yes/no", ...). */
const char *core_cfg_type_name(core_cfg_type type);

/** Parse an interval "[lo, hi]", "(0, inf)" etc. 1 on success. */
int core_cfg_interval(const char *range, double *lo, double *hi, int *lo_open, int *hi_open);

/** The key spec of section.key in schema (glob names and ":*" sections matched), or NULL. */
const core_cfg_key *core_cfg_find(const core_cfg_section *schema, size_t n_sections, const char *section,
                                  const char *key);

/** The section spec matching a section name as written (e.g. "outcome:employment"), or NULL. */
const core_cfg_section *core_cfg_section_find(const core_cfg_section *schema, size_t n_sections,
                                              const char *section);

/** The nearest of n candidate words to word (a candidate that starts with word first, then edit
 *  distance), or NULL when none is plausibly meant. */
const char *core_cfg_nearest(const char *const *cands, size_t n, const char *word);

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

/**
 * Table getters: the type, default and range come from the key's entry in the schema the config was
 * loaded with (a key missing from the table, or read as another type, is an error naming it: a
 * defect the key-table test finds). A NUMBER without
 * a default gives NAN when absent; an INTEGER without one gives 0 and *given = 0 through
 * core_config_has; a BOOL without one gives 0; a CHOICE without one gives -1.
 */
core_status core_config_number(const core_config *cfg, const char *section, const char *key, double *out,
                               core_err *err);
core_status core_config_integer(const core_config *cfg, const char *section, const char *key, long *out,
                                core_err *err);
core_status core_config_flag(const core_config *cfg, const char *section, const char *key, int *out,
                             core_err *err);
core_status core_config_pick(const core_config *cfg, const char *section, const char *key, int *out,
                             core_err *err);
/** Text with the table's default (NULL when absent and the table has none). */
const char *core_config_value(const core_config *cfg, const char *section, const char *key);

/** Levenshtein distance (used for "did you mean"); exposed for tests. */
size_t core_edit_distance(const char *a, const char *b);

#endif
