/* The cost-benefit module: [cba] (and [markov]) -> break-even wages, NPV/ROI by perspective, PSA, CEAC, EVPI,
 * tornado, Markov cohort model. With `effect = trial` the effects are the primary binary outcome's risk
 * differences from the run's trial results (module rct: risk_difference, newcombe, term arm). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cba/cba.h"
#include "cli.h"
#include "core/core_data.h"
#include "core/core_table.h"
#include "rct/rct.h"

typedef struct cba_state {
    cba_spec spec;
    cba_result *res;
    cba_run_info info;
    int *boot_arm;            /* effect.dist = bootstrap: the participants' arms and outcomes */
    double *boot_y;
} cba_state;

static void cba_state_free(void *p)
{
    cba_state *s = p;
    cba_result_free(s->res);
    cba_spec_free(&s->spec);
    free(s->boot_arm);
    free(s->boot_y);
    free(s);
}

/* effect.dist = bootstrap: the primary outcome of every participant at each effect month, from the trial data
 * (read again here; the trial module registered the file for Provenance). */
static core_status bootstrap_data(cli_ctx *ctx, cba_state *st, const char *primary, core_err *err)
{
    cba_spec *s = &st->spec;
    rct_spec rs;
    rct_trial tr;
    core_table *t = NULL;
    int have_spec = 0, have_trial = 0;
    core_status rc = rct_spec_from_config(ctx->cfg, &rs, err);
    if (rc != CORE_OK)
        return rc;
    have_spec = 1;
    if ((rc = core_data_read_section(ctx->cfg, "trial", "data", &t, NULL, err)) != CORE_OK)
        goto done;
    if ((rc = rct_trial_load(ctx->cfg, &rs, t, &tr, err)) != CORE_OK)
        goto done;
    have_trial = 1;
    size_t k = 0;
    while (k < rs.n_outcomes && strcmp(rs.outcomes[k].name, primary) != 0)
        k++;
    if (k == rs.n_outcomes) {
        rc = core_err_set(err, CORE_ERR_CONFIG, "effect.dist = bootstrap: outcome '%s' is not in the trial", primary);
        goto done;
    }
    const rct_outcome_spec *o = &rs.outcomes[k];
    size_t col[CBA_MAX_EFFECTS];
    for (size_t e = 0; e < s->n_effects; e++) {
        size_t j = 0;
        double m;
        while (j < o->n_columns &&
               !(rct_outcome_timepoint(o, j) && core_parse_double(rct_outcome_timepoint(o, j), '.', &m) &&
                 m == s->effect_months[e]))
            j++;
        if (j == o->n_columns) {
            rc = core_err_set(err, CORE_ERR_CONFIG, "effect.dist = bootstrap: outcome '%s' has no column at month %g",
                              primary, s->effect_months[e]);
            goto done;
        }
        col[e] = tr.col_index[tr.outcome_cols[k] + j];
    }
    size_t n = tr.n, K = s->n_effects;
    st->boot_arm = malloc((n ? n : 1) * sizeof *st->boot_arm);
    st->boot_y = malloc((n > 0 && K > 0 ? n * K : 1) * sizeof *st->boot_y);
    if (!st->boot_arm || !st->boot_y) {
        rc = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (tr.arm[i] > 1) /* a multi-arm trial: IPS (the first treatment) against the control only */
            continue;
        st->boot_arm[m] = tr.arm[i];
        for (size_t e = 0; e < K; e++) {
            double v;
            st->boot_y[m * K + e] = core_cell_number(t, col[e], i, &v) == 1 ? (double)(v == 1) : NAN;
        }
        m++;
    }
    s->boot_n = m;
    s->boot_arm = st->boot_arm;
    s->boot_y = st->boot_y;
done:
    if (have_trial)
        rct_trial_free(&tr);
    core_table_free(t);
    if (have_spec)
        rct_spec_free(&rs);
    return rc;
}

static const core_result_row *rct_row(const core_results *res, const char *analysis, const char *method,
                                      const char *outcome, const char *tp)
{
    for (size_t i = 0; i < res->n; i++) {
        const core_result_row *r = &res->rows[i];
        if (r->module && strcmp(r->module, "rct") == 0 && r->analysis && strcmp(r->analysis, analysis) == 0 &&
            r->method && strcmp(r->method, method) == 0 && r->outcome && strcmp(r->outcome, outcome) == 0 &&
            r->term && strcmp(r->term, "arm") == 0 && r->timepoint && strcmp(r->timepoint, tp) == 0)
            return r;
    }
    return NULL;
}

/* The primary binary outcome's risk differences (Newcombe rows: the estimate) with the Wald SE, at the trial's
 * numeric timepoints (all of them, or those named by effect_months). */
