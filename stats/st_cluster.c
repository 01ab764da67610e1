/* Classical, CR1 (variants) and CR2 variances of fixed-effects coefficients (see st_cluster.h). */
#include "stats/st_cluster.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NOMEM(err) core_err_set(err, CORE_ERR_NOMEM, "out of memory")

/* ---- CR1 family and classical ---- */

/* Cluster scores s_g = X~_g' e_g (G x p, row-major). */
static double *cluster_scores(const st_twfe_fit *f)
{
    size_t n = f->n, p = f->p, G = f->G;
    double *s = calloc(G * p, sizeof *s);
    if (!s)
        return NULL;
    /* Rows of one cluster usually come in runs (a panel sorted by unit): the running sum of a run stays in a
     * register, starting from the cluster's sum so far, so the additions are the same, in the same order, as
     * adding row by row into memory (the same bits), without waiting on a store for every row. */
    const int *cl = f->data->cluster;
    const double *e = f->resid;
    for (size_t j = 0; j < p; j++) {
        const double *x = f->xd + j * n;
        for (size_t i = 0; i < n;) {
            int g = cl[i];
            double acc = s[(size_t)g * p + j];
            for (; i < n && cl[i] == g; i++)
                acc += x[i] * e[i];
            s[(size_t)g * p + j] = acc;
        }
    }
    return s;
}

static double k_nested(const st_twfe_fit *f)
{
    double extra = f->k_fe - f->k_nested_levels;
    return (double)f->p + (extra > 0 ? extra : 0);
}

core_status st_twfe_vcov(const st_twfe_fit *f, st_vc_kind kind, double *V, double *df, double *k, core_err *err)
{
    size_t p = f->p;
    double N = (double)f->n;
    if (kind == ST_VC_CLASSICAL) {
        double K = (double)p + f->k_fe;
        double s2 = f->rss / (N - K);
        for (size_t a = 0; a < p * p; a++)
            V[a] = s2 * f->bread[a];
        *df = N - K;
        if (k)
            *k = K;
        return CORE_OK;
    }
    if (!f->data->cluster || f->G == 0)
        return core_err_set(err, CORE_ERR_USAGE, "cluster-robust variance without clusters");
    double G = (double)f->G;
    if (f->G < 2)
        return core_err_set(err, CORE_ERR_ANALYSIS, "cluster-robust variance needs at least 2 clusters (got %zu)",
                            f->G);
    double K = NAN, fac;
    switch (kind) {
    case ST_VC_CR1:
        K = k_nested(f);
        break;
    case ST_VC_CR1_AREG:
        K = (double)p + f->k_fe;
        break;
    case ST_VC_CR1_XTREG:
        K = k_nested(f) + 1;
        break;
    case ST_VC_CR1_GONLY:
        break;
    default:
        return core_err_set(err, CORE_ERR_USAGE, "unknown variance kind %d", (int)kind);
    }
    fac = G / (G - 1);
    if (!isnan(K)) {
        if (N - K <= 0)
            return core_err_set(err, CORE_ERR_ANALYSIS, "no residual degrees of freedom for the CR1 factor");
        fac *= (N - 1) / (N - K);
    }
    double *s = cluster_scores(f), *meat = calloc(p * p, sizeof *meat), *tmp = calloc(p * p, sizeof *tmp);
    if (!s || !meat || !tmp) {
        free(s);
        free(meat);
        free(tmp);
        return NOMEM(err);
    }
    for (size_t g = 0; g < f->G; g++)
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < p; b++)
                meat[a * p + b] += s[g * p + a] * s[g * p + b];
    for (size_t a = 0; a < p; a++)
        for (size_t b = 0; b < p; b++) {
            double t = 0;
            for (size_t c = 0; c < p; c++)
                t += f->bread[a * p + c] * meat[c * p + b];
            tmp[a * p + b] = t;
        }
    for (size_t a = 0; a < p; a++)
        for (size_t b = 0; b < p; b++) {
            double t = 0;
            for (size_t c = 0; c < p; c++)
                t += tmp[a * p + c] * f->bread[c * p + b];
            V[a * p + b] = fac * t;
        }
    free(s);
    free(meat);
    free(tmp);
    *df = G - 1;
    if (k)
        *k = K;
    return CORE_OK;
}

