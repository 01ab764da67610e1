/* The trial (module "rct"): its headline on the Summary, and the helpers of the trial's sheets (rpt_trial.h):
 * Baseline, Attrition, Outcomes and Subgroups live in rpt_sheet_{baseline,attrition,outcomes,subgroups}.c. */
#include "reports/rpt_trial.h"

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
    const char *unit = rpt_tr(w, w->run->trial && w->run->trial->time_unit ? w->run->trial->time_unit : "months");
    if (!tp || !*tp)
        buf[0] = '\0';
    else if (rpt_is_number(tp, NULL))
        rpt_trf(w, buf, size, "At %s %s", tp, unit);
    else
        rpt_trf(w, buf, size, "At %s", tp);
}

/* The sentence of one binary outcome at one timepoint, for a reader who will not open a table. */
static const char *cmp_term(const rpt_wctx *w, const char *treat, char *buf, size_t size);

static void headline(const rpt_wctx *w, const trial *tr, const group *g, char *buf, size_t size)
{
    char term[300];
    cmp_term(w, tr->treat, term, sizeof term); /* the comparison of tr->treat with the control */
    const core_result_row *t = find(w, "arm_summary", g->outcome, g->tp, tr->treat, NULL);
    const core_result_row *c = find(w, "arm_summary", g->outcome, g->tp, tr->ctrl, NULL);
    const core_result_row *rd = find(w, "risk_difference", g->outcome, g->tp, term, "newcombe");
    const core_result_row *chi = find(w, "chisq_test", g->outcome, g->tp, term, NULL);
    const char *label = rpt_outcome_display(w, g->outcome);
    int k = w->run->small_cell;
    char when[128], groups[512], diff[512], pt[48], pc[48], nt[48], nc[48];

    when_text(w, g->tp, when, sizeof when);
    if (!t || !c || isnan(t->estimate) || isnan(c->estimate)) {
        rpt_trf(w, groups, sizeof groups, "the proportions of the two groups are not available");
    } else if (rpt_pct_hidden(t, k) || rpt_pct_hidden(c, k)) {
        rpt_trf(w, groups, sizeof groups,
                 "the proportions are not shown because a count behind them is below %d (disclosure control)",
                 k);
    } else {
        rpt_fmt_num(100 * t->estimate, 1, pt, sizeof pt);
        rpt_fmt_num(100 * c->estimate, 1, pc, sizeof pc);
        rpt_fmt_count(t->n, k, nt, sizeof nt);
        rpt_fmt_count(c->n, k, nc, sizeof nc);
        rpt_trf(w, groups, sizeof groups, "%s%% of the %s group (n = %s) and %s%% of the %s group (n = %s)", pt,
                 tr->treat, nt, pc, tr->ctrl, nc);
    }

    if (!rd) {
        diff[0] = '\0';
    } else if (isnan(rd->estimate)) {
        rpt_trf(w, diff, sizeof diff, "the difference could not be estimated (%s)",
                 rd->label ? rd->label : "n/a");
    } else {
        char e[48], lo[48], hi[48], p[48], ci[160] = "", pv[64] = "";
        rpt_fmt_num(100 * rd->estimate, 1, e, sizeof e);
        if (!isnan(rd->ci_low) && !isnan(rd->ci_high))
            rpt_trf(w, ci, sizeof ci, "%s CI %s to %s", w->conf[0] ? w->conf : "",
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
        rpt_trf(w, diff, sizeof diff, "a difference of %s percentage points%s", e, paren);
    }

    /* "In competitive employment" reads naturally after "were"; other labels lead the sentence. */
    int in_form = (strncmp(label, "In ", 3) == 0 || strncmp(label, "in ", 3) == 0) &&
                  w->run->language == RPT_LANG_EN; /* English grammar: in Norwegian the label leads */
    int shown = strchr(groups, '%') != NULL;
    if (in_form && shown) {
        rpt_trf(w, buf, size, "%s%s%s were in%s%s%s.", when, when[0] ? ", " : "", groups, label + 2,
                 diff[0] ? ": " : "", diff);
        if (!when[0] && buf[0] >= 'a' && buf[0] <= 'z')
            buf[0] = (char)(buf[0] - 'a' + 'A');
    } else {
        char lw[160];
        snprintf(lw, sizeof lw, "%s", when);
        if (lw[0] >= 'A' && lw[0] <= 'Z')
            lw[0] = (char)(lw[0] - 'A' + 'a'); /* "At 18 months" -> "at 18 months" after the label */
        snprintf(buf, size, "%s%s%s: %s%s%s.", label, lw[0] ? " " : "", lw, groups, diff[0] ? "; " : "",
                 diff);
        if (buf[0] >= 'a' && buf[0] <= 'z') /* an outcome named by its column ("employment") starts the sentence */
            buf[0] = (char)(buf[0] - 'a' + 'A');
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

/* The arms for the headline's extra sentences: the row order, when its first intervention is tr->treat (the
 * sentences that follow the first one are then the other interventions); else none. */
static void rpt_arms_for_headline(const rpt_wctx *w, const trial *tr, rpt_arms *a)
{
    rpt_trial_arms(w, a);
    if (a->n < 3 || !tr->treat || !rpt_str_eq(a->level[0], tr->treat) || !rpt_str_eq(a->level[a->n - 1], tr->ctrl))
        a->n = 0;
}

/* The comparison term of the intervention level `treat`: "arm" with two arms, "arm[LEVEL]" with more. */
static const char *cmp_term(const rpt_wctx *w, const char *treat, char *buf, size_t size)
{
    rpt_arms a;
    rpt_trial_arms(w, &a);
    if (a.n <= 2)
        snprintf(buf, size, "arm");
    else
        snprintf(buf, size, "arm[%s]", treat ? treat : "");
    return buf;
}

/* " (95% CI a to b; p = x)" of a row with `digits` decimals at `scale`, or "" when it has no interval. */
static void ci_p_text(const rpt_wctx *w, const core_result_row *x, double scale, int digits, char *buf, size_t size)
{
    char lo[48], hi[48], p[48];
    buf[0] = '\0';
    if (!x || isnan(x->ci_low) || isnan(x->ci_high))
        return;
    int n = rpt_trf(w, buf, size, " (%s CI %s to %s", w->conf, rpt_fmt_num(scale * x->ci_low, digits, lo, sizeof lo),
                     rpt_fmt_num(scale * x->ci_high, digits, hi, sizeof hi));
    if (n > 0 && (size_t)n < size && !isnan(x->p_value)) {
        rpt_fmt_p(x->p_value, p, sizeof p);
        n += snprintf(buf + n, size - (size_t)n, "; p %s%s", p[0] == '<' ? "" : "= ", p);
    }
    if (n > 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, ")");
}

/* The adjusted result of the primary outcome in a sentence: the g-computation risk difference (binary) or the
 * ANCOVA difference (continuous); "" when the run has no adjusted analysis. */
static void adjusted_sentence(const rpt_wctx *w, const trial *tr, const group *g, int binary, int digits, char *buf,
                              size_t size)
{
    char term[300], e[48], cp[200];
    cmp_term(w, tr->treat, term, sizeof term);
    const core_result_row *x = binary ? find(w, "marginal_risk_difference", g->outcome, g->tp, term, "g_computation")
                                      : find(w, "ancova", g->outcome, g->tp, term, "classical");
    buf[0] = '\0';
    if (!x)
        return;
    const char *how = rpt_tr(w, binary ? "Adjusted for baseline covariates (logistic regression, standardised by g-computation)"
                                       : "Adjusted for the baseline value and covariates (ANCOVA)");
    if (isnan(x->estimate)) {
        rpt_trf(w, buf, size, "%s, the difference could not be estimated: %s.", how, x->label ? x->label : "n/a");
        return;
    }
    ci_p_text(w, x, binary ? 100 : 1, digits, cp, sizeof cp);
    rpt_trf(w, buf, size, "%s, the difference was %s%s%s.", how,
             rpt_fmt_num((binary ? 100 : 1) * x->estimate, digits, e, sizeof e), binary ? rpt_tr(w, " percentage points") : "",
             cp);
}

/* The primary outcome of a continuous type at one timepoint, for a reader who will not open a table. */
static void continuous_headline(const rpt_wctx *w, const trial *tr, const group *g, int digits, char *buf,
                                size_t size)
{
    char when[128], term[300], mt[48], mc[48], nt[48], nc[48], e[48], cp[200];
    const core_result_row *t = find(w, "arm_summary", g->outcome, g->tp, tr->treat, "t");
    const core_result_row *c = find(w, "arm_summary", g->outcome, g->tp, tr->ctrl, "t");
    const core_result_row *d = find(w, "mean_difference", g->outcome, g->tp, cmp_term(w, tr->treat, term, sizeof term),
                                    "welch");
    when_text(w, g->tp, when, sizeof when);
    if (when[0] >= 'A' && when[0] <= 'Z')
        when[0] = (char)(when[0] - 'A' + 'a'); /* "At 12 months" -> "at 12 months", "Ved" -> "ved" after the label */
    int k = w->run->small_cell;
    if (!t || !c || isnan(t->estimate) || isnan(c->estimate)) {
        rpt_trf(w, buf, size, "%s%s%s: the means of the two groups are not available.", rpt_outcome_display(w, g->outcome),
                 when[0] ? " " : "", when);
        return;
    }
    ci_p_text(w, d, 1, digits, cp, sizeof cp);
    rpt_trf(w, buf, size, "%s%s%s: mean %s in the %s group (n = %s) and %s in the %s group (n = %s); a difference of %s%s.",
             rpt_outcome_display(w, g->outcome), when[0] ? " " : "", when,
             rpt_fmt_num(t->estimate, digits, mt, sizeof mt), tr->treat, rpt_fmt_count(t->n, k, nt, sizeof nt),
             rpt_fmt_num(c->estimate, digits, mc, sizeof mc), tr->ctrl, rpt_fmt_count(c->n, k, nc, sizeof nc),
             d && !isnan(d->estimate) ? rpt_fmt_num(d->estimate, digits, e, sizeof e) : "n/a", cp);
    if (buf[0] >= 'a' && buf[0] <= 'z') /* a sentence starts with a capital */
        buf[0] = (char)(buf[0] - 'a' + 'A');
}

/* Does the primary effect differ between groups: the interaction tests of the outcome at that timepoint. */
static void subgroup_sentence(const rpt_wctx *w, const group *g, char *buf, size_t size)
{
    size_t n = 0;
    int any = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < w->res->n && n + 1 < size; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (!rpt_str_eq(x->module, "rct") || !rpt_str_eq(x->analysis, "interaction") ||
            !rpt_str_eq(x->outcome, g->outcome) || !rpt_str_eq(x->timepoint, g->tp) || !x->term ||
            strncmp(x->term, "arm:", 4) != 0)
            continue;
        char p[48];
        if (isnan(x->p_value))
            rpt_trf(w, p, sizeof p, "not estimable");
        else {
            char q[40];
            rpt_fmt_p(x->p_value, q, sizeof q);
            snprintf(p, sizeof p, "p %s%s", q[0] == '<' ? "" : "= ", q);
        }
        char sw[300]; /* the subgroup's name for people (rpt_words) */
        int m = snprintf(buf + n, size - n, "%s%s %s", any ? ", " : rpt_tr(w, "Does the effect differ between groups? "
                                                                              "Treatment-by-subgroup interaction tests: "),
                         rpt_words(w, x->term + 4, sw, sizeof sw), p);
        if (m < 0 || (size_t)m >= size - n)
            break;
        n += (size_t)m;
        any = 1;
    }
    if (any && n + 1 < size)
        rpt_trf(w, buf + n, size - n, " (the Subgroups sheet has each group's effect).");
}

/* The binary outcomes' sentences and a small table of the same numbers; nothing without binary outcomes. */
core_status rpt_trial_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *row, core_err *err)
{
    trial tr = {0};
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
    rpt_arms arms; /* interventions then the control: with more than two arms each comparison gets a sentence */
    rpt_arms_for_headline(w, &tr, &arms);
    /* a continuous primary outcome: its latest timepoint leads, before the binary outcomes */
    const group *cp = NULL;
    for (size_t i = 0; primary && i < tr.ng; i++)
        if (rpt_str_eq(g[i].outcome, primary) &&
            !rpt_outcome_is_binary(w, g[i].outcome, find(w, "arm_summary", g[i].outcome, g[i].tp, NULL, NULL)) &&
            find(w, "arm_summary", g[i].outcome, g[i].tp, NULL, "t"))
            cp = &g[i];
    if (cp && tr.treat && tr.ctrl) {
        const core_result_row *sd = find(w, "arm_summary", cp->outcome, cp->tp, tr.ctrl, "sd");
        const core_result_row *m = find(w, "arm_summary", cp->outcome, cp->tp, tr.ctrl, "t");
        double size = fmax(sd && isfinite(sd->estimate) ? sd->estimate : 0,
                           m && isfinite(m->estimate) ? fabs(m->estimate) : 0);
        int dg = rpt_trial_digits(size);
        rpt_put_text(w, ws, r++, 0, "Primary outcome", w->f.subtitle);
        continuous_headline(w, &tr, cp, dg, b, sizeof b);
        rpt_merge_text(w, ws, r++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 90));
        adjusted_sentence(w, &tr, cp, 0, dg, b, sizeof b);
        if (b[0])
            rpt_merge_text(w, ws, r++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 90));
        for (size_t q = 1; q + 1 < arms.n; q++) { /* a multi-arm trial: each other intervention arm */
            trial other = tr;
            other.treat = arms.level[q];
            continuous_headline(w, &other, cp, dg, b, sizeof b);
            rpt_merge_text(w, ws, r++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 90));
            adjusted_sentence(w, &other, cp, 0, dg, b, sizeof b);
            if (b[0])
                rpt_merge_text(w, ws, r++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 90));
        }
        subgroup_sentence(w, cp, b, sizeof b);
        if (b[0])
            rpt_merge_text(w, ws, r++, 0, 5, b, w->f.wrap, rpt_lines_for(b, 100));
        if (nh > 0)
            rpt_put_text(w, ws, r++, 0, "Other outcomes", w->f.subtitle);
        else
            r++;
    }
    if (nh == 0) {
        /* nothing more to say: no binary outcomes */
    } else if (!tr.treat || !tr.ctrl) {
        rpt_put_text(w, ws, r++, 0,
                     "The trial's intervention and control arms are not named; see the Results sheet.", NULL);
    } else {
        for (size_t i = 0; i < nh; i++) {
            int is_primary = primary && rpt_str_eq(g[hl[i]].outcome, primary);
            if (i == 0 && !cp)
                rpt_put_text(w, ws, r++, 0, is_primary ? "Primary outcome" : "Main results", w->f.subtitle);
            else if (i == 1 && primary && rpt_str_eq(g[hl[0]].outcome, primary))
                rpt_put_text(w, ws, r++, 0, "Other outcomes", w->f.subtitle);
            headline(w, &tr, &g[hl[i]], b, sizeof b);
            rpt_merge_text(w, ws, r++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 90));
            if (is_primary) { /* the primary outcome: its adjusted result and the subgroup tests too */
                adjusted_sentence(w, &tr, &g[hl[i]], 1, 1, b, sizeof b);
                if (b[0])
                    rpt_merge_text(w, ws, r++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 90));
                for (size_t q = 1; q + 1 < arms.n; q++) { /* a multi-arm trial: each other intervention arm */
                    trial other = tr;
                    other.treat = arms.level[q];
                    headline(w, &other, &g[hl[i]], b, sizeof b);
                    rpt_merge_text(w, ws, r++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 90));
                    adjusted_sentence(w, &other, &g[hl[i]], 1, 1, b, sizeof b);
                    if (b[0])
                        rpt_merge_text(w, ws, r++, 0, 5, b, w->f.sentence, rpt_lines_for(b, 90));
                }
                subgroup_sentence(w, &g[hl[i]], b, sizeof b);
                if (b[0])
                    rpt_merge_text(w, ws, r++, 0, 5, b, w->f.wrap, rpt_lines_for(b, 100));
            }
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
        rpt_trf(w, h, sizeof h, "Difference, percentage points (%s CI)", w->conf[0] ? w->conf : "");
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
        rpt_trf(w, b, sizeof b,
                 "Differences are %s minus %s, with Newcombe's interval; p from Pearson's chi-square test. "
                 "Details by timepoint, adjusted analyses and the continuous outcomes are on the Outcomes sheet.",
                 tr.treat, tr.ctrl);
        rpt_merge_text(w, ws, r++, 0, 5, b, w->f.note, rpt_lines_for(b, 100));
    }
    free(hl);
    trial_close(&tr);
    *row = r;
    return CORE_OK;
}

