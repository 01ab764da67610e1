/* The meta-analysis rows (SPEC §4, module "meta"): study effects and weights, pooled effects,
 * heterogeneity and prediction intervals for every configured method, leave-one-out, cumulative by
 * year and a meta-regression, all from stats/st_meta. Ratio measures are reported as ratios with the
 * SE of the log; meta-regression coefficients stay on the analysis (log) scale. */
#include "meta/meta.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Below this many studies tau² is poorly estimated and Knapp–Hartung intervals are wide
 * (IntHout, Ioannidis & Borm 2014 BMC Med Res Methodol 14:25; Röver, Knapp & Friede 2015 BMC Med Res
 * Methodol 15:99): the rows say so. */
#define FEW_STUDIES 5

const char *meta_few_studies_warning(size_t k)
{
    if (k >= FEW_STUDIES)
        return NULL;
    return "very few studies: τ² is imprecise and random-effects intervals (Knapp-Hartung above all) are wide";
}

static int is_random(meta_method m)
{
    return m == META_DL || m == META_REML || m == META_ML || m == META_PM;
}

core_status meta_check(const core_config *cfg, const meta_spec *spec, const meta_studies *st, const char **warning,
                       core_err *err)
{
    char where[600];
    int random = 0;
    *warning = NULL;
    for (size_t i = 0; i < spec->n_methods; i++)
        random |= is_random(spec->methods[i]);
    if (st->k == 0)
        return core_err_set(err, CORE_ERR_ANALYSIS, "%s: no study is left to pool (all %zu excluded)",
                            core_config_where(cfg, "meta", "data", where, sizeof where), st->n);
    if (random && st->k < 2)
        return core_err_set(err, CORE_ERR_ANALYSIS,
                            "%s: a random-effects model needs at least two studies; %zu is left to pool. Use method = "
                            "fixed, or add studies",
                            core_config_where(cfg, "meta", "method", where, sizeof where), st->k);
    *warning = random ? meta_few_studies_warning(st->k) : NULL;
    return CORE_OK;
}

static st_meta_tau2 tau2_of(meta_method m)
{
    switch (m) {
    case META_DL: return ST_META_DL;
    case META_REML: return ST_META_REML;
    case META_ML: return ST_META_ML;
    case META_PM: return ST_META_PM;
    default: return ST_META_FIXED;
    }
}

/* The included studies as arrays (in table order, or in `order` when given). */
typedef struct arrays {
    size_t k;
    double *yi, *vi, *a, *n1, *c, *n0;
    const meta_study **s;
} arrays;

static void arrays_free(arrays *x)
{
    free(x->yi);
    free(x->vi);
    free(x->a);
    free(x->n1);
    free(x->c);
    free(x->n0);
    free(x->s);
    memset(x, 0, sizeof *x);
}

static core_status arrays_new(arrays *x, size_t k, core_err *err)
{
    memset(x, 0, sizeof *x);
    size_t m = k ? k : 1;
    x->yi = malloc(m * sizeof(double));
    x->vi = malloc(m * sizeof(double));
    x->a = malloc(m * sizeof(double));
    x->n1 = malloc(m * sizeof(double));
    x->c = malloc(m * sizeof(double));
    x->n0 = malloc(m * sizeof(double));
    x->s = malloc(m * sizeof *x->s);
    if (!x->yi || !x->vi || !x->a || !x->n1 || !x->c || !x->n0 || !x->s) {
        arrays_free(x);
        return core_err_set(err, CORE_ERR_NOMEM, "meta-analysis: out of memory");
    }
    return CORE_OK;
}

static void arrays_put(arrays *x, const meta_study *s)
{
    size_t i = x->k++;
    x->yi[i] = s->yi, x->vi[i] = s->vi, x->a[i] = s->a, x->n1[i] = s->n1, x->c[i] = s->c, x->n0[i] = s->n0;
    x->s[i] = s;
}

/* One pooled variant: a method, with or without Knapp–Hartung. */
typedef struct variant {
    meta_method m;
    int kh;
    char name[16];
} variant;

