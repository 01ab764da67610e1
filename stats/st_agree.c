/* Agreement, consistency and small-sample association (see st_agree.h). Formulas follow the R
 * calls named there so that results agree with R; docs/methods.md (fidelity) gives each formula,
 * its reference and the one place where we deliberately differ from R psych (the variance of
 * weighted kappa). */
#include "stats/st_agree.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const st_icc_form_names[ST_ICC_FORMS] = {"icc1", "icc2", "icc3", "icc1k", "icc2k", "icc3k"};

static void est_clear(st_estimate *out)
{
    *out = (st_estimate){.estimate = NAN, .se = NAN, .ci_low = NAN, .ci_high = NAN,
                         .statistic = NAN, .p_value = NAN, .df = NAN, .undefined = NULL};
}

static core_status check_conf(double conf, core_err *err)
{
    if (!(conf > 0.0 && conf < 1.0))
        return core_err_set(err, CORE_ERR_USAGE, "confidence level must be in (0, 1) (got %g)", conf);
    return CORE_OK;
}

static core_status check_finite(const double *x, size_t m, const char *what, core_err *err)
{
    for (size_t i = 0; i < m; i++)
        if (!isfinite(x[i]))
            return core_err_set(err, CORE_ERR_USAGE, "%s: value %zu is not a finite number", what, i + 1);
    return CORE_OK;
}

/* ---------------------------------------------------------------- ICC ---- */

/* Upper quantile of F(d1, d2): the value with probability 1 - q below it. d2 may be fractional. */
static double qf_upper(double q, double d1, double d2) { return gsl_cdf_fdist_Qinv(q, d1, d2); }

