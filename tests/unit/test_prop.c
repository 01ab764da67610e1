/* Unit tests of stats/st_prop: two proportions and the 2x2 table.
 *
 * Sources of expected numbers:
 *  - nsw_lalonde: tests/reference/kits/nsw_lalonde/expected.csv (R 4.2.2, reference.R beside it),
 *    employed78 by treat: x1 = 140 of n1 = 185 treated, x0 = 168 of n0 = 260 controls.
 *  - closed forms computed here by hand (symmetries, chi-square = z^2 of the pooled test, Wilson at
 *    x = 0 and x = n, tea-tasting probabilities k/70).
 *  - R 4.2.2 fisher.test output and precise roots, commands in the comments.
 *
 * The conditional MLE of the OR and its exact limits: R's fisher.test finds them with uniroot at
 * its default tol = .Machine$double.eps^0.25 (~1.2e-4) on psi or 1/psi in (0, 1], so its printed
 * values are off by up to ~1e-4 * max(psi, 1/psi) relative (observed 3e-6..3e-5 on nsw_lalonde,
 * 7e-3 for the tea-tasting upper limit). We solve on log(psi) to 1e-12, so we test
 *   (a) against R's printed value within the tolerance R's algorithm guarantees (r_tol below), and
 *   (b) against the precise root at 1e-9, from R with a tight tolerance:
 *       Rscript -e 'cm<-function(x1,n1,x0,n0,a=.025){m<-x1+x0;s<-max(0,m-n0):min(n1,m);
 *         lw<-dhyper(s,n1,n0,m,log=TRUE);d<-function(t){u<-lw+t*s;w<-exp(u-max(u));w/sum(w)};
 *         f<-function(g)uniroot(g,c(-30,30),tol=1e-14)$root;
 *         sprintf("%.15g",exp(c(f(function(t)sum(s*d(t))-x1),f(function(t)sum(d(t)[s>=x1])-a),
 *         f(function(t)sum(d(t)[s<=x1])-a))))}; print(cm(140,185,168,260))'
 *       (estimate, lower, upper). A replica of fisher.test's own code with uniroot(tol = 1e-12)
 *       gives the same to 1e-10 and reproduces R's printed values exactly at the default tol.
 *   (c) by evaluating the defining equations at our roots (independent lgamma-based sums).
 */
#include "stats/st_prop.h"

#include <float.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "tests/t_check.h"

#define NSW_X1 140
#define NSW_N1 185
#define NSW_X0 168
#define NSW_N0 260

/* Relative accuracy R's uniroot (default tol u = eps^0.25) guarantees for fisher.test's psi:
 * zeroin returns b with |b - root| <= u + 4 eps |b| in t, where t = psi (psi < 1) or t = 1/psi. */
static double r_tol(double psi)
{
    double u = pow(DBL_EPSILON, 0.25) + 4 * DBL_EPSILON;
    if (psi < 1)
        return u / psi;
    return u * psi / (1 - u * psi);
}

/* Independent evaluation of the noncentral hypergeometric at psi: mean, P(X >= x), P(X <= x).
 * Log weights from lgamma (not GSL's lnchoose, which the library uses), shifted by their maximum
 * so that extreme tables neither underflow nor overflow. */
static double lchoose(long n, long k)
{
    return lgamma((double)n + 1) - lgamma((double)k + 1) - lgamma((double)(n - k) + 1);
}

static void nchg_check(long x1, long n1, long x0, long n0, double psi, double *mean, double *upper,
                       double *lower)
{
    long m = x1 + x0, lo = m - n0 > 0 ? m - n0 : 0, hi = m < n1 ? m : n1;
    double lmax = -INFINITY, tot = 0, s = 0, up = 0, low = 0;
    for (long k = lo; k <= hi; k++)
        lmax = fmax(lmax, lchoose(n1, k) + lchoose(n0, m - k) + (double)k * log(psi));
    for (long k = lo; k <= hi; k++) {
        double w = exp(lchoose(n1, k) + lchoose(n0, m - k) + (double)k * log(psi) - lmax);
        tot += w;
        s += (double)(k - x1) * w;
        if (k >= x1)
            up += w;
        if (k <= x1)
            low += w;
    }
    *mean = x1 + s / tot;
    *upper = up / tot;
    *lower = low / tot;
}

