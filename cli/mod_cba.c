/* The cost-benefit module: [cba] (and [markov]) -> break-even wages, NPV/ROI by perspective, PSA, CEAC, EVPI,
 * tornado, Markov cohort model. With `effect = trial` the effects are the primary binary outcome's risk
 * differences, taken from the trial module's product (rct_product: rct/rct_run.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cba/cba.h"
#include "cli/cli.h"
#include "core/core_data.h"
#include "core/core_table.h"
#include "rct/rct.h"
#include "rct/rct_run.h"

typedef struct cba_state {
    cba_spec spec;
    cba_result *res;
    cba_run_info info;
    rct_participants boot;    /* effect.dist = bootstrap: the participants' arms and outcomes */
} cba_state;

static void cba_state_free(void *p)
{
    cba_state *s = p;
    cba_result_free(s->res);
    cba_spec_free(&s->spec);
    rct_participants_free(&s->boot);
    free(s);
}

/* effect = trial: the primary binary outcome's risk differences and SEs at the trial's numeric timepoints (all of
 * them, or those named by effect_months), from the trial module's typed effects; with effect.dist = bootstrap,
 * the participants' arms and outcomes at those timepoints. */
static core_status trial_effects(cli_ctx *ctx, cba_state *cs, const rct_product *p, core_err *err)
{
    cba_spec *s = &cs->spec;
    char where[600];
    const rct_spec *rs = &p->run.spec;
    if (p->primary < 0)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: 'trial' needs a primary binary outcome; set primary = yes in an [outcome:NAME] section "
                            "of type binary (employment), or type the effects in",
                            core_config_where(ctx->cfg, "cba", "effect", where, sizeof where));
    const rct_outcome_spec *o = &rs->outcomes[p->primary];
    if (!p->has_effects) {
        static const char *const type_names[] = {"binary", "continuous", "time_to_event"};
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: 'trial' needs the primary outcome to be binary (employment); '%s' is %s",
                            core_config_where(ctx->cfg, "cba", "effect", where, sizeof where), o->name,
                            type_names[o->type]);
    }
    snprintf(s->intervention, sizeof s->intervention, "%s", rs->treatment);
    snprintf(s->comparator, sizeof s->comparator, "%s", rs->control);
    double months[CBA_MAX_EFFECTS], eff[CBA_MAX_EFFECTS], se[CBA_MAX_EFFECTS];
    size_t cols[CBA_MAX_EFFECTS], n = 0;
    const rct_effects *e = &p->effects;
    for (size_t j = 0; j < e->n_tp; j++) {
        const rct_binary_effect *b = &e->tp[j];
        if (isnan(b->month))
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: 'trial' needs numeric timepoints (months since randomisation); outcome '%s' has "
                                "timepoint '%s'",
                                core_config_where(ctx->cfg, "cba", "effect", where, sizeof where), e->name,
                                b->timepoint ? b->timepoint : "(none)");
        if (s->n_effects > 0) { /* effect_months names a subset */
            int wanted = 0;
            for (size_t k = 0; k < s->n_effects; k++)
                wanted |= s->effect_months[k] == b->month;
            if (!wanted)
                continue;
        }
        if (n == CBA_MAX_EFFECTS)
            return core_err_set(err, CORE_ERR_CONFIG, "the trial has more than %d timepoints", CBA_MAX_EFFECTS);
        if (!b->estimable)
            return core_err_set(err, CORE_ERR_ANALYSIS, "the employment effect of '%s' at month %s is not estimable (%s)",
                                e->name, b->timepoint, b->why);
        months[n] = b->month;
        eff[n] = b->estimate;
        se[n] = b->se;
        cols[n] = j;
        n++;
    }
    if (s->n_effects > 0 && n != s->n_effects)
        return core_err_set(err, CORE_ERR_CONFIG, "%s: not every month is a timepoint of outcome '%s' in the trial",
                            core_config_where(ctx->cfg, "cba", "effect_months", where, sizeof where), e->name);
    if (n == 0)
        return core_err_set(err, CORE_ERR_ANALYSIS, "the trial results hold no risk difference for outcome '%s'",
                            e->name);
    core_status st = cba_spec_set_effects(s, n, months, eff, se, err);
    if (st != CORE_OK || !s->effect_bootstrap || s->psa_draws <= 0)
        return st;
    /* effect.dist = bootstrap: the participants at the effect months (kept in order by cba_spec_set_effects) */
    if ((st = rct_participants_binary(&p->run, e->outcome, cols, n, &cs->boot, err)) != CORE_OK)
        return st;
    s->boot_n = cs->boot.n;
    s->boot_arm = cs->boot.arm;
    s->boot_y = cs->boot.y;
    return CORE_OK;
}

