/* Two proportions and the 2x2 table (see st_prop.h). Group 1 is x1 events of n1, group 0 is x0
 * of n0; the 2x2 table is a = x1, b = n1 - x1 (row 1), c = x0, d = n0 - x0 (row 0). Formulas
 * follow the R calls named in tests/reference/kits/nsw_lalonde/reference.R so that results
 * agree with R; docs/methods.md gives formulas and references. */
#include "stats/st_prop.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_gamma.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>

/* R fisher.test counts table probabilities within a relative 1e-7 of the observed one as "as
 * probable" so that ties lost to rounding still count (R src/library/stats/R/fisher.test.R). */
#define FISHER_REL_ERR 1e-7

/* |log OR| beyond this is treated as unbracketable: exp(709) is near DBL_MAX. Finite roots of
 * tables with counts that fit in unsigned int lie far inside it. */
#define THETA_MAX 700.0

static void est_clear(st_estimate *out)
{
    *out = (st_estimate){.estimate = NAN, .se = NAN, .ci_low = NAN, .ci_high = NAN,
                         .statistic = NAN, .p_value = NAN, .df = NAN, .undefined = NULL};
}

static core_status check_group(long x, long n, const char *name, core_err *err)
{
    if (n < 0 || x < 0 || x > n)
        return core_err_set(err, CORE_ERR_USAGE,
                            "%s: counts must satisfy 0 <= events <= n (got %ld events of %ld)", name, x, n);
    return CORE_OK;
}

static core_status check_nonempty(long n, const char *name, core_err *err)
{
    if (n == 0)
        return core_err_set(err, CORE_ERR_ANALYSIS, "%s has no observations (n = 0): its proportion is undefined",
                            name);
    return CORE_OK;
}

/* Usage errors of both groups first, then the analysis error of an empty group. */
static core_status check_counts(long x1, long n1, long x0, long n0, core_err *err)
{
    core_status st;
    if ((st = check_group(x1, n1, "group 1", err)) || (st = check_group(x0, n0, "group 0", err)) ||
        (st = check_nonempty(n1, "group 1", err)) || (st = check_nonempty(n0, "group 0", err)))
        return st;
    return CORE_OK;
}

static core_status check_conf(double conf, core_err *err)
{
    if (!(conf > 0.0 && conf < 1.0)) /* also rejects NaN */
        return core_err_set(err, CORE_ERR_USAGE, "confidence level must be in (0, 1) (got %g)", conf);
    return CORE_OK;
}

/* z = qnorm(1 - (1 - conf)/2), as R's two-sided intervals. */
static double z_crit(double conf)
{
    return gsl_cdf_ugaussian_Pinv(1.0 - (1.0 - conf) / 2.0);
}

/* 2 * pnorm(-|z|); the upper tail Q keeps precision for large |z|. */
static double p_two_sided(double z)
{
    return 2.0 * gsl_cdf_ugaussian_Q(fabs(z));
}

/* Wilson (1927) score interval without continuity correction, written as R's prop.test
 * (correct = FALSE) computes it, including its clamping at x = 0 and x = n. */
static void wilson(long x, long n, double z, double *lo, double *hi)
{
    double nn = (double)n, p = (double)x / nn, z2 = z * z;
    double centre = p + z2 / (2.0 * nn);
    double half = z * sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn));
    double denom = 1.0 + z2 / nn;
    *lo = x == 0 ? 0.0 : fmax((centre - half) / denom, 0.0);
    *hi = x == n ? 1.0 : fmin((centre + half) / denom, 1.0);
}

core_status st_wilson(long x, long n, double conf, double *lo, double *hi, core_err *err)
{
    core_status st;
    *lo = *hi = NAN;
    if ((st = check_group(x, n, "proportion", err)) || (st = check_nonempty(n, "proportion", err)) ||
        (st = check_conf(conf, err)))
        return st;
    wilson(x, n, z_crit(conf), lo, hi);
    return CORE_OK;
}

