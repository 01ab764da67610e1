/* Stata .dta and SPSS .sav readers on ReadStat's callback parser, and core_read_any.
 *
 * ReadStat reports the variables first, then every value (observation, variable), and the value
 * labels either before the data (.sav) or after it (.dta). So columns are grown as observations
 * arrive (the row count in the header may be missing: -1), the labels are collected by label-set
 * name, and they are attached to their columns once the whole file has been read. */
#include "core/core_read.h"
#include "core/core_alloc.h"

#include <errno.h>
#include <math.h>
#include <readstat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

typedef struct rs_label {
    char *set;
    double value;
    char *label;
} rs_label;

typedef struct rs_ctx {
    core_column *cols;     /* the columns being built (moved into the table at the end) */
    char **set_of;         /* per column: its value-label set name, or NULL */
    core_level_index **ix; /* per string column: its level index */
    size_t n_cols, cap_cols;
    size_t n_rows, cap_rows;
    rs_label *labels;
    size_t n_labels, cap_labels;
    int nomem;        /* a handler ran out of memory */
    int is_dta;       /* reading a Stata file (see label_name_max) */
    size_t label_name_max; /* longest value-label set name the format holds; 0 = NUL-terminated */
    size_t file_size;      /* bytes of the file (0 if unknown): bounds what a header may reserve */
    char detail[512]; /* ReadStat's own message, if it gave one */
} rs_ctx;

static void ctx_free(rs_ctx *x)
{
    for (size_t j = 0; j < x->n_cols; j++) {
        core_column_free(&x->cols[j]);
        free(x->set_of[j]);
        core_level_index_free(x->ix[j]);
    }
    free(x->cols);
    free(x->set_of);
    free(x->ix);
    for (size_t k = 0; k < x->n_labels; k++) {
        free(x->labels[k].set);
        free(x->labels[k].label);
    }
    free(x->labels);
}

/* Make room for column index j (variables normally come with a count up front, but do not rely on it). */
static int ensure_cols(rs_ctx *x, size_t want)
{
    if (want <= x->cap_cols)
        return 0;
    size_t ncap;
    if (!core_grow_cap(x->cap_cols, want, 16, sizeof(core_column), &ncap))
        return -1;
    core_column *nc = core_realloc_array(x->cols, ncap, sizeof *nc);
    if (!nc)
        return -1;
    x->cols = nc;
    char **ns = core_realloc_array(x->set_of, ncap, sizeof *ns);
    if (!ns)
        return -1;
    x->set_of = ns;
    core_level_index **ni = core_realloc_array(x->ix, ncap, sizeof *ni);
    if (!ni)
        return -1;
    x->ix = ni;
    x->cap_cols = ncap;
    return 0;
}

/* Allocate or grow one column's cell arrays to cap rows (at its width: int8 or uint8 codes to begin with, wider
 * as values need); new cells are missing. */
static int grow_column(core_column *c, size_t old_cap, size_t cap)
{
    if (c->width == 0)
        c->width = 1;
    unsigned char *v;
    if (c->data_pages) { /* whole pages (a column widened: core_column_alloc_data): moved, not realloc'd */
        if (!(v = core_alloc_array(cap, c->width)))
            return -1;
        memcpy(v, c->data, old_cap * c->width);
        core_column_free_data(c);
    } else if (!(v = core_realloc_array(c->data, cap, c->width)))
        return -1;
    c->data = v;
    memset(v + old_cap * c->width, 0, (cap - old_cap) * c->width); /* 0; code 0 is missing */
    if (c->type == CORE_COL_NUMERIC) {
        size_t ob = c->miss ? old_cap / 8 + 1 : 0, nb = cap / 8 + 1;
        unsigned char *m = core_realloc_array(c->miss, nb, 1);
        if (!m)
            return -1;
        c->miss = m;
        memset(m + ob, 0, nb - ob);
        for (size_t i = old_cap; i < cap; i++)
            m[i >> 3] |= (unsigned char)(1u << (i & 7));
    }
    return 0;
}

static int ensure_rows(rs_ctx *x, size_t want)
{
    if (want <= x->cap_rows)
        return 0;
    size_t ncap;
    if (!core_grow_cap(x->cap_rows, want, 1024, sizeof(double), &ncap))
        return -1;
    for (size_t j = 0; j < x->n_cols; j++)
        if (grow_column(&x->cols[j], x->cap_rows, ncap) != 0)
            return -1;
    x->cap_rows = ncap;
    return 0;
}

