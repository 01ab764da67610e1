/* Synthetic IPS-25 fidelity reviews (DOMAIN.md §8): six sites reviewed yearly, two raters then their
 * consensus, totals rising from fair (about 80) to good (about 100) on average with spread between
 * sites. Everything here is an assumption made to look like the evaluation's account (quality varied
 * across counties and rose over time); none of it is real review data.
 *
 * Model: the consensus score of item j at site s in round r is the rounded, clamped (1-5) value of
 *   m_r + u_s + g_s (r - mid) + d_j + e_srj,
 * with m_r set so that the expected total rises linearly from start_total to end_total, u_s ~ N(0, 0.3)
 * the site's level, g_s ~ N(0, 0.12) its own pace, d_j ~ N(0, 0.4) the item's difficulty and
 * e ~ N(0, 0.45). Each rater gives the consensus score, or one point off it (28% of items), clamped. */
#include "fidelity/fid.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FID_SIM_FIRST_YEAR 2014 /* the trial began in 2013; reviews yearly from 2014 (assumed) */

static double clamp15(double v) { return v < 1 ? 1 : v > 5 ? 5 : v; }

/* Expected item score E[clamp(round(L), 1, 5)] for L ~ N(m, sd^2). */
static double expected_item(double m, double sd)
{
    double e = 0;
    for (int v = 1; v <= 5; v++) {
        double lo = v == 1 ? 0 : gsl_cdf_gaussian_P(v - 0.5 - m, sd), hi = v == 5 ? 1 : gsl_cdf_gaussian_P(v + 0.5 - m, sd);
        e += v * (hi - lo);
    }
    return e;
}

/* The latent mean whose expected item score is target (rounding and the 1-5 bounds pull totals
 * toward the middle, so the latent mean is set by bisection to hit the configured totals on average). */
