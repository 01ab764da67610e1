/* cba/: the terms of the revised model (DOMAIN-models.md §3) against closed forms worked by hand: the benefit net of
 * its tax, real growth, displacement, health per employed year under each persistence rule, path:, the implied
 * effect path of a published break-even table, the half-cycle corrected Markov cohort, and the scale-up by the
 * number treated. Every expected value is written out from the formulas, not taken from the engine. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../t_check.h"
#include "cba/cba.h"
#include "core/core_results.h"

/* Constant effect d at 6, 12 and 18 months: e_1 = 0.75 d (the ramp from 0 to d over 6 months holds 3 d-months),
 * e_y = d for y >= 2 under the constant rule. */
static void spec(cba_spec *s, double dc, double d, double rate, int H)
{
    cba_spec_init(s);
    s->value[CBA_COST_IPS] = 16000 + dc;
    s->value[CBA_COST_CONTROL] = 16000;
    s->value[CBA_WAGE] = 450000;
    s->value[CBA_DISCOUNT_RATE] = rate;
    s->has[CBA_COST_IPS] = s->has[CBA_COST_CONTROL] = s->has[CBA_WAGE] = s->has[CBA_DISCOUNT_RATE] = 1;
    s->n_effects = 3;
    for (int k = 0; k < 3; k++)
        s->effect[k] = d;
    s->horizon = H;
    s->wtp = malloc(sizeof(double));
    s->wtp[0] = 0;
    s->n_wtp = 1;
}

static cba_result *run(const cba_spec *s)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 1);
    cba_result *r = NULL;
    core_err err;
    core_err_clear(&err);
    if (cba_run(s, rng, NULL, &r, &err) != CORE_OK)
        printf("cba_run failed: %s\n", err.msg);
    gsl_rng_free(rng);
    return r;
}

static double e_const(int y, double d) { return y == 1 ? 0.75 * d : d; }

/* 1. The benefit net of its tax: NPV_gov = -dC + sum_y d_y (T_y + B_y (1 - btr)),
 *    NPV_part = sum_y d_y (G_y (1 - t) - B_y (1 - btr)). r = 0.04, H = 3, t = 0.3, ec = 0.141, b = 220000, br = 0.8. */
static void test_benefit_tax(void)
{
    double dc = 79000, d = 0.1, t = 0.3, ec = 0.141, b = 220000, br = 0.8, mcpf = 0.2;
    for (int k = 0; k < 2; k++) {
        double btr = k ? 0.25 : 0;
        cba_spec s;
        spec(&s, dc, d, 0.04, 3);
        s.value[CBA_TAX_RATE] = t;
        s.value[CBA_EMPLOYER_CONTRIBUTIONS] = ec;
        s.value[CBA_BENEFIT] = b;
        s.value[CBA_BENEFIT_REDUCTION] = br;
        s.value[CBA_MCPF] = mcpf;
        s.value[CBA_BENEFIT_TAX_RATE] = btr;
        cba_result *r = run(&s);
        if (!t_true(r != NULL, "benefit tax %g: runs", btr))
            return;
        double gov = -dc, part = 0, soc = -dc;
        for (int y = 1; y <= 3; y++) {
            double dy = pow(1.04, -y), e = e_const(y, d), G = e * 450000;
            gov += dy * (G * (t + ec) + e * b * br * (1 - btr));
            part += dy * (G * (1 - t) - e * b * br * (1 - btr));
            soc += dy * G * (1 + ec);
        }
        soc += mcpf * gov;
        t_rel(r->det.npv[CBA_GOVERNMENT], gov, 1e-13, "benefit tax %g: NPV government by hand", btr);
        t_rel(r->det.npv[CBA_PARTICIPANT], part, 1e-13, "benefit tax %g: NPV participant by hand", btr);
        t_rel(r->det.npv[CBA_SOCIETAL], soc, 1e-13, "benefit tax %g: NPV society by hand", btr);
        t_rel(r->det.costs[CBA_PARTICIPANT], r->det.pv_flow[CBA_F_BENEFITS] * (1 - btr), 1e-13,
              "benefit tax %g: the participant loses the benefit net of its tax", btr);
        cba_result_free(r);
        cba_spec_free(&s);
    }
    /* the budget gain moves by exactly btr x PV(B) between the two runs, the participant's by the same, opposite */
}

