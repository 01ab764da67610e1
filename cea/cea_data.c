/* The participant data of [cea]: columns found in the trial table (or in [cea] data, joined on the trial's id),
 * values checked (costs >= 0 unless allowed; utilities in [utility_min, 1]), discounted costs and QALYs of the
 * complete cases, missing counts per arm and column. */
#include "cea/cea.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cea_data_free(cea_data *d)
{
    free(d->options);
    free(d->opt);
    free(d->row);
    free(d->cost);
    free(d->qaly);
    free(d->u0);
    free(d->site);
    if (d->site_names)
        for (size_t g = 0; g < d->n_sites; g++)
            free(d->site_names[g]);
    free(d->site_names);
    free(d->n_rand);
    free(d->n_cc);
    free(d->miss);
    free(d->col_names);
    memset(d, 0, sizeof *d);
}

typedef struct id_row {
    const char *id;
    size_t row;
} id_row;

static int cmp_id(const void *a, const void *b)
{
    return strcmp(((const id_row *)a)->id, ((const id_row *)b)->id);
}

/* Text of every id of column c (missing: NULL), in one buffer of 64 bytes per row. */
static char *id_texts(const core_table *t, size_t c)
{
    char *buf = malloc(t->n_rows * 64 + 1);
    if (!buf)
        return NULL;
    for (size_t i = 0; i < t->n_rows; i++)
        core_cell_text(t, c, i, buf + 64 * i, 64);
    return buf;
}

/* For each trial row, the row of the [cea] data with the same id (or -1). Ids must be unique in the [cea] data. */
static core_status join(const core_config *cfg, const cea_trial_view *v, const core_table *x, long *map,
                        core_err *err)
{
    char w[600], b[600];
    if (!v->id)
        return core_err_set(err, CORE_ERR_CONFIG, "%s: [cea] data is joined on the trial's id; give [trial] id = "
                            "COLUMN", core_config_where(cfg, "cea", "data", w, sizeof w));
    long ct = core_table_find(v->t, v->id), cx = core_table_find(x, v->id);
    if (ct < 0)
        return core_err_set(err, CORE_ERR_DATA, "%s: no column '%s' (the [trial] id)", v->t->source, v->id);
    if (cx < 0)
        return core_err_set(err, CORE_ERR_DATA, "%s: no column '%s' (the [trial] id, to join [cea] data on)",
                            x->source, v->id);
    char *tx = id_texts(x, (size_t)cx), *tt = id_texts(v->t, (size_t)ct);
    id_row *ix = malloc((x->n_rows ? x->n_rows : 1) * sizeof *ix);
    core_status st = CORE_OK;
    if (!tx || !tt || !ix) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    size_t m = 0;
    for (size_t i = 0; i < x->n_rows; i++)
        if (!core_cell_missing(x, (size_t)cx, i))
            ix[m++] = (id_row){tx + 64 * i, i};
    qsort(ix, m, sizeof *ix, cmp_id);
    for (size_t i = 1; i < m; i++)
        if (strcmp(ix[i].id, ix[i - 1].id) == 0) {
            size_t r1 = ix[i - 1].row < ix[i].row ? ix[i - 1].row : ix[i].row;
            size_t r2 = ix[i - 1].row < ix[i].row ? ix[i].row : ix[i - 1].row;
            st = core_err_set(err, CORE_ERR_DATA, "%s: id '%s' is here and on line %ld; each participant has one row",
                              core_cell_where(x, (size_t)cx, r2, b, sizeof b), ix[i].id,
                              core_table_line(x, r1));
            goto done;
        }
    for (size_t i = 0; i < v->t->n_rows; i++) {
        map[i] = -1;
        if (core_cell_missing(v->t, (size_t)ct, i))
            continue;
        id_row key = {tt + 64 * i, 0};
        id_row *hit = bsearch(&key, ix, m, sizeof *ix, cmp_id);
        if (hit)
            map[i] = (long)hit->row;
    }
done:
    free(tx);
    free(tt);
    free(ix);
    return st;
}

