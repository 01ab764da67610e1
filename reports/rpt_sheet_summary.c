/* The Summary sheet: title, each module's headline sentences, and what the workbook holds. */
#include "reports/rpt_internal.h"

#include <stdio.h>

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
    {"meta", rpt_meta_headline},
    {"compare", rpt_compare_headline},
    {"did", rpt_did_headline},
};

core_status rpt_sheet_summary(rpt_wctx *w, core_err *err)
{
    lxw_worksheet *ws;
    core_status st0 = rpt_add_sheet(w, "Summary", &ws, err);
    if (st0 != CORE_OK)
        return st0;
    const rpt_run *run = w->run;
    char b[2048], when[32];
    lxw_row_t r = 0;
    rpt_set_cols(w, ws, 0, 0, 36, NULL);
    rpt_set_cols(w, ws, 1, 1, 11, NULL);
    rpt_set_cols(w, ws, 2, 3, 12, NULL);
    rpt_set_cols(w, ws, 4, 4, 34, NULL);
    rpt_set_cols(w, ws, 5, 5, 10, NULL);

    rpt_put_text(w, ws, r++, 0, run->title && *run->title ? run->title : "IPS evaluation", w->f.title);
    if (run->synthetic)
        rpt_put_text(w, ws, r++, 0,
                     "Synthetic data: these results come from simulated example data, not from real people.",
                     w->f.synthetic);
    rpt_iso_time(run->started, when, sizeof when);
    snprintf(b, sizeof b, "ipseval %s, run %s (UTC)", run->version ? run->version : "", when);
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

    rpt_put_text(w, ws, r++, 0, "In this workbook", w->f.subtitle);
    for (size_t i = 0; i < w->n_sheets; i++) {
        const rpt_sheet_def *s = &w->sheets[i];
        if (!s->contents || !rpt_has_rows(w, s->module, s->analysis))
            continue;
        snprintf(b, sizeof b, "%s: %s", s->name, s->contents);
        rpt_put_text(w, ws, r++, 0, b, NULL);
    }
    rpt_put_text(w, ws, r++, 0, "Results: every number of the run, one row each, ready to filter.", NULL);
    rpt_put_text(w, ws, r++, 0, "Methods: each method used, with a reference.", NULL);
    rpt_put_text(w, ws, r++, 0,
                 "Provenance: software, settings, input files with checksums, and the configuration.", NULL);
    if (run->small_cell > 0) {
        snprintf(b, sizeof b,
                 "Counts below %d are shown as \"<%d\" and the percentages they would reveal as \"" RPT_EM_DASH
                 "\" (disclosure control).",
                 run->small_cell, run->small_cell);
        rpt_put_text(w, ws, r++, 0, b, w->f.note);
    }
    return CORE_OK;
}
