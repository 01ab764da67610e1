/* run, check and the per-module subcommands: load the config, run the modules, write results and workbook. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/core_alloc.h"
#include "core/core_atomic.h"
#include "core/core_data.h"
#include "core/core_rng.h"

int cli_fail(const core_err *err)
{
    fprintf(stderr, "ipseval: %s\n", err->msg[0] ? err->msg : core_strerror(err->code));
    return core_status_exit_code(err->code);
}

/* ---------- the context modules work in ---------- */

core_status cli_ctx_defer(cli_ctx *ctx, void (*fn)(void *), void *p, core_err *err)
{
    if (ctx->n_defer == CLI_MAX_DEFER) {
        fn(p);
        return core_err_set(err, CORE_ERR_NOMEM, "too many resources held by one run");
    }
    ctx->defer[ctx->n_defer].fn = fn;
    ctx->defer[ctx->n_defer++].p = p;
    return CORE_OK;
}

void cli_ctx_note(cli_ctx *ctx, const char *fmt, ...)
{
    size_t used = strlen(ctx->check_notes);
    if (used + 4 >= sizeof ctx->check_notes)
        return;
    strcat(ctx->check_notes, "  ");
    used += 2;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->check_notes + used, sizeof ctx->check_notes - used - 1, fmt, ap);
    va_end(ap);
    strcat(ctx->check_notes, "\n");
}

static void table_free_void(void *p) { core_table_free(p); }
static void noop_void(void *p) { (void)p; }

void cli_ctx_release_data(cli_ctx *ctx, core_table *table)
{
    for (size_t k = 0; k < ctx->n_defer; k++)
        if (ctx->defer[k].p == table && ctx->defer[k].fn == table_free_void) {
            ctx->defer[k].fn = noop_void;
            core_table_free(table);
            return;
        }
}

/* An input's SHA-256 on a second thread, started when the file has been read and joined before the outputs are
 * written: the reader uses both cores for a large file, the analysis after it one (docs/performance.md). */
struct cli_hash {
    char *path;
    char sha256[65];
    core_err err;
    core_status st;
    pthread_t th;
};

static void *hash_thread(void *arg)
{
    struct cli_hash *h = arg;
    h->st = rpt_sha256_file(h->path, h->sha256, &h->err);
    return NULL;
}

core_status cli_ctx_join_hashes(cli_ctx *ctx, core_err *err)
{
    core_status first = CORE_OK;
    for (size_t i = 0; i < CLI_MAX_INPUTS; i++) {
        struct cli_hash *h = ctx->hashing[i];
        if (!h)
            continue;
        pthread_join(h->th, NULL);
        ctx->hashing[i] = NULL;
        if (h->st == CORE_OK)
            memcpy(ctx->inputs[i].sha256, h->sha256, sizeof h->sha256);
        else if (first == CORE_OK) {
            first = h->st;
            if (err)
                *err = h->err;
        }
        free(h->path);
        free(h);
    }
    return first;
}

core_status cli_ctx_read_data(cli_ctx *ctx, const char *section, const char *key, core_table **table,
                              core_err *err)
{
    return cli_ctx_read_data_cols(ctx, section, key, NULL, table, err);
}

