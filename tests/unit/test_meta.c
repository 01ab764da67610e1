/* Unit tests of stats/st_meta: effect sizes, fixed/DL/REML/ML/PM with and without Knapp–Hartung,
 * heterogeneity, Q-profile, prediction intervals, Mantel–Haenszel, meta-regression, bad input.
 *
 * Sources of expected numbers:
 *  - bcg_meta: tests/reference/kits/bcg_meta/expected.csv (R 4.2.2, metafor 3.8-1; reference.R beside it),
 *    read from the kit, not copied.
 *  - Where the kit's R call stops early (Fisher scoring threshold 1e-5 for ML and meta-regression,
 *    uniroot tol eps^0.25 for PM and the Q-profile bounds), the precise values below come from the
 *    same R calls with tight controls, printed with %.12g:
 *      d <- read.csv("tests/reference/kits/bcg_meta/data.csv"); ctl <- list(threshold=1e-13, maxiter=10000)
 *      confint(rma(yi, vi, data=d, method="REML"), control=list(tol=1e-13))         # Q-profile
 *      rma(yi, vi, data=d, method="ML", control=ctl)                                 # ML
 *      rma(yi, vi, data=d, method="PM", control=list(tol=1e-13))                     # PM
 *      rma(yi, vi, mods=~ablat, data=d, method="REML", test="knha", control=ctl)     # meta-regression
 *      rma.mh(ai=tpos, bi=tneg, ci=cpos, di=cneg, data=d, measure="RR"|"OR"|"RD")
 *  - escalc effect sizes: R escalc() commands in the comments at each check.
 */
#include "stats/st_meta.h"

#include <gsl/gsl_errno.h>

#include "tests/t_check.h"
#include "tests/unit/kit.h"

#define K 13

static double Y[K], V[K], A[K], N1[K], C[K], N0[K], ABLAT[K];
static core_table *EXP;

static double ex(const char *analysis, const char *term, const char *stat)
{
    return kit_value(EXP, analysis, term, stat);
}

static void load_bcg(void)
{
    core_table *d = kit_read("bcg_meta/data.csv");
    double *tp = kit_col(d, "tpos"), *nt = kit_col(d, "n_t"), *cp = kit_col(d, "cpos"), *nc = kit_col(d, "n_c"),
           *ab = kit_col(d, "ablat");
    core_err e;
    for (int i = 0; i < K; i++) {
        A[i] = tp[i], N1[i] = nt[i], C[i] = cp[i], N0[i] = nc[i], ABLAT[i] = ab[i];
        st_meta_es_binary(ST_META_RR, A[i], N1[i], C[i], N0[i], &Y[i], &V[i], NULL, &e);
    }
    free(tp), free(nt), free(cp), free(nc), free(ab);
    core_table_free(d);
    EXP = kit_read("bcg_meta/expected.csv");
}

