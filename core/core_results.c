/* Tidy result rows: a growable array that owns copies of its strings. */
#include "core/core_results.h"

#include <stdlib.h>
#include <string.h>

const char *const core_results_columns[] = {
    "module", "analysis", "outcome", "timepoint", "term", "method", "estimate", "se",
    "ci_low", "ci_high", "statistic", "df", "p_value", "p_adjusted", "n", "label", NULL};

core_results *core_results_new(void)
{
    return calloc(1, sizeof(core_results));
}

static void row_free_strings(core_result_row *r)
{
    free((char *)r->module);
    free((char *)r->analysis);
    free((char *)r->outcome);
    free((char *)r->timepoint);
    free((char *)r->term);
    free((char *)r->method);
    free((char *)r->label);
    free((char *)r->counts.g1);
    free((char *)r->counts.g0);
}

void core_results_free(core_results *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        row_free_strings(&r->rows[i]);
    free(r->rows);
    free(r);
}

static int dup_opt(const char *s, const char **out)
{
    *out = NULL;
    if (!s)
        return 1;
    char *d = strdup(s);
    if (!d)
        return 0;
    *out = d;
    return 1;
}

core_status core_results_add(core_results *r, const core_result_row *row)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        core_result_row *rows = realloc(r->rows, cap * sizeof *rows);
        if (!rows)
            return CORE_ERR_NOMEM;
        r->rows = rows;
        r->cap = cap;
    }
    core_result_row c = *row;
    c.hidden = 0;
    c.module = c.analysis = c.outcome = c.timepoint = c.term = c.method = c.label = NULL;
    c.counts.g1 = c.counts.g0 = NULL;
    if (!dup_opt(row->module, &c.module) || !dup_opt(row->analysis, &c.analysis) ||
        !dup_opt(row->outcome, &c.outcome) || !dup_opt(row->timepoint, &c.timepoint) ||
        !dup_opt(row->term, &c.term) || !dup_opt(row->method, &c.method) ||
        !dup_opt(row->label, &c.label) || !dup_opt(row->counts.g1, &c.counts.g1) ||
        !dup_opt(row->counts.g0, &c.counts.g0)) {
        row_free_strings(&c);
        return CORE_ERR_NOMEM;
    }
    r->rows[r->n++] = c;
    return CORE_OK;
}

core_status core_results_set_counts(core_results *r, core_row_counts counts)
{
    if (!r || !r->n)
        return CORE_OK;
    core_row_counts *c = &r->rows[r->n - 1].counts;
    const char *g1, *g0;
    if (!dup_opt(counts.g1, &g1))
        return CORE_ERR_NOMEM;
    if (!dup_opt(counts.g0, &g0)) {
        free((char *)g1);
        return CORE_ERR_NOMEM;
    }
    free((char *)c->g1);
    free((char *)c->g0);
    *c = counts;
    c->g1 = g1;
    c->g0 = g0;
    return CORE_OK;
}

core_status core_results_set_label(core_results *r, size_t i, const char *label)
{
    const char *d;
    if (!dup_opt(label, &d))
        return CORE_ERR_NOMEM;
    free((char *)r->rows[i].label);
    r->rows[i].label = d;
    return CORE_OK;
}

static int key_match(const char *want, const char *have)
{
    if (!want)
        return 1;
    return strcmp(want, have ? have : "") == 0;
}

const core_result_row *core_results_find(const core_results *r, const char *module, const char *analysis,
                                         const char *outcome, const char *timepoint, const char *term,
                                         const char *method)
{
    for (size_t i = 0; r && i < r->n; i++) {
        const core_result_row *x = &r->rows[i];
        if (key_match(module, x->module) && key_match(analysis, x->analysis) && key_match(outcome, x->outcome) &&
            key_match(timepoint, x->timepoint) && key_match(term, x->term) && key_match(method, x->method))
            return x;
    }
    return NULL;
}
