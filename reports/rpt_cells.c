/* The workbook's cell helpers (declared in rpt_internal.h): every libxlsxwriter call of the sheet
 * writers goes through them, which keep the first error (with its sheet and cell) so one check at
 * the end covers them all. NaN and Inf never reach worksheet_write_number. Also the formats, the
 * row look-ups and the cells of result rows that several sheets show. */
#include "reports/rpt_internal.h"
#include "reports/rpt_msg.h"
#include "reports/rpt_font.h"
#include "core/core_text.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define CELL_MAX_BYTES 32000 /* under Excel's 32,767 characters per cell, whatever the encoding */

/* ---------- small helpers ---------- */

int rpt_str_eq(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0; /* NULL and "" are both "empty" */
}

int rpt_is_number(const char *s, double *out)
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

void rpt_err_at(rpt_wctx *w, lxw_error e, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c)
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
    size_t len = core_utf8_len(s, s[0] ? strnlen((const char *)s, 4) : 1); /* UTF-8 as core reads it */
    if (len == 3 && s[0] == 0xEF && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF))
        return 0; /* U+FFFE, U+FFFF: valid UTF-8, not allowed in XML */
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

/* ---------- the house style: what the helpers saw on each sheet, applied by rpt_style_finish ---------- */

#define STYLE_COLS 128      /* columns whose width is fitted; beyond them the sheet's own widths stand */
#define STYLE_SHEETS 64
#define DEFAULT_WIDTH 8.43  /* Excel's default column width in characters */
#define MAX_FIT 60.0        /* never wider than this: longer texts wrap or run on */
#define FIT_TEXT_CHARS 40   /* a text longer than this is a sentence or note that runs on, not a cell */
#define LONG_TEXT_CHARS 60   /* a layout text in column A longer than this may run past the print: it is wrapped */
#define FREEZE_MAX_ROW 6    /* a first header row further down sits under a narrative: nothing frozen */

typedef struct rpt_sheet_style {
    lxw_worksheet *ws;
    double set[STYLE_COLS];          /* width the sheet set (0: default) */
    lxw_format *set_fmt[STYLE_COLS]; /* and the column's format */
    double fit[STYLE_COLS];          /* widest fitted content seen */
    long header;                     /* first row written with the header format; -1: none */
    long data_col;                   /* first column of chart data (rpt_chart_data_cols); -1: none */
    long print_last;                 /* last printed row (rpt_print_end); -1: every row used */
    int print_pages;                 /* page budget (rpt_print_pages); 0: DEFAULT_PRINT_PAGES */
    int budget_cut;                  /* print_last is where the page budget ran out */
    long plan_last;                  /* a second plan: for the rows down to this one (the first plan's cut); -1 */
    int key_cols;                    /* label columns repeated on each column group's pages (rpt_print_key_cols); -1:
                                      * inferred */
    int big;                         /* constant-memory sheet: rows are gone once written, never resized */
    struct wrapped {                 /* each wrapped cell: its row is made as tall as its lines at the end */
        lxw_row_t row;
        lxw_col_t col;
        char *text;                  /* what it shows, measured in its font (rpt_font.h) */
        int style;                   /* RPT_FONT_REGULAR, ... */
        double size;                 /* points */
        double indent;               /* points its format indents it by */
    } *wrapped;
    size_t n_wrapped, cap_wrapped;
    struct long_text {               /* a sentence or note in column A alone: wrapped over the print's width */
        lxw_row_t row;
        char *text;
        lxw_format *f;
        size_t chars;
    } *longs;
    size_t n_longs, cap_longs;
    char *head_text[STYLE_COLS];     /* the last header written in each column, and its row (rpt_ci_cell) */
    long head_row[STYLE_COLS];
    struct ivl {                     /* an interval shown by a formula of its numbers (rpt_ci_cell) */
        lxw_row_t row;
        lxw_col_t col;
        double est, lo, hi;
        int digits, pct;
        lxw_format *f;
        int slot;                    /* its number columns: slot[slot] */
    } *ivls;
    size_t n_ivls, cap_ivls;
    struct ci_slot {                 /* one interval column of one table: its header, where its numbers go */
        lxw_col_t col;
        long head_row;
        int only;
        char *head;
    } slot[64];
    int n_slot;
} rpt_sheet_style;

struct rpt_style {
    size_t n, last;
    rpt_sheet_style s[STYLE_SHEETS];
    struct { lxw_format *from, *to; } twin[64]; /* indented twins of formats (indent_after_right) */
    size_t n_twin;
};

static rpt_sheet_style *sheet_style(rpt_wctx *w, lxw_worksheet *ws)
{
    struct rpt_style *st = w->style;
    if (!st || !ws)
        return NULL;
    if (st->last < st->n && st->s[st->last].ws == ws)
        return &st->s[st->last];
    for (size_t i = 0; i < st->n; i++)
        if (st->s[i].ws == ws) {
            st->last = i;
            return &st->s[i];
        }
    return NULL;
}

static void style_register(rpt_wctx *w, lxw_worksheet *ws)
{
    if (!w->style && !(w->style = calloc(1, sizeof *w->style))) {
        w->nomem = 1;
        return;
    }
    struct rpt_style *st = w->style;
    if (st->n == STYLE_SHEETS)
        return;
    rpt_sheet_style *ss = &st->s[st->n++];
    memset(ss, 0, sizeof *ss);
    ss->ws = ws;
    ss->header = -1;
    ss->data_col = -1;
    ss->print_last = -1;
    ss->plan_last = -1;
    ss->key_cols = -1;
    for (lxw_col_t c = 0; c < STYLE_COLS; c++)
        ss->head_row[c] = -1;
}

/* Characters of UTF-8 text s (its first line only when multi-line), and its longest word. */
static size_t text_chars(const char *s, size_t *longest_word)
{
    size_t n = 0, word = 0, lw = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && *p != '\n'; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        n++;
        if (*p == ' ') {
            word = 0;
        } else if (++word > lw) {
            lw = word;
        }
    }
    if (longest_word)
        *longest_word = lw;
    return n;
}

static void note_width(rpt_wctx *w, lxw_worksheet *ws, lxw_col_t c, double width)
{
    rpt_sheet_style *ss = sheet_style(w, ws);
    if (!ss || c >= STYLE_COLS)
        return;
    if (width > MAX_FIT)
        width = MAX_FIT;
    if (width > ss->fit[c])
        ss->fit[c] = width;
}

/* Layout texts (titles, notes, sentences, wrapped cells) are not fitted: they wrap or run on by design. */
static int layout_format(const rpt_wctx *w, const lxw_format *f)
{
    const rpt_formats *F = &w->f;
    return f && (f == F->title || f == F->subtitle || f == F->synthetic || f == F->meta || f == F->note ||
                 f == F->sentence || f->text_wrap);
}

/* The font style and size of format f (rpt_font.h). */
static int font_style(const lxw_format *f)
{
    if (f && strcmp(f->font_name, "Courier New") == 0)
        return RPT_FONT_MONO;
    return f ? (f->bold ? RPT_FONT_BOLD : 0) + (f->italic ? RPT_FONT_ITALIC : 0) : 0;
}

static double font_size(const lxw_format *f)
{
    return f && f->font_size > 0 ? f->font_size : 11.0;
}

/* The column width (Excel's unit, as rpt_set_cols takes it) that shows text `pt` points wide on one line, with a
 * point to spare beside the cell's padding. */
static double fit_units(double pt)
{
    double per = rpt_col_print_pt(2.0) - rpt_col_print_pt(1.0); /* points a unit of width adds */
    double need = 1.0 + (pt + RPT_CELL_PAD_PT + 1.0 - rpt_col_print_pt(1.0)) / per;
    return need < 1 ? 1 : ceil(need * 7) / 7;
}

/* Points format f indents its text by (LibreOffice: three spaces a level). */
static double f_indent_pt(const lxw_format *f)
{
    return f ? f->indent * rpt_text_pt("   ", 3, 0, font_size(f)) : 0;
}

/* A wrapped cell, for the row height rpt_style_finish gives it (size_rows). */
static void note_wrapped(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, const lxw_format *f)
{
    rpt_sheet_style *ss = sheet_style(w, ws);
    if (!ss || ss->big || c >= STYLE_COLS)
        return;
    if (ss->n_wrapped == ss->cap_wrapped) {
        size_t cap = ss->cap_wrapped ? 2 * ss->cap_wrapped : 64;
        struct wrapped *nw = realloc(ss->wrapped, cap * sizeof *nw);
        if (!nw) {
            w->nomem = 1;
            return;
        }
        ss->wrapped = nw;
        ss->cap_wrapped = cap;
    }
    char *t = strdup(s ? s : "");
    if (!t) {
        w->nomem = 1;
        return;
    }
    ss->wrapped[ss->n_wrapped++] =
        (struct wrapped){r, c, t, font_style(f), font_size(f), f_indent_pt(f)};
}

/* A long layout text in column A, kept to be wrapped over the print's width (print_layout). */
static void note_long(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, const char *s, lxw_format *f, size_t n)
{
    rpt_sheet_style *ss = sheet_style(w, ws);
    if (!ss || ss->big)
        return;
    if (ss->n_longs == ss->cap_longs) {
        size_t cap = ss->cap_longs ? 2 * ss->cap_longs : 16;
        struct long_text *nl = realloc(ss->longs, cap * sizeof *nl);
        if (!nl) {
            w->nomem = 1;
            return;
        }
        ss->longs = nl;
        ss->cap_longs = cap;
    }
    char *t = strdup(s);
    if (!t) {
        w->nomem = 1;
        return;
    }
    ss->longs[ss->n_longs++] = (struct long_text){r, t, f, n};
}

static void note_text(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
    if (f && f->text_wrap)
        note_wrapped(w, ws, r, c, s, f);
    size_t lw, n = text_chars(s, &lw);
    if (f && f == w->f.header) {
        rpt_sheet_style *ss = sheet_style(w, ws);
        if (ss && ss->header < 0)
            ss->header = (long)r;
        if (ss && c < STYLE_COLS) { /* the header an interval below it names its numbers by (rpt_ci_cell) */
            char *t = strdup(s);
            if (t) {
                free(ss->head_text[c]);
                ss->head_text[c] = t;
                ss->head_row[c] = (long)r;
            } else {
                w->nomem = 1;
            }
        }
        /* a header wraps between words, never inside one: as wide as its widest word */
        double widest = 0;
        for (const char *p = s; *p;) {
            size_t k = strcspn(p, " \n");
            double t = rpt_text_pt(p, k, font_style(f), font_size(f));
            if (t > widest)
                widest = t;
            p += k;
            p += *p != '\0';
        }
        note_width(w, ws, c, fit_units(widest));
        return;
    }
    if (layout_format(w, f) && c == 0 && n > LONG_TEXT_CHARS && !strchr(s, '\n') && f != w->f.title)
        note_long(w, ws, r, s, f, n);
    if (layout_format(w, f) || n > FIT_TEXT_CHARS)
        return;
    note_width(w, ws, c, fit_units(rpt_text_pt(s, strcspn(s, "\n"), font_style(f), font_size(f)) + f_indent_pt(f)));
}

/* Width a number takes in the format it is written with (approximately, in characters). */
static void note_number(rpt_wctx *w, lxw_worksheet *ws, lxw_col_t c, double x, lxw_format *f)
{
    char b[64];
    const char *nf = f ? f->num_format : "";
    if (!*nf || strcmp(nf, "General") == 0) {
        snprintf(b, sizeof b, "%.10g", x); /* General shows at most about 11 characters */
        size_t n = strlen(b);
        note_width(w, ws, c, (double)(n > 11 ? 11 : n) + 2);
        return;
    }
    int decimals = 0;
    const char *dot = strchr(nf, '.');
    if (dot)
        for (const char *p = dot + 1; *p == '0'; p++)
            decimals++;
    double scale = strchr(nf, '%') ? 100 : 1;
    snprintf(b, sizeof b, "%.*f", decimals, fabs(x) * scale);
    double n = (double)strlen(b) + (x < 0) + (strchr(nf, '%') != NULL);
    if (strchr(nf, ',')) /* thousands separators */
        n += floor(log10(fabs(x) * scale + 1) / 3);
    const char *q = strchr(nf, '"'); /* a literal such as the currency code */
    if (q) {
        const char *e = strchr(q + 1, '"');
        if (e)
            n += (double)(e - q - 1);
    }
    note_width(w, ws, c, n + 2);
}

/* 1 if the row holds any cell. */
static int row_has_cells(lxw_row *row)
{
    return row && !RB_EMPTY(row->cells);
}

