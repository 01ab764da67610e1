/* The Summary sheet: title, each module's headline sentences, and what the workbook holds. */
#include "reports/rpt_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/*
 * Headline writers, in the order their sentences appear; each is called only when the results
 * have rows of its module. A new headline: write an rpt_headline_fn in the module's sheet file
 * (reports/rpt_sheet_<x>.c), declare it in rpt_internal.h, add one line here.
 */
static const struct {
    const char *module;
    rpt_headline_fn write;
} headlines[] = {
    {"rct", rpt_trial_headline},
    {"fidelity", rpt_fidelity_headline},
    {"cba", rpt_cba_headline},
    {"cea", rpt_cea_headline},
    {"meta", rpt_meta_headline},
    {"compare", rpt_compare_headline},
    {"did", rpt_did_headline},
    {"cohort", rpt_cohort_headline},
    {"equity", rpt_equity_headline},
    {"workforce", rpt_workforce_headline},
};

/* ---------- key figures: each headline number as a live reference to its row of the Results sheet ---------- */

/* 1 if the analysis sheet `name` is in this workbook. */
static int sheet_present(const rpt_wctx *w, const char *name)
{
    for (size_t i = 0; i < w->n_sheets; i++)
        if (rpt_str_eq(w->sheets[i].name, name))
            return rpt_sheet_shown(w, &w->sheets[i]);
    return 0;
}

/* Money for a sentence: "NOK 395,532", a typographic minus, "n/a" for NaN. */
static const char *money(const rpt_wctx *w, double x, char *buf, size_t size)
{
    char t[96];
    if (!isfinite(x))
        return rpt_fmt_num(x, 0, buf, size);
    snprintf(buf, size, "%s%s%s", w->run->currency ? w->run->currency : "", w->run->currency ? " " : "",
             rpt_whole_text(w, x, t, sizeof t));
    return buf;
}

/* "10.2 percentage points (95% CI 0.8 to 19.3)": estimate, unit, then the interval in words. */
static const char *est_ci(const rpt_wctx *w, double est, double lo, double hi, int digits, const char *unit,
                          const char *what, char *buf, size_t size)
{
    char e[48], l[48], h[48];
    rpt_fmt_num(est, digits, e, sizeof e);
    if (isnan(lo) || isnan(hi)) {
        rpt_trf(w, buf, size, "%s%s%s", e, unit ? " " : "", unit ? rpt_tr(w, unit) : "");
        return buf;
    }
    rpt_fmt_num(lo, digits, l, sizeof l);
    rpt_fmt_num(hi, digits, h, sizeof h);
    rpt_trf(w, buf, size, "%s%s%s (%s %s to %s)", e, unit ? " " : "", unit ? rpt_tr(w, unit) : "", what ? what : w->conf, l, h);
    return buf;
}

/* The p-value in words: "p < 0.001" or "p = 0.033". */
static const char *p_words(double p, char *buf, size_t size)
{
    char b[32];
    rpt_fmt_p(p, b, sizeof b);
    snprintf(buf, size, "p %s%s", b[0] == '<' ? "< " : "= ", b[0] == '<' ? b + 1 : b);
    return buf;
}

enum { F_EST = RPT_F_EST, F_LO = RPT_F_LO, F_HI = RPT_F_HI, F_P = RPT_F_P };

/* A figure taken from the Results sheet by its key (rpt_results_ref): sorting that sheet changes nothing. */
static void ref_cell(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *x, int f,
                     lxw_format *fmt)
{
    rpt_results_ref(w, ws, r, c, x, f, fmt == w->f.pp ? 100 : 1, fmt);
}

/* One key figure: the sentence (merged over A:E), the estimate, its interval and a second number as live
 * references to the Results sheet, a link to the row and one to the sheet that shows it in context. */
