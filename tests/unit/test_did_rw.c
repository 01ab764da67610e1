/* Unit tests of realworld/ and of the pieces of stats/ it adds beyond the reference kit:
 *  - CR1 (areg) and CR2 with Satterthwaite df on an UNBALANCED panel with a control, against R
 *    (tests/data/did/reference.R: lm with dummies, sandwich::vcovCL HC1, clubSandwich CR2 + coef_test);
 *  - weekday counts and ISO dates (calendar facts: 2011 has 260 weekdays, 2020 has 262);
 *  - spells -> workdays: overlaps merged and capped, part-time shares, spells across a new year, persons
 *    outside the panel and spells outside its years (hand-counted);
 *  - the simulator: its spells aggregate exactly to its workdays column, and its design (sizes, treatment);
 *  - synthetic-control weights: a target that is a convex combination of donors is recovered exactly;
 *    the simplex projection against closed forms. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/core_atomic.h"
#include "core/core_config.h"
#include "core/core_read.h"
#include "core/core_data.h"
#include "realworld/rw.h"
#include "stats/st_cluster.h"
#include "stats/st_synth.h"
#include "stats/st_twfe.h"
#include "tests/t_check.h"

/* the sections as the program declares them (their owners' key tables) */
static const core_cfg_section schema[] = {
    {"project", NULL, core_project_keys, NULL},
    {"registry", NULL, rw_registry_keys, core_data_keys},
};

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

/* Load a config + panel; returns 1 on success. */
static int load(const char *ini, core_config **cfg, rw_spec *s, core_table **t, rw_panel *p)
{
    core_err err;
    *cfg = core_config_load(ini, schema, 2, &err);
    if (!t_true(*cfg != NULL, "config %s loads: %s", ini, err.msg))
        return 0;
    if (!t_true(rw_spec_from_config(*cfg, 0.95, s, &err) == CORE_OK, "spec: %s", err.msg))
        return 0;
    char *path = core_config_resolve(*cfg, core_config_str(*cfg, "registry", "data", ""));
    core_read_opts ro = {0};
    *t = core_read_delimited(path, &ro, &err);
    free(path);
    if (!t_true(*t != NULL, "panel reads: %s", err.msg))
        return 0;
    return t_true(rw_panel_load(*cfg, s, *t, p, &err) == CORE_OK, "panel loads: %s", err.msg);
}

static void test_unbalanced_vs_r(void)
{
    core_read_opts ro = {0};
    core_err err;
    core_table *t = core_read_delimited("tests/data/did/unbalanced.csv", &ro, &err);
    if (!t_true(t != NULL, "unbalanced.csv reads"))
        return;
    size_t n = t->n_rows;
    double *y = malloc(n * sizeof *y), *x = malloc(2 * n * sizeof *x);
    int *u = malloc(n * sizeof *u), *yr = malloc(n * sizeof *yr), *cl = malloc(n * sizeof *cl);
    for (size_t i = 0; i < n; i++) {
        u[i] = (int)core_col_num(&t->cols[0], i) - 1;
        cl[i] = core_col_code(&t->cols[1], i);
        yr[i] = (int)core_col_num(&t->cols[2], i) - 2010;
        x[i] = core_col_num(&t->cols[3], i);
        x[n + i] = core_col_num(&t->cols[4], i);
        y[i] = core_col_num(&t->cols[5], i);
    }
    st_fe fe[2] = {{u, 60}, {yr, 8}};
    st_twfe_data d = {.n = n, .y = y, .p = 2, .x = x, .fe = fe, .n_fe = 2, .cluster = cl, .n_clusters = 6};
    st_twfe_fit *f;
    if (t_true(st_twfe_estimate(&d, NULL, &f, &err) == CORE_OK, "unbalanced fit: %s", err.msg)) {
        /* Rscript tests/data/did/reference.R */
        static const struct {
            double b, se1, se2, df2, p2;
        } R[2] = {{1.36061413279156, 0.161062866100016, 0.154906133867352, 1.99764701612563, 0.0127613408594991},
                  {0.907775192823716, 0.0673387562585643, 0.0620917668775176, 4.6584199939291, 4.52700608533905e-05}};
        t_rel((double)f->p + f->k_fe, 69, 0, "unbalanced: K = 69 as lm's rank");
        t_rel(f->rss, 350.973090496222, TOL_REF, "unbalanced: RSS as lm");
        t_true(f->ap.iterations > 2, "unbalanced: the projections iterate (%d sweeps)", f->ap.iterations);
        for (size_t j = 0; j < 2; j++) {
            st_coef_test a, c;
            st_twfe_test(f, ST_VC_CR1_AREG, j, 0.95, &a, &err);
            t_rel(a.estimate, R[j].b, TOL_REF, "unbalanced coef %zu = lm", j);
            t_rel(a.se, R[j].se1, TOL_REF, "unbalanced coef %zu: CR1 (areg) se = vcovCL HC1", j);
            if (t_true(st_twfe_cr2(f, j, 0.95, &c, &err) == CORE_OK, "CR2 runs: %s", err.msg)) {
                t_rel(c.se, R[j].se2, TOL_REF, "unbalanced coef %zu: CR2 se = clubSandwich", j);
                t_rel(c.df, R[j].df2, TOL_REF, "unbalanced coef %zu: Satterthwaite df = clubSandwich", j);
                t_rel(c.p_value, R[j].p2, TOL_REF, "unbalanced coef %zu: CR2 p = clubSandwich", j);
            }
        }
        st_twfe_fit_free(f);
    }
    free(y);
    free(x);
    free(u);
    free(yr);
    free(cl);
    core_table_free(t);
}

