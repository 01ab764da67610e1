/* The inputs of the model: defaults, [cba] and [markov] from the config, and validation.
 * Every config error names "file:line: key 'x' in [cba]" and what would be valid. */
#include "cba.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/core_table.h"

#define SEC "cba"

/* Valid range of each parameter (cost floors move to -Inf with allow_negative_cost). */
static const struct {
    double lo, hi;
    int lo_open;
    const char *what;
} range[CBA_N_PARAMS] = {
    [CBA_COST_IPS] = {0, INFINITY, 0, "a programme cost"},
    [CBA_COST_CONTROL] = {0, INFINITY, 0, "a programme cost"},
    [CBA_WAGE] = {0, INFINITY, 0, "an annual wage"},
    [CBA_EMPLOYER_CONTRIBUTIONS] = {0, 1, 0, "a share of the wage"},
    [CBA_TAX_RATE] = {0, 1, 0, "an average tax rate"},
    [CBA_BENEFIT] = {0, INFINITY, 0, "an annual benefit"},
    [CBA_BENEFIT_REDUCTION] = {0, 1, 0, "a share of the benefit"},
    [CBA_HEALTH_COST_CHANGE] = {-INFINITY, INFINITY, 0, "a yearly cost change"},
    [CBA_QALY_GAIN] = {-1, 1, 0, "QALYs per participant per year"},
    [CBA_VALUE_PER_QALY] = {0, INFINITY, 0, "a value per QALY"},
    [CBA_VALUE_PER_JOB_YEAR] = {0, INFINITY, 0, "a value per job-year"},
    [CBA_DISCOUNT_RATE] = {-1, INFINITY, 1, "a real discount rate"},
    [CBA_MCPF] = {0, 10, 0, "the marginal cost of public funds"},
};

void cba_param_range(const cba_spec *s, int p, double *lo, double *hi)
{
    *lo = range[p].lo;
    *hi = range[p].hi;
    if (range[p].lo_open)
        *lo = nextafter(*lo, INFINITY);
    if (s->allow_negative_cost && (p == CBA_COST_IPS || p == CBA_COST_CONTROL))
        *lo = -INFINITY;
}

void cba_spec_init(cba_spec *s)
{
    memset(s, 0, sizeof *s);
    s->value[CBA_BENEFIT_REDUCTION] = 1;
    s->n_effects = 3;
    s->effect_months[0] = 6;
    s->effect_months[1] = 12;
    s->effect_months[2] = 18;
    for (size_t k = 0; k < CBA_MAX_EFFECTS; k++)
        s->effect_se[k] = NAN;
    s->rules[0].kind = CBA_CONSTANT;
    s->n_rules = 1;
    s->horizon = 5;
    for (int p = 0; p < CBA_N_PERSPECTIVES; p++)
        s->perspectives[p] = 1;
    s->confidence = 0.95;
    s->root_tol = 1e-6;
    s->root_max_iter = 200;
    snprintf(s->intervention, sizeof s->intervention, "IPS");
    snprintf(s->comparator, sizeof s->comparator, "control");
}

void cba_spec_free(cba_spec *s)
{
    if (!s)
        return;
    free(s->wtp);
    s->wtp = NULL;
    s->n_wtp = 0;
    if (s->markov) {
        for (size_t j = 0; j < s->markov->n_states; j++)
            free(s->markov->states[j]);
        free(s->markov);
        s->markov = NULL;
    }
}

/* ---------------------------------------------------------------- validation of a filled spec */

