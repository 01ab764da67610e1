/* Disclosure control of the result rows (SPEC §2 [project] small_cell, §5): every count of people below k
 * is withheld, and so is every figure from which it could be recovered by subtraction or division.
 * The rows are changed in place before any output is written, so the results file and every sheet of the
 * workbook show the same withheld cells (a withheld number is NaN; CORE_HIDE_* bits say which).
 *
 * Rules, in the spirit of the primary and secondary suppression of statistical agencies (Hundepool A et al.
 * Statistical Disclosure Control. Wiley, 2012, ch. 7):
 *  1. A count x of n in a label ("x/n", "x of n analysed", "x missing") is withheld when x < k or n - x < k
 *     (the complement would give it back); the label shows "<k/n" or ">n-k/n" and the proportion's estimate,
 *     SE and interval (x = p n) are withheld. A person count n below k (modules rct and did: counts of
 *     people; other modules count raters, studies or draws) is shown as "<k", and so is an estimate that
 *     is that count.
 *  2. Secondary suppression: the levels of one categorical variable in one arm add up to the arm's n (with
 *     the missing count), so when exactly one cell of such a group is withheld the smallest other is too.
 *  3. Statistics that are exact functions of a trial's 2x2 table (risk difference, ratios, NNT, the
 *     tests, the unadjusted logistic model, the standardised difference of a level) are withheld for an
 *     (outcome, timepoint) whose arm counts are withheld: with the other arm's share shown they give the
 *     withheld share back.
 * What it does not do: model-based estimates (adjusted models, GEE, mixed models, Cox) and Kaplan-Meier
 * steps are kept; they are not exact functions of one small cell. */
#include "reports/rpt_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A whole number of digits at *s; advances *s. 0 if none. */
static int whole(const char **s, double *out)
{
    const char *p = *s;
    double v = 0;
    if (*p < '0' || *p > '9')
        return 0;
    while (*p >= '0' && *p <= '9')
        v = 10 * v + (*p++ - '0');
    *s = p;
    *out = v;
    return 1;
}

/* The count in a row's label: "x/n", "x of n analysed" or "x missing" (n from the row). 0 if none. */
static int label_count(const core_result_row *r, double *x, double *n, int *form)
{
    const char *p = r->label;
    if (!p || !whole(&p, x))
        return 0;
    if (*p == '/') {
        p++;
        if (!whole(&p, n) || *p)
            return 0;
        *form = 0;
        return 1;
    }
    if (strncmp(p, " of ", 4) == 0) {
        p += 4;
        if (!whole(&p, n) || strcmp(p, " analysed") != 0)
            return 0;
        *form = 1;
        return 1;
    }
    if (strcmp(p, " missing") == 0 && isfinite(r->n)) {
        *n = r->n;
        *form = 2;
        return 1;
    }
    return 0;
}

static int person_module(const core_result_row *r)
{
    return rpt_str_eq(r->module, "rct") || rpt_str_eq(r->module, "did");
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
    r->hidden |= CORE_HIDE_LABEL | CORE_HIDE_ESTIMATE | CORE_HIDE_SE | CORE_HIDE_CI;
    r->estimate = r->se = r->ci_low = r->ci_high = NAN;
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
        if (label_count(r, &x, &n, &form)) {
            cell[i] = 1;
            if (x < k || n - x < k) {
                cell[i] = 2;
                st = withhold_count(res, i, k, x, n, form);
            }
        }
        if (isfinite(r->n) && r->n >= 0 && r->n < k) {
            if (r->estimate == r->n) { /* the estimate is the count itself (e.g. randomised) */
                r->estimate = r->se = r->ci_low = r->ci_high = NAN;
                r->hidden |= CORE_HIDE_ESTIMATE | CORE_HIDE_SE | CORE_HIDE_CI;
            }
            r->n = NAN;
            r->hidden |= CORE_HIDE_N;
        }
    }

    /* 2. secondary suppression within each distribution that adds up to a shown total */
    for (size_t i = 0; i < res->n && st == CORE_OK; i++) {
        if (cell[i] != 2)
            continue;
        size_t members = 0, hidden = 0, smallest = (size_t)-1;
        double small_x = INFINITY;
        for (size_t j = 0; j < res->n; j++) {
            if (!cell[j] || !same_group(&res->rows[i], &res->rows[j]))
                continue;
            members++;
            if (cell[j] == 2) {
                hidden++;
                continue;
            }
            double x, n;
            int form;
            if (label_count(&res->rows[j], &x, &n, &form) && x < small_x) {
                small_x = x;
                smallest = j;
            }
        }
        if (members >= 2 && hidden == 1 && smallest != (size_t)-1) {
            double x, n;
            int form;
            label_count(&res->rows[smallest], &x, &n, &form);
            cell[smallest] = 2;
            /* shown as "<n" would be wrong: it is withheld, not small */
            char lab[96];
            snprintf(lab, sizeof lab, "withheld (secondary suppression of a count below %d)", k);
            core_result_row *s = &res->rows[smallest];
            s->estimate = s->se = s->ci_low = s->ci_high = NAN;
            s->hidden |= CORE_HIDE_LABEL | CORE_HIDE_ESTIMATE | CORE_HIDE_SE | CORE_HIDE_CI;
            if (core_results_set_label(res, smallest, lab) != CORE_OK)
                st = CORE_ERR_NOMEM;
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
            r->estimate = r->se = r->ci_low = r->ci_high = r->statistic = r->p_value = r->p_adjusted = NAN;
            r->hidden |= CORE_HIDE_LABEL | CORE_HIDE_ESTIMATE | CORE_HIDE_SE | CORE_HIDE_CI | CORE_HIDE_STATISTIC |
                         CORE_HIDE_P;
            char lab[96];
            snprintf(lab, sizeof lab, "withheld: a count below %d in this table (disclosure control)", k);
            if (core_results_set_label(res, j, lab) != CORE_OK)
                st = CORE_ERR_NOMEM;
        }
    }
    free(cell);
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
