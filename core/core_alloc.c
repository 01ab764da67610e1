/* Capped, overflow-checked allocation for input-derived sizes, and the pool of whole pages (see core_alloc.h). */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE 1 /* mremap */
#endif
#include "core/core_alloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <pthread.h>
#include <sys/mman.h>
#endif

int core_size_mul(size_t a, size_t b, size_t *out)
{
    if (a != 0 && b > SIZE_MAX / a)
        return 0;
    *out = a * b;
    return 1;
}

int core_size_add(size_t a, size_t b, size_t *out)
{
    if (b > SIZE_MAX - a)
        return 0;
    *out = a + b;
    return 1;
}

int core_alloc_ok(size_t n, size_t size)
{
    size_t bytes;
    return core_size_mul(n, size, &bytes) && bytes <= CORE_ALLOC_MAX;
}

/* Bytes for n elements (n == 0 counts as 1 so that NULL always means failure); 0 when refused. */
static size_t array_bytes(size_t n, size_t size)
{
    size_t bytes;
    if (size == 0)
        size = 1;
    if (!core_size_mul(n ? n : 1, size, &bytes) || bytes > CORE_ALLOC_MAX) {
        errno = ENOMEM;
        return 0;
    }
    return bytes;
}

void *core_alloc_array(size_t n, size_t size)
{
    size_t bytes = array_bytes(n, size);
    return bytes ? malloc(bytes) : NULL;
}

