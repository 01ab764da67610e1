/* cea/ and the generic estimators under it (stats/st_cea.c, stats/st_boot.c): the incremental analysis against
 * frontiers worked by hand, discounted costs and QALYs and the regression-adjusted increments against R's lm, the
 * BCa acceleration against boot::empinf(type = "jack") and the percentile and BCa intervals against boot.ci on the
 * same resampled statistics (tests/reference/kits/cea, made by its reference.R), and the bootstrap's
 * reproducibility and convergence. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../t_check.h"
#include "cea/cea.h"
#include "core/core_data.h"
#include "tests/unit/kit.h"
#include "rct/rct.h"
#include "stats/st_boot.h"
#include "stats/st_cea.h"

#define KIT "tests/reference/kits/cea/"
#define TOL_R 1e-9 /* the agreement with R */

static const char *const names5[] = {"A", "B", "C", "D", "E"};

static void check_option(const st_ce_option *o, const char *name, st_ce_status status, long by, long by2, long prev,
                         double icer)
{
    t_str(st_ce_status_name(o->status), st_ce_status_name(status), "frontier: %s status", name);
    t_int(o->by, by, "frontier: %s dominated by", name);
    t_int(o->by2, by2, "frontier: %s second of the pair", name);
    t_int(o->prev, prev, "frontier: %s previous frontier option", name);
    if (isnan(icer)) /* the caller's NAN: an option off the frontier, or its first, has no ICER */
        t_nan(o->icer, "frontier: %s has no ICER", name);
    else
        t_rel(o->icer, icer, TOL_EXACT, "frontier: %s ICER", name);
}

/* Table 1 (hand-worked): extended dominance twice over. Points (QALY, cost): A (0, 0), B (0.1, 50), C (0.2, 80),
 * D (0.3, 100), E (1.3, 1000). ICERs in cost order: B vs A 500 > C vs B 300, so B goes; then C vs A 400 > D vs C
 * 200, so C goes; D vs A 333.33 < E vs D 900. Frontier A, D, E; B and C are extendedly dominated by the pair
 * (A, D) that brackets their QALYs. Given in scrambled order. */
static void test_frontier_extended(void)
{
    /* input order: C, E, A, D, B */
    double cost[5] = {80, 1000, 0, 100, 50}, eff[5] = {0.2, 1.3, 0, 0.3, 0.1};
    st_ce_option o[5];
    core_err err;
    t_int(st_ce_frontier(cost, eff, 5, o, &err), CORE_OK, "frontier table 1 runs");
    enum { C, E, A, D, B };
    check_option(&o[A], names5[0], ST_CE_START, -1, -1, -1, NAN);
    check_option(&o[B], names5[1], ST_CE_EXTENDED, A, D, -1, NAN);
    check_option(&o[C], names5[2], ST_CE_EXTENDED, A, D, -1, NAN);
    check_option(&o[D], names5[3], ST_CE_FRONTIER, -1, -1, A, 100 / 0.3);
    check_option(&o[E], names5[4], ST_CE_FRONTIER, -1, -1, D, 900 / 1.0);
    t_int((long)o[A].cost_rank, 0, "frontier table 1: A is the cheapest");
    t_int((long)o[E].cost_rank, 4, "frontier table 1: E the dearest");
}

/* Table 2 (hand-worked): ties in cost. A (0, 0); B and C both cost 200 with QALYs 1.0 and 1.2 (B dominated by C);
 * D and E both cost 500 with QALYs 2.0 and 1.9 (E dominated by D). Frontier A, C (ICER 200 / 1.2 = 166.67),
 * D (ICER 300 / 0.8 = 375). */
