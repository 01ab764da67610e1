/* Routine practice: the "Cohort" sheet ([cohort]: who got a job, time to a first job, in-work support, by group),
 * the "Equity" sheet ([equity]: users against the reference population, outcomes by group) and the "Workforce"
 * sheet ([workforce]: turnover per 100 person-years, against the benchmark, time in post); the Summary headlines
 * and the method descriptions. Reads the rows only. Intervals are two number cells (low, high). */
#include "reports/rpt_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every row of (module, analysis) in results order, one at a time: *i is the cursor (start at 0). */
static const core_result_row *next_row(const rpt_wctx *w, const char *module, const char *analysis, size_t *i)
{
    for (; *i < w->res->n; (*i)++) {
        const core_result_row *r = &w->res->rows[*i];
        if (rpt_str_eq(r->module, module) && rpt_str_eq(r->analysis, analysis)) {
            (*i)++;
            return r;
        }
    }
    return NULL;
}

/* Headers of one table on row r, columns from 0. */
static void headers(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, const char *const *h, size_t n)
{
    for (size_t c = 0; c < n; c++)
        rpt_put_text(w, ws, r, (lxw_col_t)c, h[c], w->f.header);
    rpt_err_at(w, worksheet_set_row(ws, r, 30, NULL), ws, r, 0);
}

/* estimate, low, high as three cells from column c in format f (proportions: w->f.pct). */
static void est_ci(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *x, double scale,
                   lxw_format *f)
{
    if (!x)
        return;
    rpt_put_num(w, ws, r, c, scale * x->estimate, f);
    rpt_put_num(w, ws, r, c + 1, scale * x->ci_low, f);
    rpt_put_num(w, ws, r, c + 2, scale * x->ci_high, f);
}

static void p_cell(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double p)
{
    char b[32];
    if (!isnan(p))
        rpt_put_text(w, ws, r, c, rpt_fmt_p(p, b, sizeof b), w->f.right);
}

/* "p = 0.034" or "p < 0.001" for a sentence. */
static const char *p_phrase(double p, char *buf, size_t size)
{
    char t[24];
    rpt_fmt_p(p, t, sizeof t);
    if (t[0] == '<')
        snprintf(buf, size, "p < %s", t + 1);
    else
        snprintf(buf, size, "p = %s", t);
    return buf;
}

/* The benchmark a results label states (the practice module's "... the benchmark 0.462, SOURCE (exact ..." or
 * "... the benchmark of 10 leavers per 100 person-years, SOURCE (exact ..."): its value after `key` and its source
 * (*src, *n characters; none when the label names none). 0 when the label does not read that way. */
static int benchmark_parts(const char *label, const char *key, double *v, const char **src, int *n)
{
    const char *p = label ? strstr(label, key) : NULL;
    if (!p)
        return 0;
    char *end;
    *v = strtod(p + strlen(key), &end);
    const char *stop = end != p + strlen(key) ? strstr(end, " (exact") : NULL;
    if (!stop)
        return 0;
    const char *comma = strstr(end, ", ");
    *src = comma && comma < stop ? comma + 2 : stop;
    *n = (int)(stop - *src);
    return 1;
}

/* ================= Cohort ================= */