static int on_metadata(readstat_metadata_t *md, void *ctx)
{
    rs_ctx *x = ctx;
    int nv = readstat_get_var_count(md), nr = readstat_get_row_count(md);
    /* ReadStat 1.1.8 hands the variable handler a .dta value-label name that points into a table of
     * fixed-width entries (9, 33 or 129 bytes by format version) and is not terminated when the
     * entry is full: read at most one entry (found by fuzzing, tests/fuzz/regress/fuzz_dta/). */
    if (x->is_dta) {
        int ver = readstat_get_file_format_version(md);
        x->label_name_max = ver < 110 ? 9 : ver < 118 ? 33 : 129;
    }
    /* both counts come from the file's header: reserve at most a plausible amount up front and
     * grow as variables and values really arrive */
    if (nv > 0 && ensure_cols(x, (size_t)(nv < (1 << 14) ? nv : (1 << 14))) != 0)
        goto nomem;
    /* preallocate from the header's row count, capped in rows and in cells: at most about 4 million
     * cells (some 36 MB) and 8 per byte of the file (compressed .sav stores 8 cells in a byte at
     * best; .zsav more, but then the columns simply grow). A corrupt header of a tiny file must not
     * make us reserve gigabytes before a single value has been seen. */
    if (nr > 0) {
        size_t rows = (size_t)nr < ((size_t)1 << 20) ? (size_t)nr : ((size_t)1 << 20);
        size_t cells = (size_t)1 << 22;
        if (x->file_size > 0 && x->file_size < cells / 8)
            cells = x->file_size * 8 > 4096 ? x->file_size * 8 : 4096;
        size_t by_cells = cells / (nv > 0 ? (size_t)nv : 1);
        if (rows > by_cells)
            rows = by_cells > 16 ? by_cells : 16;
        if (ensure_rows(x, rows) != 0)
            goto nomem;
    }
    return READSTAT_HANDLER_OK;
nomem:
    x->nomem = 1;
    return READSTAT_HANDLER_ABORT;
}

/* A copy of a value-label set name as the file holds it (see label_name_max): at most one table
 * entry, found with memchr (strndup/strnlen would be fine too, but sanitizers with
 * strict_string_checks read the whole unterminated string through them). NULL on no memory. */
static char *label_name_dup(const rs_ctx *x, const char *name)
{
    size_t max = x->is_dta ? (x->label_name_max ? x->label_name_max : 9) : strlen(name);
    const char *nul = memchr(name, '\0', max);
    size_t len = nul ? (size_t)(nul - name) : max;
    char *d = malloc(len + 1);
    if (d) {
        memcpy(d, name, len);
        d[len] = '\0';
    }
    return d;
}

static int on_variable(int index, readstat_variable_t *var, const char *val_labels, void *ctx)
{
    rs_ctx *x = ctx;
    /* columns are appended in the order ReadStat reports them; value handlers find theirs by
     * readstat_variable_get_index, so the two must agree (they do when nothing is skipped) */
    if (index < 0 || (size_t)index != x->n_cols) {
        snprintf(x->detail, sizeof x->detail, "variable %d reported out of order", index);
        return READSTAT_HANDLER_ABORT;
    }
    if (ensure_cols(x, x->n_cols + 1) != 0)
        goto nomem;
    size_t j = x->n_cols;
    core_column *c = &x->cols[j];
    memset(c, 0, sizeof *c);
    x->set_of[j] = NULL;
    x->ix[j] = NULL;
    x->n_cols++; /* counted now so ctx_free releases whatever is allocated below */
    c->type = readstat_variable_get_type_class(var) == READSTAT_TYPE_CLASS_STRING ? CORE_COL_CATEGORICAL
                                                                                  : CORE_COL_NUMERIC;
    const char *name = readstat_variable_get_name(var);
    c->name = strdup(name ? name : "");
    if (!c->name)
        goto nomem;
    const char *vlabel = readstat_variable_get_label(var); /* the variable label: the workbook's name for it */
    if (vlabel && *vlabel && !(c->label = strdup(vlabel)))
        goto nomem;
    if (val_labels && *val_labels && c->type == CORE_COL_NUMERIC &&
        !(x->set_of[j] = label_name_dup(x, val_labels)))
        goto nomem;
    if (c->type == CORE_COL_CATEGORICAL && !(x->ix[j] = core_level_index_new(c)))
        goto nomem;
    if (x->cap_rows > 0 && grow_column(c, 0, x->cap_rows) != 0)
        goto nomem;
    return READSTAT_HANDLER_OK;
nomem:
    x->nomem = 1;
    return READSTAT_HANDLER_ABORT;
}

