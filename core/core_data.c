/* Reading the data file a config section names. */
#include "core/core_data.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static core_status one_char(const core_config *cfg, const char *section, const char *key, const char *v, char *out,
                            int is_delim, core_err *err)
{
    char where[600];
    if (is_delim) {
        if (strcasecmp(v, "auto") == 0) {
            *out = 0;
            return CORE_OK;
        }
        if (strcasecmp(v, "tab") == 0 || strcmp(v, "\\t") == 0) {
            *out = '\t';
            return CORE_OK;
        }
        if (strlen(v) == 1 && strchr(",;|", v[0])) {
            *out = v[0];
            return CORE_OK;
        }
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: '%s' is not a valid delimiter; use auto, \",\", \";\" (quoted), tab or \"|\"",
                            core_config_where(cfg, section, key, where, sizeof where), v);
    }
    if (strcmp(v, ".") == 0 || strcmp(v, ",") == 0) {
        *out = v[0];
        return CORE_OK;
    }
    return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not a valid decimal mark; use \".\" or \",\"",
                        core_config_where(cfg, section, key, where, sizeof where), v);
}

core_status core_data_opts(const core_config *cfg, const char *section, core_read_opts *opts, char ***missing_list,
                           core_err *err)
{
    memset(opts, 0, sizeof *opts);
    *missing_list = NULL;
    const char *secs[2] = {"data", section};
    core_status st;
    for (int i = 0; i < 2; i++) {
        const char *s = secs[i];
        if (!s || !core_config_has_section(cfg, s))
            continue;
        const char *v;
        if ((v = core_config_str(cfg, s, "delimiter", NULL)) &&
            (st = one_char(cfg, s, "delimiter", v, &opts->delimiter, 1, err)) != CORE_OK)
            return st;
        if ((v = core_config_str(cfg, s, "decimal", NULL)) &&
            (st = one_char(cfg, s, "decimal", v, &opts->decimal, 0, err)) != CORE_OK)
            return st;
        if (core_config_has(cfg, s, "encoding")) {
            int e;
            if ((st = core_config_pick(cfg, s, "encoding", &e, err)) != CORE_OK)
                return st;
            opts->encoding = e; /* the order of the key table's choices: CORE_ENC_* */
        }
        if ((v = core_config_str(cfg, s, "thousands", NULL))) {
            if (strcmp(v, ".") == 0 || strcmp(v, ",") == 0)
                opts->thousands = v[0];
            else if (strcmp(v, " ") == 0 || strcasecmp(v, "space") == 0)
                opts->thousands = ' ';
            else if (strcasecmp(v, "none") == 0 || v[0] == '\0')
                opts->thousands = 0;
            else {
                char where[600];
                return core_err_set(err, CORE_ERR_CONFIG,
                                    "%s: '%s' is not a valid thousands separator; use \".\", \",\", \" \" (a space, "
                                    "which also takes the no-break spaces spreadsheets write) or none",
                                    core_config_where(cfg, s, "thousands", where, sizeof where), v);
            }
        }
        if (core_config_has(cfg, s, "merge_labels") &&
            (st = core_config_bool(cfg, s, "merge_labels", 0, &opts->merge_labels, err)) != CORE_OK)
            return st;
        if (core_config_has(cfg, s, "missing")) {
            char **items;
            size_t n;
            if ((st = core_config_list(cfg, s, "missing", 1, &items, &n, err)) != CORE_OK)
                return st;
            core_config_list_free(*missing_list);
            *missing_list = items;
        }
    }
    if (opts->delimiter == ',' && opts->decimal == ',') {
        char where[600];
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: the decimal mark ',' cannot be used with the delimiter ','; Norwegian Excel exports "
                            "use delimiter \";\" with decimal \",\"",
                            core_config_where(cfg, section, "decimal", where, sizeof where));
    }
    if (opts->thousands && (opts->thousands == (opts->decimal ? opts->decimal : '.') ||
                            opts->thousands == opts->delimiter)) {
        char where[600];
        core_config_list_free(*missing_list);
        *missing_list = NULL;
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: the thousands separator '%c' is also the %s; a number column would be ambiguous "
                            "(Norwegian Excel exports use delimiter \";\", decimal \",\" and thousands \".\" or \" \")",
                            core_config_where(cfg, core_config_has(cfg, section, "thousands") ? section : "data",
                                              "thousands", where, sizeof where),
                            opts->thousands,
                            opts->thousands == opts->delimiter ? "delimiter" : "decimal mark");
    }
    opts->missing = (const char *const *)*missing_list;
    return CORE_OK;
}

core_status core_data_read_section(const core_config *cfg, const char *section, const char *key,
                                   core_table **table, char **resolved, core_err *err)
{
    return core_data_read_columns(cfg, section, key, NULL, table, resolved, err);
}

core_status core_data_read_columns(const core_config *cfg, const char *section, const char *key,
                                   const char *const *columns, core_table **table, char **resolved, core_err *err)
{
    *table = NULL;
    if (resolved)
        *resolved = NULL;
    const char *rel;
    core_status st = core_config_str_req(cfg, section, key, &rel, err);
    if (st != CORE_OK)
        return st;
    core_read_opts opts;
    char **missing = NULL;
    if ((st = core_data_opts(cfg, section, &opts, &missing, err)) != CORE_OK)
        return st;
    char *path = core_config_resolve(cfg, rel);
    if (!path) {
        core_config_list_free(missing);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    opts.display_name = path;
    opts.columns = columns;
    *table = core_read_any(path, &opts, err);
    core_config_list_free(missing);
    if (!*table) {
        free(path);
        return err ? err->code : CORE_ERR_DATA;
    }
    if (resolved)
        *resolved = path;
    else
        free(path);
    return CORE_OK;
}

core_status core_data_column(const core_config *cfg, const char *section, const char *key, const core_table *t,
                             const char *name, size_t *col, core_err *err)
{
    long j = core_table_find(t, name);
    if (j >= 0) {
        *col = (size_t)j;
        return CORE_OK;
    }
    size_t best = (size_t)-1;
    const char *near = NULL;
    for (size_t k = 0; k < t->n_cols; k++) {
        size_t d = core_edit_distance(name, t->cols[k].name);
        if (d < best) {
            best = d;
            near = t->cols[k].name;
        }
    }
    char where[600], cols[1024] = "";
    for (size_t k = 0; k < t->n_cols && strlen(cols) < 900; k++) {
        strncat(cols, k ? ", " : "", sizeof cols - strlen(cols) - 1);
        strncat(cols, t->cols[k].name, sizeof cols - strlen(cols) - 1);
    }
    core_config_where(cfg, section, key, where, sizeof where);
    if (near && best <= (strlen(name) < 6 ? 2 : strlen(name) / 2))
        return core_err_set(err, CORE_ERR_CONFIG, "%s: column '%s' is not in %s; did you mean '%s'?", where, name,
                            t->source, near);
    /* a header read with the wrong delimiter is one long name: say which character splits it */
    const char *dname = NULL;
    if (t->n_cols == 1)
        for (const char *d = ";\t,|"; *d && !dname; d++)
            if (strchr(t->cols[0].name, *d))
                dname = *d == ';' ? "\";\"" : *d == '\t' ? "tab" : *d == ',' ? "\",\"" : "\"|\"";
    if (dname)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: column '%s' is not in %s; its columns are: %s (a name holds the character %s: "
                            "is the file delimited by it? set delimiter = %s in [data])",
                            where, name, t->source, cols, dname, dname);
    return core_err_set(err, CORE_ERR_CONFIG, "%s: column '%s' is not in %s; its columns are: %s", where, name,
                        t->source, cols);
}
