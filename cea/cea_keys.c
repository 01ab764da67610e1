/* The keys of [cea]: their one owner (name, type, default, range, help). */
#include "cea/cea.h"

const core_cfg_key cea_keys[] = {
    {"data", CORE_CFG_PATH, NULL, ".csv, .txt, .dta, .sav", "costs and utilities joined on [trial] id (default: they are in the trial's file)"},
    {"costs", CORE_CFG_COLUMNS, NULL, "at most the table's limit", "the cost column of each period, e.g. cost6, cost12, cost18 (required)"},
    {"cost_months", CORE_CFG_LIST, NULL, "increasing months > 0", "the month each cost period ends, one per cost column"},
    {"utilities", CORE_CFG_COLUMNS, NULL, NULL, "utility columns, the baseline first, e.g. u0, u6, u12, u18 (required, at least two)"},
    {"utility_months", CORE_CFG_LIST, NULL, "increasing months >= 0", "the month of each utility, one per utility column"},
    {"discount_costs", CORE_CFG_NUMBER, "0.035", "[0, 1]", "annual discount rate of costs"},
    {"discount_effects", CORE_CFG_NUMBER, "0.035", "[0, 1]", "annual discount rate of QALYs"},
    {"reference", CORE_CFG_TEXT, NULL, "a level of [trial] arm", "the option the others are compared with (default: the trial's control)"},
    {"wtp", CORE_CFG_LIST, "0:100000:1000", "start:stop:step or numbers", "willingness-to-pay grid per QALY for the CEAC"},
    {"threshold", CORE_CFG_NUMBER, NULL, "[0, inf)", "the willingness to pay per QALY of the headline (default: the middle of wtp)"},
    {"bootstrap", CORE_CFG_INTEGER, "2000", "[0, 1000000]", "bootstrap resamples; 0 = none, else at least 100"},
    {"utility_min", CORE_CFG_NUMBER, "-0.624", "[-10, 0.999]", "the lowest valid utility (the value set's worst state)"},
    {"allow_negative", CORE_CFG_BOOL, "no", NULL, "accept negative costs"},
    {"adjust_site", CORE_CFG_BOOL, NULL, NULL, "adjust the increments for site (default: yes when the trial has a site)"},
    {"missing_data", CORE_CFG_CHOICE, "complete_cases", "complete_cases|mi", "missing costs or utilities: complete cases (mi is not available yet)"},
    {NULL},
};
