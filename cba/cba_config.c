/* The inputs of the model: defaults, [cba] and [markov] from the config, and validation.
 * Every config error names "file:line: key 'x' in [cba]" and what would be valid. */
#include "cba/cba.h"

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
    int hi_open;
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
    [CBA_BENEFIT_TAX_RATE] = {0, 1, 0, "the tax rate the benefit bears", 1},
    [CBA_REAL_GROWTH] = {-0.5, 0.5, 0, "a real growth rate a year"},
    [CBA_DISPLACEMENT] = {0, 1, 0, "a share of the extra jobs"},
    [CBA_QALY_PER_EMPLOYED_YEAR] = {-1, 1, 0, "QALYs per extra employed person-year"},
    [CBA_HEALTH_COST_PER_EMPLOYED_YEAR] = {-INFINITY, INFINITY, 0, "a cost change per extra employed person-year"},
};

/* The money inputs: each may carry its own price year (X.price_year), brought to [project] price_year by [index]. */
static int is_money(int p)
{
    return p == CBA_COST_IPS || p == CBA_COST_CONTROL || p == CBA_WAGE || p == CBA_BENEFIT ||
           p == CBA_HEALTH_COST_CHANGE || p == CBA_VALUE_PER_QALY || p == CBA_VALUE_PER_JOB_YEAR ||
           p == CBA_HEALTH_COST_PER_EMPLOYED_YEAR;
}

/* "[lo, hi]" with the open ends written as such. */
static const char *range_text(int p, double hi, char *buf, size_t n)
{
    snprintf(buf, n, "%s%g, %g%s", range[p].lo_open ? "(" : "[", range[p].lo, hi, range[p].hi_open ? ")" : "]");
    return buf;
}

void cba_param_range(const cba_spec *s, int p, double *lo, double *hi)
{
    *lo = range[p].lo;
    *hi = range[p].hi;
    if (range[p].lo_open)
        *lo = nextafter(*lo, INFINITY);
    if (range[p].hi_open)
        *hi = nextafter(*hi, -INFINITY);
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
    for (int p = 0; p < CBA_N_PARAMS; p++)
        s->param_index_factor[p] = 1;
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
            char rt[80];
            return core_err_set(err, CORE_ERR_CONFIG, "%s = %g is outside the valid range %s (%s)", cba_param_key[p], x,
                                range_text(p, range[p].hi, rt, sizeof rt), range[p].what);
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
    for (size_t r = 0; r < s->n_rules; r++) {
        const cba_persistence *q = &s->rules[r];
        if ((q->kind == CBA_LINEAR || q->kind == CBA_HALFLIFE) && !(q->years > 0 && isfinite(q->years)))
            return core_err_set(err, CORE_ERR_CONFIG, "persistence rule %zu needs a number of years > 0", r + 1);
        if (q->kind == CBA_PATH) {
            int first = cba_path_first_year(s->effect_months[s->n_effects - 1]);
            int need = s->horizon - first + 1;
            if (need > 0 && (int)q->n_path < need)
                return core_err_set(err, CORE_ERR_CONFIG,
                                    "persistence: the path gives %zu yearly effect%s (years %d to %d), but "
                                    "horizon_years = %d needs %d (years %d to %d)",
                                    q->n_path, q->n_path == 1 ? "" : "s", first, first + (int)q->n_path - 1,
                                    s->horizon, need, first, s->horizon);
        }
    }
    if (s->effect_uncertain && s->n_effects > 1 && !s->has_corr)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "effect.corr: the probabilistic analysis draws the %zu effects jointly from a multivariate "
                            "normal and needs their correlation: give effect.corr = RHO (one correlation between every "
                            "two effect months) or the %zu x %zu matrix row by row (effect.corr = 0 says independent); "
                            "with effect = trial the default resamples the participants instead",
                            s->n_effects, s->n_effects, s->n_effects);
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
        return core_err_set(err, CORE_ERR_CONFIG, "treated = %g: give the number of people treated (> 0)",
                            s->population);
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
            char rt[80];
            return core_err_set(err, CORE_ERR_CONFIG, "%s: %g is outside the valid range %s for %s",
                                where(cfg, SEC, key, w, sizeof w), x, range_text(p, range[p].hi, rt, sizeof rt),
                                range[p].what);
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

