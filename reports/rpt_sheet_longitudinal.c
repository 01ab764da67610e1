/* The trial over time: the "Longitudinal" sheet (each repeated outcome's arm effect by timepoint from every model,
 * side by side with the per-timepoint analysis) and the "Time to job" sheet (Kaplan-Meier table and curves with
 * numbers at risk, log-rank, hazard ratios). Reads rct rows only (rct/rct_long.c, rct/rct_surv.c). */
#include "reports/rpt_trial.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* First rct row of (analysis, outcome, timepoint, term, method); NULL and "" are the same. */
static const core_result_row *row_of(const rpt_wctx *w, const char *analysis, const char *outcome, const char *tp,
                                     const char *term, const char *method)
{
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *r = &w->res->rows[i];
        if (rpt_str_eq(r->module, "rct") && rpt_str_eq(r->analysis, analysis) && rpt_str_eq(r->outcome, outcome) &&
            rpt_str_eq(r->timepoint, tp) && rpt_str_eq(r->term, term) && (!method || rpt_str_eq(r->method, method)))
            return r;
    }
    return NULL;
}

/* Distinct values (pointers into the rows) of the outcome / timepoint / term of rct rows of an analysis. */
enum { MAXV = 256 };
static size_t distinct(const rpt_wctx *w, const char *analysis, const char *outcome, int field, const char **out)
{
    size_t n = 0;
    for (size_t i = 0; i < w->res->n && n < MAXV; i++) {
        const core_result_row *r = &w->res->rows[i];
        if (!rpt_str_eq(r->module, "rct") || !rpt_str_eq(r->analysis, analysis) ||
            (outcome && !rpt_str_eq(r->outcome, outcome)))
            continue;
        const char *v = field == 0 ? r->outcome : field == 1 ? r->timepoint : r->term;
        if (field == 2 && !(v && strncmp(v, "arm", 3) == 0))
            continue;
        size_t j = 0;
        while (j < n && !rpt_str_eq(out[j], v))
            j++;
        if (j == n)
            out[n++] = v;
    }
    return n;
}

/* A model term for people: the arm comparison as "IPS vs TAU", any other term with the data's columns named by their
 * labels (rpt_trial_term_words). */
static const char *term_words(rpt_wctx *w, const char *term, char *buf, size_t size)
{
    return rpt_trial_term_words(w, term, buf, size);
}

/* A variance component or working correlation of a longitudinal model in words (the results file's term). */
static const char *component_words(const rpt_wctx *w, const char *term, const char *analysis)
{
    if (rpt_str_eq(term, "rho"))
        return rpt_tr(w, "working correlation");
    if (rpt_str_eq(term, "sd[unit]"))
        return rpt_tr(w, rpt_str_eq(analysis, "lmm") ? "between-participant SD (random intercept)"
                                                    : "random-intercept SD");
    if (rpt_str_eq(term, "sd[residual]"))
        return rpt_tr(w, "within-participant (residual) SD");
    if (rpt_str_eq(term, "icc"))
        return rpt_tr(w, "intraclass correlation");
    return term;
}

/* ------------------------------------------------------------------ Longitudinal */

typedef struct model_col {
    const char *analysis, *method, *head;
} model_col;

