/* The comparison (module "compare"): the "Trial vs real world" sheet, its Summary headline and its Methods
 * entries. The sheet is live: the assumptions and the source effects are input cells (blue), and every figure
 * (the effects on one scale, the efficacy-effectiveness ratios, the work-years) is an Excel formula on them
 * whose cached value is the engine's (realworld/rw_compare.c computes the same expressions in the same order,
 * so a recalculation reproduces them). One chart shows every figure with its interval (one scatter series per
 * row, as the forest plot: PITFALLS.md); a second shows the employment rates of IPS users with the published
 * routine-practice rates as reference lines. */
#include "reports/rpt_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHEET "Trial vs real world"

typedef struct cmp {
    rpt_wctx *w;
    lxw_worksheet *ws;
    lxw_format *in_num, *in_pct, *in_count, *in_days, *days, *z3, *num, *num4, *pct, *label, *note;
    int employment;       /* results on the employment-probability scale */
    char unit[64];        /* "workdays per person-year" */
    /* cells of the inputs ("$B$7"); "" when absent */
    char D[16], sh[16], users[16], target[16], tu[16], E[16], z[16], f[16], k[16];
    char rd[16], rd_se[16], rd_lo[16], rd_hi[16], p0[16], reg[16], reg_se[16], reg_lo[16], reg_hi[16];
    char rr[16], rr_se[16], rr_lo[16], rr_hi[16];
    char tt[16], tt_se[16], tt_lo[16], tt_hi[16], ex[16], ex_se[16], ex_lo[16], ex_hi[16], zc[16];
} cmp;

/* First compare row of an analysis and term (one [compare] section: any outcome). */
static const core_result_row *find(const rpt_wctx *w, const char *analysis, const char *term, const char *method)
{
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *r = &w->res->rows[i];
        if (rpt_str_eq(r->module, "compare") && rpt_str_eq(r->analysis, analysis) &&
            (!term || rpt_str_eq(r->term, term)) && (!method || rpt_str_eq(r->method, method)))
            return r;
    }
    return NULL;
}

static lxw_format *fmt(rpt_wctx *w, const char *num_format, int input)
{
    lxw_format *f = workbook_add_format(w->book);
    if (!f) {
        w->nomem = 1;
        return NULL;
    }
    if (num_format)
        format_set_num_format(f, num_format);
    if (input) { /* blue on pale yellow: "change me", as the CBA sheet */
        format_set_font_color(f, 0x0000FF);
        format_set_bg_color(f, 0xFFF2CC);
        format_set_border(f, LXW_BORDER_THIN);
        format_set_border_color(f, 0xBFBFBF);
    }
    return f;
}

static const char *cell(char *buf, lxw_row_t r, lxw_col_t c)
{
    lxw_rowcol_to_cell_abs(buf, r, c, 1, 1);
    return buf;
}

/* A formula with the engine's value cached; a NaN value caches the text `nan_text`. */
static void formula(cmp *c, lxw_row_t r, lxw_col_t col, const char *f, double value, const char *nan_text,
                    lxw_format *format)
{
    if (isfinite(value))
        rpt_err_at(c->w, worksheet_write_formula_num(c->ws, r, col, f, format, value), c->ws, r, col);
    else
        rpt_err_at(c->w, worksheet_write_formula_str(c->ws, r, col, f, format, nan_text ? nan_text : ""), c->ws, r,
                   col);
}

static void row_lines(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, int lines)
{
    if (lines > 1)
        rpt_err_at(w, worksheet_set_row(ws, r, 15.0 * lines, NULL), ws, r, 0);
}

static void header(cmp *c, lxw_row_t r, const char *const *h, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rpt_put_text(c->w, c->ws, r, (lxw_col_t)i, h[i], c->w->f.header);
    row_lines(c->w, c->ws, r, 2);
}

/* ---------- Summary headline ---------- */

static void ci_text(const core_result_row *x, double scale, int digits, char *buf, size_t size)
{
    rpt_fmt_ci(scale * x->estimate, scale * x->ci_low, scale * x->ci_high, digits, buf, size);
}

