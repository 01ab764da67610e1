/* The comparison module: [compare] -> the trial's effect, the registry effect per member and per IPS user,
 * the pooled RCT effect, efficacy-effectiveness ratios and work-years on one scale (realworld/rw_compare.h).
 * Effects come from the run's [trial] (the trial module's product), [registry] and [meta] analyses when those
 * sections are present (cli_ctx_require runs them first), else from the typed-in keys of [compare]. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "rct/rct_run.h"
#include "realworld/rw_compare.h"

core_status cli_mod_compare(cli_ctx *ctx, core_err *err)
{
    rw_compare_in *in = calloc(1, sizeof *in);
    if (!in)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_status st = cli_ctx_defer(ctx, rw_compare_in_free, in, err);
    if (st != CORE_OK)
        return st;
    const core_config *cfg = ctx->cfg;
    if ((st = rw_compare_from_config(cfg, ctx->confidence, in, err)) != CORE_OK)
        return st;
    int has_trial = core_config_has_section(cfg, "trial"), has_reg = core_config_has_section(cfg, "registry");
    int has_meta = core_config_has_section(cfg, "meta");
    char where[600];
    if (!has_trial && !in->trial.has && !has_reg && !in->registry.has)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: nothing to compare: add [trial] and [registry] sections to the run, or type the "
                            "effects in (trial_effect and registry_effect, each with its _se)",
                            core_config_where(cfg, "compare", NULL, where, sizeof where));

    /* The trial: the run's primary binary outcome (the trial module's typed effects); a typed-in trial_effect
     * only without [trial]. */
    if (has_trial) {
        const void *product;
        if ((st = cli_ctx_require(ctx, "rct", &product, err)) != CORE_OK)
            return st;
        const rct_product *p = product;
        if (in->trial.has)
            cli_ctx_note(ctx, "compare: trial_effect is not used: the effect comes from the run's [trial]");
        const rct_outcome_spec *o = p->primary >= 0 ? &p->run.spec.outcomes[p->primary] : NULL;
        if (!o || o->type != RCT_BINARY)
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: the comparison needs the trial's primary outcome to be binary (employment)%s%s%s; "
                                "set primary = yes in the [outcome:NAME] section of the employment outcome",
                                core_config_where(cfg, "compare", NULL, where, sizeof where),
                                o ? ": '" : ", and no outcome is primary", o ? o->name : "",
                                o ? (o->type == RCT_CONTINUOUS ? "' is continuous" : "' is not binary") : "");
        if (!ctx->check_only && (st = rw_compare_trial_from_effects(&p->effects, in, err)) != CORE_OK)
            return st;
        /* the trial transported to the registry population ([compare] target = FILE) */
        if (core_config_has(cfg, "compare", "target")) {
            core_table *tt = NULL;
            if ((st = cli_ctx_read_data(ctx, "compare", "target", &tt, err)) != CORE_OK ||
                (st = rw_compare_target_load(tt, &p->run, in, err)) != CORE_OK)
                return st;
            if (!ctx->check_only && (st = rw_compare_transport(&p->run, (size_t)p->primary, in, err)) != CORE_OK)
                return st;
            cli_ctx_note(ctx, "compare: the trial transported to %s (%zu covariate%s)%s", in->target_file, in->n_cov,
                         in->n_cov == 1 ? "" : "s", in->n_cov_missing ? "; participants with a missing covariate are "
                         "left out of the weighting" : "");
        }
    } else if (core_config_has(cfg, "compare", "target")) {
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: transporting the trial to a target population reweights its participants: the run "
                            "needs a [trial] section (a typed-in trial_effect has no participants to weight)",
                            core_config_where(cfg, "compare", "target", where, sizeof where));
    }
    /* The registry: the run's difference in differences; a typed-in registry_effect only without [registry]. */
    if (has_reg) {
        if ((st = cli_ctx_require(ctx, "did", NULL, err)) != CORE_OK)
            return st;
        rw_cmp_effect typed = in->registry;
        if (typed.has)
            cli_ctx_note(ctx, "compare: registry_effect is not used: the effect comes from the run's [registry]");
        char **outs = NULL;
        size_t n_out = 0;
        if ((st = core_config_list(cfg, "registry", "outcome", 0, &outs, &n_out, err)) != CORE_OK)
            return st;
        snprintf(in->registry_cluster, sizeof in->registry_cluster, "%s",
                 core_config_str(cfg, "registry", "cluster", "") ? core_config_str(cfg, "registry", "cluster", "") : "");
        if (!ctx->check_only)
            st = rw_compare_registry_from_rows(ctx->res, core_config_str(cfg, "registry", "treatment", NULL),
                                               n_out ? outs[0] : NULL, in->registry_prefer, in, err);
        core_config_list_free(outs);
        if (st != CORE_OK)
            return st;
        if (typed.has)
            snprintf(in->registry_typed_note, sizeof in->registry_typed_note,
                     "the typed-in registry_effect %g (%g to %g) is not used: the run estimates its own from "
                     "[registry]",
                     typed.est, typed.lo, typed.hi);
        if (!ctx->check_only)
            cli_ctx_note(ctx, "compare: registry interval: %s", in->registry_choice);
    }
    /* The published RCTs: the run's meta-analysis of risk ratios, else a typed-in pooled_rr. */
    if (has_meta) {
        if ((st = cli_ctx_require(ctx, "meta", NULL, err)) != CORE_OK)
            return st;
        if (!ctx->check_only) {
            rw_cmp_effect typed = in->pooled;
            core_err e2;
            core_err_clear(&e2);
            st = rw_compare_pooled_from_rows(ctx->res, in, &e2);
            if (st == CORE_ERR_CONFIG && typed.has) { /* [meta] pools another measure: keep the typed-in RR */
                in->pooled = typed;
                cli_ctx_note(ctx, "compare: pooled_rr typed in is used: %s", e2.msg);
            } else if (st != CORE_OK) {
                *err = e2;
                return st;
            } else if (typed.has) {
                cli_ctx_note(ctx, "compare: pooled_rr is not used: the pooled RR comes from the run's [meta]");
            }
        }
    }
    if (ctx->check_only) {
        cli_ctx_note(ctx, "compare: %s%s%s", has_trial || in->trial.has ? "trial" : "",
                     has_reg || in->registry.has ? " vs registry" : "",
                     has_meta || in->pooled.has ? " vs published RCTs" : "");
        return CORE_OK;
    }
    if (!in->trial.has)
        cli_ctx_note(ctx, "compare: no trial effect (add [trial] or trial_effect): ratios to the trial are left out");
    if (!in->registry.has)
        cli_ctx_note(ctx, "compare: no registry effect (add [registry] or registry_effect)");
    return rw_compare_run(in, ctx->res, err);
}
