/**
 * @file rpt_internal.h
 * @brief Private to reports/: what the workbook's sheet writers share.
 *
 * The workbook context, its formats, the cell helpers and the sheet writers. Only files under
 * reports/ include this header; other modules use reports/rpt.h.
 *
 * Every libxlsxwriter call goes through the cell helpers, which keep the first error (with its
 * sheet and cell) in the context, so one check at the end of the workbook covers them all.
 * NaN and Inf never reach worksheet_write_number: rpt_put_num writes a blank or text instead,
 * and a writer never calls worksheet_write_number itself.
 *
 * The table grammar (every sheet, applied by rpt_style_finish; a new sheet gets it by writing through the helpers):
 *  - a table is a header row written with w->f.header (rpt_table_header) and cells written with rpt_put_text /
 *    rpt_put_num / the row-cell helpers below; a header cell takes the alignment of the content under it
 *    (right over numbers and right-aligned text, centred over centred cells, left over text), down to the
 *    column's next header or first gap, so numbers never read one column over;
 *  - every cell is top-aligned (all formats, a sheet's own included): a label and its numbers read on one line;
 *  - column widths are given once per column with rpt_set_cols (a later call replaces an earlier one) and
 *    written once, widened to fit what was written, as non-overlapping ranges; never call
 *    worksheet_set_column yourself;
 *  - figures cited from the Results sheet go through rpt_results_ref (a look-up by key, never a row
 *    reference), links to a sheet through rpt_sheet_link (a defined name);
 *  - print (rpt_style_finish, print_layout): A4 at 75% or more (no text below 8.25 pt; chart texts enlarged to
 *    match), landscape or portrait, one page wide when that allows (wrapped columns narrowed), else the charts beside
 *    the tables on their own page, else column groups repeating the label columns (rpt_print_key_cols); each row of
 *    wrapped text exactly as tall as its lines (measured with the font's advance widths: rpt_font.h); a left-aligned
 *    column after a right-aligned one indented; a page break before a table or chart that would not fit on what is left of a page,
 *    print titles only for a sheet's one table that runs over pages, chart data on the hidden chart-data sheet (not in
 *    any print); a page budget per sheet (rpt_print_pages, default 2) and rpt_print_end for what is for the screen;
 *  - money in w->f.money (whole units, thousands separators), counts in w->f.count / w->f.integer,
 *    proportions in w->f.pct (one decimal), differences of proportions as percentage points in w->f.num1
 *    (100 x the difference) with a header saying "percentage points", an interval as two number cells.
 *
 * A new sheet: write reports/rpt_sheet_<x>.c with a writer (rpt_sheet_fn), declare it at the
 * end of this file and add one line to the sheet table in rpt_workbook.c. A Summary headline:
 * an rpt_headline_fn, declared here, one line in the table in rpt_sheet_summary.c. Method
 * descriptions: an rpt_method_table, declared here, one line in the list in rpt_methods.c.
 */
#ifndef IPSEVAL_RPT_INTERNAL_H
#define IPSEVAL_RPT_INTERNAL_H

#include <stddef.h>
#include <time.h>

#include <xlsxwriter.h>

#include "reports/rpt.h"

#define RPT_EM_DASH "\xe2\x80\x94" /* what a hidden (disclosure-controlled) percentage shows */

/** The one set of formats of the workbook, created in one place (rpt_make_formats). */
typedef struct rpt_formats {
    lxw_format *title, *subtitle, *synthetic, *meta, *header, *wrap, *note, *right, *count, *pct, *pval,
        *num2, *mono, *key, *sentence;
    /* the house style (rpt_cells.c): money in the run's currency ("NOK 120,663"), whole numbers with
     * thousands separators, one decimal, an interval or p-value text right-aligned, an internal link */
    lxw_format *money, *integer, *num1, *ci, *link;
    /* a header over numbers or centred cells: set by rpt_style_finish, never written by a sheet */
    lxw_format *header_r, *header_c;
    /* percentage points: 100 x a difference of proportions, one decimal, "10.2 pp" */
    lxw_format *pp;
    /* a cell written with no format: top-aligned like every other (LibreOffice ignores the default format's) */
    lxw_format *plain;
} rpt_formats;

