/* Random-intercept linear mixed model by REML or ML (see st_lmm.h). */
#include "stats/st_lmm.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_min.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct lmm_work {
    size_t n, p, G;
    const double *y, *X;
    const size_t *unit;
    st_lmm_method method;
    double *ni;     /* rows per unit */
    double *s;      /* G x p: column sums of X within unit */
    double *ty;     /* G: sum of y within unit */
    double *XtX, *Xty;
    /* scratch */
    gsl_matrix *A;
    gsl_vector *b, *beta;
    double *rs;     /* G: residual sums within unit */
} lmm_work;

/* At variance ratio g: A = X'WX (Cholesky-factored in w->A), beta = A^-1 X'Wy, Q = r'Wr, log|A|.
 * W_i = I - c_i J with c_i = g / (1 + n_i g), the inverse of I + g J. Returns 0, or -1 if A is singular. */
static int lmm_gls(lmm_work *w, double g, double *Q, double *logdetA, double *sumlog)
{
    size_t p = w->p, G = w->G, tda = w->A->tda;
    /* direct access to the GSL blocks in the inner loops (the accessor functions are not inlined) */
    double *A = w->A->data, *bv = w->b->data;
    size_t bs = w->b->stride;
    for (size_t j = 0; j < p; j++) {
        bv[j * bs] = w->Xty[j];
        for (size_t k = 0; k < p; k++)
            A[j * tda + k] = w->XtX[j * p + k];
    }
    double sl = 0;
    for (size_t i = 0; i < G; i++) {
        if (w->ni[i] == 0)
            continue;
        double c = g / (1 + w->ni[i] * g);
        sl += log1p(w->ni[i] * g);
        const double *si = w->s + i * p;
        for (size_t j = 0; j < p; j++) {
            bv[j * bs] -= c * si[j] * w->ty[i];
            double *Aj = A + j * tda;
            for (size_t k = 0; k < p; k++)
                Aj[k] -= c * si[j] * si[k];
        }
    }
    if (gsl_linalg_cholesky_decomp1(w->A) != GSL_SUCCESS)
        return -1;
    if (gsl_linalg_cholesky_solve(w->A, w->b, w->beta) != GSL_SUCCESS)
        return -1;
    double ld = 0;
    for (size_t j = 0; j < p; j++) {
        double l = gsl_matrix_get(w->A, j, j);
        /* a pivot that is tiny relative to the column's own size means a (near) collinear design */
        if (!(l * l > 1e-11 * w->XtX[j * p + j]))
            return -1;
        ld += 2 * log(l);
    }
    /* Q from the residuals themselves (no cancellation in y'y - ...) */
    memset(w->rs, 0, G * sizeof *w->rs);
    double rr = 0;
    const double *be = w->beta->data;
    size_t bes = w->beta->stride;
    for (size_t r = 0; r < w->n; r++) {
        double e = w->y[r];
        for (size_t j = 0; j < p; j++)
            e -= w->X[r * p + j] * be[j * bes];
        rr += e * e;
        w->rs[w->unit[r]] += e;
    }
    for (size_t i = 0; i < G; i++)
        if (w->ni[i] > 0)
            rr -= g / (1 + w->ni[i] * g) * w->rs[i] * w->rs[i];
    *Q = rr;
    *logdetA = ld;
    *sumlog = sl;
    return 0;
}

/* The profiled deviance -2 log L at ratio g (residual variance and beta profiled out), as lme4. */
static double lmm_profiled(lmm_work *w, double g)
{
    double Q, ld, sl;
    if (lmm_gls(w, g, &Q, &ld, &sl) != 0)
        return INFINITY;
    double N = (double)w->n, p = (double)w->p;
    if (w->method == ST_LMM_ML)
        return N * log(2 * M_PI * Q / N) + sl + N;
    return (N - p) * log(2 * M_PI * Q / (N - p)) + sl + ld + (N - p);
}

static double brent_f(double theta, void *p)
{
    return lmm_profiled(p, theta * theta);
}

/* Deviance as a function of both variance components (beta profiled out), for the Satterthwaite
 * Hessian; constants dropped. */
static double lmm_deviance2(lmm_work *w, double su2, double s2)
{
    if (!(su2 >= 0) || !(s2 > 0))
        return NAN;
    double Q, ld, sl, g = su2 / s2;
    if (lmm_gls(w, g, &Q, &ld, &sl) != 0)
        return NAN;
    double D = (double)w->n * log(s2) + sl + Q / s2;
    if (w->method == ST_LMM_REML)
        D += ld - (double)w->p * log(s2);
    return D;
}

