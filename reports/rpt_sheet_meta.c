/* The meta-analysis (module "meta"): the "Meta-analysis" sheet (pooled effects by method, forest plot,
 * heterogeneity, prediction interval, leave-one-out, cumulative, meta-regression), its Summary
 * headline and its Methods entries.
 *
 * The forest plot (libxlsxwriter 1.1.4 has no per-point error bars, PITFALLS.md): the studies' intervals as one
 * scatter series of line segments (a gap between rows), their estimates as squares sized by weight, the pooled
 * estimate as a diamond (a closed five-point line) spanning its interval, the prediction interval on a named row
 * of its own, a dashed line at no effect, the names in a column left of every line and, for a ratio, the x axis
 * in log units with tick labels at 1-2-5 steps drawn by a series of their own. It reads the hidden chart-data
 * sheet and stands above the studies' table, so it prints with the pooled effects. */
#include "reports/rpt_internal.h"
#include "reports/rpt_msg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHEET "Meta-analysis"
#define FOREST_PX(n) (100.0 + 26.0 * (double)((n) + 4)) /* the forest plot's height in pixels for n studies */
#define MAX_PLOT_ROWS 240 /* Excel allows 255 series in a chart; the plot shows at most this many studies */

/* What the sheet and the headline read from the rows. */
typedef struct meta_view {
    const char *outcome;
    const char *term;    /* rr, or, rd, md, smd, effect */
    const char *measure; /* "RR", ... for headings */
    int ratio;           /* 1: estimates are ratios (log axis, no effect = 1) */
    double scale;        /* 100 for RD (percentage points), else 1 */
    const char *primary; /* method of the leave-one-out rows: the primary method */
    const core_result_row *pooled, *pi, *tau2, *i2;
} meta_view;

/* First meta row of an analysis with the term and method when given (one [meta] section: any outcome). */
static const core_result_row *find(const rpt_wctx *w, const char *analysis, const char *term, const char *method)
{
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *r = &w->res->rows[i];
        if (rpt_str_eq(r->module, "meta") && rpt_str_eq(r->analysis, analysis) && (!term || rpt_str_eq(r->term, term)) &&
            (!method || rpt_str_eq(r->method, method)))
            return r;
    }
    return NULL;
}

static void view_open(const rpt_wctx *w, meta_view *v)
{
    memset(v, 0, sizeof *v);
    const core_result_row *p = find(w, "pooled", NULL, NULL);
    v->term = p && p->term ? p->term : "effect";
    v->outcome = p ? p->outcome : NULL;
    static const char *const terms[][2] = {{"rr", "RR"},   {"or", "OR"},   {"rd", "RD"},
                                           {"md", "MD"},   {"smd", "SMD"}, {"ratio", "Ratio"}};
    v->measure = "Effect";
    for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++)
        if (rpt_str_eq(v->term, terms[i][0]))
            v->measure = terms[i][1];
    v->ratio = rpt_str_eq(v->term, "rr") || rpt_str_eq(v->term, "or") || rpt_str_eq(v->term, "ratio");
    v->scale = rpt_str_eq(v->term, "rd") ? 100.0 : 1.0;
    const core_result_row *l = find(w, "leave_one_out", NULL, NULL);
    v->primary = l ? l->method : p ? p->method : NULL;
    v->pooled = find(w, "pooled", NULL, v->primary);
    if (!v->pooled)
        v->pooled = p;
    v->pi = find(w, "prediction_interval", NULL, v->primary);
    v->tau2 = find(w, "heterogeneity", "tau2", v->primary);
    v->i2 = find(w, "heterogeneity", "I2", v->primary);
}

/* "REML, Knapp-Hartung" for a method name such as "reml_hk". */
static const char *method_words(const char *m, char *buf, size_t size)
{
    static const char *const names[][2] = {{"fixed", "common (fixed) effect, inverse variance"},
                                           {"mh", "Mantel-Haenszel"},
                                           {"dl", "random effects, DerSimonian-Laird"},
                                           {"reml", "random effects, REML"},
                                           {"ml", "random effects, ML"},
                                           {"pm", "random effects, Paule-Mandel"}};
    if (!m)
        return "";
    size_t n = strlen(m);
    int hk = n > 3 && strcmp(m + n - 3, "_hk") == 0, hts = n > 4 && strcmp(m + n - 4, "_hts") == 0;
    char base[32];
    snprintf(base, sizeof base, "%.*s", (int)(n - (hk ? 3 : hts ? 4 : 0)), m);
    const char *b = base;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(base, names[i][0]) == 0)
            b = names[i][1];
    snprintf(buf, size, "%s%s", b, hk ? ", Knapp-Hartung" : hts ? " (t on k-2 df)" : "");
    return buf;
}

static void effect_text(const meta_view *v, const core_result_row *x, int digits, char *buf, size_t size)
{
    if (!x || isnan(x->estimate))
        snprintf(buf, size, "%s", x && x->label ? x->label : "n/a");
    else
        rpt_fmt_ci(v->scale * x->estimate, v->scale * x->ci_low, v->scale * x->ci_high, digits, buf, size);
}

/* A row's effect in a table: the interval as numbers (rpt_ci_cell), or the row's reason (in format f) when undefined. */
static void effect_cell(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const meta_view *v,
                        const core_result_row *x, int digits, const char *undefined, lxw_format *f)
{
    if (!x || isnan(x->estimate))
        rpt_put_text(w, ws, r, c, undefined ? undefined : x && x->label ? x->label : "n/a", f);
    else
        rpt_ci_cell(w, ws, r, c, v->scale * x->estimate, v->scale * x->ci_low, v->scale * x->ci_high, digits, 0,
                    w->f.right);
}

/* ---------- Summary headline ---------- */

