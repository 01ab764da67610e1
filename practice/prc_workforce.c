/* [workforce]: the employment specialists' turnover. Leavers per 100 person-years (person-years = days / 365.25)
 * with exact Poisson intervals, overall, by site and by calendar year; the ratio to a benchmark rate with the
 * exact test; Kaplan-Meier time in post. */
#include "practice/prc.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_data.h"
#include "core/core_date.h"
#include "stats/st_rate.h"
#include "stats/st_surv.h"

#define SEC "workforce"
#define DAYS_PER_YEAR 365.25

static core_status config_date(const core_config *cfg, const char *key, int required, long *out, core_err *err)
{
    char where[600];
    const char *v = core_config_str(cfg, SEC, key, NULL);
    if (!v || !*v) {
        if (required)
            return core_err_set(err, CORE_ERR_CONFIG, "%s: key '%s' is required: the date (YYYY-MM-DD) %s",
                                core_config_where(cfg, SEC, NULL, where, sizeof where), key,
                                "up to which employment is followed");
        *out = LONG_MIN;
        return CORE_OK;
    }
    if (core_parse_date(v, out) != 0)
        return core_err_set(err, CORE_ERR_CONFIG, "%s: '%s' is not a date; write YYYY-MM-DD",
                            core_config_where(cfg, SEC, key, where, sizeof where), v);
    return CORE_OK;
}

core_status prc_workforce_spec_from_config(const core_config *cfg, prc_workforce_spec *s, core_err *err)
{
    memset(s, 0, sizeof *s);
    char where[600];
    core_status st;
    if ((st = core_config_str_req(cfg, SEC, "person", &s->person, err)) != CORE_OK ||
        (st = core_config_str_req(cfg, SEC, "start", &s->start, err)) != CORE_OK ||
        (st = core_config_str_req(cfg, SEC, "end", &s->end, err)) != CORE_OK)
        return st;
    s->site = core_config_str(cfg, SEC, "site", NULL);
    if ((st = config_date(cfg, "followup_end", 1, &s->followup_end, err)) != CORE_OK)
        return st;
    if ((st = config_date(cfg, "followup_start", 0, &s->followup_start, err)) != CORE_OK)
        return st;
    if (s->followup_start != LONG_MIN && s->followup_start >= s->followup_end)
        return core_err_set(err, CORE_ERR_CONFIG, "%s: the follow-up starts on or after its end (followup_end)",
                            core_config_where(cfg, SEC, "followup_start", where, sizeof where));
    if ((st = core_config_double(cfg, SEC, "benchmark_rate", NAN, 0, 1000, 1, 0, &s->benchmark_rate, err)) != CORE_OK)
        return st;
    s->benchmark_source = core_config_str(cfg, SEC, "benchmark_source", NULL);
    return CORE_OK;
}

void prc_workforce_free(prc_workforce *w)
{
    if (!w)
        return;
    free(w->spell);
    for (size_t i = 0; i < w->n_sites; i++)
        free(w->sites[i]);
    free(w->sites);
    memset(w, 0, sizeof *w);
}

