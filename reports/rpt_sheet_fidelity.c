/* Fidelity (module "fidelity"): the "Fidelity" sheet, the Summary headline and the method descriptions.
 *
 * The sheet, top to bottom: totals by review round with bands and a trend chart per site; the heat map
 * of item scores (site x review rows, one column per item, coloured on the scale's range by conditional
 * formatting) with the item legend and how often raters gave the same score; per site the "next steps"
 * (the lowest items at the latest review with the next level's anchor text); agreement between raters;
 * the fidelity-outcome link with a scatter chart. Everything is read from the result rows; the scale's
 * names and bands come from rpt_run.fidelity. */
#include "reports/rpt_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NEXT_STEPS 5  /* items listed per site */
#define MAX_ROUNDS 64 /* columns of the totals table */

static const core_result_row *find(const rpt_wctx *w, const char *analysis, const char *outcome, const char *tp,
                                   const char *term, const char *method)
{
    return rpt_find_row(w, "fidelity", analysis, outcome, tp, term, method);
}

static int is_fid(const core_result_row *r, const char *analysis)
{
    return rpt_str_eq(r->module, "fidelity") && rpt_str_eq(r->analysis, analysis);
}

/* Sites and rounds of the review totals, in order of first appearance (the module writes them by
 * site, then round in time order). */
typedef struct fid_view {
    const char *scale;
    const char **sites, **rounds;
    size_t n_sites, n_rounds;
} fid_view;

static int add_unique(const char **list, size_t *n, const char *s)
{
    for (size_t i = 0; i < *n; i++)
        if (rpt_str_eq(list[i], s))
            return 0;
    list[(*n)++] = s;
    return 1;
}

static core_status view_open(const rpt_wctx *w, fid_view *v, core_err *err)
{
    memset(v, 0, sizeof *v);
    size_t n = w->res->n ? w->res->n : 1;
    v->sites = malloc(n * sizeof *v->sites);
    v->rounds = malloc(n * sizeof *v->rounds);
    if (!v->sites || !v->rounds) {
        free(v->sites), free(v->rounds);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    const rpt_fidelity_info *fi = w->run->fidelity;
    v->scale = fi ? fi->scale : NULL;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *r = &w->res->rows[i];
        if (!is_fid(r, "total_score") || rpt_str_eq(r->timepoint, "all"))
            continue;
        if (!v->scale)
            v->scale = r->outcome;
        add_unique(v->sites, &v->n_sites, r->term);
        if (v->n_rounds < MAX_ROUNDS)
            add_unique(v->rounds, &v->n_rounds, r->timepoint);
    }
    return CORE_OK;
}

static void view_close(fid_view *v)
{
    free(v->sites), free(v->rounds);
}

/* A number with up to one decimal, as a number cell (totals of mean scores can be halves). */
static void put_score(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double x, lxw_format *f)
{
    rpt_put_num(w, ws, r, c, isnan(x) ? x : round(x * 10) / 10, f);
}

/*
 * Columns. A holds the site (or the item), B the review; from C on every column is narrow, one per item in the
 * heat map, and the other tables merge runs of them, so the heat map (Site, Review, every item and the total)
 * prints one page wide. LAST_COL is the right edge the wide tables reach (the heat map of the IPS-25's 25 items
 * and its total).
 */
#define W_SITE 12.0
#define W_REVIEW 7.0
#define W_NARROW 4.6
#define W_TOTAL 6.0
#define LAST_COL 27

static lxw_col_t last_col(const rpt_wctx *w)
{
    const rpt_fidelity_info *fi = w->run->fidelity;
    lxw_col_t hm = (lxw_col_t)(2 + (fi ? fi->n_items : 0));
    return hm > LAST_COL ? hm : LAST_COL;
}

/* A number in the merged cells c1..c2 (the number in the first cell, the range merged under it). Written
 * straight to the sheet: the merged range holds it, so its first narrow column alone must not be widened for it
 * (as rpt_ci_cell does for an interval in a merged range). */
static void merge_num(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c1, lxw_col_t c2, double x,
                      lxw_format *f)
{
    if (c2 <= c1 || !isfinite(x)) {
        if (c2 > c1)
            rpt_merge_text(w, ws, r, c1, c2, NULL, f ? f : w->f.right, 1);
        rpt_put_num(w, ws, r, c1, x, f);
        return;
    }
    rpt_merge_text(w, ws, r, c1, c2, NULL, f ? f : w->f.right, 1);
    rpt_err_at(w, worksheet_write_number(ws, r, c1, x, f ? f : w->f.plain), ws, r, c1);
}

/* An item's code over its narrow heat-map column: a code of up to three characters fits the column, so it is
 * written without widening it; a longer one goes through rpt_put_text, which widens the column to fit. */
static void put_code(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *code)
{
    if (code && strlen(code) <= 3)
        rpt_err_at(w, worksheet_write_string(ws, r, c, code, w->f.header), ws, r, c);
    else
        rpt_put_text(w, ws, r, c, code, w->f.header);
}

/* A review round in the merged cells c1..c2: a number when it is one (so it sorts), else its text. */
static void merge_round(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c1, lxw_col_t c2, const char *tp,
                        lxw_format *f)
{
    double x;
    if (rpt_is_number(tp, &x))
        merge_num(w, ws, r, c1, c2, x, f);
    else if (c2 > c1)
        rpt_merge_text(w, ws, r, c1, c2, tp, f, 1);
    else
        rpt_put_text(w, ws, r, c1, tp, f);
}

/* The band part of a total_score label ("Good fidelity; consensus row" -> "Good fidelity"). */
static void band_of(const rpt_wctx *w, double total, char *buf, size_t size)
{
    buf[0] = '\0';
    const rpt_fidelity_info *fi = w->run->fidelity;
    if (!fi || isnan(total))
        return;
    for (size_t b = 0; b < fi->n_bands; b++)
        if (total >= fi->band_lower[b]) {
            snprintf(buf, size, "%s", rpt_tr(w, fi->band_labels[b]));
            return;
        }
}

static const char *item_label(const rpt_wctx *w, const char *item)
{
    const rpt_fidelity_info *fi = w->run->fidelity;
    if (fi)
        for (size_t j = 0; j < fi->n_items; j++)
            if (rpt_str_eq(fi->items[j], item))
                return fi->labels[j] ? fi->labels[j] : "";
    return "";
}

/* 1 if every review total is a whole number (consensus scores): totals print without decimals. */
static int totals_whole(const rpt_wctx *w, const fid_view *v)
{
    for (size_t s = 0; s < v->n_sites; s++)
        for (size_t k = 0; k < v->n_rounds; k++) {
            const core_result_row *t = find(w, "total_score", v->scale, v->rounds[k], v->sites[s], NULL);
            if (t && !isnan(t->estimate) && t->estimate != floor(t->estimate))
                return 0;
        }
    return 1;
}

/* ---------------------------------------------------------------- totals ---- */

/* Field f of the totals table: B for the first, then pairs of narrow columns. */
static lxw_col_t field_a(size_t f) { return f == 0 ? 1 : (lxw_col_t)(2 * f); }
static lxw_col_t field_b(size_t f) { return f == 0 ? 1 : (lxw_col_t)(2 * f + 1); }

