/* The hidden chart-data sheet: every chart's source data (Kaplan-Meier steps, CE-plane draws, forest-plot rows,
 * reference lines) lives on one sheet, hidden and never printed, and every chart series refers to it by a plain
 * cell range. The visible sheets keep their tables and charts only. */
#include "reports/rpt_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *rpt_cd_name(const rpt_wctx *w)
{
    return rpt_tr(w, "Chart data");
}

static lxw_worksheet *cd_sheet(rpt_wctx *w)
{
    if (w->cd)
        return w->cd;
    w->cd = workbook_add_worksheet(w->book, rpt_cd_name(w));
    if (!w->cd) {
        w->nomem = 1;
        return NULL;
    }
    worksheet_hide(w->cd); /* a reader may unhide it to see what a chart draws */
    w->cd_next = 0;
    return w->cd;
}

lxw_col_t rpt_cd_block(rpt_wctx *w, lxw_col_t ncols)
{
    if (!cd_sheet(w))
        return 0;
    lxw_col_t c = w->cd_next;
    if ((unsigned long)c + ncols + 1 >= LXW_COL_MAX) {
        rpt_err_at(w, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, w->cd, 0, c);
        return 0;
    }
    w->cd_next = (lxw_col_t)(c + ncols + 1); /* an empty column between blocks */
    return c;
}

void rpt_cd_num(rpt_wctx *w, lxw_row_t r, lxw_col_t c, double x)
{
    if (cd_sheet(w) && !isnan(x))
        rpt_put_num(w, w->cd, r, c, x, NULL);
}

void rpt_cd_text(rpt_wctx *w, lxw_row_t r, lxw_col_t c, const char *s)
{
    if (cd_sheet(w))
        rpt_put_text(w, w->cd, r, c, s, NULL);
}

int rpt_cd_redirect(rpt_wctx *w, lxw_worksheet **ws, lxw_col_t *c)
{
    if (!w->cd || *ws == w->cd)
        return 0;
    for (size_t i = 0; i < w->n_cd_map; i++) {
        const struct rpt_cd_map *m = &w->cd_map[i];
        if (m->ws != *ws || *c < m->from)
            continue;
        if (*c - m->from >= RPT_CD_REGION_COLS) {
            rpt_err_at(w, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, *ws, 0, *c);
            return 0;
        }
        *c = (lxw_col_t)(m->base + (*c - m->from));
        *ws = w->cd;
        return 1;
    }
    return 0;
}

/* A range of a visible sheet copied to the chart-data sheet (once per range). */
struct copied {
    const lxw_worksheet *src;
    lxw_row_t r1, r2;
    lxw_col_t c1, c2, base;
};

/* Copy cells r1..r2 x c1..c2 of src to columns base.. of the chart-data sheet (same rows): numbers and texts as they
 * are, a formula as a link to its cell (cached with its value), so a chart of a live model stays live. */
static void copy_cells(rpt_wctx *w, lxw_worksheet *src, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
                       lxw_col_t base)
{
    for (lxw_row_t r = r1; r <= r2; r++) {
        lxw_row *row = lxw_worksheet_find_row(src, r);
        for (lxw_col_t c = c1; row && c <= c2; c++) {
            lxw_cell *cell = lxw_worksheet_find_cell_in_row(row, c);
            lxw_col_t to = (lxw_col_t)(base + (c - c1));
            if (!cell)
                continue;
            if (cell->type == NUMBER_CELL) {
                rpt_err_at(w, worksheet_write_number(w->cd, r, to, cell->u.number, NULL), w->cd, r, to);
            } else if (cell->type == STRING_CELL && cell->sst_string) {
                rpt_err_at(w, worksheet_write_string(w->cd, r, to, cell->sst_string, NULL), w->cd, r, to);
            } else if (cell->type == FORMULA_CELL) {
                char fm[LXW_MAX_FORMULA_RANGE_LENGTH + 2];
                fm[0] = '=';
                lxw_rowcol_to_formula_abs(fm + 1, src->name, r, c, r, c);
                lxw_error e = cell->user_data2
                                  ? worksheet_write_formula_str(w->cd, r, to, fm, NULL, cell->user_data2)
                                  : worksheet_write_formula_num(w->cd, r, to, fm, NULL, cell->formula_result);
                rpt_err_at(w, e, w->cd, r, to);
            }
        }
    }
}

/* Point range rg at the chart-data sheet: shifted when it lies in its sheet's chart-data columns (already written
 * there), else copied once into a block of its own. */
static void relocate(rpt_wctx *w, lxw_series_range *rg, struct copied **cp, size_t *ncp, size_t *cap)
{
    if (!rg || !rg->sheetname || !rg->formula || strcmp(rg->sheetname, w->cd->name) == 0)
        return;
    lxw_worksheet *src = workbook_get_worksheet_by_name(w->book, rg->sheetname);
    if (!src)
        return;
    lxw_col_t base = 0;
    int found = 0;
    for (size_t i = 0; i < w->n_cd_map && !found; i++)
        if (w->cd_map[i].ws == src && rg->first_col >= w->cd_map[i].from) {
            base = (lxw_col_t)(w->cd_map[i].base + (rg->first_col - w->cd_map[i].from));
            found = 1;
        }
    for (size_t i = 0; i < *ncp && !found; i++) {
        struct copied *k = &(*cp)[i];
        if (k->src == src && k->r1 == rg->first_row && k->r2 == rg->last_row && k->c1 == rg->first_col &&
            k->c2 == rg->last_col) {
            base = k->base;
            found = 1;
        }
    }
    if (!found) {
        base = rpt_cd_block(w, (lxw_col_t)(rg->last_col - rg->first_col + 1));
        copy_cells(w, src, rg->first_row, rg->first_col, rg->last_row, rg->last_col, base);
        if (*ncp == *cap) {
            size_t nc = *cap ? 2 * *cap : 32;
            struct copied *n = realloc(*cp, nc * sizeof *n);
            if (!n) {
                w->nomem = 1;
                return;
            }
            *cp = n;
            *cap = nc;
        }
        (*cp)[(*ncp)++] = (struct copied){src, rg->first_row, rg->last_row, rg->first_col, rg->last_col, base};
    }
    char fm[LXW_MAX_FORMULA_RANGE_LENGTH];
    lxw_col_t last = (lxw_col_t)(base + (rg->last_col - rg->first_col));
    lxw_rowcol_to_formula_abs(fm, w->cd->name, rg->first_row, base, rg->last_row, last);
    char *f = strdup(fm), *sn = strdup(w->cd->name);
    if (!f || !sn) {
        free(f), free(sn);
        w->nomem = 1;
        return;
    }
    free(rg->formula);
    free(rg->sheetname);
    rg->formula = f;
    rg->sheetname = sn;
    rg->first_col = base;
    rg->last_col = last;
}

