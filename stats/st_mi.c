/* Multiple imputation by chained equations and Rubin's rules (st_mi.h). */
#include "stats/st_mi.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ Rubin's rules */

double st_mi_df_barnard_rubin(size_t m, double b, double t, double df_com)
{
    double lambda = (1.0 + 1.0 / (double)m) * b / t;
    if (!(lambda >= 1e-4))
        lambda = 1e-4; /* as mice's barnard.rubin: B = 0 would give infinite df */
    double df_old = ((double)m - 1.0) / (lambda * lambda);
    if (isinf(df_com))
        return df_old;
    double df_obs = (df_com + 1.0) / (df_com + 3.0) * df_com * (1.0 - lambda);
    return df_old * df_obs / (df_old + df_obs);
}

core_status st_mi_pool(const double *q, const double *se, size_t m, double df_com, double conf, st_mi_pooled *out,
                       core_err *err)
{
    memset(out, 0, sizeof *out);
    if (m < 2)
        return core_err_set(err, CORE_ERR_USAGE, "Rubin's rules need at least 2 imputations (got %zu)", m);
    if (!(df_com > 0))
        return core_err_set(err, CORE_ERR_USAGE, "complete-data degrees of freedom must be positive (got %g)", df_com);
    if (!(conf > 0 && conf < 1))
        return core_err_set(err, CORE_ERR_USAGE, "confidence must be in (0, 1) (got %g)", conf);
    double qbar = 0, w = 0;
    for (size_t l = 0; l < m; l++) {
        if (!isfinite(q[l]) || !isfinite(se[l]) || se[l] < 0)
            return core_err_set(err, CORE_ERR_USAGE, "imputation %zu: estimate %g with SE %g is not usable", l + 1,
                                q[l], se[l]);
        qbar += q[l];
        w += se[l] * se[l];
    }
    qbar /= (double)m;
    w /= (double)m;
    double b = 0;
    for (size_t l = 0; l < m; l++)
        b += (q[l] - qbar) * (q[l] - qbar);
    b /= (double)(m - 1);
    double f = 1.0 + 1.0 / (double)m;
    double t = w + f * b;
    out->m = m;
    out->estimate = qbar;
    out->within = w;
    out->between = b;
    out->total = t;
    out->se = sqrt(t);
    out->riv = w > 0 ? f * b / w : (b > 0 ? INFINITY : 0);
    out->lambda = t > 0 ? f * b / t : 0;
    out->df_com = df_com;
    out->df = t > 0 ? st_mi_df_barnard_rubin(m, b, t, df_com) : NAN;
    out->fmi = isfinite(out->riv) && isfinite(out->df) ? (out->riv + 2.0 / (out->df + 3.0)) / (out->riv + 1.0) : NAN;
    out->mc_se = sqrt(b / (double)m);
    if (t > 0) {
        out->statistic = qbar / out->se;
        double crit = gsl_cdf_tdist_Pinv(0.5 + conf / 2, out->df);
        out->p_value = 2 * gsl_cdf_tdist_Q(fabs(out->statistic), out->df);
        out->ci_low = qbar - crit * out->se;
        out->ci_high = qbar + crit * out->se;
    } else {
        out->statistic = out->p_value = out->ci_low = out->ci_high = NAN;
    }
    return CORE_OK;
}

/* ------------------------------------------------------------------ tipping point */

core_status st_tipping_2x2(double x1, double n1, double m1, double x0, double n0, double m0, double r1, double r0,
                           double conf, st_tipping *out, core_err *err)
{
    memset(out, 0, sizeof *out);
    if (!(x1 >= 0 && x1 <= n1 && x0 >= 0 && x0 <= n0 && m1 >= 0 && m0 >= 0 && n1 + m1 > 0 && n0 + m0 > 0))
        return core_err_set(err, CORE_ERR_USAGE, "tipping point: counts %g/%g (+%g missing) and %g/%g (+%g missing) "
                            "do not make a table", x1, n1, m1, x0, n0, m0);
    if (!(r1 >= 0 && r1 <= 1 && r0 >= 0 && r0 <= 1) || !(conf > 0 && conf < 1))
        return core_err_set(err, CORE_ERR_USAGE, "tipping point: rates %g, %g must be in [0, 1]", r1, r0);
    double a = x1 + r1 * m1, N1 = n1 + m1, c = x0 + r0 * m0, N0 = n0 + m0;
    double p1 = a / N1, p0 = c / N0;
    out->x1 = a;
    out->n1 = N1;
    out->x0 = c;
    out->n0 = N0;
    out->rd = p1 - p0;
    out->se = sqrt(p1 * (1 - p1) / N1 + p0 * (1 - p0) / N0);
    double z = gsl_cdf_ugaussian_Pinv(0.5 + conf / 2);
    out->ci_low = out->rd - z * out->se;
    out->ci_high = out->rd + z * out->se;
    double b = N1 - a, d = N0 - c, N = N1 + N0, e = a + c, f = b + d;
    if (e > 0 && f > 0) {
        double cross = a * d - b * c;
        out->chisq = N * cross * cross / (N1 * N0 * e * f);
        out->p_value = gsl_cdf_chisq_Q(out->chisq, 1.0);
    } else {
        out->chisq = out->p_value = NAN;
    }
    return CORE_OK;
}

