/* The Registry sheet (module did): per outcome, the panel in one line, a plain-words verdict on which
 * inference to trust for this design, the effect with every inference side by side, the placebo
 * distribution (randomisation inference) as a chart, the synthetic-control gaps and the event study with
 * its pre-trend tests and the event-study plot. Also the Summary headline and the Methods entries.
 * Everything is read from the did rows; nothing is computed here but layout. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/rpt_internal.h"

#define MAX_OUTCOMES 16
#define MAX_TERMS 128

/* The did row of (analysis, outcome, term, method); NULL arguments match anything. */
static const core_result_row *find(const rpt_wctx *w, const char *analysis, const char *outcome, const char *term,
                                   const char *method)
{
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *r = &w->res->rows[i];
        if (rpt_str_eq(r->module, "did") && rpt_str_eq(r->analysis, analysis) &&
            (!outcome || rpt_str_eq(r->outcome, outcome)) && (!term || rpt_str_eq(r->term, term)) &&
            (!method || rpt_str_eq(r->method, method)))
            return r;
    }
    return NULL;
}

/* The level an interval or test of `method` attains (attained_level row), NaN when none. */
static double attained(const rpt_wctx *w, const char *outcome, const char *term, const char *method)
{
    const core_result_row *a = find(w, "attained_level", outcome, term, method);
    return a ? a->estimate : NAN;
}

static double summary_value(const rpt_wctx *w, const char *outcome, const char *term)
{
    const core_result_row *r = find(w, "panel_summary", outcome, term, NULL);
    return r ? r->estimate : NAN;
}

/* The outcomes, in order of first appearance. */
static size_t outcomes(const rpt_wctx *w, const char **out)
{
    size_t n = 0;
    for (size_t i = 0; i < w->res->n && n < MAX_OUTCOMES; i++) {
        const core_result_row *r = &w->res->rows[i];
        if (!rpt_str_eq(r->module, "did") || !rpt_str_eq(r->analysis, "panel_summary") ||
            !rpt_str_eq(r->term, "observations"))
            continue;
        out[n++] = r->outcome;
    }
    return n;
}

/* The treatment's name: the term of the first twfe row that is not a control (the first twfe row). */
static const char *treatment_term(const rpt_wctx *w, const char *outcome)
{
    const core_result_row *r = find(w, "twfe", outcome, NULL, NULL);
    return r ? r->term : NULL;
}

static const char *method_words(const char *analysis, const char *method)
{
    static const struct {
        const char *a, *m, *words;
    } names[] = {
        {"twfe", "classical", "Classical (iid errors)"},
        {"twfe", "cr1", "Cluster-robust CR1 (reghdfe/fixest K), t(G-1)"},
        {"twfe", "cr1_areg", "Cluster-robust CR1 (areg K), t(G-1)"},
        {"twfe", "cr1_xtreg", "Cluster-robust CR1 (xtreg K), t(G-1)"},
        {"twfe", "cr1_gonly", "Cluster-robust CR0 x G/(G-1), t(G-1)"},
        {"twfe", "cr2", "CR2 (Bell-McCaffrey), Satterthwaite df"},
        {"twfe", "wild", "Wild cluster bootstrap (restricted)"},
        {"randomization_inference", "placebo_clusters", "Randomisation over placebo clusters (coefficient)"},
        {"randomization_inference", "placebo_clusters_t", "Randomisation over placebo clusters (CR1 t-statistic)"},
        {"randomization_inference", "conley_taber", "Conley-Taber interval"},
        {"randomization_inference", "conley_taber_fp", "Conley-Taber, Ferman-Pinto size correction"},
        {"synthetic_control", "outcome_path", "Synthetic control (placebo test)"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (rpt_str_eq(names[i].a, analysis) && rpt_str_eq(names[i].m, method))
            return names[i].words;
    return method ? method : analysis;
}

static void header(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, const char *const *h, size_t n)
{
    for (size_t c = 0; c < n; c++)
        rpt_put_text(w, ws, r, (lxw_col_t)c, h[c], w->f.header);
}

static void height(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, int lines)
{
    if (lines > 1)
        rpt_err_at(w, worksheet_set_row(ws, r, 15.0 * lines, NULL), ws, r, 0);
}

/* ---------- Summary headline ---------- */

core_status rpt_did_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *row, core_err *err)
{
    const char *outs[MAX_OUTCOMES];
    size_t no = outcomes(w, outs);
    if (no == 0)
        return CORE_OK;
    const char *o = outs[0], *tr = treatment_term(w, o);
    lxw_row_t r = *row;
    rpt_put_text(w, ws, r++, 0, "Real-world effect (registry difference-in-differences)", w->f.subtitle);
    const core_result_row *est = NULL;
    static const char *const order[] = {"cr2", "cr1", "cr1_areg", "classical", "wild", NULL};
    for (size_t k = 0; order[k] && !est; k++)
        est = find(w, "twfe", o, tr, order[k]);
    const core_result_row *ri = find(w, "randomization_inference", o, tr, "placebo_clusters");
    const core_result_row *ct = find(w, "randomization_inference", o, tr, "conley_taber");
    const core_result_row *wild = find(w, "twfe", o, tr, "wild");
    double G = summary_value(w, o, "clusters"), G1 = summary_value(w, o, "treated_clusters");
    char b[2048], e[96], p[48];
    const core_result_row *cs = NULL;
    for (size_t i = 0; i < w->res->n && !cs; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (rpt_str_eq(x->module, "did") && rpt_str_eq(x->analysis, "cs_aggregate") && rpt_str_eq(x->outcome, o) &&
            rpt_str_eq(x->term, "simple") && !isnan(x->estimate))
            cs = x;
    }
    if (cs) { /* staggered adoption: the group-time effects lead, TWFE is named as biased */
        char ow[128], ci[128], tw[48];
        const core_result_row *fb = find(w, "bacon_summary", o, "later_vs_earlier", "decomposition");
        const core_result_row *fa = find(w, "bacon_summary", o, "treated_vs_always", "decomposition");
        double forb = (fb ? fb->statistic : 0) + (fa ? fa->statistic : 0);
        int notyet = rpt_str_eq(cs->method, "cs_notyet");
        int len = rpt_trf(w, b, sizeof b, notyet
                          ? "%s: areas started IPS in different years (staggered adoption). Averaged over the treated "
                            "areas and the years since each started, members had %s %s more than the "
                            "areas that had not yet started predict (group-time effects of Callaway & Sant'Anna, %s CI "
                            "from a cluster bootstrap; it assumes parallel trends)."
                          : "%s: areas started IPS in different years (staggered adoption). Averaged over the treated "
                            "areas and the years since each started, members had %s %s more than the "
                            "areas that never started predict (group-time effects of Callaway & Sant'Anna, %s CI from a "
                            "cluster bootstrap; it assumes parallel trends).",
                          rpt_words(w, o, ow, sizeof ow), rpt_fmt_ci(cs->estimate, cs->ci_low, cs->ci_high, 1, ci, sizeof ci),
                          rpt_per_period(w), w->conf);
        if (est && len > 0 && (size_t)len < sizeof b) {
            len += rpt_trf(w, b + len, sizeof b - (size_t)len, " The two-way fixed-effects estimate, %s, is biased here",
                           rpt_fmt_num(est->estimate, 1, tw, sizeof tw));
            if ((fb || fa) && (size_t)len < sizeof b)
                len += rpt_trf(w, b + len, sizeof b - (size_t)len, ": %.0f%% of its weight compares later with "
                               "already-treated areas", 100 * forb);
            if ((size_t)len < sizeof b)
                rpt_trf(w, b + len, sizeof b - (size_t)len, ".");
        }
        rpt_merge_text(w, ws, r++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 90));
    } else if (est) {
        char ow[128];
        int len = rpt_trf(w, b, sizeof b, "%s: once IPS started, members of the treated area%s had %s %s "
                           "more than the comparison areas' trend predicts (difference-in-differences with two-way fixed "
                           "effects, %.0f areas, %.0f treated; it assumes both would have moved in parallel without IPS).",
                           rpt_words(w, o, ow, sizeof ow), G1 == 1 ? "" : "s", rpt_fmt_num(est->estimate, 1, e, sizeof e),
                           rpt_per_period(w), G, G1);
        if (G1 == 1 && ri && len > 0 && (size_t)len < sizeof b) {
            char lo[48], hi[48];
            len += rpt_trf(w, b + len, sizeof b - (size_t)len,
                            " With one treated cluster the honest test is the comparison with placebo clusters: p = %s "
                            "(the smallest possible is %s)",
                            rpt_fmt_p(ri->p_value, p, sizeof p), rpt_fmt_num(1.0 / ri->n, 3, e, sizeof e));
            double lev = ct ? attained(w, o, tr, "conley_taber") : NAN;
            if (ct && !isnan(ct->ci_low) && !isnan(lev) && (size_t)len < sizeof b)
                len += rpt_trf(w, b + len, sizeof b - (size_t)len,
                                "; Conley-Taber interval %s to %s, which covers the truth %.1f%% of the time (not %s: "
                                "with %.0f control clusters no interval from them can do better)",
                                rpt_fmt_num(ct->ci_low, 1, lo, sizeof lo), rpt_fmt_num(ct->ci_high, 1, hi, sizeof hi),
                                100 * lev, w->conf, G - 1);
            if ((size_t)len < sizeof b)
                rpt_trf(w, b + len, sizeof b - (size_t)len, ". Cluster-robust and wild-bootstrap p-values are shown on the "
                         "Registry sheet but cannot be trusted with one treated cluster.");
        } else if (wild && !isnan(wild->ci_low) && len > 0 && (size_t)len < sizeof b) {
            char lo[48], hi[48];
            rpt_trf(w, b + len, sizeof b - (size_t)len, " Wild cluster bootstrap: %s interval %s to %s, p = %s.", w->conf,
                     rpt_fmt_num(wild->ci_low, 1, lo, sizeof lo), rpt_fmt_num(wild->ci_high, 1, hi, sizeof hi),
                     rpt_fmt_p(wild->p_value, p, sizeof p));
        } else if (est && !isnan(est->ci_low) && len > 0 && (size_t)len < sizeof b) {
            char ci[128];
            rpt_trf(w, b + len, sizeof b - (size_t)len, " %s (%s CI).", rpt_fmt_ci(est->estimate, est->ci_low,
                     est->ci_high, 1, ci, sizeof ci), w->conf);
        }
        rpt_merge_text(w, ws, r++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 90));
    }
    *row = r + 1;
    (void)err;
    return CORE_OK;
}

