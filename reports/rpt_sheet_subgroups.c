/* The trial's "Subgroups" sheet: does the effect differ between groups? From the rct rows `interaction`
 * (treatment-by-subgroup test), `subgroup_effect` (the effect within each level) and `equity` (access and
 * outcome by group, primary outcome): a forest plot of the primary outcome's effect by subgroup at its last
 * timepoint, the table of every outcome, timepoint and subgroup, and the equity view. Subgroup findings are
 * read from the interaction test, not from whether one group's interval excludes 0 (Wang et al. 2007). */
#include "reports/rpt_trial.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PLOT_ROWS 200  /* a chart holds at most 255 series: one per interval plus four */
#define DATA_COL 26        /* first column of the chart's data, right of the tables */
#define EQ_COL(j) ((lxw_col_t)(3 + 2 * (j))) /* the equity table's outcome at timepoint j: two columns merged */

typedef struct group {
    const char *outcome, *tp;
} group;

/* The level of a subgroup_effect term "S[level]:CMP" when it is of subgroup s and comparison term cmp. */
static int level_of(const char *term, const char *s, const char *cmp, char *out, size_t size)
{
    size_t ls = strlen(s), lt = term ? strlen(term) : 0, lc = strlen(cmp);
    if (lt < ls + lc + 3 || strncmp(term, s, ls) != 0 || term[ls] != '[')
        return 0;
    if (strcmp(term + lt - lc, cmp) != 0 || term[lt - lc - 1] != ':' || term[lt - lc - 2] != ']')
        return 0;
    size_t n = lt - lc - 2 - (ls + 1);
    snprintf(out, size, "%.*s", (int)n, term + ls + 1);
    return 1;
}

/* The subgroup variable of an interaction term "arm:S". */
static const char *subgroup_of(const char *term)
{
    return term && strncmp(term, "arm:", 4) == 0 ? term + 4 : NULL;
}

static int is_binary(const rpt_wctx *w, const char *o, const char *tp)
{
    return rpt_outcome_is_binary(w, o, rpt_find_row(w, "rct", "arm_summary", o, tp, NULL, NULL));
}

static void p_text(double p, char *buf, size_t size)
{
    char t[48];
    rpt_fmt_p(p, t, sizeof t);
    snprintf(buf, size, "p %s%s", t[0] == '<' ? "" : "= ", t);
}

/* ---------- the forest plot ---------- */

typedef struct forest {
    lxw_row_t first, last;   /* data rows */
    lxw_row_t ref;           /* two rows of the no-effect line */
    char **labels;           /* per data row: the level's label, NULL on heading rows */
    char **heads;            /* per data row: the heading's label, NULL on level rows */
    double xmin, xmax, step;
} forest;

static void series_line(lxw_chart_series *s, lxw_color_t color, double width)
{
    lxw_chart_line line = {.color = color, .width = (float)width};
    chart_series_set_line(s, &line);
    chart_series_set_marker_type(s, LXW_CHART_MARKER_NONE);
}

/* Literal labels (LibreOffice shows the value for labels that refer to cells); NULL entries hidden. */
static core_status set_labels(rpt_wctx *w, lxw_worksheet *ws, lxw_chart_series *s, char **text, size_t n,
                              core_err *err)
{
    lxw_chart_data_label *l = calloc(n ? n : 1, sizeof *l);
    lxw_chart_data_label **lp = calloc(n + 1, sizeof *lp);
    if (!l || !lp) {
        free(l), free(lp);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory labelling the forest plot");
    }
    for (size_t i = 0; i < n; i++) {
        l[i].value = text[i] ? text[i] : " ";
        l[i].hide = !text[i];
        lp[i] = &l[i];
    }
    rpt_err_at(w, rpt_chart_labels(s, lp), ws, 0, DATA_COL);
    free(l), free(lp);
    return CORE_OK;
}