core_status rpt_compare_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *row, core_err *err)
{
    (void)err;
    const core_result_row *t = find(w, "effect_on_common_scale", "trial_itt", NULL);
    const core_result_row *m = find(w, "effect_on_common_scale", "registry_per_member", NULL);
    const core_result_row *u = find(w, "effect_on_common_scale", "registry_per_user", NULL);
    const core_result_row *e = find(w, "efficacy_effectiveness_ratio", "registry_per_user_vs_trial", "fieller");
    const core_result_row *em = find(w, "efficacy_effectiveness_ratio", "registry_per_member_vs_trial", "fieller");
    const core_result_row *y = find(w, "work_years", "registry", NULL);
    const core_result_row *D = find(w, "assumption", "workdays_per_year", NULL);
    const core_result_row *tu = find(w, "assumption", "take_up", NULL);
    const core_result_row *us = find(w, "assumption", "ips_users", NULL);
    const core_result_row *ex = find(w, "assumption", "exposed_population", NULL);
    const core_result_row *lv = find(w, "assumption", "interval_level", NULL);
    const core_result_row *rl = find(w, "assumption", "registry_level", NULL);
    const core_result_row *src = find(w, "source_effect", "registry_effect", NULL);
    if (!t && !m)
        return CORE_OK;
    int emp = (t && rpt_str_eq(t->outcome, "employment_probability")) ||
              (m && rpt_str_eq(m->outcome, "employment_probability"));
    double sc = emp ? 100.0 : 1.0;
    const char *unit = rpt_tr(w, emp ? "percentage points of employment" : "workdays per person-year");
    char b[4096], x1[160], x2[160], x3[160], rlev[240] = "";
    size_t n = 0;
    lxw_row_t r = *row;
    const core_result_row *nc = find(w, "assumption", "registry_controls", NULL);
    if (rl && src && nc && isfinite(nc->estimate)) { /* "81.8% attained with 10 control municipalities" */
        char cl[80];
        const char *word = nc->method && *nc->method ? nc->method : "cluster";
        size_t wl = strlen(word);
        if (wl > 1 && word[wl - 1] == 'y' && !strchr("aeiou", word[wl - 2]))
            snprintf(cl, sizeof cl, "%.*sies", (int)(wl - 1), word);
        else
            snprintf(cl, sizeof cl, "%s%s", word, wl && word[wl - 1] == 's' ? "" : "s");
        rpt_trf(w, rlev, sizeof rlev, "%s interval, %.1f%% attained with %.0f control %s, not %s",
                 rpt_str_eq(src->method, "conley_taber") ? "Conley-Taber" : (src->method ? src->method : "registry"),
                 100 * rl->estimate, nc->estimate, cl, w->conf);
    } else if (rl && src)
        rpt_trf(w, rlev, sizeof rlev, "interval at %.1f%%, the level the %s interval attains with so few control "
                 "clusters, not %s", 100 * rl->estimate, rpt_str_eq(src->method, "conley_taber") ? rpt_tr(w, "Conley-Taber")
                 : (src->method ? src->method : rpt_tr(w, "registry")), w->conf);
    else
        rpt_trf(w, rlev, sizeof rlev, "%s CI", w->conf);
    rpt_put_text(w, ws, r++, 0, "Trial versus real world", w->f.subtitle);
    n += (size_t)rpt_trf(w, b + n, sizeof b - n, "On one scale (%s; a full-time year counted as %.1f workdays):", unit,
                          D ? D->estimate : NAN);
    if (t)
        n += (size_t)rpt_trf(w, b + n, sizeof b - n, " the trial's effect, averaged over its follow-up, %s (%s CI);",
                              (ci_text(t, sc, 1, x1, sizeof x1), x1), w->conf);
    if (m && n < sizeof b)
        n += (size_t)rpt_trf(w, b + n, sizeof b - n, " the registry effect per member of the exposed population %s (%s)",
                              (ci_text(m, sc, 1, x2, sizeof x2), x2), rlev);
    if (u && tu && us && ex && n < sizeof b)
        n += (size_t)rpt_trf(w, b + n, sizeof b - n,
                              ", per IPS user %s, dividing by a take-up of %.1f%% (%.0f IPS users among the %.0f people "
                              "exposed in the post-period, the same people the registry effect averages over; an upper "
                              "bound if there are spill-overs)",
                              (ci_text(u, sc, 1, x3, sizeof x3), x3), 100 * tu->estimate, us->estimate, ex->estimate);
    const core_result_row *tt = find(w, "effect_on_common_scale", "trial_transported", NULL);
    const core_result_row *gp = find(w, "transport_gap", "population", NULL);
    const core_result_row *gr = find(w, "transport_gap", "remaining", NULL);
    const core_result_row *gt = find(w, "transport_gap", "total", NULL);
    if (tt && n < sizeof b) {
        size_t nt = 0;
        for (size_t i = 0; i < w->res->n; i++)
            nt += rpt_str_eq(w->res->rows[i].module, "compare") && rpt_str_eq(w->res->rows[i].analysis,
                                                                               "transport_target");
        n += (size_t)rpt_trf(w, b + n, sizeof b - n, ". Reweighted to the registry population (each arm balanced on %zu "
                              "covariates of the target file), the trial's effect would be %s (%s CI)",
                              nt, (ci_text(tt, sc, 1, x1, sizeof x1), x1), w->conf);
        if (gp && gr && gt && n < sizeof b) {
            char x4[64];
            rpt_trf(w, x4, sizeof x4, "%.1f%% interval", lv ? 100 * lv->estimate : 95.0);
            n += (size_t)rpt_trf(w, b + n, sizeof b - n, "; the trial's effect minus the registry's %s, %s, splits into "
                                  "%s explained by who the participants are and %s (%s) that remains: delivery, "
                                  "fidelity, context",
                                  rpt_tr(w, u ? "per IPS user" : "per member"), rpt_fmt_num(sc * gt->estimate, 1, x2, sizeof x2),
                                  rpt_fmt_num(sc * gp->estimate, 1, x3, sizeof x3),
                                  (ci_text(gr, sc, 1, x1, sizeof x1), x1), x4);
        }
    }
    const core_result_row *ratios[2] = {e, em};
    static const char *const what[2] = {"Per IPS user", "Per member"};
    for (int j = 0; j < 2; j++) {
        const core_result_row *q = ratios[j];
        if (!q || isnan(q->estimate) || n >= sizeof b)
            continue;
        char r1[48], lo[48], hi[48], lvt[48];
        snprintf(lvt, sizeof lvt, "%.1f%%", lv ? 100 * lv->estimate : NAN);
        if (isfinite(q->ci_low))
            n += (size_t)rpt_trf(w, b + n, sizeof b - n, ". %s the real-world effect is %s times the trial's (Fieller %s "
                                  "interval %s to %s)",
                                  rpt_tr(w, what[j]), rpt_fmt_num(q->estimate, 2, r1, sizeof r1), lvt,
                                  rpt_fmt_num(q->ci_low, 2, lo, sizeof lo), rpt_fmt_num(q->ci_high, 2, hi, sizeof hi));
        else
            n += (size_t)rpt_trf(w, b + n, sizeof b - n, ". %s the real-world effect is %s times the trial's; its %s "
                                  "interval is unbounded because the trial's interval at that level includes no effect",
                                  rpt_tr(w, what[j]), rpt_fmt_num(q->estimate, 2, r1, sizeof r1), lvt);
    }
    if (y && n < sizeof b)
        n += (size_t)rpt_trf(w, b + n, sizeof b - n, ". Work gained for the %.0f people exposed: %s full-time work-years "
                              "a year",
                              y->n, (ci_text(y, 1, 1, x1, sizeof x1), x1));
    if (n < sizeof b)
        snprintf(b + n, sizeof b - n, ".");
    rpt_merge_text(w, ws, r++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 90));
    r++;
    *row = r;
    return CORE_OK;
}

/* ---------- the sheet ---------- */

/* A row's method as the reader names it (the results' method column keeps its key: "reml_hk" is "REML,
 * Knapp-Hartung"); an unknown key with its '_' as spaces. */
static const char *method_text(const rpt_wctx *w, const char *key, char *buf, size_t n)
{
    static const char *const words[][2] = {
        {"path_mean", "mean of the effect path"},
        {"reml_hk", "REML, Knapp-Hartung"},
        {"reml", "REML"},
        {"dl", "DerSimonian-Laird"},
        {"dl_hk", "DerSimonian-Laird, Knapp-Hartung"},
        {"fixed", "common effect"},
        {"mh", "Mantel-Haenszel"},
        {"conley_taber", "Conley-Taber"},
        {"entropy_sandwich", "entropy balancing, sandwich SE"},
        {"entropy", "entropy balancing"},
        {"newcombe", "Newcombe interval"},
        {"trial", "the trial's data"},
        {"delta", "delta method"},
        {"fieller", "Fieller"},
        {"published", "published"},
        {"config", "the config"},
        {"default", "default"},
        {"level", "level"},
        {"ratio", "ratio"},
        {"normal", "normal quantile"},
        {"share", "share"},
        {"weighted", "weighted"},
        {"unweighted", "unweighted"},
        {"independent", "estimates taken as independent"},
        {"scaled", "scaled"},
        {"wild_cluster", "wild cluster bootstrap"},
        {"cluster", "cluster-robust"},
    };
    if (!key || !*key) {
        buf[0] = '\0';
        return buf;
    }
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(words[i][0], key) == 0) {
            snprintf(buf, n, "%s", rpt_tr(w, words[i][1]));
            return buf;
        }
    snprintf(buf, n, "%s", key);
    for (char *q = buf; *q; q++)
        if (*q == '_')
            *q = ' ';
    return buf;
}

/* An input row: label, value (blue), key, what it is. Stores the value's cell in `ref`. */
static void input(cmp *c, lxw_row_t r, const char *label, double v, lxw_format *f, const char *key, const char *what,
                  char *ref)
{
    rpt_put_text(c->w, c->ws, r, 0, label, c->w->f.wrap);
    rpt_put_num(c->w, c->ws, r, 1, v, f);
    rpt_put_text(c->w, c->ws, r, 5, key, c->label);
    rpt_put_text(c->w, c->ws, r, 6, what, c->note);
    cell(ref, r, 1);
}

/* A source effect row: estimate, SE, interval as inputs. */
static void source_row(cmp *c, lxw_row_t r, const char *label, const core_result_row *x, lxw_format *f, char *e,
                       char *se, char *lo, char *hi)
{
    rpt_put_text(c->w, c->ws, r, 0, label, c->w->f.wrap);
    rpt_put_num(c->w, c->ws, r, 1, x->estimate, f);
    cell(e, r, 1);
    if (se) {
        rpt_put_num(c->w, c->ws, r, 2, x->se, c->in_num);
        cell(se, r, 2);
    }
    if (lo) {
        rpt_put_num(c->w, c->ws, r, 3, x->ci_low, f);
        rpt_put_num(c->w, c->ws, r, 4, x->ci_high, f);
        cell(lo, r, 3);
        cell(hi, r, 4);
    }
    char mt[96];
    rpt_put_text(c->w, c->ws, r, 5, method_text(c->w, x->method, mt, sizeof mt), c->w->f.wrap);
    rpt_put_text(c->w, c->ws, r, 6, x->label, c->note);
}

