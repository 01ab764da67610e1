/* Logistic regression by IRLS with separation detection (see st_glm.h). */
#include "stats/st_glm.h"

#include <float.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats/st_ols.h"

/* R's logit link (src/library/stats/src/family.c): beyond |eta| = 30 the probability and its
 * derivative are clamped, so weights never underflow to exactly zero. */
#define ETA_THRESH 30.0

double st_plogis(double eta)
{
    if (eta >= 0)
        return 1 / (1 + exp(-eta));
    double e = exp(eta);
    return e / (1 + e);
}

static double linkinv(double eta)
{
    double t = eta < -ETA_THRESH ? DBL_EPSILON : eta > ETA_THRESH ? 1 / DBL_EPSILON : exp(eta);
    return t / (1 + t);
}

static double mu_eta(double eta)
{
    if (eta > ETA_THRESH || eta < -ETA_THRESH)
        return DBL_EPSILON;
    double e = exp(eta), o = 1 + e;
    return e / (o * o);
}

static double deviance(const double *y, const double *mu, size_t n)
{
    double d = 0;
    for (size_t i = 0; i < n; i++)
        d += y[i] == 1 ? -2 * log(mu[i]) : -2 * log1p(-mu[i]);
    return d;
}

void st_logit_free(st_logit_fit *f)
{
    if (!f)
        return;
    free(f->beta);
    free(f->vcov);
    free(f->fitted);
    free(f->diverging);
    free(f);
}

/* Workspace of one weighted least-squares solve. */
typedef struct wls {
    size_t n, p;
    gsl_matrix *A;
    gsl_vector *tau, *b, *x, *r, *e, *col;
} wls;

static void wls_free(wls *w)
{
    gsl_matrix_free(w->A);
    gsl_vector_free(w->tau);
    gsl_vector_free(w->b);
    gsl_vector_free(w->x);
    gsl_vector_free(w->r);
    gsl_vector_free(w->e);
    gsl_vector_free(w->col);
}

static int wls_alloc(wls *w, size_t n, size_t p)
{
    w->n = n;
    w->p = p;
    w->A = gsl_matrix_alloc(n, p);
    w->tau = gsl_vector_alloc(p);
    w->b = gsl_vector_alloc(n);
    w->x = gsl_vector_alloc(p);
    w->r = gsl_vector_alloc(n);
    w->e = gsl_vector_alloc(p);
    w->col = gsl_vector_alloc(p);
    return w->A && w->tau && w->b && w->x && w->r && w->e && w->col;
}

/* One scoring step from eta: solve min || W^1/2 (z - X b) ||, z the working response. Writes beta;
 * with rinv != NULL also R^-1 of W^1/2 X (for the covariance). Returns a GSL status. */
static int irls_step(wls *w, const double *X, const double *y, const double *eta, double *beta, double *rinv)
{
    size_t n = w->n, p = w->p;
    for (size_t i = 0; i < n; i++) {
        double mu = linkinv(eta[i]), me = mu_eta(eta[i]);
        double z = eta[i] + (y[i] - mu) / me;
        double sw = me / sqrt(mu * (1 - mu)); /* sqrt(mu_eta^2 / V(mu)) */
        for (size_t j = 0; j < p; j++)
            gsl_matrix_set(w->A, i, j, sw * X[i * p + j]);
        gsl_vector_set(w->b, i, sw * z);
    }
    int gs = gsl_linalg_QR_decomp(w->A, w->tau);
    if (gs == GSL_SUCCESS) {
        /* A zero pivot makes the solve meaningless even if GSL returns success. */
        for (size_t j = 0; j < p; j++)
            if (!(fabs(gsl_matrix_get(w->A, j, j)) > 0) || !isfinite(gsl_matrix_get(w->A, j, j)))
                return GSL_ESING;
        gs = gsl_linalg_QR_lssolve(w->A, w->tau, w->b, w->x, w->r);
    }
    if (gs != GSL_SUCCESS)
        return gs;
    for (size_t j = 0; j < p; j++) {
        beta[j] = gsl_vector_get(w->x, j);
        if (!isfinite(beta[j]))
            return GSL_ESING;
    }
    if (rinv) {
        for (size_t j = 0; j < p && gs == GSL_SUCCESS; j++) {
            gsl_vector_set_basis(w->e, j);
            gsl_matrix_const_view Rv = gsl_matrix_const_submatrix(w->A, 0, 0, p, p);
            gs = gsl_linalg_R_solve(&Rv.matrix, w->e, w->col);
            for (size_t i = 0; i < p; i++)
                rinv[i * p + j] = gsl_vector_get(w->col, i);
        }
    }
    return gs;
}

