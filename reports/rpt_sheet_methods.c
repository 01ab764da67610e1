/* The Methods sheet: each method used, described from rpt_method_lookup (one row per description, the
 * (module, analysis, method) triples of the Results sheet it covers listed beside it), with the distribution and
 * degrees of freedom its p-values use (read from the result rows themselves); then the reporting checklists: CONSORT 2025
 * for a trial (topics this workbook covers, with where the statistical code is) and CHEERS 2022 for a
 * cost-benefit analysis (rpt_cba_cheers) and a cost-effectiveness analysis of trial data (rpt_cea_cheers). */
#include "reports/rpt_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_version.h>

/* The reference distribution of one row's p-value, from what the row says of itself (its label names F tests and
 * permutation p-values), its method and its analysis; *uses_df: the df column is that distribution's df. */
static const char *row_basis(const core_result_row *y, int *uses_df)
{
    const char *lab = y->label ? y->label : "", *m = y->method ? y->method : "", *a = y->analysis ? y->analysis : "",
               *term = y->term ? y->term : "";
    *uses_df = 0;
    if (strstr(lab, "F(")) {
        *uses_df = 1;
        return "F (numerator df; the denominator df is in the row's label)";
    }
    if (strstr(lab, "permutation") || strstr(lab, "placebo") || strstr(m, "randomization") || strstr(m, "placebo") ||
        rpt_str_eq(a, "randomization_inference") || rpt_str_eq(a, "synthetic_control"))
        return "permutation distribution (no df)";
    if (strstr(m, "wild"))
        return "wild cluster bootstrap distribution (no df)";
    if (strstr(m, "fisher") || rpt_str_eq(a, "fisher_exact"))
        return "exact conditional distribution (no df)";
    if (rpt_str_eq(a, "wilcoxon"))
        return "rank statistic, normal approximation (no df)";
    if (strstr(lab, "chi-square") || strstr(term, "likelihood_ratio") || strstr(m, "_lr") || strstr(m, "chisq") ||
        rpt_str_eq(a, "chisq_test") || rpt_str_eq(a, "logrank") || rpt_str_eq(a, "heterogeneity") ||
        rpt_str_eq(a, "pretrend_test")) {
        *uses_df = isfinite(y->df);
        return "chi-square";
    }
    if (isfinite(y->df)) {
        *uses_df = 1;
        return "t";
    }
    return "standard normal (z; no df)";
}

/* "t with 10 df", "chi-square with 1 df; standard normal (z; no df)", ... over the rows of (module, analysis, method)
 * that have a p-value: each distinct distribution once, with the range of its df. */
static void p_basis(const rpt_wctx *w, const core_result_row *x, char *buf, size_t size)
{
    enum { MAXB = 6 };
    const char *name[MAXB];
    double lo[MAXB], hi[MAXB];
    int with_df[MAXB];
    size_t nb = 0;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *y = &w->res->rows[i];
        if (!rpt_str_eq(x->module, y->module) || !rpt_str_eq(x->analysis, y->analysis) ||
            !rpt_str_eq(x->method, y->method) || isnan(y->p_value))
            continue;
        int uses;
        const char *b = row_basis(y, &uses);
        size_t k = 0;
        while (k < nb && !(name[k] == b && with_df[k] == uses))
            k++;
        if (k == nb) {
            if (nb == MAXB)
                continue;
            name[nb] = b;
            with_df[nb] = uses;
            lo[nb] = INFINITY;
            hi[nb] = -INFINITY;
            nb++;
        }
        if (uses) {
            lo[k] = fmin(lo[k], y->df);
            hi[k] = fmax(hi[k], y->df);
        }
    }
    buf[0] = '\0';
    if (nb == 0) {
        rpt_trf(w, buf, size, "no p-value");
        return;
    }
    for (size_t k = 0; k < nb; k++) {
        size_t used = strlen(buf);
        const char *sep = k ? "; " : "";
        if (!with_df[k])
            snprintf(buf + used, size - used, "%s%s", sep, rpt_tr(w, name[k]));
        else if (lo[k] == hi[k])
            rpt_trf(w, buf + used, size - used, "%s%s with %.6g df", sep, rpt_tr(w, name[k]), lo[k]);
        else
            rpt_trf(w, buf + used, size - used, "%s%s, %.4g to %.4g df (each row's df column)", sep, rpt_tr(w, name[k]), lo[k],
                     hi[k]);
    }
}

