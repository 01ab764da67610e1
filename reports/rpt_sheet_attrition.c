/* The trial's "Attrition" sheet: the CONSORT flow in numbers (Moher et al. 2010, BMJ 340:c869, item 13 and
 * the flow diagram) from the rct `attrition` rows: randomised per arm; per outcome and timepoint, analysed and
 * missing per arm, and whether missingness differs by arm (Pearson chi-square). Intention to treat: everyone
 * is counted in the arm randomised to. */
#include "reports/rpt_trial.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tp_group {
    const char *outcome, *tp;
} tp_group;

core_status rpt_sheet_attrition(rpt_wctx *w, core_err *err)
{
    rpt_arms a;
    rpt_trial_arms(w, &a);
    if (a.n < 2) /* no comparison to lay out: a sheet that says so (the Summary lists it) */
        return rpt_trial_no_arms(w, "Attrition: randomised, analysed and missing by arm (CONSORT flow)", err);
    tp_group *g = malloc((w->res->n ? w->res->n : 1) * sizeof *g);
    if (!g)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory writing the Attrition sheet");
    size_t ng = 0;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *r = &w->res->rows[i];
        if (!rpt_str_eq(r->module, "rct") || !rpt_str_eq(r->analysis, "attrition") ||
            !rpt_str_eq(r->method, "analysed"))
            continue;
        size_t j = 0;
        while (j < ng && !(rpt_str_eq(g[j].outcome, r->outcome) && rpt_str_eq(g[j].tp, r->timepoint)))
            j++;
        if (j == ng)
            g[ng++] = (tp_group){r->outcome, r->timepoint};
    }
    lxw_worksheet *ws;
    core_status st = rpt_add_sheet(w, w->sheet->name, &ws, err);
    if (st != CORE_OK) {
        free(g);
        return st;
    }
    int k = w->run->small_cell;
    char b[2048], t[512], c1[48];
    lxw_row_t r = 0;
    rpt_put_text(w, ws, r++, 0, "Attrition: randomised, analysed and missing by arm (CONSORT flow)", w->f.title);
    rpt_put_text(w, ws, r++, 0,
                 "Intention to treat: every participant counts in the arm randomised to; a participant whose outcome "
                 "is missing at a timepoint leaves that timepoint's analysis only.",
                 w->f.meta);
    r++;

    /* randomised per arm */
    rpt_put_text(w, ws, r, 0, "Randomised", w->f.header);
    for (size_t i = 0; i < a.n; i++)
        rpt_put_text(w, ws, r, (lxw_col_t)(1 + i), a.level[i], w->f.header);
    rpt_put_text(w, ws, r, (lxw_col_t)(1 + a.n), "Total", w->f.header);
    r++;
    rpt_put_text(w, ws, r, 0, "Participants", NULL);
    double tot = 0;
    for (size_t i = 0; i < a.n; i++) {
        double n = rpt_trial_randomised(w, a.level[i]);
        tot += n;
        if (rpt_n_hidden(&(core_result_row){.n = n}, k))
            rpt_put_text(w, ws, r, (lxw_col_t)(1 + i), rpt_fmt_count(n, k, c1, sizeof c1), w->f.right);
        else
            rpt_put_num(w, ws, r, (lxw_col_t)(1 + i), n, w->f.count);
    }
    rpt_put_num(w, ws, r, (lxw_col_t)(1 + a.n), tot, w->f.count);
    r += 2;

    /* analysed and missing per outcome and timepoint */
    /* per arm: analysed n, missing n, missing % (three number cells); then the test: chi-square, df, p */
    lxw_col_t nc = (lxw_col_t)(2 + 3 * a.n + 3);
    rpt_put_text(w, ws, r, 0, "Outcome", w->f.header);
    rpt_put_text(w, ws, r, 1, "Timepoint", w->f.header);
    for (size_t i = 0; i < a.n; i++) {
        rpt_trf(w, t, sizeof t, "%s analysed, n", a.level[i]);
        rpt_put_text(w, ws, r, (lxw_col_t)(2 + 3 * i), t, w->f.header);
        rpt_trf(w, t, sizeof t, "%s missing, n", a.level[i]);
        rpt_put_text(w, ws, r, (lxw_col_t)(3 + 3 * i), t, w->f.header);
        rpt_trf(w, t, sizeof t, "%s missing, %%", a.level[i]);
        rpt_put_text(w, ws, r, (lxw_col_t)(4 + 3 * i), t, w->f.header);
    }
    rpt_put_text(w, ws, r, (lxw_col_t)(nc - 3), "Missingness by arm, chi-square", w->f.header);
    rpt_put_text(w, ws, r, (lxw_col_t)(nc - 2), "df", w->f.header);
    rpt_put_text(w, ws, r, (lxw_col_t)(nc - 1), "p", w->f.header);
    lxw_row_t header = r++;
    if (ng == 0)
        rpt_put_text(w, ws, r++, 0,
                     "No outcome is measured at timepoints; time-to-event outcomes (with their censoring) are on their "
                     "own sheet.",
                     NULL);
    for (size_t q = 0; q < ng; q++, r++) {
        rpt_put_text(w, ws, r, 0, rpt_outcome_display(w, g[q].outcome), w->f.wrap);
        rpt_timepoint_cell(w, ws, r, 1, g[q].tp);
        for (size_t i = 0; i < a.n; i++) {
            const core_result_row *an =
                rpt_find_row(w, "rct", "attrition", g[q].outcome, g[q].tp, a.level[i], "analysed");
            const core_result_row *mi =
                rpt_find_row(w, "rct", "attrition", g[q].outcome, g[q].tp, a.level[i], "missing");
            lxw_col_t ca = (lxw_col_t)(2 + 3 * i), cm = (lxw_col_t)(3 + 3 * i), cp = (lxw_col_t)(4 + 3 * i);
            if (an && isnan(an->estimate) && an->label) { /* withheld: the label says how, e.g. ">71 of 81" */
                snprintf(b, sizeof b, "%.*s", (int)strcspn(an->label, " "), an->label);
                rpt_put_text(w, ws, r, ca, b, w->f.right);
            } else if (an && isfinite(an->estimate)) {
                if (k > 0 && an->estimate < k)
                    rpt_put_text(w, ws, r, ca, rpt_fmt_count(an->estimate, k, c1, sizeof c1), w->f.right);
                else
                    rpt_put_num(w, ws, r, ca, an->estimate, w->f.integer);
            }
            if (mi && isnan(mi->estimate) && mi->label) { /* withheld: "<10/81" */
                snprintf(b, sizeof b, "%.*s", (int)strcspn(mi->label, "/ "), mi->label);
                rpt_put_text(w, ws, r, cm, b, w->f.right);
                rpt_put_text(w, ws, r, cp, RPT_EM_DASH, w->f.right);
            } else if (mi && isfinite(mi->estimate) && isfinite(mi->n)) {
                double m = floor(mi->estimate * mi->n + 0.5);
                int hide = k > 0 && (m < k || mi->n - m < k);
                if (k > 0 && m < k)
                    rpt_put_text(w, ws, r, cm, rpt_fmt_count(m, k, c1, sizeof c1), w->f.right);
                else
                    rpt_put_num(w, ws, r, cm, m, w->f.integer);
                if (hide)
                    rpt_put_text(w, ws, r, cp, RPT_EM_DASH, w->f.right);
                else
                    rpt_put_num(w, ws, r, cp, mi->estimate, w->f.pct);
            }
        }
        const core_result_row *x = rpt_find_row(w, "rct", "attrition", g[q].outcome, g[q].tp, NULL, "missing_by_arm");
        if (x) {
            if (isnan(x->statistic)) {
                rpt_merge_text(w, ws, r, (lxw_col_t)(nc - 3), (lxw_col_t)(nc - 1), x->label ? x->label : "n/a",
                               w->f.wrap, rpt_lines_for(x->label ? x->label : "n/a", 30));
            } else {
                rpt_put_num(w, ws, r, (lxw_col_t)(nc - 3), x->statistic, w->f.num2);
                rpt_put_num(w, ws, r, (lxw_col_t)(nc - 2), x->df, w->f.count);
                rpt_p_cell(w, ws, r, (lxw_col_t)(nc - 1), x);
            }
        }
    }
    r++;
    rpt_trf(w, b, sizeof b,
             "Analysed: participants with the outcome observed at that timepoint. Missing: randomised but without the "
             "outcome, as a share of those randomised to the arm. Missingness by arm: Pearson chi-square test of arm "
             "by missing (no continuity correction); a small p suggests drop-out differs between arms, which can bias "
             "a complete-case comparison. Where a test is not possible the cell says why.");
    if (k > 0) {
        size_t len = strlen(b);
        rpt_trf(w, b + len, sizeof b - len,
                 " Counts below %d are shown as \"<%d\" and the percentages that would reveal them as \"" RPT_EM_DASH
                 "\".",
                 k, k);
    }
    rpt_merge_text(w, ws, r, 0, (lxw_col_t)(nc - 1), b, w->f.note, rpt_lines_for(b, 130));
    rpt_set_cols(w, ws, 0, 0, 40, NULL); /* an outcome's label on one line, the table one page wide */
    rpt_set_cols(w, ws, 1, 1, 10, NULL);
    rpt_set_cols(w, ws, 2, (lxw_col_t)(nc - 4), 10, NULL);
    rpt_set_cols(w, ws, (lxw_col_t)(nc - 3), (lxw_col_t)(nc - 3), 15, NULL);
    rpt_set_cols(w, ws, (lxw_col_t)(nc - 2), (lxw_col_t)(nc - 2), 6, NULL);
    rpt_set_cols(w, ws, (lxw_col_t)(nc - 1), (lxw_col_t)(nc - 1), 9, NULL);
    worksheet_freeze_panes(ws, header + 1, 2);
    free(g);
    return CORE_OK;
}
