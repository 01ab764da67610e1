/* Missing outcomes of the primary outcome ([missing], rct.h): multiple imputation by chained equations within arm,
 * every analysis of the primary outcome re-run per imputation and pooled by Rubin's rules; the tipping-point grid
 * (binary) and delta-adjusted imputation (continuous).
 * docs/methods.md (missing outcomes) gives the models, formulas and references. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_rng.h"
#include "rct/rct_design.h"
#include "stats/st_mi.h"


/* ------------------------------------------------------------------ [missing] */

core_status rct_missing_spec_read(const core_config *cfg, rct_missing_spec *m, core_err *err)
{
    memset(m, 0, sizeof *m);
    m->imputations = 50;
    m->iterations = 10;
    m->donors = 5;
    m->tipping_step = 0.05;
    m->tipping = 1;
    m->glmm = RCT_GLMM_LAPLACE;
    if (!core_config_has_section(cfg, "missing"))
        return CORE_OK;
    m->present = 1;
    core_status st;
    int method = 0, cont = 0, glmm = 1;
    if ((st = core_config_pick(cfg, "missing", "method", &method, err)) != CORE_OK ||
        (st = core_config_integer(cfg, "missing", "imputations", &m->imputations, err)) != CORE_OK ||
        (st = core_config_integer(cfg, "missing", "iterations", &m->iterations, err)) != CORE_OK ||
        (st = core_config_pick(cfg, "missing", "continuous", &cont, err)) != CORE_OK ||
        (st = core_config_integer(cfg, "missing", "donors", &m->donors, err)) != CORE_OK ||
        (st = core_config_flag(cfg, "missing", "tipping", &m->tipping, err)) != CORE_OK ||
        (st = core_config_number(cfg, "missing", "tipping_step", &m->tipping_step, err)) != CORE_OK ||
        (st = core_config_pick(cfg, "missing", "glmm", &glmm, err)) != CORE_OK ||
        (st = core_config_flag(cfg, "missing", "ipw", &m->ipw, err)) != CORE_OK)
        return st;
    m->glmm = glmm == 0 ? 0 : glmm == 1 ? RCT_GLMM_LAPLACE : RCT_GLMM_LAPLACE | RCT_GLMM_AGHQ;
    m->mi = method == 1;
    m->pmm = cont == 1;
    char **items = NULL;
    size_t n = 0;
    if ((st = core_config_list(cfg, "missing", "deltas", 0, &items, &n, err)) != CORE_OK)
        return st;
    char where[300];
    if (n && !m->mi) {
        core_config_list_free(items);
        return core_err_set(err, CORE_ERR_CONFIG, "%s: deltas shift imputed values; they need method = mi",
                            core_config_where(cfg, "missing", "deltas", where, sizeof where));
    }
    if (n && !(m->deltas = malloc(n * sizeof *m->deltas))) {
        core_config_list_free(items);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        if (!core_parse_double(items[i], '.', &m->deltas[i])) {
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not a number; deltas is a list of numbers in the "
                              "outcome's units, e.g. deltas = -2, -1, 0",
                              core_config_where(cfg, "missing", "deltas", where, sizeof where), items[i]);
            break;
        }
    core_config_list_free(items);
    if (st != CORE_OK) {
        free(m->deltas);
        m->deltas = NULL;
        return st;
    }
    m->n_deltas = n;
    return CORE_OK;
}

void rct_missing_spec_free(rct_missing_spec *m)
{
    free(m->deltas);
    memset(m, 0, sizeof *m);
}

/* ------------------------------------------------------------------ the imputation matrix */

typedef struct mi_layout {
    size_t N, p, T;        /* participants, columns, outcome columns (first) */
    size_t *tcol;          /* table column written back, (size_t)-1 for a dummy */
    st_mi_method *method;
    char **name;           /* column names (dummies "site[level]") */
    double *x;             /* N x p */
    unsigned char *miss;   /* N x p */
    size_t n_miss_outcome, n_miss_other;
    char vars[600];        /* "emp6, emp12, emp18, age, ..., site county": for the label */
} mi_layout;

static void layout_free(mi_layout *L)
{
    for (size_t j = 0; j < L->p; j++)
        free(L->name[j]);
    free(L->name);
    free(L->tcol);
    free(L->method);
    free(L->x);
    free(L->miss);
    memset(L, 0, sizeof *L);
}

static core_status layout_add(mi_layout *L, const char *name, size_t tcol, core_err *err)
{
    size_t p = L->p + 1;
    char **nm = realloc(L->name, p * sizeof *nm);
    if (nm)
        L->name = nm;
    size_t *tc = realloc(L->tcol, p * sizeof *tc);
    if (tc)
        L->tcol = tc;
    st_mi_method *me = realloc(L->method, p * sizeof *me);
    if (me)
        L->method = me;
    if (!nm || !tc || !me || !(L->name[L->p] = strdup(name)))
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    L->tcol[L->p] = tcol;
    L->method[L->p] = ST_MI_COMPLETE;
    L->p = p;
    return CORE_OK;
}

static void vars_append(mi_layout *L, const char *what)
{
    size_t len = strlen(L->vars);
    if (len + 3 < sizeof L->vars)
        snprintf(L->vars + len, sizeof L->vars - len, "%s%s", len ? ", " : "", what);
}

