/* Tests of the readers (core_read.h): delimited text from fixtures in tests/data/readers/ and from
 * byte-exact files written here (BOM, CRLF, CR, NUL, bad UTF-8), and .dta/.sav files written with
 * ReadStat's writer and read back. Run from the repository root: build/tests/test_readers. */
#include <fcntl.h>
#include <readstat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/core_read.h"
#include "tests/t_check.h"

#define FIX "tests/data/readers/"

static char tmpdir[] = "/tmp/ipseval-readers-XXXXXX";
static char made[32][300]; /* files written here, removed at the end */
static int n_made;

/* Write len bytes to a new file in tmpdir; returns its path (static storage). */
static const char *put(const char *name, const char *bytes, size_t len)
{
    char *p = made[n_made++];
    snprintf(p, sizeof made[0], "%s/%s", tmpdir, name);
    FILE *f = fopen(p, "wb");
    if (!f || fwrite(bytes, 1, len, f) != len || fclose(f) != 0) {
        printf("FAIL: cannot write fixture %s\n", p);
        exit(1);
    }
    return p;
}
#define PUT(name, lit) put(name, lit, sizeof lit - 1) /* literal may hold NUL bytes */

static char cbuf[4096];
static const char *cell(const core_table *t, size_t col, size_t row)
{
    return core_cell_text(t, col, row, cbuf, sizeof cbuf);
}

/* Read expecting success; reports the error message as the failure detail otherwise. */
static core_table *ok_read(const char *path, const core_read_opts *o)
{
    core_err e;
    core_table *t = core_read_delimited(path, o, &e);
    if (!t)
        t_str(e.msg, "(no error)", "read %s", path);
    return t;
}

/* Read expecting failure with code and a message containing needle. */
static void bad_read(core_table *(*fn)(const char *, const core_read_opts *, core_err *), const char *path,
                     const core_read_opts *o, core_status code, const char *needle)
{
    core_err e;
    core_table *t = fn(path, o, &e);
    t_true(t == NULL, "%s: rejected", path);
    core_table_free(t);
    t_int(e.code, code, "%s: error code", path);
    t_contains(e.msg, needle, "%s: message", path);
}

/* ------------------------------------------------------------------------------------------ */

static void test_quoting(void)
{
    core_table *t = ok_read(FIX "quoting.csv", NULL);
    if (!t)
        return;
    t_int((long)t->n_rows, 3, "quoting: rows");
    t_int((long)t->n_cols, 3, "quoting: cols");
    t_int(t->cols[0].type, CORE_COL_NUMERIC, "quoting: id numeric");
    t_int(t->cols[1].type, CORE_COL_CATEGORICAL, "quoting: name categorical");
    t_str(cell(t, 1, 0), "Smith, Jo", "quoting: embedded delimiter");
    t_str(cell(t, 2, 0), "said \"hi\"", "quoting: doubled quotes");
    t_str(cell(t, 1, 1), "Lee", "quoting: unquoted field trimmed");
    t_str(cell(t, 2, 1), "a, b, c", "quoting: several delimiters");
    t_str(cell(t, 1, 2), "\"quoted\"", "quoting: field that is all quotes");
    t_str(t->source, FIX "quoting.csv", "quoting: source is the path");
    core_table_free(t);
}

static void test_embedded_newline(void)
{
    core_table *t = ok_read(FIX "embedded_newline.csv", NULL);
    if (!t)
        return;
    t_int((long)t->n_rows, 4, "newline: rows (no trailing newline)");
    t_str(cell(t, 1, 0), "line one\nline two", "newline: LF kept inside a quoted field");
    t_str(cell(t, 1, 2), "three\nlines\nhere", "newline: two LFs in one field");
    long want[4] = {2, 4, 5, 8};
    for (int i = 0; i < 4; i++)
        t_int(core_table_line(t, i), want[i], "newline: row_src[%d] is the line the record starts on", i);
    t_rel(core_col_num(&t->cols[2], 3), 6, TOL_EXACT, "newline: last value without trailing newline");
    char where[256];
    t_str(core_cell_where(t, 2, 2, where, sizeof where), FIX "embedded_newline.csv:5:3 'score'",
          "newline: core_cell_where uses row_src");
    core_table_free(t);
}

