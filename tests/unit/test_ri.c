/* stats/st_ri: randomisation inference over placebo cluster assignments and the Conley-Taber interval.
 *
 *  1. Counting: C(G, k) assignments, each once, the actual first; the exact size floor(alpha m)/m.
 *  2. Identities: the actual assignment's coefficient and CR1 t equal the fit's (st_twfe_test, CR1);
 *     a placebo's coefficient equals a fresh TWFE fit with the treatment moved there; the Conley-Taber
 *     interval with one treated cluster is [b - max W, b - min W] of the ten draws W_j computed here from
 *     their definition; with equal cluster sizes the Ferman-Pinto draws equal the plain ones.
 *  3. Monte Carlo (exchangeable clusters, one treated of 11, 20,000 panels, fixed seed): the Conley-Taber
 *     interval covers the truth with its stated level 9/11 = 81.8% within 3 Monte Carlo SEs; the
 *     randomisation tests on the coefficient and on the t-statistic reject a true null at p <= 1/11 with
 *     their stated size 1/11 within 3 MC SEs, and never at 5% (stated size 0).
 *  4. Monte Carlo with clusters of very different sizes (treated cluster the smallest, 2,000 panels): the
 *     plain Conley-Taber interval under-covers badly; the Ferman-Pinto correction covers more often but,
 *     with ten controls to fit its variance model, still below 81.8% (an asymptotic correction: its level
 *     is stated as approximate). */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats/st_cluster.h"
#include "stats/st_ri.h"
#include "stats/st_twfe.h"
#include "tests/t_check.h"

/* A repeated cross-section: G clusters of size[g] observations in each of T periods; cluster and period
 * fixed effects; treatment 1 in cluster 0 from period `first`. */
typedef struct panel {
    size_t n, G, T;
    double *y, *d;
    int *cl, *per;
    st_fe fe[2];
    st_twfe_data data;
} panel;

static void panel_make(panel *p, size_t G, size_t T, const int *size, int first, const int *treated, double beta,
                       double sd_cluster_period, double sd_person, gsl_rng *r)
{
    size_t n = 0;
    for (size_t g = 0; g < G; g++)
        n += (size_t)size[g] * T;
    p->n = n;
    p->G = G;
    p->T = T;
    p->y = malloc(n * sizeof *p->y);
    p->d = malloc(n * sizeof *p->d);
    p->cl = malloc(n * sizeof *p->cl);
    p->per = malloc(n * sizeof *p->per);
    size_t i = 0;
    for (size_t g = 0; g < G; g++) {
        double a = gsl_ran_gaussian(r, 1);
        for (size_t t = 0; t < T; t++) {
            double s = gsl_ran_gaussian(r, sd_cluster_period) + 0.3 * (double)t;
            for (int k = 0; k < size[g]; k++, i++) {
                p->cl[i] = (int)g;
                p->per[i] = (int)t;
                p->d[i] = treated[g] && (int)t >= first ? 1 : 0;
                p->y[i] = a + s + beta * p->d[i] + (sd_person > 0 ? gsl_ran_gaussian(r, sd_person) : 0);
            }
        }
    }
    p->fe[0] = (st_fe){p->cl, G};
    p->fe[1] = (st_fe){p->per, T};
    p->data = (st_twfe_data){.n = n, .y = p->y, .p = 1, .x = p->d, .fe = p->fe, .n_fe = 2, .cluster = p->cl,
                             .n_clusters = G};
}

static void panel_free(panel *p)
{
    free(p->y);
    free(p->d);
    free(p->cl);
    free(p->per);
}

static void check_counting(void)
{
    int tr[6] = {0, 1, 0, 0, 1, 0};
    st_ri_assign a;
    core_err err;
    t_int(st_ri_assign_make(tr, 6, 9999, NULL, &a, &err), CORE_OK, "assignments of 2 of 6");
    t_int((long)a.na, 15, "C(6, 2) = 15 assignments");
    t_true(a.enumerated, "enumerated");
    t_true(a.flag[1] && a.flag[4] && !a.flag[0], "row 0 is the actual assignment");
    int dup = 0, bad = 0;
    for (size_t r = 0; r < a.na; r++) {
        int k = 0;
        for (size_t g = 0; g < 6; g++)
            k += a.flag[r * 6 + g];
        bad += k != 2;
        for (size_t q = 0; q < r; q++)
            dup += memcmp(a.flag + r * 6, a.flag + q * 6, 6) == 0;
    }
    t_int(dup, 0, "every assignment once");
    t_int(bad, 0, "every assignment treats 2 clusters");
    st_ri_assign_free(&a);
    t_rel(st_rank_size(11, 0.05), 0, TOL_EXACT, "11 ranks: a 5%% test has size 0");
    t_rel(st_rank_size(11, 0.10), 1.0 / 11, TOL_EXACT, "11 ranks: a 10%% test has size 1/11");
    t_rel(st_rank_size(20, 0.05), 0.05, TOL_EXACT, "20 ranks: a 5%% test has size 1/20");
    t_rel(st_rank_size(1000, 0.05), 0.05, TOL_EXACT, "1000 ranks: a 5%% test has size 0.05");
}