static int on_value(int obs_index, readstat_variable_t *var, readstat_value_t value, void *ctx)
{
    rs_ctx *x = ctx;
    int vj = readstat_variable_get_index(var);
    if (obs_index < 0 || vj < 0 || (size_t)vj >= x->n_cols)
        return READSTAT_HANDLER_OK; /* cannot happen with a well-behaved parser; ignore rather than crash */
    size_t i = (size_t)obs_index, j = (size_t)vj;
    if (ensure_rows(x, i + 1) != 0)
        goto nomem;
    if (i + 1 > x->n_rows)
        x->n_rows = i + 1;
    core_column *c = &x->cols[j];
    if (c->type == CORE_COL_NUMERIC) {
        /* system, tagged (.a-.z) and user-defined (SPSS) missing values all count as missing */
        if (readstat_value_is_missing(value, var))
            return READSTAT_HANDLER_OK;
        double v = readstat_double_value(value);
        if (!isfinite(v))
            return READSTAT_HANDLER_OK;
        if (core_column_put_num(c, x->cap_rows, x->cap_rows, i, v) != 0)
            goto nomem;
        core_column_put_missing(c, x->cap_rows, i, 0);
        return READSTAT_HANDLER_OK;
    }
    if (readstat_value_is_missing(value, var))
        return READSTAT_HANDLER_OK;
    const char *s = readstat_string_value(value);
    if (!s)
        return READSTAT_HANDLER_OK;
    /* SPSS pads strings with spaces: trim both ends, as the text reader does */
    while (*s == ' ' || *s == '\t')
        s++;
    size_t len = strlen(s);
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len == 0)
        return READSTAT_HANDLER_OK; /* Stata has no string missing: "" is the convention */
    int code;
    if (s[len] == '\0')
        code = core_level_index_add(x->ix[j], s);
    else {
        char *tmp = strndup(s, len);
        if (!tmp)
            goto nomem;
        code = core_level_index_add(x->ix[j], tmp);
        free(tmp);
    }
    if (code < 0)
        goto nomem;
    if (core_column_put_code(c, x->cap_rows, x->cap_rows, i, code) != 0)
        goto nomem;
    return READSTAT_HANDLER_OK;
nomem:
    x->nomem = 1;
    return READSTAT_HANDLER_ABORT;
}

static int on_value_label(const char *val_labels, readstat_value_t value, const char *label, void *ctx)
{
    rs_ctx *x = ctx;
    /* labels of missing codes (.a "refused") have no cell to show on; string-keyed labels
     * (SPSS) are not kept: string columns already carry their own text */
    if (readstat_value_type_class(value) != READSTAT_TYPE_CLASS_NUMERIC ||
        readstat_value_is_system_missing(value) || readstat_value_is_tagged_missing(value) || !val_labels ||
        !label)
        return READSTAT_HANDLER_OK;
    double v = readstat_double_value(value);
    if (!isfinite(v))
        return READSTAT_HANDLER_OK;
    if (x->n_labels == x->cap_labels) {
        size_t ncap;
        if (!core_grow_cap(x->cap_labels, x->n_labels + 1, 64, sizeof(rs_label), &ncap))
            goto nomem;
        rs_label *nl = core_realloc_array(x->labels, ncap, sizeof *nl);
        if (!nl)
            goto nomem;
        x->labels = nl;
        x->cap_labels = ncap;
    }
    rs_label *l = &x->labels[x->n_labels];
    l->set = label_name_dup(x, val_labels);
    l->label = strdup(label);
    l->value = v;
    if (!l->set || !l->label) {
        free(l->set);
        free(l->label);
        goto nomem;
    }
    x->n_labels++;
    return READSTAT_HANDLER_OK;
nomem:
    x->nomem = 1;
    return READSTAT_HANDLER_ABORT;
}

static void on_error(const char *msg, void *ctx)
{
    rs_ctx *x = ctx;
    if (msg && !x->detail[0]) {
        snprintf(x->detail, sizeof x->detail, "%s", msg);
        size_t n = strlen(x->detail);
        while (n > 0 && (x->detail[n - 1] == '\n' || x->detail[n - 1] == ' '))
            x->detail[--n] = '\0';
    }
}

static int cmp_label(const void *a, const void *b)
{
    const rs_label *p = a, *q = b;
    int s = strcmp(p->set, q->set);
    if (s)
        return s;
    return (p->value > q->value) - (p->value < q->value);
}

