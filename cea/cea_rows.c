/* Tidy rows of module "cea" (vocabulary in docs/methods.md, cost-effectiveness from trial data). */
#include "cea/cea.h"
#include "core/core_text.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct rows_ctx {
    core_results *res;
    core_err *err;
    core_status st;
} rows_ctx;

static void add(rows_ctx *c, core_result_row *row)
{
    row->module = "cea";
    if (c->st == CORE_OK && core_results_add(c->res, row) != CORE_OK)
        c->st = core_err_set(c->err, CORE_ERR_NOMEM, "out of memory");
}

/* The bootstrap rows of one estimate: percentile and BCa. */
static void boot_rows(rows_ctx *c, core_result_row base, const cea_est *e, const char *pct, const char *bca,
                      const char *what, long R)
{
    char note[512];
    base.estimate = e->est;
    base.se = e->boot_se;
    base.method = pct;
    base.ci_low = e->pct_lo;
    base.ci_high = e->pct_hi;
    snprintf(note, sizeof note, "%s; percentile interval of %ld bootstrap resamples within arm; se = their SD", what,
             R);
    base.label = note;
    add(c, &base);
    base.method = bca;
    base.ci_low = e->bca_lo;
    base.ci_high = e->bca_hi;
    if (e->bca_undefined)
        snprintf(note, sizeof note, "%s; BCa interval undefined: %s", what, e->bca_undefined);
    else
        snprintf(note, sizeof note, "%s; BCa interval (jackknife acceleration) of %ld bootstrap resamples within arm",
                 what, R);
    base.label = note;
    add(c, &base);
}

static const char *fmt_wtp(double x, char *b, size_t n)
{
    snprintf(b, n, "%.15g", x);
    return b;
}