/* ---------- charts ---------- */

static void no_legend_title(lxw_chart *ch, const char *title)
{
    chart_title_set_name(ch, rpt_chart_str(title));
    lxw_chart_font tf = {.size = 11, .bold = LXW_TRUE};
    chart_title_set_name_font(ch, &tf);
}

/* Placebo estimates by cluster (column chart), the actual assignment in its own colour. */
static void placebo_chart(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last, lxw_row_t at,
                          lxw_col_t col, size_t actual_index)
{
    lxw_chart *ch = workbook_add_chart(w->book, LXW_CHART_COLUMN);
    if (!ch)
        return;
    lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
    const char *sn = ws->name;
    chart_series_set_categories(s, sn, first, 0, last, 0);
    chart_series_set_values(s, sn, first, 1, last, 1);
    size_t np = (size_t)(last - first + 1);
    lxw_chart_fill *fills = calloc(np, sizeof *fills);
    lxw_chart_point *pts = calloc(np, sizeof *pts);
    lxw_chart_point **pp = calloc(np + 1, sizeof *pp);
    if (fills && pts && pp) {
        for (size_t k = 0; k < np; k++) {
            fills[k].color = k == actual_index ? 0xC00000 : 0x8EA9DB;
            pts[k].fill = &fills[k];
            pp[k] = &pts[k];
        }
        rpt_err_at(w, chart_series_set_points(s, pp), ws, at, col);
    }
    free(fills);
    free(pts);
    free(pp);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    chart_axis_set_name(ch->y_axis, "Estimate with the treatment placed here");
    no_legend_title(ch, "Placebo distribution: actual (red) and placebo clusters");
    lxw_chart_options opt = {.x_scale = 1.4, .y_scale = 1.0};
    rpt_err_at(w, worksheet_insert_chart_opt(ws, at, col, ch, &opt), ws, at, col);
}