static void test_dates(void)
{
    long a, b;
    t_int(rw_parse_date("1970-01-01", &a), 0, "epoch parses");
    t_int(a, 0, "1970-01-01 is day 0");
    rw_parse_date("2000-03-01", &a);
    t_int(a, 11017, "2000-03-01 is day 11017 (leap century)");
    t_int(rw_parse_date("2019-02-29", &a), -1, "2019-02-29 rejected");
    t_int(rw_parse_date("2020-02-29", &a), 0, "2020-02-29 accepted");
    t_int(rw_parse_date("2012-13-01", &a), -1, "month 13 rejected");
    t_int(rw_parse_date("01.02.2012", &a), -1, "a non-ISO date rejected");
    static const struct {
        const char *y;
        long wd;
    } years[] = {{"2010", 261}, {"2011", 260}, {"2012", 261}, {"2016", 261}, {"2019", 261}, {"2020", 262}};
    for (size_t k = 0; k < sizeof years / sizeof years[0]; k++) {
        char s0[16], s1[16];
        snprintf(s0, sizeof s0, "%s-01-01", years[k].y);
        snprintf(s1, sizeof s1, "%s-12-31", years[k].y);
        rw_parse_date(s0, &a);
        rw_parse_date(s1, &b);
        t_int(rw_weekdays(a, b), years[k].wd, "%s has %ld weekdays", years[k].y, years[k].wd);
    }
    rw_parse_date("2011-01-03", &a); /* a Monday */
    t_int(rw_weekdays(a, a + 6), 5, "a Monday-to-Sunday week has 5 weekdays");
    t_int(rw_weekdays(a + 5, a + 6), 0, "a weekend has none");
    t_int(rw_weekdays(a, a - 1), 0, "an empty range has none");
}