static core_status trial_effects(cli_ctx *ctx, cba_spec *s, core_err *err)
{
    char where[600];
    const rpt_trial_info *ti = ctx->run.trial;
    const char *primary = ti ? ti->primary : NULL;
    if (!primary)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: 'trial' needs a primary binary outcome; set primary = yes in an [outcome:NAME] section "
                            "of type binary (employment), or type the effects in",
                            core_config_where(ctx->cfg, "cba", "effect", where, sizeof where));
    for (size_t k = 0; k < ctx->run.n_outcomes; k++)
        if (strcmp(ctx->run.outcomes[k].name, primary) == 0 && strcmp(ctx->run.outcomes[k].type, "binary") != 0)
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: 'trial' needs the primary outcome to be binary (employment); '%s' is %s",
                                core_config_where(ctx->cfg, "cba", "effect", where, sizeof where), primary,
                                ctx->run.outcomes[k].type);
    snprintf(s->intervention, sizeof s->intervention, "%s", ti->treatment ? ti->treatment : "IPS");
    snprintf(s->comparator, sizeof s->comparator, "%s", ti->control ? ti->control : "control");
    /* the timepoints, in result order */
    double months[CBA_MAX_EFFECTS], eff[CBA_MAX_EFFECTS], se[CBA_MAX_EFFECTS];
    size_t n = 0;
    double z = 1.959963984540054; /* for an SE from the Newcombe interval when no Wald row exists */
    const core_results *res = ctx->res;
    for (size_t i = 0; i < res->n; i++) {
        const core_result_row *r = &res->rows[i];
        if (!r->module || strcmp(r->module, "rct") != 0 || !r->analysis || strcmp(r->analysis, "risk_difference") != 0 ||
            !r->method || strcmp(r->method, "newcombe") != 0 || !r->outcome || strcmp(r->outcome, primary) != 0 ||
            !r->term || strcmp(r->term, "arm") != 0)
            continue;
        double m;
        if (!r->timepoint || !core_parse_double(r->timepoint, '.', &m))
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: 'trial' needs numeric timepoints (months since randomisation); outcome '%s' has "
                                "timepoint '%s'",
                                core_config_where(ctx->cfg, "cba", "effect", where, sizeof where), primary,
                                r->timepoint ? r->timepoint : "(none)");
        if (s->n_effects > 0) { /* effect_months names a subset */
            int wanted = 0;
            for (size_t k = 0; k < s->n_effects; k++)
                wanted |= s->effect_months[k] == m;
            if (!wanted)
                continue;
        }
        if (n == CBA_MAX_EFFECTS)
            return core_err_set(err, CORE_ERR_CONFIG, "the trial has more than %d timepoints", CBA_MAX_EFFECTS);
        if (isnan(r->estimate))
            return core_err_set(err, CORE_ERR_ANALYSIS, "the employment effect of '%s' at month %s is not estimable (%s)",
                                primary, r->timepoint, r->label ? r->label : "no estimate");
        const core_result_row *w = rct_row(res, "risk_difference", "wald", primary, r->timepoint);
        months[n] = m;
        eff[n] = r->estimate;
        se[n] = w && !isnan(w->se) ? w->se : (r->ci_high - r->ci_low) / (2 * z);
        n++;
    }
    if (s->n_effects > 0 && n != s->n_effects)
        return core_err_set(err, CORE_ERR_CONFIG, "%s: not every month is a timepoint of outcome '%s' in the trial",
                            core_config_where(ctx->cfg, "cba", "effect_months", where, sizeof where), primary);
    if (n == 0)
        return core_err_set(err, CORE_ERR_ANALYSIS, "the trial results hold no risk difference for outcome '%s'",
                            primary);
    return cba_spec_set_effects(s, n, months, eff, se, err);
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
    core_status st = cba_spec_from_config(ctx->cfg, ctx->confidence, &s->spec, err);
    if (st != CORE_OK) {
        cba_spec_free(&s->spec);
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
        if ((st = cli_ctx_require(ctx, "rct", err)) != CORE_OK)
            return st;
        if (ctx->check_only) {
            /* the trial is not analysed in check mode: check the rest with a placeholder effect */
            double m = 6, e = 0, se = 0;
            if ((st = cba_spec_set_effects(sp, 1, &m, &e, &se, err)) != CORE_OK)
                return st;
            sp->effect_bootstrap = 0; /* the participants are read when the analysis runs */
        } else if ((st = trial_effects(ctx, sp, err)) != CORE_OK) {
            return st;
        } else if (sp->effect_bootstrap && sp->psa_draws > 0 &&
                   (st = bootstrap_data(ctx, s, ctx->run.trial->primary, err)) != CORE_OK) {
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
