/* The status type: a strerror table tied to the enum, and message helpers. */
#include "core/core_error.h"

#include <gsl/gsl_errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const messages[] = {
    [CORE_OK] = "no error",
    [CORE_ERR_NOMEM] = "out of memory",
    [CORE_ERR_USAGE] = "usage error",
    [CORE_ERR_CONFIG] = "configuration error",
    [CORE_ERR_IO] = "input file cannot be read",
    [CORE_ERR_DATA] = "input data error",
    [CORE_ERR_ANALYSIS] = "analysis could not be done",
    [CORE_ERR_OUTPUT] = "output could not be written",
    [CORE_ERR_NOT_BUILT] = "not available in this version",
};
_Static_assert(sizeof messages / sizeof messages[0] == CORE_STATUS_COUNT,
               "one message per core_status");

const char *core_strerror(core_status code)
{
    if ((int)code < 0 || code >= CORE_STATUS_COUNT)
        return "unknown error";
    return messages[code];
}

int core_status_exit_code(core_status code)
{
    switch (code) {
    case CORE_OK: return 0;
    case CORE_ERR_ANALYSIS: return 1;
    case CORE_ERR_USAGE:
    case CORE_ERR_CONFIG:
    case CORE_ERR_NOT_BUILT: return 2;
    case CORE_ERR_IO:
    case CORE_ERR_DATA: return 3;
    case CORE_ERR_OUTPUT: return 4;
    case CORE_ERR_NOMEM:
    default: return 1;
    }
}

core_status core_err_set(core_err *err, core_status code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

void core_err_clear(core_err *err)
{
    if (err) {
        err->code = CORE_OK;
        err->msg[0] = '\0';
    }
}

void core_err_prefix(core_err *err, const char *fmt, ...)
{
    if (!err)
        return;
    char head[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(head, sizeof head, fmt, ap);
    va_end(ap);
    /* Shift the old message right and put "head: " in front; truncate at the buffer's end. */
    size_t hl = strlen(head), cap = sizeof err->msg;
    if (hl + 2 >= cap)
        return;
    size_t ol = strlen(err->msg);
    if (hl + 2 + ol >= cap)
        ol = cap - hl - 3;
    memmove(err->msg + hl + 2, err->msg, ol);
    err->msg[hl + 2 + ol] = '\0';
    memcpy(err->msg, head, hl);
    err->msg[hl] = ':';
    err->msg[hl + 1] = ' ';
}

core_status core_status_from_gsl(int gsl_status)
{
    if (gsl_status == GSL_SUCCESS)
        return CORE_OK;
    if (gsl_status == GSL_ENOMEM)
        return CORE_ERR_NOMEM;
    return CORE_ERR_ANALYSIS;
}
