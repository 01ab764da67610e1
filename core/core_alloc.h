/**
 * @file core_alloc.h
 * @brief Capped, overflow-checked allocation for sizes that come from input files.
 *
 * A count read from a file header (variables, observations, labels) or grown from file content
 * must never turn into an allocation that wraps around SIZE_MAX or asks for terabytes: either
 * would be a crash or an out-of-memory kill instead of a clear message. Every allocation whose
 * size derives from input goes through these helpers, which multiply with an overflow check and
 * refuse anything above CORE_ALLOC_MAX bytes (NULL, as if out of memory; callers already report
 * CORE_ERR_NOMEM naming the file). Plain malloc stays fine for sizes the program itself fixes.
 *
 * Why: CERT C MEM07-C / INT30-C (check size computations before allocating); the same guard
 * SQLite (SQLITE_MAX_ALLOCATION_SIZE) and ReadStat's fuzzed readers use.
 */
#ifndef IPSEVAL_CORE_ALLOC_H
#define IPSEVAL_CORE_ALLOC_H

#include <stddef.h>

/**
 * Largest single allocation, in bytes, made on behalf of an input file. 16 GiB by default: far
 * above any registry extract we read into memory, far below what would take a machine down.
 * Fuzzing builds lower it (-DCORE_ALLOC_MAX=...) to stay inside libFuzzer's memory limit.
 */
#ifndef CORE_ALLOC_MAX
#define CORE_ALLOC_MAX ((size_t)16 << 30)
#endif

/** a * b into *out; returns 1, or 0 (and leaves *out alone) when the product overflows size_t. */
int core_size_mul(size_t a, size_t b, size_t *out);

/** a + b into *out; returns 1, or 0 when the sum overflows size_t. */
int core_size_add(size_t a, size_t b, size_t *out);

/** 1 when an array of n elements of size bytes is within CORE_ALLOC_MAX (and does not overflow). */
int core_alloc_ok(size_t n, size_t size);

/**
 * malloc(n * size) with the overflow check and the cap; NULL when either fails or malloc does.
 * n == 0 allocates one byte, so NULL always means failure. Free with free().
 */
void *core_alloc_array(size_t n, size_t size);

/** calloc(n, size) with the cap (zeroed); n == 0 allocates one element. NULL on failure. */
void *core_calloc_array(size_t n, size_t size);

/**
 * realloc(p, n * size) with the overflow check and the cap. On failure returns NULL and p is
 * left untouched (still owned by the caller), as with realloc.
 */
void *core_realloc_array(void *p, size_t n, size_t size);

/**
 * Capacity for a growing array: the smallest of cur doubled (starting from first when cur is 0)
 * that is >= want, for elements of elem bytes. Returns 1 with *out set, or 0 when that capacity
 * would overflow or exceed CORE_ALLOC_MAX (the caller reports out of memory).
 */
int core_grow_cap(size_t cur, size_t want, size_t first, size_t elem, size_t *out);

/**
 * Advice before writing a large buffer in full: back [p, p + bytes) with transparent huge pages
 * where the system allows them (madvise MADV_HUGEPAGE) and populate it now (MADV_POPULATE_WRITE,
 * Linux 5.14) rather than with one page fault per 4 KiB page. On virtual machines each fault is
 * expensive (measured here: 80 MB written through faults 0.5 s, after this call 0.02 s; see
 * docs/performance.md). Only for memory the caller is about to fill: populating makes every page
 * resident. Pure advice: buffers under 1 MiB, other systems and refusals leave it unchanged.
 */
void core_prefault(void *p, size_t bytes);

/**
 * A large work buffer of bytes that the caller fills in full, as whole pages of its own: on Linux, bytes of 1 MiB
 * or more are mapped in 2 MiB units (which the kernel places on 2 MiB boundaries) as transparent huge pages where
 * the system allows and populated at once. On this kind of virtual machine a 4 KiB page touched for the first time
 * costs more than filling it, even when populated ahead (measured: 4 MB filled in 5-12 ms that way, 0.2 ms as two
 * huge pages; docs/performance.md). Smaller buffers, other systems: malloc. Contents are undefined: pages from the
 * pool (below) hold what their last owner wrote. NULL when out of memory. Free with core_free_pages and the same
 * bytes, never with free().
 *
 * The pool (Linux): core_free_pages keeps the pages of a freed buffer (up to CORE_PAGES_POOL_CAP bytes in all)
 * instead of unmapping them, and core_alloc_pages hands them out again: the smallest kept region that is large
 * enough, split at a 2 MiB boundary; when none is, kept regions are moved together into one range with mremap (the
 * page tables move; the pages are neither copied nor touched) and the rest is mapped fresh. Pages the process
 * has touched cost nothing to reuse; fresh ones cost up to 1-2 ms per MB here (docs/performance.md). Safe to call
 * from several threads (one mutex).
 */
