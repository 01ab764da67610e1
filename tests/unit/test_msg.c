/* The workbook's message table (reports/rpt_msg.h): every message has a Norwegian text that differs from its
 * English (unless marked the same on purpose), formats take the same arguments in both languages, sheet names are
 * valid and distinct, keys are unique; the look-up and the Norwegian numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/rpt_msg.h"
#include "tests/t_check.h"

/* The conversions of a printf format, one letter each with its length modifier ("zu", "s", "d", ".1f" -> "f"),
 * in argument order (numbered conversions "%2$s" put in their place); "%%" is none, and so is a '%' that starts
 * no conversion ("95% CI", "Weight %": a text that is no format). The report's own templates %T %C %I %M count.
 * Returns the count, or -1 when numbered and unnumbered conversions are mixed or a number is out of range. */
static int conversions(const char *f, char out[32][4])
{
    int n = 0, numbered = -1, max = 0;
    char slot[32][4];
    memset(slot, 0, sizeof slot);
    for (const char *p = f; *p; p++) {
        if (*p != '%')
            continue;
        if (p[1] == '%') {
            p++;
            continue;
        }
        const char *q = p + 1;
        int pos = 0;
        while (*q >= '0' && *q <= '9')
            pos = 10 * pos + (*q++ - '0');
        int is_num = *q == '$' && pos > 0;
        if (is_num)
            q++;
        else
            q = p + 1;
        while (*q && strchr("-+#0", *q))
            q++;
        while (*q && ((*q >= '0' && *q <= '9') || *q == '.' || *q == '*'))
            q++;
        char conv[4] = {0};
        size_t k = 0;
        while (*q && strchr("hlzjtL", *q) && k < 2)
            conv[k++] = *q++;
        if (!*q || !strchr("diouxXeEfgGaAcspTCIM", *q))
            continue; /* a literal '%' */
        conv[k] = *q;
        p = q;
        if (numbered >= 0 && numbered != is_num)
            return -1;
        numbered = is_num;
        if (is_num) {
            if (pos > 32)
                return -1;
            memcpy(slot[pos - 1], conv, 4);
            if (pos > max)
                max = pos;
        } else {
            if (n >= 32)
                return -1;
            memcpy(out[n++], conv, 4);
        }
    }
    if (numbered == 1) {
        for (int i = 0; i < max; i++) {
            if (!slot[i][0])
                return -1;
            memcpy(out[i], slot[i], 4);
        }
        return max;
    }
    return n;
}

static int same_conversions(const char *a, const char *b)
{
    char ca[32][4], cb[32][4];
    int na = conversions(a, ca), nb = conversions(b, cb);
    if (na < 0 || nb < 0 || na != nb)
        return 0;
    for (int i = 0; i < na; i++)
        if (strcmp(ca[i], cb[i]) != 0)
            return 0;
    return 1;
}

/* A text of format f: every conversion replaced by a sample of its type ("%s" by "q", a number by 7, with a %.Nf's
 * decimals), so the matcher can be asked to read it back. 0 if a conversion is one the matcher does not read. */
static int instance(const char *f, char *out, size_t size)
{
    size_t o = 0;
    for (const char *p = f; *p && o + 16 < size;) {
        if (*p != '%') {
            out[o++] = *p++;
            continue;
        }
        if (p[1] == '%') {
            out[o++] = '%';
            p += 2;
            continue;
        }
        const char *q = p + 1;
        while (*q >= '0' && *q <= '9')
            q++;
        if (*q == '$')
            q++;
        else
            q = p + 1;
        while (*q && strchr("-+ #0'", *q))
            q++;
        while (*q >= '0' && *q <= '9')
            q++;
        int prec = -1;
        if (*q == '.') {
            prec = 0;
            for (q++; *q >= '0' && *q <= '9'; q++)
                prec = 10 * prec + (*q - '0');
        }
        while (*q && strchr("hlzjtL", *q))
            q++;
        if (*q == '*')
            return 0;
        if (!*q || !strchr("diuxXfFeEgGsc", *q)) {
            out[o++] = *p++; /* a '%' of the text */
            continue;
        }
        if (*q == 's')
            out[o++] = 'q';
        else if (*q == 'c')
            out[o++] = 'c';
        else if (*q == 'f' || *q == 'F')
            o += (size_t)snprintf(out + o, size - o, "%.*f", prec < 0 ? 6 : prec, 7.0);
        else
            out[o++] = '7';
        p = q + 1;
    }
    out[o] = '\0';
    return 1;
}

