/* Replays inputs through one fuzz target without libFuzzer, built with the project's compiler, so
 * `make check` (and `make check SAN=1`) keeps every fixed finding fixed without clang:
 *     replay NAME PATH...      (each PATH a file or a directory of files)
 * Each input runs in a child process (a crash names its file), with exactly its bytes in a fresh
 * allocation as libFuzzer gives them. Prints PASS/FAIL per input with a finding and a summary
 * "NAME: N passed, N failed". Built and run by tests/hardening/run.sh for every tests/fuzz/fuzz_*.c. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int passed, failed;

static void one(const char *name, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("FAIL: %s: cannot open %s\n", name, path);
        failed++;
        return;
    }
    size_t cap = 1 << 16, n = 0, got;
    uint8_t *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *nb = realloc(buf, cap *= 2);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    fclose(f);
    if (!buf) {
        printf("FAIL: %s: out of memory reading %s\n", name, path);
        failed++;
        return;
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        uint8_t *exact = malloc(n ? n : 1);
        if (!exact)
            _exit(3);
        memcpy(exact, buf, n);
        LLVMFuzzerTestOneInput(exact, n);
        free(exact);
        free(buf);
        _exit(0);
    }
    free(buf);
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        printf("FAIL: %s: %s (%s %d)\n", name, path, WIFSIGNALED(status) ? "signal" : "exit",
               WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
        failed++;
    } else {
        passed++;
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: replay NAME PATH...\n");
        return 2;
    }
    const char *name = argv[1];
    if (LLVMFuzzerInitialize) {
        int fargc = 1;
        char **fargv = argv;
        LLVMFuzzerInitialize(&fargc, &fargv);
    }
    for (int i = 2; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0)
            continue; /* e.g. no reproducers yet */
        if (!S_ISDIR(st.st_mode)) {
            one(name, argv[i]);
            continue;
        }
        DIR *d = opendir(argv[i]);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (e->d_name[0] == '.' || strcmp(e->d_name, "README.md") == 0)
                continue;
            char p[4096];
            snprintf(p, sizeof p, "%s/%s", argv[i], e->d_name);
            one(name, p);
        }
        if (d)
            closedir(d);
    }
    printf("%s: %d passed, %d failed\n", name, passed, failed);
    return failed ? 1 : 0;
}
