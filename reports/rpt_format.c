/* Text formatting of numbers for sheets: estimates with intervals, p-values, small-cell counts. */
#include "reports/rpt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MINUS "\xe2\x88\x92" /* U+2212: a real minus sign, the width of a plus, not a hyphen */
#define INFINITY_SIGN "\xe2\x88\x9e"

/* Copy src into buf, cutting at a UTF-8 character boundary when it does not fit. */
static const char *put(char *buf, size_t size, const char *src)
{
    if (!buf || size == 0)
        return buf;
    size_t len = strlen(src);
    if (len >= size) {
        len = size - 1;
        while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
            len--; /* do not split a multi-byte character */
    }
    memmove(buf, src, len);
    buf[len] = '\0';
    return buf;
}

/* x with `digits` decimals into out (at least 48 bytes plus the integer digits: use 400). */
static void num_text(double x, int digits, char *out, size_t size)
{
    if (isnan(x)) {
        snprintf(out, size, "n/a");
        return;
    }
    if (isinf(x)) {
        snprintf(out, size, "%s", x > 0 ? INFINITY_SIGN : MINUS INFINITY_SIGN);
        return;
    }
    if (digits < 0)
        digits = 0;
    if (digits > 15)
        digits = 15;
    char mag[400];
    snprintf(mag, sizeof mag, "%.*f", digits, fabs(x));
    /* A value that rounds to zero gets no sign: "−0.0" would suggest a direction there is not. */
    int nonzero = strpbrk(mag, "123456789") != NULL;
    snprintf(out, size, "%s%s", (x < 0 && nonzero) ? MINUS : "", mag);
}

const char *rpt_fmt_num(double x, int digits, char *buf, size_t size)
{
    char t[420];
    num_text(x, digits, t, sizeof t);
    return put(buf, size, t);
}

const char *rpt_fmt_ci(double est, double lo, double hi, int digits, char *buf, size_t size)
{
    char e[420], l[420], h[420], t[1300];
    if (isnan(est))
        return put(buf, size, "n/a");
    num_text(est, digits, e, sizeof e);
    if (isnan(lo) || isnan(hi)) {
        snprintf(t, sizeof t, "%s (CI n/a)", e);
    } else {
        num_text(lo, digits, l, sizeof l);
        num_text(hi, digits, h, sizeof h);
        snprintf(t, sizeof t, "%s (%s to %s)", e, l, h);
    }
    return put(buf, size, t);
}

const char *rpt_fmt_p(double p, char *buf, size_t size)
{
    char t[420];
    if (isnan(p))
        return put(buf, size, "n/a");
    if (p < 0.001)
        return put(buf, size, "<0.001");
    num_text(p, 3, t, sizeof t);
    return put(buf, size, t);
}

const char *rpt_fmt_count(double n, int small_cell, char *buf, size_t size)
{
    char t[420];
    if (isnan(n))
        return put(buf, size, "n/a");
    if (small_cell > 0 && n < small_cell) {
        snprintf(t, sizeof t, "<%d", small_cell);
        return put(buf, size, t);
    }
    num_text(n, 0, t, sizeof t);
    return put(buf, size, t);
}

int rpt_sheet_name_valid(const char *name)
{
    if (!name || !*name)
        return 0;
    size_t chars = 0, len = strlen(name);
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (strchr("[]:*?/\\", *p))
            return 0;
        if ((*p & 0xC0) != 0x80)
            chars++; /* count characters, not bytes: Excel's limit is 31 characters */
    }
    if (chars > 31)
        return 0;
    return name[0] != '\'' && name[len - 1] != '\'';
}