core_status rpt_sheet_cohort(rpt_wctx *w, core_err *err)
{
    lxw_worksheet *ws;
    core_status st = rpt_add_sheet(w, w->sheet->name, &ws, err);
    if (st != CORE_OK)
        return st;
    char b[1024], c1[32], c2[32], c3[32], c4[32];
    lxw_row_t r = 0;
    rpt_put_text(w, ws, r++, 0, "A single-service cohort: who got a job, how soon, and for how long they were supported",
                 w->f.title);
    rpt_put_text(w, ws, r++, 0,
                 "One group of people supported in ordinary practice, with no control group: these figures describe "
                 "the service; they are not an effect of it.", w->f.meta);
    r++;
    /* who got a job */
    rpt_put_text(w, ws, r++, 0, "Who got a job", w->f.subtitle);
    static const char *const hp[] = {"Group", "Level", "People", "Got a job", "Share", "Wilson low", "Wilson high",
                                     "Exact low", "Exact high"};
    headers(w, ws, r++, hp, 9);
    size_t i = 0;
    const core_result_row *x;
    while ((x = next_row(w, "cohort", "job_proportion", &i))) {
        if (!rpt_str_eq(x->method, "wilson"))
            continue;
        int all = rpt_str_eq(x->outcome, "job");
        rpt_put_text(w, ws, r, 0, all ? "Everyone" : x->outcome, NULL);
        rpt_put_text(w, ws, r, 1, all ? "" : x->term, NULL);
        rpt_put_num(w, ws, r, 2, x->n, w->f.count);
        rpt_put_num(w, ws, r, 3, x->statistic, w->f.count);
        est_ci(w, ws, r, 4, x, 1, w->f.pct);
        const core_result_row *e = rpt_find_row(w, "cohort", "job_proportion", x->outcome, NULL, x->term,
                                                "clopper_pearson");
        if (e) {
            rpt_put_num(w, ws, r, 7, e->ci_low, w->f.pct);
            rpt_put_num(w, ws, r, 8, e->ci_high, w->f.pct);
        }
        r++;
    }
    const core_result_row *bm = rpt_find_row(w, "cohort", "benchmark_difference", "job", NULL, "benchmark", NULL);
    if (bm && bm->label) {
        rpt_trf(w, b, sizeof b, "Against the benchmark: the share who got a job differs from it by %s percentage points "
                 "(%s interval %s to %s; exact binomial test, %s).", rpt_fmt_num(100 * bm->estimate, 1, c1, sizeof c1),
                 w->conf, rpt_fmt_num(100 * bm->ci_low, 1, c2, sizeof c2),
                 rpt_fmt_num(100 * bm->ci_high, 1, c3, sizeof c3), p_phrase(bm->p_value, c4, sizeof c4));
        rpt_merge_text(w, ws, r++, 0, 8, b, w->f.wrap, rpt_lines_for(b, 120));
        double v;
        const char *src;
        int n;
        if (w->run->language != RPT_LANG_EN && benchmark_parts(bm->label, "the benchmark ", &v, &src, &n))
            rpt_trf(w, b, sizeof b, "The benchmark: a share of %s%%%s%.*s.", rpt_fmt_num(100 * v, 1, c1, sizeof c1),
                    n ? ", " : "", n, src);
        else
            snprintf(b, sizeof b, "%s %s.", rpt_tr(w, "The benchmark:"), bm->label); /* the label as results.csv has it */
        rpt_merge_text(w, ws, r++, 0, 8, b, w->f.note, rpt_lines_for(b, 120));
    }
    r++;
    /* time to a first job */
    rpt_put_text(w, ws, r++, 0, "Time to a first job (Kaplan-Meier; people still without a job at the end of "
                 "follow-up are censored there)", w->f.subtitle);
    static const char *const hk[] = {"Group", "Level", "People", "Jobs", "Median days", "Low", "High",
                                     "With a job by 6 months", "By 12 months", "By 24 months"};
    headers(w, ws, r++, hk, 10);
    i = 0;
    while ((x = next_row(w, "cohort", "km_median", &i))) {
        int all = rpt_str_eq(x->outcome, "days_to_job");
        rpt_put_text(w, ws, r, 0, all ? "Everyone" : x->outcome, NULL);
        rpt_put_text(w, ws, r, 1, all ? "" : x->term, NULL);
        rpt_put_num(w, ws, r, 2, x->n, w->f.count);
        rpt_put_num(w, ws, r, 3, x->statistic, w->f.count);
        if (isnan(x->estimate))
            rpt_put_text(w, ws, r, 4, "not reached", w->f.right);
        else
            est_ci(w, ws, r, 4, x, 1, w->f.integer);
        static const char *const months[] = {"6", "12", "24"};
        for (int m = 0; m < 3; m++) {
            const core_result_row *ci = rpt_find_row(w, "cohort", "cumulative_incidence", x->outcome, months[m],
                                                     x->term, NULL);
            if (ci)
                rpt_put_num(w, ws, r, (lxw_col_t)(7 + m), ci->estimate, w->f.pct);
        }
        r++;
    }
    const core_result_row *em = rpt_find_row(w, "cohort", "days_to_job_employed", "days_to_job", NULL, "median", NULL);
    if (em) {
        const core_result_row *q1 = rpt_find_row(w, "cohort", "days_to_job_employed", "days_to_job", NULL, "q1", NULL);
        const core_result_row *q3 = rpt_find_row(w, "cohort", "days_to_job_employed", "days_to_job", NULL, "q3", NULL);
        rpt_trf(w, b, sizeof b, "Among the %s people who got a job, the median time to it was %s days (quartiles %s to %s "
                 "days). This is how routine-practice studies usually report it; it leaves out everyone still "
                 "looking, so it is shorter than the Kaplan-Meier median above.",
                 rpt_fmt_count(em->n, w->run->small_cell, c4, sizeof c4), rpt_fmt_num(em->estimate, 0, c1, sizeof c1),
                 rpt_fmt_num(q1 ? q1->estimate : NAN, 0, c2, sizeof c2),
                 rpt_fmt_num(q3 ? q3->estimate : NAN, 0, c3, sizeof c3));
        rpt_merge_text(w, ws, r++, 0, 9, b, w->f.wrap, rpt_lines_for(b, 120));
    }
    r++;
    /* support */
    const core_result_row *med = rpt_find_row(w, "cohort", "support_duration", "support_days", NULL, "median", NULL);
    if (med) {
        rpt_put_text(w, ws, r++, 0, "In-work support", w->f.subtitle);
        const core_result_row *q1 = rpt_find_row(w, "cohort", "support_duration", "support_days", NULL, "q1", NULL);
        const core_result_row *q3 = rpt_find_row(w, "cohort", "support_duration", "support_days", NULL, "q3", NULL);
        rpt_trf(w, b, sizeof b, "Median %s days of in-work support (quartiles %s to %s days), among %s people with a "
                 "record.", rpt_fmt_num(med->estimate, 0, c1, sizeof c1),
                 rpt_fmt_num(q1 ? q1->estimate : NAN, 0, c2, sizeof c2),
                 rpt_fmt_num(q3 ? q3->estimate : NAN, 0, c3, sizeof c3),
                 rpt_fmt_count(med->n, w->run->small_cell, c4, sizeof c4));
        rpt_merge_text(w, ws, r++, 0, 8, b, w->f.wrap, rpt_lines_for(b, 120));
        size_t j = 0;
        const core_result_row *ov = next_row(w, "cohort", "support_over_limit", &j);
        if (ov && ov->label) {
            rpt_trf(w, b, sizeof b, "%s: %s%% (%s interval %s%% to %s%%).", rpt_tr(w, ov->label),
                     rpt_fmt_num(100 * ov->estimate, 1, c1, sizeof c1), w->conf,
                     rpt_fmt_num(100 * ov->ci_low, 1, c2, sizeof c2), rpt_fmt_num(100 * ov->ci_high, 1, c3, sizeof c3));
            rpt_merge_text(w, ws, r++, 0, 8, b, w->f.wrap, rpt_lines_for(b, 120));
        }
        r++;
    }
    /* group tests */
    i = 0;
    int first = 1;
    while ((x = next_row(w, "cohort", "group_test", &i))) {
        if (first) {
            rpt_put_text(w, ws, r++, 0, "Do the groups differ?", w->f.subtitle);
            static const char *const ht[] = {"Group", "Question", "Test", "Chi-square", "df", "p"};
            headers(w, ws, r++, ht, 6);
            first = 0;
        }
        rpt_put_text(w, ws, r, 0, x->outcome, NULL);
        rpt_put_text(w, ws, r, 1, rpt_str_eq(x->term, "job") ? "share who got a job" : "time to a first job", NULL);
        rpt_put_text(w, ws, r, 2, rpt_str_eq(x->method, "logrank") ? "log-rank" : "Pearson chi-square", NULL);
        rpt_put_num(w, ws, r, 3, x->statistic, w->f.num2);
        rpt_put_num(w, ws, r, 4, x->df, w->f.count);
        p_cell(w, ws, r, 5, x->p_value);
        r++;
    }
    rpt_set_cols(w, ws, 0, 1, 16, NULL);
    rpt_set_cols(w, ws, 2, 9, 11, NULL);
    return CORE_OK;
}

