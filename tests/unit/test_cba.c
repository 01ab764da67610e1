/* cba/: the model of DOMAIN-models.md §3 against closed forms worked by hand, distributions against R, and the
 * PSA's reproducibility and convergence. Every expected value says where it comes from. */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../t_check.h"
#include "cba/cba.h"
#include "core/core_results.h"

/* A spec with constant effect d at 6, 12 and 18 months, no taxes or benefits, undiscounted. */
static void base_spec(cba_spec *s, double dc, double d, double rate, int H)
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
    s->wtp = malloc(3 * sizeof(double));
    s->wtp[0] = 0;
    s->wtp[1] = 500000;
    s->wtp[2] = 1000000;
    s->n_wtp = 3;
}

/* effect.corr = 0: the effects' PSA draws independent (said in the config as a correlation of 0) */
static void independent(cba_spec *s)
{
    size_t K = s->n_effects;
    for (size_t i = 0; i < K * K; i++)
        s->effect_corr[i] = i % (K + 1) == 0;
    s->has_corr = 1;
}

static cba_result *run(const cba_spec *s, unsigned long seed)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, seed);
    cba_result *r = NULL;
    core_err err;
    core_err_clear(&err);
    core_status st = cba_run(s, rng, NULL, &r, &err);
    gsl_rng_free(rng);
    if (st != CORE_OK)
        printf("cba_run failed: %s\n", err.msg);
    return r;
}

static const core_result_row *find(const core_results *res, const char *analysis, const char *term,
                                   const char *method)
{
    return core_results_find(res, NULL, analysis, NULL, NULL, term, method);
}

/* 1. Constant effect, no discounting: sum_y e_y = d (H - 0.25) (the ramp from 0 at randomisation to d at 6 months
 *    loses 3 month-effects = 0.25 years); the trial window (18 months) holds 1.25 d effect-years. */
static void test_closed_form_constant(void)
{
    double dc = 79000, d = 0.10;
    cba_spec s;
    base_spec(&s, dc, d, 0, 5);
    cba_result *r = run(&s, 1);
    t_true(r != NULL, "constant: runs");
    if (!r)
        return;
    for (int H = 1; H <= 5; H++)
        t_rel(r->det.bew[0][H], dc / (d * (H - 0.25)), TOL_EXACT, "constant, r=0: W*(H=%d) = dC / (d (H - 0.25))", H);
    t_rel(r->det.bew[0][0], dc / (d * 1.25), TOL_EXACT, "constant, r=0: trial window W* = dC / (1.25 d)");
    /* W*(2) with dC = 79,000 and d = 0.10: 79000 / 0.175 = 451,428.57... */
    t_rel(r->det.bew[0][2], 451428.5714285714, 1e-12, "constant, r=0: W*(2) = 451,428.57");
    t_rel(r->det.pv_effect, d * 4.75, TOL_EXACT, "constant, r=0: discounted job-years over 5 years = 4.75 d");
    t_rel(r->det.cost_per_job, dc / d, TOL_EXACT, "cost per job = dC / last effect");
    cba_result_free(r);
    cba_spec_free(&s);
}

/* 2. Discounted at 4%: year 1 holds 0.75 d, later years d; d_y = 1.04^-y. */
static void test_closed_form_discounted(void)
{
    double dc = 79000, d = 0.103, r4 = 0.04;
    cba_spec s;
    base_spec(&s, dc, d, r4, 5);
    cba_result *r = run(&s, 1);
    if (!t_true(r != NULL, "discounted: runs"))
        return;
    for (int H = 1; H <= 5; H++) {
        /* geometric sum by hand: 0.75 d / 1.04 + d sum_{y=2}^{H} 1.04^-y */
        double sum = 0.75 * d / 1.04;
        if (H >= 2)
            sum += d * (1 / (1.04 * 1.04)) * (1 - pow(1.04, -(H - 1))) / (1 - 1 / 1.04);
        t_rel(r->det.bew[0][H], dc / sum, 1e-13, "discounted 4%%: W*(H=%d) by the geometric sum", H);
    }
    /* window: year 1 (0.75 d) at 1/1.04, months 12-18 (0.5 d) at 1/1.04^2 */
    t_rel(r->det.bew[0][0], dc / (0.75 * d / 1.04 + 0.5 * d / (1.04 * 1.04)), 1e-13, "discounted 4%%: trial window");
    cba_result_free(r);
    cba_spec_free(&s);
}