static core_status forest_chart(rpt_wctx *w, lxw_worksheet *ws, const forest *f, const char *title,
                                const char *axis, lxw_row_t at_row, lxw_col_t at_col, core_err *err)
{
    lxw_chart *ch = workbook_add_chart(w->book, LXW_CHART_SCATTER_STRAIGHT);
    if (!ch)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding the forest plot");
    const char *sn = ws->name;
    const lxw_col_t c_est = DATA_COL + 1, c_lo = DATA_COL + 2, c_hi = DATA_COL + 3, c_y1 = DATA_COL + 4,
                    c_y2 = DATA_COL + 5, c_hx = DATA_COL + 6, c_hy = DATA_COL + 7, c_lx = DATA_COL + 8,
                    c_ly = DATA_COL + 9;
    for (lxw_row_t r = f->first; r <= f->last; r++) {
        if (!f->labels[r - f->first])
            continue;
        lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
        if (!s)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a forest plot series");
        chart_series_set_categories(s, sn, r, c_lo, r, c_hi);
        chart_series_set_values(s, sn, r, c_y1, r, c_y2);
        series_line(s, 0x404040, 1.25);
    }
    lxw_chart_series *ref = chart_add_series(ch, NULL, NULL);
    if (!ref)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a forest plot series");
    chart_series_set_categories(ref, sn, f->ref, c_lo, f->ref + 1, c_lo);
    chart_series_set_values(ref, sn, f->ref, c_y1, f->ref + 1, c_y1);
    lxw_chart_line dash = {.color = 0x808080, .width = 0.75f, .dash_type = LXW_CHART_LINE_DASH_DASH};
    chart_series_set_line(ref, &dash);
    chart_series_set_marker_type(ref, LXW_CHART_MARKER_NONE);

    size_t n = (size_t)(f->last - f->first + 1);
    lxw_chart_line none = {.none = LXW_TRUE};
    lxw_chart_font small = {.size = 7};
    /* the estimates: squares */
    lxw_chart_series *m = chart_add_series(ch, NULL, NULL);
    if (!m)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a forest plot series");
    chart_series_set_categories(m, sn, f->first, c_est, f->last, c_est);
    chart_series_set_values(m, sn, f->first, c_y1, f->last, c_y1);
    chart_series_set_line(m, &none);
    chart_series_set_marker_type(m, LXW_CHART_MARKER_SQUARE);
    chart_series_set_marker_size(m, 6);
    lxw_chart_fill navy = {.color = 0x1F3864};
    chart_series_set_marker_fill(m, &navy);
    /* each group's name in a column at the left, under its subgroup's heading (never over an interval) */
    lxw_chart_series *lv = chart_add_series(ch, NULL, NULL);
    if (!lv)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a forest plot series");
    chart_series_set_categories(lv, sn, f->first, c_lx, f->last, c_lx);
    chart_series_set_values(lv, sn, f->first, c_ly, f->last, c_ly);
    chart_series_set_line(lv, &none);
    chart_series_set_marker_type(lv, LXW_CHART_MARKER_NONE);
    core_status st = set_labels(w, ws, lv, f->labels, n, err);
    if (st != CORE_OK)
        return st;
    chart_series_set_labels_position(lv, LXW_CHART_LABEL_POSITION_RIGHT);
    chart_series_set_labels_font(lv, &small);
    /* the subgroup headings, with the interaction p, at the left edge */
    lxw_chart_series *h = chart_add_series(ch, NULL, NULL);
    if (!h)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a forest plot series");
    chart_series_set_categories(h, sn, f->first, c_hx, f->last, c_hx);
    chart_series_set_values(h, sn, f->first, c_hy, f->last, c_hy);
    chart_series_set_line(h, &none);
    chart_series_set_marker_type(h, LXW_CHART_MARKER_NONE);
    if ((st = set_labels(w, ws, h, f->heads, n, err)) != CORE_OK)
        return st;
    chart_series_set_labels_position(h, LXW_CHART_LABEL_POSITION_RIGHT);
    lxw_chart_font bold = {.size = 8, .bold = LXW_TRUE};
    chart_series_set_labels_font(h, &bold);

    chart_axis_set_name(ch->x_axis, rpt_chart_str(axis));
    chart_axis_set_min(ch->x_axis, f->xmin);
    chart_axis_set_max(ch->x_axis, f->xmax);
    chart_axis_set_major_unit(ch->x_axis, f->step);
    chart_axis_set_num_format(ch->x_axis, f->step >= 1 ? "0" : f->step >= 0.1 ? "0.0" : "0.00");
    chart_axis_major_gridlines_set_visible(ch->x_axis, LXW_FALSE);
    chart_axis_set_min(ch->y_axis, 0);
    chart_axis_set_max(ch->y_axis, (double)n + 1.0);
    chart_axis_off(ch->y_axis);
    chart_axis_major_gridlines_set_visible(ch->y_axis, LXW_FALSE);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    chart_title_set_name(ch, rpt_chart_str(title));
    lxw_chart_font tf = {.size = 11, .bold = LXW_TRUE};
    chart_title_set_name_font(ch, &tf);
    double height = 90.0 + 20.0 * (double)(n + 1);
    lxw_chart_options opt = {.x_scale = 1.5, .y_scale = height / 288.0};
    rpt_err_at(w, worksheet_insert_chart_opt(ws, at_row, at_col, ch, &opt), ws, at_row, at_col);
    return CORE_OK;
}

