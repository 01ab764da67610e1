/* simulate: a synthetic trial from [simulate] and the seed, written as CSV. */
#include <gsl/gsl_rng.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/core_atomic.h"
#include "rct/rct.h"

/* cli/mod_fidelity.c: the fidelity part of [simulate]. */
core_status cli_simulate_fidelity(const core_config *cfg, const cli_opts *o, long seed, const char *output,
                                  core_err *err);

/* cli/mod_did.c: the registry part of [simulate]. */
core_status cli_simulate_registry(const core_config *cfg, const cli_opts *o, long seed, const char *output,
                                  core_err *err);

/* cli/mod_cea.c: the three-arm cost-effectiveness trial of [simulate]. */
core_status cli_simulate_cea(const core_config *cfg, const cli_opts *o, long seed, const char *output, core_err *err);

core_status cli_write_synthetic(const core_table *t, const char *path, const cli_opts *o, long seed, core_err *err)
{
    char note[1200];
    snprintf(note, sizeof note, "from %s (seed %ld)", o->config, seed);
    return core_table_write_synthetic(t, path, note, o->force, err);
}

/* cli/mod_practice.c: the routine-practice part of [simulate] (cohort = FILE, workforce = FILE). */
core_status cli_simulate_practice(const core_config *cfg, const cli_opts *o, long seed, const char *output,
                                  core_err *err);

/* A list of probabilities for each timepoint, each in (0, 1) (or [0, 1) for missing shares). */
static core_status prob_list(const core_config *cfg, const char *key, const char *def, size_t n_expected,
                             int allow_zero, double *out, core_err *err)
{
    char **items = NULL;
    size_t n = 0;
    core_status st = core_config_list(cfg, "simulate", key, 0, &items, &n, err);
    if (st != CORE_OK)
        return st;
    char where[600];
    core_config_where(cfg, "simulate", key, where, sizeof where);
    if (n == 0) {
        /* default */
        core_config_list_free(items);
        char buf[256];
        snprintf(buf, sizeof buf, "%s", def);
        size_t k = 0;
        for (char *tok = strtok(buf, ","); tok && k < n_expected; tok = strtok(NULL, ","))
            core_parse_double(tok, '.', &out[k++]);
        if (k != n_expected)
            return core_err_set(err, CORE_ERR_CONFIG, "%s: give %zu values, one per timepoint", where, n_expected);
        return CORE_OK;
    }
    if (n != n_expected) {
        core_config_list_free(items);
        return core_err_set(err, CORE_ERR_CONFIG, "%s: %zu values given; give %zu, one per timepoint", where, n,
                            n_expected);
    }
    for (size_t k = 0; k < n; k++) {
        if (!core_parse_double(items[k], '.', &out[k]) || out[k] >= 1 || out[k] < 0 || (!allow_zero && out[k] == 0)) {
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: value %zu '%s' must be a proportion %s", where, k + 1,
                              items[k], allow_zero ? "from 0 up to (not including) 1" : "strictly between 0 and 1");
            break;
        }
    }
    core_config_list_free(items);
    return st;
}

