/* Parameter distributions of the PSA: parsing `X.dist`, checks, draws and quantiles.
 * Mean-and-SE families use the method of moments (Briggs, Claxton & Sculpher 2006, ch. 4). */
#include "cba/cba.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "core/core_table.h"

const char *const cba_dist_name[CBA_DIST_COUNT] = {"", "fixed", "normal", "lognormal", "gamma",
                                                     "beta", "uniform", "triangular"};

/* Named arguments of each family, in positional order. */
static const char *const arg_names[CBA_DIST_COUNT][3] = {
    {NULL}, {"value"}, {"mean", "se"}, {"mean", "se"}, {"mean", "se"}, {"mean", "se"}, {"min", "max"},
    {"min", "mode", "max"}};
static const int n_args[CBA_DIST_COUNT] = {0, 1, 2, 2, 2, 2, 2, 3};

static const char *const valid_text =
    "normal(mean=, se=), lognormal(mean=, se=), gamma(mean=, se=), beta(mean=, se=), uniform(min=, max=), "
    "triangular(min=, mode=, max=) or fixed";

core_status cba_dist_parse(const char *text, cba_dist *out, core_err *err)
{
    memset(out, 0, sizeof *out);
    const char *s = text ? text : "";
    while (isspace((unsigned char)*s))
        s++;
    size_t nl = 0;
    while (isalpha((unsigned char)s[nl]))
        nl++;
    int kind = -1;
    for (int k = 1; k < CBA_DIST_COUNT; k++)
        if (strlen(cba_dist_name[k]) == nl && strncasecmp(s, cba_dist_name[k], nl) == 0)
            kind = k;
    if (nl == 0 || kind < 0)
        return core_err_set(err, CORE_ERR_CONFIG, "'%s' is not a distribution; write %s", s, valid_text);
    out->kind = (cba_dist_kind)kind;
    const char *p = s + nl;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '\0') {
        if (kind == CBA_DIST_FIXED) {
            out->p[0] = NAN;
            return CORE_OK;
        }
        return core_err_set(err, CORE_ERR_CONFIG, "'%s' needs its parameters, e.g. %s(%s=..., %s=...)", s,
                            cba_dist_name[kind], arg_names[kind][0], arg_names[kind][1]);
    }
    if (*p != '(')
        return core_err_set(err, CORE_ERR_CONFIG, "'%s': expected '(' after %s", s, cba_dist_name[kind]);
    const char *close = strrchr(p, ')');
    if (!close)
        return core_err_set(err, CORE_ERR_CONFIG, "'%s' has no closing ')'", s);
    for (const char *q = close + 1; *q; q++)
        if (!isspace((unsigned char)*q))
            return core_err_set(err, CORE_ERR_CONFIG, "'%s': unexpected text after ')'", s);
    int seen[3] = {0, 0, 0};
    int npos = 0, any_named = 0;
    const char *a = p + 1;
    char item[128];
    if (kind == CBA_DIST_FIXED) {
        /* fixed() is fixed */
        const char *q = a;
        while (q < close && isspace((unsigned char)*q))
            q++;
        if (q == close) {
            out->p[0] = NAN;
            return CORE_OK;
        }
    }
    while (a <= close) {
        const char *e = memchr(a, ',', (size_t)(close - a));
        if (!e)
            e = close;
        size_t len = (size_t)(e - a);
        if (len >= sizeof item)
            return core_err_set(err, CORE_ERR_CONFIG, "'%s': an argument is too long", s);
        memcpy(item, a, len);
        item[len] = '\0';
        char *eq = strchr(item, '=');
        int slot;
        const char *num = item;
        if (eq) {
            *eq = '\0';
            char *nm = item;
            while (isspace((unsigned char)*nm))
                nm++;
            char *ne = nm + strlen(nm);
            while (ne > nm && isspace((unsigned char)ne[-1]))
                *--ne = '\0';
            slot = -1;
            for (int j = 0; j < n_args[kind]; j++)
                if (strcasecmp(nm, arg_names[kind][j]) == 0)
                    slot = j;
            if (slot < 0) {
                char names[64] = "";
                for (int j = 0; j < n_args[kind]; j++) {
                    strncat(names, j ? ", " : "", sizeof names - strlen(names) - 1);
                    strncat(names, arg_names[kind][j], sizeof names - strlen(names) - 1);
                }
                return core_err_set(err, CORE_ERR_CONFIG, "'%s': %s takes %s, not '%s'", s, cba_dist_name[kind], names,
                                    nm);
            }
            num = eq + 1;
            any_named = 1;
        } else {
            if (any_named)
                return core_err_set(err, CORE_ERR_CONFIG, "'%s': a positional argument after a named one", s);
            slot = npos++;
            if (slot >= n_args[kind])
                return core_err_set(err, CORE_ERR_CONFIG, "'%s': %s takes %d argument(s)", s, cba_dist_name[kind],
                                    n_args[kind]);
        }
        if (seen[slot])
            return core_err_set(err, CORE_ERR_CONFIG, "'%s': %s is given twice", s, arg_names[kind][slot]);
        double x;
        if (!core_parse_double(num, '.', &x))
            return core_err_set(err, CORE_ERR_CONFIG, "'%s': '%s' is not a number", s, num);
        out->p[slot] = x;
        seen[slot] = 1;
        a = e + 1;
    }
    for (int j = 0; j < n_args[kind]; j++)
        if (!seen[j])
            return core_err_set(err, CORE_ERR_CONFIG, "'%s': %s needs %s", s, cba_dist_name[kind], arg_names[kind][j]);
    return CORE_OK;
}

