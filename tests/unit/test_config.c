/* Config loader: schema checks, line numbers, strict typed getters (core/core_config.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/core_config.h"
#include "core/core_data.h"
#include "core/core_error.h"
#include "tests/t_check.h"

/* a schema of its own, to test the loader's matching: globs in key and section names, a second table */
static const core_cfg_key t_project_keys[] = {
    {"title", CORE_CFG_TEXT, "IPS evaluation", NULL, "title"},
    {"confidence", CORE_CFG_NUMBER, "0.95", "(0, 1)", "level"},
    {"seed", CORE_CFG_INTEGER, "20130501", "[0, 4294967295]", "seed"},
    {"flag", CORE_CFG_BOOL, "no", NULL, "a flag"},
    {"currency", CORE_CFG_TEXT, "NOK", NULL, "currency"},
    {NULL},
};
static const core_cfg_key t_outcome_keys[] = {
    {"type", CORE_CFG_CHOICE, NULL, "binary|continuous|time_to_event", "type"},
    {"columns", CORE_CFG_COLUMNS, NULL, NULL, "columns"},
    {NULL},
};
static const core_cfg_key t_cba_keys[] = {
    {"wage", CORE_CFG_NUMBER, NULL, "[0, inf)", "wage"},
    {"*.dist", CORE_CFG_DIST, NULL, NULL, "distributions"},
    {NULL},
};
static const core_cfg_key t_markov_keys[] = {{"transitions.*", CORE_CFG_LIST, NULL, NULL, "rows"}, {NULL}};
static const core_cfg_section schema[] = {
    {"project", NULL, t_project_keys, NULL},   {"data", NULL, core_data_keys, NULL},
    {"outcome:*", NULL, t_outcome_keys, NULL}, {"cba", NULL, t_cba_keys, NULL},
    {"markov", NULL, t_markov_keys, NULL},
};
#define NS (sizeof schema / sizeof schema[0])

static const char *dir = "build/tmp-tests";

