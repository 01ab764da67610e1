/* Trial versus real world on one scale (see rw_compare.h and docs/methods.md (meta-analysis), "Comparison"). */
#include "realworld/rw_compare.h"
#include "rct/rct_effects.h"
#include "rct/rct_run.h"
#include "stats/st_entropy.h"

#include "core/core_table.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Published employment rates of IPS users in routine practice (../shared/DOMAIN.md §6). */
static const rw_cmp_rate default_rates[] = {
    {"UK routine practice (South West London, N = 539)", 0.462,
     "BJPsych Bulletin: IPS, duration of employment support and equity of access and outcome in routine clinical "
     "practice (gained or kept a job or education)"},
    {"Italy, young adults (Reggio Emilia, n = 54)", 0.407,
     "Pelizza L et al. Early Interv Psychiatry 2020, doi 10.1111/eip.12883 (crude competitive employment, 3 years)"},
};

static double z_of(double conf)
{
    return gsl_cdf_ugaussian_Pinv(1.0 - (1.0 - conf) / 2.0);
}

static void effect_clear(rw_cmp_effect *e)
{
    memset(e, 0, sizeof *e);
    e->est = e->se = e->lo = e->hi = e->p = e->level = NAN;
}

/* ---------- [compare] ---------- */

/* A typed-in effect `key` with either its SE (`se_key`) or its published interval (`ci_key` = low, high; NULL: not
 * accepted). A published interval is kept as published; its SE, for the derived figures, is (high - low)/2z. */
static core_status typed_effect(const core_config *cfg, const char *key, const char *se_key, const char *ci_key,
                                double lo, double hi, rw_cmp_effect *e, double conf, core_err *err)
{
    char where[600];
    core_status st;
    effect_clear(e);
    int has_se = core_config_has(cfg, "compare", se_key), has_ci = ci_key && core_config_has(cfg, "compare", ci_key);
    if (!core_config_has(cfg, "compare", key)) {
        if (has_se || has_ci)
            return core_err_set(err, CORE_ERR_CONFIG, "%s: given without '%s'",
                                core_config_where(cfg, "compare", has_se ? se_key : ci_key, where, sizeof where), key);
        return CORE_OK;
    }
    if ((st = core_config_double(cfg, "compare", key, NAN, lo, hi, 0, 0, &e->est, err)) != CORE_OK)
        return st;
    if (has_se && has_ci)
        return core_err_set(err, CORE_ERR_CONFIG, "%s: give '%s' or '%s', not both",
                            core_config_where(cfg, "compare", ci_key, where, sizeof where), se_key, ci_key);
    if (!has_se && !has_ci)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: needs '%s' (its standard error)%s%s%s: every figure of the comparison carries an "
                            "interval",
                            core_config_where(cfg, "compare", key, where, sizeof where), se_key,
                            ci_key ? " or '" : "", ci_key ? ci_key : "", ci_key ? "' = LOW, HIGH as published" : "");
    double z = z_of(conf);
    e->level = conf;
    if (has_ci) {
        char **ci = NULL;
        size_t nci = 0;
        if ((st = core_config_list(cfg, "compare", ci_key, 0, &ci, &nci, err)) != CORE_OK)
            return st;
        int ok = nci == 2 && core_parse_double(ci[0], '.', &e->lo) && core_parse_double(ci[1], '.', &e->hi);
        core_config_list_free(ci);
        if (!ok || !(e->lo <= e->est && e->est <= e->hi && e->lo < e->hi) || !isfinite(e->lo) || !isfinite(e->hi))
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: needs %s = LOW, HIGH with LOW <= %s (%g) <= HIGH, as published (e.g. %s = 2.7, 8.4)",
                                core_config_where(cfg, "compare", ci_key, where, sizeof where), ci_key, key, e->est,
                                ci_key);
        e->se = (e->hi - e->lo) / (2.0 * z);
        snprintf(e->method, sizeof e->method, "published");
        snprintf(e->source, sizeof e->source,
                 "typed in ([compare] %s = %g, %s = %g, %g as published; SE for the derived figures = (high - low) / "
                 "2z = %.4g)",
                 key, e->est, ci_key, e->lo, e->hi, e->se);
    } else {
        if ((st = core_config_double(cfg, "compare", se_key, NAN, 0, INFINITY, 1, 1, &e->se, err)) != CORE_OK)
            return st;
        e->lo = e->est - z * e->se;
        e->hi = e->est + z * e->se;
        snprintf(e->method, sizeof e->method, "typed");
        snprintf(e->source, sizeof e->source, "typed in ([compare] %s, %s; normal interval)", key, se_key);
    }
    e->has = 1;
    return CORE_OK;
}

/* "name: value" with value a proportion (0.462) or a percentage (46.2%). */
static core_status parse_rate(const core_config *cfg, const char *item, rw_cmp_rate *out, core_err *err)
{
    char where[600], buf[256];
    const char *colon = strrchr(item, ':');
    if (!colon || colon == item)
        return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not 'name: rate' (e.g. UK routine practice: 46.2%%)",
                            core_config_where(cfg, "compare", "reference_rates", where, sizeof where), item);
    snprintf(out->name, sizeof out->name, "%.*s", (int)(colon - item), item);
    size_t n = strlen(out->name);
    while (n > 0 && (out->name[n - 1] == ' ' || out->name[n - 1] == '\t'))
        out->name[--n] = '\0';
    snprintf(buf, sizeof buf, "%s", colon + 1);
    n = strlen(buf);
    while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
        buf[--n] = '\0';
    int pct = n > 0 && buf[n - 1] == '%';
    if (pct)
        buf[--n] = '\0';
    double v;
    if (!core_parse_double(buf, '.', &v) || v < 0 || v > (pct ? 100 : 1))
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: the rate of '%s' is not a proportion from 0 to 1 or a percentage (got '%s')",
                            core_config_where(cfg, "compare", "reference_rates", where, sizeof where), out->name,
                            colon + 1);
    out->rate = pct ? v / 100.0 : v;
    snprintf(out->source, sizeof out->source, "as given in [compare] reference_rates");
    return CORE_OK;
}

