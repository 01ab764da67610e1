/* The trial's "Outcomes" sheet: every outcome at every timepoint, one row per comparison of an intervention arm
 * with the control. Binary outcomes: the arms' n and %, the 2x2 effects (risk difference with Newcombe's
 * interval, risk ratio, odds ratios, chi-square and Fisher), the adjusted logistic odds ratio, the marginal risk
 * difference by g-computation and the numbers needed to treat. Continuous outcomes: the arms' n and mean (SD),
 * Welch and Student differences, ANCOVA with classical, HC2 and HC3 errors, Hedges' g and the Wilcoxon test.
 * p_adjusted (Holm or Benjamini-Hochberg over the secondary outcomes) where the run adjusts for multiplicity.
 * Also the method descriptions of the trial-at-each-timepoint analyses for the Methods sheet. */
#include "reports/rpt_trial.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct group {
    const char *outcome, *tp;
} group;

typedef enum kind {
    K_N_T,   /* intervention arm n */
    K_SH_T,  /* intervention arm % or mean (SD) */
    K_N_C,
    K_SH_C,
    K_EFF,   /* "est (lo to hi)" of (analysis, method, comparison term) */
    K_P,     /* p of (analysis, method, comparison term) */
    K_NNT,   /* number needed to treat */
    K_DF,    /* df of (analysis, method, comparison term) */
    K_PADJ,  /* p_adjusted of the multiplicity family's row */
    K_SD_T,  /* intervention arm SD (continuous) */
    K_SD_C
} kind;

typedef struct col {
    const char *head; /* "%T" and "%C" are replaced by the arm levels */
    kind k;
    const char *analysis, *method;
    double scale;
    int digits;       /* -1: from the outcome's size */
} col;

/* The columns, in stacked tables of at most six value columns each (each with its Outcome and Timepoint columns),
 * so that a table prints one page wide. */
static const col BIN_ARMS[] = {
    {"%T n", K_N_T, NULL, NULL, 1, 0},
    {"%T %", K_SH_T, NULL, NULL, 1, 0},
    {"%C n", K_N_C, NULL, NULL, 1, 0},
    {"%C %", K_SH_C, NULL, NULL, 1, 0},
    {"Risk difference, percentage points (%I, Newcombe)", K_EFF, "risk_difference", "newcombe", 100, 1},
    {"p, chi-square", K_P, "chisq_test", "pearson", 1, 0},
};
static const col BIN_RATIOS[] = {
    {"NNT (%I)", K_NNT, "number_needed_to_treat", "newcombe", 1, 1},
    {"Risk ratio (%I)", K_EFF, "risk_ratio", "log_wald", 1, 2},
    {"Odds ratio (%I, Woolf)", K_EFF, "odds_ratio", "woolf", 1, 2},
    {"Odds ratio, Fisher CMLE (exact %I)", K_EFF, "odds_ratio", "fisher_cmle", 1, 2},
    {"p, Fisher exact", K_P, "fisher_exact", "two_sided", 1, 0},
};
static const col BIN_ADJ[] = {
    {"Odds ratio, logistic adjusted (%I)", K_EFF, "odds_ratio", "logistic_adjusted", 1, 2},
    {"p, logistic adjusted", K_P, "logistic", "adjusted", 1, 0},
    {"Risk difference adjusted, g-computation, pp (%I)", K_EFF, "marginal_risk_difference", "g_computation", 100, 1},
    {"NNT, adjusted (%I)", K_NNT, "number_needed_to_treat", "g_computation", 1, 1},
    {"p adjusted (%M)", K_PADJ, NULL, NULL, 1, 0},
};
static const col CON_ARMS[] = {
    {"%T n", K_N_T, NULL, NULL, 1, 0},
    {"%T mean", K_SH_T, NULL, NULL, 1, -1},
    {"%T SD", K_SD_T, NULL, NULL, 1, -1},
    {"%C n", K_N_C, NULL, NULL, 1, 0},
    {"%C mean", K_SH_C, NULL, NULL, 1, -1},
    {"%C SD", K_SD_C, NULL, NULL, 1, -1},
};
static const col CON_DIFF[] = {
    {"Difference, Welch (%I)", K_EFF, "mean_difference", "welch", 1, -1},
    {"p, Welch", K_P, "mean_difference", "welch", 1, 0},
    {"Difference, Student (%I)", K_EFF, "mean_difference", "student", 1, -1},
    {"p, Student", K_P, "mean_difference", "student", 1, 0},
    {"Hedges' g (%I)", K_EFF, "hedges_g", "exact_j", 1, 2},
    {"p, Wilcoxon rank-sum", K_P, "wilcoxon", "normal_cc", 1, 0},
};
static const col CON_ANCOVA[] = {
    {"ANCOVA difference (%I, classical)", K_EFF, "ancova", "classical", 1, -1},
    {"p, ANCOVA classical", K_P, "ancova", "classical", 1, 0},
    {"ANCOVA (%I, HC2)", K_EFF, "ancova", "hc2", 1, -1},
    {"p, HC2", K_P, "ancova", "hc2", 1, 0},
    {"ANCOVA (%I, HC3)", K_EFF, "ancova", "hc3", 1, -1},
    {"p, HC3", K_P, "ancova", "hc3", 1, 0},
};
static const col CON_MULT[] = {
    {"ANCOVA residual df", K_DF, "ancova", "classical", 1, 0},
    {"p adjusted (%M)", K_PADJ, NULL, NULL, 1, 0},
};

