/* [cohort]: a single-service cohort. Who got a job (Wilson and Clopper-Pearson intervals, the exact test
 * against a published benchmark), time to the first job (Kaplan-Meier median with its Brookmeyer-Crowley
 * log interval, cumulative incidence at whole months), in-work support (median, quartiles, the share over a
 * limit), and the same by group (chi-square across groups, log-rank). */
#include "practice/prc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "core/core_data.h"
#include "stats/st_prop.h"
#include "stats/st_rate.h"
#include "stats/st_surv.h"
#include "stats/st_ttest.h"

#define SEC "cohort"

core_status prc_cohort_spec_from_config(const core_config *cfg, prc_cohort_spec *s, core_err *err)
{
    memset(s, 0, sizeof *s);
    char where[600];
    core_status st;
    if ((st = core_config_str_req(cfg, SEC, "days_to_job", &s->days_to_job, err)) != CORE_OK)
        return st;
    if ((st = core_config_str_req(cfg, SEC, "job", &s->job, err)) != CORE_OK)
        return st;
    s->id = core_config_str(cfg, SEC, "id", NULL);
    s->support_days = core_config_str(cfg, SEC, "support_days", NULL);
    s->label = core_config_str(cfg, SEC, "label", "the service");
    s->benchmark_source = core_config_str(cfg, SEC, "benchmark_source", NULL);
    if ((st = core_config_double(cfg, SEC, "benchmark", NAN, 0, 1, 1, 1, &s->benchmark, err)) != CORE_OK)
        return st;
    if ((st = core_config_double(cfg, SEC, "support_limit", NAN, 0, 36525, 1, 0, &s->support_limit, err)) !=
        CORE_OK)
        return st;
    if (!isnan(s->support_limit) && !s->support_days)
        return core_err_set(err, CORE_ERR_CONFIG, "%s: needs support_days (the column of in-work support days)",
                            core_config_where(cfg, SEC, "support_limit", where, sizeof where));
    /* groups: kept as pointers into a static-per-config list is not possible; copy into the spec's slots */
    char **items = NULL;
    size_t n = 0;
    if ((st = core_config_list(cfg, SEC, "groups", 0, &items, &n, err)) != CORE_OK)
        return st;
    if (n > PRC_MAX_GROUPS) {
        core_config_list_free(items);
        return core_err_set(err, CORE_ERR_CONFIG, "%s: %zu columns; at most %d", core_config_where(cfg, SEC, "groups",
                            where, sizeof where), n, PRC_MAX_GROUPS);
    }
    s->groups_list = items;
    for (size_t i = 0; i < n; i++)
        s->groups[i] = items[i];
    s->n_groups = n;
    /* months for the cumulative incidence */
    char **m = NULL;
    size_t nm = 0;
    if ((st = core_config_list(cfg, SEC, "incidence_months", 0, &m, &nm, err)) != CORE_OK) {
        prc_cohort_spec_free(s);
        return st;
    }
    if (nm == 0) {
        s->months[0] = 6;
        s->months[1] = 12;
        s->months[2] = 24;
        s->n_months = 3;
    } else if (nm > PRC_MAX_MONTHS) {
        st = core_err_set(err, CORE_ERR_CONFIG, "%s: %zu values; at most %d",
                          core_config_where(cfg, SEC, "incidence_months", where, sizeof where), nm, PRC_MAX_MONTHS);
    } else {
        for (size_t i = 0; i < nm && st == CORE_OK; i++) {
            double v;
            if (!core_parse_double(m[i], '.', &v) || !(v > 0) || v > 1200 || (i > 0 && v <= s->months[i - 1]))
                st = core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not valid; give increasing months above 0, e.g. "
                                  "6, 12, 24", core_config_where(cfg, SEC, "incidence_months", where, sizeof where),
                                  m[i]);
            s->months[i] = v;
        }
        s->n_months = nm;
    }
    core_config_list_free(m);
    if (st != CORE_OK)
        prc_cohort_spec_free(s);
    return st;
}