static double latent_mean(double target, double sd)
{
    double lo = -5, hi = 11;
    for (int i = 0; i < 100; i++) {
        double mid = (lo + hi) / 2;
        if (expected_item(mid, sd) < target)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

core_status fid_simulate(const fid_sim_opts *o, gsl_rng *rng, core_table **out, core_err *err)
{
    *out = NULL;
    if (o->sites < 1 || o->sites > 26 || o->rounds < 1 || o->rounds > 20 || !(o->start_total >= 25) ||
        !(o->start_total <= 125) || !(o->end_total >= 25) || !(o->end_total <= 125))
        return core_err_set(err, CORE_ERR_CONFIG, "simulate: fidelity needs 1 to 26 sites, 1 to 20 rounds and totals "
                            "from 25 to 125 (got %ld sites, %ld rounds, %g to %g)", o->sites, o->rounds,
                            o->start_total, o->end_total);
    fid_scale s;
    core_status st = fid_scale_ips25(&s, err);
    if (st != CORE_OK)
        return st;
    size_t ni = s.n_items, n_rows = (size_t)(o->sites * o->rounds * 3), n_cols = 3 + ni;
    const char **names = malloc(n_cols * sizeof *names);
    core_col_type *types = malloc(n_cols * sizeof *types);
    double *dj = malloc(ni * sizeof *dj), *cons = malloc(ni * sizeof *cons);
    core_table *t = NULL;
    if (!names || !types || !dj || !cons) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    names[0] = "site", names[1] = "review", names[2] = "rater";
    types[0] = CORE_COL_CATEGORICAL, types[1] = CORE_COL_NUMERIC, types[2] = CORE_COL_CATEGORICAL;
    for (size_t j = 0; j < ni; j++) {
        names[3 + j] = s.items[j].name;
        types[3 + j] = CORE_COL_NUMERIC;
    }
    if (!(t = core_table_new("simulated fidelity reviews", n_rows, n_cols, names, types))) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    /* Item difficulties, centred so that they do not move the mean. */
    double dm = 0;
    for (size_t j = 0; j < ni; j++) {
        dj[j] = gsl_ran_gaussian(rng, 0.4);
        dm += dj[j] / (double)ni;
    }
    for (size_t j = 0; j < ni; j++)
        dj[j] -= dm;
    size_t row = 0;
    double mid = (double)(o->rounds - 1) / 2.0;
    for (long si = 0; si < o->sites; si++) {
        char site[32];
        snprintf(site, sizeof site, "County %c", (char)('A' + si));
        double u = gsl_ran_gaussian(rng, 0.3), g = gsl_ran_gaussian(rng, 0.12);
        for (long r = 0; r < o->rounds; r++) {
            double frac = o->rounds > 1 ? (double)r / (double)(o->rounds - 1) : 0;
            double target = (o->start_total + (o->end_total - o->start_total) * frac) / (double)ni;
            double sd = sqrt(0.3 * 0.3 + 0.4 * 0.4 + 0.45 * 0.45 + pow(0.12 * ((double)r - mid), 2));
            double m = latent_mean(target, sd);
            for (size_t j = 0; j < ni; j++)
                cons[j] = clamp15(floor(m + u + g * ((double)r - mid) + dj[j] + gsl_ran_gaussian(rng, 0.45) + 0.5));
            static const char *const raters[3] = {"A", "B", "consensus"};
            for (int k = 0; k < 3; k++, row++) {
                if (core_table_set_text(t, 0, row, site) != CORE_OK ||
                    core_table_set_text(t, 2, row, raters[k]) != CORE_OK) {
                    st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                    goto done;
                }
                core_table_set_num(t, 1, row, (double)(FID_SIM_FIRST_YEAR + r));
                for (size_t j = 0; j < ni; j++) {
                    double v = cons[j];
                    if (k < 2) {
                        double q = gsl_rng_uniform(rng);
                        v = clamp15(v + (q < 0.14 ? -1 : q < 0.28 ? 1 : 0));
                    }
                    core_table_set_num(t, 3 + j, row, v);
                }
            }
        }
    }
done:
    free(names), free(types), free(dj), free(cons);
    fid_scale_free(&s);
    if (st != CORE_OK) {
        core_table_free(t);
        return st;
    }
    *out = t;
    return CORE_OK;
}

/* A panel survey of employment specialists (the example work-environment scale of
 * configs/survey-work-environment.ini): `per_site` people per site answer items q1..q<items> (1-5) in
 * each phase; q3 and q7 are worded negatively (reverse-scored); a person's level is persistent
 * (N(0, 0.6)), sites differ (N(0, 0.3)), scores rise by `change` per phase, and 3% of answers are left
 * blank. All of it is assumed: the structure of an example scale, not a published instrument. */
core_status fid_simulate_survey(const fid_sim_survey_opts *o, gsl_rng *rng, core_table **out, core_err *err)
{
    *out = NULL;
    if (o->sites < 1 || o->sites > 26 || o->per_site < 2 || o->per_site > 1000 || o->phases < 1 || o->phases > 20 ||
        o->items < 2 || o->items > 50)
        return core_err_set(err, CORE_ERR_CONFIG, "simulate: the survey needs 1 to 26 sites, 2 to 1000 people per "
                            "site, 1 to 20 phases and 2 to 50 items");
    size_t ni = (size_t)o->items, n_cols = 3 + ni, n_rows = (size_t)(o->sites * o->per_site * o->phases);
    char(*names)[16] = calloc(n_cols, sizeof *names);
    const char **np = calloc(n_cols, sizeof *np);
    core_col_type *types = calloc(n_cols, sizeof *types);
    double *level = malloc((size_t)o->per_site * sizeof *level);
    core_table *t = NULL;
    core_status st = CORE_OK;
    if (!names || !np || !types || !level) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    snprintf(names[0], sizeof names[0], "team");
    snprintf(names[1], sizeof names[1], "phase");
    snprintf(names[2], sizeof names[2], "person");
    types[0] = CORE_COL_CATEGORICAL, types[1] = CORE_COL_NUMERIC, types[2] = CORE_COL_CATEGORICAL;
    for (size_t j = 0; j < ni; j++) {
        snprintf(names[3 + j], sizeof names[3 + j], "q%zu", j + 1);
        types[3 + j] = CORE_COL_NUMERIC;
    }
    for (size_t c = 0; c < n_cols; c++)
        np[c] = names[c];
    if (!(t = core_table_new("simulated survey", n_rows, n_cols, np, types))) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    size_t row = 0;
    for (long s = 0; s < o->sites; s++) {
        char team[32], person[48];
        snprintf(team, sizeof team, "County %c", (char)('A' + s));
        double u = gsl_ran_gaussian(rng, 0.3);
        for (long p = 0; p < o->per_site; p++)
            level[p] = gsl_ran_gaussian(rng, 0.6);
        for (long ph = 0; ph < o->phases; ph++)
            for (long p = 0; p < o->per_site; p++, row++) {
                snprintf(person, sizeof person, "%c%02ld", (char)('A' + s), p + 1);
                if (core_table_set_text(t, 0, row, team) != CORE_OK || core_table_set_text(t, 2, row, person) != CORE_OK) {
                    st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                    goto done;
                }
                core_table_set_num(t, 1, row, (double)(ph + 1));
                for (size_t j = 0; j < ni; j++) {
                    double v = clamp15(floor(3.3 + u + level[p] + o->change * (double)ph + gsl_ran_gaussian(rng, 0.6) +
                                             0.5));
                    if (j == 2 || j == 6)
                        v = 6 - v; /* negatively worded: agreement means a worse environment */
                    if (gsl_rng_uniform(rng) >= 0.03)
                        core_table_set_num(t, 3 + j, row, v);
                }
            }
    }
done:
    free(names), free(np), free(types), free(level);
    if (st != CORE_OK) {
        core_table_free(t);
        return st;
    }
    *out = t;
    return CORE_OK;
}