core_status rpt_cohort_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err)
{
    const core_result_row *p = rpt_find_row(w, "cohort", "job_proportion", "job", NULL, NULL, "wilson");
    const core_result_row *m = rpt_find_row(w, "cohort", "km_median", "days_to_job", NULL, NULL, NULL);
    if (!p)
        return CORE_OK;
    char b[1024], c1[32], c2[32], c3[32], c4[32], c5[32], c6[32], c7[32];
    int n = rpt_trf(w, b, sizeof b, "Routine practice: of %s people supported, %s%% got a job (%s interval %s%% to "
                     "%s%%)", rpt_fmt_count(p->n, w->run->small_cell, c1, sizeof c1),
                     rpt_fmt_num(100 * p->estimate, 1, c2, sizeof c2), w->conf,
                     rpt_fmt_num(100 * p->ci_low, 1, c3, sizeof c3), rpt_fmt_num(100 * p->ci_high, 1, c4, sizeof c4));
    if (m && n > 0 && (size_t)n < sizeof b) {
        if (isnan(m->estimate))
            rpt_trf(w, b + n, sizeof b - (size_t)n, "; fewer than half had a job by the end of follow-up. No control "
                     "group: this describes the service, not its effect.");
        else
            rpt_trf(w, b + n, sizeof b - (size_t)n, "; half of everyone supported had a job within %s days (%s to %s; "
                     "Kaplan-Meier, people still looking followed to their last day). No control group: this "
                     "describes the service, not its effect.", rpt_fmt_num(m->estimate, 0, c5, sizeof c5),
                     rpt_fmt_num(m->ci_low, 0, c6, sizeof c6), rpt_fmt_num(m->ci_high, 0, c7, sizeof c7));
    }
    rpt_merge_text(w, ws, (*r)++, 0, 7, b, w->f.sentence, rpt_lines_for(b, 100));
    return CORE_OK;
}

