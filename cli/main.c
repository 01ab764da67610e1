/* ipseval: command-line entry. Parses the subcommand and options and dispatches. */
#include <gsl/gsl_errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/core_atomic.h"

#ifndef IPSEVAL_VERSION
#define IPSEVAL_VERSION "0.0.0"
#endif

static const char *const usage_text =
    "usage: ipseval SUBCOMMAND CONFIG.ini [options]\n"
    "\n"
    "Subcommands:\n"
    "  run       CONFIG.ini   every analysis the config names -> workbook + results\n"
    "  rct       CONFIG.ini   trial analysis only ([trial], [outcome:*])\n"
    "  fidelity  CONFIG.ini   fidelity reviews, survey scales and rater agreement ([fidelity], [agreement])\n"
    "  cba       CONFIG.ini   cost-benefit analysis: break-even wage, NPV by perspective, PSA ([cba])\n"
    "  cea       CONFIG.ini   cost-effectiveness of trial data: QALYs, frontier, bootstrap ([cea])\n"
    "  did       CONFIG.ini   registry difference-in-differences, event study ([registry])\n"
    "  meta      CONFIG.ini   meta-analysis of published trials ([meta])\n"
    "  compare   CONFIG.ini   trial vs real-world effect on one scale ([compare])\n"
    "  cohort    CONFIG.ini   a single-service cohort: jobs, time to a job, in-work support ([cohort])\n"
    "  equity    CONFIG.ini   users against a reference population; outcomes by group ([equity])\n"
    "  workforce CONFIG.ini   employment specialists' turnover and time in post ([workforce])\n"
    "  simulate  CONFIG.ini   synthetic trial, fidelity, survey, registry or cost data with known truth ([simulate])\n"
    "  check     CONFIG.ini   validate config and data only; analyses nothing\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE      workbook (.xlsx) to write; for simulate, the data file\n"
    "      --results FILE     tidy results CSV to write\n"
    "      --seed N           seed for every random step (overrides [project] seed)\n"
    "      --quiet            print nothing but errors\n"
    "      --no-progress      no progress bar\n"
    "  -h, --help             this help (also: ipseval SUBCOMMAND --help)\n"
    "      --version          version\n"
    "\n"
    "Exit status: 0 success; 1 analysis could not be done; 2 usage or configuration error;\n"
    "3 input-data error; 4 output could not be written.\n";

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
        return fputs(usage_text, stderr), 2;
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return fputs(usage_text, stdout), 0;
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
            printf("usage: ipseval %s CONFIG.ini [options]\n  %s\n%s\n", name, summary,
                   built ? "" : "  (not available in this version)\n");
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
