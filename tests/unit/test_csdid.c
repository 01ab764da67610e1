/* stats/st_csdid and st_bacon: staggered adoption.
 *
 *  1. Goodman-Bacon: on a balanced panel with always-, never- and three timing groups (unequal sizes,
 *     effects that grow with exposure) the weights sum to 1 and sum(weight x 2x2 estimate) equals the TWFE
 *     coefficient of st_twfe (unit and period fixed effects) to 1e-9; the same without never/always groups.
 *  2. Callaway-Sant'Anna on a small panel: every ATT(g,t), the simple aggregation and a cell's cluster
 *     standard error recomputed here from their definitions (2x2 differences of means), for never- and
 *     not-yet-treated controls and both base periods; the multiplier bootstrap's interval brackets the estimate
 *     and its draws' variance is the influence-function variance.
 *  3. Monte Carlo of the roll-out simulator (realworld/rw_simulate.c, rollout design: 19 counties, 16 adopting
 *     2012-2019, effects 1.0, 3.5, 5.0, 10.5, 8.0 by years since the start; 500 small panels of 190 persons,
 *     fixed seed): the simple aggregated ATT is within 3 Monte Carlo SEs of its truth; TWFE on the same panels
 *     is biased (its mean more than 3 MC SEs from the truth, below it). Runs in about a second. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "realworld/rw.h"
#include "stats/st_bacon.h"
#include "stats/st_csdid.h"
#include "stats/st_twfe.h"
#include "tests/t_check.h"

/* TWFE coefficient of y on d with unit and period effects. */
static double twfe_beta(size_t n, const double *y, const double *d, const int *unit, size_t U, const int *per, size_t T)
{
    st_fe fe[2] = {{unit, U}, {per, T}};
    st_twfe_data dd = {.n = n, .y = y, .p = 1, .x = d, .fe = fe, .n_fe = 2};
    st_twfe_fit *f = NULL;
    core_err e;
    if (st_twfe_estimate(&dd, NULL, &f, &e) != CORE_OK) {
        printf("FAIL: twfe: %s\n", e.msg);
        return NAN;
    }
    double b = f->beta[0];
    st_twfe_fit_free(f);
    return b;
}

static void bacon_case(const int *starts, const int *gsize, size_t K, size_t T, gsl_rng *r, const char *what)
{
    size_t U = 0;
    for (size_t k = 0; k < K; k++)
        U += (size_t)gsize[k];
    size_t n = U * T;
    double *y = malloc(n * sizeof *y), *d = malloc(n * sizeof *d), *ybar = calloc(K * T, sizeof *ybar);
    double *size = malloc(K * sizeof *size);
    int *unit = malloc(n * sizeof *unit), *per = malloc(n * sizeof *per);
    size_t i = 0, u = 0;
    for (size_t k = 0; k < K; k++) {
        size[k] = gsize[k];
        for (int q = 0; q < gsize[k]; q++, u++) {
            double a = gsl_ran_gaussian(r, 2);
            for (size_t t = 0; t < T; t++, i++) {
                int tr = (int)t >= starts[k];
                double eff = tr ? 1.0 + 0.8 * (double)((int)t - starts[k]) : 0; /* grows with exposure */
                y[i] = a + 0.3 * (double)t + eff + gsl_ran_gaussian(r, 1);
                d[i] = tr;
                unit[i] = (int)u;
                per[i] = (int)t;
                ybar[k * T + t] += y[i] / size[k];
            }
        }
    }
    double b = twfe_beta(n, y, d, unit, U, per, T);
    st_bacon_result br;
    core_err e;
    if (st_bacon(K, T, size, starts, ybar, &br, &e) != CORE_OK)
        printf("FAIL: st_bacon: %s\n", e.msg);
    t_rel(br.sum_weights, 1.0, 1e-12, "%s: Bacon weights sum to 1", what);
    t_rel(br.sum_weighted, b, 1e-9, "%s: sum of weight x 2x2 estimate = the TWFE coefficient", what);
    t_rel(br.beta, b, 1e-9, "%s: closed-form coefficient from group means = st_twfe", what);
    double tw = 0;
    for (int t = 0; t < ST_BACON_NTYPES; t++)
        tw += br.type_weight[t];
    t_rel(tw, 1.0, 1e-12, "%s: type weights sum to 1", what);
    int nonneg = 1;
    for (size_t q = 0; q < br.n_pairs; q++)
        nonneg &= br.pair[q].weight >= 0;
    t_int(nonneg, 1, "%s: every weight is non-negative", what);
    st_bacon_result_free(&br);
    free(y);
    free(d);
    free(ybar);
    free(size);
    free(unit);
    free(per);
}

