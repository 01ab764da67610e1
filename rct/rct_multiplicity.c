/* Multiplicity over the secondary outcomes ([trial] multiplicity = holm | bh): one family made of the main
 * test of every secondary outcome (primary = no) at every timepoint and for every intervention arm:
 * binary - the adjusted logistic arm coefficient (the unadjusted one when there is no adjustment set);
 * continuous - the classical ANCOVA arm coefficient (the Welch mean difference when there is no adjustment set).
 * p_adjusted is filled on those rows; the primary outcome is never adjusted (DOMAIN-models.md §1). A
 * `multiplicity` row records the family. */
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
        if (o->primary || o->type == RCT_TIME_TO_EVENT)
            continue;
        const char *pref = o->type == RCT_BINARY ? "logistic" : "ancova";
        const char *pref_m = o->type == RCT_BINARY ? "adjusted" : "classical";
        const char *alt = o->type == RCT_BINARY ? "logistic" : "mean_difference";
        const char *alt_m = o->type == RCT_BINARY ? "unadjusted" : "welch";
        for (size_t i = 0; i < res->n; i++) {
            const core_result_row *r = &res->rows[i];
            if (!same(r->module, "rct") || !same(r->outcome, o->name) || !is_arm_term(r->term) || isnan(r->p_value))
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
    char label[300];
    snprintf(label, sizeof label,
             "%s over %zu tests: the main test of every secondary outcome, timepoint and arm (adjusted logistic or "
             "ANCOVA arm coefficient); the primary outcome is not adjusted",
             s->multiplicity == 1 ? "Holm step-down" : "Benjamini-Hochberg false discovery rate", m);
    core_result_row r = CORE_RESULT_ROW_EMPTY;
    r.analysis = "multiplicity";
    r.method = s->multiplicity == 1 ? "holm" : "bh";
    r.n = (double)m;
    r.label = m ? label : "no secondary outcome test to adjust";
    return rct_row(res, &r, err);
}
