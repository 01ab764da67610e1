/* Generalised estimating equations (see st_gee.h). */
#include "stats/st_gee.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LAG 1000

void st_gee_free(st_gee *g)
{
    if (!g)
        return;
    free(g->beta);
    free(g->se);
    free(g->vcov);
    free(g->se_naive);
    memset(g, 0, sizeof *g);
}

typedef struct gee_work {
    size_t n, p, G, maxn;
    const double *y, *X, *wt;
    const long *wave;
    size_t *ord;     /* rows sorted by (cluster, wave) */
    size_t *start;   /* G + 1 offsets into ord */
    st_gee_family fam;
    st_gee_corr corr;
    double *eta, *mu, *r, *dv;  /* per row (in original order): linear predictor, mean, Pearson residual, d mu/d eta / sqrt(v) */
    double *Zd, *Nd;            /* AR(1): sums of residual products and pair counts by lag */
    long maxlag;
    gsl_matrix *R, *Xs;
    gsl_vector *rs;
} gee_work;

static void gee_means(gee_work *w, const double *beta)
{
    size_t p = w->p;
    for (size_t i = 0; i < w->n; i++) {
        double e = 0;
        for (size_t j = 0; j < p; j++)
            e += w->X[i * p + j] * beta[j];
        w->eta[i] = e;
        if (w->fam == ST_GEE_LOGIT) {
            double m = e >= 0 ? 1 / (1 + exp(-e)) : exp(e) / (1 + exp(e));
            double v = m * (1 - m);
            w->mu[i] = m;
            /* d mu / d eta = v; scaled by 1/sqrt(v): sqrt(v). A fitted probability of exactly 0 or 1
             * (overflow) gives v = 0: keep a tiny floor so the weights stay finite. */
            double sv = sqrt(fmax(v, 1e-300));
            w->r[i] = (w->y[i] - m) / sv;
            w->dv[i] = sv;
        } else {
            w->mu[i] = e;
            w->r[i] = w->y[i] - e;
            w->dv[i] = 1;
        }
    }
}

/* Scale and working correlation from the current Pearson residuals (geepack's moment equations). */
static double gee_alpha(gee_work *w, double *phi_out)
{
    double ss = 0;
    for (size_t i = 0; i < w->n; i++)
        ss += (w->wt ? w->wt[i] : 1) * w->r[i] * w->r[i];
    double phi = ss / (double)w->n;
    *phi_out = phi;
    if (w->corr == ST_CORR_INDEPENDENCE || !(phi > 0))
        return 0;
    if (w->corr == ST_CORR_EXCHANGEABLE) {
        double s = 0, np = 0;
        for (size_t g = 0; g < w->G; g++) {
            double sr = 0, sr2 = 0;
            size_t m = w->start[g + 1] - w->start[g];
            for (size_t q = w->start[g]; q < w->start[g + 1]; q++) {
                double r = w->r[w->ord[q]];
                sr += r;
                sr2 += r * r;
            }
            s += (sr * sr - sr2) / 2;
            np += (double)m * (double)(m - 1) / 2;
        }
        return np > 0 ? s / (np * phi) : 0;
    }
    /* AR(1): least squares of the pair products z = r_j r_k / phi on alpha^lag, aggregated by lag */
    memset(w->Zd, 0, (size_t)(w->maxlag + 1) * sizeof *w->Zd);
    memset(w->Nd, 0, (size_t)(w->maxlag + 1) * sizeof *w->Nd);
    for (size_t g = 0; g < w->G; g++)
        for (size_t a = w->start[g]; a < w->start[g + 1]; a++)
            for (size_t b = a + 1; b < w->start[g + 1]; b++) {
                size_t i = w->ord[a], j = w->ord[b];
                long d = labs(w->wave[j] - w->wave[i]);
                w->Zd[d] += w->r[i] * w->r[j] / phi;
                w->Nd[d] += 1;
            }
    double best = 0, best_s = INFINITY;
    for (int k = -999; k <= 999; k++) {
        double a = k / 1000.0, s = 0;
        for (long d = 1; d <= w->maxlag; d++)
            if (w->Nd[d] > 0) {
                double ad = pow(a, (double)d);
                s += w->Nd[d] * ad * ad - 2 * ad * w->Zd[d];
            }
        if (s < best_s)
            best_s = s, best = a;
    }
    /* Newton on the estimating equation sum_d d a^(d-1) (Z_d - N_d a^d) = 0 */
    double a = best;
    for (int it = 0; it < 50; it++) {
        double gv = 0, gd = 0;
        for (long d = 1; d <= w->maxlag; d++) {
            if (w->Nd[d] == 0)
                continue;
            double D = (double)d, ad = pow(a, D), ad1 = d >= 1 ? pow(a, D - 1) : 0, ad2 = d >= 2 ? pow(a, D - 2) : 0;
            gv += D * ad1 * (w->Zd[d] - w->Nd[d] * ad);
            gd += D * (D - 1) * ad2 * (w->Zd[d] - w->Nd[d] * ad) - w->Nd[d] * D * D * ad1 * ad1;
        }
        if (!(gd < 0))
            break;
        double step = gv / gd;
        double an = a - step;
        if (an <= -0.9999 || an >= 0.9999)
            break;
        a = an;
        if (fabs(step) < 1e-15)
            break;
    }
    return a;
}

