/* The trial-versus-real-world comparison (realworld/rw_compare): each conversion against numbers computed by
 * hand from typed-in effects, the choice of the source rows (trial, registry, meta) from a run's results, and
 * the bad input of [compare].
 *
 * Hand computations (every digit below follows from the inputs in the comments):
 *   f = workdays_per_year x position_share = 230 x 0.6 = 138 workdays per employed person-year.
 *   trial RD 0.103 (se 0.045): ITT = 0.103 x 138 = 14.214 days; se 0.045 x 138 = 6.21.
 *   registry 5.6 (se 1.454) per member; take-up 200/561 (IPS users among the exposed, post-period); per user
 *     5.6 x 561/200 = 15.708, se 1.454 x 2.805 = 4.07847.
 *   pooled RR 2.07 (1.82 to 2.35): cumulative incidence, shown on its own scale, never in workdays.
 *   EER = 15.708 / 14.214 = 1.10510...; delta se = EER x sqrt((4.07847/15.708)^2 + (6.21/14.214)^2);
 *   per member / trial = 5.6 / 14.214.
 *   work-years = 5.6 x 561 / 230 = 13.659130...; the Bodø conversion (DOMAIN.md §4.4): with 247.5 workdays a
 *     year, 5.6 x 561 / 247.5 = 12.6933 ~ the published 12.7 work-years.
 *   Fieller for a/b, a = 15.708 (sa 4.07847), b = 14.214 (sb 6.21), z = 1.959963984540054:
 *     A = b^2 - z^2 sb^2, B = -2ab, C = a^2 - z^2 sa^2, roots (-B -+ sqrt(B^2 - 4AC)) / 2A (closed form below).
 */
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_config.h"
#include "rct/rct_effects.h"
#include "realworld/rw.h"
#include "realworld/rw_compare.h"
#include "tests/t_check.h"

#define Z95 1.959963984540054

/* the sections as the program declares them (their owners' key tables) */
static const core_cfg_section schema[] = {{"project", NULL, core_project_keys, NULL}, {"compare", NULL, rw_compare_keys, NULL}};

static core_config *load(const char *name, const char *text, core_err *err)
{
    char path[256];
    snprintf(path, sizeof path, "build/tmp-tests/%s", name);
    FILE *f = fopen(path, "w");
    if (!f) {
        printf("FAIL: cannot write %s\n", path);
        exit(1);
    }
    fputs(text, f);
    fclose(f);
    return core_config_load(path, schema, 2, err);
}

static const core_result_row *row(const core_results *r, const char *analysis, const char *term, const char *method)
{
    const core_result_row *x = core_results_find(r, NULL, analysis, NULL, NULL, term, method);
    static core_result_row none;
    none = CORE_RESULT_ROW_EMPTY;
    if (!x)
        printf("FAIL: no row %s / %s / %s\n", analysis, term, method ? method : "");
    return x ? x : &none;
}

#define TYPED                                                                                                      \
    "[compare]\nworkdays_per_year = 230\nposition_share = 0.6\nips_users = 200\n"                                \
    "exposed_population = 561\ntrial_effect = 0.103\ntrial_effect_se = 0.045\ntrial_control_rate = 0.271\n"       \
    "registry_effect = 5.6\nregistry_effect_se = 1.454\npooled_rr = 2.07\npooled_rr_ci = 1.82, 2.35\n"

