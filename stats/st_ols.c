/* Ordinary least squares by QR with classical and HC covariance matrices (see st_ols.h). */
#include "stats/st_ols.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* R's lm() declares a column aliased when its pivot is below 1e-7 relative (dqrdc2 tol). */
#define RANK_TOL 1e-7

void st_ols_free(st_ols_fit *f)
{
    if (!f)
        return;
    free(f->beta);
    free(f->resid);
    free(f->hat);
    free(f->xtx_inv);
    free(f->q);
    free(f->rinv);
    free(f);
}

size_t st_design_dependent(const double *X, size_t n, size_t p, size_t *dep, double *coef, core_err *err)
{
    /* Modified Gram-Schmidt with one re-orthogonalisation pass ("twice is enough", Giraud et al.
     * 2005), in column order, so that the column reported is the later one of a dependent set, as
     * R reports the later term of a formula as aliased. The coefficients of the dependent column in
     * terms of the accepted ones come from the triangular factor of the accepted columns. */
    size_t n_dep = 0;
    double *Q = malloc((n ? n : 1) * (p ? p : 1) * sizeof *Q);
    double *R = calloc((p ? p : 1) * (p ? p : 1), sizeof *R); /* R[a*p + b]: accepted a, column b */
    size_t *acc = malloc((p ? p : 1) * sizeof *acc);
    double *v = malloc((n ? n : 1) * sizeof *v), *r = malloc((p ? p : 1) * sizeof *r);
    if (!Q || !R || !acc || !v || !r) {
        free(Q), free(R), free(acc), free(v), free(r);
        core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        return 0;
    }
    size_t m = 0; /* accepted columns */
    for (size_t j = 0; j < p; j++) {
        double norm0 = 0;
        for (size_t i = 0; i < n; i++) {
            v[i] = X[i * p + j];
            norm0 += v[i] * v[i];
        }
        norm0 = sqrt(norm0);
        for (size_t a = 0; a < m; a++)
            r[a] = 0;
        for (int pass = 0; pass < 2; pass++)
            for (size_t a = 0; a < m; a++) {
                double d = 0;
                for (size_t i = 0; i < n; i++)
                    d += Q[i * p + a] * v[i];
                for (size_t i = 0; i < n; i++)
                    v[i] -= d * Q[i * p + a];
                r[a] += d;
            }
        double norm = 0;
        for (size_t i = 0; i < n; i++)
            norm += v[i] * v[i];
        norm = sqrt(norm);
        if (norm0 == 0 || norm <= RANK_TOL * norm0) {
            if (n_dep++ == 0) {
                if (dep)
                    *dep = j;
                if (coef) {
                    /* Solve R_acc c = r (upper triangular in accepted order). */
                    for (size_t b = 0; b < p; b++)
                        coef[b] = 0;
                    for (size_t a = m; a-- > 0;) {
                        double s = r[a];
                        for (size_t b = a + 1; b < m; b++)
                            s -= R[a * p + b] * coef[acc[b]];
                        coef[acc[a]] = norm0 == 0 ? 0 : s / R[a * p + a];
                    }
                }
            }
            continue;
        }
        for (size_t i = 0; i < n; i++)
            Q[i * p + m] = v[i] / norm;
        for (size_t a = 0; a < m; a++)
            R[a * p + m] = r[a];
        R[m * p + m] = norm;
        acc[m++] = j;
    }
    free(Q), free(R), free(acc), free(v), free(r);
    return n_dep;
}