static void test_bom_crlf_cr(void)
{
    const char *p = PUT("bom_crlf.csv", "\xEF\xBB\xBFid,arm\r\n1,\"a\r\nb\"\r\n2,TAU\r\n\r\n");
    core_table *t = ok_read(p, NULL);
    if (t) {
        t_str(t->cols[0].name, "id", "bom: first column name has no BOM");
        t_int(t->cols[0].type, CORE_COL_NUMERIC, "bom: id numeric");
        t_int((long)t->n_rows, 2, "crlf: rows (trailing blank CRLF line ignored)");
        t_str(cell(t, 1, 0), "a\r\nb", "crlf: CRLF kept inside a quoted field");
        t_str(cell(t, 1, 1), "TAU", "crlf: no CR left at the end of a field");
        t_int(core_table_line(t, 1), 4, "crlf: embedded CRLF counts one line");
        core_table_free(t);
    }
    p = PUT("crlf_noeol.csv", "id,arm\r\n1,x\r\n2,y");
    t = ok_read(p, NULL);
    if (t) {
        t_int((long)t->n_rows, 2, "crlf: rows without final line end");
        t_str(cell(t, 1, 1), "y", "crlf: last field without line end");
        core_table_free(t);
    }
    p = PUT("cr_only.csv", "id,arm\r1,\"a\rb\"\r2,y\r");
    t = ok_read(p, NULL);
    if (t) {
        t_int((long)t->n_rows, 2, "cr: rows with old-Mac line ends");
        t_str(cell(t, 1, 0), "a\rb", "cr: CR kept inside a quoted field");
        t_int(core_table_line(t, 1), 4, "cr: embedded CR counts one line");
        core_table_free(t);
    }
    p = PUT("bom_only.csv", "\xEF\xBB\xBF");
    bad_read(core_read_delimited, p, NULL, CORE_ERR_DATA, "bom_only.csv: file is empty");
}

static void test_semicolon_decimal_comma(void)
{
    core_read_opts o = {.decimal = ','};
    core_table *t = ok_read(FIX "semicolon_decimal_comma.csv", &o);
    if (t) {
        t_int((long)t->n_cols, 3, "semicolon: sniffed ';' gives 3 columns");
        t_int(t->cols[1].type, CORE_COL_NUMERIC, "decimal comma: wage numeric");
        t_rel(core_col_num(&t->cols[1], 0), 1.5, TOL_EXACT, "decimal comma: 1,5 is 1.5");
        t_rel(core_col_num(&t->cols[1], 1), 2.25, TOL_EXACT, "decimal comma: quoted \"2,25\" is 2.25");
        t_rel(core_col_num(&t->cols[1], 2), -30, TOL_EXACT, "decimal comma: -3,0e1 is -30");
        t_rel(core_col_num(&t->cols[2], 0), 20, TOL_EXACT, "semicolon: hours");
        t_true(core_cell_missing(t, 2, 1) && core_cell_missing(t, 2, 2), "semicolon: NA and . missing");
        t_str(cell(t, 0, 2), "C", "semicolon: site");
        core_table_free(t);
    }
    /* explicit delimiter, and '.' decimal: "1,5" is then not a number, and a column of such numbers is
     * refused (it was kept as text, and read later with a '.' decimal), naming the cell and the setting */
    o = (core_read_opts){.delimiter = ';'};
    bad_read(core_read_delimited, FIX "semicolon_decimal_comma.csv", &o, CORE_ERR_DATA,
             "semicolon_decimal_comma.csv:2:2 'wage': '1,5' is not a number");
    bad_read(core_read_delimited, FIX "semicolon_decimal_comma.csv", &o, CORE_ERR_DATA,
             "if ',' is the decimal mark here, set decimal = \",\"");
}

static void test_sniffing(void)
{
    core_table *t = ok_read(FIX "tabs.tsv", NULL);
    if (t) {
        t_int((long)t->n_cols, 3, "sniff: tab-delimited header");
        t_str(t->cols[2].name, "site", "sniff: tab names");
        t_str(cell(t, 2, 1), "South, East", "sniff: comma in a tab file is data");
        t_rel(core_col_num(&t->cols[1], 0), 1.5, TOL_EXACT, "sniff: tab file numbers");
        core_table_free(t);
    }
    t = ok_read(FIX "pipes.txt", NULL);
    if (t) {
        t_int((long)t->n_cols, 2, "sniff: pipe-delimited");
        t_str(cell(t, 1, 1), "y", "sniff: pipe values");
        core_table_free(t);
    }
    /* a quoted comma in the header must not out-vote the real delimiter */
    const char *p = PUT("sniff_quoted.csv", "\"a,b,c\";d\n1;2\n");
    t = ok_read(p, NULL);
    if (t) {
        t_int((long)t->n_cols, 2, "sniff: delimiters inside quotes are not counted");
        t_str(t->cols[0].name, "a,b,c", "sniff: quoted header name");
        core_table_free(t);
    }
    t = ok_read(FIX "single_column.csv", NULL);
    if (t) {
        t_int((long)t->n_cols, 1, "sniff: no delimiter means one column");
        t_int((long)t->n_rows, 3, "single column: inner blank line is a row, trailing ones are not");
        t_rel(core_col_num(&t->cols[0], 2), 3, TOL_EXACT, "single column: value");
        t_true(core_cell_missing(t, 0, 1), "single column: blank line is missing");
        t_int(core_table_line(t, 2), 4, "single column: row_src");
        core_table_free(t);
    }
}

