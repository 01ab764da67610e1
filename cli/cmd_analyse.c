/* run, rct, check: load the config, read and validate the data, analyse, write results and workbook. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "core/core_atomic.h"
#include "core/core_data.h"
#include "core/core_results.h"
#include "rct/rct.h"
#include "reports/rpt.h"

int cli_fail(const core_err *err)
{
    fprintf(stderr, "ipseval: %s\n", err->msg[0] ? err->msg : core_strerror(err->code));
    return core_status_exit_code(err->code);
}

/* Sections whose analyses this version does not do yet: named, not silently ignored. */
static const struct {
    const char *section, *what;
} not_built[] = {
    {"fidelity", "fidelity scoring"},          {"agreement", "inter-rater agreement"},
    {"cba", "the cost-benefit analysis"},      {"markov", "the Markov cohort model"},
    {"registry", "the registry difference-in-differences"}, {"meta", "the meta-analysis"},
    {"compare", "the trial versus real-world comparison"},
};

typedef struct project {
    const char *title, *currency;
    double confidence;
    long small_cell, price_year;
    unsigned long seed;
    int has_seed;
    int synthetic; /* [project] synthetic = yes: the data are simulated; every sheet says so */
    char *output, *results; /* resolved */
} project;

static core_status read_project(const core_config *cfg, const cli_opts *o, project *p, core_err *err)
{
    core_status st;
    char where[600];
    memset(p, 0, sizeof *p);
    p->title = core_config_str(cfg, "project", "title", "IPS evaluation");
    p->currency = core_config_str(cfg, "project", "currency", "NOK");
    if (strlen(p->currency) != 3 || !isupper((unsigned char)p->currency[0]) ||
        !isupper((unsigned char)p->currency[1]) || !isupper((unsigned char)p->currency[2]))
        return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not an ISO 4217 currency code (three capitals, e.g. NOK)",
                            core_config_where(cfg, "project", "currency", where, sizeof where), p->currency);
    if ((st = core_config_double(cfg, "project", "confidence", 0.95, 0, 1, 1, 1, &p->confidence, err)) != CORE_OK ||
        (st = core_config_long(cfg, "project", "small_cell", 0, 0, 1000000, &p->small_cell, err)) != CORE_OK ||
        (st = core_config_long(cfg, "project", "price_year", 2000, 1900, 2200, &p->price_year, err)) != CORE_OK)
        return st;
    if ((st = core_config_bool(cfg, "project", "synthetic", 0, &p->synthetic, err)) != CORE_OK)
        return st;
    long seed = 0;
    if ((st = core_config_long(cfg, "project", "seed", 0, 0, 4294967295L, &seed, err)) != CORE_OK)
        return st;
    p->has_seed = core_config_has(cfg, "project", "seed");
    p->seed = (unsigned long)seed;
    if (o->seed_text) {
        long s;
        if (!core_parse_long(o->seed_text, &s) || s < 0 || s > 4294967295L)
            return core_err_set(err, CORE_ERR_USAGE, "--seed: '%s' is not a whole number from 0 to 4294967295",
                                o->seed_text);
        p->seed = (unsigned long)s;
        p->has_seed = 1;
    }
    /* Command-line paths are relative to the working directory; config paths to the config file. */
    const char *out = core_config_str(cfg, "project", "output", "ipseval-report.xlsx");
    const char *res = core_config_str(cfg, "project", "results", "results.csv");
    p->output = o->output ? strdup(o->output) : core_config_resolve(cfg, out);
    p->results = o->results ? strdup(o->results) : core_config_resolve(cfg, res);
    if (!p->output || !p->results)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    size_t lo = strlen(p->output);
    if (lo < 5 || strcmp(p->output + lo - 5, ".xlsx") != 0)
        return core_err_set(err, o->output ? CORE_ERR_USAGE : CORE_ERR_CONFIG,
                            "%s: the workbook '%s' must end in .xlsx",
                            o->output ? "--output" : core_config_where(cfg, "project", "output", where, sizeof where),
                            p->output);
    if (core_same_file(p->output, p->results))
        return core_err_set(err, CORE_ERR_USAGE, "the workbook and the results file are the same path '%s'",
                            p->output);
    return CORE_OK;
}

static void project_free(project *p)
{
    free(p->output);
    free(p->results);
}

typedef struct run_state {
    core_config *cfg;
    project proj;
    rct_spec spec;
    int have_spec;
    core_table *trial_table;
    char *trial_path;
    rct_trial trial;
    int have_trial;
    core_results *res;
    rpt_input inputs[4];
    size_t n_inputs;
    rpt_outcome_label labels[64];
} run_state;

static void run_free(run_state *r)
{
    if (r->have_trial)
        rct_trial_free(&r->trial);
    if (r->have_spec)
        rct_spec_free(&r->spec);
    core_table_free(r->trial_table);
    free(r->trial_path);
    core_results_free(r->res);
    project_free(&r->proj);
    core_config_free(r->cfg);
}

static core_status refuse_overwrite(const project *p, const char *input, const char *role, core_err *err)
{
    if (core_same_file(p->output, input))
        return core_err_set(err, CORE_ERR_USAGE, "the workbook path '%s' is the %s '%s'; inputs are never overwritten",
                            p->output, role, input);
    if (core_same_file(p->results, input))
        return core_err_set(err, CORE_ERR_USAGE,
                            "the results path '%s' is the %s '%s'; inputs are never overwritten", p->results, role,
                            input);
    return CORE_OK;
}