/* How a cell's content sits: 0 left (text), 1 right (numbers, right-aligned text), 2 centred; -1 no content. */
static int cell_side(const lxw_cell *cell)
{
    if (!cell || cell->type == BLANK_CELL)
        return -1;
    unsigned h = cell->format ? cell->format->text_h_align : 0;
    if (h == LXW_ALIGN_CENTER || h == LXW_ALIGN_CENTER_ACROSS)
        return 2;
    if (h == LXW_ALIGN_RIGHT)
        return 1;
    if (h == LXW_ALIGN_LEFT)
        return 0;
    return cell->type == NUMBER_CELL || cell->type == FORMULA_CELL || cell->type == ARRAY_FORMULA_CELL ||
           cell->type == BOOLEAN_CELL;
}

/*
 * The table grammar's headers: a header cell (written with w->f.header) takes the alignment of the content
 * under it, down to the column's next header or its first empty cell after some content: right over
 * numbers, centred over centred cells, left over text. Numbers under a left header read one column over.
 */
static void align_headers(rpt_wctx *w, lxw_worksheet *ws)
{
    lxw_col_t last_col = ws->dim_colmax < STYLE_COLS ? ws->dim_colmax : STYLE_COLS - 1;
    if (ws->dim_rowmax == 0 && ws->dim_colmax == 0)
        return;
    for (lxw_col_t c = 0; c <= last_col; c++) {
        lxw_cell *head = NULL;
        int tally[3] = {0, 0, 0}, seen = 0;
        for (lxw_row_t r = 0; r <= ws->dim_rowmax + 1; r++) {
            lxw_row *row = r <= ws->dim_rowmax ? lxw_worksheet_find_row(ws, r) : NULL;
            lxw_cell *cell = row ? lxw_worksheet_find_cell_in_row(row, c) : NULL;
            int is_head = cell && cell->format == w->f.header;
            int side = is_head ? -1 : cell_side(cell);
            if (head && (is_head || (side < 0 && seen) || r > ws->dim_rowmax)) {
                int best = tally[1] > tally[0] ? (tally[2] > tally[1] ? 2 : 1) : (tally[2] > tally[0] ? 2 : 0);
                if (best == 1)
                    head->format = w->f.header_r;
                else if (best == 2)
                    head->format = w->f.header_c;
                head = NULL;
            }
            if (is_head) {
                head = cell;
                tally[0] = tally[1] = tally[2] = 0;
                seen = 0;
            } else if (head && side >= 0) {
                tally[side]++;
                seen = 1;
            }
        }
    }
}


/* The twin of format f indented one level (made once per format): its font, number format, alignment, borders and
 * fill, and an indent. NULL when no more twins can be made. */
static lxw_format *format_twin(rpt_wctx *w, lxw_format *f, int indent, int wrap);

static lxw_format *indent_twin(rpt_wctx *w, lxw_format *f)
{
    if (!f)
        f = w->f.plain;
    return f->indent ? f : format_twin(w, f, 1, f->text_wrap);
}

/* The twin of format f with `indent` levels and wrapping `wrap` (made once per format and kind). */
static lxw_format *format_twin(rpt_wctx *w, lxw_format *f, int indent, int wrap)
{
    struct rpt_style *st = w->style;
    for (size_t i = 0; i < st->n_twin; i++)
        if (st->twin[i].from == f && st->twin[i].to->indent == indent && st->twin[i].to->text_wrap == wrap)
            return st->twin[i].to;
    if (st->n_twin == sizeof st->twin / sizeof st->twin[0])
        return NULL;
    lxw_format *t = workbook_add_format(w->book);
    if (!t) {
        w->nomem = 1;
        return NULL;
    }
    if (f->font_name[0])
        format_set_font_name(t, f->font_name);
    if (f->font_size > 0)
        format_set_font_size(t, f->font_size);
    if (f->bold)
        format_set_bold(t);
    if (f->italic)
        format_set_italic(t);
    if (f->underline)
        format_set_underline(t, f->underline);
    if (f->font_color != LXW_COLOR_UNSET)
        format_set_font_color(t, f->font_color);
    if (f->num_format[0])
        format_set_num_format(t, f->num_format);
    else if (f->num_format_index)
        format_set_num_format_index(t, (uint8_t)f->num_format_index);
    format_set_align(t, indent || !f->text_h_align ? LXW_ALIGN_LEFT : f->text_h_align);
    if (f->text_v_align)
        format_set_align(t, f->text_v_align);
    if (wrap)
        format_set_text_wrap(t);
    if (f->bottom)
        format_set_bottom(t, f->bottom);
    if (f->top)
        format_set_top(t, f->top);
    if (f->bg_color != LXW_COLOR_UNSET)
        format_set_bg_color(t, f->bg_color);
    if (f->fg_color != LXW_COLOR_UNSET)
        format_set_fg_color(t, f->fg_color);
    if (f->pattern)
        format_set_pattern(t, f->pattern);
    if (indent)
        format_set_indent(t, (uint8_t)indent);
    st->twin[st->n_twin].from = f;
    st->twin[st->n_twin++].to = t;
    return t;
}

/*
 * The table grammar's gutter: a left-aligned column right after a right-aligned one ("72" then "Not IPS") would touch
 * it, so its header and its left-aligned cells are indented one level, down to the table's end (the column's next
 * header or first empty row after content). The columns indented: in ind[] (their widths grow by the indent).
 */
static void indent_after_right(rpt_wctx *w, lxw_worksheet *ws, int *ind)
{
    lxw_col_t last_col = ws->dim_colmax < STYLE_COLS ? ws->dim_colmax : STYLE_COLS - 1;
    for (lxw_row_t r = 0; r <= ws->dim_rowmax; r++) {
        lxw_row *row = lxw_worksheet_find_row(ws, r);
        for (lxw_col_t c = 1; row && c <= last_col; c++) {
            lxw_cell *head = lxw_worksheet_find_cell_in_row(row, c);
            lxw_cell *left = lxw_worksheet_find_cell_in_row(row, c - 1);
            if (!head || head->format != w->f.header || !left || left->format != w->f.header_r)
                continue;
            lxw_format *t = indent_twin(w, head->format);
            if (!t)
                return;
            head->format = t;
            ind[c] = 1;
            int seen = 0;
            for (lxw_row_t q = r + 1; q <= ws->dim_rowmax; q++) {
                lxw_row *qr = lxw_worksheet_find_row(ws, q);
                lxw_cell *cell = qr ? lxw_worksheet_find_cell_in_row(qr, c) : NULL;
                if (cell && (cell->format == w->f.header || cell->format == w->f.header_r ||
                             cell->format == w->f.header_c))
                    break;
                int side = cell_side(cell);
                if (side < 0) {
                    if (seen && !(qr && row_has_cells(qr)))
                        break;
                    continue;
                }
                seen = 1;
                if (side == 0 && (!cell->format || !cell->format->indent)) {
                    lxw_format *ct = indent_twin(w, cell->format);
                    if (ct)
                        cell->format = ct;
                }
            }
        }
    }
}

/* ---------- print: the page model of rpt_style_finish ---------- */

/*
 * Print geometry: A4 with margins of 0.4 inch left and right and 0.6 inch top and bottom (the header and footer
 * 0.25 inch from the edge). A sheet prints at no less than MIN_SCALE, so 11 pt text never prints below 8.4 pt: a
 * sheet wider than that splits into groups of whole columns (its first column repeated when it is a label
 * column), and a chart that would make the print wider moves below the sheet's tables.
 */
#define PAGE_LONG_PT 841.9
#define PAGE_SHORT_PT 595.3
#define MARGIN_LR_IN 0.4
#define MARGIN_TB_IN 0.6
#define MARGIN_HF_IN 0.25
#define MIN_SCALE 0.75
#define MAX_BREAKS 256
#define MAX_GROUPS 16
#define MAX_CHARTS 64
#define DEFAULT_PRINT_PAGES 2 /* a sheet's print: its first tables, on at most this many pages */

static double col_px(double width)
{
    return width <= 0 ? 0 : (width < 1 ? floor(width * 12 + 0.5) : floor(width * 7 + 0.5) + 5);
}

static double row_pt(lxw_worksheet *ws, lxw_row_t r)
{
    lxw_row *row = lxw_worksheet_find_row(ws, r);
    return row && row->height_changed ? row->height : 15.0;
}

/* 1 if row r holds a cell of the header format in columns 0..last. */
static int header_row(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t last)
{
    lxw_row *row = lxw_worksheet_find_row(ws, r);
    for (lxw_col_t c = 0; row && c <= last; c++) {
        lxw_cell *cell = lxw_worksheet_find_cell_in_row(row, c);
        if (cell && (cell->format == w->f.header || cell->format == w->f.header_r || cell->format == w->f.header_c))
            return 1;
    }
    return 0;
}

/* 1 if row r has any cell in columns 0..last. */
static int row_used(lxw_worksheet *ws, lxw_row_t r, lxw_col_t last)
{
    lxw_row *row = lxw_worksheet_find_row(ws, r);
    for (lxw_col_t c = 0; row && c <= last; c++)
        if (lxw_worksheet_find_cell_in_row(row, c))
            return 1;
    return 0;
}



/* A label cell: text, or a whole number in the General format (a timepoint, a year), not a formatted figure. */
static int label_cell(const lxw_cell *cell)
{
    if (!cell || cell->type == BLANK_CELL)
        return -1;
    if (cell->type == STRING_CELL || cell->type == INLINE_STRING_CELL)
        return cell_side(cell) == 0;
    if (cell->type == NUMBER_CELL)
        return (!cell->format || !cell->format->num_format[0] || strcmp(cell->format->num_format, "General") == 0) &&
               cell->u.number == floor(cell->u.number) && fabs(cell->u.number) < 1e5;
    return 0;
}

/* The label columns of the sheet's widest table (the one whose header reaches furthest right): its leading columns
 * of text or whole numbers (Outcome, Timepoint; Site, Review), up to its first column of figures. */
static lxw_col_t infer_key_cols(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t last_row, lxw_col_t last_col)
{
    long best_head = -1;
    lxw_col_t best_w = 0;
    for (lxw_row_t r = 0; r <= last_row; r++) {
        if (!header_row(w, ws, r, last_col))
            continue;
        lxw_row *row = lxw_worksheet_find_row(ws, r);
        lxw_col_t e = 0;
        for (lxw_col_t c = 0; row && c <= last_col; c++)
            if (lxw_worksheet_find_cell_in_row(row, c))
                e = c + 1;
        if (e > best_w) {
            best_w = e;
            best_head = (long)r;
        }
        while (r + 1 <= last_row && row_used(ws, r + 1, last_col))
            r++;
    }
    if (best_head < 0)
        return 0;
    lxw_col_t k = 0;
    int prev_num = 0; /* the column before held whole numbers: two such columns are figures, not labels */
    for (; k + 1 < best_w; k++) {
        int labels = 0, other = 0, nums = 0;
        for (lxw_row_t r = (lxw_row_t)best_head + 1; r <= last_row && row_used(ws, r, last_col); r++) {
            if (header_row(w, ws, r, last_col))
                continue; /* the header under a band of group headers */
            lxw_row *row = lxw_worksheet_find_row(ws, r);
            lxw_cell *cell = row ? lxw_worksheet_find_cell_in_row(row, k) : NULL;
            int l = label_cell(cell);
            labels += l == 1;
            other += l == 0;
            nums += l == 1 && cell->type == NUMBER_CELL;
        }
        if (other || !labels || (nums && prev_num))
            break;
        prev_num = nums > 0;
    }
    if (k > 0 && prev_num && k + 1 >= best_w)
        k--;
    return k;
}

void rpt_print_key_cols(rpt_wctx *w, lxw_worksheet *ws, int ncols)
{
    rpt_sheet_style *ss = sheet_style(w, ws);
    if (ss && ncols >= 0)
        ss->key_cols = ncols;
}


/* Width of column c in points as LibreOffice prints it (rpt_font.h: measured on its PDF). */
#define PRINT_WIDTH_SLACK (rpt_col_print_pt(10) / (0.75 * col_px(10)))
static double col_pt(const double *width, lxw_col_t c)
{
    return rpt_col_print_pt(c < STYLE_COLS ? width[c] : DEFAULT_WIDTH);
}

/* A chart's place in points: left and right edges from column 0, top and height; its first row. */
struct chart_box {
    lxw_object_properties *op;
    double left, right, height;
    lxw_row_t row0; /* where the sheet put it */
    lxw_col_t col0;
    int32_t x0, y0;
};

/* One way to print a sheet on a page of pw x ph points: the scale, the column groups, the charts moved down. */
struct print_plan {
    int landscape;
    double scale;
    size_t n_groups;
    lxw_col_t group[MAX_GROUPS]; /* first column of each group after the first */
    lxw_col_t n_key;             /* the first n_key columns (the tables' labels) printed on every group's pages */
    int split;                   /* the tables' columns are split over groups */
    double move_beyond;          /* charts whose right edge passes this (points) move below the tables */
    double pages;                /* estimated pages */
};

/* Groups of whole columns 0..last, each at most `avail` points wide (later groups also carry the first nkey columns,
 * the table's labels): the number of groups, their first columns in g; 0 when it would take more than MAX_GROUPS. */
