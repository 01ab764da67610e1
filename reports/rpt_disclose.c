/* Disclosure control of the result rows (SPEC §2 [project] small_cell, §5): every count of people below k
 * is withheld, and so is every figure from which it could be recovered by subtraction or division.
 * The rows are changed in place before any output is written, so the results file and every sheet of the
 * workbook show the same withheld cells (a withheld number is NaN; CORE_HIDE_* bits say which).
 *
 * The counts come from the rows' fields (core_row_counts, set where each row is made), never from their labels:
 * a label is text for people, and rewording one changes nothing that is withheld (tests/unit/test_disclose.c).
 * A withheld row's label is replaced by one written here from those fields, and its withheld counts are NaN.
 *
 * Rules, in the spirit of the primary and secondary suppression of statistical agencies (Hundepool A et al.
 * Statistical Disclosure Control. Wiley, 2012, ch. 7):
 *  1. A count x of n (a share "x/n", "x of n analysed", "x missing") is withheld when x < k or n - x < k
 *     (the complement would give it back); the label shows "<k/n" or ">n-k/n" and the proportion's estimate,
 *     SE and interval (x = p n) are withheld. A person count n below k (modules rct and did: counts of
 *     people; other modules count raters, studies or draws) is shown as "<k", and so is an estimate that
 *     is that count (module cea too: its missing and complete-case counts are "x missing", "x of n analysed").
 *  2. Secondary suppression: the levels of one categorical variable in one arm add up to the arm's n (with
 *     the missing count), so when exactly one cell of such a group is withheld the smallest other is too.
 *  3. Statistics that are exact functions of a trial's 2x2 table (risk difference, ratios, NNT, the
 *     tests, the unadjusted logistic model, the standardised difference of a level) are withheld for an
 *     (outcome, timepoint) whose arm counts are withheld: with the other arm's share shown they give the
 *     withheld share back.
 *  4. The counts of subgroup and equity rows (x1/n1 vs x0/n0, group sizes n1 vs n0, the intervention arm's
 *     x/n, x/n randomised) and of survival rows (x events in n participants, x at risk) follow rule 1. A
 *     subgroup's risk difference and an equity share are exact functions of their counts and are
 *     withheld with them; so is, by rule 2, the smallest other level of the same variable (the levels add up
 *     to the arm totals shown), and so are the tests that are exact functions of those tables: the equity
 *     chi-square of the variable and the logistic likelihood-ratio interaction test of arm by that variable.
 *     The same holds for the trial counts of each site in the fidelity-outcome link (x1/n1 and x0/n0 per arm):
 *     a site's effect is withheld with them, the sites add up to the arms, and the weighted regression over
 *     sites (linear in each site's effect) is withheld; the rank correlation is kept.
 * What it does not do: model-based estimates (adjusted models, GEE, mixed models, Cox) and Kaplan-Meier
 * steps are kept; they are not exact functions of one small cell (a step's number at risk below k is "<k"). */
#include "reports/rpt_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows whose counts rule 4 reads (subgroups, equity, survival, the fidelity-outcome sites). */
static int rule4_row(const core_result_row *r);

/* Rule 1's count of a row: x of n as a share (form 0), analysed (form 1) or missing (form 2). 0 if none. */
static int row_count(const core_result_row *r, double *x, double *n, int *form)
{
    const core_row_counts *c = &r->counts;
    switch (c->kind) {
    case CORE_COUNT_SHARE:
        if (!isnan(c->n0)) /* a comparison of two groups: rule 4 */
            return 0;
        *form = 0;
        break;
    case CORE_COUNT_ANALYSED:
        *form = 1;
        break;
    case CORE_COUNT_MISSING:
        *form = 2;
        break;
    default:
        return 0;
    }
    if (!isfinite(c->x1) || !isfinite(c->n1) || rule4_row(r))
        return 0;
    *x = c->x1;
    *n = c->n1;
    return 1;
}

