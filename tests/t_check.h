/**
 * @file t_check.h
 * @brief The in-house check API: one PASS/FAIL line per check, a summary line
 *        "N passed, N failed" and an exit status from it.
 *
 * NaN: t_rel and t_abs fail when either value is NaN (a missing or undefined expected value is never
 * a pass); where NaN is the right answer the test says so with t_nan.
 *
 * Tolerance tiers (named, never ad hoc):
 *   TOL_EXACT  closed forms (1e-12 relative)
 *   TOL_REF    agreement with R's printed values (1e-6 relative, the project standard)
 *   TOL_ITER   iterative likelihoods such as GLMMs (1e-4 relative)
 */
#ifndef IPSEVAL_T_CHECK_H
#define IPSEVAL_T_CHECK_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define TOL_EXACT 1e-12
#define TOL_REF 1e-6
#define TOL_ITER 1e-4

static int t_passed, t_failed;
static int t_verbose = 0;

static void t_report(int ok, const char *fmt, va_list ap, const char *detail)
{
    if (ok)
        t_passed++;
    else
        t_failed++;
    if (!ok || t_verbose) {
        printf("%s: ", ok ? "PASS" : "FAIL");
        vprintf(fmt, ap);
        if (detail && *detail)
            printf(" (%s)", detail);
        printf("\n");
    }
}

/** |got - exp| <= tol * |exp|; exp == 0 compares absolutely with tol. Fails when got or exp is NaN. */
static inline int t_rel(double got, double exp, double tol, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static inline int t_rel(double got, double exp, double tol, const char *fmt, ...)
{
    int ok;
    if (isnan(exp) || isnan(got))
        ok = 0;
    else if (isinf(exp) || isinf(got))
        ok = got == exp;
    else if (exp == 0)
        ok = fabs(got) <= tol;
    else
        ok = fabs(got - exp) <= tol * fabs(exp);
    char d[160];
    if (isnan(exp))
        snprintf(d, sizeof d, "got %.15g, the expected value is NaN (missing or undefined; t_nan where NaN is meant)",
                 got);
    else
        snprintf(d, sizeof d, "got %.15g, expected %.15g, rel err %.3g", got, exp,
                 exp != 0 ? fabs(got - exp) / fabs(exp) : fabs(got));
    va_list ap;
    va_start(ap, fmt);
    t_report(ok, fmt, ap, ok ? "" : d);
    va_end(ap);
    return ok;
}

/** |got - exp| <= tol. Fails when got or exp is NaN. */
static inline int t_abs(double got, double exp, double tol, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static inline int t_abs(double got, double exp, double tol, const char *fmt, ...)
{
    int ok = !isnan(exp) && !isnan(got) && fabs(got - exp) <= tol;
    char d[160];
    snprintf(d, sizeof d, "got %.15g, expected %.15g", got, exp);
    va_list ap;
    va_start(ap, fmt);
    t_report(ok, fmt, ap, ok ? "" : d);
    va_end(ap);
    return ok;
}

/** got is NaN: the test states that NaN (undefined, not estimable) is the answer. */
static inline int t_nan(double got, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline int t_nan(double got, const char *fmt, ...)
{
    char d[96];
    snprintf(d, sizeof d, "got %.15g, expected NaN", got);
    va_list ap;
    va_start(ap, fmt);
    t_report(isnan(got), fmt, ap, isnan(got) ? "" : d);
    va_end(ap);
    return isnan(got);
}

static inline int t_int(long got, long exp, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static inline int t_int(long got, long exp, const char *fmt, ...)
{
    char d[96];
    snprintf(d, sizeof d, "got %ld, expected %ld", got, exp);
    va_list ap;
    va_start(ap, fmt);
    t_report(got == exp, fmt, ap, got == exp ? "" : d);
    va_end(ap);
    return got == exp;
}

static inline int t_str(const char *got, const char *exp, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static inline int t_str(const char *got, const char *exp, const char *fmt, ...)
{
    int ok = got && exp && strcmp(got, exp) == 0;
    char d[512];
    snprintf(d, sizeof d, "got \"%s\", expected \"%s\"", got ? got : "(null)", exp ? exp : "(null)");
    va_list ap;
    va_start(ap, fmt);
    t_report(ok, fmt, ap, ok ? "" : d);
    va_end(ap);
    return ok;
}

/** got contains the substring needle. */
static inline int t_contains(const char *got, const char *needle, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static inline int t_contains(const char *got, const char *needle, const char *fmt, ...)
{
    int ok = got && needle && strstr(got, needle) != NULL;
    char d[2300];
    snprintf(d, sizeof d, "\"%s\" does not contain \"%s\"", got ? got : "(null)", needle);
    va_list ap;
    va_start(ap, fmt);
    t_report(ok, fmt, ap, ok ? "" : d);
    va_end(ap);
    return ok;
}

static inline int t_true(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline int t_true(int cond, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    t_report(cond != 0, fmt, ap, "");
    va_end(ap);
    return cond != 0;
}

/** Print the summary line and return the exit status for main(). */
static inline int t_summary(const char *suite)
{
    printf("%s: %d passed, %d failed\n", suite, t_passed, t_failed);
    return t_failed ? 1 : 0;
}

#endif
