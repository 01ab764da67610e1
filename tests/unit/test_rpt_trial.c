/* The trial's sheets (Baseline, Attrition, Outcomes, Subgroups; reports/rpt_sheet_{baseline,attrition,outcomes,
 * subgroups,power}.c) on result rows a real run would not make: no arms, one arm, more arms than a sheet lays out,
 * undefined numbers everywhere, odd names (brackets, empty levels), very long labels, more subgroup levels than
 * the forest plot holds. Each workbook must be written (CORE_OK, a file), never crash (run under SAN=1 too).
 * The sheets' contents on real runs are checked by tests/e2e/read_xlsx.py (demo and three-arm trial). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rct/rct.h"
#include "reports/rpt.h"
#include "reports/rpt_trial.h"
#include "tests/t_check.h"

#define TMP "build/tmp-tests/rpt-trial"

static void add(core_results *r, const char *analysis, const char *outcome, const char *tp, const char *term,
                const char *method, double est, double lo, double hi, double p, double n, const char *label)
{
    core_result_row x = CORE_RESULT_ROW_EMPTY;
    x.module = "rct";
    x.analysis = analysis;
    x.outcome = outcome;
    x.timepoint = tp;
    x.term = term;
    x.method = method;
    x.estimate = est;
    x.ci_low = lo;
    x.ci_high = hi;
    x.p_value = p;
    x.statistic = isnan(p) ? NAN : 1.5;
    x.df = 1;
    x.n = n;
    x.label = label;
    if (core_results_add(r, &x) != CORE_OK) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
}

static int written(const core_results *res, const rpt_run *run, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, TMP "/%s.xlsx", name);
    core_err err = {0};
    core_status st = rpt_workbook_write(res, run, path, &err);
    struct stat sb;
    return t_true(st == CORE_OK && stat(path, &sb) == 0 && sb.st_size > 0, "%s: workbook written (%s)", name,
                  st == CORE_OK ? "ok" : err.msg);
}

/* A normal two-arm trial's rows, with every kind of row the sheets read; NaN where `undefined`. */
static void trial_rows(core_results *r, const char *const *arms, size_t n_arms, int undefined, const char *label)
{
    double e = undefined ? NAN : 0.1, lo = undefined ? NAN : -0.05, hi = undefined ? NAN : 0.25,
           p = undefined ? NAN : 0.03;
    char term[64];
    for (size_t a = 0; a < n_arms; a++) {
        add(r, "attrition", NULL, NULL, arms[a], "randomised", 50, NAN, NAN, NAN, 50, label);
        add(r, "attrition", "emp", "6", arms[a], "analysed", undefined ? NAN : 45, NAN, NAN, NAN, 50, label);
        add(r, "attrition", "emp", "6", arms[a], "missing", undefined ? NAN : 0.1, NAN, NAN, NAN, 50, label);
        add(r, "baseline_table", "age", NULL, arms[a], "mean", undefined ? NAN : 35, 33, 37, NAN, 50, label);
        add(r, "baseline_table", "age", NULL, arms[a], "sd", undefined ? NAN : 9, NAN, NAN, NAN, 50, label);
        add(r, "baseline_table", "age", NULL, arms[a], "median", undefined ? NAN : 34, 30, 40, NAN, 50, label);
        add(r, "baseline_table", "age", NULL, arms[a], "missing", undefined ? NAN : 2, NAN, NAN, NAN, 50, label);
        add(r, "baseline_table", "sex[female]", NULL, arms[a], "n_percent", undefined ? NAN : 0.5, NAN, NAN, NAN,
            50, undefined ? label : "25/50");
        add(r, "baseline_table", "[odd]", NULL, arms[a], "n_percent", 0.5, NAN, NAN, NAN, 50, "x/y");
        add(r, "baseline_table", "v[]", NULL, arms[a], "n_percent", 0.5, NAN, NAN, NAN, 50, "1/2");
        add(r, "arm_summary", "emp", "6", arms[a], "wilson", undefined ? NAN : 0.3, 0.2, 0.4, NAN, 45,
            undefined ? label : "14/45");
        add(r, "arm_summary", "qol", NULL, arms[a], "t", undefined ? NAN : 5.1, 4.8, 5.4, NAN, 40, label);
        add(r, "arm_summary", "qol", NULL, arms[a], "sd", undefined ? NAN : 2, NAN, NAN, NAN, 40, NULL);
    }
    for (size_t a = 0; a + 1 < n_arms; a++) {
        if (n_arms > 2)
            snprintf(term, sizeof term, "arm[%s]", arms[a]);
        else
            snprintf(term, sizeof term, "arm");
        add(r, "baseline_table", "age", NULL, term, "standardised_difference", e, NAN, NAN, NAN, NAN, label);
        add(r, "attrition", "emp", "6", "arm", "missing_by_arm", NAN, NAN, NAN, p, 100, label);
        add(r, RCT_RISK_DIFFERENCE, "emp", "6", term, "newcombe", e, lo, hi, NAN, 90, label);
        add(r, "number_needed_to_treat", "emp", "6", term, "newcombe", NAN, NAN, NAN, NAN, 90,
            "not reported: the interval of the risk difference includes 0");
        add(r, "odds_ratio", "emp", "6", term, "woolf", e, lo, hi, NAN, 90, label);
        add(r, "chisq_test", "emp", "6", term, "pearson", NAN, NAN, NAN, p, 90, label);
        add(r, "logistic", "emp", "6", term, "adjusted", e, lo, hi, p, 90, label);
        add(r, "marginal_risk_difference", "emp", "6", term, "g_computation", e, lo, hi, p, 90, label);
        add(r, "mean_difference", NULL, NULL, term, "welch", e, lo, hi, p, 80, label);
        add(r, "mean_difference", "qol", NULL, term, "welch", e, lo, hi, p, 80, label);
        add(r, "ancova", "qol", NULL, term, "classical", e, lo, hi, p, 80, label);
        add(r, "ancova", "qol", NULL, term, "hc3", e, lo, hi, p, 80, label);
        add(r, "hedges_g", "qol", NULL, term, "exact_j", e, lo, hi, p, 80, label);
        add(r, "interaction", "emp", "6", "arm:sex", "logistic_lr", NAN, NAN, NAN, p, 90, label);
        add(r, "interaction", "emp", "6", "arm:", "logistic_lr", NAN, NAN, NAN, p, 90, label);
        add(r, "interaction", "qol", NULL, "arm:s[x]", "ols_f", NAN, NAN, NAN, p, 80, label);
        char sg[96];
        snprintf(sg, sizeof sg, "sex[female]:%s", term);
        add(r, "subgroup_effect", "emp", "6", sg, "newcombe", e, lo, hi, NAN, 40, label);
        snprintf(sg, sizeof sg, "sex[]:%s", term);
        add(r, "subgroup_effect", "emp", "6", sg, "newcombe", e, lo, hi, NAN, 40, label);
        snprintf(sg, sizeof sg, "s[x][a]:%s", term);
        add(r, "subgroup_effect", "qol", NULL, sg, "welch", e, lo, hi, NAN, 40, label);
    }
    add(r, "equity", "emp", NULL, "sex[female]", "access", undefined ? NAN : 0.5, NAN, NAN, NAN, 100, label);
    add(r, "equity", "emp", "6", "sex[female]", "outcome", e, lo, hi, NAN, 40, label);
    add(r, "equity", "emp", "6", "sex", "chisq", NAN, NAN, NAN, p, NAN, label);
    add(r, "equity", "emp", "6", "sex[", "access", 0.5, NAN, NAN, NAN, 100, label);
    add(r, "multiplicity", NULL, NULL, NULL, "holm", NAN, NAN, NAN, NAN, 3, label);
    add(r, "power", "emp", "6", "200", "rd:0.1", undefined ? NAN : 0.5, 0.45, 0.55, NAN, 200, label);
    add(r, "power", "emp", "6", "400", "rd:0.1", undefined ? NAN : 0.8, NAN, NAN, NAN, 400, label);
    add(r, "power", "emp", "6", "big", "rd:", 0.9, 0.85, 0.95, NAN, NAN, label);
    add(r, "power", "emp", "6", "400", "x", 0.9, 0.85, 0.95, NAN, 400, label);
}

