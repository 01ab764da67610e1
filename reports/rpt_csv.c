/* The tidy results CSV (SPEC §4): RFC 4180 quoting, 17 significant digits, written atomically. */
#include "reports/rpt.h"
#include "core/core_table.h"
#include "core/core_text.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* A text field that a spreadsheet would take for a formula: it starts with = + - @, a tab or a CR and
 * is not a number (OWASP "CSV injection"). */
int rpt_csv_formula_like(const char *s)
{
    double v;
    return s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r') &&
           !core_parse_double(s, '.', &v);
}

/* A string field, quoted only when it holds a comma, a quote or a line break; a formula-like one is
 * written with a leading apostrophe unless verbatim ([project] csv_formula_guard = no). */
static void put_field(FILE *f, const char *s, int verbatim)
{
    if (!s)
        return;
    core_csv_put_field(f, s, !verbatim && rpt_csv_formula_like(s));
}

/* A number: empty for NaN, R's spelling for infinities, otherwise round-trip exact. */
static void put_number(FILE *f, double x)
{
    if (isnan(x))
        return;
    if (isinf(x))
        fputs(x > 0 ? "Inf" : "-Inf", f);
    else
        fprintf(f, "%.17g", x);
}

static void put_row(FILE *f, const core_result_row *r, int small_cell, int verbatim)
{
    const char *s1[] = {r->module, r->analysis, r->outcome, r->timepoint, r->term, r->method};
    const double nums[] = {r->estimate, r->se,      r->ci_low,     r->ci_high, r->statistic,
                           r->df,       r->p_value, r->p_adjusted, r->n};
    for (size_t i = 0; i < sizeof s1 / sizeof s1[0]; i++) {
        put_field(f, s1[i], verbatim);
        fputc(',', f);
    }
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        if (i == 8 && (r->hidden & CORE_HIDE_N) && small_cell > 0)
            fprintf(f, "<%d", small_cell); /* a count withheld by disclosure control (rpt_disclose) */
        else
            put_number(f, nums[i]);
        fputc(',', f);
    }
    put_field(f, r->label, verbatim);
    fputc('\n', f);
}

core_status rpt_results_write_csv_staged(const core_results *res, core_atomic *a, core_err *err)
{
    return rpt_results_write_csv_stream(res, a->f, a->path, err);
}

core_status rpt_results_write_csv_stream(const core_results *res, FILE *f, const char *name, core_err *err)
{
    /* "%.17g" must give a decimal point whatever locale the program set (a comma would break
     * the file); uselocale changes this thread only. */
    locale_t cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    locale_t old = cloc ? uselocale(cloc) : (locale_t)0;

    for (size_t i = 0; core_results_columns[i]; i++) {
        if (i)
            fputc(',', f);
        put_field(f, core_results_columns[i], 1);
    }
    fputc('\n', f);
    for (size_t i = 0; res && i < res->n; i++)
        put_row(f, &res->rows[i], res->small_cell, res->csv_verbatim);

    if (cloc) {
        uselocale(old);
        freelocale(cloc);
    }
    /* Every failure so far is sticky in the stream; the commit flushes, syncs and checks it. */
    if (ferror(f))
        return core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': write error", name);
    return CORE_OK;
}

core_status rpt_results_write_csv(const core_results *res, const char *path, core_err *err)
{
    core_atomic a;
    core_status st = core_atomic_begin(&a, path, err);
    if (st != CORE_OK)
        return st;
    if ((st = rpt_results_write_csv_staged(res, &a, err)) != CORE_OK) {
        core_atomic_abort(&a);
        return st;
    }
    return core_atomic_commit(&a, err);
}