void prc_cohort_spec_free(prc_cohort_spec *s)
{
    if (!s)
        return;
    core_config_list_free(s->groups_list);
    s->groups_list = NULL;
    s->n_groups = 0;
}

void prc_cohort_free(prc_cohort *c)
{
    if (!c)
        return;
    free(c->days);
    free(c->job);
    free(c->support);
    for (size_t g = 0; g < PRC_MAX_GROUPS; g++)
        free(c->group_code[g]);
    memset(c, 0, sizeof *c);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* A numeric cell that must be present: CORE_ERR_DATA naming the cell otherwise. */
static core_status need_number(const core_table *t, size_t col, size_t row, const char *what, double *v,
                               core_err *err)
{
    char w[512];
    int r = core_cell_number(t, col, row, v);
    if (r == 1 && isfinite(*v))
        return CORE_OK;
    if (r == 0)
        return core_err_set(err, CORE_ERR_DATA, "%s: missing; every person needs %s",
                            core_cell_where(t, col, row, w, sizeof w), what);
    char b[128];
    return core_err_set(err, CORE_ERR_DATA, "%s: '%s' is not a number; %s is a number%s",
                        core_cell_where(t, col, row, w, sizeof w), core_cell_text(t, col, row, b, sizeof b), what,
                        CORE_MISSING_HINT);
}

core_status prc_cohort_load(const core_config *cfg, const prc_cohort_spec *s, const core_table *t, prc_cohort *c,
                            core_err *err)
{
    memset(c, 0, sizeof *c);
    char w[512];
    size_t cd, cj, cs = 0, ci = 0;
    core_status st;
    if ((st = core_data_column(cfg, SEC, "days_to_job", t, s->days_to_job, &cd, err)) != CORE_OK)
        return st;
    if ((st = core_data_column(cfg, SEC, "job", t, s->job, &cj, err)) != CORE_OK)
        return st;
    if (s->support_days && (st = core_data_column(cfg, SEC, "support_days", t, s->support_days, &cs, err)) != CORE_OK)
        return st;
    if (s->id && (st = core_data_column(cfg, SEC, "id", t, s->id, &ci, err)) != CORE_OK)
        return st;
    size_t gcol[PRC_MAX_GROUPS];
    for (size_t g = 0; g < s->n_groups; g++)
        if ((st = core_data_column(cfg, SEC, "groups", t, s->groups[g], &gcol[g], err)) != CORE_OK)
            return st;
    size_t n = t->n_rows;
    if (n == 0)
        return core_err_set(err, CORE_ERR_DATA, "%s: no rows; the cohort needs one row per person", t->source);
    c->n = n;
    c->days = malloc(n * sizeof *c->days);
    c->job = malloc(n * sizeof *c->job);
    c->support = malloc(n * sizeof *c->support);
    for (size_t g = 0; g < s->n_groups; g++)
        c->group_code[g] = malloc(n * sizeof *c->group_code[g]);
    int nomem = !c->days || !c->job || !c->support;
    for (size_t g = 0; g < s->n_groups; g++)
        nomem |= !c->group_code[g];
    if (nomem) {
        prc_cohort_free(c);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory reading the cohort");
    }
    if (s->id && t->cols[ci].type == CORE_COL_CATEGORICAL) {
        /* unique ids: a categorical column's codes; count each level once */
        size_t nl = t->cols[ci].n_levels;
        unsigned char *seen = calloc(nl ? nl : 1, 1);
        if (!seen) {
            prc_cohort_free(c);
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
        for (size_t i = 0; i < n && st == CORE_OK; i++) {
            int k = core_col_code(&t->cols[ci], i);
            if (k < 0)
                st = core_err_set(err, CORE_ERR_DATA, "%s: missing id", core_cell_where(t, ci, i, w, sizeof w));
            else if (seen[k]++)
                st = core_err_set(err, CORE_ERR_DATA, "%s: id '%s' occurs twice; the cohort has one row per person",
                                  core_cell_where(t, ci, i, w, sizeof w), t->cols[ci].levels[k]);
        }
        free(seen);
    } else if (s->id) {
        double *ids = malloc(n * sizeof *ids);
        if (!ids) {
            prc_cohort_free(c);
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
        for (size_t i = 0; i < n && st == CORE_OK; i++)
            st = need_number(t, ci, i, "an id", &ids[i], err);
        if (st == CORE_OK) {
            qsort(ids, n, sizeof *ids, cmp_double);
            for (size_t i = 1; i < n; i++)
                if (ids[i] == ids[i - 1]) {
                    st = core_err_set(err, CORE_ERR_DATA, "%s: id %.15g occurs more than once in column '%s'; the "
                                      "cohort has one row per person", t->source, ids[i], s->id);
                    break;
                }
        }
        free(ids);
    }
    for (size_t i = 0; i < n && st == CORE_OK; i++) {
        double d, e;
        if ((st = need_number(t, cd, i, "the days to a job or to the end of follow-up", &d, err)) != CORE_OK)
            break;
        if (d < 0) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: %.15g days is negative; days count from the start of support",
                              core_cell_where(t, cd, i, w, sizeof w), d);
            break;
        }
        if ((st = need_number(t, cj, i, "the job indicator (1 = got a job, 0 = no job by the end of follow-up)", &e,
                              err)) != CORE_OK)
            break;
        if (e != 0 && e != 1) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: %.15g; write 1 for a job (event) and 0 for no job by the end "
                              "of follow-up (censored)", core_cell_where(t, cj, i, w, sizeof w), e);
            break;
        }
        c->days[i] = d;
        c->job[i] = (int)e;
        c->n_jobs += c->job[i];
        c->support[i] = NAN;
        if (s->support_days) {
            double v;
            int r = core_cell_number(t, cs, i, &v);
            if (r == 1 && isfinite(v) && v >= 0) {
                c->support[i] = v;
                c->n_support++;
            } else if (r != 0) {
                char b[128];
                st = core_err_set(err, CORE_ERR_DATA, "%s: '%s' is not a number of days (0 or more)%s",
                                  core_cell_where(t, cs, i, w, sizeof w), core_cell_text(t, cs, i, b, sizeof b),
                                  CORE_MISSING_HINT);
            }
        }
    }
    for (size_t g = 0; g < s->n_groups && st == CORE_OK; g++) {
        const core_column *col = &t->cols[gcol[g]];
        if (col->type == CORE_COL_CATEGORICAL) {
            for (size_t i = 0; i < n; i++)
                c->group_code[g][i] = core_col_code(col, i);
            c->group_levels[g] = col->levels;
            c->group_n_levels[g] = col->n_levels;
        } else {
            st = core_err_set(err, CORE_ERR_DATA, "%s: column '%s' holds numbers; a group column holds labels such as "
                              "'female' or 'psychosis' (write the codes as words)", t->source, col->name);
        }
    }
    if (st != CORE_OK)
        prc_cohort_free(c);
    return st;
}

