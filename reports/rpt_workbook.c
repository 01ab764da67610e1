/* The workbook (SPEC §5): Summary, Trial outcomes, Results, Methods, Provenance.
 *
 * Every libxlsxwriter call goes through the cell helpers below, which keep the first error
 * (with its sheet and cell) so one check at the end covers them all. NaN and Inf never reach
 * worksheet_write_number. The file is written to a temporary name and renamed into place. */
#include "reports/rpt.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#define CELL_MAX_BYTES 32000 /* under Excel's 32,767 characters per cell, whatever the encoding */
#define EM_DASH "\xe2\x80\x94"

/* The one set of formats of the workbook, created in one place (make_formats). */
typedef struct fmts {
    lxw_format *title, *subtitle, *synthetic, *meta, *header, *wrap, *note, *right, *count, *pct, *pval,
        *num2, *mono, *key, *sentence;
} fmts;

typedef struct wctx {
    lxw_workbook *book;
    const core_results *res;
    const rpt_run *run;
    fmts f;
    lxw_error lerr;    /* first libxlsxwriter error, LXW_NO_ERROR if none */
    char where[96];    /* its sheet and cell */
    int nomem;         /* a text copy could not be made */
    char conf[24];     /* "95%", or "" when the level is not valid */
    const char *treat; /* arm levels: intervention and control (may be NULL) */
    const char *ctrl;
} wctx;

/* (outcome, timepoint) of the rct arm_summary rows, in order of first appearance. */
typedef struct group {
    const char *outcome, *tp;
} group;

/* ---------- small helpers ---------- */

static int str_eq(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0; /* NULL and "" are both "empty" */
}

static int is_number(const char *s, double *out)
{
    if (!s || !*s)
        return 0;
    char *end;
    double x = strtod(s, &end);
    if (*end || !isfinite(x))
        return 0;
    if (out)
        *out = x;
    return 1;
}

static void err_at(wctx *w, lxw_error e, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c)
{
    if (e == LXW_NO_ERROR || w->lerr != LXW_NO_ERROR)
        return;
    char cell[32];
    lxw_rowcol_to_cell(cell, r, c);
    w->lerr = e;
    snprintf(w->where, sizeof w->where, "sheet '%s' cell %s", ws && ws->name ? ws->name : "?", cell);
}

/* Decode one UTF-8 character at s; its length, or 0 when the bytes are not valid UTF-8. */
static size_t utf8_char(const unsigned char *s)
{
    unsigned c = s[0];
    size_t len;
    unsigned cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
        return 0; /* overlong, out of range, surrogate or XML-illegal */
    return len;
}

/*
 * Text fit for a cell: valid UTF-8 (a Latin-1 config or label would otherwise make the file
 * unreadable, so bad bytes become U+FFFD), no XML-illegal control characters, at most
 * CELL_MAX_BYTES. Returns s when it is fine as it is, else a copy in *own (NULL on no memory).
 */
static const char *cell_text(const char *s, char **own)
{
    *own = NULL;
    size_t n = strlen(s), i = 0;
    int clean = n <= CELL_MAX_BYTES;
    while (clean && i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t k = utf8_char((const unsigned char *)s + i);
        if (k == 0 || (c < 0x20 && c != '\t' && c != '\n'))
            clean = 0;
        i += k ? k : 1;
    }
    if (clean)
        return s;
    char *d = malloc(CELL_MAX_BYTES + 8);
    if (!d)
        return NULL;
    size_t o = 0;
    for (i = 0; i < n;) {
        size_t k = utf8_char((const unsigned char *)s + i);
        if (o + 4 > CELL_MAX_BYTES) {
            memcpy(d + o, "\xe2\x80\xa6", 3); /* "…": the rest did not fit */
            o += 3;
            break;
        }
        unsigned char c = (unsigned char)s[i];
        if (k == 0) {
            memcpy(d + o, "\xef\xbf\xbd", 3);
            o += 3;
            i++;
        } else if (c < 0x20 && c != '\t' && c != '\n') {
            d[o++] = ' ';
            i++;
        } else {
            memcpy(d + o, s + i, k);
            o += k;
            i += k;
        }
    }
    d[o] = '\0';
    *own = d;
    return d;
}

static void put_text(wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
    if (!s || !*s) {
        if (f)
            err_at(w, worksheet_write_blank(ws, r, c, f), ws, r, c);
        return;
    }
    char *own;
    const char *t = cell_text(s, &own);
    if (!t) {
        w->nomem = 1;
        return;
    }
    err_at(w, worksheet_write_string(ws, r, c, t, f), ws, r, c);
    free(own);
}