/* The plot of outcome o at tp, comparison term cmp: its data block from row `top` at DATA_COL, the chart at
 * (at_row, at_col). Nothing when no level has an estimate. */
static core_status plot(rpt_wctx *w, lxw_worksheet *ws, const char *o, const char *tp, const char *cmp,
                        const char *cmp_text, lxw_row_t top, lxw_row_t at_row, lxw_col_t at_col, lxw_row_t *rows,
                        core_err *err)
{
    *rows = 0;
    int binary = is_binary(w, o, tp);
    double scale = binary ? 100 : 1;
    size_t cap = MAX_PLOT_ROWS + 2;
    forest f = {.labels = calloc(cap, sizeof(char *)), .heads = calloc(cap, sizeof(char *)), .xmin = 0,
                .xmax = 0};
    core_status st = CORE_OK;
    /* rows in display order (top first); y counts down */
    const core_result_row **est = calloc(cap, sizeof *est);
    if (!f.labels || !f.heads || !est) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory writing the forest plot");
        goto done;
    }
    size_t n = 0, n_est = 0;
    char b[600], lv[300];
    const core_result_row *all = binary ? rpt_find_row(w, "rct", "risk_difference", o, tp, cmp, "newcombe")
                                        : rpt_find_row(w, "rct", "mean_difference", o, tp, cmp, "welch");
    if (all && isfinite(all->estimate)) {
        f.labels[n] = strdup("All participants");
        est[n++] = all;
        n_est++;
    }
    for (size_t i = 0; i < w->res->n && n + 2 < MAX_PLOT_ROWS; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (!rpt_str_eq(x->module, "rct") || !rpt_str_eq(x->analysis, "interaction") || !rpt_str_eq(x->outcome, o) ||
            !rpt_str_eq(x->timepoint, tp) || !subgroup_of(x->term))
            continue;
        const char *s = subgroup_of(x->term);
        char p[96] = "p not estimable";
        if (isfinite(x->p_value))
            p_text(x->p_value, p, sizeof p);
        char sw[300];
        snprintf(b, sizeof b, "%s: %s", rpt_words(w, s, sw, sizeof sw), p);
        f.heads[n++] = strdup(b);
        for (size_t j = 0; j < w->res->n && n < MAX_PLOT_ROWS; j++) {
            const core_result_row *y = &w->res->rows[j];
            if (!rpt_str_eq(y->module, "rct") || !rpt_str_eq(y->analysis, "subgroup_effect") ||
                !rpt_str_eq(y->outcome, o) || !rpt_str_eq(y->timepoint, tp) ||
                !level_of(y->term, s, cmp, lv, sizeof lv))
                continue;
            char lw[300];
            rpt_trial_level_words(w, s, lv, lw, sizeof lw);
            if (!isfinite(y->estimate) || !isfinite(y->ci_low) || !isfinite(y->ci_high)) {
                rpt_trf(w, b, sizeof b, "%s: not estimable", lw);
                f.labels[n] = strdup(b);
                est[n++] = NULL;
                continue;
            }
            f.labels[n] = strdup(lw);
            est[n++] = y;
            n_est++;
        }
    }
    for (size_t i = 0; i < n; i++)
        if ((f.labels[i] == NULL) == (f.heads[i] == NULL)) { /* strdup failed */
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory writing the forest plot");
            goto done;
        }
    if (n_est == 0)
        goto done;
    /* the data block */
    lxw_row_t r = top;
    rpt_put_text(w, ws, r++, DATA_COL, "Forest plot data (the chart reads these cells)", w->f.meta);
    const char *hd[] = {"Row", "Estimate", "Low", "High", "y", "y", "Heading x", "Heading y", "Label x", "Label y"};
    for (lxw_col_t c = 0; c < 10; c++)
        rpt_put_text(w, ws, r, (lxw_col_t)(DATA_COL + c), hd[c], w->f.header);
    r++;
    f.first = r;
    f.xmin = INFINITY;
    f.xmax = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        const core_result_row *x = est[i];
        if (x) {
            f.xmin = fmin(f.xmin, scale * x->ci_low);
            f.xmax = fmax(f.xmax, scale * x->ci_high);
        }
    }
    f.xmin = fmin(f.xmin, 0);
    f.xmax = fmax(f.xmax, 0);
    /* round axis bounds on a 1-2-5 step, with room at the left for the subgroup headings */
    double range = f.xmax - f.xmin > 0 ? f.xmax - f.xmin : 1, raw = range / 6, mag = pow(10, floor(log10(raw)));
    f.step = raw <= mag ? mag : raw <= 2 * mag ? 2 * mag : raw <= 5 * mag ? 5 * mag : 10 * mag;
    f.xmin = f.step * floor((f.xmin - 0.5 * range) / f.step);
    f.xmax = f.step * ceil(f.xmax / f.step);
    for (size_t i = 0; i < n; i++, r++) {
        const core_result_row *x = est[i];
        double y = (double)(n - i);
        rpt_put_text(w, ws, r, DATA_COL, f.labels[i] ? f.labels[i] : f.heads[i], NULL);
        if (f.labels[i]) { /* the group's name, indented under its heading */
            rpt_put_num(w, ws, r, DATA_COL + 8, f.xmin + 0.03 * (f.xmax - f.xmin), w->f.num2);
            rpt_put_num(w, ws, r, DATA_COL + 9, y, NULL);
        }
        if (x) {
            rpt_put_num(w, ws, r, DATA_COL + 1, scale * x->estimate, w->f.num2);
            rpt_put_num(w, ws, r, DATA_COL + 2, scale * x->ci_low, w->f.num2);
            rpt_put_num(w, ws, r, DATA_COL + 3, scale * x->ci_high, w->f.num2);
            rpt_put_num(w, ws, r, DATA_COL + 4, y, NULL);
            rpt_put_num(w, ws, r, DATA_COL + 5, y, NULL);
        } else if (f.heads[i]) {
            rpt_put_num(w, ws, r, DATA_COL + 6, f.xmin, w->f.num2);
            rpt_put_num(w, ws, r, DATA_COL + 7, y, NULL);
        }
    }
    f.last = r - 1;
    /* the no-effect line: x = 0 from y = 0 to the top */
    f.ref = r;
    rpt_put_text(w, ws, r, DATA_COL, "No effect (line)", w->f.meta);
    rpt_put_num(w, ws, r, DATA_COL + 2, 0, NULL);
    rpt_put_num(w, ws, r, DATA_COL + 4, 0, NULL);
    rpt_put_num(w, ws, r + 1, DATA_COL + 2, 0, NULL);
    rpt_put_num(w, ws, r + 1, DATA_COL + 4, (double)n + 1, NULL);
    char title[600], axis[700];
    const char *when = tp && *tp ? tp : NULL;
    rpt_trf(w, title, sizeof title, "%s%s%s%s%s: effect by subgroup (p: interaction test)", rpt_outcome_display(w, o), when ? rpt_tr(w, " at ") : "",
             when ? when : "", when && rpt_is_number(when, NULL) ? " " : "",
             when && rpt_is_number(when, NULL)
                 ? (w->run->trial && w->run->trial->time_unit ? w->run->trial->time_unit : rpt_tr(w, "months"))
                 : "");
    rpt_trf(w, axis, sizeof axis, "%s, %s (%s CI)",
             binary ? rpt_tr(w, "Risk difference, percentage points") : rpt_tr(w, "Mean difference (Welch)"), cmp_text,
             w->conf[0] ? w->conf : "");
    st = forest_chart(w, ws, &f, title, axis, at_row, at_col, err);
    *rows = (lxw_row_t)((90.0 + 20.0 * (double)(n + 1)) / 20.0) + 2; /* its height in rows of 20 px, and a gap */