/* ================= Equity ================= */

core_status rpt_sheet_equity(rpt_wctx *w, core_err *err)
{
    lxw_worksheet *ws;
    core_status st = rpt_add_sheet(w, w->sheet->name, &ws, err);
    if (st != CORE_OK)
        return st;
    char b[1024];
    lxw_row_t r = 0;
    rpt_put_text(w, ws, r++, 0, "Equity of access: who uses the service against who could", w->f.title);
    rpt_put_text(w, ws, r++, 0,
                 "A representation ratio above 1 means the group is over-represented among users relative to the "
                 "reference population; below 1, under-represented.", w->f.meta);
    r++;
    static const char *const h[] = {"Group", "Users", "Share of users", "Share of reference",
                                    "Representation ratio", "Exact low", "Exact high", "Exact p", "log-Wald low",
                                    "log-Wald high"};
    headers(w, ws, r++, h, 10);
    size_t i = 0;
    const core_result_row *x;
    while ((x = next_row(w, "equity", "user_share", &i))) {
        rpt_put_text(w, ws, r, 0, x->term, NULL);
        rpt_put_num(w, ws, r, 1, x->statistic, w->f.count);
        rpt_put_num(w, ws, r, 2, x->estimate, w->f.pct);
        const core_result_row *e = rpt_find_row(w, "equity", "representation_ratio", x->outcome, NULL, x->term,
                                                "exact_conditional");
        if (!e)
            e = rpt_find_row(w, "equity", "representation_ratio", x->outcome, NULL, x->term, "exact_binomial");
        if (e) {
            if (e->estimate > 0)
                rpt_put_num(w, ws, r, 3, x->estimate / e->estimate, w->f.pct);
            est_ci(w, ws, r, 4, e, 1, w->f.num2);
            p_cell(w, ws, r, 7, e->p_value);
        }
        const core_result_row *v = rpt_find_row(w, "equity", "representation_ratio", x->outcome, NULL, x->term,
                                                "log_wald");
        if (v) {
            rpt_put_num(w, ws, r, 8, v->ci_low, w->f.num2);
            rpt_put_num(w, ws, r, 9, v->ci_high, w->f.num2);
        }
        r++;
    }
    i = 0;
    const core_result_row *g = next_row(w, "equity", "goodness_of_fit", &i);
    if (g) {
        char c1[32], c2[32];
        rpt_trf(w, b, sizeof b, "Goodness of fit of the users' groups to the reference population: chi-square %s on %.0f "
                 "df, %s. %s.", rpt_fmt_num(g->statistic, 2, c1, sizeof c1), g->df,
                 p_phrase(g->p_value, c2, sizeof c2), g->label ? rpt_tr(w, g->label) : "");
        rpt_merge_text(w, ws, r++, 0, 9, b, w->f.wrap, rpt_lines_for(b, 120));
    }
    r++;
    i = 0;
    int first = 1;
    while ((x = next_row(w, "equity", "outcome_share", &i))) {
        if (first) {
            rpt_put_text(w, ws, r++, 0, "Outcomes by group (against the largest or the configured comparison group)",
                         w->f.subtitle);
            static const char *const ho[] = {"Group", "People", "With the outcome", "Share",
                                             "Difference (percentage points)", "Low", "High", "Risk ratio", "Low",
                                             "High", "Adjusted odds ratio", "Low", "High", "p (adjusted)"};
            headers(w, ws, r++, ho, 14);
            first = 0;
        }
        rpt_put_text(w, ws, r, 0, x->term, NULL);
        rpt_put_num(w, ws, r, 1, x->n, w->f.count);
        rpt_put_num(w, ws, r, 2, x->statistic, w->f.count);
        rpt_put_num(w, ws, r, 3, x->estimate, w->f.pct);
        const core_result_row *d = rpt_find_row(w, "equity", "outcome_equity", x->outcome, NULL, x->term, NULL);
        if (d)
            est_ci(w, ws, r, 4, d, 100, w->f.num1);
        else
            rpt_put_text(w, ws, r, 4, "comparison group", NULL);
        est_ci(w, ws, r, 7, rpt_find_row(w, "equity", "outcome_ratio", x->outcome, NULL, x->term, NULL), 1,
               w->f.num2);
        const core_result_row *a = rpt_find_row(w, "equity", "outcome_equity_adjusted", x->outcome, NULL, x->term,
                                                NULL);
        if (a) {
            est_ci(w, ws, r, 10, a, 1, w->f.num2);
            p_cell(w, ws, r, 13, a->p_value);
        }
        r++;
    }
    rpt_set_cols(w, ws, 0, 0, 18, NULL);
    rpt_set_cols(w, ws, 1, 13, 14, NULL);
    return CORE_OK;
}