static void test_nsw_lalonde(void)
{
    core_err err = {0};
    st_estimate e;
    double lo, hi;

    /* All values: tests/reference/kits/nsw_lalonde/expected.csv, outcome employed78, term treat. */
    /* arm_summary treat=1 and treat=0: Wilson 95% CI (prop.test(x, n, correct = FALSE)) */
    t_int(st_wilson(NSW_X1, NSW_N1, 0.95, &lo, &hi, &err), CORE_OK, "nsw wilson treat=1 status");
    t_rel(lo, 0.690118783972, TOL_REF, "nsw wilson treat=1 ci_low");
    t_rel(hi, 0.812948712929, TOL_REF, "nsw wilson treat=1 ci_high");
    t_int(st_wilson(NSW_X0, NSW_N0, 0.95, &lo, &hi, &err), CORE_OK, "nsw wilson treat=0 status");
    t_rel(lo, 0.586289851611, TOL_REF, "nsw wilson treat=0 ci_low");
    t_rel(hi, 0.701761921373, TOL_REF, "nsw wilson treat=0 ci_high");

    /* risk_difference:wald */
    t_int(st_rd_wald(NSW_X1, NSW_N1, NSW_X0, NSW_N0, 0.95, &e, &err), CORE_OK, "nsw rd wald status");
    t_rel(e.estimate, 0.110602910603, TOL_REF, "nsw rd wald estimate");
    t_rel(e.se, 0.0432941821234, TOL_REF, "nsw rd wald se");
    t_rel(e.ci_low, 0.025747872901, TOL_REF, "nsw rd wald ci_low");
    t_rel(e.ci_high, 0.195457948305, TOL_REF, "nsw rd wald ci_high");
    t_rel(e.statistic, 2.55468298922, TOL_REF, "nsw rd wald statistic");
    t_rel(e.p_value, 0.0106284547171, TOL_REF, "nsw rd wald p_value");
    t_true(e.undefined == NULL, "nsw rd wald undefined is NULL");

    /* risk_difference:newcombe */
    t_int(st_rd_newcombe(NSW_X1, NSW_N1, NSW_X0, NSW_N0, 0.95, &e, &err), CORE_OK, "nsw newcombe status");
    t_rel(e.estimate, 0.110602910603, TOL_REF, "nsw newcombe estimate");
    t_rel(e.ci_low, 0.0238107597685, TOL_REF, "nsw newcombe ci_low");
    t_rel(e.ci_high, 0.192707927387, TOL_REF, "nsw newcombe ci_high");
    t_true(isnan(e.se) && isnan(e.p_value) && e.undefined == NULL, "nsw newcombe: no se/p by design");

    /* risk_ratio */
    t_int(st_rr_logwald(NSW_X1, NSW_N1, NSW_X0, NSW_N0, 0.95, &e, &err), CORE_OK, "nsw rr status");
    t_rel(e.estimate, 1.17117117117, TOL_REF, "nsw rr estimate");
    t_rel(e.se, 0.0619974099756, TOL_REF, "nsw rr se (log scale)");
    t_rel(e.ci_low, 1.0371655487, TOL_REF, "nsw rr ci_low");
    t_rel(e.ci_high, 1.32249081537, TOL_REF, "nsw rr ci_high");
    t_rel(e.statistic, 2.54856209647, TOL_REF, "nsw rr statistic");
    t_rel(e.p_value, 0.0108168027874, TOL_REF, "nsw rr p_value");

    /* odds_ratio:woolf */
    t_int(st_or_woolf(NSW_X1, NSW_N1, NSW_X0, NSW_N0, 0.95, &e, &err), CORE_OK, "nsw woolf status");
    t_rel(e.estimate, 1.7037037037, TOL_REF, "nsw woolf estimate");
    t_rel(e.se, 0.214911669145, TOL_REF, "nsw woolf se (log scale)");
    t_rel(e.ci_low, 1.11804922033, TOL_REF, "nsw woolf ci_low");
    t_rel(e.ci_high, 2.5961346399, TOL_REF, "nsw woolf ci_high");
    t_rel(e.statistic, 2.47917915581, TOL_REF, "nsw woolf statistic");
    t_rel(e.p_value, 0.0131685144089, TOL_REF, "nsw woolf p_value");

    /* chisq_test */
    t_int(st_chisq_2x2(NSW_X1, NSW_N1, NSW_X0, NSW_N0, &e, &err), CORE_OK, "nsw chisq status");
    t_rel(e.statistic, 6.20535905207, TOL_REF, "nsw chisq statistic");
    t_rel(e.df, 1, TOL_EXACT, "nsw chisq df");
    t_rel(e.p_value, 0.0127364111463, TOL_REF, "nsw chisq p_value");

    /* fisher_exact */
    t_int(st_fisher_exact(NSW_X1, NSW_N1, NSW_X0, NSW_N0, &e, &err), CORE_OK, "nsw fisher status");
    t_rel(e.p_value, 0.0163870537579, TOL_REF, "nsw fisher p_value");

    /* odds_ratio:fisher_cmle: R's printed values agree only to R's uniroot tolerance (see top). */
    t_int(st_or_fisher_cmle(NSW_X1, NSW_N1, NSW_X0, NSW_N0, 0.95, &e, &err), CORE_OK, "nsw cmle status");
    t_rel(e.estimate, 1.70166725816, r_tol(1.70166725816), "nsw cmle estimate vs R printed (uniroot tol)");
    t_rel(e.ci_low, 1.09694011486, r_tol(1.09694011486), "nsw cmle ci_low vs R printed (uniroot tol)");
    t_rel(e.ci_high, 2.66382242253, r_tol(2.66382242253), "nsw cmle ci_high vs R printed (uniroot tol)");
    t_rel(e.estimate, 1.70168969703563, 1e-9, "nsw cmle estimate vs precise root");
    t_rel(e.ci_low, 1.09696829848998, 1e-9, "nsw cmle ci_low vs precise root");
    t_rel(e.ci_high, 2.6638133003361, 1e-9, "nsw cmle ci_high vs precise root");
    t_rel(e.p_value, 0.0163870537579, TOL_REF, "nsw cmle carries the Fisher p");
    t_true(e.undefined == NULL, "nsw cmle undefined is NULL");
    /* R's printed values are measurably off: this documents it (rel. error > TOL_REF). */
    t_true(fabs(1.70166725816 / e.estimate - 1) > TOL_REF, "nsw cmle: R's printed estimate differs beyond TOL_REF");

    /* The defining equations hold at our roots (independent evaluation). */
    double mean, up, low;
    nchg_check(NSW_X1, NSW_N1, NSW_X0, NSW_N0, e.estimate, &mean, &up, &low);
    t_rel(mean, NSW_X1, 1e-12, "nsw cmle: E[X; psi_hat] = x");
    nchg_check(NSW_X1, NSW_N1, NSW_X0, NSW_N0, e.ci_low, &mean, &up, &low);
    t_rel(up, 0.025, 1e-9, "nsw cmle: P(X >= x; psi_L) = 0.025");
    nchg_check(NSW_X1, NSW_N1, NSW_X0, NSW_N0, e.ci_high, &mean, &up, &low);
    t_rel(low, 0.025, 1e-9, "nsw cmle: P(X <= x; psi_U) = 0.025");
    /* ... and at R's printed estimate the score equation is off by about 3e-4 events. */
    nchg_check(NSW_X1, NSW_N1, NSW_X0, NSW_N0, 1.70166725816, &mean, &up, &low);
    t_true(fabs(mean - NSW_X1) > 1e-4, "nsw cmle: R's estimate leaves E[X] - x = %.3g", mean - NSW_X1);
}

