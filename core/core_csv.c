/* Delimited text reader (RFC 4180) and the hash index the readers use to intern levels.
 *
 * The whole file is read into one buffer and parsed in place: each quoted field is unescaped
 * into the same buffer (the text only ever shrinks) and every field is NUL-terminated, so the
 * fields of a record lie one after another and a record is remembered by one offset. Two passes
 * over the records then fill the table: the first parses numbers and finds which columns are
 * numeric, the second interns the levels of the categorical ones in order of first appearance. */
#include "core_read.h"
#include "core_alloc.h"
#include "core/core_text.h"

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#ifndef CORE_CSV_NO_FAST
#include <fcntl.h>
#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#endif

/* ------------------------------------------------------------------------------------------ */
/* Level index: open addressing; slots hold codes into the column's own level strings, so the  */
/* text is stored once (in the column) and survives the index.                                 */

struct core_level_index {
    core_column *col;
    int *slot;     /* code stored in this slot, -1 = empty */
    size_t cap;    /* number of slots, a power of two */
    size_t lv_cap; /* allocated length of col->levels (grown geometrically, unlike core_column_level) */
};

/* FNV-1a: short keys, no need for anything stronger. */
static uint64_t hash_text(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static int ix_rehash(core_level_index *ix, size_t ncap)
{
    int *ns = core_alloc_array(ncap, sizeof *ns);
    if (!ns)
        return -1;
    for (size_t k = 0; k < ncap; k++)
        ns[k] = -1;
    size_t mask = ncap - 1;
    for (size_t k = 0; k < ix->col->n_levels; k++) {
        size_t h = (size_t)hash_text(ix->col->levels[k]) & mask;
        while (ns[h] >= 0)
            h = (h + 1) & mask;
        ns[h] = (int)k;
    }
    free(ix->slot);
    ix->slot = ns;
    ix->cap = ncap;
    return 0;
}

core_level_index *core_level_index_new(core_column *c)
{
    if (c->n_levels >= INT_MAX)
        return NULL;
    core_level_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return NULL;
    ix->col = c;
    ix->lv_cap = c->n_levels;
    size_t cap = 64;
    while (cap < 2 * (c->n_levels + 1))
        cap *= 2;
    if (ix_rehash(ix, cap) != 0) {
        free(ix);
        return NULL;
    }
    return ix;
}

int core_level_index_add(core_level_index *ix, const char *text)
{
    core_column *c = ix->col;
    /* keep the load factor at most 1/2 (counting the level we may add) so probe runs stay short */
    if (2 * (c->n_levels + 1) > ix->cap && ix_rehash(ix, 2 * ix->cap) != 0)
        return -1;
    size_t mask = ix->cap - 1;
    size_t h = (size_t)hash_text(text) & mask;
    while (ix->slot[h] >= 0) {
        if (strcmp(c->levels[ix->slot[h]], text) == 0)
            return ix->slot[h];
        h = (h + 1) & mask;
    }
    if (c->n_levels >= INT_MAX - 1)
        return -1;
    if (c->n_levels == ix->lv_cap) {
        size_t ncap;
        if (!core_grow_cap(ix->lv_cap, c->n_levels + 1, 16, sizeof(char *), &ncap))
            return -1;
        char **lv = core_realloc_array(c->levels, ncap, sizeof *lv);
        if (!lv)
            return -1;
        c->levels = lv;
        ix->lv_cap = ncap;
    }
    char *copy = strdup(text);
    if (!copy)
        return -1;
    int code = (int)c->n_levels;
    c->levels[c->n_levels++] = copy;
    ix->slot[h] = code;
    return code;
}

void core_level_index_free(core_level_index *ix)
{
    if (!ix)
        return;
    free(ix->slot);
    free(ix);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading the file and checking its encoding                                                  */

static core_status slurp(const char *path, const char *name, char **out, size_t *out_len, core_err *err)
{
    *out = NULL;
    *out_len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return core_err_set(err, CORE_ERR_IO, "%s: cannot open: %s", name, strerror(errno));
    struct stat st;
    size_t cap = 65536;
    if (fstat(fileno(f), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            fclose(f);
            return core_err_set(err, CORE_ERR_IO, "%s: cannot open: %s (expected a data file)", name,
                                strerror(EISDIR));
        }
        /* +2: room for the whole file, the spare byte the parser needs, and one more so that the
         * read that meets end-of-file does not force a reallocation */
        if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > CORE_ALLOC_MAX - 2) {
            fclose(f);
            return core_err_set(err, CORE_ERR_NOMEM,
                                "%s: the file is %jd bytes; files over %zu MiB are not read into memory (split it, "
                                "or keep only the columns the analysis needs)",
                                name, (intmax_t)st.st_size, (size_t)(CORE_ALLOC_MAX >> 20));
        }
        if (S_ISREG(st.st_mode) && st.st_size > 0)
            cap = (size_t)st.st_size + 2;
    }
    char *buf = core_alloc_array(cap, 1);
    if (!buf) {
        fclose(f);
        return core_err_set(err, CORE_ERR_NOMEM, "%s: out of memory reading the file", name);
    }
    core_prefault(buf, cap); /* the read fills it: populated at once, not one fault per page */
    size_t len = 0;
    for (;;) {
        if (len + 1 >= cap) { /* pipes and growing files: size unknown in advance */
            size_t ncap;
            if (!core_grow_cap(cap, cap + 1, cap, 1, &ncap)) {
                free(buf);
                fclose(f);
                return core_err_set(err, CORE_ERR_NOMEM,
                                    "%s: file too large to read into memory (the limit is %zu MiB)", name,
                                    (size_t)(CORE_ALLOC_MAX >> 20));
            }
            char *nb = core_realloc_array(buf, ncap, 1);
            if (!nb) {
                free(buf);
                fclose(f);
                return core_err_set(err, CORE_ERR_NOMEM, "%s: out of memory reading the file", name);
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - 1 - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f)) {
                int e = errno;
                free(buf);
                fclose(f);
                return core_err_set(err, CORE_ERR_IO, "%s: cannot read: %s", name, strerror(e));
            }
            break;
        }
    }
    fclose(f);
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return CORE_OK;
}

/* Offset of the first NUL byte or byte that breaks UTF-8 (core_utf8_len); n when the text is clean. */
static size_t utf8_bad_offset(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) { /* eight bytes at a time while they are all ASCII and none is NUL */
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!(w & UINT64_C(0x8080808080808080)) &&
                !((w - UINT64_C(0x0101010101010101)) & ~w & UINT64_C(0x8080808080808080))) {
                i += 8;
                continue;
            }
        }
        unsigned char c = s[i];
        if (c >= 0x01 && c < 0x80) {
            i++;
            continue;
        }
        if (c == 0)
            return i;
        size_t k = core_utf8_len(s + i, n - i);
        if (k == 0)
            return i;
        i += k;
    }
    return n;
}

