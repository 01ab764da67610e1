/* A progress bar on stderr: only when stderr is a terminal, not --quiet/--no-progress, and only once a
 * step has run for a second (short steps stay silent). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

typedef struct bar {
    int active;
    double t0;
    char step[64];
    int shown;
} bar;

static bar the_bar;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void update(void *ctx, const char *step, double f)
{
    bar *b = ctx;
    if (strncmp(b->step, step, sizeof b->step - 1) != 0) {
        if (b->shown)
            fputc('\n', stderr);
        snprintf(b->step, sizeof b->step, "%s", step);
        b->t0 = now();
        b->shown = 0;
    }
    if (now() - b->t0 < 1.0 && f < 1.0)
        return;
    if (!b->shown && f >= 1.0)
        return;
    int w = 30, k = (int)(f * w + 0.5);
    fprintf(stderr, "\r%-28.28s [%.*s%*s] %3.0f%%", b->step, k, "##############################", w - k, "",
            100 * f);
    b->shown = 1;
    fflush(stderr);
}

core_progress cli_progress_new(const cli_opts *o)
{
    core_progress p = {0};
    if (o->quiet || o->no_progress || !isatty(STDERR_FILENO))
        return p;
    memset(&the_bar, 0, sizeof the_bar);
    the_bar.active = 1;
    p.update = update;
    p.ctx = &the_bar;
    return p;
}

void cli_progress_done(core_progress *p)
{
    if (p->ctx && the_bar.shown)
        fputc('\n', stderr);
    p->update = NULL;
}
