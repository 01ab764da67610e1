/* core/: status table, strict number parsing, result rows, atomic writes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/core_atomic.h"
#include "core/core_error.h"
#include "core/core_results.h"
#include "core/core_table.h"
#include "core/core_text.h"
#include "tests/t_check.h"

static void slurp(const char *path, char *buf, size_t size)
{
    buf[0] = '\0';
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
}

int main(void)
{
    /* every status has a non-empty message; unknown codes clamp */
    for (int c = 0; c < CORE_STATUS_COUNT; c++)
        t_true(core_strerror((core_status)c)[0] != '\0', "message for status %d", c);
    t_str(core_strerror((core_status)999), "unknown error", "unknown status clamps");
    t_int(core_status_exit_code(CORE_OK), 0, "exit 0 on success");
    t_int(core_status_exit_code(CORE_ERR_ANALYSIS), 1, "exit 1 analysis");
    t_int(core_status_exit_code(CORE_ERR_CONFIG), 2, "exit 2 config");
    t_int(core_status_exit_code(CORE_ERR_USAGE), 2, "exit 2 usage");
    t_int(core_status_exit_code(CORE_ERR_DATA), 3, "exit 3 data");
    t_int(core_status_exit_code(CORE_ERR_IO), 3, "exit 3 unreadable input");
    t_int(core_status_exit_code(CORE_ERR_OUTPUT), 4, "exit 4 output");
    core_err e;
    core_err_set(&e, CORE_ERR_DATA, "row %d bad", 7);
    core_err_prefix(&e, "outcome '%s'", "emp");
    t_str(e.msg, "outcome 'emp': row 7 bad", "prefix adds context");

    /* strict numbers */
    double v;
    t_true(core_parse_double("1.5", '.', &v) && v == 1.5, "1.5");
    t_true(core_parse_double(" -2e3 ", '.', &v) && v == -2000, "-2e3 with spaces");
    t_true(core_parse_double("1,25", ',', &v) && v == 1.25, "decimal comma");
    t_true(!core_parse_double("1,25", '.', &v), "comma rejected with '.' decimal");
    t_true(!core_parse_double("0x10", '.', &v), "hex rejected");
    t_true(!core_parse_double("inf", '.', &v), "inf rejected");
    t_true(!core_parse_double("nan", '.', &v), "nan rejected");
    t_true(!core_parse_double("12abc", '.', &v), "trailing junk rejected");
    t_true(!core_parse_double("", '.', &v), "empty rejected");
    t_true(!core_parse_double("1e", '.', &v), "bare exponent rejected");
    t_true(!core_parse_double("1e999", '.', &v), "overflow rejected");
    t_true(core_parse_double(".5", '.', &v) && v == 0.5, ".5");
    long l;
    t_true(core_parse_long("08", &l) && l == 8, "08 is eight, not octal");
    t_true(!core_parse_long("8.0", &l), "8.0 is not a whole number");
    t_true(!core_parse_long("99999999999999999999", &l), "overflow rejected");

    /* tables: cells as text and numbers */
    const char *names[] = {"x", "g"};
    core_col_type types[] = {CORE_COL_NUMERIC, CORE_COL_CATEGORICAL};
    core_table *t = core_table_new("t.csv", 3, 2, names, types);
    core_table_set_num(t, 0, 0, 1.0);
    core_table_set_num(t, 0, 2, 0.1);
    core_table_set_text(t, 1, 0, "IPS");
    core_table_set_text(t, 1, 1, "12");
    char buf[64];
    t_true(core_cell_missing(t, 0, 1), "unset cell is missing");
    t_str(core_cell_text(t, 0, 2, buf, sizeof buf), "0.1", "number as text");
    t_int(core_cell_number(t, 1, 0, &v), -1, "level 'IPS' is not a number");
    t_int(core_cell_number(t, 1, 1, &v), -1,
          "level '12' set as text is not parsed again (only a reader reads numbers, by the file's rules)");
    t_str(core_cell_where(t, 1, 2, buf, sizeof buf), "t.csv:4:2 'g'", "cell location");
    t_int(core_table_find(t, "G"), 1, "column lookup falls back to case-insensitive");
    t_int(core_table_find(t, "none"), -1, "absent column");

    /* results */
    core_results *r = core_results_new();
    core_result_row row = CORE_RESULT_ROW_EMPTY;
    row.module = "rct";
    row.analysis = "risk_ratio";
    row.term = "arm";
    row.estimate = 1.5;
    t_int(core_results_add(r, &row), CORE_OK, "add row");
    t_true(isnan(r->rows[0].se), "unset numbers are NaN (empty)");
    const core_result_row *f = core_results_find(r, NULL, "risk_ratio", NULL, NULL, "arm", NULL);
    t_true(f && f->estimate == 1.5, "find row");
    t_true(core_results_find(r, NULL, "risk_ratio", NULL, NULL, "x", NULL) == NULL, "no such row");
    core_results_free(r);

    /* atomic writes and same-file checks */
    mkdir("build", 0777);
    mkdir("build/tmp-tests", 0777);
    const char *p = "build/tmp-tests/table.csv";
    t_int(core_table_write_csv(t, p, &e), CORE_OK, "write table");
    char got[256];
    slurp(p, got, sizeof got);
    t_str(got, "x,g\n1,IPS\n,12\n0.1,\n", "table CSV content");
    t_int(core_table_write_csv(t, "build/tmp-tests/no/dir.csv", &e), CORE_ERR_OUTPUT, "missing directory");
    t_contains(e.msg, "directory 'build/tmp-tests/no' does not exist", "message names the directory");
    mkdir("build/tmp-tests/isdir", 0777);
    t_int(core_table_write_csv(t, "build/tmp-tests/isdir", &e), CORE_ERR_OUTPUT, "a directory is not a file");
    t_true(core_same_file(p, "build/tmp-tests/../tmp-tests/table.csv"), "same file through ..");
    t_true(!core_same_file(p, "build/tmp-tests/other.csv"), "different files");
    core_table_free(t);
    /* core_text: UTF-8 as RFC 3629 defines it, and CSV fields quoted as RFC 4180 */
    {
        static const struct {
            const char *bytes;
            size_t n, want;
            const char *what;
        } u[] = {{"a", 1, 1, "ASCII"},
                 {"\xC3\xB8", 2, 2, "o-slash (2 bytes)"},
                 {"\xE2\x82\xAC", 3, 3, "euro sign (3 bytes)"},
                 {"\xF0\x9F\x98\x80", 4, 4, "an emoji (4 bytes)"},
                 {"\xC0\xAF", 2, 0, "overlong 2-byte form"},
                 {"\xE0\x80\xAF", 3, 0, "overlong 3-byte form"},
                 {"\xED\xA0\x80", 3, 0, "a surrogate"},
                 {"\xF4\x90\x80\x80", 4, 0, "above U+10FFFF"},
                 {"\xE2\x82", 2, 0, "cut off by the end"},
                 {"\xE2\x28\xAC", 3, 0, "a bad continuation byte"},
                 {"\x80", 1, 0, "a lone continuation byte"},
                 {"\xF5\x80\x80\x80", 4, 0, "a byte that never starts UTF-8"}};
        for (size_t i = 0; i < sizeof u / sizeof u[0]; i++)
            t_int((long)core_utf8_len((const unsigned char *)u[i].bytes, u[i].n), (long)u[i].want, "utf-8: %s",
                  u[i].what);
        char *csv = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&csv, &len);
        core_csv_put_field(m, "plain", 0);
        fputc('|', m);
        core_csv_put_field(m, "a,b", 0);
        fputc('|', m);
        core_csv_put_field(m, "say \"hi\"", 0);
        fputc('|', m);
        core_csv_put_field(m, "=1+1", 1);
        fputc('|', m);
        core_csv_put_field(m, "=A1,\"x\"", 1);
        fclose(m);
        t_str(csv, "plain|\"a,b\"|\"say \"\"hi\"\"\"|'=1+1|\"'=A1,\"\"x\"\"\"",
              "csv fields: quoted only when needed, quotes doubled, the apostrophe inside the quotes");
        free(csv);
    }
    return t_summary("core");
}