#ifndef CORE_CSV_NO_FAST
/* The line feeds in s[0, n): sixteen bytes at a time (SSE2, in every x86-64), else memchr. */
static size_t count_lf(const char *s, size_t n)
{
    size_t i = 0, nl = 0;
#ifdef __SSE2__
    const __m128i z = _mm_setzero_si128(), lfv = _mm_set1_epi8('\n');
    while (n - i >= 64) {
        __m128i acc = z; /* per byte lane: minus the line feeds seen, at most 4 x 63 */
        size_t stop = n - i >= 64 * 63 ? i + 64 * 63 : i + (n - i) / 64 * 64;
        for (; i < stop; i += 64) {
            const __m128i *q = (const __m128i *)(const void *)(s + i);
            __m128i e0 = _mm_cmpeq_epi8(_mm_loadu_si128(q), lfv), e1 = _mm_cmpeq_epi8(_mm_loadu_si128(q + 1), lfv),
                    e2 = _mm_cmpeq_epi8(_mm_loadu_si128(q + 2), lfv), e3 = _mm_cmpeq_epi8(_mm_loadu_si128(q + 3), lfv);
            acc = _mm_sub_epi8(acc, _mm_add_epi8(_mm_add_epi8(e0, e1), _mm_add_epi8(e2, e3)));
        }
        __m128i sum = _mm_sad_epu8(acc, z);
        nl += (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
    }
#endif
    for (const char *q = s + i, *e = s + n; (q = memchr(q, '\n', (size_t)(e - q))) != NULL; q++)
        nl++;
    return nl;
}
#endif

/* Physical line (1-based) of byte offset off; CR, LF and CRLF each end one line. */
static long line_of(const char *b, size_t from, size_t off)
{
    long line = 1;
    for (size_t i = from; i < off; i++)
        if (b[i] == '\n' || (b[i] == '\r' && !(i + 1 < off && b[i + 1] == '\n')))
            line++;
    return line;
}

/* Delimiter of the header line: the most frequent of , ; TAB | outside quotes (ties go to the
 * earlier in that list); -1 (never matches a byte) when none occurs: a single-column file. */
static int sniff_delimiter(const char *b, size_t n)
{
    static const char cand[4] = {',', ';', '\t', '|'};
    size_t count[4] = {0, 0, 0, 0};
    int in_quote = 0;
    for (size_t i = 0; i < n; i++) {
        char c = b[i];
        if (c == '"')
            in_quote = !in_quote; /* a doubled quote toggles twice: no net change */
        else if (!in_quote) {
            if (c == '\n' || c == '\r')
                break;
            for (int k = 0; k < 4; k++)
                if (c == cand[k])
                    count[k]++;
        }
    }
    int best = -1;
    size_t best_n = 0;
    for (int k = 0; k < 4; k++)
        if (count[k] > best_n) {
            best = k;
            best_n = count[k];
        }
    return best < 0 ? -1 : (unsigned char)cand[best];
}

/* ------------------------------------------------------------------------------------------ */
/* Record parser                                                                               */

typedef struct csv_state {
    const char *name;
    char *b;        /* file text; fields are rewritten in place */
    size_t n;       /* bytes of text */
    size_t r, w;    /* read and write positions, w <= r always */
    long line;      /* physical line at r */
    int delim;      /* byte value, or -1 for none */
    size_t *rec_at; /* the header record: offset of its first field (in the rewritten text) */
    long *rec_line; /* the header record: line where it starts */
    size_t n_rec, cap_rec; /* records (the header and the data rows) */
    size_t data_at;        /* offset of the first data record: the data records lie one after another from here */
    core_line_ex *ex;      /* data rows that do not start on the line after the previous row's start */
    size_t n_ex, cap_ex;
    long next_line;        /* the line the next data row starts on if nothing intervenes */
} csv_state;

static inline int is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Parse one record at s->r. Sets *nf to its field count and *blank when the line holds nothing
 * but spaces (one unquoted field). */
static core_status parse_record(csv_state *s, size_t *nf_out, int *blank_out, core_err *err)
{
    char *b = s->b;
    size_t n = s->n, r = s->r, w = s->w, nf = 0;
    int blank = 1;
    for (;;) { /* one field per iteration */
        size_t fw = w;
        int quoted = 0, only_ws = 1, end_rec = 0;
        for (;;) {
            if (r >= n) {
                end_rec = 1;
                break;
            }
            unsigned char c = (unsigned char)b[r];
            if ((int)c == s->delim) {
                r++;
                break;
            }
            if (c == '\n' || c == '\r') {
                r += (c == '\r' && r + 1 < n && b[r + 1] == '\n') ? 2 : 1;
                s->line++;
                end_rec = 1;
                break;
            }
            if (c == '"' && !quoted && only_ws) {
                /* opening quote (spaces before it are dropped); runs to the matching quote */
                long open_line = s->line;
                w = fw;
                quoted = 1;
                r++;
                for (;;) {
                    if (r >= n)
                        return core_err_set(err, CORE_ERR_DATA,
                                            "%s:%ld: a quoted field opened on this line is never closed "
                                            "(add the closing '\"'; a quote inside a quoted field is written "
                                            "as two quotes \"\")",
                                            s->name, open_line);
                    c = (unsigned char)b[r];
                    if (c == '"') {
                        if (r + 1 < n && b[r + 1] == '"') {
                            b[w++] = '"';
                            r += 2;
                            continue;
                        }
                        r++;
                        break;
                    }
                    if (c == '\n' || (c == '\r' && !(r + 1 < n && b[r + 1] == '\n')))
                        s->line++;
                    b[w++] = (char)c;
                    r++;
                }
                continue;
            }
            if (quoted) {
                if (is_space((char)c)) { /* spaces after the closing quote are tolerated */
                    r++;
                    continue;
                }
                return core_err_set(err, CORE_ERR_DATA,
                                    "%s:%ld: field %zu has text after its closing quote (quote the whole "
                                    "field, and write a quote inside it as two quotes \"\")",
                                    s->name, s->line, nf + 1);
            }
            if (!is_space((char)c))
                only_ws = 0;
            b[w++] = (char)c;
            r++;
        }
        b[w++] = '\0';
        nf++;
        if (quoted || !only_ws)
            blank = 0;
        if (end_rec)
            break;
    }
    s->r = r;
    s->w = w;
    *nf_out = nf;
    *blank_out = blank && nf == 1;
    return CORE_OK;
}

static core_status push_record(csv_state *s, size_t at, long line)
{
    if (s->n_rec == s->cap_rec) {
        size_t ncap;
        if (!core_grow_cap(s->cap_rec, s->n_rec + 1, 1024, sizeof(size_t), &ncap))
            return CORE_ERR_NOMEM;
        size_t *na = core_realloc_array(s->rec_at, ncap, sizeof *na);
        if (!na)
            return CORE_ERR_NOMEM;
        s->rec_at = na;
        long *nl = core_realloc_array(s->rec_line, ncap, sizeof *nl);
        if (!nl)
            return CORE_ERR_NOMEM;
        s->rec_line = nl;
        s->cap_rec = ncap;
    }
    s->rec_at[s->n_rec] = at;
    s->rec_line[s->n_rec] = line;
    s->n_rec++;
    return CORE_OK;
}

/* One more data row, starting on line: remembered only when it does not follow the previous row's line. */
static core_status count_row(csv_state *s, long line)
{
    size_t row = s->n_rec - 1;
    if (line != s->next_line) {
        if (s->n_ex == s->cap_ex) {
            size_t ncap;
            if (!core_grow_cap(s->cap_ex, s->n_ex + 1, 16, sizeof *s->ex, &ncap))
                return CORE_ERR_NOMEM;
            core_line_ex *nx = core_realloc_array(s->ex, ncap, sizeof *nx);
            if (!nx)
                return CORE_ERR_NOMEM;
            s->ex = nx;
            s->cap_ex = ncap;
        }
        s->ex[s->n_ex++] = (core_line_ex){.row = row, .line = line};
    }
    s->next_line = line + 1;
    s->n_rec++;
    return CORE_OK;
}

/* Split the text into records; checks field counts against the header. */
static core_status parse_all(csv_state *s, size_t *n_fields, core_err *err)
{
    size_t m, nf;
    int blank;
    core_status st = parse_record(s, &m, &blank, err);
    if (st != CORE_OK)
        return st;
    if (push_record(s, 0, 1) != CORE_OK)
        return core_err_set(err, CORE_ERR_NOMEM, "%s: out of memory", s->name);
    s->data_at = s->w;
    s->next_line = 2;
    long pending_blank = 0; /* a blank line seen in a multi-column file: fine only if nothing follows */
    size_t trailing_blank = 0;
    while (s->r < s->n) {
        long line = s->line;
        size_t at = s->w;
        st = parse_record(s, &nf, &blank, err);
        if (st != CORE_OK)
            return st;
        if (blank && m > 1) {
            if (!pending_blank)
                pending_blank = line;
            s->w = at; /* nothing to keep */
            continue;
        }
        if (pending_blank)
            return core_err_set(err, CORE_ERR_DATA,
                                "%s:%ld: row has 1 field, the header has %zu (a blank line between data rows; "
                                "delete it)",
                                s->name, pending_blank, m);
        if (nf != m)
            return core_err_set(err, CORE_ERR_DATA,
                                "%s:%ld: row has %zu field%s, the header has %zu (quote fields that contain "
                                "the delimiter; every row needs one field per column)",
                                s->name, line, nf, nf == 1 ? "" : "s", m);
        trailing_blank = blank ? trailing_blank + 1 : 0;
        if (count_row(s, line) != CORE_OK)
            return core_err_set(err, CORE_ERR_NOMEM, "%s: out of memory", s->name);
    }
    s->n_rec -= trailing_blank; /* single-column file: blank lines at the end are not rows */
    *n_fields = m;
    return CORE_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Building the table                                                                          */

typedef struct token {
    const char *s;
    size_t len;
} token;

/* Trim spaces/tabs: returns the start and sets *len. */
static inline const char *trim(const char *s, size_t len, size_t *out_len)
{
    while (len > 0 && is_space(*s))
        s++, len--;
    while (len > 0 && is_space(s[len - 1]))
        len--;
    *out_len = len;
    return s;
}

static int is_missing(const char *s, size_t len, const token *tok, size_t n_tok)
{
    if (len == 0)
        return 1;
    for (size_t k = 0; k < n_tok; k++)
        if (tok[k].len == len && memcmp(tok[k].s, s, len) == 0)
            return 1;
    return 0;
}

/* Which of the m named columns to keep for a list of wanted names (NULL: all). A name is matched as
 * core_table_find does (exact, then the first case-insensitive match), so the kept table finds every wanted
 * column where the whole one would. When a wanted name matches no column, every column is kept: the caller's
 * message about the missing column then lists the file's columns as before. Returns a new array (1 = keep). */
static unsigned char *keep_columns(const core_table *t, const char *const *columns)
{
    size_t m = t->n_cols;
    unsigned char *keep = core_alloc_array(m ? m : 1, 1);
    if (!keep)
        return NULL;
    if (columns && !columns[0])
        columns = NULL; /* an empty list: every column */
    memset(keep, columns ? 0 : 1, m);
    for (size_t w = 0; columns && columns[w]; w++) {
        size_t j = m;
        for (size_t k = 0; k < m && j == m; k++)
            if (strcmp(t->cols[k].name, columns[w]) == 0)
                j = k;
        for (size_t k = 0; k < m && j == m; k++)
            if (strcasecmp(t->cols[k].name, columns[w]) == 0)
                j = k;
        if (j == m) {
            memset(keep, 1, m);
            break;
        }
        keep[j] = 1;
    }
    return keep;
}

/* Drop the columns not kept (their arrays may be NULL); the table's n_cols_file stays the file's count. */
static void drop_columns(core_table *t, const unsigned char *keep)
{
    size_t w = 0, m = t->n_cols;
    for (size_t j = 0; j < m; j++) {
        core_column *c = &t->cols[j];
        if (keep[j]) {
            t->cols[w++] = *c;
            continue;
        }
        core_column_free(c);
    }
    if (w < m && !t->n_cols_file)
        t->n_cols_file = m;
    t->n_cols = w;
}

/* Check header names (trimmed in place) and copy them into a new table of n_rows rows. With keep (from
 * keep_columns, filled here when keep_out is given), only the kept columns get their arrays. */
static core_table *make_table(csv_state *s, size_t m, size_t n_rows, const char *const *columns,
                              unsigned char **keep_out, core_err *err)
{
    core_table *t = calloc(1, sizeof *t);
    uint32_t *slot = NULL; /* duplicate names: open addressing over the names themselves (column + 1; 0 empty) */
    size_t hcap = 64;
    unsigned char *keep = NULL;
    if (keep_out)
        *keep_out = NULL;
    if (!t)
        goto nomem;
    t->source = strdup(s->name);
    t->cols = core_calloc_array(m, sizeof *t->cols);
    if (!t->source || !t->cols)
        goto nomem;
    t->line0 = 2;
    t->n_cols = m;
    t->n_rows = n_rows;
    while (hcap < 2 * (m + 1))
        hcap *= 2;
    if (m >= UINT32_MAX || !(slot = core_calloc_array(hcap, sizeof *slot)))
        goto nomem;
    char *f = s->b + s->rec_at[0];
    for (size_t j = 0; j < m; j++) {
        size_t len = strlen(f), tl;
        char *next = f + len + 1;
        char *name = (char *)trim(f, len, &tl);
        name[tl] = '\0';
        if (tl == 0) {
            core_err_set(err, CORE_ERR_DATA,
                         "%s:1:%zu: the header has an empty column name (every column needs a unique, "
                         "non-empty name)",
                         s->name, j + 1);
            goto fail;
        }
        size_t h = (size_t)hash_text(name) & (hcap - 1);
        while (slot[h] && strcmp(t->cols[slot[h] - 1].name, name) != 0)
            h = (h + 1) & (hcap - 1);
        if (slot[h]) {
            core_err_set(err, CORE_ERR_DATA,
                         "%s:1:%zu: duplicate column name '%s' (column %u has it too; column names must be "
                         "unique)",
                         s->name, j + 1, name, slot[h]);
            goto fail;
        }
        core_column *c = &t->cols[j];
        c->type = CORE_COL_NUMERIC;
        if (!(c->name = strdup(name)))
            goto nomem;
        slot[h] = (uint32_t)j + 1;
        f = next;
    }
    if (!(keep = keep_columns(t, keep_out ? columns : NULL)))
        goto nomem;
    for (size_t j = 0; j < m; j++) {
        core_column *c = &t->cols[j];
        if (!keep[j])
            continue;
        c->width = 1; /* int8 until a value needs more (core_column_put_num) */
        if (core_column_alloc_data(c, n_rows, 1, 0) != 0)
            goto nomem;
    }
    free(slot);
    slot = NULL;
    if (s->n_ex) { /* the rows that do not follow their predecessor's line (the fast path has none) */
        t->line_ex = s->ex;
        t->n_line_ex = s->n_ex;
        s->ex = NULL;
        s->n_ex = s->cap_ex = 0;
    }
    if (keep_out)
        *keep_out = keep;
    else
        free(keep);
    return t;
nomem:
    core_err_set(err, CORE_ERR_NOMEM, "%s: out of memory", s->name);
fail:
    free(slot);
    free(keep);
    core_table_free(t);
    return NULL;
}

/* Pass 1: missing flags and numbers; a column stays numeric while every cell parses. */
static core_status fill_numbers(csv_state *s, core_table *t, char decimal, char thousands, const token *tok,
                                size_t n_tok, unsigned char *numeric)
{
    size_t n = t->n_rows;
    const char *f = s->b + s->data_at;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < t->n_cols; j++) {
            size_t len = strlen(f), tl;
            const char *v = trim(f, len, &tl);
            core_column *c = &t->cols[j];
            double x = 0;
            if (is_missing(v, tl, tok, n_tok)) {
                if (core_column_put_missing(c, n, i, 1) != 0)
                    return CORE_ERR_NOMEM;
                if (numeric[j])
                    core_column_put_num(c, n, i, i, 0); /* 0 fits every width */
            } else if (numeric[j]) {
                if (!core_parse_number(f, decimal, thousands, &x))
                    numeric[j] = 0;
                else if (core_column_put_num(c, n, i, i, x) != 0)
                    return CORE_ERR_NOMEM;
            }
            f += len + 1;
        }
    }
    return CORE_OK;
}

