/* The workbook (SPEC §5): Summary, the analysis sheets present (Baseline, Attrition, Outcomes, ...), Results,
 * Methods, Provenance. This file has the workbook's lifecycle and the table of analysis sheets;
 * each sheet is written in its own file (rpt_sheet_*.c) with the cell helpers of rpt_cells.c
 * (rpt_internal.h), which keep the first error so one check at the end covers them all. NaN and
 * Inf never reach worksheet_write_number. The file is written to a temporary name and renamed
 * into place. */
#include "reports/rpt_internal.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

/*
 * The analysis sheets, in the order they follow the Summary (Results, Methods and Provenance
 * come last). A sheet is written only when the results have rows of its module (and analysis,
 * when given); its writer may still skip itself by returning CORE_OK without adding a sheet
 * (give such a sheet no `contents`, or the Summary would list a sheet that is not there).
 *
 * A new sheet: write reports/rpt_sheet_<x>.c with a writer, declare it in rpt_internal.h, add one line here.
 */
static const rpt_sheet_def sheets[] = {
    /* name, module, analysis, writer, contents (the Summary's line "<name>: <contents>") */
    {"Baseline", "rct", "baseline_table", rpt_sheet_baseline,
     "baseline characteristics by arm (CONSORT table 1), with standardised differences when configured."},
    {"Attrition", "rct", "attrition", rpt_sheet_attrition,
     "randomised, analysed and missing by arm and timepoint (CONSORT flow), and whether missingness differs by arm."},
    {"Outcomes", "rct", "arm_summary", rpt_sheet_outcomes,
     "every outcome at every timepoint by arm: binary (risk difference, ratios, adjusted logistic, g-computation, "
     "NNT) and continuous (Welch, ANCOVA with robust errors, Hedges' g, Wilcoxon), with multiplicity-adjusted p."},
    {"Subgroups", "rct", "interaction", rpt_sheet_subgroups,
     "does the effect differ between groups: interaction tests, the effect in each group with a forest plot, and "
     "access and outcome by group (equity)."},
    {"Power", "rct", "power", rpt_sheet_power,
     "power by simulation for planning the next trial: power by sample size and true effect, with the curves."},
    {"Longitudinal", "rct", "gee_logistic", rpt_sheet_longitudinal,
     "each repeated outcome's effect by timepoint from one model across all timepoints (GEE, mixed models), side by "
     "side with the per-timepoint analysis."},
    {"Missing data", "rct", "mi_summary", rpt_sheet_missing,
     "missing outcomes of the primary outcome: which analysis is primary and under which assumption, complete case "
     "beside multiple imputation with the fraction of missing information, the tipping-point heat map, "
     "delta-adjusted analyses."},
    {"Time to job", "rct", "km_median", rpt_sheet_survival,
     "time to the event by arm: Kaplan-Meier curves with numbers at risk, medians, log-rank test, hazard ratios."},
    {"Fidelity", "fidelity", NULL, rpt_sheet_fidelity,
     "the fidelity reviews: totals and bands by round with a trend chart, the site-by-item heat map, each site's "
     "next steps, agreement between raters, and fidelity against the trial's employment effect by site."},
    {"CBA", "cba", "incremental_cost", rpt_sheet_cba,
     "the cost-benefit model as named input cells with live formulas: break-even wages, NPV and ROI by perspective, "
     "cost per job, ICER and INMB."},
    {"Sensitivity", "cba", "break_even_wage", rpt_sheet_cba_sensitivity,
     "probabilistic and one-way sensitivity of the cost-benefit results: scenarios, tornado, CE plane, "
     "acceptability curve, EVPI."},
    {"CEA", "cea", "cea_frontier", rpt_sheet_cea,
     "cost-effectiveness from the trial's participants: costs and QALYs per option, the incremental analysis with "
     "dominance and extended dominance, the CE plane with the willingness-to-pay line, acceptability curves over all "
     "options with the acceptability frontier, EVPI."},
    {"Meta-analysis", "meta", "pooled", rpt_sheet_meta,
     "published trials pooled: forest plot, pooled effect by method, heterogeneity, prediction interval, "
     "leave-one-out, cumulative by year, meta-regression."},
    {"Trial vs real world", "compare", "assumption", rpt_sheet_compare,
     "the trial's effect, the registry effect per member and per IPS user and the published trials' on one scale, "
     "the efficacy-effectiveness ratio and work-years, live on editable assumptions."},
    {"Registry", "did", "twfe", rpt_sheet_did,
     "the registry difference-in-differences: the effect with every inference side by side and a verdict on which "
     "to trust, the placebo distribution, synthetic control and the event-study plot."},
    {"Cohort", "cohort", "job_proportion", rpt_sheet_cohort,
     "a single service in ordinary practice: who got a job, time to a first job, in-work support, by group."},
    {"Equity", "equity", "user_share", rpt_sheet_equity,
     "who uses the service against a reference population (representation ratios), and outcomes by group."},
    {"Workforce", "workforce", "turnover_rate", rpt_sheet_workforce,
     "the employment specialists' turnover per 100 person-years by site and year, against a benchmark, and time in "
     "post."},
};

/* ---------- the workbook ---------- */

