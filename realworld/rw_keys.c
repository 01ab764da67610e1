/* The keys of [registry] and [compare]: their one owner (name, type, default, range, help). */
#include "rw.h"

const core_cfg_key rw_registry_keys[] = {
    {"data", CORE_CFG_PATH, NULL, ".csv, .txt, .dta, .sav", "the panel: one row per unit and period (required)"},
    {"unit", CORE_CFG_COLUMN, NULL, NULL, "the unit column, e.g. person (required)"},
    {"time", CORE_CFG_COLUMN, NULL, NULL, "the period column, e.g. year (required)"},
    {"cluster", CORE_CFG_COLUMN, NULL, NULL, "the cluster of treatment assignment, e.g. municipality (required)"},
    {"outcome", CORE_CFG_COLUMNS, NULL, NULL, "the outcome column(s), e.g. workdays (required)"},
    {"treatment", CORE_CFG_COLUMN, NULL, NULL, "the 0/1 (or continuous) treatment regressor D_it (required)"},
    {"fixed_effects", CORE_CFG_COLUMNS, "unit, time", NULL, "the fixed effects of the two-way model"},
    {"controls", CORE_CFG_COLUMNS, NULL, NULL, "time-varying controls (optional)"},
    {"inference", CORE_CFG_LIST, "classical, cr1, cr1_areg, cr2, wild, ri", "classical, cr1, cr1_areg, cr1_xtreg, cr1_gonly, cr2, wild, ri", "the standard errors and tests reported side by side"},
    {"synthetic_control", CORE_CFG_BOOL, "no", NULL, "synthetic control on cluster-by-period means, with placebo tests"},
    {"bootstrap", CORE_CFG_INTEGER, "9999", "[99, 10000000]", "wild-bootstrap draws; full enumeration when 2^G <= draws"},
    {"weights", CORE_CFG_CHOICE, "rademacher", "rademacher|webb", "wild-bootstrap weights"},
    {"event_time", CORE_CFG_TEXT, NULL, "FIRST:LAST, FIRST <= -1 <= LAST", "event-study window relative to the first treated period, e.g. -5:4 (optional)"},
    {"null_values", CORE_CFG_LIST, "0", "numbers", "effect values under the null hypothesis tested"},
    {"spells", CORE_CFG_PATH, NULL, "CSV", "employment spells aggregated into the first outcome (optional)"},
    {"spell_unit", CORE_CFG_COLUMN, NULL, NULL, "spells: the unit column (default: unit)"},
    {"spell_start", CORE_CFG_COLUMN, "start", NULL, "spells: the start date column"},
    {"spell_end", CORE_CFG_COLUMN, "end", NULL, "spells: the end date column"},
    {"spell_share", CORE_CFG_COLUMN, "share", NULL, "spells: the share of full time column"},
    {NULL},
};

const core_cfg_key rw_compare_keys[] = {
    {"workdays_per_year", CORE_CFG_NUMBER, "230", "(0, 366]", "workdays in a full-time year, one number for the whole run"},
    {"position_share", CORE_CFG_NUMBER, "1", "(0, 1]", "mean share of full time in the jobs gained"},
    {"ips_users", CORE_CFG_NUMBER, NULL, "[0, inf)", "people who received IPS among the exposed population, post-period"},
    {"target_population", CORE_CFG_NUMBER, NULL, "(0, inf)", "the population the registry effect averages over (with ips_users: the take-up)"},
    {"exposed_population", CORE_CFG_NUMBER, NULL, "[0, inf)", "the people the registry effect averages over in the post-period"},
    {"pooled_rr", CORE_CFG_NUMBER, NULL, "(0, inf)", "a pooled trial risk ratio, shown on its own scale (optional)"},
    {"pooled_rr_ci", CORE_CFG_LIST, NULL, "LOW, HIGH", "the interval of pooled_rr, e.g. 1.82, 2.35"},
    {"trial_effect", CORE_CFG_NUMBER, NULL, "[-1, 1]", "a typed-in trial employment effect (risk difference) instead of [trial]"},
    {"trial_effect_se", CORE_CFG_NUMBER, NULL, "(0, inf)", "its standard error"},
    {"registry_effect", CORE_CFG_NUMBER, NULL, "(-inf, inf)", "a typed-in registry effect instead of [registry]"},
    {"registry_effect_se", CORE_CFG_NUMBER, NULL, "(0, inf)", "its standard error"},
    {"trial_control_rate", CORE_CFG_NUMBER, NULL, "[0, 1]", "the trial's control employment rate, with a typed-in trial_effect"},
    {"scale", CORE_CFG_CHOICE, "workdays", "workdays|employment", "the common scale of the comparison"},
    {"reference_rates", CORE_CFG_LIST, NULL, "NAME: RATE, ...", "routine-practice employment rates, replacing the built-in UK and Italy ones"},
    {"registry_interval", CORE_CFG_CHOICE, "auto", "auto|wild|cr2|cr1|cr1_areg|classical|conley_taber", "which registry interval to carry (auto: the first of wild, cr2, cr1, cr1_areg, classical)"},
    {NULL},
};
