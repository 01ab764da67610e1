/* Stratified nonparametric bootstrap of units (st_boot.h). Efron & Tibshirani (1993); Davison & Hinkley (1997)
 * §3.2. */
#include "st_boot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

core_status st_boot_strata_init(st_boot_strata *b, const int *stratum, size_t n, size_t n_strata, core_err *err)
{
    memset(b, 0, sizeof *b);
    if (n_strata == 0)
        return core_err_set(err, CORE_ERR_USAGE, "bootstrap: no stratum");
    for (size_t i = 0; i < n; i++)
        if (stratum[i] < 0 || (size_t)stratum[i] >= n_strata)
            return core_err_set(err, CORE_ERR_USAGE, "bootstrap: unit %zu has stratum %d, outside 0..%zu", i + 1,
                                stratum[i], n_strata - 1);
    b->start = calloc(n_strata + 1, sizeof *b->start);
    b->unit = malloc((n ? n : 1) * sizeof *b->unit);
    if (!b->start || !b->unit) {
        st_boot_strata_free(b);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    b->n_strata = n_strata;
    for (size_t i = 0; i < n; i++)
        b->start[stratum[i] + 1]++;
    for (size_t s = 0; s < n_strata; s++) {
        if (b->start[s + 1] == 0) {
            st_boot_strata_free(b);
            return core_err_set(err, CORE_ERR_ANALYSIS, "bootstrap: stratum %zu has no unit to resample", s);
        }
        b->start[s + 1] += b->start[s];
    }
    size_t *fill = calloc(n_strata, sizeof *fill);
    if (!fill) {
        st_boot_strata_free(b);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        size_t s = (size_t)stratum[i];
        b->unit[b->start[s] + fill[s]++] = i;
    }
    free(fill);
    return CORE_OK;
}

void st_boot_strata_free(st_boot_strata *b)
{
    if (!b)
        return;
    free(b->start);
    free(b->unit);
    b->start = NULL;
    b->unit = NULL;
    b->n_strata = 0;
}

void st_boot_strata_means(const st_boot_strata *b, const double *y, size_t k_cols, gsl_rng *rng, double *means)
{
    for (size_t s = 0; s < b->n_strata; s++) {
        double *sum = means + s * k_cols;
        size_t ns = b->start[s + 1] - b->start[s];
        size_t cnt[64], *count = k_cols <= 64 ? cnt : calloc(k_cols, sizeof *count);
        if (!count) { /* out of memory: every mean undefined rather than a wrong one */
            for (size_t k = 0; k < k_cols; k++)
                sum[k] = NAN;
            continue;
        }
        for (size_t k = 0; k < k_cols; k++) {
            sum[k] = 0;
            count[k] = 0;
        }
        for (size_t j = 0; j < ns; j++) {
            size_t i = b->unit[b->start[s] + gsl_rng_uniform_int(rng, ns)];
            const double *yi = y + i * k_cols;
            for (size_t k = 0; k < k_cols; k++)
                if (!isnan(yi[k])) {
                    sum[k] += yi[k];
                    count[k]++;
                }
        }
        for (size_t k = 0; k < k_cols; k++)
            sum[k] = count[k] > 0 ? sum[k] / (double)count[k] : NAN;
        if (count != cnt)
            free(count);
    }
}