static void test_effect_sizes(void)
{
    char term[32];
    for (int i = 0; i < K; i++) {
        snprintf(term, sizeof term, "trial=%d", i + 1);
        t_rel(Y[i], ex("study_effect", term, "yi"), TOL_REF, "bcg study %d yi", i + 1);
        t_rel(V[i], ex("study_effect", term, "vi"), TOL_REF, "bcg study %d vi", i + 1);
    }
    core_err e;
    double y, v;
    int corr;
    /* escalc("RR", ai=0, bi=10, ci=2, di=8): 0.5 added to every cell */
    t_int(st_meta_es_binary(ST_META_RR, 0, 10, 2, 10, &y, &v, &corr, &e), CORE_OK, "RR with a zero cell");
    t_int(corr, 1, "zero cell corrected");
    t_rel(y, log((0.5 / 11) / (2.5 / 11)), TOL_EXACT, "RR zero cell yi = log(0.5/11 / 2.5/11)");
    t_rel(v, 1 / 0.5 - 1 / 11.0 + 1 / 2.5 - 1 / 11.0, TOL_EXACT, "RR zero cell vi");
    /* escalc("RD", ai=0, bi=10, ci=2, di=8) -> yi -0.1818, vi 0.0199 (corrected cells as metafor) */
    st_meta_es_binary(ST_META_RD, 0, 10, 2, 10, &y, &v, &corr, &e);
    t_rel(y, 0.5 / 11 - 2.5 / 11, TOL_EXACT, "RD zero cell yi");
    t_rel(v, (0.5 / 11) * (10.5 / 11) / 11 + (2.5 / 11) * (8.5 / 11) / 11, TOL_EXACT, "RD zero cell vi");
    /* OR without a zero cell: Woolf */
    st_meta_es_binary(ST_META_OR, 45, 74, 7, 76, &y, &v, &corr, &e);
    t_rel(y, log(45.0 * 69 / (29.0 * 7)), TOL_EXACT, "OR yi");
    t_rel(v, 1 / 45.0 + 1 / 29.0 + 1 / 7.0 + 1 / 69.0, TOL_EXACT, "OR vi");
    t_int(corr, 0, "no correction without zero cells");
    /* double zero and all events: no information */
    t_int(st_meta_es_binary(ST_META_RR, 0, 20, 0, 25, &y, &v, &corr, &e), CORE_ERR_ANALYSIS, "double zero refused");
    t_contains(e.msg, "no events", "double zero says why");
    t_int(st_meta_es_binary(ST_META_OR, 20, 20, 25, 25, &y, &v, &corr, &e), CORE_ERR_ANALYSIS, "all events refused");
    t_int(st_meta_es_binary(ST_META_RR, 5, 4, 1, 10, &y, &v, &corr, &e), CORE_ERR_USAGE, "events above n refused");
    /* R: escalc("SMD", m1i=10.2, sd1i=3.1, n1i=40, m2i=8.9, sd2i=2.8, n2i=38) (R 4.2.2, metafor 3.8-1)
     *   sprintf("%.15g", c(yi, vi)) = "0.435169059979341" "0.0525297132606285" */
    t_int(st_meta_es_means(ST_META_SMD, 10.2, 3.1, 40, 8.9, 2.8, 38, &y, &v, &e), CORE_OK, "SMD");
    t_rel(y, 0.435169059979341, TOL_REF, "SMD yi (Hedges' g, exact c(m)) vs R escalc");
    t_rel(v, 0.0525297132606285, TOL_REF, "SMD vi (LS) vs R escalc");
    st_meta_es_means(ST_META_MD, 10.2, 3.1, 40, 8.9, 2.8, 38, &y, &v, &e);
    t_rel(y, 1.3, 1e-12, "MD yi");
    t_rel(v, 3.1 * 3.1 / 40 + 2.8 * 2.8 / 38, TOL_EXACT, "MD vi");
    t_int(st_meta_es_means(ST_META_SMD, 1, -1, 10, 0, 1, 10, &y, &v, &e), CORE_ERR_USAGE, "negative SD refused");
}

/* One kit model: pooled (log_rr and rr), heterogeneity, prediction interval. */
static void check_model(const char *name, st_meta_tau2 t2, int kh)
{
    st_meta_opts o = {.tau2 = t2, .knapp_hartung = kh, .conf = 0.95};
    st_meta_fit f;
    core_err e;
    if (!t_int(st_meta_fit_model(Y, V, K, NULL, 1, &o, &f, &e), CORE_OK, "%s fits", name))
        return;
    char an[64];
    snprintf(an, sizeof an, "pooled:%s", name);
    t_rel(f.beta[0], ex(an, "log_rr", "estimate"), TOL_REF, "%s estimate", name);
    t_rel(f.se[0], ex(an, "log_rr", "se"), TOL_REF, "%s se", name);
    t_rel(f.stat[0], ex(an, "log_rr", "statistic"), TOL_REF, "%s statistic", name);
    t_rel(f.p_value[0], ex(an, "log_rr", "p_value"), TOL_REF, "%s p", name);
    t_rel(f.ci_low[0], ex(an, "log_rr", "ci_low"), TOL_REF, "%s ci_low", name);
    t_rel(f.ci_high[0], ex(an, "log_rr", "ci_high"), TOL_REF, "%s ci_high", name);
    t_rel(exp(f.beta[0]), ex(an, "rr", "estimate"), TOL_REF, "%s RR", name);
    if (kh)
        t_rel(f.df, ex(an, "log_rr", "df"), TOL_EXACT, "%s df", name);
    else
        t_true(isnan(f.df), "%s: z test has no df", name);
    snprintf(an, sizeof an, "heterogeneity:%s", name);
    t_rel(f.Q, ex(an, "Q", "statistic"), TOL_REF, "%s Q", name);
    t_rel(f.Q_df, ex(an, "Q", "df"), TOL_EXACT, "%s Q df", name);
    t_rel(f.Q_p, ex(an, "Q", "p_value"), TOL_REF, "%s Q p", name);
    t_rel(f.tau2, ex(an, "tau2", "estimate"), 1e-9, "%s tau2", name);
    if (t2 != ST_META_FIXED)
        t_rel(f.se_tau2, ex(an, "tau2", "se"), TOL_REF, "%s se(tau2)", name);
    t_rel(f.I2, ex(an, "I2", "estimate"), TOL_REF, "%s I2", name);
    t_rel(f.H2, ex(an, "H2", "estimate"), TOL_REF, "%s H2", name);
    snprintf(an, sizeof an, "prediction_interval:%s", name);
    t_rel(f.pi_low, ex(an, "log_rr", "ci_low"), TOL_REF, "%s PI low", name);
    t_rel(f.pi_high, ex(an, "log_rr", "ci_high"), TOL_REF, "%s PI high", name);
    if (t2 != ST_META_FIXED && !kh) {
        snprintf(an, sizeof an, "prediction_interval:%s_hts", name);
        t_rel(f.pi_hts_low, ex(an, "log_rr", "ci_low"), TOL_REF, "%s HTS PI low", name);
        t_rel(f.pi_hts_high, ex(an, "log_rr", "ci_high"), TOL_REF, "%s HTS PI high", name);
    }
}

