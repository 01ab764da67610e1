/* Agreement between raters: of fidelity reviews, and of any ratings table ([agreement]); see fid.h. */
#include "fidelity/fid.h"

#include "core/core_data.h"
#include "stats/st_kappam.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const KAPPA_METHODS[3] = {"unweighted", "linear", "quadratic"};

static core_status add(core_results *res, core_result_row *row, core_err *err)
{
    row->module = "fidelity";
    if (core_results_add(res, row) != CORE_OK)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    return CORE_OK;
}

/* Six icc rows from one ratings matrix. what = "reviews", "targets"; note appended to the label. */
static core_status icc_rows(const double *x, size_t n, size_t k, double conf, const char *outcome, const char *what,
                            const char *note, core_results *res, core_err *err)
{
    st_icc_result r;
    core_status st;
    if ((st = st_icc(x, n, k, conf, &r, err)) != CORE_OK)
        return st;
    char label[400];
    for (int f = 0; f < ST_ICC_FORMS; f++) {
        const st_estimate *e = &r.form[f];
        core_result_row row = CORE_RESULT_ROW_EMPTY;
        row.analysis = "icc";
        row.outcome = outcome;
        row.method = st_icc_form_names[f];
        row.estimate = e->estimate;
        row.ci_low = e->ci_low;
        row.ci_high = e->ci_high;
        row.statistic = e->statistic;
        row.df = e->df;
        row.p_value = e->p_value;
        row.n = (double)n;
        /* "F(5, 18)": the label carries the denominator df (the df column holds the numerator's). */
        snprintf(label, sizeof label, "F(%g, %g); %zu %s, %zu raters%s%s%s%s", e->df, r.df2[f], n, what, k,
                 note && *note ? "; " : "", note ? note : "", e->undefined ? "; " : "",
                 e->undefined ? e->undefined : "");
        row.label = label;
        if ((st = add(res, &row, err)) != CORE_OK)
            return st;
    }
    return CORE_OK;
}

/* Three kappa rows for one pair of raters. */
static core_status kappa_rows(const double *a, const double *b, size_t n, const double *cats, size_t n_cats,
                              st_kappa_variance kv, double conf, const char *outcome, const char *term,
                              const char *note, core_results *res, core_err *err)
{
    char label[400];
    for (int w = 0; w < 3; w++) {
        core_result_row row = CORE_RESULT_ROW_EMPTY;
        row.analysis = "kappa";
        row.outcome = outcome;
        row.term = term;
        row.method = KAPPA_METHODS[w];
        row.n = (double)n;
        if (n < 2) {
            snprintf(label, sizeof label, "%zu paired rating%s: kappa needs at least 2", n, n == 1 ? "" : "s");
            row.label = label;
        } else {
            st_estimate e;
            size_t k;
            core_status st = st_kappa_cohen(a, b, n, cats, n_cats, (st_kappa_weights)w, kv, conf, &e, &k, err);
            if (st != CORE_OK)
                return st;
            row.estimate = e.estimate;
            row.se = e.se;
            row.ci_low = e.ci_low;
            row.ci_high = e.ci_high;
            snprintf(label, sizeof label, "%zu categories%s%s; %s variance%s%s", k, note && *note ? "; " : "",
                     note ? note : "", kv == ST_KAPPA_VAR_PSYCH ? "psych 2.2.9" : "Fleiss-Cohen-Everitt",
                     e.undefined ? "; " : "", e.undefined ? e.undefined : "");
            row.label = label;
        }
        core_status st = add(res, &row, err);
        if (st != CORE_OK)
            return st;
    }
    return CORE_OK;
}

/* Fleiss' kappa with its test under no agreement; then, from st_kappam, Fleiss' and Conger's kappa with jackknife
 * intervals over the targets and the category-specific kappas. */