#define MAX_VALUE_COLS 6

typedef struct part {
    const char *title;
    const col *cols;
    size_t n;
    const char *title_unadjusted; /* the title when the run adjusts no p-value (the last column, p adjusted, left out) */
} part;

#define PART(t, a) {t, a, sizeof a / sizeof a[0], NULL}
static const part BIN_PARTS[] = {PART("Binary outcomes: arms and the risk difference", BIN_ARMS),
                                 PART("Binary outcomes: ratios and the exact test", BIN_RATIOS),
                                 PART("Binary outcomes: adjusted for baseline covariates (logistic regression)", BIN_ADJ)};
static const part CON_PARTS[] = {PART("Continuous outcomes: arms (mean and SD of those analysed)", CON_ARMS),
                                 PART("Continuous outcomes: unadjusted differences", CON_DIFF),
                                 PART("Continuous outcomes: adjusted (ANCOVA)", CON_ANCOVA),
                                 {"Continuous outcomes: ANCOVA residual df and the multiplicity-adjusted p", CON_MULT,
                                  sizeof CON_MULT / sizeof CON_MULT[0], "Continuous outcomes: ANCOVA residual df"}};

/* The trial's outcome rows: arm_summary groups of binary (want 1) or continuous (want 0) outcomes, excluding
 * time-to-event outcomes (the Time to job sheet has them). */
static int outcome_kind(const rpt_wctx *w, const char *outcome, const char *tp)
{
    const rpt_outcome_label *o = rpt_outcome_find(w, outcome);
    if (o && rpt_str_eq(o->type, "time_to_event"))
        return -1;
    if (!o && rpt_has_rows(w, "rct", "km_median") && rpt_find_row(w, "rct", "km_median", outcome, NULL, NULL, NULL))
        return -1;
    return rpt_outcome_is_binary(w, outcome, rpt_find_row(w, "rct", "arm_summary", outcome, tp, NULL, NULL));
}

static size_t collect(const rpt_wctx *w, group *g, int binary)
{
    size_t ng = 0;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *r = &w->res->rows[i];
        if (!rpt_str_eq(r->module, "rct") || !rpt_str_eq(r->analysis, "arm_summary"))
            continue;
        size_t j = 0;
        while (j < ng && !(rpt_str_eq(g[j].outcome, r->outcome) && rpt_str_eq(g[j].tp, r->timepoint)))
            j++;
        if (j == ng && outcome_kind(w, r->outcome, r->timepoint) == binary)
            g[ng++] = (group){r->outcome, r->timepoint};
    }
    return ng;
}

/* The row of the outcome's main test that carries p_adjusted, or NULL (rct_multiplicity.c's family). */
static const core_result_row *padj_row(const rpt_wctx *w, const char *o, const char *tp, const char *term,
                                       int binary)
{
    const core_result_row *x = binary ? rpt_find_row(w, "rct", "logistic", o, tp, term, "adjusted")
                                      : rpt_find_row(w, "rct", "ancova", o, tp, term, "classical");
    if (x && !isnan(x->p_adjusted))
        return x;
    x = binary ? rpt_find_row(w, "rct", "logistic", o, tp, term, "unadjusted")
               : rpt_find_row(w, "rct", "mean_difference", o, tp, term, "welch");
    return x && !isnan(x->p_adjusted) ? x : NULL;
}

