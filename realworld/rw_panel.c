/* The registry panel: columns found, rows validated and indexed (see rw.h, rw_panel_load). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/core_alloc.h"
#include "core/core_data.h"
#include "realworld/rw.h"

#define NOMEM(err) core_err_set(err, CORE_ERR_NOMEM, "out of memory")

/* ---- factorising a column into dense levels (first appearance order) ---- */

typedef struct factor {
    int *level;       /* per used row (observation): n ints from core_alloc_pages, or the column's own cells */
    size_t n;
    size_t n_levels;
    size_t *first;    /* table row of each level's first appearance */
    int in_place;     /* level is the column's own int32 storage (the table still owns it) */
    int32_t *value;   /* when the levels were written over the column: each level's value, else NULL */
} factor;

static void factor_free(factor *f)
{
    if (!f->in_place)
        core_free_pages(f->level, f->n * sizeof *f->level);
    free(f->first);
    free(f->value);
    memset(f, 0, sizeof *f);
}

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb3fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* Row k of the panel in the table: rows[k], or k when every row is used (rows NULL). */
#define ROW(rows, k) ((rows) ? (rows)[k] : (k))

#ifdef __SSE2__
/* int_range for int32 cells, four at a time (SSE2 has no pminsd: compare and select) */
static void range_i32(const int32_t *x, size_t n, int32_t *lo, int32_t *hi)
{
    __m128i a = _mm_set1_epi32(INT32_MAX), b = _mm_set1_epi32(INT32_MIN);
    size_t k = 0;
    for (; k + 4 <= n; k += 4) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(x + k));
        __m128i lt = _mm_cmplt_epi32(v, a), gt = _mm_cmpgt_epi32(v, b);
        a = _mm_or_si128(_mm_and_si128(lt, v), _mm_andnot_si128(lt, a));
        b = _mm_or_si128(_mm_and_si128(gt, v), _mm_andnot_si128(gt, b));
    }
    int32_t la[4], lb[4];
    _mm_storeu_si128((__m128i *)(void *)la, a);
    _mm_storeu_si128((__m128i *)(void *)lb, b);
    int32_t mn = la[0], mx = lb[0];
    for (int j = 1; j < 4; j++) {
        mn = la[j] < mn ? la[j] : mn;
        mx = lb[j] > mx ? lb[j] : mx;
    }
    for (; k < n; k++) {
        mn = x[k] < mn ? x[k] : mn;
        mx = x[k] > mx ? x[k] : mx;
    }
    *lo = mn;
    *hi = mx;
}

/* int_range for int16 cells, eight at a time */
static void range_i16(const int16_t *x, size_t n, int32_t *lo, int32_t *hi)
{
    __m128i a = _mm_set1_epi16(INT16_MAX), b = _mm_set1_epi16(INT16_MIN);
    size_t k = 0;
    for (; k + 8 <= n; k += 8) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(x + k));
        a = _mm_min_epi16(a, v);
        b = _mm_max_epi16(b, v);
    }
    int16_t la[8], lb[8];
    _mm_storeu_si128((__m128i *)(void *)la, a);
    _mm_storeu_si128((__m128i *)(void *)lb, b);
    int32_t mn = INT32_MAX, mx = INT32_MIN;
    for (int j = 0; j < 8; j++) {
        mn = la[j] < mn ? la[j] : mn;
        mx = lb[j] > mx ? lb[j] : mx;
    }
    for (; k < n; k++) {
        mn = x[k] < mn ? x[k] : mn;
        mx = x[k] > mx ? x[k] : mx;
    }
    *lo = mn;
    *hi = mx;
}
#endif

/* The smallest and largest of the first n values of a column of whole numbers stored as such (width 1, 2 or 4):
 * one loop per width; int32 and int16 several cells at a time where SSE2 is there (a pass over a 770,000-row
 * column: 0.2 ms instead of 0.7; min and max are exact either way). n > 0. */
static void int_range(const core_column *c, size_t n, int32_t *lo, int32_t *hi)
{
#ifdef __SSE2__
    if (c->width == 4) {
        range_i32(c->data, n, lo, hi);
        return;
    }
    if (c->width == 2) {
        range_i16(c->data, n, lo, hi);
        return;
    }
#endif
    int32_t a = INT32_MAX, b = INT32_MIN;
#define INT_RANGE(T)                                                                                                   \
    for (size_t k = 0; k < n; k++) {                                                                                 \
        int32_t v = ((const T *)c->data)[k];                                                                         \
        a = v < a ? v : a;                                                                                           \
        b = v > b ? v : b;                                                                                           \
    }
    if (c->width == 1)
        INT_RANGE(int8_t)
    else if (c->width == 2)
        INT_RANGE(int16_t)
    else
        INT_RANGE(int32_t)
#undef INT_RANGE
    *lo = a;
    *hi = b;
}

/* A new level first seen at table row r: its number, or -1 when out of memory (f->first grows by doubling). */
static int new_level(factor *f, size_t *cap_first, size_t r)
{
    if (f->n_levels == *cap_first) {
        size_t cap;
        if (!core_grow_cap(*cap_first, *cap_first + 1, 64, sizeof *f->first, &cap))
            return -1;
        size_t *nf = realloc(f->first, cap * sizeof *nf);
        if (!nf)
            return -1;
        f->first = nf;
        *cap_first = cap;
    }
    f->first[f->n_levels] = r;
    return (int)f->n_levels++;
}

/* Factorise column col over the rows rows[0..n-1] (NULL: rows 0..n-1). in_place: when the column holds int32
 * whole numbers in a compact range (the direct table below) and every row is used, write the levels over the
 * column's own cells (each cell is read before its level is written) instead of into new memory, and keep each
 * level's value in f->value; the caller owns the column's cells then (f->in_place; the column must not be read
 * again). Otherwise, or when in_place is 0, a new array. */