static size_t column_groups(const double *width, lxw_col_t last, double avail, lxw_col_t nkey, lxw_col_t *g)
{
    size_t n = 1;
    double x = 0, w0 = 0;
    for (lxw_col_t c = 0; c < nkey && c <= last; c++)
        w0 += col_pt(width, c);
    for (lxw_col_t c = 0; c <= last; c++) {
        double cw = col_pt(width, c);
        if (x > 0 && c >= nkey && x + cw > avail) {
            if (n >= MAX_GROUPS)
                return 0;
            g[n - 1] = c;
            n++;
            x = w0;
        }
        x += cw;
    }
    return n;
}

static double cols_pt(const double *width, lxw_col_t a, lxw_col_t b)
{
    double x = 0;
    for (lxw_col_t c = a; c <= b; c++)
        x += col_pt(width, c);
    return x;
}

/*
 * How to print on one orientation: everything one page wide when that keeps MIN_SCALE; else, when the charts that
 * widen the print stand right of every cell, the tables on one page and the charts beside them on the next (a
 * vertical break between); else the charts that widen the print move below the tables when the tables alone fit;
 * else groups of whole columns at the largest scale that needs no more groups than MIN_SCALE does.
 */
static void plan_for(struct print_plan *p, int landscape, const double *width, lxw_col_t last_cells,
                     const struct chart_box *cb, size_t n_cb, double rows_pt, lxw_col_t nkey)
{
    double pw = (landscape ? PAGE_LONG_PT : PAGE_SHORT_PT) - 2 * 72 * MARGIN_LR_IN;
    double ph = (landscape ? PAGE_SHORT_PT : PAGE_LONG_PT) - 2 * 72 * MARGIN_TB_IN;
    double cells = cols_pt(width, 0, last_cells), all = cells;
    for (size_t k = 0; k < n_cb; k++)
        if (cb[k].right > all)
            all = cb[k].right;
    memset(p, 0, sizeof *p);
    p->landscape = landscape;
    p->n_groups = 1;
    p->move_beyond = 1e300;
    /* the charts right of every cell: their first column and the width they take from it */
    lxw_col_t beside = LXW_COL_MAX;
    double beside_w = 0;
    int all_beside = 1;
    for (size_t k = 0; k < n_cb; k++) {
        if (cb[k].right <= pw / 1.0 && cb[k].right <= cells)
            continue;
        if (cb[k].op->col <= last_cells)
            all_beside = 0;
        else if (cb[k].op->col < beside)
            beside = cb[k].op->col;
    }
    if (beside != LXW_COL_MAX)
        for (size_t k = 0; k < n_cb; k++)
            if (cb[k].op->col >= beside && cb[k].right - cols_pt(width, 0, beside - 1) > beside_w)
                beside_w = cb[k].right - cols_pt(width, 0, beside - 1);
    if (all * MIN_SCALE <= pw) { /* everything fits one page wide */
        p->scale = pw / all > 1 ? 1 : pw / all;
    } else if (all_beside && beside != LXW_COL_MAX && cells * MIN_SCALE <= pw && beside_w * MIN_SCALE <= pw) {
        double wide = cells > beside_w ? cells : beside_w;
        p->scale = pw / wide > 1 ? 1 : pw / wide;
        p->n_groups = 2;
        p->group[0] = beside;
    } else if (cells * MIN_SCALE <= pw) { /* the tables fit: the charts that widen the print move below */
        p->move_beyond = cells > pw ? cells : pw;
        double keep = cells;
        for (size_t k = 0; k < n_cb; k++)
            if (cb[k].right <= p->move_beyond && cb[k].right > keep)
                keep = cb[k].right;
        p->scale = pw / keep > 1 ? 1 : pw / keep;
    } else { /* groups of columns */
        p->split = 1;
        /* the label columns repeat on every group's page while they take at most 45% of it (else column A alone,
         * when it takes at most 30%) */
        p->n_key = nkey;
        while (p->n_key > 0 && cols_pt(width, 0, p->n_key - 1) > (p->n_key > 1 ? 0.45 : 0.3) * pw / MIN_SCALE)
            p->n_key--;
        lxw_col_t g[MAX_GROUPS];
        size_t n = column_groups(width, last_cells, pw / MIN_SCALE, p->n_key, g);
        double lo = MIN_SCALE, hi = 1;
        for (int it = 0; n && it < 20; it++) {
            double mid = (lo + hi) / 2;
            size_t m = column_groups(width, last_cells, pw / mid, p->n_key, g);
            if (m && m <= n)
                lo = mid;
            else
                hi = mid;
        }
        p->scale = lo;
        p->n_groups = n ? column_groups(width, last_cells, pw / lo, p->n_key, p->group) : 1;
        p->move_beyond = cols_pt(width, 0, p->n_groups > 1 ? p->group[0] - 1 : last_cells);
    }
    double h = rows_pt;
    for (size_t k = 0; k < n_cb; k++)
        if (cb[k].right > p->move_beyond)
            h += cb[k].height + 15;
    p->pages = p->n_groups * ceil(1.1 * h * p->scale / ph);
}

/* About the share of the sheet's rows plan p prints within `budget` pages (its pages down: the budget shared by its
 * column groups). */
static double budget_share(const struct print_plan *p, size_t budget)
{
    double down = (double)(budget / p->n_groups ? budget / p->n_groups : 1);
    double need = p->pages / (double)p->n_groups;
    return need <= down ? 1.0 : down / need;
}

/* The wrapping twin of a layout format (made once per format; the same format when it wraps already). */
static lxw_format *wrap_format(rpt_wctx *w, lxw_format *f)
{
    static const size_t max = sizeof w->f / sizeof(lxw_format *);
    if (!f || f->text_wrap)
        return f;
    lxw_format **twin = NULL;
    if (f == w->f.meta)
        twin = &w->wrap_meta;
    else if (f == w->f.synthetic)
        twin = &w->wrap_synthetic;
    else if (f == w->f.subtitle)
        twin = &w->wrap_subtitle;
    (void)max;
    if (!twin)
        return NULL;
    if (!*twin) {
        lxw_format *t = workbook_add_format(w->book);
        if (!t) {
            w->nomem = 1;
            return NULL;
        }
        if (f->bold)
            format_set_bold(t);
        if (f->italic)
            format_set_italic(t);
        if (f->font_color != LXW_COLOR_UNSET)
            format_set_font_color(t, f->font_color);
        format_set_text_wrap(t);
        format_set_align(t, LXW_ALIGN_VERTICAL_TOP);
        *twin = t;
    }
    return *twin;
}

/* 1 if no cell of row r in columns 0..last, nor a chart over it. */
static int row_free(lxw_worksheet *ws, lxw_row_t r, lxw_col_t last, const struct chart_box *cb, size_t n_cb)
{
    if (row_used(ws, r, last))
        return 0;
    for (size_t k = 0; k < n_cb; k++) {
        lxw_row_t a = cb[k].op->row, b = a;
        double y = 0;
        while (y + row_pt(ws, b) < cb[k].height && b < LXW_ROW_MAX - 1)
            y += row_pt(ws, b++);
        if (r >= a && r <= b)
            return 0;
    }
    return 1;
}

/* A chart font at least min_pt: a font libxlsxwriter keeps holds its size in hundredths of a point; a missing one
 * (the chart's default of 10 pt) is made. */
static void font_at_least(lxw_chart_font **f, double min_pt, int *nomem)
{
    if (!*f) {
        if (min_pt <= 10)
            return;
        if (!(*f = calloc(1, sizeof **f))) {
            *nomem = 1;
            return;
        }
    }
    if ((*f)->size < 100 * min_pt)
        (*f)->size = 100 * min_pt;
}

/* Every text of a chart printed at `scale` made large enough to print at 8.5 pt or more. */
static void chart_fonts(lxw_chart *ch, double scale, int *nomem)
{
    double min_pt = ceil(2 * 8.5 / scale) / 2;
    if (ch->title.font)
        font_at_least(&ch->title.font, min_pt, nomem);
    font_at_least(&ch->legend.font, min_pt, nomem);
    lxw_chart_axis *ax[] = {ch->x_axis, ch->y_axis};
    for (size_t i = 0; i < 2; i++) {
        if (!ax[i])
            continue;
        font_at_least(&ax[i]->title.font, min_pt, nomem);
        font_at_least(&ax[i]->num_font, min_pt, nomem);
    }
    lxw_chart_series *se;
    STAILQ_FOREACH(se, ch->series_list, list_pointers)
    {
        if (se->has_labels || se->data_label_count)
            font_at_least(&se->label_font, min_pt, nomem);
        for (uint16_t k = 0; se->data_labels && k < se->data_label_count; k++)
            if (se->data_labels[k].font)
                font_at_least(&se->data_labels[k].font, min_pt, nomem);
    }
}

/* 1 if row r has a cell right of column `cells` (up to `all`), or a chart starts in it (rows beyond a plan). */
static int row_beyond(lxw_worksheet *ws, lxw_row_t r, lxw_col_t cells, lxw_col_t all)
{
    lxw_row *row = lxw_worksheet_find_row(ws, r);
    for (lxw_col_t c = cells + 1; row && c <= all; c++)
        if (lxw_worksheet_find_cell_in_row(row, c))
            return 1;
    lxw_object_properties *op;
    STAILQ_FOREACH(op, ws->chart_data, list_pointers)
        if (op->row == r)
            return 1;
    return 0;
}

/*
 * The sheet's print: its print area (the columns left of any chart data, the rows used or charted, down to what the
 * page budget allows), the page's orientation and scale (print_plan), a page break before each table or chart that
 * would not fit on what is left of a page (and does fit on a fresh one), and the header row repeated only when the
 * sheet's one table runs over pages. A sheet longer than its budget (rpt_print_pages; DEFAULT_PRINT_PAGES) prints
 * its first tables, and a note under them says the rest is on screen.
 */
static void size_rows(rpt_wctx *w, rpt_sheet_style *ss, const double *width);