static core_status fleiss_row(const double *x, size_t n, size_t k, double conf, const char *outcome,
                              const char *what, core_results *res, core_err *err)
{
    st_estimate e;
    core_status st;
    if ((st = st_kappa_fleiss(x, n, k, &e, err)) != CORE_OK)
        return st;
    char label[400];
    core_result_row row = CORE_RESULT_ROW_EMPTY;
    row.analysis = "fleiss_kappa";
    row.outcome = outcome;
    row.method = "fleiss";
    row.estimate = e.estimate;
    row.se = e.se;
    row.statistic = e.statistic;
    row.p_value = e.p_value;
    row.n = (double)n;
    snprintf(label, sizeof label, "%zu %s, %zu raters; SE under no agreement beyond chance (Fleiss, Nee & Landis "
             "1979), no interval%s%s", n, what, k, e.undefined ? "; " : "", e.undefined ? e.undefined : "");
    row.label = label;
    if ((st = add(res, &row, err)) != CORE_OK || n < 3)
        return st;
    st_kappam m;
    if ((st = st_kappam_fit(x, n, k, conf, &m, err)) != CORE_OK)
        return st;
    static const char *const methods[2] = {"fleiss_jackknife", "conger_jackknife"};
    for (int w = 0; w < 2 && st == CORE_OK; w++) {
        const st_estimate *q = w ? &m.conger : &m.fleiss;
        core_result_row j = CORE_RESULT_ROW_EMPTY;
        j.analysis = "fleiss_kappa";
        j.outcome = outcome;
        j.method = methods[w];
        j.estimate = q->estimate;
        j.se = q->se;
        j.ci_low = q->ci_low;
        j.ci_high = q->ci_high;
        j.statistic = q->statistic;
        j.df = q->df;
        j.p_value = q->p_value;
        j.n = (double)n;
        snprintf(label, sizeof label, "%s kappa; SE and t interval by the jackknife over the %zu %s (%zu raters)%s%s",
                 w ? "Conger's exact (each rater's own margins)" : "Fleiss'", n, what, k, q->undefined ? "; " : "",
                 q->undefined ? q->undefined : "");
        j.label = label;
        st = add(res, &j, err);
    }
    for (size_t c = 0; c < m.n_cats && st == CORE_OK; c++) {
        char term[64];
        snprintf(term, sizeof term, "%.15g", m.cat_value[c]);
        const st_estimate *q = &m.category[c];
        core_result_row j = CORE_RESULT_ROW_EMPTY;
        j.analysis = "category_kappa";
        j.outcome = outcome;
        j.term = term;
        j.method = "fleiss_nee_landis";
        j.estimate = q->estimate;
        j.se = q->se;
        j.statistic = q->statistic;
        j.p_value = q->p_value;
        j.n = (double)n;
        snprintf(label, sizeof label, "agreement on category %s beyond chance; SE under no agreement (a test, not an "
                 "interval)%s%s", term, q->undefined ? "; " : "", q->undefined ? q->undefined : "");
        j.label = label;
        st = add(res, &j, err);
    }
    st_kappam_free(&m);
    return st;
}

/* ---------------------------------------------------------- fidelity reviews ---- */