static core_status factorise(const core_table *t, size_t col, const size_t *rows, size_t n, int in_place, factor *f,
                             core_err *err)
{
    memset(f, 0, sizeof *f);
    const core_column *c = &t->cols[col];
    f->n = n;
    int32_t ilo = 0, ihi = 0;
    int direct = !rows && c->type == CORE_COL_NUMERIC && c->width <= 4 && n > 0;
    if (direct) { /* whole numbers stored as such, every row: read as integers */
        int_range(c, n, &ilo, &ihi);
        direct = (double)ihi - (double)ilo < 4.0 * (double)n + 65536.0;
    }
    f->in_place = in_place && direct && c->width == 4 && sizeof(int) == sizeof(int32_t);
    f->level = f->in_place ? (int *)c->data : core_alloc_pages(n * sizeof *f->level); /* filled in full below */
    size_t cap_first = 64;
    f->first = malloc(cap_first * sizeof *f->first);
    if (!f->level || !f->first) {
        factor_free(f);
        return NOMEM(err);
    }
    if (c->type == CORE_COL_CATEGORICAL) {
        int *map = malloc((c->n_levels + 1) * sizeof *map);
        if (!map) {
            factor_free(f);
            return NOMEM(err);
        }
        for (size_t l = 0; l < c->n_levels; l++)
            map[l] = -1;
        /* every row used: a loop per code width with the arrays in locals (through the structs, the compiler
         * reloaded the column's width, its cells and the level array on every row) */
        int *lev = f->level;
#define CAT_LEVELS(T) /* stored codes are level + 1 */                                                                 \
    {                                                                                                                \
    const T *cd = c->data;                                                                                           \
    for (size_t k = 0; k < n; k++) {                                                                                 \
        int *m = &map[(int)cd[k] - 1];                                                                               \
        if (*m < 0 && (*m = new_level(f, &cap_first, k)) < 0) {                                                      \
            free(map);                                                                                               \
            factor_free(f);                                                                                          \
            return NOMEM(err);                                                                                       \
        }                                                                                                            \
        lev[k] = *m;                                                                                                 \
    }                                                                                                                \
    }
        if (!rows && c->width == 1)
            CAT_LEVELS(uint8_t)
        else if (!rows && c->width == 2)
            CAT_LEVELS(uint16_t)
        else if (!rows)
            CAT_LEVELS(uint32_t)
#undef CAT_LEVELS
        for (size_t k = 0; rows && k < n; k++) {
            int code = core_col_code(c, ROW(rows, k));
            if (map[code] < 0 && (map[code] = new_level(f, &cap_first, ROW(rows, k))) < 0) {
                free(map);
                factor_free(f);
                return NOMEM(err);
            }
            lev[k] = map[code];
        }
        free(map);
        return CORE_OK;
    }
    /* numeric. Whole numbers in a range at most a few times the row count (person ids 1..U, years, codes):
     * a direct table indexed by value, one array access per row. Anything else: open addressing on the
     * value's bits, sized by the distinct values seen (not by the rows: a 10^7-row panel of 10^6 persons
     * would otherwise allocate and clear a 256 MB table). Levels in order of first appearance either way. */
    if (direct) {
        {
            size_t range = (size_t)((int64_t)ihi - ilo) + 1;
            int *map = malloc(range * sizeof *map);
            if (!map) {
                factor_free(f);
                return NOMEM(err);
            }
            memset(map, 0xff, range * sizeof *map); /* -1 */
            int *lev = f->level;
#define INT_LEVELS(T)                                                                                                  \
    for (size_t k = 0; k < n; k++) {                                                                                 \
        int *m = &map[(int64_t)((const T *)c->data)[k] - ilo];                                                       \
        if (*m < 0 && (*m = new_level(f, &cap_first, k)) < 0) {                                                      \
            free(map);                                                                                               \
            factor_free(f);                                                                                          \
            return NOMEM(err);                                                                                       \
        }                                                                                                            \
        lev[k] = *m;                                                                                                 \
    }
            if (c->width == 1)
                INT_LEVELS(int8_t)
            else if (c->width == 2)
                INT_LEVELS(int16_t)
            else
                INT_LEVELS(int32_t)
#undef INT_LEVELS
            if (f->in_place && !(f->value = malloc((f->n_levels + 1) * sizeof *f->value))) {
                free(map);
                factor_free(f);
                return NOMEM(err);
            }
            for (size_t v = 0; f->in_place && v < range; v++) /* the column's values are gone: keep one per level */
                if (map[v] >= 0)
                    f->value[map[v]] = (int32_t)((int64_t)ilo + (int64_t)v);
            free(map);
            return CORE_OK;
        }
    }
    double lo = 0, hi = 0;
    int whole = 1;
    for (size_t k = 0; k < n && whole; k++) {
        double v = core_col_num(c, ROW(rows, k));
        if (!(v == floor(v)) || fabs(v) > 4e15)
            whole = 0;
        else if (k == 0 || v < lo)
            lo = v;
        if (whole && (k == 0 || v > hi))
            hi = v;
    }
    if (whole && n > 0 && hi - lo < 4.0 * (double)n + 65536.0) {
        size_t range = (size_t)(hi - lo) + 1;
        int *map = malloc(range * sizeof *map);
        if (!map) {
            factor_free(f);
            return NOMEM(err);
        }
        memset(map, 0xff, range * sizeof *map); /* -1 */
        for (size_t k = 0; k < n; k++) {
            size_t r = ROW(rows, k);
            int *m = &map[(size_t)(core_col_num(c, r) - lo)];
            if (*m < 0 && (*m = new_level(f, &cap_first, r)) < 0) {
                free(map);
                factor_free(f);
                return NOMEM(err);
            }
            f->level[k] = *m;
        }
        free(map);
        return CORE_OK;
    }
    size_t cap = 1024;
    long *slot = malloc(cap * sizeof *slot);
    double *vals = NULL;
    size_t cap_vals = 64;
    vals = malloc(cap_vals * sizeof *vals);
    if (!slot || !vals) {
        free(slot);
        free(vals);
        factor_free(f);
        return NOMEM(err);
    }
    memset(slot, 0xff, cap * sizeof *slot);
    for (size_t k = 0; k < n; k++) {
        double v = core_col_num(c, ROW(rows, k));
        if (v == 0)
            v = 0; /* -0 == 0 */
        uint64_t bits;
        memcpy(&bits, &v, sizeof bits);
        size_t i = (size_t)mix64(bits) & (cap - 1);
        while (slot[i] >= 0 && vals[slot[i]] != v)
            i = (i + 1) & (cap - 1);
        if (slot[i] < 0) {
            if (f->n_levels == cap_vals) {
                double *nv = realloc(vals, 2 * cap_vals * sizeof *nv);
                size_t *nf = realloc(f->first, 2 * cap_vals * sizeof *nf);
                if (nv)
                    vals = nv;
                if (nf)
                    f->first = nf;
                if (!nv || !nf) {
                    free(slot);
                    free(vals);
                    factor_free(f);
                    return NOMEM(err);
                }
                cap_vals *= 2;
            }
            vals[f->n_levels] = v;
            f->first[f->n_levels] = ROW(rows, k);
            slot[i] = (long)f->n_levels++;
            if (2 * f->n_levels > cap) { /* keep the load at most 1/2: double and re-insert */
                size_t ncap = 2 * cap;
                long *ns = malloc(ncap * sizeof *ns);
                if (!ns) {
                    free(slot);
                    free(vals);
                    factor_free(f);
                    return NOMEM(err);
                }
                memset(ns, 0xff, ncap * sizeof *ns);
                for (size_t q = 0; q < f->n_levels; q++) {
                    memcpy(&bits, &vals[q], sizeof bits);
                    size_t h = (size_t)mix64(bits) & (ncap - 1);
                    while (ns[h] >= 0)
                        h = (h + 1) & (ncap - 1);
                    ns[h] = (long)q;
                }
                free(slot);
                slot = ns;
                cap = ncap;
                f->level[k] = (int)(f->n_levels - 1);
                continue;
            }
        }
        f->level[k] = (int)slot[i];
    }
    free(slot);
    free(vals);
    return CORE_OK;
}

