/**
 * @file core_progress.h
 * @brief Progress of long steps, as a callback: library code reports, cli/ decides whether and
 *        how to show it (a bar on stderr, only when stderr is a terminal).
 */
#ifndef IPSEVAL_CORE_PROGRESS_H
#define IPSEVAL_CORE_PROGRESS_H

/** A progress sink; update() gets the step's name and the fraction done in [0, 1]. */
typedef struct core_progress {
    void (*update)(void *ctx, const char *step, double fraction);
    void *ctx;
} core_progress;

/** Report progress to p (which may be NULL: nothing happens). */
static inline void core_progress_report(const core_progress *p, const char *step, double fraction)
{
    if (p && p->update)
        p->update(p->ctx, step, fraction);
}

#endif
