/* The analysis of [cea]: per-option means, regression-adjusted increments against the reference (OLS by QR), the
 * incremental analysis, the bootstrap within arm with percentile and BCa intervals (jackknife acceleration from
 * the exact leave-one-out change of each estimate), ICER intervals where defined, INMB, acceptability over all
 * options, the acceptability frontier and EVPI. docs/methods.md (cost-effectiveness from trial data). */
#include "cea/cea.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats/st_boot.h"
#include "stats/st_ols.h"

/* The three models: cost ~ option [+ site]; QALY ~ option + baseline utility [+ site]; QALY ~ option. */
enum { M_COST = 0, M_QALY, M_UNADJ, N_MODELS };

/* Columns of a model: intercept, k - 1 option dummies, baseline utility (M_QALY), site dummies (M_COST, M_QALY;
 * every site present but the first present). Returns p; site_col[g] is the column of site g or -1. */
static size_t model_cols(const cea_data *d, int model, const int *present, long *site_col)
{
    size_t p = d->k + (model == M_QALY);
    int first = 1;
    for (size_t g = 0; g < d->n_sites; g++) {
        site_col[g] = -1;
        if (model == M_UNADJ || !d->adjust_site || !present[g])
            continue;
        if (first) {
            first = 0;
            continue;
        }
        site_col[g] = (long)p++;
    }
    return p;
}

static void model_row(const cea_data *d, int model, size_t i, const long *site_col, double u0_centre, double *x,
                      size_t p)
{
    memset(x, 0, p * sizeof *x);
    x[0] = 1;
    if (d->opt[i] > 0)
        x[d->opt[i]] = 1;
    if (model == M_QALY)
        x[d->k] = d->u0[i] - u0_centre;
    if (model != M_UNADJ && d->adjust_site && site_col[d->site[i]] >= 0)
        x[site_col[d->site[i]]] = 1;
}

/* Least squares by the normal equations and Cholesky, for the bootstrap replicates (coefficients only): the
 * responses are centred and the design is dummies and one centred covariate, so X'X is well conditioned.
 * Returns 0 when X'X is not positive definite (a replicate whose design lost its rank). */
static int fit_ne(const cea_data *d, int model, const size_t *idx, size_t n, const long *site_col, size_t p,
                  double u0_c, double y_c, const double *y, double *A, double *bvec, double *x, double *beta)
{
    memset(A, 0, p * p * sizeof *A);
    memset(bvec, 0, p * sizeof *bvec);
    for (size_t r = 0; r < n; r++) {
        size_t i = idx[r];
        model_row(d, model, i, site_col, u0_c, x, p);
        double yi = y[i] - y_c;
        for (size_t a = 0; a < p; a++) {
            if (x[a] == 0)
                continue;
            bvec[a] += x[a] * yi;
            for (size_t b = 0; b <= a; b++)
                A[a * p + b] += x[a] * x[b];
        }
    }
    for (size_t a = 0; a < p; a++)
        for (size_t b = a + 1; b < p; b++)
            A[a * p + b] = A[b * p + a];
    gsl_matrix_view Am = gsl_matrix_view_array(A, p, p);
    gsl_vector_view bv = gsl_vector_view_array(bvec, p), xv = gsl_vector_view_array(beta, p);
    if (gsl_linalg_cholesky_decomp1(&Am.matrix) != GSL_SUCCESS)
        return 0;
    /* a pivot tiny against the diagonal of X'X: rank lost */
    for (size_t a = 0; a < p; a++)
        if (!(A[a * p + a] > 1e-7))
            return 0;
    return gsl_linalg_cholesky_solve(&Am.matrix, &bv.vector, &xv.vector) == GSL_SUCCESS;
}

void cea_result_free(cea_result *r)
{
    free(r->mean_cost);
    free(r->mean_qaly);
    free(r->dc);
    free(r->dq);
    free(r->dq_unadj);
    free(r->front);
    free(r->icer);
    free(r->icer_lo);
    free(r->icer_hi);
    free(r->quad);
    free(r->bc);
    free(r->bq);
    free(r->prob);
    free(r->inmb);
    free(r->inmb_lo);
    free(r->inmb_hi);
    free(r->best);
    free(r->evpi);
    memset(r, 0, sizeof *r);
}