core_status rw_compare_from_config(const core_config *cfg, double conf, rw_compare_in *in, core_err *err)
{
    core_status st;
    char where[600];
    memset(in, 0, sizeof *in);
    in->conf = conf > 0 && conf < 1 ? conf : 0.95;
    in->ips_users = in->exposed_population = NAN;
    in->trial_control_rate = in->trial_ips_rate = NAN;
    in->registry_controls = NAN;
    effect_clear(&in->trial);
    effect_clear(&in->registry);
    effect_clear(&in->pooled);
    in->workdays_default = !core_config_has(cfg, "compare", "workdays_per_year");
    if ((st = core_config_double(cfg, "compare", "workdays_per_year", RW_CMP_WEEKDAYS_PER_YEAR, 0, 366, 1, 0,
                                 &in->workdays_per_year, err)) != CORE_OK ||
        (st = core_config_double(cfg, "compare", "position_share", 1, 0, 1, 1, 0, &in->position_share, err)) !=
            CORE_OK ||
        (st = core_config_double(cfg, "compare", "exposed_population", NAN, 0, INFINITY, 1, 1,
                                 &in->exposed_population, err)) != CORE_OK)
        return st;
    if (core_config_has(cfg, "compare", "target_population"))
        return core_err_set(err, CORE_ERR_CONFIG,
                            "%s: take-up is ips_users / exposed_population, the people the registry effect averages "
                            "over in the post-period (DOMAIN-models §5); a population that includes the pre-period "
                            "understates take-up. Remove target_population and give exposed_population",
                            core_config_where(cfg, "compare", "target_population", where, sizeof where));
    if (core_config_has(cfg, "compare", "ips_users")) {
        if ((st = core_config_double(cfg, "compare", "ips_users", NAN, 0, INFINITY, 0, 1, &in->ips_users, err)) !=
            CORE_OK)
            return st;
        if (isnan(in->exposed_population))
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: take-up is ips_users / exposed_population: give exposed_population too",
                                core_config_where(cfg, "compare", "ips_users", where, sizeof where));
        if (in->ips_users == 0)
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: a take-up of 0 (no IPS users among the exposed): the effect per IPS user "
                                "is undefined; give the number who received IPS",
                                core_config_where(cfg, "compare", "ips_users", where, sizeof where));
        if (in->ips_users > in->exposed_population)
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: %g IPS users among %g exposed is a take-up above 1; users are a subset of the "
                                "exposed population",
                                core_config_where(cfg, "compare", "ips_users", where, sizeof where), in->ips_users,
                                in->exposed_population);
    }
    static const char *const scales[] = {"workdays", "employment", NULL};
    int sc;
    if ((st = core_config_choice(cfg, "compare", "scale", scales, 0, &sc, err)) != CORE_OK)
        return st;
    in->scale_employment = sc == 1;
    static const char *const prefs[] = {"auto", "wild", "cr2", "cr1", "cr1_areg", "classical", "conley_taber", NULL};
    int pi;
    if ((st = core_config_choice(cfg, "compare", "registry_interval", prefs, 0, &pi, err)) != CORE_OK)
        return st;
    snprintf(in->registry_prefer, sizeof in->registry_prefer, "%s", pi == 0 ? "" : prefs[pi]);
    if ((st = typed_effect(cfg, "trial_effect", "trial_effect_se", NULL, -1, 1, &in->trial, in->conf, err)) !=
            CORE_OK ||
        (st = typed_effect(cfg, "registry_effect", "registry_effect_se", "registry_ci", -INFINITY, INFINITY,
                           &in->registry, in->conf, err)) != CORE_OK ||
        (st = core_config_double(cfg, "compare", "trial_control_rate", NAN, 0, 1, 0, 0, &in->trial_control_rate,
                                 err)) != CORE_OK)
        return st;
    if (in->trial.has && !isnan(in->trial_control_rate))
        in->trial_ips_rate = in->trial_control_rate + in->trial.est;
    if (core_config_has(cfg, "compare", "pooled_rr")) {
        double rr;
        char **ci = NULL;
        size_t nci = 0;
        if ((st = core_config_double(cfg, "compare", "pooled_rr", NAN, 0, INFINITY, 1, 1, &rr, err)) != CORE_OK ||
            (st = core_config_list(cfg, "compare", "pooled_rr_ci", 0, &ci, &nci, err)) != CORE_OK)
            return st;
        double lo, hi;
        int ok = nci == 2 && core_parse_double(ci[0], '.', &lo) && core_parse_double(ci[1], '.', &hi);
        core_config_list_free(ci);
        if (!ok || !(lo > 0 && lo < rr && rr < hi && isfinite(hi)))
            return core_err_set(err, CORE_ERR_CONFIG,
                                "%s: needs pooled_rr_ci = low, high with 0 < low < pooled_rr (%g) < high, e.g. "
                                "pooled_rr_ci = 1.82, 2.35",
                                core_config_where(cfg, "compare", nci ? "pooled_rr_ci" : "pooled_rr", where,
                                                  sizeof where),
                                rr);
        in->pooled.has = 1;
        in->pooled.level = in->conf;
        in->pooled.est = rr;
        in->pooled.lo = lo;
        in->pooled.hi = hi;
        in->pooled.se = (log(hi) - log(lo)) / (2.0 * z_of(in->conf)); /* se of the log RR implied by the interval */
        snprintf(in->pooled.method, sizeof in->pooled.method, "typed");
        snprintf(in->pooled.source, sizeof in->pooled.source, "typed in ([compare] pooled_rr, pooled_rr_ci)");
    } else if (core_config_has(cfg, "compare", "pooled_rr_ci")) {
        return core_err_set(err, CORE_ERR_CONFIG, "%s: given without 'pooled_rr'",
                            core_config_where(cfg, "compare", "pooled_rr_ci", where, sizeof where));
    }
    if (core_config_has(cfg, "compare", "reference_rates")) {
        char **items = NULL;
        size_t n = 0;
        if ((st = core_config_list(cfg, "compare", "reference_rates", 0, &items, &n, err)) != CORE_OK)
            return st;
        if (n > RW_CMP_MAX_RATES) {
            core_config_list_free(items);
            return core_err_set(err, CORE_ERR_CONFIG, "%s: at most %d reference rates",
                                core_config_where(cfg, "compare", "reference_rates", where, sizeof where),
                                RW_CMP_MAX_RATES);
        }
        for (size_t i = 0; i < n && st == CORE_OK; i++)
            st = parse_rate(cfg, items[i], &in->rates[i], err);
        core_config_list_free(items);
        if (st != CORE_OK)
            return st;
        in->n_rates = n;
    } else {
        in->n_rates = sizeof default_rates / sizeof default_rates[0];
        memcpy(in->rates, default_rates, sizeof default_rates);
    }
    return CORE_OK;
}

/* ---------- effects from the run's rows ---------- */

static int eq(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static const core_result_row *find_row(const core_results *res, const char *module, const char *analysis,
                                       const char *outcome, const char *tp, const char *term, const char *method)
{
    return core_results_find(res, module, analysis, outcome, tp, term, method);
}

core_status rw_compare_trial_from_effects(const rct_effects *fx, rw_compare_in *in, core_err *err)
{
    effect_clear(&in->trial);
    const rct_binary_effect *best = NULL;
    double best_t = -INFINITY;
    int all_numeric = 1;
    in->n_tp = 0;
    for (size_t j = 0; j < fx->n_tp; j++) { /* the last numeric timepoint (a non-numeric one: the last listed) */
        const rct_binary_effect *b = &fx->tp[j];
        double t;
        if (!b->timepoint || !*b->timepoint) /* a single timepoint */
            t = 0, all_numeric = 0;
        else if (isnan(t = b->month))
            t = best_t + 1, all_numeric = 0;
        if (!best || t >= best_t)
            best = b, best_t = t;
        if (all_numeric && t > 0 && in->n_tp < RW_CMP_MAX_TP && b->estimable) {
            size_t k = in->n_tp++;
            in->tp_month[k] = t;
            in->tp_rd[k] = b->estimate;
            in->tp_lo[k] = b->ci_low;
            in->tp_hi[k] = b->ci_high;
            in->tp_se[k] = b->se;
        }
    }
    if (!best)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "the trial results hold no risk difference for outcome '%s': the comparison needs a "
                            "binary primary outcome",
                            fx->name);
    const char *tp = best->timepoint ? best->timepoint : "";
    if (!best->estimable)
        return core_err_set(err, CORE_ERR_ANALYSIS, "the trial's effect on '%s'%s%s is not estimable (%s)", fx->name,
                            *tp ? " at " : "", tp, best->why);
    rw_cmp_effect *e = &in->trial;
    e->has = 1;
    e->level = in->conf;
    snprintf(e->method, sizeof e->method, "newcombe");
    if (!all_numeric || in->n_tp == 0) { /* no months: the one effect stands for the window */
        in->n_tp = 0;
        e->est = best->estimate;
        e->lo = best->ci_low;
        e->hi = best->ci_high;
        e->se = best->se;
        e->p = best->p_value;
        snprintf(e->source, sizeof e->source,
                 "trial: outcome %s%s%s, risk difference with Newcombe's interval (no months to integrate over: "
                 "taken as the mean effect of the window)",
                 fx->name, *tp ? " at timepoint " : "", tp);
    } else {
        /* sort by month, then the mean of the piecewise-linear path through (0, 0) and (t_k, RD_k) over
         * [0, t_last]: trapezoids, weights a_k; SE bounded by sum a_k se_k (timepoints perfectly correlated) */
        for (size_t i = 1; i < in->n_tp; i++)
            for (size_t j = i; j > 0 && in->tp_month[j] < in->tp_month[j - 1]; j--) {
                double *arr[] = {in->tp_month, in->tp_rd, in->tp_se, in->tp_lo, in->tp_hi};
                for (size_t q = 0; q < 5; q++) {
                    double t = arr[q][j];
                    arr[q][j] = arr[q][j - 1];
                    arr[q][j - 1] = t;
                }
            }
        double T = in->tp_month[in->n_tp - 1], est = 0, se = 0, prev = 0;
        char months[160] = "";
        for (size_t k = 0; k < in->n_tp; k++) {
            double h = in->tp_month[k] - prev, hn = k + 1 < in->n_tp ? in->tp_month[k + 1] - in->tp_month[k] : 0;
            double a = (h + hn) / (2.0 * T); /* RD_k enters the trapezoids on both sides of t_k */
            est += a * in->tp_rd[k];
            se += a * in->tp_se[k];
            prev = in->tp_month[k];
            size_t l = strlen(months);
            snprintf(months + l, sizeof months - l, "%s%g", k ? ", " : "", in->tp_month[k]);
        }
        double z = z_of(in->conf);
        e->est = est;
        e->se = se;
        e->lo = est - z * se;
        e->hi = est + z * se;
        snprintf(e->method, sizeof e->method, "path_mean");
        snprintf(e->source, sizeof e->source,
                 "trial: outcome %s, the mean of the employment-effect path e(t) over months 0 to %g (piecewise linear "
                 "through 0 at randomisation and the risk differences at months %s): its integral / "
                 "%g months; SE the sum of the weighted timepoint SEs, an upper bound (timepoints taken as perfectly "
                 "correlated), normal interval",
                 fx->name, T, months, T);
    }
    in->trial_control_rate = best->p0;
    in->trial_ips_rate = best->p1;
    return CORE_OK;
}

static int unreliable(const core_result_row *r)
{
    return r && (r->flags & CORE_ROW_UNRELIABLE);
}