static void test_typed(void)
{
    core_err e;
    core_config *cfg = load("cmp.ini", TYPED, &e);
    rw_compare_in in;
    if (!t_true(cfg != NULL, "typed config loads") ||
        !t_int(rw_compare_from_config(cfg, 0.95, &in, &e), CORE_OK, "typed [compare] reads: %s", e.msg))
        return;
    core_results *r = core_results_new();
    if (!t_int(rw_compare_run(&in, r, &e), CORE_OK, "comparison runs: %s", e.msg))
        return;
    double f = 138.0;
    /* trial ITT in workdays */
    const core_result_row *x = row(r, "effect_on_common_scale", "trial_itt", NULL);
    t_rel(x->estimate, 14.214, 1e-12, "trial ITT 0.103 x 230 x 0.6 = 14.214 days");
    t_rel(x->se, 6.21, 1e-12, "trial ITT se 0.045 x 138 = 6.21");
    t_rel(x->ci_low, (0.103 - Z95 * 0.045) * f, 1e-12, "trial ITT interval = RD interval x 138");
    t_str(x->outcome, "workdays_per_person_year", "scale named in outcome");
    /* registry per member and per user (Bloom) */
    x = row(r, "effect_on_common_scale", "registry_per_member", NULL);
    t_rel(x->estimate, 5.6, 1e-12, "registry per member 5.6");
    t_rel(x->ci_high, 5.6 + Z95 * 1.454, 1e-12, "registry interval from its se");
    x = row(r, "effect_on_common_scale", "registry_per_user", NULL);
    t_rel(x->estimate, 15.708, 1e-12, "registry per user 5.6 / (200/561) = 15.708");
    t_rel(x->se, 4.07847, 1e-12, "per user se 1.454 x 2.805 = 4.07847");
    t_rel(row(r, "assumption", "take_up", NULL)->estimate, 200.0 / 561.0, 1e-15, "take-up 200/561: users among the exposed");
    /* pooled RR: cumulative incidence on its own scale, never converted */
    x = row(r, "effect_on_own_scale", "pooled_rct", NULL);
    t_rel(x->estimate, 2.07, 1e-15, "pooled RR on its own scale");
    t_rel(x->ci_low, 1.82, 1e-15, "pooled RR low as given");
    t_true(core_results_find(r, NULL, "effect_on_common_scale", NULL, NULL, "pooled_rct", NULL) == NULL &&
               core_results_find(r, NULL, "work_years", NULL, NULL, "pooled_rct", NULL) == NULL,
           "cumulative incidence is not converted to workdays or work-years");
    /* efficacy-effectiveness ratio */
    double eer = 15.708 / 14.214, se = eer * sqrt(pow(4.07847 / 15.708, 2) + pow(6.21 / 14.214, 2));
    x = row(r, "efficacy_effectiveness_ratio", "registry_per_user_vs_trial", "delta");
    t_rel(x->estimate, 15.708 / 14.214, 1e-12, "EER 15.708 / 14.214");
    t_rel(x->estimate, eer, 1e-14, "EER as computed here");
    t_rel(x->se, se, 1e-12, "EER delta se");
    t_rel(x->ci_low, eer - Z95 * se, 1e-12, "EER delta low");
    double a = 15.708, sa = 4.07847, b = 14.214, sb = 6.21, z = Z95;
    double A = b * b - z * z * sb * sb, B = -2 * a * b, C = a * a - z * z * sa * sa;
    x = row(r, "efficacy_effectiveness_ratio", "registry_per_user_vs_trial", "fieller");
    t_rel(x->ci_low, (-B - sqrt(B * B - 4 * A * C)) / (2 * A), 1e-12, "EER Fieller low");
    t_rel(x->ci_high, (-B + sqrt(B * B - 4 * A * C)) / (2 * A), 1e-12, "EER Fieller high");
    /* Fieller's limits are where (a - R b)^2 = z^2 (sa^2 + R^2 sb^2): check the defining equation */
    double R = x->ci_high;
    t_rel((a - R * b) * (a - R * b), z * z * (sa * sa + R * R * sb * sb), 1e-10, "Fieller limit solves its equation");
    x = row(r, "efficacy_effectiveness_ratio", "registry_per_member_vs_trial", "delta");
    t_rel(x->estimate, 5.6 / 14.214, 1e-12, "per member / trial, needing no take-up");
    t_rel(x->se, 5.6 / 14.214 * sqrt(pow(1.454 / 5.6, 2) + pow(6.21 / 14.214, 2)), 1e-12, "per member ratio delta se");
    /* work-years */
    x = row(r, "work_years", "registry", NULL);
    t_rel(x->estimate, 5.6 * 561 / 230, 1e-12, "work-years 5.6 x 561 / 230 = 13.659");
    t_rel(x->ci_low, (5.6 - Z95 * 1.454) * 561 / 230, 1e-12, "work-years interval");
    t_rel(row(r, "work_years", "trial", NULL)->estimate, 14.214 * 561 / 230, 1e-12, "work-years if the trial effect");
    /* reference rates: the published defaults, and the trial's arms */
    t_rel(row(r, "reference_rate", "trial_control", NULL)->estimate, 0.271, 1e-15, "trial control rate");
    t_rel(row(r, "reference_rate", "trial_ips", NULL)->estimate, 0.374, 1e-12, "trial IPS rate = control + RD");
    t_true(core_results_find(r, NULL, "reference_rate", NULL, NULL, "UK routine practice (South West London, N = 539)",
                             NULL) != NULL,
           "UK routine-practice rate by default");
    t_rel(row(r, "reference_rate", "UK routine practice (South West London, N = 539)", NULL)->estimate, 0.462, 1e-15,
          "UK 46.2%%");
    core_results_free(r);
    core_config_free(cfg);

    /* a published registry effect keeps its published interval */
    cfg = load("pub.ini", "[compare]\nregistry_effect = 5.6\nregistry_ci = 2.7, 8.4\nexposed_population = 561\n", &e);
    t_int(rw_compare_from_config(cfg, 0.95, &in, &e), CORE_OK, "registry_ci reads: %s", e.msg);
    r = core_results_new();
    rw_compare_run(&in, r, &e);
    x = row(r, "effect_on_common_scale", "registry_per_member", NULL);
    t_rel(x->ci_low, 2.7, 1e-15, "published 5.6 (2.7 to 8.4): low kept");
    t_rel(x->ci_high, 8.4, 1e-15, "published high kept");
    t_rel(x->se, 5.7 / (2 * Z95), 1e-12, "its SE for the derived figures: (8.4 - 2.7) / 2z");
    t_str(x->method, "published", "method: published");
    t_rel(row(r, "assumption", "workdays_per_year", NULL)->estimate, 260.8875, 1e-15,
          "default workdays: the mean weekdays of a Gregorian year");
    core_results_free(r);
    core_config_free(cfg);

    /* the Bodø conversion: 5.6 days, 561 exposed, 247.5 workdays a year = 12.69 ~ 12.7 work-years */
    cfg = load("bodo.ini", "[compare]\nworkdays_per_year = 247.5\nexposed_population = 561\nregistry_effect = 5.6\n"
                           "registry_effect_se = 1.454\n",
               &e);
    rw_compare_from_config(cfg, 0.95, &in, &e);
    r = core_results_new();
    t_int(rw_compare_run(&in, r, &e), CORE_OK, "registry alone runs");
    t_abs(row(r, "work_years", "registry", NULL)->estimate, 12.7, 0.05, "Bodø: 5.6 days = 12.7 work-years");
    t_true(core_results_find(r, NULL, "efficacy_effectiveness_ratio", NULL, NULL, NULL, NULL) == NULL,
           "no ratio without a trial effect");
    core_results_free(r);
    core_config_free(cfg);

    /* employment scale: every figure divided by f; percentages as given */
    cfg = load("emp.ini", TYPED "scale = employment\nreference_rates = Norway routine: 35%, Other: 0.4\n", &e);
    rw_compare_from_config(cfg, 0.95, &in, &e);
    r = core_results_new();
    rw_compare_run(&in, r, &e);
    x = row(r, "effect_on_common_scale", "trial_itt", NULL);
    t_rel(x->estimate, 0.103, 1e-12, "employment scale: trial ITT = the RD");
    t_str(x->outcome, "employment_probability", "employment scale named");
    t_rel(row(r, "effect_on_common_scale", "registry_per_user", NULL)->estimate, 15.708 / 138, 1e-12,
          "employment scale: per user 15.708 / 138");
    t_rel(row(r, "reference_rate", "Norway routine", NULL)->estimate, 0.35, 1e-15, "rate given as 35%%");
    t_rel(row(r, "reference_rate", "Other", NULL)->estimate, 0.4, 1e-15, "rate given as 0.4");
    core_results_free(r);
    core_config_free(cfg);

    /* a trial effect whose interval includes 0: Fieller unbounded, said */
    cfg = load("wide.ini", "[compare]\nips_users = 200\nexposed_population = 561\ntrial_effect = 0.05\n"
                           "trial_effect_se = 0.04\nregistry_effect = 5.6\nregistry_effect_se = 1.454\n",
               &e);
    rw_compare_from_config(cfg, 0.95, &in, &e);
    r = core_results_new();
    rw_compare_run(&in, r, &e);
    x = row(r, "efficacy_effectiveness_ratio", "registry_per_user_vs_trial", "fieller");
    t_true(isnan(x->ci_low) && isnan(x->ci_high), "Fieller unbounded when the trial interval includes 0");
    t_contains(x->label, "unbounded", "and said");
    core_results_free(r);
    core_config_free(cfg);
}

