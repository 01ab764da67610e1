/* Group-time average treatment effects for staggered adoption (Callaway & Sant'Anna 2021); see st_csdid.h. */
#include "stats/st_csdid.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NOMEM(err) core_err_set(err, CORE_ERR_NOMEM, "out of memory")

void st_cs_result_free(st_cs_result *r)
{
    if (!r)
        return;
    free(r->cell);
    free(r->cohort);
    free(r->share);
    free(r->cohort_units);
    free(r->group);
    free(r->dynamic);
    memset(r, 0, sizeof *r);
}

/* se, z, p from a psi vector. */
static void finish(st_cs_est *e, const double *psi, size_t G)
{
    double v = 0;
    for (size_t c = 0; c < G; c++)
        v += psi[c] * psi[c];
    e->se = sqrt(v);
    e->lo = e->hi = NAN;
    if (e->se > 0) {
        e->z = e->est / e->se;
        e->p = 2 * gsl_cdf_ugaussian_Q(fabs(e->z));
    } else
        e->z = e->p = NAN;
}

/* Weighted mean of the items k (cell values val[k], their psi rows) with weights p of their cohorts
 * (pidx[k]: index into the shares; NULL: equal weights without a share term): estimate and psi. */
static double aggregate(const size_t *items, size_t m, const double *val, const double *psi, const int *pidx,
                        const double *share, const double *psi_share, size_t G, double *out_psi)
{
    double P = 0, th = 0;
    for (size_t j = 0; j < m; j++)
        P += pidx ? share[pidx[items[j]]] : 1.0;
    for (size_t j = 0; j < m; j++)
        th += (pidx ? share[pidx[items[j]]] : 1.0) / P * val[items[j]];
    for (size_t c = 0; c < G; c++) {
        double s = 0;
        for (size_t j = 0; j < m; j++) {
            size_t k = items[j];
            double w = (pidx ? share[pidx[k]] : 1.0) / P;
            s += w * psi[k * G + c];
            if (pidx)
                s += (val[k] - th) * psi_share[(size_t)pidx[k] * G + c] / P;
        }
        out_psi[c] = s;
    }
    return th;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Quantile (type 7, as R's default) of sorted x[0..n-1]. */
static double quantile7(const double *x, size_t n, double q)
{
    double h = (double)(n - 1) * q;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return x[n - 1];
    return x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]);
}