core_status cli_ctx_read_data_cols(cli_ctx *ctx, const char *section, const char *key, const char *const *columns,
                                   core_table **table, core_err *err)
{
    char *path = NULL;
    /* A registry-sized input (8 MiB or more): malloc's heap made ready while it is read (core_heap_prepare: its
     * pages populated on the second core, freed blocks kept for reuse; docs/performance.md). */
    char *in_path = core_config_resolve(ctx->cfg, core_config_str(ctx->cfg, section, key, ""));
    struct stat sb;
    if (in_path && stat(in_path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size >= ((off_t)8 << 20))
        core_heap_prepare((size_t)16 << 20);
    free(in_path);
    core_status st = core_data_read_columns(ctx->cfg, section, key, columns, table, &path, err);
    if (st != CORE_OK)
        return st;
    if ((st = cli_ctx_defer(ctx, table_free_void, *table, err)) != CORE_OK) {
        free(path);
        return st;
    }
    if ((st = cli_ctx_defer(ctx, free, path, err)) != CORE_OK)
        return st;
    if ((*table)->note)
        fprintf(stderr, "ipseval: note: %s\n", (*table)->note);
    if (!ctx->run.synthetic) { /* data `ipseval simulate` made (its companion file says so), read as if real */
        size_t cl = strlen(path) + sizeof ".synthetic.txt";
        char *comp = malloc(cl);
        if (comp) {
            snprintf(comp, cl, "%s.synthetic.txt", path);
            if (access(comp, F_OK) == 0)
                fprintf(stderr,
                        "ipseval: warning: %s is synthetic data (%s says so) but [project] synthetic is not yes: "
                        "set synthetic = yes so that the workbook says so, or use the real data\n",
                        path, comp);
            free(comp);
        }
    }
    const char *outs[2] = {ctx->output, ctx->results};
    for (int i = 0; i < 2; i++)
        if (outs[i] && core_same_file(outs[i], path))
            return core_err_set(err, CORE_ERR_USAGE, "the %s path '%s' is the input '%s' of [%s]; inputs are never "
                                "overwritten", i ? "results" : "workbook", outs[i], path, section);
    if (ctx->n_inputs == CLI_MAX_INPUTS)
        return core_err_set(err, CORE_ERR_CONFIG, "more than %d input files in one run", CLI_MAX_INPUTS);
    /* the section name may live in the caller's buffer (e.g. "scale:<name>"): keep a copy for the workbook */
    char *role = strdup(section);
    if (!role)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    if ((st = cli_ctx_defer(ctx, free, role, err)) != CORE_OK)
        return st;
    rpt_input *in = &ctx->inputs[ctx->n_inputs];
    in->role = role;
    in->path = core_config_str(ctx->cfg, section, key, path);
    in->rows = (long)(*table)->n_rows;
    in->cols = (long)((*table)->n_cols_file ? (*table)->n_cols_file : (*table)->n_cols);
    if (!ctx->check_only) { /* on a thread when one can be started; here otherwise */
        struct cli_hash *h = calloc(1, sizeof *h);
        if (h && (h->path = strdup(path)) != NULL && pthread_create(&h->th, NULL, hash_thread, h) == 0)
            ctx->hashing[ctx->n_inputs] = h;
        else {
            if (h)
                free(h->path);
            free(h);
            if ((st = rpt_sha256_file(path, in->sha256, err)) != CORE_OK)
                return st;
        }
    }
    ctx->n_inputs++;
    return CORE_OK;
}

void cli_ctx_provide(cli_ctx *ctx, const void *product)
{
    if (ctx->current >= 0)
        ctx->products[ctx->current] = product;
}

core_status cli_ctx_require(cli_ctx *ctx, const char *name, const void **product, core_err *err)
{
    if (product)
        *product = NULL;
    const cli_module *m = cli_module_find(name);
    if (!m)
        return core_err_set(err, CORE_ERR_USAGE, "internal: no module '%s'", name);
    size_t i = (size_t)(m - cli_modules);
    if (!ctx->done[i]) {
        if (!m->run)
            return core_err_set(err, CORE_ERR_NOT_BUILT, "%s is not available in this version (%s)", m->what,
                                IPSEVAL_VERSION);
        ctx->done[i] = 1;
        /* The module draws from its own stream, seeded from the run's seed and its name (core/core_rng.h). */
        if (!(ctx->streams[i] = core_rng_stream(ctx->seed, m->name)))
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        gsl_rng *outer_rng = ctx->rng;
        int outer = ctx->current;
        ctx->rng = ctx->streams[i];
        ctx->current = (int)i;
        core_status st = m->run(ctx, err);
        ctx->rng = outer_rng;
        ctx->current = outer;
        if (st != CORE_OK)
            return st;
    }
    if (product)
        *product = ctx->products[i];
    return CORE_OK;
}

/* ---------- SOURCE_DATE_EPOCH ---------- */

core_status cli_source_date_epoch(time_t *out, core_err *err)
{
    /* reproducible output for tests and builds: whole seconds since 1970 UTC, digits only, within the
     * years an .xlsx can hold (1980-01-01 to 9999-12-31 23:59:59); anything else is refused, never ignored */
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (!sde)
        return CORE_OK;
    size_t n = strlen(sde);
    int digits = n > 0 && n <= 12 && strspn(sde, "0123456789") == n;
    long long v = digits ? strtoll(sde, NULL, 10) : -1;
    if (!digits || v < 315532800LL || v > 253402300799LL)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "SOURCE_DATE_EPOCH: '%s' is not a time the workbook can hold; give whole seconds since "
                            "1970-01-01 00:00 UTC, digits only, from 315532800 (1980-01-01) to 253402300799 "
                            "(9999-12-31 23:59:59), or unset it",
                            sde);
    *out = (time_t)v;
    return CORE_OK;
}

