/* The columnar table: construction, cell access, strict number parsing. */
#include "core_table.h"
#include "core_alloc.h"

#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* ---- storage ---- */

/* The width a value needs: 1, 2 or 4 for a whole number int8/16/32 hold exactly (not -0), else 8; *k is
 * the whole number. */
static unsigned num_width(double v, int32_t *k)
{
    if (!(v >= -2147483648.0 && v <= 2147483647.0))
        return 8;
    int32_t x = (int32_t)v;
    if ((double)x != v || (x == 0 && signbit(v)))
        return 8;
    *k = x;
    return x >= INT8_MIN && x <= INT8_MAX ? 1 : x >= INT16_MIN && x <= INT16_MAX ? 2 : 4;
}

static unsigned code_width(size_t k1)
{
    return k1 <= UINT8_MAX ? 1 : k1 <= UINT16_MAX ? 2 : 4;
}

void core_column_free_data(core_column *c)
{
    if (c->data_pages)
        core_free_pages(c->data, c->data_pages);
    else
        free(c->data);
    c->data = NULL;
    c->data_pages = 0;
}

int core_column_alloc_data(core_column *c, size_t cap, unsigned w, int zero)
{
    size_t bytes;
    if (!core_size_mul(cap ? cap : 1, w, &bytes) || bytes > CORE_ALLOC_MAX)
        return -1;
    void *nd;
    size_t pages = 0;
    if (bytes >= ((size_t)1 << 20)) { /* filled in full: its pages at once, as huge pages where allowed */
        if (!(nd = zero ? core_alloc_pages_zero(bytes) : core_alloc_pages(bytes)))
            return -1;
        pages = bytes;
    } else if (!(nd = zero ? calloc(bytes, 1) : malloc(bytes)))
        return -1;
    c->data = nd;
    c->data_pages = pages;
    return 0;
}

int core_column_widen(core_column *c, size_t cap, size_t filled, unsigned w)
{
    if (w <= c->width)
        return 0;
    core_column nc = *c; /* the new cells; c is read at its old width below */
    if (core_column_alloc_data(&nc, cap, w, 0) != 0)
        return -1;
    void *nd = nc.data;
    if (c->type == CORE_COL_NUMERIC) {
        for (size_t i = 0; i < filled; i++) {
            double v = core_col_num(c, i);
            switch (w) {
            case 2:
                ((int16_t *)nd)[i] = (int16_t)v;
                break;
            case 4:
                ((int32_t *)nd)[i] = (int32_t)v;
                break;
            default:
                ((double *)nd)[i] = v;
            }
        }
    } else {
        for (size_t i = 0; i < filled; i++) {
            uint32_t u = (uint32_t)(core_col_code(c, i) + 1);
            if (w == 2)
                ((uint16_t *)nd)[i] = (uint16_t)u;
            else
                ((uint32_t *)nd)[i] = u;
        }
    }
    core_column_free_data(c);
    c->data = nd;
    c->data_pages = nc.data_pages;
    c->width = (unsigned char)w;
    return 0;
}

int core_column_put_num(core_column *c, size_t cap, size_t filled, size_t i, double v)
{
    int32_t k = 0;
    unsigned need = num_width(v, &k);
    if (need > c->width && core_column_widen(c, cap, filled, need) != 0)
        return -1;
    switch (c->width) {
    case 1:
        ((int8_t *)c->data)[i] = (int8_t)k;
        break;
    case 2:
        ((int16_t *)c->data)[i] = (int16_t)k;
        break;
    case 4:
        ((int32_t *)c->data)[i] = k;
        break;
    default:
        ((double *)c->data)[i] = v;
    }
    return 0;
}

int core_column_put_code(core_column *c, size_t cap, size_t filled, size_t i, int k)
{
    uint32_t u = k < 0 ? 0 : (uint32_t)k + 1;
    unsigned need = code_width(u);
    if (need > c->width && core_column_widen(c, cap, filled, need) != 0)
        return -1;
    switch (c->width) {
    case 1:
        ((uint8_t *)c->data)[i] = (uint8_t)u;
        break;
    case 2:
        ((uint16_t *)c->data)[i] = (uint16_t)u;
        break;
    default:
        ((uint32_t *)c->data)[i] = u;
    }
    return 0;
}

int core_column_put_missing(core_column *c, size_t cap, size_t i, int on)
{
    if (!c->miss) {
        if (!on)
            return 0;
        if (!(c->miss = core_calloc_array(cap / 8 + 1, 1)))
            return -1;
    }
    if (on)
        c->miss[i >> 3] |= (unsigned char)(1u << (i & 7));
    else
        c->miss[i >> 3] &= (unsigned char)~(1u << (i & 7));
    return 0;
}