/* 3. Fading (linear:2) and half-life (halflife:1) persistence, undiscounted, computed by hand. */
static void test_persistence(void)
{
    double dc = 79000, d = 0.1;
    cba_spec s;
    base_spec(&s, dc, d, 0, 5);
    s.rules[1] = (cba_persistence){.kind = CBA_LINEAR, .years = 2};
    s.rules[2] = (cba_persistence){.kind = CBA_HALFLIFE, .years = 1};
    s.n_rules = 3;
    cba_result *r = run(&s, 1);
    if (!t_true(r != NULL, "persistence: runs"))
        return;
    /* linear:2: the effect falls from d at 18 months to 0 at 42. Year 2: 6 d + 6 x 0.875 d = 11.25 d months
     * -> 0.9375 d; year 3: mean 0.5 d; year 4: months 36-42 from 0.25 d to 0 -> 0.75 d months -> 0.0625 d. */
    double lin[6] = {0, 0.75, 0.9375, 0.5, 0.0625, 0};
    double cum = 0;
    for (int H = 1; H <= 5; H++) {
        t_rel(r->det_ws.e[1][H - 1], lin[H] * d, 1e-13, "linear:2: e_%d by hand", H);
        cum += lin[H] * d;
        t_rel(r->det.bew[1][H], dc / cum, 1e-13, "linear:2: W*(H=%d)", H);
    }
    /* halflife:1: after 18 months d 2^(-(t-18)/12). int_a^b = d 12/ln2 (2^(-(a-18)/12) - 2^(-(b-18)/12)). */
    double k = 12 / M_LN2;
    double hl[6];
    hl[1] = 0.75;
    hl[2] = (6 + k * (1 - pow(2, -0.5))) / 12;
    for (int y = 3; y <= 5; y++)
        hl[y] = k * (pow(2, -(12.0 * (y - 1) - 18) / 12) - pow(2, -(12.0 * y - 18) / 12)) / 12;
    cum = 0;
    for (int H = 1; H <= 5; H++) {
        t_rel(r->det_ws.e[2][H - 1], hl[H] * d, 1e-13, "halflife:1: e_%d by hand", H);
        cum += hl[H] * d;
        t_rel(r->det.bew[2][H], dc / cum, 1e-13, "halflife:1: W*(H=%d)", H);
    }
    /* the trial window does not depend on the rule */
    t_rel(r->det.bew[1][0], r->det.bew[0][0], TOL_EXACT, "trial window is the same under linear:2");
    t_rel(r->det.bew[2][0], r->det.bew[0][0], TOL_EXACT, "trial window is the same under halflife:1");
    cba_result_free(r);
    cba_spec_free(&s);

    /* A piecewise effect (0.05, 0.095, 0.103) with linear interpolation, month by month by hand: year 1 =
     * (6 x 0.025 + 6 x 0.0725)/12; year 2 = (6 x 0.099 + 6 x 0.103)/12. */
    cba_spec_init(&s);
    double m[3] = {6, 12, 18}, e[3] = {0.05, 0.095, 0.103}, y[3];
    cba_yearly_effects(m, e, 3, &s.rules[0], 3, y);
    t_rel(y[0], (6 * 0.025 + 6 * 0.0725) / 12, 1e-14, "piecewise: e_1 by hand");
    t_rel(y[1], (6 * 0.099 + 6 * 0.103) / 12, 1e-14, "piecewise: e_2 by hand");
    t_rel(y[2], 0.103, 1e-14, "piecewise: e_3 = last effect (constant)");
    double w[3];
    int nw = cba_window_effects(m, e, 3, w);
    t_int(nw, 2, "window of 18 months spans 2 years");
    t_rel(w[1], 6 * 0.099 / 12, 1e-14, "window: months 12-18 of year 2 weighted by their months");
    /* an effect month that is not a multiple of 12 and a tail inside year 1 */
    double m2[1] = {3}, e2[1] = {0.2}, y2[2];
    cba_persistence lin1 = {.kind = CBA_LINEAR, .years = 0.5}; /* to 0 at month 9 */
    cba_yearly_effects(m2, e2, 1, &lin1, 2, y2);
    t_rel(y2[0], (3 * 0.1 + 6 * 0.1) / 12, 1e-14, "ramp to month 3, fade to 0 by month 9");
    t_rel(y2[1], 0, TOL_EXACT, "nothing left in year 2");
    cba_spec_free(&s);
}

/* 4. Zero effect: no finite break-even wage, said in the label (not Inf); negative incremental cost. */
static void test_degenerate(void)
{
    cba_spec s;
    base_spec(&s, 79000, 0, 0.04, 3);
    cba_result *r = run(&s, 1);
    if (!t_true(r != NULL, "zero effect: runs"))
        return;
    t_true(isnan(r->det.bew[0][2]), "zero effect: break-even wage undefined");
    t_true(isnan(r->det.bew_soc), "zero effect: societal break-even wage undefined");
    t_true(isnan(r->det.cost_per_job), "zero effect: cost per job undefined");
    core_results *res = core_results_new();
    core_err err;
    t_int(cba_rows_add(&s, r, res, &err), CORE_OK, "zero effect: rows");
    const core_result_row *row = find(res, "break_even_wage", "2", "constant");
    t_true(row && isnan(row->estimate), "zero effect: row estimate empty");
    t_contains(row ? row->label : NULL, "no finite break-even wage", "zero effect: the label says so");
    row = find(res, "cost_per_job", NULL, NULL);
    t_contains(row ? row->label : NULL, "not defined", "zero effect: cost per job says why");
    core_results_free(res);
    cba_result_free(r);
    cba_spec_free(&s);

    /* negative incremental cost: IPS cheaper than control */
    base_spec(&s, -5000, 0.1, 0, 2);
    r = run(&s, 1);
    if (!t_true(r != NULL, "negative dC: runs"))
        return;
    t_rel(r->det.bew[0][2], -5000 / (0.1 * 1.75), TOL_EXACT, "negative dC: W* = dC / sum (negative)");
    res = core_results_new();
    cba_rows_add(&s, r, res, &err);
    row = find(res, "break_even_wage", "2", "constant");
    t_contains(row ? row->label : NULL, "breaks even at any wage", "negative dC: the label explains");
    core_results_free(res);
    cba_result_free(r);
    cba_spec_free(&s);

    /* negative effect: no finite break-even wage */
    base_spec(&s, 79000, -0.05, 0, 2);
    r = run(&s, 1);
    if (r)
        t_true(isnan(r->det.bew[0][2]) && isnan(r->det.bew[0][0]), "negative effect: no finite break-even wage");
    cba_result_free(r);
    cba_spec_free(&s);
}