/* The date in a cell: 1 with *day set, 0 when missing, -1 when not a date. */
static int cell_date(const core_table *t, size_t col, size_t row, long *day)
{
    if (core_cell_missing(t, col, row))
        return 0;
    char b[64];
    return core_parse_date(core_cell_text(t, col, row, b, sizeof b), day) == 0 ? 1 : -1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

core_status prc_workforce_load(const core_config *cfg, const prc_workforce_spec *s, const core_table *t,
                               prc_workforce *w, core_err *err)
{
    memset(w, 0, sizeof *w);
    char where[512], b[128];
    size_t cp, cs, ce, csite = 0;
    core_status st;
    if ((st = core_data_column(cfg, SEC, "person", t, s->person, &cp, err)) != CORE_OK ||
        (st = core_data_column(cfg, SEC, "start", t, s->start, &cs, err)) != CORE_OK ||
        (st = core_data_column(cfg, SEC, "end", t, s->end, &ce, err)) != CORE_OK)
        return st;
    if (s->site && (st = core_data_column(cfg, SEC, "site", t, s->site, &csite, err)) != CORE_OK)
        return st;
    size_t n = t->n_rows;
    if (n == 0)
        return core_err_set(err, CORE_ERR_DATA, "%s: no rows; one row per employment spell", t->source);
    w->spell = calloc(n, sizeof *w->spell);
    size_t max_sites = s->site && t->cols[csite].type == CORE_COL_CATEGORICAL ? t->cols[csite].n_levels : 1;
    w->sites = calloc(max_sites ? max_sites : 1, sizeof *w->sites);
    double *pid = malloc(n * sizeof *pid);
    if (!w->spell || !w->sites || !pid) {
        free(pid);
        prc_workforce_free(w);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    if (s->site) {
        if (t->cols[csite].type != CORE_COL_CATEGORICAL) {
            free(pid);
            prc_workforce_free(w);
            return core_err_set(err, CORE_ERR_DATA, "%s: column '%s' holds numbers; a site is a name (e.g. 'Bodo')",
                                t->source, s->site);
        }
        for (size_t l = 0; l < max_sites; l++) {
            if (!(w->sites[l] = strdup(t->cols[csite].levels[l]))) {
                free(pid);
                prc_workforce_free(w);
                return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            }
            w->n_sites++;
        }
    } else {
        if (!(w->sites[0] = strdup("all"))) {
            free(pid);
            prc_workforce_free(w);
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
        w->n_sites = 1;
    }
    for (size_t i = 0; i < n && st == CORE_OK; i++) {
        prc_spell *p = &w->spell[i];
        long a, e;
        int r = cell_date(t, cs, i, &a);
        if (r != 1) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: '%s' is not a start date; write YYYY-MM-DD",
                              core_cell_where(t, cs, i, where, sizeof where), core_cell_text(t, cs, i, b, sizeof b));
            break;
        }
        if (a > s->followup_end) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: the spell starts after the follow-up end (followup_end); drop "
                              "it or move followup_end", core_cell_where(t, cs, i, where, sizeof where));
            break;
        }
        r = cell_date(t, ce, i, &e);
        if (r < 0) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: '%s' is not an end date; write YYYY-MM-DD, or leave it empty "
                              "when the person is still employed",
                              core_cell_where(t, ce, i, where, sizeof where), core_cell_text(t, ce, i, b, sizeof b));
            break;
        }
        if (r == 1 && e < a) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: the spell ends before it starts",
                              core_cell_where(t, ce, i, where, sizeof where));
            break;
        }
        p->start = a;
        if (r == 0 || e >= s->followup_end) {
            p->stop = s->followup_end;
            p->left = 0;
        } else {
            p->stop = e;
            p->left = 1;
        }
        if (s->site) {
            int code = core_col_code(&t->cols[csite], i);
            if (code < 0) {
                st = core_err_set(err, CORE_ERR_DATA, "%s: the site is missing",
                                  core_cell_where(t, csite, i, where, sizeof where));
                break;
            }
            p->site = code;
        }
        if (t->cols[cp].type == CORE_COL_CATEGORICAL) {
            pid[i] = core_col_code(&t->cols[cp], i);
            if (pid[i] < 0)
                st = core_err_set(err, CORE_ERR_DATA, "%s: the person is missing",
                                  core_cell_where(t, cp, i, where, sizeof where));
        } else if (core_cell_number(t, cp, i, &pid[i]) != 1) {
            st = core_err_set(err, CORE_ERR_DATA, "%s: the person is missing",
                              core_cell_where(t, cp, i, where, sizeof where));
        }
    }
    if (st == CORE_OK) {
        qsort(pid, n, sizeof *pid, cmp_double);
        long people = n > 0;
        for (size_t i = 1; i < n; i++)
            people += pid[i] != pid[i - 1];
        w->n_people = people;
        w->n = n;
    }
    free(pid);
    if (st != CORE_OK)
        prc_workforce_free(w);
    return st;
}

static core_status add(core_results *res, core_result_row *r, core_err *err)
{
    r->module = SEC;
    if (core_results_add(res, r) != CORE_OK)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory adding a result row");
    return CORE_OK;
}

