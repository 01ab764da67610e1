/* Check the participant table against the trial spec and code the arms. */
#include "rct.h"

#include <stdlib.h>
#include <string.h>

#include "core/core_data.h"

void rct_trial_free(rct_trial *t)
{
    if (!t)
        return;
    free(t->arm);
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
                              core_cell_text(t, col, first_dup, buf, sizeof buf), t->row_src[other]);
    }
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
    return st;
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
    size_t total = 0;
    for (size_t k = 0; k < s->n_outcomes; k++)
        total += s->outcomes[k].n_columns;
    tr->arm = malloc((tr->n ? tr->n : 1) * sizeof *tr->arm);
    tr->outcome_cols = malloc((s->n_outcomes ? s->n_outcomes : 1) * sizeof *tr->outcome_cols);
    tr->col_index = malloc((total ? total : 1) * sizeof *tr->col_index);
    if (!tr->arm || !tr->outcome_cols || !tr->col_index) {
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
    for (int which = 0; which < 2; which++) {
        const char *want = which ? s->control : s->treatment;
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
                              core_config_where(cfg, "trial", which ? "control" : "treatment", where, sizeof where),
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
        if (strcmp(lv, s->treatment) == 0)
            tr->arm[i] = 1, tr->n_treat++;
        else if (strcmp(lv, s->control) == 0)
            tr->arm[i] = 0, tr->n_control++;
        else {
            st = core_err_set(err, CORE_ERR_DATA,
                              "%s: arm '%s' is neither the treatment level '%s' nor the control level '%s' "
                              "([trial] treatment/control); trials with more than two arms are not analysed by this "
                              "version",
                              core_cell_where(t, arm_col, i, where, sizeof where), lv, s->treatment, s->control);
            goto fail;
        }
    }
    /* Binary outcomes: 0/1 or missing. */
    for (size_t k = 0; k < s->n_outcomes; k++) {
        const rct_outcome_spec *o = &s->outcomes[k];
        if (o->type != RCT_BINARY)
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
                                      "%s: '%s' is not a number; binary outcome '%s' takes 0, 1 or a missing "
                                      "value",
                                      core_cell_where(t, col, i, where, sizeof where),
                                      core_cell_text(t, col, i, buf, sizeof buf), o->name);
                    goto fail;
                }
                if (v != 0 && v != 1) {
                    st = core_err_set(err, CORE_ERR_DATA,
                                      "%s: value %.15g is not 0 or 1; binary outcome '%s' takes 0, 1 or a missing "
                                      "value",
                                      core_cell_where(t, col, i, where, sizeof where), v, o->name);
                    goto fail;
                }
                n_obs++;
            }
            if (n_obs == 0) {
                st = core_err_set(err, CORE_ERR_DATA,
                                  "%s: column '%s' (outcome '%s') has no observed values: every cell is missing",
                                  t->source, o->columns[j], o->name);
                goto fail;
            }
        }
    }
    return CORE_OK;
fail:
    rct_trial_free(tr);
    return st;
}
