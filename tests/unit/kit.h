/**
 * @file kit.h
 * @brief Test helpers: read a reference kit's data.csv and expected.csv (tests/reference/kits/<kit>/)
 *        so unit tests compare with R's numbers as the kit holds them, not with copies. A file, column or
 *        expected value that is not there is a counted failure (t_check.h), never a silent NaN.
 */
#ifndef IPSEVAL_TEST_KIT_H
#define IPSEVAL_TEST_KIT_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_read.h"
#include "core/core_table.h"
#include "tests/t_check.h"

#define KIT_DIR "tests/reference/kits/"

/** Read a CSV by its path from the repository root; exits the test with a message when missing. */
static core_table *kit_read_path(const char *path)
{
    core_err err;
    core_read_opts o = {0};
    core_table *t = core_read_delimited(path, &o, &err);
    if (!t) {
        t_true(0, "cannot read %s: %s", path, err.msg);
        exit(t_summary("kit"));
    }
    return t;
}

/** Read a kit file (e.g. "ohio_repeated/data.csv"). */
static core_table *kit_read(const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, KIT_DIR "%s", rel);
    return kit_read_path(path);
}

/** Numeric column by name (a copy; caller frees); missing cells are NaN. */
static double *kit_col(const core_table *t, const char *name)
{
    long c = core_table_find(t, name);
    if (c < 0) {
        t_true(0, "column %s not in %s", name, t->source);
        exit(t_summary("kit"));
    }
    double *v = malloc(t->n_rows * sizeof *v);
    for (size_t i = 0; i < t->n_rows; i++)
        if (core_cell_number(t, (size_t)c, i, &v[i]) != 1)
            v[i] = NAN;
    return v;
}

/** The value of (dataset, analysis, term, statistic) in an expected.csv table (dataset NULL: any);
 *  NaN when the value is empty in the kit (not estimable: only t_nan accepts it); NaN and a counted failure
 *  when the row is absent. */
static double kit_value_ds(const core_table *e, const char *dataset, const char *analysis, const char *term,
                           const char *stat)
{
    long ca = core_table_find(e, "analysis"), ct = core_table_find(e, "term"), cs = core_table_find(e, "statistic"),
         cv = core_table_find(e, "value"), cd = core_table_find(e, "dataset");
    char b0[256], b1[256], b2[256], b3[256];
    for (size_t i = 0; i < e->n_rows; i++) {
        if ((!dataset || strcmp(core_cell_text(e, (size_t)cd, i, b0, sizeof b0), dataset) == 0) && strcmp(core_cell_text(e, (size_t)ca, i, b1, sizeof b1), analysis) == 0 &&
            strcmp(core_cell_text(e, (size_t)ct, i, b2, sizeof b2), term) == 0 &&
            strcmp(core_cell_text(e, (size_t)cs, i, b3, sizeof b3), stat) == 0) {
            double v;
            return core_cell_number(e, (size_t)cv, i, &v) == 1 ? v : NAN;
        }
    }
    t_true(0, "expected value %s / %s / %s / %s not in %s", dataset ? dataset : "*", analysis, term, stat, e->source);
    return NAN;
}

static double kit_value(const core_table *e, const char *analysis, const char *term, const char *stat)
{
    return kit_value_ds(e, NULL, analysis, term, stat);
}

#endif
