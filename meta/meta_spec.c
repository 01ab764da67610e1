/* [meta] into a meta_spec: the measure, its columns, the methods and the optional extras. */
#include "meta/meta.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const measure_words[] = {"RR", "OR", "RD", "MD", "SMD", "generic", NULL};
static const char *const method_words[] = {"fixed", "mh", "dl", "reml", "ml", "pm", NULL};

const char *meta_method_name(meta_method m)
{
    return (unsigned)m < META_N_METHODS ? method_words[m] : "?";
}

const char *meta_measure_term(st_meta_measure m)
{
    static const char *const terms[] = {"rr", "or", "rd", "md", "smd", "effect"};
    return (unsigned)m <= ST_META_GENERIC ? terms[m] : "effect";
}

void meta_spec_free(meta_spec *s)
{
    if (!s)
        return;
    char **strs[] = {&s->outcome, &s->study,  &s->year, &s->events_t, &s->n_t, &s->events_c,  &s->n_c,
                     &s->mean_t,  &s->sd_t,   &s->mean_c, &s->sd_c,   &s->yi,  &s->vi,  &s->se, &s->moderator,
                     &s->moderator_level};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        free(*strs[i]);
    core_config_list_free(s->exclude);
    core_config_list_free(s->results);
    free(s->results_analysis);
    free(s->results_method);
    free(s->results_term);
    free(s->results_timepoint);
    memset(s, 0, sizeof *s);
}

static core_status dup_to(const char *v, char **out, core_err *err)
{
    *out = NULL;
    if (!v)
        return CORE_OK;
    if (!(*out = strdup(v)))
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    return CORE_OK;
}

/* A column key: required for this measure (err naming the measure when absent) or forbidden. */
static core_status column_key(const core_config *cfg, const char *key, int needed, const char *measure, char **out,
                              core_err *err)
{
    char where[600];
    *out = NULL;
    if (needed) {
        const char *v = core_config_str(cfg, "meta", key, NULL);
        if (!v || !*v)
            return core_err_set(err, CORE_ERR_CONFIG, "%s: key '%s' is required for measure = %s (the data column)",
                                core_config_where(cfg, "meta", NULL, where, sizeof where), key, measure);
        return dup_to(v, out, err);
    }
    if (core_config_has(cfg, "meta", key))
        return core_err_set(err, CORE_ERR_CONFIG, "%s: not used with measure = %s; remove it, or change the measure",
                            core_config_where(cfg, "meta", key, where, sizeof where), measure);
    return CORE_OK;
}

#define TRY(x)                                                                                                     \
    do {                                                                                                           \
        if ((st = (x)) != CORE_OK)                                                                                 \
            goto fail;                                                                                             \
    } while (0)