/* ---------- rows ---------- */

static core_status add(core_results *res, core_result_row *r, core_err *err)
{
    r->module = SEC;
    if (core_results_add(res, r) != CORE_OK)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a result row");
    return CORE_OK;
}

/* Got a job: Wilson and Clopper-Pearson rows for x of n, outcome `job`, with term `term` (group level or NULL). */
static core_status proportion_rows(long x, long n, double conf, const char *term, const char *group,
                                   core_results *res, core_err *err)
{
    core_status st;
    double lo, hi;
    char lab[256];
    snprintf(lab, sizeof lab, "%ld of %ld got a job", x, n);
    if ((st = st_wilson(x, n, conf, &lo, &hi, err)) != CORE_OK)
        return st;
    core_result_row r = CORE_RESULT_ROW_EMPTY;
    r.analysis = "job_proportion";
    r.outcome = group ? group : "job";
    r.term = term;
    r.method = "wilson";
    r.estimate = (double)x / (double)n;
    r.ci_low = lo;
    r.ci_high = hi;
    r.n = (double)n;
    r.statistic = (double)x;
    r.label = lab;
    if ((st = add(res, &r, err)) != CORE_OK)
        return st;
    if ((st = st_clopper_pearson(x, n, conf, &lo, &hi, err)) != CORE_OK)
        return st;
    r.method = "clopper_pearson";
    r.ci_low = lo;
    r.ci_high = hi;
    return add(res, &r, err);
}

