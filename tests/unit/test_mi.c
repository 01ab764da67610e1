/* Unit tests of stats/st_mi: Rubin's rules and the Barnard-Rubin degrees of freedom in closed form (and against
 * mice 3.15.0's pool.scalar, R 4.2.2), the tipping-point 2x2 table in closed form, and the chained-equations engine's
 * contract (observed values kept, binary draws 0/1, reproducible from the seed, bad input refused).
 * The engine's imputation models against mice + pool: tests/mi/run.sh (tests/reference/kits/mi_trial).
 *   R: library(mice); p <- pool.scalar(c(1,2,3,4), c(1,1,1,1), n = 53, k = 3)      # dfcom = 50
 *      p <- pool.scalar(c(0.3,0.1,0.25,0.4,0.2), c(0.04,0.05,0.045,0.05,0.04))  # dfcom = Inf
 *      chisq.test(matrix(c(40,60,25,75), 2, byrow = TRUE), correct = FALSE)$p.value */
#include "stats/st_mi.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_rng.h"
#include "stats/st_prop.h"
#include "tests/t_check.h"

static void test_barnard_rubin(void)
{
    /* closed form: lambda = (1 + 1/m) b / t; nu_old = (m - 1) / lambda^2; nu_obs = (c + 1)/(c + 3) c (1 - lambda) */
    size_t m = 5;
    double b = 2, t = 10, c = 50;
    double lambda = 1.2 * 2 / 10, nu_old = 4 / (lambda * lambda), nu_obs = 51.0 / 53.0 * 50 * (1 - lambda);
    t_rel(st_mi_df_barnard_rubin(m, b, t, c), nu_old * nu_obs / (nu_old + nu_obs), TOL_EXACT,
          "Barnard-Rubin df, m = 5, b = 2, t = 10, df_com = 50");
    t_rel(st_mi_df_barnard_rubin(m, b, t, INFINITY), nu_old, TOL_EXACT, "infinite df_com gives Rubin's (m - 1)/lambda^2");
    t_rel(st_mi_df_barnard_rubin(m, 0, t, INFINITY), 4 / 1e-8, TOL_EXACT, "B = 0: lambda floored at 1e-4 (as mice)");
    /* as df_com grows the Barnard-Rubin df approaches Rubin's */
    t_rel(st_mi_df_barnard_rubin(m, b, t, 1e12), nu_old, 1e-9, "df_com -> infinity approaches Rubin's df");
    /* never above the complete-data df */
    t_true(st_mi_df_barnard_rubin(20, 0.01, 1, 30) < 30, "Barnard-Rubin df below df_com");
}