core_status cea_rows(const cea_spec *s, const cea_data *d, const cea_result *r, core_results *res, core_err *err)
{
    rows_ctx c = {res, err, CORE_OK};
    size_t k = d->k;
    char note[1024], tp[64], term[64];
    const char *ref = d->options[0];
    /* missing data and complete cases */
    for (size_t j = 0; j < k; j++) {
        for (size_t col = 0; col < d->n_cols; col++) {
            int is_cost = col < s->n_costs;
            double month = is_cost ? s->cost_months[col] : s->util_months[col - s->n_costs];
            core_result_row row = CORE_RESULT_ROW_EMPTY;
            row.analysis = "cea_missing";
            row.outcome = d->col_names[col];
            snprintf(tp, sizeof tp, "%.15g", month);
            row.timepoint = tp;
            row.term = d->options[j];
            row.method = is_cost ? "cost" : "utility";
            row.estimate = (double)d->miss[j * d->n_cols + col];
            row.n = (double)d->n_rand[j];
            /* the counts disclosure control reads (reports/rpt_disclose.c): x missing of the arm's n */
            row.counts = core_counts_one(CORE_COUNT_MISSING, row.estimate, row.n);
            snprintf(note, sizeof note, "%ld missing", d->miss[j * d->n_cols + col]);
            row.label = note;
            add(&c, &row);
        }
        core_result_row row = CORE_RESULT_ROW_EMPTY;
        row.analysis = "cea_complete_cases";
        row.term = d->options[j];
        row.method = "complete_cases";
        row.estimate = (double)d->n_cc[j];
        row.n = (double)d->n_rand[j];
        /* x of n analysed: every cost and utility observed (and the site when adjusting for it) */
        row.counts = core_counts_one(CORE_COUNT_ANALYSED, row.estimate, row.n);
        snprintf(note, sizeof note, "%ld of %ld analysed", d->n_cc[j], d->n_rand[j]);
        row.label = note;
        add(&c, &row);
    }
    /* means per option */
    for (size_t j = 0; j < k; j++)
        for (int q = 0; q < 2; q++) {
            const cea_est *e = q ? &r->mean_qaly[j] : &r->mean_cost[j];
            core_result_row row = CORE_RESULT_ROW_EMPTY;
            row.analysis = "cea_mean";
            row.outcome = q ? "qaly" : "cost";
            row.term = d->options[j];
            row.n = (double)d->n_cc[j];
            const char *what = q ? "mean discounted QALYs per participant (area under the utility curve)"
                                 : "mean discounted cost per participant";
            if (r->R > 0)
                boot_rows(&c, row, e, "bootstrap_percentile", "bootstrap_bca", what, r->R);
            else {
                row.estimate = e->est;
                row.method = "sample_mean";
                row.label = what;
                add(&c, &row);
            }
        }
    /* increments against the reference */
    for (size_t j = 1; j < k; j++) {
        for (int m = 0; m < 3; m++) {
            const cea_est *e = m == 0 ? &r->dc[j] : m == 1 ? &r->dq[j] : &r->dq_unadj[j];
            core_result_row row = CORE_RESULT_ROW_EMPTY;
            row.analysis = "cea_incremental";
            row.outcome = m == 0 ? "cost" : "qaly";
            row.term = d->options[j];
            row.n = (double)(d->n_cc[j] + d->n_cc[0]);
            row.estimate = e->est;
            row.se = e->se;
            row.ci_low = e->lo;
            row.ci_high = e->hi;
            row.df = m == 0 ? r->df_cost : m == 1 ? r->df_qaly : (double)d->n - (double)k;
            row.statistic = e->est / e->se;
            row.method = m == 0 ? "ols" : m == 1 ? "ols_adjusted" : "ols_unadjusted";
            const char *site = d->adjust_site ? " + site" : "";
            char what[400];
            if (m == 0)
                snprintf(what, sizeof what, "%s minus %s: cost ~ option%s", d->options[j], ref, site);
            else if (m == 1)
                snprintf(what, sizeof what, "%s minus %s: QALY ~ option + baseline utility%s", d->options[j], ref,
                         site);
            else
                snprintf(what, sizeof what, "%s minus %s: difference in mean QALYs, not adjusted", d->options[j], ref);
            snprintf(note, sizeof note, "%s; classical standard error, t interval", what);
            row.label = note;
            add(&c, &row);
            if (r->R > 0) {
                row.statistic = row.df = NAN;
                boot_rows(&c, row, e, m == 2 ? "bootstrap_percentile_unadjusted" : "bootstrap_percentile",
                          m == 2 ? "bootstrap_bca_unadjusted" : "bootstrap_bca", what, r->R);
            }
        }
        /* the ICER against the reference, its interval only where the cloud stays in one quadrant */
        core_result_row row = CORE_RESULT_ROW_EMPTY;
        row.analysis = "cea_icer";
        row.term = d->options[j];
        row.estimate = r->icer[j];
        row.method = "ratio_of_increments";
        const double *qd = r->quad + 4 * j;
        const char *where = r->dq[j].est > 0 ? (r->dc[j].est > 0 ? "NE" : "SE") : (r->dc[j].est > 0 ? "NW" : "SW");
        if (r->R > 0 && isfinite(r->icer_lo[j])) {
            row.ci_low = r->icer_lo[j];
            row.ci_high = r->icer_hi[j];
            snprintf(note, sizeof note, "%s vs %s, cost per QALY gained (%s quadrant); percentile interval: every "
                     "bootstrap resample lies in the %s quadrant", d->options[j], ref, where, where);
        } else if (r->R > 0) {
            /* the resamples' shares by quadrant, in words, so the reader needs no other row */
            static const char *const qn[] = {"NE", "SE", "SW", "NW"};
            char shares[160] = "";
            for (int q = 0; q < 4; q++)
                if (qd[q] > 0)
                    snprintf(shares + strlen(shares), sizeof shares - strlen(shares), "%s%.1f%% %s",
                             shares[0] ? ", " : "", 100 * qd[q], qn[q]);
            snprintf(note, sizeof note, "%s vs %s (%s quadrant); no ICER interval: the bootstrap resamples fall in "
                     "more than one quadrant (%s); read the incremental net benefit (INMB) at a willingness to pay "
                     "instead", d->options[j], ref, where, shares);
        }
        else
            snprintf(note, sizeof note, "%s vs %s (%s quadrant); no bootstrap", d->options[j], ref, where);
        row.label = note;
        add(&c, &row);
        if (r->R > 0)
            for (int q = 0; q < 4; q++) {
                static const char *const qn[] = {"NE", "SE", "SW", "NW"};
                core_result_row qr = CORE_RESULT_ROW_EMPTY;
                qr.analysis = "cea_quadrant";
                qr.term = d->options[j];
                qr.outcome = qn[q];
                qr.method = "bootstrap";
                qr.estimate = qd[q];
                qr.n = (double)(r->R - r->R_failed);
                snprintf(note, sizeof note, "share of bootstrap resamples of %s vs %s in the %s quadrant (east: more "
                         "QALYs, north: more cost)", d->options[j], ref, qn[q]);
                qr.label = note;
                add(&c, &qr);
            }
    }
    /* the incremental analysis */
    for (size_t j = 0; j < k; j++) {
        const st_ce_option *o = &r->front[j];
        core_result_row row = CORE_RESULT_ROW_EMPTY;
        row.analysis = "cea_frontier";
        row.term = d->options[j];
        row.method = st_ce_status_name(o->status);
        row.estimate = o->icer;
        row.n = (double)(o->cost_rank + 1);
        switch (o->status) {
        case ST_CE_START:
            snprintf(note, sizeof note, "least costly option: the efficiency frontier starts here");
            break;
        case ST_CE_FRONTIER: {
            char dc[64];
            snprintf(note, sizeof note, "next on the efficiency frontier after %s: %s more cost for %.4f more QALYs",
                     d->options[o->prev], core_fmt_whole(o->d_cost, dc, sizeof dc), o->d_effect);
            break;
        }
        case ST_CE_DOMINATED:
            snprintf(note, sizeof note, o->identical ? "dominated: the same cost and QALYs as %s"
                                                     : "dominated by %s (it costs no more and yields no fewer QALYs)",
                     d->options[o->by]);
            break;
        case ST_CE_EXTENDED:
            snprintf(note, sizeof note, "extendedly dominated by %s and %s (a mix of the two gives its QALYs at a "
                     "lower cost)", o->by >= 0 ? d->options[o->by] : "?", o->by2 >= 0 ? d->options[o->by2] : "?");
            break;
        }
        row.label = note;
        add(&c, &row);
    }
    /* net benefit over the willingness-to-pay grid */
    for (size_t w = 0; w < r->n_wtp; w++) {
        fmt_wtp(r->wtp[w], term, sizeof term);
        for (size_t j = 1; j < k; j++) {
            core_result_row row = CORE_RESULT_ROW_EMPTY;
            row.analysis = "cea_inmb";
            row.outcome = d->options[j];
            row.term = term;
            row.method = r->R > 0 ? "bootstrap_percentile" : "point";
            row.estimate = r->inmb[w * k + j];
            row.ci_low = r->inmb_lo[w * k + j];
            row.ci_high = r->inmb_hi[w * k + j];
            snprintf(note, sizeof note, "incremental net monetary benefit of %s vs %s per participant at this "
                     "willingness to pay per QALY", d->options[j], ref);
            row.label = note;
            add(&c, &row);
        }
        if (r->R == 0)
            continue;
        double Rv = (double)(r->R - r->R_failed);
        for (size_t j = 0; j < k; j++) {
            core_result_row row = CORE_RESULT_ROW_EMPTY;
            row.analysis = "cea_ceac";
            row.outcome = d->options[j];
            row.term = term;
            row.method = "bootstrap";
            double p = r->prob[w * k + j];
            row.estimate = p;
            row.se = sqrt(p * (1 - p) / Rv);
            row.n = Rv;
            snprintf(note, sizeof note, "P(%s has the highest net benefit of the %zu options); se is the Monte Carlo "
                     "error", d->options[j], k);
            row.label = note;
            add(&c, &row);
        }
        core_result_row row = CORE_RESULT_ROW_EMPTY;
        row.analysis = "cea_acceptability_frontier";
        row.outcome = d->options[r->best[w]];
        row.term = term;
        row.method = "bootstrap";
        row.estimate = r->prob[w * k + r->best[w]];
        row.n = Rv;
        snprintf(note, sizeof note, "%s has the highest expected net benefit; the probability that it is the most "
                 "cost-effective", d->options[r->best[w]]);
        row.label = note;
        add(&c, &row);
        row = CORE_RESULT_ROW_EMPTY;
        row.analysis = "cea_evpi";
        row.term = term;
        row.method = "bootstrap";
        row.estimate = r->evpi[w];
        row.n = Rv;
        row.label = "expected value of perfect information per participant (mean of the best net benefit minus the "
                    "best mean net benefit)";
        add(&c, &row);
    }
    core_result_row row = CORE_RESULT_ROW_EMPTY;
    row.analysis = "cea_bootstrap";
    row.method = "within_arm";
    row.estimate = (double)r->R;
    row.statistic = (double)r->R_failed;
    row.n = (double)d->n;
    snprintf(note, sizeof note, "%ld resamples of the participants within arm; %ld left out (a regression lost its "
             "rank); costs discounted at %g, QALYs at %g a year", r->R, r->R_failed, s->r_cost, s->r_effect);
    row.label = note;
    add(&c, &row);
    return c.st;
}