core_status cea_data_build(const core_config *cfg, const cea_spec *s, const cea_trial_view *v, const core_table *extra,
                           cea_data *d, core_err *err)
{
    memset(d, 0, sizeof *d);
    char w[600], b[600];
    const core_table *t = extra ? extra : v->t;
    size_t N = v->t->n_rows, k = v->n_arms, nc = s->n_costs + s->n_utils;
    long *map = NULL;
    size_t col[2 * CEA_MAX_COLS];
    core_status st = CORE_OK;
    /* options: the reference first, then the other arms in the trial's order */
    const char *ref = s->reference ? s->reference : v->control;
    long ref_code = -1;
    for (size_t a = 0; a < k; a++)
        if (ref && strcmp(v->arm_names[a], ref) == 0)
            ref_code = (long)a;
    if (ref_code < 0) {
        char levels[400] = "";
        for (size_t a = 0; a < k; a++)
            snprintf(levels + strlen(levels), sizeof levels - strlen(levels), "%s'%s'", a ? ", " : "",
                     v->arm_names[a]);
        return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not an arm of the trial; the options are %s",
                            core_config_where(cfg, "cea", "reference", w, sizeof w), ref ? ref : "", levels);
    }
    int *code_of = malloc(k * sizeof *code_of); /* arm -> option */
    d->k = k;
    d->n_cols = nc;
    d->options = malloc(k * sizeof *d->options);
    d->n_rand = calloc(k, sizeof *d->n_rand);
    d->n_cc = calloc(k, sizeof *d->n_cc);
    d->miss = calloc(k * nc, sizeof *d->miss);
    d->col_names = malloc(nc * sizeof *d->col_names);
    d->opt = malloc((N ? N : 1) * sizeof *d->opt);
    d->row = malloc((N ? N : 1) * sizeof *d->row);
    d->cost = malloc((N ? N : 1) * sizeof *d->cost);
    d->qaly = malloc((N ? N : 1) * sizeof *d->qaly);
    d->u0 = malloc((N ? N : 1) * sizeof *d->u0);
    if (!code_of || !d->options || !d->n_rand || !d->n_cc || !d->miss || !d->col_names || !d->opt || !d->row || !d->cost ||
        !d->qaly || !d->u0) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto fail;
    }
    d->options[0] = v->arm_names[ref_code];
    code_of[ref_code] = 0;
    for (size_t a = 0, o = 1; a < k; a++)
        if ((long)a != ref_code) {
            d->options[o] = v->arm_names[a];
            code_of[a] = (int)o++;
        }
    for (size_t j = 0; j < nc; j++) {
        const char *name = j < s->n_costs ? s->costs[j] : s->utils[j - s->n_costs];
        const char *key = j < s->n_costs ? "costs" : "utilities";
        d->col_names[j] = name;
        long c = core_table_find(t, name);
        if (c < 0) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: no column '%s' in %s",
                              core_config_where(cfg, "cea", key, w, sizeof w), name, t->source);
            goto fail;
        }
        col[j] = (size_t)c;
    }
    if (extra) {
        if (!(map = malloc((N ? N : 1) * sizeof *map))) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto fail;
        }
        if ((st = join(cfg, v, extra, map, err)) != CORE_OK)
            goto fail;
    }
    /* sites */
    long sc = -1;
    d->adjust_site = s->adjust_site < 0 ? v->site != NULL : s->adjust_site;
    if (d->adjust_site && !v->site) {
        st = core_err_set(err, CORE_ERR_CONFIG, "%s: the trial has no site; give [trial] site = COLUMN or adjust_site "
                          "= no", core_config_where(cfg, "cea", "adjust_site", w, sizeof w));
        goto fail;
    }
    if (d->adjust_site) {
        sc = core_table_find(v->t, v->site);
        if (sc < 0 || v->t->cols[sc].type != CORE_COL_CATEGORICAL) {
            /* a numeric site column: its values' texts become the levels */
            if (sc < 0) {
                st = core_err_set(err, CORE_ERR_DATA, "%s: no column '%s' (the [trial] site)", v->t->source, v->site);
                goto fail;
            }
        }
        if (!(d->site = malloc((N ? N : 1) * sizeof *d->site)) ||
            !(d->site_names = calloc(N ? N : 1, sizeof *d->site_names))) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto fail;
        }
    }
    double cv[CEA_MAX_COLS], uv[CEA_MAX_COLS];
    for (size_t i = 0; i < N; i++) {
        int o = code_of[v->arm[i]];
        d->n_rand[o]++;
        long row = extra ? map[i] : (long)i;
        int complete = 1;
        for (size_t j = 0; j < nc; j++) {
            double x;
            int got = row < 0 ? 0 : core_cell_number(t, col[j], (size_t)row, &x);
            if (got < 0) {
                st = core_err_set(err, CORE_ERR_DATA, "%s: not a number; %s", core_cell_where(t, col[j], (size_t)row, b,
                                  sizeof b), j < s->n_costs ? "a cost is a number (>= 0)" : "a utility is a number "
                                  "up to 1");
                goto fail;
            }
            if (got == 0) {
                d->miss[(size_t)o * nc + j]++;
                complete = 0;
                continue;
            }
            if (!isfinite(x)) {
                st = core_err_set(err, CORE_ERR_DATA, "%s: not a finite number", core_cell_where(t, col[j], (size_t)row,
                                  b, sizeof b));
                goto fail;
            }
            if (j < s->n_costs) {
                if (x < 0 && !s->allow_negative) {
                    st = core_err_set(err, CORE_ERR_DATA, "%s: the cost %.15g is negative; costs are >= 0 (give "
                                      "allow_negative = yes in [cea] when negative costs are real, e.g. savings)",
                                      core_cell_where(t, col[j], (size_t)row, b, sizeof b), x);
                    goto fail;
                }
                cv[j] = x;
            } else {
                if (x > 1) {
                    st = core_err_set(err, CORE_ERR_DATA, "%s: the utility %.15g is above 1 (full health); a "
                                      "preference-based utility is at most 1", core_cell_where(t, col[j], (size_t)row,
                                      b, sizeof b), x);
                    goto fail;
                }
                if (x < s->utility_min) {
                    st = core_err_set(err, CORE_ERR_DATA, "%s: the utility %.15g is below the value set's minimum %g "
                                      "(utility_min in [cea]); values below 0 (worse than dead) are valid down to it",
                                      core_cell_where(t, col[j], (size_t)row, b, sizeof b), x, s->utility_min);
                    goto fail;
                }
                uv[j - s->n_costs] = x;
            }
        }
        if (!complete)
            continue;
        if (d->adjust_site && core_cell_missing(v->t, (size_t)sc, i))
            continue; /* counted below as incomplete only through the site */
        size_t q = d->n;
        d->opt[q] = o;
        d->row[q] = i;
        d->cost[q] = cea_discounted_cost(cv, s->cost_months, s->n_costs, s->r_cost);
        d->qaly[q] = cea_qalys(uv, s->util_months, s->n_utils, s->r_effect);
        d->u0[q] = uv[0];
        if (d->adjust_site) {
            char tb[256];
            const char *txt = core_cell_text(v->t, (size_t)sc, i, tb, sizeof tb);
            size_t g = 0;
            while (g < d->n_sites && strcmp(d->site_names[g], txt) != 0)
                g++;
            if (g == d->n_sites) {
                if (!(d->site_names[g] = strdup(txt))) {
                    st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                    goto fail;
                }
                d->n_sites++;
            }
            d->site[q] = (int)g;
        }
        d->n_cc[o]++;
        d->n++;
    }
    for (size_t o = 0; o < k; o++)
        if (d->n_cc[o] < 2) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: arm '%s' has %ld complete case(s) of %ld participants (every "
                              "cost and utility column observed); each option needs at least 2 to estimate costs and "
                              "QALYs", t->source, d->options[o], d->n_cc[o], d->n_rand[o]);
            goto fail;
        }
    free(map);
    free(code_of);
    return CORE_OK;
fail:
    free(map);
    free(code_of);
    cea_data_free(d);
    return st;
}
