/* Synthetic control weights by accelerated projected gradient on the simplex (see st_synth.h). */
#include "stats/st_synth.h"

#include <gsl/gsl_linalg.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

/* The projection with the sorted copy in u (n entries of scratch). Small n (the donor pools here: tens) is
 * sorted by insertion, larger by qsort; either gives the same descending sequence, so the same threshold. */
static void simplex_project(double *v, size_t n, double *u)
{
    memcpy(u, v, n * sizeof *u);
    if (n <= 64) {
        for (size_t i = 1; i < n; i++) {
            double x = u[i];
            size_t j = i;
            for (; j > 0 && u[j - 1] < x; j--)
                u[j] = u[j - 1];
            u[j] = x;
        }
    } else {
        qsort(u, n, sizeof *u, desc);
    }
    double css = 0, theta = 0;
    for (size_t k = 0; k < n; k++) {
        css += u[k];
        double t = (css - 1) / (double)(k + 1);
        if (u[k] - t > 0)
            theta = t;
    }
    for (size_t i = 0; i < n; i++)
        v[i] = v[i] - theta > 0 ? v[i] - theta : 0;
}

void st_simplex_project(double *v, size_t n)
{
    double *u = malloc(n * sizeof *u);
    if (!u) { /* fall back: clip and renormalise (never reached in practice) */
        double s = 0;
        for (size_t i = 0; i < n; i++)
            s += v[i] = v[i] > 0 ? v[i] : 0;
        for (size_t i = 0; i < n; i++)
            v[i] = s > 0 ? v[i] / s : 1.0 / (double)n;
        return;
    }
    simplex_project(v, n, u);
    free(u);
}

/* Polish the first-order solution: on its support S solve the equality-constrained least squares exactly
 * (KKT: [2 B'B_SS 1; 1' 0][w; l] = [2 B'a_S; 1]) and keep it when it is feasible (w_S > 0) and optimal
 * (gradient + l >= 0 off the support). Otherwise the iterate stands. */
static void polish(const double *BtB, const double *Bta, size_t J, double *w)
{
    size_t S = 0, idx[512];
    if (J > 512)
        return;
    for (size_t j = 0; j < J; j++)
        if (w[j] > 1e-9)
            idx[S++] = j;
    if (S == 0)
        return;
    gsl_matrix *K = gsl_matrix_calloc(S + 1, S + 1);
    gsl_vector *r = gsl_vector_alloc(S + 1), *z = gsl_vector_alloc(S + 1);
    gsl_permutation *pm = gsl_permutation_alloc(S + 1);
    int sg;
    if (K && r && z && pm) {
        for (size_t a = 0; a < S; a++) {
            for (size_t b = 0; b < S; b++)
                gsl_matrix_set(K, a, b, 2 * BtB[idx[a] * J + idx[b]]);
            gsl_matrix_set(K, a, S, 1);
            gsl_matrix_set(K, S, a, 1);
            gsl_vector_set(r, a, 2 * Bta[idx[a]]);
        }
        gsl_vector_set(r, S, 1);
        if (gsl_linalg_LU_decomp(K, pm, &sg) == 0 && gsl_linalg_LU_solve(K, pm, r, z) == 0) {
            int ok = 1;
            for (size_t a = 0; a < S; a++)
                ok &= isfinite(gsl_vector_get(z, a)) && gsl_vector_get(z, a) > 0;
            double lam = gsl_vector_get(z, S);
            double *cand = calloc(J, sizeof *cand);
            if (ok && cand) {
                for (size_t a = 0; a < S; a++)
                    cand[idx[a]] = gsl_vector_get(z, a);
                for (size_t j = 0; j < J && ok; j++) {
                    if (cand[j] > 0)
                        continue;
                    double g = -2 * Bta[j];
                    for (size_t k = 0; k < J; k++)
                        g += 2 * BtB[j * J + k] * cand[k];
                    ok = g + lam >= -1e-9 * (1 + fabs(lam));
                }
                if (ok)
                    memcpy(w, cand, J * sizeof *w);
            }
            free(cand);
        }
    }
    gsl_matrix_free(K);
    gsl_vector_free(r);
    gsl_vector_free(z);
    if (pm)
        gsl_permutation_free(pm);
}

