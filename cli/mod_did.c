/* The registry module: [registry] -> panel (and spells) -> difference-in-differences rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/core_alloc.h"
#include "core/core_atomic.h"
#include "realworld/rw.h"

typedef struct did_state {
    rw_spec spec;
    rw_panel panel;
    int have_spec, have_panel;
    char *spells_path;
} did_state;

static void did_state_free(void *p)
{
    did_state *s = p;
    if (s->have_panel)
        rw_panel_free(&s->panel);
    if (s->have_spec)
        rw_spec_free(&s->spec);
    free(s->spells_path);
    free(s);
}

/* Register the spells file for Provenance and refuse it as an output. */
static core_status register_spells(cli_ctx *ctx, did_state *s, const rw_spell_info *info, core_err *err)
{
    const char *outs[2] = {ctx->output, ctx->results};
    for (int i = 0; i < 2; i++)
        if (outs[i] && core_same_file(outs[i], s->spells_path))
            return core_err_set(err, CORE_ERR_USAGE, "the %s path '%s' is the spells input '%s'; inputs are never "
                                "overwritten", i ? "results" : "workbook", outs[i], s->spells_path);
    if (ctx->n_inputs == CLI_MAX_INPUTS)
        return core_err_set(err, CORE_ERR_CONFIG, "more than %d input files in one run", CLI_MAX_INPUTS);
    rpt_input *in = &ctx->inputs[ctx->n_inputs];
    in->role = "registry spells";
    in->path = core_config_str(ctx->cfg, "registry", "spells", s->spells_path);
    in->rows = info->rows;
    in->cols = 4;
    core_status st;
    if (!ctx->check_only && (st = rpt_sha256_file(s->spells_path, in->sha256, err)) != CORE_OK)
        return st;
    ctx->n_inputs++;
    return CORE_OK;
}

/* The fresh memory the steps after the read fill, mapped and populated on the second core while this one builds the
 * panel (core_pages_prewarm): the treatment and the outcome as doubles when the table holds them narrower (the
 * panel's), and the fixed-effects fit's work arrays (regressors, outcome and residuals demeaned: n x (1 + controls),
 * n and n doubles). A request that comes before the prewarm has started its buffer maps it itself. */
static void prewarm(const rw_spec *sp, const core_table *t)
{
    size_t n = t->n_rows, want[5], k = 0;
    const char *as_double[2] = {sp->treatment, sp->n_outcomes == 1 && !sp->has_spells ? sp->outcomes[0] : NULL};
    for (int i = 0; i < 2; i++) {
        long c = as_double[i] ? core_table_find(t, as_double[i]) : -1;
        if (c >= 0 && t->cols[c].type == CORE_COL_NUMERIC && t->cols[c].width != 8 &&
            core_size_mul(n, sizeof(double), &want[k]))
            k++;
    }
    if (!core_size_mul(n, (1 + sp->n_controls) * sizeof(double), &want[k]) ||
        !core_size_mul(n, sizeof(double), &want[k + 1]))
        return;
    want[k + 2] = want[k + 1];
    core_pages_prewarm(want, k + 3);
}