core_status st_ols_fit_new(const double *X, const double *y, size_t n, size_t p, st_ols_fit **out, core_err *err)
{
    *out = NULL;
    if (p == 0 || n <= p)
        return core_err_set(err, CORE_ERR_ANALYSIS,
                            "least squares needs more observations than coefficients (n = %zu, p = %zu)", n, p);
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(y[i]))
            return core_err_set(err, CORE_ERR_ANALYSIS, "least squares: response %zu is not finite", i + 1);
        for (size_t j = 0; j < p; j++)
            if (!isfinite(X[i * p + j]))
                return core_err_set(err, CORE_ERR_ANALYSIS, "least squares: X[%zu, %zu] is not finite", i + 1,
                                    j + 1);
    }
    size_t dep = 0;
    core_err e2;
    core_err_clear(&e2);
    size_t n_dep = st_design_dependent(X, n, p, &dep, NULL, &e2);
    if (e2.code != CORE_OK)
        return core_err_set(err, e2.code, "%s", e2.msg);
    if (n_dep > 0)
        return core_err_set(err, CORE_ERR_ANALYSIS,
                            "least squares: the design is rank deficient (column %zu is a linear combination of "
                            "earlier columns)",
                            dep + 1);

    st_ols_fit *f = calloc(1, sizeof *f);
    gsl_matrix *QR = gsl_matrix_alloc(n, p);
    gsl_vector *tau = gsl_vector_alloc(p), *b = gsl_vector_alloc(n), *x = gsl_vector_alloc(p),
               *res = gsl_vector_alloc(n), *e = gsl_vector_alloc(p), *col = gsl_vector_alloc(p);
    core_status st = CORE_OK;
    if (!f || !QR || !tau || !b || !x || !res || !e || !col) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    f->n = n;
    f->p = p;
    f->beta = malloc(p * sizeof *f->beta);
    f->resid = malloc(n * sizeof *f->resid);
    f->hat = malloc(n * sizeof *f->hat);
    f->xtx_inv = malloc(p * p * sizeof *f->xtx_inv);
    f->q = malloc(n * p * sizeof *f->q);
    double *Rinv = f->rinv = calloc(p * p, sizeof *Rinv);
    if (!f->beta || !f->resid || !f->hat || !f->xtx_inv || !f->q || !Rinv) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < p; j++)
            gsl_matrix_set(QR, i, j, X[i * p + j]);
        gsl_vector_set(b, i, y[i]);
    }
    int gs = gsl_linalg_QR_decomp(QR, tau);
    if (gs == GSL_SUCCESS)
        gs = gsl_linalg_QR_lssolve(QR, tau, b, x, res);
    /* R^-1 column by column: R col = e_j (R upper triangular, p x p top of QR). */
    for (size_t j = 0; j < p && gs == GSL_SUCCESS; j++) {
        gsl_vector_set_basis(e, j);
        {
            gsl_matrix_const_view Rv = gsl_matrix_const_submatrix(QR, 0, 0, p, p);
            gs = gsl_linalg_R_solve(&Rv.matrix, e, col);
        }
        for (size_t i = 0; i < p && gs == GSL_SUCCESS; i++)
            Rinv[i * p + j] = gsl_vector_get(col, i);
    }
    if (gs != GSL_SUCCESS) {
        st = core_err_set(err, core_status_from_gsl(gs), "least squares: QR solve failed: %s", gsl_strerror(gs));
        goto done;
    }
    for (size_t j = 0; j < p; j++)
        f->beta[j] = gsl_vector_get(x, j);
    double ybar = 0;
    for (size_t i = 0; i < n; i++)
        ybar += y[i];
    ybar /= (double)n;
    f->rss = f->tss = 0;
    for (size_t i = 0; i < n; i++) {
        /* Residuals from the fitted values rather than QR's residual vector: the same to rounding, and
         * what the sandwich formula is written in. */
        double fit = 0;
        for (size_t j = 0; j < p; j++)
            fit += X[i * p + j] * f->beta[j];
        f->resid[i] = y[i] - fit;
        f->rss += f->resid[i] * f->resid[i];
        f->tss += (y[i] - ybar) * (y[i] - ybar);
        /* q_i = x_i R^-1 (row i of the thin Q); h_ii = ||q_i||^2. */
        double h = 0;
        for (size_t k = 0; k < p; k++) {
            double s = 0;
            for (size_t j = 0; j <= k; j++)
                s += X[i * p + j] * Rinv[j * p + k];
            f->q[i * p + k] = s;
            h += s * s;
        }
        f->hat[i] = h;
    }
    /* (X'X)^-1 = R^-1 R^-T */
    for (size_t a = 0; a < p; a++)
        for (size_t c = 0; c < p; c++) {
            double s = 0;
            for (size_t k = a > c ? a : c; k < p; k++)
                s += Rinv[a * p + k] * Rinv[c * p + k];
            f->xtx_inv[a * p + c] = s;
        }
    f->df_resid = (double)(n - p);
    f->sigma2 = f->rss / f->df_resid;
    *out = f;
    f = NULL;
done:
    st_ols_free(f);
    gsl_matrix_free(QR);
    gsl_vector_free(tau);
    gsl_vector_free(b);
    gsl_vector_free(x);
    gsl_vector_free(res);
    gsl_vector_free(e);
    gsl_vector_free(col);
    return st;
}