static void print_layout(rpt_wctx *w, rpt_sheet_style *ss, const double *width)
{
    lxw_worksheet *ws = ss->ws;
    lxw_col_t last_col = ws->dim_colmax;
    if (ss->data_col > 0 && last_col >= (lxw_col_t)ss->data_col)
        last_col = (lxw_col_t)ss->data_col - 1;
    if (ws->print_area.in_use && ws->print_area.last_col < last_col)
        last_col = ws->print_area.last_col;
    lxw_row_t last_row = ws->dim_rowmax; /* the last row with something in the printed columns */
    if (ss->print_last >= 0 && (lxw_row_t)ss->print_last < last_row)
        last_row = (lxw_row_t)ss->print_last;
    while (last_row > 0 && !row_used(ws, last_row, last_col))
        last_row--;
    /* the charts' boxes */
    struct chart_box cb[MAX_CHARTS];
    size_t n_cb = 0;
    lxw_object_properties *op;
    STAILQ_FOREACH(op, ws->chart_data, list_pointers)
    {
        if (n_cb == MAX_CHARTS)
            break;
        if ((ss->print_last >= 0 && (long)op->row > ss->print_last) || (ss->plan_last >= 0 && (long)op->row > ss->plan_last))
            continue; /* below the print (or the rows planned for): on screen only */
        double left = PRINT_WIDTH_SLACK * 0.75 * op->x_offset;
        for (lxw_col_t c = 0; c < op->col; c++)
            left += col_pt(width, c);
        cb[n_cb].op = op;
        cb[n_cb].row0 = op->row;
        cb[n_cb].col0 = op->col;
        cb[n_cb].x0 = op->x_offset;
        cb[n_cb].y0 = op->y_offset;
        cb[n_cb].left = left;
        cb[n_cb].right = left + PRINT_WIDTH_SLACK * 0.75 * op->width * (op->x_scale > 0 ? op->x_scale : 1);
        cb[n_cb].height = 0.75 * (op->y_offset + op->height * (op->y_scale > 0 ? op->y_scale : 1));
        n_cb++;
    }
    lxw_col_t last_cells = 0; /* the last column with a cell in the printed rows (those planned for) */
    lxw_col_t cols_all = last_col;
    for (lxw_row_t r = 0; r <= last_row && (ss->plan_last < 0 || (long)r <= ss->plan_last); r++) {
        lxw_row *row = lxw_worksheet_find_row(ws, r);
        for (lxw_col_t c = last_col; row && c > last_cells; c--)
            if (lxw_worksheet_find_cell_in_row(row, c)) {
                last_cells = c;
                break;
            }
    }
    /* long sentences and notes alone in column A: merged over the columns printed on the first pages and wrapped
     * there, the row made tall enough, so no line runs past the page's edge */
    lxw_col_t g1 = 0;
    double avail = col_px(width[0]);
    while (g1 < last_cells && PRINT_WIDTH_SLACK * 0.75 * (avail + col_px(g1 + 1 < STYLE_COLS ? width[g1 + 1] : DEFAULT_WIDTH)) <=
                                  (PAGE_LONG_PT - 2 * 72 * MARGIN_LR_IN) / MIN_SCALE) {
        g1++;
        avail += col_px(g1 < STYLE_COLS ? width[g1] : DEFAULT_WIDTH);
    }
    for (size_t k = 0; k < ss->n_longs; k++) {
        struct long_text *lt = &ss->longs[k];
        if (g1 == 0 || (long)lt->row > (long)last_row ||
            rpt_text_pt(lt->text, strlen(lt->text), font_style(lt->f), font_size(lt->f)) <= rpt_col_text_pt(width[0]))
            continue;
        int alone = 1;
        lxw_row *row = lxw_worksheet_find_row(ws, lt->row);
        for (lxw_col_t c = 1; row && c <= last_col && alone; c++)
            alone = !lxw_worksheet_find_cell_in_row(row, c);
        lxw_merged_range *mr;
        STAILQ_FOREACH(mr, ws->merged_ranges, list_pointers)
            if (mr->first_row <= lt->row && mr->last_row >= lt->row)
                alone = 0;
        if (!alone)
            continue;
        lxw_format *wf = wrap_format(w, lt->f);
        if (!wf)
            continue;
        rpt_err_at(w, worksheet_merge_range(ws, lt->row, 0, lt->row, g1, lt->text, wf), ws, lt->row, 0);
        note_wrapped(w, ws, lt->row, 0, lt->text, wf);
    }
    size_rows(w, ss, width);
    lxw_col_t nkey = ss->key_cols >= 0 ? (lxw_col_t)ss->key_cols : infer_key_cols(w, ws, last_row, last_cells);
    double rows_pt = 0;
    for (lxw_row_t r = 0; r <= last_row; r++)
        rows_pt += row_pt(ws, r);
    /* landscape or portrait: tables kept whole, then fewer column groups, then fewer pages, then the larger scale */
    struct print_plan pl, pp;
    plan_for(&pl, 1, width, last_cells, cb, n_cb, rows_pt, nkey);
    plan_for(&pp, 0, width, last_cells, cb, n_cb, rows_pt, nkey);
    /* the share of the sheet each plan prints within the page budget: the plan that prints more comes first */
    size_t budget0 = ss->print_pages > 0 ? (size_t)ss->print_pages : DEFAULT_PRINT_PAGES;
    double shown_l = budget_share(&pl, budget0), shown_p = budget_share(&pp, budget0);
    struct print_plan *p =
        shown_p > shown_l + 0.05 ||
                (fabs(shown_p - shown_l) <= 0.05 &&
                 (pp.split < pl.split ||
                  (pp.split == pl.split &&
                   (pp.n_groups < pl.n_groups ||
                    (pp.n_groups == pl.n_groups &&
                     (pp.pages < pl.pages || (pp.pages == pl.pages && pp.scale > pl.scale + 0.05)))))))
            ? &pp
            : &pl;
    /* column groups repeat the label columns on every group's page: a chart that starts in them would print a cut
     * strip there, so it starts right of them (when it still fits the first group; else it moves below) */
    lxw_col_t home = p->n_groups > 1 ? p->n_key : 0;
    double home_pt = home > 0 ? cols_pt(width, 0, home - 1) : 0;
    for (size_t k = 0; home > 0 && k < n_cb; k++) {
        if (cb[k].left >= home_pt - 0.5 || cb[k].right <= home_pt)
            continue;
        lxw_object_properties *o = cb[k].op;
        o->col = home;
        o->x_offset = 0;
        cb[k].right += home_pt - cb[k].left;
        cb[k].left = home_pt;
    }
    /* charts beyond the print's width move below everything, one under another, at the left edge (right of the
     * repeated label columns) */
    lxw_row_t below = last_row + 2;
    for (size_t k = 0; k < n_cb; k++) {
        if (cb[k].right <= p->move_beyond)
            continue;
        lxw_object_properties *o = cb[k].op;
        o->row = below;
        o->col = home;
        o->x_offset = 0;
        o->y_offset = 0;
        cb[k].left = home_pt;
        cb[k].right = home_pt + PRINT_WIDTH_SLACK * 0.75 * o->width * (o->x_scale > 0 ? o->x_scale : 1);
        double y = 0;
        while (y < cb[k].height)
            y += row_pt(ws, below++);
        below++;
    }
    /* the print area's columns: the cells and the charts */
    last_col = last_cells;
    for (size_t k = 0; k < n_cb; k++) {
        lxw_object_properties *o = cb[k].op;
        double px = cb[k].right - cols_pt(width, 0, o->col) + col_pt(width, o->col);
        lxw_col_t c = o->col;
        while (px > col_pt(width, c) && c < LXW_COL_MAX - 1) {
            px -= col_pt(width, c);
            c++;
        }
        if (c > last_col)
            last_col = c;
    }
    /* rows: each chart is a span kept on one page */
    struct span { lxw_row_t a, b; } sp[MAX_BREAKS];
    size_t n_sp = 0;
    lxw_row_t last_all = last_row;
    for (size_t k = 0; k < n_cb; k++) {
        lxw_object_properties *o = cb[k].op;
        lxw_row_t r = o->row;
        double y = 0;
        while (y + row_pt(ws, r) < cb[k].height + 0.75 * o->y_offset && r < LXW_ROW_MAX - 1) {
            y += row_pt(ws, r);
            r++;
        }
        if (r > last_all)
            last_all = r;
        if (n_sp < MAX_BREAKS)
            sp[n_sp++] = (struct span){o->row, r};
    }
    last_row = last_all;
    /* tables: from a header row (or a subtitle right above one) down to the first empty row */
    long first_end = -1, n_tables = 0;
    for (lxw_row_t r = 0; r <= last_row; r++) {
        if (!header_row(w, ws, r, last_col))
            continue;
        lxw_row_t a = r > 0 && row_used(ws, r - 1, last_col) && !header_row(w, ws, r - 1, last_col) ? r - 1 : r;
        lxw_row_t b = r;
        while (b + 1 <= last_row && row_used(ws, b + 1, last_col))
            b++;
        if (n_tables++ == 0)
            first_end = (long)b;
        if (n_sp < MAX_BREAKS)
            sp[n_sp++] = (struct span){a, b};
        r = b;
    }
    double scale = p->n_groups > 1 ? floor(100 * p->scale) / 100 : p->scale;
    /* greedy breaks: a span that does not fit on what is left of the page starts a new one; the print stops where
     * the page budget (pages down, per column group) runs out */
    size_t budget = ss->print_pages > 0 ? (size_t)ss->print_pages : DEFAULT_PRINT_PAGES;
    size_t pages_down = budget / p->n_groups ? budget / p->n_groups : 1, page_no = 1;
    /* LibreOffice keeps a little of the page between the header and the body: 5% kept free */
    double page = 0.95 * ((p->landscape ? PAGE_SHORT_PT : PAGE_LONG_PT) - 2 * 72 * MARGIN_TB_IN) / scale, y = 0;
    lxw_row_t breaks[MAX_BREAKS + 1];
    size_t nb = 0;
    long first_break = -1, cut = -1;
    for (lxw_row_t r = 0; r <= last_row; r++) {
        if (ss->plan_last >= 0 && (long)r > ss->plan_last && row_beyond(ws, r, last_cells, cols_all)) {
            cut = (long)r - 1; /* past the rows planned for: a wider row, or a chart, the plan did not see */
            break;
        }
        double h = 0;
        lxw_row_t end = r;
        for (size_t k = 0; k < n_sp; k++)
            if (sp[k].a == r && sp[k].b > end)
                end = sp[k].b;
        for (lxw_row_t q = r; q <= end; q++)
            h += row_pt(ws, q);
        double rh = row_pt(ws, r);
        int brk = 0;
        if (end > r && y > 0 && y + h > page && h <= page && nb < MAX_BREAKS)
            brk = 2; /* ours */
        else if (y + rh > page)
            brk = 1; /* the spreadsheet's own */
        if (brk && page_no == pages_down) {
            cut = (long)r - 1;
            break;
        }
        if (brk) {
            if (brk == 2)
                breaks[nb++] = r;
            if (first_break < 0)
                first_break = (long)r;
            page_no++;
            y = 0;
        }
        y += rh;
    }
    if (cut >= 0 && !ss->budget_cut && ss->plan_last < 0) {
        /* charts or wide tables below the cut may have widened the plan: plan again (once) for the rows down to the
         * cut, the charts back in place; that plan prints on until its own budget runs out, or a row it did not
         * plan for */
        int again = p->n_groups > 1;
        for (size_t k = 0; k < n_cb; k++)
            again |= (long)cb[k].row0 > cut;
        if (again) {
            for (size_t k = 0; k < n_cb; k++) {
                cb[k].op->row = cb[k].row0;
                cb[k].op->col = cb[k].col0;
                cb[k].op->x_offset = cb[k].x0;
                cb[k].op->y_offset = cb[k].y0;
            }
            ss->plan_last = cut;
            print_layout(w, ss, width);
            return;
        }
    }
    if (cut >= 0) { /* the rest stays on screen (the footer says so): the print ends at the last row used */
        ss->budget_cut = 1;
        lxw_row_t e = (lxw_row_t)cut;
        while (e > 0 && row_free(ws, e, last_col, cb, n_cb))
            e--;
        last_row = e;
        for (size_t k = 0; k < n_sp; k++) /* a chart cut off is not printed at all: the print stops above it */
            if (sp[k].a <= last_row && sp[k].b > last_row && sp[k].a > 0 && k < n_cb)
                last_row = sp[k].a - 1;
        while (nb > 0 && breaks[nb - 1] > last_row)
            nb--;
    }
    worksheet_set_paper(ws, 9); /* A4 */
    if (p->landscape)
        worksheet_set_landscape(ws);
    else
        worksheet_set_portrait(ws);
    worksheet_set_margins(ws, MARGIN_LR_IN, MARGIN_LR_IN, MARGIN_TB_IN, MARGIN_TB_IN);
    ws->margin_header = MARGIN_HF_IN;
    ws->margin_footer = MARGIN_HF_IN;
    {
        /* a wrapped text merged past the print's right edge (or the first column group's) would be cut there: it
         * wraps within the print (the first group) instead, its row made tall enough (size_rows) */
        lxw_col_t edge = p->n_groups > 1 ? p->group[0] : last_col + 1;
        lxw_merged_range *mr;
        STAILQ_FOREACH(mr, ws->merged_ranges, list_pointers) {
            if (mr->first_col >= edge || mr->last_col < edge || mr->first_row != mr->last_row || mr->first_row > last_row)
                continue;
            lxw_row *row = lxw_worksheet_find_row(ws, mr->first_row);
            lxw_cell *cell = row ? lxw_worksheet_find_cell_in_row(row, mr->first_col) : NULL;
            if (!cell || !cell->sst_string || (!(cell->format && cell->format->text_wrap) && p->n_groups == 1))
                continue;
            if (p->n_groups > 1 && (cell->format == w->f.header || cell->format == w->f.header_r ||
                                    cell->format == w->f.header_c))
                continue; /* a band of group headers: shown again on each group's page (below) */
            if (!(cell->format && cell->format->text_wrap)) { /* text merged across a group's edge: wrapped */
                lxw_format *src = cell->format ? cell->format : w->f.plain;
                lxw_format *wf = format_twin(w, src, src->indent, 1);
                if (!wf)
                    continue;
                cell->format = wf;
                note_wrapped(w, ws, mr->first_row, mr->first_col, cell->sst_string, wf);
            }
            mr->last_col = edge - 1;
        }
        size_rows(w, ss, width);
    }
    if (p->n_groups > 1) {
        lxw_merged_range *mr;
        /* a band of group headers (a merged header cell over several columns) that a group's edge cuts: its text
         * shown again on the group's page, over the band's columns there */
        for (size_t gk = 0; gk + 1 < p->n_groups; gk++) {
            lxw_col_t g = p->group[gk];
            lxw_merged_range *band[16];
            size_t nband = 0;
            STAILQ_FOREACH(mr, ws->merged_ranges, list_pointers)
                if (mr->first_row == mr->last_row && mr->first_col < g && mr->last_col >= g && nband < 16 &&
                    mr->first_row <= last_row)
                    band[nband++] = mr;
            for (size_t q = 0; q < nband; q++) {
                mr = band[q];
                lxw_row *row = lxw_worksheet_find_row(ws, mr->first_row);
                lxw_cell *cell = row ? lxw_worksheet_find_cell_in_row(row, mr->first_col) : NULL;
                if (!cell || !cell->sst_string || !cell->format ||
                    !(cell->format == w->f.header || cell->format == w->f.header_r || cell->format == w->f.header_c))
                    continue;
                lxw_col_t last = mr->last_col;
                char *t = strdup(cell->sst_string);
                lxw_format *bf = cell->format;
                if (!t) {
                    w->nomem = 1;
                    continue;
                }
                mr->last_col = g - 1;
                if (last > g)
                    rpt_err_at(w, worksheet_merge_range(ws, mr->first_row, g, mr->first_row, last, t, bf), ws,
                               mr->first_row, g);
                else
                    rpt_err_at(w, worksheet_write_string(ws, mr->first_row, g, t, bf), ws, mr->first_row, g);
                free(t);
            }
        }
        size_rows(w, ss, width);
        worksheet_set_print_scale(ws, (uint16_t)(100 * scale + 0.5));
        lxw_col_t vb[MAX_GROUPS + 1];
        for (size_t k = 0; k + 1 < p->n_groups; k++)
            vb[k] = p->group[k];
        vb[p->n_groups - 1] = 0;
        rpt_err_at(w, worksheet_set_v_pagebreaks(ws, vb), ws, 0, 0);
        worksheet_print_across(ws);
        if (p->n_key > 0)
            rpt_err_at(w, worksheet_repeat_columns(ws, 0, p->n_key - 1), ws, 0, 0);
    } else {
        worksheet_fit_to_pages(ws, 1, 0);
    }
    rpt_err_at(w, worksheet_print_area(ws, 0, 0, last_row, last_col), ws, 0, 0);
    STAILQ_FOREACH(op, ws->chart_data, list_pointers)
        if (op->chart)
            chart_fonts(op->chart, scale, &w->nomem);
    breaks[nb] = 0;
    if (nb)
        rpt_err_at(w, worksheet_set_h_pagebreaks(ws, breaks), ws, 0, 0);
    /* print titles only for a table that runs over pages, and only when it is the sheet's one table */
    if (n_tables == 1 && ss->header >= 0 && first_break > ss->header && first_end >= first_break)
        rpt_err_at(w, worksheet_repeat_rows(ws, (lxw_row_t)ss->header, (lxw_row_t)ss->header), ws, 0, 0);
}