void *core_calloc_array(size_t n, size_t size)
{
    if (!array_bytes(n, size))
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *core_realloc_array(void *p, size_t n, size_t size)
{
    size_t bytes = array_bytes(n, size);
    return bytes ? realloc(p, bytes) : NULL;
}

int core_grow_cap(size_t cur, size_t want, size_t first, size_t elem, size_t *out)
{
    size_t cap = cur ? cur : (first ? first : 1);
    while (cap < want) {
        if (cap > SIZE_MAX / 2)
            return 0;
        cap *= 2;
    }
    if (!core_alloc_ok(cap, elem ? elem : 1))
        return 0;
    *out = cap;
    return 1;
}

void core_prefault(void *p, size_t bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (!p || bytes < ((size_t)1 << 20))
        return;
    /* the whole pages inside the buffer (malloc's bookkeeping at the edges is left alone) */
    uintptr_t a = ((uintptr_t)p + 4095) & ~(uintptr_t)4095, e = ((uintptr_t)p + bytes) & ~(uintptr_t)4095;
    if (e <= a)
        return;
    int saved = errno; /* advice only: a refusal (older kernel, no THP) is not an error */
    (void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#ifdef MADV_POPULATE_WRITE
    (void)madvise((void *)a, e - a, MADV_POPULATE_WRITE);
#endif
    errno = saved;
#else
    (void)p;
    (void)bytes;
#endif
}

/* ---- whole pages, and the pool that keeps them (see core_alloc.h) ---- */

#if defined(__linux__) && defined(MADV_HUGEPAGE)
#define PAGES_POOL 1
enum { PAGES_MIN = 1 << 20, PAGES_UNIT = 2 << 20, POOL_SLOTS = 64, PREWARM_MAX = 8 };

static size_t pages_len(size_t bytes)
{
    return bytes >= PAGES_MIN && bytes <= SIZE_MAX - PAGES_UNIT ? (bytes + PAGES_UNIT - 1) / PAGES_UNIT * PAGES_UNIT
                                                                 : 0;
}

/* One region kept for reuse: len bytes at p, whole 2 MiB units. A region never spans two mappings of the kernel
 * unless it came from a join (then its units do not: joins move 2 MiB at a time). */
typedef struct pool_region {
    char *p;
    size_t len;
    int fresh; /* never handed out since mapped (prewarmed): its pages are still the kernel's zero pages */
} pool_region;

static pthread_mutex_t pool_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pool_cv = PTHREAD_COND_INITIALIZER;
static pool_region pool[POOL_SLOTS];
static size_t pool_n, pool_bytes, pool_cap = CORE_PAGES_POOL_CAP;
static int pool_join = 1;
static core_pages_stats pool_stats;
/* the prewarm: sizes to map, pw_len[pw_done..pw_k) not started yet (0: taken over by a request), pw_busy the one
 * being mapped (0: none); its thread while it runs or until joined */
static size_t pw_len[PREWARM_MAX], pw_k, pw_done, pw_busy;
static int pw_running, pw_joinable;
static pthread_t pw_th;

/* A new mapping of len bytes (a multiple of 2 MiB), advised huge and populated; NULL on no memory. */
static void *map_fresh(size_t len)
{
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    int saved = errno; /* advice only */
    (void)madvise(p, len, MADV_HUGEPAGE);
#ifdef MADV_POPULATE_WRITE
    (void)madvise(p, len, MADV_POPULATE_WRITE);
#endif
    errno = saved;
    return p;
}

/* Keep [p, p + len) in the pool (locked). 0 when the cap or the slots leave no room: the caller unmaps it. */
static int pool_put_locked(char *p, size_t len, int fresh)
{
    if (pool_n == POOL_SLOTS || len > pool_cap || pool_bytes > pool_cap - len)
        return 0;
    pool[pool_n++] = (pool_region){p, len, fresh};
    pool_bytes += len;
    pool_stats.pooled_bytes = pool_bytes;
    return 1;
}

/* Remove region i of the pool (locked). */
static void pool_drop_locked(size_t i)
{
    pool_bytes -= pool[i].len;
    pool[i] = pool[--pool_n];
    pool_stats.pooled_bytes = pool_bytes;
}

/* The smallest region of at least len bytes (locked), its first len bytes taken (the rest stays); NULL if none. */
static char *pool_take_locked(size_t len, int *fresh)
{
    size_t best = pool_n;
    for (size_t i = 0; i < pool_n; i++)
        if (pool[i].len >= len && (best == pool_n || pool[i].len < pool[best].len))
            best = i;
    if (best == pool_n)
        return NULL;
    char *p = pool[best].p;
    *fresh = pool[best].fresh;
    if (pool[best].len == len)
        pool_drop_locked(best);
    else { /* split at a 2 MiB boundary: the tail stays */
        pool[best].p += len;
        pool[best].len -= len;
        pool_bytes -= len;
        pool_stats.pooled_bytes = pool_bytes;
    }
    return p;
}

/* For a request of len bytes that no pooled region fits (locked): 1 when the prewarm is mapping a buffer of that
 * size right now (worth waiting for: at most one mapping's time); else, when one of that size is still to come, the
 * request takes that job over (the prewarm skips it: a thread starved of its core would make it wait longer than
 * mapping the pages itself takes) and 0. */
static int prewarm_awaited_locked(size_t len)
{
    if (!pw_running)
        return 0;
    if (pw_busy == len)
        return 1;
    for (size_t i = pw_done; i < pw_k; i++)
        if (pw_len[i] == len) {
            pw_len[i] = 0;
            pool_stats.taken_over_bytes += len;
            return 0;
        }
    return 0;
}

/* Move pooled regions into one new mapping of len bytes, 2 MiB at a time with mremap (page tables move, pages are
 * not copied or touched), and populate what they do not cover. Called unlocked with the regions already out of the
 * pool; NULL (the regions unmapped) when no range can be reserved. */
static void *join_regions(pool_region *r, size_t k, size_t len)
{
    /* a range on a 2 MiB boundary, so that moved huge pages stay mapped as such */
    char *raw = mmap(NULL, len + PAGES_UNIT, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) {
        for (size_t i = 0; i < k; i++)
            munmap(r[i].p, r[i].len);
        return NULL;
    }
    char *dst = (char *)(((uintptr_t)raw + PAGES_UNIT - 1) & ~(uintptr_t)(PAGES_UNIT - 1));
    if (dst > raw)
        munmap(raw, (size_t)(dst - raw));
    if (raw + len + PAGES_UNIT > dst + len)
        munmap(dst + len, (size_t)(raw + len + PAGES_UNIT - (dst + len)));
    int saved = errno;
    (void)madvise(dst, len, MADV_HUGEPAGE);
    size_t off = 0, moved = 0;
    for (size_t i = 0; i < k; i++)
        for (size_t u = 0; u < r[i].len; u += PAGES_UNIT) {
            if (mremap(r[i].p + u, PAGES_UNIT, PAGES_UNIT, MREMAP_MAYMOVE | MREMAP_FIXED, dst + off) == MAP_FAILED)
                munmap(r[i].p + u, PAGES_UNIT); /* given back; this unit of dst is populated below */
            else
                moved += PAGES_UNIT;
            off += PAGES_UNIT;
        }
#ifdef MADV_POPULATE_WRITE
    if (moved < len)
        (void)madvise(dst, len, MADV_POPULATE_WRITE); /* the units present are skipped: only the holes fault */
#endif
    errno = saved;
    pthread_mutex_lock(&pool_mu);
    pool_stats.joins++;
    pool_stats.reused_bytes += moved;
    pool_stats.fresh_bytes += len - moved;
    pthread_mutex_unlock(&pool_mu);
    return dst;
}

/* Pages of len bytes (a multiple of 2 MiB): from the pool, after the prewarm when it brings this size, by joining
 * pooled regions, or fresh. *fresh: 1 when every page is still the kernel's zero page. */
static void *pages_get(size_t len, int *fresh)
{
    pthread_mutex_lock(&pool_mu);
    char *p;
    while (!(p = pool_take_locked(len, fresh)) && prewarm_awaited_locked(len))
        pthread_cond_wait(&pool_cv, &pool_mu);
    if (p) {
        if (*fresh)
            pool_stats.fresh_bytes += len;
        else
            pool_stats.reused_bytes += len;
        pthread_mutex_unlock(&pool_mu);
        return p;
    }
    /* no region fits: join the largest regions (the last one split) when any are pooled */
    pool_region r[POOL_SLOTS];
    size_t k = 0, got = 0;
    while (pool_join && pool_n > 0 && got < len) {
        size_t big = 0;
        for (size_t i = 1; i < pool_n; i++)
            if (pool[i].len > pool[big].len)
                big = i;
        size_t want = len - got;
        if (pool[big].len <= want) {
            r[k++] = pool[big];
            got += pool[big].len;
            pool_drop_locked(big);
        } else {
            r[k++] = (pool_region){pool[big].p, want, pool[big].fresh};
            got += want;
            pool[big].p += want;
            pool[big].len -= want;
            pool_bytes -= want;
            pool_stats.pooled_bytes = pool_bytes;
        }
    }
    if (k == 0)
        pool_stats.fresh_bytes += len;
    pthread_mutex_unlock(&pool_mu);
    *fresh = 0;
    if (k > 0)
        return join_regions(r, k, len);
    p = map_fresh(len);
    *fresh = p != NULL;
    return p;
}

static void *prewarm_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&pool_mu);
    while (pw_done < pw_k) {
        size_t len = pw_len[pw_done++];
        if (!len) /* taken over by a request */
            continue;
        pw_busy = len;
        pthread_mutex_unlock(&pool_mu);
        char *p = map_fresh(len);
        pthread_mutex_lock(&pool_mu);
        pw_busy = 0;
        if (p && !pool_put_locked(p, len, 1)) {
            pthread_mutex_unlock(&pool_mu);
            munmap(p, len);
            pthread_mutex_lock(&pool_mu);
        } else if (p)
            pool_stats.prewarmed_bytes += len;
        pthread_cond_broadcast(&pool_cv);
    }
    pw_running = 0;
    pthread_cond_broadcast(&pool_cv);
    pthread_mutex_unlock(&pool_mu);
    return NULL;
}