core_status rpt_meta_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *row, core_err *err)
{
    meta_view v;
    view_open(w, &v);
    if (!v.pooled)
        return CORE_OK;
    char b[2048], e[256], pi[256] = "", het[160] = "", mw[128];
    lxw_row_t r = *row;
    rpt_put_text(w, ws, r++, 0, "Published trials (meta-analysis)", w->f.subtitle);
    effect_text(&v, v.pooled, 2, e, sizeof e);
    if (v.pi && !isnan(v.pi->ci_low) && !rpt_str_eq(v.primary, "fixed") && !rpt_str_eq(v.primary, "mh")) {
        char lo[48], hi[48];
        rpt_trf(w, pi, sizeof pi, "; in a new setting like these the effect would lie between %s and %s (%s prediction "
                 "interval)",
                 rpt_fmt_num(v.scale * v.pi->ci_low, 2, lo, sizeof lo),
                 rpt_fmt_num(v.scale * v.pi->ci_high, 2, hi, sizeof hi), w->conf);
    }
    if (v.i2 && !isnan(v.i2->estimate)) {
        char i2[48];
        rpt_trf(w, het, sizeof het, "; I\xc2\xb2 = %s%%", rpt_fmt_num(v.i2->estimate, 0, i2, sizeof i2));
    }
    char pe[48], plo[48], phi[48];
    if (isnan(v.pooled->ci_low) || isnan(v.pooled->ci_high)) /* an undefined interval (Knapp-Hartung scale 0) */
        rpt_trf(w, e, sizeof e, "%s (no %s CI: %s)", rpt_fmt_num(v.scale * v.pooled->estimate, 2, pe, sizeof pe),
                 w->conf,
                 v.pooled->label && strstr(v.pooled->label, "Knapp-Hartung scale is 0")
                     ? rpt_tr(w, "the studies agree exactly, so the Knapp-Hartung interval is undefined")
                     : rpt_tr(w, "undefined"));
    else
        rpt_trf(w, e, sizeof e, "%s (%s CI %s to %s)", rpt_fmt_num(v.scale * v.pooled->estimate, 2, pe, sizeof pe),
                 w->conf, rpt_fmt_num(v.scale * v.pooled->ci_low, 2, plo, sizeof plo),
                 rpt_fmt_num(v.scale * v.pooled->ci_high, 2, phi, sizeof phi));
    rpt_trf(w, b, sizeof b, "%.0f published trials pooled (%s): %s %s%s%s.", v.pooled->n,
             rpt_tr(w, method_words(v.primary, mw, sizeof mw)), v.measure, e, pi, het);
    rpt_merge_text(w, ws, r++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 90));
    if (v.pooled->label && strstr(v.pooled->label, "very few studies"))
        rpt_merge_text(w, ws, r++, 0, 5,
                       "With so few studies the between-study variance is imprecise and the interval wide.", w->f.note,
                       1);
    r++;
    *row = r;
    (void)err;
    return CORE_OK;
}

/* ---------- the forest plot ---------- */

/* What the plot draws, on the measure's scale (ratios as ratios): the studies, the pooled estimate and the prediction
 * interval (NaN: none). */
typedef struct plot_rows {
    size_t n;
    const char **names;
    double *est, *lo, *hi, *wt;
    double p_est, p_lo, p_hi, pi_lo, pi_hi;
    double xmin, xmax; /* the axis' range (1-2-5 steps) */
} plot_rows;

static lxw_chart_series *styled(lxw_chart_series *s, lxw_color_t color, double width)
{
    if (s) {
        lxw_chart_line line = {.color = color, .width = (float)width};
        chart_series_set_line(s, &line);
        chart_series_set_marker_type(s, LXW_CHART_MARKER_NONE);
    }
    return s;
}

/* Literal labels for the points of series s (NULL or "": none). */
static void point_labels(rpt_wctx *w, lxw_chart_series *s, const char *const *text, size_t n,
                         uint8_t position, double size_pt, int bold)
{
    lxw_chart_data_label *labels = calloc(n, sizeof *labels);
    lxw_chart_data_label **lp = calloc(n + 1, sizeof *lp);
    if (!s || !labels || !lp) {
        free(labels), free(lp);
        w->nomem |= s != NULL;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        labels[i].value = (char *)(text[i] && *text[i] ? text[i] : " ");
        labels[i].hide = !(text[i] && *text[i]);
        lp[i] = &labels[i];
    }
    rpt_err_at(w, rpt_chart_labels(s, lp), w->cd, 0, 0);
    chart_series_set_labels_position(s, position);
    lxw_chart_font f = {.size = size_pt, .bold = (uint8_t)bold};
    chart_series_set_labels_font(s, &f);
    free(lp), free(labels);
}

/*
 * The forest plot: a row per study (its interval as a line, its estimate as a square sized by its weight), the pooled
 * estimate as a diamond spanning its interval, the prediction interval on a row of its own, a dashed line at no
 * effect. The names stand in a column of their own at the plot's left, clear of every line. A ratio is drawn on a
 * log scale with ticks at 1-2-5 steps (0.5, 1, 2, 5, 10 ...): the x axis carries log(ratio) and the tick labels are
 * the ratios themselves, written by a series of its own. All of it reads the hidden chart-data sheet.
 */