static lxw_row_t totals_table(rpt_wctx *w, lxw_worksheet *ws, const fid_view *v, lxw_row_t r)
{
    char b[512];
    const rpt_fidelity_info *fi = w->run->fidelity;
    lxw_col_t last = last_col(w);
    rpt_put_text(w, ws, r++, 0, "Totals by review round", w->f.subtitle);
    if (fi && fi->n_bands) {
        size_t used = 0;
        used += (size_t)rpt_trf(w, b, sizeof b, "Bands: ");
        for (size_t k = 0; k < fi->n_bands && used < sizeof b; k++) {
            if (k > 0 && k + 1 == fi->n_bands)
                used += (size_t)rpt_trf(w, b + used, sizeof b - used, "; %s below %g", rpt_tr(w, fi->band_labels[k]),
                                         fi->band_lower[k - 1]);
            else
                used += (size_t)rpt_trf(w, b + used, sizeof b - used, "%s%s %g or more", k ? "; " : "",
                                         rpt_tr(w, fi->band_labels[k]), fi->band_lower[k]);
        }
        rpt_merge_text(w, ws, r++, 0, last, b, w->f.note, 1);
    }
    /* whole totals (consensus scores) without decimals, else one decimal throughout; the mean of the reviews
     * always with one */
    lxw_format *tf = totals_whole(w, v) ? w->f.integer : w->f.num1;
    size_t fc = v->n_rounds, fm = v->n_rounds + 1; /* the Change and Mean fields */
    rpt_put_text(w, ws, r, 0, "Site", w->f.header);
    for (size_t k = 0; k < v->n_rounds; k++)
        merge_round(w, ws, r, field_a(k), field_b(k), v->rounds[k], w->f.header);
    rpt_merge_text(w, ws, r, field_a(fc), field_b(fc), "Change", w->f.header, 1);
    rpt_merge_text(w, ws, r, field_a(fm), field_b(fm), "Mean", w->f.header, 1);
    int bands = fi && fi->n_bands; /* a survey scale without bands has no band column */
    /* the band text starts one narrow column after the mean, so the number and the words do not touch */
    lxw_col_t bc = field_b(fm) + 2, be = bc + 5;
    if (bands) {
        rpt_put_text(w, ws, r, field_b(fm) + 1, NULL, w->f.header);
        rpt_merge_text(w, ws, r, bc, be, "Band at the latest review", w->f.header, 1);
    }
    r++;
    for (size_t s = 0; s < v->n_sites; s++, r++) {
        rpt_put_text(w, ws, r, 0, v->sites[s], NULL);
        const core_result_row *lastr = NULL, *chg = NULL;
        for (size_t k = 0; k < v->n_rounds; k++) {
            const core_result_row *t = find(w, "total_score", v->scale, v->rounds[k], v->sites[s], NULL);
            if (t) {
                merge_num(w, ws, r, field_a(k), field_b(k), isnan(t->estimate) ? t->estimate : round(t->estimate * 10) / 10, tf);
                lastr = t;
            } else if (k > 0)
                rpt_merge_text(w, ws, r, field_a(k), field_b(k), NULL, w->f.plain, 1);
            const core_result_row *d = find(w, "total_change", v->scale, v->rounds[k], v->sites[s], NULL);
            if (d)
                chg = d;
        }
        if (chg)
            merge_num(w, ws, r, field_a(fc), field_b(fc), round(chg->estimate * 10) / 10, tf);
        else
            rpt_merge_text(w, ws, r, field_a(fc), field_b(fc), NULL, w->f.plain, 1);
        const core_result_row *m = find(w, "total_score", v->scale, "all", v->sites[s], "mean_of_reviews");
        if (m)
            merge_num(w, ws, r, field_a(fm), field_b(fm), round(m->estimate * 10) / 10, w->f.num1);
        else
            rpt_merge_text(w, ws, r, field_a(fm), field_b(fm), NULL, w->f.plain, 1);
        if (lastr && (bands || isnan(lastr->estimate))) {
            band_of(w, lastr->estimate, b, sizeof b);
            rpt_merge_text(w, ws, r, bc, be, *b ? b : (isnan(lastr->estimate) ? lastr->label : ""), w->f.plain, 1);
        }
    }
    /* Trend chart: one line per site over the rounds, its data on the chart-data sheet (the table's round
     * columns are merged pairs, not one range). */
    if (v->n_rounds >= 2 && v->n_sites > 0) {
        lxw_chart *ch = workbook_add_chart(w->book, LXW_CHART_LINE);
        lxw_col_t dc = rpt_cd_block(w, (lxw_col_t)(v->n_sites + 1));
        if (!ch || !w->cd) {
            w->nomem = 1;
            return r;
        }
        const char *cn = w->cd->name;
        /* column dc: the rounds (row 1..n); dc + 1 + s: site s (its name in row 0) */
        for (size_t k = 0; k < v->n_rounds; k++) {
            double x;
            if (rpt_is_number(v->rounds[k], &x))
                rpt_cd_num(w, (lxw_row_t)(1 + k), dc, x);
            else
                rpt_cd_text(w, (lxw_row_t)(1 + k), dc, v->rounds[k]);
        }
        for (size_t s = 0; s < v->n_sites; s++) {
            lxw_col_t sc = (lxw_col_t)(dc + 1 + s);
            rpt_cd_text(w, 0, sc, v->sites[s]);
            for (size_t k = 0; k < v->n_rounds; k++) {
                const core_result_row *t = find(w, "total_score", v->scale, v->rounds[k], v->sites[s], NULL);
                if (t)
                    rpt_cd_num(w, (lxw_row_t)(1 + k), sc, round(t->estimate * 10) / 10);
            }
            lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
            if (!se) {
                w->nomem = 1;
                return r;
            }
            chart_series_set_categories(se, cn, 1, dc, (lxw_row_t)v->n_rounds, dc);
            chart_series_set_values(se, cn, 1, sc, (lxw_row_t)v->n_rounds, sc);
            chart_series_set_name_range(se, cn, 0, sc);
            chart_series_set_marker_type(se, LXW_CHART_MARKER_CIRCLE);
            chart_series_set_marker_size(se, 6);
            lxw_chart_line sl = {.width = 2.0f};
            chart_series_set_line(se, &sl);
        }
        /* the bands: a grey line at each band's lower limit, dashed differently per band and named in the legend,
         * so they do not read as one more site */
        static const lxw_color_t band_color[] = {0x404040, 0x707070, 0x9A9A9A, 0xBFBFBF};
        static const uint8_t band_dash[] = {LXW_CHART_LINE_DASH_LONG_DASH, LXW_CHART_LINE_DASH_DASH,
                                            LXW_CHART_LINE_DASH_ROUND_DOT, LXW_CHART_LINE_DASH_SQUARE_DOT};
        /* the range a total can take: the items' range for a mean, n times it for a sum */
        double tmin = fi ? (fi->mean_total ? 1.0 : (double)fi->n_items) * fi->min : 0,
               tmax = fi ? (fi->mean_total ? 1.0 : (double)fi->n_items) * fi->max : 0;
        for (size_t k = 0; fi && k < fi->n_bands && v->n_rounds <= 64; k++) {
            if (fi->n_items && fi->band_lower[k] <= tmin)
                continue; /* the lowest band starts at the bottom of the scale */
            lxw_col_t bcd = rpt_cd_block(w, 1);
            for (size_t q = 0; q < v->n_rounds; q++)
                rpt_cd_num(w, (lxw_row_t)(1 + q), bcd, fi->band_lower[k]);
            lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
            if (!se || !w->cd) {
                w->nomem = 1;
                return r;
            }
            chart_series_set_categories(se, cn, 1, dc, (lxw_row_t)v->n_rounds, dc);
            chart_series_set_values(se, w->cd->name, 1, bcd, (lxw_row_t)v->n_rounds, bcd);
            rpt_trf(w, b, sizeof b, "%s (%g or more)", rpt_tr(w, fi->band_labels[k]), fi->band_lower[k]);
            chart_series_set_name(se, rpt_chart_str(b));
            lxw_chart_line dl = {.color = band_color[k % 4], .width = 1.25f, .dash_type = band_dash[k % 4]};
            chart_series_set_line(se, &dl);
            chart_series_set_marker_type(se, LXW_CHART_MARKER_NONE);
        }
        if (fi && fi->n_items && tmax > tmin) {
            chart_axis_set_min(ch->y_axis, tmin);
            chart_axis_set_max(ch->y_axis, tmax);
            if (tmax - tmin >= 50)
                chart_axis_set_major_unit(ch->y_axis, 10 * floor((tmax - tmin) / 100.0 + 1));
        }
        chart_axis_set_name(ch->x_axis, "Review round");
        chart_axis_set_name(ch->y_axis, "Total score");
        chart_axis_major_gridlines_set_visible(ch->y_axis, LXW_TRUE);
        lxw_chart_line gl = {.color = 0xE0E0E0, .width = 0.5f};
        chart_axis_major_gridlines_set_line(ch->y_axis, &gl);
        rpt_trf(w, b, sizeof b, "Fidelity total by site%s", fi && fi->n_bands > 1 ? rpt_tr(w, " (dashed lines: where each band starts)") : "");
        chart_title_set_name(ch, rpt_chart_str(b));
        lxw_chart_font tf2 = {.size = 11, .bold = LXW_TRUE};
        chart_title_set_name_font(ch, &tf2);
        chart_legend_set_position(ch, LXW_CHART_LEGEND_RIGHT);
        /* under the table, as wide as the heat map below it */
        lxw_chart_options opt = {.x_scale = 1.45, .y_scale = 1.15, .y_offset = 4};
        r++;
        rpt_err_at(w, worksheet_insert_chart_opt(ws, r, 1, ch, &opt), ws, r, 1);
        r += 19; /* the chart's rows */
    }
    return r + 1;
}