/* Pass 2: turn the non-numeric columns into categorical ones (their missing cells are the bits pass 1 set). */
static core_status fill_levels(csv_state *s, core_table *t, const unsigned char *numeric)
{
    size_t m = t->n_cols, n = t->n_rows, n_cat = 0;
    core_level_index **ix = core_calloc_array(m, sizeof *ix);
    unsigned char **miss = core_calloc_array(m, sizeof *miss);
    core_status st = CORE_OK;
    if (!ix || !miss) {
        st = CORE_ERR_NOMEM;
        goto done;
    }
    for (size_t j = 0; j < m; j++) {
        if (numeric[j])
            continue;
        core_column *c = &t->cols[j];
        core_column_free_data(c);
        miss[j] = c->miss;
        c->miss = NULL;
        c->type = CORE_COL_CATEGORICAL;
        c->width = 1;
        int bad = core_column_alloc_data(c, n, 1, 0) != 0;
        ix[j] = bad ? NULL : core_level_index_new(c);
        if (bad || !ix[j]) {
            st = CORE_ERR_NOMEM;
            goto done;
        }
        n_cat++;
    }
    char *f = s->b + s->data_at;
    for (size_t i = 0; i < n && n_cat > 0; i++) {
        for (size_t j = 0; j < m; j++) {
            size_t len = strlen(f);
            char *next = f + len + 1; /* taken before trimming shortens the string */
            core_column *c = &t->cols[j];
            if (!numeric[j]) {
                int code = -1;
                if (!(miss[j] && ((miss[j][i >> 3] >> (i & 7)) & 1))) {
                    size_t tl;
                    char *v = (char *)trim(f, len, &tl);
                    v[tl] = '\0';
                    code = core_level_index_add(ix[j], v);
                    if (code < 0) {
                        st = CORE_ERR_NOMEM;
                        goto done;
                    }
                }
                if (core_column_put_code(c, n, i, i, code) != 0) {
                    st = CORE_ERR_NOMEM;
                    goto done;
                }
            }
            f = next;
        }
    }
done:
    for (size_t j = 0; j < m; j++) {
        if (ix)
            core_level_index_free(ix[j]);
        if (miss)
            free(miss[j]);
    }
    free(ix);
    free(miss);
    return st;
}

/* Numbers are read once, by the declared rules. Every level of a text column gets its value as a number
 * by those rules (NaN when it is not one), so nothing later parses text with other rules. A text column
 * whose every level is a number by some common rules and at least one by the declared ones is a number
 * column the rules misread in part: refuse it, naming the first refused cell and the setting that would
 * read it. */