core_status rpt_sheet_longitudinal(rpt_wctx *w, core_err *err)
{
    char lt[1200]; /* a term or label with the data's columns named by their labels (rpt_label_text) */
    const char *outs[MAXV];
    size_t no = distinct(w, "gee_logistic", NULL, 0, outs);
    const char *o2[MAXV];
    size_t n2 = distinct(w, "gee_linear", NULL, 0, o2);
    for (size_t i = 0; i < n2 && no < MAXV; i++)
        outs[no++] = o2[i];
    if (no == 0)
        return CORE_OK;
    lxw_worksheet *ws;
    core_status st = rpt_add_sheet(w, w->sheet->name, &ws, err);
    if (st != CORE_OK)
        return st;
    lxw_row_t r = 0;
    rpt_put_text(w, ws, r++, 0, "The trial over time: one model across all timepoints", w->f.title);
    rpt_merge_text(w, ws, r++, 0, 7,
                   "Each outcome measured at several timepoints is analysed once across them, clusters = participants. "
                   "GEE gives the population-average effect (robust standard errors; exchangeable, independence and "
                   "AR(1) working correlation); the mixed models (GLMM for binary outcomes, LMM for continuous ones) "
                   "give the effect for a given participant (random intercept), which for odds ratios is further from 1 "
                   "than the population-average one. The first column is the analysis of that timepoint alone.",
                   w->f.note, 4);
    r++;
    static const model_col bin[] = {{"odds_ratio", "woolf", "Per timepoint (Woolf)"},
                                    {"odds_ratio", "gee_logistic_exchangeable", "GEE exchangeable"},
                                    {"odds_ratio", "gee_logistic_independence", "GEE independence"},
                                    {"odds_ratio", "gee_logistic_ar1", "GEE AR(1)"},
                                    {"odds_ratio", "glmm_logistic_laplace", "GLMM Laplace"},
                                    {"odds_ratio", "glmm_logistic_aghq", "GLMM adaptive G-H"}};
    static const model_col con[] = {{"mean_difference", "welch", "Per timepoint (Welch)"},
                                    {"gee_linear", "exchangeable", "GEE exchangeable"},
                                    {"gee_linear", "independence", "GEE independence"},
                                    {"gee_linear", "ar1", "GEE AR(1)"},
                                    {"lmm", "reml", "LMM REML"},
                                    {"lmm", "ml", "LMM ML"}};
    for (size_t k = 0; k < no; k++) {
        const char *o = outs[k];
        const char *tmp[MAXV];
        int binary = distinct(w, "gee_logistic", o, 1, tmp) > 0;
        const model_col *mc = binary ? bin : con;
        char b[400];
        rpt_trf(w, b, sizeof b, "%s: %s by timepoint", rpt_outcome_display(w, o),
                 binary ? rpt_tr(w, "odds ratio (95% CI)") : rpt_tr(w, "difference in means (95% CI)"));
        rpt_put_text(w, ws, r++, 0, b, w->f.subtitle);
        const char *gee_an = binary ? "gee_logistic" : "gee_linear";
        const char *tps[MAXV], *terms[MAXV];
        size_t nt = distinct(w, gee_an, o, 1, tps), na = distinct(w, gee_an, o, 2, terms);
        /* what the models hold, from the GEE's label ("... observations ...; adjusted for ...") */
        const core_result_row *first = NULL;
        for (size_t i = 0; i < w->res->n && !first; i++) {
            const core_result_row *x = &w->res->rows[i];
            if (rpt_str_eq(x->module, "rct") && rpt_str_eq(x->analysis, gee_an) && rpt_str_eq(x->outcome, o) &&
                rpt_str_eq(x->method, "exchangeable") && x->label)
                first = x;
        }
        if (first)
            rpt_merge_text(w, ws, r++, 0, 7, rpt_label_text(w, first->label, lt, sizeof lt), w->f.note, 1);
        /* the two kinds of effect are set apart: the GEE's is averaged over the population, the mixed model's holds
         * for a participant with a given random intercept; for odds ratios they are different quantities */
        rpt_put_text(w, ws, r, 2, "This timepoint alone", w->f.header);
        rpt_merge_text(w, ws, r, 3, 5,
                       binary ? "Population-average odds ratio (GEE)" : "Population-average difference (GEE)",
                       w->f.header, 1);
        rpt_merge_text(w, ws, r, 6, 7,
                       binary ? "Subject-specific odds ratio (GLMM): another quantity, not comparable with GEE"
                              : "Subject-specific difference (LMM; equals the average one for a linear model)",
                       w->f.header, 1);
        r++;
        rpt_put_text(w, ws, r, 0, "Comparison", w->f.header);
        rpt_put_text(w, ws, r, 1, "Timepoint", w->f.header);
        for (int c = 0; c < 6; c++)
            rpt_put_text(w, ws, r, (lxw_col_t)(2 + c), mc[c].head, w->f.header);
        r++;
        for (size_t a = 0; a < na; a++)
            for (size_t t = 0; t < nt; t++) {
                const core_result_row *any = row_of(w, gee_an, o, tps[t], terms[a], "exchangeable");
                if (!any)
                    continue;
                if (tps[t] && *tps[t])
                    rpt_timepoint_cell(w, ws, r, 1, tps[t]);
                else
                    rpt_put_text(w, ws, r, 1, "all (main effect)", w->f.right);
                rpt_put_text(w, ws, r, 0, term_words(w, terms[a], lt, sizeof lt), NULL);
                for (int c = 0; c < 6; c++) {
                    const char *an = mc[c].analysis;
                    const char *tm = c == 0 ? (strcmp(terms[a], "arm") == 0 ? "arm" : terms[a]) : terms[a];
                    const core_result_row *x = (c == 0 && !(tps[t] && *tps[t])) ? NULL
                                                                                : row_of(w, an, o, tps[t], tm, mc[c].method);
                    if (x)
                        rpt_effect_cell(w, ws, r, (lxw_col_t)(2 + c), x, 1, 2);
                }
                r++;
            }
        /* variance components and working correlations, in words; how each is estimated under the table */
        r++;
        rpt_put_text(w, ws, r, 0, "Model", w->f.header);
        rpt_merge_text(w, ws, r, 1, 2, "Quantity", w->f.header, 1);
        rpt_put_text(w, ws, r, 3, "Estimate", w->f.header);
        r++;
        static const char *const vterms[] = {"rho", "sd[unit]", "sd[residual]", "icc"};
        int any_rho = 0, any_icc = 0;
        for (int c = 1; c < 6; c++)
            for (int v = 0; v < 4; v++) {
                const char *an = binary ? (c <= 3 ? "gee_logistic" : "glmm_logistic") : mc[c].analysis;
                const char *meth = binary ? (c <= 3 ? mc[c].method + strlen("gee_logistic_")
                                                    : mc[c].method + strlen("glmm_logistic_"))
                                          : mc[c].method;
                const core_result_row *x = row_of(w, an, o, NULL, vterms[v], meth);
                if (!x)
                    continue;
                any_rho |= v == 0;
                any_icc |= v == 3;
                rpt_put_text(w, ws, r, 0, mc[c].head, NULL);
                rpt_merge_text(w, ws, r, 1, 2, component_words(w, vterms[v], an), w->f.plain, 1);
                if (isnan(x->estimate))
                    rpt_merge_text(w, ws, r, 3, 5, x->label, w->f.wrap, 1);
                else
                    rpt_put_num(w, ws, r, 3, x->estimate, w->f.num2);
                r++;
            }
        if (any_rho || any_icc) {
            rpt_trf(w, b, sizeof b, "%s%s%s", any_rho ? rpt_tr(w, "Working correlation: the GEE's moment estimate, as R's geepack. ") : "",
                    any_icc ? rpt_tr(w, "Intraclass correlation: the share of the variance between participants, "
                                        "SD(random intercept)\xc2\xb2 / (SD(random intercept)\xc2\xb2 + SD(residual)\xc2\xb2). ")
                            : "",
                    "");
            rpt_merge_text(w, ws, r++, 0, 7, b, w->f.note, 1);
        }
        r++;
    }
    rpt_set_cols(w, ws, 0, 0, 18, NULL);
    rpt_set_cols(w, ws, 1, 1, 11, NULL);
    rpt_set_cols(w, ws, 2, 7, 20, NULL);
    return CORE_OK;
}

