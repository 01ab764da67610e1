/* The keys every module shares: [project] (read once, by cli/, into the run context) and the keys of every
 * section that reads a delimited data file ([data] and each data section). */
#include "core/core_data.h"

/* name, type, default, range, help: one line per key (core_config.h, core_cfg_key) */
const core_cfg_key core_data_keys[] = {
    {"delimiter", CORE_CFG_TEXT, "auto", "auto, \",\", \";\", tab, \"|\"", "field delimiter of delimited text; quote the semicolon: \";\""},
    {"decimal", CORE_CFG_TEXT, ".", "\".\" or \",\"", "decimal mark of numbers in the file (Norwegian Excel exports use \",\")"},
    {"thousands", CORE_CFG_TEXT, "none", "none, \".\", \",\", \" \"", "thousands separator of numbers in the file (\" \" also takes the no-break spaces spreadsheets write)"},
    {"merge_labels", CORE_CFG_BOOL, "no", NULL, "Stata/SPSS files: codes sharing a value label are merged into one category (said in a note) instead of refused"},
    {"missing", CORE_CFG_LIST, ", NA, .", NULL, "tokens read as a missing value (an empty field is one when listed)"},
    {"encoding", CORE_CFG_CHOICE, "utf-8", "utf-8|windows-1252|latin1", "character encoding of delimited text (Excel's \"CSV\" on Windows: windows-1252); .dta/.sav carry their own"},
    {NULL},
};

const core_cfg_key core_project_keys[] = {
    {"title", CORE_CFG_TEXT, "IPS evaluation", NULL, "the study's title, on the Summary sheet"},
    {"currency", CORE_CFG_TEXT, "NOK", "ISO 4217 code", "currency of every money amount, used in number formats"},
    {"price_year", CORE_CFG_INTEGER, NULL, "[1900, 2200]", "the year whose prices the money amounts are in (shown with them)"},
    {"output", CORE_CFG_PATH, "ipseval-report.xlsx", ".xlsx", "the workbook written (-o overrides)"},
    {"results", CORE_CFG_PATH, "results.csv", ".csv", "the tidy results file written (--results overrides)"},
    {"confidence", CORE_CFG_NUMBER, "0.95", "(0, 1)", "confidence level of every interval"},
    {"seed", CORE_CFG_INTEGER, "20130501", "[0, 4294967295]", "seed of every random step (--seed overrides)"},
    {"small_cell", CORE_CFG_INTEGER, "0", "[0, 1000000]", "disclosure control: counts below it are shown as \"<k\" in every output"},
    {"synthetic", CORE_CFG_BOOL, "no", NULL, "the data are simulated: the workbook says so"},
    {"language", CORE_CFG_CHOICE, "en", "en|nb", "the workbook's words: en (English) or nb (Norwegian bokmål); results.csv stays English"},
    {"csv_formula_guard", CORE_CFG_BOOL, "yes", NULL, "results.csv writes text starting with = + - @ tab or CR (not a number) after an apostrophe, so no spreadsheet runs it as a formula; no: verbatim"},
    {NULL},
};
