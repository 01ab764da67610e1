/* The Results sheet: every result row as it is in the results CSV, ready to filter. It can be as long as
 * the registry's tables, so it is written in libxlsxwriter's constant-memory mode (rpt_add_sheet_big):
 * strictly row after row, top to bottom. A count withheld by disclosure control shows "<k", as in the CSV.
 * After the CSV's columns comes the key column RPT_RESULTS_KEY: the row's number in the results file (1 for the
 * first data row). Every figure another sheet takes from here looks its row up by that key (rpt_results_ref),
 * so sorting or filtering this sheet changes no figure. */
#include "reports/rpt_internal.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

core_status rpt_sheet_results(rpt_wctx *w, core_err *err)
{
    lxw_worksheet *ws;
    core_status st0 = rpt_add_sheet_big(w, "Results", &ws, err);
    if (st0 != CORE_OK)
        return st0;
    if (w->res->n + 1 > LXW_ROW_MAX)
        return core_err_set(err, CORE_ERR_OUTPUT, "%zu result rows do not fit on one worksheet (at most %d)",
                            w->res->n, LXW_ROW_MAX - 1);
    /* Widths first: a constant-memory sheet writes them before its first row. */
    rpt_set_cols(w, ws, 0, 0, 9, NULL);
    rpt_set_cols(w, ws, 1, 1, 22, NULL);
    rpt_set_cols(w, ws, 2, 2, 16, NULL);
    rpt_set_cols(w, ws, 3, 3, 11, NULL);
    rpt_set_cols(w, ws, 4, 5, 14, NULL);
    rpt_set_cols(w, ws, 6, 14, 12, NULL);
    rpt_set_cols(w, ws, 15, 15, 50, NULL);
    rpt_set_cols(w, ws, 16, 16, 8, NULL);
    rpt_set_cols(w, ws, 17, 17, 60, NULL);
    rpt_err_at(w, worksheet_set_row(ws, 0, 45, NULL), ws, 0, 0); /* the note below takes three lines */
    lxw_col_t nc = 0;
    w->verbatim = 1; /* the results file's column names and rows: result vocabulary, in English in every language */
    for (; core_results_columns[nc]; nc++) /* the table grammar by hand (a big sheet is not restyled) */
        rpt_put_text(w, ws, 0, nc, core_results_columns[nc], nc == 3 || (nc >= 6 && nc <= 14) ? w->f.header_r : w->f.header);
    rpt_put_text(w, ws, 0, nc, RPT_RESULTS_KEY, w->f.header_r);
    w->verbatim = 0;
    /* Out of the workbook's print: its print area is this one note (a reader prints a filtered part). */
    char note[200];
    rpt_trf(w, note, sizeof note,
             "This sheet is not printed with the workbook: its %zu rows are for filtering and sorting. To print a "
             "part, filter it, select the rows and set them as the print range.",
             w->res->n);
    rpt_put_text(w, ws, 0, nc + 1, note, w->f.note);
    w->verbatim = 1;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        lxw_row_t r = (lxw_row_t)(i + 1);
        const char *s[] = {x->module, x->analysis, x->outcome, x->timepoint, x->term, x->method};
        const double v[] = {x->estimate, x->se,      x->ci_low,     x->ci_high, x->statistic,
                            x->df,       x->p_value, x->p_adjusted, x->n};
        lxw_col_t c = 0;
        for (size_t k = 0; k < sizeof s / sizeof s[0]; k++, c++) {
            double tp;
            char back[40];
            /* a timepoint that is a number is stored as one, so it sorts 6 before 12 (only when the number
             * reads back as the same text: "06" or "1.50" stay text, as in the CSV) */
            if (k == 3 && rpt_is_number(s[k], &tp) && snprintf(back, sizeof back, "%.15g", tp) > 0 &&
                strcmp(back, s[k]) == 0)
                rpt_put_num(w, ws, r, c, tp, NULL);
            else
                rpt_put_text(w, ws, r, c, s[k], NULL);
        }
        for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
            if (k == 8 && (x->hidden & CORE_HIDE_N) && w->res->small_cell > 0) {
                char b[24];
                snprintf(b, sizeof b, "<%d", w->res->small_cell);
                rpt_put_text(w, ws, r, c++, b, w->f.right);
                continue;
            }
            rpt_put_num(w, ws, r, c++, v[k], NULL); /* General format: the full stored value shows on click */
        }
        rpt_put_text(w, ws, r, c++, x->label, w->f.wrap); /* wrapped in its column: printed pages stay readable */
        rpt_put_num(w, ws, r, c, (double)(i + 1), NULL); /* the key: this row's place in the results file */
    }
    w->verbatim = 0;
    rpt_err_at(w, worksheet_autofilter(ws, 0, 0, (lxw_row_t)w->res->n, nc), ws, 0, 0);
    worksheet_freeze_panes(ws, 1, 0);
    rpt_err_at(w, worksheet_print_area(ws, 0, nc + 1, 0, nc + 1), ws, 0, nc + 1);
    return CORE_OK;
}
