/* The fast path of the delimited-text reader (core/core_csv.c, docs/performance.md) against the general
 * parser on the same files: thousands of generated files (numbers in every form the grammar allows and some
 * it refuses, missing tokens, quoted cells, CRLF, lone CR, blank and ragged lines, BOM, every delimiter, both
 * decimal marks, a numeric-looking missing token) must give the same table bit for bit (types, values,
 * missing flags, levels in the same order, source lines) or the same error, half of them through the
 * two-part path that parses the halves of a large file on two threads. The test also checks that the fast
 * path did take a good share of the files, so the comparison is not vacuous.
 * Run from the repository root: build/tests/test_csv_fast. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* the reader itself, with its public names renamed so that its static parts (read_delimited, fast_mapped)
 * can be called here */
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
                                        "\"Bodø\"", " ", "\"\"", "n/a", "12a"};

static size_t gen(char *buf, size_t cap, char delim, int *cr_mode)
{
    size_t n = 0;
    int cols = 1 + (int)rnd(4), rows = 1 + (int)rnd(12);
    int numeric_bias = (int)rnd(3); /* 0 mostly numbers, 1 mixed, 2 mostly text */
    int eol = (int)rnd(8);          /* 0-4 LF, 5-6 CRLF, 7 mixed with a lone CR sometimes */
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
        if (rnd(40) == 0) /* a blank line */
            continue;
        int fields = rnd(30) ? cols : cols + (rnd(2) ? 1 : -1);
        for (int j = 0; j < fields; j++) {
            if (j)
                PUTS(d);
            int num = numeric_bias == 0 ? rnd(10) < 9 : numeric_bias == 1 ? rnd(2) : rnd(10) < 2;
            const char *cell = num ? cells_num[rnd(sizeof cells_num / sizeof *cells_num)]
                                   : cells_txt[rnd(sizeof cells_txt / sizeof *cells_txt)];
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
    int cases = 2500, fast_taken = 0, agree = 0, failures_shown = 0, sel_checked = 0, sel_agree = 0;
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
        core_err e1, e2;
        core_table *slow = read_delimited(path, &o, &e1, 0);
        core_table *full = read_delimited(path, &o, &e2, 1);
        int tried;
        static const char *const default_missing[] = {"", "NA", ".", NULL};
        core_table *fast = fast_mapped(path, "gen.csv", o.decimal ? o.decimal : '.', o.delimiter,
                                       o.missing ? o.missing : default_missing, NULL, &tried);
        fast_taken += fast != NULL;
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
    /* the check of the mapped text (utf8_scan_lines: sixteen bytes at a time where it can) against the byte-wise
     * utf8_bad_offset and a count of the line feeds, on random text of ASCII, line feeds, multi-byte sequences
     * (valid and broken) and NULs, at every alignment and length around the 16-byte blocks and the 255-block
     * counter flush */
    {
        static unsigned char txt[16 * 600];
        static const char *const bits[] = {"a", "1,2", "\n", "\r\n", "\xc3\xb8", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
                                           "\xc3", "\x80", "\xed\xa0\x80", "\xff", "\0"};
        int scan_ok = 0, scan_cases = 3000, scan_bad = 0;
        for (int k = 0; k < scan_cases; k++) {
            size_t len = rnd(k % 10 == 0 ? sizeof txt : 200), n = 0;
            int rare = 200 + (int)rnd(3000); /* how seldom a non-ASCII or broken piece comes */
            while (n < len) {
                unsigned r = rnd((unsigned)rare);
                const char *bt = r < 9 ? bits[3 + r] : r < 30 ? bits[2] : bits[rnd(2)];
                size_t bl = strcmp(bt, "") == 0 ? 1 : strlen(bt); /* "\0": one NUL byte */
                if (n + bl > len)
                    bl = len - n;
                memcpy(txt + n, bt, bl);
                n += bl;
            }
            size_t lf_want = 0, lf_got = 0;
            size_t want = utf8_bad_offset(txt, n);
            for (size_t q = 0; q < want; q++)
                lf_want += txt[q] == '\n';
            size_t got = utf8_scan_lines(txt, n, &lf_got);
            scan_bad += want < n;
            if (got == want && (want < n || lf_got == lf_want))
                scan_ok++;
            else if (failures_shown++ < 5)
                printf("FAIL: scan case %d (%zu bytes): offset %zu against %zu, line feeds %zu against %zu\n", k, n,
                       got, want, lf_got, lf_want);
        }
        t_int(scan_ok, scan_cases, "the 16-byte check of the text agrees with the byte-wise one (%d texts not clean)",
              scan_bad);
        t_true(scan_bad > scan_cases / 10 && scan_bad < scan_cases * 9 / 10, "clean and broken texts both checked");
    }
    t_int(sel_agree, sel_checked, "a selection of columns equals those columns of the whole table, both paths");
    t_true(sel_checked > cases / 4, "selections checked on %d files", sel_checked);
    t_int(agree, cases, "fast and general parser agree on every generated file");
    t_true(fast_taken > cases / 4, "the fast path took %d of %d files (not a vacuous comparison)", fast_taken, cases);
    printf("csv_fast: %d files, %d read by the fast path\n", cases, fast_taken);
    return t_summary("csv_fast");
}
