/* The trial at each timepoint: every analysis of issue 3 in reading order (rct.h). */
#include "rct/rct_design.h"

core_status rct_outcome_analyse(const rct_spec *s, const rct_trial *tr, size_t k, core_results *res, core_err *err)
{
    const rct_outcome_spec *o = &s->outcomes[k];
    core_status st = CORE_OK;
    for (size_t j = 0; j < o->n_columns && st == CORE_OK; j++) {
        if (o->type == RCT_BINARY) {
            if ((st = rct_binary_2x2(s, tr, k, j, res, err)) == CORE_OK)
                st = rct_logistic_analyse(s, tr, k, j, res, err);
        } else if (o->type == RCT_CONTINUOUS) {
            st = rct_continuous_analyse(s, tr, k, j, res, err);
        }
    }
    return st;
}

core_status rct_timepoint_analyse(const rct_spec *s, const rct_trial *tr, gsl_rng *rng,
                                  const core_progress *progress, core_results *res, core_err *err)
{
    core_status st;
    if ((st = rct_baseline_analyse(s, tr, res, err)) != CORE_OK || (st = rct_attrition_analyse(s, tr, res, err)) != CORE_OK)
        return st;
    for (size_t k = 0; k < s->n_outcomes; k++) {
        core_progress_report(progress, "trial outcomes", (double)k / (double)(s->n_outcomes + 1));
        if ((st = rct_outcome_analyse(s, tr, k, res, err)) != CORE_OK)
            return st;
    }
    if ((st = rct_subgroup_analyse(s, tr, res, err)) != CORE_OK ||
        (st = rct_power_analyse(s, tr, rng, progress, res, err)) != CORE_OK)
        return st;
    core_progress_report(progress, "trial outcomes", 1.0);
    return CORE_OK;
}