/* Level u of a factor of column col as text, for messages: its first row's cell, or the value kept when the levels
 * were written over the column (a numeric column without value labels: the same text, core_cell_text's %.15g). */
static const char *level_text(const core_table *t, size_t col, const factor *f, size_t u, char *buf, size_t size)
{
    if (f->value) {
        snprintf(buf, size, "%.15g", (double)f->value[u]);
        return buf;
    }
    return core_cell_text(t, col, f->first[u], buf, size);
}

/* ---- the panel ---- */

void rw_panel_free(rw_panel *p)
{
    size_t ib = p->n * sizeof(int);
    if (p->fe)
        for (size_t k = 0; k < p->n_fe; k++)
            if (p->fe[k] != p->unit && p->fe[k] != p->period) /* those two are shared, not copies */
                core_free_pages(p->fe[k], ib);
    free(p->fe);
    core_free_pages(p->unit, ib);
    core_free_pages(p->period, ib);
    core_free_pages(p->cluster, ib);
    free(p->fe_levels);
    if (p->d_pages)
        core_free_pages(p->d, p->n * sizeof(double));
    else
        free(p->d);
    free(p->x);
    if (p->y_pages)
        core_free_pages(p->y, p->n * p->n_y * sizeof(double));
    else
        free(p->y);
    free(p->row);
    if (p->cluster_name)
        for (size_t g = 0; g < p->G; g++)
            free(p->cluster_name[g]);
    free(p->cluster_name);
    if (p->unit_key)
        for (size_t u = 0; u < p->U; u++)
            free(p->unit_key[u]);
    free(p->unit_key);
    free(p->cluster_treated);
    free(p->cluster_first);
    memset(p, 0, sizeof *p);
}

static core_status find_col(const core_config *cfg, const char *key, const core_table *t, const char *name,
                            size_t *col, core_err *err)
{
    return core_data_column(cfg, "registry", key, t, name, col, err);
}

/* A numeric cell or an error naming it. 1 value, 0 missing. */
static int cell_num(const core_table *t, size_t col, size_t row, double *v, core_status *st, core_err *err,
                    const char *what)
{
    int r = core_cell_number(t, col, row, v);
    if (r < 0) {
        char w[300], b[64];
        *st = core_err_set(err, CORE_ERR_DATA, "%s: '%s' is not a number; the %s must be numeric" CORE_MISSING_HINT,
                           core_cell_where(t, col, row, w, sizeof w), core_cell_text(t, col, row, b, sizeof b), what);
        return -1;
    }
    return r;
}

/* 0: every check of panel_load in its own pass over the rows, as before they were fused (tests compare both). */
static int panel_fused = 1;

/* units_clean for at most 64 periods: a unit's periods so far are the bits of one word, kept in a register over
 * the unit's run of rows (a unit's rows usually come together) and stored when the unit changes, and its cluster
 * is looked up then too; with a bitmap of (unit, period) bits the byte written on one row was read back on the
 * next (a store-to-load wait per row). The same answer: 1 clean, 0 a mover or a duplicate; -1 no memory (the
 * bitmap's way is tried). */