static void test_pool(void)
{
    core_err err;
    st_mi_pooled p;
    const double q1[] = {1, 2, 3, 4}, se1[] = {1, 1, 1, 1};
    t_int(st_mi_pool(q1, se1, 4, 50, 0.95, &p, &err), CORE_OK, "pool 4 estimates");
    t_rel(p.estimate, 2.5, TOL_EXACT, "qbar");
    t_rel(p.within, 1, TOL_EXACT, "W");
    t_rel(p.between, 5.0 / 3.0, TOL_EXACT, "B (divisor m - 1)");
    t_rel(p.total, 1 + 1.25 * 5.0 / 3.0, TOL_EXACT, "T = W + (1 + 1/m) B");
    t_rel(p.se, sqrt(1 + 1.25 * 5.0 / 3.0), TOL_EXACT, "SE = sqrt(T)");
    /* mice 3.15.0 pool.scalar(..., n = 53, k = 3) */
    t_rel(p.df, 4.62397439006474, TOL_REF, "df as mice's pool.scalar (dfcom 50)");
    t_rel(p.riv, 2.08333333333333, TOL_REF, "r as mice");
    t_rel(p.fmi, 0.760755794713581, TOL_REF, "fmi as mice");
    t_rel(p.statistic, 2.5 / sqrt(p.total), TOL_EXACT, "t = qbar / sqrt(T)");
    t_rel(p.p_value, 2 * gsl_cdf_tdist_Q(p.statistic, p.df), TOL_EXACT, "p on Barnard-Rubin df");
    double crit = gsl_cdf_tdist_Pinv(0.975, p.df);
    t_rel(p.ci_low, 2.5 - crit * p.se, TOL_EXACT, "lower limit");
    t_rel(p.ci_high, 2.5 + crit * p.se, TOL_EXACT, "upper limit");
    t_rel(p.mc_se, sqrt(5.0 / 3.0 / 4.0), TOL_EXACT, "Monte Carlo SE sqrt(B / m)");
    const double q2[] = {0.3, 0.1, 0.25, 0.4, 0.2}, u2[] = {0.04, 0.05, 0.045, 0.05, 0.04};
    double se2[5];
    for (int i = 0; i < 5; i++)
        se2[i] = sqrt(u2[i]);
    t_int(st_mi_pool(q2, se2, 5, INFINITY, 0.95, &p, &err), CORE_OK, "pool 5 estimates, z-based");
    t_rel(p.estimate, 0.25, TOL_EXACT, "qbar (2)");
    t_rel(p.total, 0.06, TOL_EXACT, "T (2)");
    t_rel(p.df, 64, TOL_EXACT, "df (m - 1)/lambda^2 = 64 (mice)");
    t_rel(p.riv, 1.0 / 3.0, TOL_EXACT, "r (2)");
    t_rel(p.fmi, 0.272388059701493, TOL_REF, "fmi (2) as mice");
    /* refusals */
    t_int(st_mi_pool(q1, se1, 1, 50, 0.95, &p, &err), CORE_ERR_USAGE, "one imputation is refused");
    t_int(st_mi_pool(q1, se1, 4, 0, 0.95, &p, &err), CORE_ERR_USAGE, "df_com 0 is refused");
    const double qn[] = {1, NAN};
    t_int(st_mi_pool(qn, se1, 2, 50, 0.95, &p, &err), CORE_ERR_USAGE, "a NaN estimate is refused");
    t_contains(err.msg, "imputation 2", "the message names the imputation");
}

static void test_tipping(void)
{
    core_err err;
    st_tipping t;
    /* 30/80 observed + 20 missing at 50%; 20/80 + 20 missing at 25%: completed 40/100 vs 25/100 */
    t_int(st_tipping_2x2(30, 80, 20, 20, 80, 20, 0.5, 0.25, 0.95, &t, &err), CORE_OK, "tipping cell");
    t_rel(t.x1, 40, TOL_EXACT, "completed events, arm 1");
    t_rel(t.n0, 100, TOL_EXACT, "completed total, arm 0");
    t_rel(t.rd, 0.15, TOL_EXACT, "risk difference 0.40 - 0.25");
    t_rel(t.se, sqrt(0.4 * 0.6 / 100 + 0.25 * 0.75 / 100), TOL_EXACT, "unpooled Wald SE");
    t_rel(t.ci_low, 0.15 - gsl_cdf_ugaussian_Pinv(0.975) * t.se, TOL_EXACT, "Wald lower limit");
    t_rel(t.chisq, 200.0 * 1500 * 1500 / (100.0 * 100 * 65 * 135), TOL_EXACT, "Pearson chi-square N(ad-bc)^2/margins");
    t_rel(t.p_value, 0.023540058261178, TOL_REF, "p as R's chisq.test(correct = FALSE)");
    /* fractional expected counts: 3 of 7 missing at 10% adds 0.7 */
    t_int(st_tipping_2x2(3, 10, 7, 5, 10, 0, 0.1, 0.9, 0.95, &t, &err), CORE_OK, "fractional cell");
    t_rel(t.x1, 3.7, TOL_EXACT, "3 + 0.1 x 7 events");
    t_rel(t.rd, 3.7 / 17 - 0.5, TOL_EXACT, "risk difference with expected counts");
    /* nothing missing: the complete-case test of the trial's own rows */
    st_estimate e;
    t_int(st_tipping_2x2(30, 80, 0, 20, 80, 0, 0.3, 0.7, 0.95, &t, &err), CORE_OK, "no missing");
    st_chisq_2x2(30, 80, 20, 80, &e, &err);
    t_rel(t.p_value, e.p_value, TOL_EXACT, "with nothing missing the p is st_chisq_2x2's");
    /* every completed outcome 1: no test */
    t_int(st_tipping_2x2(5, 5, 3, 4, 4, 2, 1, 1, 0.95, &t, &err), CORE_OK, "all events");
    t_true(isnan(t.p_value), "all completed outcomes equal: p is NaN, not a number pretending");
    t_int(st_tipping_2x2(6, 5, 0, 1, 4, 0, 0, 0, 0.95, &t, &err), CORE_ERR_USAGE, "x > n refused");
    t_int(st_tipping_2x2(1, 5, 1, 1, 4, 1, 1.5, 0, 0.95, &t, &err), CORE_ERR_USAGE, "rate above 1 refused");
}

