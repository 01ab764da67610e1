/* The pool of whole pages (core/core_alloc.h): freed buffers are kept and handed out again (the same addresses),
 * split at 2 MiB boundaries, joined by moving their pages (their contents travel with them: nothing copied or
 * cleared), zeroed on request only when reused, shared safely by threads, bounded by its cap, prepared ahead by a
 * prewarm thread, and given back on request. Linux only (elsewhere the pages are malloc's and nothing is kept).
 * Run: build/tests/test_pages_pool. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/core_alloc.h"
#include "tests/t_check.h"

#define MiB ((size_t)1 << 20)

/* Every step bytes of [p, p + bytes) hold byte v at their start and end (cheap to write and to check). */
static void mark_by(unsigned char *p, size_t bytes, unsigned char v, size_t step)
{
    for (size_t i = 0; i < bytes; i += step) {
        p[i] = v;
        p[i + step - 1 < bytes ? i + step - 1 : bytes - 1] = v;
    }
}

static int marked_by(const unsigned char *p, size_t bytes, unsigned char v, size_t step)
{
    for (size_t i = 0; i < bytes; i += step)
        if (p[i] != v || p[i + step - 1 < bytes ? i + step - 1 : bytes - 1] != v)
            return 0;
    return 1;
}

static void mark(unsigned char *p, size_t bytes, unsigned char v)
{
    mark_by(p, bytes, v, 4096);
}

static int marked(const unsigned char *p, size_t bytes, unsigned char v)
{
    return marked_by(p, bytes, v, 4096);
}

static int all_zero(const unsigned char *p, size_t bytes)
{
    for (size_t i = 0; i < bytes; i++)
        if (p[i])
            return 0;
    return 1;
}

static void reuse_and_zero(void)
{
    core_pages_stats s0 = core_pages_get_stats();
    unsigned char *a = core_alloc_pages(3 * MiB); /* 4 MiB of pages */
    t_true(a != NULL, "a buffer of 3 MiB");
    mark(a, 3 * MiB, 0xa5);
    core_free_pages(a, 3 * MiB);
    t_int((long)core_pages_get_stats().pooled_bytes, (long)(s0.pooled_bytes + 4 * MiB), "its 4 MiB kept");
    unsigned char *b = core_alloc_pages(4 * MiB);
    t_true(b == a, "a request of the same pages gets them again");
    t_true(marked(b, 3 * MiB, 0xa5), "with what was written (not cleared)");
    t_int((long)(core_pages_get_stats().reused_bytes - s0.reused_bytes), (long)(4 * MiB), "counted as reused");
    core_free_pages(b, 4 * MiB);
    unsigned char *z = core_alloc_pages_zero(4 * MiB);
    t_true(z == a, "the zeroed request reuses them too");
    t_true(all_zero(z, 4 * MiB), "and clears them");
    core_free_pages(z, 4 * MiB);
    core_pages_release();
    t_int((long)core_pages_get_stats().pooled_bytes, 0, "release gives every page back");
    unsigned char *f = core_alloc_pages_zero(2 * MiB);
    t_true(f && all_zero(f, 2 * MiB), "fresh zeroed pages are zero");
    core_free_pages(f, 2 * MiB);
    core_pages_release();
    /* small buffers are malloc's, never pooled */
    size_t pooled = core_pages_get_stats().pooled_bytes;
    void *m = core_alloc_pages(1000);
    core_free_pages(m, 1000);
    t_int((long)core_pages_get_stats().pooled_bytes, (long)pooled, "a buffer under 1 MiB is not pooled");
}

static void split(void)
{
    unsigned char *a = core_alloc_pages(8 * MiB);
    mark(a, 8 * MiB, 1);
    core_free_pages(a, 8 * MiB);
    unsigned char *b = core_alloc_pages(2 * MiB), *c = core_alloc_pages(5 * MiB);
    t_true(b == a, "a smaller request takes the start of a kept region");
    t_true(c == a + 2 * MiB, "the next one the rest, at the 2 MiB boundary");
    t_int((long)core_pages_get_stats().pooled_bytes, 0, "nothing left over");
    mark(b, 2 * MiB, 2);
    mark(c, 6 * MiB, 3);
    t_true(marked(b, 2 * MiB, 2) && marked(c, 6 * MiB, 3), "the two parts are apart");
    core_free_pages(b, 2 * MiB);
    core_free_pages(c, 5 * MiB);
    /* best fit: of a 2 MiB and a 6 MiB region, a 2 MiB request takes the 2 MiB one */
    unsigned char *d = core_alloc_pages(2 * MiB);
    t_true(d == b, "the smallest region that fits");
    core_free_pages(d, 2 * MiB);
    core_pages_release();
}