/* -------------------------------------------------------------- heat map ---- */

static lxw_row_t heat_map(rpt_wctx *w, lxw_worksheet *ws, const fid_view *v, lxw_row_t r, lxw_format *cell)
{
    lxw_format *score = totals_whole(w, v) ? w->f.integer : w->f.num1;
    const rpt_fidelity_info *fi = w->run->fidelity;
    if (!fi || fi->n_items == 0)
        return r;
    char b[512];
    lxw_col_t last = last_col(w), first = 2, tc = (lxw_col_t)(2 + fi->n_items);
    rpt_put_text(w, ws, r++, 0, "Item scores, site by review (heat map)", w->f.subtitle);
    /* Section row: each run of items of one section merged over its columns. */
    int any_section = 0;
    for (size_t j = 0; j < fi->n_items; j++)
        any_section |= fi->sections[j] != NULL;
    if (any_section) {
        rpt_put_text(w, ws, r, 0, NULL, w->f.header);
        rpt_put_text(w, ws, r, 1, NULL, w->f.header);
        for (size_t j = 0; j < fi->n_items;) {
            size_t k = j;
            while (k + 1 < fi->n_items && rpt_str_eq(fi->sections[k + 1], fi->sections[j]))
                k++;
            if (k > j)
                rpt_merge_text(w, ws, r, first + (lxw_col_t)j, first + (lxw_col_t)k, fi->sections[j] ? fi->sections[j] : "",
                               w->f.header, 1);
            else
                rpt_put_text(w, ws, r, first + (lxw_col_t)j, fi->sections[j], w->f.header);
            j = k + 1;
        }
        rpt_put_text(w, ws, r, tc, NULL, w->f.header);
        r++;
    }
    rpt_put_text(w, ws, r, 0, "Site", w->f.header);
    rpt_put_text(w, ws, r, 1, "Review", w->f.header);
    for (size_t j = 0; j < fi->n_items; j++)
        put_code(w, ws, r, first + (lxw_col_t)j, fi->items[j]);
    rpt_put_text(w, ws, r, tc, "Total", w->f.header);
    r++;
    lxw_row_t top = r;
    for (size_t s = 0; s < v->n_sites; s++)
        for (size_t k = 0; k < v->n_rounds; k++) {
            const core_result_row *t = find(w, "total_score", v->scale, v->rounds[k], v->sites[s], NULL);
            if (!t)
                continue;
            rpt_put_text(w, ws, r, 0, v->sites[s], NULL);
            rpt_timepoint_cell(w, ws, r, 1, v->rounds[k]);
            for (size_t j = 0; j < fi->n_items; j++) {
                const core_result_row *x = find(w, "item_score", fi->items[j], v->rounds[k], v->sites[s], NULL);
                if (x && !isnan(x->estimate))
                    put_score(w, ws, r, first + (lxw_col_t)j, x->estimate, cell);
                else
                    rpt_put_text(w, ws, r, first + (lxw_col_t)j, NULL, cell);
            }
            put_score(w, ws, r, tc, t->estimate, score);
            r++;
        }
    if (r > top) {
        lxw_conditional_format cf = {.type = LXW_CONDITIONAL_3_COLOR_SCALE,
                                     .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
                                     .min_value = fi->min,
                                     .min_color = 0xF8696B,
                                     .mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
                                     .mid_value = (fi->min + fi->max) / 2.0,
                                     .mid_color = 0xFFEB84,
                                     .max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
                                     .max_value = fi->max,
                                     .max_color = 0x63BE7B};
        rpt_err_at(w,
                   worksheet_conditional_format_range(ws, top, first, r - 1, first + (lxw_col_t)fi->n_items - 1, &cf),
                   ws, top, first);
    }
    /* What the colours say, and the items' names, under the map (one table with it, so the printed page reads
     * on its own; the item table further down has more). */
    rpt_trf(w, b, sizeof b, "Each cell is the review's %s score of one item, coloured from %d (red) through %g "
             "(yellow) to %d (green).%s", fi->respondents ? rpt_tr(w, "mean") : rpt_tr(w, "consensus"), fi->min, (fi->min + fi->max) / 2.0,
             fi->max, fi->respondents ? "" : rpt_tr(w, " Without a consensus row the score is the raters' mean."));
    rpt_merge_text(w, ws, r++, 0, tc > last ? tc : last, b, w->f.note, rpt_lines_for(b, 170));
    int named = 0;
    for (size_t j = 0; j < fi->n_items; j++)
        named |= fi->labels[j] && *fi->labels[j];
    if (named) {
        size_t cap = 256;
        for (size_t j = 0; j < fi->n_items; j++)
            cap += strlen(fi->items[j]) + strlen(rpt_tr(w, fi->labels[j] ? fi->labels[j] : "")) + 4;
        char *key = malloc(cap);
        if (!key) {
            w->nomem = 1;
            return r;
        }
        size_t used = (size_t)rpt_trf(w, key, cap, "Items: ");
        for (size_t j = 0; j < fi->n_items && used < cap; j++)
            used += (size_t)snprintf(key + used, cap - used, "%s%s %s", j ? "; " : "", fi->items[j],
                                     rpt_tr(w, fi->labels[j] && *fi->labels[j] ? fi->labels[j] : fi->items[j]));
        if (used < cap)
            snprintf(key + used, cap - used, ".");
        rpt_merge_text(w, ws, r++, 0, tc > last ? tc : last, key, w->f.note, rpt_lines_for(key, 170));
        free(key);
    }
    return r + 1;
}

/* The items: section, name, how often the raters gave the same score, and alpha without each. */
static lxw_row_t item_table(rpt_wctx *w, lxw_worksheet *ws, const fid_view *v, lxw_row_t r)
{
    const rpt_fidelity_info *fi = w->run->fidelity;
    if (!fi || fi->n_items == 0)
        return r;
    lxw_col_t last = last_col(w);
    rpt_put_text(w, ws, r++, 0, "The items", w->f.subtitle);
    int has_agree = rpt_has_rows(w, "fidelity", "item_agreement");
    const core_result_row *alpha = find(w, "cronbach_alpha", v->scale, NULL, NULL, "raw");
    /* columns: item A, section B-D, name E-N, agreement O-V, alpha W to the right edge */
    lxw_col_t sec_a = 1, sec_b = 3, nm_a = 4, nm_b = 13, ag_a = 14, ag_b = 21, al_a = has_agree ? 22 : 14,
              al_b = has_agree ? last : 18;
    rpt_put_text(w, ws, r, 0, "Item", w->f.header);
    rpt_merge_text(w, ws, r, sec_a, sec_b, "Section", w->f.header, 1);
    rpt_merge_text(w, ws, r, nm_a, nm_b, "Name", w->f.header, 1);
    if (has_agree)
        rpt_merge_text(w, ws, r, ag_a, ag_b, "Raters gave the same score (reviews with two or more raters)", w->f.header,
                       2);
    /* Cronbach's alpha with the item left out (psych's alpha.drop): an item whose removal raises alpha
     * measures something else than the rest of the scale. */
    if (alpha) {
        char h[160], e[64];
        rpt_trf(w, h, sizeof h, "Alpha if the item is left out (all items: %s)",
                 rpt_fmt_num(alpha->estimate, 3, e, sizeof e));
        rpt_merge_text(w, ws, r, al_a, al_b, h, w->f.header, 2);
    }
    r++;
    for (size_t j = 0; j < fi->n_items; j++, r++) {
        const char *nm = fi->labels[j] ? fi->labels[j] : "";
        const core_result_row *a = has_agree ? find(w, "item_agreement", fi->items[j], NULL, NULL, "exact") : NULL;
        int lines = rpt_lines_for(rpt_tr(w, nm), 46), la = a && a->label ? rpt_lines_for(a->label, 37) : 1;
        if (la > lines)
            lines = la;
        rpt_put_text(w, ws, r, 0, fi->items[j], w->f.key);
        rpt_merge_text(w, ws, r, sec_a, sec_b, fi->sections[j] ? fi->sections[j] : "", w->f.wrap, lines);
        rpt_merge_text(w, ws, r, nm_a, nm_b, nm, w->f.wrap, lines);
        if (a)
            rpt_merge_text(w, ws, r, ag_a, ag_b, a->label, w->f.wrap, lines);
        const core_result_row *d =
            alpha ? find(w, "cronbach_alpha", v->scale, NULL, fi->items[j], "if_item_deleted") : NULL;
        if (d && !isnan(d->estimate)) {
            char e[64];
            rpt_merge_text(w, ws, r, al_a, al_b, rpt_fmt_num(d->estimate, 3, e, sizeof e), w->f.right, lines);
        }
    }
    return r + 1;
}