/* Fill e's bootstrap fields from the replicates t[0..R-1] (stride apart) and the influence values L. */
static core_status boot_intervals(cea_est *e, const double *t, size_t R, size_t stride, const double *L, size_t n,
                                  double conf, double *work, core_err *err)
{
    size_t m = 0;
    double s1 = 0, s2 = 0;
    for (size_t r = 0; r < R; r++) {
        double v = t[r * stride];
        work[r] = v;
        if (isfinite(v)) {
            s1 += v;
            m++;
        }
    }
    double mean = m ? s1 / (double)m : NAN;
    for (size_t r = 0; r < R; r++)
        if (isfinite(work[r]))
            s2 += (work[r] - mean) * (work[r] - mean);
    e->boot_se = m > 1 ? sqrt(s2 / (double)(m - 1)) : NAN;
    core_status st = st_boot_percentile(work, R, conf, &e->pct_lo, &e->pct_hi, NULL, err);
    if (st != CORE_OK)
        return st;
    (void)L;
    (void)n;
    return st_boot_bca(e->est, work, R, e->accel, conf, &e->bca_lo, &e->bca_hi, &e->bca_undefined, err);
}

#define NO_BOOT .boot_se = NAN, .pct_lo = NAN, .pct_hi = NAN, .bca_lo = NAN, .bca_hi = NAN