/* 2. Real growth: k_y = (1 + g)^(y-1) on wages and the value of health; the benefit does not grow.
 *    W*(H) = dC / sum_y d_y e_y k_y; NPV_soc = -dC + sum d_y (e_y w k_y (1 + ec) + qg vpq k_y) + mcpf NPV_gov. */
static void test_real_growth(void)
{
    double dc = 79000, d = 0.1, g = 0.009, ec = 0.141, qg = 0.01, vpq = 666000, b = 220000;
    cba_spec s;
    spec(&s, dc, d, 0.04, 5);
    s.value[CBA_REAL_GROWTH] = g;
    s.value[CBA_EMPLOYER_CONTRIBUTIONS] = ec;
    s.value[CBA_QALY_GAIN] = qg;
    s.value[CBA_VALUE_PER_QALY] = vpq;
    s.value[CBA_BENEFIT] = b;
    s.value[CBA_BENEFIT_REDUCTION] = 1;
    cba_result *r = run(&s);
    if (!t_true(r != NULL, "real growth: runs"))
        return;
    double S = 0, soc = -dc, gov = -dc;
    for (int y = 1; y <= 5; y++) {
        double dy = pow(1.04, -y), ky = pow(1 + g, y - 1), e = e_const(y, d);
        S += dy * e * ky;
        t_rel(r->det.bew[0][y], dc / S, 1e-13, "real growth: W*(%d) = dC / sum d e k", y);
        soc += dy * (e * 450000 * ky * (1 + ec) + qg * vpq * ky);
        gov += dy * (e * 450000 * ky * ec + e * b);
    }
    t_rel(r->det.npv[CBA_SOCIETAL], soc, 1e-13, "real growth: NPV society by hand (mcpf 0)");
    t_rel(r->det.npv[CBA_GOVERNMENT], gov, 1e-13, "real growth: NPV government by hand (benefit does not grow)");
    /* trial window: 18 months, year 2 is months 12-18 only (6 d-months / 12), grown by k_2 */
    double Sw = pow(1.04, -1) * 0.75 * d + pow(1.04, -2) * 0.5 * d * (1 + g);
    t_rel(r->det.bew[0][0], dc / Sw, 1e-13, "real growth: trial-window break-even wage");
    cba_result_free(r);
    cba_spec_free(&s);
}

/* 3. Displacement: production and taxes scale by (1 - displacement); the participant's gain does not. */
static void test_displacement(void)
{
    double dc = 79000, d = 0.1, t = 0.25, ec = 0.141, disp = 0.3, mcpf = 0.2;
    cba_spec s;
    spec(&s, dc, d, 0, 2);
    s.value[CBA_TAX_RATE] = t;
    s.value[CBA_EMPLOYER_CONTRIBUTIONS] = ec;
    s.value[CBA_DISPLACEMENT] = disp;
    s.value[CBA_MCPF] = mcpf;
    cba_result *r = run(&s);
    if (!t_true(r != NULL, "displacement: runs"))
        return;
    double ey = 0.75 * d + d; /* undiscounted effect-years over 2 years */
    double G = ey * 450000;
    double gov = -dc + G * (t + ec) * (1 - disp);
    t_rel(r->det.npv[CBA_GOVERNMENT], gov, 1e-13, "displacement: NPV government = -dC + G (t + ec)(1 - disp)");
    t_rel(r->det.npv[CBA_PARTICIPANT], G * (1 - t), 1e-13, "displacement: NPV participant = G (1 - t)");
    t_rel(r->det.npv[CBA_SOCIETAL], -dc + G * (1 + ec) * (1 - disp) + mcpf * gov, 1e-13,
          "displacement: NPV society by hand");
    /* the societal break-even wage: NPV_soc linear in W with slope S (1 - disp)((1 + ec) + mcpf (t + ec)) */
    double slope = ey * (1 - disp) * ((1 + ec) + mcpf * (t + ec)), f0 = -dc * (1 + mcpf);
    t_rel(r->det.bew_soc, -f0 / slope, 1e-13, "displacement: societal break-even wage in closed form");
    cba_result_free(r);
    cba_spec_free(&s);
}