static void test_models(void)
{
    check_model("fixed", ST_META_FIXED, 0);
    check_model("dl", ST_META_DL, 0);
    check_model("reml", ST_META_REML, 0);
    check_model("reml_hk", ST_META_REML, 1);

    st_meta_opts o = {.tau2 = ST_META_REML};
    st_meta_fit f;
    core_err e;
    st_meta_fit_model(Y, V, K, NULL, 1, &o, &f, &e);
    /* Q-profile bounds: precise roots (R with tol 1e-13) at 1e-9, and the kit's values within the
     * accuracy uniroot's default tol = eps^0.25 guarantees (absolute, on tau2). */
    t_rel(f.tau2_ci_low, 0.119718361141, 1e-9, "Q-profile tau2 lower (precise R root)");
    t_rel(f.tau2_ci_high, 1.111479084061, 1e-9, "Q-profile tau2 upper (precise R root)");
    t_rel(f.I2_ci_low, 81.920574558597, 1e-9, "I2 lower from Q-profile (precise R root)");
    t_rel(f.I2_ci_high, 97.678074957887, 1e-9, "I2 upper from Q-profile (precise R root)");
    double u = pow(2.0, -13) + 4 * 2.2e-16;
    t_abs(f.tau2_ci_low, ex("heterogeneity:reml", "tau2", "ci_low"), u, "Q-profile lower vs kit within uniroot tol");
    t_abs(f.tau2_ci_high, ex("heterogeneity:reml", "tau2", "ci_high"), u, "Q-profile upper vs kit within uniroot tol");
    /* The REML estimate is a root of the REML score y'PPy - tr(P): checked through the kit above; the
     * Q-profile bounds solve Q(tau2) = chi2 quantiles: check by refitting with tau2 at the bound. */
    t_true(f.iterations > 0 && f.iterations < 100, "REML used Brent iterations (%d)", f.iterations);

    /* ML and PM: precise R values (tight controls). */
    o.tau2 = ST_META_ML;
    st_meta_fit_model(Y, V, K, NULL, 1, &o, &f, &e);
    t_rel(f.beta[0], -0.711199135474, 1e-9, "ML estimate");
    t_rel(f.tau2, 0.280028137269, 1e-9, "ML tau2");
    t_rel(f.se_tau2, 0.144251949383, 1e-8, "ML se(tau2) = sqrt(2/sum w^2)");
    o.tau2 = ST_META_PM;
    o.knapp_hartung = 1;
    st_meta_fit_model(Y, V, K, NULL, 1, &o, &f, &e);
    t_rel(f.beta[0], -0.714968153493, 1e-9, "PM estimate");
    t_rel(f.tau2, 0.318068452205, 1e-9, "PM tau2");
    t_rel(f.se_tau2, 0.173663027463, 1e-8, "PM se(tau2)");
    /* PM solves Q(tau2) = k - 1, where the Knapp-Hartung q is Q(tau2)/(k-1): q = 1 exactly. */
    t_rel(f.kh_scale, 1.0, 1e-9, "PM: Knapp-Hartung scale is 1 at the PM estimate");
}

