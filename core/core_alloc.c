/* Capped, overflow-checked allocation for input-derived sizes (see core_alloc.h). */
#include "core/core_alloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#if defined(__linux__)
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

#if defined(__linux__) && defined(MADV_HUGEPAGE)
enum { PAGES_MIN = 1 << 20, PAGES_UNIT = 2 << 20 };

static size_t pages_len(size_t bytes)
{
    return bytes >= PAGES_MIN && bytes <= SIZE_MAX - PAGES_UNIT ? (bytes + PAGES_UNIT - 1) / PAGES_UNIT * PAGES_UNIT
                                                                 : 0;
}
#endif

void *core_alloc_pages(size_t bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    size_t len = pages_len(bytes);
    if (len) {
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
#endif
    return malloc(bytes ? bytes : 1);
}

void core_free_pages(void *p, size_t bytes)
{
    if (!p)
        return;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    size_t len = pages_len(bytes);
    if (len) {
        munmap(p, len);
        return;
    }
#endif
    free(p);
}