core_status st_rd_wald(long x1, long n1, long x0, long n0, double conf, st_estimate *out, core_err *err)
{
    core_status st;
    est_clear(out);
    if ((st = check_counts(x1, n1, x0, n0, err)) || (st = check_conf(conf, err)))
        return st;
    double p1 = (double)x1 / (double)n1, p0 = (double)x0 / (double)n0, z = z_crit(conf);
    double rd = p1 - p0;
    double se = sqrt(p1 * (1.0 - p1) / (double)n1 + p0 * (1.0 - p0) / (double)n0); /* unpooled */
    out->estimate = rd;
    out->se = se;
    out->ci_low = rd - z * se;
    out->ci_high = rd + z * se;
    if (se > 0.0) {
        out->statistic = rd / se;
        out->p_value = p_two_sided(out->statistic);
    } else {
        out->undefined = "both proportions are 0 or 1: Wald SE is 0, so the z test is undefined";
    }
    return CORE_OK;
}

core_status st_rd_newcombe(long x1, long n1, long x0, long n0, double conf, st_estimate *out, core_err *err)
{
    core_status st;
    est_clear(out);
    if ((st = check_counts(x1, n1, x0, n0, err)) || (st = check_conf(conf, err)))
        return st;
    double p1 = (double)x1 / (double)n1, p0 = (double)x0 / (double)n0, z = z_crit(conf);
    double l1, u1, l0, u0;
    wilson(x1, n1, z, &l1, &u1);
    wilson(x0, n0, z, &l0, &u0);
    double rd = p1 - p0;
    /* Newcombe (1998) method 10: combine each arm's Wilson distances on the side that moves
     * the difference in the direction of the limit. */
    out->estimate = rd;
    out->ci_low = rd - sqrt((p1 - l1) * (p1 - l1) + (u0 - p0) * (u0 - p0));
    out->ci_high = rd + sqrt((u1 - p1) * (u1 - p1) + (p0 - l0) * (p0 - l0));
    return CORE_OK;
}

core_status st_rr_logwald(long x1, long n1, long x0, long n0, double conf, st_estimate *out, core_err *err)
{
    core_status st;
    est_clear(out);
    if ((st = check_counts(x1, n1, x0, n0, err)) || (st = check_conf(conf, err)))
        return st;
    double p1 = (double)x1 / (double)n1, p0 = (double)x0 / (double)n0;
    if (x1 == 0 || x0 == 0) {
        /* log(0) makes the log-scale SE and interval undefined; RR = 0 is still a valid ratio. */
        if (x1 == 0 && x0 == 0) {
            out->undefined = "zero events in both groups: risk ratio 0/0 undefined";
        } else if (x0 == 0) {
            out->undefined = "zero events in group 0: risk ratio infinite, log ratio undefined";
        } else {
            out->estimate = 0.0;
            out->undefined = "zero events in group 1: log risk ratio undefined (estimate 0)";
        }
        return CORE_OK;
    }
    double rr = p1 / p0, z = z_crit(conf);
    /* Var(log RR) = (1-p1)/x1 + (1-p0)/x0 = 1/x1 - 1/n1 + 1/x0 - 1/n0 (Katz et al. 1978). */
    double v = 1.0 / (double)x1 - 1.0 / (double)n1 + 1.0 / (double)x0 - 1.0 / (double)n0;
    double se = sqrt(fmax(v, 0.0));
    out->estimate = rr;
    out->se = se;
    out->ci_low = exp(log(rr) - z * se);
    out->ci_high = exp(log(rr) + z * se);
    if (se > 0.0) {
        out->statistic = log(rr) / se;
        out->p_value = p_two_sided(out->statistic);
    } else {
        out->undefined = "every observation is an event in both groups: SE of log RR is 0, z test undefined";
    }
    return CORE_OK;
}

core_status st_or_woolf(long x1, long n1, long x0, long n0, double conf, st_estimate *out, core_err *err)
{
    core_status st;
    est_clear(out);
    if ((st = check_counts(x1, n1, x0, n0, err)) || (st = check_conf(conf, err)))
        return st;
    double a = (double)x1, b = (double)(n1 - x1), c = (double)x0, d = (double)(n0 - x0);
    if (a == 0.0 || b == 0.0 || c == 0.0 || d == 0.0) {
        /* Woolf's SE has 1/cell terms: any zero cell leaves log OR and its SE undefined. */
        double num = a * d, den = b * c;
        if (den > 0.0) {
            out->estimate = num / den; /* here num == 0: OR = 0 */
            out->undefined = "zero cell in the 2x2 table: log odds ratio and Woolf SE undefined (estimate 0)";
        } else if (num > 0.0) {
            out->undefined = "zero cell in the 2x2 table: odds ratio infinite, log odds ratio undefined";
        } else {
            out->undefined = "zero cells in the 2x2 table: odds ratio 0/0 undefined";
        }
        return CORE_OK;
    }
    double or_ = (a * d) / (b * c), z = z_crit(conf);
    double se = sqrt(1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d); /* Woolf (1955) */
    out->estimate = or_;
    out->se = se;
    out->ci_low = exp(log(or_) - z * se);
    out->ci_high = exp(log(or_) + z * se);
    out->statistic = log(or_) / se;
    out->p_value = p_two_sided(out->statistic);
    return CORE_OK;
}

