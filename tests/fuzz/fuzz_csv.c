/* Fuzz target: the delimited-text reader (core_read_delimited), with the options a config can set.
 *
 * The first byte picks the options (delimiter auto/,/;/tab/|, decimal '.' or ',', default or custom
 * missing tokens); the rest is the file. A returned table must satisfy fuzz_check_table; a refusal
 * must carry a message naming the file. Seeds: tests/fuzz/corpus/fuzz_csv (examples/, reference data,
 * tests/data/readers). */
#include "tests/fuzz/fuzz_common.h"

#include "core/core_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char delims[] = {0, ',', ';', '\t', '|', 0, ',', ';'};
    static const char *const custom_missing[] = {"NA", "-99", " ", "\"\"", "n/a", NULL};
    unsigned sel = size ? data[0] : 0;
    if (size) {
        data++;
        size--;
    }
    core_read_opts o = {.delimiter = delims[sel & 7],
                        .decimal = (sel & 8) ? ',' : '.',
                        .missing = (sel & 16) ? custom_missing : NULL,
                        .display_name = "fuzz.csv"};
    if (o.delimiter == ',' && o.decimal == ',')
        o.decimal = '.'; /* core_data_opts refuses that pair before the reader sees it */
    char path[64];
    int fd = fuzz_memfile(data, size, path, sizeof path);
    if (fd < 0)
        return 0;
    core_err err;
    core_table *t = core_read_delimited(path, &o, &err);
    close(fd);
    if (t) {
        FUZZ_REQUIRE(err.code == CORE_OK, "success leaves the error clear");
        fuzz_check_table(t, 1);
        core_table_free(t);
    } else {
        FUZZ_REQUIRE(err.code == CORE_ERR_DATA || err.code == CORE_ERR_NOMEM, "a bad file is a data error");
        FUZZ_REQUIRE(strncmp(err.msg, "fuzz.csv", 8) == 0, "the message names the file");
    }
    return 0;
}