/* 4. Health that follows employment, under constant, linear:2, halflife:1 and a path: Q_y = (e_y q + qg) vpq k_y,
 *    Hc_y = e_y h + hc; r = 0, g = 0, no taxes: NPV_soc = -dC + sum_y (e_y w + Q_y - Hc_y) + mcpf NPV_gov. The
 *    yearly effects by hand as test_cba.c: linear:2 (0.75, 0.9375, 0.5, 0.0625, 0) d; halflife:1 in closed form. */
static void test_health_per_employed_year(void)
{
    double dc = 79000, d = 0.1, q = 0.05, vpq = 600000, h = -20000, mcpf = 0.2, qg = 0.002, hc = 300;
    double kk = 12 / M_LN2;
    double e[4][6] = {{0, 0.75, 1, 1, 1, 1}, {0, 0.75, 0.9375, 0.5, 0.0625, 0}, {0}, {0, 0.75, 1, 0.08, 0.06, 0.04}};
    e[2][1] = 0.75;
    e[2][2] = (6 + kk * (1 - pow(2, -0.5))) / 12;
    for (int y = 3; y <= 5; y++)
        e[2][y] = kk * (pow(2, -(12.0 * (y - 1) - 18) / 12) - pow(2, -(12.0 * y - 18) / 12)) / 12;
    for (int y = 3; y <= 5; y++)
        e[3][y] /= d; /* path values are absolute; the table is in units of d */
    cba_spec s;
    spec(&s, dc, d, 0, 5);
    s.value[CBA_MCPF] = mcpf;
    s.value[CBA_VALUE_PER_QALY] = vpq;
    s.value[CBA_QALY_PER_EMPLOYED_YEAR] = q;
    s.value[CBA_HEALTH_COST_PER_EMPLOYED_YEAR] = h;
    s.value[CBA_QALY_GAIN] = qg;
    s.value[CBA_HEALTH_COST_CHANGE] = hc;
    core_err err;
    s.n_rules = 4;
    t_int(cba_persistence_parse("linear:2", &s.rules[1], &err), CORE_OK, "parse linear:2");
    t_int(cba_persistence_parse("halflife:1", &s.rules[2], &err), CORE_OK, "parse halflife:1");
    t_int(cba_persistence_parse("path:0.08,0.06,0.04", &s.rules[3], &err), CORE_OK, "parse path:0.08,0.06,0.04");
    cba_result *r = run(&s);
    if (!t_true(r != NULL, "health per employed year: runs"))
        return;
    static const char *const rn[4] = {"constant", "linear:2", "halflife:1", "path"};
    for (int k = 0; k < 4; k++) {
        double ey = 0;
        for (int y = 1; y <= 5; y++)
            ey += e[k][y] * d;
        double gov = -dc - (ey * h + 5 * hc);
        double soc = -dc + ey * 450000 + (ey * q + 5 * qg) * vpq - (ey * h + 5 * hc) + mcpf * gov;
        t_rel(r->det.npv_rule[k][CBA_SOCIETAL], soc, 1e-12, "%s: NPV society with health per employed year", rn[k]);
        t_rel(r->det.npv_rule[k][CBA_GOVERNMENT], gov, 1e-12, "%s: NPV government with health cost per employed year",
              rn[k]);
    }
    double ey0 = 4.75 * d;
    t_rel(r->det.dq, ey0 * q + 5 * qg, 1e-13, "base case: discounted QALYs = sum e_y q + H qg");
    t_rel(r->det.dc_health, dc + ey0 * h + 5 * hc, 1e-13, "base case: cost side of the ICER includes Hc_y");
    cba_result_free(r);
    cba_spec_free(&s);
}

