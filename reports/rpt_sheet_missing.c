/* The trial's "Missing data" sheet ([missing]; rct/rct_mi.c): which analysis is primary and under which assumption;
 * complete-case and multiple-imputation estimates side by side with the fraction of missing information; the
 * tipping-point grid of a binary primary outcome as a heat map (p of the completed table, coloured by whether the
 * conclusion changes); the delta-adjusted analyses of a continuous one. Reads rct rows only. */
#include "reports/rpt_trial.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const core_result_row *find_rct(const rpt_wctx *w, const char *analysis, const char *outcome, const char *tp,
                                       const char *term, const char *method)
{
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *r = &w->res->rows[i];
        if (rpt_str_eq(r->module, "rct") && rpt_str_eq(r->analysis, analysis) &&
            (!outcome || rpt_str_eq(r->outcome, outcome)) && (!tp || rpt_str_eq(r->timepoint, tp)) &&
            (!term || rpt_str_eq(r->term, term)) && (!method || rpt_str_eq(r->method, method)))
            return r;
    }
    return NULL;
}

/* Words for a pooled analysis key "<analysis>:<method>". */
static const char *key_words(const char *key)
{
    static const struct {
        const char *key, *words;
    } names[] = {
        {"risk_difference:wald", "Risk difference, percentage points (Wald)"},
        {"risk_ratio:log_wald", "Risk ratio (log-Wald)"},
        {"odds_ratio:woolf", "Odds ratio (Woolf)"},
        {"odds_ratio:fisher_cmle", "Odds ratio (conditional MLE)"},
        {"logistic:unadjusted", "Log-odds ratio, logistic unadjusted"},
        {"logistic:adjusted", "Log-odds ratio, logistic adjusted"},
        {"odds_ratio:logistic_unadjusted", "Odds ratio, logistic unadjusted"},
        {"odds_ratio:logistic_adjusted", "Odds ratio, logistic adjusted"},
        {"marginal_risk_difference:g_computation", "Risk difference adjusted, percentage points (g-computation)"},
        {"mean_difference:welch", "Mean difference (Welch)"},
        {"mean_difference:student", "Mean difference (Student)"},
        {"ancova:classical", "ANCOVA (classical SE)"},
        {"ancova:hc2", "ANCOVA (HC2)"},
        {"ancova:hc3", "ANCOVA (HC3)"},
        {"hedges_g:exact_j", "Hedges' g"},
        {"gee_logistic:exchangeable", "GEE log-odds ratio, exchangeable"},
        {"gee_logistic:independence", "GEE log-odds ratio, independence"},
        {"gee_logistic:ar1", "GEE log-odds ratio, AR(1)"},
        {"odds_ratio:gee_logistic_exchangeable", "GEE odds ratio, exchangeable"},
        {"odds_ratio:gee_logistic_independence", "GEE odds ratio, independence"},
        {"odds_ratio:gee_logistic_ar1", "GEE odds ratio, AR(1)"},
        {"glmm_logistic:laplace", "GLMM log-odds ratio, Laplace"},
        {"glmm_logistic:aghq", "GLMM log-odds ratio, adaptive G-H"},
        {"odds_ratio:glmm_logistic_laplace", "GLMM odds ratio, Laplace"},
        {"odds_ratio:glmm_logistic_aghq", "GLMM odds ratio, adaptive G-H"},
        {"gee_linear:exchangeable", "GEE difference, exchangeable"},
        {"gee_linear:independence", "GEE difference, independence"},
        {"gee_linear:ar1", "GEE difference, AR(1)"},
        {"lmm:reml", "LMM difference, REML"},
        {"lmm:ml", "LMM difference, ML"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].key, key) == 0)
            return names[i].words;
    return key;
}