/* ------------------------------------------------------------ next steps ---- */

/* What the next level asks of item `item` at site `site`, from the row's fields (score, reviews at or below the
 * middle) and the scale's anchors: "3 or below in all 3 reviews; a score of 4 means: ...". */
static void next_level_text(rpt_wctx *w, const core_result_row *x, char *out, size_t size)
{
    const rpt_fidelity_info *fi = w->run->fidelity;
    double threshold = fi ? floor((fi->min + fi->max) / 2.0) : NAN;
    size_t scored = 0, stayed = isnan(x->n) ? 0 : (size_t)x->n;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *y = &w->res->rows[i];
        if (is_fid(y, "item_score") && rpt_str_eq(y->outcome, x->outcome) && rpt_str_eq(y->term, x->term) &&
            !isnan(y->estimate))
            scored++;
    }
    char when[200];
    if (stayed == scored && scored > 1)
        rpt_trf(w, when, sizeof when, "Scored %g or below in all %zu reviews", threshold, scored);
    else if (scored > 1)
        rpt_trf(w, when, sizeof when, "Scored %g or below in %zu of %zu reviews", threshold, stayed, scored);
    else
        rpt_trf(w, when, sizeof when, "Scored %g or below at the one review", threshold);
    int next = (int)floor(x->estimate) + 1;
    const char *anchor = NULL;
    if (fi && fi->anchors && next >= fi->min && next <= fi->max)
        for (size_t j = 0; j < fi->n_items; j++)
            if (rpt_str_eq(fi->items[j], x->outcome))
                anchor = fi->anchors[j * (size_t)(fi->max - fi->min + 1) + (size_t)(next - fi->min)];
    if (anchor)
        rpt_trf(w, out, size, "%s; a score of %d means: %s", when, next, rpt_tr(w, anchor));
    else if (fi && fi->anchors_file)
        rpt_trf(w, out, size, "%s; the scale's text for a score of %d is not in %s (add it there)", when, next,
                fi->anchors_file);
    else
        rpt_trf(w, out, size, "%s; the scale's text for a score of %d is not built in (name a file of anchor texts "
                "with anchors = in [scale:%s])", when, next, fi && fi->scale ? fi->scale : "");
}

static lxw_row_t next_steps(rpt_wctx *w, lxw_worksheet *ws, const fid_view *v, lxw_row_t r)
{
    if (!rpt_has_rows(w, "fidelity", "items_to_improve"))
        return r;
    lxw_format *ctr = workbook_add_format(w->book);
    if (!ctr) {
        w->nomem = 1;
        return r;
    }
    format_set_align(ctr, LXW_ALIGN_CENTER);
    format_set_num_format(ctr, "General");
    char b[512];
    lxw_col_t last = last_col(w);
    rpt_put_text(w, ws, r++, 0, "Next steps: the lowest items at each site's latest review", w->f.subtitle);
    rpt_trf(w, b, sizeof b, "Up to %d items per site scored at or below the middle of the scale, lowest first, with what "
             "the next level asks (anchor text where the scale has it).", NEXT_STEPS);
    rpt_merge_text(w, ws, r++, 0, last, b, w->f.note, 1);
    for (size_t s = 0; s < v->n_sites; s++) {
        size_t shown = 0, total = 0;
        for (size_t i = 0; i < w->res->n; i++) {
            const core_result_row *x = &w->res->rows[i];
            if (is_fid(x, "items_to_improve") && rpt_str_eq(x->term, v->sites[s]))
                total++;
        }
        if (!total)
            continue;
        const core_result_row *lastr = NULL;
        for (size_t k = 0; k < v->n_rounds; k++) {
            const core_result_row *t = find(w, "total_score", v->scale, v->rounds[k], v->sites[s], NULL);
            if (t)
                lastr = t;
        }
        char band[128];
        band_of(w, lastr ? lastr->estimate : NAN, band, sizeof band);
        char head[700];
        const char *items = rpt_tr(w, total == 1 ? "item" : "items");
        if (lastr && *band)
            rpt_trf(w, head, sizeof head, "%s (%s, %s): %zu %s at or below the middle", v->sites[s], lastr->timepoint,
                     band, total, items);
        else if (lastr)
            rpt_trf(w, head, sizeof head, "%s (%s): %zu %s at or below the middle", v->sites[s], lastr->timepoint, total,
                     items);
        else
            rpt_trf(w, head, sizeof head, "%s: %zu %s at or below the middle", v->sites[s], total, items);
        rpt_put_text(w, ws, r++, 0, head, w->f.key);
        /* columns: item A, name B-J, score K-L (centred, so it does not touch the text after it), why M to the
         * right edge */
        rpt_put_text(w, ws, r, 0, "Item", w->f.header);
        rpt_merge_text(w, ws, r, 1, 9, "Name", w->f.header, 1);
        rpt_merge_text(w, ws, r, 10, 11, "Score", w->f.header, 1);
        rpt_merge_text(w, ws, r, 12, last, "Why and what the next level asks", w->f.header, 1);
        r++;
        for (size_t i = 0; i < w->res->n && shown < NEXT_STEPS; i++) {
            const core_result_row *x = &w->res->rows[i];
            if (!is_fid(x, "items_to_improve") || !rpt_str_eq(x->term, v->sites[s]))
                continue;
            const char *nm = item_label(w, x->outcome);
            char why[1200];
            next_level_text(w, x, why, sizeof why);
            int lines = rpt_lines_for(why, 72), l2 = rpt_lines_for(rpt_tr(w, nm), 44);
            if (l2 > lines)
                lines = l2;
            rpt_put_text(w, ws, r, 0, x->outcome, w->f.key);
            rpt_merge_text(w, ws, r, 1, 9, nm, w->f.wrap, lines);
            merge_num(w, ws, r, 10, 11, isnan(x->estimate) ? x->estimate : round(x->estimate * 10) / 10, ctr);
            rpt_merge_text(w, ws, r, 12, last, why, w->f.wrap, lines);
            r++;
            shown++;
        }
        r++;
    }
    return r;
}

/* ------------------------------------------------------------- agreement ---- */

