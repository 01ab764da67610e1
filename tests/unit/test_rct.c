/* Unit tests of the trial at each timepoint (rct_timepoint_analyse and friends) on a three-arm fixture:
 * tests/data/rct/threearm.csv (made by threearm.R) with threearm.ini; every expected number comes from
 * tests/data/rct/threearm-expected.R (R 4.2.2, sandwich 3.0-2), printed with sprintf("%.15g").
 * Covers: multi-arm terms arm[IPS]/arm[IPSE] against the control, site and categorical covariate dummies
 * (R's treatment contrasts, levels sorted), outcome-specific covariates and baseline, g-computation per arm,
 * ANCOVA HC2/HC3, Welch, Newcombe, subgroup interaction tests (LR, F), per-group effects, attrition,
 * equity, baseline quartiles and standardised differences, and Holm over the secondary outcomes.
 * Also the bad-input messages of rct_trial_load and the power simulation against closed forms. */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <stdlib.h>

#include "core/core_config.h"
#include "core/core_data.h"
#include "rct/rct.h"
#include "tests/t_check.h"

/* the sections as the program declares them (their owners' key tables) */
static const core_cfg_section schema[] = {
    {"project", NULL, core_project_keys, NULL},   {"data", NULL, core_data_keys, NULL},
    {"trial", NULL, rct_trial_keys, core_data_keys}, {"outcome:*", NULL, rct_outcome_keys, NULL},
    {"power", NULL, rct_power_keys, NULL},
};

typedef struct fixture {
    core_config *cfg;
    core_table *t;
    rct_spec spec;
    rct_trial tr;
    int ok;
} fixture;

static int fx_open(fixture *f, const char *ini, core_err *err)
{
    memset(f, 0, sizeof *f);
    if (!(f->cfg = core_config_load(ini, schema, sizeof schema / sizeof schema[0], err)))
        return 0;
    if (rct_spec_from_config(f->cfg, 0.95, &f->spec, err) != CORE_OK)
        return 0;
    if (core_data_read_section(f->cfg, "trial", "data", &f->t, NULL, err) != CORE_OK)
        return 0;
    if (rct_trial_load(f->cfg, &f->spec, f->t, &f->tr, err) != CORE_OK)
        return 0;
    return f->ok = 1;
}

static void fx_close(fixture *f)
{
    if (f->ok)
        rct_trial_free(&f->tr);
    rct_spec_free(&f->spec);
    core_table_free(f->t);
    core_config_free(f->cfg);
}

static const core_result_row *row(const core_results *r, const char *an, const char *out, const char *tp,
                                  const char *term, const char *method)
{
    const core_result_row *x = core_results_find(r, NULL, an, out, tp, term, method);
    if (!x)
        printf("FAIL: no row %s|%s|%s|%s|%s\n", an, out, tp ? tp : "", term, method);
    return x;
}

#define EST(r, field, want, what) t_rel((r) ? (r)->field : NAN, want, TOL_REF, "%s", what)

