/* Exact inference for a proportion and for rates, goodness of fit (st_rate.h). */
#include "stats/st_rate.h"

#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#define REL_ERR (1 + 1e-7) /* R's tolerance for "no more probable than the observed" */

static st_estimate nan_estimate(void)
{
    return (st_estimate){NAN, NAN, NAN, NAN, NAN, NAN, NAN, NULL};
}

static int bad_conf(double conf)
{
    return !(conf > 0 && conf < 1);
}

/* The quantile of a continuous distribution function cdf(x; a, b) at probability p, polished by bisection
 * on [0, hi] after GSL's inverse: GSL's inverses stop near 1e-10, R's are tighter. cdf is increasing. */
typedef double (*cdf_fn)(double x, double a, double b);

static double polish(cdf_fn cdf, double a, double b, double p, double x0, double hi)
{
    double lo_x = 0, hi_x = hi;
    /* bracket around the GSL answer */
    if (isfinite(x0)) {
        double d = fmax(fabs(x0) * 1e-6, 1e-300);
        double l = x0 - d, h = x0 + d;
        if (l < 0)
            l = 0;
        if (h > hi)
            h = hi;
        if (cdf(l, a, b) <= p && cdf(h, a, b) >= p) {
            lo_x = l;
            hi_x = h;
        }
    }
    for (int i = 0; i < 200 && hi_x - lo_x > 1e-15 * fmax(1, fabs(hi_x)); i++) {
        double mid = 0.5 * (lo_x + hi_x);
        if (cdf(mid, a, b) < p)
            lo_x = mid;
        else
            hi_x = mid;
    }
    return 0.5 * (lo_x + hi_x);
}

static double beta_cdf(double x, double a, double b)
{
    return gsl_cdf_beta_P(x, a, b);
}

static double gamma_cdf(double x, double a, double b)
{
    return gsl_cdf_gamma_P(x, a, b);
}

static double qbeta(double p, double a, double b)
{
    return polish(beta_cdf, a, b, p, gsl_cdf_beta_Pinv(p, a, b), 1);
}

static double qgamma(double p, double a)
{
    double x0 = gsl_cdf_gamma_Pinv(p, a, 1);
    double hi = isfinite(x0) ? fmax(2 * x0, a + 50 * sqrt(a) + 50) : a + 50 * sqrt(a) + 50;
    return polish(gamma_cdf, a, 1, p, x0, hi);
}

core_status st_clopper_pearson(long x, long n, double conf, double *lo, double *hi, core_err *err)
{
    *lo = *hi = NAN;
    if (n <= 0 || x < 0 || x > n || bad_conf(conf))
        return core_err_set(err, CORE_ERR_USAGE, "Clopper-Pearson interval needs 0 <= x <= n, n > 0 and a confidence "
                            "level in (0, 1); got x = %ld, n = %ld, level %g", x, n, conf);
    double alpha = (1 - conf) / 2;
    *lo = x == 0 ? 0 : qbeta(alpha, (double)x, (double)(n - x + 1));
    *hi = x == n ? 1 : qbeta(1 - alpha, (double)(x + 1), (double)(n - x));
    return CORE_OK;
}

static double dbinom(long k, long n, double p)
{
    return gsl_ran_binomial_pdf((unsigned)k, p, (unsigned)n);
}

/* P(X <= k) and P(X > k) for X ~ Bin(n, p); k < 0 gives 0 and 1. */
static double pbinom(long k, long n, double p)
{
    if (k < 0)
        return 0;
    if (k >= n)
        return 1;
    return gsl_cdf_binomial_P((unsigned)k, p, (unsigned)n);
}

static double pbinom_upper(long k, long n, double p)
{
    if (k < 0)
        return 1;
    if (k >= n)
        return 0;
    return gsl_cdf_binomial_Q((unsigned)k, p, (unsigned)n);
}

/* Two-sided exact binomial p-value of x in n under p (binom.test). */
static double binom_p_two_sided(long x, long n, double p)
{
    double d = dbinom(x, n, p), m = n * p;
    if ((double)x == m)
        return 1;
    double pv;
    if ((double)x < m) {
        long y = 0;
        for (long i = (long)ceil(m); i <= n; i++)
            y += dbinom(i, n, p) <= d * REL_ERR;
        pv = pbinom(x, n, p) + pbinom_upper(n - y, n, p);
    } else {
        long y = 0;
        for (long i = 0; i <= (long)floor(m); i++)
            y += dbinom(i, n, p) <= d * REL_ERR;
        pv = pbinom(y - 1, n, p) + pbinom_upper(x - 1, n, p);
    }
    return pv > 1 ? 1 : pv;
}

core_status st_binom_test(long x, long n, double p0, double conf, st_estimate *out, core_err *err)
{
    *out = nan_estimate();
    if (!(p0 > 0 && p0 < 1))
        return core_err_set(err, CORE_ERR_USAGE, "exact binomial test: the hypothesised proportion must lie strictly "
                            "between 0 and 1; got %g", p0);
    core_status st = st_clopper_pearson(x, n, conf, &out->ci_low, &out->ci_high, err);
    if (st != CORE_OK)
        return st;
    double ph = (double)x / (double)n;
    out->estimate = ph;
    out->se = sqrt(ph * (1 - ph) / (double)n);
    out->statistic = (double)x;
    out->p_value = binom_p_two_sided(x, n, p0);
    return CORE_OK;
}