core_status st_icc(const double *x, size_t n, size_t k, double conf, st_icc_result *out, core_err *err)
{
    memset(out, 0, sizeof *out);
    for (int f = 0; f < ST_ICC_FORMS; f++) {
        est_clear(&out->form[f]);
        out->df2[f] = NAN;
    }
    out->msb = out->msw = out->msj = out->mse = NAN;
    core_status st;
    if ((st = check_conf(conf, err)) != CORE_OK)
        return st;
    if (n < 2 || k < 2)
        return core_err_set(err, CORE_ERR_USAGE, "ICC needs at least 2 targets and 2 raters (got %zu and %zu)", n, k);
    if ((st = check_finite(x, n * k, "ratings", err)) != CORE_OK)
        return st;
    out->n = n;
    out->k = k;
    double *rm = calloc(n, sizeof *rm), *cm = calloc(k, sizeof *cm);
    if (!rm || !cm) {
        free(rm), free(cm);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    /* Two-way ANOVA without replication (targets x raters); sums of squares about the means. */
    double grand = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < k; j++) {
            rm[i] += x[i * k + j];
            cm[j] += x[i * k + j];
            grand += x[i * k + j];
        }
    double N = (double)n, K = (double)k;
    grand /= N * K;
    for (size_t i = 0; i < n; i++)
        rm[i] /= K;
    for (size_t j = 0; j < k; j++)
        cm[j] /= N;
    double ssb = 0, ssj = 0, sse = 0;
    for (size_t i = 0; i < n; i++)
        ssb += K * (rm[i] - grand) * (rm[i] - grand);
    for (size_t j = 0; j < k; j++)
        ssj += N * (cm[j] - grand) * (cm[j] - grand);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < k; j++) {
            double r = x[i * k + j] - rm[i] - cm[j] + grand;
            sse += r * r;
        }
    free(rm), free(cm);
    double dfb = N - 1, dfj = K - 1, dfe = (N - 1) * (K - 1), dfw = N * (K - 1);
    double MSB = ssb / dfb, MSJ = ssj / dfj, MSE = sse / dfe, MSW = (ssj + sse) / dfw;
    out->msb = MSB, out->msj = MSJ, out->mse = MSE, out->msw = MSW;

    double icc[ST_ICC_FORMS];
    icc[ST_ICC1] = (MSB - MSW) / (MSB + (K - 1) * MSW);
    icc[ST_ICC2] = (MSB - MSE) / (MSB + (K - 1) * MSE + K * (MSJ - MSE) / N);
    icc[ST_ICC3] = (MSB - MSE) / (MSB + (K - 1) * MSE);
    icc[ST_ICC1K] = (MSB - MSW) / MSB;
    icc[ST_ICC2K] = (MSB - MSE) / (MSB + (MSJ - MSE) / N);
    icc[ST_ICC3K] = (MSB - MSE) / MSB;
    for (int f = 0; f < ST_ICC_FORMS; f++) {
        out->form[f].estimate = isfinite(icc[f]) ? icc[f] : NAN;
        int oneway = f == ST_ICC1 || f == ST_ICC1K;
        out->form[f].df = dfb;
        out->df2[f] = oneway ? dfw : dfe;
        if (!isfinite(icc[f]))
            out->form[f].undefined = "no variation between or within targets: the ICC is undefined";
    }
    if (!(MSW > 0) || !(MSE > 0)) {
        for (int f = 0; f < ST_ICC_FORMS; f++)
            if (!out->form[f].undefined)
                out->form[f].undefined = "no residual variation (the raters agree exactly): F test and interval "
                                         "undefined";
        return CORE_OK;
    }
    double a = 1 - conf;
    double F1 = MSB / MSW, F2 = MSB / MSE;
    double p1 = gsl_cdf_fdist_Q(F1, dfb, dfw), p2 = gsl_cdf_fdist_Q(F2, dfb, dfe);
    for (int f = 0; f < ST_ICC_FORMS; f++) {
        int oneway = f == ST_ICC1 || f == ST_ICC1K;
        out->form[f].statistic = oneway ? F1 : F2;
        out->form[f].p_value = oneway ? p1 : p2;
    }
    /* Shrout & Fleiss (1979) intervals, as psych::ICC codes them. */
    double F1L = F1 / qf_upper(a / 2, dfb, dfw), F1U = F1 * qf_upper(a / 2, dfw, dfb);
    double F3L = F2 / qf_upper(a / 2, dfb, dfe), F3U = F2 * qf_upper(a / 2, dfe, dfb);
    out->form[ST_ICC1].ci_low = (F1L - 1) / (F1L + K - 1);
    out->form[ST_ICC1].ci_high = (F1U - 1) / (F1U + K - 1);
    out->form[ST_ICC3].ci_low = (F3L - 1) / (F3L + K - 1);
    out->form[ST_ICC3].ci_high = (F3U - 1) / (F3U + K - 1);
    out->form[ST_ICC1K].ci_low = 1 - 1 / F1L;
    out->form[ST_ICC1K].ci_high = 1 - 1 / F1U;
    out->form[ST_ICC3K].ci_low = 1 - 1 / F3L;
    out->form[ST_ICC3K].ci_high = 1 - 1 / F3U;
    /* ICC(2,1): Satterthwaite df v of the denominator (Shrout & Fleiss 1979, eq. for case 2). */
    double r2 = icc[ST_ICC2], Fj = MSJ / MSE;
    double vn = (K - 1) * (N - 1) * pow(K * r2 * Fj + N * (1 + (K - 1) * r2) - K * r2, 2);
    double vd = (N - 1) * K * K * r2 * r2 * Fj * Fj + pow(N * (1 + (K - 1) * r2) - K * r2, 2);
    double v = vn / vd;
    /* GSL's F quantiles take degrees of freedom >= 1 (R's qf also takes 0 < v < 1: there the interval is
     * reported undefined with the reason; found by fuzz_fidelity, issue 10) */
    if (isfinite(v) && v >= 1) {
        double FU = qf_upper(a / 2, N - 1, v), FL = qf_upper(a / 2, v, N - 1);
        double L = N * (MSB - FU * MSE) / (FU * (K * MSJ + (K * N - K - N) * MSE) + N * MSB);
        double U = N * (FL * MSB - MSE) / (K * MSJ + (K * N - K - N) * MSE + N * FL * MSB);
        out->form[ST_ICC2].ci_low = L;
        out->form[ST_ICC2].ci_high = U;
        out->form[ST_ICC2K].ci_low = L * K / (1 + L * (K - 1));
        out->form[ST_ICC2K].ci_high = U * K / (1 + U * (K - 1));
    } else {
        out->form[ST_ICC2].undefined = out->form[ST_ICC2K].undefined =
            isfinite(v) && v > 0 ? "the Satterthwaite degrees of freedom of the interval are below 1: interval undefined"
                                 : "the Satterthwaite degrees of freedom of the interval are not positive: interval undefined";
    }
    for (int f = 0; f < ST_ICC_FORMS; f++) {
        st_estimate *e = &out->form[f];
        if (!isfinite(e->ci_low) || !isfinite(e->ci_high)) {
            e->ci_low = e->ci_high = NAN;
            if (!e->undefined)
                e->undefined = "the interval is not finite for these mean squares";
        }
    }
    return CORE_OK;
}