/* Agresti (2013) §3.5.1 tea tasting: matrix(c(3,1,1,3),2). Row 1 = 3 of 4, row 0 = 1 of 4. */
static void test_tea_tasting(void)
{
    core_err err = {0};
    st_estimate e;
    /* Central probabilities of X = 0..4 are 1,16,36,16,1 over 70; x = 3 gives p = 34/70. */
    t_int(st_fisher_exact(3, 4, 1, 4, &e, &err), CORE_OK, "tea fisher status");
    t_rel(e.p_value, 34.0 / 70.0, TOL_EXACT, "tea fisher p = 34/70 (closed form)");
    t_rel(e.p_value, 0.4857142857, TOL_REF, "tea fisher p vs R fisher.test");

    t_int(st_or_fisher_cmle(3, 4, 1, 4, 0.95, &e, &err), CORE_OK, "tea cmle status");
    /* R 4.2.2: fisher.test(matrix(c(3,1,1,3),2)) prints odds ratio 6.408309, 95% CI 0.2117329 621.9337505
     * (full: 6.40830886700579, 0.211732915305503, 621.933750545417). */
    t_rel(e.estimate, 6.408309, r_tol(6.408309), "tea cmle estimate vs R printed (uniroot tol)");
    t_rel(e.ci_low, 0.2117329, r_tol(0.2117329), "tea cmle ci_low vs R printed (uniroot tol)");
    t_rel(e.ci_high, 621.9337505, r_tol(621.9337505), "tea cmle ci_high vs R printed (uniroot tol)");
    /* precise roots: cm(3,4,1,4) with the command at the top */
    t_rel(e.estimate, 6.40831965819968, 1e-9, "tea cmle estimate vs precise root");
    t_rel(e.ci_low, 0.211735595446578, 1e-9, "tea cmle ci_low vs precise root");
    t_rel(e.ci_high, 626.243530588814, 1e-9, "tea cmle ci_high vs precise root");
    t_true(fabs(e.ci_high / 621.9337505 - 1) > 1e-3, "tea cmle: R's upper limit is off by > 0.1%%");

    /* conf 0.90: R fisher.test(..., conf.level = 0.9) lower 0.3135692641 (= one-sided 95% lower limit of
     * alternative = "greater"); precise cm(3,4,1,4,a=0.05) gives 0.313573767504985, 306.236807858639. */
    t_int(st_or_fisher_cmle(3, 4, 1, 4, 0.90, &e, &err), CORE_OK, "tea cmle 90%% status");
    t_rel(e.ci_low, 0.3135692641, r_tol(0.3135692641), "tea cmle 90%% ci_low vs R printed (uniroot tol)");
    t_rel(e.ci_low, 0.313573767504985, 1e-9, "tea cmle 90%% ci_low vs precise root");
    t_rel(e.ci_high, 306.236807858639, 1e-9, "tea cmle 90%% ci_high vs precise root");
}

