/* The columnar table: construction, cell access, strict number parsing. */
#include "core_table.h"

#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void core_table_free(core_table *t)
{
    if (!t)
        return;
    for (size_t j = 0; j < t->n_cols; j++) {
        core_column *c = &t->cols[j];
        free(c->name);
        free(c->label);
        free(c->num);
        free(c->code);
        for (size_t k = 0; k < c->n_levels; k++)
            free(c->levels[k]);
        free(c->levels);
        for (size_t k = 0; k < c->n_labels; k++)
            free(c->labels[k].label);
        free(c->labels);
        free(c->missing);
        free(c->level_num);
    }
    free(t->cols);
    free(t->row_src);
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
    t->row_src = calloc(n_rows ? n_rows : 1, sizeof *t->row_src);
    if (!t->source || !t->cols || !t->row_src)
        goto fail;
    t->n_cols = n_cols;
    t->n_rows = n_rows;
    for (size_t i = 0; i < n_rows; i++)
        t->row_src[i] = (long)i + 2; /* header on line 1 unless a reader says otherwise */
    for (size_t j = 0; j < n_cols; j++) {
        core_column *c = &t->cols[j];
        c->name = strdup(names[j]);
        c->type = types ? types[j] : CORE_COL_NUMERIC;
        c->missing = malloc(n_rows ? n_rows : 1);
        if (!c->name || !c->missing)
            goto fail;
        memset(c->missing, 1, n_rows ? n_rows : 1);
        if (c->type == CORE_COL_NUMERIC) {
            c->num = calloc(n_rows ? n_rows : 1, sizeof *c->num);
            if (!c->num)
                goto fail;
        } else {
            c->code = malloc((n_rows ? n_rows : 1) * sizeof *c->code);
            if (!c->code)
                goto fail;
            for (size_t i = 0; i < n_rows; i++)
                c->code[i] = -1;
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

void core_table_set_num(core_table *t, size_t col, size_t row, double v)
{
    t->cols[col].num[row] = v;
    t->cols[col].missing[row] = 0;
}

core_status core_table_set_text(core_table *t, size_t col, size_t row, const char *text)
{
    int k = core_column_level(&t->cols[col], text);
    if (k < 0)
        return CORE_ERR_NOMEM;
    t->cols[col].code[row] = k;
    t->cols[col].missing[row] = 0;
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
    return t->cols[col].missing[row] != 0;
}

const char *core_cell_text(const core_table *t, size_t col, size_t row, char *buf, size_t size)
{
    const core_column *c = &t->cols[col];
    if (c->missing[row]) {
        snprintf(buf, size, "%s", "");
        return buf;
    }
    if (c->type == CORE_COL_CATEGORICAL) {
        snprintf(buf, size, "%s", c->levels[c->code[row]]);
        return buf;
    }
    for (size_t k = 0; k < c->n_labels; k++)
        if (c->labels[k].value == c->num[row]) {
            snprintf(buf, size, "%s", c->labels[k].label);
            return buf;
        }
    snprintf(buf, size, "%.15g", c->num[row]);
    return buf;
}

int core_cell_number(const core_table *t, size_t col, size_t row, double *out)
{
    const core_column *c = &t->cols[col];
    if (c->missing[row])
        return 0;
    if (c->type == CORE_COL_NUMERIC) {
        *out = c->num[row];
        return 1;
    }
    /* text is not parsed again: the reader read it once, by the file's rules */
    int k = c->code[row];
    if (!c->level_num || k < 0 || (size_t)k >= c->n_level_num || isnan(c->level_num[k]))
        return -1;
    *out = c->level_num[k];
    return 1;
}

const char *core_cell_where(const core_table *t, size_t col, size_t row, char *buf, size_t size)
{
    snprintf(buf, size, "%s:%ld:%zu '%s'", t->source, t->row_src ? t->row_src[row] : (long)row + 1, col + 1,
             t->cols[col].name);
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