static core_status forest_chart(rpt_wctx *w, lxw_worksheet *ws, const meta_view *v, const plot_rows *p,
                                lxw_row_t at_row, lxw_col_t at_col, core_err *err)
{
    lxw_chart *ch = workbook_add_chart(w->book, LXW_CHART_SCATTER_STRAIGHT);
    if (!ch)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding the forest plot");
    size_t n = p->n, m = 3 * n + 16;
    double *x = calloc(m, sizeof *x), *y = calloc(m, sizeof *y);
    const char **lab = calloc(m, sizeof *lab);
    char (*tick_text)[24] = calloc(32, sizeof *tick_text);
    if (!x || !y || !lab || !tick_text) {
        free(x), free(y), free(lab), free(tick_text);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding the forest plot");
    }
#define TX(u) (v->ratio ? log(u) : (u))
    /* rows: the studies from the top (y = n + 1 .. 2), the pooled diamond at 1, the prediction interval at 0 */
    double ytop = (double)n + 1.7, ybot = -0.6, span = TX(p->xmax) - TX(p->xmin);
    const char *pooled_name = rpt_tr(w, "Pooled estimate"), *pi_name = rpt_tr(w, "Prediction interval");
    size_t longest = strlen(pooled_name) > strlen(pi_name) ? strlen(pooled_name) : strlen(pi_name);
    for (size_t i = 0; i < n; i++)
        if (p->names[i] && strlen(p->names[i]) > longest)
            longest = strlen(p->names[i]);
    /* the names' column: its share of the plot's width from the longest name (about 5.5 px a character of 8 pt in
     * a plot about 700 px wide), 20% to 45% */
    double share = (5.5 * (double)(longest > 48 ? 48 : longest) + 16) / 700.0;
    share = share < 0.2 ? 0.2 : share > 0.45 ? 0.45 : share;
    double xleft = TX(p->xmin) - span * share / (1 - share);
    /* study intervals: one series, a gap between rows */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        double yy = (double)(n + 1 - i);
        x[k] = TX(p->lo[i]), y[k++] = yy;
        x[k] = TX(p->hi[i]), y[k++] = yy;
        x[k] = NAN, y[k++] = NAN;
    }
    styled(rpt_cd_xy(w, ch, x, y, k), 0x404040, 1.25);
    /* the estimates: squares, larger for a larger weight (one series per size class keeps it to a few series) */
    double wmax = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(p->wt[i]) && p->wt[i] > wmax)
            wmax = p->wt[i];
    for (int cls = 0; cls < 3; cls++) {
        k = 0;
        for (size_t i = 0; i < n; i++) {
            double r = wmax > 0 && !isnan(p->wt[i]) ? p->wt[i] / wmax : 1;
            int c = r > 2.0 / 3 ? 2 : r > 1.0 / 3 ? 1 : 0;
            if (c == cls)
                x[k] = TX(p->est[i]), y[k++] = (double)(n + 1 - i);
        }
        lxw_chart_series *s = rpt_cd_xy(w, ch, x, y, k);
        if (!s)
            continue;
        lxw_chart_line none = {.none = LXW_TRUE};
        chart_series_set_line(s, &none);
        chart_series_set_marker_type(s, LXW_CHART_MARKER_SQUARE);
        chart_series_set_marker_size(s, (uint8_t)(5 + 2 * cls));
        lxw_chart_fill fill = {.color = 0x1F3864};
        chart_series_set_marker_fill(s, &fill);
    }
    /* the pooled estimate: a diamond from its lower to its upper limit */
    if (!isnan(p->p_est) && !isnan(p->p_lo) && !isnan(p->p_hi)) {
        double dx[5] = {TX(p->p_lo), TX(p->p_est), TX(p->p_hi), TX(p->p_est), TX(p->p_lo)};
        double dy[5] = {1, 1.38, 1, 0.62, 1};
        styled(rpt_cd_xy(w, ch, dx, dy, 5), 0xC00000, 2.0);
    } else if (!isnan(p->p_est)) { /* no interval: the estimate alone */
        lxw_chart_series *s = rpt_cd_xy(w, ch, (double[]){TX(p->p_est)}, (double[]){1}, 1);
        if (s) {
            chart_series_set_marker_type(s, LXW_CHART_MARKER_DIAMOND);
            chart_series_set_marker_size(s, 9);
        }
    }
    /* the prediction interval: a dashed line on its own row, named */
    int has_pi = !isnan(p->pi_lo) && !isnan(p->pi_hi);
    if (has_pi) {
        lxw_chart_series *s = rpt_cd_line(w, ch, TX(p->pi_lo), 0, TX(p->pi_hi), 0, 0xC00000, 1.5, 1);
        (void)s;
    }
    /* no effect */
    double none = v->ratio ? 1.0 : 0.0;
    rpt_cd_line(w, ch, TX(none), ybot, TX(none), ytop, 0x808080, 0.75, 1);
    /* the names, left of every line */
    k = 0;
    for (size_t i = 0; i < n; i++) {
        x[k] = xleft, y[k] = (double)(n + 1 - i), lab[k++] = p->names[i];
    }
    x[k] = xleft, y[k] = 1, lab[k++] = pooled_name;
    if (has_pi)
        x[k] = xleft, y[k] = 0, lab[k++] = pi_name;
    lxw_chart_series *names = rpt_cd_xy(w, ch, x, y, k);
    if (names) {
        lxw_chart_line none_line = {.none = LXW_TRUE};
        chart_series_set_line(names, &none_line);
        chart_series_set_marker_type(names, LXW_CHART_MARKER_NONE);
        point_labels(w, names, lab, k, LXW_CHART_LABEL_POSITION_RIGHT, 8, 0);
    }
    /* the x axis' ticks: 1-2-5 steps (ratios) or about five round steps, labelled with the measure's values */
    size_t nt = 0;
    double ticks[32];
    if (v->ratio) {
        for (double d = pow(10.0, floor(log10(p->xmin))); d <= p->xmax * (1 + 1e-9) && nt < 30; d *= 10)
            for (int q = 0; q < 3 && nt < 30; q++) {
                double t = d * (q == 0 ? 1 : q == 1 ? 2 : 5);
                if (t >= p->xmin * (1 - 1e-9) && t <= p->xmax * (1 + 1e-9))
                    ticks[nt++] = t;
            }
    } else {
        double raw = (p->xmax - p->xmin) / 5, mag = pow(10.0, floor(log10(raw > 0 ? raw : 1))), step = mag;
        if (raw > 5 * mag)
            step = 10 * mag;
        else if (raw > 2 * mag)
            step = 5 * mag;
        else if (raw > mag)
            step = 2 * mag;
        for (double t = ceil(p->xmin / step) * step; t <= p->xmax + 1e-9 * step && nt < 30; t += step)
            ticks[nt++] = fabs(t) < 1e-12 * step ? 0 : t;
    }
    k = 0;
    for (size_t i = 0; i < nt; i++) { /* light vertical grid lines at the ticks */
        x[k] = TX(ticks[i]), y[k++] = ybot;
        x[k] = TX(ticks[i]), y[k++] = ytop;
        x[k] = NAN, y[k++] = NAN;
    }
    styled(rpt_cd_xy(w, ch, x, y, k), 0xD9D9D9, 0.5);
    for (size_t i = 0; i < nt; i++) {
        char t[24], nb[24];
        snprintf(t, sizeof t, "%.4g", ticks[i]);
        snprintf(tick_text[i], sizeof tick_text[i], "%s",
                 w->run && w->run->language != RPT_LANG_EN ? rpt_msg_numbers_nb(t, nb, sizeof nb) : t);
        x[i] = TX(ticks[i]), y[i] = ybot, lab[i] = tick_text[i];
    }
    lxw_chart_series *tk = rpt_cd_xy(w, ch, x, y, nt);
    if (tk) {
        chart_series_set_marker_type(tk, LXW_CHART_MARKER_NONE);
        lxw_chart_line none_line = {.none = LXW_TRUE};
        chart_series_set_line(tk, &none_line);
        point_labels(w, tk, lab, nt, LXW_CHART_LABEL_POSITION_BELOW, 8, 0);
    }