static void test_missing(void)
{
    core_table *t = ok_read(FIX "missing.csv", NULL);
    if (t) {
        t_int(t->cols[0].type, CORE_COL_NUMERIC, "missing: num stays numeric");
        t_int(core_col_missing(&t->cols[0], 0) + 2 * core_col_missing(&t->cols[0], 1) + 4 * core_col_missing(&t->cols[0], 2), 6,
              "missing: NA and ' .' are missing, 1 is not");
        t_rel(core_col_num(&t->cols[0], 3), 4, TOL_EXACT, "missing: value after missing");
        t_int(t->cols[1].type, CORE_COL_CATEGORICAL, "missing: cat categorical");
        t_int((long)t->cols[1].n_levels, 1, "missing: missing tokens are not levels");
        t_str(t->cols[1].levels[0], "x", "missing: level trimmed");
        t_int(core_col_code(&t->cols[1], 1), -1, "missing: '. ' trimmed is missing (code -1)");
        t_int(core_col_code(&t->cols[1], 3), -1, "missing: quoted \"\" is missing");
        t_int(core_col_code(&t->cols[1], 4), 0, "missing: code of a level");
        int all = 1;
        for (size_t i = 0; i < t->n_rows; i++)
            all &= core_cell_missing(t, 2, i);
        t_true(all, "missing: column of '', NA, spaces and . is all missing");
        t_int(t->cols[2].type, CORE_COL_NUMERIC, "missing: all-missing column is numeric");
        t_true(core_cell_missing(t, 3, 0), "missing: quoted \"NA\" is missing");
        t_true(core_cell_missing(t, 3, 3), "missing: quoted \"  NA  \" is missing");
        t_int(t->cols[3].type, CORE_COL_NUMERIC, "missing: quoted tokens do not make a column categorical");
        t_rel(core_col_num(&t->cols[3], 4), 4, TOL_EXACT, "missing: quoted_na value");
        t_str(cell(t, 3, 1), "", "missing: cell text of a missing cell is empty");
        core_table_free(t);
    }
    static const char *const mine[] = {"-9", " n/a ", NULL};
    core_read_opts o = {.missing = mine};
    const char *p = PUT("custom_missing.csv", "a,b,c\n-9,1,n/a\n2,NA,\n");
    t = ok_read(p, &o);
    if (t) {
        t_true(core_cell_missing(t, 0, 0), "custom missing: -9 missing");
        t_rel(core_col_num(&t->cols[0], 1), 2, TOL_EXACT, "custom missing: numeric");
        t_int(t->cols[1].type, CORE_COL_CATEGORICAL, "custom missing: NA is data when not listed");
        t_str(cell(t, 1, 1), "NA", "custom missing: NA level");
        t_true(core_cell_missing(t, 2, 0), "custom missing: token trimmed before comparing");
        t_true(core_cell_missing(t, 2, 1), "custom missing: empty cell is always missing");
        core_table_free(t);
    }
}

static void test_types(void)
{
    core_table *t = ok_read(FIX "types.csv", NULL);
    if (!t)
        return;
    t_int(t->cols[0].type, CORE_COL_NUMERIC, "types: integers numeric");
    t_int(t->cols[1].type, CORE_COL_CATEGORICAL, "types: one word makes a column categorical");
    t_int((long)t->cols[1].n_levels, 2, "types: levels of mixed");
    t_str(t->cols[1].levels[0], "1", "types: levels in order of first appearance (1)");
    t_str(t->cols[1].levels[1], "two", "types: levels in order of first appearance (2)");
    t_int(core_col_code(&t->cols[1], 2), 0, "types: repeated level reuses its code");
    double v = 0;
    t_int(core_cell_number(t, 1, 0, &v), 1, "types: numeric-looking level is a number");
    t_rel(v, 1, TOL_EXACT, "types: its value");
    t_int(core_cell_number(t, 1, 1, &v), -1, "types: word level is not a number");
    t_int(t->cols[2].type, CORE_COL_NUMERIC, "types: exponents numeric");
    t_rel(core_col_num(&t->cols[2], 0), 1000, TOL_EXACT, "types: 1e3");
    t_rel(core_col_num(&t->cols[2], 1), -0.25, TOL_EXACT, "types: -2.5E-1");
    t_rel(core_col_num(&t->cols[2], 2), 7, TOL_EXACT, "types: +7");
    t_int(t->cols[3].type, CORE_COL_CATEGORICAL, "types: hex is not a number");
    t_str(cell(t, 3, 0), "0x10", "types: hex kept as text");
    t_int((long)t->cols[4].n_levels, 2, "types: trimmed levels merge");
    t_str(t->cols[4].levels[0], "alpha", "types: level trimmed of spaces");
    t_int(core_col_code(&t->cols[4], 2), 0, "types: ' alpha' is level alpha");
    core_table_free(t);

    t = ok_read(FIX "header_trim.csv", NULL);
    if (t) {
        t_str(t->cols[0].name, "id", "header: name trimmed");
        t_str(t->cols[1].name, "arm", "header: quoted name after a space");
        t_str(t->cols[2].name, "wage, $", "header: quoted name with delimiter");
        core_table_free(t);
    }
    t = ok_read(FIX "trailing_blank.csv", NULL);
    if (t) {
        t_int((long)t->n_rows, 2, "trailing blank lines ignored");
        core_table_free(t);
    }
    const char *p =
        PUT("utf8.csv", "id,site\n1,Malm\xC3\xB6\n2,\xE6\x9D\xB1\xE4\xBA\xAC\n3,\xF0\x9F\x98\x80\n");
    t = ok_read(p, NULL);
    if (t) {
        t_str(cell(t, 1, 0), "Malm\xC3\xB6", "utf8: 2-byte sequence");
        t_str(cell(t, 1, 1), "\xE6\x9D\xB1\xE4\xBA\xAC", "utf8: 3-byte sequences");
        t_str(cell(t, 1, 2), "\xF0\x9F\x98\x80", "utf8: 4-byte sequence");
        core_table_free(t);
    }
    core_read_opts o = {.display_name = "trial data"};
    t = ok_read(FIX "pipes.txt", &o);
    if (t) {
        t_str(t->source, "trial data", "display_name becomes the table source");
        core_table_free(t);
    }
}