static lxw_row_t side_by_side(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, const char *outcome)
{
    rpt_put_text(w, ws, r++, 0, "Complete case and multiple imputation, side by side", w->f.subtitle);
    static const char *const head[] = {"Analysis", "Timepoint", "Comparison", "Complete case (CI)", "p, complete case",
                                       "Multiple imputation (CI)", "p, imputation", "df (Barnard-Rubin)",
                                       "Fraction of missing information", "Relative increase in variance"};
    for (lxw_col_t c = 0; c < 10; c++)
        rpt_put_text(w, ws, r, c, head[c], w->f.header);
    r++;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (!rpt_str_eq(x->module, "rct") || !rpt_str_eq(x->analysis, "mi") || !rpt_str_eq(x->outcome, outcome) ||
            !x->term || strncmp(x->term, "arm", 3) != 0 || !x->method)
            continue;
        char an[200];
        snprintf(an, sizeof an, "%s", x->method);
        char *colon = strchr(an, ':');
        const char *meth = NULL;
        if (colon) {
            *colon = '\0';
            meth = colon + 1;
        }
        const core_result_row *cc = find_rct(w, an, outcome, x->timepoint ? x->timepoint : "", x->term, meth);
        const core_result_row *fmi = find_rct(w, "mi_fmi", outcome, x->timepoint ? x->timepoint : "", x->term, x->method);
        const core_result_row *riv = find_rct(w, "mi_riv", outcome, x->timepoint ? x->timepoint : "", x->term, x->method);
        rpt_put_text(w, ws, r, 0, key_words(x->method), w->f.wrap);
        rpt_timepoint_cell(w, ws, r, 1, x->timepoint);
        char tw[400];
        rpt_put_text(w, ws, r, 2, rpt_trial_term_words(w, x->term, tw, sizeof tw), w->f.right);
        /* a difference of proportions in percentage points; the other estimates on their own scale */
        int pp = rpt_str_eq(an, "risk_difference") || rpt_str_eq(an, "marginal_risk_difference");
        rpt_effect_cell(w, ws, r, 3, cc, pp ? 100 : 1, pp ? 1 : 3);
        rpt_p_cell(w, ws, r, 4, cc);
        rpt_effect_cell(w, ws, r, 5, x, pp ? 100 : 1, pp ? 1 : 3);
        rpt_p_cell(w, ws, r, 6, x);
        if (isfinite(x->df))
            rpt_put_num(w, ws, r, 7, x->df, w->f.num1);
        if (fmi)
            rpt_put_num(w, ws, r, 8, fmi->estimate, w->f.num2);
        if (riv)
            rpt_put_num(w, ws, r, 9, riv->estimate, w->f.num2);
        r++;
    }
    return r;
}

/* The tipping-point grid: rows the assumed rate among the intervention arm's missing, columns the control's. */
static lxw_row_t tipping(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, const char *outcome)
{
    const core_result_row *sum = find_rct(w, "tipping_point", outcome, NULL, NULL, "summary");
    if (!sum)
        return r;
    const rpt_trial_info *t = w->run->trial;
    const char *trt = t && t->treatment ? t->treatment : "intervention";
    const char *ctl = t && t->control ? t->control : "control";
    char b[2600];
    if (sum->timepoint && *sum->timepoint)
        rpt_trf(w, b, sizeof b, "Tipping point at timepoint %s: the missing counted as having the outcome at assumed "
                "rates", sum->timepoint);
    else
        rpt_trf(w, b, sizeof b, "Tipping point: the missing counted as having the outcome at assumed rates%s", "");
    rpt_put_text(w, ws, r++, 0, b, w->f.subtitle);
    if (sum->label) { /* the data's columns named by their labels */
        char lt[2400];
        rpt_label_text(w, sum->label, lt, sizeof lt);
        rpt_merge_text(w, ws, r++, 0, 12, lt, w->f.note, rpt_lines_for(lt, 150));
    }
    /* the grid's rates, in row order */
    double rates[101];
    size_t nr = 0;
    for (size_t i = 0; i < w->res->n && nr < 101; i++) {
        const core_result_row *x = &w->res->rows[i];
        double r1, r0;
        if (!rpt_str_eq(x->module, "rct") || !rpt_str_eq(x->analysis, "tipping_point") ||
            !rpt_str_eq(x->outcome, outcome) || !x->method || sscanf(x->method, "rates[%lf,%lf]", &r1, &r0) != 2)
            continue;
        if (r1 == 0)
            rates[nr++] = r0;
    }
    if (nr == 0)
        return r;
    lxw_format *same = workbook_add_format(w->book), *changes = workbook_add_format(w->book);
    if (!same || !changes) {
        w->nomem = 1;
        return r;
    }
    format_set_num_format(same, "0.000");
    format_set_bg_color(same, 0xC6EFCE);
    format_set_num_format(changes, "0.000");
    format_set_bg_color(changes, 0xFFC7CE);
    format_set_font_color(changes, 0x9C0006);
    rpt_trf(w, b, sizeof b,
            "p of the completed table (Pearson chi-square). Green: the complete-case conclusion holds; red: it changes "
            "(significance or the sign of the difference). Rows: share of the missing in %s with the outcome; "
            "columns: share of the missing in %s.",
            trt, ctl);
    rpt_merge_text(w, ws, r++, 0, 12, b, w->f.note, rpt_lines_for(b, 150));
    rpt_trf(w, b, sizeof b, "%s \\ %s", trt, ctl);
    rpt_put_text(w, ws, r, 0, b, w->f.header);
    for (size_t j = 0; j < nr; j++)
        rpt_put_num(w, ws, r, (lxw_col_t)(1 + j), rates[j], w->f.pct);
    r++;
    for (size_t i = 0; i < nr; i++, r++) {
        rpt_put_num(w, ws, r, 0, rates[i], w->f.pct);
        for (size_t j = 0; j < nr; j++) {
            char m[80];
            snprintf(m, sizeof m, "rates[%.4g,%.4g]", rates[i], rates[j]);
            const core_result_row *x = find_rct(w, "tipping_point", outcome, NULL, NULL, m);
            if (!x)
                continue;
            int changed = x->label && strncmp(x->label, "conclusion changes", 18) == 0;
            if (isnan(x->p_value))
                rpt_put_text(w, ws, r, (lxw_col_t)(1 + j), "n/a", w->f.right);
            else
                rpt_put_num(w, ws, r, (lxw_col_t)(1 + j), x->p_value, changed ? changes : same);
        }
    }
    rpt_set_cols(w, ws, 11, (lxw_col_t)nr, 7, NULL);
    return r;
}

