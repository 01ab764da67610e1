/* The keys of [fidelity], [scale:NAME] and [agreement]: their one owner (name, type, default, range, help). */
#include "fidelity/fid.h"

const core_cfg_key fid_fidelity_keys[] = {
    {"data", CORE_CFG_PATH, NULL, ".csv, .txt, .dta, .sav", "fidelity reviews: one row per site, review (and rater) with one column per item (required)"},
    {"scale", CORE_CFG_TEXT, "ips25", "ips25 or a [scale:NAME]", "the scale the items belong to"},
    {"site", CORE_CFG_COLUMN, NULL, NULL, "the site column (required)"},
    {"review", CORE_CFG_COLUMN, NULL, NULL, "the review round column (a date or number; required): trends over time"},
    {"rater", CORE_CFG_COLUMN, NULL, NULL, "two or more raters per review: agreement and a consensus score (optional)"},
    {"respondent", CORE_CFG_COLUMN, NULL, NULL, "a survey: one row per respondent, a site's score is their mean (optional)"},
    {"consensus", CORE_CFG_TEXT, "consensus", "a value of rater", "the rater value that marks the agreed consensus rating"},
    {"min_raters", CORE_CFG_INTEGER, "2", "[1, 100]", "raters a review needs for agreement statistics"},
    {"kappa_variance", CORE_CFG_CHOICE, "fce", "fce|psych", "variance of Fleiss' kappa: Fleiss-Cohen-Everitt, or as R's psych"},
    {"link", CORE_CFG_CHOICE, "effect", "effect|rate|none", "fidelity-outcome link per site: the trial effect, the IPS arm's rate, or none"},
    {"outcome", CORE_CFG_TEXT, NULL, "a binary [outcome:NAME]", "the trial outcome of the link (default: the primary)"},
    {"timepoint", CORE_CFG_TEXT, NULL, "a timepoint label", "the timepoint of the link (default: the last)"},
    {"reference_phase", CORE_CFG_TEXT, NULL, "a value of review", "a panel survey's phase the others are compared with (default: the first)"},
    {"bootstrap", CORE_CFG_INTEGER, "1000", "[0, 100000]", "resamples of whole reviews for the item kappas' cluster-bootstrap SE (0: none)"},
    {NULL},
};

const core_cfg_key fid_scale_keys[] = {
    {"items", CORE_CFG_COLUMNS, NULL, NULL, "the item columns of the scale (required for a scale of your own)"},
    {"min", CORE_CFG_INTEGER, "1", "[-1000, 1000]", "lowest valid item score"},
    {"max", CORE_CFG_INTEGER, "5", "[-1000, 1000]", "highest valid item score"},
    {"reverse", CORE_CFG_COLUMNS, NULL, NULL, "reverse-scored items (min + max - value)"},
    {"score", CORE_CFG_CHOICE, "sum", "sum|mean", "the total: sum or mean of the item scores"},
    {"min_answered", CORE_CFG_INTEGER, NULL, "[1, inf)", "fewer answered items make the score missing (at most the items; default: all items)"},
    {"prorate", CORE_CFG_BOOL, "no", NULL, "score an incomplete review as the answered items' mean times the item count"},
    {"bands", CORE_CFG_LIST, NULL, "LOWER:Name, highest first", "score bands, e.g. 115:Exemplary, 100:Good, 74:Fair, 0:Not IPS"},
    {"sections", CORE_CFG_LIST, NULL, "NAME: item item ...", "subtotals over groups of items"},
    {"title", CORE_CFG_TEXT, NULL, NULL, "the scale's name in the workbook"},
    {"anchors", CORE_CFG_PATH, NULL, "CSV: item, score, text", "item anchor texts shown in the fidelity sheets"},
    {NULL},
};

const core_cfg_key fid_agreement_keys[] = {
    {"data", CORE_CFG_PATH, NULL, ".csv, .txt, .dta, .sav", "ratings: one row per rated target (required)"},
    {"target", CORE_CFG_COLUMN, NULL, NULL, "the column naming the rated target (required)"},
    {"raters", CORE_CFG_COLUMNS, NULL, NULL, "one column per rater (required, at least two)"},
    {"categories", CORE_CFG_LIST, NULL, "ordered categories", "the rating categories in order (default: the sorted values seen)"},
    {"kappa_variance", CORE_CFG_CHOICE, "fce", "fce|psych", "variance of Fleiss' kappa: Fleiss-Cohen-Everitt, or as R's psych"},
    {NULL},
};
