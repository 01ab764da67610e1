/* reports/: results CSV (quoting, exact numbers, atomic replace), SHA-256, format helpers and the
 * workbook (writes, is byte-identical on a rerun, passes tests/e2e/read_xlsx.py). Run from the
 * repository root; temporary outputs go to build/tmp-tests/. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rct/rct.h"
#include "reports/rpt.h"
#include "tests/t_check.h"

#define TMP "build/tmp-tests/reports"

/* ---------- helpers ---------- */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *b = malloc(cap + 1);
    size_t got;
    while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(b, 2 * cap + 1);
            if (!nb) {
                free(b);
                b = NULL;
                break;
            }
            b = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (b)
        b[n] = '\0';
    if (len)
        *len = n;
    return b;
}

static int same_bytes(const char *a, const char *b)
{
    size_t la, lb;
    char *x = slurp(a, &la), *y = slurp(b, &lb);
    int same = x && y && la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

static int write_bytes(const char *path, const char *s)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    int ok = fputs(s, f) >= 0;
    return fclose(f) == 0 && ok;
}

/* Files in dir whose name starts with prefix (the atomic writer's ".<base>." temporaries). */
static int count_prefixed(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    closedir(d);
    return n;
}

/* Minimal RFC 4180 reader: fields[r][c] of the whole file (test-sized inputs). */
enum { MAXR = 32, MAXC = 20, MAXF = 256 };
static char fields[MAXR][MAXC][MAXF];
static int nfields[MAXR];

static int parse_csv(const char *s)
{
    int r = 0, c = 0;
    size_t k = 0;
    int quoted = 0, at_start = 1;
    memset(nfields, 0, sizeof nfields);
    for (; *s && r < MAXR; s++) {
        if (quoted) {
            if (*s == '"' && s[1] == '"') {
                fields[r][c][k++] = '"';
                s++;
            } else if (*s == '"') {
                quoted = 0;
            } else if (k < MAXF - 1) {
                fields[r][c][k++] = *s;
            }
            continue;
        }
        if (*s == '"' && at_start) {
            quoted = 1;
            at_start = 0;
        } else if (*s == ',' || *s == '\n') {
            fields[r][c][k] = '\0';
            k = 0;
            at_start = 1;
            if (*s == ',') {
                c++;
            } else {
                nfields[r] = c + 1;
                r++;
                c = 0;
            }
        } else if (k < MAXF - 1 && c < MAXC) {
            fields[r][c][k++] = *s;
            at_start = 0;
        }
    }
    return r;
}

static double num_field(const char *s)
{
    if (!*s)
        return NAN;
    return strtod(s, NULL); /* accepts "Inf" and "-Inf" too */
}

/* ---------- SHA-256 ---------- */