static void test_spells(void)
{
    write_file("build/tmp-tests/rw_panel.csv", "person,muni,year,treated,y\n1,A,2011,0,1\n1,A,2012,1,2\n2,B,2011,0,3\n"
                                                "2,B,2012,0,4\n");
    write_file("build/tmp-tests/rw_spells.csv",
               "person,start,end,share\n"
               "1,2011-01-03,2011-01-14,100\n"  /* 10 weekdays */
               "1,2011-01-10,2011-01-21,100\n"  /* overlaps: merged to 01-03..01-21 = 15 */
               "1,2011-12-26,2012-01-06,50\n"   /* 5 + 5 weekdays at 50%: 2.5 in each year */
               "2,2012-03-05,2012-03-09,60\n"   /* two 60% spells over 5 days: capped at 100%: 5 */
               "2,2012-03-05,2012-03-09,60\n"
               "2,2012-03-12,2012-03-16,60\n"   /* 5 days at 60%: 3 */
               "3,2012-03-12,2012-03-16,100\n"  /* not in the panel */
               "2,2009-05-01,2009-06-01,100\n"  /* before the panel's years */
               "2,2012-12-31,,100\n");          /* ongoing: to the run date, cut at 2012-12-31 (a Monday): 1 */
    write_file("build/tmp-tests/rw_spells.ini", "[registry]\ndata = rw_panel.csv\nunit = person\ntime = year\n"
                                                "cluster = muni\noutcome = days\ntreatment = treated\n"
                                                "spells = rw_spells.csv\n");
    core_config *cfg = NULL;
    rw_spec s;
    core_table *t = NULL;
    rw_panel p;
    if (load("build/tmp-tests/rw_spells.ini", &cfg, &s, &t, &p)) {
        rw_spell_info info;
        core_err err;
        if (t_true(rw_spells_apply(cfg, &s, "build/tmp-tests/rw_spells.csv", "rw_spells.csv", (time_t)1700000000, &p,
                                   &info, &err) == CORE_OK,
                   "spells aggregate: %s", err.msg)) {
            double want[4] = {17.5, 2.5, 0, 9};
            for (size_t k = 0; k < 4; k++)
                t_rel(p.y[k], want[k], TOL_EXACT, "workdays of panel row %zu", k + 1);
            t_int(info.spells, 9, "9 spells read");
            t_int(info.other_units, 1, "1 spell of a person not in the panel");
            t_int(info.outside_years, 1, "1 spell outside the panel years");
            t_int(info.open_ended, 1, "1 ongoing spell");
        }
        rw_panel_free(&p);
        rw_spec_free(&s);
    }
    core_table_free(t);
    core_config_free(cfg);
}

static void test_simulator(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 314159);
    rw_sim_opts so = {.persons = 330, .clusters = 11, .treated = 1, .first_year = 2010, .last_year = 2019,
                      .exposure_year = 2015, .effect_scale = 1, .shock_sd = 2.3};
    core_table *panel = NULL, *spells = NULL;
    core_err err;
    if (!t_true(rw_simulate(&so, r, &panel, &spells, &err) == CORE_OK, "simulate: %s", err.msg)) {
        gsl_rng_free(r);
        return;
    }
    t_int((long)panel->n_rows, 3300, "330 persons x 10 years");
    double avg = 0;
    for (long k = 0; k < 5; k++)
        avg += rw_sim_true_effect(k) / 5;
    t_rel(avg, 5.6, TOL_EXACT, "true effect averages 5.6 over the five exposed years");
    t_rel(rw_sim_true_effect(3), 10.5, TOL_EXACT, "true effect three years after exposure is 10.5");
    int ok_t = 1, ok_wd = 1;
    for (size_t i = 0; i < panel->n_rows; i++) {
        char b[64];
        int bodo = strcmp(core_cell_text(panel, 1, i, b, sizeof b), "Bod\xc3\xb8") == 0;
        int want = bodo && core_col_num(&panel->cols[2], i) >= 2015;
        ok_t &= core_col_num(&panel->cols[4], i) == want;
        ok_wd &= core_col_num(&panel->cols[5], i) >= 0 && core_col_num(&panel->cols[5], i) <= 260;
    }
    t_true(ok_t, "treated = 1 exactly in Bodø from 2015");
    t_true(ok_wd, "workdays within 0..260");
    core_table_write_csv(panel, "build/tmp-tests/rw_sim.csv", &err);
    core_table_write_csv(spells, "build/tmp-tests/rw_sim_spells.csv", &err);
    write_file("build/tmp-tests/rw_sim.ini", "[registry]\ndata = rw_sim.csv\nunit = person\ntime = year\n"
                                             "cluster = municipality\noutcome = wd_spells, workdays\n"
                                             "treatment = treated\nspells = rw_sim_spells.csv\n");
    core_config *cfg = NULL;
    rw_spec s;
    core_table *t = NULL;
    rw_panel p;
    if (load("build/tmp-tests/rw_sim.ini", &cfg, &s, &t, &p)) {
        rw_spell_info info;
        if (t_true(rw_spells_apply(cfg, &s, "build/tmp-tests/rw_sim_spells.csv", "sim spells", (time_t)1700000000, &p,
                                   &info, &err) == CORE_OK,
                   "simulated spells aggregate: %s", err.msg)) {
            int same = 1;
            for (size_t k = 0; k < p.n; k++)
                same &= p.y[k] == p.y[p.n + k];
            t_true(same, "simulated spells aggregate exactly to the workdays column (%ld spells)", info.used);
            t_int(p.G, 11, "11 municipalities");
            t_int(p.G1, 1, "1 treated");
            t_true(p.cluster_level && p.common_timing, "cluster-level treatment with a common start");
        }
        rw_panel_free(&p);
        rw_spec_free(&s);
    }
    core_table_free(t);
    core_config_free(cfg);
    core_table_free(panel);
    core_table_free(spells);
    gsl_rng_free(r);
}

