/* Check the participant table against the trial spec and code the arms. */
#include "rct/rct.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/core_data.h"
#include "rct/rct_design.h"

void rct_trial_free(rct_trial *t)
{
    if (!t)
        return;
    free(t->arm);
    free(t->n_arm);
    free(t->outcome_cols);
    free(t->col_index);
    memset(t, 0, sizeof *t);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Duplicate ids: sort (text, row) pairs and compare neighbours; report the first duplicate row. */
static core_status check_ids(const core_table *t, size_t col, core_err *err)
{
    size_t n = t->n_rows;
    char **keys = calloc(n ? n : 1, sizeof *keys);
    if (!keys)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_status st = CORE_OK;
    char buf[256], where[512];
    for (size_t i = 0; i < n && st == CORE_OK; i++) {
        if (core_cell_missing(t, col, i)) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: participant id is missing; every row needs an id",
                              core_cell_where(t, col, i, where, sizeof where));
            break;
        }
        core_cell_text(t, col, i, buf, sizeof buf);
        /* key = id text + NUL + zero-padded row, so ties sort by row */
        size_t l = strlen(buf);
        keys[i] = malloc(l + 1 + 21);
        if (!keys[i]) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            break;
        }
        memcpy(keys[i], buf, l + 1);
        snprintf(keys[i] + l + 1, 21, "%020zu", i);
    }
    if (st == CORE_OK) {
        qsort(keys, n, sizeof *keys, cmp_str);
        size_t first_dup = (size_t)-1, other = 0;
        for (size_t i = 1; i < n; i++)
            if (strcmp(keys[i], keys[i - 1]) == 0) {
                size_t r1 = strtoul(keys[i - 1] + strlen(keys[i - 1]) + 1, NULL, 10);
                size_t r2 = strtoul(keys[i] + strlen(keys[i]) + 1, NULL, 10);
                if (r2 < first_dup) {
                    first_dup = r2;
                    other = r1;
                }
            }
        if (first_dup != (size_t)-1)
            st = core_err_set(err, CORE_ERR_DATA,
                              "%s: participant id '%s' is duplicated (also on line %ld); ids must be unique in the "
                              "wide layout",
                              core_cell_where(t, col, first_dup, where, sizeof where),
                              core_cell_text(t, col, first_dup, buf, sizeof buf), core_table_line(t, other));
    }
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
    return st;
}

/* Baseline columns hold numbers (or are missing). */
static core_status check_baselines(const core_config *cfg, const rct_spec *s, const core_table *t, core_err *err)
{
    char where[512], cwhere[600], buf[256];
    for (size_t k = 0; k < s->n_outcomes; k++) {
        const rct_outcome_spec *o = &s->outcomes[k];
        if (!o->baseline || o->type == RCT_TIME_TO_EVENT)
            continue;
        size_t col = (size_t)core_table_find(t, o->baseline);
        for (size_t i = 0; i < t->n_rows; i++) {
            double v;
            if (core_cell_number(t, col, i, &v) < 0)
                return core_err_set(err, CORE_ERR_DATA,
                                    "%s: '%s' is not a number; the baseline of outcome '%s' (%s) takes numbers or a "
                                    "missing value" CORE_MISSING_HINT,
                                    core_cell_where(t, col, i, where, sizeof where),
                                    core_cell_text(t, col, i, buf, sizeof buf), o->name,
                                    core_config_where(cfg, o->section, "baseline", cwhere, sizeof cwhere));
        }
    }
    return CORE_OK;
}

/* A covariate not declared categorical ([trial] categorical) whose cells are mostly numbers is numeric: a few text
 * cells among them are typos or unlisted missing codes, not categories ("forty" in an age column would otherwise
 * turn age into a categorical covariate with a level per age). The first such cell is named. */