/* ---------- [project] ---------- */

core_status cli_project_seed(const core_config *cfg, const cli_opts *o, unsigned long *seed, int *given, core_err *err)
{
    long v;
    core_status st = core_config_integer(cfg, "project", "seed", &v, err);
    if (st != CORE_OK)
        return st;
    *given = core_config_has(cfg, "project", "seed");
    if (o->seed_text) { /* --seed: the key's range, as the config's seed */
        const core_cfg_key *k = core_cfg_find(cli_schema, cli_schema_n, "project", "seed");
        double lo = 0, hi = 0;
        int lo_open, hi_open;
        if (!k || !core_cfg_interval(k->range, &lo, &hi, &lo_open, &hi_open))
            return core_err_set(err, CORE_ERR_USAGE, "internal: [project] seed has no range");
        if (!core_parse_long(o->seed_text, &v) || (double)v < lo || (double)v > hi)
            return core_err_set(err, CORE_ERR_USAGE, "--seed: '%s' is not a whole number from %.0f to %.0f",
                                o->seed_text, lo, hi);
        *given = 1;
    }
    *seed = (unsigned long)v;
    return CORE_OK;
}

/* Every [project] key is read here, once, by the key table's getters (default and range from
 * core/core_keys.c), into the run context; modules are handed what they use. */
static core_status read_project(cli_ctx *ctx, char **out, char **res, core_err *err)
{
    const core_config *cfg = ctx->cfg;
    const cli_opts *o = ctx->opts;
    rpt_run *run = &ctx->run;
    core_status st;
    char where[600];
    run->title = core_config_value(cfg, "project", "title");
    run->currency = core_config_value(cfg, "project", "currency");
    const char *c = run->currency;
    if (strlen(c) != 3 || !isupper((unsigned char)c[0]) || !isupper((unsigned char)c[1]) ||
        !isupper((unsigned char)c[2]))
        return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not an ISO 4217 currency code (three capitals, e.g. NOK)",
                            core_config_where(cfg, "project", "currency", where, sizeof where), c);
    long small_cell;
    int lang, guard;
    if ((st = core_config_number(cfg, "project", "confidence", &ctx->confidence, err)) != CORE_OK ||
        (st = core_config_integer(cfg, "project", "small_cell", &small_cell, err)) != CORE_OK ||
        (st = core_config_integer(cfg, "project", "price_year", &ctx->price_year, err)) != CORE_OK ||
        (st = core_config_flag(cfg, "project", "synthetic", &run->synthetic, err)) != CORE_OK ||
        (st = cli_project_seed(cfg, o, &ctx->seed, &ctx->has_seed, err)) != CORE_OK ||
        (st = core_config_pick(cfg, "project", "language", &lang, err)) != CORE_OK ||
        (st = core_config_flag(cfg, "project", "csv_formula_guard", &guard, err)) != CORE_OK)
        return st;
    run->language = lang == 1 ? RPT_LANG_NB : RPT_LANG_EN; /* the order of the key's range, "en|nb" */
    run->confidence = ctx->confidence;
    run->small_cell = (int)small_cell;
    ctx->csv_verbatim = !guard;
    run->seed = ctx->seed;
    run->has_seed = 1; /* the seed in force is always shown: a default seed is still a seed */
    /* Command-line paths are relative to the working directory; config paths to the config file. */
    *out = o->output ? strdup(o->output) : core_config_resolve(cfg, core_config_value(cfg, "project", "output"));
    *res = o->results ? strdup(o->results) : core_config_resolve(cfg, core_config_value(cfg, "project", "results"));
    if (!*out || !*res)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    size_t lo = strlen(*out);
    if (lo < 5 || strcmp(*out + lo - 5, ".xlsx") != 0)
        return core_err_set(err, o->output ? CORE_ERR_USAGE : CORE_ERR_CONFIG, "%s: the workbook '%s' must end in .xlsx",
                            o->output ? "--output" : core_config_where(cfg, "project", "output", where, sizeof where),
                            *out);
    /* A folder the outputs go to is made now, before anything is analysed; one that cannot be made stops the run
     * here, naming it. `check` writes nothing, so it makes nothing. */
    for (int k = 0; k < 2 && !ctx->check_only; k++) {
        int made;
        if ((st = core_atomic_make_parent(k ? *res : *out, &made, err)) != CORE_OK) {
            core_err_prefix(err, "%s: ", k ? (o->results ? "--results" : core_config_where(cfg, "project", "results", where, sizeof where))
                                           : (o->output ? "--output" : core_config_where(cfg, "project", "output", where, sizeof where)));
            return st;
        }
    }
    if (core_same_file(*out, *res))
        return core_err_set(err, CORE_ERR_USAGE, "the workbook and the results file are the same path '%s'", *out);
    if (core_same_file(*out, o->config) || core_same_file(*res, o->config))
        return core_err_set(err, CORE_ERR_USAGE, "an output path is the config file '%s'; inputs are never overwritten",
                            o->config);
    return CORE_OK;
}

