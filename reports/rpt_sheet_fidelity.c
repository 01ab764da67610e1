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

/* ---------------------------------------------------------------- totals ---- */

static lxw_row_t totals_table(rpt_wctx *w, lxw_worksheet *ws, const fid_view *v, lxw_row_t r, lxw_format *score)
{
    char b[512];
    const rpt_fidelity_info *fi = w->run->fidelity;
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
        rpt_merge_text(w, ws, r++, 0, 16, b, w->f.note, 1);
    }
    lxw_row_t head = r;
    rpt_put_text(w, ws, r, 0, "Site", w->f.header);
    for (size_t k = 0; k < v->n_rounds; k++)
        rpt_put_text(w, ws, r, (lxw_col_t)(1 + k), v->rounds[k], w->f.header);
    lxw_col_t c = (lxw_col_t)(1 + v->n_rounds);
    rpt_put_text(w, ws, r, c, "Change", w->f.header);
    rpt_put_text(w, ws, r, c + 1, "Mean", w->f.header);
    int bands = fi && fi->n_bands; /* a survey scale without bands has no band column */
    if (bands)
        rpt_merge_text(w, ws, r, c + 2, c + 5, "Band at the latest review", w->f.header, 1);
    r++;
    for (size_t s = 0; s < v->n_sites; s++, r++) {
        rpt_put_text(w, ws, r, 0, v->sites[s], NULL);
        const core_result_row *last = NULL, *chg = NULL;
        for (size_t k = 0; k < v->n_rounds; k++) {
            const core_result_row *t = find(w, "total_score", v->scale, v->rounds[k], v->sites[s], NULL);
            if (t) {
                put_score(w, ws, r, (lxw_col_t)(1 + k), t->estimate, score);
                last = t;
            }
            const core_result_row *d = find(w, "total_change", v->scale, v->rounds[k], v->sites[s], NULL);
            if (d)
                chg = d;
        }
        if (chg)
            put_score(w, ws, r, c, chg->estimate, score);
        const core_result_row *m = find(w, "total_score", v->scale, "all", v->sites[s], "mean_of_reviews");
        if (m)
            put_score(w, ws, r, c + 1, m->estimate, score);
        if (last && (bands || isnan(last->estimate))) {
            band_of(w, last->estimate, b, sizeof b);
            rpt_merge_text(w, ws, r, c + 2, c + 5, *b ? b : (isnan(last->estimate) ? last->label : ""), NULL, 1);
        }
    }
    /* Trend chart: one line per site over the rounds. */
    if (v->n_rounds >= 2 && v->n_sites > 0) {
        lxw_chart *ch = workbook_add_chart(w->book, LXW_CHART_LINE);
        if (!ch) {
            w->nomem = 1;
            return r;
        }
        const char *sn = ws->name;
        for (size_t s = 0; s < v->n_sites; s++) {
            lxw_row_t row = head + 1 + (lxw_row_t)s;
            lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
            if (!se) {
                w->nomem = 1;
                return r;
            }
            chart_series_set_categories(se, sn, head, 1, head, (lxw_col_t)v->n_rounds);
            chart_series_set_values(se, sn, row, 1, row, (lxw_col_t)v->n_rounds);
            chart_series_set_name_range(se, sn, row, 0);
            chart_series_set_marker_type(se, LXW_CHART_MARKER_CIRCLE);
        }
        /* the bands: a dashed line at each band's lower limit, named in the legend */
        static const lxw_color_t band_color[] = {0xC00000, 0xED7D31, 0x548235, 0x7030A0};
        for (size_t k = 0; fi && k < fi->n_bands && v->n_rounds <= 64; k++) {
            if (fi->n_items && fi->band_lower[k] <= (double)fi->n_items * fi->min)
                continue; /* the lowest band starts at the bottom of the scale */
            lxw_col_t bc = rpt_cd_block(w, 1);
            for (size_t q = 0; q < v->n_rounds; q++)
                rpt_cd_num(w, (lxw_row_t)(1 + q), bc, fi->band_lower[k]);
            lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
            if (!se || !w->cd) {
                w->nomem = 1;
                return r;
            }
            chart_series_set_categories(se, sn, head, 1, head, (lxw_col_t)v->n_rounds);
            chart_series_set_values(se, w->cd->name, 1, bc, (lxw_row_t)v->n_rounds, bc);
            rpt_trf(w, b, sizeof b, "%s (%g or more)", rpt_tr(w, fi->band_labels[k]), fi->band_lower[k]);
            chart_series_set_name(se, rpt_chart_str(b));
            lxw_chart_line dl = {.color = band_color[k % 4], .width = 1.0f, .dash_type = LXW_CHART_LINE_DASH_DASH};
            chart_series_set_line(se, &dl);
            chart_series_set_marker_type(se, LXW_CHART_MARKER_NONE);
        }
        if (fi && fi->n_items) {
            chart_axis_set_min(ch->y_axis, (double)fi->n_items * fi->min);
            chart_axis_set_max(ch->y_axis, (double)fi->n_items * fi->max);
        }
        chart_axis_set_name(ch->x_axis, "Review round");
        chart_axis_set_name(ch->y_axis, "Total score");
        rpt_trf(w, b, sizeof b, "Fidelity total by site%s", fi && fi->n_bands > 1 ? rpt_tr(w, " (dashed lines: where each band starts)") : "");
        chart_title_set_name(ch, rpt_chart_str(b));
        lxw_chart_font tf = {.size = 11, .bold = LXW_TRUE};
        chart_title_set_name_font(ch, &tf);
        chart_legend_set_position(ch, LXW_CHART_LEGEND_RIGHT);
        /* under the table (printed with it) */
        lxw_chart_options opt = {.x_scale = 1.3, .y_scale = 1.1, .y_offset = 4};
        r++;
        /* from column B: printed in column groups, the sheet repeats column A, which must carry no strip of it */
        rpt_err_at(w, worksheet_insert_chart_opt(ws, r, 1, ch, &opt), ws, r, 1);
        r += 18; /* the chart's rows */
    }
    return r + 1;
}

