/* The deterministic model of DOMAIN-models.md §3: effect over time, yearly effects, flows by perspective,
 * break-even wages (closed form; Brent's method when a tax schedule makes NPV nonlinear in the wage). */
#include "cba/cba.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include "core/core_table.h"

const char *const cba_param_key[CBA_N_PARAMS] = {
    "cost_ips", "cost_control", "wage",           "employer_contributions", "tax_rate",
    "benefit",  "benefit_reduction", "health_cost_change", "qaly_gain", "value_per_qaly",
    "value_per_job_year", "discount_rate", "mcpf", "benefit_tax_rate", "real_growth", "displacement",
    "qaly_per_employed_year", "health_cost_per_employed_year"};

const char *const cba_perspective_name[CBA_N_PERSPECTIVES] = {"societal", "government", "participant"};

/* ---------------------------------------------------------------- persistence rules */

const char *cba_persistence_name(const cba_persistence *p, char *buf, size_t size)
{
    if (p->kind == CBA_CONSTANT)
        snprintf(buf, size, "constant");
    else if (p->kind == CBA_PATH) {
        size_t o = (size_t)snprintf(buf, size, "path:");
        for (size_t k = 0; k < p->n_path && o < size; k++)
            o += (size_t)snprintf(buf + o, size - o, "%s%.15g", k ? "," : "", p->path[k]);
    } else
        snprintf(buf, size, "%s:%.15g", p->kind == CBA_LINEAR ? "linear" : "halflife", p->years);
    return buf;
}

int cba_path_first_year(double last_month) { return (int)ceil(last_month / 12 - 1e-12) + 1; }

core_status cba_persistence_parse(const char *text, cba_persistence *out, core_err *err)
{
    memset(out, 0, sizeof *out);
    while (*text == ' ' || *text == '\t')
        text++;
    if (strcasecmp(text, "constant") == 0) {
        out->kind = CBA_CONSTANT;
        return CORE_OK;
    }
    const char *colon = strchr(text, ':');
    size_t nl = colon ? (size_t)(colon - text) : strlen(text);
    if (nl == 6 && strncasecmp(text, "linear", 6) == 0)
        out->kind = CBA_LINEAR;
    else if (nl == 8 && strncasecmp(text, "halflife", 8) == 0)
        out->kind = CBA_HALFLIFE;
    else if (nl == 4 && strncasecmp(text, "path", 4) == 0)
        out->kind = CBA_PATH;
    else
        return core_err_set(err, CORE_ERR_CONFIG,
                            "'%s' is not a persistence rule; use constant, linear:F (fade to 0 over F years), "
                            "halflife:H (half-life H years) or path:e3,e4,... (the yearly effects of years 3, 4, ...)",
                            text);
    if (out->kind == CBA_PATH) {
        char buf[2048];
        snprintf(buf, sizeof buf, "%s", colon ? colon + 1 : "");
        char *save = NULL;
        for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            double e;
            if (out->n_path == CBA_MAX_HORIZON)
                return core_err_set(err, CORE_ERR_CONFIG, "'%s': at most %d yearly effects", text, CBA_MAX_HORIZON);
            if (!core_parse_double(tok, '.', &e) || !(e >= -1 && e <= 1))
                return core_err_set(err, CORE_ERR_CONFIG,
                                    "'%s': item %zu of the path is not a yearly employment effect (a difference of "
                                    "proportions in [-1, 1])",
                                    text, out->n_path + 1);
            out->path[out->n_path++] = e;
        }
        if (out->n_path == 0)
            return core_err_set(err, CORE_ERR_CONFIG,
                                "'%s': path needs the yearly effects after ':', e.g. path:0.09,0.08,0.07 for years 3-5",
                                text);
        return CORE_OK;
    }
    double y;
    if (!colon || !core_parse_double(colon + 1, '.', &y) || !(y > 0) || !isfinite(y))
        return core_err_set(err, CORE_ERR_CONFIG, "'%s': %s needs a number of years > 0 after ':', e.g. %s:3", text,
                            out->kind == CBA_LINEAR ? "linear" : "halflife",
                            out->kind == CBA_LINEAR ? "linear" : "halflife");
    out->years = y;
    return CORE_OK;
}