/* 5. path: years 1 and 2 from e(t) held at the last effect from 18 to 24 months, then the path; W* by hand. A path
 *    shorter than the horizon is refused, naming the years it gives and needs. */
static void test_path(void)
{
    double dc = 79000, m[3] = {6, 12, 18}, eff[3] = {0.05, 0.095, 0.103}, y[5];
    cba_persistence p;
    core_err err;
    t_int(cba_persistence_parse("path:0.09,0.07,0.05", &p, &err), CORE_OK, "path parses");
    t_int(cba_path_first_year(18), 3, "after an 18-month trial the path starts in year 3");
    t_int(cba_path_first_year(12), 2, "after a 12-month trial the path starts in year 2");
    cba_yearly_effects(m, eff, 3, &p, 5, y);
    double e1 = (6 * 0.025 + 6 * 0.0725) / 12, e2 = (6 * 0.099 + 6 * 0.103) / 12;
    t_rel(y[0], e1, 1e-14, "path: e_1 from the trial's curve");
    t_rel(y[1], e2, 1e-14, "path: e_2 with e(t) held at 0.103 from 18 to 24 months");
    t_rel(y[2], 0.09, TOL_EXACT, "path: e_3 as given");
    t_rel(y[4], 0.05, TOL_EXACT, "path: e_5 as given");
    char nm[128];
    t_true(strcmp(cba_persistence_name(&p, nm, sizeof nm), "path:0.09,0.07,0.05") == 0, "path: its name '%s'", nm);
    cba_spec s;
    spec(&s, dc, 0, 0.04, 5);
    memcpy(s.effect, eff, sizeof eff);
    s.rules[0] = p;
    cba_result *r = run(&s);
    if (t_true(r != NULL, "path: runs")) {
        double S = 0, ey[6] = {0, e1, e2, 0.09, 0.07, 0.05};
        for (int h = 1; h <= 5; h++) {
            S += pow(1.04, -h) * ey[h];
            t_rel(r->det.bew[0][h], dc / S, 1e-13, "path: W*(%d) by hand", h);
        }
    }
    cba_result_free(r);
    s.horizon = 6;
    t_int(cba_spec_check(&s, &err), CORE_ERR_CONFIG, "path shorter than the horizon is refused");
    t_contains(err.msg, "years 3 to 5", "the message says the years the path gives");
    t_contains(err.msg, "horizon_years = 6", "the message names horizon_years");
    t_int(cba_persistence_parse("path:0.1,x", &p, &err), CORE_ERR_CONFIG, "path with a word is refused");
    t_int(cba_persistence_parse("path:", &p, &err), CORE_ERR_CONFIG, "empty path is refused");
    cba_spec_free(&s);
}

/* 6. The implied effect path of the published table (395,000 / 254,000 / 184,000 / 142,000 over 2-5 years) with
 *    dC = 79,000 and r = 0.04: S_H = dC / W_H, e_H = (S_H - S_{H-1}) (1.04)^H. And the round trip: a path rule's
 *    break-even table gives back the path. */