/* The effects' correlation matrix from effect.corr (one number for every pair, or the K x K matrix), once the
 * number of effects K is known. Message without place. */
static core_status expand_corr(cba_spec *s, core_err *err)
{
    size_t K = s->n_effects, g = s->n_corr_given;
    s->has_corr = 0;
    if (K <= 1) { /* one effect: nothing to correlate */
        s->effect_corr[0] = 1;
        s->has_corr = 1;
        return CORE_OK;
    }
    if (g == 0)
        return CORE_OK;
    if (g != 1 && g != K * K)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "effect.corr: %zu numbers for %zu effects; give one correlation (every two effect months) "
                            "or the %zu x %zu matrix row by row",
                            g, K, K, K);
    for (size_t i = 0; i < K; i++)
        for (size_t j = 0; j < K; j++) {
            double r = i == j ? 1 : g == 1 ? s->corr_given[0] : s->corr_given[i * K + j];
            if (!(r >= -1 && r <= 1))
                return core_err_set(err, CORE_ERR_CONFIG, "effect.corr: %g is not a correlation (from -1 to 1)", r);
            if (g > 1 && i == j && s->corr_given[i * K + j] != 1)
                return core_err_set(err, CORE_ERR_CONFIG, "effect.corr: the diagonal of a correlation matrix is 1 "
                                    "(row %zu has %g)", i + 1, s->corr_given[i * K + j]);
            if (g > 1 && s->corr_given[i * K + j] != s->corr_given[j * K + i])
                return core_err_set(err, CORE_ERR_CONFIG, "effect.corr: the matrix is not symmetric (row %zu, column "
                                    "%zu)", i + 1, j + 1);
            s->effect_corr[i * K + j] = r;
        }
    s->has_corr = 1;
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
    if ((st = num_list(cfg, SEC, "effect.corr", s->corr_given, CBA_MAX_EFFECTS * CBA_MAX_EFFECTS, &s->n_corr_given,
                       err)) != CORE_OK)
        return st;
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
        /* joint uncertainty: resampling the trial's participants is the default */
        s->effect_uncertain = dist == 1;
        s->effect_bootstrap = dist == 2 || dist < 0;
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
    if ((st = expand_corr(s, err)) != CORE_OK) {
        core_err_prefix(err, "%s", where(cfg, SEC, "effect.corr", w, sizeof w));
        return st;
    }
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
        (st = core_config_double(cfg, M, "dirichlet_n", 0, 0, INFINITY, 0, 1, &m->dirichlet_n, err)) != CORE_OK ||
        (st = core_config_bool(cfg, M, "half_cycle", 1, &m->half_cycle, err)) != CORE_OK)
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

/* implied_from = 2:395000, 3:254000, ...: a published break-even table by horizon. */
static core_status read_implied(const core_config *cfg, cba_spec *s, core_err *err)
{
    char **items, w[600];
    size_t n;
    core_status st = core_config_list(cfg, SEC, "implied_from", 0, &items, &n, err);
    if (st != CORE_OK)
        return st;
    if (n > CBA_MAX_HORIZON) {
        core_config_list_free(items);
        return core_err_set(err, CORE_ERR_CONFIG, "%s: at most %d horizons", where(cfg, SEC, "implied_from", w, sizeof w),
                            CBA_MAX_HORIZON);
    }
    for (size_t i = 0; i < n; i++) {
        char *c = strchr(items[i], ':');
        double h, x;
        if (c)
            *c = '\0';
        if (!c || !core_parse_double(items[i], '.', &h) || !core_parse_double(c + 1, '.', &x) || h != floor(h) ||
            h < 1 || h > CBA_MAX_HORIZON || !(x > 0)) {
            st = core_err_set(err, CORE_ERR_CONFIG,
                              "%s: item %zu is not HORIZON:WAGE (a whole number of years and a break-even wage > 0, "
                              "e.g. 2:395000, 3:254000)",
                              where(cfg, SEC, "implied_from", w, sizeof w), i + 1);
            core_config_list_free(items);
            return st;
        }
        s->implied_h[i] = (int)h;
        s->implied_w[i] = x;
    }
    core_config_list_free(items);
    s->n_implied = n;
    /* the table must be one a path of yearly effects can give: checked at the base values */
    double S[CBA_MAX_HORIZON], E[CBA_MAX_HORIZON];
    if (n > 0 && (st = cba_implied_path(n, s->implied_h, s->implied_w, s->value[CBA_COST_IPS] - s->value[CBA_COST_CONTROL],
                                        s->value[CBA_DISCOUNT_RATE], s->value[CBA_REAL_GROWTH], S, E, err)) != CORE_OK)
        core_err_prefix(err, "%s", where(cfg, SEC, "implied_from", w, sizeof w));
    return st;
}

