/* Entropy-balancing weights and the weighted mean with its robust SE (st_entropy.h). */
#include "stats/st_entropy.h"

#include <gsl/gsl_linalg.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NOMEM(err) core_err_set(err, CORE_ERR_NOMEM, "out of memory")

void st_entropy_fit_free(st_entropy_fit *f)
{
    free(f->w);
    free(f->lambda);
    memset(f, 0, sizeof *f);
}

/* L(l) = log sum exp(z_i'l), z = x - m, with the weights, gradient and Hessian at l (max-shifted). */
static double dual(const double *z, size_t n, size_t k, const double *l, double *w, double *g, double *H)
{
    double mx = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        double s = 0;
        for (size_t j = 0; j < k; j++)
            s += z[j * n + i] * l[j];
        w[i] = s;
        if (s > mx)
            mx = s;
    }
    double tot = 0;
    for (size_t i = 0; i < n; i++)
        tot += (w[i] = exp(w[i] - mx));
    for (size_t i = 0; i < n; i++)
        w[i] /= tot;
    if (g) {
        for (size_t j = 0; j < k; j++) {
            double s = 0;
            for (size_t i = 0; i < n; i++)
                s += w[i] * z[j * n + i];
            g[j] = s;
        }
        for (size_t a = 0; a < k; a++)
            for (size_t b = 0; b <= a; b++) {
                double s = 0;
                for (size_t i = 0; i < n; i++)
                    s += w[i] * z[a * n + i] * z[b * n + i];
                H[a * k + b] = H[b * k + a] = s - g[a] * g[b];
            }
    }
    return mx + log(tot);
}