static core_status km_rows(const double *time, const int *event, size_t n, const prc_cohort_spec *s, double conf,
                           const char *term, const char *group, core_results *res, core_err *err)
{
    st_km km = {0};
    core_status st = st_km_fit(time, event, n, &km, err);
    if (st != CORE_OK)
        return st;
    st_estimate med;
    if ((st = st_km_median(&km, conf, &med, err)) != CORE_OK) {
        st_km_free(&km);
        return st;
    }
    core_result_row r = CORE_RESULT_ROW_EMPTY;
    char lab[256];
    r.analysis = "km_median";
    r.outcome = group ? group : "days_to_job";
    r.term = term;
    r.method = "brookmeyer_crowley_log";
    r.estimate = med.estimate;
    r.ci_low = med.ci_low;
    r.ci_high = med.ci_high;
    r.n = (double)km.n;
    r.statistic = (double)km.events;
    if (med.undefined)
        snprintf(lab, sizeof lab, "median days to a job: %s (%ld jobs among %ld people)", med.undefined, km.events,
                 km.n);
    else
        snprintf(lab, sizeof lab, "median days to a first job (%ld jobs among %ld people)", km.events, km.n);
    r.label = lab;
    if ((st = add(res, &r, err)) != CORE_OK) {
        st_km_free(&km);
        return st;
    }
    for (size_t j = 0; j < s->n_months && st == CORE_OK; j++) {
        st_km_point pt;
        double t = s->months[j] * PRC_DAYS_PER_MONTH;
        if ((st = st_km_at(&km, t, conf, &pt, err)) != CORE_OK)
            break;
        char tp[32];
        snprintf(tp, sizeof tp, "%.15g", s->months[j]);
        core_result_row c = CORE_RESULT_ROW_EMPTY;
        c.analysis = "cumulative_incidence";
        c.outcome = group ? group : "days_to_job";
        c.term = term;
        c.timepoint = tp;
        c.method = "km_complement";
        c.n = (double)pt.n_risk;
        if (pt.undefined) {
            snprintf(lab, sizeof lab, "share with a job by %s months: %s", tp, pt.undefined);
        } else {
            c.estimate = 1 - pt.surv;
            c.se = pt.se;
            c.ci_low = 1 - pt.ci_high;
            c.ci_high = 1 - pt.ci_low;
            snprintf(lab, sizeof lab, "share with a job by %s months (%.1f days; n = number still without a job and "
                     "followed)", tp, t);
        }
        c.label = lab;
        st = add(res, &c, err);
    }
    st_km_free(&km);
    return st;
}

/* Median and quartiles (type 7) of sorted v[0..k-1] as three rows (terms median, q1, q3) of `what`. */
static core_status quartile_rows(const double *v, size_t k, const char *analysis, const char *outcome,
                                 const char *what, core_results *res, core_err *err)
{
    static const char *const terms[] = {"median", "q1", "q3"};
    static const char *const words[] = {"median", "lower quartile of", "upper quartile of"};
    static const double probs[] = {0.5, 0.25, 0.75};
    core_status st = CORE_OK;
    char lab[256];
    for (int j = 0; j < 3 && st == CORE_OK; j++) {
        core_result_row r = CORE_RESULT_ROW_EMPTY;
        r.analysis = analysis;
        r.outcome = outcome;
        r.term = terms[j];
        r.method = "quantile_type7";
        r.estimate = st_quantile_sorted(v, k, probs[j]);
        r.n = (double)k;
        snprintf(lab, sizeof lab, "%s %s", words[j], what);
        r.label = lab;
        st = add(res, &r, err);
    }
    return st;
}

/* Days to a job among those who got one: the published "median time to employment" (conditional on a job; not
 * a Kaplan-Meier estimate, which counts everyone). */