/* Accumulate B = sum Xs'Xs and U = sum Xs'rs (and the meat M = sum (Xs'rs)(Xs'rs)' when M != NULL),
 * Xs = L^-1 A^-1/2 D_i, rs = L^-1 r_i with R_i = L L'. Returns -1 when a working correlation matrix
 * is not positive definite. */
static int gee_sums(gee_work *w, double alpha, double *B, double *U, double *M)
{
    size_t p = w->p;
    memset(B, 0, p * p * sizeof *B);
    memset(U, 0, p * sizeof *U);
    if (M)
        memset(M, 0, p * p * sizeof *M);
    double *u = malloc(p * sizeof *u);
    if (!u)
        return -2;
    for (size_t g = 0; g < w->G; g++) {
        size_t m = w->start[g + 1] - w->start[g];
        if (m == 0)
            continue;
        gsl_matrix_view R = gsl_matrix_submatrix(w->R, 0, 0, m, m);
        gsl_matrix_view Xs = gsl_matrix_submatrix(w->Xs, 0, 0, m, p);
        gsl_vector_view rs = gsl_vector_subvector(w->rs, 0, m);
        /* direct access to the views' blocks in the loops below (GSL's accessors are not inlined) */
        double *xs = Xs.matrix.data, *rv = rs.vector.data, *Rd = R.matrix.data;
        size_t xt = Xs.matrix.tda, rst = rs.vector.stride, rt = R.matrix.tda;
        for (size_t a = 0; a < m; a++) {
            size_t i = w->ord[w->start[g] + a];
            /* a row weight (independence only) scales both factors by sqrt(w): w x r and w x x' */
            double sw = w->wt ? sqrt(w->wt[i]) : 1;
            rv[a * rst] = sw * w->r[i];
            for (size_t j = 0; j < p; j++)
                xs[a * xt + j] = sw * w->dv[i] * w->X[i * p + j];
            for (size_t b = 0; b < m; b++) {
                size_t k = w->ord[w->start[g] + b];
                double c;
                if (a == b)
                    c = 1;
                else if (w->corr == ST_CORR_EXCHANGEABLE)
                    c = alpha;
                else if (w->corr == ST_CORR_AR1)
                    c = pow(alpha, (double)labs(w->wave[k] - w->wave[i]));
                else
                    c = 0;
                Rd[a * rt + b] = c;
            }
        }
        if (w->corr != ST_CORR_INDEPENDENCE && m > 1) {
            if (gsl_linalg_cholesky_decomp1(&R.matrix) != GSL_SUCCESS) {
                free(u);
                return -1;
            }
            /* whiten: Xs <- L^-1 Xs, rs <- L^-1 rs */
            gsl_blas_dtrsm(CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, 1.0, &R.matrix, &Xs.matrix);
            gsl_blas_dtrsv(CblasLower, CblasNoTrans, CblasNonUnit, &R.matrix, &rs.vector);
        }
        for (size_t j = 0; j < p; j++) {
            double s = 0;
            for (size_t a = 0; a < m; a++)
                s += xs[a * xt + j] * rv[a * rst];
            u[j] = s;
            U[j] += s;
            for (size_t k = 0; k <= j; k++) {
                double b = 0;
                for (size_t a = 0; a < m; a++)
                    b += xs[a * xt + j] * xs[a * xt + k];
                B[j * p + k] += b;
            }
        }
        if (M)
            for (size_t j = 0; j < p; j++)
                for (size_t k = 0; k <= j; k++)
                    M[j * p + k] += u[j] * u[k];
    }
    for (size_t j = 0; j < p; j++)
        for (size_t k = j + 1; k < p; k++) {
            B[j * p + k] = B[k * p + j];
            if (M)
                M[j * p + k] = M[k * p + j];
        }
    free(u);
    return 0;
}