/* Wait for the prewarm thread and join it (unlocked). */
static void prewarm_join(void)
{
    pthread_mutex_lock(&pool_mu);
    int j = pw_joinable;
    pw_joinable = 0;
    pthread_t th = pw_th;
    pthread_mutex_unlock(&pool_mu);
    if (j)
        pthread_join(th, NULL);
}
#endif

int core_pages_mapped(size_t bytes)
{
#ifdef PAGES_POOL
    return pages_len(bytes) != 0;
#else
    (void)bytes;
    return 0;
#endif
}

void *core_alloc_pages(size_t bytes)
{
#ifdef PAGES_POOL
    size_t len = pages_len(bytes);
    if (len) {
        int fresh;
        return pages_get(len, &fresh);
    }
#endif
    return malloc(bytes ? bytes : 1);
}

void *core_alloc_pages_zero(size_t bytes)
{
#ifdef PAGES_POOL
    size_t len = pages_len(bytes);
    if (len) {
        int fresh;
        void *p = pages_get(len, &fresh);
        if (p && !fresh)
            memset(p, 0, bytes); /* reused pages hold what their last owner wrote */
        return p;
    }
#endif
    return calloc(bytes ? bytes : 1, 1);
}

void core_free_pages(void *p, size_t bytes)
{
    if (!p)
        return;
#ifdef PAGES_POOL
    size_t len = pages_len(bytes);
    if (len) {
        pthread_mutex_lock(&pool_mu);
        int kept = pool_put_locked(p, len, 0);
        pthread_mutex_unlock(&pool_mu);
        if (!kept)
            munmap(p, len);
        return;
    }
#endif
    free(p);
}

