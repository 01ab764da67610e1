/* Test helper: the reference kits of tests/reference/kits (data.csv through the project's reader,
 * expected.csv as a lookup of analysis|outcome|term|statistic -> value). Header-only, for unit tests.
 * A file, column or expected value that is not there is a counted failure (t_check.h). */
#ifndef IPSEVAL_TESTS_KIT_REF_H
#define IPSEVAL_TESTS_KIT_REF_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_read.h"
#include "core/core_table.h"
#include "tests/t_check.h"

#define KIT_DIR "tests/reference/kits/"

typedef struct kit_ref {
    core_table *exp; /* expected.csv as a table */
    size_t c_an, c_out, c_term, c_stat, c_val;
} kit_ref;

static int kit_ref_load(kit_ref *k, const char *kit)
{
    char path[512];
    core_err err;
    snprintf(path, sizeof path, KIT_DIR "%s/expected.csv", kit);
    k->exp = core_read_delimited(path, NULL, &err);
    if (!k->exp) {
        t_true(0, "cannot read %s: %s", path, err.msg);
        return 0;
    }
    k->c_an = (size_t)core_table_find(k->exp, "analysis");
    k->c_out = (size_t)core_table_find(k->exp, "outcome");
    k->c_term = (size_t)core_table_find(k->exp, "term");
    k->c_stat = (size_t)core_table_find(k->exp, "statistic");
    k->c_val = (size_t)core_table_find(k->exp, "value");
    return 1;
}

/* The expected value; NaN when it is empty in the kit (not estimable: only t_nan accepts it); NaN and a
 * counted failure when the key is absent. */
static double kit_ref_get(const kit_ref *k, const char *analysis, const char *outcome, const char *term,
                          const char *stat)
{
    char b1[256], b2[256], b3[256], b4[256];
    for (size_t i = 0; i < k->exp->n_rows; i++) {
        if (strcmp(core_cell_text(k->exp, k->c_an, i, b1, sizeof b1), analysis) == 0 &&
            strcmp(core_cell_text(k->exp, k->c_out, i, b2, sizeof b2), outcome) == 0 &&
            strcmp(core_cell_text(k->exp, k->c_term, i, b3, sizeof b3), term) == 0 &&
            strcmp(core_cell_text(k->exp, k->c_stat, i, b4, sizeof b4), stat) == 0) {
            double v;
            return core_cell_number(k->exp, k->c_val, i, &v) == 1 ? v : NAN;
        }
    }
    t_true(0, "expected value %s|%s|%s|%s not in the kit", analysis, outcome, term, stat);
    return NAN;
}

static void kit_ref_free(kit_ref *k)
{
    core_table_free(k->exp);
}

/* Read a kit's data.csv; NULL (and a counted failure) on error. */
static core_table *kit_data(const char *kit)
{
    char path[512];
    core_err err;
    snprintf(path, sizeof path, KIT_DIR "%s/data.csv", kit);
    core_table *t = core_read_delimited(path, NULL, &err);
    if (!t)
        t_true(0, "cannot read %s: %s", path, err.msg);
    return t;
}

/* Column `name` of t as doubles (missing -> NaN); caller frees. */
static double *kit_column(const core_table *t, const char *name)
{
    long c = core_table_find(t, name);
    if (c < 0)
        t_true(0, "column %s not in %s", name, t->source);
    double *v = malloc(t->n_rows * sizeof *v);
    for (size_t i = 0; i < t->n_rows; i++)
        if (c < 0 || core_cell_number(t, (size_t)c, i, &v[i]) != 1)
            v[i] = NAN;
    return v;
}

#endif
