/* Writing a Results sheet of registry size: N result rows (default 1,000,000, close to a sheet's 1,048,576) into a
 * workbook with rpt_workbook_write, reporting the resident memory of the rows alone and the peak after writing.
 * The Results sheet streams its rows to a temporary file (libxlsxwriter constant-memory mode for that sheet), so
 * the writer adds little beyond the rows themselves. usage: workbook_rows OUT.xlsx [N]  (run by bench/workbook.sh) */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "core/core_results.h"
#include "reports/rpt.h"

static long peak_kb(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    long n = argc > 2 ? strtol(argv[2], NULL, 10) : 1000000;
    core_results *res = core_results_new();
    char tp[32], term[32];
    for (long i = 0; res && i < n; i++) {
        core_result_row x = CORE_RESULT_ROW_EMPTY;
        snprintf(tp, sizeof tp, "%ld", 2000 + i % 20);
        snprintf(term, sizeof term, "person %ld", i / 10);
        x.module = "did";
        x.analysis = "event_study";
        x.outcome = "workdays";
        x.timepoint = tp;
        x.term = term;
        x.method = "cr1";
        x.estimate = 0.001 * (double)i;
        x.se = 1.5;
        x.ci_low = x.estimate - 3;
        x.ci_high = x.estimate + 3;
        x.n = 770000;
        x.label = "benchmark row";
        if (core_results_add(res, &x) != CORE_OK)
            return 1;
    }
    long rows_kb = peak_kb();
    rpt_run run = {.title = "Results-sheet benchmark", .version = "bench", .confidence = 0.95, .currency = "NOK"};
    core_err err;
    core_err_clear(&err);
    if (rpt_workbook_write(res, &run, argv[1], &err) != CORE_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    printf("%ld rows: peak RSS with the rows in memory %ld MB, after writing the workbook %ld MB\n", n, rows_kb / 1024,
           peak_kb() / 1024);
    core_results_free(res);
    return 0;
}
