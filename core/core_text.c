/* Text rules written once (core_text.h). */
#include "core/core_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

size_t core_utf8_len(const unsigned char *s, size_t n)
{
    if (n == 0)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF)
        need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        lo = c == 0xE0 ? 0xA0 : 0x80; /* E0: no overlong form */
        hi = c == 0xED ? 0x9F : 0xBF; /* ED: no surrogate */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        lo = c == 0xF0 ? 0x90 : 0x80; /* F0: no overlong form */
        hi = c == 0xF4 ? 0x8F : 0xBF; /* F4: nothing above U+10FFFF */
    } else
        return 0;
    if (need >= n || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t k = 2; k <= need; k++)
        if (s[k] < 0x80 || s[k] > 0xBF)
            return 0;
    return need + 1;
}

void core_csv_put_field(FILE *f, const char *s, int apostrophe)
{
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        fputc('"', f);
    if (apostrophe)
        fputc('\'', f);
    for (; *s; s++) {
        if (quote && *s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    if (quote)
        fputc('"', f);
}

const char *core_fmt_whole(double x, char *b, size_t n)
{
    if (!isfinite(x)) {
        snprintf(b, n, "%g", x);
        return b;
    }
    char d[64];
    snprintf(d, sizeof d, "%.0f", fabs(x));
    size_t len = strlen(d), o = 0;
    if (x <= -0.5 && o + 1 < n)
        b[o++] = '-';
    for (size_t i = 0; i < len && o + 2 < n; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            b[o++] = ',';
        b[o++] = d[i];
    }
    b[o] = '\0';
    return b;
}
