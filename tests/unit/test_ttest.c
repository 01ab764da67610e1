/* Unit tests of stats/st_ttest (two samples) and stats/st_multiplicity (p.adjust).
 *
 * Sources of expected numbers:
 *  - nsw_lalonde: tests/reference/kits/nsw_lalonde/expected.csv, re78 by treat: arm n/mean/sd, Welch and
 *    Student t (R t.test), Hedges' g (exact J; = metafor::escalc("SMD")), Cohen's d, approximate-J g,
 *    Wilcoxon rank-sum (wilcox.test(exact = FALSE, correct = TRUE)).
 *  - small samples with ties, R 4.2.2 (sprintf("%.15g")):
 *      a <- c(3.1, 2.2, 5.5, 4.0, 4.0, 6.3, 2.2); b <- c(1.0, 2.2, 2.2, 3.5, 0.4, 4.0, 1.1, 2.9, 2.2)
 *      t.test(a, b); t.test(a, b, var.equal = TRUE); t.test(a, b, conf.level = 0.9)$conf.int
 *      wilcox.test(a, b, exact = FALSE, correct = TRUE); wilcox.test(b, a, ...)
 *      quantile(a, c(.25, .5, .75)); mean(a); sd(a); t.test(a)$conf.int
 *  - p.adjust(c(0.01, 0.04, 0.03, 0.20, NA, 0.04, 0.5), "holm" | "BH" | "bonferroni"), R 4.2.2.
 */
#include "stats/st_multiplicity.h"
#include "stats/st_ttest.h"

#include <gsl/gsl_errno.h>
#include <stdlib.h>

#include "tests/t_check.h"
#include "tests/unit/kit_ref.h"

static const double A[7] = {3.1, 2.2, 5.5, 4.0, 4.0, 6.3, 2.2};
static const double B[9] = {1.0, 2.2, 2.2, 3.5, 0.4, 4.0, 1.1, 2.9, 2.2};

