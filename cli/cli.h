/* cli/: the only place that prints to the user and chooses exit codes. */
#ifndef IPSEVAL_CLI_H
#define IPSEVAL_CLI_H

#include <stddef.h>

#include "core/core_config.h"
#include "core/core_progress.h"

typedef struct cli_opts {
    const char *command;
    const char *config;
    const char *output;     /* -o / --output */
    const char *results;    /* --results */
    const char *seed_text;  /* --seed */
    int quiet;
    int no_progress;
} cli_opts;

/* The config schema of SPEC §2 (plus [simulate]). */
extern const core_cfg_section cli_schema[];
extern const size_t cli_schema_n;

/* Subcommands; each returns the process exit status. */
int cli_cmd_analyse(const cli_opts *o);   /* run, rct, check */
int cli_cmd_simulate(const cli_opts *o);

/* Print an error as "ipseval: message" on stderr and return its exit status. */
int cli_fail(const core_err *err);

/* A progress sink that draws a bar on stderr when it is a terminal and the step takes over a second. */
core_progress cli_progress_new(const cli_opts *o);
void cli_progress_done(core_progress *p);

#endif
