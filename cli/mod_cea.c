/* The cost-effectiveness module: [cea] with the trial's arms as the options -> discounted costs and QALYs per
 * participant, regression-adjusted increments, the incremental analysis, the bootstrap within arm. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cea/cea.h"
#include "cli/cli.h"
#include "core/core_atomic.h"
#include "core/core_read.h"
#include "rct/rct.h"
#include "rct/rct_run.h"

typedef struct cea_state {
    cea_spec spec;
    const char **arm_names;
    cea_data data;
    cea_result res;
    cea_run_info info;
} cea_state;

static void cea_state_free(void *p)
{
    cea_state *s = p;
    cea_result_free(&s->res);
    cea_data_free(&s->data);
    cea_spec_free(&s->spec);
    free(s->arm_names);
    free(s);
}

/* The options are the trial's arms: the trial comes from the trial module's product (rct_product, rct/rct_run.h),
 * loaded once for every module that reads it. */
core_status cli_mod_cea(cli_ctx *ctx, core_err *err)
{
    cea_state *s = calloc(1, sizeof *s);
    if (!s)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_status st = cea_spec_from_config(ctx->cfg, ctx->confidence, &s->spec, err);
    if (st != CORE_OK) {
        free(s);
        return st;
    }
    if ((st = cli_ctx_defer(ctx, cea_state_free, s, err)) != CORE_OK)
        return st;
    const void *product;
    if ((st = cli_ctx_require(ctx, "rct", &product, err)) != CORE_OK)
        return st;
    const rct_run *r = &((const rct_product *)product)->run;
    if (r->lspec.layout_long && !s->spec.has_data) {
        char w[600];
        return core_err_set(err, CORE_ERR_CONFIG, "%s: [cea] reads one row per participant; with the trial in the long "
                            "layout give its costs and utilities in [cea] data = FILE, one row per id (or the trial in "
                            "the wide layout)", core_config_where(ctx->cfg, "trial", "layout", w, sizeof w));
    }
    core_table *extra = NULL;
    if (s->spec.has_data && (st = cli_ctx_read_data(ctx, "cea", "data", &extra, err)) != CORE_OK)
        return st;
    size_t na = r->trial.n_arms;
    if (!(s->arm_names = calloc(na, sizeof *s->arm_names)))
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    s->arm_names[0] = r->spec.control;
    for (size_t a = 1; a < na; a++)
        s->arm_names[a] = r->spec.treatments[a - 1];
    cea_trial_view v = {.t = r->table,
                        .arm = r->trial.arm,
                        .arm_names = s->arm_names,
                        .n_arms = na,
                        .id = r->spec.id,
                        .site = r->spec.site,
                        .control = r->spec.control};
    if ((st = cea_data_build(ctx->cfg, &s->spec, &v, extra, &s->data, err)) != CORE_OK)
        return st;
    const cea_data *d = &s->data;
    cli_ctx_note(ctx, "cea: %zu options (reference %s), %zu complete cases of %zu participants, %ld bootstrap "
                 "resamples", d->k, d->options[0], d->n, r->table->n_rows, s->spec.bootstrap);
    if (ctx->check_only)
        return CORE_OK;
    if ((st = cea_analyse(&s->spec, d, ctx->rng, &ctx->progress, &s->res, err)) != CORE_OK)
        return st;
    if ((st = cea_rows(&s->spec, d, &s->res, ctx->res, err)) != CORE_OK)
        return st;
    s->info = (cea_run_info){.spec = &s->spec, .data = d, .res = &s->res};
    ctx->run.cea = &s->info;
    return CORE_OK;
}

/* [simulate] cea = FILE: the synthetic three-arm trial with costs and utilities (cea/cea_simulate.c). */
core_status cli_simulate_cea(const core_config *cfg, const cli_opts *o, long seed, const char *output, core_err *err)
{
    cea_sim_opts so = {0};
    core_status st;
    if ((st = core_config_long(cfg, "simulate", "cea_n", 720, 6, 10000000, &so.n, err)) != CORE_OK ||
        (st = core_config_long(cfg, "simulate", "cea_sites", 3, 1, 1000, &so.sites, err)) != CORE_OK)
        return st;
    char *path = output ? strdup(output) : core_config_resolve(cfg, core_config_str(cfg, "simulate", "cea", ""));
    core_table *t = NULL;
    gsl_rng *rng = NULL;
    if (!path)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    if (core_same_file(path, o->config)) {
        st = core_err_set(err, CORE_ERR_USAGE, "the output '%s' of [simulate] cea is the config file; inputs are never "
                          "overwritten", path);
        goto done;
    }
    if (!(rng = gsl_rng_alloc(gsl_rng_mt19937))) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    gsl_rng_set(rng, (unsigned long)seed);
    if (core_config_has(cfg, "simulate", "cea_for")) {
        /* costs and utilities for the participants of an existing trial file, joined on its id */
        char *tpath = core_config_resolve(cfg, core_config_str(cfg, "simulate", "cea_for", ""));
        core_read_opts ro = {.display_name = core_config_str(cfg, "simulate", "cea_for", "")};
        core_table *trial = tpath ? core_read_delimited(tpath, &ro, err) : NULL;
        free(tpath);
        if (!trial) {
            st = err->code ? err->code : core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto done;
        }
        st = cea_simulate_for(trial, "id", "arm", core_config_str(cfg, "simulate", "cea_intervention", "IPS"), rng, &t,
                              err);
        long n_for = (long)trial->n_rows;
        core_table_free(trial);
        if (st != CORE_OK || (st = cli_write_synthetic(t, path, o, seed, err)) != CORE_OK)
            goto done;
        if (!o->quiet)
            printf("ipseval simulate: wrote %s (costs and utilities of the %ld participants of %s; seed %ld; synthetic "
                   "data)\n", path, n_for, core_config_str(cfg, "simulate", "cea_for", ""), seed);
        goto done;
    }
    if ((st = cea_simulate(&so, rng, &t, err)) != CORE_OK || (st = cli_write_synthetic(t, path, o, seed, err)) != CORE_OK)
        goto done;
    if (!o->quiet)
        printf("ipseval simulate: wrote %s (%ld participants in three arms IPS, IPSE, SAU with costs and utilities, "
               "%ld sites; seed %ld; synthetic data)\n", path, so.n, so.sites, seed);
done:
    core_table_free(t);
    if (rng)
        gsl_rng_free(rng);
    free(path);
    return st;
}
