/* The fidelity–outcome link: sites' mean fidelity totals against their trial outcome (see fid.h).
 * With a handful of sites this is description, not proof: the labels say so. Bond et al. (2012,
 * Psychiatr Serv 63:758) found r = .34 between IPS-25 totals and employment over 79 sites. */
#include "fidelity/fid.h"

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

core_status fid_rows_link(const fid_data *d, const fid_site_outcome *so, size_t n_so, const char *outcome,
                          const char *timepoint, fid_link_measure kind, const char *effect_name,
                          const char *treatment, const char *control, double conf, core_results *res, core_err *err)
{
    const char *measure = kind == FID_LINK_EFFECT ? effect_name : "rate";
    size_t m = n_so;
    double *x = malloc((m ? m : 1) * sizeof *x), *y = malloc((m ? m : 1) * sizeof *y),
           *w = malloc((m ? m : 1) * sizeof *w);
    if (!x || !y || !w) {
        free(x), free(y), free(w);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    char label[1400], unmatched[300] = "";
    size_t n = 0, n_unmatched = 0;
    core_status st = CORE_OK;
    for (size_t i = 0; i < n_so && st == CORE_OK; i++) {
        /* the site's mean fidelity total over its reviews */
        double sum = 0;
        size_t k = 0;
        for (size_t r = 0; r < d->n_reviews; r++)
            if (strcmp(d->reviews[r].site, so[i].site) == 0 && !isnan(d->reviews[r].total)) {
                sum += d->reviews[r].total;
                k++;
            }
        const fid_site_outcome *c = &so[i];
        double p1 = c->n1 ? (double)c->x1 / (double)c->n1 : NAN, p0 = c->n0 ? (double)c->x0 / (double)c->n0 : NAN;
        double est = kind == FID_LINK_EFFECT ? p1 - p0 : p1, wt = (double)(kind == FID_LINK_EFFECT ? c->n1 + c->n0 : c->n1);
        char counts[300];
        snprintf(counts, sizeof counts, "%s %ld/%ld, %s %ld/%ld", treatment, c->x1, c->n1, control, c->x0, c->n0);
        core_result_row row = CORE_RESULT_ROW_EMPTY;
        row.analysis = "fidelity_outcome";
        row.outcome = outcome;
        row.timepoint = timepoint;
        row.term = c->site;
        row.method = "site_data";
        row.estimate = est;
        row.statistic = k ? sum / (double)k : NAN; /* the site's mean fidelity total (x of the scatter) */
        row.n = wt;
        row.counts = core_counts_named(core_counts_pair((double)c->x1, (double)c->n1, (double)c->x0, (double)c->n0),
                                       treatment, control);
        if (!k) {
            size_t used = strlen(unmatched);
            snprintf(unmatched + used, sizeof unmatched - used, "%s%s", n_unmatched ? ", " : "", so[i].site);
            n_unmatched++;
            snprintf(label, sizeof label, "%s; no fidelity review of this site: left out of the link", counts);
        } else if (isnan(est)) {
            snprintf(label, sizeof label, "%s; outcome not estimable at this site: left out", counts);
        } else {
            snprintf(label, sizeof label, "%s; statistic = mean fidelity total %.1f over %zu review%s", counts,
                     sum / (double)k, k, k == 1 ? "" : "s");
            x[n] = sum / (double)k;
            y[n] = est;
            w[n++] = wt;
        }
        row.label = label;
        st = add(res, &row, err);
    }
    if (st != CORE_OK)
        goto done;
    char caution[700];
    snprintf(caution, sizeof caution, "%zu sites%s%s%s: an association across so few sites is fragile and not causal "
             "(sites differ in more than fidelity)", n, n_unmatched ? " (without fidelity reviews: " : "",
             n_unmatched ? unmatched : "", n_unmatched ? ")" : "");
    /* Spearman */
    core_result_row row = CORE_RESULT_ROW_EMPTY;
    row.analysis = "fidelity_outcome";
    row.outcome = outcome;
    row.timepoint = timepoint;
    row.term = measure;
    row.method = "spearman";
    row.n = (double)n;
    if (n < 3) {
        snprintf(label, sizeof label, "%s; at least 3 sites with fidelity and outcome are needed", caution);
        row.label = label;
        if ((st = add(res, &row, err)) != CORE_OK)
            goto done;
        row.method = "wls";
        st = add(res, &row, err);
        goto done;
    }
    st_estimate e;
    int exact;
    if ((st = st_spearman(x, y, n, &e, &exact, err)) != CORE_OK)
        goto done;
    row.estimate = e.estimate;
    row.statistic = e.statistic;
    row.p_value = e.p_value;
    row.df = e.df;
    snprintf(label, sizeof label, "Spearman's rho between mean fidelity total and %s; %s p-value; %s%s%s", measure,
             exact ? "exact permutation" : "t-approximation", caution, e.undefined ? "; " : "",
             e.undefined ? e.undefined : "");
    row.label = label;
    if ((st = add(res, &row, err)) != CORE_OK)
        goto done;
    /* Weighted line: outcome on fidelity total, weights = participants analysed per site. */
    core_result_row r2 = CORE_RESULT_ROW_EMPTY;
    r2.analysis = "fidelity_outcome";
    r2.outcome = outcome;
    r2.timepoint = timepoint;
    r2.term = measure;
    r2.method = "wls";
    r2.n = (double)n;
    st_line_result l;
    core_err e2;
    core_err_clear(&e2);
    core_status s2 = st_line_wls(x, y, w, n, conf, &l, &e2);
    if (s2 == CORE_ERR_ANALYSIS) {
        snprintf(label, sizeof label, "%.500s; %s", e2.msg, caution);
    } else if (s2 != CORE_OK) {
        *err = e2;
        st = s2;
        goto done;
    } else {
        r2.estimate = l.slope.estimate;
        r2.se = l.slope.se;
        r2.ci_low = l.slope.ci_low;
        r2.ci_high = l.slope.ci_high;
        r2.statistic = l.slope.statistic;
        r2.df = l.slope.df;
        r2.p_value = l.slope.p_value;
        snprintf(label, sizeof label, "slope of %s per point of the fidelity total (%+.1f percentage points per 10 "
                 "points), weights = participants analysed per site; %s%s%s", measure, 1000 * l.slope.estimate,
                 caution, l.slope.undefined ? "; " : "", l.slope.undefined ? l.slope.undefined : "");
    }
    r2.label = label;
    st = add(res, &r2, err);
done:
    free(x), free(y), free(w);
    return st;
}