static core_status finish_numbers(core_table *t, char decimal, char thousands, core_err *err)
{
    /* the other common rules, in the order a suggestion prefers them: another thousands separator first */
    static const struct {
        char dec, th;
    } alt[] = {{',', '.'}, {',', ' '}, {'.', ','}, {'.', ' '}, {'.', 0}, {',', 0}};
    enum { N_ALT = sizeof alt / sizeof alt[0] };
    for (size_t j = 0; j < t->n_cols; j++) {
        core_column *c = &t->cols[j];
        if (c->type != CORE_COL_CATEGORICAL || c->n_levels == 0)
            continue;
        free(c->level_num);
        c->n_level_num = 0;
        if (!(c->level_num = core_alloc_array(c->n_levels, sizeof *c->level_num)))
            return core_err_set(err, CORE_ERR_NOMEM, "%s: out of memory", t->source);
        c->n_level_num = c->n_levels;
        size_t bad = (size_t)-1;
        int any_ok = 0, all_like = 1, fits[N_ALT];
        for (int k = 0; k < N_ALT; k++)
            fits[k] = !(alt[k].dec == decimal && alt[k].th == thousands);
        char hint[200] = "";
        for (size_t l = 0; l < c->n_levels; l++) {
            double v;
            if (core_parse_number(c->levels[l], decimal, thousands, &v)) {
                c->level_num[l] = v;
                any_ok = 1;
                continue;
            }
            c->level_num[l] = NAN;
            for (int k = 0; k < N_ALT; k++)
                if (fits[k] && !core_parse_number(c->levels[l], alt[k].dec, alt[k].th, &v))
                    fits[k] = 0;
            if (!all_like)
                continue;
            if (core_number_rule_hint(c->levels[l], decimal, thousands, bad == (size_t)-1 ? hint : NULL,
                                      bad == (size_t)-1 ? sizeof hint : 0)) {
                if (bad == (size_t)-1)
                    bad = l;
            } else
                all_like = 0;
        }
        if (!any_ok) { /* no level is a number: no values to keep (NULL says the same as NaN everywhere) */
            free(c->level_num);
            c->level_num = NULL;
            c->n_level_num = 0;
        }
        if (bad == (size_t)-1) /* every level a number by the rules, or some level a number by no rules */
            continue;
        int fit = -1; /* the simplest setting that reads every cell: the same decimal mark, else no separator */
        for (int pass = 0; pass < 3 && fit < 0; pass++)
            for (int k = 0; k < N_ALT && fit < 0; k++)
                if (fits[k] && (pass == 0 ? alt[k].dec == decimal
                                          : pass == 1 ? alt[k].dec != decimal && alt[k].th == 0 : 1))
                    fit = k;
        if (fit < 0 && !(all_like && any_ok))
            continue; /* text */
        if (fit >= 0) { /* one setting reads every cell: say that one */
            char dec = alt[fit].dec, th = alt[fit].th;
            const char *thn = th == '.' ? "\".\"" : th == ',' ? "\",\"" : th == ' ' ? "\" \"" : "none";
            if (dec == decimal)
                snprintf(hint, sizeof hint, "if %s separates thousands here, set thousands = %s",
                         th == ' ' ? "a space" : th == '.' ? "'.'" : "','", thn);
            else if (th == 0)
                snprintf(hint, sizeof hint, "if '%c' is the decimal mark here, set decimal = \"%c\"%s", dec, dec,
                         thousands ? " and thousands = none" : "");
            else
                snprintf(hint, sizeof hint,
                         "if '%c' is the decimal mark and %s separates thousands here, set decimal = \"%c\" and "
                         "thousands = %s",
                         dec, th == ' ' ? "a space" : th == '.' ? "'.'" : "','", dec, thn);
        }
        size_t row = 0;
        while (row < t->n_rows && core_col_code(c, row) != (int)bad)
            row++;
        char where[400];
        return core_err_set(err, CORE_ERR_DATA,
                            "%s: '%s' is not a number in a column read with decimal '%c' and thousands "
                            "separator %s, although the column's cells are numbers by other rules; %s (in [data] "
                            "or the section that names the file; a text column of such codes needs a letter in them)",
                            core_cell_where(t, j, row < t->n_rows ? row : 0, where, sizeof where), c->levels[bad],
                            decimal, thousands == 0 ? "none" : thousands == ' ' ? "' '" : thousands == '.' ? "'.'" : "','",
                            hint);
    }
    return CORE_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Fast path (docs/performance.md). A registry extract is machine-written: one record per line,  */
/* no quote spanning a line, numbers in plain decimal. Such files are parsed straight into the    */
/* columns in one pass over the text, without rewriting it, without a record index and without    */
/* strtod for ordinary numbers. Anything else (a line break or doubled quote inside quotes, a     */
/* lone CR, a blank or ragged line, a single column, any error at all) returns "not handled"     */
/* before the table is handed out, and the general parser above reads the file from scratch:      */
/* its results and messages stay the one definition of the format. The two must agree on every  */
/* file the fast path accepts (tests/unit/test_csv_fast.c compares them).                         */

#ifndef CORE_CSV_NO_FAST

/* Reading the file behind the parser: each part of the text is read (pread) in chunks into a buffer of its own,
 * a few hundred kilobytes that stay in the processor's cache and are used again and again, rather than mapped: on
 * a virtual machine the first touch of every page of a mapping costs a fault in the host (about three times what
 * copying the page out of the page cache costs), and the file's pages are never held by the process. */
enum { CHUNK_BYTES = 256 << 10, CHUNK_MAX = 64 << 20 };

/* The bytes read at a time (at most CHUNK_BYTES), and how few may be left in the buffer before it is refilled
 * (statics, not constants, so that tests/unit/test_csv_fast.c can make rows cross the chunks' ends often). */
static size_t fast_chunk_bytes = CHUNK_BYTES, fast_chunk_low = 4096;

typedef struct fast_chunk {
    int fd;
    size_t off, lim; /* the next byte of the file to read; the end of the part */
    char *buf;       /* cap bytes and 64 more (the whole-row path reads 64 bytes at a time) */
    size_t cap;
    size_t safe; /* rows that start before buf + safe end in the buffer (one past its last line feed; 0 none) */
    int own;     /* buf is malloc'd here (a line longer than the buffer given) */
} fast_chunk;

/* The two parts' buffers, span bytes each: for a large file in one mapping populated at once (on a virtual machine a
 * page faulted in on first touch costs about ten times what the kernel's populating it in one call does), for a
 * small one malloc'd. Free with chunk_bufs_free(p, span). NULL when out of memory. */
enum { CHUNK_MAPPED = 256 << 10 };

static char *chunk_bufs(size_t span)
{
#if defined(__linux__) && defined(MAP_ANONYMOUS)
    if (2 * span >= CHUNK_MAPPED) {
        void *p = mmap(NULL, 2 * span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return NULL;
#ifdef MADV_POPULATE_WRITE
        int saved = errno; /* advice only */
        (void)madvise(p, 2 * span, MADV_POPULATE_WRITE);
        errno = saved;
#endif
        return p;
    }
#endif
    return malloc(2 * span);
}

static void chunk_bufs_free(char *p, size_t span)
{
    (void)span; /* the mapping's length, where there is one */
    if (!p)
        return;
#if defined(__linux__) && defined(MAP_ANONYMOUS)
    if (2 * span >= CHUNK_MAPPED) {
        munmap(p, 2 * span);
        return;
    }
#endif
    free(p);
}

/* s[0, n) read from the file at off; 0 when it cannot be (read error, or the file is shorter than it was). */
static int read_at(int fd, char *s, size_t n, size_t off)
{
    while (n > 0) {
        ssize_t r = pread(fd, s, n, (off_t)off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return 0;
        s += r;
        n -= (size_t)r;
        off += (size_t)r;
    }
    return 1;
}

/* The text [*p, *end) kept at the start of the buffer and the file read on after it, until the buffer is full or
 * the part is read; then the buffer holds a line feed after *p (the buffer grows for a longer line) or the rest of
 * the part. 1 done, 0 not handled (read error, a line longer than CHUNK_MAX), -1 no memory. */
static int chunk_more(fast_chunk *c, const char **p, const char **end)
{
    size_t len = (size_t)(*end - *p);
    if (len > 0 && *p != c->buf)
        memmove(c->buf, *p, len);
    c->safe = 0;
    for (;;) {
        size_t add = c->cap - len < c->lim - c->off ? c->cap - len : c->lim - c->off;
        if (add > 0 && !read_at(c->fd, c->buf + len, add, c->off))
            return 0;
        c->off += add;
        for (size_t k = len + add; k > len && c->safe == 0; k--)
            if (c->buf[k - 1] == '\n')
                c->safe = k;
        len += add;
        if (c->safe > 0 || c->off == c->lim)
            break;
        if (c->cap >= CHUNK_MAX) /* one line that long: the general parser reads it */
            return 0;
        char *nb = malloc(2 * c->cap + 64);
        if (!nb)
            return -1;
        memcpy(nb, c->buf, len);
        if (c->own)
            free(c->buf);
        c->buf = nb;
        c->own = 1;
        c->cap *= 2;
    }
    *p = c->buf;
    *end = c->buf + len;
    return 1;
}

/* Exact powers of ten (10^22 is the largest one a double holds exactly). */
static const double pow10_exact[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                       1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* A trimmed, non-empty cell as a number, by core_parse_double's grammar. The common case (at most 2^53 as
 * a whole mantissa, a decimal exponent within 22) is one exact product or quotient of two doubles, hence
 * correctly rounded, as strtod is (Clinger 1990, "How to read floating point numbers accurately", PLDI);
 * everything else goes to core_parse_double itself, so both paths give the same bits. */
static int fast_number(const char *s, size_t len, char decimal, double *out)
{
    size_t i = 0;
    int neg = 0, digits = 0, exp10 = 0, simple = len <= 255;
    uint64_t mant = 0;
    if (s[0] == '+' || s[0] == '-') {
        neg = s[0] == '-';
        i++;
    }
    for (; i < len && (unsigned)(s[i] - '0') < 10; i++, digits++) {
        if (mant > (UINT64_C(1) << 53) / 10)
            simple = 0;
        else
            mant = mant * 10 + (uint64_t)(s[i] - '0');
    }
    if (i < len && s[i] == decimal)
        for (i++; i < len && (unsigned)(s[i] - '0') < 10; i++, digits++) {
            if (mant > (UINT64_C(1) << 53) / 10)
                simple = 0;
            else {
                mant = mant * 10 + (uint64_t)(s[i] - '0');
                exp10--;
            }
        }
    if (i < len && (s[i] == 'e' || s[i] == 'E') && digits > 0) {
        size_t e = i + 1;
        int eneg = 0, ev = 0, ed = 0;
        if (e < len && (s[e] == '+' || s[e] == '-'))
            eneg = s[e++] == '-';
        for (; e < len && (unsigned)(s[e] - '0') < 10; e++, ed++)
            if (ev < 10000)
                ev = ev * 10 + (s[e] - '0');
        if (ed > 0) {
            exp10 += eneg ? -ev : ev;
            i = e;
        }
    }
    if (simple && digits > 0 && i == len && mant <= (UINT64_C(1) << 53) && exp10 >= -22 && exp10 <= 22) {
        double v = (double)mant;
        v = exp10 < 0 ? v / pow10_exact[-exp10] : v * pow10_exact[exp10];
        *out = neg ? -v : v;
        return 1;
    }
    /* anything unusual, and every refusal: the strict parser decides */
    if (len > 255)
        return 0;
    char buf[256];
    memcpy(buf, s, len);
    buf[len] = '\0';
    return core_parse_double(buf, decimal, out);
}

/* Make column c categorical (rows 0..i-1 all missing) with a level index. */
static int fast_to_categorical(core_column *c, size_t n_rows, size_t i, core_level_index **ix)
{
    core_column_free_data(c);
    free(c->miss);
    c->miss = NULL;
    c->type = CORE_COL_CATEGORICAL;
    c->width = 1;
    if (core_column_alloc_data(c, n_rows, 1, 0) != 0)
        return -1;
    memset(c->data, 0, i); /* code 0: missing */
    if (!ix)
        return 0;
    *ix = core_level_index_new(c);
    return *ix ? 0 : -1;
}

typedef struct fast_cat {
    int last;        /* code of the previous non-missing cell (-1 none): runs of one level are common */
    size_t last_len; /* its length */
} fast_cat;

/* One part of the data rows: rows [r0, r1) on the text [p0, p1). Parts run at once on the two cores for large
 * files (threaded: no column may change type mid-way, that is a redo instead). Levels of categorical columns go
 * to lv[j]: the table's own column for the first part; a scratch column for the second, whose codes are mapped
 * to the table's afterwards (its new levels come after the first part's: first appearance is kept). */
typedef struct fast_part {
    const char *b; /* the text in memory, or NULL: read from fd into buf (buf_cap + 64 bytes) */
    int fd;
    char *buf;
    size_t buf_cap;
    size_t p0, p1, r0, r1;
    int delim;
    char decimal;
    const token *tok;
    size_t n_tok;
    core_table *t;
    core_column *lv;
    core_column *dst;   /* where the cells go: the table's columns (first part), scratch ones (second part) */
    size_t base, cap;   /* table row of dst's row 0; rows dst has room for */
    int threaded;
    unsigned char *cat; /* in: columns read as categorical; out: plus those found to be (ret 2) */
    const unsigned char *keep; /* columns stored (the others are only stepped over) */
    int ret;            /* 1 done, 0 not handled (fall back), 2 redo with cat[] extended, -1 no memory */
    size_t whole;       /* rows read by the whole-row path */
} fast_part;

/* The cells of column c (cap rows) backed by pages at once (see chunk_bufs) when they are malloc'd (below
 * core_alloc_pages' size, which populates its own): otherwise they fault in page by page as the pass writes them.
 * Advice only: the contents stay as they are. */
static void fast_populate(const core_column *c, size_t cap)
{
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    size_t bytes = cap * c->width;
    if (!c->data || c->data_pages || bytes < ((size_t)64 << 10))
        return;
    uintptr_t a = ((uintptr_t)c->data + 4095) & ~(uintptr_t)4095, e = ((uintptr_t)c->data + bytes) & ~(uintptr_t)4095;
    if (e > a) {
        int saved = errno;
        (void)madvise((void *)a, e - a, MADV_POPULATE_WRITE);
        errno = saved;
    }
#else
    (void)c;
    (void)cap;
#endif
}

/* core_column_put_num and core_column_put_code, which widen the column when the value needs it: the new cells
 * populated (fast_populate). */
static int fast_put_num_wide(core_column *c, size_t cap, size_t li, double x)
{
    const void *old = c->data;
    int r = core_column_put_num(c, cap, li, li, x);
    if (c->data != old)
        fast_populate(c, cap);
    return r;
}

static int fast_put_code_wide(core_column *c, size_t cap, size_t li, int k)
{
    const void *old = c->data;
    int r = core_column_put_code(c, cap, li, li, k);
    if (c->data != old)
        fast_populate(c, cap);
    return r;
}

/* Row li of numeric column c: the whole number (neg ? -iv : iv), iv < 10^15, stored without a detour through a
 * double when the column's width holds it. */
static inline int fast_put_int(core_column *c, size_t cap, size_t li, int neg, uint64_t iv)
{
    if (!(neg && iv == 0)) { /* -0 is a double */
        int64_t k = neg ? -(int64_t)iv : (int64_t)iv;
        switch (c->width) {
        case 1:
            if (k >= INT8_MIN && k <= INT8_MAX) {
                ((int8_t *)c->data)[li] = (int8_t)k;
                return 0;
            }
            break;
        case 2:
            if (k >= INT16_MIN && k <= INT16_MAX) {
                ((int16_t *)c->data)[li] = (int16_t)k;
                return 0;
            }
            break;
        case 4:
            if (k >= INT32_MIN && k <= INT32_MAX) {
                ((int32_t *)c->data)[li] = (int32_t)k;
                return 0;
            }
            break;
        default:
            ((double *)c->data)[li] = (double)k; /* iv < 10^15: exact */
            return 0;
        }
    }
    double dv = (double)iv;
    return fast_put_num_wide(c, cap, li, neg ? -dv : dv);
}

/* Row li of categorical column c: code k (-1 missing), stored directly when the column's width holds it. */
static inline int fast_put_code(core_column *c, size_t cap, size_t li, int k)
{
    uint32_t u = (uint32_t)(k + 1);
    if (c->width == 1 && u <= UINT8_MAX) {
        ((uint8_t *)c->data)[li] = (uint8_t)u;
        return 0;
    }
    if (c->width == 4) {
        ((uint32_t *)c->data)[li] = u;
        return 0;
    }
    return fast_put_code_wide(c, cap, li, k);
}

/* Row li of numeric column c: the number x, stored directly when the column is of doubles. */
static inline int fast_put_num(core_column *c, size_t cap, size_t li, double x)
{
    if (c->width == 8) {
        ((double *)c->data)[li] = x;
        return 0;
    }
    return fast_put_num_wide(c, cap, li, x);
}

/* What fast_fill carries from cell to cell: per column its level index, its last level and whether a number was
 * seen; the scratch copy of a new level's text. */
typedef struct fast_fill_st {
    fast_part *pt;
    core_level_index **ix;
    fast_cat *fc;
    unsigned char *seen; /* a non-missing cell so far */
    char *tbuf;
    size_t tcap;
} fast_fill_st;

/* a[0, len) == b[0, len), for the short level texts compared on every row */
static inline int same_text(const char *a, const char *b, size_t len)
{
    if (len > 16)
        return memcmp(a, b, len) == 0;
    for (size_t k = 0; k < len; k++)
        if (a[k] != b[k])
            return 0;
    return 1;
}

/* The trimmed text v[0, len) of kept column j in row li of the part's columns, stored. Returns 1 when stored, else
 * what fast_fill returns (0 not handled, 2 redo, -1 no memory). */
static int fast_cell(fast_fill_st *f, size_t j, size_t li, const char *v, size_t len)
{
    fast_part *pt = f->pt;
    core_column *c = &pt->dst[j];
    size_t cap = pt->cap;
    const token *tok = pt->tok;
    int miss = len == 0;
    for (size_t tq = 0; tq < pt->n_tok && !miss; tq++) /* is_missing, inlined: most cells match no token */
        miss = tok[tq].len == len && tok[tq].s[0] == v[0] && memcmp(tok[tq].s, v, len) == 0;
    if (miss) {
        if (c->type == CORE_COL_NUMERIC) {
            fast_put_num_wide(c, cap, li, 0); /* 0 fits every width */
            return core_column_put_missing(c, cap, li, 1) != 0 ? -1 : 1;
        }
        fast_put_code(c, cap, li, -1);
        return 1;
    }
    if (c->type == CORE_COL_NUMERIC) {
        double x;
        if (fast_number(v, len, pt->decimal, &x)) {
            if (fast_put_num(c, cap, li, x) != 0)
                return -1;
            f->seen[j] = 1;
            return 1;
        }
        if (f->seen[j] || pt->threaded) { /* numbers before (or maybe, in another part): read again */
            pt->cat[j] = 1;
            return 2;
        }
        if (fast_to_categorical(c, cap, li, &f->ix[j]) != 0)
            return -1;
        fast_populate(c, cap);
    }
    const core_column *lc = &pt->lv[j];
    fast_cat *fc = &f->fc[j];
    if (fc->last >= 0 && fc->last_len == len && same_text(lc->levels[fc->last], v, len))
        return fast_put_code(c, cap, li, fc->last) != 0 ? -1 : 1;
    if (len + 1 > f->tcap) {
        if (len >= ((size_t)1 << 20)) /* a long text cell: the general parser keeps one copy of it */
            return 0;
        char *nb = realloc(f->tbuf, len + 1);
        if (!nb)
            return -1;
        f->tbuf = nb;
        f->tcap = len + 1;
    }
    memcpy(f->tbuf, v, len);
    f->tbuf[len] = '\0';
    int code = core_level_index_add(f->ix[j], f->tbuf);
    if (code < 0 || fast_put_code(c, cap, li, code) != 0)
        return -1;
    fc->last = code;
    fc->last_len = len;
    return 1;
}

#ifdef __SSE2__
/* A row that lies within the 64 bytes at p: bit k of each mask is byte p[k] being the delimiter (d), a line feed
 * (lf), a quote, carriage return or NUL (x: what the whole-row path leaves to the field-by-field one), not ASCII
 * (hi), not a digit (nd). The bytes themselves are copied to row[16, 80) (row[8, 16) stays zero). */
typedef struct row_masks {
    uint64_t d, lf, x, hi, nd;
} row_masks;

/* The masks of bytes [16 k0, 16 k1) added to r. */
static inline void fast_row_masks(const char *p, __m128i vd, unsigned char *row, row_masks *rp, int k0, int k1)
{
    const __m128i vl = _mm_set1_epi8('\n'), vq = _mm_set1_epi8('"'), vr = _mm_set1_epi8('\r'), z = _mm_setzero_si128(),
                  v0 = _mm_set1_epi8('0'), v9 = _mm_set1_epi8(9);
    row_masks r = *rp;
    for (int k = k0; k < k1; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
        _mm_storeu_si128((__m128i *)(void *)(row + 16 + 16 * k), v);
        __m128i x = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, vq), _mm_cmpeq_epi8(v, vr)), _mm_cmpeq_epi8(v, z));
        __m128i dg = _mm_sub_epi8(v, v0); /* a digit: 0 to 9 (unsigned) */
        dg = _mm_cmpeq_epi8(_mm_min_epu8(dg, v9), dg);
        r.d |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, vd)) << (16 * k);
        r.lf |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, vl)) << (16 * k);
        r.x |= (uint64_t)(unsigned)_mm_movemask_epi8(x) << (16 * k);
        r.hi |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << (16 * k);
        r.nd |= (uint64_t)(unsigned)(_mm_movemask_epi8(dg) ^ 0xFFFF) << (16 * k);
    }
    *rp = r;
}