/* ================= Workforce ================= */

core_status rpt_sheet_workforce(rpt_wctx *w, core_err *err)
{
    lxw_worksheet *ws;
    core_status st = rpt_add_sheet(w, w->sheet->name, &ws, err);
    if (st != CORE_OK)
        return st;
    char b[1024], c1[32], c2[32], c3[32];
    lxw_row_t r = 0;
    rpt_put_text(w, ws, r++, 0, "The employment specialists: turnover and time in post", w->f.title);
    rpt_put_text(w, ws, r++, 0,
                 "Leavers per 100 person-years of employment (person-years = days employed / 365.25), with exact "
                 "Poisson intervals; against the benchmark rate when one is configured.", w->f.meta);
    r++;
    static const char *const h[] = {"Site", "Year", "Spells", "Leavers", "Per 100 person-years", "Low", "High",
                                    "Ratio to benchmark", "Low", "High", "p"};
    headers(w, ws, r++, h, 11);
    size_t i = 0;
    const core_result_row *x;
    while ((x = next_row(w, "workforce", "turnover_rate", &i))) {
        rpt_put_text(w, ws, r, 0, rpt_str_eq(x->term, "all") ? "All sites" : x->term, NULL);
        double y;
        if (x->timepoint && rpt_is_number(x->timepoint, &y))
            rpt_put_num(w, ws, r, 1, y, w->f.count);
        else
            rpt_put_text(w, ws, r, 1, "whole follow-up", NULL);
        rpt_put_num(w, ws, r, 2, x->n, w->f.count);
        rpt_put_num(w, ws, r, 3, x->statistic, w->f.count);
        est_ci(w, ws, r, 4, x, 1, w->f.num1);
        const core_result_row *q = rpt_find_row(w, "workforce", "turnover_benchmark", x->outcome, x->timepoint,
                                                x->term, NULL);
        if (q) {
            est_ci(w, ws, r, 7, q, 1, w->f.num2);
            p_cell(w, ws, r, 10, q->p_value);
        }
        r++;
    }
    i = 0;
    const core_result_row *q = next_row(w, "workforce", "turnover_benchmark", &i);
    if (q && q->label) {
        double v;
        const char *src;
        int n;
        if (w->run->language != RPT_LANG_EN && benchmark_parts(q->label, "the benchmark of ", &v, &src, &n))
            rpt_trf(w, b, sizeof b, "Ratio to benchmark: the benchmark is %s leavers per 100 person-years%s%.*s.",
                    rpt_fmt_num(v, 1, c1, sizeof c1), n ? ", " : "", n, src);
        else
            snprintf(b, sizeof b, "%s %s.", rpt_tr(w, "Ratio to benchmark:"), q->label); /* as results.csv has it */
        rpt_merge_text(w, ws, r++, 0, 10, b, w->f.note, rpt_lines_for(b, 120));
    }
    r++;
    const core_result_row *m = rpt_find_row(w, "workforce", "time_in_post", "years_in_post", NULL, "median", NULL);
    if (m) {
        rpt_put_text(w, ws, r++, 0, "Time in post (Kaplan-Meier; people still employed are censored at the end of "
                     "follow-up)", w->f.subtitle);
        if (isnan(m->estimate))
            rpt_trf(w, b, sizeof b, "Median time in post not reached: more than half were still in post at the end of "
                     "follow-up (%s).", m->label ? rpt_tr(w, m->label) : "");
        else
            rpt_trf(w, b, sizeof b, "Median time in post %s years (%s interval %s to %s); %s.",
                     rpt_fmt_num(m->estimate, 1, c1, sizeof c1), w->conf, rpt_fmt_num(m->ci_low, 1, c2, sizeof c2),
                     rpt_fmt_num(m->ci_high, 1, c3, sizeof c3), m->label ? rpt_tr(w, m->label) : "");
        rpt_merge_text(w, ws, r++, 0, 10, b, w->f.wrap, rpt_lines_for(b, 120));
        for (int yr = 1; yr <= 2; yr++) {
            char tp[8];
            snprintf(tp, sizeof tp, "%d", yr);
            const core_result_row *s = rpt_find_row(w, "workforce", "time_in_post", "years_in_post", tp,
                                                    "still_in_post", NULL);
            if (!s || isnan(s->estimate))
                continue;
            rpt_trf(w, b, sizeof b, "Still in post after %d year%s: %s%% (%s%% to %s%%).", yr, yr == 1 ? "" : "s",
                     rpt_fmt_num(100 * s->estimate, 1, c1, sizeof c1), rpt_fmt_num(100 * s->ci_low, 1, c2, sizeof c2),
                     rpt_fmt_num(100 * s->ci_high, 1, c3, sizeof c3));
            rpt_merge_text(w, ws, r++, 0, 10, b, w->f.wrap, 1);
        }
    }
    rpt_set_cols(w, ws, 0, 0, 16, NULL);
    rpt_set_cols(w, ws, 1, 10, 12, NULL);
    return CORE_OK;
}