static void key_figure(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, const char *sentence, const core_result_row *x,
                       lxw_format *fmt, const core_result_row *x2, int f2, lxw_format *fmt2, const char *sheet)
{
    char text[64];
    rpt_merge_text(w, ws, *r, 0, 4, sentence, w->f.wrap, rpt_lines_for(sentence, 95));
    ref_cell(w, ws, *r, 5, x, F_EST, fmt);
    if (!isnan(x->ci_low) || !isnan(x->ci_high)) {
        ref_cell(w, ws, *r, 6, x, F_LO, fmt);
        ref_cell(w, ws, *r, 7, x, F_HI, fmt);
    }
    if (x2)
        ref_cell(w, ws, *r, 8, x2, f2, fmt2);
    snprintf(text, sizeof text, RPT_RESULTS_KEY " %zu", (size_t)(x - w->res->rows) + 1);
    rpt_results_link(w, ws, *r, 9, x, text);
    if (sheet && sheet_present(w, sheet))
        rpt_sheet_link(w, ws, *r, 10, sheet, sheet);
    (*r)++;
}

static const core_result_row *first_row(const rpt_wctx *w, const char *module, const char *analysis,
                                        const char *term, const char *method)
{
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (rpt_str_eq(x->module, module) && rpt_str_eq(x->analysis, analysis) && (!term || rpt_str_eq(x->term, term)) &&
            (!method || rpt_str_eq(x->method, method)))
            return x;
    }
    return NULL;
}

/* The sheet with the trial's outcomes (named "Outcomes" or, in older tables, "Trial outcomes"). */
static const char *outcome_sheet(const rpt_wctx *w)
{
    return sheet_present(w, "Outcomes") ? "Outcomes" : "Trial outcomes";
}

/* The missing-data assumption of the primary key figure ([missing], rct/rct_mi.c): complete cases assume the
 * outcome is missing completely at random; with multiple imputation primary the complete-case figures are said to
 * be the secondary ones. */
static void missing_words(const rpt_wctx *w, const char *outcome, const char *tp, char *b, size_t size)
{
    const core_result_row *ms = rpt_find_row(w, "rct", "mi_summary", outcome, NULL, NULL, "fcs");
    size_t len = strlen(b);
    if (len + 1 >= size)
        return;
    if (ms && rpt_find_row(w, "rct", "mi", outcome, tp, "arm", NULL))
        rpt_trf(w, b + len, size - len, " These are complete cases (valid if the outcome is missing completely at "
                                        "random), beside the primary analysis below.");
    else
        rpt_trf(w, b + len, size - len, " Complete cases: valid if the outcome is missing completely at random.");
}

/* With [missing] method = mi: the primary analysis, the pooled estimate of `key` at tp, as a key figure. */
static void kf_imputed(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, const char *outcome, const char *tp,
                       const char *key, int binary)
{
    const core_result_row *ms = rpt_find_row(w, "rct", "mi_summary", outcome, NULL, NULL, "fcs");
    const core_result_row *mi = rpt_find_row(w, "rct", "mi", outcome, tp, "arm", key);
    const core_result_row *fmi = rpt_find_row(w, "rct", "mi_fmi", outcome, tp, "arm", key);
    if (!ms || !mi || isnan(mi->estimate))
        return;
    char b[1024], ci[256], pw[48], m[32], f[32], what[48];
    snprintf(what, sizeof what, "%s CI", w->conf);
    if (binary)
        est_ci(w, 100 * mi->estimate, 100 * mi->ci_low, 100 * mi->ci_high, 1, "percentage points", what, ci, sizeof ci);
    else
        est_ci(w, mi->estimate, mi->ci_low, mi->ci_high, 2, NULL, what, ci, sizeof ci);
    rpt_fmt_num(ms->n, 0, m, sizeof m);
    rpt_fmt_num(fmi ? fmi->estimate : NAN, 2, f, sizeof f);
    rpt_trf(w, b, sizeof b,
            "Primary analysis, multiple imputation (%s imputations, chained equations within arm; valid if the outcome "
            "is missing at random given arm and the imputation model): difference %s, %s; fraction of missing "
            "information %s.",
            m, ci, p_words(mi->p_value, pw, sizeof pw), f);
    key_figure(w, ws, r, b, mi, binary ? w->f.pp : w->f.num2, mi, F_P, w->f.pval,
               sheet_present(w, "Missing data") ? "Missing data" : outcome_sheet(w));
}

