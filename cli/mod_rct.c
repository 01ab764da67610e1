/* The trial module: [trial] and [outcome:*] -> the trial's rows; hands over the loaded trial and the primary
 * binary outcome's effects (rct_product, rct/rct_run.h). */
#include <stdio.h>
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
    rpt_outcome_label vars[256]; /* names for people of the data's columns (rpt_run.variables) */
    size_t n_vars;
    char *own[256];              /* the texts vars point to that the state owns */
    size_t n_own;
} rct_state;

static void rct_state_free(void *p)
{
    rct_state *s = p;
    rct_effects_free(&s->p.effects);
    rct_missing_spec_free(&s->missing);
    rct_run_free(&s->p.run);
    for (size_t k = 0; k < s->n_own; k++)
        free(s->own[k]);
    free(s);
}

/* A label for column name (the first one given wins); text is owned by the state when own is set. */
static void add_var(rct_state *s, const char *name, char *text, int own, const char *type)
{
    if (own)
        s->own[s->n_own++] = text; /* room checked by the caller */
    if (!name || !*name || !text || !*text || s->n_vars == sizeof s->vars / sizeof s->vars[0])
        return;
    for (size_t k = 0; k < s->n_vars; k++)
        if (strcmp(s->vars[k].name, name) == 0)
            return;
    s->vars[s->n_vars++] = (rpt_outcome_label){name, text, type};
}

/* The data's columns named for people: [trial] labels ("name: label | name: label"), then the file's variable labels
 * (Stata/SPSS), then an outcome's baseline column (type "baseline": the workbook says "<its label> at baseline"). */
static core_status variable_labels(rct_state *s, const core_config *cfg, const rct_run *r, core_err *err)
{
    const char *v = core_config_value(cfg, "trial", "labels");
    while (v && *v) {
        const char *end = strchr(v, '|'), *colon = strchr(v, ':');
        size_t len = end ? (size_t)(end - v) : strlen(v);
        if (colon && colon < v + len) {
            const char *a = v, *b = colon;
            while (a < b && (*a == ' ' || *a == '\t'))
                a++;
            while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
                b--;
            const char *c = colon + 1, *d = v + len;
            while (c < d && (*c == ' ' || *c == '\t'))
                c++;
            while (d > c && (d[-1] == ' ' || d[-1] == '\t'))
                d--;
            if (s->n_own + 2 > sizeof s->own / sizeof s->own[0])
                return core_err_set(err, CORE_ERR_CONFIG, "[trial] labels: more than %zu labels",
                                    sizeof s->own / sizeof s->own[0] / 2);
            char *name = strndup(a, (size_t)(b - a)), *text = strndup(c, (size_t)(d - c));
            if (!name || !text) {
                free(name);
                free(text);
                return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            }
            s->own[s->n_own++] = name;
            add_var(s, name, text, 1, NULL);
        }
        v = end ? end + 1 : NULL;
    }
    for (size_t j = 0; r->table && j < r->table->n_cols; j++)
        add_var(s, r->table->cols[j].name, r->table->cols[j].label, 0, NULL);
    for (size_t k = 0; k < r->spec.n_outcomes; k++) {
        const rct_outcome_spec *o = &r->spec.outcomes[k];
        if (o->baseline && o->label) /* the workbook says "<label> at baseline" in its language */
            add_var(s, o->baseline, o->label, 0, "baseline");
    }
    return CORE_OK;
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
    if ((st = variable_labels(s, ctx->cfg, r, err)) != CORE_OK)
        return st;
    ctx->run.variables = s->vars;
    ctx->run.n_variables = s->n_vars;
    return CORE_OK;
}