/* ---------- row heights: each row with wrapped text exactly as tall as its lines ---------- */

static int wrapped_cmp(const void *a, const void *b)
{
    const struct wrapped *x = a, *y = b;
    return x->row != y->row ? (x->row < y->row ? -1 : 1) : (x->col != y->col ? (x->col < y->col ? -1 : 1) : 0);
}

/* The single-row merged range that holds cell (r, c), or NULL. */
static lxw_merged_range *merged_at(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c)
{
    lxw_merged_range *mr;
    STAILQ_FOREACH(mr, ws->merged_ranges, list_pointers)
        if (mr->first_row <= r && r <= mr->last_row && mr->first_col <= c && c <= mr->last_col)
            return mr;
    return NULL;
}

/* Lines wrapped cell cw takes in its column (or its merged range) at the widths `width`; 0 when it sizes no row. */
static int wrapped_lines(rpt_sheet_style *ss, const struct wrapped *cw, const double *width)
{
    lxw_worksheet *ws = ss->ws;
    if (ss->data_col >= 0 && (long)cw->col >= ss->data_col)
        return 0; /* chart data sizes no row: it would stretch the table beside it */
    lxw_col_t c1 = cw->col, c2 = cw->col;
    lxw_merged_range *mr = merged_at(ws, cw->row, cw->col);
    if (mr) {
        if (mr->first_row != mr->last_row || mr->first_col != cw->col)
            return 0; /* a range of rows, or a cell covered by a range: no row of its own */
        c1 = mr->first_col;
        c2 = mr->last_col;
    }
    lxw_row *row = lxw_worksheet_find_row(ws, cw->row); /* its format now: the gutter may have indented it */
    lxw_cell *cell = row ? lxw_worksheet_find_cell_in_row(row, cw->col) : NULL;
    double avail = cell && cell->format ? -f_indent_pt(cell->format) : -cw->indent;
    for (lxw_col_t c = c1; c <= c2; c++)
        avail += rpt_col_print_pt(c < STYLE_COLS ? width[c] : DEFAULT_WIDTH);
    return rpt_text_lines(cw->text, avail - RPT_CELL_PAD_PT, cw->style, cw->size);
}

#define ROW_MAX_PT 409.0 /* a spreadsheet's tallest row */

/* Every row holding a wrapped cell: as tall as the most lines of its wrapped cells, in their fonts (and never less
 * than one line of the largest font in the row). */
static void size_rows(rpt_wctx *w, rpt_sheet_style *ss, const double *width)
{
    lxw_worksheet *ws = ss->ws;
    if (ss->n_wrapped > 1)
        qsort(ss->wrapped, ss->n_wrapped, sizeof *ss->wrapped, wrapped_cmp);
    for (size_t k = 0; k < ss->n_wrapped;) {
        lxw_row_t r = ss->wrapped[k].row;
        double h = 0;
        int sized = 0;
        for (; k < ss->n_wrapped && ss->wrapped[k].row == r; k++) {
            int lines = wrapped_lines(ss, &ss->wrapped[k], width);
            if (lines <= 0)
                continue;
            double hk = rpt_lines_pt(lines, ss->wrapped[k].size);
            sized = 1;
            if (hk > h)
                h = hk;
        }
        if (!sized)
            continue;
        lxw_row *row = lxw_worksheet_find_row(ws, r);
        for (lxw_col_t c = 0; row && c <= ws->dim_colmax; c++) { /* a larger font elsewhere in the row */
            lxw_cell *cell = lxw_worksheet_find_cell_in_row(row, c);
            if (cell && cell->format && rpt_lines_pt(1, font_size(cell->format)) > h)
                h = rpt_lines_pt(1, font_size(cell->format));
        }
        if (h > ROW_MAX_PT)
            h = ROW_MAX_PT;
        if (row && (row->height_changed ? row->height : 15.0) == h)
            continue;
        rpt_err_at(w, worksheet_set_row(ws, r, h, row ? row->format : NULL), ws, r, 0);
    }
}


#define NARROW_MIN 24.0 /* a column of wrapped text is never narrowed below this (Excel's units) */

/*
 * Columns of wrapped text (notes, labels) narrowed, when that alone lets the sheet's cells print one page wide
 * (landscape at MIN_SCALE): the text wraps in more lines instead of the table splitting into column groups. A column
 * qualifies when every cell in it (headers and layout texts aside) is wrapped text; it keeps its widest word.
 */
static void narrow_wrapped(rpt_wctx *w, rpt_sheet_style *ss, double *width, int *emit)
{
    lxw_worksheet *ws = ss->ws;
    lxw_col_t last = ws->dim_colmax < STYLE_COLS ? ws->dim_colmax : STYLE_COLS - 1;
    if (ss->data_col > 0 && last >= (lxw_col_t)ss->data_col)
        last = (lxw_col_t)ss->data_col - 1;
    lxw_row_t last_row = ws->dim_rowmax;
    if (ss->print_last >= 0 && (lxw_row_t)ss->print_last < last_row)
        last_row = (lxw_row_t)ss->print_last;
    double cap = (PAGE_LONG_PT - 2 * 72 * MARGIN_LR_IN) / MIN_SCALE, total = 0, spare = 0;
    double min_w[STYLE_COLS];
    int ok[STYLE_COLS];
    lxw_col_t last_cells = 0;
    for (lxw_col_t c = 0; c <= last; c++) {
        ok[c] = width[c] > NARROW_MIN;
        min_w[c] = NARROW_MIN;
        int any = 0;
        for (lxw_row_t r = 0; r <= last_row; r++) {
            lxw_row *row = lxw_worksheet_find_row(ws, r);
            lxw_cell *cell = row ? lxw_worksheet_find_cell_in_row(row, c) : NULL;
            if (!cell || cell->type == BLANK_CELL)
                continue;
            if (c > last_cells)
                last_cells = c;
            if (merged_at(ws, r, c))
                continue;
            lxw_format *f = cell->format;
            if (f && (f == w->f.header || f == w->f.header_r || f == w->f.header_c || f->indent) &&
                f->bold && f->text_wrap && cell->sst_string) {
                /* a header: it wraps too, but keeps its widest word */
            } else if (f && (f == w->f.title || f == w->f.subtitle || f == w->f.meta || f == w->f.note ||
                             f == w->f.synthetic)) {
                continue;
            } else if (!(f && f->text_wrap && cell->sst_string &&
                         (cell->type == STRING_CELL || cell->type == INLINE_STRING_CELL))) {
                ok[c] = 0;
                continue;
            }
            any = 1;
            if (!ok[c] || !cell->sst_string)
                continue;
            for (const char *p = cell->sst_string; *p;) { /* its widest word */
                size_t k = strcspn(p, " \n");
                double u = fit_units(rpt_text_pt(p, k, font_style(f), font_size(f)) + f_indent_pt(f));
                if (u > min_w[c])
                    min_w[c] = u;
                p += k;
                p += *p != '\0';
            }
        }
        ok[c] = ok[c] && any && min_w[c] < width[c];
    }
    for (lxw_col_t c = 0; c <= last_cells; c++) {
        total += col_pt(width, c);
        if (ok[c])
            spare += rpt_col_print_pt(width[c]) - rpt_col_print_pt(min_w[c]);
    }
    if (total <= cap || spare <= 0 || total - spare > cap)
        return;
    double k = (total - cap) / spare + 0.01;
    for (lxw_col_t c = 0; c <= last_cells; c++)
        if (ok[c]) {
            double nw = width[c] - k * (width[c] - min_w[c]);
            width[c] = ceil(7 * (nw > min_w[c] ? nw : min_w[c])) / 7;
            emit[c] = 1;
        }
}

static void write_intervals(rpt_wctx *w, rpt_sheet_style *ss);

void rpt_style_finish(rpt_wctx *w)
{
    struct rpt_style *st = w->style;
    const rpt_run *run = w->run;
    char title[160], head[400], foot[200], foot_cut[260];
    /* & starts a code in headers and footers: a literal one is && */
    size_t o = 0;
    const char *p = rpt_tr(w, run->title && *run->title ? run->title : "IPS evaluation");
    for (; *p && o + 3 < sizeof title; p++) {
        if (*p == '&')
            title[o++] = '&';
        title[o++] = *p;
    }
    if (*p) { /* cut short: drop a last character that may be incomplete */
        while (o > 0 && ((unsigned char)title[o - 1] & 0xC0) == 0x80)
            o--;
        if (o > 0 && (unsigned char)title[o - 1] >= 0xC0)
            o--;
    }
    title[o] = '\0';
    snprintf(head, sizeof head, "&L&\"-,Bold\"%s&R&A", title);
    char when[32];
    rpt_iso_time(run->started, when, sizeof when);
    snprintf(foot, sizeof foot, rpt_tr(w, "&Lipseval %s, %.10s&CPage &P of &N&R%s"), run->version ? run->version : "",
             when, run->synthetic ? rpt_tr(w, "Synthetic data") : "");
    /* a sheet whose print stops at its page budget says so on each printed page */
    snprintf(foot_cut, sizeof foot_cut,
             rpt_tr(w, "&Lipseval %s, %.10s&CPage &P of &N: this sheet's first tables; the rest is on the sheet&R%s"),
             run->version ? run->version : "", when, run->synthetic ? rpt_tr(w, "Synthetic data") : "");
    /* One vertical alignment throughout: every cell sits at the top of its row, so a label and its numbers
     * read on one line however many lines the row's wrapped texts take (a sheet's own formats included). */
    lxw_format *fmt;
    STAILQ_FOREACH(fmt, w->book->formats, list_pointers)
        if (fmt->text_v_align == 0)
            format_set_align(fmt, LXW_ALIGN_VERTICAL_TOP);
    for (size_t i = 0; st && i < st->n; i++) {
        rpt_sheet_style *ss = &st->s[i];
        lxw_worksheet *ws = ss->ws;
        write_intervals(w, ss); /* before the widths: its number columns are fitted too */
        free(ss->ivls);
        ss->ivls = NULL;
        for (int k = 0; k < ss->n_slot; k++)
            free(ss->slot[k].head);
        for (lxw_col_t c = 0; c < STYLE_COLS; c++) {
            free(ss->head_text[c]);
            ss->head_text[c] = NULL;
        }
        int ind[STYLE_COLS] = {0};
        if (!ss->big) {
            align_headers(w, ws);
            indent_after_right(w, ws, ind);
        }
        double width[STYLE_COLS];
        int emit[STYLE_COLS];
        double indent_units = rpt_text_pt("   ", 3, 0, 11) / (rpt_col_print_pt(2) - rpt_col_print_pt(1));
        for (lxw_col_t c = 0; c < STYLE_COLS; c++) {
            double have = ss->set[c] > 0 ? ss->set[c] : DEFAULT_WIDTH;
            double fit = ss->fit[c] > 0 && ind[c] ? ss->fit[c] + indent_units : ss->fit[c];
            width[c] = fit > have + 0.5 ? ceil(7 * fit) / 7 : have;
            emit[c] = ss->set[c] > 0 || fit > have + 0.5;
        }
        if (!ss->big)
            narrow_wrapped(w, ss, width, emit);
        /* Each column's width is set once, in runs of equal columns that never overlap (a spreadsheet given
         * overlapping ranges keeps one of them, and a column then shows ### or nothing). A big sheet set its
         * widths as it went (constant-memory mode writes them before the first row). */
        int hide[STYLE_COLS];
        for (lxw_col_t c = 0; c < STYLE_COLS; c++) {
            hide[c] = 0; /* chart data stays visible (a chart skips hidden cells); it is out of the print area */
            emit[c] |= hide[c];
        }
        lxw_row_col_options hidden = {.hidden = 1};
        for (lxw_col_t c = 0; !ss->big && c < STYLE_COLS;) {
            lxw_col_t e = c;
            while (e + 1 < STYLE_COLS && emit[c] && emit[e + 1] && width[e + 1] == width[c] &&
                   ss->set_fmt[e + 1] == ss->set_fmt[c] && hide[e + 1] == hide[c])
                e++;
            if (emit[c])
                rpt_err_at(w, worksheet_set_column_opt(ws, c, e, width[c], ss->set_fmt[c], hide[c] ? &hidden : NULL),
                           ws, 0, c);
            c = e + 1;
        }
        /* Spreadsheets keep an .xlsx row's stored height, so a wrapped cell would spill over the next row (or
         * leave blank lines under it): each row with wrapped cells is made as tall as its longest one's lines. */
        if (!ss->big)
            size_rows(w, ss, width);
        /* Freeze the first table's header row when it is near the top and the sheet froze nothing itself. */
        int table_sheet = ss->header >= 0 && ss->header <= FREEZE_MAX_ROW && strcmp(ws->name, rpt_tr(w, "Summary")) != 0;
        if (table_sheet && ws->panes.type == 0)
            worksheet_freeze_panes(ws, (lxw_row_t)ss->header + 1, 0);
        if (!ss->big)
            print_layout(w, ss, width);
        for (size_t k = 0; k < ss->n_wrapped; k++)
            free(ss->wrapped[k].text);
        free(ss->wrapped);
        ss->wrapped = NULL;
        ss->n_wrapped = 0;
        for (size_t k = 0; k < ss->n_longs; k++)
            free(ss->longs[k].text);
        free(ss->longs);
        ss->longs = NULL;
        ss->n_longs = 0;
        rpt_err_at(w, worksheet_set_header(ws, head), ws, 0, 0);
        rpt_err_at(w, worksheet_set_footer(ws, ss->budget_cut ? foot_cut : foot), ws, 0, 0);
    }
    free(st);
    w->style = NULL;
}


