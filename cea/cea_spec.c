/* [cea]: columns, months, discount rates, reference, willingness to pay, bootstrap; checked against each other.
 * Every message names "file:line: key 'x' in [cea]" and what would be valid. */
#include "cea/cea.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEC "cea"

static const char *where(const core_config *cfg, const char *key, char *b, size_t n)
{
    return core_config_where(cfg, SEC, key, b, n);
}

/* A list of months: numbers, increasing; strictly positive when positive = 1, else >= 0. */
static core_status months(const core_config *cfg, const char *key, size_t n_expected, const char *of, int positive,
                          double *out, core_err *err)
{
    char **items = NULL, w[600];
    size_t n = 0;
    core_status st = core_config_list(cfg, SEC, key, 0, &items, &n, err);
    if (st != CORE_OK)
        return st;
    if (n != n_expected) {
        core_config_list_free(items);
        return core_err_set(err, CORE_ERR_CONFIG, "%s: %zu month(s) given for %zu %s column(s); give one month per "
                            "column, in the same order", where(cfg, key, w, sizeof w), n, n_expected, of);
    }
    for (size_t j = 0; j < n; j++) {
        double m;
        if (!core_parse_double(items[j], '.', &m) || !isfinite(m) || m < 0 || (positive && m == 0) ||
            (j > 0 && !(m > out[j - 1]))) {
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' (item %zu) is not valid; the months must be numbers "
                              "%s, in increasing order", where(cfg, key, w, sizeof w), items[j], j + 1,
                              positive ? "above 0 (the end of each cost period)" : "from 0 (the baseline) on");
            break;
        }
        out[j] = m;
    }
    core_config_list_free(items);
    return st;
}

static core_status read_wtp(const core_config *cfg, cea_spec *s, core_err *err)
{
    char w[600];
    const char *v = core_config_str(cfg, SEC, "wtp", "0:100000:1000");
    double a, b, step;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", v);
    char *p1 = strchr(buf, ':'), *p2 = p1 ? strchr(p1 + 1, ':') : NULL;
    if (p1 && p2) {
        *p1 = *p2 = '\0';
        if (strchr(p2 + 1, ':') || !core_parse_double(buf, '.', &a) || !core_parse_double(p1 + 1, '.', &b) ||
            !core_parse_double(p2 + 1, '.', &step))
            return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not start:stop:step (e.g. 0:100000:1000)",
                                where(cfg, "wtp", w, sizeof w), v);
        if (!(step > 0) || !(b >= a) || !(a >= 0) || !isfinite(b))
            return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' gives an empty willingness-to-pay grid; need 0 <= "
                                "start <= stop and step > 0", where(cfg, "wtp", w, sizeof w), v);
        double cnt = floor((b - a) / step + 1e-9) + 1;
        if (cnt > CEA_MAX_WTP)
            return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' gives %.0f points; at most %d",
                                where(cfg, "wtp", w, sizeof w), v, cnt, CEA_MAX_WTP);
        s->n_wtp = (size_t)cnt;
        if (!(s->wtp = malloc(s->n_wtp * sizeof *s->wtp)))
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        for (size_t i = 0; i < s->n_wtp; i++)
            s->wtp[i] = a + step * (double)i;
        return CORE_OK;
    }
    char **items = NULL;
    size_t n = 0;
    core_status st = core_config_list(cfg, SEC, "wtp", 0, &items, &n, err);
    if (st != CORE_OK)
        return st;
    if (n == 0 || n > CEA_MAX_WTP || !(s->wtp = malloc(n * sizeof *s->wtp))) {
        core_config_list_free(items);
        if (n == 0 || n > CEA_MAX_WTP)
            return core_err_set(err, CORE_ERR_CONFIG, "%s: give start:stop:step (e.g. 0:100000:1000) or a list of "
                                "1 to %d values", where(cfg, "wtp", w, sizeof w), CEA_MAX_WTP);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        if (!core_parse_double(items[i], '.', &s->wtp[i]) || !(s->wtp[i] >= 0) || !isfinite(s->wtp[i])) {
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not a willingness to pay (a number >= 0)",
                              where(cfg, "wtp", w, sizeof w), items[i]);
            break;
        }
    s->n_wtp = n;
    core_config_list_free(items);
    return st;
}

