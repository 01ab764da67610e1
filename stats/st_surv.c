/* Kaplan–Meier, log-rank and Cox regression (see st_surv.h for the conventions and references). */
#include "stats/st_surv.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* R's survival uses sqrt(.Machine$double.eps) when it compares S(t) with 1/2 (survmean's minmin). */
#define HALF_TOL 1.4901161193847656e-08

static core_status check_obs(const double *time, const int *event, size_t n, core_err *err)
{
    if (n == 0)
        return core_err_set(err, CORE_ERR_USAGE, "no observations");
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(time[i]) || time[i] < 0)
            return core_err_set(err, CORE_ERR_USAGE, "observation %zu: time %g is not a finite number >= 0", i + 1,
                                time[i]);
        if (event[i] != 0 && event[i] != 1)
            return core_err_set(err, CORE_ERR_USAGE, "observation %zu: event code %d is not 0 or 1", i + 1, event[i]);
    }
    return CORE_OK;
}

/* Order of two indices by time, ties by index (so results never depend on the sort's stability). */
static int cmp_idx_time(const size_t *a, const size_t *b, const double *t)
{
    size_t i = *a, j = *b;
    if (t[i] < t[j])
        return -1;
    if (t[i] > t[j])
        return 1;
    return (i > j) - (i < j);
}

/* Portable merge sort of an index array by time (qsort_r is not C11). */
static void sort_idx(size_t *idx, size_t *tmp, size_t n, const double *t)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    sort_idx(idx, tmp, h, t);
    sort_idx(idx + h, tmp, n - h, t);
    size_t a = 0, b = h, k = 0;
    while (a < h && b < n)
        tmp[k++] = cmp_idx_time(&idx[b], &idx[a], t) < 0 ? idx[b++] : idx[a++];
    while (a < h)
        tmp[k++] = idx[a++];
    while (b < n)
        tmp[k++] = idx[b++];
    memcpy(idx, tmp, n * sizeof *idx);
}