static void test_frontier_cost_tie(void)
{
    double cost[5] = {0, 200, 200, 500, 500}, eff[5] = {0, 1.0, 1.2, 2.0, 1.9};
    st_ce_option o[5];
    core_err err;
    t_int(st_ce_frontier(cost, eff, 5, o, &err), CORE_OK, "frontier table 2 runs");
    check_option(&o[0], "A", ST_CE_START, -1, -1, -1, NAN);
    check_option(&o[1], "B", ST_CE_DOMINATED, 2, -1, -1, NAN);
    check_option(&o[2], "C", ST_CE_FRONTIER, -1, -1, 0, 200 / 1.2);
    check_option(&o[3], "D", ST_CE_FRONTIER, -1, -1, 2, 300 / 0.8);
    check_option(&o[4], "E", ST_CE_DOMINATED, 3, -1, -1, NAN);
    t_int((long)o[2].cost_rank, 1, "frontier table 2: of the cost tie the more effective C ranks first");
    /* Table 3 (hand-worked): a tie in QALYs, identical options, and a dominant option that is not the cheapest.
     * A (100, 1), B (150, 1) dominated by A (same QALYs, dearer); C (100, 1) identical to A; D (90, 2) dominates
     * A, B and C; E (400, 3): ICER vs D 310 / 1 = 310. The cheapest-then-most-effective dominator is named. */
    double c3[5] = {100, 150, 100, 90, 400}, e3[5] = {1, 1, 1, 2, 3};
    t_int(st_ce_frontier(c3, e3, 5, o, &err), CORE_OK, "frontier table 3 runs");
    check_option(&o[0], "A", ST_CE_DOMINATED, 3, -1, -1, NAN);
    check_option(&o[1], "B", ST_CE_DOMINATED, 3, -1, -1, NAN);
    check_option(&o[2], "C", ST_CE_DOMINATED, 3, -1, -1, NAN);
    check_option(&o[3], "D", ST_CE_START, -1, -1, -1, NAN);
    check_option(&o[4], "E", ST_CE_FRONTIER, -1, -1, 3, 310);
    t_true(!o[0].identical, "frontier table 3: A is dominated, not merely identical");
    double c4[2] = {5, 5}, e4[2] = {1, 1};
    t_int(st_ce_frontier(c4, e4, 2, o, &err), CORE_OK, "two identical options run");
    check_option(&o[0], "first of two identical", ST_CE_START, -1, -1, -1, NAN);
    check_option(&o[1], "second of two identical", ST_CE_DOMINATED, 0, -1, -1, NAN);
    t_true(o[1].identical, "identical options: the second is said to be identical");
    /* equal ICERs keep the middle option on the frontier: (0,0), (1,100), (2,200) */
    double c5[3] = {0, 100, 200}, e5[3] = {0, 1, 2};
    t_int(st_ce_frontier(c5, e5, 3, o, &err), CORE_OK, "collinear options run");
    check_option(&o[1], "collinear middle", ST_CE_FRONTIER, -1, -1, 0, 100);
    double bad[2] = {0, NAN};
    t_int(st_ce_frontier(bad, e5, 2, o, &err), CORE_ERR_ANALYSIS, "a non-finite cost is refused");
}

/* Acceptability over options, worked by hand: two draws of three options (cost, effect) at lambda = 10:
 * draw 1 NB = (0, 10 - 5 = 5, 20 - 30 = -10) -> option 1; draw 2 NB = (0, 0 - 5 = -5, 30 - 20 = 10) -> option 2.
 * P = (0, 1/2, 1/2); mean NB = (0, 0, 0): a three-way tie goes to option 0; EVPI = (5 + 10)/2 - 0 = 7.5. */
static void test_acceptability(void)
{
    double c[6] = {0, 5, 30, 0, 5, 20}, e[6] = {0, 1, 2, 0, 0, 3}, p[3], m[3], evpi;
    size_t best;
    st_ce_acceptability(c, e, 2, 3, 10, p, m, &best, &evpi);
    t_rel(p[0], 0, TOL_EXACT, "acceptability: option 0 never best");
    t_rel(p[1], 0.5, TOL_EXACT, "acceptability: option 1 best in one draw of two");
    t_rel(p[2], 0.5, TOL_EXACT, "acceptability: option 2 best in the other");
    t_int((long)best, 0, "acceptability frontier: a tie in mean NB goes to the first option");
    t_rel(evpi, 7.5, TOL_EXACT, "EVPI = mean of the maximum minus the maximum of the means");
    /* ties within a draw are shared: NB (0, 0) */
    double c2[2] = {0, 0}, e2[2] = {0, 0};
    st_ce_acceptability(c2, e2, 1, 2, 1, p, m, &best, &evpi);
    t_rel(p[0], 0.5, TOL_EXACT, "acceptability: a tie within a draw is shared");
}

/* R's norm.inter by hand: R = 9 sorted 1..9; alpha 0.1 -> (R + 1) alpha = 1, the first; alpha 0.5 -> 5;
 * alpha 0.25 -> 2.5: between t2 and t3 on the normal scale, 2 + (qnorm(.25) - qnorm(.2)) / (qnorm(.3) - qnorm(.2));
 * alpha 0.01 -> below 1: the extreme. */