core_status cli_mod_did(cli_ctx *ctx, core_err *err)
{
    did_state *s = calloc(1, sizeof *s);
    if (!s)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_status st = rw_spec_from_config(ctx->cfg, ctx->confidence, &s->spec, err);
    if (st != CORE_OK) {
        free(s);
        return st;
    }
    s->have_spec = 1;
    if ((st = cli_ctx_defer(ctx, did_state_free, s, err)) != CORE_OK)
        return st;
    /* only the columns the analysis names are read (a registry extract has many more) */
    const rw_spec *sp = &s->spec;
    size_t nc = 0;
    const char **cols = calloc(5 + sp->n_fe + sp->n_controls + sp->n_outcomes, sizeof *cols);
    if (!cols)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    const char *fixed[4] = {sp->unit, sp->time, sp->cluster, sp->treatment};
    for (int k = 0; k < 4; k++)
        if (fixed[k])
            cols[nc++] = fixed[k];
    for (size_t k = 0; k < sp->n_fe; k++)
        cols[nc++] = sp->fixed_effects[k];
    for (size_t k = 0; k < sp->n_controls; k++)
        cols[nc++] = sp->controls[k];
    for (size_t k = 0; k < sp->n_outcomes; k++)
        if (!(k == 0 && sp->has_spells)) /* computed from the spells; a column of that name is an error below */
            cols[nc++] = sp->outcomes[k];
    core_table *t; /* with spells every column is read: rw_panel_load checks that the outcome's name is free */
    st = cli_ctx_read_data_cols(ctx, "registry", "data", sp->has_spells ? NULL : cols, &t, err);
    free(cols);
    if (st != CORE_OK)
        return st;
    if (!ctx->check_only)
        prewarm(sp, t);
    if ((st = rw_panel_load_take(ctx->cfg, &s->spec, t, &s->panel, err)) != CORE_OK)
        return st;
    s->have_panel = 1;
    cli_ctx_release_data(ctx, t); /* the panel holds what the analyses use */
    const rw_panel *p = &s->panel;
    if (s->spec.has_spells) {
        const char *rel = core_config_str(ctx->cfg, "registry", "spells", "");
        if (!(s->spells_path = core_config_resolve(ctx->cfg, rel)))
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        rw_spell_info info;
        if ((st = rw_spells_apply(ctx->cfg, &s->spec, s->spells_path, rel, ctx->run.started, &s->panel, &info, err)) !=
                CORE_OK ||
            (st = register_spells(ctx, s, &info, err)) != CORE_OK)
            return st;
        cli_ctx_note(ctx, "registry spells: %ld spells read, %ld used for %s; %ld of persons not in the panel, %ld "
                     "outside its years, %ld ongoing (to the run date)",
                     info.spells, info.used, s->spec.outcomes[0], info.other_units, info.outside_years,
                     info.open_ended);
    }
    cli_ctx_note(ctx, "registry: %zu person-periods (%zu dropped for missing values), %zu units, %zu periods "
                 "(%ld-%ld), %zu clusters of which %zu treated",
                 p->n, p->n_dropped, p->U, p->T, p->period0, p->period0 + (long)p->T - 1, p->G, p->G1);
    if (p->G1 == 1 && s->spec.inference[RW_INF_WILD])
        cli_ctx_note(ctx, "warning: one treated cluster: the wild cluster bootstrap (and CR1/CR2) cannot be "
                     "trusted with a single treated cluster (MacKinnon & Webb 2017), so its p-value is reported as "
                     "unreliable; use the randomisation inference over placebo clusters (inference = ri)");
    ctx->run.registry_time = s->spec.time; /* the panel's period, for "per person-year" in the workbook */
    if (ctx->check_only)
        return CORE_OK;
    rw_opts o = {.rng = ctx->rng, .progress = &ctx->progress};
    rw_summary sum;
    st = rw_analyse(&s->spec, p, &o, ctx->res, &sum, err);
    core_pages_release(); /* the work arrays kept for reuse: the outputs need none */
    if (st != CORE_OK) {
        char where[600];
        if (st == CORE_ERR_ANALYSIS || st == CORE_ERR_DATA)
            core_err_prefix(err, "%s (data %s)", core_config_where(ctx->cfg, "registry", NULL, where, sizeof where),
                            core_config_str(ctx->cfg, "registry", "data", ""));
        return st;
    }
    if (sum.wild_one_treated && !ctx->opts->quiet)
        fprintf(stderr, "ipseval: warning: [registry] one treated cluster of %zu: the wild cluster bootstrap's "
                "p-value is unreliable with a single treated cluster (it rejects far too rarely: MacKinnon & Webb "
                "2017); the results label it so; trust the randomisation inference over placebo clusters\n",
                sum.G);
    return CORE_OK;
}

/* `ipseval simulate` with [simulate] registry = FILE: the synthetic registry panel (and registry_spells =
 * FILE: its employment spells). `output` (from -o) replaces the registry path when the config simulates no
 * trial. Returns CORE_OK or an error in err; prints one line unless quiet. */