static variant make_variant(meta_method m, int kh)
{
    variant v = {.m = m, .kh = kh};
    snprintf(v.name, sizeof v.name, "%s%s", meta_method_name(m), kh ? "_hk" : "");
    return v;
}

static variant primary_variant(const meta_spec *spec)
{
    meta_method m = spec->methods[0];
    return make_variant(m, spec->knapp_hartung && is_random(m));
}

/* Fit a variant on x (first n studies of x when n < x->k), optional design X with p columns. */
static core_status fit_variant(const meta_spec *spec, variant v, const arrays *x, size_t n, const double *X, size_t p,
                               st_meta_fit *f, core_err *err)
{
    if (v.m == META_MH)
        return st_meta_mh(spec->measure, x->a, x->n1, x->c, x->n0, n, spec->confidence, f, err);
    st_meta_opts o = {.tau2 = tau2_of(v.m), .knapp_hartung = v.kh, .conf = spec->confidence};
    return st_meta_fit_model(x->yi, x->vi, n, X, X ? p : 1, &o, f, err);
}

/* ---------- rows ---------- */

typedef struct out {
    const meta_spec *spec;
    core_results *res;
    int ratio;
    const char *term; /* measure term */
} out;

static core_result_row base_row(const out *o, const char *analysis, const char *term, const char *method)
{
    core_result_row r = CORE_RESULT_ROW_EMPTY;
    r.module = "meta";
    r.analysis = analysis;
    r.outcome = o->spec->outcome;
    r.term = term;
    r.method = method;
    return r;
}

static double tr(const out *o, double x)
{
    return o->ratio ? exp(x) : x;
}

static core_status add(out *o, const core_result_row *r, core_err *err)
{
    core_status st = core_results_add(o->res, r);
    if (st != CORE_OK)
        return core_err_set(err, st, "out of memory adding a result row");
    return CORE_OK;
}

/* Label of a pooled row: k, tau² method, test, warnings. */
/* The tau² estimator as a reader names it. */
static const char *tau2_method_words(meta_method m)
{
    switch (m) {
    case META_DL:
        return "DerSimonian-Laird";
    case META_REML:
        return "REML";
    case META_ML:
        return "ML";
    case META_PM:
        return "Paule-Mandel";
    default:
        return meta_method_name(m);
    }
}

/* "; Smith 2001 excluded: no events in either arm, ...": which studies are left out and why, in words (one clause
 * a study, so a translation of the reason finds it). */
static void excluded_words(const meta_studies *st, char *buf, size_t size)
{
    size_t n_excl = st->n - st->k, o = 0;
    buf[0] = '\0';
    if (!n_excl)
        return;
    if (n_excl > 3) {
        snprintf(buf, size, "; %zu excluded (the study table says why)", n_excl);
        return;
    }
    for (size_t i = 0; i < st->n && o < size; i++) {
        const char *why = st->s[i].excluded;
        if (!why)
            continue;
        if (strncmp(why, "excluded: ", 10) == 0)
            why += 10;
        o += (size_t)snprintf(buf + o, size - o, "; %s excluded: %s", st->s[i].name ? st->s[i].name : "?", why);
    }
}

static void pooled_label(const out *o, variant v, const st_meta_fit *f, const char *excl, char *buf, size_t size)
{
    const char *test = v.kh ? "Knapp-Hartung t" : "z";
    int n = 0;
    if (v.m == META_MH)
        n = snprintf(buf, size, "%zu studies; Mantel-Haenszel, z test", f->k);
    else if (v.m == META_FIXED)
        n = snprintf(buf, size, "%zu studies; inverse-variance common effect, z test", f->k);
    else if (v.kh)
        n = snprintf(buf, size, "%zu studies; τ² by %s; %s on %.0f df", f->k, tau2_method_words(v.m), test,
                     f->df);
    else
        n = snprintf(buf, size, "%zu studies; τ² by %s; %s test", f->k, tau2_method_words(v.m), test);
    if (n < 0 || (size_t)n >= size)
        return;
    if (excl && *excl)
        n += snprintf(buf + n, size - (size_t)n, "%s", excl);
    const char *few = is_random(v.m) ? meta_few_studies_warning(f->k) : NULL;
    if (few && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n, "; %s", few);
    if (f->undefined && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, "; %s", f->undefined);
}

