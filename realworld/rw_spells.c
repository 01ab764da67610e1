/* Employment spells -> workdays per person-year, streaming (see rw.h, rw_spells_apply). */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/core_data.h"
#include "realworld/rw.h"
#include "realworld/rw_internal.h"

#define NOMEM(err) core_err_set(err, CORE_ERR_NOMEM, "out of memory")

/* Days since 1970-01-01 of a civil date (proleptic Gregorian): Hinnant's days_from_civil. */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static int days_in_month(long y, unsigned m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

int rw_parse_date(const char *s, long *days)
{
    while (*s == ' ')
        s++;
    if (strlen(s) < 10 || !isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
        !isdigit((unsigned char)s[2]) || !isdigit((unsigned char)s[3]) || s[4] != '-' ||
        !isdigit((unsigned char)s[5]) || !isdigit((unsigned char)s[6]) || s[7] != '-' ||
        !isdigit((unsigned char)s[8]) || !isdigit((unsigned char)s[9]))
        return -1;
    for (const char *q = s + 10; *q; q++)
        if (*q != ' ')
            return -1;
    long y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    unsigned m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0')), d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
    if (m < 1 || m > 12 || d < 1 || (int)d > days_in_month(y, m))
        return -1;
    *days = days_from_civil(y, m, d);
    return 0;
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
    char *buf;
    size_t cap;
    long line;
} line_reader;

/* Next physical line without its end; NULL at end of file. */
static char *next_line(line_reader *r)
{
    ssize_t len = getline(&r->buf, &r->cap, r->f);
    if (len < 0)
        return NULL;
    r->line++;
    while (len > 0 && (r->buf[len - 1] == '\n' || r->buf[len - 1] == '\r'))
        r->buf[--len] = 0;
    return r->buf;
}

/* Split a line in place into at most max fields (quotes: "a,b" and "" escapes); returns the count or -1
 * for an unterminated quote. */
static int split_fields(char *s, char delim, char **fields, int max)
{
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
            if (strcmp(f, *m) == 0)
                return 1;
    } else if (strcmp(f, "NA") == 0 || strcmp(f, ".") == 0)
        return 1;
    return 0;
}

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
    spell *sp = NULL;
    size_t nsp = 0, capsp = 0;
    double *wd = NULL;
    event *ev = NULL;
    size_t capev = 0;
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
    int col[4];
    for (int c = 0; c < 4; c++) {
        col[c] = -1;
        for (int k = 0; k < nh && col[c] < 0; k++)
            if (strcmp(fields[k], want[c]) == 0)
                col[c] = k;
        for (int k = 0; k < nh && col[c] < 0; k++)
            if (strcasecmp(fields[k], want[c]) == 0)
                col[c] = k;
        if (col[c] < 0) {
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
    }
    const char *names[4];
    for (int c = 0; c < 4; c++)
        names[c] = want[c];
    if (rw_strmap_init(&units, p->U) != 0) {
        st = NOMEM(err);
        goto done;
    }
    for (size_t u = 0; u < p->U; u++)
        if (rw_strmap_add(&units, p->unit_key[u], NULL) < 0) {
            st = NOMEM(err);
            goto done;
        }
    long first_day = days_from_civil(p->period0, 1, 1);
    long last_day = days_from_civil(p->period0 + (long)p->T - 1, 12, 31);
    long today_day = (long)(today / 86400);
    char *line;
    while ((line = next_line(&r))) {
        if (!*line)
            continue;
        int nf = split_fields(line, delim, fields, 64);
        if (nf != nh) {
            st = core_err_set(err, CORE_ERR_DATA, "%s:%ld: %d fields where the header has %d%s", display, r.line, nf,
                              nh, nf < 0 ? " (unterminated quote)" : "");
            goto done;
        }
        info->rows++;
        info->spells++;
        long u = rw_strmap_get(&units, fields[col[0]]);
        if (u < 0) {
            info->other_units++;
            continue;
        }
        long a, b;
        double share;
        if (is_missing(fields[col[1]], &ro) || rw_parse_date(fields[col[1]], &a) != 0) {
            st = core_err_set(err, CORE_ERR_DATA, "%s:%ld:%d '%s': '%s' is not a date; write dates as YYYY-MM-DD",
                              display, r.line, col[1] + 1, names[1], fields[col[1]]);
            goto done;
        }
        if (is_missing(fields[col[2]], &ro)) {
            b = today_day < last_day ? today_day : last_day;
            info->open_ended++;
        } else if (rw_parse_date(fields[col[2]], &b) != 0) {
            st = core_err_set(err, CORE_ERR_DATA,
                              "%s:%ld:%d '%s': '%s' is not a date; write dates as YYYY-MM-DD (empty = ongoing)",
                              display, r.line, col[2] + 1, names[2], fields[col[2]]);
            goto done;
        }
        if (is_missing(fields[col[3]], &ro) || !core_parse_double(fields[col[3]], dec, &share) || !(share > 0) ||
            share > 100) {
            st = core_err_set(err, CORE_ERR_DATA,
                              "%s:%ld:%d '%s': '%s' is not a position share; give the percent of full time, above 0 "
                              "and at most 100",
                              display, r.line, col[3] + 1, names[3], fields[col[3]]);
            goto done;
        }
        if (a > today_day || b > today_day) {
            int c = a > today_day ? col[1] : col[2];
            st = core_err_set(err, CORE_ERR_DATA,
                              "%s:%ld:%d '%s': %s is in the future (after the run date); registry spells cannot "
                              "start or end after today (an ongoing spell has an empty end date)",
                              display, r.line, c + 1, names[c == col[1] ? 1 : 2], fields[c]);
            goto done;
        }
        if (b < a) {
            st = core_err_set(err, CORE_ERR_DATA, "%s:%ld:%d '%s': the spell ends (%s) before it starts (%s)", display,
                              r.line, col[2] + 1, names[2], fields[col[2]], fields[col[1]]);
            goto done;
        }
        if (b < first_day || a > last_day) {
            info->outside_years++;
            continue;
        }
        if (a < first_day)
            a = first_day;
        if (b > last_day)
            b = last_day;
        if (nsp == capsp) {
            size_t nc = capsp ? 2 * capsp : 1024;
            spell *ns = realloc(sp, nc * sizeof *ns);
            if (!ns) {
                st = NOMEM(err);
                goto done;
            }
            sp = ns;
            capsp = nc;
        }
        sp[nsp++] = (spell){(uint32_t)u, (int32_t)a, (int32_t)b, (float)share};
        info->used++;
    }
    if (ferror(r.f)) {
        st = core_err_set(err, CORE_ERR_IO, "%s: read error", display);
        goto done;
    }
    qsort(sp, nsp, sizeof *sp, spell_cmp);
    wd = calloc(p->U * p->T, sizeof *wd);
    if (!wd) {
        st = NOMEM(err);
        goto done;
    }
    long *ystart = malloc((p->T + 1) * sizeof *ystart);
    if (!ystart) {
        st = NOMEM(err);
        goto done;
    }
    for (size_t q = 0; q <= p->T; q++)
        ystart[q] = days_from_civil(p->period0 + (long)q, 1, 1);
    for (size_t i = 0; i < nsp;) {
        size_t j = i;
        while (j < nsp && sp[j].unit == sp[i].unit)
            j++;
        size_t ne = 2 * (j - i);
        if (ne > capev) {
            event *ne2 = realloc(ev, ne * sizeof *ne2);
            if (!ne2) {
                free(ystart);
                st = NOMEM(err);
                goto done;
            }
            ev = ne2;
            capev = ne;
        }
        for (size_t k = i; k < j; k++) {
            ev[2 * (k - i)] = (event){sp[k].start, sp[k].share};
            ev[2 * (k - i) + 1] = (event){(long)sp[k].end + 1, -(double)sp[k].share};
        }
        qsort(ev, ne, sizeof *ev, event_cmp);
        double level = 0;
        double *row = wd + (size_t)sp[i].unit * p->T;
        for (size_t e = 0; e < ne; e++) {
            level += ev[e].delta;
            if (fabs(level) < 1e-6)
                level = 0;
            long from = ev[e].day, to = e + 1 < ne ? ev[e + 1].day - 1 : from - 1;
            if (level <= 0 || to < from)
                continue;
            double fte = level >= 100 ? 1.0 : level / 100.0; /* overlaps merged, capped at full time */
            /* split [from, to] by calendar year */
            size_t q = (size_t)(from >= ystart[0] ? 0 : 0);
            while (q + 1 <= p->T && ystart[q + 1] <= from)
                q++;
            for (long a = from; a <= to && q < p->T; q++) {
                long b = to < ystart[q + 1] - 1 ? to : ystart[q + 1] - 1;
                row[q] += fte * (double)rw_weekdays(a, b);
                a = b + 1;
            }
        }
        i = j;
    }
    free(ystart);
    for (size_t k = 0; k < p->n; k++)
        p->y[k] = wd[(size_t)p->unit[k] * p->T + (size_t)p->period[k]];
done:
    if (r.f)
        fclose(r.f);
    free(r.buf);
    rw_strmap_free(&units);
    free(sp);
    free(wd);
    free(ev);
    core_config_list_free(missing);
    return st;
}
