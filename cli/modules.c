/* The analysis modules, in the order `ipseval run` runs them.
 * A new module: write cli/mod_<name>.c with its run function, declare it here, add one line below. */
#include <string.h>

#include "cli/cli.h"

core_status cli_mod_rct(cli_ctx *ctx, core_err *err);
core_status cli_mod_cba(cli_ctx *ctx, core_err *err);
core_status cli_mod_cea(cli_ctx *ctx, core_err *err);
core_status cli_mod_meta(cli_ctx *ctx, core_err *err);
core_status cli_mod_compare(cli_ctx *ctx, core_err *err);
core_status cli_mod_did(cli_ctx *ctx, core_err *err);
core_status cli_mod_fidelity(cli_ctx *ctx, core_err *err);
core_status cli_mod_cohort(cli_ctx *ctx, core_err *err);
core_status cli_mod_equity(cli_ctx *ctx, core_err *err);
core_status cli_mod_workforce(cli_ctx *ctx, core_err *err);

#define SECTIONS(...) ((const char *const[]){__VA_ARGS__, NULL})

const cli_module cli_modules[] = {
    {"rct", SECTIONS("trial"), "the trial analysis", cli_mod_rct},
    {"fidelity", SECTIONS("fidelity", "agreement"), "fidelity scoring and rater agreement", cli_mod_fidelity},
    {"did", SECTIONS("registry"), "the registry difference-in-differences", cli_mod_did},
    {"meta", SECTIONS("meta"), "the meta-analysis", cli_mod_meta},
    {"cba", SECTIONS("cba", "markov"), "the cost-benefit analysis", cli_mod_cba},
    {"cea", SECTIONS("cea"), "the cost-effectiveness analysis of trial data", cli_mod_cea},
    {"compare", SECTIONS("compare"), "the trial versus real-world comparison", cli_mod_compare},
    {"cohort", SECTIONS("cohort"), "the single-service cohort", cli_mod_cohort},
    {"equity", SECTIONS("equity"), "equity of access against a reference population", cli_mod_equity},
    {"workforce", SECTIONS("workforce"), "the employment specialists' turnover", cli_mod_workforce},
};
const size_t cli_modules_n = sizeof cli_modules / sizeof cli_modules[0];
_Static_assert(sizeof cli_modules / sizeof cli_modules[0] <= CLI_MAX_MODULES, "raise CLI_MAX_MODULES");

const cli_module *cli_module_find(const char *name)
{
    for (size_t i = 0; i < cli_modules_n; i++)
        if (strcmp(cli_modules[i].name, name) == 0)
            return &cli_modules[i];
    return NULL;
}