/* 5. NPVs by perspective and ROI, by hand: constant d, r = 0, H = 2 (1.75 d job-years), all flows on. */
static void test_npv(void)
{
    double dc = 79000, d = 0.1, W = 450000, ec = 0.141, t = 0.30, b = 220000, br = 0.8, hc = -2000, q = 0.01,
           vq = 588000, mcpf = 0.2;
    cba_spec s;
    base_spec(&s, dc, d, 0, 2);
    s.value[CBA_EMPLOYER_CONTRIBUTIONS] = ec;
    s.value[CBA_TAX_RATE] = t;
    s.value[CBA_BENEFIT] = b;
    s.value[CBA_BENEFIT_REDUCTION] = br;
    s.value[CBA_HEALTH_COST_CHANGE] = hc;
    s.value[CBA_QALY_GAIN] = q;
    s.value[CBA_VALUE_PER_QALY] = vq;
    s.value[CBA_MCPF] = mcpf;
    cba_result *r = run(&s, 1);
    if (!t_true(r != NULL, "npv: runs"))
        return;
    double je = 1.75 * d; /* job-years */
    double gov = -dc + je * (W * (t + ec) + b * br) - 2 * hc;
    double part = je * (W * (1 - t) - b * br);
    double soc = -dc + je * W * (1 + ec) - 2 * hc + 2 * q * vq + mcpf * gov;
    t_rel(r->det.npv[CBA_GOVERNMENT], gov, 1e-13, "NPV government by hand");
    t_rel(r->det.npv[CBA_PARTICIPANT], part, 1e-13, "NPV participant by hand");
    t_rel(r->det.npv[CBA_SOCIETAL], soc, 1e-13, "NPV societal by hand");
    t_rel(r->det.roi[CBA_GOVERNMENT], je * (W * (t + ec) + b * br) / (dc + 2 * hc), 1e-13, "ROI government");
    t_rel(r->det.roi[CBA_PARTICIPANT], je * W * (1 - t) / (je * b * br), 1e-13, "ROI participant");
    t_rel(r->det.roi[CBA_SOCIETAL],
          (je * W * (1 + ec) + 2 * q * vq + mcpf * je * (W * (t + ec) + b * br)) / ((1 + mcpf) * (dc + 2 * hc)),
          1e-13, "ROI societal");
    /* societal break-even: NPV_soc linear in W, zero at W* */
    double a = -(1 + mcpf) * (dc + 2 * hc) + 2 * q * vq + mcpf * je * b * br;
    double slope = je * ((1 + ec) + mcpf * (t + ec));
    t_rel(r->det.bew_soc, -a / slope, 1e-13, "societal break-even wage, closed form");
    t_int(r->det.bew_soc_iter, 0, "societal break-even: closed form, no iterations");
    /* ICER and INMB (health-care cost side: dC + sum Hc) */
    t_rel(r->det.icer_qaly, (dc + 2 * hc) / (2 * q), 1e-13, "ICER per QALY");
    t_rel(r->det.icer_job, (dc + 2 * hc) / je, 1e-13, "ICER per job-year");
    t_rel(r->det.inmb_qaly, vq * 2 * q - (dc + 2 * hc), 1e-13, "INMB per QALY at value_per_qaly");
    t_rel(r->det.inmb_job, W * (1 + ec) * je - (dc + 2 * hc), 1e-13, "INMB per job-year at the production value");
    /* the yearly flows' present values (what the workbook sums) add up to the NPVs */
    const double *pv = r->det.pv_flow;
    t_rel(-dc + pv[CBA_F_TAXES] + pv[CBA_F_BENEFITS] - pv[CBA_F_HEALTH], gov, 1e-13, "PV flows: NPV government");
    t_rel(pv[CBA_F_NET_EARNINGS] - pv[CBA_F_BENEFITS], part, 1e-13, "PV flows: NPV participant");
    t_rel(-dc + pv[CBA_F_PRODUCTION] - pv[CBA_F_HEALTH] + pv[CBA_F_QALY_VALUE] + mcpf * gov, soc, 1e-13,
          "PV flows: NPV societal");
    t_rel(pv[CBA_F_EARNINGS], je * W, 1e-13, "PV flows: gross earnings = job-years x wage");
    cba_result_free(r);
    cba_spec_free(&s);

    /* 0% is a real discount rate, not "unset": the same as r = 0 in the closed forms above, and 1e-12 differs */
    base_spec(&s, dc, d, 0, 2);
    t_true(s.has[CBA_DISCOUNT_RATE] == 1 && s.value[CBA_DISCOUNT_RATE] == 0, "0%% discount is given, not unset");
    r = run(&s, 1);
    if (r)
        t_rel(r->det.bew[0][2], dc / (1.75 * d), TOL_EXACT, "0%% discount: W*(2) undiscounted");
    cba_result_free(r);
    cba_spec_free(&s);
}

