/* The synthetic three-arm trial with costs and utilities (IPS, IPSE, SAU), calibrated to the Danish trial's
 * published summary (DOMAIN.md §6: Christensen et al. 2019, 2020): 720 people (243 / 238 / 239), employment or
 * education at 18 months 59.9% / 59.1% / 46.5%, overall costs lower with IPS by a mean EUR 9,543 over 18 months,
 * QALY gain 0.0329 with IPS and 0.0074 with services as usual. Assumed where the summary is silent (and said in
 * docs/methods.md): cost level and split over the periods, gamma-distributed costs (CV 1.2), baseline EQ-5D
 * (mean 0.70, SD 0.18), within-person utility noise, IPSE's costs (the IPS cost plus EUR 1,000 of training) and
 * utility gain (as IPS), missing utilities (0%, 4%, 7%, 10%; costs come from registers and are complete). */
#include "cea/cea.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

core_status cea_simulate(const cea_sim_opts *o, gsl_rng *rng, core_table **out, core_err *err)
{
    *out = NULL;
    if (o->n < 6 || o->sites < 1)
        return core_err_set(err, CORE_ERR_CONFIG, "the three-arm trial needs n >= 6 and at least one site");
    static const char *const names[] = {"id", "site", "arm", "emp18", "cost6", "cost12", "cost18",
                                        "u0", "u6", "u12", "u18"};
    const core_col_type types[] = {CORE_COL_NUMERIC, CORE_COL_CATEGORICAL, CORE_COL_CATEGORICAL, CORE_COL_NUMERIC,
                                   CORE_COL_NUMERIC, CORE_COL_NUMERIC, CORE_COL_NUMERIC, CORE_COL_NUMERIC,
                                   CORE_COL_NUMERIC, CORE_COL_NUMERIC, CORE_COL_NUMERIC};
    size_t n = (size_t)o->n;
    core_table *t = core_table_new("synthetic three-arm trial", n, 11, names, types);
    if (!t)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    static const char *const arms[] = {"IPS", "IPSE", "SAU"};
    /* arm sizes: the published 243 / 238 / 239 scaled to n */
    long size[3] = {(long)llround((double)n * 243 / 720), (long)llround((double)n * 238 / 720), 0};
    size[2] = (long)n - size[0] - size[1];
    const double p_emp[3] = {0.599, 0.591, 0.465};
    const double total_cost[3] = {35957, 36957, 45500}; /* 18 months, EUR 2016: SAU assumed; IPS = SAU - 9,543 */
    const double share[3] = {0.40, 0.32, 0.28};         /* of the 18-month cost in each 6-month period (assumed) */
    const double gain[3] = {0.0263, 0.0263, 0.0059};    /* utility change reached at 6 months: 1.25 x it = QALY gain */
    const double miss[4] = {0, 0.04, 0.07, 0.10};
    const double cv = 1.2, shape = 1 / (cv * cv);
    size_t i = 0;
    core_status st = CORE_OK;
    for (int a = 0; a < 3 && st == CORE_OK; a++)
        for (long m = 0; m < size[a] && st == CORE_OK; m++, i++) {
            char b[32];
            core_table_set_num(t, 0, i, (double)(i + 1));
            snprintf(b, sizeof b, "site%ld", 1 + (long)gsl_rng_uniform_int(rng, (unsigned long)o->sites));
            if ((st = core_table_set_text(t, 1, i, b)) != CORE_OK || (st = core_table_set_text(t, 2, i, arms[a])) != CORE_OK)
                break;
            core_table_set_num(t, 3, i, gsl_rng_uniform(rng) < p_emp[a]);
            /* a person's cost level is shared by the periods (frailty), each period gamma around it */
            double frail = gsl_ran_gamma(rng, 4, 0.25);
            for (int p = 0; p < 3; p++) {
                double mean = total_cost[a] * share[p] * frail;
                core_table_set_num(t, (size_t)(4 + p), i, round(gsl_ran_gamma(rng, shape, mean / shape)));
            }
            double u0 = 0.70 + gsl_ran_gaussian(rng, 0.18);
            double dev = gsl_ran_gaussian(rng, 0.08); /* a person's lasting deviation */
            for (int w = 0; w < 4; w++) {
                double u = w == 0 ? u0 : u0 + gain[a] + dev + gsl_ran_gaussian(rng, 0.06);
                u = u > 1 ? 1 : u < -0.624 ? -0.624 : u;
                u = round(u * 1000) / 1000;
                if (gsl_rng_uniform(rng) >= miss[w])
                    core_table_set_num(t, (size_t)(7 + w), i, u);
            }
        }
    if (st != CORE_OK) {
        core_table_free(t);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    *out = t;
    return CORE_OK;
}

core_status cea_simulate_for(const core_table *trial, const char *id, const char *arm, const char *intervention,
                             gsl_rng *rng, core_table **out, core_err *err)
{
    *out = NULL;
    long ci = core_table_find(trial, id), ca = core_table_find(trial, arm);
    if (ci < 0 || ca < 0)
        return core_err_set(err, CORE_ERR_DATA, "%s: no column '%s' (the participant id and arm are read from it)",
                            trial->source, ci < 0 ? id : arm);
    static const char *const names[] = {"id", "cost6", "cost12", "cost18", "u0", "u6", "u12", "u18"};
    const core_col_type types[] = {CORE_COL_CATEGORICAL, CORE_COL_NUMERIC, CORE_COL_NUMERIC, CORE_COL_NUMERIC,
                                   CORE_COL_NUMERIC,     CORE_COL_NUMERIC, CORE_COL_NUMERIC, CORE_COL_NUMERIC};
    size_t n = trial->n_rows;
    core_table *t = core_table_new("synthetic costs and utilities", n, 8, names, types);
    if (!t)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    /* assumed (docs/methods.md): programme cost per participant as the demo's [cba] (IPS NOK 71,000, control
     * 16,000) spread 50/30/20% over the three periods, plus health and welfare-service costs of NOK 60,000 over 18
     * months in both arms (gamma, CV 1.2, a person's frailty shared by the periods); utility gain 0.012 with IPS
     * reached by 6 months (1.25 x 0.012 = 0.015 QALYs over 18 months: the [cba] 0.01 QALYs a year) */
    const double share[3] = {0.5, 0.3, 0.2}, shape = 1 / (1.2 * 1.2);
    const double miss[4] = {0.02, 0.05, 0.10, 0.15};
    core_status st = CORE_OK;
    for (size_t i = 0; i < n && st == CORE_OK; i++) {
        char b[256];
        if ((st = core_table_set_text(t, 0, i, core_cell_text(trial, (size_t)ci, i, b, sizeof b))) != CORE_OK)
            break;
        int ips = strcmp(core_cell_text(trial, (size_t)ca, i, b, sizeof b), intervention) == 0;
        double frail = gsl_ran_gamma(rng, 4, 0.25);
        for (int p = 0; p < 3; p++) {
            double other = 60000 * share[p] * frail;
            double c = (ips ? 71000 : 16000) * share[p] + gsl_ran_gamma(rng, shape, other / shape);
            core_table_set_num(t, (size_t)(1 + p), i, round(c));
        }
        double u0 = 0.65 + gsl_ran_gaussian(rng, 0.20), dev = gsl_ran_gaussian(rng, 0.08);
        for (int w = 0; w < 4; w++) {
            double u = w == 0 ? u0 : u0 + (ips ? 0.012 : 0) + dev + gsl_ran_gaussian(rng, 0.06);
            u = u > 1 ? 1 : u < -0.594 ? -0.594 : u;
            if (gsl_rng_uniform(rng) >= miss[w])
                core_table_set_num(t, (size_t)(4 + w), i, round(u * 1000) / 1000);
        }
    }
    if (st != CORE_OK) {
        core_table_free(t);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    *out = t;
    return CORE_OK;
}