static void test_small(void)
{
    st_estimate e;
    core_err err;
    t_true(st_ttest_welch(A, 7, B, 9, 0.95, &e, &err) == CORE_OK, "welch runs");
    t_rel(e.estimate, 1.73333333333333, TOL_REF, "welch diff");
    t_rel(e.se, 0.713002816174674, TOL_REF, "welch se");
    t_rel(e.statistic, 2.43103294126218, TOL_REF, "welch t");
    t_rel(e.df, 10.9220002619835, TOL_REF, "welch df");
    t_rel(e.p_value, 0.0334932213335613, TOL_REF, "welch p");
    t_rel(e.ci_low, 0.162656277439347, TOL_REF, "welch lo");
    t_rel(e.ci_high, 3.30401038922732, TOL_REF, "welch hi");
    st_ttest_welch(A, 7, B, 9, 0.90, &e, &err);
    t_rel(e.ci_low, 0.452025078968352, TOL_REF, "welch 90%% lo");
    t_rel(e.ci_high, 3.01464158769832, TOL_REF, "welch 90%% hi");
    t_true(st_ttest_student(A, 7, B, 9, 0.95, &e, &err) == CORE_OK, "student runs");
    t_rel(e.se, 0.687563643724954, TOL_REF, "student se");
    t_rel(e.statistic, 2.52097874742592, TOL_REF, "student t");
    t_rel(e.df, 14, TOL_EXACT, "student df");
    t_rel(e.p_value, 0.024454325947363, TOL_REF, "student p");
    t_rel(e.ci_low, 0.258655983175792, TOL_REF, "student lo");
    t_rel(e.ci_high, 3.20801068349087, TOL_REF, "student hi");
    t_true(st_wilcoxon(A, 7, B, 9, &e, &err) == CORE_OK, "wilcoxon runs");
    t_rel(e.statistic, 51, TOL_EXACT, "wilcoxon W (ties)");
    t_rel(e.p_value, 0.0405960171819936, TOL_REF, "wilcoxon p (ties, cc)");
    st_wilcoxon(B, 9, A, 7, &e, &err);
    t_rel(e.statistic, 12, TOL_EXACT, "wilcoxon W reversed");
    t_rel(e.p_value, 0.0405960171819936, TOL_REF, "wilcoxon p reversed");
    st_describe_out d;
    st_describe(A, 7, &d, &err);
    t_rel(d.q1, 2.65, TOL_EXACT, "q1 type 7");
    t_rel(d.median, 4, TOL_EXACT, "median");
    t_rel(d.q3, 4.75, TOL_EXACT, "q3 type 7");
    t_rel(d.mean, 3.9, TOL_EXACT, "mean");
    t_rel(d.sd, 1.56843871413581, TOL_REF, "sd");
    st_mean_t(A, 7, 0.95, &e, &err);
    t_rel(e.ci_low, 2.44943612373408, TOL_REF, "mean t lo");
    t_rel(e.ci_high, 5.35056387626592, TOL_REF, "mean t hi");
    t_rel(e.se, 0.592814112035612, TOL_REF, "mean se");
    /* degenerate and bad input */
    double c1[3] = {2, 2, 2}, c0[3] = {2, 2, 2};
    st_ttest_welch(c1, 3, c0, 3, 0.95, &e, &err);
    t_true(e.undefined != NULL && isnan(e.p_value), "constant samples: welch undefined with a reason");
    st_wilcoxon(c1, 3, c0, 3, &e, &err);
    t_true(e.undefined != NULL && isnan(e.p_value), "all tied: wilcoxon undefined with a reason");
    st_smd_out g;
    st_hedges_g(c1, 3, c0, 3, 0.95, &g, &err);
    t_true(g.est.undefined != NULL && isnan(g.g), "zero SD: g undefined with a reason");
    t_int(st_ttest_welch(A, 1, B, 9, 0.95, &e, &err), CORE_ERR_ANALYSIS, "welch with n1 = 1 refused");
    t_int(st_ttest_welch(A, 7, B, 0, 0.95, &e, &err), CORE_ERR_ANALYSIS, "empty sample refused");
    t_int(st_ttest_welch(A, 7, B, 9, 1.5, &e, &err), CORE_ERR_USAGE, "bad confidence refused");
    double bad[2] = {1, NAN};
    t_int(st_ttest_student(bad, 2, B, 9, 0.95, &e, &err), CORE_ERR_USAGE, "NaN refused");
    st_mean_t(A, 1, 0.95, &e, &err);
    t_true(e.estimate == A[0] && e.undefined && isnan(e.se), "one observation: mean without interval");
    st_describe(A, 0, &d, &err);
    t_true(isnan(d.mean) && d.n == 0, "empty describe is NaN");
}