core_status rw_compare_registry_from_rows(const core_results *res, const char *term, const char *outcome,
                                          const char *prefer, rw_compare_in *in, core_err *err)
{
    effect_clear(&in->registry);
    const core_result_row *first = find_row(res, "did", "twfe", outcome, NULL, term, NULL);
    if (!first)
        return core_err_set(err, CORE_ERR_ANALYSIS,
                            "the registry results hold no two-way fixed-effects estimate%s%s%s: the comparison needs "
                            "one (or type it in: [compare] registry_effect)",
                            term ? " of '" : "", term ? term : "", term ? "'" : "");
    term = first->term;
    outcome = first->outcome;
    int flagged = 0;
    for (size_t i = 0; i < res->n; i++) {
        const core_result_row *r = &res->rows[i];
        if (eq(r->module, "did") && eq(r->analysis, "twfe") && eq(r->term, term) && eq(r->outcome, outcome))
            flagged |= unreliable(r);
    }
    const core_result_row *ct = find_row(res, "did", "randomization_inference", outcome, NULL, term, "conley_taber");
    if (ct && !(isfinite(ct->ci_low) && isfinite(ct->ci_high)))
        ct = NULL;
    static const char *const order[] = {"wild", "cr2", "cr1", "cr1_areg", "classical"};
    const core_result_row *pick = NULL;
    char why[200] = "";
    if (prefer && *prefer) {
        pick = eq(prefer, "conley_taber") ? ct : find_row(res, "did", "twfe", outcome, NULL, term, prefer);
        if (!pick || !isfinite(pick->ci_low))
            return core_err_set(err, CORE_ERR_CONFIG,
                                "[compare] registry_interval = %s, but the registry results have no such interval "
                                "(add it to [registry] inference)",
                                prefer);
        snprintf(why, sizeof why, "%s interval, as [compare] registry_interval asks", prefer);
    } else if (flagged && ct) {
        pick = ct;
        snprintf(why, sizeof why,
                 "Conley-Taber interval: with one treated cluster the cluster-robust and wild-bootstrap intervals are "
                 "unreliable");
    } else {
        for (size_t k = 0; k < sizeof order / sizeof order[0] && !pick; k++) {
            const core_result_row *r = find_row(res, "did", "twfe", outcome, NULL, term, order[k]);
            if (r && isfinite(r->ci_low) && isfinite(r->ci_high))
                pick = r;
        }
        if (!pick)
            return core_err_set(err, CORE_ERR_ANALYSIS,
                                "the registry estimate of '%s' has no interval under any inference; the comparison "
                                "needs one",
                                term);
        snprintf(why, sizeof why, "%s interval (the first available of wild, cr2, cr1, cr1_areg, classical)%s",
                 pick->method, flagged ? "; flagged unreliable by the registry analysis" : "");
    }
    rw_cmp_effect *e = &in->registry;
    /* Staggered adoption: the two-way fixed-effects coefficient weights in "forbidden" comparisons of later- with
     * earlier-treated clusters (Goodman-Bacon 2021) and can be far from any average effect; the registry figure is
     * then the Callaway-Sant'Anna simple aggregate with its cluster multiplier-bootstrap interval, unless
     * [compare] registry_interval names a two-way fixed-effects interval. */
    const core_result_row *cs = find_row(res, "did", "cs_aggregate", outcome, NULL, "simple", NULL);
    if (!(prefer && *prefer) && cs && isfinite(cs->estimate) && isfinite(cs->ci_low) && isfinite(cs->ci_high)) {
        e->has = 1;
        e->est = cs->estimate;
        e->lo = cs->ci_low;
        e->hi = cs->ci_high;
        e->level = in->conf;
        e->se = isfinite(cs->se) ? cs->se : (cs->ci_high - cs->ci_low) / (2.0 * z_of(e->level));
        e->p = cs->p_value;
        in->registry_controls = NAN;
        snprintf(e->method, sizeof e->method, "%s", cs->method ? cs->method : "");
        snprintf(e->source, sizeof e->source,
                 "registry: Callaway-Sant'Anna simple aggregate of the group-time effects of %s (staggered adoption)",
                 outcome ? outcome : "");
        snprintf(in->registry_choice, sizeof in->registry_choice,
                 "Callaway-Sant'Anna simple aggregate, cluster multiplier-bootstrap interval: adoption is staggered, "
                 "so the two-way fixed-effects estimate (%.4g) mixes in forbidden comparisons",
                 first->estimate);
        return CORE_OK;
    }
    e->has = 1;
    e->est = first->estimate;
    e->lo = pick->ci_low;
    e->hi = pick->ci_high;
    const core_result_row *lv = find_row(res, "did", "attained_level", outcome, NULL, term, pick->method);
    e->level = lv && lv->estimate > 0 && lv->estimate < 1 ? lv->estimate : in->conf;
    /* an SE from an interval uses the level that interval attains (81.8% for min-max over ten controls) */
    e->se = isfinite(pick->se) ? pick->se : (pick->ci_high - pick->ci_low) / (2.0 * z_of(e->level));
    e->p = pick->p_value;
    in->registry_controls = NAN;
    if (lv && pick->method && strncmp(pick->method, "conley_taber", 12) == 0) {
        /* min-max over N0 draws covers (N0 - 1) / (N0 + 1): N0 from the attained level */
        double n0 = floor((1 + e->level) / (1 - e->level) + 0.5);
        if (n0 >= 2 && fabs((n0 - 1) / (n0 + 1) - e->level) < 1e-9)
            in->registry_controls = n0;
    }
    if (lv) {
        size_t l = strlen(why);
        snprintf(why + l, sizeof why - l, "; attained coverage %.1f%%", 100 * e->level);
    }
    snprintf(e->method, sizeof e->method, "%s", pick->method ? pick->method : "");
    snprintf(e->source, sizeof e->source, "registry: difference in differences of %s on %s", outcome ? outcome : "",
             term);
    snprintf(in->registry_choice, sizeof in->registry_choice, "%s", why);
    return CORE_OK;
}

core_status rw_compare_pooled_from_rows(const core_results *res, rw_compare_in *in, core_err *err)
{
    effect_clear(&in->pooled);
    const core_result_row *l = find_row(res, "meta", "leave_one_out", NULL, NULL, NULL, NULL);
    const core_result_row *p = find_row(res, "meta", "pooled", NULL, NULL, NULL, l ? l->method : NULL);
    if (!p)
        p = find_row(res, "meta", "pooled", NULL, NULL, NULL, NULL);
    if (!p)
        return core_err_set(err, CORE_ERR_ANALYSIS, "the meta-analysis results hold no pooled effect");
    if (!eq(p->term, "rr"))
        return core_err_set(err, CORE_ERR_CONFIG,
                            "the comparison translates a pooled risk ratio to the trial's control rate; the "
                            "meta-analysis pools %s (set [meta] measure = RR, or type pooled_rr in [compare])",
                            p->term ? p->term : "another measure");
    if (!(p->estimate > 0) || !(p->ci_low > 0) || !isfinite(p->ci_high))
        return core_err_set(err, CORE_ERR_ANALYSIS, "the pooled risk ratio is not estimable (%s)",
                            p->label ? p->label : "no estimate");
    rw_cmp_effect *e = &in->pooled;
    e->has = 1;
    e->est = p->estimate;
    e->lo = p->ci_low;
    e->hi = p->ci_high;
    e->se = p->se;
    e->p = p->p_value;
    e->level = in->conf;
    snprintf(e->method, sizeof e->method, "%s", p->method ? p->method : "");
    /* the method in words (the row's method column keeps its key) */
    const char *m = p->method ? p->method : "";
    const char *mw = strcmp(m, "reml_hk") == 0 ? "random effects, REML, Knapp-Hartung"
                     : strcmp(m, "reml") == 0  ? "random effects, REML"
                     : strcmp(m, "dl_hk") == 0 ? "random effects, DerSimonian-Laird, Knapp-Hartung"
                     : strcmp(m, "dl") == 0    ? "random effects, DerSimonian-Laird"
                     : strcmp(m, "fixed") == 0 ? "common effect, inverse variance"
                     : strcmp(m, "mh") == 0    ? "Mantel-Haenszel"
                                               : m;
    snprintf(e->source, sizeof e->source, "meta-analysis: pooled RR of %.0f studies (%s)", p->n, mw);
    return CORE_OK;
}

/* ---------- the trial transported to the target population ([compare] target) ---------- */

void rw_transport_free(rw_transport *t)
{
    free(t->w);
    t->w = NULL;
}

void rw_compare_in_free(void *p)
{
    rw_compare_in *in = p;
    if (in)
        rw_transport_free(&in->transport);
    free(in);
}