/* unpriced = quality of life:+2, stigma:+1, ...: DFØ's plus-minus scores of effects not valued in money. */
static core_status read_unpriced(const core_config *cfg, cba_spec *s, core_err *err)
{
    char **items, w[600];
    size_t n;
    core_status st = core_config_list(cfg, SEC, "unpriced", 0, &items, &n, err);
    if (st != CORE_OK)
        return st;
    if (n > 16) {
        core_config_list_free(items);
        return core_err_set(err, CORE_ERR_CONFIG, "%s: at most 16 impacts", where(cfg, SEC, "unpriced", w, sizeof w));
    }
    for (size_t i = 0; i < n; i++) {
        char *c = strrchr(items[i], ':');
        double x;
        if (c)
            *c = '\0';
        if (!c || !*items[i] || !core_parse_double(c + 1, '.', &x) || x != floor(x) || x < -4 || x > 4) {
            st = core_err_set(err, CORE_ERR_CONFIG,
                              "%s: item %zu is not NAME:SCORE with a whole score from -4 to +4 (DFØ's plus-minus "
                              "scale, e.g. quality of life:+2)",
                              where(cfg, SEC, "unpriced", w, sizeof w), i + 1);
            core_config_list_free(items);
            return st;
        }
        snprintf(s->unpriced_name[i], sizeof s->unpriced_name[i], "%s", items[i]);
        s->unpriced_score[i] = (int)x;
    }
    core_config_list_free(items);
    s->n_unpriced = n;
    return CORE_OK;
}

/* Price years: a money input X may carry X.price_year; [index] series (cpi, wages, gdp_per_capita: YEAR:VALUE, ...)
 * bring it to [project] price_year, by X.index (default cpi). The value and its distribution are scaled by
 * I(price_year) / I(X.price_year). */
static const char *const index_series[] = {"cpi", "wages", "gdp_per_capita"};

static core_status index_value(const core_config *cfg, const char *series, long year, double *out, int *found,
                               core_err *err)
{
    char **items, w[600];
    size_t n;
    *found = 0;
    core_status st = core_config_list(cfg, "index", series, 0, &items, &n, err);
    if (st != CORE_OK)
        return st;
    for (size_t i = 0; i < n && st == CORE_OK; i++) {
        char *c = strchr(items[i], ':');
        double y, x;
        if (c)
            *c = '\0';
        if (!c || !core_parse_double(items[i], '.', &y) || !core_parse_double(c + 1, '.', &x) || !(x > 0))
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: item %zu is not YEAR:INDEX (an index value > 0, e.g. "
                              "2012:30.00, 2018:33.98)", where(cfg, "index", series, w, sizeof w), i + 1);
        else if (y == (double)year) {
            *out = x;
            *found = 1;
        }
    }
    core_config_list_free(items);
    return st;
}