/* ---------- intervals as numbers: a formula of two (or three) number cells shows "est (lo to hi)" ---------- */


/* x (x 100 when pct, with "%") with `digits` decimals rounded half away from zero, as the spreadsheet's FIXED
 * rounds, with a real minus sign (none when it rounds to zero): the cached text of the display formula. */
static void ci_text(double x, int digits, int pct, char *out, size_t size)
{
    double v = pct ? 100 * x : x, k = pow(10, digits), rv = round(v * k) / k;
    char mag[400];
    snprintf(mag, sizeof mag, "%.*f", digits, fabs(rv));
    int nonzero = strpbrk(mag, "123456789") != NULL;
    snprintf(out, size, "%s%s%s", (rv < 0 && nonzero) ? "\xe2\x88\x92" : "", mag, pct ? "%" : "");
}

/* The spreadsheet text of number cell (r, c): FIXED without thousands separators, in the reader's decimal mark;
 * ROUND(..)+0 so that a value rounding to zero shows no minus sign. */
static size_t ci_ref(char *out, size_t size, const char *sheet, lxw_row_t r, lxw_col_t c, int digits, int pct)
{
    char cell[32];
    lxw_rowcol_to_cell(cell, r, c);
    int n = snprintf(out, size, pct ? "FIXED(ROUND(100*%s%s,%d)+0,%d,1)&\"%%\"" : "FIXED(ROUND(%s%s,%d)+0,%d,1)", sheet,
                     cell, digits, digits);
    return n > 0 && (size_t)n < size ? (size_t)n : 0;
}

void rpt_ci_cell(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double est, double lo, double hi,
                 int digits, int pct, lxw_format *f)
{
    rpt_sheet_style *ss = sheet_style(w, ws);
    if (!f)
        f = w->f.right;
    if (digits < 0)
        digits = 0;
    if (digits > 6)
        digits = 6;
    int only = isnan(est); /* an interval without an estimate: "lo to hi" */
    if (!ss || ss->big || c >= STYLE_COLS || !isfinite(lo) || !isfinite(hi) || (!only && !isfinite(est))) {
        /* no numbers to show it by (an infinite or missing bound): the text as before */
        char b[1000], l[420], h[420];
        if (only) {
            char lt[440], ht[440];
            snprintf(lt, sizeof lt, "%s%s", rpt_fmt_num(pct ? 100 * lo : lo, digits, l, sizeof l), pct ? "%" : "");
            snprintf(ht, sizeof ht, "%s%s", rpt_fmt_num(pct ? 100 * hi : hi, digits, h, sizeof h), pct ? "%" : "");
            snprintf(b, sizeof b, "%s to %s", lt, ht);
        } else {
            rpt_fmt_ci(pct ? 100 * est : est, pct ? 100 * lo : lo, pct ? 100 * hi : hi, digits, b, sizeof b);
        }
        rpt_put_text(w, ws, r, c, b, f);
        return;
    }
    if (!w->cd) /* its numbers go to the hidden chart-data sheet: made now, among the analysis sheets */
        (void)rpt_cd_block(w, 0);
    if (ss->n_ivls == ss->cap_ivls) {
        size_t cap = ss->cap_ivls ? 2 * ss->cap_ivls : 64;
        struct ivl *ni = realloc(ss->ivls, cap * sizeof *ni);
        if (!ni) {
            w->nomem = 1;
            return;
        }
        ss->ivls = ni;
        ss->cap_ivls = cap;
    }
    /* the cell is written (and its width noted) now with the text; the formula replaces it at the end */
    char a[440], b[440], d[440], t[1400];
    ci_text(lo, digits, pct, b, sizeof b);
    ci_text(hi, digits, pct, d, sizeof d);
    if (only) {
        rpt_trf(w, t, sizeof t, "%s to %s", b, d);
    } else {
        ci_text(est, digits, pct, a, sizeof a);
        rpt_trf(w, t, sizeof t, "%s (%s to %s)", a, b, d);
    }
    rpt_err_at(w, worksheet_write_string(ws, r, c, t, f), ws, r, c);
    int merged = 0; /* a merged cell's text spans its range: it does not size the column */
    lxw_merged_range *mr;
    STAILQ_FOREACH(mr, ws->merged_ranges, list_pointers)
        if (mr->first_row <= r && r <= mr->last_row && mr->first_col <= c && c <= mr->last_col)
            merged = 1;
    if (!merged)
        note_text(w, ws, r, c, t, f);
    int s = 0;
    while (s < ss->n_slot && !(ss->slot[s].col == c && ss->slot[s].head_row == ss->head_row[c] &&
                               ss->slot[s].only == only))
        s++;
    if (s == ss->n_slot) {
        if (s == (int)(sizeof ss->slot / sizeof ss->slot[0]))
            return; /* the text written above stays */
        ss->slot[s] = (struct ci_slot){c, ss->head_row[c], only, ss->head_text[c] ? strdup(ss->head_text[c]) : NULL};
        if (ss->head_text[c] && !ss->slot[s].head) {
            w->nomem = 1;
            return;
        }
        ss->n_slot++;
    }
    ss->ivls[ss->n_ivls++] = (struct ivl){r, c, est, lo, hi, digits, pct, f, s};
}

/* Each interval of the sheet: its numbers in columns right of every table (out of the print area, beside its table's
 * header row: the column's header, "Lower", "Upper"), and in its cell a formula of them that shows the text. */
static void write_intervals(rpt_wctx *w, rpt_sheet_style *ss)
{
    lxw_worksheet *ws = ss->ws;
    if (!ss->n_ivls)
        return;
    /* the numbers go to a block of the hidden chart-data sheet, in the rows of their cells */
    lxw_col_t total = 0, at_of[64];
    for (int s = 0; s < ss->n_slot; s++)
        total += ss->slot[s].only ? 2 : 3;
    lxw_col_t next = rpt_cd_block(w, total);
    if (!w->cd || w->lerr != LXW_NO_ERROR)
        return; /* the texts written already stay */
    char sheet_ref[120]; /* 'Chart data'! with any quote doubled */
    size_t so = 0;
    sheet_ref[so++] = '\'';
    for (const char *q = rpt_cd_name(w); *q && so + 4 < sizeof sheet_ref; q++) {
        if (*q == '\'')
            sheet_ref[so++] = '\'';
        sheet_ref[so++] = *q;
    }
    sheet_ref[so++] = '\'';
    sheet_ref[so++] = '!';
    sheet_ref[so] = '\0';
    for (int s = 0; s < ss->n_slot; s++) {
        struct ci_slot *sl = &ss->slot[s];
        at_of[s] = next;
        next += sl->only ? 2 : 3;
        if (sl->head_row < 0)
            continue;
        char hb[800];
        lxw_row_t hr = (lxw_row_t)sl->head_row;
        snprintf(hb, sizeof hb, "%s: %s", ws->name, sl->head ? sl->head : ""); /* which sheet's column it is */
        if (sl->only) {
            char hl[900];
            rpt_trf(w, hl, sizeof hl, "%s, lower", hb);
            rpt_cd_text(w, hr, at_of[s], hl);
            rpt_cd_text(w, hr, at_of[s] + 1, rpt_tr(w, "Upper"));
        } else {
            rpt_cd_text(w, hr, at_of[s], hb);
            rpt_cd_text(w, hr, at_of[s] + 1, rpt_tr(w, "Lower"));
            rpt_cd_text(w, hr, at_of[s] + 2, rpt_tr(w, "Upper"));
        }
    }
    for (size_t k = 0; k < ss->n_ivls; k++) {
        struct ivl *v = &ss->ivls[k];
        int only = ss->slot[v->slot].only;
        lxw_col_t at = at_of[v->slot];
        lxw_col_t lc = only ? at : at + 1;
        if (!only)
            rpt_cd_num(w, v->row, at, v->est);
        rpt_cd_num(w, v->row, lc, v->lo);
        rpt_cd_num(w, v->row, lc + 1, v->hi);
        /* the display: the pieces of the message in the workbook's language around the numbers */
        const char *fmt = rpt_tr(w, only ? "%s to %s" : "%s (%s to %s)");
        char formula[3000], cached[1400], ref[300];
        size_t o = 0;
        int arg = 0, ok = 1;
        o += (size_t)snprintf(formula, sizeof formula, "=SUBSTITUTE(");
        for (const char *p = fmt; *p && ok;) {
            const char *q = strstr(p, "%s");
            size_t len = q ? (size_t)(q - p) : strlen(p);
            if (len) { /* a literal piece, its quotes doubled */
                if (o + 2 * len + 8 >= sizeof formula) {
                    ok = 0;
                    break;
                }
                if (arg)
                    formula[o++] = '&';
                formula[o++] = '"';
                for (size_t i = 0; i < len; i++) {
                    if (p[i] == '"')
                        formula[o++] = '"';
                    formula[o++] = p[i];
                }
                formula[o++] = '"';
                arg = 1;
            }
            if (!q)
                break;
            int nth = 0; /* the arguments come in order: estimate, lower, upper */
            for (const char *z = fmt; z < q; z++)
                if (z[0] == '%' && z[1] == 's')
                    nth++;
            int field = only ? (nth < 2 ? nth + 1 : -1) : (nth < 3 ? nth : -1);
            lxw_col_t fc = field == 0 ? at : field == 1 ? lc : lc + 1;
            size_t n = field < 0 ? 0 : ci_ref(ref, sizeof ref, sheet_ref, v->row, fc, v->digits, v->pct);
            if (!n || o + n + 4 >= sizeof formula) {
                ok = 0;
                break;
            }
            if (arg)
                formula[o++] = '&';
            memcpy(formula + o, ref, n);
            o += n;
            arg = 1;
            p = q + 2;
        }
        if (!ok || o + 24 >= sizeof formula)
            continue; /* the text written already stays */
        o += (size_t)snprintf(formula + o, sizeof formula - o, ",\"-\",\"\xe2\x88\x92\")");
        char a[440], b[440], d[440];
        ci_text(v->lo, v->digits, v->pct, b, sizeof b);
        ci_text(v->hi, v->digits, v->pct, d, sizeof d);
        if (only) {
            rpt_trf(w, cached, sizeof cached, "%s to %s", b, d);
        } else {
            ci_text(v->est, v->digits, v->pct, a, sizeof a);
            rpt_trf(w, cached, sizeof cached, "%s (%s to %s)", a, b, d);
        }
        rpt_err_at(w, worksheet_write_formula_str(ws, v->row, v->col, formula, v->f, cached), ws, v->row, v->col);
    }
}