static void fill_t(double b, double se, double df, double conf, st_coef_test *out)
{
    out->estimate = b;
    out->se = se;
    out->df = df;
    if (!(se > 0) || !isfinite(se)) {
        out->statistic = out->p_value = out->ci_low = out->ci_high = NAN;
        out->undefined = "the standard error is zero or not finite (too few clusters with variation)";
        return;
    }
    out->statistic = b / se;
    out->p_value = 2 * gsl_cdf_tdist_Q(fabs(out->statistic), df);
    double q = gsl_cdf_tdist_Qinv((1 - conf) / 2, df);
    out->ci_low = b - q * se;
    out->ci_high = b + q * se;
    out->undefined = NULL;
}

core_status st_twfe_test(const st_twfe_fit *f, st_vc_kind kind, size_t j, double conf, st_coef_test *out,
                         core_err *err)
{
    *out = (st_coef_test){NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NULL};
    if (j >= f->p || !(conf > 0 && conf < 1))
        return core_err_set(err, CORE_ERR_USAGE, "coefficient test: bad index or confidence level");
    double *V = malloc(f->p * f->p * sizeof *V), df, k;
    if (!V)
        return NOMEM(err);
    core_status st = st_twfe_vcov(f, kind, V, &df, &k, err);
    if (st == CORE_OK) {
        fill_t(f->beta[j], sqrt(V[j * f->p + j]), df, conf, out);
        out->k = k;
    }
    free(V);
    return st;
}

core_status st_twfe_wald(const st_twfe_fit *f, st_vc_kind kind, const size_t *idx, size_t m, double *F, double *df2,
                         double *p, core_err *err)
{
    *F = *p = NAN;
    size_t P = f->p;
    if (m == 0)
        return core_err_set(err, CORE_ERR_USAGE, "Wald test of no coefficient");
    double *V = malloc(P * P * sizeof *V), k;
    gsl_matrix *S = gsl_matrix_alloc(m, m);
    gsl_vector *b = gsl_vector_alloc(m), *x = gsl_vector_alloc(m);
    core_status st = CORE_OK;
    if (!V || !S || !b || !x) {
        st = NOMEM(err);
        goto done;
    }
    if ((st = st_twfe_vcov(f, kind, V, df2, &k, err)) != CORE_OK)
        goto done;
    for (size_t a = 0; a < m; a++) {
        gsl_vector_set(b, a, f->beta[idx[a]]);
        for (size_t c = 0; c < m; c++)
            gsl_matrix_set(S, a, c, V[idx[a] * P + idx[c]]);
    }
    /* Solve V x = b by Cholesky; a cluster-robust V of rank < m (more restrictions than clusters can
     * support) fails here and is reported as such. */
    if (gsl_linalg_cholesky_decomp1(S) != GSL_SUCCESS || gsl_linalg_cholesky_solve(S, b, x) != GSL_SUCCESS) {
        st = core_err_set(err, CORE_ERR_ANALYSIS,
                          "the covariance of the %zu tested coefficients is singular (too few clusters with variation "
                          "for a joint test)",
                          m);
        goto done;
    }
    double q = 0;
    for (size_t a = 0; a < m; a++)
        q += gsl_vector_get(b, a) * gsl_vector_get(x, a);
    *F = q / (double)m;
    *p = gsl_cdf_fdist_Q(*F, (double)m, *df2);
done:
    free(V);
    gsl_matrix_free(S);
    gsl_vector_free(b);
    gsl_vector_free(x);
    return st;
}

/* ---- symmetric pseudo-inverse ---- */