static int person_module(const core_result_row *r)
{
    return rpt_str_eq(r->module, "rct") || rpt_str_eq(r->module, "did") || rpt_str_eq(r->module, "cea");
}

/* A withheld estimate: the estimate, its SE and interval. */
static void withhold_estimate(core_result_row *r)
{
    r->estimate = r->se = r->ci_low = r->ci_high = NAN;
    r->hidden |= CORE_HIDE_ESTIMATE | CORE_HIDE_SE | CORE_HIDE_CI;
}

/* A withheld statistic: the estimate with its SE and interval, the test statistic and the p-values. */
static void withhold_all(core_result_row *r)
{
    withhold_estimate(r);
    r->statistic = r->p_value = r->p_adjusted = NAN;
    r->hidden |= CORE_HIDE_STATISTIC | CORE_HIDE_P;
}

#define SAY_SECONDARY "withheld (secondary suppression of a count below %d)" /* withheld, not small: not "<k" */
#define SAY_TABLE "withheld: a count below %d in this table (disclosure control)"

/* Row i's label becomes why it is withheld (fmt: SAY_SECONDARY or SAY_TABLE). */
static core_status say_withheld(core_results *res, size_t i, const char *fmt, int k)
{
    char lab[96];
    snprintf(lab, sizeof lab, fmt, k);
    res->rows[i].counts.x1 = res->rows[i].counts.x0 = NAN; /* the label no longer shows them */
    res->rows[i].hidden |= CORE_HIDE_LABEL;
    return core_results_set_label(res, i, lab) == CORE_OK ? CORE_OK : CORE_ERR_NOMEM;
}

static core_status withhold_count(core_results *res, size_t i, int k, double x, double n, int form)
{
    core_result_row *r = &res->rows[i];
    char b[96];
    if (x < k)
        snprintf(b, sizeof b, "<%d", k);
    else
        snprintf(b, sizeof b, ">%.0f", n - k);
    char lab[160];
    if (form == 0)
        snprintf(lab, sizeof lab, "%s/%.0f", b, n);
    else if (form == 1)
        snprintf(lab, sizeof lab, "%s of %.0f analysed", b, n);
    else
        snprintf(lab, sizeof lab, "%s missing", b);
    if (n < k) /* the whole group is small: nothing about it is shown */
        snprintf(lab, sizeof lab, "<%d", k);
    if (core_results_set_label(res, i, lab) != CORE_OK)
        return CORE_ERR_NOMEM;
    r->hidden |= CORE_HIDE_LABEL;
    r->counts.x1 = NAN;
    if (n < k)
        r->counts.n1 = NAN;
    withhold_estimate(r);
    return CORE_OK;
}

/* Base name of a categorical level "column[level]" (length up to '['), or the whole name. */
static size_t base_len(const char *s)
{
    if (!s)
        return 0;
    const char *b = strchr(s, '[');
    return b ? (size_t)(b - s) : strlen(s);
}

static int same_base(const char *a, const char *b)
{
    size_t la = base_len(a), lb = base_len(b);
    return la == lb && (la == 0 || strncmp(a, b, la) == 0);
}

/* Rows of one distribution: the same module, analysis, variable, timepoint and arm, each with a count. */
static int same_group(const core_result_row *a, const core_result_row *b)
{
    return rpt_str_eq(a->module, b->module) && rpt_str_eq(a->analysis, b->analysis) &&
           same_base(a->outcome, b->outcome) && rpt_str_eq(a->timepoint, b->timepoint) && rpt_str_eq(a->term, b->term);
}