/* Method-of-moments parameters. */
static void lognormal_par(const cba_dist *d, double *mu, double *sigma)
{
    double m = d->p[0], se = d->p[1];
    double s2 = log1p(se * se / (m * m));
    *sigma = sqrt(s2);
    *mu = log(m) - s2 / 2;
}

static void gamma_par(const cba_dist *d, double *shape, double *scale)
{
    double m = d->p[0], se = d->p[1];
    *shape = m * m / (se * se);
    *scale = se * se / m;
}

static void beta_par(const cba_dist *d, double *al, double *be)
{
    double m = d->p[0], se = d->p[1];
    double k = m * (1 - m) / (se * se) - 1;
    *al = m * k;
    *be = (1 - m) * k;
}

core_status cba_dist_check(const cba_dist *d, double lo, double hi, core_err *err)
{
    const char *nm = cba_dist_name[d->kind];
    double a = d->p[0], b = d->p[1], c = d->p[2];
    double slo = -INFINITY, shi = INFINITY; /* support */
    switch (d->kind) {
    case CBA_DIST_NONE:
        return CORE_OK;
    case CBA_DIST_FIXED:
        if (!isnan(a) && (a < lo || a > hi))
            return core_err_set(err, CORE_ERR_CONFIG, "fixed(%g) is outside the valid range [%g, %g]", a, lo, hi);
        return CORE_OK;
    case CBA_DIST_NORMAL:
        if (!(b > 0))
            return core_err_set(err, CORE_ERR_CONFIG, "normal: se must be > 0 (for no uncertainty write 'fixed')");
        /* Normal support is unbounded: a bounded parameter needs its bounds far out (8 SE: P < 1e-15). */
        if ((isfinite(lo) && a - 8 * b < lo) || (isfinite(hi) && a + 8 * b > hi))
            return core_err_set(err, CORE_ERR_CONFIG,
                                "normal(mean=%g, se=%g) puts weight outside the valid range [%g, %g] (mean +/- 8 se "
                                "must stay inside); use gamma or lognormal for a positive amount, beta for a share",
                                a, b, lo, hi);
        return CORE_OK;
    case CBA_DIST_LOGNORMAL:
    case CBA_DIST_GAMMA:
        if (!(a > 0))
            return core_err_set(err, CORE_ERR_CONFIG, "%s needs mean > 0 (it has %g): its values are positive", nm, a);
        if (!(b > 0))
            return core_err_set(err, CORE_ERR_CONFIG, "%s: se must be > 0 (for no uncertainty write 'fixed')", nm);
        /* A gamma with se > mean has shape < 1: a J-shaped density piled at 0, almost always a variance typed
         * as an SE. */
        if (d->kind == CBA_DIST_GAMMA && b > a)
            return core_err_set(err, CORE_ERR_CONFIG,
                                "gamma(mean=%g, se=%g): se larger than the mean gives shape (mean/se)^2 = %.3g < 1, a "
                                "J-shaped density at 0; se must be at most the mean (was a variance given as se?)",
                                a, b, (a / b) * (a / b));
        slo = 0;
        break;
    case CBA_DIST_BETA:
        if (!(a > 0 && a < 1))
            return core_err_set(err, CORE_ERR_CONFIG, "beta needs 0 < mean < 1 (it has %g): it describes a share", a);
        if (!(b > 0))
            return core_err_set(err, CORE_ERR_CONFIG, "beta: se must be > 0 (for no uncertainty write 'fixed')");
        if (b * b >= a * (1 - a))
            return core_err_set(err, CORE_ERR_CONFIG,
                                "beta(mean=%g, se=%g): se must be below sqrt(mean (1 - mean)) = %g", a, b,
                                sqrt(a * (1 - a)));
        slo = 0;
        shi = 1;
        break;
    case CBA_DIST_UNIFORM:
        if (!(a < b))
            return core_err_set(err, CORE_ERR_CONFIG, "uniform needs min < max (it has %g, %g)", a, b);
        slo = a;
        shi = b;
        break;
    case CBA_DIST_TRIANGULAR:
        if (!(a <= b && b <= c && a < c))
            return core_err_set(err, CORE_ERR_CONFIG, "triangular needs min <= mode <= max and min < max (it has %g, %g, %g)",
                                a, b, c);
        slo = a;
        shi = c;
        break;
    default:
        return core_err_set(err, CORE_ERR_CONFIG, "unknown distribution");
    }
    if (slo < lo || shi > hi)
        return core_err_set(err, CORE_ERR_CONFIG, "%s has values in [%g, %g], outside the valid range [%g, %g]", nm, slo,
                            shi, lo, hi);
    return CORE_OK;
}