core_status cba_spec_check(const cba_spec *s, core_err *err)
{
    for (int p = 0; p < CBA_N_PARAMS; p++) {
        double lo, hi, x = s->value[p];
        cba_param_range(s, p, &lo, &hi);
        if (!isfinite(x) || x < lo || x > hi) {
            if ((p == CBA_COST_IPS || p == CBA_COST_CONTROL) && x < 0 && isfinite(x))
                return core_err_set(err, CORE_ERR_CONFIG,
                                    "%s = %g: a programme cost is not negative; if it really is (a saving), set "
                                    "allow_negative_cost = yes",
                                    cba_param_key[p], x);
            return core_err_set(err, CORE_ERR_CONFIG, "%s = %g is outside the valid range %s%g, %g] (%s)",
                                cba_param_key[p], x, range[p].lo_open ? "(" : "[", range[p].lo, hi, range[p].what);
        }
        core_status st = cba_dist_check(&s->dist[p], lo, hi, err);
        if (st != CORE_OK) {
            core_err_prefix(err, "%s.dist", cba_param_key[p]);
            return st;
        }
    }
    if (s->horizon < 1 || s->horizon > CBA_MAX_HORIZON)
        return core_err_set(err, CORE_ERR_CONFIG, "horizon_years = %d: give a whole number of years from 1 to %d",
                            s->horizon, CBA_MAX_HORIZON);
    if (s->n_effects < 1 || s->n_effects > CBA_MAX_EFFECTS)
        return core_err_set(err, CORE_ERR_CONFIG, "effect: give 1 to %d effects", CBA_MAX_EFFECTS);
    for (size_t k = 0; k < s->n_effects; k++) {
        double m = s->effect_months[k];
        if (!(m > 0) || !isfinite(m) || (k > 0 && !(m > s->effect_months[k - 1])))
            return core_err_set(err, CORE_ERR_CONFIG,
                                "effect_months: months must be > 0 and strictly increasing (item %zu is %g)", k + 1, m);
        if (!isfinite(s->effect[k]) || s->effect[k] < -1 || s->effect[k] > 1)
            return core_err_set(err, CORE_ERR_CONFIG,
                                "effect at month %g is %g; an employment effect is a difference of proportions in "
                                "[-1, 1]",
                                m, s->effect[k]);
        if (s->effect_uncertain && !(s->effect_se[k] >= 0 && isfinite(s->effect_se[k])))
            return core_err_set(err, CORE_ERR_CONFIG, "effect_se at month %g is missing or invalid; the PSA draws the "
                                "effects from normal distributions with these standard errors", m);
    }
    if (s->effect_bootstrap && s->psa_draws > 0 && (s->boot_n == 0 || !s->boot_arm || !s->boot_y))
        return core_err_set(err, CORE_ERR_CONFIG, "effect.dist = bootstrap needs the trial's participant data");
    if (s->effect_months[s->n_effects - 1] > 12.0 * CBA_MAX_HORIZON)
        return core_err_set(err, CORE_ERR_CONFIG, "effect_months: the last month is beyond %d years", CBA_MAX_HORIZON);
    if (s->n_rules < 1 || s->n_rules > CBA_MAX_RULES)
        return core_err_set(err, CORE_ERR_CONFIG, "persistence: give 1 to %d rules", CBA_MAX_RULES);
    for (size_t r = 0; r < s->n_rules; r++)
        if (s->rules[r].kind != CBA_CONSTANT && !(s->rules[r].years > 0 && isfinite(s->rules[r].years)))
            return core_err_set(err, CORE_ERR_CONFIG, "persistence rule %zu needs a number of years > 0", r + 1);
    for (size_t k = 0; k < s->n_tax; k++) {
        if ((k == 0 && s->tax_threshold[0] != 0) || (k > 0 && !(s->tax_threshold[k] > s->tax_threshold[k - 1])) ||
            !isfinite(s->tax_threshold[k]))
            return core_err_set(err, CORE_ERR_CONFIG,
                                "tax_schedule: thresholds must start at 0 and increase (item %zu is %g)", k + 1,
                                s->tax_threshold[k]);
        if (!(s->tax_marginal[k] >= 0 && s->tax_marginal[k] <= 1))
            return core_err_set(err, CORE_ERR_CONFIG, "tax_schedule: marginal rate %g is outside [0, 1]",
                                s->tax_marginal[k]);
    }
    if (s->n_tax > CBA_MAX_TAX)
        return core_err_set(err, CORE_ERR_CONFIG, "tax_schedule: at most %d brackets", CBA_MAX_TAX);
    if (s->has_population && !(s->population > 0 && isfinite(s->population)))
        return core_err_set(err, CORE_ERR_CONFIG, "population = %g: give a number of people > 0", s->population);
    if (s->psa_draws < 0 || s->psa_draws > CBA_MAX_DRAWS)
        return core_err_set(err, CORE_ERR_CONFIG, "psa_draws = %ld: give 0 (no PSA) to %ld", s->psa_draws,
                            CBA_MAX_DRAWS);
    if (s->n_wtp < 1 || !s->wtp)
        return core_err_set(err, CORE_ERR_CONFIG, "wtp: the willingness-to-pay grid is empty; give start:stop:step "
                            "(e.g. 0:2000000:20000) or a list of values");
    for (size_t w = 0; w < s->n_wtp; w++)
        if (!(s->wtp[w] >= 0) || !isfinite(s->wtp[w]))
            return core_err_set(err, CORE_ERR_CONFIG, "wtp: %g is not a willingness to pay (>= 0)", s->wtp[w]);
    if (!(s->confidence > 0 && s->confidence < 1))
        return core_err_set(err, CORE_ERR_CONFIG, "confidence %g is outside (0, 1)", s->confidence);
    if (!(s->root_tol > 0) || s->root_max_iter < 1)
        return core_err_set(err, CORE_ERR_CONFIG, "root_tol must be > 0 and root_max_iter >= 1");
    const cba_markov_spec *m = s->markov;
    if (m) {
        size_t n = m->n_states;
        if (m->from_file[0] || m->from_file[1])
            return core_err_set(err, CORE_ERR_CONFIG, "[markov] transitions: the CSV matrix was not read");
        if (n < 2 || n > CBA_MAX_STATES)
            return core_err_set(err, CORE_ERR_CONFIG, "[markov] states: give 2 to %d states", CBA_MAX_STATES);
        if (m->cycles < 1 || m->cycles > CBA_MAX_HORIZON)
            return core_err_set(err, CORE_ERR_CONFIG, "[markov] cycles = %d: give 1 to %d", m->cycles, CBA_MAX_HORIZON);
        double sum = 0;
        for (size_t j = 0; j < n; j++) {
            if (!(m->start[j] >= 0))
                return core_err_set(err, CORE_ERR_CONFIG, "[markov] start: shares must be >= 0");
            sum += m->start[j];
        }
        if (fabs(sum - 1) > 1e-9)
            return core_err_set(err, CORE_ERR_CONFIG, "[markov] start: shares sum to %.10g, not 1", sum);
        for (int a = 0; a < 2; a++)
            for (size_t j = 0; j < n; j++) {
                sum = 0;
                for (size_t k = 0; k < n; k++) {
                    double x = m->p[a][j * n + k];
                    if (!(x >= 0 && x <= 1))
                        return core_err_set(err, CORE_ERR_CONFIG,
                                            "[markov] transitions.%s: row %zu (%s) has %g, not a probability",
                                            a ? "ips" : "control", j + 1, m->states[j], x);
                    sum += x;
                }
                if (fabs(sum - 1) > 1e-9)
                    return core_err_set(err, CORE_ERR_CONFIG,
                                        "[markov] transitions.%s: row %zu (%s) sums to %.10g, not 1",
                                        a ? "ips" : "control", j + 1, m->states[j], sum);
            }
        if (!(m->dirichlet_n >= 0) || !isfinite(m->dirichlet_n))
            return core_err_set(err, CORE_ERR_CONFIG, "[markov] dirichlet_n must be >= 0");
    }
    return CORE_OK;
}

