/* Disclosure control of result rows (reports/rpt_disclose.c) and the results file it feeds: primary suppression
 * of a count and its complement, secondary suppression in a distribution with a shown total, the 2x2-table
 * statistics of a withheld table, and "<k" in the CSV. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <sys/stat.h>

#include "core/core_config.h"
#include "core/core_data.h"
#include "core/core_results.h"
#include "rct/rct.h"
#include "rct/rct_run.h"
#include "reports/rpt.h"
#include "tests/t_check.h"

static const char *module = "rct"; /* of the rows add() makes */

/* A row as a module makes it: its label (text) and its counts (fields; disclosure reads only these). */
static void addc(core_results *r, const char *analysis, const char *outcome, const char *term, const char *method,
                 double est, double n, const char *label, core_row_counts counts)
{
    core_result_row x = CORE_RESULT_ROW_EMPTY;
    x.module = module;
    x.analysis = analysis;
    x.outcome = outcome;
    x.timepoint = "12";
    x.term = term;
    x.method = method;
    x.estimate = est;
    x.ci_low = est - 0.1;
    x.ci_high = est + 0.1;
    x.n = n;
    x.label = label;
    x.counts = counts;
    x.statistic = !strcmp(module, "fidelity") ? 70 + (double)r->n : NAN;
    if (core_results_add(r, &x) != CORE_OK) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
}

#define NONE CORE_COUNTS_NONE
#define SHARE(x, n) core_counts_one(CORE_COUNT_SHARE, x, n)
#define PAIR(x1, n1, x0, n0) core_counts_pair(x1, n1, x0, n0)

static void add(core_results *r, const char *analysis, const char *outcome, const char *term, const char *method,
                double est, double n, const char *label)
{
    addc(r, analysis, outcome, term, method, est, n, label, NONE);
}

static const core_result_row *row(const core_results *r, const char *analysis, const char *outcome, const char *term,
                                  const char *method)
{
    for (size_t i = 0; i < r->n; i++) {
        const core_result_row *x = &r->rows[i];
        if (!strcmp(x->analysis, analysis) && !strcmp(x->outcome, outcome) && !strcmp(x->term, term) &&
            (!method || !strcmp(x->method, method)))
            return x;
    }
    return NULL;
}

/* ---- labels are text: rewording every label changes nothing that is withheld ---- */

/* A copy of rows with every label reworded (a module's row writer that words its counts differently, or not at
 * all). */
static core_results *reworded(const core_results *r)
{
    core_results *c = core_results_new();
    for (size_t i = 0; c && i < r->n; i++) {
        core_result_row x = r->rows[i];
        char lab[96];
        snprintf(lab, sizeof lab, "row %zu, reworded: counts in words of its own", i);
        x.label = i % 3 == 2 ? NULL : lab; /* some labels gone altogether */
        if (core_results_add(c, &x) != CORE_OK) {
            core_results_free(c);
            return NULL;
        }
    }
    return c;
}