#define RPT_CD_MAPS 32         /* sheets with chart-data columns */
#define RPT_CD_REGION_COLS 32  /* columns of the chart-data sheet given to one sheet's chart-data columns */

struct rpt_style; /* per-sheet layout notes for rpt_style_finish (rpt_cells.c) */

typedef struct rpt_wctx rpt_wctx;

/** Writes one sheet (adding it with rpt_add_sheet), or skips itself by returning CORE_OK without adding one. */
typedef core_status (*rpt_sheet_fn)(rpt_wctx *w, core_err *err);

/** An analysis sheet of the table in rpt_workbook.c. */
typedef struct rpt_sheet_def {
    const char *name;     /**< worksheet name; the writer adds its sheet as w->sheet->name */
    const char *module;   /**< written only when the results have rows of this module ... */
    const char *analysis; /**< ... and of this analysis (NULL: any analysis of the module) */
    rpt_sheet_fn writer;
    const char *contents; /**< "what it holds" for the Summary's list ("<name>: <contents>"), or NULL */
} rpt_sheet_def;

/** The context of one workbook being written. */
struct rpt_wctx {
    lxw_workbook *book;
    const core_results *res;
    const rpt_run *run;
    rpt_formats f;
    lxw_error lerr;               /**< first libxlsxwriter error, LXW_NO_ERROR if none */
    char where[96];               /**< its sheet and cell */
    int nomem;                    /**< a text copy could not be made */
    char conf[24];                /**< "95%", or "" when the level is not valid */
    const rpt_sheet_def *sheets;  /**< the analysis sheet table, in order (the Summary lists them) */
    size_t n_sheets;
    const rpt_sheet_def *sheet;   /**< the table entry being written; NULL for the fixed sheets */
    struct rpt_style *style;      /**< what the cell helpers saw on each sheet (widths, header rows) */
    lxw_format *wrap_meta, *wrap_synthetic, *wrap_subtitle; /**< wrapping twins of layout formats (print) */
    int verbatim;                 /**< 1 while writing result vocabulary (the Results sheet's rows): no look-up */
    /* the hidden chart-data sheet (rpt_chartdata.c): made at the first chart's data, moved behind the analysis
     * sheets by rpt_cd_finish */
    lxw_worksheet *cd;
    lxw_col_t cd_next;            /**< its first free column */
    struct rpt_cd_map {           /**< a sheet's chart-data columns (rpt_chart_data_cols), written here instead */
        lxw_worksheet *ws;
        lxw_col_t from, base;
    } cd_map[RPT_CD_MAPS];
    size_t n_cd_map;
};

/* ---- words (rpt_msg.c; the table and its rules: reports/rpt_msg.h) ---- */

/** Text en in the workbook's language: its message-table text, or en itself (a data value, or English). */
const char *rpt_tr(const rpt_wctx *w, const char *en);

/** snprintf of format fmt in the workbook's language (fmt is the message's key, the English format); a sentence
 *  of the table in Norwegian gets its numbers the Norwegian way (rpt_msg_numbers_nb). Every sentence a sheet
 *  builds with numbers or names goes through this, never snprintf. */
