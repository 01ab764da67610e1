/* The keys of [cohort], [equity] and [workforce]: their one owner (name, type, default, range, help). */
#include "practice/prc.h"

const core_cfg_key prc_cohort_keys[] = {
    {"data", CORE_CFG_PATH, NULL, ".csv, .txt, .dta, .sav", "the cohort: one row per person supported (required)"},
    {"id", CORE_CFG_COLUMN, NULL, NULL, "the person id column (optional)"},
    {"days_to_job", CORE_CFG_COLUMN, NULL, NULL, "days from the start of support to the first job, or to the end of follow-up (required)"},
    {"job", CORE_CFG_COLUMN, NULL, NULL, "1 = got a job, 0 = no job by the end of follow-up (required)"},
    {"support_days", CORE_CFG_COLUMN, NULL, NULL, "days of in-work support (empty for people without a job)"},
    {"support_limit", CORE_CFG_NUMBER, NULL, "(0, 36525]", "report the share supported in work for longer than this many days (needs support_days)"},
    {"groups", CORE_CFG_COLUMNS, NULL, "at most 16", "columns to break the outcomes down by, e.g. ethnicity, sex"},
    {"benchmark", CORE_CFG_NUMBER, NULL, "(0, 1)", "a published share in work to set the cohort's against"},
    {"benchmark_source", CORE_CFG_TEXT, NULL, NULL, "where the benchmark comes from, shown with it"},
    {"incidence_months", CORE_CFG_LIST, "6, 12, 24", "at most 16 months", "months at which the cumulative share in work is reported"},
    {"label", CORE_CFG_TEXT, "the service", NULL, "the service's name in sentences"},
    {NULL},
};

const core_cfg_key prc_equity_keys[] = {
    {"data", CORE_CFG_PATH, NULL, ".csv, .txt, .dta, .sav", "the service's users: one row per person (required)"},
    {"reference", CORE_CFG_PATH, NULL, "CSV: group, share or count, source", "the reference population (caseload or catchment) by group (required)"},
    {"group", CORE_CFG_COLUMN, NULL, NULL, "the group column, e.g. ethnicity (required)"},
    {"outcome", CORE_CFG_COLUMN, NULL, NULL, "a 0/1 outcome compared between groups, e.g. got_job (optional)"},
    {"adjust", CORE_CFG_COLUMNS, NULL, NULL, "covariates of the adjusted outcome comparison"},
    {"reference_group", CORE_CFG_TEXT, NULL, "a level of group", "the group the others are compared with (default: the largest)"},
    {"label", CORE_CFG_TEXT, NULL, NULL, "the outcome's name in tables and sentences"},
    {NULL},
};

const core_cfg_key prc_workforce_keys[] = {
    {"data", CORE_CFG_PATH, NULL, ".csv, .txt, .dta, .sav", "the employment specialists: one row per person and post (required)"},
    {"person", CORE_CFG_COLUMN, NULL, NULL, "the person column (required)"},
    {"site", CORE_CFG_COLUMN, NULL, NULL, "the site column (optional)"},
    {"start", CORE_CFG_COLUMN, NULL, NULL, "the date the post started, YYYY-MM-DD (required)"},
    {"end", CORE_CFG_COLUMN, NULL, NULL, "the date the post ended; empty = still employed (required)"},
    {"followup_start", CORE_CFG_TEXT, NULL, "YYYY-MM-DD", "the first day followed (default: the earliest start)"},
    {"followup_end", CORE_CFG_TEXT, NULL, "YYYY-MM-DD", "the first day not followed (required)"},
    {"benchmark_rate", CORE_CFG_NUMBER, NULL, "(0, 1000]", "leavers per 100 person-years to compare with"},
    {"benchmark_source", CORE_CFG_TEXT, NULL, NULL, "where the benchmark rate comes from, shown with it"},
    {NULL},
};