core_status st_sym_pinv(const double *A, size_t n, double rel_tol, double *inv_out, double *sqrt_out, core_err *err)
{
    gsl_matrix *M = gsl_matrix_alloc(n, n), *E = gsl_matrix_alloc(n, n);
    gsl_vector *ev = gsl_vector_alloc(n);
    gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(n);
    core_status st = CORE_OK;
    if (!M || !E || !ev || !w) {
        st = NOMEM(err);
        goto done;
    }
    for (size_t a = 0; a < n; a++)
        for (size_t b = 0; b < n; b++)
            gsl_matrix_set(M, a, b, 0.5 * (A[a * n + b] + A[b * n + a]));
    int gs = gsl_eigen_symmv(M, ev, E, w);
    if (gs) {
        st = core_err_set(err, core_status_from_gsl(gs), "eigen decomposition failed: %s", gsl_strerror(gs));
        goto done;
    }
    double big = 0;
    for (size_t a = 0; a < n; a++)
        if (gsl_vector_get(ev, a) > big)
            big = gsl_vector_get(ev, a);
    for (size_t a = 0; a < n; a++)
        for (size_t b = 0; b < n; b++) {
            double si = 0, ss = 0;
            for (size_t k = 0; k < n; k++) {
                double l = gsl_vector_get(ev, k);
                if (l > rel_tol * big && l > 0) {
                    double e = gsl_matrix_get(E, a, k) * gsl_matrix_get(E, b, k);
                    si += e / l;
                    ss += e / sqrt(l);
                }
            }
            if (inv_out)
                inv_out[a * n + b] = si;
            if (sqrt_out)
                sqrt_out[a * n + b] = ss;
        }
done:
    gsl_matrix_free(M);
    gsl_matrix_free(E);
    gsl_vector_free(ev);
    if (w)
        gsl_eigen_symmv_free(w);
    return st;
}

/* ---- nested / non-nested split ---- */

void st_fe_split_free(st_fe_split *s)
{
    free(s->off);
    free(s->drop);
    s->off = NULL;
    s->drop = NULL;
}

core_status st_fe_split_init(const st_twfe_fit *f, st_fe_split *s, core_err *err)
{
    memset(s, 0, sizeof *s);
    s->off = malloc(f->n_fe * sizeof *s->off);
    s->drop = calloc(f->n_fe, sizeof *s->drop);
    if (!s->off || !s->drop) {
        st_fe_split_free(s);
        return NOMEM(err);
    }
    for (size_t q = 0; q < f->n_fe; q++)
        if (f->fe_nested[q]) {
            if (s->kn == 0)
                s->nested1 = q;
            s->kn++;
        }
    int first = 1;
    for (size_t q = 0; q < f->n_fe; q++) {
        if (f->fe_nested[q]) {
            s->off[q] = (size_t)-1;
            continue;
        }
        /* The nested factors span the constant; without them the first non-nested factor keeps all
         * its levels (it carries the constant) and the others drop their first. */
        s->drop[q] = s->kn > 0 || !first;
        first = 0;
        s->off[q] = s->L;
        s->L += f->fe[q].n_levels - (size_t)s->drop[q];
    }
    return CORE_OK;
}

/* Adds the sum of d_i d_i' over each cluster's rows to out (G blocks of L x L), d_i the 0/1 indicator row of the
 * split's columns at row i. The caller checked n_fe <= 64. */
static void split_outer_sums(const st_twfe_fit *f, const st_fe_split *s, double *out)
{
    size_t L = s->L;
    long cols[64];
    for (size_t i = 0; i < f->n; i++) {
        size_t m = 0;
        for (size_t q = 0; q < f->n_fe; q++) {
            long c = st_fe_split_col(s, f, q, i);
            if (c >= 0)
                cols[m++] = c;
        }
        double *o = out + (size_t)f->data->cluster[i] * L * L;
        for (size_t a = 0; a < m; a++)
            for (size_t b = 0; b < m; b++)
                o[(size_t)cols[a] * L + (size_t)cols[b]] += 1;
    }
}