static core_status check_numeric_covariate(const core_config *cfg, const rct_spec *s, const core_table *t,
                                           const char *section, const char *name, core_err *err)
{
    long c = core_table_find(t, name);
    if (c < 0 || rct_declared_categorical(s, name))
        return CORE_OK;
    const core_column *col = &t->cols[c];
    if (col->type != CORE_COL_CATEGORICAL || col->n_labels > 0)
        return CORE_OK;
    size_t numbers = 0, texts = 0, first = (size_t)-1;
    for (size_t i = 0; i < t->n_rows; i++) {
        if (core_col_missing(col, i) || core_col_code(col, i) < 0)
            continue;
        double v;
        if (core_parse_double(col->levels[core_col_code(col, i)], '.', &v) ||
            core_parse_double(col->levels[core_col_code(col, i)], ',', &v))
            numbers++;
        else {
            texts++;
            if (first == (size_t)-1)
                first = i;
        }
    }
    if (texts == 0 || numbers <= texts)
        return CORE_OK; /* numbers read as text, or a text column: categorical */
    char where[512], cwhere[600], buf[256];
    return core_err_set(err, CORE_ERR_DATA,
                        "%s: '%s' is not a number, but %zu of the %zu values of covariate '%s' are numbers (%zu "
                        "cell%s of text); correct the cell, list it as a missing code ([data] missing = ..., %s), or "
                        "declare the column categorical ([trial] categorical = %s) (%s)",
                        core_cell_where(t, (size_t)c, first, where, sizeof where),
                        core_cell_text(t, (size_t)c, first, buf, sizeof buf), numbers, numbers + texts, name, texts,
                        texts == 1 ? "" : "s", core_cell_text(t, (size_t)c, first, buf, sizeof buf), name,
                        core_config_where(cfg, section, "covariates", cwhere, sizeof cwhere));
}

static core_status check_covariate_types(const core_config *cfg, const rct_spec *s, const core_table *t,
                                         core_err *err)
{
    core_status st;
    for (size_t k = 0; k < s->n_covariates; k++)
        if ((st = check_numeric_covariate(cfg, s, t, "trial", s->covariates[k], err)) != CORE_OK)
            return st;
    for (size_t k = 0; k < s->n_outcomes; k++)
        for (size_t j = 0; j < s->outcomes[k].n_covariates; j++)
            if ((st = check_numeric_covariate(cfg, s, t, s->outcomes[k].section, s->outcomes[k].covariates[j], err)) !=
                CORE_OK)
                return st;
    return CORE_OK;
}

/* Randomisation is stratified by site: every site must have every arm, or the site adjustment and the
 * stratified comparison are meaningless for it. */
static core_status check_sites(const core_config *cfg, const rct_spec *s, const rct_trial *tr, core_err *err)
{
    if (!s->site)
        return CORE_OK;
    rct_var v;
    core_status st = rct_var_init(tr->table, s->site, 1, &v, err);
    if (st != CORE_OK)
        return st;
    char where[600];
    for (size_t l = 0; l < v.n_levels && st == CORE_OK; l++) {
        long cnt[RCT_MAX_ARMS] = {0};
        for (size_t i = 0; i < tr->n; i++)
            if (v.code[i] == (int)l)
                cnt[tr->arm[i]]++;
        for (size_t k = 0; k < tr->n_arms && st == CORE_OK; k++)
            if (cnt[k] == 0) {
                char have[300] = "";
                for (size_t a = 0; a < tr->n_arms; a++)
                    if (cnt[a])
                        snprintf(have + strlen(have), sizeof have - strlen(have), "%s%ld in '%s'",
                                 have[0] ? ", " : "", cnt[a], rct_arm_level(s, a));
                st = core_err_set(err, CORE_ERR_DATA,
                                  "%s: site '%s' (column '%s') has no participant in arm '%s' (%s); randomisation "
                                  "within a site gives every arm participants there: check the site and arm columns, "
                                  "or merge the site with another (%s)",
                                  tr->table->source, v.levels[l], s->site, rct_arm_level(s, k), have,
                                  core_config_where(cfg, "trial", "site", where, sizeof where));
            }
    }
    for (size_t i = 0; i < tr->n && st == CORE_OK; i++)
        if (v.code[i] < 0) {
            char w2[512];
            st = core_err_set(err, CORE_ERR_DATA, "%s: the site is missing; every participant has a site (%s)",
                              core_cell_where(tr->table, v.col, i, w2, sizeof w2),
                              core_config_where(cfg, "trial", "site", where, sizeof where));
        }
    rct_var_free(&v);
    return st;
}