int cli_cmd_simulate(const cli_opts *o)
{
    core_err err;
    core_err_clear(&err);
    core_config *cfg = core_config_load(o->config, cli_schema, cli_schema_n, &err);
    if (!cfg)
        return cli_fail(&err);
    char **tps = NULL, *out_path = NULL;
    size_t n_tp = 0;
    core_table *t = NULL;
    gsl_rng *rng = NULL;
    long n, sites, seed;
    int margins;
    double p1[24], p0[24], miss[24];
    int questionnaires = 1; /* questionnaire outcomes (rct_simulate.c): waves, effect and missing shares */
    char **waves = NULL;
    size_t n_w = 0;
    double q_eff = 0.25, qmiss[8];
    static const char *const margin_kinds[] = {"exact", "random", NULL};
    if (!core_config_has_section(cfg, "simulate")) {
        core_err_set(&err, CORE_ERR_CONFIG, "%s: no [simulate] section; it says what to simulate (trial = FILE.csv, n, "
                     "sites, timepoints, employment_ips, employment_control, missing, margins)", o->config);
        goto fail;
    }
    if (core_config_long(cfg, "simulate", "n", 410, 4, 100000000, &n, &err) != CORE_OK ||
        core_config_long(cfg, "simulate", "sites", 6, 1, 1000, &sites, &err) != CORE_OK ||
        core_config_choice(cfg, "simulate", "margins", margin_kinds, 0, &margins, &err) != CORE_OK ||
        core_config_list(cfg, "simulate", "timepoints", 0, &tps, &n_tp, &err) != CORE_OK)
        goto fail;
    if (n_tp == 0) {
        core_config_list_free(tps);
        static const char *const def_tp[] = {"6", "12", "18"};
        tps = calloc(4, sizeof *tps);
        for (size_t k = 0; tps && k < 3; k++)
            tps[k] = strdup(def_tp[k]);
        n_tp = 3;
    }
    if (n_tp > 24) {
        char where[600];
        core_err_set(&err, CORE_ERR_CONFIG, "%s: at most 24 timepoints",
                     core_config_where(cfg, "simulate", "timepoints", where, sizeof where));
        goto fail;
    }
    /* Defaults: DOMAIN.md §8 (6-month rates assumed; 12 and 18 months as Reme et al. 2019 report). */
    int is_default_tp = n_tp == 3 && strcmp(tps[0], "6") == 0 && strcmp(tps[1], "12") == 0 && strcmp(tps[2], "18") == 0;
    if (prob_list(cfg, "employment_ips", is_default_tp ? "0.25,0.366,0.374" : "", n_tp, 0, p1, &err) != CORE_OK ||
        prob_list(cfg, "employment_control", is_default_tp ? "0.20,0.271,0.271" : "", n_tp, 0, p0, &err) != CORE_OK ||
        prob_list(cfg, "missing", is_default_tp ? "0.02,0.03,0.04" : "", n_tp, 1, miss, &err) != CORE_OK)
        goto fail;
    /* Questionnaires at baseline, 6 and 12 months, about 25% missing at 12 (DOMAIN.md §8, assumed). */
    if (core_config_bool(cfg, "simulate", "questionnaires", 1, &questionnaires, &err) != CORE_OK ||
        core_config_double(cfg, "simulate", "questionnaire_effect", 0.25, -3, 3, 0, 0, &q_eff, &err) != CORE_OK ||
        core_config_list(cfg, "simulate", "questionnaire_timepoints", 0, &waves, &n_w, &err) != CORE_OK)
        goto fail;
    if (n_w == 0) {
        core_config_list_free(waves);
        static const char *const def_w[] = {"0", "6", "12"};
        waves = calloc(4, sizeof *waves);
        for (size_t k = 0; waves && k < 3; k++)
            waves[k] = strdup(def_w[k]);
        n_w = 3;
    }
    if (n_w > 8) {
        char where[600];
        core_err_set(&err, CORE_ERR_CONFIG, "%s: at most 8 questionnaire waves (the first is the baseline)",
                     core_config_where(cfg, "simulate", "questionnaire_timepoints", where, sizeof where));
        goto fail;
    }
    int is_default_w = n_w == 3 && strcmp(waves[0], "0") == 0 && strcmp(waves[1], "6") == 0 &&
                       strcmp(waves[2], "12") == 0;
    if (prob_list(cfg, "questionnaire_missing", is_default_w ? "0.02,0.15,0.25" : "", n_w, 1, qmiss, &err) != CORE_OK)
        goto fail;
    unsigned long useed;
    int seed_given;
    if (cli_project_seed(cfg, o, &useed, &seed_given, &err) != CORE_OK)
        goto fail;
    seed = (long)useed;
    /* Generated data never replace a file (it may hold real data): every output the config names is checked
     * before anything is written, so a refusal leaves every file as it was. */
    if (!o->force && !o->output) {
        static const char *const out_keys[] = {"trial", "registry", "registry_spells", "fidelity", "survey",
                                               "cohort", "workforce", "cea", NULL};
        for (size_t k = 0; out_keys[k]; k++) {
            const char *rel = core_config_str(cfg, "simulate", out_keys[k], NULL);
            if (!rel || !*rel)
                continue;
            char *p = core_config_resolve(cfg, rel);
            struct stat sb;
            int exists = p && lstat(p, &sb) == 0;
            if (exists) {
                char where[600];
                core_err_set(&err, CORE_ERR_OUTPUT,
                             "%s: cannot write '%s': it exists, and generated data never replace a file that may hold "
                             "real data; name another file, or pass --force to replace it",
                             core_config_where(cfg, "simulate", out_keys[k], where, sizeof where), p);
            }
            free(p);
            if (exists)
                goto fail;
        }
    }
    /* [simulate] fidelity = FILE, survey = FILE: synthetic IPS-25 reviews and a panel survey (cli/mod_fidelity.c);
     * alone when nothing else is asked. */
    if (core_config_has(cfg, "simulate", "fidelity") || core_config_has(cfg, "simulate", "survey")) {
        int fidelity_only = !core_config_has(cfg, "simulate", "trial") && !core_config_has(cfg, "simulate", "registry") &&
                            !core_config_has(cfg, "simulate", "cea") && !core_config_has(cfg, "simulate", "cohort") &&
                            !core_config_has(cfg, "simulate", "workforce");
        if (cli_simulate_fidelity(cfg, o, seed, fidelity_only ? o->output : NULL, &err) != CORE_OK)
            goto fail;
        if (fidelity_only) {
            core_config_list_free(waves);
            core_config_list_free(tps);
            core_config_free(cfg);
            return 0;
        }
    }
    /* [simulate] cea = FILE: the three-arm trial with costs and utilities (cli/mod_cea.c); alone when nothing else
     * is asked. */
    if (core_config_has(cfg, "simulate", "cea")) {
        int cea_only = !core_config_has(cfg, "simulate", "trial") && !core_config_has(cfg, "simulate", "registry") &&
                       !core_config_has(cfg, "simulate", "cohort") && !core_config_has(cfg, "simulate", "workforce");
        if (cli_simulate_cea(cfg, o, seed, cea_only ? o->output : NULL, &err) != CORE_OK)
            goto fail;
        if (cea_only) {
            core_config_list_free(waves);
            core_config_list_free(tps);
            core_config_free(cfg);
            return 0;
        }
    }
    /* [simulate] cohort = FILE, workforce = FILE: routine-practice data (cli/mod_practice.c); alone when nothing
     * else is asked. */
    if (core_config_has(cfg, "simulate", "cohort") || core_config_has(cfg, "simulate", "workforce")) {
        /* fidelity and cea files, asked beside, were written above */
        int practice_only = !core_config_has(cfg, "simulate", "trial") && !core_config_has(cfg, "simulate", "registry");
        if (cli_simulate_practice(cfg, o, seed, practice_only ? o->output : NULL, &err) != CORE_OK)
            goto fail;
        if (practice_only) {
            core_config_list_free(waves);
            core_config_list_free(tps);
            core_config_free(cfg);
            return 0;
        }
    }
    /* [simulate] registry = FILE: the synthetic registry panel (cli/mod_did.c); alone when no trial is asked. */
    if (core_config_has(cfg, "simulate", "registry")) {
        int registry_only = !core_config_has(cfg, "simulate", "trial");
        if (cli_simulate_registry(cfg, o, seed, registry_only ? o->output : NULL, &err) != CORE_OK)
            goto fail;
        if (registry_only) {
            core_config_list_free(waves);
            core_config_list_free(tps);
            core_config_free(cfg);
            return 0;
        }
    }
    if (o->output)
        out_path = strdup(o->output);
    else {
        const char *rel;
        if (core_config_str_req(cfg, "simulate", "trial", &rel, &err) != CORE_OK)
            goto fail;
        out_path = core_config_resolve(cfg, rel);
    }
    if (!out_path) {
        core_err_set(&err, CORE_ERR_NOMEM, "out of memory");
        goto fail;
    }
    if (core_same_file(out_path, o->config)) {
        core_err_set(&err, CORE_ERR_USAGE, "the output '%s' is the config file; inputs are never overwritten", out_path);
        goto fail;
    }
    rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng) {
        core_err_set(&err, CORE_ERR_NOMEM, "out of memory");
        goto fail;
    }
    gsl_rng_set(rng, (unsigned long)seed);
    rct_sim_opts so = {.n = n,
                       .sites = sites,
                       .n_timepoints = n_tp,
                       .timepoints = (const char *const *)tps,
                       .p_treat = p1,
                       .p_control = p0,
                       .missing = miss,
                       .exact_margins = margins == 0,
                       .questionnaires = questionnaires,
                       .n_waves = n_w,
                       .waves = (const char *const *)waves,
                       .q_missing = qmiss,
                       .q_effect = q_eff};
    if (rct_simulate(&so, rng, &t, &err) != CORE_OK || rct_simulate_tte(&t, &so, rng, &err) != CORE_OK ||
        cli_write_synthetic(t, out_path, o, seed, &err) != CORE_OK)
        goto fail;
    if (!o->quiet)
        printf("ipseval simulate: wrote %s (%zu participants, %ld sites, seed %ld; synthetic data)\n", out_path,
               t->n_rows, sites, seed);
    core_table_free(t);
    gsl_rng_free(rng);
    free(out_path);
    core_config_list_free(waves);
    core_config_list_free(tps);
    core_config_free(cfg);
    return 0;
fail:
    core_table_free(t);
    if (rng)
        gsl_rng_free(rng);
    free(out_path);
    core_config_list_free(waves);
    core_config_list_free(tps);
    core_config_free(cfg);
    return cli_fail(&err);
}