/* Analyses that are exact functions of the 2x2 table of an (outcome, timepoint). */
static int table_statistic(const core_result_row *r)
{
    static const char *const names[] = {"risk_difference", "risk_ratio", "odds_ratio", "number_needed_to_treat",
                                        "chisq_test", "fisher_exact", "marginal_risk_difference"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (rpt_str_eq(r->analysis, names[i]))
            return !r->method || !strstr(r->method, "adjusted") || strstr(r->method, "unadjusted");
    if (rpt_str_eq(r->analysis, "logistic"))
        return r->method && strstr(r->method, "unadjusted");
    if (rpt_str_eq(r->analysis, "baseline_table"))
        return rpt_str_eq(r->method, "standardised_difference");
    return 0;
}

/* Secondary suppression (rule 2): mark[j] is 0 for a row that holds no count, 1 for a shown count, 2 for a
 * withheld one. When row i is the only withheld member of its group (same() among the rows with a count) and
 * the group has another member, returns the shown member with the smallest count() (it would give row i back
 * by subtraction from the total); otherwise (size_t)-1. */
static size_t secondary_cell(const core_results *res, size_t i, const unsigned char *mark,
                             int (*same)(const core_result_row *, const core_result_row *),
                             double (*count)(const core_result_row *))
{
    size_t members = 0, hidden = 0, smallest = (size_t)-1;
    double small_x = INFINITY;
    for (size_t j = 0; j < res->n; j++) {
        if (!mark[j] || !same(&res->rows[i], &res->rows[j]))
            continue;
        members++;
        if (mark[j] == 2) {
            hidden++;
            continue;
        }
        double x = count(&res->rows[j]);
        if (x < small_x) {
            small_x = x;
            smallest = j;
        }
    }
    return members >= 2 && hidden == 1 ? smallest : (size_t)-1;
}

/* Rule 1's count x of a row (INFINITY when none). */
static double row_x(const core_result_row *r)
{
    double x, n;
    int form;
    return row_count(r, &x, &n, &form) ? x : INFINITY;
}

/* ---- rule 4: the counts of subgroup, equity and survival rows and of the fidelity-outcome sites ---- */

/* A count x of n as the label shows it under threshold k: "x/n", "<k/n", ">n-k/n", or "<k" for a small group.
 * Returns 1 when it was masked. */
static int masked_pair(double x, double n, int k, char *b, size_t size)
{
    if (n < k) {
        snprintf(b, size, "<%d", k);
        return 1;
    }
    if (x < k) {
        snprintf(b, size, "<%d/%.0f", k, n);
        return 1;
    }
    if (n - x < k) {
        snprintf(b, size, ">%.0f/%.0f", n - k, n);
        return 1;
    }
    snprintf(b, size, "%.0f/%.0f", x, n);
    return 0;
}

/* A person count as the label shows it: "n" or "<k". Returns 1 when masked. */
static int masked_count(double n, int k, char *b, size_t size)
{
    if (n < k) {
        snprintf(b, size, "<%d", k);
        return 1;
    }
    snprintf(b, size, "%.0f", n);
    return 0;
}

enum { L4_NONE, L4_TABLE, L4_COUNTS };

/* A site's trial counts in the fidelity-outcome link (module fidelity): its effect is a function of them. */
static int site_row(const core_result_row *r)
{
    return rpt_str_eq(r->module, "fidelity") && rpt_str_eq(r->analysis, "fidelity_outcome") &&
           rpt_str_eq(r->method, "site_data");
}

static int rule4_row(const core_result_row *r)
{
    if (site_row(r))
        return 1;
    return rpt_str_eq(r->module, "rct") &&
           (rpt_str_eq(r->analysis, "subgroup_effect") || rpt_str_eq(r->analysis, "equity") ||
            r->counts.kind == CORE_COUNT_EVENTS || r->counts.kind == CORE_COUNT_AT_RISK);
}

static int finite2(double a, double b)
{
    return isfinite(a) && isfinite(b);
}

/* Writes the label of a row of rule 4 whose counts (fields) hold one below k into lab. Returns L4_NONE when no
 * count is below k (or the row has none); L4_TABLE when a masked count makes the row's estimate an exact function
 * of a withheld count (a subgroup's risk difference, an equity share, a site's effect); L4_COUNTS when only the
 * counts are withheld (group sizes of a difference in means, events of a survival model, numbers at risk). */
static int label4(const core_result_row *r, int k, char *lab, size_t size)
{
    const core_row_counts *c = &r->counts;
    char a[64], b[64];
    if (!rule4_row(r))
        return L4_NONE;
    switch (c->kind) {
    case CORE_COUNT_SHARE:
        if (!finite2(c->x1, c->n1))
            return L4_NONE;
        if (!isnan(c->n0)) { /* two groups: a subgroup's arms, a site's arms */
            if (!finite2(c->x0, c->n0))
                return L4_NONE;
            if (!(masked_pair(c->x1, c->n1, k, a, sizeof a) | masked_pair(c->x0, c->n0, k, b, sizeof b)))
                return L4_NONE;
            if (c->g1 && c->g0) /* the groups by name, e.g. a site's arms "IPS <k/n1, TAU x0/n0" */
                snprintf(lab, size, "%s %s, %s %s", c->g1, a, c->g0, b);
            else
                snprintf(lab, size, "%s vs %s", a, b);
            return L4_TABLE;
        }
        if (!masked_pair(c->x1, c->n1, k, a, sizeof a))
            return L4_NONE;
        if (rpt_str_eq(r->method, "access"))
            snprintf(lab, size, "%s randomised", a);
        else if (c->g1) /* the group by name, e.g. the intervention arm's share "IPS arm: <k/n" */
            snprintf(lab, size, "%s arm: %s", c->g1, a);
        else
            snprintf(lab, size, "%s", a);
        return L4_TABLE;
    case CORE_COUNT_SIZES:
        if (!finite2(c->n1, c->n0) ||
            !(masked_count(c->n1, k, a, sizeof a) | masked_count(c->n0, k, b, sizeof b)))
            return L4_NONE;
        snprintf(lab, size, "n = %s vs %s", a, b);
        return L4_COUNTS;
    case CORE_COUNT_EVENTS:
        if (!finite2(c->x1, c->n1))
            return L4_NONE;
        if (c->n1 < k)
            snprintf(lab, size, "<%d participants", k);
        else if (c->x1 < k)
            snprintf(lab, size, "<%d events in %.0f participants", k, c->n1);
        else if (c->n1 - c->x1 < k)
            snprintf(lab, size, ">%.0f events in %.0f participants", c->n1 - k, c->n1);
        else
            return L4_NONE;
        return L4_COUNTS;
    case CORE_COUNT_AT_RISK:
        if (!isfinite(c->x1) || c->x1 >= k)
            return L4_NONE;
        snprintf(lab, size, "<%d at risk", k);
        return L4_COUNTS;
    default:
        return L4_NONE;
    }
}

/* The counts of a row of rule 4 that are below k (or give one back) become NaN: they are withheld. */
static void withhold_counts4(core_row_counts *c, int k)
{
    if (c->kind == CORE_COUNT_SIZES) {
        if (c->n1 < k)
            c->n1 = NAN;
        if (c->n0 < k)
            c->n0 = NAN;
        return;
    }
    if (c->n1 < k || c->x1 < k || c->n1 - c->x1 < k)
        c->x1 = NAN;
    if (c->n1 < k)
        c->n1 = NAN;
    if (c->n0 < k || c->x0 < k || c->n0 - c->x0 < k)
        c->x0 = NAN;
    if (c->n0 < k)
        c->n0 = NAN;
}

/* The part of a term after its level, "sex[female]:arm" -> ":arm" ("" when none). */
static const char *term_suffix(const char *t)
{
    const char *b = t ? strchr(t, ']') : NULL;
    return b ? b + 1 : "";
}

/* Rows whose counts add up to the same shown totals: one analysis and method, outcome, timepoint, variable
 * (the base of the term) and comparison. */
static int same_table4(const core_result_row *a, const core_result_row *b)
{
    if (site_row(a) || site_row(b)) /* the sites of one link add up to the trial's arms */
        return site_row(a) && site_row(b) && rpt_str_eq(a->outcome, b->outcome) &&
               rpt_str_eq(a->timepoint, b->timepoint);
    return rpt_str_eq(a->module, b->module) && rpt_str_eq(a->analysis, b->analysis) &&
           rpt_str_eq(a->method, b->method) && rpt_str_eq(a->outcome, b->outcome) &&
           rpt_str_eq(a->timepoint, b->timepoint) && a->term && b->term && strchr(a->term, '[') &&
           strchr(b->term, '[') && same_base(a->term, b->term) &&
           strcmp(term_suffix(a->term), term_suffix(b->term)) == 0;
}

/* A row whose counts are withheld by rule 4: a site keeps its statistic, the site's mean fidelity total. */
static void withhold_row4(core_result_row *r)
{
    if (site_row(r))
        withhold_estimate(r);
    else
        withhold_all(r);
}

/* The smallest count (or complement) of a row's shares (to pick the cell of secondary suppression). */
static double smallest_count(const core_result_row *r)
{
    const core_row_counts *c = &r->counts;
    double best = INFINITY;
    if (c->kind != CORE_COUNT_SHARE)
        return best;
    if (finite2(c->x1, c->n1))
        best = fmin(c->x1, c->n1 - c->x1);
    if (finite2(c->x0, c->n0))
        best = fmin(best, fmin(c->x0, c->n0 - c->x0));
    return best;
}

/* Tests that are exact functions of the tables of a withheld subgroup or equity row: the equity chi-square
 * of its variable (same outcome and timepoint) and the logistic likelihood-ratio interaction test of the arm
 * by its variable. */
static int dependent_test(const core_result_row *t, const core_result_row *w)
{
    if (!rpt_str_eq(t->module, w->module) || !rpt_str_eq(t->outcome, w->outcome) ||
        !rpt_str_eq(t->timepoint, w->timepoint) || !t->term || !w->term)
        return 0;
    if (site_row(w)) /* the weighted regression over sites is linear in each site's effect */
        return rpt_str_eq(t->analysis, "fidelity_outcome") && rpt_str_eq(t->method, "wls");
    size_t lb = base_len(w->term);
    if (rpt_str_eq(w->analysis, "equity") && rpt_str_eq(w->method, "outcome"))
        return rpt_str_eq(t->analysis, "equity") && rpt_str_eq(t->method, "chisq") && strlen(t->term) == lb &&
               strncmp(t->term, w->term, lb) == 0;
    if (rpt_str_eq(w->analysis, "subgroup_effect") && rpt_str_eq(w->method, "newcombe")) {
        const char *c = strrchr(t->term, ':');
        return rpt_str_eq(t->analysis, "interaction") && rpt_str_eq(t->method, "logistic_lr") && c &&
               strlen(c + 1) == lb && strncmp(c + 1, w->term, lb) == 0;
    }
    return 0;
}

static core_status rule4(core_results *res, int k)
{
    unsigned char *held = malloc(res->n ? res->n : 1); /* as rule 2's marks: 1 a row, 2 withheld by rule 4 */
    if (!held)
        return CORE_ERR_NOMEM;
    memset(held, 1, res->n);
    char lab[512];
    core_status st = CORE_OK;
    for (size_t i = 0; i < res->n && st == CORE_OK; i++) {
        core_result_row *r = &res->rows[i];
        if (site_row(r) && isfinite(r->n) && r->n < k) { /* a site's participants (rule 1 covers rct and did) */
            r->n = NAN;
            r->hidden |= CORE_HIDE_N;
        }
        int how = label4(r, k, lab, sizeof lab);
        if (how == L4_NONE)
            continue;
        if (core_results_set_label(res, i, lab) != CORE_OK) {
            st = CORE_ERR_NOMEM;
            break;
        }
        r->hidden |= CORE_HIDE_LABEL;
        withhold_counts4(&r->counts, k);
        if (how == L4_TABLE) {
            withhold_row4(r);
            held[i] = 2;
        }
    }
    /* secondary suppression: one withheld level of a variable is given back by the totals */
    for (size_t i = 0; i < res->n && st == CORE_OK; i++) {
        if (held[i] != 2)
            continue;
        size_t s = secondary_cell(res, i, held, same_table4, smallest_count);
        if (s != (size_t)-1) {
            held[s] = 2;
            withhold_row4(&res->rows[s]);
            st = say_withheld(res, s, SAY_SECONDARY, k);
        }
    }
    /* the tests of a withheld table */
    for (size_t i = 0; i < res->n && st == CORE_OK; i++) {
        if (held[i] != 2)
            continue;
        for (size_t j = 0; j < res->n && st == CORE_OK; j++) {
            core_result_row *t = &res->rows[j];
            if (held[j] == 2 || (t->hidden & CORE_HIDE_P) || !dependent_test(t, &res->rows[i]))
                continue;
            withhold_all(t);
            st = say_withheld(res, j, SAY_TABLE, k);
        }
    }
    free(held);
    return st;
}

core_status rpt_disclose(core_results *res, int k, core_err *err)
{
    if (!res || k <= 0)
        return CORE_OK;
    res->small_cell = k;
    unsigned char *cell = calloc(res->n ? res->n : 1, 1); /* 1: a count cell, 2: a withheld count cell */
    if (!cell)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory in disclosure control");
    core_status st = CORE_OK;

    /* 1. primary suppression */
    for (size_t i = 0; i < res->n && st == CORE_OK; i++) {
        core_result_row *r = &res->rows[i];
        if (!person_module(r))
            continue;
        double x, n;
        int form;
        if (row_count(r, &x, &n, &form)) {
            cell[i] = 1;
            if (x < k || n - x < k) {
                cell[i] = 2;
                st = withhold_count(res, i, k, x, n, form);
            }
        }
        if (isfinite(r->n) && r->n >= 0 && r->n < k) {
            if (r->estimate == r->n) /* the estimate is the count itself (e.g. randomised) */
                withhold_estimate(r);
            r->n = NAN;
            r->hidden |= CORE_HIDE_N;
        }
    }

    /* 2. secondary suppression within each distribution that adds up to a shown total */
    for (size_t i = 0; i < res->n && st == CORE_OK; i++) {
        if (cell[i] != 2)
            continue;
        size_t s = secondary_cell(res, i, cell, same_group, row_x);
        if (s != (size_t)-1) {
            cell[s] = 2;
            withhold_estimate(&res->rows[s]);
            st = say_withheld(res, s, SAY_SECONDARY, k);
        }
    }

    /* 3. statistics of a 2x2 table whose counts are withheld */
    for (size_t i = 0; i < res->n && st == CORE_OK; i++) {
        if (cell[i] != 2)
            continue;
        const core_result_row *a = &res->rows[i];
        for (size_t j = 0; j < res->n && st == CORE_OK; j++) {
            core_result_row *r = &res->rows[j];
            if (!rpt_str_eq(r->module, a->module) || !rpt_str_eq(r->timepoint, a->timepoint) || !table_statistic(r))
                continue;
            int match = rpt_str_eq(r->analysis, "baseline_table") ? rpt_str_eq(r->outcome, a->outcome)
                                                                   : rpt_str_eq(r->outcome, a->outcome) &&
                                                                         rpt_str_eq(a->analysis, "arm_summary");
            if (!match || (r->hidden & CORE_HIDE_ESTIMATE))
                continue;
            withhold_all(r);
            st = say_withheld(res, j, SAY_TABLE, k);
        }
    }
    free(cell);
    if (st == CORE_OK)
        st = rule4(res, k);
    if (st == CORE_ERR_NOMEM)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory in disclosure control");
    return st;
}

size_t rpt_disclosed_rows(const core_results *res)
{
    size_t n = 0;
    for (size_t i = 0; res && i < res->n; i++)
        n += res->rows[i].hidden != 0;
    return n;
}
