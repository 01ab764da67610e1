/* stats/st_agree: ICC, Cohen's and Fleiss' kappa, Cronbach's alpha, Spearman, weighted line, paired t.
 * Oracles: tests/reference/kits/shrout_fleiss_icc/expected.csv (R psych 2.2.9), the values printed by
 * tests/unit/test_fidelity_ref.R (R 4.2.2: psych, vcd, stats), python3-statsmodels 0.13 for Fleiss'
 * kappa of the worked example in Fleiss (1971) as reproduced on Wikipedia, and a simulation of the
 * null distribution for Fleiss' SE. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>

#include "stats/st_agree.h"
#include "tests/t_check.h"

/* Shrout & Fleiss (1979) Table 2: 6 targets x 4 judges. */
static const double SF[24] = {9, 2, 5, 8, 6, 1, 3, 2, 8, 4, 6, 8, 7, 1, 2, 6, 10, 5, 6, 9, 6, 2, 4, 7};

static void col(int j, double *out)
{
    for (int i = 0; i < 6; i++)
        out[i] = SF[i * 4 + j];
}

static void test_icc(void)
{
    st_icc_result r;
    core_err err;
    t_int(st_icc(SF, 6, 4, 0.95, &r, &err), CORE_OK, "icc runs");
    /* expected.csv: icc:<form>, rating, all_judges: estimate, statistic, df1, df2, p_value, ci_low, ci_high */
    static const double exp[6][7] = {
        {0.165741768405, 1.79467849224, 5, 18, 0.164768808345, -0.132932324875, 0.722560062328},
        {0.289763779528, 11.0272479564, 5, 15, 0.000134566516484, 0.0187865133747, 0.761084369649},
        {0.714840714841, 11.0272479564, 5, 15, 0.000134566516484, 0.342464765034, 0.945858259955},
        {0.442797133679, 1.79467849224, 5, 18, 0.164768808345, -0.884442155238, 0.912415420341},
        {0.620050547599, 11.0272479564, 5, 15, 0.000134566516484, 0.0711368153025, 0.927232040168},
        {0.909315542377, 11.0272479564, 5, 15, 0.000134566516484, 0.675674713816, 0.985891678169}};
    for (int f = 0; f < ST_ICC_FORMS; f++) {
        const st_estimate *e = &r.form[f];
        const char *nm = st_icc_form_names[f];
        t_rel(e->estimate, exp[f][0], TOL_REF, "%s estimate", nm);
        t_rel(e->statistic, exp[f][1], TOL_REF, "%s F", nm);
        t_rel(e->df, exp[f][2], TOL_EXACT, "%s df1", nm);
        t_rel(r.df2[f], exp[f][3], TOL_EXACT, "%s df2", nm);
        t_rel(e->p_value, exp[f][4], TOL_REF, "%s p", nm);
        t_rel(e->ci_low, exp[f][5], TOL_REF, "%s ci_low", nm);
        t_rel(e->ci_high, exp[f][6], TOL_REF, "%s ci_high", nm);
        t_true(e->undefined == NULL, "%s defined", nm);
    }
    /* Perfect agreement: estimates 1, tests undefined (no nan without a reason). */
    double same[6] = {1, 1, 3, 3, 5, 5};
    t_int(st_icc(same, 3, 2, 0.95, &r, &err), CORE_OK, "icc perfect agreement runs");
    t_rel(r.form[ST_ICC1].estimate, 1, TOL_EXACT, "perfect agreement: icc1 = 1");
    t_true(isnan(r.form[ST_ICC1].ci_low) && r.form[ST_ICC1].undefined != NULL, "perfect agreement: interval undefined, said");
    double flat[4] = {2, 2, 2, 2};
    st_icc(flat, 2, 2, 0.95, &r, &err);
    t_true(isnan(r.form[ST_ICC3].estimate) && r.form[ST_ICC3].undefined != NULL, "constant ratings: icc undefined, said");
    t_int(st_icc(SF, 1, 4, 0.95, &r, &err), CORE_ERR_USAGE, "one target is a usage error");
    t_int(st_icc(SF, 6, 1, 0.95, &r, &err), CORE_ERR_USAGE, "one rater is a usage error");
    double bad[4] = {1, NAN, 2, 3};
    t_int(st_icc(bad, 2, 2, 0.95, &r, &err), CORE_ERR_USAGE, "NaN rating is a usage error");
}

