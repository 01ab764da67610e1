/* Allocation-failure injection (issue 10): the k-th call of malloc, calloc, realloc, strdup or strndup
 * made by ipseval's own code fails, for k = 1, 2, ... over a whole `ipseval rct` run (config load, CSV
 * read, trial analyses, results CSV and workbook write) driven through cli_cmd_analyse, the function
 * the command line calls. For every k the run must
 *   - finish (no crash: the sanitizer build also checks every access),
 *   - either fail with "out of memory" on stderr and exit status 1 (SPEC §1), leaving the previous
 *     outputs byte-identical and no temporary file, or succeed with outputs identical to a normal run
 *     (a failure some code may absorb, e.g. an optional suggestion),
 *   - free everything it allocated (every pointer handed out here is tracked until freed).
 * Linked with -Wl,--wrap=malloc,... (Makefile rule for this test): the wrap reaches calls from
 * libipseval.a and cli/, not those inside GSL, iniparser, ReadStat or libxlsxwriter.
 * By default every k up to 200 (80 under the sanitizers) and then as many more spread evenly over the
 * rest of the run; ALLOCFAIL_ALL=1 tries every k (slow); ALLOCFAIL_K=k runs one k in this process and
 * prints the stack of the failing call. A failure names the function and line of the failed allocation. */
#define _GNU_SOURCE 1
#include <dirent.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tests/t_check.h"

/* ---------- the wrapped allocator ---------- */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t s);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);

static long af_calls;     /* wrapped calls since af_arm() */
static long af_fail_at;   /* fail the call with this number (1-based); 0 = never */
static int af_failed;     /* a failure was injected */

#define AF_SLOTS (1u << 18)
#define AF_TOMB ((uintptr_t)1)
static uintptr_t af_live[AF_SLOTS]; /* open addressing; 0 empty, 1 deleted */
static long af_n_live;
static int af_overflow;

static size_t af_hash(uintptr_t p)
{
    return (size_t)((p >> 4) * 0x9E3779B97F4A7C15ULL) & (AF_SLOTS - 1);
}

static void af_track(void *p)
{
    if (!p)
        return;
    uintptr_t v = (uintptr_t)p;
    size_t h = af_hash(v);
    for (size_t k = 0; k < AF_SLOTS; k++, h = (h + 1) & (AF_SLOTS - 1))
        if (af_live[h] == 0 || af_live[h] == AF_TOMB) {
            af_live[h] = v;
            af_n_live++;
            return;
        }
    af_overflow = 1;
}

static void af_untrack(void *p)
{
    if (!p)
        return;
    uintptr_t v = (uintptr_t)p;
    size_t h = af_hash(v);
    for (size_t k = 0; k < AF_SLOTS && af_live[h] != 0; k++, h = (h + 1) & (AF_SLOTS - 1))
        if (af_live[h] == v) {
            af_live[h] = AF_TOMB;
            af_n_live--;
            return;
        }
    /* not ours: allocated inside a library and freed here; fine */
}

static void af_arm(long fail_at)
{
    af_calls = 0;
    af_fail_at = fail_at;
    af_failed = 0;
    memset(af_live, 0, sizeof af_live);
    af_n_live = 0;
    af_overflow = 0;
}

static int af_trace_fd = -1; /* ALLOCFAIL_K: where the failing call came from goes here */
static void *af_frames[24];  /* the stack of the failing call, for the report */
static int af_n_frames;

