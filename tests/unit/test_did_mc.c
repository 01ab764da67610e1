/* Monte Carlo of the registry design (realworld/rw_simulate.c: 11 municipalities of unequal size,
 * 50 persons each on average, 2010-2019, exposure from 2015, municipality-year shocks of sd 2.3 workdays).
 * Fixed seeds: the rates are reproducible and docs/methods.md (registries) quotes them.
 *
 *  1. Three treated municipalities of 11, true effect 0, 4,000 panels: the restricted wild cluster
 *     bootstrap (WCR, Rademacher, full enumeration of 2^11 vectors) rejects at 5% between 4% and 6%;
 *     CR1 with t(G-1) over-rejects (its rate exceeds WCR's by more than 3 binomial SEs).
 *  2. The same with the true effect (average +5.6 workdays), 1,000 panels: the TWFE estimate is unbiased
 *     (mean within 4 Monte Carlo SEs of 5.6).
 *  3. One treated municipality of 11 (the Bodø design), true effect 0, 2,000 panels: CR1 and CR2 reject
 *     far too often, WCR almost never, and randomisation inference over the 11 placebo assignments rejects
 *     at its attainable level 1/11 about 1/11 of the time (it can never reject at 5%: its smallest p is 1/11). */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "realworld/rw.h"
#include "stats/st_cluster.h"
#include "stats/st_twfe.h"
#include "stats/st_wild.h"
#include "tests/t_check.h"

typedef struct rates {
    long reps, cr1, cr2, wild, ri;
    double sum_b, sum_b2;
} rates;

static void run(long reps, long treated, double effect, unsigned long seed, rates *out)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    *out = (rates){.reps = reps};
    core_err err;
    for (long k = 0; k < reps; k++) {
        rw_sim_opts so = {.persons = 550, .clusters = 11, .treated = treated, .first_year = 2010, .last_year = 2019,
                          .exposure_year = 2015, .effect_scale = effect, .shock_sd = 2.3};
        core_table *t;
        if (rw_simulate(&so, r, &t, NULL, &err) != CORE_OK)
            break;
        size_t n = t->n_rows;
        double *y = malloc(n * sizeof *y), *x = malloc(n * sizeof *x), *col = malloc(n * sizeof *col);
        int *u = malloc(n * sizeof *u), *yr = malloc(n * sizeof *yr), *cl = malloc(n * sizeof *cl);
        for (size_t i = 0; i < n; i++) {
            u[i] = (int)core_col_num(&t->cols[0], i) - 1;
            cl[i] = core_col_code(&t->cols[1], i);
            yr[i] = (int)core_col_num(&t->cols[2], i) - 2010;
            x[i] = core_col_num(&t->cols[4], i);
            y[i] = core_col_num(&t->cols[5], i);
        }
        st_fe fe[2] = {{u, 550}, {yr, 10}};
        st_twfe_data d = {.n = n, .y = y, .p = 1, .x = x, .fe = fe, .n_fe = 2, .cluster = cl, .n_clusters = 11};
        st_twfe_fit *f;
        if (st_twfe_estimate(&d, NULL, &f, &err) == CORE_OK) {
            st_coef_test ct;
            st_twfe_test(f, ST_VC_CR1, 0, 0.95, &ct, &err);
            out->cr1 += ct.p_value <= 0.05;
            if (st_twfe_cr2(f, 0, 0.95, &ct, &err) == CORE_OK)
                out->cr2 += ct.p_value <= 0.05;
            st_wild *w;
            st_wild_opts wo = {.draws = 9999};
            if (st_wild_new(f, 0, &wo, r, NULL, &w, &err) == CORE_OK) {
                st_wild_test wt;
                st_wild_pvalue(w, 0, &wt, &err);
                out->wild += wt.p_value <= 0.05;
                st_wild_free(w);
            }
            out->sum_b += f->beta[0];
            out->sum_b2 += f->beta[0] * f->beta[0];
            if (treated == 1) { /* the treatment moved to each municipality in turn, as rw_did.c does */
                int ex = 0;
                for (int h = 0; h < 11; h++) {
                    for (size_t i = 0; i < n; i++)
                        col[i] = cl[i] == h && yr[i] >= 5 ? 1 : 0;
                    st_demean_cols(f->dm, col, 1, NULL, NULL, &err);
                    double sxy = 0, sxx = 0;
                    for (size_t i = 0; i < n; i++) {
                        sxy += col[i] * f->yd[i];
                        sxx += col[i] * col[i];
                    }
                    ex += fabs(sxy / sxx) >= fabs(f->beta[0]) * (1 - 1e-9);
                }
                out->ri += ex <= 1; /* p = ex/11 <= 1/11 */
            }
            st_twfe_fit_free(f);
        }
        core_table_free(t);
        free(y);
        free(x);
        free(col);
        free(u);
        free(yr);
        free(cl);
    }
    gsl_rng_free(r);
}

static double rate(long k, long n) { return (double)k / (double)n; }

int main(void)
{
    gsl_set_error_handler_off();
    rates a;
    run(4000, 3, 0, 20240501, &a);
    double wr = rate(a.wild, a.reps), cr = rate(a.cr1, a.reps), se = sqrt(0.05 * 0.95 / (double)a.reps);
    printf("# 3 of 11 treated, null, %ld panels: CR1 %.4f, CR2 %.4f, WCR %.4f\n", a.reps, cr, rate(a.cr2, a.reps), wr);
    t_true(wr >= 0.04 && wr <= 0.06, "WCR rejects a true null 4-6%% of the time with 11 clusters (%.4f)", wr);
    t_true(cr > wr + 3 * se, "CR1 with t(G-1) over-rejects (%.4f against WCR %.4f)", cr, wr);

    rates b;
    run(1000, 3, 1, 20240502, &b);
    double mean = b.sum_b / (double)b.reps, sd = sqrt(b.sum_b2 / (double)b.reps - mean * mean);
    printf("# 3 of 11 treated, true effect 5.6, %ld panels: mean estimate %.3f (MC se %.3f)\n", b.reps, mean,
           sd / sqrt((double)b.reps));
    t_true(fabs(mean - 5.6) <= 4 * sd / sqrt((double)b.reps), "TWFE estimate unbiased for the true 5.6 (mean %.3f)",
           mean);

    rates c;
    run(2000, 1, 0, 20240503, &c);
    printf("# 1 of 11 treated, null, %ld panels: CR1 %.4f, CR2 %.4f, WCR %.4f, RI at p <= 1/11 %.4f\n", c.reps,
           rate(c.cr1, c.reps), rate(c.cr2, c.reps), rate(c.wild, c.reps), rate(c.ri, c.reps));
    t_true(rate(c.cr1, c.reps) > 0.3, "one treated cluster: CR1 rejects a true null far too often (%.3f)",
           rate(c.cr1, c.reps));
    t_true(rate(c.wild, c.reps) < 0.01, "one treated cluster: WCR almost never rejects (%.4f)", rate(c.wild, c.reps));
    t_true(fabs(rate(c.ri, c.reps) - 1.0 / 11) < 0.03,
           "one treated cluster: randomisation inference holds its attainable level 1/11 (%.4f)", rate(c.ri, c.reps));
    return t_summary("test_did_mc");
}
