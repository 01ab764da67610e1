/* Random-intercept linear mixed model (stats/st_lmm.h) against lme4 and lmerTest:
 * tests/reference/kits/sleepstudy_lmm/expected.csv (lmer(Reaction ~ Days + (1|Subject)), REML and ML;
 * R 4.2.2, lme4 1.1-31, lmerTest 3.1-3), whose variance components the kit checks against the
 * balanced-design closed form. */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>

#include "tests/unit/kit.h"
#include "stats/st_lmm.h"
#include "tests/t_check.h"

int main(void)
{
    gsl_set_error_handler_off();
    core_table *d = kit_read("sleepstudy_lmm/data.csv");
    core_table *e = kit_read("sleepstudy_lmm/expected.csv");
    size_t n = d->n_rows;
    double *y = kit_col(d, "Reaction"), *days = kit_col(d, "Days"), *subj = kit_col(d, "Subject");
    double *X = malloc(2 * n * sizeof *X);
    size_t *unit = malloc(n * sizeof *unit);
    /* subjects are numbers (308, 309, ...): code them 0..G-1 in order of appearance */
    double codes[64];
    size_t G = 0;
    for (size_t i = 0; i < n; i++) {
        size_t g = 0;
        while (g < G && codes[g] != subj[i])
            g++;
        if (g == G)
            codes[G++] = subj[i];
        unit[i] = g;
        X[2 * i] = 1;
        X[2 * i + 1] = days[i];
    }
    t_int((long)G, (long)kit_value(e, "data", "all", "clusters"), "18 subjects");
    t_int((long)n, (long)kit_value(e, "data", "all", "n"), "180 rows");
    static const char *const terms[] = {"(Intercept)", "Days"};
    for (int m = 0; m < 2; m++) {
        const char *an = m == 0 ? "lmm:reml" : "lmm:ml";
        st_lmm fit;
        core_err err;
        st_lmm_opts o = {.method = m == 0 ? ST_LMM_REML : ST_LMM_ML};
        if (!t_int(st_lmm_fit(y, X, unit, n, 2, G, &o, &fit, &err), CORE_OK, "%s fit", an)) {
            printf("  %s\n", err.msg);
            continue;
        }
        double z = gsl_cdf_ugaussian_Pinv(0.975);
        for (int j = 0; j < 2; j++) {
            const char *tm = terms[j];
            t_rel(fit.beta[j], kit_value(e, an, tm, "estimate"), TOL_REF, "%s %s estimate", an, tm);
            t_rel(fit.se[j], kit_value(e, an, tm, "se"), TOL_REF, "%s %s se", an, tm);
            t_rel(fit.beta[j] / fit.se[j], kit_value(e, an, tm, "statistic"), TOL_REF, "%s %s t", an, tm);
            t_rel(fit.beta[j] - z * fit.se[j], kit_value(e, an, tm, "ci_low"), TOL_REF, "%s %s ci_low", an, tm);
            t_rel(fit.beta[j] + z * fit.se[j], kit_value(e, an, tm, "ci_high"), TOL_REF, "%s %s ci_high", an, tm);
            if (m == 0) {
                /* lmerTest: Satterthwaite df and the t-test p-value */
                t_rel(fit.df[j], kit_value(e, an, tm, "df_satterthwaite"), TOL_REF, "%s %s Satterthwaite df", an, tm);
                /* The p-values are far in the tail (1e-18, 1e-27), where a relative change of 1e-7 in df moves
                 * p by 1e-5 relative: check the t-test formula with lmerTest's df at 1e-6, and our p against the
                 * band of p-values that df within TOL_REF of lmerTest's gives (the df tolerance carried over). */
                double t = fabs(fit.beta[j] / fit.se[j]), df_r = kit_value(e, an, tm, "df_satterthwaite");
                double p_r = kit_value(e, an, tm, "p_value_satterthwaite");
                t_rel(2 * gsl_cdf_tdist_Q(t, df_r), p_r, TOL_REF, "%s %s Satterthwaite p at R's df", an, tm);
                double p_ours = 2 * gsl_cdf_tdist_Q(t, fit.df[j]);
                double p_a = 2 * gsl_cdf_tdist_Q(t, df_r * (1 - TOL_REF)), p_b = 2 * gsl_cdf_tdist_Q(t, df_r * (1 + TOL_REF));
                t_true(p_ours <= fmax(p_a, p_b) && p_ours >= fmin(p_a, p_b),
                       "%s %s Satterthwaite p %.15g within the band [%.15g, %.15g] of df +-1e-6", an, tm, p_ours,
                       fmin(p_a, p_b), fmax(p_a, p_b));
            }
        }
        t_rel(fit.s2_unit, kit_value(e, an, "Subject:(Intercept)", "variance"), TOL_REF, "%s unit variance", an);
        /* The balanced-design closed form (the kit's reference.R; computed to 15 digits with R): lme4's optimum
         * is 2e-8 from it, ours within 1e-10 (docs/methods.md (the trial over time)). */
        t_rel(fit.s2_unit, m == 0 ? 1378.1785084185 : 1296.87004027709, 1e-10, "%s unit variance, closed form", an);
        t_rel(fit.s2_resid, m == 0 ? 960.456578928759 : 954.527834614384, 1e-10, "%s residual variance, closed form",
              an);
        if (m == 0)
            t_rel(fit.df[1], 161, 1e-8, "Days df = G(n-1)-1 = 161 exactly in this balanced design");
        t_rel(sqrt(fit.s2_unit), kit_value(e, an, "Subject:(Intercept)", "sd"), TOL_REF, "%s unit sd", an);
        t_rel(fit.s2_resid, kit_value(e, an, "Residual", "variance"), TOL_REF, "%s residual variance", an);
        t_rel(sqrt(fit.s2_resid), kit_value(e, an, "Residual", "sd"), TOL_REF, "%s residual sd", an);
        t_rel(fit.loglik, kit_value(e, an, "model", "loglik"), TOL_REF, "%s log-likelihood", an);
        t_rel((double)fit.n_obs, kit_value(e, an, "model", "n"), TOL_EXACT, "%s n", an);
        t_rel(fit.s2_unit / (fit.s2_unit + fit.s2_resid), kit_value(e, an, "Subject:ICC", "estimate"), TOL_REF,
              "%s ICC", an);
        st_lmm_free(&fit);
    }
    /* Boundary: no between-unit variation (y = unit-free noise made exactly within-unit centred) gives
     * s2_unit = 0, reported as a boundary with no Satterthwaite df. */
    {
        double yy[12], XX[12];
        size_t uu[12];
        static const double noise[3] = {-1, 0.5, 0.5};
        for (int i = 0; i < 12; i++) {
            uu[i] = (size_t)(i / 3);
            XX[i] = 1;
            yy[i] = 10 + noise[i % 3] * (1 + 0.1 * (i / 3));
        }
        st_lmm fit;
        core_err err;
        t_int(st_lmm_fit(yy, XX, uu, 12, 1, 4, NULL, &fit, &err), CORE_OK, "boundary fit");
        t_true(fit.boundary && fit.s2_unit == 0, "unit variance at the boundary 0");
        t_true(fit.undefined != NULL && isnan(fit.df[0]), "boundary: df not available, said so");
        st_lmm_free(&fit);
        /* rank-deficient design */
        double XX2[24];
        for (int i = 0; i < 12; i++)
            XX2[2 * i] = 1, XX2[2 * i + 1] = 2;
        t_int(st_lmm_fit(yy, XX2, uu, 12, 2, 4, NULL, &fit, &err), CORE_ERR_ANALYSIS, "collinear design refused");
        t_contains(err.msg, "rank-deficient", "message says rank-deficient");
    }
    free(y), free(days), free(subj), free(X), free(unit);
    core_table_free(d);
    core_table_free(e);
    return t_summary("test_lmm");
}
