/* The trial module: [trial] and [outcome:*] -> the trial's rows; hands over the loaded trial and the primary
 * binary outcome's effects (rct_product, rct/rct_run.h). */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "rct/rct.h"
#include "rct/rct_run.h"

typedef struct rct_state {
    rct_product p;
    rct_missing_spec missing;
    rpt_trial_info info;
    rpt_outcome_label labels[64];
} rct_state;

static void rct_state_free(void *p)
{
    rct_state *s = p;
    rct_effects_free(&s->p.effects);
    rct_missing_spec_free(&s->missing);
    rct_run_free(&s->p.run);
    free(s);
}

static core_status read_trial(void *ctx, core_table **t, core_err *err)
{
    return cli_ctx_read_data(ctx, "trial", "data", t, err);
}

core_status cli_mod_rct(cli_ctx *ctx, core_err *err)
{
    rct_state *s = calloc(1, sizeof *s);
    if (!s)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_status st = cli_ctx_defer(ctx, rct_state_free, s, err);
    if (st != CORE_OK)
        return st;
    rct_run *r = &s->p.run;
    if ((st = rct_run_load(ctx->cfg, ctx->confidence, read_trial, ctx, r, err)) != CORE_OK)
        return st;
    s->p.primary = rct_run_primary(r);
    if ((st = rct_missing_spec_read(ctx->cfg, &s->missing, err)) != CORE_OK)
        return st;
    if ((st = rct_surv_analyse(ctx->cfg, &r->spec, &r->lspec, &r->trial, NULL, err)) != CORE_OK)
        return st; /* time-to-event columns checked in `ipseval check` too */
    cli_ctx_note(ctx, "trial: %zu participants (%ld %s, %ld %s), %zu outcome(s)", r->trial.n, r->trial.n_treat,
                 r->spec.treatment, r->trial.n_control, r->spec.control, r->spec.n_outcomes);
    cli_ctx_provide(ctx, &s->p);
    if (ctx->check_only)
        return CORE_OK;
    if ((st = rct_timepoint_analyse(&r->spec, &r->trial, ctx->rng, &ctx->progress, ctx->res, err)) != CORE_OK ||
        (st = rct_long_analyse(&r->spec, &r->lspec, &r->trial, &ctx->progress, ctx->res, err)) != CORE_OK ||
        (st = rct_surv_analyse(ctx->cfg, &r->spec, &r->lspec, &r->trial, ctx->res, err)) != CORE_OK ||
        (st = rct_cace_analyse(ctx->cfg, &r->spec, &r->trial, ctx->res, err)) != CORE_OK ||
        (st = rct_multiplicity_apply(&r->spec, ctx->res, err)) != CORE_OK || /* over every analysis, Cox included */
        (st = rct_missing_analyse(&r->spec, &r->lspec, &r->trial, &s->missing, ctx->seed, &ctx->progress, ctx->res,
                                  err)) != CORE_OK) /* [missing]: multiple imputation, tipping point, IPW */
        return st;
    if (s->p.primary >= 0 && r->spec.outcomes[s->p.primary].type == RCT_BINARY) {
        if ((st = rct_effects_binary(r, (size_t)s->p.primary, ctx->confidence, &s->p.effects, err)) != CORE_OK)
            return st;
        s->p.has_effects = 1;
    }
    s->info = (rpt_trial_info){.arm_column = r->spec.arm, .treatment = r->spec.treatment, .control = r->spec.control};
    size_t n = r->spec.n_outcomes < 64 ? r->spec.n_outcomes : 64;
    static const char *const type_names[] = {"binary", "continuous", "time_to_event"};
    for (size_t k = 0; k < n; k++) {
        s->labels[k].name = r->spec.outcomes[k].name;
        s->labels[k].label = r->spec.outcomes[k].label;
        s->labels[k].type = type_names[r->spec.outcomes[k].type];
    }
    if (s->p.primary >= 0) {
        s->info.primary = r->spec.outcomes[s->p.primary].name;
        s->info.primary_timepoint = r->spec.outcomes[s->p.primary].primary_timepoint;
    }
    ctx->run.trial = &s->info;
    ctx->run.outcomes = s->labels;
    ctx->run.n_outcomes = n;
    return CORE_OK;
}
