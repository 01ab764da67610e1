/* [equity]: who uses the service against who could. Each group's share among users against its share of a
 * reference population (the caseload or the catchment): representation ratios with exact and log-Wald
 * intervals, Pearson's goodness of fit; and, given an outcome, outcome equity between groups (Newcombe risk
 * difference, log-Wald risk ratio, and the odds ratio adjusted for the other characteristics by logistic
 * regression). */
#include "practice/prc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gsl/gsl_cdf.h>

#include "core/core_data.h"
#include "stats/st_glm.h"
#include "stats/st_prop.h"
#include "stats/st_rate.h"

#define SEC "equity"

core_status prc_equity_spec_from_config(const core_config *cfg, prc_equity_spec *s, core_err *err)
{
    memset(s, 0, sizeof *s);
    char where[600];
    core_status st;
    if ((st = core_config_str_req(cfg, SEC, "group", &s->group, err)) != CORE_OK)
        return st;
    if (!core_config_has(cfg, SEC, "reference"))
        return core_err_set(err, CORE_ERR_CONFIG, "%s: key 'reference' is required: a CSV of the reference "
                            "population with columns group and count (or share), and source",
                            core_config_where(cfg, SEC, NULL, where, sizeof where));
    s->outcome = core_config_str(cfg, SEC, "outcome", NULL);
    s->reference_group = core_config_str(cfg, SEC, "reference_group", NULL);
    s->label = core_config_str(cfg, SEC, "label", NULL);
    char **items = NULL;
    size_t n = 0;
    if ((st = core_config_list(cfg, SEC, "adjust", 0, &items, &n, err)) != CORE_OK)
        return st;
    if (n > PRC_MAX_ADJUST) {
        core_config_list_free(items);
        return core_err_set(err, CORE_ERR_CONFIG, "%s: %zu columns; at most %d",
                            core_config_where(cfg, SEC, "adjust", where, sizeof where), n, PRC_MAX_ADJUST);
    }
    if (n > 0 && !s->outcome) {
        core_config_list_free(items);
        return core_err_set(err, CORE_ERR_CONFIG, "%s: adjusting needs an outcome (key 'outcome': a 0/1 column)",
                            core_config_where(cfg, SEC, "adjust", where, sizeof where));
    }
    s->adjust_list = items;
    for (size_t i = 0; i < n; i++) {
        if (strcasecmp(items[i], s->group) == 0) {
            /* the message first: freeing the spec frees items */
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is the group itself; list the other characteristics",
                              core_config_where(cfg, SEC, "adjust", where, sizeof where), items[i]);
            prc_equity_spec_free(s);
            return st;
        }
        s->adjust[i] = items[i];
    }
    s->n_adjust = n;
    return CORE_OK;
}

void prc_equity_spec_free(prc_equity_spec *s)
{
    if (!s)
        return;
    core_config_list_free(s->adjust_list);
    s->adjust_list = NULL;
    s->n_adjust = 0;
}

/* ---------- the reference population ---------- */

typedef struct ref_pop {
    size_t k;            /* groups: the union of the reference's and the users' */
    char **name;         /* borrowed level texts */
    long *users;         /* users per group */
    double *ref;         /* reference count or share */
    int counts;          /* 1: ref holds counts; 0: shares */
    double ref_total;    /* sum of ref */
    const char *source;  /* the reference's source text (first non-empty), or NULL */
} ref_pop;

static void ref_pop_free(ref_pop *r)
{
    free(r->name);
    free(r->users);
    free(r->ref);
}

static long find_col(const core_table *t, const char *name)
{
    return core_table_find(t, name);
}