done:
    free(est);
    for (size_t i = 0; i < cap && f.labels && f.heads; i++) {
        free(f.labels[i]);
        free(f.heads[i]);
    }
    free(f.labels);
    free(f.heads);
    return st;
}

/* ---------- the sheet ---------- */

core_status rpt_sheet_subgroups(rpt_wctx *w, core_err *err)
{
    rpt_arms a;
    rpt_trial_arms(w, &a);
    if (a.n < 2) /* no comparison to lay out: a sheet that says so (the Summary lists it) */
        return rpt_trial_no_arms(w, "Subgroups: does the effect differ between groups?", err);
    group *g = malloc((w->res->n ? w->res->n : 1) * sizeof *g);
    if (!g)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory writing the Subgroups sheet");
    size_t ng = 0;
    for (size_t i = 0; i < w->res->n; i++) { /* (outcome, timepoint) of the interaction rows, outcome by outcome */
        const core_result_row *r = &w->res->rows[i];
        if (!rpt_str_eq(r->module, "rct") || !rpt_str_eq(r->analysis, "interaction"))
            continue;
        size_t j = 0;
        while (j < ng && !(rpt_str_eq(g[j].outcome, r->outcome) && rpt_str_eq(g[j].tp, r->timepoint)))
            j++;
        if (j == ng)
            g[ng++] = (group){r->outcome, r->timepoint};
    }
    /* order: by outcome as they first appear, timepoints in their order */
    for (size_t i = 1; i < ng; i++) {
        group x = g[i];
        size_t j = i;
        size_t first_x = 0;
        while (first_x < ng && !rpt_str_eq(g[first_x].outcome, x.outcome))
            first_x++;
        while (j > 0) {
            size_t first_p = 0;
            while (first_p < ng && !rpt_str_eq(g[first_p].outcome, g[j - 1].outcome))
                first_p++;
            if (first_p <= first_x)
                break;
            g[j] = g[j - 1];
            j--;
        }
        g[j] = x;
    }
    if (ng == 0) { /* registered on interaction rows, so not reached; kept for safety */
        free(g);
        return rpt_trial_no_arms(w, "Subgroups: does the effect differ between groups?", err);
    }
    lxw_worksheet *ws;
    core_status st = rpt_add_sheet(w, w->sheet->name, &ws, err);
    if (st != CORE_OK) {
        free(g);
        return st;
    }
    rpt_chart_data_cols(w, ws, DATA_COL); /* the forest plot's data: on the hidden chart-data sheet */
    const char *C = rpt_trial_control(&a);
    size_t ncmp = rpt_trial_n_comparisons(&a);
    int k = w->run->small_cell;
    char b[4096], t[600], term[300], lv[300];
    const char *ci = w->conf[0] ? w->conf : "";
    lxw_row_t r = 0;
    rpt_put_text(w, ws, r++, 0, "Subgroups: does the effect differ between groups?", w->f.title);
    rpt_put_text(w, ws, r++, 0,
                 "Read the interaction test first: it asks whether the effect differs between the groups. An interval "
                 "that excludes 0 in one group and not in another is not evidence of a difference.",
                 w->f.meta);
    r++;

    /* the forest plot of the primary outcome (else the first) at its last timepoint, first comparison */
    const char *po = w->run->trial && w->run->trial->primary ? w->run->trial->primary : NULL;
    size_t pick = ng;
    for (size_t i = 0; i < ng; i++)
        if (po && rpt_str_eq(g[i].outcome, po))
            pick = i; /* the last timepoint of the primary outcome */
    if (pick == ng)
        for (size_t i = 0; i < ng && rpt_str_eq(g[i].outcome, g[0].outcome); i++)
            pick = i;
    /* the forest plot first (it is what a reader looks at), the table under it */
    if (pick < ng) {
        char cmp_text[300];
        lxw_row_t used = 0;
        rpt_trial_term(&a, 0, term, sizeof term);
        rpt_trf(w, cmp_text, sizeof cmp_text, "%s minus %s", a.level[0], C);
        st = plot(w, ws, g[pick].outcome, g[pick].tp, term, cmp_text, r, r, 0, &used, err);
        if (st != CORE_OK) {
            free(g);
            return st;
        }
        r += used;
    }

    /* the table: per outcome and timepoint a heading, then per subgroup its interaction test and each group's
     * effect, with the events and participants of each arm as numbers */
    int multi = ncmp > 1;
    lxw_col_t c_arm = (lxw_col_t)(multi ? 2 : 1); /* events and n of the intervention, then of the control */
    lxw_col_t c_eff = (lxw_col_t)(c_arm + 4), c_p = (lxw_col_t)(c_eff + 1);
    char eff[200], h1[200], h2[200], h3[200], h4[200];
    rpt_trf(w, eff, sizeof eff, "Effect (%s CI)", ci);
    const char *T = multi ? rpt_tr(w, "Intervention") : a.level[0];
    rpt_trf(w, h1, sizeof h1, "%s events", T);
    rpt_trf(w, h2, sizeof h2, "%s n", T);
    rpt_trf(w, h3, sizeof h3, "%s events", C);
    rpt_trf(w, h4, sizeof h4, "%s n", C);
    const char *head[] = {"Subgroup", "Comparison", h1, h2, h3, h4, eff, "Interaction p"};
    rpt_put_text(w, ws, r, 0, head[0], w->f.header);
    if (multi)
        rpt_put_text(w, ws, r, 1, head[1], w->f.header);
    for (lxw_col_t c = 0; c < 6; c++)
        rpt_put_text(w, ws, r, (lxw_col_t)(c_arm + c), head[2 + c], w->f.header);
    lxw_row_t header = r++;
    for (size_t q = 0; q < ng; q++) {
        const char *o = g[q].outcome, *tp = g[q].tp;
        int binary = is_binary(w, o, tp);
        int digits = 1;
        if (!binary) {
            const core_result_row *sd = rpt_find_row(w, "rct", "arm_summary", o, tp, C, "sd");
            digits = rpt_trial_digits(sd ? sd->estimate : NAN);
        }
        /* the heading: outcome, timepoint and what the effect is */
        const char *unit = w->run->trial && w->run->trial->time_unit ? w->run->trial->time_unit : "months";
        char when[200] = "";
        if (tp && *tp && rpt_is_number(tp, NULL))
            rpt_trf(w, when, sizeof when, " at %s %s", tp, rpt_tr(w, unit));
        else if (tp && *tp)
            rpt_trf(w, when, sizeof when, " at %s", tp);
        rpt_trf(w, t, sizeof t, "%s%s: %s", rpt_outcome_display(w, o), when,
                binary ? rpt_tr(w, "risk difference, percentage points") : rpt_tr(w, "difference in means (Welch)"));
        rpt_merge_text(w, ws, r++, 0, c_p, t, w->f.key, 1);
        for (size_t i = 0; i < w->res->n; i++) {
            const core_result_row *x = &w->res->rows[i];
            if (!rpt_str_eq(x->module, "rct") || !rpt_str_eq(x->analysis, "interaction") ||
                !rpt_str_eq(x->outcome, o) || !rpt_str_eq(x->timepoint, tp) || !subgroup_of(x->term))
                continue;
            const char *s = subgroup_of(x->term);
            char sw[300];
            rpt_put_text(w, ws, r, 0, rpt_words(w, s, sw, sizeof sw), w->f.subtitle);
            if (isnan(x->p_value)) { /* why there is no test (the test itself is described under the table) */
                rpt_put_text(w, ws, r, c_p, "n/a", w->f.right);
                rpt_merge_text(w, ws, r, 1, (lxw_col_t)(c_p - 1), x->label, w->f.wrap, rpt_lines_for(x->label, 60));
            } else {
                rpt_p_cell(w, ws, r, c_p, x);
            }
            r++;
            for (size_t c = 0; c < ncmp; c++) {
                rpt_trial_term(&a, c, term, sizeof term);
                for (size_t j = 0; j < w->res->n; j++) {
                    const core_result_row *y = &w->res->rows[j];
                    if (!rpt_str_eq(y->module, "rct") || !rpt_str_eq(y->analysis, "subgroup_effect") ||
                        !rpt_str_eq(y->outcome, o) || !rpt_str_eq(y->timepoint, tp) ||
                        !level_of(y->term, s, term, lv, sizeof lv))
                        continue;
                    char lt[340], lw[300];
                    snprintf(lt, sizeof lt, "    %s", rpt_trial_level_words(w, s, lv, lw, sizeof lw));
                    rpt_put_text(w, ws, r, 0, lt, NULL);
                    if (multi) {
                        rpt_trf(w, t, sizeof t, "%s vs %s", a.level[c], C);
                        rpt_put_text(w, ws, r, 1, t, NULL);
                    }
                    /* the counts behind each arm: events (binary) and participants, withheld under disclosure control
                     * where they are small */
                    const core_row_counts *ct = &y->counts;
                    double ev[2] = {NAN, NAN}, nn[2] = {NAN, NAN};
                    if (ct->kind == CORE_COUNT_SHARE) {
                        ev[0] = ct->x1, nn[0] = ct->n1, ev[1] = ct->x0, nn[1] = ct->n0;
                    } else if (ct->kind == CORE_COUNT_SIZES) {
                        nn[0] = ct->n1, nn[1] = ct->n0;
                    }
                    for (int arm = 0; arm < 2; arm++) {
                        lxw_col_t ce = (lxw_col_t)(c_arm + 2 * arm);
                        if (binary && k <= 0 && isfinite(ev[arm]))
                            rpt_put_num(w, ws, r, ce, ev[arm], w->f.integer);
                        if (isfinite(nn[arm])) {
                            if (k > 0 && nn[arm] < k) {
                                char cc[48];
                                rpt_put_text(w, ws, r, (lxw_col_t)(ce + 1), rpt_fmt_count(nn[arm], k, cc, sizeof cc),
                                             w->f.right);
                            } else {
                                rpt_put_num(w, ws, r, (lxw_col_t)(ce + 1), nn[arm], w->f.integer);
                            }
                        }
                    }
                    rpt_effect_cell(w, ws, r, c_eff, y, binary ? 100 : 1, digits);
                    r++;
                }
            }
        }
    }
    r++;
    rpt_trf(w, b, sizeof b,
             "Effect: %s minus %s within the group - for binary outcomes the risk difference in percentage points "
             "with Newcombe's interval (events: participants with the outcome in each arm), for continuous outcomes "
             "the difference in means with Welch's interval. Interaction test: does the effect differ between the "
             "groups? Binary outcomes: likelihood-ratio test of a logistic model in which the effect may differ "
             "between the groups against one with the same effect in every group; continuous: the F test of the same "
             "linear models. A group with no events (or only events) has no finite logistic interaction model: the "
             "row says so and the groups' risk differences are still shown.%s",
             ncmp > 1 ? rpt_tr(w, "each intervention") : a.level[0], C,
             k > 0 ? rpt_tr(w, " Under disclosure control the counts behind each group's effect are not shown.") : "");
    rpt_merge_text(w, ws, r++, 0, c_p, b, w->f.note, rpt_lines_for(b, 110));
    r++;

    /* equity: access and outcome by group (primary outcome) */
    const char *eo = NULL;
    for (size_t i = 0; i < w->res->n && !eo; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (rpt_str_eq(x->module, "rct") && rpt_str_eq(x->analysis, "equity"))
            eo = x->outcome;
    }
    if (eo) {
        const char *tps[32];
        size_t ntp = 0;
        for (size_t i = 0; i < w->res->n && ntp < 32; i++) {
            const core_result_row *x = &w->res->rows[i];
            if (!rpt_str_eq(x->module, "rct") || !rpt_str_eq(x->analysis, "equity") || !rpt_str_eq(x->outcome, eo) ||
                !rpt_str_eq(x->method, "outcome"))
                continue;
            size_t j = 0;
            while (j < ntp && !rpt_str_eq(tps[j], x->timepoint))
                j++;
            if (j == ntp)
                tps[ntp++] = x->timepoint;
        }
        int binary = is_binary(w, eo, ntp ? tps[0] : NULL);
        rpt_trf(w, t, sizeof t, "Equity: who takes part and who gains, %s", rpt_outcome_display(w, eo));
        rpt_put_text(w, ws, r++, 0, t, w->f.subtitle);
        rpt_put_text(w, ws, r, 0, "Subgroup", w->f.header);
        rpt_put_text(w, ws, r, 1, "Randomised, n", w->f.header);
        rpt_put_text(w, ws, r, 2, "Randomised, %", w->f.header);
        for (size_t j = 0; j < ntp; j++) {
            char when[160];
            if (tps[j] && rpt_is_number(tps[j], NULL)) /* "at 6 months" */
                rpt_trf(w, when, sizeof when, "at %s %s", tps[j],
                        rpt_tr(w, w->run->trial && w->run->trial->time_unit ? w->run->trial->time_unit : "months"));
            else
                snprintf(when, sizeof when, "%s", tps[j] ? tps[j] : "");
            rpt_trf(w, t, sizeof t, "%s arm, %s %s (%s CI)", a.level[0], binary ? "%" : rpt_tr(w, "mean"), when, ci);
            rpt_merge_text(w, ws, r, EQ_COL(j), (lxw_col_t)(EQ_COL(j) + 1), t, w->f.header, 1);
        }
        r++;
        const core_result_row *arm = rpt_find_row(w, "rct", "arm_summary", eo, ntp ? tps[0] : NULL, a.level[0], NULL);
        int dg = binary ? 1 : rpt_trial_digits(arm ? arm->estimate : NAN);
        for (size_t i = 0; i < w->res->n; i++) {
            const core_result_row *x = &w->res->rows[i];
            if (!rpt_str_eq(x->module, "rct") || !rpt_str_eq(x->analysis, "equity") || !rpt_str_eq(x->outcome, eo) ||
                !(rpt_str_eq(x->method, "chisq") || rpt_str_eq(x->method, "anova_f")) ||
                !rpt_str_eq(x->timepoint, ntp ? tps[0] : NULL))
                continue;
            const char *s = x->term; /* the subgroup variable (its test row, first timepoint) */
            char sw[300];
            rpt_put_text(w, ws, r++, 0, rpt_words(w, s, sw, sizeof sw), w->f.key);
            for (size_t j = 0; j < w->res->n; j++) {
                const core_result_row *acc = &w->res->rows[j];
                size_t ls = strlen(s);
                if (!rpt_str_eq(acc->module, "rct") || !rpt_str_eq(acc->analysis, "equity") ||
                    !rpt_str_eq(acc->outcome, eo) || !rpt_str_eq(acc->method, "access") || !acc->term ||
                    strncmp(acc->term, s, ls) != 0 || acc->term[ls] != '[')
                    continue;
                size_t lt = strlen(acc->term);
                char lw[300], lt2[340];
                snprintf(lv, sizeof lv, "%.*s", (int)(lt - ls - 2), acc->term + ls + 1);
                snprintf(lt2, sizeof lt2, "    %s", rpt_trial_level_words(w, s, lv, lw, sizeof lw));
                rpt_put_text(w, ws, r, 0, lt2, NULL);
                double cnt = isfinite(acc->estimate) && isfinite(acc->n) ? floor(acc->estimate * acc->n + 0.5) : NAN;
                if (acc->hidden & CORE_HIDE_ESTIMATE) { /* withheld by disclosure control: "<k" or ">n-k", or why */
                    const char *sl = acc->label ? strchr(acc->label, '/') : NULL;
                    if (sl && (acc->label[0] == '<' || acc->label[0] == '>'))
                        snprintf(b, sizeof b, "%.*s", (int)(sl - acc->label), acc->label);
                    else
                        rpt_trf(w, b, sizeof b, "withheld");
                    rpt_put_text(w, ws, r, 1, b, w->f.right);
                    rpt_put_text(w, ws, r, 2, RPT_EM_DASH, w->f.right);
                } else if (isfinite(cnt)) {
                    if (k > 0 && cnt < k) {
                        char c1[48];
                        rpt_put_text(w, ws, r, 1, rpt_fmt_count(cnt, k, c1, sizeof c1), w->f.right);
                    } else {
                        rpt_put_num(w, ws, r, 1, cnt, w->f.integer);
                    }
                    if (k > 0 && (cnt < k || acc->n - cnt < k))
                        rpt_put_text(w, ws, r, 2, RPT_EM_DASH, w->f.right);
                    else
                        rpt_put_num(w, ws, r, 2, acc->estimate, w->f.pct);
                }
                for (size_t q = 0; q < ntp; q++) {
                    const core_result_row *y = rpt_find_row(w, "rct", "equity", eo, tps[q], acc->term, "outcome");
                    if (!y)
                        continue;
                    rpt_merge_text(w, ws, r, EQ_COL(q), (lxw_col_t)(EQ_COL(q) + 1), NULL, w->f.right, 1);
                    if ((y->hidden & CORE_HIDE_ESTIMATE) ||
                        (binary && rpt_pct_hidden(&(core_result_row){.n = y->n, .estimate = y->estimate}, k)))
                        rpt_put_text(w, ws, r, EQ_COL(q), RPT_EM_DASH, w->f.right);
                    else
                        rpt_effect_cell(w, ws, r, EQ_COL(q), y, binary ? 100 : 1, dg);
                }
                r++;
            }
            rpt_put_text(w, ws, r, 0, "    difference between groups", w->f.wrap);
            for (size_t q = 0; q < ntp; q++) {
                const core_result_row *y = rpt_find_row(w, "rct", "equity", eo, tps[q], s, NULL);
                if (!y)
                    continue;
                if (isnan(y->p_value)) {
                    rpt_merge_text(w, ws, r, EQ_COL(q), (lxw_col_t)(EQ_COL(q) + 1), y->label ? y->label : "n/a",
                                   w->f.wrap, rpt_lines_for(y->label ? y->label : "n/a", 20));
                } else {
                    p_text(y->p_value, t, sizeof t);
                    rpt_merge_text(w, ws, r, EQ_COL(q), (lxw_col_t)(EQ_COL(q) + 1), t, w->f.right, 1);
                }
            }
            r++;
        }
        r++;
        rpt_trf(w, b, sizeof b,
                 "Randomised: the group's share of everyone randomised with a value (access: who takes part). The "
                 "outcome columns: the %s arm by group, with %s (who gains); the last row of each subgroup tests "
                 "whether the groups differ in that arm (%s). The UK routine-practice studies of IPS report access "
                 "and outcome by group this way; the interaction tests above say whether the effect itself differs.",
                 a.level[0], binary ? rpt_tr(w, "Wilson intervals") : rpt_tr(w, "t intervals"),
                 binary ? rpt_tr(w, "Pearson chi-square") : rpt_tr(w, "one-way ANOVA F test"));
        rpt_merge_text(w, ws, r++, 0, c_p, b, w->f.note, rpt_lines_for(b, 110));
    }

    rpt_set_cols(w, ws, 0, 0, 30, NULL); /* one page wide: subgroups and groups, counts, effect, p */
    if (multi)
        rpt_set_cols(w, ws, 1, 1, 14, NULL);
    rpt_set_cols(w, ws, c_arm, (lxw_col_t)(c_arm + 3), 10, NULL);
    rpt_set_cols(w, ws, c_eff, c_eff, 20, NULL);
    rpt_set_cols(w, ws, c_p, c_p, 12, NULL);
    if (c_p < 8)
        rpt_set_cols(w, ws, (lxw_col_t)(c_p + 1), 8, 10, NULL); /* the equity table's further timepoints */
    rpt_set_cols(w, ws, DATA_COL, DATA_COL, 24, NULL);
    rpt_set_cols(w, ws, DATA_COL + 1, DATA_COL + 9, 10, NULL);
    worksheet_freeze_panes(ws, header + 1, 0);
    free(g);
    return st;
}
