/* Unit tests of stats/st_ols: QR least squares, classical/HC0-HC3 covariance, joint Wald, rank check.
 *
 * Sources of expected numbers:
 *  - nsw_lalonde: tests/reference/kits/nsw_lalonde/expected.csv, lm(re78 ~ treat + re75 + age + educ)
 *    with classical, HC2 and HC3 SEs (R 4.2.2, sandwich 3.0-2), every term and statistic.
 *  - Longley (R datasets::longley, the NIST StRD ill-conditioned regression) with R 4.2.2 and
 *    sandwich 3.0-2 (Debian r-cran-sandwich):
 *      f <- lm(Employed ~ ., data = longley); coef(f); sqrt(diag(vcov(f)));
 *      sqrt(diag(vcovHC(f, type = "HC0"|"HC1"|"HC2"|"HC3"))); hatvalues(f)[1:3]
 *      anova(lm(Employed ~ GNP.deflator + Unemployed + Armed.Forces + Year, longley), f)  # F for GNP, Population
 *    printed with sprintf("%.15g").
 *  - closed forms for the rank check (exact linear combinations).
 */
#include "stats/st_ols.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <stdlib.h>

#include "tests/t_check.h"
#include "tests/unit/kit_ref.h"

static const double longley[16][7] = {
    {83, 234.289, 235.6, 159, 107.608, 1947, 60.323},     {88.5, 259.426, 232.5, 145.6, 108.632, 1948, 61.122},
    {88.2, 258.054, 368.2, 161.6, 109.773, 1949, 60.171}, {89.5, 284.599, 335.1, 165, 110.929, 1950, 61.187},
    {96.2, 328.975, 209.9, 309.9, 112.075, 1951, 63.221}, {98.1, 346.999, 193.2, 359.4, 113.27, 1952, 63.639},
    {99, 365.385, 187, 354.7, 115.094, 1953, 64.989},     {100, 363.112, 357.8, 335, 116.219, 1954, 63.761},
    {101.2, 397.469, 290.4, 304.8, 117.388, 1955, 66.019}, {104.6, 419.18, 282.2, 285.7, 118.734, 1956, 67.857},
    {108.4, 442.769, 293.6, 279.8, 120.445, 1957, 68.169}, {110.8, 444.546, 468.1, 263.7, 121.95, 1958, 66.513},
    {112.6, 482.704, 381.3, 255.2, 123.366, 1959, 68.655}, {114.2, 502.601, 393.1, 251.4, 125.368, 1960, 69.564},
    {115.7, 518.173, 480.6, 257.2, 127.852, 1961, 69.331}, {116.9, 554.894, 400.7, 282.7, 130.081, 1962, 70.551},
};

