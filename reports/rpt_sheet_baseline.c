/* The trial's "Baseline" sheet: CONSORT table 1 (Moher et al. 2010, BMJ 340:c869, item 15) from the rct
 * `baseline_table` rows: per arm, mean (SD) and median (quartiles) of numeric characteristics, n (%) of each
 * level of categorical ones, missing counts, and the standardised differences when the run has them
 * (Austin 2009, Stat Med 28:3083). No p-values, as CONSORT advises. */
#include "reports/rpt_trial.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of the variable part of a baseline row's outcome: "sex[female]" -> 3, "age" -> 3. */
static size_t base_len(const char *o)
{
    size_t n = strlen(o);
    const char *b = strchr(o, '[');
    if (b && n > 0 && o[n - 1] == ']' && b > o)
        return (size_t)(b - o);
    return n;
}

static int is_level_of(const char *o, const char *var, size_t vlen)
{
    return o && strncmp(o, var, vlen) == 0 && o[vlen] == '[' && base_len(o) == vlen;
}

static const core_result_row *brow(const rpt_wctx *w, const char *outcome, const char *term, const char *method)
{
    return rpt_find_row(w, "rct", "baseline_table", outcome, NULL, term, method);
}

/* The formats of the Baseline's second column per arm: a number in parentheses, "(26.0%)", "(9.0)" (SD with 0, 1 or 2
 * decimals): the classic "n (%)" and "mean (SD)" of a table 1 as two number cells. */
typedef struct base_fmt {
    lxw_format *pct, *sd[3], *num[3];
} base_fmt;

static int make_formats(rpt_wctx *w, base_fmt *bf)
{
    static const char *const sd[3] = {"(0);(\"\xe2\x88\x92\"0)", "(0.0);(\"\xe2\x88\x92\"0.0)",
                                      "(0.00);(\"\xe2\x88\x92\"0.00)"};
    if (!(bf->pct = workbook_add_format(w->book)))
        return 0;
    format_set_num_format(bf->pct, "(0.0%)");
    format_set_align(bf->pct, LXW_ALIGN_VERTICAL_TOP);
    for (int d = 0; d < 3; d++) {
        if (!(bf->sd[d] = workbook_add_format(w->book)))
            return 0;
        format_set_num_format(bf->sd[d], sd[d]);
        format_set_align(bf->sd[d], LXW_ALIGN_VERTICAL_TOP);
    }
    bf->num[0] = w->f.integer;
    bf->num[1] = w->f.num1;
    bf->num[2] = w->f.num2;
    return 1;
}

/* An n_percent row as two cells from column c: the count (a number, "<k" under disclosure control) and the share
 * (a percentage, an em dash when it would reveal a small count). */
static void share_cells(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t rr, lxw_col_t c, const core_result_row *r,
                        const base_fmt *bf)
{
    char t[48];
    double k = NAN; /* the count: the row's counts (never its label), else the share times n */
    if (r->counts.kind == CORE_COUNT_SHARE)
        k = r->counts.x1;
    else if (isfinite(r->estimate) && isfinite(r->n))
        k = floor(r->estimate * r->n + 0.5);
    if (isnan(r->estimate) || isnan(k)) {
        rpt_put_text(w, ws, rr, c, r->label && *r->label ? r->label : "n/a", w->f.right);
        return;
    }
    int small = w->run->small_cell;
    if (small > 0 && k < small)
        rpt_put_text(w, ws, rr, c, rpt_fmt_count(k, small, t, sizeof t), w->f.right);
    else
        rpt_put_num(w, ws, rr, c, k, w->f.integer);
    if (rpt_pct_hidden(r, small))
        rpt_put_text(w, ws, rr, (lxw_col_t)(c + 1), RPT_EM_DASH, w->f.right);
    else
        rpt_put_num(w, ws, rr, (lxw_col_t)(c + 1), r->estimate, bf->pct);
}

