/* The trial (module "rct"): the "Trial outcomes" sheet and the trial's headline on the Summary. */
#include "reports/rpt_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* (outcome, timepoint) of the rct arm_summary rows, in order of first appearance. */
typedef struct group {
    const char *outcome, *tp;
} group;

/* What both the sheet and the headline read: the groups and the two arms. */
typedef struct trial {
    group *g;
    size_t ng;
    const char *treat; /* arm levels: intervention and control (may be NULL) */
    const char *ctrl;
} trial;

/* First rct row of (analysis, outcome, timepoint) with the term and method when given. */
static const core_result_row *find(const rpt_wctx *w, const char *analysis, const char *outcome, const char *tp,
                                   const char *term, const char *method)
{
    return rpt_find_row(w, "rct", analysis, outcome, tp, term, method);
}

static size_t collect_groups(const rpt_wctx *w, group *g)
{
    size_t ng = 0;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *r = &w->res->rows[i];
        if (!rpt_str_eq(r->module, "rct") || !rpt_str_eq(r->analysis, "arm_summary"))
            continue;
        size_t j = 0;
        while (j < ng && !(rpt_str_eq(g[j].outcome, r->outcome) && rpt_str_eq(g[j].tp, r->timepoint)))
            j++;
        if (j == ng)
            g[ng++] = (group){r->outcome, r->timepoint};
    }
    return ng;
}

/* Intervention and control levels: from the trial description, else the first two levels seen. */
static void pick_arms(const rpt_wctx *w, trial *t)
{
    const rpt_trial_info *ti = w->run->trial;
    if (ti && ti->treatment && ti->control) {
        t->treat = ti->treatment;
        t->ctrl = ti->control;
        return;
    }
    t->treat = t->ctrl = NULL;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *r = &w->res->rows[i];
        if (!rpt_str_eq(r->module, "rct") || !rpt_str_eq(r->analysis, "arm_summary") || !r->term)
            continue;
        if (!t->treat)
            t->treat = r->term;
        else if (!t->ctrl && !rpt_str_eq(r->term, t->treat))
            t->ctrl = r->term;
    }
}

static core_status trial_open(const rpt_wctx *w, trial *t, core_err *err)
{
    t->g = malloc((w->res->n ? w->res->n : 1) * sizeof *t->g);
    if (!t->g)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    t->ng = collect_groups(w, t->g);
    pick_arms(w, t);
    return CORE_OK;
}

static void trial_close(trial *t)
{
    free(t->g);
    t->g = NULL;
}

/* ---------- the headline on the Summary ---------- */

/* "At 18 months" / "At week 6" / "" for a single timepoint. */
static void when_text(const rpt_wctx *w, const char *tp, char *buf, size_t size)
{
    const char *unit = w->run->trial && w->run->trial->time_unit ? w->run->trial->time_unit : "months";
    if (!tp || !*tp)
        buf[0] = '\0';
    else if (rpt_is_number(tp, NULL))
        snprintf(buf, size, "At %s %s", tp, unit);
    else
        snprintf(buf, size, "At %s", tp);
}