static void heading(char *out, size_t size, const char *h, const char *T, const char *C, const char *ci,
                    const char *mult)
{
    size_t o = 0;
    for (const char *p = h; *p && o + 1 < size; p++) {
        const char *ins = NULL;
        if (p[0] == '%' && p[1] == 'T')
            ins = T;
        else if (p[0] == '%' && p[1] == 'C')
            ins = C;
        else if (p[0] == '%' && p[1] == 'I')
            ins = ci;
        else if (p[0] == '%' && p[1] == 'M')
            ins = mult;
        if (ins) {
            o += (size_t)snprintf(out + o, size - o, "%s", ins);
            if (o >= size)
                o = size - 1;
            p++;
        } else {
            out[o++] = *p;
        }
    }
    out[o] = '\0';
}

/* The house number format with `digits` decimals (0, 1 or 2). */
static lxw_format *num_fmt(const rpt_wctx *w, int digits)
{
    return digits <= 0 ? w->f.integer : digits == 1 ? w->f.num1 : w->f.num2;
}

/* One table (a part of the binary or continuous columns); returns the next free row. */
static lxw_row_t table(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, const rpt_arms *a, const group *g, size_t ng,
                       int binary, const char *mult, const part *pt, lxw_format *wrap_r, lxw_row_t *header_row)
{
    const col *cols = pt->cols;
    size_t ncols = pt->n;
    if (!mult && ncols > 0 && cols[ncols - 1].k == K_PADJ)
        ncols--; /* the p adjusted column is last: no multiplicity adjustment, no column */
    size_t ncmp = rpt_trial_n_comparisons(a);
    int multi = ncmp > 1;
    lxw_col_t c0 = (lxw_col_t)(multi ? 3 : 2);
    const char *C = rpt_trial_control(a);
    char ci[48], h[400], term[300];
    rpt_trf(w, ci, sizeof ci, "%s%sCI", w->conf, w->conf[0] ? " " : "");

    rpt_put_text(w, ws, r++, 0, !mult && pt->title_unadjusted ? pt->title_unadjusted : pt->title, w->f.subtitle);
    rpt_put_text(w, ws, r, 0, "Outcome", w->f.header);
    rpt_put_text(w, ws, r, 1, "Timepoint", w->f.header);
    if (multi)
        rpt_put_text(w, ws, r, 2, "Comparison", w->f.header);
    for (size_t c = 0; c < ncols; c++) {
        heading(h, sizeof h, rpt_tr(w, cols[c].head), multi ? rpt_tr(w, "Intervention") : a->level[0], C, ci, mult);
        rpt_put_text(w, ws, r, (lxw_col_t)(c0 + c), h, w->f.header);
    }
    *header_row = r++;

    for (size_t q = 0; q < ng; q++) {
        const char *o = g[q].outcome, *tp = g[q].tp;
        const core_result_row *ac = rpt_find_row(w, "rct", "arm_summary", o, tp, C, NULL);
        int digits = 2;
        if (!binary) {
            const core_result_row *sd = rpt_find_row(w, "rct", "arm_summary", o, tp, C, "sd");
            double size = ac && isfinite(ac->estimate) ? fabs(ac->estimate) : 0;
            if (sd && isfinite(sd->estimate))
                size = fmax(size, sd->estimate);
            digits = rpt_trial_digits(size);
        }
        for (size_t i = 0; i < ncmp; i++, r++) {
            const char *T = a->level[i];
            rpt_trial_term(a, i, term, sizeof term);
            const core_result_row *at = rpt_find_row(w, "rct", "arm_summary", o, tp, T, binary ? NULL : "t");
            const core_result_row *act = binary ? ac : rpt_find_row(w, "rct", "arm_summary", o, tp, C, "t");
            rpt_put_text(w, ws, r, 0, rpt_outcome_display(w, o), w->f.wrap);
            rpt_timepoint_cell(w, ws, r, 1, tp);
            if (multi) {
                rpt_trf(w, h, sizeof h, "%s vs %s", T, C);
                rpt_put_text(w, ws, r, 2, h, w->f.right); /* right-aligned: apart from the timepoint before it */
            }
            for (size_t c = 0; c < ncols; c++) {
                const col *cc = &cols[c];
                lxw_col_t cx = (lxw_col_t)(c0 + c);
                int dg = cc->digits >= 0 ? cc->digits : digits;
                const core_result_row *x =
                    cc->analysis ? rpt_find_row(w, "rct", cc->analysis, o, tp, term, cc->method) : NULL;
                switch (cc->k) {
                case K_N_T:
                    rpt_count_cell(w, ws, r, cx, at);
                    break;
                case K_N_C:
                    rpt_count_cell(w, ws, r, cx, act);
                    break;
                case K_SH_T:
                case K_SH_C: {
                    const core_result_row *arm = cc->k == K_SH_T ? at : act;
                    if (binary)
                        rpt_share_cell(w, ws, r, cx, arm, 1);
                    else if (arm && isnan(arm->estimate))
                        rpt_put_text(w, ws, r, cx, arm->label ? arm->label : "n/a", w->f.wrap);
                    else if (arm)
                        rpt_put_num(w, ws, r, cx, arm->estimate, num_fmt(w, dg));
                    break;
                }
                case K_SD_T:
                case K_SD_C: { /* the SD of those analysed, a number beside the mean */
                    const core_result_row *sd =
                        rpt_find_row(w, "rct", "arm_summary", o, tp, cc->k == K_SD_T ? T : C, "sd");
                    if (sd && isfinite(sd->estimate))
                        rpt_put_num(w, ws, r, cx, sd->estimate, num_fmt(w, dg));
                    else if (sd)
                        rpt_put_text(w, ws, r, cx, "n/a", w->f.right);
                    break;
                }
                case K_EFF:
                    rpt_effect_cell(w, ws, r, cx, x, cc->scale, dg);
                    break;
                case K_P:
                    rpt_p_cell(w, ws, r, cx, x);
                    break;
                case K_NNT: {
                    /* not reported when its risk difference's interval includes 0 (read from that row's numbers) */
                    int gc = rpt_str_eq(cc->method, "g_computation");
                    const core_result_row *rd =
                        rpt_find_row(w, "rct", gc ? "marginal_risk_difference" : "risk_difference", o, tp, term,
                                     gc ? "g_computation" : "newcombe");
                    if (x && isnan(x->estimate) && rd && rd->ci_low <= 0 && rd->ci_high >= 0)
                        rpt_put_text(w, ws, r, cx, "not reported: the RD interval includes 0", wrap_r); /* wraps in its column */
                    else
                        rpt_effect_cell(w, ws, r, cx, x, 1, dg);
                    break;
                }
                case K_DF:
                    if (x)
                        rpt_put_num(w, ws, r, cx, x->df, w->f.count);
                    break;
                case K_PADJ: {
                    const core_result_row *pa = padj_row(w, o, tp, term, binary);
                    int primary = w->run->trial && rpt_str_eq(w->run->trial->primary, o);
                    if (pa && pa->p_adjusted < 0.001)
                        rpt_put_text(w, ws, r, cx, "<0.001", w->f.right);
                    else if (pa)
                        rpt_put_num(w, ws, r, cx, pa->p_adjusted, w->f.pval);
                    else if (primary)
                        rpt_put_text(w, ws, r, cx, "primary: not adjusted", wrap_r);
                    break;
                }
                }
            }
        }
    }
    return r;
}