core_status rw_transport_fit(const double *x, size_t n, size_t k, const double *m, const int *arm, const double *y,
                             size_t n_tp, const double *a, const char *const *names, const char *const *where,
                             const char *const *tp_names, const char *const *arm_names, rw_transport *out,
                             core_err *err)
{
    memset(out, 0, sizeof *out);
    if (n_tp == 0 || n_tp > RW_CMP_MAX_TP || k == 0 || k > RW_CMP_MAX_COV)
        return core_err_set(err, CORE_ERR_ANALYSIS, "transport: %zu timepoints and %zu covariates (1 to %d and 1 to %d)",
                            n_tp, k, RW_CMP_MAX_TP, RW_CMP_MAX_COV);
    out->n = n, out->k = k, out->n_tp = n_tp;
    out->w = calloc(n * n_tp > 0 ? n * n_tp : 1, sizeof *out->w);
    double *xs = malloc((n * k > 0 ? n * k : 1) * sizeof *xs), *ys = malloc((n ? n : 1) * sizeof *ys);
    double *psi = malloc((n ? n : 1) * sizeof *psi), *phi_t = calloc(n ? n : 1, sizeof *phi_t);
    double *phi_e = calloc(n ? n : 1, sizeof *phi_e);
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    core_status st = CORE_OK;
    if (!out->w || !xs || !ys || !psi || !phi_t || !phi_e || !idx) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t t = 0; t < n_tp; t++) {
        const double *yt = y + t * n;
        double at = a ? a[t] : (t + 1 == n_tp ? 1.0 : 0.0);
        const char *tpn = tp_names && tp_names[t] ? tp_names[t] : "the last timepoint";
        for (int g = 1; g >= 0; g--) {
            const char *an = arm_names && arm_names[g] ? arm_names[g] : (g ? "intervention" : "control");
            double sg = g ? 1.0 : -1.0;
            /* unweighted: every participant of the arm with the outcome observed (as the trial's own effect) */
            long nr = 0;
            double sy = 0;
            for (size_t i = 0; i < n; i++)
                if (arm[i] == g && !isnan(yt[i]))
                    nr++, sy += yt[i];
            if (nr == 0) {
                st = core_err_set(err, CORE_ERR_DATA, "transport: the %s arm has no observed outcome at %s", an, tpn);
                goto done;
            }
            double pr = sy / (double)nr;
            out->raw[g][t] = pr;
            out->n_raw[g][t] = nr;
            for (size_t i = 0; i < n; i++)
                if (arm[i] == g && !isnan(yt[i]))
                    phi_e[i] += at * sg * (yt[i] - pr) / (double)nr;
            /* weighted: those with every covariate observed too */
            size_t nf = 0;
            for (size_t i = 0; i < n; i++) {
                if (arm[i] != g || isnan(yt[i]))
                    continue;
                int ok = 1;
                for (size_t j = 0; j < k && ok; j++)
                    ok = !isnan(x[j * n + i]);
                if (ok)
                    idx[nf++] = i;
            }
            if (nf < 2) {
                st = core_err_set(err, CORE_ERR_DATA,
                                  "transport: the %s arm has %zu participant%s with the outcome and every target "
                                  "covariate observed at %s: too few to weight",
                                  an, nf, nf == 1 ? "" : "s", tpn);
                goto done;
            }
            for (size_t j = 0; j < k; j++) {
                double lo = INFINITY, hi = -INFINITY;
                for (size_t q = 0; q < nf; q++) {
                    double v = x[j * n + idx[q]];
                    xs[j * nf + q] = v;
                    lo = v < lo ? v : lo;
                    hi = v > hi ? v : hi;
                }
                if (!(m[j] > lo && m[j] < hi)) {
                    st = core_err_set(err, CORE_ERR_DATA,
                                      "%s%scovariate '%s': the target %g is outside what the %s arm's %zu participants "
                                      "observed at %s have (%g to %g%s): no weighting of them reaches it; give a "
                                      "target strictly inside that range, or leave '%s' out of the target file",
                                      where && where[j] ? where[j] : "", where && where[j] ? ": " : "", names[j], m[j],
                                      an, nf, tpn, lo, hi, lo == hi ? ": every one has the same value" : "", names[j]);
                    goto done;
                }
            }
            for (size_t q = 0; q < nf; q++)
                ys[q] = yt[idx[q]];
            st_entropy_fit f;
            double mu, se;
            if ((st = st_entropy_weights(xs, nf, k, m, names, 0, &f, err)) != CORE_OK)
                goto done;
            st = st_entropy_mean(&f, xs, m, ys, &mu, &se, psi, err);
            if (st == CORE_OK) {
                for (size_t q = 0; q < nf; q++) {
                    out->w[t * n + idx[q]] = f.w[q];
                    phi_t[idx[q]] += at * sg * psi[q];
                    phi_e[idx[q]] -= at * sg * psi[q];
                }
                out->mu[g][t] = mu;
                out->se_arm[g][t] = se;
                out->ess[g][t] = f.ess;
                out->gap[g][t] = f.max_abs_gap;
                out->n_fit[g][t] = (long)nf;
                if (t + 1 == n_tp)
                    for (size_t j = 0; j < k; j++) {
                        double s = 0, sw = 0;
                        for (size_t q = 0; q < nf; q++)
                            s += xs[j * nf + q], sw += f.w[q] * xs[j * nf + q];
                        out->xbar[g][j] = s / (double)nf;
                        out->wbar[g][j] = sw;
                    }
            }
            st_entropy_fit_free(&f);
            if (st != CORE_OK)
                goto done;
        }
        out->rd[t] = out->mu[1][t] - out->mu[0][t];
        out->se[t] = sqrt(out->se_arm[1][t] * out->se_arm[1][t] + out->se_arm[0][t] * out->se_arm[0][t]);
        out->path += at * out->rd[t];
        out->raw_path += at * (out->raw[1][t] - out->raw[0][t]);
    }
    double vt = 0, ve = 0;
    for (size_t i = 0; i < n; i++)
        vt += phi_t[i] * phi_t[i], ve += phi_e[i] * phi_e[i];
    out->path_se = sqrt(vt);
    out->explained = out->raw_path - out->path;
    out->explained_se = sqrt(ve);
done:
    free(xs);
    free(ys);
    free(psi);
    free(phi_t);
    free(phi_e);
    free(idx);
    if (st != CORE_OK)
        rw_transport_free(out);
    return st;
}

/* The trial's value of covariate j for row i: the number (a mean), or 1/0 for the level (a share); NaN missing. */
static double cov_value(const core_table *t, const rw_compare_in *in, size_t j, size_t i)
{
    size_t col = (size_t)in->cov_col[j];
    if (core_cell_missing(t, col, i))
        return NAN;
    if (in->cov_level[j][0]) {
        char buf[256];
        return strcmp(core_cell_text(t, col, i, buf, sizeof buf), in->cov_level[j]) == 0 ? 1.0 : 0.0;
    }
    double v;
    return core_cell_number(t, col, i, &v) == 1 ? v : NAN;
}

static long target_col(const core_table *t, const char *name, const char *file, core_err *err, core_status *st)
{
    long c = core_table_find(t, name);
    if (c < 0) {
        char have[400] = "";
        for (size_t j = 0; j < t->n_cols && strlen(have) < 300; j++)
            snprintf(have + strlen(have), sizeof have - strlen(have), "%s%s", j ? ", " : "", t->cols[j].name);
        *st = core_err_set(err, CORE_ERR_DATA,
                           "%s: no column '%s': a target file has the columns covariate, value, source (e.g. "
                           "age,38.5,SSB 2019; sex[male],0.55,NAV 2019); this one has: %s",
                           file, name, have);
    }
    return c;
}

