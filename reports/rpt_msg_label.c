/* Result labels in Norwegian (reports/rpt_msg.h): a label is the text of a module's printf format with its
 * arguments filled in; the label table (reports/rpt_msg_label_nb.c) pairs each English format with a Norwegian
 * one taking the same arguments. rpt_msg_label_nb reads a label back as an instance of an English format (the
 * arguments' texts parsed out of it) and writes the Norwegian format with those texts. */
#include "reports/rpt_msg.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CAPS 32 /* conversions of one format */
#define MAX_DEPTH 6 /* a %s argument that is itself a label, inside a label, ... */
#define KEY_LEN 3   /* bytes of a format's literal prefix (or suffix) its bucket is keyed by */
#define N_BUCKETS 1024u

/* ---------- a format's conversions ---------- */

typedef struct spec {
    char conv;  /* d i u x X f F e E g G s c %, or 0: no conversion (a literal '%') */
    int prec;   /* the precision, -1 when none */
    int pos;    /* the argument's number ("%2$s"), 0 when not numbered */
    size_t len; /* bytes of the conversion in the format */
} spec;

/* The conversion that starts at f ('%'); conv 0 when it is none (a '%' of the text, "95% CI"). */
static spec parse_spec(const char *f)
{
    spec s = {0, -1, 0, 1};
    const char *q = f + 1;
    if (*q == '%') {
        s.conv = '%';
        s.len = 2;
        return s;
    }
    int pos = 0;
    while (*q >= '0' && *q <= '9')
        pos = 10 * pos + (*q++ - '0');
    if (*q == '$' && pos > 0) {
        s.pos = pos;
        q++;
    } else {
        q = f + 1;
    }
    while (*q && strchr("-+ #0'", *q))
        q++;
    while (*q >= '0' && *q <= '9')
        q++;
    if (*q == '.') {
        q++;
        s.prec = 0;
        while (*q >= '0' && *q <= '9')
            s.prec = 10 * s.prec + (*q++ - '0');
    }
    while (*q && strchr("hlzjtL", *q))
        q++;
    if (*q && strchr("diuxXfFeEgGsc", *q)) {
        s.conv = *q;
        s.len = (size_t)(q + 1 - f);
    }
    return s;
}

/* ---------- numbers as printf writes them ---------- */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Bytes of "inf", "-inf", "nan" (any case, as %f and %g write them) at t, or 0. */
static size_t special_len(const char *t)
{
    size_t sign = *t == '-';
    const char *p = t + sign;
    if ((p[0] | 32) == 'i' && (p[1] | 32) == 'n' && (p[2] | 32) == 'f')
        return sign + 3;
    if ((p[0] | 32) == 'n' && (p[1] | 32) == 'a' && (p[2] | 32) == 'n')
        return sign + 3;
    return 0;
}