/* ---------------------------------------------------------------- effect over time */

/* Integral of the effect curve e(t) over [a, b] months (a <= b): exact for the linear pieces through (0, 0) and
 * the effect months, and for the persistence tail after the last month T. */
static double effect_integral(const double *m, const double *e, size_t n, const cba_persistence *rule, double a,
                              double b)
{
    double sum = 0;
    double t0 = 0, e0 = 0;
    for (size_t k = 0; k <= n && a < b; k++) {
        if (k < n) {
            double t1 = m[k], e1 = e[k];
            double u = a > t0 ? a : t0, v = b < t1 ? b : t1;
            if (u < v) {
                double slope = (e1 - e0) / (t1 - t0);
                double fu = e0 + slope * (u - t0), fv = e0 + slope * (v - t0);
                sum += (v - u) * (fu + fv) / 2;
            }
            t0 = t1;
            e0 = e1;
            continue;
        }
        /* the tail after T = t0, starting at the last effect e0 */
        double u = a > t0 ? a : t0, v = b;
        if (!(u < v))
            break;
        switch (rule->kind) {
        case CBA_PATH: /* the years before the path: e(t) held at the last effect */
        case CBA_CONSTANT:
            sum += e0 * (v - u);
            break;
        case CBA_LINEAR: {
            double L = 12 * rule->years, end = t0 + L;
            double vv = v < end ? v : end;
            if (u < vv) {
                double fu = e0 * (1 - (u - t0) / L), fv = e0 * (1 - (vv - t0) / L);
                sum += (vv - u) * (fu + fv) / 2;
            }
            break;
        }
        case CBA_HALFLIFE: {
            double lambda = M_LN2 / (12 * rule->years);
            /* e0/lambda * (exp(-lambda (u-T)) - exp(-lambda (v-T))), written to keep precision */
            sum += e0 / lambda * exp(-lambda * (u - t0)) * -expm1(-lambda * (v - u));
            break;
        }
        }
    }
    return sum;
}

void cba_yearly_effects(const double *months, const double *effect, size_t n, const cba_persistence *rule, int h,
                        double *out)
{
    static const cba_persistence constant = {CBA_CONSTANT, 0, 0, {0}};
    int first = rule->kind == CBA_PATH && n > 0 ? cba_path_first_year(months[n - 1]) : h + 1;
    for (int y = 1; y <= h; y++) {
        if (y >= first) { /* path: given; a path shorter than the horizon holds its last value (checked in config) */
            size_t k = (size_t)(y - first);
            out[y - 1] = rule->n_path ? rule->path[k < rule->n_path ? k : rule->n_path - 1] : 0;
        } else
            out[y - 1] = effect_integral(months, effect, n, rule->kind == CBA_PATH ? &constant : rule,
                                         12.0 * (y - 1), 12.0 * y) /
                         12;
    }
}

int cba_window_effects(const double *months, const double *effect, size_t n, double *out)
{
    if (n == 0)
        return 0;
    static const cba_persistence constant = {CBA_CONSTANT, 0, 0, {0}};
    double T = months[n - 1];
    int ny = (int)ceil(T / 12 - 1e-12);
    if (ny > CBA_MAX_HORIZON)
        ny = CBA_MAX_HORIZON;
    for (int y = 1; y <= ny; y++) {
        double b = 12.0 * y < T ? 12.0 * y : T;
        out[y - 1] = effect_integral(months, effect, n, &constant, 12.0 * (y - 1), b) / 12;
    }
    return ny;
}

/* ---------------------------------------------------------------- money */

double cba_tax(const cba_spec *s, double tax_rate, double w)
{
    if (s->n_tax == 0)
        return tax_rate * w;
    /* sum_k (m_k - m_{k-1}) max(0, w - threshold_k): the form the workbook's SUMPRODUCT uses */
    double t = 0, prev = 0;
    for (size_t k = 0; k < s->n_tax; k++) {
        double over = w - s->tax_threshold[k];
        if (over > 0)
            t += (s->tax_marginal[k] - prev) * over;
        prev = s->tax_marginal[k];
    }
    return t;
}

