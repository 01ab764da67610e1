/* Time to first job for the synthetic trial (DOMAIN.md §8: over 18 months, median about 132 days among those
 * who get a job, as in UK routine practice).
 *
 * Consistent with the simulated employment columns: a participant first seen employed at timepoint j got their
 * first job before that timepoint, at a time drawn from an exponential distribution (rate RATE per day) truncated
 * to (0, day of timepoint j]; one never seen employed had a short-lived job anyway with probability SHORT_JOB (the
 * intervention arm's job search is more active: SHORT_JOB_IPS), at a uniform time within the follow-up they were
 * observed; everyone else is censored at the end of their follow-up (the last timepoint they were observed at). */
#include "rct/rct.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAYS_PER_MONTH 30.4375
#define RATE (1.0 / 2000.0)   /* per day: nearly uniform within the window (assumed; gives the 132-day median) */
#define SHORT_JOB 0.10       /* control arm (assumed) */
#define SHORT_JOB_IPS 0.16   /* intervention arm (assumed) */

core_status rct_simulate_tte(core_table **tp, const rct_sim_opts *o, gsl_rng *rng, core_err *err)
{
    core_table *t = *tp;
    size_t T = o->n_timepoints, n = t->n_rows;
    long arm_col = core_table_find(t, "arm");
    size_t emp[24];
    double day[24];
    if (arm_col < 0 || T == 0 || T > 24)
        return core_err_set(err, CORE_ERR_USAGE, "simulate: the trial table has no arm column or timepoints");
    for (size_t j = 0; j < T; j++) {
        char name[64];
        double m;
        snprintf(name, sizeof name, "emp%s", o->timepoints[j]);
        long c = core_table_find(t, name);
        if (c < 0 || !core_parse_double(o->timepoints[j], '.', &m) || m <= 0 || (j > 0 && m <= day[j - 1] / DAYS_PER_MONTH))
            return core_err_set(err, CORE_ERR_CONFIG, "simulate: time to first job needs increasing numeric timepoints "
                                "in months (got '%s')",
                                o->timepoints[j]);
        emp[j] = (size_t)c;
        day[j] = m * DAYS_PER_MONTH;
    }
    /* the new table: every column of t, then days_to_job and got_job */
    size_t nc = t->n_cols + 2;
    const char **names = malloc(nc * sizeof *names);
    core_col_type *types = malloc(nc * sizeof *types);
    if (!names || !types) {
        free(names);
        free(types);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t c = 0; c < t->n_cols; c++) {
        names[c] = t->cols[c].name;
        types[c] = t->cols[c].type;
    }
    names[nc - 2] = "days_to_job";
    names[nc - 1] = "got_job";
    types[nc - 2] = types[nc - 1] = CORE_COL_NUMERIC;
    core_table *w = core_table_new(t->source, n, nc, names, types);
    free(names);
    free(types);
    if (!w)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_status st = CORE_OK;
    for (size_t c = 0; c < t->n_cols && st == CORE_OK; c++)
        for (size_t i = 0; i < n && st == CORE_OK; i++) {
            if (core_cell_missing(t, c, i))
                continue;
            if (t->cols[c].type == CORE_COL_NUMERIC)
                core_table_set_num(w, c, i, core_col_num(&t->cols[c], i));
            else
                st = core_table_set_text(w, c, i, t->cols[c].levels[core_col_code(&t->cols[c], i)]);
        }
    if (st != CORE_OK) {
        core_table_free(w);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    char buf[64];
    for (size_t i = 0; i < n; i++) {
        int ips = strcmp(core_cell_text(t, (size_t)arm_col, i, buf, sizeof buf), "TAU") != 0;
        size_t first = T, last_obs = T;
        for (size_t j = 0; j < T; j++) {
            double v;
            if (core_cell_number(t, emp[j], i, &v) != 1)
                continue;
            last_obs = j;
            if (v == 1 && first == T)
                first = j;
        }
        double u = gsl_rng_uniform_pos(rng), s = gsl_rng_uniform(rng), days;
        int got;
        if (first < T) {
            /* exponential truncated to (0, day[first]] by inversion */
            days = -log(1 - u * (1 - exp(-RATE * day[first]))) / RATE;
            got = 1;
        } else {
            double end = last_obs < T ? day[last_obs] : 0.5 * DAYS_PER_MONTH; /* never observed: half a month */
            if (s < (ips ? SHORT_JOB_IPS : SHORT_JOB)) {
                days = u * end;
                got = 1;
            } else {
                days = end;
                got = 0;
            }
        }
        core_table_set_num(w, nc - 2, i, fmax(1.0, ceil(days)));
        core_table_set_num(w, nc - 1, i, got);
    }
    core_table_free(t);
    *tp = w;
    return CORE_OK;
}