void core_column_free(core_column *c)
{
    free(c->name);
    free(c->label);
    core_column_free_data(c);
    free(c->miss);
    for (size_t k = 0; k < c->n_levels; k++)
        free(c->levels[k]);
    free(c->levels);
    for (size_t k = 0; k < c->n_labels; k++)
        free(c->labels[k].label);
    free(c->labels);
    free(c->level_num);
    memset(c, 0, sizeof *c);
}

void core_table_compact(core_table *t)
{
    for (size_t j = 0; j < t->n_cols; j++) {
        core_column *c = &t->cols[j];
        if (!c->miss)
            continue;
        size_t n = t->n_rows, k = 0; /* only the bits of rows (a reader's bitmap may have room for more) */
        while (k < n / 8 && c->miss[k] == 0)
            k++;
        if (k == n / 8)
            for (k *= 8; k < n && !((c->miss[k >> 3] >> (k & 7)) & 1); k++)
                ;
        else
            k = 0;
        if (k == n) {
            free(c->miss);
            c->miss = NULL;
        }
    }
}

size_t core_table_bytes(const core_table *t)
{
    size_t b = t->n_cols * sizeof *t->cols + t->n_line_ex * sizeof *t->line_ex +
               (t->row_line ? t->n_rows * sizeof *t->row_line : 0);
    for (size_t j = 0; j < t->n_cols; j++) {
        const core_column *c = &t->cols[j];
        b += strlen(c->name) + 1 + (c->data ? t->n_rows * c->width : 0) + (c->miss ? t->n_rows / 8 + 1 : 0);
        b += c->n_levels * sizeof(char *) + (c->level_num ? c->n_levels * sizeof(double) : 0);
        for (size_t k = 0; k < c->n_levels; k++)
            b += strlen(c->levels[k]) + 1;
    }
    return b;
}

void core_table_free(core_table *t)
{
    if (!t)
        return;
    for (size_t j = 0; j < t->n_cols; j++)
        core_column_free(&t->cols[j]);
    free(t->cols);
    free(t->line_ex);
    free(t->row_line);
    free(t->source);
    free(t->note);
    free(t);
}

core_table *core_table_new(const char *source, size_t n_rows, size_t n_cols, const char *const *names,
                           const core_col_type *types)
{
    core_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->source = strdup(source ? source : "");
    t->cols = calloc(n_cols ? n_cols : 1, sizeof *t->cols);
    if (!t->source || !t->cols)
        goto fail;
    t->n_cols = n_cols;
    t->n_rows = n_rows;
    t->line0 = 2; /* header on line 1 unless a reader says otherwise */
    for (size_t j = 0; j < n_cols; j++) {
        core_column *c = &t->cols[j];
        c->name = strdup(names[j]);
        c->type = types ? types[j] : CORE_COL_NUMERIC;
        if (!c->name)
            goto fail;
        /* built cell by cell: the widest storage, so that setting a cell never needs memory */
        if (c->type == CORE_COL_NUMERIC) {
            c->width = 8;
            c->data = core_calloc_array(n_rows ? n_rows : 1, sizeof(double));
            c->miss = malloc(n_rows / 8 + 1);
            if (!c->data || !c->miss)
                goto fail;
            memset(c->miss, 0xff, n_rows / 8 + 1);
        } else {
            c->width = 4;
            c->data = core_calloc_array(n_rows ? n_rows : 1, sizeof(uint32_t)); /* 0: missing */
            if (!c->data)
                goto fail;
        }
    }
    return t;
fail:
    core_table_free(t);
    return NULL;
}

int core_column_level(core_column *c, const char *text)
{
    for (size_t k = 0; k < c->n_levels; k++)
        if (strcmp(c->levels[k], text) == 0)
            return (int)k;
    char **lv = realloc(c->levels, (c->n_levels + 1) * sizeof *lv);
    if (!lv)
        return -1;
    c->levels = lv;
    lv[c->n_levels] = strdup(text);
    if (!lv[c->n_levels])
        return -1;
    return (int)c->n_levels++;
}

core_status core_table_set_num(core_table *t, size_t col, size_t row, double v)
{
    core_column *c = &t->cols[col];
    if (core_column_put_num(c, t->n_rows, t->n_rows, row, v) != 0 ||
        core_column_put_missing(c, t->n_rows, row, 0) != 0)
        return CORE_ERR_NOMEM;
    return CORE_OK;
}