/* The sentence of one binary outcome at one timepoint, for a reader who will not open a table. */
static void headline(const rpt_wctx *w, const trial *tr, const group *g, char *buf, size_t size)
{
    const core_result_row *t = find(w, "arm_summary", g->outcome, g->tp, tr->treat, NULL);
    const core_result_row *c = find(w, "arm_summary", g->outcome, g->tp, tr->ctrl, NULL);
    const core_result_row *rd = find(w, "risk_difference", g->outcome, g->tp, NULL, "newcombe");
    const core_result_row *chi = find(w, "chisq_test", g->outcome, g->tp, NULL, NULL);
    const char *label = rpt_outcome_display(w, g->outcome);
    int k = w->run->small_cell;
    char when[128], groups[512], diff[512], pt[48], pc[48], nt[48], nc[48];

    when_text(w, g->tp, when, sizeof when);
    if (!t || !c || isnan(t->estimate) || isnan(c->estimate)) {
        snprintf(groups, sizeof groups, "the proportions of the two groups are not available");
    } else if (rpt_pct_hidden(t, k) || rpt_pct_hidden(c, k)) {
        snprintf(groups, sizeof groups,
                 "the proportions are not shown because a count behind them is below %d (disclosure control)",
                 k);
    } else {
        rpt_fmt_num(100 * t->estimate, 1, pt, sizeof pt);
        rpt_fmt_num(100 * c->estimate, 1, pc, sizeof pc);
        rpt_fmt_count(t->n, k, nt, sizeof nt);
        rpt_fmt_count(c->n, k, nc, sizeof nc);
        snprintf(groups, sizeof groups, "%s%% of the %s group (n = %s) and %s%% of the %s group (n = %s)", pt,
                 tr->treat, nt, pc, tr->ctrl, nc);
    }

    if (!rd) {
        diff[0] = '\0';
    } else if (isnan(rd->estimate)) {
        snprintf(diff, sizeof diff, "the difference could not be estimated (%s)",
                 rd->label ? rd->label : "n/a");
    } else {
        char e[48], lo[48], hi[48], p[48], ci[160] = "", pv[64] = "";
        rpt_fmt_num(100 * rd->estimate, 1, e, sizeof e);
        if (!isnan(rd->ci_low) && !isnan(rd->ci_high))
            snprintf(ci, sizeof ci, "%s CI %s to %s", w->conf[0] ? w->conf : "",
                     rpt_fmt_num(100 * rd->ci_low, 1, lo, sizeof lo),
                     rpt_fmt_num(100 * rd->ci_high, 1, hi, sizeof hi));
        if (chi && !isnan(chi->p_value)) {
            rpt_fmt_p(chi->p_value, p, sizeof p);
            snprintf(pv, sizeof pv, "p %s%s", p[0] == '<' ? "" : "= ", p);
        }
        char paren[256] = "";
        if (ci[0] || pv[0])
            snprintf(paren, sizeof paren, " (%s%s%s)", ci[0] == ' ' ? ci + 1 : ci, ci[0] && pv[0] ? "; " : "",
                     pv);
        snprintf(diff, sizeof diff, "a difference of %s percentage points%s", e, paren);
    }

    /* "In competitive employment" reads naturally after "were"; other labels lead the sentence. */
    int in_form = strncmp(label, "In ", 3) == 0 || strncmp(label, "in ", 3) == 0;
    int shown = strchr(groups, '%') != NULL;
    if (in_form && shown) {
        snprintf(buf, size, "%s%s%s were in%s%s%s.", when, when[0] ? ", " : "", groups, label + 2,
                 diff[0] ? ": " : "", diff);
        if (!when[0] && buf[0] >= 'a' && buf[0] <= 'z')
            buf[0] = (char)(buf[0] - 'a' + 'A');
    } else {
        char lw[160];
        snprintf(lw, sizeof lw, "%s", when);
        if (lw[0])
            lw[0] = 'a'; /* "At 18 months" -> "at 18 months" after the label */
        snprintf(buf, size, "%s%s%s: %s%s%s.", label, lw[0] ? " " : "", lw, groups, diff[0] ? "; " : "",
                 diff);
    }
}

/* Index (into g) of the latest timepoint of each binary outcome, primary first; returns the count. */
static size_t headline_groups(const rpt_wctx *w, const group *g, size_t ng, size_t *out)
{
    size_t n = 0;
    const char *primary = w->run->trial ? w->run->trial->primary : NULL;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < ng; i++) {
            int is_primary = primary && rpt_str_eq(g[i].outcome, primary);
            if ((pass == 0) != is_primary)
                continue;
            int seen = 0;
            for (size_t j = 0; j < i; j++)
                seen |= rpt_str_eq(g[j].outcome, g[i].outcome);
            const core_result_row *arm = find(w, "arm_summary", g[i].outcome, g[i].tp, NULL, NULL);
            if (seen || !rpt_outcome_is_binary(w, g[i].outcome, arm))
                continue;
            /* latest timepoint: the largest when all are numbers, else the last listed */
            size_t best = i;
            double bx = 0, x;
            int numeric = rpt_is_number(g[i].tp, &bx);
            for (size_t j = i + 1; j < ng; j++) {
                if (!rpt_str_eq(g[j].outcome, g[i].outcome))
                    continue;
                if (numeric && rpt_is_number(g[j].tp, &x)) {
                    if (x > bx) {
                        bx = x;
                        best = j;
                    }
                } else {
                    numeric = 0;
                    best = j;
                }
            }
            out[n++] = best;
        }
    }
    return n;
}