/* Closed forms and symmetries. */
static void test_closed_forms(void)
{
    core_err err = {0};
    st_estimate a, b;
    double z = 1.959963984540054; /* qnorm(0.975) */
    double lo, hi;

    /* Wilson at the ends: x = 0 gives [0, z^2/(n+z^2)], x = n gives [n/(n+z^2), 1]. */
    st_wilson(0, 20, 0.95, &lo, &hi, &err);
    t_rel(lo, 0, TOL_EXACT, "wilson x=0 lower is 0");
    t_rel(hi, z * z / (20 + z * z), TOL_EXACT, "wilson x=0 upper = z^2/(n+z^2)");
    st_wilson(20, 20, 0.95, &lo, &hi, &err);
    t_rel(lo, 20 / (20 + z * z), TOL_EXACT, "wilson x=n lower = n/(n+z^2)");
    t_rel(hi, 1, TOL_EXACT, "wilson x=n upper is 1");

    /* Chi-square equals z^2 of the pooled-SE two-proportion test. */
    double p1 = 140.0 / 185, p0 = 168.0 / 260, pb = 308.0 / 445;
    double zp = (p1 - p0) / sqrt(pb * (1 - pb) * (1.0 / 185 + 1.0 / 260));
    st_chisq_2x2(NSW_X1, NSW_N1, NSW_X0, NSW_N0, &a, &err);
    t_rel(a.statistic, zp * zp, TOL_EXACT, "chisq = z^2 of the pooled test");
    t_rel(a.p_value, 2 * gsl_cdf_ugaussian_Q(fabs(zp)), 1e-10, "chisq p = two-sided normal p of pooled z");

    /* Swapping the groups: RD -> -RD, ratios -> 1/ratio, intervals mirrored; tests unchanged. */
    st_rd_wald(NSW_X1, NSW_N1, NSW_X0, NSW_N0, 0.95, &a, &err);
    st_rd_wald(NSW_X0, NSW_N0, NSW_X1, NSW_N1, 0.95, &b, &err);
    t_rel(b.estimate, -a.estimate, TOL_EXACT, "swap: rd wald estimate");
    t_rel(b.ci_low, -a.ci_high, TOL_EXACT, "swap: rd wald ci_low = -ci_high");
    t_rel(b.p_value, a.p_value, TOL_EXACT, "swap: rd wald p");
    st_rd_newcombe(NSW_X1, NSW_N1, NSW_X0, NSW_N0, 0.95, &a, &err);
    st_rd_newcombe(NSW_X0, NSW_N0, NSW_X1, NSW_N1, 0.95, &b, &err);
    t_rel(b.ci_low, -a.ci_high, TOL_EXACT, "swap: newcombe ci_low = -ci_high");
    t_rel(b.ci_high, -a.ci_low, TOL_EXACT, "swap: newcombe ci_high = -ci_low");
    st_rr_logwald(NSW_X1, NSW_N1, NSW_X0, NSW_N0, 0.95, &a, &err);
    st_rr_logwald(NSW_X0, NSW_N0, NSW_X1, NSW_N1, 0.95, &b, &err);
    t_rel(b.estimate, 1 / a.estimate, TOL_EXACT, "swap: rr -> 1/rr");
    t_rel(b.ci_low, 1 / a.ci_high, TOL_EXACT, "swap: rr ci mirrored");
    t_rel(b.se, a.se, TOL_EXACT, "swap: rr se");
    st_or_woolf(NSW_X1, NSW_N1, NSW_X0, NSW_N0, 0.95, &a, &err);
    st_or_woolf(NSW_X0, NSW_N0, NSW_X1, NSW_N1, 0.95, &b, &err);
    t_rel(b.estimate, 1 / a.estimate, TOL_EXACT, "swap: woolf or -> 1/or");
    t_rel(b.ci_low, 1 / a.ci_high, TOL_EXACT, "swap: woolf ci_low = 1/ci_high");
    t_rel(b.ci_high, 1 / a.ci_low, TOL_EXACT, "swap: woolf ci_high = 1/ci_low");
    /* Events <-> non-events also inverts the OR. */
    st_or_woolf(NSW_N1 - NSW_X1, NSW_N1, NSW_N0 - NSW_X0, NSW_N0, 0.95, &b, &err);
    t_rel(b.estimate, 1 / a.estimate, TOL_EXACT, "events<->non-events: woolf or -> 1/or");
    st_or_fisher_cmle(NSW_X1, NSW_N1, NSW_X0, NSW_N0, 0.95, &a, &err);
    st_or_fisher_cmle(NSW_X0, NSW_N0, NSW_X1, NSW_N1, 0.95, &b, &err);
    t_rel(b.estimate, 1 / a.estimate, 1e-10, "swap: cmle -> 1/cmle");
    t_rel(b.ci_low, 1 / a.ci_high, 1e-10, "swap: cmle ci_low = 1/ci_high");
    t_rel(b.ci_high, 1 / a.ci_low, 1e-10, "swap: cmle ci_high = 1/ci_low");
    t_rel(b.p_value, a.p_value, TOL_EXACT, "swap: fisher p unchanged");
    st_chisq_2x2(NSW_X0, NSW_N0, NSW_X1, NSW_N1, &b, &err);
    st_chisq_2x2(NSW_X1, NSW_N1, NSW_X0, NSW_N0, &a, &err);
    t_rel(b.statistic, a.statistic, TOL_EXACT, "swap: chisq unchanged");

    /* Equal proportions: RD 0, RR and OR 1, CMLE 1, p 1 for every test. */
    st_rd_wald(10, 40, 5, 20, 0.95, &a, &err);
    t_rel(a.estimate, 0, TOL_EXACT, "equal p: rd 0");
    t_rel(a.p_value, 1, TOL_EXACT, "equal p: rd p 1");
    st_or_fisher_cmle(10, 40, 5, 20, 0.95, &a, &err);
    t_rel(a.estimate, 1, 1e-10, "equal p: cmle 1");
    t_rel(a.p_value, 1, 1e-12, "equal p: fisher p 1");
}