/* The standardised differences of a row (outcome o), one per comparison from column c0. */
static void smd_cells(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c0, const rpt_arms *a,
                      const char *o)
{
    char term[300];
    for (size_t i = 0; i + 1 < a->n; i++) {
        const core_result_row *x = brow(w, o, rpt_trial_term(a, i, term, sizeof term), "standardised_difference");
        if (!x)
            continue;
        if (isnan(x->estimate))
            rpt_put_text(w, ws, r, (lxw_col_t)(c0 + i), x->label ? x->label : "n/a", w->f.wrap);
        else
            rpt_put_num(w, ws, r, (lxw_col_t)(c0 + i), x->estimate, w->f.num2);
    }
}

core_status rpt_sheet_baseline(rpt_wctx *w, core_err *err)
{
    rpt_arms a;
    rpt_trial_arms(w, &a);
    if (a.n < 2) /* no comparison to lay out: a sheet that says so (the Summary lists it) */
        return rpt_trial_no_arms(w, "Baseline characteristics by arm (CONSORT table 1)", err);
    const core_result_row **vars = malloc((w->res->n ? w->res->n : 1) * sizeof *vars);
    if (!vars)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory writing the Baseline sheet");
    /* the variables in order of first appearance (a row's outcome, up to its level) */
    size_t nv = 0;
    int any_smd = 0;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *r = &w->res->rows[i];
        if (!rpt_str_eq(r->module, "rct") || !rpt_str_eq(r->analysis, "baseline_table") || !r->outcome)
            continue;
        any_smd |= rpt_str_eq(r->method, "standardised_difference");
        size_t len = base_len(r->outcome), j = 0;
        while (j < nv && !(base_len(vars[j]->outcome) == len && strncmp(vars[j]->outcome, r->outcome, len) == 0))
            j++;
        if (j == nv)
            vars[nv++] = r;
    }
    lxw_worksheet *ws;
    core_status st = rpt_add_sheet(w, w->sheet->name, &ws, err);
    if (st != CORE_OK) {
        free(vars);
        return st;
    }
    int k = w->run->small_cell;
    base_fmt bf;
    if (!make_formats(w, &bf)) {
        free(vars);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory writing the Baseline sheet");
    }
    char b[2048], t[512];
    lxw_row_t r = 0;
    rpt_put_text(w, ws, r++, 0, "Baseline characteristics by arm (CONSORT table 1)", w->f.title);
    rpt_put_text(w, ws, r++, 0,
                 "Participants as randomised (intention to treat). Numeric characteristics: mean (SD) and median "
                 "(quartiles); categorical ones: n (%) of those with a value.",
                 w->f.meta);
    r++;
    /* two columns per arm: n and (%), mean and (SD), median and quartiles */
    lxw_col_t c_smd = (lxw_col_t)(1 + 2 * a.n);
    rpt_put_text(w, ws, r, 0, "Characteristic", w->f.header);
    for (size_t i = 0; i < a.n; i++) {
        char nn[48];
        double n = rpt_trial_randomised(w, a.level[i]);
        if (isnan(n))
            snprintf(t, sizeof t, "%s", a.level[i]);
        else
            snprintf(t, sizeof t, "%s (n = %s)", a.level[i], rpt_fmt_count(n, k, nn, sizeof nn));
        rpt_merge_text(w, ws, r, (lxw_col_t)(1 + 2 * i), (lxw_col_t)(2 + 2 * i), t, w->f.header, 1);
    }
    for (size_t i = 0; any_smd && i + 1 < a.n; i++) {
        rpt_trf(w, t, sizeof t, "Standardised difference, %s vs %s", a.level[i], rpt_trial_control(&a));
        rpt_put_text(w, ws, r, (lxw_col_t)(c_smd + i), t, w->f.header);
    }
    lxw_row_t header = r++;

    for (size_t v = 0; v < nv; v++) {
        size_t vlen = base_len(vars[v]->outcome);
        char var[300];
        snprintf(var, sizeof var, "%.*s", (int)(vlen < 299 ? vlen : 299), vars[v]->outcome);
        char vw[400]; /* its name for people (rpt_words: [trial] labels, the file's variable label) */
        rpt_words(w, var, vw, sizeof vw);
        const core_result_row *mean0 = brow(w, var, NULL, "mean");
        const core_result_row *share0 = brow(w, var, NULL, "n_percent");
        if (mean0) {
            /* numeric: mean (SD), then median (quartiles); digits from the size of the values */
            double size = 0;
            for (size_t i = 0; i < a.n; i++) {
                const core_result_row *m = brow(w, var, a.level[i], "mean");
                if (m && isfinite(m->estimate))
                    size = fmax(size, fabs(m->estimate));
            }
            int dg = rpt_trial_digits(size);
            rpt_trf(w, t, sizeof t, "%s, mean (SD)", vw);
            rpt_put_text(w, ws, r, 0, t, w->f.wrap);
            for (size_t i = 0; i < a.n; i++) {
                const core_result_row *m = brow(w, var, a.level[i], "mean");
                const core_result_row *s = brow(w, var, a.level[i], "sd");
                if (!m)
                    continue;
                if (isnan(m->estimate)) {
                    rpt_merge_text(w, ws, r, (lxw_col_t)(1 + 2 * i), (lxw_col_t)(2 + 2 * i), m->label ? m->label : "n/a",
                                   w->f.wrap, 1);
                    continue;
                }
                rpt_put_num(w, ws, r, (lxw_col_t)(1 + 2 * i), m->estimate, bf.num[dg]);
                if (s && isfinite(s->estimate))
                    rpt_put_num(w, ws, r, (lxw_col_t)(2 + 2 * i), s->estimate, bf.sd[dg]);
                else
                    rpt_put_text(w, ws, r, (lxw_col_t)(2 + 2 * i), "(SD n/a)", w->f.right);
            }
            if (any_smd)
                smd_cells(w, ws, r, c_smd, &a, var);
            r++;
            rpt_put_text(w, ws, r, 0, "    median (quartiles)", w->f.wrap);
            for (size_t i = 0; i < a.n; i++) {
                const core_result_row *m = brow(w, var, a.level[i], "median");
                if (m && isfinite(m->estimate)) { /* the median, and the quartiles as an interval of two numbers */
                    rpt_put_num(w, ws, r, (lxw_col_t)(1 + 2 * i), m->estimate, bf.num[dg]);
                    rpt_ci_cell(w, ws, r, (lxw_col_t)(2 + 2 * i), NAN, m->ci_low, m->ci_high, dg, 0, w->f.right);
                }
            }
            r++;
        } else if (share0) {
            /* a 0/1 variable: n (%) of the 1s */
            rpt_trf(w, t, sizeof t, "%s, n (%%)", vw);
            rpt_put_text(w, ws, r, 0, t, w->f.wrap);
            for (size_t i = 0; i < a.n; i++) {
                const core_result_row *x = brow(w, var, a.level[i], "n_percent");
                if (x)
                    share_cells(w, ws, r, (lxw_col_t)(1 + 2 * i), x, &bf);
            }
            if (any_smd)
                smd_cells(w, ws, r, c_smd, &a, var);
            r++;
        } else {
            /* categorical: a heading row, then each level */
            rpt_trf(w, t, sizeof t, "%s, n (%%)", vw);
            rpt_put_text(w, ws, r++, 0, t, w->f.key);
            for (size_t i = 0; i < w->res->n; i++) {
                const core_result_row *x = &w->res->rows[i];
                if (!rpt_str_eq(x->module, "rct") || !rpt_str_eq(x->analysis, "baseline_table") ||
                    !rpt_str_eq(x->method, "n_percent") || !is_level_of(x->outcome, var, vlen) ||
                    !rpt_str_eq(x->term, a.level[0]))
                    continue; /* one table row per level: at the level's first arm row */
                size_t ol = strlen(x->outcome);
                char lvl[300], lw[400];
                snprintf(lvl, sizeof lvl, "%.*s", (int)(ol - vlen - 2), x->outcome + vlen + 1);
                snprintf(t, sizeof t, "    %s", rpt_trial_level_words(w, var, lvl, lw, sizeof lw));
                rpt_put_text(w, ws, r, 0, t, w->f.wrap);
                for (size_t q = 0; q < a.n; q++) {
                    const core_result_row *y = brow(w, x->outcome, a.level[q], "n_percent");
                    if (y)
                        share_cells(w, ws, r, (lxw_col_t)(1 + 2 * q), y, &bf);
                }
                if (any_smd)
                    smd_cells(w, ws, r, c_smd, &a, x->outcome);
                r++;
            }
        }
        /* missing: a row only when a value is missing in some arm */
        int any_missing = 0;
        for (size_t i = 0; i < a.n; i++) {
            const core_result_row *m = brow(w, var, a.level[i], "missing");
            any_missing |= m && isfinite(m->estimate) && m->estimate > 0;
        }
        if (any_missing) {
            rpt_put_text(w, ws, r, 0, "    missing, n", w->f.wrap);
            for (size_t i = 0; i < a.n; i++) {
                const core_result_row *m = brow(w, var, a.level[i], "missing");
                if (m && isfinite(m->estimate)) {
                    char c[48];
                    if (k > 0 && m->estimate < k)
                        rpt_put_text(w, ws, r, (lxw_col_t)(1 + 2 * i), rpt_fmt_count(m->estimate, k, c, sizeof c),
                                     w->f.right);
                    else
                        rpt_put_num(w, ws, r, (lxw_col_t)(1 + 2 * i), m->estimate, w->f.integer);
                }
            }
            r++;
        }
    }
    r++;
    rpt_trf(w, b, sizeof b,
             "n (%%): number and share of those with a value. Median (quartiles): the 25th and 75th percentiles, R's "
             "default (type 7). A characteristic without a \"missing\" row has a value for everyone. No p-values: "
             "in a randomised trial baseline differences are due to chance by construction, so testing them is "
             "not meaningful (CONSORT 2010, item 15).%s",
             any_smd ? rpt_tr(w, " Standardised difference: difference in means (or proportions) over the root mean of the "
                       "two arms' variances (Austin 2009); an absolute value above 0.1 is often read as a notable "
                       "imbalance.")
                     : "");
    if (k > 0) {
        size_t len = strlen(b);
        rpt_trf(w, b + len, sizeof b - len,
                 " Counts below %d are shown as \"<%d\" and the percentages that would reveal them as \"" RPT_EM_DASH
                 "\".",
                 k, k);
    }
    lxw_col_t last = (lxw_col_t)(any_smd ? c_smd + a.n - 2 : 2 * a.n);
    if (last < 4)
        last = 4;
    rpt_merge_text(w, ws, r, 0, last, b, w->f.note, rpt_lines_for(b, 100));
    rpt_set_cols(w, ws, 0, 0, 42, NULL);
    for (size_t i = 0; i < a.n; i++) {
        rpt_set_cols(w, ws, (lxw_col_t)(1 + 2 * i), (lxw_col_t)(1 + 2 * i), 9, NULL);
        rpt_set_cols(w, ws, (lxw_col_t)(2 + 2 * i), (lxw_col_t)(2 + 2 * i), 14, NULL);
    }
    if (any_smd)
        rpt_set_cols(w, ws, c_smd, (lxw_col_t)(c_smd + a.n - 2), 18, NULL);
    worksheet_freeze_panes(ws, header + 1, 1);
    free(vars);
    return CORE_OK;
}
