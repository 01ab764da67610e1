/* The fast path of the delimited-text reader (core/core_csv.c, docs/performance.md) against the general
 * parser on the same files: thousands of generated files (numbers in every form the grammar allows and some
 * it refuses, missing tokens, quoted cells, CRLF, lone CR, blank and ragged lines, BOM, every delimiter, both
 * decimal marks, a numeric-looking missing token, now and then a byte that is not UTF-8 or a NUL) must give the
 * same table bit for bit (types, values, missing flags, levels in the same order, source lines) or the same
 * error, half of them through the two-part path that parses the halves of a large file on two threads, many
 * read in chunks of a few hundred bytes (rows crossing the chunks' ends, rows longer than a chunk). The test
 * also checks that the fast path, and its whole-row path, did take a good share of the files and rows, so the
 * comparison is not vacuous.
 * Run from the repository root: build/tests/test_csv_fast. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* the reader itself, with its public names renamed so that its static parts (read_delimited, fast_file)
 * can be called here */
#define CORE_CSV_TEST 1
#define core_read_delimited csvfast_read_delimited
#define core_level_index_new csvfast_level_index_new
#define core_level_index_add csvfast_level_index_add
#define core_level_index_free csvfast_level_index_free
#include "core/core_csv.c"
#undef core_read_delimited
#undef core_level_index_new
#undef core_level_index_add
#undef core_level_index_free

#include "tests/t_check.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;
static unsigned rnd(unsigned n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state % n);
}

/* Cells: numbers of every shape, texts, missing tokens, quoted forms, spaces. */
static const char *const cells_num[] = {"0", "1", "-3", "42", "2015", "-0", "+5", "007", "123456789012345",
                                        "1234567890123456", "12345678901234567890", "9007199254740993", "3.25",
                                        "-0.5", ".5", "5.", "1e3", "1.5E-7", "2e22", "2e23", "1e-30", "1e400",
                                        "4.9e-324", "0.1", "0.30000000000000004", "1,5", "-2,25", " 7 ", "\t8",
                                        "\"9\"", " \"10\" ", "12345.678901234567", "99999999999999999999999"};
static const char *const cells_txt[] = {"a", "Bodø", "NA", ".", "", "-99", "x y", "\"a,b\"", "\"q\"\"q\"",
                                        "ab\"c", "1e", "e5", "+-1", "0x10", "inf", "nan", "1.2.3", "--1",
                                        "\"Bodø\"", " ", "\"\"", "n/a", "12a", "Tromsø", "€ 5", "Å",
                                        "x\xf0\x9f\x98\x80"};
/* Rare cells that make a file something the general parser refuses (not UTF-8, a NUL: written as one byte). */
static const char *const cells_bad[] = {"B\xf8", "\xc3", "\xc3(", "\xed\xa0\x80", "\xe2\x82", "\xff", "\xc0\xaf",
                                        "\x80", "\xf4\x90\x80\x80", "a\x01\x01"};

static size_t gen(char *buf, size_t cap, char delim, int *cr_mode)
{
    size_t n = 0;
    int cols = 1 + (int)rnd(rnd(3) ? 4 : 9), rows = 1 + (int)rnd(rnd(4) ? 12 : 150);
    int bad = rnd(5) == 0 ? 1 + (int)rnd(20) : 0; /* now and then a cell that is not UTF-8 (or a NUL) */
    int messy = rows < 20 || rnd(2); /* blank and ragged lines, doubled quotes, lone CRs in long files: half of them */
    int numeric_bias = (int)rnd(3); /* 0 mostly numbers, 1 mixed, 2 mostly text */
    int eol = (int)rnd(8);          /* 0-4 LF, 5-6 CRLF, 7 mixed with a lone CR sometimes */
    if (!messy && eol == 7)
        eol = 0;
    *cr_mode = eol;
#define PUTS(s)                                                                                                  \
    do {                                                                                                         \
        size_t l_ = strlen(s);                                                                                   \
        if (n + l_ + 1 >= cap)                                                                                   \
            return n;                                                                                            \
        memcpy(buf + n, s, l_);                                                                                  \
        n += l_;                                                                                                 \
    } while (0)
    if (rnd(10) == 0)
        PUTS("\xEF\xBB\xBF");
    char d[2] = {delim, 0}, name[16];
    for (int j = 0; j < cols; j++) {
        if (j)
            PUTS(d);
        snprintf(name, sizeof name, rnd(12) ? "c%d" : "\"c%d\"", j);
        PUTS(name);
    }
    for (int i = 0; i <= rows; i++) {
        const char *nl = eol <= 4 ? "\n" : eol <= 6 ? "\r\n" : (rnd(4) ? "\n" : rnd(2) ? "\r" : "\r\n");
        PUTS(nl);
        if (i == rows)
            break;
        if (messy && rnd(40) == 0) /* a blank line */
            continue;
        int fields = !messy || rnd(30) ? cols : cols + (rnd(2) ? 1 : -1);
        for (int j = 0; j < fields; j++) {
            if (j)
                PUTS(d);
            int num = numeric_bias == 0 ? rnd(10) < 9 : numeric_bias == 1 ? rnd(2) : rnd(10) < 2;
            const char *cell = num ? cells_num[rnd(sizeof cells_num / sizeof *cells_num)]
                                   : cells_txt[rnd(sizeof cells_txt / sizeof *cells_txt)];
            if (!messy && strstr(cell, "\"\""))
                cell = "\"q\"";
            if (bad && rnd(200) < (unsigned)bad) {
                cell = cells_bad[rnd(sizeof cells_bad / sizeof *cells_bad)];
                if (strcmp(cell, "a\x01\x01") == 0) { /* a NUL byte: placed by hand */
                    PUTS("a");
                    if (n + 2 >= cap)
                        return n;
                    buf[n++] = '\0';
                    cell = "b";
                }
            }
            /* a delimiter inside an unquoted cell would change the field count: only where that is intended */
            if (strchr(cell, delim) && cell[0] != '"' && rnd(4))
                cell = "1";
            PUTS(cell);
        }
    }
    if (rnd(4) == 0 && n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) /* no line end at the end */
        n--;
    if (rnd(30) == 0)
        PUTS("\n\n");
#undef PUTS
    return n;
}

