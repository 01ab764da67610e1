/* bench/registry.sh's harness for spells -> workdays (rw_spells_apply), two modes:
 *   spells_bench split IN.csv OUT.csv   cut each spell of IN (person,start,end,share, grouped by person) into 3 or
 *                                       4 consecutive, non-overlapping pieces covering the same days: the same
 *                                       workdays from ~3.4x the spells (the simulator gives ~3 spells a person)
 *   spells_bench CONFIG.ini SPELLS.csv  load the panel of [registry] data (outcome: a new name; `workdays` of the
 *                                       panel is the simulator's truth), time rw_spells_apply alone, and count the
 *                                       person-years whose workdays differ from the panel's `workdays` column
 * Prints "spells N seconds S rate R mismatches M person_years P cpu C peak_growth_mb G" (C: CPU seconds of the
 * step; G: how much the process's peak resident memory grew during it, the step's own memory). */
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/core_config.h"
#include "core/core_data.h"
#include "realworld/rw.h"

#include "bench/bench.h"

/* civil date <-> days since 1970-01-01 (Hinnant) */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, char *out)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    sprintf(out, "%04ld-%02u-%02u", y + (m <= 2), m, d);
}

/* Peak resident memory so far (VmHWM, kB): its growth over a step is the step's own peak need */
static long hwm_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0)
            kb = atol(line + 6);
    if (f)
        fclose(f);
    return kb;
}

static int split(const char *in, const char *out)
{
    FILE *f = fopen(in, "r"), *g = fopen(out, "w");
    if (!f || !g) {
        fprintf(stderr, "spells_bench: cannot open %s or %s\n", in, out);
        return 1;
    }
    char line[512], person[128], share[32];
    unsigned y1, m1, d1, y2, m2, d2;
    long k = 0, written = 0;
    if (!fgets(line, sizeof line, f))
        return 1;
    fputs(line, g);
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "%127[^,],%u-%u-%u,%u-%u-%u,%31[^\r\n]", person, &y1, &m1, &d1, &y2, &m2, &d2, share) != 8) {
            fputs(line, g); /* not a closed spell: as it is */
            written++;
            continue;
        }
        long a = days_from_civil(y1, m1, d1), b = days_from_civil(y2, m2, d2);
        long pieces = 3 + (k++ % 5 < 2), len = b - a + 1;
        if (pieces > len)
            pieces = len;
        for (long q = 0; q < pieces; q++) {
            long from = a + len * q / pieces, to = a + len * (q + 1) / pieces - 1;
            char s1[16], s2[16];
            civil_from_days(from, s1);
            civil_from_days(to, s2);
            fprintf(g, "%s,%s,%s,%s\n", person, s1, s2, share);
            written++;
        }
    }
    fclose(f);
    if (fclose(g) != 0)
        return 1;
    printf("split %ld spells into %ld\n", k, written);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "split") == 0)
        return split(argv[2], argv[3]);
    if (argc != 3) {
        fprintf(stderr, "usage: spells_bench CONFIG.ini SPELLS.csv | spells_bench split IN.csv OUT.csv\n");
        return 2;
    }
    gsl_set_error_handler_off();
    core_err err;
    core_config *cfg = core_config_load(argv[1], schema, 2, &err);
    if (!cfg) {
        fprintf(stderr, "spells_bench: %s\n", err.msg);
        return 1;
    }
    rw_spec s;
    core_table *t;
    rw_panel p;
    if (rw_spec_from_config(cfg, 0.95, &s, &err) != CORE_OK ||
        core_data_read_section(cfg, "registry", "data", &t, NULL, &err) != CORE_OK ||
        rw_panel_load(cfg, &s, t, &p, &err) != CORE_OK) {
        fprintf(stderr, "spells_bench: %s\n", err.msg);
        return 1;
    }
    rw_spell_info info;
    long m0 = hwm_kb();
    double t0 = now(), c0 = cpu();
    if (rw_spells_apply(cfg, &s, argv[2], argv[2], (time_t)1900000000, &p, &info, &err) != CORE_OK) {
        fprintf(stderr, "spells_bench: %s\n", err.msg);
        return 1;
    }
    double t1 = now(), c1 = cpu();
    long truth = core_table_find(t, "workdays"), mism = -1;
    if (truth >= 0) {
        mism = 0;
        for (size_t k = 0; k < p.n; k++)
            if (fabs(p.y[k] - core_col_num(&t->cols[truth], p.row ? p.row[k] : k)) > 1e-9) /* no index: every row */
                mism++;
    }
    printf("spells %ld seconds %.4f rate %.0f mismatches %ld person_years %zu cpu %.4f peak_growth_mb %.1f\n",
           info.spells, t1 - t0, (double)info.spells / (t1 - t0), mism, p.n, c1 - c0,
           (double)(hwm_kb() - m0) / 1024.0);
    rw_panel_free(&p);
    rw_spec_free(&s);
    core_table_free(t);
    core_config_free(cfg);
    return 0;
}