static int module_wanted(const cli_ctx *ctx, const cli_module *m)
{
    for (const char *const *s = m->sections; *s; s++)
        if (core_config_has_section(ctx->cfg, *s))
            return 1;
    return 0;
}

static core_status write_outputs(cli_ctx *ctx, core_err *err)
{
    rpt_run *run = &ctx->run;
    run->version = IPSEVAL_VERSION;
    run->command = ctx->opts->command;
    char cmdline[1024]; /* for Provenance: the options that change results (not the output paths) */
    snprintf(cmdline, sizeof cmdline, "ipseval %s %s%s%s", ctx->opts->command, ctx->opts->config,
             ctx->opts->seed_text ? " --seed " : "", ctx->opts->seed_text ? ctx->opts->seed_text : "");
    run->command_line = cmdline;
    run->config_path = ctx->opts->config;
    run->config_text = core_config_text(ctx->cfg);
    rpt_sha256_buffer(run->config_text, strlen(run->config_text), run->config_sha256);
    core_status hst = cli_ctx_join_hashes(ctx, err);
    if (hst != CORE_OK)
        return hst;
    run->inputs = ctx->inputs;
    run->n_inputs = ctx->n_inputs;
    /* Disclosure control before anything is written: both outputs show the same withheld cells. */
    core_status dst = rpt_disclose(ctx->res, run->small_cell, err);
    if (dst != CORE_OK)
        return dst;
    core_atomic a_res, a_book;
    core_status st;
    if (strcmp(ctx->results, "-") == 0) { /* --results -: the workbook alone is staged; the CSV goes to stdout */
        char *csv = NULL;
        size_t csv_len = 0;
        FILE *mem = open_memstream(&csv, &csv_len); /* first in memory: the workbook records its SHA-256 */
        if (!mem)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        st = rpt_results_write_csv_stream(ctx->res, mem, "standard output", err);
        if (fclose(mem) != 0 && st == CORE_OK)
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        if (st == CORE_OK)
            rpt_sha256_buffer(csv, csv_len, run->results_sha256);
        if (st == CORE_OK && (st = core_atomic_begin_name(&a_book, ctx->output, err)) == CORE_OK &&
            ((st = rpt_workbook_write_staged(ctx->res, run, &a_book, err)) != CORE_OK ||
             (st = core_atomic_commit(&a_book, err)) != CORE_OK))
            core_atomic_abort(&a_book);
        if (st == CORE_OK && (fwrite(csv, 1, csv_len, stdout) != csv_len || fflush(stdout) != 0 || ferror(stdout)))
            st = core_err_set(err, CORE_ERR_OUTPUT, "--results -: cannot write the results to standard output: %s",
                              strerror(errno));
        free(csv);
        return st;
    }
    /* Both outputs are staged, then renamed into place together (core_atomic_commit_all: a commit journal decides
     * the pair): a failure leaves both old files. The workbook records the SHA-256 of the results file staged with
     * it, so any reader can tell whether a workbook and a results file are one run's pair. */
    if ((st = core_atomic_begin(&a_res, ctx->results, err)) != CORE_OK)
        return st;
    if ((st = core_atomic_begin_name(&a_book, ctx->output, err)) != CORE_OK) {
        core_atomic_abort(&a_res);
        return st;
    }
    if ((st = rpt_results_write_csv_staged(ctx->res, &a_res, err)) == CORE_OK) {
        if (fflush(a_res.f) != 0 || ferror(a_res.f))
            st = core_err_set(err, CORE_ERR_OUTPUT, "cannot write '%s': %s", ctx->results, strerror(errno));
        else
            st = rpt_sha256_file(a_res.tmp_path, run->results_sha256, err);
    }
    if (st != CORE_OK ||
        (st = rpt_workbook_write_staged(ctx->res, run, &a_book, err)) != CORE_OK ||
        (st = core_atomic_commit_all((core_atomic *[]){&a_res, &a_book}, 2, err)) != CORE_OK) {
        core_atomic_abort(&a_res);
        core_atomic_abort(&a_book);
        return st;
    }
    return CORE_OK;
}