/* One adjustment set: no covariate constant, and no covariate a linear combination of the others (with the
 * arm, site and baseline), over the participants with every value present. */
static core_status check_adjustment(const core_config *cfg, const rct_spec *s, const rct_trial *tr,
                                    const char *section, const char *const *cov, size_t n_cov, const char *baseline,
                                    core_err *err)
{
    char where[600], msg[1200];
    const core_table *t = tr->table;
    for (size_t k = 0; k < n_cov; k++) {
        rct_var v;
        core_status st = rct_var_init(t, cov[k], rct_declared_categorical(s, cov[k]), &v, err);
        if (st != CORE_OK)
            return st;
        double first = NAN;
        int varies = 0, any = 0;
        for (size_t i = 0; i < t->n_rows && !varies; i++) {
            double x;
            if (v.categorical) {
                if (v.code[i] < 0)
                    continue;
                x = v.code[i];
            } else if (core_cell_number(t, v.col, i, &x) != 1) {
                continue;
            }
            if (!any)
                first = x, any = 1;
            else if (x != first)
                varies = 1;
        }
        int categorical = v.categorical;
        char lv[256] = "";
        if (categorical && any)
            snprintf(lv, sizeof lv, "%s", v.levels[(int)first]);
        rct_var_free(&v);
        if (!any)
            return core_err_set(err, CORE_ERR_DATA,
                                "%s: covariate '%s' has no observed value; remove it from [%s] covariates (%s)",
                                t->source, cov[k], section, core_config_where(cfg, section, "covariates", where,
                                                                              sizeof where));
        if (!varies) {
            char val[300];
            if (categorical)
                snprintf(val, sizeof val, "'%s'", lv);
            else
                snprintf(val, sizeof val, "%.15g", first);
            return core_err_set(err, CORE_ERR_DATA,
                                "%s: covariate '%s' is constant (%s for every participant); a constant cannot be "
                                "adjusted for: remove it from [%s] covariates (%s)",
                                t->source, cov[k], val, section,
                                core_config_where(cfg, section, "covariates", where, sizeof where));
        }
    }
    rct_model m = {.arm = 1, .site = 1, .covariates = cov, .n_covariates = n_cov, .baseline = baseline};
    rct_design d;
    core_status st = rct_design_build(s, tr, (size_t)-1, &m, &d, err);
    if (st != CORE_OK)
        return st;
    if (rct_design_collinear(&d, msg, sizeof msg, err))
        st = core_err_set(err, CORE_ERR_DATA,
                          "%s: the adjustment set is collinear among the %zu participants with every value present: "
                          "%s; remove one of these from [%s] covariates (%s)",
                          t->source, d.n, msg, section, core_config_where(cfg, section, "covariates", where, sizeof where));
    else if (err->code != CORE_OK)
        st = err->code;
    rct_design_free(&d);
    return st;
}

static core_status check_covariates(const core_config *cfg, const rct_spec *s, const rct_trial *tr, core_err *err)
{
    core_status st;
    if ((s->n_covariates || s->site) &&
        (st = check_adjustment(cfg, s, tr, "trial", (const char *const *)s->covariates, s->n_covariates, NULL, err)) !=
            CORE_OK)
        return st;
    for (size_t k = 0; k < s->n_outcomes; k++) {
        const rct_outcome_spec *o = &s->outcomes[k];
        if (o->type == RCT_TIME_TO_EVENT || (!o->has_covariates && !o->baseline))
            continue;
        const char *const *cov;
        size_t n_cov;
        rct_outcome_covariates(s, o, &cov, &n_cov);
        if ((st = check_adjustment(cfg, s, tr, o->has_covariates ? o->section : "trial", cov, n_cov, o->baseline,
                                   err)) != CORE_OK)
            return st;
    }
    return CORE_OK;
}