/* 1 if s is numbers only (an interval "5.6 (2.7 to 8.4)", "<0.001", "12.5%"): no letters but "to" between
 * numbers, and not a version or a date ("0.1.0"). */
static int numbers_only(const char *s)
{
    int digits = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            digits = 1;
            const char *q = p;
            while (*q >= '0' && *q <= '9')
                q++;
            if (*q == '.' && q[1] >= '0' && q[1] <= '9') {
                q++;
                while (*q >= '0' && *q <= '9')
                    q++;
                if (*q == '.' || *q == ':')
                    return 0; /* 1.2.3: a version */
            }
            p = q - 1;
        } else if (strncmp(p, " to ", 4) == 0) {
            p += 3;
        } else if (isalpha((unsigned char)*p) || *p == ':' || *p == '/') {
            return 0;
        }
    }
    return digits;
}

void rpt_put_text(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
    rpt_cd_redirect(w, &ws, &c); /* chart data goes to the hidden chart-data sheet */
    if (!s || !*s) {
        if (f)
            rpt_err_at(w, worksheet_write_blank(ws, r, c, f), ws, r, c);
        return;
    }
    char nb[512];
    if (!w->verbatim && w->run && w->run->language != RPT_LANG_EN) {
        s = rpt_tr(w, s); /* a key of the message table in the workbook's language; a data value as it is */
        if (strlen(s) < sizeof nb && numbers_only(s))
            s = rpt_msg_numbers_nb(s, nb, sizeof nb);
    }
    char *own;
    const char *t = cell_text(s, &own);
    if (!t) {
        w->nomem = 1;
        return;
    }
    if (!f)
        f = w->f.plain;
    rpt_err_at(w, worksheet_write_string(ws, r, c, t, f), ws, r, c);
    note_text(w, ws, r, c, t, f);
    free(own);
}

/* A number cell; NaN is left blank and an infinity is written as R spells it. */
void rpt_put_num(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double x, lxw_format *f)
{
    if (isnan(x))
        rpt_put_text(w, ws, r, c, NULL, f);
    else if (isinf(x))
        rpt_put_text(w, ws, r, c, x > 0 ? "Inf" : "-Inf", w->f.right);
    else {
        if (!f)
            f = w->f.plain;
        rpt_cd_redirect(w, &ws, &c); /* chart data goes to the hidden chart-data sheet */
        rpt_err_at(w, worksheet_write_number(ws, r, c, x, f), ws, r, c);
        note_number(w, ws, c, x, f);
    }
}

void rpt_print_end(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, const char *note)
{
    rpt_sheet_style *ss = sheet_style(w, ws);
    if (note)
        rpt_put_text(w, ws, r, 0, note, w->f.note);
    if (ss)
        ss->print_last = (long)r;
}

void rpt_print_pages(rpt_wctx *w, lxw_worksheet *ws, int pages)
{
    rpt_sheet_style *ss = sheet_style(w, ws);
    if (ss && pages > 0)
        ss->print_pages = pages;
}

void rpt_chart_data_cols(rpt_wctx *w, lxw_worksheet *ws, lxw_col_t first)
{
    rpt_sheet_style *ss = sheet_style(w, ws);
    if (ss && (ss->data_col < 0 || (long)first < ss->data_col))
        ss->data_col = (long)first;
    for (size_t i = 0; i < w->n_cd_map; i++)
        if (w->cd_map[i].ws == ws)
            return; /* one region a sheet, declared before its first cell */
    if (w->n_cd_map == RPT_CD_MAPS) {
        rpt_err_at(w, LXW_ERROR_PARAMETER_VALIDATION, ws, 0, first);
        return;
    }
    w->cd_map[w->n_cd_map++] = (struct rpt_cd_map){ws, first, rpt_cd_block(w, RPT_CD_REGION_COLS)};
}

void rpt_set_cols(rpt_wctx *w, lxw_worksheet *ws, lxw_col_t first, lxw_col_t last, double width, lxw_format *f)
{
    lxw_worksheet *dw = ws;
    lxw_col_t dc = first;
    if (rpt_cd_redirect(w, &dw, &dc))
        return; /* chart-data columns are on the hidden sheet */
    rpt_sheet_style *ss = sheet_style(w, ws);
    /* Recorded only: rpt_style_finish sets each column once (a later call for a column replaces an earlier one). */
    for (lxw_col_t c = first; ss && !ss->big && c <= last && c < STYLE_COLS; c++) {
        ss->set[c] = width;
        ss->set_fmt[c] = f;
    }
    lxw_col_t from = first; /* what is set now: a big sheet's columns, and columns the style does not track */
    if (ss && !ss->big)
        from = first > STYLE_COLS ? first : STYLE_COLS;
    if (from <= last)
        rpt_err_at(w, worksheet_set_column(ws, from, last, width, f), ws, 0, from);
}

void rpt_table_header(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *const *texts, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rpt_put_text(w, ws, r, (lxw_col_t)(c + i), texts[i] ? texts[i] : "", w->f.header);
}

void rpt_merge_text(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c1, lxw_col_t c2, const char *s,
                    lxw_format *f, int lines)
{
    char *own;
    const char *t = cell_text(s ? rpt_tr(w, s) : "", &own);
    if (!t) {
        w->nomem = 1;
        return;
    }
    if (lines > 1 && f && !f->text_wrap) { /* text of more than one line wraps in its range, never runs past it */
        lxw_format *wf = wrap_format(w, f);
        if (wf)
            f = wf;
    }
    rpt_err_at(w, worksheet_merge_range(ws, r, c1, r, c2, t, f), ws, r, c1);
    if (f && f->text_wrap)
        note_wrapped(w, ws, r, c1, t, f);
    free(own);
    /* Spreadsheets do not grow merged rows to fit wrapped text: size the row ourselves. */
    if (lines > 1)
        rpt_err_at(w, worksheet_set_row(ws, r, 15.0 * lines, NULL), ws, r, c1);
}

/* Lines a wrapped text needs at about `per_line` characters a line. */
int rpt_lines_for(const char *s, int per_line)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n / per_line + 1;
}

core_status rpt_add_sheet(rpt_wctx *w, const char *name, lxw_worksheet **ws, core_err *err)
{
    *ws = NULL;
    name = rpt_tr(w, name); /* the sheet's name in the workbook's language */
    /* The Debian build lacks upstream fixes for bad names: check before handing one over. */
    if (!rpt_sheet_name_valid(name))
        return core_err_set(err, CORE_ERR_OUTPUT, "invalid worksheet name '%s'", name);
    lxw_error e = workbook_validate_sheet_name(w->book, name);
    if (e != LXW_NO_ERROR)
        return core_err_set(err, CORE_ERR_OUTPUT, "worksheet name '%s': %s", name, lxw_strerror(e));
    *ws = workbook_add_worksheet(w->book, name);
    if (!*ws)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding worksheet '%s'", name);
    style_register(w, *ws);
    /* Printed or saved as PDF, a sheet should read as one page wide, landscape, like a report annex. */
    worksheet_set_landscape(*ws);
    worksheet_set_paper(*ws, 9); /* A4 */
    worksheet_fit_to_pages(*ws, 1, 0);
    return CORE_OK;
}

core_status rpt_add_sheet_big(rpt_wctx *w, const char *name, lxw_worksheet **ws, core_err *err)
{
    /* libxlsxwriter takes a worksheet's constant-memory mode from the workbook's option when the sheet is
     * added (worksheet init data `optimize`), so setting it around this one call gives this sheet alone
     * rows streamed to a temporary file and inline strings, and leaves every other sheet free to write
     * cells in any order. */
    uint8_t was = w->book->options.constant_memory;
    w->book->options.constant_memory = 1;
    core_status st = rpt_add_sheet(w, name, ws, err);
    w->book->options.constant_memory = was;
    rpt_sheet_style *ss = st == CORE_OK ? sheet_style(w, *ws) : NULL;
    if (ss)
        ss->big = 1;
    return st;
}

static lxw_format *new_format(rpt_wctx *w)
{
    lxw_format *f = workbook_add_format(w->book);
    if (!f)
        w->nomem = 1;
    return f;
}