core_status st_entropy_weights(const double *x, size_t n, size_t k, const double *m, const char *const *names,
                               double tol, st_entropy_fit *out, core_err *err)
{
    memset(out, 0, sizeof *out);
    if (n < 2 || k == 0)
        return core_err_set(err, CORE_ERR_ANALYSIS, "entropy weights need at least 2 observations and 1 covariate");
    double *z = malloc(n * k * sizeof *z), *g = malloc(k * sizeof *g), *H = malloc(k * k * sizeof *H),
           *d = malloc(k * sizeof *d), *lt = malloc(k * sizeof *lt), *scale = malloc(k * sizeof *scale),
           *wt = malloc(n * sizeof *wt);
    out->w = malloc(n * sizeof *out->w);
    out->lambda = calloc(k, sizeof *out->lambda);
    core_status st = CORE_OK;
    if (!z || !g || !H || !d || !lt || !scale || !wt || !out->w || !out->lambda) {
        st = NOMEM(err);
        goto done;
    }
    out->n = n;
    out->k = k;
    for (size_t j = 0; j < k; j++) {
        double lo = INFINITY, hi = -INFINITY;
        for (size_t i = 0; i < n; i++) {
            double v = x[j * n + i];
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
        const char *nm = names && names[j] ? names[j] : "a covariate";
        if (!(hi > lo)) {
            st = core_err_set(err, CORE_ERR_ANALYSIS, "covariate '%s' is constant (%g) in this sample: it cannot be "
                              "reweighted", nm, lo);
            goto done;
        }
        if (!(m[j] > lo && m[j] < hi)) {
            st = core_err_set(err, CORE_ERR_ANALYSIS,
                              "the target mean of '%s' (%g) is outside its range in the sample (%g to %g): no "
                              "weighting of these participants can reach it",
                              nm, m[j], lo, hi);
            goto done;
        }
        scale[j] = hi - lo; /* work with z / scale for conditioning; l is rescaled at the end */
        for (size_t i = 0; i < n; i++)
            z[j * n + i] = (x[j * n + i] - m[j]) / scale[j];
    }
    if (tol <= 0)
        tol = 1e-12;
    gsl_matrix_view Hv = gsl_matrix_view_array(H, k, k);
    gsl_vector_view dv = gsl_vector_view_array(d, k);
    double L = dual(z, n, k, out->lambda, out->w, g, H);
    int it;
    for (it = 0; it < 200; it++) {
        double gm = 0;
        for (size_t j = 0; j < k; j++)
            gm = fabs(g[j]) > gm ? fabs(g[j]) : gm;
        if (gm <= tol)
            break;
        for (size_t j = 0; j < k; j++)
            d[j] = -g[j];
        int gs = gsl_linalg_cholesky_decomp1(&Hv.matrix);
        if (!gs)
            gs = gsl_linalg_cholesky_svx(&Hv.matrix, &dv.vector);
        if (gs) {
            st = core_err_set(err, CORE_ERR_ANALYSIS, "the weighted covariance of the covariates is singular (are "
                              "two covariates collinear?)");
            goto done;
        }
        double step = 1, Ln = L;
        for (int h = 0; h < 60; h++, step /= 2) {
            for (size_t j = 0; j < k; j++)
                lt[j] = out->lambda[j] + step * d[j];
            Ln = dual(z, n, k, lt, wt, NULL, NULL);
            /* near the minimum L changes by less than its rounding: a full Newton step is then taken on the
             * gradient's word (without the allowance the step halved to nothing and stalled at a gap of 1e-10) */
            if (Ln <= L + 8 * DBL_EPSILON * (1 + fabs(L)))
                break;
        }
        memcpy(out->lambda, lt, k * sizeof *lt);
        L = dual(z, n, k, out->lambda, out->w, g, H);
    }
    out->iterations = it;
    double gap = 0, s2 = 0;
    for (size_t j = 0; j < k; j++) {
        double s = 0;
        for (size_t i = 0; i < n; i++)
            s += out->w[i] * x[j * n + i];
        double e = fabs(s - m[j]);
        gap = e > gap ? e : gap;
        out->lambda[j] /= scale[j];
    }
    out->max_abs_gap = gap;
    for (size_t i = 0; i < n; i++)
        s2 += out->w[i] * out->w[i];
    out->ess = 1.0 / s2;
    {
        double gm = 0;
        for (size_t j = 0; j < k; j++)
            gm = fabs(g[j]) > gm ? fabs(g[j]) : gm;
        if (!(gm <= tol))
            st = core_err_set(err, CORE_ERR_ANALYSIS, "the entropy weights did not converge (largest gap %g after %d "
                              "Newton steps)", gm, it);
    }
done:
    free(z);
    free(g);
    free(H);
    free(d);
    free(lt);
    free(scale);
    free(wt);
    if (st != CORE_OK)
        st_entropy_fit_free(out);
    return st;
}

core_status st_entropy_mean(const st_entropy_fit *f, const double *x, const double *m, const double *y, double *mu,
                            double *se, double *psi, core_err *err)
{
    size_t n = f->n, k = f->k;
    double *xb = calloc(k, sizeof *xb), *A = calloc(k * k, sizeof *A), *c = calloc(k, sizeof *c);
    core_status st = CORE_OK;
    if (!xb || !A || !c) {
        st = NOMEM(err);
        goto done;
    }
    double yb = 0;
    for (size_t i = 0; i < n; i++)
        yb += f->w[i] * y[i];
    for (size_t j = 0; j < k; j++)
        for (size_t i = 0; i < n; i++)
            xb[j] += f->w[i] * x[j * n + i];
    for (size_t a = 0; a < k; a++) {
        for (size_t i = 0; i < n; i++)
            c[a] += f->w[i] * (x[a * n + i] - xb[a]) * (y[i] - yb);
        for (size_t b = 0; b < k; b++)
            for (size_t i = 0; i < n; i++)
                A[a * k + b] += f->w[i] * (x[a * n + i] - xb[a]) * (x[b * n + i] - xb[b]);
    }
    gsl_matrix_view Av = gsl_matrix_view_array(A, k, k);
    gsl_vector_view cv = gsl_vector_view_array(c, k);
    int gs = gsl_linalg_cholesky_decomp1(&Av.matrix);
    if (!gs)
        gs = gsl_linalg_cholesky_svx(&Av.matrix, &cv.vector); /* c <- b, the weighted slope */
    if (gs) {
        st = core_err_set(err, CORE_ERR_ANALYSIS, "the weighted covariance of the covariates is singular");
        goto done;
    }
    double v = 0;
    for (size_t i = 0; i < n; i++) {
        double e = y[i] - yb;
        for (size_t j = 0; j < k; j++)
            e -= (x[j * n + i] - m[j]) * c[j];
        v += f->w[i] * f->w[i] * e * e;
        if (psi)
            psi[i] = f->w[i] * e;
    }
    *mu = yb;
    *se = sqrt(v);
done:
    free(xb);
    free(A);
    free(c);
    return st;
}