/* A numeric column (outcome, baseline, numeric covariate) into column j of L. */
static core_status fill_numeric(const rct_trial *tr, size_t tcol, size_t j, int outcome, st_mi_method cont,
                                mi_layout *L, core_err *err)
{
    size_t nmiss = 0;
    int binary = 1;
    for (size_t i = 0; i < L->N; i++) {
        double v;
        int r = core_cell_number(tr->table, tcol, i, &v);
        if (r == -1) {
            char w[300];
            return core_err_set(err, CORE_ERR_DATA, "%s: not a number; multiple imputation reads this column as numbers",
                                core_cell_where(tr->table, tcol, i, w, sizeof w));
        }
        L->miss[i * L->p + j] = r != 1;
        L->x[i * L->p + j] = r == 1 ? v : NAN;
        if (r != 1)
            nmiss++;
        else if (v != 0 && v != 1)
            binary = 0;
    }
    if (outcome)
        L->n_miss_outcome += nmiss;
    else
        L->n_miss_other += nmiss;
    L->method[j] = nmiss == 0 ? ST_MI_COMPLETE : binary ? ST_MI_LOGREG : cont;
    return CORE_OK;
}

/* Outcome k's columns, its baseline, the numeric covariates (each imputed when incomplete), the dummies of the
 * categorical covariates and of site (complete, or an error naming the cell). */
