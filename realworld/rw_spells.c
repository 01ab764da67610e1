/* Employment spells -> workdays per person-year, streaming (see rw.h, rw_spells_apply). */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/core_alloc.h"
#include "core/core_data.h"
#include "core/core_date.h"
#include "realworld/rw.h"
#include "realworld/rw_internal.h"

#define NOMEM(err) core_err_set(err, CORE_ERR_NOMEM, "out of memory")

int rw_parse_date(const char *s, long *days)
{
    return core_parse_date(s, days);
}

/* Weekdays in [M, d) counted from the Monday 1969-12-29 (day -3). */
static long weekdays_before(long d)
{
    long x = d + 3;
    long q = x >= 0 ? x / 7 : -((-x + 6) / 7);
    long r = x - 7 * q;
    return 5 * q + (r < 5 ? r : 5);
}

long rw_weekdays(long a, long b)
{
    if (b < a)
        return 0;
    return weekdays_before(b + 1) - weekdays_before(a);
}

/* ---- a small streaming reader of delimited lines ---- */

typedef struct line_reader {
    FILE *f;
    char *buf;       /* a block of the file (1 MiB, grown for a longer line); lines are cut in place */
    size_t cap, len, pos;
    int eof;
    long line;
} line_reader;

/* Next physical line without its end (LF; trailing CRs dropped); NULL at end of file or on a read error
 * (ferror tells). Reads in large blocks and finds line ends with memchr: no copy of each line. */
static char *next_line(line_reader *r)
{
    for (;;) {
        /* no block yet: NULL + 0 is undefined (C11 6.5.6; UBSan, found by fuzz_spells) */
        char *s = r->buf ? r->buf + r->pos : NULL, *nl = s && r->pos < r->len ? memchr(s, '\n', r->len - r->pos) : NULL;
        size_t len;
        if (nl)
            len = (size_t)(nl - s);
        else if (r->eof) {
            if (r->pos >= r->len)
                return NULL;
            len = r->len - r->pos; /* the last line, without a line end */
        } else {
            /* keep the partial line, read more behind it (growing the block when one line fills it) */
            size_t rest = r->len - r->pos;
            if (r->pos > 0)
                memmove(r->buf, s, rest);
            else if (rest + 1 >= r->cap || !r->buf) {
                size_t nc = r->cap ? 2 * r->cap : (size_t)1 << 20;
                char *nb = realloc(r->buf, nc);
                if (!nb) {
                    r->eof = 1; /* out of memory: read no further (the caller sees a truncated file) */
                    return NULL;
                }
                r->buf = nb;
                r->cap = nc;
            }
            r->pos = 0;
            r->len = rest;
            size_t got = fread(r->buf + rest, 1, r->cap - 1 - rest, r->f);
            r->len += got;
            if (got == 0)
                r->eof = 1;
            continue;
        }
        r->line++;
        r->pos += len + (nl != NULL);
        while (len > 0 && (s[len - 1] == '\r' || s[len - 1] == '\n'))
            len--;
        s[len] = 0; /* the line end, or the spare byte kept at the end of the block */
        return s;
    }
}

/* Split a line in place into at most max fields (quotes: "a,b" and "" escapes); returns the count or -1
 * for an unterminated quote. */
