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
/* utf8_bad_offset and, in the same pass, the count of line feeds in s[0, n) (*lf; meaningful only when the text
 * is clean). Sixteen bytes at a time while they are ASCII without NUL (SSE2, in every x86-64); a block with a NUL
 * or a non-ASCII byte is counted up to that byte, whose sequence is checked as utf8_bad_offset checks it, and the
 * blocks go on after it: the offset is the same as utf8_bad_offset's. */
static size_t utf8_scan_lines(const unsigned char *s, size_t n, size_t *lf)
{
    size_t i = 0, nl = 0;
#ifdef __SSE2__
    const __m128i z = _mm_setzero_si128(), lfv = _mm_set1_epi8('\n');
    while (i + 16 <= n) {
        __m128i acc = z; /* per byte lane: minus the line feeds seen, at most 255 blocks */
        size_t stop = n - i > 16 * 255 ? i + 16 * 255 : n;
        int other = 0;
        for (; i + 16 <= stop; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            if (_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, z)))) {
                other = 1;
                break;
            }
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, lfv));
        }
        __m128i sum = _mm_sad_epu8(acc, z);
        nl += (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
        if (other) { /* a NUL or a non-ASCII byte in this block: the line feeds before it, then its sequence */
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            unsigned odd = (unsigned)_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, z)));
            unsigned pos = (unsigned)__builtin_ctz(odd);
            unsigned lfm = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, lfv)) & ((1u << pos) - 1);
            nl += (size_t)__builtin_popcount(lfm);
            i += pos;
            size_t k = s[i] ? core_utf8_len(s + i, n - i) : 0;
            if (k == 0) {
                *lf = nl;
                return i;
            }
            i += k;
        }
    }
#endif
    while (i < n) {
        unsigned char c = s[i];
        if (c >= 0x01 && c < 0x80) {
            nl += c == '\n';
            i++;
            continue;
        }
        size_t k = c ? core_utf8_len(s + i, n - i) : 0;
        if (k == 0)
            break;
        i += k;
    }
    *lf = nl;
    return i;
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
    int mapped;            /* b is the file mapped read-only (the fast path): pages behind the parser are let go */
} csv_state;

static int is_space(char c)
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
static const char *trim(const char *s, size_t len, size_t *out_len)
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

/* Letting go of the mapped file behind the parser: the file is mapped whole (populated in one call: cheaper than
 * page by page on this kind of virtual machine), checked and its lines counted; the pass that fills the table then
 * gives back the pages it has left behind (they stay in the page cache), so that the file's pages and the table
 * are not held in full at the same time: the peak is about the larger of the two, not their sum. Off (on = 0) for
 * text in malloc'd memory. */
enum { WIN_BYTES = 8 << 20 };

typedef struct map_win {
    const char *b;
    size_t lo, next; /* lo: page-aligned start of what is still held; next: where to let go again */
    int on;
} map_win;

static void win_init(map_win *w, const char *b, size_t p, int on)
{
    *w = (map_win){.b = b, .lo = (p + 4095) & ~(size_t)4095, .next = p + WIN_BYTES, .on = on};
}

static void win_move(map_win *w, size_t p)
{
    size_t e = p & ~(size_t)4095;
    if (e > w->lo) {
        int saved = errno; /* advice only */
        (void)madvise((void *)(uintptr_t)(w->b + w->lo), e - w->lo, MADV_DONTNEED);
        errno = saved;
        w->lo = e;
    }
    w->next = p + WIN_BYTES;
}

/* Call as the pass reaches p (increasing). */
static inline void win_at(map_win *w, size_t p)
{
    if (w->on && p >= w->next)
        win_move(w, p);
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
    const char *b;
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
    int mapped;                /* b is the mapped file (map_win) */
    int ret;            /* 1 done, 0 not handled (fall back), 2 redo with cat[] extended, -1 no memory */
} fast_part;

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
    return core_column_put_num(c, cap, li, li, neg ? -dv : dv);
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
    return core_column_put_code(c, cap, li, li, k);
}

/* Row li of numeric column c: the number x, stored directly when the column is of doubles. */
static inline int fast_put_num(core_column *c, size_t cap, size_t li, double x)
{
    if (c->width == 8) {
        ((double *)c->data)[li] = x;
        return 0;
    }
    return core_column_put_num(c, cap, li, li, x);
}