int cli_cmd_analyse(const cli_opts *o)
{
    core_err err;
    core_err_clear(&err);
    run_state r;
    memset(&r, 0, sizeof r);
    int check_only = strcmp(o->command, "check") == 0, all = strcmp(o->command, "run") == 0 || check_only;
    core_status st;
    time_t started = time(NULL);
    const char *sde = getenv("SOURCE_DATE_EPOCH"); /* reproducible output for tests and builds */
    long sde_v;
    if (sde && core_parse_long(sde, &sde_v) && sde_v >= 0)
        started = (time_t)sde_v;

    if (!(r.cfg = core_config_load(o->config, cli_schema, cli_schema_n, &err)))
        goto fail;
    if ((st = read_project(r.cfg, o, &r.proj, &err)) != CORE_OK)
        goto fail;
    if (all)
        for (size_t i = 0; i < sizeof not_built / sizeof not_built[0]; i++)
            if (core_config_has_section(r.cfg, not_built[i].section)) {
                char where[600];
                core_err_set(&err, CORE_ERR_NOT_BUILT,
                             "%s: %s is not available in this version (%s); remove the section, or run only the "
                             "trial with 'ipseval rct'",
                             core_config_where(r.cfg, not_built[i].section, NULL, where, sizeof where),
                             not_built[i].what, IPSEVAL_VERSION);
                goto fail;
            }
    if (!core_config_has_section(r.cfg, "trial")) {
        core_err_set(&err, CORE_ERR_CONFIG, "%s: names no analysis; add a [trial] section with [outcome:NAME] sections",
                     o->config);
        goto fail;
    }
    if ((st = refuse_overwrite(&r.proj, o->config, "config file", &err)) != CORE_OK)
        goto fail;
    if (rct_spec_from_config(r.cfg, &r.spec, &err) != CORE_OK)
        goto fail;
    r.have_spec = 1;
    if (core_data_read_section(r.cfg, "trial", "data", &r.trial_table, &r.trial_path, &err) != CORE_OK)
        goto fail;
    if ((st = refuse_overwrite(&r.proj, r.trial_path, "trial data file", &err)) != CORE_OK)
        goto fail;
    if (rct_trial_load(r.cfg, &r.spec, r.trial_table, &r.trial, &err) != CORE_OK)
        goto fail;
    r.have_trial = 1;
    if (check_only) {
        if (!o->quiet)
            printf("ipseval check: %s is valid; %s: %zu participants (%ld %s, %ld %s), %zu outcome(s); nothing "
                   "written\n",
                   o->config, r.trial_path, r.trial.n, r.trial.n_treat, r.spec.treatment, r.trial.n_control,
                   r.spec.control, r.spec.n_outcomes);
        run_free(&r);
        return 0;
    }
    if (!(r.res = core_results_new())) {
        core_err_set(&err, CORE_ERR_NOMEM, "out of memory");
        goto fail;
    }
    if (rct_binary_analyse(&r.spec, &r.trial, r.res, &err) != CORE_OK)
        goto fail;

    /* Provenance: the config and every input, hashed. */
    rpt_run run = {0};
    run.title = r.proj.title;
    run.version = IPSEVAL_VERSION;
    run.command = o->command;
    run.config_path = o->config;
    run.config_text = core_config_text(r.cfg);
    rpt_sha256_buffer(run.config_text, strlen(run.config_text), run.config_sha256);
    rpt_input *in = &r.inputs[r.n_inputs++];
    in->role = "trial";
    in->path = core_config_str(r.cfg, "trial", "data", "");
    if (rpt_sha256_file(r.trial_path, in->sha256, &err) != CORE_OK)
        goto fail;
    in->rows = (long)r.trial_table->n_rows;
    in->cols = (long)r.trial_table->n_cols;
    run.inputs = r.inputs;
    run.n_inputs = r.n_inputs;
    run.seed = r.proj.seed;
    run.has_seed = r.proj.has_seed;
    run.confidence = r.proj.confidence;
    run.currency = r.proj.currency;
    run.small_cell = (int)r.proj.small_cell;
    run.started = started;
    run.synthetic = r.proj.synthetic;
    rpt_trial_info ti = {.arm_column = r.spec.arm, .treatment = r.spec.treatment, .control = r.spec.control};
    for (size_t k = 0; k < r.spec.n_outcomes && k < 64; k++) {
        r.labels[k].name = r.spec.outcomes[k].name;
        r.labels[k].label = r.spec.outcomes[k].label;
        r.labels[k].type = "binary";
        if (r.spec.outcomes[k].primary && !ti.primary)
            ti.primary = r.spec.outcomes[k].name;
    }
    run.trial = &ti;
    run.outcomes = r.labels;
    run.n_outcomes = r.spec.n_outcomes < 64 ? r.spec.n_outcomes : 64;

    /* Both outputs are staged, then renamed into place together: a failure leaves both old files. */
    core_atomic a_res, a_book;
    if (core_atomic_begin(&a_res, r.proj.results, &err) != CORE_OK)
        goto fail;
    if (core_atomic_begin_name(&a_book, r.proj.output, &err) != CORE_OK) {
        core_atomic_abort(&a_res);
        goto fail;
    }
    if (rpt_results_write_csv_staged(r.res, &a_res, &err) != CORE_OK ||
        rpt_workbook_write_staged(r.res, &run, &a_book, &err) != CORE_OK ||
        core_atomic_commit(&a_res, &err) != CORE_OK || core_atomic_commit(&a_book, &err) != CORE_OK) {
        core_atomic_abort(&a_res);
        core_atomic_abort(&a_book);
        goto fail;
    }
    if (!o->quiet)
        printf("ipseval %s: %zu participants, %zu result rows\n  workbook: %s\n  results:  %s\n", o->command,
               r.trial.n, r.res->n, r.proj.output, r.proj.results);
    run_free(&r);
    return 0;
fail:
    run_free(&r);
    return cli_fail(&err);
}