static const char *icc_name(const char *m)
{
    static const char *const names[][2] = {
        {"icc1", "ICC(1,1): one rater, raters differ by target (one-way)"},
        {"icc2", "ICC(2,1): one rater, absolute agreement (two-way random)"},
        {"icc3", "ICC(3,1): one rater, consistency (two-way mixed)"},
        {"icc1k", "ICC(1,k): mean of k raters (one-way)"},
        {"icc2k", "ICC(2,k): mean of k raters, absolute agreement"},
        {"icc3k", "ICC(3,k): mean of k raters, consistency"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (rpt_str_eq(m, names[i][0]))
            return names[i][1];
    return m ? m : "";
}

static const char *ratings_name(const char *outcome)
{
    if (rpt_str_eq(outcome, "total"))
        return "review totals";
    if (rpt_str_eq(outcome, "items"))
        return "item scores";
    if (rpt_str_eq(outcome, "rating"))
        return "[agreement] ratings";
    return outcome ? outcome : "";
}

static lxw_row_t agreement(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r)
{
    static const char *const an[] = {"icc", "kappa", "fleiss_kappa", "cronbach_alpha"};
    int any = 0, raters = 0; /* raters: ICC or kappa rows (a survey has only Cronbach's alpha) */
    for (size_t a = 0; a < 4; a++)
        any |= rpt_has_rows(w, "fidelity", an[a]);
    for (size_t a = 0; a < 3; a++)
        raters |= rpt_has_rows(w, "fidelity", an[a]);
    if (!any)
        return r;
    char b[600];
    rpt_put_text(w, ws, r++, 0,
                 raters ? "Agreement between raters, and consistency of the items" : "Consistency of the items",
                 w->f.subtitle);
    /* columns: measure A-D, ratings E-H, raters I-J, estimate K-O, p P-Q, n R-S, note U to the right edge */
    lxw_col_t last = last_col(w);
    rpt_merge_text(w, ws, r, 0, 3, "Measure", w->f.header, 1);
    rpt_merge_text(w, ws, r, 4, 7, "Ratings", w->f.header, 1);
    rpt_merge_text(w, ws, r, 8, 9, "Raters", w->f.header, 1);
    rpt_trf(w, b, sizeof b, "Estimate (%s CI)", w->conf);
    rpt_merge_text(w, ws, r, 10, 14, b, w->f.header, 1);
    rpt_merge_text(w, ws, r, 15, 16, "p", w->f.header, 1);
    rpt_merge_text(w, ws, r, 17, 18, "n", w->f.header, 1);
    rpt_put_text(w, ws, r, 19, NULL, w->f.header); /* a narrow gap: the count and the note do not touch */
    rpt_merge_text(w, ws, r, 20, last, "Note", w->f.header, 1);
    r++;
    for (size_t a = 0; a < 4; a++)
        for (size_t i = 0; i < w->res->n; i++) {
            const core_result_row *x = &w->res->rows[i];
            if (!is_fid(x, an[a]) || (a == 3 && !rpt_str_eq(x->method, "raw")))
                continue;
            if (a == 0)
                snprintf(b, sizeof b, "%s", icc_name(x->method));
            else if (a == 1) {
                /* "linear_cluster_bootstrap": the same kappa with its SE from resampling whole reviews */
                const char *m = x->method ? x->method : "";
                const char *cb = strstr(m, "_cluster_bootstrap");
                int wlen = cb ? (int)(cb - m) : (int)strlen(m);
                rpt_trf(w, b, sizeof b, "Cohen's kappa, %.*s%s%s", wlen, m,
                         strncmp(m, "unweighted", 10) == 0 ? "" : rpt_tr(w, " weights"),
                         cb ? rpt_tr(w, ", interval from resampling whole reviews") : "");
            } else if (a == 2)
                snprintf(b, sizeof b, "%s", rpt_str_eq(x->method, "conger_jackknife")
                                                ? "Conger's kappa (all raters), jackknife interval"
                                            : rpt_str_eq(x->method, "fleiss_jackknife")
                                                ? "Fleiss' kappa (all raters), jackknife interval"
                                                : "Fleiss' kappa (all raters), test of no agreement");
            else
                rpt_trf(w, b, sizeof b, "Cronbach's alpha of the %s items", x->outcome ? x->outcome : "");
            const char *rn = a == 3 ? "item scores" : ratings_name(x->outcome);
            int lines = rpt_lines_for(x->label ? x->label : "", 40), l2 = rpt_lines_for(rpt_tr(w, b), 30),
                l3 = rpt_lines_for(rpt_tr(w, rn), 18);
            lines = l2 > lines ? l2 : lines;
            lines = l3 > lines ? l3 : lines;
            rpt_merge_text(w, ws, r, 0, 3, b, w->f.wrap, lines);
            rpt_merge_text(w, ws, r, 4, 7, rn, w->f.wrap, lines);
            rpt_merge_text(w, ws, r, 8, 9, x->term && *x->term ? x->term : (a == 3 ? "" : "all"), w->f.wrap, lines);
            char e[160];
            if (isnan(x->estimate))
                rpt_merge_text(w, ws, r, 10, 14, "n/a", w->f.right, lines);
            else if (isnan(x->ci_low))
                rpt_merge_text(w, ws, r, 10, 14, rpt_fmt_num(x->estimate, 2, e, sizeof e), w->f.right, lines);
            else {
                rpt_merge_text(w, ws, r, 10, 14, NULL, w->f.right, lines);
                rpt_ci_cell(w, ws, r, 10, x->estimate, x->ci_low, x->ci_high, 2, 0, w->f.right);
            }
            rpt_merge_text(w, ws, r, 15, 16, isnan(x->p_value) ? NULL : rpt_fmt_p(x->p_value, e, sizeof e), w->f.right,
                           lines);
            merge_num(w, ws, r, 17, 18, x->n, w->f.count);
            rpt_merge_text(w, ws, r, 20, last, x->label, w->f.wrap, lines);
            r++;
        }
    if (raters)
        rpt_merge_text(w, ws, r++, 0, last,
                       "ICC: 1 = raters agree exactly, 0 = no more than chance. Kappa corrects agreement on item scores "
                       "for chance; weighted kappa gives partial credit to near misses (linear or quadratic in the "
                       "distance).",
                       w->f.note, 2);
    return r + 1;
}

/* --------------------------------------------------------------- the link ---- */

static lxw_row_t link(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r)
{
    if (!rpt_has_rows(w, "fidelity", "fidelity_outcome"))
        return r;
    char b[1400], e[160];
    lxw_col_t last = last_col(w);
    const core_result_row *sp = NULL, *ls = NULL;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (is_fid(x, "fidelity_outcome") && rpt_str_eq(x->method, "spearman"))
            sp = x;
        if (is_fid(x, "fidelity_outcome") && rpt_str_eq(x->method, "wls"))
            ls = x;
    }
    int effect = sp && rpt_str_eq(sp->term, "risk_difference");
    const char *oname = sp ? rpt_outcome_display(w, sp->outcome) : "";
    rpt_put_text(w, ws, r++, 0, "Fidelity and outcome across sites", w->f.subtitle);
    const char *unit = rpt_tr(w, w->run->trial && w->run->trial->time_unit ? w->run->trial->time_unit : "months");
    rpt_trf(w, b, sizeof b, "Each site's mean fidelity total against its %s (%s%s%s%s%s), in percentage points.",
             effect ? rpt_tr(w, "employment effect: intervention minus control") : rpt_tr(w, "employment rate in the intervention arm"),
             oname, sp && sp->timepoint ? rpt_tr(w, " at ") : "", sp && sp->timepoint ? sp->timepoint : "",
             sp && sp->timepoint && rpt_is_number(sp->timepoint, NULL) ? " " : "",
             sp && sp->timepoint && rpt_is_number(sp->timepoint, NULL) ? unit : "");
    rpt_merge_text(w, ws, r++, 0, last, b, w->f.note, rpt_lines_for(b, 170));
    lxw_row_t head = r;
    size_t n_sites = 0;
    rpt_put_text(w, ws, r, 0, "Site", w->f.header);
    /* columns: site A, mean total B-D, effect E-G, participants H-K, detail M to the right edge (L a gap: the count
     * and the text do not touch) */
    rpt_merge_text(w, ws, r, 1, 3, "Mean fidelity total", w->f.header, 2);
    rpt_merge_text(w, ws, r, 4, 6, effect ? "Effect (points)" : "Rate (%)", w->f.header, 2);
    rpt_merge_text(w, ws, r, 7, 10, "Participants", w->f.header, 1);
    rpt_put_text(w, ws, r, 11, NULL, w->f.header);
    rpt_merge_text(w, ws, r, 12, last, "Detail", w->f.header, 2);
    r++;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (!is_fid(x, "fidelity_outcome") || !rpt_str_eq(x->method, "site_data"))
            continue;
        rpt_put_text(w, ws, r, 0, x->term, NULL);
        merge_num(w, ws, r, 1, 3, round(x->statistic * 10) / 10, w->f.num1);
        merge_num(w, ws, r, 4, 6, round(1000 * x->estimate) / 10, w->f.num1);
        if (((x->hidden & CORE_HIDE_N) && w->run->small_cell > 0) || rpt_n_hidden(x, w->run->small_cell)) {
            rpt_merge_text(w, ws, r, 7, 10, NULL, w->f.right, 1);
            rpt_count_cell(w, ws, r, 7, x); /* "<k" under disclosure control */
        } else if (!isnan(x->n))
            merge_num(w, ws, r, 7, 10, x->n, w->f.count);
        char detail[200]; /* the counts, without the note on the x column meant for the results file */
        snprintf(detail, sizeof detail, "%s", x->label ? x->label : "");
        char *cut = strstr(detail, "; statistic =");
        if (cut)
            *cut = '\0';
        rpt_merge_text(w, ws, r, 12, last, detail, w->f.wrap, 1);
        r++;
        n_sites++;
    }
    lxw_row_t lastrow = r - 1;
    if (sp) {
        if (isnan(sp->estimate))
            rpt_trf(w, b, sizeof b, "Spearman's rank correlation: not estimated (%s).", sp->label ? sp->label : "");
        else
            rpt_trf(w, b, sizeof b, "Spearman's rank correlation %s (%s p = %s).", rpt_fmt_num(sp->estimate, 2, e, 40),
                     sp->label && strstr(sp->label, "exact") ? rpt_tr(w, "exact permutation") : rpt_tr(w, "t-approximation"),
                     rpt_fmt_p(sp->p_value, e + 40, 40));
        rpt_merge_text(w, ws, r++, 0, last, b, w->f.sentence, rpt_lines_for(b, 140));
    }
    if (ls && (ls->hidden & CORE_HIDE_ESTIMATE)) {
        rpt_trf(w, b, sizeof b, "Weighted regression (weights = participants per site): withheld, as a site's count "
                 "below %d would follow from it (disclosure control).", w->run->small_cell);
        rpt_merge_text(w, ws, r++, 0, last, b, w->f.sentence, rpt_lines_for(b, 140));
    } else if (ls && !isnan(ls->estimate)) {
        char est[40], lo[40], hi[40];
        rpt_trf(w, b, sizeof b, "Weighted regression (weights = participants per site): %s percentage points per 10 "
                 "points of fidelity (%s CI %s to %s; p = %s).", rpt_fmt_num(1000 * ls->estimate, 1, est, sizeof est),
                 w->conf, rpt_fmt_num(1000 * ls->ci_low, 1, lo, sizeof lo),
                 rpt_fmt_num(1000 * ls->ci_high, 1, hi, sizeof hi), rpt_fmt_p(ls->p_value, e, sizeof e));
        rpt_merge_text(w, ws, r++, 0, last, b, w->f.sentence, rpt_lines_for(b, 140));
    }
    rpt_trf(w, b, sizeof b, "Caution: with %zu sites an association is fragile, and it is not causal: sites differ in "
             "more than fidelity (Bond et al. 2012 found r = 0.34 between IPS-25 totals and employment over 79 sites).",
             n_sites);
    rpt_merge_text(w, ws, r++, 0, last, b, w->f.note, rpt_lines_for(b, 140));
    /* Scatter: fidelity (x) against the outcome (y). */
    if (lastrow > head) {
        lxw_chart *ch = workbook_add_chart(w->book, LXW_CHART_SCATTER);
        if (!ch) {
            w->nomem = 1;
            return r;
        }
        lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
        if (!se) {
            w->nomem = 1;
            return r;
        }
        chart_series_set_categories(se, ws->name, head + 1, 1, lastrow, 1);
        chart_series_set_values(se, ws->name, head + 1, 4, lastrow, 4);
        chart_series_set_marker_type(se, LXW_CHART_MARKER_CIRCLE);
        chart_series_set_marker_size(se, 8);
        chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
        chart_axis_set_name(ch->x_axis, "Mean fidelity total");
        chart_axis_set_name(ch->y_axis, rpt_chart_str(effect ? "Employment effect (percentage points)" : "Employment rate (%)"));
        chart_title_set_name(ch, "Sites: fidelity and outcome");
        lxw_chart_font tf = {.size = 11, .bold = LXW_TRUE};
        chart_title_set_name_font(ch, &tf);
        rpt_err_at(w, worksheet_insert_chart(ws, r + 1, 0, ch), ws, r + 1, 0);
        r += 17;
    }
    return r + 1;
}

