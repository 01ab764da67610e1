/* GEE (stats/st_gee.h) against geepack:
 *  - tests/reference/kits/ohio_repeated/expected.csv: geeglm(resp ~ age + smoke, binomial), exchangeable and
 *    independence (R 4.2.2, geepack 1.3.9);
 *  - tests/reference/longitudinal-extra.csv (made by tests/reference/longitudinal-extra.R with the same R):
 *    AR(1); unbalanced clusters with gaps in the waves; the identity link on sleepstudy. */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>

#include "tests/unit/kit.h"
#include "stats/st_gee.h"
#include "tests/t_check.h"

static void check(const st_gee *g, const core_table *e, const char *ds, const char *an, const char *const *terms,
                  int has_alpha, int all_stats)
{
    double z = gsl_cdf_ugaussian_Pinv(0.975);
    for (size_t j = 0; j < g->p; j++) {
        const char *tm = terms[j];
        t_rel(g->beta[j], kit_value_ds(e, ds, an, tm, "estimate"), TOL_REF, "%s %s %s estimate", ds, an, tm);
        t_rel(g->se[j], kit_value_ds(e, ds, an, tm, "se"), TOL_REF, "%s %s %s robust se", ds, an, tm);
        double zs = g->beta[j] / g->se[j];
        if (all_stats) {
            /* the kit gives Wald chi-square = z^2 */
            t_rel(zs * zs, kit_value_ds(e, ds, an, tm, "statistic"), TOL_REF, "%s %s %s Wald", ds, an, tm);
        } else {
            t_rel(zs, kit_value_ds(e, ds, an, tm, "statistic"), TOL_REF, "%s %s %s z", ds, an, tm);
        }
        /* two-sided normal p by erfc, which keeps denormal p-values (R reports 2e-314 for the intercept) */
        t_rel(erfc(fabs(zs) / M_SQRT2), kit_value_ds(e, ds, an, tm, "p_value"), TOL_REF, "%s %s %s p", ds, an,
              tm);
        t_rel(g->beta[j] - z * g->se[j], kit_value_ds(e, ds, an, tm, "ci_low"), TOL_REF, "%s %s %s ci_low", ds, an, tm);
        t_rel(g->beta[j] + z * g->se[j], kit_value_ds(e, ds, an, tm, "ci_high"), TOL_REF, "%s %s %s ci_high", ds, an,
              tm);
    }
    t_rel(g->scale, kit_value_ds(e, ds, an, "scale", all_stats ? "estimate" : "estimate"), TOL_REF, "%s %s scale", ds,
          an);
    if (has_alpha)
        t_rel(g->alpha, kit_value_ds(e, ds, an, all_stats ? "alpha" : "rho", "estimate"), TOL_REF, "%s %s alpha", ds,
              an);
}

