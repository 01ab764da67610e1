/* Model variables, design matrices and shared helpers of the per-timepoint analyses (rct_design.h). */
#include "rct/rct_design.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/st_ols.h"

void rct_var_free(rct_var *v)
{
    if (!v)
        return;
    free(v->name);
    for (size_t k = 0; k < v->n_levels; k++)
        free(v->levels[k]);
    free(v->levels);
    free(v->code);
    memset(v, 0, sizeof *v);
}

typedef struct lv_sort {
    double num;      /* numeric columns: the value */
    const char *txt; /* text columns: the level */
    int src;         /* source code (text) or representative row (numeric) */
} lv_sort;

static int cmp_num(const void *a, const void *b)
{
    double x = ((const lv_sort *)a)->num, y = ((const lv_sort *)b)->num;
    return (x > y) - (x < y);
}

static int cmp_txt(const void *a, const void *b)
{
    return strcmp(((const lv_sort *)a)->txt, ((const lv_sort *)b)->txt);
}

core_status rct_var_init(const core_table *t, const char *name, int force_categorical, rct_var *v, core_err *err)
{
    memset(v, 0, sizeof *v);
    long c = core_table_find(t, name);
    if (c < 0)
        return core_err_set(err, CORE_ERR_DATA, "%s: no column '%s'", t->source, name);
    const core_column *col = &t->cols[c];
    v->col = (size_t)c;
    if (!(v->name = strdup(name)))
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    v->categorical = force_categorical || col->type == CORE_COL_CATEGORICAL || col->n_labels > 0;
    if (!v->categorical)
        return CORE_OK;
    size_t n = t->n_rows;
    v->code = malloc((n ? n : 1) * sizeof *v->code);
    lv_sort *ls = malloc((n ? n : 1) * sizeof *ls);
    if (!v->code || !ls) {
        free(ls);
        rct_var_free(v);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    size_t m = 0;
    char buf[256];
    if (col->type == CORE_COL_CATEGORICAL) {
        /* levels in use, sorted by text (C locale byte order, as R's sort in the C locale) */
        unsigned char *used = calloc(col->n_levels ? col->n_levels : 1, 1);
        int *map = malloc((col->n_levels ? col->n_levels : 1) * sizeof *map);
        if (!used || !map) {
            free(used), free(map), free(ls);
            rct_var_free(v);
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
        for (size_t i = 0; i < n; i++)
            if (!core_col_missing(col, i) && core_col_code(col, i) >= 0)
                used[core_col_code(col, i)] = 1;
        for (size_t l = 0; l < col->n_levels; l++)
            if (used[l])
                ls[m++] = (lv_sort){.txt = col->levels[l], .src = (int)l};
        qsort(ls, m, sizeof *ls, cmp_txt);
        for (size_t k = 0; k < m; k++)
            map[ls[k].src] = (int)k;
        for (size_t i = 0; i < n; i++)
            v->code[i] = core_col_missing(col, i) || core_col_code(col, i) < 0 ? -1 : map[core_col_code(col, i)];
        v->levels = calloc(m ? m : 1, sizeof *v->levels);
        for (size_t k = 0; v->levels && k < m; k++)
            v->levels[k] = strdup(ls[k].txt);
        free(used), free(map);
    } else {
        /* numeric codes: distinct values in numeric order; text = value label or %.15g */
        for (size_t i = 0; i < n; i++)
            if (!core_col_missing(col, i))
                ls[m++] = (lv_sort){.num = core_col_num(col, i), .src = (int)i};
        qsort(ls, m, sizeof *ls, cmp_num);
        size_t u = 0;
        for (size_t k = 0; k < m; k++)
            if (u == 0 || ls[k].num != ls[u - 1].num)
                ls[u++] = ls[k];
        m = u;
        for (size_t i = 0; i < n; i++) {
            v->code[i] = -1;
            if (core_col_missing(col, i))
                continue;
            size_t lo = 0, hi = m; /* binary search */
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (ls[mid].num < core_col_num(col, i))
                    lo = mid + 1;
                else
                    hi = mid;
            }
            v->code[i] = (int)lo;
        }
        v->levels = calloc(m ? m : 1, sizeof *v->levels);
        for (size_t k = 0; v->levels && k < m; k++)
            v->levels[k] = strdup(core_cell_text(t, (size_t)c, (size_t)ls[k].src, buf, sizeof buf));
    }
    free(ls);
    if (!v->levels) {
        rct_var_free(v);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    v->n_levels = m;
    for (size_t k = 0; k < m; k++)
        if (!v->levels[k]) {
            rct_var_free(v);
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
    return CORE_OK;
}

void rct_design_free(rct_design *d)
{
    if (!d)
        return;
    free(d->rows);
    free(d->X);
    free(d->y);
    free(d->arm);
    for (size_t j = 0; d->terms && j < d->p; j++)
        free(d->terms[j]);
    free(d->terms);
    free(d->inter_cols);
    memset(d, 0, sizeof *d);
}

int rct_declared_categorical(const rct_spec *s, const char *name)
{
    for (size_t k = 0; k < s->n_categorical; k++)
        if (strcmp(s->categorical[k], name) == 0)
            return 1;
    return 0;
}

const char *rct_arm_level(const rct_spec *s, size_t k)
{
    return k == 0 ? s->control : s->treatments[k - 1];
}

const char *rct_arm_term(const rct_spec *s, size_t k, char *buf, size_t size)
{
    if (s->n_treatments <= 1)
        snprintf(buf, size, "arm");
    else
        snprintf(buf, size, "arm[%s]", s->treatments[k - 1]);
    return buf;
}

void rct_outcome_covariates(const rct_spec *s, const rct_outcome_spec *o, const char *const **cov, size_t *n)
{
    if (o && o->has_covariates) {
        *cov = (const char *const *)o->covariates;
        *n = o->n_covariates;
    } else {
        *cov = (const char *const *)s->covariates;
        *n = s->n_covariates;
    }
}

core_status rct_row(core_results *res, const core_result_row *r, core_err *err)
{
    core_result_row c = *r;
    c.module = "rct";
    if (core_results_add(res, &c) != CORE_OK)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    return CORE_OK;
}

core_status rct_row_est(core_results *res, const char *analysis, const char *outcome, const char *tp,
                        const char *term, const char *method, const st_estimate *e, double n, const char *label,
                        core_err *err)
{
    core_result_row r = CORE_RESULT_ROW_EMPTY;
    r.analysis = analysis;
    r.outcome = outcome;
    r.timepoint = tp;
    r.term = term;
    r.method = method;
    if (e) {
        r.estimate = e->estimate;
        r.se = e->se;
        r.ci_low = e->ci_low;
        r.ci_high = e->ci_high;
        r.statistic = e->statistic;
        r.df = e->df;
        r.p_value = e->p_value;
    }
    r.n = n;
    r.label = label ? label : e ? e->undefined : NULL;
    return rct_row(res, &r, err);
}

size_t rct_arm_values(const rct_trial *tr, size_t col, int a, const unsigned char *mask, double *out)
{
    size_t m = 0;
    for (size_t i = 0; i < tr->n; i++) {
        double v;
        if (tr->arm[i] != a || (mask && !mask[i]) || core_cell_number(tr->table, col, i, &v) != 1)
            continue;
        out[m++] = v;
    }
    return m;
}

/* ---- design matrices ---- */

typedef struct term_list {
    char **names;
    size_t n, cap;
} term_list;

static int add_term(term_list *tl, const char *fmt1, const char *a, const char *b)
{
    if (tl->n == tl->cap) {
        size_t cap = tl->cap ? 2 * tl->cap : 16;
        char **nn = realloc(tl->names, cap * sizeof *nn);
        if (!nn)
            return 0;
        tl->names = nn;
        tl->cap = cap;
    }
    size_t len = strlen(fmt1) + strlen(a) + (b ? strlen(b) : 0) + 1;
    char *s = malloc(len);
    if (!s)
        return 0;
    snprintf(s, len, fmt1, a, b ? b : "");
    tl->names[tl->n++] = s;
    return 1;
}

core_status rct_design_build(const rct_spec *s, const rct_trial *tr, size_t ycol, const rct_model *m, rct_design *d,
                             core_err *err)
{
    memset(d, 0, sizeof *d);
    const core_table *t = tr->table;
    size_t n_all = tr->n, K = tr->n_arms;
    core_status st = CORE_OK;
    /* variables: site, covariates, subgroup */
    size_t n_vars = (m->site && s->site ? 1 : 0) + m->n_covariates + (m->subgroup ? 1 : 0);
    rct_var *vars = calloc(n_vars ? n_vars : 1, sizeof *vars);
    size_t base_col = (size_t)-1;
    unsigned char *use = malloc(n_all ? n_all : 1);
    term_list tl = {0};
    if (!vars || !use) {
        free(vars), free(use);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    size_t nv = 0, sub_v = (size_t)-1;
    if (m->site && s->site) {
        if ((st = rct_var_init(t, s->site, 1, &vars[nv++], err)) != CORE_OK)
            goto fail;
    }
    for (size_t k = 0; k < m->n_covariates; k++) {
        /* a column named as the baseline and again as a covariate enters once, as the baseline */
        if (m->baseline && strcmp(m->covariates[k], m->baseline) == 0)
            continue;
        int twice = 0;
        for (size_t k2 = 0; k2 < k && !twice; k2++)
            twice = strcmp(m->covariates[k2], m->covariates[k]) == 0;
        if (twice)
            continue;
        if ((st = rct_var_init(t, m->covariates[k], rct_declared_categorical(s, m->covariates[k]), &vars[nv++],
                               err)) != CORE_OK)
            goto fail;
    }
    if (m->subgroup) {
        sub_v = nv;
        if ((st = rct_var_init(t, m->subgroup, 1, &vars[nv++], err)) != CORE_OK)
            goto fail;
    }
    if (m->baseline) {
        long c = core_table_find(t, m->baseline);
        if (c < 0) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: no column '%s'", t->source, m->baseline);
            goto fail;
        }
        base_col = (size_t)c;
    }
    /* complete cases */
    size_t n = 0;
    char where[512];
    for (size_t i = 0; i < n_all; i++) {
        double v;
        int ok = 1;
        if (ycol != (size_t)-1) {
            int r = core_cell_number(t, ycol, i, &v);
            if (r < 0) {
                st = core_err_set(err, CORE_ERR_DATA, "%s: not a number", core_cell_where(t, ycol, i, where, sizeof where));
                goto fail;
            }
            ok = r == 1;
        }
        if (ok && base_col != (size_t)-1) {
            int r = core_cell_number(t, base_col, i, &v);
            if (r < 0) {
                st = core_err_set(err, CORE_ERR_DATA, "%s: baseline value is not a number",
                                  core_cell_where(t, base_col, i, where, sizeof where));
                goto fail;
            }
            ok = r == 1;
        }
        for (size_t k = 0; ok && k < nv; k++) {
            if (vars[k].categorical) {
                ok = vars[k].code[i] >= 0;
            } else {
                int r = core_cell_number(t, vars[k].col, i, &v);
                if (r < 0) {
                    st = core_err_set(err, CORE_ERR_DATA, "%s: covariate value is not a number",
                                      core_cell_where(t, vars[k].col, i, where, sizeof where));
                    goto fail;
                }
                ok = r == 1;
            }
        }
        use[i] = (unsigned char)ok;
        n += (size_t)ok;
    }
    /* Columns: intercept, arm dummies, site, covariates, baseline, subgroup, interactions. For categorical
     * variables only levels present among the complete cases; the first present level is the reference. */
    typedef struct colspec {
        int kind;   /* 0 intercept, 1 arm k, 2 dummy (var, level), 3 numeric var, 4 baseline, 5 arm k x sub level */
        size_t a, b;
    } colspec;
    size_t max_cols = 1 + K + 2;
    for (size_t k = 0; k < nv; k++)
        max_cols += vars[k].categorical ? vars[k].n_levels : 1;
    if (sub_v != (size_t)-1)
        max_cols += K * vars[sub_v].n_levels;
    colspec *cs = malloc(max_cols * sizeof *cs);
    unsigned char *present = NULL;
    if (!cs) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto fail;
    }
    size_t p = 0;
    char tb[300];
    cs[p++] = (colspec){0, 0, 0};
    if (!add_term(&tl, "%s%s", "(Intercept)", NULL))
        goto nomem;
    /* arms present among the complete cases */
    long arm_n[RCT_MAX_ARMS] = {0};
    for (size_t i = 0; i < n_all; i++)
        if (use[i])
            arm_n[tr->arm[i]]++;
    if (m->arm)
        for (size_t k = 1; k < K; k++) {
            if (arm_n[k] == 0)
                continue;
            d->arm_col[k] = p;
            cs[p++] = (colspec){1, k, 0};
            if (!add_term(&tl, "%s%s", rct_arm_term(s, k, tb, sizeof tb), NULL))
                goto nomem;
        }
    for (size_t k = 0; k < nv; k++) {
        if (k == sub_v)
            continue; /* after the baseline, below */
        if (!vars[k].categorical) {
            cs[p++] = (colspec){3, k, 0};
            if (!add_term(&tl, "%s%s", vars[k].name, NULL))
                goto nomem;
            continue;
        }
        free(present);
        if (!(present = calloc(vars[k].n_levels ? vars[k].n_levels : 1, 1)))
            goto nomem;
        for (size_t i = 0; i < n_all; i++)
            if (use[i])
                present[vars[k].code[i]] = 1;
        int first = 1;
        for (size_t l = 0; l < vars[k].n_levels; l++) {
            if (!present[l])
                continue;
            if (first) {
                first = 0;
                continue;
            }
            cs[p++] = (colspec){2, k, l};
            if (!add_term(&tl, "%s[%s]", vars[k].name, vars[k].levels[l]))
                goto nomem;
        }
    }
    if (base_col != (size_t)-1) {
        cs[p++] = (colspec){4, 0, 0};
        if (!add_term(&tl, "%s%s", m->baseline, NULL))
            goto nomem;
    }
    if (sub_v != (size_t)-1) {
        rct_var *sv = &vars[sub_v];
        free(present);
        if (!(present = calloc(sv->n_levels ? sv->n_levels : 1, 1)))
            goto nomem;
        for (size_t i = 0; i < n_all; i++)
            if (use[i])
                present[sv->code[i]] = 1;
        size_t ref = 0;
        while (ref < sv->n_levels && !present[ref])
            ref++;
        d->sub_first = p;
        for (size_t l = ref + 1; l < sv->n_levels; l++) {
            if (!present[l])
                continue;
            cs[p++] = (colspec){2, sub_v, l};
            if (!add_term(&tl, "%s[%s]", sv->name, sv->levels[l]))
                goto nomem;
        }
        d->n_sub = p - d->sub_first;
        if (m->interaction && m->arm) {
            d->inter_cols = malloc((K * sv->n_levels + 1) * sizeof *d->inter_cols);
            if (!d->inter_cols)
                goto nomem;
            for (size_t k = 1; k < K; k++) {
                if (!d->arm_col[k])
                    continue;
                for (size_t l = ref + 1; l < sv->n_levels; l++) {
                    if (!present[l])
                        continue;
                    /* an arm x level cell without observations has no interaction column */
                    int any = 0;
                    for (size_t i = 0; i < n_all && !any; i++)
                        any = use[i] && tr->arm[i] == (int)k && sv->code[i] == (int)l;
                    if (!any)
                        continue;
                    char lvl[300];
                    snprintf(lvl, sizeof lvl, "%s[%s]", sv->name, sv->levels[l]);
                    d->inter_cols[d->n_inter++] = p;
                    cs[p++] = (colspec){5, k, l};
                    if (!add_term(&tl, "%s:%s", rct_arm_term(s, k, tb, sizeof tb), lvl))
                        goto nomem;
                }
            }
        }
    }
    d->n = n;
    d->p = p;
    d->terms = tl.names; /* owned by d from here (freed by rct_design_free on the nomem path) */
    tl.names = NULL;
    tl.n = 0;
    d->rows = malloc((n ? n : 1) * sizeof *d->rows);
    d->X = malloc((n ? n : 1) * p * sizeof *d->X);
    d->arm = malloc((n ? n : 1) * sizeof *d->arm);
    if (ycol != (size_t)-1)
        d->y = malloc((n ? n : 1) * sizeof *d->y);
    if (!d->rows || !d->X || !d->arm || (ycol != (size_t)-1 && !d->y))
        goto nomem;
    size_t r = 0;
    for (size_t i = 0; i < n_all; i++) {
        if (!use[i])
            continue;
        d->rows[r] = i;
        d->arm[r] = tr->arm[i];
        double v;
        if (d->y)
            core_cell_number(t, ycol, i, &d->y[r]);
        for (size_t j = 0; j < p; j++) {
            double x = 0;
            switch (cs[j].kind) {
            case 0:
                x = 1;
                break;
            case 1:
                x = tr->arm[i] == (int)cs[j].a;
                break;
            case 2:
                x = vars[cs[j].a].code[i] == (int)cs[j].b;
                break;
            case 3:
                core_cell_number(t, vars[cs[j].a].col, i, &v);
                x = v;
                break;
            case 4:
                core_cell_number(t, base_col, i, &v);
                x = v;
                break;
            case 5:
                x = tr->arm[i] == (int)cs[j].a && vars[sub_v].code[i] == (int)cs[j].b;
                break;
            }
            d->X[r * p + j] = x;
        }
        r++;
    }
    free(cs);
    free(present);
    for (size_t k = 0; k < nv; k++)
        rct_var_free(&vars[k]);
    free(vars);
    free(use);
    return CORE_OK;
nomem:
    st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    free(cs);
    free(present);
fail:
    for (size_t k = 0; k < tl.n; k++)
        free(tl.names[k]);
    free(tl.names);
    for (size_t k = 0; k < nv; k++)
        rct_var_free(&vars[k]);
    free(vars);
    free(use);
    rct_design_free(d);
    return st;
}

int rct_design_collinear(const rct_design *d, char *buf, size_t size, core_err *err)
{
    size_t dep = 0;
    double *coef = malloc((d->p ? d->p : 1) * sizeof *coef);
    if (!coef) {
        core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        return 0;
    }
    core_err_clear(err);
    size_t nd = st_design_dependent(d->X, d->n, d->p, &dep, coef, err);
    if (nd == 0) {
        free(coef);
        return 0;
    }
    /* "'c' = 2 x 'a' - 3 x 'b' + 1" (the intercept as a constant); a zero column "has no variation" */
    size_t used = (size_t)snprintf(buf, size, "'%s' = ", d->terms[dep]);
    int any = 0;
    for (size_t j = 0; j < d->p && used < size; j++) {
        if (fabs(coef[j]) < 1e-9)
            continue;
        const char *sign = coef[j] < 0 ? (any ? " - " : "-") : (any ? " + " : "");
        if (j == 0 && strcmp(d->terms[0], "(Intercept)") == 0)
            used += (size_t)snprintf(buf + used, size - used, "%s%.6g", sign, fabs(coef[j]));
        else if (fabs(fabs(coef[j]) - 1) < 1e-9)
            used += (size_t)snprintf(buf + used, size - used, "%s'%s'", sign, d->terms[j]);
        else
            used += (size_t)snprintf(buf + used, size - used, "%s%.6g x '%s'", sign, fabs(coef[j]), d->terms[j]);
        any = 1;
    }
    if (!any && used < size)
        snprintf(buf + used, size - used, "0 for every participant analysed");
    free(coef);
    return 1;
}