static int same_table(const core_table *a, const core_table *b, char *why, size_t wsize)
{
    if (a->n_rows != b->n_rows || a->n_cols != b->n_cols) {
        snprintf(why, wsize, "size %zux%zu vs %zux%zu", a->n_rows, a->n_cols, b->n_rows, b->n_cols);
        return 0;
    }
    for (size_t i = 0; i < a->n_rows; i++)
        if (core_table_line(a, i) != core_table_line(b, i)) {
            snprintf(why, wsize, "row_src[%zu] %ld vs %ld", i, core_table_line(a, i), core_table_line(b, i));
            return 0;
        }
    for (size_t j = 0; j < a->n_cols; j++) {
        const core_column *x = &a->cols[j], *y = &b->cols[j];
        if (strcmp(x->name, y->name) || x->type != y->type || x->n_levels != y->n_levels) {
            snprintf(why, wsize, "column %zu: name/type/levels differ", j);
            return 0;
        }
        if (x->width != y->width) { /* the storage too: whole numbers as narrow as their values allow */
            snprintf(why, wsize, "column %zu: width %u vs %u", j, x->width, y->width);
            return 0;
        }
        for (size_t l = 0; l < x->n_levels; l++)
            if (strcmp(x->levels[l], y->levels[l])) {
                snprintf(why, wsize, "column %zu level %zu: '%.40s' vs '%.40s'", j, l, x->levels[l], y->levels[l]);
                return 0;
            }
        for (size_t i = 0; i < a->n_rows; i++) {
            if (core_col_missing(x, i) != core_col_missing(y, i)) {
                snprintf(why, wsize, "column %zu row %zu: missing flag", j, i);
                return 0;
            }
            double xv = x->type == CORE_COL_NUMERIC ? core_col_num(x, i) : 0,
                   yv = y->type == CORE_COL_NUMERIC ? core_col_num(y, i) : 0;
            if (x->type == CORE_COL_NUMERIC && memcmp(&xv, &yv, sizeof(double))) {
                snprintf(why, wsize, "column %zu row %zu: %.17g vs %.17g", j, i, xv, yv);
                return 0;
            }
            if (x->type == CORE_COL_CATEGORICAL && core_col_code(x, i) != core_col_code(y, i)) {
                snprintf(why, wsize, "column %zu row %zu: code %d vs %d", j, i, core_col_code(x, i),
                         core_col_code(y, i));
                return 0;
            }
        }
    }
    return 1;
}