static int split_fields(char *s, char delim, char **fields, int max)
{
    if (!strchr(s, '"')) {
        /* no quote (the usual line): cut at the delimiters in place and trim, one pass */
        int n = 0;
        char *p = s;
        for (;;) {
            if (n == max)
                return max + 1;
            while ((*p == ' ' || *p == '\t') && *p != delim)
                p++;
            fields[n++] = p;
            char *e = p;
            while (*e && *e != delim)
                e++;
            int end = *e == 0;
            char *t = e;
            while (t > p && (t[-1] == ' ' || t[-1] == '\t'))
                t--;
            *t = 0;
            if (end)
                return n;
            p = e + 1;
        }
    }
    int n = 0;
    char *p = s;
    for (;;) {
        if (n == max)
            return max + 1;
        char *out = p;
        fields[n++] = out;
        if (*p == '"') {
            p++;
            for (;;) {
                if (!*p)
                    return -1;
                if (*p == '"') {
                    if (p[1] == '"') {
                        *out++ = '"';
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                *out++ = *p++;
            }
            while (*p && *p != delim)
                p++;
        } else {
            while (*p && *p != delim)
                *out++ = *p++;
        }
        int end = *p == 0;
        *out = 0;
        if (end)
            break;
        p++;
    }
    for (int k = 0; k < n; k++) { /* trim */
        char *f = fields[k];
        while (*f == ' ' || *f == '\t')
            f++;
        size_t l = strlen(f);
        while (l > 0 && (f[l - 1] == ' ' || f[l - 1] == '\t'))
            f[--l] = 0;
        fields[k] = f;
    }
    return n;
}

typedef struct spell {
    uint32_t unit;
    int32_t start, end;
    float share;
} spell;

static int spell_cmp(const void *a, const void *b)
{
    const spell *x = a, *y = b;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

typedef struct event {
    long day;
    double delta;
} event;

static int event_cmp(const void *a, const void *b)
{
    const event *x = a, *y = b;
    return (x->day > y->day) - (x->day < y->day);
}

static int is_missing(const char *f, const core_read_opts *ro)
{
    if (!*f)
        return 1;
    if (ro->missing) {
        for (const char *const *m = ro->missing; *m; m++)
            if ((*m)[0] == f[0] && strcmp(f, *m) == 0) /* first byte first: most cells differ there */
                return 1;
    } else if ((f[0] == 'N' && strcmp(f, "NA") == 0) || (f[0] == '.' && f[1] == 0))
        return 1;
    return 0;
}

/* Workdays of one unit's spells (any order) added into its row: the days covered, each weighted by min(1, the
 * sum of the covering spells' shares), split by calendar year. ev holds 2 x ns events. */
static void unit_workdays(const spell *sp, size_t ns, event *ev, const long *ystart, size_t T, double *row)
{
    size_t ne = 2 * ns;
    for (size_t k = 0; k < ns; k++) {
        ev[2 * k] = (event){sp[k].start, sp[k].share};
        ev[2 * k + 1] = (event){(long)sp[k].end + 1, -(double)sp[k].share};
    }
    if (ne > 48)
        qsort(ev, ne, sizeof *ev, event_cmp);
    else /* a person's few spells: insertion sort, without qsort's call per comparison and its buffer */
        for (size_t e = 1; e < ne; e++) {
            event v = ev[e];
            size_t k = e;
            for (; k > 0 && ev[k - 1].day > v.day; k--)
                ev[k] = ev[k - 1];
            ev[k] = v;
        }
    double level = 0;
    for (size_t e = 0; e < ne; e++) {
        level += ev[e].delta;
        if (fabs(level) < 1e-6)
            level = 0;
        long from = ev[e].day, to = e + 1 < ne ? ev[e + 1].day - 1 : from - 1;
        if (level <= 0 || to < from)
            continue;
        double fte = level >= 100 ? 1.0 : level / 100.0; /* overlaps merged, capped at full time */
        /* split [from, to] by calendar year */
        size_t q = 0;
        while (q + 1 <= T && ystart[q + 1] <= from)
            q++;
        for (long a = from; a <= to && q < T; q++) {
            long b = to < ystart[q + 1] - 1 ? to : ystart[q + 1] - 1;
            row[q] += fte * (double)rw_weekdays(a, b);
            a = b + 1;
        }
    }
}

/* A growable array of spells (one unit's in the streaming pass, one batch of units' otherwise). */
typedef struct spell_buf {
    spell *sp;
    size_t n, cap;
    event *ev;
    size_t cap_ev;
} spell_buf;

static int buf_push(spell_buf *b, spell x)
{
    if (b->n == b->cap) {
        size_t nc = b->cap ? 2 * b->cap : 64;
        spell *ns = realloc(b->sp, nc * sizeof *ns);
        if (!ns)
            return -1;
        b->sp = ns;
        b->cap = nc;
    }
    b->sp[b->n++] = x;
    return 0;
}

/* Workdays of the spells in b[i0..i1) (one unit) into wd. */
static int flush_unit(spell_buf *b, size_t i0, size_t i1, const long *ystart, size_t T, double *wd)
{
    size_t ne = 2 * (i1 - i0);
    if (ne == 0)
        return 0;
    if (ne > b->cap_ev) {
        event *e = realloc(b->ev, ne * sizeof *e);
        if (!e)
            return -1;
        b->ev = e;
        b->cap_ev = ne;
    }
    unit_workdays(b->sp + i0, i1 - i0, b->ev, ystart, T, wd + (size_t)b->sp[i0].unit * T);
    return 0;
}

/* Spells kept in memory at most per batch when the file is not grouped by unit (16 bytes each: 128 MB). */
#ifndef SPELL_BATCH /* (a smaller value, -DSPELL_BATCH=..., tests the batches) */
#define SPELL_BATCH ((size_t)8 << 20)
#endif

/* A decimal integer written the one way %.15g writes it (no sign but '-', no leading zero, at most 15 digits);
 * 0 for any other text. Panel unit ids that are all such numbers are looked up by value, and spell unit
 * texts not written that way cannot equal any of them. */
static int canon_int(const char *s, long *v)
{
    const char *q = s;
    int neg = *q == '-';
    q += neg;
    if (q[0] == '0' && q[1] == 0 && !neg) {
        *v = 0;
        return 1;
    }
    if (!(*q >= '1' && *q <= '9'))
        return 0;
    long x = 0;
    int nd = 0;
    for (; *q; q++) {
        if ((unsigned)(*q - '0') >= 10 || ++nd > 15)
            return 0;
        x = x * 10 + (*q - '0');
    }
    *v = neg ? -x : x;
    return 1;
}

/* What one data line holds: 1 a spell of a panel unit in the years (*out), 0 a line to skip, -1 an error. */
typedef struct spell_ctx {
    const char *display;
    const core_read_opts *ro;
    char delim, dec;
    int nh, col[4];
    const char *names[4];
    rw_strmap *units;
    const int *direct;   /* unit ids that are whole numbers: direct[value - lo] = unit (-1 none), else NULL */
    long direct_lo, direct_n;
    long first_day, last_day, today_day;
    rw_spell_info *info; /* counted in the first pass only (NULL in the later ones) */
    char last_key[64];   /* the previous line's unit: consecutive lines of one unit skip the hash */
    long last_u;
} spell_ctx;

static int spell_line(spell_ctx *x, char *line, long lineno, spell *out, core_status *st, core_err *err)
{
    char *fields[64];
    const char *display = x->display;
    const int *col = x->col;
    if (!*line)
        return 0;
    int nf = split_fields(line, x->delim, fields, 64);
    if (nf != x->nh) {
        *st = core_err_set(err, CORE_ERR_DATA, "%s:%ld: %d fields where the header has %d%s", display, lineno, nf,
                           x->nh, nf < 0 ? " (unterminated quote)" : "");
        return -1;
    }
    if (x->info) {
        x->info->rows++;
        x->info->spells++;
    }
    const char *key = fields[col[0]];
    long u;
    if (x->last_u >= 0 && strcmp(key, x->last_key) == 0)
        u = x->last_u;
    else {
        long v;
        if (x->direct)
            u = canon_int(key, &v) && v >= x->direct_lo && v - x->direct_lo < x->direct_n ? x->direct[v - x->direct_lo]
                                                                                          : -1;
        else
            u = rw_strmap_get(x->units, key);
        if (strlen(key) < sizeof x->last_key) {
            strcpy(x->last_key, key);
            x->last_u = u;
        } else
            x->last_u = -1;
    }
    if (u < 0) {
        if (x->info)
            x->info->other_units++;
        return 0;
    }
    long a, b;
    double share;
    if (is_missing(fields[col[1]], x->ro) || rw_parse_date(fields[col[1]], &a) != 0) {
        *st = core_err_set(err, CORE_ERR_DATA, "%s:%ld:%d '%s': '%s' is not a date; write dates as YYYY-MM-DD",
                           display, lineno, col[1] + 1, x->names[1], fields[col[1]]);
        return -1;
    }
    if (is_missing(fields[col[2]], x->ro)) {
        b = x->today_day < x->last_day ? x->today_day : x->last_day;
        if (x->info)
            x->info->open_ended++;
    } else if (rw_parse_date(fields[col[2]], &b) != 0) {
        *st = core_err_set(err, CORE_ERR_DATA,
                           "%s:%ld:%d '%s': '%s' is not a date; write dates as YYYY-MM-DD (empty = ongoing)", display,
                           lineno, col[2] + 1, x->names[2], fields[col[2]]);
        return -1;
    }
    const char *sh = fields[col[3]];
    int whole = sh[0] != 0;
    long iv = 0;
    for (const char *q = sh; *q && whole; q++) /* a whole percent (the usual form) without strtod */
        if ((unsigned)(*q - '0') < 10 && iv < 1000)
            iv = iv * 10 + (*q - '0');
        else
            whole = 0;
    if (whole && !is_missing(sh, x->ro))
        share = (double)iv;
    else if (is_missing(sh, x->ro) || !core_parse_number(sh, x->dec, x->ro->thousands, &share))
        share = NAN;
    if (!(share > 0) || share > 100) {
        *st = core_err_set(err, CORE_ERR_DATA,
                           "%s:%ld:%d '%s': '%s' is not a position share; give the percent of full time, above 0 "
                           "and at most 100",
                           display, lineno, col[3] + 1, x->names[3], sh);
        return -1;
    }
    if (a > x->today_day || b > x->today_day) {
        int c = a > x->today_day ? col[1] : col[2];
        *st = core_err_set(err, CORE_ERR_DATA,
                           "%s:%ld:%d '%s': %s is in the future (after the run date); registry spells cannot "
                           "start or end after today (an ongoing spell has an empty end date)",
                           display, lineno, c + 1, x->names[c == col[1] ? 1 : 2], fields[c]);
        return -1;
    }
    if (b < a) {
        *st = core_err_set(err, CORE_ERR_DATA, "%s:%ld:%d '%s': the spell ends (%s) before it starts (%s)", display,
                           lineno, col[2] + 1, x->names[2], fields[col[2]], fields[col[1]]);
        return -1;
    }
    if (b < x->first_day || a > x->last_day) {
        if (x->info)
            x->info->outside_years++;
        return 0;
    }
    if (a < x->first_day)
        a = x->first_day;
    if (b > x->last_day)
        b = x->last_day;
    if (x->info)
        x->info->used++;
    *out = (spell){(uint32_t)u, (int32_t)a, (int32_t)b, (float)share};
    return 1;
}

/* Open the spells file at its first data line (the header skipped); NULL when it cannot be opened. */
static int reopen(line_reader *r, const char *path)
{
    if (r->f)
        fclose(r->f);
    r->line = 0;
    r->len = r->pos = 0;
    r->eof = 0;
    if (!(r->f = fopen(path, "r")))
        return -1;
    return next_line(r) ? 0 : -1;
}

/* Streaming (docs/performance.md): a registry extract lists each person's spells together, so each unit's
 * spells are aggregated as soon as the next unit starts, and memory holds one unit's spells, whatever the
 * number of spells. A file not grouped by unit is found out in that same pass (a unit seen again); its
 * workdays are then recomputed in passes over batches of units of at most SPELL_BATCH spells each (counted in
 * the first pass), so memory still does not grow with the file. */
core_status rw_spells_apply(const core_config *cfg, const rw_spec *s, const char *path, const char *display,
                            time_t today, rw_panel *p, rw_spell_info *info, core_err *err)
{
    memset(info, 0, sizeof *info);
    core_read_opts ro;
    char **missing = NULL;
    core_status st = core_data_opts(cfg, "registry", &ro, &missing, err);
    if (st != CORE_OK)
        return st;
    line_reader r = {0};
    rw_strmap units = {0};
    spell_buf buf = {0};
    double *wd = NULL;
    long *ystart = NULL;
    unsigned char *seen = NULL;
    uint32_t *count = NULL;
    int *direct = NULL;
    char *fields[64];
    char w[300];
    if (p->period0 < 1900 || p->period0 + (long)p->T - 1 > 2200) {
        st = core_err_set(err, CORE_ERR_CONFIG,
                          "%s: spells are aggregated into calendar years, but the time column '%s' runs from %ld to %ld; "
                          "it must hold years (e.g. 2010 to 2019)",
                          core_config_where(cfg, "registry", "spells", w, sizeof w), s->time, p->period0,
                          p->period0 + (long)p->T - 1);
        goto done;
    }
    if (!p->unit_key) {
        st = core_err_set(err, CORE_ERR_USAGE, "spells: the panel was loaded without unit keys (spells not in the spec)");
        goto done;
    }
    if (!(r.f = fopen(path, "r"))) {
        st = core_err_set(err, CORE_ERR_IO, "%s: cannot open the spells file", display);
        goto done;
    }
    char *h = next_line(&r);
    if (!h) {
        st = core_err_set(err, CORE_ERR_DATA, "%s: empty file; expected a header with %s, %s, %s, %s", display,
                          s->spell_unit, s->spell_start, s->spell_end, s->spell_share);
        goto done;
    }
    if ((unsigned char)h[0] == 0xEF && (unsigned char)h[1] == 0xBB && (unsigned char)h[2] == 0xBF)
        h += 3;
    char delim = ro.delimiter;
    if (!delim) {
        int best = 0;
        delim = ',';
        const char cand[4] = {',', ';', '\t', '|'};
        for (int c = 0; c < 4; c++) {
            int k = 0;
            for (const char *q = h; *q; q++)
                k += *q == cand[c];
            if (k > best) {
                best = k;
                delim = cand[c];
            }
        }
    }
    char dec = ro.decimal ? ro.decimal : '.';
    char header[4096];
    snprintf(header, sizeof header, "%s", h);
    int nh = split_fields(header, delim, fields, 64);
    if (nh < 0 || nh > 64) {
        st = core_err_set(err, CORE_ERR_DATA, "%s:1: the header cannot be read (unterminated quote or over 64 columns)",
                          display);
        goto done;
    }
    const char *want[4] = {s->spell_unit, s->spell_start, s->spell_end, s->spell_share};
    const char *keys[4] = {"spell_unit", "spell_start", "spell_end", "spell_share"};
    spell_ctx x = {.display = display, .ro = &ro, .delim = delim, .dec = dec, .nh = nh, .units = &units,
                   .info = info, .last_u = -1};
    for (int c = 0; c < 4; c++) {
        x.col[c] = -1;
        for (int k = 0; k < nh && x.col[c] < 0; k++)
            if (strcmp(fields[k], want[c]) == 0)
                x.col[c] = k;
        for (int k = 0; k < nh && x.col[c] < 0; k++)
            if (strcasecmp(fields[k], want[c]) == 0)
                x.col[c] = k;
        if (x.col[c] < 0) {
            char have[1024] = "";
            for (int k = 0; k < nh; k++) {
                strncat(have, k ? ", " : "", sizeof have - strlen(have) - 1);
                strncat(have, fields[k], sizeof have - strlen(have) - 1);
            }
            st = core_err_set(err, CORE_ERR_CONFIG,
                              "%s: the spells file %s has no column '%s' (set %s in [registry]); its columns: %s",
                              core_config_where(cfg, "registry", "spells", w, sizeof w), display, want[c], keys[c],
                              have);
            goto done;
        }
        x.names[c] = want[c];
    }
    {
        /* person ids that are whole numbers in a compact range: an array indexed by the id, no hashing */
        long lo = 0, hi = 0, v;
        int all = p->U > 0;
        for (size_t u = 0; u < p->U && all; u++) {
            all = canon_int(p->unit_key[u], &v);
            if (u == 0 || v < lo)
                lo = v;
            if (u == 0 || v > hi)
                hi = v;
        }
        if (all && (double)hi - (double)lo < 4.0 * (double)p->U + 65536.0) {
            if (!(direct = malloc((size_t)(hi - lo + 1) * sizeof *direct))) {
                st = NOMEM(err);
                goto done;
            }
            memset(direct, 0xff, (size_t)(hi - lo + 1) * sizeof *direct);
            for (size_t u = 0; u < p->U; u++) {
                canon_int(p->unit_key[u], &v);
                direct[v - lo] = (int)u;
            }
            x.direct = direct;
            x.direct_lo = lo;
            x.direct_n = hi - lo + 1;
        } else {
            if (rw_strmap_init(&units, p->U) != 0) {
                st = NOMEM(err);
                goto done;
            }
            for (size_t u = 0; u < p->U; u++)
                if (rw_strmap_add(&units, p->unit_key[u], NULL) < 0) {
                    st = NOMEM(err);
                    goto done;
                }
        }
    }
    x.first_day = core_days_from_civil(p->period0, 1, 1);
    x.last_day = core_days_from_civil(p->period0 + (long)p->T - 1, 12, 31);
    x.today_day = (long)(today / 86400);
    wd = calloc(p->U * p->T, sizeof *wd);
    ystart = malloc((p->T + 1) * sizeof *ystart);
    seen = calloc(p->U / 8 + 1, 1);
    count = calloc(p->U + 1, sizeof *count);
    if (!wd || !ystart || !seen || !count) {
        st = NOMEM(err);
        goto done;
    }
    core_prefault(wd, p->U * p->T * sizeof *wd); /* zero pages mapped at once (docs/performance.md) */
    core_prefault(count, p->U * sizeof *count);
    for (size_t q = 0; q <= p->T; q++)
        ystart[q] = core_days_from_civil(p->period0 + (long)q, 1, 1);
    /* Pass 1: every line checked (errors in file order), counted, and aggregated unit by unit. */
    int grouped = 1;
    long cur = -1;
    char *line;
    while ((line = next_line(&r))) {
        spell one;
        int k = spell_line(&x, line, r.line, &one, &st, err);
        if (k < 0)
            goto done;
        if (k == 0)
            continue;
        count[one.unit] += count[one.unit] < UINT32_MAX;
        if (!grouped)
            continue;
        if ((long)one.unit != cur) {
            if (flush_unit(&buf, 0, buf.n, ystart, p->T, wd) != 0) {
                st = NOMEM(err);
                goto done;
            }
            buf.n = 0;
            if (seen[one.unit / 8] & (1u << (one.unit % 8))) {
                grouped = 0; /* this unit's spells are split in the file: batches below */
                continue;
            }
            seen[one.unit / 8] |= (unsigned char)(1u << (one.unit % 8));
            cur = (long)one.unit;
        }
        if (buf_push(&buf, one) != 0) {
            st = NOMEM(err);
            goto done;
        }
    }
    if (ferror(r.f)) {
        st = core_err_set(err, CORE_ERR_IO, "%s: read error", display);
        goto done;
    }
    if (grouped && flush_unit(&buf, 0, buf.n, ystart, p->T, wd) != 0) {
        st = NOMEM(err);
        goto done;
    }
    if (!grouped) {
        /* Batches of consecutive units with at most SPELL_BATCH spells between them (one unit may exceed it). */
        memset(wd, 0, p->U * p->T * sizeof *wd);
        x.info = NULL;
        for (size_t lo = 0; lo < p->U;) {
            size_t hi = lo, tot = 0;
            while (hi < p->U && (hi == lo || tot + count[hi] <= SPELL_BATCH))
                tot += count[hi++];
            buf.n = 0;
            if (reopen(&r, path) != 0) {
                st = core_err_set(err, CORE_ERR_IO, "%s: cannot read the spells file again", display);
                goto done;
            }
            x.last_u = -1;
            while ((line = next_line(&r))) {
                spell one;
                int k = spell_line(&x, line, r.line, &one, &st, err);
                if (k < 0)
                    goto done;
                if (k == 1 && one.unit >= lo && one.unit < hi && buf_push(&buf, one) != 0) {
                    st = NOMEM(err);
                    goto done;
                }
            }
            if (buf.n > 1) /* qsort(NULL, 0, ...) is undefined (C11 7.22.5); found by fuzz_spells */
                qsort(buf.sp, buf.n, sizeof *buf.sp, spell_cmp);
            for (size_t i = 0; i < buf.n;) {
                size_t j = i;
                while (j < buf.n && buf.sp[j].unit == buf.sp[i].unit)
                    j++;
                if (flush_unit(&buf, i, j, ystart, p->T, wd) != 0) {
                    st = NOMEM(err);
                    goto done;
                }
                i = j;
            }
            lo = hi;
        }
    }
    for (size_t k = 0; k < p->n; k++)
        p->y[k] = wd[(size_t)p->unit[k] * p->T + (size_t)p->period[k]];
done:
    if (r.f)
        fclose(r.f);
    free(r.buf);
    rw_strmap_free(&units);
    free(buf.sp);
    free(buf.ev);
    free(wd);
    free(ystart);
    free(seen);
    free(count);
    free(direct);
    core_config_list_free(missing);
    return st;
}
