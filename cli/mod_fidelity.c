/* The fidelity module: [fidelity] (+ [scale:NAME]) -> scores, trends, agreement, alpha and the
 * fidelity–outcome link with the trial's sites; [agreement] -> ICC and kappas of a ratings table. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <gsl/gsl_rng.h>

#include "cli/cli.h"
#include "core/core_data.h"
#include "core/core_rng.h"
#include "fidelity/fid.h"
#include "rct/rct.h"
#include "rct/rct_run.h"

typedef struct fid_state {
    fid_scale scale;
    fid_spec spec;
    fid_data data;
    int have_scale, have_data;
    rpt_fidelity_info info;
    const char **items, **labels, **sections, **band_labels, **anchors;
    double *band_lower;
    size_t *rater_cols;
    double *categories;
    char **rater_names;
} fid_state;

/* The cluster bootstrap of the item kappas draws from a stream of its own, core_rng_stream(seed,
 * "fidelity-agreement"), so that it moves no other draw of the fidelity module. */
static core_status agreement_bootstrap(cli_ctx *ctx, fid_state *s, double conf, core_err *err)
{
    if (s->spec.bootstrap == 0)
        return CORE_OK;
    gsl_rng *rng = core_rng_stream(ctx->seed, "fidelity-agreement");
    if (!rng)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_status st = fid_rows_agreement_clustered(&s->data, conf, (size_t)s->spec.bootstrap, rng, ctx->res, err);
    gsl_rng_free(rng);
    return st;
}

static void fid_state_free(void *p)
{
    fid_state *s = p;
    if (s->have_data)
        fid_data_free(&s->data);
    if (s->have_scale)
        fid_scale_free(&s->scale);
    free(s->items), free(s->labels), free(s->sections), free(s->band_labels), free(s->band_lower);
    free(s->anchors);
    free(s->rater_cols), free(s->categories);
    core_config_list_free(s->rater_names);
    free(s);
}

/* ------------------------------------------------- the trial's sites (link) ---- */

/* The link: [fidelity] outcome (a binary trial outcome; default the primary), timepoint (default the
 * last), link = effect (IPS minus control employment rate per site) | rate (IPS arm's rate) | none.
 * The trial comes from the trial module's product (rct_product, rct/rct_run.h): its per-site counts. */
