/* Synthetic routine-practice data with known truth (prc.h): a single-service cohort calibrated to the UK routine
 * practice study (DOMAIN.md §6: 539 people, 46.2% got a job, median 132 days to a job among those who got one,
 * median 146 days of in-work support, 84.7% needing no time-unlimited support), and the employment specialists'
 * employment spells at a few sites with a set turnover rate. Every draw comes from the generator passed in. */
#include "practice/prc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "core/core_date.h"

/* A categorical draw from shares p[0..k-1] (summing to 1). */
static size_t pick(gsl_rng *rng, const double *p, size_t k)
{
    double u = gsl_rng_uniform(rng), c = 0;
    for (size_t j = 0; j + 1 < k; j++) {
        c += p[j];
        if (u < c)
            return j;
    }
    return k - 1;
}

core_status prc_simulate_cohort(const prc_sim_cohort_opts *o, gsl_rng *rng, core_table **out, core_err *err)
{
    *out = NULL;
    static const char *const names[] = {"id", "days_to_job", "got_job", "support_days", "ethnicity", "sex",
                                        "diagnosis", "age"};
    static const core_col_type types[] = {CORE_COL_NUMERIC,     CORE_COL_NUMERIC,     CORE_COL_NUMERIC,
                                          CORE_COL_NUMERIC,     CORE_COL_CATEGORICAL, CORE_COL_CATEGORICAL,
                                          CORE_COL_CATEGORICAL, CORE_COL_NUMERIC};
    static const char *const eth[] = {"White", "Black", "Asian", "Mixed", "Other"};
    static const double eth_p[] = {0.52, 0.22, 0.14, 0.07, 0.05}; /* assumed: over-representation of Black users */
    static const char *const sex[] = {"female", "male"};
    static const double sex_p[] = {0.45, 0.55}; /* assumed */
    static const char *const dx[] = {"psychosis", "bipolar", "depression", "other"};
    static const double dx_p[] = {0.40, 0.20, 0.25, 0.15}; /* assumed */
    if (o->n < 1 || !(o->p_job > 0 && o->p_job < 1) || !(o->median_days > 0) || !(o->median_support > 0) ||
        !(o->support_limit > 0) || !(o->share_over_limit > 0 && o->share_over_limit < 0.5))
        return core_err_set(err, CORE_ERR_USAGE, "cohort simulation: invalid options");
    core_table *t = core_table_new("simulated cohort", (size_t)o->n, 8, names, types);
    if (!t)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    /* log-normal in-work support: median m, P(> limit) = share_over_limit */
    double sd_support = log(o->support_limit / o->median_support) / gsl_cdf_ugaussian_Qinv(o->share_over_limit);
    const double sd_days = 0.9; /* assumed spread of the time to a job */
    core_status st = CORE_OK;
    for (size_t i = 0; i < (size_t)o->n && st == CORE_OK; i++) {
        double follow = 730 + floor(365 * gsl_rng_uniform(rng)); /* two to three years of follow-up (assumed) */
        int job = gsl_rng_uniform(rng) < o->p_job;
        /* a job falls inside the follow-up (about 3% of draws fall beyond two years and are drawn again, which
         * moves the median among those with a job down by under 2%); the others are followed `follow` days */
        double days = follow;
        if (job) {
            do
                days = fmax(1, floor(o->median_days * exp(gsl_ran_gaussian(rng, sd_days)) + 0.5));
            while (days > follow);
        }
        core_table_set_num(t, 0, i, (double)(i + 1));
        core_table_set_num(t, 1, i, days);
        core_table_set_num(t, 2, i, job);
        if (job)
            core_table_set_num(t, 3, i, floor(o->median_support * exp(gsl_ran_gaussian(rng, sd_support)) + 0.5));
        if ((st = core_table_set_text(t, 4, i, eth[pick(rng, eth_p, 5)])) == CORE_OK &&
            (st = core_table_set_text(t, 5, i, sex[pick(rng, sex_p, 2)])) == CORE_OK)
            st = core_table_set_text(t, 6, i, dx[pick(rng, dx_p, 4)]);
        core_table_set_num(t, 7, i, 18 + floor(47 * gsl_rng_uniform(rng)));
    }
    if (st != CORE_OK) {
        core_table_free(t);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    *out = t;
    return CORE_OK;
}

static void date_text(long day, char *buf, size_t size)
{
    long y;
    unsigned m, d;
    core_civil_from_days(day, &y, &m, &d);
    snprintf(buf, size, "%04ld-%02u-%02u", y % 10000, m % 100, d % 100);
}

core_status prc_simulate_workforce(const prc_sim_workforce_opts *o, gsl_rng *rng, core_table **out, core_err *err)
{
    *out = NULL;
    if (o->sites < 1 || o->sites > 26 || o->posts < 1 || o->posts > 100 || o->years < 1 || o->years > 40 ||
        !(o->rate > 0) || o->first_year < 1900 || o->first_year > 2100)
        return core_err_set(err, CORE_ERR_USAGE, "workforce simulation: invalid options");
    static const char *const names[] = {"person", "site", "start", "end"};
    static const core_col_type types[] = {CORE_COL_CATEGORICAL, CORE_COL_CATEGORICAL, CORE_COL_CATEGORICAL,
                                          CORE_COL_CATEGORICAL};
    long fs = core_days_from_civil(o->first_year, 1, 1), fe = core_days_from_civil(o->first_year + o->years, 1, 1);
    /* spells: each post filled from the follow-up start (with a random earlier start), refilled after a vacancy */
    size_t cap = (size_t)(o->sites * o->posts) * 16, n = 0;
    long *a = malloc(cap * sizeof *a), *b = malloc(cap * sizeof *b);
    int *site = malloc(cap * sizeof *site);
    if (!a || !b || !site) {
        free(a);
        free(b);
        free(site);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    double mean_days = 365.25 * 100 / o->rate;
    for (long s = 0; s < o->sites; s++)
        for (long p = 0; p < o->posts; p++) {
            long t0 = fs - (long)floor(365 * gsl_rng_uniform(rng)); /* in post already, up to a year before */
            while (t0 < fe && n < cap) {
                long len = 30 + (long)floor(gsl_ran_exponential(rng, mean_days));
                a[n] = t0;
                b[n] = t0 + len;
                site[n] = (int)s;
                n++;
                t0 += len + 30 + (long)floor(60 * gsl_rng_uniform(rng)); /* a vacancy of one to three months */
            }
        }
    core_table *t = core_table_new("simulated staff", n, 4, names, types);
    core_status st = t ? CORE_OK : core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    char buf[32], sname[32];
    for (size_t i = 0; i < n && st == CORE_OK; i++) {
        snprintf(buf, sizeof buf, "s%03zu", i + 1);
        snprintf(sname, sizeof sname, "Site %c", (char)('A' + site[i]));
        if ((st = core_table_set_text(t, 0, i, buf)) != CORE_OK || (st = core_table_set_text(t, 1, i, sname)) != CORE_OK)
            break;
        date_text(a[i], buf, sizeof buf);
        if ((st = core_table_set_text(t, 2, i, buf)) != CORE_OK)
            break;
        if (b[i] < fe) {
            date_text(b[i], buf, sizeof buf);
            st = core_table_set_text(t, 3, i, buf);
        }
    }
    free(a);
    free(b);
    free(site);
    if (st != CORE_OK) {
        core_table_free(t);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    *out = t;
    return CORE_OK;
}