core_status st_synth_weights(const double *a, const double *B, size_t T0, size_t J, const st_synth_opts *o, double *w,
                             double *rmspe, int *iterations, core_err *err)
{
    if (J == 0 || T0 == 0)
        return core_err_set(err, CORE_ERR_USAGE, "synthetic control: no donors or no pre-treatment periods");
    double tol = o && o->tol > 0 ? o->tol : 1e-12;
    int max_iter = o && o->max_iter > 0 ? o->max_iter : 200000;
    double *BtB = calloc(J * J, sizeof *BtB), *Bta = calloc(J, sizeof *Bta), *x = malloc(J * sizeof *x),
           *y = malloc(J * sizeof *y), *xo = malloc(J * sizeof *xo), *g = malloc(J * sizeof *g),
           *pv = malloc(J * sizeof *pv), *su = malloc(J * sizeof *su);
    core_status st = CORE_OK;
    if (!BtB || !Bta || !x || !y || !xo || !g || !pv || !su) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < J; i++) {
        for (size_t t = 0; t < T0; t++)
            Bta[i] += B[i * T0 + t] * a[t];
        for (size_t j = 0; j < J; j++)
            for (size_t t = 0; t < T0; t++)
                BtB[i * J + j] += B[i * T0 + t] * B[j * T0 + t];
    }
    /* largest eigenvalue of B'B by power iteration */
    for (size_t i = 0; i < J; i++)
        pv[i] = 1.0 / sqrt((double)J);
    double lam = 0;
    for (int it = 0; it < 200; it++) {
        double nrm = 0;
        for (size_t i = 0; i < J; i++) {
            double s = 0;
            for (size_t j = 0; j < J; j++)
                s += BtB[i * J + j] * pv[j];
            g[i] = s;
            nrm += s * s;
        }
        nrm = sqrt(nrm);
        if (nrm == 0)
            break;
        for (size_t i = 0; i < J; i++)
            pv[i] = g[i] / nrm;
        lam = nrm;
    }
    double L = 2 * lam * 1.01 + 1e-300;
    for (size_t i = 0; i < J; i++)
        x[i] = y[i] = 1.0 / (double)J;
    double tk = 1;
    int it;
    for (it = 1; it <= max_iter; it++) {
        memcpy(xo, x, J * sizeof *x);
        for (size_t i = 0; i < J; i++) { /* gradient of ||a - B y||^2 = 2 (B'B y - B'a) */
            double s = 0;
            for (size_t j = 0; j < J; j++)
                s += BtB[i * J + j] * y[j];
            x[i] = y[i] - 2 * (s - Bta[i]) / L;
        }
        simplex_project(x, J, su);
        double tn = (1 + sqrt(1 + 4 * tk * tk)) / 2, change = 0;
        for (size_t i = 0; i < J; i++) {
            double d = x[i] - xo[i];
            if (fabs(d) > change)
                change = fabs(d);
            y[i] = x[i] + (tk - 1) / tn * d;
        }
        tk = tn;
        if (change <= tol)
            break;
    }
    if (it > max_iter) {
        st = core_err_set(err, CORE_ERR_ANALYSIS, "synthetic control weights did not converge in %d iterations",
                          max_iter);
        goto done;
    }
    memcpy(w, x, J * sizeof *w);
    polish(BtB, Bta, J, w);
    double ss = 0;
    for (size_t t = 0; t < T0; t++) {
        double f = 0;
        for (size_t j = 0; j < J; j++)
            f += B[j * T0 + t] * w[j];
        ss += (a[t] - f) * (a[t] - f);
    }
    *rmspe = sqrt(ss / (double)T0);
    if (iterations)
        *iterations = it;
done:
    free(BtB);
    free(Bta);
    free(x);
    free(y);
    free(xo);
    free(g);
    free(pv);
    free(su);
    return st;
}