static void test_longley(void)
{
    double X[16 * 7], y[16];
    for (int i = 0; i < 16; i++) {
        X[i * 7] = 1;
        for (int j = 0; j < 6; j++)
            X[i * 7 + 1 + j] = longley[i][j];
        y[i] = longley[i][6];
    }
    static const double b[7] = {-3482.25863459581,   0.0150618722713728,  -0.035819179292591, -0.0202022980381682,
                                -0.0103322686717359, -0.0511041056535792, 1.82915146461355};
    static const double se[5][7] = {
        {890.420383607376, 0.0849149257747674, 0.0334910077722434, 0.00488399681651703, 0.00214274163161676,
         0.226073200069373, 0.455478499142213},
        {832.211575776321, 0.0512203472840697, 0.0245759967239026, 0.00383239101548026, 0.00146244999658687,
         0.158208495230514, 0.428384369638658},
        {1109.61543405967, 0.0682937965427697, 0.0327679968455322, 0.00510985479589067, 0.00194993333106854,
         0.21094466121658, 0.571179158690729},
        {1202.36951808828, 0.0674920821420774, 0.0365340501806342, 0.0055333671491512, 0.00205220874898192,
         0.223236718394427, 0.61759295500752},
        {1799.47722877474, 0.0911193865540093, 0.0556239884847942, 0.00822133497912039, 0.00298789259012337,
         0.324905819591894, 0.92280784214754}};
    static const char *const vname[5] = {"classical", "HC0", "HC1", "HC2", "HC3"};
    st_ols_fit *f;
    core_err err;
    if (!t_true(st_ols_fit_new(X, y, 16, 7, &f, &err) == CORE_OK, "longley fits (%s)", err.msg))
        return;
    /* Longley has condition number ~1e9 (NIST): QR keeps about 1e-8 relative here; 1e-6 is the project tier. */
    for (int j = 0; j < 7; j++)
        t_rel(f->beta[j], b[j], TOL_REF, "longley beta[%d]", j);
    t_rel(f->hat[0], 0.424536930626531, TOL_REF, "longley hat[1]");
    t_rel(f->hat[1], 0.564978297702266, TOL_REF, "longley hat[2]");
    t_rel(f->hat[2], 0.362074712365648, TOL_REF, "longley hat[3]");
    t_rel(f->df_resid, 9, TOL_EXACT, "longley df");
    double V[49];
    for (int k = 0; k < 5; k++) {
        const char *und;
        if (!t_true(st_ols_vcov(f, (st_vcov_type)k, V, &und, &err) == CORE_OK, "longley vcov %s", vname[k]))
            continue;
        for (int j = 0; j < 7; j++)
            t_rel(sqrt(V[j * 7 + j]), se[k][j], TOL_REF, "longley se[%d] %s", j, vname[k]);
    }
    /* Joint Wald on GNP (col 2) and Population (col 5) with classical V: W/2 = the nested F. */
    st_ols_vcov(f, ST_VCOV_CLASSICAL, V, NULL, &err);
    size_t idx[2] = {2, 5};
    double W;
    t_true(st_wald_joint(f->beta, V, 7, idx, 2, &W, &err) == CORE_OK, "longley joint Wald");
    t_rel(W / 2, 2.61283720163855, TOL_REF, "longley F(GNP, Population) = anova F");
    t_rel(gsl_cdf_fdist_Q(W / 2, 2, 9), 0.127427570446488, TOL_REF, "longley anova p");
    st_ols_free(f);
}

static void test_nsw(void)
{
    kit_ref k;
    core_table *t = kit_data("nsw_lalonde");
    if (!t || !kit_ref_load(&k, "nsw_lalonde")) {
        core_table_free(t);
        return;
    }
    size_t n = t->n_rows, p = 5;
    double *re78 = kit_column(t, "re78"), *treat = kit_column(t, "treat"), *re75 = kit_column(t, "re75"),
           *age = kit_column(t, "age"), *educ = kit_column(t, "educ");
    double *X = malloc(n * p * sizeof *X);
    for (size_t i = 0; i < n; i++) {
        X[i * p] = 1;
        X[i * p + 1] = treat[i];
        X[i * p + 2] = re75[i];
        X[i * p + 3] = age[i];
        X[i * p + 4] = educ[i];
    }
    st_ols_fit *f;
    core_err err;
    if (t_true(st_ols_fit_new(X, re78, n, p, &f, &err) == CORE_OK, "nsw ancova fits")) {
        static const char *const terms[5] = {"(Intercept)", "treat", "re75", "age", "educ"};
        static const char *const an[3] = {"ancova:classical", "ancova:hc2", "ancova:hc3"};
        static const st_vcov_type ty[3] = {ST_VCOV_CLASSICAL, ST_VCOV_HC2, ST_VCOV_HC3};
        double V[25];
        for (int v = 0; v < 3; v++) {
            st_ols_vcov(f, ty[v], V, NULL, &err);
            for (size_t j = 0; j < p; j++) {
                st_estimate e;
                st_coef_t(f->beta[j], V[j * p + j], f->df_resid, 0.95, &e);
                t_rel(e.estimate, kit_ref_get(&k, an[v], "re78", terms[j], "estimate"), TOL_REF, "%s %s est", an[v],
                      terms[j]);
                t_rel(e.se, kit_ref_get(&k, an[v], "re78", terms[j], "se"), TOL_REF, "%s %s se", an[v], terms[j]);
                t_rel(e.statistic, kit_ref_get(&k, an[v], "re78", terms[j], "statistic"), TOL_REF, "%s %s t", an[v],
                      terms[j]);
                t_rel(e.df, kit_ref_get(&k, an[v], "re78", terms[j], "df"), TOL_EXACT, "%s %s df", an[v], terms[j]);
                t_rel(e.p_value, kit_ref_get(&k, an[v], "re78", terms[j], "p_value"), TOL_REF, "%s %s p", an[v],
                      terms[j]);
                t_rel(e.ci_low, kit_ref_get(&k, an[v], "re78", terms[j], "ci_low"), TOL_REF, "%s %s lo", an[v],
                      terms[j]);
                t_rel(e.ci_high, kit_ref_get(&k, an[v], "re78", terms[j], "ci_high"), TOL_REF, "%s %s hi", an[v],
                      terms[j]);
            }
        }
        st_ols_free(f);
    }
    free(X), free(re78), free(treat), free(re75), free(age), free(educ);
    core_table_free(t);
    kit_ref_free(&k);
}

