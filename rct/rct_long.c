/* The trial over time: the long layout, and one model across all timepoints (GEE, GLMM, LMM).
 * docs/methods.md (the trial over time) describes the models; stats/st_gee.h, st_glmm.h, st_lmm.h the estimators. */
#include "rct/rct.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/core_data.h"
#include "rct/rct_design.h"
#include "stats/st_gee.h"
#include "stats/st_glm.h"
#include "stats/st_glmm.h"
#include "stats/st_lmm.h"

/* ------------------------------------------------------------------ spec */

void rct_long_spec_free(rct_long_spec *ls)
{
    if (!ls)
        return;
    free(ls->time);
    for (size_t k = 0; k < ls->n_outcomes; k++) {
        rct_tte_spec *t = &ls->tte[k];
        free(t->time);
        free(t->event);
        free(t->event_value);
        free(t->at);
        core_config_list_free(t->at_labels);
    }
    free(ls->tte);
    memset(ls, 0, sizeof *ls);
}

static char *dup_opt(const char *s)
{
    return s ? strdup(s) : NULL;
}

core_status rct_long_spec_read(const core_config *cfg, const rct_spec *spec, rct_long_spec *ls, core_err *err)
{
    memset(ls, 0, sizeof *ls);
    char where[600];
    core_status st;
    const char *layout = core_config_str(cfg, "trial", "layout", "wide");
    ls->layout_long = strcasecmp(layout, "long") == 0;
    ls->time = dup_opt(core_config_str(cfg, "trial", "time", NULL));
    if (ls->layout_long && !ls->time) {
        rct_long_spec_free(ls);
        return core_err_set(err, CORE_ERR_CONFIG, "%s: layout = long needs key 'time' in [trial]: the column that "
                            "says which timepoint a row belongs to",
                            core_config_where(cfg, "trial", "layout", where, sizeof where));
    }
    if (ls->layout_long && !spec->id) {
        rct_long_spec_free(ls);
        return core_err_set(err, CORE_ERR_CONFIG, "%s: layout = long needs key 'id' in [trial]: the participant id "
                            "that ties a participant's rows together",
                            core_config_where(cfg, "trial", "layout", where, sizeof where));
    }
    if ((st = core_config_bool(cfg, "trial", "arm_by_time", 1, &ls->arm_by_time, err)) != CORE_OK ||
        (st = core_config_long(cfg, "trial", "glmm_points", 25, 1, 100, &ls->glmm_points, err)) != CORE_OK) {
        rct_long_spec_free(ls);
        return st;
    }
    ls->tte = calloc(spec->n_outcomes ? spec->n_outcomes : 1, sizeof *ls->tte);
    if (!ls->tte) {
        rct_long_spec_free(ls);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    ls->n_outcomes = spec->n_outcomes;
    for (size_t k = 0; k < spec->n_outcomes; k++) {
        const rct_outcome_spec *o = &spec->outcomes[k];
        rct_tte_spec *t = &ls->tte[k];
        static const char *const tte_keys[] = {"time", "event", "event_value", "at", "rmst_tau", NULL};
        if (o->type != RCT_TIME_TO_EVENT) {
            for (const char *const *key = tte_keys; *key; key++)
                if (core_config_has(cfg, o->section, *key)) {
                    rct_long_spec_free(ls);
                    return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is for time_to_event outcomes; this one is "
                                        "type = %s",
                                        core_config_where(cfg, o->section, *key, where, sizeof where), *key,
                                        o->type == RCT_BINARY ? "binary" : "continuous");
                }
            continue;
        }
        const char *tm, *ev;
        if ((st = core_config_str_req(cfg, o->section, "time", &tm, err)) != CORE_OK ||
            (st = core_config_str_req(cfg, o->section, "event", &ev, err)) != CORE_OK) {
            core_err_prefix(err, "a time_to_event outcome needs 'time' (time to the event or censoring) and 'event' "
                            "(the event indicator)");
            rct_long_spec_free(ls);
            return st;
        }
        if (o->n_columns > 0) {
            rct_long_spec_free(ls);
            return core_err_set(err, CORE_ERR_CONFIG, "%s: a time_to_event outcome takes 'time' and 'event', not "
                                "'column(s)'",
                                core_config_where(cfg, o->section, core_config_has(cfg, o->section, "columns")
                                                                       ? "columns"
                                                                       : "column",
                                                  where, sizeof where));
        }
        t->time = strdup(tm);
        t->event = strdup(ev);
        t->event_value = strdup(core_config_str(cfg, o->section, "event_value", "1"));
        if (!t->time || !t->event || !t->event_value) {
            rct_long_spec_free(ls);
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
        if ((st = core_config_list(cfg, o->section, "at", 0, &t->at_labels, &t->n_at, err)) != CORE_OK) {
            rct_long_spec_free(ls);
            return st;
        }
        t->at = malloc((t->n_at ? t->n_at : 1) * sizeof *t->at);
        if (!t->at) {
            rct_long_spec_free(ls);
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
        for (size_t j = 0; j < t->n_at; j++)
            if (!core_parse_double(t->at_labels[j], '.', &t->at[j]) || t->at[j] < 0) {
                core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not a time >= 0; give the times at which to report "
                             "survival, e.g. at = 30, 90, 180",
                             core_config_where(cfg, o->section, "at", where, sizeof where), t->at_labels[j]);
                rct_long_spec_free(ls);
                return CORE_ERR_CONFIG;
            }
        /* the RMST horizon: a time > 0 in the unit of 'time' (absent: the last follow-up every arm reaches) */
        if ((st = core_config_double(cfg, o->section, "rmst_tau", NAN, 0, INFINITY, 1, 1, &t->rmst_tau, err)) !=
            CORE_OK) {
            rct_long_spec_free(ls);
            return st;
        }
    }
    return CORE_OK;
}

/* ------------------------------------------------------------------ long -> wide */

typedef struct part_map {
    size_t n;            /* participants */
    size_t *of_row;      /* participant index of each long row */
    size_t *first_row;   /* first long row of each participant */
} part_map;

static int cmp_keyed(const void *a, const void *b)
{
    const char *const *x = a, *const *y = b;
    return strcmp(*x, *y);
}

/* Participants by id text, in order of first appearance (sorted keys "id\0row" then a pass). */
static core_status map_participants(const core_table *t, size_t id_col, part_map *m, core_err *err)
{
    size_t n = t->n_rows;
    char buf[256], where[512];
    char **keys = calloc(n ? n : 1, sizeof *keys);
    m->of_row = malloc((n ? n : 1) * sizeof *m->of_row);
    m->first_row = malloc((n ? n : 1) * sizeof *m->first_row);
    if (!keys || !m->of_row || !m->first_row) {
        free(keys);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    core_status st = CORE_OK;
    for (size_t i = 0; i < n; i++) {
        if (core_cell_missing(t, id_col, i)) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: participant id is missing; every row needs an id",
                              core_cell_where(t, id_col, i, where, sizeof where));
            goto out;
        }
        core_cell_text(t, id_col, i, buf, sizeof buf);
        size_t l = strlen(buf);
        if (!(keys[i] = malloc(l + 22))) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto out;
        }
        memcpy(keys[i], buf, l + 1);
        snprintf(keys[i] + l + 1, 21, "%020zu", i);
    }
    /* sort by (id, row); the first of each run is the participant's first row */
    qsort(keys, n, sizeof *keys, cmp_keyed);
    size_t *rep = malloc((n ? n : 1) * sizeof *rep); /* row -> first row of its id */
    if (!rep) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto out;
    }
    for (size_t q = 0, first = 0; q < n; q++) {
        size_t row = strtoul(keys[q] + strlen(keys[q]) + 1, NULL, 10);
        if (q == 0 || strcmp(keys[q], keys[q - 1]) != 0)
            first = row;
        rep[row] = first;
    }
    m->n = 0;
    for (size_t i = 0; i < n; i++) {
        if (rep[i] == i) {
            m->first_row[m->n] = i;
            m->of_row[i] = m->n++;
        } else {
            m->of_row[i] = m->of_row[rep[i]];
        }
    }
    free(rep);