static void test_bad_config(void)
{
    static const struct {
        const char *name, *text, *want;
    } cases[] = {
        {"takeup0.ini", "[compare]\nips_users = 0\nexposed_population = 561\n", "take-up of 0"},
        {"takeup2.ini", "[compare]\nips_users = 600\nexposed_population = 561\n", "take-up above 1"},
        {"takeup_one.ini", "[compare]\nips_users = 200\n", "give exposed_population"},
        {"target.ini", "[compare]\nips_users = 200\ntarget_population = 2340\nexposed_population = 561\n",
         "ips_users / exposed_population"},
        {"regci.ini", "[compare]\nregistry_effect = 5.6\nregistry_ci = 8.4, 2.7\n", "LOW <= registry_effect"},
        {"regboth.ini", "[compare]\nregistry_effect = 5.6\nregistry_ci = 2.7, 8.4\nregistry_effect_se = 1\n",
         "not both"},
        {"nose.ini", "[compare]\ntrial_effect = 0.1\n", "trial_effect_se"},
        {"rrci.ini", "[compare]\npooled_rr = 2.07\npooled_rr_ci = 2.2, 2.35\n", "0 < low < pooled_rr"},
        {"share.ini", "[compare]\nposition_share = 1.2\n", "position_share"},
        {"rate.ini", "[compare]\nreference_rates = UK 46.2%\n", "name: rate"},
        {"scale.ini", "[compare]\nscale = days\n", "scale"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        core_err e;
        core_config *cfg = load(cases[i].name, cases[i].text, &e);
        rw_compare_in in;
        t_int(rw_compare_from_config(cfg, 0.95, &in, &e), CORE_ERR_CONFIG, "%s refused", cases[i].name);
        t_contains(e.msg, cases[i].want, "%s: says what is wrong", cases[i].name);
        t_contains(e.msg, cases[i].name, "%s: names the config file", cases[i].name);
        core_config_free(cfg);
    }
    core_err e;
    core_config *cfg = load("empty.ini", "[compare]\n", &e);
    rw_compare_in in;
    rw_compare_from_config(cfg, 0.95, &in, &e);
    core_results *r = core_results_new();
    t_int(rw_compare_run(&in, r, &e), CORE_ERR_CONFIG, "nothing to compare refused");
    core_results_free(r);
    core_config_free(cfg);
}

/* Rows of a run: the trial (rct), the registry (did) and the meta-analysis, as the modules write them. */
static void add(core_results *r, const char *module, const char *analysis, const char *outcome, const char *tp,
                const char *term, const char *method, double est, double se, double lo, double hi, const char *label)
{
    core_result_row x = CORE_RESULT_ROW_EMPTY;
    x.module = module, x.analysis = analysis, x.outcome = outcome, x.timepoint = tp, x.term = term, x.method = method;
    x.estimate = est, x.se = se, x.ci_low = lo, x.ci_high = hi, x.label = label;
    x.n = 7;
    core_results_add(r, &x);
}

static void test_from_rows(void)
{
    core_results *r = core_results_new();
    /* the trial: its typed effects (rct/rct_effects.h), timepoints listed 6, 18, 12 */
    rct_binary_effect tp[3] = {
        {.timepoint = "6", .month = 6, .estimable = 1, .estimate = 0.05, .se = 0.04, .ci_low = 0.0, .ci_high = 0.1},
        {.timepoint = "18", .month = 18, .estimable = 1, .estimate = 0.103, .se = 0.045, .ci_low = 0.01,
         .ci_high = 0.19, .p_value = 0.02, .p1 = 0.374, .p0 = 0.271},
        {.timepoint = "12", .month = 12, .estimable = 1, .estimate = 0.095, .se = 0.044, .ci_low = 0.0, .ci_high = 0.18}};
    rct_effects fx = {.name = "employment", .treatment = "IPS", .control = "TAU", .confidence = 0.95, .n_tp = 3, .tp = tp};
    rw_compare_in in;
    memset(&in, 0, sizeof in);
    in.conf = 0.95;
    core_err e;
    t_int(rw_compare_trial_from_effects(&fx, &in, &e), CORE_OK, "trial from its typed effects");
    /* the path through (0,0), (6,0.05), (12,0.095), (18,0.103): its integral over 0-18 / 18 = weights 1/3, 1/3, 1/6 */
    t_rel(in.trial.est, 0.05 / 3 + 0.095 / 3 + 0.103 / 6, 1e-14, "the mean of the effect path over months 0-18");
    t_int((long)in.n_tp, 3, "three timepoints, in month order");
    t_rel(in.tp_month[2], 18, 0, "sorted: 18 last (listed before 12)");
    t_rel(in.trial.se, 0.04 / 3 + 0.044 / 3 + 0.045 / 6, 1e-12, "SE bound: weighted sum of the timepoint SEs");
    t_rel(in.trial.lo, in.trial.est - Z95 * in.trial.se, 1e-12, "normal interval of the path mean");
    t_rel(in.trial_control_rate, 0.271, 1e-15, "control rate of the last timepoint");
    t_rel(in.trial_ips_rate, 0.374, 1e-15, "intervention rate of the last timepoint");
    tp[1].estimable = 0;
    tp[1].why = "not estimable: one arm has no observed outcome at this timepoint";
    t_int(rw_compare_trial_from_effects(&fx, &in, &e), CORE_ERR_ANALYSIS, "an effect that is not estimable refused");
    t_contains(e.msg, "one arm has no observed outcome", "and the message says why");
    fx.n_tp = 0;
    t_int(rw_compare_trial_from_effects(&fx, &in, &e), CORE_ERR_CONFIG, "an outcome without timepoints refused");

    /* registry: several inferences; auto prefers wild, then cr2 ... */
    add(r, "did", "twfe", "workdays", "", "treated", "cr1", 5.3, 1.1, 2.8, 7.8, NULL);
    add(r, "did", "twfe", "workdays", "", "treated", "cr2", 5.3, 1.14, 2.6, 7.9, NULL);
    t_int(rw_compare_registry_from_rows(r, "treated", "workdays", "", &in, &e), CORE_OK, "registry from rows");
    t_str(in.registry.method, "cr2", "cr2 before cr1 when there is no wild");
    t_rel(in.registry.se, 1.14, 1e-15, "the cr2 SE");
    add(r, "did", "twfe", "workdays", "", "treated", "wild", 5.3, NAN, 2.0, 9.0, "restricted wild cluster bootstrap");
    rw_compare_registry_from_rows(r, "treated", "workdays", "", &in, &e);
    t_str(in.registry.method, "wild", "wild first");
    t_rel(in.registry.se, 7.0 / (2 * Z95), 1e-12, "wild has no SE: (hi - lo) / 2z");
    rw_compare_registry_from_rows(r, "treated", "workdays", "cr1", &in, &e);
    t_str(in.registry.method, "cr1", "registry_interval = cr1 is obeyed");
    t_int(rw_compare_registry_from_rows(r, "treated", "workdays", "conley_taber", &in, &e), CORE_ERR_CONFIG,
          "an interval the run does not have is refused");
    /* one treated cluster: the registry flags its rows unreliable (CORE_ROW_UNRELIABLE; the label words it for
     * people and is never read), and a Conley-Taber interval exists -> it is used */
    add(r, "did", "twfe", "workdays", "", "treated", "classical", 5.3, 0.5, 4.3, 6.3,
        "unreliable: one treated cluster of 11");
    add(r, "did", "randomization_inference", "workdays", "", "treated", "conley_taber", 5.3, NAN, -0.3, 11.2, NULL);
    rw_compare_registry_from_rows(r, "treated", "workdays", "", &in, &e);
    t_str(in.registry.method, "wild", "a label saying unreliable without the flag changes nothing");
    r->rows[r->n - 2].flags = CORE_ROW_UNRELIABLE;
    rw_compare_registry_from_rows(r, "treated", "workdays", "", &in, &e);
    t_str(in.registry.method, "conley_taber", "one treated cluster: the Conley-Taber interval");
    t_contains(in.registry_choice, "one treated cluster", "and why");
    t_rel(in.registry.est, 5.3, 1e-15, "the estimate is the twfe one");
    t_rel(in.registry.se, 11.5 / (2 * Z95), 1e-12, "no attained level given: the requested 95%%");
    add(r, "did", "attained_level", "workdays", "", "treated", "conley_taber", 9.0 / 11, NAN, NAN, NAN, NULL);
    rw_compare_registry_from_rows(r, "treated", "workdays", "", &in, &e);
    double z82 = 1.3351777361189370; /* qnorm(0.5 + (9/11)/2) in R 4.2 */
    t_rel(in.registry.level, 9.0 / 11, 1e-15, "the Conley-Taber interval's attained level 81.8%% is carried");
    t_rel(in.registry.se, 11.5 / (2 * z82), 1e-12, "its SE uses z at 81.8%%, not 1.96");
    t_contains(in.registry_choice, "81.8%", "the choice says the level");
    {
        core_results *rr = core_results_new();
        in.trial.has = 1, in.trial.est = 0.1, in.trial.se = 0.04, in.trial.lo = 0.02, in.trial.hi = 0.18;
        in.workdays_per_year = 260, in.position_share = 1, in.ips_users = NAN, in.exposed_population = NAN;
        rw_compare_run(&in, rr, &e);
        t_rel(row(rr, "assumption", "interval_level", NULL)->estimate, 9.0 / 11, 1e-15,
              "derived intervals carry the 81.8%% level");
        const core_result_row *q = row(rr, "efficacy_effectiveness_ratio", "registry_per_member_vs_trial", "delta");
        t_rel(q->ci_high - q->estimate, z82 * q->se, 1e-12, "the ratio's delta interval is at 81.8%%");
        t_contains(q->label, "81.8% interval", "and says so");
        core_results_free(rr);
        in.trial.has = 0;
    }
    t_int(rw_compare_registry_from_rows(r, "other", "workdays", "", &in, &e), CORE_ERR_ANALYSIS,
          "no twfe rows for the term");

    /* meta: the primary method's pooled RR */
    add(r, "meta", "pooled", "emp", "", "rr", "reml", 2.58, 0.12, 2.08, 3.2, NULL);
    add(r, "meta", "pooled", "emp", "", "rr", "reml_hk", 2.58, 0.124, 1.91, 3.5, NULL);
    add(r, "meta", "leave_one_out", "emp", "", "Drake", "reml_hk", 2.4, 0.1, 2, 3, NULL);
    t_int(rw_compare_pooled_from_rows(r, &in, &e), CORE_OK, "pooled from rows");
    t_str(in.pooled.method, "reml_hk", "the primary method (that of leave_one_out)");
    t_rel(in.pooled.lo, 1.91, 1e-15, "its interval");
    core_results *r2 = core_results_new();
    add(r2, "meta", "pooled", "emp", "", "smd", "reml", 0.4, 0.1, 0.2, 0.6, NULL);
    t_int(rw_compare_pooled_from_rows(r2, &in, &e), CORE_ERR_CONFIG, "a pooled SMD is not translated");
    core_results_free(r2);
    core_results_free(r);
}

int main(void)
{
    gsl_set_error_handler_off();
    test_typed();
    test_bad_config();
    test_from_rows();
    return t_summary("test_meta_compare");
}
