/* Times one command as a whole process: wall seconds from just before fork to just after the child is reaped
 * (CLOCK_MONOTONIC, nanoseconds), CPU seconds (user + system, the child and its threads) and peak resident memory
 * (kB) from wait4's rusage. No shell, no second program in between: /usr/bin/time prints hundredths of a second and
 * a timing shell adds its own start-ups, both too coarse at ~0.1 s. Used by bench/did.sh for both sides.
 * Usage: runtime OUT_FILE COMMAND [ARGS...]  -> writes "wall cpu peak_kb" to OUT_FILE; exits with the command's
 * status (125 when it cannot be started). The command's own output goes where runtime's goes. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: runtime OUT_FILE COMMAND [ARGS...]\n");
        return 125;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("runtime: fork");
        return 125;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror("runtime: exec");
        _exit(125);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("runtime: wait4");
        return 125;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double wall = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    double cpu = (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_sec +
                 1e-6 * (double)ru.ru_stime.tv_usec;
    FILE *f = fopen(argv[1], "w");
    if (!f || fprintf(f, "%.4f %.4f %ld\n", wall, cpu, ru.ru_maxrss) < 0 || fclose(f) != 0) {
        perror("runtime: cannot write the timing file");
        return 125;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 125;
}
