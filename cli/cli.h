/* cli/: the only place that prints to the user and chooses exit codes.
 *
 * A run is a list of modules (cli/modules.c). Each module reads its own config sections and data,
 * appends tidy rows to ctx->res, registers its inputs for Provenance, and fills its part of
 * ctx->run for the workbook. `run` runs every module whose section is in the config; `rct`,
 * `cba`, ... run one module (and what it requires); `check` runs every module in check-only mode. */
#ifndef IPSEVAL_CLI_H
#define IPSEVAL_CLI_H

#include <gsl/gsl_rng.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "core/core_config.h"
#include "core/core_progress.h"
#include "core/core_results.h"
#include "core/core_table.h"
#include "reports/rpt.h"

typedef struct cli_opts {
    const char *command;
    const char *config;
    const char *output;     /* -o / --output */
    const char *results;    /* --results */
    const char *seed_text;  /* --seed */
    int quiet;
    int no_progress;
    int force;              /* --force: simulate may replace an existing file */
} cli_opts;

#define CLI_MAX_INPUTS 32
#define CLI_MAX_DEFER 64
#define CLI_MAX_MODULES 16

typedef struct cli_ctx cli_ctx;

/* One analysis module as the command line sees it. */
typedef struct cli_module {
    const char *name;        /* subcommand and results `module` column, e.g. "rct" */
    const char *const *sections; /* config sections that switch it on (NULL-terminated) */
    const char *what;        /* for messages: "the trial analysis" */
    /* Validate config and data; unless ctx->check_only, analyse and append rows to ctx->res. */
    core_status (*run)(cli_ctx *ctx, core_err *err);
} cli_module;

struct cli_ctx {
    const cli_opts *opts;
    core_config *cfg;
    int check_only;
    /* [project], read once (read_project, cli/cmd_analyse.c) and handed to the modules that use it */
    double confidence;            /* [project] confidence */
    long price_year;              /* [project] price_year, 0 when not given */
    unsigned long seed;           /* [project] seed or --seed */
    int has_seed;
    int csv_verbatim;             /* [project] csv_formula_guard = no */
    gsl_rng *rng;                 /* the stream of the module running now (core_rng_stream(seed, module name)):
                                     a module's draws never depend on which modules ran before it */
    core_progress progress;
    core_results *res;
    rpt_run run;                  /* modules fill their parts (trial, outcomes, ...) */
    rpt_input inputs[CLI_MAX_INPUTS];
    size_t n_inputs;
    struct cli_hash *hashing[CLI_MAX_INPUTS]; /* an input's SHA-256 still being computed on a thread, or NULL */
    const char *output, *results; /* resolved output paths (never an input) */
    int done[CLI_MAX_MODULES];    /* modules already run */
    int current;                  /* index of the module running now, -1 outside any */
    gsl_rng *streams[CLI_MAX_MODULES];      /* each module's own random stream */
    const void *products[CLI_MAX_MODULES];  /* each module's typed product (cli_ctx_provide), or NULL */
    struct {
        void (*fn)(void *);
        void *p;
    } defer[CLI_MAX_DEFER];
    size_t n_defer;
    char check_notes[2048];       /* one line per module for `ipseval check` */
};

/* The config schema: every section, assembled from the modules' key tables (cli/schema.c). */
extern const core_cfg_section cli_schema[];
extern const size_t cli_schema_n;

/* The modules, in the order `run` runs them (a module's inputs come before it). */
extern const cli_module cli_modules[];
extern const size_t cli_modules_n;
const cli_module *cli_module_find(const char *name);

/* Run a module once (no-op if it already ran) and hand over its typed product: for modules that use another's
 * results. *product (when product is not NULL) is what the module gave cli_ctx_provide, NULL if nothing (e.g. in
 * check-only mode). The products, owned by the producing module's state until the run ends:
 *   rct -> const rct_product * (rct/rct_run.h): the loaded trial and the primary binary outcome's effects;
 *          read by cba (effect = trial, effect.dist = bootstrap), fidelity (the outcome link) and compare.
 * No module reads another's result rows. */
core_status cli_ctx_require(cli_ctx *ctx, const char *module, const void **product, core_err *err);

/* The running module's typed product (see cli_ctx_require); it must outlive the run (hold it with cli_ctx_defer). */
void cli_ctx_provide(cli_ctx *ctx, const void *product);

/* Keep p alive until the workbook is written, then fn(p). CORE_ERR_NOMEM when full (fn(p) is called). */
core_status cli_ctx_defer(cli_ctx *ctx, void (*fn)(void *), void *p, core_err *err);

/* Read the data file named by [section] key, register it for Provenance (SHA-256, rows, columns) and refuse
 * it as an output path. *table stays owned by ctx (freed at the end). */
core_status cli_ctx_read_data(cli_ctx *ctx, const char *section, const char *key, core_table **table,
                              core_err *err);

/* As cli_ctx_read_data, keeping only the named columns (NULL-terminated; core_read_opts.columns): a module
 * that knows every column it will use reads no others. The file is hashed on a second thread after it is read,
 * while the module analyses it (the reader itself uses both cores); cli_ctx_join_hashes waits for it. */
core_status cli_ctx_read_data_cols(cli_ctx *ctx, const char *section, const char *key, const char *const *columns,
                                   core_table **table, core_err *err);

/* Wait for the inputs' SHA-256 still being computed and put them into ctx->inputs (before the outputs are
 * written, and when a run ends early); the first error of a hash, if any. */
core_status cli_ctx_join_hashes(cli_ctx *ctx, core_err *err);

/* Free a table read with cli_ctx_read_data now (its module has taken what it needs), not at the end. */
void cli_ctx_release_data(cli_ctx *ctx, core_table *table);

/* Add a line to what `ipseval check` prints. */
void cli_ctx_note(cli_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The seed in force: --seed, else [project] seed (its table default when absent); *given: either was written. */
core_status cli_project_seed(const core_config *cfg, const cli_opts *o, unsigned long *seed, int *given,
                             core_err *err);

/* Subcommands; each returns the process exit status. */
int cli_cmd_analyse(const cli_opts *o);   /* run, check and the per-module subcommands */

/** SOURCE_DATE_EPOCH, strictly (digits only, 1980-01-01 to 9999-12-31): *out unchanged when unset,
 *  CORE_ERR_CONFIG naming it otherwise. */
core_status cli_source_date_epoch(time_t *out, core_err *err);

/** `ipseval simulate`'s writer: core_table_write_synthetic with the config and seed in the companion
 *  note, refusing an existing file unless --force. */
core_status cli_write_synthetic(const core_table *t, const char *path, const cli_opts *o, long seed, core_err *err);
int cli_cmd_simulate(const cli_opts *o);
int cli_cmd_help(int argc, char **argv);  /* ipseval help [config | SECTION | SUBCOMMAND] */
/* The general usage; a subcommand's --help (2 when name is not a subcommand). */
void cli_usage(FILE *f);
int cli_help_subcommand(const char *name);

/* Print an error as "ipseval: message" on stderr and return its exit status. */
int cli_fail(const core_err *err);

/* A progress sink that draws a bar on stderr when it is a terminal and the step takes over a second. */
core_progress cli_progress_new(const cli_opts *o);
void cli_progress_done(core_progress *p);

#endif
