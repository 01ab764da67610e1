/* The routine-practice modules: [cohort] (a single-service cohort), [equity] (users against a reference
 * population) and [workforce] (employment specialists' turnover). Glue only: read the section, read its data,
 * hand both to practice/, note what `check` says. */
#include <stdlib.h>

#include "cli.h"
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
    long jobs = 0;
    for (size_t i = 0; i < s->cohort.n; i++)
        jobs += s->cohort.job[i];
    cli_ctx_note(ctx, "cohort: %zu people, %ld got a job", s->cohort.n, jobs);
    if (ctx->check_only)
        return CORE_OK;
    return prc_cohort_analyse(&s->spec, &s->cohort, ctx->confidence, ctx->res, err);
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
    if ((st = cli_ctx_defer(ctx, (void (*)(void *))prc_equity_spec_free, spec, err)) != CORE_OK)
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
