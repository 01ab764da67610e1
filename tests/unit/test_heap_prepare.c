/* malloc's heap made ready for a large input (core_heap_prepare, core/core_alloc.h): afterwards a block of a few MiB
 * comes from the heap (not a mapping of its own, which would be fresh memory every time), its pages are already
 * resident before it is first written (populated on the helper thread), a freed block's pages are handed out again,
 * and a second call changes nothing. glibc on Linux; under AddressSanitizer (its own allocator) the call must only be
 * harmless. Run: build/tests/test_heap_prepare. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/core_alloc.h"
#include "tests/t_check.h"

#define MiB ((size_t)1 << 20)

#if defined(__SANITIZE_ADDRESS__)
#define NO_GLIBC_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NO_GLIBC_MALLOC 1
#endif
#endif

#if defined(__GLIBC__) && defined(__linux__) && defined(MADV_HUGEPAGE) && !defined(NO_GLIBC_MALLOC)
/* The share of the whole pages of [p, p + bytes) that are resident. */
static double resident(const void *p, size_t bytes)
{
    uintptr_t a = ((uintptr_t)p + 4095) & ~(uintptr_t)4095, e = ((uintptr_t)p + bytes) & ~(uintptr_t)4095;
    size_t n = (e - a) / 4096, in = 0;
    unsigned char *v = malloc(n ? n : 1);
    if (!v || mincore((void *)a, e - a, v) != 0) {
        free(v);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        in += v[i] & 1;
    free(v);
    return n ? (double)in / (double)n : 0;
}

static long minor_faults(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_minflt;
}

/* Does this kernel populate on request (MADV_POPULATE_WRITE, Linux 5.14)? */
static int can_populate(void)
{
#ifdef MADV_POPULATE_WRITE
    void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return 0;
    int ok = madvise(m, 4096, MADV_POPULATE_WRITE) == 0;
    munmap(m, 4096);
    return ok;
#else
    return 0;
#endif
}
#endif

int main(void)
{
#if defined(__GLIBC__) && defined(__linux__) && defined(MADV_HUGEPAGE) && !defined(NO_GLIBC_MALLOC)
    core_heap_prepare(16 * MiB);
    core_heap_done();
    char *b = malloc(4 * MiB); /* beyond glibc's default threshold (128 KiB .. 32 MiB): a mapping of its own before */
    t_true(b != NULL, "a 4 MiB block");
    if (!b)
        return t_summary("heap_prepare");
    t_true(b + 4 * MiB <= (char *)sbrk(0), "the 4 MiB block is in the heap, not a mapping of its own");
    if (can_populate()) {
        double r = resident(b, 4 * MiB);
        t_true(r > 0.99, "its pages were populated before first use (%.0f%% resident)", 100 * r);
        long f0 = minor_faults();
        memset(b, 1, 4 * MiB);
        long f = minor_faults() - f0;
        t_true(f < 16, "writing it takes no page faults (%ld)", f);
    } else
        printf("heap_prepare: this kernel does not populate on request (MADV_POPULATE_WRITE): residency not checked\n");
    free(b);
    long f0 = minor_faults();
    char *c = malloc(3 * MiB); /* freed memory is kept and reused: touched pages, no faults */
    t_true(c != NULL, "a 3 MiB block after the free");
    if (c) {
        memset(c, 2, 3 * MiB);
        long f = minor_faults() - f0;
        t_true(f < 16, "a block after a free reuses touched pages (%ld faults)", f);
        t_true(c[0] == 2 && c[3 * MiB - 1] == 2, "and holds what was written");
    }
    free(c);
    char *brk0 = sbrk(0);
    core_heap_prepare(16 * MiB); /* a second call: nothing */
    core_heap_done();
    t_true((char *)sbrk(0) == brk0, "a second call leaves the heap as it was");
#else
    core_heap_prepare(16 * MiB); /* advice only: harmless here */
    core_heap_done();
    char *b = malloc(4 * MiB);
    t_true(b != NULL, "malloc works after the (empty) preparation");
    free(b);
#endif
    return t_summary("heap_prepare");
}