/* Set bits of x (portable; no popcnt instruction assumed). */
static inline unsigned bits64(uint64_t x)
{
    x -= (x >> 1) & UINT64_C(0x5555555555555555);
    x = (x & UINT64_C(0x3333333333333333)) + ((x >> 2) & UINT64_C(0x3333333333333333));
    x = (x + (x >> 4)) & UINT64_C(0x0F0F0F0F0F0F0F0F);
    return (unsigned)((x * UINT64_C(0x0101010101010101)) >> 56);
}

/* The value of the 1 to 8 decimal digits that end at s (s[-len, 0)), s[-8, -len) readable: the eight bytes before
 * s as a little-endian word (x86), the bytes before the digits masked off, then combined pairwise (tens and ones,
 * hundreds, ten-thousands) in three multiplications, with no branch on the length. */
static inline uint64_t digits8(const unsigned char *s, unsigned len)
{
    uint64_t w;
    memcpy(&w, s - 8, 8);
    w &= UINT64_C(0x0F0F0F0F0F0F0F0F) << (8 * (8 - len)); /* byte k: the k-th of eight digits, leading 0s */
    w = ((w * 10) + (w >> 8)) & UINT64_C(0x00FF00FF00FF00FF);   /* 16-bit lanes: two digits each */
    w = ((w * 100) + (w >> 16)) & UINT64_C(0x0000FFFF0000FFFF); /* 32-bit lanes: four digits each */
    return ((w * 10000) + (w >> 32)) & UINT64_C(0xFFFFFFFF);
}
#endif

#if defined(__SSE2__) || defined(CORE_CSV_TEST) /* the whole-row path's; the test checks it everywhere */
/* Whether the non-ASCII bytes of a line s[0, n) (n < 64, s[n] a line feed), whose positions are the bits of hi,
 * are well-formed UTF-8 sequences as utf8_bad_offset sees them: each sequence from its lead byte is checked
 * (core_utf8_len; a two-byte one here directly) and its bytes leave hi. */
static inline int utf8_line_ok(const unsigned char *s, size_t n, uint64_t hi)
{
    while (hi) {
        unsigned i = (unsigned)__builtin_ctzll(hi);
        size_t k;
        if (s[i] >= 0xC2 && s[i] <= 0xDF && (s[i + 1] & 0xC0) == 0x80) /* s[i + 1] is at most the line feed */
            k = 2;
        else if ((k = core_utf8_len(s + i, n - i)) == 0)
            return 0;
        hi &= ~(((uint64_t)1 << (i + k)) - 1); /* i + k <= n < 64 */
    }
    return 1;
}
#endif

static int fast_fill(fast_part *pt)
{
    const char *b = pt->b;
    int delim = pt->delim;
    const token *tok = pt->tok;
    size_t n_tok = pt->n_tok;
    core_table *t = pt->t;
    core_column *dst = pt->dst;
    size_t base = pt->base, cap = pt->cap;
    size_t m = t->n_cols;
    int ret = 1, r;
    size_t whole = 0;
    fast_fill_st f = {.pt = pt, .tcap = 256};
    fast_chunk ch = {.fd = b ? -1 : pt->fd, .off = b ? pt->p1 : pt->p0, .lim = pt->p1, .buf = pt->buf,
                     .cap = pt->buf_cap};
    f.ix = core_calloc_array(m, sizeof *f.ix);
    f.fc = core_alloc_array(m, sizeof *f.fc);
    f.seen = core_calloc_array(m, 1);
    f.tbuf = malloc(f.tcap);
    if (!f.ix || !f.fc || !f.seen || !f.tbuf) {
        ret = -1;
        goto done;
    }
    for (size_t j = 0; j < m; j++) {
        if (pt->keep[j])
            fast_populate(&dst[j], cap);
        f.fc[j].last = -1;
        if (t->cols[j].type == CORE_COL_CATEGORICAL && !(f.ix[j] = core_level_index_new(&pt->lv[j]))) {
            ret = -1;
            goto done;
        }
    }
    /* A missing token written as a whole number (say -99) must be compared before parsing; otherwise a cell
     * of plain digits can never be missing, and whole numbers take the shortcut below. */
    int tok_numeric = 0;
    for (size_t tq = 0; tq < n_tok; tq++) { /* a token the shortcut could take for a number: -?[0-9]+ */
        size_t z = tok[tq].len > 0 && tok[tq].s[0] == '-', z0 = z;
        while (z < tok[tq].len && (unsigned)(tok[tq].s[z] - '0') < 10)
            z++;
        if (z > z0 && z == tok[tq].len)
            tok_numeric = 1;
    }
    /* the shortcut reads up to the first byte that is no digit: not with a delimiter that is one (or a minus) */
    int short_ok = !tok_numeric && !((unsigned)(delim - '0') < 10 || delim == '-');
    const char *p = b ? b + pt->p0 : NULL, *end = b ? b + pt->p1 : NULL;
    const unsigned char *keep = pt->keep;
    if (!b) {
        p = end = ch.buf;
        if ((r = chunk_more(&ch, &p, &end)) != 1) {
            ret = r;
            goto done;
        }
    }
#ifdef __SSE2__
    const __m128i vd = _mm_set1_epi8((char)delim);
    unsigned char rb[80]; /* the row's 64 bytes at rb + 16, after zeros (digits8 reads 16 bytes before a field's end) */
    memset(rb, 0, sizeof rb);
#endif
    for (size_t i = pt->r0; i < pt->r1; i++) {
        size_t li = i - base; /* the row in dst */
        if (ch.off < ch.lim && ((size_t)(p - ch.buf) >= ch.safe || (size_t)(end - p) < fast_chunk_low) &&
            (r = chunk_more(&ch, &p, &end)) != 1) { /* the row at p ends in the buffer, or the part does */
            ret = r;
            goto done;
        }
        const char *row = p;
#ifdef __SSE2__
        /* The whole row at once when it lies within the next 64 bytes (and those are the part's) and holds no
         * quote, CR (but one before the line feed), or NUL: its fields end at the delimiters found, it has the
         * header's count of them or the field-by-field path below declines it, and its non-ASCII bytes are checked
         * as UTF-8 here. */
        if (end - p >= 64) {
            row_masks rm = {0, 0, 0, 0, 0};
            fast_row_masks(p, vd, rb, &rm, 0, 2); /* most rows end in the first 32 bytes or soon after */
            if (!rm.lf)
                fast_row_masks(p, vd, rb, &rm, 2, 4);
            if (rm.lf) {
                unsigned k = (unsigned)__builtin_ctzll(rm.lf), le = k, s = 0, e;
                uint64_t in = ((uint64_t)1 << k) - 1, x = rm.x & in, d = rm.d & in;
                if (x && x == (uint64_t)1 << (k - 1) && p[k - 1] == '\r') { /* CRLF */
                    x = 0;
                    le = k - 1;
                }
                if (!x && bits64(d) == m - 1) {
                    uint64_t hi = rm.hi & in;
                    if (hi && !utf8_line_ok((const unsigned char *)p, k, hi)) {
                        ret = 0;
                        goto done;
                    }
                    for (size_t j = 0; j < m; s = e + 1, j++) { /* field j is p[s, e) */
                        if (j + 1 < m) {
                            e = (unsigned)__builtin_ctzll(d);
                            d &= d - 1;
                        } else
                            e = le;
                        if (!keep[j])
                            continue;
                        core_column *c = &dst[j];
                        if (c->type == CORE_COL_NUMERIC && short_ok) { /* the shortcut, by the masks */
                            unsigned s0 = s + (p[s] == '-'), len = e - s0;
                            if (len - 1u < 15u && !((rm.nd >> s0) & (((uint64_t)1 << len) - 1))) {
                                uint64_t iv = len <= 8 ? digits8(rb + 16 + e, len)
                                                       : digits8(rb + 8 + e, len - 8) * 100000000u +
                                                             digits8(rb + 16 + e, 8);
                                if (fast_put_int(c, cap, li, s0 > s, iv) != 0) {
                                    ret = -1;
                                    goto done;
                                }
                                if (!f.seen[j])
                                    f.seen[j] = 1;
                                continue;
                            }
                        }
                        if (c->type == CORE_COL_CATEGORICAL && f.fc[j].last >= 0 && f.fc[j].last_len == e - s &&
                            e > s && !is_space(p[s]) && !is_space(p[e - 1]) &&
                            same_text(pt->lv[j].levels[f.fc[j].last], p + s, e - s)) {
                            /* the previous level again (runs of one level are common): a level is no missing token */
                            if (fast_put_code(c, cap, li, f.fc[j].last) != 0) {
                                ret = -1;
                                goto done;
                            }
                            continue;
                        }
                        size_t len;
                        const char *v = trim(p + s, e - s, &len);
                        if ((r = fast_cell(&f, j, li, v, len)) != 1) {
                            ret = r;
                            goto done;
                        }
                    }
                    p += k + 1;
                    whole++;
                    continue;
                }
            }
        }
#endif
        for (size_t j = 0; j < m; j++) {
            const char *v, *q = p;
            size_t len;
            if (dst[j].type == CORE_COL_NUMERIC && short_ok && keep[j]) {
                /* shortcut: an optional minus and at most 15 digits (exact in a double), then the field's end */
                const char *z = q;
                int neg = z < end && *z == '-';
                z += neg;
                const char *z0 = z;
                uint64_t iv = 0;
                while (z < end && (unsigned)(*z - '0') < 10 && z - z0 < 15)
                    iv = iv * 10 + (uint64_t)(*z++ - '0');
                if (z > z0) {
                    const char *nx = NULL;
                    if (j + 1 < m) {
                        if (z < end && *z == delim)
                            nx = z + 1;
                    } else if (z == end)
                        nx = z;
                    else if (*z == '\n')
                        nx = z + 1;
                    else if (*z == '\r' && z + 1 < end && z[1] == '\n')
                        nx = z + 2;
                    if (nx) {
                        if (fast_put_int(&dst[j], cap, li, neg, iv) != 0) {
                            ret = -1;
                            goto done;
                        }
                        f.seen[j] = 1;
                        p = nx;
                        continue;
                    }
                }
            }
            while (q < end && is_space(*q) && *q != delim)
                q++;
            if (q < end && *q == '"') { /* a quoted field: on one line, no doubled quote */
                const char *cl = q + 1;
                while (cl < end && *cl != '"' && *cl != '\n' && *cl != '\r')
                    cl++;
                if (cl >= end || *cl != '"' || (cl + 1 < end && cl[1] == '"')) {
                    ret = 0;
                    goto done;
                }
                v = q + 1;
                len = (size_t)(cl - v);
                p = cl + 1;
                while (p < end && *p != delim && is_space(*p))
                    p++;
                if (p < end && *p != delim && *p != '\n' && *p != '\r') {
                    ret = 0;
                    goto done;
                }
            } else {
                p = q;
                while (p < end && *p != delim && *p != '\n' && *p != '\r') /* a quote here is text */
                    p++;
                v = q;
                len = (size_t)(p - q);
            }
            v = trim(v, len, &len);
            /* the end of the field must match the column: a delimiter before the last, a line end at it */
            if (j + 1 < m) {
                if (p >= end || *p != delim) {
                    ret = 0;
                    goto done;
                }
                p++;
            } else if (p < end) {
                if (*p == '\n')
                    p++;
                else if (*p == '\r' && p + 1 < end && p[1] == '\n')
                    p += 2;
                else {
                    ret = 0;
                    goto done;
                }
            }
            if (!keep[j]) /* a column no analysis named: its cell is stepped over, as checked as the others */
                continue;
            if ((r = fast_cell(&f, j, li, v, len)) != 1) {
                ret = r;
                goto done;
            }
        }
        /* the row's text is UTF-8 without NUL (the whole-row path checks its rows as it goes) */
        if (utf8_bad_offset((const unsigned char *)row, (size_t)(p - row)) != (size_t)(p - row)) {
            ret = 0;
            goto done;
        }
    }
    if (p != end || ch.off != ch.lim) /* more lines than counted: cannot happen; be safe */
        ret = 0;
done:
    if (f.ix)
        for (size_t j = 0; j < m; j++)
            core_level_index_free(f.ix[j]);
    free(f.ix);
    free(f.fc);
    free(f.seen);
    free(f.tbuf);
    if (ch.own)
        free(ch.buf);
    pt->whole = whole;
    pt->ret = ret;
    return ret;
}

