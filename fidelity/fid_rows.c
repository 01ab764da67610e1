/* Scores, trends and the items that hold a site back, as SPEC §4 rows (see fid.h). */
#include "fidelity/fid.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static core_status add(core_results *res, core_result_row *row, core_err *err)
{
    row->module = "fidelity";
    if (core_results_add(res, row) != CORE_OK)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    return CORE_OK;
}

/* "Good fidelity; consensus row" etc. */
static void total_label(const fid_data *d, const fid_review *rv, char *buf, size_t size)
{
    const char *band = fid_scale_band(d->scale, rv->total);
    if (band)
        snprintf(buf, size, "%s; %s", band, rv->note);
    else
        snprintf(buf, size, "%s", rv->note);
}

core_status fid_rows_scores(const fid_data *d, double conf, core_results *res, core_err *err)
{
    const fid_scale *s = d->scale;
    core_status st;
    char label[400];
    for (size_t r = 0; r < d->n_reviews; r++) {
        const fid_review *rv = &d->reviews[r];
        const char *method = fid_method_names[rv->method];
        for (size_t j = 0; j < s->n_items; j++) {
            core_result_row row = CORE_RESULT_ROW_EMPTY;
            row.analysis = "item_score";
            row.outcome = s->items[j].name;
            row.timepoint = rv->round;
            row.term = rv->site;
            row.method = method;
            row.estimate = rv->item[j];
            /* raters who scored the item */
            size_t n = 0;
            for (size_t m = 0; m < rv->n_raters; m++)
                n += !isnan(d->scored[rv->rows[m] * s->n_items + j]);
            row.n = rv->consensus_row >= 0 ? (double)(n ? n : 1) : (double)n;
            if (isnan(rv->item[j]))
                row.label = "not scored";
            else if (s->items[j].reverse)
                row.label = "reverse-scored";
            if ((st = add(res, &row, err)) != CORE_OK)
                return st;
        }
        for (size_t k = 0; k < s->n_sections; k++) {
            core_result_row row = CORE_RESULT_ROW_EMPTY;
            row.analysis = "section_score";
            row.outcome = s->sections[k];
            row.timepoint = rv->round;
            row.term = rv->site;
            row.method = method;
            row.estimate = rv->section[k];
            if (isnan(rv->section[k]))
                row.label = "an item of the section is missing: subtotal missing";
            if ((st = add(res, &row, err)) != CORE_OK)
                return st;
        }
        core_result_row row = CORE_RESULT_ROW_EMPTY;
        row.analysis = "total_score";
        row.outcome = s->name;
        row.timepoint = rv->round;
        row.term = rv->site;
        row.method = method;
        row.estimate = rv->total;
        row.n = (double)rv->total_n;
        if (rv->method == FID_MEAN_OF_RESPONDENTS && rv->total_n > 1 && !isnan(rv->total_sd)) {
            double df = (double)rv->total_n - 1;
            row.se = rv->total_sd / sqrt((double)rv->total_n);
            double q = gsl_cdf_tdist_Qinv((1 - conf) / 2, df);
            row.ci_low = rv->total - q * row.se;
            row.ci_high = rv->total + q * row.se;
            row.df = df;
        }
        total_label(d, rv, label, sizeof label);
        row.label = label;
        if ((st = add(res, &row, err)) != CORE_OK)
            return st;
    }
    /* Each site's mean total over its reviews (the fidelity of the fidelity–outcome link). */
    for (size_t si = 0; si < d->n_sites; si++) {
        double sum = 0;
        size_t n = 0, all = 0;
        for (size_t r = 0; r < d->n_reviews; r++)
            if (d->reviews[r].site_ix == si) {
                all++;
                if (!isnan(d->reviews[r].total)) {
                    sum += d->reviews[r].total;
                    n++;
                }
            }
        core_result_row row = CORE_RESULT_ROW_EMPTY;
        row.analysis = "total_score";
        row.outcome = s->name;
        row.timepoint = "all";
        row.term = d->sites[si];
        row.method = "mean_of_reviews";
        row.estimate = n ? sum / (double)n : NAN;
        row.n = (double)n;
        if (n < all)
            snprintf(label, sizeof label, "mean of %zu of %zu reviews (%zu without a total)", n, all, all - n);
        else
            snprintf(label, sizeof label, "mean of %zu review%s", n, n == 1 ? "" : "s");
        if (!n)
            snprintf(label, sizeof label, "no review of this site has a total");
        row.label = label;
        if ((st = add(res, &row, err)) != CORE_OK)
            return st;
    }
    return CORE_OK;
}

typedef struct low_item {
    size_t item;
    double score;
} low_item;

static int cmp_low(const void *a, const void *b)
{
    const low_item *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? -1 : 1;
    return (x->item > y->item) - (x->item < y->item);
}

