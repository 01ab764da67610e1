/* Binary outcomes at each timepoint: the 2x2 analyses of SPEC §4, as tidy rows. */
#include "rct.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "stats/st_prop.h"

typedef struct cell_ctx {
    core_results *res;
    const char *outcome, *timepoint;
    long n_total;
} cell_ctx;

static core_status add_est(const cell_ctx *c, const char *analysis, const char *method, const st_estimate *e,
                           core_err *err)
{
    core_result_row r = CORE_RESULT_ROW_EMPTY;
    r.module = "rct";
    r.analysis = analysis;
    r.outcome = c->outcome;
    r.timepoint = c->timepoint;
    r.term = "arm";
    r.method = method;
    r.estimate = e->estimate;
    r.se = e->se;
    r.ci_low = e->ci_low;
    r.ci_high = e->ci_high;
    r.statistic = e->statistic;
    r.df = e->df;
    r.p_value = e->p_value;
    r.n = (double)c->n_total;
    r.label = e->undefined;
    if (core_results_add(c->res, &r) != CORE_OK)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    return CORE_OK;
}

static core_status arm_row(const cell_ctx *c, const char *level, long x, long n, double conf, core_err *err)
{
    core_result_row r = CORE_RESULT_ROW_EMPTY;
    char label[64];
    r.module = "rct";
    r.analysis = "arm_summary";
    r.outcome = c->outcome;
    r.timepoint = c->timepoint;
    r.term = level;
    r.method = "wilson";
    r.n = (double)n;
    snprintf(label, sizeof label, "%ld/%ld", x, n);
    r.label = label;
    if (n > 0) {
        double p = (double)x / (double)n;
        r.estimate = p;
        r.se = sqrt(p * (1 - p) / (double)n);
        core_status st = st_wilson(x, n, conf, &r.ci_low, &r.ci_high, err);
        if (st != CORE_OK)
            return st;
    } else {
        snprintf(label, sizeof label, "0/0: no participant with an observed outcome in this arm");
    }
    if (core_results_add(c->res, &r) != CORE_OK)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    return CORE_OK;
}

core_status rct_binary_analyse(const rct_spec *s, const rct_trial *tr, core_results *res, core_err *err)
{
    const core_table *t = tr->table;
    core_status st;
    for (size_t k = 0; k < s->n_outcomes; k++) {
        const rct_outcome_spec *o = &s->outcomes[k];
        if (o->type != RCT_BINARY)
            continue;
        for (size_t j = 0; j < o->n_columns; j++) {
            size_t col = tr->col_index[tr->outcome_cols[k] + j];
            long x1 = 0, n1 = 0, x0 = 0, n0 = 0;
            for (size_t i = 0; i < tr->n; i++) {
                double v;
                if (core_cell_number(t, col, i, &v) != 1)
                    continue;
                if (tr->arm[i]) {
                    n1++;
                    x1 += v == 1;
                } else {
                    n0++;
                    x0 += v == 1;
                }
            }
            cell_ctx c = {.res = res,
                          .outcome = o->name,
                          .timepoint = o->n_columns > 1 ? s->timepoints[j] : NULL,
                          .n_total = n1 + n0};
            if ((st = arm_row(&c, s->treatment, x1, n1, s->confidence, err)) != CORE_OK ||
                (st = arm_row(&c, s->control, x0, n0, s->confidence, err)) != CORE_OK)
                return st;
            if (n1 == 0 || n0 == 0) {
                /* Nothing to compare; say so in one row rather than a row of blanks per analysis. */
                core_result_row r = CORE_RESULT_ROW_EMPTY;
                r.module = "rct";
                r.analysis = "risk_difference";
                r.outcome = c.outcome;
                r.timepoint = c.timepoint;
                r.term = "arm";
                r.method = "newcombe";
                r.label = "not estimable: one arm has no observed outcome at this timepoint";
                if (core_results_add(res, &r) != CORE_OK)
                    return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                continue;
            }
            st_estimate e;
            double conf = s->confidence;
#define RUN(call, analysis, method)                                                                                \
    do {                                                                                                           \
        memset(&e, 0, sizeof e);                                                                                   \
        if ((st = (call)) != CORE_OK) {                                                                            \
            core_err_prefix(err, "outcome '%s'%s%s, %s", o->name, c.timepoint ? " at " : "",                      \
                            c.timepoint ? c.timepoint : "", analysis);                                             \
            return st;                                                                                             \
        }                                                                                                          \
        if ((st = add_est(&c, analysis, method, &e, err)) != CORE_OK)                                              \
            return st;                                                                                             \
    } while (0)
            RUN(st_rd_wald(x1, n1, x0, n0, conf, &e, err), "risk_difference", "wald");
            RUN(st_rd_newcombe(x1, n1, x0, n0, conf, &e, err), "risk_difference", "newcombe");
            RUN(st_rr_logwald(x1, n1, x0, n0, conf, &e, err), "risk_ratio", "log_wald");
            RUN(st_or_woolf(x1, n1, x0, n0, conf, &e, err), "odds_ratio", "woolf");
            RUN(st_or_fisher_cmle(x1, n1, x0, n0, conf, &e, err), "odds_ratio", "fisher_cmle");
            RUN(st_chisq_2x2(x1, n1, x0, n0, &e, err), "chisq_test", "pearson");
            RUN(st_fisher_exact(x1, n1, x0, n0, &e, err), "fisher_exact", "two_sided");
#undef RUN
        }
    }
    return CORE_OK;
}
