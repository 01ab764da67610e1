/* The trial's "Power" sheet: power by simulation for planning the next trial ([power], rct `power` rows): a
 * table of simulated power by total sample size, one column per true effect, with the Monte Carlo interval, the
 * smallest size on the grid that reaches 80% and 90%, and the power curves as a chart. Reads the rows only. */
#include "reports/rpt_trial.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_EFFECTS 24

core_status rpt_sheet_power(rpt_wctx *w, core_err *err)
{
    /* the effects (methods "rd:X" / "md:X") and the sizes (terms), in order of appearance */
    const char *eff[MAX_EFFECTS];
    size_t ne = 0, nn = 0;
    const char **ns = malloc((w->res->n ? w->res->n : 1) * sizeof *ns);
    if (!ns)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory writing the Power sheet");
    const core_result_row *first = NULL;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *r = &w->res->rows[i];
        if (!rpt_str_eq(r->module, "rct") || !rpt_str_eq(r->analysis, "power") || !r->method || !r->term)
            continue;
        if (!first)
            first = r;
        size_t j = 0;
        while (j < ne && !rpt_str_eq(eff[j], r->method))
            j++;
        if (j == ne && ne < MAX_EFFECTS)
            eff[ne++] = r->method;
        j = 0;
        while (j < nn && !rpt_str_eq(ns[j], r->term))
            j++;
        if (j == nn)
            ns[nn++] = r->term;
    }
    lxw_worksheet *ws;
    core_status st = rpt_add_sheet(w, w->sheet->name, &ws, err);
    if (st != CORE_OK || !first) {
        free(ns);
        return st;
    }
    int binary = strncmp(first->method, "rd:", 3) == 0;
    char b[2048], t[2600], c1[64];
    const char *when = first->timepoint;
    const char *unit = rpt_tr(w, w->run->trial && w->run->trial->time_unit ? w->run->trial->time_unit : "months");
    rpt_trf(w, t, sizeof t, "Power of the next trial: %s%s%s%s%s", rpt_outcome_display(w, first->outcome),
             when && *when ? rpt_tr(w, " at ") : "", when && *when ? when : "",
             when && rpt_is_number(when, NULL) ? " " : "", when && rpt_is_number(when, NULL) ? unit : "");
    lxw_row_t r = 0;
    rpt_put_text(w, ws, r++, 0, t, w->f.title);
    rpt_put_text(w, ws, r++, 0,
                 "Share of simulated trials whose primary analysis is significant, by total sample size (1:1 or the "
                 "configured allocation) and true effect. For planning; not a result of this trial.",
                 w->f.meta);
    r++;
    /* the effect headings: "8 percentage points" from "rd:0.08", "0.25" from "md:0.25" */
    char heads[MAX_EFFECTS][96];
    for (size_t e = 0; e < ne; e++) {
        double x = NAN;
        const char *colon = strchr(eff[e], ':'); /* "rd:0.08"; a shorter method must not be read past (ASan) */
        rpt_is_number(colon ? colon + 1 : eff[e], &x);
        if (binary)
            rpt_trf(w, heads[e], sizeof heads[e], "difference %s percentage points", rpt_fmt_num(100 * x, 1, c1, sizeof c1));
        else
            rpt_trf(w, heads[e], sizeof heads[e], "mean difference %s", rpt_fmt_num(x, 2, c1, sizeof c1));
    }
    rpt_put_text(w, ws, r, 0, "Total sample size", w->f.header);
    for (size_t e = 0; e < ne; e++) {
        rpt_trf(w, t, sizeof t, "Power, %s", heads[e]);
        rpt_put_text(w, ws, r, (lxw_col_t)(1 + 2 * e), t, w->f.header);
        rpt_trf(w, t, sizeof t, "%s Monte Carlo interval", w->conf);
        rpt_put_text(w, ws, r, (lxw_col_t)(2 + 2 * e), t, w->f.header);
    }
    rpt_err_at(w, worksheet_set_row(ws, r, 45, NULL), ws, r, 0);
    lxw_row_t header = r++;
    lxw_row_t top = r;
    for (size_t q = 0; q < nn; q++, r++) {
        double n = NAN;
        if (rpt_is_number(ns[q], &n))
            rpt_put_num(w, ws, r, 0, n, w->f.count);
        else
            rpt_put_text(w, ws, r, 0, ns[q], NULL);
        for (size_t e = 0; e < ne; e++) {
            const core_result_row *x = rpt_find_row(w, "rct", "power", first->outcome, first->timepoint, ns[q], eff[e]);
            if (!x)
                continue;
            if (isnan(x->estimate)) {
                rpt_put_text(w, ws, r, (lxw_col_t)(1 + 2 * e), x->label ? x->label : "n/a", w->f.wrap);
                continue;
            }
            rpt_put_num(w, ws, r, (lxw_col_t)(1 + 2 * e), x->estimate, w->f.pct);
            if (!isnan(x->ci_low) && !isnan(x->ci_high))
                rpt_ci_cell(w, ws, r, (lxw_col_t)(2 + 2 * e), NAN, x->ci_low, x->ci_high, 1, 1, w->f.right);
        }
    }
    lxw_row_t bottom = r - 1;
    r++;
    /* the smallest size on the grid reaching 80% and 90% (a look-up of the rows, in grid order) */
    static const double targets[2] = {0.8, 0.9};
    for (int k = 0; k < 2; k++) {
        size_t used = (size_t)rpt_trf(w, b, sizeof b, "Smallest total size on the grid with at least %.0f%% power:",
                                       100 * targets[k]);
        for (size_t e = 0; e < ne && used < sizeof b; e++) {
            const char *hit = NULL;
            for (size_t q = 0; q < nn && !hit; q++) {
                const core_result_row *x =
                    rpt_find_row(w, "rct", "power", first->outcome, first->timepoint, ns[q], eff[e]);
                if (x && isfinite(x->estimate) && x->estimate >= targets[k])
                    hit = ns[q];
            }
            used += (size_t)snprintf(b + used, sizeof b - used, "%s %s, %s", e ? ";" : "", heads[e],
                                     hit ? hit : rpt_tr(w, "not reached on this grid"));
        }
        if (used < sizeof b)
            snprintf(b + used, sizeof b - used, ".");
        rpt_merge_text(w, ws, r++, 0, (lxw_col_t)(2 * ne), b, w->f.wrap, rpt_lines_for(b, 110));
    }
    rpt_trf(w, b, sizeof b,
             "How each trial is simulated and tested is in the label of each row on the Results sheet (the control "
             "proportion or SD, configured or observed in this trial; the test; the significance level). The Monte "
             "Carlo interval is the Wilson interval of the share of significant trials: it shows how much the "
             "estimate of power itself could move with more draws.");
    rpt_merge_text(w, ws, r++, 0, (lxw_col_t)(2 * ne), b, w->f.note, rpt_lines_for(b, 110));

    /* the power curves */
    if (nn > 1 && ne > 0) {
        lxw_chart *ch = workbook_add_chart(w->book, LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS);
        if (!ch) {
            free(ns);
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding the power chart");
        }
        static const lxw_color_t colors[] = {0x1F3864, 0xC00000, 0x548235, 0xBF8F00, 0x7030A0, 0x808080};
        for (size_t e = 0; e < ne; e++) {
            lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
            if (!s) {
                free(ns);
                return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a power chart series");
            }
            chart_series_set_categories(s, ws->name, top, 0, bottom, 0);
            chart_series_set_values(s, ws->name, top, (lxw_col_t)(1 + 2 * e), bottom, (lxw_col_t)(1 + 2 * e));
            chart_series_set_name(s, rpt_chart_str(heads[e]));
            lxw_chart_line line = {.color = colors[e % 6], .width = 1.75f};
            chart_series_set_line(s, &line);
            chart_series_set_marker_type(s, LXW_CHART_MARKER_CIRCLE);
            chart_series_set_marker_size(s, 4);
        }
        rpt_trf(w, t, sizeof t, "Power by total sample size");
        chart_title_set_name(ch, rpt_chart_str(t));
        chart_axis_set_name(ch->x_axis, "Total sample size");
        chart_axis_set_name(ch->y_axis, "Power");
        chart_axis_set_min(ch->y_axis, 0);
        chart_axis_set_max(ch->y_axis, 1);
        chart_axis_set_num_format(ch->y_axis, "0%");
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        lxw_chart_options opt = {.x_scale = 1.3, .y_scale = 1.2};
        lxw_col_t at = (lxw_col_t)(2 + 2 * ne);
        rpt_err_at(w, worksheet_insert_chart_opt(ws, header, at, ch, &opt), ws, header, at);
    }
    rpt_set_cols(w, ws, 0, 0, 12, NULL);
    if (ne > 0)
        rpt_set_cols(w, ws, 1, (lxw_col_t)(2 * ne), 16, NULL);
    worksheet_freeze_panes(ws, header + 1, 1);
    free(ns);
    return CORE_OK;
}