/* ---------------------------------------------------------------- reading the config */

static const char *where(const core_config *cfg, const char *sec, const char *key, char *buf, size_t n)
{
    return core_config_where(cfg, sec, key, buf, n);
}

/* A list of numbers (all of them, strictly parsed). *n = 0 when the key is absent. */
static core_status num_list(const core_config *cfg, const char *sec, const char *key, double *out, size_t max,
                            size_t *n, core_err *err)
{
    char **items;
    size_t k;
    core_status st = core_config_list(cfg, sec, key, 0, &items, &k, err);
    if (st != CORE_OK)
        return st;
    char w[600];
    if (k > max) {
        core_config_list_free(items);
        return core_err_set(err, CORE_ERR_CONFIG, "%s: %zu values; at most %zu", where(cfg, sec, key, w, sizeof w), k,
                            max);
    }
    for (size_t i = 0; i < k; i++)
        if (!core_parse_double(items[i], '.', &out[i])) {
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: item %zu '%s' is not a number",
                              where(cfg, sec, key, w, sizeof w), i + 1, items[i]);
            core_config_list_free(items);
            return st;
        }
    core_config_list_free(items);
    *n = k;
    return CORE_OK;
}

/* One scalar parameter and its distribution. */
static core_status read_param(const core_config *cfg, cba_spec *s, int p, int required, core_err *err)
{
    const char *key = cba_param_key[p];
    char dkey[64], w[600];
    snprintf(dkey, sizeof dkey, "%s.dist", key);
    double lo, hi;
    cba_param_range(s, p, &lo, &hi);
    int has = core_config_has(cfg, SEC, key);
    if (has) {
        double x;
        core_status st = core_config_double(cfg, SEC, key, 0, -INFINITY, INFINITY, 0, 0, &x, err);
        if (st != CORE_OK)
            return st;
        if (x < lo || x > hi) {
            if ((p == CBA_COST_IPS || p == CBA_COST_CONTROL) && x < 0)
                return core_err_set(err, CORE_ERR_CONFIG,
                                    "%s: %g is negative, and a programme cost is not; if it really is (e.g. a net "
                                    "saving), set allow_negative_cost = yes in [cba]",
                                    where(cfg, SEC, key, w, sizeof w), x);
            return core_err_set(err, CORE_ERR_CONFIG, "%s: %g is outside the valid range %s%g, %g] for %s",
                                where(cfg, SEC, key, w, sizeof w), x, range[p].lo_open ? "(" : "[", range[p].lo,
                                range[p].hi, range[p].what);
        }
        s->value[p] = x;
        s->has[p] = 1;
    }
    if (core_config_has(cfg, SEC, dkey)) {
        cba_dist *d = &s->dist[p];
        core_status st = cba_dist_parse(core_config_str(cfg, SEC, dkey, ""), d, err);
        if (st == CORE_OK)
            st = cba_dist_check(d, lo, hi, err);
        if (st != CORE_OK) {
            core_err_prefix(err, "%s", where(cfg, SEC, dkey, w, sizeof w));
            return st;
        }
        double mean = cba_dist_mean(d);
        if (d->kind == CBA_DIST_FIXED) {
            if (isnan(d->p[0]) && !has)
                return core_err_set(err, CORE_ERR_CONFIG, "%s: 'fixed' needs a value: give %s, or write fixed(value)",
                                    where(cfg, SEC, dkey, w, sizeof w), key);
            if (!isnan(d->p[0]) && has && d->p[0] != s->value[p])
                return core_err_set(err, CORE_ERR_CONFIG, "%s: fixed(%g) disagrees with %s = %g; give one of them",
                                    where(cfg, SEC, dkey, w, sizeof w), d->p[0], key, s->value[p]);
            if (!has)
                s->value[p] = d->p[0];
        } else if (!has) {
            s->value[p] = mean; /* the base case is the distribution's mean */
        } else if ((d->kind == CBA_DIST_NORMAL || d->kind == CBA_DIST_LOGNORMAL || d->kind == CBA_DIST_GAMMA ||
                    d->kind == CBA_DIST_BETA) &&
                   fabs(mean - s->value[p]) > 1e-9 * fabs(s->value[p])) {
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: the distribution's mean %g disagrees with %s = %g; the deterministic analysis "
                                "uses the value and the PSA the distribution, so give one or make them agree",
                                where(cfg, SEC, dkey, w, sizeof w), mean, key, s->value[p]);
        }
        s->has[p] = 1;
    }
    if (required && !s->has[p])
        return core_err_set(err, CORE_ERR_CONFIG, "%s: is required but missing (%s)", where(cfg, SEC, key, w, sizeof w),
                            range[p].what);
    return CORE_OK;
}