static core_status put_pooled(out *o, const char *analysis, const char *term, const char *method, const st_meta_fit *f,
                              const char *label, core_err *err)
{
    core_result_row r = base_row(o, analysis, term, method);
    r.estimate = tr(o, f->beta[0]);
    r.se = f->se[0];
    r.ci_low = tr(o, f->ci_low[0]);
    r.ci_high = tr(o, f->ci_high[0]);
    r.statistic = f->stat[0];
    r.df = f->df;
    r.p_value = f->p_value[0];
    r.n = (double)f->k;
    r.label = label;
    return add(o, &r, err);
}

static core_status put_heterogeneity(out *o, variant v, const st_meta_fit *f, core_err *err)
{
    core_status st;
    core_result_row r = base_row(o, "heterogeneity", "Q", v.name);
    r.estimate = r.statistic = f->Q;
    r.df = f->Q_df;
    r.p_value = f->Q_p;
    r.n = (double)f->k;
    r.label = v.m == META_MH ? "Cochran's Q of the study effects around the Mantel-Haenszel estimate"
                             : "Cochran's Q around the inverse-variance common effect; chi-square test";
    if ((st = add(o, &r, err)) != CORE_OK)
        return st;
    if (v.m != META_MH) {
        r = base_row(o, "heterogeneity", "tau2", v.name);
        r.estimate = f->tau2;
        r.se = f->se_tau2;
        r.ci_low = f->tau2_ci_low;
        r.ci_high = f->tau2_ci_high;
        r.n = (double)f->k;
        r.label = v.m == META_FIXED ? "0 by assumption in the common-effect model"
                                    : "interval by the Q-profile method (Viechtbauer 2007)";
        if ((st = add(o, &r, err)) != CORE_OK)
            return st;
    }
    r = base_row(o, "heterogeneity", "I2", v.name);
    r.estimate = f->I2;
    r.ci_low = f->I2_ci_low;
    r.ci_high = f->I2_ci_high;
    r.n = (double)f->k;
    r.label = is_random(v.m) ? "percent; τ² / (τ² + typical within-study variance)"
                             : "percent; (Q - df) / Q, floored at 0";
    if ((st = add(o, &r, err)) != CORE_OK)
        return st;
    r = base_row(o, "heterogeneity", "H2", v.name);
    r.estimate = f->H2;
    if (isfinite(f->tau2_ci_low) && f->vt > 0) {
        r.ci_low = f->tau2_ci_low / f->vt + 1.0;
        r.ci_high = f->tau2_ci_high / f->vt + 1.0;
    }
    r.n = (double)f->k;
    r.label = is_random(v.m) ? "(τ² + typical within-study variance) / typical within-study variance" : "Q / df";
    return add(o, &r, err);
}

static core_status put_prediction(out *o, variant v, const st_meta_fit *f, core_err *err)
{
    core_status st;
    core_result_row r = base_row(o, "prediction_interval", o->term, v.name);
    r.estimate = tr(o, f->beta[0]);
    r.ci_low = tr(o, f->pi_low);
    r.ci_high = tr(o, f->pi_high);
    r.n = (double)f->k;
    r.df = v.kh ? f->df : NAN;
    r.label = !is_random(v.m) ? "no between-study variance assumed: equals the confidence interval"
              : v.kh          ? "effect in a new study: estimate ± t(k-1) sqrt(se² + τ²), Knapp-Hartung se"
                              : "effect in a new study: estimate ± z sqrt(se² + τ²) (metafor's default)";
    if ((st = add(o, &r, err)) != CORE_OK || !is_random(v.m) || v.kh)
        return st;
    char name[24];
    snprintf(name, sizeof name, "%s_hts", v.name);
    r = base_row(o, "prediction_interval", o->term, name);
    r.estimate = tr(o, f->beta[0]);
    r.ci_low = tr(o, f->pi_hts_low);
    r.ci_high = tr(o, f->pi_hts_high);
    r.n = (double)f->k;
    r.df = (double)f->k - 2.0;
    r.label = isfinite(f->pi_hts_low)
                  ? "Higgins-Thompson-Spiegelhalter (2009): estimate ± t(k-2) sqrt(se² + τ²)"
                  : "undefined with fewer than three studies (t on k-2 df)";
    if (!isfinite(f->pi_hts_low))
        r.df = NAN;
    return add(o, &r, err);
}