core_status core_table_set_code(core_table *t, size_t col, size_t row, int code)
{
    return core_column_put_code(&t->cols[col], t->n_rows, t->n_rows, row, code) != 0 ? CORE_ERR_NOMEM : CORE_OK;
}

core_status core_table_set_text(core_table *t, size_t col, size_t row, const char *text)
{
    int k = core_column_level(&t->cols[col], text);
    if (k < 0)
        return CORE_ERR_NOMEM;
    return core_table_set_code(t, col, row, k);
}

void core_table_set_missing(core_table *t, size_t col, size_t row)
{
    core_column *c = &t->cols[col];
    if (c->type == CORE_COL_CATEGORICAL) {
        core_column_put_code(c, t->n_rows, t->n_rows, row, -1); /* a narrower code: never needs memory */
        return;
    }
    core_column_put_num(c, t->n_rows, t->n_rows, row, 0); /* 0 fits every width */
    if (core_column_put_missing(c, t->n_rows, row, 1) != 0) {
        /* no memory for the bitmap: cannot happen for a table from core_table_new (it has one) */
    }
}

long core_table_line(const core_table *t, size_t i)
{
    if (t->row_line)
        return t->row_line[i];
    size_t lo = 0, hi = t->n_line_ex; /* the last exception at or before row i */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->line_ex[mid].row <= i)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return t->line0 + (long)i;
    return t->line_ex[lo - 1].line + (long)(i - t->line_ex[lo - 1].row);
}

core_status core_table_set_line(core_table *t, size_t i, long line)
{
    if (t->row_line) {
        t->row_line[i] = line;
        return CORE_OK;
    }
    if (core_table_line(t, i) == line)
        return CORE_OK;
    if (t->n_line_ex == 0 || t->line_ex[t->n_line_ex - 1].row < i) { /* in row order: one more exception */
        core_line_ex *nx = core_realloc_array(t->line_ex, t->n_line_ex + 1, sizeof *nx);
        if (!nx)
            return CORE_ERR_NOMEM;
        t->line_ex = nx;
        nx[t->n_line_ex++] = (core_line_ex){.row = i, .line = line};
        return CORE_OK;
    }
    long *rl = core_alloc_array(t->n_rows ? t->n_rows : 1, sizeof *rl); /* out of order: one line per row */
    if (!rl)
        return CORE_ERR_NOMEM;
    for (size_t k = 0; k < t->n_rows; k++)
        rl[k] = core_table_line(t, k);
    rl[i] = line;
    t->row_line = rl;
    return CORE_OK;
}

#ifdef __SSE2__
/* Four int32 in x as doubles at v (exact). */
static inline void put4_i32(__m128i x, double *v)
{
    _mm_storeu_pd(v, _mm_cvtepi32_pd(x));
    _mm_storeu_pd(v + 2, _mm_cvtepi32_pd(_mm_shuffle_epi32(x, _MM_SHUFFLE(1, 0, 3, 2))));
}

/* Eight int16 in w as doubles at v (sign-extended by an arithmetic shift, then exact). */
static inline void put8_i16(__m128i w, double *v)
{
    put4_i32(_mm_srai_epi32(_mm_unpacklo_epi16(w, w), 16), v);
    put4_i32(_mm_srai_epi32(_mm_unpackhi_epi16(w, w), 16), v + 4);
}
#endif

/* The first n cells of an int8, int16 or int32 array as doubles, exactly: several at a time with SSE2 (the
 * compiler does not vectorise the plain loop at -O2), the rest one by one. */
static void ints_to_f64(const void *cells, unsigned width, size_t n, double *v)
{
    size_t i = 0;
    if (width == 1) {
        const int8_t *a = cells;
#ifdef __SSE2__
        for (; i + 16 <= n; i += 16) {
            __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(a + i));
            put8_i16(_mm_srai_epi16(_mm_unpacklo_epi8(b, b), 8), v + i);
            put8_i16(_mm_srai_epi16(_mm_unpackhi_epi8(b, b), 8), v + i + 8);
        }
#endif
        for (; i < n; i++)
            v[i] = a[i];
    } else if (width == 2) {
        const int16_t *a = cells;
#ifdef __SSE2__
        for (; i + 8 <= n; i += 8)
            put8_i16(_mm_loadu_si128((const __m128i *)(const void *)(a + i)), v + i);
#endif
        for (; i < n; i++)
            v[i] = a[i];
    } else {
        const int32_t *a = cells;
#ifdef __SSE2__
        for (; i + 4 <= n; i += 4)
            put4_i32(_mm_loadu_si128((const __m128i *)(const void *)(a + i)), v + i);
#endif
        for (; i < n; i++)
            v[i] = a[i];
    }
}