/* Larger tables: log-space stability and agreement with R. */
static void test_large(void)
{
    core_err err = {0};
    st_estimate e;
    /* R: fisher.test(matrix(c(300,700,200,800),2,byrow=TRUE)): p 2.9752419382126e-07,
     * est 1.7137875714323, ci 1.38862796473263 2.11808965273084; precise cm(300,1000,200,1000):
     * 1.71382246077509, 1.38862354034147, 2.11808076477955. */
    t_int(st_or_fisher_cmle(300, 1000, 200, 1000, 0.95, &e, &err), CORE_OK, "large cmle status");
    t_rel(e.p_value, 2.9752419382126e-07, TOL_REF, "large fisher p vs R");
    t_rel(e.estimate, 1.7137875714323, r_tol(1.7137875714323), "large cmle estimate vs R (uniroot tol)");
    t_rel(e.estimate, 1.71382246077509, 1e-9, "large cmle estimate vs precise root");
    t_rel(e.ci_low, 1.38862354034147, 1e-9, "large cmle ci_low vs precise root");
    t_rel(e.ci_high, 2.11808076477955, 1e-9, "large cmle ci_high vs precise root");

    /* Tiny p: 900/1000 vs 100/1000. Exact log p from R in log space:
     * Rscript -e 's<-0:1000; lw<-dhyper(s,1000,1000,1000,log=TRUE); o<-lw[901]; sel<-lw<=o+log1p(1e-7);
     *   lse<-function(v){M<-max(v);M+log(sum(exp(v-M)))}; cat(sprintf("%.15g\n", lse(lw[sel])-lse(lw)))'
     * -> -737.735880132351 (p ~ 4.03e-321, subnormal; fisher.test prints 4.03157567006457e-321). A
     * subnormal this size carries ~3 digits, so compare log p at 1e-5. */
    t_int(st_fisher_exact(900, 1000, 100, 1000, &e, &err), CORE_OK, "tiny-p fisher status");
    t_true(e.p_value > 0, "tiny-p fisher p > 0 (log-space sums)");
    t_rel(log(e.p_value), -737.735880132351, 1e-5, "tiny-p fisher log p vs R log-space sum");
    /* R: est 80.5332160636778 ci 59.8930800802961 109.955044269932 at uniroot tol */
    t_int(st_or_fisher_cmle(900, 1000, 100, 1000, 0.95, &e, &err), CORE_OK, "tiny-p cmle status");
    t_rel(e.estimate, 80.5332160636778, r_tol(80.5332160636778), "tiny-p cmle estimate vs R (uniroot tol)");
    double mean, up, low;
    nchg_check(900, 1000, 100, 1000, e.estimate, &mean, &up, &low);
    t_rel(mean, 900, 1e-12, "tiny-p cmle: E[X; psi_hat] = x");
}