/* Weights of the primary variant in percent (inverse variance, or Mantel-Haenszel's). */
static void weights(const meta_spec *spec, variant v, const arrays *x, const st_meta_fit *f, double *w)
{
    double tot = 0;
    for (size_t i = 0; i < x->k; i++) {
        if (v.m == META_MH) {
            double N = x->n1[i] + x->n0[i];
            if (spec->measure == ST_META_OR)
                w[i] = (x->n1[i] - x->a[i]) * x->c[i] / N;
            else if (spec->measure == ST_META_RR)
                w[i] = x->c[i] * x->n1[i] / N;
            else
                w[i] = x->n1[i] * x->n0[i] / N;
        } else {
            w[i] = 1.0 / (x->vi[i] + (is_random(v.m) ? f->tau2 : 0.0));
        }
        tot += w[i];
    }
    for (size_t i = 0; i < x->k; i++)
        w[i] = tot > 0 ? 100.0 * w[i] / tot : NAN;
}

static core_status put_studies(out *o, const meta_studies *st, variant pv, const arrays *x, const st_meta_fit *pf,
                               core_err *err)
{
    core_status s = CORE_OK;
    double z = gsl_cdf_ugaussian_Pinv(1.0 - (1.0 - o->spec->confidence) / 2.0);
    double *w = malloc((x->k ? x->k : 1) * sizeof *w);
    if (!w)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    weights(o->spec, pv, x, pf, w);
    size_t j = 0;
    for (size_t i = 0; i < st->n; i++) {
        const meta_study *m = &st->s[i];
        core_result_row r = base_row(o, "study_effect", m->name, "");
        char label[400];
        int n = 0;
        label[0] = '\0';
        if (isfinite(m->a))
            n = snprintf(label, sizeof label, "%.0f/%.0f vs %.0f/%.0f", m->a, m->n1, m->c, m->n0);
        if (isfinite(m->n1) && isfinite(m->n0))
            r.n = m->n1 + m->n0;
        if (m->excluded) {
            snprintf(label + n, sizeof label - (size_t)n, "%s%s", n ? "; " : "", m->excluded);
        } else {
            double se = sqrt(m->vi);
            r.estimate = tr(o, m->yi);
            r.se = se;
            r.ci_low = tr(o, m->yi - z * se);
            r.ci_high = tr(o, m->yi + z * se);
            r.statistic = m->yi / se;
            r.p_value = 2.0 * gsl_cdf_ugaussian_Q(fabs(r.statistic));
            if (m->corrected)
                snprintf(label + n, sizeof label - (size_t)n, "%s0.5 added to every cell (a zero cell)",
                         n ? "; " : "");
        }
        r.label = label[0] ? label : NULL;
        if ((s = add(o, &r, err)) != CORE_OK)
            break;
        if (m->excluded)
            continue;
        core_result_row wr = base_row(o, "study_weight", m->name, meta_method_name(pv.m));
        wr.estimate = w[j++];
        wr.label = pv.m == META_MH ? "percent of the Mantel-Haenszel weight" : "percent of the inverse-variance weight";
        if ((s = add(o, &wr, err)) != CORE_OK)
            break;
    }
    free(w);
    return s;
}