double *core_column_take_f64(core_column *c, size_t n, int *pages)
{
    double *v;
    *pages = 0;
    if (c->width == 8 && (!c->data_pages || c->data_pages == n * sizeof *v)) { /* its own storage: handed over */
        v = c->data;
        *pages = c->data_pages != 0;
    } else if (c->width == 8) { /* pages of another size: copied */
        if (!core_alloc_ok(n, sizeof *v) || !(v = core_alloc_pages(n * sizeof *v)))
            return NULL;
        *pages = 1;
        memcpy(v, c->data, n * sizeof *v);
        core_column_free_data(c);
    } else {
        if (!core_alloc_ok(n, sizeof *v) || !(v = core_alloc_pages(n * sizeof *v))) /* filled in full next */
            return NULL;
        *pages = 1;
        ints_to_f64(c->data, c->width, n, v);
        core_column_free_data(c);
    }
    c->data = NULL;
    c->data_pages = 0;
    return v;
}

core_status core_table_column_to_numeric(core_table *t, size_t col, double *num)
{
    core_column *c = &t->cols[col];
    size_t n = t->n_rows;
    unsigned char *miss = NULL;
    for (size_t i = 0; i < n; i++)
        if (core_col_code(c, i) < 0) {
            if (!miss && !(miss = core_calloc_array(n / 8 + 1, 1))) {
                free(num);
                return CORE_ERR_NOMEM;
            }
            miss[i >> 3] |= (unsigned char)(1u << (i & 7));
            num[i] = 0;
        }
    for (size_t l = 0; l < c->n_levels; l++)
        free(c->levels[l]);
    free(c->levels);
    core_column_free_data(c);
    free(c->level_num);
    c->levels = NULL;
    c->level_num = NULL;
    c->n_level_num = 0;
    c->n_levels = 0;
    c->data = num;
    c->width = 8;
    c->miss = miss;
    c->type = CORE_COL_NUMERIC;
    return CORE_OK;
}

long core_table_find(const core_table *t, const char *name)
{
    for (size_t j = 0; j < t->n_cols; j++)
        if (strcmp(t->cols[j].name, name) == 0)
            return (long)j;
    for (size_t j = 0; j < t->n_cols; j++)
        if (strcasecmp(t->cols[j].name, name) == 0)
            return (long)j;
    return -1;
}

int core_cell_missing(const core_table *t, size_t col, size_t row)
{
    return core_col_missing(&t->cols[col], row);
}

const char *core_cell_text(const core_table *t, size_t col, size_t row, char *buf, size_t size)
{
    const core_column *c = &t->cols[col];
    if (core_col_missing(c, row)) {
        snprintf(buf, size, "%s", "");
        return buf;
    }
    if (c->type == CORE_COL_CATEGORICAL) {
        snprintf(buf, size, "%s", c->levels[core_col_code(c, row)]);
        return buf;
    }
    double v = core_col_num(c, row);
    for (size_t k = 0; k < c->n_labels; k++)
        if (c->labels[k].value == v) {
            snprintf(buf, size, "%s", c->labels[k].label);
            return buf;
        }
    snprintf(buf, size, "%.15g", v);
    return buf;
}

int core_cell_number(const core_table *t, size_t col, size_t row, double *out)
{
    const core_column *c = &t->cols[col];
    if (core_col_missing(c, row))
        return 0;
    if (c->type == CORE_COL_NUMERIC) {
        *out = core_col_num(c, row);
        return 1;
    }
    /* text is not parsed again: the reader read it once, by the file's rules */
    int k = core_col_code(c, row);
    if (!c->level_num || k < 0 || (size_t)k >= c->n_level_num || isnan(c->level_num[k]))
        return -1;
    *out = c->level_num[k];
    return 1;
}

const char *core_cell_where(const core_table *t, size_t col, size_t row, char *buf, size_t size)
{
    snprintf(buf, size, "%s:%ld:%zu '%s'", t->source, core_table_line(t, row), col + 1, t->cols[col].name);
    return buf;
}

/* One thousands separator at s[i] (up to len): its length in bytes, or 0. The space rule takes a space,
 * a no-break space (U+00A0) and a narrow no-break space (U+202F), as spreadsheets write them. */
static size_t sep_len(const char *s, size_t i, size_t len, char thousands)
{
    if (!thousands || i >= len)
        return 0;
    if (thousands != ' ')
        return s[i] == thousands ? 1 : 0;
    if (s[i] == ' ')
        return 1;
    if (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
        return 2;
    if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        (unsigned char)s[i + 2] == 0xAF)
        return 3;
    return 0;
}