core_status rw_compare_target_load(const core_table *tt, const rct_run *run, rw_compare_in *in, core_err *err)
{
    core_status st = CORE_OK;
    const char *file = tt->source ? tt->source : "the target file";
    snprintf(in->target_file, sizeof in->target_file, "%s", file);
    long cc = target_col(tt, "covariate", file, err, &st), vc = cc < 0 ? -1 : target_col(tt, "value", file, err, &st);
    long sc = vc < 0 ? -1 : target_col(tt, "source", file, err, &st);
    if (st != CORE_OK)
        return st;
    if (tt->n_rows == 0)
        return core_err_set(err, CORE_ERR_DATA, "%s: no rows: give one row per covariate of the target population "
                            "(covariate,value,source)", file);
    if (tt->n_rows > RW_CMP_MAX_COV)
        return core_err_set(err, CORE_ERR_DATA, "%s: %zu rows: at most %d covariates can be balanced", file,
                            tt->n_rows, RW_CMP_MAX_COV);
    const core_table *t = run->table;
    const rct_trial *tr = &run->trial;
    const char *arm_names[2] = {run->spec.control, run->spec.treatment};
    char w1[400], buf[256];
    in->n_cov = 0;
    for (size_t r = 0; r < tt->n_rows; r++) {
        size_t j = in->n_cov;
        const char *cov = core_cell_text(tt, (size_t)cc, r, buf, sizeof buf);
        if (!*cov)
            return core_err_set(err, CORE_ERR_DATA, "%s: empty covariate: name a column of the trial (age) or a level "
                                "of one (sex[male])", core_cell_where(tt, (size_t)cc, r, w1, sizeof w1));
        snprintf(in->cov_name[j], sizeof in->cov_name[j], "%s", cov);
        snprintf(in->cov_where[j], sizeof in->cov_where[j], "%s:%ld", file, core_table_line(tt, r));
        double v;
        int vs = core_cell_number(tt, (size_t)vc, r, &v);
        if (vs != 1 || !isfinite(v))
            return core_err_set(err, CORE_ERR_DATA, "%s: %s for '%s': give the covariate's mean in the target "
                                "population, or a level's share from 0 to 1 (exclusive)",
                                core_cell_where(tt, (size_t)vc, r, w1, sizeof w1),
                                vs == 0 ? "no value" : "not a number", in->cov_name[j]);
        in->cov_target[j] = v;
        const char *src = core_cell_text(tt, (size_t)sc, r, buf, sizeof buf);
        if (!*src)
            return core_err_set(err, CORE_ERR_DATA, "%s: no source for '%s': every target value says where it comes "
                                "from (a register and year, or 'illustrative')",
                                core_cell_where(tt, (size_t)sc, r, w1, sizeof w1), in->cov_name[j]);
        snprintf(in->cov_source[j], sizeof in->cov_source[j], "%s", src);
        /* name or name[level] */
        char name[128];
        snprintf(name, sizeof name, "%s", in->cov_name[j]);
        in->cov_level[j][0] = '\0';
        char *lb = strchr(name, '[');
        size_t nl = strlen(name);
        if (lb) {
            if (nl < 3 || name[nl - 1] != ']' || lb == name || lb + 1 == name + nl - 1)
                return core_err_set(err, CORE_ERR_DATA, "%s: '%s' is not NAME or NAME[LEVEL] (e.g. sex[male])",
                                    core_cell_where(tt, (size_t)cc, r, w1, sizeof w1), in->cov_name[j]);
            name[nl - 1] = '\0';
            *lb = '\0';
            snprintf(in->cov_level[j], sizeof in->cov_level[j], "%s", lb + 1);
        }
        for (size_t q = 0; q < j; q++)
            if (strcasecmp(in->cov_name[q], in->cov_name[j]) == 0)
                return core_err_set(err, CORE_ERR_DATA, "%s: '%s' is given twice (also on %s); give each covariate "
                                    "once", core_cell_where(tt, (size_t)cc, r, w1, sizeof w1), in->cov_name[j],
                                    in->cov_where[q]);
        long col = core_table_find(t, name);
        if (col < 0) {
            char have[600] = "";
            for (size_t q = 0; q < run->spec.n_covariates && strlen(have) < 500; q++)
                snprintf(have + strlen(have), sizeof have - strlen(have), "%s%s", q ? ", " : "",
                         run->spec.covariates[q]);
            return core_err_set(err, CORE_ERR_DATA, "%s: '%s' is not a column of the trial data (%s)%s%s",
                                core_cell_where(tt, (size_t)cc, r, w1, sizeof w1), name,
                                t->source ? t->source : "[trial] data", have[0] ? "; the trial's covariates: " : "",
                                have);
        }
        in->cov_col[j] = col;
        const core_column *c = &t->cols[col];
        int is_share = in->cov_level[j][0] != '\0';
        int text_levels = 0; /* a categorical column whose levels are not all numbers */
        for (size_t q = 0; c->type == CORE_COL_CATEGORICAL && q < c->n_levels; q++)
            text_levels |= !c->level_num || q >= c->n_level_num || isnan(c->level_num[q]);
        if (!is_share && text_levels) {
            char lv[400] = "";
            for (size_t q = 0; q < c->n_levels && strlen(lv) < 300; q++)
                snprintf(lv + strlen(lv), sizeof lv - strlen(lv), "%s%s[%s]", q ? ", " : "", name, c->levels[q]);
            return core_err_set(err, CORE_ERR_DATA, "%s: '%s' is a categorical column of the trial: give the share "
                                "of one of its levels instead of a mean (%s)",
                                core_cell_where(tt, (size_t)cc, r, w1, sizeof w1), name, lv);
        }
        if (is_share && !(v > 0 && v < 1))
            return core_err_set(err, CORE_ERR_DATA, "%s: the share of %s is %g: a share must lie strictly between 0 "
                                "and 1 (no weighting can make a level absent or universal)",
                                core_cell_where(tt, (size_t)vc, r, w1, sizeof w1), in->cov_name[j], v);
        in->n_cov++;
        /* against each arm: a level both arms have, a mean inside each arm's range */
        for (int g = 1; g >= 0; g--) {
            double lo = INFINITY, hi = -INFINITY;
            long nn = 0, bad = -1;
            for (size_t i = 0; i < t->n_rows; i++) {
                if (tr->arm[i] != g)
                    continue;
                double xv = cov_value(t, in, j, i);
                if (isnan(xv)) {
                    if (!is_share && !core_cell_missing(t, (size_t)col, i) && bad < 0)
                        bad = (long)i;
                    continue;
                }
                nn++;
                lo = xv < lo ? xv : lo;
                hi = xv > hi ? xv : hi;
            }
            if (bad >= 0)
                return core_err_set(err, CORE_ERR_DATA, "%s: '%s' is not a number at %s: a target mean needs a "
                                    "numeric column", in->cov_where[j], name,
                                    core_cell_where(t, (size_t)col, (size_t)bad, w1, sizeof w1));
            if (is_share && hi < 1)
                return core_err_set(err, CORE_ERR_DATA, "%s: no participant of the %s arm has %s = '%s' (%ld with "
                                    "'%s' observed): the share of an absent category cannot be reweighted; leave "
                                    "%s out of the target file",
                                    in->cov_where[j], arm_names[g], name, in->cov_level[j], nn, name, in->cov_name[j]);
            if (is_share && lo > 0)
                return core_err_set(err, CORE_ERR_DATA, "%s: every participant of the %s arm has %s = '%s': a share "
                                    "below 1 cannot be reached; leave %s out of the target file",
                                    in->cov_where[j], arm_names[g], name, in->cov_level[j], in->cov_name[j]);
            if (!is_share && !(v > lo && v < hi))
                return core_err_set(err, CORE_ERR_DATA,
                                    "%s: covariate '%s': the target mean %g is outside the %s arm's range (%g to %g): "
                                    "the trial cannot stand for a population none of its participants resemble; give "
                                    "a target strictly inside it, or leave '%s' out",
                                    in->cov_where[j], name, v, arm_names[g], lo, hi, name);
        }
    }
    /* not every level of one column, and shares of one column adding up to less than 1 */
    for (size_t j = 0; j < in->n_cov; j++) {
        if (!in->cov_level[j][0])
            continue;
        size_t given = 0;
        double sum = 0;
        for (size_t q = 0; q < in->n_cov; q++)
            if (in->cov_col[q] == in->cov_col[j] && in->cov_level[q][0])
                given++, sum += in->cov_target[q];
        /* distinct levels observed in the two arms */
        char seen[64][96];
        size_t n_seen = 0;
        for (size_t i = 0; i < t->n_rows && n_seen < 64; i++) {
            if ((tr->arm[i] != 0 && tr->arm[i] != 1) || core_cell_missing(t, (size_t)in->cov_col[j], i))
                continue;
            const char *tx = core_cell_text(t, (size_t)in->cov_col[j], i, buf, sizeof buf);
            size_t q;
            for (q = 0; q < n_seen && strcmp(seen[q], tx) != 0; q++)
                ;
            if (q == n_seen)
                snprintf(seen[n_seen++], sizeof seen[0], "%s", tx);
        }
        if (sum >= 1 - 1e-12 || given >= n_seen)
            return core_err_set(err, CORE_ERR_DATA,
                                "%s: the shares given for the levels of '%s' add up to %g over %zu of its %zu levels: "
                                "the levels' shares add up to 1, so give every level but one (the one left out takes "
                                "the rest)",
                                in->cov_where[j], t->cols[in->cov_col[j]].name, sum, given, n_seen);
    }
    snprintf(in->arm_label[0], sizeof in->arm_label[0], "%s", arm_names[0] ? arm_names[0] : "control");
    snprintf(in->arm_label[1], sizeof in->arm_label[1], "%s", arm_names[1] ? arm_names[1] : "intervention");
    return CORE_OK;
}