core_status meta_spec_from_config(const core_config *cfg, double confidence, meta_spec *s, core_err *err)
{
    memset(s, 0, sizeof *s);
    s->confidence = confidence;
    core_status st = CORE_OK;
    char where[600];
    char **methods = NULL;
    if (!core_config_has_section(cfg, "meta"))
        return core_err_set(err, CORE_ERR_CONFIG, "%s: no [meta] section; the meta-analysis needs one",
                            core_config_path(cfg));
    /* Federated pooling: other runs' results files instead of a study table. */
    TRY(core_config_list(cfg, "meta", "results", 0, &s->results, &s->n_results, err));
    static const char *const fed_keys[] = {"results_analysis", "results_method", "results_term", "results_timepoint",
                                           NULL};
    if (s->n_results == 0) {
        for (int i = 0; fed_keys[i]; i++)
            if (core_config_has(cfg, "meta", fed_keys[i])) {
                st = core_err_set(err, CORE_ERR_CONFIG, "%s: only used with 'results' (other runs' results files)",
                                  core_config_where(cfg, "meta", fed_keys[i], where, sizeof where));
                goto fail;
            }
    } else {
        static const char *const table_keys[] = {"data",   "study",  "events_t", "n_t",       "events_c",
                                                 "n_c",    "yi",     "vi",       "se",        "mean_t",
                                                 "sd_t",   "mean_c", "sd_c",     "year",      "moderator",
                                                 "moderator_level",  "delimiter", "decimal", "thousands", "missing", NULL};
        for (int i = 0; table_keys[i]; i++)
            if (core_config_has(cfg, "meta", table_keys[i])) {
                st = core_err_set(err, CORE_ERR_CONFIG,
                                  "%s: not used with 'results': each results file is one study, its effect the row "
                                  "that results_analysis (results_method, results_term, outcome) picks",
                                  core_config_where(cfg, "meta", table_keys[i], where, sizeof where));
                goto fail;
            }
        if (core_config_has(cfg, "meta", "measure") &&
            strcasecmp(core_config_str(cfg, "meta", "measure", ""), "generic") != 0) {
            st = core_err_set(err, CORE_ERR_CONFIG,
                              "%s: pooling results files takes each file's estimate and SE as they are (measure = "
                              "generic); remove the key",
                              core_config_where(cfg, "meta", "measure", where, sizeof where));
            goto fail;
        }
        const char *a = core_config_str(cfg, "meta", "results_analysis", NULL);
        if (!a || !*a) {
            st = core_err_set(err, CORE_ERR_CONFIG,
                              "%s: 'results' needs results_analysis: the analysis whose row is each file's effect "
                              "(e.g. twfe)",
                              core_config_where(cfg, "meta", "results", where, sizeof where));
            goto fail;
        }
        s->measure = ST_META_GENERIC;
        TRY(dup_to(a, &s->results_analysis, err));
        TRY(dup_to(core_config_str(cfg, "meta", "results_method", NULL), &s->results_method, err));
        TRY(dup_to(core_config_str(cfg, "meta", "results_term", NULL), &s->results_term, err));
        TRY(dup_to(core_config_str(cfg, "meta", "results_timepoint", NULL), &s->results_timepoint, err));
        TRY(dup_to(core_config_str(cfg, "meta", "outcome", ""), &s->outcome, err));
        TRY(core_config_list(cfg, "meta", "exclude", 0, &s->exclude, &s->n_exclude, err));
        TRY(core_config_bool(cfg, "meta", "knapp_hartung", 1, &s->knapp_hartung, err));
        goto methods;
    }
    if (!core_config_has(cfg, "meta", "data")) {
        st = core_err_set(err, CORE_ERR_CONFIG,
                          "%s: key 'data' is required (the study table), or 'results' (other runs' results files)",
                          core_config_where(cfg, "meta", NULL, where, sizeof where));
        goto fail;
    }
    int mi;
    TRY(core_config_choice(cfg, "meta", "measure", measure_words, 0, &mi, err));
    s->measure = (st_meta_measure)mi;
    const char *mname = measure_words[mi];
    int binary = s->measure <= ST_META_RD, means = s->measure == ST_META_MD || s->measure == ST_META_SMD;
    int generic = s->measure == ST_META_GENERIC;
    TRY(dup_to(core_config_str(cfg, "meta", "study", "study"), &s->study, err));
    TRY(dup_to(core_config_str(cfg, "meta", "outcome", ""), &s->outcome, err));
    TRY(dup_to(core_config_str(cfg, "meta", "year", NULL), &s->year, err));
    TRY(column_key(cfg, "events_t", binary, mname, &s->events_t, err));
    TRY(column_key(cfg, "events_c", binary, mname, &s->events_c, err));
    TRY(column_key(cfg, "n_t", binary || means, mname, &s->n_t, err));
    TRY(column_key(cfg, "n_c", binary || means, mname, &s->n_c, err));
    TRY(column_key(cfg, "mean_t", means, mname, &s->mean_t, err));
    TRY(column_key(cfg, "sd_t", means, mname, &s->sd_t, err));
    TRY(column_key(cfg, "mean_c", means, mname, &s->mean_c, err));
    TRY(column_key(cfg, "sd_c", means, mname, &s->sd_c, err));
    TRY(column_key(cfg, "yi", generic, mname, &s->yi, err));
    /* generic: the variance (vi) or the standard error (se), exactly one of them */
    int has_se = core_config_has(cfg, "meta", "se");
    if (generic && has_se && core_config_has(cfg, "meta", "vi")) {
        st = core_err_set(err, CORE_ERR_CONFIG, "%s: give either 'vi' (the variance) or 'se' (the standard error), not both",
                          core_config_where(cfg, "meta", "se", where, sizeof where));
        goto fail;
    }
    TRY(column_key(cfg, "vi", generic && !has_se, mname, &s->vi, err));
    TRY(column_key(cfg, "se", generic && has_se, mname, &s->se, err));
    TRY(dup_to(core_config_str(cfg, "meta", "moderator", NULL), &s->moderator, err));
    TRY(dup_to(core_config_str(cfg, "meta", "moderator_level", NULL), &s->moderator_level, err));
    if (s->moderator_level && !s->moderator) {
        st = core_err_set(err, CORE_ERR_CONFIG, "%s: needs 'moderator' (the column whose level it names)",
                          core_config_where(cfg, "meta", "moderator_level", where, sizeof where));
        goto fail;
    }
    TRY(core_config_list(cfg, "meta", "exclude", 0, &s->exclude, &s->n_exclude, err));
    TRY(core_config_bool(cfg, "meta", "knapp_hartung", 1, &s->knapp_hartung, err));

methods:;
    size_t nm = 0;
    TRY(core_config_list(cfg, "meta", "method", 0, &methods, &nm, err));
    if (nm == 0) {
        s->methods[0] = META_REML; /* SPEC default: REML with Knapp-Hartung */
        s->n_methods = 1;
    }
    for (size_t i = 0; i < nm; i++) {
        int m = -1;
        for (int j = 0; method_words[j]; j++)
            if (strcasecmp(methods[i], method_words[j]) == 0)
                m = j;
        if (m < 0) {
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not a method; use fixed, mh, dl, reml, ml or pm",
                              core_config_where(cfg, "meta", "method", where, sizeof where), methods[i]);
            goto fail;
        }
        for (size_t j = 0; j < s->n_methods; j++)
            if (s->methods[j] == (meta_method)m) {
                st = core_err_set(err, CORE_ERR_CONFIG, "%s: method '%s' is listed twice",
                                  core_config_where(cfg, "meta", "method", where, sizeof where), methods[i]);
                goto fail;
            }
        if (m == META_MH && !(s->measure <= ST_META_RD)) {
            st = core_err_set(err, CORE_ERR_CONFIG,
                              "%s: mh (Mantel-Haenszel) pools 2x2 tables; it needs measure = RR, OR or RD (measure is "
                              "%s)",
                              core_config_where(cfg, "meta", "method", where, sizeof where),
                              measure_words[s->measure]);
            goto fail;
        }
        s->methods[s->n_methods++] = (meta_method)m;
    }
    core_config_list_free(methods);
    return CORE_OK;
fail:
    core_config_list_free(methods);
    meta_spec_free(s);
    return st;
}