static core_status read_price_years(const core_config *cfg, cba_spec *s, core_err *err)
{
    char w[600], key[96];
    core_status st;
    for (int p = 0; p < CBA_N_PARAMS; p++) {
        snprintf(key, sizeof key, "%s.index", cba_param_key[p]);
        int has_index = core_config_has(cfg, SEC, key);
        snprintf(key, sizeof key, "%s.price_year", cba_param_key[p]);
        if (!core_config_has(cfg, SEC, key)) {
            if (has_index) {
                snprintf(key, sizeof key, "%s.index", cba_param_key[p]);
                return core_err_set(err, CORE_ERR_CONFIG, "%s: an index series needs %s.price_year (the year the value "
                                    "is in)", where(cfg, SEC, key, w, sizeof w), cba_param_key[p]);
            }
            continue;
        }
        if (!is_money(p))
            return core_err_set(err, CORE_ERR_CONFIG, "%s: only money inputs carry a price year",
                                where(cfg, SEC, key, w, sizeof w));
        long y;
        if ((st = core_config_long(cfg, SEC, key, 0, 1800, 2200, &y, err)) != CORE_OK)
            return st;
        s->param_price_year[p] = y;
        if (s->price_year == 0)
            return core_err_set(err, CORE_ERR_CONFIG, "%s: %ld, but [project] has no price_year to bring it to; give "
                                "price_year in [project]", where(cfg, SEC, key, w, sizeof w), y);
        if (y == s->price_year)
            continue;
        char ikey[96];
        snprintf(ikey, sizeof ikey, "%s.index", cba_param_key[p]);
        const char *series = core_config_str(cfg, SEC, ikey, "cpi");
        int known = 0;
        for (size_t i = 0; i < sizeof index_series / sizeof index_series[0]; i++)
            known |= strcasecmp(series, index_series[i]) == 0;
        if (!known)
            return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not an index series; use cpi, wages or "
                                "gdp_per_capita (given in [index])", where(cfg, SEC, ikey, w, sizeof w), series);
        double from, to;
        int f1 = 0, f2 = 0;
        if ((st = index_value(cfg, series, y, &from, &f1, err)) != CORE_OK ||
            (st = index_value(cfg, series, s->price_year, &to, &f2, err)) != CORE_OK)
            return st;
        if (!f1 || !f2)
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: %s is in %ld prices and the analysis in %ld, but [index] %s has no value for %ld; "
                                "give the index series (e.g. [index] %s = %ld:..., %ld:...) or the value in %ld prices",
                                where(cfg, SEC, key, w, sizeof w), cba_param_key[p], y, s->price_year, series,
                                f1 ? s->price_year : y, series, y, s->price_year, s->price_year);
        double f = to / from;
        s->param_index_factor[p] = f;
        snprintf(s->param_index_series[p], sizeof s->param_index_series[p], "%s", series);
        s->value[p] *= f;
        cba_dist *d = &s->dist[p];
        if (d->kind == CBA_DIST_FIXED) {
            if (!isnan(d->p[0]))
                d->p[0] *= f;
        } else if (d->kind != CBA_DIST_NONE) {
            int np = d->kind == CBA_DIST_TRIANGULAR ? 3 : 2;
            for (int k = 0; k < np; k++)
                d->p[k] *= f;
        }
    }
    return CORE_OK;
}