static void test_mh(void)
{
    st_meta_fit f;
    core_err e;
    /* rma.mh(..., measure = "RR" / "OR" / "RD"): b, se, QE, I2 */
    static const struct {
        st_meta_measure m;
        double b, se, Q, I2;
    } cases[] = {
        {ST_META_RR, -0.4537096046838, 0.0393373668713, 152.5675535866573, 92.1346316973064},
        {ST_META_OR, -0.4734109883886, 0.0410077784042, 163.9425795691932, 92.6803640448177},
        {ST_META_RD, -3.28818183261e-03, 2.86656748527e-04, 3.86775941837e+02, 9.68974285363e+01},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (!t_int(st_meta_mh(cases[i].m, A, N1, C, N0, K, 0.95, &f, &e), CORE_OK, "MH %zu", i))
            continue;
        t_rel(f.beta[0], cases[i].b, 1e-9, "MH %zu estimate", i);
        t_rel(f.se[0], cases[i].se, 1e-9, "MH %zu se", i);
        t_rel(f.Q, cases[i].Q, 1e-9, "MH %zu Q", i);
        t_rel(f.I2, cases[i].I2, 1e-9, "MH %zu I2", i);
    }
    /* one study: MH equals the study's own RR for a single table (closed form) */
    st_meta_mh(ST_META_RR, A, N1, C, N0, 1, 0.95, &f, &e);
    t_rel(f.beta[0], Y[0], 1e-12, "MH of one table = its log RR");
}

static void test_regression(void)
{
    double X[2 * K];
    for (int i = 0; i < K; i++)
        X[2 * i] = 1, X[2 * i + 1] = ABLAT[i];
    st_meta_opts o = {.tau2 = ST_META_REML, .knapp_hartung = 1};
    st_meta_fit f;
    core_err e;
    if (!t_int(st_meta_fit_model(Y, V, K, X, 2, &o, &f, &e), CORE_OK, "meta-regression on latitude"))
        return;
    t_rel(f.beta[0], 0.25146821000734, 1e-8, "metareg intercept");
    t_rel(f.beta[1], -0.02910172501165, 1e-8, "metareg slope");
    t_rel(f.se[0], 0.28392528374342, 1e-8, "metareg se intercept (KH)");
    t_rel(f.se[1], 0.00820141741104, 1e-8, "metareg se slope (KH)");
    t_rel(f.tau2, 0.07634796395526, 1e-8, "metareg residual tau2");
    t_rel(f.QM, 12.59098288442320, 1e-8, "metareg QM (F)");
    t_rel(f.QM_p, 0.00456505154154, 1e-8, "metareg QM p");
    t_rel(f.Q, 30.73309001074909, 1e-9, "metareg QE");
    t_rel(f.R2, 75.62662181160485, 1e-8, "metareg R2");
    t_rel(f.I2, 68.39122483819719, 1e-8, "metareg residual I2");
    t_rel(f.df, 11, TOL_EXACT, "metareg df k - p");
    /* a constant moderator is not a design of full rank */
    for (int i = 0; i < K; i++)
        X[2 * i + 1] = 3.0;
    t_int(st_meta_fit_model(Y, V, K, X, 2, &o, &f, &e), CORE_ERR_ANALYSIS, "constant moderator refused");
    t_contains(e.msg, "full rank", "constant moderator says why");
}