#define ALLOC(ptr, count)                                                                                             \
    do {                                                                                                              \
        size_t cnt_ = (count);                                                                                        \
        if (!((ptr) = calloc(cnt_ ? cnt_ : 1, sizeof *(ptr)))) {                                                      \
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");                                                  \
            goto done;                                                                                                \
        }                                                                                                             \
    } while (0)

core_status cea_analyse(const cea_spec *s, const cea_data *d, gsl_rng *rng, const core_progress *progress,
                        cea_result *r, core_err *err)
{
    memset(r, 0, sizeof *r);
    size_t k = d->k, n = d->n, G = d->n_sites, R = (size_t)s->bootstrap, nw = s->n_wtp;
    core_status st = CORE_OK;
    st_ols_fit *fit[N_MODELS] = {NULL, NULL, NULL};
    double *X = NULL, *y = NULL, *V = NULL, *L = NULL, *work = NULL, *A = NULL, *bvec = NULL, *xrow = NULL,
           *beta = NULL, *bmc = NULL, *bmq = NULL, *bqu = NULL, *Lmc = NULL, *Lmq = NULL, *Lc = NULL, *Lq = NULL,
           *Lu = NULL, *pr = NULL, *mnb = NULL;
    size_t *idx = NULL;
    int *present = NULL;
    long *site_col = NULL;
    int *strata = NULL;
    st_boot_strata bs = {0};
    r->k = k;
    r->R = (long)R;
    r->n_wtp = nw;
    r->wtp = s->wtp;
    size_t pmax = k + 1 + G;
    ALLOC(r->mean_cost, k);
    ALLOC(r->mean_qaly, k);
    ALLOC(r->dc, k);
    ALLOC(r->dq, k);
    ALLOC(r->dq_unadj, k);
    ALLOC(r->front, k);
    ALLOC(r->icer, k);
    ALLOC(r->icer_lo, k);
    ALLOC(r->icer_hi, k);
    ALLOC(r->quad, 4 * k);
    ALLOC(r->inmb, nw * k);
    ALLOC(r->inmb_lo, nw * k);
    ALLOC(r->inmb_hi, nw * k);
    ALLOC(X, n * pmax);
    ALLOC(y, n);
    ALLOC(V, pmax * pmax);
    ALLOC(present, G);
    ALLOC(site_col, G);
    ALLOC(strata, n);
    ALLOC(Lmc, n * k);
    ALLOC(Lmq, n * k);
    ALLOC(Lc, n * k);
    ALLOC(Lq, n * k);
    ALLOC(Lu, n * k);
    for (size_t i = 0; i < n; i++) {
        strata[i] = d->opt[i];
        if (G)
            present[d->site[i]] = 1;
    }
    double u0_c = 0, c_c = 0, q_c = 0;
    for (size_t i = 0; i < n; i++) {
        u0_c += d->u0[i];
        c_c += d->cost[i];
        q_c += d->qaly[i];
    }
    u0_c /= (double)n;
    c_c /= (double)n;
    q_c /= (double)n;

    /* observed means per option, with their influence values (L_i = x_i - mean of i's arm; 0 elsewhere) */
    for (size_t j = 0; j < k; j++) {
        double sc = 0, sq = 0;
        for (size_t i = 0; i < n; i++)
            if ((size_t)d->opt[i] == j) {
                sc += d->cost[i];
                sq += d->qaly[i];
            }
        double nj = (double)d->n_cc[j];
        r->mean_cost[j] = (cea_est){.est = sc / nj, .se = NAN, .lo = NAN, .hi = NAN, NO_BOOT};
        r->mean_qaly[j] = (cea_est){.est = sq / nj, .se = NAN, .lo = NAN, .hi = NAN, NO_BOOT};
        for (size_t i = 0; i < n; i++) {
            int in = (size_t)d->opt[i] == j;
            Lmc[j * n + i] = in ? d->cost[i] - sc / nj : 0;
            Lmq[j * n + i] = in ? d->qaly[i] - sq / nj : 0;
        }
        r->mean_cost[j].accel = st_boot_acceleration(Lmc + j * n, n);
        r->mean_qaly[j].accel = st_boot_acceleration(Lmq + j * n, n);
    }

    /* the three regressions on the complete cases (QR; classical standard errors, t intervals) */
    for (int m = 0; m < N_MODELS; m++) {
        size_t p = model_cols(d, m, present, site_col);
        for (size_t i = 0; i < n; i++) {
            model_row(d, m, i, site_col, 0, X + i * p, p);
            y[i] = m == M_COST ? d->cost[i] : d->qaly[i];
        }
        if (n <= p) {
            st = core_err_set(err, CORE_ERR_ANALYSIS, "cost-effectiveness: %zu complete cases for a regression with %zu "
                              "coefficients", n, p);
            goto done;
        }
        if ((st = st_ols_fit_new(X, y, n, p, &fit[m], err)) != CORE_OK) {
            core_err_prefix(err, "cost-effectiveness: the %s regression", m == M_COST ? "cost" : "QALY");
            goto done;
        }
        if ((st = st_ols_vcov(fit[m], ST_VCOV_CLASSICAL, V, NULL, err)) != CORE_OK)
            goto done;
        cea_est *e = m == M_COST ? r->dc : m == M_QALY ? r->dq : r->dq_unadj;
        double *Lm = m == M_COST ? Lc : m == M_QALY ? Lq : Lu;
        const st_ols_fit *f = fit[m];
        if (m == M_COST)
            r->df_cost = f->df_resid;
        else if (m == M_QALY)
            r->df_qaly = f->df_resid;
        e[0] = (cea_est){.est = 0, .se = NAN, .lo = NAN, .hi = NAN, .accel = NAN, .boot_se = NAN, .pct_lo = NAN,
                         .pct_hi = NAN, .bca_lo = NAN, .bca_hi = NAN};
        for (size_t j = 1; j < k; j++) {
            st_estimate te;
            st_coef_t(f->beta[j], V[j * p + j], f->df_resid, s->confidence, &te);
            e[j] = (cea_est){.est = f->beta[j], .se = te.se, .lo = te.ci_low, .hi = te.ci_high, NO_BOOT};
            /* jackknife: t0 - t(-i) = (R^-1 q_i)_j e_i / (1 - h_ii), exactly (no refit); a participant with
             * leverage 1 (alone in a site) leaves the option coefficients unchanged */
            for (size_t i = 0; i < n; i++) {
                double g = 0;
                for (size_t l = j; l < p; l++)
                    g += f->rinv[j * p + l] * f->q[i * p + l];
                double one_h = 1 - f->hat[i];
                double dlt = one_h > 1e-10 ? g * f->resid[i] / one_h : 0;
                Lm[j * n + i] = ((double)d->n_cc[d->opt[i]] - 1) * dlt;
            }
            e[j].accel = st_boot_acceleration(Lm + j * n, n);
        }
    }

    /* the incremental analysis on the adjusted increments (reference at 0, 0) */
    {
        double *cc = malloc(k * sizeof *cc), *ee = malloc(k * sizeof *ee);
        if (!cc || !ee) {
            free(cc);
            free(ee);
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (size_t j = 0; j < k; j++) {
            cc[j] = r->dc[j].est;
            ee[j] = r->dq[j].est;
        }
        st = st_ce_frontier(cc, ee, k, r->front, err);
        free(cc);
        free(ee);
        if (st != CORE_OK)
            goto done;
    }
    for (size_t j = 0; j < k; j++) {
        r->icer[j] = j ? r->dc[j].est / r->dq[j].est : NAN;
        r->icer_lo[j] = r->icer_hi[j] = NAN;
        for (size_t w = 0; w < nw; w++) {
            r->inmb[w * k + j] = s->wtp[w] * r->dq[j].est - r->dc[j].est;
            r->inmb_lo[w * k + j] = r->inmb_hi[w * k + j] = NAN;
        }
    }
    if (R == 0)
        goto done;

    /* the bootstrap: participants resampled within arm; per replicate the means, the adjusted increments
     * (normal equations on centred data) and the unadjusted QALY difference */
    ALLOC(r->bc, R * k);
    ALLOC(r->bq, R * k);
    ALLOC(bmc, R * k);
    ALLOC(bmq, R * k);
    ALLOC(bqu, R * k);
    ALLOC(idx, n);
    ALLOC(A, pmax * pmax);
    ALLOC(bvec, pmax);
    ALLOC(xrow, pmax);
    ALLOC(beta, pmax);
    ALLOC(work, R);
    ALLOC(L, n);
    int *pres = calloc(G ? G : 1, sizeof *pres);
    if (!pres) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    if ((st = st_boot_strata_new(strata, n, k, &bs, err)) != CORE_OK) {
        free(pres);
        goto done;
    }
    for (size_t b = 0; b < R; b++) {
        st_boot_strata_draw(&bs, rng, idx);
        for (size_t j = 0; j < k; j++)
            bmc[b * k + j] = bmq[b * k + j] = 0;
        memset(pres, 0, (G ? G : 1) * sizeof *pres);
        for (size_t q = 0; q < n; q++) {
            size_t i = idx[q];
            bmc[b * k + (size_t)d->opt[i]] += d->cost[i];
            bmq[b * k + (size_t)d->opt[i]] += d->qaly[i];
            if (G)
                pres[d->site[i]] = 1;
        }
        for (size_t j = 0; j < k; j++) {
            bmc[b * k + j] /= (double)d->n_cc[j];
            bmq[b * k + j] /= (double)d->n_cc[j];
            bqu[b * k + j] = bmq[b * k + j] - bmq[b * k];
        }
        int ok = 1;
        for (int m = 0; m < 2 && ok; m++) {
            size_t p = model_cols(d, m, pres, site_col);
            ok = fit_ne(d, m, idx, n, site_col, p, u0_c, m == M_COST ? c_c : q_c, m == M_COST ? d->cost : d->qaly, A,
                        bvec, xrow, beta);
            for (size_t j = 0; j < k; j++)
                (m == M_COST ? r->bc : r->bq)[b * k + j] = j == 0 ? 0 : ok ? beta[j] : NAN;
        }
        if (!ok) {
            r->R_failed++;
            for (size_t j = 0; j < k; j++)
                r->bc[b * k + j] = r->bq[b * k + j] = NAN;
        }
        if ((b & 127) == 0)
            core_progress_report(progress, "cost-effectiveness bootstrap", (double)b / (double)R);
    }
    core_progress_report(progress, "cost-effectiveness bootstrap", 1);
    free(pres);

    /* intervals: percentile and BCa (acceleration from the exact jackknife influence values) */
    for (size_t j = 0; j < k; j++) {
        if ((st = boot_intervals(&r->mean_cost[j], bmc + j, R, k, Lmc + j * n, n, s->confidence, work, err)) != CORE_OK ||
            (st = boot_intervals(&r->mean_qaly[j], bmq + j, R, k, Lmq + j * n, n, s->confidence, work, err)) != CORE_OK)
            goto done;
        if (j == 0)
            continue;
        if ((st = boot_intervals(&r->dc[j], r->bc + j, R, k, Lc + j * n, n, s->confidence, work, err)) != CORE_OK ||
            (st = boot_intervals(&r->dq[j], r->bq + j, R, k, Lq + j * n, n, s->confidence, work, err)) != CORE_OK ||
            (st = boot_intervals(&r->dq_unadj[j], bqu + j, R, k, Lu + j * n, n, s->confidence, work, err)) != CORE_OK)
            goto done;
        /* the cloud's quadrants; the ICER's interval only when every replicate lies in the NE (or every one in
         * the SW) quadrant, where the ratio orders the replicates as net benefit does */
        double cnt[4] = {0, 0, 0, 0};
        size_t m = 0;
        for (size_t b = 0; b < R; b++) {
            double c = r->bc[b * k + j], e = r->bq[b * k + j];
            if (!isfinite(c) || !isfinite(e))
                continue;
            int east = e > 0, north = c > 0;
            cnt[east && north ? 0 : east ? 1 : !north ? 2 : 3]++;
            work[m++] = c / e;
        }
        for (int q = 0; q < 4; q++)
            r->quad[4 * j + q] = m ? cnt[q] / (double)m : NAN;
        if (m > 0 && (cnt[0] == (double)m || cnt[2] == (double)m) &&
            (st = st_boot_percentile(work, m, s->confidence, &r->icer_lo[j], &r->icer_hi[j], NULL, err)) != CORE_OK)
            goto done;
    }
    /* INMB, acceptability over all options, the acceptability frontier and EVPI at each willingness to pay */
    ALLOC(r->prob, nw * k);
    ALLOC(r->best, nw);
    ALLOC(r->evpi, nw);
    ALLOC(pr, k);
    ALLOC(mnb, k);
    {
        size_t m = 0;
        double *gc = malloc(R * k * sizeof *gc), *ge = malloc(R * k * sizeof *ge);
        if (!gc || !ge) {
            free(gc);
            free(ge);
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (size_t b = 0; b < R; b++) {
            if (!isfinite(r->bc[b * k + 1]))
                continue;
            memcpy(gc + m * k, r->bc + b * k, k * sizeof *gc);
            memcpy(ge + m * k, r->bq + b * k, k * sizeof *ge);
            m++;
        }
        for (size_t w = 0; w < nw; w++) {
            double lam = s->wtp[w];
            if (m > 0) {
                st_ce_acceptability(gc, ge, m, k, lam, pr, mnb, &r->best[w], &r->evpi[w]);
                for (size_t j = 0; j < k; j++)
                    r->prob[w * k + j] = pr[j];
            } else {
                r->best[w] = 0;
                r->evpi[w] = NAN;
                for (size_t j = 0; j < k; j++)
                    r->prob[w * k + j] = NAN;
            }
            for (size_t j = 1; j < k; j++) {
                for (size_t b = 0; b < R; b++)
                    work[b] = lam * r->bq[b * k + j] - r->bc[b * k + j];
                if ((st = st_boot_percentile(work, R, s->confidence, &r->inmb_lo[w * k + j], &r->inmb_hi[w * k + j],
                                             NULL, err)) != CORE_OK) {
                    free(gc);
                    free(ge);
                    goto done;
                }
            }
        }
        free(gc);
        free(ge);
    }
done:
    for (int m = 0; m < N_MODELS; m++)
        st_ols_free(fit[m]);
    st_boot_strata_free(&bs);
    free(X);
    free(y);
    free(V);
    free(L);
    free(work);
    free(A);
    free(bvec);
    free(xrow);
    free(beta);
    free(bmc);
    free(bmq);
    free(bqu);
    free(Lmc);
    free(Lmq);
    free(Lc);
    free(Lq);
    free(Lu);
    free(pr);
    free(mnb);
    free(idx);
    free(present);
    free(site_col);
    free(strata);
    if (st != CORE_OK)
        cea_result_free(r);
    return st;
}