/* ---------- the arms as the rows give them (rpt_trial.h) ---------- */

static void arms_add(rpt_arms *a, const char *level)
{
    if (!level || !*level || a->n >= RPT_TRIAL_MAX_ARMS)
        return;
    for (size_t i = 0; i < a->n; i++)
        if (rpt_str_eq(a->level[i], level))
            return;
    a->level[a->n++] = level;
}

void rpt_trial_arms(const rpt_wctx *w, rpt_arms *a)
{
    a->n = 0;
    /* attrition's randomised rows list the interventions, then the control */
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *r = &w->res->rows[i];
        if (rpt_str_eq(r->module, "rct") && rpt_str_eq(r->analysis, "attrition") && rpt_str_eq(r->method, "randomised"))
            arms_add(a, r->term);
    }
    if (a->n == 0)
        for (size_t i = 0; i < w->res->n; i++) {
            const core_result_row *r = &w->res->rows[i];
            if (rpt_str_eq(r->module, "rct") && rpt_str_eq(r->analysis, "arm_summary"))
                arms_add(a, r->term);
        }
    /* the configured control goes last, whatever order the rows had (and is kept when the list is full) */
    const char *ctrl = w->run->trial ? w->run->trial->control : NULL;
    int has_ctrl = 0;
    for (size_t i = 0; ctrl && i < a->n; i++)
        has_ctrl |= rpt_str_eq(a->level[i], ctrl);
    if (ctrl && !has_ctrl && a->n == RPT_TRIAL_MAX_ARMS && rpt_has_rows(w, "rct", NULL))
        for (size_t i = 0; i < w->res->n; i++)
            if (rpt_str_eq(w->res->rows[i].module, "rct") && rpt_str_eq(w->res->rows[i].term, ctrl)) {
                a->level[a->n - 1] = w->res->rows[i].term; /* a pointer into the rows, like the others */
                break;
            }
    for (size_t i = 0; ctrl && i + 1 < a->n; i++)
        if (rpt_str_eq(a->level[i], ctrl)) {
            const char *c = a->level[i];
            memmove(&a->level[i], &a->level[i + 1], (a->n - i - 1) * sizeof a->level[0]);
            a->level[a->n - 1] = c;
            break;
        }
}