static void test_kappa(void)
{
    double j1[6], j2[6], j4[6];
    col(0, j1), col(1, j2), col(3, j4);
    st_estimate e;
    core_err err;
    size_t k;
    /* expected.csv kappa rows (psych::cohen.kappa, categories = observed union). */
    st_kappa_cohen(j1, j2, 6, NULL, 0, ST_KAPPA_UNWEIGHTED, ST_KAPPA_VAR_PSYCH, 0.95, &e, &k, &err);
    t_rel(e.estimate, 0, TOL_REF, "J1 vs J2 unweighted");
    t_int((long)k, 9, "J1 vs J2: 9 categories");
    t_true(isnan(e.se) && e.undefined, "J1 vs J2 unweighted: variance not positive, said");
    st_kappa_cohen(j1, j2, 6, NULL, 0, ST_KAPPA_LINEAR, ST_KAPPA_VAR_PSYCH, 0.95, &e, NULL, &err);
    t_abs(e.estimate, 0, 1e-12, "J1 vs J2 linear");
    st_kappa_cohen(j1, j2, 6, NULL, 0, ST_KAPPA_QUADRATIC, ST_KAPPA_VAR_PSYCH, 0.95, &e, NULL, &err);
    t_rel(e.estimate, 0.103529411765, TOL_REF, "J1 vs J2 quadratic");

    st_kappa_cohen(j1, j4, 6, NULL, 0, ST_KAPPA_UNWEIGHTED, ST_KAPPA_VAR_PSYCH, 0.95, &e, &k, &err);
    t_abs(e.estimate, 0, 1e-12, "J1 vs J4 unweighted");
    t_rel(e.se, 0.156347191994, TOL_REF, "J1 vs J4 unweighted se");
    t_rel(e.ci_low, -0.306434865392, TOL_REF, "J1 vs J4 unweighted ci_low");
    t_rel(e.ci_high, 0.306434865392, TOL_REF, "J1 vs J4 unweighted ci_high");
    st_kappa_cohen(j1, j4, 6, NULL, 0, ST_KAPPA_LINEAR, ST_KAPPA_VAR_PSYCH, 0.95, &e, NULL, &err);
    t_rel(e.estimate, 0.5, TOL_REF, "J1 vs J4 linear");
    t_rel(e.se, 0.25138505215, TOL_REF, "J1 vs J4 linear se (psych variance)");
    t_rel(e.ci_low, 0.00729435153433, TOL_REF, "J1 vs J4 linear ci_low (psych)");
    t_rel(e.ci_high, 0.992705648466, TOL_REF, "J1 vs J4 linear ci_high (psych)");
    st_kappa_cohen(j1, j4, 6, NULL, 0, ST_KAPPA_QUADRATIC, ST_KAPPA_VAR_PSYCH, 0.95, &e, NULL, &err);
    t_rel(e.estimate, 0.805194805195, TOL_REF, "J1 vs J4 quadratic");
    t_rel(e.se, 0.212004141238, TOL_REF, "J1 vs J4 quadratic se (psych variance)");
    t_rel(e.ci_low, 0.389674323795, TOL_REF, "J1 vs J4 quadratic ci_low (psych)");
    t_rel(e.ci_high, 1, TOL_EXACT, "J1 vs J4 quadratic ci_high clamped to 1");

    /* Fleiss-Cohen-Everitt variance: vcd::Kappa ASE (and statsmodels cohens_kappa std_kappa agree). */
    st_kappa_cohen(j1, j4, 6, NULL, 0, ST_KAPPA_UNWEIGHTED, ST_KAPPA_VAR_FCE, 0.95, &e, NULL, &err);
    t_rel(e.se, 0.156347191994114, TOL_REF, "FCE unweighted se = psych's");
    st_kappa_cohen(j1, j4, 6, NULL, 0, ST_KAPPA_LINEAR, ST_KAPPA_VAR_FCE, 0.95, &e, NULL, &err);
    t_rel(e.se, 0.0905231707600018, TOL_REF, "FCE linear se (vcd Equal-Spacing ASE)");
    st_kappa_cohen(j1, j4, 6, NULL, 0, ST_KAPPA_QUADRATIC, ST_KAPPA_VAR_FCE, 0.95, &e, NULL, &err);
    t_rel(e.se, 0.0549953580163706, TOL_REF, "FCE quadratic se (vcd Fleiss-Cohen ASE)");
    t_rel(e.ci_low, 0.805194805194805 - 1.959963984540054 * 0.0549953580163706, TOL_REF, "FCE quadratic ci_low");

    /* Fixed categories 1..10 (psych levels = 1:10). */
    double cats[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    st_kappa_cohen(j1, j4, 6, cats, 10, ST_KAPPA_QUADRATIC, ST_KAPPA_VAR_FCE, 0.95, &e, &k, &err);
    t_rel(e.estimate, 0.605263157894736, TOL_REF, "quadratic kappa over categories 1..10");
    t_int((long)k, 10, "10 categories used");
    double out_of[6] = {1, 2, 3, 4, 5, 11};
    t_int(st_kappa_cohen(j1, out_of, 6, cats, 10, ST_KAPPA_LINEAR, ST_KAPPA_VAR_FCE, 0.95, &e, NULL, &err),
          CORE_ERR_USAGE, "a rating outside the categories is a usage error");
    t_contains(err.msg, "not one of the 10 categories", "message says which");
    double a1[4] = {3, 3, 3, 3};
    st_kappa_cohen(a1, a1, 4, NULL, 0, ST_KAPPA_UNWEIGHTED, ST_KAPPA_VAR_FCE, 0.95, &e, NULL, &err);
    t_true(isnan(e.estimate) && e.undefined, "one category used by both raters: kappa undefined, said");
}

static void test_fleiss(void)
{
    /* Fleiss (1971)-style worked example (Wikipedia "Fleiss' kappa"): 10 subjects, 14 raters, 5 categories. */
    static const int counts[10][5] = {{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0},
                                      {2, 2, 8, 1, 1},  {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2},
                                      {6, 5, 2, 1, 0},  {0, 2, 2, 3, 7}};
    double x[140];
    for (int i = 0; i < 10; i++) {
        int j = 0;
        for (int c = 0; c < 5; c++)
            for (int m = 0; m < counts[i][c]; m++)
                x[i * 14 + j++] = c + 1;
    }
    st_estimate e;
    core_err err;
    t_int(st_kappa_fleiss(x, 10, 14, &e, &err), CORE_OK, "fleiss runs");
    t_rel(e.estimate, 0.20993070442195522, TOL_REF, "Fleiss' kappa (statsmodels fleiss_kappa)");
    t_true(e.se > 0 && isnan(e.ci_low), "SE under the null, no interval");
    t_rel(e.statistic, e.estimate / e.se, TOL_EXACT, "z = kappa / SE");
    /* The SE under the null against simulation: raters who pick categories at random with fixed
     * probabilities; the SD of kappa over 4000 replicates must be within 6% of the mean SE. */
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 20130501);
    const double pr[4] = {0.1, 0.2, 0.3, 0.4};
    double sum = 0, sum2 = 0, se_sum = 0, y[60 * 4];
    const int R = 4000;
    for (int r = 0; r < R; r++) {
        for (int i = 0; i < 240; i++) {
            double u = gsl_rng_uniform(rng), c = 0;
            for (int m = 0; m < 4 && u > 0; m++) {
                u -= pr[m];
                c = m;
            }
            y[i] = c;
        }
        st_kappa_fleiss(y, 60, 4, &e, &err);
        sum += e.estimate;
        sum2 += e.estimate * e.estimate;
        se_sum += e.se;
    }
    gsl_rng_free(rng);
    double sd = sqrt((sum2 - sum * sum / R) / (R - 1));
    t_rel(sd, se_sum / R, 0.06, "null SD of Fleiss' kappa by simulation matches the SE");
    double one[6] = {2, 2, 2, 2, 2, 2};
    st_kappa_fleiss(one, 3, 2, &e, &err);
    t_true(isnan(e.estimate) && e.undefined, "one category: Fleiss' kappa undefined, said");
}