/* Var(beta_j) = s2 [A(g)^-1]_jj at (su2, s2), for every j (one GLS factorisation, a solve per j); NaN on failure. */
static void lmm_var_coefs(lmm_work *w, double su2, double s2, double *v)
{
    double Q, ld, sl;
    for (size_t j = 0; j < w->p; j++)
        v[j] = NAN;
    if (lmm_gls(w, su2 / s2, &Q, &ld, &sl) != 0)
        return;
    gsl_vector *e = gsl_vector_calloc(w->p), *x = gsl_vector_alloc(w->p);
    if (e && x)
        for (size_t j = 0; j < w->p; j++) {
            gsl_vector_set_basis(e, j);
            if (gsl_linalg_cholesky_solve(w->A, e, x) == GSL_SUCCESS)
                v[j] = s2 * gsl_vector_get(x, j);
        }
    if (e)
        gsl_vector_free(e);
    if (x)
        gsl_vector_free(x);
}

void st_lmm_free(st_lmm *m)
{
    if (!m)
        return;
    free(m->beta);
    free(m->se);
    free(m->vcov);
    free(m->df);
    memset(m, 0, sizeof *m);
}

/* Central-difference gradient (2) and Hessian (2 x 2) of D at (a, b) with steps ha, hb. */
static void diff2(lmm_work *w, double a, double b, double ha, double hb, double H[4])
{
    double f0 = lmm_deviance2(w, a, b);
    double fpa = lmm_deviance2(w, a + ha, b), fma = lmm_deviance2(w, a - ha, b);
    double fpb = lmm_deviance2(w, a, b + hb), fmb = lmm_deviance2(w, a, b - hb);
    double fpp = lmm_deviance2(w, a + ha, b + hb), fpm = lmm_deviance2(w, a + ha, b - hb);
    double fmp = lmm_deviance2(w, a - ha, b + hb), fmm = lmm_deviance2(w, a - ha, b - hb);
    H[0] = (fpa - 2 * f0 + fma) / (ha * ha);
    H[3] = (fpb - 2 * f0 + fmb) / (hb * hb);
    H[1] = H[2] = (fpp - fpm - fmp + fmm) / (4 * ha * hb);
}