core_status cli_mod_cba(cli_ctx *ctx, core_err *err)
{
    char where[600];
    if (!core_config_has_section(ctx->cfg, "cba"))
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: [markov] needs a [cba] section (programme costs, discount rate, tax and benefit rates)",
                            core_config_where(ctx->cfg, "markov", NULL, where, sizeof where));
    cba_state *s = calloc(1, sizeof *s);
    if (!s)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_status st = cba_spec_from_config(ctx->cfg, ctx->confidence, ctx->price_year, &s->spec, err);
    if (st != CORE_OK) {
        free(s);
        return st;
    }
    if ((st = cli_ctx_defer(ctx, cba_state_free, s, err)) != CORE_OK)
        return st;
    cba_spec *sp = &s->spec;
    for (int a = 0; sp->markov && a < 2; a++) { /* transition matrices given as CSV files */
        static const char *const tkey[2] = {"transitions.control", "transitions.ips"};
        core_table *t;
        if (!sp->markov->from_file[a])
            continue;
        if ((st = cli_ctx_read_data(ctx, "markov", tkey[a], &t, err)) != CORE_OK ||
            (st = cba_markov_set_matrix(sp, a, t, err)) != CORE_OK)
            return st;
    }
    if (sp->effect_from_trial) {
        if (!core_config_has_section(ctx->cfg, "trial"))
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: 'trial' takes the effects from the trial, but the config has no [trial] section; "
                                "add one or type the effects in (effect = 0.05, 0.095, 0.103)",
                                core_config_where(ctx->cfg, "cba", "effect", where, sizeof where));
        const void *product;
        if ((st = cli_ctx_require(ctx, "rct", &product, err)) != CORE_OK)
            return st;
        if (ctx->check_only) {
            /* the trial is not analysed in check mode: check the rest with a placeholder effect */
            double m = 6, e = 0, se = 0;
            if ((st = cba_spec_set_effects(sp, 1, &m, &e, &se, err)) != CORE_OK)
                return st;
            sp->effect_bootstrap = 0; /* the participants are read when the analysis runs */
        } else if ((st = trial_effects(ctx, s, product, err)) != CORE_OK) {
            return st;
        }
    } else if (ctx->run.trial) {
        snprintf(sp->intervention, sizeof sp->intervention, "%s", ctx->run.trial->treatment);
        snprintf(sp->comparator, sizeof sp->comparator, "%s", ctx->run.trial->control);
    }
    if ((st = cba_spec_check(sp, err)) != CORE_OK) {
        core_err_prefix(err, "%s", core_config_where(ctx->cfg, "cba", NULL, where, sizeof where));
        return st;
    }
    char rules[256] = "";
    for (size_t r = 0; r < sp->n_rules; r++) {
        char b[64];
        strncat(rules, r ? ", " : "", sizeof rules - strlen(rules) - 1);
        strncat(rules, cba_persistence_name(&sp->rules[r], b, sizeof b), sizeof rules - strlen(rules) - 1);
    }
    cli_ctx_note(ctx, "cba: %d-year horizon, %s, %ld PSA draws, %zu WTP points%s", sp->horizon, rules, sp->psa_draws,
                 sp->n_wtp, sp->markov ? ", Markov cohort model" : "");
    if (ctx->check_only)
        return CORE_OK;
    if ((st = cba_run(sp, ctx->rng, &ctx->progress, &s->res, err)) != CORE_OK)
        return st;
    if ((st = cba_rows_add(sp, s->res, ctx->res, err)) != CORE_OK)
        return st;
    s->info.spec = sp;
    s->info.res = s->res;
    ctx->run.cba = &s->info;
    return CORE_OK;
}
