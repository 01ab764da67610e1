/* The trial module: [trial] and [outcome:*] -> binary outcomes per timepoint. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "rct/rct.h"

typedef struct rct_state {
    rct_spec spec;
    rct_trial trial;
    int have_trial;
    rpt_trial_info info;
    rpt_outcome_label labels[64];
    rct_long_spec lspec; /* layout, arm_by_time, time-to-event keys (rct/rct_long.c) */
    core_table *wide;    /* layout = long: the reshaped one-row-per-participant table */
} rct_state;

static void rct_state_free(void *p)
{
    rct_state *s = p;
    if (s->have_trial)
        rct_trial_free(&s->trial);
    rct_spec_free(&s->spec);
    rct_long_spec_free(&s->lspec);
    core_table_free(s->wide);
    free(s);
}

core_status cli_mod_rct(cli_ctx *ctx, core_err *err)
{
    rct_state *s = calloc(1, sizeof *s);
    if (!s)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_status st = rct_spec_from_config(ctx->cfg, &s->spec, err);
    if (st != CORE_OK) {
        free(s);
        return st;
    }
    if ((st = cli_ctx_defer(ctx, rct_state_free, s, err)) != CORE_OK)
        return st;
    if ((st = rct_long_spec_read(ctx->cfg, &s->spec, &s->lspec, err)) != CORE_OK)
        return st;
    core_table *t;
    if ((st = cli_ctx_read_data(ctx, "trial", "data", &t, err)) != CORE_OK ||
        (st = rct_recode_binary(ctx->cfg, &s->spec, t, err)) != CORE_OK) /* yes = Ja, no = Nei */
        return st;
    if (s->lspec.layout_long) {
        if ((st = rct_long_reshape(ctx->cfg, &s->spec, &s->lspec, t, &s->wide, err)) != CORE_OK)
            return st;
        t = s->wide;
    }
    if ((st = rct_trial_load(ctx->cfg, &s->spec, t, &s->trial, err)) != CORE_OK)
        return st;
    s->have_trial = 1;
    if ((st = rct_surv_analyse(ctx->cfg, &s->spec, &s->lspec, &s->trial, NULL, err)) != CORE_OK)
        return st; /* time-to-event columns checked in `ipseval check` too */
    cli_ctx_note(ctx, "trial: %zu participants (%ld %s, %ld %s), %zu outcome(s)", s->trial.n, s->trial.n_treat,
                 s->spec.treatment, s->trial.n_control, s->spec.control, s->spec.n_outcomes);
    if (ctx->check_only)
        return CORE_OK;
    if ((st = rct_timepoint_analyse(&s->spec, &s->trial, ctx->rng, &ctx->progress, ctx->res, err)) != CORE_OK)
        return st;
    if ((st = rct_long_analyse(&s->spec, &s->lspec, &s->trial, &ctx->progress, ctx->res, err)) != CORE_OK ||
        (st = rct_surv_analyse(ctx->cfg, &s->spec, &s->lspec, &s->trial, ctx->res, err)) != CORE_OK ||
        (st = rct_cace_analyse(ctx->cfg, &s->spec, &s->trial, ctx->res, err)) != CORE_OK ||
        (st = rct_multiplicity_apply(&s->spec, ctx->res, err)) != CORE_OK) /* over every analysis, Cox included */
        return st;
    s->info = (rpt_trial_info){.arm_column = s->spec.arm, .treatment = s->spec.treatment, .control = s->spec.control};
    size_t n = s->spec.n_outcomes < 64 ? s->spec.n_outcomes : 64;
    static const char *const type_names[] = {"binary", "continuous", "time_to_event"};
    for (size_t k = 0; k < n; k++) {
        s->labels[k].name = s->spec.outcomes[k].name;
        s->labels[k].label = s->spec.outcomes[k].label;
        s->labels[k].type = type_names[s->spec.outcomes[k].type];
        if (s->spec.outcomes[k].primary && !s->info.primary) {
            s->info.primary = s->spec.outcomes[k].name;
            s->info.primary_timepoint = s->spec.outcomes[k].primary_timepoint;
        }
    }
    ctx->run.trial = &s->info;
    ctx->run.outcomes = s->labels;
    ctx->run.n_outcomes = n;
    return CORE_OK;
}