static core_status fidelity_link(cli_ctx *ctx, fid_state *s, core_err *err)
{
    const core_config *cfg = ctx->cfg;
    static const char *const kinds[] = {"effect", "rate", "none", NULL};
    int kind;
    char where[600];
    core_status st;
    if ((st = core_config_choice(cfg, "fidelity", "link", kinds, 0, &kind, err)) != CORE_OK)
        return st;
    if (kind == 2 || !core_config_has_section(cfg, "trial"))
        return CORE_OK;
    if (!core_config_str(cfg, "trial", "site", NULL)) {
        if (core_config_has(cfg, "fidelity", "link"))
            return core_err_set(err, CORE_ERR_CONFIG, "%s: the fidelity-outcome link needs the trial's site column "
                                "(site = ... in [trial])", core_config_where(cfg, "fidelity", "link", where, sizeof where));
        return CORE_OK;
    }
    const void *product;
    if ((st = cli_ctx_require(ctx, "rct", &product, err)) != CORE_OK)
        return st;
    const rct_product *p = product;
    const rct_run *r = &p->run;
    /* Which outcome and timepoint. */
    const char *oname = core_config_str(cfg, "fidelity", "outcome", NULL);
    long k = oname ? rct_outcome_find(r, oname) : p->primary;
    if (k < 0 && !oname)
        for (size_t q = 0; q < r->spec.n_outcomes && k < 0; q++)
            if (r->spec.outcomes[q].type == RCT_BINARY)
                k = (long)q;
    if (k < 0 || r->spec.outcomes[k].type != RCT_BINARY) {
        if (oname)
            return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not a binary outcome of the trial (an [outcome:NAME] "
                                "with type = binary)", core_config_where(cfg, "fidelity", "outcome", where, sizeof where),
                                oname);
        return CORE_OK; /* no binary outcome: nothing to link, silently as there is nothing to say */
    }
    const rct_outcome_spec *os = &r->spec.outcomes[k];
    size_t n_tp = os->n_columns, tpi = n_tp ? n_tp - 1 : 0;
    const char *tpname = core_config_str(cfg, "fidelity", "timepoint", NULL);
    if (tpname) {
        long found = rct_timepoint_find(r, (size_t)k, tpname);
        if (found < 0)
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: '%s' is not a timepoint of outcome %s (see [trial] timepoints)",
                                core_config_where(cfg, "fidelity", "timepoint", where, sizeof where), tpname, os->name);
        tpi = (size_t)found;
    }
    const char *tplabel = n_tp > 1 && tpi < r->spec.n_timepoints ? r->spec.timepoints[tpi] : NULL;
    rct_site_count *sc;
    size_t n_sites;
    if ((st = rct_site_counts(r, (size_t)k, tpi, &sc, &n_sites, err)) != CORE_OK)
        return st;
    fid_site_outcome *so = calloc(n_sites ? n_sites : 1, sizeof *so);
    if (!so) {
        rct_site_counts_free(sc, n_sites);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t j = 0; j < n_sites; j++)
        so[j] = (fid_site_outcome){.site = sc[j].site, .x1 = sc[j].x1, .n1 = sc[j].n1, .x0 = sc[j].x0, .n0 = sc[j].n0};
    if (!ctx->check_only)
        st = fid_rows_link(&s->data, so, n_sites, os->name, tplabel, kind == 0 ? FID_LINK_EFFECT : FID_LINK_RATE,
                           RCT_RISK_DIFFERENCE, r->spec.treatment, r->spec.control, ctx->confidence, ctx->res, err);
    if (st == CORE_OK)
        cli_ctx_note(ctx, "fidelity-outcome link: %zu trial sites, outcome %s%s%s", n_sites, os->name,
                     tplabel ? " at " : "", tplabel ? tplabel : "");
    free(so);
    rct_site_counts_free(sc, n_sites);
    return st;
}

/* --------------------------------------------------------------- [fidelity] ---- */