int rpt_trf(const rpt_wctx *w, char *buf, size_t size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/** rpt_chart_str of rpt_tr(w, s): chart text in the workbook's language, made literal. */
const char *rpt_chart_tr(const rpt_wctx *w, const char *s);

/** The charts' titles, axis names, series names and custom data labels that are keys of the message table,
 *  in the workbook's language (rpt_workbook.c calls it once all sheets are written). */
void rpt_tr_charts(rpt_wctx *w);

/* ---- cells (rpt_cells.c) ---- */

/** 1 if a and b are the same text; NULL and "" are both "empty". */
int rpt_str_eq(const char *a, const char *b);

/** 1 if all of s is one finite number (strtod), stored in *out when out is not NULL; else 0. */
int rpt_is_number(const char *s, double *out);

/** Keep libxlsxwriter error e of the cell (r, c) of ws if it is the first; LXW_NO_ERROR is ignored. */
void rpt_err_at(rpt_wctx *w, lxw_error e, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c);

/**
 * Chart text as a literal: libxlsxwriter takes a chart title, axis name, series name or data label
 * that starts with '=' for a formula (a study named "=Summary!A1" would show that cell). Text that
 * does is returned with a zero-width space (U+200B) in front, which shows nothing and makes it a
 * string; other text is returned as is. The result lives until the 8th call after (libxlsxwriter
 * copies it at once). Every chart string that may hold user text goes through this.
 */
const char *rpt_chart_str(const char *s);

/** chart_series_set_labels_custom with every label value made literal (rpt_chart_str). */
lxw_error rpt_chart_labels(lxw_chart_series *s, lxw_chart_data_label **labels);

/** A text cell, made valid UTF-8 without control characters and cut to fit a cell; NULL or "" writes
 *  a blank cell when f is given, else nothing. */
void rpt_put_text(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f);

/** A number cell. NaN is left blank (a blank cell when f is given) and an infinity is written as the
 *  text "Inf" / "-Inf", as R spells it: never pass NaN or Inf to worksheet_write_number, pass them here. */
void rpt_put_num(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double x, lxw_format *f);

/** Width (and format) of columns first..last, recorded for rpt_style_finish, which sets each column once. */
void rpt_set_cols(rpt_wctx *w, lxw_worksheet *ws, lxw_col_t first, lxw_col_t last, double width, lxw_format *f);

/** Columns from `first` on of ws hold chart data: every cell written there through the helpers (rpt_put_text,
 *  rpt_put_num) goes to the hidden chart-data sheet instead (rpt_chartdata.c), and rpt_cd_finish points the charts'
 *  ranges in those columns there. Call it before writing any of them. */
void rpt_chart_data_cols(rpt_wctx *w, lxw_worksheet *ws, lxw_col_t first);

/* ---- the hidden chart-data sheet (rpt_chartdata.c) ----
 * Every chart's source data lives on one hidden sheet ("Chart data"), never printed, and every chart series
 * refers to it by a plain cell range: a sheet's chart-data columns are written there (rpt_chart_data_cols), a
 * chart's own lines (reference lines, bands, markers) go into a block of its own (rpt_cd_block), and a series
 * drawn from a table on a visible sheet is copied there by rpt_cd_finish (a formula cell as a link to it, so a
 * live model's chart stays live). */

/** The chart-data sheet's name in the workbook's language (for chart_series_set_values and the like). */
const char *rpt_cd_name(const rpt_wctx *w);

/** ncols fresh columns of the chart-data sheet (made hidden at the first call): the first one. */
lxw_col_t rpt_cd_block(rpt_wctx *w, lxw_col_t ncols);

/** A number (NaN: nothing, an empty point) or a text in the chart-data sheet. */
void rpt_cd_num(rpt_wctx *w, lxw_row_t r, lxw_col_t c, double x);
void rpt_cd_text(rpt_wctx *w, lxw_row_t r, lxw_col_t c, const char *s);

/** A scatter series of the points (x[i], y[i]), i < n, on chart ch, its data in a block of its own (a NaN leaves a
 *  gap: the line breaks there); NULL when n is 0 or out of memory. */
lxw_chart_series *rpt_cd_xy(rpt_wctx *w, lxw_chart *ch, const double *x, const double *y, size_t n);

/** A straight line from (x0, y0) to (x1, y1) on a scatter chart (a reference line: no-effect, willingness to pay,
 *  threshold, start of treatment), in colour, width (points) and dashed or not, no markers. */
lxw_chart_series *rpt_cd_line(rpt_wctx *w, lxw_chart *ch, double x0, double y0, double x1, double y1,
                              lxw_color_t color, double width, int dash);

/** x rounded to a whole number with thousands separators as text ("666,008", "−8,011": a no-break space between
 *  thousands in Norwegian, the typographic minus, no sign on a value that rounds to 0; not finite: as rpt_fmt_num),
 *  for the sentences and chart texts that name an amount or a count. */
const char *rpt_whole_text(const rpt_wctx *w, double x, char *buf, size_t size);

/** For the cell helpers: 1 when (ws, c) is in a sheet's chart-data columns, with ws and c changed to the place on
 *  the chart-data sheet; else 0. */
int rpt_cd_redirect(rpt_wctx *w, lxw_worksheet **ws, lxw_col_t *c);

/** Once all analysis sheets are written: every chart range still on another sheet copied to the chart-data sheet
 *  and pointed there, and the sheet moved behind the analysis sheets. */
void rpt_cd_finish(rpt_wctx *w);

/** The sheet prints down to row r and no further (the tables below stay on screen); a note, when given, is
 *  written in row r (left empty for it) to say so. */
void rpt_print_end(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, const char *note);

/** The sheet's print takes at most `pages` pages (its first tables; the default is 2): a longer sheet prints down
 *  to the last table or chart that fits, with a note under it that the rest is on screen. */
void rpt_print_pages(rpt_wctx *w, lxw_worksheet *ws, int pages);

/** When the sheet prints in groups of columns, its first ncols columns (the tables' labels: Outcome, Timepoint)
 *  repeat on every group's pages. Without a call they are inferred: the leading text and whole-number columns of
 *  the sheet's widest table. 0: nothing repeats. */
void rpt_print_key_cols(rpt_wctx *w, lxw_worksheet *ws, int ncols);

/** A table's header row: texts[0..n-1] in row r from column c on, in the header format (aligned later to
 *  the content under each; an empty or NULL text leaves a blank header cell). */
void rpt_table_header(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *const *texts, size_t n);

/** Text merged over columns c1..c2 of row r (NULL: empty); lines > 1 sets the row's height for that many lines. */
void rpt_merge_text(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c1, lxw_col_t c2, const char *s,
                    lxw_format *f, int lines);

/** Lines a wrapped text needs at about `per_line` characters a line (for rpt_merge_text). */
int rpt_lines_for(const char *s, int per_line);

/** Add worksheet `name` into *ws, after checking the name; CORE_ERR_OUTPUT / CORE_ERR_NOMEM otherwise. */
core_status rpt_add_sheet(rpt_wctx *w, const char *name, lxw_worksheet **ws, core_err *err);

/** Create w->f; 0 when out of memory. Called once per workbook, before any sheet. */
int rpt_make_formats(rpt_wctx *w);

/**
 * The house style, applied to every sheet once all are written (called by rpt_workbook.c): columns widened
 * to fit the numbers and short texts the cell helpers wrote (never narrowed; wrapped and long texts are
 * left to wrap or run on), the header row of a sheet's first table frozen (when near the top and the sheet
 * froze nothing itself) and repeated on printed pages, and every sheet's print header and footer (title,
 * sheet name, page N of M). rpt_add_sheet sets landscape A4, one page wide. Frees w->style.
 */
void rpt_style_finish(rpt_wctx *w);

/** Add a worksheet that may hold registry-size tables: libxlsxwriter's constant-memory mode for this sheet
 *  only, so rows MUST be written in increasing order (a row before the last written is lost; merged cells
 *  and rpt_merge_text do not work there). Otherwise as rpt_add_sheet. */
core_status rpt_add_sheet_big(rpt_wctx *w, const char *name, lxw_worksheet **ws, core_err *err);

/** Time t as "2024-05-01T12:00:00Z" (UTC) into buf, or "unknown". */
void rpt_iso_time(time_t t, char *buf, size_t size);

/* ---- figures bound by key, and links by name (rpt_cells.c) ---- */

/** The Results sheet's last column: each row's number in the results file (1 = first data row), its key. */
#define RPT_RESULTS_KEY "csv_row"

/** The numeric fields of a result row, in the Results sheet's order (estimate is column G). */
enum { RPT_F_EST, RPT_F_SE, RPT_F_LO, RPT_F_HI, RPT_F_STAT, RPT_F_DF, RPT_F_P, RPT_F_PADJ, RPT_F_N };

/**
 * A figure of result row x taken from the Results sheet by its key, never by its row:
 * =INDEX(Results!G:G,MATCH(k,Results!Q:Q,0)) with the row's value cached, so sorting or filtering the
 * Results sheet changes nothing. scale 100 gives percentage points of a difference of proportions
 * (=100*INDEX(...), shown with w->f.pp); scale 1 the number as it is. An undefined or withheld number is written as the text "n/a" (or "Inf").
 * Any sheet that cites a result row does it with this (or by its own defined name), never "=Results!G12".
 */
void rpt_results_ref(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *x, int field,
                     double scale, lxw_format *fmt);

/** A link to result row x on the Results sheet that finds the row by its key (a HYPERLINK formula), with text. */
void rpt_results_link(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *x,
                      const char *text);

/** The defined name of worksheet `sheet` (its top-left cell): "sheet_" and the name with '_' for anything
 *  a name cannot hold, e.g. "sheet_Time_to_job". rpt_workbook.c defines one for every sheet it wrote. */
const char *rpt_sheet_defname(const char *sheet, char *buf, size_t size);

/** A link (in the link format) to the sheet `sheet` through its defined name. */
void rpt_sheet_link(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *sheet, const char *text);

/* ---- rows and outcomes (rpt_cells.c) ---- */

/** 1 if the results have a row of module (and of analysis, when not NULL); else 0. */
int rpt_has_rows(const rpt_wctx *w, const char *module, const char *analysis);
/** 1 when the sheet is written: its module has rows and is one the run shows (rpt_run sheet_modules). */
int rpt_sheet_shown(const rpt_wctx *w, const rpt_sheet_def *s);

/** First row of (module, analysis, outcome, timepoint), with the term and method when given (non-NULL). */
const core_result_row *rpt_find_row(const rpt_wctx *w, const char *module, const char *analysis,
                                    const char *outcome, const char *tp, const char *term, const char *method);

/** The run's description of outcome `name`, or NULL. */
const rpt_outcome_label *rpt_outcome_find(const rpt_wctx *w, const char *name);

/** The outcome's display label: the run's label, else its name ("" for NULL). */
const char *rpt_outcome_display(const rpt_wctx *w, const char *name);

/** A name for people: the run's label of outcome `name` when it has one, else the label of the data's column
 *  `name` (rpt_run.variables: [trial] labels, a Stata/SPSS variable label, "<outcome label> at baseline"), else the
 *  name with '_' as spaces ("prior_work" -> "prior work"). Every table that names a column of the data uses this. */
const char *rpt_words(const rpt_wctx *w, const char *name, char *buf, size_t size);

/** Text s (a result's label or term) with every name of a data column that has a label (rpt_run.variables) replaced
 *  by it, as a whole word: "adjusted for age, prior_work" -> "adjusted for Age (years), Worked before". In a
 *  workbook not in English a text with spaces (an English result label) is left as the results file has it. */
const char *rpt_label_text(const rpt_wctx *w, const char *s, char *buf, size_t size);

/** The registry effect's unit in words: "per person-year" when the panel's period ([registry] time) is a year
 *  column, "per person-month", ...; else "per person and period of the registry panel". In the workbook's language. */
const char *rpt_per_period(const rpt_wctx *w);

/** 1 if the outcome is binary: its type when the run gives one, else whether arm's label is "x/n". */
int rpt_outcome_is_binary(const rpt_wctx *w, const char *outcome, const core_result_row *arm);

/** Disclosure control with threshold k (> 0): 1 if an arm row's n is hidden (n < k). */
int rpt_n_hidden(const core_result_row *arm, int k);

/** 1 if an arm row's % is hidden: n, the events or the non-events are below k. */
int rpt_pct_hidden(const core_result_row *arm, int k);

/* ---- cells of result rows (rpt_cells.c); a NULL row writes nothing ---- */

/** A timepoint: a number cell when it is one, else text. */
void rpt_timepoint_cell(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *tp);

/** An arm's n, or "<k" under the run's small-cell threshold. */
void rpt_count_cell(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *arm);

/** An arm's share (binary: a percentage, or an em dash when hidden) or its label (continuous). */
void rpt_share_cell(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *arm,
                    int binary);

/** "est (lo to hi)" of a row at `scale` with `digits` decimals, or the row's reason when undefined. */
void rpt_effect_cell(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *x,
                     double scale, int digits);

/**
 * An interval as numbers: lo and hi (and the estimate est; NaN for an interval alone) as number cells on the hidden
 * chart-data sheet (in the rows of their cells, under the sheet's and column's header, "Lower", "Upper"; a reader may
 * unhide it), and in (r, c), in format f (NULL: right-aligned), a formula of them that shows "est (lo to hi)" (or
 * "lo to hi") with `digits` decimals in the reader's own decimal mark (FIXED). pct: proportions shown as
 * percentages ("21.7% to 25.5%"). A bound or estimate that is not finite: the text, as rpt_fmt_ci writes it.
 * Every interval a table shows goes through this (or through two number cells of its own), never as text.
 */
void rpt_ci_cell(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double est, double lo, double hi,
                 int digits, int pct, lxw_format *f);

/** A row's p-value: "<0.001", a number with 3 decimals, or the row's reason when undefined. */
void rpt_p_cell(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *x);

/* ---- Summary headlines ---- */

/**
 * Writes a module's headline sentence(s) on the Summary from row *r on, advancing *r. One that
 * has nothing to say leaves *r as it was (the Summary then says so when no module had anything).
 */
typedef core_status (*rpt_headline_fn)(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err);

/* ---- Methods: per-module tables searched by rpt_method_lookup (rpt_methods.c) ---- */

/** A table of method descriptions; exact (analysis, method) entries before an analysis's generic one. */
typedef struct rpt_method_table {
    const rpt_method_info *entries;
    size_t n;
} rpt_method_table;

/* A module's table, defined in its own file, is declared here as
 * extern const rpt_method_table rpt_methods_<module>; and listed in rpt_methods.c. */

/* ---- the sheets (one file each) ---- */

core_status rpt_sheet_summary(rpt_wctx *w, core_err *err);    /* rpt_sheet_summary.c */
core_status rpt_sheet_results(rpt_wctx *w, core_err *err);    /* rpt_sheet_results.c */
core_status rpt_sheet_methods(rpt_wctx *w, core_err *err);    /* rpt_sheet_methods.c */
core_status rpt_sheet_provenance(rpt_wctx *w, core_err *err); /* rpt_sheet_provenance.c */

/* Summary headlines. */
core_status rpt_trial_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err); /* rpt_sheet_trial.c */