int main(void)
{
    gsl_set_error_handler_off();
    core_table *d = kit_read("ohio_repeated/data.csv");
    core_table *e = kit_read("ohio_repeated/expected.csv");
    core_table *x = kit_read_path("tests/reference/longitudinal-extra.csv");
    size_t n = d->n_rows;
    double *resp = kit_col(d, "resp"), *id = kit_col(d, "id"), *age = kit_col(d, "age"), *smoke = kit_col(d, "smoke");
    double *X = malloc(3 * n * sizeof *X);
    size_t *cl = malloc(n * sizeof *cl);
    long *wave = malloc(n * sizeof *wave);
    for (size_t i = 0; i < n; i++) {
        X[3 * i] = 1;
        X[3 * i + 1] = age[i];
        X[3 * i + 2] = smoke[i];
        cl[i] = (size_t)id[i];
        wave[i] = (long)age[i] + 3;
    }
    t_int((long)n, (long)kit_value(e, "data", "all", "n"), "ohio rows");
    static const char *const terms[] = {"(Intercept)", "age", "smoke"};
    static const struct {
        st_gee_corr corr;
        const char *an;
        const char *ds;
    } cases[] = {{ST_CORR_EXCHANGEABLE, "gee_logistic:exchangeable", "ohio_repeated"},
                 {ST_CORR_INDEPENDENCE, "gee_logistic:independence", "ohio_repeated"},
                 {ST_CORR_AR1, "gee_logistic:ar1", "ohio_repeated"}};
    for (int c = 0; c < 3; c++) {
        st_gee g;
        core_err err;
        st_gee_opts o = {.family = ST_GEE_LOGIT, .corr = cases[c].corr};
        if (!t_int(st_gee_fit(resp, X, cl, wave, n, 3, 537, &o, &g, &err), CORE_OK, "%s fit", cases[c].an)) {
            printf("  %s\n", err.msg);
            continue;
        }
        check(&g, c < 2 ? e : x, cases[c].ds, cases[c].an, terms, cases[c].corr != ST_CORR_INDEPENDENCE, c < 2);
        if (c == 0)
            t_int((long)g.n_clusters, (long)kit_value(e, "data", "all", "clusters"), "ohio clusters");
        if (c < 2) {
            double z = gsl_cdf_ugaussian_Pinv(0.975);
            t_rel(exp(g.beta[2]), kit_value(e, cases[c].an, "smoke:OR", "estimate"), TOL_REF, "smoke OR");
            t_rel(exp(g.beta[2] - z * g.se[2]), kit_value(e, cases[c].an, "smoke:OR", "ci_low"), TOL_REF, "OR ci_low");
            t_rel(exp(g.beta[2] + z * g.se[2]), kit_value(e, cases[c].an, "smoke:OR", "ci_high"), TOL_REF,
                  "OR ci_high");
        }
        st_gee_free(&g);
    }
    /* unbalanced: every 7th row dropped; waves carry the gaps (AR(1) distances) */
    {
        size_t m = 0;
        double *Xd = malloc(3 * n * sizeof *Xd), *yd = malloc(n * sizeof *yd);
        size_t *cd = malloc(n * sizeof *cd);
        long *wd = malloc(n * sizeof *wd);
        for (size_t i = 0; i < n; i++) {
            if ((i + 1) % 7 == 0)
                continue;
            memcpy(Xd + 3 * m, X + 3 * i, 3 * sizeof *X);
            yd[m] = resp[i];
            cd[m] = cl[i];
            wd[m++] = wave[i];
        }
        for (int c = 0; c < 2; c++) {
            st_gee g;
            core_err err;
            st_gee_opts o = {.family = ST_GEE_LOGIT, .corr = c == 0 ? ST_CORR_EXCHANGEABLE : ST_CORR_AR1};
            const char *an = c == 0 ? "gee_logistic:exchangeable" : "gee_logistic:ar1";
            if (t_int(st_gee_fit(yd, Xd, cd, wd, m, 3, 537, &o, &g, &err), CORE_OK, "dropped %s fit", an)) {
                check(&g, x, "ohio_dropped", an, terms, 1, 0);
                st_gee_free(&g);
            }
        }
        free(Xd), free(yd), free(cd), free(wd);
    }
    /* identity link: sleepstudy */
    {
        core_table *s = kit_read("sleepstudy_lmm/data.csv");
        size_t ns = s->n_rows;
        double *y = kit_col(s, "Reaction"), *days = kit_col(s, "Days"), *subj = kit_col(s, "Subject");
        double *Xs = malloc(2 * ns * sizeof *Xs), codes[64];
        size_t *cs = malloc(ns * sizeof *cs), G = 0;
        long *ws = malloc(ns * sizeof *ws);
        for (size_t i = 0; i < ns; i++) {
            size_t g = 0;
            while (g < G && codes[g] != subj[i])
                g++;
            if (g == G)
                codes[G++] = subj[i];
            cs[i] = g;
            Xs[2 * i] = 1;
            Xs[2 * i + 1] = days[i];
            ws[i] = (long)days[i];
        }
        static const char *const st[] = {"(Intercept)", "Days"};
        static const char *const an[] = {"gee_linear:exchangeable", "gee_linear:independence", "gee_linear:ar1"};
        for (int c = 0; c < 3; c++) {
            st_gee g;
            core_err err;
            st_gee_opts o = {.family = ST_GEE_IDENTITY, .corr = (st_gee_corr)c};
            if (t_int(st_gee_fit(y, Xs, cs, ws, ns, 2, G, &o, &g, &err), CORE_OK, "%s fit", an[c])) {
                check(&g, x, "sleepstudy_lmm", an[c], st, c != 1, 0);
                st_gee_free(&g);
            }
        }
        free(y), free(days), free(subj), free(Xs), free(cs), free(ws);
        core_table_free(s);
    }
    /* bad input and degenerate data */
    {
        double yb[] = {0, 1, 2, 0};
        double Xb[] = {1, 1, 1, 1};
        size_t cb[] = {0, 0, 1, 1};
        long wb[] = {0, 1, 0, 1};
        st_gee g;
        core_err err;
        t_int(st_gee_fit(yb, Xb, cb, wb, 4, 1, 2, NULL, &g, &err), CORE_ERR_USAGE, "outcome 2 refused for logit");
        long wdup[] = {0, 0, 0, 1};
        double yok[] = {0, 1, 1, 0};
        t_int(st_gee_fit(yok, Xb, cb, wdup, 4, 1, 2, NULL, &g, &err), CORE_ERR_USAGE, "a wave twice in a cluster");
        t_contains(err.msg, "same wave", "message says so");
        /* separation: everyone in group 1 has the outcome */
        double ys[12], Xsep[24];
        size_t csep[12];
        long wsep[12];
        for (int i = 0; i < 12; i++) {
            int grp = i >= 6;
            ys[i] = grp ? 1 : (i % 3 == 0);
            Xsep[2 * i] = 1;
            Xsep[2 * i + 1] = grp;
            csep[i] = (size_t)(i / 2);
            wsep[i] = i % 2;
        }
        core_status s = st_gee_fit(ys, Xsep, csep, wsep, 12, 2, 6, NULL, &g, &err);
        t_true(s == CORE_ERR_ANALYSIS || (s == CORE_OK && g.undefined), "separation is reported (status %d: %s)",
               (int)s, s == CORE_OK ? (g.undefined ? g.undefined : "") : err.msg);
        if (s == CORE_OK)
            st_gee_free(&g);
    }
    free(resp), free(id), free(age), free(smoke), free(X), free(cl), free(wave);
    core_table_free(d);
    core_table_free(e);
    core_table_free(x);
    return t_summary("test_gee");
}
