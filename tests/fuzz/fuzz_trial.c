/* Fuzz target: the whole trial run as the command line does it (`ipseval rct`), on fuzzed data with two
 * fixed configs (the outcome columns read as binary, then as continuous): config load, the data reader,
 * the trial validation and analyses, the results CSV and the workbook, written atomically into a scratch
 * directory. Invariants: an exit status of SPEC §1
 * (0 ok, 1 analysis, 2 config - e.g. an arm level the data lack -, 3 data; never 4 into a writable
 * directory), no temporary file left behind, and on success a results file without nan/inf text.
 * Built only by `make fuzz` (it links the cli/ objects); its corpus is replayed through bin/ipseval
 * by tests/hardening/run.sh. */
#include "tests/fuzz/fuzz_common.h"

#include <dirent.h>
#include <fcntl.h>

#include "cli/cli.h"

static char fz_dir[256];
static char fz_data[300], fz_out[300], fz_res[300], fz_ini[300], fz_ini2[300];

static const char fz_config[] =
    "[project]\n"
    "title = fuzz\n"
    "seed = 1\n"
    "[trial]\n"
    "data = data.csv\n"
    "id = id\n"
    "arm = arm\n"
    "treatment = IPS\n"
    "control = TAU\n"
    "site = county\n"
    "timepoints = 6, 12, 18\n"
    "[outcome:employment]\n"
    "type = binary\n"
    "columns = emp6, emp12, emp18\n"
    "primary = yes\n";

/* the same columns read as a continuous outcome: means, SDs, t tests, ANCOVA, Hedges' g, Wilcoxon on
 * whatever numbers the fuzzer puts there (1e308 once gave "-nan" labels and Inf estimates) */
static const char fz_config2[] =
    "[project]\n"
    "title = fuzz continuous\n"
    "seed = 1\n"
    "[trial]\n"
    "data = data.csv\n"
    "id = id\n"
    "arm = arm\n"
    "treatment = IPS\n"
    "control = TAU\n"
    "site = county\n"
    "timepoints = 6, 12, 18\n"
    "[outcome:score]\n"
    "type = continuous\n"
    "columns = emp6, emp12, emp18\n";

static int fz_write(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int bad = size && fwrite(data, 1, size, f) != size;
    return (fclose(f) != 0 || bad) ? -1 : 0;
}

/* Remove the scratch directory when the process ends (children of the replay exit without it). */
static void fz_cleanup(void)
{
    unlink(fz_data);
    unlink(fz_out);
    unlink(fz_res);
    unlink(fz_ini);
    unlink(fz_ini2);
    rmdir(fz_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    snprintf(fz_dir, sizeof fz_dir, "%s/ipseval-fuzz-trial-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(fz_dir))
        abort();
    snprintf(fz_data, sizeof fz_data, "%s/data.csv", fz_dir);
    snprintf(fz_out, sizeof fz_out, "%s/o.xlsx", fz_dir);
    snprintf(fz_res, sizeof fz_res, "%s/r.csv", fz_dir);
    snprintf(fz_ini, sizeof fz_ini, "%s/t.ini", fz_dir);
    snprintf(fz_ini2, sizeof fz_ini2, "%s/t2.ini", fz_dir);
    if (fz_write(fz_ini, fz_config, sizeof fz_config - 1) != 0 ||
        fz_write(fz_ini2, fz_config2, sizeof fz_config2 - 1) != 0)
        abort();
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    atexit(fz_cleanup);
    return 0;
}

/* Only the four files we made may be in the directory. */
static void fz_no_strays(void)
{
    DIR *d = opendir(fz_dir);
    FUZZ_REQUIRE(d != NULL, "scratch directory readable");
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *n = e->d_name;
        if (!strcmp(n, ".") || !strcmp(n, "..") || !strcmp(n, "t.ini") || !strcmp(n, "t2.ini") || !strcmp(n, "data.csv") ||
            !strcmp(n, "o.xlsx") || !strcmp(n, "r.csv"))
            continue;
        fprintf(stderr, "stray file %s/%s\n", fz_dir, n);
        FUZZ_REQUIRE(0, "no temporary file is left behind");
    }
    closedir(d);
}

/* A word nan or inf (any case, optionally signed) anywhere in a line: never in results (SPEC §4: NaN is
 * an empty field; a degenerate statistic says why in `label`, never with a bare nan). The one exception is
 * a whole numeric field "Inf" or "-Inf", R's spelling of an infinite value (e.g. the conditional MLE of an
 * odds ratio with an empty cell, as fisher.test gives it). */
static int fz_has_nan_word(const char *line)
{
    for (const char *p = line; *p; p++) {
        if (p > line && ((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z')))
            continue;
        int is_inf = strncasecmp(p, "inf", 3) == 0;
        if (strncasecmp(p, "nan", 3) != 0 && !is_inf)
            continue;
        char c = p[3];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            continue;
        const char *b = p > line && p[-1] == '-' ? p - 1 : p; /* the field starts here when it is a number */
        if (is_inf && strncmp(p, "Inf", 3) == 0 && c == ',' && b > line && b[-1] == ',')
            continue;
        return 1;
    }
    return 0;
}

static void fz_run(const char *ini)
{
    unlink(fz_res);
    cli_opts o = {.command = "rct", .config = ini, .output = fz_out, .results = fz_res, .quiet = 1,
                  .no_progress = 1};
    int rc = cli_cmd_analyse(&o);
    FUZZ_REQUIRE(rc >= 0 && rc <= 3, "exit status is 0-3 for data into a writable directory");
    fz_no_strays();
    if (rc == 0) {
        FILE *f = fopen(fz_res, "rb");
        FUZZ_REQUIRE(f != NULL, "a successful run writes the results");
        char line[8192];
        while (fgets(line, sizeof line, f))
            FUZZ_REQUIRE(!fz_has_nan_word(line), "no nan/inf in results (numbers or labels)");
        fclose(f);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fz_write(fz_data, data, size) != 0)
        return 0;
    fz_run(fz_ini);
    fz_run(fz_ini2);
    return 0;
}