static void kf_primary(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r)
{
    const rpt_trial_info *t = w->run->trial;
    const char *outcome = t && t->primary ? t->primary : NULL;
    const char *tp = NULL;
    double best = -INFINITY;
    for (size_t i = 0; i < w->res->n; i++) { /* the primary outcome's last timepoint */
        const core_result_row *x = &w->res->rows[i];
        double v;
        if (!rpt_str_eq(x->module, "rct") || !rpt_str_eq(x->analysis, "arm_summary") ||
            (outcome && !rpt_str_eq(x->outcome, outcome)))
            continue;
        if (!outcome)
            outcome = x->outcome;
        if (!tp || (rpt_is_number(x->timepoint, &v) && v > best)) {
            tp = x->timepoint;
            best = rpt_is_number(tp, &v) ? v : best;
        }
    }
    if (!outcome || !tp)
        return;
    if (t && t->primary_timepoint && outcome == t->primary)
        tp = t->primary_timepoint; /* the declared primary timepoint, not the last */
    const char *trt = t && t->treatment ? t->treatment : rpt_tr(w, "intervention");
    const char *ctl = t && t->control ? t->control : rpt_tr(w, "control");
    const core_result_row *a1 = rpt_find_row(w, "rct", "arm_summary", outcome, tp, trt, NULL);
    const core_result_row *a0 = rpt_find_row(w, "rct", "arm_summary", outcome, tp, ctl, NULL);
    char b[2048], e1[32], e0[32], ci[256], pw[48], when[96], ol[300];
    double v;
    /* the outcome's label inside the sentence: "Primary outcome, in competitive employment at 18 months" (a label
     * that starts with a capitalised word, not an acronym, is lowered) */
    snprintf(ol, sizeof ol, "%s", rpt_outcome_display(w, outcome));
    if (ol[0] >= 'A' && ol[0] <= 'Z' && ol[1] >= 'a' && ol[1] <= 'z')
        ol[0] = (char)(ol[0] - 'A' + 'a');
    const char *unit = rpt_tr(w, t && t->time_unit ? t->time_unit : "months");
    if (rpt_is_number(tp, &v))
        rpt_trf(w, when, sizeof when, "at %s %s", tp, unit);
    else
        rpt_trf(w, when, sizeof when, "at %s", tp);
    if (rpt_outcome_is_binary(w, outcome, a1)) {
        const core_result_row *rd = rpt_find_row(w, "rct", "risk_difference", outcome, tp, "arm", "newcombe");
        const core_result_row *pt = rpt_find_row(w, "rct", "chisq_test", outcome, tp, "arm", NULL);
        if (!rd)
            return;
        rpt_fmt_num(a1 ? 100 * a1->estimate : NAN, 1, e1, sizeof e1);
        rpt_fmt_num(a0 ? 100 * a0->estimate : NAN, 1, e0, sizeof e0);
        char what[48];
        rpt_trf(w, what, sizeof what, "%s CI", w->conf);
        est_ci(w, 100 * rd->estimate, 100 * rd->ci_low, 100 * rd->ci_high, 1, "percentage points", what, ci,
               sizeof ci);
        rpt_trf(w, b, sizeof b, "Primary outcome, %s %s: %s%% of the %s group and %s%% of the %s group; difference %s%s%s.",
                 ol, when, e1, trt, e0, ctl, ci, pt ? ", " : "",
                 pt ? p_words(pt->p_value, pw, sizeof pw) : "");
        missing_words(w, outcome, tp, b, sizeof b);
        key_figure(w, ws, r, b, rd, w->f.pp, pt, F_P, w->f.pval, outcome_sheet(w));
        kf_imputed(w, ws, r, outcome, tp, "risk_difference:wald", 1);
        return;
    }
    const core_result_row *md = rpt_find_row(w, "rct", "ancova", outcome, tp, "arm", NULL);
    if (!md)
        md = rpt_find_row(w, "rct", "mean_difference", outcome, tp, "arm", NULL);
    if (!md)
        return;
    char what[48];
    rpt_trf(w, what, sizeof what, "%s CI", w->conf);
    est_ci(w, md->estimate, md->ci_low, md->ci_high, 2, NULL, what, ci, sizeof ci);
    rpt_trf(w, b, sizeof b, "Primary outcome, %s %s: difference in means, %s minus %s, %s; %s.",
             ol, when, trt, ctl, ci, p_words(md->p_value, pw, sizeof pw));
    missing_words(w, outcome, tp, b, sizeof b);
    key_figure(w, ws, r, b, md, w->f.num2, md, F_P, w->f.pval, outcome_sheet(w));
    kf_imputed(w, ws, r, outcome, tp, rpt_str_eq(md->analysis, "ancova") ? "ancova:classical" : "mean_difference:welch", 0);
}