/* -------------------------------------------------------------- kappa ---- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Index of v in sorted cats (binary search), or -1. */
static long cat_index(const double *cats, size_t k, double v)
{
    size_t lo = 0, hi = k;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cats[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < k && cats[lo] == v ? (long)lo : -1;
}

core_status st_kappa_cohen(const double *a, const double *b, size_t n, const double *cats_in, size_t n_cats,
                           st_kappa_weights wt, st_kappa_variance vt, double conf, st_estimate *out, size_t *k_used,
                           core_err *err)
{
    est_clear(out);
    if (k_used)
        *k_used = 0;
    core_status st;
    if ((st = check_conf(conf, err)) != CORE_OK)
        return st;
    if (n < 2)
        return core_err_set(err, CORE_ERR_USAGE, "kappa needs at least 2 rated targets (got %zu)", n);
    if ((st = check_finite(a, n, "rater 1", err)) != CORE_OK || (st = check_finite(b, n, "rater 2", err)) != CORE_OK)
        return st;
    /* Categories: as given (in the given order), or the sorted union of observed values. */
    size_t k;
    double *cats;
    long *order = NULL; /* for given categories: position of each sorted category in the given order */
    double *sorted;
    if (cats_in) {
        if (n_cats < 2)
            return core_err_set(err, CORE_ERR_USAGE, "kappa needs at least 2 categories (got %zu)", n_cats);
        k = n_cats;
        cats = malloc(k * sizeof *cats);
        sorted = malloc(k * sizeof *sorted);
        order = malloc(k * sizeof *order);
        if (!cats || !sorted || !order) {
            free(cats), free(sorted), free(order);
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
        memcpy(sorted, cats_in, k * sizeof *sorted);
        qsort(sorted, k, sizeof *sorted, cmp_double);
        for (size_t i = 1; i < k; i++)
            if (sorted[i] == sorted[i - 1]) {
                double dup = sorted[i];
                free(cats), free(sorted), free(order);
                return core_err_set(err, CORE_ERR_USAGE, "kappa categories are not distinct (%g twice)", dup);
            }
        for (size_t i = 0; i < k; i++)
            order[cat_index(sorted, k, cats_in[i])] = (long)i;
        memcpy(cats, cats_in, k * sizeof *cats);
    } else {
        sorted = malloc(2 * n * sizeof *sorted);
        if (!sorted)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        memcpy(sorted, a, n * sizeof *sorted);
        memcpy(sorted + n, b, n * sizeof *sorted);
        qsort(sorted, 2 * n, sizeof *sorted, cmp_double);
        k = 0;
        for (size_t i = 0; i < 2 * n; i++)
            if (i == 0 || sorted[i] != sorted[i - 1])
                sorted[k++] = sorted[i];
        cats = sorted;
    }
    if (k_used)
        *k_used = k;
    double *p = calloc(k * k, sizeof *p), *w = malloc(k * k * sizeof *w), *r = calloc(k, sizeof *r),
           *c = calloc(k, sizeof *c), *wr = calloc(k, sizeof *wr), *wc = calloc(k, sizeof *wc);
    if (!p || !w || !r || !c || !wr || !wc) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t t = 0; t < n; t++) {
        long i = cat_index(sorted, k, a[t]), j = cat_index(sorted, k, b[t]);
        if (i < 0 || j < 0) {
            st = core_err_set(err, CORE_ERR_USAGE, "target %zu: rating %g is not one of the %zu categories", t + 1,
                              i < 0 ? a[t] : b[t], k);
            goto done;
        }
        if (order) {
            i = order[i];
            j = order[j];
        }
        p[(size_t)i * k + (size_t)j] += 1.0 / (double)n;
    }
    double K1 = (double)(k - 1);
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) {
            double d = fabs((double)i - (double)j);
            w[i * k + j] = wt == ST_KAPPA_UNWEIGHTED ? (i == j) : wt == ST_KAPPA_LINEAR ? 1 - d / K1 : 1 - d * d / (K1 * K1);
            r[i] += p[i * k + j];
            c[j] += p[i * k + j];
        }
    double po = 0, pe = 0;
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) {
            po += w[i * k + j] * p[i * k + j];
            pe += w[i * k + j] * r[i] * c[j];
        }
    if (!(1 - pe > 1e-15)) {
        out->undefined = "chance agreement is 1 (both raters used one category): kappa is undefined";
        goto done;
    }
    out->estimate = (po - pe) / (1 - pe);
    /* Marginal weight terms. FCE: wr_i = sum_j p.j w_ij, wc_j = sum_i p_i. w_ij. psych 2.2.9 codes
     * colw_i = sum_m w_mi p.m and roww_j = p_j. sum_m w_jm, and uses colw_i + roww_j (docs). */
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) {
            if (vt == ST_KAPPA_VAR_PSYCH) {
                wr[i] += w[j * k + i] * c[j];
                wc[i] += r[i] * w[i * k + j];
            } else {
                wr[i] += c[j] * w[i * k + j];
                wc[j] += r[i] * w[i * k + j];
            }
        }
    double s = 0;
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++) {
            double d = w[i * k + j] * (1 - pe) - (wr[i] + wc[j]) * (1 - po);
            s += p[i * k + j] * d * d;
        }
    double q = po * pe - 2 * pe + po;
    /* s - q^2 is a difference of O(1) terms: a result within rounding of 0 is a zero variance (raters in
     * a degenerate table, e.g. no agreement at all), not a tiny positive one. */
    double num = s - q * q, var = num / ((double)n * pow(1 - pe, 4));
    if (!(num > 64 * DBL_EPSILON * fmax(s, q * q)) || !isfinite(var)) {
        out->undefined = "the large-sample variance is not positive (e.g. the raters never agree): no SE or interval";
        goto done;
    }
    out->se = sqrt(var);
    double z = gsl_cdf_ugaussian_Qinv((1 - conf) / 2);
    out->ci_low = fmax(-1.0, out->estimate - z * out->se);
    out->ci_high = fmin(1.0, out->estimate + z * out->se);
