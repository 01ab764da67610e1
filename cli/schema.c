/* The configuration schema: every section, assembled from the key tables of the modules that own them.
 * Each key is declared once, by its owner, with its type, default, range and help (core_cfg_key);
 * `ipseval help` and docs/config.md are printed from these tables, and the parser accepts only them.
 * [project] (core/core_keys.c, shared by every module) is read once, by cli/, into the run context;
 * [simulate] belongs to cli/. */
#include "cli/cli.h"

#include "cba/cba.h"
#include "cea/cea.h"
#include "core/core_data.h"
#include "fidelity/fid.h"
#include "meta/meta.h"
#include "practice/prc.h"
#include "rct/rct.h"
#include "realworld/rw.h"

const core_cfg_key cli_simulate_keys[] = {
    {"trial", CORE_CFG_PATH, NULL, ".csv", "write a synthetic trial to this file"},
    {"n", CORE_CFG_INTEGER, "410", "[4, 100000000]", "participants in the synthetic trial"},
    {"sites", CORE_CFG_INTEGER, "6", "[1, 1000]", "sites of the synthetic trial (at most 26 with fidelity reviews)"},
    {"timepoints", CORE_CFG_LIST, "6, 12, 18", "labels", "the trial's timepoints"},
    {"employment_ips", CORE_CFG_LIST, "0.25, 0.366, 0.374", "proportions in (0, 1)", "employment rate of the IPS arm per timepoint"},
    {"employment_control", CORE_CFG_LIST, "0.20, 0.271, 0.271", "proportions in (0, 1)", "employment rate of the control arm per timepoint"},
    {"missing", CORE_CFG_LIST, "0.02, 0.03, 0.04", "proportions in [0, 1)", "share of outcomes missing per timepoint"},
    {"margins", CORE_CFG_CHOICE, "exact", "exact|random", "exact: the rates hold exactly in the sample; random: drawn"},
    {"questionnaires", CORE_CFG_BOOL, "yes", NULL, "add questionnaire (continuous) outcomes"},
    {"questionnaire_timepoints", CORE_CFG_LIST, "0, 6, 12", "labels", "the questionnaire waves"},
    {"questionnaire_effect", CORE_CFG_NUMBER, "0.25", "[-3, 3]", "true standardised effect on the questionnaire score"},
    {"questionnaire_missing", CORE_CFG_LIST, "0.02, 0.15, 0.25", "proportions in [0, 1)", "share of questionnaires missing per wave"},
    {"registry", CORE_CFG_PATH, NULL, ".csv", "write a synthetic registry panel to this file"},
    {"registry_spells", CORE_CFG_PATH, NULL, ".csv", "write the panel's employment spells to this file"},
    {"registry_persons", CORE_CFG_INTEGER, "2000", "[11, 10000000]", "persons in the synthetic registry"},
    {"registry_design", CORE_CFG_CHOICE, "bodo", "bodo|rollout", "bodo: treated clusters all start in 2015; rollout: the national roll-out, counties adopting in turn 2012-2019, effects growing with exposure"},
    {"registry_clusters", CORE_CFG_INTEGER, "11", "[2, 1000]", "clusters (municipalities; counties in the roll-out, default 19) in the synthetic registry"},
    {"registry_treated", CORE_CFG_INTEGER, "1", "[1, 1000]", "treated clusters (the roll-out's adopting counties, default 16; the rest never adopt)"},
    {"registry_effect", CORE_CFG_NUMBER, "1", "[0, 3]", "scale of the true registry effect (1 = the default effect)"},
    {"registry_shock_sd", CORE_CFG_NUMBER, "2.3", "[0, 3]", "SD of the cluster-by-period shocks"},
    {"registry_equal_sizes", CORE_CFG_BOOL, "no", NULL, "clusters of equal size"},
    {"fidelity", CORE_CFG_PATH, NULL, ".csv", "write synthetic fidelity reviews to this file"},
    {"fidelity_rounds", CORE_CFG_INTEGER, "3", "[1, 20]", "review rounds per site"},
    {"fidelity_start", CORE_CFG_NUMBER, "80", "[25, 125]", "mean IPS-25 total at the first round"},
    {"fidelity_end", CORE_CFG_NUMBER, "100", "[25, 125]", "mean IPS-25 total at the last round"},
    {"survey", CORE_CFG_PATH, NULL, ".csv", "write a synthetic staff survey to this file"},
    {"cohort", CORE_CFG_PATH, NULL, ".csv", "write a synthetic routine-practice cohort to this file"},
    {"cohort_n", CORE_CFG_INTEGER, "539", "[10, 10000000]", "people in the synthetic cohort"},
    {"workforce", CORE_CFG_PATH, NULL, ".csv", "write synthetic employment specialists' posts to this file"},
    {"workforce_sites", CORE_CFG_INTEGER, "4", "[1, 26]", "sites of the synthetic workforce"},
    {"workforce_rate", CORE_CFG_NUMBER, "25", "(0, 500]", "true leavers per 100 person-years of the synthetic workforce"},
    {"cea", CORE_CFG_PATH, NULL, ".csv", "write a synthetic three-arm trial with costs and utilities to this file"},
    {"cea_n", CORE_CFG_INTEGER, "720", "[6, 10000000]", "participants in the synthetic cost-effectiveness trial"},
    {"cea_sites", CORE_CFG_INTEGER, "3", "[1, 1000]", "sites of the synthetic cost-effectiveness trial"},
    {"cea_for", CORE_CFG_PATH, NULL, ".csv", "instead of a three-arm trial: write costs and utilities for each participant (id, arm) of this trial file"},
    {"cea_intervention", CORE_CFG_TEXT, "IPS", "a level of the trial's arm", "with cea_for: the arm that gets the intervention's costs and utility gain"},
    {NULL},
};

