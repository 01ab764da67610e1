/* The keys of [trial], [outcome:NAME] and [power]: their one owner (name, type, default, range, help). */
#include "rct/rct.h"

const core_cfg_key rct_trial_keys[] = {
    {"data", CORE_CFG_PATH, NULL, ".csv, .txt, .dta, .sav", "the trial data file (required)"},
    {"layout", CORE_CFG_CHOICE, "wide", "wide|long", "wide: one row per participant; long: one row per participant and timepoint"},
    {"id", CORE_CFG_COLUMN, NULL, NULL, "participant id column (optional in the wide layout: then every row is a participant)"},
    {"arm", CORE_CFG_COLUMN, NULL, NULL, "column holding each participant's arm (required)"},
    {"treatment", CORE_CFG_LIST, NULL, "levels of arm", "the intervention level(s) of arm; several give a multi-arm trial (required)"},
    {"control", CORE_CFG_TEXT, NULL, "a level of arm", "the control level of arm (required)"},
    {"site", CORE_CFG_COLUMN, NULL, NULL, "stratum of randomisation; adjusted for in adjusted models (optional)"},
    {"covariates", CORE_CFG_COLUMNS, NULL, NULL, "adjustment set of the adjusted models (optional)"},
    {"categorical", CORE_CFG_COLUMNS, NULL, NULL, "covariates coded as numbers that are categories (dummies, not a slope)"},
    {"received", CORE_CFG_COLUMN, NULL, "0/1", "treatment received (1 = the intervention): the complier average causal effect (optional)"},
    {"time", CORE_CFG_COLUMN, NULL, NULL, "long layout: the timepoint column"},
    {"timepoints", CORE_CFG_LIST, NULL, "labels, e.g. 6, 12, 18", "wide layout: the labels of the outcome columns, in order"},
    {"subgroups", CORE_CFG_COLUMNS, NULL, NULL, "treatment-by-subgroup interaction analyses (optional)"},
    {"arm_by_time", CORE_CFG_BOOL, "yes", NULL, "longitudinal models: an arm effect per timepoint; no = main effects of arm and time"},
    {"multiplicity", CORE_CFG_CHOICE, "none", "none|holm|bh", "adjustment over the secondary outcomes' p-values"},
    {"standardised_differences", CORE_CFG_BOOL, "no", NULL, "add standardised differences of the baseline covariates"},
    {"labels", CORE_CFG_TEXT, NULL, "name: label | name: label",
     "names for people of the data's columns in every table (default: a Stata/SPSS variable label, else the name); "
     "a level of a column as name[level]: label"},
    {"glmm_points", CORE_CFG_INTEGER, "25", "[1, 100]", "adaptive Gauss-Hermite points of the binary mixed model"},
    {NULL},
};

const core_cfg_key rct_outcome_keys[] = {
    {"type", CORE_CFG_CHOICE, NULL, "binary|continuous|time_to_event", "kind of outcome (required)"},
    {"columns", CORE_CFG_COLUMNS, NULL, NULL, "wide layout: one column per timepoint (or one column, no timepoint)"},
    {"column", CORE_CFG_COLUMN, NULL, NULL, "long layout: the outcome column"},
    {"baseline", CORE_CFG_COLUMN, NULL, NULL, "baseline value of the outcome (ANCOVA, baseline-adjusted models; optional)"},
    {"primary", CORE_CFG_BOOL, "no", NULL, "the primary outcome: headline effect, power, cost-benefit"},
    {"label", CORE_CFG_TEXT, NULL, NULL, "name shown in tables and sentences (default: the section's NAME)"},
    {"yes", CORE_CFG_TEXT, NULL, "a word of the data", "binary: the word that means 1, e.g. Ja (with no; default: the data are 0/1)"},
    {"no", CORE_CFG_TEXT, NULL, "a word of the data", "binary: the word that means 0, e.g. Nei (with yes)"},
    {"time", CORE_CFG_COLUMN, NULL, NULL, "time_to_event: time to the event or to censoring"},
    {"event", CORE_CFG_COLUMN, NULL, NULL, "time_to_event: the event indicator column"},
    {"event_value", CORE_CFG_TEXT, "1", NULL, "time_to_event: the value of event that means the event happened"},
    {"at", CORE_CFG_LIST, NULL, "times", "time_to_event: times at which survival is reported"},
    {"rmst_tau", CORE_CFG_NUMBER, NULL, "(0, inf)", "time_to_event: horizon of the restricted mean survival time (default: the last common time)"},
    {"timepoints", CORE_CFG_LIST, NULL, "labels", "this outcome's timepoint labels when they differ from [trial] timepoints"},
    {"covariates", CORE_CFG_COLUMNS, NULL, NULL, "this outcome's adjustment set, replacing [trial] covariates"},
    {"adjust", CORE_CFG_BOOL, "yes", NULL, "repeated-measures models adjusted for site, covariates and baseline; no = unadjusted"},
    {"primary_timepoint", CORE_CFG_TEXT, NULL, "a timepoint label", "the primary outcome's primary timepoint (required with multiplicity and several timepoints)"},
    {NULL},
};

