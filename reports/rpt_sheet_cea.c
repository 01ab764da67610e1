/* Cost-effectiveness from trial data: the "CEA" sheet (costs and QALYs per option with intervals, missing data,
 * the increments against the reference, the incremental analysis with each option's dominance status, the CE plane
 * with the willingness-to-pay line, the acceptability curves over all options with the acceptability frontier and
 * EVPI), its Summary headline, its CHEERS 2022 items and the method descriptions. Numbers come from the result rows;
 * the bootstrap cloud (too many points for rows) and the option order from cea_run_info. */
#include "reports/rpt_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cea/cea.h"

#define CEA_POINTS_MAX 1000 /* bootstrap pairs drawn per option on the CE plane */

/* A table's header row (the house table grammar, rpt_table_header), two lines high. */
static void headers(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, const char *const *h, size_t n)
{
    rpt_table_header(w, ws, r, 0, h, n);
    rpt_err_at(w, worksheet_set_row(ws, r, 30, NULL), ws, r, 0);
}

static const core_result_row *row(const rpt_wctx *w, const char *analysis, const char *outcome, const char *term,
                                  const char *method)
{
    return rpt_find_row(w, "cea", analysis, outcome, NULL, term, method);
}

/* estimate, low, high from column c. */
static void est3(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *x, lxw_format *f)
{
    if (!x)
        return;
    rpt_put_num(w, ws, r, c, x->estimate, f);
    rpt_put_num(w, ws, r, c + 1, x->ci_low, f);
    rpt_put_num(w, ws, r, c + 2, x->ci_high, f);
}

/* Randomised and complete cases of an option from its cea_complete_cases row, as disclosure control left them:
 * a withheld count shows the row's label ("<k of n analysed"). */
static void count_cells(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *x)
{
    if (!x)
        return;
    rpt_count_cell(w, ws, r, c, x);
    if (x->hidden & (CORE_HIDE_ESTIMATE | CORE_HIDE_LABEL))
        rpt_put_text(w, ws, r, c + 1, x->label, w->f.right);
    else
        rpt_put_num(w, ws, r, c + 1, x->estimate, w->f.integer);
}

/* The label the config or the data file gives column `name`, or NULL. */
static const char *col_label(const rpt_wctx *w, const char *name)
{
    const rpt_outcome_label *o = rpt_outcome_find(w, name);
    if (o && o->label && *o->label)
        return o->label;
    for (size_t i = 0; w->run && i < w->run->n_variables; i++)
        if (rpt_str_eq(w->run->variables[i].name, name) && w->run->variables[i].label && *w->run->variables[i].label)
            return w->run->variables[i].label;
    return NULL;
}

/* The CE plane (side 0) and the acceptability curves (side 1) side by side under the tables, one printed page wide. */
static void chart_at(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, int side, lxw_chart *ch)
{
    lxw_col_t col = 0;
    lxw_chart_options o = {.x_scale = 1.05, .y_scale = 1.3, .x_offset = side ? 520 : 0, .y_offset = 4};
    rpt_err_at(w, worksheet_insert_chart_opt(ws, r, col, ch, &o), ws, r, col);
}

/* Index of the grid point nearest x. */
static size_t nearest(const double *g, size_t n, double x)
{
    size_t b = 0;
    for (size_t i = 1; i < n; i++)
        if (fabs(g[i] - x) < fabs(g[b] - x))
            b = i;
    return b;
}