static core_status spec_read(const core_config *cfg, cba_spec *s, core_err *err)
{
    char w[600];
    core_status st;
    if ((st = core_config_bool(cfg, SEC, "allow_negative_cost", 0, &s->allow_negative_cost, err)) != CORE_OK)
        return st;
    /* required: the costs, the wage and the discount rate (0 is a valid rate, but it must be said) */
    for (int p = 0; p < CBA_N_PARAMS; p++) {
        int required = p == CBA_COST_IPS || p == CBA_COST_CONTROL || p == CBA_WAGE || p == CBA_DISCOUNT_RATE;
        if ((st = read_param(cfg, s, p, required, err)) != CORE_OK)
            return st;
    }
    if ((st = read_price_years(cfg, s, err)) != CORE_OK)
        return st;
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
    /* persistence rules: a path's yearly effects are list items of their own ("path:0.1, 0.09"): join them */
    char **items;
    size_t n;
    if ((st = core_config_list(cfg, SEC, "persistence", 0, &items, &n, err)) != CORE_OK)
        return st;
    char rule_text[CBA_MAX_RULES][2048];
    size_t nr = 0;
    for (size_t i = 0; i < n; i++) {
        double x;
        if (nr > 0 && strncasecmp(rule_text[nr - 1], "path:", 5) == 0 && core_parse_double(items[i], '.', &x)) {
            size_t l = strlen(rule_text[nr - 1]);
            snprintf(rule_text[nr - 1] + l, sizeof rule_text[0] - l, ",%s", items[i]);
            continue;
        }
        if (nr == CBA_MAX_RULES) {
            core_config_list_free(items);
            return core_err_set(err, CORE_ERR_CONFIG, "%s: at most %d rules",
                                where(cfg, SEC, "persistence", w, sizeof w), CBA_MAX_RULES);
        }
        snprintf(rule_text[nr++], sizeof rule_text[0], "%s", items[i]);
    }
    core_config_list_free(items);
    char nb[2][2100];
    for (size_t r = 0; r < nr; r++) {
        if ((st = cba_persistence_parse(rule_text[r], &s->rules[r], err)) != CORE_OK) {
            core_err_prefix(err, "%s", where(cfg, SEC, "persistence", w, sizeof w));
            return st;
        }
        for (size_t q = 0; q < r; q++)
            if (strcmp(cba_persistence_name(&s->rules[q], nb[0], sizeof nb[0]),
                       cba_persistence_name(&s->rules[r], nb[1], sizeof nb[1])) == 0)
                return core_err_set(err, CORE_ERR_CONFIG, "%s: rule %zu repeats rule %zu",
                                    where(cfg, SEC, "persistence", w, sizeof w), r + 1, q + 1);
    }
    if (nr > 0)
        s->n_rules = nr;
    /* the base case: required when several rules are listed; moved to rules[0] */
    const char *bc = core_config_str(cfg, SEC, "base_case", NULL);
    if (!bc && s->n_rules > 1)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: is required when persistence lists %zu rules; name the one that drives the headline, "
                            "the probabilistic analysis and the tornado (one of: %s)",
                            where(cfg, SEC, "base_case", w, sizeof w), s->n_rules,
                            core_config_str(cfg, SEC, "persistence", ""));
    s->base_listed = 0;
    if (bc) {
        cba_persistence b;
        if ((st = cba_persistence_parse(bc, &b, err)) != CORE_OK) {
            core_err_prefix(err, "%s", where(cfg, SEC, "base_case", w, sizeof w));
            return st;
        }
        cba_persistence_name(&b, nb[0], sizeof nb[0]);
        size_t found = s->n_rules;
        for (size_t r = 0; r < s->n_rules && found == s->n_rules; r++)
            if (strcmp(cba_persistence_name(&s->rules[r], nb[1], sizeof nb[1]), nb[0]) == 0)
                found = r;
        if (found == s->n_rules) {
            if (nr > 0)
                return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not one of the persistence rules (%s)",
                                    where(cfg, SEC, "base_case", w, sizeof w), bc,
                                    core_config_str(cfg, SEC, "persistence", ""));
            s->rules[0] = b; /* no persistence list: the base case is the one rule */
            found = 0;
        }
        s->base_listed = found;
        cba_persistence tmp = s->rules[found];
        for (size_t r = found; r > 0; r--)
            s->rules[r] = s->rules[r - 1];
        s->rules[0] = tmp;
    }
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
    /* scale-up by the number treated: treated, or population x take_up */
    int has_t = core_config_has(cfg, SEC, "treated"), has_p = core_config_has(cfg, SEC, "population"),
        has_u = core_config_has(cfg, SEC, "take_up");
    if (has_t && (has_p || has_u))
        return core_err_set(err, CORE_ERR_CONFIG, "%s: give treated, or population and take_up, not both",
                            where(cfg, SEC, "treated", w, sizeof w));
    if (has_t) {
        if ((st = core_config_double(cfg, SEC, "treated", 0, 0, INFINITY, 1, 1, &s->population, err)) != CORE_OK)
            return st;
        s->has_population = 1;
    } else if (has_p || has_u) {
        if (!has_u || !has_p)
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: the scale-up multiplies by the people treated: give population and take_up (the "
                                "share of it that receives the programme), or treated",
                                where(cfg, SEC, has_p ? "take_up" : "population", w, sizeof w));
        if ((st = core_config_double(cfg, SEC, "population", 0, 0, INFINITY, 1, 1, &s->population_eligible, err)) !=
                CORE_OK ||
            (st = core_config_double(cfg, SEC, "take_up", 0, 0, 1, 1, 0, &s->take_up, err)) != CORE_OK)
            return st;
        s->population = s->population_eligible * s->take_up;
        s->scale_from_take_up = 1;
        s->has_population = 1;
    }
    if ((st = read_implied(cfg, s, err)) != CORE_OK || (st = read_unpriced(cfg, s, err)) != CORE_OK)
        return st;
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

core_status cba_spec_from_config(const core_config *cfg, double confidence, long price_year, cba_spec *s,
                                 core_err *err)
{
    cba_spec_init(s);
    s->confidence = confidence;
    s->price_year = price_year;
    core_status st = spec_read(cfg, s, err);
    if (st != CORE_OK)
        cba_spec_free(s);
    return st;
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
                                t->source, core_table_line(t, i), i + 1, m->states[i], sum);
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
    return expand_corr(s, err);
}