static int dcmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* st_ri_refit's callback: the treatment moved to assignment a's clusters, from period 3. */
typedef struct refit_arg {
    const panel *p;
    const st_ri_assign *a;
    double *x;
} refit_arg;

static void refit_set(void *arg, size_t q)
{
    const refit_arg *r = arg;
    for (size_t i = 0; i < r->p->n; i++)
        r->x[i] = r->a->flag[q * r->p->G + (size_t)r->p->cl[i]] && r->p->per[i] >= 3;
}

static void check_identities(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    int size[11], tr[11] = {1};
    for (int g = 0; g < 11; g++)
        size[g] = 3 + 2 * g;
    panel p;
    panel_make(&p, 11, 6, size, 3, tr, 1.0, 1.0, 0.5, r);
    st_twfe_fit *f;
    core_err err;
    t_int(st_twfe_estimate(&p.data, NULL, &f, &err), CORE_OK, "fit");
    st_ri_assign a;
    st_ri_assign_make(tr, 11, 9999, NULL, &a, &err);
    st_ri_result ri;
    t_int(st_ri_run(f, &a, p.per, 3, 0.05, NULL, &ri, &err), CORE_OK, "randomisation inference runs");
    st_coef_test ct;
    st_twfe_test(f, ST_VC_CR1, 0, 0.95, &ct, &err);
    t_rel(ri.b[0], f->beta[0], 1e-10, "actual coefficient = the fit's");
    t_rel(ri.t[0], ct.statistic, 1e-10, "actual t = the fit's CR1 t");
    t_int((long)ri.used, 11, "11 assignments used");
    t_rel(ri.p_min, 1.0 / 11, TOL_EXACT, "smallest p = 1/11");
    /* a placebo equals a fresh fit with the treatment moved to that cluster */
    for (size_t q = 1; q < a.na; q += 4) {
        size_t h = 0;
        while (!a.flag[q * 11 + h])
            h++;
        double *d2 = malloc(p.n * sizeof *d2);
        for (size_t i = 0; i < p.n; i++)
            d2[i] = (size_t)p.cl[i] == h && p.per[i] >= 3;
        st_twfe_data d = p.data;
        d.x = d2;
        st_twfe_fit *f2;
        st_twfe_estimate(&d, NULL, &f2, &err);
        st_twfe_test(f2, ST_VC_CR1, 0, 0.95, &ct, &err);
        t_rel(ri.b[q], f2->beta[0], 1e-8, "placebo %zu: coefficient = a fresh fit's", q);
        t_rel(ri.t[q], ct.statistic, 1e-8, "placebo %zu: t = a fresh fit's CR1 t", q);
        st_twfe_fit_free(f2);
        free(d2);
    }
    size_t ex = 0;
    for (size_t q = 0; q < 11; q++)
        ex += fabs(ri.b[q]) >= fabs(ri.b[0]) * (1 - 1e-9);
    t_rel(ri.p_b, (double)ex / 11, TOL_EXACT, "p = share of |b| >= |b0|");
    {
        /* st_ri_refit (a fresh fit per assignment) against st_ri_run (the placebo coefficient from the actual fit's
         * projections): the same counts; with one coefficient the joint sum of squares is the |b| test */
        double *x = malloc(p.n * sizeof *x);
        memcpy(x, p.d, p.n * sizeof *x);
        refit_arg ra = {&p, &a, x};
        st_twfe_data d = p.data;
        d.x = x;
        size_t exr[1], exj = 0, used = 0, joint[1] = {0};
        double q0 = 0;
        t_int(st_ri_refit(&d, refit_set, &ra, a.na, f, 1, joint, 1, NULL, "placebos", exr, &q0, &exj, &used, &err),
              CORE_OK, "refitting randomisation inference runs");
        t_int((long)used, (long)ri.used, "refit: as many assignments used");
        t_int((long)exr[0], (long)ri.ex_b, "refit: as many |b| >= |b0| as st_ri_run");
        t_int((long)exj, (long)ri.ex_b, "refit: the one-coefficient joint test is the same test");
        t_rel(q0, f->beta[0] * f->beta[0], TOL_EXACT, "refit: the joint statistic is b0^2");
        t_true(st_ri_refit(&d, refit_set, &ra, a.na, f, 2, joint, 1, NULL, "placebos", exr, &q0, &exj, &used, &err) ==
                   CORE_ERR_ANALYSIS,
               "refit: more coefficients than the fit has refused");
        free(x);
    }
    st_ri_result_free(&ri);
    st_ri_assign_free(&a);
    /* Conley-Taber from its definition: W_j = sum_t D_0t eta_jt / S with d~ the demeaned treatment */
    double S = 0, D[6] = {0}, eta[11][6] = {{0}}, cnt[11][6] = {{0}}, W[10];
    for (size_t i = 0; i < p.n; i++) {
        S += f->xd[i] * f->xd[i];
        if (p.cl[i] == 0)
            D[p.per[i]] += f->xd[i];
        eta[p.cl[i]][p.per[i]] += f->resid[i];
        cnt[p.cl[i]][p.per[i]] += 1;
    }
    for (int j = 1; j < 11; j++) {
        W[j - 1] = 0;
        for (int t = 0; t < 6; t++)
            W[j - 1] += D[t] * eta[j][t] / cnt[j][t] / S;
    }
    qsort(W, 10, sizeof *W, dcmp);
    st_ct_result c;
    t_int(st_conley_taber(f, tr, p.per, 6, 0, 0.95, 9999, NULL, &c, &err), CORE_OK, "Conley-Taber runs");
    t_rel(c.lo, f->beta[0] - W[9], 1e-10, "Conley-Taber low = b - max W");
    t_rel(c.hi, f->beta[0] - W[0], 1e-10, "Conley-Taber high = b - min W");
    t_rel(c.level, 9.0 / 11, TOL_EXACT, "ten controls: attained coverage 9/11");
    t_true(c.level_exact && c.below_requested, "the level is exact and below the requested 95%%");
    t_rel(c.p_min, 1.0 / 11, TOL_EXACT, "smallest Conley-Taber p = 1/11");
    t_int(st_conley_taber(f, tr, p.per, 6, 0, 0.80, 9999, NULL, &c, &err), CORE_OK, "Conley-Taber at 80%%");
    t_rel(c.level, 9.0 / 11, TOL_EXACT, "at 80%% requested the min-max interval attains 81.8%%, at least 80%%");
    t_true(!c.below_requested, "81.8%% is not below 80%%");
    st_twfe_fit_free(f);
    panel_free(&p);
    /* equal sizes: Ferman-Pinto leaves the draws unchanged */
    for (int g = 0; g < 11; g++)
        size[g] = 6;
    panel_make(&p, 11, 6, size, 3, tr, 1.0, 1.0, 0.5, r);
    st_twfe_estimate(&p.data, NULL, &f, &err);
    st_ct_result c0, c1;
    st_conley_taber(f, tr, p.per, 6, 0, 0.95, 9999, NULL, &c0, &err);
    st_conley_taber(f, tr, p.per, 6, 1, 0.95, 9999, NULL, &c1, &err);
    t_rel(c1.lo, c0.lo, TOL_EXACT, "equal sizes: Ferman-Pinto low = plain");
    t_rel(c1.hi, c0.hi, TOL_EXACT, "equal sizes: Ferman-Pinto high = plain");
    st_twfe_fit_free(f);
    panel_free(&p);
    gsl_rng_free(r);
}