/* ---- 2: a small panel by hand ---- */

#define HU 7
#define HT 5
static const int hcoh[HU] = {2, 2, 3, 4, -1, -1, 0}; /* unit 6 treated throughout: left out */
static double hy[HU][HT];

static double mean_diff(int t, int b, const int *set)
{
    double s = 0;
    int m = 0;
    for (int i = 0; i < HU; i++)
        if (set[i]) {
            s += hy[i][t] - hy[i][b];
            m++;
        }
    return s / m;
}

static void cs_hand(st_cs_control ctl, st_cs_base base, gsl_rng *r)
{
    const char *what = ctl == ST_CS_NEVER ? (base == ST_CS_VARYING ? "never/varying" : "never/universal")
                                          : (base == ST_CS_VARYING ? "notyet/varying" : "notyet/universal");
    double y[HU * HT];
    int unit[HU * HT], per[HU * HT], cl[HU];
    size_t n = 0;
    for (int i = 0; i < HU; i++) {
        cl[i] = i;
        for (int t = 0; t < HT; t++, n++) {
            y[n] = hy[i][t];
            unit[n] = i;
            per[n] = t;
        }
    }
    st_cs_data d = {.n = n, .y = y, .unit = unit, .period = per, .U = HU, .T = HT, .cohort = hcoh, .cluster = cl,
                    .G = HU};
    st_cs_opts o = {.control = ctl, .base = base, .confidence = 0.95, .draws = 4000, .rng = r};
    st_cs_result res;
    core_err e;
    if (st_cs_estimate(&d, &o, &res, &e) != CORE_OK) {
        printf("FAIL: %s: %s\n", what, e.msg);
        t_int(0, 1, "%s estimated", what);
        return;
    }
    t_int((long)res.n_always, 1, "%s: the unit treated from period 0 is left out", what);
    double num = 0, den = 0;
    size_t checked = 0;
    for (size_t k = 0; k < res.n_cells; k++) {
        const st_cs_cell *c = &res.cell[k];
        int g = c->g, t = c->t;
        int b = base == ST_CS_UNIVERSAL || t >= g ? g - 1 : t - 1;
        t_int(c->base, b, "%s: ATT(%d,%d) base period", what, g, t);
        if (c->reference) {
            t_int(t, g - 1, "%s: reference cell at g-1", what);
            continue;
        }
        int tr[HU] = {0}, co[HU] = {0}, mx = t > b ? t : b, nco = 0;
        for (int i = 0; i < HU; i++) {
            tr[i] = hcoh[i] == g;
            co[i] = hcoh[i] != g && hcoh[i] != 0 && (hcoh[i] < 0 || (ctl == ST_CS_NOTYET && hcoh[i] > mx));
            nco += co[i];
        }
        if (nco == 0) {
            t_int(c->e.estimable, 0, "%s: ATT(%d,%d) without controls is not estimable", what, g, t);
            continue;
        }
        double want = mean_diff(t, b, tr) - mean_diff(t, b, co);
        t_rel(c->e.est, want, 1e-12, "%s: ATT(%d,%d) = difference of mean changes", what, g, t);
        /* its cluster se from the definition (one unit per cluster) */
        double m1 = mean_diff(t, b, tr), m0 = mean_diff(t, b, co), v = 0;
        int n1 = 0, n0 = 0;
        for (int i = 0; i < HU; i++) {
            n1 += tr[i];
            n0 += co[i];
        }
        for (int i = 0; i < HU; i++) {
            double dy = hy[i][t] - hy[i][b];
            double p = (tr[i] ? (dy - m1) / n1 : 0) - (co[i] ? (dy - m0) / n0 : 0);
            v += p * p;
        }
        t_rel(c->e.se, sqrt(v), 1e-12, "%s: ATT(%d,%d) se from the influence function", what, g, t);
        if (c->e.se > 0)
            t_int(c->e.lo <= c->e.est && c->e.est <= c->e.hi, 1, "%s: ATT(%d,%d) bootstrap interval brackets it",
                  what, g, t);
        if (t >= g) {
            double pg = 0;
            for (int i = 0; i < HU; i++)
                pg += hcoh[i] == g;
            num += pg * want;
            den += pg;
        }
        checked++;
    }
    t_int(checked > 0, 1, "%s: cells checked", what);
    t_rel(res.simple.est, num / den, 1e-12, "%s: simple aggregation = cohort-size weighted post cells", what);
    st_cs_result_free(&res);
}

