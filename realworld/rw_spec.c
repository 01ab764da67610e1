/* [registry] -> rw_spec (SPEC §2). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "realworld/rw.h"

const char *const rw_inference_names[RW_INF_COUNT + 1] = {"classical", "cr1", "cr1_areg", "cr1_xtreg", "cr1_gonly",
                                                          "cr2",       "wild", "ri",      NULL};

static char **dup_list(char **items, size_t n)
{
    char **o = calloc(n + 1, sizeof *o);
    if (!o)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (!(o[i] = strdup(items[i]))) {
            for (size_t k = 0; k < i; k++)
                free(o[k]);
            free(o);
            return NULL;
        }
    return o;
}

static void free_list(char **l, size_t n)
{
    if (!l)
        return;
    for (size_t i = 0; i < n; i++)
        free(l[i]);
    free(l);
}

void rw_spec_free(rw_spec *s)
{
    free(s->unit);
    free(s->time);
    free(s->cluster);
    free(s->treatment);
    free_list(s->outcomes, s->n_outcomes);
    free_list(s->fixed_effects, s->n_fe);
    free_list(s->controls, s->n_controls);
    free(s->nulls);
    free(s->spell_unit);
    free(s->spell_start);
    free(s->spell_end);
    free(s->spell_share);
    memset(s, 0, sizeof *s);
}

static core_status req_str(const core_config *cfg, const char *key, char **out, core_err *err)
{
    const char *v;
    core_status st = core_config_str_req(cfg, "registry", key, &v, err);
    if (st != CORE_OK)
        return st;
    if (!(*out = strdup(v)))
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    return CORE_OK;
}

static core_status list_key(const core_config *cfg, const char *key, char ***out, size_t *n, core_err *err)
{
    char **items = NULL;
    core_status st = core_config_list(cfg, "registry", key, 0, &items, n, err);
    if (st != CORE_OK)
        return st;
    *out = dup_list(items, *n);
    core_config_list_free(items);
    if (!*out)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    return CORE_OK;
}

core_status rw_spec_from_config(const core_config *cfg, double confidence, rw_spec *s, core_err *err)
{
    memset(s, 0, sizeof *s);
    s->confidence = confidence;
    core_status st;
    char where[600];
    if ((st = req_str(cfg, "unit", &s->unit, err)) != CORE_OK || (st = req_str(cfg, "time", &s->time, err)) != CORE_OK ||
        (st = req_str(cfg, "cluster", &s->cluster, err)) != CORE_OK ||
        (st = req_str(cfg, "treatment", &s->treatment, err)) != CORE_OK)
        goto fail;
    if ((st = list_key(cfg, "outcome", &s->outcomes, &s->n_outcomes, err)) != CORE_OK)
        goto fail;
    if (s->n_outcomes == 0) {
        st = core_err_set(err, CORE_ERR_CONFIG, "%s: no outcome: give the outcome column (e.g. outcome = workdays)",
                          core_config_where(cfg, "registry", NULL, where, sizeof where));
        goto fail;
    }
    if ((st = list_key(cfg, "fixed_effects", &s->fixed_effects, &s->n_fe, err)) != CORE_OK ||
        (st = list_key(cfg, "controls", &s->controls, &s->n_controls, err)) != CORE_OK)
        goto fail;
    if (!core_config_has(cfg, "registry", "fixed_effects")) {
        free_list(s->fixed_effects, s->n_fe);
        char *def[2] = {s->unit, s->time};
        if (!(s->fixed_effects = dup_list(def, 2))) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto fail;
        }
        s->n_fe = 2;
    }
    /* inference */
    if (core_config_has(cfg, "registry", "inference")) {
        char **items = NULL;
        size_t n = 0;
        if ((st = core_config_list(cfg, "registry", "inference", 0, &items, &n, err)) != CORE_OK)
            goto fail;
        for (size_t i = 0; i < n && st == CORE_OK; i++) {
            int k;
            for (k = 0; k < RW_INF_COUNT; k++)
                if (strcasecmp(items[i], rw_inference_names[k]) == 0)
                    break;
            if (k == RW_INF_COUNT)
                st = core_err_set(err, CORE_ERR_CONFIG,
                                  "%s: '%s' is not an inference method; valid: classical, cr1, cr1_areg, cr1_xtreg, "
                                  "cr1_gonly, cr2, wild, ri",
                                  core_config_where(cfg, "registry", "inference", where, sizeof where), items[i]);
            else
                s->inference[k] = 1;
        }
        core_config_list_free(items);
        if (st != CORE_OK)
            goto fail;
        if (n == 0) {
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: empty; name at least one method (e.g. cr1, cr2, wild, ri)",
                              core_config_where(cfg, "registry", "inference", where, sizeof where));
            goto fail;
        }
    } else {
        /* default: every inference side by side */
        s->inference[RW_INF_CLASSICAL] = s->inference[RW_INF_CR1] = s->inference[RW_INF_CR1_AREG] = 1;
        s->inference[RW_INF_CR2] = s->inference[RW_INF_WILD] = s->inference[RW_INF_RI] = 1;
    }
    if ((st = core_config_bool(cfg, "registry", "synthetic_control", 0, &s->synthetic_control, err)) != CORE_OK ||
        (st = core_config_long(cfg, "registry", "bootstrap", 9999, 99, 10000000, &s->bootstrap, err)) != CORE_OK)
        goto fail;
    static const char *const wnames[] = {"rademacher", "webb", NULL};
    static const char *const cgnames[] = {"never", "notyet", NULL};
    static const char *const bpnames[] = {"varying", "universal", NULL};
    if ((st = core_config_choice(cfg, "registry", "control_group", cgnames, 0, &s->cs_notyet, err)) != CORE_OK ||
        (st = core_config_choice(cfg, "registry", "base_period", bpnames, 0, &s->cs_universal, err)) != CORE_OK)
        goto fail;
    if ((st = core_config_choice(cfg, "registry", "weights", wnames, 0, &s->webb, err)) != CORE_OK)
        goto fail;
    if (core_config_has(cfg, "registry", "event_time")) {
        const char *v = core_config_str(cfg, "registry", "event_time", "");
        char buf[64];
        snprintf(buf, sizeof buf, "%s", v);
        char *colon = strchr(buf + 1, ':'); /* skip a leading minus */
        long lo, hi;
        if (colon)
            *colon = 0;
        if (!colon || !core_parse_long(buf, &lo) || !core_parse_long(colon + 1, &hi) || lo > -1 || hi < 0 ||
            hi - lo > 200) {
            st = core_err_set(err, CORE_ERR_CONFIG,
                              "%s: '%s' is not a window FIRST:LAST of periods relative to the first treated period "
                              "with FIRST <= -1 (the reference) and LAST >= 0, e.g. -5:4",
                              core_config_where(cfg, "registry", "event_time", where, sizeof where), v);
            goto fail;
        }
        s->has_event = 1;
        s->event_lo = lo;
        s->event_hi = hi;
    }
    if (core_config_has(cfg, "registry", "null_values")) {
        char **items = NULL;
        size_t n = 0;
        if ((st = core_config_list(cfg, "registry", "null_values", 0, &items, &n, err)) != CORE_OK)
            goto fail;
        s->nulls = calloc(n + 1, sizeof *s->nulls);
        for (size_t i = 0; s->nulls && i < n && st == CORE_OK; i++)
            if (!core_parse_double(items[i], '.', &s->nulls[i]))
                st = core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not a number",
                                  core_config_where(cfg, "registry", "null_values", where, sizeof where), items[i]);
        s->n_nulls = n;
        core_config_list_free(items);
        if (!s->nulls && st == CORE_OK)
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        if (st != CORE_OK)
            goto fail;
    }
    s->has_spells = core_config_has(cfg, "registry", "spells");
    const char *su = core_config_str(cfg, "registry", "spell_unit", s->unit);
    s->spell_unit = strdup(su);
    s->spell_start = strdup(core_config_str(cfg, "registry", "spell_start", "start"));
    s->spell_end = strdup(core_config_str(cfg, "registry", "spell_end", "end"));
    s->spell_share = strdup(core_config_str(cfg, "registry", "spell_share", "share"));
    if (!s->spell_unit || !s->spell_start || !s->spell_end || !s->spell_share) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto fail;
    }
    /* with spells, the first outcome is computed from them; any others come from the panel */
    return CORE_OK;
fail:
    rw_spec_free(s);
    return st;
}