core_status st_fe_split_dmd(const st_twfe_fit *f, const st_fe_split *s, const st_ap_opts *opts, double *out,
                            core_err *err)
{
    size_t n = f->n, L = s->L, G = f->G, nf = f->n_fe;
    const int *cl = f->data->cluster;
    memset(out, 0, G * L * L * sizeof *out);
    if (L == 0)
        return CORE_OK;
    if (nf > 64)
        return core_err_set(err, CORE_ERR_USAGE, "more than 64 fixed-effect factors");
    if (s->kn >= 2) {
        /* General case: D demeaned on the nested factors by alternating projections. */
        st_fe *nfe = malloc(s->kn * sizeof *nfe);
        double *Dd = calloc(n * L, sizeof *Dd);
        if (!nfe || !Dd) {
            free(nfe);
            free(Dd);
            return NOMEM(err);
        }
        size_t k = 0;
        for (size_t q = 0; q < nf; q++)
            if (f->fe_nested[q])
                nfe[k++] = f->fe[q];
        for (size_t i = 0; i < n; i++)
            for (size_t q = 0; q < nf; q++) {
                long c = st_fe_split_col(s, f, q, i);
                if (c >= 0)
                    Dd[(size_t)c * n + i] = 1;
            }
        st_demean *dm = st_demean_new(n, nfe, s->kn);
        core_status st = dm ? st_demean_cols(dm, Dd, L, opts, NULL, err) : NOMEM(err);
        st_demean_free(dm);
        free(nfe);
        if (st != CORE_OK) {
            free(Dd);
            return st;
        }
        for (size_t i = 0; i < n; i++) {
            double *o = out + (size_t)cl[i] * L * L;
            for (size_t q = 0; q < nf; q++) {
                long a = st_fe_split_col(s, f, q, i);
                if (a < 0)
                    continue;
                for (size_t b = 0; b < L; b++)
                    o[(size_t)a * L + b] += Dd[b * n + i];
            }
        }
        free(Dd);
        for (size_t g = 0; g < G; g++) /* symmetrise */
            for (size_t a = 0; a < L; a++)
                for (size_t b = a + 1; b < L; b++) {
                    double m = 0.5 * (out[g * L * L + a * L + b] + out[g * L * L + b * L + a]);
                    out[g * L * L + a * L + b] = out[g * L * L + b * L + a] = m;
                }
        return CORE_OK;
    }
    /* Sum of d_i d_i' per cluster. */
    split_outer_sums(f, s, out);
    if (s->kn == 0)
        return CORE_OK;
    /* One nested factor: minus sum over its levels j of c_j c_j' / n_j (c_j = D' 1_j). Rows come grouped
     * by level (a panel sorted by unit): runs are read in place; otherwise a counting sort groups them. */
    const st_fe *nfe = &f->fe[s->nested1];
    size_t J = nfe->n_levels;
    {
        unsigned char *seen = calloc(J ? J : 1, 1);
        size_t *touched = malloc(L * sizeof *touched);
        double *cnt = calloc(L, sizeof *cnt);
        int runs = seen && touched && cnt;
        for (size_t i = 0; runs && i < n;) {
            int j = nfe->level[i];
            if (seen[j]) {
                runs = 0; /* a level in two runs: not grouped */
                break;
            }
            seen[j] = 1;
            size_t i0 = i, nt = 0;
            while (i < n && nfe->level[i] == j) {
                for (size_t q = 0; q < nf; q++) {
                    long c = st_fe_split_col(s, f, q, i);
                    if (c < 0)
                        continue;
                    if (cnt[c] == 0)
                        touched[nt++] = (size_t)c;
                    cnt[c] += 1;
                }
                i++;
            }
            double nj = (double)(i - i0), *o = out + (size_t)cl[i0] * L * L;
            for (size_t a = 0; a < nt; a++)
                for (size_t b = 0; b < nt; b++)
                    o[touched[a] * L + touched[b]] -= cnt[touched[a]] * cnt[touched[b]] / nj;
            for (size_t a = 0; a < nt; a++)
                cnt[touched[a]] = 0;
        }
        free(seen);
        free(touched);
        free(cnt);
        if (runs)
            return CORE_OK;
        /* not grouped: undo nothing partial - recompute from the plain sums */
        memset(out, 0, G * L * L * sizeof *out);
        split_outer_sums(f, s, out);
    }
    size_t *start = calloc(J + 1, sizeof *start), *order = malloc(n * sizeof *order), *touched = malloc(L * sizeof *touched);
    double *cnt = calloc(L, sizeof *cnt);
    if (!start || !order || !touched || !cnt) {
        free(start);
        free(order);
        free(touched);
        free(cnt);
        return NOMEM(err);
    }
    for (size_t i = 0; i < n; i++)
        start[nfe->level[i] + 1]++;
    for (size_t j = 0; j < J; j++)
        start[j + 1] += start[j];
    {
        size_t *pos = malloc(J * sizeof *pos);
        if (!pos) {
            free(start);
            free(order);
            free(touched);
            free(cnt);
            return NOMEM(err);
        }
        memcpy(pos, start, J * sizeof *pos);
        for (size_t i = 0; i < n; i++)
            order[pos[nfe->level[i]]++] = i;
        free(pos);
    }
    for (size_t j = 0; j < J; j++) {
        size_t nt = 0, nj = start[j + 1] - start[j];
        if (nj == 0)
            continue;
        size_t g = (size_t)cl[order[start[j]]];
        for (size_t r = start[j]; r < start[j + 1]; r++) {
            size_t i = order[r];
            for (size_t q = 0; q < nf; q++) {
                long c = st_fe_split_col(s, f, q, i);
                if (c < 0)
                    continue;
                if (cnt[c] == 0)
                    touched[nt++] = (size_t)c;
                cnt[c] += 1;
            }
        }
        double *o = out + g * L * L;
        for (size_t a = 0; a < nt; a++)
            for (size_t b = 0; b < nt; b++)
                o[touched[a] * L + touched[b]] -= cnt[touched[a]] * cnt[touched[b]] / (double)nj;
        for (size_t a = 0; a < nt; a++)
            cnt[touched[a]] = 0;
    }
    free(start);
    free(order);
    free(touched);
    free(cnt);
    return CORE_OK;
}

