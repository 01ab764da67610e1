/* Hardening of core/ (issue 10): the capped allocation helper, atomic outputs under write failure
 * (disk full injected through /dev/full) and under SIGINT/SIGTERM in the middle of a write (a forked
 * child is killed while its temporary file is open), and the commit of several outputs together. */
#define _GNU_SOURCE 1
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/core_alloc.h"
#include "core/core_atomic.h"
#include "core/core_results.h"
#include "reports/rpt.h"
#include "tests/t_check.h"

static char dir[256];

static void put(const char *name, const char *text)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    fputs(text, f);
    fclose(f);
}

static int same_text(const char *name, const char *text)
{
    char p[512], buf[4096];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "rb");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strcmp(buf, text) == 0;
}

/* Number of directory entries other than the listed names (printed unless expected). */
static int show_strays = 1;
static int strays(const char *keep1, const char *keep2)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || (keep1 && !strcmp(e->d_name, keep1)) ||
            (keep2 && !strcmp(e->d_name, keep2)))
            continue;
        if (show_strays)
            printf("  stray: %s\n", e->d_name);
        n++;
    }
    if (d)
        closedir(d);
    return n;
}

static void test_alloc(void)
{
    size_t out = 7;
    t_int(core_size_mul(SIZE_MAX / 2 + 1, 2, &out), 0, "alloc: SIZE_MAX/2+1 * 2 overflows");
    t_true(out == 7, "alloc: overflow leaves the output alone");
    t_int(core_size_mul(0, SIZE_MAX, &out), 1, "alloc: 0 * SIZE_MAX is 0");
    t_true(out == 0, "alloc: 0 * SIZE_MAX gives 0");
    t_int(core_size_add(SIZE_MAX, 1, &out), 0, "alloc: SIZE_MAX + 1 overflows");
    t_int(core_alloc_ok(SIZE_MAX / 8, 16), 0, "alloc: an overflowing array is refused");
    t_int(core_alloc_ok(CORE_ALLOC_MAX + 1, 1), 0, "alloc: one byte over the cap is refused");
    t_int(core_alloc_ok(CORE_ALLOC_MAX, 1), 1, "alloc: exactly the cap is allowed");
    t_true(core_alloc_array(SIZE_MAX / 4, 8) == NULL, "alloc: malloc of a wrapped size returns NULL");
    t_true(core_calloc_array((size_t)1 << 62, 8) == NULL, "alloc: calloc over the cap returns NULL");
    void *p = core_alloc_array(0, 8);
    t_true(p != NULL, "alloc: zero elements still gives a pointer (NULL only means failure)");
    void *q = core_realloc_array(p, SIZE_MAX, 2);
    t_true(q == NULL, "alloc: realloc to a wrapped size fails");
    q = core_realloc_array(p, 4, 8); /* p is still ours after the failure */
    t_true(q != NULL, "alloc: realloc after a refused one works on the same block");
    free(q);
    size_t cap = 0;
    t_int(core_grow_cap(0, 1000, 16, 8, &cap), 1, "alloc: growth from empty");
    t_true(cap == 1024, "alloc: growth doubles from the first capacity (got %zu)", cap);
    t_int(core_grow_cap(SIZE_MAX / 2 + 2, SIZE_MAX, 1, 1, &cap), 0, "alloc: growth that would wrap is refused");
    t_int(core_grow_cap(1, CORE_ALLOC_MAX, 1, 2, &cap), 0, "alloc: growth past the cap is refused");
}

/* Disk full: the temporary file's descriptor is pointed at /dev/full, so the flush at commit fails
 * with ENOSPC as on a full disk. */
static void test_disk_full(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/out.csv", dir);
    put("out.csv", "previous\n");
    core_atomic a;
    core_err err;
    t_int(core_atomic_begin(&a, path, &err), CORE_OK, "disk full: begin");
    int full = open("/dev/full", O_WRONLY);
    if (full < 0) {
        t_true(0, "disk full: /dev/full opens");
        core_atomic_abort(&a);
        return;
    }
    dup2(full, fileno(a.f));
    close(full);
    for (int i = 0; i < 20000; i++) /* more than stdio's buffer, so some writes fail before commit */
        fputs("a line of new results that will not fit\n", a.f);
    core_status st = core_atomic_commit(&a, &err);
    t_int(st, CORE_ERR_OUTPUT, "disk full: commit fails with an output error");
    t_contains(err.msg, "out.csv", "disk full: the message names the file");
    t_contains(err.msg, "No space left on device", "disk full: the message says why");
    t_true(same_text("out.csv", "previous\n"), "disk full: the previous file is intact");
    t_int(strays("out.csv", NULL), 0, "disk full: no temporary file left");

    /* the workbook is written by name (libxlsxwriter): point its temporary name at /dev/full */
    char book[512];
    snprintf(book, sizeof book, "%s/book.xlsx", dir);
    put("book.xlsx", "old workbook");
    core_results *res = core_results_new();
    core_result_row row = {.module = "rct", .analysis = "arm_summary", .outcome = "emp", .term = "IPS",
                           .method = "wilson", .estimate = 0.5, .se = NAN, .ci_low = NAN, .ci_high = NAN,
                           .statistic = NAN, .df = NAN, .p_value = NAN, .p_adjusted = NAN, .n = 10};
    core_results_add(res, &row);
    rpt_run run = {.title = "t", .version = "test", .confidence = 0.95, .currency = "NOK", .started = 1700000000};
    t_int(core_atomic_begin_name(&a, book, &err), CORE_OK, "disk full: workbook begin");
    unlink(a.tmp_path);
    t_int(symlink("/dev/full", a.tmp_path), 0, "disk full: temporary name points at /dev/full");
    st = rpt_workbook_write_staged(res, &run, &a, &err);
    if (st == CORE_OK)
        st = core_atomic_commit(&a, &err);
    else
        core_atomic_abort(&a);
    t_int(st, CORE_ERR_OUTPUT, "disk full: the workbook write fails with an output error");
    t_contains(err.msg, "book.xlsx", "disk full: the workbook message names the file");
    t_true(same_text("book.xlsx", "old workbook"), "disk full: the previous workbook is intact");
    t_int(strays("out.csv", "book.xlsx"), 0, "disk full: no temporary workbook left");
    struct stat sb;
    t_true(stat("/dev/full", &sb) == 0 && S_ISCHR(sb.st_mode), "disk full: /dev/full itself untouched");
    core_results_free(res);
}