core_status rpt_sheet_cea(rpt_wctx *w, core_err *err)
{
    const cea_run_info *info = w->run->cea;
    if (!info || !info->data || !info->res)
        return CORE_OK;
    const cea_spec *s = info->spec;
    const cea_data *d = info->data;
    const cea_result *res = info->res;
    size_t k = d->k;
    lxw_worksheet *ws;
    core_status st = rpt_add_sheet(w, w->sheet->name, &ws, err);
    if (st != CORE_OK)
        return st;
    lxw_format *q4 = workbook_add_format(w->book), *prob = workbook_add_format(w->book);
    if (!q4 || !prob)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory creating cell formats");
    format_set_num_format(q4, "0.0000");
    format_set_num_format(prob, "0.000");
    lxw_format *money = w->f.money;
    const char *cur = w->run->currency ? w->run->currency : "";
    const char *ref = d->options[0];
    char b[2048], t1[64];
    lxw_row_t r = 0;
    const char *lvl = w->conf[0] ? w->conf : "95%";
    rpt_put_text(w, ws, r++, 0, "Cost-effectiveness from the trial's participants", w->f.title);
    rpt_trf(w, b, sizeof b, "%zu options (the arms of the trial), reference %s. Costs discounted at %.3g%% and QALYs at "
             "%.3g%% a year (nothing within the first year); QALYs by the area under the utility curve; complete cases; "
             "%ld bootstrap resamples of the participants within arm. Intervals: %s.",
             k, ref, 100 * s->r_cost, 100 * s->r_effect, res->R, lvl);
    rpt_merge_text(w, ws, r++, 0, 9, b, w->f.meta, rpt_lines_for(b, 150));
    r++;

    /* ---- costs and QALYs per option ---- */
    rpt_put_text(w, ws, r++, 0, "Costs and QALYs per option (mean per participant, BCa bootstrap interval)",
                 w->f.subtitle);
    rpt_trf(w, t1, sizeof t1, "Mean cost (%s)", cur);
    const char *h1[] = {"Option", "Randomised", "Complete cases", t1, "low", "high", "Mean QALYs", "low", "high"};
    headers(w, ws, r++, h1, 9);
    for (size_t j = 0; j < k; j++, r++) {
        rpt_put_text(w, ws, r, 0, d->options[j], NULL);
        count_cells(w, ws, r, 1, row(w, "cea_complete_cases", NULL, d->options[j], NULL));
        const char *m = res->R > 0 ? "bootstrap_bca" : "sample_mean";
        est3(w, ws, r, 3, row(w, "cea_mean", "cost", d->options[j], m), money);
        est3(w, ws, r, 6, row(w, "cea_mean", "qaly", d->options[j], m), q4);
    }
    r++;
    /* ---- missing ---- */
    rpt_put_text(w, ws, r++, 0, "Missing costs and utilities (participants per arm and column; complete cases above)",
                 w->f.subtitle);
    rpt_put_text(w, ws, r, 0, "Option", w->f.header);
    for (size_t c = 0; c < d->n_cols && c < 60; c++) {
        /* the column's label when the data or the config gives one, else what it holds and when */
        double month = c < s->n_costs ? s->cost_months[c] : s->util_months[c - s->n_costs];
        const char *lab = col_label(w, d->col_names[c]);
        if (lab)
            snprintf(b, sizeof b, "%s", lab);
        else if (c < s->n_costs)
            rpt_trf(w, b, sizeof b, "Cost, month %g", month);
        else
            rpt_trf(w, b, sizeof b, "Utility, month %g", month);
        rpt_put_text(w, ws, r, (lxw_col_t)(1 + c), b, w->f.header);
    }
    r++;
    for (size_t j = 0; j < k; j++, r++) {
        rpt_put_text(w, ws, r, 0, d->options[j], NULL);
        for (size_t c = 0; c < d->n_cols && c < 60; c++) {
            /* the row's timepoint is the column's month, as the module writes it */
            char tp[32];
            snprintf(tp, sizeof tp, "%.15g", c < s->n_costs ? s->cost_months[c] : s->util_months[c - s->n_costs]);
            const core_result_row *x = rpt_find_row(w, "cea", "cea_missing", d->col_names[c], tp, d->options[j],
                                                    c < s->n_costs ? "cost" : "utility");
            if (x && (x->hidden & CORE_HIDE_ESTIMATE))
                rpt_put_text(w, ws, r, (lxw_col_t)(1 + c), x->label, w->f.right);
            else if (x)
                rpt_put_num(w, ws, r, (lxw_col_t)(1 + c), x->estimate, w->f.integer);
        }
    }
    r++;

    /* ---- increments against the reference ---- */
    rpt_trf(w, b, sizeof b, "Against %s: incremental cost and QALYs (regression on the options%s; QALYs adjusted for "
             "baseline utility), ICER", ref, d->adjust_site ? rpt_tr(w, " and site") : "");
    rpt_put_text(w, ws, r++, 0, b, w->f.subtitle);
    /* one row per figure and option (a table narrow enough to print one page wide): the estimate, its regression t
     * interval and its BCa bootstrap interval; the ICER with its percentile interval where it has one */
    const char *h2[] = {"Option", "Figure", "Estimate", "low (t)", "high (t)", "BCa low", "BCa high"};
    headers(w, ws, r++, h2, 7);
    for (size_t j = 1; j < k; j++) {
        const char *o = d->options[j];
        const core_result_row *x;
        rpt_put_text(w, ws, r, 0, o, NULL);
        rpt_trf(w, b, sizeof b, "Incremental cost (%s)", cur);
        rpt_put_text(w, ws, r, 1, b, w->f.wrap);
        est3(w, ws, r, 2, row(w, "cea_incremental", "cost", o, "ols"), money);
        if ((x = row(w, "cea_incremental", "cost", o, "bootstrap_bca"))) {
            rpt_put_num(w, ws, r, 5, x->ci_low, money);
            rpt_put_num(w, ws, r, 6, x->ci_high, money);
        }
        r++;
        rpt_put_text(w, ws, r, 1, "Incremental QALYs (adjusted for baseline utility)", w->f.wrap);
        est3(w, ws, r, 2, row(w, "cea_incremental", "qaly", o, "ols_adjusted"), q4);
        if ((x = row(w, "cea_incremental", "qaly", o, "bootstrap_bca"))) {
            rpt_put_num(w, ws, r, 5, x->ci_low, q4);
            rpt_put_num(w, ws, r, 6, x->ci_high, q4);
        }
        r++;
        if ((x = row(w, "cea_incremental", "qaly", o, "ols_unadjusted"))) {
            rpt_put_text(w, ws, r, 1, "Incremental QALYs, unadjusted", w->f.wrap);
            rpt_put_num(w, ws, r, 2, x->estimate, q4);
            r++;
        }
        if ((x = row(w, "cea_icer", NULL, o, NULL))) {
            rpt_trf(w, b, sizeof b, "ICER (%s per QALY; percentile interval)", cur);
            rpt_put_text(w, ws, r, 1, b, w->f.wrap);
            rpt_put_num(w, ws, r, 2, x->estimate, money);
            rpt_put_num(w, ws, r, 3, x->ci_low, money);
            rpt_put_num(w, ws, r, 4, x->ci_high, money);
            r++;
            /* what the bootstrap cloud says about the ICER, under the option's rows */
            rpt_merge_text(w, ws, r, 1, 6, x->label, w->f.note, rpt_lines_for(x->label, 110));
            r++;
        }
    }
    rpt_merge_text(w, ws, r++, 0, 6,
                   "A negative ICER has no ranking meaning: read the quadrant (SE: cheaper and better, dominant) and the "
                   "net benefit below. The ICER's interval is given only when every resample lies in one quadrant.",
                   w->f.note, 2);
    r++;

    /* ---- the incremental analysis ---- */
    rpt_put_text(w, ws, r++, 0, "The incremental analysis: dominance, extended dominance and the efficiency frontier",
                 w->f.subtitle);
    rpt_trf(w, t1, sizeof t1, "Cost vs %s (%s)", ref, cur);
    char t2[64], t3[64];
    rpt_trf(w, t2, sizeof t2, "QALYs vs %s", ref);
    rpt_trf(w, t3, sizeof t3, "ICER along the frontier (%s per QALY)", cur);
    const char *h3[] = {"Option (by cost)", t1, t2, "Status", t3, "Why"};
    headers(w, ws, r++, h3, 6);
    for (size_t rank = 0; rank < k; rank++)
        for (size_t j = 0; j < k; j++) {
            const st_ce_option *o = &res->front[j];
            if (o->cost_rank != rank)
                continue;
            rpt_put_text(w, ws, r, 0, d->options[j], NULL);
            rpt_put_num(w, ws, r, 1, res->dc[j].est, money);
            rpt_put_num(w, ws, r, 2, res->dq[j].est, q4);
            static const char *const words[] = {"frontier (least costly)", "frontier", "dominated",
                                                "extendedly dominated"};
            rpt_put_text(w, ws, r, 3, words[o->status], w->f.wrap);
            rpt_put_num(w, ws, r, 4, o->icer, money);
            /* why, in words with the amount as money (a dominated option: the row's label says by whom) */
            const core_result_row *x = row(w, "cea_frontier", NULL, d->options[j], NULL);
            char why[512], amt[64];
            if (o->status == ST_CE_START)
                rpt_trf(w, why, sizeof why, "the least costly option: the efficiency frontier starts here");
            else if (o->status == ST_CE_FRONTIER && o->prev >= 0)
                rpt_trf(w, why, sizeof why, "next on the efficiency frontier after %s: %s %s more cost for %.4f more QALYs",
                        d->options[o->prev], cur, rpt_whole_text(w, o->d_cost, amt, sizeof amt), o->d_effect);
            else
                snprintf(why, sizeof why, "%s", x && x->label ? rpt_tr(w, x->label) : "");
            rpt_merge_text(w, ws, r, 5, 8, why, w->f.wrap, rpt_lines_for(why, 62));
            r++;
        }
    r++;
    lxw_row_t chart_row = r;
    r += 24; /* the CE plane and the acceptability curves go here */
    if (res->R > 0) /* the print ends with the charts; the acceptability table is for the screen */
        rpt_print_end(w, ws, r - 2, "The acceptability table below (each willingness to pay: probabilities, EVPI, "
                                    "INMB) is on the sheet, not printed; the right chart draws it.");

    /* ---- acceptability ---- */
    if (res->R > 0) {
        rpt_put_text(w, ws, r++, 0, "Acceptability over all options, the acceptability frontier and EVPI",
                     w->f.subtitle);
        rpt_put_text(w, ws, r, 0, "Willingness to pay per QALY", w->f.header);
        for (size_t j = 0; j < k; j++) {
            rpt_trf(w, b, sizeof b, "P(%s best)", d->options[j]);
            rpt_put_text(w, ws, r, (lxw_col_t)(1 + j), b, w->f.header);
        }
        lxw_col_t c0 = (lxw_col_t)(1 + k);
        rpt_put_text(w, ws, r, c0, "Highest expected net benefit", w->f.header);
        rpt_put_text(w, ws, r, c0 + 1, "Acceptability frontier", w->f.header);
        rpt_trf(w, b, sizeof b, "EVPI per participant (%s)", cur);
        rpt_put_text(w, ws, r, c0 + 2, b, w->f.header);
        for (size_t j = 1; j < k; j++) {
            rpt_trf(w, b, sizeof b, "INMB %s vs %s", d->options[j], ref);
            rpt_put_text(w, ws, r, (lxw_col_t)(c0 + 3 + 3 * (j - 1)), b, w->f.header);
            rpt_put_text(w, ws, r, (lxw_col_t)(c0 + 4 + 3 * (j - 1)), "low", w->f.header);
            rpt_put_text(w, ws, r, (lxw_col_t)(c0 + 5 + 3 * (j - 1)), "high", w->f.header);
        }
        rpt_err_at(w, worksheet_set_row(ws, r, 30, NULL), ws, r, 0);
        r++;
        lxw_row_t first = r;
        for (size_t i = 0; i < res->n_wtp; i++, r++) {
            rpt_put_num(w, ws, r, 0, res->wtp[i], money);
            for (size_t j = 0; j < k; j++)
                rpt_put_num(w, ws, r, (lxw_col_t)(1 + j), res->prob[i * k + j], prob);
            rpt_put_text(w, ws, r, c0, d->options[res->best[i]], NULL);
            rpt_put_num(w, ws, r, c0 + 1, res->prob[i * k + res->best[i]], prob);
            rpt_put_num(w, ws, r, c0 + 2, res->evpi[i], money);
            for (size_t j = 1; j < k; j++) {
                lxw_col_t c = (lxw_col_t)(c0 + 3 + 3 * (j - 1));
                rpt_put_num(w, ws, r, c, res->inmb[i * k + j], money);
                rpt_put_num(w, ws, r, c + 1, res->inmb_lo[i * k + j], money);
                rpt_put_num(w, ws, r, c + 2, res->inmb_hi[i * k + j], money);
            }
        }
        lxw_row_t last = r - 1;
        /* acceptability curves and the frontier */
        lxw_chart *ch = workbook_add_chart(w->book, LXW_CHART_SCATTER_STRAIGHT);
        if (!ch)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a chart");
        for (size_t j = 0; j <= k; j++) {
            lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
            if (!se)
                return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a chart series");
            lxw_col_t c = j < k ? (lxw_col_t)(1 + j) : c0 + 1;
            chart_series_set_categories(se, rpt_tr(w, w->sheet->name), first, 0, last, 0);
            chart_series_set_values(se, rpt_tr(w, w->sheet->name), first, c, last, c);
            chart_series_set_name(se, rpt_chart_str(j < k ? d->options[j] : "acceptability frontier"));
            if (j < k)
                chart_series_set_marker_type(se, LXW_CHART_MARKER_NONE);
            else {
                lxw_chart_line dash = {.dash_type = LXW_CHART_LINE_DASH_DASH, .width = 2.5};
                chart_series_set_line(se, &dash);
                chart_series_set_marker_type(se, LXW_CHART_MARKER_NONE);
            }
        }
        {   /* the threshold marked: a vertical line at the willingness to pay of the analysis, its two points in the
             * chart-data columns right of the CE plane's */
            lxw_col_t cxx = (lxw_col_t)(c0 + 3 + 3 * (k - 1) + 2);
            if (cxx < 20)
                cxx = 20;
            rpt_chart_data_cols(w, ws, cxx); /* on the hidden chart-data sheet */
            lxw_col_t ct = (lxw_col_t)(cxx + 2 * (k - 1) + 2);
            char lt[48];
            rpt_trf(w, b, sizeof b, "willingness to pay %s %s per QALY", cur, rpt_whole_text(w, s->threshold, lt, sizeof lt));
            rpt_put_text(w, ws, 4, ct, b, w->f.header);
            rpt_put_num(w, ws, 5, ct, s->threshold, money);
            rpt_put_num(w, ws, 5, ct + 1, 0, prob);
            rpt_put_num(w, ws, 6, ct, s->threshold, money);
            rpt_put_num(w, ws, 6, ct + 1, 1, prob);
            lxw_chart_series *th = chart_add_series(ch, NULL, NULL);
            if (!th)
                return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a chart series");
            chart_series_set_categories(th, rpt_tr(w, w->sheet->name), 5, ct, 6, ct);
            chart_series_set_values(th, rpt_tr(w, w->sheet->name), 5, ct + 1, 6, ct + 1);
            chart_series_set_name(th, rpt_chart_str(b));
            lxw_chart_line red = {.color = 0xC00000, .width = 1.5};
            chart_series_set_line(th, &red);
            chart_series_set_marker_type(th, LXW_CHART_MARKER_NONE);
        }
        chart_title_set_name(ch, "Probability each option has the highest net benefit");
        rpt_trf(w, b, sizeof b, "Willingness to pay per QALY (%s)", cur);
        chart_axis_set_name(ch->x_axis, rpt_chart_str(b));
        chart_axis_set_name(ch->y_axis, "Probability");
        chart_axis_set_min(ch->y_axis, 0);
        chart_axis_set_max(ch->y_axis, 1);
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        chart_at(w, ws, chart_row, 1, ch);

        /* the CE plane: the first bootstrap pairs of each option against the reference, the point estimates and the
         * willingness-to-pay line, in columns to the right */
        long np = res->R < CEA_POINTS_MAX ? res->R : CEA_POINTS_MAX;
        lxw_col_t cx = (lxw_col_t)(c0 + 3 + 3 * (k - 1) + 2);
        if (cx < 20)
            cx = 20; /* right of every table above */
        rpt_chart_data_cols(w, ws, cx); /* not printed */
        rpt_put_text(w, ws, 3, cx, "CE plane: bootstrap resamples (incremental QALYs, incremental cost)",
                     w->f.subtitle);
        double emin = 0, emax = 0;
        for (size_t j = 1; j < k; j++) {
            lxw_col_t c = (lxw_col_t)(cx + 2 * (j - 1));
            rpt_trf(w, b, sizeof b, "%s: QALYs", d->options[j]);
            rpt_put_text(w, ws, 4, c, b, w->f.header);
            rpt_trf(w, b, sizeof b, "%s: cost", d->options[j]);
            rpt_put_text(w, ws, 4, c + 1, b, w->f.header);
            rpt_put_num(w, ws, 5, c, res->dq[j].est, q4);
            rpt_put_num(w, ws, 5, c + 1, res->dc[j].est, money);
            for (long i = 0; i < np; i++) {
                double e = res->bq[i * (long)k + (long)j];
                rpt_put_num(w, ws, (lxw_row_t)(6 + i), c, e, q4);
                rpt_put_num(w, ws, (lxw_row_t)(6 + i), c + 1, res->bc[i * (long)k + (long)j], money);
                if (isfinite(e)) {
                    emin = e < emin ? e : emin;
                    emax = e > emax ? e : emax;
                }
            }
        }
        lxw_col_t cl = (lxw_col_t)(cx + 2 * (k - 1));
        rpt_trf(w, b, sizeof b, "WTP line (%s per QALY)", cur);
        rpt_put_text(w, ws, 4, cl, b, w->f.header);
        rpt_put_num(w, ws, 5, cl, emin, q4);
        rpt_put_num(w, ws, 5, cl + 1, s->threshold * emin, money);
        rpt_put_num(w, ws, 6, cl, emax, q4);
        rpt_put_num(w, ws, 6, cl + 1, s->threshold * emax, money);
        ch = workbook_add_chart(w->book, LXW_CHART_SCATTER);
        if (!ch)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a chart");
        for (size_t j = 1; j < k; j++) {
            lxw_col_t c = (lxw_col_t)(cx + 2 * (j - 1));
            lxw_chart_series *pts = chart_add_series(ch, NULL, NULL), *pt = chart_add_series(ch, NULL, NULL);
            if (!pts || !pt)
                return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a chart series");
            chart_series_set_categories(pts, rpt_tr(w, w->sheet->name), 6, c, (lxw_row_t)(5 + np), c);
            chart_series_set_values(pts, rpt_tr(w, w->sheet->name), 6, c + 1, (lxw_row_t)(5 + np), c + 1);
            rpt_trf(w, b, sizeof b, "%s vs %s (%ld resamples)", d->options[j], ref, np);
            chart_series_set_name(pts, rpt_chart_str(b));
            chart_series_set_marker_type(pts, LXW_CHART_MARKER_CIRCLE);
            chart_series_set_marker_size(pts, 3);
            chart_series_set_categories(pt, rpt_tr(w, w->sheet->name), 5, c, 5, c);
            chart_series_set_values(pt, rpt_tr(w, w->sheet->name), 5, c + 1, 5, c + 1);
            rpt_trf(w, b, sizeof b, "%s: estimate", d->options[j]);
            chart_series_set_name(pt, rpt_chart_str(b));
            chart_series_set_marker_type(pt, LXW_CHART_MARKER_DIAMOND);
            chart_series_set_marker_size(pt, 9);
            /* the resamples pale, the estimate dark with a black edge, in the option's own hue */
            static const lxw_color_t pale[] = {0x9DC3E6, 0xF4B183, 0xA9D18E, 0xC9B3E6},
                                     dark[] = {0x1F3864, 0xC55A11, 0x375623, 0x5B2C8F};
            lxw_chart_fill pf = {.color = pale[(j - 1) % 4]}, df = {.color = dark[(j - 1) % 4]};
            lxw_chart_line pl = {.color = pale[(j - 1) % 4]}, dl = {.color = 0x000000};
            chart_series_set_marker_fill(pts, &pf);
            chart_series_set_marker_line(pts, &pl);
            chart_series_set_marker_fill(pt, &df);
            chart_series_set_marker_line(pt, &dl);
        }
        lxw_chart_series *line = chart_add_series(ch, NULL, NULL);
        if (!line)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a chart series");
        chart_series_set_categories(line, rpt_tr(w, w->sheet->name), 5, cl, 6, cl);
        chart_series_set_values(line, rpt_tr(w, w->sheet->name), 5, cl + 1, 6, cl + 1);
        char lt[48];
        rpt_trf(w, b, sizeof b, "willingness to pay %s %s per QALY", cur, rpt_whole_text(w, s->threshold, lt, sizeof lt));
        chart_series_set_name(line, rpt_chart_str(b));
        lxw_chart_line wd = {.color = 0xC00000, .width = 1.5, .dash_type = LXW_CHART_LINE_DASH_DASH};
        chart_series_set_line(line, &wd);
        chart_series_set_marker_type(line, LXW_CHART_MARKER_NONE);
        chart_axis_set_label_position(ch->x_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
        chart_axis_set_label_position(ch->y_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
        rpt_trf(w, b, sizeof b, "Cost-effectiveness plane against %s", ref);
        chart_title_set_name(ch, rpt_chart_str(b));
        chart_axis_set_name(ch->x_axis, "Incremental QALYs (discounted, adjusted)");
        rpt_trf(w, b, sizeof b, "Incremental cost (%s)", cur);
        chart_axis_set_name(ch->y_axis, rpt_chart_str(b));
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        chart_at(w, ws, chart_row, 0, ch);
    } else
        rpt_put_text(w, ws, chart_row, 0, "No bootstrap ([cea] bootstrap = 0): no CE plane, acceptability or EVPI.",
                     w->f.note);
    rpt_set_cols(w, ws, 0, 0, 22, NULL);
    rpt_set_cols(w, ws, 1, 1, 26, NULL);
    rpt_set_cols(w, ws, 2, 14, 15, NULL);
    return CORE_OK;
}

/* ---------------------------------------------------------------- Summary headline */

core_status rpt_cea_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err)
{
    (void)err;
    const cea_run_info *info = w->run->cea;
    if (!info || !info->res)
        return CORE_OK;
    const cea_data *d = info->data;
    const cea_result *res = info->res;
    const char *cur = w->run->currency ? w->run->currency : "";
    char b[2048], front[512] = "", x[64], z[64];
    for (size_t rank = 0; rank < d->k; rank++)
        for (size_t j = 0; j < d->k; j++)
            if (res->front[j].cost_rank == rank &&
                (res->front[j].status == ST_CE_START || res->front[j].status == ST_CE_FRONTIER)) {
                if (res->front[j].status == ST_CE_FRONTIER)
                    rpt_trf(w, front + strlen(front), sizeof front - strlen(front), ", then %s (%s %s per QALY)",
                             d->options[j], cur, rpt_whole_text(w, res->front[j].icer, x, sizeof x));
                else
                    snprintf(front + strlen(front), sizeof front - strlen(front), "%s", d->options[j]);
            }
    char off[512] = "";
    for (size_t j = 0; j < d->k; j++)
        if (res->front[j].status == ST_CE_DOMINATED || res->front[j].status == ST_CE_EXTENDED)
            snprintf(off + strlen(off), sizeof off - strlen(off), "%s%s (%s)", off[0] ? ", " : "", d->options[j],
                     res->front[j].status == ST_CE_DOMINATED ? "dominated" : "extendedly dominated");
    rpt_trf(w, b, sizeof b, "Cost-effectiveness (%zu options, trial data): the efficiency frontier runs from %s%s%s; "
             "see the CEA sheet.", d->k, front, off[0] ? rpt_tr(w, "; off it: ") : "", off);
    rpt_merge_text(w, ws, (*r)++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 110));
    if (res->R > 0) {
        size_t i = nearest(res->wtp, res->n_wtp, info->spec->threshold);
        size_t best = res->best[i];
        char nr[48];
        rpt_trf(w, b, sizeof b, "At %s %s per QALY, %s has the highest expected net benefit; the probability that it is "
                 "the most cost-effective option is %.1f%% (%s bootstrap resamples); EVPI %s %s per participant.",
                 cur, rpt_whole_text(w, res->wtp[i], x, sizeof x), d->options[best], 100 * res->prob[i * d->k + best],
                 rpt_whole_text(w, (double)res->R, nr, sizeof nr), cur, rpt_whole_text(w, res->evpi[i], z, sizeof z));
        rpt_merge_text(w, ws, (*r)++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 110));
    }
    return CORE_OK;
}