core_status rw_compare_transport(const rct_run *run, size_t outcome, rw_compare_in *in, core_err *err)
{
    const core_table *t = run->table;
    const rct_trial *tr = &run->trial;
    const rct_outcome_spec *o = &run->spec.outcomes[outcome];
    size_t n = t->n_rows, k = in->n_cov, ntp = in->n_tp ? in->n_tp : 1;
    size_t cols[RW_CMP_MAX_TP];
    double a[RW_CMP_MAX_TP];
    if (in->n_tp) { /* the trial path's months, its trapezoid weights */
        double T = in->tp_month[in->n_tp - 1], prev = 0;
        for (size_t q = 0; q < in->n_tp; q++) {
            size_t j;
            double mo = NAN;
            for (j = 0; j < o->n_columns; j++) {
                const char *lb = rct_outcome_timepoint(o, j);
                if (lb && core_parse_double(lb, '.', &mo) && mo == in->tp_month[q])
                    break;
            }
            if (j == o->n_columns)
                return core_err_set(err, CORE_ERR_ANALYSIS, "transport: no column of '%s' at month %g", o->name,
                                    in->tp_month[q]);
            cols[q] = tr->col_index[tr->outcome_cols[outcome] + j];
            double h = in->tp_month[q] - prev, hn = q + 1 < in->n_tp ? in->tp_month[q + 1] - in->tp_month[q] : 0;
            a[q] = (h + hn) / (2.0 * T);
            prev = in->tp_month[q];
            snprintf(in->tp_label[q], sizeof in->tp_label[q], "%s", rct_outcome_timepoint(o, j));
        }
    } else { /* no months: the last column stands for the window, as the trial effect */
        size_t j = o->n_columns - 1;
        cols[0] = tr->col_index[tr->outcome_cols[outcome] + j];
        a[0] = 1;
        snprintf(in->tp_label[0], sizeof in->tp_label[0], "%s",
                 rct_outcome_timepoint(o, j) ? rct_outcome_timepoint(o, j) : "");
    }
    double *x = malloc((n * k > 0 ? n * k : 1) * sizeof *x), *y = malloc((n * ntp > 0 ? n * ntp : 1) * sizeof *y);
    int *arm = malloc((n ? n : 1) * sizeof *arm);
    core_status st = CORE_OK;
    if (!x || !y || !arm) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    in->n_cov_missing = 0;
    for (size_t i = 0; i < n; i++) {
        arm[i] = tr->arm[i] == 1 ? 1 : tr->arm[i] == 0 ? 0 : -1;
        int miss = 0;
        for (size_t j = 0; j < k; j++)
            miss |= isnan(x[j * n + i] = cov_value(t, in, j, i));
        if (miss && arm[i] >= 0)
            in->n_cov_missing++;
        for (size_t q = 0; q < ntp; q++) {
            double v;
            y[q * n + i] = core_cell_number(t, cols[q], i, &v) == 1 ? (double)(v == 1) : NAN;
        }
    }
    const char *names[RW_CMP_MAX_COV], *where[RW_CMP_MAX_COV], *tpn[RW_CMP_MAX_TP], *arms[2];
    char tpbuf[RW_CMP_MAX_TP][48];
    for (size_t j = 0; j < k; j++)
        names[j] = in->cov_name[j], where[j] = in->cov_where[j];
    for (size_t q = 0; q < ntp; q++) {
        snprintf(tpbuf[q], sizeof tpbuf[q], "%s%s", in->n_tp ? "month " : "",
                 in->tp_label[q][0] ? in->tp_label[q] : "the outcome's timepoint");
        tpn[q] = tpbuf[q];
    }
    arms[0] = in->arm_label[0], arms[1] = in->arm_label[1];
    snprintf(in->trial_outcome, sizeof in->trial_outcome, "%s", o->name);
    rw_transport_free(&in->transport);
    st = rw_transport_fit(x, n, k, in->cov_target, arm, y, ntp, a, names, where, tpn, arms, &in->transport, err);
    if (st == CORE_OK)
        in->has_transport = 1;
done:
    free(x);
    free(y);
    free(arm);
    return st;
}

/* ---------- the comparison ---------- */

typedef struct emit {
    core_results *res;
    const char *outcome;
    const char *tp; /* the timepoint of the rows put now (NULL: none) */
    core_err *err;
    core_status st;
} emit;

static void put(emit *o, const char *analysis, const char *outcome, const char *term, const char *method, double est,
                double se, double lo, double hi, double n, const char *label)
{
    if (o->st != CORE_OK)
        return;
    core_result_row r = CORE_RESULT_ROW_EMPTY;
    r.module = "compare";
    r.analysis = analysis;
    r.outcome = outcome;
    r.term = term;
    r.timepoint = o->tp;
    r.method = method;
    r.estimate = est;
    r.se = se;
    r.ci_low = lo;
    r.ci_high = hi;
    r.n = n;
    r.label = label;
    if (core_results_add(o->res, &r) != CORE_OK)
        o->st = core_err_set(o->err, CORE_ERR_NOMEM, "out of memory adding a comparison row");
}

/* Ratio a/b of independent estimates: delta-method se and interval, and Fieller's interval.
 * Fieller (1954): the set of R with (a - R b)^2 <= z^2 (sa^2 + R^2 sb^2); bounded when b is
 * significantly non-zero (b^2 > z^2 sb^2). */
typedef struct ratio {
    double r, se, lo, hi, f_lo, f_hi;
    int fieller_bounded;
} ratio;

static ratio ratio_of(double a, double sa, double b, double sb, double z)
{
    ratio q = {.r = a / b, .se = NAN, .lo = NAN, .hi = NAN, .f_lo = NAN, .f_hi = NAN};
    q.se = fabs(q.r) * sqrt((sa / a) * (sa / a) + (sb / b) * (sb / b));
    if (a == 0) /* sa/a undefined: d(a/b) = da/b */
        q.se = sa / fabs(b);
    q.lo = q.r - z * q.se;
    q.hi = q.r + z * q.se;
    double A = b * b - z * z * sb * sb, B = -2.0 * a * b, C = a * a - z * z * sa * sa;
    double disc = B * B - 4.0 * A * C;
    if (A > 0 && disc >= 0) {
        q.fieller_bounded = 1;
        q.f_lo = (-B - sqrt(disc)) / (2.0 * A);
        q.f_hi = (-B + sqrt(disc)) / (2.0 * A);
    }
    return q;
}