done:
    if (cats != sorted)
        free(cats);
    free(sorted), free(order), free(p), free(w), free(r), free(c), free(wr), free(wc);
    return st;
}

core_status st_kappa_fleiss(const double *x, size_t n, size_t k, st_estimate *out, core_err *err)
{
    est_clear(out);
    core_status st;
    if (n < 2 || k < 2)
        return core_err_set(err, CORE_ERR_USAGE, "Fleiss' kappa needs at least 2 targets and 2 raters (got %zu and %zu)",
                            n, k);
    if ((st = check_finite(x, n * k, "ratings", err)) != CORE_OK)
        return st;
    double *cats = malloc(n * k * sizeof *cats), *tot = NULL;
    if (!cats)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    memcpy(cats, x, n * k * sizeof *cats);
    qsort(cats, n * k, sizeof *cats, cmp_double);
    size_t m = 0;
    for (size_t i = 0; i < n * k; i++)
        if (i == 0 || cats[i] != cats[i - 1])
            cats[m++] = cats[i];
    if (m < 2) {
        out->undefined = "every rating is in one category: Fleiss' kappa is undefined";
        free(cats);
        return CORE_OK;
    }
    tot = calloc(m, sizeof *tot);
    double *cnt = calloc(m, sizeof *cnt);
    if (!tot || !cnt) {
        free(cats), free(tot), free(cnt);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    double K = (double)k, N = (double)n, agree = 0;
    for (size_t i = 0; i < n; i++) {
        memset(cnt, 0, m * sizeof *cnt);
        for (size_t j = 0; j < k; j++)
            cnt[cat_index(cats, m, x[i * k + j])] += 1;
        double sq = 0;
        for (size_t c = 0; c < m; c++) {
            sq += cnt[c] * cnt[c];
            tot[c] += cnt[c];
        }
        agree += (sq - K) / (K * (K - 1)) / N;
    }
    double chance = 0, spq = 0, spqqp = 0;
    for (size_t c = 0; c < m; c++) {
        double pj = tot[c] / (N * K), qj = 1 - pj;
        chance += pj * pj;
        spq += pj * qj;
        spqqp += pj * qj * (qj - pj);
    }
    out->estimate = (agree - chance) / (1 - chance);
    double var = 2.0 / (spq * spq * N * K * (K - 1)) * (spq * spq - spqqp);
    if (var > 0 && isfinite(var)) {
        out->se = sqrt(var);
        out->statistic = out->estimate / out->se;
        out->p_value = 2 * gsl_cdf_ugaussian_Q(fabs(out->statistic));
    } else {
        out->undefined = "the variance under the null is not positive: no test";
    }
    free(cats), free(tot), free(cnt);
    return CORE_OK;
}

/* ------------------------------------------------------------- alpha ---- */

/* Sample variance (n - 1) of column j, or of the sum of all columns except `skip` (j < 0). */
static double col_var(const double *x, size_t n, size_t k, long j, long skip)
{
    double m = 0, s = 0;
    for (size_t i = 0; i < n; i++) {
        double v = 0;
        if (j >= 0)
            v = x[i * k + (size_t)j];
        else
            for (size_t c = 0; c < k; c++)
                if ((long)c != skip)
                    v += x[i * k + c];
        double d = v - m;
        m += d / (double)(i + 1);
        s += d * (v - m);
    }
    return s / (double)(n - 1);
}

static double alpha_of(const double *x, size_t n, size_t k, long skip)
{
    double items = 0;
    size_t kk = 0;
    for (size_t c = 0; c < k; c++)
        if ((long)c != skip) {
            items += col_var(x, n, k, (long)c, -1);
            kk++;
        }
    double tv = col_var(x, n, k, -1, skip);
    if (!(tv > 0) || kk < 2)
        return NAN;
    return (double)kk / (double)(kk - 1) * (1 - items / tv);
}

core_status st_cronbach_alpha(const double *x, size_t n, size_t k, double conf, st_estimate *out, double *alpha_drop,
                              core_err *err)
{
    est_clear(out);
    if (alpha_drop)
        for (size_t j = 0; j < k; j++)
            alpha_drop[j] = NAN;
    core_status st;
    if ((st = check_conf(conf, err)) != CORE_OK)
        return st;
    if (n < 2 || k < 2)
        return core_err_set(err, CORE_ERR_USAGE, "Cronbach's alpha needs at least 2 respondents and 2 items (got %zu "
                            "and %zu)", n, k);
    if ((st = check_finite(x, n * k, "item scores", err)) != CORE_OK)
        return st;
    double a = alpha_of(x, n, k, -1);
    if (alpha_drop && k >= 3)
        for (size_t j = 0; j < k; j++)
            alpha_drop[j] = alpha_of(x, n, k, (long)j);
    if (isnan(a)) {
        out->undefined = "the total score does not vary: alpha is undefined";
        return CORE_OK;
    }
    out->estimate = a;
    double d1 = (double)n - 1, d2 = ((double)n - 1) * ((double)k - 1), q = (1 - conf) / 2;
    out->ci_low = 1 - (1 - a) * gsl_cdf_fdist_Pinv(1 - q, d1, d2);
    out->ci_high = 1 - (1 - a) * gsl_cdf_fdist_Pinv(q, d1, d2);
    return CORE_OK;
}

/* ---------------------------------------------------------- Spearman ---- */

/* Twice the average ranks (so ties give whole numbers). */
static core_status ranks2(const double *v, size_t n, long *r2)
{
    size_t *idx = malloc(n * sizeof *idx);
    if (!idx)
        return CORE_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    /* insertion sort: n is small where this matters, and it keeps the code obvious */
    for (size_t i = 1; i < n; i++) {
        size_t t = idx[i], j = i;
        while (j > 0 && v[idx[j - 1]] > v[t]) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = t;
    }
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && v[idx[j + 1]] == v[idx[i]])
            j++;
        long avg2 = (long)(i + 1 + j + 1); /* 2 x mean of ranks i+1 .. j+1 */
        for (size_t m = i; m <= j; m++)
            r2[idx[m]] = avg2;
        i = j + 1;
    }
    free(idx);
    return CORE_OK;
}