core_status cea_spec_from_config(const core_config *cfg, double confidence, cea_spec *s, core_err *err)
{
    memset(s, 0, sizeof *s);
    s->adjust_site = -1;
    s->confidence = confidence;
    char w[600];
    core_status st;
    if (!core_config_has_section(cfg, "trial")) {
        int line = core_config_line(cfg, SEC, NULL);
        return core_err_set(err, CORE_ERR_CONFIG, "%s:%d: [cea] needs a [trial] section: the options are the levels "
                            "of the trial's arm (data = FILE in [cea] is joined on the trial's id)",
                            core_config_path(cfg), line);
    }
    if ((st = core_config_list(cfg, SEC, "costs", 0, &s->costs, &s->n_costs, err)) != CORE_OK ||
        (st = core_config_list(cfg, SEC, "utilities", 0, &s->utils, &s->n_utils, err)) != CORE_OK)
        goto fail;
    if (s->n_costs == 0) {
        st = core_err_set(err, CORE_ERR_CONFIG, "%s: give the cost column of each period, e.g. costs = cost6, cost12, "
                          "cost18 (with cost_months = 6, 12, 18)", where(cfg, "costs", w, sizeof w));
        goto fail;
    }
    if (s->n_utils < 2) {
        st = core_err_set(err, CORE_ERR_CONFIG, "%s: give at least two utility columns, the baseline first, e.g. "
                          "utilities = u0, u6, u12, u18 (with utility_months = 0, 6, 12, 18)",
                          where(cfg, "utilities", w, sizeof w));
        goto fail;
    }
    if (s->n_costs > CEA_MAX_COLS || s->n_utils > CEA_MAX_COLS) {
        st = core_err_set(err, CORE_ERR_CONFIG, "%s: at most %d columns",
                          where(cfg, s->n_costs > CEA_MAX_COLS ? "costs" : "utilities", w, sizeof w), CEA_MAX_COLS);
        goto fail;
    }
    if ((st = months(cfg, "cost_months", s->n_costs, "cost", 1, s->cost_months, err)) != CORE_OK ||
        (st = months(cfg, "utility_months", s->n_utils, "utility", 0, s->util_months, err)) != CORE_OK)
        goto fail;
    if (s->cost_months[s->n_costs - 1] != s->util_months[s->n_utils - 1]) {
        st = core_err_set(err, CORE_ERR_CONFIG, "%s: the last cost month (%g) and the last utility month (%g) differ; "
                          "costs and QALYs must cover the same horizon", where(cfg, "cost_months", w, sizeof w),
                          s->cost_months[s->n_costs - 1], s->util_months[s->n_utils - 1]);
        goto fail;
    }
    if ((st = core_config_double(cfg, SEC, "discount_costs", 0.035, 0, 1, 0, 0, &s->r_cost, err)) != CORE_OK ||
        (st = core_config_double(cfg, SEC, "discount_effects", 0.035, 0, 1, 0, 0, &s->r_effect, err)) != CORE_OK ||
        (st = core_config_long(cfg, SEC, "bootstrap", 2000, 0, 1000000, &s->bootstrap, err)) != CORE_OK ||
        (st = core_config_double(cfg, SEC, "utility_min", -0.624, -10, 0.999, 0, 0, &s->utility_min, err)) !=
            CORE_OK ||
        (st = core_config_bool(cfg, SEC, "allow_negative", 0, &s->allow_negative, err)) != CORE_OK)
        goto fail;
    if (s->bootstrap > 0 && s->bootstrap < 100) {
        st = core_err_set(err, CORE_ERR_CONFIG, "%s: %ld resamples are too few for intervals; give 0 (no bootstrap) "
                          "or at least 100 (1000 or more for BCa intervals)", where(cfg, "bootstrap", w, sizeof w),
                          s->bootstrap);
        goto fail;
    }
    if (core_config_has(cfg, SEC, "adjust_site") &&
        (st = core_config_bool(cfg, SEC, "adjust_site", 1, &s->adjust_site, err)) != CORE_OK)
        goto fail;
    static const char *const missing_kinds[] = {"complete_cases", "mi", NULL};
    int mk = 0;
    if ((st = core_config_choice(cfg, SEC, "missing_data", missing_kinds, 0, &mk, err)) != CORE_OK)
        goto fail;
    if (mk == 1) {
        st = core_err_set(err, CORE_ERR_NOT_BUILT, "%s: multiple imputation of costs and utilities is not available "
                          "in this version; use missing_data = complete_cases (the default)",
                          where(cfg, "missing_data", w, sizeof w));
        goto fail;
    }
    s->reference = core_config_str(cfg, SEC, "reference", NULL);
    s->has_data = core_config_has(cfg, SEC, "data");
    if ((st = read_wtp(cfg, s, err)) != CORE_OK)
        goto fail;
    /* default threshold: the middle of the grid */
    if ((st = core_config_double(cfg, SEC, "threshold", s->wtp[s->n_wtp / 2], 0, INFINITY, 0, 1, &s->threshold,
                                 err)) != CORE_OK)
        goto fail;
    return CORE_OK;
fail:
    cea_spec_free(s);
    return st;
}

void cea_spec_free(cea_spec *s)
{
    core_config_list_free(s->costs);
    core_config_list_free(s->utils);
    free(s->wtp);
    s->costs = s->utils = NULL;
    s->wtp = NULL;
}

double cea_discounted_cost(const double *cost, const double *months, size_t n, double r)
{
    double total = 0;
    for (size_t j = 0; j < n; j++) {
        double start = j ? months[j - 1] : 0;
        total += cost[j] * pow(1 + r, -floor(start / 12));
    }
    return total;
}

double cea_qalys(const double *u, const double *months, size_t n, double r)
{
    double total = 0;
    for (size_t j = 0; j + 1 < n; j++) {
        double a = months[j], b = months[j + 1];
        total += (b - a) / 12 * (u[j] + u[j + 1]) / 2 * pow(1 + r, -floor(a / 12));
    }
    return total;
}