/* ------------------------------------------------------------------ Time to job */

/* The Kaplan-Meier curves as a step chart (two points per drop) with the data beside it, and the numbers at risk. */
static core_status km_chart(rpt_wctx *w, lxw_worksheet *ws, const char *o, const char **arms, size_t na,
                            lxw_row_t anchor, lxw_col_t data_col, core_err *err)
{
    lxw_chart *ch = workbook_add_chart(w->book, LXW_CHART_SCATTER_STRAIGHT);
    if (!ch)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory (chart)");
    static const lxw_color_t colors[] = {0x1F3864, 0xC55A11, 0x548235, 0x7030A0};
    lxw_col_t c = data_col;
    for (size_t a = 0; a < na; a++, c += 3) {
        rpt_put_text(w, ws, 0, c, arms[a], w->f.header);
        rpt_put_text(w, ws, 1, c, "time", w->f.header);
        rpt_put_text(w, ws, 1, (lxw_col_t)(c + 1), "S(t)", w->f.header);
        lxw_row_t rr = 2;
        double prev = 1;
        for (size_t i = 0; i < w->res->n; i++) {
            const core_result_row *x = &w->res->rows[i];
            if (!rpt_str_eq(x->module, "rct") || !rpt_str_eq(x->analysis, "km_curve") || !rpt_str_eq(x->outcome, o) ||
                !rpt_str_eq(x->term, arms[a]))
                continue;
            double t;
            if (!rpt_is_number(x->timepoint, &t))
                continue;
            /* a step: the previous level up to t, then the new level */
            rpt_put_num(w, ws, rr, c, t, NULL);
            rpt_put_num(w, ws, rr++, (lxw_col_t)(c + 1), prev, NULL);
            rpt_put_num(w, ws, rr, c, t, NULL);
            rpt_put_num(w, ws, rr++, (lxw_col_t)(c + 1), x->estimate, NULL);
            prev = x->estimate;
        }
        if (rr == 2)
            continue;
        lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
        if (!s)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory (chart series)");
        chart_series_set_categories(s, ws->name, 2, c, rr - 1, c);
        chart_series_set_values(s, ws->name, 2, (lxw_col_t)(c + 1), rr - 1, (lxw_col_t)(c + 1));
        chart_series_set_name(s, rpt_chart_str(arms[a]));
        lxw_chart_line line = {.color = colors[a % 4], .width = 1.75f};
        chart_series_set_line(s, &line);
        chart_series_set_marker_type(s, LXW_CHART_MARKER_NONE);
    }
    char title[300];
    rpt_trf(w, title, sizeof title, "Kaplan-Meier: %s", rpt_outcome_display(w, o));
    chart_title_set_name(ch, rpt_chart_str(title));
    chart_axis_set_name(ch->x_axis, "Time since randomisation");
    chart_axis_set_name(ch->y_axis, "Proportion without the event");
    chart_axis_set_min(ch->y_axis, 0);
    chart_axis_set_max(ch->y_axis, 1);
    chart_axis_set_min(ch->x_axis, 0);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options opt = {.x_scale = 1.4, .y_scale = 1.3, .y_offset = 4};
    lxw_error e = worksheet_insert_chart_opt(ws, anchor, 0, ch, &opt);
    rpt_err_at(w, e, ws, anchor, 0);
    return CORE_OK;
}