/* ---- 3: Monte Carlo of the roll-out ---- */

static void rollout_mc(void)
{
    rw_sim_opts so = {.persons = 190, .clusters = 19, .treated = 16, .first_year = 2010, .last_year = 2019,
                      .exposure_year = 2012, .effect_scale = 1, .shock_sd = 2.3, .rollout = 1};
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 20120101);
    const int R = 500;
    double s_cs = 0, ss_cs = 0, s_tw = 0, ss_tw = 0, s_truth = 0, s_cov = 0;
    int done = 0;
    for (int rep = 0; rep < R; rep++) {
        core_table *tab = NULL;
        core_err e;
        if (rw_simulate(&so, r, &tab, NULL, &e) != CORE_OK) {
            printf("FAIL: rw_simulate: %s\n", e.msg);
            break;
        }
        size_t n = tab->n_rows, P = (size_t)so.persons, T = 10;
        double *y = malloc(n * sizeof *y), *dd = malloc(n * sizeof *dd);
        int *unit = malloc(n * sizeof *unit), *per = malloc(n * sizeof *per);
        int *coh = malloc(P * sizeof *coh), *cl = malloc(P * sizeof *cl);
        for (size_t q = 0; q < P; q++)
            coh[q] = -1;
        for (size_t i = 0; i < n; i++) {
            unit[i] = (int)core_col_num(&tab->cols[0], i) - 1;
            per[i] = (int)(core_col_num(&tab->cols[2], i) - 2010);
            dd[i] = core_col_num(&tab->cols[4], i);
            y[i] = core_col_num(&tab->cols[5], i);
            cl[unit[i]] = core_col_code(&tab->cols[1], i);
            if (dd[i] == 1 && (coh[unit[i]] < 0 || per[i] < coh[unit[i]]))
                coh[unit[i]] = per[i];
        }
        st_cs_data d = {.n = n, .y = y, .unit = unit, .period = per, .U = P, .T = T, .cohort = coh, .cluster = cl,
                        .G = (size_t)so.clusters};
        st_cs_opts o = {.control = ST_CS_NEVER, .base = ST_CS_VARYING, .confidence = 0.95};
        st_cs_result res;
        if (st_cs_estimate(&d, &o, &res, &e) == CORE_OK) {
            double num = 0, den = 0; /* the truth of the simple aggregation: sum p_g e(t - g) over post cells */
            for (size_t k = 0; k < res.n_cohorts; k++)
                for (int t = res.cohort[k]; t < (int)T; t++) {
                    num += res.share[k] * rw_sim_true_effect(t - res.cohort[k]);
                    den += res.share[k];
                }
            double truth = num / den, cs = res.simple.est, tw = twfe_beta(n, y, dd, unit, P, per, T);
            s_truth += truth;
            s_cs += cs - truth;
            ss_cs += (cs - truth) * (cs - truth);
            s_tw += tw - truth;
            ss_tw += (tw - truth) * (tw - truth);
            s_cov += fabs(cs - truth) <= 1.959963984540054 * res.simple.se;
            done++;
            st_cs_result_free(&res);
        } else
            printf("FAIL: replication %d: %s\n", rep, e.msg);
        free(y);
        free(dd);
        free(unit);
        free(per);
        free(coh);
        free(cl);
        core_table_free(tab);
    }
    gsl_rng_free(r);
    t_int(done, R, "roll-out Monte Carlo: %d replications estimated", R);
    double m_cs = s_cs / done, sd_cs = sqrt((ss_cs / done - m_cs * m_cs) * done / (done - 1)), se_cs = sd_cs / sqrt(done);
    double m_tw = s_tw / done, sd_tw = sqrt((ss_tw / done - m_tw * m_tw) * done / (done - 1)), se_tw = sd_tw / sqrt(done);
    printf("roll-out MC (%d panels of 190 persons x 10 years, 19 counties): truth %.4f; Callaway-Sant'Anna simple "
           "bias %.4f (MC se %.4f); TWFE bias %.4f (MC se %.4f); CS normal 95%% interval covers %.1f%%\n",
           done, s_truth / done, m_cs, se_cs, m_tw, se_tw, 100 * s_cov / done);
    t_int(fabs(m_cs) <= 3 * se_cs, 1, "roll-out: the simple aggregated ATT is within 3 MC SEs of the truth (bias %.4f, "
          "MC se %.4f)", m_cs, se_cs);
    t_int(m_tw < -3 * se_tw, 1, "roll-out: TWFE on the same panels is biased downward (bias %.4f, MC se %.4f)", m_tw,
          se_tw);
}

