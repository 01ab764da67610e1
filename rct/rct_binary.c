/* Binary outcomes at each timepoint: arm summaries and the 2x2 analyses of SPEC §4 for each intervention
 * arm against the control, as tidy rows. */
#include "rct/rct.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rct/rct_design.h"
#include "stats/st_prop.h"

static core_status arm_row(core_results *res, const char *outcome, const char *tp, const char *level, long x, long n,
                           double conf, core_err *err)
{
    core_result_row r = CORE_RESULT_ROW_EMPTY;
    char label[96];
    r.analysis = "arm_summary";
    r.outcome = outcome;
    r.timepoint = tp;
    r.term = level;
    r.method = "wilson";
    r.n = (double)n;
    snprintf(label, sizeof label, "%ld/%ld", x, n);
    r.label = label;
    if (n > 0) {
        r.counts = core_counts_one(CORE_COUNT_SHARE, (double)x, (double)n);
        double p = (double)x / (double)n;
        r.estimate = p;
        r.se = sqrt(p * (1 - p) / (double)n);
        core_status st = st_wilson(x, n, conf, &r.ci_low, &r.ci_high, err);
        if (st != CORE_OK)
            return st;
    } else {
        snprintf(label, sizeof label, "0/0: no participant with an observed outcome in this arm");
    }
    return rct_row(res, &r, err);
}

core_status rct_binary_counts(const rct_trial *tr, size_t col, const unsigned char *mask, long *x, long *n)
{
    for (size_t a = 0; a < tr->n_arms; a++)
        x[a] = n[a] = 0;
    for (size_t i = 0; i < tr->n; i++) {
        double v;
        if ((mask && !mask[i]) || core_cell_number(tr->table, col, i, &v) != 1)
            continue;
        n[tr->arm[i]]++;
        x[tr->arm[i]] += v == 1;
    }
    return CORE_OK;
}

core_status rct_binary_2x2(const rct_spec *s, const rct_trial *tr, size_t k, size_t j, core_results *res,
                           core_err *err)
{
    const rct_outcome_spec *o = &s->outcomes[k];
    size_t col = tr->col_index[tr->outcome_cols[k] + j];
    const char *tp = rct_outcome_timepoint(o, j);
    long x[RCT_MAX_ARMS], n[RCT_MAX_ARMS];
    rct_binary_counts(tr, col, NULL, x, n);
    core_status st;
    /* arm summaries: interventions in configured order, then the control */
    for (size_t a = 1; a <= tr->n_arms; a++) {
        size_t code = a % tr->n_arms;
        if ((st = arm_row(res, o->name, tp, rct_arm_level(s, code), x[code], n[code], s->confidence, err)) != CORE_OK)
            return st;
    }
    char term[300];
    for (size_t a = 1; a < tr->n_arms; a++) {
        rct_arm_term(s, a, term, sizeof term);
        long x1 = x[a], n1 = n[a], x0 = x[0], n0 = n[0];
        double n_tot = (double)(n1 + n0);
        if (n1 == 0 || n0 == 0) {
            /* Nothing to compare; say so in one row rather than a row of blanks per analysis. */
            if ((st = rct_row_est(res, RCT_RISK_DIFFERENCE, o->name, tp, term, "newcombe", NULL, n_tot,
                                  "not estimable: one arm has no observed outcome at this timepoint", err)) != CORE_OK)
                return st;
            continue;
        }
        st_estimate e;
        double conf = s->confidence;
#define RUN(call, analysis, method)                                                                                \
    do {                                                                                                           \
        memset(&e, 0, sizeof e);                                                                                   \
        if ((st = (call)) != CORE_OK) {                                                                            \
            core_err_prefix(err, "outcome '%s'%s%s, %s", o->name, tp ? " at " : "", tp ? tp : "", analysis);       \
            return st;                                                                                             \
        }                                                                                                          \
        if ((st = rct_row_est(res, analysis, o->name, tp, term, method, &e, n_tot, NULL, err)) != CORE_OK)         \
            return st;                                                                                             \
    } while (0)
        RUN(st_rd_wald(x1, n1, x0, n0, conf, &e, err), RCT_RISK_DIFFERENCE, "wald");
        RUN(st_rd_newcombe(x1, n1, x0, n0, conf, &e, err), RCT_RISK_DIFFERENCE, "newcombe");
        if ((st = rct_nnt_row(res, o->name, tp, term, "newcombe", &e, n_tot, err)) != CORE_OK)
            return st;
        RUN(st_rr_logwald(x1, n1, x0, n0, conf, &e, err), "risk_ratio", "log_wald");
        RUN(st_or_woolf(x1, n1, x0, n0, conf, &e, err), "odds_ratio", "woolf");
        RUN(st_or_fisher_cmle(x1, n1, x0, n0, conf, &e, err), "odds_ratio", "fisher_cmle");
        RUN(st_chisq_2x2(x1, n1, x0, n0, &e, err), "chisq_test", "pearson");
        RUN(st_fisher_exact(x1, n1, x0, n0, &e, err), "fisher_exact", "two_sided");
#undef RUN
    }
    return CORE_OK;
}

core_status rct_nnt_row(core_results *res, const char *outcome, const char *tp, const char *term, const char *method,
                        const st_estimate *rd, double n, core_err *err)
{
    /* Altman (1998) BMJ 317:1309: NNT = 1/RD, its interval the reciprocals of the RD limits, reported only
     * when the RD interval excludes 0 (otherwise it would run through infinity). */
    st_estimate e = {.estimate = NAN, .se = NAN, .ci_low = NAN, .ci_high = NAN, .statistic = NAN,
                     .p_value = NAN, .df = NAN, .undefined = NULL};
    char label[200];
    const char *why = NULL;
    if (!isfinite(rd->estimate) || !isfinite(rd->ci_low) || !isfinite(rd->ci_high))
        why = "not estimable: the risk difference or its interval is undefined";
    else if (rd->ci_low <= 0 && rd->ci_high >= 0)
        why = "not reported: the interval of the risk difference includes 0, so the NNT interval would run through "
              "infinity (Altman 1998)";
    if (why)
        return rct_row_est(res, "number_needed_to_treat", outcome, tp, term, method, &e, n, why, err);
    e.estimate = 1 / rd->estimate;
    e.ci_low = 1 / rd->ci_high;
    e.ci_high = 1 / rd->ci_low;
    if (rd->estimate > 0)
        snprintf(label, sizeof label, "benefit (NNTB): one more participant with the outcome for every %.1f treated",
                 e.estimate);
    else
        snprintf(label, sizeof label, "harm (NNTH): one fewer participant with the outcome for every %.1f treated",
                 -e.estimate);
    return rct_row_est(res, "number_needed_to_treat", outcome, tp, term, method, &e, n, label, err);
}