/* ----------------------------------------------------------------- survey ---- */

static lxw_row_t phase_change(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r)
{
    if (!rpt_has_rows(w, "fidelity", "phase_change"))
        return r;
    char e[160];
    rpt_put_text(w, ws, r++, 0, "Change across survey phases (the same respondents, paired t test)", w->f.subtitle);
    /* columns: site A, phases B-D, mean change E-J, p K-L, n M-N */
    rpt_put_text(w, ws, r, 0, "Site", w->f.header);
    rpt_merge_text(w, ws, r, 1, 3, "Phases", w->f.header, 1);
    rpt_trf(w, e, sizeof e, "Mean change (%s CI)", w->conf);
    rpt_merge_text(w, ws, r, 4, 9, e, w->f.header, 1);
    rpt_merge_text(w, ws, r, 10, 11, "p", w->f.header, 1);
    rpt_merge_text(w, ws, r, 12, 13, "n", w->f.header, 1);
    r++;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (!is_fid(x, "phase_change"))
            continue;
        rpt_put_text(w, ws, r, 0, x->term, NULL);
        merge_round(w, ws, r, 1, 3, x->timepoint, NULL);
        if (isnan(x->estimate))
            rpt_merge_text(w, ws, r, 4, 9, x->label, w->f.wrap, rpt_lines_for(x->label ? x->label : "", 28));
        else {
            rpt_merge_text(w, ws, r, 4, 9, NULL, w->f.right, 1);
            rpt_ci_cell(w, ws, r, 4, x->estimate, x->ci_low, x->ci_high, 2, 0, w->f.right);
        }
        rpt_merge_text(w, ws, r, 10, 11, isnan(x->p_value) ? NULL : rpt_fmt_p(x->p_value, e, sizeof e), w->f.right, 1);
        merge_num(w, ws, r, 12, 13, x->n, w->f.count);
        r++;
    }
    return r + 1;
}

/* The survey over all its phases: who answered each phase, then the mixed-model change of the total and of each
 * item against the reference phase (every answer used), with Holm-adjusted p across the items. */
