/* ipseval: command-line entry. Parses the subcommand and options and dispatches. */
#include <gsl/gsl_errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/core_atomic.h"

#ifndef IPSEVAL_VERSION
#define IPSEVAL_VERSION "0.0.0"
#endif

/* The usage text and each subcommand's --help live in cli/cmd_help.c (its commands[] table). */
static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "ipseval: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'ipseval --help'.\n");
    va_end(ap);
    return 2;
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off(); /* GSL must return codes, never abort the process */
    core_atomic_catch_signals(); /* Ctrl-C/kill mid-write: remove temporary files, keep the old outputs */
    if (argc < 2)
        return cli_usage(stderr), 2;
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return cli_usage(stdout), 0;
    if (strcmp(argv[1], "help") == 0)
        return cli_cmd_help(argc, argv);
    if (strcmp(argv[1], "--version") == 0)
        return printf("ipseval %s\n", IPSEVAL_VERSION), 0;
    const char *name = argv[1];
    int (*fn)(const cli_opts *) = NULL;
    const char *summary = NULL;
    int built = 1;
    if (strcmp(name, "run") == 0)
        fn = cli_cmd_analyse, summary = "every analysis the config names -> workbook + results";
    else if (strcmp(name, "check") == 0)
        fn = cli_cmd_analyse, summary = "validate config and data only; writes nothing";
    else if (strcmp(name, "simulate") == 0)
        fn = cli_cmd_simulate, summary = "synthetic data from [simulate], written from the seed";
    else {
        const cli_module *m = cli_module_find(name);
        if (!m)
            return usage_error("unknown subcommand '%s'", name);
        fn = cli_cmd_analyse;
        summary = m->what;
        built = m->run != NULL;
    }
    cli_opts o = {.command = name};
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            if (cli_help_subcommand(name) != 0)
                printf("usage: ipseval %s CONFIG.ini [options]\n  %s\n", name, summary);
            if (!built)
                printf("  (not available in this version)\n");
            return 0;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
            slot = &o.output;
        else if (strcmp(a, "--results") == 0)
            slot = &o.results;
        else if (strcmp(a, "--seed") == 0)
            slot = &o.seed_text;
        else if (strncmp(a, "--output=", 9) == 0)
            o.output = a + 9;
        else if (strncmp(a, "--results=", 10) == 0)
            o.results = a + 10;
        else if (strncmp(a, "--seed=", 7) == 0)
            o.seed_text = a + 7;
        else if (strcmp(a, "--quiet") == 0)
            o.quiet = 1;
        else if (strcmp(a, "--no-progress") == 0)
            o.no_progress = 1;
        else if (strcmp(a, "--force") == 0)
            o.force = 1;
        else if (a[0] == '-' && a[1] != '\0')
            return usage_error("unknown option '%s'", a);
        else if (!o.config)
            o.config = a;
        else
            return usage_error("unexpected argument '%s' (one config file per run)", a);
        if (slot) {
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a value", a);
            *slot = argv[++i];
        }
    }
    if (!built) {
        fprintf(stderr, "ipseval: '%s' (%s) is not available in this version (%s)\n", name, summary,
                IPSEVAL_VERSION);
        return 2;
    }
    if (!o.config)
        return usage_error("'%s' needs a config file: ipseval %s CONFIG.ini", name, name);
    return fn(&o);
}