/* The trial at each timepoint (rpt_sheet_{baseline,attrition,outcomes,subgroups}.c; helpers in rpt_trial.h): the
 * "Baseline" (CONSORT table 1), "Attrition" (CONSORT flow), "Outcomes" (every outcome and timepoint, binary and
 * continuous, unadjusted and adjusted) and "Subgroups" (interaction tests, forest plot, equity) sheets, and the
 * method descriptions of those analyses. */
core_status rpt_sheet_baseline(rpt_wctx *w, core_err *err);
core_status rpt_sheet_attrition(rpt_wctx *w, core_err *err);
core_status rpt_sheet_outcomes(rpt_wctx *w, core_err *err);
core_status rpt_sheet_subgroups(rpt_wctx *w, core_err *err);
core_status rpt_sheet_power(rpt_wctx *w, core_err *err); /* rpt_sheet_power.c: "Power" ([power] curves) */
extern const rpt_method_table rpt_methods_rct;

/* Cost-benefit (rpt_sheet_cba.c): the live "CBA" sheet, the "Sensitivity" sheet, the Summary headline, the
 * CHEERS 2022 items for the Methods sheet, and the method descriptions. */
core_status rpt_sheet_cba(rpt_wctx *w, core_err *err);
core_status rpt_sheet_cba_sensitivity(rpt_wctx *w, core_err *err);
core_status rpt_cba_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err);
core_status rpt_cba_cheers(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err);
extern const rpt_method_table rpt_methods_cba;