/* Heap's algorithm over ry[0..n-1]: counts permutations with sum (rx - ry)^2 <= s and >= s. */
static void count_perm(const long *rx, const long *ry, size_t n, long s, double *le, double *ge, double *total)
{
    long S = 0;
    for (size_t i = 0; i < n; i++)
        S += (rx[i] - ry[i]) * (rx[i] - ry[i]);
    *le += S <= s;
    *ge += S >= s;
    *total += 1;
}

static void enumerate(const long *rx, long *ry, size_t n, long s, double *le, double *ge, double *total)
{
    size_t c[ST_SPEARMAN_EXACT_MAX] = {0};
    count_perm(rx, ry, n, s, le, ge, total);
    for (size_t i = 1; i < n;) {
        if (c[i] < i) {
            size_t j = i % 2 ? c[i] : 0;
            long t = ry[j];
            ry[j] = ry[i];
            ry[i] = t;
            count_perm(rx, ry, n, s, le, ge, total);
            c[i]++;
            i = 1;
        } else {
            c[i] = 0;
            i++;
        }
    }
}

core_status st_spearman(const double *x, const double *y, size_t n, st_estimate *out, int *exact, core_err *err)
{
    est_clear(out);
    if (exact)
        *exact = 0;
    core_status st;
    if (n < 3)
        return core_err_set(err, CORE_ERR_USAGE, "Spearman's correlation needs at least 3 pairs (got %zu)", n);
    if ((st = check_finite(x, n, "x", err)) != CORE_OK || (st = check_finite(y, n, "y", err)) != CORE_OK)
        return st;
    long *rx = malloc(n * sizeof *rx), *ry = malloc(n * sizeof *ry);
    if (!rx || !ry || ranks2(x, n, rx) != CORE_OK || ranks2(y, n, ry) != CORE_OK) {
        free(rx), free(ry);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    /* rho = Pearson correlation of the ranks. */
    double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
    for (size_t i = 0; i < n; i++) {
        mx += (double)rx[i] / (double)n;
        my += (double)ry[i] / (double)n;
    }
    long S4 = 0; /* sum of (2 rx - 2 ry)^2 = 4 S */
    for (size_t i = 0; i < n; i++) {
        double dx = (double)rx[i] - mx, dy = (double)ry[i] - my;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
        S4 += (rx[i] - ry[i]) * (rx[i] - ry[i]);
    }
    out->statistic = (double)S4 / 4.0;
    out->df = NAN;
    if (!(sxx > 0) || !(syy > 0)) {
        out->undefined = "one of the two variables is constant: the rank correlation is undefined";
        free(rx), free(ry);
        return CORE_OK;
    }
    double rho = sxy / sqrt(sxx * syy);
    out->estimate = rho;
    if (n <= ST_SPEARMAN_EXACT_MAX) {
        double le = 0, ge = 0, total = 0;
        enumerate(rx, ry, n, S4, &le, &ge, &total);
        /* R: the tail on the side of the observed S (upper when rho < 0), doubled, at most 1. */
        double one = rho < 0 ? ge / total : le / total;
        out->p_value = fmin(1.0, 2 * one);
        if (exact)
            *exact = 1;
    } else if (fabs(rho) < 1) {
        double t = rho * sqrt(((double)n - 2) / (1 - rho * rho));
        out->p_value = 2 * gsl_cdf_tdist_Q(fabs(t), (double)n - 2);
        out->df = (double)n - 2;
    } else {
        out->p_value = 0;
    }
    free(rx), free(ry);
    return CORE_OK;
}

/* ----------------------------------------------------------- the line ---- */

core_status st_line_wls(const double *x, const double *y, const double *w, size_t n, double conf, st_line_result *out,
                        core_err *err)
{
    memset(out, 0, sizeof *out);
    est_clear(&out->intercept);
    est_clear(&out->slope);
    out->sigma = NAN;
    core_status st;
    if ((st = check_conf(conf, err)) != CORE_OK)
        return st;
    if (n < 3)
        return core_err_set(err, CORE_ERR_USAGE, "a fitted line with a standard error needs at least 3 points (got %zu)",
                            n);
    if ((st = check_finite(x, n, "x", err)) != CORE_OK || (st = check_finite(y, n, "y", err)) != CORE_OK)
        return st;
    double *ww = malloc(n * sizeof *ww);
    if (!ww)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        ww[i] = w ? w[i] : 1.0;
        if (!(ww[i] > 0) || !isfinite(ww[i])) {
            free(ww);
            return core_err_set(err, CORE_ERR_USAGE, "weight %zu is not a positive finite number", i + 1);
        }
    }
    int same = 1;
    for (size_t i = 1; i < n; i++)
        same &= x[i] == x[0];
    if (same) {
        free(ww);
        return core_err_set(err, CORE_ERR_ANALYSIS, "every point has the same x: no line can be fitted");
    }
    double c0, c1, cov00, cov01, cov11, chisq;
    int gs = gsl_fit_wlinear(x, 1, ww, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &chisq);
    free(ww);
    if (gs)
        return core_err_set(err, core_status_from_gsl(gs), "weighted line fit failed (GSL status %d)", gs);
    out->n = n;
    double df = (double)n - 2, s2 = chisq / df; /* gsl's cov assumes known variances: scale as lm does */
    out->sigma = sqrt(s2);
    double tq = gsl_cdf_tdist_Qinv((1 - conf) / 2, df);
    st_estimate *e[2] = {&out->intercept, &out->slope};
    double b[2] = {c0, c1}, v[2] = {cov00 * s2, cov11 * s2};
    for (int i = 0; i < 2; i++) {
        e[i]->estimate = b[i];
        e[i]->df = df;
        e[i]->se = sqrt(v[i]);
        if (!(e[i]->se > 0)) {
            e[i]->undefined = "the points lie exactly on the line: no standard error or test";
            continue;
        }
        e[i]->ci_low = b[i] - tq * e[i]->se;
        e[i]->ci_high = b[i] + tq * e[i]->se;
        e[i]->statistic = b[i] / e[i]->se;
        e[i]->p_value = 2 * gsl_cdf_tdist_Q(fabs(e[i]->statistic), df);
    }
    return CORE_OK;
}

