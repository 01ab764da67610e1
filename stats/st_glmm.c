/* Random-intercept logistic GLMM by Laplace / adaptive Gauss–Hermite quadrature (see st_glmm.h). */
#include "st_glmm.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multimin.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "st_gee.h"

typedef struct glmm_work {
    size_t n, p, G;
    const double *y, *X;
    size_t *ord, *start;
    int K;                 /* quadrature nodes */
    double *node, *lw;     /* nodes x_k and log(w_k) + x_k^2 for weight exp(-x^2) */
    double *mode;          /* per cluster: last conditional mode (a warm start) */
    double *eta;           /* per row: x'beta */
} glmm_work;

/* log of the integrand for cluster g at b: sum_j [y eta - log(1 + e^eta)] - b^2/2, eta = x'beta + s b */
static double h_at(const glmm_work *w, size_t g, double s, double b, double *d1, double *d2)
{
    /* one exp per row: z = e^{-|e|} gives both log(1 + e^e) = max(e, 0) + log1p(z) and the mean
     * m = 1 / (1 + z) or z / (1 + z), as x + log1p(e^-x) for x > 0, log1p(e^x) otherwise */
    double h = -b * b / 2, g1 = -b, g2 = -1;
    for (size_t q = w->start[g]; q < w->start[g + 1]; q++) {
        size_t i = w->ord[q];
        double e = w->eta[i] + s * b;
        double z = exp(-fabs(e));
        h += w->y[i] * e - ((e > 0 ? e : 0) + log1p(z));
        if (d1) {
            double m = e >= 0 ? 1 / (1 + z) : z / (1 + z);
            g1 += s * (w->y[i] - m);
            g2 -= s * s * m * (1 - m);
        }
    }
    if (d1)
        *d1 = g1;
    if (d2)
        *d2 = g2;
    return h;
}

/* The approximate log-likelihood at beta (w->eta filled) and sigma. */
static double glmm_ll(glmm_work *w, const double *beta, double s)
{
    size_t p = w->p;
    for (size_t i = 0; i < w->n; i++) {
        double e = 0;
        for (size_t j = 0; j < p; j++)
            e += w->X[i * p + j] * beta[j];
        w->eta[i] = e;
    }
    double ll = 0;
    for (size_t g = 0; g < w->G; g++) {
        if (w->start[g + 1] == w->start[g])
            continue;
        /* conditional mode by Newton with step halving (h is strictly concave) */
        double b = isfinite(w->mode[g]) ? w->mode[g] : 0, d1, d2;
        double h = h_at(w, g, s, b, &d1, &d2);
        for (int it = 0; it < 100; it++) {
            double step = -d1 / d2, bn = b + step, hn = h, n1 = d1, n2 = d2;
            for (int k = 0; k < 60; k++) {
                hn = h_at(w, g, s, bn, &n1, &n2);
                if (hn >= h - 1e-14 * fabs(h))
                    break;
                step /= 2;
                bn = b + step;
            }
            b = bn, h = hn, d1 = n1, d2 = n2;
            if (fabs(step) < 1e-13 * fmax(1.0, fabs(b)))
                break;
        }
        w->mode[g] = b;
        double c = -d2;
        if (w->K == 1) {
            ll += h - 0.5 * log(c);
            continue;
        }
        /* adaptive Gauss–Hermite: int e^h db = sc sum_k w_k e^{x_k^2} e^{h(b + sc x_k)}, sc = sqrt(2 / c) */
        double sc = sqrt(2 / c), mx = -INFINITY;
        double terms[128];
        for (int k = 0; k < w->K; k++) {
            terms[k] = w->lw[k] + h_at(w, g, s, b + sc * w->node[k], NULL, NULL);
            mx = fmax(mx, terms[k]);
        }
        double sum = 0;
        for (int k = 0; k < w->K; k++)
            sum += exp(terms[k] - mx);
        ll += mx + log(sum) + log(sc) - 0.5 * log(2 * M_PI);
    }
    /* with one node the constant is folded in: h - log(c)/2 is the Laplace value of log(int e^h / sqrt(2 pi)) */
    return ll;
}

/* Objective over theta = (beta, log sigma). */
static double ll_theta(glmm_work *w, const double *th)
{
    return glmm_ll(w, th, exp(th[w->p]));
}