/* A figure row: four formulas (estimate, se, low, high) with the engine's values cached. */
static void figure(cmp *c, lxw_row_t r, const char *label, const core_result_row *x, const char *fe, const char *fse,
                   const char *flo, const char *fhi, lxw_format *f)
{
    rpt_put_text(c->w, c->ws, r, 0, label, c->w->f.wrap);
    if (!x)
        return;
    formula(c, r, 1, fe, x->estimate, "n/a", f);
    if (fse)
        formula(c, r, 2, fse, x->se, "n/a", c->num4);
    if (flo) {
        formula(c, r, 3, flo, x->ci_low, "unbounded", f);
        formula(c, r, 4, fhi, x->ci_high, "unbounded", f);
    }
    char mt[96];
    rpt_put_text(c->w, c->ws, r, 5, method_text(c->w, x->method, mt, sizeof mt), c->w->f.wrap);
    rpt_put_text(c->w, c->ws, r, 6, x->label, c->note);
    row_lines(c->w, c->ws, r, x->label ? rpt_lines_for(x->label, 62) : 1);
}

typedef struct chart_rows {
    lxw_row_t rows[8];
    const char *names[8];
    size_t n;
    lxw_row_t ref; /* two rows of the zero line at columns H (x) and I (y) */
} chart_rows;

static core_status effects_chart(cmp *c, const chart_rows *cr, lxw_row_t at, core_err *err)
{
    lxw_chart *ch = workbook_add_chart(c->w->book, LXW_CHART_SCATTER_STRAIGHT);
    if (!ch)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding the comparison chart");
    static const lxw_color_t colors[] = {0x1F77B4, 0x2CA02C, 0x006400, 0xD62728, 0x9467BD, 0x8C564B};
    for (size_t i = 0; i < cr->n; i++) { /* interval: x = (low, high) in D:E, y = (y, y) in H:I */
        lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
        if (!s)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a chart series");
        chart_series_set_categories(s, rpt_tr(c->w, SHEET), cr->rows[i], 3, cr->rows[i], 4);
        chart_series_set_values(s, rpt_tr(c->w, SHEET), cr->rows[i], 7, cr->rows[i], 8);
        lxw_chart_line line = {.color = colors[i % 6], .width = 2.25f};
        chart_series_set_line(s, &line);
        chart_series_set_marker_type(s, LXW_CHART_MARKER_NONE);
        /* the estimate: a marker labelled with the figure's name */
        lxw_chart_series *m = chart_add_series(ch, NULL, NULL);
        if (!m)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a chart series");
        chart_series_set_categories(m, rpt_tr(c->w, SHEET), cr->rows[i], 1, cr->rows[i], 1);
        chart_series_set_values(m, rpt_tr(c->w, SHEET), cr->rows[i], 7, cr->rows[i], 7);
        lxw_chart_line none = {.none = LXW_TRUE};
        chart_series_set_line(m, &none);
        chart_series_set_marker_type(m, LXW_CHART_MARKER_DIAMOND);
        chart_series_set_marker_size(m, 8);
        lxw_chart_fill fill = {.color = colors[i % 6]};
        chart_series_set_marker_fill(m, &fill);
        lxw_chart_data_label lab = {.value = (char *)cr->names[i]};
        lxw_chart_data_label *labs[] = {&lab, NULL};
        rpt_err_at(c->w, rpt_chart_labels(m, labs), c->ws, at, 8);
        chart_series_set_labels_position(m, LXW_CHART_LABEL_POSITION_ABOVE);
        lxw_chart_font small = {.size = 8};
        chart_series_set_labels_font(m, &small);
    }
    lxw_chart_series *z = chart_add_series(ch, NULL, NULL);
    if (!z)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a chart series");
    chart_series_set_categories(z, rpt_tr(c->w, SHEET), cr->ref, 7, cr->ref + 1, 7);
    chart_series_set_values(z, rpt_tr(c->w, SHEET), cr->ref, 8, cr->ref + 1, 8);
    lxw_chart_line dash = {.color = 0x808080, .width = 0.75f, .dash_type = LXW_CHART_LINE_DASH_DASH};
    chart_series_set_line(z, &dash);
    chart_series_set_marker_type(z, LXW_CHART_MARKER_NONE);
    char name[160];
    rpt_trf(c->w, name, sizeof name, "%s (%s CI)", c->unit, c->w->conf);
    chart_axis_set_name(ch->x_axis, rpt_chart_str(name));
    chart_axis_set_min(ch->y_axis, 0);
    chart_axis_set_max(ch->y_axis, (double)cr->n + 1.0);
    chart_axis_off(ch->y_axis);
    chart_axis_major_gridlines_set_visible(ch->y_axis, LXW_FALSE);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    chart_title_set_name(ch, "Trial versus real world: effects on one scale");
    lxw_chart_font tf = {.size = 11, .bold = LXW_TRUE};
    chart_title_set_name_font(ch, &tf);
    lxw_chart_options opt = {.x_scale = 1.3, .y_scale = 1.1};
    rpt_err_at(c->w, worksheet_insert_chart_opt(c->ws, at, 0, ch, &opt), c->ws, at, 0);
    return CORE_OK;
}

/* Employment rates: the trial's arms as thick vertical bars and each published rate a dashed horizontal line across
 * them, all scatter series (Debian's libxlsxwriter 1.1.4 cannot combine a column and a line chart). Each series
 * reads two rows of columns H:I: x values, then y values; `first` is the first of them, `n_series` the count
 * (the two arms first). */
static core_status rates_chart(cmp *c, lxw_row_t first, size_t n_series, const char *const *names, lxw_row_t at,
                               core_err *err)
{
    lxw_chart *ch = workbook_add_chart(c->w->book, LXW_CHART_SCATTER_STRAIGHT);
    if (!ch)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding the rates chart");
    static const lxw_color_t arm_colors[] = {0x2E75B6, 0x9DC3E6};
    static const lxw_color_t line_colors[] = {0xC00000, 0xE69F00, 0x7030A0, 0x00B050, 0x808000, 0x404040};
    for (size_t i = 0; i < n_series; i++) {
        lxw_row_t r = first + 2 * (lxw_row_t)i;
        lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
        if (!s)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a chart series");
        chart_series_set_categories(s, rpt_tr(c->w, SHEET), r, 7, r, 8);
        chart_series_set_values(s, rpt_tr(c->w, SHEET), r + 1, 7, r + 1, 8);
        chart_series_set_name(s, rpt_chart_str(names[i]));
        chart_series_set_marker_type(s, LXW_CHART_MARKER_NONE);
        if (i < 2) {
            lxw_chart_line bar = {.color = arm_colors[i], .width = 28.0f};
            chart_series_set_line(s, &bar);
        } else {
            lxw_chart_line ln = {.color = line_colors[(i - 2) % 6], .width = 2.0f, .dash_type = LXW_CHART_LINE_DASH_DASH};
            chart_series_set_line(s, &ln);
        }
    }
    chart_axis_set_num_format(ch->y_axis, "0%");
    chart_axis_set_min(ch->y_axis, 0);
    chart_axis_set_name(ch->y_axis, "Employed");
    chart_axis_set_min(ch->x_axis, 0.4);
    chart_axis_set_max(ch->x_axis, 2.6);
    chart_axis_off(ch->x_axis);
    chart_title_set_name(ch, "Employment: the trial's arms (bars) and IPS in routine practice (lines)");
    lxw_chart_font tf = {.size = 10, .bold = LXW_TRUE};
    chart_title_set_name_font(ch, &tf);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options opt = {.x_scale = 1.2, .y_scale = 1.1, .x_offset = 650};
    rpt_err_at(c->w, worksheet_insert_chart_opt(c->ws, at, 0, ch, &opt), c->ws, at, 0);
    return CORE_OK;
}

/* The trial transported: what the target population is (with its sources) and how each arm was weighted, the
 * effect at each timepoint with the effective sample sizes, and the trial-registry gap split into the part explained
 * by who the participants are and the part that remains (live formulas on the source cells above). */