core_status st_chisq_2x2(long x1, long n1, long x0, long n0, st_estimate *out, core_err *err)
{
    core_status st;
    est_clear(out);
    if ((st = check_counts(x1, n1, x0, n0, err)))
        return st;
    double nn = (double)n1 + (double)n0, m1 = (double)x1 + (double)x0, m0 = nn - m1;
    out->df = 1.0;
    if (m1 == 0.0 || m0 == 0.0) {
        out->undefined = "no events or no non-events at all: expected counts are zero, chi-square undefined";
        return CORE_OK;
    }
    /* Pearson X2 = sum (O-E)^2/E; in a 2x2 table |O-E| is the same in all four cells, so compute it
     * once from cell a (no continuity correction, as chisq.test(correct = FALSE)). */
    double e11 = (double)n1 * m1 / nn, e12 = (double)n1 * m0 / nn;
    double e21 = (double)n0 * m1 / nn, e22 = (double)n0 * m0 / nn;
    double dev = (double)x1 - e11;
    double x2 = dev * dev * (1.0 / e11 + 1.0 / e12 + 1.0 / e21 + 1.0 / e22);
    out->statistic = x2;
    out->p_value = gsl_cdf_chisq_Q(x2, 1.0);
    return CORE_OK;
}

/* ---- the conditional distribution of x1 given the margins (Fisher; Agresti 2013 §3.5, §16.6) ----
 * X = events in group 1 given m = x1 + x0 events in all: P(X = k; psi) is proportional to
 * choose(n1, k) choose(n0, m - k) psi^k on lo..hi, psi the odds ratio (psi = 1: central). */
typedef struct nchg {
    long lo, hi, x;
    double *logdc; /* log choose(n1,k) + log choose(n0,m-k), k = lo..hi */
} nchg;

static void nchg_free(nchg *h)
{
    free(h->logdc);
    h->logdc = NULL;
}

static core_status nchg_init(nchg *h, long x1, long n1, long x0, long n0, core_err *err)
{
    long m = x1 + x0;
    h->lo = m - n0 > 0 ? m - n0 : 0;
    h->hi = m < n1 ? m : n1;
    h->x = x1;
    h->logdc = NULL;
    if ((unsigned long)n1 > UINT_MAX || (unsigned long)n0 > UINT_MAX)
        return core_err_set(err, CORE_ERR_ANALYSIS, "counts too large for the exact test (n1 = %ld, n0 = %ld)",
                            n1, n0);
    size_t len = (size_t)(h->hi - h->lo) + 1;
    h->logdc = malloc(len * sizeof *h->logdc);
    if (!h->logdc)
        return core_err_set(err, CORE_ERR_NOMEM, "exact test: no memory for %zu table probabilities", len);
    for (long k = h->lo; k <= h->hi; k++) {
        gsl_sf_result r1, r0;
        int gs = gsl_sf_lnchoose_e((unsigned)n1, (unsigned)k, &r1);
        if (gs == GSL_SUCCESS)
            gs = gsl_sf_lnchoose_e((unsigned)n0, (unsigned)(m - k), &r0);
        if (gs != GSL_SUCCESS) {
            nchg_free(h);
            return core_err_set(err, core_status_from_gsl(gs), "exact test: log binomial coefficient failed: %s",
                                gsl_strerror(gs));
        }
        h->logdc[k - h->lo] = r1.val + r0.val;
    }
    return CORE_OK;
}

/* Two-sided Fisher p (R's rule): sum of central probabilities d_k <= d_obs (1 + 1e-7), divided by
 * the total. Both sums are formed as log-sum-exp so that neither large n nor tiny p underflows. */
