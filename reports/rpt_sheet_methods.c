/* The Methods sheet: each (module, analysis, method) used, described from rpt_method_lookup, with the
 * distribution and degrees of freedom its p-values use (read from the result rows themselves), where its
 * formulas are written down, and the software that computed it; then the reporting checklists: CONSORT 2025
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
            snprintf(buf + used, size - used, "%s%s", sep, name[k]);
        else if (lo[k] == hi[k])
            rpt_trf(w, buf + used, size - used, "%s%s with %.6g df", sep, name[k], lo[k]);
        else
            rpt_trf(w, buf + used, size - used, "%s%s, %.4g to %.4g df (each row's df column)", sep, name[k], lo[k],
                     hi[k]);
    }
}

/* Where the formulas of a module's methods are written down (docs/ of the source distribution). */
static const char *formula_doc(const core_result_row *x)
{
    static const char *const longitudinal[] = {"gee_logistic", "gee_linear", "glmm_logistic", "lmm", "km_median",
                                               "km_survival", "km_curve", "logrank", "cox", "cox_adjusted",
                                               "hazard_ratio"};
    if (rpt_str_eq(x->module, "rct")) {
        for (size_t i = 0; i < sizeof longitudinal / sizeof longitudinal[0]; i++)
            if (rpt_str_eq(x->analysis, longitudinal[i]))
                return "ipseval methods guide, section: The trial over time";
        return "ipseval methods guide, section: The trial at each timepoint";
    }
    if (rpt_str_eq(x->module, "fidelity"))
        return "ipseval methods guide, section: Fidelity reviews";
    if (rpt_str_eq(x->module, "cba"))
        return "ipseval methods guide, section: Cost-benefit analysis";
    if (rpt_str_eq(x->module, "did"))
        return "ipseval methods guide, section: Real-world effect from registries";
    if (rpt_str_eq(x->module, "meta") || rpt_str_eq(x->module, "compare"))
        return "ipseval methods guide, section: Meta-analysis and the trial-versus-real-world comparison";
    return "ipseval methods guide";
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
    rpt_trf(w, b, sizeof b,
             "Every method used in this run, with a reference, the distribution and degrees of freedom of its "
             "p-values, where its formulas are written down and the software that computed it. Intervals are %s "
             "confidence intervals; p-values are two-sided.",
             w->conf[0] ? w->conf : "");
    rpt_put_text(w, ws, r++, 0, b, w->f.meta);
    r++;
    char software[160];
    rpt_trf(w, software, sizeof software, "ipseval %s, GSL %s", w->run->version ? w->run->version : "", gsl_version);
    const char *head[] = {"Module", "Analysis", "Method", "Name", "What it is", "Reference",
                          "p-values: distribution and degrees of freedom", "Formulas", "Software"};
    for (lxw_col_t c = 0; c < 9; c++)
        rpt_put_text(w, ws, r, c, head[c], w->f.header);
    lxw_row_t header = r++;

    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        int seen = 0; /* one row per distinct (module, analysis, method), in order of first use */
        for (size_t j = 0; j < i && !seen; j++) {
            const core_result_row *y = &w->res->rows[j];
            seen = rpt_str_eq(x->module, y->module) && rpt_str_eq(x->analysis, y->analysis) &&
                   rpt_str_eq(x->method, y->method);
        }
        if (seen)
            continue;
        const rpt_method_info *m = rpt_method_lookup(x->analysis, x->method);
        rpt_put_text(w, ws, r, 0, x->module, w->f.wrap);
        rpt_put_text(w, ws, r, 1, x->analysis, w->f.wrap);
        rpt_put_text(w, ws, r, 2, x->method, w->f.wrap);
        if (m) {
            rpt_put_text(w, ws, r, 3, m->name, w->f.wrap);
            rpt_put_text(w, ws, r, 4, m->description, w->f.wrap);
            rpt_put_text(w, ws, r, 5, m->reference, w->f.wrap);
        } else {
            snprintf(b, sizeof b, "%s%s%s%s", x->analysis ? x->analysis : "", x->method ? " (" : "",
                     x->method ? x->method : "", x->method ? ")" : "");
            rpt_put_text(w, ws, r, 3, b, w->f.wrap);
            rpt_put_text(w, ws, r, 4, "No description in this version of the report.", w->f.wrap);
            rpt_put_text(w, ws, r, 5, "see the ipseval methods guide", w->f.wrap);
        }
        char basis[256];
        p_basis(w, x, basis, sizeof basis);
        rpt_put_text(w, ws, r, 6, basis, w->f.wrap);
        rpt_put_text(w, ws, r, 7, formula_doc(x), w->f.wrap);
        rpt_put_text(w, ws, r, 8, software, w->f.wrap);
        /* Spreadsheets keep the stored row height of an .xlsx, so wrapped cells would overlap: size the row
         * for its longest wrapped cell (characters per line of each column's width). */
        int lines = 1, l;
        const char *cells[] = {m ? m->name : NULL, m ? m->description : NULL, m ? m->reference : NULL, basis};
        const int per_line[] = {32, 52, 56, 28};
        for (size_t k = 0; k < 4; k++)
            if (cells[k] && (l = rpt_lines_for(cells[k], per_line[k])) > lines)
                lines = l;
        if (lines > 1)
            rpt_err_at(w, worksheet_set_row(ws, r, 15.0 * lines, NULL), ws, r, 0);
        r++;
    }
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
    rpt_set_cols(w, ws, 0, 0, 9, NULL);
    rpt_set_cols(w, ws, 1, 1, 20, NULL);
    rpt_set_cols(w, ws, 2, 2, 13, NULL);
    rpt_set_cols(w, ws, 3, 3, 34, NULL);
    rpt_set_cols(w, ws, 4, 4, 55, NULL);
    rpt_set_cols(w, ws, 5, 5, 60, NULL);
    rpt_set_cols(w, ws, 6, 6, 30, NULL);
    rpt_set_cols(w, ws, 7, 7, 26, NULL);
    rpt_set_cols(w, ws, 8, 8, 20, NULL);
    worksheet_freeze_panes(ws, header + 1, 0);
    return CORE_OK;
}
