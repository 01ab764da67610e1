/* Disclosure control of result rows (reports/rpt_disclose.c) and the results file it feeds: primary suppression
 * of a count and its complement, secondary suppression in a distribution with a shown total, the 2x2-table
 * statistics of a withheld table, and "<k" in the CSV. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_results.h"
#include "reports/rpt.h"
#include "tests/t_check.h"

static void add(core_results *r, const char *analysis, const char *outcome, const char *term, const char *method,
                double est, double n, const char *label)
{
    core_result_row x = CORE_RESULT_ROW_EMPTY;
    x.module = "rct";
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
    if (core_results_add(r, &x) != CORE_OK) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
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

int main(void)
{
    core_results *r = core_results_new();
    core_err err;
    core_err_clear(&err);
    /* a binary outcome: IPS 3 of 15 (12 not), TAU 9 of 22 */
    add(r, "arm_summary", "employment", "IPS", "wilson", 0.2, 15, "3/15");
    add(r, "arm_summary", "employment", "TAU", "wilson", 9.0 / 22, 22, "9/22");
    add(r, "risk_difference", "employment", "arm", "newcombe", 0.2 - 9.0 / 22, 37, NULL);
    add(r, "odds_ratio", "employment", "arm", "logistic_adjusted", 0.5, 37, NULL);
    add(r, "logistic", "employment", "arm", "unadjusted", -1.0, 37, NULL);
    /* a binary outcome with 12 of 15: the complement (3) is small */
    add(r, "arm_summary", "job6", "IPS", "wilson", 0.8, 15, "12/15");
    /* a categorical baseline variable in one arm: 3 + 12 + 5 = 20 with 0 missing -> one more cell withheld */
    add(r, "baseline_table", "county[A]", "IPS", "n_percent", 3.0 / 20, 20, "3/20");
    add(r, "baseline_table", "county[B]", "IPS", "n_percent", 12.0 / 20, 20, "12/20");
    add(r, "baseline_table", "county[C]", "IPS", "n_percent", 5.0 / 20, 20, "5/20");
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
    x = row(r, "risk_difference", "employment", "arm", NULL);
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
    t_true(isnan(x->n) && (x->hidden & CORE_HIDE_N) && isnan(x->estimate), "a person count of 4 is withheld (n and the estimate that is the count)");
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
    add(open, "arm_summary", "employment", "IPS", "wilson", 0.2, 15, "3/15");
    t_int(rpt_disclose(open, 0, &err), CORE_OK, "small_cell = 0 runs");
    t_str(open->rows[0].label, "3/15", "small_cell = 0 leaves every count");
    core_results_free(open);
    core_results_free(r);
    return t_summary("disclose");
}
