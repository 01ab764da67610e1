/* Unit tests of stats/st_glm: logistic regression by IRLS, separation, non-convergence.
 *
 * Sources of expected numbers:
 *  - nsw_lalonde: tests/reference/kits/nsw_lalonde/expected.csv (R 4.2.2 glm, epsilon 1e-14):
 *    employed78 ~ treat, and ~ treat + age + educ + black + hisp + married + nodegr + re74 + re75,
 *    every coefficient, SE, z, p, Wald CI, and deviance, null deviance, log-likelihood.
 *  - a 12-row example, R 4.2.2:
 *      y <- c(1,0,1,1,0,0,1,0,1,1,0,1); x <- c(2.5,1,3,2,2,0.5,4,1.5,3.5,1,2.5,0)
 *      f <- glm(y ~ x, binomial, control = glm.control(epsilon = 1e-14, maxit = 100))
 *      coef(summary(f)); deviance(f); f$null.deviance   (sprintf("%.15g"))
 *  - separation examples where R warns "fitted probabilities numerically 0 or 1 occurred" and
 *    returns huge coefficients (g: -31.97 with quasi-complete separation; x2: 47.2 with complete
 *    separation): we must flag them instead of reporting those numbers.
 */
#include "stats/st_glm.h"

#include <gsl/gsl_errno.h>
#include <stdlib.h>

#include "stats/st_ols.h"
#include "tests/t_check.h"
#include "tests/unit/kit_ref.h"

static void check_terms(const kit_ref *k, const char *an, const st_logit_fit *f, const char *const *terms,
                        size_t p)
{
    for (size_t j = 0; j < p; j++) {
        st_estimate e;
        st_coef_z(f->beta[j], f->vcov[j * p + j], 0.95, &e);
        t_rel(e.estimate, kit_ref_get(k, an, "employed78", terms[j], "estimate"), TOL_REF, "%s %s est", an, terms[j]);
        t_rel(e.se, kit_ref_get(k, an, "employed78", terms[j], "se"), TOL_REF, "%s %s se", an, terms[j]);
        t_rel(e.statistic, kit_ref_get(k, an, "employed78", terms[j], "statistic"), TOL_REF, "%s %s z", an, terms[j]);
        t_rel(e.p_value, kit_ref_get(k, an, "employed78", terms[j], "p_value"), TOL_REF, "%s %s p", an, terms[j]);
        t_rel(e.ci_low, kit_ref_get(k, an, "employed78", terms[j], "ci_low"), TOL_REF, "%s %s lo", an, terms[j]);
        t_rel(e.ci_high, kit_ref_get(k, an, "employed78", terms[j], "ci_high"), TOL_REF, "%s %s hi", an, terms[j]);
    }
}

static void test_nsw(void)
{
    kit_ref k;
    core_table *t = kit_data("nsw_lalonde");
    if (!t || !kit_ref_load(&k, "nsw_lalonde")) {
        core_table_free(t);
        return;
    }
    static const char *const terms[10] = {"(Intercept)", "treat", "age",    "educ", "black",
                                          "hisp",        "married", "nodegr", "re74", "re75"};
    size_t n = t->n_rows, p = 10;
    double *y = kit_column(t, "employed78"), *cols[10];
    for (size_t j = 1; j < p; j++)
        cols[j] = kit_column(t, terms[j]);
    double *X = malloc(n * p * sizeof *X), *X1 = malloc(n * 2 * sizeof *X1);
    for (size_t i = 0; i < n; i++) {
        X[i * p] = 1;
        for (size_t j = 1; j < p; j++)
            X[i * p + j] = cols[j][i];
        X1[i * 2] = 1;
        X1[i * 2 + 1] = cols[1][i];
    }
    st_logit_fit *f;
    core_err err;
    if (t_true(st_logit_fit_new(X1, y, n, 2, NULL, &f, &err) == CORE_OK && f->converged, "nsw unadjusted")) {
        /* the kit has only the treat row of the unadjusted model */
        st_estimate e;
        st_coef_z(f->beta[1], f->vcov[3], 0.95, &e);
        t_rel(e.estimate, kit_ref_get(&k, "logistic:unadjusted", "employed78", "treat", "estimate"), TOL_REF, "unadj est");
        t_rel(e.se, kit_ref_get(&k, "logistic:unadjusted", "employed78", "treat", "se"), TOL_REF, "unadj se");
        t_rel(e.statistic, kit_ref_get(&k, "logistic:unadjusted", "employed78", "treat", "statistic"), TOL_REF, "unadj z");
        t_rel(e.p_value, kit_ref_get(&k, "logistic:unadjusted", "employed78", "treat", "p_value"), TOL_REF, "unadj p");
        t_rel(e.ci_low, kit_ref_get(&k, "logistic:unadjusted", "employed78", "treat", "ci_low"), TOL_REF, "unadj lo");
        t_rel(e.ci_high, kit_ref_get(&k, "logistic:unadjusted", "employed78", "treat", "ci_high"), TOL_REF, "unadj hi");
        st_logit_free(f);
    }
    if (t_true(st_logit_fit_new(X, y, n, p, NULL, &f, &err) == CORE_OK && f->converged && !f->separation,
               "nsw adjusted converges")) {
        check_terms(&k, "logistic:adjusted", f, terms, p);
        t_rel(f->deviance, kit_ref_get(&k, "logistic:adjusted", "employed78", "model", "deviance"), TOL_REF,
              "deviance");
        t_rel(f->null_deviance, kit_ref_get(&k, "logistic:adjusted", "employed78", "model", "null_deviance"),
              TOL_REF, "null deviance");
        t_rel(f->loglik, kit_ref_get(&k, "logistic:adjusted", "employed78", "model", "loglik"), TOL_REF, "loglik");
        t_true(f->iterations < 15, "converges in few iterations (%d)", f->iterations);
        st_logit_free(f);
    }
    for (size_t j = 1; j < p; j++)
        free(cols[j]);
    free(X), free(X1), free(y);
    core_table_free(t);
    kit_ref_free(&k);
}

