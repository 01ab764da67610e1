/* The message table's look-up (reports/rpt_msg.h) and the workbook's translating helpers (rpt_internal.h):
 * rpt_tr for a whole text, rpt_trf for a sentence built from a format, rpt_chart_tr for chart text. */
#include "reports/rpt_msg.h"
#include "reports/rpt_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const rpt_msg **sorted; /* the table by English text, built on first use */
static size_t n_sorted;
static int sort_failed;

static int by_en(const void *a, const void *b)
{
    return strcmp((*(const rpt_msg *const *)a)->en, (*(const rpt_msg *const *)b)->en);
}

const rpt_msg *rpt_msg_find(const char *en)
{
    if (!en || !*en)
        return NULL;
    if (!sorted && !sort_failed) {
        const rpt_msg **s = malloc((rpt_n_msgs ? rpt_n_msgs : 1) * sizeof *s);
        if (!s) {
            sort_failed = 1; /* no memory: look up by walking the table */
        } else {
            for (size_t i = 0; i < rpt_n_msgs; i++)
                s[i] = &rpt_msgs[i];
            qsort(s, rpt_n_msgs, sizeof *s, by_en);
            n_sorted = rpt_n_msgs;
            sorted = s;
        }
    }
    if (!sorted) {
        for (size_t i = 0; i < rpt_n_msgs; i++)
            if (strcmp(rpt_msgs[i].en, en) == 0)
                return &rpt_msgs[i];
        return NULL;
    }
    size_t lo = 0, hi = n_sorted;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(sorted[mid]->en, en);
        if (c == 0)
            return sorted[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const char *rpt_msg_text(rpt_lang lang, const char *en)
{
    if (lang == RPT_LANG_EN || !en)
        return en;
    const rpt_msg *m = rpt_msg_find(en);
    return m && m->nb && *m->nb ? m->nb : en;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* 1 if s starts a number's end: a digit or "∞" (U+221E) just before position i of s. */
static int number_before(const char *s, size_t i)
{
    if (i >= 1 && is_digit(s[i - 1]))
        return 1;
    return i >= 3 && memcmp(s + i - 3, "\xe2\x88\x9e", 3) == 0;
}

/* 1 if a number starts at p: a digit, a minus ('-' or U+2212) before a digit, or "∞" / "−∞". */
static int number_at(const char *p)
{
    if (is_digit(p[0]) || memcmp(p, "\xe2\x88\x9e", 3) == 0)
        return 1;
    if (p[0] == '-')
        return is_digit(p[1]);
    if (memcmp(p, "\xe2\x88\x92", 3) == 0)
        return is_digit(p[3]) || memcmp(p + 3, "\xe2\x88\x9e", 3) == 0;
    return 0;
}

/* 1 if the '.' at s[i] is in a version or a dotted number ("0.1.0", "2.7.1"): another '.' between digits
 * right before or after its digit runs. */
static int in_version(const char *s, size_t i)
{
    size_t b = i;
    while (b > 0 && is_digit(s[b - 1]))
        b--;
    if (b >= 2 && s[b - 1] == '.' && is_digit(s[b - 2]))
        return 1;
    size_t e = i + 1;
    while (is_digit(s[e]))
        e++;
    return s[e] == '.' && is_digit(s[e + 1]);
}

const char *rpt_msg_numbers_nb(const char *s, char *out, size_t size)
{
    size_t o = 0;
    if (!size)
        return out;
    for (size_t i = 0; s && s[i] && o + 1 < size;) {
        char c = s[i];
        if (c == '.' && i > 0 && is_digit(s[i - 1]) && is_digit(s[i + 1]) && !in_version(s, i)) {
            out[o++] = ',';
            i++;
        } else if (strncmp(s + i, " to ", 4) == 0 && number_before(s, i) && number_at(s + i + 4)) {
            if (o + 6 >= size)
                break;
            memcpy(out + o, " til ", 5);
            o += 5;
            i += 4;
        } else {
            out[o++] = c;
            i++;
        }
    }
    /* cut inside a UTF-8 character: drop the partial character */
    if (s && o + 1 >= size) {
        while (o > 0 && ((unsigned char)out[o - 1] & 0xC0) == 0x80)
            o--;
        if (o > 0 && (unsigned char)out[o - 1] >= 0xC0)
            o--;
    }
    out[o] = '\0';
    return out;
}

/* ---------- the workbook's helpers (rpt_internal.h) ---------- */

const char *rpt_tr(const rpt_wctx *w, const char *en)
{
    rpt_lang lang = w && w->run ? w->run->language : RPT_LANG_EN;
    const char *t = rpt_msg_text(lang, en);
    if (lang == RPT_LANG_NB && t == en && !w->verbatim) {
        const char *l = rpt_msg_label_text(en); /* a result's label: the label table */
        if (l)
            return l;
    }
    return t;
}

int rpt_trf(const rpt_wctx *w, char *buf, size_t size, const char *fmt, ...)
{
    rpt_lang lang = w && w->run ? w->run->language : RPT_LANG_EN;
    const rpt_msg *m = lang == RPT_LANG_EN ? NULL : rpt_msg_find(fmt);
    const char *f = m && m->nb && *m->nb ? m->nb : fmt;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, f, ap);
    va_end(ap);
    if (lang == RPT_LANG_NB && m && size) {
        /* a sentence of the table: its numbers the Norwegian way */
        char *t = malloc(size);
        if (t) {
            rpt_msg_numbers_nb(buf, t, size);
            memcpy(buf, t, strlen(t) + 1);
            free(t);
            if (n >= 0 && (size_t)n < size)
                n = (int)strlen(buf); /* " til " is longer than " to ": the length written, for a caller appending */
        }
    }
    return n;
}

const char *rpt_chart_tr(const rpt_wctx *w, const char *s)
{
    return rpt_chart_str(rpt_tr(w, s));
}

/* A chart text of the table in the workbook's language, replacing libxlsxwriter's copy (which it frees). */
static void tr_title(const rpt_wctx *w, char **name)
{
    if (!*name)
        return;
    const char *t = rpt_tr(w, *name);
    if (t == *name || strcmp(t, *name) == 0)
        return;
    char *copy = strdup(t);
    if (!copy)
        return; /* no memory: the English text stays */
    free(*name);
    *name = copy;
}

void rpt_tr_charts(rpt_wctx *w)
{
    if (!w->run || w->run->language == RPT_LANG_EN || !w->book->charts)
        return;
    lxw_chart *ch;
    STAILQ_FOREACH(ch, w->book->charts, list_pointers) {
        tr_title(w, &ch->title.name);
        if (ch->x_axis)
            tr_title(w, &ch->x_axis->title.name);
        if (ch->y_axis)
            tr_title(w, &ch->y_axis->title.name);
        lxw_chart_series *se;
        if (ch->series_list)
            STAILQ_FOREACH(se, ch->series_list, list_pointers) {
                tr_title(w, &se->title.name);
                for (uint16_t i = 0; se->data_labels && i < se->data_label_count; i++)
                    tr_title(w, &se->data_labels[i].value);
            }
    }
}