/* Central-difference gradient and Hessian of f at x (k parameters), steps h_j = hs * max(1, |x_j|). */
static void num_derivs(glmm_work *w, double (*f)(glmm_work *, const double *), const double *x, size_t k, double hs,
                       double *g, double *H, double *tmp)
{
    double f0 = f(w, x);
    for (size_t a = 0; a < k; a++) {
        double ha = hs * fmax(1.0, fabs(x[a]));
        memcpy(tmp, x, k * sizeof *x);
        tmp[a] = x[a] + ha;
        double fp = f(w, tmp);
        tmp[a] = x[a] - ha;
        double fm = f(w, tmp);
        g[a] = (fp - fm) / (2 * ha);
        H[a * k + a] = (fp - 2 * f0 + fm) / (ha * ha);
        for (size_t b = 0; b < a; b++) {
            double hb = hs * fmax(1.0, fabs(x[b]));
            double v[4];
            int sgn[4][2] = {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}};
            for (int q = 0; q < 4; q++) {
                memcpy(tmp, x, k * sizeof *x);
                tmp[a] += sgn[q][0] * ha;
                tmp[b] += sgn[q][1] * hb;
                v[q] = f(w, tmp);
            }
            H[a * k + b] = H[b * k + a] = (v[0] - v[1] - v[2] + v[3]) / (4 * ha * hb);
        }
    }
}

typedef struct nm_ctx {
    glmm_work *w;
} nm_ctx;

static double nm_f(const gsl_vector *v, void *p)
{
    nm_ctx *c = p;
    double r = -ll_theta(c->w, v->data);
    return isfinite(r) ? r : GSL_POSINF;
}

/* (beta, sigma) parameterisation for the standard errors */
static double ll_sigma(glmm_work *w, const double *th)
{
    return th[w->p] > 0 ? glmm_ll(w, th, th[w->p]) : NAN;
}

void st_glmm_free(st_glmm *m)
{
    if (!m)
        return;
    free(m->beta);
    free(m->se);
    free(m->vcov);
    memset(m, 0, sizeof *m);
}