/* ------------------------------------------------------------------ imputation models */

typedef struct fit_buf {
    size_t cap_rows, cap_cols;
    double *Xo, *yo, *wo, *Xm; /* observed design (with pseudo-rows), outcome, weights; missing design */
    double *beta, *beta_star, *work;
} fit_buf;

static void fit_buf_free(fit_buf *b)
{
    free(b->Xo);
    free(b->yo);
    free(b->wo);
    free(b->Xm);
    free(b->beta);
    free(b->beta_star);
    free(b->work);
    memset(b, 0, sizeof *b);
}

static int fit_buf_reserve(fit_buf *b, size_t rows, size_t cols)
{
    if (rows <= b->cap_rows && cols <= b->cap_cols)
        return 1;
    if (rows < b->cap_rows)
        rows = b->cap_rows;
    if (cols < b->cap_cols)
        cols = b->cap_cols;
    fit_buf_free(b);
    b->Xo = malloc(rows * cols * sizeof *b->Xo);
    b->yo = malloc(rows * sizeof *b->yo);
    b->wo = malloc(rows * sizeof *b->wo);
    b->Xm = malloc(rows * cols * sizeof *b->Xm);
    b->beta = malloc(cols * sizeof *b->beta);
    b->beta_star = malloc(cols * sizeof *b->beta_star);
    b->work = malloc((rows + cols * cols + 4 * cols) * sizeof *b->work);
    if (!b->Xo || !b->yo || !b->wo || !b->Xm || !b->beta || !b->beta_star || !b->work) {
        fit_buf_free(b);
        return 0;
    }
    b->cap_rows = rows;
    b->cap_cols = cols;
    return 1;
}

/* Bayesian linear regression draw (Rubin 1987): beta_hat by QR, sigma*, beta*. Returns CORE_ERR_ANALYSIS when the
 * design is rank deficient or has no more rows than columns. */
static core_status norm_draw(const double *X, const double *y, size_t n, size_t q, gsl_rng *rng, double *beta,
                             double *beta_star, double *sigma_star, core_err *err)
{
    if (n <= q)
        return core_err_set(err, CORE_ERR_ANALYSIS, "%zu observed values for %zu coefficients", n, q);
    gsl_matrix *A = gsl_matrix_alloc(n, q);
    gsl_vector *tau = gsl_vector_alloc(q), *yv = gsl_vector_alloc(n), *res = gsl_vector_alloc(n);
    gsl_vector *b = gsl_vector_alloc(q), *v = gsl_vector_alloc(q);
    core_status st = CORE_OK;
    if (!A || !tau || !yv || !res || !b || !v) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    memcpy(A->data, X, n * q * sizeof *X);
    memcpy(yv->data, y, n * sizeof *y);
    if (gsl_linalg_QR_decomp(A, tau) != GSL_SUCCESS) {
        st = core_err_set(err, CORE_ERR_ANALYSIS, "QR decomposition failed");
        goto done;
    }
    double rmax = 0;
    for (size_t j = 0; j < q; j++)
        rmax = fmax(rmax, fabs(gsl_matrix_get(A, j, j)));
    for (size_t j = 0; j < q; j++)
        if (!(fabs(gsl_matrix_get(A, j, j)) > 1e-9 * rmax)) {
            st = core_err_set(err, CORE_ERR_ANALYSIS, "collinear predictors");
            goto done;
        }
    if (gsl_linalg_QR_lssolve(A, tau, yv, b, res) != GSL_SUCCESS) {
        st = core_err_set(err, CORE_ERR_ANALYSIS, "least squares failed");
        goto done;
    }
    double rss = 0;
    for (size_t i = 0; i < n; i++)
        rss += res->data[i] * res->data[i];
    double df = (double)(n - q);
    double s = sqrt(rss / gsl_ran_chisq(rng, df));
    for (size_t j = 0; j < q; j++)
        v->data[j] = gsl_ran_gaussian(rng, 1.0);
    /* R v = z: v ~ N(0, (R'R)^-1) = N(0, (X'X)^-1) */
    gsl_matrix_view R = gsl_matrix_submatrix(A, 0, 0, q, q);
    gsl_blas_dtrsv(CblasUpper, CblasNoTrans, CblasNonUnit, &R.matrix, v);
    for (size_t j = 0; j < q; j++) {
        beta[j] = b->data[j];
        beta_star[j] = b->data[j] + s * v->data[j];
    }
    *sigma_star = s;
done:
    gsl_matrix_free(A);
    gsl_vector_free(tau);
    gsl_vector_free(yv);
    gsl_vector_free(res);
    gsl_vector_free(b);
    gsl_vector_free(v);
    return st;
}