/* Event-study plot: estimate with interval per relative period (scatter, three series). */
static void event_chart(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last, lxw_row_t at, lxw_col_t col,
                        const char *outcome)
{
    lxw_chart *ch = workbook_add_chart(w->book, LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS);
    if (!ch)
        return;
    const char *sn = ws->name;
    static const struct {
        lxw_col_t c;
        const char *name;
        lxw_color_t color;
        int dash;
    } ser[] = {{1, "Estimate", 0x1F3864, 0}, {2, "CI low", 0x808080, 1}, {3, "CI high", 0x808080, 1}};
    for (size_t k = 0; k < 3; k++) {
        lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(s, sn, first, 0, last, 0);
        chart_series_set_values(s, sn, first, ser[k].c, last, ser[k].c);
        chart_series_set_name(s, rpt_chart_str(ser[k].name));
        lxw_chart_line line = {.color = ser[k].color, .width = ser[k].dash ? 1.0f : 2.0f,
                               .dash_type = ser[k].dash ? LXW_CHART_LINE_DASH_DASH : LXW_CHART_LINE_DASH_SOLID};
        chart_series_set_line(s, &line);
        if (ser[k].dash)
            chart_series_set_marker_type(s, LXW_CHART_MARKER_NONE);
    }
    /* no effect: a horizontal line at 0 across the periods; first exposure: a vertical line between -1 and 0 */
    lxw_row *r0 = lxw_worksheet_find_row(ws, first), *r1 = lxw_worksheet_find_row(ws, last);
    lxw_cell *c0 = r0 ? lxw_worksheet_find_cell_in_row(r0, 0) : NULL, *c1 = r1 ? lxw_worksheet_find_cell_in_row(r1, 0) : NULL;
    if (c0 && c1 && c0->type == NUMBER_CELL && c1->type == NUMBER_CELL) {
        double lo = 0, hi = 0;
        for (lxw_row_t r = first; r <= last; r++) {
            lxw_row *rw = lxw_worksheet_find_row(ws, r);
            for (lxw_col_t c = 1; rw && c <= 3; c++) {
                lxw_cell *cl = lxw_worksheet_find_cell_in_row(rw, c);
                if (cl && cl->type == NUMBER_CELL)
                    lo = fmin(lo, cl->u.number), hi = fmax(hi, cl->u.number);
            }
        }
        lxw_chart_series *z = rpt_cd_line(w, ch, c0->u.number, 0, c1->u.number, 0, 0x808080, 0.75, 0);
        if (z)
            chart_series_set_name(z, "No effect");
        if (c0->u.number < 0 && c1->u.number >= 0 && hi > lo) {
            lxw_chart_series *v = rpt_cd_line(w, ch, -0.5, lo, -0.5, hi, 0xC00000, 1.5, 1);
            if (v)
                chart_series_set_name(v, "Treatment starts");
        }
    }
    char t[256];
    rpt_trf(w, t, sizeof t, "Event study: %s by year relative to first exposure (reference -1)", outcome);
    no_legend_title(ch, t);
    chart_axis_set_name(ch->x_axis, "Years relative to first exposure");
    chart_axis_set_name(ch->y_axis, "Effect");
    /* the axes cross at the plot's lower left, not at zero in its middle; the year labels sit below */
    chart_axis_set_crossing_min(ch->x_axis);
    chart_axis_set_crossing_min(ch->y_axis);
    chart_axis_set_label_position(ch->x_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options opt = {.x_scale = 1.4, .y_scale = 1.0};
    rpt_err_at(w, worksheet_insert_chart_opt(ws, at, col, ch, &opt), ws, at, col);
}

/* Synthetic control gaps by period (line). */
static void gap_chart(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last, lxw_row_t at, lxw_col_t col,
                      double f0, double lo, double hi)
{
    int start_line = !isnan(f0) && lo <= hi;
    lxw_chart *ch = workbook_add_chart(w->book, LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS);
    if (!ch)
        return;
    lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
    chart_series_set_categories(s, ws->name, first, 0, last, 0);
    chart_series_set_values(s, ws->name, first, 1, last, 1);
    chart_series_set_name(s, "Treated minus synthetic");
    if (start_line) { /* a vertical line where treatment starts, from the lowest to the highest gap */
        lxw_chart_series *v = rpt_cd_line(w, ch, f0, lo, f0, hi, 0xC00000, 1.5, 1);
        if (v)
            chart_series_set_name(v, "Treatment starts");
    }
    if (lo < 0 && hi > 0) { /* no gap */
        double x0 = NAN, x1 = NAN;
        lxw_row *r0 = lxw_worksheet_find_row(ws, first), *r1 = lxw_worksheet_find_row(ws, last);
        lxw_cell *c0 = r0 ? lxw_worksheet_find_cell_in_row(r0, 0) : NULL, *c1 = r1 ? lxw_worksheet_find_cell_in_row(r1, 0) : NULL;
        if (c0 && c1 && c0->type == NUMBER_CELL && c1->type == NUMBER_CELL)
            x0 = c0->u.number, x1 = c1->u.number;
        lxw_chart_series *z = isnan(x0) ? NULL : rpt_cd_line(w, ch, x0, 0, x1, 0, 0x808080, 0.75, 0);
        if (z)
            chart_series_set_name(z, "No effect");
    }
    chart_axis_set_crossing_min(ch->x_axis);
    chart_axis_set_crossing_min(ch->y_axis);
    chart_legend_set_position(ch, start_line ? LXW_CHART_LEGEND_BOTTOM : LXW_CHART_LEGEND_NONE);
    no_legend_title(ch, "Synthetic control: treated minus synthetic");
    chart_axis_set_name(ch->y_axis, "Gap");
    lxw_chart_options opt = {.x_scale = 1.4, .y_scale = 0.8};
    rpt_err_at(w, worksheet_insert_chart_opt(ws, at, col, ch, &opt), ws, at, col);
}

/* ---------- staggered adoption ---------- */

/* Rows of one analysis and outcome, in order, into out (at most max). */
static size_t rows_of(const rpt_wctx *w, const char *analysis, const char *outcome, const core_result_row **out,
                      size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < w->res->n && n < max; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (rpt_str_eq(x->module, "did") && rpt_str_eq(x->analysis, analysis) && rpt_str_eq(x->outcome, outcome))
            out[n++] = x;
    }
    return n;
}

/* One estimate row of the staggered tables: label, estimate (CI), SE, z, p, notes. */
static void cs_line(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, const char *what, const core_result_row *x)
{
    rpt_put_text(w, ws, r, 0, what, w->f.wrap);
    if (isnan(x->ci_low) && !isnan(x->estimate)) {
        char b[64];
        rpt_put_text(w, ws, r, 1, rpt_fmt_num(x->estimate, 2, b, sizeof b), w->f.right);
    } else
        rpt_effect_cell(w, ws, r, 1, x, 1.0, 2);
    rpt_put_num(w, ws, r, 2, x->se, w->f.num2);
    rpt_put_num(w, ws, r, 3, x->statistic, w->f.num2);
    rpt_p_cell(w, ws, r, 5, x);
    rpt_put_text(w, ws, r, 6, x->label, w->f.wrap);
    height(w, ws, r, x->label ? rpt_lines_for(x->label, 70) : 1);
}

