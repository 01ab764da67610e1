/* Unit tests of stats/st_kappam: Fleiss' and Conger's kappa with jackknife intervals and category kappas against
 * tests/reference/kits/kappam_ratings (R 4.2.2, irr's formulas written out in its reference.R), closed forms, and
 * the cluster bootstrap (reproducible from the seed; a statistic that is the same in every resample has SE 0;
 * the SE of a mean of cluster means against its known value). */
#include "stats/st_kappam.h"

#include <gsl/gsl_errno.h>
#include <stdlib.h>

#include "core/core_read.h"
#include "core/core_table.h"
#include "tests/t_check.h"

#define KIT "tests/reference/kits/kappam_ratings/"
#define TOL_KIT 1e-9

static core_table *read_csv(const char *path)
{
    core_err err;
    core_read_opts o = {0};
    core_table *t = core_read_delimited(path, &o, &err);
    if (!t)
        printf("FAIL: cannot read %s: %s\n", path, err.msg);
    return t;
}

/* The value of (statistic, category) in the kit's expected.csv; a missing one is a counted failure. */
static double expected(const core_table *e, const char *stat, const char *cat)
{
    char b1[128], b2[128];
    for (size_t i = 0; i < e->n_rows; i++)
        if (strcmp(core_cell_text(e, 0, i, b1, sizeof b1), stat) == 0 &&
            strcmp(core_cell_text(e, 1, i, b2, sizeof b2), cat) == 0) {
            double v;
            if (core_cell_number(e, 2, i, &v) == 1)
                return v;
        }
    t_true(0, "expected value %s/%s is in the kit", stat, cat);
    return NAN;
}

static void against_r(void)
{
    core_table *d = read_csv(KIT "data.csv"), *e = read_csv(KIT "expected.csv");
    if (!t_true(d && e, "the kappam kit reads")) {
        core_table_free(d);
        core_table_free(e);
        return;
    }
    size_t n = d->n_rows, k = d->n_cols;
    double *x = malloc(n * k * sizeof *x);
    for (size_t i = 0; i < n; i++)
        for (size_t r = 0; r < k; r++)
            core_cell_number(d, r, i, &x[i * k + r]);
    st_kappam m;
    core_err err;
    t_true(st_kappam_fit(x, n, k, 0.95, &m, &err) == CORE_OK, "kappam fits the kit (%zu x %zu)", n, k);
    static const char *const what[] = {"fleiss", "conger"};
    for (int w = 0; w < 2; w++) {
        const st_estimate *s = w ? &m.conger : &m.fleiss;
        char key[64];
        snprintf(key, sizeof key, "%s_estimate", what[w]);
        t_rel(s->estimate, expected(e, key, ""), TOL_KIT, "%s kappa", what[w]);
        snprintf(key, sizeof key, "%s_se", what[w]);
        t_rel(s->se, expected(e, key, ""), TOL_KIT, "%s jackknife SE", what[w]);
        snprintf(key, sizeof key, "%s_ci_low", what[w]);
        t_rel(s->ci_low, expected(e, key, ""), TOL_KIT, "%s jackknife lower limit", what[w]);
        snprintf(key, sizeof key, "%s_ci_high", what[w]);
        t_rel(s->ci_high, expected(e, key, ""), TOL_KIT, "%s jackknife upper limit", what[w]);
        t_rel(s->df, (double)(n - 1), TOL_EXACT, "%s jackknife df = n - 1", what[w]);
    }
    t_true(m.n_cats == 5, "five categories found");
    for (size_t c = 0; c < m.n_cats; c++) {
        char cat[16];
        snprintf(cat, sizeof cat, "%.0f", m.cat_value[c]);
        t_rel(m.category[c].estimate, expected(e, "category_kappa", cat), TOL_KIT, "category %s kappa", cat);
        t_rel(m.category[c].p_value, expected(e, "category_p", cat), TOL_KIT, "category %s p", cat);
        t_rel(m.category[c].se, expected(e, "category_se", ""), TOL_KIT, "category %s null SE", cat);
    }
    st_kappam_free(&m);
    free(x);
    core_table_free(d);
    core_table_free(e);
}

