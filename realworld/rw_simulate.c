/* A synthetic registry panel calibrated to the Bodø design (DOMAIN.md §4 and §8; see rw.h, rw_simulate).
 *
 * Persons aged 18-40 on work assessment allowance in `clusters` municipalities (the first `treated`
 * of them exposed to IPS from exposure_year), observed every year first_year..last_year.
 * Untreated workdays: y0 = B x D with B ~ Bernoulli(pi), pi = a_i + l_t + s_gt (person level, a rising
 * year effect, a municipality-year shock; all bounded so pi stays in [0, 1]) and D ~ U{20..200} days:
 * E[y0] = 110 pi is additive in person, year and municipality-year terms, so parallel trends hold exactly.
 * Exposure adds X = Bernoulli(e_k / 40) x U{20..60} days (mean 40) in relative year k: E[X] = e_k, the
 * true effect, with e = 1.0, 3.5, 5.0, 10.5, 8.0 (k = 0..4; 8.0 after): an average of +5.6 over the five
 * exposed years and +10.5 three years after the first exposure (Brinchmann et al. 2024). y0 + X <= 260.
 * Spells reproduce workdays exactly: a base job of y0 weekdays (sometimes at 50% over twice the days,
 * sometimes registered twice, which the aggregation must merge) and the extra job of X weekdays after it.
 * The roll-out design (rollout = 1): the clusters are counties; `treated` of them adopt in turn (rw_sim_adoption:
 * four in exposure_year, the others over the years up to last_year), the rest never; each county's effect follows
 * the same path in the years since its own start, so effects grow with exposure and differ by calendar year.
 * Everything is synthetic and drawn from the caller's generator. */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_date.h"
#include "realworld/rw.h"

#define NOMEM(err) core_err_set(err, CORE_ERR_NOMEM, "out of memory")

static const double EFFECT[5] = {1.0, 3.5, 5.0, 10.5, 8.0};

double rw_sim_true_effect(long k)
{
    if (k < 0)
        return 0;
    return k < 5 ? EFFECT[k] : EFFECT[4];
}

long rw_sim_adoption(const rw_sim_opts *o, long g)
{
    if (g < 0 || g >= o->treated)
        return -1;
    if (!o->rollout || g < 4 || o->treated <= 4)
        return o->exposure_year;
    long span = o->last_year - o->exposure_year;
    if (span <= 0)
        return o->exposure_year;
    return o->exposure_year + 1 + (g - 4) * span / (o->treated - 4); /* at most last_year: g - 4 < treated - 4 */
}

static void date_text(long day, char *buf, size_t size)
{
    long y;
    unsigned m, d;
    core_civil_from_days(day, &y, &m, &d);
    snprintf(buf, size, "%04d-%02u-%02u", (int)(y % 10000), m % 100, d % 100); /* years 0..9999 */
}

/* Relative sizes of the municipalities (unequal, as real ones are); cycled beyond 11. */
static const double SIZE[11] = {1.0, 0.6, 1.4, 0.8, 2.0, 0.5, 1.1, 0.7, 1.6, 0.9, 1.2};

typedef struct spell_rec {
    long person, start, end;
    double share;
} spell_rec;