/* 6. A tax schedule: tax by hand, and the societal break-even wage by Brent's method. */
static void test_tax_schedule(void)
{
    cba_spec s;
    base_spec(&s, 79000, 0.1, 0, 2);
    s.n_tax = 3;
    double thr[3] = {0, 200000, 600000}, mr[3] = {0.2, 0.35, 0.5};
    memcpy(s.tax_threshold, thr, sizeof thr);
    memcpy(s.tax_marginal, mr, sizeof mr);
    s.value[CBA_MCPF] = 0.2;
    s.value[CBA_BENEFIT] = 100000;
    s.value[CBA_BENEFIT_REDUCTION] = 1;
    t_rel(cba_tax(&s, 0, 100000), 20000, TOL_EXACT, "tax schedule: 100,000 in the first bracket");
    t_rel(cba_tax(&s, 0, 450000), 0.2 * 200000 + 0.35 * 250000, TOL_EXACT, "tax schedule: 450,000");
    t_rel(cba_tax(&s, 0, 700000), 0.2 * 200000 + 0.35 * 400000 + 0.5 * 100000, TOL_EXACT, "tax schedule: 700,000");
    cba_result *r = run(&s, 1);
    if (!t_true(r != NULL, "tax schedule: runs"))
        return;
    /* NPV_soc(W) = -1.2 dC + je [W + 0.2 (tax(W) + b)]; root in the first bracket if it exists there:
     * je (W (1 + 0.2 x 0.2) + 0.2 b) = 1.2 dC -> W = (1.2 dC / je - 0.2 b) / 1.04 */
    double je = 0.175;
    double w1 = (1.2 * 79000 / je - 0.2 * 100000) / 1.04;
    t_true(!(w1 < 200000), "the first-bracket root %g is not in the first bracket: the root is in the next", w1);
    /* second bracket: tax = 40000 + 0.35 (W - 200000) -> W (1 + 0.07) = 1.2 dC / je - 0.2 b - 0.2 (40000 - 70000) */
    double w2 = (1.2 * 79000 / je - 0.2 * 100000 - 0.2 * (40000 - 70000)) / 1.07;
    t_true(w2 > 200000 && w2 < 600000, "hand root lies in the second bracket (%g)", w2);
    t_abs(r->det.bew_soc, w2, 1e-6, "societal break-even wage by Brent = hand root (tol 1e-6)");
    t_true(r->det.bew_soc_iter > 0, "Brent iterations reported (%d)", r->det.bew_soc_iter);
    cba_result_free(r);
    cba_spec_free(&s);
}