core_status fid_rows_agreement(const fid_data *d, double conf, core_results *res, core_err *err)
{
    if (d->spec->layout != FID_LAYOUT_RATERS)
        return CORE_OK;
    const fid_scale *s = d->scale;
    size_t ni = s->n_items;
    /* k = the fewest raters among reviews with two or more; rater slots are the raters in name order. */
    size_t k = 0, n_multi = 0;
    for (size_t r = 0; r < d->n_reviews; r++) {
        size_t m = d->reviews[r].n_raters;
        if (m >= 2) {
            n_multi++;
            if (k == 0 || m < k)
                k = m;
        }
    }
    char label[400], note[300];
    core_status st = CORE_OK;
    if (n_multi == 0) {
        core_result_row row = CORE_RESULT_ROW_EMPTY;
        row.analysis = "icc";
        row.outcome = "total";
        row.method = "icc1";
        row.n = 0;
        row.label = "no review has two or more raters: agreement cannot be estimated";
        return add(res, &row, err);
    }
    /* Are the raters the same people in every review (then the two-way forms fit)? */
    int same = 1;
    const fid_review *ref = NULL;
    for (size_t r = 0; r < d->n_reviews; r++) {
        const fid_review *rv = &d->reviews[r];
        if (rv->n_raters < 2)
            continue;
        if (!ref)
            ref = rv;
        for (size_t m = 0; m < k; m++)
            same &= strcmp(rv->rater_names[m], ref->rater_names[m]) == 0;
    }
    double *tot = malloc(n_multi * k * sizeof *tot);
    double *pa = malloc(d->n_reviews * ni * sizeof *pa), *pb = malloc(d->n_reviews * ni * sizeof *pb);
    double *all = malloc(d->n_reviews * ni * k * sizeof *all);
    double *cats = malloc((size_t)(s->max - s->min + 1) * sizeof *cats);
    if (!tot || !pa || !pb || !all || !cats) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (int v = s->min; v <= s->max; v++)
        cats[v - s->min] = v;
    size_t n_cats = (size_t)(s->max - s->min + 1);
    /* ICC of the review totals (complete: every one of the k raters has a total). */
    size_t nt = 0, incomplete = 0;
    for (size_t r = 0; r < d->n_reviews; r++) {
        const fid_review *rv = &d->reviews[r];
        if (rv->n_raters < 2)
            continue;
        int ok = 1;
        for (size_t m = 0; m < k; m++)
            ok &= !isnan(d->row_total[rv->rows[m]]);
        if (!ok) {
            incomplete++;
            continue;
        }
        for (size_t m = 0; m < k; m++)
            tot[nt * k + m] = d->row_total[rv->rows[m]];
        nt++;
    }
    snprintf(note, sizeof note, "%s%s", same ? "the same raters in every review" :
             "raters differ between reviews: icc1 is the form that fits",
             incomplete ? "; reviews where a rater's total is missing left out" : "");
    if (nt >= 2) {
        if ((st = icc_rows(tot, nt, k, conf, "total", "reviews", note, res, err)) != CORE_OK)
            goto done;
    } else {
        core_result_row row = CORE_RESULT_ROW_EMPTY;
        row.analysis = "icc";
        row.outcome = "total";
        row.method = "icc1";
        row.n = (double)nt;
        snprintf(label, sizeof label, "%zu review%s with every rater's total: the ICC needs at least 2", nt,
                 nt == 1 ? "" : "s");
        row.label = label;
        if ((st = add(res, &row, err)) != CORE_OK)
            goto done;
    }
    /* Cohen's kappa on item ratings, pooled over items and reviews, for each pair of rater slots. */
    for (size_t m1 = 0; m1 < k; m1++)
        for (size_t m2 = m1 + 1; m2 < k; m2++) {
            size_t n = 0, n_rev = 0;
            for (size_t r = 0; r < d->n_reviews; r++) {
                const fid_review *rv = &d->reviews[r];
                if (rv->n_raters < 2)
                    continue;
                n_rev++;
                for (size_t j = 0; j < ni; j++) {
                    double a = d->scored[rv->rows[m1] * ni + j], b = d->scored[rv->rows[m2] * ni + j];
                    if (isnan(a) || isnan(b))
                        continue;
                    pa[n] = a;
                    pb[n++] = b;
                }
            }
            char term[300];
            if (same)
                snprintf(term, sizeof term, "%s vs %s", ref->rater_names[m1], ref->rater_names[m2]);
            else
                snprintf(term, sizeof term, "rater %zu vs rater %zu", m1 + 1, m2 + 1);
            snprintf(note, sizeof note, "item ratings pooled over %zu items and %zu reviews; scale %d-%d%s", ni, n_rev,
                     s->min, s->max, same ? "" : "; raters in name order within each review");
            if ((st = kappa_rows(pa, pb, n, cats, n_cats, d->spec->kappa_variance, conf, "items", term, note, res,
                                 err)) != CORE_OK)
                goto done;
        }
    /* Fleiss' kappa when three or more raters. */
    if (k >= 3) {
        size_t n = 0;
        for (size_t r = 0; r < d->n_reviews; r++) {
            const fid_review *rv = &d->reviews[r];
            if (rv->n_raters < 2)
                continue;
            for (size_t j = 0; j < ni; j++) {
                int ok = 1;
                for (size_t m = 0; m < k; m++)
                    ok &= !isnan(d->scored[rv->rows[m] * ni + j]);
                if (!ok)
                    continue;
                for (size_t m = 0; m < k; m++)
                    all[n * k + m] = d->scored[rv->rows[m] * ni + j];
                n++;
            }
        }
        if (n >= 2 && (st = fleiss_row(all, n, k, conf, "items", "item ratings", res, err)) != CORE_OK)
            goto done;
    }
    /* Per item: share of reviews where the raters gave the same score (and within one point). */
    for (size_t j = 0; j < ni; j++) {
        size_t n = 0, exact = 0, within = 0;
        for (size_t r = 0; r < d->n_reviews; r++) {
            const fid_review *rv = &d->reviews[r];
            if (rv->n_raters < 2)
                continue;
            double lo = INFINITY, hi = -INFINITY;
            int ok = 1;
            for (size_t m = 0; m < rv->n_raters; m++) {
                double v = d->scored[rv->rows[m] * ni + j];
                if (isnan(v))
                    ok = 0;
                else {
                    lo = fmin(lo, v);
                    hi = fmax(hi, v);
                }
            }
            if (!ok)
                continue;
            n++;
            exact += hi == lo;
            within += hi - lo <= 1;
        }
        core_result_row row = CORE_RESULT_ROW_EMPTY;
        row.analysis = "item_agreement";
        row.outcome = s->items[j].name;
        row.method = "exact";
        row.n = (double)n;
        if (n) {
            row.estimate = (double)exact / (double)n;
            snprintf(label, sizeof label, "%zu/%zu reviews with the same score; %zu/%zu within one point", exact, n,
                     within, n);
        } else {
            snprintf(label, sizeof label, "no review where every rater scored this item");
        }
        row.label = label;
        if ((st = add(res, &row, err)) != CORE_OK)
            goto done;
    }
done:
    free(tot), free(pa), free(pb), free(all), free(cats);
    return st;
}