core_status rpt_workforce_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err)
{
    const core_result_row *x = rpt_find_row(w, "workforce", "turnover_rate", "leavers", NULL, "all", NULL);
    if (!x || isnan(x->estimate))
        return CORE_OK;
    char b[1024], c1[32], c2[32], c3[32], c4[32], c5[32], c6[32];
    int n = rpt_trf(w, b, sizeof b, "Employment specialists: %s leavers per 100 person-years of employment (%s "
                     "interval %s to %s, exact Poisson)", rpt_fmt_num(x->estimate, 1, c1, sizeof c1), w->conf,
                     rpt_fmt_num(x->ci_low, 1, c2, sizeof c2), rpt_fmt_num(x->ci_high, 1, c3, sizeof c3));
    const core_result_row *q = rpt_find_row(w, "workforce", "turnover_benchmark", "leavers", NULL, "all", NULL);
    if (q && n > 0 && (size_t)n < sizeof b)
        n += rpt_trf(w, b + n, sizeof b - (size_t)n, ", %s times the benchmark (%s to %s; %s)",
                      rpt_fmt_num(q->estimate, 2, c4, sizeof c4), rpt_fmt_num(q->ci_low, 2, c5, sizeof c5),
                      rpt_fmt_num(q->ci_high, 2, c6, sizeof c6), p_phrase(q->p_value, c1, sizeof c1));
    if (n > 0 && (size_t)n < sizeof b)
        snprintf(b + n, sizeof b - (size_t)n, ".");
    rpt_merge_text(w, ws, (*r)++, 0, 7, b, w->f.sentence, rpt_lines_for(b, 100));
    return CORE_OK;
}