static void test_alpha(void)
{
    st_estimate e;
    core_err err;
    double drop[4];
    /* psych::alpha(SF as 6 respondents x 4 items), Feldt interval psych::alpha.ci. */
    t_int(st_cronbach_alpha(SF, 6, 4, 0.95, &e, drop, &err), CORE_OK, "alpha runs");
    t_rel(e.estimate, 0.909315542377069, TOL_REF, "alpha (= ICC3k)");
    t_rel(e.ci_low, 0.675674713816305, TOL_REF, "alpha Feldt lower");
    t_rel(e.ci_high, 0.985891678169062, TOL_REF, "alpha Feldt upper");
    static const double d[4] = {0.88339222614841, 0.866504854368932, 0.871548619447779, 0.917874396135266};
    for (int j = 0; j < 4; j++)
        t_rel(drop[j], d[j], TOL_REF, "alpha if item %d deleted", j + 1);
    double flat[6] = {2, 2, 2, 2, 2, 2};
    st_cronbach_alpha(flat, 3, 2, 0.95, &e, NULL, &err);
    t_true(isnan(e.estimate) && e.undefined, "constant total: alpha undefined, said");
}

static void test_assoc(void)
{
    st_estimate e;
    core_err err;
    int exact;
    double x[6] = {81, 95, 88, 102, 77, 110}, y[6] = {0.08, 0.12, 0.03, 0.15, 0.05, 0.11};
    st_spearman(x, y, 6, &e, &exact, &err);
    t_rel(e.estimate, 0.657142857142857, TOL_REF, "spearman rho n=6 (cor.test)");
    t_rel(e.statistic, 12, TOL_EXACT, "spearman S n=6");
    t_rel(e.p_value, 0.175, TOL_REF, "spearman exact p n=6");
    t_int(exact, 1, "exact p");
    double x8[8] = {3.1, 4.7, 2.2, 5.9, 4.1, 6.3, 1.8, 5.2}, y8[8] = {12, 19, 15, 11, 25, 22, 9, 30};
    st_spearman(x8, y8, 8, &e, NULL, &err);
    t_rel(e.estimate, 0.452380952380952, TOL_REF, "spearman rho n=8");
    t_rel(e.p_value, 0.267460317460317, TOL_REF, "spearman exact p n=8");
    double x7[7] = {1, 2, 3, 4, 5, 6, 7}, y7[7] = {7, 5, 6, 3, 4, 1, 2};
    st_spearman(x7, y7, 7, &e, NULL, &err);
    t_rel(e.estimate, -0.892857142857143, TOL_REF, "spearman rho n=7 negative");
    t_rel(e.p_value, 0.0123015873015873, TOL_REF, "spearman exact p n=7 (upper tail of S)");

    st_line_result l;
    double w[6] = {80, 75, 70, 66, 61, 58};
    t_int(st_line_wls(x, y, w, 6, 0.95, &l, &err), CORE_OK, "wls runs");
    t_rel(l.intercept.estimate, -0.144820189790229, TOL_REF, "wls intercept (lm weights)");
    t_rel(l.intercept.se, 0.122253275279314, TOL_REF, "wls intercept se");
    t_rel(l.slope.estimate, 0.00256044812407499, TOL_REF, "wls slope");
    t_rel(l.slope.se, 0.00132432009773855, TOL_REF, "wls slope se");
    t_rel(l.slope.statistic, 1.93340577436474, TOL_REF, "wls slope t");
    t_rel(l.slope.p_value, 0.125323614292837, TOL_REF, "wls slope p");
    t_rel(l.slope.ci_low, -0.00111645392900626, TOL_REF, "wls slope ci_low");
    t_rel(l.slope.ci_high, 0.00623735017715625, TOL_REF, "wls slope ci_high");
    t_rel(l.sigma, 0.297721796285853, TOL_REF, "wls sigma");
    double cx[3] = {1, 1, 1};
    t_int(st_line_wls(cx, y, NULL, 3, 0.95, &l, &err), CORE_ERR_ANALYSIS, "constant x: no line");

    double a1[7] = {3.2, 3.8, 2.9, 4.1, 3.5, 3.0, 3.7}, a2[7] = {3.6, 3.9, 3.4, 4.0, 3.9, 3.6, 4.2};
    st_paired_t(a1, a2, 7, 0.95, &e, &err);
    t_rel(e.estimate, 0.342857142857143, TOL_REF, "paired mean difference");
    t_rel(e.statistic, 3.61813613493317, TOL_REF, "paired t");
    t_rel(e.p_value, 0.0111219704918076, TOL_REF, "paired p");
    t_rel(e.ci_low, 0.110986042705091, TOL_REF, "paired ci_low");
    t_rel(e.ci_high, 0.574728243009195, TOL_REF, "paired ci_high");
}

int main(void)
{
    test_icc();
    test_kappa();
    test_fleiss();
    test_alpha();
    test_assoc();
    return t_summary("test_fidelity_stats");
}