/* Cost-effectiveness from trial data (rpt_sheet_cea.c): the "CEA" sheet (costs and QALYs per option, the
 * incremental analysis, CE plane, acceptability over options, EVPI), the Summary headline, the CHEERS 2022 items and
 * the method descriptions. */
core_status rpt_sheet_cea(rpt_wctx *w, core_err *err);
core_status rpt_cea_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err);
core_status rpt_cea_cheers(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err);
extern const rpt_method_table rpt_methods_cea;

/* Meta-analysis (rpt_sheet_meta.c): the "Meta-analysis" sheet with its forest plot, the Summary headline and the
 * method descriptions. */
core_status rpt_sheet_meta(rpt_wctx *w, core_err *err);
core_status rpt_meta_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err);
extern const rpt_method_table rpt_methods_meta;

/* Trial versus real world (rpt_sheet_compare.c): the live "Trial vs real world" sheet with its charts, the Summary
 * headline and the method descriptions. */
core_status rpt_sheet_compare(rpt_wctx *w, core_err *err);
core_status rpt_compare_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err);
extern const rpt_method_table rpt_methods_compare;

/* The trial over time (rpt_sheet_longitudinal.c): the "Longitudinal" and "Time to job" sheets and the method
 * descriptions of the repeated-measures and time-to-event analyses. */
