/* The routine-practice modules: [cohort] (a single-service cohort), [equity] (users against a reference
 * population) and [workforce] (employment specialists' turnover). Glue only: read the section, read its data,
 * hand both to practice/, note what `check` says. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "cli/cli.h"
#include "core/core_atomic.h"
#include "core/core_rng.h"
#include "practice/prc.h"

typedef struct cohort_state {
    prc_cohort_spec spec;
    prc_cohort cohort;
} cohort_state;

static void cohort_state_free(void *p)
{
    cohort_state *s = p;
    prc_cohort_free(&s->cohort);
    prc_cohort_spec_free(&s->spec);
    free(s);
}

core_status cli_mod_cohort(cli_ctx *ctx, core_err *err)
{
    cohort_state *s = calloc(1, sizeof *s);
    if (!s)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_status st = prc_cohort_spec_from_config(ctx->cfg, &s->spec, err);
    if (st != CORE_OK) {
        free(s);
        return st;
    }
    if ((st = cli_ctx_defer(ctx, cohort_state_free, s, err)) != CORE_OK)
        return st;
    core_table *t;
    if ((st = cli_ctx_read_data(ctx, "cohort", "data", &t, err)) != CORE_OK)
        return st;
    if ((st = prc_cohort_load(ctx->cfg, &s->spec, t, &s->cohort, err)) != CORE_OK)
        return st;
    cli_ctx_note(ctx, "cohort: %zu people, %ld got a job", s->cohort.n, s->cohort.n_jobs);
    if (ctx->check_only)
        return CORE_OK;
    return prc_cohort_analyse(&s->spec, &s->cohort, ctx->confidence, ctx->res, err);
}

static void equity_spec_free(void *p)
{
    prc_equity_spec_free(p);
    free(p);
}

core_status cli_mod_equity(cli_ctx *ctx, core_err *err)
{
    prc_equity_spec *spec = calloc(1, sizeof *spec);
    if (!spec)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_status st = prc_equity_spec_from_config(ctx->cfg, spec, err);
    if (st != CORE_OK) {
        free(spec);
        return st;
    }
    if ((st = cli_ctx_defer(ctx, equity_spec_free, spec, err)) != CORE_OK)
        return st;
    core_table *t, *ref;
    if ((st = cli_ctx_read_data(ctx, "equity", "data", &t, err)) != CORE_OK)
        return st;
    if ((st = cli_ctx_read_data(ctx, "equity", "reference", &ref, err)) != CORE_OK)
        return st;
    cli_ctx_note(ctx, "equity: %zu users, %zu reference groups", t->n_rows, ref->n_rows);
    if (ctx->check_only)
        return prc_equity_check(ctx->cfg, spec, t, ref, err);
    return prc_equity_analyse(ctx->cfg, spec, t, ref, ctx->confidence, ctx->res, err);
}

typedef struct workforce_state {
    prc_workforce_spec spec;
    prc_workforce w;
} workforce_state;

static void workforce_state_free(void *p)
{
    workforce_state *s = p;
    prc_workforce_free(&s->w);
    free(s);
}

core_status cli_mod_workforce(cli_ctx *ctx, core_err *err)
{
    workforce_state *s = calloc(1, sizeof *s);
    if (!s)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_status st = prc_workforce_spec_from_config(ctx->cfg, &s->spec, err);
    if (st != CORE_OK) {
        free(s);
        return st;
    }
    if ((st = cli_ctx_defer(ctx, workforce_state_free, s, err)) != CORE_OK)
        return st;
    core_table *t;
    if ((st = cli_ctx_read_data(ctx, "workforce", "data", &t, err)) != CORE_OK)
        return st;
    if ((st = prc_workforce_load(ctx->cfg, &s->spec, t, &s->w, err)) != CORE_OK)
        return st;
    cli_ctx_note(ctx, "workforce: %zu employment spells of %ld people at %zu sites", s->w.n, s->w.n_people,
                 s->w.n_sites);
    if (ctx->check_only)
        return CORE_OK;
    return prc_workforce_analyse(&s->spec, &s->w, ctx->confidence, ctx->res, err);
}

/* [simulate] cohort = FILE and workforce = FILE: synthetic routine-practice data (practice/prc_simulate.c). Each file
 * gets its own generator seeded from the seed and its name, so adding one file never changes another. */
static core_status sim_write(const core_config *cfg, const cli_opts *o, long seed, const char *key,
                             const char *output, core_err *err)
{
    char *path = output ? strdup(output) : core_config_resolve(cfg, core_config_str(cfg, "simulate", key, ""));
    if (!path)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_table *t = NULL;
    gsl_rng *rng = NULL;
    core_status st = CORE_OK;
    int cohort = strcmp(key, "cohort") == 0;
    prc_sim_cohort_opts co = {.p_job = 0.462, .median_days = 132, .median_support = 146, .support_limit = 365,
                              .share_over_limit = 1 - 0.847};
    prc_sim_workforce_opts wo = {.posts = 5, .first_year = 2016, .years = 5};
    if (cohort)
        st = core_config_long(cfg, "simulate", "cohort_n", 539, 10, 10000000, &co.n, err);
    else if ((st = core_config_long(cfg, "simulate", "workforce_sites", 4, 1, 26, &wo.sites, err)) == CORE_OK)
        st = core_config_double(cfg, "simulate", "workforce_rate", 25, 0, 500, 1, 0, &wo.rate, err);
    if (st != CORE_OK)
        goto done;
    if (core_same_file(path, o->config)) {
        st = core_err_set(err, CORE_ERR_USAGE, "the %s output '%s' is the config file; inputs are never overwritten",
                          key, path);
        goto done;
    }
    if (!(rng = core_rng_stream((unsigned long)seed, key))) { /* the file's own stream: the seed and its key */
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    if ((st = cohort ? prc_simulate_cohort(&co, rng, &t, err) : prc_simulate_workforce(&wo, rng, &t, err)) != CORE_OK ||
        (st = cli_write_synthetic(t, path, o, seed, err)) != CORE_OK)
        goto done;
    if (!o->quiet && cohort)
        printf("ipseval simulate: wrote %s (a single-service cohort of %ld people: 46.2%% get a job, median 132 days to "
               "it, median 146 days of in-work support; seed %ld; synthetic data)\n", path, co.n, seed);
    else if (!o->quiet)
        printf("ipseval simulate: wrote %s (employment specialists at %ld sites x %ld posts, %ld years from %ld, true "
               "turnover %.15g per 100 person-years; seed %ld; synthetic data)\n", path, wo.sites, wo.posts, wo.years,
               wo.first_year, wo.rate, seed);
done:
    core_table_free(t);
    if (rng)
        gsl_rng_free(rng);
    free(path);
    return st;
}

core_status cli_simulate_practice(const core_config *cfg, const cli_opts *o, long seed, const char *output,
                                  core_err *err)
{
    core_status st = CORE_OK;
    int both = core_config_has(cfg, "simulate", "cohort") && core_config_has(cfg, "simulate", "workforce");
    if (core_config_has(cfg, "simulate", "cohort"))
        st = sim_write(cfg, o, seed, "cohort", both ? NULL : output, err);
    if (st == CORE_OK && core_config_has(cfg, "simulate", "workforce"))
        st = sim_write(cfg, o, seed, "workforce", both ? NULL : output, err);
    return st;
}