/* A number cell; NaN is left blank and an infinity is written as R spells it. */
static void put_num(wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double x, lxw_format *f)
{
    if (isnan(x))
        put_text(w, ws, r, c, NULL, f);
    else if (isinf(x))
        put_text(w, ws, r, c, x > 0 ? "Inf" : "-Inf", w->f.right);
    else
        err_at(w, worksheet_write_number(ws, r, c, x, f), ws, r, c);
}

static void set_cols(wctx *w, lxw_worksheet *ws, lxw_col_t first, lxw_col_t last, double width, lxw_format *f)
{
    err_at(w, worksheet_set_column(ws, first, last, width, f), ws, 0, first);
}

static void merge_text(wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c1, lxw_col_t c2, const char *s,
                       lxw_format *f, int lines)
{
    char *own;
    const char *t = cell_text(s ? s : "", &own);
    if (!t) {
        w->nomem = 1;
        return;
    }
    err_at(w, worksheet_merge_range(ws, r, c1, r, c2, t, f), ws, r, c1);
    free(own);
    /* Spreadsheets do not grow merged rows to fit wrapped text: size the row ourselves. */
    if (lines > 1)
        err_at(w, worksheet_set_row(ws, r, 15.0 * lines, NULL), ws, r, c1);
}

/* Lines a wrapped text needs at about `per_line` characters a line. */
static int lines_for(const char *s, int per_line)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n / per_line + 1;
}

static core_status add_sheet(wctx *w, const char *name, lxw_worksheet **ws, core_err *err)
{
    *ws = NULL;
    /* The Debian build lacks upstream fixes for bad names: check before handing one over. */
    if (!rpt_sheet_name_valid(name))
        return core_err_set(err, CORE_ERR_OUTPUT, "invalid worksheet name '%s'", name);
    lxw_error e = workbook_validate_sheet_name(w->book, name);
    if (e != LXW_NO_ERROR)
        return core_err_set(err, CORE_ERR_OUTPUT, "worksheet name '%s': %s", name, lxw_strerror(e));
    *ws = workbook_add_worksheet(w->book, name);
    if (!*ws)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding worksheet '%s'", name);
    return CORE_OK;
}

static lxw_format *new_format(wctx *w)
{
    lxw_format *f = workbook_add_format(w->book);
    if (!f)
        w->nomem = 1;
    return f;
}

static int make_formats(wctx *w)
{
    fmts *f = &w->f;
    lxw_format **all[] = {&f->title, &f->subtitle, &f->synthetic, &f->meta,  &f->header,
                          &f->wrap,  &f->note,     &f->right,     &f->count, &f->pct,
                          &f->pval,  &f->num2,     &f->mono,      &f->key,   &f->sentence};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (!(*all[i] = new_format(w)))
            return 0;
    format_set_bold(f->title);
    format_set_font_size(f->title, 14);
    format_set_bold(f->subtitle);
    format_set_bold(f->synthetic);
    format_set_font_color(f->synthetic, 0xC00000);
    format_set_italic(f->meta);
    format_set_font_color(f->meta, 0x595959);
    format_set_bold(f->header);
    format_set_text_wrap(f->header);
    format_set_align(f->header, LXW_ALIGN_VERTICAL_TOP);
    format_set_bottom(f->header, LXW_BORDER_THIN);
    format_set_bg_color(f->header, 0xDDEBF7);
    format_set_text_wrap(f->wrap);
    format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_italic(f->note);
    format_set_text_wrap(f->note);
    format_set_align(f->note, LXW_ALIGN_VERTICAL_TOP);
    format_set_align(f->right, LXW_ALIGN_RIGHT);
    format_set_num_format(f->count, "0");
    format_set_num_format(f->pct, "0.0%");
    format_set_num_format(f->pval, "0.000");
    format_set_num_format(f->num2, "0.00");
    format_set_font_name(f->mono, "Courier New");
    format_set_bold(f->key);
    format_set_align(f->key, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(f->sentence);
    format_set_align(f->sentence, LXW_ALIGN_VERTICAL_TOP);
    format_set_font_size(f->sentence, 12);
    return 1;
}

/* ---------- looking up rows ---------- */

/* First rct row of (analysis, outcome, timepoint) with the term and method when given. */
static const core_result_row *find(const wctx *w, const char *analysis, const char *outcome, const char *tp,
                                   const char *term, const char *method)
{
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *r = &w->res->rows[i];
        if (str_eq(r->module, "rct") && str_eq(r->analysis, analysis) && str_eq(r->outcome, outcome) &&
            str_eq(r->timepoint, tp) && (!term || str_eq(r->term, term)) &&
            (!method || str_eq(r->method, method)))
            return r;
    }
    return NULL;
}