/* CONSORT 2025 (Hopewell S et al. BMJ 2025;389:e081123): the topics a trial run of this workbook covers. */
static void consort(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, const char *software)
{
    char code[600];
    rpt_trf(w, code, sizeof code,
             "Statistical code: %s, open source; the exact configuration, input checksums, seed and command line "
             "are on the Provenance sheet, so the analysis can be rerun from them. Participant-level data are not "
             "in this workbook.",
             software);
    struct {
        const char *topic, *where;
    } items[] = {
        {"Data sharing (item 4): where the statistical code can be accessed", code},
        {"Trial design: allocation ratio", "Attrition / Baseline: randomised by arm."},
        {"Statistical methods: methods used to compare groups for primary and secondary outcomes",
         "This sheet: one row per method with its p-value distribution and df; Outcomes sheet."},
        {"Statistical methods: who is included in each analysis",
         "Intention to treat: analysed in the arm randomised; n per arm and analysis in Results (n column)."},
        {"Statistical methods: how missing data were handled",
         "Complete cases per timepoint; missingness by arm tested on the Attrition sheet."},
        {"Statistical methods: additional analyses (subgroups, adjusted, longitudinal)",
         "Subgroups (interaction tests), adjusted models (Outcomes), Longitudinal and Time to job sheets."},
        {"Participant flow: randomised, analysed, losses by arm", "Attrition sheet (CONSORT flow)."},
        {"Baseline data: a table of baseline characteristics by arm", "Baseline sheet."},
        {"Numbers analysed: the denominator of each analysis by arm", "Outcomes sheet (n by arm); Results (n)."},
        {"Outcomes and estimation: each group's result, the effect with its precision; binary outcomes both "
         "absolute and relative",
         "Outcomes sheet: shares by arm, risk difference (absolute), risk and odds ratios (relative), with CIs."},
        {"Ancillary analyses: pre-specified vs exploratory", "Subgroups sheet; multiplicity adjustment in p_adjusted."},
    };
    (*r)++;
    rpt_put_text(w, ws, (*r)++, 0, "Randomised trial: CONSORT 2025 topics this workbook reports", w->f.subtitle);
    rpt_put_text(w, ws, *r, 1, "CONSORT 2025 topic", w->f.header);
    rpt_merge_text(w, ws, *r, 1, 3, "CONSORT 2025 topic", w->f.header, 1);
    rpt_put_text(w, ws, *r, 4, "Where in this workbook", w->f.header);
    (*r)++;
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++, (*r)++) {
        rpt_merge_text(w, ws, *r, 1, 3, items[i].topic, w->f.wrap, rpt_lines_for(items[i].topic, 60));
        rpt_put_text(w, ws, *r, 4, items[i].where, w->f.wrap);
        int lines = rpt_lines_for(items[i].where, 50);
        if (lines > 1)
            rpt_err_at(w, worksheet_set_row(ws, *r, 15.0 * lines, NULL), ws, *r, 4);
    }
}

