/* Two independent samples: descriptives, Welch/Student t, Hedges' g, Wilcoxon (see st_ttest.h). */
#include "stats/st_ttest.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void est_clear(st_estimate *out)
{
    *out = (st_estimate){.estimate = NAN, .se = NAN, .ci_low = NAN, .ci_high = NAN,
                         .statistic = NAN, .p_value = NAN, .df = NAN, .undefined = NULL};
}

static core_status check_conf(double conf, core_err *err)
{
    if (!(conf > 0 && conf < 1))
        return core_err_set(err, CORE_ERR_USAGE, "confidence level must be in (0, 1) (got %g)", conf);
    return CORE_OK;
}

static core_status check_finite(const double *y, size_t n, const char *name, core_err *err)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(y[i]))
            return core_err_set(err, CORE_ERR_USAGE, "%s: value %zu is not finite", name, i + 1);
    return CORE_OK;
}

/* Mean and sum of squared deviations by two passes (the second corrects the mean's rounding). */
static void mean_ss(const double *y, size_t n, double *mean, double *ss)
{
    double m = 0;
    for (size_t i = 0; i < n; i++)
        m += y[i];
    m /= (double)n;
    double c = 0, s = 0;
    for (size_t i = 0; i < n; i++) {
        c += y[i] - m;
        s += (y[i] - m) * (y[i] - m);
    }
    *mean = m + c / (double)n;
    *ss = s - c * c / (double)n;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double st_quantile_sorted(const double *s, size_t n, double prob)
{
    /* R type 7: h = (n - 1) p, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]). */
    double h = (double)(n - 1) * prob;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return s[n - 1];
    return s[lo] + (h - (double)lo) * (s[lo + 1] - s[lo]);
}

core_status st_describe(const double *y, size_t n, st_describe_out *out, core_err *err)
{
    *out = (st_describe_out){.n = n, .mean = NAN, .sd = NAN, .median = NAN, .q1 = NAN, .q3 = NAN, .min = NAN,
                             .max = NAN};
    if (n == 0)
        return CORE_OK;
    double ss;
    mean_ss(y, n, &out->mean, &ss);
    if (n > 1)
        out->sd = sqrt(fmax(ss, 0) / (double)(n - 1));
    double *s = malloc(n * sizeof *s);
    if (!s)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    memcpy(s, y, n * sizeof *s);
    qsort(s, n, sizeof *s, cmp_double);
    out->min = s[0];
    out->max = s[n - 1];
    out->median = st_quantile_sorted(s, n, 0.5);
    out->q1 = st_quantile_sorted(s, n, 0.25);
    out->q3 = st_quantile_sorted(s, n, 0.75);
    free(s);
    return CORE_OK;
}

core_status st_mean_t(const double *y, size_t n, double conf, st_estimate *out, core_err *err)
{
    core_status st;
    est_clear(out);
    if (n == 0)
        return core_err_set(err, CORE_ERR_USAGE, "mean of an empty sample");
    if ((st = check_conf(conf, err)) || (st = check_finite(y, n, "sample", err)))
        return st;
    double m, ss;
    mean_ss(y, n, &m, &ss);
    out->estimate = m;
    if (n < 2) {
        out->undefined = "one observation: standard deviation and interval undefined";
        return CORE_OK;
    }
    double df = (double)(n - 1), se = sqrt(fmax(ss, 0) / df / (double)n);
    double q = gsl_cdf_tdist_Pinv(1 - (1 - conf) / 2, df);
    out->se = se;
    out->df = df;
    out->ci_low = m - q * se;
    out->ci_high = m + q * se;
    return CORE_OK;
}

static core_status two_checks(const double *y1, size_t n1, const double *y0, size_t n0, double conf, core_err *err)
{
    core_status st;
    if ((st = check_conf(conf, err)) || (st = check_finite(y1, n1, "sample 1", err)) ||
        (st = check_finite(y0, n0, "sample 0", err)))
        return st;
    if (n1 == 0 || n0 == 0)
        return core_err_set(err, CORE_ERR_ANALYSIS, "sample %d has no observations", n1 == 0 ? 1 : 0);
    return CORE_OK;
}

static void t_fill(st_estimate *out, double diff, double se, double df, double conf)
{
    out->estimate = diff;
    out->se = se;
    out->df = df;
    if (!(se > 0) || !isfinite(df)) {
        out->undefined = "both samples have zero variance: the t test is undefined";
        return;
    }
    double q = gsl_cdf_tdist_Pinv(1 - (1 - conf) / 2, df);
    out->statistic = diff / se;
    out->p_value = 2 * gsl_cdf_tdist_Q(fabs(out->statistic), df);
    out->ci_low = diff - q * se;
    out->ci_high = diff + q * se;
}

core_status st_ttest_welch(const double *y1, size_t n1, const double *y0, size_t n0, double conf, st_estimate *out,
                           core_err *err)
{
    core_status st;
    est_clear(out);
    if ((st = two_checks(y1, n1, y0, n0, conf, err)))
        return st;
    if (n1 < 2 || n0 < 2)
        return core_err_set(err, CORE_ERR_ANALYSIS, "Welch test needs at least 2 observations per sample (%zu and %zu)",
                            n1, n0);
    double m1, s1, m0, s0;
    mean_ss(y1, n1, &m1, &s1);
    mean_ss(y0, n0, &m0, &s0);
    double a = s1 / (double)(n1 - 1) / (double)n1, b = s0 / (double)(n0 - 1) / (double)n0;
    double se = sqrt(a + b);
    /* Welch–Satterthwaite df */
    double df = (a + b) * (a + b) / (a * a / (double)(n1 - 1) + b * b / (double)(n0 - 1));
    t_fill(out, m1 - m0, se, df, conf);
    return CORE_OK;
}

core_status st_ttest_student(const double *y1, size_t n1, const double *y0, size_t n0, double conf, st_estimate *out,
                             core_err *err)
{
    core_status st;
    est_clear(out);
    if ((st = two_checks(y1, n1, y0, n0, conf, err)))
        return st;
    if (n1 + n0 < 3)
        return core_err_set(err, CORE_ERR_ANALYSIS, "Student's t test needs at least 3 observations in all");
    double m1, s1, m0, s0;
    mean_ss(y1, n1, &m1, &s1);
    mean_ss(y0, n0, &m0, &s0);
    double df = (double)(n1 + n0 - 2), v = (s1 + s0) / df;
    double se = sqrt(v * (1 / (double)n1 + 1 / (double)n0));
    t_fill(out, m1 - m0, se, df, conf);
    return CORE_OK;
}

core_status st_hedges_g(const double *y1, size_t n1, const double *y0, size_t n0, double conf, st_smd_out *out,
                        core_err *err)
{
    core_status st;
    *out = (st_smd_out){.d = NAN, .J = NAN, .g = NAN, .g_approx = NAN};
    est_clear(&out->est);
    if ((st = two_checks(y1, n1, y0, n0, conf, err)))
        return st;
    if (n1 + n0 < 3)
        return core_err_set(err, CORE_ERR_ANALYSIS, "Hedges' g needs at least 3 observations in all");
    double m1, s1, m0, s0;
    mean_ss(y1, n1, &m1, &s1);
    mean_ss(y0, n0, &m0, &s0);
    double m = (double)(n1 + n0 - 2), sp = sqrt((s1 + s0) / m), N = (double)(n1 + n0);
    /* exact J (Hedges 1981) in log-gamma form so large m does not overflow */
    out->J = exp(gsl_sf_lngamma(m / 2) - 0.5 * log(m / 2) - gsl_sf_lngamma((m - 1) / 2));
    if (!(sp > 0)) {
        out->est.undefined = "pooled standard deviation is 0: the standardised difference is undefined";
        return CORE_OK;
    }
    out->d = (m1 - m0) / sp;
    out->g = out->J * out->d;
    out->g_approx = out->d * (1 - 3 / (4 * N - 9));
    double se = sqrt(1 / (double)n1 + 1 / (double)n0 + out->g * out->g / (2 * N));
    double z = gsl_cdf_ugaussian_Pinv(1 - (1 - conf) / 2);
    out->est.estimate = out->g;
    out->est.se = se;
    out->est.ci_low = out->g - z * se;
    out->est.ci_high = out->g + z * se;
    return CORE_OK;
}

typedef struct val_grp {
    double v;
    int g;
} val_grp;

static int cmp_vg(const void *a, const void *b)
{
    return cmp_double(&((const val_grp *)a)->v, &((const val_grp *)b)->v);
}

core_status st_wilcoxon(const double *y1, size_t n1, const double *y0, size_t n0, st_estimate *out, core_err *err)
{
    core_status st;
    est_clear(out);
    if ((st = two_checks(y1, n1, y0, n0, 0.95, err)))
        return st;
    size_t N = n1 + n0;
    val_grp *a = malloc(N * sizeof *a);
    if (!a)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n1; i++)
        a[i] = (val_grp){y1[i], 1};
    for (size_t i = 0; i < n0; i++)
        a[n1 + i] = (val_grp){y0[i], 0};
    qsort(a, N, sizeof *a, cmp_vg);
    /* Mid-ranks of tied runs; the tie term sum(t^3 - t) for the variance. */
    double r1 = 0, ties = 0;
    for (size_t i = 0; i < N;) {
        size_t j = i;
        while (j + 1 < N && a[j + 1].v == a[i].v)
            j++;
        double rank = ((double)i + (double)j) / 2 + 1, t = (double)(j - i + 1);
        for (size_t k = i; k <= j; k++)
            if (a[k].g)
                r1 += rank;
        ties += t * t * t - t;
        i = j + 1;
    }
    free(a);
    double dn1 = (double)n1, dn0 = (double)n0, dN = (double)N;
    double W = r1 - dn1 * (dn1 + 1) / 2;
    double z = W - dn1 * dn0 / 2;
    double sigma = sqrt(dn1 * dn0 / 12 * ((dN + 1) - ties / (dN * (dN - 1))));
    out->statistic = W;
    if (!(sigma > 0)) {
        out->undefined = "all values are tied: the rank-sum test is undefined";
        return CORE_OK;
    }
    double corr = z > 0 ? 0.5 : z < 0 ? -0.5 : 0; /* continuity correction toward the null, as R */
    z = (z - corr) / sigma;
    out->p_value = fmin(1, 2 * gsl_cdf_ugaussian_Q(fabs(z)));
    return CORE_OK;
}
