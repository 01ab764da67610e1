/* A synthetic participant-level trial calibrated to the Norwegian IPS trial (DOMAIN.md §8).
 *
 * Employment (registry): each participant has a persistent latent employability z (part covariates, part
 * unobserved); at timepoint t they are employed when sqrt(rho) z + sqrt(1 - rho) e_t (+ h, below) exceeds
 * the arm's threshold, so employment is correlated over time within a person, as registry employment is.
 * With exact_margins the threshold is the arm's empirical quantile among those observed, so the analysed
 * proportions equal the targets to the nearest person; otherwise it is the normal quantile and the
 * proportions vary by sampling as in a real trial.
 *
 * Effect heterogeneity (assumed; DOMAIN.md §1.5 reports the effect strongest under 30 and with low
 * education): in the intervention arm the latent score gets h = 0.4 (under 30) + 0.25 (compulsory
 * education), centred on its mean in that arm, so the arm's overall rate is kept (exactly with exact
 * margins) while the effect differs between groups.
 *
 * Questionnaires (assumed instruments; DOMAIN.md §8: named instruments not found): at each wave w (the
 * first is the baseline) y = mean + sign * sd (0.75 p + 0.66 e_w + effect_w * IPS), p the person's level on
 * the instrument (0.6 u + 0.8 v, u shared by the instruments and correlated 0.5 with z; so waves correlate
 * about 0.56), rounded to 0.1 and kept within the scale; sign = -1 where lower is better. The standardised effect at the last wave is
 * q_effect times 1.0 (quality of life), 0.8 (self-rated health), 1.0 (depressive symptoms, lower is
 * better), 1.2 (functioning), 1.2 (belief that work is good for health); at an intermediate wave it is the
 * share of the way to the last wave (belief: 0.8 from the first follow-up on, "higher at 6 and 12 months").
 * Under-30s get 1.5 times the effect, centred as above. With exact_margins the intervention arm's values
 * at each follow-up wave are shifted so that the observed standardised difference (pooled SD, among those
 * observed, before rounding) equals the target, as the employment rates hit theirs. Missing: baseline item non-response q_missing[0]
 * independently, follow-up waves by monotone questionnaire drop-out (q_missing rising). */
#include "rct/rct.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RHO 0.6       /* share of the latent variance that persists across timepoints (assumed) */
#define MAX_TP 24
#define MAX_WAVES 8
#define N_Q 5

/* The questionnaire outcomes (assumed scales; DOMAIN.md §8). */
static const struct qdef {
    const char *name;
    double mean, sd, lo, hi, effect, sign;
} QDEF[N_Q] = {
    {"qol", 5.0, 2.0, 0, 10, 1.0, 1},        /* quality of life, 0-10 */
    {"srh", 2.9, 0.9, 1, 5, 0.8, 1},         /* self-rated health, 1 (poor) - 5 (excellent) */
    {"dep", 13.0, 6.0, 0, 27, 1.0, -1},      /* depressive symptoms, 0-27 (PHQ-9-like), lower is better */
    {"func", 52.0, 11.0, 0, 100, 1.2, 1},    /* functioning, 0-100 (GAF-like) */
    {"workbelief", 3.5, 0.9, 1, 5, 1.2, 1},  /* "work is good for my health", 1-5 */
};

typedef struct score_idx {
    double s;
    size_t i;
} score_idx;

static int cmp_desc(const void *a, const void *b)
{
    double x = ((const score_idx *)a)->s, y = ((const score_idx *)b)->s;
    return (x < y) - (x > y);
}

/* columns of the fixed part */
enum { C_ID, C_COUNTY, C_ARM, C_AGE, C_AGEGRP, C_SEX, C_DIAG, C_EDU, C_PRIOR, N_FIXED };