static void join(void)
{
    core_pages_stats s0 = core_pages_get_stats();
    /* three regions that are not adjacent (the middle ones stay in use) */
    unsigned char *r[5];
    for (int i = 0; i < 5; i++) {
        r[i] = core_alloc_pages(2 * MiB);
        mark(r[i], 2 * MiB, (unsigned char)(10 + i));
    }
    core_free_pages(r[0], 2 * MiB);
    core_free_pages(r[2], 2 * MiB);
    core_free_pages(r[4], 2 * MiB);
    unsigned char *j = core_alloc_pages(6 * MiB);
    core_pages_stats s1 = core_pages_get_stats();
    t_int((long)(s1.joins - s0.joins), 1, "a request no region fits joins the kept ones");
    t_int((long)s1.pooled_bytes, 0, "all three moved");
    int seen[5] = {0};
    for (int u = 0; u < 3; u++)
        for (int i = 0; i < 5; i += 2)
            seen[i] += marked(j + (size_t)u * 2 * MiB, 2 * MiB, (unsigned char)(10 + i));
    t_true(seen[0] == 1 && seen[2] == 1 && seen[4] == 1, "each region's pages moved in with their contents");
    t_true(marked(r[1], 2 * MiB, 11) && marked(r[3], 2 * MiB, 13), "the buffers in use are untouched");
    mark(j, 6 * MiB, 20);
    t_true(marked(j, 6 * MiB, 20), "the joined buffer is writable throughout");
    core_free_pages(j, 6 * MiB);
    /* a join with a hole: 2 MiB kept, 6 MiB asked: the rest fresh */
    core_free_pages(r[1], 2 * MiB);
    core_pages_release();
    core_free_pages(r[3], 2 * MiB);
    unsigned char *h = core_alloc_pages_zero(6 * MiB);
    core_pages_stats s2 = core_pages_get_stats();
    t_int((long)(s2.joins - s1.joins), 1, "a short pool is joined and the rest mapped");
    t_true(h && all_zero(h, 6 * MiB), "zeroed across the moved pages and the fresh ones");
    mark(h, 6 * MiB, 21);
    t_true(marked(h, 6 * MiB, 21), "and writable");
    core_free_pages(h, 6 * MiB);
    /* no joining: a fresh mapping instead */
    core_pages_config(CORE_PAGES_POOL_CAP, 0);
    unsigned char *n = core_alloc_pages(8 * MiB);
    t_int((long)(core_pages_get_stats().joins - s2.joins), 0, "joining off: no join");
    t_int((long)core_pages_get_stats().pooled_bytes, (long)(6 * MiB), "and the kept region stays");
    core_free_pages(n, 8 * MiB);
    core_pages_config(CORE_PAGES_POOL_CAP, 1);
    core_pages_release();
}

static void cap(void)
{
    core_pages_config(4 * MiB, 1);
    unsigned char *a = core_alloc_pages(4 * MiB), *b = core_alloc_pages(2 * MiB);
    core_free_pages(a, 4 * MiB);
    core_free_pages(b, 2 * MiB);
    t_int((long)core_pages_get_stats().pooled_bytes, (long)(4 * MiB), "the cap bounds what is kept");
    core_pages_config(0, 1);
    core_pages_release();
    unsigned char *c = core_alloc_pages(2 * MiB);
    core_free_pages(c, 2 * MiB);
    t_int((long)core_pages_get_stats().pooled_bytes, 0, "cap 0: nothing kept");
    core_pages_config(CORE_PAGES_POOL_CAP, 1);
}

/* Wait (up to 5 s) until the prewarms since s0 have mapped want bytes; the bytes mapped. */
static size_t prewarmed_since(const core_pages_stats *s0, size_t want)
{
    size_t got = 0;
    for (int i = 0; i < 5000; i++) {
        got = core_pages_get_stats().prewarmed_bytes - s0->prewarmed_bytes;
        if (got >= want)
            break;
        struct timespec ms = {0, 1000000};
        nanosleep(&ms, NULL);
    }
    return got;
}