core_status rpt_sheet_survival(rpt_wctx *w, core_err *err)
{
    char lt[400]; /* a term with the data's columns named by their labels (rpt_label_text) */
    const char *outs[MAXV];
    size_t no = distinct(w, "km_median", NULL, 0, outs);
    if (no == 0)
        return CORE_OK;
    lxw_worksheet *ws;
    core_status st = rpt_add_sheet(w, w->sheet->name, &ws, err);
    if (st != CORE_OK)
        return st;
    lxw_row_t r = 0;
    lxw_col_t data_col = 12; /* chart data to the right of the tables */
    rpt_chart_data_cols(w, ws, data_col); /* hidden, not printed */
    rpt_put_text(w, ws, r++, 0, "Time to the event (e.g. time to first job)", w->f.title);
    rpt_merge_text(w, ws, r++, 0, 8,
                   "Kaplan-Meier estimate per arm (Greenwood standard errors, log-transformed 95% intervals, as R's "
                   "survival package); the median is the first time at which half have had the event. Log-rank test; "
                   "Cox proportional-hazards model, hazard ratio > 1 = the event comes sooner in the intervention arm "
                   "(Efron and Breslow handling of ties; adjusted for site and covariates where configured).",
                   w->f.note, 3);
    r++;
    for (size_t k = 0; k < no; k++) {
        const char *o = outs[k];
        char b[400];
        snprintf(b, sizeof b, "%s", rpt_outcome_display(w, o));
        rpt_put_text(w, ws, r++, 0, b, w->f.subtitle);
        const char *arms[MAXV], *ats[MAXV];
        size_t na = 0; /* the arm levels: the km_median rows' terms */
        for (size_t i = 0; i < w->res->n && na < MAXV; i++) {
            const core_result_row *x = &w->res->rows[i];
            if (rpt_str_eq(x->module, "rct") && rpt_str_eq(x->analysis, "km_median") && rpt_str_eq(x->outcome, o))
                arms[na++] = x->term;
        }
        /* the intervention arm first, as on the other trial sheets */
        const rpt_trial_info *ti = w->run->trial;
        for (size_t a = 1; ti && ti->treatment && a < na; a++)
            if (rpt_str_eq(arms[a], ti->treatment)) {
                const char *tmp = arms[a];
                memmove(arms + 1, arms, a * sizeof *arms);
                arms[0] = tmp;
            }
        size_t nat = distinct(w, "km_survival", o, 1, ats);
        int k_small = w->run->small_cell, not_reached = 0;
        lxw_col_t c = 0;
        rpt_put_text(w, ws, r, c++, "Arm", w->f.header);
        rpt_put_text(w, ws, r, c++, "n", w->f.header);
        rpt_put_text(w, ws, r, c++, "Events", w->f.header);
        rpt_put_text(w, ws, r, c++, "Median (95% CI)", w->f.header);
        for (size_t j = 0; j < nat && c < data_col - 1; j++) {
            rpt_trf(w, b, sizeof b, "S(%s) (%s CI)", ats[j], w->conf);
            rpt_put_text(w, ws, r, c++, b, w->f.header);
        }
        r++;
        for (size_t a = 0; a < na; a++) {
            const core_result_row *med = row_of(w, "km_median", o, NULL, arms[a], "log");
            const core_result_row *as = row_of(w, "arm_summary", o, NULL, arms[a], NULL);
            c = 0;
            rpt_put_text(w, ws, r, c++, arms[a], NULL);
            if (med)
                rpt_count_cell(w, ws, r, c, med);
            c++;
            if (as) { /* the number of events: a count (as text only under disclosure control) */
                double ev = as->counts.kind == CORE_COUNT_SHARE ? as->counts.x1
                            : isfinite(as->estimate) && isfinite(as->n) ? floor(as->estimate * as->n + 0.5)
                                                                       : NAN;
                if (k_small > 0 || (as->hidden & CORE_HIDE_ESTIMATE) || isnan(ev))
                    rpt_put_text(w, ws, r, c, as->label, w->f.right);
                else
                    rpt_put_num(w, ws, r, c, ev, w->f.integer);
            }
            c++;
            if (med && isnan(med->estimate) && !(med->hidden & CORE_HIDE_ESTIMATE) && med->n > 0) {
                rpt_put_text(w, ws, r, c, "not reached", w->f.right); /* explained under the table */
                not_reached = 1;
            } else if (med) {
                rpt_effect_cell(w, ws, r, c, med, 1, 0);
            }
            c++;
            for (size_t j = 0; j < nat && c < data_col - 1; j++, c++) {
                const core_result_row *sv = row_of(w, "km_survival", o, ats[j], arms[a], "log");
                if (sv)
                    rpt_effect_cell(w, ws, r, c, sv, 100, 1);
            }
            r++;
        }
        if (not_reached)
            rpt_merge_text(w, ws, r++, 0, 7,
                           "Median not reached: the estimated share without the event stays above 50% up to the end "
                           "of follow-up. S(t): % without the event at time t.",
                           w->f.note, 1);
        const core_result_row *lr = row_of(w, "logrank", o, NULL, "arm", NULL);
        if (lr) {
            char pb[64];
            rpt_trf(w, b, sizeof b, "Log-rank test: chi-square %.2f on %.0f df, p = %s", lr->statistic, lr->df,
                     rpt_fmt_p(lr->p_value, pb, sizeof pb));
            rpt_put_text(w, ws, r++, 0, isnan(lr->statistic) ? lr->label : b, NULL);
        }
        r++;
        /* the curves right under the medians (so they print with them), the numbers at risk under the chart */
        lxw_row_t chart_at = r;
        if ((st = km_chart(w, ws, o, arms, na, chart_at, data_col, err)) != CORE_OK)
            return st;
        data_col += (lxw_col_t)(3 * na + 1);
        r += 22;
        rpt_put_text(w, ws, r, 0, "Number at risk", w->f.header);
        rpt_put_text(w, ws, r, 1, "0", w->f.header);
        for (size_t j = 0; j < nat && j < 9; j++)
            rpt_put_text(w, ws, r, (lxw_col_t)(2 + j), ats[j], w->f.header);
        r++;
        for (size_t a = 0; a < na; a++) {
            rpt_put_text(w, ws, r, 0, arms[a], NULL);
            const core_result_row *z = row_of(w, "km_curve", o, "0", arms[a], "log");
            if (z)
                rpt_count_cell(w, ws, r, 1, z);
            for (size_t j = 0; j < nat && j < 9; j++) {
                const core_result_row *sv = row_of(w, "km_survival", o, ats[j], arms[a], "log");
                if (sv)
                    rpt_count_cell(w, ws, r, (lxw_col_t)(2 + j), sv);
            }
            r++;
        }
        r++;
        rpt_put_text(w, ws, r, 0, "Hazard ratio", w->f.header);
        rpt_put_text(w, ws, r, 1, "Term", w->f.header);
        rpt_merge_text(w, ws, r, 2, 3, "HR (95% CI)", w->f.header, 1);
        rpt_put_text(w, ws, r, 4, "p-value", w->f.header);
        r++;
        static const char *const hm[] = {"cox_efron", "cox_breslow", "cox_adjusted_efron", "cox_adjusted_breslow"};
        static const char *const hl[] = {"Cox, Efron ties", "Cox, Breslow ties", "Cox adjusted, Efron",
                                         "Cox adjusted, Breslow"};
        const char *hterms[MAXV];
        size_t nh = distinct(w, "hazard_ratio", o, 2, hterms);
        for (int m = 0; m < 4; m++)
            for (size_t h = 0; h < nh; h++) {
                const core_result_row *x = row_of(w, "hazard_ratio", o, NULL, hterms[h], hm[m]);
                if (!x)
                    continue;
                rpt_put_text(w, ws, r, 0, hl[m], NULL);
                rpt_put_text(w, ws, r, 1, term_words(w, hterms[h], lt, sizeof lt), NULL);
                rpt_merge_text(w, ws, r, 2, 3, NULL, w->f.right, 1);
                rpt_effect_cell(w, ws, r, 2, x, 1, 2);
                rpt_p_cell(w, ws, r, 4, x);
                r++;
            }
        r++;
        /* in the order of the arms above (the intervention first), then the difference and the ratio */
        int any_rm = 0;
        for (size_t pass = 0; pass <= na; pass++) {
            for (size_t i = 0; i < w->res->n; i++) {
                const core_result_row *x = &w->res->rows[i];
                if (!rpt_str_eq(x->module, "rct") || !rpt_str_eq(x->outcome, o) ||
                    !(rpt_str_eq(x->analysis, "rmst") || rpt_str_eq(x->analysis, "rmst_difference") ||
                      rpt_str_eq(x->analysis, "rmst_ratio")))
                    continue;
                size_t at = na; /* the arm's place in arms[], na for a comparison (or an arm not listed) */
                for (size_t a = 0; rpt_str_eq(x->analysis, "rmst") && a < na && at == na; a++)
                    if (rpt_str_eq(x->term, arms[a]))
                        at = a;
                if (at != pass)
                    continue;
                if (!any_rm) {
                    rpt_trf(w, b, sizeof b, "Restricted mean time without the event up to tau = %s",
                             x->timepoint ? x->timepoint : "");
                    rpt_put_text(w, ws, r++, 0, b, w->f.key);
                    rpt_put_text(w, ws, r, 0, "Quantity", w->f.header);
                    rpt_put_text(w, ws, r, 1, "Arm / comparison", w->f.header);
                    rpt_merge_text(w, ws, r, 2, 3, "Estimate (95% CI)", w->f.header, 1);
                    rpt_put_text(w, ws, r, 4, "p-value", w->f.header);
                    r++;
                    any_rm = 1;
                }
                rpt_put_text(w, ws, r, 0,
                             rpt_str_eq(x->analysis, "rmst") ? "RMST"
                             : rpt_str_eq(x->analysis, "rmst_difference") ? "Difference"
                                                                            : "Ratio",
                             NULL);
                rpt_put_text(w, ws, r, 1, term_words(w, x->term, lt, sizeof lt), NULL);
                if (isnan(x->estimate))
                    rpt_merge_text(w, ws, r, 2, 4, x->label, w->f.wrap, 1);
                else {
                    rpt_merge_text(w, ws, r, 2, 3, NULL, w->f.right, 1);
                    rpt_effect_cell(w, ws, r, 2, x, 1, rpt_str_eq(x->analysis, "rmst_ratio") ? 2 : 1);
                }
                if (!rpt_str_eq(x->analysis, "rmst"))
                    rpt_p_cell(w, ws, r, 4, x);
                r++;
            }
        }
        if (any_rm)
            r++;
        /* proportional hazards: cox.zph's test per term and global, for each Cox fit */
        int any_ph = 0;
        for (size_t i = 0; i < w->res->n && !any_ph; i++)
            any_ph = rpt_str_eq(w->res->rows[i].module, "rct") && rpt_str_eq(w->res->rows[i].analysis, "ph_test") &&
                     rpt_str_eq(w->res->rows[i].outcome, o);
        if (any_ph) {
            int ph_covariates = 0;
            rpt_put_text(w, ws, r, 0, "Proportional hazards", w->f.header);
            rpt_put_text(w, ws, r, 1, "Term", w->f.header);
            rpt_put_text(w, ws, r, 2, "Chi-square", w->f.header);
            rpt_put_text(w, ws, r, 3, "df", w->f.header);
            rpt_put_text(w, ws, r, 4, "p-value", w->f.header);
            r++;
            for (int m = 0; m < 4; m++)
                for (size_t i = 0; i < w->res->n; i++) {
                    const core_result_row *x = &w->res->rows[i];
                    if (!rpt_str_eq(x->module, "rct") || !rpt_str_eq(x->analysis, "ph_test") ||
                        !rpt_str_eq(x->outcome, o) || !rpt_str_eq(x->method, hm[m]))
                        continue;
                    if (x->term && strncmp(x->term, "arm", 3) != 0 && !rpt_str_eq(x->term, "global")) {
                        ph_covariates = 1; /* a covariate's own test: on the Results sheet */
                        continue;
                    }
                    rpt_put_text(w, ws, r, 0, hl[m], NULL);
                    rpt_put_text(w, ws, r, 1,
                                 rpt_str_eq(x->term, "global") ? rpt_tr(w, "global test")
                                                               : term_words(w, x->term, lt, sizeof lt),
                                 NULL);
                    if (isnan(x->statistic)) {
                        rpt_merge_text(w, ws, r, 2, 4, x->label, w->f.wrap, 1);
                    } else {
                        rpt_put_num(w, ws, r, 2, x->statistic, w->f.num2);
                        rpt_put_num(w, ws, r, 3, x->df, w->f.count);
                        rpt_p_cell(w, ws, r, 4, x);
                    }
                    r++;
                }
            rpt_merge_text(w, ws, r++, 0, 7,
                           "Score test that a log hazard ratio changes with g(t) = 1 - KM(t-) (Grambsch & Therneau "
                           "1994; R's cox.zph, transform = \"km\"). A small p says the hazard ratio is not one number "
                           "over follow-up: read the restricted mean time above instead.",
                           w->f.note, 2);
            if (ph_covariates)
                rpt_merge_text(w, ws, r++, 0, 7,
                               "The adjusted models' test of each covariate is on the Results sheet (analysis ph_test).",
                               w->f.note, 1);
            r++;
        }
        r += 2;
    }
    rpt_set_cols(w, ws, 0, 0, 20, NULL);
    rpt_set_cols(w, ws, 1, 1, 11, NULL); /* the Term column of the Cox tables under the arms' n */
    rpt_set_cols(w, ws, 2, 2, 9, NULL);
    rpt_set_cols(w, ws, 3, 10, 16, NULL);
    return CORE_OK;
}