const core_cfg_section cli_schema[] = {
    {"project", "the study, its outputs and the settings every module shares", core_project_keys, NULL},
    {"data", "how delimited text is read (also settable per data section)", core_data_keys, NULL},
    {"trial", "the randomised trial: its data and design", rct_trial_keys, core_data_keys},
    {"outcome:*", "one section per trial outcome; NAME is used in results and sheets", rct_outcome_keys, NULL},
    {"power", "power and sample size by simulation", rct_power_keys, NULL},
    {"missing", "missing outcomes of the trial: multiple imputation and sensitivity analyses", rct_missing_keys, NULL},
    {"fidelity", "fidelity reviews (IPS-25 or a scale of your own) or a survey", fid_fidelity_keys, core_data_keys},
    {"scale:*", "a scale of your own, or refinements of a built-in one", fid_scale_keys, core_data_keys},
    {"agreement", "inter-rater agreement on any ratings table", fid_agreement_keys, core_data_keys},
    {"cba", "the cost-benefit model", cba_keys, NULL},
    {"cea", "cost-effectiveness of trial data: costs, QALYs, the frontier, bootstrap", cea_keys, core_data_keys},
    {"markov", "an optional cohort model of the cost-benefit analysis", cba_markov_keys, NULL},
    {"index", "price index series that bring money inputs of the cost-benefit model to the analysis's price year", cba_index_keys, NULL},
    {"registry", "registry panel: difference-in-differences and event study", rw_registry_keys, core_data_keys},
    {"compare", "trial against real-world effects on one scale", rw_compare_keys, NULL},
    {"meta", "meta-analysis of a study table or of other runs' results", meta_keys, core_data_keys},
    {"cohort", "a single-service cohort: jobs, time to a job, in-work support", prc_cohort_keys, core_data_keys},
    {"equity", "the service's users against a reference population; outcomes by group", prc_equity_keys, core_data_keys},
    {"workforce", "employment specialists' turnover and time in post", prc_workforce_keys, core_data_keys},
    {"simulate", "what ipseval simulate writes: synthetic data with known truth", cli_simulate_keys, NULL},
};
const size_t cli_schema_n = sizeof cli_schema / sizeof cli_schema[0];