/* Time to the event (the primary outcome when it is one, else the first): the hazard ratio when proportional
 * hazards is not rejected by the Schoenfeld-residual test at 1 - confidence; otherwise the RMST difference, and why. */
static void kf_time_to_event(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r)
{
    const rpt_trial_info *t = w->run->trial;
    const core_result_row *ph = NULL;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (!rpt_str_eq(x->module, "rct") || !rpt_str_eq(x->analysis, "ph_test") || !rpt_str_eq(x->term, "global") ||
            !rpt_str_eq(x->method, "cox_efron"))
            continue;
        if (!ph || (t && t->primary && rpt_str_eq(x->outcome, t->primary)))
            ph = x;
    }
    if (!ph)
        return;
    const char *o = ph->outcome;
    const char *trt = t && t->treatment ? t->treatment : rpt_tr(w, "intervention");
    const char *ctl = t && t->control ? t->control : rpt_tr(w, "control");
    const core_result_row *hr = rpt_find_row(w, "rct", "hazard_ratio", o, NULL, "arm", "cox_efron");
    const core_result_row *rd = NULL;
    for (size_t i = 0; i < w->res->n && !rd; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (rpt_str_eq(x->module, "rct") && rpt_str_eq(x->analysis, "rmst_difference") && rpt_str_eq(x->outcome, o) &&
            rpt_str_eq(x->term, "arm"))
            rd = x;
    }
    char b[1400], ci[256], pw[48], pw2[48], what[48];
    rpt_trf(w, what, sizeof what, "%s CI", w->conf);
    double alpha = 1 - w->run->confidence;
    if (!isnan(ph->p_value) && ph->p_value < alpha && rd && !isnan(rd->estimate)) {
        est_ci(w, rd->estimate, rd->ci_low, rd->ci_high, 2, NULL, what, ci, sizeof ci);
        rpt_trf(w, b, sizeof b,
                 "%s: proportional hazards is rejected (Schoenfeld-residual test, %s), so no single hazard ratio "
                 "describes the follow-up. Restricted mean time without the event up to %s, %s minus %s: %s; %s.",
                 rpt_outcome_display(w, o), p_words(ph->p_value, pw, sizeof pw), rd->timepoint ? rd->timepoint : "",
                 trt, ctl, ci, p_words(rd->p_value, pw2, sizeof pw2));
        key_figure(w, ws, r, b, rd, w->f.num2, rd, F_P, w->f.pval, "Time to job");
        return;
    }
    if (!hr || isnan(hr->estimate))
        return;
    est_ci(w, hr->estimate, hr->ci_low, hr->ci_high, 2, NULL, what, ci, sizeof ci);
    rpt_trf(w, b, sizeof b,
             "%s: hazard ratio, %s vs %s (Cox, Efron ties), %s; %s. Proportional hazards is not rejected "
             "(Schoenfeld-residual test, %s).",
             rpt_outcome_display(w, o), trt, ctl, ci, p_words(hr->p_value, pw2, sizeof pw2),
             isnan(ph->p_value) ? rpt_tr(w, "not computed") : p_words(ph->p_value, pw, sizeof pw));
    key_figure(w, ws, r, b, hr, w->f.num2, hr, F_P, w->f.pval, "Time to job");
}