/* Days of spell p inside [lo, hi) and whether its leaving falls inside. */
static long overlap(const prc_spell *p, long lo, long hi, int *leaves)
{
    long a = p->start > lo ? p->start : lo, b = p->stop < hi ? p->stop : hi;
    *leaves = p->left && p->stop >= lo && p->stop < hi;
    return b > a ? b - a : 0;
}

/* A turnover row and, with a benchmark, its ratio row: x leavers over `days` of employment. */
static core_status rate_rows(const prc_workforce_spec *s, long x, long days, const char *term, const char *tp,
                             long spells, double conf, core_results *res, core_err *err)
{
    char lab[512];
    core_result_row r = CORE_RESULT_ROW_EMPTY;
    r.analysis = "turnover_rate";
    r.outcome = "leavers";
    r.term = term;
    r.timepoint = tp;
    r.method = "exact_poisson";
    r.n = (double)spells;
    r.statistic = (double)x;
    if (days <= 0) {
        r.label = "no person-time in this period";
        return add(res, &r, err);
    }
    double py = (double)days / DAYS_PER_YEAR;
    st_estimate e;
    double r0 = isnan(s->benchmark_rate) ? 0 : s->benchmark_rate / 100;
    core_status st = st_poisson_rate(x, py, r0, conf, &e, err);
    if (st != CORE_OK)
        return st;
    r.estimate = 100 * e.estimate;
    r.se = 100 * e.se;
    r.ci_low = 100 * e.ci_low;
    r.ci_high = 100 * e.ci_high;
    snprintf(lab, sizeof lab, "%ld leaver%s over %.1f person-years: leavers per 100 person-years (exact Poisson "
             "interval)", x, x == 1 ? "" : "s", py);
    r.label = lab;
    if ((st = add(res, &r, err)) != CORE_OK || isnan(s->benchmark_rate))
        return st;
    core_result_row q = r;
    q.analysis = "turnover_benchmark";
    q.method = "exact_poisson";
    q.estimate = e.estimate / r0;
    q.se = NAN;
    q.ci_low = e.ci_low / r0;
    q.ci_high = e.ci_high / r0;
    q.p_value = e.p_value;
    snprintf(lab, sizeof lab, "turnover over the benchmark of %.15g leavers per 100 person-years%s%s (exact test of "
             "equal rates, the benchmark taken as known)", s->benchmark_rate, s->benchmark_source ? ", " : "",
             s->benchmark_source ? s->benchmark_source : "");
    q.label = lab;
    return add(res, &q, err);
}