static core_status layout_build(const rct_spec *s, const rct_trial *tr, size_t k, st_mi_method cont, mi_layout *L,
                                core_err *err)
{
    memset(L, 0, sizeof *L);
    const rct_outcome_spec *o = &s->outcomes[k];
    L->N = tr->n;
    L->T = o->n_columns;
    core_status st = CORE_OK;
    const char *const *cv;
    size_t ncv;
    rct_outcome_covariates(s, o, &cv, &ncv);
    size_t nvar = 0;
    rct_var *vars = calloc(ncv + 1, sizeof *vars);
    if (!vars)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    for (size_t j = 0; j < o->n_columns && st == CORE_OK; j++) {
        st = layout_add(L, o->columns[j], tr->col_index[tr->outcome_cols[k] + j], err);
        vars_append(L, o->columns[j]);
    }
    long bcol = o->baseline ? core_table_find(tr->table, o->baseline) : -1;
    if (st == CORE_OK && bcol >= 0) {
        st = layout_add(L, o->baseline, (size_t)bcol, err);
        vars_append(L, o->baseline);
    }
    /* covariates: numeric ones as columns; categorical ones (and site) as dummies */
    size_t first_cov = L->p;
    for (size_t c = 0; c < ncv && st == CORE_OK; c++) {
        if (o->baseline && strcmp(cv[c], o->baseline) == 0)
            continue;
        int twice = 0;
        for (size_t c2 = 0; c2 < c && !twice; c2++)
            twice = strcmp(cv[c2], cv[c]) == 0;
        if (twice)
            continue;
        if ((st = rct_var_init(tr->table, cv[c], rct_declared_categorical(s, cv[c]), &vars[nvar], err)) != CORE_OK)
            break;
        rct_var *v = &vars[nvar++];
        vars_append(L, cv[c]);
        if (!v->categorical) {
            st = layout_add(L, cv[c], v->col, err);
            continue;
        }
        for (size_t i = 0; i < tr->n; i++)
            if (v->code[i] < 0) {
                char w[300];
                st = core_err_set(err, CORE_ERR_DATA,
                                  "%s: the categorical covariate is missing; multiple imputation imputes the outcome, "
                                  "its baseline and numeric covariates, not categories: complete the cell, or leave "
                                  "'%s' out of covariates for this analysis",
                                  core_cell_where(tr->table, v->col, i, w, sizeof w), cv[c]);
                break;
            }
        for (size_t l = 1; l < v->n_levels && st == CORE_OK; l++) {
            char nm[400];
            snprintf(nm, sizeof nm, "%s[%s]", cv[c], v->levels[l]);
            st = layout_add(L, nm, (size_t)-1, err);
        }
    }
    rct_var site = {0};
    int have_site = 0;
    if (st == CORE_OK && s->site) {
        if ((st = rct_var_init(tr->table, s->site, 1, &site, err)) == CORE_OK) {
            have_site = 1;
            char what[300];
            snprintf(what, sizeof what, "site (%s)", s->site);
            vars_append(L, what);
            for (size_t l = 1; l < site.n_levels && st == CORE_OK; l++) {
                char nm[400];
                snprintf(nm, sizeof nm, "%s[%s]", s->site, site.levels[l]);
                st = layout_add(L, nm, (size_t)-1, err);
            }
        }
    }
    if (st == CORE_OK) {
        size_t Np = (L->N ? L->N : 1) * (L->p ? L->p : 1);
        L->x = calloc(Np, sizeof *L->x);
        L->miss = calloc(Np, 1);
        if (!L->x || !L->miss)
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    /* values */
    for (size_t j = 0; j < L->T && st == CORE_OK; j++)
        st = fill_numeric(tr, L->tcol[j], j, 1, o->type == RCT_BINARY ? ST_MI_LOGREG : cont, L, err);
    if (st == CORE_OK && bcol >= 0)
        st = fill_numeric(tr, (size_t)bcol, L->T, 0, cont, L, err);
    size_t j = first_cov;
    for (size_t c = 0; c < nvar && st == CORE_OK; c++) {
        rct_var *v = &vars[c];
        if (!v->categorical) {
            st = fill_numeric(tr, v->col, j++, 0, cont, L, err);
            continue;
        }
        for (size_t l = 1; l < v->n_levels; l++, j++)
            for (size_t i = 0; i < L->N; i++)
                L->x[i * L->p + j] = v->code[i] == (int)l;
    }
    if (st == CORE_OK && have_site)
        for (size_t l = 1; l < site.n_levels; l++, j++)
            for (size_t i = 0; i < L->N; i++) {
                L->x[i * L->p + j] = site.code[i] == (int)l;
                L->miss[i * L->p + j] = site.code[i] < 0;
            }
    for (size_t c = 0; c < nvar; c++)
        rct_var_free(&vars[c]);
    free(vars);
    if (have_site)
        rct_var_free(&site);
    if (st != CORE_OK)
        layout_free(L);
    return st;
}

/* m imputations of L within arm: imp (m x N x p). */
static core_status impute_all(const rct_spec *s, const rct_trial *tr, const mi_layout *L, const rct_missing_spec *ms,
                              gsl_rng *rng, const core_progress *progress, double *imp, core_err *err)
{
    size_t N = L->N, p = L->p;
    double *sx = malloc((N ? N : 1) * p * sizeof *sx), *so = malloc((N ? N : 1) * p * sizeof *so);
    unsigned char *sm = malloc((N ? N : 1) * p);
    size_t *rows = malloc((N ? N : 1) * sizeof *rows);
    core_status st = CORE_OK;
    if (!sx || !so || !sm || !rows)
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    st_mi_opts o = {.iterations = (int)ms->iterations, .donors = (int)ms->donors};
    for (long l = 0; l < ms->imputations && st == CORE_OK; l++) {
        if (progress && l % 10 == 0)
            core_progress_report(progress, "multiple imputation", 0.5 * (double)l / (double)ms->imputations);
        double *out = imp + (size_t)l * N * p;
        for (size_t a = 0; a < tr->n_arms && st == CORE_OK; a++) {
            size_t na = 0;
            for (size_t i = 0; i < N; i++)
                if (tr->arm[i] == (int)a)
                    rows[na++] = i;
            if (na == 0)
                continue;
            for (size_t r = 0; r < na; r++) {
                memcpy(sx + r * p, L->x + rows[r] * p, p * sizeof *sx);
                memcpy(sm + r * p, L->miss + rows[r] * p, p);
            }
            size_t bad;
            core_err e2;
            core_status s2 = st_mi_impute(sx, sm, na, p, L->method, NULL, &o, rng, so, &bad, &e2);
            if (s2 == CORE_ERR_NOMEM)
                st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            else if (s2 != CORE_OK)
                st = core_err_set(err, CORE_ERR_ANALYSIS,
                                  "%s: multiple imputation of '%s' in arm %s: %s; with so few observed values in an arm, "
                                  "or predictors that repeat each other within it, use method = complete_case or a "
                                  "smaller adjustment set",
                                  tr->table->source, bad < p ? L->name[bad] : "?", rct_arm_level(s, a), e2.msg);
            else
                for (size_t r = 0; r < na; r++)
                    memcpy(out + rows[r] * p, so + r * p, p * sizeof *out);
        }
    }
    free(sx);
    free(so);
    free(sm);
    free(rows);
    return st;
}

/* A copy of t whose columns marked num[j] are numeric (their values by core_cell_number). */
static core_table *table_copy(const core_table *t, const unsigned char *num)
{
    const char **names = malloc((t->n_cols ? t->n_cols : 1) * sizeof *names);
    core_col_type *types = malloc((t->n_cols ? t->n_cols : 1) * sizeof *types);
    if (!names || !types) {
        free(names);
        free(types);
        return NULL;
    }
    for (size_t j = 0; j < t->n_cols; j++) {
        names[j] = t->cols[j].name;
        types[j] = num[j] ? CORE_COL_NUMERIC : t->cols[j].type;
    }
    core_table *c = core_table_new(t->source, t->n_rows, t->n_cols, names, types);
    free(names);
    free(types);
    if (!c)
        return NULL;
    for (size_t i = 0; i < t->n_rows; i++)
        if (core_table_set_line(c, i, core_table_line(t, i)) != CORE_OK)
            goto fail;
    for (size_t j = 0; j < t->n_cols; j++) {
        const core_column *a = &t->cols[j];
        core_column *b = &c->cols[j];
        if (num[j]) {
            for (size_t i = 0; i < t->n_rows; i++) {
                double v;
                if (core_cell_number(t, j, i, &v) == 1)
                    core_table_set_num(c, j, i, v);
            }
            continue;
        }
        if (a->type == CORE_COL_NUMERIC) {
            for (size_t i = 0; i < t->n_rows; i++)
                if (!core_col_missing(a, i) && core_table_set_num(c, j, i, core_col_num(a, i)) != CORE_OK)
                    goto fail;
            if (a->n_labels) {
                if (!(b->labels = calloc(a->n_labels, sizeof *b->labels)))
                    goto fail;
                b->n_labels = a->n_labels;
                for (size_t q = 0; q < a->n_labels; q++) {
                    b->labels[q].value = a->labels[q].value;
                    if (!(b->labels[q].label = strdup(a->labels[q].label)))
                        goto fail;
                }
            }
        } else {
            for (size_t q = 0; q < a->n_levels; q++)
                if (core_column_level(b, a->levels[q]) < 0)
                    goto fail;
            for (size_t i = 0; i < t->n_rows; i++)
                if (core_table_set_code(c, j, i, core_col_code(a, i)) != CORE_OK)
                    goto fail;
            if (a->level_num) {
                if (!(b->level_num = malloc(a->n_levels * sizeof *b->level_num)))
                    goto fail;
                memcpy(b->level_num, a->level_num, a->n_levels * sizeof *b->level_num);
                b->n_level_num = a->n_level_num;
            }
        }
    }
    return c;
fail:
    core_table_free(c);
    return NULL;
}

/* ------------------------------------------------------------------ pooling */

typedef struct pool_entry {
    char *analysis, *method, *timepoint, *term;
    int log_scale;
    double *q, *se;
    size_t count;
    double df_sum, n_sum;
    int df_finite;
} pool_entry;

typedef struct pool_set {
    pool_entry *e;
    size_t n, cap, m;
} pool_set;

static void pool_free(pool_set *P)
{
    for (size_t i = 0; i < P->n; i++) {
        free(P->e[i].analysis);
        free(P->e[i].method);
        free(P->e[i].timepoint);
        free(P->e[i].term);
        free(P->e[i].q);
        free(P->e[i].se);
    }
    free(P->e);
    memset(P, 0, sizeof *P);
}

static int same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static int is_arm_term(const char *t)
{
    return t && (strcmp(t, "arm") == 0 || (strncmp(t, "arm[", 4) == 0 && !strchr(t, ':')));
}

static char *dup0(const char *s)
{
    return strdup(s ? s : "");
}

/* The rows of one completed-data analysis into P: treatment-effect rows (and arm summaries) with an SE. */
static core_status pool_collect(pool_set *P, const core_results *r, core_err *err)
{
    static const char *const skip[] = {"chisq_test", "fisher_exact", "number_needed_to_treat", "wilcoxon", NULL};
    for (size_t i = 0; i < r->n; i++) {
        const core_result_row *x = &r->rows[i];
        if (!(is_arm_term(x->term) || same(x->analysis, "arm_summary")) || !isfinite(x->estimate) ||
            !(isfinite(x->se) && x->se > 0))
            continue;
        int bad = 0;
        for (size_t s = 0; skip[s] && !bad; s++)
            bad = same(x->analysis, skip[s]);
        if (bad)
            continue;
        int lg = same(x->analysis, "odds_ratio") || same(x->analysis, "risk_ratio");
        if (lg && !(x->estimate > 0))
            continue;
        pool_entry *e = NULL;
        for (size_t q = 0; q < P->n && !e; q++)
            if (same(P->e[q].analysis, x->analysis) && same(P->e[q].method, x->method) &&
                same(P->e[q].timepoint, x->timepoint) && same(P->e[q].term, x->term))
                e = &P->e[q];
        if (!e) {
            if (P->n == P->cap) {
                size_t cap = P->cap ? 2 * P->cap : 64;
                pool_entry *ne = realloc(P->e, cap * sizeof *ne);
                if (!ne)
                    return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                P->e = ne;
                P->cap = cap;
            }
            e = &P->e[P->n];
            memset(e, 0, sizeof *e);
            e->analysis = dup0(x->analysis);
            e->method = dup0(x->method);
            e->timepoint = x->timepoint ? strdup(x->timepoint) : NULL;
            e->term = dup0(x->term);
            e->q = malloc(P->m * sizeof *e->q);
            e->se = malloc(P->m * sizeof *e->se);
            e->df_finite = 1;
            P->n++;
            if (!e->analysis || !e->method || (x->timepoint && !e->timepoint) || !e->term || !e->q || !e->se)
                return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            e->log_scale = lg;
        }
        if (e->count >= P->m)
            continue;
        e->q[e->count] = lg ? log(x->estimate) : x->estimate;
        e->se[e->count] = x->se;
        e->count++;
        if (isfinite(x->df))
            e->df_sum += x->df;
        else
            e->df_finite = 0;
        e->n_sum += isfinite(x->n) ? x->n : 0;
    }
    return CORE_OK;
}

static const char *fmt_g(double v, char *buf, size_t size)
{
    snprintf(buf, size, "%.3g", v);
    return buf;
}

/* mi, mi_fmi and mi_riv rows of every pooled quantity. */
static core_status pool_rows(const pool_set *P, const char *outcome, double conf, const char *assumption,
                             core_results *res, core_err *err)
{
    core_status st = CORE_OK;
    for (size_t i = 0; i < P->n && st == CORE_OK; i++) {
        const pool_entry *e = &P->e[i];
        char method[300], label[1800], b1[32], b2[32], b3[32], b4[32];
        snprintf(method, sizeof method, "%s:%s", e->analysis, e->method);
        if (e->count < P->m) {
            snprintf(label, sizeof label, "not pooled: estimable in %zu of %zu imputed data sets", e->count, P->m);
            st = rct_row_est(res, "mi", outcome, e->timepoint, e->term, method, NULL, NAN, label, err);
            continue;
        }
        double df_com = e->df_finite ? e->df_sum / (double)e->count : INFINITY;
        st_mi_pooled pl;
        core_err e2;
        if (st_mi_pool(e->q, e->se, e->count, df_com, conf, &pl, &e2) != CORE_OK) {
            snprintf(label, sizeof label, "not pooled: %.800s", e2.msg);
            st = rct_row_est(res, "mi", outcome, e->timepoint, e->term, method, NULL, NAN, label, err);
            continue;
        }
        st_estimate est = {.estimate = pl.estimate, .se = pl.se, .ci_low = pl.ci_low, .ci_high = pl.ci_high,
                           .statistic = pl.statistic, .df = pl.df, .p_value = pl.p_value};
        if (e->log_scale) {
            est.estimate = exp(pl.estimate);
            est.ci_low = exp(pl.ci_low);
            est.ci_high = exp(pl.ci_high);
        }
        snprintf(label, sizeof label,
                 "Rubin's rules over %zu imputations%s (t on Barnard-Rubin df, complete-data df %s); fraction of "
                 "missing information %s, relative increase in variance %s, Monte Carlo SE of the estimate %s; %s",
                 pl.m, e->log_scale ? ", pooled on the log scale" : "",
                 isinf(df_com) ? "infinite (z-based analysis)" : fmt_g(df_com, b1, sizeof b1), fmt_g(pl.fmi, b2, sizeof b2),
                 fmt_g(pl.riv, b3, sizeof b3), fmt_g(pl.mc_se, b4, sizeof b4), assumption);
        double n = e->n_sum / (double)e->count;
        if ((st = rct_row_est(res, "mi", outcome, e->timepoint, e->term, method, &est, n, label, err)) != CORE_OK)
            break;
        st_estimate f = {.estimate = pl.fmi, .se = NAN, .ci_low = NAN, .ci_high = NAN, .statistic = NAN, .df = pl.df,
                         .p_value = NAN};
        if ((st = rct_row_est(res, "mi_fmi", outcome, e->timepoint, e->term, method, &f, n,
                              "fraction of missing information (r + 2/(df + 3)) / (r + 1), as mice's pool", err)) !=
            CORE_OK)
            break;
        st_estimate r = {.estimate = pl.riv, .se = NAN, .ci_low = NAN, .ci_high = NAN, .statistic = NAN, .df = NAN,
                         .p_value = NAN};
        char lab2[300];
        snprintf(lab2, sizeof lab2,
                 "relative increase in variance (1 + 1/m) B / W; within W = %.6g, between B = %.6g, total T = %.6g",
                 pl.within, pl.between, pl.total);
        st = rct_row_est(res, "mi_riv", outcome, e->timepoint, e->term, method, &r, n, lab2, err);
    }
    return st;
}

/* ------------------------------------------------------------------ tipping point */

static core_status tipping_rows(const rct_spec *s, const rct_trial *tr, size_t k, size_t j, double step,
                                core_results *res, core_err *err)
{
    const rct_outcome_spec *o = &s->outcomes[k];
    const char *tp = rct_outcome_timepoint(o, j);
    size_t col = tr->col_index[tr->outcome_cols[k] + j];
    long x[RCT_MAX_ARMS] = {0}, n[RCT_MAX_ARMS] = {0};
    core_status st = rct_binary_counts(tr, col, NULL, x, n);
    if (st != CORE_OK)
        return core_err_set(err, st, "out of memory");
    double m1 = (double)(tr->n_arm[1] - n[1]), m0 = (double)(tr->n_arm[0] - n[0]);
    char term[300];
    rct_arm_term(s, 1, term, sizeof term);
    if (n[1] == 0 || n[0] == 0)
        return rct_row_est(res, "tipping_point", o->name, tp, term, "summary", NULL, NAN,
                           "not estimable: an arm has no observed outcome", err);
    double conf = s->confidence, alpha = 1 - conf;
    st_tipping cc;
    core_err e2;
    if (st_tipping_2x2((double)x[1], (double)n[1], 0, (double)x[0], (double)n[0], 0, 0, 0, conf, &cc, &e2) != CORE_OK)
        return core_err_set(err, CORE_ERR_ANALYSIS, "tipping point of '%s': %s", o->name, e2.msg);
    int cc_sig = cc.p_value < alpha, cc_sign = (cc.rd > 0) - (cc.rd < 0);
    long K = lround(1.0 / step);
    double p1 = (double)x[1] / (double)n[1], p0 = (double)x[0] / (double)n[0];
    long changes = 0, cells = 0;
    double best = INFINITY, b1 = NAN, b0 = NAN, bp = NAN;
    for (long a = 0; a <= K && st == CORE_OK; a++)
        for (long b = 0; b <= K && st == CORE_OK; b++) {
            double r1 = a == K ? 1.0 : (double)a * step, r0 = b == K ? 1.0 : (double)b * step;
            st_tipping t;
            if (st_tipping_2x2((double)x[1], (double)n[1], m1, (double)x[0], (double)n[0], m0, r1, r0, conf, &t, &e2) !=
                CORE_OK)
                return core_err_set(err, CORE_ERR_ANALYSIS, "tipping point of '%s': %s", o->name, e2.msg);
            int sig = t.p_value < alpha, sign = (t.rd > 0) - (t.rd < 0);
            const char *what = "same conclusion";
            if (isnan(t.p_value))
                what = "not testable: every completed outcome is the same";
            else if (sig && cc_sig && sign != cc_sign)
                what = "conclusion changes: significant in the other direction";
            else if (sig != cc_sig)
                what = sig ? "conclusion changes: becomes significant" : "conclusion changes: no longer significant";
            else if (sign != cc_sign)
                what = "conclusion changes: the difference changes sign";
            int changed = strncmp(what, "conclusion changes", 18) == 0;
            cells++;
            if (changed) {
                changes++;
                double d = hypot(r1 - p1, r0 - p0);
                if (d < best) {
                    best = d;
                    b1 = r1;
                    b0 = r0;
                    bp = t.p_value;
                }
            }
            char method[80];
            snprintf(method, sizeof method, "rates[%.4g,%.4g]", r1, r0);
            st_estimate e = {.estimate = t.rd, .se = t.se, .ci_low = t.ci_low, .ci_high = t.ci_high,
                             .statistic = t.chisq, .df = 1, .p_value = t.p_value};
            st = rct_row_est(res, "tipping_point", o->name, tp, term, method, &e, t.n1 + t.n0, what, err);
        }
    if (st != CORE_OK)
        return st;
    char label[900];
    int len = snprintf(label, sizeof label,
                       "complete case: %s %.1f%%, %s %.1f%% employed, difference %.1f points, Pearson p = %.3g (%s at "
                       "%.3g); %.0f and %.0f missing. The missing counted as employed at every pair of rates 0 to 100%% "
                       "in steps of %.3g and analysed as observed (no allowance for the uncertainty of the assumed "
                       "outcomes): the conclusion changes in %ld of %ld pairs",
                       rct_arm_level(s, 1), 100 * p1, rct_arm_level(s, 0), 100 * p0, 100 * cc.rd, cc.p_value,
                       cc_sig ? "significant" : "not significant", alpha, m1, m0, step, changes, cells);
    if (changes && len > 0 && (size_t)len < sizeof label)
        snprintf(label + len, sizeof label - (size_t)len,
                 "; the nearest to the observed rates: the missing of %s employed at %.0f%% and of %s at %.0f%% "
                 "(p = %.3g)",
                 rct_arm_level(s, 1), 100 * b1, rct_arm_level(s, 0), 100 * b0, bp);
    st_estimate e = {.estimate = (double)changes, .se = NAN, .ci_low = NAN, .ci_high = NAN, .statistic = NAN,
                     .df = NAN, .p_value = NAN};
    return rct_row_est(res, "tipping_point", o->name, tp, term, "summary", &e, (double)cells, label, err);
}

/* ------------------------------------------------------------------ the analysis */

/* Column of the primary outcome analysed by the sensitivity analyses: primary_timepoint, else the last. */
static size_t analysis_column(const rct_outcome_spec *o)
{
    if (o->primary_timepoint)
        for (size_t j = 0; j < o->n_columns; j++) {
            const char *tp = rct_outcome_timepoint(o, j);
            if (tp && strcmp(tp, o->primary_timepoint) == 0)
                return j;
        }
    return o->n_columns - 1;
}

/* Write imputation l of L into the copy c (only the cells that were missing). delta is added to the outcome's
 * imputed values in the intervention arms. */
static void write_imputed(core_table *c, const rct_trial *tr, const mi_layout *L, const double *imp, double delta)
{
    for (size_t i = 0; i < L->N; i++)
        for (size_t j = 0; j < L->p; j++)
            if (L->miss[i * L->p + j] && L->tcol[j] != (size_t)-1)
                core_table_set_num(c, L->tcol[j], i,
                                   imp[i * L->p + j] + (j < L->T && tr->arm[i] > 0 ? delta : 0));
}

static const char *assumption_words(const mi_layout *L, const rct_spec *s, char *buf, size_t size)
{
    snprintf(buf, size, "assumes the outcomes are missing at random given arm and %s (imputed within arm)", L->vars);
    (void)s;
    return buf;
}

/* Delta-adjusted imputation: the main test at column j with the intervention arms' imputed values shifted. */
static core_status delta_rows(const rct_spec *s, const rct_trial *tr, size_t k, size_t j, const mi_layout *L,
                              const double *imp, const rct_missing_spec *ms, core_table *c, rct_trial *ct,
                              core_results *res, core_err *err)
{
    const rct_outcome_spec *o = &s->outcomes[k];
    const char *tp = rct_outcome_timepoint(o, j);
    size_t m = (size_t)ms->imputations, NP = L->N * L->p;
    double *q = malloc(m * sizeof *q), *se = malloc(m * sizeof *se);
    core_status st = CORE_OK;
    if (!q || !se) {
        free(q);
        free(se);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    char term[300];
    rct_arm_term(s, 1, term, sizeof term);
    double base_p = NAN, base_est = NAN, tip = NAN;
    const char *used = NULL;
    for (size_t d = 0; d < ms->n_deltas && st == CORE_OK; d++) {
        double delta = ms->deltas[d], df_sum = 0;
        int df_ok = 1;
        size_t got = 0;
        for (size_t l = 0; l < m && st == CORE_OK; l++) {
            write_imputed(c, tr, L, imp + l * NP, delta);
            core_results *tmp = core_results_new();
            if (!tmp) {
                st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                break;
            }
            st = rct_continuous_analyse(s, ct, k, j, tmp, err);
            const core_result_row *r = NULL;
            if (st == CORE_OK) {
                r = core_results_find(tmp, "rct", "ancova", o->name, tp, term, "classical");
                used = "ANCOVA (classical) arm coefficient";
                if (!r || !isfinite(r->se)) {
                    r = core_results_find(tmp, "rct", "mean_difference", o->name, tp, term, "welch");
                    used = "Welch mean difference";
                }
            }
            if (r && isfinite(r->estimate) && isfinite(r->se)) {
                q[got] = r->estimate;
                se[got] = r->se;
                got++;
                if (isfinite(r->df))
                    df_sum += r->df;
                else
                    df_ok = 0;
            }
            core_results_free(tmp);
        }
        if (st != CORE_OK)
            break;
        char method[64], label[700];
        snprintf(method, sizeof method, "delta[%.6g]", delta);
        st_mi_pooled pl;
        core_err e2;
        if (got < m || st_mi_pool(q, se, got, df_ok ? df_sum / (double)got : INFINITY, s->confidence, &pl, &e2) != CORE_OK) {
            st = rct_row_est(res, "delta_adjusted", o->name, tp, term, method, NULL, NAN,
                             "not estimable in every imputed data set", err);
            continue;
        }
        st_estimate e = {.estimate = pl.estimate, .se = pl.se, .ci_low = pl.ci_low, .ci_high = pl.ci_high,
                         .statistic = pl.statistic, .df = pl.df, .p_value = pl.p_value};
        int sig = pl.p_value < 1 - s->confidence;
        snprintf(label, sizeof label,
                 "%s pooled over %zu imputations with the imputed values of %s in the intervention arm%s shifted by "
                 "%.6g (missing not at random); %s",
                 used ? used : "", got, o->name, tr->n_arms > 2 ? "s" : "", delta,
                 sig ? "significant" : "not significant");
        if (delta == 0) {
            base_p = pl.p_value;
            base_est = pl.estimate;
        }
        st = rct_row_est(res, "delta_adjusted", o->name, tp, term, method, &e, (double)L->N, label, err);
    }
    /* the smallest |delta| whose conclusion differs from delta = 0 (when 0 is on the grid) */
    if (st == CORE_OK && isfinite(base_p)) {
        int base_sig = base_p < 1 - s->confidence;
        for (size_t i = 0; i < res->n; i++) {
            const core_result_row *r = &res->rows[i];
            if (!same(r->analysis, "delta_adjusted") || !same(r->outcome, o->name) || !isfinite(r->p_value))
                continue;
            double dv;
            if (sscanf(r->method, "delta[%lf]", &dv) != 1)
                continue;
            int sig = r->p_value < 1 - s->confidence;
            if ((sig != base_sig || (r->estimate > 0) != (base_est > 0)) && (isnan(tip) || fabs(dv) < fabs(tip)))
                tip = dv;
        }
        char label[400];
        if (isnan(tip))
            snprintf(label, sizeof label, "the conclusion at delta = 0 (%s) holds over every delta of the grid",
                     base_sig ? "significant" : "not significant");
        else
            snprintf(label, sizeof label, "the conclusion at delta = 0 (%s) changes at delta = %.6g (the smallest "
                     "shift on the grid that changes it)", base_sig ? "significant" : "not significant", tip);
        st_estimate e = {.estimate = tip, .se = NAN, .ci_low = NAN, .ci_high = NAN, .statistic = NAN, .df = NAN,
                         .p_value = NAN};
        st = rct_row_est(res, "delta_adjusted", o->name, tp, term, "tipping", &e, (double)L->N, label, err);
    }
    free(q);
    free(se);
    return st;
}

core_status rct_missing_analyse(const rct_spec *s, const rct_long_spec *ls, const rct_trial *tr,
                                const rct_missing_spec *ms, unsigned long seed, const core_progress *progress,
                                core_results *res, core_err *err)
{
    if (!ms->present)
        return CORE_OK;
    long kp = -1;
    for (size_t k = 0; k < s->n_outcomes && kp < 0; k++)
        if (s->outcomes[k].primary)
            kp = (long)k;
    if (kp < 0 || s->outcomes[kp].type == RCT_TIME_TO_EVENT)
        return rct_row_est(res, "mi_summary", kp < 0 ? NULL : s->outcomes[kp].name, NULL, NULL,
                           ms->mi ? "fcs" : "complete_case", NULL, NAN,
                           kp < 0 ? "[missing] applies to the primary outcome; no outcome has primary = yes"
                                  : "[missing] applies to a binary or continuous primary outcome; a time to event is "
                                    "censored, not missing",
                           err);
    size_t k = (size_t)kp;
    const rct_outcome_spec *o = &s->outcomes[k];
    size_t jt = analysis_column(o);
    core_status st = CORE_OK;
    if (ms->ipw && (st = rct_long_ipw(s, ls, tr, k, res, err)) != CORE_OK)
        return st;
    if (o->type == RCT_BINARY && ms->tipping && tr->n_arms >= 2 &&
        (st = tipping_rows(s, tr, k, jt, ms->tipping_step, res, err)) != CORE_OK)
        return st;
    if (!ms->mi)
        return rct_row_est(res, "mi_summary", o->name, NULL, NULL, "complete_case", NULL, NAN,
                           "primary analysis: complete cases at each timepoint (assumes the outcome is missing "
                           "completely at random, or at random given arm alone); method = mi imputes",
                           err);
    mi_layout L;
    if ((st = layout_build(s, tr, k, ms->pmm ? ST_MI_PMM : ST_MI_NORM, &L, err)) != CORE_OK)
        return st;
    char assumption[800];
    assumption_words(&L, s, assumption, sizeof assumption);
    if (L.n_miss_outcome == 0 && L.n_miss_other == 0) {
        char label[900];
        snprintf(label, sizeof label, "no missing values among %s: nothing to impute; the complete-case analysis is "
                 "the analysis", L.vars);
        st = rct_row_est(res, "mi_summary", o->name, NULL, NULL, "fcs", NULL, 0, label, err);
        layout_free(&L);
        return st;
    }
    size_t m = (size_t)ms->imputations, NP = L.N * L.p;
    double *imp = malloc(m * NP * sizeof *imp);
    unsigned char *num = calloc(tr->table->n_cols ? tr->table->n_cols : 1, 1);
    gsl_rng *rng = core_rng_stream(seed, "rct-mi");
    core_table *c = NULL;
    pool_set P = {.m = m};
    if (!imp || !num || !rng) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    if ((st = impute_all(s, tr, &L, ms, rng, progress, imp, err)) != CORE_OK)
        goto done;
    for (size_t j = 0; j < L.p; j++)
        if (L.tcol[j] != (size_t)-1 && L.method[j] != ST_MI_COMPLETE)
            num[L.tcol[j]] = 1;
    if (!(c = table_copy(tr->table, num))) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    rct_trial ct = *tr;
    ct.table = c;
    for (size_t l = 0; l < m && st == CORE_OK; l++) {
        if (progress && l % 10 == 0)
            core_progress_report(progress, "multiple imputation", 0.5 + 0.5 * (double)l / (double)m);
        write_imputed(c, tr, &L, imp + l * NP, 0);
        core_results *tmp = core_results_new();
        if (!tmp) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            break;
        }
        if ((st = rct_outcome_analyse(s, &ct, k, tmp, err)) == CORE_OK &&
            (st = rct_long_analyse_outcome(s, ls, &ct, k, ms->glmm, tmp, err)) == CORE_OK)
            st = pool_collect(&P, tmp, err);
        core_results_free(tmp);
    }
    if (st != CORE_OK)
        goto done;
    char label[1600];
    size_t n_imp_cols = 0;
    for (size_t j = 0; j < L.p; j++)
        n_imp_cols += L.method[j] != ST_MI_COMPLETE;
    snprintf(label, sizeof label,
             "primary analysis: multiple imputation by chained equations, %zu imputations of %ld iterations each, "
             "within each arm, over %s; %zu missing outcome value%s and %zu other missing value%s imputed (%zu "
             "column%s); binary values by logistic regression with parameter draws (augmented against perfect "
             "prediction), continuous by %s; draws from the seeded stream 'rct-mi'; pooled by Rubin's rules with the "
             "Barnard-Rubin degrees of freedom; %s. The complete-case rows stay beside these",
             m, ms->iterations, L.vars, L.n_miss_outcome, L.n_miss_outcome == 1 ? "" : "s", L.n_miss_other,
             L.n_miss_other == 1 ? "" : "s", n_imp_cols, n_imp_cols == 1 ? "" : "s",
             ms->pmm ? "predictive mean matching" : "Bayesian linear regression (norm)", assumption);
    st_estimate e = {.estimate = (double)(L.n_miss_outcome + L.n_miss_other), .se = NAN, .ci_low = NAN,
                     .ci_high = NAN, .statistic = NAN, .df = NAN, .p_value = NAN};
    if ((st = rct_row_est(res, "mi_summary", o->name, NULL, NULL, "fcs", &e, (double)m, label, err)) != CORE_OK ||
        (st = pool_rows(&P, o->name, s->confidence, assumption, res, err)) != CORE_OK)
        goto done;
    if (o->type == RCT_CONTINUOUS && ms->n_deltas)
        st = delta_rows(s, tr, k, jt, &L, imp, ms, c, &ct, res, err);
done:
    if (progress)
        core_progress_report(progress, "multiple imputation", 1.0);
    pool_free(&P);
    core_table_free(c);
    gsl_rng_free(rng);
    free(imp);
    free(num);
    layout_free(&L);
    return st;
}