static void test_sha256(void)
{
    char h[65];
    rpt_sha256_buffer("", 0, h);
    t_str(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha256 of \"\"");
    rpt_sha256_buffer("abc", 3, h);
    t_str(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "sha256 of \"abc\"");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"; /* FIPS 180-2 B.2 */
    rpt_sha256_buffer(two, strlen(two), h);
    t_str(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
          "sha256 of the 448-bit vector");

    /* One million 'a' (FIPS 180-2 B.3): a file larger than the 64 KiB read chunk. */
    const char *path = TMP "/million_a.txt";
    static char a1000[1000];
    memset(a1000, 'a', sizeof a1000);
    FILE *f = fopen(path, "wb");
    int ok = f != NULL;
    for (int i = 0; ok && i < 1000; i++)
        ok = fwrite(a1000, 1, sizeof a1000, f) == sizeof a1000;
    if (f)
        ok = fclose(f) == 0 && ok;
    t_true(ok, "sha256: wrote the million-a file");
    core_err err = {0};
    t_int(rpt_sha256_file(path, h, &err), CORE_OK, "sha256 file: status");
    t_str(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", "sha256 of one million 'a'");

    remove(path);
    t_int(rpt_sha256_file(TMP "/no-such-file.csv", h, &err), CORE_ERR_IO,
          "sha256 of a missing file: CORE_ERR_IO");
    t_contains(err.msg, "no-such-file.csv", "sha256 error names the file");
}

/* ---------- format helpers ---------- */

#define MINUS "\xe2\x88\x92"

static void test_format(void)
{
    char b[128];
    t_str(rpt_fmt_ci(10.3, 1.2, 19.4, 1, b, sizeof b), "10.3 (1.2 to 19.4)", "fmt_ci percentage points");
    t_str(rpt_fmt_ci(0.103, 0.012, 0.194, 1, b, sizeof b), "0.1 (0.0 to 0.2)",
          "fmt_ci prints the numbers as given");
    t_str(rpt_fmt_ci(0.103, 0.012, 0.194, 3, b, sizeof b), "0.103 (0.012 to 0.194)", "fmt_ci 3 decimals");
    t_str(rpt_fmt_ci(-2.14, -8.04, 3.76, 1, b, sizeof b), MINUS "2.1 (" MINUS "8.0 to 3.8)",
          "fmt_ci real minus sign");
    t_str(rpt_fmt_ci(-0.04, -1.0, 0.9, 1, b, sizeof b), "0.0 (" MINUS "1.0 to 0.9)",
          "fmt_ci: no sign on a zero");
    t_str(rpt_fmt_ci(1.3756, 1.0412, 1.8349, 2, b, sizeof b), "1.38 (1.04 to 1.83)",
          "fmt_ci ratio, 2 decimals");
    t_str(rpt_fmt_ci(2.1, 0.5, INFINITY, 2, b, sizeof b), "2.10 (0.50 to \xe2\x88\x9e)",
          "fmt_ci infinite bound");
    t_str(rpt_fmt_ci(NAN, 1, 2, 1, b, sizeof b), "n/a", "fmt_ci NaN estimate");
    t_str(rpt_fmt_ci(1.38, NAN, 1.9, 2, b, sizeof b), "1.38 (CI n/a)", "fmt_ci NaN bound");
    t_str(rpt_fmt_ci(10.3, 1.2, 19.4, 1, b, 8), "10.3 (1", "fmt_ci truncates to the buffer");
    t_str(rpt_fmt_ci(-2.14, -8.04, 3.76, 1, b, 3), "", "fmt_ci never splits a UTF-8 minus");
    t_str(rpt_fmt_num(-12345.678, 2, b, sizeof b), MINUS "12345.68", "fmt_num negative");
    t_str(rpt_fmt_num(3, 0, b, sizeof b), "3", "fmt_num 0 decimals");

    t_str(rpt_fmt_p(0.0004, b, sizeof b), "<0.001", "fmt_p below 0.001");
    t_str(rpt_fmt_p(0.00099999, b, sizeof b), "<0.001", "fmt_p just below 0.001");
    t_str(rpt_fmt_p(0.001, b, sizeof b), "0.001", "fmt_p at 0.001");
    t_str(rpt_fmt_p(0.0251, b, sizeof b), "0.025", "fmt_p 3 decimals");
    t_str(rpt_fmt_p(0.04999, b, sizeof b), "0.050", "fmt_p rounds");
    t_str(rpt_fmt_p(1, b, sizeof b), "1.000", "fmt_p one");
    t_str(rpt_fmt_p(0, b, sizeof b), "<0.001", "fmt_p zero");
    t_str(rpt_fmt_p(NAN, b, sizeof b), "n/a", "fmt_p NaN");

    t_str(rpt_fmt_count(3, 5, b, sizeof b), "<5", "fmt_count below threshold");
    t_str(rpt_fmt_count(0, 5, b, sizeof b), "<5", "fmt_count zero is suppressed too");
    t_str(rpt_fmt_count(5, 5, b, sizeof b), "5", "fmt_count at threshold");
    t_str(rpt_fmt_count(205, 5, b, sizeof b), "205", "fmt_count above threshold");
    t_str(rpt_fmt_count(3, 0, b, sizeof b), "3", "fmt_count without control");
    t_str(rpt_fmt_count(NAN, 5, b, sizeof b), "n/a", "fmt_count NaN");

    t_true(rpt_sheet_name_valid("Trial outcomes"), "sheet name ok");
    t_true(rpt_sheet_name_valid("1234567890123456789012345678901"), "sheet name of 31 characters ok");
    t_true(!rpt_sheet_name_valid("12345678901234567890123456789012"), "sheet name of 32 characters refused");
    t_true(rpt_sheet_name_valid("Sysselsetting \xc3\xa5r 1 \xc3\xb8\xc3\xa6 "
                                "\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5\xc3\xa5"),
           "sheet name counts characters, not bytes");
    t_true(!rpt_sheet_name_valid("a/b"), "sheet name with / refused");
    t_true(!rpt_sheet_name_valid("a[1]"), "sheet name with [ ] refused");
    t_true(!rpt_sheet_name_valid("Q?"), "sheet name with ? refused");
    t_true(!rpt_sheet_name_valid("'x"), "sheet name starting with an apostrophe refused");
    t_true(!rpt_sheet_name_valid(""), "empty sheet name refused");

    const rpt_method_info *m = rpt_method_lookup(RCT_RISK_DIFFERENCE, "newcombe");
    t_true(m && strstr(m->reference, "1998;17:873-890"), "methods: Newcombe reference");
    m = rpt_method_lookup("odds_ratio", "woolf");
    t_true(m && strstr(m->reference, "Woolf B"), "methods: Woolf reference");
    t_true(rpt_method_lookup(RCT_RISK_DIFFERENCE, "nonsense") == NULL, "methods: unknown pair gives NULL");
    m = rpt_method_lookup("cox", "exact");
    t_true(m && m->method == NULL, "methods: unknown method of a known analysis gets the generic entry");
}

/* ---------- result rows ---------- */

static void add(core_results *r, const char *analysis, const char *outcome, const char *tp, const char *term,
                const char *method, double est, double lo, double hi, double p, double n, const char *label)
{
    core_result_row x = CORE_RESULT_ROW_EMPTY;
    x.module = "rct";
    x.analysis = analysis;
    x.outcome = outcome;
    x.timepoint = tp;
    x.term = term;
    x.method = method;
    x.estimate = est;
    x.ci_low = lo;
    x.ci_high = hi;
    x.p_value = p;
    x.n = n;
    x.label = label;
    core_results_add(r, &x);
}

/* A small two-timepoint trial plus rows that exercise every path of the writers. */
static core_results *sample_rows(void)
{
    core_results *r = core_results_new();
    if (!r)
        return NULL;
    const char *tps[] = {"6", "18"};
    const double pt[] = {0.2634146341463415, 0.37398373983739837},
                 pc[] = {0.1951219512195122, 0.2710027100271003};
    for (int i = 0; i < 2; i++) {
        char lt[32], lc[32];
        snprintf(lt, sizeof lt, "%.0f/205", pt[i] * 205);
        snprintf(lc, sizeof lc, "%.0f/205", pc[i] * 205);
        add(r, "arm_summary", "emp", tps[i], "IPS", "wilson", pt[i], pt[i] - 0.06, pt[i] + 0.06, NAN, 205,
            lt);
        add(r, "arm_summary", "emp", tps[i], "TAU", "wilson", pc[i], pc[i] - 0.055, pc[i] + 0.06, NAN, 205,
            lc);
        add(r, RCT_RISK_DIFFERENCE, "emp", tps[i], "arm", "wald", pt[i] - pc[i], -0.01, 0.19, NAN, 410, NULL);
        add(r, RCT_RISK_DIFFERENCE, "emp", tps[i], "arm", "newcombe", pt[i] - pc[i], 0.012, 0.194, NAN, 410,
            NULL);
        add(r, "risk_ratio", "emp", tps[i], "arm", "log_wald", pt[i] / pc[i], 1.04, 1.83, NAN, 410, NULL);
        add(r, "odds_ratio", "emp", tps[i], "arm", "woolf", 1.6, 1.05, 2.44, NAN, 410, NULL);
        add(r, "odds_ratio", "emp", tps[i], "arm", "fisher_cmle", 1.59, 1.02, 2.5, NAN, 410, NULL);
        add(r, "chisq_test", "emp", tps[i], "arm", "pearson", NAN, NAN, NAN, i ? 0.025 : 0.00012, 410, NULL);
        add(r, "fisher_exact", "emp", tps[i], "arm", "two_sided", NAN, NAN, NAN, i ? 0.031 : 0.0002, 410,
            NULL);
    }
    /* A rare outcome: 2 events in the control arm, an undefined ratio and an infinite bound. */
    add(r, "arm_summary", "any_job", NULL, "IPS", "wilson", 9.0 / 30, 0.17, 0.48, NAN, 30, "9/30");
    add(r, "arm_summary", "any_job", NULL, "TAU", "wilson", 2.0 / 30, 0.018, 0.21, NAN, 30, "2/30");
    add(r, RCT_RISK_DIFFERENCE, "any_job", NULL, "arm", "newcombe", 7.0 / 30, 0.04, 0.41, NAN, 60, NULL);
    add(r, "risk_ratio", "any_job", NULL, "arm", "log_wald", NAN, NAN, NAN, NAN, 60,
        "undefined: zero events in the control arm, \"see\" note");
    add(r, "odds_ratio", "any_job", NULL, "arm", "fisher_cmle", 5.8, 1.1, INFINITY, NAN, 60, NULL);
    add(r, "fisher_exact", "any_job", NULL, "arm", "two_sided", NAN, NAN, NAN, 0.0419, 60, NULL);

    /* A tiny subgroup: n itself is below a small-cell threshold of 5 (and no label in the config). */
    add(r, "arm_summary", "tiny", "12", "IPS", "wilson", 0.5, 0.15, 0.85, NAN, 4, "2/4");
    add(r, "arm_summary", "tiny", "12", "TAU", "wilson", 0.25, 0.05, 0.7, NAN, 4, "1/4");

    core_result_row x = CORE_RESULT_ROW_EMPTY;
    x.module = "fidelity";
    x.analysis = "total_score";
    x.term = "site A, north";
    x.method = "new\nmethod";
    x.estimate = 1.0 / 3.0;
    x.se = 1e-300;
    x.statistic = -INFINITY;
    x.df = 123456789.123456789;
    x.n = 12;
    x.label = "Fair; \"good\" next year";
    core_results_add(r, &x);
    return r;
}

/* ---------- CSV ---------- */

static void test_csv(void)
{
    core_results *r = sample_rows();
    if (!t_true(r != NULL, "csv: rows built"))
        return;
    core_err err = {0};
    const char *path = TMP "/results.csv";
    t_int(rpt_results_write_csv(r, path, &err), CORE_OK, "csv: write");
    size_t len;
    char *text = slurp(path, &len);
    if (!t_true(text != NULL, "csv: read back")) {
        core_results_free(r);
        return;
    }
    t_true(
        strncmp(
            text,
            "module,analysis,outcome,timepoint,term,method,estimate,se,ci_low,ci_high,statistic,df,p_value,"
            "p_adjusted,n,label\n",
            113) == 0,
        "csv: header line");
    t_contains(text, ",\"site A, north\",\"new\nmethod\",", "csv: fields with comma or newline are quoted");
    t_contains(text, ",\"Fair; \"\"good\"\" next year\"\n", "csv: quotes doubled inside a quoted field");
    t_contains(text, "rct,arm_summary,emp,6,IPS,wilson,", "csv: plain fields unquoted");
    t_contains(text, ",-Inf,", "csv: -Inf spelled as R does");
    t_contains(text, ",Inf,", "csv: Inf spelled as R does");
    t_contains(text, "\nrct,arm_summary,any_job,,IPS,", "csv: NULL timepoint is an empty field");

    int nrec = parse_csv(text);
    t_int(nrec, (long)r->n + 1, "csv: one record per row plus the header");
    int fields_ok = 1, exact = 1;
    for (size_t i = 0; i < r->n && (int)i + 1 < nrec; i++) {
        const core_result_row *x = &r->rows[i];
        int k = (int)i + 1;
        fields_ok &= nfields[k] == 16;
        const char *s[] = {x->module, x->analysis, x->outcome, x->timepoint, x->term, x->method};
        for (int c = 0; c < 6; c++)
            fields_ok &= strcmp(fields[k][c], s[c] ? s[c] : "") == 0;
        fields_ok &= strcmp(fields[k][15], x->label ? x->label : "") == 0;
        const double v[] = {x->estimate, x->se,      x->ci_low,     x->ci_high, x->statistic,
                            x->df,       x->p_value, x->p_adjusted, x->n};
        for (int c = 0; c < 9; c++) {
            double got = num_field(fields[k][6 + c]);
            /* exact: 17 significant digits round-trip every double; NaN <-> empty */
            if (!((isnan(v[c]) && isnan(got)) || got == v[c]))
                exact = 0;
        }
    }
    t_true(fields_ok, "csv: every string field round-trips (quoting, empty for NULL)");
    t_true(exact, "csv: every number round-trips exactly (NaN as empty, +-Inf)");
    free(text);

    /* The temporary file is gone and the permissions are the usual ones, not mkstemp's 0600. */
    t_int(count_prefixed(TMP, ".results.csv."), 0, "csv: no temporary file left after success");
    struct stat st;
    t_true(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644, "csv: mode 0644 under umask 022");

    /* An empty result list still writes the header. */
    core_results *none = core_results_new();
    t_int(rpt_results_write_csv(none, TMP "/empty.csv", &err), CORE_OK, "csv: empty list writes");
    text = slurp(TMP "/empty.csv", &len);
    t_int((long)len, 113, "csv: empty list is the header only");
    free(text);
    core_results_free(none);
    core_results_free(r);
}

/* ---------- atomic replacement ---------- */

static void test_atomic(void)
{
    core_results *r = sample_rows();
    if (!t_true(r != NULL, "atomic: rows built"))
        return;
    core_err err = {0};
    const char *path = TMP "/atomic.csv", *saved = TMP "/atomic.saved";

    /* Replacing a previous file works ... */
    t_true(write_bytes(path, "old contents\n"), "atomic: previous file written");
    t_int(rpt_results_write_csv(r, path, &err), CORE_OK, "atomic: replace an existing file");
    size_t len;
    char *text = slurp(path, &len);
    t_true(text && strncmp(text, "module,", 7) == 0, "atomic: new contents in place");
    free(text);
    text = slurp(path, &len);
    t_true(text && write_bytes(saved, text), "atomic: reference copy of the current file");
    free(text);

    /* ... a directory that does not exist gives a clear message ... */
    err = (core_err){0};
    t_int(rpt_results_write_csv(r, TMP "/no-such-dir/x.csv", &err), CORE_ERR_OUTPUT,
          "atomic: missing directory");
    t_contains(err.msg, "cannot write '" TMP "/no-such-dir/x.csv'", "atomic: message names the path");
    t_contains(err.msg, "directory '" TMP "/no-such-dir' does not exist",
               "atomic: message names the directory");

    /* ... and a failure at the rename (the destination is a directory) removes the temporary
     * file and leaves everything else as it was. (chmod cannot be used: tests may run as root.) */
    const char *dir = TMP "/is-a-dir";
    mkdir(dir, 0755);
    char inside[256];
    snprintf(inside, sizeof inside, "%s/keep.txt", dir);
    write_bytes(inside, "x"); /* non-empty, so rename cannot replace it even by accident */
    err = (core_err){0};
    t_int(rpt_results_write_csv(r, dir, &err), CORE_ERR_OUTPUT, "atomic: destination is a directory");
    t_contains(err.msg, dir, "atomic: rename failure names the path");
    t_int(count_prefixed(TMP, ".is-a-dir."), 0, "atomic: temporary file removed after a failed rename");
    struct stat st;
    t_true(stat(dir, &st) == 0 && S_ISDIR(st.st_mode), "atomic: the directory is untouched");

    rpt_run run = {.title = "Atomic", .version = "test", .confidence = 0.95, .started = 1700000000};
    const char *wb = TMP "/atomic.xlsx", *wb_saved = TMP "/atomic-saved.xlsx";
    t_int(rpt_workbook_write(r, &run, wb, &err), CORE_OK, "atomic: workbook written");
    t_int(rpt_workbook_write(r, &run, wb_saved, &err), CORE_OK, "atomic: workbook reference copy");
    err = (core_err){0};
    t_int(rpt_workbook_write(r, &run, dir, &err), CORE_ERR_OUTPUT, "atomic: workbook onto a directory fails");
    t_contains(err.msg, dir, "atomic: workbook message names the path");
    t_int(count_prefixed(TMP, ".is-a-dir."), 0, "atomic: workbook temporary removed");
    err = (core_err){0};
    t_int(rpt_workbook_write(r, &run, TMP "/no-such-dir/r.xlsx", &err), CORE_ERR_OUTPUT,
          "atomic: workbook into a missing directory");
    t_contains(err.msg, "does not exist", "atomic: workbook missing-directory message");
    t_true(same_bytes(wb, wb_saved), "atomic: previous workbook byte-identical after the failures");

    /* The previous CSV is byte-identical after all the failed attempts. */
    t_true(same_bytes(path, saved), "atomic: previous csv byte-identical after the failures");
    t_int(count_prefixed(TMP, ".atomic."), 0, "atomic: no temporary files left");

    remove(inside);
    rmdir(dir);
    core_results_free(r);
}

/* ---------- workbook ---------- */

static void test_workbook(void)
{
    core_results *r = sample_rows();
    if (!t_true(r != NULL, "workbook: rows built"))
        return;
    rpt_input inputs[] = {
        {.role = "trial", .path = "data/trial.csv", .rows = 410, .cols = 9},
        {.role = "costs", .path = "data/costs.ini", .rows = -1, .cols = -1},
    };
    rpt_sha256_buffer("trial", 5, inputs[0].sha256);
    rpt_sha256_buffer("costs", 5, inputs[1].sha256);
    rpt_trial_info trial = {.arm_column = "arm", .treatment = "IPS", .control = "TAU", .primary = "emp"};
    rpt_outcome_label outcomes[] = {
        {.name = "emp", .label = "In competitive employment", .type = "binary"},
        {.name = "any_job", .label = "Any paid work", .type = "binary"},
    };
    const char *config = "[project]\r\ntitle = Test trial\r\nsmall_cell = 5\n\n[trial]\ndata = trial.csv\n"
                         "note = caf\xe9 in Latin-1\n";
    rpt_run run = {.title = "IPS trial: synthetic test",
                   .version = "0.1.0",
                   .command = "run",
                   .config_path = "configs/test.ini",
                   .config_text = config,
                   .inputs = inputs,
                   .n_inputs = 2,
                   .seed = 18446744073709551615UL,
                   .has_seed = 1,
                   .confidence = 0.95,
                   .currency = "NOK",
                   .small_cell = 5,
                   .started = 1714564800, /* 2024-05-01T12:00:00Z */
                   .synthetic = 1,
                   .trial = &trial,
                   .outcomes = outcomes,
                   .n_outcomes = 2};
    rpt_sha256_buffer(config, strlen(config), run.config_sha256);

    core_err err = {0};
    const char *a = TMP "/report-a.xlsx", *b = TMP "/report-b.xlsx", *csv = TMP "/report.csv";
    t_int(rpt_workbook_write(r, &run, a, &err), CORE_OK, "workbook: written");
    if (err.code)
        printf("  %s\n", err.msg);
    t_int(rpt_workbook_write(r, &run, b, &err), CORE_OK, "workbook: written again");
    t_true(same_bytes(a, b), "workbook: byte-identical on a rerun with the same start time");
    t_int(count_prefixed(TMP, ".report-a.xlsx."), 0, "workbook: no temporary file left");
    run.started += 3600;
    t_int(rpt_workbook_write(r, &run, b, &err), CORE_OK, "workbook: written with another start time");
    t_true(!same_bytes(a, b),
           "workbook: the start time is in the file (so it is what makes it reproducible)");
    run.started -= 3600;
    t_int(rpt_results_write_csv(r, csv, &err), CORE_OK, "workbook: matching results csv");

    /* No trial at all, no run details: still a valid workbook. */
    core_results *fid = core_results_new();
    core_result_row x = CORE_RESULT_ROW_EMPTY;
    x.module = "fidelity";
    x.analysis = "icc";
    x.method = "icc2";
    x.estimate = 0.81;
    core_results_add(fid, &x);
    t_int(rpt_workbook_write(fid, NULL, TMP "/no-trial.xlsx", &err), CORE_OK,
          "workbook: without a trial or run");
    core_results_free(fid);

    /* The checker reads the cells back with openpyxl, when it is there. */
    if (access("/usr/bin/python3", X_OK) == 0) {
        char cmd[512];
        snprintf(cmd, sizeof cmd, "/usr/bin/python3 tests/e2e/read_xlsx.py %s %s > %s/read_xlsx.log 2>&1", a,
                 csv, TMP);
        int rc = system(cmd);
        t_int(WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, 0, "workbook: tests/e2e/read_xlsx.py passes (log in %s)",
              TMP);
    } else {
        printf("SKIP: /usr/bin/python3 not found; tests/e2e/read_xlsx.py not run\n");
    }
    core_results_free(r);
}

int main(void)
{
    umask(022);
    mkdir("build", 0755);
    mkdir("build/tmp-tests", 0755);
    if (mkdir(TMP, 0755) != 0 && errno != EEXIST) {
        printf("FAIL: cannot create %s: %s\n", TMP, strerror(errno));
        return 1;
    }
    test_sha256();
    test_format();
    test_csv();
    test_atomic();
    test_workbook();
    return t_summary("reports");
}