core_status fid_rows_trends(const fid_data *d, core_results *res, core_err *err)
{
    const fid_scale *s = d->scale;
    core_status st;
    char label[600];
    /* "At or below the midpoint" = scored 1-3 on a 1-5 scale (DOMAIN-models.md §2). */
    double threshold = floor((s->min + s->max) / 2.0);
    low_item *low = malloc((s->n_items ? s->n_items : 1) * sizeof *low);
    if (!low)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    for (size_t si = 0; si < d->n_sites; si++) {
        const fid_review *first = NULL, *last = NULL;
        size_t n_rev = 0;
        for (size_t r = 0; r < d->n_reviews; r++) {
            const fid_review *rv = &d->reviews[r];
            if (rv->site_ix != si)
                continue;
            n_rev++;
            if (!first && !isnan(rv->total))
                first = rv;
            last = rv;
            if (first && rv != first) {
                core_result_row row = CORE_RESULT_ROW_EMPTY;
                row.analysis = "total_change";
                row.outcome = s->name;
                row.timepoint = rv->round;
                row.term = rv->site;
                row.method = "since_first";
                row.estimate = rv->total - first->total;
                snprintf(label, sizeof label, "change since review %s (%s)", first->round,
                         isnan(rv->total) ? "this review has no total" : "total minus first total");
                row.label = label;
                if ((st = add(res, &row, err)) != CORE_OK)
                    goto done;
            }
        }
        if (!last)
            continue;
        /* Items at or below the threshold at the latest review, lowest first, with the next anchor. */
        size_t n_low = 0;
        for (size_t j = 0; j < s->n_items; j++)
            if (!isnan(last->item[j]) && last->item[j] <= threshold)
                low[n_low++] = (low_item){.item = j, .score = last->item[j]};
        qsort(low, n_low, sizeof *low, cmp_low);
        for (size_t q = 0; q < n_low; q++) {
            size_t j = low[q].item;
            size_t stayed = 0, scored = 0;
            for (size_t r = 0; r < d->n_reviews; r++)
                if (d->reviews[r].site_ix == si && !isnan(d->reviews[r].item[j])) {
                    scored++;
                    stayed += d->reviews[r].item[j] <= threshold;
                }
            int next = (int)floor(low[q].score) + 1;
            const fid_item *it = &s->items[j];
            /* The raw value whose anchor describes the next level (reverse items count downwards). */
            int raw = it->reverse ? s->min + s->max - next : next;
            const char *anchor = raw >= s->min && raw <= s->max ? it->anchors[raw - s->min] : NULL;
            char when[120];
            if (stayed == scored && scored > 1)
                snprintf(when, sizeof when, "Scored %g or below in all %zu reviews", threshold, scored);
            else if (scored > 1)
                snprintf(when, sizeof when, "Scored %g or below in %zu of %zu reviews", threshold, stayed, scored);
            else
                snprintf(when, sizeof when, "Scored %g or below at the one review", threshold);
            /* the anchor of the next level, or where it would come from: never a text of our own */
            if (anchor)
                snprintf(label, sizeof label, "%s; a score of %d means: %s", when, next, anchor);
            else if (s->anchors_file)
                snprintf(label, sizeof label, "%s; the scale's text for a score of %d is not in %s (add it there)",
                         when, next, s->anchors_file);
            else
                snprintf(label, sizeof label, "%s; the scale's text for a score of %d is not built in (name a file "
                         "of anchor texts with anchors = in [scale:%s])", when, next, s->name);
            core_result_row row = CORE_RESULT_ROW_EMPTY;
            row.analysis = "items_to_improve";
            row.outcome = it->name;
            row.timepoint = last->round;
            row.term = d->sites[si];
            row.method = stayed == scored && scored > 1 ? "stayed_low" : "latest_low";
            row.estimate = low[q].score;
            row.n = (double)stayed;
            row.label = label;
            if ((st = add(res, &row, err)) != CORE_OK)
                goto done;
        }
        (void)n_rev;
    }
    st = CORE_OK;
done:
    free(low);
    return st;
}