/* ---- CR2 ---- */

/* Regressors demeaned on the nested factors only (n x p, column-major; caller frees). */
static core_status nested_demeaned_x(const st_twfe_fit *f, const st_fe_split *s, double **out, core_err *err)
{
    size_t n = f->n, p = f->p;
    double *x = malloc(n * p * sizeof *x);
    if (!x)
        return NOMEM(err);
    memcpy(x, f->data->x, n * p * sizeof *x);
    if (s->kn > 0) {
        st_fe *nfe = malloc(s->kn * sizeof *nfe);
        if (!nfe) {
            free(x);
            return NOMEM(err);
        }
        size_t k = 0;
        for (size_t q = 0; q < f->n_fe; q++)
            if (f->fe_nested[q])
                nfe[k++] = f->fe[q];
        st_demean *dm = st_demean_new(n, nfe, s->kn);
        core_status st = dm ? st_demean_cols(dm, x, p, NULL, NULL, err) : NOMEM(err);
        st_demean_free(dm);
        free(nfe);
        if (st != CORE_OK) {
            free(x);
            return st;
        }
    }
    *out = x;
    return CORE_OK;
}

/* Eigen-decompose the symmetric q x q matrix A (row-major) into values l and vectors V (row-major, columns). */
static core_status sym_eigen(const double *A, size_t q, double *l, double *V, core_err *err)
{
    gsl_matrix *M = gsl_matrix_alloc(q, q), *E = gsl_matrix_alloc(q, q);
    gsl_vector *ev = gsl_vector_alloc(q);
    gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(q);
    core_status st = CORE_OK;
    if (!M || !E || !ev || !w)
        st = NOMEM(err);
    else {
        for (size_t a = 0; a < q; a++)
            for (size_t b = 0; b < q; b++)
                gsl_matrix_set(M, a, b, 0.5 * (A[a * q + b] + A[b * q + a]));
        int gs = gsl_eigen_symmv(M, ev, E, w);
        if (gs)
            st = core_err_set(err, core_status_from_gsl(gs), "eigen decomposition failed: %s", gsl_strerror(gs));
        else
            for (size_t a = 0; a < q; a++) {
                l[a] = gsl_vector_get(ev, a);
                for (size_t b = 0; b < q; b++)
                    V[a * q + b] = gsl_matrix_get(E, a, b);
            }
    }
    gsl_matrix_free(M);
    gsl_matrix_free(E);
    gsl_vector_free(ev);
    if (w)
        gsl_eigen_symmv_free(w);
    return st;
}

static void matvec(const double *A, size_t q, const double *x, double *y)
{
    for (size_t a = 0; a < q; a++) {
        double t = 0;
        for (size_t b = 0; b < q; b++)
            t += A[a * q + b] * x[b];
        y[a] = t;
    }
}

/* y = A' x for A q x q row-major */
static void matTvec(const double *A, size_t q, const double *x, double *y)
{
    for (size_t b = 0; b < q; b++) {
        double t = 0;
        for (size_t a = 0; a < q; a++)
            t += A[a * q + b] * x[a];
        y[b] = t;
    }
}