core_status rpt_sheet_outcomes(rpt_wctx *w, core_err *err)
{
    rpt_arms a;
    rpt_trial_arms(w, &a);
    group *gb = malloc((w->res->n ? w->res->n : 1) * sizeof *gb);
    group *gc = malloc((w->res->n ? w->res->n : 1) * sizeof *gc);
    if (!gb || !gc) {
        free(gb), free(gc);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory writing the Outcomes sheet");
    }
    size_t nb = collect(w, gb, 1), nc = collect(w, gc, 0);
    lxw_worksheet *ws;
    core_status st = rpt_add_sheet(w, w->sheet->name, &ws, err);
    if (st != CORE_OK) {
        free(gb), free(gc);
        return st;
    }
    if (a.n < 2 || nb + nc == 0) { /* nothing to compare here: say why rather than leave the sheet out */
        rpt_put_text(w, ws, 0, 0, "Outcomes at each timepoint", w->f.title);
        rpt_put_text(w, ws, 1, 0,
                     a.n < 2 ? "The results name fewer than two arms, so there is no comparison to show; the Results "
                               "sheet has every row."
                             : "The trial's outcomes are times to an event: see the Time to job sheet.",
                     NULL);
        rpt_set_cols(w, ws, 0, 0, 30, NULL);
        free(gb), free(gc);
        return CORE_OK;
    }
    const char *C = rpt_trial_control(&a);
    const core_result_row *mrow = rpt_find_row(w, "rct", "multiplicity", NULL, NULL, NULL, NULL);
    const char *mult = !mrow                            ? NULL
                       : rpt_str_eq(mrow->method, "holm") ? "Holm"
                       : rpt_str_eq(mrow->method, "bh")   ? "Benjamini-Hochberg"
                                                          : mrow->method;
    char b[4096], t[600];
    lxw_row_t r = 0;
    if (a.n == 2)
        rpt_trf(w, t, sizeof t, "Outcomes at each timepoint: %s vs %s", a.level[0], C);
    else
        rpt_trf(w, t, sizeof t, "Outcomes at each timepoint: each intervention arm vs %s", C);
    rpt_put_text(w, ws, r++, 0, t, w->f.title);
    rpt_trf(w, b, sizeof b,
             "One row per outcome and timepoint%s. Differences are intervention minus control; intervals are %s "
             "confidence intervals.",
             a.n > 2 ? rpt_tr(w, " and for each comparison") : "", w->conf[0] ? w->conf : "");
    rpt_put_text(w, ws, r++, 0, b, w->f.meta);
    /* the missing-data assumption of every figure here, and where the primary analysis is when it is imputed */
    const core_result_row *mi_sum = rpt_find_row(w, "rct", "mi_summary", NULL, NULL, NULL, "fcs");
    if (mi_sum && (!mi_sum->outcome || !rpt_has_rows(w, "rct", "mi")))
        mi_sum = NULL;
    if (mi_sum)
        rpt_trf(w, b, sizeof b,
                "Every figure here is a complete-case analysis: the participants observed at that timepoint (valid if "
                "the outcome is missing completely at random). The primary analysis of %s is multiple imputation "
                "(valid if missing at random): see the Missing data sheet.",
                rpt_outcome_display(w, mi_sum->outcome));
    else
        rpt_trf(w, b, sizeof b,
                "Every figure here is a complete-case analysis: the participants observed at that timepoint (valid if "
                "the outcome is missing completely at random).%s", "");
    rpt_put_text(w, ws, r++, 0, b, w->f.meta);
    r++;
    lxw_row_t hdr = 0;
    /* words in a number column (why an NNT is not reported): wrapped and right-aligned like the numbers above */
    lxw_format *wrap_r = workbook_add_format(w->book);
    if (!wrap_r) {
        free(gb), free(gc);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory writing the Outcomes sheet");
    }
    format_set_text_wrap(wrap_r);
    format_set_align(wrap_r, LXW_ALIGN_RIGHT);
    format_set_align(wrap_r, LXW_ALIGN_VERTICAL_TOP);
    lxw_col_t c0 = (lxw_col_t)(a.n > 2 ? 3 : 2);
    lxw_col_t last = (lxw_col_t)(c0 + MAX_VALUE_COLS - 1);
    /* each kind of outcome: its tables, then what they hold */
    if (nb) {
        for (size_t i = 0; i < sizeof BIN_PARTS / sizeof BIN_PARTS[0]; i++) {
            r = table(w, ws, r, &a, gb, nb, 1, mult, &BIN_PARTS[i], wrap_r, &hdr);
            r++;
        }
        rpt_trf(w, b, sizeof b,
                 "Binary outcomes. n: participants analysed; %%: share with the outcome (Wilson interval on the "
                 "Results sheet). Risk difference in percentage points with Newcombe's hybrid score interval; NNT: "
                 "number needed to treat, 1/RD with the reciprocal limits, reported only when the RD interval "
                 "excludes 0 (Altman 1998; negative = harm). Risk ratio with the log (Katz) interval; odds ratio with "
                 "Woolf's interval and the conditional maximum-likelihood estimate with its exact interval (as R "
                 "fisher.test); p from Pearson's chi-square test and Fisher's exact test. Logistic adjusted: "
                 "logistic regression on arm and the adjustment set - site, covariates and the outcome's baseline, as "
                 "configured (the Results sheet has every coefficient and the unadjusted model). Risk difference adjusted: the marginal (standardised) difference by "
                 "g-computation from that model, with a delta-method interval, and its NNT.");
        rpt_merge_text(w, ws, r++, 0, last, b, w->f.note, rpt_lines_for(b, 150));
        r++;
    }
    if (nc) {
        for (size_t i = 0; i < sizeof CON_PARTS / sizeof CON_PARTS[0]; i++) {
            r = table(w, ws, r, &a, gc, nc, 0, mult, &CON_PARTS[i], wrap_r, &hdr);
            r++;
        }
        rpt_trf(w, b, sizeof b,
                 "Continuous outcomes. Mean (SD) of those analysed. Welch: difference in means with the "
                 "unequal-variance t interval; Student: pooled-variance t. ANCOVA: least squares on arm and the "
                 "adjustment set (the baseline value, site and covariates, as configured), the arm coefficient with classical, HC2 or HC3 (heteroskedasticity-"
                 "consistent) standard errors and t on the residual df. Hedges' g: standardised difference with the "
                 "exact small-sample correction and its interval. Wilcoxon rank-sum: normal approximation with tie "
                 "and continuity corrections, as R wilcox.test(exact = FALSE).");
        rpt_merge_text(w, ws, r++, 0, last, b, w->f.note, rpt_lines_for(b, 150));
        r++;
    }
    if (mrow && mrow->label) {
        rpt_trf(w, b, sizeof b, "p adjusted: %s.", mrow->label);
        rpt_merge_text(w, ws, r++, 0, last, b, w->f.note, rpt_lines_for(b, 150));
    }
    rpt_trf(w, b, sizeof b, "Where an estimate is undefined the cell says why.%s", "");
    if (w->run->small_cell > 0) {
        size_t len = strlen(b);
        rpt_trf(w, b + len, sizeof b - len,
                 " Counts below %d are shown as \"<%d\"; a percentage that would reveal such a count is "
                 "shown as \"" RPT_EM_DASH "\".",
                 w->run->small_cell, w->run->small_cell);
    }
    rpt_merge_text(w, ws, r++, 0, last, b, w->f.note, rpt_lines_for(b, 150));

    rpt_set_cols(w, ws, 0, 0, 30, NULL);
    rpt_set_cols(w, ws, 1, 1, 10, NULL);
    if (a.n > 2)
        rpt_set_cols(w, ws, 2, 2, 14, NULL);
    rpt_set_cols(w, ws, c0, last, 17, NULL);
    /* several tables: keep the outcome columns in view */
    worksheet_freeze_panes(ws, 0, 2);
    rpt_print_pages(w, ws, 3); /* every table; the notes after the last one are on screen (and on the Methods sheet) */
    free(gb), free(gc);
    return CORE_OK;
}