/* Read the reference table and count the users per group; every user group must be in the reference. */
static core_status load_reference(const core_config *cfg, const prc_equity_spec *s, const core_table *t,
                                  const core_table *ref, ref_pop *r, size_t *gcol_out, core_err *err)
{
    memset(r, 0, sizeof *r);
    char w[512], b[256];
    size_t gcol;
    core_status st = core_data_column(cfg, SEC, "group", t, s->group, &gcol, err);
    if (st != CORE_OK)
        return st;
    *gcol_out = gcol;
    const core_column *gc = &t->cols[gcol];
    if (gc->type != CORE_COL_CATEGORICAL)
        return core_err_set(err, CORE_ERR_DATA, "%s: column '%s' holds numbers; the group column holds labels such "
                            "as 'Black' or 'White' that the reference file also uses", t->source, gc->name);
    long cg = find_col(ref, "group"), cc = find_col(ref, "count"), cs = find_col(ref, "share"),
         csrc = find_col(ref, "source");
    if (cg < 0 || (cc < 0) == (cs < 0))
        return core_err_set(err, CORE_ERR_DATA, "%s: the reference population needs a column 'group' and one of "
                            "'count' (people in the reference population) or 'share' (their proportion), with an "
                            "optional 'source'", ref->source);
    if (ref->n_rows < 2)
        return core_err_set(err, CORE_ERR_DATA, "%s: %zu group; the reference population needs at least two groups",
                            ref->source, ref->n_rows);
    r->counts = cc >= 0;
    long cv = r->counts ? cc : cs;
    size_t k = ref->n_rows;
    r->name = calloc(k, sizeof *r->name);
    r->users = calloc(k, sizeof *r->users);
    r->ref = calloc(k, sizeof *r->ref);
    if (!r->name || !r->users || !r->ref) {
        ref_pop_free(r);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    r->k = k;
    char *ref_names_buf = NULL;
    (void)ref_names_buf;
    for (size_t i = 0; i < k; i++) {
        if (core_cell_missing(ref, (size_t)cg, i)) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: the group name is missing",
                              core_cell_where(ref, (size_t)cg, i, w, sizeof w));
            break;
        }
        /* the level text: categorical levels are stable pointers; numeric group names are refused */
        if (ref->cols[cg].type != CORE_COL_CATEGORICAL) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: group names are labels, not numbers",
                              core_cell_where(ref, (size_t)cg, i, w, sizeof w));
            break;
        }
        r->name[i] = ref->cols[cg].levels[core_col_code(&ref->cols[cg], i)];
        for (size_t j = 0; j < i; j++)
            if (strcmp(r->name[j], r->name[i]) == 0) {
                st = core_err_set(err, CORE_ERR_DATA, "%s: group '%s' is listed twice",
                                  core_cell_where(ref, (size_t)cg, i, w, sizeof w), r->name[i]);
                break;
            }
        if (st != CORE_OK)
            break;
        double v;
        int ok = core_cell_number(ref, (size_t)cv, i, &v);
        if (ok != 1 || !isfinite(v) || !(v > 0) || (!r->counts && v >= 1) || (r->counts && v != floor(v))) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: '%s' is not valid; a %s", core_cell_where(ref, (size_t)cv, i, w,
                              sizeof w), core_cell_text(ref, (size_t)cv, i, b, sizeof b),
                              r->counts ? "count is a whole number above 0" : "share lies strictly between 0 and 1");
            break;
        }
        r->ref[i] = v;
        r->ref_total += v;
        if (!r->source && csrc >= 0 && !core_cell_missing(ref, (size_t)csrc, i) &&
            ref->cols[csrc].type == CORE_COL_CATEGORICAL)
            r->source = ref->cols[csrc].levels[core_col_code(&ref->cols[csrc], i)];
    }
    if (st == CORE_OK && !r->counts && fabs(r->ref_total - 1) > 0.01)
        st = core_err_set(err, CORE_ERR_DATA, "%s: the shares add up to %.6g; they must add up to 1 (within 0.01): "
                          "list every group of the reference population, an 'other' group included", ref->source,
                          r->ref_total);
    /* users per group */
    for (size_t i = 0; i < t->n_rows && st == CORE_OK; i++) {
        int code = core_col_code(gc, i);
        if (code < 0)
            continue;
        const char *lev = gc->levels[code];
        size_t j = 0;
        while (j < k && strcmp(r->name[j], lev) != 0)
            j++;
        if (j == k)
            st = core_err_set(err, CORE_ERR_DATA, "%s: group '%s' is not in the reference population %s; add it "
                              "there (with its %s) or recode it", core_cell_where(t, gcol, i, w, sizeof w), lev,
                              ref->source, r->counts ? "count" : "share");
        else
            r->users[j]++;
    }
    if (st != CORE_OK)
        ref_pop_free(r);
    return st;
}