/* ---------- leave-one-out and cumulative ---------- */

static core_status put_sensitivity(out *o, variant pv, const arrays *x, core_err *err)
{
    core_status s = CORE_OK;
    arrays sub;
    if ((s = arrays_new(&sub, x->k, err)) != CORE_OK)
        return s;
    char label[512];
    /* Leave one out: every study in turn removed. */
    for (size_t i = 0; i < x->k && s == CORE_OK; i++) {
        sub.k = 0;
        for (size_t j = 0; j < x->k; j++)
            if (j != i)
                arrays_put(&sub, x->s[j]);
        st_meta_fit f;
        core_err e2;
        core_err_clear(&e2);
        if (fit_variant(o->spec, pv, &sub, sub.k, NULL, 1, &f, &e2) == CORE_OK) {
            if (pv.m == META_MH || pv.m == META_FIXED)
                snprintf(label, sizeof label, "without this study; I² %.1f%%", f.I2);
            else
                snprintf(label, sizeof label, "without this study; τ² %.4g, I² %.1f%%", f.tau2, f.I2);
            s = put_pooled(o, "leave_one_out", x->s[i]->name, pv.name, &f, label, err);
        } else {
            core_result_row r = base_row(o, "leave_one_out", x->s[i]->name, pv.name);
            r.n = (double)sub.k;
            snprintf(label, sizeof label, "not estimable without this study: %.400s", e2.msg);
            r.label = label;
            s = add(o, &r, err);
        }
    }
    /* Cumulative: studies added in year order (file order for ties or without a year column). */
    size_t *ord = malloc((x->k ? x->k : 1) * sizeof *ord);
    if (!ord && s == CORE_OK)
        s = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    if (s == CORE_OK) {
        for (size_t i = 0; i < x->k; i++)
            ord[i] = i;
        if (o->spec->year) /* insertion sort: stable, k is small */
            for (size_t i = 1; i < x->k; i++) {
                size_t v = ord[i], j = i;
                while (j > 0 && x->s[ord[j - 1]]->year > x->s[v]->year) {
                    ord[j] = ord[j - 1];
                    j--;
                }
                ord[j] = v;
            }
        sub.k = 0;
        for (size_t i = 0; i < x->k && s == CORE_OK; i++) {
            arrays_put(&sub, x->s[ord[i]]);
            const meta_study *m = x->s[ord[i]];
            st_meta_fit f;
            core_err e2;
            core_err_clear(&e2);
            char yr[32] = "";
            if (isfinite(m->year))
                snprintf(yr, sizeof yr, "%.0f: ", m->year);
            variant use = pv;
            if (sub.k == 1 && pv.m != META_MH)
                use = make_variant(META_FIXED, 0); /* one study: its own effect and z interval */
            if (fit_variant(o->spec, use, &sub, sub.k, NULL, 1, &f, &e2) == CORE_OK) {
                if (sub.k == 1)
                    snprintf(label, sizeof label, "%sthe first study alone (its own estimate and z interval)", yr);
                else if (is_random(pv.m))
                    snprintf(label, sizeof label, "%s%zu studies; τ² %.4g, I² %.1f%%", yr, sub.k, f.tau2, f.I2);
                else
                    snprintf(label, sizeof label, "%s%zu studies; I² %.1f%%", yr, sub.k, f.I2);
                s = put_pooled(o, "cumulative", m->name, pv.name, &f, label, err);
            } else {
                core_result_row r = base_row(o, "cumulative", m->name, pv.name);
                r.n = (double)sub.k;
                snprintf(label, sizeof label, "%snot estimable: %.400s", yr, e2.msg);
                r.label = label;
                s = add(o, &r, err);
            }
        }
    }
    free(ord);
    arrays_free(&sub);
    return s;
}