#undef TX
    free(x), free(y), free(lab), free(tick_text);

    char name[160];
    rpt_trf(w, name, sizeof name, "%s (%s CI)%s", v->measure, w->conf, v->ratio ? rpt_tr(w, ", log scale") : "");
    chart_axis_set_name(ch->x_axis, rpt_chart_str(name));
    /* the axis spans the names' column and the ticks: its own numbers (log values) are not shown */
    chart_axis_set_min(ch->x_axis, xleft);
    chart_axis_set_max(ch->x_axis, (v->ratio ? log(p->xmax) : p->xmax) + 0.02 * span);
    chart_axis_set_label_position(ch->x_axis, LXW_CHART_AXIS_LABEL_POSITION_NONE);
    chart_axis_set_major_tick_mark(ch->x_axis, LXW_CHART_AXIS_TICK_MARK_NONE);
    chart_axis_major_gridlines_set_visible(ch->x_axis, LXW_FALSE);
    chart_axis_set_min(ch->y_axis, ybot - 0.9); /* room for the tick labels under the grid */
    chart_axis_set_max(ch->y_axis, ytop);
    chart_axis_off(ch->y_axis);
    chart_axis_set_crossing_min(ch->y_axis); /* the x axis at the bottom, under the prediction interval's row */
    chart_axis_major_gridlines_set_visible(ch->y_axis, LXW_FALSE);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    char ow[200];
    rpt_trf(w, name, sizeof name, "Forest plot: %s",
            v->outcome && *v->outcome ? rpt_words(w, v->outcome, ow, sizeof ow) : rpt_tr(w, "pooled effect"));
    chart_title_set_name(ch, rpt_chart_str(name));
    lxw_chart_font tf = {.size = 11, .bold = LXW_TRUE};
    chart_title_set_name_font(ch, &tf);
    double height = FOREST_PX(n);
    lxw_chart_options opt = {.x_scale = 1.6, .y_scale = height / 288.0, .y_offset = 4};
    rpt_err_at(w, worksheet_insert_chart_opt(ws, at_row, at_col, ch, &opt), ws, at_row, at_col);
    return CORE_OK;
}

/* The largest 1, 2, 5 x 10^n at or below x (up = 0), or the smallest at or above (up = 1). */
static double nice_log(double x, int up)
{
    double p = pow(10.0, floor(log10(x))), steps[] = {1, 2, 5, 10};
    if (up) {
        for (int i = 0; i < 4; i++)
            if (steps[i] * p >= x * (1 - 1e-12))
                return steps[i] * p;
        return 10 * p;
    }
    for (int i = 3; i >= 0; i--)
        if (steps[i] * p <= x * (1 + 1e-12))
            return steps[i] * p;
    return p;
}

/* Row r tall enough for `lines` wrapped lines. */
static void row_lines(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, int lines)
{
    if (lines > 1)
        rpt_err_at(w, worksheet_set_row(ws, r, 15.0 * lines, NULL), ws, r, 0);
}

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

/* ---------- the sheet ---------- */

/* A heading row of column titles. */
static void header_row(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, const char *const *h, size_t n)
{
    for (size_t c = 0; c < n; c++)
        rpt_put_text(w, ws, r, (lxw_col_t)c, h[c], w->f.header);
}

static void num_or_label(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double x, const char *label,
                         lxw_format *f)
{
    if (isnan(x))
        rpt_put_text(w, ws, r, c, label ? label : "", w->f.wrap);
    else
        rpt_put_num(w, ws, r, c, x, f);
}