void core_pages_prewarm(const size_t *bytes, size_t k)
{
#ifdef PAGES_POOL
    prewarm_join(); /* one prewarm at a time: the last one's regions are in the pool by now */
    pthread_mutex_lock(&pool_mu);
    pw_k = pw_done = pw_busy = 0;
    size_t total = pool_bytes;
    for (size_t i = 0; i < k && pw_k < PREWARM_MAX; i++) {
        size_t len = pages_len(bytes[i]);
        if (len && len <= pool_cap && total <= pool_cap - len) { /* what the pool could not keep is not mapped */
            pw_len[pw_k++] = len;
            total += len;
        }
    }
    if (pw_k > 0) {
        pw_running = 1;
        if (pthread_create(&pw_th, NULL, prewarm_main, NULL) == 0)
            pw_joinable = 1;
        else
            pw_running = 0, pw_k = 0;
    }
    pthread_mutex_unlock(&pool_mu);
#else
    (void)bytes;
    (void)k;
#endif
}

void core_pages_release(void)
{
#ifdef PAGES_POOL
    prewarm_join();
    pthread_mutex_lock(&pool_mu);
    pool_region r[POOL_SLOTS];
    size_t k = pool_n;
    memcpy(r, pool, k * sizeof *r);
    pool_n = 0;
    pool_bytes = 0;
    pool_stats.pooled_bytes = 0;
    pthread_mutex_unlock(&pool_mu);
    for (size_t i = 0; i < k; i++)
        munmap(r[i].p, r[i].len);
#endif
}

void core_pages_config(size_t cap, int join)
{
#ifdef PAGES_POOL
    pthread_mutex_lock(&pool_mu);
    pool_cap = cap;
    pool_join = join;
    pthread_mutex_unlock(&pool_mu);
#else
    (void)cap;
    (void)join;
#endif
}

core_pages_stats core_pages_get_stats(void)
{
#ifdef PAGES_POOL
    pthread_mutex_lock(&pool_mu);
    core_pages_stats s = pool_stats;
    pthread_mutex_unlock(&pool_mu);
    return s;
#else
    core_pages_stats s = {0};
    return s;
#endif
}

/* ---- the heap made ready (see core_alloc.h) ---- */

#if defined(__GLIBC__) && defined(__linux__) && defined(MADV_HUGEPAGE)
#define HEAP_PREPARE 1
#include <malloc.h>
#include <unistd.h>

static struct {
    char *a;
    size_t len;
} heap_jb;
static pthread_t heap_th;
static int heap_prepared, heap_running;

static void *heap_populate(void *arg)
{
    (void)arg;
    int saved = errno; /* advice only */
    (void)madvise(heap_jb.a, heap_jb.len, MADV_HUGEPAGE);
#ifdef MADV_POPULATE_WRITE
    (void)madvise(heap_jb.a, heap_jb.len, MADV_POPULATE_WRITE);
#endif
    errno = saved;
    return NULL;
}
#endif

void core_heap_prepare(size_t bytes)
{
#ifdef HEAP_PREPARE
    if (heap_prepared || bytes < ((size_t)1 << 20))
        return;
    heap_prepared = 1;
    /* Blocks below 32 MiB (glibc's largest threshold) from the heap, which keeps up to 64 MiB of what is freed
     * (reused later, never fresh again); one arena for every thread (each further arena is fresh memory). */
    size_t thr = (size_t)32 << 20;
    if (bytes > thr / 2)
        bytes = thr / 2;
    if (!mallopt(M_MMAP_THRESHOLD, (int)thr) || !mallopt(M_TRIM_THRESHOLD, (int)(2 * thr)) || !mallopt(M_ARENA_MAX, 1))
        return;
    /* The heap grown by bytes and given back to malloc at once: its top stays mapped (the trim threshold), and
     * its pages are populated on a thread while the program goes on (populating does not change what a page
     * holds, so the program may already use them). Only a block of the brk heap: one malloc mapped on its own
     * (another allocator, a failed brk) would be unmapped by free. */
    char *p = malloc(bytes);
    if (!p)
        return;
    int in_heap = (char *)sbrk(0) >= p + bytes && p + bytes > p;
    uintptr_t a = ((uintptr_t)p + 4095) & ~(uintptr_t)4095, e = ((uintptr_t)p + bytes) & ~(uintptr_t)4095;
    free(p);
    if (!in_heap || e <= a)
        return;
    heap_jb.a = (char *)a;
    heap_jb.len = e - a;
    heap_running = pthread_create(&heap_th, NULL, heap_populate, NULL) == 0;
#else
    (void)bytes;
#endif
}

void core_heap_done(void)
{
#ifdef HEAP_PREPARE
    if (heap_running)
        pthread_join(heap_th, NULL);
    heap_running = 0;
#endif
}
