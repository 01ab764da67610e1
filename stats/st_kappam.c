/* Fleiss' and Conger's kappa with jackknife intervals, category kappas, and the cluster bootstrap (st_kappam.h). */
#include "stats/st_kappam.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

static st_estimate nan_estimate(void)
{
    return (st_estimate){NAN, NAN, NAN, NAN, NAN, NAN, NAN, NULL};
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Category index of each value (cats ascending). */
static size_t cat_of(const double *cats, size_t nc, double v)
{
    size_t lo = 0, hi = nc;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (cats[mid] <= v)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Fleiss' and Conger's kappa over the targets with skip != i (skip = n: none). code is n x k category indices;
 * counts (n_cats) and rshare (k x n_cats) are scratch. */
static void kappas(const size_t *code, size_t n, size_t k, size_t nc, size_t skip, double *counts, double *rshare,
                   double *fleiss, double *conger)
{
    size_t m = 0;
    double po = 0;
    memset(counts, 0, nc * sizeof *counts);
    memset(rshare, 0, k * nc * sizeof *rshare);
    double *row = counts + nc; /* nc more scratch after counts */
    for (size_t i = 0; i < n; i++) {
        if (i == skip)
            continue;
        m++;
        memset(row, 0, nc * sizeof *row);
        for (size_t r = 0; r < k; r++) {
            size_t c = code[i * k + r];
            row[c] += 1;
            rshare[r * nc + c] += 1;
        }
        double s2 = 0;
        for (size_t c = 0; c < nc; c++) {
            s2 += row[c] * row[c];
            counts[c] += row[c];
        }
        po += (s2 - (double)k) / ((double)k * (double)(k - 1));
    }
    po /= (double)m;
    double pe = 0, var_sum = 0;
    for (size_t c = 0; c < nc; c++) {
        double p = counts[c] / ((double)m * (double)k);
        pe += p * p;
        double v = 0;
        for (size_t r = 0; r < k; r++) {
            double d = rshare[r * nc + c] / (double)m - p;
            v += d * d;
        }
        var_sum += v / (double)k; /* variance over raters, divisor k */
    }
    double pe_c = pe - var_sum / (double)(k - 1);
    *fleiss = (po - pe) / (1 - pe);
    *conger = (po - pe_c) / (1 - pe_c);
}

core_status st_kappam_fit(const double *x, size_t n, size_t k, double conf, st_kappam *out, core_err *err)
{
    memset(out, 0, sizeof *out);
    out->fleiss = out->conger = nan_estimate();
    if (n < 3 || k < 2 || !(conf > 0 && conf < 1))
        return core_err_set(err, CORE_ERR_USAGE, "kappa for m raters needs at least 3 targets and 2 raters, and a "
                            "confidence level in (0, 1); got %zu targets, %zu raters", n, k);
    for (size_t i = 0; i < n * k; i++)
        if (!isfinite(x[i]))
            return core_err_set(err, CORE_ERR_USAGE, "kappa for m raters: rating %zu is not a finite number", i + 1);
    double *cats = malloc(n * k * sizeof *cats);
    size_t *code = malloc(n * k * sizeof *code);
    if (!cats || !code) {
        free(cats);
        free(code);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    memcpy(cats, x, n * k * sizeof *cats);
    qsort(cats, n * k, sizeof *cats, cmp_double);
    size_t nc = 0;
    for (size_t i = 0; i < n * k; i++)
        if (nc == 0 || cats[i] != cats[nc - 1])
            cats[nc++] = cats[i];
    for (size_t i = 0; i < n * k; i++)
        code[i] = cat_of(cats, nc, x[i]);
    out->n = n;
    out->k = k;
    out->n_cats = nc;
    double *scratch = malloc((2 * nc + k * nc) * sizeof *scratch), *jf = malloc(n * sizeof *jf),
           *jc = malloc(n * sizeof *jc);
    out->cat_value = malloc(nc * sizeof *out->cat_value);
    out->category = malloc(nc * sizeof *out->category);
    core_status st = CORE_OK;
    if (!scratch || !jf || !jc || !out->cat_value || !out->category) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    memcpy(out->cat_value, cats, nc * sizeof *cats);
    double kf, kc;
    if (nc < 2) {
        out->fleiss.undefined = out->conger.undefined = "every rating is in one category: kappa is undefined";
        for (size_t c = 0; c < nc; c++) {
            out->category[c] = nan_estimate();
            out->category[c].undefined = "one category only";
        }
        goto done;
    }
    double *rshare = scratch + 2 * nc;
    kappas(code, n, k, nc, n, scratch, rshare, &kf, &kc);
    out->fleiss.estimate = kf;
    out->conger.estimate = kc;
    /* category kappas (from the full data's counts) */
    {
        double *nj = calloc(nc, sizeof *nj), *nj2 = calloc(nc, sizeof *nj2), *row = calloc(nc, sizeof *row);
        if (!nj || !nj2 || !row) {
            free(nj);
            free(nj2);
            free(row);
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < n; i++) {
            memset(row, 0, nc * sizeof *row);
            for (size_t r = 0; r < k; r++)
                row[code[i * k + r]] += 1;
            for (size_t c = 0; c < nc; c++) {
                nj[c] += row[c];
                nj2[c] += row[c] * row[c];
            }
        }
        double nk = (double)n * (double)k, se0 = sqrt(2 / (nk * (double)(k - 1)));
        for (size_t c = 0; c < nc; c++) {
            st_estimate *e = &out->category[c];
            *e = nan_estimate();
            double p = nj[c] / nk;
            double pjk = (nj2[c] - nk * p) / (nk * (double)(k - 1) * p);
            e->estimate = (pjk - p) / (1 - p);
            e->se = se0;
            e->statistic = e->estimate / se0;
            e->p_value = 2 * gsl_cdf_ugaussian_Q(fabs(e->statistic));
        }
        free(nj);
        free(nj2);
        free(row);
    }
    /* jackknife over targets */
    for (size_t i = 0; i < n; i++)
        kappas(code, n, k, nc, i, scratch, rshare, &jf[i], &jc[i]);
    double tq = gsl_cdf_tdist_Pinv(1 - (1 - conf) / 2, (double)(n - 1));
    st_estimate *es[2] = {&out->fleiss, &out->conger};
    double *jj[2] = {jf, jc};
    for (int w = 0; w < 2; w++) {
        double mean = 0, ss = 0;
        int finite = 1;
        for (size_t i = 0; i < n; i++) {
            finite &= isfinite(jj[w][i]);
            mean += jj[w][i];
        }
        if (!finite) {
            es[w]->undefined = "leaving a target out leaves one category only: no jackknife interval";
            continue;
        }
        mean /= (double)n;
        for (size_t i = 0; i < n; i++)
            ss += (jj[w][i] - mean) * (jj[w][i] - mean);
        double se = sqrt((double)(n - 1) / (double)n * ss);
        es[w]->se = se;
        es[w]->df = (double)(n - 1);
        es[w]->ci_low = es[w]->estimate - tq * se;
        es[w]->ci_high = es[w]->estimate + tq * se;
        if (se > 0) {
            es[w]->statistic = es[w]->estimate / se;
            es[w]->p_value = 2 * gsl_cdf_tdist_Q(fabs(es[w]->statistic), (double)(n - 1));
        }
    }
done:
    free(cats);
    free(code);
    free(scratch);
    free(jf);
    free(jc);
    if (st != CORE_OK)
        st_kappam_free(out);
    return st;
}

void st_kappam_free(st_kappam *m)
{
    if (!m)
        return;
    free(m->cat_value);
    free(m->category);
    m->cat_value = NULL;
    m->category = NULL;
    m->n_cats = 0;
}

core_status st_cluster_bootstrap(size_t n, const size_t *cluster, size_t n_clusters, st_rows_stat stat, void *ctx,
                                 size_t B, gsl_rng *rng, double conf, double *se, double *lo, double *hi,
                                 size_t *used, core_err *err)
{
    *se = *lo = *hi = NAN;
    *used = 0;
    if (n_clusters < 2 || B < 2 || !rng || !(conf > 0 && conf < 1))
        return core_err_set(err, CORE_ERR_USAGE, "cluster bootstrap needs at least 2 clusters, 2 replicates, a "
                            "generator and a confidence level in (0, 1)");
    /* rows of each cluster, in order */
    size_t *start = calloc(n_clusters + 1, sizeof *start), *byc = malloc((n ? n : 1) * sizeof *byc),
           *fill = calloc(n_clusters, sizeof *fill), *rows = malloc((n ? n : 1) * sizeof *rows);
    double *rep = malloc(B * sizeof *rep);
    size_t cap = n ? n : 1;
    core_status st = CORE_OK;
    if (!start || !byc || !fill || !rows || !rep) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        if (cluster[i] >= n_clusters) {
            st = core_err_set(err, CORE_ERR_USAGE, "cluster bootstrap: row %zu's cluster is out of range", i + 1);
            goto done;
        }
        start[cluster[i] + 1]++;
    }
    for (size_t c = 0; c < n_clusters; c++)
        start[c + 1] += start[c];
    for (size_t i = 0; i < n; i++)
        byc[start[cluster[i]] + fill[cluster[i]]++] = i;
    size_t good = 0;
    for (size_t b = 0; b < B; b++) {
        size_t m = 0;
        for (size_t c = 0; c < n_clusters; c++) {
            size_t pick = (size_t)gsl_rng_uniform_int(rng, (unsigned long)n_clusters);
            size_t len = start[pick + 1] - start[pick];
            if (m + len > cap) {
                size_t nc2 = 2 * (m + len);
                size_t *r2 = realloc(rows, nc2 * sizeof *r2);
                if (!r2) {
                    st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                    goto done;
                }
                rows = r2;
                cap = nc2;
            }
            memcpy(rows + m, byc + start[pick], len * sizeof *rows);
            m += len;
        }
        double v = stat(rows, m, ctx);
        if (isfinite(v))
            rep[good++] = v;
    }
    *used = good;
    if (good >= 2) {
        *se = gsl_stats_sd(rep, 1, good);
        gsl_sort(rep, 1, good);
        double a = (1 - conf) / 2;
        *lo = gsl_stats_quantile_from_sorted_data(rep, 1, good, a);
        *hi = gsl_stats_quantile_from_sorted_data(rep, 1, good, 1 - a);
    }
done:
    free(start);
    free(byc);
    free(fill);
    free(rows);
    free(rep);
    return st;
}