/* Weighted logistic regression by IRLS (Cholesky solves), then beta* = beta_hat + L^-T z where X'WX = L L'. */
static core_status logreg_draw(const double *X, const double *y, const double *wt, size_t n, size_t q, gsl_rng *rng,
                               double *beta, double *beta_star, core_err *err)
{
    gsl_matrix *H = gsl_matrix_alloc(q, q);
    gsl_vector *g = gsl_vector_alloc(q), *step = gsl_vector_alloc(q);
    core_status st = CORE_OK;
    if (!H || !g || !step) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t j = 0; j < q; j++)
        beta[j] = 0;
    double dev_old = INFINITY;
    for (int it = 0; it < 100; it++) {
        gsl_matrix_set_zero(H);
        gsl_vector_set_zero(g);
        double dev = 0;
        for (size_t i = 0; i < n; i++) {
            const double *x = X + i * q;
            double eta = 0;
            for (size_t j = 0; j < q; j++)
                eta += x[j] * beta[j];
            eta = fmax(-30.0, fmin(30.0, eta));
            double mu = 1.0 / (1.0 + exp(-eta));
            double w = wt[i] * mu * (1 - mu);
            double r = wt[i] * (y[i] - mu);
            dev -= 2 * wt[i] * (y[i] > 0.5 ? log(mu) : log1p(-mu));
            for (size_t j = 0; j < q; j++) {
                g->data[j] += x[j] * r;
                for (size_t k = 0; k <= j; k++)
                    H->data[j * q + k] += w * x[j] * x[k];
            }
        }
        for (size_t j = 0; j < q; j++)
            for (size_t k = 0; k < j; k++)
                H->data[k * q + j] = H->data[j * q + k];
        if (gsl_linalg_cholesky_decomp1(H) != GSL_SUCCESS) {
            st = core_err_set(err, CORE_ERR_ANALYSIS, "collinear predictors");
            goto done;
        }
        if (fabs(dev - dev_old) <= 1e-10 * (fabs(dev) + 0.1))
            break; /* H holds the Cholesky factor at the converged beta */
        dev_old = dev;
        gsl_linalg_cholesky_solve(H, g, step);
        for (size_t j = 0; j < q; j++)
            beta[j] += step->data[j];
    }
    for (size_t j = 0; j < q; j++)
        step->data[j] = gsl_ran_gaussian(rng, 1.0);
    /* L' v = z: v ~ N(0, (L L')^-1) */
    gsl_blas_dtrsv(CblasLower, CblasTrans, CblasNonUnit, H, step);
    for (size_t j = 0; j < q; j++)
        beta_star[j] = beta[j] + step->data[j];
done:
    gsl_matrix_free(H);
    gsl_vector_free(g);
    gsl_vector_free(step);
    return st;
}

/* pmm: one of the `donors` observed rows nearest to yhat_mis in yhat_obs, ties broken at random. */
static double pmm_pick(const double *yhat_obs, const double *y_obs, size_t n_obs, double target, int donors,
                       gsl_rng *rng, size_t *idx, double *key)
{
    size_t k = (size_t)donors < n_obs ? (size_t)donors : n_obs, have = 0;
    for (size_t r = 0; r < n_obs; r++) {
        double d = fabs(yhat_obs[r] - target);
        double u = gsl_rng_uniform(rng); /* tie-breaker */
        if (have == k) {
            size_t w = 0; /* the worst kept */
            for (size_t s = 1; s < k; s++)
                if (key[2 * s] > key[2 * w] || (key[2 * s] == key[2 * w] && key[2 * s + 1] > key[2 * w + 1]))
                    w = s;
            if (d > key[2 * w] || (d == key[2 * w] && u >= key[2 * w + 1]))
                continue;
            idx[w] = r;
            key[2 * w] = d;
            key[2 * w + 1] = u;
        } else {
            idx[have] = r;
            key[2 * have] = d;
            key[2 * have + 1] = u;
            have++;
        }
    }
    return y_obs[idx[gsl_rng_uniform_int(rng, have)]];
}

