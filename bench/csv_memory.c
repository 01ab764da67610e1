/* bench/csv_memory.sh's harness: the memory of reading one CSV file into a table.
 * usage: csv_memory FILE.csv
 * Prints "bytes B base_kb K peak_kb K table_bytes T cpu S": the file's size, the process's peak resident set
 * before the read (the baseline) and after it (getrusage: the read's own peak is peak - base), the bytes the
 * table keeps (core_table_bytes), and the read's CPU seconds. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "core/core_read.h"

#include "bench/bench.h"

static long peak_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: csv_memory FILE.csv\n");
        return 2;
    }
    struct stat st;
    if (stat(argv[1], &st) != 0) {
        perror(argv[1]);
        return 1;
    }
    long base = peak_kb();
    double c0 = cpu();
    core_err err;
    core_table *t = core_read_delimited(argv[1], NULL, &err);
    double c1 = cpu();
    if (!t) {
        fprintf(stderr, "csv_memory: %s\n", err.msg);
        return 1;
    }
    long peak = peak_kb();
    printf("bytes %lld base_kb %ld peak_kb %ld table_bytes %zu cpu %.3f rows %zu cols %zu\n", (long long)st.st_size,
           base, peak, core_table_bytes(t), c1 - c0, t->n_rows, t->n_cols);
    core_table_free(t);
    return 0;
}