core_status cli_simulate_registry(const core_config *cfg, const cli_opts *o, long seed, const char *output,
                                  core_err *err)
{
    rw_sim_opts so = {.first_year = 2010, .last_year = 2019, .exposure_year = 2015};
    core_status st;
    char *path = NULL, *spath = NULL;
    core_table *panel = NULL, *spells = NULL;
    gsl_rng *rng = NULL;
    static const char *const designs[] = {"bodo", "rollout", NULL};
    if ((st = core_config_choice(cfg, "simulate", "registry_design", designs, 0, &so.rollout, err)) != CORE_OK)
        return st;
    if (so.rollout) /* the national roll-out: 19 counties, 16 adopting from 2012 to 2019 (rw_sim_adoption) */
        so.exposure_year = 2012;
    if ((st = core_config_long(cfg, "simulate", "registry_persons", 2000, 11, 10000000, &so.persons, err)) != CORE_OK ||
        (st = core_config_long(cfg, "simulate", "registry_clusters", so.rollout ? 19 : 11, 2, 1000, &so.clusters,
                               err)) != CORE_OK ||
        (st = core_config_long(cfg, "simulate", "registry_treated", so.rollout ? 16 : 1, 1, 1000, &so.treated, err)) !=
            CORE_OK ||
        (st = core_config_double(cfg, "simulate", "registry_effect", 1.0, 0, 3, 0, 0, &so.effect_scale, err)) !=
            CORE_OK ||
        (st = core_config_double(cfg, "simulate", "registry_shock_sd", 2.3, 0, 3, 0, 0, &so.shock_sd, err)) != CORE_OK ||
        (st = core_config_bool(cfg, "simulate", "registry_equal_sizes", 0, &so.equal_sizes, err)) != CORE_OK)
        return st;
    char where[600];
    if ((so.rollout ? so.treated > so.clusters : so.treated >= so.clusters) || so.persons < so.clusters)
        return core_err_set(err, CORE_ERR_CONFIG, "%s: registry_treated must be below registry_clusters (%ld; at most "
                            "equal with registry_design = rollout), and registry_persons at least as many", core_config_where(cfg, "simulate", "registry_treated",
                                                                                 where, sizeof where), so.clusters);
    path = output ? strdup(output) : core_config_resolve(cfg, core_config_str(cfg, "simulate", "registry", ""));
    if (core_config_has(cfg, "simulate", "registry_spells"))
        spath = core_config_resolve(cfg, core_config_str(cfg, "simulate", "registry_spells", ""));
    if (!path || (core_config_has(cfg, "simulate", "registry_spells") && !spath)) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    if (core_same_file(path, o->config) || (spath && core_same_file(spath, o->config))) {
        st = core_err_set(err, CORE_ERR_USAGE, "an output of the registry simulation is the config file; inputs are "
                          "never overwritten");
        goto done;
    }
    if (!(rng = gsl_rng_alloc(gsl_rng_mt19937))) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    gsl_rng_set(rng, (unsigned long)seed);
    if ((st = rw_simulate(&so, rng, &panel, spath ? &spells : NULL, err)) != CORE_OK ||
        (st = cli_write_synthetic(panel, path, o, seed, err)) != CORE_OK ||
        (spells && (st = cli_write_synthetic(spells, spath, o, seed, err)) != CORE_OK))
        goto done;
    if (!o->quiet)
        printf("ipseval simulate: wrote %s (%ld persons x %ld years in %ld %s, %ld treated %s %ld%s; "
               "seed %ld; synthetic data)%s%s\n",
               path, so.persons, so.last_year - so.first_year + 1, so.clusters, so.rollout ? "counties" : "municipalities",
               so.treated, so.rollout ? "adopting in turn from" : "from", so.exposure_year,
               so.rollout ? " to the last year" : "", seed, spath ? " and " : "", spath ? spath : "");
done:
    core_table_free(panel);
    core_table_free(spells);
    if (rng)
        gsl_rng_free(rng);
    free(path);
    free(spath);
    return st;
}