/* 7. Distributions: parse, checks, quantiles against R, moments of draws. */
static void test_dist(void)
{
    cba_dist d;
    core_err err;
    t_int(cba_dist_parse("gamma(mean=95000, se=9500)", &d, &err), CORE_OK, "parse gamma named");
    t_true(d.kind == CBA_DIST_GAMMA && d.p[0] == 95000 && d.p[1] == 9500, "gamma parameters");
    /* R: qgamma(c(.025,.975), shape=(m/se)^2, scale=se^2/m) = 77295.791688376994 114502.5003654977 */
    t_rel(cba_dist_quantile(&d, 0, 0.025), 77295.791688376994, TOL_REF, "gamma 2.5%% point = R qgamma");
    t_rel(cba_dist_quantile(&d, 0, 0.975), 114502.5003654977, TOL_REF, "gamma 97.5%% point = R qgamma");
    t_int(cba_dist_parse("lognormal(450000, 50000)", &d, &err), CORE_OK, "parse lognormal positional");
    /* R: qlnorm(., log(m) - s2/2, sqrt(s2)), s2 = log(1 + se^2/m^2) = 359964.87020668644 555694.4701021061 */
    t_rel(cba_dist_quantile(&d, 0, 0.025), 359964.87020668644, TOL_REF, "lognormal 2.5%% point = R qlnorm");
    t_rel(cba_dist_quantile(&d, 0, 0.975), 555694.4701021061, TOL_REF, "lognormal 97.5%% point = R qlnorm");
    t_int(cba_dist_parse("beta(se=0.05, mean=0.3)", &d, &err), CORE_OK, "parse beta named, any order");
    /* R: qbeta(., m k, (1-m) k), k = m(1-m)/se^2 - 1 = 0.20689792092077616 0.40223029199199889 */
    t_rel(cba_dist_quantile(&d, 0, 0.025), 0.20689792092077616, TOL_REF, "beta 2.5%% point = R qbeta");
    t_rel(cba_dist_quantile(&d, 0, 0.975), 0.40223029199199889, TOL_REF, "beta 97.5%% point = R qbeta");
    t_int(cba_dist_parse("triangular(1, 2, 4)", &d, &err), CORE_OK, "parse triangular");
    /* F(2) = 1/3: the 1/3 quantile is the mode; the median by hand: 4 - sqrt(0.5 x 3 x 2) */
    t_rel(cba_dist_quantile(&d, 0, 1.0 / 3), 2, 1e-12, "triangular: F(mode) = (c-a)/(b-a)");
    t_rel(cba_dist_quantile(&d, 0, 0.5), 4 - sqrt(3), 1e-12, "triangular median by hand");
    t_rel(cba_dist_mean(&d), 7.0 / 3, TOL_EXACT, "triangular mean (a+b+c)/3");
    t_int(cba_dist_parse("uniform(min=0.02, max=0.06)", &d, &err), CORE_OK, "parse uniform");
    t_rel(cba_dist_quantile(&d, 0, 0.025), 0.021, 1e-12, "uniform quantile");
    t_int(cba_dist_parse("fixed", &d, &err), CORE_OK, "parse fixed");
    t_true(d.kind == CBA_DIST_FIXED, "fixed kind");
    t_int(cba_dist_parse("fixed(3)", &d, &err), CORE_OK, "parse fixed(3)");
    /* parse failures */
    t_int(cba_dist_parse("gama(mean=1, se=1)", &d, &err), CORE_ERR_CONFIG, "unknown family");
    t_int(cba_dist_parse("gamma(mean=1)", &d, &err), CORE_ERR_CONFIG, "missing se");
    t_contains(err.msg, "needs se", "missing se: says which");
    t_int(cba_dist_parse("gamma(mean=1, sd=1)", &d, &err), CORE_ERR_CONFIG, "wrong argument name");
    t_int(cba_dist_parse("gamma(mean=1, se=x)", &d, &err), CORE_ERR_CONFIG, "not a number");
    t_int(cba_dist_parse("normal(1, 2, 3)", &d, &err), CORE_ERR_CONFIG, "too many arguments");
    t_int(cba_dist_parse("normal(1, 2) x", &d, &err), CORE_ERR_CONFIG, "junk after )");
    /* checks */
    cba_dist_parse("beta(mean=1.2, se=0.1)", &d, &err);
    t_int(cba_dist_check(&d, 0, 1, &err), CORE_ERR_CONFIG, "beta mean outside (0,1)");
    t_contains(err.msg, "0 < mean < 1", "beta mean: message");
    cba_dist_parse("beta(mean=0.5, se=0.6)", &d, &err);
    t_int(cba_dist_check(&d, 0, 1, &err), CORE_ERR_CONFIG, "beta se too large");
    cba_dist_parse("gamma(mean=1000, se=5000)", &d, &err);
    t_int(cba_dist_check(&d, 0, INFINITY, &err), CORE_ERR_CONFIG, "gamma se larger than the mean allows");
    t_contains(err.msg, "shape", "gamma se: message names the shape");
    cba_dist_parse("gamma(mean=-5, se=1)", &d, &err);
    t_int(cba_dist_check(&d, -INFINITY, INFINITY, &err), CORE_ERR_CONFIG, "gamma mean <= 0");
    cba_dist_parse("normal(mean=1000, se=200)", &d, &err);
    t_int(cba_dist_check(&d, 0, INFINITY, &err), CORE_ERR_CONFIG, "normal too close to a bound of a positive amount");
    cba_dist_parse("normal(mean=10000, se=200)", &d, &err);
    t_int(cba_dist_check(&d, 0, INFINITY, &err), CORE_OK, "normal far from the bound is fine");
    cba_dist_parse("uniform(2, 1)", &d, &err);
    t_int(cba_dist_check(&d, -INFINITY, INFINITY, &err), CORE_ERR_CONFIG, "uniform min > max");
    cba_dist_parse("uniform(-0.5, 0.5)", &d, &err);
    t_int(cba_dist_check(&d, 0, 1, &err), CORE_ERR_CONFIG, "uniform outside the parameter's range");
    cba_dist_parse("triangular(1, 5, 4)", &d, &err);
    t_int(cba_dist_check(&d, -INFINITY, INFINITY, &err), CORE_ERR_CONFIG, "triangular mode outside");
    /* draws: sample moments within 4 standard errors of the mean (n = 200,000) */
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 99);
    const char *fams[] = {"normal(10, 2)", "lognormal(10, 2)", "gamma(10, 2)", "beta(0.3, 0.05)", "uniform(1, 4)",
                          "triangular(1, 2, 4)"};
    double sds[] = {2, 2, 2, 0.05, 3 / sqrt(12), sqrt((1 + 4 + 16 - 2 - 4 - 8) / 18.0)};
    for (int f = 0; f < 6; f++) {
        cba_dist_parse(fams[f], &d, &err);
        long n = 200000;
        double s = 0, ss = 0;
        for (long i = 0; i < n; i++) {
            double x = cba_dist_draw(&d, 0, rng);
            s += x;
            ss += x * x;
        }
        double mean = s / n, var = ss / n - mean * mean;
        t_abs(mean, cba_dist_mean(&d), 4 * sds[f] / sqrt((double)n), "%s: sample mean within 4 SE", fams[f]);
        t_rel(sqrt(var), sds[f], 0.01, "%s: sample SD within 1%%", fams[f]);
    }
    gsl_rng_free(rng);
}

/* 8. PSA: the same seed gives bit-identical results; another seed differs; the mean of a multilinear figure
 *    (NPV government: linear in each independent parameter) converges to the deterministic value. */