/* Many levels: the hash index must give the same codes as a linear search would. */
static void test_many_levels(void)
{
    enum { N = 200000, L = 50000 };
    size_t cap = (size_t)N * 32 + 64, len = 0;
    char *b = malloc(cap);
    if (!b)
        return;
    len += (size_t)snprintf(b + len, cap - len, "person,value\n");
    for (int i = 0; i < N; i++)
        len += (size_t)snprintf(b + len, cap - len, "p%d,%d.5\n", (i * 7919) % L, i);
    const char *p = put("many.csv", b, len);
    free(b);
    core_table *t = ok_read(p, NULL);
    if (!t)
        return;
    t_int((long)t->n_rows, N, "many: rows");
    t_int((long)t->cols[0].n_levels, L, "many: distinct levels");
    int ok = 1;
    for (int i = 0; i < N && ok; i++) {
        char want[32];
        snprintf(want, sizeof want, "p%d", (i * 7919) % L);
        /* 7919 is prime to L, so rows 0..L-1 hold L distinct persons and row i repeats row i % L */
        ok = strcmp(cell(t, 0, (size_t)i), want) == 0 && core_col_code(&t->cols[0], i) == i % L;
    }
    t_true(ok, "many: every cell maps to its own level, codes in order of first appearance");
    t_rel(core_col_num(&t->cols[1], N - 1), N - 1 + 0.5, TOL_EXACT, "many: last value");
    t_int(core_table_line(t, N - 1), N + 1, "many: last row_src");
    /* the public linear path still agrees with the index-built levels */
    t_int(core_column_level(&t->cols[0], t->cols[0].levels[777]), 777,
          "many: core_column_level finds an existing level");
    t_int((long)t->cols[0].n_levels, L, "many: core_column_level added nothing");
    core_table_free(t);
}

static void test_level_index(void)
{
    core_column c = {0};
    t_int(core_column_level(&c, "a"), 0, "index: linear add a");
    t_int(core_column_level(&c, "b"), 1, "index: linear add b");
    core_level_index *ix = core_level_index_new(&c);
    t_true(ix != NULL, "index: new");
    if (!ix)
        return;
    t_int(core_level_index_add(ix, "b"), 1, "index: finds a level added before it existed");
    t_int(core_level_index_add(ix, "c"), 2, "index: adds a new level");
    t_int(core_level_index_add(ix, ""), 3, "index: empty text is a level too");
    t_int(core_level_index_add(ix, "c"), 2, "index: finds it again");
    core_level_index_free(ix);
    t_int(core_column_level(&c, "c"), 2, "index: linear search sees index-added levels");
    t_int((long)c.n_levels, 4, "index: level count");
    for (size_t k = 0; k < c.n_levels; k++)
        free(c.levels[k]);
    free(c.levels);
    core_level_index_free(NULL);
}