/* Zero cells: what stays defined, what is NaN, and the reasons. */
static void test_zero_cells(void)
{
    core_err err = {0};
    st_estimate e;
    double z = 1.959963984540054;

    /* 0/10 vs 5/10 */
    t_int(st_rd_wald(0, 10, 5, 10, 0.95, &e, &err), CORE_OK, "0/10 vs 5/10 rd wald status");
    t_rel(e.estimate, -0.5, TOL_EXACT, "0/10 vs 5/10 rd wald estimate");
    t_rel(e.se, sqrt(0.025), TOL_EXACT, "0/10 vs 5/10 rd wald se = sqrt(.5*.5/10)");
    t_true(isfinite(e.p_value) && e.undefined == NULL, "0/10 vs 5/10 rd wald test defined");
    t_int(st_rd_newcombe(0, 10, 5, 10, 0.95, &e, &err), CORE_OK, "0/10 vs 5/10 newcombe status");
    {
        double l0, u0;
        st_wilson(5, 10, 0.95, &l0, &u0, &err);
        /* group 1 Wilson is [0, z^2/(10+z^2)] */
        t_rel(e.ci_low, -0.5 - sqrt(0.0 + (u0 - 0.5) * (u0 - 0.5)), TOL_EXACT, "0/10 vs 5/10 newcombe ci_low");
        double u1 = z * z / (10 + z * z);
        t_rel(e.ci_high, -0.5 + sqrt(u1 * u1 + (0.5 - l0) * (0.5 - l0)), TOL_EXACT,
              "0/10 vs 5/10 newcombe ci_high");
    }
    t_int(st_rr_logwald(0, 10, 5, 10, 0.95, &e, &err), CORE_OK, "0/10 vs 5/10 rr status");
    t_rel(e.estimate, 0, TOL_EXACT, "0/10 vs 5/10 rr estimate 0");
    t_true(isnan(e.se) && isnan(e.ci_low) && isnan(e.ci_high) && isnan(e.p_value), "0/10 vs 5/10 rr se/ci/p NaN");
    t_str(e.undefined, "zero events in group 1: log risk ratio undefined (estimate 0)", "0/10 vs 5/10 rr reason");
    t_int(st_or_woolf(0, 10, 5, 10, 0.95, &e, &err), CORE_OK, "0/10 vs 5/10 woolf status");
    t_rel(e.estimate, 0, TOL_EXACT, "0/10 vs 5/10 woolf estimate 0");
    t_true(isnan(e.se) && isnan(e.ci_low) && isnan(e.statistic), "0/10 vs 5/10 woolf se/ci/z NaN");
    t_contains(e.undefined, "zero cell", "0/10 vs 5/10 woolf reason");
    /* R: chisq.test(matrix(c(0,10,5,5),2,byrow=TRUE), correct=FALSE): 6.66666666666667 (= 20/3), p 0.00982327450751926 */
    t_int(st_chisq_2x2(0, 10, 5, 10, &e, &err), CORE_OK, "0/10 vs 5/10 chisq status");
    t_rel(e.statistic, 20.0 / 3.0, TOL_EXACT, "0/10 vs 5/10 chisq = 20/3");
    t_rel(e.p_value, 0.00982327450751926, TOL_REF, "0/10 vs 5/10 chisq p vs R");
    /* R: fisher.test(matrix(c(0,10,5,5),2,byrow=TRUE)): p 0.0325077399380805, est 0, ci 0 0.836542842502002;
     * precise upper: uniroot(function(t) d(t)[1]-0.025, c(-30,30), tol=1e-14) on the cm() weights
     * -> 0.836521793917736. */
    t_int(st_fisher_exact(0, 10, 5, 10, &e, &err), CORE_OK, "0/10 vs 5/10 fisher status");
    t_rel(e.p_value, 0.0325077399380805, TOL_REF, "0/10 vs 5/10 fisher p vs R");
    t_int(st_or_fisher_cmle(0, 10, 5, 10, 0.95, &e, &err), CORE_OK, "0/10 vs 5/10 cmle status");
    t_rel(e.estimate, 0, TOL_EXACT, "0/10 vs 5/10 cmle estimate 0");
    t_rel(e.ci_low, 0, TOL_EXACT, "0/10 vs 5/10 cmle ci_low 0");
    t_rel(e.ci_high, 0.836542842502002, r_tol(0.836542842502002), "0/10 vs 5/10 cmle ci_high vs R (uniroot tol)");
    t_rel(e.ci_high, 0.836521793917736, 1e-9, "0/10 vs 5/10 cmle ci_high vs precise root");
    t_true(e.undefined == NULL, "0/10 vs 5/10 cmle undefined NULL");

    /* 5/10 vs 0/10: the mirror image */
    t_int(st_rr_logwald(5, 10, 0, 10, 0.95, &e, &err), CORE_OK, "5/10 vs 0/10 rr status");
    t_true(isnan(e.estimate) && isnan(e.se), "5/10 vs 0/10 rr estimate NaN (infinite)");
    t_str(e.undefined, "zero events in group 0: risk ratio infinite, log ratio undefined", "5/10 vs 0/10 rr reason");
    t_int(st_or_woolf(5, 10, 0, 10, 0.95, &e, &err), CORE_OK, "5/10 vs 0/10 woolf status");
    t_true(isnan(e.estimate), "5/10 vs 0/10 woolf estimate NaN (infinite)");
    t_contains(e.undefined, "infinite", "5/10 vs 0/10 woolf reason");
    t_int(st_or_fisher_cmle(5, 10, 0, 10, 0.95, &e, &err), CORE_OK, "5/10 vs 0/10 cmle status");
    t_rel(e.estimate, INFINITY, 0, "5/10 vs 0/10 cmle estimate Inf");
    t_rel(e.ci_high, INFINITY, 0, "5/10 vs 0/10 cmle ci_high Inf");
    t_rel(e.ci_low, 1 / 0.836521793917736, 1e-9, "5/10 vs 0/10 cmle ci_low = 1/(mirror upper)");
    t_rel(e.ci_low, 1.19539603854492, r_tol(1.19539603854492), "5/10 vs 0/10 cmle ci_low vs R (uniroot tol)");

    /* 0/10 vs 0/12: no events at all */
    t_int(st_rd_wald(0, 10, 0, 12, 0.95, &e, &err), CORE_OK, "no events rd wald status");
    t_rel(e.estimate, 0, TOL_EXACT, "no events rd wald estimate 0");
    t_rel(e.se, 0, TOL_EXACT, "no events rd wald se 0");
    t_true(isnan(e.statistic) && isnan(e.p_value), "no events rd wald z/p NaN");
    t_contains(e.undefined, "SE is 0", "no events rd wald reason");
    t_int(st_rd_newcombe(0, 10, 0, 12, 0.95, &e, &err), CORE_OK, "no events newcombe status");
    t_rel(e.ci_low, -z * z / (12 + z * z), TOL_EXACT, "no events newcombe ci_low = -u0");
    t_rel(e.ci_high, z * z / (10 + z * z), TOL_EXACT, "no events newcombe ci_high = u1");
    t_true(e.undefined == NULL, "no events newcombe defined");
    t_int(st_rr_logwald(0, 10, 0, 12, 0.95, &e, &err), CORE_OK, "no events rr status");
    t_true(isnan(e.estimate), "no events rr NaN");
    t_contains(e.undefined, "both groups", "no events rr reason");
    t_int(st_or_woolf(0, 10, 0, 12, 0.95, &e, &err), CORE_OK, "no events woolf status");
    t_true(isnan(e.estimate), "no events woolf NaN");
    t_contains(e.undefined, "0/0", "no events woolf reason");
    t_int(st_chisq_2x2(0, 10, 0, 12, &e, &err), CORE_OK, "no events chisq status");
    t_true(isnan(e.statistic) && isnan(e.p_value), "no events chisq NaN");
    t_contains(e.undefined, "expected counts are zero", "no events chisq reason");
    t_int(st_fisher_exact(0, 10, 0, 12, &e, &err), CORE_OK, "no events fisher status");
    t_rel(e.p_value, 1, TOL_EXACT, "no events fisher p 1 (R: 1)");
    t_int(st_or_fisher_cmle(0, 10, 0, 12, 0.95, &e, &err), CORE_OK, "no events cmle status");
    t_true(isnan(e.estimate), "no events cmle estimate NaN (R reports 0)");
    t_rel(e.ci_low, 0, TOL_EXACT, "no events cmle ci_low 0");
    t_rel(e.ci_high, INFINITY, 0, "no events cmle ci_high Inf");
    t_contains(e.undefined, "only one table", "no events cmle reason");

    /* 10/10 vs 12/12: everyone an event */
    t_int(st_rr_logwald(10, 10, 12, 12, 0.95, &e, &err), CORE_OK, "all events rr status");
    t_rel(e.estimate, 1, TOL_EXACT, "all events rr 1");
    t_rel(e.se, 0, TOL_EXACT, "all events rr se 0");
    t_true(isnan(e.p_value), "all events rr p NaN");
    t_contains(e.undefined, "SE of log RR is 0", "all events rr reason");
    t_int(st_or_woolf(10, 10, 12, 12, 0.95, &e, &err), CORE_OK, "all events woolf status");
    t_contains(e.undefined, "0/0", "all events woolf reason");

    /* 10/10 vs 5/10: one zero non-event cell; RR defined, OR infinite */
    t_int(st_rr_logwald(10, 10, 5, 10, 0.95, &e, &err), CORE_OK, "10/10 vs 5/10 rr status");
    t_rel(e.estimate, 2, TOL_EXACT, "10/10 vs 5/10 rr 2");
    t_rel(e.se, sqrt(0.1), TOL_EXACT, "10/10 vs 5/10 rr se = sqrt(1/5-1/10)");
    t_true(e.undefined == NULL, "10/10 vs 5/10 rr defined");
    t_int(st_or_woolf(10, 10, 5, 10, 0.95, &e, &err), CORE_OK, "10/10 vs 5/10 woolf status");
    t_true(isnan(e.estimate) && isnan(e.se), "10/10 vs 5/10 woolf NaN");
    t_contains(e.undefined, "infinite", "10/10 vs 5/10 woolf reason");
}