static double nchg_fisher_p(const nchg *h)
{
    size_t len = (size_t)(h->hi - h->lo) + 1;
    double cut = h->logdc[h->x - h->lo] + log1p(FISHER_REL_ERR);
    double max_all = -INFINITY, max_sel = -INFINITY;
    for (size_t i = 0; i < len; i++) {
        double v = h->logdc[i];
        max_all = fmax(max_all, v);
        if (v <= cut)
            max_sel = fmax(max_sel, v);
    }
    double s_all = 0.0, s_sel = 0.0;
    for (size_t i = 0; i < len; i++) {
        double v = h->logdc[i];
        s_all += exp(v - max_all);
        if (v <= cut)
            s_sel += exp(v - max_sel);
    }
    double p = exp(max_sel + log(s_sel) - max_all - log(s_all));
    return fmin(p, 1.0);
}

core_status st_fisher_exact(long x1, long n1, long x0, long n0, st_estimate *out, core_err *err)
{
    core_status st;
    nchg h;
    est_clear(out);
    if ((st = check_counts(x1, n1, x0, n0, err)) || (st = nchg_init(&h, x1, n1, x0, n0, err)))
        return st;
    out->p_value = nchg_fisher_p(&h);
    nchg_free(&h);
    return CORE_OK;
}

/* What a root solve targets; each function below is increasing in theta = log(psi). */
typedef enum { ROOT_MEAN, ROOT_LOWER_LIMIT, ROOT_UPPER_LIMIT } root_kind;

typedef struct root_par {
    const nchg *h;
    root_kind kind;
    double tail; /* alpha/2 for the limits */
} root_par;

/*  ROOT_MEAN:        E[X; psi] - x                  (conditional MLE: score equation)
 *  ROOT_LOWER_LIMIT: P(X >= x; psi) - alpha/2
 *  ROOT_UPPER_LIMIT: alpha/2 - P(X <= x; psi)
 * Weights exp(logdc + (k - lo) theta) are scaled by their maximum so nothing overflows; the mean is
 * accumulated as sum (k - x) w to avoid subtracting two nearly equal numbers at the root. */
static double root_fn(double theta, void *vp)
{
    const root_par *p = vp;
    const nchg *h = p->h;
    size_t len = (size_t)(h->hi - h->lo) + 1;
    double umax = -INFINITY;
    for (size_t i = 0; i < len; i++)
        umax = fmax(umax, h->logdc[i] + (double)i * theta);
    double tot = 0.0, acc = 0.0;
    for (size_t i = 0; i < len; i++) {
        long k = h->lo + (long)i;
        double w = exp(h->logdc[i] + (double)i * theta - umax);
        tot += w;
        switch (p->kind) {
        case ROOT_MEAN: acc += (double)(k - h->x) * w; break;
        case ROOT_LOWER_LIMIT:
            if (k >= h->x)
                acc += w;
            break;
        case ROOT_UPPER_LIMIT:
            if (k <= h->x)
                acc += w;
            break;
        }
    }
    switch (p->kind) {
    case ROOT_MEAN: return acc / tot;
    case ROOT_LOWER_LIMIT: return acc / tot - p->tail;
    case ROOT_UPPER_LIMIT: return p->tail - acc / tot;
    }
    return NAN;
}

static const char *root_name(root_kind kind)
{
    switch (kind) {
    case ROOT_MEAN: return "conditional MLE";
    case ROOT_LOWER_LIMIT: return "exact lower limit";
    case ROOT_UPPER_LIMIT: return "exact upper limit";
    }
    return "root";
}

/* Solve root_fn(theta) = 0 on log(psi). R's uniroot works on psi or 1/psi in (0, 1] with tolerance
 * eps^0.25 ~ 1.2e-4 there; on the log scale one absolute tolerance gives the same relative
 * precision for every psi. Bracket by doubling steps from [-1, 1], then GSL's Brent. */