/* Subgroup variables: 2 to RCT_MAX_LEVELS levels, every participant's value present or missing. */
static core_status check_subgroups(const core_config *cfg, const rct_spec *s, const rct_trial *tr, core_err *err)
{
    char where[600];
    for (size_t k = 0; k < s->n_subgroups; k++) {
        rct_var v;
        core_status st = rct_var_init(tr->table, s->subgroups[k], 1, &v, err);
        if (st != CORE_OK)
            return st;
        size_t nl = v.n_levels;
        rct_var_free(&v);
        if (nl < 2 || nl > RCT_MAX_LEVELS)
            return core_err_set(err, CORE_ERR_DATA,
                                "%s: subgroup variable '%s' has %zu distinct value%s; a subgroup analysis needs 2 to %d "
                                "groups (give a grouping column, e.g. an age band instead of age) (%s)",
                                tr->table->source, s->subgroups[k], nl, nl == 1 ? "" : "s", RCT_MAX_LEVELS,
                                core_config_where(cfg, "trial", "subgroups", where, sizeof where));
    }
    return CORE_OK;
}

core_status rct_trial_load(const core_config *cfg, const rct_spec *s, const core_table *t, rct_trial *tr,
                           core_err *err)
{
    memset(tr, 0, sizeof *tr);
    tr->table = t;
    tr->n = t->n_rows;
    core_status st;
    size_t id_col = 0, arm_col, c;
    char where[512], buf[256];
    if ((s->id && (st = core_data_column(cfg, "trial", "id", t, s->id, &id_col, err)) != CORE_OK) ||
        (st = core_data_column(cfg, "trial", "arm", t, s->arm, &arm_col, err)) != CORE_OK)
        return st;
    if (s->site && (st = core_data_column(cfg, "trial", "site", t, s->site, &c, err)) != CORE_OK)
        return st;
    for (size_t k = 0; k < s->n_covariates; k++)
        if ((st = core_data_column(cfg, "trial", "covariates", t, s->covariates[k], &c, err)) != CORE_OK)
            return st;
    for (size_t k = 0; k < s->n_subgroups; k++)
        if ((st = core_data_column(cfg, "trial", "subgroups", t, s->subgroups[k], &c, err)) != CORE_OK)
            return st;
    for (size_t k = 0; k < s->n_outcomes; k++) {
        const rct_outcome_spec *o = &s->outcomes[k];
        for (size_t j = 0; j < o->n_covariates; j++)
            if ((st = core_data_column(cfg, o->section, "covariates", t, o->covariates[j], &c, err)) != CORE_OK)
                return st;
        if (o->baseline && (st = core_data_column(cfg, o->section, "baseline", t, o->baseline, &c, err)) != CORE_OK)
            return st;
    }
    if (s->n_treatments + 1 > RCT_MAX_ARMS)
        return core_err_set(err, CORE_ERR_CONFIG, "%s: at most %d intervention arms",
                            core_config_where(cfg, "trial", "treatment", where, sizeof where), RCT_MAX_ARMS - 1);
    size_t total = 0;
    for (size_t k = 0; k < s->n_outcomes; k++)
        total += s->outcomes[k].n_columns;
    tr->arm = malloc((tr->n ? tr->n : 1) * sizeof *tr->arm);
    tr->n_arms = s->n_treatments + 1;
    tr->n_arm = calloc(tr->n_arms, sizeof *tr->n_arm);
    tr->outcome_cols = malloc((s->n_outcomes ? s->n_outcomes : 1) * sizeof *tr->outcome_cols);
    tr->col_index = malloc((total ? total : 1) * sizeof *tr->col_index);
    if (!tr->arm || !tr->n_arm || !tr->outcome_cols || !tr->col_index) {
        rct_trial_free(tr);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    size_t pos = 0;
    for (size_t k = 0; k < s->n_outcomes; k++) {
        const rct_outcome_spec *o = &s->outcomes[k];
        tr->outcome_cols[k] = pos;
        for (size_t j = 0; j < o->n_columns; j++) {
            const char *key = core_config_has(cfg, o->section, "columns") ? "columns" : "column";
            if ((st = core_data_column(cfg, o->section, key, t, o->columns[j], &tr->col_index[pos++], err)) !=
                CORE_OK)
                goto fail;
        }
    }
    if (s->id && (st = check_ids(t, id_col, err)) != CORE_OK)
        goto fail;
    /* The configured levels must occur; say which levels the column has when one does not. */
    for (size_t which = 0; which <= s->n_treatments; which++) {
        const char *want = which == s->n_treatments ? s->control : s->treatments[which];
        int found = 0;
        char levels[512] = "";
        size_t n_lv = 0;
        for (size_t i = 0; i < tr->n && !found; i++) {
            if (core_cell_missing(t, arm_col, i))
                continue;
            const char *lv = core_cell_text(t, arm_col, i, buf, sizeof buf);
            found = strcmp(lv, want) == 0;
            /* collect up to a few distinct levels for the message */
            char quoted[300];
            snprintf(quoted, sizeof quoted, "%s%s", n_lv ? ", " : "", lv);
            int seen = 0;
            for (char *q = strstr(levels, lv); q && !seen; q = strstr(q + 1, lv)) {
                size_t l = strlen(lv);
                seen = (q == levels || (q[-1] == ' ' && q[-2] == ',')) && (q[l] == '\0' || q[l] == ',');
            }
            if (!seen && n_lv < 8 && strlen(levels) + strlen(quoted) < sizeof levels - 1) {
                strcat(levels, quoted);
                n_lv++;
            }
        }
        if (!found) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: level '%s' does not occur in column '%s' of %s; its levels are: %s",
                              core_config_where(cfg, "trial", which == s->n_treatments ? "control" : "treatment",
                                                where, sizeof where),
                              want, s->arm, t->source, levels);
            goto fail;
        }
    }
    /* Arms: exactly the configured treatment and control levels, for everyone (ITT). */
    for (size_t i = 0; i < tr->n; i++) {
        if (core_cell_missing(t, arm_col, i)) {
            st = core_err_set(err, CORE_ERR_DATA,
                              "%s: arm is missing; every randomised participant needs their arm ('%s' or '%s')",
                              core_cell_where(t, arm_col, i, where, sizeof where), s->treatment, s->control);
            goto fail;
        }
        const char *lv = core_cell_text(t, arm_col, i, buf, sizeof buf);
        int code = strcmp(lv, s->control) == 0 ? 0 : -1;
        for (size_t a = 0; a < s->n_treatments && code < 0; a++)
            if (strcmp(lv, s->treatments[a]) == 0)
                code = (int)a + 1;
        if (code < 0) {
            st = core_err_set(err, CORE_ERR_DATA,
                              "%s: arm '%s' is neither %s '%s' nor the control level '%s' ([trial] treatment/control); "
                              "a trial with more arms lists every intervention level: treatment = %s, %s",
                              core_cell_where(t, arm_col, i, where, sizeof where), lv,
                              s->n_treatments > 1 ? "an intervention level such as" : "the treatment level",
                              s->treatment, s->control, s->treatment, lv);
            goto fail;
        }
        tr->arm[i] = code;
        tr->n_arm[code]++;
        if (code)
            tr->n_treat++;
        else
            tr->n_control++;
    }
    /* Binary outcomes: 0/1 or missing; continuous: numbers or missing. Neither all missing. */
    for (size_t k = 0; k < s->n_outcomes; k++) {
        const rct_outcome_spec *o = &s->outcomes[k];
        if (o->type == RCT_TIME_TO_EVENT)
            continue;
        for (size_t j = 0; j < o->n_columns; j++) {
            size_t col = tr->col_index[tr->outcome_cols[k] + j];
            size_t n_obs = 0;
            for (size_t i = 0; i < tr->n; i++) {
                double v;
                int r = core_cell_number(t, col, i, &v);
                if (r == 0)
                    continue;
                if (r < 0) {
                    st = core_err_set(err, CORE_ERR_DATA,
                                      "%s: '%s' is not a number; %s outcome '%s' takes %s or a missing value"
                                      CORE_MISSING_HINT,
                                      core_cell_where(t, col, i, where, sizeof where),
                                      core_cell_text(t, col, i, buf, sizeof buf),
                                      o->type == RCT_BINARY ? "binary" : "continuous", o->name,
                                      o->type == RCT_BINARY ? "0, 1" : "numbers");
                    goto fail;
                }
                if (o->type == RCT_BINARY && v != 0 && v != 1) {
                    st = core_err_set(err, CORE_ERR_DATA,
                                      "%s: value %.15g is not 0 or 1; binary outcome '%s' takes 0, 1 or a missing "
                                      "value" CORE_MISSING_HINT,
                                      core_cell_where(t, col, i, where, sizeof where), v, o->name);
                    goto fail;
                }
                /* 1e308 is a valid double, but its sums and squares overflow to Inf/NaN in every
                 * analysis (found by the bad-input catalogue, issue 10): refuse, naming the cell */
                if (o->type == RCT_CONTINUOUS && !(v >= -1e100 && v <= 1e100)) {
                    st = core_err_set(err, CORE_ERR_DATA,
                                      "%s: value %.15g is too large to analyse (sums of squares overflow beyond "
                                      "1e100); continuous outcome '%s': rescale the column, e.g. to thousands",
                                      core_cell_where(t, col, i, where, sizeof where), v, o->name);
                    goto fail;
                }
                n_obs++;
            }
            if (n_obs == 0) {
                char cw[600];
                st = core_err_set(err, CORE_ERR_DATA,
                                  "%s: column '%s' (outcome '%s') has no observed values: every cell is missing; an "
                                  "outcome column needs at least one %s value: check the column named in [%s] (%s) "
                                  "and the missing codes of [data] missing",
                                  t->source, o->columns[j], o->name, o->type == RCT_BINARY ? "0/1" : "numeric",
                                  o->section,
                                  core_config_where(cfg, o->section, o->n_columns > 1 ? "columns" : "column", cw,
                                                    sizeof cw));
                goto fail;
            }
        }
    }
    if ((st = check_baselines(cfg, s, t, err)) != CORE_OK || (st = check_covariate_types(cfg, s, t, err)) != CORE_OK ||
        (st = check_sites(cfg, s, tr, err)) != CORE_OK ||
        (st = check_covariates(cfg, s, tr, err)) != CORE_OK || (st = check_subgroups(cfg, s, tr, err)) != CORE_OK)
        goto fail;
    return CORE_OK;