core_status st_lmm_fit(const double *y, const double *X, const size_t *unit, size_t n, size_t p, size_t n_units,
                       const st_lmm_opts *opts, st_lmm *out, core_err *err)
{
    memset(out, 0, sizeof *out);
    out->loglik = out->s2_unit = out->s2_resid = NAN;
    st_lmm_opts o = opts ? *opts : (st_lmm_opts){0};
    if (o.tol == 0)
        o.tol = 1e-12;
    if (o.max_iter == 0)
        o.max_iter = 500;
    if (p == 0 || n_units == 0)
        return core_err_set(err, CORE_ERR_USAGE, "the mixed model needs at least one coefficient and one unit");
    if (n <= p + 1)
        return core_err_set(err, CORE_ERR_ANALYSIS, "%zu observations are too few for %zu coefficients and two "
                            "variance components", n, p);
    for (size_t r = 0; r < n; r++) {
        if (!isfinite(y[r]))
            return core_err_set(err, CORE_ERR_USAGE, "row %zu: the outcome is not a finite number", r + 1);
        if (unit[r] >= n_units)
            return core_err_set(err, CORE_ERR_USAGE, "row %zu: unit code %zu is out of range", r + 1, unit[r]);
        for (size_t j = 0; j < p; j++)
            if (!isfinite(X[r * p + j]))
                return core_err_set(err, CORE_ERR_USAGE, "row %zu: covariate %zu is not a finite number", r + 1, j + 1);
    }
    core_status st = CORE_OK;
    lmm_work w = {.n = n, .p = p, .G = n_units, .y = y, .X = X, .unit = unit, .method = o.method};
    w.ni = calloc(n_units, sizeof *w.ni);
    w.s = calloc(n_units * p, sizeof *w.s);
    w.ty = calloc(n_units, sizeof *w.ty);
    w.rs = calloc(n_units, sizeof *w.rs);
    w.XtX = calloc(p * p, sizeof *w.XtX);
    w.Xty = calloc(p, sizeof *w.Xty);
    w.A = gsl_matrix_alloc(p, p);
    w.b = gsl_vector_alloc(p);
    w.beta = gsl_vector_alloc(p);
    out->beta = malloc(p * sizeof *out->beta);
    out->se = malloc(p * sizeof *out->se);
    out->vcov = malloc(p * p * sizeof *out->vcov);
    out->df = malloc(p * sizeof *out->df);
    gsl_min_fminimizer *mz = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    if (!w.ni || !w.s || !w.ty || !w.rs || !w.XtX || !w.Xty || !w.A || !w.b || !w.beta || !out->beta || !out->se ||
        !out->vcov || !out->df || !mz) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t r = 0; r < n; r++) {
        size_t i = unit[r];
        w.ni[i] += 1;
        w.ty[i] += y[r];
        for (size_t j = 0; j < p; j++) {
            w.s[i * p + j] += X[r * p + j];
            w.Xty[j] += X[r * p + j] * y[r];
            for (size_t k = 0; k < p; k++)
                w.XtX[j * p + k] += X[r * p + j] * X[r * p + k];
        }
    }
    for (size_t i = 0; i < n_units; i++)
        out->n_units += w.ni[i] > 0;
    out->p = p;
    out->n_obs = n;
    /* grid over theta = sqrt(g) = s_unit / s_resid, then Brent inside the best bracket */
    enum { NG = 81 };
    double grid[NG], fg[NG];
    grid[0] = 0;
    for (int k = 1; k < NG; k++)
        grid[k] = pow(10.0, -4.0 + 8.0 * (k - 1) / (NG - 2));
    int best = 0;
    for (int k = 0; k < NG; k++) {
        fg[k] = lmm_profiled(&w, grid[k] * grid[k]);
        if (fg[k] < fg[best])
            best = k;
    }
    if (!isfinite(fg[best])) {
        st = core_err_set(err, CORE_ERR_ANALYSIS, "the fixed-effects design is rank-deficient (a term is constant or "
                          "collinear with others)");
        goto done;
    }
    double theta = grid[best];
    if (best > 0 && best < NG - 1) {
        gsl_function F = {brent_f, &w};
        if (gsl_min_fminimizer_set_with_values(mz, &F, grid[best], fg[best], grid[best - 1], fg[best - 1],
                                               grid[best + 1], fg[best + 1]) != GSL_SUCCESS) {
            st = core_err_set(err, CORE_ERR_ANALYSIS, "the REML/ML criterion could not be bracketed");
            goto done;
        }
        int it, status = GSL_CONTINUE;
        for (it = 1; it <= o.max_iter && status == GSL_CONTINUE; it++) {
            if (gsl_min_fminimizer_iterate(mz) != GSL_SUCCESS)
                break;
            status = gsl_min_test_interval(gsl_min_fminimizer_x_lower(mz), gsl_min_fminimizer_x_upper(mz), 0, 1e-7);
        }
        out->iterations = it;
        if (status != GSL_SUCCESS) {
            st = core_err_set(err, CORE_ERR_ANALYSIS, "the variance ratio did not converge in %d Brent iterations",
                              o.max_iter);
            goto done;
        }
        theta = gsl_min_fminimizer_x_minimum(mz);
        /* Brent stops near sqrt(machine epsilon) relative in theta; a few Newton steps on the derivative
         * (fourth-order central differences) take theta to the stationary point to about 1e-10 relative. */
        for (int k = 0; k < 4; k++) {
            /* fourth-order central difference: truncation O(h^4), rounding about eps |f| / h */
            double h = 1e-3 * theta;
            double fp = brent_f(theta + h, &w), f0 = brent_f(theta, &w), fm = brent_f(theta - h, &w);
            double fp2 = brent_f(theta + h / 2, &w), fm2 = brent_f(theta - h / 2, &w);
            double d1 = (8 * (fp2 - fm2) - (fp - fm)) / (6 * h), d2 = (fp - 2 * f0 + fm) / (h * h);
            if (!(d2 > 0))
                break;
            double step = d1 / d2;
            if (fabs(step) > 1e-3 * theta)
                break;
            theta -= step;
            if (fabs(step) <= o.tol * theta)
                break;
        }
    } else if (best == NG - 1) {
        st = core_err_set(err, CORE_ERR_ANALYSIS, "the between-unit variance is more than 10^8 times the residual "
                          "variance: the model is not identified");
        goto done;
    } else {
        out->boundary = 1;
    }
    double g = theta * theta, Q, ld, sl;
    lmm_gls(&w, g, &Q, &ld, &sl);
    double N = (double)n, P = (double)p;
    double s2 = o.method == ST_LMM_ML ? Q / N : Q / (N - P);
    out->s2_resid = s2;
    out->s2_unit = g * s2;
    out->loglik = -lmm_profiled(&w, g) / 2;
    for (size_t j = 0; j < p; j++)
        out->beta[j] = gsl_vector_get(w.beta, j);
    if (gsl_linalg_cholesky_invert(w.A) != GSL_SUCCESS) {
        st = core_err_set(err, CORE_ERR_ANALYSIS, "the fixed-effects design is rank-deficient");
        goto done;
    }
    for (size_t j = 0; j < p; j++)
        for (size_t k = 0; k < p; k++)
            out->vcov[j * p + k] = s2 * gsl_matrix_get(w.A, j, k);
    for (size_t j = 0; j < p; j++)
        out->se[j] = sqrt(out->vcov[j * p + j]);
    /* Satterthwaite df: 2 v^2 / (grad v' Acov grad v), Acov = 2 H^-1 of the deviance in (s2_unit, s2_resid) */
    for (size_t j = 0; j < p; j++)
        out->df[j] = NAN;
    if (out->boundary) {
        out->undefined = "the between-unit variance is estimated as 0 (boundary): Satterthwaite df not available";
    } else {
        double a = out->s2_unit, b = out->s2_resid, ha = 3e-3 * a, hb = 3e-3 * b;
        double H1[4], H2[4], H[4];
        diff2(&w, a, b, ha, hb, H1);
        diff2(&w, a, b, ha / 2, hb / 2, H2);
        for (int k = 0; k < 4; k++)
            H[k] = (4 * H2[k] - H1[k]) / 3; /* Richardson: removes the h^2 error term */
        double det = H[0] * H[3] - H[1] * H[2];
        if (!(det > 0) || !(H[0] > 0)) {
            out->undefined = "the deviance is not convex in the variance components: Satterthwaite df not available";
        } else {
            double C[4] = {2 * H[3] / det, -2 * H[1] / det, -2 * H[2] / det, 2 * H[0] / det};
            /* Var(beta_j) at (a, b) and at the 8 points of the Richardson-extrapolated central differences */
            double *vv = malloc(9 * p * sizeof *vv);
            if (!vv) {
                st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                goto done;
            }
            double hs[2] = {ha, hb};
            lmm_var_coefs(&w, a, b, vv);
            for (int q = 0; q < 2; q++) {
                double pa = q == 0, pb = q == 1;
                double *v1p = vv + (1 + 4 * q) * p, *v1m = v1p + p, *v2p = v1m + p, *v2m = v2p + p;
                lmm_var_coefs(&w, a + pa * hs[q], b + pb * hs[q], v1p);
                lmm_var_coefs(&w, a - pa * hs[q], b - pb * hs[q], v1m);
                lmm_var_coefs(&w, a + pa * hs[q] / 2, b + pb * hs[q] / 2, v2p);
                lmm_var_coefs(&w, a - pa * hs[q] / 2, b - pb * hs[q] / 2, v2m);
            }
            for (size_t j = 0; j < p; j++) {
                double v = vv[j], ga[2];
                for (int q = 0; q < 2; q++) {
                    const double *v1p = vv + (1 + 4 * q) * p, *v1m = v1p + p, *v2p = v1m + p, *v2m = v2p + p;
                    double d1 = (v1p[j] - v1m[j]) / (2 * hs[q]);
                    double d2 = (v2p[j] - v2m[j]) / hs[q];
                    ga[q] = (4 * d2 - d1) / 3;
                }
                double den = ga[0] * (C[0] * ga[0] + C[1] * ga[1]) + ga[1] * (C[2] * ga[0] + C[3] * ga[1]);
                out->df[j] = den > 0 ? 2 * v * v / den : NAN;
            }
            free(vv);
        }
    }
done:
    free(w.ni);
    free(w.s);
    free(w.ty);
    free(w.rs);
    free(w.XtX);
    free(w.Xty);
    if (w.A)
        gsl_matrix_free(w.A);
    if (w.b)
        gsl_vector_free(w.b);
    if (w.beta)
        gsl_vector_free(w.beta);
    if (mz)
        gsl_min_fminimizer_free(mz);
    if (st != CORE_OK)
        st_lmm_free(out);
    return st;
}