core_status rpt_sheet_longitudinal(rpt_wctx *w, core_err *err);
/* Missing outcomes (rpt_sheet_missing.c): the "Missing data" sheet ([missing]: complete case beside multiple
 * imputation, the tipping-point heat map, delta-adjusted analyses). */
core_status rpt_sheet_missing(rpt_wctx *w, core_err *err);
core_status rpt_sheet_survival(rpt_wctx *w, core_err *err);
extern const rpt_method_table rpt_methods_longitudinal;

/* Registry difference-in-differences (rpt_sheet_did.c): the "Registry" sheet (effect with every inference,
 * placebo distribution, synthetic control, event-study plot, verdict), the Summary headline and the methods. */
core_status rpt_sheet_did(rpt_wctx *w, core_err *err);
core_status rpt_did_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err);
extern const rpt_method_table rpt_methods_did;

/* Fidelity (rpt_sheet_fidelity.c): the "Fidelity" sheet (totals and bands with a trend chart, the site x item heat
 * map, next steps, agreement, the fidelity-outcome link), the Summary headline and the method descriptions. */
core_status rpt_sheet_fidelity(rpt_wctx *w, core_err *err);
core_status rpt_fidelity_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err);
extern const rpt_method_table rpt_methods_fidelity;

/* Routine practice (rpt_sheet_practice.c): the "Cohort", "Equity" and "Workforce" sheets, their Summary headlines
 * and the method descriptions. */
core_status rpt_sheet_cohort(rpt_wctx *w, core_err *err);
core_status rpt_sheet_equity(rpt_wctx *w, core_err *err);
core_status rpt_sheet_workforce(rpt_wctx *w, core_err *err);
core_status rpt_cohort_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err);
core_status rpt_equity_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err);
core_status rpt_workforce_headline(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t *r, core_err *err);
extern const rpt_method_table rpt_methods_practice;

#endif