static lxw_row_t phase_model(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r)
{
    if (!rpt_has_rows(w, "fidelity", "phase_model"))
        return r;
    char e[160];
    rpt_put_text(w, ws, r++, 0, "Change across survey phases, every answer used (mixed model: phase as a factor, a "
                 "random intercept per respondent, REML)", w->f.subtitle);
    /* columns: phase A, respondents B-D, share E-N */
    rpt_put_text(w, ws, r, 0, "Phase", w->f.header);
    rpt_merge_text(w, ws, r, 1, 3, "Respondents", w->f.header, 1);
    rpt_merge_text(w, ws, r, 4, 13, "Share of the reference phase's respondents who answered", w->f.header, 1);
    r++;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (!is_fid(x, "phase_response"))
            continue;
        rpt_timepoint_cell(w, ws, r, 0, x->timepoint);
        merge_num(w, ws, r, 1, 3, x->statistic, w->f.count);
        merge_num(w, ws, r, 4, 5, x->estimate, w->f.pct);
        r++;
    }
    r++;
    /* columns: indicator A, phases B-D, mean change E-J, p K-L, p (Holm) M-N, answers O-P */
    rpt_put_text(w, ws, r, 0, "Indicator", w->f.header);
    rpt_merge_text(w, ws, r, 1, 3, "Phases", w->f.header, 1);
    rpt_trf(w, e, sizeof e, "Mean change (%s CI)", w->conf);
    rpt_merge_text(w, ws, r, 4, 9, e, w->f.header, 1);
    rpt_merge_text(w, ws, r, 10, 11, "p", w->f.header, 1);
    rpt_merge_text(w, ws, r, 12, 13, "p (Holm)", w->f.header, 1);
    rpt_merge_text(w, ws, r, 14, 15, "Answers", w->f.header, 1);
    r++;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (!is_fid(x, "phase_model"))
            continue;
        rpt_put_text(w, ws, r, 0, rpt_str_eq(x->term, "total") ? "Total score" : x->outcome, NULL);
        merge_round(w, ws, r, 1, 3, x->timepoint, NULL);
        if (isnan(x->estimate))
            rpt_merge_text(w, ws, r, 4, 9, x->label, w->f.wrap, rpt_lines_for(x->label ? x->label : "", 28));
        else {
            rpt_merge_text(w, ws, r, 4, 9, NULL, w->f.right, 1);
            rpt_ci_cell(w, ws, r, 4, x->estimate, x->ci_low, x->ci_high, 2, 0, w->f.right);
        }
        rpt_merge_text(w, ws, r, 10, 11, isnan(x->p_value) ? NULL : rpt_fmt_p(x->p_value, e, sizeof e), w->f.right, 1);
        rpt_merge_text(w, ws, r, 12, 13, isnan(x->p_adjusted) ? NULL : rpt_fmt_p(x->p_adjusted, e, sizeof e), w->f.right,
                       1);
        merge_num(w, ws, r, 14, 15, x->n, w->f.count);
        r++;
    }
    const char *note = "The model uses every answer, so people who skipped a phase still count (under missing at "
                       "random); the paired test below uses only people who answered both the first and the last "
                       "phase. Holm's adjustment is across the items for each pair of phases.";
    rpt_merge_text(w, ws, r++, 0, last_col(w), note, w->f.note, rpt_lines_for(note, 140));
    return r + 1;
}

core_status rpt_sheet_fidelity(rpt_wctx *w, core_err *err)
{
    fid_view v;
    core_status st = view_open(w, &v, err);
    if (st != CORE_OK)
        return st;
    lxw_worksheet *ws;
    if ((st = rpt_add_sheet(w, w->sheet->name, &ws, err)) != CORE_OK) {
        view_close(&v);
        return st;
    }
    lxw_format *cell = workbook_add_format(w->book);
    if (!cell) {
        view_close(&v);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory creating cell formats");
    }
    format_set_align(cell, LXW_ALIGN_CENTER);
    format_set_border(cell, LXW_BORDER_THIN);
    format_set_border_color(cell, 0xBFBFBF);
    format_set_num_format(cell, "General"); /* whole scores as "3", raters' means as "3.5" */
    const rpt_fidelity_info *fi = w->run->fidelity;
    lxw_col_t last = last_col(w);
    rpt_set_cols(w, ws, 0, 0, W_SITE, NULL);
    rpt_set_cols(w, ws, 1, 1, W_REVIEW, NULL);
    rpt_set_cols(w, ws, 2, last, W_NARROW, NULL);
    if (fi && fi->n_items) /* the heat map's total */
        rpt_set_cols(w, ws, (lxw_col_t)(2 + fi->n_items), (lxw_col_t)(2 + fi->n_items), W_TOTAL, NULL);
    char b[600];
    lxw_row_t r = 0;
    rpt_trf(w, b, sizeof b, "Fidelity: %s", fi && fi->title ? rpt_tr(w, fi->title) : (v.scale ? v.scale : rpt_tr(w, "scale")));
    rpt_put_text(w, ws, r++, 0, b, w->f.title);
    if (v.n_sites) {
        rpt_trf(w, b, sizeof b, "%zu site%s, %zu review round%s.%s", v.n_sites, v.n_sites == 1 ? "" : "s", v.n_rounds,
                 v.n_rounds == 1 ? "" : "s",
                 w->run->synthetic ? rpt_tr(w, " Synthetic example data: not real reviews.") : "");
        rpt_put_text(w, ws, r++, 0, b, w->run->synthetic ? w->f.synthetic : w->f.meta);
    }
    r++;
    if (v.n_sites) {
        r = totals_table(w, ws, &v, r);
        r = heat_map(w, ws, &v, r, cell);
        /* the print: the totals with their chart, and the heat map with its key (two pages); the rest on screen */
        rpt_print_end(w, ws, r++, "Printed: the totals and the heat map; the rest of this sheet follows on screen.");
        r++;
        r = next_steps(w, ws, &v, r);
        r = item_table(w, ws, &v, r);
    }
    r = agreement(w, ws, r);
    r = phase_model(w, ws, r);
    r = phase_change(w, ws, r);
    r = link(w, ws, r);
    view_close(&v);
    return CORE_OK;
}

/* ---------------------------------------------------------------- Summary ---- */

core_status rpt_fidelity_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err)
{
    fid_view v;
    core_status st = view_open(w, &v, err);
    if (st != CORE_OK)
        return st;
    if (v.n_sites == 0 || v.n_rounds == 0) {
        view_close(&v);
        return CORE_OK;
    }
    const rpt_fidelity_info *fi = w->run->fidelity;
    char b[1200], e[64], f1[64];
    /* Mean total over sites at the first and the last round. */
    double m[2] = {0, 0};
    size_t n[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        const char *tp = v.rounds[k ? v.n_rounds - 1 : 0];
        for (size_t s = 0; s < v.n_sites; s++) {
            const core_result_row *t = find(w, "total_score", v.scale, tp, v.sites[s], NULL);
            if (t && !isnan(t->estimate)) {
                m[k] += t->estimate;
                n[k]++;
            }
        }
    }
    const char *title = fi && rpt_str_eq(fi->scale, "ips25") ? "IPS-25" : v.scale;
    if (v.n_rounds > 1 && n[0] && n[1])
        rpt_trf(w, b, sizeof b, "Fidelity (%s, %zu sites): the mean total rose from %s in %s to %s in %s.", title,
                 v.n_sites, rpt_fmt_num(m[0] / (double)n[0], 1, e, sizeof e), v.rounds[0],
                 rpt_fmt_num(m[1] / (double)n[1], 1, f1, sizeof f1), v.rounds[v.n_rounds - 1]);
    else if (n[1])
        rpt_trf(w, b, sizeof b, "Fidelity (%s, %zu sites): mean total %s.", title, v.n_sites,
                 rpt_fmt_num(m[1] / (double)n[1], 1, e, sizeof e));
    else
        rpt_trf(w, b, sizeof b, "Fidelity (%s, %zu sites): no review has a total.", title, v.n_sites);
    if (v.n_rounds > 1 && n[0] && n[1] && m[1] / (double)n[1] < m[0] / (double)n[0]) {
        char *rose = strstr(b, "rose");
        if (rose)
            memcpy(rose, "fell", 4);
    }
    /* Bands at each site's latest review. */
    if (fi && fi->n_bands) {
        size_t count[16] = {0};
        for (size_t s = 0; s < v.n_sites; s++) {
            const core_result_row *last = NULL;
            for (size_t k = 0; k < v.n_rounds; k++) {
                const core_result_row *t = find(w, "total_score", v.scale, v.rounds[k], v.sites[s], NULL);
                if (t && !isnan(t->estimate))
                    last = t;
            }
            for (size_t k = 0; last && k < fi->n_bands && k < 16; k++)
                if (last->estimate >= fi->band_lower[k]) {
                    count[k]++;
                    break;
                }
        }
        size_t used = strlen(b);
        used += (size_t)rpt_trf(w, b + used, sizeof b - used, " At the latest review:");
        int any = 0;
        for (size_t k = 0; k < fi->n_bands && k < 16 && used < sizeof b; k++)
            if (count[k]) {
                used += (size_t)snprintf(b + used, sizeof b - used, "%s %zu %s", any ? "," : "", count[k],
                                         rpt_tr(w, fi->band_labels[k]));
                any = 1;
            }
        if (used < sizeof b)
            snprintf(b + used, sizeof b - used, ".");
    }
    rpt_merge_text(w, ws, (*r)++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 110));
    const core_result_row *icc = find(w, "icc", "total", NULL, NULL, "icc2");
    if (icc && !isnan(icc->estimate)) {
        char lo[40], hi[40];
        rpt_trf(w, b, sizeof b, "The raters of each review agreed on the totals: ICC(2,1) %s (%s CI %s to %s).",
                 rpt_fmt_num(icc->estimate, 2, e, sizeof e), w->conf, rpt_fmt_num(icc->ci_low, 2, lo, sizeof lo),
                 rpt_fmt_num(icc->ci_high, 2, hi, sizeof hi));
        rpt_merge_text(w, ws, (*r)++, 0, 5, b, w->f.sentence, 1);
    }
    view_close(&v);
    return CORE_OK;
}