/* ---------------------------------------------------------------- CHEERS 2022 */

core_status rpt_cea_cheers(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err)
{
    (void)err;
    const cea_run_info *info = w->run->cea;
    if (!info || !info->res)
        return CORE_OK;
    const cea_spec *s = info->spec;
    const cea_data *d = info->data;
    char opts[512] = "";
    long n_all = 0;
    for (size_t j = 0; j < d->k; j++)
        n_all += d->n_rand[j];
    for (size_t j = 0; j < d->k; j++)
        snprintf(opts + strlen(opts), sizeof opts - strlen(opts), "%s%s", j ? ", " : "", d->options[j]);
    (*r)++;
    rpt_put_text(w, ws, (*r)++, 0, "Cost-effectiveness from trial data: CHEERS 2022 items this run reports",
                 w->f.subtitle);
    rpt_put_text(w, ws, *r, 1, "CHEERS 2022 item", w->f.header);
    rpt_put_text(w, ws, *r, 3, "Topic", w->f.header);
    rpt_put_text(w, ws, *r, 4, "In this run", w->f.header);
    (*r)++;
    struct {
        const char *item, *topic;
        char text[700];
    } it[9];
    size_t n = 0;
    double horizon = s->cost_months[s->n_costs - 1];
    it[n].item = "7", it[n].topic = "Comparators";
    rpt_trf(w, it[n++].text, 700, "%s (the arms of the trial); increments against %s; all options compared at once in "
             "the incremental analysis", opts, d->options[0]);
    it[n].item = "8", it[n].topic = "Perspective";
    rpt_trf(w, it[n++].text, 700, "as the cost columns record them (the configuration's cost items; state the "
             "perspective with the data)");
    it[n].item = "9", it[n].topic = "Time horizon";
    rpt_trf(w, it[n++].text, 700, "the trial's follow-up: %g months", horizon);
    it[n].item = "10", it[n].topic = "Discount rate";
    rpt_trf(w, it[n++].text, 700, "costs %.4g%%, QALYs %.4g%% a year; a period's cost by the year its period starts in, "
             "a utility segment by the year it starts in; nothing within the first year", 100 * s->r_cost,
             100 * s->r_effect);
    it[n].item = "11, 12, 13", it[n].topic = "Outcome, measurement and valuation";
    rpt_trf(w, it[n++].text, 700, "QALYs by the area under the utility curve from %zu utility measurements (months %g to "
             "%g); utilities as given (value set minimum %g)", s->n_utils, s->util_months[0],
             s->util_months[s->n_utils - 1], s->utility_min);
    it[n].item = "15", it[n].topic = "Currency, price date";
    snprintf(it[n++].text, 700, "%s", w->run->currency ? w->run->currency : "(currency not given)");
    it[n].item = "19", it[n].topic = "Analytics";
    rpt_trf(w, it[n++].text, 700, "complete cases (%zu of %ld participants; missing counts per arm and column on the "
             "CEA sheet); incremental QALYs adjusted for baseline utility%s by regression, costs by regression on the "
             "options%s; dominance and extended dominance", d->n, n_all, d->adjust_site ? rpt_tr(w, " and site") : "", d->adjust_site ? rpt_tr(w, " and site") : "");
    it[n].item = "20", it[n].topic = "Characterising uncertainty";
    if (info->res->R > 0)
        rpt_trf(w, it[n++].text, 700, "non-parametric bootstrap of participants within arm (%ld resamples, one seeded "
                 "generator): percentile and BCa intervals, CE plane, acceptability curves over all options, the "
                 "acceptability frontier, EVPI", info->res->R);
    else
        rpt_trf(w, it[n++].text, 700, "regression intervals only (no bootstrap)");
    it[n].item = "22", it[n].topic = "Study parameters";
    rpt_trf(w, it[n++].text, 700, "the configuration on Provenance; the data file's SHA-256 there");
    for (size_t i = 0; i < n; i++, (*r)++) {
        rpt_put_text(w, ws, *r, 0, "cea", w->f.wrap);
        rpt_put_text(w, ws, *r, 1, it[i].item, w->f.wrap);
        rpt_put_text(w, ws, *r, 3, it[i].topic, w->f.wrap);
        rpt_put_text(w, ws, *r, 4, it[i].text, w->f.wrap);
    }
    rpt_put_text(w, ws, (*r)++, 4,
                 "Husereau D, Drummond M, Augustovski F, et al. Consolidated Health Economic Evaluation Reporting "
                 "Standards 2022 (CHEERS 2022) statement. BMJ 2022;376:e067975",
                 w->f.note);
    return CORE_OK;
}