core_status rpt_sheet_meta(rpt_wctx *w, core_err *err)
{
    meta_view v;
    view_open(w, &v);
    if (!v.pooled)
        return CORE_OK;
    lxw_worksheet *ws;
    core_status st = rpt_add_sheet(w, w->sheet->name, &ws, err);
    if (st != CORE_OK)
        return st;
    rpt_print_pages(w, ws, 4); /* the pooled effects and the forest plot (on two column groups) */
    const core_results *res = w->res;
    char b[2048], h[8][160], mw[128];
    const char *ci = w->conf;
    lxw_row_t r = 0;
    char ow[200]; /* the outcome's label, else its name in words */
    rpt_trf(w, b, sizeof b, "Meta-analysis of published studies%s%s", v.outcome && *v.outcome ? ": " : "",
             v.outcome && *v.outcome ? rpt_words(w, v.outcome, ow, sizeof ow) : "");
    rpt_put_text(w, ws, r++, 0, b, w->f.title);
    rpt_trf(w, b, sizeof b,
             "Measure: %s%s. Main method: %s. Intervals are %s confidence intervals; the prediction interval is where "
             "the effect of a new study like these would lie.",
             v.measure,
             v.ratio ? rpt_tr(w, " (pooled on the log scale, shown as ratios)") : v.scale == 100 ? rpt_tr(w, " (percentage points)") : "",
             rpt_tr(w, method_words(v.primary, mw, sizeof mw)), ci);
    rpt_merge_text(w, ws, r++, 0, 7, b, w->f.meta, rpt_lines_for(b, 150));
    r++;

    /* 1. Pooled effect by method. */
    rpt_put_text(w, ws, r++, 0, "Pooled effect by method", w->f.subtitle);
    rpt_trf(w, h[2], sizeof h[2], "%s (%s CI)", v.measure, ci);
    rpt_trf(w, h[5], sizeof h[5], "Prediction interval (%s)", ci);
    /* the notes under each method's row (beside it they would make the table wider than a printed page) */
    const char *ph[] = {"Method", "Studies", h[2], "p-value", "\xcf\x84\xc2\xb2", h[5], "I\xc2\xb2 %"};
    header_row(w, ws, r, ph, 7);
    row_lines(w, ws, r++, 2);
    for (size_t i = 0; i < res->n; i++) {
        const core_result_row *x = &res->rows[i];
        if (!rpt_str_eq(x->module, "meta") || !rpt_str_eq(x->analysis, "pooled"))
            continue;
        char e1[48];
        rpt_put_text(w, ws, r, 0, method_words(x->method, mw, sizeof mw), w->f.wrap);
        int lines = rpt_lines_for(mw, 34);
        rpt_put_num(w, ws, r, 1, x->n, w->f.count);
        effect_cell(w, ws, r, 2, &v, x, 2, NULL, w->f.right);
        rpt_p_cell(w, ws, r, 3, x);
        const core_result_row *t2 = find(w, "heterogeneity", "tau2", x->method);
        if (t2)
            rpt_put_text(w, ws, r, 4, rpt_fmt_num(t2->estimate, 4, e1, sizeof e1), w->f.right);
        const core_result_row *pi = find(w, "prediction_interval", NULL, x->method);
        if (pi)
            rpt_ci_cell(w, ws, r, 5, NAN, v.scale * pi->ci_low, v.scale * pi->ci_high, 2, 0, w->f.right);
        const core_result_row *i2 = find(w, "heterogeneity", "I2", x->method);
        if (i2)
            rpt_put_text(w, ws, r, 6, rpt_fmt_num(i2->estimate, 1, e1, sizeof e1), w->f.right);
        row_lines(w, ws, r, lines);
        r++;
        if (x->label && *x->label) {
            rpt_merge_text(w, ws, r, 0, 6, x->label, w->f.note, rpt_lines_for(x->label, 110));
            r++;
        }
    }
    r++;

    /* 2. The forest plot (under the pooled effects, so it prints with them), then its studies. */
    size_t n_st = 0, n_rows = 0, n_plot = 0;
    for (size_t i = 0; i < res->n; i++)
        if (rpt_str_eq(res->rows[i].module, "meta") && rpt_str_eq(res->rows[i].analysis, "study_effect")) {
            n_rows++;
            n_st += !isnan(res->rows[i].estimate);
        }
    lxw_row_t chart_at = r;
    if (n_st > 0)
        r += (lxw_row_t)ceil(0.75 * FOREST_PX(n_st < MAX_PLOT_ROWS ? n_st : MAX_PLOT_ROWS) / 15.0) + 2;
    rpt_put_text(w, ws, r++, 0, "Studies (forest plot)", w->f.subtitle);
    rpt_trf(w, h[0], sizeof h[0], "%s (%s CI)", v.measure, ci);
    snprintf(h[3], sizeof h[3], "%s", v.measure);
    const char *sh[] = {"Study", "Data", h[0], "Weight %", h[3], "CI low", "CI high"};
    header_row(w, ws, r, sh, 7);
    row_lines(w, ws, r++, 2);
    plot_rows pr = {.p_est = NAN, .p_lo = NAN, .p_hi = NAN, .pi_lo = NAN, .pi_hi = NAN};
    pr.names = calloc(n_rows + 1, sizeof *pr.names);
    double *arr = calloc(4 * (n_rows + 1), sizeof *arr);
    if (!pr.names || !arr) {
        free(pr.names), free(arr);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory writing the meta-analysis sheet");
    }
    pr.est = arr, pr.lo = arr + (n_rows + 1), pr.hi = arr + 2 * (n_rows + 1), pr.wt = arr + 3 * (n_rows + 1);
    double xmin = INFINITY, xmax = -INFINITY;
    for (int pass = 0; pass < 2; pass++) /* included studies first (they are the plot's rows), then the excluded */
        for (size_t i = 0; i < res->n; i++) {
            const core_result_row *x = &res->rows[i];
            if (!rpt_str_eq(x->module, "meta") || !rpt_str_eq(x->analysis, "study_effect"))
                continue;
            int inc = !isnan(x->estimate);
            if (inc != (pass == 0))
                continue;
            if (inc && n_plot >= MAX_PLOT_ROWS) /* past the plot's capacity: the table goes on */
                inc = 0;
            rpt_put_text(w, ws, r, 0, x->term, w->f.wrap);
            rpt_put_text(w, ws, r, 1, x->label, w->f.wrap);
            row_lines(w, ws, r, max_int(x->term ? rpt_lines_for(x->term, 34) : 1, x->label ? rpt_lines_for(x->label, 26) : 1));
            effect_cell(w, ws, r, 2, &v, x, 2, "excluded", w->f.right);
            const core_result_row *wt = find(w, "study_weight", x->term, NULL);
            if (wt)
                rpt_put_num(w, ws, r, 3, wt->estimate, w->f.num2);
            if (!isnan(x->estimate)) {
                rpt_put_num(w, ws, r, 4, v.scale * x->estimate, w->f.num2);
                rpt_put_num(w, ws, r, 5, v.scale * x->ci_low, w->f.num2);
                rpt_put_num(w, ws, r, 6, v.scale * x->ci_high, w->f.num2);
            }
            if (inc) {
                pr.names[n_plot] = x->term;
                pr.est[n_plot] = v.scale * x->estimate;
                pr.lo[n_plot] = v.scale * x->ci_low;
                pr.hi[n_plot] = v.scale * x->ci_high;
                pr.wt[n_plot] = wt ? wt->estimate : NAN;
                xmin = fmin(xmin, pr.lo[n_plot]);
                xmax = fmax(xmax, pr.hi[n_plot]);
                n_plot++;
            }
            r++;
        }
    pr.n = n_plot;
    /* the pooled estimate and the prediction interval, at the bottom of the plot */
    rpt_trf(w, b, sizeof b, "Pooled (%s)", rpt_tr(w, method_words(v.primary, mw, sizeof mw)));
    rpt_put_text(w, ws, r, 0, b, w->f.key);
    row_lines(w, ws, r, rpt_lines_for(b, 34));
    effect_cell(w, ws, r, 2, &v, v.pooled, 2, NULL, w->f.right);
    rpt_put_num(w, ws, r, 3, 100.0, w->f.num2);
    rpt_put_num(w, ws, r, 4, v.scale * v.pooled->estimate, w->f.num2);
    rpt_put_num(w, ws, r, 5, v.scale * v.pooled->ci_low, w->f.num2);
    rpt_put_num(w, ws, r, 6, v.scale * v.pooled->ci_high, w->f.num2);
    pr.p_est = v.scale * v.pooled->estimate;
    pr.p_lo = v.scale * v.pooled->ci_low;
    pr.p_hi = v.scale * v.pooled->ci_high;
    xmin = fmin(xmin, v.scale * v.pooled->ci_low);
    xmax = fmax(xmax, v.scale * v.pooled->ci_high);
    r++;
    if (v.pi && !isnan(v.pi->ci_low)) {
        rpt_put_text(w, ws, r, 0, "Prediction interval", w->f.key);
        rpt_put_text(w, ws, r, 1, v.pi->label, w->f.wrap);
        row_lines(w, ws, r, v.pi->label ? rpt_lines_for(v.pi->label, 26) : 1);
        rpt_ci_cell(w, ws, r, 2, NAN, v.scale * v.pi->ci_low, v.scale * v.pi->ci_high, 2, 0, w->f.right);
        rpt_put_num(w, ws, r, 5, v.scale * v.pi->ci_low, w->f.num2);
        rpt_put_num(w, ws, r, 6, v.scale * v.pi->ci_high, w->f.num2);
        pr.pi_lo = v.scale * v.pi->ci_low;
        pr.pi_hi = v.scale * v.pi->ci_high;
        xmin = fmin(xmin, pr.pi_lo);
        xmax = fmax(xmax, pr.pi_hi);
        r++;
    }
    r++;
    double none = v.ratio ? 1.0 : 0.0;
    xmin = fmin(xmin, none);
    xmax = fmax(xmax, none);
    if (v.ratio) { /* the nearest 1-2-5 steps around the data */
        pr.xmin = nice_log(xmin > 0 ? xmin : 0.01, 0);
        pr.xmax = nice_log(xmax > 0 ? xmax : 10.0, 1);
    } else {
        double pad = 0.05 * (xmax - xmin > 0 ? xmax - xmin : 1.0);
        pr.xmin = floor(xmin - pad);
        pr.xmax = ceil(xmax + pad);
    }
    rpt_trf(w, b, sizeof b,
             "Data: events/participants, intervention vs control, as the study file gives them. Each study's "
             "interval is its own (normal approximation on the %s scale). Weights are those of the main method (%s). "
             "Studies left out of the pool are listed with the reason. In the forest plot (above) a square's size "
             "follows the study's weight, the diamond spans the pooled estimate's interval and the dashed red line "
             "on the last row is the prediction interval.%s",
             v.ratio ? rpt_tr(w, "log") : rpt_tr(w, "analysis"), rpt_tr(w, method_words(v.primary, mw, sizeof mw)),
             n_st > MAX_PLOT_ROWS ? rpt_tr(w, " The plot shows the first 240 studies.") : "");
    rpt_merge_text(w, ws, r++, 0, 6, b, w->f.note, rpt_lines_for(b, 140));
    r++;
    /* the forest plot in the rows kept for it above the table */
    if (n_plot > 0 && (st = forest_chart(w, ws, &v, &pr, chart_at, 0, err)) != CORE_OK) {
        free(pr.names), free(arr);
        return st;
    }
    free(pr.names), free(arr);

    /* 3. Heterogeneity. */
    rpt_put_text(w, ws, r++, 0, "Heterogeneity", w->f.subtitle);
    rpt_trf(w, h[0], sizeof h[0], "\xcf\x84\xc2\xb2 (%s CI, Q-profile)", ci);
    rpt_trf(w, h[1], sizeof h[1], "I\xc2\xb2 %% (%s CI)", ci);
    const char *hh[] = {"Method", "Q", "df", "p-value", h[0], h[1], "H\xc2\xb2"};
    header_row(w, ws, r, hh, 7);
    row_lines(w, ws, r++, 2);
    for (size_t i = 0; i < res->n; i++) {
        const core_result_row *q = &res->rows[i];
        if (!rpt_str_eq(q->module, "meta") || !rpt_str_eq(q->analysis, "heterogeneity") || !rpt_str_eq(q->term, "Q"))
            continue;
        rpt_put_text(w, ws, r, 0, method_words(q->method, mw, sizeof mw), w->f.wrap);
        rpt_put_num(w, ws, r, 1, q->statistic, w->f.num2);
        rpt_put_num(w, ws, r, 2, q->df, w->f.count);
        rpt_p_cell(w, ws, r, 3, q);
        const core_result_row *t2 = find(w, "heterogeneity", "tau2", q->method);
        const core_result_row *i2 = find(w, "heterogeneity", "I2", q->method);
        const core_result_row *h2 = find(w, "heterogeneity", "H2", q->method);
        char e1[48];
        if (t2) {
            if (isnan(t2->ci_low))
                rpt_put_text(w, ws, r, 4, rpt_fmt_num(t2->estimate, 4, e1, sizeof e1), w->f.right);
            else
                rpt_ci_cell(w, ws, r, 4, t2->estimate, t2->ci_low, t2->ci_high, 4, 0, w->f.right);
        }
        if (i2) {
            if (isnan(i2->ci_low))
                rpt_put_text(w, ws, r, 5, rpt_fmt_num(i2->estimate, 1, e1, sizeof e1), w->f.right);
            else
                rpt_ci_cell(w, ws, r, 5, i2->estimate, i2->ci_low, i2->ci_high, 1, 0, w->f.right);
        }
        if (h2)
            rpt_put_num(w, ws, r, 6, h2->estimate, w->f.num2);
        const char *note = t2 ? t2->label : i2 ? i2->label : NULL;
        row_lines(w, ws, r, rpt_lines_for(mw, 34));
        r++;
        if (note && *note) { /* under the row, as in the pooled table */
            rpt_merge_text(w, ws, r, 0, 6, note, w->f.note, rpt_lines_for(note, 110));
            r++;
        }
    }
    r++;

    /* 4. Leave-one-out and cumulative. */
    const char *an[2] = {"leave_one_out", "cumulative"};
    const char *titles[2] = {"Leave one out: the pooled effect without each study in turn",
                             "Cumulative: the pooled effect as studies were published (year order)"};
    for (int a = 0; a < 2; a++) {
        rpt_put_text(w, ws, r++, 0, titles[a], w->f.subtitle);
        rpt_trf(w, h[0], sizeof h[0], "%s (%s CI)", v.measure, ci);
        const char *lh[] = {a ? "Study added" : "Study left out", "Studies", h[0], "p-value", "Notes"};
        header_row(w, ws, r, lh, 5);
        rpt_merge_text(w, ws, r, 4, 7, "Notes", w->f.header, 1);
        r++;
        for (size_t i = 0; i < res->n; i++) {
            const core_result_row *x = &res->rows[i];
            if (!rpt_str_eq(x->module, "meta") || !rpt_str_eq(x->analysis, an[a]))
                continue;
            rpt_put_text(w, ws, r, 0, x->term, w->f.wrap);
            rpt_put_num(w, ws, r, 1, x->n, w->f.count);
            effect_cell(w, ws, r, 2, &v, x, 2, NULL, w->f.wrap);
            rpt_p_cell(w, ws, r, 3, x);
            rpt_merge_text(w, ws, r, 4, 7, isnan(x->estimate) ? NULL : x->label, w->f.wrap, 1);
            row_lines(w, ws, r, max_int(x->term ? rpt_lines_for(x->term, 34) : 1, isnan(x->estimate) ? rpt_lines_for(b, 24) : 1));
            r++;
        }
        r++;
    }

    /* 5. Meta-regression. */
    if (find(w, "meta_regression", NULL, NULL)) {
        rpt_put_text(w, ws, r++, 0, "Meta-regression: does a study-level covariate explain the differences?",
                     w->f.subtitle);
        rpt_trf(w, h[0], sizeof h[0], "Coefficient (%s CI)", ci);
        const char *mh[] = {"Term", "Method", h[0], "p-value", "Notes"};
        header_row(w, ws, r, mh, 5);
        rpt_merge_text(w, ws, r, 4, 7, "Notes", w->f.header, 1);
        r++;
        for (size_t i = 0; i < res->n; i++) {
            const core_result_row *x = &res->rows[i];
            if (!rpt_str_eq(x->module, "meta") || !rpt_str_eq(x->analysis, "meta_regression"))
                continue;
            rpt_put_text(w, ws, r, 0, x->term, w->f.wrap);
            rpt_put_text(w, ws, r, 1, method_words(x->method, mw, sizeof mw), w->f.wrap);
            if (!isnan(x->ci_low))
                rpt_ci_cell(w, ws, r, 2, x->estimate, x->ci_low, x->ci_high, 3, 0, w->f.right);
            else if (!isnan(x->statistic))
                num_or_label(w, ws, r, 2, x->statistic, x->label, w->f.num2);
            else
                num_or_label(w, ws, r, 2, x->estimate, x->label, w->f.num2);
            rpt_p_cell(w, ws, r, 3, isnan(x->p_value) ? NULL : x);
            rpt_merge_text(w, ws, r, 4, 7, x->label, w->f.wrap, 1);
            row_lines(w, ws, r, max_int(rpt_lines_for(mw, 22), x->label ? rpt_lines_for(x->label, 100) : 1));
            r++;
        }
        if (v.ratio) {
            rpt_trf(w, b, sizeof b,
                     "Coefficients are on the log %s scale: exp(coefficient) is the ratio of %ss between levels (or "
                     "per unit). With few studies a meta-regression has little power; a null result is not evidence "
                     "of no moderation.",
                     v.measure, v.measure);
            rpt_merge_text(w, ws, r++, 0, 8, b, w->f.note, rpt_lines_for(b, 140));
        }
    }
    /* narrow enough to print one page wide (the notes of the first tables are under their rows) */
    rpt_set_cols(w, ws, 0, 0, 34, NULL);
    rpt_set_cols(w, ws, 1, 1, 16, NULL);
    rpt_set_cols(w, ws, 2, 2, 22, NULL);
    rpt_set_cols(w, ws, 3, 3, 10, NULL);
    rpt_set_cols(w, ws, 4, 4, 22, NULL);
    rpt_set_cols(w, ws, 5, 5, 18, NULL);
    rpt_set_cols(w, ws, 6, 6, 14, NULL);
    rpt_set_cols(w, ws, 7, 7, 12, NULL); /* the end of the merged notes of the lower tables */
    rpt_set_cols(w, ws, 8, 8, 8, NULL);
    return CORE_OK;
}