static int units_clean_word(const rw_panel *p, size_t n)
{
    int *ucl = malloc((p->U ? p->U : 1) * sizeof *ucl);
    uint64_t *pm = calloc(p->U ? p->U : 1, sizeof *pm);
    if (!ucl || !pm) {
        free(ucl);
        free(pm);
        return -1;
    }
    for (size_t u = 0; u < p->U; u++)
        ucl[u] = -1;
    const int *unit = p->unit, *cluster = p->cluster, *period = p->period;
    int ok = 1, pu = -1, pg = -1;
    uint64_t m = 0;
    for (size_t k = 0; ok && k < n; k++) {
        int u = unit[k], g = cluster[k];
        if (u != pu) {
            if (pu >= 0)
                pm[pu] = m;
            m = pm[u];
            if (ucl[u] < 0)
                ucl[u] = g;
            pg = ucl[u];
            pu = u;
        }
        uint64_t b = (uint64_t)1 << period[k];
        ok &= (g == pg) & !(m & b);
        m |= b;
    }
    free(ucl);
    free(pm);
    return ok;
}

/* 1 when every unit stays in one cluster and no (unit, period) comes twice: the two checks of panel_load in one
 * pass over the rows. 0 (a mover, a duplicate, or no memory for the check) sends the rows through the checks'
 * own passes, which name the first offending row (or report the lack of memory). */
static int units_clean(const rw_panel *p, size_t n)
{
    if (!panel_fused)
        return 0;
    if (p->T <= 64) { /* see units_clean_word */
        int r = units_clean_word(p, n);
        if (r >= 0)
            return r;
    }
    double bits = (double)p->U * (double)p->T;
    int *ucl = malloc((p->U ? p->U : 1) * sizeof *ucl);
    unsigned char *seen = bits < 4e10 ? calloc((size_t)(bits / 8) + 1, 1) : NULL;
    int ok = ucl && (seen || bits >= 4e10);
    for (size_t u = 0; ok && u < p->U; u++)
        ucl[u] = -1;
    const int *unit = p->unit, *cluster = p->cluster, *period = p->period;
    size_t T = p->T;
    for (size_t k = 0; ok && k < n; k++) {
        int u = unit[k], g = cluster[k];
        if (ucl[u] < 0)
            ucl[u] = g;
        else if (ucl[u] != g)
            ok = 0;
        if (seen) {
            size_t bit = (size_t)u * T + (size_t)period[k];
            if (seen[bit / 8] & (1u << (bit % 8)))
                ok = 0;
            seen[bit / 8] |= (unsigned char)(1u << (bit % 8));
        }
    }
    free(ucl);
    free(seen);
    return ok;
}

/* The treatment by cluster and period in one pass over the rows (see panel_load): fills cluster_treated,
 * cluster_first, pre, binary, level and varies (the treatment differs from the first row's somewhere). Returns 0,
 * having done nothing, when clusters x periods exceed the rows or no memory is left for the cells. */
static int cluster_cells(rw_panel *p, size_t n, unsigned char *pre, int *binary, int *level, int *varies)
{
    size_t G = p->G, T = p->T;
    if (!panel_fused || (double)G * (double)T > (double)n + 65536.0)
        return 0;
    unsigned char *fl = calloc(G * T + 1, 1); /* per cell: 1 rows, 2 a non-zero treatment, 4 one other than 1 */
    if (!fl)
        return 0;
    const int *cl = p->cluster, *per = p->period;
    const double *d = p->d;
    double d0 = d[0];
    /* the cell's flags in a register of their own, the two facts over all rows in one accumulator (bit 8: a
     * treatment neither 0 nor 1, bit 16: one that differs from row 0's): written as one expression per cell, the
     * compiler kept the flags in a byte on the stack and read them back as a word, which stalled every row */
    unsigned acc = 0;
    for (size_t k = 0; k < n; k++) {
        double dk = d[k];
        unsigned f = 1u | (unsigned)(dk != 0) << 1 | (unsigned)(dk != 1) << 2;
        unsigned char *c = &fl[(size_t)cl[k] * T + (size_t)per[k]];
        *c = (unsigned char)(*c | f);
        acc |= ((f & 6u) == 6u) << 3 | (unsigned)(dk != d0) << 4;
    }
    int bin = !(acc & 8u);
    /* as the loop of panel_load: row 0 is the reference (it differs from itself only when it is NaN, and then every
     * later row differs from it too) */
    int var = n > 1 && (acc & 16u);
    /* a cluster is treated when some row has a non-zero treatment; its first treated period is the earliest
     * such; it has a period before when some row comes earlier; the treatment is at the cluster level when every
     * row of a treated cluster from its first treated period on has 1 (rows before it, and rows of untreated
     * clusters, have 0 by these definitions) */
    int lev = 1;
    for (size_t g = 0; g < G; g++) {
        const unsigned char *c = fl + g * T;
        int first = -1;
        for (size_t t = 0; t < T && first < 0; t++)
            if (c[t] & 2)
                first = (int)t;
        p->cluster_first[g] = first;
        p->cluster_treated[g] = first >= 0;
        if (first < 0)
            continue;
        for (size_t t = 0; t < (size_t)first; t++)
            pre[g] |= (unsigned char)(c[t] & 1);
        for (size_t t = (size_t)first; t < T; t++)
            lev &= !(c[t] & 4);
    }
    free(fl);
    *binary = bin;
    *level = lev;
    *varies = var;
    return 1;
}

static core_status panel_load(const core_config *cfg, const rw_spec *s, core_table *t, int take, rw_panel *p,
                              core_err *err);

core_status rw_panel_load(const core_config *cfg, const rw_spec *s, const core_table *t, rw_panel *p, core_err *err)
{
    return panel_load(cfg, s, (core_table *)t, 0, p, err); /* take = 0: t is only read */
}

core_status rw_panel_load_take(const core_config *cfg, const rw_spec *s, core_table *t, rw_panel *p, core_err *err)
{
    return panel_load(cfg, s, t, 1, p, err);
}