static core_status solve_theta(const nchg *h, root_kind kind, double tail, double tol, int max_iter,
                               double *theta, int *iters, core_err *err)
{
    root_par par = {.h = h, .kind = kind, .tail = tail};
    gsl_function fn = {.function = root_fn, .params = &par};
    double a = -1.0, b = 1.0, fa = root_fn(a, &par), fb = root_fn(b, &par), step = 2.0;
    while (fa > 0.0 || fb < 0.0) {
        if (isnan(fa) || isnan(fb) || a <= -THETA_MAX || b >= THETA_MAX)
            return core_err_set(err, CORE_ERR_ANALYSIS, "%s of the odds ratio could not be bracketed",
                                root_name(kind));
        if (fa > 0.0) {
            b = a, fb = fa;
            a = fmax(a - step, -THETA_MAX), fa = root_fn(a, &par);
        } else {
            a = b, fa = fb;
            b = fmin(b + step, THETA_MAX), fb = root_fn(b, &par);
        }
        step *= 2.0;
    }
    if (fa == 0.0 || fb == 0.0) {
        *theta = fa == 0.0 ? a : b;
        return CORE_OK;
    }
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s)
        return core_err_set(err, CORE_ERR_NOMEM, "%s: no memory for the root solver", root_name(kind));
    int gs = gsl_root_fsolver_set(s, &fn, a, b), it = 0;
    while (gs == GSL_SUCCESS) {
        if (it >= max_iter) {
            gs = GSL_EMAXITER;
            break;
        }
        it++;
        if ((gs = gsl_root_fsolver_iterate(s)) != GSL_SUCCESS)
            break;
        gs = gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s), tol, 0.0);
        if (gs == GSL_SUCCESS)
            break;
        if (gs == GSL_CONTINUE)
            gs = GSL_SUCCESS;
    }
    *theta = gsl_root_fsolver_root(s);
    *iters += it;
    gsl_root_fsolver_free(s);
    if (gs != GSL_SUCCESS)
        return core_err_set(err, core_status_from_gsl(gs), "%s of the odds ratio: root search failed after %d "
                            "iterations: %s", root_name(kind), it, gsl_strerror(gs));
    return CORE_OK;
}

core_status st_or_fisher_cmle_opt(long x1, long n1, long x0, long n0, double conf, const st_root_opts *opts,
                                  st_estimate *out, int *iterations, core_err *err)
{
    core_status st;
    nchg h;
    int iters = 0;
    est_clear(out);
    if (iterations)
        *iterations = 0;
    double tol = opts && opts->tol != 0.0 ? opts->tol : ST_ROOT_TOL_DEFAULT;
    int max_iter = opts && opts->max_iter != 0 ? opts->max_iter : ST_ROOT_MAXITER_DEFAULT;
    if (!(tol > 0.0 && isfinite(tol)) || max_iter <= 0)
        return core_err_set(err, CORE_ERR_USAGE, "root solver controls must be positive (tol %g, max_iter %d)", tol,
                            max_iter);
    if ((st = check_counts(x1, n1, x0, n0, err)) || (st = check_conf(conf, err)) ||
        (st = nchg_init(&h, x1, n1, x0, n0, err)))
        return st;
    double tail = (1.0 - conf) / 2.0, theta;
    out->p_value = nchg_fisher_p(&h);
    if (h.lo == h.hi) {
        /* One possible table: the conditional likelihood is flat, nothing identifies psi. */
        out->ci_low = 0.0;
        out->ci_high = INFINITY;
        out->undefined = "margins allow only one table (no events or no non-events): odds ratio not identified";
        goto done;
    }
    /* At an end of the support the likelihood is monotone: MLE and that limit sit at 0 or Inf
     * (R fisher.test's mle, ncp.L and ncp.U do the same). */
    if (x1 == h.lo) {
        out->estimate = 0.0;
        out->ci_low = 0.0;
    } else if (x1 == h.hi) {
        out->estimate = INFINITY;
        out->ci_high = INFINITY;
    } else {
        if ((st = solve_theta(&h, ROOT_MEAN, tail, tol, max_iter, &theta, &iters, err)))
            goto done;
        out->estimate = exp(theta);
    }
    if (x1 != h.lo) {
        if ((st = solve_theta(&h, ROOT_LOWER_LIMIT, tail, tol, max_iter, &theta, &iters, err)))
            goto done;
        out->ci_low = exp(theta);
    }
    if (x1 != h.hi) {
        if ((st = solve_theta(&h, ROOT_UPPER_LIMIT, tail, tol, max_iter, &theta, &iters, err)))
            goto done;
        out->ci_high = exp(theta);
    }
done:
    nchg_free(&h);
    if (iterations)
        *iterations = iters;
    if (st != CORE_OK)
        est_clear(out);
    return st;
}

core_status st_or_fisher_cmle(long x1, long n1, long x0, long n0, double conf, st_estimate *out, core_err *err)
{
    return st_or_fisher_cmle_opt(x1, n1, x0, n0, conf, NULL, out, NULL, err);
}
