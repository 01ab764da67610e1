/**
 * @file core_error.h
 * @brief The one status type of ipseval: an error code plus a message that names the place.
 *
 * Library functions return a core_status and, on failure, fill a core_err with a message
 * such as "trial.csv:17:3 'arm': ...". Only cli/ turns it into text on stderr and an exit code.
 */
#ifndef IPSEVAL_CORE_ERROR_H
#define IPSEVAL_CORE_ERROR_H

#include <stddef.h>

/** Status codes; each maps to an exit code (core_status_exit_code). */
typedef enum core_status {
    CORE_OK = 0,
    CORE_ERR_NOMEM,        /**< out of memory */
    CORE_ERR_USAGE,        /**< command-line misuse */
    CORE_ERR_CONFIG,       /**< configuration file or value invalid */
    CORE_ERR_IO,           /**< an input file cannot be opened or read */
    CORE_ERR_DATA,         /**< input data invalid (names file, row, column) */
    CORE_ERR_ANALYSIS,     /**< an analysis could not be done (no convergence, degenerate) */
    CORE_ERR_OUTPUT,       /**< an output file could not be written */
    CORE_ERR_NOT_BUILT,    /**< a capability this version does not have yet */
    CORE_STATUS_COUNT      /**< sentinel */
} core_status;

/** Error context: the code and a human-readable message naming the place. */
typedef struct core_err {
    core_status code;
    char msg[2048];
} core_err;

/** Short generic description of a status code; unknown codes clamp to "unknown error". */
const char *core_strerror(core_status code);

/** Exit status of SPEC §1 for a status: 0 ok, 1 analysis, 2 usage/config, 3 data, 4 output. */
int core_status_exit_code(core_status code);

/** Set err (may be NULL) to code with a printf-style message; returns code for `return core_err_set(...)`. */
core_status core_err_set(core_err *err, core_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** Clear an error context to CORE_OK with an empty message. */
void core_err_clear(core_err *err);

/** Prefix the existing message with "prefix: " (adds context on the way up). */
void core_err_prefix(core_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Map a GSL status code to a core_status (GSL_ENOMEM -> NOMEM; others -> ANALYSIS). */
core_status core_status_from_gsl(int gsl_status);

#endif