/* Treated clusters starting in different periods: the TWFE warning, the Goodman-Bacon decomposition, the
 * Callaway-Sant'Anna aggregations, event study (with its plot), cohorts, pre-trend tests and group-time cells. */
static lxw_row_t staggered_block(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, const char *o, const char *tr)
{
    const core_result_row *simple = NULL, *rows[512];
    for (size_t i = 0; i < w->res->n && !simple; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (rpt_str_eq(x->module, "did") && rpt_str_eq(x->analysis, "cs_aggregate") && rpt_str_eq(x->outcome, o) &&
            rpt_str_eq(x->term, "simple"))
            simple = x;
    }
    const core_result_row *btot = find(w, "bacon_summary", o, "total", "decomposition");
    if (!simple && !btot)
        return r;
    const char *method = simple ? simple->method : NULL;
    char b[2048], h1[64], h2[64];
    rpt_put_text(w, ws, r++, 0, "Staggered adoption: treated clusters start in different periods", w->f.subtitle);
    const core_result_row *tw = find(w, "twfe", o, tr, NULL);
    if (tw && tw->label && !strncmp(tw->label, "WARNING", 7)) {
        size_t l = strcspn(tw->label, "|"), k;
        if (w->run->language != RPT_LANG_EN &&
            sscanf(tw->label, "WARNING, STAGGERED ADOPTION: treated clusters start in %zu", &k) == 1)
            /* the label's first sentence in the workbook's language (the weights follow in the table below) */
            rpt_trf(w, b, sizeof b, "WARNING, STAGGERED ADOPTION: treated clusters start in %zu different periods, so "
                    "this TWFE coefficient also compares later- with earlier-treated clusters, whose changing effects "
                    "enter with a negative sign (Goodman-Bacon 2021): biased, even in sign, when effects grow with "
                    "exposure.", k);
        else
            snprintf(b, sizeof b, "%.*s", (int)(l > 0 && tw->label[l - 1] == ' ' ? l - 1 : l), tw->label);
        rpt_merge_text(w, ws, r++, 0, 7, b, w->f.synthetic, rpt_lines_for(b, 110));
    }
    /* the decomposition */
    if (btot && !isnan(btot->estimate)) {
        rpt_put_text(w, ws, r++, 0, "Where the TWFE coefficient comes from (Goodman-Bacon decomposition)", w->f.key);
        const char *bh[] = {"Comparison", "Weight", "2x2 estimate (weighted mean)", "Notes"};
        header(w, ws, r++, bh, 3);
        static const struct {
            const char *m, *words, *note;
        } ty[] = {{"treated_vs_never", "Treated vs never treated", "clean"},
                  {"earlier_vs_later", "Earlier vs later treated (before the later start)", "clean"},
                  {"later_vs_earlier", "Later vs earlier treated (earlier ones as controls)",
                   "forbidden: subtracts the change in the earlier clusters' effect"},
                  {"treated_vs_always", "Treated vs always treated", "forbidden: already-treated controls"}};
        for (size_t k = 0; k < sizeof ty / sizeof ty[0]; k++) {
            const core_result_row *x = find(w, "bacon_summary", o, ty[k].m, "decomposition");
            if (!x)
                continue;
            rpt_put_text(w, ws, r, 0, ty[k].words, w->f.wrap);
            rpt_put_num(w, ws, r, 1, x->statistic, w->f.num2);
            rpt_put_num(w, ws, r, 2, x->estimate, w->f.num2);
            rpt_put_text(w, ws, r, 6, ty[k].note, w->f.wrap);
            r++;
        }
        rpt_put_text(w, ws, r, 0, "Total = the TWFE coefficient", w->f.key);
        rpt_put_num(w, ws, r, 1, btot->statistic, w->f.num2);
        rpt_put_num(w, ws, r, 2, btot->estimate, w->f.num2);
        rpt_put_text(w, ws, r, 6, btot->label, w->f.wrap);
        height(w, ws, r, btot->label ? rpt_lines_for(btot->label, 70) : 1);
        r += 2;
    } else if (btot && btot->label) {
        rpt_trf(w, b, sizeof b, "Goodman-Bacon decomposition: %s", btot->label);
        rpt_merge_text(w, ws, r++, 0, 7, b, w->f.meta, rpt_lines_for(b, 140));
        r++;
    }
    if (!simple)
        return r;
    /* the aggregations */
    rpt_put_text(w, ws, r++, 0, "Group-time effects (Callaway & Sant'Anna 2021): what replaces TWFE here", w->f.key);
    snprintf(h1, sizeof h1, "Estimate (%s CI)", w->conf);
    const char *hd[] = {"Aggregation", h1, "SE", "z", "", "p-value", "Notes"};
    header(w, ws, r++, hd, 7);
    static const struct {
        const char *t, *words;
    } ag[] = {{"simple", "Average effect on the treated (post cells, cohort-size weights)"},
              {"group_average", "Average of the cohorts' effects"},
              {"event_average", "Average over event times 0, 1, ..."}};
    for (size_t k = 0; k < sizeof ag / sizeof ag[0]; k++) {
        const core_result_row *x = find(w, "cs_aggregate", o, ag[k].t, method);
        if (x)
            cs_line(w, ws, r++, ag[k].words, x);
    }
    r++;
    /* event study with its plot */
    size_t ne = rows_of(w, "cs_event", o, rows, sizeof rows / sizeof rows[0]);
    if (ne > 0) {
        rpt_put_text(w, ws, r++, 0, "Event study on the group-time effects (years since each cohort's start)", w->f.key);
        rpt_trf(w, h1, sizeof h1, "CI low (%s)", w->conf);
        rpt_trf(w, h2, sizeof h2, "CI high (%s)", w->conf);
        const char *eh[] = {"Event time", "Estimate", h1, h2, "SE", "p-value", "Notes"};
        header(w, ws, r, eh, 7);
        height(w, ws, r++, 2);
        lxw_row_t first = r, at = r;
        for (size_t k = 0; k < ne; k++) {
            double e;
            if (!rpt_is_number(rows[k]->term, &e))
                continue;
            rpt_put_num(w, ws, r, 0, e, NULL);
            rpt_put_num(w, ws, r, 1, rows[k]->estimate, w->f.num2);
            rpt_put_num(w, ws, r, 2, isnan(rows[k]->ci_low) && rows[k]->estimate == 0 ? 0 : rows[k]->ci_low, w->f.num2);
            rpt_put_num(w, ws, r, 3, isnan(rows[k]->ci_high) && rows[k]->estimate == 0 ? 0 : rows[k]->ci_high,
                        w->f.num2);
            rpt_put_num(w, ws, r, 4, rows[k]->se, w->f.num2);
            rpt_p_cell(w, ws, r, 5, isnan(rows[k]->p_value) ? NULL : rows[k]);
            rpt_put_text(w, ws, r, 6, rows[k]->label, w->f.wrap);
            r++;
        }
        if (r - first > 1)
            event_chart(w, ws, first, r - 1, at, 8, o);
        if (r < at + 16)
            r = at + 16;
        r++;
    }
    /* pre-trend tests */
    size_t np = rows_of(w, "cs_pretrend", o, rows, sizeof rows / sizeof rows[0]);
    if (np > 0) {
        rpt_put_text(w, ws, r++, 0, "Pre-trend tests on the pre-period group-time effects", w->f.key);
        const char *ph[] = {"Test", "", "", "Statistic", "df", "p-value", "Notes"};
        header(w, ws, r++, ph, 7);
        for (size_t k = 0; k < np; k++) {
            rpt_put_text(w, ws, r, 0, rpt_str_eq(rows[k]->method, "wald") ? "Wald chi-square" : "sup-t (bootstrap)",
                         w->f.wrap);
            rpt_put_num(w, ws, r, 3, rows[k]->statistic, w->f.num2);
            rpt_put_num(w, ws, r, 4, rows[k]->df, rows[k]->df == floor(rows[k]->df) ? w->f.integer : w->f.num2);
            if (!isnan(rows[k]->p_value))
                rpt_p_cell(w, ws, r, 5, rows[k]);
            rpt_put_text(w, ws, r, 6, rows[k]->label, w->f.wrap);
            height(w, ws, r, rows[k]->label ? rpt_lines_for(rows[k]->label, 70) : 1);
            r++;
        }
        r++;
    }
    /* cohorts, then every cell */
    static const struct {
        const char *a, *title, *col;
    } lists[] = {{"cs_group", "Effect by cohort (year of the start)", "Cohort"},
                 {"cs_att_gt", "Every group-time effect ATT(cohort, year)", "Cell"}};
    for (size_t q = 0; q < 2; q++) {
        size_t nr = rows_of(w, lists[q].a, o, rows, sizeof rows / sizeof rows[0]);
        if (nr == 0)
            continue;
        rpt_put_text(w, ws, r++, 0, lists[q].title, w->f.key);
        snprintf(h1, sizeof h1, "Estimate (%s CI)", w->conf);
        const char *ch[] = {lists[q].col, h1, "SE", "z", "", "p-value", "Notes"};
        header(w, ws, r++, ch, 7);
        for (size_t k = 0; k < nr; k++)
            cs_line(w, ws, r++, rows[k]->term, rows[k]);
        if (nr == sizeof rows / sizeof rows[0])
            rpt_put_text(w, ws, r++, 0, "(the first 512; every row is in the Results sheet)", w->f.meta);
        r++;
    }
    return r;
}