static core_status read_wtp(const core_config *cfg, cba_spec *s, core_err *err)
{
    char w[600];
    const char *v = core_config_str(cfg, SEC, "wtp", NULL);
    double a, b, step;
    if (!v) {
        /* default: 0 to 3 x the value per QALY (or per job-year), 100 steps */
        double top = 3 * (s->value[CBA_VALUE_PER_QALY] > 0 ? s->value[CBA_VALUE_PER_QALY]
                                                           : s->value[CBA_WAGE] *
                                                                 (1 + s->value[CBA_EMPLOYER_CONTRIBUTIONS]));
        if (!(top > 0))
            top = 1;
        if (!(s->wtp = malloc(101 * sizeof(double))))
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        for (int i = 0; i <= 100; i++)
            s->wtp[i] = top * i / 100;
        s->n_wtp = 101;
        return CORE_OK;
    }
    const char *c1 = strchr(v, ':');
    if (c1) {
        char buf[256];
        snprintf(buf, sizeof buf, "%s", v);
        char *p1 = strchr(buf, ':');
        *p1 = '\0';
        char *p2 = strchr(p1 + 1, ':');
        if (p2)
            *p2++ = '\0';
        if (!p2 || strchr(p2, ':') || !core_parse_double(buf, '.', &a) || !core_parse_double(p1 + 1, '.', &b) ||
            !core_parse_double(p2, '.', &step))
            return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not start:stop:step (e.g. 0:2000000:20000)",
                                where(cfg, SEC, "wtp", w, sizeof w), v);
        if (!(step > 0) || !(b >= a) || !(a >= 0))
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: '%s' gives an empty willingness-to-pay grid; need 0 <= start <= stop and step > 0",
                                where(cfg, SEC, "wtp", w, sizeof w), v);
        double cnt = floor((b - a) / step + 1e-9) + 1;
        if (cnt > CBA_MAX_WTP)
            return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' gives %.0f points; at most %d",
                                where(cfg, SEC, "wtp", w, sizeof w), v, cnt, CBA_MAX_WTP);
        size_t n = (size_t)cnt;
        if (!(s->wtp = malloc(n * sizeof(double))))
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        for (size_t i = 0; i < n; i++)
            s->wtp[i] = a + step * (double)i;
        s->n_wtp = n;
        return CORE_OK;
    }
    double tmp[CBA_MAX_WTP > 1000 ? 1000 : CBA_MAX_WTP];
    size_t n = 0;
    core_status st = num_list(cfg, SEC, "wtp", tmp, sizeof tmp / sizeof tmp[0], &n, err);
    if (st != CORE_OK)
        return st;
    if (n == 0)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: the willingness-to-pay grid is empty; give start:stop:step (e.g. 0:2000000:20000) or "
                            "a list of values",
                            where(cfg, SEC, "wtp", w, sizeof w));
    for (size_t i = 0; i < n; i++)
        if (!(tmp[i] >= 0))
            return core_err_set(err, CORE_ERR_CONFIG, "%s: %g is not a willingness to pay (>= 0)",
                                where(cfg, SEC, "wtp", w, sizeof w), tmp[i]);
    if (!(s->wtp = malloc(n * sizeof(double))))
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    memcpy(s->wtp, tmp, n * sizeof(double));
    s->n_wtp = n;
    return CORE_OK;
}

