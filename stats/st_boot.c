/* Bootstrap helpers: within-stratum resampling, percentile and BCa intervals (R's boot conventions) and
 * the BCa acceleration. See st_boot.h. */
#include "stats/st_boot.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

core_status st_boot_strata_new(const int *stratum, size_t n, size_t n_strata, st_boot_strata *s, core_err *err)
{
    memset(s, 0, sizeof *s);
    if (n == 0 || n_strata == 0)
        return core_err_set(err, CORE_ERR_ANALYSIS, "bootstrap: no observations");
    s->members = malloc(n * sizeof *s->members);
    s->first = calloc(n_strata + 1, sizeof *s->first);
    if (!s->members || !s->first) {
        st_boot_strata_free(s);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        if (stratum[i] < 0 || (size_t)stratum[i] >= n_strata) {
            st_boot_strata_free(s);
            return core_err_set(err, CORE_ERR_ANALYSIS, "bootstrap: stratum code %d of observation %zu is not in "
                                "0..%zu", stratum[i], i, n_strata - 1);
        }
        s->first[stratum[i] + 1]++;
    }
    for (size_t g = 0; g < n_strata; g++) {
        if (s->first[g + 1] == 0) {
            st_boot_strata_free(s);
            return core_err_set(err, CORE_ERR_ANALYSIS, "bootstrap: stratum %zu has no observations", g);
        }
        s->first[g + 1] += s->first[g];
    }
    size_t *fill = calloc(n_strata, sizeof *fill);
    if (!fill) {
        st_boot_strata_free(s);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        size_t g = (size_t)stratum[i];
        s->members[s->first[g] + fill[g]++] = i;
    }
    free(fill);
    s->n = n;
    s->n_strata = n_strata;
    return CORE_OK;
}

void st_boot_strata_free(st_boot_strata *s)
{
    free(s->members);
    free(s->first);
    s->members = NULL;
    s->first = NULL;
}

void st_boot_strata_draw(const st_boot_strata *s, gsl_rng *rng, size_t *idx)
{
    size_t k = 0;
    for (size_t g = 0; g < s->n_strata; g++) {
        size_t a = s->first[g], m = s->first[g + 1] - a;
        for (size_t j = 0; j < m; j++)
            idx[k++] = s->members[a + gsl_rng_uniform_int(rng, m)];
    }
}

void st_boot_strata_means(const st_boot_strata *s, const double *y, size_t k_cols, gsl_rng *rng, size_t *idx,
                          double *means)
{
    st_boot_strata_draw(s, rng, idx);
    for (size_t g = 0; g < s->n_strata; g++) {
        double *m = means + g * k_cols;
        for (size_t k = 0; k < k_cols; k++) {
            double sum = 0;
            size_t cnt = 0;
            for (size_t p = s->first[g]; p < s->first[g + 1]; p++) {
                double v = y[idx[p] * k_cols + k];
                if (!isnan(v)) {
                    sum += v;
                    cnt++;
                }
            }
            m[k] = cnt ? sum / (double)cnt : NAN;
        }
    }
}

double st_boot_norm_inter(const double *t, size_t R, double alpha)
{
    double rk = ((double)R + 1) * alpha;
    double k = trunc(rk);
    if (k <= 0)
        return t[0];
    if (k >= (double)R)
        return t[R - 1];
    size_t ki = (size_t)k;
    if (k == rk)
        return t[ki - 1];
    double z = gsl_cdf_ugaussian_Pinv(alpha), z1 = gsl_cdf_ugaussian_Pinv(k / ((double)R + 1)),
           z2 = gsl_cdf_ugaussian_Pinv((k + 1) / ((double)R + 1));
    double tk = t[ki - 1], tk1 = t[ki];
    return tk + (z - z1) / (z2 - z1) * (tk1 - tk);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The finite replicates, sorted, in a new array; *m their number. */
static double *finite_sorted(const double *t, size_t R, size_t *m)
{
    double *s = malloc((R ? R : 1) * sizeof *s);
    if (!s)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < R; i++)
        if (isfinite(t[i]))
            s[k++] = t[i];
    qsort(s, k, sizeof *s, cmp_double);
    *m = k;
    return s;
}

core_status st_boot_percentile(const double *t, size_t R, double conf, double *lo, double *hi, const char **undefined,
                               core_err *err)
{
    *lo = *hi = NAN;
    if (undefined)
        *undefined = NULL;
    size_t m;
    double *s = finite_sorted(t, R, &m);
    if (!s)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    if (m == 0) {
        if (undefined)
            *undefined = "no bootstrap replicate is finite";
    } else {
        *lo = st_boot_norm_inter(s, m, (1 - conf) / 2);
        *hi = st_boot_norm_inter(s, m, (1 + conf) / 2);
    }
    free(s);
    return CORE_OK;
}

double st_boot_acceleration(const double *L, size_t n)
{
    double s2 = 0, s3 = 0;
    for (size_t i = 0; i < n; i++) {
        s2 += L[i] * L[i];
        s3 += L[i] * L[i] * L[i];
    }
    if (!(s2 > 0))
        return NAN;
    return s3 / (6 * pow(s2, 1.5));
}

core_status st_boot_bca(double t0, const double *t, size_t R, double a, double conf, double *lo, double *hi,
                        const char **undefined, core_err *err)
{
    *lo = *hi = NAN;
    if (undefined)
        *undefined = NULL;
    size_t m;
    double *s = finite_sorted(t, R, &m);
    if (!s)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    const char *why = NULL;
    size_t below = 0;
    for (size_t i = 0; i < m; i++)
        below += s[i] < t0;
    if (m == 0)
        why = "no bootstrap replicate is finite";
    else if (below == 0 || below == m)
        why = "every bootstrap replicate is on one side of the estimate: the BCa bias correction is infinite";
    else if (!isfinite(a))
        why = "the jackknife influence values are all zero: the BCa acceleration is undefined";
    if (!why) {
        double w = gsl_cdf_ugaussian_Pinv((double)below / (double)m);
        double alpha[2] = {(1 - conf) / 2, (1 + conf) / 2}, out[2];
        for (int j = 0; j < 2; j++) {
            double z = gsl_cdf_ugaussian_Pinv(alpha[j]);
            double adj = gsl_cdf_ugaussian_P(w + (w + z) / (1 - a * (w + z)));
            out[j] = st_boot_norm_inter(s, m, adj);
        }
        *lo = out[0];
        *hi = out[1];
    }
    if (undefined)
        *undefined = why;
    free(s);
    return CORE_OK;
}