/* Both outputs staged; the second cannot be completed: neither replaces its old file. */
static void test_commit_all(void)
{
    char p1[512], p2[512];
    snprintf(p1, sizeof p1, "%s/out.csv", dir);
    snprintf(p2, sizeof p2, "%s/book.xlsx", dir);
    put("out.csv", "old csv\n");
    put("book.xlsx", "old book");
    core_atomic a, b;
    core_err err;
    core_atomic_begin(&a, p1, &err);
    core_atomic_begin(&b, p2, &err);
    fputs("new csv\n", a.f);
    int full = open("/dev/full", O_WRONLY);
    dup2(full, fileno(b.f));
    close(full);
    fputs("new book", b.f);
    core_status st = core_atomic_commit_all((core_atomic *[]){&a, &b}, 2, &err);
    t_int(st, CORE_ERR_OUTPUT, "commit all: one failure fails the commit");
    t_true(same_text("out.csv", "old csv\n"), "commit all: the first output is not replaced either");
    t_true(same_text("book.xlsx", "old book"), "commit all: the failed output keeps its old file");
    t_int(strays("out.csv", "book.xlsx"), 0, "commit all: no temporary files left");

    core_atomic_begin(&a, p1, &err);
    core_atomic_begin(&b, p2, &err);
    fputs("new csv\n", a.f);
    fputs("new book", b.f);
    t_int(core_atomic_commit_all((core_atomic *[]){&a, &b}, 2, &err), CORE_OK, "commit all: success");
    t_true(same_text("out.csv", "new csv\n") && same_text("book.xlsx", "new book"), "commit all: both replaced");
    t_int(strays("out.csv", "book.xlsx"), 0, "commit all: nothing else left");
    t_true(a.tmp_path == NULL && b.tmp_path == NULL && a.path == NULL, "commit all: entries finished");
    core_atomic_abort(&a); /* safe after a commit */
}

/* A child stages two outputs (one open FILE, one by name), writes part, and is killed by sig. */
static void test_signal(int sig, const char *name)
{
    put("out.csv", "previous results\n");
    put("book.xlsx", "previous workbook");
    int pipefd[2];
    if (pipe(pipefd) != 0)
        return;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(pipefd[0]);
        /* as a program started from a terminal: make check may run with SIGINT/SIGHUP ignored (a background
         * job, nohup), and core_atomic_catch_signals rightly leaves an ignored signal alone */
        signal(sig, SIG_DFL);
        core_atomic_catch_signals();
        char p1[512], p2[512];
        snprintf(p1, sizeof p1, "%s/out.csv", dir);
        snprintf(p2, sizeof p2, "%s/book.xlsx", dir);
        core_atomic a, b;
        core_err err;
        if (core_atomic_begin(&a, p1, &err) != CORE_OK || core_atomic_begin_name(&b, p2, &err) != CORE_OK)
            _exit(3);
        fputs("half of the new res", a.f);
        fflush(a.f);
        if (write(pipefd[1], "w", 1) != 1) /* tell the parent we are mid-write */
            _exit(4);
        for (;;)
            pause(); /* the signal ends us here */
    }
    close(pipefd[1]);
    char c;
    int ready = read(pipefd[0], &c, 1) == 1;
    close(pipefd[0]);
    t_true(ready, "%s: the child is mid-write", name);
    show_strays = 0;
    t_int(strays("out.csv", "book.xlsx"), 2, "%s: two temporary files exist mid-write", name);
    show_strays = 1;
    kill(pid, sig);
    int status = 0;
    /* never hang make check: a child still alive after 20 s is killed and the test fails */
    pid_t w = 0;
    for (int i = 0; i < 2000 && (w = waitpid(pid, &status, WNOHANG)) == 0; i++)
        usleep(10000);
    if (w == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        t_true(0, "%s: the signal did not end the child within 20 s", name);
    }
    t_true(WIFSIGNALED(status) && WTERMSIG(status) == sig, "%s: the run ends by the signal (status %d)", name,
           status);
    t_true(same_text("out.csv", "previous results\n"), "%s: the previous results are intact", name);
    t_true(same_text("book.xlsx", "previous workbook"), "%s: the previous workbook is intact", name);
    t_int(strays("out.csv", "book.xlsx"), 0, "%s: no temporary file left", name);
}

/* A signal that was ignored when the program started stays ignored (nohup). */
static void test_signal_ignored(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGHUP, SIG_IGN);
        core_atomic_catch_signals();
        raise(SIGHUP);
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    t_true(WIFEXITED(status) && WEXITSTATUS(status) == 0, "signal: an ignored SIGHUP stays ignored");
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/ipseval-hardening-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir)) {
        printf("FAIL: cannot make a scratch directory\n");
        return 1;
    }
    test_alloc();
    test_disk_full();
    test_commit_all();
    test_signal(SIGINT, "SIGINT");
    test_signal(SIGTERM, "SIGTERM");
    test_signal(SIGHUP, "SIGHUP");
    test_signal_ignored();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        printf("  (could not remove %s)\n", dir);
    return t_summary("hardening");
}