void cba_year_flows(const cba_spec *s, const double *v, double e, double k, double out[CBA_N_FLOWS])
{
    double w = v[CBA_WAGE] * k, ec = v[CBA_EMPLOYER_CONTRIBUTIONS], keep = 1 - v[CBA_DISPLACEMENT];
    double tax_w = cba_tax(s, v[CBA_TAX_RATE], w);
    out[CBA_F_EARNINGS] = e * w;
    out[CBA_F_PRODUCTION] = out[CBA_F_EARNINGS] * (1 + ec) * keep;
    out[CBA_F_TAXES] = e * (tax_w + ec * w) * keep;
    out[CBA_F_BENEFITS] = e * v[CBA_BENEFIT] * v[CBA_BENEFIT_REDUCTION];
    out[CBA_F_HEALTH] = e * v[CBA_HEALTH_COST_PER_EMPLOYED_YEAR] + v[CBA_HEALTH_COST_CHANGE];
    out[CBA_F_QALYS] = e * v[CBA_QALY_PER_EMPLOYED_YEAR] + v[CBA_QALY_GAIN];
    out[CBA_F_QALY_VALUE] = out[CBA_F_QALYS] * v[CBA_VALUE_PER_QALY] * k;
    out[CBA_F_NET_EARNINGS] = e * (w - tax_w);
    out[CBA_F_BENEFITS_NET] = out[CBA_F_BENEFITS] * (1 - v[CBA_BENEFIT_TAX_RATE]);
}

/* The years of one evaluation: discount factors, growth factors and the yearly effects of one rule. */
typedef struct years {
    int H;
    const double *d, *k, *e; /* d[y], k[y] for y = 1..H; e[y - 1] */
} years;

static double value_per_job_year(const cba_spec *s, const double *v)
{
    return s->has[CBA_VALUE_PER_JOB_YEAR] ? v[CBA_VALUE_PER_JOB_YEAR]
                                          : v[CBA_WAGE] * (1 + v[CBA_EMPLOYER_CONTRIBUTIONS]);
}

/* Gains and costs by perspective at wage w (the other parameters from v); pv (may be NULL) gets the present values
 * of the flows. */
static void npvs(const cba_spec *s, const double *v, const years *yr, double w, double *gains, double *costs,
                 double *pv)
{
    double vw[CBA_N_PARAMS];
    memcpy(vw, v, sizeof vw);
    vw[CBA_WAGE] = w;
    double sum[CBA_N_FLOWS] = {0}, fl[CBA_N_FLOWS];
    for (int y = 1; y <= yr->H; y++) {
        cba_year_flows(s, vw, yr->e[y - 1], yr->k[y], fl);
        for (int q = 0; q < CBA_N_FLOWS; q++)
            sum[q] += yr->d[y] * fl[q];
    }
    double dc = v[CBA_COST_IPS] - v[CBA_COST_CONTROL], mcpf = v[CBA_MCPF];
    gains[CBA_GOVERNMENT] = sum[CBA_F_TAXES] + sum[CBA_F_BENEFITS_NET];
    costs[CBA_GOVERNMENT] = dc + sum[CBA_F_HEALTH];
    gains[CBA_PARTICIPANT] = sum[CBA_F_NET_EARNINGS];
    costs[CBA_PARTICIPANT] = sum[CBA_F_BENEFITS_NET];
    gains[CBA_SOCIETAL] = sum[CBA_F_PRODUCTION] + sum[CBA_F_QALY_VALUE] + mcpf * gains[CBA_GOVERNMENT];
    costs[CBA_SOCIETAL] = (1 + mcpf) * costs[CBA_GOVERNMENT];
    if (pv)
        memcpy(pv, sum, sizeof sum);
}

typedef struct soc_fn_ctx {
    const cba_spec *s;
    const double *v;
    const years *yr;
} soc_fn_ctx;

static double soc_npv_at(double w, void *p)
{
    const soc_fn_ctx *c = p;
    double g[CBA_N_PERSPECTIVES], k[CBA_N_PERSPECTIVES];
    npvs(c->s, c->v, c->yr, w, g, k, NULL);
    return g[CBA_SOCIETAL] - k[CBA_SOCIETAL];
}

/* The wage (in year 1) at which NPV_soc = 0. Linear in the wage with a flat tax (closed form); with a tax schedule
 * piecewise linear and increasing, solved by Brent's method on a bracket found by doubling. */