/* The label table (reports/rpt_msg_label_nb.c): texts, arguments, keys, and every entry read back by the matcher. */
static void label_table(void)
{
    size_t empty = 0, same = 0, formats = 0, dup = 0, no_words = 0, unread = 0, other = 0;
    for (size_t i = 0; i < rpt_n_label_msgs; i++) {
        const rpt_msg *m = &rpt_label_msgs[i];
        if (!m->en || !*m->en || !m->nb || (!*m->nb && !(m->flags & RPT_MSG_PART))) {
            printf("FAIL: label %zu ('%s') has an empty text\n", i, m->en ? m->en : "(null)");
            empty++;
            continue;
        }
        if (strcmp(m->en, m->nb) == 0 && !(m->flags & RPT_MSG_SAME)) {
            printf("FAIL: label '%s' is not translated\n", m->en);
            same++;
        }
        if (!same_conversions(m->en, m->nb)) {
            printf("FAIL: label '%s': the nb format '%s' takes other arguments\n", m->en, m->nb);
            formats++;
        }
        /* a format of conversions alone would take any text for a label */
        int letters = 0;
        for (const char *p = m->en; *p; p++) {
            if (*p == '%' && p[1] == 's') {
                p++;
                continue;
            }
            letters += (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
        }
        if (letters < 2 && strcmp(m->en, "'s") != 0 && strcmp(m->en, "s'") != 0) {
            printf("FAIL: label '%s' has no words of its own\n", m->en);
            no_words++;
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(rpt_label_msgs[j].en, m->en) == 0) {
                printf("FAIL: label '%s' is in the table twice\n", m->en);
                dup++;
            }
        if (rpt_msg_find(m->en)) {
            printf("FAIL: label '%s' is also a key of the message table (one table answers)\n", m->en);
            dup++;
        }
        char t[4096];
        if (!instance(m->en, t, sizeof t)) {
            printf("FAIL: label '%s' has a conversion the matcher cannot read\n", m->en);
            unread++;
            continue;
        }
        const rpt_msg *r = rpt_msg_label_match(t);
        if (!r) {
            printf("FAIL: label '%s': its instance '%s' is not read back\n", m->en, t);
            unread++;
        } else if (r != m) {
            other++; /* read as another format the text is an instance of too ("%s; %s" pieces) */
        }
    }
    printf("INFO: %zu label formats; %zu instances read as another entry\n", rpt_n_label_msgs, other);
    t_true(rpt_n_label_msgs > 100, "the label table has formats");
    t_int((int)empty, 0, "every label has an English and a Norwegian text");
    t_int((int)same, 0, "every Norwegian label differs from its English, unless marked the same");
    t_int((int)formats, 0, "every Norwegian label format takes the English format's arguments, in order");
    t_int((int)no_words, 0, "every label format has words of its own");
    t_int((int)dup, 0, "every label format once, and in one table");
    t_int((int)unread, 0, "every label format's instance is read back by the matcher");
}

/* The matcher: labels read back and written in Norwegian, data values left alone. */
static void label_matcher(void)
{
    char b[2048];
    t_str(rpt_msg_label_nb("2007: 4 studies; \xcf\x84\xc2\xb2 0.08958, I\xc2\xb2 65.1%", b, sizeof b),
          "2007: 4 studier; \xcf\x84\xc2\xb2 0,08958, I\xc2\xb2 65,1 %",
          "a label: arguments parsed, numbers the Norwegian way");
    t_str(rpt_msg_label_nb(
              "7 studies; \xcf\x84\xc2\xb2 by REML; z test; Smith 2001 excluded: no events in either arm, so "
              "no information on the effect",
              b, sizeof b),
          "7 studier; \xcf\x84\xc2\xb2 ved REML; z-test; Smith 2001 er utelatt: ingen hendelser i noen av gruppene, "
          "s\xc3\xa5 "
          "ingen informasjon om virkningen",
          "a label of pieces: a format, then the clause the module appended");
    t_str(rpt_msg_label_nb("registry: difference in differences of workdays on treated; used: the typed-in figure "
                           "(the run has no [registry])",
                           b, sizeof b),
          "register: forskjell-i-forskjeller for workdays p\xc3\xa5 treated; brukt: det innskrevne tallet "
          "(kj\xc3\xb8ringen har ingen [registry])",
          "text arguments that are pieces of the table translated too, data values kept");
    t_str(rpt_msg_label_nb("registry: difference in differences of workdays on treated; used: Egen tekst", b, sizeof b),
          "register: forskjell-i-forskjeller for workdays p\xc3\xa5 treated; brukt: Egen tekst",
          "a text argument that is a data value kept");
    /* a format of the message table is a label format too (a sentence a module and a sheet share) */
    const char *stag = "WARNING, STAGGERED ADOPTION: treated clusters start in %zu different periods, so this TWFE "
                       "coefficient also compares later- with earlier-treated clusters, whose changing effects enter "
                       "with a negative sign (Goodman-Bacon 2021): biased, even in sign, when effects grow with "
                       "exposure.";
    char inst[1024];
    t_true(rpt_msg_find(stag) && instance(stag, inst, sizeof inst) && rpt_msg_label_nb(inst, b, sizeof b) &&
               strncmp(b, rpt_msg_find(stag)->nb, 20) == 0,
           "a format of the message table read back from a label");
    t_str(rpt_msg_label_nb("registry: difference in differences of 53,102.5 kr on 69.5% NE", b, sizeof b),
          "register: forskjell-i-forskjeller for 53\xc2\xa0"
          "102,5 kr p\xc3\xa5 69,5 % NE",
          "a data value's numbers the Norwegian way: thousands, decimals, percent");
    t_true(rpt_msg_label_nb("28/142 vs 24/141", b, sizeof b) == NULL, "a label of data alone: no format");
    t_true(rpt_msg_label_nb("Oslo", b, sizeof b) == NULL, "a data value: no format");
    t_true(rpt_msg_label_nb("reviews", b, sizeof b) == NULL, "a piece is never a whole text");
    t_true(rpt_msg_label_nb("without this study; I2 19.42%", b, sizeof b) == NULL, "%%.1f reads one decimal, no more");
    t_true(rpt_msg_label_nb("Summary", b, sizeof b) == NULL, "a message is the message table's, not a label");
    const char *a = rpt_msg_label_text("event time since the start");
    t_str(a, "hendelsestid etter start", "rpt_msg_label_text: a label's Norwegian");
    t_true(a && rpt_msg_label_text("event time since the start") == a, "translated once, kept");
    t_true(rpt_msg_label_text("Bod\xc3\xb8") == NULL, "no Norwegian for a data value");
    t_str(rpt_msg_label_nb("event time since the start", b, 10), "hendelses", "cut to fit");
}

int main(void)
{
    size_t empty = 0, same = 0, formats = 0, sheets = 0, dup = 0, bad_sheet = 0;
    for (size_t i = 0; i < rpt_n_msgs; i++) {
        const rpt_msg *m = &rpt_msgs[i];
        if (!m->en || !*m->en || !m->nb || !*m->nb) {
            printf("FAIL: message %zu ('%s') has an empty text\n", i, m->en ? m->en : "(null)");
            empty++;
            continue;
        }
        if (strcmp(m->en, m->nb) == 0 && !(m->flags & RPT_MSG_SAME)) {
            printf("FAIL: message '%s' is not translated (the same in nb, not marked RPT_MSG_SAME)\n", m->en);
            same++;
        }
        if (!same_conversions(m->en, m->nb)) {
            printf("FAIL: message '%s': the nb text '%s' takes other arguments\n", m->en, m->nb);
            formats++;
        }
        if (m->flags & RPT_MSG_SHEET) {
            sheets++;
            if (!rpt_sheet_name_valid(m->en) || !rpt_sheet_name_valid(m->nb)) {
                printf("FAIL: sheet name '%s' / '%s' is not a valid worksheet name\n", m->en, m->nb);
                bad_sheet++;
            }
            for (size_t j = 0; j < i; j++)
                if ((rpt_msgs[j].flags & RPT_MSG_SHEET) && strcmp(rpt_msgs[j].nb, m->nb) == 0) {
                    printf("FAIL: sheets '%s' and '%s' get the same name '%s'\n", rpt_msgs[j].en, m->en, m->nb);
                    bad_sheet++;
                }
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(rpt_msgs[j].en, m->en) == 0) {
                printf("FAIL: message '%s' is in the table twice\n", m->en);
                dup++;
            }
        if (rpt_msg_find(m->en) != m && !dup) {
            printf("FAIL: message '%s' is not found by its key\n", m->en);
            dup++;
        }
    }
    /* coverage: every method's name and description on the Methods sheet has its Norwegian text */
    size_t n_methods = 0, no_nb = 0;
    for (const rpt_method_info *mi; (mi = rpt_method_at(n_methods)) != NULL; n_methods++) {
        const char *t[2] = {mi->name, mi->description};
        for (int k = 0; k < 2; k++)
            if (t[k] && *t[k] && !rpt_msg_find(t[k])) {
                printf("FAIL: method text without a Norwegian entry: '%s'\n", t[k]);
                no_nb++;
            }
    }
    printf("INFO: %zu method descriptions\n", n_methods);
    t_true(n_methods > 100, "the method tables are reached");
    t_int((int)no_nb, 0, "every method's name and description has a Norwegian text (the Methods sheet in nb)");
    printf("INFO: %zu messages, %zu of them sheet names\n", rpt_n_msgs, sheets);
    t_true(rpt_n_msgs > 100, "the table has messages");
    t_int((int)empty, 0, "every message has an English and a Norwegian text");
    t_int((int)same, 0, "every Norwegian text differs from its English, unless marked the same");
    t_int((int)formats, 0, "every Norwegian format takes the English format's arguments, in order");
    t_int((int)bad_sheet, 0, "sheet names valid (1..31 characters, none of []:*?/\\) and distinct in nb");
    t_int((int)dup, 0, "every key once, and found");
    t_true(sheets >= 21, "every sheet has a name in the table");

    /* the format check can fail */
    t_true(!same_conversions("%s of %d", "%d av %s"), "format check: swapped types are caught");
    t_true(!same_conversions("%s of %d", "%s av"), "format check: a missing argument is caught");
    t_true(same_conversions("%s of %d", "%2$d av %1$s"), "format check: numbered conversions in another order");
    t_true(same_conversions("%.1f%% of %zu", "%.1f %% av %zu"), "format check: %% is no argument");
    t_true(same_conversions("Median (95% CI)", "Median (95 % KI)"), "format check: a text's '%%' is no argument");
    t_true(!same_conversions("%T n", "%C n"), "format check: the report's templates count");

    /* look-up */
    const char *sum = "Summary";
    t_true(rpt_msg_text(RPT_LANG_EN, sum) == sum, "English: the key itself");
    t_str(rpt_msg_text(RPT_LANG_NB, sum), "Sammendrag", "Norwegian: the table's text");
    const char *data = "In competitive employment";
    t_true(rpt_msg_text(RPT_LANG_NB, data) == data, "a data value is not a key: written as it is");
    t_true(rpt_msg_text(RPT_LANG_NB, "") != NULL && rpt_msg_find("") == NULL, "the empty text is no key");

    /* numbers in Norwegian text */
    char b[128], b2[128];
    t_str(rpt_msg_numbers_nb("5.6 (2.7 to 8.4)", b, sizeof b), "5,6 (2,7 til 8,4)", "an interval");
    t_str(rpt_msg_numbers_nb("\xe2\x88\x92"
                             "2.1 to \xe2\x88\x92"
                             "0.5",
                             b, sizeof b),
          "\xe2\x88\x92"
          "2,1 til \xe2\x88\x92"
          "0,5",
          "negative bounds");
    t_str(rpt_msg_numbers_nb("p = 0.033; up to 18 months", b, sizeof b), "p = 0,033; up to 18 months",
          "'to' between words stays");
    rpt_msg_numbers_nb(rpt_msg_numbers_nb("10.2 (0.8 to 19.3), NOK 1,000", b, sizeof b), b2, sizeof b2);
    t_str(b2, "10,2 (0,8 til 19,3), NOK 1,000", "idempotent (a sentence made of sentences)");
    t_str(rpt_msg_numbers_nb("ipseval 0.1.0, GSL 2.7.1; 2.5", b, sizeof b), "ipseval 0.1.0, GSL 2.7.1; 2,5",
          "a version keeps its dots");
    t_str(rpt_msg_numbers_nb("12.5 to 13.5", b, 8), "12,5", "cut to fit, never inside a word");

    label_table();
    label_matcher();
    return t_summary("msg");
}