/* The lengths a number written by conversion s may have at t, longest first, into len[]; their count. */
static int number_lengths(const char *t, spec s, size_t len[8])
{
    size_t sp = special_len(t);
    if (sp && s.conv != 'd' && s.conv != 'i' && s.conv != 'u' && s.conv != 'x' && s.conv != 'X') {
        len[0] = sp;
        return 1;
    }
    const char *p = t;
    if (*p == '-' && s.conv != 'u' && s.conv != 'x' && s.conv != 'X')
        p++;
    size_t n = 0;
    if (s.conv == 'x' || s.conv == 'X') {
        while (is_digit(p[n]) || ((p[n] | 32) >= 'a' && (p[n] | 32) <= 'f'))
            n++;
        if (!n)
            return 0;
        len[0] = (size_t)(p - t) + n;
        return 1;
    }
    while (is_digit(p[n]))
        n++;
    if (s.conv == 'd' || s.conv == 'i' || s.conv == 'u') {
        if (!n)
            return 0;
        len[0] = (size_t)(p - t) + n; /* "12" could be "1" followed by "2": a format never has that */
        return 1;
    }
    if (s.conv == 'f' || s.conv == 'F') {
        int prec = s.prec < 0 ? 6 : s.prec;
        if (!n)
            return 0;
        if (prec == 0) {
            len[0] = (size_t)(p - t) + n;
            return 1;
        }
        if (p[n] != '.')
            return 0;
        for (int k = 1; k <= prec; k++)
            if (!is_digit(p[n + (size_t)k]))
                return 0;
        len[0] = (size_t)(p - t) + n + 1 + (size_t)prec;
        return 1;
    }
    /* %g, %e: digits, an optional fraction, an optional exponent; a shorter reading too (the '.' or 'e' may be
     * the text's own: "%g." at a sentence's end) */
    int k = 0;
    if (!n && !(p[0] == '.' && is_digit(p[1])))
        return 0;
    size_t m = n;
    size_t cand[3];
    int nc = 0;
    if (n)
        cand[nc++] = m;
    if (p[m] == '.' && is_digit(p[m + 1])) {
        m++;
        while (is_digit(p[m]))
            m++;
        cand[nc++] = m;
    }
    if ((p[m] == 'e' || p[m] == 'E') && (p[m + 1] == '+' || p[m + 1] == '-') && is_digit(p[m + 2])) {
        size_t e = m + 2;
        while (is_digit(p[e]))
            e++;
        cand[nc++] = e;
    }
    for (int i = nc - 1; i >= 0; i--)
        len[k++] = (size_t)(p - t) + cand[i];
    return k;
}

/* ---------- matching a text against an English format ---------- */

typedef struct cap {
    const char *at;
    size_t len;
    char conv;
} cap;

static int known(const char *t, size_t len, int whole);

/* 1 if the len bytes at t hold a clause separator ("; " or " | ") after any separator in front. */
static int clause_sep_in(const char *t, size_t len)
{
    size_t from = len > 2 && (t[0] == ';' || t[0] == ':' || t[0] == ',') && t[1] == ' ' ? 2 : 0;
    for (size_t i = from; i + 1 < len; i++)
        if ((t[i] == ';' && t[i + 1] == ' ') || (t[i] == ' ' && t[i + 1] == '|' && i + 2 < len && t[i + 2] == ' '))
            return 1;
    return 0;
}

/* 1 if text t is format f with arguments; the arguments' texts in caps (in the format's order), *n their count.
 * A %s argument is tried first at the ends where it is a text of the tables (a message, a label or a piece: "about "
 * in "%s%s", a piece with its own "; "), the longest first, then at every end, the shortest first. */
static int in_known; /* known() is not asked again inside its own match */
static long budget;  /* steps left for the match under way: a format that would take longer is no match */

static int match(const char *f0, const char *f, const char *t, cap *caps, int *n)
{
    if (--budget < 0)
        return 0;
    for (;;) {
        if (*f != '%') {
            if (!*f)
                return !*t;
            if (*f != *t)
                return 0;
            f++;
            t++;
            continue;
        }
        spec s = parse_spec(f);
        if (s.conv == '%' || s.conv == 0) {
            if (*t != '%')
                return 0;
            f += s.conv ? 2 : 1;
            t++;
            continue;
        }
        if (*n >= MAX_CAPS)
            return 0;
        const char *rest = f + s.len;
        int i = (*n)++;
        if (s.conv == 's' || s.conv == 'c') {
            size_t tl = strlen(t);
            size_t max = s.conv == 'c' ? (tl ? 1 : 0) : tl;
            size_t min = s.conv == 'c' ? max : 0;
            int last_s = rest[0] == '%' && rest[1] == 's' && !rest[2];
            for (int pass = s.conv == 's' ? 0 : 2; pass < 3; pass++)
                for (size_t k = min; k <= max; k++) {
                    size_t l = pass < 2 ? max - (k - min) : k; /* the longest text of the tables first */
                    /* a literal after the argument must come next: skip the places it does not */
                    if (*rest && *rest != '%' && t[l] != *rest)
                        continue;
                    if (pass == 0 && (l == 0 || !known(t, l, (f == f0 || !*rest) && clause_sep_in(t, l))))
                        continue; /* an argument that opens or closes the format and holds clauses is one text
                                   * of the tables, not clauses joined by one ("%s; used: %s" would take the
                                   * label's head): those are the label's own, translated one by one */
                    if (pass == 1 && (l == 0 || !last_s || !known(t + l, strlen(t + l), 0)))
                        continue; /* "%s%s" closing the format: the second a text of the tables */
                    if (pass == 2 && (f == f0 || !*rest) && clause_sep_in(t, l))
                        continue;
                    caps[i] = (cap){t, l, s.conv};
                    int save = *n;
                    if (match(f0, rest, t + l, caps, n))
                        return 1;
                    *n = save;
                }
        } else {
            size_t lens[8];
            int k = number_lengths(t, s, lens);
            for (int j = 0; j < k; j++) {
                caps[i] = (cap){t, lens[j], s.conv};
                int save = *n;
                if (match(f0, rest, t + lens[j], caps, n))
                    return 1;
                *n = save;
            }
        }
        (*n)--;
        return 0;
    }
}