static void test_implied(void)
{
    int h[4] = {2, 3, 4, 5};
    double w[4] = {395000, 254000, 184000, 142000}, S[4], E[4];
    core_err err;
    t_int(cba_implied_path(4, h, w, 79000, 0.04, 0, S, E, &err), CORE_OK, "implied path of the published table");
    t_rel(S[0], 0.2, 1e-14, "S_2 = 79,000 / 395,000 = 0.2");
    t_true(isnan(E[0]), "the first horizon gives only the cumulative effect");
    t_rel(E[1], (79000.0 / 254000 - 0.2) * pow(1.04, 3), 1e-14, "e_3 = (S_3 - S_2) 1.04^3");
    t_rel(E[2], (79000.0 / 184000 - 79000.0 / 254000) * pow(1.04, 4), 1e-14, "e_4 = (S_4 - S_3) 1.04^4");
    t_rel(E[3], (79000.0 / 142000 - 79000.0 / 184000) * pow(1.04, 5), 1e-14, "e_5 = (S_5 - S_4) 1.04^5");
    t_true(E[1] > 0.1 && E[3] > 0.1, "the published table assumes yearly effects above the trial's 10 points "
                                     "(e_3 %.4f, e_5 %.4f)", E[1], E[3]);
    /* with real growth the same S differences are divided by d_H k_H */
    t_int(cba_implied_path(4, h, w, 79000, 0.04, 0.01, S, E, &err), CORE_OK, "implied path with growth");
    t_rel(E[1], (79000.0 / 254000 - 0.2) * pow(1.04, 3) / pow(1.01, 2), 1e-14, "e_3 with k_3 = 1.01^2");
    /* round trip */
    cba_spec s;
    spec(&s, 79000, 0.1, 0.04, 5);
    t_int(cba_persistence_parse("path:0.13,0.11,0.09", &s.rules[0], &err), CORE_OK, "round trip: path parses");
    cba_result *r = run(&s);
    if (t_true(r != NULL, "round trip: runs")) {
        double ww[4] = {r->det.bew[0][2], r->det.bew[0][3], r->det.bew[0][4], r->det.bew[0][5]};
        t_int(cba_implied_path(4, h, ww, 79000, 0.04, 0, S, E, &err), CORE_OK, "round trip: implied path");
        t_rel(E[1], 0.13, 1e-12, "round trip: e_3 recovered");
        t_rel(E[2], 0.11, 1e-12, "round trip: e_4 recovered");
        t_rel(E[3], 0.09, 1e-12, "round trip: e_5 recovered");
    }
    cba_result_free(r);
    cba_spec_free(&s);
    /* a table whose cumulative effect decreases: the wage rises from horizon 3 to 4 */
    double bad[4] = {395000, 254000, 260000, 142000};
    t_int(cba_implied_path(4, h, bad, 79000, 0.04, 0, S, E, &err), CORE_ERR_CONFIG, "decreasing cumulative effect");
    t_contains(err.msg, "horizon 3", "the message names horizon 3");
    t_contains(err.msg, "horizon 4", "the message names horizon 4");
    int gap[2] = {2, 4};
    t_int(cba_implied_path(2, gap, w, 79000, 0.04, 0, S, E, &err), CORE_ERR_CONFIG, "horizons not consecutive");
}

/* 7. The half-cycle corrected Markov cohort, two states (waa, employed), employment absorbing; control moves to
 *    work with p = 0.1 a year, IPS with 0.2; cycle c valued at the mean of the occupancy at c - 1 and c. The extra
 *    employed share valued in cycle c is ((0.9^(c-1) + 0.9^c) - (0.8^(c-1) + 0.8^c)) / 2, discounted 1.05^-c. */