static void test_norm_inter(void)
{
    double t[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    t_rel(st_boot_norm_inter(t, 9, 0.1), 1, TOL_EXACT, "norm.inter: whole rank 1");
    t_rel(st_boot_norm_inter(t, 9, 0.5), 5, TOL_EXACT, "norm.inter: whole rank 5");
    double z = -0.674489750196081743, z2 = -0.841621233572914406, z3 = -0.524400512708041203;
    t_rel(st_boot_norm_inter(t, 9, 0.25), 2 + (z - z2) / (z3 - z2), 1e-14, "norm.inter: interpolated on the normal "
          "scale");
    t_rel(st_boot_norm_inter(t, 9, 0.01), 1, TOL_EXACT, "norm.inter: below the first rank, the extreme");
    t_rel(st_boot_norm_inter(t, 9, 0.999), 9, TOL_EXACT, "norm.inter: above the last rank, the extreme");
    double lo, hi;
    const char *why;
    core_err err;
    double flat[4] = {1, 1, 1, 1};
    st_boot_bca(1, flat, 4, 0, 0.95, &lo, &hi, &why, &err);
    t_true(isnan(lo) && why != NULL, "BCa with every replicate equal to t0: undefined, said why");
}

/* ---- the kit ---- */

typedef struct kit {
    core_config *cfg;
    core_table *t;
    rct_spec rs;
    rct_trial tr;
    const char *arm_names[8];
    cea_spec s;
    cea_data d;
} kit;

/* the sections as the program declares them (their owners' key tables) */
static const core_cfg_section kit_schema[] = {
    {"trial", NULL, rct_trial_keys, core_data_keys},
    {"outcome:*", NULL, rct_outcome_keys, NULL},
    {"cea", NULL, cea_keys, core_data_keys},
};

static int kit_open(kit *k)
{
    memset(k, 0, sizeof *k);
    core_err err;
    if (!(k->cfg = core_config_load(KIT "kit.ini", kit_schema, 3, &err)) ||
        rct_spec_from_config(k->cfg, 0.95, &k->rs, &err) != CORE_OK ||
        core_data_read_section(k->cfg, "trial", "data", &k->t, NULL, &err) != CORE_OK ||
        rct_trial_load(k->cfg, &k->rs, k->t, &k->tr, &err) != CORE_OK || cea_spec_from_config(k->cfg, 0.95, &k->s, &err) != CORE_OK) {
        printf("FAIL: the kit does not load: %s\n", err.msg);
        t_failed++;
        return 0;
    }
    k->arm_names[0] = k->rs.control;
    for (size_t a = 1; a < k->tr.n_arms; a++)
        k->arm_names[a] = k->rs.treatments[a - 1];
    cea_trial_view v = {k->t, k->tr.arm, k->arm_names, k->tr.n_arms, k->rs.id, k->rs.site, k->rs.control};
    if (cea_data_build(k->cfg, &k->s, &v, NULL, &k->d, &err) != CORE_OK) {
        printf("FAIL: the kit's data: %s\n", err.msg);
        t_failed++;
        return 0;
    }
    return 1;
}

static void kit_close(kit *k)
{
    cea_data_free(&k->d);
    cea_spec_free(&k->s);
    rct_trial_free(&k->tr);
    rct_spec_free(&k->rs);
    core_table_free(k->t);
    core_config_free(k->cfg);
}

static void test_kit(void)
{
    kit k;
    if (!kit_open(&k))
        return;
    core_table *e = kit_read_path(KIT "expected.csv");
    cea_data *d = &k.d;
    t_str(d->options[0], "C", "kit: the reference is the control C");
    t_str(d->options[1], "A", "kit: then the trial's arms in order");
    for (size_t j = 0; j < 3; j++)
        t_rel((double)d->n_cc[j], kit_value(e, "complete_cases", d->options[j], "n"), TOL_EXACT,
              "kit: complete cases of %s", d->options[j]);
    long idc = core_table_find(k.t, "id");
    size_t checked = 0;
    for (size_t i = 0; i < d->n; i++) {
        char id[64];
        core_cell_text(k.t, (size_t)idc, d->row[i], id, sizeof id);
        t_rel(d->cost[i], kit_value(e, "participant", id, "cost"), TOL_R, "kit: discounted cost of participant %s", id);
        t_rel(d->qaly[i], kit_value(e, "participant", id, "qaly"), TOL_R, "kit: QALYs of participant %s", id);
        checked++;
    }
    t_int((long)checked, 137, "kit: every complete case checked");
    cea_result r;
    core_err err;
    t_int(cea_analyse(&k.s, d, NULL, NULL, &r, &err), CORE_OK, "kit: analysis without bootstrap runs");
    for (size_t j = 1; j < 3; j++) {
        const char *o = d->options[j];
        t_rel(r.dc[j].est, kit_value(e, "incremental_cost", o, "estimate"), TOL_R, "kit: incremental cost of %s (lm)", o);
        t_rel(r.dc[j].se, kit_value(e, "incremental_cost", o, "se"), TOL_R, "kit: its se (%s)", o);
        t_rel(r.dq[j].est, kit_value(e, "incremental_qaly_adjusted", o, "estimate"), TOL_R,
              "kit: incremental QALYs of %s adjusted for baseline utility and site (lm)", o);
        t_rel(r.dq[j].se, kit_value(e, "incremental_qaly_adjusted", o, "se"), TOL_R, "kit: its se (%s)", o);
        t_rel(r.dq_unadj[j].est, kit_value(e, "incremental_qaly_unadjusted", o, "estimate"), TOL_R,
              "kit: unadjusted incremental QALYs of %s (lm)", o);
        t_rel(r.dq_unadj[j].se, kit_value(e, "incremental_qaly_unadjusted", o, "se"), TOL_R, "kit: its se (%s)", o);
    }
    t_rel(r.dc[1].accel, kit_value(e, "acceleration", "A", "cost"), TOL_R,
          "kit: BCa acceleration of A's cost increment = boot::empinf(type = \"jack\")");
    t_rel(r.dq[1].accel, kit_value(e, "acceleration", "A", "qaly"), TOL_R,
          "kit: BCa acceleration of A's QALY increment = boot::empinf(type = \"jack\")");
    t_rel(r.mean_cost[2].accel, kit_value(e, "acceleration", "B", "mean_cost"), TOL_R,
          "kit: BCa acceleration of B's mean cost = boot::empinf(type = \"jack\")");
    /* boot.ci on R's own resampled statistics, with our acceleration */
    core_table *bt = kit_read_path(KIT "boot_t.csv");
    double *t = kit_col(bt, "t");
    double t0 = kit_value(e, "boot_ci", "A", "t0"), lo, hi;
    const char *why;
    t_rel(r.dc[1].est, t0, TOL_R, "kit: the bootstrap's t0 is our estimate");
    static const char *const set[2] = {"boot_ci", "boot_ci90"};
    const double conf[2] = {0.95, 0.90};
    for (int c = 0; c < 2; c++) {
        st_boot_percentile(t, bt->n_rows, conf[c], &lo, &hi, &why, &err);
        t_rel(lo, kit_value(e, set[c], "A", "perc_lo"), TOL_R, "kit: boot.ci percentile lower (%g)", conf[c]);
        t_rel(hi, kit_value(e, set[c], "A", "perc_hi"), TOL_R, "kit: boot.ci percentile upper (%g)", conf[c]);
        st_boot_bca(t0, t, bt->n_rows, r.dc[1].accel, conf[c], &lo, &hi, &why, &err);
        t_rel(lo, kit_value(e, set[c], "A", "bca_lo"), TOL_R, "kit: boot.ci BCa lower (%g)", conf[c]);
        t_rel(hi, kit_value(e, set[c], "A", "bca_hi"), TOL_R, "kit: boot.ci BCa upper (%g)", conf[c]);
    }
    free(t);
    core_table_free(bt);
    cea_result_free(&r);
    core_table_free(e);
    kit_close(&k);
}

/* The bootstrap: the same seed gives the same replicates; another seed others; without site adjustment the cost
 * increment is a difference of means, whose bootstrap mean is the sample difference in expectation: within 3
 * Monte Carlo standard errors (sd / sqrt(R)). */
static void test_bootstrap(void)
{
    kit k;
    if (!kit_open(&k))
        return;
    core_err err;
    cea_result r1, r2, r3;
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    k.s.bootstrap = 500;
    gsl_rng_set(g, 11);
    t_int(cea_analyse(&k.s, &k.d, g, NULL, &r1, &err), CORE_OK, "bootstrap runs");
    gsl_rng_set(g, 11);
    cea_analyse(&k.s, &k.d, g, NULL, &r2, &err);
    gsl_rng_set(g, 12);
    cea_analyse(&k.s, &k.d, g, NULL, &r3, &err);
    t_true(memcmp(r1.bc, r2.bc, 500 * 3 * sizeof(double)) == 0 && memcmp(r1.bq, r2.bq, 500 * 3 * sizeof(double)) == 0,
           "bootstrap: the same seed gives the same replicates");
    t_true(r1.dc[1].bca_lo == r2.dc[1].bca_lo && r1.prob[3 * 50 + 1] == r2.prob[3 * 50 + 1],
           "bootstrap: the same seed gives the same intervals and acceptability");
    t_true(memcmp(r1.bc, r3.bc, 500 * 3 * sizeof(double)) != 0, "bootstrap: another seed gives other replicates");
    t_int(r1.R_failed, 0, "bootstrap: no replicate lost its rank");
    for (size_t w = 0; w < r1.n_wtp; w++) {
        double s = 0;
        for (size_t j = 0; j < 3; j++)
            s += r1.prob[w * 3 + j];
        if (fabs(s - 1) > 1e-12) {
            t_rel(s, 1, 1e-12, "acceptability sums to 1 at wtp %g", r1.wtp[w]);
            break;
        }
        if (w + 1 == r1.n_wtp)
            t_true(1, "acceptability sums to 1 at every willingness to pay");
    }
    cea_result_free(&r1);
    cea_result_free(&r2);
    cea_result_free(&r3);
    k.s.bootstrap = 20000;
    k.d.adjust_site = 0;
    gsl_rng_set(g, 2024);
    t_int(cea_analyse(&k.s, &k.d, g, NULL, &r1, &err), CORE_OK, "bootstrap of 20000 runs");
    for (size_t j = 1; j < 3; j++) {
        double m = 0;
        for (long b = 0; b < r1.R; b++)
            m += r1.bc[b * 3 + j];
        m /= (double)r1.R;
        double mcse = r1.dc[j].boot_se / sqrt((double)r1.R);
        t_true(fabs(m - r1.dc[j].est) <= 3 * mcse,
               "bootstrap: mean incremental cost of %s %.4f within 3 MC SEs (%.4f) of the sample difference %.4f",
               k.d.options[j], m, mcse, r1.dc[j].est);
        /* the difference of means: the bootstrap se approaches the plug-in se sqrt(s1^2/n1 + s0^2/n0) x
         * sqrt((n-1)/n) per arm; a sanity check that the resampling is within arm: within 5% */
        double s1 = 0, s0 = 0, m1 = r1.mean_cost[j].est, m0 = r1.mean_cost[0].est;
        for (size_t i = 0; i < k.d.n; i++) {
            if ((size_t)k.d.opt[i] == j)
                s1 += (k.d.cost[i] - m1) * (k.d.cost[i] - m1);
            else if (k.d.opt[i] == 0)
                s0 += (k.d.cost[i] - m0) * (k.d.cost[i] - m0);
        }
        double n1 = (double)k.d.n_cc[j], n0 = (double)k.d.n_cc[0];
        double plug = sqrt(s1 / (n1 * n1) + s0 / (n0 * n0));
        t_rel(r1.dc[j].boot_se, plug, 0.05, "bootstrap se of %s's cost increment near the plug-in se", k.d.options[j]);
    }
    cea_result_free(&r1);
    gsl_rng_free(g);
    kit_close(&k);
}

static void test_discounting(void)
{
    /* by hand: costs 100 at months 6, 12, 18, 30: starts 0, 6, 12, 18 -> years 0, 0, 1, 1:
     * 100 + 100 + 100/1.05 + 100/1.05 */
    double c[4] = {100, 100, 100, 100}, m[4] = {6, 12, 18, 30};
    t_rel(cea_discounted_cost(c, m, 4, 0.05), 200 + 200 / 1.05, TOL_EXACT, "discounted cost by hand");
    /* utilities 0.5, 0.7 at 0 and 12, then 0.9 at 24: 1 x 0.6 + 1 x 0.8 / 1.05 */
    double u[3] = {0.5, 0.7, 0.9}, um[3] = {0, 12, 24};
    t_rel(cea_qalys(u, um, 3, 0.05), 0.6 + 0.8 / 1.05, TOL_EXACT, "QALYs by hand");
    /* nothing is discounted within the first year */
    double u2[3] = {1, 1, 1}, um2[3] = {0, 6, 11.5};
    t_rel(cea_qalys(u2, um2, 3, 0.5), 11.5 / 12, TOL_EXACT, "no discounting within the first year");
}

int main(void)
{
    gsl_set_error_handler_off();
    (void)kit_read; /* kit.h's reader by kit name: this test reads its kit by path */
    t_verbose = getenv("T_VERBOSE") != NULL;
    test_frontier_extended();
    test_frontier_cost_tie();
    test_acceptability();
    test_norm_inter();
    test_discounting();
    test_kit();
    test_bootstrap();
    return t_summary("test_cea");
}