static int fast_fill(fast_part *pt)
{
    const char *b = pt->b;
    int delim = pt->delim;
    char decimal = pt->decimal;
    const token *tok = pt->tok;
    size_t n_tok = pt->n_tok;
    core_table *t = pt->t;
    core_column *dst = pt->dst;
    size_t base = pt->base, cap = pt->cap;
    unsigned char *cat = pt->cat;
    size_t m = t->n_cols;
    int ret = 1;
    core_level_index **ix = core_calloc_array(m, sizeof *ix);
    fast_cat *fc = core_alloc_array(m, sizeof *fc);
    unsigned char *seen = core_calloc_array(m, 1); /* a non-missing cell so far */
    size_t tcap = 256;
    char *tbuf = malloc(tcap);
    if (!ix || !fc || !seen || !tbuf) {
        ret = -1;
        goto done;
    }
    for (size_t j = 0; j < m; j++) {
        fc[j].last = -1;
        if (t->cols[j].type == CORE_COL_CATEGORICAL && !(ix[j] = core_level_index_new(&pt->lv[j]))) {
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
    const char *p = b + pt->p0, *end = b + pt->p1;
    const unsigned char *keep = pt->keep;
    map_win win;
    win_init(&win, b, pt->p0, pt->mapped);
    for (size_t i = pt->r0; i < pt->r1; i++) {
        size_t li = i - base; /* the row in dst */
        win_at(&win, (size_t)(p - b));
        for (size_t j = 0; j < m; j++) {
            const char *v, *q = p;
            size_t len;
            if (dst[j].type == CORE_COL_NUMERIC && !tok_numeric && keep[j]) {
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
                        seen[j] = 1;
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
            core_column *c = &dst[j];
            int miss = len == 0;
            for (size_t tq = 0; tq < n_tok && !miss; tq++) /* is_missing, inlined: most cells match no token */
                miss = tok[tq].len == len && tok[tq].s[0] == v[0] && memcmp(tok[tq].s, v, len) == 0;
            if (miss) {
                if (c->type == CORE_COL_NUMERIC) {
                    core_column_put_num(c, cap, li, li, 0); /* 0 fits every width */
                    if (core_column_put_missing(c, cap, li, 1) != 0) {
                        ret = -1;
                        goto done;
                    }
                } else
                    fast_put_code(c, cap, li, -1);
                continue;
            }
            if (c->type == CORE_COL_NUMERIC) {
                double x;
                if (fast_number(v, len, decimal, &x)) {
                    if (fast_put_num(c, cap, li, x) != 0) {
                        ret = -1;
                        goto done;
                    }
                    seen[j] = 1;
                    continue;
                }
                if (seen[j] || pt->threaded) { /* numbers before (or maybe, in another part): read again */
                    cat[j] = 1;
                    ret = 2;
                    goto done;
                }
                if (fast_to_categorical(c, cap, li, &ix[j]) != 0) {
                    ret = -1;
                    goto done;
                }
            }
            const core_column *lc = &pt->lv[j];
            if (fc[j].last >= 0 && fc[j].last_len == len && lc->levels[fc[j].last][0] == v[0] &&
                memcmp(lc->levels[fc[j].last], v, len) == 0) {
                if (fast_put_code(c, cap, li, fc[j].last) != 0) {
                    ret = -1;
                    goto done;
                }
                continue;
            }
            if (len + 1 > tcap) {
                if (len >= ((size_t)1 << 20)) { /* a long text cell: the general parser keeps one copy of it */
                    ret = 0;
                    goto done;
                }
                char *nb = realloc(tbuf, len + 1);
                if (!nb) {
                    ret = -1;
                    goto done;
                }
                tbuf = nb;
                tcap = len + 1;
            }
            memcpy(tbuf, v, len);
            tbuf[len] = '\0';
            int code = core_level_index_add(ix[j], tbuf);
            if (code < 0 || fast_put_code(c, cap, li, code) != 0) {
                ret = -1;
                goto done;
            }
            fc[j].last = code;
            fc[j].last_len = len;
        }
    }
    if (p != end) /* more lines than counted: cannot happen; be safe */
        ret = 0;
done:
    if (ix)
        for (size_t j = 0; j < m; j++)
            core_level_index_free(ix[j]);
    free(ix);
    free(fc);
    free(seen);
    free(tbuf);
    pt->ret = ret;
    return ret;
}

static void *fast_thread(void *arg)
{
    fast_fill(arg);
    return NULL;
}

/* Rows from which a file is parsed in two parts at once (a static, not a constant, so that
 * tests/unit/test_csv_fast.c can send small files through the two-part path too). */
static size_t fast_two_part_rows = 200000;

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

/* Fill t from the text in one or two parts (see fast_part); returns as fast_fill. */
static int fast_fill_parts(const char *b, size_t d0, size_t mid, size_t n, size_t rows_a, int delim, char decimal,
                           const token *tok, size_t n_tok, core_table *t, unsigned char *cat,
                           const unsigned char *keep, int mapped)
{
    size_t m = t->n_cols, rows = t->n_rows;
    for (size_t j = 0; j < m; j++)
        if (cat[j] && fast_to_categorical(&t->cols[j], rows, 0, NULL) != 0)
            return -1;
    fast_part a = {.b = b, .p0 = d0, .p1 = n, .r0 = 0, .r1 = rows, .delim = delim, .decimal = decimal, .tok = tok,
                   .n_tok = n_tok, .t = t, .lv = t->cols, .dst = t->cols, .base = 0, .cap = rows, .cat = cat,
                   .keep = keep, .mapped = mapped};
    if (mid == 0 || rows_a == 0 || rows_a >= rows)
        return fast_fill(&a);
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

/* What the check of the mapped text found (fast_mapped): the line feeds in [start, split) and in [split, n), where
 * split is the line start after the middle of the text (0: none), so that fast_read need not count them again. */
typedef struct fast_lines {
    size_t split, lf_a, lf_b;
} fast_lines;

/* The fast path: a table, or NULL when the file is not one it handles (err untouched then). pre: the line feeds
 * counted already (NULL: counted here). */
static core_table *fast_read(const csv_state *s, size_t start, char decimal, const char *const *miss,
                             const char *const *columns, const fast_lines *pre)
{
    const char *b = s->b;
    size_t n = s->n, eol = start;
    if (s->delim < 0 || s->delim == '"')
        return NULL;
    while (eol < n && b[eol] != '\n' && b[eol] != '\r')
        eol++;
    if (eol >= n || (b[eol] == '\r' && !(eol + 1 < n && b[eol + 1] == '\n')))
        return NULL;
    size_t d0 = eol + (b[eol] == '\r' ? 2 : 1);
    size_t hl = eol - start, quotes = 0;
    for (size_t k = start; k < eol; k++)
        quotes += b[k] == '"';
    if (quotes % 2 || d0 >= n)
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
    } else
        for (const char *q = b + d0; (q = memchr(q, '\n', (size_t)(b + n - q))) != NULL; q++) {
            rows++;
            if (mid == 0 && (size_t)(q - b) >= half && (size_t)(q - b) + 1 < n) {
                mid = (size_t)(q - b) + 1;
                rows_a = rows;
            }
        }
    if (b[n - 1] != '\n')
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
    for (;;) {
        unsigned char *keep = NULL;
        if (!(t = make_table(&hs, m, rows, columns, &keep, &herr)))
            goto out;
        int r = fast_fill_parts(b, d0, mid, n, rows_a, s->delim, decimal, tok, n_tok, t, cat, keep, s->mapped);
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

/* One part of the mapped text checked and its line feeds counted (utf8_scan_lines), on a thread. */
typedef struct scan_part {
    const unsigned char *s;
    size_t n, bad, lf;
} scan_part;

static void *scan_thread(void *arg)
{
    scan_part *p = arg;
    p->bad = utf8_scan_lines(p->s, p->n, &p->lf);
    return NULL;
}

/* Bytes from which the mapped text is checked in two halves at once. */
static const size_t fast_scan_bytes = (size_t)4 << 20;

/* The fast path on the file mapped read-only (page-cache pages: no copy of the file into fresh memory, which
 * on this kind of virtual machine costs more than parsing it). NULL when the file is not a regular file, is
 * not clean UTF-8 text, or fast_read declines; *tried says whether fast_read saw the text. */
static core_table *fast_mapped(const char *path, const char *name, char decimal, char delim_opt,
                               const char *const *miss, const char *const *columns, int *tried)
{
    *tried = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
        (uintmax_t)st.st_size > CORE_ALLOC_MAX - 2) {
        close(fd);
        return NULL;
    }
    size_t n = (size_t)st.st_size;
    /* populated at once; the pass that fills the table lets go of it behind itself (map_win) */
    void *map = mmap(NULL, n, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return NULL;
    core_table *t = NULL;
    const unsigned char *u = map;
    size_t start = 0, k;
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        goto out; /* the general path reports these */
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        start = 3;
    /* clean UTF-8, and the line feeds counted in the same pass: the two halves at once for a large file */
    fast_lines fl = {0};
    {
        size_t h = start + (n - start) / 2;
        const char *q = memchr((const char *)u + h, '\n', n - h);
        fl.split = q && (size_t)(q - (const char *)map) + 1 < n ? (size_t)(q - (const char *)map) + 1 : n;
        scan_part sb = {.s = u + fl.split, .n = n - fl.split};
        pthread_t th;
        int started = n - start >= fast_scan_bytes && sysconf(_SC_NPROCESSORS_ONLN) >= 2 &&
                      pthread_create(&th, NULL, scan_thread, &sb) == 0;
        size_t bad_a = utf8_scan_lines(u + start, fl.split - start, &fl.lf_a);
        if (started)
            pthread_join(th, NULL);
        else
            scan_thread(&sb);
        fl.lf_b = sb.lf;
        if (bad_a != fl.split - start || sb.bad != sb.n)
            goto out;
        if (fl.split == n)
            fl.split = 0;
    }
    for (k = start; k < n && (is_space((char)u[k]) || u[k] == '\n' || u[k] == '\r'); k++)
        ;
    if (k == n)
        goto out;
    csv_state s = {.name = name, .b = map, .n = n, .line = 1, .mapped = 1};
    s.delim = delim_opt ? (unsigned char)delim_opt : sniff_delimiter(s.b + start, n - start);
    *tried = 1;
    t = fast_read(&s, start, decimal, miss, columns, &fl);
out:
    munmap(map, n);
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
        (t = fast_mapped(path, name, decimal, delim_opt, miss, columns, &fast_tried)) != NULL)
        return t;
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