static cba_spec psa_spec(long draws)
{
    cba_spec s;
    base_spec(&s, 79000, 0.1, 0.04, 5);
    s.value[CBA_EMPLOYER_CONTRIBUTIONS] = 0.141;
    s.value[CBA_TAX_RATE] = 0.3;
    s.value[CBA_BENEFIT] = 220000;
    s.value[CBA_BENEFIT_REDUCTION] = 0.8;
    s.value[CBA_MCPF] = 0.2;
    double e[3] = {0.05, 0.095, 0.103}, se[3] = {0.04, 0.045, 0.045};
    memcpy(s.effect, e, sizeof e);
    memcpy(s.effect_se, se, sizeof se);
    s.effect_uncertain = 1;
    independent(&s);
    s.dist[CBA_COST_IPS] = (cba_dist){CBA_DIST_GAMMA, {95000, 9500, 0}};
    s.value[CBA_COST_IPS] = 95000;
    s.value[CBA_COST_CONTROL] = 16000;
    s.dist[CBA_WAGE] = (cba_dist){CBA_DIST_LOGNORMAL, {450000, 50000, 0}};
    s.dist[CBA_TAX_RATE] = (cba_dist){CBA_DIST_BETA, {0.3, 0.03, 0}};
    s.dist[CBA_BENEFIT] = (cba_dist){CBA_DIST_GAMMA, {220000, 20000, 0}};
    s.psa_draws = draws;
    return s;
}

static void test_psa(void)
{
    cba_spec s = psa_spec(20000);
    cba_result *a = run(&s, 20130501), *b = run(&s, 20130501), *c = run(&s, 7);
    if (!t_true(a && b && c, "psa: runs"))
        return;
    t_true(memcmp(a->summary, b->summary, a->n_slots * sizeof(cba_summary)) == 0,
           "same seed: every PSA summary bit-identical");
    t_true(memcmp(a->ce_dc, b->ce_dc, 20000 * sizeof(double)) == 0 &&
               memcmp(a->ce_dj, b->ce_dj, 20000 * sizeof(double)) == 0,
           "same seed: CE-plane points bit-identical");
    t_true(memcmp(a->ceac_job, b->ceac_job, s.n_wtp * sizeof(double)) == 0 &&
               memcmp(a->evpi_job, b->evpi_job, s.n_wtp * sizeof(double)) == 0,
           "same seed: CEAC and EVPI bit-identical");
    t_true(a->summary[CBA_S_NPV].mean != c->summary[CBA_S_NPV].mean, "another seed gives other draws");
    for (int p = 0; p < CBA_N_PERSPECTIVES; p++) {
        const cba_summary *x = &a->summary[CBA_S_NPV + p];
        double mcse = x->sd / sqrt((double)a->draws);
        t_abs(x->mean, a->det.npv[p], 3 * mcse, "PSA mean NPV %s within 3 MC SE of the deterministic value (MC SE %.1f)",
              cba_perspective_name[p], mcse);
    }
    const cba_summary *dc = &a->summary[CBA_S_DC];
    t_abs(dc->mean, 79000, 3 * dc->sd / sqrt(20000.0), "PSA mean incremental cost within 3 MC SE of 79,000");
    /* percentile interval: 2.5% and 97.5% points of gamma(95000, 9500) - 16000, MC error ~ 0.5% */
    t_rel(dc->lo, 77295.791688376994 - 16000, 0.01, "PSA 2.5%% point of dC near R's qgamma - 16,000");
    t_rel(dc->hi, 114502.5003654977 - 16000, 0.01, "PSA 97.5%% point of dC near R's qgamma - 16,000");
    cba_result_free(a);
    cba_result_free(b);
    cba_result_free(c);
    cba_spec_free(&s);
}

/* 9. CEAC and EVPI when only the effects are uncertain: dJ = sum_y d_y e_y is linear in the normal effects, so
 *    INMB(l) = l dJ - dC is normal: CEAC = Phi(m/s), EVPI = s phi(m/s) + m Phi(m/s) - max(m, 0). */
static void test_ceac_evpi(void)
{
    cba_spec s;
    base_spec(&s, 79000, 0.1, 0.04, 5);
    double e[3] = {0.05, 0.095, 0.103}, se[3] = {0.04, 0.045, 0.045};
    memcpy(s.effect, e, sizeof e);
    memcpy(s.effect_se, se, sizeof se);
    s.effect_uncertain = 1;
    independent(&s);
    s.psa_draws = 100000;
    free(s.wtp);
    s.n_wtp = 5;
    s.wtp = malloc(5 * sizeof(double));
    for (int i = 0; i < 5; i++)
        s.wtp[i] = 100000.0 * (i + 1) + 50000;
    cba_result *r = run(&s, 11);
    if (!t_true(r != NULL, "ceac: runs"))
        return;
    /* the gradient of dJ in each effect, exactly (dJ is linear): evaluate with unit shifts */
    cba_eval_ws ws;
    cba_figures f0, f1;
    core_err err;
    double v[CBA_N_PARAMS];
    memcpy(v, s.value, sizeof v);
    cba_evaluate(&s, v, s.effect, 0, &ws, &f0, &err);
    double var = 0;
    for (int k = 0; k < 3; k++) {
        double ek[3];
        memcpy(ek, s.effect, sizeof ek);
        ek[k] += 1;
        cba_evaluate(&s, v, ek, 0, &ws, &f1, &err);
        double g = f1.pv_effect - f0.pv_effect;
        var += g * g * se[k] * se[k];
    }
    double sj = sqrt(var), mj = f0.pv_effect, N = (double)r->draws;
    for (size_t w = 0; w < s.n_wtp; w++) {
        double l = s.wtp[w], m = l * mj - 79000, sd = l * sj, z = m / sd;
        double p = gsl_cdf_ugaussian_P(z);
        t_abs(r->ceac_job[w], p, 4 * sqrt(p * (1 - p) / N), "CEAC at %g = Phi(m/s) = %.4f within 4 MC SE", l, p);
        double evpi = sd * exp(-z * z / 2) / sqrt(2 * M_PI) + m * p - (m > 0 ? m : 0);
        t_abs(r->evpi_job[w], evpi, 4 * sd / sqrt(N), "EVPI at %g = %.1f (normal closed form) within 4 SD/sqrt(N)", l,
              evpi);
        t_rel(r->front_job[w], m > 0 ? p : 1 - p, 4 * sqrt(p * (1 - p) / N) / (m > 0 ? p : 1 - p) + 1e-12,
              "frontier at %g: P(optimal option)", l);
    }
    t_true(!r->qaly_uncertain, "no QALY gain: per-QALY figures not reported");
    cba_result_free(r);
    cba_spec_free(&s);
}