/* ---------- the sheet ---------- */

static lxw_row_t outcome_block(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, const char *o)
{
    const char *tr = treatment_term(w, o);
    char b[2048], h1[64], h2[64];
    char ow[200]; /* the outcome's label, else its name in words */
    rpt_trf(w, b, sizeof b, "Outcome: %s", rpt_words(w, o, ow, sizeof ow));
    rpt_put_text(w, ws, r++, 0, b, w->f.subtitle);
    double N = summary_value(w, o, "observations"), U = summary_value(w, o, "units"),
           T = summary_value(w, o, "periods"), P0 = summary_value(w, o, "first_period"),
           G = summary_value(w, o, "clusters"), G1 = summary_value(w, o, "treated_clusters"),
           F = summary_value(w, o, "first_treated_period"), sw = summary_value(w, o, "fe_sweeps"),
           mn = summary_value(w, o, "smallest_cluster"), mx = summary_value(w, o, "largest_cluster");
    rpt_trf(w, b, sizeof b,
             "%.0f person-periods of %.0f units over %.0f periods from %.0f, in %.0f clusters (%.0f to %.0f "
             "observations each), %.0f treated%s%s. Unit and period fixed effects by the within-transformation "
             "(%.0f alternating-projection sweeps).",
             N, U, T, P0, G, mn, mx, G1, isnan(F) ? "" : rpt_tr(w, ", first treated period "),
             isnan(F) ? "" : (snprintf(h1, sizeof h1, "%.0f", F), h1), sw);
    rpt_merge_text(w, ws, r++, 0, 7, b, w->f.meta, rpt_lines_for(b, 140));
    const core_result_row *v = find(w, "panel_summary", o, "verdict", NULL);
    if (v && v->label) {
        rpt_put_text(w, ws, r++, 0, "Which inference to trust here", w->f.key);
        rpt_merge_text(w, ws, r++, 0, 7, v->label, w->f.sentence, rpt_lines_for(v->label, 110));
    }
    r++;
    /* 1. every inference side by side */
    rpt_put_text(w, ws, r++, 0, "Effect of the treatment, every inference side by side", w->f.subtitle);
    rpt_trf(w, h1, sizeof h1, "Estimate (%s CI)", w->conf);
    const char *hd[] = {"Method", h1, "SE", "Statistic", "df", "p-value", "Notes"};
    header(w, ws, r++, hd, 7);
    static const struct {
        const char *a, *m;
    } rows[] = {{"twfe", "classical"},  {"twfe", "cr1"},
                {"twfe", "cr1_areg"},   {"twfe", "cr1_xtreg"},
                {"twfe", "cr1_gonly"},  {"twfe", "cr2"},
                {"twfe", "wild"},       {"randomization_inference", "placebo_clusters"},
                {"randomization_inference", "placebo_clusters_t"}, {"randomization_inference", "conley_taber"},
                {"randomization_inference", "conley_taber_fp"}, {"synthetic_control", "outcome_path"}};
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        const core_result_row *x = find(w, rows[k].a, o, tr, rows[k].m);
        if (!x)
            continue;
        double lev = attained(w, o, tr, rows[k].m);
        if (!isnan(lev) && !isnan(x->ci_low)) {
            rpt_trf(w, b, sizeof b, "%s: attained coverage %.1f%%, not %s", rpt_tr(w, method_words(rows[k].a, rows[k].m)),
                     100 * lev, w->conf);
            rpt_put_text(w, ws, r, 0, b, w->f.wrap);
        } else if (!isnan(lev)) {
            rpt_trf(w, b, sizeof b, "%s: smallest possible p %.3g", rpt_tr(w, method_words(rows[k].a, rows[k].m)),
                     1.0 / x->n);
            rpt_put_text(w, ws, r, 0, b, w->f.wrap);
        } else
            rpt_put_text(w, ws, r, 0, method_words(rows[k].a, rows[k].m), w->f.wrap);
        if (isnan(x->ci_low) && !isnan(x->estimate))
            rpt_put_text(w, ws, r, 1, rpt_fmt_num(x->estimate, 2, b, sizeof b), w->f.right);
        else
            rpt_effect_cell(w, ws, r, 1, x, 1.0, 2);
        rpt_put_num(w, ws, r, 2, x->se, w->f.num2);
        rpt_put_num(w, ws, r, 3, x->statistic, w->f.num2);
        rpt_put_num(w, ws, r, 4, x->df, x->df == floor(x->df) ? w->f.integer : w->f.num2);
        rpt_p_cell(w, ws, r, 5, x);
        rpt_put_text(w, ws, r, 6, x->label, w->f.wrap);
        height(w, ws, r, x->label ? rpt_lines_for(x->label, 70) : 1);
        r++;
    }
    /* extra null hypotheses of the wild bootstrap */
    size_t tl = tr ? strlen(tr) : 0;
    for (size_t i = 0; tr && i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (!rpt_str_eq(x->module, "did") || !rpt_str_eq(x->analysis, "twfe") || !rpt_str_eq(x->outcome, o) ||
            !rpt_str_eq(x->method, "wild") || !x->term || strncmp(x->term, tr, tl) != 0 || x->term[tl] != ':')
            continue;
        rpt_trf(w, b, sizeof b, "Wild bootstrap test of %s", x->term + tl + 1);
        rpt_put_text(w, ws, r, 0, b, w->f.wrap);
        rpt_put_num(w, ws, r, 3, x->statistic, w->f.num2);
        rpt_p_cell(w, ws, r, 5, x);
        rpt_put_text(w, ws, r, 6, x->label, w->f.wrap);
        r++;
    }
    r++;
    r = staggered_block(w, ws, r, o, tr);
    lxw_row_t charts_at = r;
    lxw_row_t min_end = r;
    /* 2. placebo distribution */
    const core_result_row *ri = find(w, "randomization_inference", o, tr, "placebo_clusters");
    if (ri && !isnan(ri->p_value)) {
        rpt_put_text(w, ws, r++, 0, "Placebo distribution (randomisation inference)", w->f.subtitle);
        const char *ph[] = {"Treatment placed in", "Estimate"};
        header(w, ws, r++, ph, 2);
        lxw_row_t first = r;
        rpt_put_text(w, ws, r, 0, "actual (treated)", w->f.key);
        rpt_put_num(w, ws, r++, 1, ri->estimate, w->f.num2);
        for (size_t i = 0; i < w->res->n; i++) {
            const core_result_row *x = &w->res->rows[i];
            if (!rpt_str_eq(x->module, "did") || !rpt_str_eq(x->analysis, "randomization_inference") ||
                !rpt_str_eq(x->outcome, o) || !rpt_str_eq(x->method, "placebo_clusters") || !x->term ||
                strncmp(x->term, "placebo[", 8) != 0)
                continue;
            size_t l = strlen(x->term);
            snprintf(b, sizeof b, "%.*s", (int)(l > 9 ? l - 9 : 0), x->term + 8);
            rpt_put_text(w, ws, r, 0, b, NULL);
            rpt_put_num(w, ws, r++, 1, x->estimate, w->f.num2);
        }
        if (r - first > 1)
            placebo_chart(w, ws, first, r - 1, charts_at, 8, 0);
        min_end = charts_at + 16;
        r++;
    }
    /* 3. synthetic control gaps */
    const core_result_row *sc = find(w, "synthetic_control", o, tr, "outcome_path");
    if (sc && !isnan(sc->estimate)) {
        rpt_put_text(w, ws, r++, 0, "Synthetic control: gap by period", w->f.subtitle);
        double F0 = summary_value(w, o, "first_treated_period"), lo = INFINITY, hi = -INFINITY;
        const char *gh[] = {"Period", "Treated minus synthetic"};
        header(w, ws, r++, gh, 2);
        lxw_row_t first = r;
        for (size_t i = 0; i < w->res->n; i++) {
            const core_result_row *x = &w->res->rows[i];
            double per;
            if (!rpt_str_eq(x->module, "did") || !rpt_str_eq(x->analysis, "synthetic_control") ||
                !rpt_str_eq(x->outcome, o) || !x->term || strncmp(x->term, "gap[", 4) != 0)
                continue;
            snprintf(h2, sizeof h2, "%s", x->term + 4);
            h2[strcspn(h2, "]")] = 0;
            if (rpt_is_number(h2, &per))
                rpt_put_num(w, ws, r, 0, per, NULL);
            else
                rpt_put_text(w, ws, r, 0, h2, NULL);
            if (isfinite(x->estimate)) {
                lo = x->estimate < lo ? x->estimate : lo;
                hi = x->estimate > hi ? x->estimate : hi;
            }
            rpt_put_num(w, ws, r++, 1, x->estimate, w->f.num2);
        }
        if (r > first) /* with the start of treatment marked, from the lowest to the highest gap */
            gap_chart(w, ws, first, r - 1, charts_at + 16, 8, r >= first + 2 ? F0 : NAN, lo, hi);
        if (min_end < charts_at + 30)
            min_end = charts_at + 30;
        r++;
    }
    /* 4. event study */
    const core_result_row *ref = find(w, "event_study", o, "-1", "cr1");
    if (ref && !isnan(ref->estimate)) {
        rpt_put_text(w, ws, r++, 0, "Event study (reference period -1)", w->f.subtitle);
        rpt_trf(w, h1, sizeof h1, "CI low (%s)", w->conf);
        rpt_trf(w, h2, sizeof h2, "CI high (%s)", w->conf);
        const char *eh[] = {"Relative period", "Estimate", h1, h2, "p (CR1)", "p (random.)", "Notes"};
        header(w, ws, r, eh, 7);
        height(w, ws, r++, 2);
        lxw_row_t first = r;
        lxw_row_t ev_at = r;
        for (size_t i = 0; i < w->res->n; i++) {
            const core_result_row *x = &w->res->rows[i];
            double rel;
            if (!rpt_str_eq(x->module, "did") || !rpt_str_eq(x->analysis, "event_study") ||
                !rpt_str_eq(x->outcome, o) || !rpt_str_eq(x->method, "cr1") || !rpt_is_number(x->term, &rel))
                continue;
            rpt_put_num(w, ws, r, 0, rel, NULL);
            rpt_put_num(w, ws, r, 1, x->estimate, w->f.num2);
            /* the reference period's interval is the point itself, so the plot's lines pass through it */
            rpt_put_num(w, ws, r, 2, isnan(x->ci_low) && x->estimate == 0 ? 0 : x->ci_low, w->f.num2);
            rpt_put_num(w, ws, r, 3, isnan(x->ci_high) && x->estimate == 0 ? 0 : x->ci_high, w->f.num2);
            rpt_p_cell(w, ws, r, 4, isnan(x->p_value) ? NULL : x);
            const core_result_row *rr = find(w, "event_study", o, x->term, "randomization");
            if (rr)
                rpt_p_cell(w, ws, r, 5, rr);
            rpt_put_text(w, ws, r, 6, x->label, w->f.wrap);
            r++;
        }
        if (r > first)
            event_chart(w, ws, first, r - 1, ev_at > min_end ? ev_at : min_end, 8, o);
        lxw_row_t ev_end = (ev_at > min_end ? ev_at : min_end) + 16;
        for (size_t i = 0; i < w->res->n; i++) {
            const core_result_row *x = &w->res->rows[i];
            if (!rpt_str_eq(x->module, "did") || !rpt_str_eq(x->analysis, "pretrend_test") ||
                !rpt_str_eq(x->outcome, o))
                continue;
            rpt_trf(w, b, sizeof b, "Pre-trend test (%s)", rpt_str_eq(x->method, "randomization") ? rpt_tr(w, "randomisation") :
                     rpt_tr(w, "joint Wald, CR1"));
            rpt_put_text(w, ws, r, 0, b, w->f.key);
            rpt_put_num(w, ws, r, 1, x->statistic, w->f.num2);
            rpt_p_cell(w, ws, r, 4, x);
            rpt_merge_text(w, ws, r, 5, 6, x->label, w->f.wrap, x->label ? rpt_lines_for(x->label, 60) : 1);
            r++;
        }
        min_end = ev_end;
    }
    if (r < min_end)
        r = min_end;
    return r + 2;
}