void *core_alloc_pages(size_t bytes);

/** As core_alloc_pages, zero-filled: fresh pages are the kernel's zero pages (not written again), reused ones are
 *  cleared; calloc below 1 MiB. */
void *core_alloc_pages_zero(size_t bytes);

/** Free a buffer from core_alloc_pages(bytes) or core_alloc_pages_zero(bytes) (NULL: nothing): into the pool while
 *  it has room, else back to the system. */
void core_free_pages(void *p, size_t bytes);

/** 1 when core_alloc_pages(bytes) maps whole pages of its own (freed by core_free_pages into the pool or back to the
 *  system), 0 when it is malloc's (freed by core_free_pages with free()). */
int core_pages_mapped(size_t bytes);

/** Bytes the pool keeps at most: 256 MiB (all a 10^6-row run frees, a small part of a 10^8-row run's arrays). */
#ifndef CORE_PAGES_POOL_CAP
#define CORE_PAGES_POOL_CAP ((size_t)256 << 20)
#endif

/**
 * Map and populate, on a thread of its own, buffers of the given sizes (at most 8) and put them into the pool, for
 * core_alloc_pages calls that will come: the work arrays of a later step prepared on an idle core while this one
 * does something else. A core_alloc_pages call that no pooled region fits waits for a buffer of its size that the
 * prewarm is mapping at that moment; one of its size not started yet it maps itself (the prewarm skips it), so
 * that a prewarm thread without a core of its own never holds the caller up for longer than one mapping.
 * Sizes under 1 MiB, and what would take the pool over its cap, are left out. A second prewarm first waits for
 * the first. Nothing on other systems.
 */
void core_pages_prewarm(const size_t *bytes, size_t k);

/** Give every pooled page back to the system (after waiting for a prewarm): after the large steps, so that memory
 *  the rest of the run does not use is not kept. The pool keeps working afterwards. */
void core_pages_release(void);

/** For tests: the pool's cap in bytes (0: nothing kept) and whether regions may be joined (1) or not (0). */
void core_pages_config(size_t cap, int join);

/** What the pool did since the process started (for tests and measurements). */
typedef struct core_pages_stats {
    size_t reused_bytes;    /**< bytes handed out again from the pool (whole or joined) */
    size_t fresh_bytes;     /**< bytes handed out that were new to the process (mapped here, prewarmed, holes) */
    size_t prewarmed_bytes; /**< bytes a prewarm mapped into the pool */
    size_t taken_over_bytes; /**< bytes of a prewarm not started yet when a request of their size came (the request
                                  mapped them itself) */
    size_t pooled_bytes;    /**< bytes the pool keeps now */
    size_t joins;           /**< requests served by moving several regions together */
} core_pages_stats;

/** The counters above (zero on other systems). */
core_pages_stats core_pages_get_stats(void);

/**
 * Make malloc's heap ready for a large input (glibc on Linux; nothing elsewhere, and nothing on a second call):
 * blocks under 32 MiB come from the heap, which keeps up to 64 MiB of what is freed for reuse, all threads share
 * one arena, and the heap is grown by bytes (at most 16 MiB) whose pages are populated on a thread of their own
 * (huge pages where allowed) while the program goes on. On this kind of virtual machine a 4 KiB page touched for
 * the first time costs ~11 us, about ten times what populating it costs, and a block malloc maps on its own is
 * fresh every time (docs/performance.md). Nothing a program sees changes but the time. For the program (cli/),
 * before the large allocations; core_heap_done waits for the thread.
 */
void core_heap_prepare(size_t bytes);

/** Wait for core_heap_prepare's thread (at the end of the run). */
void core_heap_done(void);

#endif