static core_status build(rpt_wctx *w, core_err *err)
{
    if (!rpt_make_formats(w))
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory creating cell formats");
    w->sheets = sheets;
    w->n_sheets = sizeof sheets / sizeof sheets[0];
    core_status st = rpt_sheet_summary(w, err);
    for (size_t i = 0; st == CORE_OK && i < w->n_sheets; i++) {
        if (!rpt_sheet_shown(w, &sheets[i]))
            continue;
        w->sheet = &sheets[i];
        st = sheets[i].writer(w, err);
        w->sheet = NULL;
    }
    if (st == CORE_OK)
        rpt_cd_finish(w); /* every chart's data on the hidden chart-data sheet, behind the analysis sheets */
    if (st == CORE_OK)
        st = rpt_sheet_results(w, err);
    if (st == CORE_OK)
        st = rpt_sheet_methods(w, err);
    if (st == CORE_OK)
        st = rpt_sheet_provenance(w, err);
    rpt_tr_charts(w);    /* chart titles and names in the workbook's language */
    rpt_style_finish(w); /* the house style on every sheet (rpt_cells.c); frees its notes */
    /* Every sheet's defined name (its top-left cell), so links go to names (rpt_sheet_link), not addresses. */
    lxw_worksheet *sh;
    LXW_FOREACH_WORKSHEET(sh, w->book)
    {
        char name[128], ref[160], quoted[80];
        size_t o = 0;
        for (const char *q = sh->name; *q && o + 2 < sizeof quoted; q++) { /* an apostrophe is doubled */
            if (*q == '\'')
                quoted[o++] = '\'';
            quoted[o++] = *q;
        }
        quoted[o] = '\0';
        rpt_sheet_defname(sh->name, name, sizeof name);
        snprintf(ref, sizeof ref, "='%s'!$A$1", quoted);
        rpt_err_at(w, workbook_define_name(w->book, name, ref), sh, 0, 0);
    }
    if (st == CORE_OK && w->nomem)
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory writing the workbook");
    if (st == CORE_OK && w->lerr != LXW_NO_ERROR)
        st = core_err_set(err, CORE_ERR_OUTPUT, "%s: %s", w->where, lxw_strerror(w->lerr));
    return st;
}

core_status rpt_workbook_write_staged(const core_results *res, const rpt_run *run, core_atomic *a, core_err *err)
{
    static const core_results no_rows = {0, 0, NULL, 0, 0};
    static const rpt_run no_run = {.confidence = 0.95};
    if (!res)
        res = &no_rows;
    if (!run)
        run = &no_run;

    const char *path = a->path;
    core_status st = CORE_OK;

    /* libxlsxwriter prints numbers with printf when the file is closed: a locale with a
     * decimal comma would corrupt them, so work in the "C" numeric locale (this thread only). */
    locale_t cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    locale_t old = cloc ? uselocale(cloc) : (locale_t)0;

    rpt_wctx w = {.res = res, .run = run, .lerr = LXW_NO_ERROR};
    if (run->confidence > 0 && run->confidence < 1)
        snprintf(w.conf, sizeof w.conf, "%.6g%%", 100 * run->confidence);

    w.book = workbook_new(a->tmp_path); /* libxlsxwriter opens the temporary file by name */
    if (!w.book) {
        st = core_err_set(err, CORE_ERR_NOMEM, "cannot write '%s': out of memory", path);
    } else {
        char title[512], author[128], comments[128];
        snprintf(title, sizeof title, "%s", run->title ? run->title : "ipseval report");
        snprintf(author, sizeof author, "ipseval %s", run->version ? run->version : "");
        snprintf(comments, sizeof comments, "%s", run->synthetic ? rpt_tr(&w, "Synthetic data") : "");
        /* A fixed creation time makes a rerun byte-identical (libxlsxwriter otherwise uses now). */
        lxw_doc_properties props = {.title = title, .author = author, .created = run->started};
        if (run->synthetic)
            props.comments = comments;
        lxw_error le = workbook_set_properties(w.book, &props);
        if (le != LXW_NO_ERROR)
            st = core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': document properties: %s", path,
                              lxw_strerror(le));
        if (st == CORE_OK)
            st = build(&w, err);
        if (st != CORE_OK) {
            if (err && st != CORE_ERR_NOMEM && strncmp(err->msg, "cannot write", 12) != 0)
                core_err_prefix(err, "cannot write '%s'", path);
            lxw_workbook_free(w.book); /* discard without writing */
        } else {
            errno = 0;
            le = workbook_close(w.book); /* writes the file and frees the workbook */
            int e = errno;
            if (le != LXW_NO_ERROR) {
                if (e && (le == LXW_ERROR_CREATING_XLSX_FILE || le == LXW_ERROR_CREATING_TMPFILE ||
                          le == LXW_ERROR_ZIP_FILE_OPERATION || le == LXW_ERROR_ZIP_FILE_ADD ||
                          le == LXW_ERROR_ZIP_CLOSE))
                    st = core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': %s (%s)", path,
                                      lxw_strerror(le), strerror(e));
                else
                    st = core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': %s", path, lxw_strerror(le));
            }
        }
    }

    if (cloc) {
        uselocale(old);
        freelocale(cloc);
    }
    return st;
}

core_status rpt_workbook_write(const core_results *res, const rpt_run *run, const char *path, core_err *err)
{
    core_atomic a;
    core_status st = core_atomic_begin_name(&a, path, err);
    if (st != CORE_OK)
        return st;
    if ((st = rpt_workbook_write_staged(res, run, &a, err)) != CORE_OK) {
        core_atomic_abort(&a);
        return st;
    }
    return core_atomic_commit(&a, err);
}
