/* The body of the .dta and .sav fuzz targets (fuzz_dta.c, fuzz_sav.c): read the input with one of
 * the ReadStat readers; a table must satisfy fuzz_check_table, a refusal must name the file. */
#ifndef IPSEVAL_FUZZ_BINARY_H
#define IPSEVAL_FUZZ_BINARY_H

#include "tests/fuzz/fuzz_common.h"

#include "core/core_read.h"

static int fuzz_binary_one(const uint8_t *data, size_t size,
                           core_table *(*reader)(const char *, const core_read_opts *, core_err *))
{
    char path[64];
    int fd = fuzz_memfile(data, size, path, sizeof path);
    if (fd < 0)
        return 0;
    core_read_opts o = {.display_name = "fuzz.bin"};
    core_err err;
    core_table *t = reader(path, &o, &err);
    close(fd);
    if (t) {
        fuzz_check_table(t, 0);
        core_table_free(t);
    } else {
        FUZZ_REQUIRE(err.code == CORE_ERR_DATA || err.code == CORE_ERR_NOMEM, "a bad file is a data error");
        FUZZ_REQUIRE(strncmp(err.msg, "fuzz.bin", 8) == 0, "the message names the file");
    }
    return 0;
}

#endif