static const rpt_outcome_label *outcome_info(const wctx *w, const char *name)
{
    for (size_t i = 0; w->run->outcomes && i < w->run->n_outcomes; i++)
        if (str_eq(w->run->outcomes[i].name, name))
            return &w->run->outcomes[i];
    return NULL;
}

static const char *outcome_label(const wctx *w, const char *name)
{
    const rpt_outcome_label *o = outcome_info(w, name);
    if (o && o->label && *o->label)
        return o->label;
    return name ? name : "";
}

/* "x/n" -> x; 0 if the label is not of that form. */
static int label_events(const char *label, double *x)
{
    if (!label)
        return 0;
    char *end;
    double v = strtod(label, &end);
    if (end == label || *end != '/')
        return 0;
    *x = v;
    return 1;
}

static int outcome_is_binary(const wctx *w, const char *outcome, const core_result_row *arm)
{
    const rpt_outcome_label *o = outcome_info(w, outcome);
    if (o && o->type && *o->type)
        return strcmp(o->type, "binary") == 0;
    double x;
    return arm && label_events(arm->label, &x); /* no type given: an "x/n" label means a proportion */
}

/* Disclosure control: an arm's n is hidden when below k ... */
static int n_hidden(const core_result_row *arm, int k)
{
    return k > 0 && arm && isfinite(arm->n) && arm->n < k;
}

/* ... and its % when n, the events or the non-events are below k (n and % would reveal them). */
static int pct_hidden(const core_result_row *arm, int k)
{
    if (k <= 0 || !arm)
        return 0;
    if (n_hidden(arm, k))
        return 1;
    double x;
    if (!label_events(arm->label, &x)) {
        if (!isfinite(arm->estimate) || !isfinite(arm->n))
            return 0;
        x = floor(arm->estimate * arm->n + 0.5);
    }
    return x < k || (isfinite(arm->n) && arm->n - x < k);
}

static size_t collect_groups(const wctx *w, group *g)
{
    size_t ng = 0;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *r = &w->res->rows[i];
        if (!str_eq(r->module, "rct") || !str_eq(r->analysis, "arm_summary"))
            continue;
        size_t j = 0;
        while (j < ng && !(str_eq(g[j].outcome, r->outcome) && str_eq(g[j].tp, r->timepoint)))
            j++;
        if (j == ng)
            g[ng++] = (group){r->outcome, r->timepoint};
    }
    return ng;
}

/* Intervention and control levels: from the trial description, else the first two levels seen. */
static void pick_arms(wctx *w)
{
    const rpt_trial_info *t = w->run->trial;
    if (t && t->treatment && t->control) {
        w->treat = t->treatment;
        w->ctrl = t->control;
        return;
    }
    w->treat = w->ctrl = NULL;
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *r = &w->res->rows[i];
        if (!str_eq(r->module, "rct") || !str_eq(r->analysis, "arm_summary") || !r->term)
            continue;
        if (!w->treat)
            w->treat = r->term;
        else if (!w->ctrl && !str_eq(r->term, w->treat))
            w->ctrl = r->term;
    }
}

/* ---------- cells shared by the trial tables ---------- */

static void timepoint_cell(wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *tp)
{
    double x;
    if (is_number(tp, &x))
        put_num(w, ws, r, c, x, NULL); /* a number, so it sorts and shows no "number as text" flag */
    else
        put_text(w, ws, r, c, tp, NULL);
}

static void count_cell(wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *arm)
{
    char b[32];
    if (!arm || isnan(arm->n))
        return;
    if (n_hidden(arm, w->run->small_cell))
        put_text(w, ws, r, c, rpt_fmt_count(arm->n, w->run->small_cell, b, sizeof b), w->f.right);
    else
        put_num(w, ws, r, c, arm->n, w->f.count);
}

static void share_cell(wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *arm,
                       int binary)
{
    if (!arm)
        return;
    if (binary && pct_hidden(arm, w->run->small_cell))
        put_text(w, ws, r, c, EM_DASH, w->f.right);
    else if (isnan(arm->estimate))
        put_text(w, ws, r, c, arm->label ? arm->label : "n/a", w->f.wrap);
    else if (!binary)
        put_text(w, ws, r, c, arm->label, w->f.right); /* e.g. "mean (SD)" as the module wrote it */
    else
        put_num(w, ws, r, c, arm->estimate, w->f.pct);
}

/* "est (lo to hi)" of a row at `scale`, or the row's reason when the estimate is undefined. */
static void effect_cell(wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *x,
                        double scale, int digits)
{
    char b[256];
    if (!x)
        return;
    if (isnan(x->estimate))
        put_text(w, ws, r, c, x->label ? x->label : "n/a", w->f.wrap);
    else
        put_text(w, ws, r, c,
                 rpt_fmt_ci(scale * x->estimate, scale * x->ci_low, scale * x->ci_high, digits, b, sizeof b),
                 w->f.right);
}