core_status st_gee_fit(const double *y, const double *X, const size_t *cluster, const long *wave, size_t n, size_t p,
                       size_t n_clusters, const st_gee_opts *opts, st_gee *out, core_err *err)
{
    memset(out, 0, sizeof *out);
    out->alpha = out->scale = NAN;
    st_gee_opts o = opts ? *opts : (st_gee_opts){0};
    if (o.tol == 0)
        o.tol = 1e-10;
    if (o.max_iter == 0)
        o.max_iter = 100;
    if (p == 0 || n_clusters == 0 || n < p)
        return core_err_set(err, CORE_ERR_ANALYSIS, "GEE: %zu observations are too few for %zu coefficients", n, p);
    if (o.weights && o.corr != ST_CORR_INDEPENDENCE)
        return core_err_set(err, CORE_ERR_USAGE, "GEE: row weights need the independence working correlation");
    for (size_t i = 0; i < n; i++) {
        if (o.weights && !(isfinite(o.weights[i]) && o.weights[i] >= 0))
            return core_err_set(err, CORE_ERR_USAGE, "GEE: row %zu: weight %g is not a finite number >= 0", i + 1,
                                o.weights[i]);
        if (cluster[i] >= n_clusters)
            return core_err_set(err, CORE_ERR_USAGE, "GEE: row %zu: cluster code out of range", i + 1);
        if (!isfinite(y[i]) || (o.family == ST_GEE_LOGIT && y[i] != 0 && y[i] != 1))
            return core_err_set(err, CORE_ERR_USAGE, "GEE: row %zu: outcome %g is not %s", i + 1, y[i],
                                o.family == ST_GEE_LOGIT ? "0 or 1" : "a finite number");
        for (size_t j = 0; j < p; j++)
            if (!isfinite(X[i * p + j]))
                return core_err_set(err, CORE_ERR_USAGE, "GEE: row %zu: covariate %zu is not finite", i + 1, j + 1);
    }
    core_status st = CORE_OK;
    gee_work w = {.n = n, .p = p, .G = n_clusters, .y = y, .X = X, .wt = o.weights, .wave = wave, .fam = o.family, .corr = o.corr};
    w.ord = malloc(n * sizeof *w.ord);
    w.start = calloc(n_clusters + 1, sizeof *w.start);
    w.eta = malloc(n * sizeof *w.eta);
    w.mu = malloc(n * sizeof *w.mu);
    w.r = malloc(n * sizeof *w.r);
    w.dv = malloc(n * sizeof *w.dv);
    double *B = malloc(p * p * sizeof *B), *U = malloc(p * sizeof *U), *M = malloc(p * p * sizeof *M);
    out->beta = calloc(p, sizeof *out->beta);
    out->se = malloc(p * sizeof *out->se);
    out->vcov = malloc(p * p * sizeof *out->vcov);
    out->se_naive = malloc(p * sizeof *out->se_naive);
    gsl_matrix *Bm = gsl_matrix_alloc(p, p);
    gsl_vector *Uv = gsl_vector_alloc(p), *step = gsl_vector_alloc(p);
    if (!w.ord || !w.start || !w.eta || !w.mu || !w.r || !w.dv || !B || !U || !M || !out->beta || !out->se ||
        !out->vcov || !out->se_naive || !Bm || !Uv || !step) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    /* counting sort by cluster, then insertion sort by wave within each (clusters are small) */
    for (size_t i = 0; i < n; i++)
        w.start[cluster[i] + 1]++;
    for (size_t g = 0; g < n_clusters; g++)
        w.start[g + 1] += w.start[g];
    {
        size_t *fill = malloc(n_clusters * sizeof *fill);
        if (!fill) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto done;
        }
        memcpy(fill, w.start, n_clusters * sizeof *fill);
        for (size_t i = 0; i < n; i++)
            w.ord[fill[cluster[i]]++] = i;
        free(fill);
    }
    for (size_t g = 0; g < n_clusters; g++) {
        size_t a = w.start[g], b = w.start[g + 1];
        if (b - a > w.maxn)
            w.maxn = b - a;
        for (size_t q = a + 1; q < b; q++) {
            size_t v = w.ord[q], r = q;
            while (r > a && wave[w.ord[r - 1]] > wave[v]) {
                w.ord[r] = w.ord[r - 1];
                r--;
            }
            w.ord[r] = v;
        }
        for (size_t q = a + 1; q < b; q++) {
            if (wave[w.ord[q]] == wave[w.ord[q - 1]]) {
                st = core_err_set(err, CORE_ERR_USAGE, "GEE: rows %zu and %zu are the same cluster at the same wave %ld",
                                  w.ord[q - 1] + 1, w.ord[q] + 1, wave[w.ord[q]]);
                goto done;
            }
            long d = wave[w.ord[q]] - wave[w.ord[a]];
            if (d > w.maxlag)
                w.maxlag = d;
        }
        if (b > a)
            out->n_clusters++;
    }
    if (o.corr == ST_CORR_AR1 && w.maxlag > MAX_LAG) {
        st = core_err_set(err, CORE_ERR_USAGE, "GEE AR(1): waves more than %d apart within a cluster", MAX_LAG);
        goto done;
    }
    w.Zd = calloc((size_t)w.maxlag + 1, sizeof *w.Zd);
    w.Nd = calloc((size_t)w.maxlag + 1, sizeof *w.Nd);
    w.R = gsl_matrix_alloc(w.maxn ? w.maxn : 1, w.maxn ? w.maxn : 1);
    w.Xs = gsl_matrix_alloc(w.maxn ? w.maxn : 1, p);
    w.rs = gsl_vector_alloc(w.maxn ? w.maxn : 1);
    if (!w.Zd || !w.Nd || !w.R || !w.Xs || !w.rs) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    out->p = p;
    out->n_obs = n;
    /* Fisher scoring: first under independence (the GLM, a safe start), then with the working correlation */
    st_gee_corr want = o.corr;
    int converged = 0, it = 0, total = 0;
    double alpha = 0, phi = 1;
    for (int stage = 0; stage < 2 && !converged; stage++) {
        w.corr = stage == 0 ? ST_CORR_INDEPENDENCE : want;
        for (it = 1; it <= o.max_iter; it++) {
            total++;
            gee_means(&w, out->beta);
            alpha = gee_alpha(&w, &phi);
            int rc = gee_sums(&w, alpha, B, U, NULL);
            if (rc == -2) {
                st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                goto done;
            }
            if (rc == -1) {
                st = core_err_set(err, CORE_ERR_ANALYSIS,
                                  "GEE: the working correlation (alpha = %.4g) is not positive definite", alpha);
                goto done;
            }
            memcpy(Bm->data, B, p * p * sizeof *B);
            memcpy(Uv->data, U, p * sizeof *U);
            int rank_ok = gsl_linalg_cholesky_decomp1(Bm) == GSL_SUCCESS;
            for (size_t j = 0; rank_ok && j < p; j++) {
                double l = gsl_matrix_get(Bm, j, j);
                rank_ok = l * l > 1e-12 * B[j * p + j];
            }
            if (!rank_ok) {
                st = core_err_set(err, CORE_ERR_ANALYSIS,
                                  "GEE: the design is rank-deficient (a term is constant or collinear with others, or "
                                  "fitted probabilities are all 0 or 1)");
                goto done;
            }
            gsl_linalg_cholesky_solve(Bm, Uv, step);
            double smax = 0;
            for (size_t j = 0; j < p; j++) {
                double s = gsl_vector_get(step, j);
                out->beta[j] += s;
                smax = fmax(smax, fabs(s) / fmax(1.0, fabs(out->beta[j])));
            }
            if (!isfinite(smax))
                break;
            if (smax <= o.tol) {
                if (stage == 1 || want == ST_CORR_INDEPENDENCE)
                    converged = 1;
                break;
            }
        }
        if (it > o.max_iter || !isfinite(out->beta[0]))
            break;
    }
    out->iterations = total;
    if (!converged) {
        st = core_err_set(err, CORE_ERR_ANALYSIS,
                          "GEE (%s working correlation) did not converge: Fisher scoring from the independence fit, "
                          "%d iterations, tolerance %g",
                          want == ST_CORR_EXCHANGEABLE ? "exchangeable" : want == ST_CORR_AR1 ? "AR(1)" : "independence",
                          o.max_iter, o.tol);
        goto done;
    }
    /* sandwich at the estimate */
    gee_means(&w, out->beta);
    alpha = gee_alpha(&w, &phi);
    int rc_sw = gee_sums(&w, alpha, B, U, M);
    if (rc_sw != 0) {
        st = rc_sw == -2 ? core_err_set(err, CORE_ERR_NOMEM, "out of memory")
                         : core_err_set(err, CORE_ERR_ANALYSIS, "GEE: the working correlation is not positive definite");
        goto done;
    }
    memcpy(Bm->data, B, p * p * sizeof *B);
    if (gsl_linalg_cholesky_decomp1(Bm) != GSL_SUCCESS || gsl_linalg_cholesky_invert(Bm) != GSL_SUCCESS) {
        st = core_err_set(err, CORE_ERR_ANALYSIS, "GEE: singular information at the estimate");
        goto done;
    }
    const double *Bi = Bm->data;
    for (size_t j = 0; j < p; j++)
        for (size_t k = 0; k < p; k++) {
            double s = 0;
            for (size_t a = 0; a < p; a++)
                for (size_t b = 0; b < p; b++)
                    s += Bi[j * p + a] * M[a * p + b] * Bi[b * p + k];
            out->vcov[j * p + k] = s;
        }
    for (size_t j = 0; j < p; j++) {
        out->se[j] = sqrt(out->vcov[j * p + j]);
        out->se_naive[j] = sqrt(phi * Bi[j * p + j]);
    }
    out->alpha = want == ST_CORR_INDEPENDENCE ? NAN : alpha;
    out->scale = phi;
    if (o.family == ST_GEE_LOGIT)
        for (size_t j = 0; j < p; j++) {
            double lo = INFINITY, hi = -INFINITY;
            for (size_t i = 0; i < n; i++)
                lo = fmin(lo, X[i * p + j]), hi = fmax(hi, X[i * p + j]);
            if (fabs(out->beta[j]) * (hi - lo) > 30)
                out->undefined = "not estimable: fitted probabilities run to 0 or 1 (separation: e.g. everyone or no one "
                                 "in an arm has the outcome at a timepoint)";
        }
done:
    free(w.ord);
    free(w.start);
    free(w.eta);
    free(w.mu);
    free(w.r);
    free(w.dv);
    free(w.Zd);
    free(w.Nd);
    if (w.R)
        gsl_matrix_free(w.R);
    if (w.Xs)
        gsl_matrix_free(w.Xs);
    if (w.rs)
        gsl_vector_free(w.rs);
    free(B);
    free(U);
    free(M);
    if (Bm)
        gsl_matrix_free(Bm);
    if (Uv)
        gsl_vector_free(Uv);
    if (step)
        gsl_vector_free(step);
    if (st != CORE_OK)
        st_gee_free(out);
    return st;
}