static void test_synth(void)
{
    double v[3] = {0.5, 0.5, 0.5};
    st_simplex_project(v, 3);
    t_rel(v[0], 1.0 / 3, TOL_EXACT, "projection of (0.5,0.5,0.5) is uniform");
    double w2[3] = {2, 0, 0};
    st_simplex_project(w2, 3);
    t_rel(w2[0], 1, TOL_EXACT, "projection of (2,0,0) is (1,0,0)");
    t_rel(w2[1], 0, TOL_EXACT, "projection of (2,0,0) is (1,0,0): 2nd");
    double w3[2] = {0.8, 0.6};
    st_simplex_project(w3, 2);
    t_rel(w3[0], 0.6, TOL_EXACT, "projection of (0.8,0.6) is (0.6,0.4)");
    /* target = 0.3 d1 + 0.7 d2 over 4 pre-periods, donor 3 far away: weights recovered */
    double B[12] = {1, 2, 3, 5, 4, 1, 0, 2, 10, 12, 9, 11};
    double a[4], w[3], rm;
    for (int t = 0; t < 4; t++)
        a[t] = 0.3 * B[t] + 0.7 * B[4 + t];
    core_err err;
    int it;
    if (t_true(st_synth_weights(a, B, 4, 3, NULL, w, &rm, &it, &err) == CORE_OK, "synth weights: %s", err.msg)) {
        t_abs(w[0], 0.3, 1e-9, "synth weight 1 = 0.3");
        t_abs(w[1], 0.7, 1e-9, "synth weight 2 = 0.7");
        t_abs(w[2], 0, 1e-9, "synth weight 3 = 0");
        t_abs(rm, 0, 1e-9, "synth pre-period RMSPE = 0");
    }
}


/* The registry module's data path (docs/performance.md): reading only the named columns and letting the panel take
 * the table's arrays (rw_panel_load_take) give the same rows, bit for bit, as reading every column and copying
 * (rw_panel_load); with a complete outcome (the samples borrow the panel's arrays), an outcome with missing cells
 * (the take path writes NaN in place; the samples copy) and two outcomes (nothing taken). */
static int same_rows(const core_results *a, const core_results *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++) {
        const core_result_row *x = &a->rows[i], *y = &b->rows[i];
        const char *sa[] = {x->analysis, x->outcome, x->timepoint, x->term, x->method, x->label};
        const char *sb[] = {y->analysis, y->outcome, y->timepoint, y->term, y->method, y->label};
        for (int k = 0; k < 6; k++)
            if ((sa[k] == NULL) != (sb[k] == NULL) || (sa[k] && strcmp(sa[k], sb[k]) != 0))
                return 0;
        double va[] = {x->estimate, x->se, x->ci_low, x->ci_high, x->statistic, x->df, x->p_value, x->n};
        double vb[] = {y->estimate, y->se, y->ci_low, y->ci_high, y->statistic, y->df, y->p_value, y->n};
        if (memcmp(va, vb, sizeof va) != 0)
            return 0;
    }
    return 1;
}