core_status rct_simulate(const rct_sim_opts *o, gsl_rng *rng, core_table **out, core_err *err)
{
    *out = NULL;
    if (o->n < 4 || o->sites < 1 || o->sites > o->n / 2 || o->n_timepoints < 1 || o->n_timepoints > MAX_TP)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "simulate: need n >= 4, 1 <= sites <= n/2 and 1 to %d timepoints (got n = %ld, sites = "
                            "%ld, %zu timepoints)",
                            MAX_TP, o->n, o->sites, o->n_timepoints);
    size_t W = o->questionnaires ? o->n_waves : 0;
    if (o->questionnaires && (W < 1 || W > MAX_WAVES))
        return core_err_set(err, CORE_ERR_CONFIG, "simulate: questionnaires need 1 to %d waves (got %zu)", MAX_WAVES,
                            W);
    size_t n = (size_t)o->n, T = o->n_timepoints;
    size_t n_cols = N_FIXED + T + N_Q * W;
    const char *names[N_FIXED + MAX_TP + N_Q * MAX_WAVES] = {"id",        "county",    "arm",       "age",
                                                             "age_group", "sex",       "diagnosis", "education",
                                                             "prior_work"};
    core_col_type types[N_FIXED + MAX_TP + N_Q * MAX_WAVES] = {
        CORE_COL_NUMERIC,     CORE_COL_CATEGORICAL, CORE_COL_CATEGORICAL, CORE_COL_NUMERIC,    CORE_COL_CATEGORICAL,
        CORE_COL_CATEGORICAL, CORE_COL_CATEGORICAL, CORE_COL_CATEGORICAL, CORE_COL_NUMERIC};
    char colnames[MAX_TP + N_Q * MAX_WAVES][48];
    for (size_t t = 0; t < T; t++) {
        snprintf(colnames[t], sizeof colnames[t], "emp%s", o->timepoints[t]);
        names[N_FIXED + t] = colnames[t];
        types[N_FIXED + t] = CORE_COL_NUMERIC;
    }
    for (size_t q = 0; q < N_Q; q++)
        for (size_t w = 0; w < W; w++) {
            size_t c = T + q * W + w;
            snprintf(colnames[c], sizeof colnames[c], "%s%s", QDEF[q].name, o->waves[w]);
            names[N_FIXED + c] = colnames[c];
            types[N_FIXED + c] = CORE_COL_NUMERIC;
        }
    core_table *tb = core_table_new("simulated trial", n, n_cols, names, types);
    double *z = malloc(n * sizeof *z), *drop = malloc(n * sizeof *drop), *het = calloc(n, sizeof *het);
    int *arm = malloc(n * sizeof *arm), *young = malloc(n * sizeof *young);
    score_idx *sc = malloc(n * sizeof *sc);
    if (!tb || !z || !drop || !het || !arm || !young || !sc) {
        core_table_free(tb);
        free(z), free(drop), free(het), free(arm), free(young), free(sc);
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
            if (core_table_set_text(tb, C_COUNTY, row, cname) != CORE_OK ||
                core_table_set_text(tb, C_ARM, row, alloc[i] ? "IPS" : "TAU") != CORE_OK) {
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
            young[row] = age < 30;
            /* heterogeneity of the IPS effect (centred below) */
            het[row] = alloc[i] ? 0.4 * (age < 30) + 0.25 * (ue < 0.35) : 0;
            core_table_set_num(tb, C_ID, row, (double)(row + 1));
            core_table_set_num(tb, C_AGE, row, age);
            core_table_set_num(tb, C_PRIOR, row, prior);
            if (core_table_set_text(tb, C_AGEGRP, row, age < 30 ? "under 30" : "30 and over") != CORE_OK ||
                core_table_set_text(tb, C_SEX, row, female ? "female" : "male") != CORE_OK ||
                core_table_set_text(tb, C_DIAG, row, severe ? "severe" : "moderate") != CORE_OK ||
                core_table_set_text(tb, C_EDU, row, edu) != CORE_OK) {
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
    /* centre the heterogeneity within the intervention arm, and the young share for the questionnaires */
    double hm = 0, ym = 0;
    size_t n1 = 0;
    for (size_t i = 0; i < n; i++)
        if (arm[i]) {
            hm += het[i];
            ym += young[i];
            n1++;
        }
    hm = n1 ? hm / (double)n1 : 0;
    ym = n1 ? ym / (double)n1 : 0;
    for (size_t i = 0; i < n; i++)
        if (arm[i])
            het[i] -= hm;
    for (size_t t = 0; t < T; t++) {
        size_t col = N_FIXED + t;
        for (int a = 0; a <= 1; a++) {
            double p = a ? o->p_treat[t] : o->p_control[t];
            size_t m_obs = 0;
            for (size_t i = 0; i < n; i++) {
                if (arm[i] != a)
                    continue;
                double latent = sqrt(RHO) * z[i] + sqrt(1 - RHO) * gsl_ran_gaussian(rng, 1.0) + het[i];
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
    /* Questionnaires: a person effect u (correlated with employability), then each outcome and wave. */
    if (W > 0) {
        double *u = malloc(n * sizeof *u), *qdrop = malloc(n * sizeof *qdrop), *pq = malloc(n * sizeof *pq);
        if (!u || !qdrop || !pq) {
            free(u), free(qdrop), free(pq);
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < n; i++) {
            u[i] = 0.5 * z[i] + sqrt(0.75) * gsl_ran_gaussian(rng, 1.0);
            qdrop[i] = gsl_rng_uniform(rng);
        }
        double last = W > 1 ? atof(o->waves[W - 1]) - atof(o->waves[0]) : 1;
        for (size_t q = 0; q < N_Q; q++) {
            const struct qdef *d = &QDEF[q];
            /* the person's level on this instrument: shared u plus an instrument-specific part, N(0, 1) */
            for (size_t i = 0; i < n; i++)
                pq[i] = 0.6 * u[i] + 0.8 * gsl_ran_gaussian(rng, 1.0);
            for (size_t w = 0; w < W; w++) {
                size_t col = N_FIXED + T + q * W + w;
                double frac = 0;
                if (w > 0) {
                    double span = atof(o->waves[w]) - atof(o->waves[0]);
                    frac = last > 0 ? span / last : 1;
                    if (strcmp(d->name, "workbelief") == 0 && w < W - 1)
                        frac = 0.8;
                }
                double target = o->q_effect * d->effect * frac; /* standardised effect at this wave */
                double s1 = 0, s0 = 0, ss = 0;
                size_t c1 = 0, c0 = 0;
                for (size_t i = 0; i < n; i++) {
                    double e = gsl_ran_gaussian(rng, 1.0);
                    double miss_u = w == 0 ? gsl_rng_uniform(rng) : qdrop[i];
                    double eff = arm[i] ? target * (1 + 0.5 * ((double)young[i] - ym)) : 0;
                    z[i] = 0.75 * pq[i] + 0.66 * e + eff; /* z is free now: the standardised value */
                    drop[i] = miss_u < o->q_missing[w];   /* and drop: missing at this wave */
                    if (drop[i])
                        continue;
                    if (arm[i])
                        s1 += z[i], c1++;
                    else
                        s0 += z[i], c0++;
                }
                /* exact margins: shift the intervention arm so that the observed standardised difference
                 * (pooled SD) equals the target, as the employment rates hit theirs */
                if (o->exact_margins && w > 0 && c1 > 1 && c0 > 1) {
                    double m1 = s1 / (double)c1, m0 = s0 / (double)c0;
                    for (size_t i = 0; i < n; i++)
                        if (!drop[i])
                            ss += (z[i] - (arm[i] ? m1 : m0)) * (z[i] - (arm[i] ? m1 : m0));
                    double sp = sqrt(ss / (double)(c1 + c0 - 2));
                    for (size_t i = 0; i < n; i++)
                        if (arm[i])
                            z[i] += target * sp - (m1 - m0);
                }
                for (size_t i = 0; i < n; i++) {
                    if (drop[i])
                        continue;
                    double y = d->mean + d->sign * d->sd * z[i];
                    y = floor(y * 10 + 0.5) / 10;
                    y = y < d->lo ? d->lo : y > d->hi ? d->hi : y;
                    core_table_set_num(tb, col, i, y);
                }
            }
        }
        free(u), free(qdrop), free(pq);
    }
done:
    free(z), free(drop), free(het), free(arm), free(young), free(sc);
    if (st != CORE_OK) {
        core_table_free(tb);
        return st;
    }
    *out = tb;
    return CORE_OK;
}