/* ---------- the index: formats by the first bytes of their literal prefix, or the last of their suffix ---------- */

typedef struct entry {
    const rpt_msg *m;
    struct entry *next;
} entry;

static entry *by_prefix[N_BUCKETS], *by_suffix[N_BUCKETS], *others;
static entry *pool;
static int built, build_failed;
static size_t n_indexed; /* formats in the index */

static unsigned hash3(const char *s)
{
    unsigned h = 2166136261u;
    for (int i = 0; i < KEY_LEN; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h % N_BUCKETS;
}

/* Bytes of f's literal prefix (up to its first '%'), and of its literal suffix (after its last conversion). */
static size_t prefix_len(const char *f)
{
    const char *p = strchr(f, '%');
    return p ? (size_t)(p - f) : strlen(f);
}

static size_t suffix_len(const char *f)
{
    size_t end = strlen(f), from = 0;
    for (const char *p = f; (p = strchr(p, '%')) != NULL;) {
        spec s = parse_spec(p);
        p += s.conv == 0 ? 1 : s.len;
        from = (size_t)(p - f);
    }
    return end - from;
}

/* 1 if a message of the message table is also a label format: it has a conversion and at least 12 letters of its
 * own (a sentence the module writes and a sheet also builds, "WARNING, STAGGERED ADOPTION: ..."). */
static int msg_is_format(const rpt_msg *m)
{
    int conv = 0, letters = 0;
    if (m->flags & RPT_MSG_SHEET)
        return 0;
    for (const char *p = m->en; *p; p++) {
        if (*p == '%') {
            spec s = parse_spec(p);
            conv |= s.conv && s.conv != '%';
            p += (s.conv ? s.len : 1) - 1;
        } else {
            letters += (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
        }
    }
    return conv && letters >= 12;
}

static void free_index(void)
{
    free(pool);
    pool = NULL;
}

static void add_entry(entry *e, const rpt_msg *m)
{
    e->m = m;
    size_t pl = prefix_len(m->en), sl = suffix_len(m->en);
    entry **head = pl >= KEY_LEN   ? &by_prefix[hash3(m->en)]
                   : sl >= KEY_LEN ? &by_suffix[hash3(m->en + strlen(m->en) - KEY_LEN)]
                                   : &others;
    e->next = *head;
    *head = e;
}

/* The index: the label table's formats, and the message table's formats, tried after them. */
static void build(void)
{
    built = 1;
    pool = calloc(rpt_n_label_msgs + rpt_n_msgs + 1, sizeof *pool);
    if (!pool) {
        build_failed = 1;
        return;
    }
    atexit(free_index);
    size_t k = 0;
    for (size_t i = 0; i < rpt_n_msgs; i++)
        if (msg_is_format(&rpt_msgs[i]))
            add_entry(&pool[k++], &rpt_msgs[i]);
    for (size_t i = 0; i < rpt_n_label_msgs; i++) /* put in front of the lists: tried first */
        add_entry(&pool[k++], &rpt_label_msgs[i]);
    n_indexed = k;
}

/* 1 if every literal part of format f (between its conversions) is in text t, in order: most formats of a list
 * are ruled out by this alone. */
static int literals_in(const char *f, const char *t)
{
    char part[256];
    const char *at = t;
    for (const char *p = f;;) {
        size_t k = 0;
        while (*p && *p != '%' && k + 1 < sizeof part)
            part[k++] = *p++;
        part[k] = '\0';
        if (k) {
            const char *q = strstr(at, part);
            if (!q)
                return 0;
            at = q + k;
        }
        if (!*p)
            return 1;
        if (*p != '%') /* a part longer than the buffer: the rest is left to the match */
            return 1;
        spec s = parse_spec(p);
        p += s.conv ? s.len : 1;
    }
}

static const rpt_msg *try_list(const entry *e, const char *text, int part, cap *caps, int *n)
{
    long saved = budget; /* a look-up inside a match (known) has its own budget; the match's continues after */
    const rpt_msg *found = NULL;
    for (; e && !found; e = e->next) {
        if ((e->m->flags & RPT_MSG_PART) && !part)
            continue;
        if (!literals_in(e->m->en, text))
            continue;
        *n = 0;
        budget = in_known ? 400 : 20000;
        if (match(e->m->en, e->m->en, text, caps, n))
            found = e->m;
    }
    budget = saved;
    return found;
}

/* The label format text is an instance of (a piece's format too when part), its arguments' texts in caps; NULL
 * when none. */
static const rpt_msg *find_format(const char *text, int part, cap *caps, int *n)
{
    if (!built)
        build();
    size_t tl = strlen(text);
    const rpt_msg *m = NULL;
    if (build_failed) { /* no memory: walk the table */
        for (size_t i = 0; i < rpt_n_label_msgs && !m; i++) {
            *n = 0;
            if ((part || !(rpt_label_msgs[i].flags & RPT_MSG_PART)) &&
                match(rpt_label_msgs[i].en, rpt_label_msgs[i].en, text, caps, n))
                m = &rpt_label_msgs[i];
        }
        return m;
    }
    if (tl >= KEY_LEN)
        m = try_list(by_prefix[hash3(text)], text, part, caps, n);
    if (!m && tl >= KEY_LEN)
        m = try_list(by_suffix[hash3(text + tl - KEY_LEN)], text, part, caps, n);
    if (!m)
        m = try_list(others, text, part, caps, n);
    return m;
}

/* 1 if the len bytes at t are a message or an instance of a label format or piece of the tables (whole: of a format
 * that opens with its own words, not with an argument). */
static int known(const char *t, size_t len, int whole)
{
    char b[512];
    cap caps[MAX_CAPS];
    int n = 0;
    if (in_known || len >= sizeof b)
        return 0;
    for (;;) {
        memcpy(b, t, len);
        b[len] = '\0';
        if (rpt_msg_find(b))
            return 1;
        in_known = 1;
        const rpt_msg *m = find_format(b, 1, caps, &n);
        int r = m && !(whole && m->en[0] == '%');
        in_known = 0;
        if (r)
            return 1;
        if (!(len > 2 && (t[0] == ';' || t[0] == ':' || t[0] == ',') && t[1] == ' '))
            return 0;
        t += 2, len -= 2; /* and without the separator in front */
    }
}

const rpt_msg *rpt_msg_label_match(const char *text)
{
    cap caps[MAX_CAPS];
    int n = 0;
    return text && *text ? find_format(text, 1, caps, &n) : NULL;
}

/* ---------- writing the Norwegian ---------- */

typedef struct out {
    char *b;
    size_t size, o;
    int cut;
} out;

static void put(out *w, const char *s, size_t n)
{
    if (w->o + n + 1 > w->size) {
        n = w->size > w->o + 1 ? w->size - w->o - 1 : 0;
        w->cut = 1;
    }
    memcpy(w->b + w->o, s, n);
    w->o += n;
    w->b[w->o] = '\0';
}

static int tr_text(const char *text, out *w, int depth, int part);

/* 1 if m has a Norwegian text (a piece's may be empty: "'s" in "the cluster's"). */
static int has_nb(const rpt_msg *m)
{
    return m->nb && (*m->nb || (m->flags & RPT_MSG_PART));
}

/* An argument's text in Norwegian: a number with a decimal comma; a text that is a message, a label or a piece of
 * one in the table translated; any other text (a data value) as it is but for its numbers (decimal comma, a no-break
 * space between thousands, a space before a percent sign). */
static void put_arg(out *w, const cap *c, int depth)
{
    char tmp[1024], nb[1200];
    if (c->len >= sizeof tmp) {
        put(w, c->at, c->len);
        return;
    }
    memcpy(tmp, c->at, c->len);
    tmp[c->len] = '\0';
    if (c->conv != 's' && c->conv != 'c') {
        rpt_msg_numbers_nb(tmp, nb, sizeof nb);
        put(w, nb, strlen(nb));
        return;
    }
    if (!*tmp)
        return;
    out a = {nb, sizeof nb, 0, 0};
    nb[0] = '\0';
    if (depth + 1 < MAX_DEPTH && tr_text(tmp, &a, depth + 1, 1)) {
        put(w, nb, a.o);
        return;
    }
    /* a separator the module put after a piece: kept, the piece translated */
    size_t e = c->len;
    while (e > 2 && (tmp[e - 2] == ';' || tmp[e - 2] == ':' || tmp[e - 2] == ',') && tmp[e - 1] == ' ')
        e -= 2;
    if (e < c->len) {
        cap head = {c->at, e, c->conv};
        put_arg(w, &head, depth);
        put(w, tmp + e, c->len - e);
        return;
    }
    /* a separator the module put in front of a piece ("; ", ": ", ", "): kept, the piece translated */
    const char *body = tmp;
    while ((body[0] == ';' || body[0] == ':' || body[0] == ',') && body[1] == ' ')
        body += 2;
    if (body != tmp && *body) {
        cap rest = {c->at + (body - tmp), c->len - (size_t)(body - tmp), c->conv};
        put(w, tmp, (size_t)(body - tmp));
        put_arg(w, &rest, depth);
        return;
    }
    /* a data value (an amount, "69.5% NE", a name): its numbers the Norwegian way, as rpt_trf writes a sentence's */
    char th[1100]; /* "53,102": a thousands separator, a no-break space in Norwegian (then "0.5" takes its comma) */
    size_t o = 0;
    for (const char *p = tmp; *p && o + 3 < sizeof th; p++) {
        if (*p == ',' && p > tmp && is_digit(p[-1]) && is_digit(p[1]) && is_digit(p[2]) && is_digit(p[3]) &&
            !is_digit(p[4])) {
            th[o++] = '\xc2';
            th[o++] = '\xa0';
        } else {
            th[o++] = *p;
        }
    }
    th[o] = '\0';
    rpt_msg_numbers_nb(th, nb, sizeof nb);
    for (const char *p = nb; *p; p++) { /* "81,8%": a space before the percent sign, as the tables write it */
        if (*p == '%' && p > nb && is_digit(p[-1]))
            put(w, " ", 1);
        put(w, p, 1);
    }
}

/* Format m's Norwegian with the arguments caps[0..n). */
static void render(const rpt_msg *m, const cap *caps, int n, out *w, int depth)
{
    int next = 0;
    for (const char *f = m->nb; *f;) {
        const char *p = strchr(f, '%');
        if (!p) {
            put(w, f, strlen(f));
            break;
        }
        put(w, f, (size_t)(p - f));
        spec s = parse_spec(p);
        if (s.conv == '%' || s.conv == 0) {
            put(w, "%", 1);
            f = p + (s.conv ? 2 : 1);
            continue;
        }
        int i = s.pos > 0 ? s.pos - 1 : next++;
        if (i < n)
            put_arg(w, &caps[i], depth);
        f = p + s.len;
    }
}

/* The separator a label's clauses are joined with at s ("; ", or the space of ". " after a sentence's full stop),
 * its length (0: none); the full stop stays with its sentence. */
static size_t sep_at(const char *s, size_t *keep)
{
    *keep = s[0] == '.';
    if (s[0] == ' ' && s[1] == '|' && s[2] == ' ')
        return 3;
    return (s[0] == ';' || s[0] == '.') && s[1] == ' ' ? 2 : 0;
}

/* Text in Norwegian appended to w: a message, an instance of a label format (a piece's too when part), or clauses
 * joined by "; " or ". " whose first is one of those (the longest such first clause; the rest translated the same
 * way, or kept). 1 if translated, else 0 and w unchanged. */
static int tr_text(const char *text, out *w, int depth, int part)
{
    const char *t = rpt_msg_text(RPT_LANG_NB, text);
    if (t != text) {
        put(w, t, strlen(t));
        return 1;
    }
    cap caps[MAX_CAPS];
    int n = 0;
    const rpt_msg *m = find_format(text, part, caps, &n);
    if (m && has_nb(m)) {
        render(m, caps, n, w, depth);
        return 1;
    }
    if (depth + 1 >= MAX_DEPTH)
        return 0;
    size_t tl = strlen(text);
    char *head = malloc(tl + 1);
    if (!head)
        return 0;
    for (size_t i = tl; i-- > 1;) {
        size_t keep, sl = sep_at(text + i, &keep);
        if (!sl || !text[i + sl])
            continue;
        /* the clause before: with its full stop ("... exposure."), or without it when the module wrote the stop
         * apart ("...(%.4g)" then ".") */
        for (size_t k = keep + 1; k-- > 0;) {
            memcpy(head, text, i + k);
            head[i + k] = '\0';
            t = rpt_msg_text(RPT_LANG_NB, head);
            if (t != head)
                put(w, t, strlen(t));
            else if ((m = find_format(head, part, caps, &n)) != NULL && has_nb(m))
                render(m, caps, n, w, depth + 1); /* a clause of an argument may be a piece */
            else
                continue;
            put(w, text + i + k, sl - k);
            if (!tr_text(text + i + sl, w, depth, 1)) /* the clauses after it: the same depth */
                put(w, text + i + sl, strlen(text + i + sl));
            free(head);
            return 1;
        }
    }
    free(head);
    return 0;
}

const char *rpt_msg_label_nb(const char *text, char *buf, size_t size)
{
    if (!text || !*text || !size)
        return NULL;
    out w = {buf, size, 0, 0};
    buf[0] = '\0';
    if (rpt_msg_find(text) || !tr_text(text, &w, 0, 0))
        return NULL; /* a message is the message table's; no format: not a label of the table */
    if (w.cut) {     /* cut inside a UTF-8 character: drop the partial character */
        size_t o = w.o;
        while (o > 0 && ((unsigned char)buf[o - 1] & 0xC0) == 0x80)
            o--;
        if (o > 0 && (unsigned char)buf[o - 1] >= 0xC0)
            o--;
        buf[o] = '\0';
    }
    return buf;
}

/* ---------- texts translated for the workbook's life: the look-up's answer must outlive the call ---------- */

typedef struct done {
    char *en, *nb; /* nb NULL: no format matched */
    struct done *next;
} done;

static done *cache[N_BUCKETS];
static int cleanup_set;

static void free_cache(void)
{
    for (size_t i = 0; i < N_BUCKETS; i++)
        while (cache[i]) {
            done *d = cache[i];
            cache[i] = d->next;
            free(d->en);
            free(d->nb);
            free(d);
        }
}

static unsigned hash_all(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h % N_BUCKETS;
}

const char *rpt_msg_label_text(const char *text)
{
    if (!text || !*text || !strchr(text, ' '))
        return NULL; /* a label has words */
    unsigned h = hash_all(text);
    for (done *d = cache[h]; d; d = d->next)
        if (strcmp(d->en, text) == 0)
            return d->nb;
    char buf[4096];
    const char *nb = rpt_msg_label_nb(text, buf, sizeof buf);
    done *d = malloc(sizeof *d);
    if (!d)
        return NULL;
    d->en = strdup(text);
    d->nb = nb ? strdup(nb) : NULL;
    if (!d->en || (nb && !d->nb)) {
        free(d->en);
        free(d->nb);
        free(d);
        return NULL;
    }
    if (!cleanup_set) {
        cleanup_set = 1;
        atexit(free_cache);
    }
    d->next = cache[h];
    cache[h] = d;
    return d->nb;
}
