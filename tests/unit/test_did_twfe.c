/* Unit tests of stats/st_twfe, st_cluster and st_wild against the fatalities_did reference kit
 * (tests/reference/kits/fatalities_did: R 4.2.2 lm with state and year dummies, sandwich::vcovCL,
 * clubSandwich CR2 + Satterthwaite, and a hand-coded full-enumeration WCR checked by brute-force refits).
 * Every value is read from the kit's expected.csv, none copied.
 *
 * Kit method names -> ours: cr1 (K = all 55 dummy columns) = ST_VC_CR1_AREG; cr1_nested (K = 7) =
 * ST_VC_CR1 (SPEC §4 `cr1`: fixed effects nested in the clusters not counted); cr1_xtreg = ST_VC_CR1_XTREG;
 * cr1_gonly = ST_VC_CR1_GONLY. Also: a closed-form check of the alternating projections on an
 * unbalanced panel (against the exact dummy-variable solution by QR), and the wild bootstrap's
 * sufficient statistics against a brute-force refit per weight vector. */
#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats/st_cluster.h"
#include "stats/st_twfe.h"
#include "stats/st_wild.h"
#include "tests/t_check.h"
#include "tests/unit/kit.h"

typedef struct panel {
    size_t n;
    double *y, *x;
    int *state, *year;
    size_t n_state, n_year;
    st_fe fe[2];
} panel;

/* Build the panel of the rows with subset_g11 == want (or all rows when want < 0). */
static void load_panel(const core_table *t, int want, panel *pn)
{
    double *y = kit_col(t, "fatal_rate"), *x = kit_col(t, "beertax"), *yr = kit_col(t, "year"),
           *sub = kit_col(t, "subset_g11");
    long cs = core_table_find(t, "state");
    pn->y = malloc(t->n_rows * sizeof(double));
    pn->x = malloc(t->n_rows * sizeof(double));
    pn->state = malloc(t->n_rows * sizeof(int));
    pn->year = malloc(t->n_rows * sizeof(int));
    int map[64];
    for (int k = 0; k < 64; k++)
        map[k] = -1;
    size_t n = 0, ns = 0;
    for (size_t i = 0; i < t->n_rows; i++) {
        if (want >= 0 && sub[i] != want)
            continue;
        int code = core_col_code(&t->cols[cs], i);
        if (map[code] < 0)
            map[code] = (int)ns++;
        pn->y[n] = y[i];
        pn->x[n] = x[i];
        pn->state[n] = map[code];
        pn->year[n] = (int)yr[i] - 1982;
        n++;
    }
    pn->n = n;
    pn->n_state = ns;
    pn->n_year = 7;
    pn->fe[0] = (st_fe){pn->state, ns};
    pn->fe[1] = (st_fe){pn->year, 7};
    free(y);
    free(x);
    free(yr);
    free(sub);
}

static void free_panel(panel *pn)
{
    free(pn->y);
    free(pn->x);
    free(pn->state);
    free(pn->year);
}

static void check_variant(const core_table *e, const st_twfe_fit *f, const char *prefix, const char *kit_method,
                          st_vc_kind kind)
{
    char an[64];
    snprintf(an, sizeof an, "%s:%s", prefix, kit_method);
    st_coef_test t;
    core_err err;
    if (!t_true(st_twfe_test(f, kind, 0, 0.95, &t, &err) == CORE_OK, "%s test runs", an))
        return;
    t_rel(t.estimate, kit_value(e, an, "beertax", "estimate"), TOL_REF, "%s estimate", an);
    t_rel(t.se, kit_value(e, an, "beertax", "se"), TOL_REF, "%s se", an);
    t_rel(t.df, kit_value(e, an, "beertax", "df"), TOL_REF, "%s df", an);
    t_rel(t.p_value, kit_value(e, an, "beertax", "p_value"), TOL_REF, "%s p", an);
    if (kind != ST_VC_CLASSICAL) {
        t_rel(t.statistic, kit_value(e, an, "beertax", "statistic"), TOL_REF, "%s t", an);
        t_rel(t.ci_low, kit_value(e, an, "beertax", "ci_low"), TOL_REF, "%s ci_low", an);
        t_rel(t.ci_high, kit_value(e, an, "beertax", "ci_high"), TOL_REF, "%s ci_high", an);
        /* the kit's normal p is 2 Phi(-|t|) of the same t */
        t_rel(2 * gsl_cdf_ugaussian_Q(fabs(t.statistic)), kit_value(e, an, "beertax", "p_value_normal"), TOL_REF,
              "%s p_value_normal", an);
    }
}