static void test_text_errors(void)
{
    core_table *(*rd)(const char *, const core_read_opts *, core_err *) = core_read_delimited;
    bad_read(rd, FIX "no_such_file.csv", NULL, CORE_ERR_IO,
             FIX "no_such_file.csv: cannot open: No such file or directory");
    bad_read(rd, "tests/data/readers", NULL, CORE_ERR_IO, "tests/data/readers: cannot open");
    bad_read(rd, FIX "empty.csv", NULL, CORE_ERR_DATA,
             FIX "empty.csv: file is empty (expected a header line and data rows)");
    bad_read(rd, FIX "blank_only.csv", NULL, CORE_ERR_DATA, FIX "blank_only.csv: file is empty");
    bad_read(rd, FIX "header_only.csv", NULL, CORE_ERR_DATA,
             FIX "header_only.csv: has a header but no data rows");
    bad_read(rd, FIX "ragged.csv", NULL, CORE_ERR_DATA,
             FIX "ragged.csv:3: row has 2 fields, the header has 3");
    bad_read(rd, FIX "unterminated.csv", NULL, CORE_ERR_DATA,
             FIX "unterminated.csv:4: a quoted field opened on this line is never closed");
    bad_read(rd, FIX "empty_name.csv", NULL, CORE_ERR_DATA,
             FIX "empty_name.csv:1:2: the header has an empty column name");
    bad_read(rd, FIX "duplicate_name.csv", NULL, CORE_ERR_DATA,
             FIX "duplicate_name.csv:1:4: duplicate column name 'wage' (column 2 has it too");
    bad_read(rd, FIX "text_after_quote.csv", NULL, CORE_ERR_DATA,
             FIX "text_after_quote.csv:2: field 2 has text after its closing quote");
    bad_read(rd, FIX "blank_middle.csv", NULL, CORE_ERR_DATA,
             FIX "blank_middle.csv:3: row has 1 field, the header has 2");

    const char *p = PUT("long_row.csv", "id,a\n1,2\n3,4,5\n");
    bad_read(rd, p, NULL, CORE_ERR_DATA, "long_row.csv:3: row has 3 fields, the header has 2");
    /* lines inside quoted fields count: the short row is on line 4 */
    p = PUT("ragged_after_newline.csv", "id,note\n1,\"a\nb\"\n2\n");
    bad_read(rd, p, NULL, CORE_ERR_DATA, "ragged_after_newline.csv:4: row has 1 field, the header has 2");
    p = PUT("nul.csv", "id,arm\n1,IPS\n2,T\0U\n");
    bad_read(rd, p, NULL, CORE_ERR_DATA, "nul.csv:3: contains a NUL byte");
    p = PUT("latin1.csv", "id,site\n1,North\n2,Malm\xF6\n");
    bad_read(rd, p, NULL, CORE_ERR_DATA, "latin1.csv:3: byte 0xF6 is not valid UTF-8");
    bad_read(rd, p, NULL, CORE_ERR_DATA, "say so with encoding = windows-1252");
    p = PUT("overlong.csv", "id,site\n1,\xC0\xAF\n");
    bad_read(rd, p, NULL, CORE_ERR_DATA, "overlong.csv:2: byte 0xC0 is not valid UTF-8");
    p = PUT("surrogate.csv", "id,site\n1,x\n2,\xED\xA0\x80\n");
    bad_read(rd, p, NULL, CORE_ERR_DATA, "surrogate.csv:3: byte 0xED is not valid UTF-8");
    p = PUT("cut_utf8.csv", "id,site\n1,\xE2\x82");
    bad_read(rd, p, NULL, CORE_ERR_DATA, "cut_utf8.csv:2: byte 0xE2 is not valid UTF-8");
    p = PUT("utf16.csv", "\xFF\xFEi\0d\0\n\0");
    bad_read(rd, p, NULL, CORE_ERR_DATA, "utf16.csv:1: the file is UTF-16");

    core_read_opts o = {.display_name = "my trial.csv"};
    bad_read(rd, FIX "ragged.csv", &o, CORE_ERR_DATA, "my trial.csv:3: row has 2 fields");
    bad_read(rd, FIX "no_such_file.csv", &o, CORE_ERR_IO, "my trial.csv: cannot open");
    o = (core_read_opts){.decimal = ';'};
    bad_read(rd, FIX "pipes.txt", &o, CORE_ERR_CONFIG, "decimal mark ';' is not supported (use '.' or ',')");
    o = (core_read_opts){.delimiter = '"'};
    bad_read(rd, FIX "pipes.txt", &o, CORE_ERR_CONFIG, "pipes.txt: delimiter 0x22 is not allowed");
}

/* ------------------------------------------------------------------------------------------ */
/* .dta and .sav written with ReadStat's writer, then read back                                */

static ssize_t write_fd(const void *data, size_t len, void *ctx)
{
    return write(*(int *)ctx, data, len);
}

/* The same small trial in either format: arm (labelled numeric), wage (numeric with missing),
 * site (string). rows = 0 writes a file with variables only. */