static void closed_forms(void)
{
    core_err err;
    st_kappam m;
    /* perfect agreement, two categories: both kappas 1, every jackknife value 1, SE 0 */
    double perfect[4 * 3] = {1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2};
    t_true(st_kappam_fit(perfect, 4, 3, 0.95, &m, &err) == CORE_OK, "perfect agreement fits");
    t_rel(m.fleiss.estimate, 1, TOL_EXACT, "perfect agreement: Fleiss 1");
    t_rel(m.conger.estimate, 1, TOL_EXACT, "perfect agreement: Conger 1");
    t_abs(m.fleiss.se, 0, 1e-15, "perfect agreement: jackknife SE 0");
    st_kappam_free(&m);
    /* raters with identical margins: Conger equals Fleiss (the margins' variance over raters is 0) */
    double same[4 * 2] = {1, 2, 2, 1, 1, 1, 2, 2};
    t_true(st_kappam_fit(same, 4, 2, 0.95, &m, &err) == CORE_OK, "identical margins fit");
    t_rel(m.conger.estimate, m.fleiss.estimate, TOL_EXACT, "identical margins: Conger = Fleiss");
    /* two raters, 4 targets, agreement 2/4, p = (1/2, 1/2): Po = 0.5, Pe = 0.5, kappa = 0 */
    t_abs(m.fleiss.estimate, 0, 1e-15, "Po = Pe: kappa 0");
    st_kappam_free(&m);
    double one[3 * 2] = {3, 3, 3, 3, 3, 3};
    t_true(st_kappam_fit(one, 3, 2, 0.95, &m, &err) == CORE_OK && isnan(m.fleiss.estimate) && m.fleiss.undefined,
           "one category: kappa undefined with a reason");
    st_kappam_free(&m);
    t_true(st_kappam_fit(one, 2, 2, 0.95, &m, &err) == CORE_ERR_USAGE, "two targets refused");
}

typedef struct {
    const double *y;
} mean_ctx;

static double mean_rows(const size_t *rows, size_t m, void *p)
{
    const mean_ctx *c = p;
    double s = 0;
    for (size_t i = 0; i < m; i++)
        s += c->y[rows[i]];
    return m ? s / (double)m : NAN;
}

static double const_rows(const size_t *rows, size_t m, void *p)
{
    (void)rows, (void)m, (void)p;
    return 0.25;
}

static void bootstrap(void)
{
    core_err err;
    /* 20 clusters of 3 rows each; cluster c's rows all hold c */
    size_t n = 60, cl[60];
    double y[60];
    for (size_t i = 0; i < n; i++) {
        cl[i] = i / 3;
        y[i] = (double)(i / 3);
    }
    mean_ctx ctx = {y};
    gsl_rng *a = gsl_rng_alloc(gsl_rng_mt19937), *b = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(a, 11);
    gsl_rng_set(b, 11);
    double se1, lo1, hi1, se2, lo2, hi2;
    size_t u1, u2;
    t_true(st_cluster_bootstrap(n, cl, 20, mean_rows, &ctx, 4000, a, 0.95, &se1, &lo1, &hi1, &u1, &err) == CORE_OK,
           "cluster bootstrap runs");
    t_true(st_cluster_bootstrap(n, cl, 20, mean_rows, &ctx, 4000, b, 0.95, &se2, &lo2, &hi2, &u2, &err) == CORE_OK,
           "cluster bootstrap runs again");
    t_true(se1 == se2 && lo1 == lo2 && hi1 == hi2 && u1 == 4000, "the same seed gives the same SE and interval");
    /* equal cluster sizes: the mean of rows is the mean of the 20 cluster values; its bootstrap SE is
     * sd_pop(0..19) / sqrt(20) = sqrt(33.25 / 20) = 1.2893796958227628; 4000 draws give it to about 1.2% (3 MC SE) */
    double want = sqrt(33.25 / 20);
    t_abs(se1, want, 3 * want / sqrt(2 * 4000.0), "bootstrap SE of a mean of clusters within 3 MC SE of its value");
    t_true(lo1 < 9.5 && hi1 > 9.5, "the percentile interval covers the mean 9.5");
    t_true(st_cluster_bootstrap(n, cl, 20, const_rows, NULL, 100, a, 0.95, &se1, &lo1, &hi1, &u1, &err) == CORE_OK &&
               se1 == 0 && lo1 == 0.25 && hi1 == 0.25, "a constant statistic has SE 0");
    t_true(st_cluster_bootstrap(n, cl, 1, mean_rows, &ctx, 100, a, 0.95, &se1, &lo1, &hi1, &u1, &err) ==
               CORE_ERR_USAGE, "one cluster refused");
    gsl_rng_free(a);
    gsl_rng_free(b);
}

int main(void)
{
    gsl_set_error_handler_off();
    against_r();
    closed_forms();
    bootstrap();
    return t_summary("kappam");
}