static void kf_cba(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r)
{
    char b[1024], m0[128], m1[128], m2[128];
    const core_result_row *first = first_row(w, "cba", "break_even_wage", NULL, NULL);
    if (first) {
        const core_result_row *be = first_row(w, "cba", "break_even_wage", "2", first->method);
        if (!be)
            be = first;
        char span[64];
        if (rpt_str_eq(be->term, "trial_window"))
            rpt_trf(w, span, sizeof span, "within the trial's follow-up");
        else
            rpt_trf(w, span, sizeof span, rpt_str_eq(be->term, "1") ? "within %s year" : "within %s years",
                    be->term ? be->term : "?");
        if (!isnan(be->ci_low))
            rpt_trf(w, b, sizeof b,
                     "Break-even wage: the extra jobs pay for the programme %s if they pay %s a year (95%% interval "
                     "from the probabilistic analysis %s to %s; effect persistence: %s).",
                     span, money(w, be->estimate, m0, sizeof m0), money(w, be->ci_low, m1, sizeof m1),
                     money(w, be->ci_high, m2, sizeof m2), rpt_tr(w, be->method ? be->method : ""));
        else
            rpt_trf(w, b, sizeof b, "Break-even wage: the extra jobs pay for the programme %s if they pay %s a year "
                                  "(effect persistence: %s).",
                     span, money(w, be->estimate, m0, sizeof m0), rpt_tr(w, be->method ? be->method : ""));
        key_figure(w, ws, r, b, be, w->f.money, NULL, 0, NULL, "CBA");
    }
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (!rpt_str_eq(x->module, "cba") || !rpt_str_eq(x->analysis, "npv") || !rpt_str_eq(x->method, "per_participant"))
            continue;
        const core_result_row *pp = first_row(w, "cba", "prob_cost_beneficial", x->term, NULL);
        char pr[64] = "";
        if (pp && isfinite(pp->estimate))
            rpt_trf(w, pr, sizeof pr, "; probability that it is positive: %.0f%%", 100 * pp->estimate);
        if (!isnan(x->ci_low))
            rpt_trf(w, b, sizeof b, "Net present value per participant, %s perspective: %s (95%% interval %s to %s)%s.",
                     rpt_tr(w, x->term ? x->term : ""), money(w, x->estimate, m0, sizeof m0), money(w, x->ci_low, m1, sizeof m1),
                     money(w, x->ci_high, m2, sizeof m2), pr);
        else
            rpt_trf(w, b, sizeof b, "Net present value per participant, %s perspective: %s%s.", rpt_tr(w, x->term ? x->term : ""),
                     money(w, x->estimate, m0, sizeof m0), pr);
        key_figure(w, ws, r, b, x, w->f.money, pp, F_EST, w->f.pct, "CBA");
    }
}