static void test_threearm(void)
{
    fixture f;
    core_err err;
    if (!t_true(fx_open(&f, "tests/data/rct/threearm.ini", &err), "three-arm fixture loads (%s)", err.msg)) {
        fx_close(&f);
        return;
    }
    t_int((long)f.tr.n_arms, 3, "three arms");
    core_results *res = core_results_new();
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!t_true(rct_timepoint_analyse(&f.spec, &f.tr, rng, NULL, res, &err) == CORE_OK &&
                    rct_multiplicity_apply(&f.spec, res, &err) == CORE_OK,
                "analyses run (%s)",
                err.msg))
        goto done;
    /* logistic adjusted emp12 ~ arm + site + age + sex */
    static const char *const terms[8] = {"(Intercept)", "arm[IPS]", "arm[IPSE]", "site[North]",
                                         "site[South]", "site[West]", "age",       "sex[male]"};
    static const double coef[8] = {-0.0102323470628135, 0.0409955633994289, -0.235523790970674, -0.168915184753794,
                                   -0.55424472474779,   -0.439673811129678, -0.013946605006338, 0.615524914091844};
    static const double se[8] = {0.655737775599597, 0.354161007508172, 0.357109922065465, 0.370902051651597,
                                 0.425686834612278, 0.413549776723408, 0.0146108077991586, 0.291972959172742};
    for (int j = 0; j < 8; j++) {
        const core_result_row *r = row(res, "logistic", "emp", "12", terms[j], "adjusted");
        EST(r, estimate, coef[j], terms[j]);
        EST(r, se, se[j], terms[j]);
    }
    const core_result_row *r = row(res, "logistic", "emp", "12", "deviance", "adjusted");
    EST(r, estimate, 274.590315462008, "deviance");
    EST(r, n, 215, "n used");
    EST(row(res, "logistic", "emp", "12", "null_deviance", "adjusted"), estimate, 282.759462484899, "null deviance");
    r = row(res, "odds_ratio", "emp", "12", "arm[IPSE]", "logistic_adjusted");
    EST(r, estimate, exp(-0.235523790970674), "adjusted OR IPSE");
    r = row(res, "marginal_risk_difference", "emp", "12", "arm[IPS]", "g_computation");
    EST(r, estimate, 0.00937334633906189, "mrd IPS");
    EST(r, se, 0.0809657177750964, "mrd IPS se");
    r = row(res, "marginal_risk_difference", "emp", "12", "arm[IPSE]", "g_computation");
    EST(r, estimate, -0.0520632618990519, "mrd IPSE");
    EST(r, se, 0.0788039242866266, "mrd IPSE se");
    r = row(res, "marginal_risk_difference", "emp", "12", "TAU", "g_computation");
    EST(r, estimate, 0.382439606855336, "standardised risk TAU");
    EST(r, se, 0.0577354332214223, "standardised risk TAU se");
    r = row(res, "number_needed_to_treat", "emp", "12", "arm[IPS]", "g_computation");
    t_true(r && isnan(r->estimate) && r->label && strstr(r->label, "includes 0"), "NNT not reported when CI spans 0");
    /* unadjusted logistic emp6 */
    EST(row(res, "logistic", "emp", "6", "arm[IPS]", "unadjusted"), estimate, 0.058471768455334, "unadj IPS");
    EST(row(res, "logistic", "emp", "6", "arm[IPSE]", "unadjusted"), se, 0.403158874682228, "unadj IPSE se");
    /* ANCOVA q12 ~ arm + site + age + sex + q0 */
    static const char *const at[9] = {"(Intercept)", "arm[IPS]", "arm[IPSE]", "site[North]", "site[South]",
                                      "site[West]",  "age",      "sex[male]", "q0"};
    static const double ac[9] = {25.1649331938359,   4.34127374293143,  3.65106269910072,
                                 -1.98082870970461,  -0.789484339222777, -0.511741912389489,
                                 0.0760908039708272, 0.894337737670282,  0.453293114264456};
    static const double acse[9] = {3.93076178285143, 1.44148587157149, 1.42795143714606,
                                   1.50586215051539, 1.64474538975914, 1.73782577575126,
                                   0.0573914374966745, 1.17496234082514, 0.0596621075305439};
    static const double hc3[9] = {3.80916394987784, 1.47634644225992, 1.39645981288898,
                                  1.51451722646958, 1.73425286138789, 1.87297959406737,
                                  0.0541689706608763, 1.20561636515832, 0.0593354701073064};
    for (int j = 0; j < 9; j++) {
        EST(row(res, "ancova", "q", "12", at[j], "classical"), estimate, ac[j], at[j]);
        EST(row(res, "ancova", "q", "12", at[j], "classical"), se, acse[j], at[j]);
        EST(row(res, "ancova", "q", "12", at[j], "hc3"), se, hc3[j], at[j]);
    }
    EST(row(res, "ancova", "q", "12", "arm[IPS]", "hc2"), p_value, 0.0030039278987317, "hc2 p IPS");
    EST(row(res, "ancova", "q", "12", "arm[IPSE]", "hc2"), p_value, 0.0080368219778942, "hc2 p IPSE");
    EST(row(res, "ancova", "q", "12", "arm[IPS]", "classical"), df, 187, "ancova df");
    r = row(res, "mean_difference", "q", "12", "arm[IPSE]", "welch");
    EST(r, statistic, 3.10812209521166, "welch t IPSE");
    EST(r, df, 130.435659753692, "welch df IPSE");
    EST(r, ci_low, 1.64297266787464, "welch lo IPSE");
    r = row(res, RCT_RISK_DIFFERENCE, "emp", "12", "arm[IPSE]", "newcombe");
    EST(r, ci_low, -0.191938004410015, "newcombe lo IPSE");
    EST(r, ci_high, 0.115539598347849, "newcombe hi IPSE");
    EST(row(res, "arm_summary", "emp", "12", "IPSE", "wilson"), n, 74, "IPSE n at 12");
    /* subgroups */
    r = row(res, "interaction", "emp", "12", "arm:sex", "logistic_lr");
    EST(r, statistic, 4.07477899464885, "LR arm:sex");
    EST(r, df, 2, "LR df");
    EST(r, p_value, 0.130368594616762, "LR p");
    r = row(res, "interaction", "q", "12", "arm:edu", "ols_f");
    EST(r, statistic, 0.616209252328266, "F arm:edu");
    EST(r, df, 4, "F df");
    EST(r, p_value, 0.651481082773776, "F p");
    r = row(res, "subgroup_effect", "q", "12", "sex[female]:arm[IPS]", "welch");
    EST(r, estimate, 4.01670995670995, "welch within female");
    EST(r, ci_low, -0.310638979278748, "welch within female lo");
    EST(r, ci_high, 8.34405889269865, "welch within female hi");
    r = row(res, "equity", "emp", "12", "edu", "chisq");
    EST(r, statistic, 1.49724802450053, "equity chi-square");
    EST(r, p_value, 0.473016970711929, "equity p");
    /* attrition and baseline */
    r = row(res, "attrition", "q", "12", "arm", "missing_by_arm");
    EST(r, statistic, 0.245513361462728, "attrition chi-square");
    EST(r, df, 2, "attrition df");
    EST(r, p_value, 0.88447884712669, "attrition p");
    r = row(res, "baseline_table", "age", NULL, "IPSE", "median");
    EST(r, estimate, 37, "age median");
    EST(r, ci_low, 29.75, "age q1");
    EST(r, ci_high, 44, "age q3");
    EST(row(res, "baseline_table", "age", NULL, "arm[IPS]", "standardised_difference"), estimate, 0.222327216070657,
        "smd age");
    EST(row(res, "baseline_table", "sex[male]", NULL, "arm[IPS]", "standardised_difference"), estimate,
        0.000312573267946671, "smd sex[male]");
    /* Holm over: emp6s adjusted arm (IPS, IPSE), q ancova classical arm (IPS, IPSE), and the primary outcome emp at
     * its secondary timepoint 6 (primary_timepoint = 12; adjusted arm, IPS and IPSE); the primary test untouched */
    EST(row(res, "logistic", "emp6s", "6", "arm[IPS]", "adjusted"), p_value, 0.939968444345086, "emp6s p");
    EST(row(res, "logistic", "emp6s", "6", "arm[IPS]", "adjusted"), p_adjusted, 1, "holm emp6s IPS");
    EST(row(res, "ancova", "q", "12", "arm[IPS]", "classical"), p_adjusted, 0.017745309492919, "holm q IPS");
    EST(row(res, "ancova", "q", "12", "arm[IPSE]", "classical"), p_adjusted, 0.0567809053882521, "holm q IPSE");
    EST(row(res, "logistic", "emp", "6", "arm[IPS]", "adjusted"), p_adjusted, 1, "holm emp at 6 IPS");
    EST(row(res, "logistic", "emp", "6", "arm[IPSE]", "adjusted"), p_adjusted, 1, "holm emp at 6 IPSE");
    r = row(res, "logistic", "emp", "12", "arm[IPS]", "adjusted");
    t_true(r && isnan(r->p_adjusted), "primary test (emp at its primary timepoint 12) not adjusted");
    r = row(res, "multiplicity", NULL, NULL, NULL, "holm");
    EST(r, n, 6, "family of 6 tests");