static int write_binary(const char *path, int sav, long rows)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    readstat_writer_t *w = readstat_writer_init();
    readstat_set_data_writer(w, write_fd);
    readstat_label_set_t *ls =
        readstat_add_label_set(w, sav ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_INT32, "armlab");
    if (sav) {
        readstat_label_double_value(ls, 0, "control");
        readstat_label_double_value(ls, 1, "IPS");
    } else {
        readstat_label_int32_value(ls, 0, "control");
        readstat_label_int32_value(ls, 1, "IPS");
        readstat_label_tagged_value(ls, 'a', "refused"); /* label of a missing code: not kept */
    }
    readstat_variable_t *arm =
        readstat_add_variable(w, "arm", sav ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_INT32, 0);
    readstat_variable_set_label_set(arm, ls);
    readstat_variable_t *wage = readstat_add_variable(w, "wage", READSTAT_TYPE_DOUBLE, 0);
    if (sav)
        readstat_variable_add_missing_double_value(wage, -9); /* SPSS user-defined missing */
    readstat_variable_t *site = readstat_add_variable(w, "site", READSTAT_TYPE_STRING, 12);
    readstat_error_t rc =
        sav ? readstat_begin_writing_sav(w, &fd, rows) : readstat_begin_writing_dta(w, &fd, rows);
    static const double armv[4] = {1, 0, -1, 1}, wagev[4] = {12.5, -9, 7.25, -3};
    static const char *const sitev[4] = {"North", "South ", "", "North"};
    for (long i = 0; i < rows && rc == READSTAT_OK; i++) {
        rc = readstat_begin_row(w);
        if (i == 2)
            rc = rc ? rc
                    : (sav ? readstat_insert_missing_value(w, arm)
                           : readstat_insert_tagged_missing_value(w, arm, 'a'));
        else
            rc = rc ? rc
                    : (sav ? readstat_insert_double_value(w, arm, armv[i])
                           : readstat_insert_int32_value(w, arm, (int)armv[i]));
        if (i == 1 && !sav)
            rc = rc ? rc : readstat_insert_missing_value(w, wage);
        else
            rc = rc ? rc : readstat_insert_double_value(w, wage, wagev[i]);
        rc = rc ? rc : readstat_insert_string_value(w, site, sitev[i]);
        rc = rc ? rc : readstat_end_row(w);
    }
    if (rc == READSTAT_OK)
        rc = readstat_end_writing(w);
    readstat_writer_free(w);
    close(fd);
    if (rc != READSTAT_OK)
        printf("FAIL: writing %s: %s\n", path, readstat_error_message(rc));
    return rc == READSTAT_OK ? 0 : -1;
}

static void check_binary(const char *path, const char *kind,
                         core_table *(*fn)(const char *, const core_read_opts *, core_err *))
{
    core_err e;
    core_table *t = fn(path, NULL, &e);
    if (!t) {
        t_str(e.msg, "(no error)", "%s: read back", kind);
        return;
    }
    t_int((long)t->n_rows, 4, "%s: observations", kind);
    t_int((long)t->n_cols, 3, "%s: variables", kind);
    t_str(t->cols[0].name, "arm", "%s: name", kind);
    t_str(t->cols[2].name, "site", "%s: string variable name", kind);
    t_int(t->cols[0].type, CORE_COL_NUMERIC, "%s: labelled numeric stays numeric", kind);
    t_int((long)t->cols[0].n_labels, 2, "%s: value labels attached", kind);
    t_rel(core_col_num(&t->cols[0], 0), 1, TOL_EXACT, "%s: labelled value", kind);
    t_str(cell(t, 0, 0), "IPS", "%s: cell text is the label (1)", kind);
    t_str(cell(t, 0, 1), "control", "%s: cell text is the label (0)", kind);
    t_true(core_cell_missing(t, 0, 2), "%s: %s missing arm", kind,
           strcmp(kind, "dta") ? "system" : "tagged .a");
    t_rel(core_col_num(&t->cols[1], 0), 12.5, TOL_EXACT, "%s: wage", kind);
    t_true(core_cell_missing(t, 1, 1), "%s: %s missing wage", kind,
           strcmp(kind, "dta") ? "user-defined (-9)" : "system");
    t_rel(core_col_num(&t->cols[1], 3), -3, TOL_EXACT, "%s: negative wage", kind);
    t_int(t->cols[1].n_labels, 0, "%s: unlabelled variable has no labels", kind);
    t_str(cell(t, 1, 2), "7.25", "%s: unlabelled cell text is the number", kind);
    t_int(t->cols[2].type, CORE_COL_CATEGORICAL, "%s: string variable categorical", kind);
    t_int((long)t->cols[2].n_levels, 2, "%s: string levels", kind);
    t_str(cell(t, 2, 1), "South", "%s: string trimmed", kind);
    t_int(core_col_code(&t->cols[2], 3), 0, "%s: repeated string reuses its level", kind);
    t_true(core_cell_missing(t, 2, 2), "%s: empty string missing", kind);
    t_int(core_table_line(t, 0), 1, "%s: row_src is the observation number (first)", kind);
    t_int(core_table_line(t, 3), 4, "%s: row_src is the observation number (last)", kind);
    char where[256];
    snprintf(cbuf, sizeof cbuf, "%s:3:2 'wage'", path);
    t_str(core_cell_where(t, 1, 2, where, sizeof where), cbuf, "%s: cell_where names the observation", kind);
    core_table_free(t);
}