static void kf_did(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r)
{
    const core_result_row *tw = first_row(w, "did", "twfe", NULL, NULL);
    if (!tw)
        return;
    char b[1024], ci[256], pw[48];
    const core_result_row *ct = rpt_find_row(w, "did", "randomization_inference", tw->outcome, tw->timepoint, tw->term,
                                             "conley_taber");
    const core_result_row *pc = rpt_find_row(w, "did", "randomization_inference", tw->outcome, tw->timepoint, tw->term,
                                             "placebo_clusters");
    if (ct) {
        const core_result_row *lv = rpt_find_row(w, "did", "attained_level", tw->outcome, tw->timepoint, tw->term,
                                                 "conley_taber");
        char what[96];
        if (lv)
            rpt_trf(w, what, sizeof what, "Conley-Taber interval covering %.1f%%:", 100 * lv->estimate);
        else
            rpt_trf(w, what, sizeof what, "Conley-Taber interval");
        est_ci(w, ct->estimate, ct->ci_low, ct->ci_high, 1, rpt_per_period(w), what, ci, sizeof ci);
        rpt_trf(w, b, sizeof b, "Registry effect on %s (difference in differences): %s%s%s.",
                 tw->outcome ? tw->outcome : rpt_tr(w, "the outcome"), ci, pc ? rpt_tr(w, "; placebo-cluster ") : "",
                 pc ? p_words(pc->p_value, pw, sizeof pw) : "");
        key_figure(w, ws, r, b, ct, w->f.num1, pc, F_P, w->f.pval, "Registry");
        return;
    }
    const core_result_row *cr2 = rpt_find_row(w, "did", "twfe", tw->outcome, tw->timepoint, tw->term, "cr2");
    if (cr2)
        tw = cr2;
    char what[48];
    rpt_trf(w, what, sizeof what, "%s CI", w->conf);
    est_ci(w, tw->estimate, tw->ci_low, tw->ci_high, 1, rpt_per_period(w), what, ci, sizeof ci);
    rpt_trf(w, b, sizeof b, "Registry effect on %s (difference in differences, %s): %s, %s.",
             tw->outcome ? tw->outcome : rpt_tr(w, "the outcome"), rpt_tr(w, tw->method ? tw->method : ""), ci,
             p_words(tw->p_value, pw, sizeof pw));
    key_figure(w, ws, r, b, tw, w->f.num1, tw, F_P, w->f.pval, "Registry");
}

static void kf_compare(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r)
{
    static const struct {
        const char *term, *what;
    } ratios[] = {{"registry_per_user_vs_trial", "the real-world effect per IPS user / the trial's effect"},
                  {"registry_per_member_vs_trial", "the real-world effect per member / the trial's effect, needing no "
                                                   "take-up"}};
    const core_result_row *lv = first_row(w, "compare", "assumption", "interval_level", NULL);
    char b[1024], ci[256];
    for (size_t i = 0; i < sizeof ratios / sizeof ratios[0]; i++) {
        const core_result_row *x = first_row(w, "compare", "efficacy_effectiveness_ratio", ratios[i].term, "fieller");
        const char *how = "Fieller";
        if (!x) {
            x = first_row(w, "compare", "efficacy_effectiveness_ratio", ratios[i].term, NULL);
            how = rpt_tr(w, "delta-method");
        }
        if (!x)
            continue;
        char what[64];
        if (lv)
            rpt_trf(w, what, sizeof what, "%s %.1f%% interval", how, 100 * lv->estimate);
        else
            rpt_trf(w, what, sizeof what, "%s %s interval", how, w->conf);
        est_ci(w, x->estimate, x->ci_low, x->ci_high, 2, NULL, what, ci, sizeof ci);
        rpt_trf(w, b, sizeof b, "Efficacy-effectiveness ratio (%s): %s; 1 means the real world matches.", rpt_tr(w, ratios[i].what),
                 ci);
        key_figure(w, ws, r, b, x, w->f.num2, NULL, 0, NULL, "Trial vs real world");
    }
}

static void kf_meta(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r)
{
    const core_result_row *x = first_row(w, "meta", "pooled", NULL, "reml_hk");
    if (!x)
        x = first_row(w, "meta", "pooled", NULL, NULL);
    if (!x)
        return;
    char b[1024], ci[256];
    char what[48], term[32] = "";
    rpt_trf(w, what, sizeof what, "%s CI", w->conf);
    for (size_t k = 0; x->term && x->term[k] && k + 1 < sizeof term; k++)
        term[k] = (char)toupper((unsigned char)x->term[k]); /* "rr" -> "RR" */
    est_ci(w, x->estimate, x->ci_low, x->ci_high, 2, NULL, what, ci, sizeof ci);
    const rpt_method_info *mi = rpt_method_lookup("pooled", x->method);
    char ow[128];
    rpt_trf(w, b, sizeof b, "Published trials pooled, %s (%s): %s %s.", rpt_words(w, x->outcome, ow, sizeof ow),
             rpt_tr(w, mi && mi->name ? mi->name : (x->method ? x->method : "")), term, ci);
    key_figure(w, ws, r, b, x, w->f.num2, NULL, 0, NULL, "Meta-analysis");
}