static lxw_row_t transport_section(cmp *c, lxw_row_t r, const core_result_row *reg, lxw_format *ef, char *fe,
                                   char *fse, char *flo, char *fhi)
{
    rpt_wctx *w = c->w;
    char b[1600], v[64];
    rpt_put_text(w, c->ws, r++, 0, "The trial transported to the registry population", w->f.subtitle);
    static const char intro[] =
             "Each arm of the trial is reweighted separately (entropy weights, w proportional to exp(x'lambda); "
             "Signorovitch et al. 2010, Westreich et al. 2017) so that its weighted covariate means equal the target "
             "population's below; both arms then stand for that population, and their weighted difference is the "
             "trial's effect had its participants been like the registry's. It assumes the effect differs between "
             "people only through the covariates given (no unmeasured effect modifiers) and that the target values "
             "are right. The effective sample size, (sum w)^2 / sum w^2, says how many equally weighted participants "
             "the weighted arm is worth.";
    rpt_merge_text(w, c->ws, r++, 0, 6, intro, w->f.meta, rpt_lines_for(intro, 150));
    /* the target, with each arm before and after weighting */
    const char *th[] = {"Covariate", "Target", "", "", "", "Arms: unweighted -> weighted", "Source"};
    header(c, r++, th, 7);
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *q = &w->res->rows[i];
        if (!rpt_str_eq(q->module, "compare") || !rpt_str_eq(q->analysis, "transport_target"))
            continue;
        char lt[400];
        rpt_put_text(w, c->ws, r, 0, rpt_label_text(w, q->term, lt, sizeof lt), w->f.wrap);
        rpt_put_num(w, c->ws, r, 1, q->estimate, rpt_str_eq(q->method, "share") ? c->pct : c->num);
        size_t n = 0;
        b[0] = '\0';
        for (size_t j = 0; j < w->res->n && n < sizeof b; j++) {
            const core_result_row *u = &w->res->rows[j];
            if (!rpt_str_eq(u->module, "compare") || !rpt_str_eq(u->analysis, "transport_balance") ||
                !rpt_str_eq(u->term, q->term) || !rpt_str_eq(u->method, "unweighted"))
                continue;
            const core_result_row *wt = rpt_find_row(w, "compare", "transport_balance", u->outcome, NULL, q->term,
                                                     "weighted");
            char v2[64];
            n += (size_t)snprintf(b + n, sizeof b - n, "%s%s %s -> %s", n ? "; " : "", u->outcome ? u->outcome : "",
                                  rpt_fmt_num(u->estimate, 3, v, sizeof v),
                                  wt ? rpt_fmt_num(wt->estimate, 3, v2, sizeof v2) : "n/a");
        }
        rpt_put_text(w, c->ws, r, 5, b, w->f.wrap);
        char ql[1200];
        rpt_put_text(w, c->ws, r, 6, rpt_label_text(w, q->label, ql, sizeof ql), c->note);
        row_lines(w, c->ws, r, q->label ? rpt_lines_for(q->label, 62) : 1);
        r++;
    }
    r++;
    /* each timepoint: the trial's effect and the transported one, with the effective sample sizes */
    const char *ph[] = {"Timepoint (month)", "Trial risk difference", "Transported", "CI low", "CI high",
                        "Effective sample size (of n weighted)", "How"};
    header(c, r++, ph, 7);
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *q = &w->res->rows[i];
        if (!rpt_str_eq(q->module, "compare") || !rpt_str_eq(q->analysis, "transported_effect"))
            continue;
        rpt_put_text(w, c->ws, r, 0, q->timepoint && *q->timepoint ? q->timepoint : "(the one timepoint)",
                     w->f.wrap);
        char term[48];
        snprintf(term, sizeof term, "trial_effect[%s]", q->timepoint ? q->timepoint : "");
        const core_result_row *tr = find(w, "source_effect", term, NULL);
        if (!tr)
            tr = find(w, "source_effect", "trial_effect", NULL);
        if (tr)
            rpt_put_num(w, c->ws, r, 1, tr->estimate, c->num4);
        rpt_put_num(w, c->ws, r, 2, q->estimate, c->num4);
        rpt_put_num(w, c->ws, r, 3, q->ci_low, c->num4);
        rpt_put_num(w, c->ws, r, 4, q->ci_high, c->num4);
        size_t n = 0;
        b[0] = '\0';
        for (size_t j = 0; j < w->res->n && n < sizeof b; j++) {
            const core_result_row *e = &w->res->rows[j];
            if (!rpt_str_eq(e->module, "compare") || !rpt_str_eq(e->analysis, "effective_sample_size") ||
                !rpt_str_eq(e->timepoint, q->timepoint))
                continue;
            n += (size_t)rpt_trf(w, b + n, sizeof b - n, "%s%s %.1f of %.0f", n ? "; " : "", e->term ? e->term : "",
                                  e->estimate, e->n);
        }
        rpt_put_text(w, c->ws, r, 5, b, w->f.wrap);
        rpt_put_text(w, c->ws, r, 6, q->label, c->note);
        row_lines(w, c->ws, r, q->label ? rpt_lines_for(q->label, 62) : 1);
        r++;
    }
    r++;
    /* the gap, split: trial - registry = (trial - transported) + (transported - registry) */
    const char *gh[] = {"The trial-registry gap", "Estimate", "SE", "CI low", "CI high", "Method", "What it is"};
    header(c, r++, gh, 7);
    const core_result_row *x;
    char R[160], Rse[160];
    int per_user = c->tu[0] && find(w, "effect_on_common_scale", "registry_per_user", NULL);
    if (per_user) {
        snprintf(R, sizeof R, "(%s/%s)", c->reg, c->tu);
        snprintf(Rse, sizeof Rse, "(%s/%s)", c->reg_se, c->tu);
    } else {
        snprintf(R, sizeof R, "(%s)", c->reg);
        snprintf(Rse, sizeof Rse, "(%s)", c->reg_se);
    }
    char se_cell[16], est_cell[16];
    x = find(w, "transport_gap", "total", NULL);
    if (x && reg) {
        snprintf(fe, 1600, "=(%s*%s-%s)*%s", c->rd, c->f, R, c->k);
        snprintf(fse, 1600, "=SQRT((%s*%s)^2+%s^2)*%s", c->rd_se, c->f, Rse, c->k);
        cell(est_cell, r, 1), cell(se_cell, r, 2);
        snprintf(flo, 8192, "=%s-%s*%s", est_cell, c->z, se_cell);
        snprintf(fhi, 8192, "=%s+%s*%s", est_cell, c->z, se_cell);
        figure(c, r++, per_user ? "Trial minus registry per IPS user" : "Trial minus registry per member", x, fe, fse,
               flo, fhi, ef);
    }
    x = find(w, "transport_gap", "population", NULL);
    if (x && c->ex[0] && c->zc[0]) {
        snprintf(fe, 1600, "=(%s*%s-%s*%s)*%s", c->rd, c->f, c->tt, c->f, c->k);
        snprintf(fse, 1600, "=%s*%s*%s", c->ex_se, c->f, c->k);
        cell(est_cell, r, 1), cell(se_cell, r, 2);
        snprintf(flo, 8192, "=%s-%s*%s", est_cell, c->zc, se_cell);
        snprintf(fhi, 8192, "=%s+%s*%s", est_cell, c->zc, se_cell);
        figure(c, r++, "  explained by who the participants are (trial - transported)", x, fe, fse, flo, fhi, ef);
    }
    x = find(w, "transport_gap", "remaining", NULL);
    if (x && reg) {
        snprintf(fe, 1600, "=(%s*%s-%s)*%s", c->tt, c->f, R, c->k);
        snprintf(fse, 1600, "=SQRT((%s*%s)^2+%s^2)*%s", c->tt_se, c->f, Rse, c->k);
        cell(est_cell, r, 1), cell(se_cell, r, 2);
        snprintf(flo, 8192, "=%s-%s*%s", est_cell, c->z, se_cell);
        snprintf(fhi, 8192, "=%s+%s*%s", est_cell, c->z, se_cell);
        figure(c, r++, "  remaining: delivery, fidelity, context (transported - registry)", x, fe, fse, flo, fhi, ef);
    }
    return r + 1;
}

