/* A panel survey over all its phases (respondents layout): for the total and each item (indicator), a linear mixed
 * model with a random intercept per respondent and the phase as a factor (REML), using every answer given, so a
 * respondent who skipped a phase still counts; each phase against the reference phase with Satterthwaite degrees
 * of freedom; Holm-adjusted p-values across the items for each contrast; and who answered each phase. */
#include "fidelity/fid.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "stats/st_lmm.h"
#include "stats/st_multiplicity.h"

static core_status add(core_results *res, core_result_row *r, core_err *err)
{
    r->module = "fidelity";
    if (core_results_add(res, r) != CORE_OK)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a result row");
    return CORE_OK;
}

/* Respondent identity: the same name at the same site in any phase. unit[row] for every table row in a review
 * (SIZE_MAX elsewhere); returns the number of respondents. */
static size_t respondents(const fid_data *d, size_t *unit, size_t *phase)
{
    size_t nu = 0;
    const char **name = malloc(d->n_rows * sizeof *name);
    size_t *site = malloc(d->n_rows * sizeof *site);
    if (!name || !site) {
        free(name);
        free(site);
        return (size_t)-1;
    }
    for (size_t i = 0; i < d->n_rows; i++)
        unit[i] = phase[i] = (size_t)-1;
    for (size_t r = 0; r < d->n_reviews; r++) {
        const fid_review *rv = &d->reviews[r];
        for (size_t m = 0; m < rv->n_raters; m++) {
            size_t u = 0;
            while (u < nu && !(site[u] == rv->site_ix && strcmp(name[u], rv->rater_names[m]) == 0))
                u++;
            if (u == nu) {
                site[nu] = rv->site_ix;
                name[nu++] = rv->rater_names[m];
            }
            unit[rv->rows[m]] = u;
            phase[rv->rows[m]] = rv->round_ix;
        }
    }
    free(name);
    free(site);
    return nu;
}

/* One indicator (item j, or the total when j == SIZE_MAX): fills est/se/df/p per phase (NaN where not estimated),
 * n_obs; returns CORE_OK or an analysis error (reported as a label, not fatal) in *why. */
static core_status fit_one(const fid_data *d, size_t j, const size_t *unit, const size_t *phase, size_t n_units,
                           size_t ref, double *est, double *se, double *df, size_t *n_obs, const char **why,
                           core_err *err)
{
    size_t P = d->n_rounds, n = 0;
    *why = NULL;
    for (size_t k = 0; k < P; k++)
        est[k] = se[k] = df[k] = NAN;
    double *y = malloc(d->n_rows * sizeof *y), *X = malloc(d->n_rows * P * sizeof *X);
    size_t *u = malloc(d->n_rows * sizeof *u), *map = malloc(n_units * sizeof *map);
    int *seen = calloc(P, sizeof *seen);
    core_status st = CORE_OK;
    if (!y || !X || !u || !map || !seen) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < d->n_rows; i++) {
        if (unit[i] == (size_t)-1)
            continue;
        double v = j == (size_t)-1 ? d->row_total[i] : d->scored[i * d->scale->n_items + j];
        if (isnan(v))
            continue;
        seen[phase[i]] = 1;
    }
    if (!seen[ref]) {
        *why = "no answer in the reference phase";
        goto done;
    }
    /* columns: intercept, then one per phase seen other than the reference */
    size_t col[64], p = 1;
    for (size_t k = 0; k < P && k < 64; k++)
        col[k] = k != ref && seen[k] ? p++ : 0;
    if (p < 2) {
        *why = "answers in one phase only";
        goto done;
    }
    for (size_t q = 0; q < n_units; q++)
        map[q] = (size_t)-1;
    size_t nu = 0;
    for (size_t i = 0; i < d->n_rows; i++) {
        if (unit[i] == (size_t)-1)
            continue;
        double v = j == (size_t)-1 ? d->row_total[i] : d->scored[i * d->scale->n_items + j];
        if (isnan(v))
            continue;
        if (map[unit[i]] == (size_t)-1)
            map[unit[i]] = nu++;
        y[n] = v;
        u[n] = map[unit[i]];
        double *x = X + n * p;
        memset(x, 0, p * sizeof *x);
        x[0] = 1;
        if (phase[i] != ref)
            x[col[phase[i]]] = 1;
        n++;
    }
    *n_obs = n;
    st_lmm m = {0};
    core_err e2;
    core_status fs = st_lmm_fit(y, X, u, n, p, nu, NULL, &m, &e2);
    if (fs == CORE_ERR_NOMEM) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    if (fs != CORE_OK) {
        *why = "the mixed model could not be fitted (too few answers for the phases)";
        goto done;
    }
    for (size_t k = 0; k < P && k < 64; k++) {
        if (k == ref || !seen[k])
            continue;
        est[k] = m.beta[col[k]];
        se[k] = m.se[col[k]];
        df[k] = m.df[col[k]];
    }
    if (m.boundary)
        *why = "the respondents' variance is estimated at 0: degrees of freedom from the residual only";
    st_lmm_free(&m);