out:
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
    return st;
}

static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Copy cell (src_col, src_row) of lt into (dst_col, dst_row) of w; the types match. */
static core_status copy_cell(const core_table *lt, size_t sc, size_t sr, core_table *w, size_t dc, size_t dr)
{
    if (core_cell_missing(lt, sc, sr))
        return CORE_OK;
    if (lt->cols[sc].type == CORE_COL_NUMERIC) {
        core_table_set_num(w, dc, dr, core_col_num(&lt->cols[sc], sr));
        return CORE_OK;
    }
    return core_table_set_text(w, dc, dr, lt->cols[sc].levels[core_col_code(&lt->cols[sc], sr)]);
}

core_status rct_long_reshape(const core_config *cfg, rct_spec *spec, const rct_long_spec *ls, const core_table *lt,
                             core_table **wide, core_err *err)
{
    *wide = NULL;
    core_status st;
    char where[512], buf[256], buf2[256];
    size_t id_col, time_col;
    if ((st = core_data_column(cfg, "trial", "id", lt, spec->id, &id_col, err)) != CORE_OK ||
        (st = core_data_column(cfg, "trial", "time", lt, ls->time, &time_col, err)) != CORE_OK)
        return st;
    /* participant-level columns: id, arm, site, covariates, subgroups, baselines, time-to-event columns */
    enum { MAXC = 256 };
    const char *pcol_name[MAXC];
    const char *pcol_key[MAXC], *pcol_sec[MAXC];
    size_t n_pc = 0;
#define ADD_PC(name, sec, key)                                                                                     \
    do {                                                                                                           \
        int dup_ = 0;                                                                                              \
        for (size_t q_ = 0; q_ < n_pc; q_++)                                                                      \
            dup_ |= strcmp(pcol_name[q_], (name)) == 0;                                                            \
        if (!dup_ && n_pc < MAXC) {                                                                                \
            pcol_name[n_pc] = (name);                                                                              \
            pcol_sec[n_pc] = (sec);                                                                                \
            pcol_key[n_pc++] = (key);                                                                              \
        }                                                                                                          \
    } while (0)
    ADD_PC(spec->id, "trial", "id");
    ADD_PC(spec->arm, "trial", "arm");
    if (spec->site)
        ADD_PC(spec->site, "trial", "site");
    for (size_t k = 0; k < spec->n_covariates; k++)
        ADD_PC(spec->covariates[k], "trial", "covariates");
    for (size_t k = 0; k < spec->n_subgroups; k++)
        ADD_PC(spec->subgroups[k], "trial", "subgroups");
    for (size_t k = 0; k < spec->n_outcomes; k++) {
        rct_outcome_spec *o = &spec->outcomes[k];
        if (o->baseline)
            ADD_PC(o->baseline, o->section, "baseline");
        for (size_t j = 0; o->has_covariates && j < o->n_covariates; j++)
            ADD_PC(o->covariates[j], o->section, "covariates");
        if (ls->tte[k].time) {
            ADD_PC(ls->tte[k].time, o->section, "time");
            ADD_PC(ls->tte[k].event, o->section, "event");
        }
    }
#undef ADD_PC
    size_t pcol[MAXC];
    for (size_t q = 0; q < n_pc; q++)
        if ((st = core_data_column(cfg, pcol_sec[q], pcol_key[q], lt, pcol_name[q], &pcol[q], err)) != CORE_OK)
            return st;
    /* outcomes measured over time: `column` (one) in the long layout */
    size_t n_rep = 0, rep_col[64], rep_k[64];
    for (size_t k = 0; k < spec->n_outcomes; k++) {
        rct_outcome_spec *o = &spec->outcomes[k];
        if (o->type == RCT_TIME_TO_EVENT)
            continue;
        if (o->n_columns != 1 || core_config_has(cfg, o->section, "columns"))
            return core_err_set(err, CORE_ERR_CONFIG, "%s: with layout = long give one outcome column ('column = "
                                "...'); the timepoint comes from [trial] time",
                                core_config_where(cfg, o->section, "columns", where, sizeof where));
        if (n_rep == 64)
            return core_err_set(err, CORE_ERR_CONFIG, "%s: at most 64 outcomes in the long layout",
                                core_config_path(cfg));
        if ((st = core_data_column(cfg, o->section, "column", lt, o->columns[0], &rep_col[n_rep], err)) != CORE_OK)
            return st;
        rep_k[n_rep++] = k;
    }
    /* timepoints: [trial] timepoints (their order), else the time column's values (numeric order) */
    size_t T = 0;
    char **tps = NULL;
    if (spec->n_timepoints > 0) {
        T = spec->n_timepoints;
        tps = spec->timepoints;
    } else {
        double *vals = malloc((lt->n_rows ? lt->n_rows : 1) * sizeof *vals);
        if (!vals)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        size_t nv = 0;
        for (size_t i = 0; i < lt->n_rows; i++) {
            double v;
            int r = core_cell_number(lt, time_col, i, &v);
            if (r == 0)
                continue;
            if (r < 0) {
                free(vals);
                return core_err_set(err, CORE_ERR_DATA, "%s: timepoint '%s' is not a number; give [trial] timepoints "
                                    "to name text timepoints in order",
                                    core_cell_where(lt, time_col, i, where, sizeof where),
                                    core_cell_text(lt, time_col, i, buf, sizeof buf));
            }
            vals[nv++] = v;
        }
        qsort(vals, nv, sizeof *vals, cmp_dbl);
        tps = calloc(nv + 1, sizeof *tps);
        if (!tps) {
            free(vals);
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
        for (size_t i = 0; i < nv; i++)
            if (i == 0 || vals[i] != vals[i - 1]) {
                snprintf(buf, sizeof buf, "%.15g", vals[i]);
                if (!(tps[T++] = strdup(buf))) {
                    free(vals);
                    core_config_list_free(tps);
                    return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                }
            }
        free(vals);
        if (T > 64) {
            core_config_list_free(tps);
            return core_err_set(err, CORE_ERR_DATA, "%s: column '%s' has %zu distinct timepoints; at most 64 (list "
                                "the ones to analyse in [trial] timepoints)",
                                lt->source, ls->time, T);
        }
        core_config_list_free(spec->timepoints); /* the empty list of an absent key */
        spec->timepoints = tps; /* the spec owns them from here (rct_spec_free frees the list) */
        spec->n_timepoints = T;
    }
    if (T == 0)
        return core_err_set(err, CORE_ERR_DATA, "%s: column '%s' has no timepoints (every cell is missing)", lt->source,
                            ls->time);
    part_map pm = {0};
    core_table *w = NULL;
    size_t *tp_of = malloc((lt->n_rows ? lt->n_rows : 1) * sizeof *tp_of);
    long *seen = NULL;
    char **names = NULL;
    core_col_type *types = NULL;
    char (*rep_names)[300] = NULL;
    if (!tp_of) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < lt->n_rows; i++) {
        if (core_cell_missing(lt, time_col, i)) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: the timepoint is missing; every row of the long layout belongs "
                              "to one timepoint",
                              core_cell_where(lt, time_col, i, where, sizeof where));
            goto fail;
        }
        const char *tx = core_cell_text(lt, time_col, i, buf, sizeof buf);
        double tv, pv;
        int tnum = core_parse_double(tx, '.', &tv);
        size_t j = T;
        for (size_t q = 0; q < T && j == T; q++)
            if (strcmp(tx, tps[q]) == 0 || (tnum && core_parse_double(tps[q], '.', &pv) && pv == tv))
                j = q;
        if (j == T) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: timepoint '%s' is not one of [trial] timepoints; list it there "
                              "or remove the row",
                              core_cell_where(lt, time_col, i, where, sizeof where), tx);
            goto fail;
        }
        tp_of[i] = j;
    }
    if ((st = map_participants(lt, id_col, &pm, err)) != CORE_OK)
        goto fail;
    /* one row per participant and timepoint */
    seen = malloc((pm.n * T + 1) * sizeof *seen);
    if (!seen) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto fail;
    }
    for (size_t q = 0; q < pm.n * T; q++)
        seen[q] = -1;
    for (size_t i = 0; i < lt->n_rows; i++) {
        long *s = &seen[pm.of_row[i] * T + tp_of[i]];
        if (*s >= 0) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: participant '%s' has two rows at timepoint %s (also on line %ld); "
                              "the long layout has one row per participant and timepoint",
                              core_cell_where(lt, id_col, i, where, sizeof where),
                              core_cell_text(lt, id_col, i, buf, sizeof buf), tps[tp_of[i]], core_table_line(lt, *s));
            goto fail;
        }
        *s = (long)i;
    }
    /* participant-level columns must agree across a participant's rows */
    for (size_t q = 0; q < n_pc; q++)
        for (size_t i = 0; i < lt->n_rows; i++) {
            size_t f = pm.first_row[pm.of_row[i]];
            if (f == i || core_cell_missing(lt, pcol[q], i) || core_cell_missing(lt, pcol[q], f))
                continue;
            if (strcmp(core_cell_text(lt, pcol[q], i, buf, sizeof buf), core_cell_text(lt, pcol[q], f, buf2,
                                                                                         sizeof buf2)) != 0) {
                st = core_err_set(err, CORE_ERR_DATA, "%s: '%s' differs from line %ld of the same participant ('%s'); "
                                  "a participant's %s is the same on every row of the long layout",
                                  core_cell_where(lt, pcol[q], i, where, sizeof where), buf, core_table_line(lt, f), buf2,
                                  pcol_name[q]);
                goto fail;
            }
        }
    /* the wide table */
    size_t n_cols = n_pc + n_rep * T;
    names = calloc(n_cols, sizeof *names);
    types = calloc(n_cols, sizeof *types);
    rep_names = calloc(n_rep * T + 1, sizeof *rep_names);
    if (!names || !types || !rep_names) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto fail;
    }
    for (size_t q = 0; q < n_pc; q++) {
        names[q] = (char *)lt->cols[pcol[q]].name;
        types[q] = lt->cols[pcol[q]].type;
    }
    for (size_t r = 0; r < n_rep; r++)
        for (size_t j = 0; j < T; j++) {
            snprintf(rep_names[r * T + j], sizeof rep_names[0], "%s@%s", lt->cols[rep_col[r]].name, tps[j]);
            names[n_pc + r * T + j] = rep_names[r * T + j];
            types[n_pc + r * T + j] = lt->cols[rep_col[r]].type;
        }
    w = core_table_new(lt->source, pm.n, n_cols, (const char *const *)names, types);
    if (!w) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto fail;
    }
    for (size_t p = 0; p < pm.n && st == CORE_OK; p++)
        if (core_table_set_line(w, p, core_table_line(lt, pm.first_row[p])) != CORE_OK)
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < lt->n_rows && st == CORE_OK; i++) {
        size_t p = pm.of_row[i];
        for (size_t q = 0; q < n_pc && st == CORE_OK; q++)
            if (core_cell_missing(w, q, p))
                st = copy_cell(lt, pcol[q], i, w, q, p);
        for (size_t r = 0; r < n_rep && st == CORE_OK; r++)
            st = copy_cell(lt, rep_col[r], i, w, n_pc + r * T + tp_of[i], p);
    }
    if (st != CORE_OK) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto fail;
    }
    /* the binary outcomes' values are checked here, where the long file's line is known */
    for (size_t r = 0; r < n_rep; r++) {
        rct_outcome_spec *o = &spec->outcomes[rep_k[r]];
        if (o->type != RCT_BINARY)
            continue;
        for (size_t i = 0; i < lt->n_rows; i++) {
            double v;
            int rc = core_cell_number(lt, rep_col[r], i, &v);
            if (rc < 0 || (rc == 1 && v != 0 && v != 1)) {
                st = core_err_set(err, CORE_ERR_DATA, "%s: '%s' is not 0 or 1; binary outcome '%s' takes 0, 1 or a "
                                  "missing value" CORE_MISSING_HINT,
                                  core_cell_where(lt, rep_col[r], i, where, sizeof where),
                                  core_cell_text(lt, rep_col[r], i, buf, sizeof buf), o->name);
                goto fail;
            }
        }
    }
    /* rewrite the outcomes to the wide columns */
    for (size_t r = 0; r < n_rep; r++) {
        rct_outcome_spec *o = &spec->outcomes[rep_k[r]];
        char **cols = calloc(T + 1, sizeof *cols), **labs = calloc(T + 1, sizeof *labs);
        if (!cols || !labs) {
            free(cols);
            free(labs);
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto fail;
        }
        for (size_t j = 0; j < T; j++) {
            cols[j] = strdup(rep_names[r * T + j]);
            labs[j] = strdup(tps[j]);
            if (!cols[j] || !labs[j]) {
                core_config_list_free(cols);
                core_config_list_free(labs);
                st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                goto fail;
            }
        }
        core_config_list_free(o->columns);
        core_config_list_free(o->timepoints);
        o->columns = cols;
        o->n_columns = T;
        o->timepoints = labs;
        o->n_timepoints = T;
    }
    free(tp_of);
    free(pm.of_row);
    free(pm.first_row);
    free(seen);
    free(names);
    free(types);
    free(rep_names);
    *wide = w;
    return CORE_OK;
