/* Inverse-probability-weighted GEE (stats/st_glm.h dropout models + stats/st_gee.h with row weights) against
 * R (glm(binomial) + geepack::geeglm(weights = , corstr = "independence")):
 * tests/reference/kits/ipw_gee/expected.csv, made by its reference.R on the mi_trial data (binary emp6, emp12;
 * monotone dropout; stabilised weights). */
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/kit.h"
#include "stats/st_gee.h"
#include "stats/st_glm.h"
#include "tests/t_check.h"

/* Fit y on the columns cols (intercept first) over rows with use[i]; fitted probabilities into pr[i]. */
static st_logit_fit *fit(const double *const *cols, size_t k, const double *y, const int *use, size_t n, double *pr,
                         const core_table *e, const char *an, const char *const *names)
{
    size_t m = 0;
    double *X = malloc(n * (k + 1) * sizeof *X), *yy = malloc(n * sizeof *yy);
    for (size_t i = 0; i < n; i++) {
        if (!use[i])
            continue;
        X[m * (k + 1)] = 1;
        for (size_t j = 0; j < k; j++)
            X[m * (k + 1) + j + 1] = cols[j][i];
        yy[m++] = y[i];
    }
    st_logit_fit *f = NULL;
    core_err err;
    if (t_int(st_logit_fit_new(X, yy, m, k + 1, NULL, &f, &err), CORE_OK, "%s fit", an)) {
        for (size_t j = 0; j <= k; j++)
            t_rel(f->beta[j], kit_value(e, an, names[j], "estimate"), TOL_REF, "%s %s", an, names[j]);
        m = 0;
        for (size_t i = 0; i < n; i++)
            if (use[i])
                pr[i] = f->fitted[m++];
    }
    free(X), free(yy);
    return f;
}