done:
    gsl_rng_free(rng);
    core_results_free(res);
    fx_close(&f);
}

/* Bad input through rct_trial_load: each names the place and says what is valid. */
static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    fputs(text, fp);
    fclose(fp);
}

static void expect_load(const char *name, const char *csv, const char *ini_extra, core_status code,
                        const char *needle)
{
    write_file("build/tmp-tests/rct_bad.csv", csv);
    char ini[2048];
    snprintf(ini, sizeof ini,
             "[trial]\ndata = rct_bad.csv\narm = arm\ntreatment = IPS\ncontrol = TAU\n%s\n", ini_extra);
    write_file("build/tmp-tests/rct_bad.ini", ini);
    fixture f;
    core_err err;
    core_err_clear(&err);
    fx_open(&f, "build/tmp-tests/rct_bad.ini", &err);
    t_int(err.code, code, "%s: status", name);
    t_contains(err.msg, needle, "%s: message", name);
    fx_close(&f);
}

static void test_bad(void)
{
    if (system("mkdir -p build/tmp-tests") != 0)
        return;
    const char *csv = "arm,site,a,b,c,k,g,y,q\n"
                      "IPS,S1,1,2,4,3,x,1,1.5\nTAU,S1,2,1,5,3,x,0,2.5\nIPS,S1,3,0,6,3,y,0,3.5\nTAU,S1,4,5,13,3,y,1,4\n"
                      "IPS,S2,5,1,11,3,x,0,1\nTAU,S2,6,3,15,3,y,0,2\nIPS,S2,2,2,6,3,x,1,3\nTAU,S2,7,7,21,3,y,0,2\n";
    expect_load("constant covariate", csv, "covariates = a, k\n[outcome:y]\ntype = binary\ncolumn = y", CORE_ERR_DATA,
                "covariate 'k' is constant");
    expect_load("collinear covariates", csv, "covariates = a, b, c\n[outcome:y]\ntype = binary\ncolumn = y",
                CORE_ERR_DATA, "'c' = 2 x 'a' + 'b'");
    expect_load("continuous not a number", "arm,y\nIPS,1\nTAU,x\nIPS,2\n",
                "[outcome:y]\ntype = continuous\ncolumn = y", CORE_ERR_DATA, "rct_bad.csv:3:2 'y'");
    expect_load("all-missing outcome", "arm,y,z\nIPS,,1\nTAU,,0\nIPS,,1\n",
                "[outcome:y]\ntype = continuous\ncolumn = y", CORE_ERR_DATA, "has no observed values");
    expect_load("site with one arm", "arm,site,y\nIPS,S1,1\nTAU,S1,0\nIPS,S2,1\nIPS,S2,0\n",
                "site = site\n[outcome:y]\ntype = binary\ncolumn = y", CORE_ERR_DATA,
                "site 'S2' (column 'site') has no participant in arm 'TAU'");
    expect_load("numeric subgroup with many values",
                "arm,c,y\nIPS,1,1\nTAU,2,0\nIPS,3,1\nTAU,4,0\nIPS,5,1\nTAU,6,0\nIPS,7,1\nTAU,8,0\nIPS,9,1\n"
                "TAU,10,0\nIPS,11,1\nTAU,12,0\nIPS,13,1\nTAU,14,1\n",
                "subgroups = c\n[outcome:y]\ntype = binary\ncolumn = y", CORE_ERR_DATA,
                "subgroup variable 'c' has 14 distinct values");
    expect_load("third arm not configured", "arm,y\nIPS,1\nTAU,0\nIPSE,1\n", "[outcome:y]\ntype = binary\ncolumn = y",
                CORE_ERR_DATA, "treatment = IPS, IPSE");
    expect_load("outcome timepoints mismatch", csv,
                "timepoints = 6, 12\n[outcome:y]\ntype = binary\ncolumns = y\ntimepoints = 6, 12", CORE_ERR_CONFIG,
                "2 timepoints are given for 1 column");
}

