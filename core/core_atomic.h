/**
 * @file core_atomic.h
 * @brief Writing an output file atomically: to a temporary file in the destination's directory,
 *        renamed into place only when complete, so a failed run leaves the previous file intact.
 */
#ifndef IPSEVAL_CORE_ATOMIC_H
#define IPSEVAL_CORE_ATOMIC_H

#include <stdio.h>

#include "core_error.h"
#include "core_table.h"

typedef struct core_atomic {
    char *path;      /**< the destination */
    char *tmp_path;  /**< the temporary file beside it */
    FILE *f;         /**< open for writing (NULL after core_atomic_begin_name) */
} core_atomic;

/** Create the temporary file and open it for writing. CORE_ERR_OUTPUT naming the path on failure. */
core_status core_atomic_begin(core_atomic *a, const char *path, core_err *err);

/** Create the temporary file but leave it closed (for writers that open by name, e.g. libxlsxwriter). */
core_status core_atomic_begin_name(core_atomic *a, const char *path, core_err *err);

/** Flush, sync, close and rename into place; on failure the temporary file is removed. */
core_status core_atomic_commit(core_atomic *a, core_err *err);

/** Give up: close and remove the temporary file. Safe to call after a failed begin or a commit. */
void core_atomic_abort(core_atomic *a);

/**
 * 1 when the two paths name the same existing file (same device and inode), or the same path text
 * after resolving; used to refuse an output path equal to an input path.
 */
int core_same_file(const char *a, const char *b);

/** Write a table as CSV (',' delimiter, '.' decimal, RFC 4180 quoting, empty = missing), atomically. */
core_status core_table_write_csv(const core_table *t, const char *path, core_err *err);

#endif