static core_results *analyse_path(const char *ini, int selected, size_t *n_cols, size_t *n_cols_file)
{
    core_err err;
    core_config *cfg = core_config_load(ini, schema, 2, &err);
    rw_spec s;
    if (!t_true(cfg != NULL, "config %s loads: %s", ini, err.msg))
        return NULL;
    if (!t_true(rw_spec_from_config(cfg, 0.95, &s, &err) == CORE_OK, "spec: %s", err.msg)) {
        core_config_free(cfg);
        return NULL;
    }
    const char *cols[16];
    size_t nc = 0;
    cols[nc++] = s.unit;
    cols[nc++] = s.time;
    cols[nc++] = s.cluster;
    cols[nc++] = s.treatment;
    for (size_t k = 0; k < s.n_outcomes; k++)
        cols[nc++] = s.outcomes[k];
    cols[nc] = NULL;
    core_table *t = NULL;
    core_results *res = core_results_new();
    rw_panel p;
    int loaded = 0;
    if (core_data_read_columns(cfg, "registry", "data", selected ? cols : NULL, &t, NULL, &err) != CORE_OK) {
        t_true(0, "panel reads: %s", err.msg);
        goto out;
    }
    *n_cols = t->n_cols;
    *n_cols_file = t->n_cols_file;
    if (!t_true((selected ? rw_panel_load_take(cfg, &s, t, &p, &err) : rw_panel_load(cfg, &s, t, &p, &err)) == CORE_OK,
                "panel loads: %s", err.msg))
        goto out;
    loaded = 1;
    core_table_free(t); /* the panel holds everything the analyses use */
    t = NULL;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    rw_opts o = {.rng = r};
    rw_summary sum;
    t_true(rw_analyse(&s, &p, &o, res, &sum, &err) == CORE_OK, "analysis runs: %s", err.msg);
    gsl_rng_free(r);
out:
    if (loaded)
        rw_panel_free(&p);
    core_table_free(t);
    rw_spec_free(&s);
    core_config_free(cfg);
    return res;
}

static void test_data_path(void)
{
    /* 40 persons in 5 municipalities over 2010-2016, the first municipality treated from 2014; a text column and a
     * quoted one no analysis names; y complete, y2 missing in some rows */
    FILE *f = fopen("build/tmp-tests/rw_path.csv", "w");
    if (!t_true(f != NULL, "write the panel"))
        return;
    fprintf(f, "note,person,municipality,year,treated,y,\"quoted\",y2\n");
    unsigned long z = 12345;
    for (int i = 1; i <= 40; i++)
        for (int yr = 2010; yr <= 2016; yr++) {
            z = z * 6364136223846793005UL + 1442695040888963407UL;
            int m = (i - 1) % 5, d = m == 0 && yr >= 2014;
            double y = (double)((z >> 33) % 2500) / 10.0 + 3.0 * d + (double)m;
            fprintf(f, "%s,%d,M%d,%d,%d,%.1f,\"x, %d\",%s\n", (z >> 20) % 3 ? "ok" : "check", i, m, yr, d, y, i,
                    (z >> 40) % 7 == 0 ? "NA" : (yr % 2 ? "1.5" : "2"));
        }
    fclose(f);
    static const char *const outcomes[] = {"y", "y2", "y, y2"};
    for (int c = 0; c < 3; c++) {
        char ini[600];
        snprintf(ini, sizeof ini,
                 "[registry]\ndata = rw_path.csv\nunit = person\ntime = year\ncluster = municipality\n"
                 "treatment = treated\noutcome = %s\ninference = cr1, cr2, wild, ri\nbootstrap = 99\n"
                 "event_time = -3:2\n",
                 outcomes[c]);
        write_file("build/tmp-tests/rw_path.ini", ini);
        size_t nca, nfa, ncb, nfb;
        core_results *a = analyse_path("build/tmp-tests/rw_path.ini", 0, &nca, &nfa);
        core_results *b = analyse_path("build/tmp-tests/rw_path.ini", 1, &ncb, &nfb);
        if (a && b) {
            t_true(a->n > 10, "outcome = %s: %zu rows", outcomes[c], a->n);
            t_true(same_rows(a, b), "outcome = %s: the named columns and the taken arrays give the same rows, bit for "
                   "bit", outcomes[c]);
            t_int((long)nca, 8, "every column read: 8");
            t_int((long)ncb, (long)(4 + (c == 2 ? 2 : 1)), "only the named columns kept");
            t_int((long)nfb, 8, "the file's column count kept for Provenance");
        }
        core_results_free(a);
        core_results_free(b);
    }
}

int main(void)
{
    gsl_set_error_handler_off();
    mkdir("build/tmp-tests", 0777); /* its scratch files; the folder may not exist when run by hand */
    test_unbalanced_vs_r();
    test_dates();
    test_spells();
    test_simulator();
    test_synth();
    test_data_path();
    return t_summary("test_did_rw");
}