core_status rpt_sheet_compare(rpt_wctx *w, core_err *err)
{
    const core_result_row *Dr = find(w, "assumption", "workdays_per_year", NULL);
    if (!Dr)
        return CORE_OK; /* no assumptions rows: nothing live to write */
    cmp c = {.w = w};
    c.in_num = fmt(w, "0.0000", 1);
    c.in_pct = fmt(w, "0.0%", 1);
    c.in_count = fmt(w, "#,##0", 1); /* people: whole numbers */
    c.in_days = fmt(w, "0.0", 1);    /* workdays: one decimal (the cell keeps every decimal) */
    c.days = fmt(w, "0.0", 0);
    c.z3 = fmt(w, "0.000", 0);
    c.num = fmt(w, "0.00", 0);
    c.num4 = fmt(w, "0.0000", 0);
    c.pct = fmt(w, "0.0%", 0);
    c.label = fmt(w, NULL, 0);
    c.note = fmt(w, NULL, 0);
    if (w->nomem)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory creating cell formats");
    format_set_font_name(c.label, "Courier New");
    format_set_italic(c.note);
    format_set_font_color(c.note, 0x595959);
    format_set_text_wrap(c.note);
    format_set_align(c.note, LXW_ALIGN_VERTICAL_TOP);
    core_status st = rpt_add_sheet(w, w->sheet->name, &c.ws, err);
    if (st != CORE_OK)
        return st;
    rpt_chart_data_cols(w, c.ws, 7); /* the charts' positions (columns H, I): on the hidden chart-data sheet */
    const core_result_row *any = find(w, "effect_on_common_scale", NULL, NULL);
    c.employment = any && rpt_str_eq(any->outcome, "employment_probability");
    snprintf(c.unit, sizeof c.unit, "%s", rpt_tr(w, c.employment ? "Employment (probability)" : "Workdays per person-year"));
    char b[2048], fe[1600], fse[1600], flo[8192], fhi[8192];
    lxw_row_t r = 0;
    rpt_put_text(w, c.ws, r++, 0, "Trial versus real world on one scale", w->f.title);
    rpt_trf(w, b, sizeof b,
             "The trial's effect, the registry's and the published trials' on one scale (%s). Blue cells are "
             "assumptions and source effects: change one and every figure below recalculates (the values shown on "
             "opening are ipseval's own). Intervals are %s unless a row says otherwise (an interval from few control clusters "
             "attains less, and everything computed from it carries that level); ratios use the delta method with the "
             "estimates taken as independent, with Fieller's interval beside it. Methods: see the Methods sheet.",
             c.employment ? rpt_tr(w, "employment probability") : rpt_tr(w, "workdays per person-year"), w->conf);
    rpt_merge_text(w, c.ws, r++, 0, 6, b, w->f.meta, rpt_lines_for(b, 150));
    r++;

    /* Assumptions. */
    rpt_put_text(w, c.ws, r++, 0, "Assumptions", w->f.subtitle);
    const char *ah[] = {"Assumption", "Value", "", "", "", "Key", "What it is"};
    header(&c, r++, ah, 7);
    const core_result_row *x;
    input(&c, r++, "Workdays in a full-time employed year", Dr->estimate, c.in_days, "workdays_per_year",
          "[compare] workdays_per_year", c.D);
    x = find(w, "assumption", "position_share", NULL);
    input(&c, r++, "Position share of the jobs gained", x ? x->estimate : 1.0, c.in_pct, "position_share",
          "mean share of full time; a job at 60% counts 0.6 of the workdays", c.sh);
    rpt_put_text(w, c.ws, r, 0, "Workdays of one employed person-year", w->f.wrap);
    snprintf(fe, sizeof fe, "=%s*%s", c.D, c.sh);
    formula(&c, r, 1, fe, Dr->estimate * (x ? x->estimate : 1.0), NULL, c.days);
    rpt_put_text(w, c.ws, r, 5, "f", c.label);
    rpt_put_text(w, c.ws, r, 6, "workdays_per_year x position_share: converts a change in the employment share to "
                                "workdays per person-year", c.note);
    cell(c.f, r++, 1);
    x = find(w, "assumption", "exposed_population", NULL);
    if (x)
        input(&c, r++, "Exposed population, post-period", x->estimate, c.in_count, "exposed_population",
              "[compare] exposed_population: the people the registry effect averages over; take-up denominator and "
              "work-years' population", c.E);
    const core_result_row *ur = find(w, "assumption", "ips_users", NULL);
    if (ur && x) {
        input(&c, r++, "IPS users among the exposed", ur->estimate, c.in_count, "ips_users", "[compare] ips_users",
              c.users);
        rpt_put_text(w, c.ws, r, 0, "Take-up", w->f.wrap);
        snprintf(fe, sizeof fe, "=%s/%s", c.users, c.E);
        formula(&c, r, 1, fe, ur->estimate / x->estimate, NULL, c.pct);
        rpt_put_text(w, c.ws, r, 5, "take_up", c.label);
        rpt_put_text(w, c.ws, r, 6, "ips_users / exposed_population: the same people and post-period the registry "
                                    "effect averages over", c.note);
        cell(c.tu, r++, 1);
    }
    x = find(w, "assumption", "interval_level", NULL);
    if (x)
        input(&c, r++, "Level of the derived intervals (ratios)", x->estimate, c.in_pct, "interval_level", x->label,
              c.target);
    x = find(w, "assumption", "z", NULL);
    if (c.target[0]) { /* z follows the level cell */
        rpt_put_text(w, c.ws, r, 0, "Normal quantile of that level", w->f.wrap);
        snprintf(fe, sizeof fe, "=NORMSINV(0.5+%s/2)", c.target);
        formula(&c, r, 1, fe, x ? x->estimate : 1.959963984540054, NULL, c.z3);
        rpt_put_text(w, c.ws, r, 5, "z", c.label);
        rpt_put_text(w, c.ws, r, 6, "for the delta-method and Fieller intervals of the ratios", c.note);
        cell(c.z, r++, 1);
    } else
        input(&c, r++, "Normal quantile of the confidence level", x ? x->estimate : 1.959963984540054, c.in_num, "z",
              "for the delta-method and Fieller intervals", c.z);
    rpt_put_text(w, c.ws, r, 0, "Scale factor", w->f.wrap);
    if (c.employment) {
        snprintf(fe, sizeof fe, "=1/%s", c.f);
        formula(&c, r, 1, fe, 1.0 / (Dr->estimate * (find(w, "assumption", "position_share", NULL)
                                                         ? find(w, "assumption", "position_share", NULL)->estimate
                                                         : 1.0)),
                NULL, c.num4);
    } else {
        rpt_put_num(w, c.ws, r, 1, 1.0, c.num4);
    }
    rpt_put_text(w, c.ws, r, 5, "k", c.label);
    rpt_put_text(w, c.ws, r, 6, c.employment ? "1/f: the figures are shares of employment" : "1: the figures are workdays",
                 c.note);
    cell(c.k, r++, 1);
    r++;

    /* Source effects. */
    rpt_put_text(w, c.ws, r++, 0, "Source effects (from the run, or typed in)", w->f.subtitle);
    const char *sh[] = {"Effect", "Estimate", "SE", "CI low", "CI high", "Method", "Source"};
    header(&c, r++, sh, 7);
    const core_result_row *trial = find(w, "source_effect", "trial_effect", NULL);
    const core_result_row *p0r = find(w, "source_effect", "trial_control_rate", NULL);
    const core_result_row *reg = find(w, "source_effect", "registry_effect", NULL);
    const core_result_row *rr = find(w, "source_effect", "pooled_rr", NULL);
    if (trial)
        source_row(&c, r++, "Trial: mean employment effect over its window (share employed)", trial, c.in_num, c.rd,
                   c.rd_se, c.rd_lo, c.rd_hi);
    for (size_t i = 0; i < w->res->n; i++) { /* the points of the trial's effect path, for reading */
        const core_result_row *q = &w->res->rows[i];
        if (!rpt_str_eq(q->module, "compare") || !rpt_str_eq(q->analysis, "source_effect") || !q->term ||
            strncmp(q->term, "trial_effect[", 13) != 0)
            continue;
        char nm[96];
        rpt_trf(w, nm, sizeof nm, "  risk difference at month %.*s", (int)(strlen(q->term) - 14), q->term + 13);
        rpt_put_text(w, c.ws, r, 0, nm, w->f.wrap);
        rpt_put_num(w, c.ws, r, 1, q->estimate, c.num4);
        rpt_put_num(w, c.ws, r, 2, q->se, c.num4);
        rpt_put_num(w, c.ws, r, 3, q->ci_low, c.num4);
        rpt_put_num(w, c.ws, r, 4, q->ci_high, c.num4);
        char mt[96];
        rpt_put_text(w, c.ws, r, 5, method_text(w, q->method, mt, sizeof mt), w->f.wrap);
        rpt_put_text(w, c.ws, r, 6, q->label, c.note);
        r++;
    }
    if (p0r)
        source_row(&c, r++, "Trial: control arm's employment rate", p0r, c.in_pct, c.p0, NULL, NULL, NULL);
    if (reg) {
        source_row(&c, r, "Registry: effect per member (workdays per person-year)", reg, c.in_num, c.reg, c.reg_se,
                   c.reg_lo, c.reg_hi);
        row_lines(w, c.ws, r, reg->label ? rpt_lines_for(reg->label, 62) : 1);
        r++;
    }
    const core_result_row *ttr = find(w, "source_effect", "trial_transported", NULL);
    const core_result_row *exr = find(w, "source_effect", "trial_transported_explained", NULL);
    if (ttr && trial) {
        source_row(&c, r, "Trial transported to the registry population: mean employment effect (share)", ttr, c.in_num,
                   c.tt, c.tt_se, c.tt_lo, c.tt_hi);
        row_lines(w, c.ws, r, ttr->label ? rpt_lines_for(ttr->label, 62) : 1);
        r++;
        if (exr) {
            source_row(&c, r, "  Trial minus transported (share): explained by who the participants are", exr, c.in_num,
                       c.ex, c.ex_se, c.ex_lo, c.ex_hi);
            row_lines(w, c.ws, r, exr->label ? rpt_lines_for(exr->label, 62) : 1);
            r++;
        }
        const core_result_row *zr = find(w, "assumption", "z_confidence", NULL);
        if (zr)
            input(&c, r++, "Normal quantile of the run's confidence level", zr->estimate, c.in_num, "z_confidence",
                  zr->label, c.zc);
    }
    if (rr) {
        source_row(&c, r++, "Published RCTs: pooled risk ratio (SE of the log); cumulative incidence, on its own scale",
                   rr, c.in_num, c.rr, c.rr_se, c.rr_lo, c.rr_hi);
    }
    r++;

    /* The figures on one scale. */
    rpt_trf(w, b, sizeof b, "On one scale: %s", c.employment ? rpt_tr(w, "employment (share)") : rpt_tr(w, "workdays per person-year"));
    rpt_put_text(w, c.ws, r++, 0, b, w->f.subtitle);
    const char *fh[] = {"Figure", "Estimate", "SE", "CI low", "CI high", "Interval from", "How it is computed"};
    header(&c, r, fh, 7);
    rpt_put_text(w, c.ws, r, 7, "Chart x (zero line)", w->f.header);
    rpt_put_text(w, c.ws, r, 8, "Chart y", w->f.header);
    lxw_row_t chart_at = r;
    r++;
    chart_rows cr = {.n = 0};
    lxw_format *ef = c.employment ? c.num4 : c.num;
    x = find(w, "effect_on_common_scale", "trial_itt", NULL);
    if (x && trial) {
        snprintf(fe, sizeof fe, "=%s*%s*%s", c.rd, c.f, c.k);
        snprintf(fse, sizeof fse, "=%s*%s*%s", c.rd_se, c.f, c.k);
        snprintf(flo, sizeof flo, "=%s*%s*%s", c.rd_lo, c.f, c.k);
        snprintf(fhi, sizeof fhi, "=%s*%s*%s", c.rd_hi, c.f, c.k);
        figure(&c, r, "Trial: intention-to-treat effect", x, fe, fse, flo, fhi, ef);
        cr.rows[cr.n] = r, cr.names[cr.n++] = "Trial (ITT)";
        r++;
    }
    x = find(w, "effect_on_common_scale", "trial_transported", NULL);
    if (x && c.tt[0]) {
        snprintf(fe, sizeof fe, "=%s*%s*%s", c.tt, c.f, c.k);
        snprintf(fse, sizeof fse, "=%s*%s*%s", c.tt_se, c.f, c.k);
        snprintf(flo, sizeof flo, "=%s*%s*%s", c.tt_lo, c.f, c.k);
        snprintf(fhi, sizeof fhi, "=%s*%s*%s", c.tt_hi, c.f, c.k);
        figure(&c, r, "Trial transported to the registry population", x, fe, fse, flo, fhi, ef);
        cr.rows[cr.n] = r, cr.names[cr.n++] = "Trial, transported";
        r++;
    }
    x = find(w, "effect_on_common_scale", "registry_per_member", NULL);
    if (x && reg) {
        snprintf(fe, sizeof fe, "=%s*%s", c.reg, c.k);
        snprintf(fse, sizeof fse, "=%s*%s", c.reg_se, c.k);
        snprintf(flo, sizeof flo, "=%s*%s", c.reg_lo, c.k);
        snprintf(fhi, sizeof fhi, "=%s*%s", c.reg_hi, c.k);
        figure(&c, r, "Registry: per member of the target population", x, fe, fse, flo, fhi, ef);
        cr.rows[cr.n] = r, cr.names[cr.n++] = "Registry, per member";
        r++;
    }
    x = find(w, "effect_on_common_scale", "registry_per_user", NULL);
    if (x && reg && c.tu[0]) {
        snprintf(fe, sizeof fe, "=%s/%s*%s", c.reg, c.tu, c.k);
        snprintf(fse, sizeof fse, "=%s/%s*%s", c.reg_se, c.tu, c.k);
        snprintf(flo, sizeof flo, "=%s/%s*%s", c.reg_lo, c.tu, c.k);
        snprintf(fhi, sizeof fhi, "=%s/%s*%s", c.reg_hi, c.tu, c.k);
        figure(&c, r, "Registry: per IPS user (Bloom)", x, fe, fse, flo, fhi, ef);
        cr.rows[cr.n] = r, cr.names[cr.n++] = "Registry, per IPS user";
        r++;
    }
    /* chart helper cells: y positions (top first) and the zero line */
    for (size_t i = 0; i < cr.n; i++) {
        rpt_put_num(w, c.ws, cr.rows[i], 7, (double)(cr.n - i), NULL);
        rpt_put_num(w, c.ws, cr.rows[i], 8, (double)(cr.n - i), NULL);
    }
    cr.ref = r;
    rpt_put_text(w, c.ws, r, 6, "zero line of the chart (columns H, I)", c.note);
    rpt_put_num(w, c.ws, r, 7, 0.0, NULL);
    rpt_put_num(w, c.ws, r, 8, 0.0, NULL);
    rpt_put_num(w, c.ws, r + 1, 7, 0.0, NULL);
    rpt_put_num(w, c.ws, r + 1, 8, (double)cr.n + 1.0, NULL);
    r += 3;

    /* The trial transported to the registry population, and the split of the gap. */
    if (c.tt[0] && trial)
        r = transport_section(&c, r, reg, ef, fe, fse, flo, fhi);

    /* Efficacy-effectiveness ratios. */
    if (find(w, "efficacy_effectiveness_ratio", NULL, NULL)) {
        rpt_put_text(w, c.ws, r++, 0, "Efficacy-effectiveness ratios (real world / trial)", w->f.subtitle);
        const char *eh[] = {"Ratio", "Estimate", "SE", "CI low", "CI high", "Method", "How it is computed"};
        header(&c, r++, eh, 7);
        for (int j = 0; j < 2; j++) {
            const char *term = j ? "registry_per_member_vs_trial" : "registry_per_user_vs_trial";
            const core_result_row *dl = find(w, "efficacy_effectiveness_ratio", term, "delta");
            const core_result_row *fi = find(w, "efficacy_effectiveness_ratio", term, "fieller");
            if (!dl || !reg || !trial || (j == 0 && !c.tu[0]))
                continue;
            char a[128], sa[128], bb[160], sb[200];
            if (j == 0) {
                snprintf(a, sizeof a, "(%s/%s)", c.reg, c.tu);
                snprintf(sa, sizeof sa, "(%s/%s)", c.reg_se, c.tu);
            } else {
                snprintf(a, sizeof a, "(%s)", c.reg);
                snprintf(sa, sizeof sa, "(%s)", c.reg_se);
            }
            snprintf(bb, sizeof bb, "(%s*%s)", c.rd, c.f);
            snprintf(sb, sizeof sb, "(%s*%s)", c.rd_se, c.f);
            const char *label = j ? "Per member / trial (needs no take-up)" : "Per IPS user / trial";
            if (isnan(dl->estimate)) {
                rpt_put_text(w, c.ws, r, 0, label, w->f.wrap);
                rpt_put_text(w, c.ws, r, 6, dl->label, c.note);
                r++;
                continue;
            }
            char ratio[420];
            snprintf(ratio, sizeof ratio, "(%s/%s)", a, bb);
            snprintf(fe, sizeof fe, "=%s", ratio);
            snprintf(fse, sizeof fse, "=IF(%s=0,%s/ABS(%s),ABS(%s)*SQRT((%s/%s)^2+(%s/%s)^2))", a, sa, bb, ratio, sa,
                     a, sb, bb);
            /* delta interval: estimate -+ z se, the se in column C of this row */
            char se_cell[16];
            cell(se_cell, r, 2);
            snprintf(flo, sizeof flo, "=%s-%s*%s", ratio, c.z, se_cell);
            snprintf(fhi, sizeof fhi, "=%s+%s*%s", ratio, c.z, se_cell);
            figure(&c, r, label, dl, fe, fse, flo, fhi, c.num);
            r++;
            if (fi) {
                /* Fieller: roots of (b^2 - z^2 sb^2) R^2 - 2ab R + (a^2 - z^2 sa^2) = 0 when bounded */
                char A[700], B[400], C[700], disc[1900];
                snprintf(A, sizeof A, "(%s^2-%s^2*%s^2)", bb, c.z, sb);
                snprintf(B, sizeof B, "(-2*%s*%s)", a, bb);
                snprintf(C, sizeof C, "(%s^2-%s^2*%s^2)", a, c.z, sa);
                snprintf(disc, sizeof disc, "(%s^2-4*%s*%s)", B, A, C);
                snprintf(flo, sizeof flo, "=IF(AND(%s>0,%s>=0),(-%s-SQRT(%s))/(2*%s),\"unbounded\")", A, disc, B, disc,
                         A);
                snprintf(fhi, sizeof fhi, "=IF(AND(%s>0,%s>=0),(-%s+SQRT(%s))/(2*%s),\"unbounded\")", A, disc, B, disc,
                         A);
                figure(&c, r, "  Fieller interval", fi, fe, NULL, flo, fhi, c.num);
                r++;
            }
        }
        r++;
    }

    /* Work-years. */
    if (find(w, "work_years", NULL, NULL) && c.E[0]) {
        rpt_put_text(w, c.ws, r++, 0, "Work-years gained a year (full-time equivalents)", w->f.subtitle);
        const char *wh[] = {"If the exposed population had", "Estimate", "SE", "CI low", "CI high", "Method",
                            "How it is computed"};
        header(&c, r++, wh, 7);
        char m[64];
        snprintf(m, sizeof m, "(%s/%s)", c.E, c.D);
        x = find(w, "work_years", "registry", NULL);
        if (x && reg) {
            snprintf(fe, sizeof fe, "=%s*%s", c.reg, m);
            snprintf(fse, sizeof fse, "=%s*%s", c.reg_se, m);
            snprintf(flo, sizeof flo, "=%s*%s", c.reg_lo, m);
            snprintf(fhi, sizeof fhi, "=%s*%s", c.reg_hi, m);
            figure(&c, r++, "the registry effect per member", x, fe, fse, flo, fhi, c.num);
        }
        x = find(w, "work_years", "trial", NULL);
        if (x && trial) {
            snprintf(fe, sizeof fe, "=(%s*%s)*%s", c.rd, c.f, m);
            snprintf(fse, sizeof fse, "=(%s*%s)*%s", c.rd_se, c.f, m);
            snprintf(flo, sizeof flo, "=(%s*%s)*%s", c.rd_lo, c.f, m);
            snprintf(fhi, sizeof fhi, "=(%s*%s)*%s", c.rd_hi, c.f, m);
            figure(&c, r++, "the trial's ITT effect", x, fe, fse, flo, fhi, c.num);
        }
        r++;
    }

    /* On its own scale: the pooled cumulative-incidence ratio (not person-time, not converted). */
    x = find(w, "effect_on_own_scale", "pooled_rct", NULL);
    if (x && rr) {
        rpt_put_text(w, c.ws, r++, 0, "On its own scale: published RCTs (cumulative incidence)", w->f.subtitle);
        const char *oh[] = {"Figure", "Risk ratio", "SE (log)", "CI low", "CI high", "Method", "Why not converted"};
        header(&c, r++, oh, 7);
        snprintf(fe, sizeof fe, "=%s", c.rr);
        snprintf(fse, sizeof fse, "=%s", c.rr_se);
        snprintf(flo, sizeof flo, "=%s", c.rr_lo);
        snprintf(fhi, sizeof fhi, "=%s", c.rr_hi);
        figure(&c, r++, "Pooled risk ratio of ever being employed", x, fe, fse, flo, fhi, c.num);
        r++;
    }

    /* Employment rates of IPS users: the trial's arms and routine practice. */
    const core_result_row *ti = find(w, "reference_rate", "trial_ips", NULL), *tc = find(w, "reference_rate", "trial_control", NULL);
    rpt_put_text(w, c.ws, r++, 0, "Employment rates: the trial's arms and IPS in routine practice", w->f.subtitle);
    const char *rh[] = {"Group", "Employed", "", "", "", "", "Source"};
    header(&c, r, rh, 7);
    lxw_row_t rates_at = r;
    r++;
    const char *line_names[8];
    size_t n_lines = 0;
    lxw_row_t first_rate = r;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *q = &w->res->rows[i];
        if (!rpt_str_eq(q->module, "compare") || !rpt_str_eq(q->analysis, "reference_rate"))
            continue;
        const char *name = rpt_str_eq(q->term, "trial_ips") ? "Trial, intervention arm"
                           : rpt_str_eq(q->term, "trial_control") ? "Trial, control arm"
                                                                    : q->term;
        rpt_put_text(w, c.ws, r, 0, name, w->f.wrap);
        rpt_put_num(w, c.ws, r, 1, q->estimate, c.pct);
        rpt_put_text(w, c.ws, r, 6, q->label, c.note);
        row_lines(w, c.ws, r, q->label ? rpt_lines_for(q->label, 62) : 1);
        r++;
    }
    (void)first_rate;
    /* chart data: per series two rows of columns H:I (x, then y): the two arms, then each published rate */
    int chart2 = ti && tc;
    lxw_row_t data_at = r + 1;
    if (chart2) {
        lxw_row_t lr = data_at;
        const core_result_row *arm[2] = {ti, tc};
        static const char *const arm_names[2] = {"Trial, intervention arm", "Trial, control arm"};
        for (int i = 0; i < 2; i++, lr += 2) {
            rpt_put_num(w, c.ws, lr, 7, 1.0 + i, NULL);
            rpt_put_num(w, c.ws, lr, 8, 1.0 + i, NULL);
            rpt_put_num(w, c.ws, lr + 1, 7, 0.0, c.pct);
            rpt_put_num(w, c.ws, lr + 1, 8, arm[i]->estimate, c.pct);
            line_names[n_lines++] = arm_names[i];
        }
        for (size_t i = 0; i < w->res->n && n_lines < 8; i++) {
            const core_result_row *q = &w->res->rows[i];
            if (!rpt_str_eq(q->module, "compare") || !rpt_str_eq(q->analysis, "reference_rate") ||
                !rpt_str_eq(q->method, "published"))
                continue;
            rpt_put_num(w, c.ws, lr, 7, 0.5, NULL);
            rpt_put_num(w, c.ws, lr, 8, 2.5, NULL);
            rpt_put_num(w, c.ws, lr + 1, 7, q->estimate, c.pct);
            rpt_put_num(w, c.ws, lr + 1, 8, q->estimate, c.pct);
            line_names[n_lines++] = q->term;
            lr += 2;
        }
        r = lr + 1;
    }
    rpt_set_cols(w, c.ws, 0, 0, 38, NULL);
    rpt_set_cols(w, c.ws, 1, 4, 12, NULL);
    rpt_set_cols(w, c.ws, 5, 5, 22, NULL);
    rpt_set_cols(w, c.ws, 6, 6, 60, NULL);
    rpt_set_cols(w, c.ws, 7, 8, 14, NULL);
    /* the two charts side by side under the tables (beside them they would take a printed page of their own) */
    (void)chart_at;
    (void)rates_at;
    lxw_row_t charts_at = r + 1;
    if (cr.n > 0 && (st = effects_chart(&c, &cr, charts_at, err)) != CORE_OK)
        return st;
    if (chart2 && (st = rates_chart(&c, data_at, n_lines, line_names, charts_at, err)) != CORE_OK)
        return st;
    return CORE_OK;
}