static size_t *sorted_index(const double *time, size_t n)
{
    size_t *idx = malloc(n * sizeof *idx), *tmp = malloc(n * sizeof *tmp);
    if (!idx || !tmp) {
        free(idx);
        free(tmp);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    sort_idx(idx, tmp, n, time);
    free(tmp);
    return idx;
}

/* ---------------------------------------------------------------- Kaplan–Meier */

void st_km_free(st_km *km)
{
    if (!km)
        return;
    free(km->time);
    free(km->n_risk);
    free(km->n_event);
    free(km->n_censor);
    free(km->surv);
    free(km->gw);
    memset(km, 0, sizeof *km);
}

core_status st_km_fit(const double *time, const int *event, size_t n, st_km *km, core_err *err)
{
    memset(km, 0, sizeof *km);
    core_status st = check_obs(time, event, n, err);
    if (st != CORE_OK)
        return st;
    size_t *idx = sorted_index(time, n);
    km->time = malloc(n * sizeof *km->time);
    km->n_risk = malloc(n * sizeof *km->n_risk);
    km->n_event = malloc(n * sizeof *km->n_event);
    km->n_censor = malloc(n * sizeof *km->n_censor);
    km->surv = malloc(n * sizeof *km->surv);
    km->gw = malloc(n * sizeof *km->gw);
    if (!idx || !km->time || !km->n_risk || !km->n_event || !km->n_censor || !km->surv || !km->gw) {
        free(idx);
        st_km_free(km);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    double s = 1, g = 0;
    long at_risk = (long)n;
    size_t i = 0, k = 0;
    while (i < n) {
        double t = time[idx[i]];
        long d = 0, c = 0;
        while (i < n && time[idx[i]] == t) {
            if (event[idx[i]])
                d++;
            else
                c++;
            i++;
        }
        km->time[k] = t;
        km->n_risk[k] = at_risk;
        km->n_event[k] = d;
        km->n_censor[k] = c;
        if (d > 0) {
            s *= 1.0 - (double)d / (double)at_risk;
            /* Greenwood: Var(log S) = sum d / (n (n - d)); infinite once everyone at risk has the event */
            g = d < at_risk ? g + (double)d / ((double)at_risk * (double)(at_risk - d)) : INFINITY;
        }
        km->surv[k] = s;
        km->gw[k] = g;
        km->events += d;
        at_risk -= d + c;
        k++;
    }
    km->k = k;
    km->n = (long)n;
    free(idx);
    return CORE_OK;
}

static double zval(double conf)
{
    return gsl_cdf_ugaussian_Pinv(0.5 + conf / 2);
}

/* The log band at index j (NaN where S = 0, as survfit). */
static void km_band(const st_km *km, size_t j, double z, double *lo, double *hi)
{
    double s = km->surv[j];
    if (s <= 0 || !isfinite(km->gw[j])) {
        *lo = *hi = NAN;
        return;
    }
    double h = z * sqrt(km->gw[j]);
    *lo = exp(log(s) - h);
    *hi = fmin(1.0, exp(log(s) + h));
}

core_status st_km_at(const st_km *km, double t, double conf, st_km_point *out, core_err *err)
{
    *out = (st_km_point){.time = t, .surv = NAN, .se = NAN, .ci_low = NAN, .ci_high = NAN};
    if (!(conf > 0 && conf < 1))
        return core_err_set(err, CORE_ERR_USAGE, "confidence level %g is not between 0 and 1", conf);
    if (!isfinite(t) || t < 0)
        return core_err_set(err, CORE_ERR_USAGE, "time %g is not a finite number >= 0", t);
    if (km->k == 0)
        return core_err_set(err, CORE_ERR_USAGE, "empty Kaplan-Meier estimate");
    long at = 0;
    for (size_t j = 0; j < km->k; j++)
        if (km->time[j] >= t)
            at += km->n_event[j] + km->n_censor[j];
    out->n_risk = at;
    if (t > km->time[km->k - 1]) {
        out->undefined = "not estimable: beyond the longest follow-up time";
        return CORE_OK;
    }
    size_t j = km->k;
    for (size_t m = 0; m < km->k && km->time[m] <= t; m++)
        j = m;
    if (j == km->k) { /* before the first observed time */
        out->surv = 1;
        out->se = 0;
        out->ci_low = out->ci_high = 1;
        return CORE_OK;
    }
    out->surv = km->surv[j];
    out->se = isfinite(km->gw[j]) ? km->surv[j] * sqrt(km->gw[j]) : 0;
    km_band(km, j, zval(conf), &out->ci_low, &out->ci_high);
    if (isnan(out->ci_low))
        out->undefined = "interval not defined: S(t) = 0";
    return CORE_OK;
}

/* survmean's minmin(): the first time with y < 1/2 + tol; if y is 1/2 there (within tol) and y later
 * drops below it, the midpoint of that time and the time of the drop. Skips NaN (undefined band). */
static double first_half(const double *time, const double *y, size_t k)
{
    size_t first = k;
    for (size_t j = 0; j < k; j++)
        if (!isnan(y[j]) && y[j] < 0.5 + HALF_TOL) {
            first = j;
            break;
        }
    if (first == k)
        return NAN;
    if (fabs(y[first] - 0.5) < HALF_TOL)
        for (size_t j = first + 1; j < k; j++)
            if (!isnan(y[j]) && y[j] < y[first])
                return (time[first] + time[j]) / 2;
    return time[first];
}

core_status st_km_median(const st_km *km, double conf, st_estimate *out, core_err *err)
{
    *out = (st_estimate){.estimate = NAN, .se = NAN, .ci_low = NAN, .ci_high = NAN, .statistic = NAN,
                         .p_value = NAN, .df = NAN};
    if (!(conf > 0 && conf < 1))
        return core_err_set(err, CORE_ERR_USAGE, "confidence level %g is not between 0 and 1", conf);
    size_t k = km->k;
    double *lo = malloc((k ? k : 1) * sizeof *lo), *hi = malloc((k ? k : 1) * sizeof *hi);
    if (!lo || !hi) {
        free(lo);
        free(hi);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    double z = zval(conf);
    for (size_t j = 0; j < k; j++)
        km_band(km, j, z, &lo[j], &hi[j]);
    out->estimate = first_half(km->time, km->surv, k);
    out->ci_low = first_half(km->time, lo, k);
    out->ci_high = first_half(km->time, hi, k);
    free(lo);
    free(hi);
    if (isnan(out->estimate))
        out->undefined = "median not reached: the estimated survival stays above 50%";
    else if (isnan(out->ci_high))
        out->undefined = "upper confidence limit not reached";
    else if (isnan(out->ci_low))
        out->undefined = "lower confidence limit not defined";
    return CORE_OK;
}

/* ---------------------------------------------------------------- log-rank */

void st_logrank_free(st_logrank *lr)
{
    if (!lr)
        return;
    free(lr->observed);
    free(lr->expected);
    free(lr->n);
    memset(lr, 0, sizeof *lr);
}

core_status st_logrank_test(const double *time, const int *event, const int *group, size_t n, size_t n_groups,
                            st_logrank *out, core_err *err)
{
    memset(out, 0, sizeof *out);
    out->statistic = out->p_value = NAN;
    core_status st = check_obs(time, event, n, err);
    if (st != CORE_OK)
        return st;
    if (n_groups < 2)
        return core_err_set(err, CORE_ERR_USAGE, "the log-rank test needs at least two groups");
    for (size_t i = 0; i < n; i++)
        if (group[i] < 0 || (size_t)group[i] >= n_groups)
            return core_err_set(err, CORE_ERR_USAGE, "observation %zu: group %d is outside 0..%zu", i + 1, group[i],
                                n_groups - 1);
    size_t G = n_groups, m = G - 1;
    out->n_groups = G;
    out->df = (double)m;
    out->observed = calloc(G, sizeof *out->observed);
    out->expected = calloc(G, sizeof *out->expected);
    out->n = calloc(G, sizeof *out->n);
    long *at = calloc(G, sizeof *at), *dg = calloc(G, sizeof *dg);
    size_t *idx = sorted_index(time, n);
    gsl_matrix *V = gsl_matrix_calloc(m, m);
    gsl_vector *u = gsl_vector_alloc(m);
    if (!out->observed || !out->expected || !out->n || !at || !dg || !idx || !V || !u) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        at[group[i]]++;
        out->n[group[i]]++;
    }
    for (size_t g = 0; g < G; g++)
        if (out->n[g] == 0) {
            st = core_err_set(err, CORE_ERR_ANALYSIS, "group %zu has no observations", g + 1);
            goto done;
        }
    long n_at = (long)n;
    size_t i = 0;
    while (i < n) {
        double t = time[idx[i]];
        size_t start = i;
        long d = 0, removed = 0;
        memset(dg, 0, G * sizeof *dg);
        while (i < n && time[idx[i]] == t) {
            if (event[idx[i]]) {
                d++;
                dg[group[idx[i]]]++;
            }
            i++;
        }
        if (d > 0) {
            double N = (double)n_at, D = (double)d;
            for (size_t g = 0; g < G; g++) {
                out->observed[g] += (double)dg[g];
                out->expected[g] += D * (double)at[g] / N;
            }
            if (n_at > 1) {
                double f = D * (N - D) / (N - 1);
                for (size_t a = 0; a < m; a++)
                    for (size_t b = 0; b < m; b++) {
                        double v = f * ((double)at[a] / N) * ((a == b ? 1.0 : 0.0) - (double)at[b] / N);
                        *gsl_matrix_ptr(V, a, b) += v;
                    }
            }
        }
        for (size_t r = start; r < i; r++) {
            at[group[idx[r]]]--;
            removed++;
        }
        n_at -= removed;
    }
    for (size_t a = 0; a < m; a++)
        gsl_vector_set(u, a, out->observed[a] - out->expected[a]);
    /* chi-square = u' V^-1 u, through the Cholesky factor of V (positive definite unless degenerate) */
    int gs = gsl_linalg_cholesky_decomp1(V);
    if (gs != GSL_SUCCESS) {
        out->undefined = "not estimable: no events, or no variation in who is at risk";
        goto done;
    }
    gsl_vector *w = gsl_vector_alloc(m);
    if (!w) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    gs = gsl_linalg_cholesky_solve(V, u, w);
    if (gs != GSL_SUCCESS) {
        gsl_vector_free(w);
        out->undefined = "not estimable: singular variance of observed minus expected";
        goto done;
    }
    double chi = 0;
    for (size_t a = 0; a < m; a++)
        chi += gsl_vector_get(u, a) * gsl_vector_get(w, a);
    gsl_vector_free(w);
    out->statistic = chi;
    out->p_value = gsl_cdf_chisq_Q(chi, (double)m);
done:
    free(at);
    free(dg);
    free(idx);
    if (V)
        gsl_matrix_free(V);
    if (u)
        gsl_vector_free(u);
    if (st != CORE_OK)
        st_logrank_free(out);
    return st;
}

/* ---------------------------------------------------------------- Cox regression */

void st_cox_free(st_cox *c)
{
    if (!c)
        return;
    free(c->beta);
    free(c->se);
    free(c->vcov);
    memset(c, 0, sizeof *c);
}

typedef struct cox_data {
    size_t n, p;
    const size_t *idx;  /* observations sorted by time ascending */
    const double *time;
    const int *event;
    const double *X;    /* centred, n x p */
    st_ties ties;
    /* work: */
    double *eta, *S1, *S2, *D1, *D2, *a;
} cox_data;

/* Log partial likelihood, score U (p) and information I (p x p) at beta. Risk sets are accumulated
 * from the longest time down; tied events use Efron's (1977) or Breslow's (1974) approximation. */
static double cox_eval(cox_data *d, const double *beta, double *U, double *I)
{
    size_t n = d->n, p = d->p;
    for (size_t i = 0; i < n; i++) {
        double e = 0;
        for (size_t j = 0; j < p; j++)
            e += d->X[i * p + j] * beta[j];
        d->eta[i] = e;
    }
    double ll = 0, S0 = 0;
    memset(d->S1, 0, p * sizeof *d->S1);
    memset(d->S2, 0, p * p * sizeof *d->S2);
    if (U)
        memset(U, 0, p * sizeof *U);
    if (I)
        memset(I, 0, p * p * sizeof *I);
    size_t r = n;
    while (r > 0) {
        double t = d->time[d->idx[r - 1]];
        size_t hi = r;
        while (r > 0 && d->time[d->idx[r - 1]] == t)
            r--;
        /* add everyone with this time to the risk set; collect the tied events' sums */
        double D0 = 0;
        long nd = 0;
        memset(d->D1, 0, p * sizeof *d->D1);
        memset(d->D2, 0, p * p * sizeof *d->D2);
        for (size_t q = r; q < hi; q++) {
            size_t i = d->idx[q];
            double w = exp(d->eta[i]);
            const double *x = d->X + i * p;
            S0 += w;
            for (size_t j = 0; j < p; j++) {
                d->S1[j] += w * x[j];
                for (size_t k = 0; k <= j; k++)
                    d->S2[j * p + k] += w * x[j] * x[k];
            }
            if (d->event[i]) {
                nd++;
                D0 += w;
                ll += d->eta[i];
                for (size_t j = 0; j < p; j++) {
                    d->D1[j] += w * x[j];
                    if (U)
                        U[j] += x[j];
                    for (size_t k = 0; k <= j; k++)
                        d->D2[j * p + k] += w * x[j] * x[k];
                }
            }
        }
        for (long m = 0; m < nd; m++) {
            double f = d->ties == ST_TIES_EFRON ? (double)m / (double)nd : 0.0;
            double den = S0 - f * D0;
            ll -= log(den);
            for (size_t j = 0; j < p; j++) {
                d->a[j] = (d->S1[j] - f * d->D1[j]) / den;
                if (U)
                    U[j] -= d->a[j];
            }
            if (I)
                for (size_t j = 0; j < p; j++)
                    for (size_t k = 0; k <= j; k++)
                        I[j * p + k] += (d->S2[j * p + k] - f * d->D2[j * p + k]) / den - d->a[j] * d->a[k];
        }
    }
    if (I)
        for (size_t j = 0; j < p; j++)
            for (size_t k = j + 1; k < p; k++)
                I[j * p + k] = I[k * p + j];
    return ll;
}

/* Solve I x = b by Cholesky; returns 0 on success (I not positive definite: -1). Optionally the inverse. */
static int chol_solve(const double *I, const double *b, double *x, double *inv, size_t p)
{
    gsl_matrix *M = gsl_matrix_alloc(p, p);
    if (!M)
        return -2;
    memcpy(M->data, I, p * p * sizeof *I);
    int rc = 0;
    if (gsl_linalg_cholesky_decomp1(M) != GSL_SUCCESS) {
        rc = -1;
        goto out;
    }
    if (b) {
        gsl_vector_const_view bv = gsl_vector_const_view_array(b, p);
        gsl_vector_view xv = gsl_vector_view_array(x, p);
        if (gsl_linalg_cholesky_solve(M, &bv.vector, &xv.vector) != GSL_SUCCESS) {
            rc = -1;
            goto out;
        }
    }
    if (inv) {
        if (gsl_linalg_cholesky_invert(M) != GSL_SUCCESS) {
            rc = -1;
            goto out;
        }
        memcpy(inv, M->data, p * p * sizeof *inv);
    }
out:
    gsl_matrix_free(M);
    return rc;
}

core_status st_cox_fit(const double *time, const int *event, const double *X, size_t n, size_t p,
                       const st_cox_opts *opts, st_cox *out, core_err *err)
{
    memset(out, 0, sizeof *out);
    out->loglik = out->loglik0 = out->lr = out->wald = out->score = NAN;
    core_status st = check_obs(time, event, n, err);
    if (st != CORE_OK)
        return st;
    if (p == 0)
        return core_err_set(err, CORE_ERR_USAGE, "the Cox model needs at least one covariate");
    st_cox_opts o = opts ? *opts : (st_cox_opts){0};
    if (o.tol == 0)
        o.tol = 1e-12;
    if (o.max_iter == 0)
        o.max_iter = 100;
    if (!(o.tol > 0) || o.max_iter < 0)
        return core_err_set(err, CORE_ERR_USAGE, "Cox options: tol must be > 0 and max_iter >= 1");
    out->p = p;
    out->n = (long)n;
    for (size_t i = 0; i < n; i++)
        out->events += event[i];
    out->beta = calloc(p, sizeof *out->beta);
    out->se = malloc(p * sizeof *out->se);
    out->vcov = malloc(p * p * sizeof *out->vcov);
    double *Xc = malloc(n * p * sizeof *Xc), *U = malloc(p * sizeof *U), *I = malloc(p * p * sizeof *I);
    double *step = malloc(p * sizeof *step), *trial = malloc(p * sizeof *trial);
    double *work = malloc((3 * p + 2 * p * p + n) * sizeof *work);
    size_t *idx = sorted_index(time, n);
    if (!out->beta || !out->se || !out->vcov || !Xc || !U || !I || !step || !trial || !work || !idx) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    /* centre the covariates, as coxph does: exp() stays in range and the estimates do not change */
    for (size_t j = 0; j < p; j++) {
        double m = 0;
        for (size_t i = 0; i < n; i++)
            m += X[i * p + j];
        m /= (double)n;
        for (size_t i = 0; i < n; i++)
            Xc[i * p + j] = X[i * p + j] - m;
    }
    cox_data d = {.n = n, .p = p, .idx = idx, .time = time, .event = event, .X = Xc, .ties = o.ties};
    d.S1 = work;
    d.D1 = work + p;
    d.a = work + 2 * p;
    d.S2 = work + 3 * p;
    d.D2 = work + 3 * p + p * p;
    d.eta = work + 3 * p + 2 * p * p;
    if (out->events == 0) {
        out->undefined = "not estimable: no events";
        for (size_t j = 0; j < p; j++)
            out->beta[j] = out->se[j] = NAN;
        goto done;
    }
    /* score test at beta = 0 */
    double ll = cox_eval(&d, out->beta, U, I);
    out->loglik0 = ll;
    if (chol_solve(I, U, step, NULL, p) != 0) {
        out->undefined = "not estimable: singular information matrix (a covariate is constant or collinear)";
        for (size_t j = 0; j < p; j++)
            out->beta[j] = out->se[j] = NAN;
        goto done;
    }
    out->score = 0;
    for (size_t j = 0; j < p; j++)
        out->score += U[j] * step[j];
    int converged = 0, it;
    for (it = 1; it <= o.max_iter; it++) {
        /* Newton step with halving until the log partial likelihood does not decrease */
        double ll_new = -INFINITY;
        double scale = 1;
        for (int h = 0; h < 30; h++, scale /= 2) {
            for (size_t j = 0; j < p; j++)
                trial[j] = out->beta[j] + scale * step[j];
            ll_new = cox_eval(&d, trial, NULL, NULL);
            if (isfinite(ll_new) && ll_new >= ll - 1e-12 * fabs(ll))
                break;
        }
        if (!isfinite(ll_new))
            break;
        memcpy(out->beta, trial, p * sizeof *trial);
        double change = fabs(ll_new - ll);
        ll = cox_eval(&d, out->beta, U, I);
        if (chol_solve(I, U, step, NULL, p) != 0)
            break;
        double smax = 0;
        for (size_t j = 0; j < p; j++)
            smax = fmax(smax, fabs(step[j]));
        if (change <= o.tol * fabs(ll) && smax < 1e-6) {
            converged = 1;
            break;
        }
    }
    out->iterations = it;
    out->loglik = ll;
    if (!converged) {
        st = core_err_set(err, CORE_ERR_ANALYSIS,
                          "the Cox model did not converge in %d Newton-Raphson iterations with step halving "
                          "(log partial likelihood %.10g); the data may separate the groups",
                          o.max_iter, ll);
        goto done;
    }
    if (chol_solve(I, NULL, NULL, out->vcov, p) != 0) {
        out->undefined = "not estimable: singular information matrix at the estimate";
        for (size_t j = 0; j < p; j++)
            out->se[j] = NAN;
        goto done;
    }
    out->wald = 0;
    for (size_t j = 0; j < p; j++) {
        out->se[j] = sqrt(out->vcov[j * p + j]);
        /* Wald = b' V^-1 b = b' I b */
        for (size_t k = 0; k < p; k++)
            out->wald += out->beta[j] * I[j * p + k] * out->beta[k];
    }
    out->lr = 2 * (out->loglik - out->loglik0);
    /* Monotone likelihood: a coefficient so large that the hazard ratio over the covariate's range
     * exceeds e^25 is running to infinity (as coxph's "coefficient may be infinite" warning). */
    for (size_t j = 0; j < p; j++) {
        double lo = INFINITY, hi = -INFINITY;
        for (size_t i = 0; i < n; i++) {
            lo = fmin(lo, Xc[i * p + j]);
            hi = fmax(hi, Xc[i * p + j]);
        }
        if (fabs(out->beta[j]) * (hi - lo) > 25)
            out->undefined = "not estimable: a coefficient runs to infinity (monotone likelihood, e.g. no events "
                             "in one group)";
    }
done:
    free(Xc);
    free(U);
    free(I);
    free(step);
    free(trial);
    free(work);
    free(idx);
    if (st != CORE_OK)
        st_cox_free(out);
    return st;
}

/* ---- proportional hazards: the Schoenfeld-residual score test (cox.zph) ---- */

void st_cox_zph_free(st_cox_zph *z)
{
    if (!z)
        return;
    free(z->chisq);
    free(z->df);
    free(z->p_value);
    memset(z, 0, sizeof *z);
}

/* Solve the symmetric positive definite system A x = b (m x m) by Cholesky; -1 when A is not positive definite. */
static int spd_quad(const double *A, const double *b, size_t m, double *q)
{
    gsl_matrix *M = gsl_matrix_alloc(m, m);
    gsl_vector *x = gsl_vector_alloc(m);
    int rc = -2;
    if (M && x) {
        memcpy(M->data, A, m * m * sizeof *A);
        gsl_vector_const_view bv = gsl_vector_const_view_array(b, m);
        rc = gsl_linalg_cholesky_decomp1(M) == GSL_SUCCESS && gsl_linalg_cholesky_solve(M, &bv.vector, x) == GSL_SUCCESS
                 ? 0
                 : -1;
        if (rc == 0) {
            double s = 0;
            for (size_t j = 0; j < m; j++)
                s += b[j] * gsl_vector_get(x, j);
            *q = s;
        }
    }
    gsl_matrix_free(M);
    gsl_vector_free(x);
    return rc;
}

core_status st_cox_zph_test(const double *time, const int *event, const double *X, size_t n, size_t p,
                            const double *beta, st_ties ties, const size_t *assign, size_t n_terms, st_cox_zph *out,
                            core_err *err)
{
    memset(out, 0, sizeof *out);
    core_status st = check_obs(time, event, n, err);
    if (st != CORE_OK)
        return st;
    if (p == 0 || n_terms == 0)
        return core_err_set(err, CORE_ERR_USAGE, "the proportional-hazards test needs at least one covariate");
    for (size_t j = 0; j < p; j++)
        if (assign[j] >= n_terms || !isfinite(beta[j]))
            return core_err_set(err, CORE_ERR_USAGE, "coefficient %zu: term code or estimate out of range", j + 1);
    size_t m2 = 2 * p, T = n_terms;
    out->n_terms = T;
    out->chisq = malloc((T + 1) * sizeof *out->chisq);
    out->df = malloc((T + 1) * sizeof *out->df);
    out->p_value = malloc((T + 1) * sizeof *out->p_value);
    double *Xc = malloc(n * p * sizeof *Xc), *w = malloc(n * sizeof *w), *g = malloc(n * sizeof *g);
    double *imat = calloc(m2 * m2, sizeof *imat), *u = calloc(m2, sizeof *u);
    double *S1 = malloc(p * sizeof *S1), *D1 = malloc(p * sizeof *D1), *a = malloc(p * sizeof *a);
    double *S2 = malloc(p * p * sizeof *S2), *D2 = malloc(p * p * sizeof *D2);
    double *sub = malloc(m2 * m2 * sizeof *sub), *us = malloc(m2 * sizeof *us);
    size_t *idx = sorted_index(time, n);
    st_km km = {0};
    if (!out->chisq || !out->df || !out->p_value || !Xc || !w || !g || !imat || !u || !S1 || !D1 || !a || !S2 ||
        !D2 || !sub || !us || !idx) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    long events = 0;
    for (size_t i = 0; i < n; i++)
        events += event[i];
    if (events == 0) {
        st = core_err_set(err, CORE_ERR_ANALYSIS, "no events: proportional hazards cannot be tested");
        goto done;
    }
    /* centred covariates (the test does not change) and risk weights exp(x'beta) */
    for (size_t j = 0; j < p; j++) {
        double mj = 0;
        for (size_t i = 0; i < n; i++)
            mj += X[i * p + j];
        mj /= (double)n;
        for (size_t i = 0; i < n; i++)
            Xc[i * p + j] = X[i * p + j] - mj;
    }
    for (size_t i = 0; i < n; i++) {
        double e = 0;
        for (size_t j = 0; j < p; j++)
            e += Xc[i * p + j] * beta[j];
        w[i] = exp(e);
    }
    /* the time transform g(t) = 1 - S(t-), S the Kaplan-Meier estimate of all observations, centred at its mean
     * over the events (cox.zph's transform = "km") */
    if ((st = st_km_fit(time, event, n, &km, err)) != CORE_OK)
        goto done;
    double gmean = 0;
    for (size_t i = 0; i < n; i++) {
        double sprev = 1;
        for (size_t j = 0; j < km.k && km.time[j] < time[i]; j++)
            sprev = km.surv[j];
        g[i] = 1 - sprev;
        if (event[i])
            gmean += g[i];
    }
    gmean /= (double)events;
    for (size_t i = 0; i < n; i++)
        g[i] -= gmean;
    /* risk sets from the longest time down; at each event time with d events (Efron: the m-th of them with the
     * tied events' weights reduced by m/d) the covariance C of x over the risk set enters the information of the
     * model with x and x g(t) as imat = [sum C, sum g C; sum g C, sum g^2 C], and the score of the x g(t) terms
     * at (beta, 0) is sum g (x_event - mean) */
    double S0 = 0;
    memset(S1, 0, p * sizeof *S1);
    memset(S2, 0, p * p * sizeof *S2);
    size_t r = n;
    while (r > 0) {
        double t = time[idx[r - 1]];
        size_t hi = r;
        while (r > 0 && time[idx[r - 1]] == t)
            r--;
        double D0 = 0, gt = 0;
        long nd = 0;
        memset(D1, 0, p * sizeof *D1);
        memset(D2, 0, p * p * sizeof *D2);
        for (size_t q = r; q < hi; q++) {
            size_t i = idx[q];
            const double *x = Xc + i * p;
            S0 += w[i];
            for (size_t j = 0; j < p; j++) {
                S1[j] += w[i] * x[j];
                for (size_t k = 0; k < p; k++)
                    S2[j * p + k] += w[i] * x[j] * x[k];
            }
            if (event[i]) {
                nd++;
                gt = g[i];
                D0 += w[i];
                for (size_t j = 0; j < p; j++) {
                    D1[j] += w[i] * x[j];
                    u[p + j] += g[i] * x[j];
                    for (size_t k = 0; k < p; k++)
                        D2[j * p + k] += w[i] * x[j] * x[k];
                }
            }
        }
        for (long mm = 0; mm < nd; mm++) {
            double f = ties == ST_TIES_EFRON ? (double)mm / (double)nd : 0.0;
            double den = S0 - f * D0;
            for (size_t j = 0; j < p; j++) {
                a[j] = (S1[j] - f * D1[j]) / den;
                u[p + j] -= gt * a[j];
            }
            for (size_t j = 0; j < p; j++)
                for (size_t k = 0; k < p; k++) {
                    double c = (S2[j * p + k] - f * D2[j * p + k]) / den - a[j] * a[k];
                    imat[j * m2 + k] += c;
                    imat[j * m2 + p + k] += gt * c;
                    imat[(p + j) * m2 + k] += gt * c;
                    imat[(p + j) * m2 + p + k] += gt * gt * c;
                }
        }
    }
    /* per term: the score test of its x g(t) columns given every beta (u is 0 in the beta block at the MLE) */
    for (size_t tt = 0; tt <= T; tt++) {
        size_t kk[2 * 256], m = 0;
        if (p > 256) {
            st = core_err_set(err, CORE_ERR_USAGE, "at most 256 coefficients");
            goto done;
        }
        for (size_t j = 0; j < p; j++)
            kk[m++] = j;
        size_t dfc = 0;
        for (size_t j = 0; j < p; j++)
            if (tt == T || assign[j] == tt) {
                kk[m++] = p + j;
                dfc++;
            }
        for (size_t r1 = 0; r1 < m; r1++) {
            us[r1] = r1 < p ? 0 : u[kk[r1]];
            for (size_t c1 = 0; c1 < m; c1++)
                sub[r1 * m + c1] = imat[kk[r1] * m2 + kk[c1]];
        }
        double q = NAN;
        out->df[tt] = (double)dfc;
        if (dfc == 0 || spd_quad(sub, us, m, &q) != 0) {
            out->chisq[tt] = out->p_value[tt] = NAN;
            out->undefined = "not estimable: singular information matrix of the extended model";
            continue;
        }
        out->chisq[tt] = q;
        out->p_value[tt] = gsl_cdf_chisq_Q(q, (double)dfc);
    }
done:
    st_km_free(&km);
    free(Xc), free(w), free(g), free(imat), free(u), free(S1), free(D1), free(a), free(S2), free(D2), free(sub);
    free(us), free(idx);
    if (st != CORE_OK)
        st_cox_zph_free(out);
    return st;
}

/* ---- restricted mean survival time ---- */

core_status st_km_rmst(const st_km *km, double tau, double conf, st_estimate *out, core_err *err)
{
    *out = (st_estimate){.estimate = NAN, .se = NAN, .ci_low = NAN, .ci_high = NAN, .statistic = NAN,
                         .p_value = NAN, .df = NAN};
    if (!(conf > 0 && conf < 1))
        return core_err_set(err, CORE_ERR_USAGE, "confidence level %g is not between 0 and 1", conf);
    if (km->k == 0)
        return core_err_set(err, CORE_ERR_USAGE, "empty Kaplan-Meier estimate");
    if (!isfinite(tau) || !(tau > 0))
        return core_err_set(err, CORE_ERR_USAGE, "the horizon tau = %g is not a finite number > 0", tau);
    if (tau > km->time[km->k - 1])
        return core_err_set(err, CORE_ERR_USAGE, "the horizon tau = %.15g is beyond the last follow-up time %.15g",
                            tau, km->time[km->k - 1]);
    /* steps at the times <= tau: area = sum S(t_{j-1}) (t_j - t_{j-1}) with t_0 = 0, S(t_0) = 1, closed at tau */
    size_t m = 0;
    while (m < km->k && km->time[m] <= tau)
        m++;
    double *area = malloc((m + 1) * sizeof *area);
    if (!area)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    double prev_t = 0, prev_s = 1, total = 0;
    for (size_t j = 0; j < m; j++) {
        area[j] = prev_s * (km->time[j] - prev_t);
        total += area[j];
        prev_t = km->time[j];
        prev_s = km->surv[j];
    }
    area[m] = prev_s * (tau - prev_t);
    total += area[m];
    /* variance (survRM2's rmst1; Klein & Moeschberger 2003, 4.5): sum over times t_j <= tau with events of
     * A_j^2 d_j / (n_j (n_j - d_j)), A_j the area under the curve from t_j to tau (0 when n_j = d_j) */
    double var = 0, tail = area[m];
    for (size_t j = m; j-- > 0;) {
        long nr = km->n_risk[j], d = km->n_event[j];
        if (d > 0 && nr > d)
            var += tail * tail * (double)d / ((double)nr * (double)(nr - d));
        tail += area[j];
    }
    free(area);
    out->estimate = total;
    out->se = sqrt(var);
    double z = zval(conf);
    out->ci_low = total - z * out->se;
    out->ci_high = total + z * out->se;
    return CORE_OK;
}