static core_status employed_days_rows(const prc_cohort *c, core_results *res, core_err *err)
{
    size_t k = 0;
    for (size_t i = 0; i < c->n; i++)
        k += c->job[i] == 1;
    if (k == 0)
        return CORE_OK;
    double *v = malloc(k * sizeof *v);
    if (!v)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    k = 0;
    for (size_t i = 0; i < c->n; i++)
        if (c->job[i] == 1)
            v[k++] = c->days[i];
    qsort(v, k, sizeof *v, cmp_double);
    core_status st = quartile_rows(v, k, "days_to_job_employed", "days_to_job",
                                   "days to a job among those who got one (conditional on a job)", res, err);
    free(v);
    return st;
}

static core_status support_rows(const prc_cohort_spec *s, const prc_cohort *c, double conf, core_results *res,
                                core_err *err)
{
    if (!s->support_days)
        return CORE_OK;
    if (c->n_support == 0)
        return CORE_OK;
    double *v = malloc((size_t)c->n_support * sizeof *v);
    if (!v)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    size_t k = 0;
    for (size_t i = 0; i < c->n; i++)
        if (!isnan(c->support[i]))
            v[k++] = c->support[i];
    qsort(v, k, sizeof *v, cmp_double);
    core_status st = quartile_rows(v, k, "support_duration", "support_days", "days of in-work support", res, err);
    if (st == CORE_OK && !isnan(s->support_limit)) {
        long over = 0;
        for (size_t i = 0; i < k; i++)
            over += v[i] > s->support_limit;
        double lo, hi;
        if ((st = st_wilson(over, (long)k, conf, &lo, &hi, err)) == CORE_OK) {
            char lab[256];
            snprintf(lab, sizeof lab, "%ld of %zu needed in-work support for more than %.15g days", over, k,
                     s->support_limit);
            char term[64];
            snprintf(term, sizeof term, "over_%.15g_days", s->support_limit);
            core_result_row r = CORE_RESULT_ROW_EMPTY;
            r.analysis = "support_over_limit";
            r.outcome = "support_days";
            r.term = term;
            r.method = "wilson";
            r.estimate = (double)over / (double)k;
            r.ci_low = lo;
            r.ci_high = hi;
            r.statistic = (double)over;
            r.n = (double)k;
            r.label = lab;
            st = add(res, &r, err);
        }
    }
    free(v);
    return st;
}

/* By group: the proportion and KM rows per level, the chi-square test of equal proportions across levels and
 * the log-rank test of equal time to a job. */