static void *fast_thread(void *arg)
{
    fast_fill(arg);
    return NULL;
}

/* Rows read alone before a file is parsed in two parts (fast_read; a static so that the test can make it small). */
static size_t fast_probe_rows = 1000;

/* Rows from which a file is parsed in two parts at once (a static, not a constant, so that
 * tests/unit/test_csv_fast.c can send small files through the two-part path too). */
static size_t fast_two_part_rows = 200000;

/* Rows read by the whole-row path so far, counted for tests/unit/test_csv_fast.c (which defines CORE_CSV_TEST)
 * to see that the path was taken. */
#ifdef CORE_CSV_TEST
static size_t fast_whole_rows;
#define FAST_WHOLE_ROWS(k) (fast_whole_rows += (k))
#else
#define FAST_WHOLE_ROWS(k) ((void)(k))
#endif

/* Rows [at, at + n) of numeric column c from rows [0, n) of x, not wider than c (every value exact in c's width). */
static void copy_nums(core_column *c, size_t at, const core_column *x, size_t n)
{
    if (c->width == x->width) {
        memcpy((char *)c->data + at * c->width, x->data, n * c->width);
        return;
    }
#define COPY_NUMS(CT, XT)                                                                                              \
    for (size_t k = 0; k < n; k++)                                                                                   \
        ((CT *)c->data)[at + k] = (CT)((const XT *)x->data)[k];
#define COPY_NUMS_FROM(XT)                                                                                             \
    switch (c->width) {                                                                                              \
    case 2:                                                                                                          \
        COPY_NUMS(int16_t, XT) break;                                                                                \
    case 4:                                                                                                          \
        COPY_NUMS(int32_t, XT) break;                                                                                \
    default:                                                                                                         \
        COPY_NUMS(double, XT) break;                                                                                 \
    }
    switch (x->width) {
    case 1:
        COPY_NUMS_FROM(int8_t) break;
    case 2:
        COPY_NUMS_FROM(int16_t) break;
    default: /* 4: c holds doubles */
        COPY_NUMS(double, int32_t) break;
    }
#undef COPY_NUMS_FROM
#undef COPY_NUMS
}

/* Rows [at, at + n) of categorical column c from the codes of rows [0, n) of x, mapped (map[code]; missing stays
 * missing); c is wide enough for every mapped code. */
static void copy_codes(core_column *c, size_t at, const core_column *x, size_t n, const int *map)
{
#define COPY_CODES(CT, XT)                                                                                             \
    for (size_t k = 0; k < n; k++) {                                                                                 \
        uint32_t u = ((const XT *)x->data)[k];                                                                       \
        ((CT *)c->data)[at + k] = (CT)(u ? (uint32_t)map[u - 1] + 1 : 0);                                            \
    }
#define COPY_CODES_FROM(XT)                                                                                            \
    switch (c->width) {                                                                                              \
    case 1:                                                                                                          \
        COPY_CODES(uint8_t, XT) break;                                                                               \
    case 2:                                                                                                          \
        COPY_CODES(uint16_t, XT) break;                                                                              \
    default:                                                                                                         \
        COPY_CODES(uint32_t, XT) break;                                                                              \
    }
    switch (x->width) {
    case 1:
        COPY_CODES_FROM(uint8_t) break;
    case 2:
        COPY_CODES_FROM(uint16_t) break;
    default:
        COPY_CODES_FROM(uint32_t) break;
    }
#undef COPY_CODES_FROM
#undef COPY_CODES
}

/* Fill t from the text (b, or the file fd when b is NULL) in one or two parts (see fast_part); returns as
 * fast_fill. */
static int fast_fill_parts(const char *b, int fd, char *bufs, size_t span, size_t d0, size_t mid, size_t n,
                           size_t rows_a, int delim, char decimal, const token *tok, size_t n_tok, core_table *t,
                           unsigned char *cat, const unsigned char *keep)
{
    size_t m = t->n_cols, rows = t->n_rows;
    for (size_t j = 0; j < m; j++)
        if (cat[j] && fast_to_categorical(&t->cols[j], rows, 0, NULL) != 0)
            return -1;
    fast_part a = {.b = b, .fd = fd, .buf = bufs, .buf_cap = span - 64, .p0 = d0, .p1 = n, .r0 = 0, .r1 = rows,
                   .delim = delim, .decimal = decimal, .tok = tok, .n_tok = n_tok, .t = t, .lv = t->cols,
                   .dst = t->cols, .base = 0, .cap = rows, .cat = cat, .keep = keep};
    if (mid == 0 || rows_a == 0 || rows_a >= rows) {
        int r1 = fast_fill(&a);
        FAST_WHOLE_ROWS(a.whole);
        return r1;
    }
    /* two parts */
    core_column *scratch = core_calloc_array(m, sizeof *scratch);
    unsigned char *cat_b = core_alloc_array(m, 1);
    int *map = NULL;
    core_level_index *ix = NULL;
    int ret;
    if (!scratch || !cat_b) {
        ret = -1;
        goto out;
    }
    memcpy(cat_b, cat, m);
    size_t nb = rows - rows_a;
    for (size_t j = 0; j < m; j++) { /* the second part's cells: scratch columns, of the table's types */
        scratch[j].type = t->cols[j].type;
        scratch[j].width = 1;
        if (keep[j] && core_column_alloc_data(&scratch[j], nb, 1, 1) != 0) {
            ret = -1;
            goto out;
        }
    }
    a.p1 = mid;
    a.r1 = rows_a;
    a.threaded = 1;
    fast_part bp = a;
    bp.p0 = mid;
    bp.buf = bufs ? bufs + span : NULL;
    bp.p1 = n;
    bp.r0 = rows_a;
    bp.r1 = rows;
    bp.lv = scratch;
    bp.dst = scratch;
    bp.base = rows_a;
    bp.cap = nb;
    bp.cat = cat_b;
    pthread_t th;
    int started = pthread_create(&th, NULL, fast_thread, &bp) == 0;
    fast_fill(&a);
    if (started)
        pthread_join(th, NULL);
    else
        fast_fill(&bp);
    FAST_WHOLE_ROWS(a.whole + bp.whole);
    for (size_t j = 0; j < m; j++)
        cat[j] |= cat_b[j];
    ret = a.ret < 0 || bp.ret < 0 ? -1 : a.ret == 0 || bp.ret == 0 ? 0 : a.ret == 2 || bp.ret == 2 ? 2 : 1;
    /* the second part's cells after the first's: numbers at the wider of the two widths; levels after the first
     * part's, codes mapped */
    for (size_t j = 0; ret == 1 && j < m; j++) {
        core_column *c = &t->cols[j], *x = &scratch[j];
        if (!keep[j])
            continue;
        if (c->type == CORE_COL_NUMERIC) {
            if (core_column_widen(c, rows, rows_a, x->width) != 0) {
                ret = -1;
                break;
            }
            copy_nums(c, rows_a, x, nb); /* wide enough for every value of x, each converted exactly */
            for (size_t k = 0; x->miss && k < nb && ret == 1; k++)
                if (((x->miss[k >> 3] >> (k & 7)) & 1) && core_column_put_missing(c, rows, rows_a + k, 1) != 0)
                    ret = -1;
            continue;
        }
        free(map);
        map = NULL;
        if (x->n_levels > 0) {
            map = core_alloc_array(x->n_levels, sizeof *map);
            core_level_index_free(ix);
            ix = core_level_index_new(c);
            if (!map || !ix) {
                ret = -1;
                break;
            }
            for (size_t l = 0; l < x->n_levels; l++)
                if ((map[l] = core_level_index_add(ix, x->levels[l])) < 0)
                    ret = -1;
        }
        int top = -1; /* the largest code the second part's cells take: c as wide as it needs */
        for (size_t l = 0; ret == 1 && l < x->n_levels; l++)
            top = map[l] > top ? map[l] : top;
        if (ret == 1 && top >= 0 && core_column_put_code(c, rows, rows_a, rows_a, top) != 0)
            ret = -1;
        if (ret == 1)
            copy_codes(c, rows_a, x, nb, map);
    }
out:
    core_level_index_free(ix);
    free(map);
    if (scratch)
        for (size_t j = 0; j < m; j++)
            core_column_free(&scratch[j]);
    free(scratch);
    free(cat_b);
    return ret;
}