static lxw_row_t deltas(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, const char *outcome)
{
    const core_result_row *tip = find_rct(w, "delta_adjusted", outcome, NULL, NULL, "tipping");
    if (!tip)
        return r;
    rpt_put_text(w, ws, r++, 0, "Delta-adjusted imputation: the intervention arm's imputed values shifted by delta",
                 w->f.subtitle);
    if (tip->label) {
        char lt[2400];
        rpt_label_text(w, tip->label, lt, sizeof lt);
        rpt_merge_text(w, ws, r++, 0, 9, lt, w->f.note, 1);
    }
    static const char *const head[] = {"Delta", "Estimate (CI)", "p", "What it says"};
    for (lxw_col_t c = 0; c < 4; c++)
        rpt_put_text(w, ws, r, c, head[c], w->f.header);
    r++;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        double d;
        if (!rpt_str_eq(x->module, "rct") || !rpt_str_eq(x->analysis, "delta_adjusted") ||
            !rpt_str_eq(x->outcome, outcome) || !x->method || sscanf(x->method, "delta[%lf]", &d) != 1)
            continue;
        rpt_put_num(w, ws, r, 0, d, w->f.num2);
        rpt_effect_cell(w, ws, r, 1, x, 1, 2);
        rpt_p_cell(w, ws, r, 2, x);
        rpt_merge_text(w, ws, r, 3, 9, x->label, w->f.wrap, rpt_lines_for(x->label, 110));
        r++;
    }
    return r;
}

core_status rpt_sheet_missing(rpt_wctx *w, core_err *err)
{
    const core_result_row *ms = find_rct(w, "mi_summary", NULL, NULL, NULL, NULL);
    if (!ms || !ms->outcome)
        return CORE_OK;
    lxw_worksheet *ws;
    core_status st = rpt_add_sheet(w, w->sheet->name, &ws, err);
    if (st != CORE_OK)
        return st;
    const char *o = ms->outcome;
    char b[600];
    lxw_row_t r = 0;
    rpt_trf(w, b, sizeof b, "Missing outcomes: %s", rpt_outcome_display(w, o));
    rpt_put_text(w, ws, r++, 0, b, w->f.title);
    if (ms->label) { /* what was imputed, with the data's columns named by their labels */
        char lt[2400];
        rpt_label_text(w, ms->label, lt, sizeof lt);
        rpt_merge_text(w, ws, r++, 0, 12, lt, w->f.note, rpt_lines_for(lt, 150));
    }
    r++;
    if (find_rct(w, "mi", o, NULL, NULL, NULL)) {
        r = side_by_side(w, ws, r, o);
        rpt_merge_text(w, ws, r++, 0, 12,
                       "Risk differences in percentage points; the other estimates on the scale of the Results sheet "
                       "(log-odds for logistic coefficients, ratios as ratios). Complete case: the participants observed at that timepoint (valid if the "
                       "outcome is missing completely at random). Multiple imputation: Rubin's rules, t on the "
                       "Barnard-Rubin degrees of freedom (valid if missing at random given the imputation model).",
                       w->f.note, 2);
        r++;
    }
    r = tipping(w, ws, r, o);
    r++;
    r = deltas(w, ws, r, o);
    rpt_set_cols(w, ws, 0, 0, 32, NULL); /* the side-by-side table one landscape page wide */
    rpt_set_cols(w, ws, 1, 1, 9, NULL);
    rpt_set_cols(w, ws, 2, 2, 11, NULL);
    rpt_set_cols(w, ws, 3, 3, 23, NULL);
    rpt_set_cols(w, ws, 4, 4, 10, NULL);
    rpt_set_cols(w, ws, 5, 5, 23, NULL);
    rpt_set_cols(w, ws, 6, 10, 10, NULL);
    return CORE_OK;
}