fail:
    rct_trial_free(tr);
    return st;
}

core_status rct_recode_binary(const core_config *cfg, const rct_spec *s, core_table *t, core_err *err)
{
    for (size_t k = 0; k < s->n_outcomes; k++) {
        const rct_outcome_spec *o = &s->outcomes[k];
        if (o->type != RCT_BINARY || !o->yes)
            continue;
        for (size_t j = 0; j < o->n_columns; j++) {
            long c = core_table_find(t, o->columns[j]);
            if (c < 0 || t->cols[c].type != CORE_COL_CATEGORICAL)
                continue; /* an absent column is named by rct_trial_load; numbers stay as they are */
            core_column *col = &t->cols[c];
            double *num = malloc((t->n_rows ? t->n_rows : 1) * sizeof *num);
            if (!num)
                return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            for (size_t i = 0; i < t->n_rows; i++) {
                num[i] = 0;
                if (core_col_missing(col, i) || core_col_code(col, i) < 0)
                    continue;
                const char *v = col->levels[core_col_code(col, i)];
                if (strcasecmp(v, o->yes) == 0)
                    num[i] = 1;
                else if (strcasecmp(v, o->no) != 0) {
                    char where[512], cw[600];
                    core_status st = core_err_set(
                        err, CORE_ERR_DATA,
                        "%s: '%s' is neither yes = '%s' nor no = '%s' of binary outcome '%s' (%s); give one of the "
                        "two or a missing value" CORE_MISSING_HINT,
                        core_cell_where(t, (size_t)c, i, where, sizeof where), v, o->yes, o->no, o->name,
                        core_config_where(cfg, o->section, "yes", cw, sizeof cw));
                    free(num);
                    return st;
                }
            }
            if (core_table_column_to_numeric(t, (size_t)c, num) != CORE_OK)
                return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
    }
    return CORE_OK;
}