/* What fast_file found in the file: the line feeds in [start, split) and in [split, n), where split is the line
 * start after the middle of the text (0: none), so that fast_read need not count them again; the file (fd) that
 * fast_fill reads, of which the csv_state holds the first head bytes (the header line among them), and its last
 * byte. */
typedef struct fast_lines {
    size_t split, lf_a, lf_b;
    int fd;
    char *bufs; /* chunk_bufs(span) */
    size_t span;
    size_t head;
    char last;
} fast_lines;

/* The fast path: a table, or NULL when the file is not one it handles (err untouched then). pre: the line feeds
 * counted already and the file to read (NULL: the text is s->b, whose line feeds are counted here). */
static core_table *fast_read(const csv_state *s, size_t start, char decimal, const char *const *miss,
                             const char *const *columns, const fast_lines *pre)
{
    const char *b = s->b;
    size_t n = s->n, eol = start, nb = pre ? pre->head : n; /* b[0, nb) is at hand */
    if (s->delim < 0 || s->delim == '"')
        return NULL;
    while (eol < nb && b[eol] != '\n' && b[eol] != '\r')
        eol++;
    if (eol >= nb || (b[eol] == '\r' && !(eol + 1 < nb && b[eol + 1] == '\n'))) /* nb < n: the general parser */
        return NULL;
    size_t d0 = eol + (b[eol] == '\r' ? 2 : 1);
    size_t hl = eol - start, quotes = 0;
    for (size_t k = start; k < eol; k++)
        quotes += b[k] == '"';
    if (quotes % 2 || d0 >= n ||
        utf8_bad_offset((const unsigned char *)b + start, d0 - start) != d0 - start) /* fast_fill checks the rows */
        return NULL;
    /* rows: the line ends after the header (+1 for a last line without one); for a large file, also the
     * rows before the line start nearest the middle, where a second part can begin */
    size_t rows = 0, rows_a = 0, mid = 0, half = d0 + (n - d0) / 2;
    if (pre) { /* the header line holds exactly one of the line feeds from start (it ends at the first one) */
        rows = pre->lf_a + pre->lf_b - 1;
        if (pre->split > d0 && pre->split < n) {
            mid = pre->split;
            rows_a = pre->lf_a - 1;
        }
    } else { /* the line feeds from d0, and those up to the first one from half on (when a line follows it) */
        rows = count_lf(b + d0, n - d0);
        const char *q = memchr(b + half, '\n', n - half);
        if (q && (size_t)(q - b) + 1 < n) {
            mid = (size_t)(q - b) + 1;
            rows_a = count_lf(b + d0, mid - d0);
        }
    }
    if ((pre ? pre->last : b[n - 1]) != '\n')
        rows++;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    if (rows < fast_two_part_rows || ncpu < 2)
        mid = rows_a = 0;
    core_table *t = NULL;
    core_err herr;
    csv_state hs = {.name = s->name, .line = 1, .delim = s->delim};
    token *tok = NULL;
    unsigned char *cat = NULL;
    size_t m = 0;
    int blank;
    if (!(hs.b = malloc(hl + 1)))
        return NULL;
    memcpy(hs.b, b + start, hl);
    hs.b[hl] = '\0';
    hs.n = hl;
    if (parse_record(&hs, &m, &blank, &herr) != CORE_OK || m < 2 || push_record(&hs, 0, 1) != CORE_OK)
        goto out;
    size_t n_tok = 0;
    while (miss[n_tok])
        n_tok++;
    tok = core_alloc_array(n_tok, sizeof *tok);
    cat = core_calloc_array(m, 1);
    if (!tok || !cat)
        goto out;
    for (size_t q = 0; q < n_tok; q++)
        tok[q].s = trim(miss[q], strlen(miss[q]), &tok[q].len);
    /* Two parts at once cannot turn a column categorical mid-way: a text cell after numbers, or any in the second
     * part, sends the file round again with that column categorical (fast_part.threaded). So the first rows are read
     * alone first, into a small table, and the columns they find to be text (fast_to_categorical) start
     * categorical: what the round again would do, without its cost (the columns' pages, the threads). */
    int probe = mid != 0 && rows > fast_probe_rows;
    for (;;) {
        unsigned char *keep = NULL;
        size_t tr = probe ? fast_probe_rows : rows;
        if (!(t = make_table(&hs, m, tr, columns, &keep, &herr)))
            goto out;
        const char *tb = pre ? NULL : b;
        int tfd = pre ? pre->fd : -1, r;
        char *bufs = pre ? pre->bufs : NULL;
        size_t span = pre ? pre->span : 0;
        if (probe) { /* one part of tr rows: it stops short of the text's end, which it reports as not handled */
            r = fast_fill_parts(tb, tfd, bufs, span, d0, 0, n, 0, s->delim, decimal, tok, n_tok, t, cat, keep);
            for (size_t j = 0; j < m; j++)
                if (keep[j] && t->cols[j].type == CORE_COL_CATEGORICAL)
                    cat[j] = 1;
            probe = 0;
            r = r < 0 ? -1 : 2;
        } else
            r = fast_fill_parts(tb, tfd, bufs, span, d0, mid, n, rows_a, s->delim, decimal, tok, n_tok, t, cat, keep);
        if (r == 1)
            drop_columns(t, keep);
        free(keep);
        if (r == 1) {
            if (finish_numbers(t, decimal, 0, &herr) != CORE_OK) { /* the general parser says why */
                core_table_free(t);
                t = NULL;
            } else
                core_table_compact(t);
            break;
        }
        core_table_free(t);
        t = NULL;
        if (r != 2)
            goto out;
        /* make_table trimmed the header names in place; parse them afresh for the next round */
        memcpy(hs.b, b + start, hl);
        hs.b[hl] = '\0';
        hs.r = hs.w = 0;
        hs.n_rec = 0;
        if (parse_record(&hs, &m, &blank, &herr) != CORE_OK || push_record(&hs, 0, 1) != CORE_OK)
            goto out;
    }
out:
    free(hs.b);
    free(hs.rec_at);
    free(hs.rec_line);
    free(tok);
    free(cat);
    return t;
}

/* The line feeds of the file's bytes [from, to) counted (count_lf), read in chunks; with first, also where the
 * first line feed is (to: none). On a thread for the second half of a large file. */
typedef struct scan_part {
    int fd;
    char *buf; /* at least fast_chunk_bytes, or the file */
    size_t from, to, lf, first;
    int want_first, ok;
} scan_part;

static void *scan_thread(void *arg)
{
    scan_part *p = arg;
    char *buf = p->buf;
    p->ok = 0;
    p->lf = 0;
    p->first = p->to;
    for (size_t at = p->from; at < p->to;) {
        size_t len = p->to - at < fast_chunk_bytes ? p->to - at : fast_chunk_bytes;
        if (!read_at(p->fd, buf, len, at))
            return NULL;
        if (p->want_first && p->first == p->to) {
            const char *q = memchr(buf, '\n', len);
            if (q)
                p->first = at + (size_t)(q - buf);
        }
        p->lf += count_lf(buf, len);
        at += len;
    }
    p->ok = 1;
    return NULL;
}

/* Bytes from which the line feeds of the file are counted in two halves at once. */
static const size_t fast_scan_bytes = (size_t)4 << 20;

/* Bytes of the file read first for fast_read: more (four times as many at a time) until a line feed is among them,
so that the header line ends in them (a static, not a constant, so that the test can make it small). */
static size_t fast_head_bytes = 64 << 10;

/* The fast path on the file, read in chunks (fast_chunk). NULL when the file is not a regular file, starts with a
 * UTF-16 byte-order mark, or fast_read declines (text that is not clean UTF-8 among others: fast_fill checks the
 * rows as it reads them); *tried says whether fast_read saw the text. */
static core_table *fast_file(const char *path, const char *name, char decimal, char delim_opt,
                               const char *const *miss, const char *const *columns, int *tried)
{
    *tried = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    core_table *t = NULL;
    char *head = NULL, *bufs = NULL;
    size_t span = 0;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
        (uintmax_t)st.st_size > CORE_ALLOC_MAX - 2)
        goto out;
    size_t n = (size_t)st.st_size, hl = n < fast_head_bytes ? n : fast_head_bytes;
    for (;;) { /* the file's first bytes, as many as hold a line feed (the header's end: a wide file's is long) */
        char *nh = realloc(head, hl);
        if (!nh)
            goto out;
        head = nh;
        if (!read_at(fd, head, hl, 0))
            goto out;
        if (hl == n || memchr(head, '\n', hl))
            break;
        hl = n / 4 > hl ? 4 * hl : n;
    }
    const unsigned char *u = (const unsigned char *)head;
    size_t start = 0, k;
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        goto out; /* the general path reports these */
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        start = 3;
    /* the line feeds counted: the two halves at once for a large file; the split at the first line feed after
     * the middle */
    /* a part's chunk: fast_chunk_bytes, or the whole file when it is smaller (and 64 bytes more: fast_chunk) */
    span = (n < fast_chunk_bytes ? n : fast_chunk_bytes) + 64;
    fast_lines fl = {.fd = fd, .head = hl, .bufs = bufs = chunk_bufs(span), .span = span};
    if (!bufs)
        goto out;
    {
        size_t h = start + (n - start) / 2;
        scan_part sa = {.fd = fd, .buf = bufs, .from = start, .to = h},
                  sb = {.fd = fd, .buf = bufs + span, .from = h, .to = n, .want_first = 1};
        pthread_t th;
        int started = n - start >= fast_scan_bytes && sysconf(_SC_NPROCESSORS_ONLN) >= 2 &&
                      pthread_create(&th, NULL, scan_thread, &sb) == 0;
        scan_thread(&sa);
        if (started)
            pthread_join(th, NULL);
        else
            scan_thread(&sb);
        if (!sa.ok || !sb.ok || !read_at(fd, &fl.last, 1, n - 1))
            goto out;
        if (sb.first + 1 < n) { /* the line feed at sb.first is the first part's last */
            fl.split = sb.first + 1;
            fl.lf_a = sa.lf + 1;
            fl.lf_b = sb.lf - 1;
        } else {
            fl.split = 0;
            fl.lf_a = sa.lf + sb.lf;
            fl.lf_b = 0;
        }
    }
    for (k = start; k < hl && (is_space((char)u[k]) || u[k] == '\n' || u[k] == '\r'); k++)
        ;
    if (k == hl) /* nothing but blank lines (at hand) */
        goto out;
    csv_state s = {.name = name, .b = head, .n = n, .line = 1};
    s.delim = delim_opt ? (unsigned char)delim_opt : sniff_delimiter(s.b + start, hl - start);
    *tried = 1;
    t = fast_read(&s, start, decimal, miss, columns, &fl);