static void check_block(const core_table *e, const core_table *data, const char *prefix, int want)
{
    panel pn;
    load_panel(data, want, &pn);
    st_twfe_data d = {.n = pn.n, .y = pn.y, .p = 1, .x = pn.x, .fe = pn.fe, .n_fe = 2, .cluster = pn.state,
                      .n_clusters = pn.n_state};
    st_twfe_fit *f = NULL;
    core_err err;
    if (!t_true(st_twfe_estimate(&d, NULL, &f, &err) == CORE_OK, "%s fit: %s", prefix, err.msg))
        return;
    t_int(f->ap.iterations, 2, "%s balanced panel: alternating projections converge in one sweep (+1 check)", prefix);
    char an[64];
    snprintf(an, sizeof an, "%s:cr1", prefix);
    t_rel((double)f->n, kit_value(e, an, "design", "n"), 0, "%s N", prefix);
    t_rel((double)f->G, kit_value(e, an, "design", "clusters"), 0, "%s G", prefix);
    t_rel((double)f->p + f->k_fe, kit_value(e, an, "design", "k"), 0, "%s K (areg)", prefix);
    check_variant(e, f, prefix, "cr1", ST_VC_CR1_AREG);
    check_variant(e, f, prefix, "cr1_nested", ST_VC_CR1);
    check_variant(e, f, prefix, "cr1_xtreg", ST_VC_CR1_XTREG);
    check_variant(e, f, prefix, "cr1_gonly", ST_VC_CR1_GONLY);
    check_variant(e, f, prefix, "classical", ST_VC_CLASSICAL);
    snprintf(an, sizeof an, "%s:cr2", prefix);
    st_coef_test t;
    if (t_true(st_twfe_cr2(f, 0, 0.95, &t, &err) == CORE_OK, "%s cr2 runs: %s", prefix, err.msg)) {
        t_rel(t.se, kit_value(e, an, "beertax", "se"), TOL_REF, "%s se", an);
        t_rel(t.statistic, kit_value(e, an, "beertax", "statistic"), TOL_REF, "%s t", an);
        t_rel(t.df, kit_value(e, an, "beertax", "df"), TOL_REF, "%s Satterthwaite df", an);
        t_rel(t.p_value, kit_value(e, an, "beertax", "p_value"), TOL_REF, "%s p", an);
        t_rel(t.ci_low, kit_value(e, an, "beertax", "ci_low"), TOL_REF, "%s ci_low", an);
        t_rel(t.ci_high, kit_value(e, an, "beertax", "ci_high"), TOL_REF, "%s ci_high", an);
    }
    if (want == 1) {
        st_wild *w = NULL;
        st_wild_opts wo = {.draws = 9999, .weights = ST_WILD_RADEMACHER};
        if (t_true(st_wild_new(f, 0, &wo, NULL, NULL, &w, &err) == CORE_OK, "wild prepares: %s", err.msg)) {
            static const struct {
                double b0;
                const char *term;
            } nulls[] = {{0, "beertax"}, {1, "beertax:H0=1"}, {-1.5, "beertax:H0=-1.5"}};
            for (size_t k = 0; k < 3; k++) {
                st_wild_test wt;
                st_wild_pvalue(w, nulls[k].b0, &wt, &err);
                t_rel(wt.t, kit_value(e, "twfe_g11:wild", nulls[k].term, "statistic"), TOL_REF, "wild %s t",
                      nulls[k].term);
                t_rel(wt.p_value, kit_value(e, "twfe_g11:wild", nulls[k].term, "p_value"), TOL_REF, "wild %s p",
                      nulls[k].term);
                t_int(wt.n_draws, (long)kit_value(e, "twfe_g11:wild", nulls[k].term, "n_vectors"),
                      "wild %s enumerated vectors", nulls[k].term);
                t_int(wt.n_exceed, (long)kit_value(e, "twfe_g11:wild", nulls[k].term, "n_exceed"),
                      "wild %s vectors with |t*| >= |t|", nulls[k].term);
                t_true(wt.enumerated, "wild %s by full enumeration", nulls[k].term);
            }
            double lo, hi;
            const char *why;
            st_wild_ci(w, 0.95, &lo, &hi, &why, &err);
            t_true(isfinite(lo) && isfinite(hi) && lo < f->beta[0] && hi > f->beta[0], "wild CI brackets the estimate");
            /* test inversion: just inside the ends p > 0.05, just outside p <= 0.05 */
            st_wild_test a, b;
            double eps = 1e-6 * (hi - lo);
            st_wild_pvalue(w, lo + eps, &a, &err);
            st_wild_pvalue(w, lo - eps, &b, &err);
            t_true(a.p_value > 0.05 && b.p_value <= 0.05, "wild CI lower end is where p crosses 0.05 (%g, %g)",
                   a.p_value, b.p_value);
            st_wild_pvalue(w, hi - eps, &a, &err);
            st_wild_pvalue(w, hi + eps, &b, &err);
            t_true(a.p_value > 0.05 && b.p_value <= 0.05, "wild CI upper end is where p crosses 0.05 (%g, %g)",
                   a.p_value, b.p_value);
            st_wild_free(w);
        }
    }
    st_twfe_fit_free(f);
    free_panel(&pn);
}