/* ---------------------------------------------------------------- Methods ---- */

static const rpt_method_info fid_methods[] = {
    {"total_score", NULL, "Fidelity scale scoring",
     "Each review's item scores (the consensus row when given, else the mean of the raters) are summed (or averaged) "
     "into the total and section subtotals; reverse-scored items count as min + max - score; below min_answered "
     "the total is missing (never prorated unless asked); the total falls in the scale's band.",
     "Becker DR, Swanson S, Bond GR, Merrens MR. Evidence-Based Supported Employment Fidelity Review Manual. "
     "Dartmouth Psychiatric Research Center, 2008"},
    {"item_score", NULL, "Item scores per review",
     "The review's score of each item: the consensus row when given, else the mean of the raters' scores.",
     "Becker DR, Swanson S, Bond GR, Merrens MR. Supported Employment Fidelity Review Manual, 2008"},
    {"section_score", NULL, "Section subtotals", "Sum (or mean) of the items of each section of the scale.",
     "Becker DR, Swanson S, Bond GR, Merrens MR. Supported Employment Fidelity Review Manual, 2008"},
    {"total_change", NULL, "Change since the first review",
     "Each site's total minus its first review's total.", "Descriptive"},
    {"items_to_improve", NULL, "Items that hold a site back",
     "Items scored at or below the middle of the scale at the site's latest review, lowest first, with whether they "
     "stayed there in every review and the anchor text of the next level.",
     "Bond GR, Peterson AE, Becker DR, Drake RE. Validation of the revised Individual Placement and Support "
     "Fidelity Scale (IPS-25). Psychiatr Serv 2012;63:758-763"},
    {"icc", NULL, "Intraclass correlation (Shrout-Fleiss forms)",
     "Two-way ANOVA mean squares of targets x raters; ICC(1,1), (2,1), (3,1) and their k-rater means, F tests "
     "against 0 and F-based intervals (ICC(2,1) by Satterthwaite's approximation).",
     "Shrout PE, Fleiss JL. Intraclass correlations: uses in assessing rater reliability. Psychol Bull "
     "1979;86:420-428; McGraw KO, Wong SP. Psychol Methods 1996;1:30-46"},
    {"kappa", "unweighted", "Cohen's kappa", "Chance-corrected agreement of two raters on categories; interval "
     "kappa +- z SE with the large-sample variance of Fleiss, Cohen and Everitt, clamped to [-1, 1].",
     "Cohen J. Educ Psychol Meas 1960;20:37-46; Fleiss JL, Cohen J, Everitt BS. Psychol Bull 1969;72:323-327"},
    {"kappa", NULL, "Weighted kappa", "Cohen's kappa with agreement weights 1 - |i-j|/(k-1) (linear) or "
     "1 - (i-j)^2/(k-1)^2 (quadratic) over the k categories; large-sample variance of Fleiss, Cohen and Everitt "
     "(as vcd::Kappa; psych 2.2.9's differs, see the methods notes).",
     "Cohen J. Weighted kappa. Psychol Bull 1968;70:213-220; Fleiss JL, Cohen J, Everitt BS. Psychol Bull "
     "1969;72:323-327"},
    {"fleiss_kappa", NULL, "Fleiss' kappa", "Agreement of several raters on nominal categories; SE under the null "
     "hypothesis of chance agreement for the z test.",
     "Fleiss JL. Psychol Bull 1971;76:378-382; Fleiss JL, Nee JCM, Landis JR. Psychol Bull 1979;86:974-977"},
    {"cronbach_alpha", NULL, "Cronbach's alpha", "Internal consistency k/(k-1) (1 - sum of item variances / "
     "variance of the total) over reviews (or respondents) with every item scored; Feldt's F interval; alpha with "
     "each item left out.",
     "Cronbach LJ. Psychometrika 1951;16:297-334; Feldt LS. Psychometrika 1965;30:357-370"},
    {"item_agreement", NULL, "Exact agreement per item", "Share of reviews in which every rater gave the item the "
     "same score (and within one point).", "Descriptive"},
    {"kappa", "unweighted_cluster_bootstrap", "Cohen's kappa with a cluster-bootstrap interval",
     "The pooled item kappa with its SE and percentile interval from resampling whole reviews (items are clustered "
     "within reviews).", "Efron B, Tibshirani R. An Introduction to the Bootstrap. Chapman & Hall, 1993"},
    {"kappa", "linear_cluster_bootstrap", "Linearly weighted kappa with a cluster-bootstrap interval",
     "As the unweighted, with linear weights.", "Efron B, Tibshirani R. An Introduction to the Bootstrap, 1993"},
    {"kappa", "quadratic_cluster_bootstrap", "Quadratically weighted kappa with a cluster-bootstrap interval",
     "As the unweighted, with quadratic weights.", "Efron B, Tibshirani R. An Introduction to the Bootstrap, 1993"},
    {"fleiss_kappa", "fleiss_jackknife", "Fleiss' kappa with a jackknife interval",
     "Fleiss' kappa with the jackknife SE over targets and a t interval on n - 1 df.",
     "Fleiss JL. Psychol Bull 1971;76:378-382; Efron B, Tibshirani R. 1993, ch. 11"},
    {"fleiss_kappa", "conger_jackknife", "Conger's exact kappa with a jackknife interval",
     "Kappa for m raters whose chance agreement uses each rater's own margins, with the jackknife SE over targets.",
     "Conger AJ. Integration and generalization of kappas for multiple raters. Psychol Bull 1980;88:322-328"},
    {"category_kappa", "fleiss_nee_landis", "Category-specific kappa",
     "Agreement on one category beyond chance, with its SE under no agreement (a test).",
     "Fleiss JL, Nee JCM, Landis JR. Psychol Bull 1979;86:974-977"},
    {"phase_model", "lmm_reml", "Survey change over all phases: linear mixed model",
     "For the total and each item: phase as a factor and a random intercept per respondent, fitted by REML on every "
     "answer given; each phase against the reference phase with Satterthwaite degrees of freedom; p adjusted by "
     "Holm across the items.",
     "Laird NM, Ware JH. Biometrics 1982;38:963-974; Kuznetsova A et al. J Stat Softw 2017;82(13); Holm S. Scand J "
     "Stat 1979;6:65-70"},
    {"phase_response", "count", "Who answered each survey phase",
     "Respondents with a score in each phase, and the share of the reference phase's respondents who answered it.",
     "Descriptive"},
    {"phase_change", NULL, "Paired t test", "Mean change of the same respondents' scores from the first to the "
     "last survey phase, t interval on n - 1 df.", "Student (1908); R t.test(paired = TRUE)"},
    {"fidelity_outcome", "spearman", "Spearman's rank correlation", "Between sites' mean fidelity totals and their "
     "employment effect (or rate); exact permutation p-value for up to 9 sites.",
     "Spearman C. Am J Psychol 1904;15:72-101; Bond GR et al. Psychiatr Serv 2012;63:758-763"},
    {"fidelity_outcome", NULL, "Weighted regression across sites", "Sites' employment effect (or rate) on their "
     "mean fidelity total, weighted by participants analysed per site; t test on n - 2 df. Few sites: descriptive.",
     "Bond GR, Peterson AE, Becker DR, Drake RE. Psychiatr Serv 2012;63:758-763"},
};

const rpt_method_table rpt_methods_fidelity = {fid_methods, sizeof fid_methods / sizeof fid_methods[0]};