static void test_binary(void)
{
    char dta[300], sav[300], upper[300], empty[300];
    snprintf(dta, sizeof dta, "%s/trial.dta", tmpdir);
    snprintf(sav, sizeof sav, "%s/trial.sav", tmpdir);
    snprintf(upper, sizeof upper, "%s/TRIAL.DTA", tmpdir);
    snprintf(empty, sizeof empty, "%s/noobs.dta", tmpdir);
    snprintf(made[n_made++], sizeof made[0], "%s", dta);
    snprintf(made[n_made++], sizeof made[0], "%s", sav);
    snprintf(made[n_made++], sizeof made[0], "%s", upper);
    snprintf(made[n_made++], sizeof made[0], "%s", empty);
    t_int(write_binary(dta, 0, 4), 0, "dta: fixture written");
    t_int(write_binary(sav, 1, 4), 0, "sav: fixture written");
    t_int(write_binary(upper, 0, 4), 0, "dta: upper-case fixture written");
    t_int(write_binary(empty, 0, 0), 0, "dta: empty fixture written");
    check_binary(dta, "dta", core_read_dta);
    check_binary(sav, "sav", core_read_sav);
    check_binary(dta, "any->dta", core_read_any);
    check_binary(sav, "any->sav", core_read_any);
    check_binary(upper, "any->DTA", core_read_any);

    core_err e;
    core_table *t = core_read_any(FIX "pipes.txt", NULL, &e);
    t_true(t && t->n_cols == 2, "any: other extensions read as delimited text");
    core_table_free(t);

    core_read_opts o = {.display_name = "survey.dta"};
    t = core_read_dta(dta, &o, &e);
    t_str(t ? t->source : "", "survey.dta", "dta: display_name is the source");
    core_table_free(t);

    bad_read(core_read_dta, FIX "missing.dta", NULL, CORE_ERR_IO,
             FIX "missing.dta: cannot open: No such file");
    bad_read(core_read_sav, FIX "missing.sav", &o, CORE_ERR_IO, "survey.dta: cannot open");
    bad_read(core_read_dta, FIX "quoting.csv", NULL, CORE_ERR_DATA,
             FIX "quoting.csv: cannot be read as a Stata .dta file");
    bad_read(core_read_sav, FIX "quoting.csv", NULL, CORE_ERR_DATA,
             FIX "quoting.csv: cannot be read as an SPSS .sav file");
    bad_read(core_read_sav, dta, NULL, CORE_ERR_DATA, "trial.dta: cannot be read as an SPSS .sav file");
    bad_read(core_read_dta, empty, NULL, CORE_ERR_DATA, "noobs.dta: has variables but no observations");
    /* a .dta cut short must fail cleanly, not crash or return a partial table */
    FILE *f = fopen(dta, "rb");
    char buf[4096];
    size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
    if (f)
        fclose(f);
    t_true(n > 1000 && memcmp(buf, "<stata_dta>", 11) == 0, "dta: fixture is a Stata 13+ file (%zu bytes)",
           n);
    const char *p = put("cut_data.dta", buf, n / 2);
    bad_read(core_read_dta, p, NULL, CORE_ERR_DATA, "cut_data.dta: the file is truncated");
    /* an unknown format release: ReadStat's own complaint is passed on */
    char *rel = NULL;
    for (size_t k = 0; k + 12 <= n && !rel; k++)
        if (memcmp(buf + k, "<release>", 9) == 0)
            rel = buf + k + 9;
    t_true(rel != NULL, "dta: fixture has a <release> tag");
    if (rel) {
        char keep[3];
        memcpy(keep, rel, 3);
        memcpy(rel, "999", 3);
        p = put("bad_release.dta", buf, n);
        bad_read(core_read_dta, p, NULL, CORE_ERR_DATA,
                 "bad_release.dta: cannot be read as a Stata .dta file: ");
        memcpy(rel, keep, 3);
    }
    /* cut inside the value labels: ReadStat alone would return the data without its labels */
    p = put("cut_labels.dta", buf, n - 40);
    bad_read(core_read_dta, p, NULL, CORE_ERR_DATA, "cut_labels.dta: the file is truncated");
    f = fopen(sav, "rb");
    n = f ? fread(buf, 1, sizeof buf, f) : 0;
    if (f)
        fclose(f);
    p = put("cut.sav", buf, n - 40);
    bad_read(core_read_sav, p, NULL, CORE_ERR_DATA, "cut.sav: cannot be read as an SPSS .sav file");
}