static core_status soc_break_even(const cba_spec *s, const double *v, const years *yr, double *out, int *iter,
                                  core_err *err)
{
    *iter = 0;
    *out = NAN;
    double ec = v[CBA_EMPLOYER_CONTRIBUTIONS], mcpf = v[CBA_MCPF];
    double sek = 0; /* sum d_y e_y k_y (1 - displacement): the wage's weight */
    for (int y = 1; y <= yr->H; y++)
        sek += yr->d[y] * yr->e[y - 1] * yr->k[y];
    sek *= 1 - v[CBA_DISPLACEMENT];
    soc_fn_ctx c = {s, v, yr};
    double f0 = soc_npv_at(0, &c);
    if (s->n_tax == 0) {
        double slope = sek * ((1 + ec) + mcpf * (v[CBA_TAX_RATE] + ec));
        if (slope > 0)
            *out = -f0 / slope;
        return CORE_OK;
    }
    /* f'(w) = sek ((1 + ec) + mcpf (m + ec)) > 0 iff sek > 0 (rates are in [0, 1], mcpf >= 0) */
    if (!(sek > 0))
        return CORE_OK;
    if (f0 >= 0) { /* below 0 no tax is due: f is linear there */
        *out = -f0 / (sek * ((1 + ec) + mcpf * ec));
        return CORE_OK;
    }
    double lo = 0, hi = v[CBA_WAGE] > 1 ? v[CBA_WAGE] : 1;
    int k = 0;
    while (soc_npv_at(hi, &c) < 0 && k++ < 200) {
        lo = hi;
        hi *= 2;
    }
    if (soc_npv_at(hi, &c) < 0)
        return core_err_set(err, CORE_ERR_ANALYSIS, "societal break-even wage: no wage up to %g makes NPV positive", hi);
    gsl_function F = {soc_npv_at, &c};
    gsl_root_fsolver *sv = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!sv)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    int gs = gsl_root_fsolver_set(sv, &F, lo, hi);
    int status = gs == GSL_SUCCESS ? GSL_CONTINUE : gs;
    while (status == GSL_CONTINUE && *iter < s->root_max_iter) {
        (*iter)++;
        if ((gs = gsl_root_fsolver_iterate(sv)) != GSL_SUCCESS) {
            status = gs;
            break;
        }
        status = gsl_root_test_interval(gsl_root_fsolver_x_lower(sv), gsl_root_fsolver_x_upper(sv), s->root_tol, 0);
    }
    double root = gsl_root_fsolver_root(sv);
    gsl_root_fsolver_free(sv);
    if (status != GSL_SUCCESS)
        return core_err_set(err, status == GSL_CONTINUE ? CORE_ERR_ANALYSIS : core_status_from_gsl(status),
                            "societal break-even wage: Brent's method did not reach tolerance %g in %d iterations "
                            "(root_tol, root_max_iter in [cba])",
                            s->root_tol, s->root_max_iter);
    *out = root;
    return CORE_OK;
}