static core_status read_effects(const core_config *cfg, cba_spec *s, core_err *err)
{
    char w[600];
    const char *ev;
    core_status st;
    if (!(ev = core_config_str(cfg, SEC, "effect", NULL)) || !*ev)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: is required; give 'trial' (the primary outcome's risk differences) or the employment "
                            "effects as numbers at effect_months (e.g. effect = 0.05, 0.095, 0.103)",
                            where(cfg, SEC, "effect", w, sizeof w));
    size_t nm = 0, ns = 0;
    double months[CBA_MAX_EFFECTS], se[CBA_MAX_EFFECTS];
    if ((st = num_list(cfg, SEC, "effect_months", months, CBA_MAX_EFFECTS, &nm, err)) != CORE_OK ||
        (st = num_list(cfg, SEC, "effect_se", se, CBA_MAX_EFFECTS, &ns, err)) != CORE_OK)
        return st;
    for (size_t k = 0; k < nm; k++)
        if (!(months[k] > 0) || (k > 0 && !(months[k] > months[k - 1])))
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: months since randomisation must be > 0 and strictly increasing (item %zu is %g)",
                                where(cfg, SEC, "effect_months", w, sizeof w), k + 1, months[k]);
    int dist = -1; /* effect.dist: 0 fixed, 1 normal */
    const char *dv = core_config_str(cfg, SEC, "effect.dist", NULL);
    if (dv) {
        if (strcasecmp(dv, "normal") == 0)
            dist = 1;
        else if (strcasecmp(dv, "fixed") == 0)
            dist = 0;
        else if (strcasecmp(dv, "bootstrap") == 0)
            dist = 2;
        else
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: '%s' is not valid; the effects take 'normal' (each effect ~ N(effect, se^2), se "
                                "from the trial or effect_se), 'bootstrap' (resample the trial's participants; with "
                                "effect = trial) or 'fixed'",
                                where(cfg, SEC, "effect.dist", w, sizeof w), dv);
    }
    if (strcasecmp(ev, "trial") == 0) {
        if (ns)
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: with effect = trial the standard errors come from the trial; remove effect_se",
                                where(cfg, SEC, "effect_se", w, sizeof w));
        s->effect_from_trial = 1;
        s->n_effects = nm; /* 0: every timepoint of the trial */
        memcpy(s->effect_months, months, nm * sizeof(double));
        s->effect_uncertain = dist == 1 || dist < 0;
        s->effect_bootstrap = dist == 2;
        return CORE_OK;
    }
    if (dist == 2)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: 'bootstrap' resamples the trial's participants, so it needs effect = trial; with "
                            "typed effects use normal (with effect_se) or fixed",
                            where(cfg, SEC, "effect.dist", w, sizeof w));
    double eff[CBA_MAX_EFFECTS];
    size_t ne = 0;
    if ((st = num_list(cfg, SEC, "effect", eff, CBA_MAX_EFFECTS, &ne, err)) != CORE_OK) {
        if (err)
            strncat(err->msg, "; effect is 'trial' or a list of employment effects (risk differences, e.g. 0.05, 0.095, "
                "0.103)", sizeof err->msg - strlen(err->msg) - 1);
        return st;
    }
    if (nm == 0) {
        static const double def[3] = {6, 12, 18};
        if (ne != 3)
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: %zu effects but no effect_months; give effect_months (months since randomisation "
                                "of each effect)",
                                where(cfg, SEC, "effect", w, sizeof w), ne);
        memcpy(months, def, sizeof def);
        nm = 3;
    }
    if (ne != nm)
        return core_err_set(err, CORE_ERR_CONFIG, "%s: %zu effects for %zu effect_months; give one effect per month",
                            where(cfg, SEC, "effect", w, sizeof w), ne, nm);
    if (ns && ns != ne)
        return core_err_set(err, CORE_ERR_CONFIG, "%s: %zu standard errors for %zu effects",
                            where(cfg, SEC, "effect_se", w, sizeof w), ns, ne);
    for (size_t k = 0; k < ne; k++) {
        if (!(eff[k] >= -1 && eff[k] <= 1))
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: %g is not an employment effect (a difference of proportions in [-1, 1])",
                                where(cfg, SEC, "effect", w, sizeof w), eff[k]);
        if (ns && !(se[k] >= 0))
            return core_err_set(err, CORE_ERR_CONFIG, "%s: %g is not a standard error (>= 0)",
                                where(cfg, SEC, "effect_se", w, sizeof w), se[k]);
    }
    if (dist == 1 && !ns)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: normal needs the effects' standard errors; give effect_se (one per effect)",
                            where(cfg, SEC, "effect.dist", w, sizeof w));
    s->n_effects = ne;
    memcpy(s->effect_months, months, nm * sizeof(double));
    memcpy(s->effect, eff, ne * sizeof(double));
    for (size_t k = 0; k < ne; k++)
        s->effect_se[k] = ns ? se[k] : NAN;
    s->effect_uncertain = ns && dist != 0;
    return CORE_OK;
}