static void kf_fidelity(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r)
{
    const rpt_fidelity_info *fi = w->run->fidelity;
    for (size_t i = 0; i < w->res->n; i++) { /* each site once, at its latest review */
        const core_result_row *x = &w->res->rows[i];
        if (!rpt_str_eq(x->module, "fidelity") || !rpt_str_eq(x->analysis, "total_score") ||
            !rpt_str_eq(x->method, "consensus") || !x->term)
            continue;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++) {
            const core_result_row *y = &w->res->rows[j];
            seen = rpt_str_eq(y->module, "fidelity") && rpt_str_eq(y->analysis, "total_score") &&
                   rpt_str_eq(y->method, "consensus") && rpt_str_eq(y->term, x->term);
        }
        if (seen)
            continue;
        const core_result_row *last = x;
        for (size_t j = i + 1; j < w->res->n; j++) {
            const core_result_row *y = &w->res->rows[j];
            double a, c;
            if (rpt_str_eq(y->module, "fidelity") && rpt_str_eq(y->analysis, "total_score") &&
                rpt_str_eq(y->method, "consensus") && rpt_str_eq(y->term, x->term) && rpt_is_number(y->timepoint, &a) &&
                (!rpt_is_number(last->timepoint, &c) || a >= c))
                last = y;
        }
        char band[128] = "", b[512], tot[48] = "";
        if (last->label) {
            snprintf(band, sizeof band, "%s", last->label);
            char *semi = strchr(band, ';');
            if (semi)
                *semi = '\0';
        }
        if (fi && fi->n_items && fi->max > 0)
            rpt_trf(w, tot, sizeof tot, " of %d", (int)fi->n_items * fi->max);
        char v[32];
        rpt_trf(w, b, sizeof b, "Fidelity, %s (latest review, %s): total %s%s%s%s.", x->term,
                 last->timepoint ? last->timepoint : "", rpt_fmt_num(last->estimate, 0, v, sizeof v), tot,
                 band[0] ? ": " : "", rpt_tr(w, band));
        key_figure(w, ws, r, b, last, w->f.integer, NULL, 0, NULL, "Fidelity");
    }
}

/* The key-figures table; nothing when no module gave one. */
static void key_figures(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r)
{
    lxw_row_t top = *r;
    *r += 2;
    lxw_row_t first = *r;
    kf_primary(w, ws, r);
    kf_time_to_event(w, ws, r);
    kf_cba(w, ws, r);
    kf_did(w, ws, r);
    kf_compare(w, ws, r);
    kf_meta(w, ws, r);
    kf_fidelity(w, ws, r);
    if (*r == first) {
        *r = top;
        return;
    }
    rpt_put_text(w, ws, top, 0, "Key figures", w->f.subtitle);
    static const char *const head[] = {"Key figure", "", "", "", "", "Estimate", "Lower", "Upper", "p / probability",
                                       "Source (Results sheet)", "Shown on"};
    for (lxw_col_t c = 0; c < 11; c++)
        rpt_put_text(w, ws, top + 1, c, head[c], w->f.header);
    rpt_merge_text(w, ws, top + 1, 0, 4, "Key figure", w->f.header, 1);
    rpt_put_text(w, ws, (*r)++,
                 0,
                 "Each number is looked up on the Results sheet by its row in the results file (column " RPT_RESULTS_KEY
                 "), so sorting or filtering that sheet changes none of them; the links go to that row and to the "
                 "sheet that shows it in context.",
                 w->f.note);
    (*r)++;
}

