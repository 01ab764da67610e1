/* The meta-analysis module: [meta] -> study effects, pooled effects by every configured method,
 * heterogeneity, prediction intervals, leave-one-out, cumulative by year, meta-regression. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/core_atomic.h"
#include "core/core_read.h"
#include "meta/meta.h"

typedef struct meta_state {
    meta_spec spec;
    meta_studies studies;
} meta_state;

static void meta_state_free(void *p)
{
    meta_state *s = p;
    meta_studies_free(&s->studies);
    meta_spec_free(&s->spec);
    free(s);
}

static void table_free_void(void *p)
{
    core_table_free(p);
}

/* Federated pooling: every file of [meta] results (other runs' results CSVs), registered for Provenance like any
 * input and refused as an output path; then one study per file. */
static core_status read_results_files(cli_ctx *ctx, meta_state *s, core_err *err)
{
    size_t n = s->spec.n_results;
    const core_table **tables = calloc(n, sizeof *tables);
    if (!tables)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_status st = cli_ctx_defer(ctx, free, (void *)tables, err);
    if (st != CORE_OK)
        return st;
    char where[600];
    for (size_t i = 0; i < n; i++) {
        const char *as_written = s->spec.results[i];
        char *path = core_config_resolve(ctx->cfg, as_written);
        if (!path)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        if ((st = cli_ctx_defer(ctx, free, path, err)) != CORE_OK)
            return st;
        const char *outs[2] = {ctx->output, ctx->results};
        for (int o = 0; o < 2; o++)
            if (outs[o] && core_same_file(outs[o], path))
                return core_err_set(err, CORE_ERR_USAGE, "the %s path '%s' is the input '%s' of [meta] results; inputs "
                                    "are never overwritten", o ? "results" : "workbook", outs[o], path);
        /* another run's results file: if that run was killed while it replaced its outputs, its commit journal
         * decides the pair, so finish that commit before reading (core_atomic_recover) */
        core_atomic_recover(path);
        core_read_opts ro = {.display_name = as_written};
        core_table *t = core_read_delimited(path, &ro, err);
        if (!t) {
            core_err_prefix(err, "%s", core_config_where(ctx->cfg, "meta", "results", where, sizeof where));
            return err->code;
        }
        if ((st = cli_ctx_defer(ctx, table_free_void, t, err)) != CORE_OK)
            return st;
        tables[i] = t;
        if (ctx->n_inputs == CLI_MAX_INPUTS)
            return core_err_set(err, CORE_ERR_CONFIG, "more than %d input files in one run", CLI_MAX_INPUTS);
        rpt_input *in = &ctx->inputs[ctx->n_inputs];
        in->role = "meta";
        in->path = as_written;
        in->rows = (long)t->n_rows;
        in->cols = (long)t->n_cols;
        if (!ctx->check_only && (st = rpt_sha256_file(path, in->sha256, err)) != CORE_OK)
            return st;
        ctx->n_inputs++;
    }
    return meta_studies_from_results(&s->spec, tables, (const char *const *)s->spec.results, n, &s->studies, err);
}

core_status cli_mod_meta(cli_ctx *ctx, core_err *err)
{
    meta_state *s = calloc(1, sizeof *s);
    if (!s)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_status st = meta_spec_from_config(ctx->cfg, ctx->confidence, &s->spec, err);
    if (st != CORE_OK) {
        free(s);
        return st;
    }
    if ((st = cli_ctx_defer(ctx, meta_state_free, s, err)) != CORE_OK)
        return st;
    if (s->spec.n_results > 0) {
        if ((st = read_results_files(ctx, s, err)) != CORE_OK)
            return st;
    } else {
        core_table *t;
        if ((st = cli_ctx_read_data(ctx, "meta", "data", &t, err)) != CORE_OK)
            return st;
        if ((st = meta_studies_build(ctx->cfg, &s->spec, t, &s->studies, err)) != CORE_OK)
            return st;
    }
    const meta_studies *ms = &s->studies;
    cli_ctx_note(ctx, "meta: %zu studies, %zu pooled", ms->n, ms->k);
    for (size_t i = 0; i < ms->n; i++)
        if (ms->s[i].excluded)
            cli_ctx_note(ctx, "meta: study '%s' (line %ld) %s", ms->s[i].name, ms->s[i].line, ms->s[i].excluded);
    const char *few;
    if ((st = meta_check(ctx->cfg, &s->spec, ms, &few, err)) != CORE_OK)
        return st;
    if (few)
        cli_ctx_note(ctx, "meta: warning: %zu studies pooled: %s", ms->k, few);
    if (ctx->check_only)
        return CORE_OK;
    return meta_analyse(&s->spec, &s->studies, ctx->res, err);
}