core_status fid_rows_alpha(const fid_data *d, double conf, core_results *res, core_err *err)
{
    const fid_scale *s = d->scale;
    size_t ni = s->n_items;
    if (ni < 2)
        return CORE_OK;
    /* Cases: reviews (their item scores), or respondents in a survey. */
    int resp = d->spec->layout == FID_LAYOUT_RESPONDENTS;
    size_t n_cases = resp ? d->table->n_rows : d->n_reviews, n = 0, dropped = 0;
    double *x = malloc((n_cases ? n_cases : 1) * ni * sizeof *x), *drop = malloc(ni * sizeof *drop);
    if (!x || !drop) {
        free(x), free(drop);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t c = 0; c < n_cases; c++) {
        const double *v = resp ? &d->scored[c * ni] : d->reviews[c].item;
        int complete = 1;
        for (size_t j = 0; j < ni; j++)
            complete &= !isnan(v[j]);
        if (!complete) {
            dropped++;
            continue;
        }
        memcpy(&x[n * ni], v, ni * sizeof *x);
        n++;
    }
    st_estimate e;
    core_status st = CORE_OK;
    char label[300];
    const char *unit = resp ? "respondents" : "reviews";
    core_result_row row = CORE_RESULT_ROW_EMPTY;
    row.analysis = "cronbach_alpha";
    row.outcome = s->name;
    row.method = "raw";
    row.n = (double)n;
    if (n < 3) {
        snprintf(label, sizeof label, "%zu %s with every item scored: too few for alpha (needs 3)", n, unit);
        row.label = label;
        st = add(res, &row, err);
        goto done;
    }
    if ((st = st_cronbach_alpha(x, n, ni, conf, &e, drop, err)) != CORE_OK)
        goto done;
    row.estimate = e.estimate;
    row.ci_low = e.ci_low;
    row.ci_high = e.ci_high;
    if (e.undefined)
        snprintf(label, sizeof label, "%s", e.undefined);
    else
        snprintf(label, sizeof label, "%zu items over %zu %s%s; Feldt interval", ni, n, unit,
                 dropped ? " with every item scored" : "");
    row.label = label;
    if ((st = add(res, &row, err)) != CORE_OK || ni < 3)
        goto done;
    for (size_t j = 0; j < ni; j++) {
        core_result_row r2 = CORE_RESULT_ROW_EMPTY;
        r2.analysis = "cronbach_alpha";
        r2.outcome = s->name;
        r2.term = s->items[j].name;
        r2.method = "if_item_deleted";
        r2.estimate = drop[j];
        r2.n = (double)n;
        if (isnan(drop[j]))
            r2.label = "the total without this item does not vary: undefined";
        if ((st = add(res, &r2, err)) != CORE_OK)
            goto done;
    }
done:
    free(x), free(drop);
    return st;
}

core_status fid_rows_phase_change(const fid_data *d, double conf, core_results *res, core_err *err)
{
    if (d->spec->layout != FID_LAYOUT_RESPONDENTS || d->n_rounds < 2)
        return CORE_OK;
    const core_table *t = d->table;
    size_t first = 0, last = d->n_rounds - 1;
    char tp[300], label[300];
    snprintf(tp, sizeof tp, "%s to %s", d->rounds[first], d->rounds[last]);
    double *a = malloc(t->n_rows * sizeof *a), *b = malloc(t->n_rows * sizeof *b);
    if (!a || !b) {
        free(a), free(b);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    core_status st = CORE_OK;
    /* Per site, then all sites: respondents with a score in both the first and the last phase. */
    for (size_t si = 0; si <= d->n_sites && st == CORE_OK; si++) {
        size_t n = 0;
        const fid_review *r0 = NULL, *r1 = NULL;
        for (size_t r = 0; r < d->n_reviews; r++) {
            const fid_review *rv = &d->reviews[r];
            if (si < d->n_sites && rv->site_ix != si)
                continue;
            if (rv->round_ix != first)
                continue;
            r0 = rv;
            for (size_t q = 0; q < d->n_reviews; q++)
                if (d->reviews[q].site_ix == rv->site_ix && d->reviews[q].round_ix == last)
                    r1 = &d->reviews[q];
            if (!r1)
                continue;
            for (size_t m = 0; m < r0->n_raters; m++)
                for (size_t m2 = 0; m2 < r1->n_raters; m2++)
                    if (strcmp(r0->rater_names[m], r1->rater_names[m2]) == 0) {
                        double x = d->row_total[r0->rows[m]], y = d->row_total[r1->rows[m2]];
                        if (!isnan(x) && !isnan(y)) {
                            a[n] = x;
                            b[n++] = y;
                        }
                    }
            r1 = NULL;
        }
        core_result_row row = CORE_RESULT_ROW_EMPTY;
        row.analysis = "phase_change";
        row.outcome = d->scale->name;
        row.timepoint = tp;
        row.term = si < d->n_sites ? d->sites[si] : "all";
        row.method = "paired_t";
        row.n = (double)n;
        if (n < 2) {
            snprintf(label, sizeof label, "%zu respondent%s scored in both phases: too few for a paired test", n,
                     n == 1 ? "" : "s");
            row.label = label;
        } else {
            st_estimate e;
            if ((st = st_paired_t(a, b, n, conf, &e, err)) != CORE_OK)
                break;
            row.estimate = e.estimate;
            row.se = e.se;
            row.ci_low = e.ci_low;
            row.ci_high = e.ci_high;
            row.statistic = e.statistic;
            row.df = e.df;
            row.p_value = e.p_value;
            snprintf(label, sizeof label, "%s", e.undefined ? e.undefined : "mean change of the same respondents' "
                     "scores (last minus first phase)");
            row.label = label;
        }
        (void)r0;
        st = add(res, &row, err);
    }
    free(a), free(b);
    return st;
}