static void test_nsw(void)
{
    kit_ref k;
    core_table *t = kit_data("nsw_lalonde");
    if (!t || !kit_ref_load(&k, "nsw_lalonde")) {
        core_table_free(t);
        return;
    }
    double *re78 = kit_column(t, "re78"), *treat = kit_column(t, "treat");
    double *y1 = malloc(t->n_rows * sizeof *y1), *y0 = malloc(t->n_rows * sizeof *y0);
    size_t n1 = 0, n0 = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        if (treat[i] == 1)
            y1[n1++] = re78[i];
        else
            y0[n0++] = re78[i];
    }
    core_err err;
    st_describe_out d1, d0;
    st_describe(y1, n1, &d1, &err);
    st_describe(y0, n0, &d0, &err);
    t_rel((double)n1, kit_ref_get(&k, "arm_summary", "re78", "treat=1", "n"), TOL_EXACT, "n1");
    t_rel(d1.mean, kit_ref_get(&k, "arm_summary", "re78", "treat=1", "mean"), TOL_REF, "mean1");
    t_rel(d1.sd, kit_ref_get(&k, "arm_summary", "re78", "treat=1", "sd"), TOL_REF, "sd1");
    t_rel(d0.mean, kit_ref_get(&k, "arm_summary", "re78", "treat=0", "mean"), TOL_REF, "mean0");
    t_rel(d0.sd, kit_ref_get(&k, "arm_summary", "re78", "treat=0", "sd"), TOL_REF, "sd0");
    static const char *const stats[7] = {"estimate", "se", "statistic", "df", "p_value", "ci_low", "ci_high"};
    for (int v = 0; v < 2; v++) {
        st_estimate e;
        const char *an = v ? "mean_difference:student" : "mean_difference:welch";
        (v ? st_ttest_student : st_ttest_welch)(y1, n1, y0, n0, 0.95, &e, &err);
        double got[7] = {e.estimate, e.se, e.statistic, e.df, e.p_value, e.ci_low, e.ci_high};
        for (int s = 0; s < 7; s++)
            t_rel(got[s], kit_ref_get(&k, an, "re78", "treat", stats[s]), TOL_REF, "%s %s", an, stats[s]);
    }
    st_smd_out g;
    st_hedges_g(y1, n1, y0, n0, 0.95, &g, &err);
    t_rel(g.est.estimate, kit_ref_get(&k, "hedges_g", "re78", "treat", "estimate"), TOL_REF, "g");
    t_rel(g.est.se, kit_ref_get(&k, "hedges_g", "re78", "treat", "se"), TOL_REF, "g se");
    t_rel(g.est.ci_low, kit_ref_get(&k, "hedges_g", "re78", "treat", "ci_low"), TOL_REF, "g lo");
    t_rel(g.est.ci_high, kit_ref_get(&k, "hedges_g", "re78", "treat", "ci_high"), TOL_REF, "g hi");
    t_rel(g.d, kit_ref_get(&k, "hedges_g", "re78", "treat:cohen_d", "estimate"), TOL_REF, "cohen d");
    t_rel(g.J, kit_ref_get(&k, "hedges_g", "re78", "treat:J", "estimate"), TOL_REF, "J");
    t_rel(g.g_approx, kit_ref_get(&k, "hedges_g", "re78", "treat:g_approxJ", "estimate"), TOL_REF, "g approx J");
    st_estimate w;
    st_wilcoxon(y1, n1, y0, n0, &w, &err);
    t_rel(w.statistic, kit_ref_get(&k, "wilcoxon", "re78", "treat", "statistic"), TOL_REF, "wilcoxon W");
    t_rel(w.p_value, kit_ref_get(&k, "wilcoxon", "re78", "treat", "p_value"), TOL_REF, "wilcoxon p");
    free(re78), free(treat), free(y1), free(y0);
    core_table_free(t);
    kit_ref_free(&k);
}

static void test_padjust(void)
{
    double p[7] = {0.01, 0.04, 0.03, 0.20, NAN, 0.04, 0.5}, a[7];
    static const double holm[7] = {0.06, 0.16, 0.15, 0.4, NAN, 0.16, 0.5};
    static const double bh[7] = {0.06, 0.06, 0.06, 0.24, NAN, 0.06, 0.5};
    static const double bonf[7] = {0.06, 0.24, 0.18, 1, NAN, 0.24, 1};
    core_err err;
    st_p_adjust(p, 7, ST_PADJ_HOLM, a, &err);
    for (int i = 0; i < 7; i++)
        if (isnan(p[i])) /* a missing p-value stays missing */
            t_nan(a[i], "holm[%d] of a missing p", i);
        else
            t_rel(a[i], holm[i], TOL_EXACT, "holm[%d]", i);
    st_p_adjust(p, 7, ST_PADJ_BH, a, &err);
    for (int i = 0; i < 7; i++)
        if (isnan(p[i])) /* a missing p-value stays missing */
            t_nan(a[i], "bh[%d] of a missing p", i);
        else
            t_rel(a[i], bh[i], TOL_EXACT, "bh[%d]", i);
    st_p_adjust(p, 7, ST_PADJ_BONFERRONI, a, &err);
    for (int i = 0; i < 7; i++)
        if (isnan(p[i])) /* a missing p-value stays missing */
            t_nan(a[i], "bonferroni[%d] of a missing p", i);
        else
            t_rel(a[i], bonf[i], TOL_EXACT, "bonferroni[%d]", i);
    memcpy(a, p, sizeof a);
    st_p_adjust(a, 7, ST_PADJ_HOLM, a, &err);
    t_rel(a[1], 0.16, TOL_EXACT, "in-place holm");
    double bad[2] = {0.5, 1.5};
    t_int(st_p_adjust(bad, 2, ST_PADJ_BH, a, &err), CORE_ERR_USAGE, "p > 1 refused");
    t_int(st_p_adjust(p, 0, ST_PADJ_BH, a, &err), CORE_OK, "empty family is fine");
}

int main(void)
{
    gsl_set_error_handler_off();
    test_small();
    test_nsw();
    test_padjust();
    return t_summary("test_ttest");
}
