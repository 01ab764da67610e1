/* Writes the .dta and .sav seed files of the fuzz corpora (tests/fuzz/corpus/fuzz_dta, fuzz_sav) with
 * ReadStat's writer: every .dta format version it writes (104-119), .sav uncompressed, row-compressed
 * and zlib (.zsav); numeric types int8..double, strings (short, long, UTF-8), value labels, tagged and
 * user-defined missing values, variable and file labels, and a file with no observations.
 * Usage: mkseeds DIR_DTA DIR_SAV. Run by `make -f tests/fuzz/fuzz.mk seeds`; the output is committed. */
#include <fcntl.h>
#include <readstat.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static ssize_t write_fd(const void *data, size_t len, void *ctx)
{
    return write(*(int *)ctx, data, len);
}

/* kind: 0 = dta (version), 1 = sav (compression in version: 0 none, 1 rows, 2 zlib). */
static int write_one(const char *path, int sav, int version, long rows)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    readstat_writer_t *w = readstat_writer_init();
    readstat_set_data_writer(w, write_fd);
    readstat_writer_set_file_label(w, "ipseval fuzz seed");
    readstat_writer_set_file_timestamp(w, 1700000000);
    if (sav)
        readstat_writer_set_compression(w, version == 0 ? READSTAT_COMPRESS_NONE
                                           : version == 1 ? READSTAT_COMPRESS_ROWS
                                                          : READSTAT_COMPRESS_BINARY);
    else
        readstat_writer_set_file_format_version(w, (uint8_t)version);
    readstat_label_set_t *ls = readstat_add_label_set(w, sav ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_INT32, "armlab");
    if (sav) {
        readstat_label_double_value(ls, 0, "TAU");
        readstat_label_double_value(ls, 1, "IPS");
    } else {
        readstat_label_int32_value(ls, 0, "TAU");
        readstat_label_int32_value(ls, 1, "IPS");
        if (version >= 113)
            readstat_label_tagged_value(ls, 'a', "refused");
    }
    readstat_variable_t *id = readstat_add_variable(w, "id", READSTAT_TYPE_INT16, 0);
    readstat_variable_t *arm = readstat_add_variable(w, "arm", sav ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_INT32, 0);
    readstat_variable_set_label_set(arm, ls);
    readstat_variable_set_label(arm, "Randomised arm");
    readstat_variable_t *emp = readstat_add_variable(w, "emp6", READSTAT_TYPE_INT8, 0);
    readstat_variable_t *age = readstat_add_variable(w, "age", READSTAT_TYPE_FLOAT, 0);
    readstat_variable_t *wage = readstat_add_variable(w, "wage", READSTAT_TYPE_DOUBLE, 0);
    if (sav) {
        readstat_variable_add_missing_double_value(wage, -9);
        readstat_variable_add_missing_double_range(age, 900, 999);
    }
    readstat_variable_t *site = readstat_add_variable(w, "county", READSTAT_TYPE_STRING, sav ? 300 : 20);
    readstat_error_t rc = sav ? readstat_begin_writing_sav(w, &fd, rows) : readstat_begin_writing_dta(w, &fd, rows);
    static const char *const sites[4] = {"Oslo", "Vestfold ", "", "Tr\xc3\xb8ndelag"};
    for (long i = 0; i < rows && rc == READSTAT_OK; i++) {
        rc = readstat_begin_row(w);
        rc = rc ? rc : readstat_insert_int16_value(w, id, (int16_t)(i + 1));
        if (i == 2)
            rc = rc ? rc
                    : (sav || version < 113 ? readstat_insert_missing_value(w, arm)
                                            : readstat_insert_tagged_missing_value(w, arm, 'a'));
        else
            rc = rc ? rc
                    : (sav ? readstat_insert_double_value(w, arm, (double)(i % 2))
                           : readstat_insert_int32_value(w, arm, (int32_t)(i % 2)));
        rc = rc ? rc : (i == 3 ? readstat_insert_missing_value(w, emp) : readstat_insert_int8_value(w, emp, (int8_t)(i % 2)));
        rc = rc ? rc : readstat_insert_float_value(w, age, (float)(20.5 + i));
        rc = rc ? rc : readstat_insert_double_value(w, wage, i == 1 ? -9 : 1234.5678 * (double)i);
        rc = rc ? rc : readstat_insert_string_value(w, site, sites[i % 4]);
        rc = rc ? rc : readstat_end_row(w);
    }
    if (rc == READSTAT_OK)
        rc = readstat_end_writing(w);
    readstat_writer_free(w);
    close(fd);
    if (rc != READSTAT_OK) {
        unlink(path);
        fprintf(stderr, "mkseeds: %s: %s (skipped)\n", path, readstat_error_message(rc));
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: mkseeds DIR_DTA DIR_SAV\n");
        return 2;
    }
    char p[4096];
    int n = 0;
    static const int versions[] = {104, 105, 108, 110, 111, 113, 114, 115, 117, 118, 119};
    for (size_t k = 0; k < sizeof versions / sizeof versions[0]; k++) {
        snprintf(p, sizeof p, "%s/v%d.dta", argv[1], versions[k]);
        n += write_one(p, 0, versions[k], 5) == 0;
    }
    snprintf(p, sizeof p, "%s/noobs.dta", argv[1]);
    n += write_one(p, 0, 118, 0) == 0;
    static const char *const comp[] = {"plain.sav", "rows.sav", "zlib.zsav"};
    for (int c = 0; c < 3; c++) {
        snprintf(p, sizeof p, "%s/%s", argv[2], comp[c]);
        n += write_one(p, 1, c, 5) == 0;
    }
    snprintf(p, sizeof p, "%s/noobs.sav", argv[2]);
    n += write_one(p, 1, 0, 0) == 0;
    printf("mkseeds: %d files written\n", n);
    return 0;
}