/* take: when every row is used, the treatment and a single outcome column (numeric) become the panel's own
 * arrays instead of being copied (the table must not be used afterwards but to free it). */
static core_status panel_load(const core_config *cfg, const rw_spec *s, core_table *t, int take, rw_panel *p,
                              core_err *err)
{
    memset(p, 0, sizeof *p);
    core_status st = CORE_OK;
    size_t cu, ct, cc, cd;
    size_t *cfe = NULL, *cx = NULL;
    long *cy = NULL;
    size_t *rows = NULL;
    factor fu = {0}, fc = {0};
    int *perd = NULL;
    unsigned char *seen = NULL;
    char w[400], b1[128], b2[128];
    if ((st = find_col(cfg, "unit", t, s->unit, &cu, err)) != CORE_OK ||
        (st = find_col(cfg, "time", t, s->time, &ct, err)) != CORE_OK ||
        (st = find_col(cfg, "cluster", t, s->cluster, &cc, err)) != CORE_OK ||
        (st = find_col(cfg, "treatment", t, s->treatment, &cd, err)) != CORE_OK)
        return st;
    cfe = malloc((s->n_fe + 1) * sizeof *cfe);
    cx = malloc((s->n_controls + 1) * sizeof *cx);
    cy = malloc(s->n_outcomes * sizeof *cy);
    if (!cfe || !cx || !cy) {
        st = NOMEM(err);
        goto done;
    }
    for (size_t k = 0; k < s->n_fe; k++)
        if ((st = find_col(cfg, "fixed_effects", t, s->fixed_effects[k], &cfe[k], err)) != CORE_OK)
            goto done;
    for (size_t k = 0; k < s->n_controls; k++)
        if ((st = find_col(cfg, "controls", t, s->controls[k], &cx[k], err)) != CORE_OK)
            goto done;
    for (size_t k = 0; k < s->n_outcomes; k++) {
        if (k == 0 && s->has_spells) {
            long c = core_table_find(t, s->outcomes[0]);
            if (c >= 0) {
                st = core_err_set(err, CORE_ERR_CONFIG,
                                  "%s: the panel already has a column '%s', and spells = is given, which computes "
                                  "it; name another outcome or remove the spells key",
                                  core_config_where(cfg, "registry", "outcome", w, sizeof w), s->outcomes[0]);
                goto done;
            }
            cy[k] = -1;
            continue;
        }
        size_t c;
        if ((st = find_col(cfg, "outcome", t, s->outcomes[k], &c, err)) != CORE_OK)
            goto done;
        cy[k] = (long)c;
    }
    /* Rows with every needed value (outcomes may be missing: per-outcome samples). Only the columns that can have
     * a missing cell are looked at (a numeric one with missing flags, a categorical one with a missing code); the
     * rows are counted first, and the index of the rows used is made only when some row is dropped (otherwise
     * row k of the panel is row k of the table: docs/performance.md). */
    size_t n = t->n_rows;
    p->n_rows_read = t->n_rows;
    {
        size_t n_need = 0, n_all = 4 + s->n_fe + s->n_controls;
        const core_column **need = malloc(n_all * sizeof *need);
        if (!need) {
            st = NOMEM(err);
            goto done;
        }
        for (size_t k = 0; k < n_all; k++) {
            size_t j = k == 0 ? cu : k == 1 ? ct : k == 2 ? cc : k == 3 ? cd : k < 4 + s->n_fe ? cfe[k - 4]
                                                                                        : cx[k - 4 - s->n_fe];
            const core_column *c = &t->cols[j];
            int may = c->type == CORE_COL_CATEGORICAL ? !(c->width == 1 && !memchr(c->data, 0, t->n_rows))
                                                      : c->miss != NULL;
            if (may)
                need[n_need++] = c;
        }
        if (n_need > 0) {
            n = 0;
            for (size_t i = 0; i < t->n_rows; i++) {
                int ok = 1;
                for (size_t k = 0; ok && k < n_need; k++)
                    ok = !core_col_missing(need[k], i);
                n += (size_t)ok;
            }
        }
        if (n > 0 && n < t->n_rows) {
            rows = malloc((n + 1) * sizeof *rows); /* the pass below writes one past the last row used */
            if (!rows) {
                free(need);
                st = NOMEM(err);
                goto done;
            }
            core_prefault(rows, n * sizeof *rows);
            size_t m = 0;
            for (size_t i = 0; i < t->n_rows; i++) {
                int ok = 1;
                for (size_t k = 0; ok && k < n_need; k++)
                    ok = !core_col_missing(need[k], i);
                rows[m] = i;
                m += (size_t)ok;
            }
        }
        free(need);
        p->n_dropped = t->n_rows - n;
    }
    if (n == 0) {
        st = core_err_set(err, CORE_ERR_DATA, "%s: no row has all of %s, %s, %s and %s", t->source, s->unit, s->time,
                          s->cluster, s->treatment);
        goto done;
    }
    p->n = n;
    p->row = rows; /* NULL when every row is used: the identity needs no array (ROW) */
    rows = NULL;
    /* arrays taken from the table (take): the treatment, and a single numeric outcome */
    int take_d = take && !p->row && t->cols[cd].type == CORE_COL_NUMERIC;
    int take_y = take && !p->row && s->n_outcomes == 1 && cy[0] >= 0 && t->cols[cy[0]].type == CORE_COL_NUMERIC &&
                 (size_t)cy[0] != cd;
    for (size_t k = 0; k < s->n_controls; k++) { /* a column read again below is not taken */
        take_d &= cx[k] != cd;
        take_y &= (long)cx[k] != cy[0];
    }
    /* each filled in full below: whole pages of their own (core_alloc_pages) */
    p->n_y = s->n_outcomes;
    p->period = core_alloc_pages(n * sizeof *p->period);
    p->d = take_d ? NULL : core_alloc_pages(n * sizeof *p->d);
    p->d_pages = !take_d;
    p->x = malloc((n * s->n_controls + 1) * sizeof *p->x);
    core_prefault(p->x, n * s->n_controls * sizeof *p->x);
    p->y = take_y ? NULL : core_alloc_pages(n * s->n_outcomes * sizeof *p->y);
    p->y_pages = !take_y;
    p->fe = calloc(s->n_fe + 1, sizeof *p->fe);
    p->fe_levels = calloc(s->n_fe + 1, sizeof *p->fe_levels);
    if (!p->period || (!take_d && !p->d) || !p->x || (!take_y && !p->y) || !p->fe || !p->fe_levels) {
        st = NOMEM(err);
        goto done;
    }
    /* time: whole numbers, consecutive. A column of whole numbers (int8/16/32) with every row used is read as such:
     * its range first, then each period written once, 0-based; anything else (or a value beyond 1e9, which the loop
     * below names) cell by cell */
    long tmin = 0, tmax = 0;
    const core_column *tcol = &t->cols[ct];
    int t_int = !p->row && tcol->type == CORE_COL_NUMERIC && tcol->width <= 4;
    if (t_int) {
        int32_t lo, hi;
        int_range(tcol, n, &lo, &hi);
        tmin = lo;
        tmax = hi;
        t_int = lo >= -1000000000 && hi <= 1000000000;
    }
    for (size_t k = 0; k < n && !t_int; k++) {
        double v;
        size_t i = ROW(p->row, k);
        if (t->cols[ct].type == CORE_COL_NUMERIC)
            v = core_col_num(&t->cols[ct], i);
        else if (cell_num(t, ct, i, &v, &st, err, "time column") < 0)
            goto done;
        if (v != floor(v) || fabs(v) > 1e9) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: '%s' is not a whole number; the time column holds periods such as "
                              "years (2010, 2011, ...)", core_cell_where(t, ct, i, w, sizeof w),
                              core_cell_text(t, ct, i, b1, sizeof b1));
            goto done;
        }
        long tv = (long)v;
        if (k == 0 || tv < tmin)
            tmin = tv;
        if (k == 0 || tv > tmax)
            tmax = tv;
        p->period[k] = (int)tv; /* |tv| <= 1e9; made 0-based below */
    }
    if (tmax - tmin > 100000) {
        st = core_err_set(err, CORE_ERR_DATA, "%s: column '%s' spans %ld to %ld: too many periods", t->source, s->time,
                          tmin, tmax);
        goto done;
    }
    p->T = (size_t)(tmax - tmin + 1);
    p->period0 = tmin;
    perd = calloc(p->T, sizeof *perd);
    if (!perd) {
        st = NOMEM(err);
        goto done;
    }
    if (t_int && p->T <= 64) { /* the periods present as bits of a register (a store per row into perd otherwise) */
        int32_t t0 = (int32_t)tmin;
        int *per = p->period;
        uint64_t have = 0;
#define TIME_PUT(T)                                                                                                    \
    for (size_t k = 0; k < n; k++) {                                                                                 \
        int q = (int)(((const T *)tcol->data)[k] - t0);                                                              \
        per[k] = q;                                                                                                  \
        have |= (uint64_t)1 << q;                                                                                    \
    }
        if (tcol->width == 1)
            TIME_PUT(int8_t)
        else if (tcol->width == 2)
            TIME_PUT(int16_t)
        else
            TIME_PUT(int32_t)
#undef TIME_PUT
        for (size_t q = 0; q < p->T; q++)
            perd[q] = (int)((have >> q) & 1);
    } else if (t_int) {
        int32_t t0 = (int32_t)tmin;
        int *per = p->period;
#define TIME_PUT(T)                                                                                                    \
    for (size_t k = 0; k < n; k++) {                                                                                 \
        per[k] = (int)(((const T *)tcol->data)[k] - t0);                                                             \
        perd[per[k]] = 1;                                                                                            \
    }
        if (tcol->width == 1)
            TIME_PUT(int8_t)
        else if (tcol->width == 2)
            TIME_PUT(int16_t)
        else
            TIME_PUT(int32_t)
#undef TIME_PUT
    } else
        for (size_t k = 0; k < n; k++) {
            p->period[k] = (int)((long)p->period[k] - tmin);
            perd[p->period[k]] = 1;
        }
    for (size_t q = 0; q < p->T; q++)
        if (!perd[q]) {
            st = core_err_set(err, CORE_ERR_DATA,
                              "%s: column '%s' has gaps: no row has %s = %ld, but periods must be consecutive from %ld "
                              "to %ld (recode the periods, or add the missing one)",
                              t->source, s->time, s->time, tmin + (long)q, tmin, tmax);
            goto done;
        }
    if (p->T < 2) {
        st = core_err_set(err, CORE_ERR_DATA, "%s: column '%s' has one period only (%ld); a difference-in-differences "
                          "needs periods before and after", t->source, s->time, tmin);
        goto done;
    }
    /* units and clusters */
    /* The unit's levels over the table's own int32 unit column when the table is taken and that column is used for
     * nothing else (a fixed effect on the unit shares the levels): n ints of fresh memory fewer. Its cells must be
     * exactly what rw_panel_free frees as n ints (core_alloc_pages' pages of n ints, or malloc's below 1 MiB). */
    int unit_in_place = take && !p->row && cu != ct && cu != cc && cu != cd;
    {
        const core_column *c = &t->cols[cu];
        unit_in_place &= c->type == CORE_COL_NUMERIC && c->width == 4 && !c->miss && c->n_labels == 0 &&
                         c->data_pages == (core_pages_mapped(n * sizeof(int)) ? n * sizeof(int) : 0);
        for (size_t k = 0; k < s->n_controls; k++)
            unit_in_place &= cx[k] != cu;
        for (size_t k = 0; k < s->n_outcomes; k++)
            unit_in_place &= cy[k] != (long)cu;
    }
    if ((st = factorise(t, cu, p->row, n, unit_in_place, &fu, err)) != CORE_OK)
        goto done;
    if (fu.in_place) { /* the cells are the panel's now */
        t->cols[cu].data = NULL;
        t->cols[cu].data_pages = 0;
        fu.in_place = 0;
    }
    if ((st = factorise(t, cc, p->row, n, 0, &fc, err)) != CORE_OK)
        goto done;
    p->U = fu.n_levels;
    p->G = fc.n_levels;
    p->unit = fu.level;
    fu.level = NULL;
    p->cluster = fc.level;
    fc.level = NULL;
    p->cluster_name = calloc(p->G, sizeof *p->cluster_name);
    /* unit ids as text: only spells need them (rw_spells_apply matches on them) */
    p->unit_key = s->has_spells ? calloc(p->U, sizeof *p->unit_key) : NULL;
    if (!p->cluster_name || (s->has_spells && !p->unit_key)) {
        st = NOMEM(err);
        goto done;
    }
    for (size_t g = 0; g < p->G; g++)
        if (!(p->cluster_name[g] = strdup(core_cell_text(t, cc, fc.first[g], b1, sizeof b1)))) {
            st = NOMEM(err);
            goto done;
        }
    for (size_t u = 0; p->unit_key && u < p->U; u++)
        if (!(p->unit_key[u] = strdup(level_text(t, cu, &fu, u, b1, sizeof b1)))) {
            st = NOMEM(err);
            goto done;
        }
    /* a unit in one cluster only; (unit, period) once */
    {
        int clean = units_clean(p, n); /* both at once; otherwise each on its own, for the message */
        int *ucl = malloc(p->U * sizeof *ucl);
        size_t *urow = malloc(p->U * sizeof *urow);
        if (!ucl || !urow) {
            free(ucl);
            free(urow);
            st = NOMEM(err);
            goto done;
        }
        for (size_t u = 0; u < p->U; u++)
            ucl[u] = -1;
        for (size_t k = 0; k < n && !clean; k++) {
            int u = p->unit[k];
            if (ucl[u] < 0) {
                ucl[u] = p->cluster[k];
                urow[u] = ROW(p->row, k);
            } else if (ucl[u] != p->cluster[k]) {
                st = core_err_set(err, CORE_ERR_DATA,
                                  "%s: %s '%s' is in %s '%s' here but in '%s' on line %ld: a unit must stay in one "
                                  "cluster (its fixed effect must be nested in the clusters for cluster-robust "
                                  "inference); drop the movers or assign each unit to one %s",
                                  core_cell_where(t, cc, ROW(p->row, k), w, sizeof w), s->unit,
                                  level_text(t, cu, &fu, u, b2, sizeof b2), s->cluster,
                                  p->cluster_name[p->cluster[k]], p->cluster_name[ucl[u]], core_table_line(t, urow[u]),
                                  s->cluster);
                free(ucl);
                free(urow);
                goto done;
            }
        }
        free(ucl);
        free(urow);
        double bits = (double)p->U * (double)p->T;
        if (bits < 4e10 && !clean) {
            seen = calloc((size_t)(bits / 8) + 1, 1);
            size_t *first_row = NULL;
            if (!seen) {
                st = NOMEM(err);
                goto done;
            }
            (void)first_row;
            for (size_t k = 0; k < n; k++) {
                size_t bit = (size_t)p->unit[k] * p->T + (size_t)p->period[k];
                if (seen[bit / 8] & (1u << (bit % 8))) {
                    st = core_err_set(err, CORE_ERR_DATA, "%s: %s '%s' has %s %ld twice: one row per unit and period",
                                      core_cell_where(t, ct, ROW(p->row, k), w, sizeof w), s->unit,
                                      level_text(t, cu, &fu, (size_t)p->unit[k], b2, sizeof b2),
                                      s->time, tmin + p->period[k]);
                    goto done;
                }
                seen[bit / 8] |= (unsigned char)(1u << (bit % 8));
            }
        }
    }
    /* fixed effects */
    p->n_fe = s->n_fe;
    for (size_t q = 0; q < s->n_fe; q++) {
        factor ff;
        if (cfe[q] == cu) { /* the unit's levels themselves (read-only; rw_panel_free frees them once) */
            p->fe[q] = p->unit;
            p->fe_levels[q] = p->U;
            continue;
        }
        if (cfe[q] == ct) {
            p->fe[q] = p->period;
            p->fe_levels[q] = p->T;
            continue;
        }
        if ((st = factorise(t, cfe[q], p->row, n, 0, &ff, err)) != CORE_OK)
            goto done;
        p->fe[q] = ff.level;
        p->fe_levels[q] = ff.n_levels;
        free(ff.first);
    }
    /* treatment, controls, outcomes */
    double d0 = NAN;
    int varies = 0;
    core_column *ctd = &t->cols[cd];
    if (take_d && !(p->d = core_column_take_f64(ctd, n, &p->d_pages))) { /* every row has a treatment */
        st = NOMEM(err);
        goto done;
    }
    if (take_y) { /* missing cells become NaN in place (the reader leaves 0 there) */
        core_column *co = &t->cols[cy[0]];
        if (!(p->y = core_column_take_f64(co, n, &p->y_pages))) {
            st = NOMEM(err);
            goto done;
        }
        for (size_t k = 0; co->miss && k < n; k++)
            if (core_col_missing(co, k))
                p->y[k] = NAN;
    }
    int per_row = !panel_fused || !take_d || !take_y || s->n_controls > 0; /* else nothing to copy: below */
    for (size_t k = 0; k < n && per_row; k++) {
        size_t i = ROW(p->row, k);
        if (take_d)
            ;
        else if (ctd->type == CORE_COL_NUMERIC)
            p->d[k] = core_col_num(ctd, i);
        else if (cell_num(t, cd, i, &p->d[k], &st, err, "treatment") < 0)
            goto done;
        if (k == 0)
            d0 = p->d[k];
        else if (p->d[k] != d0)
            varies = 1;
        for (size_t c = 0; c < s->n_controls; c++)
            if (cell_num(t, cx[c], i, &p->x[c * n + k], &st, err, "control") < 0)
                goto done;
        for (size_t o = 0; o < s->n_outcomes && !take_y; o++) {
            double v = NAN;
            if (cy[o] >= 0) {
                const core_column *co = &t->cols[cy[o]];
                if (core_col_missing(co, i))
                    v = NAN;
                else if (co->type == CORE_COL_NUMERIC)
                    v = core_col_num(co, i);
                else if (cell_num(t, (size_t)cy[o], i, &v, &st, err, "outcome") < 0)
                    goto done;
            }
            p->y[o * n + k] = v;
        }
    }
    /* treated clusters and their first treated period */
    p->cluster_treated = calloc(p->G, sizeof *p->cluster_treated);
    p->cluster_first = malloc(p->G * sizeof *p->cluster_first);
    unsigned char *pre = calloc(p->G ? p->G : 1, 1);
    if (!p->cluster_treated || !p->cluster_first || !pre) {
        free(pre);
        st = NOMEM(err);
        goto done;
    }
    for (size_t g = 0; g < p->G; g++)
        p->cluster_first[g] = -1;
    /* Then three facts: which treated clusters have a period before their treatment (pre), whether the treatment
     * is 0/1 (binary), and whether it is 1 exactly from each treated cluster's first treated period on
     * (cluster_level); and whether it varies at all when the loop above did not look. All from one pass that
     * marks, per cluster and period, rows present, a non-zero treatment, a treatment other than 1 (cluster_cells);
     * when clusters x periods are too many for that, two passes over the rows. */
    int binary = 1, level = 1, varies_d = 0;
    if (!cluster_cells(p, n, pre, &binary, &level, &varies_d)) {
        const int *pcl = p->cluster, *pper = p->period; /* locals: the loops keep them in registers */
        const double *pd = p->d;
        int *ctr = p->cluster_treated, *cfirst = p->cluster_first;
        for (size_t k = 0; k < n; k++) {
            varies_d |= (k > 0) & (pd[k] != pd[0]);
            if (pd[k] != 0) {
                int g = pcl[k];
                ctr[g] = 1;
                if (cfirst[g] < 0 || pper[k] < cfirst[g])
                    cfirst[g] = pper[k];
            }
        }
        for (size_t k = 0; k < n; k++) {
            int g = pcl[k], tk = pper[k];
            double dk = pd[k];
            int before = ctr[g] && tk < cfirst[g];
            pre[g] |= (unsigned char)before;
            binary &= dk == 0 || dk == 1;
            level &= dk == (ctr[g] && !before ? 1.0 : 0.0);
        }
    }
    if (!per_row) {
        d0 = p->d[0];
        varies = varies_d;
    }
    if (!varies) {
        free(pre);
        st = core_err_set(err, CORE_ERR_DATA,
                          "%s: the treatment '%s' is %g in every row: it never varies, so there is no effect to "
                          "estimate (it should be 1 in the treated clusters from their first treated period, 0 "
                          "elsewhere)",
                          t->source, s->treatment, d0);
        goto done;
    }
    /* a treated cluster needs a period before its treatment: without one, its "effect" is a level difference,
     * not a difference in differences. When no treated cluster has one the panel is refused, naming the first;
     * when some have, a cluster treated from its first period is absorbed by its own fixed effect and only helps
     * estimate the period effects (as in R's plm and fixest), so it stays */
    {
        int any_pre = 0;
        for (size_t g = 0; g < p->G; g++)
            any_pre |= p->cluster_treated[g] && pre[g];
        /* only an adoption indicator (0/1) has a "before": a continuous treatment (a tax rate) is regression on
         * its within-cluster variation, as in R's plm and fixest */
        any_pre |= !binary;
        for (size_t g = 0; g < p->G && st == CORE_OK && !any_pre; g++)
            if (p->cluster_treated[g] && !pre[g])
                st = core_err_set(err, CORE_ERR_DATA,
                                  "%s: the treated %s '%s' has no period before its treatment (treated from %s %ld, "
                                  "its first in the data), so difference-in-differences cannot compare it with its own "
                                  "past; give its earlier periods, or leave it out of the panel",
                                  t->source, s->cluster ? s->cluster : "cluster",
                                  p->cluster_name && p->cluster_name[g] ? p->cluster_name[g] : "?", s->time,
                                  (long)(p->period0 + p->cluster_first[g]));
        free(pre);
        pre = NULL;
        if (st != CORE_OK)
            goto done;
    }
    p->G1 = 0;
    for (size_t g = 0; g < p->G; g++)
        p->G1 += (size_t)p->cluster_treated[g];
    p->cluster_level = level;
    p->common_timing = 1;
    int f0 = -1;
    for (size_t g = 0; g < p->G; g++)
        if (p->cluster_treated[g]) {
            if (f0 < 0)
                f0 = p->cluster_first[g];
            else if (p->cluster_first[g] != f0)
                p->common_timing = 0;
        }
done:
    factor_free(&fu);
    factor_free(&fc);
    free(cfe);
    free(cx);
    free(cy);
    free(rows);
    free(perd);
    free(seen);
    if (st != CORE_OK)
        rw_panel_free(p);
    return st;
}