static void test_impute(void)
{
    enum { N = 120, P = 4 };
    double x[N * P], out[N * P], out2[N * P];
    unsigned char miss[N * P];
    gsl_rng *g = core_rng_stream(1, "test");
    for (size_t i = 0; i < N; i++) {
        double z = gsl_cdf_ugaussian_Pinv((i + 0.5) / N);
        x[i * P + 0] = z;                                   /* complete predictor */
        x[i * P + 1] = (i * 7 % 10) < 4 ? 1 : 0;            /* binary, imputed by logreg */
        x[i * P + 2] = 2 + 3 * z + ((double)(i % 5) - 2);   /* continuous, norm */
        x[i * P + 3] = 10 + z * z + (double)(i % 3);        /* continuous, pmm */
        miss[i * P + 0] = 0;
        miss[i * P + 1] = i % 6 == 0;
        miss[i * P + 2] = i % 5 == 1;
        miss[i * P + 3] = i % 4 == 2;
    }
    const st_mi_method meth[P] = {ST_MI_COMPLETE, ST_MI_LOGREG, ST_MI_NORM, ST_MI_PMM};
    core_err err;
    size_t bad;
    t_int(st_mi_impute(x, miss, N, P, meth, NULL, NULL, g, out, &bad, &err), CORE_OK, "impute");
    int kept = 1, binary = 1, finite = 1, donor = 1;
    for (size_t i = 0; i < N; i++)
        for (size_t j = 0; j < P; j++) {
            double v = out[i * P + j];
            if (!miss[i * P + j] && v != x[i * P + j])
                kept = 0;
            finite &= isfinite(v);
            if (j == 1 && v != 0 && v != 1)
                binary = 0;
            if (j == 3 && miss[i * P + j]) { /* pmm imputes an observed value */
                int found = 0;
                for (size_t r = 0; r < N && !found; r++)
                    found = !miss[r * P + 3] && x[r * P + 3] == v;
                donor &= found;
            }
        }
    t_true(kept, "observed values are kept");
    t_true(finite, "every imputed value is finite");
    t_true(binary, "logreg imputes 0 or 1");
    t_true(donor, "pmm imputes values observed in a donor");
    gsl_rng_set(g, 99);
    st_mi_impute(x, miss, N, P, meth, NULL, NULL, g, out, &bad, &err);
    gsl_rng_set(g, 99);
    st_mi_impute(x, miss, N, P, meth, NULL, NULL, g, out2, &bad, &err);
    t_true(memcmp(out, out2, sizeof out) == 0, "the same seed gives the same imputation");
    /* norm alone on a complete predictor: the imputed values are centred on the least-squares line of the observed
     * rows. Per imputation the mean of (imputed - line) over the 24 missing rows has SD about
     * sigma sqrt(1/96 + 1/24) = 0.32 (parameter draw and noise; sigma about 1.41); over 200 imputations the mean's
     * SE is 0.023, and the check allows 4 of them. */
    {
        enum { Q = 2 };
        double x2[N * Q], o2[N * Q];
        unsigned char m2b[N * Q];
        double sz = 0, sy = 0, szz = 0, szy = 0, no = 0;
        for (size_t i = 0; i < N; i++) {
            x2[i * Q] = x[i * P];
            x2[i * Q + 1] = x[i * P + 2];
            m2b[i * Q] = 0;
            m2b[i * Q + 1] = miss[i * P + 2];
            if (!m2b[i * Q + 1]) {
                double z = x2[i * Q], y = x2[i * Q + 1];
                sz += z, sy += y, szz += z * z, szy += z * y, no++;
            }
        }
        double slope = (szy - sz * sy / no) / (szz - sz * sz / no), icpt = (sy - slope * sz) / no;
        const st_mi_method mq[Q] = {ST_MI_COMPLETE, ST_MI_NORM};
        double sum = 0;
        size_t cnt = 0;
        for (int l = 0; l < 200; l++) {
            st_mi_impute(x2, m2b, N, Q, mq, NULL, NULL, g, o2, &bad, &err);
            for (size_t i = 0; i < N; i++)
                if (m2b[i * Q + 1]) {
                    sum += o2[i * Q + 1] - (icpt + slope * x2[i * Q]);
                    cnt++;
                }
        }
        t_abs(sum / (double)cnt, 0, 4 * 0.023, "norm imputations centred on the observed least-squares line");
    }
    /* bad input */
    st_mi_method m2[P] = {ST_MI_COMPLETE, ST_MI_COMPLETE, ST_MI_NORM, ST_MI_PMM};
    t_int(st_mi_impute(x, miss, N, P, m2, NULL, NULL, g, out, &bad, &err), CORE_ERR_USAGE,
          "a missing value in a column that is not imputed");
    t_int((long)bad, 1, "bad_col names it");
    double xb[N * P];
    memcpy(xb, x, sizeof xb);
    xb[1 * P + 1] = 2;
    t_int(st_mi_impute(xb, miss, N, P, meth, NULL, NULL, g, out, &bad, &err), CORE_ERR_USAGE, "logreg column with a 2");
    t_contains(err.msg, "not 0 or 1", "says what is wrong");
    /* collinear predictors of a norm column: column 3 a copy of column 0 */
    memcpy(xb, x, sizeof xb);
    unsigned char mb[N * P];
    memcpy(mb, miss, sizeof mb);
    for (size_t i = 0; i < N; i++) {
        xb[i * P + 3] = 2 * x[i * P];
        mb[i * P + 3] = 0;
        mb[i * P + 1] = 0;
    }
    st_mi_method m3[P] = {ST_MI_COMPLETE, ST_MI_COMPLETE, ST_MI_NORM, ST_MI_COMPLETE};
    t_int(st_mi_impute(xb, mb, N, P, m3, NULL, NULL, g, out, &bad, &err), CORE_ERR_ANALYSIS, "collinear predictors");
    t_int((long)bad, 2, "bad_col is the column being imputed");
    /* one observed value */
    memcpy(mb, miss, sizeof mb);
    for (size_t i = 1; i < N; i++)
        mb[i * P + 2] = 1;
    t_int(st_mi_impute(x, mb, N, P, meth, NULL, NULL, g, out, &bad, &err), CORE_ERR_USAGE, "one observed value");
    gsl_rng_free(g);
}

int main(void)
{
    gsl_set_error_handler_off();
    test_barnard_rubin();
    test_pool();
    test_tipping();
    test_impute();
    return t_summary("mi");
}