core_status rpt_equity_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err)
{
    /* the most over- and under-represented groups by the exact ratio */
    const core_result_row *hi = NULL, *lo = NULL;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (!rpt_str_eq(x->module, "equity") || !rpt_str_eq(x->analysis, "representation_ratio") ||
            rpt_str_eq(x->method, "log_wald") || isnan(x->estimate))
            continue;
        if (!hi || x->estimate > hi->estimate)
            hi = x;
        if (!lo || x->estimate < lo->estimate)
            lo = x;
    }
    if (!hi || !lo || hi == lo)
        return CORE_OK;
    char b[1024], c1[32], c2[32], c3[32], c4[32], c5[32], c6[32];
    rpt_trf(w, b, sizeof b, "Equity of access: the group most over-represented among users relative to the reference "
             "population is %s (representation ratio %s, %s interval %s to %s), the most under-represented %s (%s, "
             "%s to %s).", hi->term, rpt_fmt_num(hi->estimate, 2, c1, sizeof c1), w->conf,
             rpt_fmt_num(hi->ci_low, 2, c2, sizeof c2), rpt_fmt_num(hi->ci_high, 2, c3, sizeof c3), lo->term,
             rpt_fmt_num(lo->estimate, 2, c4, sizeof c4), rpt_fmt_num(lo->ci_low, 2, c5, sizeof c5),
             rpt_fmt_num(lo->ci_high, 2, c6, sizeof c6));
    rpt_merge_text(w, ws, (*r)++, 0, 7, b, w->f.sentence, rpt_lines_for(b, 100));
    return CORE_OK;
}

/* ================= methods ================= */

#define CP_REF "Clopper CJ, Pearson ES. The use of confidence or fiducial limits illustrated in the case of the " \
               "binomial. Biometrika 1934;26:404-413"
#define GARWOOD_REF "Garwood F. Fiducial limits for the Poisson distribution. Biometrika 1936;28:437-442"