int main(void)
{
    if (system("mkdir -p " TMP) != 0)
        return 1;
    static const char *const two[] = {"IPS", "TAU"};
    rpt_trial_info ti = {.arm_column = "arm", .treatment = "IPS", .control = "TAU", .primary = "emp"};
    rpt_outcome_label labels[] = {{"emp", "In competitive employment", "binary"},
                                  {"qol", "Quality of life", "continuous"}};
    rpt_run run = {.title = "trial sheets", .version = "test", .confidence = 0.95, .trial = &ti, .outcomes = labels,
                   .n_outcomes = 2};

    /* a two-arm trial, defined and then undefined everywhere with a very long reason */
    core_results *r = core_results_new();
    trial_rows(r, two, 2, 0, NULL);
    written(r, &run, "two-arms");
    run.small_cell = 30; /* counts under the threshold shown as "<30" */
    written(r, &run, "two-arms-small-cell");
    run.small_cell = 0;
    core_results_free(r);

    char *longer = malloc(40001);
    memset(longer, 'x', 40000);
    longer[40000] = '\0';
    r = core_results_new();
    trial_rows(r, two, 2, 1, longer);
    written(r, &run, "undefined");
    core_results_free(r);
    free(longer);

    /* no arms at all, and one arm: sheets that say so */
    r = core_results_new();
    add(r, "baseline_table", "age", NULL, NULL, "mean", 1, NAN, NAN, NAN, 1, NULL);
    add(r, "attrition", "emp", "6", NULL, "analysed", 1, NAN, NAN, NAN, 1, NULL);
    add(r, "arm_summary", "emp", "6", NULL, "wilson", 0.5, NAN, NAN, NAN, 1, NULL);
    add(r, "interaction", "emp", "6", "arm:sex", "logistic_lr", NAN, NAN, NAN, 0.5, 1, NULL);
    written(r, NULL, "no-arms");
    add(r, "attrition", NULL, NULL, "IPS", "randomised", 5, NAN, NAN, NAN, 5, NULL);
    written(r, &run, "one-arm");
    core_results_free(r);

    /* more arms than the sheets lay out (16) */
    static const char *many[20];
    char names[20][16];
    for (int i = 0; i < 20; i++) {
        snprintf(names[i], sizeof names[i], i == 19 ? "TAU" : "A%02d", i);
        many[i] = names[i];
    }
    r = core_results_new();
    trial_rows(r, many, 20, 0, "many arms");
    written(r, &run, "twenty-arms");
    core_results_free(r);

    /* a subgroup variable with more levels than the forest plot holds */
    r = core_results_new();
    trial_rows(r, two, 2, 0, NULL);
    for (int l = 0; l < 300; l++) {
        char t[64];
        snprintf(t, sizeof t, "site[S%03d]:arm", l);
        add(r, "subgroup_effect", "emp", "6", t, "newcombe", 0.01 * l, -1, 1 + l, NAN, 10, NULL);
    }
    add(r, "interaction", "emp", "6", "arm:site", "logistic_lr", NAN, NAN, NAN, 0.2, 500, NULL);
    written(r, &run, "many-levels");
    core_results_free(r);

    /* words for people: the arm term as the arms' names, a level by its label in [trial] labels */
    {
        static const char *const three[] = {"IPS", "IPSE", "TAU"};
        rpt_outcome_label vars[] = {{"education[upper_secondary]", "upper secondary", NULL},
                                    {"prior_work", "Worked before", NULL}};
        rpt_run lrun = run;
        lrun.variables = vars;
        lrun.n_variables = 2;
        r = core_results_new();
        trial_rows(r, three, 3, 0, NULL);
        rpt_wctx w = {.res = r, .run = &lrun};
        char b[256];
        t_true(strcmp(rpt_trial_term_words(&w, "arm[IPSE]", b, sizeof b), "IPSE vs TAU") == 0,
               "term arm[IPSE] reads \"IPSE vs TAU\" (got \"%s\")", b);
        t_true(strcmp(rpt_trial_term_words(&w, "arm", b, sizeof b), "IPS vs TAU") == 0,
               "term arm reads the first intervention vs the control (got \"%s\")", b);
        t_true(strcmp(rpt_trial_term_words(&w, "prior_work", b, sizeof b), "Worked before") == 0,
               "another term is named by its column's label (got \"%s\")", b);
        t_true(strcmp(rpt_trial_level_words(&w, "education", "upper_secondary", b, sizeof b), "upper secondary") == 0,
               "a level with a label in [trial] labels is named by it (got \"%s\")", b);
        t_true(strcmp(rpt_trial_level_words(&w, "education", "upper", b, sizeof b), "upper") == 0,
               "a level without a label is the data's value (got \"%s\")", b);
        t_true(strcmp(rpt_trial_level_words(&w, "educatio", "upper_secondary", b, sizeof b), "upper_secondary") == 0,
               "a label of another column's level is not taken (got \"%s\")", b);
        core_results_free(r);
    }
    return t_summary("test_rpt_trial");
}
