/* The table's compact storage (core_table.h): the readers pick the narrowest exact type per column (int8, int16,
 * int32 whole numbers, double otherwise; uint8/16/32 level codes), widen on demand keeping earlier values bit for
 * bit, keep missing numbers as a bitmap (none when no cell is missing), and number rows by their lines without a
 * per-row array. Not timed: the memory ratios are bench/csv_memory.sh's. Run: build/tests/test_table_store. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core_alloc.h"
#include "core/core_read.h"
#include "tests/t_check.h"

static char path[] = "/tmp/ipseval-store-XXXXXX";

static core_table *read_text(const char *text, int fast)
{
    FILE *f = fopen(path, "wb");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        printf("FAIL: cannot write %s\n", path);
        exit(1);
    }
    core_err e;
    core_read_opts o = {.thousands = fast ? 0 : ' '}; /* a thousands separator sends the file to the general parser */
    core_table *t = core_read_delimited(path, &o, &e);
    if (!t)
        t_str(e.msg, "(no error)", "read");
    return t;
}

static void widths(int fast)
{
    const char *how = fast ? "fast path" : "general parser";
    /* rows: small ints; a column that needs int16 from its 3rd row, int32 from its 4th; decimals; -0; text */
    size_t n = 400;
    size_t cap = 64 * n + 256;
    char *buf = malloc(cap), *p = buf;
    p += sprintf(p, "small,grow,dec,negz,few,many,gap\n");
    for (size_t i = 0; i < n; i++) {
        long grow = i < 2 ? (long)i - 1 : i == 2 ? 30000 : i == 3 ? -2000000 : (long)i;
        p += sprintf(p, "%d,%ld,%s,%s,%s,L%zu,%s\n", (int)(i % 200) - 100, grow, i == 7 ? "2.5" : "1",
                     i == 1 ? "-0" : "0", i % 3 ? "a" : "b", i, i % 5 ? "4" : "");
    }
    core_table *t = read_text(buf, fast);
    free(buf);
    if (!t)
        return;
    const core_column *c = t->cols;
    t_int(c[0].width, 1, "%s: -100..99 in int8", how);
    t_int(c[1].width, 4, "%s: a column reaching -2,000,000 widens to int32", how);
    t_true(core_col_num(&c[1], 0) == -1 && core_col_num(&c[1], 1) == 0 && core_col_num(&c[1], 2) == 30000 &&
               core_col_num(&c[1], 3) == -2000000 && core_col_num(&c[1], n - 1) == (double)(n - 1),
           "%s: values before and after widening kept exactly", how);
    t_int(c[2].width, 8, "%s: a column with 2.5 in double", how);
    t_true(core_col_num(&c[2], 7) == 2.5 && core_col_num(&c[2], 6) == 1, "%s: doubles and whole numbers in it", how);
    double z = core_col_num(&c[3], 1);
    t_true(c[3].width == 8 && z == 0 && signbit(z) && !signbit(core_col_num(&c[3], 0)),
           "%s: -0 keeps its sign (a double column)", how);
    t_true(c[4].type == CORE_COL_CATEGORICAL && c[4].width == 1 && c[4].n_levels == 2, "%s: 2 levels in uint8", how);
    t_true(c[5].type == CORE_COL_CATEGORICAL && c[5].width == 2 && c[5].n_levels == n &&
               core_col_code(&c[5], n - 1) == (int)n - 1,
           "%s: 400 levels in uint16", how);
    t_true(c[0].miss == NULL && c[1].miss == NULL, "%s: no bitmap where no cell is missing", how);
    int ok = c[6].miss != NULL && c[6].width == 1;
    for (size_t i = 0; i < n; i++)
        ok &= core_col_missing(&c[6], i) == (i % 5 == 0) && core_col_num(&c[6], i) == (i % 5 ? 4 : 0);
    t_true(ok, "%s: missing cells are the bitmap's, their value 0", how);
    t_true(t->n_line_ex == 0 && t->row_line == NULL && core_table_line(t, n - 1) == (long)n + 1,
           "%s: one row a line: no line array", how);
    int pages;
    double *v = core_column_take_f64(&t->cols[1], n, &pages);
    t_true(v && v[3] == -2000000 && v[n - 1] == (double)(n - 1), "%s: a column taken as doubles", how);
    if (pages)
        core_free_pages(v, n * sizeof *v);
    else
        free(v);
    core_table_free(t);
}

static void lines(void)
{
    /* a quoted field over two lines and a blank-line-free file: row 1 starts on line 3, row 2 on line 5 */
    core_table *t = read_text("a,b\n1,x\n2,\"two\nlines\"\n3,y\n4,z\n", 1);
    if (!t)
        return;
    t_true(core_table_line(t, 0) == 2 && core_table_line(t, 1) == 3 && core_table_line(t, 2) == 5 &&
               core_table_line(t, 3) == 6,
           "lines: rows after a field over two lines");
    t_int((long)t->n_line_ex, 1, "lines: one exception, not one line per row");
    /* set out of order: the table keeps a line per row from then on */
    t_true(core_table_set_line(t, 3, 40) == CORE_OK && core_table_set_line(t, 1, 30) == CORE_OK &&
               core_table_line(t, 1) == 30 && core_table_line(t, 2) == 5 && core_table_line(t, 3) == 40,
           "lines: set in any order");
    core_table_free(t);
}

/* A numeric column of int8, int16 or int32 cells taken as doubles (core_column_take_f64): every cell exactly, the
 * extremes of each width included, over lengths that leave every remainder of the 4, 8 and 16 cells converted at
 * a time, and over 2^18 cells (whole pages). */
static void take_widths(void)
{
    static const long ext[3][2] = {{-128, 127}, {-32768, 32767}, {-2147483647L - 1, 2147483647L}};
    size_t lens[] = {1, 3, 15, 16, 17, 33, 1000, (size_t)1 << 18};
    for (int w = 0; w < 3; w++)
        for (size_t li = 0; li < sizeof lens / sizeof *lens; li++) {
            size_t n = lens[li];
            core_column c = {.type = CORE_COL_NUMERIC, .width = (unsigned char)(1 << w)};
            double *want = malloc(n * sizeof *want);
            int ok = want && core_column_alloc_data(&c, n, c.width, 0) == 0;
            for (size_t i = 0; ok && i < n; i++) {
                long x = i % 7 == 0 ? ext[w][0] : i % 7 == 1 ? ext[w][1] : (long)(i * 37 % 201) - 100;
                if (w == 0)
                    ((int8_t *)c.data)[i] = (int8_t)x;
                else if (w == 1)
                    ((int16_t *)c.data)[i] = (int16_t)x;
                else
                    ((int32_t *)c.data)[i] = (int32_t)x;
                want[i] = (double)x;
            }
            int pages = 0;
            double *v = ok ? core_column_take_f64(&c, n, &pages) : NULL;
            size_t bad = n;
            for (size_t i = 0; v && i < n && bad == n; i++)
                if (v[i] != want[i])
                    bad = i;
            t_true(v && bad == n && !c.data, "int%d column of %zu cells taken as doubles, every cell exact (first wrong: %zu)",
                   8 << w, n, bad);
            if (v && pages)
                core_free_pages(v, n * sizeof *v);
            else
                free(v);
            free(want);
            core_column_free(&c);
        }
}

int main(void)
{
    int fd = mkstemp(path);
    if (fd < 0) {
        printf("FAIL: mkstemp\n");
        return 1;
    }
    close(fd);
    widths(1);
    widths(0);
    lines();
    take_widths();
    unlink(path);
    return t_summary("table_store");
}
