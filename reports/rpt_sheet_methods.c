/* The Methods sheet: each (module, analysis, method) used, described from rpt_method_lookup. */
#include "reports/rpt_internal.h"

#include <stdio.h>

core_status rpt_sheet_methods(rpt_wctx *w, core_err *err)
{
    lxw_worksheet *ws;
    core_status st0 = rpt_add_sheet(w, "Methods", &ws, err);
    if (st0 != CORE_OK)
        return st0;
    char b[512];
    lxw_row_t r = 0;
    rpt_put_text(w, ws, r++, 0, "Methods", w->f.title);
    snprintf(b, sizeof b,
             "Every method used in this run, with a reference. Intervals are %s confidence intervals; "
             "p-values are two-sided.",
             w->conf[0] ? w->conf : "");
    rpt_put_text(w, ws, r++, 0, b, w->f.meta);
    r++;
    const char *head[] = {"Module", "Analysis", "Method", "Name", "What it is", "Reference"};
    for (lxw_col_t c = 0; c < 6; c++)
        rpt_put_text(w, ws, r, c, head[c], w->f.header);
    lxw_row_t header = r++;

    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        int seen = 0; /* one row per distinct (module, analysis, method), in order of first use */
        for (size_t j = 0; j < i && !seen; j++) {
            const core_result_row *y = &w->res->rows[j];
            seen = rpt_str_eq(x->module, y->module) && rpt_str_eq(x->analysis, y->analysis) &&
                   rpt_str_eq(x->method, y->method);
        }
        if (seen)
            continue;
        const rpt_method_info *m = rpt_method_lookup(x->analysis, x->method);
        rpt_put_text(w, ws, r, 0, x->module, w->f.wrap);
        rpt_put_text(w, ws, r, 1, x->analysis, w->f.wrap);
        rpt_put_text(w, ws, r, 2, x->method, w->f.wrap);
        if (m) {
            rpt_put_text(w, ws, r, 3, m->name, w->f.wrap);
            rpt_put_text(w, ws, r, 4, m->description, w->f.wrap);
            rpt_put_text(w, ws, r, 5, m->reference, w->f.wrap);
        } else {
            snprintf(b, sizeof b, "%s%s%s%s", x->analysis ? x->analysis : "", x->method ? " (" : "",
                     x->method ? x->method : "", x->method ? ")" : "");
            rpt_put_text(w, ws, r, 3, b, w->f.wrap);
            rpt_put_text(w, ws, r, 4, "No description in this version of the report.", w->f.wrap);
            rpt_put_text(w, ws, r, 5, "see docs/methods.md", w->f.wrap);
        }
        r++;
    }
    if (rpt_has_rows(w, "cba", NULL)) { /* the CHEERS 2022 items a cost-benefit run covers (rpt_sheet_cba.c) */
        core_status st = rpt_cba_cheers(w, ws, &r, err);
        if (st != CORE_OK)
            return st;
    }
    rpt_set_cols(w, ws, 0, 0, 9, NULL);
    rpt_set_cols(w, ws, 1, 1, 20, NULL);
    rpt_set_cols(w, ws, 2, 2, 13, NULL);
    rpt_set_cols(w, ws, 3, 3, 34, NULL);
    rpt_set_cols(w, ws, 4, 4, 55, NULL);
    rpt_set_cols(w, ws, 5, 5, 70, NULL);
    worksheet_freeze_panes(ws, header + 1, 0);
    return CORE_OK;
}