fail:
    core_table_free(w);
    free(tp_of);
    free(pm.of_row);
    free(pm.first_row);
    free(seen);
    free(names);
    free(types);
    free(rep_names);
    return st;
}

/* ------------------------------------------------------------------ the models */

typedef struct long_data {
    size_t n;        /* observations */
    size_t p;        /* coefficients */
    double *y, *X;
    size_t *unit;    /* participant index (0..n_units-1) */
    long *wave;      /* timepoint index */
    size_t n_units;
    char **term;     /* p term names */
    char **tp;       /* p: timepoint of the term (arm-by-time) or NULL */
    int *is_arm;     /* p: 1 for treatment terms (odds ratios reported) */
    char adjusted_for[500]; /* "adjusted for site (county, fixed effects), age, baseline emp0", or "" */
} long_data;

static void long_data_free(long_data *d)
{
    free(d->y);
    free(d->X);
    free(d->unit);
    free(d->wave);
    for (size_t j = 0; j < d->p; j++) {
        free(d->term[j]);
        free(d->tp[j]);
    }
    free(d->term);
    free(d->tp);
    free(d->is_arm);
    memset(d, 0, sizeof *d);
}

static char *fmt_dup(const char *fmt, const char *a, const char *b)
{
    char buf[600];
    snprintf(buf, sizeof buf, fmt, a, b);
    return strdup(buf);
}