static void test_small(void)
{
    double y[12] = {1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1}, x[12] = {2.5, 1, 3, 2, 2, 0.5, 4, 1.5, 3.5, 1, 2.5, 0};
    double X[24];
    for (int i = 0; i < 12; i++)
        X[i * 2] = 1, X[i * 2 + 1] = x[i];
    st_logit_fit *f;
    core_err err;
    if (!t_true(st_logit_fit_new(X, y, 12, 2, NULL, &f, &err) == CORE_OK, "small example fits"))
        return;
    t_rel(f->beta[0], -0.862452262907962, TOL_REF, "small intercept");
    t_rel(f->beta[1], 0.635159989886888, TOL_REF, "small slope");
    t_rel(sqrt(f->vcov[0]), 1.21695411696798, TOL_REF, "small se intercept");
    t_rel(sqrt(f->vcov[3]), 0.574549436759497, TOL_REF, "small se slope");
    t_rel(f->deviance, 14.9090656304752, TOL_REF, "small deviance");
    t_rel(f->null_deviance, 16.3006383837966, TOL_REF, "small null deviance");
    t_true(f->undefined == NULL && !f->separation, "small: no separation");
    st_logit_free(f);
}

static void test_separation(void)
{
    /* quasi-complete: group g = 1 has no events */
    double y[15] = {0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1};
    double g[15] = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    double x[15] = {1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    double X[45];
    for (int i = 0; i < 15; i++)
        X[i * 3] = 1, X[i * 3 + 1] = g[i], X[i * 3 + 2] = x[i];
    st_logit_fit *f;
    core_err err;
    if (t_true(st_logit_fit_new(X, y, 15, 3, NULL, &f, &err) == CORE_OK, "quasi-separated data: a fit is returned")) {
        t_true(f->separation == 1, "quasi-complete separation detected");
        t_true(f->undefined != NULL, "separation has a reason");
        t_contains(f->undefined ? f->undefined : "", "separation", "reason says separation");
        t_true(f->diverging[1] && !f->diverging[2], "the g coefficient diverges, x does not");
        st_logit_free(f);
    }
    /* complete separation */
    double y2[6] = {0, 0, 0, 1, 1, 1}, X2[12];
    for (int i = 0; i < 6; i++)
        X2[i * 2] = 1, X2[i * 2 + 1] = i + 1;
    if (t_true(st_logit_fit_new(X2, y2, 6, 2, NULL, &f, &err) == CORE_OK, "separated data: a fit is returned")) {
        t_true(f->separation == 1 && f->undefined != NULL, "complete separation detected");
        st_logit_free(f);
    }
    /* non-convergence within a tiny iteration limit is reported, not an error */
    double ys[12] = {1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1}, xs[12] = {2.5, 1, 3, 2, 2, 0.5, 4, 1.5, 3.5, 1, 2.5, 0};
    double Xs[24];
    for (int i = 0; i < 12; i++)
        Xs[i * 2] = 1, Xs[i * 2 + 1] = xs[i];
    st_logit_opts o = {.max_iter = 1};
    if (t_true(st_logit_fit_new(Xs, ys, 12, 2, &o, &f, &err) == CORE_OK, "max_iter 1 returns a fit")) {
        t_true(!f->converged && f->undefined != NULL, "non-convergence reported (%s)",
               f->undefined ? f->undefined : "none");
        st_logit_free(f);
    }
    /* errors */
    double yb[6] = {0, 1, 2, 0, 1, 0};
    t_int(st_logit_fit_new(X2, yb, 6, 2, NULL, &f, &err), CORE_ERR_ANALYSIS, "y outside 0/1 refused");
    double Xd[18];
    for (int i = 0; i < 6; i++)
        Xd[i * 3] = 1, Xd[i * 3 + 1] = i, Xd[i * 3 + 2] = 2 * i;
    t_int(st_logit_fit_new(Xd, y2, 6, 3, NULL, &f, &err), CORE_ERR_ANALYSIS, "collinear design refused");
    o = (st_logit_opts){.tol = -1};
    t_int(st_logit_fit_new(X2, y2, 6, 2, &o, &f, &err), CORE_ERR_USAGE, "negative tol refused");
    t_rel(st_plogis(800), 1, TOL_EXACT, "plogis(800) = 1 without overflow");
    t_rel(st_plogis(-800), 0, TOL_EXACT, "plogis(-800) = 0");
}

int main(void)
{
    gsl_set_error_handler_off();
    test_nsw();
    test_small();
    test_separation();
    return t_summary("test_glm");
}