void rpt_cd_finish(rpt_wctx *w)
{
    lxw_workbook *b = w->book;
    int charts = b->charts && !STAILQ_EMPTY(b->charts);
    if (!charts && !w->cd)
        return; /* no chart, and no interval's numbers (rpt_ci_cell) */
    if (!cd_sheet(w))
        return;
    struct copied *cp = NULL;
    size_t ncp = 0, cap = 0;
    lxw_chart *ch;
    if (charts)
    STAILQ_FOREACH(ch, b->charts, list_pointers)
    {
        lxw_chart_series *se;
        STAILQ_FOREACH(se, ch->series_list, list_pointers)
        {
            relocate(w, se->categories, &cp, &ncp, &cap);
            relocate(w, se->values, &cp, &ncp, &cap);
            relocate(w, se->title.range, &cp, &ncp, &cap);
        }
    }
    free(cp);
    /* behind the analysis sheets (it was made where the first chart's data was written) */
    lxw_sheet *s, *mine = NULL;
    STAILQ_FOREACH(s, b->sheets, list_pointers)
        if (!s->is_chartsheet && s->u.worksheet == w->cd)
            mine = s;
    if (mine && STAILQ_NEXT(mine, list_pointers)) {
        STAILQ_REMOVE(b->sheets, mine, lxw_sheet, list_pointers);
        STAILQ_INSERT_TAIL(b->sheets, mine, list_pointers);
        STAILQ_REMOVE(b->worksheets, w->cd, lxw_worksheet, list_pointers);
        STAILQ_INSERT_TAIL(b->worksheets, w->cd, list_pointers);
        uint32_t i = 0;
        STAILQ_FOREACH(s, b->sheets, list_pointers)
        {
            if (s->is_chartsheet)
                s->u.chartsheet->index = i++;
            else
                s->u.worksheet->index = i++;
        }
    }
}

lxw_chart_series *rpt_cd_xy(rpt_wctx *w, lxw_chart *ch, const double *x, const double *y, size_t n)
{
    if (n == 0)
        return NULL;
    lxw_col_t c = rpt_cd_block(w, 2);
    if (!w->cd)
        return NULL;
    for (size_t i = 0; i < n; i++) { /* from row 1: row 0 is left for a reader's note */
        rpt_cd_num(w, (lxw_row_t)(1 + i), c, x[i]);
        rpt_cd_num(w, (lxw_row_t)(1 + i), (lxw_col_t)(c + 1), y[i]);
    }
    lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
    if (!s) {
        w->nomem = 1;
        return NULL;
    }
    chart_series_set_categories(s, w->cd->name, 1, c, (lxw_row_t)n, c);
    chart_series_set_values(s, w->cd->name, 1, (lxw_col_t)(c + 1), (lxw_row_t)n, (lxw_col_t)(c + 1));
    return s;
}

lxw_chart_series *rpt_cd_line(rpt_wctx *w, lxw_chart *ch, double x0, double y0, double x1, double y1,
                              lxw_color_t color, double width, int dash)
{
    double x[2] = {x0, x1}, y[2] = {y0, y1};
    lxw_chart_series *s = rpt_cd_xy(w, ch, x, y, 2);
    if (!s)
        return NULL;
    lxw_chart_line l = {.color = color, .width = (float)width, .dash_type = (uint8_t)(dash ? LXW_CHART_LINE_DASH_DASH : 0)};
    chart_series_set_line(s, &l);
    chart_series_set_marker_type(s, LXW_CHART_MARKER_NONE);
    return s;
}

const char *rpt_whole_text(const rpt_wctx *w, double x, char *buf, size_t size)
{
    if (!isfinite(x))
        return rpt_fmt_num(x, 0, buf, size);
    char d[64];
    snprintf(d, sizeof d, "%.0f", fabs(x));
    const char *sep = w->run && w->run->language != RPT_LANG_EN ? "\xc2\xa0" : ",";
    size_t n = strlen(d), o = 0;
    if (x < 0 && strcmp(d, "0") != 0 && o + 4 < size) { /* U+2212, as rpt_fmt_num */
        memcpy(buf, "\xe2\x88\x92", 3);
        o = 3;
    }
    for (size_t i = 0; i < n && o + 3 < size; i++) {
        buf[o++] = d[i];
        if ((n - 1 - i) % 3 == 0 && i + 1 < n)
            for (const char *p = sep; *p && o + 1 < size; p++)
                buf[o++] = *p;
    }
    buf[o < size ? o : size - 1] = '\0';
    return buf;
}
