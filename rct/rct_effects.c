/* Typed facts of the trial for other modules (rct_effects.h). */
#include "rct/rct_effects.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/core_data.h"
#include "rct/rct_design.h"
#include "rct/rct_run.h"
#include "stats/st_prop.h"

core_status rct_effects_binary(const rct_run *r, size_t k, double confidence, rct_effects *e, core_err *err)
{
    memset(e, 0, sizeof *e);
    const rct_spec *s = &r->spec;
    const rct_trial *tr = &r->trial;
    if (k >= s->n_outcomes || s->outcomes[k].type != RCT_BINARY)
        return core_err_set(err, CORE_ERR_CONFIG, "outcome '%s' is not binary",
                            k < s->n_outcomes ? s->outcomes[k].name : "?");
    const rct_outcome_spec *o = &s->outcomes[k];
    e->outcome = k;
    e->name = o->name;
    e->treatment = s->treatment;
    e->control = s->control;
    e->confidence = confidence;
    e->n_tp = o->n_columns;
    if (!(e->tp = calloc(o->n_columns ? o->n_columns : 1, sizeof *e->tp)))
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    double z = gsl_cdf_ugaussian_Pinv(1.0 - (1.0 - confidence) / 2.0); /* as the interval functions of st_prop */
    for (size_t j = 0; j < o->n_columns; j++) {
        rct_binary_effect *b = &e->tp[j];
        long x[RCT_MAX_ARMS], n[RCT_MAX_ARMS];
        rct_binary_counts(tr, tr->col_index[tr->outcome_cols[k] + j], NULL, x, n);
        b->timepoint = rct_outcome_timepoint(o, j);
        if (!b->timepoint || !core_parse_double(b->timepoint, '.', &b->month))
            b->month = NAN;
        b->x1 = x[1], b->n1 = n[1], b->x0 = x[0], b->n0 = n[0];
        b->p1 = b->n1 ? (double)b->x1 / (double)b->n1 : NAN;
        b->p0 = b->n0 ? (double)b->x0 / (double)b->n0 : NAN;
        b->estimate = b->se = b->ci_low = b->ci_high = b->p_value = NAN;
        if (b->n1 == 0 || b->n0 == 0) {
            b->why = "not estimable: one arm has no observed outcome at this timepoint";
            continue;
        }
        st_estimate w, nc;
        core_status st;
        if ((st = st_rd_wald(b->x1, b->n1, b->x0, b->n0, confidence, &w, err)) != CORE_OK ||
            (st = st_rd_newcombe(b->x1, b->n1, b->x0, b->n0, confidence, &nc, err)) != CORE_OK) {
            rct_effects_free(e);
            return st;
        }
        b->estimable = 1;
        b->estimate = nc.estimate;
        b->ci_low = nc.ci_low;
        b->ci_high = nc.ci_high;
        b->se = isfinite(w.se) ? w.se : (nc.ci_high - nc.ci_low) / (2 * z);
        b->p_value = w.p_value;
    }
    return CORE_OK;
}

void rct_effects_free(rct_effects *e)
{
    free(e->tp);
    memset(e, 0, sizeof *e);
}

core_status rct_participants_binary(const rct_run *r, size_t k, const size_t *tp, size_t n_tp, rct_participants *m,
                                    core_err *err)
{
    memset(m, 0, sizeof *m);
    const rct_trial *tr = &r->trial;
    size_t n = tr->n;
    m->k = n_tp;
    m->arm = malloc((n ? n : 1) * sizeof *m->arm);
    m->y = malloc((n > 0 && n_tp > 0 ? n * n_tp : 1) * sizeof *m->y);
    if (!m->arm || !m->y) {
        rct_participants_free(m);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        if (tr->arm[i] > 1) /* a multi-arm trial: the first intervention against the control only */
            continue;
        m->arm[m->n] = tr->arm[i];
        for (size_t e = 0; e < n_tp; e++) {
            double v;
            size_t col = tr->col_index[tr->outcome_cols[k] + tp[e]];
            m->y[m->n * n_tp + e] = core_cell_number(tr->table, col, i, &v) == 1 ? (double)(v == 1) : NAN;
        }
        m->n++;
    }
    return CORE_OK;
}

void rct_participants_free(rct_participants *m)
{
    free(m->arm);
    free(m->y);
    memset(m, 0, sizeof *m);
}

core_status rct_site_counts(const rct_run *r, size_t k, size_t j, rct_site_count **out, size_t *n_sites,
                            core_err *err)
{
    *out = NULL;
    *n_sites = 0;
    const rct_trial *tr = &r->trial;
    const core_table *t = r->table;
    long scol = r->spec.site ? core_table_find(t, r->spec.site) : -1;
    if (scol < 0)
        return core_err_set(err, CORE_ERR_CONFIG, "the trial has no site column (site = ... in [trial])");
    size_t col = tr->col_index[tr->outcome_cols[k] + j];
    size_t n = 0, cap = 16;
    rct_site_count *c = calloc(cap, sizeof *c);
    if (!c)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    char buf[256];
    for (size_t i = 0; i < t->n_rows; i++) {
        double y;
        const char *site = core_cell_text(t, (size_t)scol, i, buf, sizeof buf);
        int arm = tr->arm[i];
        if (!*site || arm > 1 || core_cell_number(t, col, i, &y) != 1)
            continue;
        size_t s = 0;
        while (s < n && strcmp(c[s].site, site) != 0)
            s++;
        if (s == n) {
            if (n == cap) {
                rct_site_count *g = realloc(c, 2 * cap * sizeof *c);
                if (!g) {
                    rct_site_counts_free(c, n);
                    return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                }
                c = g;
                cap *= 2;
            }
            memset(&c[n], 0, sizeof c[n]);
            if (!(c[n].site = strdup(site))) {
                rct_site_counts_free(c, n);
                return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            }
            n++;
        }
        if (arm) {
            c[s].x1 += y > 0.5;
            c[s].n1++;
        } else {
            c[s].x0 += y > 0.5;
            c[s].n0++;
        }
    }
    *out = c;
    *n_sites = n;
    return CORE_OK;
}

void rct_site_counts_free(rct_site_count *c, size_t n_sites)
{
    for (size_t s = 0; c && s < n_sites; s++)
        free(c[s].site);
    free(c);
}

long rct_timepoint_find(const rct_run *r, size_t k, const char *label)
{
    const rct_outcome_spec *o = &r->spec.outcomes[k];
    long found = -1;
    for (size_t q = 0; q < o->n_columns && q < r->spec.n_timepoints; q++)
        if (strcmp(r->spec.timepoints[q], label) == 0)
            found = (long)q;
    return found;
}

long rct_outcome_find(const rct_run *r, const char *name)
{
    for (size_t q = 0; q < r->spec.n_outcomes; q++)
        if (strcasecmp(r->spec.outcomes[q].name, name) == 0)
            return (long)q;
    return -1;
}
