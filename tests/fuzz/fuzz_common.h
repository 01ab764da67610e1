/* Shared by the fuzz targets (tests/fuzz/fuzz_*.c) and by their replay in make check
 * (tests/unit/test_fuzz_regress.c, which #includes every target).
 *
 * The readers take a path, so each input is put in an anonymous in-memory file (memfd) and
 * read back through /proc/self/fd/N: no disk traffic, nothing left behind. The invariant checks
 * make a wrong-but-not-crashing table a finding too: they abort() with a message, which
 * libFuzzer reports as a crash and the replay test as a failure.
 *
 * Everything here is static (one copy per translation unit); guarded so the replay test can
 * include several targets. */
#ifndef IPSEVAL_FUZZ_COMMON_H
#define IPSEVAL_FUZZ_COMMON_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "core/core_table.h"

/* As cli/main.c: GSL returns error codes, never aborts (the code checks them); a GSL abort in a target
 * would be a finding the program cannot have. */
__attribute__((constructor, unused)) static void fuzz_gsl_handler_off(void)
{
    gsl_set_error_handler_off();
}

/* An in-memory file holding data; path is "/proc/self/fd/N". Returns the fd (close it), -1 on failure. */
__attribute__((unused)) static int fuzz_memfile(const uint8_t *data, size_t size, char *path, size_t path_size)
{
    int fd = memfd_create("ipseval-fuzz", 0);
    if (fd < 0)
        return -1;
    size_t off = 0;
    while (off < size) {
        ssize_t w = write(fd, data + off, size - off);
        if (w <= 0) {
            close(fd);
            return -1;
        }
        off += (size_t)w;
    }
    snprintf(path, path_size, "/proc/self/fd/%d", fd);
    return fd;
}

#define FUZZ_REQUIRE(cond, what)                                                                              \
    do {                                                                                                      \
        if (!(cond)) {                                                                                        \
            fprintf(stderr, "fuzz invariant broken: %s (%s) at %s:%d\n", what, #cond, __FILE__, __LINE__);  \
            abort();                                                                                          \
        }                                                                                                     \
    } while (0)

/* What every reader promises about a table it returns (core_table.h, core_read.h). text_rows: row_src
 * are physical lines, strictly increasing after the header line. */
__attribute__((unused)) static void fuzz_check_table(const core_table *t, int text_rows)
{
    FUZZ_REQUIRE(t->n_rows > 0 && t->n_cols > 0, "a table has rows and columns");
    FUZZ_REQUIRE(t->source && t->cols, "a table owns its arrays");
    long prev = 1;
    for (size_t i = 0; i < t->n_rows; i++) {
        if (text_rows) {
            FUZZ_REQUIRE(core_table_line(t, i) > prev, "text rows start on increasing lines after the header");
            prev = core_table_line(t, i);
        } else {
            FUZZ_REQUIRE(core_table_line(t, i) == (long)i + 1, "binary rows are observation numbers");
        }
    }
    char buf[512], where[1024];
    for (size_t j = 0; j < t->n_cols; j++) {
        const core_column *c = &t->cols[j];
        FUZZ_REQUIRE(c->name != NULL, "a column has a name");
        if (text_rows) {
            FUZZ_REQUIRE(c->name[0] != '\0', "text header names are non-empty");
            FUZZ_REQUIRE(core_table_find(t, c->name) == (long)j, "text header names are unique");
        }
        if (c->type == CORE_COL_CATEGORICAL) {
            for (size_t k = 0; k < c->n_levels; k++) {
                FUZZ_REQUIRE(c->levels[k] && c->levels[k][0] != '\0', "levels are non-empty");
                for (size_t q = 0; q < k && q < 64; q++)
                    FUZZ_REQUIRE(strcmp(c->levels[k], c->levels[q]) != 0, "levels are unique");
            }
        } else {
            FUZZ_REQUIRE(c->type == CORE_COL_NUMERIC, "a column is numeric or categorical");
        }
        for (size_t i = 0; i < t->n_rows; i++) {
            if (c->type == CORE_COL_CATEGORICAL) {
                int code = core_col_code(c, i);
                FUZZ_REQUIRE(code >= -1 && code < (long)c->n_levels, "codes index the levels");
                FUZZ_REQUIRE((code == -1) == (core_col_missing(c, i) != 0), "code -1 exactly where missing");
            } else if (!core_col_missing(c, i)) {
                FUZZ_REQUIRE(isfinite(core_col_num(c, i)), "numbers are finite (no Inf/NaN from the text)");
            }
            const char *txt = core_cell_text(t, j, i, buf, sizeof buf);
            FUZZ_REQUIRE(txt && (core_col_missing(c, i) ? txt[0] == '\0' : 1), "missing cells print empty");
            double v;
            int r = core_cell_number(t, j, i, &v);
            FUZZ_REQUIRE(r == 0 ? core_col_missing(c, i) != 0 : (r == 1 ? isfinite(v) : r == -1), "cell numbers are finite");
            core_cell_where(t, j, i, where, sizeof where);
        }
    }
}

#endif