core_status st_cs_estimate(const st_cs_data *d, const st_cs_opts *o, st_cs_result *r, core_err *err)
{
    memset(r, 0, sizeof *r);
    size_t U = d->U, T = d->T, G = d->G, n = d->n;
    if (U == 0 || T < 2 || G == 0 || !d->y || !d->unit || !d->period || !d->cohort || !d->cluster)
        return core_err_set(err, CORE_ERR_USAGE, "group-time effects: need units, at least two periods and clusters");
    for (size_t i = 0; i < U; i++)
        if (d->cohort[i] < -1 || d->cohort[i] >= (int)T || d->cluster[i] < 0 || d->cluster[i] >= (int)G)
            return core_err_set(err, CORE_ERR_USAGE, "group-time effects: unit %zu has a cohort or cluster out of range",
                                i);
    core_status st = CORE_OK;
    double *Y = malloc(U * T * sizeof *Y);
    int *used = calloc(U, sizeof *used);
    size_t *cunits = calloc(G, sizeof *cunits);
    if (!Y || !used || !cunits) {
        st = NOMEM(err);
        goto fail0;
    }
    for (size_t k = 0; k < U * T; k++)
        Y[k] = NAN;
    for (size_t k = 0; k < n; k++) {
        int u = d->unit[k], t = d->period[k];
        if (u < 0 || (size_t)u >= U || t < 0 || (size_t)t >= T) {
            st = core_err_set(err, CORE_ERR_USAGE, "group-time effects: observation %zu out of range", k);
            goto fail0;
        }
        Y[(size_t)u * T + (size_t)t] = d->y[k];
        used[u] = 1;
    }
    /* cohorts with a pre-period; units treated from period 0 left out */
    int *isco = calloc(T + 1, sizeof *isco);
    if (!isco) {
        st = NOMEM(err);
        goto fail0;
    }
    size_t nused = 0;
    for (size_t i = 0; i < U; i++) {
        if (!used[i])
            continue;
        if (d->cohort[i] == 0) {
            r->n_always++;
            used[i] = 0;
            continue;
        }
        nused++;
        cunits[d->cluster[i]]++;
        if (d->cohort[i] < 0)
            r->n_never++;
        else
            isco[d->cohort[i]] = 1;
    }
    size_t K = 0;
    for (size_t t = 1; t < T; t++)
        K += (size_t)isco[t];
    if (K == 0) {
        free(isco);
        st = core_err_set(err, CORE_ERR_ANALYSIS, "group-time effects: no cohort is treated after a pre-period");
        goto fail0;
    }
    if (o->control == ST_CS_NEVER && r->n_never == 0) {
        free(isco);
        st = core_err_set(err, CORE_ERR_ANALYSIS, "group-time effects: no never-treated unit to serve as control "
                          "(use not-yet-treated controls)");
        goto fail0;
    }
    r->n_cohorts = K;
    r->cohort = malloc(K * sizeof *r->cohort);
    r->share = malloc(K * sizeof *r->share);
    r->cohort_units = calloc(K, sizeof *r->cohort_units);
    int *cidx = malloc((T + 1) * sizeof *cidx); /* period -> cohort index */
    if (!r->cohort || !r->share || !r->cohort_units || !cidx) {
        free(isco);
        free(cidx);
        st = NOMEM(err);
        goto fail0;
    }
    for (size_t t = 0, k = 0; t < T; t++) {
        cidx[t] = -1;
        if (t >= 1 && isco[t]) {
            r->cohort[k] = (int)t;
            cidx[t] = (int)k++;
        }
    }
    free(isco);
    /* shares and their psi: (n_gc - N_c p_g)/n */
    double *psi_share = calloc(K * G, sizeof *psi_share);
    size_t *ngc = calloc(K * G, sizeof *ngc);
    if (!psi_share || !ngc) {
        free(cidx);
        free(psi_share);
        free(ngc);
        st = NOMEM(err);
        goto fail0;
    }
    for (size_t i = 0; i < U; i++)
        if (used[i] && d->cohort[i] > 0) {
            size_t k = (size_t)cidx[d->cohort[i]];
            r->cohort_units[k]++;
            ngc[k * G + (size_t)d->cluster[i]]++;
        }
    for (size_t k = 0; k < K; k++) {
        r->share[k] = (double)r->cohort_units[k] / (double)nused;
        for (size_t c = 0; c < G; c++)
            psi_share[k * G + c] = ((double)ngc[k * G + c] - (double)cunits[c] * r->share[k]) / (double)nused;
    }
    free(ngc);
    /* the cells */
    size_t maxcells = K * T;
    r->cell = calloc(maxcells, sizeof *r->cell);
    double *psi = calloc(maxcells * G, sizeof *psi);
    double *val = calloc(maxcells, sizeof *val);
    int *pidx = calloc(maxcells, sizeof *pidx);
    double *Str = calloc(4 * G, sizeof *Str); /* per cluster: treated sum, treated count, control sum, count */
    if (!r->cell || !psi || !val || !pidx || !Str) {
        free(cidx);
        free(psi_share);
        free(psi);
        free(val);
        free(pidx);
        free(Str);
        st = NOMEM(err);
        goto fail0;
    }
    size_t nc = 0;
    for (size_t k = 0; k < K; k++) {
        int g = r->cohort[k];
        size_t t0 = o->base == ST_CS_VARYING ? 1 : 0;
        for (size_t tt = t0; tt < T; tt++) {
            int t = (int)tt;
            int b = o->base == ST_CS_UNIVERSAL || t >= g ? g - 1 : t - 1;
            st_cs_cell *cl = &r->cell[nc];
            cl->g = g;
            cl->t = t;
            cl->base = b;
            pidx[nc] = (int)k;
            if (t == b) { /* the universal reference */
                cl->reference = 1;
                cl->e = (st_cs_est){.est = 0, .se = 0, .lo = 0, .hi = 0, .z = NAN, .p = NAN, .estimable = 1};
                val[nc] = 0;
                nc++;
                continue;
            }
            int mx = t > b ? t : b;
            memset(Str, 0, 4 * G * sizeof *Str);
            double s1 = 0, m1 = 0, s0 = 0, m0 = 0;
            for (size_t i = 0; i < U; i++) {
                if (!used[i])
                    continue;
                int ci = d->cohort[i];
                int tr = ci == g;
                int co = !tr && (ci < 0 || (o->control == ST_CS_NOTYET && ci > mx));
                if (!tr && !co)
                    continue;
                double yt = Y[i * T + (size_t)t], yb = Y[i * T + (size_t)b];
                if (isnan(yt) || isnan(yb))
                    continue;
                double dy = yt - yb;
                double *S = Str + 4 * (size_t)d->cluster[i];
                if (tr) {
                    S[0] += dy;
                    S[1] += 1;
                    s1 += dy;
                    m1 += 1;
                } else {
                    S[2] += dy;
                    S[3] += 1;
                    s0 += dy;
                    m0 += 1;
                }
            }
            cl->n_treated = (size_t)m1;
            cl->n_control = (size_t)m0;
            if (m1 == 0 || m0 == 0) {
                cl->e = (st_cs_est){.est = NAN, .se = NAN, .lo = NAN, .hi = NAN, .z = NAN, .p = NAN, .estimable = 0};
                val[nc] = NAN;
                nc++;
                continue;
            }
            double mu1 = s1 / m1, mu0 = s0 / m0;
            cl->e.est = mu1 - mu0;
            cl->e.estimable = 1;
            val[nc] = cl->e.est;
            double *ps = psi + nc * G;
            for (size_t c = 0; c < G; c++) {
                const double *S = Str + 4 * c;
                ps[c] = (S[0] - S[1] * mu1) / m1 - (S[2] - S[3] * mu0) / m0;
            }
            finish(&cl->e, ps, G);
            nc++;
        }
    }
    r->n_cells = nc;
    free(cidx);
    free(Str);
    /* aggregations */
    int emin = 0, emax = 0, first = 1;
    for (size_t k = 0; k < nc; k++)
        if (r->cell[k].e.estimable) {
            int e = r->cell[k].t - r->cell[k].g;
            if (first || e < emin)
                emin = e;
            if (first || e > emax)
                emax = e;
            first = 0;
        }
    r->e_min = emin;
    r->e_max = emax;
    size_t nE = (size_t)(emax - emin + 1);
    size_t nstat = nc + 1 + K + 1 + nE + 1; /* cells, simple, groups, group overall, dynamic, dynamic overall */
    double *psall = calloc(nstat * G, sizeof *psall);
    size_t *items = malloc((nc + K + nE + 1) * sizeof *items);
    r->group = calloc(K, sizeof *r->group);
    r->dynamic = calloc(nE, sizeof *r->dynamic);
    double *gval = calloc(K + nE + 1, sizeof *gval);
    st_cs_est **estp = calloc(nstat, sizeof *estp);
    if (!psall || !items || !r->group || !r->dynamic || !gval || !estp) {
        free(psall);
        free(items);
        free(gval);
        free(estp);
        free(psi_share);
        free(psi);
        free(val);
        free(pidx);
        st = NOMEM(err);
        goto fail0;
    }
    memcpy(psall, psi, nc * G * sizeof *psall);
    for (size_t k = 0; k < nc; k++)
        estp[k] = &r->cell[k].e;
    size_t m = 0;
    for (size_t k = 0; k < nc; k++)
        if (r->cell[k].e.estimable && !r->cell[k].reference && r->cell[k].t >= r->cell[k].g)
            items[m++] = k;
    size_t si = nc; /* simple */
    estp[si] = &r->simple;
    if (m == 0) {
        free(psall);
        free(items);
        free(gval);
        free(estp);
        free(psi_share);
        free(psi);
        free(val);
        free(pidx);
        st = core_err_set(err, CORE_ERR_ANALYSIS, "group-time effects: no post-period cell has both treated and "
                          "control units");
        goto fail0;
    }
    r->simple.est = aggregate(items, m, val, psi, pidx, r->share, psi_share, G, psall + si * G);
    r->simple.estimable = 1;
    /* by cohort */
    size_t ngi = 0; /* cohorts with an estimate */
    size_t *gitems = malloc((K + 1) * sizeof *gitems);
    int *gp = malloc((K + 1) * sizeof *gp);
    if (!gitems || !gp) {
        free(gitems);
        free(gp);
        free(psall);
        free(items);
        free(gval);
        free(estp);
        free(psi_share);
        free(psi);
        free(val);
        free(pidx);
        st = NOMEM(err);
        goto fail0;
    }
    for (size_t k = 0; k < K; k++) {
        size_t mk = 0;
        for (size_t j = 0; j < nc; j++)
            if ((size_t)pidx[j] == k && r->cell[j].e.estimable && !r->cell[j].reference && r->cell[j].t >= r->cell[j].g)
                items[mk++] = j;
        estp[nc + 1 + k] = &r->group[k];
        if (mk == 0) {
            r->group[k] = (st_cs_est){.est = NAN, .se = NAN, .lo = NAN, .hi = NAN, .z = NAN, .p = NAN};
            continue;
        }
        r->group[k].est = aggregate(items, mk, val, psi, NULL, NULL, NULL, G, psall + (nc + 1 + k) * G);
        r->group[k].estimable = 1;
        gval[k] = r->group[k].est;
        gitems[ngi] = k;
        gp[k] = (int)k;
        ngi++;
    }
    /* overall by cohort: the cohort estimates weighted by their shares */
    size_t go = nc + 1 + K;
    estp[go] = &r->group_overall;
    r->group_overall.est = aggregate(gitems, ngi, gval, psall + (nc + 1) * G, gp, r->share, psi_share, G,
                                     psall + go * G);
    r->group_overall.estimable = 1;
    free(gitems);
    free(gp);
    /* dynamic */
    size_t di = go + 1;
    size_t *eitems = malloc((nE + 1) * sizeof *eitems);
    double *eval = calloc(nE + 1, sizeof *eval);
    size_t nei = 0;
    if (!eitems || !eval) {
        free(eitems);
        free(eval);
        free(psall);
        free(items);
        free(gval);
        free(estp);
        free(psi_share);
        free(psi);
        free(val);
        free(pidx);
        st = NOMEM(err);
        goto fail0;
    }
    for (size_t q = 0; q < nE; q++) {
        int e = emin + (int)q;
        size_t mk = 0;
        for (size_t j = 0; j < nc; j++)
            if (r->cell[j].e.estimable && r->cell[j].t - r->cell[j].g == e)
                items[mk++] = j;
        estp[di + q] = &r->dynamic[q];
        if (mk == 0) {
            r->dynamic[q] = (st_cs_est){.est = NAN, .se = NAN, .lo = NAN, .hi = NAN, .z = NAN, .p = NAN};
            continue;
        }
        r->dynamic[q].est = aggregate(items, mk, val, psi, pidx, r->share, psi_share, G, psall + (di + q) * G);
        r->dynamic[q].estimable = 1;
        eval[q] = r->dynamic[q].est;
        if (e >= 0)
            eitems[nei++] = q;
    }
    size_t dov = di + nE;
    estp[dov] = &r->dynamic_overall;
    if (nei > 0) {
        r->dynamic_overall.est = aggregate(eitems, nei, eval, psall + di * G, NULL, NULL, NULL, G, psall + dov * G);
        r->dynamic_overall.estimable = 1;
    } else
        r->dynamic_overall = (st_cs_est){.est = NAN, .se = NAN, .lo = NAN, .hi = NAN, .z = NAN, .p = NAN};
    free(eitems);
    free(eval);
    for (size_t s = nc; s < nstat; s++)
        if (estp[s]->estimable)
            finish(estp[s], psall + s * G, G);
    /* pre-trend: the pre-period cells */
    size_t *pre = malloc((nc + 1) * sizeof *pre);
    if (!pre) {
        free(psall);
        free(items);
        free(gval);
        free(estp);
        free(psi_share);
        free(psi);
        free(val);
        free(pidx);
        st = NOMEM(err);
        goto fail0;
    }
    size_t np = 0;
    for (size_t k = 0; k < nc; k++)
        if (r->cell[k].e.estimable && !r->cell[k].reference && r->cell[k].t < r->cell[k].g && r->cell[k].e.se > 0)
            pre[np++] = k;
    r->pre_k = np;
    r->wald = r->wald_p = r->supt = r->supt_p = NAN;
    if (np > 0) {
        gsl_matrix *V = gsl_matrix_alloc(np, np);
        gsl_vector *b = gsl_vector_alloc(np), *x = gsl_vector_alloc(np);
        if (!V || !b || !x) {
            gsl_matrix_free(V);
            gsl_vector_free(b);
            gsl_vector_free(x);
            free(pre);
            free(psall);
            free(items);
            free(gval);
            free(estp);
            free(psi_share);
            free(psi);
            free(val);
            free(pidx);
            st = NOMEM(err);
            goto fail0;
        }
        for (size_t a = 0; a < np; a++) {
            gsl_vector_set(b, a, val[pre[a]]);
            for (size_t q = 0; q < np; q++) {
                double s = 0;
                for (size_t c = 0; c < G; c++)
                    s += psi[pre[a] * G + c] * psi[pre[q] * G + c];
                gsl_matrix_set(V, a, q, s);
            }
        }
        gsl_error_handler_t *old = gsl_set_error_handler_off();
        int rc = np < G ? gsl_linalg_cholesky_decomp1(V) : GSL_EDOM;
        if (rc == GSL_SUCCESS) {
            /* a near-singular factor is singular too */
            double dmax = 0, dmin = INFINITY;
            for (size_t a = 0; a < np; a++) {
                double v = fabs(gsl_matrix_get(V, a, a));
                dmax = v > dmax ? v : dmax;
                dmin = v < dmin ? v : dmin;
            }
            if (!(dmin > 1e-7 * dmax))
                rc = GSL_EDOM;
        }
        if (rc == GSL_SUCCESS && gsl_linalg_cholesky_solve(V, b, x) == GSL_SUCCESS) {
            double w = 0;
            for (size_t a = 0; a < np; a++)
                w += gsl_vector_get(b, a) * gsl_vector_get(x, a);
            r->wald = w;
            r->wald_p = gsl_cdf_chisq_Q(w, (double)np);
        } else
            r->wald_singular = 1;
        gsl_set_error_handler(old);
        gsl_matrix_free(V);
        gsl_vector_free(b);
        gsl_vector_free(x);
        double mxz = 0;
        for (size_t a = 0; a < np; a++) {
            double z = fabs(val[pre[a]]) / r->cell[pre[a]].e.se;
            mxz = z > mxz ? z : mxz;
        }
        r->supt = mxz;
    }
    /* the multiplier bootstrap */
    r->draws = o->draws > 0 && o->rng ? o->draws : 0;
    if (r->draws > 0) {
        /* the signs of every draw (one byte each), then one statistic at a time: memory B x G bytes + 2B
         * doubles, whatever the number of cells */
        size_t B = (size_t)r->draws;
        signed char *sg = malloc(B * G);
        double *dev = malloc(B * sizeof *dev), *mx = calloc(B, sizeof *mx);
        unsigned char *ispre = calloc(nc + 1, 1);
        if (!sg || !dev || !mx || !ispre) {
            free(sg);
            free(dev);
            free(mx);
            free(ispre);
            free(pre);
            free(psall);
            free(items);
            free(gval);
            free(estp);
            free(psi_share);
            free(psi);
            free(val);
            free(pidx);
            st = NOMEM(err);
            goto fail0;
        }
        for (size_t bi = 0; bi < B; bi++)
            for (size_t c = 0; c < G; c++)
                sg[bi * G + c] = gsl_rng_uniform(o->rng) < 0.5 ? -1 : 1;
        for (size_t a = 0; a < np; a++)
            ispre[pre[a]] = 1;
        double al = 1 - o->confidence;
        for (size_t s = 0; s < nstat; s++) {
            st_cs_est *e = estp[s];
            int want = e->estimable && !(s < nc && r->cell[s].reference);
            int pre_s = s < nc && ispre[s];
            if (!want && !pre_s)
                continue;
            const double *ps = psall + s * G;
            for (size_t bi = 0; bi < B; bi++) {
                double x = 0;
                const signed char *v = sg + bi * G;
                for (size_t c = 0; c < G; c++)
                    x += v[c] * ps[c];
                dev[bi] = x;
                if (pre_s) {
                    double z = fabs(x) / e->se;
                    mx[bi] = z > mx[bi] ? z : mx[bi];
                }
            }
            if (!want)
                continue;
            qsort(dev, B, sizeof *dev, cmp_double);
            e->lo = e->est - quantile7(dev, B, 1 - al / 2);
            e->hi = e->est - quantile7(dev, B, al / 2);
        }
        if (np > 0) {
            size_t exceed = 0;
            for (size_t bi = 0; bi < B; bi++)
                exceed += mx[bi] >= r->supt * (1 - 1e-9);
            r->supt_p = (double)exceed / (double)B;
        }
        free(sg);
        free(dev);
        free(mx);
        free(ispre);
    }
    free(pre);
    free(psall);
    free(items);
    free(gval);
    free(estp);
    free(psi_share);
    free(psi);
    free(val);
    free(pidx);
    free(Y);
    free(used);
    free(cunits);
    return CORE_OK;
fail0:
    free(Y);
    free(used);
    free(cunits);
    st_cs_result_free(r);
    return st;
}
