/* [trial] and [outcome:*] into an rct_spec. */
#include "rct/rct.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Copy an optional value (NULL stays NULL); CORE_ERR_NOMEM only when a copy was needed and failed. */
static core_status opt_dup(const char *s, char **out, core_err *err)
{
    *out = NULL;
    if (s && !(*out = strdup(s)))
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    return CORE_OK;
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
        free(o->yes);
        free(o->no);
        free(o->primary_timepoint);
        core_config_list_free(o->timepoints);
        core_config_list_free(o->covariates);
    }
    free(s->outcomes);
    core_config_list_free(s->treatments);
    core_config_list_free(s->subgroups);
    core_config_list_free(s->categorical);
    free(s->received);
    free(s->power.outcome);
    free(s->power.timepoint);
    free(s->power.effects);
    free(s->power.n);
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

/* A list of numbers, or a grid "start:stop:step" (inclusive), from [section] key. */
static core_status number_list(const core_config *cfg, const char *sec, const char *key, int whole, double lo,
                               double **out, size_t *n, core_err *err)
{
    char where[600], **items = NULL;
    size_t m = 0;
    *out = NULL;
    *n = 0;
    core_status st = core_config_list(cfg, sec, key, 0, &items, &m, err);
    if (st != CORE_OK)
        return st;
    core_config_where(cfg, sec, key, where, sizeof where);
    double a, b, c;
    char *c1, *c2;
    if (m == 1 && (c1 = strchr(items[0], ':')) && (c2 = strchr(c1 + 1, ':'))) {
        *c1 = *c2 = '\0';
        if (!core_parse_double(items[0], '.', &a) || !core_parse_double(c1 + 1, '.', &b) ||
            !core_parse_double(c2 + 1, '.', &c) || !(c > 0) || b < a || (b - a) / c > 10000) {
            core_config_list_free(items);
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: a grid is start:stop:step with start <= stop, step > 0 and at most 10000 points",
                                where);
        }
        size_t k = (size_t)floor((b - a) / c + 1e-9) + 1;
        if (!(*out = malloc(k * sizeof **out))) {
            core_config_list_free(items);
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
        for (size_t i = 0; i < k; i++)
            (*out)[i] = a + (double)i * c;
        *n = k;
    } else {
        if (m && !(*out = malloc(m * sizeof **out))) {
            core_config_list_free(items);
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
        for (size_t i = 0; i < m; i++)
            if (!core_parse_double(items[i], '.', &(*out)[i])) {
                st = core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not a number", where, items[i]);
                break;
            }
        *n = m;
    }
    core_config_list_free(items);
    for (size_t i = 0; st == CORE_OK && i < *n; i++)
        if ((whole && (*out)[i] != floor((*out)[i])) || (*out)[i] < lo)
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: value %.15g must be %s%s %g", where, (*out)[i],
                              whole ? "a whole number" : "a number", whole ? " of at least" : " of at least", lo);
    if (st != CORE_OK) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return st;
}