core_status st_paired_t(const double *a, const double *b, size_t n, double conf, st_estimate *out, core_err *err)
{
    est_clear(out);
    core_status st;
    if ((st = check_conf(conf, err)) != CORE_OK)
        return st;
    if (n < 2)
        return core_err_set(err, CORE_ERR_USAGE, "a paired t test needs at least 2 pairs (got %zu)", n);
    if ((st = check_finite(a, n, "first", err)) != CORE_OK || (st = check_finite(b, n, "second", err)) != CORE_OK)
        return st;
    double m = 0, s = 0;
    for (size_t i = 0; i < n; i++) {
        double d = b[i] - a[i], dm = d - m;
        m += dm / (double)(i + 1);
        s += dm * (d - m);
    }
    double df = (double)n - 1, sd = sqrt(s / df);
    out->estimate = m;
    out->df = df;
    out->se = sd / sqrt((double)n);
    if (!(out->se > 0)) {
        out->undefined = "every pair changed by the same amount: no standard error or test";
        return CORE_OK;
    }
    double tq = gsl_cdf_tdist_Qinv((1 - conf) / 2, df);
    out->ci_low = m - tq * out->se;
    out->ci_high = m + tq * out->se;
    out->statistic = m / out->se;
    out->p_value = 2 * gsl_cdf_tdist_Q(fabs(out->statistic), df);
    return CORE_OK;
}