/* Build the long data of outcome k: intercept, time dummies, arm (or arm-by-time) terms, then (adjust = yes, the
 * default) the per-participant adjustment of the per-timepoint adjusted models: [trial] site as fixed effects, the
 * outcome's adjustment set and its baseline (rct_design_build over participants, so term names and reference levels
 * are the same). A participant without site, covariates or baseline is left out. Returns CORE_OK with d->n == 0 and
 * *why set when the model is not estimable. */
static core_status build(const rct_spec *s, const rct_long_spec *ls, const rct_trial *tr, size_t k, long_data *d,
                         char *why, size_t why_size, core_err *err)
{
    memset(d, 0, sizeof *d);
    const rct_outcome_spec *o = &s->outcomes[k];
    size_t T = o->n_columns, A = tr->n_arms, N = tr->n, NT = N * T;
    core_status st;
    /* the per-participant adjustment columns */
    rct_design adj = {0};
    size_t q = 0;              /* adjustment columns (without the intercept) */
    size_t *adj_row = NULL;    /* participant -> row of adj.X, or (size_t)-1 */
    int adjusted = o->adjust && (s->site || o->baseline || (o->has_covariates ? o->n_covariates : s->n_covariates));
    if (adjusted) {
        rct_model m = {.arm = 0, .site = 1, .baseline = o->baseline};
        rct_outcome_covariates(s, o, &m.covariates, &m.n_covariates);
        core_err e2;
        st = rct_design_build(s, tr, (size_t)-1, &m, &adj, &e2);
        if (st == CORE_ERR_ANALYSIS) {
            snprintf(why, why_size, "not estimable: %.500s", e2.msg);
            rct_design_free(&adj);
            return CORE_OK;
        }
        if (st != CORE_OK) {
            rct_design_free(&adj);
            *err = e2;
            return st;
        }
        q = adj.p - 1;
        /* the label's words: site, covariates, baseline as configured */
        const char *const *cv;
        size_t ncv, len = 0;
        rct_outcome_covariates(s, o, &cv, &ncv);
        len += (size_t)snprintf(d->adjusted_for, sizeof d->adjusted_for, "adjusted for");
        const char *sep = " ";
        if (s->site && len < sizeof d->adjusted_for) {
            len += (size_t)snprintf(d->adjusted_for + len, sizeof d->adjusted_for - len,
                                    "%ssite (%s, fixed effects)", sep, s->site);
            sep = ", ";
        }
        for (size_t v = 0; v < ncv && len < sizeof d->adjusted_for; v++) {
            if (o->baseline && strcmp(cv[v], o->baseline) == 0)
                continue;
            len += (size_t)snprintf(d->adjusted_for + len, sizeof d->adjusted_for - len, "%s%s", sep, cv[v]);
            sep = ", ";
        }
        if (o->baseline && len < sizeof d->adjusted_for)
            snprintf(d->adjusted_for + len, sizeof d->adjusted_for - len, "%sbaseline %s", sep, o->baseline);
        if (!(adj_row = malloc((N ? N : 1) * sizeof *adj_row))) {
            rct_design_free(&adj);
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
        for (size_t i = 0; i < N; i++)
            adj_row[i] = (size_t)-1;
        for (size_t r = 0; r < adj.n; r++)
            adj_row[adj.rows[r]] = r;
    }
    const char *tname = ls->layout_long && ls->time ? ls->time : "time";
    /* terms */
    size_t p = 1 + (T - 1) + (ls->arm_by_time ? (A - 1) * T : (A - 1)) + q;
    d->term = calloc(p, sizeof *d->term);
    d->tp = calloc(p, sizeof *d->tp);
    d->is_arm = calloc(p, sizeof *d->is_arm);
    if (d->term && d->tp)
        d->p = p; /* long_data_free walks term[] and tp[] only when both exist */
    d->y = malloc((NT ? NT : 1) * sizeof *d->y);
    d->X = calloc((NT ? NT : 1) * p, sizeof *d->X);
    d->unit = malloc((NT ? NT : 1) * sizeof *d->unit);
    d->wave = malloc((NT ? NT : 1) * sizeof *d->wave);
    if (!d->term || !d->tp || !d->is_arm || !d->y || !d->X || !d->unit || !d->wave) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    size_t c = 0;
    d->term[c++] = strdup("(Intercept)");
    for (size_t j = 1; j < T; j++)
        d->term[c++] = fmt_dup("%s[%s]", tname, rct_outcome_timepoint(o, j));
    size_t arm0 = c;
    for (size_t a = 1; a < A; a++) {
        char armterm[300];
        if (A == 2)
            snprintf(armterm, sizeof armterm, "arm");
        else
            snprintf(armterm, sizeof armterm, "arm[%s]", s->treatments[a - 1]);
        if (ls->arm_by_time)
            for (size_t j = 0; j < T; j++) {
                d->tp[c] = strdup(rct_outcome_timepoint(o, j));
                d->is_arm[c] = 1;
                d->term[c++] = strdup(armterm);
            }
        else {
            d->is_arm[c] = 1;
            d->term[c++] = strdup(armterm);
        }
    }
    size_t adj0 = c;
    for (size_t j = 0; j < q; j++)
        d->term[c++] = strdup(adj.terms[j + 1]);
    for (size_t j = 0; j < p; j++)
        if (!d->term[j] || (d->is_arm[j] && ls->arm_by_time && !d->tp[j])) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto done;
        }
    /* rows */
    size_t *unit_of = malloc((N ? N : 1) * sizeof *unit_of);
    long *count = calloc(A * T, sizeof *count);
    if (!unit_of || !count) {
        free(unit_of);
        free(count);
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    size_t n = 0, G = 0;
    for (size_t i = 0; i < N; i++) {
        unit_of[i] = (size_t)-1;
        if (adjusted && adj_row[i] == (size_t)-1)
            continue; /* no site, covariate or baseline value: left out of the adjusted models */
        for (size_t j = 0; j < T; j++) {
            double v;
            if (core_cell_number(tr->table, tr->col_index[tr->outcome_cols[k] + j], i, &v) != 1)
                continue;
            if (unit_of[i] == (size_t)-1)
                unit_of[i] = G++;
            double *x = d->X + n * p;
            x[0] = 1;
            if (j > 0)
                x[j] = 1;
            int a = tr->arm[i];
            if (a > 0)
                x[arm0 + (ls->arm_by_time ? (size_t)(a - 1) * T + j : (size_t)(a - 1))] = 1;
            if (q)
                memcpy(x + adj0, adj.X + adj_row[i] * adj.p + 1, q * sizeof *x);
            d->y[n] = v;
            d->unit[n] = unit_of[i];
            d->wave[n] = (long)j;
            count[(size_t)a * T + j]++;
            n++;
        }
    }
    free(unit_of);
    d->n = n;
    d->n_units = G;
    st = CORE_OK;
    /* every arm needs observations at every timepoint (else its time or arm-by-time term is not identified) */
    int gap = 0;
    for (size_t a = 0; a < A && !gap; a++)
        for (size_t j = 0; j < T && !gap; j++)
            if (count[a * T + j] == 0) {
                snprintf(why, why_size, "not estimable: no observed '%s' in arm %s at timepoint %s", o->name,
                         a == 0 ? s->control : s->treatments[a - 1], rct_outcome_timepoint(o, j));
                d->n = 0;
                gap = 1;
            }
    free(count);
done:
    free(adj_row);
    rct_design_free(&adj);
    return st;
}

typedef struct row_ctx {
    core_results *res;
    const char *outcome;
    double n_units;
    char label[1000];
} row_ctx;

static core_status add(row_ctx *c, const char *analysis, const char *method, const char *tp, const char *term,
                       double est, double se, double lo, double hi, double stat, double df, double p, const char *label,
                       core_err *err)
{
    st_estimate e = {.estimate = est, .se = se, .ci_low = lo, .ci_high = hi, .statistic = stat, .p_value = p, .df = df};
    return rct_row_est(c->res, analysis, c->outcome, tp, term, method, &e, c->n_units, label ? label : c->label, err);
}

/* A model that could not be fitted: one row naming the reason. */
static core_status add_na(row_ctx *c, const char *analysis, const char *method, const char *why, core_err *err)
{
    char lab[2100];
    snprintf(lab, sizeof lab, "%s%s", strncmp(why, "not estimable", 13) == 0 ? "" : "not estimable: ", why);
    return add(c, analysis, method, NULL, "arm", NAN, NAN, NAN, NAN, NAN, NAN, NAN, lab, err);
}

/* Coefficient rows (z or t inference) and odds ratios of the arm terms. */
static core_status coef_rows(row_ctx *c, const long_data *d, const char *analysis, const char *method,
                             const char *or_method, const double *beta, const double *se, const double *df,
                             double conf, const char *undefined, core_err *err)
{
    core_status st;
    for (size_t j = 0; j < d->p; j++) {
        double z = beta[j] / se[j], q, p;
        int use_t = df && isfinite(df[j]);
        if (use_t) {
            q = gsl_cdf_tdist_Pinv(0.5 + conf / 2, df[j]);
            p = 2 * gsl_cdf_tdist_Q(fabs(z), df[j]);
        } else {
            q = gsl_cdf_ugaussian_Pinv(0.5 + conf / 2);
            p = erfc(fabs(z) / M_SQRT2);
        }
        double lo = beta[j] - q * se[j], hi = beta[j] + q * se[j];
        if ((st = add(c, analysis, method, d->tp[j], d->term[j], beta[j], se[j], lo, hi, z, use_t ? df[j] : NAN, p,
                      undefined, err)) != CORE_OK)
            return st;
        if (or_method && d->is_arm[j])
            if ((st = add(c, "odds_ratio", or_method, d->tp[j], d->term[j], exp(beta[j]), se[j], exp(lo), exp(hi), z,
                          NAN, p, undefined, err)) != CORE_OK)
                return st;
    }
    return CORE_OK;
}

core_status rct_long_analyse_outcome(const rct_spec *s, const rct_long_spec *ls, const rct_trial *tr, size_t k,
                                     unsigned glmm_fits, core_results *res, core_err *err)
{
    core_status st = CORE_OK;
    {
        const rct_outcome_spec *o = &s->outcomes[k];
        if (o->type == RCT_TIME_TO_EVENT || o->n_columns < 2)
            return CORE_OK;
        int bin = o->type == RCT_BINARY;
        long_data d;
        char why[600] = "";
        if ((st = build(s, ls, tr, k, &d, why, sizeof why, err)) != CORE_OK) {
            long_data_free(&d);
            return st;
        }
        row_ctx c = {.res = res, .outcome = o->name, .n_units = (double)d.n_units};
        snprintf(c.label, sizeof c.label, "%zu observations of %zu participants at %zu timepoints; %s", d.n,
                 d.n_units, o->n_columns, d.adjusted_for[0] ? d.adjusted_for : "unadjusted (adjust = no)");
        static const char *const corr_name[] = {"exchangeable", "independence", "ar1"};
        const char *gee_an = bin ? "gee_logistic" : "gee_linear";
        /* GEE */
        for (int cs = 0; cs < 3; cs++) {
            if (d.n == 0) {
                if ((st = add_na(&c, gee_an, corr_name[cs], why, err)) != CORE_OK)
                    goto out;
                continue;
            }
            st_gee g;
            core_err e2;
            st_gee_opts go = {.family = bin ? ST_GEE_LOGIT : ST_GEE_IDENTITY, .corr = (st_gee_corr)cs};
            core_status s2 = st_gee_fit(d.y, d.X, d.unit, d.wave, d.n, d.p, d.n_units, &go, &g, &e2);
            if (s2 == CORE_ERR_NOMEM) {
                st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                goto out;
            }
            if (s2 != CORE_OK) {
                if ((st = add_na(&c, gee_an, corr_name[cs], e2.msg, err)) != CORE_OK)
                    goto out;
                continue;
            }
            char orm[64];
            snprintf(orm, sizeof orm, "gee_logistic_%s", corr_name[cs]);
            st = coef_rows(&c, &d, gee_an, corr_name[cs], bin ? orm : NULL, g.beta, g.se, NULL, s->confidence,
                           g.undefined, err);
            if (st == CORE_OK && cs != 1)
                st = add(&c, gee_an, corr_name[cs], NULL, "rho", g.alpha, NAN, NAN, NAN, NAN, NAN, NAN,
                         "working correlation (moment estimate, as geepack)", err);
            if (st == CORE_OK)
                st = add(&c, gee_an, corr_name[cs], NULL, "scale", g.scale, NAN, NAN, NAN, NAN, NAN, NAN,
                         "scale parameter (mean squared Pearson residual)", err);
            st_gee_free(&g);
            if (st != CORE_OK)
                goto out;
        }
        if (bin) {
            for (int m = 0; m < 2; m++) {
                const char *meth = m == 0 ? "laplace" : "aghq";
                if (!(glmm_fits & (1u << m)))
                    continue;
                if (d.n == 0) {
                    if ((st = add_na(&c, "glmm_logistic", meth, why, err)) != CORE_OK)
                        goto out;
                    continue;
                }
                st_glmm g;
                core_err e2;
                st_glmm_opts go = {.n_points = m == 0 ? 1 : (int)ls->glmm_points};
                core_status s2 = st_glmm_fit(d.y, d.X, d.unit, d.n, d.p, d.n_units, &go, &g, &e2);
                if (s2 == CORE_ERR_NOMEM) {
                    st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                    goto out;
                }
                if (s2 != CORE_OK) {
                    if ((st = add_na(&c, "glmm_logistic", meth, e2.msg, err)) != CORE_OK)
                        goto out;
                    continue;
                }
                char orm[64], lab[200];
                snprintf(orm, sizeof orm, "glmm_logistic_%s", meth);
                st = coef_rows(&c, &d, "glmm_logistic", meth, orm, g.beta, g.se, NULL, s->confidence, g.undefined,
                               err);
                snprintf(lab, sizeof lab, "random-intercept SD (%s)",
                         m == 0 ? "Laplace" : "adaptive Gauss-Hermite");
                if (st == CORE_OK)
                    st = add(&c, "glmm_logistic", meth, NULL, "sd[unit]", g.sd_unit, NAN, NAN, NAN, NAN, NAN, NAN,
                             g.undefined ? g.undefined : lab, err);
                if (st == CORE_OK) {
                    snprintf(lab, sizeof lab, "maximised approximate log-likelihood, %d quadrature point%s", g.n_points,
                             g.n_points == 1 ? " (Laplace)" : "s");
                    st = add(&c, "glmm_logistic", meth, NULL, "log_likelihood", g.loglik, NAN, NAN, NAN, NAN, NAN, NAN,
                             lab, err);
                }
                st_glmm_free(&g);
                if (st != CORE_OK)
                    goto out;
            }
        } else {
            for (int m = 0; m < 2; m++) {
                const char *meth = m == 0 ? "reml" : "ml";
                if (d.n == 0) {
                    if ((st = add_na(&c, "lmm", meth, why, err)) != CORE_OK)
                        goto out;
                    continue;
                }
                st_lmm f;
                core_err e2;
                st_lmm_opts lo = {.method = m == 0 ? ST_LMM_REML : ST_LMM_ML};
                core_status s2 = st_lmm_fit(d.y, d.X, d.unit, d.n, d.p, d.n_units, &lo, &f, &e2);
                if (s2 == CORE_ERR_NOMEM) {
                    st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                    goto out;
                }
                if (s2 != CORE_OK) {
                    if ((st = add_na(&c, "lmm", meth, e2.msg, err)) != CORE_OK)
                        goto out;
                    continue;
                }
                st = coef_rows(&c, &d, "lmm", meth, NULL, f.beta, f.se, f.df, s->confidence, f.undefined, err);
                if (st == CORE_OK)
                    st = add(&c, "lmm", meth, NULL, "sd[unit]", sqrt(f.s2_unit), NAN, NAN, NAN, NAN, NAN, NAN,
                             "between-participant SD (random intercept)", err);
                if (st == CORE_OK)
                    st = add(&c, "lmm", meth, NULL, "sd[residual]", sqrt(f.s2_resid), NAN, NAN, NAN, NAN, NAN, NAN,
                             "within-participant (residual) SD", err);
                if (st == CORE_OK)
                    st = add(&c, "lmm", meth, NULL, "icc", f.s2_unit / (f.s2_unit + f.s2_resid), NAN, NAN, NAN, NAN,
                             NAN, NAN, "intraclass correlation s2_unit / (s2_unit + s2_residual)", err);
                if (st == CORE_OK)
                    st = add(&c, "lmm", meth, NULL, "log_likelihood", f.loglik, NAN, NAN, NAN, NAN, NAN, NAN,
                             m == 0 ? "REML criterion (as lme4's logLik)" : "maximised log-likelihood", err);
                st_lmm_free(&f);
                if (st != CORE_OK)
                    goto out;
            }
        }
    out:
        long_data_free(&d);
    }
    return st;
}

core_status rct_long_analyse(const rct_spec *s, const rct_long_spec *ls, const rct_trial *tr,
                             const core_progress *progress, core_results *res, core_err *err)
{
    for (size_t k = 0; k < s->n_outcomes; k++) {
        if (progress)
            core_progress_report(progress, "repeated-measures models", (double)k / (double)s->n_outcomes);
        core_status st = rct_long_analyse_outcome(s, ls, tr, k, RCT_GLMM_LAPLACE | RCT_GLMM_AGHQ, res, err);
        if (st != CORE_OK)
            return st;
    }
    return CORE_OK;
}

/* ------------------------------------------------------------------ inverse-probability-weighted GEE */

/* Logistic fit of r on the first pz columns of Z (rows of stride doubles) over the rows with use[i]; probabilities
 * into pr[i]. Returns 0 with why set when the model is not usable (or with *st set on running out of memory). */
static int ipw_logit(const double *Z, size_t stride, size_t pz, const double *r, const unsigned char *use, size_t N, double *pr,
                     char *why, size_t why_size, const char *what, core_status *st, core_err *err)
{
    size_t m = 0;
    double *X = malloc((N ? N : 1) * pz * sizeof *X), *y = malloc((N ? N : 1) * sizeof *y);
    if (!X || !y) {
        free(X), free(y);
        *st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        return 0;
    }
    for (size_t i = 0; i < N; i++)
        if (use[i]) {
            memcpy(X + m * pz, Z + i * stride, pz * sizeof *X);
            y[m++] = r[i];
        }
    st_logit_fit *f = NULL;
    core_err e2;
    core_status s2 = m >= pz ? st_logit_fit_new(X, y, m, pz, NULL, &f, &e2) : CORE_ERR_ANALYSIS;
    int ok = 0;
    if (s2 == CORE_ERR_NOMEM)
        *st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    else if (s2 != CORE_OK)
        snprintf(why, why_size, "not estimable: the %s dropout model: %.300s", what,
                 m >= pz ? e2.msg : "too few participants");
    else if (f->undefined || !f->converged)
        snprintf(why, why_size, "not estimable: the %s dropout model: %.300s", what,
                 f->undefined ? f->undefined : "did not converge");
    else {
        m = 0;
        for (size_t i = 0; i < N; i++)
            if (use[i])
                pr[i] = f->fitted[m++];
        ok = 1;
    }
    st_logit_free(f);
    free(X), free(y);
    return ok;
}

core_status rct_long_ipw(const rct_spec *s, const rct_long_spec *ls, const rct_trial *tr, size_t k,
                         core_results *res, core_err *err)
{
    const rct_outcome_spec *o = &s->outcomes[k];
    if (o->type == RCT_TIME_TO_EVENT)
        return CORE_OK;
    if (o->n_columns < 2) {
        row_ctx c1 = {.res = res, .outcome = o->name, .n_units = NAN};
        return add_na(&c1, "ipw_gee", "independence",
                      "inverse-probability-weighted GEE needs the outcome at two or more timepoints (dropout between "
                      "visits); this outcome has one",
                      err);
    }
    int bin = o->type == RCT_BINARY;
    size_t T = o->n_columns, A = tr->n_arms, N = tr->n;
    long_data d;
    char why[600] = "";
    core_status st = build(s, ls, tr, k, &d, why, sizeof why, err);
    row_ctx c = {.res = res, .outcome = o->name, .n_units = (double)d.n_units};
    rct_design adj = {0};
    size_t *adj_row = NULL, q = 0;
    double *Z = NULL, *Zn = NULL, *r = NULL, *pd = NULL, *pn = NULL, *w = NULL, *yv = NULL, *wt = NULL;
    unsigned char *use = NULL, *obs = NULL;
    if (st != CORE_OK)
        goto out;
    if (d.n == 0) {
        st = add_na(&c, "ipw_gee", "independence", why, err);
        goto out;
    }
    int adjusted = o->adjust && (s->site || o->baseline || (o->has_covariates ? o->n_covariates : s->n_covariates));
    if (adjusted) {
        rct_model m = {.arm = 0, .site = 1, .baseline = o->baseline};
        rct_outcome_covariates(s, o, &m.covariates, &m.n_covariates);
        if ((st = rct_design_build(s, tr, (size_t)-1, &m, &adj, err)) != CORE_OK)
            goto out;
        q = adj.p - 1;
    }
    size_t pz = 1 + (A - 1) + q + 1; /* intercept, arm dummies, adjustment set, prior outcome */
    adj_row = malloc((N ? N : 1) * sizeof *adj_row);
    Z = calloc((N ? N : 1) * pz, sizeof *Z);
    Zn = calloc((N ? N : 1) * A, sizeof *Zn);
    r = malloc((N ? N : 1) * sizeof *r);
    pd = malloc((N ? N : 1) * sizeof *pd);
    pn = malloc((N ? N : 1) * sizeof *pn);
    w = malloc((N ? N : 1) * T * sizeof *w);
    yv = malloc((N ? N : 1) * T * sizeof *yv);
    use = malloc(N ? N : 1);
    obs = calloc((N ? N : 1) * T, 1);
    wt = malloc((d.n ? d.n : 1) * sizeof *wt);
    if (!adj_row || !Z || !Zn || !r || !pd || !pn || !w || !yv || !use || !obs || !wt) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < N; i++)
        adj_row[i] = adjusted ? (size_t)-1 : 0;
    for (size_t rr = 0; rr < adj.n; rr++)
        adj_row[adj.rows[rr]] = rr;
    /* monotone observation: observed at j and at every earlier timepoint */
    for (size_t i = 0; i < N; i++) {
        int alive = adj_row[i] != (size_t)-1;
        for (size_t j = 0; j < T; j++) {
            double v;
            int here = core_cell_number(tr->table, tr->col_index[tr->outcome_cols[k] + j], i, &v) == 1;
            alive = alive && here;
            obs[i * T + j] = (unsigned char)alive;
            yv[i * T + j] = here ? v : NAN;
        }
    }
    size_t n_dropped_rows = 0;
    for (size_t j = 0; j < T; j++) {
        for (size_t i = 0; i < N; i++) {
            use[i] = adj_row[i] != (size_t)-1 && (j == 0 || obs[i * T + j - 1]);
            r[i] = obs[i * T + j];
            double *z = Z + i * pz, *zn = Zn + i * A;
            z[0] = zn[0] = 1;
            for (size_t a = 1; a < A; a++)
                z[a] = zn[a] = tr->arm[i] == (int)a;
            if (use[i] && q)
                memcpy(z + A, adj.X + adj_row[i] * adj.p + 1, q * sizeof *z);
            z[A + q] = j > 0 && use[i] ? yv[i * T + j - 1] : 0;
        }
        char what[200];
        snprintf(what, sizeof what, "timepoint %s", rct_outcome_timepoint(o, j));
        /* the first timepoint has no prior outcome: its column is left out */
        if (!ipw_logit(Z, pz, j > 0 ? pz : pz - 1, r, use, N, pd, why, sizeof why, what, &st, err) ||
            !ipw_logit(Zn, A, A, r, use, N, pn, why, sizeof why, what, &st, err)) {
            if (st == CORE_OK)
                st = add_na(&c, "ipw_gee", "independence", why, err);
            goto out;
        }
        for (size_t i = 0; i < N; i++)
            if (use[i])
                w[i * T + j] = (j > 0 ? w[i * T + j - 1] : 1) * pn[i] / pd[i];
    }
    /* the rows of d come participant by participant (in table order), timepoints ascending (see build) */
    size_t row = 0, m = 0;
    double wmax = 0, wsum = 0;
    for (size_t i = 0; i < N && row < d.n; i++) {
        if (adjusted && adj_row[i] == (size_t)-1)
            continue;
        for (size_t j = 0; j < T; j++) {
            if (isnan(yv[i * T + j]))
                continue;
            if (obs[i * T + j]) {
                memmove(d.X + m * d.p, d.X + row * d.p, d.p * sizeof *d.X);
                d.y[m] = d.y[row];
                d.unit[m] = d.unit[row];
                d.wave[m] = d.wave[row];
                wt[m] = w[i * T + j];
                wmax = fmax(wmax, wt[m]);
                wsum += wt[m];
                m++;
            } else
                n_dropped_rows++;
            row++;
        }
    }
    st_gee g;
    core_err e2;
    st_gee_opts go = {.family = bin ? ST_GEE_LOGIT : ST_GEE_IDENTITY, .corr = ST_CORR_INDEPENDENCE, .weights = wt};
    core_status s2 = st_gee_fit(d.y, d.X, d.unit, d.wave, m, d.p, d.n_units, &go, &g, &e2);
    if (s2 == CORE_ERR_NOMEM) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto out;
    }
    if (s2 != CORE_OK) {
        st = add_na(&c, "ipw_gee", "independence", e2.msg, err);
        goto out;
    }
    c.n_units = (double)g.n_clusters;
    snprintf(c.label, sizeof c.label,
             "inverse-probability-weighted GEE (independence working correlation), missing at random with monotone "
             "dropout: %zu observations of %zu participants at %zu timepoints (%zu values after a first missing "
             "one left out); %.200s; stabilised weights (mean %.3g, largest %.3g): per timepoint a logistic model of "
             "being observed among those observed before, on arm, the adjustment set and the prior outcome, over the "
             "same on arm alone, multiplied over visits; robust SEs treat the weights as known (as geepack's geeglm)",
             m, g.n_clusters, T, n_dropped_rows, d.adjusted_for[0] ? d.adjusted_for : "unadjusted (adjust = no)",
             m ? wsum / (double)m : NAN, wmax);
    st = coef_rows(&c, &d, "ipw_gee", "independence", bin ? "ipw_gee_logistic" : NULL, g.beta, g.se, NULL,
                   s->confidence, g.undefined, err);
    st_gee_free(&g);
out:
    long_data_free(&d);
    rct_design_free(&adj);
    free(adj_row), free(Z), free(Zn), free(r), free(pd), free(pn), free(w), free(yv), free(use), free(obs), free(wt);
    return st;
}