/* ---------- meta-regression ---------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static core_status put_regression(out *o, variant pv, const arrays *x, const meta_studies *st, core_err *err)
{
    const meta_spec *spec = o->spec;
    size_t k = x->k, p;
    const char *levels[ST_META_MAXP + 1];
    size_t n_levels = 0;
    char names[ST_META_MAXP][300];
    snprintf(names[0], sizeof names[0], "(Intercept)");
    if (st->moderator_numeric == 1) {
        p = 2;
        if (spec->moderator_level)
            snprintf(names[1], sizeof names[1], "%s[%s]", spec->moderator, spec->moderator_level);
        else
            snprintf(names[1], sizeof names[1], "%s", spec->moderator);
    } else {
        /* Categorical: treatment coding against the alphabetically first level (as R's factor). */
        for (size_t i = 0; i < k; i++) {
            const char *lv = x->s[i]->x_level;
            size_t j = 0;
            while (j < n_levels && strcmp(levels[j], lv) != 0)
                j++;
            if (j == n_levels) {
                if (n_levels == ST_META_MAXP)
                    return core_err_set(err, CORE_ERR_ANALYSIS,
                                        "meta-regression: moderator '%s' has more than %d levels; at most %d are "
                                        "supported (use moderator_level for one level against the rest)",
                                        spec->moderator, ST_META_MAXP, ST_META_MAXP);
                levels[n_levels++] = lv;
            }
        }
        qsort(levels, n_levels, sizeof levels[0], cmp_str);
        p = n_levels;
        for (size_t j = 1; j < n_levels; j++)
            snprintf(names[j], sizeof names[j], "%s[%s]", spec->moderator, levels[j]);
    }
    if (p < 2)
        return core_err_set(err, CORE_ERR_ANALYSIS,
                            "meta-regression: moderator '%s' takes one value only in the studies pooled; it cannot "
                            "explain differences between them",
                            spec->moderator);
    double *X = malloc(k * p * sizeof *X);
    if (!X)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < k; i++) {
        X[i * p] = 1.0;
        if (st->moderator_numeric == 1)
            X[i * p + 1] = x->s[i]->x;
        else
            for (size_t j = 1; j < p; j++)
                X[i * p + j] = strcmp(x->s[i]->x_level, levels[j]) == 0 ? 1.0 : 0.0;
    }
    variant v = pv.m == META_MH ? make_variant(META_FIXED, 0) : pv;
    st_meta_fit f;
    core_status s = fit_variant(spec, v, x, k, X, p, &f, err);
    free(X);
    if (s != CORE_OK) {
        core_err_prefix(err, "meta-regression on '%s'", spec->moderator);
        return s;
    }
    char label[300];
    for (size_t j = 0; j < p && s == CORE_OK; j++) {
        core_result_row r = base_row(o, "meta_regression", names[j], v.name);
        r.estimate = f.beta[j];
        r.se = f.se[j];
        r.ci_low = f.ci_low[j];
        r.ci_high = f.ci_high[j];
        r.statistic = f.stat[j];
        r.df = f.df;
        r.p_value = f.p_value[j];
        r.n = (double)k;
        if (o->ratio)
            snprintf(label, sizeof label, "on the log %s scale%s", spec->measure == ST_META_OR ? "OR" : "RR",
                     j ? (st->moderator_numeric == 1 && !spec->moderator_level ? "; per unit of the moderator"
                                                                               : "; difference from the reference level")
                       : "");
        else
            snprintf(label, sizeof label, "%s", j ? "difference per unit (or from the reference level)" : "intercept");
        if (j == 0 && st->moderator_numeric == 0) {
            size_t n = strlen(label);
            snprintf(label + n, sizeof label - n, "; reference level %s", levels[0]);
        }
        r.label = label;
        s = add(o, &r, err);
    }
    if (s != CORE_OK)
        return s;
    core_result_row r = base_row(o, "meta_regression", "QM", v.name);
    r.estimate = r.statistic = f.QM;
    r.df = f.QM_df1;
    r.p_value = f.QM_p;
    r.n = (double)k;
    if (v.kh)
        snprintf(label, sizeof label, "test of the moderator: F(%.0f, %.0f)", f.QM_df1, f.QM_df2);
    else
        snprintf(label, sizeof label, "test of the moderator: chi-square on %.0f df", f.QM_df1);
    r.label = label;
    if ((s = add(o, &r, err)) != CORE_OK)
        return s;
    r = base_row(o, "meta_regression", "QE", v.name);
    r.estimate = r.statistic = f.Q;
    r.df = f.Q_df;
    r.p_value = f.Q_p;
    r.n = (double)k;
    r.label = "residual heterogeneity: chi-square test";
    if ((s = add(o, &r, err)) != CORE_OK)
        return s;
    if (is_random(v.m)) {
        r = base_row(o, "meta_regression", "tau2", v.name);
        r.estimate = f.tau2;
        r.se = f.se_tau2;
        r.ci_low = f.tau2_ci_low;
        r.ci_high = f.tau2_ci_high;
        r.n = (double)k;
        r.label = "residual between-study variance";
        if ((s = add(o, &r, err)) != CORE_OK)
            return s;
        r = base_row(o, "meta_regression", "I2", v.name);
        r.estimate = f.I2;
        r.n = (double)k;
        r.label = "residual I², percent";
        if ((s = add(o, &r, err)) != CORE_OK)
            return s;
        r = base_row(o, "meta_regression", "R2", v.name);
        r.estimate = f.R2;
        r.n = (double)k;
        r.label = isfinite(f.R2) ? "percent of τ² accounted for by the moderator"
                                 : "undefined: τ² of the model without the moderator is 0";
        s = add(o, &r, err);
    }
    return s;
}