static void test_bad_input(void)
{
    st_meta_opts o = {.tau2 = ST_META_REML};
    st_meta_fit f;
    core_err e;
    t_int(st_meta_fit_model(Y, V, 1, NULL, 1, &o, &f, &e), CORE_ERR_ANALYSIS, "random effects with one study");
    t_contains(e.msg, "at least two studies", "one study: says why");
    t_true(isnan(f.beta[0]), "on error the estimate is NaN");
    o.tau2 = ST_META_FIXED;
    t_int(st_meta_fit_model(Y, V, 1, NULL, 1, &o, &f, &e), CORE_OK, "fixed effect with one study");
    t_rel(f.beta[0], Y[0], TOL_EXACT, "one study: pooled = its effect");
    double v2[3] = {0.1, -0.2, 0.3}, y2[3] = {0.1, 0.2, 0.3};
    t_int(st_meta_fit_model(y2, v2, 3, NULL, 1, &o, &f, &e), CORE_ERR_USAGE, "negative variance refused");
    t_contains(e.msg, "positive", "negative variance says why");
    v2[1] = 0.2;
    o.conf = 1.5;
    t_int(st_meta_fit_model(y2, v2, 3, NULL, 1, &o, &f, &e), CORE_ERR_USAGE, "bad confidence refused");
    /* identical effects: tau2 = 0 for every estimator, I2 = 0, KH scale 0 -> said */
    double y3[4] = {0.5, 0.5, 0.5, 0.5}, v3[4] = {0.1, 0.2, 0.3, 0.4};
    for (int m = ST_META_DL; m <= ST_META_PM; m++) {
        st_meta_opts o3 = {.tau2 = (st_meta_tau2)m, .knapp_hartung = 1};
        t_int(st_meta_fit_model(y3, v3, 4, NULL, 1, &o3, &f, &e), CORE_OK, "identical effects, method %d", m);
        t_abs(f.tau2, 0.0, 1e-15, "identical effects: tau2 = 0 (method %d)", m);
        t_true(f.undefined != NULL, "identical effects: KH scale 0 is said (method %d)", m);
    }
}

/* Homogeneous closed form: with equal variances v and tau2 = 0, the fixed estimate is the mean and
 * its SE sqrt(v/k); the DL tau2 is (Q - (k-1)) / (k/v - 1/v) floored at 0. */
static void test_closed_forms(void)
{
    double y[5] = {0.1, 0.4, -0.2, 0.3, 0.9}, v[5] = {0.04, 0.04, 0.04, 0.04, 0.04};
    st_meta_opts o = {.tau2 = ST_META_FIXED};
    st_meta_fit f;
    core_err e;
    st_meta_fit_model(y, v, 5, NULL, 1, &o, &f, &e);
    double mean = 0.3, q = 0;
    for (int i = 0; i < 5; i++)
        q += (y[i] - mean) * (y[i] - mean) / 0.04;
    t_rel(f.beta[0], mean, TOL_EXACT, "equal variances: FE = mean");
    t_rel(f.se[0], sqrt(0.04 / 5), TOL_EXACT, "equal variances: FE se");
    t_rel(f.Q, q, 1e-12, "Q closed form");
    o.tau2 = ST_META_DL;
    st_meta_fit_model(y, v, 5, NULL, 1, &o, &f, &e);
    double tdl = (q - 4) / (5 / 0.04 - (5 / (0.04 * 0.04)) / (5 / 0.04));
    t_rel(f.tau2, tdl, 1e-12, "DL tau2 closed form");
    /* With equal variances REML has the closed form tau2 = sum (y - mean)^2/(k-1) - v. */
    o.tau2 = ST_META_REML;
    st_meta_fit_model(y, v, 5, NULL, 1, &o, &f, &e);
    double ss = 0;
    for (int i = 0; i < 5; i++)
        ss += (y[i] - mean) * (y[i] - mean);
    t_rel(f.tau2, ss / 4 - 0.04, 1e-10, "REML equal variances: tau2 = s^2 - v");
    o.tau2 = ST_META_ML;
    st_meta_fit_model(y, v, 5, NULL, 1, &o, &f, &e);
    t_rel(f.tau2, ss / 5 - 0.04, 1e-10, "ML equal variances: tau2 = (k-1)/k s^2 - v");
    o.tau2 = ST_META_PM;
    st_meta_fit_model(y, v, 5, NULL, 1, &o, &f, &e);
    t_rel(f.tau2, ss / 4 - 0.04, 1e-10, "PM equal variances: tau2 = s^2 - v");
}

int main(void)
{
    gsl_set_error_handler_off();
    load_bcg();
    test_effect_sizes();
    test_models();
    test_mh();
    test_regression();
    test_bad_input();
    test_closed_forms();
    core_table_free(EXP);
    return t_summary("test_meta");
}