static double dpois(long k, double m)
{
    return gsl_ran_poisson_pdf((unsigned)k, m);
}

static double ppois(long k, double m)
{
    return k < 0 ? 0 : gsl_cdf_poisson_P((unsigned)k, m);
}

static double ppois_upper(long k, double m)
{
    return k < 0 ? 1 : gsl_cdf_poisson_Q((unsigned)k, m);
}

/* Two-sided exact Poisson p-value of x under mean m > 0 (poisson.test, one sample). */
static double poisson_p_two_sided(long x, double m)
{
    double d = dpois(x, m);
    if ((double)x == m)
        return 1;
    double pv;
    if ((double)x < m) {
        long N = (long)ceil(2 * m - (double)x);
        while (dpois(N, m) > d)
            N *= 2;
        long y = 0;
        for (long i = (long)ceil(m); i <= N; i++)
            y += dpois(i, m) <= d * REL_ERR;
        pv = ppois(x, m) + ppois_upper(N - y, m);
    } else {
        long y = 0;
        for (long i = 0; i <= (long)floor(m); i++)
            y += dpois(i, m) <= d * REL_ERR;
        pv = ppois_upper(x - 1, m) + ppois(y - 1, m);
    }
    return pv > 1 ? 1 : pv;
}

core_status st_poisson_rate(long x, double t, double r0, double conf, st_estimate *out, core_err *err)
{
    *out = nan_estimate();
    if (x < 0 || !(t > 0) || !isfinite(t) || bad_conf(conf))
        return core_err_set(err, CORE_ERR_USAGE, "exact Poisson rate needs a count >= 0, an exposure > 0 and a "
                            "confidence level in (0, 1); got %ld events over %g", x, t);
    if (x > 100000000L)
        return core_err_set(err, CORE_ERR_USAGE, "exact Poisson rate: %ld events is beyond the exact method here",
                            x);
    double alpha = (1 - conf) / 2;
    out->estimate = (double)x / t;
    out->se = sqrt((double)x) / t;
    out->ci_low = x == 0 ? 0 : qgamma(alpha, (double)x) / t;
    out->ci_high = qgamma(1 - alpha, (double)x + 1) / t;
    out->statistic = (double)x;
    if (r0 > 0 && isfinite(r0))
        out->p_value = poisson_p_two_sided(x, r0 * t);
    return CORE_OK;
}

core_status st_poisson_ratio(long x1, double t1, long x0, double t0, double conf, st_estimate *out,
                             core_err *err)
{
    *out = nan_estimate();
    if (x1 < 0 || x0 < 0 || !(t1 > 0) || !(t0 > 0) || !isfinite(t1) || !isfinite(t0) || bad_conf(conf))
        return core_err_set(err, CORE_ERR_USAGE, "ratio of two rates needs counts >= 0, exposures > 0 and a "
                            "confidence level in (0, 1)");
    if (x1 + x0 == 0)
        return core_err_set(err, CORE_ERR_ANALYSIS, "ratio of two rates: no events in either group");
    long n = x1 + x0;
    double p = t1 / (t1 + t0);
    double lo, hi;
    core_status st = st_clopper_pearson(x1, n, conf, &lo, &hi, err);
    if (st != CORE_OK)
        return st;
    out->estimate = x0 > 0 ? ((double)x1 / t1) / ((double)x0 / t0) : INFINITY;
    out->ci_low = lo / (1 - lo) * t0 / t1;
    out->ci_high = hi >= 1 ? INFINITY : hi / (1 - hi) * t0 / t1;
    out->se = x1 > 0 && x0 > 0 ? sqrt(1.0 / (double)x1 + 1.0 / (double)x0) : NAN;
    out->statistic = (double)x1;
    out->p_value = binom_p_two_sided(x1, n, p);
    if (x1 == 0 || x0 == 0)
        out->undefined = "a zero count: the ratio is 0 or infinite and its log has no standard error";
    return CORE_OK;
}

core_status st_chisq_gof(const long *count, const double *p, size_t k, st_estimate *out, double *min_expected,
                         core_err *err)
{
    *out = nan_estimate();
    if (min_expected)
        *min_expected = NAN;
    if (k < 2)
        return core_err_set(err, CORE_ERR_USAGE, "goodness of fit needs at least two categories; got %zu", k);
    double sp = 0, n = 0;
    for (size_t i = 0; i < k; i++) {
        if (!(p[i] > 0) || !isfinite(p[i]) || count[i] < 0)
            return core_err_set(err, CORE_ERR_USAGE, "goodness of fit: category %zu has share %g and count %ld; "
                                "shares must be positive and counts not negative", i + 1, p[i], count[i]);
        sp += p[i];
        n += (double)count[i];
    }
    if (n <= 0)
        return core_err_set(err, CORE_ERR_ANALYSIS, "goodness of fit: no observations");
    double x2 = 0, me = INFINITY;
    for (size_t i = 0; i < k; i++) {
        double e = n * p[i] / sp, d = (double)count[i] - e;
        x2 += d * d / e;
        if (e < me)
            me = e;
    }
    out->statistic = x2;
    out->df = (double)(k - 1);
    out->p_value = gsl_cdf_chisq_Q(x2, out->df);
    if (min_expected)
        *min_expected = me;
    return CORE_OK;
}