size_t rpt_trial_n_comparisons(const rpt_arms *a)
{
    return a->n > 1 ? a->n - 1 : 0;
}

const char *rpt_trial_control(const rpt_arms *a)
{
    return a->n > 0 ? a->level[a->n - 1] : NULL;
}

const char *rpt_trial_term(const rpt_arms *a, size_t i, char *buf, size_t size)
{
    if (a->n <= 2)
        snprintf(buf, size, "arm");
    else
        snprintf(buf, size, "arm[%s]", i < a->n ? a->level[i] : "");
    return buf;
}

int rpt_trial_digits(double x)
{
    double ax = fabs(x);
    if (!isfinite(ax))
        return 2;
    return ax >= 1000 ? 0 : ax >= 10 ? 1 : 2;
}

double rpt_trial_randomised(const rpt_wctx *w, const char *level)
{
    const core_result_row *r = rpt_find_row(w, "rct", "attrition", NULL, NULL, level, "randomised");
    return r ? r->estimate : NAN;
}

const char *rpt_trial_term_words(const rpt_wctx *w, const char *term, char *buf, size_t size)
{
    rpt_arms a;
    rpt_trial_arms(w, &a);
    const char *ctrl = rpt_trial_control(&a);
    if (term && ctrl && a.n >= 2) {
        if (strcmp(term, "arm") == 0) {
            rpt_trf(w, buf, size, "%s vs %s", a.level[0], ctrl);
            return buf;
        }
        size_t n = strlen(term);
        if (strncmp(term, "arm[", 4) == 0 && n > 5 && term[n - 1] == ']') {
            char lv[300];
            snprintf(lv, sizeof lv, "%.*s", (int)(n - 5), term + 4);
            rpt_trf(w, buf, size, "%s vs %s", lv, ctrl);
            return buf;
        }
    }
    return rpt_label_text(w, term, buf, size);
}