/* ------------------------------------------------------------------ Methods */

static const rpt_method_info long_methods[] = {
    {"gee_logistic", NULL, "GEE logistic regression",
     "Population-average log odds ratios across timepoints; working correlation exchangeable, independence or AR(1) "
     "(moment estimates as geepack), robust sandwich standard errors.",
     "Liang KY, Zeger SL. Longitudinal data analysis using generalized linear models. Biometrika 1986;73:13-22"},
    {"gee_linear", NULL, "GEE linear regression",
     "Population-average differences in means across timepoints with robust sandwich standard errors.",
     "Liang KY, Zeger SL. Biometrika 1986;73:13-22"},
    {"glmm_logistic", "laplace", "Random-intercept logistic regression (Laplace)",
     "Participant-specific log odds ratios; the likelihood integral by the Laplace approximation at each "
     "participant's conditional mode.",
     "Pinheiro JC, Bates DM. Approximations to the log-likelihood function in the nonlinear mixed-effects model. "
     "J Comput Graph Stat 1995;4:12-35"},
    {"glmm_logistic", "aghq", "Random-intercept logistic regression (adaptive Gauss-Hermite)",
     "As the Laplace fit, with the integral by adaptive Gauss-Hermite quadrature (glmm_points nodes).",
     "Pinheiro JC, Bates DM. J Comput Graph Stat 1995;4:12-35"},
    {"lmm", NULL, "Linear mixed model (random intercept)",
     "Differences in means across timepoints with a random intercept per participant, by REML or ML; model-based "
     "standard errors; Satterthwaite degrees of freedom.",
     "Laird NM, Ware JH. Random-effects models for longitudinal data. Biometrics 1982;38:963-974; Kuznetsova A et "
     "al. lmerTest. J Stat Softw 2017;82(13)"},
    {"km_median", NULL, "Kaplan-Meier median",
     "First time the Kaplan-Meier estimate reaches 50%; interval from the log-transformed pointwise band.",
     "Kaplan EL, Meier P. JASA 1958;53:457-481; Brookmeyer R, Crowley J. Biometrics 1982;38:29-41"},
    {"km_survival", NULL, "Kaplan-Meier survival at a time",
     "Proportion without the event at the time, Greenwood standard error, log-transformed interval.",
     "Kaplan EL, Meier P. JASA 1958;53:457-481; Greenwood M. 1926"},
    {"km_curve", NULL, "Kaplan-Meier curve", "The whole step function with numbers at risk (for the chart).",
     "Kaplan EL, Meier P. JASA 1958;53:457-481"},
    {"logrank", NULL, "Log-rank test", "Observed versus expected events per arm under equal hazards.",
     "Mantel N. Cancer Chemother Rep 1966;50:163-170; Peto R, Peto J. JRSS A 1972;135:185-207"},
    {"cox", NULL, "Cox proportional-hazards regression",
     "Log hazard ratios by partial likelihood (Efron or Breslow handling of ties), model-based standard errors.",
     "Cox DR. JRSS B 1972;34:187-220; Efron B. JASA 1977;72:557-565; Breslow N. Biometrics 1974;30:89-99"},
    {"cox_adjusted", NULL, "Adjusted Cox regression", "As Cox regression, adjusted for site and covariates.",
     "Cox DR. JRSS B 1972;34:187-220"},
    {"hazard_ratio", NULL, "Hazard ratio", "exp(Cox coefficient) with its Wald interval.", "Cox DR. JRSS B 1972"},
};

const rpt_method_table rpt_methods_longitudinal = {long_methods, sizeof long_methods / sizeof long_methods[0]};