static const char *write_ini(const char *name, const char *text)
{
    static char path[256];
    mkdir("build", 0777);
    mkdir(dir, 0777);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

static void expect_load_error(const char *name, const char *text, core_status code, const char *needle)
{
    core_err err;
    core_err_clear(&err);
    core_config *c = core_config_load(write_ini(name, text), schema, NS, &err);
    t_true(c == NULL, "%s: load fails", name);
    t_int(err.code, code, "%s: status", name);
    t_contains(err.msg, needle, "%s: message", name);
    core_config_free(c);
}

int main(void)
{
    core_err err;
    core_err_clear(&err);
    const char *good = "; a comment\n"
                       "[project]\n"
                       "title = My trial ; trailing comment\n"
                       "Confidence = 0.9\n"
                       "seed = 20130501\n"
                       "flag = On\n"
                       "\n"
                       "[data]\n"
                       "delimiter = \";\"\n"
                       "decimal = \",\"\n"
                       "missing = , NA, .\n"
                       "[outcome:Employment]\n"
                       "type = binary\n"
                       "columns = emp6, emp12 ,emp18\n"
                       "[cba]\n"
                       "wage.dist = gamma(mean=1, se=2)\n"
                       "[markov]\n"
                       "transitions.ips = a.csv\n";
    core_config *c = core_config_load(write_ini("good.ini", good), schema, NS, &err);
    if (!t_true(c != NULL, "good config loads (%s)", err.msg))
        return t_summary("config");
    t_str(core_config_str(c, "project", "title", NULL), "My trial", "value ends at ';'");
    t_int(core_config_line(c, "project", "confidence"), 4, "line of a key (keys are case-insensitive)");
    t_int(core_config_line(c, "outcome:employment", NULL), 12, "line of a section header");
    double conf;
    t_int(core_config_double(c, "project", "confidence", 0.95, 0, 1, 1, 1, &conf, &err), CORE_OK, "confidence read");
    t_rel(conf, 0.9, TOL_EXACT, "confidence value");
    {
        /* SPEC §2 writes comments after section headers: '[data]   ; how delimited text is read' */
        core_err e2;
        core_err_clear(&e2);
        core_config *h = core_config_load(write_ini("header-comment.ini", "[project]   ; the run\n"
                                                                          "title = T\n"
                                                                          "[data]\t# how text is read\n"
                                                                          "decimal = \",\"\n"),
                                          schema, NS, &e2);
        if (t_true(h != NULL, "a comment after a section header is read (%s)", e2.msg)) {
            t_str(core_config_str(h, "project", "title", NULL), "T", "key below a commented header");
            t_str(core_config_str(h, "data", "decimal", NULL), ",", "key of the second commented header");
            t_int(core_config_line(h, "data", "decimal"), 4, "line numbers hold");
        }
        core_config_free(h);
        /* a continuation line that looks like '[x] ; ...' is part of the value, not a header to trim
         * (found by fuzz_config: trimming it cut the continuation the pre-scan had followed) */
        core_err_clear(&e2);
        h = core_config_load(write_ini("header-continued.ini", "[project]\n"
                                                               "title = a \\\n"
                                                               " [x] ; b \\\n"
                                                               " [y] ; c\n"
                                                               "seed = 3\n"),
                             schema, NS, &e2);
        if (t_true(h != NULL, "continued lines like headers load (%s)", e2.msg)) {
            t_contains(core_config_str(h, "project", "title", ""), "[x]", "the continued lines are in the value");
            /* had ' [x] ; b \\' been trimmed as a header, ' [y]' would have become a section holding 'seed' */
            t_str(core_config_str(h, "project", "seed", "(none)"), "3", "the key after them stays in [project]");
        }
        core_config_free(h);
    }
    double dflt;
    core_config_double(c, "project", "absent", 0.25, 0, 1, 0, 0, &dflt, &err);
    t_rel(dflt, 0.25, TOL_EXACT, "absent key gives the default");
    long seed;
    t_int(core_config_long(c, "project", "seed", 0, 0, 4294967295L, &seed, &err), CORE_OK, "seed read");
    t_int(seed, 20130501, "seed value");
    int flag;
    t_int(core_config_bool(c, "project", "flag", 0, &flag, &err), CORE_OK, "boolean On");
    t_int(flag, 1, "boolean On is true");
    t_str(core_config_str(c, "data", "delimiter", NULL), ";", "quoted semicolon survives");
    char **items;
    size_t n;
    t_int(core_config_list(c, "data", "missing", 1, &items, &n, &err), CORE_OK, "missing list");
    t_int((long)n, 3, "missing list has the empty token");
    t_str(items[0], "", "first missing token is empty");
    t_str(items[2], ".", "third missing token is '.'");
    core_config_list_free(items);
    t_int(core_config_list(c, "outcome:employment", "columns", 0, &items, &n, &err), CORE_OK, "columns list");
    t_int((long)n, 3, "three columns");
    t_str(items[1], "emp12", "items are trimmed");
    core_config_list_free(items);
    t_str(core_config_section_name(c, 2), "outcome:Employment", "section names keep their case");
    core_read_opts ro;
    char **miss;
    t_int(core_data_opts(c, "nosuch", &ro, &miss, &err), CORE_OK, "read options from [data]");
    t_int(ro.delimiter, ';', "delimiter ';'");
    t_int(ro.decimal, ',', "decimal ','");
    core_config_list_free(miss);
    char *res = core_config_resolve(c, "data/trial.csv");
    t_str(res, "build/tmp-tests/data/trial.csv", "paths are relative to the config");
    free(res);
    core_config_free(c);

    /* strict values */
    const char *vals = "[project]\nconfidence = 0.9x\nseed = 010\nflag = yesplease\ntitle = 1e400\n";
    c = core_config_load(write_ini("vals.ini", vals), schema, NS, &err);
    t_true(c != NULL, "config with bad values still loads");
    t_int(core_config_double(c, "project", "confidence", 0.95, 0, 1, 1, 1, &conf, &err), CORE_ERR_CONFIG,
          "trailing junk rejected");
    t_contains(err.msg, "vals.ini:2: key 'confidence' in [project]", "message names file, line and key");
    t_int(core_config_long(c, "project", "seed", 0, 0, 100000, &seed, &err), CORE_OK, "010 read as decimal");
    t_int(seed, 10, "no octal: 010 is ten");
    t_int(core_config_bool(c, "project", "flag", 0, &flag, &err), CORE_ERR_CONFIG, "yesplease is not a boolean");
    t_int(core_config_double(c, "project", "title", 0, -INFINITY, INFINITY, 0, 0, &conf, &err), CORE_ERR_CONFIG,
          "overflow to infinity rejected");
    static const char *const kinds[] = {"wide", "long", NULL};
    int k;
    core_config_free(c);
    c = core_config_load(write_ini("choice.ini", "[project]\ntitle = wdie\n"), schema, NS, &err);
    t_int(core_config_choice(c, "project", "title", kinds, 0, &k, &err), CORE_ERR_CONFIG, "choice outside set");
    t_contains(err.msg, "did you mean 'wide'", "choice suggests the nearest");
    core_config_free(c);

    /* whole-file errors */
    expect_load_error("unknown_key.ini", "[project]\nconfidnce = 0.9\n", CORE_ERR_CONFIG,
                      "unknown_key.ini:2: unknown key 'confidnce' in [project]; did you mean 'confidence'?");
    expect_load_error("unknown_sec.ini", "[projetc]\n", CORE_ERR_CONFIG, "did you mean [project]?");
    expect_load_error("far_sec.ini", "[zzzzzzzz]\n", CORE_ERR_CONFIG, "valid sections: project, data");
    expect_load_error("dup_key.ini", "[project]\ntitle = a\nTITLE = b\n", CORE_ERR_CONFIG,
                      "dup_key.ini:3: key 'TITLE' is given twice in [project] (first on line 2)");
    expect_load_error("dup_sec.ini", "[project]\n[data]\n[project]\n", CORE_ERR_CONFIG, "given twice");
    expect_load_error("before.ini", "title = x\n[project]\n", CORE_ERR_CONFIG, "comes before any [section]");
    expect_load_error("noeq.ini", "[project]\njust words\n", CORE_ERR_CONFIG, "noeq.ini:2");
    char longline[1200 + 32];
    strcpy(longline, "[project]\ntitle = ");
    memset(longline + strlen(longline), 'x', 1100);
    longline[18 + 1100] = '\n';
    longline[18 + 1101] = '\0';
    expect_load_error("long.ini", longline, CORE_ERR_CONFIG, "long.ini:2: line is 1108 characters long");
    expect_load_error("dist_ok_unknown.ini", "[cba]\nwage.dst = x\n", CORE_ERR_CONFIG, "unknown key 'wage.dst'");
    c = core_config_load("build/tmp-tests/does-not-exist.ini", schema, NS, &err);
    t_true(c == NULL && strstr(err.msg, "does-not-exist.ini: cannot open") != NULL, "missing config named");

    t_int((long)core_edit_distance("confidence", "confidnce"), 1, "edit distance, one deletion");
    t_int((long)core_edit_distance("kitten", "sitting"), 3, "edit distance, kitten/sitting");
    return t_summary("config");
}