static void test_errors(void)
{
    core_err err = {0};
    st_estimate e;
    double lo, hi;
    const double bad_conf[] = {0.0, 1.0, -0.1, 1.5, NAN};
    for (size_t i = 0; i < sizeof bad_conf / sizeof bad_conf[0]; i++) {
        double c = bad_conf[i];
        t_int(st_wilson(5, 10, c, &lo, &hi, &err), CORE_ERR_USAGE, "wilson conf %g -> usage", c);
        t_int(st_rd_wald(5, 10, 3, 10, c, &e, &err), CORE_ERR_USAGE, "rd wald conf %g -> usage", c);
        t_int(st_rd_newcombe(5, 10, 3, 10, c, &e, &err), CORE_ERR_USAGE, "newcombe conf %g -> usage", c);
        t_int(st_rr_logwald(5, 10, 3, 10, c, &e, &err), CORE_ERR_USAGE, "rr conf %g -> usage", c);
        t_int(st_or_woolf(5, 10, 3, 10, c, &e, &err), CORE_ERR_USAGE, "woolf conf %g -> usage", c);
        t_int(st_or_fisher_cmle(5, 10, 3, 10, c, &e, &err), CORE_ERR_USAGE, "cmle conf %g -> usage", c);
    }
    t_contains(err.msg, "confidence", "conf error message names the confidence level");

    err.msg[0] = '\0';
    t_int(st_wilson(0, 0, 0.95, &lo, &hi, &err), CORE_ERR_ANALYSIS, "wilson n=0 -> analysis");
    t_true(isnan(lo) && isnan(hi), "wilson n=0 leaves NaN");
    t_int(st_rd_wald(0, 0, 3, 10, 0.95, &e, &err), CORE_ERR_ANALYSIS, "rd wald n1=0 -> analysis");
    t_contains(err.msg, "group 1", "n1=0 message names group 1");
    t_true(isnan(e.estimate), "on error the estimate is NaN");
    t_int(st_rd_newcombe(3, 10, 0, 0, 0.95, &e, &err), CORE_ERR_ANALYSIS, "newcombe n0=0 -> analysis");
    t_contains(err.msg, "group 0", "n0=0 message names group 0");
    t_int(st_rr_logwald(3, 10, 0, 0, 0.95, &e, &err), CORE_ERR_ANALYSIS, "rr n0=0 -> analysis");
    t_int(st_or_woolf(0, 0, 0, 0, 0.95, &e, &err), CORE_ERR_ANALYSIS, "woolf both n=0 -> analysis");
    t_int(st_chisq_2x2(3, 10, 0, 0, &e, &err), CORE_ERR_ANALYSIS, "chisq n0=0 -> analysis");
    t_int(st_fisher_exact(0, 0, 3, 10, &e, &err), CORE_ERR_ANALYSIS, "fisher n1=0 -> analysis");
    t_int(st_or_fisher_cmle(0, 0, 3, 10, 0.95, &e, &err), CORE_ERR_ANALYSIS, "cmle n1=0 -> analysis");

    t_int(st_rd_wald(11, 10, 3, 10, 0.95, &e, &err), CORE_ERR_USAGE, "x1 > n1 -> usage");
    t_int(st_chisq_2x2(3, 10, -1, 10, &e, &err), CORE_ERR_USAGE, "x0 < 0 -> usage");
    t_int(st_fisher_exact(3, -10, 3, 10, &e, &err), CORE_ERR_USAGE, "n1 < 0 -> usage");
    t_int(st_wilson(-1, 10, 0.95, &lo, &hi, &err), CORE_ERR_USAGE, "wilson x < 0 -> usage");

    /* Solver controls: invalid -> usage; too few iterations -> analysis (GSL_EMAXITER mapped). */
    st_root_opts bad = {.tol = -1};
    t_int(st_or_fisher_cmle_opt(5, 10, 3, 10, 0.95, &bad, &e, NULL, &err), CORE_ERR_USAGE, "cmle tol < 0 -> usage");
    st_root_opts one = {.max_iter = 1};
    t_int(st_or_fisher_cmle_opt(NSW_X1, NSW_N1, NSW_X0, NSW_N0, 0.95, &one, &e, NULL, &err), CORE_ERR_ANALYSIS,
          "cmle max_iter 1 -> analysis");
    t_contains(err.msg, "root search failed", "max_iter message");
    t_true(isnan(e.estimate), "cmle failure leaves NaN");
    int iters = 0;
    t_int(st_or_fisher_cmle_opt(NSW_X1, NSW_N1, NSW_X0, NSW_N0, 0.95, NULL, &e, &iters, &err), CORE_OK,
          "cmle default opts");
    t_true(iters > 0 && iters < 3 * ST_ROOT_MAXITER_DEFAULT, "cmle reports %d Brent iterations", iters);
}

int main(void)
{
    gsl_set_error_handler_off();
    test_nsw_lalonde();
    test_tea_tasting();
    test_closed_forms();
    test_large();
    test_zero_cells();
    test_errors();
    return t_summary("prop");
}