/* 10. Tornado: the parameter's interval ends from its distribution, the figure there, sorted by swing. */
static void test_tornado(void)
{
    cba_spec s = psa_spec(0);
    cba_result *r = run(&s, 1);
    if (!t_true(r != NULL, "tornado: runs"))
        return;
    t_int((long)r->n_bars, 5, "tornado: 4 parameters with distributions + the effects");
    const cba_tornado_bar *g = r->bars[CBA_GOVERNMENT];
    for (size_t b = 1; b < r->n_bars; b++)
        t_true(fabs(g[b - 1].at_hi - g[b - 1].at_lo) >= fabs(g[b].at_hi - g[b].at_lo), "tornado sorted by swing (%zu)",
               b);
    for (size_t b = 0; b < r->n_bars; b++) {
        if (strcmp(g[b].key, "cost_ips") != 0)
            continue;
        /* NPV_gov is -cost_ips + const: at the 2.5% point of gamma(95000, 9500) (R: 77295.791688376994) */
        t_rel(g[b].lo, 77295.791688376994, TOL_REF, "tornado: cost_ips low end = R qgamma 2.5%%");
        t_rel(g[b].at_lo, r->det.npv[CBA_GOVERNMENT] + (95000 - g[b].lo), 1e-12, "tornado: NPV_gov at the low cost");
        t_rel(g[b].at_hi, r->det.npv[CBA_GOVERNMENT] + (95000 - g[b].hi), 1e-12, "tornado: NPV_gov at the high cost");
    }
    cba_result_free(r);
    cba_spec_free(&s);
}

/* 11. Markov: two states (waa, employed), employment absorbing; control moves to work with p = 0.1 a year, IPS
 *     with 0.2. Employed share after c cycles: 1 - 0.9^c and 1 - 0.8^c, by hand. */
static void test_markov(void)
{
    cba_spec s;
    base_spec(&s, 10000, 0.1, 0, 4);
    s.value[CBA_TAX_RATE] = 0.3;
    s.value[CBA_EMPLOYER_CONTRIBUTIONS] = 0.1;
    s.value[CBA_MCPF] = 0.2;
    cba_markov_spec *m = calloc(1, sizeof *m);
    m->n_states = 2;
    m->states[0] = strdup("waa");
    m->states[1] = strdup("employed");
    m->start[0] = 1;
    m->cycles = 4;
    double pc[4] = {0.9, 0.1, 0, 1}, pi[4] = {0.8, 0.2, 0, 1};
    memcpy(m->p[0], pc, sizeof pc);
    memcpy(m->p[1], pi, sizeof pi);
    m->earnings[1] = 300000;
    m->benefits[0] = 200000;
    m->fte[1] = 0.6;
    s.markov = m;
    cba_result *r = run(&s, 3);
    if (!t_true(r != NULL, "markov: runs"))
        return;
    double fte = 0, gov = -10000, soc_p = 0;
    for (int c = 1; c <= 4; c++) {
        double de = pow(0.9, c) - pow(0.8, c); /* extra employed share */
        fte += 0.6 * de;
        gov += de * (300000 * (0.3 + 0.1) + 200000);
        soc_p += de * 300000 * 1.1;
    }
    t_rel(r->markov->det.fte_gained, fte, 1e-13, "Markov FTE work-years gained by hand");
    t_rel(r->markov->det.treated_per_fte, 1 / fte, 1e-13, "Markov people treated per extra FTE year");
    t_rel(r->markov->det.npv[CBA_GOVERNMENT], gov, 1e-13, "Markov NPV government by hand");
    t_rel(r->markov->det.npv[CBA_SOCIETAL], soc_p + 0.2 * gov - 10000, 1e-13, "Markov NPV societal by hand");
    t_rel(r->markov->trace[1][2][1], 1 - 0.8 * 0.8, 1e-14, "Markov trace: IPS employed after 2 cycles");
    t_rel(r->markov->det.payback[CBA_GOVERNMENT], 1, TOL_EXACT, "Markov payback (government) in cycle 1");
    cba_result_free(r);
    /* PSA with Dirichlet rows: a huge concentration reproduces the deterministic model */
    m->dirichlet_n = 1e12;
    s.psa_draws = 200;
    r = run(&s, 3);
    if (r)
        t_rel(r->markov->s_npv[CBA_GOVERNMENT].mean, r->markov->det.npv[CBA_GOVERNMENT], 1e-4,
              "Dirichlet with concentration 1e12: PSA mean = deterministic");
    cba_result_free(r);
    m->dirichlet_n = 50;
    r = run(&s, 3);
    cba_result *r2 = run(&s, 3);
    if (r && r2) {
        t_true(r->markov->s_npv[CBA_GOVERNMENT].sd > 0, "Dirichlet with concentration 50: NPV varies");
        t_true(memcmp(&r->markov->s_npv, &r2->markov->s_npv, sizeof r->markov->s_npv) == 0,
               "Markov PSA reproducible from the seed");
    }
    cba_result_free(r);
    cba_result_free(r2);
    cba_spec_free(&s);
}