core_status st_mi_impute(const double *x, const unsigned char *miss, size_t n, size_t p, const st_mi_method *method,
                         const unsigned char *pred, const st_mi_opts *opts, gsl_rng *rng, double *out,
                         size_t *bad_col, core_err *err)
{
    int iterations = opts && opts->iterations > 0 ? opts->iterations : 10;
    int donors = opts && opts->donors > 0 ? opts->donors : 5;
    size_t dummy;
    if (!bad_col)
        bad_col = &dummy;
    *bad_col = (size_t)-1;
    /* checks and the starting values: a random observed value of the column */
    size_t *obs_rows = malloc((n ? n : 1) * sizeof *obs_rows);
    size_t *use = malloc((p ? p : 1) * sizeof *use);
    if (!obs_rows || !use) {
        free(obs_rows);
        free(use);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    core_status st = CORE_OK;
    int any = 0;
    for (size_t j = 0; j < p && st == CORE_OK; j++) {
        size_t n_obs = 0, n_mis = 0;
        for (size_t i = 0; i < n; i++) {
            if (miss[i * p + j]) {
                n_mis++;
                continue;
            }
            double v = x[i * p + j];
            out[i * p + j] = v;
            if (!isfinite(v)) {
                *bad_col = j;
                st = core_err_set(err, CORE_ERR_USAGE, "row %zu: value %g is not finite", i + 1, v);
            } else if (method[j] == ST_MI_LOGREG && v != 0 && v != 1) {
                *bad_col = j;
                st = core_err_set(err, CORE_ERR_USAGE, "row %zu: value %g is not 0 or 1", i + 1, v);
            }
            obs_rows[n_obs++] = i;
        }
        if (st != CORE_OK)
            break;
        if (n_mis == 0)
            continue;
        if (method[j] == ST_MI_COMPLETE) {
            *bad_col = j;
            st = core_err_set(err, CORE_ERR_USAGE, "%zu missing value%s in a column that is not imputed", n_mis,
                              n_mis == 1 ? "" : "s");
        } else if (n_obs < 2) {
            *bad_col = j;
            st = core_err_set(err, CORE_ERR_USAGE, "%zu observed value%s: too few to impute from", n_obs,
                              n_obs == 1 ? "" : "s");
        } else {
            any = 1;
            for (size_t i = 0; i < n; i++)
                if (miss[i * p + j])
                    out[i * p + j] = x[obs_rows[gsl_rng_uniform_int(rng, n_obs)] * p + j];
        }
    }
    fit_buf fb = {0};
    size_t *pidx = malloc((size_t)(donors > 0 ? donors : 1) * sizeof *pidx);
    double *pkey = malloc(2 * (size_t)(donors > 0 ? donors : 1) * sizeof *pkey);
    if (st == CORE_OK && (!pidx || !pkey || !fit_buf_reserve(&fb, n + 4 * p + 1, p + 1)))
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    for (int it = 0; it < iterations && any && st == CORE_OK; it++) {
        for (size_t j = 0; j < p && st == CORE_OK; j++) {
            if (method[j] == ST_MI_COMPLETE)
                continue;
            size_t n_obs = 0, n_mis = 0;
            for (size_t i = 0; i < n; i++) {
                if (miss[i * p + j])
                    n_mis++;
                else
                    obs_rows[n_obs++] = i;
            }
            if (n_mis == 0)
                continue;
            /* predictors: the chosen columns, left out when constant among the rows fitted */
            size_t q = 0;
            for (size_t k = 0; k < p; k++) {
                if (k == j || (pred && !pred[j * p + k]))
                    continue;
                double lo = out[obs_rows[0] * p + k], hi = lo;
                for (size_t r = 1; r < n_obs; r++) {
                    double v = out[obs_rows[r] * p + k];
                    lo = fmin(lo, v);
                    hi = fmax(hi, v);
                }
                if (hi > lo)
                    use[q++] = k;
            }
            size_t q1 = q + 1, n_fit = n_obs;
            for (size_t r = 0; r < n_obs; r++) {
                double *row = fb.Xo + r * q1;
                row[0] = 1;
                for (size_t c = 0; c < q; c++)
                    row[c + 1] = out[obs_rows[r] * p + use[c]];
                fb.yo[r] = out[obs_rows[r] * p + j];
                fb.wo[r] = 1;
            }
            size_t m_row = 0;
            for (size_t i = 0; i < n; i++) {
                if (!miss[i * p + j])
                    continue;
                double *row = fb.Xm + m_row * q1;
                row[0] = 1;
                for (size_t c = 0; c < q; c++)
                    row[c + 1] = out[i * p + use[c]];
                m_row++;
            }
            core_err e2;
            core_status s2;
            if (method[j] == ST_MI_LOGREG) {
                /* augmentation (White, Daniel & Royston 2010): per predictor, four rows at its mean +- SD/2
                 * (within its range), the others at their means, y = 0, 0, 1, 1; total weight q + 1 */
                for (size_t c = 0; c < q; c++) {
                    double mean = 0, ss = 0, lo = INFINITY, hi = -INFINITY;
                    for (size_t i = 0; i < n; i++) {
                        double v = out[i * p + use[c]];
                        mean += v;
                        lo = fmin(lo, v);
                        hi = fmax(hi, v);
                    }
                    mean /= (double)n;
                    for (size_t i = 0; i < n; i++) {
                        double v = out[i * p + use[c]] - mean;
                        ss += v * v;
                    }
                    double sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0;
                    fb.work[c] = mean;
                    fb.work[q + c] = sd;
                    fb.work[2 * q + c] = lo;
                    fb.work[3 * q + c] = hi;
                }
                for (size_t c = 0; c < q; c++)
                    for (int a = 0; a < 4; a++) {
                        double *row = fb.Xo + n_fit * q1;
                        row[0] = 1;
                        for (size_t d = 0; d < q; d++)
                            row[d + 1] = fb.work[d];
                        double v = fb.work[c] + (a % 2 == 0 ? 0.5 : -0.5) * fb.work[q + c];
                        row[c + 1] = fmin(fb.work[3 * q + c], fmax(fb.work[2 * q + c], v));
                        fb.yo[n_fit] = a < 2 ? 0 : 1;
                        fb.wo[n_fit] = (double)(q + 1) / (double)(4 * q);
                        n_fit++;
                    }
                s2 = logreg_draw(fb.Xo, fb.yo, fb.wo, n_fit, q1, rng, fb.beta, fb.beta_star, &e2);
                if (s2 == CORE_OK) {
                    m_row = 0;
                    for (size_t i = 0; i < n; i++) {
                        if (!miss[i * p + j])
                            continue;
                        double eta = 0;
                        for (size_t c = 0; c < q1; c++)
                            eta += fb.Xm[m_row * q1 + c] * fb.beta_star[c];
                        out[i * p + j] = gsl_rng_uniform(rng) <= 1.0 / (1.0 + exp(-eta)) ? 1 : 0;
                        m_row++;
                    }
                }
            } else {
                double sigma = 0;
                s2 = norm_draw(fb.Xo, fb.yo, n_obs, q1, rng, fb.beta, fb.beta_star, &sigma, &e2);
                if (s2 == CORE_OK) {
                    double *yhat_obs = fb.work;
                    if (method[j] == ST_MI_PMM)
                        for (size_t r = 0; r < n_obs; r++) {
                            double s = 0;
                            for (size_t c = 0; c < q1; c++)
                                s += fb.Xo[r * q1 + c] * fb.beta[c];
                            yhat_obs[r] = s;
                        }
                    m_row = 0;
                    for (size_t i = 0; i < n; i++) {
                        if (!miss[i * p + j])
                            continue;
                        double eta = 0;
                        for (size_t c = 0; c < q1; c++)
                            eta += fb.Xm[m_row * q1 + c] * fb.beta_star[c];
                        if (method[j] == ST_MI_PMM)
                            out[i * p + j] = pmm_pick(yhat_obs, fb.yo, n_obs, eta, donors, rng, pidx, pkey);
                        else
                            out[i * p + j] = eta + gsl_ran_gaussian(rng, sigma);
                        m_row++;
                    }
                }
            }
            if (s2 != CORE_OK) {
                *bad_col = j;
                if (s2 == CORE_ERR_NOMEM)
                    st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                else
                    st = core_err_set(err, CORE_ERR_ANALYSIS, "%s", e2.msg);
            }
        }
    }
    fit_buf_free(&fb);
    free(pidx);
    free(pkey);
    free(obs_rows);
    free(use);
    return st;
}