static core_status group_rows(const prc_cohort_spec *s, const prc_cohort *c, size_t g, double conf,
                              core_results *res, core_err *err)
{
    size_t L = c->group_n_levels[g];
    const char *gname = s->groups[g];
    if (L == 0)
        return CORE_OK;
    double *tm = malloc(c->n * sizeof *tm);
    int *ev = malloc(c->n * sizeof *ev), *grp = malloc(c->n * sizeof *grp);
    long *x = calloc(L, sizeof *x), *nn = calloc(L, sizeof *nn);
    core_status st = CORE_OK;
    if (!tm || !ev || !grp || !x || !nn) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < c->n; i++) {
        int k = c->group_code[g][i];
        if (k < 0)
            continue;
        nn[k]++;
        x[k] += c->job[i];
    }
    size_t used = 0;
    for (size_t l = 0; l < L && st == CORE_OK; l++) {
        if (nn[l] == 0)
            continue;
        used++;
        const char *lev = c->group_levels[g][l];
        if ((st = proportion_rows(x[l], nn[l], conf, lev, gname, res, err)) != CORE_OK)
            break;
        size_t m = 0;
        for (size_t i = 0; i < c->n; i++)
            if (c->group_code[g][i] == (int)l) {
                tm[m] = c->days[i];
                ev[m++] = c->job[i];
            }
        st = km_rows(tm, ev, m, s, conf, lev, gname, res, err);
    }
    if (st != CORE_OK || used < 2)
        goto done;
    /* chi-square of the L x 2 table and log-rank over the levels present */
    {
        double N = 0, X = 0;
        for (size_t l = 0; l < L; l++) {
            N += (double)nn[l];
            X += (double)x[l];
        }
        double x2 = 0;
        int ok = X > 0 && X < N;
        for (size_t l = 0; l < L && ok; l++) {
            if (nn[l] == 0)
                continue;
            double e1 = nn[l] * X / N, e0 = nn[l] * (N - X) / N;
            x2 += (x[l] - e1) * (x[l] - e1) / e1 + ((nn[l] - x[l]) - e0) * ((nn[l] - x[l]) - e0) / e0;
        }
        core_result_row r = CORE_RESULT_ROW_EMPTY;
        r.analysis = "group_test";
        r.outcome = gname;
        r.term = "job";
        r.method = "pearson_chisq";
        r.n = N;
        if (ok) {
            r.statistic = x2;
            r.df = (double)(used - 1);
            r.p_value = gsl_cdf_chisq_Q(x2, r.df);
            r.label = "equal shares getting a job across the groups (chi-square, no continuity correction)";
        } else {
            r.label = "not tested: everyone or no one got a job";
        }
        if ((st = add(res, &r, err)) != CORE_OK)
            goto done;
        size_t m = 0;
        int map[4096];
        size_t nmap = 0;
        for (size_t l = 0; l < L && l < 4096; l++)
            map[l] = nn[l] > 0 ? (int)nmap++ : -1;
        for (size_t i = 0; i < c->n; i++) {
            int k = c->group_code[g][i];
            if (k < 0 || (size_t)k >= 4096)
                continue;
            tm[m] = c->days[i];
            ev[m] = c->job[i];
            grp[m++] = map[k];
        }
        st_logrank lr = {0};
        if ((st = st_logrank_test(tm, ev, grp, m, nmap, &lr, err)) != CORE_OK)
            goto done;
        core_result_row q = CORE_RESULT_ROW_EMPTY;
        q.analysis = "group_test";
        q.outcome = gname;
        q.term = "days_to_job";
        q.method = "logrank";
        q.n = (double)m;
        q.statistic = lr.statistic;
        q.df = lr.df;
        q.p_value = lr.p_value;
        q.label = lr.undefined ? lr.undefined : "equal time to a first job across the groups (log-rank)";
        st = add(res, &q, err);
        st_logrank_free(&lr);
    }
done:
    free(tm);
    free(ev);
    free(grp);
    free(x);
    free(nn);
    return st;
}

core_status prc_cohort_analyse(const prc_cohort_spec *s, const prc_cohort *c, double conf, core_results *res,
                               core_err *err)
{
    long x = 0;
    for (size_t i = 0; i < c->n; i++)
        x += c->job[i];
    core_status st = proportion_rows(x, (long)c->n, conf, NULL, NULL, res, err);
    if (st == CORE_OK && !isnan(s->benchmark)) {
        st_estimate e;
        if ((st = st_binom_test(x, (long)c->n, s->benchmark, conf, &e, err)) != CORE_OK)
            return st;
        char lab[384];
        snprintf(lab, sizeof lab, "share who got a job minus the benchmark %.15g%s%s (exact binomial test and "
                 "Clopper-Pearson interval)", s->benchmark, s->benchmark_source ? ", " : "",
                 s->benchmark_source ? s->benchmark_source : "");
        core_result_row r = CORE_RESULT_ROW_EMPTY;
        r.analysis = "benchmark_difference";
        r.outcome = "job";
        r.term = "benchmark";
        r.method = "binom_exact";
        r.estimate = e.estimate - s->benchmark;
        r.ci_low = e.ci_low - s->benchmark;
        r.ci_high = e.ci_high - s->benchmark;
        r.statistic = (double)x;
        r.p_value = e.p_value;
        r.n = (double)c->n;
        r.label = lab;
        st = add(res, &r, err);
    }
    if (st == CORE_OK)
        st = km_rows(c->days, c->job, c->n, s, conf, NULL, NULL, res, err);
    if (st == CORE_OK)
        st = employed_days_rows(c, res, err);
    if (st == CORE_OK)
        st = support_rows(s, c, conf, res, err);
    for (size_t g = 0; g < s->n_groups && st == CORE_OK; g++)
        st = group_rows(s, c, g, conf, res, err);
    return st;
}
