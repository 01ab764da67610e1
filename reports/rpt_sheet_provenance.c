/* The Provenance sheet: software, settings, input files with checksums, and the configuration. */
#include "reports/rpt_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_version.h>

static void kv(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, const char *key, const char *value)
{
    rpt_put_text(w, ws, *r, 0, key, w->f.key);
    rpt_put_text(w, ws, *r, 1, value, NULL);
    (*r)++;
}

core_status rpt_sheet_provenance(rpt_wctx *w, core_err *err)
{
    lxw_worksheet *ws;
    core_status st0 = rpt_add_sheet(w, "Provenance", &ws, err);
    if (st0 != CORE_OK)
        return st0;
    const rpt_run *run = w->run;
    char b[512];
    lxw_row_t r = 0;
    rpt_put_text(w, ws, r++, 0, "Provenance", w->f.title);
    r++;
    kv(w, ws, &r, "Title", run->title);
    rpt_trf(w, b, sizeof b, "ipseval %s (GNU Scientific Library %s, libxlsxwriter %s)", run->version ? run->version : "",
             gsl_version, LXW_VERSION);
    kv(w, ws, &r, "Software", b);
    rpt_trf(w, b, sizeof b, "ipseval %s", run->command ? run->command : "");
    kv(w, ws, &r, "Command", b);
    if (run->command_line)
        kv(w, ws, &r, "Command line", run->command_line);
    rpt_iso_time(run->started, b, sizeof b);
    kv(w, ws, &r, "Run time (UTC)", b);
    kv(w, ws, &r, "Date source",
       getenv("SOURCE_DATE_EPOCH") ? "SOURCE_DATE_EPOCH (reproducible build date)" : "the clock when the run began");
    if (run->has_seed) {
        snprintf(b, sizeof b, "%lu", run->seed); /* text: a 64-bit seed does not survive a double */
        kv(w, ws, &r, "Seed", b);
    }
    kv(w, ws, &r, "Confidence level", w->conf[0] ? w->conf : "not set");
    kv(w, ws, &r, "Currency", run->currency);
    if (run->small_cell > 0)
        rpt_trf(w, b, sizeof b, "%d (counts below it are shown as \"<%d\")", run->small_cell, run->small_cell);
    else
        rpt_trf(w, b, sizeof b, "none");
    kv(w, ws, &r, "Small-cell threshold", b);
    if (run->small_cell > 0)
        rpt_trf(w, b, sizeof b,
                 "small_cell = %d: every count of people below %d is shown as \"<%d\" in this workbook and in the "
                 "results file, and so is every figure that would give it back (its complement, its share, the "
                 "2x2-table statistics of its outcome and timepoint, one more cell of its distribution); %zu result "
                 "rows have a withheld figure.",
                 run->small_cell, run->small_cell, run->small_cell, rpt_disclosed_rows(w->res));
    else
        rpt_trf(w, b, sizeof b, "none: small_cell is 0, so counts are shown as computed");
    kv(w, ws, &r, "Disclosure control", b);
    kv(w, ws, &r, "Participant-level data",
       "none: this workbook and the results file hold summaries only, no row per participant.");
    kv(w, ws, &r, "Data",
       run->synthetic ? "synthetic (simulated example data)" : "as read from the input files");
    kv(w, ws, &r, "Configuration file", run->config_path);
    kv(w, ws, &r, "Configuration SHA-256", run->config_sha256);
    if (run->results_sha256[0]) /* the pair: this workbook and the results file written with it */
        kv(w, ws, &r, "Results file SHA-256", run->results_sha256);
    r++;

    rpt_put_text(w, ws, r++, 0, "Input files", w->f.subtitle);
    const char *head[] = {"What it holds (config section)", "Path", "SHA-256", "Rows", "Columns"};
    for (lxw_col_t c = 0; c < 5; c++)
        rpt_put_text(w, ws, r, c, head[c], w->f.header);
    r++;
    if (run->n_inputs == 0 || !run->inputs)
        rpt_put_text(w, ws, r++, 0, "(none)", NULL);
    for (size_t i = 0; run->inputs && i < run->n_inputs; i++, r++) {
        const rpt_input *in = &run->inputs[i];
        /* what the file holds in words, with the config section that named it */
        static const char *const roles[][2] = {
            {"trial", "Trial data"},
            {"fidelity", "Fidelity ratings"},
            {"agreement", "Ratings of inter-rater agreement"},
            {"registry", "Registry panel"},
            {"registry spells", "Registry spells"},
            {"meta", "Published studies"},
            {"cea", "Costs and utilities"},
            {"compare", "Target population"},
            {"practice", "Routine-practice cohort"},
        };
        const char *what = NULL;
        for (size_t k = 0; in->role && k < sizeof roles / sizeof roles[0]; k++)
            if (strcmp(roles[k][0], in->role) == 0)
                what = roles[k][1];
        char rb[256];
        if (what)
            snprintf(rb, sizeof rb, "%s [%s]", rpt_tr(w, what), in->role);
        else
            snprintf(rb, sizeof rb, "[%s]", in->role ? in->role : "");
        w->verbatim = 1; /* the config's section and path */
        rpt_put_text(w, ws, r, 0, rb, NULL);
        rpt_put_text(w, ws, r, 1, in->path, NULL);
        w->verbatim = 0;
        rpt_put_text(w, ws, r, 2, in->sha256, w->f.mono);
        if (in->rows >= 0)
            rpt_put_num(w, ws, r, 3, (double)in->rows, w->f.count);
        else
            rpt_put_text(w, ws, r, 3, "n/a", w->f.right);
        if (in->cols >= 0)
            rpt_put_num(w, ws, r, 4, (double)in->cols, w->f.count);
        else
            rpt_put_text(w, ws, r, 4, "n/a", w->f.right);
    }
    r++;
    /* the configuration text is for the screen: a printed report names the file and its checksum above */
    rpt_print_end(w, ws, r++, "The configuration file as read follows on screen (not printed).");

    rpt_trf(w, b, sizeof b, "Configuration file as read%s%s%s", run->config_path ? " (" : "",
             run->config_path ? run->config_path : "", run->config_path ? ")" : "");
    rpt_put_text(w, ws, r++, 0, b, w->f.subtitle);
    const char *p = run->config_text ? run->config_text : "";
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len && p[len - 1] == '\r')
            len--; /* a config saved on Windows */
        char *line = strndup(p, len);
        if (!line)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory writing the Provenance sheet");
        w->verbatim = 1; /* the config as written */
        rpt_put_text(w, ws, r++, 0, line, w->f.mono);
        w->verbatim = 0;
        free(line);
        if (r >= LXW_ROW_MAX)
            break;
        p = nl ? nl + 1 : p + len;
        if (!nl)
            break;
    }
    rpt_set_cols(w, ws, 0, 0, 24, NULL);
    rpt_set_cols(w, ws, 1, 1, 36, NULL);
    rpt_set_cols(w, ws, 2, 2, 80, NULL); /* 64 hex digits in the fixed-width font, whole */
    rpt_set_cols(w, ws, 3, 4, 9, NULL);
    return CORE_OK;
}