core_status rpt_sheet_did(rpt_wctx *w, core_err *err)
{
    lxw_worksheet *ws;
    core_status st = rpt_add_sheet(w, w->sheet ? w->sheet->name : "Registry", &ws, err);
    if (st != CORE_OK)
        return st;
    /* one landscape page wide, the charts beside on the next page; two pages down of each */
    rpt_print_pages(w, ws, 4);
    rpt_set_cols(w, ws, 0, 0, 30, NULL);
    rpt_set_cols(w, ws, 1, 1, 18, NULL);
    rpt_set_cols(w, ws, 2, 5, 11, NULL);
    rpt_set_cols(w, ws, 6, 6, 44, NULL);
    lxw_row_t r = 0;
    rpt_put_text(w, ws, r++, 0, "Registry: real-world effect by difference-in-differences", w->f.title);
    const char *intro = "Two-way fixed effects on the person-period panel, with every inference the design allows "
                        "side by side. With few clusters, and above all with one treated cluster, standard errors "
                        "that treat clusters as many and alike claim more precision than the design supports; the "
                        "verdict under each outcome says which numbers to trust. Rows are in the Results sheet.";
    rpt_merge_text(w, ws, r++, 0, 7, intro, w->f.meta, rpt_lines_for(intro, 140));
    if (w->run && w->run->synthetic)
        rpt_put_text(w, ws, r++, 0, "Synthetic example data: not real registry records.", w->f.synthetic);
    r++;
    const char *outs[MAX_OUTCOMES];
    size_t no = outcomes(w, outs);
    for (size_t k = 0; k < no; k++)
        r = outcome_block(w, ws, r, outs[k]);
    return CORE_OK;
}