/* Unbalanced panel with a control: the within estimate against the exact dummy-variable least squares
 * (QR of [x, z, unit dummies, period dummies]); alternating projections iterate and still agree. */
static void check_unbalanced(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 42);
    size_t U = 30, T = 6, n = 0;
    double y[180], x[360];
    int u[180], t[180], c[180];
    for (size_t i = 0; i < U; i++)
        for (size_t s = 0; s < T; s++) {
            if (gsl_rng_uniform(r) < 0.25 && !(s == 0 && i == 0))
                continue; /* unbalanced */
            u[n] = (int)i;
            t[n] = (int)s;
            c[n] = (int)(i % 5);
            x[n] = gsl_rng_uniform(r) + 0.1 * (double)s * (i % 2);
            x[180 + n] = gsl_rng_uniform(r);
            y[n] = 0.385 * x[n] - 0.7 * x[180 + n] + 0.3 * (double)i - 0.2 * (double)s + gsl_rng_uniform(r);
            n++;
        }
    /* dummy regression */
    size_t K = 2 + U + T - 1;
    gsl_matrix *A = gsl_matrix_calloc(n, K);
    gsl_vector *b = gsl_vector_alloc(n), *tau = gsl_vector_alloc(K), *coef = gsl_vector_alloc(K),
               *res = gsl_vector_alloc(n);
    double xs[360];
    for (size_t i = 0; i < n; i++) {
        gsl_matrix_set(A, i, 0, x[i]);
        gsl_matrix_set(A, i, 1, x[180 + i]);
        gsl_matrix_set(A, i, 2 + (size_t)u[i], 1);
        if (t[i] > 0)
            gsl_matrix_set(A, i, 2 + U + (size_t)t[i] - 1, 1);
        gsl_vector_set(b, i, y[i]);
        xs[i] = x[i];
        xs[n + i] = x[180 + i];
    }
    gsl_linalg_QR_decomp(A, tau);
    gsl_linalg_QR_lssolve(A, tau, b, coef, res);
    st_fe fe[2] = {{u, U}, {t, T}};
    st_twfe_data d = {.n = n, .y = y, .p = 2, .x = xs, .fe = fe, .n_fe = 2, .cluster = c, .n_clusters = 5};
    st_twfe_fit *f;
    core_err err;
    if (t_true(st_twfe_estimate(&d, NULL, &f, &err) == CORE_OK, "unbalanced fit: %s", err.msg)) {
        t_rel(f->beta[0], gsl_vector_get(coef, 0), 1e-9, "unbalanced: b1 = dummy-variable LS");
        t_rel(f->beta[1], gsl_vector_get(coef, 1), 1e-9, "unbalanced: b2 = dummy-variable LS");
        t_true(f->ap.iterations > 2, "unbalanced: projections iterate (%d sweeps)", f->ap.iterations);
        t_rel(f->k_fe, (double)(U + T - 1), 0, "unbalanced: absorbed dof = U + T - 1");
        t_rel(f->rss, pow(gsl_blas_dnrm2(res), 2), 1e-9, "unbalanced: RSS = dummy-variable RSS");
        /* wild bootstrap sufficient statistics vs brute force: refit the model per sign vector */
        st_wild *w;
        st_wild_opts wo = {.draws = 100000};
        if (t_true(st_wild_new(f, 0, &wo, NULL, NULL, &w, &err) == CORE_OK, "unbalanced wild: %s", err.msg)) {
            st_wild_test wt;
            double b0 = 0.2;
            st_wild_pvalue(w, b0, &wt, &err);
            /* brute force: restricted residuals, 2^5 sign vectors, refit with st_twfe_estimate */
            double yr[180], xr[180];
            for (size_t i = 0; i < n; i++) {
                yr[i] = y[i] - b0 * x[i];
                xr[i] = x[180 + i];
            }
            st_twfe_data dr = {.n = n, .y = yr, .p = 1, .x = xr, .fe = fe, .n_fe = 2};
            st_twfe_fit *fr;
            st_twfe_estimate(&dr, NULL, &fr, &err);
            double fitted[180], ustar[180];
            for (size_t i = 0; i < n; i++)
                fitted[i] = y[i] - fr->resid[i]; /* includes b0 x */
            st_coef_test t0;
            st_twfe_test(f, ST_VC_CR1, 0, 0.95, &t0, &err);
            double tobs = (f->beta[0] - b0) / t0.se;
            long exceed = 0;
            for (unsigned k = 0; k < 32; k++) {
                for (size_t i = 0; i < n; i++)
                    ustar[i] = fitted[i] + ((k >> c[i]) & 1 ? -1.0 : 1.0) * fr->resid[i];
                st_twfe_data ds = d;
                ds.y = ustar;
                st_twfe_fit *fs;
                st_twfe_estimate(&ds, NULL, &fs, &err);
                st_coef_test ts;
                st_twfe_test(fs, ST_VC_CR1, 0, 0.95, &ts, &err);
                if (fabs((fs->beta[0] - b0) / ts.se) >= fabs(tobs) * (1 - 1e-9))
                    exceed++;
                st_twfe_fit_free(fs);
            }
            t_rel(wt.t * t0.se / sqrt(t0.se * t0.se), wt.t, TOL_EXACT, "wild t is finite");
            t_int(wt.n_exceed, exceed, "wild (fast) = brute-force refits over the 32 sign vectors");
            t_int(wt.n_draws, 32, "wild enumerates 2^5 vectors");
            st_twfe_fit_free(fr);
            st_wild_free(w);
        }
        st_twfe_fit_free(f);
    }
    gsl_matrix_free(A);
    gsl_vector_free(b);
    gsl_vector_free(tau);
    gsl_vector_free(coef);
    gsl_vector_free(res);
    gsl_rng_free(r);
}