int main(void)
{
    gsl_set_error_handler_off();
    core_table *d = kit_read("mi_trial/data.csv");
    core_table *e = kit_read("ipw_gee/expected.csv");
    size_t n = d->n_rows;
    double *id = kit_col(d, "id"), *x = kit_col(d, "x"), *e6 = kit_col(d, "emp6"), *e12 = kit_col(d, "emp12");
    double *ips = malloc(n * sizeof *ips), *r6 = malloc(n * sizeof *r6), *r12 = malloc(n * sizeof *r12);
    int *all = malloc(n * sizeof *all), *in6 = malloc(n * sizeof *in6);
    long ca = core_table_find(d, "arm");
    char b[64];
    for (size_t i = 0; i < n; i++) {
        ips[i] = strcmp(core_cell_text(d, (size_t)ca, i, b, sizeof b), "IPS") == 0;
        r6[i] = !isnan(e6[i]);
        r12[i] = r6[i] == 1 && !isnan(e12[i]); /* monotone: missing at 6 months is dropout */
        all[i] = 1;
        in6[i] = r6[i] == 1;
    }
    double *p6 = calloc(n, sizeof *p6), *q6 = calloc(n, sizeof *q6), *p12 = calloc(n, sizeof *p12),
           *q12 = calloc(n, sizeof *q12);
    static const char *const nd6[] = {"(Intercept)", "ips", "x"}, *const nd12[] = {"(Intercept)", "emp6", "ips", "x"},
                             *const nn[] = {"(Intercept)", "ips"};
    const double *cd6[] = {ips, x}, *cd12[] = {e6, ips, x}, *cn[] = {ips};
    st_logit_fit *f[4] = {fit(cd6, 2, r6, all, n, p6, e, "drop6_den", nd6),
                          fit(cd12, 3, r12, in6, n, p12, e, "drop12_den", nd12),
                          fit(cn, 1, r6, all, n, q6, e, "drop6_num", nn), fit(cn, 1, r12, in6, n, q12, e, "drop12_num", nn)};
    /* long data: (id, 6) when observed at 6, (id, 12) when observed at 6 and 12; stabilised weights */
    size_t m = 0, G = n;
    double *y = malloc(2 * n * sizeof *y), *X = malloc(2 * n * 4 * sizeof *X), *w = malloc(2 * n * sizeof *w);
    size_t *cl = malloc(2 * n * sizeof *cl);
    long *wave = malloc(2 * n * sizeof *wave);
    double wsum = 0, wmax = 0;
    for (size_t i = 0; i < n; i++)
        for (int t = 0; t < 2; t++) {
            if (!(t == 0 ? r6[i] : r12[i]))
                continue;
            y[m] = t == 0 ? e6[i] : e12[i];
            X[4 * m] = 1, X[4 * m + 1] = ips[i], X[4 * m + 2] = t, X[4 * m + 3] = x[i];
            w[m] = q6[i] / p6[i] * (t == 1 ? q12[i] / p12[i] : 1);
            wsum += w[m], wmax = fmax(wmax, w[m]);
            cl[m] = (size_t)id[i] - 1;
            wave[m++] = t;
        }
    t_int((long)m, (long)kit_value(e, "ipw_gee", "all", "n"), "long rows");
    t_rel(wsum, kit_value(e, "ipw_gee", "all", "weight_sum"), TOL_REF, "sum of the weights");
    t_rel(wmax, kit_value(e, "ipw_gee", "all", "weight_max"), TOL_REF, "largest weight");
    st_gee g;
    core_err err;
    st_gee_opts o = {.family = ST_GEE_LOGIT, .corr = ST_CORR_INDEPENDENCE, .weights = w};
    if (t_int(st_gee_fit(y, X, cl, wave, m, 4, G, &o, &g, &err), CORE_OK, "weighted GEE fit")) {
        static const char *const tm[] = {"(Intercept)", "ips", "t12", "x"};
        for (size_t j = 0; j < 4; j++) {
            t_rel(g.beta[j], kit_value(e, "ipw_gee", tm[j], "estimate"), TOL_REF, "ipw_gee %s estimate", tm[j]);
            t_rel(g.se[j], kit_value(e, "ipw_gee", tm[j], "se"), TOL_REF, "ipw_gee %s robust se", tm[j]);
        }
        st_gee_free(&g);
    }
    /* unit weights reproduce the unweighted fit; bad weights and a non-independence correlation are refused */
    {
        double *one = malloc(m * sizeof *one);
        for (size_t i = 0; i < m; i++)
            one[i] = 1;
        st_gee a, u;
        st_gee_opts ow = {.family = ST_GEE_LOGIT, .corr = ST_CORR_INDEPENDENCE, .weights = one},
                    ou = {.family = ST_GEE_LOGIT, .corr = ST_CORR_INDEPENDENCE};
        if (t_int(st_gee_fit(y, X, cl, wave, m, 4, G, &ow, &a, &err), CORE_OK, "unit weights") &&
            t_int(st_gee_fit(y, X, cl, wave, m, 4, G, &ou, &u, &err), CORE_OK, "no weights")) {
            for (size_t j = 0; j < 4; j++) {
                t_rel(a.beta[j], u.beta[j], 1e-12, "unit weights: beta %zu", j);
                t_rel(a.se[j], u.se[j], 1e-12, "unit weights: se %zu", j);
            }
            st_gee_free(&a), st_gee_free(&u);
        }
        one[3] = -1;
        t_int(st_gee_fit(y, X, cl, wave, m, 4, G, &ow, &a, &err), CORE_ERR_USAGE, "a negative weight is refused");
        t_contains(err.msg, "row 4", "the message names the row");
        one[3] = 1;
        ow.corr = ST_CORR_EXCHANGEABLE;
        t_int(st_gee_fit(y, X, cl, wave, m, 4, G, &ow, &a, &err), CORE_ERR_USAGE, "weights need independence");
        free(one);
    }
    for (int k = 0; k < 4; k++)
        st_logit_free(f[k]);
    free(id), free(x), free(e6), free(e12), free(ips), free(r6), free(r12), free(all), free(in6);
    free(p6), free(q6), free(p12), free(q12), free(y), free(X), free(w), free(cl), free(wave);
    core_table_free(d);
    core_table_free(e);
    return t_summary("test_ipw_gee");
}