/* ---------- Methods entries ---------- */

static const rpt_method_info meta_methods[] = {
    {"study_effect", NULL, "Study effect size",
     "Each study's effect from its 2x2 table or means (log RR, log OR, RD, MD, Hedges' g) with its sampling "
     "variance; 0.5 is added to every cell of a table with a zero cell; studies with no events (or only "
     "events) in both arms are left out, and said.",
     "Viechtbauer W. Conducting meta-analyses in R with the metafor package. J Stat Softw 2010;36(3):1-48"},
    {"study_weight", NULL, "Study weight",
     "Share of the main method's total weight: 1/(v + tau²) for inverse-variance methods, the "
     "Mantel-Haenszel weights otherwise.",
     "Borenstein M, Hedges LV, Higgins JPT, Rothstein HR. Introduction to meta-analysis. Wiley, 2009"},
    {"pooled", "fixed", "Common (fixed) effect, inverse variance",
     "Weighted mean of the study effects with weights 1/v; z test.",
     "Borenstein M, Hedges LV, Higgins JPT, Rothstein HR. A basic introduction to fixed-effect and "
     "random-effects models for meta-analysis. Res Synth Methods 2010;1:97-111"},
    {"pooled", "ml", "ML random effects",
     "Inverse-variance pooling with the maximum-likelihood between-study variance.",
     "Viechtbauer W. Bias and efficiency of meta-analytic variance estimators in the random-effects model. "
     "J Educ Behav Stat 2005;30:261-293"},
    {"pooled", "dl_hk", "DerSimonian-Laird with Knapp-Hartung",
     "DerSimonian-Laird pooling; SE scaled by the weighted residual variance, t test on k-1 df.",
     "Knapp G, Hartung J. Improved tests for a random effects meta-regression with a single covariate. "
     "Stat Med 2003;22:2693-2710"},
    {"pooled", "reml_hk", "REML with Knapp-Hartung",
     "REML pooling; SE scaled by the weighted residual variance (not truncated at 1, as metafor), t test on k-1 "
     "df.",
     "Knapp G, Hartung J. Stat Med 2003;22:2693-2710; IntHout J, Ioannidis JPA, Borm GF. BMC Med Res "
     "Methodol 2014;14:25"},
    {"pooled", "ml_hk", "ML with Knapp-Hartung", "ML pooling with the Knapp-Hartung SE and t test on k-1 df.",
     "Knapp G, Hartung J. Stat Med 2003;22:2693-2710"},
    {"pooled", "pm_hk", "Paule-Mandel with Knapp-Hartung",
     "Paule-Mandel pooling with the Knapp-Hartung SE and t test on k-1 df.",
     "Knapp G, Hartung J. Stat Med 2003;22:2693-2710"},
    {"pooled", "mh", "Mantel-Haenszel",
     "Mantel-Haenszel pooled RR, OR or RD of the 2x2 tables (no continuity correction); variances of Greenland "
     "and Robins (RR), Robins, Breslow and Greenland (OR), Sato, Greenland and Robins (RD).",
     "Mantel N, Haenszel W. J Natl Cancer Inst 1959;22:719-748; Robins J, Breslow N, Greenland S. Biometrics "
     "1986;42:311-323"},
    {"prediction_interval", NULL, "Prediction interval",
     "Where the effect of a new study like these would lie: estimate +- crit * sqrt(se² + tau²); crit from the "
     "normal (metafor's default), from t on k-1 df with Knapp-Hartung, or t on k-2 df (_hts).",
     "Higgins JPT, Thompson SG, Spiegelhalter DJ. A re-evaluation of random-effects meta-analysis. J R Stat "
     "Soc A 2009;172:137-159"},
    {"leave_one_out", NULL, "Leave-one-out sensitivity analysis",
     "The main method refitted without each study in turn.",
     "Viechtbauer W, Cheung MWL. Outlier and influence diagnostics for meta-analysis. Res Synth Methods "
     "2010;1:112-125"},
    {"cumulative", NULL, "Cumulative meta-analysis",
     "The main method refitted as studies are added in year order (file order for ties).",
     "Lau J, Antman EM, Jimenez-Silva J, et al. Cumulative meta-analysis of therapeutic trials for myocardial "
     "infarction. N Engl J Med 1992;327:248-254"},
    {"meta_regression", NULL, "Meta-regression",
     "Mixed-effects meta-regression on one study-level covariate (residual tau² by the main method; "
     "Knapp-Hartung F and t tests when configured); R² is the share of tau² the covariate accounts for.",
     "Thompson SG, Higgins JPT. How should meta-regression analyses be undertaken and interpreted? Stat Med "
     "2002;21:1559-1573; Knapp G, Hartung J. Stat Med 2003;22:2693-2710"},
    {"heterogeneity", NULL, "Heterogeneity",
     "Cochran's Q (chi-square on k-1 df), tau² with its Q-profile interval, I² = tau²/(tau² + typical "
     "within-study variance) and H².",
     "Higgins JPT, Thompson SG. Stat Med 2002;21:1539-1558; Viechtbauer W. Confidence intervals for the "
     "amount of heterogeneity in meta-analysis. Stat Med 2007;26:37-52"},
};

const rpt_method_table rpt_methods_meta = {meta_methods, sizeof meta_methods / sizeof meta_methods[0]};