/* Power by simulation against the normal-approximation closed forms (large n, where they are accurate):
 * binary, Pearson chi-square: power = Phi((|d| - z sqrt(pbar qbar (1/n1 + 1/n0))) / sqrt(p1q1/n1 + p0q0/n0));
 * continuous, Welch: Phi(|d| / (sd sqrt(1/n1 + 1/n0)) - z). Monte Carlo SE at 4000 draws <= 0.008. */
static void test_power(void)
{
    if (system("mkdir -p build/tmp-tests") != 0)
        return;
    write_file("build/tmp-tests/power.csv", "arm,y,q\nIPS,1,1\nTAU,0,2\nIPS,0,3\nTAU,1,5\nIPS,1,2\nTAU,0,4\n");
    write_file("build/tmp-tests/power.ini",
               "[trial]\ndata = power.csv\narm = arm\ntreatment = IPS\ncontrol = TAU\n"
               "[outcome:y]\ntype = binary\ncolumn = y\nprimary = yes\n"
               "[outcome:q]\ntype = continuous\ncolumn = q\n"
               "[power]\neffect = 0.10, 0.15\ncontrol = 0.271\nn = 300:600:300\ndraws = 4000\n");
    fixture f;
    core_err err;
    if (!t_true(fx_open(&f, "build/tmp-tests/power.ini", &err), "power fixture loads (%s)", err.msg)) {
        fx_close(&f);
        return;
    }
    core_results *res = core_results_new();
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 20130501);
    t_true(rct_power_analyse(&f.spec, &f.tr, rng, NULL, res, &err) == CORE_OK, "power runs");
    t_int((long)res->n, 4, "2 effects x 2 sizes");
    double z = gsl_cdf_ugaussian_Pinv(0.975);
    for (size_t i = 0; i < res->n; i++) {
        const core_result_row *r = &res->rows[i];
        double d = strcmp(r->method, "rd:0.15") == 0 ? 0.15 : 0.10;
        double n = r->n, n1 = n / 2, n0 = n / 2, p0 = 0.271, p1 = p0 + d, pb = (p1 + p0) / 2;
        double want = gsl_cdf_ugaussian_P((d - z * sqrt(pb * (1 - pb) * (1 / n1 + 1 / n0))) /
                                          sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0));
        t_abs(r->estimate, want, 0.025, "power %s n=%s vs normal approximation %.3f", r->method, r->term, want);
        t_true(r->ci_low < r->estimate && r->estimate < r->ci_high, "power interval brackets the estimate");
    }
    /* continuous: mean difference 0.5 with SD 2 */
    rct_power_spec *ps = &f.spec.power;
    free(ps->outcome);
    ps->outcome = strdup("q");
    ps->sd = 2;
    ps->effects[0] = 0.5;
    ps->n_effects = 1;
    core_results *r2 = core_results_new();
    t_true(rct_power_analyse(&f.spec, &f.tr, rng, NULL, r2, &err) == CORE_OK, "continuous power runs");
    for (size_t i = 0; i < r2->n; i++) {
        double n = r2->rows[i].n, want = gsl_cdf_ugaussian_P(0.5 / (2 * sqrt(4 / n)) - z);
        t_abs(r2->rows[i].estimate, want, 0.025, "welch power n=%g vs %.3f", n, want);
    }
    core_results_free(r2);
    gsl_rng_free(rng);
    core_results_free(res);
    fx_close(&f);
}

int main(void)
{
    gsl_set_error_handler_off();
    test_threearm();
    test_bad();
    test_power();
    return t_summary("test_rct");
}