static void test_rank(void)
{
    /* columns: 1, a, b, c = 2a - 3b + 1, d = 0 */
    double X[8 * 5];
    double a[8] = {1, 2, 3, 4, 5, 6, 7, 9}, b[8] = {0, 1, 0, 1, 1, 0, 2, 5};
    for (int i = 0; i < 8; i++) {
        X[i * 5] = 1;
        X[i * 5 + 1] = a[i];
        X[i * 5 + 2] = b[i];
        X[i * 5 + 3] = 2 * a[i] - 3 * b[i] + 1;
        X[i * 5 + 4] = 0;
    }
    size_t dep = 99;
    double coef[5];
    core_err err;
    t_int((long)st_design_dependent(X, 8, 5, &dep, coef, &err), 2, "two dependent columns (c and the zero column)");
    t_int((long)dep, 3, "first dependent column is c (the later of the set)");
    t_rel(coef[0], 1, 1e-10, "c = 1 * intercept");
    t_rel(coef[1], 2, 1e-10, "c = 2 * a");
    t_rel(coef[2], -3, 1e-10, "c = -3 * b");
    t_abs(coef[4], 0, 0, "zero column not used");
    st_ols_fit *f;
    t_int(st_ols_fit_new(X, a, 8, 5, &f, &err), CORE_ERR_ANALYSIS, "rank-deficient fit refused");
    t_contains(err.msg, "column 4", "message names the column");
    /* full rank: no dependent column */
    double Y[8 * 3];
    for (int i = 0; i < 8; i++) {
        Y[i * 3] = 1;
        Y[i * 3 + 1] = a[i];
        Y[i * 3 + 2] = b[i];
    }
    t_int((long)st_design_dependent(Y, 8, 3, &dep, coef, &err), 0, "full rank: none dependent");
    t_int(st_ols_fit_new(Y, a, 2, 3, &f, &err), CORE_ERR_ANALYSIS, "n <= p refused");
    double bad[3] = {1, NAN, 2};
    t_int(st_ols_fit_new(Y, bad, 3, 1, &f, &err), CORE_ERR_ANALYSIS, "non-finite y refused");
    /* exact fit of y = 2 + 3a: residuals zero, classical SE zero -> t test undefined */
    double yy[8];
    for (int i = 0; i < 8; i++)
        yy[i] = 2 + 3 * a[i];
    double Z[16];
    for (int i = 0; i < 8; i++)
        Z[i * 2] = 1, Z[i * 2 + 1] = a[i];
    if (t_true(st_ols_fit_new(Z, yy, 8, 2, &f, &err) == CORE_OK, "exact fit")) {
        t_rel(f->beta[1], 3, 1e-12, "exact slope");
        double V[4];
        st_ols_vcov(f, ST_VCOV_CLASSICAL, V, NULL, &err);
        st_estimate e;
        st_coef_t(f->beta[1], V[3] > 1e-28 ? V[3] : 0, f->df_resid, 0.95, &e);
        t_true(e.undefined != NULL && isnan(e.p_value), "zero variance: test undefined with a reason");
        st_ols_free(f);
    }
    /* leverage 1: HC3 undefined with a reason; a dummy column that is 1 for one row only */
    double L[6 * 2], ly[6] = {1, 2, 3, 4, 5, 7};
    for (int i = 0; i < 6; i++)
        L[i * 2] = 1, L[i * 2 + 1] = i == 5;
    if (t_true(st_ols_fit_new(L, ly, 6, 2, &f, &err) == CORE_OK, "one-row dummy fits")) {
        double V[4];
        const char *und = NULL;
        st_ols_vcov(f, ST_VCOV_HC3, V, &und, &err);
        t_true(und != NULL && isnan(V[0]), "leverage 1: HC3 NaN with a reason");
        t_rel(f->hat[5], 1, 1e-12, "leverage of the lone row is 1");
        st_ols_free(f);
    }
}

int main(void)
{
    gsl_set_error_handler_off();
    test_longley();
    test_nsw();
    test_rank();
    return t_summary("test_ols");
}