typedef struct mc {
    long reps, cover_ct, cover_fp, ri_b, ri_t, ri_b5, fp_used;
} mc;

static void run_mc(long reps, const int *size, double sd_cp, double sd_person, unsigned long seed, mc *out)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    *out = (mc){.reps = reps};
    int tr[11] = {1};
    const double beta = 2.0;
    for (long k = 0; k < reps; k++) {
        panel p;
        panel_make(&p, 11, 8, size, 4, tr, beta, sd_cp, sd_person, r);
        st_twfe_fit *f;
        core_err err;
        if (st_twfe_estimate(&p.data, NULL, &f, &err) == CORE_OK) {
            st_ct_result c;
            if (st_conley_taber(f, tr, p.per, 8, 0, 0.95, 9999, NULL, &c, &err) == CORE_OK)
                out->cover_ct += c.lo <= beta && beta <= c.hi;
            if (st_conley_taber(f, tr, p.per, 8, 1, 0.95, 9999, NULL, &c, &err) == CORE_OK) {
                out->cover_fp += c.lo <= beta && beta <= c.hi;
                out->fp_used += c.fp;
            }
            /* the null: same panel with the effect taken out */
            for (size_t i = 0; i < p.n; i++)
                p.y[i] -= beta * p.d[i];
            st_twfe_fit *f0;
            if (st_twfe_estimate(&p.data, NULL, &f0, &err) == CORE_OK) {
                st_ri_assign a;
                st_ri_result ri;
                st_ri_assign_make(tr, 11, 9999, NULL, &a, &err);
                if (st_ri_run(f0, &a, p.per, 4, 0.05, NULL, &ri, &err) == CORE_OK) {
                    out->ri_b += ri.p_b <= 1.0 / 11 + 1e-12;
                    out->ri_t += ri.p_t <= 1.0 / 11 + 1e-12;
                    out->ri_b5 += ri.p_b <= 0.05;
                    st_ri_result_free(&ri);
                }
                st_ri_assign_free(&a);
                st_twfe_fit_free(f0);
            }
            st_twfe_fit_free(f);
        }
        panel_free(&p);
    }
    gsl_rng_free(r);
}