/* The binary outcomes' sentences and a small table of the same numbers; nothing without binary outcomes. */
core_status rpt_trial_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *row, core_err *err)
{
    trial tr;
    core_status st = trial_open(w, &tr, err);
    if (st != CORE_OK)
        return st;
    const group *g = tr.g;
    size_t *hl = malloc((tr.ng ? tr.ng : 1) * sizeof *hl);
    if (!hl) {
        trial_close(&tr);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory writing the Summary sheet");
    }
    size_t nh = headline_groups(w, g, tr.ng, hl);
    const char *primary = w->run->trial ? w->run->trial->primary : NULL;
    char b[2048];
    lxw_row_t r = *row;
    if (nh == 0) {
        /* nothing to say: no binary outcomes */
    } else if (!tr.treat || !tr.ctrl) {
        rpt_put_text(w, ws, r++, 0,
                     "The trial's intervention and control arms are not named; see the Results sheet.", NULL);
    } else {
        for (size_t i = 0; i < nh; i++) {
            int is_primary = primary && rpt_str_eq(g[hl[i]].outcome, primary);
            if (i == 0)
                rpt_put_text(w, ws, r++, 0, is_primary ? "Primary outcome" : "Main results", w->f.subtitle);
            else if (i == 1 && primary && rpt_str_eq(g[hl[0]].outcome, primary))
                rpt_put_text(w, ws, r++, 0, "Other outcomes", w->f.subtitle);
            headline(w, &tr, &g[hl[i]], b, sizeof b);
            rpt_merge_text(w, ws, r++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 90));
        }
        r++;

        /* The same numbers as a small table. */
        char h[160];
        rpt_put_text(w, ws, r++, 0, "Headline effects", w->f.subtitle);
        rpt_put_text(w, ws, r, 0, "Outcome", w->f.header);
        rpt_put_text(w, ws, r, 1, "Timepoint", w->f.header);
        snprintf(h, sizeof h, "%s %%", tr.treat);
        rpt_put_text(w, ws, r, 2, h, w->f.header);
        snprintf(h, sizeof h, "%s %%", tr.ctrl);
        rpt_put_text(w, ws, r, 3, h, w->f.header);
        snprintf(h, sizeof h, "Difference, percentage points (%s CI)", w->conf[0] ? w->conf : "");
        rpt_put_text(w, ws, r, 4, h, w->f.header);
        rpt_put_text(w, ws, r, 5, "p-value", w->f.header);
        r++;
        for (size_t i = 0; i < nh; i++, r++) {
            const group *x = &g[hl[i]];
            rpt_put_text(w, ws, r, 0, rpt_outcome_display(w, x->outcome), w->f.wrap);
            rpt_timepoint_cell(w, ws, r, 1, x->tp);
            rpt_share_cell(w, ws, r, 2, find(w, "arm_summary", x->outcome, x->tp, tr.treat, NULL), 1);
            rpt_share_cell(w, ws, r, 3, find(w, "arm_summary", x->outcome, x->tp, tr.ctrl, NULL), 1);
            rpt_effect_cell(w, ws, r, 4, find(w, "risk_difference", x->outcome, x->tp, NULL, "newcombe"), 100, 1);
            rpt_p_cell(w, ws, r, 5, find(w, "chisq_test", x->outcome, x->tp, NULL, NULL));
        }
        snprintf(b, sizeof b,
                 "Differences are %s minus %s, with Newcombe's interval; p from Pearson's chi-square test. "
                 "Details by timepoint are on the Trial outcomes sheet.",
                 tr.treat, tr.ctrl);
        rpt_merge_text(w, ws, r++, 0, 5, b, w->f.note, rpt_lines_for(b, 100));
    }
    free(hl);
    trial_close(&tr);
    *row = r;
    return CORE_OK;
}

/* ---------- Trial outcomes ---------- */