static const rpt_method_info practice_methods[] = {
    {"job_proportion", "wilson", "Share with a job, Wilson score interval",
     "Share of the cohort (or of a group) who got a job, with the Wilson score interval.",
     "Wilson EB. Probable inference, the law of succession, and statistical inference. J Am Stat Assoc "
     "1927;22:209-212"},
    {"job_proportion", "clopper_pearson", "Share with a job, exact (Clopper-Pearson) interval",
     "The same share with the exact binomial interval, which never covers less than its stated level.", CP_REF},
    {"benchmark_difference", "binom_exact", "Difference from a published benchmark, exact binomial test",
     "Share who got a job minus the benchmark proportion, with the Clopper-Pearson interval shifted by it and the "
     "two-sided exact binomial test (the benchmark is taken as known).", CP_REF},
    {"km_median", "brookmeyer_crowley_log", "Median time to a first job (Kaplan-Meier), Brookmeyer-Crowley interval",
     "Kaplan-Meier estimate with people still without a job censored at the end of follow-up; the median is the "
     "first time the curve reaches one half, its interval from the log-transformed pointwise bands.",
     "Brookmeyer R, Crowley J. A confidence interval for the median survival time. Biometrics 1982;38:29-41"},
    {"cumulative_incidence", "km_complement", "Share with a job by a given month (1 - Kaplan-Meier)",
     "One minus the Kaplan-Meier estimate at whole months of 365.25/12 days, with the log interval; the end of "
     "follow-up is treated as censoring (no competing events).",
     "Kaplan EL, Meier P. Nonparametric estimation from incomplete observations. J Am Stat Assoc 1958;53:457-481"},
    {"support_duration", "quantile_type7", "Duration of in-work support: median and quartiles",
     "Sample quantiles by linear interpolation (R's default, type 7).",
     "Hyndman RJ, Fan Y. Sample quantiles in statistical packages. Am Stat 1996;50:361-365"},
    {"days_to_job_employed", "quantile_type7", "Days to a job among those who got one",
     "Median and quartiles of the days to a first job among people who got one: conditional on getting a job, as "
     "routine-practice studies report it (not a Kaplan-Meier estimate).",
     "Hyndman RJ, Fan Y. Sample quantiles in statistical packages. Am Stat 1996;50:361-365"},
    {"support_over_limit", "wilson", "Share needing more in-work support than the limit",
     "Share of people with a support record above the configured number of days, Wilson interval.",
     "Wilson EB. J Am Stat Assoc 1927;22:209-212"},
    {"group_test", "pearson_chisq", "Shares with a job across groups, Pearson chi-square",
     "Chi-square test of the groups-by-job table without continuity correction.",
     "Agresti A. Categorical Data Analysis, 3rd ed. Wiley, 2013"},
    {"group_test", "logrank", "Time to a first job across groups, log-rank test",
     "Log-rank test of equal hazards of a first job across the groups.",
     "Peto R, Peto J. Asymptotically efficient rank invariant test procedures. J R Stat Soc A 1972;135:185-207"},
    {"user_share", "wilson", "Share of users in each group, Wilson interval",
     "Each group's share among the service's users.", "Wilson EB. J Am Stat Assoc 1927;22:209-212"},
    {"representation_ratio", "exact_conditional", "Representation ratio against reference counts, exact",
     "Share among users over share in the reference population, both counted: the exact conditional interval and "
     "test of a ratio of two Poisson rates (users and reference as independent populations), as R poisson.test.",
     "Fay MP. Two-sided exact tests and matching confidence intervals for discrete data. R Journal 2010;2:53-58"},
    {"representation_ratio", "exact_binomial", "Representation ratio against known reference shares, exact",
     "Share among users over a known reference share: the Clopper-Pearson interval of the users' share divided by "
     "the reference share, and the exact binomial test.", CP_REF},
    {"representation_ratio", "log_wald", "Representation ratio, log-Wald interval",
     "Normal approximation on the log scale; the reference's variance is added when it is counted.",
     "Katz D et al. Obtaining confidence intervals for the risk ratio in cohort studies. Biometrics 1978;34:469-474"},
    {"goodness_of_fit", "pearson", "Goodness of fit to the reference population",
     "Pearson chi-square of the users' group counts against the reference shares (k - 1 df); approximate when an "
     "expected count is below 5.", "Agresti A. Categorical Data Analysis, 3rd ed. Wiley, 2013"},
    {"outcome_share", "wilson", "Outcome in each group, Wilson interval", "Share of each group with the outcome.",
     "Wilson EB. J Am Stat Assoc 1927;22:209-212"},
    {"outcome_equity", "newcombe", "Outcome difference between groups, Newcombe interval",
     "Difference in the share with the outcome against the comparison group, Newcombe's hybrid score interval.",
     "Newcombe RG. Interval estimation for the difference between independent proportions. Stat Med "
     "1998;17:873-890"},
    {"outcome_ratio", "log_wald", "Outcome ratio between groups, log-Wald interval",
     "Ratio of the shares with the outcome against the comparison group.",
     "Katz D et al. Biometrics 1978;34:469-474"},
    {"outcome_equity_adjusted", "logistic", "Outcome between groups adjusted for other characteristics",
     "Odds ratio of the outcome against the comparison group from a logistic regression on the group and the "
     "configured characteristics (complete cases), Wald interval.",
     "McCullagh P, Nelder JA. Generalized Linear Models, 2nd ed. Chapman & Hall, 1989"},
    {"turnover_rate", "exact_poisson", "Turnover per 100 person-years, exact Poisson interval",
     "Leavers over person-years of employment (days / 365.25) inside the follow-up, times 100, with Garwood's exact "
     "interval.", GARWOOD_REF},
    {"turnover_benchmark", "exact_poisson", "Turnover against a benchmark rate",
     "Rate over the benchmark (taken as known), with the exact interval divided by it and the two-sided exact "
     "Poisson test, as R poisson.test.", GARWOOD_REF},
    {"time_in_post", "kaplan_meier", "Time in post (Kaplan-Meier)",
     "Kaplan-Meier estimate of years in post for spells begun inside the follow-up; people still employed are "
     "censored at its end.", "Kaplan EL, Meier P. J Am Stat Assoc 1958;53:457-481"},
};

const rpt_method_table rpt_methods_practice = {practice_methods, sizeof practice_methods / sizeof practice_methods[0]};