/* ---------------------------------------------------------------- Methods entries */

#define DRUMMOND_CEA "Drummond MF, Sculpher MJ, Claxton K, Stoddart GL, Torrance GW. Methods for the Economic Evaluation of Health Care Programmes, 4th ed. Oxford University Press, 2015"
#define DH97 "Davison AC, Hinkley DV. Bootstrap Methods and their Application. Cambridge University Press, 1997, §5.3; R package boot (Canty & Ripley)"

static const rpt_method_info entries[] = {
    {"cea_missing", NULL, "Missing costs and utilities", "Participants of each arm with the column missing.",
     "ipseval methods guide, section: cost-effectiveness from trial data"},
    {"cea_complete_cases", NULL, "Complete cases", "Participants with every cost and utility column observed; the "
     "analysis uses them only (unbiased when missingness does not depend on the unobserved values given the arm).",
     "ipseval methods guide, section: cost-effectiveness from trial data"},
    {"cea_mean", NULL, "Mean cost and QALYs per option", "Mean discounted cost and QALYs (area under the utility curve) "
     "of the complete cases, with bootstrap intervals.", "Matthews JNS et al. BMJ 1990;300:230; " DRUMMOND_CEA},
    {"cea_incremental", "ols_adjusted", "Incremental QALYs adjusted for baseline utility", "OLS of QALYs on the "
     "options and baseline utility (and site): the coefficient of each option against the reference.",
     "Manca A, Hawkins N, Sculpher MJ. Estimating mean QALYs in trial-based cost-effectiveness analysis: the importance "
     "of controlling for baseline utility. Health Econ 2005;14:487-496"},
    {"cea_incremental", "bootstrap_bca", "BCa bootstrap interval", "Bias-corrected and accelerated interval from the "
     "resamples within arm; acceleration from the jackknife influence values (exact leave-one-out).",
     "Efron B. Better bootstrap confidence intervals. J Am Stat Assoc 1987;82:171-185; " DH97},
    {"cea_incremental", NULL, "Incremental cost and QALYs", "Regression on the options (and site; QALYs also on "
     "baseline utility), classical standard errors; bootstrap percentile and BCa intervals.", DRUMMOND_CEA},
    {"cea_icer", NULL, "Incremental cost-effectiveness ratio", "Incremental cost over incremental QALYs against the "
     "reference; a percentile interval only when every bootstrap resample lies in one quadrant.",
     "Glick HA, Doshi JA, Sonnad SS, Polsky D. Economic Evaluation in Clinical Trials, 2nd ed. Oxford, 2014"},
    {"cea_quadrant", NULL, "Quadrants of the CE plane", "Share of bootstrap resamples in each quadrant.",
     "Black WC. The CE plane. Med Decis Making 1990;10:212-214"},
    {"cea_frontier", NULL, "Incremental analysis and efficiency frontier", "Options ordered by cost; strictly and "
     "extendedly dominated options removed; ICERs between neighbours on the frontier.",
     "Cantor SB. Cost-effectiveness analysis, extended dominance, and ethics. Med Decis Making 1994;14:259-265; "
     DRUMMOND_CEA},
    {"cea_inmb", NULL, "Incremental net monetary benefit", "Willingness to pay times incremental QALYs minus "
     "incremental cost, with its bootstrap percentile interval.",
     "Stinnett AA, Mullahy J. Net health benefits. Med Decis Making 1998;18:S68-S80"},
    {"cea_ceac", NULL, "Acceptability curves over all options", "Share of bootstrap resamples in which each option has "
     "the highest net benefit.", "Fenwick E, Claxton K, Sculpher M. Representing uncertainty: the role of "
     "cost-effectiveness acceptability curves. Health Econ 2001;10:779-787"},
    {"cea_acceptability_frontier", NULL, "Acceptability frontier", "The option with the highest expected net benefit "
     "and the probability that it is the most cost-effective.", "Fenwick E, Claxton K, Sculpher M. Health Econ "
     "2001;10:779-787"},
    {"cea_evpi", NULL, "Expected value of perfect information", "Mean over resamples of the best net benefit minus the "
     "best mean net benefit, per participant.", "Claxton K. The irrelevance of inference. J Health Econ "
     "1999;18:341-364"},
    {"cea_bootstrap", NULL, "Non-parametric bootstrap within arm", "Participants resampled with replacement within "
     "each arm; the regressions refitted on each resample.", DH97},
};
const rpt_method_table rpt_methods_cea = {entries, sizeof entries / sizeof entries[0]};