core_status rpt_sheet_trial(rpt_wctx *w, core_err *err)
{
    trial tr;
    core_status st0 = trial_open(w, &tr, err);
    if (st0 != CORE_OK)
        return st0;
    if (tr.ng == 0) { /* no arm_summary rows: no sheet */
        trial_close(&tr);
        return CORE_OK;
    }
    const group *g = tr.g;
    size_t ng = tr.ng;
    lxw_worksheet *ws;
    st0 = rpt_add_sheet(w, w->sheet->name, &ws, err);
    if (st0 != CORE_OK) {
        trial_close(&tr);
        return st0;
    }
    const char *tl = tr.treat ? tr.treat : "Arm 1", *cl = tr.ctrl ? tr.ctrl : "Arm 2";
    char b[2048];
    const char *ci = w->conf[0] ? w->conf : "";
    lxw_row_t r = 0;

    snprintf(b, sizeof b, "Trial outcomes: %s vs %s", tl, cl);
    rpt_put_text(w, ws, r++, 0, b, w->f.title);
    snprintf(b, sizeof b, "One row per outcome and timepoint. Intervals are %s confidence intervals.", ci);
    rpt_put_text(w, ws, r++, 0, b, w->f.meta);
    r++;

    char h[12][160];
    snprintf(h[0], sizeof h[0], "Outcome");
    snprintf(h[1], sizeof h[1], "Timepoint");
    snprintf(h[2], sizeof h[2], "%s n", tl);
    snprintf(h[3], sizeof h[3], "%s %%", tl);
    snprintf(h[4], sizeof h[4], "%s n", cl);
    snprintf(h[5], sizeof h[5], "%s %%", cl);
    snprintf(h[6], sizeof h[6], "RD, pp (%s CI)", ci);
    snprintf(h[7], sizeof h[7], "RR (%s CI)", ci);
    snprintf(h[8], sizeof h[8], "OR (%s CI)", ci);
    snprintf(h[9], sizeof h[9], "OR, Fisher CMLE (exact %s CI)", ci);
    snprintf(h[10], sizeof h[10], "p, chi-square");
    snprintf(h[11], sizeof h[11], "p, Fisher exact");
    lxw_row_t header = r;
    for (lxw_col_t c = 0; c < 12; c++)
        rpt_put_text(w, ws, r, c, h[c], w->f.header);
    rpt_err_at(w, worksheet_set_row(ws, r, 32, NULL), ws, r, 0);
    r++;

    for (size_t i = 0; i < ng; i++, r++) {
        const char *o = g[i].outcome, *tp = g[i].tp;
        const core_result_row *at = find(w, "arm_summary", o, tp, tl, NULL);
        const core_result_row *ac = find(w, "arm_summary", o, tp, cl, NULL);
        int binary = rpt_outcome_is_binary(w, o, at ? at : ac);
        rpt_put_text(w, ws, r, 0, rpt_outcome_display(w, o), w->f.wrap);
        rpt_timepoint_cell(w, ws, r, 1, tp);
        rpt_count_cell(w, ws, r, 2, at);
        rpt_share_cell(w, ws, r, 3, at, binary);
        rpt_count_cell(w, ws, r, 4, ac);
        rpt_share_cell(w, ws, r, 5, ac, binary);
        rpt_effect_cell(w, ws, r, 6, find(w, "risk_difference", o, tp, NULL, "newcombe"), 100, 1);
        rpt_effect_cell(w, ws, r, 7, find(w, "risk_ratio", o, tp, NULL, NULL), 1, 2);
        rpt_effect_cell(w, ws, r, 8, find(w, "odds_ratio", o, tp, NULL, "woolf"), 1, 2);
        rpt_effect_cell(w, ws, r, 9, find(w, "odds_ratio", o, tp, NULL, "fisher_cmle"), 1, 2);
        rpt_p_cell(w, ws, r, 10, find(w, "chisq_test", o, tp, NULL, NULL));
        rpt_p_cell(w, ws, r, 11, find(w, "fisher_exact", o, tp, NULL, NULL));
    }
    r++;

    snprintf(
        b, sizeof b,
        "n: participants analysed. %%: share with the outcome (Wilson interval on the Results sheet). "
        "RD: risk difference, %s minus %s, in percentage points, Newcombe hybrid score interval. "
        "RR: risk ratio, log (Katz) interval. OR: odds ratio, Woolf logit interval. "
        "OR, Fisher CMLE: conditional maximum-likelihood odds ratio with exact interval, as R fisher.test. "
        "p, chi-square: Pearson's test; p, Fisher exact: two-sided, as R fisher.test. "
        "Where an estimate is undefined the cell says why.",
        tl, cl);
    if (w->run->small_cell > 0) {
        size_t len = strlen(b);
        snprintf(b + len, sizeof b - len,
                 " Counts below %d are shown as \"<%d\"; a percentage that would reveal such a count is "
                 "shown as \"" RPT_EM_DASH "\".",
                 w->run->small_cell, w->run->small_cell);
    }
    rpt_merge_text(w, ws, r, 0, 11, b, w->f.note, rpt_lines_for(b, 150));

    rpt_set_cols(w, ws, 0, 0, 30, NULL);
    rpt_set_cols(w, ws, 1, 1, 10, NULL);
    rpt_set_cols(w, ws, 2, 5, 9, NULL);
    rpt_set_cols(w, ws, 6, 6, 20, NULL);
    rpt_set_cols(w, ws, 7, 9, 19, NULL);
    rpt_set_cols(w, ws, 10, 11, 11, NULL);
    worksheet_freeze_panes(ws, header + 1, 2);
    trial_close(&tr);
    return CORE_OK;
}