/* [power]: design of the next trial (rct_power.c simulates it). */
static core_status power_spec(const core_config *cfg, rct_spec *s, core_err *err)
{
    rct_power_spec *p = &s->power;
    p->control = p->sd = NAN;
    if (!core_config_has_section(cfg, "power"))
        return CORE_OK;
    p->enabled = 1;
    core_status st;
    char where[600];
    const char *v;
    if ((v = core_config_str(cfg, "power", "outcome", NULL)) && !(p->outcome = strdup(v)))
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    if ((v = core_config_str(cfg, "power", "timepoint", NULL)) && !(p->timepoint = strdup(v)))
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    if ((st = number_list(cfg, "power", "effect", 0, -INFINITY, &p->effects, &p->n_effects, err)) != CORE_OK)
        return st;
    if (p->n_effects == 0)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: key 'effect' is required: the true effect(s) to detect (a risk difference such as "
                            "0.10 for a binary outcome, a mean difference for a continuous one)",
                            core_config_where(cfg, "power", NULL, where, sizeof where));
    double *nn = NULL;
    size_t n_n = 0;
    if ((st = number_list(cfg, "power", "n", 1, 4, &nn, &n_n, err)) != CORE_OK)
        return st;
    if (n_n == 0) {
        free(nn);
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: key 'n' is required: the total sample sizes, a list (200, 300) or a grid "
                            "(100:800:50)",
                            core_config_where(cfg, "power", NULL, where, sizeof where));
    }
    if (!(p->n = malloc(n_n * sizeof *p->n))) {
        free(nn);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n_n; i++)
        p->n[i] = (long)nn[i];
    p->n_n = n_n;
    free(nn);
    if (core_config_has(cfg, "power", "control") &&
        (st = core_config_double(cfg, "power", "control", NAN, 0, 1, 1, 1, &p->control, err)) != CORE_OK)
        return st;
    if (core_config_has(cfg, "power", "sd") &&
        (st = core_config_double(cfg, "power", "sd", NAN, 0, INFINITY, 1, 1, &p->sd, err)) != CORE_OK)
        return st;
    if ((st = core_config_double(cfg, "power", "alpha", 0.05, 0, 1, 1, 1, &p->alpha, err)) != CORE_OK ||
        (st = core_config_long(cfg, "power", "draws", 1000, 10, 1000000, &p->draws, err)) != CORE_OK ||
        (st = core_config_double(cfg, "power", "allocation", 0.5, 0, 1, 1, 1, &p->allocation, err)) != CORE_OK)
        return st;
    /* The outcome it plans for: named, else the primary one. */
    const rct_outcome_spec *o = NULL;
    for (size_t k = 0; k < s->n_outcomes && !o; k++)
        if (p->outcome ? strcasecmp(s->outcomes[k].name, p->outcome) == 0 : s->outcomes[k].primary)
            o = &s->outcomes[k];
    if (!o && !p->outcome && s->n_outcomes == 1)
        o = &s->outcomes[0];
    if (!o) {
        char names[400] = "";
        for (size_t k = 0; k < s->n_outcomes; k++)
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", k ? ", " : "", s->outcomes[k].name);
        return core_err_set(err, CORE_ERR_CONFIG, "%s: %s; the outcomes are: %s",
                            core_config_where(cfg, "power", p->outcome ? "outcome" : NULL, where, sizeof where),
                            p->outcome ? "no [outcome:NAME] section has this name"
                                       : "say which outcome to plan for (outcome = NAME): no outcome has primary = yes",
                            names);
    }
    if (o->type == RCT_TIME_TO_EVENT)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: power by simulation covers binary and continuous outcomes; '%s' is time_to_event",
                            core_config_where(cfg, "power", p->outcome ? "outcome" : NULL, where, sizeof where),
                            o->name);
    free(p->outcome);
    if (!(p->outcome = strdup(o->name)))
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    if (p->timepoint) {
        int found = 0;
        for (size_t j = 0; j < o->n_timepoints && !found; j++)
            found = strcmp(o->timepoints[j], p->timepoint) == 0;
        if (!found)
            return core_err_set(err, CORE_ERR_CONFIG, "%s: outcome '%s' has no timepoint '%s'",
                                core_config_where(cfg, "power", "timepoint", where, sizeof where), o->name,
                                p->timepoint);
    }
    if (o->type == RCT_BINARY)
        for (size_t i = 0; i < p->n_effects; i++)
            if (!(fabs(p->effects[i]) < 1))
                return core_err_set(err, CORE_ERR_CONFIG,
                                    "%s: %.15g is not a risk difference (between -1 and 1) for binary outcome '%s'",
                                    core_config_where(cfg, "power", "effect", where, sizeof where), p->effects[i],
                                    o->name);
    return CORE_OK;
}

core_status rct_spec_from_config(const core_config *cfg, double confidence, rct_spec *s, core_err *err)
{
    memset(s, 0, sizeof *s);
    s->confidence = confidence;
    core_status st = CORE_OK;
    char where[600];
    if (!core_config_has_section(cfg, "trial"))
        return core_err_set(err, CORE_ERR_CONFIG, "%s: no [trial] section; the trial analysis needs one",
                            core_config_path(cfg));
    const char *layout = core_config_str(cfg, "trial", "layout", "wide");
    if (strcasecmp(layout, "wide") != 0) {
        if (strcasecmp(layout, "long") == 0)
            goto layout_ok; /* long: rct_long_spec_read / rct_long_reshape (rct/rct_long.c) make it wide */
        return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not valid; use wide or long",
                            core_config_where(cfg, "trial", "layout", where, sizeof where), layout);
    }