static void p_cell(wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *x)
{
    if (!x)
        return;
    if (isnan(x->p_value))
        put_text(w, ws, r, c, x->label ? x->label : "n/a", w->f.wrap);
    else if (x->p_value < 0.001)
        put_text(w, ws, r, c, "<0.001", w->f.right);
    else
        put_num(w, ws, r, c, x->p_value, w->f.pval);
}

/* ---------- Summary ---------- */

static void iso_time(time_t t, char *buf, size_t size)
{
    struct tm tm;
    if (!gmtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
        snprintf(buf, size, "unknown");
}

/* "At 18 months" / "At week 6" / "" for a single timepoint. */
static void when_text(const wctx *w, const char *tp, char *buf, size_t size)
{
    const char *unit = w->run->trial && w->run->trial->time_unit ? w->run->trial->time_unit : "months";
    if (!tp || !*tp)
        buf[0] = '\0';
    else if (is_number(tp, NULL))
        snprintf(buf, size, "At %s %s", tp, unit);
    else
        snprintf(buf, size, "At %s", tp);
}

/* The sentence of one binary outcome at one timepoint, for a reader who will not open a table. */
static void headline(const wctx *w, const group *g, char *buf, size_t size)
{
    const core_result_row *t = find(w, "arm_summary", g->outcome, g->tp, w->treat, NULL);
    const core_result_row *c = find(w, "arm_summary", g->outcome, g->tp, w->ctrl, NULL);
    const core_result_row *rd = find(w, "risk_difference", g->outcome, g->tp, NULL, "newcombe");
    const core_result_row *chi = find(w, "chisq_test", g->outcome, g->tp, NULL, NULL);
    const char *label = outcome_label(w, g->outcome);
    int k = w->run->small_cell;
    char when[128], groups[512], diff[512], pt[48], pc[48], nt[48], nc[48];

    when_text(w, g->tp, when, sizeof when);
    if (!t || !c || isnan(t->estimate) || isnan(c->estimate)) {
        snprintf(groups, sizeof groups, "the proportions of the two groups are not available");
    } else if (pct_hidden(t, k) || pct_hidden(c, k)) {
        snprintf(groups, sizeof groups,
                 "the proportions are not shown because a count behind them is below %d (disclosure control)",
                 k);
    } else {
        rpt_fmt_num(100 * t->estimate, 1, pt, sizeof pt);
        rpt_fmt_num(100 * c->estimate, 1, pc, sizeof pc);
        rpt_fmt_count(t->n, k, nt, sizeof nt);
        rpt_fmt_count(c->n, k, nc, sizeof nc);
        snprintf(groups, sizeof groups, "%s%% of the %s group (n = %s) and %s%% of the %s group (n = %s)", pt,
                 w->treat, nt, pc, w->ctrl, nc);
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
static size_t headline_groups(const wctx *w, const group *g, size_t ng, size_t *out)
{
    size_t n = 0;
    const char *primary = w->run->trial ? w->run->trial->primary : NULL;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < ng; i++) {
            int is_primary = primary && str_eq(g[i].outcome, primary);
            if ((pass == 0) != is_primary)
                continue;
            int seen = 0;
            for (size_t j = 0; j < i; j++)
                seen |= str_eq(g[j].outcome, g[i].outcome);
            const core_result_row *arm = find(w, "arm_summary", g[i].outcome, g[i].tp, NULL, NULL);
            if (seen || !outcome_is_binary(w, g[i].outcome, arm))
                continue;
            /* latest timepoint: the largest when all are numbers, else the last listed */
            size_t best = i;
            double bx = 0, x;
            int numeric = is_number(g[i].tp, &bx);
            for (size_t j = i + 1; j < ng; j++) {
                if (!str_eq(g[j].outcome, g[i].outcome))
                    continue;
                if (numeric && is_number(g[j].tp, &x)) {
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

static core_status sheet_summary(wctx *w, const group *g, size_t ng, core_err *err)
{
    lxw_worksheet *ws;
    core_status st0 = add_sheet(w, "Summary", &ws, err);
    if (st0 != CORE_OK)
        return st0;
    const rpt_run *run = w->run;
    char b[2048], when[32];
    lxw_row_t r = 0;
    set_cols(w, ws, 0, 0, 36, NULL);
    set_cols(w, ws, 1, 1, 11, NULL);
    set_cols(w, ws, 2, 3, 12, NULL);
    set_cols(w, ws, 4, 4, 34, NULL);
    set_cols(w, ws, 5, 5, 10, NULL);

    put_text(w, ws, r++, 0, run->title && *run->title ? run->title : "IPS evaluation", w->f.title);
    if (run->synthetic)
        put_text(w, ws, r++, 0,
                 "Synthetic data: these results come from simulated example data, not from real people.",
                 w->f.synthetic);
    iso_time(run->started, when, sizeof when);
    snprintf(b, sizeof b, "ipseval %s, run %s (UTC)", run->version ? run->version : "", when);
    put_text(w, ws, r++, 0, b, w->f.meta);
    r++;

    size_t *hl = malloc((ng ? ng : 1) * sizeof *hl);
    if (!hl)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory writing the Summary sheet");
    size_t nh = headline_groups(w, g, ng, hl);
    const char *primary = run->trial ? run->trial->primary : NULL;
    if (nh == 0) {
        put_text(w, ws, r++, 0,
                 "This run has no trial results for binary outcomes; the sheets below hold its results.",
                 NULL);
    } else if (!w->treat || !w->ctrl) {
        put_text(w, ws, r++, 0,
                 "The trial's intervention and control arms are not named; see the Results sheet.", NULL);
    } else {
        for (size_t i = 0; i < nh; i++) {
            int is_primary = primary && str_eq(g[hl[i]].outcome, primary);
            if (i == 0)
                put_text(w, ws, r++, 0, is_primary ? "Primary outcome" : "Main results", w->f.subtitle);
            else if (i == 1 && primary && str_eq(g[hl[0]].outcome, primary))
                put_text(w, ws, r++, 0, "Other outcomes", w->f.subtitle);
            headline(w, &g[hl[i]], b, sizeof b);
            merge_text(w, ws, r++, 0, 5, b, w->f.sentence, lines_for(b, 90));
        }
        r++;

        /* The same numbers as a small table. */
        char h[160];
        put_text(w, ws, r++, 0, "Headline effects", w->f.subtitle);
        put_text(w, ws, r, 0, "Outcome", w->f.header);
        put_text(w, ws, r, 1, "Timepoint", w->f.header);
        snprintf(h, sizeof h, "%s %%", w->treat);
        put_text(w, ws, r, 2, h, w->f.header);
        snprintf(h, sizeof h, "%s %%", w->ctrl);
        put_text(w, ws, r, 3, h, w->f.header);
        snprintf(h, sizeof h, "Difference, percentage points (%s CI)", w->conf[0] ? w->conf : "");
        put_text(w, ws, r, 4, h, w->f.header);
        put_text(w, ws, r, 5, "p-value", w->f.header);
        r++;
        for (size_t i = 0; i < nh; i++, r++) {
            const group *x = &g[hl[i]];
            put_text(w, ws, r, 0, outcome_label(w, x->outcome), w->f.wrap);
            timepoint_cell(w, ws, r, 1, x->tp);
            share_cell(w, ws, r, 2, find(w, "arm_summary", x->outcome, x->tp, w->treat, NULL), 1);
            share_cell(w, ws, r, 3, find(w, "arm_summary", x->outcome, x->tp, w->ctrl, NULL), 1);
            effect_cell(w, ws, r, 4, find(w, "risk_difference", x->outcome, x->tp, NULL, "newcombe"), 100, 1);
            p_cell(w, ws, r, 5, find(w, "chisq_test", x->outcome, x->tp, NULL, NULL));
        }
        snprintf(b, sizeof b,
                 "Differences are %s minus %s, with Newcombe's interval; p from Pearson's chi-square test. "
                 "Details by timepoint are on the Trial outcomes sheet.",
                 w->treat, w->ctrl);
        merge_text(w, ws, r++, 0, 5, b, w->f.note, lines_for(b, 100));
    }
    free(hl);
    r++;

    put_text(w, ws, r++, 0, "In this workbook", w->f.subtitle);
    if (ng > 0)
        put_text(w, ws, r++, 0, "Trial outcomes: each outcome by arm and timepoint, with effects and tests.",
                 NULL);
    put_text(w, ws, r++, 0, "Results: every number of the run, one row each, ready to filter.", NULL);
    put_text(w, ws, r++, 0, "Methods: each method used, with a reference.", NULL);
    put_text(w, ws, r++, 0,
             "Provenance: software, settings, input files with checksums, and the configuration.", NULL);
    if (run->small_cell > 0) {
        snprintf(b, sizeof b,
                 "Counts below %d are shown as \"<%d\" and the percentages they would reveal as \"" EM_DASH
                 "\" (disclosure control).",
                 run->small_cell, run->small_cell);
        put_text(w, ws, r++, 0, b, w->f.note);
    }
    return CORE_OK;
}

/* ---------- Trial outcomes ---------- */

static core_status sheet_trial(wctx *w, const group *g, size_t ng, core_err *err)
{
    lxw_worksheet *ws;
    core_status st0 = add_sheet(w, "Trial outcomes", &ws, err);
    if (st0 != CORE_OK)
        return st0;
    const char *tl = w->treat ? w->treat : "Arm 1", *cl = w->ctrl ? w->ctrl : "Arm 2";
    char b[2048];
    const char *ci = w->conf[0] ? w->conf : "";
    lxw_row_t r = 0;

    snprintf(b, sizeof b, "Trial outcomes: %s vs %s", tl, cl);
    put_text(w, ws, r++, 0, b, w->f.title);
    snprintf(b, sizeof b, "One row per outcome and timepoint. Intervals are %s confidence intervals.", ci);
    put_text(w, ws, r++, 0, b, w->f.meta);
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
        put_text(w, ws, r, c, h[c], w->f.header);
    err_at(w, worksheet_set_row(ws, r, 32, NULL), ws, r, 0);
    r++;

    for (size_t i = 0; i < ng; i++, r++) {
        const char *o = g[i].outcome, *tp = g[i].tp;
        const core_result_row *at = find(w, "arm_summary", o, tp, tl, NULL);
        const core_result_row *ac = find(w, "arm_summary", o, tp, cl, NULL);
        int binary = outcome_is_binary(w, o, at ? at : ac);
        put_text(w, ws, r, 0, outcome_label(w, o), w->f.wrap);
        timepoint_cell(w, ws, r, 1, tp);
        count_cell(w, ws, r, 2, at);
        share_cell(w, ws, r, 3, at, binary);
        count_cell(w, ws, r, 4, ac);
        share_cell(w, ws, r, 5, ac, binary);
        effect_cell(w, ws, r, 6, find(w, "risk_difference", o, tp, NULL, "newcombe"), 100, 1);
        effect_cell(w, ws, r, 7, find(w, "risk_ratio", o, tp, NULL, NULL), 1, 2);
        effect_cell(w, ws, r, 8, find(w, "odds_ratio", o, tp, NULL, "woolf"), 1, 2);
        effect_cell(w, ws, r, 9, find(w, "odds_ratio", o, tp, NULL, "fisher_cmle"), 1, 2);
        p_cell(w, ws, r, 10, find(w, "chisq_test", o, tp, NULL, NULL));
        p_cell(w, ws, r, 11, find(w, "fisher_exact", o, tp, NULL, NULL));
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
                 "shown as \"" EM_DASH "\".",
                 w->run->small_cell, w->run->small_cell);
    }
    merge_text(w, ws, r, 0, 11, b, w->f.note, lines_for(b, 150));

    set_cols(w, ws, 0, 0, 30, NULL);
    set_cols(w, ws, 1, 1, 10, NULL);
    set_cols(w, ws, 2, 5, 9, NULL);
    set_cols(w, ws, 6, 6, 20, NULL);
    set_cols(w, ws, 7, 9, 19, NULL);
    set_cols(w, ws, 10, 11, 11, NULL);
    worksheet_freeze_panes(ws, header + 1, 2);
    return CORE_OK;
}

/* ---------- Results ---------- */

static core_status sheet_results(wctx *w, core_err *err)
{
    lxw_worksheet *ws;
    core_status st0 = add_sheet(w, "Results", &ws, err);
    if (st0 != CORE_OK)
        return st0;
    if (w->res->n + 1 > LXW_ROW_MAX)
        return core_err_set(err, CORE_ERR_OUTPUT, "%zu result rows do not fit on one worksheet (at most %d)",
                            w->res->n, LXW_ROW_MAX - 1);
    lxw_col_t nc = 0;
    for (; core_results_columns[nc]; nc++)
        put_text(w, ws, 0, nc, core_results_columns[nc], w->f.header);
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        lxw_row_t r = (lxw_row_t)(i + 1);
        const char *s[] = {x->module, x->analysis, x->outcome, x->timepoint, x->term, x->method};
        const double v[] = {x->estimate, x->se,      x->ci_low,     x->ci_high, x->statistic,
                            x->df,       x->p_value, x->p_adjusted, x->n};
        lxw_col_t c = 0;
        for (size_t k = 0; k < sizeof s / sizeof s[0]; k++)
            put_text(w, ws, r, c++, s[k], NULL);
        for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
            put_num(w, ws, r, c++, v[k], NULL); /* General format: the full stored value shows on click */
        put_text(w, ws, r, c, x->label, NULL);
    }
    err_at(w, worksheet_autofilter(ws, 0, 0, (lxw_row_t)w->res->n, nc - 1), ws, 0, 0);
    worksheet_freeze_panes(ws, 1, 0);
    set_cols(w, ws, 0, 0, 9, NULL);
    set_cols(w, ws, 1, 1, 22, NULL);
    set_cols(w, ws, 2, 2, 16, NULL);
    set_cols(w, ws, 3, 3, 11, NULL);
    set_cols(w, ws, 4, 5, 14, NULL);
    set_cols(w, ws, 6, 14, 12, NULL);
    set_cols(w, ws, 15, 15, 30, NULL);
    return CORE_OK;
}

/* ---------- Methods ---------- */

static core_status sheet_methods(wctx *w, core_err *err)
{
    lxw_worksheet *ws;
    core_status st0 = add_sheet(w, "Methods", &ws, err);
    if (st0 != CORE_OK)
        return st0;
    char b[512];
    lxw_row_t r = 0;
    put_text(w, ws, r++, 0, "Methods", w->f.title);
    snprintf(b, sizeof b,
             "Every method used in this run, with a reference. Intervals are %s confidence intervals; "
             "p-values are two-sided.",
             w->conf[0] ? w->conf : "");
    put_text(w, ws, r++, 0, b, w->f.meta);
    r++;
    const char *head[] = {"Module", "Analysis", "Method", "Name", "What it is", "Reference"};
    for (lxw_col_t c = 0; c < 6; c++)
        put_text(w, ws, r, c, head[c], w->f.header);
    lxw_row_t header = r++;

    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *x = &w->res->rows[i];
        int seen = 0; /* one row per distinct (module, analysis, method), in order of first use */
        for (size_t j = 0; j < i && !seen; j++) {
            const core_result_row *y = &w->res->rows[j];
            seen = str_eq(x->module, y->module) && str_eq(x->analysis, y->analysis) &&
                   str_eq(x->method, y->method);
        }
        if (seen)
            continue;
        const rpt_method_info *m = rpt_method_lookup(x->analysis, x->method);
        put_text(w, ws, r, 0, x->module, w->f.wrap);
        put_text(w, ws, r, 1, x->analysis, w->f.wrap);
        put_text(w, ws, r, 2, x->method, w->f.wrap);
        if (m) {
            put_text(w, ws, r, 3, m->name, w->f.wrap);
            put_text(w, ws, r, 4, m->description, w->f.wrap);
            put_text(w, ws, r, 5, m->reference, w->f.wrap);
        } else {
            snprintf(b, sizeof b, "%s%s%s%s", x->analysis ? x->analysis : "", x->method ? " (" : "",
                     x->method ? x->method : "", x->method ? ")" : "");
            put_text(w, ws, r, 3, b, w->f.wrap);
            put_text(w, ws, r, 4, "No description in this version of the report.", w->f.wrap);
            put_text(w, ws, r, 5, "see docs/methods.md", w->f.wrap);
        }
        r++;
    }
    set_cols(w, ws, 0, 0, 9, NULL);
    set_cols(w, ws, 1, 1, 20, NULL);
    set_cols(w, ws, 2, 2, 13, NULL);
    set_cols(w, ws, 3, 3, 34, NULL);
    set_cols(w, ws, 4, 4, 55, NULL);
    set_cols(w, ws, 5, 5, 70, NULL);
    worksheet_freeze_panes(ws, header + 1, 0);
    return CORE_OK;
}

/* ---------- Provenance ---------- */

static void kv(wctx *w, lxw_worksheet *ws, lxw_row_t *r, const char *key, const char *value)
{
    put_text(w, ws, *r, 0, key, w->f.key);
    put_text(w, ws, *r, 1, value, NULL);
    (*r)++;
}

static core_status sheet_provenance(wctx *w, core_err *err)
{
    lxw_worksheet *ws;
    core_status st0 = add_sheet(w, "Provenance", &ws, err);
    if (st0 != CORE_OK)
        return st0;
    const rpt_run *run = w->run;
    char b[512];
    lxw_row_t r = 0;
    put_text(w, ws, r++, 0, "Provenance", w->f.title);
    r++;
    kv(w, ws, &r, "Title", run->title);
    snprintf(b, sizeof b, "ipseval %s", run->version ? run->version : "");
    kv(w, ws, &r, "Software", b);
    snprintf(b, sizeof b, "ipseval %s", run->command ? run->command : "");
    kv(w, ws, &r, "Command", b);
    iso_time(run->started, b, sizeof b);
    kv(w, ws, &r, "Run time (UTC)", b);
    if (run->has_seed) {
        snprintf(b, sizeof b, "%lu", run->seed); /* text: a 64-bit seed does not survive a double */
        kv(w, ws, &r, "Seed", b);
    }
    kv(w, ws, &r, "Confidence level", w->conf[0] ? w->conf : "not set");
    kv(w, ws, &r, "Currency", run->currency);
    if (run->small_cell > 0)
        snprintf(b, sizeof b, "%d (counts below it are shown as \"<%d\")", run->small_cell, run->small_cell);
    else
        snprintf(b, sizeof b, "none");
    kv(w, ws, &r, "Small-cell threshold", b);
    kv(w, ws, &r, "Data",
       run->synthetic ? "synthetic (simulated example data)" : "as read from the input files");
    kv(w, ws, &r, "Configuration file", run->config_path);
    kv(w, ws, &r, "Configuration SHA-256", run->config_sha256);
    r++;

    put_text(w, ws, r++, 0, "Input files", w->f.subtitle);
    const char *head[] = {"Role", "Path", "SHA-256", "Rows", "Columns"};
    for (lxw_col_t c = 0; c < 5; c++)
        put_text(w, ws, r, c, head[c], w->f.header);
    r++;
    if (run->n_inputs == 0 || !run->inputs)
        put_text(w, ws, r++, 0, "(none)", NULL);
    for (size_t i = 0; run->inputs && i < run->n_inputs; i++, r++) {
        const rpt_input *in = &run->inputs[i];
        put_text(w, ws, r, 0, in->role, NULL);
        put_text(w, ws, r, 1, in->path, NULL);
        put_text(w, ws, r, 2, in->sha256, w->f.mono);
        if (in->rows >= 0)
            put_num(w, ws, r, 3, (double)in->rows, w->f.count);
        else
            put_text(w, ws, r, 3, "n/a", w->f.right);
        if (in->cols >= 0)
            put_num(w, ws, r, 4, (double)in->cols, w->f.count);
        else
            put_text(w, ws, r, 4, "n/a", w->f.right);
    }
    r++;

    snprintf(b, sizeof b, "Configuration file as read%s%s%s", run->config_path ? " (" : "",
             run->config_path ? run->config_path : "", run->config_path ? ")" : "");
    put_text(w, ws, r++, 0, b, w->f.subtitle);
    const char *p = run->config_text ? run->config_text : "";
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len && p[len - 1] == '\r')
            len--; /* a config saved on Windows */
        char *line = strndup(p, len);
        if (!line)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory writing the Provenance sheet");
        put_text(w, ws, r++, 0, line, w->f.mono);
        free(line);
        if (r >= LXW_ROW_MAX)
            break;
        p = nl ? nl + 1 : p + len;
        if (!nl)
            break;
    }
    set_cols(w, ws, 0, 0, 24, NULL);
    set_cols(w, ws, 1, 1, 50, NULL);
    set_cols(w, ws, 2, 2, 68, NULL);
    set_cols(w, ws, 3, 4, 9, NULL);
    return CORE_OK;
}

/* ---------- the workbook ---------- */

static core_status build(wctx *w, core_err *err)
{
    if (!make_formats(w))
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory creating cell formats");
    group *g = malloc((w->res->n ? w->res->n : 1) * sizeof *g);
    if (!g)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    size_t ng = collect_groups(w, g);
    pick_arms(w);
    core_status st = sheet_summary(w, g, ng, err);
    if (st == CORE_OK && ng > 0)
        st = sheet_trial(w, g, ng, err);
    if (st == CORE_OK)
        st = sheet_results(w, err);
    if (st == CORE_OK)
        st = sheet_methods(w, err);
    if (st == CORE_OK)
        st = sheet_provenance(w, err);
    free(g);
    if (st == CORE_OK && w->nomem)
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory writing the workbook");
    if (st == CORE_OK && w->lerr != LXW_NO_ERROR)
        st = core_err_set(err, CORE_ERR_OUTPUT, "%s: %s", w->where, lxw_strerror(w->lerr));
    return st;
}

core_status rpt_workbook_write_staged(const core_results *res, const rpt_run *run, core_atomic *a, core_err *err)
{
    static const core_results no_rows = {0, 0, NULL};
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

    wctx w = {.res = res, .run = run, .lerr = LXW_NO_ERROR};
    if (run->confidence > 0 && run->confidence < 1)
        snprintf(w.conf, sizeof w.conf, "%.6g%%", 100 * run->confidence);

    w.book = workbook_new(a->tmp_path); /* libxlsxwriter opens the temporary file by name */
    if (!w.book) {
        st = core_err_set(err, CORE_ERR_NOMEM, "cannot write '%s': out of memory", path);
    } else {
        char title[512], author[128], comments[128];
        snprintf(title, sizeof title, "%s", run->title ? run->title : "ipseval report");
        snprintf(author, sizeof author, "ipseval %s", run->version ? run->version : "");
        snprintf(comments, sizeof comments, "%s", run->synthetic ? "Synthetic data" : "");
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