/* ---------- Methods ---------- */

static const rpt_method_info did_methods[] = {
    {"panel_summary", NULL, "Panel description",
     "Observations, units, periods, clusters (treated), fixed-effect parameters absorbed and the alternating "
     "projections' sweeps and last change; the verdict says which inference the design supports.",
     "Cameron AC, Miller DL. A practitioner's guide to cluster-robust inference. J Hum Resour 2015;50:317-372"},
    {"twfe", "classical", "Two-way fixed effects, classical SE",
     "y_it = a_i + l_t + b D_it + X_it g + e_it by the within-transformation (alternating projections, never dummy "
     "columns); iid standard error, t on N - K df.",
     "Gaure S. OLS with multiple high dimensional category variables. Comput Stat Data Anal 2013;66:8-18"},
    {"twfe", "cr1", "Cluster-robust CR1 (reghdfe/fixest degrees of freedom)",
     "Sandwich with cluster scores, factor G/(G-1)(N-1)/(N-K), K = regressors and fixed effects not nested in "
     "the clusters; t on G-1 df.",
     "Cameron AC, Miller DL. J Hum Resour 2015;50:317-372; Correia S. reghdfe (2016)"},
    {"twfe", "cr1_areg", "Cluster-robust CR1 (areg degrees of freedom)",
     "As CR1 with K counting every fixed effect (Stata areg, R sandwich::vcovCL HC1); t on G-1 df.",
     "Zeileis A, Köll S, Graham N. Various versatile variances. J Stat Softw 2020;95(1):1-36"},
    {"twfe", "cr1_xtreg", "Cluster-robust CR1 (xtreg degrees of freedom)",
     "As CR1 with K = regressors, non-nested fixed effects and the constant (Stata xtreg, fe); t on G-1 df.",
     "StataCorp. Stata 17 Base Reference Manual: xtreg"},
    {"twfe", "cr1_gonly", "Cluster-robust CR0 x G/(G-1)",
     "Sandwich with the cluster factor G/(G-1) only; t on G-1 df.",
     "Zeileis A, Köll S, Graham N. J Stat Softw 2020;95(1):1-36"},
    {"twfe", "cr2", "CR2 (Bell-McCaffrey) with Satterthwaite df",
     "Residuals of each cluster scaled by (I - H_gg)^(-1/2) of the full dummy-variable model; t test with the "
     "Satterthwaite degrees of freedom of the working model (as R clubSandwich).",
     "Bell RM, McCaffrey DF. Survey Methodology 2002;28:169-181; Pustejovsky JE, Tipton E. J Bus Econ Stat "
     "2018;36:672-683"},
    {"twfe", "wild", "Restricted wild cluster bootstrap (WCR)",
     "Null imposed, Rademacher or Webb weights per cluster, full enumeration when 2^G is at most the draws; computed "
     "on cluster sufficient statistics without refitting; interval by test inversion.",
     "Cameron AC, Gelbach JB, Miller DL. Rev Econ Stat 2008;90:414-427; Roodman D, MacKinnon JG, Nielsen MØ, Webb MD. "
     "Fast and wild. Stata J 2019;19:4-60; Webb MD. Queen's Economics WP 1315 (2014)"},
    {"randomization_inference", "placebo_clusters", "Randomisation inference over placebo clusters",
     "The treatment moved to every other set of clusters with the same start; p = share of assignments with an "
     "estimate at least as large in absolute value (exact when all are enumerated).",
     "MacKinnon JG, Webb MD. Randomization inference for difference-in-differences with few treated clusters. "
     "J Econometrics 2020;218:435-450"},
    {"randomization_inference", "placebo_clusters_t", "Randomisation inference on the cluster-robust t-statistic",
     "As the placebo-cluster comparison, with the CR1 t-statistic of each placebo fit in place of the coefficient, "
     "which keeps its level better when clusters differ in size. With m assignments p-values are multiples of 1/m: "
     "a test at level a has exact size floor(a m)/m (0 at 5% with 11 clusters), stated in the results.",
     "MacKinnon JG, Webb MD. Randomization inference for difference-in-differences with few treated clusters. "
     "J Econometrics 2020;218:435-450"},
    {"randomization_inference", "conley_taber", "Conley-Taber interval",
     "The treated cluster's error contribution approximated by the control clusters' cluster-period residuals; the "
     "interval is the estimate minus order statistics of that distribution. With N0 controls it covers exactly "
     "(ih - il)/(N0 + 1) under exchangeable clusters; when no bounded interval reaches the requested level the "
     "minimum-to-maximum interval is given with its level, (N0 - 1)/(N0 + 1) = 81.8% for ten controls.",
     "Conley TG, Taber CR. Inference with difference in differences with a small number of policy changes. Rev "
     "Econ Stat 2011;93:113-125"},
    {"randomization_inference", "conley_taber_fp", "Conley-Taber with the Ferman-Pinto correction",
     "Each control's draw rescaled by sqrt(v(M_treated)/v(M_control)), v(M) = A + B/M fitted to the controls' squared "
     "error terms on 1/M (M = observations in the cluster): clusters of different sizes have errors of different "
     "variance. Asymptotic in the number of controls: its level is approximate.",
     "Ferman B, Pinto C. Inference in differences-in-differences with few treated groups and heteroskedasticity. Rev "
     "Econ Stat 2019;101:452-467"},
    {"synthetic_control", NULL, "Synthetic control with placebo test",
     "Convex weights of control clusters matching the treated cluster's pre-period means; effect = mean gap after "
     "treatment; p = rank of the post/pre RMSPE ratio among all clusters, each control in turn as if treated.",
     "Abadie A, Diamond A, Hainmueller J. J Am Stat Assoc 2010;105:493-505; Abadie A. J Econ Lit 2021;59:391-425"},
    {"cs_att_gt", NULL, "Group-time effects ATT(g,t) (staggered adoption)",
     "Unconditional Callaway-Sant'Anna: the mean change of cohort g from the base period to t minus that of the "
     "controls (never-treated, or not-yet-treated: cohort later than both periods); base g-1 after the start and t-1 "
     "before it (varying, as R did) or g-1 throughout (universal). SE from the cluster-summed influence function; "
     "interval from a cluster multiplier bootstrap (Rademacher).",
     "Callaway B, Sant'Anna PHC. Difference-in-differences with multiple time periods. J Econometrics "
     "2021;225:200-230"},
    {"cs_aggregate", NULL, "Aggregated group-time effects",
     "simple: post-period cells weighted by cohort size; group_average: the cohorts' mean post effects weighted by "
     "size; event_average: the mean of the event-time effects from 0 on. The estimated weights enter the influence "
     "function (as R did's aggte).",
     "Callaway B, Sant'Anna PHC. J Econometrics 2021;225:200-230"},
    {"cs_group", NULL, "Group-time effects by cohort", "The mean of a cohort's post-period ATT(g,t).",
     "Callaway B, Sant'Anna PHC. J Econometrics 2021;225:200-230"},
    {"cs_event", NULL, "Event study on group-time effects",
     "ATT(g, g+e) averaged over cohorts with cohort-size weights, for every event time e (negative: pre-trends).",
     "Callaway B, Sant'Anna PHC. J Econometrics 2021;225:200-230; Sun L, Abraham S. J Econometrics 2021;225:175-199"},
    {"cs_pretrend", NULL, "Pre-trend tests on group-time effects",
     "Wald chi-square that every pre-period ATT(g,t) is 0 with their cluster covariance (when it is of full rank), and "
     "the sup-t test of the largest |ATT/se| against the multiplier bootstrap.",
     "Callaway B, Sant'Anna PHC. J Econometrics 2021;225:200-230; Roth J. Am Econ Rev Insights 2022;4:305-322"},
    {"bacon", NULL, "Goodman-Bacon decomposition of TWFE",
     "Every 2x2 difference-in-differences between two adoption groups that the TWFE coefficient averages, with its "
     "weight (statistic): treated vs never, earlier vs later, and the forbidden later vs earlier (and vs always "
     "treated) comparisons that use already-treated units as controls.",
     "Goodman-Bacon A. Difference-in-differences with variation in treatment timing. J Econometrics 2021;225:254-277"},
    {"bacon_summary", NULL, "Goodman-Bacon decomposition by comparison type",
     "Total weight (statistic) and weighted mean 2x2 estimate per comparison type; total: the weights sum to 1 and "
     "reproduce the TWFE coefficient.",
     "Goodman-Bacon A. J Econometrics 2021;225:254-277"},
    {"event_study", NULL, "Event study",
     "Leads and lags of the first treated period (reference -1, end points binned) in the same fixed-effects model; "
     "CR1 and randomisation p-values per period.",
     "Schmidheiny K, Siegloch S. On event studies and distributed-lags in two-way fixed effects models. J Appl "
     "Econometrics 2023;38:695-713"},
    {"pretrend_test", NULL, "Joint pre-trend test",
     "Wald F test that every lead is zero (CR1 covariance, G-1 denominator df), and its randomisation version (sum of "
     "squared leads against the placebo assignments).",
     "Roth J. Pretest with caution: event-study estimates after testing for parallel trends. Am Econ Rev Insights "
     "2022;4:305-322"},
};

const rpt_method_table rpt_methods_did = {did_methods, sizeof did_methods / sizeof did_methods[0]};