int cli_cmd_analyse(const cli_opts *o)
{
    core_err err;
    core_err_clear(&err);
    cli_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.opts = o;
    ctx.current = -1;
    int all = strcmp(o->command, "run") == 0 || strcmp(o->command, "check") == 0;
    ctx.check_only = strcmp(o->command, "check") == 0;
    char *out = NULL, *res = NULL;
    core_status st = CORE_OK;
    ctx.run.started = time(NULL);
    if ((st = cli_source_date_epoch(&ctx.run.started, &err)) != CORE_OK)
        goto done;

    if (!(ctx.cfg = core_config_load(o->config, cli_schema, cli_schema_n, &err)))
        goto done;
    if ((st = read_project(&ctx, &out, &res, &err)) != CORE_OK)
        goto done;
    ctx.output = out;
    ctx.results = res;
    /* an earlier run killed while it replaced these outputs: finish its commit, remove its temporary files */
    core_atomic_recover(out);
    if (strcmp(res, "-") != 0)
        core_atomic_recover(res);
    if (!(ctx.res = core_results_new())) {
        st = core_err_set(&err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    ctx.res->csv_verbatim = ctx.csv_verbatim;
    ctx.progress = cli_progress_new(o);

    size_t n_run = 0;
    for (size_t i = 0; i < cli_modules_n; i++) {
        const cli_module *m = &cli_modules[i];
        if (all ? !module_wanted(&ctx, m) : strcmp(m->name, o->command) != 0)
            continue;
        if (!m->run) {
            char where[600];
            st = core_err_set(&err, CORE_ERR_NOT_BUILT,
                              "%s: %s is not available in this version (%s); remove the section, or run one of the "
                              "analyses that are (e.g. 'ipseval rct')",
                              core_config_where(ctx.cfg, m->sections[0], NULL, where, sizeof where), m->what,
                              IPSEVAL_VERSION);
            goto done;
        }
        if (!all && !module_wanted(&ctx, m)) {
            st = core_err_set(&err, CORE_ERR_CONFIG, "%s: no [%s] section, which %s needs", o->config, m->sections[0],
                              m->what);
            goto done;
        }
        if ((st = cli_ctx_require(&ctx, m->name, NULL, &err)) != CORE_OK)
            goto done;
        n_run++;
    }
    if (n_run == 0) {
        st = core_err_set(&err, CORE_ERR_CONFIG,
                          "%s: names no analysis; add a section such as [trial] (with [outcome:NAME] sections)",
                          o->config);
        goto done;
    }
    cli_progress_done(&ctx.progress);
    if (ctx.check_only) {
        if (!o->quiet)
            printf("ipseval check: %s is valid; nothing written\n%s", o->config, ctx.check_notes);
        goto done;
    }
    /* a single-module subcommand writes that module's sheets only: the modules it required (the trial for
     * `ipseval cba` with effect = trial) lend it their results, and their rows stay in the results */
    const char *only[2] = {o->command, NULL};
    if (!all)
        ctx.run.sheet_modules = only;
    if ((st = write_outputs(&ctx, &err)) != CORE_OK)
        goto done;
    if (!o->quiet) /* with --results -, standard output holds the results: the summary goes to stderr */
        fprintf(strcmp(res, "-") == 0 ? stderr : stdout, "ipseval %s: %zu result rows\n%s  workbook: %s\n  results:  %s\n",
                o->command, ctx.res->n, ctx.check_notes, out, strcmp(res, "-") == 0 ? "(standard output)" : res);
done:
    cli_progress_done(&ctx.progress);
    cli_ctx_join_hashes(&ctx, NULL); /* a run that ended early: its hashes are not used */
    core_heap_done();
    while (ctx.n_defer > 0) {
        ctx.n_defer--;
        ctx.defer[ctx.n_defer].fn(ctx.defer[ctx.n_defer].p);
    }
    core_results_free(ctx.res);
    for (size_t i = 0; i < CLI_MAX_MODULES; i++)
        if (ctx.streams[i])
            gsl_rng_free(ctx.streams[i]);
    core_config_free(ctx.cfg);
    free(out);
    free(res);
    return st == CORE_OK && err.code == CORE_OK ? 0 : cli_fail(&err);
}