core_status prc_equity_check(const core_config *cfg, const prc_equity_spec *s, const core_table *t,
                             const core_table *ref, core_err *err)
{
    ref_pop r;
    size_t gcol;
    core_status st = load_reference(cfg, s, t, ref, &r, &gcol, err);
    if (st == CORE_OK)
        ref_pop_free(&r);
    return st;
}

static core_status add(core_results *res, core_result_row *r, core_err *err)
{
    r->module = SEC;
    if (core_results_add(res, r) != CORE_OK)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a result row");
    return CORE_OK;
}

static core_status representation_rows(const prc_equity_spec *s, const ref_pop *r, double conf,
                                       core_results *res, core_err *err)
{
    long N = 0;
    for (size_t j = 0; j < r->k; j++)
        N += r->users[j];
    if (N == 0)
        return core_err_set(err, CORE_ERR_DATA, "equity: no user has a group value in column '%s'", s->group);
    double z = gsl_cdf_ugaussian_Pinv(1 - (1 - conf) / 2);
    core_status st = CORE_OK;
    char lab[512];
    for (size_t j = 0; j < r->k && st == CORE_OK; j++) {
        long x = r->users[j];
        double share_ref = r->ref[j] / r->ref_total;
        double su = (double)x / (double)N;
        /* the users' share (Wilson) */
        double lo, hi;
        if ((st = st_wilson(x, N, conf, &lo, &hi, err)) != CORE_OK)
            break;
        core_result_row u = CORE_RESULT_ROW_EMPTY;
        u.analysis = "user_share";
        u.outcome = s->group;
        u.term = r->name[j];
        u.method = "wilson";
        u.estimate = su;
        u.ci_low = lo;
        u.ci_high = hi;
        u.statistic = (double)x;
        u.n = (double)N;
        snprintf(lab, sizeof lab, "%ld of %ld users; %.1f%% of the reference population", x, N, 100 * share_ref);
        u.label = lab;
        if ((st = add(res, &u, err)) != CORE_OK)
            break;
        /* representation ratio, exact */
        core_result_row e = CORE_RESULT_ROW_EMPTY;
        e.analysis = "representation_ratio";
        e.outcome = s->group;
        e.term = r->name[j];
        e.n = (double)N;
        e.statistic = (double)x;
        st_estimate est;
        if (r->counts) {
            long rc = (long)r->ref[j];
            long R = (long)r->ref_total;
            if ((st = st_poisson_ratio(x, (double)N, rc, (double)R, conf, &est, err)) != CORE_OK)
                break;
            e.method = "exact_conditional";
            e.estimate = est.estimate;
            e.ci_low = est.ci_low;
            e.ci_high = est.ci_high;
            e.p_value = est.p_value;
            snprintf(lab, sizeof lab, "share among users over share in the reference population (counts: exact "
                     "conditional interval of a ratio of two proportions of independent populations)");
        } else {
            if ((st = st_binom_test(x, N, share_ref, conf, &est, err)) != CORE_OK)
                break;
            e.method = "exact_binomial";
            e.estimate = su / share_ref;
            e.ci_low = est.ci_low / share_ref;
            e.ci_high = est.ci_high / share_ref;
            e.p_value = est.p_value;
            snprintf(lab, sizeof lab, "share among users over the reference share %.4g (known share: Clopper-Pearson "
                     "interval divided by it, exact binomial test)", share_ref);
        }
        e.label = lab;
        if ((st = add(res, &e, err)) != CORE_OK)
            break;
        /* representation ratio, log-Wald */
        core_result_row v = e;
        v.method = "log_wald";
        v.estimate = su / share_ref;
        v.p_value = NAN;
        double var = NAN;
        if (x > 0) {
            var = 1.0 / (double)x - 1.0 / (double)N;
            if (r->counts)
                var += 1.0 / r->ref[j] - 1.0 / r->ref_total;
        }
        if (x > 0 && var > 0) {
            double se = sqrt(var);
            v.se = se;
            v.ci_low = v.estimate * exp(-z * se);
            v.ci_high = v.estimate * exp(z * se);
            v.statistic = log(v.estimate) / se;
            v.p_value = 2 * gsl_cdf_ugaussian_Q(fabs(v.statistic));
            v.label = "log-Wald interval and z test of the representation ratio";
        } else {
            v.ci_low = v.ci_high = NAN;
            v.statistic = NAN;
            v.label = x == 0 ? "no user in this group: the log ratio has no standard error"
                             : "every user is in this group: the log ratio has no variance";
        }
        st = add(res, &v, err);
    }
    if (st != CORE_OK)
        return st;
    long *cnt = malloc(r->k * sizeof *cnt);
    if (!cnt)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    for (size_t j = 0; j < r->k; j++)
        cnt[j] = r->users[j];
    st_estimate g;
    double me;
    st = st_chisq_gof(cnt, r->ref, r->k, &g, &me, err);
    free(cnt);
    if (st != CORE_OK)
        return st;
    core_result_row q = CORE_RESULT_ROW_EMPTY;
    q.analysis = "goodness_of_fit";
    q.outcome = s->group;
    q.method = "pearson";
    q.statistic = g.statistic;
    q.df = g.df;
    q.p_value = g.p_value;
    q.n = (double)N;
    if (me < 5)
        snprintf(lab, sizeof lab, "users' groups against the reference population's shares%s%s; caution: the "
                 "smallest expected count is %.2g (below 5), so the chi-square p-value is approximate",
                 r->source ? " (" : "", r->source ? r->source : "", me);
    else
        snprintf(lab, sizeof lab, "users' groups against the reference population's shares%s%s%s",
                 r->source ? " (" : "", r->source ? r->source : "", r->source ? ")" : "");
    if (me < 5 && r->source)
        strncat(lab, ")", sizeof lab - strlen(lab) - 1);
    q.label = lab;
    return add(res, &q, err);
}