core_status prc_workforce_analyse(const prc_workforce_spec *s, const prc_workforce *w, double conf,
                                  core_results *res, core_err *err)
{
    /* person-time of a spell is stop - start days: a leaver's last day is the day before the end date, and a
     * spell still running is followed up to (not including) followup_end */
    long lo = s->followup_start, hi = s->followup_end;
    if (lo == LONG_MIN) {
        lo = LONG_MAX;
        for (size_t i = 0; i < w->n; i++)
            if (w->spell[i].start < lo)
                lo = w->spell[i].start;
    }
    core_status st = CORE_OK;
    long x = 0, days = 0, spells = 0;
    for (size_t i = 0; i < w->n; i++) {
        int leaves;
        long d = overlap(&w->spell[i], lo, hi, &leaves);
        days += d;
        x += leaves;
        spells += d > 0 || leaves;
    }
    if (days == 0)
        return core_err_set(err, CORE_ERR_DATA, "workforce: no employment falls inside the follow-up");
    if ((st = rate_rows(s, x, days, "all", NULL, spells, conf, res, err)) != CORE_OK)
        return st;
    if (w->n_sites > 1 || s->site) {
        for (size_t k = 0; k < w->n_sites && st == CORE_OK; k++) {
            long xs = 0, ds = 0, ns = 0;
            for (size_t i = 0; i < w->n; i++) {
                if (w->spell[i].site != (int)k)
                    continue;
                int leaves;
                long d = overlap(&w->spell[i], lo, hi, &leaves);
                ds += d;
                xs += leaves;
                ns += d > 0 || leaves;
            }
            if (ns > 0)
                st = rate_rows(s, xs, ds, w->sites[k], NULL, ns, conf, res, err);
        }
    }
    /* by calendar year */
    long y0, y1;
    unsigned m, d;
    core_civil_from_days(lo, &y0, &m, &d);
    core_civil_from_days(hi - 1, &y1, &m, &d);
    for (long y = y0; y <= y1 && st == CORE_OK; y++) {
        long a = core_days_from_civil(y, 1, 1), b = core_days_from_civil(y + 1, 1, 1);
        if (a < lo)
            a = lo;
        if (b > hi)
            b = hi;
        long xy = 0, dy = 0, ny = 0;
        for (size_t i = 0; i < w->n; i++) {
            int leaves;
            long dd = overlap(&w->spell[i], a, b, &leaves);
            dy += dd;
            xy += leaves;
            ny += dd > 0 || leaves;
        }
        char tp[16];
        snprintf(tp, sizeof tp, "%ld", y);
        st = rate_rows(s, xy, dy, "all", tp, ny, conf, res, err);
    }
    if (st != CORE_OK)
        return st;
    /* Kaplan-Meier time in post, in years, for spells that start inside the follow-up (no delayed entry) */
    double *tm = malloc(w->n * sizeof *tm);
    int *ev = malloc(w->n * sizeof *ev);
    if (!tm || !ev) {
        free(tm);
        free(ev);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    size_t k = 0;
    long truncated = 0;
    for (size_t i = 0; i < w->n; i++) {
        if (w->spell[i].start < lo) {
            truncated++;
            continue;
        }
        tm[k] = (double)(w->spell[i].stop - w->spell[i].start) / DAYS_PER_YEAR;
        ev[k++] = w->spell[i].left;
    }
    if (k > 0) {
        st_km km = {0};
        if ((st = st_km_fit(tm, ev, k, &km, err)) == CORE_OK) {
            st_estimate med;
            char lab[512];
            if ((st = st_km_median(&km, conf, &med, err)) == CORE_OK) {
                core_result_row r = CORE_RESULT_ROW_EMPTY;
                r.analysis = "time_in_post";
                r.outcome = "years_in_post";
                r.term = "median";
                r.method = "kaplan_meier";
                r.estimate = med.estimate;
                r.ci_low = med.ci_low;
                r.ci_high = med.ci_high;
                r.n = (double)km.n;
                r.statistic = (double)km.events;
                snprintf(lab, sizeof lab, "median years in post (%ld leavers among %ld spells%s)%s%s", km.events,
                         km.n, truncated ? "; spells begun before the follow-up left out" : "",
                         med.undefined ? ": " : "", med.undefined ? med.undefined : "");
                r.label = lab;
                st = add(res, &r, err);
            }
            for (int yr = 1; yr <= 2 && st == CORE_OK; yr++) {
                st_km_point pt;
                if ((st = st_km_at(&km, (double)yr, conf, &pt, err)) != CORE_OK)
                    break;
                core_result_row r = CORE_RESULT_ROW_EMPTY;
                char tp[8];
                snprintf(tp, sizeof tp, "%d", yr);
                r.analysis = "time_in_post";
                r.outcome = "years_in_post";
                r.term = "still_in_post";
                r.timepoint = tp;
                r.method = "kaplan_meier";
                r.n = (double)pt.n_risk;
                if (pt.undefined) {
                    snprintf(lab, sizeof lab, "share still in post after %d year%s: %s", yr, yr == 1 ? "" : "s",
                             pt.undefined);
                } else {
                    r.estimate = pt.surv;
                    r.se = pt.se;
                    r.ci_low = pt.ci_low;
                    r.ci_high = pt.ci_high;
                    snprintf(lab, sizeof lab, "share still in post after %d year%s (n = still in post and followed)",
                             yr, yr == 1 ? "" : "s");
                }
                r.label = lab;
                st = add(res, &r, err);
            }
            st_km_free(&km);
        }
    }
    free(tm);
    free(ev);
    return st;
}