/* Give each labelled numeric column a copy of its set's labels (sets may be shared). Labels are
 * sorted by set name so each column finds its run by binary search. */
static int attach_labels(rs_ctx *x)
{
    if (x->n_labels == 0)
        return 0;
    qsort(x->labels, x->n_labels, sizeof *x->labels, cmp_label);
    for (size_t j = 0; j < x->n_cols; j++) {
        const char *set = x->set_of[j];
        if (!set)
            continue;
        size_t lo = 0, hi = x->n_labels;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(x->labels[mid].set, set) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t end = lo;
        while (end < x->n_labels && strcmp(x->labels[end].set, set) == 0)
            end++;
        if (end == lo)
            continue;
        core_column *c = &x->cols[j];
        c->labels = core_calloc_array(end - lo, sizeof *c->labels);
        if (!c->labels)
            return -1;
        for (size_t k = lo; k < end; k++) {
            c->labels[c->n_labels].value = x->labels[k].value;
            c->labels[c->n_labels].label = strdup(x->labels[k].label);
            if (!c->labels[c->n_labels].label)
                return -1;
            c->n_labels++;
        }
    }
    return 0;
}

/* ReadStat 1.1.8 accepts a .dta cut short inside its value-label section and silently drops the
 * labels. Stata 13+ files (format 117-119) open with <stata_dta> and close with </stata_dta>, so a
 * missing closing tag means the file is incomplete. Older formats have no tag: not checked. */
static int dta_truncated(FILE *f)
{
    static const char open_tag[] = "<stata_dta>", close_tag[] = "</stata_dta>";
    char head[sizeof open_tag - 1], tail[sizeof close_tag - 1];
    if (fread(head, 1, sizeof head, f) != sizeof head || memcmp(head, open_tag, sizeof head) != 0)
        return 0;
    if (fseek(f, -(long)sizeof tail, SEEK_END) != 0 || fread(tail, 1, sizeof tail, f) != sizeof tail)
        return 1;
    return memcmp(tail, close_tag, sizeof tail) != 0;
}

/* Codes of one variable that share a value label would be read as one category (1 = IPS, 2 = TAU, 3 = IPS
 * pools 1 and 3 into one arm): an input error naming the codes and the label, unless opts->merge_labels. Only
 * codes that occur in the data count. Returns 0, or -1 with err set. */
static int check_shared_labels(const core_column *cols, size_t n_cols, size_t n_rows, const char *name, int merge,
                               char **note, core_err *err)
{
    for (size_t j = 0; j < n_cols; j++) {
        const core_column *c = &cols[j];
        for (size_t a = 0; a < c->n_labels; a++)
            for (size_t b = a + 1; b < c->n_labels && c->n_labels <= 4096; b++) {
                if (strcmp(c->labels[a].label, c->labels[b].label) != 0)
                    continue;
                int seen_a = 0, seen_b = 0;
                for (size_t i = 0; i < n_rows && !(seen_a && seen_b); i++)
                    if (!core_col_missing(c, i)) {
                        seen_a |= core_col_num(c, i) == c->labels[a].value;
                        seen_b |= core_col_num(c, i) == c->labels[b].value;
                    }
                if (!seen_a || !seen_b)
                    continue;
                if (!merge) {
                    core_err_set(err, CORE_ERR_DATA,
                                 "%s: variable '%s': codes %.15g and %.15g share the value label '%s', so they would be "
                                 "read as one category; give them different labels, or set merge_labels = yes (in "
                                 "[data] or the section that names the file) to merge them",
                                 name, c->name, c->labels[a].value, c->labels[b].value, c->labels[a].label);
                    return -1;
                }
                if (note && !*note) {
                    char buf[600];
                    snprintf(buf, sizeof buf,
                             "%s: variable '%s': codes %.15g and %.15g share the value label '%s' and are merged into "
                             "one category (merge_labels = yes)",
                             name, c->name, c->labels[a].value, c->labels[b].value, c->labels[a].label);
                    *note = strdup(buf);
                }
            }
    }
    return 0;
}

typedef readstat_error_t (*rs_parse_fn)(readstat_parser_t *, const char *, void *);