static core_status read_tax_schedule(const core_config *cfg, cba_spec *s, core_err *err)
{
    char **items;
    size_t n;
    char w[600];
    core_status st = core_config_list(cfg, SEC, "tax_schedule", 0, &items, &n, err);
    if (st != CORE_OK)
        return st;
    if (n > CBA_MAX_TAX) {
        core_config_list_free(items);
        return core_err_set(err, CORE_ERR_CONFIG, "%s: at most %d brackets", where(cfg, SEC, "tax_schedule", w, sizeof w),
                            CBA_MAX_TAX);
    }
    for (size_t k = 0; k < n; k++) {
        char *c = strchr(items[k], ':');
        double thr, rate;
        if (c)
            *c = '\0';
        if (!c || !core_parse_double(items[k], '.', &thr) || !core_parse_double(c + 1, '.', &rate)) {
            st = core_err_set(err, CORE_ERR_CONFIG,
                              "%s: item %zu is not threshold:rate (e.g. 0:0.22, 300000:0.30 — marginal rates above "
                              "each threshold, the first threshold 0)",
                              where(cfg, SEC, "tax_schedule", w, sizeof w), k + 1);
            core_config_list_free(items);
            return st;
        }
        if ((k == 0 && thr != 0) || (k > 0 && !(thr > s->tax_threshold[k - 1])) || !(rate >= 0 && rate <= 1)) {
            core_config_list_free(items);
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: item %zu (%g:%g): thresholds start at 0 and increase, rates are in [0, 1]",
                                where(cfg, SEC, "tax_schedule", w, sizeof w), k + 1, thr, rate);
        }
        s->tax_threshold[k] = thr;
        s->tax_marginal[k] = rate;
    }
    core_config_list_free(items);
    s->n_tax = n;
    return CORE_OK;
}

static core_status read_markov(const core_config *cfg, cba_spec *s, core_err *err)
{
    static const char *M = "markov";
    char w[600];
    cba_markov_spec *m = calloc(1, sizeof *m);
    if (!m)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    s->markov = m;
    char **items;
    size_t n;
    core_status st = core_config_list(cfg, M, "states", 0, &items, &n, err);
    if (st != CORE_OK)
        return st;
    if (n < 2 || n > CBA_MAX_STATES) {
        core_config_list_free(items);
        return core_err_set(err, CORE_ERR_CONFIG, "%s: give 2 to %d states (e.g. waa, employed, disability, other)",
                            where(cfg, M, "states", w, sizeof w), CBA_MAX_STATES);
    }
    for (size_t j = 0; j < n; j++) {
        m->states[j] = items[j];
        items[j] = NULL;
        m->n_states = j + 1;
        for (size_t i = 0; i < j; i++)
            if (strcasecmp(m->states[i], m->states[j]) == 0) {
                core_config_list_free(items);
                return core_err_set(err, CORE_ERR_CONFIG, "%s: state '%s' is named twice",
                                    where(cfg, M, "states", w, sizeof w), m->states[j]);
            }
    }
    core_config_list_free(items);
    size_t k;
    static const char *const per_state[] = {"start", "earnings", "benefits", "health_costs", "fte"};
    double *dst[] = {m->start, m->earnings, m->benefits, m->health_costs, m->fte};
    for (int q = 0; q < 5; q++) {
        if ((st = num_list(cfg, M, per_state[q], dst[q], CBA_MAX_STATES, &k, err)) != CORE_OK)
            return st;
        if (k == 0) {
            for (size_t j = 0; j < n; j++)
                dst[q][j] = q == 0 ? (j == 0) : q == 4 ? strcasecmp(m->states[j], "employed") == 0 : 0;
            continue;
        }
        if (k != n)
            return core_err_set(err, CORE_ERR_CONFIG, "%s: %zu values for %zu states; give one per state, in the order "
                                "of 'states'", where(cfg, M, per_state[q], w, sizeof w), k, n);
        for (size_t j = 0; j < n; j++)
            if (q != 0 && !(dst[q][j] >= 0))
                return core_err_set(err, CORE_ERR_CONFIG, "%s: %g for state '%s' is negative",
                                    where(cfg, M, per_state[q], w, sizeof w), dst[q][j], m->states[j]);
    }
    long cycles;
    if ((st = core_config_long(cfg, M, "cycles", s->horizon, 1, CBA_MAX_HORIZON, &cycles, err)) != CORE_OK ||
        (st = core_config_double(cfg, M, "dirichlet_n", 0, 0, INFINITY, 0, 1, &m->dirichlet_n, err)) != CORE_OK)
        return st;
    m->cycles = (int)cycles;
    static const char *const tkey[2] = {"transitions.control", "transitions.ips"};
    for (int a = 0; a < 2; a++) {
        const char *tv;
        if (!(tv = core_config_str(cfg, M, tkey[a], NULL)) || !*tv)
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: is required; give the %zu x %zu transition matrix row by row, comma-separated",
                                where(cfg, M, tkey[a], w, sizeof w), n, n);
        double first;
        if (!strchr(tv, ',') && !core_parse_double(tv, '.', &first)) {
            m->from_file[a] = 1; /* a path to a CSV matrix: the caller reads it (cba_markov_set_matrix) */
            continue;
        }
        if ((st = num_list(cfg, M, tkey[a], m->p[a], CBA_MAX_STATES * CBA_MAX_STATES, &k, err)) != CORE_OK)
            return st;
        if (k != n * n)
            return core_err_set(err, CORE_ERR_CONFIG, "%s: %zu numbers; a %zu-state matrix has %zu (row by row)",
                                where(cfg, M, tkey[a], w, sizeof w), k, n, n * n);
        for (size_t j = 0; j < n; j++) {
            double sum = 0;
            for (size_t q = 0; q < n; q++) {
                double x = m->p[a][j * n + q];
                if (!(x >= 0 && x <= 1))
                    return core_err_set(err, CORE_ERR_CONFIG, "%s: row %zu (%s) has %g, not a probability",
                                        where(cfg, M, tkey[a], w, sizeof w), j + 1, m->states[j], x);
                sum += x;
            }
            if (fabs(sum - 1) > 1e-9)
                return core_err_set(err, CORE_ERR_CONFIG, "%s: row %zu (%s) sums to %.10g; each row must sum to 1",
                                    where(cfg, M, tkey[a], w, sizeof w), j + 1, m->states[j], sum);
        }
    }
    double sum = 0;
    for (size_t j = 0; j < n; j++)
        sum += m->start[j];
    if (fabs(sum - 1) > 1e-9)
        return core_err_set(err, CORE_ERR_CONFIG, "%s: shares sum to %.10g; they must sum to 1",
                            where(cfg, M, "start", w, sizeof w), sum);
    return CORE_OK;
}

