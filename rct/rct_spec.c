/* [trial] and [outcome:*] into an rct_spec. */
#include "rct.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

void rct_spec_free(rct_spec *s)
{
    if (!s)
        return;
    free(s->id);
    free(s->arm);
    free(s->treatment);
    free(s->control);
    free(s->site);
    core_config_list_free(s->covariates);
    core_config_list_free(s->timepoints);
    for (size_t k = 0; k < s->n_outcomes; k++) {
        rct_outcome_spec *o = &s->outcomes[k];
        free(o->name);
        free(o->section);
        free(o->label);
        core_config_list_free(o->columns);
        free(o->baseline);
    }
    free(s->outcomes);
    memset(s, 0, sizeof *s);
}

#define TRY(x)                                                                                                     \
    do {                                                                                                           \
        if ((st = (x)) != CORE_OK)                                                                                 \
            goto fail;                                                                                             \
    } while (0)

static core_status req_dup(const core_config *cfg, const char *sec, const char *key, char **out, core_err *err)
{
    const char *v;
    core_status st = core_config_str_req(cfg, sec, key, &v, err);
    if (st != CORE_OK)
        return st;
    if (!(*out = strdup(v)))
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    return CORE_OK;
}

core_status rct_spec_from_config(const core_config *cfg, rct_spec *s, core_err *err)
{
    memset(s, 0, sizeof *s);
    core_status st = CORE_OK;
    char where[600];
    if (!core_config_has_section(cfg, "trial"))
        return core_err_set(err, CORE_ERR_CONFIG, "%s: no [trial] section; the trial analysis needs one",
                            core_config_path(cfg));
    const char *layout = core_config_str(cfg, "trial", "layout", "wide");
    if (strcasecmp(layout, "wide") != 0) {
        if (strcasecmp(layout, "long") == 0)
            return core_err_set(err, CORE_ERR_NOT_BUILT,
                                "%s: layout = long is not available in this version; give one row per participant "
                                "(layout = wide) with one outcome column per timepoint",
                                core_config_where(cfg, "trial", "layout", where, sizeof where));
        return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not valid; use wide or long",
                            core_config_where(cfg, "trial", "layout", where, sizeof where), layout);
    }
    s->id = dup_or_null(core_config_str(cfg, "trial", "id", NULL)); /* optional: one row per participant */
    TRY(req_dup(cfg, "trial", "arm", &s->arm, err));
    TRY(req_dup(cfg, "trial", "treatment", &s->treatment, err));
    TRY(req_dup(cfg, "trial", "control", &s->control, err));
    if (strcmp(s->treatment, s->control) == 0) {
        st = core_err_set(err, CORE_ERR_CONFIG, "%s: the treatment and control levels are both '%s'",
                          core_config_where(cfg, "trial", "control", where, sizeof where), s->control);
        goto fail;
    }
    s->site = dup_or_null(core_config_str(cfg, "trial", "site", NULL));
    TRY(core_config_list(cfg, "trial", "covariates", 0, &s->covariates, &s->n_covariates, err));
    TRY(core_config_list(cfg, "trial", "timepoints", 0, &s->timepoints, &s->n_timepoints, err));
    TRY(core_config_double(cfg, "project", "confidence", 0.95, 0, 1, 1, 1, &s->confidence, err));

    size_t n_sec = core_config_n_sections(cfg);
    for (size_t i = 0; i < n_sec; i++) {
        const char *sec = core_config_section_name(cfg, i);
        if (strncasecmp(sec, "outcome:", 8) != 0)
            continue;
        rct_outcome_spec *os = realloc(s->outcomes, (s->n_outcomes + 1) * sizeof *os);
        if (!os) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto fail;
        }
        s->outcomes = os;
        rct_outcome_spec *o = &os[s->n_outcomes++];
        memset(o, 0, sizeof *o);
        o->section = strdup(sec);
        o->name = strdup(sec + 8);
        if (!o->section || !o->name) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto fail;
        }
        static const char *const types[] = {"binary", "continuous", "time_to_event", NULL};
        int ty;
        TRY(core_config_choice(cfg, sec, "type", types, -1, &ty, err));
        if (ty < 0) {
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: key 'type' is required (binary, continuous or time_to_event)",
                              core_config_where(cfg, sec, NULL, where, sizeof where));
            goto fail;
        }
        o->type = (rct_outcome_type)ty;
        o->label = strdup(core_config_str(cfg, sec, "label", o->name));
        o->baseline = dup_or_null(core_config_str(cfg, sec, "baseline", NULL));
        if (!o->label) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto fail;
        }
        TRY(core_config_bool(cfg, sec, "primary", 0, &o->primary, err));
        if (core_config_has(cfg, sec, "column") && !core_config_has(cfg, sec, "columns")) {
            TRY(core_config_list(cfg, sec, "column", 0, &o->columns, &o->n_columns, err));
            if (o->n_columns != 1) {
                st = core_err_set(err, CORE_ERR_CONFIG, "%s: give one column (use 'columns' for one per timepoint)",
                                  core_config_where(cfg, sec, "column", where, sizeof where));
                goto fail;
            }
        } else {
            TRY(core_config_list(cfg, sec, "columns", 0, &o->columns, &o->n_columns, err));
        }
        if (o->n_columns == 0) {
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: key 'columns' is required: the outcome column(s)",
                              core_config_where(cfg, sec, NULL, where, sizeof where));
            goto fail;
        }
        if (o->n_columns > 1 && o->n_columns != s->n_timepoints) {
            st = core_err_set(err, CORE_ERR_CONFIG,
                              "%s: %zu columns are given but [trial] timepoints lists %zu; give one column per "
                              "timepoint, in the same order",
                              core_config_where(cfg, sec, "columns", where, sizeof where), o->n_columns,
                              s->n_timepoints);
            goto fail;
        }
    }
    if (s->n_outcomes == 0) {
        st = core_err_set(err, CORE_ERR_CONFIG,
                          "%s: no [outcome:NAME] section; name at least one outcome (e.g. [outcome:employment] with "
                          "type = binary and columns = ...)",
                          core_config_path(cfg));
        goto fail;
    }
    return CORE_OK;
fail:
    rct_spec_free(s);
    return st;
}