/* 12. Bootstrap of the participants: one effect month (12), H = 1, r = 0, so the discounted job-years are
 *     0.5 d (the ramp from 0). IPS 400/1000 employed (+100 with the outcome missing), control 250/1000: the
 *     bootstrap distribution of d has mean 0.15 and SD sqrt(0.4 x 0.6/1000 + 0.25 x 0.75/1000) = 0.020676. */
static void test_bootstrap(void)
{
    cba_spec s;
    base_spec(&s, 79000, 0.15, 0, 1);
    s.n_effects = 1;
    s.effect_months[0] = 12;
    s.effect[0] = 0.15;
    s.effect_se[0] = NAN;
    size_t n = 2100;
    int *arm = malloc(n * sizeof *arm);
    double *y = malloc(n * sizeof *y);
    for (size_t i = 0; i < n; i++) {
        arm[i] = i < 1100;
        y[i] = i < 1100 ? (i < 100 ? NAN : i < 500) : (i - 1100 < 250);
    }
    s.effect_bootstrap = 1;
    s.boot_n = n;
    s.boot_arm = arm;
    s.boot_y = y;
    s.psa_draws = 20000;
    cba_result *r = run(&s, 5), *r2 = run(&s, 5);
    if (t_true(r && r2, "bootstrap: runs")) {
        double sum = 0, ss = 0, N = (double)r->draws;
        for (long i = 0; i < r->draws; i++) {
            double d = 2 * r->ce_dj[i];
            sum += d;
            ss += d * d;
        }
        double mean = sum / N, sd = sqrt(ss / N - mean * mean), sd0 = sqrt(0.4 * 0.6 / 1000 + 0.25 * 0.75 / 1000);
        t_abs(mean, 0.15, 3 * sd0 / sqrt(N), "bootstrap: mean risk difference 0.15 within 3 MC SE");
        t_rel(sd, sd0, 0.03, "bootstrap: SD of the risk difference = binomial SE %.6f within 3%%", sd0);
        t_true(memcmp(r->ce_dj, r2->ce_dj, (size_t)r->draws * sizeof(double)) == 0,
               "bootstrap: same seed, same replicates");
        t_int((long)r->n_bars, 0, "bootstrap without SEs: no tornado bar for the effects");
    }
    cba_result_free(r);
    cba_result_free(r2);
    s.boot_n = 0;
    core_err err;
    t_int(cba_spec_check(&s, &err), CORE_ERR_CONFIG, "bootstrap without participant data is refused");
    free(arm);
    free(y);
    cba_spec_free(&s);
}

/* 13. The spec check names the key: bad values provoke each error. */
static void test_check(void)
{
    core_err err;
    cba_spec s;
    struct {
        const char *label, *needle;
        void (*set)(cba_spec *);
    } cases[] = {
        {"negative cost without the flag", "allow_negative_cost", NULL},
        {"discount rate -1", "discount_rate", NULL},
        {"horizon 0", "horizon_years", NULL},
        {"empty WTP grid", "wtp", NULL},
        {"effects not increasing", "effect_months", NULL},
    };
    for (int i = 0; i < 5; i++) {
        base_spec(&s, 79000, 0.1, 0.04, 5);
        switch (i) {
        case 0: s.value[CBA_COST_CONTROL] = -100; break;
        case 1: s.value[CBA_DISCOUNT_RATE] = -1; break;
        case 2: s.horizon = 0; break;
        case 3: s.n_wtp = 0; break;
        case 4: s.effect_months[2] = 12; break;
        }
        t_int(cba_spec_check(&s, &err), CORE_ERR_CONFIG, "check: %s", cases[i].label);
        t_contains(err.msg, cases[i].needle, "check: %s names %s", cases[i].label, cases[i].needle);
        cba_spec_free(&s);
    }
    base_spec(&s, 79000, 0.1, 0.04, 5);
    s.allow_negative_cost = 1;
    s.value[CBA_COST_CONTROL] = -100;
    t_int(cba_spec_check(&s, &err), CORE_OK, "negative cost with allow_negative_cost");
    cba_spec_free(&s);
}

int main(void)
{
    gsl_set_error_handler_off();
    test_closed_form_constant();
    test_closed_form_discounted();
    test_persistence();
    test_degenerate();
    test_npv();
    test_tax_schedule();
    test_dist();
    test_psa();
    test_ceac_evpi();
    test_tornado();
    test_markov();
    test_bootstrap();
    test_check();
    return t_summary("test_cba");
}