/* ---------- the analysis ---------- */

core_status meta_analyse(const meta_spec *spec, const meta_studies *st, core_results *res, core_err *err)
{
    core_status s;
    if (st->k == 0)
        return core_err_set(err, CORE_ERR_ANALYSIS, "meta-analysis: no study is left to pool (%zu excluded)", st->n);
    out o = {.spec = spec, .res = res, .ratio = st_meta_measure_is_ratio(spec->measure) || st->log_scale,
             .term = st->log_scale ? "ratio" : meta_measure_term(spec->measure)};
    arrays x;
    if ((s = arrays_new(&x, st->k, err)) != CORE_OK)
        return s;
    for (size_t i = 0; i < st->n; i++)
        if (!st->s[i].excluded)
            arrays_put(&x, &st->s[i]);
    char excl[600];
    excluded_words(st, excl, sizeof excl);

    variant pv = primary_variant(spec);
    st_meta_fit pf;
    if ((s = fit_variant(spec, pv, &x, x.k, NULL, 1, &pf, err)) != CORE_OK) {
        core_err_prefix(err, "meta-analysis (%s)", pv.name);
        goto done;
    }
    if ((s = put_studies(&o, st, pv, &x, &pf, err)) != CORE_OK)
        goto done;
    for (size_t i = 0; i < spec->n_methods; i++) {
        for (int kh = 0; kh <= (spec->knapp_hartung && is_random(spec->methods[i])); kh++) {
            variant v = make_variant(spec->methods[i], kh);
            st_meta_fit f;
            if ((s = fit_variant(spec, v, &x, x.k, NULL, 1, &f, err)) != CORE_OK) {
                core_err_prefix(err, "meta-analysis (%s)", v.name);
                goto done;
            }
            char label[1300];
            pooled_label(&o, v, &f, excl, label, sizeof label);
            if ((s = put_pooled(&o, "pooled", o.term, v.name, &f, label, err)) != CORE_OK ||
                (s = put_heterogeneity(&o, v, &f, err)) != CORE_OK || (s = put_prediction(&o, v, &f, err)) != CORE_OK)
                goto done;
        }
    }
    if ((s = put_sensitivity(&o, pv, &x, err)) != CORE_OK)
        goto done;
    if (spec->moderator && (s = put_regression(&o, pv, &x, st, err)) != CORE_OK)
        goto done;
done:
    arrays_free(&x);
    return s;
}