static void test_markov_half_cycle(void)
{
    double dc = 10000, t = 0.3, ec = 0.1, mcpf = 0.2, btr = 0.25, wage = 300000, ben = 200000, rate = 0.05;
    cba_spec s;
    spec(&s, dc, 0.1, rate, 4);
    s.value[CBA_TAX_RATE] = t;
    s.value[CBA_EMPLOYER_CONTRIBUTIONS] = ec;
    s.value[CBA_MCPF] = mcpf;
    s.value[CBA_BENEFIT_TAX_RATE] = btr;
    cba_markov_spec *m = calloc(1, sizeof *m);
    m->n_states = 2;
    m->states[0] = strdup("waa");
    m->states[1] = strdup("employed");
    m->start[0] = 1;
    m->cycles = 4;
    double pc[4] = {0.9, 0.1, 0, 1}, pi[4] = {0.8, 0.2, 0, 1};
    memcpy(m->p[0], pc, sizeof pc);
    memcpy(m->p[1], pi, sizeof pi);
    m->earnings[1] = wage;
    m->benefits[0] = ben;
    m->fte[1] = 0.6;
    m->half_cycle = 1;
    s.markov = m;
    for (int hc = 1; hc >= 0; hc--) {
        m->half_cycle = hc;
        cba_result *r = run(&s);
        if (!t_true(r != NULL, "half-cycle %d: runs", hc))
            return;
        double gov = -dc, soc_p = 0, part = 0, fte = 0;
        for (int c = 1; c <= 4; c++) {
            double de = hc ? ((pow(0.9, c - 1) + pow(0.9, c)) - (pow(0.8, c - 1) + pow(0.8, c))) / 2
                           : pow(0.9, c) - pow(0.8, c);
            double d = pow(1 + rate, -c);
            gov += d * de * (wage * (t + ec) + ben * (1 - btr));
            part += d * de * (wage * (1 - t) - ben * (1 - btr));
            soc_p += d * de * wage * (1 + ec);
            fte += 0.6 * de;
        }
        t_rel(r->markov->det.npv[CBA_GOVERNMENT], gov, 1e-13, "Markov half_cycle=%s: NPV government by hand",
              hc ? "yes" : "no");
        t_rel(r->markov->det.npv[CBA_PARTICIPANT], part, 1e-13, "Markov half_cycle=%s: NPV participant by hand",
              hc ? "yes" : "no");
        t_rel(r->markov->det.npv[CBA_SOCIETAL], soc_p + mcpf * gov - dc, 1e-13,
              "Markov half_cycle=%s: NPV society by hand", hc ? "yes" : "no");
        t_rel(r->markov->det.fte_gained, fte, 1e-13, "Markov half_cycle=%s: FTE work-years by hand", hc ? "yes" : "no");
        /* cycle 1 under half-cycle: half the end-of-cycle difference (the arms start equal) */
        if (hc)
            t_rel(r->markov->trace[1][1][1], 0.2, 1e-15, "the trace is end-of-cycle occupancy either way");
        cba_result_free(r);
    }
    cba_spec_free(&s);
}

/* 8. Scale-up by the number treated: rows `population` = per-participant figure x treated (population x take_up). */
static void test_scale_up(void)
{
    cba_spec s;
    spec(&s, 79000, 0.1, 0.04, 3);
    s.value[CBA_TAX_RATE] = 0.3;
    s.has_population = 1;
    s.scale_from_take_up = 1;
    s.population_eligible = 561;
    s.take_up = 0.09;
    s.population = 561 * 0.09;
    cba_result *r = run(&s);
    if (!t_true(r != NULL, "scale-up: runs"))
        return;
    core_results *res = core_results_new();
    core_err err;
    t_int(cba_rows_add(&s, r, res, &err), CORE_OK, "scale-up: rows");
    const core_result_row *pp = core_results_find(res, NULL, "npv", NULL, NULL, "government", "per_participant");
    const core_result_row *pop = core_results_find(res, NULL, "npv", NULL, NULL, "government", "population");
    if (t_true(pp && pop, "scale-up: per-participant and population rows")) {
        t_rel(pop->estimate, pp->estimate * 50.49, 1e-13, "scale-up: NPV x 561 x 0.09 = 50.49 people treated");
        t_contains(pop->label, "50.49", "the label says how many were treated");
    }
    core_results_free(res);
    cba_result_free(r);
    cba_spec_free(&s);
}

int main(void)
{
    gsl_set_error_handler_off();
    test_benefit_tax();
    test_real_growth();
    test_displacement();
    test_health_per_employed_year();
    test_path();
    test_implied();
    test_markov_half_cycle();
    test_scale_up();
    return t_summary("test_cba_terms");
}