/* Numbers are read once, by the declared decimal mark and thousands separator (a Norwegian export). */
static void test_thousands(void)
{
    core_read_opts o = {.delimiter = ';', .decimal = ','};
    /* the case: 850, 1.200, 2.500 with decimal ',' and no separator declared is refused, naming the
     * cell and the setting that reads it (it was read as 850, 1.2, 2.5) */
    const char *p = PUT("nb1.csv", "id;cost\n1;850\n2;1.200\n3;2.500\n");
    bad_read(core_read_delimited, p, &o, CORE_ERR_DATA, "nb1.csv:3:2 'cost': '1.200' is not a number");
    bad_read(core_read_delimited, p, &o, CORE_ERR_DATA, "set thousands = \".\"");
    o.thousands = '.';
    core_table *t = ok_read(p, &o);
    if (t) {
        t_int(t->cols[1].type, CORE_COL_NUMERIC, "thousands '.': numeric");
        t_true(core_col_num(&t->cols[1], 0) == 850 && core_col_num(&t->cols[1], 1) == 1200 && core_col_num(&t->cols[1], 2) == 2500,
               "thousands '.': 850, 1200, 2500");
        core_table_free(t);
    }
    /* a decimal comma with grouped thousands, and a no-break space (U+00A0) and narrow one (U+202F) */
    p = PUT("nb2.csv", "id;x\n1;1.234.567,25\n2;-2,5\n3;12\n");
    t = ok_read(p, &o);
    if (t) {
        t_true(core_col_num(&t->cols[1], 0) == 1234567.25 && core_col_num(&t->cols[1], 1) == -2.5 && core_col_num(&t->cols[1], 2) == 12,
               "thousands '.', decimal ',': 1234567.25, -2.5, 12");
        core_table_free(t);
    }
    o.thousands = ' ';
    p = PUT("nb3.csv", "id;x\n1;1\xc2\xa0" "200,5\n2;3\xe2\x80\xaf" "000\n3;4 500\n");
    t = ok_read(p, &o);
    if (t) {
        t_true(t->cols[1].type == CORE_COL_NUMERIC && core_col_num(&t->cols[1], 0) == 1200.5 && core_col_num(&t->cols[1], 1) == 3000 &&
                   core_col_num(&t->cols[1], 2) == 4500,
               "thousands space: no-break spaces and a space");
        core_table_free(t);
    }
    /* grouping is checked: a date-like token is text, not a number */
    double v;
    t_true(!core_parse_number("01.02.2020", ',', '.', &v), "01.02.2020 is no grouped number");
    t_true(!core_parse_number("1.20", ',', '.', &v), "a group needs three digits");
    t_true(!core_parse_number("1234.567", ',', '.', &v), "at most three digits before the first separator");
    t_true(!core_parse_number("1.5", '.', '.', &v), "a separator equal to the decimal mark is refused");
    t_true(core_parse_number("1,234.5", '.', ',', &v) && v == 1234.5, "1,234.5 with thousands ','");
    /* with decimal '.', a comma-decimal cell among numbers is refused, not read as text */
    core_read_opts c = {.delimiter = ';'};
    p = PUT("nb4.csv", "id;x\n1;3\n2;2,5\n");
    bad_read(core_read_delimited, p, &c, CORE_ERR_DATA, "nb4.csv:3:2 'x': '2,5' is not a number");
    bad_read(core_read_delimited, p, &c, CORE_ERR_DATA, "set decimal = \",\"");
    /* a text column stays text: its number-like levels are numbers by the file's rules only */
    p = PUT("nb5.csv", "id;g\n1;1,5\n2;two\n");
    o.thousands = 0;
    t = ok_read(p, &o);
    if (t) {
        t_true(core_cell_number(t, 1, 0, &v) == 1 && v == 1.5, "level '1,5' read by decimal ','");
        t_int(core_cell_number(t, 1, 1, &v), -1, "level 'two' is not a number");
        core_table_free(t);
    }
    t = ok_read(p, &c);
    if (t) {
        t_int(core_cell_number(t, 1, 0, &v), -1, "level '1,5' with decimal '.' is not a number");
        core_table_free(t);
    }
}

int main(void)
{
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    test_quoting();
    test_embedded_newline();
    test_bom_crlf_cr();
    test_semicolon_decimal_comma();
    test_sniffing();
    test_missing();
    test_types();
    test_thousands();
    test_level_index();
    test_many_levels();
    test_text_errors();
    test_binary();
    for (int i = 0; i < n_made; i++)
        remove(made[i]);
    rmdir(tmpdir);
    return t_summary("readers");
}