int main(void)
{
    gsl_set_error_handler_off();
    check_counting();
    check_identities();

    int eq[11];
    for (int g = 0; g < 11; g++)
        eq[g] = 1; /* exchangeable clusters: one aggregate per cluster and period */
    mc a;
    run_mc(20000, eq, 1.0, 0, 20261203, &a);
    double lev = 9.0 / 11, se = sqrt(lev * (1 - lev) / (double)a.reps), cov = (double)a.cover_ct / (double)a.reps;
    double sz = 1.0 / 11, sse = sqrt(sz * (1 - sz) / (double)a.reps);
    double rb = (double)a.ri_b / (double)a.reps, rt = (double)a.ri_t / (double)a.reps;
    printf("# exchangeable clusters, 1 treated of 11, %ld panels: Conley-Taber coverage %.4f (stated %.4f, MC se %.4f); "
           "RI on b rejects at p <= 1/11 %.4f, on t %.4f (stated %.4f, MC se %.4f); at 5%% %.4f\n",
           a.reps, cov, lev, se, rb, rt, sz, sse, (double)a.ri_b5 / (double)a.reps);
    t_true(fabs(cov - lev) <= 3 * se, "Conley-Taber covers at its stated 81.8%% within 3 MC SEs (%.4f)", cov);
    t_true(fabs(rb - sz) <= 3 * sse, "RI on the coefficient has its stated size 1/11 within 3 MC SEs (%.4f)", rb);
    t_true(fabs(rt - sz) <= 3 * sse, "RI on the t-statistic has its stated size 1/11 within 3 MC SEs (%.4f)", rt);
    t_int(a.ri_b5, 0, "RI never rejects at 5%% with 11 assignments (stated size 0)");

    int un[11] = {10, 150, 120, 100, 80, 60, 50, 40, 30, 20, 10}; /* the treated cluster is (one of) the smallest */
    mc b;
    run_mc(2000, un, 0.05, 1.0, 20261204, &b);
    se = sqrt(lev * (1 - lev) / (double)b.reps);
    double cb = (double)b.cover_ct / (double)b.reps, cf = (double)b.cover_fp / (double)b.reps;
    printf("# unequal sizes (treated cluster smallest), %ld panels: Conley-Taber coverage %.4f, with Ferman-Pinto %.4f "
           "(applied in %ld; stated %.4f, MC se %.4f)\n",
           b.reps, cb, cf, b.fp_used, lev, se);
    t_true(cb < lev - 3 * se, "unequal sizes: plain Conley-Taber under-covers (%.4f)", cb);
    t_true(cf > cb + 3 * se, "unequal sizes: the Ferman-Pinto correction covers more often than plain Conley-Taber "
           "(%.4f against %.4f)", cf, cb);
    t_true(cf < lev - 3 * se, "unequal sizes, ten controls: Ferman-Pinto is still below 81.8%%, which is why its level is "
           "stated as approximate (%.4f)", cf);
    return t_summary("test_ri");
}
