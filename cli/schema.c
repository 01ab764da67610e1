/* The configuration schema: every section and key of SPEC §2. Unknown names are errors with a suggestion. */
#include "cli.h"

#define KEYS(...) ((const char *const[]){__VA_ARGS__, NULL})

const core_cfg_section cli_schema[] = {
    {"project", KEYS("title", "currency", "price_year", "output", "results", "confidence", "seed", "small_cell",
                     "synthetic")},
    {"data", KEYS("delimiter", "decimal", "missing")},
    {"trial", KEYS("data", "layout", "id", "arm", "treatment", "control", "site", "covariates", "time",
                   "timepoints", "subgroups", "arm_by_time", "multiplicity", "delimiter", "decimal", "missing")},
    {"outcome:*", KEYS("type", "columns", "column", "baseline", "primary", "label", "time", "event", "event_value",
                       "at")},
    {"fidelity", KEYS("data", "scale", "site", "review", "rater", "delimiter", "decimal", "missing")},
    {"scale:*", KEYS("items", "min", "max", "reverse", "score", "min_answered", "bands")},
    {"agreement", KEYS("data", "target", "raters", "delimiter", "decimal", "missing")},
    {"cba", KEYS("perspective", "horizon_years", "discount_rate", "mcpf", "cost_ips", "cost_control", "effect",
                 "effect_months", "persistence", "wage", "employer_contributions", "tax_rate", "benefit",
                 "benefit_reduction", "health_cost_change", "qaly_gain", "value_per_qaly", "population",
                 "psa_draws", "wtp", "*.dist")},
    {"markov", KEYS("states", "start", "cycles", "transitions.*")},
    {"registry", KEYS("data", "unit", "time", "cluster", "outcome", "treatment", "fixed_effects", "controls",
                      "inference", "synthetic_control", "bootstrap", "weights", "event_time", "spells", "delimiter",
                      "decimal", "missing")},
    {"compare", KEYS("workdays_per_year", "position_share", "ips_users", "target_population", "exposed_population",
                     "pooled_rr", "pooled_rr_ci", "trial_effect", "trial_effect_se", "registry_effect",
                     "registry_effect_se")},
    {"meta", KEYS("data", "measure", "study", "events_t", "n_t", "events_c", "n_c", "yi", "vi", "method",
                  "knapp_hartung", "delimiter", "decimal", "missing")},
    {"simulate", KEYS("trial", "n", "sites", "timepoints", "employment_ips", "employment_control", "missing",
                      "margins")},
};
const size_t cli_schema_n = sizeof cli_schema / sizeof cli_schema[0];