/* ---------- Methods entries ---------- */

static const rpt_method_info compare_methods[] = {
    {"effect_on_common_scale", NULL, "Effects on one scale",
     "Trial: the mean of its employment-effect path over the follow-up (piecewise linear through 0 at randomisation "
     "and the risk differences at each month; its integral over the window / the window) x workdays per year x "
     "position share; registry DiD effect per member of the exposed population, and per IPS user divided by take-up "
     "= IPS users / exposed population (Bloom). Intervals are the sources' intervals transformed, at the level the "
     "source attains.",
     "Bloom HS. Accounting for no-shows in experimental evaluation designs. Eval Rev 1984;8:225-246; "
     "Brinchmann B et al. Psychol Med 2024;54:1787-1795"},
    {"effect_on_own_scale", NULL, "Pooled RCTs on their own scale",
     "A pooled risk ratio of cumulative incidence (ever employed over follow-up) is not person-time: it is shown as "
     "a ratio, never converted to workdays or work-years.",
     "a rule of units: a ratio of cumulative incidence has no time in it"},
    {"efficacy_effectiveness_ratio", "delta", "Efficacy-effectiveness ratios, delta method",
     "Real-world effect per IPS user, and per member, over the trial's effect; se by the delta method with "
     "independent estimates, at the level the registry interval attains.",
     "Oehlert GW. A note on the delta method. Am Stat 1992;46:27-29"},
    {"efficacy_effectiveness_ratio", "fieller", "Efficacy-effectiveness ratios, Fieller interval",
     "Exact normal-theory interval for a ratio of independent estimates; unbounded when the denominator's "
     "interval includes 0.",
     "Fieller EC. Some problems in interval estimation. J R Stat Soc B 1954;16:175-185"},
    {"work_years", NULL, "Work-years gained",
     "Effect per member (workdays per person-year) x exposed population / workdays in a full-time year (one "
     "number for the run: workdays_per_year, default the mean weekdays of a calendar year, 260.9).",
     "Brinchmann B et al. Psychol Med 2024;54:1787-1795 (5.6 days = 12.7 work-years under their own convention)"},
    {"reference_rate", NULL, "Employment rates of IPS users",
     "The trial's arms at the last timepoint and published routine-practice rates, as reference lines.",
     "Pelizza L et al. Early Interv Psychiatry 2020; BJPsych Bulletin (South West London routine practice)"},
    {"transported_effect", NULL, "The trial transported to the registry population",
     "Each arm weighted separately by entropy weights w proportional to exp(x'lambda) whose weighted covariate means "
     "equal the target population's ([compare] target); the effect is the weighted difference of the arms' "
     "outcomes. Sandwich SE of the M-estimator (the weights' estimation included, the target taken as known), arms "
     "independent; over the window every timepoint stacked. Assumes no unmeasured effect modifiers.",
     "Signorovitch JE et al. Value Health 2010;13:940-947; Hainmueller J. Polit Anal 2012;20:25-46; Westreich D et al. "
     "Am J Epidemiol 2017;186:1010-1014"},
    {"transported_proportion", NULL, "Transported arm proportions",
     "Each arm's employment weighted to the target population, with its sandwich SE.",
     "Signorovitch JE et al. Value Health 2010;13:940-947"},
    {"effective_sample_size", NULL, "Effective sample size of the weights",
     "(sum w)^2 / sum w^2: the number of equally weighted participants the weighted arm is worth.",
     "Kish L. Survey sampling. Wiley 1965"},
    {"transport_target", NULL, "The target population", "The covariate means and level shares of [compare] target, "
     "with their sources.", "the target file"},
    {"transport_balance", NULL, "Covariate balance of the transport",
     "Each arm's covariate means before and after weighting (after: the target's, to the solver's tolerance).",
     "Hainmueller J. Polit Anal 2012;20:25-46"},
    {"transport_gap", NULL, "The trial-registry gap, split",
     "Trial minus registry = (trial minus transported: explained by who the participants are) + (transported minus "
     "registry: delivery, fidelity, context). The explained part's SE from both estimates' influence on the same "
     "participants; the others' from independent estimates, at the level the registry interval attains.",
     "Westreich D et al. Am J Epidemiol 2017;186:1010-1014"},
    {"assumption", NULL, "Assumptions of the comparison", "The [compare] values the conversions use.",
     "ipseval configuration, SPEC [compare]"},
    {"source_effect", NULL, "Source effects of the comparison",
     "The trial, registry and pooled RCT effects the comparison converts, with their intervals; a typed-in "
     "published effect keeps its published interval (registry_ci), and the row says which registry figure was "
     "used and why.",
     "the run's trial, registry and meta-analysis results, or [compare] typed-in values"},
};

const rpt_method_table rpt_methods_compare = {compare_methods, sizeof compare_methods / sizeof compare_methods[0]};