const char *rpt_trial_level_words(const rpt_wctx *w, const char *var, const char *level, char *buf, size_t size)
{
    size_t lv = var ? strlen(var) : 0, ll = level ? strlen(level) : 0;
    for (size_t k = 0; var && level && w->run && k < w->run->n_variables; k++) {
        const rpt_outcome_label *v = &w->run->variables[k];
        const char *n = v->name;
        if (n && v->label && *v->label && strncmp(n, var, lv) == 0 && n[lv] == '[' &&
            strncmp(n + lv + 1, level, ll) == 0 && n[lv + 1 + ll] == ']' && n[lv + 2 + ll] == '\0') {
            snprintf(buf, size, "%s", v->label);
            return buf;
        }
    }
    snprintf(buf, size, "%s", level ? level : "");
    return buf;
}

core_status rpt_trial_no_arms(rpt_wctx *w, const char *title, core_err *err)
{
    lxw_worksheet *ws;
    core_status st = rpt_add_sheet(w, w->sheet->name, &ws, err);
    if (st != CORE_OK)
        return st;
    rpt_put_text(w, ws, 0, 0, title, w->f.title);
    rpt_put_text(w, ws, 1, 0,
                 "The results name fewer than two arms, so there is no comparison to lay out; the Results sheet has "
                 "every row.",
                 NULL);
    rpt_set_cols(w, ws, 0, 0, 30, NULL);
    return CORE_OK;
}