out:
    free(head);
    chunk_bufs_free(bufs, span);
    close(fd);
    return t;
}

#endif

/* Recode text in a single-byte encoding to UTF-8 (iconv, glibc). Windows-1252 leaves five bytes undefined
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D) and Latin-1 puts control characters at 0x80-0x9F, which real text never
 * holds: both are errors naming the line and byte. Text that is already valid UTF-8 with non-ASCII bytes
 * was saved as UTF-8, and recoding it would garble every letter: an error too. */
static core_status recode_to_utf8(csv_state *s, int enc, core_err *err)
{
    const unsigned char *u = (const unsigned char *)s->b;
    size_t start = s->n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
    const char *ename = enc == CORE_ENC_WINDOWS_1252 ? "windows-1252" : "latin1";
    int high = 0;
    for (size_t i = 0; i < s->n && !high; i++)
        high = u[i] >= 0x80;
    if (!high)
        return CORE_OK; /* ASCII: the same text in every one of these encodings */
    if (start == 3 || utf8_bad_offset(u, s->n) == s->n)
        return core_err_set(err, CORE_ERR_DATA,
                            "%s:1: the file is UTF-8 text (%s), but the config says encoding = %s; remove the "
                            "encoding key (or set encoding = utf-8)",
                            s->name, start == 3 ? "it starts with a UTF-8 byte-order mark" : "every byte sequence is UTF-8",
                            ename);
    for (size_t i = 0; i < s->n; i++) {
        int bad = enc == CORE_ENC_LATIN1 ? (u[i] >= 0x80 && u[i] <= 0x9F)
                                         : (u[i] == 0x81 || u[i] == 0x8D || u[i] == 0x8F || u[i] == 0x90 || u[i] == 0x9D);
        if (bad || u[i] == 0)
            return core_err_set(err, CORE_ERR_DATA,
                                "%s:%ld: byte 0x%02X %s; %s",
                                s->name, line_of(s->b, 0, i), u[i],
                                u[i] == 0 ? "is a NUL byte: this is no text file in a single-byte encoding"
                                : enc == CORE_ENC_LATIN1 ? "is a control character in latin1, where text has none"
                                                         : "is not a character in windows-1252",
                                enc == CORE_ENC_LATIN1 ? "a Windows export is windows-1252: set encoding = windows-1252"
                                                       : "check the file's encoding (utf-8, windows-1252 or latin1)");
    }
    iconv_t cd = iconv_open("UTF-8", enc == CORE_ENC_WINDOWS_1252 ? "WINDOWS-1252" : "ISO-8859-1");
    if (cd == (iconv_t)-1)
        return core_err_set(err, CORE_ERR_IO, "%s: this system cannot recode %s text (iconv: %s)", s->name, ename,
                            strerror(errno));
    /* one byte becomes at most three UTF-8 bytes; +1 for the terminating NUL the parser expects */
    size_t cap;
    char *out = NULL;
    if (s->n > (CORE_ALLOC_MAX - 2) / 3 || !(out = core_alloc_array(3 * s->n + 2, 1))) {
        iconv_close(cd);
        return core_err_set(err, CORE_ERR_NOMEM, "%s: out of memory recoding %s text to UTF-8", s->name, ename);
    }
    cap = 3 * s->n + 1;
    char *in = s->b, *o = out;
    size_t in_left = s->n, out_left = cap;
    size_t r = iconv(cd, &in, &in_left, &o, &out_left);
    int e = errno;
    iconv_close(cd);
    if (r == (size_t)-1) {
        long line = line_of(s->b, 0, (size_t)(in - s->b));
        free(out);
        return core_err_set(err, CORE_ERR_DATA, "%s:%ld: byte 0x%02X cannot be recoded from %s (%s)", s->name, line,
                            (unsigned)(unsigned char)*in, ename, strerror(e));
    }
    size_t len = (size_t)(o - out);
    out[len] = '\0';
    free(s->b);
    s->b = out;
    s->n = len;
    return CORE_OK;
}

/* allow_fast = 0: the general parser only (tests/unit/test_csv_fast.c compares the two). */
static core_table *read_delimited(const char *path, const core_read_opts *opts, core_err *err, int allow_fast)
{
    static const char *const default_missing[] = {"", "NA", ".", NULL};
    const char *name = (opts && opts->display_name) ? opts->display_name : path;
    char decimal = (opts && opts->decimal) ? opts->decimal : '.';
    char thousands = opts ? opts->thousands : 0;
    char delim_opt = opts ? opts->delimiter : 0;
    const char *const *miss = (opts && opts->missing) ? opts->missing : default_missing;
    const char *const *columns = opts ? opts->columns : NULL;
    core_err_clear(err);

    if (decimal != '.' && decimal != ',') {
        core_err_set(err, CORE_ERR_CONFIG, "%s: decimal mark '%c' is not supported (use '.' or ',')", name,
                     decimal);
        return NULL;
    }
    if (thousands && (thousands == decimal || thousands == delim_opt || !strchr(".,  ", thousands))) {
        core_err_set(err, CORE_ERR_CONFIG,
                     "%s: thousands separator '%c' cannot be used with decimal '%c' and delimiter '%c' (use \".\", "
                     "\",\" or \" \", different from both, or none)",
                     name, thousands, decimal, delim_opt ? delim_opt : ',');
        return NULL;
    }
    if (delim_opt == '"' || delim_opt == '\n' || delim_opt == '\r' || (delim_opt & 0x80)) {
        core_err_set(err, CORE_ERR_CONFIG,
                     "%s: delimiter 0x%02X is not allowed (use one ASCII character other than a quote "
                     "or line end, e.g. ',' ';' tab '|')",
                     name, (unsigned)(unsigned char)delim_opt);
        return NULL;
    }

    csv_state s = {.name = name, .line = 1};
    core_table *t = NULL;
    token *tok = NULL;
    unsigned char *numeric = NULL;
    int fast_tried = !allow_fast;
    int enc = opts ? opts->encoding : CORE_ENC_UTF8;
    if (enc != CORE_ENC_UTF8 && enc != CORE_ENC_WINDOWS_1252 && enc != CORE_ENC_LATIN1) {
        core_err_set(err, CORE_ERR_CONFIG, "%s: unknown encoding %d", name, enc);
        return NULL;
    }
#ifndef CORE_CSV_NO_FAST
    if (thousands) /* the fast path reads plain decimals only */
        fast_tried = 1;
    if (allow_fast && !fast_tried && enc == CORE_ENC_UTF8 &&
        (t = fast_file(path, name, decimal, delim_opt, miss, columns, &fast_tried)) != NULL)
        return t;
#else
    (void)fast_tried;
#endif
    if (slurp(path, name, &s.b, &s.n, err) != CORE_OK)
        return NULL;
    if (enc != CORE_ENC_UTF8 && recode_to_utf8(&s, enc, err) != CORE_OK)
        goto fail;

    size_t start = 0;
    const unsigned char *u = (const unsigned char *)s.b;
    if (s.n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        core_err_set(err, CORE_ERR_DATA,
                     "%s:1: the file is UTF-16 text (it starts with a UTF-16 byte-order mark); re-save it "
                     "as UTF-8",
                     name);
        goto fail;
    }
    if (s.n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        start = 3;
    size_t bad = start + utf8_bad_offset(u + start, s.n - start);
    if (bad < s.n) {
        long line = line_of(s.b, start, bad);
        if (u[bad] == 0)
            core_err_set(err, CORE_ERR_DATA,
                         "%s:%ld: contains a NUL byte (expected UTF-8 text; is this a binary or UTF-16 "
                         "file? re-save it as UTF-8 CSV)",
                         name, line);
        else
            core_err_set(err, CORE_ERR_DATA,
                         "%s:%ld: byte 0x%02X is not valid UTF-8 (a Windows export? say so with encoding = "
                         "windows-1252, or latin1, in [data] or the file's section; or re-save the file as UTF-8)",
                         name, line, u[bad]);
        goto fail;
    }
    size_t k = start;
    while (k < s.n && (is_space(s.b[k]) || s.b[k] == '\n' || s.b[k] == '\r'))
        k++;
    if (k == s.n) {
        core_err_set(err, CORE_ERR_DATA, "%s: file is empty (expected a header line and data rows)", name);
        goto fail;
    }

    s.delim = delim_opt ? (unsigned char)delim_opt : sniff_delimiter(s.b + start, s.n - start);
#ifndef CORE_CSV_NO_FAST
    if (!fast_tried && (t = fast_read(&s, start, decimal, miss, columns, NULL)) != NULL) { /* pipes: not mapped */
        free(s.b);
        return t;
    }
#endif
    /* parse from after the BOM; fields are written from offset 0 onwards */
    s.r = start;
    s.w = 0;
    size_t m = 0;
    if (parse_all(&s, &m, err) != CORE_OK)
        goto fail;
    if (s.n_rec < 2) {
        core_err_set(err, CORE_ERR_DATA, "%s: has a header but no data rows", name);
        goto fail;
    }

    t = make_table(&s, m, s.n_rec - 1, NULL, NULL, err);
    if (!t)
        goto fail;

    size_t n_tok = 0;
    while (miss[n_tok])
        n_tok++;
    tok = core_alloc_array(n_tok, sizeof *tok);
    numeric = core_alloc_array(m, 1);
    if (!tok || !numeric)
        goto nomem;
    for (size_t q = 0; q < n_tok; q++)
        tok[q].s = trim(miss[q], strlen(miss[q]), &tok[q].len);
    memset(numeric, 1, m);

    if (fill_numbers(&s, t, decimal, thousands, tok, n_tok, numeric) != CORE_OK ||
        fill_levels(&s, t, numeric) != CORE_OK)
        goto nomem;
    if (columns) { /* the columns no analysis named go before their numbers are judged, as in the fast path */
        unsigned char *keep = keep_columns(t, columns);
        if (!keep)
            goto nomem;
        drop_columns(t, keep);
        free(keep);
    }
    if (finish_numbers(t, decimal, thousands, err) != CORE_OK)
        goto fail;
    core_table_compact(t);

    free(tok);
    free(numeric);
    free(s.b);
    free(s.rec_at);
    free(s.rec_line);
    free(s.ex);
    return t;
nomem:
    core_err_set(err, CORE_ERR_NOMEM, "%s: out of memory", name);
fail:
    free(tok);
    free(numeric);
    core_table_free(t);
    free(s.b);
    free(s.rec_at);
    free(s.rec_line);
    free(s.ex);
    return NULL;
}

core_table *core_read_delimited(const char *path, const core_read_opts *opts, core_err *err)
{
    return read_delimited(path, opts, err, 1);
}