/* Strict grammar check first, then strtod on a copy with '.' as the decimal mark and no separators.
 * strtod follows LC_NUMERIC; ipseval never calls setlocale(), so the C locale is in force,
 * and the copy we pass always uses '.', whatever the user's files use. */
int core_parse_number(const char *s, char decimal_mark, char thousands, double *out)
{
    if (!s || (thousands && thousands == decimal_mark))
        return 0;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t len = strlen(s);
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len == 0 || len > 255)
        return 0;
    char buf[256];
    size_t i = 0, o = 0, digits = 0;
    if (s[i] == '+' || s[i] == '-')
        buf[o++] = s[i++];
    size_t lead = 0;
    while (i < len && isdigit((unsigned char)s[i]))
        buf[o++] = s[i++], digits++, lead++;
    /* grouped integer part: 1 to 3 digits, then groups of a separator and exactly 3 digits */
    size_t sl;
    if (lead > 0 && (sl = sep_len(s, i, len, thousands)) > 0) {
        if (lead > 3)
            return 0;
        while ((sl = sep_len(s, i, len, thousands)) > 0) {
            i += sl;
            for (int k = 0; k < 3; k++) {
                if (i >= len || !isdigit((unsigned char)s[i]))
                    return 0;
                buf[o++] = s[i++];
                digits++;
            }
            if (i < len && isdigit((unsigned char)s[i]))
                return 0;
        }
    }
    if (i < len && s[i] == decimal_mark) {
        buf[o++] = '.';
        i++;
        while (i < len && isdigit((unsigned char)s[i]))
            buf[o++] = s[i++], digits++;
    }
    if (digits == 0)
        return 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t e = i + 1, ed = 0;
        if (e < len && (s[e] == '+' || s[e] == '-'))
            e++;
        while (e < len && isdigit((unsigned char)s[e]))
            e++, ed++;
        if (ed == 0)
            return 0;
        while (i < e)
            buf[o++] = s[i++];
    }
    if (i != len)
        return 0;
    buf[o] = '\0';
    errno = 0;
    char *end;
    double v = strtod(buf, &end);
    if (*end != '\0' || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

int core_parse_double(const char *s, char decimal_mark, double *out)
{
    return core_parse_number(s, decimal_mark, 0, out);
}

static const char *th_name(char th)
{
    return th == '.' ? "\".\"" : th == ',' ? "\",\"" : th == ' ' ? "\" \"" : "none";
}

int core_number_rule_hint(const char *s, char decimal_mark, char thousands, char *buf, size_t size)
{
    static const struct {
        char dec, th;
    } alt[] = {{'.', 0}, {',', 0}, {',', '.'}, {',', ' '}, {'.', ','}, {'.', ' '}};
    double v;
    if (core_parse_number(s, decimal_mark, thousands, &v))
        return 0;
    /* first: the same decimal mark with another separator, then another decimal mark */
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < sizeof alt / sizeof alt[0]; k++) {
            if ((alt[k].dec == decimal_mark) != (pass == 0))
                continue;
            if (alt[k].dec == decimal_mark && alt[k].th == thousands)
                continue;
            if (!core_parse_number(s, alt[k].dec, alt[k].th, &v))
                continue;
            if (alt[k].dec == decimal_mark)
                snprintf(buf, size, "if %s separates thousands here, set thousands = %s",
                         alt[k].th == ' ' ? "a space" : alt[k].th == '.' ? "'.'" : "','", th_name(alt[k].th));
            else if (alt[k].th == 0)
                snprintf(buf, size, "if '%c' is the decimal mark here, set decimal = \"%c\"%s", alt[k].dec,
                         alt[k].dec, thousands ? " and thousands = none" : "");
            else
                snprintf(buf, size, "if '%c' is the decimal mark and %s separates thousands here, set decimal = "
                         "\"%c\" and thousands = %s",
                         alt[k].dec, alt[k].th == ' ' ? "a space" : alt[k].th == '.' ? "'.'" : "','",
                         alt[k].dec, th_name(alt[k].th));
            return 1;
        }
    return 0;
}

int core_parse_long(const char *s, long *out)
{
    if (!s)
        return 0;
    while (*s == ' ' || *s == '\t')
        s++;
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    if (!isdigit((unsigned char)*p))
        return 0;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    while (*end == ' ' || *end == '\t')
        end++;
    if (*end != '\0' || errno == ERANGE)
        return 0;
    *out = v;
    return 1;
}