/* ------------------------------------------------------------ [agreement] ---- */

core_status fid_ratings_agreement(const fid_ratings *rt, double conf, core_results *res, core_err *err)
{
    const core_table *t = rt->table;
    size_t n = t->n_rows, k = rt->k;
    char where[600], buf[256], note[300];
    double *x = malloc((n ? n : 1) * k * sizeof *x), *complete = malloc((n ? n : 1) * k * sizeof *complete);
    double *pa = malloc((n ? n : 1) * sizeof *pa), *pb = malloc((n ? n : 1) * sizeof *pb);
    core_status st = CORE_OK;
    if (!x || !complete || !pa || !pb) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < k; j++) {
            double v;
            int r = core_cell_number(t, rt->cols[j], i, &v);
            if (r < 0) {
                st = core_err_set(err, CORE_ERR_DATA, "%s: '%s' is not a number; ratings are numbers (categories "
                                  "coded 1, 2, ...; empty = missing)" CORE_MISSING_HINT,
                                  core_cell_where(t, rt->cols[j], i, where, sizeof where),
                                  core_cell_text(t, rt->cols[j], i, buf, sizeof buf));
                goto done;
            }
            x[i * k + j] = r == 1 ? v : NAN;
            if (r == 1 && rt->categories) {
                int known = 0;
                for (size_t c = 0; c < rt->n_categories; c++)
                    known |= v == rt->categories[c];
                if (!known) {
                    st = core_err_set(err, CORE_ERR_DATA, "%s: rating %g is not one of the categories listed in "
                                      "[agreement] categories", core_cell_where(t, rt->cols[j], i, where, sizeof where),
                                      v);
                    goto done;
                }
            }
        }
    size_t nc = 0;
    for (size_t i = 0; i < n; i++) {
        int ok = 1;
        for (size_t j = 0; j < k; j++)
            ok &= !isnan(x[i * k + j]);
        if (ok)
            memcpy(&complete[nc++ * k], &x[i * k], k * sizeof *x);
    }
    if (nc < 2) {
        /* say which rater column is emptiest: a one-rater table is the usual cause */
        size_t worst = 0, worst_missing = 0;
        for (size_t j = 0; j < k; j++) {
            size_t m = 0;
            for (size_t i = 0; i < n; i++)
                m += isnan(x[i * k + j]) != 0;
            if (m > worst_missing)
                worst = j, worst_missing = m;
        }
        st = core_err_set(err, CORE_ERR_DATA, "%s: %zu target%s rated by all %zu raters; agreement needs at least 2 "
                          "targets each rated by every rater (column '%s' has %zu of %zu ratings missing)",
                          t->source, nc, nc == 1 ? " is" : "s are", k, rt->names[worst], worst_missing, n);
        goto done;
    }
    if (nc < n)
        snprintf(note, sizeof note, "%zu of %zu targets with a missing rating left out", n - nc, n);
    else
        note[0] = '\0';
    if ((st = icc_rows(complete, nc, k, conf, rt->outcome, "targets", note, res, err)) != CORE_OK)
        goto done;
    if (k > 2 && (st = fleiss_row(complete, nc, k, conf, rt->outcome, "targets", res, err)) != CORE_OK)
        goto done;
    for (size_t a = 0; a < k; a++)
        for (size_t b = a + 1; b < k; b++) {
            size_t m = 0;
            for (size_t i = 0; i < n; i++)
                if (!isnan(x[i * k + a]) && !isnan(x[i * k + b])) {
                    pa[m] = x[i * k + a];
                    pb[m++] = x[i * k + b];
                }
            char term[300];
            snprintf(term, sizeof term, "%s vs %s", rt->names[a], rt->names[b]);
            snprintf(note, sizeof note, "%s", rt->categories ? "configured categories" : "categories observed");
            if ((st = kappa_rows(pa, pb, m, rt->categories, rt->n_categories, rt->kappa_variance, conf, rt->outcome,
                                 term, note, res, err)) != CORE_OK)
                goto done;
        }