/* ---------- outcome equity ---------- */

static core_status outcome_rows(const core_config *cfg, const prc_equity_spec *s, const core_table *t, size_t gcol,
                                const ref_pop *r, double conf, core_results *res, core_err *err)
{
    char w[512], b[128], lab[512];
    size_t yc;
    core_status st = core_data_column(cfg, SEC, "outcome", t, s->outcome, &yc, err);
    if (st != CORE_OK)
        return st;
    size_t ac[PRC_MAX_ADJUST];
    for (size_t a = 0; a < s->n_adjust; a++)
        if ((st = core_data_column(cfg, SEC, "adjust", t, s->adjust[a], &ac[a], err)) != CORE_OK)
            return st;
    size_t n = t->n_rows, k = r->k;
    const core_column *gc = &t->cols[gcol];
    int *grp = malloc(n * sizeof *grp);
    double *y = malloc(n * sizeof *y);
    long *x = calloc(k, sizeof *x), *m = calloc(k, sizeof *m);
    unsigned char *use = calloc(n, 1);
    double *X = NULL;
    st_logit_fit *fit = NULL;
    if (!grp || !y || !x || !m || !use) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    long dropped = 0;
    for (size_t i = 0; i < n && st == CORE_OK; i++) {
        int code = core_col_code(gc, i);
        if (code < 0) {
            dropped++;
            continue;
        }
        size_t j = 0;
        while (j < k && strcmp(r->name[j], gc->levels[code]) != 0)
            j++;
        double v;
        int ok = core_cell_number(t, yc, i, &v);
        if (ok == 0) {
            dropped++;
            continue;
        }
        if (ok != 1 || (v != 0 && v != 1)) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: '%s'; the outcome is 1 (yes) or 0 (no)%s",
                              core_cell_where(t, yc, i, w, sizeof w), core_cell_text(t, yc, i, b, sizeof b),
                              CORE_MISSING_HINT);
            break;
        }
        int complete = 1;
        for (size_t a = 0; a < s->n_adjust; a++)
            complete &= !core_cell_missing(t, ac[a], i);
        if (!complete) {
            dropped++;
            continue;
        }
        grp[i] = (int)j;
        y[i] = v;
        use[i] = 1;
        x[j] += (long)v;
        m[j]++;
    }
    if (st != CORE_OK)
        goto done;
    /* the comparison group: configured, else the largest */
    size_t ref = 0;
    if (s->reference_group) {
        while (ref < k && strcmp(r->name[ref], s->reference_group) != 0)
            ref++;
        if (ref == k) {
            char where[600];
            st = core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not a group of the reference population",
                              core_config_where(cfg, SEC, "reference_group", where, sizeof where),
                              s->reference_group);
            goto done;
        }
    } else {
        for (size_t j = 1; j < k; j++)
            if (m[j] > m[ref])
                ref = j;
    }
    if (m[ref] == 0) {
        st = core_err_set(err, CORE_ERR_ANALYSIS, "equity: the comparison group '%s' has no user with an outcome",
                          r->name[ref]);
        goto done;
    }
    for (size_t j = 0; j < k && st == CORE_OK; j++) {
        if (m[j] == 0)
            continue;
        double lo, hi;
        if ((st = st_wilson(x[j], m[j], conf, &lo, &hi, err)) != CORE_OK)
            break;
        core_result_row o = CORE_RESULT_ROW_EMPTY;
        o.analysis = "outcome_share";
        o.outcome = s->outcome;
        o.term = r->name[j];
        o.method = "wilson";
        o.estimate = (double)x[j] / (double)m[j];
        o.ci_low = lo;
        o.ci_high = hi;
        o.statistic = (double)x[j];
        o.n = (double)m[j];
        snprintf(lab, sizeof lab, "%ld of %ld in group %s%s", x[j], m[j], r->name[j],
                 dropped ? " (complete cases)" : "");
        o.label = lab;
        if ((st = add(res, &o, err)) != CORE_OK)
            break;
        if (j == ref)
            continue;
        st_estimate e;
        if ((st = st_rd_newcombe(x[j], m[j], x[ref], m[ref], conf, &e, err)) != CORE_OK)
            break;
        core_result_row d = CORE_RESULT_ROW_EMPTY;
        d.analysis = "outcome_equity";
        d.outcome = s->outcome;
        d.term = r->name[j];
        d.method = "newcombe";
        d.estimate = e.estimate;
        d.ci_low = e.ci_low;
        d.ci_high = e.ci_high;
        d.n = (double)(m[j] + m[ref]);
        snprintf(lab, sizeof lab, "difference in the share with the outcome, %s minus %s (unadjusted)", r->name[j],
                 r->name[ref]);
        d.label = lab;
        if ((st = add(res, &d, err)) != CORE_OK)
            break;
        if ((st = st_rr_logwald(x[j], m[j], x[ref], m[ref], conf, &e, err)) != CORE_OK)
            break;
        d.method = "log_wald";
        d.analysis = "outcome_ratio";
        d.estimate = e.estimate;
        d.se = e.se;
        d.ci_low = e.ci_low;
        d.ci_high = e.ci_high;
        d.statistic = e.statistic;
        d.p_value = e.p_value;
        snprintf(lab, sizeof lab, "ratio of the shares with the outcome, %s over %s (unadjusted)%s%s", r->name[j],
                 r->name[ref], e.undefined ? ": " : "", e.undefined ? e.undefined : "");
        d.label = lab;
        if ((st = add(res, &d, err)) != CORE_OK)
            break;
    }
    if (st != CORE_OK || s->n_adjust == 0)
        goto done;
    /* adjusted: logistic regression on the group dummies (comparison group left out) and the other
     * characteristics (numbers as they are, labels as dummies against their first level) */
    {
        size_t p = 1;
        size_t gk = 0;
        for (size_t j = 0; j < k; j++)
            gk += j != ref && m[j] > 0;
        p += gk;
        for (size_t a = 0; a < s->n_adjust; a++) {
            const core_column *col = &t->cols[ac[a]];
            p += col->type == CORE_COL_CATEGORICAL ? (col->n_levels > 0 ? col->n_levels - 1 : 0) : 1;
        }
        size_t nu = 0;
        for (size_t i = 0; i < n; i++)
            nu += use[i];
        X = calloc(nu * p, sizeof *X);
        double *yy = malloc(nu * sizeof *yy);
        if (!X || !yy) {
            free(yy);
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto done;
        }
        size_t row = 0;
        for (size_t i = 0; i < n; i++) {
            if (!use[i])
                continue;
            double *xr = X + row * p;
            size_t c = 0;
            xr[c++] = 1;
            for (size_t j = 0; j < k; j++)
                if (j != ref && m[j] > 0)
                    xr[c++] = grp[i] == (int)j;
            for (size_t a = 0; a < s->n_adjust; a++) {
                const core_column *col = &t->cols[ac[a]];
                if (col->type == CORE_COL_CATEGORICAL) {
                    for (size_t l = 1; l < col->n_levels; l++)
                        xr[c++] = core_col_code(col, i) == (int)l;
                } else {
                    xr[c++] = core_col_num(col, i);
                }
            }
            yy[row++] = y[i];
        }
        core_status fs = st_logit_fit_new(X, yy, nu, p, NULL, &fit, err);
        free(yy);
        if (fs != CORE_OK) {
            /* a rank-deficient design (a characteristic that does not vary) is said, not fatal */
            if (fs == CORE_ERR_NOMEM) {
                st = fs;
                goto done;
            }
            core_result_row d = CORE_RESULT_ROW_EMPTY;
            d.analysis = "outcome_equity_adjusted";
            d.outcome = s->outcome;
            d.method = "logistic";
            d.n = (double)nu;
            snprintf(lab, sizeof lab, "not estimated: %.480s", err->msg);
            d.label = lab;
            core_err_clear(err);
            st = add(res, &d, err);
            goto done;
        }
        double z = gsl_cdf_ugaussian_Pinv(1 - (1 - conf) / 2);
        size_t c = 1;
        for (size_t j = 0; j < k && st == CORE_OK; j++) {
            if (j == ref || m[j] == 0)
                continue;
            core_result_row d = CORE_RESULT_ROW_EMPTY;
            d.analysis = "outcome_equity_adjusted";
            d.outcome = s->outcome;
            d.term = r->name[j];
            d.method = "logistic";
            d.n = (double)nu;
            if (fit->undefined) {
                snprintf(lab, sizeof lab, "not estimated: %s", fit->undefined);
            } else {
                double bta = fit->beta[c], se = sqrt(fit->vcov[c * p + c]);
                d.estimate = exp(bta);
                d.se = se;
                d.ci_low = exp(bta - z * se);
                d.ci_high = exp(bta + z * se);
                d.statistic = bta / se;
                d.p_value = 2 * gsl_cdf_ugaussian_Q(fabs(d.statistic));
                snprintf(lab, sizeof lab, "odds ratio of the outcome, %s against %s, adjusted for %zu other "
                         "characteristic%s (logistic regression, Wald interval)", r->name[j], r->name[ref],
                         s->n_adjust, s->n_adjust == 1 ? "" : "s");
            }
            d.label = lab;
            st = add(res, &d, err);
            c++;
        }
    }
done:
    st_logit_free(fit);
    free(X);
    free(grp);
    free(y);
    free(x);
    free(m);
    free(use);
    return st;
}

core_status prc_equity_analyse(const core_config *cfg, const prc_equity_spec *s, const core_table *t,
                               const core_table *ref, double conf, core_results *res, core_err *err)
{
    ref_pop r;
    size_t gcol;
    core_status st = load_reference(cfg, s, t, ref, &r, &gcol, err);
    if (st != CORE_OK)
        return st;
    st = representation_rows(s, &r, conf, res, err);
    if (st == CORE_OK && s->outcome)
        st = outcome_rows(cfg, s, t, gcol, &r, conf, res, err);
    ref_pop_free(&r);
    return st;
}