static int same_number(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

/* Disclosure of rows and of their reworded copy at threshold k withholds the same: the same rows, the same
 * fields (CORE_HIDE_* bits and the numbers left), the same counts left, the same label where it is withheld. */
static void same_withheld(const core_results *rows, int k, const char *what)
{
    core_results *a = reworded(rows), *b = reworded(rows);
    core_err err;
    if (!t_true(a && b, "%s: copies made", what)) {
        core_results_free(a);
        core_results_free(b);
        return;
    }
    for (size_t i = 0; i < a->n; i++) /* a keeps the module's own labels */
        core_results_set_label(a, i, rows->rows[i].label);
    t_int(rpt_disclose(a, k, &err), CORE_OK, "%s: disclosure (k = %d) of the rows as made", what, k);
    t_int(rpt_disclose(b, k, &err), CORE_OK, "%s: disclosure (k = %d) of the reworded rows", what, k);
    size_t differ = 0, first = (size_t)-1;
    for (size_t i = 0; i < a->n; i++) {
        const core_result_row *x = &a->rows[i], *y = &b->rows[i];
        int same = x->hidden == y->hidden && same_number(x->estimate, y->estimate) && same_number(x->se, y->se) &&
                   same_number(x->ci_low, y->ci_low) && same_number(x->ci_high, y->ci_high) &&
                   same_number(x->statistic, y->statistic) && same_number(x->p_value, y->p_value) &&
                   same_number(x->p_adjusted, y->p_adjusted) && same_number(x->n, y->n) &&
                   same_number(x->counts.x1, y->counts.x1) && same_number(x->counts.n1, y->counts.n1) &&
                   same_number(x->counts.x0, y->counts.x0) && same_number(x->counts.n0, y->counts.n0) &&
                   (!(x->hidden & CORE_HIDE_LABEL) || (x->label && y->label && !strcmp(x->label, y->label)));
        if (!same && differ++ == 0)
            first = i;
    }
    size_t held = rpt_disclosed_rows(a);
    t_true(held >= 5, "%s: k = %d withholds something to compare (%zu of %zu rows)", what, k, held, a->n);
    t_int((long)rpt_disclosed_rows(b), (long)held, "%s: as many rows withheld when every label is reworded", what);
    t_int((long)differ, 0, "%s: no row differs in what is withheld (first: %s %s %s)", what,
          first != (size_t)-1 ? a->rows[first].analysis : "-", first != (size_t)-1 ? a->rows[first].outcome : "-",
          first != (size_t)-1 ? a->rows[first].term : "-");
    core_results_free(a);
    core_results_free(b);
}

static core_status read_trial(void *arg, core_table **t, core_err *err)
{
    return core_data_read_section(arg, "trial", "data", t, NULL, err);
}

/* The trial module's own rows (arm summaries, baseline table, attrition, subgroups, equity, survival) on the
 * demo's trial data: every count in them comes from the module's row writers. */
static core_results *trial_rows(core_table **data)
{
    static const core_cfg_section schema[] = {
        {"trial", NULL, rct_trial_keys, core_data_keys},
        {"outcome:*", NULL, rct_outcome_keys, NULL},
    };
    const char *ini = "[trial]\ndata = ../../examples/trial.csv\nid = id\narm = arm\ntreatment = IPS\ncontrol = TAU\n"
                      "site = county\ncovariates = age, sex, diagnosis\ntimepoints = 6, 12, 18\n"
                      "subgroups = sex, diagnosis, education, age_group\nstandardised_differences = yes\n"
                      "[outcome:employment]\ntype = binary\ncolumns = emp6, emp12, emp18\nprimary = yes\n"
                      "[outcome:qol]\ntype = continuous\ncolumns = qol6, qol12\ntimepoints = 6, 12\n"
                      "[outcome:time_to_job]\ntype = time_to_event\ntime = days_to_job\nevent = got_job\n"
                      "event_value = 1\nat = 90, 180, 365, 548\n";
    mkdir("build/tmp-tests", 0777);
    const char *path = "build/tmp-tests/disclose_trial.ini";
    FILE *f = fopen(path, "w");
    if (!f || fputs(ini, f) < 0 || fclose(f) != 0) {
        t_true(0, "cannot write %s", path);
        return NULL;
    }
    core_err err;
    core_config *cfg = core_config_load(path, schema, 2, &err);
    if (!t_true(cfg != NULL, "the trial config loads (%s)", cfg ? "" : err.msg))
        return NULL;
    rct_run run;
    core_results *res = core_results_new();
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    core_status st = rct_run_load(cfg, 0.95, read_trial, cfg, &run, &err);
    *data = NULL;
    if (st == CORE_OK)
        st = rct_timepoint_analyse(&run.spec, &run.trial, rng, NULL, res, &err);
    if (st == CORE_OK)
        st = rct_surv_analyse(cfg, &run.spec, &run.lspec, &run.trial, res, &err);
    t_int(st, CORE_OK, "the trial module's rows are made (%s)", st == CORE_OK ? "" : err.msg);
    *data = (core_table *)run.table; /* read_trial's table: the caller's to free */
    if (run.wide)
        *data = NULL;
    rct_run_free(&run);
    gsl_rng_free(rng);
    core_config_free(cfg);
    if (st != CORE_OK) {
        core_results_free(res);
        return NULL;
    }
    return res;
}

int main(void)
{
    gsl_set_error_handler_off();
    t_verbose = getenv("T_VERBOSE") != NULL;
    core_results *r = core_results_new();
    core_err err;
    core_err_clear(&err);
    /* a binary outcome: IPS 3 of 15 (12 not), TAU 9 of 22 */
    addc(r, "arm_summary", "employment", "IPS", "wilson", 0.2, 15, "3/15", SHARE(3, 15));
    addc(r, "arm_summary", "employment", "TAU", "wilson", 9.0 / 22, 22, "9/22", SHARE(9, 22));
    add(r, RCT_RISK_DIFFERENCE, "employment", "arm", "newcombe", 0.2 - 9.0 / 22, 37, NULL);
    add(r, "odds_ratio", "employment", "arm", "logistic_adjusted", 0.5, 37, NULL);
    add(r, "logistic", "employment", "arm", "unadjusted", -1.0, 37, NULL);
    /* a binary outcome with 12 of 15: the complement (3) is small */
    addc(r, "arm_summary", "job6", "IPS", "wilson", 0.8, 15, "12/15", SHARE(12, 15));
    /* a categorical baseline variable in one arm: 3 + 12 + 5 = 20 with 0 missing -> one more cell withheld */
    addc(r, "baseline_table", "county[A]", "IPS", "n_percent", 3.0 / 20, 20, "3/20", SHARE(3, 20));
    addc(r, "baseline_table", "county[B]", "IPS", "n_percent", 12.0 / 20, 20, "12/20", SHARE(12, 20));
    addc(r, "baseline_table", "county[C]", "IPS", "n_percent", 5.0 / 20, 20, "5/20", SHARE(5, 20));
    add(r, "baseline_table", "county[A]", "arm", "standardised_difference", 0.1, NAN, NULL);
    add(r, "baseline_table", "county[B]", "arm", "standardised_difference", 0.1, NAN, NULL);
    /* a person count below k */
    add(r, "attrition", "", "IPS", "randomised", 4, 4, "randomised");
    /* a large group: untouched */
    add(r, "arm_summary", "qol", "IPS", "t", 6.5, 100, "6.5 (1.2)");

    t_int(rpt_disclose(r, 5, &err), CORE_OK, "rpt_disclose runs");
    t_int(r->small_cell, 5, "the threshold is kept with the rows");

    const core_result_row *x = row(r, "arm_summary", "employment", "IPS", NULL);
    t_str(x->label, "<5/15", "3 of 15 -> '<5/15'");
    t_true(isnan(x->estimate) && isnan(x->ci_low) && isnan(x->ci_high), "its share and interval are withheld");
    t_true(x->n == 15 && !(x->hidden & CORE_HIDE_N), "the arm's n (15) is shown");
    x = row(r, "arm_summary", "employment", "TAU", NULL);
    t_str(x->label, "9/22", "the other arm is untouched");
    t_true(x->hidden == 0 && fabs(x->estimate - 9.0 / 22) < 1e-15, "and its share is kept");
    x = row(r, RCT_RISK_DIFFERENCE, "employment", "arm", NULL);
    t_true(isnan(x->estimate) && isnan(x->ci_low) && (x->hidden & CORE_HIDE_ESTIMATE),
           "the risk difference (TAU share + RD = the withheld share) is withheld");
    t_contains(x->label, "withheld", "and says so");
    x = row(r, "logistic", "employment", "arm", "unadjusted");
    t_true(isnan(x->estimate), "the unadjusted logistic coefficient (log OR of the table) is withheld");
    x = row(r, "odds_ratio", "employment", "arm", "logistic_adjusted");
    t_rel(x->estimate, 0.5, TOL_EXACT, "an adjusted model's odds ratio is kept");

    x = row(r, "arm_summary", "job6", "IPS", NULL);
    t_str(x->label, ">10/15", "12 of 15 (3 without) -> '>10/15'");
    t_true(isnan(x->estimate), "its share is withheld");

    x = row(r, "baseline_table", "county[A]", "IPS", NULL);
    t_str(x->label, "<5/20", "a level with 3 of 20 -> '<5/20'");
    const core_result_row *c = row(r, "baseline_table", "county[C]", "IPS", NULL);
    const core_result_row *b = row(r, "baseline_table", "county[B]", "IPS", NULL);
    t_true(isnan(c->estimate) && strstr(c->label, "secondary"),
           "secondary suppression: the smallest other level (5 of 20) is withheld too");
    t_str(b->label, "12/20", "and the third level stays");
    t_true(isnan(row(r, "baseline_table", "county[A]", "arm", NULL)->estimate),
           "the standardised difference of the withheld level is withheld");
    t_rel(row(r, "baseline_table", "county[B]", "arm", NULL)->estimate, 0.1, TOL_EXACT,
          "that of a shown level is kept");

    x = row(r, "attrition", "", "IPS", NULL);
    t_true(isnan(x->n) && (x->hidden & CORE_HIDE_N) && isnan(x->estimate),
           "a person count of 4 is withheld (n and the estimate that is the count)");
    x = row(r, "arm_summary", "qol", "IPS", NULL);
    t_true(x->hidden == 0 && x->n == 100, "a large group is untouched");
    t_int((long)rpt_disclosed_rows(r), 8, "rows with a withheld figure");

    /* the results file: "<5" in the n column of the withheld count, nothing that gives 3 back */
    char path[] = "/tmp/ipseval-disclose-XXXXXX";
    int fd = mkstemp(path);
    t_true(fd >= 0, "temporary file");
    if (fd >= 0) {
        t_int(rpt_results_write_csv(r, path, &err), CORE_OK, "results file written");
        FILE *f = fopen(path, "r");
        char line[512], all[8192] = "";
        while (f && fgets(line, sizeof line, f))
            strncat(all, line, sizeof all - strlen(all) - 1);
        if (f)
            fclose(f);
        t_contains(all, "rct,attrition,,12,IPS,randomised,,,,,,,,,<5,randomised",
                   "the small count reads '<5' in the n column");
        t_true(!strstr(all, "3/15") && !strstr(all, "12/15") && !strstr(all, "3/20"),
               "no '3/15', '12/15' or '3/20' in the results file");
        t_true(!strstr(all, "employment,12,IPS,wilson,0.2"), "no share 0.2 of the withheld arm in the results file");
        remove(path);
    }
    /* k = 0: nothing changes */
    core_results *open = core_results_new();
    addc(open, "arm_summary", "employment", "IPS", "wilson", 0.2, 15, "3/15", SHARE(3, 15));
    t_int(rpt_disclose(open, 0, &err), CORE_OK, "small_cell = 0 runs");
    t_str(open->rows[0].label, "3/15", "small_cell = 0 leaves every count");
    core_results_free(open);
    core_results_free(r);

    /* rule 4: counts inside subgroup, equity and survival labels (k = 10) */
    core_results *g = core_results_new();
    /* diagnosis at 12: severe 22/92 vs 8/89 (8 < 10), moderate 50/100 vs 45/105 */
    addc(g, "subgroup_effect", "employment", "diagnosis[moderate]:arm", "newcombe", 0.0714, 205, "50/100 vs 45/105",
         PAIR(50, 100, 45, 105));
    addc(g, "subgroup_effect", "employment", "diagnosis[severe]:arm", "newcombe", 0.1492, 181, "22/92 vs 8/89",
         PAIR(22, 92, 8, 89));
    add(g, "interaction", "employment", "arm:diagnosis", "logistic_lr", NAN, 386, "likelihood-ratio chi-square");
    g->rows[g->n - 1].statistic = 2.86;
    g->rows[g->n - 1].p_value = 0.0906;
    /* sex: both cells large, kept */
    addc(g, "subgroup_effect", "employment", "sex[female]:arm", "newcombe", 0.085, 183, "21/87 vs 15/96",
         PAIR(21, 87, 15, 96));
    addc(g, "subgroup_effect", "employment", "sex[male]:arm", "newcombe", 0.016, 213, "29/111 vs 25/102",
         PAIR(29, 111, 25, 102));
    add(g, "interaction", "employment", "arm:sex", "logistic_lr", NAN, 396, "likelihood-ratio chi-square");
    g->rows[g->n - 1].p_value = 0.17;
    /* continuous: a group of 7 in one arm */
    addc(g, "subgroup_effect", "qol", "sex[female]:arm", "welch", 0.4, 90, "n = 83 vs 7", core_counts_sizes(83, 7));
    /* equity: IPS arm 4 of 30 in one level of three, 20/40 and 15/35 in the others; access 6/410 */
    addc(g, "equity", "employment", "edu[low]", "outcome", 4.0 / 30, 30, "IPS arm: 4/30",
         core_counts_named(SHARE(4, 30), "IPS", NULL));
    addc(g, "equity", "employment", "edu[mid]", "outcome", 0.5, 40, "IPS arm: 20/40",
         core_counts_named(SHARE(20, 40), "IPS", NULL));
    addc(g, "equity", "employment", "edu[high]", "outcome", 15.0 / 35, 35, "IPS arm: 15/35",
         core_counts_named(SHARE(15, 35), "IPS", NULL));
    add(g, "equity", "employment", "edu", "chisq", NAN, NAN, "Pearson chi-square");
    g->rows[g->n - 1].statistic = 3.1;
    g->rows[g->n - 1].p_value = 0.21;
    addc(g, "equity", "employment", "edu[low]", "access", 6.0 / 410, 410, "6/410 randomised", SHARE(6, 410));
    addc(g, "equity", "employment", "edu[mid]", "access", 200.0 / 410, 410, "200/410 randomised", SHARE(200, 410));
    addc(g, "equity", "employment", "edu[high]", "access", 204.0 / 410, 410, "204/410 randomised", SHARE(204, 410));
    /* survival: 404 events in 410 (6 without), 3 at risk */
    addc(g, "hazard_ratio", "time_to_job", "arm", "efron", 1.4, 410, "404 events in 410 participants",
         core_counts_one(CORE_COUNT_EVENTS, 404, 410));
    addc(g, "km_survival", "time_to_job", "IPS", "log", 0.3, 3, "3 at risk",
         core_counts_one(CORE_COUNT_AT_RISK, 3, NAN));
    addc(g, "km_survival", "time_to_job", "TAU", "log", 0.5, 50, "50 at risk",
         core_counts_one(CORE_COUNT_AT_RISK, 50, NAN));
    t_int(rpt_disclose(g, 10, &err), CORE_OK, "rpt_disclose (k = 10) runs on subgroup, equity and survival rows");

    x = row(g, "subgroup_effect", "employment", "diagnosis[severe]:arm", NULL);
    t_str(x->label, "22/92 vs <10/89", "a subgroup's 8 of 89 reads '<10/89', the other arm's count stays");
    t_true(isnan(x->estimate) && isnan(x->ci_low) && isnan(x->ci_high) && (x->hidden & CORE_HIDE_ESTIMATE),
           "its risk difference (22/92 - RD = 8/89) is withheld");
    t_true(x->n == 181, "its n (181) is shown");
    x = row(g, "subgroup_effect", "employment", "diagnosis[moderate]:arm", NULL);
    t_true(isnan(x->estimate) && strstr(x->label, "secondary") && !strstr(x->label, "45"),
           "secondary suppression: the other level (its counts and the arm totals give 8 back) is withheld");
    x = row(g, "interaction", "employment", "arm:diagnosis", NULL);
    t_true(isnan(x->statistic) && isnan(x->p_value) && strstr(x->label, "withheld"),
           "the interaction test of a withheld table is withheld");
    x = row(g, "subgroup_effect", "employment", "sex[female]:arm", NULL);
    t_true(x->hidden == 0 && !strcmp(x->label, "21/87 vs 15/96"), "a subgroup with large cells is untouched");
    t_rel(row(g, "interaction", "employment", "arm:sex", NULL)->p_value, 0.17, TOL_EXACT,
          "and so is its interaction test");
    x = row(g, "subgroup_effect", "qol", "sex[female]:arm", NULL);
    t_str(x->label, "n = 83 vs <10", "a continuous subgroup's group of 7 reads '<10'");
    t_rel(x->estimate, 0.4, TOL_EXACT, "and its difference in means is kept");
    x = row(g, "equity", "employment", "edu[low]", "outcome");
    t_str(x->label, "IPS arm: <10/30", "an equity cell 4 of 30 reads 'IPS arm: <10/30'");
    t_true(isnan(x->estimate) && isnan(x->ci_low), "its share is withheld");
    x = row(g, "equity", "employment", "edu[high]", "outcome");
    t_true(isnan(x->estimate) && strstr(x->label, "secondary"), "the smallest other level (15 of 35) is withheld");
    t_str(row(g, "equity", "employment", "edu[mid]", "outcome")->label, "IPS arm: 20/40", "the third stays");
    x = row(g, "equity", "employment", "edu", "chisq");
    t_true(isnan(x->statistic) && isnan(x->p_value), "the equity chi-square of that table is withheld");
    x = row(g, "equity", "employment", "edu[low]", "access");
    t_str(x->label, "<10/410 randomised", "access 6 of 410 reads '<10/410 randomised'");
    t_true(isnan(x->estimate), "and its share is withheld");
    t_true(isnan(row(g, "equity", "employment", "edu[mid]", "access")->estimate),
           "access: the smallest other level is withheld too");
    x = row(g, "hazard_ratio", "time_to_job", "arm", NULL);
    t_str(x->label, ">400 events in 410 participants", "404 events of 410 (6 without) -> '>400 events'");
    t_rel(x->estimate, 1.4, TOL_EXACT, "the hazard ratio (a model) is kept");
    x = row(g, "km_survival", "time_to_job", "IPS", NULL);
    t_str(x->label, "<10 at risk", "3 at risk -> '<10 at risk'");
    t_true(isnan(x->n) && (x->hidden & CORE_HIDE_N), "and its n is withheld");
    t_str(row(g, "km_survival", "time_to_job", "TAU", NULL)->label, "50 at risk", "50 at risk stays");
    core_results_free(g);

    /* rule 4 in the fidelity-outcome link: each site's trial counts (k = 10) */
    core_results *f = core_results_new();
    module = "fidelity";
    addc(f, "fidelity_outcome", "employment", "County A", "site_data", 0.11, 98, "IPS 17/50, TAU 11/48; statistic = 72",
         core_counts_named(PAIR(17, 50, 11, 48), "IPS", "TAU"));
    addc(f, "fidelity_outcome", "employment", "County B", "site_data", 0.15, 87, "IPS 21/43, TAU 15/44; statistic = 90",
         core_counts_named(PAIR(21, 43, 15, 44), "IPS", "TAU"));
    addc(f, "fidelity_outcome", "employment", "County F", "site_data", -0.06, 8, "IPS 1/4, TAU 2/4; statistic = 96.7",
         core_counts_named(PAIR(1, 4, 2, 4), "IPS", "TAU"));
    add(f, "fidelity_outcome", "employment", RCT_RISK_DIFFERENCE, "wls", 0.0005, 3, "slope");
    add(f, "fidelity_outcome", "employment", RCT_RISK_DIFFERENCE, "spearman", 0.5, 3, "rho");
    t_int(rpt_disclose(f, 10, &err), CORE_OK, "rpt_disclose (k = 10) runs on the fidelity-outcome link");
    x = row(f, "fidelity_outcome", "employment", "County F", NULL);
    t_str(x->label, "IPS <10, TAU <10", "a site of 8 shows '<10' for both arms (named from the counts' groups)");
    t_true(isnan(x->estimate) && isnan(x->n) && (x->hidden & CORE_HIDE_N), "its effect and n are withheld");
    t_rel(x->statistic, 72, TOL_EXACT, "its mean fidelity total (not a count) is kept");
    x = row(f, "fidelity_outcome", "employment", "County A", NULL);
    t_true(isnan(x->estimate) && strstr(x->label, "secondary") && x->statistic == 70,
           "the site with the smallest other count (11; the sites add up to the arms) is withheld, its fidelity "
           "total kept");
    t_str(row(f, "fidelity_outcome", "employment", "County B", NULL)->label, "IPS 21/43, TAU 15/44; statistic = 90",
          "the third site stays");
    x = row(f, "fidelity_outcome", "employment", RCT_RISK_DIFFERENCE, "wls");
    t_true(isnan(x->estimate) && isnan(x->p_value), "the weighted regression over sites (linear in each) is withheld");
    t_rel(row(f, "fidelity_outcome", "employment", RCT_RISK_DIFFERENCE, "spearman")->estimate, 0.5, TOL_EXACT,
          "the rank correlation is kept");
    core_results_free(f);

    /* rewording every label changes nothing that is withheld: the synthetic rows of every rule above ... */
    core_results *all = core_results_new();
    module = "rct";
    addc(all, "arm_summary", "employment", "IPS", "wilson", 0.2, 15, "3/15", SHARE(3, 15));
    addc(all, "arm_summary", "employment", "TAU", "wilson", 9.0 / 22, 22, "9/22", SHARE(9, 22));
    add(all, RCT_RISK_DIFFERENCE, "employment", "arm", "newcombe", 0.2 - 9.0 / 22, 37, NULL);
    addc(all, "baseline_table", "county[A]", "IPS", "n_percent", 3.0 / 20, 20, "3/20", SHARE(3, 20));
    addc(all, "baseline_table", "county[B]", "IPS", "n_percent", 12.0 / 20, 20, "12/20", SHARE(12, 20));
    addc(all, "baseline_table", "county[C]", "IPS", "n_percent", 5.0 / 20, 20, "5/20", SHARE(5, 20));
    addc(all, "subgroup_effect", "employment", "diagnosis[moderate]:arm", "newcombe", 0.07, 205, "50/100 vs 45/105",
         PAIR(50, 100, 45, 105));
    addc(all, "subgroup_effect", "employment", "diagnosis[severe]:arm", "newcombe", 0.15, 181, "22/92 vs 8/89",
         PAIR(22, 92, 8, 89));
    add(all, "interaction", "employment", "arm:diagnosis", "logistic_lr", NAN, 386, "likelihood-ratio chi-square");
    addc(all, "equity", "employment", "edu[low]", "access", 6.0 / 410, 410, "6/410 randomised", SHARE(6, 410));
    addc(all, "equity", "employment", "edu[mid]", "access", 200.0 / 410, 410, "200/410 randomised", SHARE(200, 410));
    addc(all, "hazard_ratio", "time_to_job", "arm", "efron", 1.4, 410, "404 events in 410 participants",
         core_counts_one(CORE_COUNT_EVENTS, 404, 410));
    addc(all, "km_survival", "time_to_job", "IPS", "log", 0.3, 3, "3 at risk",
         core_counts_one(CORE_COUNT_AT_RISK, 3, NAN));
    module = "fidelity";
    addc(all, "fidelity_outcome", "employment", "County A", "site_data", 0.11, 98, "IPS 17/50, TAU 11/48",
         core_counts_named(PAIR(17, 50, 11, 48), "IPS", "TAU"));
    addc(all, "fidelity_outcome", "employment", "County F", "site_data", -0.06, 8, "IPS 1/4, TAU 2/4",
         core_counts_named(PAIR(1, 4, 2, 4), "IPS", "TAU"));
    same_withheld(all, 5, "every rule's rows");
    same_withheld(all, 10, "every rule's rows");
    core_results_free(all);
    /* ... and the trial module's own rows on the demo's trial */
    core_table *data = NULL;
    core_results *trial = trial_rows(&data);
    if (trial) {
        same_withheld(trial, 10, "the trial module's rows");
        same_withheld(trial, 30, "the trial module's rows");
    }
    core_results_free(trial);
    core_table_free(data);
    return t_summary("disclose");
}