done:
    free(x), free(complete), free(pa), free(pb);
    return st;
}

/* ------------------------------------------ clustered item ratings: bootstrap over reviews ---- */

typedef struct kappa_boot_ctx {
    const double *a, *b; /* paired item ratings */
    const double *cats;
    size_t n_cats;
    st_kappa_weights w;
    st_kappa_variance kv;
    double *ra, *rb;     /* scratch for a resample */
} kappa_boot_ctx;

static double kappa_of_rows(const size_t *rows, size_t m, void *p)
{
    kappa_boot_ctx *c = p;
    for (size_t i = 0; i < m; i++) {
        c->ra[i] = c->a[rows[i]];
        c->rb[i] = c->b[rows[i]];
    }
    st_estimate e;
    size_t k;
    core_err err;
    if (m < 2 || st_kappa_cohen(c->ra, c->rb, m, c->cats, c->n_cats, c->w, c->kv, 0.95, &e, &k, &err) != CORE_OK)
        return NAN;
    return e.estimate;
}

core_status fid_rows_agreement_clustered(const fid_data *d, double conf, size_t B, gsl_rng *rng, core_results *res,
                                         core_err *err)
{
    if (d->spec->layout != FID_LAYOUT_RATERS || B == 0 || !rng)
        return CORE_OK;
    const fid_scale *s = d->scale;
    size_t ni = s->n_items, k = 0;
    for (size_t r = 0; r < d->n_reviews; r++) {
        size_t m = d->reviews[r].n_raters;
        if (m >= 2 && (k == 0 || m < k))
            k = m;
    }
    if (k < 2)
        return CORE_OK;
    size_t cap = d->n_reviews * ni;
    /* a resample of whole reviews holds at most (reviews x items) ratings, as the data */
    double *pa = malloc(cap * sizeof *pa), *pb = malloc(cap * sizeof *pb), *ra = malloc(cap * sizeof *ra),
           *rb = malloc(cap * sizeof *rb);
    size_t *cl = malloc(cap * sizeof *cl);
    double *cats = malloc((size_t)(s->max - s->min + 1) * sizeof *cats);
    core_status st = CORE_OK;
    if (!pa || !pb || !ra || !rb || !cl || !cats) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    size_t n_cats = (size_t)(s->max - s->min + 1);
    for (int v = s->min; v <= s->max; v++)
        cats[v - s->min] = v;
    char label[400], method[64];
    for (size_t m1 = 0; m1 < k && st == CORE_OK; m1++)
        for (size_t m2 = m1 + 1; m2 < k && st == CORE_OK; m2++) {
            size_t n = 0, nc = 0;
            for (size_t r = 0; r < d->n_reviews; r++) {
                const fid_review *rv = &d->reviews[r];
                if (rv->n_raters < 2)
                    continue;
                size_t before = n;
                for (size_t j = 0; j < ni; j++) {
                    double a = d->scored[rv->rows[m1] * ni + j], b = d->scored[rv->rows[m2] * ni + j];
                    if (isnan(a) || isnan(b))
                        continue;
                    pa[n] = a;
                    pb[n] = b;
                    cl[n++] = nc;
                }
                nc += n > before;
            }
            if (nc < 2 || n < 2)
                continue;
            const fid_review *ref = NULL;
            int same = 1;
            for (size_t r = 0; r < d->n_reviews; r++) {
                const fid_review *rv = &d->reviews[r];
                if (rv->n_raters < k)
                    continue;
                if (!ref)
                    ref = rv;
                for (size_t m = 0; m < k; m++)
                    same &= strcmp(rv->rater_names[m], ref->rater_names[m]) == 0;
            }
            char term[300];
            if (same && ref)
                snprintf(term, sizeof term, "%s vs %s", ref->rater_names[m1], ref->rater_names[m2]);
            else
                snprintf(term, sizeof term, "rater %zu vs rater %zu", m1 + 1, m2 + 1);
            for (int w = 0; w < 3 && st == CORE_OK; w++) {
                kappa_boot_ctx c = {pa, pb, cats, n_cats, (st_kappa_weights)w, d->spec->kappa_variance, ra, rb};
                st_estimate e;
                size_t kk;
                if ((st = st_kappa_cohen(pa, pb, n, cats, n_cats, (st_kappa_weights)w, d->spec->kappa_variance, conf,
                                         &e, &kk, err)) != CORE_OK)
                    break;
                double se, lo, hi;
                size_t used;
                if ((st = st_cluster_bootstrap(n, cl, nc, kappa_of_rows, &c, B, rng, conf, &se, &lo, &hi, &used,
                                               err)) != CORE_OK)
                    break;
                core_result_row row = CORE_RESULT_ROW_EMPTY;
                snprintf(method, sizeof method, "%s_cluster_bootstrap", KAPPA_METHODS[w]);
                row.analysis = "kappa";
                row.outcome = "items";
                row.term = term;
                row.method = method;
                row.estimate = e.estimate;
                row.se = se;
                row.ci_low = lo;
                row.ci_high = hi;
                row.n = (double)n;
                snprintf(label, sizeof label, "%zu item ratings in %zu reviews; SE and percentile interval from %zu "
                         "resamples of whole reviews (items are clustered within reviews; the delta-method SE treats "
                         "every rating as independent)%s", n, nc, used,
                         used < B ? "; resamples where kappa was undefined left out" : "");
                row.label = label;
                st = add(res, &row, err);
            }
        }
done:
    free(pa);
    free(pb);
    free(ra);
    free(rb);
    free(cl);
    free(cats);
    return st;
}