static void lin_pred(const double *X, const double *beta, size_t n, size_t p, double *eta)
{
    for (size_t i = 0; i < n; i++) {
        double s = 0;
        for (size_t j = 0; j < p; j++)
            s += X[i * p + j] * beta[j];
        eta[i] = s;
    }
}

core_status st_logit_fit_new(const double *X, const double *y, size_t n, size_t p, const st_logit_opts *opts,
                             st_logit_fit **out, core_err *err)
{
    *out = NULL;
    double tol = opts && opts->tol > 0 ? opts->tol : ST_LOGIT_TOL;
    int max_iter = opts && opts->max_iter > 0 ? opts->max_iter : ST_LOGIT_MAXITER;
    if (opts && (opts->tol < 0 || opts->max_iter < 0 || !isfinite(opts->tol)))
        return core_err_set(err, CORE_ERR_USAGE, "logistic regression: tol and max_iter must be positive");
    if (p == 0 || n <= p)
        return core_err_set(err, CORE_ERR_ANALYSIS,
                            "logistic regression needs more observations than coefficients (n = %zu, p = %zu)", n,
                            p);
    for (size_t i = 0; i < n; i++) {
        if (y[i] != 0 && y[i] != 1)
            return core_err_set(err, CORE_ERR_ANALYSIS, "logistic regression: response %zu is %g, not 0 or 1", i + 1,
                                y[i]);
        for (size_t j = 0; j < p; j++)
            if (!isfinite(X[i * p + j]))
                return core_err_set(err, CORE_ERR_ANALYSIS, "logistic regression: X[%zu, %zu] is not finite", i + 1,
                                    j + 1);
    }
    core_err e2;
    core_err_clear(&e2);
    size_t dep = 0;
    if (st_design_dependent(X, n, p, &dep, NULL, &e2) > 0)
        return core_err_set(err, CORE_ERR_ANALYSIS,
                            "logistic regression: the design is rank deficient (column %zu is a linear combination "
                            "of earlier columns)",
                            dep + 1);
    if (e2.code != CORE_OK)
        return core_err_set(err, e2.code, "%s", e2.msg);

    st_logit_fit *f = calloc(1, sizeof *f);
    wls w;
    memset(&w, 0, sizeof w);
    double *eta = malloc(n * sizeof *eta), *mu = malloc(n * sizeof *mu), *beta_new = malloc(p * sizeof *beta_new),
           *eta_new = malloc(n * sizeof *eta_new), *rinv = malloc(p * p * sizeof *rinv),
           *step = malloc(p * sizeof *step);
    core_status st = CORE_OK;
    if (!f || !eta || !mu || !beta_new || !eta_new || !rinv || !step || !wls_alloc(&w, n, p)) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    f->n = n;
    f->p = p;
    f->beta = calloc(p, sizeof *f->beta);
    f->vcov = malloc(p * p * sizeof *f->vcov);
    f->fitted = malloc(n * sizeof *f->fitted);
    f->diverging = calloc(p, 1);
    if (!f->beta || !f->vcov || !f->fitted || !f->diverging) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    f->df_resid = (double)(n - p);

    /* Start as glm.fit: mustart = (y + 0.5) / 2, eta = logit(mustart). */
    double dev_old = 0;
    for (size_t i = 0; i < n; i++) {
        double m0 = (y[i] + 0.5) / 2;
        eta[i] = log(m0 / (1 - m0));
        dev_old += y[i] == 1 ? -2 * log(m0) : -2 * log1p(-m0);
    }
    int singular = 0, have_beta = 0;
    double dev = dev_old;
    for (f->iterations = 1; f->iterations <= max_iter; f->iterations++) {
        int gs = irls_step(&w, X, y, eta, beta_new, NULL);
        if (gs != GSL_SUCCESS) {
            singular = 1;
            break;
        }
        lin_pred(X, beta_new, n, p, eta_new);
        for (size_t i = 0; i < n; i++)
            mu[i] = linkinv(eta_new[i]);
        dev = deviance(y, mu, n);
        /* Step halving when the deviance is not finite or rises (glm.fit halves on non-finite only;
         * halving on a rise never changes the limit, it only keeps the path monotone). */
        for (int h = 0; have_beta && (!isfinite(dev) || dev > dev_old * (1 + 1e-12) + 1e-12) && h < 30; h++) {
            for (size_t j = 0; j < p; j++)
                beta_new[j] = (beta_new[j] + f->beta[j]) / 2;
            lin_pred(X, beta_new, n, p, eta_new);
            for (size_t i = 0; i < n; i++)
                mu[i] = linkinv(eta_new[i]);
            dev = deviance(y, mu, n);
        }
        memcpy(f->beta, beta_new, p * sizeof *beta_new);
        memcpy(eta, eta_new, n * sizeof *eta);
        have_beta = 1;
        if (fabs(dev - dev_old) / (fabs(dev) + 0.1) < tol) {
            f->converged = 1;
            break;
        }
        dev_old = dev;
    }
    if (f->iterations > max_iter)
        f->iterations = max_iter;
    if (!have_beta) {
        f->undefined = "logistic regression: the first scoring step failed (singular weighted design)";
        for (size_t k = 0; k < p * p; k++)
            f->vcov[k] = NAN;
        for (size_t j = 0; j < p; j++)
            f->beta[j] = NAN;
        for (size_t i = 0; i < n; i++)
            f->fitted[i] = NAN;
        f->deviance = f->loglik = NAN;
        goto nulldev;
    }
    f->deviance = dev;
    f->loglik = -dev / 2;
    for (size_t i = 0; i < n; i++)
        f->fitted[i] = linkinv(eta[i]);
    /* Covariance at the final estimate, and one more scoring step to see whether it has settled. */
    int gs = singular ? GSL_ESING : irls_step(&w, X, y, eta, step, rinv);
    double max_eta = 0, max_move = 0;
    for (size_t i = 0; i < n; i++)
        max_eta = fmax(max_eta, fabs(eta[i]));
    if (gs == GSL_SUCCESS) {
        for (size_t a = 0; a < p; a++)
            for (size_t c = a; c < p; c++) {
                double s = 0;
                for (size_t k = c; k < p; k++)
                    s += rinv[a * p + k] * rinv[c * p + k];
                f->vcov[a * p + c] = f->vcov[c * p + a] = s;
            }
        for (size_t j = 0; j < p; j++)
            step[j] -= f->beta[j];
        lin_pred(X, step, n, p, eta_new);
        for (size_t i = 0; i < n; i++)
            max_move = fmax(max_move, fabs(eta_new[i]));
        for (size_t j = 0; j < p; j++) {
            double scale = 0;
            for (size_t i = 0; i < n; i++)
                scale = fmax(scale, fabs(X[i * p + j]));
            f->diverging[j] = fabs(step[j]) * scale > 0.01;
        }
    } else {
        for (size_t k = 0; k < p * p; k++)
            f->vcov[k] = NAN;
    }
    if (gs != GSL_SUCCESS || max_eta > ETA_THRESH || max_move > 0.01) {
        f->separation = 1;
        f->converged = 0;
        f->undefined = "separation: some fitted probabilities are 0 or 1 (a covariate pattern predicts the outcome "
                       "perfectly), so the maximum-likelihood estimates do not exist";
    } else if (!f->converged) {
        f->undefined = "logistic regression did not converge within the iteration limit";
    }
nulldev:;
    /* Null deviance: intercept-only model when X has a constant column, else eta = 0. */
    int has_const = 0;
    for (size_t j = 0; j < p && !has_const; j++) {
        has_const = X[j] != 0;
        for (size_t i = 1; i < n && has_const; i++)
            has_const = X[i * p + j] == X[j];
    }
    double ybar = 0;
    for (size_t i = 0; i < n; i++)
        ybar += y[i];
    ybar /= (double)n;
    if (has_const) {
        f->null_deviance = 0;
        if (ybar > 0 && ybar < 1)
            for (size_t i = 0; i < n; i++)
                f->null_deviance += y[i] == 1 ? -2 * log(ybar) : -2 * log1p(-ybar);
    } else {
        f->null_deviance = 2 * (double)n * log(2.0);
    }
    *out = f;
    f = NULL;
done:
    st_logit_free(f);
    wls_free(&w);
    free(eta), free(mu), free(beta_new), free(eta_new), free(rinv), free(step);
    return st;
}