core_status rw_simulate(const rw_sim_opts *o, gsl_rng *rng, core_table **panel, core_table **spells, core_err *err)
{
    *panel = NULL;
    if (spells)
        *spells = NULL;
    long P = o->persons, G = o->clusters, G1 = o->treated, Y0 = o->first_year, Y1 = o->last_year, E = o->exposure_year;
    if (P < G || G < 2 || G1 < 1 || G1 > G || (G1 == G && !o->rollout) || Y1 <= Y0 || E <= Y0 || E > Y1 ||
        Y1 - Y0 > 60)
        return core_err_set(err, CORE_ERR_USAGE,
                            "registry simulation: need persons >= municipalities >= 2, 1 <= treated < municipalities "
                            "(<= with the roll-out), and first_year < exposure_year <= last_year");
    if (!(o->shock_sd >= 0 && o->shock_sd <= 3.0) || !(o->effect_scale >= 0 && o->effect_scale <= 3.0))
        return core_err_set(err, CORE_ERR_USAGE, "registry simulation: shock sd in [0, 3] and effect scale in [0, 3]");
    long T = Y1 - Y0 + 1;
    size_t n = (size_t)P * (size_t)T;
    double h = o->shock_sd * sqrt(3.0) / 110.0; /* half-width of the uniform shock on the probability scale */
    static const char *const names[] = {"person", "municipality", "year", "age", "treated", "workdays", "benefit_days",
                                        "gp_visits"};
    static const core_col_type types[] = {CORE_COL_NUMERIC, CORE_COL_CATEGORICAL, CORE_COL_NUMERIC, CORE_COL_NUMERIC,
                                          CORE_COL_NUMERIC, CORE_COL_NUMERIC,     CORE_COL_NUMERIC, CORE_COL_NUMERIC};
    core_table *t = core_table_new("registry (synthetic)", n, 8, names, types);
    long *size = malloc((size_t)G * sizeof *size);
    double *shock = malloc((size_t)(G * T) * sizeof *shock);
    long (*wdays)[262] = malloc((size_t)T * sizeof *wdays);
    long *nwd = malloc((size_t)T * sizeof *nwd);
    spell_rec *sp = NULL;
    size_t nsp = 0, capsp = 0;
    core_status st = CORE_OK;
    if (!t || !size || !shock || !wdays || !nwd) {
        st = NOMEM(err);
        goto done;
    }
    /* municipality sizes */
    double tot = 0;
    for (long g = 0; g < G; g++)
        tot += o->equal_sizes ? 1.0 : SIZE[g % 11];
    long assigned = 0;
    for (long g = 0; g < G; g++) {
        size[g] = (long)floor((double)P * (o->equal_sizes ? 1.0 : SIZE[g % 11]) / tot);
        if (size[g] < 1)
            size[g] = 1;
        assigned += size[g];
    }
    size[G - 1] += P - assigned;
    if (size[G - 1] < 1) {
        st = core_err_set(err, CORE_ERR_USAGE, "registry simulation: too few persons for %ld municipalities", G);
        goto done;
    }
    /* municipality names: the treated first */
    char (*gname)[32] = malloc((size_t)G * sizeof *gname);
    if (!gname) {
        st = NOMEM(err);
        goto done;
    }
    for (long g = 0; g < G; g++) {
        if (o->rollout)
            snprintf(gname[g], sizeof gname[g], "County %02ld", g + 1);
        else if (g < G1)
            snprintf(gname[g], sizeof gname[g], G1 == 1 ? "Bod\xc3\xb8" : "Treated %02ld", g + 1);
        else
            snprintf(gname[g], sizeof gname[g], "Control %02ld", g - G1 + 1);
    }
    for (long k = 0; k < G * T; k++)
        shock[k] = h > 0 ? gsl_ran_flat(rng, -h, h) : 0;
    /* weekdays of each year: the k-th weekday's day number */
    for (long q = 0; q < T; q++) {
        long d0, d1;
        char b[16];
        snprintf(b, sizeof b, "%04ld-01-01", Y0 + q);
        rw_parse_date(b, &d0);
        snprintf(b, sizeof b, "%04ld-12-31", Y0 + q);
        rw_parse_date(b, &d1);
        nwd[q] = 0;
        for (long d = d0; d <= d1; d++)
            if (rw_weekdays(d, d) == 1)
                wdays[q][nwd[q]++] = d;
    }
    size_t row = 0;
    long person = 0;
    for (long g = 0; g < G; g++) {
        long start = rw_sim_adoption(o, g);
        for (long k = 0; k < size[g]; k++) {
            person++;
            double a = gsl_ran_flat(rng, 0.05, 0.45);
            long age0 = 18 + (long)gsl_rng_uniform_int(rng, 14); /* 18..31 in the first year: at most 40 later */
            for (long q = 0; q < T; q++) {
                long year = Y0 + q;
                double pi = a + 0.05 * (double)q / (double)(T - 1) + shock[g * T + q];
                long y0 = gsl_rng_uniform(rng) < pi ? 20 + (long)gsl_rng_uniform_int(rng, 181) : 0;
                int treated = start >= 0 && year >= start;
                long x = 0;
                if (treated) {
                    double pk = o->effect_scale * rw_sim_true_effect(year - start) / 40.0;
                    if (gsl_rng_uniform(rng) < pk)
                        x = 20 + (long)gsl_rng_uniform_int(rng, 41);
                }
                long wd = y0 + x;
                double ben = 230 - 0.9 * (double)wd + gsl_ran_flat(rng, -20, 20);
                ben = ben < 0 ? 0 : (ben > 260 ? 260 : ben);
                unsigned gp = gsl_ran_poisson(rng, 3 + 2 * a);
                core_table_set_num(t, 0, row, (double)person);
                if ((st = core_table_set_text(t, 1, row, gname[g])) != CORE_OK) {
                    free(gname);
                    core_err_set(err, st, "out of memory");
                    goto done;
                }
                core_table_set_num(t, 2, row, (double)year);
                core_table_set_num(t, 3, row, (double)(age0 + q));
                core_table_set_num(t, 4, row, treated ? 1 : 0);
                core_table_set_num(t, 5, row, (double)wd);
                core_table_set_num(t, 6, row, floor(ben + 0.5));
                core_table_set_num(t, 7, row, (double)gp);
                row++;
                if (!spells || wd == 0)
                    continue;
                /* spells giving exactly wd weekdays in this year */
                long W = nwd[q];
                int half = y0 > 0 && 2 * y0 + x <= W && gsl_rng_uniform(rng) < 0.2;
                long len0 = half ? 2 * y0 : y0;
                long off = (long)gsl_rng_uniform_int(rng, (unsigned long)(W - len0 - x + 1));
                int dup = y0 > 0 && !half && gsl_rng_uniform(rng) < 0.05;
                spell_rec rec[3];
                int nr = 0;
                if (y0 > 0) {
                    rec[nr++] = (spell_rec){person, wdays[q][off], wdays[q][off + len0 - 1], half ? 50 : 100};
                    if (dup)
                        rec[nr++] = rec[0];
                }
                if (x > 0)
                    rec[nr++] = (spell_rec){person, wdays[q][off + len0], wdays[q][off + len0 + x - 1], 100};
                for (int r = 0; r < nr; r++) {
                    if (nsp == capsp) {
                        size_t nc = capsp ? 2 * capsp : 4096;
                        spell_rec *ns = realloc(sp, nc * sizeof *ns);
                        if (!ns) {
                            free(gname);
                            st = NOMEM(err);
                            goto done;
                        }
                        sp = ns;
                        capsp = nc;
                    }
                    sp[nsp++] = rec[r];
                }
            }
        }
    }
    free(gname);
    if (spells) {
        static const char *const sn[] = {"person", "start", "end", "share"};
        static const core_col_type stp[] = {CORE_COL_NUMERIC, CORE_COL_CATEGORICAL, CORE_COL_CATEGORICAL,
                                            CORE_COL_NUMERIC};
        core_table *s = core_table_new("spells (synthetic)", nsp, 4, sn, stp);
        if (!s) {
            st = NOMEM(err);
            goto done;
        }
        char b[32];
        for (size_t i = 0; i < nsp && st == CORE_OK; i++) {
            core_table_set_num(s, 0, i, (double)sp[i].person);
            date_text(sp[i].start, b, sizeof b);
            st = core_table_set_text(s, 1, i, b);
            date_text(sp[i].end, b, sizeof b);
            if (st == CORE_OK)
                st = core_table_set_text(s, 2, i, b);
            core_table_set_num(s, 3, i, sp[i].share);
        }
        if (st != CORE_OK) {
            core_table_free(s);
            core_err_set(err, st, "out of memory");
            goto done;
        }
        *spells = s;
    }
    *panel = t;
    t = NULL;
done:
    core_table_free(t);
    free(size);
    free(shock);
    free(wdays);
    free(nwd);
    free(sp);
    return st;
}