int rpt_make_formats(rpt_wctx *w)
{
    rpt_formats *f = &w->f;
    lxw_format **all[] = {&f->title, &f->subtitle, &f->synthetic, &f->meta,  &f->header,
                          &f->wrap,  &f->note,     &f->right,     &f->count, &f->pct,
                          &f->pval,  &f->num2,     &f->mono,      &f->key,   &f->sentence,
                          &f->money, &f->integer,  &f->num1,      &f->ci,    &f->link,
                          &f->header_r, &f->header_c, &f->pp, &f->plain};
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
    /* a header over numbers (right) or centred cells (rpt_style_finish chooses; sheets write f->header) */
    for (int k = 0; k < 2; k++) {
        lxw_format *h = k ? f->header_c : f->header_r;
        format_set_bold(h);
        format_set_text_wrap(h);
        format_set_align(h, LXW_ALIGN_VERTICAL_TOP);
        format_set_align(h, k ? LXW_ALIGN_CENTER : LXW_ALIGN_RIGHT);
        format_set_bottom(h, LXW_BORDER_THIN);
        format_set_bg_color(h, 0xDDEBF7);
    }
    format_set_text_wrap(f->wrap);
    format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_italic(f->note);
    format_set_text_wrap(f->note);
    format_set_align(f->note, LXW_ALIGN_VERTICAL_TOP);
    format_set_align(f->right, LXW_ALIGN_RIGHT);
    format_set_num_format(f->count, "0;\"\xe2\x88\x92\"0");
    format_set_num_format(f->pct, "0.0%");
    format_set_num_format(f->pval, "0.000");
    format_set_num_format(f->num2, "0.00;\"\xe2\x88\x92\"0.00");
    format_set_font_name(f->mono, "Courier New");
    format_set_bold(f->key);
    format_set_align(f->key, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(f->sentence);
    format_set_align(f->sentence, LXW_ALIGN_VERTICAL_TOP);
    format_set_font_size(f->sentence, 12);
    /* Money in the run's currency: "NOK 120,663"; the code is a literal, so any ISO 4217 code works. */
    char money[64];
    const char *cur = w->run && w->run->currency && *w->run->currency ? w->run->currency : "";
    int plain = strlen(cur) == 3 && !strpbrk(cur, "\"\\;");
    if (plain)
        snprintf(money, sizeof money, "\"%s \"#,##0;\"%s \xe2\x88\x92\"#,##0", cur, cur); /* U+2212, as the sentences */
    else
        snprintf(money, sizeof money, "#,##0;\"\xe2\x88\x92\"#,##0");
    format_set_num_format(f->money, money);
    format_set_num_format(f->integer, "#,##0;\"\xe2\x88\x92\"#,##0");
    format_set_num_format(f->num1, "0.0;\"\xe2\x88\x92\"0.0");
    format_set_align(f->plain, LXW_ALIGN_VERTICAL_TOP);
    format_set_num_format(f->pp, "0.0\" pp\";\"\xe2\x88\x92\"0.0\" pp\"");
    format_set_align(f->ci, LXW_ALIGN_RIGHT);
    format_set_font_color(f->link, 0x0563C1);
    format_set_underline(f->link, LXW_UNDERLINE_SINGLE);
    return 1;
}

void rpt_iso_time(time_t t, char *buf, size_t size)
{
    struct tm tm;
    if (!gmtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
        snprintf(buf, size, "unknown");
}

/* ---------- figures bound by key, links by name ---------- */

static double row_field(const core_result_row *x, int f)
{
    const double v[] = {x->estimate, x->se, x->ci_low, x->ci_high, x->statistic, x->df, x->p_value, x->p_adjusted, x->n};
    return f >= 0 && f <= RPT_F_N ? v[f] : NAN;
}

void rpt_results_ref(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *x, int field,
                     double scale, lxw_format *fmt)
{
    if (!x)
        return;
    double v = row_field(x, field);
    if (!(scale > 0))
        scale = 1;
    if (!isfinite(v)) {
        rpt_put_text(w, ws, r, c, isnan(v) ? "n/a" : (v > 0 ? "Inf" : "-Inf"), w->f.right);
        return;
    }
    char formula[200], times[32] = "";
    if (scale != 1)
        snprintf(times, sizeof times, "%.15g*", scale);
    const char *res = rpt_tr(w, "Results"); /* the sheet's name in the workbook's language (letters only) */
    snprintf(formula, sizeof formula, "=%sINDEX(%s!%c:%c,MATCH(%zu,%s!Q:Q,0))", times, res, 'G' + field,
             'G' + field, (size_t)(x - w->res->rows) + 1, res);
    rpt_err_at(w, worksheet_write_formula_num(ws, r, c, formula, fmt, scale * v), ws, r, c);
    note_number(w, ws, c, scale * v, fmt);
}

void rpt_results_link(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *x,
                      const char *text)
{
    if (!x)
        return;
    char formula[300], t[96];
    snprintf(t, sizeof t, "%s", text ? rpt_tr(w, text) : "");
    for (char *q = t; *q; q++)
        if (*q == '"')
            *q = '\'';
    size_t k = (size_t)(x - w->res->rows) + 1;
    const char *res = rpt_tr(w, "Results");
    snprintf(formula, sizeof formula, "=HYPERLINK(\"#%s!G\"&MATCH(%zu,%s!Q:Q,0),\"%s\")", res, k, res, t);
    rpt_err_at(w, worksheet_write_formula_str(ws, r, c, formula, w->f.link, t), ws, r, c);
    note_text(w, ws, r, c, t, w->f.link);
}

const char *rpt_sheet_defname(const char *sheet, char *buf, size_t size)
{
    size_t o = snprintf(buf, size, "sheet_");
    for (const unsigned char *p = (const unsigned char *)(sheet ? sheet : ""); *p && o + 1 < size; p++)
        buf[o++] = (isalnum(*p) || *p == '_' || *p >= 0x80) ? (char)*p : '_';
    buf[o < size ? o : size - 1] = '\0';
    return buf;
}

void rpt_sheet_link(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *sheet, const char *text)
{
    char url[160], name[128];
    sheet = rpt_tr(w, sheet); /* the sheet's name, and its defined name, in the workbook's language */
    text = text ? rpt_tr(w, text) : NULL;
    snprintf(url, sizeof url, "internal:%s", rpt_sheet_defname(sheet, name, sizeof name));
    rpt_err_at(w, worksheet_write_url_opt(ws, r, c, url, w->f.link, text ? text : sheet, NULL), ws, r, c);
    note_text(w, ws, r, c, text ? text : sheet, w->f.link);
}

/* ---------- looking up rows ---------- */

int rpt_has_rows(const rpt_wctx *w, const char *module, const char *analysis)
{
    for (size_t i = 0; i < w->res->n; i++) {
        const core_result_row *r = &w->res->rows[i];
        if (rpt_str_eq(r->module, module) && (!analysis || rpt_str_eq(r->analysis, analysis)))
            return 1;
    }
    return 0;
}

int rpt_sheet_shown(const rpt_wctx *w, const rpt_sheet_def *s)
{
    if (!rpt_has_rows(w, s->module, s->analysis))
        return 0;
    if (!w->run || !w->run->sheet_modules)
        return 1;
    for (const char *const *m = w->run->sheet_modules; *m; m++)
        if (rpt_str_eq(*m, s->module))
            return 1;
    return 0;
}

const core_result_row *rpt_find_row(const rpt_wctx *w, const char *module, const char *analysis,
                                    const char *outcome, const char *tp, const char *term, const char *method)
{
    /* module, analysis, outcome and timepoint are matched as given (NULL: an empty field); term and method when
     * given */
    return core_results_find(w->res, module ? module : "", analysis ? analysis : "", outcome ? outcome : "",
                             tp ? tp : "", term, method);
}

const rpt_outcome_label *rpt_outcome_find(const rpt_wctx *w, const char *name)
{
    for (size_t i = 0; w->run->outcomes && i < w->run->n_outcomes; i++)
        if (rpt_str_eq(w->run->outcomes[i].name, name))
            return &w->run->outcomes[i];
    return NULL;
}

const char *rpt_outcome_display(const rpt_wctx *w, const char *name)
{
    const rpt_outcome_label *o = rpt_outcome_find(w, name);
    if (o && o->label && *o->label)
        return o->label;
    return name ? name : "";
}

const char *rpt_words(const rpt_wctx *w, const char *name, char *buf, size_t size)
{
    const rpt_outcome_label *o = rpt_outcome_find(w, name);
    if (!(o && o->label && *o->label) && name) /* a column of the data: its label ([trial] labels, the file's) */
        for (size_t k = 0; w->run && k < w->run->n_variables; k++)
            if (rpt_str_eq(w->run->variables[k].name, name) && w->run->variables[k].label) {
                const rpt_outcome_label *v = &w->run->variables[k];
                if (rpt_str_eq(v->type, "baseline"))
                    rpt_trf(w, buf, size, "%s at baseline", v->label);
                else
                    snprintf(buf, size, "%s", v->label);
                return buf;
            }
    snprintf(buf, size, "%s", o && o->label && *o->label ? o->label : (name ? name : ""));
    if (!(o && o->label && *o->label))
        for (char *q = buf; *q; q++)
            if (*q == '_')
                *q = ' ';
    return buf;
}

const char *rpt_label_text(const rpt_wctx *w, const char *s, char *buf, size_t size)
{
    size_t o = 0;
    if (!size)
        return buf;
    buf[0] = '\0';
    if (!s)
        return buf;
    if (w && w->run && w->run->language != RPT_LANG_EN && strchr(s, ' ')) {
        /* a result's sentence is English result text, shown as the results file has it in another language */
        snprintf(buf, size, "%s", s);
        return buf;
    }
    for (const char *p = s; *p && o + 1 < size;) {
        int ident = isalnum((unsigned char)*p) || *p == '_';
        if (!ident || (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))) {
            buf[o++] = *p++;
            continue;
        }
        size_t len = 0;
        while (isalnum((unsigned char)p[len]) || p[len] == '_')
            len++;
        const char *lab = NULL;
        char tmp[400];
        for (size_t k = 0; w && w->run && k < w->run->n_variables && !lab; k++) {
            const rpt_outcome_label *v = &w->run->variables[k];
            if (v->name && strlen(v->name) == len && strncmp(v->name, p, len) == 0 && v->label && *v->label)
                lab = rpt_words(w, v->name, tmp, sizeof tmp);
        }
        if (lab) {
            size_t n = strlen(lab);
            if (o + n + 1 >= size)
                break;
            memcpy(buf + o, lab, n);
            o += n;
        } else {
            if (o + len + 1 >= size)
                break;
            memcpy(buf + o, p, len);
            o += len;
        }
        p += len;
    }
    buf[o] = '\0';
    return buf;
}

const char *rpt_per_period(const rpt_wctx *w)
{
    const char *t = w && w->run ? w->run->registry_time : NULL;
    static const char *const unit[][2] = {{"year", "per person-year"},   {"years", "per person-year"},
                                          {"month", "per person-month"}, {"months", "per person-month"},
                                          {"quarter", "per person-quarter"}, {"week", "per person-week"}};
    for (size_t k = 0; t && k < sizeof unit / sizeof unit[0]; k++)
        if (strcasecmp(t, unit[k][0]) == 0 || (strlen(t) > strlen(unit[k][0]) &&
                                                 strcasecmp(t + strlen(t) - strlen(unit[k][0]), unit[k][0]) == 0 &&
                                                 t[strlen(t) - strlen(unit[k][0]) - 1] == '_'))
            return rpt_tr(w, unit[k][1]);
    return rpt_tr(w, "per person and period of the registry panel");
}

/* The events x of an arm's share x/n (the row's counts, never its label); 0 when the row carries none. */
static int row_events(const core_result_row *arm, double *x)
{
    if (arm->counts.kind != CORE_COUNT_SHARE || !isfinite(arm->counts.x1))
        return 0;
    *x = arm->counts.x1;
    return 1;
}

int rpt_outcome_is_binary(const rpt_wctx *w, const char *outcome, const core_result_row *arm)
{
    const rpt_outcome_label *o = rpt_outcome_find(w, outcome);
    if (o && o->type && *o->type)
        return strcmp(o->type, "binary") == 0;
    /* no type given: an arm's share (Wilson interval, a count x of n) means a proportion */
    return arm && (arm->counts.kind == CORE_COUNT_SHARE || rpt_str_eq(arm->method, "wilson"));
}

/* Disclosure control: an arm's n is hidden when below k ... */
int rpt_n_hidden(const core_result_row *arm, int k)
{
    return k > 0 && arm && isfinite(arm->n) && arm->n < k;
}

/* ... and its % when n, the events or the non-events are below k (n and % would reveal them). */
int rpt_pct_hidden(const core_result_row *arm, int k)
{
    if (k <= 0 || !arm)
        return 0;
    if (rpt_n_hidden(arm, k))
        return 1;
    double x;
    if (!row_events(arm, &x)) {
        if (!isfinite(arm->estimate) || !isfinite(arm->n))
            return 0;
        x = floor(arm->estimate * arm->n + 0.5);
    }
    return x < k || (isfinite(arm->n) && arm->n - x < k);
}

/* ---------- cells of result rows (the trial tables, and any sheet of arms and effects) ---------- */

void rpt_timepoint_cell(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *tp)
{
    double x;
    if (rpt_is_number(tp, &x))
        rpt_put_num(w, ws, r, c, x, NULL); /* a number, so it sorts and shows no "number as text" flag */
    else
        rpt_put_text(w, ws, r, c, tp, NULL);
}

void rpt_count_cell(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *arm)
{
    char b[32];
    if (arm && (arm->hidden & CORE_HIDE_N) && w->run->small_cell > 0) { /* withheld by rpt_disclose */
        snprintf(b, sizeof b, "<%d", w->run->small_cell);
        rpt_put_text(w, ws, r, c, b, w->f.right);
        return;
    }
    if (!arm || isnan(arm->n))
        return;
    if (rpt_n_hidden(arm, w->run->small_cell))
        rpt_put_text(w, ws, r, c, rpt_fmt_count(arm->n, w->run->small_cell, b, sizeof b), w->f.right);
    else
        rpt_put_num(w, ws, r, c, arm->n, w->f.count);
}

void rpt_share_cell(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *arm,
                    int binary)
{
    if (!arm)
        return;
    if (binary && rpt_pct_hidden(arm, w->run->small_cell))
        rpt_put_text(w, ws, r, c, RPT_EM_DASH, w->f.right);
    else if (isnan(arm->estimate))
        rpt_put_text(w, ws, r, c, arm->label ? arm->label : "n/a", w->f.wrap);
    else if (!binary)
        rpt_put_text(w, ws, r, c, arm->label, w->f.right); /* e.g. "mean (SD)" as the module wrote it */
    else
        rpt_put_num(w, ws, r, c, arm->estimate, w->f.pct);
}

/* "est (lo to hi)" of a row at `scale`, or the row's reason when the estimate is undefined. An estimate that
 * disclosure control withheld for the counts its label shows reads "withheld: <the counts>". */
void rpt_effect_cell(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *x,
                     double scale, int digits)
{
    char b[600];
    if (!x)
        return;
    if ((x->hidden & CORE_HIDE_ESTIMATE) && x->label && strncmp(x->label, "withheld", 8) != 0) {
        snprintf(b, sizeof b, "withheld: %s", x->label);
        rpt_put_text(w, ws, r, c, b, w->f.wrap);
    } else if (isnan(x->estimate))
        rpt_put_text(w, ws, r, c, x->label ? x->label : "n/a", w->f.wrap);
    else
        rpt_ci_cell(w, ws, r, c, scale * x->estimate, scale * x->ci_low, scale * x->ci_high, digits, 0, w->f.right);
}

void rpt_p_cell(rpt_wctx *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const core_result_row *x)
{
    if (!x)
        return;
    if (isnan(x->p_value))
        rpt_put_text(w, ws, r, c, x->label ? x->label : "n/a", w->f.wrap);
    else if (x->p_value < 0.001)
        rpt_put_text(w, ws, r, c, "<0.001", w->f.right);
    else
        rpt_put_num(w, ws, r, c, x->p_value, w->f.pval);
}

const char *rpt_chart_str(const char *s)
{
    static char ring[8][1024];
    static unsigned next;
    if (!s || s[0] != '=')
        return s;
    char *b = ring[next++ % 8];
    snprintf(b, sizeof ring[0], "\xE2\x80\x8B%s", s);
    return b;
}

lxw_error rpt_chart_labels(lxw_chart_series *s, lxw_chart_data_label **labels)
{
    size_t n = 0;
    while (labels[n])
        n++;
    lxw_chart_data_label *copy = calloc(n ? n : 1, sizeof *copy);
    lxw_chart_data_label **lp = calloc(n + 1, sizeof *lp);
    char **own = calloc(n ? n : 1, sizeof *own);
    lxw_error e = LXW_ERROR_MEMORY_MALLOC_FAILED;
    if (copy && lp && own) {
        e = LXW_NO_ERROR;
        for (size_t i = 0; i < n && e == LXW_NO_ERROR; i++) {
            copy[i] = *labels[i];
            if (copy[i].value && copy[i].value[0] == '=') {
                size_t len = strlen(copy[i].value) + 4;
                if (!(own[i] = malloc(len)))
                    e = LXW_ERROR_MEMORY_MALLOC_FAILED;
                else {
                    snprintf(own[i], len, "\xE2\x80\x8B%s", copy[i].value);
                    copy[i].value = own[i];
                }
            }
            lp[i] = &copy[i];
        }
        if (e == LXW_NO_ERROR)
            e = chart_series_set_labels_custom(s, lp);
    }
    for (size_t i = 0; own && i < n; i++)
        free(own[i]);
    free(own);
    free(lp);
    free(copy);
    return e;
}