core_status rpt_sheet_methods(rpt_wctx *w, core_err *err)
{
    lxw_worksheet *ws;
    core_status st0 = rpt_add_sheet(w, "Methods", &ws, err);
    if (st0 != CORE_OK)
        return st0;
    char b[512];
    lxw_row_t r = 0;
    rpt_put_text(w, ws, r++, 0, "Methods", w->f.title);
    char software[160];
    rpt_trf(w, software, sizeof software, "ipseval %s, GSL %s", w->run->version ? w->run->version : "", gsl_version);
    rpt_trf(w, b, sizeof b,
            "Every method used in this run: what it does, a reference, and the distribution and degrees of freedom "
            "of its p-values. Intervals are %s confidence intervals; p-values are two-sided. Computed by %s. "
            "\"Results rows\" names the module, analysis and method columns of the Results sheet it gives.",
            w->conf[0] ? w->conf : "", software);
    rpt_merge_text(w, ws, r, 0, 4, b, w->f.wrap, 2);
    r += 2;
    const char *head[] = {"Method", "What it is", "Reference", "p-values: distribution and degrees of freedom",
                          "Results rows (module: analysis / method)"};
    for (lxw_col_t c = 0; c < 5; c++)
        rpt_put_text(w, ws, r, c, head[c], w->f.header);
    lxw_row_t header = r++;

    /* One row per method description, in order of first use: the (module, analysis, method) triples it describes
     * listed in the last column, their p-value bases joined. */
    size_t n = w->res->n;
    char *done = calloc(n ? n : 1, 1);
    /* each row's description, looked up once (the pairing below compares them for every later row) */
    const rpt_method_info **look = malloc((n ? n : 1) * sizeof *look);
    if (!done || !look) {
        free(done);
        free(look);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory writing the Methods sheet");
    }
    for (size_t i = 0; i < n; i++)
        look[i] = rpt_method_lookup(w->res->rows[i].analysis, w->res->rows[i].method);
    for (size_t i = 0; i < n; i++) {
        const core_result_row *x = &w->res->rows[i];
        if (done[i])
            continue;
        const rpt_method_info *m = look[i];
        char used[1200] = "", basis[600] = "";
        for (size_t j = i; j < n; j++) {
            const core_result_row *y = &w->res->rows[j];
            if (done[j])
                continue;
            const rpt_method_info *my = look[j];
            int same = m ? my == m
                         : (!my && rpt_str_eq(x->analysis, y->analysis) && rpt_str_eq(x->method, y->method));
            if (!same)
                continue;
            int first = 1; /* the first row of its (module, analysis, method): listed, its p basis added */
            for (size_t q = i; q < j && first; q++)
                first = !(rpt_str_eq(w->res->rows[q].module, y->module) &&
                          rpt_str_eq(w->res->rows[q].analysis, y->analysis) &&
                          rpt_str_eq(w->res->rows[q].method, y->method));
            done[j] = 1;
            if (!first)
                continue;
            size_t u = strlen(used);
            if (u + 4 < sizeof used)
                snprintf(used + u, sizeof used - u, "%s%s: %s%s%s", u ? "; " : "", y->module ? y->module : "",
                         y->analysis ? y->analysis : "", y->method && *y->method ? " / " : "",
                         y->method ? y->method : "");
            char pb[256];
            p_basis(w, y, pb, sizeof pb);
            if (!strstr(basis, pb)) {
                size_t v = strlen(basis);
                if (v + strlen(pb) + 3 < sizeof basis)
                    snprintf(basis + v, sizeof basis - v, "%s%s", v ? "; " : "", pb);
            }
        }
        /* "no p-value" beside a distribution says nothing */
        char nop[64], cut[72];
        rpt_trf(w, nop, sizeof nop, "no p-value");
        snprintf(cut, sizeof cut, "%s; ", nop);
        char *np = strstr(basis, cut);
        size_t lc = strlen(cut), bl;
        if (np)
            memmove(np, np + lc, strlen(np + lc) + 1);
        snprintf(cut, sizeof cut, "; %s", nop);
        lc = strlen(cut);
        bl = strlen(basis);
        if (bl > lc && strcmp(basis + bl - lc, cut) == 0)
            basis[bl - lc] = '\0';
        if (m) {
            rpt_put_text(w, ws, r, 0, m->name, w->f.wrap);
            rpt_put_text(w, ws, r, 1, m->description, w->f.wrap);
            w->verbatim = 1; /* a citation keeps its title */
            rpt_put_text(w, ws, r, 2, m->reference, w->f.wrap);
            w->verbatim = 0;
        } else {
            snprintf(b, sizeof b, "%s%s%s%s", x->analysis ? x->analysis : "", x->method ? " (" : "",
                     x->method ? x->method : "", x->method ? ")" : "");
            rpt_put_text(w, ws, r, 0, b, w->f.wrap);
            rpt_put_text(w, ws, r, 1, "No description in this version of the report.", w->f.wrap);
        }
        rpt_put_text(w, ws, r, 3, basis, w->f.wrap);
        w->verbatim = 1; /* result vocabulary, as in the results file */
        rpt_put_text(w, ws, r, 4, used, w->f.wrap);
        w->verbatim = 0;
        r++;
    }
    free(done);
    free(look);
    if (rpt_has_rows(w, "rct", NULL))
        consort(w, ws, &r, software);
    if (rpt_has_rows(w, "cba", NULL)) { /* the CHEERS 2022 items a cost-benefit run covers (rpt_sheet_cba.c) */
        core_status st = rpt_cba_cheers(w, ws, &r, err);
        if (st != CORE_OK)
            return st;
    }
    if (rpt_has_rows(w, "cea", NULL)) { /* the CHEERS 2022 items of a cost-effectiveness run (rpt_sheet_cea.c) */
        core_status st = rpt_cea_cheers(w, ws, &r, err);
        if (st != CORE_OK)
            return st;
    }
    rpt_set_cols(w, ws, 0, 0, 24, NULL); /* one landscape page wide */
    rpt_set_cols(w, ws, 1, 1, 58, NULL);
    rpt_set_cols(w, ws, 2, 2, 42, NULL);
    rpt_set_cols(w, ws, 3, 3, 20, NULL);
    rpt_set_cols(w, ws, 4, 4, 24, NULL);
    worksheet_freeze_panes(ws, header + 1, 0);
    return CORE_OK;
}