core_status cba_evaluate(const cba_spec *s, const double *v, const double *eff, int all_rules, cba_eval_ws *ws,
                         cba_figures *out, core_err *err)
{
    int H = s->horizon;
    size_t nr = all_rules ? s->n_rules : 1;
    for (size_t r = 0; r < nr; r++)
        cba_yearly_effects(s->effect_months, eff, s->n_effects, &s->rules[r], H, ws->e[r]);
    ws->nw = cba_window_effects(s->effect_months, eff, s->n_effects, ws->w);

    double rate = v[CBA_DISCOUNT_RATE], g = v[CBA_REAL_GROWTH];
    double d[CBA_MAX_HORIZON + 1], k[CBA_MAX_HORIZON + 1];
    for (int y = 1; y <= H || y <= ws->nw; y++) {
        d[y] = pow(1 + rate, -(double)y);
        k[y] = pow(1 + g, (double)(y - 1));
    }
    out->dc = v[CBA_COST_IPS] - v[CBA_COST_CONTROL];
    core_status st = CORE_OK;
    for (size_t r = 0; r < nr; r++) {
        years yr = {H, d, k, ws->e[r]};
        double gains[CBA_N_PERSPECTIVES], costs[CBA_N_PERSPECTIVES], pv[CBA_N_FLOWS];
        npvs(s, v, &yr, v[CBA_WAGE], gains, costs, pv);
        for (int p = 0; p < CBA_N_PERSPECTIVES; p++) {
            out->npv_rule[r][p] = gains[p] - costs[p];
            out->roi_rule[r][p] = costs[p] > 0 ? gains[p] / costs[p] : NAN;
        }
        if (r == 0) {
            memcpy(out->gains, gains, sizeof gains);
            memcpy(out->costs, costs, sizeof costs);
            memcpy(out->pv_flow, pv, sizeof pv);
        }
        int it;
        if ((st = soc_break_even(s, v, &yr, &out->bew_soc_rule[r], &it, err)) != CORE_OK)
            return st;
        if (r == 0)
            out->bew_soc_iter = it;
    }
    out->bew_soc = out->bew_soc_rule[0];
    for (int p = 0; p < CBA_N_PERSPECTIVES; p++) {
        out->npv[p] = out->npv_rule[0][p];
        out->roi[p] = out->roi_rule[0][p];
    }
    double pv_e = 0;
    for (int y = 1; y <= H; y++)
        pv_e += d[y] * ws->e[0][y - 1];
    out->pv_effect = pv_e;
    out->dc_health = out->dc + out->pv_flow[CBA_F_HEALTH];
    out->dq = out->pv_flow[CBA_F_QALYS];
    out->icer_qaly = out->dq != 0 ? out->dc_health / out->dq : NAN;
    out->icer_job = pv_e != 0 ? out->dc_health / pv_e : NAN;
    out->inmb_qaly = v[CBA_VALUE_PER_QALY] * out->dq - out->dc_health;
    out->inmb_job = value_per_job_year(s, v) * pv_e - out->dc_health;
    double last = s->n_effects ? eff[s->n_effects - 1] : 0;
    out->cost_per_job = last > 0 ? out->dc / last : NAN;

    /* Break-even wage W* = dC / sum d_y e_y k_y, cumulatively over horizons, and over the trial window. */
    for (size_t r = 0; r < nr; r++) {
        double sum = 0;
        for (int y = 1; y <= ws->nw; y++)
            sum += d[y] * ws->w[y - 1] * k[y];
        out->bew[r][0] = sum > 0 ? out->dc / sum : NAN;
        sum = 0;
        for (int h = 1; h <= H; h++) {
            sum += d[h] * ws->e[r][h - 1] * k[h];
            out->bew[r][h] = sum > 0 ? out->dc / sum : NAN;
        }
    }
    return CORE_OK;
}

core_status cba_implied_path(size_t n, const int *h, const double *w, double dc, double rate, double growth,
                             double *s_out, double *e_out, core_err *err)
{
    for (size_t i = 0; i < n; i++) {
        if (!(w[i] > 0) || !isfinite(w[i]))
            return core_err_set(err, CORE_ERR_CONFIG, "the break-even wage at horizon %d is %g; give a wage > 0", h[i],
                                w[i]);
        if (i > 0 && h[i] != h[i - 1] + 1)
            return core_err_set(err, CORE_ERR_CONFIG,
                                "horizons %d and %d are not consecutive; each yearly effect is the difference of two "
                                "consecutive cumulative effects",
                                h[i - 1], h[i]);
        s_out[i] = dc / w[i];
        if (i == 0) {
            e_out[i] = NAN;
            continue;
        }
        if (s_out[i] < s_out[i - 1])
            return core_err_set(err, CORE_ERR_CONFIG,
                                "the cumulative discounted effect dC / W falls from %.6g at horizon %d to %.6g at "
                                "horizon %d (the break-even wage rises from %g to %g): no path of yearly effects >= 0 "
                                "gives that table",
                                s_out[i - 1], h[i - 1], s_out[i], h[i], w[i - 1], w[i]);
        double d = pow(1 + rate, -(double)h[i]), k = pow(1 + growth, (double)(h[i] - 1));
        e_out[i] = (s_out[i] - s_out[i - 1]) / (d * k);
    }
    return CORE_OK;
}
