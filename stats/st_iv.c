/* Two-stage least squares (st_iv.h). */
#include "stats/st_iv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats/st_ols.h"

void st_iv_free(st_iv *f)
{
    if (!f)
        return;
    free(f->beta);
    free(f->vcov);
    free(f->vcov_hc0);
    free(f->vcov_hc1);
    memset(f, 0, sizeof *f);
}

core_status st_iv_fit(const double *y, const double *X, const double *Z, const int *endo, size_t n, size_t p,
                      size_t q, st_iv *out, core_err *err)
{
    memset(out, 0, sizeof *out);
    out->first_f = out->first_df1 = out->first_df2 = NAN;
    if (p == 0 || q < p || n <= q)
        return core_err_set(err, CORE_ERR_USAGE, "2SLS needs n > q >= p > 0 (n = %zu, p = %zu, q = %zu)", n, p, q);
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(y[i]))
            return core_err_set(err, CORE_ERR_USAGE, "row %zu: y is not finite", i + 1);
        for (size_t j = 0; j < p; j++)
            if (!isfinite(X[i * p + j]))
                return core_err_set(err, CORE_ERR_USAGE, "row %zu: X is not finite", i + 1);
        for (size_t j = 0; j < q; j++)
            if (!isfinite(Z[i * q + j]))
                return core_err_set(err, CORE_ERR_USAGE, "row %zu: Z is not finite", i + 1);
    }
    core_status st = CORE_OK;
    double *Xh = malloc(n * p * sizeof *Xh), *col = malloc(n * sizeof *col), *u = malloc(n * sizeof *u);
    double *meat = calloc(p * p, sizeof *meat), *tmp = malloc(p * p * sizeof *tmp);
    out->beta = malloc(p * sizeof *out->beta);
    out->vcov = malloc(p * p * sizeof *out->vcov);
    out->vcov_hc0 = malloc(p * p * sizeof *out->vcov_hc0);
    out->vcov_hc1 = malloc(p * p * sizeof *out->vcov_hc1);
    st_ols_fit *f1 = NULL, *f2 = NULL;
    if (!Xh || !col || !u || !meat || !tmp || !out->beta || !out->vcov || !out->vcov_hc0 || !out->vcov_hc1) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    out->n = n;
    out->p = p;
    /* first stage: each column of X on Z (the exogenous columns come back as they are) */
    size_t n_endo = 0;
    for (size_t j = 0; j < p; j++)
        n_endo += endo && endo[j];
    size_t n_excl = q - (p - n_endo); /* the instruments that are not columns of X */
    for (size_t j = 0; j < p; j++) {
        for (size_t i = 0; i < n; i++)
            col[i] = X[i * p + j];
        if ((st = st_ols_fit_new(Z, col, n, q, &f1, err)) != CORE_OK) {
            if (st != CORE_ERR_NOMEM)
                st = core_err_set(err, CORE_ERR_ANALYSIS, "the instruments are collinear (%s)", err->msg);
            goto done;
        }
        for (size_t i = 0; i < n; i++)
            Xh[i * p + j] = col[i] - f1->resid[i];
        if (endo && endo[j] && n_excl > 0) {
            /* F of the excluded instruments: (RSS_r - RSS) / k / (RSS / (n - q)); the restricted model is the
             * column on the exogenous columns of X, which are Z's columns that are not excluded: found by fitting
             * on the columns of X other than the endogenous ones */
            size_t pr = p - n_endo;
            double rss_r = 0;
            if (pr == 0) {
                for (size_t i = 0; i < n; i++)
                    rss_r += col[i] * col[i];
            } else {
                double *Xr = malloc(n * pr * sizeof *Xr);
                st_ols_fit *fr = NULL;
                if (!Xr) {
                    st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                    goto done;
                }
                for (size_t i = 0; i < n; i++)
                    for (size_t k = 0, c = 0; k < p; k++)
                        if (!(endo && endo[k]))
                            Xr[i * pr + c++] = X[i * p + k];
                st = st_ols_fit_new(Xr, col, n, pr, &fr, err);
                free(Xr);
                if (st != CORE_OK)
                    goto done;
                rss_r = fr->rss;
                st_ols_free(fr);
            }
            double F = ((rss_r - f1->rss) / (double)n_excl) / (f1->rss / (double)(n - q));
            if (isnan(out->first_f) || F < out->first_f)
                out->first_f = F;
            out->first_df1 = (double)n_excl;
            out->first_df2 = (double)(n - q);
        }
        st_ols_free(f1);
        f1 = NULL;
    }
    /* second stage */
    if ((st = st_ols_fit_new(Xh, y, n, p, &f2, err)) != CORE_OK) {
        if (st != CORE_ERR_NOMEM)
            st = core_err_set(err, CORE_ERR_ANALYSIS, "the first-stage fitted values are collinear: the instrument "
                              "does not move the treatment received (%s)", err->msg);
        goto done;
    }
    memcpy(out->beta, f2->beta, p * sizeof *out->beta);
    double rss = 0;
    for (size_t i = 0; i < n; i++) {
        double e = y[i];
        for (size_t j = 0; j < p; j++)
            e -= X[i * p + j] * out->beta[j];
        u[i] = e;
        rss += e * e;
        for (size_t j = 0; j < p; j++)
            for (size_t k = 0; k < p; k++)
                meat[j * p + k] += e * e * Xh[i * p + j] * Xh[i * p + k];
    }
    out->sigma2 = rss / (double)(n - p);
    const double *B = f2->xtx_inv;
    for (size_t j = 0; j < p; j++)
        for (size_t k = 0; k < p; k++) {
            out->vcov[j * p + k] = out->sigma2 * B[j * p + k];
            double s = 0;
            for (size_t l = 0; l < p; l++)
                s += meat[j * p + l] * B[l * p + k];
            tmp[j * p + k] = s;
        }
    for (size_t j = 0; j < p; j++)
        for (size_t k = 0; k < p; k++) {
            double s = 0;
            for (size_t l = 0; l < p; l++)
                s += B[j * p + l] * tmp[l * p + k];
            out->vcov_hc0[j * p + k] = s;
            out->vcov_hc1[j * p + k] = s * (double)n / (double)(n - p);
        }
done:
    st_ols_free(f1);
    st_ols_free(f2);
    free(Xh), free(col), free(u), free(meat), free(tmp);
    if (st != CORE_OK)
        st_iv_free(out);
    return st;
}
