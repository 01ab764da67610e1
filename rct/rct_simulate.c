/* A synthetic participant-level trial calibrated to the Norwegian IPS trial (DOMAIN.md §8).
 *
 * Each participant has a persistent latent employability z (part covariates, part unobserved);
 * at timepoint t they are employed when sqrt(rho) z + sqrt(1 - rho) e_t exceeds the arm's threshold,
 * so employment is correlated over time within a person, as registry employment is. With
 * exact_margins the threshold is the arm's empirical quantile among those observed, so the analysed
 * proportions equal the targets to the nearest person; otherwise it is the normal quantile and the
 * proportions vary by sampling as in a real trial. */
#include "rct.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RHO 0.6 /* share of the latent variance that persists across timepoints (assumed) */

typedef struct score_idx {
    double s;
    size_t i;
} score_idx;

static int cmp_desc(const void *a, const void *b)
{
    double x = ((const score_idx *)a)->s, y = ((const score_idx *)b)->s;
    return (x < y) - (x > y);
}

core_status rct_simulate(const rct_sim_opts *o, gsl_rng *rng, core_table **out, core_err *err)
{
    *out = NULL;
    if (o->n < 4 || o->sites < 1 || o->sites > o->n / 2 || o->n_timepoints < 1 || o->n_timepoints > 24)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "simulate: need n >= 4, 1 <= sites <= n/2 and 1 to 24 timepoints (got n = %ld, sites = "
                            "%ld, %zu timepoints)",
                            o->n, o->sites, o->n_timepoints);
    size_t n = (size_t)o->n, T = o->n_timepoints;
    const size_t n_fixed = 8;
    size_t n_cols = n_fixed + T;
    const char *names[32] = {"id", "county", "arm", "age", "sex", "diagnosis", "education", "prior_work"};
    core_col_type types[32] = {CORE_COL_NUMERIC,     CORE_COL_CATEGORICAL, CORE_COL_CATEGORICAL,
                               CORE_COL_NUMERIC,     CORE_COL_CATEGORICAL, CORE_COL_CATEGORICAL,
                               CORE_COL_CATEGORICAL, CORE_COL_NUMERIC};
    char colnames[24][32];
    for (size_t t = 0; t < T; t++) {
        snprintf(colnames[t], sizeof colnames[t], "emp%s", o->timepoints[t]);
        names[n_fixed + t] = colnames[t];
        types[n_fixed + t] = CORE_COL_NUMERIC;
    }
    core_table *tb = core_table_new("simulated trial", n, n_cols, names, types);
    double *z = malloc(n * sizeof *z), *drop = malloc(n * sizeof *drop);
    int *arm = malloc(n * sizeof *arm);
    score_idx *sc = malloc(n * sizeof *sc);
    if (!tb || !z || !drop || !arm || !sc) {
        core_table_free(tb);
        free(z), free(drop), free(arm), free(sc);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    core_status st = CORE_OK;
    /* Counties of unequal size (weights sites+1, sites, ..., 2), 1:1 block allocation within each. */
    double wsum = 0;
    for (long k = 0; k < o->sites; k++)
        wsum += (double)(o->sites + 1 - k);
    size_t row = 0;
    double county_effect[64];
    for (long k = 0; k < o->sites; k++) {
        size_t nk = k == o->sites - 1 ? n - row : (size_t)floor((double)n * (double)(o->sites + 1 - k) / wsum + 0.5);
        county_effect[k % 64] = gsl_ran_gaussian(rng, 0.3);
        int *alloc = malloc((nk ? nk : 1) * sizeof *alloc);
        if (!alloc) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < nk; i++)
            alloc[i] = (int)(i % 2);
        if (nk % 2)
            alloc[nk - 1] = (int)gsl_rng_uniform_int(rng, 2);
        gsl_ran_shuffle(rng, alloc, nk, sizeof *alloc);
        char cname[32];
        snprintf(cname, sizeof cname, "County %c", (char)('A' + k % 26));
        for (size_t i = 0; i < nk; i++, row++) {
            arm[row] = alloc[i];
            if (core_table_set_text(tb, 1, row, cname) != CORE_OK ||
                core_table_set_text(tb, 2, row, alloc[i] ? "IPS" : "TAU") != CORE_OK) {
                free(alloc);
                st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                goto done;
            }
            /* covariate index: younger, more educated, with prior work and a moderate diagnosis do better */
            double age = floor(18.0 + 47.0 * gsl_ran_beta(rng, 2.0, 3.0));
            int female = gsl_rng_uniform(rng) < 0.5;
            int severe = gsl_rng_uniform(rng) < 0.45;
            double ue = gsl_rng_uniform(rng);
            const char *edu = ue < 0.35 ? "compulsory" : ue < 0.75 ? "upper_secondary" : "higher";
            int prior = gsl_rng_uniform(rng) < 0.6;
            double idx = -0.02 * (age - 36.0) + (ue < 0.35 ? -0.3 : ue < 0.75 ? 0.0 : 0.3) + 0.5 * prior -
                         0.3 * severe + county_effect[k % 64];
            z[row] = idx;
            core_table_set_num(tb, 0, row, (double)(row + 1));
            core_table_set_num(tb, 3, row, age);
            core_table_set_num(tb, 7, row, prior);
            if (core_table_set_text(tb, 4, row, female ? "female" : "male") != CORE_OK ||
                core_table_set_text(tb, 5, row, severe ? "severe" : "moderate") != CORE_OK ||
                core_table_set_text(tb, 6, row, edu) != CORE_OK) {
                free(alloc);
                st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                goto done;
            }
            drop[row] = gsl_rng_uniform(rng);
        }
        free(alloc);
    }
    /* Standardise the covariate index and add the unobserved part: z ~ N(0, 1) overall. */
    double m = 0, v = 0;
    for (size_t i = 0; i < n; i++)
        m += z[i];
    m /= (double)n;
    for (size_t i = 0; i < n; i++)
        v += (z[i] - m) * (z[i] - m);
    v = sqrt(v / (double)(n - 1));
    for (size_t i = 0; i < n; i++)
        z[i] = sqrt(0.35) * (v > 0 ? (z[i] - m) / v : 0) + sqrt(0.65) * gsl_ran_gaussian(rng, 1.0);
    for (size_t t = 0; t < T; t++) {
        size_t col = n_fixed + t;
        for (int a = 0; a <= 1; a++) {
            double p = a ? o->p_treat[t] : o->p_control[t];
            size_t m_obs = 0;
            for (size_t i = 0; i < n; i++) {
                if (arm[i] != a)
                    continue;
                double latent = sqrt(RHO) * z[i] + sqrt(1 - RHO) * gsl_ran_gaussian(rng, 1.0);
                if (drop[i] < o->missing[t])
                    continue; /* monotone drop-out: missing rates rise over time */
                sc[m_obs].s = latent;
                sc[m_obs++].i = i;
            }
            if (o->exact_margins) {
                qsort(sc, m_obs, sizeof *sc, cmp_desc);
                size_t k = (size_t)floor(p * (double)m_obs + 0.5);
                for (size_t r = 0; r < m_obs; r++)
                    core_table_set_num(tb, col, sc[r].i, r < k ? 1.0 : 0.0);
            } else {
                double thr = gsl_cdf_ugaussian_Qinv(p);
                for (size_t r = 0; r < m_obs; r++)
                    core_table_set_num(tb, col, sc[r].i, sc[r].s > thr ? 1.0 : 0.0);
            }
        }
    }
done:
    free(z), free(drop), free(arm), free(sc);
    if (st != CORE_OK) {
        core_table_free(tb);
        return st;
    }
    *out = tb;
    return CORE_OK;
}