core_status st_twfe_cr2(const st_twfe_fit *f, size_t j, double conf, st_coef_test *out, core_err *err)
{
    *out = (st_coef_test){NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NULL};
    if (j >= f->p || !(conf > 0 && conf < 1))
        return core_err_set(err, CORE_ERR_USAGE, "CR2: bad coefficient index or confidence level");
    if (!f->data->cluster || f->G < 2)
        return core_err_set(err, CORE_ERR_ANALYSIS, "CR2 needs at least 2 clusters");
    st_fe_split s;
    core_status st = st_fe_split_init(f, &s, err);
    if (st != CORE_OK)
        return st;
    size_t n = f->n, p = f->p, G = f->G, L = s.L, q = p + L;
    if (L > ST_CR2_MAX_LEVELS || (double)G * (double)q * (double)q > 5e7) {
        st_fe_split_free(&s);
        return core_err_set(err, CORE_ERR_ANALYSIS,
                            "CR2 is not available here: the fixed effects not nested in the clusters have %zu levels "
                            "(at most %d)",
                            L, ST_CR2_MAX_LEVELS);
    }
    double *S = calloc(G * q * q, sizeof *S), *u = calloc(G * q, sizeof *u), *A22 = malloc((G * L * L + 1) * sizeof *A22);
    double *Sf = calloc(q * q, sizeof *Sf), *M = malloc(q * q * sizeof *M), *Mh = malloc(q * q * sizeof *Mh);
    double *lam = malloc(q * sizeof *lam), *Vg = malloc(q * q * sizeof *Vg), *Pg = malloc(q * q * sizeof *Pg);
    double *C = malloc(q * q * sizeof *C), *tmp = malloc(q * q * sizeof *tmp), *v1 = malloc(q * sizeof *v1),
           *v2 = malloc(q * sizeof *v2), *v3 = malloc(q * sizeof *v3), *z = calloc(G * q, sizeof *z),
           *ww = calloc(G, sizeof *ww), *f1 = malloc(q * sizeof *f1), *f2 = malloc(q * sizeof *f2);
    double *Wn = NULL;
    if (!S || !u || !A22 || !Sf || !M || !Mh || !lam || !Vg || !Pg || !C || !tmp || !v1 || !v2 || !v3 || !z || !ww ||
        !f1 || !f2) {
        st = NOMEM(err);
        goto done;
    }
    if ((st = nested_demeaned_x(f, &s, &Wn, err)) != CORE_OK || (st = st_fe_split_dmd(f, &s, NULL, A22, err)) != CORE_OK)
        goto done;
    /* Cluster sums: U_g'U_g (blocks W'W, W'D; D'M_T D from A22) and U_g'e_g. */
    const int *cl = f->data->cluster;
    long cols[64];
    for (size_t i = 0; i < n; i++) {
        size_t g = (size_t)cl[i];
        double *Sg = S + g * q * q, *ug = u + g * q, e = f->resid[i];
        size_t m = 0;
        for (size_t qq = 0; qq < f->n_fe && m < 64; qq++) {
            long c = st_fe_split_col(&s, f, qq, i);
            if (c >= 0)
                cols[m++] = c;
        }
        for (size_t a = 0; a < p; a++) {
            double xa = Wn[a * n + i];
            ug[a] += xa * e;
            for (size_t b = 0; b <= a; b++)
                Sg[a * q + b] += xa * Wn[b * n + i];
            for (size_t k = 0; k < m; k++)
                Sg[a * q + p + (size_t)cols[k]] += xa;
        }
        for (size_t k = 0; k < m; k++)
            ug[p + (size_t)cols[k]] += e;
    }
    for (size_t g = 0; g < G; g++) {
        double *Sg = S + g * q * q;
        for (size_t a = 0; a < p; a++) {
            for (size_t b = 0; b < a; b++)
                Sg[b * q + a] = Sg[a * q + b];
            for (size_t c = 0; c < L; c++)
                Sg[(p + c) * q + a] = Sg[a * q + p + c];
        }
        for (size_t a = 0; a < L; a++)
            for (size_t b = 0; b < L; b++)
                Sg[(p + a) * q + p + b] = A22[g * L * L + a * L + b];
        for (size_t a = 0; a < q * q; a++)
            Sf[a] += Sg[a];
    }
    if ((st = st_sym_pinv(Sf, q, 1e-12, M, Mh, err)) != CORE_OK)
        goto done;
    const double *cm = M + j * q; /* M c: row j of the symmetric M */
    double var = 0;
    for (size_t g = 0; g < G; g++) {
        const double *Sg = S + g * q * q, *ug = u + g * q;
        /* C'C = Mh S_g Mh; eigenvalues = leverages of cluster g's directions */
        for (size_t a = 0; a < q; a++)
            for (size_t b = 0; b < q; b++) {
                double t = 0;
                for (size_t k = 0; k < q; k++)
                    t += Sg[a * q + k] * Mh[k * q + b];
                tmp[a * q + b] = t;
            }
        for (size_t a = 0; a < q; a++)
            for (size_t b = 0; b < q; b++) {
                double t = 0;
                for (size_t k = 0; k < q; k++)
                    t += Mh[a * q + k] * tmp[k * q + b];
                C[a * q + b] = t;
            }
        if ((st = sym_eigen(C, q, lam, Vg, err)) != CORE_OK)
            goto done;
        for (size_t k = 0; k < q; k++) {
            double l = lam[k], r = 1 - l;
            double h = r > 1e-12 ? 1 / sqrt(r) : 0; /* Moore-Penrose inverse square root of I - H_gg */
            if (l > 1e-14) {
                f1[k] = (h - 1) / l;
                f2[k] = (h * h - 1) / l;
            } else {
                f1[k] = 0.5; /* limits as l -> 0; such directions carry no weight */
                f2[k] = 1.0;
            }
        }
        /* Pg = Mh V_g */
        for (size_t a = 0; a < q; a++)
            for (size_t b = 0; b < q; b++) {
                double t = 0;
                for (size_t k = 0; k < q; k++)
                    t += Mh[a * q + k] * Vg[k * q + b];
                Pg[a * q + b] = t;
            }
        /* r_g = cm'(u_g + S_g Pg F1 Pg' u_g) */
        matTvec(Pg, q, ug, v1);
        for (size_t k = 0; k < q; k++)
            v1[k] *= f1[k];
        matvec(Pg, q, v1, v2);
        matvec(Sg, q, v2, v3);
        double r = 0;
        for (size_t a = 0; a < q; a++)
            r += cm[a] * (ug[a] + v3[a]);
        var += r * r;
        /* z_g = S_g m + S_g Pg F1 Pg' S_g m; ww_g = m'S_g m + sum F2 (Pg' S_g m)^2 */
        double *Sm = v1;
        matvec(Sg, q, cm, Sm);
        double mSm = 0;
        for (size_t a = 0; a < q; a++)
            mSm += cm[a] * Sm[a];
        matTvec(Pg, q, Sm, v2); /* b = Pg' S m */
        double acc = mSm;
        for (size_t k = 0; k < q; k++) {
            acc += f2[k] * v2[k] * v2[k];
            v2[k] *= f1[k];
        }
        ww[g] = acc;
        matvec(Pg, q, v2, v3);
        double *zg = z + g * q;
        matvec(Sg, q, v3, zg);
        for (size_t a = 0; a < q; a++)
            zg[a] += Sm[a];
    }
    /* Satterthwaite: df = (sum_g Gamma_gg)^2 / sum_gh Gamma_gh^2, Gamma_gh = [g=h] ww_g - z_g' M z_h */
    double tr = 0, tr2 = 0;
    double *Mz = malloc(G * q * sizeof *Mz);
    if (!Mz) {
        st = NOMEM(err);
        goto done;
    }
    for (size_t g = 0; g < G; g++)
        matvec(M, q, z + g * q, Mz + g * q);
    for (size_t g = 0; g < G; g++)
        for (size_t h = 0; h < G; h++) {
            double t = 0;
            for (size_t a = 0; a < q; a++)
                t += z[g * q + a] * Mz[h * q + a];
            double gam = (g == h ? ww[g] : 0) - t;
            if (g == h)
                tr += gam;
            tr2 += gam * gam;
        }
    free(Mz);
    fill_t(f->beta[j], sqrt(var), tr * tr / tr2, conf, out);
    out->k = NAN;
done:
    st_fe_split_free(&s);
    free(S);
    free(u);
    free(A22);
    free(Sf);
    free(M);
    free(Mh);
    free(lam);
    free(Vg);
    free(Pg);
    free(C);
    free(tmp);
    free(v1);
    free(v2);
    free(v3);
    free(z);
    free(ww);
    free(f1);
    free(f2);
    free(Wn);
    return st;
}