/* -------------------------------------------------------------- heat map ---- */

static lxw_row_t heat_map(rpt_wctx *w, lxw_worksheet *ws, const fid_view *v, lxw_row_t r, lxw_format *cell,
                          lxw_format *score)
{
    const rpt_fidelity_info *fi = w->run->fidelity;
    if (!fi || fi->n_items == 0)
        return r;
    char b[512];
    rpt_put_text(w, ws, r++, 0, "Item scores, site by review (heat map)", w->f.subtitle);
    rpt_trf(w, b, sizeof b, "Each cell is the review's %s score of one item, coloured from %d (red) through %g "
             "(yellow) to %d (green).%s", fi->respondents ? rpt_tr(w, "mean") : rpt_tr(w, "consensus"), fi->min, (fi->min + fi->max) / 2.0,
             fi->max, fi->respondents ? "" : rpt_tr(w, " Without a consensus row the score is the raters' mean."));
    rpt_merge_text(w, ws, r++, 0, (lxw_col_t)(2 + fi->n_items), b, w->f.note, rpt_lines_for(b, 160));
    /* Section row: each run of items of one section merged over its columns. */
    lxw_col_t first = 2;
    for (size_t j = 0; j < fi->n_items;) {
        size_t k = j;
        while (k + 1 < fi->n_items && rpt_str_eq(fi->sections[k + 1], fi->sections[j]))
            k++;
        if (fi->sections[j]) {
            if (k > j)
                rpt_merge_text(w, ws, r, first + (lxw_col_t)j, first + (lxw_col_t)k, fi->sections[j], w->f.header, 1);
            else
                rpt_put_text(w, ws, r, first + (lxw_col_t)j, fi->sections[j], w->f.header);
        }
        j = k + 1;
    }
    r++;
    rpt_put_text(w, ws, r, 0, "Site", w->f.header);
    rpt_put_text(w, ws, r, 1, "Review", w->f.header);
    for (size_t j = 0; j < fi->n_items; j++)
        rpt_put_text(w, ws, r, first + (lxw_col_t)j, fi->items[j], w->f.header);
    rpt_put_text(w, ws, r, first + (lxw_col_t)fi->n_items, "Total", w->f.header);
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
            put_score(w, ws, r, first + (lxw_col_t)fi->n_items, t->estimate, score);
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
    r++;
    /* Legend: the items, with how often the raters gave the same score. */
    int has_agree = rpt_has_rows(w, "fidelity", "item_agreement");
    rpt_put_text(w, ws, r, 0, "Item", w->f.header);
    rpt_put_text(w, ws, r, 1, "Section", w->f.header);
    rpt_merge_text(w, ws, r, 2, 9, "Name", w->f.header, 1);
    if (has_agree)
        rpt_merge_text(w, ws, r, 10, 17, "Raters gave the same score (reviews with two or more raters)", w->f.header,
                       1);
    /* Cronbach's alpha with the item left out (psych's alpha.drop): an item whose removal raises alpha
     * measures something else than the rest of the scale. */
    const core_result_row *alpha = find(w, "cronbach_alpha", v->scale, NULL, NULL, "raw");
    lxw_col_t ac = has_agree ? 18 : 10;
    if (alpha) {
        char h[160], e[64];
        rpt_trf(w, h, sizeof h, "Alpha if the item is left out (all items: %s)",
                 rpt_fmt_num(alpha->estimate, 3, e, sizeof e));
        rpt_merge_text(w, ws, r, ac, ac + 4, h, w->f.header, 1);
    }
    r++;
    for (size_t j = 0; j < fi->n_items; j++, r++) {
        rpt_put_text(w, ws, r, 0, fi->items[j], w->f.key);
        rpt_put_text(w, ws, r, 1, fi->sections[j] ? fi->sections[j] : "", w->f.wrap);
        const char *nm = fi->labels[j] ? fi->labels[j] : "";
        rpt_merge_text(w, ws, r, 2, 9, nm, w->f.wrap, rpt_lines_for(nm, 46));
        const core_result_row *a = has_agree ? find(w, "item_agreement", fi->items[j], NULL, NULL, "exact") : NULL;
        if (a)
            rpt_merge_text(w, ws, r, 10, 17, a->label, NULL, 1);
        const core_result_row *d =
            alpha ? find(w, "cronbach_alpha", v->scale, NULL, fi->items[j], "if_item_deleted") : NULL;
        if (d && !isnan(d->estimate)) {
            char e[64];
            rpt_merge_text(w, ws, r, ac, ac + 4, rpt_fmt_num(d->estimate, 3, e, sizeof e), w->f.right, 1);
        }
    }
    return r + 1;
}