static int af_should_fail(void)
{
    af_calls++;
    if (af_fail_at && af_calls == af_fail_at) {
        af_failed = 1;
        af_n_frames = backtrace(af_frames, 24);
        if (af_trace_fd >= 0) {
            void *frames[24];
            int n = backtrace(frames, 24);
            dprintf(af_trace_fd, "allocation %ld fails here:\n", af_calls);
            backtrace_symbols_fd(frames, n, af_trace_fd);
        }
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t n);
void *__wrap_malloc(size_t n)
{
    if (af_should_fail())
        return NULL;
    void *p = __real_malloc(n);
    af_track(p);
    return p;
}

void *__wrap_calloc(size_t n, size_t s);
void *__wrap_calloc(size_t n, size_t s)
{
    if (af_should_fail())
        return NULL;
    void *p = __real_calloc(n, s);
    af_track(p);
    return p;
}

void *__wrap_realloc(void *old, size_t n);
void *__wrap_realloc(void *old, size_t n)
{
    if (af_should_fail())
        return NULL; /* old stays valid and owned by the caller */
    void *p = __real_realloc(old, n);
    if (p) {
        af_untrack(old);
        af_track(p);
    }
    return p;
}

void __wrap_free(void *p);
void __wrap_free(void *p)
{
    af_untrack(p);
    __real_free(p);
}

char *__wrap_strdup(const char *s);
char *__wrap_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = __wrap_malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

char *__wrap_strndup(const char *s, size_t max);
char *__wrap_strndup(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    char *d = __wrap_malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* "function (file:line)" of the first frames of the failing call outside this test, via addr2line
 * on the running binary (PIE: addresses are made relative to its load address). */
static void af_where(char *buf, size_t size)
{
    buf[0] = '\0';
    Dl_info info;
    if (af_n_frames < 3 || !dladdr((void *)af_where, &info))
        return;
    char cmd[1024];
    int n = snprintf(cmd, sizeof cmd, "addr2line -f -p -e /proc/%d/exe", (int)getpid());
    for (int i = 2; i < af_n_frames && i < 6 && n < (int)sizeof cmd - 24; i++)
        n += snprintf(cmd + n, sizeof cmd - (size_t)n, " %#lx",
                      (unsigned long)((uintptr_t)af_frames[i] - (uintptr_t)info.dli_fbase - 1));
    snprintf(cmd + n, sizeof cmd - (size_t)n, " 2>/dev/null");
    FILE *p = popen(cmd, "r");
    if (!p)
        return;
    char line[512];
    size_t used = 0;
    while (fgets(line, sizeof line, p) && used + 4 < size) {
        line[strcspn(line, "\n")] = '\0';
        char *at = strstr(line, " at ");
        char *slash = at ? strrchr(at, '/') : NULL;
        char *file = slash ? slash + 1 : (at ? at + 4 : line);
        if (at)
            *at = '\0';
        used += (size_t)snprintf(buf + used, size - used, "%s%s (%s)", used ? " < " : "", line, file);
        if (strstr(line, "cli_") == line)
            break;
    }
    pclose(p);
}

/* A crash after the injected failure: say where that allocation was, then die of the signal. */
static void af_on_crash(int sig)
{
    char where[700];
    af_where(where, sizeof where); /* not async-signal-safe; the process is going down anyway */
    printf("FAIL: k=%ld: the run crashed (signal %d) after the failed allocation: %s\n", af_fail_at, sig, where);
    fflush(stdout);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* ---------- the scenario ---------- */

static char dir[256], ini[300], out[300], res[300], errlog[300];

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *b = __real_malloc(cap);
    while ((got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            b = __real_realloc(b, cap *= 2);
    }
    fclose(f);
    *len = n;
    return b;
}

static int same_file(const char *path, const char *data, size_t len)
{
    size_t n;
    char *b = slurp(path, &n);
    int same = b && n == len && memcmp(b, data, n) == 0;
    __real_free(b);
    return same;
}

static int strays(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    if (d)
        closedir(d);
    return n;
}

/* One run with stderr captured; returns the exit status. */
static int run_once(void)
{
    cli_opts o = {.command = "rct", .config = ini, .output = out, .results = res, .quiet = 1, .no_progress = 1};
    fflush(stderr);
    int saved = dup(2);
    int fd = open(errlog, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 2);
    close(fd);
    int rc = cli_cmd_analyse(&o);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    return rc;
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/ipseval-allocfail-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        return printf("FAIL: scratch directory\n"), 1;
    snprintf(ini, sizeof ini, "%s/trial.ini", dir);
    snprintf(out, sizeof out, "%s/report.xlsx", dir);
    snprintf(res, sizeof res, "%s/results.csv", dir);
    snprintf(errlog, sizeof errlog, "%s/stderr.txt", dir);
    char data[512];
    if (!realpath("examples/trial.csv", data))
        return printf("FAIL: examples/trial.csv not found (run from the repository root)\n"), 1;
    FILE *f = fopen(ini, "w");
    fprintf(f,
            "[project]\ntitle = allocation failures\nseed = 5\n[data]\nmissing = , NA\n"
            "[trial]\ndata = %s\nid = id\narm = arm\ntreatment = IPS\ncontrol = TAU\nsite = county\n"
            "timepoints = 6, 12, 18\n[outcome:employment]\ntype = binary\ncolumns = emp6, emp12, emp18\n"
            "primary = yes\n",
            data);
    fclose(f);
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);

    /* the reference run, and how many allocations a run makes */
    af_arm(0);
    int rc = run_once();
    long total = af_calls;
    t_int(rc, 0, "reference run succeeds");
    t_true(af_n_live == 0 && !af_overflow, "reference run frees everything it allocates (%ld live)", af_n_live);
    size_t res_len, out_len;
    char *res_ref = slurp(res, &res_len), *out_ref = slurp(out, &out_len);
    if (!res_ref || !out_ref || rc != 0)
        return t_summary("allocfail");
    printf("PASS: a run makes %ld wrapped allocation calls\n", total);
    t_passed++;

    /* the previous outputs every failing run must leave alone */
    static const char old_res[] = "previous results\n", old_out[] = "previous workbook";
    if (getenv("ALLOCFAIL_K")) { /* diagnose one k in this process: backtrace of the failing call, then the run */
        long k = atol(getenv("ALLOCFAIL_K"));
        af_trace_fd = dup(2);
        backtrace(&(void *){NULL}, 1); /* load libgcc before the failure, not during it */
        af_arm(k);
        rc = run_once();
        printf("k=%ld: injected %d, exit %d, %ld live allocation(s); stderr of the run in %s\n", k, af_failed, rc,
               af_n_live, errlog);
        return 0;
    }
    int all = getenv("ALLOCFAIL_ALL") != NULL;
#if defined(__SANITIZE_ADDRESS__)
    const long head = 80; /* the sanitizer build is some 5 times slower */
#else
    const long head = 200;
#endif
    long stride = all || total <= 2 * head ? 1 : (total - head) / head + 1;
    long n_runs = 0, n_fail = 0, n_ok = 0, bad = 0;
    for (long k = 1; k <= total; k += (k < head ? 1 : stride)) {
        FILE *a = fopen(res, "w"), *b = fopen(out, "w");
        fputs(old_res, a);
        fputs(old_out, b);
        fclose(a);
        fclose(b);
        n_runs++;
        /* each run in a child: a crash is reported with its k, and the next k starts clean */
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            signal(SIGSEGV, af_on_crash);
            signal(SIGBUS, af_on_crash);
            signal(SIGABRT, af_on_crash);
            af_arm(k);
            int crc = run_once();
            int injected = af_failed;
            long live = af_n_live;
            af_arm(0);
            size_t el;
            char *msg = slurp(errlog, &el);
            if (msg)
                msg[el > 0 ? el - 1 : 0] = '\0';
            int code = 0; /* bit 0: wrong; bit 1: absorbed (success) */
            char where[700];
            af_where(where, sizeof where);
            if (!injected) {
                printf("FAIL: k=%ld: no allocation failed (this run made fewer calls than the reference)\n", k);
                code |= 1;
            } else if (crc == 0) {
                code |= 2;
                if (!same_file(res, res_ref, res_len) || !same_file(out, out_ref, out_len)) {
                    printf("FAIL: k=%ld: the run succeeded despite the failure but its outputs differ; the failed "
                           "allocation: %s\n", k, where);
                    code |= 1;
                }
            } else {
                if (crc != 1 || !msg || !strstr(msg, "memory")) {
                    printf("FAIL: k=%ld: exit %d with '%s' (expected 1 and a message about memory); the failed "
                           "allocation: %s\n", k, crc, msg ? msg : "", where);
                    code |= 1;
                }
                if (!same_file(res, old_res, strlen(old_res)) || !same_file(out, old_out, strlen(old_out))) {
                    printf("FAIL: k=%ld: a failed run changed the previous outputs\n", k);
                    code |= 1;
                }
            }
            if (live != 0) {
                printf("FAIL: k=%ld: %ld allocation(s) not freed (exit %d: %s); the failed allocation: %s\n", k, live,
                       crc, msg ? msg : "", where);
                code |= 1;
            }
            if (strays() != 0) {
                printf("FAIL: k=%ld: temporary files left behind\n", k);
                code |= 1;
            }
            fflush(stdout);
            _exit(code);
        }
        int status = 0;
        if (pid < 0 || waitpid(pid, &status, 0) != pid) {
            printf("FAIL: k=%ld: cannot run the child\n", k);
            bad++;
            continue;
        }
        if (WIFSIGNALED(status)) {
            printf("  (replay: ALLOCFAIL_K=%ld gdb %s)\n", k, "build/tests/test_allocfail");
            bad++;
        } else if (WEXITSTATUS(status) & 1) {
            bad++;
        } else if (WEXITSTATUS(status) & 2) {
            n_ok++;
        } else {
            n_fail++;
        }
        if (bad >= 15) {
            printf("FAIL: stopping after 15 failing k\n");
            break;
        }
        while (strays() != 0) { /* a crashed child may leave its temporary files: clear them for the next k */
            DIR *d = opendir(dir);
            struct dirent *e;
            while (d && (e = readdir(d)))
                if (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
                    char p[600];
                    snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
                    unlink(p);
                }
            if (d)
                closedir(d);
        }
    }
    t_true(bad == 0, "%ld runs with the k-th allocation failing (k = 1..%ld%s): %ld failed cleanly, %ld absorbed "
           "the failure, %ld wrong", n_runs, total, stride > 1 ? ", every k up to the first ones, then strided" : "", n_fail, n_ok, bad);
    __real_free(res_ref);
    __real_free(out_ref);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("  (could not remove %s)\n", dir);
    return t_summary("allocfail");
}
