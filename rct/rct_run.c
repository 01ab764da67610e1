/* The trial as a run loads it, once (rct_run.h). */
#include "rct/rct_run.h"

#include <string.h>

core_status rct_run_load(const core_config *cfg, double confidence, rct_read_fn read, void *arg, rct_run *r,
                         core_err *err)
{
    memset(r, 0, sizeof *r);
    core_status st = rct_spec_from_config(cfg, confidence, &r->spec, err);
    if (st != CORE_OK)
        return st;
    r->have_spec = 1;
    if ((st = rct_long_spec_read(cfg, &r->spec, &r->lspec, err)) != CORE_OK)
        return st;
    r->have_lspec = 1;
    core_table *t = NULL;
    if ((st = read(arg, &t, err)) != CORE_OK ||
        (st = rct_recode_binary(cfg, &r->spec, t, err)) != CORE_OK) /* yes = Ja, no = Nei */
        return st;
    r->table = t;
    if (r->lspec.layout_long) {
        if ((st = rct_long_reshape(cfg, &r->spec, &r->lspec, t, &r->wide, err)) != CORE_OK)
            return st;
        r->table = r->wide;
    }
    if ((st = rct_trial_load(cfg, &r->spec, r->table, &r->trial, err)) != CORE_OK)
        return st;
    r->have_trial = 1;
    return CORE_OK;
}

void rct_run_free(rct_run *r)
{
    if (r->have_trial)
        rct_trial_free(&r->trial);
    if (r->have_lspec)
        rct_long_spec_free(&r->lspec);
    if (r->have_spec)
        rct_spec_free(&r->spec);
    core_table_free(r->wide);
    memset(r, 0, sizeof *r);
}

long rct_run_primary(const rct_run *r)
{
    for (size_t k = 0; k < r->spec.n_outcomes; k++)
        if (r->spec.outcomes[k].primary)
            return (long)k;
    return -1;
}