static core_status run_fidelity(cli_ctx *ctx, fid_state *s, core_err *err)
{
    const core_config *cfg = ctx->cfg;
    core_status st;
    char where[600];
    const char *scale = core_config_str(cfg, "fidelity", "scale", "ips25");
    core_config_where(cfg, "fidelity", "scale", where, sizeof where);
    if ((st = fid_scale_load(cfg, scale, where, &s->scale, err)) != CORE_OK)
        return st;
    s->have_scale = 1;
    char sec[300];
    snprintf(sec, sizeof sec, "scale:%s", scale);
    if (core_config_has(cfg, sec, "anchors")) {
        /* the file is found beside the config (a relative path is the config's); a missing one is named with
         * its key before any reading */
        const char *rel = core_config_str(cfg, sec, "anchors", "");
        char *path = core_config_resolve(cfg, rel);
        if (!path)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        int there = access(path, R_OK) == 0;
        if (!there) {
            core_err_set(err, CORE_ERR_CONFIG, "%s: anchors = %s: cannot read %s (%s); the anchors file (columns "
                         "item, score, text) is found relative to the config file",
                         core_config_where(cfg, sec, "anchors", where, sizeof where), rel, path, strerror(errno));
            free(path);
            return CORE_ERR_CONFIG;
        }
        free(path);
        core_table *at;
        if ((st = cli_ctx_read_data(ctx, sec, "anchors", &at, err)) != CORE_OK ||
            (st = fid_scale_set_texts(&s->scale, at, err)) != CORE_OK)
            return st;
        if (!(s->scale.anchors_file = strdup(rel)))
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    if ((st = fid_spec_from_config(cfg, &s->spec, err)) != CORE_OK)
        return st;
    s->spec.scale = &s->scale;
    core_table *t;
    if ((st = cli_ctx_read_data(ctx, "fidelity", "data", &t, err)) != CORE_OK)
        return st;
    if ((st = fid_data_load(cfg, &s->spec, t, &s->data, err)) != CORE_OK)
        return st;
    s->have_data = 1;
    static const char *const layouts[] = {"one row per review", "raters", "respondents"};
    cli_ctx_note(ctx, "fidelity: scale %s (%zu items), %zu sites, %zu review rounds, %zu reviews (%s)", s->scale.name,
                 s->scale.n_items, s->data.n_sites, s->data.n_rounds, s->data.n_reviews, layouts[s->spec.layout]);
    if (!ctx->check_only) {
        double conf = ctx->confidence;
        if ((st = fid_rows_scores(&s->data, conf, ctx->res, err)) != CORE_OK ||
            (st = fid_rows_trends(&s->data, ctx->res, err)) != CORE_OK ||
            (st = fid_rows_agreement(&s->data, conf, ctx->res, err)) != CORE_OK ||
            (st = agreement_bootstrap(ctx, s, conf, err)) != CORE_OK ||
            (st = fid_rows_alpha(&s->data, conf, ctx->res, err)) != CORE_OK ||
            (st = fid_rows_phase_change(&s->data, conf, ctx->res, err)) != CORE_OK ||
            (st = fid_rows_phase_model(&s->data, conf, ctx->res, err)) != CORE_OK)
            return st;
    }
    if ((st = fidelity_link(ctx, s, err)) != CORE_OK)
        return st;
    /* What the Fidelity sheet needs besides the rows: the items' names, labels and sections. */
    size_t ni = s->scale.n_items;
    s->items = calloc(ni, sizeof *s->items);
    s->labels = calloc(ni, sizeof *s->labels);
    s->sections = calloc(ni, sizeof *s->sections);
    size_t nb = s->scale.n_bands;
    s->band_labels = calloc(nb ? nb : 1, sizeof *s->band_labels);
    s->band_lower = calloc(nb ? nb : 1, sizeof *s->band_lower);
    size_t nv = s->scale.max >= s->scale.min ? (size_t)(s->scale.max - s->scale.min + 1) : 0;
    s->anchors = calloc(ni * nv > 0 ? ni * nv : 1, sizeof *s->anchors);
    if (!s->items || !s->labels || !s->sections || !s->band_labels || !s->band_lower || !s->anchors)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    for (size_t b = 0; b < nb; b++) {
        s->band_labels[b] = s->scale.bands[b].label;
        s->band_lower[b] = s->scale.bands[b].lower;
    }
    for (size_t j = 0; j < ni; j++) {
        const fid_item *it = &s->scale.items[j];
        s->items[j] = it->name;
        s->labels[j] = it->label;
        s->sections[j] = it->section >= 0 ? s->scale.sections[it->section] : NULL;
        /* in score order: the text of the level that scores min + v (a reverse item's raw value counts down) */
        for (size_t v = 0; v < nv; v++)
            s->anchors[j * nv + v] = it->anchors ? it->anchors[it->reverse ? nv - 1 - v : v] : NULL;
    }
    s->info = (rpt_fidelity_info){.scale = s->scale.name,
                                  .title = s->scale.title,
                                  .n_items = ni,
                                  .items = s->items,
                                  .labels = s->labels,
                                  .sections = s->sections,
                                  .anchors = s->anchors,
                                  .anchors_file = s->scale.anchors_file,
                                  .min = s->scale.min,
                                  .max = s->scale.max,
                                  .respondents = s->spec.layout == FID_LAYOUT_RESPONDENTS,
                                  .mean_total = s->scale.score == FID_SCORE_MEAN,
                                  .n_bands = nb,
                                  .band_lower = s->band_lower,
                                  .band_labels = s->band_labels};
    ctx->run.fidelity = &s->info;
    return CORE_OK;
}

/* -------------------------------------------------------------- [agreement] ---- */

static core_status run_agreement(cli_ctx *ctx, fid_state *s, core_err *err)
{
    const core_config *cfg = ctx->cfg;
    core_status st;
    char where[600];
    size_t k;
    if ((st = core_config_list(cfg, "agreement", "raters", 0, &s->rater_names, &k, err)) != CORE_OK)
        return st;
    if (k < 2)
        return core_err_set(err, CORE_ERR_CONFIG, "%s: agreement needs at least two rater columns (raters = A, B, ...)",
                            core_config_where(cfg, "agreement", k ? "raters" : NULL, where, sizeof where));
    core_table *t;
    if ((st = cli_ctx_read_data(ctx, "agreement", "data", &t, err)) != CORE_OK)
        return st;
    if (!(s->rater_cols = calloc(k, sizeof *s->rater_cols)))
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    for (size_t j = 0; j < k; j++) {
        if ((st = core_data_column(cfg, "agreement", "raters", t, s->rater_names[j], &s->rater_cols[j], err)) != CORE_OK)
            return st;
        for (size_t i = 0; i < j; i++)
            if (s->rater_cols[i] == s->rater_cols[j])
                return core_err_set(err, CORE_ERR_CONFIG, "%s: rater column '%s' is listed twice",
                                    core_config_where(cfg, "agreement", "raters", where, sizeof where),
                                    s->rater_names[j]);
    }
    const char *target = core_config_str(cfg, "agreement", "target", NULL);
    if (target) {
        size_t tc;
        if ((st = core_data_column(cfg, "agreement", "target", t, target, &tc, err)) != CORE_OK)
            return st;
    }
    char **cats = NULL;
    size_t nc = 0;
    if ((st = core_config_list(cfg, "agreement", "categories", 0, &cats, &nc, err)) != CORE_OK)
        return st;
    if (nc) {
        if (nc < 2) {
            core_config_list_free(cats);
            return core_err_set(err, CORE_ERR_CONFIG, "%s: give at least two categories, in order (e.g. 1, 2, 3, 4, 5)",
                                core_config_where(cfg, "agreement", "categories", where, sizeof where));
        }
        if (!(s->categories = calloc(nc, sizeof *s->categories))) {
            core_config_list_free(cats);
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
        for (size_t c = 0; c < nc; c++) {
            int dup = 0;
            if (core_parse_double(cats[c], '.', &s->categories[c]))
                for (size_t c2 = 0; c2 < c; c2++)
                    dup |= s->categories[c2] == s->categories[c];
            if (!core_parse_double(cats[c], '.', &s->categories[c]) || dup) {
                st = core_err_set(err, CORE_ERR_CONFIG, "%s: category '%s' is %s; categories are distinct numbers in "
                                  "order", core_config_where(cfg, "agreement", "categories", where, sizeof where),
                                  cats[c], dup ? "listed twice" : "not a number");
                core_config_list_free(cats);
                return st;
            }
        }
    }
    core_config_list_free(cats);
    static const char *const kv[] = {"fce", "psych", NULL};
    int kvi;
    if ((st = core_config_choice(cfg, "agreement", "kappa_variance", kv, 0, &kvi, err)) != CORE_OK)
        return st;
    cli_ctx_note(ctx, "agreement: %zu targets, %zu raters", t->n_rows, k);
    if (ctx->check_only)
        return CORE_OK;
    fid_ratings r = {.table = t,
                     .cols = s->rater_cols,
                     .names = (const char *const *)s->rater_names,
                     .k = k,
                     .categories = nc ? s->categories : NULL,
                     .n_categories = nc,
                     .outcome = "rating",
                     .kappa_variance = kvi ? ST_KAPPA_VAR_PSYCH : ST_KAPPA_VAR_FCE};
    return fid_ratings_agreement(&r, ctx->confidence, ctx->res, err);
}

core_status cli_mod_fidelity(cli_ctx *ctx, core_err *err)
{
    fid_state *s = calloc(1, sizeof *s);
    if (!s)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_status st;
    if ((st = cli_ctx_defer(ctx, fid_state_free, s, err)) != CORE_OK)
        return st;
    if (core_config_has_section(ctx->cfg, "fidelity") && (st = run_fidelity(ctx, s, err)) != CORE_OK)
        return st;
    if (core_config_has_section(ctx->cfg, "agreement") && (st = run_agreement(ctx, s, err)) != CORE_OK)
        return st;
    return CORE_OK;
}

/* ---------------------------------------------------------------- simulate ---- */

/* [simulate] fidelity = FILE (+ sites, fidelity_rounds, fidelity_start, fidelity_end): IPS-25 reviews of
 * the trial's counties; survey = FILE: the example panel survey of configs/survey-work-environment.ini.
 * Each from its own generator seeded with the run's seed, so neither changes when other parts of
 * [simulate] do. output (-o), when not NULL, replaces the path of the reviews (or of the survey alone). */
static core_status sim_one(const core_config *cfg, const cli_opts *o, long seed, const char *key, const char *output,
                           const fid_sim_opts *so, core_err *err)
{
    char *path = output ? strdup(output) : core_config_resolve(cfg, core_config_str(cfg, "simulate", key, ""));
    if (!path)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_table *t = NULL;
    gsl_rng *rng = NULL;
    core_status st;
    int survey = strcmp(key, "survey") == 0;
    fid_sim_survey_opts sv = {.sites = so->sites, .per_site = 8, .phases = 2, .items = 8, .change = 0.25};
    if (core_same_file(path, o->config)) {
        st = core_err_set(err, CORE_ERR_USAGE, "the %s output '%s' is the config file; inputs are never overwritten",
                          key, path);
        goto done;
    }
    if (!(rng = gsl_rng_alloc(gsl_rng_mt19937))) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    gsl_rng_set(rng, (unsigned long)seed);
    if ((st = survey ? fid_simulate_survey(&sv, rng, &t, err) : fid_simulate(so, rng, &t, err)) != CORE_OK ||
        (st = cli_write_synthetic(t, path, o, seed, err)) != CORE_OK)
        goto done;
    if (!o->quiet && survey)
        printf("ipseval simulate: wrote %s (a panel survey: %ld teams x %ld people x %ld phases, %ld items; seed %ld; "
               "synthetic data)\n", path, sv.sites, sv.per_site, sv.phases, sv.items, seed);
    else if (!o->quiet)
        printf("ipseval simulate: wrote %s (IPS-25 reviews of %ld sites in %ld rounds, two raters and consensus, seed "
               "%ld; synthetic data)\n", path, so->sites, so->rounds, seed);
done:
    core_table_free(t);
    if (rng)
        gsl_rng_free(rng);
    free(path);
    return st;
}

core_status cli_simulate_fidelity(const core_config *cfg, const cli_opts *o, long seed, const char *output,
                                  core_err *err)
{
    fid_sim_opts so;
    core_status st;
    if ((st = core_config_long(cfg, "simulate", "sites", 6, 1, 26, &so.sites, err)) != CORE_OK ||
        (st = core_config_long(cfg, "simulate", "fidelity_rounds", 3, 1, 20, &so.rounds, err)) != CORE_OK ||
        (st = core_config_double(cfg, "simulate", "fidelity_start", 80, 25, 125, 0, 0, &so.start_total, err)) !=
            CORE_OK ||
        (st = core_config_double(cfg, "simulate", "fidelity_end", 100, 25, 125, 0, 0, &so.end_total, err)) != CORE_OK)
        return st;
    int reviews = core_config_has(cfg, "simulate", "fidelity");
    if (reviews && (st = sim_one(cfg, o, seed, "fidelity", output, &so, err)) != CORE_OK)
        return st;
    if (core_config_has(cfg, "simulate", "survey"))
        return sim_one(cfg, o, seed, "survey", reviews ? NULL : output, &so, err);
    return CORE_OK;
}