core_status rw_compare_run(const rw_compare_in *in, core_results *res, core_err *err)
{
    if (!in->trial.has && !in->registry.has)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "the comparison has neither a trial effect nor a registry effect: add [trial] (with a binary "
                            "primary outcome) and [registry] sections, or type them in ([compare] trial_effect, "
                            "registry_effect with their _se or registry_ci)");
    double D = in->workdays_per_year, f = D * in->position_share, z = z_of(in->conf);
    double k = in->scale_employment ? 1.0 / f : 1.0; /* days -> reported scale */
    const char *scale = in->scale_employment ? "employment_probability" : "workdays_per_person_year";
    emit o = {.res = res, .err = err, .st = CORE_OK};
    char lab[1400];
    int has_takeup = isfinite(in->ips_users) && isfinite(in->exposed_population);
    double takeup = has_takeup ? in->ips_users / in->exposed_population : NAN;
    /* the level of everything derived from the registry interval: the level that interval attains */
    double lvl = in->conf;
    if (in->registry.has && in->registry.level > 0 && in->registry.level < lvl)
        lvl = in->registry.level;
    double zd = z_of(lvl);
    char lvtxt[200];
    if (lvl < in->conf)
        snprintf(lvtxt, sizeof lvtxt, "%.1f%% interval: the level the registry's %s interval attains, not %.0f%%",
                 100 * lvl, in->registry.method, 100 * in->conf);
    else
        snprintf(lvtxt, sizeof lvtxt, "%.0f%% interval", 100 * lvl);

    /* the inputs, so that the workbook can rebuild every figure with live formulas */
    snprintf(lab, sizeof lab, "%s",
             in->workdays_default ? "workdays in a full-time employed year: the default, the mean number of weekdays "
                                    "(Monday-Friday) in a calendar year, as the spells module counts them"
                                  : "workdays in a full-time employed year, as [compare] workdays_per_year gives (one "
                                    "number for the whole run)");
    put(&o, "assumption", "compare", "workdays_per_year", in->workdays_default ? "default" : "config", D, NAN, NAN, NAN,
        NAN, lab);
    put(&o, "assumption", "compare", "position_share", "config", in->position_share, NAN, NAN, NAN, NAN,
        "mean share of full time in the jobs gained");
    if (isfinite(in->exposed_population))
        put(&o, "assumption", "compare", "exposed_population", "config", in->exposed_population, NAN, NAN, NAN, NAN,
            "the people the registry effect averages over in the post-period: the take-up denominator and the "
            "work-years' population");
    if (has_takeup) {
        put(&o, "assumption", "compare", "ips_users", "config", in->ips_users, NAN, NAN, NAN, NAN,
            "people who received IPS among the exposed population, post-period");
        put(&o, "assumption", "compare", "take_up", "ratio", takeup, NAN, NAN, NAN, NAN,
            "ips_users / exposed_population: the same people and period the registry effect averages over");
    }
    put(&o, "assumption", "compare", "interval_level", "level", lvl, NAN, NAN, NAN, NAN,
        lvl < in->conf ? "level of the intervals derived from the registry effect (ratios): the level its interval "
                         "attains"
                       : "level of the derived intervals (ratios)");
    put(&o, "assumption", "compare", "z", "normal", zd, NAN, NAN, NAN, NAN,
        "normal quantile of interval_level, for the delta-method and Fieller intervals of the ratios");
    if (in->trial.has)
        put(&o, "source_effect", "compare", "trial_effect", in->trial.method, in->trial.est, in->trial.se, in->trial.lo,
            in->trial.hi, NAN, in->trial.source);
    for (size_t q = 0; q < in->n_tp; q++) {
        char term[48];
        snprintf(term, sizeof term, "trial_effect[%g]", in->tp_month[q]);
        snprintf(lab, sizeof lab, "trial: risk difference at month %g (Newcombe interval; SE from the Wald test), one "
                 "point of the effect path", in->tp_month[q]);
        put(&o, "source_effect", "compare", term, "newcombe", in->tp_rd[q], in->tp_se[q], in->tp_lo[q], in->tp_hi[q],
            NAN, lab);
    }
    if (isfinite(in->trial_control_rate))
        put(&o, "source_effect", "compare", "trial_control_rate", "trial", in->trial_control_rate, NAN, NAN, NAN, NAN,
            "share employed in the trial's control arm at the last timepoint");
    if (in->registry.has) {
        snprintf(lab, sizeof lab, "%s; used: %s%s%s", in->registry.source,
                 in->registry_choice[0] ? in->registry_choice : "the typed-in figure (the run has no [registry])",
                 in->registry_typed_note[0] ? "; " : "", in->registry_typed_note);
        put(&o, "source_effect", "compare", "registry_effect", in->registry.method, in->registry.est, in->registry.se,
            in->registry.lo, in->registry.hi, NAN, lab);
        if (in->registry.level < in->conf) {
            snprintf(lab, sizeof lab, "the registry interval covers %.1f%% (attained level of %s); its SE is (high - "
                     "low) / 2z at that level", 100 * in->registry.level, in->registry.method);
            put(&o, "assumption", "compare", "registry_level", "level", in->registry.level, NAN, NAN, NAN, NAN, lab);
            if (isfinite(in->registry_controls)) {
                snprintf(lab, sizeof lab, "control clusters (%s) behind the registry interval: a min-max interval "
                         "over %.0f placebo draws covers (%.0f - 1) / (%.0f + 1) = %.1f%%; method = the cluster column",
                         in->registry_cluster[0] ? in->registry_cluster : "clusters", in->registry_controls,
                         in->registry_controls, in->registry_controls, 100 * in->registry.level);
                put(&o, "assumption", "compare", "registry_controls",
                    in->registry_cluster[0] ? in->registry_cluster : "cluster", in->registry_controls, NAN, NAN, NAN,
                    in->registry_controls, lab);
            }
        }
    }
    if (in->pooled.has)
        put(&o, "source_effect", "compare", "pooled_rr", in->pooled.method, in->pooled.est, in->pooled.se,
            in->pooled.lo, in->pooled.hi, NAN, in->pooled.source);

    /* effects on the common scale, in workdays per person-year before the scale factor k */
    double t_d = NAN, t_se = NAN, t_lo = NAN, t_hi = NAN;
    if (in->trial.has) {
        t_d = in->trial.est * f, t_se = in->trial.se * f, t_lo = in->trial.lo * f, t_hi = in->trial.hi * f;
        snprintf(lab, sizeof lab,
                 "intention to treat: mean employment effect %.2f percentage points x %g workdays a year x position "
                 "share %g = workdays per person-year; %s",
                 100 * in->trial.est, D, in->position_share, in->trial.source);
        put(&o, "effect_on_common_scale", scale, "trial_itt", in->trial.method, k * t_d, k * t_se, k * t_lo, k * t_hi,
            NAN, lab);
    }
    double r_d = NAN, r_se = NAN, u_d = NAN, u_se = NAN;
    if (in->registry.has) {
        r_d = in->registry.est, r_se = in->registry.se;
        snprintf(lab, sizeof lab, "per member of the exposed population (everyone the registry effect averages "
                 "over); %.1f%% interval%s; %s",
                 100 * (in->registry.level > 0 ? in->registry.level : in->conf),
                 in->registry.level < in->conf ? " (the level the registry interval attains)" : "",
                 in->registry_choice[0] ? in->registry_choice : in->registry.source);
        put(&o, "effect_on_common_scale", scale, "registry_per_member", in->registry.method, k * r_d, k * r_se,
            k * in->registry.lo, k * in->registry.hi, in->exposed_population, lab);
        if (has_takeup) {
            u_d = r_d / takeup, u_se = r_se / takeup;
            snprintf(lab, sizeof lab,
                     "per IPS user: the per-member effect / take-up %.4g (%g IPS users among %g exposed, post-period) "
                     "(Bloom 1984; an upper bound if IPS also changed outcomes of non-users through spill-overs, as "
                     "the Bodø design intends); %.1f%% interval",
                     takeup, in->ips_users, in->exposed_population,
                     100 * (in->registry.level > 0 ? in->registry.level : in->conf));
            put(&o, "effect_on_common_scale", scale, "registry_per_user", in->registry.method, k * u_d, k * u_se,
                k * in->registry.lo / takeup, k * in->registry.hi / takeup, in->ips_users, lab);
        }
    }
    /* the trial transported to the registry population, and the split of the trial-registry gap */
    if (in->has_transport && in->trial.has) {
        const rw_transport *tp = &in->transport;
        size_t ntp = tp->n_tp;
        char what[64];
        for (size_t j = 0; j < in->n_cov; j++) {
            snprintf(lab, sizeof lab, "target population: %s %s = %g; source: %s (%s)",
                     in->cov_level[j][0] ? "share of" : "mean of", in->cov_name[j], in->cov_target[j],
                     in->cov_source[j], in->cov_where[j]);
            put(&o, "transport_target", "target", in->cov_name[j], in->cov_level[j][0] ? "share" : "mean",
                in->cov_target[j], NAN, NAN, NAN, NAN, lab);
            for (int g = 1; g >= 0; g--) {
                snprintf(lab, sizeof lab, "%s arm, the %ld participants weighted at the last timepoint: unweighted "
                         "mean of %s", in->arm_label[g], tp->n_fit[g][ntp - 1], in->cov_name[j]);
                put(&o, "transport_balance", in->arm_label[g], in->cov_name[j], "unweighted", tp->xbar[g][j], NAN,
                    NAN, NAN, (double)tp->n_fit[g][ntp - 1], lab);
                snprintf(lab, sizeof lab, "%s arm: mean of %s under the entropy weights (equals the target %g to "
                         "the solver's tolerance)", in->arm_label[g], in->cov_name[j], in->cov_target[j]);
                put(&o, "transport_balance", in->arm_label[g], in->cov_name[j], "weighted", tp->wbar[g][j], NAN, NAN,
                    NAN, (double)tp->n_fit[g][ntp - 1], lab);
            }
        }
        for (size_t q = 0; q < ntp; q++) {
            o.tp = in->tp_label[q][0] ? in->tp_label[q] : NULL;
            for (int g = 1; g >= 0; g--) {
                double m = tp->mu[g][q], s = tp->se_arm[g][q];
                snprintf(lab, sizeof lab, "%s arm weighted to the target population: %ld of %ld participants with "
                         "the outcome observed (%ld left out for a missing covariate); unweighted %.4f; sandwich SE "
                         "(the weights' estimation included, the target means taken as known), normal interval",
                         in->arm_label[g], tp->n_fit[g][q], tp->n_raw[g][q], tp->n_raw[g][q] - tp->n_fit[g][q],
                         tp->raw[g][q]);
                put(&o, "transported_proportion", in->trial_outcome, in->arm_label[g], "entropy_sandwich", m, s,
                    m - z * s, m + z * s, (double)tp->n_fit[g][q], lab);
                snprintf(lab, sizeof lab, "effective sample size of the %s arm's entropy weights, (sum w)^2 / sum "
                         "w^2, of %ld participants weighted; largest gap between a weighted covariate mean and its "
                         "target %.2g",
                         in->arm_label[g], tp->n_fit[g][q], tp->gap[g][q]);
                put(&o, "effective_sample_size", in->trial_outcome, in->arm_label[g], "entropy", tp->ess[g][q], NAN,
                    NAN, NAN, (double)tp->n_fit[g][q], lab);
            }
            snprintf(lab, sizeof lab, "the trial's risk difference with each arm weighted to the target population "
                     "(entropy weights, Signorovitch et al. 2010); SE sqrt(SE1^2 + SE0^2) from the two arms' sandwich "
                     "variances; normal %.0f%% interval; the trial's own (unweighted) %.4f",
                     100 * in->conf, tp->raw[1][q] - tp->raw[0][q]);
            put(&o, "transported_effect", in->trial_outcome, "arm", "entropy_sandwich", tp->rd[q],
                tp->se[q], tp->rd[q] - z * tp->se[q], tp->rd[q] + z * tp->se[q],
                (double)(tp->n_fit[1][q] + tp->n_fit[0][q]), lab);
        }
        o.tp = NULL;
        double tl = tp->path - z * tp->path_se, th = tp->path + z * tp->path_se;
        snprintf(lab, sizeof lab, "trial transported to the registry population: %s (share employed), each arm "
                 "weighted to %s; sandwich SE with every timepoint stacked; normal %.0f%% interval",
                 in->n_tp ? "the mean of its transported effect path" : "its transported effect", in->target_file,
                 100 * in->conf);
        put(&o, "source_effect", "compare", "trial_transported", "entropy_sandwich", tp->path, tp->path_se, tl, th, NAN,
            lab);
        snprintf(lab, sizeof lab, "the trial's effect minus the transported one (share employed): the part explained "
                 "by who the participants are; SE from both estimates' influence on the same participants");
        put(&o, "source_effect", "compare", "trial_transported_explained", "entropy_sandwich", in->trial.est - tp->path,
            tp->explained_se, in->trial.est - tp->path - z * tp->explained_se,
            in->trial.est - tp->path + z * tp->explained_se, NAN, lab);
        put(&o, "assumption", "compare", "z_confidence", "normal", z, NAN, NAN, NAN, NAN,
            "normal quantile of the run's confidence level, for the transported effect and the part of the gap it "
            "explains (no registry interval enters them)");
        double T_d = tp->path * f, T_se = tp->path_se * f;
        snprintf(what, sizeof what, "%s", in->n_tp ? "the mean of its transported effect path" : "its effect");
        snprintf(lab, sizeof lab, "the trial transported to the registry population (%zu covariate%s of %s): %s x "
                 "%g workdays x position share %g; sandwich SE over the participants with every timepoint stacked "
                 "(the weights' estimation included); normal %.0f%% interval",
                 in->n_cov, in->n_cov == 1 ? "" : "s", in->target_file, what, D, in->position_share, 100 * in->conf);
        put(&o, "effect_on_common_scale", scale, "trial_transported", "entropy_sandwich", k * T_d, k * T_se,
            k * (T_d - z * T_se), k * (T_d + z * T_se), NAN, lab);
        /* the gap: trial - registry = (trial - transported) + (transported - registry) */
        double P = t_d - T_d, P_se = tp->explained_se * f;
        snprintf(lab, sizeof lab, "the part of the gap explained by who the participants are: the trial's effect minus "
                 "the trial transported to the registry population (%.3g - %.3g); SE of the difference from both "
                 "estimates' influence on the same participants; normal %.0f%% interval",
                 k * t_d, k * T_d, 100 * in->conf);
        put(&o, "transport_gap", scale, "population", "entropy_sandwich", k * P, k * P_se, k * (P - z * P_se),
            k * (P + z * P_se), NAN, lab);
        double R_d = has_takeup ? u_d : r_d, R_se = has_takeup ? u_se : r_se;
        if (in->registry.has) {
            const char *rn = has_takeup ? "per IPS user" : "per member (no take-up given)";
            double G = t_d - R_d, G_se = sqrt(t_se * t_se + R_se * R_se);
            double Q = T_d - R_d, Q_se = sqrt(T_se * T_se + R_se * R_se);
            snprintf(lab, sizeof lab, "the gap between the trial and the real world: the trial's effect minus the "
                     "registry effect %s; SE from the two, independent; %s", rn, lvtxt);
            put(&o, "transport_gap", scale, "total", "independent", k * G, k * G_se, k * (G - zd * G_se),
                k * (G + zd * G_se), NAN, lab);
            snprintf(lab, sizeof lab, "the part that remains once the trial stands for the registry population: the "
                     "transported trial effect minus the registry effect %s (delivery, fidelity, context); SE from the "
                     "two, independent; %s", rn, lvtxt);
            put(&o, "transport_gap", scale, "remaining", "independent", k * Q, k * Q_se, k * (Q - zd * Q_se),
                k * (Q + zd * Q_se), NAN, lab);
        }
    }
    if (in->pooled.has) {
        snprintf(lab, sizeof lab,
                 "pooled risk ratio of published trials on its own scale: a ratio of cumulative incidence ('ever "
                 "employed' over follow-up), not person-time, so it is not converted to workdays or work-years; %s",
                 in->pooled.source);
        put(&o, "effect_on_own_scale", "risk_ratio", "pooled_rct", in->pooled.method, in->pooled.est, in->pooled.se,
            in->pooled.lo, in->pooled.hi, NAN, lab);
    }

    /* efficacy-effectiveness ratios: real world per IPS user and per member over the trial */
    const struct {
        const char *term;
        double a, sa;
        const char *what;
    } num[2] = {{"registry_per_user_vs_trial", u_d, u_se, "real-world effect per IPS user"},
                {"registry_per_member_vs_trial", r_d, r_se, "real-world effect per member (needs no take-up)"}};
    for (int j = 0; j < 2; j++) {
        if (!isfinite(num[j].a) || isnan(t_d))
            continue;
        if (t_d == 0) {
            put(&o, "efficacy_effectiveness_ratio", "ratio", num[j].term, "delta", NAN, NAN, NAN, NAN, NAN,
                "undefined: the trial effect is 0");
            continue;
        }
        ratio q = ratio_of(num[j].a, num[j].sa, t_d, t_se, zd);
        snprintf(lab, sizeof lab,
                 "%s / the trial's intention-to-treat effect (both in workdays per person-year); delta method with the "
                 "two estimates independent; %s; 1 = the real world matches the trial",
                 num[j].what, lvtxt);
        put(&o, "efficacy_effectiveness_ratio", "ratio", num[j].term, "delta", q.r, q.se, q.lo, q.hi, NAN, lab);
        if (q.fieller_bounded)
            snprintf(lab, sizeof lab, "Fieller's interval for the same ratio (exact under normality of both "
                     "estimates); %s", lvtxt);
        else
            snprintf(lab, sizeof lab,
                     "Fieller's interval is unbounded: the trial's interval at this level includes 0, so no finite "
                     "ratio is excluded; %s", lvtxt);
        put(&o, "efficacy_effectiveness_ratio", "ratio", num[j].term, "fieller", q.r, NAN, q.f_lo, q.f_hi, NAN, lab);
    }

    /* work-years gained: effect per member x exposed population / workdays in a full-time year */
    if (isfinite(in->exposed_population)) {
        double m = in->exposed_population / D;
        if (in->registry.has) {
            snprintf(lab, sizeof lab,
                     "registry effect per member %.3g days x %g exposed / %g workdays per full-time year = full-time "
                     "work-years a year; %.1f%% interval (the registry interval's)",
                     r_d, in->exposed_population, D, 100 * (in->registry.level > 0 ? in->registry.level : in->conf));
            put(&o, "work_years", "work_years", "registry", "scaled", r_d * m, r_se * m, in->registry.lo * m,
                in->registry.hi * m, in->exposed_population, lab);
        }
        if (in->trial.has) {
            snprintf(lab, sizeof lab,
                     "if every exposed person had the trial's intention-to-treat effect (%.3g days): x %g / %g",
                     t_d, in->exposed_population, D);
            put(&o, "work_years", "work_years", "trial", "scaled", t_d * m, t_se * m, t_lo * m, t_hi * m,
                in->exposed_population, lab);
        }
    }

    /* employment rates of IPS users: the trial's arms and routine practice (reference lines) */
    if (isfinite(in->trial_ips_rate))
        put(&o, "reference_rate", "employment_rate", "trial_ips", "trial", in->trial_ips_rate, NAN, NAN, NAN, NAN,
            "the trial's intervention arm at the last timepoint");
    if (isfinite(in->trial_control_rate))
        put(&o, "reference_rate", "employment_rate", "trial_control", "trial", in->trial_control_rate, NAN, NAN, NAN,
            NAN, "the trial's control arm at the last timepoint");
    for (size_t i = 0; i < in->n_rates; i++)
        put(&o, "reference_rate", "employment_rate", in->rates[i].name, "published", in->rates[i].rate, NAN, NAN, NAN,
            NAN, in->rates[i].source);
    return o.st;
}