/* ------------------------------------------------------------ next steps ---- */

static lxw_row_t next_steps(rpt_wctx *w, lxw_worksheet *ws, const fid_view *v, lxw_row_t r)
{
    if (!rpt_has_rows(w, "fidelity", "items_to_improve"))
        return r;
    char b[512];
    rpt_put_text(w, ws, r++, 0, "Next steps: the lowest items at each site's latest review", w->f.subtitle);
    rpt_trf(w, b, sizeof b, "Up to %d items per site scored at or below the middle of the scale, lowest first, with what "
             "the next level asks (anchor text where the scale has it).", NEXT_STEPS);
    rpt_merge_text(w, ws, r++, 0, 17, b, w->f.note, 1);
    for (size_t s = 0; s < v->n_sites; s++) {
        size_t shown = 0, total = 0;
        for (size_t i = 0; i < w->res->n; i++) {
            const core_result_row *x = &w->res->rows[i];
            if (is_fid(x, "items_to_improve") && rpt_str_eq(x->term, v->sites[s]))
                total++;
        }
        if (!total)
            continue;
        const core_result_row *last = NULL;
        for (size_t k = 0; k < v->n_rounds; k++) {
            const core_result_row *t = find(w, "total_score", v->scale, v->rounds[k], v->sites[s], NULL);
            if (t)
                last = t;
        }
        char band[128];
        band_of(w, last ? last->estimate : NAN, band, sizeof band);
        char head[700];
        const char *items = rpt_tr(w, total == 1 ? "item" : "items");
        if (last && *band)
            rpt_trf(w, head, sizeof head, "%s (%s, %s): %zu %s at or below the middle", v->sites[s], last->timepoint,
                     band, total, items);
        else if (last)
            rpt_trf(w, head, sizeof head, "%s (%s): %zu %s at or below the middle", v->sites[s], last->timepoint, total,
                     items);
        else
            rpt_trf(w, head, sizeof head, "%s: %zu %s at or below the middle", v->sites[s], total, items);
        rpt_put_text(w, ws, r++, 0, head, w->f.key);
        rpt_put_text(w, ws, r, 0, "Item", w->f.header);
        rpt_merge_text(w, ws, r, 1, 6, "Name", w->f.header, 1);
        rpt_put_text(w, ws, r, 7, "Score", w->f.header);
        rpt_merge_text(w, ws, r, 8, 17, "Why and what the next level asks", w->f.header, 1);
        r++;
        for (size_t i = 0; i < w->res->n && shown < NEXT_STEPS; i++) {
            const core_result_row *x = &w->res->rows[i];
            if (!is_fid(x, "items_to_improve") || !rpt_str_eq(x->term, v->sites[s]))
                continue;
            const char *nm = item_label(w, x->outcome);
            int lines = rpt_lines_for(x->label ? x->label : "", 56), l2 = rpt_lines_for(nm, 40);
            if (l2 > lines)
                lines = l2;
            rpt_put_text(w, ws, r, 0, x->outcome, w->f.key);
            rpt_merge_text(w, ws, r, 1, 6, nm, w->f.wrap, lines);
            put_score(w, ws, r, 7, x->estimate, NULL);
            rpt_merge_text(w, ws, r, 8, 17, x->label, w->f.wrap, lines);
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
    /* columns: measure A-D, ratings E-G, raters H-I, estimate J-M, p N, n O, note P-Y */
    rpt_merge_text(w, ws, r, 0, 3, "Measure", w->f.header, 1);
    rpt_merge_text(w, ws, r, 4, 6, "Ratings", w->f.header, 1);
    rpt_merge_text(w, ws, r, 7, 8, "Raters", w->f.header, 1);
    rpt_trf(w, b, sizeof b, "Estimate (%s CI)", w->conf);
    rpt_merge_text(w, ws, r, 9, 12, b, w->f.header, 1);
    rpt_put_text(w, ws, r, 13, "p", w->f.header);
    rpt_put_text(w, ws, r, 14, "n", w->f.header);
    rpt_merge_text(w, ws, r, 15, 24, "Note", w->f.header, 1);
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
            int lines = rpt_lines_for(x->label ? x->label : "", 60);
            rpt_merge_text(w, ws, r, 0, 3, b, w->f.wrap, lines);
            rpt_merge_text(w, ws, r, 4, 6, a == 3 ? "item scores" : ratings_name(x->outcome), w->f.wrap, lines);
            rpt_merge_text(w, ws, r, 7, 8, x->term && *x->term ? x->term : (a == 3 ? "" : "all"), w->f.wrap, lines);
            char e[160];
            if (isnan(x->estimate))
                rpt_merge_text(w, ws, r, 9, 12, "n/a", w->f.right, lines);
            else if (isnan(x->ci_low))
                rpt_merge_text(w, ws, r, 9, 12, rpt_fmt_num(x->estimate, 2, e, sizeof e), w->f.right, lines);
            else {
                rpt_merge_text(w, ws, r, 9, 12, NULL, w->f.right, lines);
                rpt_ci_cell(w, ws, r, 9, x->estimate, x->ci_low, x->ci_high, 2, 0, w->f.right);
            }
            if (!isnan(x->p_value))
                rpt_put_text(w, ws, r, 13, rpt_fmt_p(x->p_value, e, sizeof e), w->f.right);
            rpt_put_num(w, ws, r, 14, x->n, w->f.count);
            rpt_merge_text(w, ws, r, 15, 24, x->label, w->f.wrap, lines);
            r++;
        }
    if (raters)
        rpt_merge_text(w, ws, r++, 0, 24,
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
    rpt_merge_text(w, ws, r++, 0, 17, b, w->f.note, 1);
    lxw_row_t head = r;
    size_t n_sites = 0;
    rpt_put_text(w, ws, r, 0, "Site", w->f.header);
    rpt_put_text(w, ws, r, 1, "Mean fidelity total", w->f.header);
    rpt_merge_text(w, ws, r, 2, 3, effect ? "Effect (points)" : "Rate (%)", w->f.header, 1);
    rpt_merge_text(w, ws, r, 4, 5, "Participants", w->f.header, 1);
    rpt_merge_text(w, ws, r, 6, 15, "Detail", w->f.header, 1);
    r++;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (!is_fid(x, "fidelity_outcome") || !rpt_str_eq(x->method, "site_data"))
            continue;
        rpt_put_text(w, ws, r, 0, x->term, NULL);
        put_score(w, ws, r, 1, x->statistic, NULL);
        put_score(w, ws, r, 2, 100 * x->estimate, NULL);
        rpt_count_cell(w, ws, r, 4, x); /* "<k" under disclosure control */
        char detail[200]; /* the counts, without the note on the x column meant for the results file */
        snprintf(detail, sizeof detail, "%s", x->label ? x->label : "");
        char *cut = strstr(detail, "; statistic =");
        if (cut)
            *cut = '\0';
        rpt_merge_text(w, ws, r, 6, 15, detail, w->f.wrap, 1);
        r++;
        n_sites++;
    }
    lxw_row_t last = r - 1;
    if (sp) {
        if (isnan(sp->estimate))
            rpt_trf(w, b, sizeof b, "Spearman's rank correlation: not estimated (%s).", sp->label ? sp->label : "");
        else
            rpt_trf(w, b, sizeof b, "Spearman's rank correlation %s (%s p = %s).", rpt_fmt_num(sp->estimate, 2, e, 40),
                     sp->label && strstr(sp->label, "exact") ? rpt_tr(w, "exact permutation") : rpt_tr(w, "t-approximation"),
                     rpt_fmt_p(sp->p_value, e + 40, 40));
        rpt_merge_text(w, ws, r++, 0, 17, b, w->f.sentence, rpt_lines_for(b, 140));
    }
    if (ls && (ls->hidden & CORE_HIDE_ESTIMATE)) {
        rpt_trf(w, b, sizeof b, "Weighted regression (weights = participants per site): withheld, as a site's count "
                 "below %d would follow from it (disclosure control).", w->run->small_cell);
        rpt_merge_text(w, ws, r++, 0, 17, b, w->f.sentence, 1);
    } else if (ls && !isnan(ls->estimate)) {
        char est[40], lo[40], hi[40];
        rpt_trf(w, b, sizeof b, "Weighted regression (weights = participants per site): %s percentage points per 10 "
                 "points of fidelity (%s CI %s to %s; p = %s).", rpt_fmt_num(1000 * ls->estimate, 1, est, sizeof est),
                 w->conf, rpt_fmt_num(1000 * ls->ci_low, 1, lo, sizeof lo),
                 rpt_fmt_num(1000 * ls->ci_high, 1, hi, sizeof hi), rpt_fmt_p(ls->p_value, e, sizeof e));
        rpt_merge_text(w, ws, r++, 0, 17, b, w->f.sentence, 1);
    }
    rpt_trf(w, b, sizeof b, "Caution: with %zu sites an association is fragile, and it is not causal: sites differ in "
             "more than fidelity (Bond et al. 2012 found r = 0.34 between IPS-25 totals and employment over 79 sites).",
             n_sites);
    rpt_merge_text(w, ws, r++, 0, 17, b, w->f.note, 2);
    /* Scatter: fidelity (x) against the outcome (y). */
    if (last > head) {
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
        chart_series_set_categories(se, ws->name, head + 1, 1, last, 1);
        chart_series_set_values(se, ws->name, head + 1, 2, last, 2);
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
    rpt_put_text(w, ws, r, 0, "Site", w->f.header);
    rpt_put_text(w, ws, r, 1, "Phases", w->f.header);
    rpt_trf(w, e, sizeof e, "Mean change (%s CI)", w->conf);
    rpt_merge_text(w, ws, r, 2, 3, e, w->f.header, 1);
    rpt_put_text(w, ws, r, 4, "p", w->f.header);
    rpt_put_text(w, ws, r, 5, "n", w->f.header);
    r++;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (!is_fid(x, "phase_change"))
            continue;
        rpt_put_text(w, ws, r, 0, x->term, NULL);
        rpt_timepoint_cell(w, ws, r, 1, x->timepoint);
        if (isnan(x->estimate))
            rpt_merge_text(w, ws, r, 2, 3, x->label, w->f.wrap, 1);
        else {
            rpt_merge_text(w, ws, r, 2, 3, NULL, w->f.right, 1);
            rpt_ci_cell(w, ws, r, 2, x->estimate, x->ci_low, x->ci_high, 2, 0, w->f.right);
        }
        if (!isnan(x->p_value))
            rpt_put_text(w, ws, r, 4, rpt_fmt_p(x->p_value, e, sizeof e), w->f.right);
        rpt_put_num(w, ws, r, 5, x->n, w->f.count);
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
    rpt_put_text(w, ws, r, 0, "Phase", w->f.header);
    rpt_put_text(w, ws, r, 1, "Respondents", w->f.header);
    rpt_merge_text(w, ws, r, 2, 5, "Share of the reference phase's respondents who answered", w->f.header, 1);
    r++;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (!is_fid(x, "phase_response"))
            continue;
        rpt_timepoint_cell(w, ws, r, 0, x->timepoint);
        rpt_put_num(w, ws, r, 1, x->statistic, w->f.count);
        rpt_put_num(w, ws, r, 2, x->estimate, w->f.pct);
        r++;
    }
    r++;
    rpt_put_text(w, ws, r, 0, "Indicator", w->f.header);
    rpt_put_text(w, ws, r, 1, "Phases", w->f.header);
    rpt_trf(w, e, sizeof e, "Mean change (%s CI)", w->conf);
    rpt_merge_text(w, ws, r, 2, 5, e, w->f.header, 1);
    rpt_merge_text(w, ws, r, 6, 7, "p", w->f.header, 1);
    rpt_merge_text(w, ws, r, 8, 9, "p (Holm)", w->f.header, 1);
    rpt_merge_text(w, ws, r, 10, 11, "Answers", w->f.header, 1);
    r++;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (!is_fid(x, "phase_model"))
            continue;
        rpt_put_text(w, ws, r, 0, rpt_str_eq(x->term, "total") ? "Total score" : x->outcome, NULL);
        rpt_timepoint_cell(w, ws, r, 1, x->timepoint);
        if (isnan(x->estimate))
            rpt_merge_text(w, ws, r, 2, 5, x->label, w->f.wrap, 1);
        else {
            rpt_merge_text(w, ws, r, 2, 5, NULL, w->f.right, 1);
            rpt_ci_cell(w, ws, r, 2, x->estimate, x->ci_low, x->ci_high, 2, 0, w->f.right);
        }
        if (!isnan(x->p_value))
            rpt_merge_text(w, ws, r, 6, 7, rpt_fmt_p(x->p_value, e, sizeof e), w->f.right, 1);
        if (!isnan(x->p_adjusted))
            rpt_merge_text(w, ws, r, 8, 9, rpt_fmt_p(x->p_adjusted, e, sizeof e), w->f.right, 1);
        rpt_put_num(w, ws, r, 10, x->n, w->f.count);
        r++;
    }
    const char *note = "The model uses every answer, so people who skipped a phase still count (under missing at "
                       "random); the paired test below uses only people who answered both the first and the last "
                       "phase. Holm's adjustment is across the items for each pair of phases.";
    rpt_merge_text(w, ws, r++, 0, 11, note, w->f.note, rpt_lines_for(note, 110));
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
    lxw_format *cell = workbook_add_format(w->book), *score = workbook_add_format(w->book);
    if (!cell || !score) {
        view_close(&v);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory creating cell formats");
    }
    format_set_align(cell, LXW_ALIGN_CENTER);
    format_set_border(cell, LXW_BORDER_THIN);
    format_set_border_color(cell, 0xBFBFBF);
    format_set_num_format(cell, "General"); /* whole scores as "3", raters' means as "3.5" */
    format_set_num_format(score, "General");
    const rpt_fidelity_info *fi = w->run->fidelity;
    rpt_set_cols(w, ws, 0, 0, 16, NULL);
    rpt_set_cols(w, ws, 1, 1, 12, NULL);
    rpt_set_cols(w, ws, 2, (lxw_col_t)(2 + (fi ? fi->n_items : 20)), 6, NULL);
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
        r = totals_table(w, ws, &v, r, score);
        r = heat_map(w, ws, &v, r, cell, score);
        r = next_steps(w, ws, &v, r);
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