/* ---------- the Methods sheet's entries for the trial at each timepoint (docs/methods.md (the trial at each timepoint)) ---------- */

#define CONSORT_REF                                                                                                \
    "Moher D, Hopewell S, Schulz KF, et al. CONSORT 2010 explanation and elaboration: updated guidelines for "     \
    "reporting parallel group randomised trials. BMJ 2010;340:c869"
#define SUBGROUP_REF                                                                                               \
    "Wang R, Lagakos SW, Ware JH, Hunter DJ, Drazen JM. Statistics in medicine - reporting of subgroup analyses "  \
    "in clinical trials. N Engl J Med 2007;357:2189-2194"
#define GCOMP_REF                                                                                                  \
    "Robins J. A new approach to causal inference in mortality studies with a sustained exposure period. Math "     \
    "Model 1986;7:1393-1512; Austin PC. Absolute risk reductions, relative risks, relative risk reductions, and "  \
    "numbers needed to treat can be obtained from a logistic regression model. J Clin Epidemiol 2010;63:2-6"

static const rpt_method_info rct_methods[] = {
    {"baseline_table", "standardised_difference", "Standardised difference",
     "Difference in means (or proportions) between an intervention arm and the control over the root mean of the "
     "two variances; a balance diagnostic, not a test.",
     "Austin PC. Balance diagnostics for comparing the distribution of baseline covariates between treatment "
     "groups in propensity-score matched samples. Stat Med 2009;28:3083-3107"},
    {"baseline_table", NULL, "Baseline characteristics (CONSORT table 1)",
     "Per arm: mean, SD and median with quartiles (R type 7) of numeric characteristics, n (%) of each level of "
     "categorical ones, and missing counts; no p-values.",
     CONSORT_REF},
    {"attrition", "missing_by_arm", "Missingness by arm, Pearson chi-square",
     "Test of whether the share with a missing outcome differs between arms (arms x missing table, no continuity "
     "correction).",
     CONSORT_REF},
    {"attrition", NULL, "Attrition (CONSORT flow)",
     "Randomised, analysed and missing participants per arm and timepoint, intention to treat.", CONSORT_REF},
    {"ancova", "classical", "ANCOVA with classical standard errors",
     "Outcome regressed by least squares on arm, its baseline value, site and covariates; the arm coefficient "
     "with t on the residual degrees of freedom.",
     "Vickers AJ, Altman DG. Analysing controlled trials with baseline and follow up measurements. BMJ "
     "2001;323:1123-1124"},
    {"logistic", "adjusted", "Logistic regression, adjusted",
     "Log-odds of the outcome on arm, site and covariates (maximum likelihood, IRLS); separation and "
     "non-convergence are reported instead of estimates.",
     "Agresti A. Categorical Data Analysis. 3rd ed. Wiley; 2013"},
    {"odds_ratio", "logistic_unadjusted", "Odds ratio from unadjusted logistic regression",
     "exp of the arm coefficient of logistic regression on arm alone, Wald interval on the log scale.",
     "Agresti A. Categorical Data Analysis. 3rd ed. Wiley; 2013"},
    {"odds_ratio", "logistic_adjusted", "Odds ratio from adjusted logistic regression",
     "exp of the arm coefficient of logistic regression on arm, site and covariates (conditional on them), Wald "
     "interval on the log scale.",
     "Agresti A. Categorical Data Analysis. 3rd ed. Wiley; 2013"},
    {"marginal_risk_difference", "g_computation", "Marginal risk difference by g-computation",
     "Mean predicted risk with everyone in the intervention arm minus everyone in the control arm, from the "
     "adjusted logistic model; delta-method standard error.",
     GCOMP_REF},
    {"number_needed_to_treat", "g_computation", "Number needed to treat, adjusted",
     "Reciprocal of the g-computation risk difference with the reciprocal limits; reported when the interval "
     "excludes 0.",
     "Altman DG. Confidence intervals for the number needed to treat. BMJ 1998;317:1309-1312; " GCOMP_REF},
    {"subgroup_effect", "newcombe", "Risk difference within a subgroup",
     "Difference in proportions within one level of the subgroup variable, Newcombe's hybrid score interval.",
     SUBGROUP_REF},
    {"subgroup_effect", "welch", "Mean difference within a subgroup",
     "Difference in means within one level of the subgroup variable, Welch's interval.", SUBGROUP_REF},
    {"interaction", "logistic_lr", "Treatment-by-subgroup interaction, likelihood-ratio test",
     "A logistic model in which the effect may differ between the groups against one with the same effect in every "
     "group; chi-square on the number of interaction "
     "terms.",
     SUBGROUP_REF},
    {"interaction", "ols_f", "Treatment-by-subgroup interaction, F test",
     "A linear model in which the effect may differ between the groups against one with the same effect in every "
     "group; F on the number of interaction terms and the "
     "residual df.",
     SUBGROUP_REF},
    {"equity", NULL, "Equity of access and outcome",
     "Share of those randomised in each group, the outcome in the intervention arm by group, and a test of "
     "differences between groups (chi-square or one-way ANOVA).",
     "see the ipseval methods guide (the trial at each timepoint)"},
    {"multiplicity", "holm", "Holm step-down adjustment",
     "Family-wise error control over the secondary outcomes' main tests; the primary outcome is not adjusted.",
     "Holm S. A simple sequentially rejective multiple test procedure. Scand J Stat 1979;6:65-70"},
    {"multiplicity", "bh", "Benjamini-Hochberg adjustment",
     "False discovery rate control over the secondary outcomes' main tests; the primary outcome is not adjusted.",
     "Benjamini Y, Hochberg Y. Controlling the false discovery rate: a practical and powerful approach to "
     "multiple testing. J R Stat Soc B 1995;57:289-300"},
    {"power", NULL, "Power by simulation",
     "Share of trials simulated under the design with p below alpha in the primary analysis, with its Monte "
     "Carlo standard error.",
     "Arnold BF, Hogan DR, Colford JM, Hubbard AE. Simulation methods to estimate design power: an overview for "
     "applied research. BMC Med Res Methodol 2011;11:94"},
};

const rpt_method_table rpt_methods_rct = {rct_methods, sizeof rct_methods / sizeof rct_methods[0]};