int main(int argc, char **argv)
{
    t_verbose = argc > 1 && !strcmp(argv[1], "-v");
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 2021);
    {
        int starts[] = {0, 2, 3, 5, 7}, size[] = {3, 5, 2, 4, 6};
        bacon_case(starts, size, 5, 7, r, "always, three timing groups, never");
    }
    {
        int starts[] = {1, 4, 6}, size[] = {7, 3, 5};
        bacon_case(starts, size, 3, 8, r, "timing groups only");
    }
    {
        int starts[] = {3, 6}, size[] = {4, 9};
        bacon_case(starts, size, 2, 6, r, "one timing group and never");
    }
    for (int i = 0; i < HU; i++)
        for (int t = 0; t < HT; t++)
            hy[i][t] = 10 + i + 0.5 * t + gsl_ran_gaussian(r, 1) + (hcoh[i] >= 0 && t >= hcoh[i] ? 2.0 + t : 0);
    cs_hand(ST_CS_NEVER, ST_CS_VARYING, r);
    cs_hand(ST_CS_NEVER, ST_CS_UNIVERSAL, r);
    cs_hand(ST_CS_NOTYET, ST_CS_VARYING, r);
    cs_hand(ST_CS_NOTYET, ST_CS_UNIVERSAL, r);
    {
        /* no never-treated unit: never-treated controls are refused, not-yet-treated ones work */
        int coh[3] = {1, 2, 3}, cl[3] = {0, 1, 2}, unit[12], per[12];
        double y[12];
        for (int i = 0; i < 12; i++) {
            unit[i] = i / 4;
            per[i] = i % 4;
            y[i] = gsl_ran_gaussian(r, 1);
        }
        st_cs_data d = {.n = 12, .y = y, .unit = unit, .period = per, .U = 3, .T = 4, .cohort = coh, .cluster = cl,
                        .G = 3};
        st_cs_opts o = {.control = ST_CS_NEVER, .confidence = 0.95};
        st_cs_result res;
        core_err e;
        t_int(st_cs_estimate(&d, &o, &res, &e), CORE_ERR_ANALYSIS, "no never-treated unit: refused (%s)", e.msg);
        o.control = ST_CS_NOTYET;
        t_int(st_cs_estimate(&d, &o, &res, &e), CORE_OK, "no never-treated unit, not-yet-treated controls: estimated");
        st_cs_result_free(&res);
    }
    gsl_rng_free(r);
    rollout_mc();
    return t_summary("test_csdid");
}
