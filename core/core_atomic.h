/**
 * @file core_atomic.h
 * @brief Writing an output file atomically: to a temporary file in the destination's directory,
 *        renamed into place only when complete, so a failed run leaves the previous file intact.
 *
 * Interruptions: while a temporary file exists it is listed in a small process-wide table, and
 * core_atomic_catch_signals() (called once by cli/main.c) installs handlers for SIGINT, SIGTERM and
 * SIGHUP that unlink every listed file and then let the signal end the process as it would have.
 * So Ctrl-C or a kill in the middle of a write leaves the previous output and no temporary file.
 * Renames into place run with those signals blocked, so a signal never splits a commit.
 */
#ifndef IPSEVAL_CORE_ATOMIC_H
#define IPSEVAL_CORE_ATOMIC_H

#include <stdio.h>

#include "core/core_error.h"
#include "core/core_table.h"

typedef struct core_atomic {
    char *path;      /**< the destination */
    char *tmp_path;  /**< the temporary file beside it */
    FILE *f;         /**< open for writing (NULL after core_atomic_begin_name) */
    int slot;        /**< 1 + index in the table of pending temporary files; 0 = not listed */
} core_atomic;

/**
 * Create the temporary file ".BASE.PID.XXXXXX" beside path and open it for writing. An existing path
 * that is not a regular file (directory, device, FIFO, socket) is refused: CORE_ERR_OUTPUT naming
 * the path, as on any failure. First calls core_atomic_recover(path).
 */
core_status core_atomic_begin(core_atomic *a, const char *path, core_err *err);

/** Create the temporary file but leave it closed (for writers that open by name, e.g. libxlsxwriter). */
core_status core_atomic_begin_name(core_atomic *a, const char *path, core_err *err);

/** Flush, sync, close and rename into place; on failure the temporary file is removed. */
core_status core_atomic_commit(core_atomic *a, core_err *err);

/** Give up: close and remove the temporary file. Safe to call after a failed begin or a commit. */
void core_atomic_abort(core_atomic *a);

/**
 * Commit several staged outputs together: every temporary file is flushed and synced first (any
 * failure removes them all and returns CORE_ERR_OUTPUT naming the file: nothing is replaced), then a
 * commit journal is written and synced beside each output (a journal that cannot be written stops here:
 * CORE_ERR_OUTPUT, nothing replaced), all are renamed into place in order with SIGINT/SIGTERM/SIGHUP
 * blocked, and the journals removed. The complete set of journals decides the commit: a SIGKILL before it
 * leaves the old files, one after it a commit that the next run naming any output finishes
 * (core_atomic_recover). Two renames are never one atomic step: a SIGKILL between them leaves the new first
 * file beside the old second one until then. A rename that fails after another succeeded keeps the journals
 * and the remaining staged files (the error says so), so the next run finishes the commit. The entries may
 * be NULL (skipped). After the call every entry is finished (committed or aborted).
 */
core_status core_atomic_commit_all(core_atomic *const *a, size_t n, core_err *err);

/**
 * Repair what an earlier run killed during its commit left beside path: a decided commit journal
 * (".BASE.PID.commit" complete, and every journal it lists complete) is finished (its remaining temporary
 * files renamed into place, so the outputs are again one run's pair); an undecided one is removed with its
 * temporary files (the old pair stays); temporary files ".BASE.PID.XXXXXX" are removed. Only files of those
 * names, owned by this user, whose process no longer exists. Call it before reading an output of another
 * run, as before writing one. Best effort; never fails.
 */
void core_atomic_recover(const char *path);

/**
 * Install the SIGINT/SIGTERM/SIGHUP handlers that remove pending temporary files (see the file
 * comment). Call once, early, from the program's main; a no-op when a signal was ignored at start
 * (e.g. nohup). Handlers re-raise the signal, so the exit status still says what killed the run.
 */
void core_atomic_catch_signals(void);

/**
 * 1 when the two paths name the same existing file (same device and inode), or the same path text
 * after resolving; used to refuse an output path equal to an input path.
 */
int core_same_file(const char *a, const char *b);

/** Create the folder that will hold path, and any missing folder above it (as mkdir -p), so a run can write
 *  into a new folder. CORE_ERR_OUTPUT naming the folder when one cannot be made (e.g. a file is in the way).
 *  *made = 1 when a folder was created. */
core_status core_atomic_make_parent(const char *path, int *made, core_err *err);

/** Write a table as CSV (',' delimiter, '.' decimal, RFC 4180 quoting, empty = missing), atomically. */
core_status core_table_write_csv(const core_table *t, const char *path, core_err *err);

/**
 * Write generated (synthetic) data: the table as core_table_write_csv, plus a companion file
 * PATH.synthetic.txt saying the data are synthetic (note: e.g. "from sim.ini, seed 7"), both staged
 * and committed together. An existing path is refused (CORE_ERR_OUTPUT naming it and --force) unless
 * force: generated data never silently replace a file that may hold real data.
 */
core_status core_table_write_synthetic(const core_table *t, const char *path, const char *note, int force,
                                       core_err *err);

#endif