core_status cba_spec_from_config(const core_config *cfg, double confidence, cba_spec *s, core_err *err)
{
    cba_spec_init(s);
    s->confidence = confidence;
    char w[600];
    core_status st;
    if ((st = core_config_bool(cfg, SEC, "allow_negative_cost", 0, &s->allow_negative_cost, err)) != CORE_OK ||
        (st = core_config_long(cfg, "project", "price_year", 0, 0, 9999, &s->price_year, err)) != CORE_OK)
        return st;
    /* required: the costs, the wage and the discount rate (0 is a valid rate, but it must be said) */
    for (int p = 0; p < CBA_N_PARAMS; p++) {
        int required = p == CBA_COST_IPS || p == CBA_COST_CONTROL || p == CBA_WAGE || p == CBA_DISCOUNT_RATE;
        if ((st = read_param(cfg, s, p, required, err)) != CORE_OK)
            return st;
    }
    if (core_config_has(cfg, SEC, "tax_schedule")) {
        if (core_config_has(cfg, SEC, "tax_rate") || core_config_has(cfg, SEC, "tax_rate.dist"))
            return core_err_set(err, CORE_ERR_CONFIG, "%s: give tax_rate or tax_schedule, not both",
                                where(cfg, SEC, "tax_schedule", w, sizeof w));
        if ((st = read_tax_schedule(cfg, s, err)) != CORE_OK)
            return st;
    }
    long h;
    if ((st = core_config_long(cfg, SEC, "horizon_years", 0, 1, CBA_MAX_HORIZON, &h, err)) != CORE_OK)
        return st;
    if (!core_config_has(cfg, SEC, "horizon_years"))
        return core_err_set(err, CORE_ERR_CONFIG, "%s: is required (years over which benefits are counted; the "
                            "break-even table runs over 1..horizon_years)", where(cfg, SEC, "horizon_years", w, sizeof w));
    s->horizon = (int)h;
    if ((st = read_effects(cfg, s, err)) != CORE_OK)
        return st;
    /* persistence rules */
    char **items;
    size_t n;
    if ((st = core_config_list(cfg, SEC, "persistence", 0, &items, &n, err)) != CORE_OK)
        return st;
    if (n > CBA_MAX_RULES) {
        core_config_list_free(items);
        return core_err_set(err, CORE_ERR_CONFIG, "%s: at most %d rules", where(cfg, SEC, "persistence", w, sizeof w),
                            CBA_MAX_RULES);
    }
    for (size_t r = 0; r < n; r++) {
        if ((st = cba_persistence_parse(items[r], &s->rules[r], err)) != CORE_OK) {
            core_err_prefix(err, "%s", where(cfg, SEC, "persistence", w, sizeof w));
            core_config_list_free(items);
            return st;
        }
        for (size_t q = 0; q < r; q++)
            if (s->rules[q].kind == s->rules[r].kind && s->rules[q].years == s->rules[r].years) {
                core_config_list_free(items);
                return core_err_set(err, CORE_ERR_CONFIG, "%s: rule %zu repeats rule %zu",
                                    where(cfg, SEC, "persistence", w, sizeof w), r + 1, q + 1);
            }
    }
    core_config_list_free(items);
    if (n > 0)
        s->n_rules = n;
    /* perspectives */
    if ((st = core_config_list(cfg, SEC, "perspective", 0, &items, &n, err)) != CORE_OK)
        return st;
    if (n > 0) {
        for (int p = 0; p < CBA_N_PERSPECTIVES; p++)
            s->perspectives[p] = 0;
        for (size_t i = 0; i < n; i++) {
            int found = -1;
            for (int p = 0; p < CBA_N_PERSPECTIVES; p++)
                if (strcasecmp(items[i], cba_perspective_name[p]) == 0)
                    found = p;
            if (found < 0) {
                st = core_err_set(err, CORE_ERR_CONFIG,
                                  "%s: '%s' is not a perspective; use societal, government, participant",
                                  where(cfg, SEC, "perspective", w, sizeof w), items[i]);
                core_config_list_free(items);
                return st;
            }
            s->perspectives[found] = 1;
        }
    }
    core_config_list_free(items);
    if (core_config_has(cfg, SEC, "population")) {
        if ((st = core_config_double(cfg, SEC, "population", 0, 0, INFINITY, 1, 1, &s->population, err)) != CORE_OK)
            return st;
        s->has_population = 1;
    }
    /* PSA: on by default when anything is uncertain */
    int any = s->effect_uncertain || s->effect_bootstrap;
    for (int p = 0; p < CBA_N_PARAMS; p++)
        any |= s->dist[p].kind > CBA_DIST_FIXED;
    long draws, iters;
    if ((st = core_config_long(cfg, SEC, "psa_draws", any ? 10000 : 0, 0, CBA_MAX_DRAWS, &draws, err)) != CORE_OK ||
        (st = core_config_double(cfg, SEC, "root_tol", 1e-6, 0, INFINITY, 1, 1, &s->root_tol, err)) != CORE_OK ||
        (st = core_config_long(cfg, SEC, "root_max_iter", 200, 1, 100000, &iters, err)) != CORE_OK)
        return st;
    if (draws > 0 && draws < CBA_MIN_DRAWS) {
        char where[600];
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: %ld draws are too few for a probabilistic sensitivity analysis: its percentile "
                            "intervals and probabilities need at least %d draws (10,000 is the default); give 0 for no "
                            "PSA",
                            core_config_where(cfg, SEC, "psa_draws", where, sizeof where), draws, CBA_MIN_DRAWS);
    }
    s->psa_draws = draws;
    s->root_max_iter = (int)iters;
    if ((st = read_wtp(cfg, s, err)) != CORE_OK)
        return st;
    if (core_config_has_section(cfg, "markov") && (st = read_markov(cfg, s, err)) != CORE_OK)
        return st;
    return CORE_OK;
}