static core_table *read_binary(const char *path, const core_read_opts *opts, core_err *err, rs_parse_fn parse,
                               const char *kind, const char *expect)
{
    const char *name = (opts && opts->display_name) ? opts->display_name : path;
    core_err_clear(err);

    /* open it ourselves first: ReadStat's "unable to open file" does not say why */
    FILE *f = fopen(path, "rb");
    if (!f) {
        core_err_set(err, CORE_ERR_IO, "%s: cannot open: %s", name, strerror(errno));
        return NULL;
    }
    int cut = parse == readstat_parse_dta && dta_truncated(f);
    struct stat st;
    size_t file_size = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size : 0;
    fclose(f);
    if (cut) {
        core_err_set(err, CORE_ERR_DATA,
                     "%s: the file is truncated (a Stata 13+ .dta file ends with </stata_dta>); copy or "
                     "export it again",
                     name);
        return NULL;
    }

    rs_ctx x;
    memset(&x, 0, sizeof x);
    x.is_dta = parse == readstat_parse_dta;
    x.file_size = file_size;
    core_table *t = NULL;
    char *note = NULL;
    readstat_parser_t *p = readstat_parser_init();
    if (!p) {
        core_err_set(err, CORE_ERR_NOMEM, "%s: out of memory", name);
        return NULL;
    }
    readstat_set_metadata_handler(p, on_metadata);
    readstat_set_variable_handler(p, on_variable);
    readstat_set_value_handler(p, on_value);
    readstat_set_value_label_handler(p, on_value_label);
    readstat_set_error_handler(p, on_error);
    readstat_error_t rc = parse(p, path, &x);
    readstat_parser_free(p);

    if (x.nomem) {
        core_err_set(err, CORE_ERR_NOMEM, "%s: out of memory while reading", name);
        goto fail;
    }
    if (rc != READSTAT_OK) {
        core_err_set(err, CORE_ERR_DATA, "%s: cannot be read as %s file: %s%s%s (expected %s)", name, kind,
                     readstat_error_message(rc), x.detail[0] ? "; " : "", x.detail, expect);
        goto fail;
    }
    if (x.n_cols == 0) {
        core_err_set(err, CORE_ERR_DATA,
                     "%s: has no variables (expected a data set with variables and observations)", name);
        goto fail;
    }
    if (x.n_rows == 0) {
        core_err_set(err, CORE_ERR_DATA, "%s: has variables but no observations", name);
        goto fail;
    }
    if (attach_labels(&x) != 0) {
        core_err_set(err, CORE_ERR_NOMEM, "%s: out of memory", name);
        goto fail;
    }
    if (check_shared_labels(x.cols, x.n_cols, x.n_rows, name, opts && opts->merge_labels, &note, err) != 0)
        goto fail;

    t = calloc(1, sizeof *t);
    if (!t || !(t->source = strdup(name))) {
        core_err_set(err, CORE_ERR_NOMEM, "%s: out of memory", name);
        goto fail;
    }
    t->line0 = 1; /* rows are observation numbers */
    /* hand the columns over; the table frees them from now on */
    t->cols = x.cols;
    t->n_cols = x.n_cols;
    t->n_rows = x.n_rows;
    t->note = note;
    note = NULL;
    x.cols = NULL;
    core_table_compact(t);
    for (size_t j = 0; j < t->n_cols; j++) {
        free(x.set_of[j]);
        core_level_index_free(x.ix[j]);
    }
    free(x.set_of);
    free(x.ix);
    for (size_t k = 0; k < x.n_labels; k++) {
        free(x.labels[k].set);
        free(x.labels[k].label);
    }
    free(x.labels);
    return t;
fail:
    free(note);
    core_table_free(t);
    ctx_free(&x);
    return NULL;
}

core_table *core_read_dta(const char *path, const core_read_opts *opts, core_err *err)
{
    return read_binary(path, opts, err, readstat_parse_dta, "a Stata .dta",
                       "a file saved by Stata 8 or later, or exported as .dta");
}

core_table *core_read_sav(const char *path, const core_read_opts *opts, core_err *err)
{
    return read_binary(path, opts, err, readstat_parse_sav, "an SPSS .sav",
                       "a .sav or .zsav file saved by SPSS or exported as .sav");
}

static int has_ext(const char *path, const char *ext)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash + 1 : path, '.');
    return dot && strcasecmp(dot, ext) == 0;
}

core_table *core_read_any(const char *path, const core_read_opts *opts, core_err *err)
{
    if (has_ext(path, ".dta"))
        return core_read_dta(path, opts, err);
    if (has_ext(path, ".sav") || has_ext(path, ".zsav"))
        return core_read_sav(path, opts, err);
    return core_read_delimited(path, opts, err);
}