int main(void)
{
    char path[64] = "/dev/shm/ipseval-csvfast-XXXXXX"; /* memory-backed where there is one */
    if (access("/dev/shm", W_OK) != 0)
        strcpy(path, "/tmp/ipseval-csvfast-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) {
        printf("FAIL: cannot make a temporary file\n");
        return 1;
    }
    close(fd);
    static const char delims[] = {0, ',', ';', '\t', '|'};
    static const char *const custom_missing[] = {"NA", "-99", " ", "n/a", NULL};
    static char buf[8192];
    int cases = 2500, fast_taken = 0, mem_taken = 0, readable = 0, agree = 0, failures_shown = 0, sel_checked = 0,
        sel_agree = 0;
    for (int k = 0; k < cases; k++) {
        char delim_opt = delims[rnd(5)];
        char delim = delim_opt ? delim_opt : ",;\t|"[rnd(4)];
        int cr;
        size_t n = gen(buf, sizeof buf, delim, &cr);
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(buf, 1, n, f) != n || fclose(f) != 0) {
            printf("FAIL: cannot write %s\n", path);
            return 1;
        }
        core_read_opts o = {.delimiter = delim_opt,
                            .decimal = (delim != ',' && rnd(3) == 0) ? ',' : '.',
                            .missing = rnd(4) == 0 ? custom_missing : NULL,
                            .display_name = "gen.csv"};
        fast_two_part_rows = k % 2 ? 2 : 200000; /* every other file through the two-part (two-thread) path */
        fast_probe_rows = 1 + rnd(8);            /* its first rows read alone first (fast_read) */
        fast_head_bytes = rnd(2) ? 1 + rnd(40) : 64 << 10; /* the header found in a first read that grows */
        /* most files read in small chunks, so that rows cross the chunks' ends and some are longer than a chunk */
        fast_chunk_bytes = rnd(2) ? 64 + rnd(400) : CHUNK_BYTES;
        fast_chunk_low = rnd(3) ? 1 + rnd(80) : 4096;
        core_err e1, e2;
        core_table *slow = read_delimited(path, &o, &e1, 0);
        core_table *full = read_delimited(path, &o, &e2, 1);
        int tried;
        static const char *const default_missing[] = {"", "NA", ".", NULL};
        core_table *fast = fast_file(path, "gen.csv", o.decimal ? o.decimal : '.', o.delimiter,
                                       o.missing ? o.missing : default_missing, NULL, &tried);
        fast_taken += fast != NULL;
        readable += slow != NULL;
        char why[200] = "";
        int ok;
        if (!slow || !full)
            ok = !slow && !full && e1.code == e2.code && strcmp(e1.msg, e2.msg) == 0;
        else
            ok = same_table(slow, full, why, sizeof why) && e2.code == CORE_OK;
        if (ok && fast && slow) /* the fast path alone gives the same table too */
            ok = same_table(slow, fast, why, sizeof why);
        else if (ok && fast && !slow) {
            ok = 0;
            snprintf(why, sizeof why, "fast path accepted a file the general parser refuses: %.100s", e1.msg);
        }
        if (ok && slow) { /* the fast path on the text in memory (a pipe's, after the general checks) agrees too */
            size_t start = n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
            csv_state ms = {.name = "gen.csv", .b = malloc(n + 1), .n = n, .line = 1};
            if (!ms.b) {
                printf("FAIL: out of memory\n");
                return 1;
            }
            memcpy(ms.b, buf, n);
            ms.b[n] = '\0';
            ms.delim = o.delimiter ? (unsigned char)o.delimiter : sniff_delimiter(ms.b + start, n - start);
            core_table *mem = fast_read(&ms, start, o.decimal ? o.decimal : '.',
                                        o.missing ? o.missing : default_missing, NULL, NULL);
            mem_taken += mem != NULL;
            if (mem && !same_table(slow, mem, why, sizeof why)) {
                ok = 0;
                strncat(why, " (text in memory)", sizeof why - strlen(why) - 1);
            }
            core_table_free(mem);
            free(ms.b);
        }
        agree += ok;
        if (!ok && failures_shown++ < 5) {
            printf("FAIL: case %d (delimiter %d, decimal %c): %s%s%.100s\n--- file ---\n%.*s\n------------\n", k,
                   delim_opt, o.decimal ? o.decimal : '.', why, slow ? "" : " slow: ", slow ? "" : e1.msg, (int)n,
                   buf);
        }
        /* column selection (core_read_opts.columns): a random subset of the columns, read by both paths, is the
         * whole table's columns bit for bit (and both paths agree when the whole file is refused) */
        if (slow && slow->n_cols > 0) {
            const char *want[16];
            core_column view_cols[16];
            size_t nw = 0;
            for (size_t j = 0; j < slow->n_cols && nw < 15; j++)
                if (rnd(2)) {
                    want[nw] = slow->cols[j].name;
                    view_cols[nw++] = slow->cols[j];
                }
            want[nw] = NULL;
            core_table view = *slow;
            if (nw > 0) {
                view.cols = view_cols;
                view.n_cols = nw;
            }
            core_read_opts os = o;
            os.columns = want;
            core_err e3, e4;
            core_table *sel_slow = read_delimited(path, &os, &e3, 0);
            core_table *sel_fast = read_delimited(path, &os, &e4, 1);
            char why2[200] = "";
            int ok2 = sel_slow && sel_fast && same_table(&view, sel_slow, why2, sizeof why2) &&
                      same_table(&view, sel_fast, why2, sizeof why2) &&
                      sel_slow->n_cols_file == (nw > 0 && nw < slow->n_cols ? slow->n_cols : 0);
            sel_checked++;
            sel_agree += ok2;
            if (!ok2 && failures_shown++ < 5)
                printf("FAIL: case %d, %zu of %zu columns selected: %s %s %s\n", k, nw, slow->n_cols, why2,
                       sel_slow ? "" : e3.msg, sel_fast ? "" : e4.msg);
            core_table_free(sel_slow);
            core_table_free(sel_fast);
        }
        core_table_free(slow);
        core_table_free(full);
        core_table_free(fast);
    }
    remove(path);
    /* the line feeds counted sixteen bytes at a time (count_lf) against a byte-wise count, and the UTF-8 check of a
     * line's non-ASCII bytes by their mask (utf8_line_ok) against the byte-wise utf8_bad_offset, on random text of
     * ASCII, line feeds, multi-byte sequences valid and broken, at every alignment and length around the 64-byte
     * blocks and the counter's flush */
    {
        static unsigned char txt[64 * 300];
        static const char *const bits[] = {"a", "1,2", "\n", "\r\n", "\xc3\xb8", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
                                           "\xc3", "\x80", "\xed\xa0\x80", "\xff", "\xe0\x80\x80", "\xf4\x90\x80\x80"};
        int lf_ok = 0, lf_cases = 2000, line_ok = 0, line_cases = 0, line_bad = 0;
        for (int k = 0; k < lf_cases; k++) {
            size_t len = rnd(k % 10 == 0 ? sizeof txt : 300), n = 0, want = 0;
            unsigned rare = 2 + rnd(60);
            while (n < len) {
                unsigned r = rnd(rare);
                const char *bt = r == 0 ? bits[4 + rnd(9)] : r == 1 ? bits[2] : bits[rnd(2)];
                size_t bl = strlen(bt);
                if (n + bl > len)
                    bl = len - n;
                memcpy(txt + n, bt, bl);
                n += bl;
            }
            for (size_t q = 0; q < n; q++)
                want += txt[q] == '\n';
            size_t off = rnd(17); /* any alignment */
            size_t lf_off = 0;
            for (size_t q = off; q < n; q++)
                lf_off += txt[q] == '\n';
            lf_ok += count_lf((const char *)txt, n) == want &&
                     count_lf((const char *)txt + off, n > off ? n - off : 0) == (n > off ? lf_off : 0);
            /* every line of it shorter than 64 bytes, as the whole-row path sees it */
            for (size_t s = 0; s < n;) {
                size_t e = s;
                while (e < n && txt[e] != '\n')
                    e++;
                if (e < n && e - s < 64) {
                    uint64_t hi = 0;
                    for (size_t q = s; q < e; q++)
                        hi |= (uint64_t)(txt[q] >= 0x80) << (q - s);
                    int want_ok = utf8_bad_offset(txt + s, e - s) == e - s;
                    line_cases++;
                    line_bad += !want_ok;
                    line_ok += (!hi || utf8_line_ok(txt + s, e - s, hi)) == want_ok;
                }
                s = e + 1;
            }
        }
        t_int(lf_ok, lf_cases, "the line feeds counted sixteen bytes at a time agree with a byte-wise count");
        t_int(line_ok, line_cases, "the UTF-8 check of a line by its mask agrees with the byte-wise one (%d lines not "
              "clean)", line_bad);
        t_true(line_bad > line_cases / 20 && line_bad < line_cases / 2, "clean and broken lines both checked");
    }
    t_int(sel_agree, sel_checked, "a selection of columns equals those columns of the whole table, both paths");
    t_true(sel_checked > cases / 4, "selections checked on %d files", sel_checked);
    t_int(agree, cases, "fast and general parser agree on every generated file");
    t_true(fast_taken > readable / 3 && readable > cases / 3,
           "the fast path took %d of the %d files the general parser reads, of %d (not a vacuous comparison)",
           fast_taken, readable, cases);
    t_true(mem_taken > readable / 3, "the fast path on text in memory took %d files", mem_taken);
#ifdef __SSE2__
    t_true(fast_whole_rows > 10000, "the whole-row path read %zu rows", fast_whole_rows);
#endif
    printf("csv_fast: %d files, %d of them read by the general parser, %d by the fast path (%zu rows whole)\n", cases,
           readable, fast_taken, fast_whole_rows);
    return t_summary("csv_fast");
}