core_status cba_markov_set_matrix(cba_spec *s, int a, const core_table *t, core_err *err)
{
    cba_markov_spec *m = s->markov;
    if (!m || a < 0 || a > 1)
        return core_err_set(err, CORE_ERR_USAGE, "internal: no Markov model");
    size_t n = m->n_states;
    char w[600];
    if (t->n_cols != n || t->n_rows != n)
        return core_err_set(err, CORE_ERR_DATA,
                            "%s: a %zu-state transition matrix has %zu columns (headed by the states: %s, ...) and %zu "
                            "rows; this file has %zu columns and %zu rows",
                            t->source, n, n, m->states[0], n, t->n_cols, t->n_rows);
    for (size_t j = 0; j < n; j++) {
        if (strcasecmp(t->cols[j].name, m->states[j]) != 0)
            return core_err_set(err, CORE_ERR_DATA, "%s:1:%zu: column '%s' should be the state '%s' (the order of "
                                "[markov] states)", t->source, j + 1, t->cols[j].name, m->states[j]);
    }
    for (size_t i = 0; i < n; i++) {
        double sum = 0;
        for (size_t j = 0; j < n; j++) {
            double x;
            if (core_cell_number(t, j, i, &x) != 1 || !(x >= 0 && x <= 1))
                return core_err_set(err, CORE_ERR_DATA, "%s: is not a probability (a number from 0 to 1)",
                                    core_cell_where(t, j, i, w, sizeof w));
            m->p[a][i * n + j] = x;
            sum += x;
        }
        if (fabs(sum - 1) > 1e-9)
            return core_err_set(err, CORE_ERR_DATA, "%s:%ld: row %zu (%s) sums to %.10g; each row must sum to 1",
                                t->source, t->row_src[i], i + 1, m->states[i], sum);
    }
    m->from_file[a] = 0;
    return CORE_OK;
}

core_status cba_spec_set_effects(cba_spec *s, size_t n, const double *months, const double *effect, const double *se,
                                 core_err *err)
{
    if (n < 1 || n > CBA_MAX_EFFECTS)
        return core_err_set(err, CORE_ERR_ANALYSIS, "the trial gives %zu employment effects; need 1 to %d", n,
                            CBA_MAX_EFFECTS);
    for (size_t k = 0; k < n; k++) {
        if (!(months[k] > 0) || (k > 0 && !(months[k] > months[k - 1])))
            return core_err_set(err, CORE_ERR_CONFIG,
                                "the trial's timepoints must be months > 0 in increasing order (%g)", months[k]);
        if (!isfinite(effect[k]))
            return core_err_set(err, CORE_ERR_ANALYSIS, "the trial's employment effect at month %g is not estimable",
                                months[k]);
        s->effect_months[k] = months[k];
        s->effect[k] = effect[k];
        s->effect_se[k] = se ? se[k] : NAN;
        if (s->effect_uncertain && !(se && se[k] >= 0 && isfinite(se[k])))
            s->effect_uncertain = 0;
    }
    s->n_effects = n;
    return CORE_OK;
}