/* Levels or clusters out of range are refused with the first offending factor (or the clusters) named, as the
 * checks did one pass at a time before they were fused into one (stats/st_twfe.c). */
static void check_ranges(void)
{
    enum { N = 8 };
    int a[N] = {0, 0, 1, 1, 2, 2, 3, 3}, b[N] = {0, 1, 0, 1, 0, 1, 0, 1}, cl[N] = {0, 0, 0, 0, 1, 1, 1, 1};
    double y[N] = {1, 2, 3, 5, 4, 8, 6, 9}, x[N] = {0, 1, 0, 1, 0, 0, 0, 1};
    st_fe fe[2] = {{a, 4}, {b, 2}};
    st_twfe_data d = {.n = N, .y = y, .p = 1, .x = x, .fe = fe, .n_fe = 2, .cluster = cl, .n_clusters = 2};
    st_twfe_fit *f = NULL;
    core_err err;
    t_true(st_twfe_estimate(&d, NULL, &f, &err) == CORE_OK, "ranges: a valid layout fits: %s", err.msg);
    st_twfe_fit_free(f);
    b[5] = 2; /* factor 2 out of range at row 6, and the clusters at row 3: factor 2 is named (factors first) */
    cl[2] = 5;
    t_true(st_twfe_estimate(&d, NULL, &f, &err) == CORE_ERR_USAGE && strstr(err.msg, "level 2 of factor 2"),
           "ranges: factor 2 named first: %s", err.msg);
    b[5] = 1;
    t_true(st_twfe_estimate(&d, NULL, &f, &err) == CORE_ERR_USAGE && strstr(err.msg, "cluster 5 out of range"),
           "ranges: then the clusters: %s", err.msg);
    cl[2] = 0;
    a[7] = -1; /* factor 1 after factor 2 would have been checked in one pass: still named */
    b[0] = 3;
    t_true(st_twfe_estimate(&d, NULL, &f, &err) == CORE_ERR_USAGE && strstr(err.msg, "level -1 of factor 1"),
           "ranges: factor 1 named before factor 2 though later in the rows: %s", err.msg);
}

int main(void)
{
    gsl_set_error_handler_off();
    check_ranges();
    core_table *e = kit_read("fatalities_did/expected.csv");
    core_table *data = kit_read("fatalities_did/data.csv");
    check_block(e, data, "twfe", -1);
    check_block(e, data, "twfe_g11", 1);
    core_table_free(data);
    check_unbalanced();
    core_table_free(e);
    return t_summary("test_did_twfe");
}