const core_cfg_key rct_power_keys[] = {
    {"outcome", CORE_CFG_TEXT, NULL, "an [outcome:NAME]", "the outcome to plan for (default: the primary one)"},
    {"timepoint", CORE_CFG_TEXT, NULL, "a timepoint label", "the timepoint to plan for (default: the last)"},
    {"effect", CORE_CFG_LIST, NULL, "numbers", "true effect(s) to detect: risk or mean differences (required)"},
    {"control", CORE_CFG_NUMBER, NULL, "(0, 1)", "binary: the control arm's proportion (default: the trial's)"},
    {"sd", CORE_CFG_NUMBER, NULL, "(0, inf)", "continuous: the outcome's SD (default: the trial's)"},
    {"n", CORE_CFG_LIST, NULL, "whole numbers or start:stop:step", "total sample sizes to evaluate, a list or a grid (required)"},
    {"alpha", CORE_CFG_NUMBER, "0.05", "(0, 1)", "two-sided significance level"},
    {"draws", CORE_CFG_INTEGER, "1000", "[10, 1000000]", "simulated trials per sample size"},
    {"allocation", CORE_CFG_NUMBER, "0.5", "(0, 1)", "share of participants allocated to the intervention"},
    {NULL},
};

const core_cfg_key rct_missing_keys[] = {
    {"method", CORE_CFG_CHOICE, "complete_case", "complete_case|mi", "primary analysis of the primary outcome: complete cases (assumes missing completely at random) or multiple imputation (missing at random)"},
    {"imputations", CORE_CFG_INTEGER, "50", "[2, 100000]", "mi: number of imputed data sets"},
    {"iterations", CORE_CFG_INTEGER, "10", "[1, 1000]", "mi: sweeps of the chained equations per imputation (mice's maxit is 5)"},
    {"continuous", CORE_CFG_CHOICE, "norm", "norm|pmm", "mi: continuous values by Bayesian linear regression (norm) or predictive mean matching (pmm)"},
    {"donors", CORE_CFG_INTEGER, "5", "[1, 100]", "mi with continuous = pmm: candidate donors"},
    {"tipping", CORE_CFG_BOOL, "yes", NULL, "binary primary outcome: the tipping-point grid of assumed rates among the missing"},
    {"tipping_step", CORE_CFG_NUMBER, "0.05", "[0.01, 0.5]", "step of the tipping-point grid (rates 0 to 1)"},
    {"deltas", CORE_CFG_LIST, NULL, "numbers", "continuous primary outcome: shifts of the imputed values in the intervention arm (delta-adjusted imputation)"},
    {"ipw", CORE_CFG_BOOL, "no", NULL, "primary outcome over time: inverse-probability-weighted GEE under monotone dropout at random (stabilised weights from logistic dropout models)"},
    {"glmm", CORE_CFG_CHOICE, "laplace", "none|laplace|both", "mi, binary outcome over time: the mixed models re-fitted per imputation (adaptive quadrature costs seconds per fit)"},
    {NULL},
};