core_status rpt_sheet_summary(rpt_wctx *w, core_err *err)
{
    lxw_worksheet *ws;
    core_status st0 = rpt_add_sheet(w, "Summary", &ws, err);
    if (st0 != CORE_OK)
        return st0;
    const rpt_run *run = w->run;
    char b[2048], when[32];
    lxw_row_t r = 0;
    /* one landscape page wide at 80% or more: 11 pt text prints at 8.8 pt or larger */
    rpt_print_pages(w, ws, 3);
    rpt_set_cols(w, ws, 0, 0, 28, NULL);
    rpt_set_cols(w, ws, 1, 1, 10, NULL);
    rpt_set_cols(w, ws, 2, 3, 10, NULL);
    rpt_set_cols(w, ws, 4, 4, 22, NULL);
    rpt_set_cols(w, ws, 5, 8, 11, NULL);
    rpt_set_cols(w, ws, 9, 9, 14, NULL);
    rpt_set_cols(w, ws, 10, 10, 16, NULL);

    rpt_put_text(w, ws, r++, 0, run->title && *run->title ? run->title : "IPS evaluation", w->f.title);
    if (run->synthetic)
        rpt_put_text(w, ws, r++, 0,
                     "Synthetic data: these results come from simulated example data, not from real people.",
                     w->f.synthetic);
    rpt_iso_time(run->started, when, sizeof when);
    rpt_trf(w, b, sizeof b, "ipseval %s, run %s (UTC)", run->version ? run->version : "", when);
    rpt_put_text(w, ws, r++, 0, b, w->f.meta);
    r++;

    /* Each module's headlines, a blank row after each; a line saying so when no module had any. */
    lxw_row_t top = r;
    for (size_t i = 0; i < sizeof headlines / sizeof headlines[0]; i++) {
        if (!rpt_has_rows(w, headlines[i].module, NULL))
            continue;
        lxw_row_t before = r;
        core_status st = headlines[i].write(w, ws, &r, err);
        if (st != CORE_OK)
            return st;
        if (r != before)
            r++;
    }
    if (r == top) {
        rpt_put_text(w, ws, r++, 0,
                     "This run has no trial results for binary outcomes; the sheets below hold its results.",
                     NULL);
        r++;
    }

    key_figures(w, ws, &r);

    /* the contents are links, for the screen: the print ends above them */
    rpt_print_end(w, ws, r > 0 ? r - 1 : 0, NULL);
    rpt_put_text(w, ws, r++, 0, "In this workbook", w->f.subtitle);
    for (size_t i = 0; i < w->n_sheets; i++) {
        const rpt_sheet_def *s = &w->sheets[i];
        if (!s->contents || !rpt_sheet_shown(w, s))
            continue;
        rpt_sheet_link(w, ws, r, 0, s->name, s->name);
        rpt_merge_text(w, ws, r, 1, 10, s->contents, w->f.wrap, rpt_lines_for(s->contents, 150));
        r++;
    }
    static const char *const fixed[][2] = {
        {"Results", "every number of the run, one row each, ready to filter and sort."},
        {"Methods", "each method used, what it does, and a reference."},
        {"Provenance", "software, settings, input files with checksums, and the configuration."},
    };
    for (size_t i = 0; i < 3; i++, r++) {
        rpt_sheet_link(w, ws, r, 0, fixed[i][0], fixed[i][0]);
        rpt_merge_text(w, ws, r, 1, 10, fixed[i][1], w->f.wrap, 1);
    }
    if (run->small_cell > 0) {
        rpt_trf(w, b, sizeof b,
                 "Counts below %d are shown as \"<%d\" and the percentages they would reveal as \"" RPT_EM_DASH
                 "\" (disclosure control).",
                 run->small_cell, run->small_cell);
        rpt_put_text(w, ws, r++, 0, b, w->f.note);
    }
    return CORE_OK;
}