layout_ok:
    TRY(opt_dup(core_config_str(cfg, "trial", "id", NULL), &s->id, err)); /* optional: one row per participant */
    TRY(req_dup(cfg, "trial", "arm", &s->arm, err));
    TRY(req_dup(cfg, "trial", "treatment", &s->treatment, err));
    TRY(req_dup(cfg, "trial", "control", &s->control, err));
    /* treatment = IPS, IPSE: a multi-arm trial, each intervention level compared with the control. */
    TRY(core_config_list(cfg, "trial", "treatment", 0, &s->treatments, &s->n_treatments, err));
    if (s->n_treatments == 0) {
        st = core_err_set(err, CORE_ERR_CONFIG, "%s: give the intervention level(s) of the arm column",
                          core_config_where(cfg, "trial", "treatment", where, sizeof where));
        goto fail;
    }
    free(s->treatment);
    if (!(s->treatment = strdup(s->treatments[0]))) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto fail;
    }
    for (size_t a = 0; a < s->n_treatments; a++) {
        if (strcmp(s->treatments[a], s->control) == 0) {
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: the treatment and control levels are both '%s'",
                              core_config_where(cfg, "trial", "control", where, sizeof where), s->control);
            goto fail;
        }
        for (size_t b = 0; b < a; b++)
            if (strcmp(s->treatments[a], s->treatments[b]) == 0) {
                st = core_err_set(err, CORE_ERR_CONFIG, "%s: level '%s' is listed twice",
                                  core_config_where(cfg, "trial", "treatment", where, sizeof where),
                                  s->treatments[a]);
                goto fail;
            }
    }
    TRY(opt_dup(core_config_str(cfg, "trial", "site", NULL), &s->site, err));
    TRY(core_config_list(cfg, "trial", "covariates", 0, &s->covariates, &s->n_covariates, err));
    TRY(core_config_list(cfg, "trial", "timepoints", 0, &s->timepoints, &s->n_timepoints, err));
    TRY(core_config_list(cfg, "trial", "subgroups", 0, &s->subgroups, &s->n_subgroups, err));
    TRY(core_config_list(cfg, "trial", "categorical", 0, &s->categorical, &s->n_categorical, err));
    TRY(opt_dup(core_config_str(cfg, "trial", "received", NULL), &s->received, err));
    static const char *const mult[] = {"none", "holm", "bh", NULL};
    TRY(core_config_choice(cfg, "trial", "multiplicity", mult, 0, &s->multiplicity, err));
    TRY(core_config_bool(cfg, "trial", "standardised_differences", 0, &s->standardised_differences, err));

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
        TRY(opt_dup(core_config_str(cfg, sec, "baseline", NULL), &o->baseline, err));
        TRY(opt_dup(core_config_str(cfg, sec, "yes", NULL), &o->yes, err));
        TRY(opt_dup(core_config_str(cfg, sec, "no", NULL), &o->no, err));
        if ((o->yes != NULL) != (o->no != NULL) || (o->yes && (o->type != RCT_BINARY || !*o->yes || !*o->no ||
                                                              strcasecmp(o->yes, o->no) == 0))) {
            st = core_err_set(err, CORE_ERR_CONFIG,
                              "%s: yes and no go together, on a binary outcome, as two different words of the data "
                              "(e.g. yes = Ja, no = Nei)",
                              core_config_where(cfg, sec, o->yes ? "yes" : "no", where, sizeof where));
            goto fail;
        }
        if (!o->label) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto fail;
        }
        TRY(core_config_bool(cfg, sec, "primary", 0, &o->primary, err));
        TRY(core_config_bool(cfg, sec, "adjust", 1, &o->adjust, err));
        TRY(opt_dup(core_config_str(cfg, sec, "primary_timepoint", NULL), &o->primary_timepoint, err));
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
        if (o->n_columns == 0 && o->type != RCT_TIME_TO_EVENT) { /* time_to_event: time/event (rct_surv.c) */
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: key 'columns' is required: the outcome column(s)",
                              core_config_where(cfg, sec, NULL, where, sizeof where));
            goto fail;
        }
        TRY(core_config_list(cfg, sec, "timepoints", 0, &o->timepoints, &o->n_timepoints, err));
        o->has_covariates = core_config_has(cfg, sec, "covariates");
        TRY(core_config_list(cfg, sec, "covariates", 0, &o->covariates, &o->n_covariates, err));
        if (o->n_timepoints > 0) {
            /* the outcome's own timepoints: e.g. questionnaires at 6 and 12 months in a 6/12/18 trial */
            if (o->n_timepoints != o->n_columns) {
                st = core_err_set(err, CORE_ERR_CONFIG,
                                  "%s: %zu timepoints are given for %zu column(s); give one timepoint per column, in "
                                  "the same order",
                                  core_config_where(cfg, sec, "timepoints", where, sizeof where), o->n_timepoints,
                                  o->n_columns);
                goto fail;
            }
        } else if (o->n_columns > 1 && o->n_columns != s->n_timepoints) {
            st = core_err_set(err, CORE_ERR_CONFIG,
                              "%s: %zu columns are given but [trial] timepoints lists %zu; give one column per "
                              "timepoint, in the same order",
                              core_config_where(cfg, sec, "columns", where, sizeof where), o->n_columns,
                              s->n_timepoints);
            goto fail;
        } else if (o->n_columns > 1) {
            core_config_list_free(o->timepoints);
            if (!(o->timepoints = calloc(o->n_columns + 1, sizeof *o->timepoints))) {
                st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                goto fail;
            }
            for (size_t j = 0; j < o->n_columns; j++)
                if (!(o->timepoints[j] = strdup(s->timepoints[j]))) {
                    st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                    goto fail;
                }
            o->n_timepoints = o->n_columns;
        }
    }
    /* the primary timepoint: on the primary outcome, one of its timepoints; required with a multiplicity adjustment
     * when the primary outcome has several timepoints (else which test is primary is not declared) */
    for (size_t k = 0; k < s->n_outcomes; k++) {
        rct_outcome_spec *o = &s->outcomes[k];
        if (o->primary_timepoint && o->n_columns == 1 && o->n_timepoints == 0 && o->type != RCT_TIME_TO_EVENT) {
            /* the long layout: the timepoints are known once the file is read (rct_long_reshape) */
        } else if (o->primary_timepoint) {
            if (!o->primary) {
                st = core_err_set(err, CORE_ERR_CONFIG, "%s: primary_timepoint is for the primary outcome "
                                  "(primary = yes); this one is secondary: remove the key",
                                  core_config_where(cfg, o->section, "primary_timepoint", where, sizeof where));
                goto fail;
            }
            int found = 0;
            for (size_t j = 0; j < o->n_columns && !found; j++)
                found = rct_outcome_timepoint(o, j) && strcmp(rct_outcome_timepoint(o, j), o->primary_timepoint) == 0;
            if (!found) {
                char list[600] = "";
                for (size_t j = 0; j < o->n_columns; j++)
                    if (rct_outcome_timepoint(o, j))
                        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", j ? ", " : "",
                                 rct_outcome_timepoint(o, j));
                st = core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not a timepoint of outcome '%s'; give one of: %s",
                                  core_config_where(cfg, o->section, "primary_timepoint", where, sizeof where),
                                  o->primary_timepoint, o->name, list[0] ? list : "(it has no timepoints)");
                goto fail;
            }
        } else if (o->primary && o->n_columns > 1 && s->multiplicity != 0) {
            st = core_err_set(err, CORE_ERR_CONFIG,
                              "%s: the primary outcome '%s' is measured at %zu timepoints and [trial] multiplicity "
                              "is set: say which timepoint is the primary one (primary_timepoint = %s, say); its "
                              "other timepoints join the secondary family",
                              core_config_where(cfg, o->section, NULL, where, sizeof where), o->name, o->n_columns,
                              rct_outcome_timepoint(o, o->n_columns - 1) ? rct_outcome_timepoint(o, o->n_columns - 1)
                                                                         : "?");
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
    TRY(power_spec(cfg, s, err));
    return CORE_OK;
fail:
    rct_spec_free(s);
    return st;
}

const char *rct_outcome_timepoint(const rct_outcome_spec *o, size_t j)
{
    return o->timepoints && j < o->n_timepoints ? o->timepoints[j] : NULL;
}