static core_status glmm_setup(glmm_work *w, const double *y, const double *X, const size_t *cluster, size_t n,
                              size_t p, size_t G, int K, core_err *err)
{
    memset(w, 0, sizeof *w);
    *w = (glmm_work){.n = n, .p = p, .G = G, .y = y, .X = X, .K = K};
    w->ord = malloc(n * sizeof *w->ord);
    w->start = calloc(G + 1, sizeof *w->start);
    w->node = malloc((size_t)K * sizeof *w->node);
    w->lw = malloc((size_t)K * sizeof *w->lw);
    w->mode = malloc(G * sizeof *w->mode);
    w->eta = malloc(n * sizeof *w->eta);
    size_t *fill = malloc(G * sizeof *fill);
    if (!w->ord || !w->start || !w->node || !w->lw || !w->mode || !w->eta || !fill) {
        free(fill);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        w->start[cluster[i] + 1]++;
    for (size_t g = 0; g < G; g++)
        w->start[g + 1] += w->start[g];
    memcpy(fill, w->start, G * sizeof *fill);
    for (size_t i = 0; i < n; i++)
        w->ord[fill[cluster[i]]++] = i;
    free(fill);
    for (size_t g = 0; g < G; g++)
        w->mode[g] = 0;
    if (K > 1) {
        gsl_integration_fixed_workspace *q = gsl_integration_fixed_alloc(gsl_integration_fixed_hermite, (size_t)K, 0, 1,
                                                                         0, 0);
        if (!q)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory (Gauss-Hermite nodes)");
        const double *nd = gsl_integration_fixed_nodes(q), *wt = gsl_integration_fixed_weights(q);
        for (int k = 0; k < K; k++) {
            w->node[k] = nd[k];
            w->lw[k] = log(wt[k]) + nd[k] * nd[k];
        }
        gsl_integration_fixed_free(q);
    }
    return CORE_OK;
}

static void glmm_work_free(glmm_work *w)
{
    free(w->ord);
    free(w->start);
    free(w->node);
    free(w->lw);
    free(w->mode);
    free(w->eta);
}

static core_status check_input(const double *y, const double *X, const size_t *cluster, size_t n, size_t p, size_t G,
                               int K, core_err *err)
{
    if (K < 1 || K > 100)
        return core_err_set(err, CORE_ERR_USAGE, "GLMM: quadrature points must be 1 (Laplace) to 100, not %d", K);
    if (p == 0 || G == 0 || n <= p)
        return core_err_set(err, CORE_ERR_ANALYSIS, "GLMM: %zu observations are too few for %zu coefficients", n, p);
    for (size_t i = 0; i < n; i++) {
        if (cluster[i] >= G)
            return core_err_set(err, CORE_ERR_USAGE, "GLMM: row %zu: cluster code out of range", i + 1);
        if (y[i] != 0 && y[i] != 1)
            return core_err_set(err, CORE_ERR_USAGE, "GLMM: row %zu: outcome %g is not 0 or 1", i + 1, y[i]);
        for (size_t j = 0; j < p; j++)
            if (!isfinite(X[i * p + j]))
                return core_err_set(err, CORE_ERR_USAGE, "GLMM: row %zu: covariate %zu is not finite", i + 1, j + 1);
    }
    return CORE_OK;
}

double st_glmm_loglik(const double *y, const double *X, const size_t *cluster, size_t n, size_t p, size_t n_clusters,
                      int n_points, const double *beta, double log_sigma)
{
    core_err err;
    if (check_input(y, X, cluster, n, p, n_clusters, n_points, &err) != CORE_OK)
        return NAN;
    glmm_work w;
    double r = NAN;
    if (glmm_setup(&w, y, X, cluster, n, p, n_clusters, n_points, &err) == CORE_OK)
        r = glmm_ll(&w, beta, exp(log_sigma));
    glmm_work_free(&w);
    return r;
}

core_status st_glmm_fit(const double *y, const double *X, const size_t *cluster, size_t n, size_t p,
                        size_t n_clusters, const st_glmm_opts *opts, st_glmm *out, core_err *err)
{
    memset(out, 0, sizeof *out);
    out->sd_unit = out->loglik = NAN;
    st_glmm_opts o = opts ? *opts : (st_glmm_opts){0};
    if (o.n_points == 0)
        o.n_points = 1;
    if (o.tol == 0)
        o.tol = 1e-10;
    if (o.max_iter == 0)
        o.max_iter = 200;
    core_status st = check_input(y, X, cluster, n, p, n_clusters, o.n_points, err);
    if (st != CORE_OK)
        return st;
    glmm_work w;
    size_t k = p + 1;
    double *th = malloc(k * sizeof *th), *g = malloc(k * sizeof *g), *H = malloc(k * k * sizeof *H);
    double *tmp = malloc(k * sizeof *tmp), *cand = malloc(k * sizeof *cand), *H2 = malloc(k * k * sizeof *H2);
    double *g2 = malloc(k * sizeof *g2);
    gsl_matrix *M = gsl_matrix_alloc(k, k);
    gsl_vector *gv = gsl_vector_alloc(k), *dv = gsl_vector_alloc(k);
    out->beta = malloc(p * sizeof *out->beta);
    out->se = malloc(p * sizeof *out->se);
    out->vcov = malloc(p * p * sizeof *out->vcov);
    if ((st = glmm_setup(&w, y, X, cluster, n, p, n_clusters, o.n_points, err)) != CORE_OK)
        goto done;
    if (!th || !g || !H || !tmp || !cand || !H2 || !g2 || !M || !gv || !dv || !out->beta || !out->se || !out->vcov) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    out->p = p;
    out->n_obs = n;
    out->n_points = o.n_points;
    for (size_t c = 0; c < n_clusters; c++)
        out->n_clusters += w.start[c + 1] > w.start[c];
    /* start: the GLM (GEE with independence working correlation has the GLM's estimates) */
    {
        long *wave = calloc(n, sizeof *wave);
        size_t *pos = calloc(n_clusters, sizeof *pos);
        if (!wave || !pos) {
            free(wave);
            free(pos);
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < n; i++)
            wave[i] = (long)pos[cluster[i]]++;
        st_gee glm;
        st_gee_opts go = {.family = ST_GEE_LOGIT, .corr = ST_CORR_INDEPENDENCE};
        core_err e2;
        core_status s2 = st_gee_fit(y, X, cluster, wave, n, p, n_clusters, &go, &glm, &e2);
        free(wave);
        free(pos);
        if (s2 == CORE_ERR_NOMEM) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto done;
        }
        if (s2 != CORE_OK) {
            st = core_err_set(err, CORE_ERR_ANALYSIS,
                              "the GLMM did not converge: its starting values, the ordinary logistic regression, "
                              "could not be fitted (%s)",
                              e2.msg);
            goto done;
        }
        memcpy(th, glm.beta, p * sizeof *th);
        st_gee_free(&glm);
        th[p] = 0; /* sigma = 1 */
    }
    /* Newton–Raphson on the approximate log-likelihood, numerical derivatives, Levenberg damping and halving */
    double ll = ll_theta(&w, th);
    int converged = 0, it;
    for (it = 1; it <= o.max_iter && isfinite(ll); it++) {
        num_derivs(&w, ll_theta, th, k, 1e-4, g, H, tmp);
        double lambda = 0, dec = NAN;
        int solved = 0;
        for (int tries = 0; tries < 30 && !solved; tries++) {
            for (size_t a = 0; a < k; a++)
                for (size_t b = 0; b < k; b++)
                    gsl_matrix_set(M, a, b, -H[a * k + b] + (a == b ? lambda : 0));
            memcpy(gv->data, g, k * sizeof *g);
            if (gsl_linalg_cholesky_decomp1(M) == GSL_SUCCESS && gsl_linalg_cholesky_solve(M, gv, dv) == GSL_SUCCESS)
                solved = 1;
            else
                lambda = lambda == 0 ? 1e-6 : lambda * 10;
        }
        if (!solved)
            break;
        dec = 0;
        for (size_t a = 0; a < k; a++)
            dec += g[a] * gsl_vector_get(dv, a);
        if (dec >= 0 && dec < o.tol && lambda == 0) {
            converged = 1;
            break;
        }
        double step = 1, lln = -INFINITY;
        for (int h = 0; h < 40; h++, step /= 2) {
            for (size_t a = 0; a < k; a++)
                cand[a] = th[a] + step * gsl_vector_get(dv, a);
            if (cand[p] < -20) /* sigma -> 0: no between-cluster variation */
                cand[p] = -20;
            lln = ll_theta(&w, cand);
            if (isfinite(lln) && lln >= ll - 1e-13 * fabs(ll))
                break;
        }
        if (!(isfinite(lln) && lln >= ll - 1e-13 * fabs(ll)))
            break;
        memcpy(th, cand, k * sizeof *th);
        ll = lln;
    }
    out->iterations = it;
    out->method = "newton";
    int nm_iter = 0;
    if (!converged) {
        /* Fallback: Nelder–Mead simplex from the GLM-based start */
        const gsl_multimin_fminimizer_type *T = gsl_multimin_fminimizer_nmsimplex2;
        gsl_multimin_fminimizer *mz = gsl_multimin_fminimizer_alloc(T, k);
        gsl_vector *x0 = gsl_vector_alloc(k), *ss = gsl_vector_alloc(k);
        if (!mz || !x0 || !ss) {
            if (mz)
                gsl_multimin_fminimizer_free(mz);
            if (x0)
                gsl_vector_free(x0);
            if (ss)
                gsl_vector_free(ss);
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (size_t a = 0; a < k; a++) {
            gsl_vector_set(x0, a, isfinite(th[a]) ? th[a] : 0);
            gsl_vector_set(ss, a, 0.5);
        }
        nm_ctx c = {&w};
        gsl_multimin_function F = {nm_f, k, &c};
        int rc = gsl_multimin_fminimizer_set(mz, &F, x0, ss), status = GSL_CONTINUE;
        for (nm_iter = 0; rc == GSL_SUCCESS && status == GSL_CONTINUE && nm_iter < 50 * o.max_iter; nm_iter++) {
            if (gsl_multimin_fminimizer_iterate(mz) != GSL_SUCCESS)
                break;
            status = gsl_multimin_test_size(gsl_multimin_fminimizer_size(mz), 1e-9);
        }
        if (status == GSL_SUCCESS) {
            memcpy(th, mz->x->data, k * sizeof *th);
            ll = ll_theta(&w, th);
            /* accept only a stationary point with bounded coefficients */
            num_derivs(&w, ll_theta, th, k, 1e-4, g, H, tmp);
            double gmax = 0, bmax = 0;
            for (size_t a = 0; a < k; a++)
                gmax = fmax(gmax, fabs(g[a]));
            for (size_t a = 0; a < p; a++)
                bmax = fmax(bmax, fabs(th[a]));
            converged = gmax < 1e-3 && bmax < 30;
            out->method = "nelder-mead";
        }
        gsl_multimin_fminimizer_free(mz);
        gsl_vector_free(x0);
        gsl_vector_free(ss);
    }
    if (!converged) {
        double bmax = 0;
        for (size_t a = 0; a < p; a++)
            bmax = fmax(bmax, fabs(th[a]));
        st = core_err_set(err, CORE_ERR_ANALYSIS,
                          "the GLMM (%s) did not converge: tried Newton-Raphson from the logistic-regression "
                          "estimates (%d iterations), then a Nelder-Mead simplex (%d iterations); last "
                          "log-likelihood %.8g, largest |coefficient| %.3g%s",
                          o.n_points == 1 ? "Laplace" : "adaptive Gauss-Hermite", out->iterations - 1, nm_iter, ll,
                          bmax, bmax > 15 ? " (running off: separation, e.g. everyone or no one in an arm has the "
                                            "outcome at a timepoint)"
                                          : "");
        goto done;
    }
    out->loglik = ll;
    out->sd_unit = exp(th[p]);
    memcpy(out->beta, th, p * sizeof *th);
    if (th[p] <= -19.9) {
        /* sigma at 0: the model is the GLM; SEs from the beta block alone */
        out->sd_unit = 0;
        out->undefined = "the random-intercept SD is estimated as 0 (boundary): the model reduces to ordinary "
                         "logistic regression";
    }
    /* SEs: Hessian in (beta, sigma) with Richardson extrapolation over steps h and h/2 */
    {
        double *ts = cand;
        memcpy(ts, th, p * sizeof *th);
        ts[p] = out->sd_unit;
        size_t kk = out->sd_unit > 0 ? k : p;
        num_derivs(&w, ll_sigma, ts, kk == k ? k : k, 2e-3, g, H, tmp);
        num_derivs(&w, ll_sigma, ts, kk == k ? k : k, 1e-3, g2, H2, tmp);
        if (kk != k) { /* boundary: beta block from the GLM-like likelihood with sigma fixed at its floor */
            ts[p] = exp(-20);
            num_derivs(&w, ll_sigma, ts, k, 2e-3, g, H, tmp);
            num_derivs(&w, ll_sigma, ts, k, 1e-3, g2, H2, tmp);
        }
        gsl_matrix *Mi = gsl_matrix_alloc(kk, kk);
        if (!Mi) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (size_t a = 0; a < kk; a++)
            for (size_t b = 0; b < kk; b++)
                gsl_matrix_set(Mi, a, b, -(4 * H2[a * k + b] - H[a * k + b]) / 3);
        if (gsl_linalg_cholesky_decomp1(Mi) != GSL_SUCCESS || gsl_linalg_cholesky_invert(Mi) != GSL_SUCCESS) {
            gsl_matrix_free(Mi);
            out->undefined = "standard errors not available: the information matrix is not positive definite";
            for (size_t a = 0; a < p; a++)
                out->se[a] = NAN;
            for (size_t a = 0; a < p * p; a++)
                out->vcov[a] = NAN;
            goto done;
        }
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < p; b++)
                out->vcov[a * p + b] = gsl_matrix_get(Mi, a, b);
        for (size_t a = 0; a < p; a++)
            out->se[a] = sqrt(out->vcov[a * p + a]);
        gsl_matrix_free(Mi);
    }
done:
    glmm_work_free(&w);
    free(th);
    free(g);
    free(H);
    free(tmp);
    free(cand);
    free(H2);
    free(g2);
    if (M)
        gsl_matrix_free(M);
    if (gv)
        gsl_vector_free(gv);
    if (dv)
        gsl_vector_free(dv);
    if (st != CORE_OK)
        st_glmm_free(out);
    return st;
}
