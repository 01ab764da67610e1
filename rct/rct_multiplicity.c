/* Multiplicity ([trial] multiplicity = holm | bh): one family made of the main test of every secondary analysis,
 * for every intervention arm:
 * - every secondary outcome (primary = no) at every timepoint, of every type;
 * - the primary outcome at its timepoints other than `primary_timepoint` (secondary analyses of it);
 * the main test being: binary - the adjusted logistic arm coefficient (the unadjusted one when there is no
 * adjustment set); continuous - the classical ANCOVA arm coefficient (the Welch mean difference when there is no
 * adjustment set); time to event - the adjusted Cox arm coefficient, Efron ties (the unadjusted Cox without an
 * adjustment set). p_adjusted is filled on those rows; the primary test (the primary outcome at its primary
 * timepoint) is never adjusted (DOMAIN-models.md §1). A `multiplicity` row records the family. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rct/rct_design.h"
#include "stats/st_multiplicity.h"

static int is_arm_term(const char *t)
{
    return t && (strcmp(t, "arm") == 0 || (strncmp(t, "arm[", 4) == 0 && !strchr(t, ':')));
}

static int same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

core_status rct_multiplicity_apply(const rct_spec *s, core_results *res, core_err *err)
{
    if (s->multiplicity == 0)
        return CORE_OK;
    size_t *idx = malloc((res->n ? res->n : 1) * sizeof *idx);
    if (!idx)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    size_t m = 0;
    for (size_t k = 0; k < s->n_outcomes; k++) {
        const rct_outcome_spec *o = &s->outcomes[k];
        if (o->primary && (!o->primary_timepoint || o->type == RCT_TIME_TO_EVENT))
            continue; /* the primary test itself; without a primary timepoint only one timepoint can be primary */
        static const char *const pref_a[] = {"logistic", "ancova", "cox_adjusted"};
        static const char *const pref_ms[] = {"adjusted", "classical", "efron"};
        static const char *const alt_a[] = {"logistic", "mean_difference", "cox"};
        static const char *const alt_ms[] = {"unadjusted", "welch", "efron"};
        const char *pref = pref_a[o->type], *pref_m = pref_ms[o->type];
        const char *alt = alt_a[o->type], *alt_m = alt_ms[o->type];
        for (size_t i = 0; i < res->n; i++) {
            const core_result_row *r = &res->rows[i];
            if (!same(r->module, "rct") || !same(r->outcome, o->name) || !is_arm_term(r->term) || isnan(r->p_value))
                continue;
            if (o->primary && same(r->timepoint, o->primary_timepoint))
                continue;
            int pick = 0;
            if (same(r->analysis, pref) && same(r->method, pref_m))
                pick = 1;
            else if (same(r->analysis, alt) && same(r->method, alt_m)) {
                /* the fallback only when that timepoint and arm has no preferred row */
                pick = 1;
                for (size_t q = 0; q < res->n && pick; q++) {
                    const core_result_row *x = &res->rows[q];
                    if (same(x->module, "rct") && same(x->analysis, pref) && same(x->method, pref_m) &&
                        same(x->outcome, r->outcome) && same(x->timepoint, r->timepoint) && same(x->term, r->term))
                        pick = 0;
                }
            }
            if (pick)
                idx[m++] = i;
        }
    }
    core_status st = CORE_OK;
    if (m > 0) {
        double *p = malloc(m * sizeof *p);
        if (!p) {
            free(idx);
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
        for (size_t q = 0; q < m; q++)
            p[q] = res->rows[idx[q]].p_value;
        st = st_p_adjust(p, m, s->multiplicity == 1 ? ST_PADJ_HOLM : ST_PADJ_BH, p, err);
        for (size_t q = 0; st == CORE_OK && q < m; q++)
            res->rows[idx[q]].p_adjusted = p[q];
        free(p);
    }
    free(idx);
    if (st != CORE_OK)
        return st;
    char label[400];
    snprintf(label, sizeof label,
             "%s over %zu tests: the main test of every secondary outcome, timepoint and arm (adjusted logistic, "
             "ANCOVA or Cox arm coefficient) and of the primary outcome at its other timepoints; the primary test "
             "is not adjusted",
             s->multiplicity == 1 ? "Holm step-down" : "Benjamini-Hochberg false discovery rate", m);
    core_result_row r = CORE_RESULT_ROW_EMPTY;
    r.analysis = "multiplicity";
    r.method = s->multiplicity == 1 ? "holm" : "bh";
    r.n = (double)m;
    r.label = m ? label : "no secondary outcome test to adjust";
    return rct_row(res, &r, err);
}