static void prewarm(void)
{
    core_pages_stats s0 = core_pages_get_stats();
    size_t want[3] = {6 * MiB, 3 * MiB, 1000}; /* the last too small: left out */
    core_pages_prewarm(want, 3);
    t_int((long)prewarmed_since(&s0, 10 * MiB), (long)(10 * MiB), "6 + 4 MiB prewarmed in the background");
    unsigned char *a = core_alloc_pages_zero(6 * MiB);
    core_pages_stats s1 = core_pages_get_stats();
    t_true(a != NULL && all_zero(a, 6 * MiB), "the prewarmed buffer, zero");
    t_int((long)(s1.fresh_bytes - s0.fresh_bytes), (long)(6 * MiB), "counted as fresh");
    t_int((long)(s1.reused_bytes - s0.reused_bytes + s1.joins - s0.joins), 0, "not reused or joined");
    t_int((long)s1.pooled_bytes, (long)(4 * MiB), "the other one still kept");
    core_free_pages(a, 6 * MiB);
    core_pages_release();
    t_int((long)core_pages_get_stats().pooled_bytes, 0, "release gives back the prewarmed pages too");
    /* requests while a prewarm runs: each of its jobs is done once, by the prewarm thread or by a request of its
     * size that came before the thread started it */
    s0 = core_pages_get_stats();
    size_t many[8];
    for (int i = 0; i < 8; i++)
        many[i] = 4 * MiB;
    core_pages_prewarm(many, 8);
    unsigned char *r[3];
    int fine = 1;
    for (int i = 0; i < 3; i++) {
        r[i] = core_alloc_pages_zero(4 * MiB);
        fine &= r[i] && all_zero(r[i], 4 * MiB);
        if (r[i])
            mark(r[i], 4 * MiB, (unsigned char)(40 + i));
    }
    for (int i = 0; i < 3; i++)
        fine &= marked(r[i], 4 * MiB, (unsigned char)(40 + i));
    t_true(fine, "buffers taken during a prewarm: zero, and apart");
    core_pages_release(); /* waits for the prewarm */
    s1 = core_pages_get_stats();
    t_int((long)(s1.prewarmed_bytes - s0.prewarmed_bytes + s1.taken_over_bytes - s0.taken_over_bytes),
          (long)(32 * MiB), "every prewarm job done once (%zu MiB by the thread)",
          (s1.prewarmed_bytes - s0.prewarmed_bytes) >> 20);
    for (int i = 0; i < 3; i++)
        core_free_pages(r[i], 4 * MiB);
    core_pages_release();
    /* over the cap: left out */
    core_pages_config(4 * MiB, 1);
    s0 = core_pages_get_stats();
    size_t big[2] = {8 * MiB, 2 * MiB};
    core_pages_prewarm(big, 2);
    t_int((long)prewarmed_since(&s0, 2 * MiB), (long)(2 * MiB), "a size over the cap is not prewarmed, the other is");
    core_pages_release();
    t_int((long)(core_pages_get_stats().prewarmed_bytes - s0.prewarmed_bytes), (long)(2 * MiB),
          "and nothing more after the prewarm ended");
    core_pages_config(CORE_PAGES_POOL_CAP, 1);
}

/* Threads taking, writing and freeing buffers of several sizes at once: each buffer keeps its own mark. */
static int thread_bad;

static void *churn(void *arg)
{
    unsigned v = (unsigned)(uintptr_t)arg, seed = v * 2654435761u + 1;
    unsigned char *held[3] = {0};
    size_t sz[3] = {0};
    for (int it = 0; it < 3000; it++) {
        int k = it % 3;
        if (held[k]) {
            if (!marked_by(held[k], sz[k], (unsigned char)(v * 16 + (unsigned)k), 65536))
                __atomic_add_fetch(&thread_bad, 1, __ATOMIC_RELAXED);
            core_free_pages(held[k], sz[k]);
        }
        seed = seed * 1103515245u + 12345u;
        sz[k] = MiB + (size_t)(seed >> 8) % (5 * MiB);
        held[k] = core_alloc_pages(sz[k]);
        if (!held[k]) {
            __atomic_add_fetch(&thread_bad, 1, __ATOMIC_RELAXED);
            break;
        }
        mark_by(held[k], sz[k], (unsigned char)(v * 16 + (unsigned)k), 65536);
    }
    for (int k = 0; k < 3; k++)
        if (held[k]) {
            if (!marked_by(held[k], sz[k], (unsigned char)(v * 16 + (unsigned)k), 65536))
                __atomic_add_fetch(&thread_bad, 1, __ATOMIC_RELAXED);
            core_free_pages(held[k], sz[k]);
        }
    return NULL;
}

static void threads(void)
{
    core_pages_stats s0 = core_pages_get_stats();
    size_t want[2] = {4 * MiB, 4 * MiB};
    core_pages_prewarm(want, 2); /* a prewarm thread adding to the pool meanwhile */
    pthread_t th[4];
    int started = 0;
    for (uintptr_t i = 0; i < 4; i++)
        started += pthread_create(&th[i], NULL, churn, (void *)(i + 1)) == 0;
    t_int(started, 4, "four threads");
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    t_int(thread_bad, 0, "no buffer handed to two threads at once, none overwritten by another");
    core_pages_stats s1 = core_pages_get_stats();
    t_true(s1.reused_bytes > s0.reused_bytes, "the threads reused each other's pages (%zu MiB)",
           (s1.reused_bytes - s0.reused_bytes) >> 20);
    t_true(s1.pooled_bytes <= CORE_PAGES_POOL_CAP, "within the cap");
    core_pages_release();
    t_int((long)core_pages_get_stats().pooled_bytes, 0, "all given back");
}

int main(void)
{
#if defined(__linux__)
    reuse_and_zero();
    split();
    join();
    cap();
    prewarm();
    threads();
#else
    unsigned char *a = core_alloc_pages_zero(2 * MiB);
    t_true(a && all_zero(a, 2 * MiB), "zeroed pages (malloc's here)");
    core_free_pages(a, 2 * MiB);
#endif
    return t_summary("pages_pool");
}