double cba_dist_mean(const cba_dist *d)
{
    switch (d->kind) {
    case CBA_DIST_NORMAL:
    case CBA_DIST_LOGNORMAL:
    case CBA_DIST_GAMMA:
    case CBA_DIST_BETA:
        return d->p[0];
    case CBA_DIST_UNIFORM:
        return (d->p[0] + d->p[1]) / 2;
    case CBA_DIST_TRIANGULAR:
        return (d->p[0] + d->p[1] + d->p[2]) / 3;
    case CBA_DIST_FIXED:
        return d->p[0];
    default:
        return NAN;
    }
}

static double triangular_inv(const cba_dist *d, double u)
{
    double a = d->p[0], c = d->p[1], b = d->p[2];
    double fc = (c - a) / (b - a);
    if (u < fc)
        return a + sqrt(u * (b - a) * (c - a));
    return b - sqrt((1 - u) * (b - a) * (b - c));
}

double cba_dist_draw(const cba_dist *d, double value, gsl_rng *rng)
{
    double x, y;
    switch (d->kind) {
    case CBA_DIST_NORMAL:
        return d->p[0] + gsl_ran_gaussian_ziggurat(rng, d->p[1]);
    case CBA_DIST_LOGNORMAL:
        lognormal_par(d, &x, &y);
        return gsl_ran_lognormal(rng, x, y);
    case CBA_DIST_GAMMA:
        gamma_par(d, &x, &y);
        return gsl_ran_gamma(rng, x, y);
    case CBA_DIST_BETA:
        beta_par(d, &x, &y);
        return gsl_ran_beta(rng, x, y);
    case CBA_DIST_UNIFORM:
        return gsl_ran_flat(rng, d->p[0], d->p[1]);
    case CBA_DIST_TRIANGULAR:
        return triangular_inv(d, gsl_rng_uniform(rng));
    default:
        return value;
    }
}

double cba_dist_quantile(const cba_dist *d, double value, double q)
{
    double x, y;
    switch (d->kind) {
    case CBA_DIST_NORMAL:
        return d->p[0] + gsl_cdf_gaussian_Pinv(q, d->p[1]);
    case CBA_DIST_LOGNORMAL:
        lognormal_par(d, &x, &y);
        return gsl_cdf_lognormal_Pinv(q, x, y);
    case CBA_DIST_GAMMA:
        gamma_par(d, &x, &y);
        return gsl_cdf_gamma_Pinv(q, x, y);
    case CBA_DIST_BETA:
        beta_par(d, &x, &y);
        return gsl_cdf_beta_Pinv(q, x, y);
    case CBA_DIST_UNIFORM:
        return d->p[0] + q * (d->p[1] - d->p[0]);
    case CBA_DIST_TRIANGULAR:
        return triangular_inv(d, q);
    default:
        return value;
    }
}
