/* The workbook's font measured (rpt_font.h): text widths from the generated advance-width table, and lines of
 * wrapped text as LibreOffice and Excel wrap a cell. Geometry measured on LibreOffice's PDF of test sheets: a
 * column of width w (the file's unit) prints 5.547 pt per unit, text wraps 2 pt short of its edge, and wrapped
 * lines are set one font size apart (no line gap) below a top padding. */
#include "reports/rpt_font.h"

#include <math.h>
#include <string.h>

#define PT_PER_UNIT 5.547   /* LibreOffice: printed points per unit of a stored column width */
#define LINE_FACTOR 1.1     /* line pitch over font size: 1.0 in LibreOffice, a little more left for Excel */
#define ROW_PAD_PT 3.5      /* a row's padding above and below its lines */

/* Decode one UTF-8 character; its code point, and its length in *len (1 for a bad byte). */
static unsigned utf8_next(const unsigned char *p, size_t left, size_t *len)
{
    unsigned c = p[0];
    size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (k > left)
        k = 1;
    if (k == 1) {
        *len = 1;
        return c < 0x80 ? c : 0xFFFD;
    }
    unsigned cp = c & (0x7F >> k);
    for (size_t i = 1; i < k; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *len = 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    *len = k;
    return cp;
}

static unsigned adv(unsigned cp, int style)
{
    if (style == RPT_FONT_MONO)
        return cp == 0x200B ? 0 : 1229; /* Courier New: 1229/2048 em a character */
    if (cp >= 0x20 && cp < 0x7F)
        return rpt_font_adv[style][cp - 0x20];
    for (int i = 0x7F - 0x20; i < RPT_FONT_NCHARS; i++) /* Latin-1 and the signs: a short search */
        if (rpt_font_chars[i] == cp)
            return rpt_font_adv[style][i];
    return rpt_font_adv[style]['0' - 0x20]; /* anything else: a digit's width */
}

double rpt_text_pt(const char *s, size_t n, int style, double size)
{
    const unsigned char *p = (const unsigned char *)s;
    double u = 0;
    if (style < 0 || style > RPT_FONT_MONO)
        style = 0;
    for (size_t i = 0; i < n && p[i];) {
        size_t len;
        unsigned cp = utf8_next(p + i, n - i, &len);
        u += adv(cp, style);
        i += len;
    }
    return u * size / RPT_FONT_EM;
}

/* 1 if a line may break after the character at p (a space, a hyphen, an en or em dash). */
static size_t break_after(const unsigned char *p)
{
    if (*p == ' ' || *p == '-')
        return 1;
    if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x93 || p[2] == 0x94))
        return 3;
    return 0;
}

/* Lines of one paragraph (no '\n') of n bytes. */
static int para_lines(const unsigned char *s, size_t n, double avail, int style, double size)
{
    int lines = 1;
    double x = 0;      /* width of the line so far, its trailing spaces included */
    double trail = 0;  /* of which trailing spaces */
    size_t i = 0;
    while (i < n) {
        /* the next piece: up to and including a break opportunity */
        size_t j = i, k = 0;
        while (j < n && !(k = break_after(s + j)))
            j++;
        size_t end = j < n ? j + k : n;
        double sp = 0;
        size_t word_end = end;
        if (j < n && s[j] == ' ') { /* trailing spaces hang past the edge */
            while (end < n && s[end] == ' ')
                end++;
            word_end = j;
            sp = rpt_text_pt((const char *)s + j, end - j, style, size);
        }
        double w = rpt_text_pt((const char *)s + i, word_end - i, style, size);
        if (x - trail > 0 && x + w > avail) { /* the piece starts a new line */
            lines++;
            x = 0;
        }
        if (x == 0) {
            while (w > avail) { /* a word wider than the cell: broken between letters */
                size_t m = i, len;
                double acc = 0;
                while (m < word_end) {
                    unsigned cp = utf8_next(s + m, word_end - m, &len);
                    double a = adv(cp, style) * size / RPT_FONT_EM;
                    if (acc + a > avail && m > i)
                        break;
                    acc += a;
                    m += len;
                }
                if (m >= word_end)
                    break;
                lines++;
                i = m;
                w = rpt_text_pt((const char *)s + i, word_end - i, style, size);
            }
        }
        x += w + sp;
        trail = sp;
        i = end;
    }
    return lines;
}

int rpt_text_lines(const char *s, double avail, int style, double size)
{
    if (!s)
        return 1;
    int lines = 0;
    for (;;) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        lines += para_lines((const unsigned char *)s, n, avail, style, size);
        if (!nl)
            break;
        s = nl + 1;
    }
    return lines;
}

double rpt_col_print_pt(double width)
{
    /* libxlsxwriter stores (round(7 w) + 5) / 7 units for a width w of 1 or more (w 12/7 of a unit below 1) */
    double units = width <= 0 ? 0 : width < 1 ? floor(width * 12 + 0.5) / 12 : (floor(width * 7 + 0.5) + 5) / 7;
    return PT_PER_UNIT * units;
}

double rpt_col_text_pt(double width)
{
    double w = rpt_col_print_pt(width) - RPT_CELL_PAD_PT;
    return w > 1 ? w : 1;
}

double rpt_lines_pt(int lines, double size)
{
    if (lines < 1)
        lines = 1;
    double h = ceil(4 * (lines * LINE_FACTOR * size + ROW_PAD_PT)) / 4;
    return h < 15.0 || (lines == 1 && size <= 11) ? 15.0 : h;
}