core_status st_ols_vcov(const st_ols_fit *f, st_vcov_type type, double *V, const char **undefined, core_err *err)
{
    size_t n = f->n, p = f->p;
    if (undefined)
        *undefined = NULL;
    if (type == ST_VCOV_CLASSICAL) {
        for (size_t k = 0; k < p * p; k++)
            V[k] = f->sigma2 * f->xtx_inv[k];
        return CORE_OK;
    }
    if (type > ST_VCOV_HC3)
        return core_err_set(err, CORE_ERR_USAGE, "unknown covariance type %d", (int)type);
    /* Sandwich: (X'X)^-1 X' diag(w_i e_i^2) X (X'X)^-1 = R^-1 [sum_i w_i e_i^2 q_i' q_i] R^-T. */
    double *M = calloc(p * p, sizeof *M);
    if (!M)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        double w = 1, h = f->hat[i];
        if (type == ST_VCOV_HC1)
            w = (double)n / (double)(n - p);
        else if (type == ST_VCOV_HC2 || type == ST_VCOV_HC3) {
            if (!(h < 1 - 1e-10)) {
                bad = 1;
                break;
            }
            w = type == ST_VCOV_HC2 ? 1 / (1 - h) : 1 / ((1 - h) * (1 - h));
        }
        double s = w * f->resid[i] * f->resid[i];
        const double *qi = f->q + i * p;
        for (size_t a = 0; a < p; a++)
            for (size_t c = a; c < p; c++)
                M[a * p + c] += s * qi[a] * qi[c];
    }
    if (bad) {
        for (size_t k = 0; k < p * p; k++)
            V[k] = NAN;
        free(M);
        if (undefined)
            *undefined = "an observation has leverage 1: HC2/HC3 weights 1/(1-h) are undefined";
        return CORE_OK;
    }
    for (size_t a = 0; a < p; a++)
        for (size_t c = 0; c < a; c++)
            M[a * p + c] = M[c * p + a];
    /* V = R^-1 M R^-T; R^-1 is upper triangular. */
    const double *Ri = f->rinv;
    for (size_t a = 0; a < p; a++)
        for (size_t c = a; c < p; c++) {
            double s = 0;
            for (size_t k = a; k < p; k++) {
                double t = 0;
                for (size_t l = c; l < p; l++)
                    t += M[k * p + l] * Ri[c * p + l];
                s += Ri[a * p + k] * t;
            }
            V[a * p + c] = V[c * p + a] = s;
        }
    free(M);
    return CORE_OK;
}

void st_coef_t(double est, double var, double df, double conf, st_estimate *out)
{
    *out = (st_estimate){.estimate = est, .se = NAN, .ci_low = NAN, .ci_high = NAN, .statistic = NAN,
                         .p_value = NAN, .df = df, .undefined = NULL};
    if (!(var > 0) || !isfinite(var) || !(df > 0)) {
        out->undefined = !(df > 0) ? "no residual degrees of freedom: t test undefined"
                                   : "variance of the estimate is zero or undefined: t test undefined";
        if (var == 0)
            out->se = 0;
        return;
    }
    double se = sqrt(var), q = gsl_cdf_tdist_Pinv(1 - (1 - conf) / 2, df);
    out->se = se;
    out->statistic = est / se;
    out->p_value = 2 * gsl_cdf_tdist_Q(fabs(out->statistic), df);
    out->ci_low = est - q * se;
    out->ci_high = est + q * se;
}

void st_coef_z(double est, double var, double conf, st_estimate *out)
{
    *out = (st_estimate){.estimate = est, .se = NAN, .ci_low = NAN, .ci_high = NAN, .statistic = NAN,
                         .p_value = NAN, .df = NAN, .undefined = NULL};
    if (!(var > 0) || !isfinite(var)) {
        out->undefined = "variance of the estimate is zero or undefined: z test undefined";
        if (var == 0)
            out->se = 0;
        return;
    }
    double se = sqrt(var), z = gsl_cdf_ugaussian_Pinv(1 - (1 - conf) / 2);
    out->se = se;
    out->statistic = est / se;
    out->p_value = 2 * gsl_cdf_ugaussian_Q(fabs(out->statistic));
    out->ci_low = est - z * se;
    out->ci_high = est + z * se;
}

core_status st_wald_joint(const double *beta, const double *V, size_t p, const size_t *idx, size_t k, double *stat,
                          core_err *err)
{
    *stat = NAN;
    if (k == 0)
        return core_err_set(err, CORE_ERR_USAGE, "joint Wald test of no coefficients");
    gsl_matrix *S = gsl_matrix_alloc(k, k);
    gsl_vector *b = gsl_vector_alloc(k), *x = gsl_vector_alloc(k);
    core_status st = CORE_OK;
    if (!S || !b || !x) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t a = 0; a < k; a++) {
        if (idx[a] >= p) {
            st = core_err_set(err, CORE_ERR_USAGE, "joint Wald test: index %zu out of range", idx[a]);
            goto done;
        }
        gsl_vector_set(b, a, beta[idx[a]]);
        for (size_t c = 0; c < k; c++)
            gsl_matrix_set(S, a, c, V[idx[a] * p + idx[c]]);
    }
    /* W = b' S^-1 b through the Cholesky factor: solve S x = b, W = b'x. */
    int gs = gsl_linalg_cholesky_decomp1(S);
    if (gs == GSL_SUCCESS)
        gs = gsl_linalg_cholesky_solve(S, b, x);
    if (gs != GSL_SUCCESS) {
        st = core_err_set(err, CORE_ERR_ANALYSIS,
                          "joint Wald test: the covariance block is not positive definite (%s)", gsl_strerror(gs));
        goto done;
    }
    double w;
    gsl_blas_ddot(b, x, &w);
    *stat = w;
done:
    gsl_matrix_free(S);
    gsl_vector_free(b);
    gsl_vector_free(x);
    return st;
}