done:
    free(y);
    free(X);
    free(u);
    free(map);
    free(seen);
    return st;
}

core_status fid_rows_phase_model(const fid_data *d, double conf, core_results *res, core_err *err)
{
    if (d->spec->layout != FID_LAYOUT_RESPONDENTS || d->n_rounds < 2)
        return CORE_OK;
    if (d->n_rounds > 64)
        return core_err_set(err, CORE_ERR_DATA, "%zu survey phases; the phase model handles at most 64",
                            d->n_rounds);
    size_t ref = 0;
    if (d->spec->reference_phase) {
        while (ref < d->n_rounds && strcmp(d->rounds[ref], d->spec->reference_phase) != 0)
            ref++;
        if (ref == d->n_rounds) {
            char list[512];
            size_t used = 0;
            list[0] = 0;
            for (size_t k = 0; k < d->n_rounds && used < sizeof list; k++)
                used += (size_t)snprintf(list + used, sizeof list - used, "%s'%s'", k ? ", " : "", d->rounds[k]);
            return core_err_set(err, CORE_ERR_CONFIG, "[fidelity] reference_phase '%s' is not a phase of the data; "
                                "the phases are %s", d->spec->reference_phase, list);
        }
    }
    size_t P = d->n_rounds, K = d->scale->n_items, nind = K + 1;
    size_t *unit = malloc(d->n_rows * sizeof *unit), *phase = malloc(d->n_rows * sizeof *phase);
    double *est = malloc(nind * P * sizeof *est), *se = malloc(nind * P * sizeof *se),
           *df = malloc(nind * P * sizeof *df), *pv = malloc(nind * P * sizeof *pv), *adj = malloc(K * sizeof *adj),
           *tmp = malloc(K * sizeof *tmp);
    size_t *nobs = calloc(nind, sizeof *nobs);
    const char **why = calloc(nind, sizeof *why);
    core_status st = CORE_OK;
    if (!unit || !phase || !est || !se || !df || !pv || !adj || !tmp || !nobs || !why) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    size_t nu = respondents(d, unit, phase);
    if (nu == (size_t)-1) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    /* who answered each phase: respondents with a total, and how many of the reference phase's are still there */
    {
        unsigned char *in_ref = calloc(nu ? nu : 1, 1), *in_k = calloc(nu ? nu : 1, 1);
        if (!in_ref || !in_k) {
            free(in_ref);
            free(in_k);
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < d->n_rows; i++)
            if (unit[i] != (size_t)-1 && phase[i] == ref && !isnan(d->row_total[i]))
                in_ref[unit[i]] = 1;
        long n_ref = 0;
        for (size_t q = 0; q < nu; q++)
            n_ref += in_ref[q];
        for (size_t k = 0; k < P && st == CORE_OK; k++) {
            memset(in_k, 0, nu ? nu : 1);
            for (size_t i = 0; i < d->n_rows; i++)
                if (unit[i] != (size_t)-1 && phase[i] == k && !isnan(d->row_total[i]))
                    in_k[unit[i]] = 1;
            long answered = 0, kept = 0;
            for (size_t q = 0; q < nu; q++) {
                answered += in_k[q];
                kept += in_k[q] && in_ref[q];
            }
            char lab[300];
            core_result_row r = CORE_RESULT_ROW_EMPTY;
            r.analysis = "phase_response";
            r.outcome = d->scale->name;
            r.timepoint = d->rounds[k];
            r.term = "all";
            r.method = "count";
            r.statistic = (double)answered;
            r.n = (double)n_ref;
            r.estimate = n_ref > 0 ? (double)kept / (double)n_ref : NAN;
            snprintf(lab, sizeof lab, "%ld respondents with a score in phase %s; %ld of the %ld in phase %s answered "
                     "again (the estimate is that share)", answered, d->rounds[k], kept, n_ref, d->rounds[ref]);
            r.label = lab;
            st = add(res, &r, err);
        }
        free(in_ref);
        free(in_k);
        if (st != CORE_OK)
            goto done;
    }
    for (size_t j = 0; j < nind && st == CORE_OK; j++)
        st = fit_one(d, j == 0 ? (size_t)-1 : j - 1, unit, phase, nu, ref, est + j * P, se + j * P, df + j * P,
                     &nobs[j], &why[j], err);
    if (st != CORE_OK)
        goto done;
    for (size_t x = 0; x < nind * P; x++) {
        double t = est[x] / se[x];
        pv[x] = isfinite(t) && df[x] > 0 ? 2 * gsl_cdf_tdist_Q(fabs(t), df[x]) : NAN;
    }
    double a = 1 - conf;
    for (size_t k = 0; k < P && st == CORE_OK; k++) {
        if (k == ref)
            continue;
        /* Holm across the items for this contrast (the total is not one of the family) */
        for (size_t j = 0; j < K; j++)
            tmp[j] = pv[(j + 1) * P + k];
        if ((st = st_p_adjust(tmp, K, ST_PADJ_HOLM, adj, err)) != CORE_OK)
            break;
        char tp[300], lab[400];
        snprintf(tp, sizeof tp, "%s vs %s", d->rounds[k], d->rounds[ref]);
        for (size_t j = 0; j < nind && st == CORE_OK; j++) {
            size_t x = j * P + k;
            core_result_row r = CORE_RESULT_ROW_EMPTY;
            r.analysis = "phase_model";
            r.outcome = j == 0 ? d->scale->name : d->scale->items[j - 1].name;
            r.timepoint = tp;
            r.term = j == 0 ? "total" : "item";
            r.method = "lmm_reml";
            r.n = (double)nobs[j];
            r.estimate = est[x];
            r.se = se[x];
            r.df = df[x];
            r.p_value = pv[x];
            if (j > 0)
                r.p_adjusted = adj[j - 1];
            if (isfinite(est[x]) && isfinite(se[x]) && df[x] > 0) {
                double q = gsl_cdf_tdist_Pinv(1 - a / 2, df[x]);
                r.ci_low = est[x] - q * se[x];
                r.ci_high = est[x] + q * se[x];
                r.statistic = est[x] / se[x];
            }
            if (why[j] && isnan(est[x]))
                snprintf(lab, sizeof lab, "not estimated: %s", why[j]);
            else
                snprintf(lab, sizeof lab, "mean change from phase %s to %s, every answer used (random respondent "
                         "intercept, REML, Satterthwaite df)%s%s%s", d->rounds[ref], d->rounds[k],
                         j > 0 ? "; p adjusted by Holm across the items" : "", why[j] ? "; " : "",
                         why[j] ? why[j] : "");
            r.label = lab;
            st = add(res, &r, err);
        }
    }
done:
    free(unit);
    free(phase);
    free(est);
    free(se);
    free(df);
    free(pv);
    free(adj);
    free(tmp);
    free(nobs);
    free(why);
    return st;
}
