/* The difference-in-differences analyses of one registry panel (see rw.h, rw_analyse).
 *
 * Per outcome: the sample (rows with the outcome), the TWFE fit, every requested inference on the
 * treatment coefficient, randomisation inference over placebo clusters and the Conley-Taber interval,
 * the synthetic control on cluster-by-period means with its placebo test, and the event study with
 * its joint pre-trend test. Statistics are in stats/; this file builds designs and writes rows. */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_alloc.h"
#include "realworld/rw.h"
#include "stats/st_bacon.h"
#include "stats/st_cluster.h"
#include "stats/st_csdid.h"
#include "stats/st_ri.h"
#include "stats/st_synth.h"
#include "stats/st_twfe.h"
#include "stats/st_wild.h"

#define NOMEM(err) core_err_set(err, CORE_ERR_NOMEM, "out of memory")
#define TIE_REL 1e-9
#define MAX_ASSIGN_LIST 200 /* placebo rows listed one by one up to this many assignments */

/* ---- the sample of one outcome ---- */

typedef struct sample {
    size_t n, p, G, T, n_fe, n_controls;
    double *y, *x;          /* x: column-major n x p: treatment, then controls */
    int *cluster, *period;
    int **fe;
    size_t *fe_levels;
    st_fe *sfe;
    size_t *gmap;           /* compact cluster -> panel cluster */
    int *treated, *first;   /* per compact cluster */
    size_t G1;
    const char **names;     /* regressor names */
    unsigned char *own_fe;  /* per factor: 1 = a copy of ours, 0 = the panel's own array (borrowed) */
    int own_y, own_x, own_cluster, own_period;
} sample;

static void sample_free(sample *s)
{
    size_t nd = (s->n + 1) * sizeof(double), ni = (s->n + 1) * sizeof(int);
    if (s->own_y)
        core_free_pages(s->y, nd);
    if (s->own_x)
        core_free_pages(s->x, (s->n * s->p + 1) * sizeof(double));
    if (s->own_cluster)
        core_free_pages(s->cluster, ni);
    if (s->own_period)
        core_free_pages(s->period, ni);
    if (s->fe && s->own_fe)
        for (size_t q = 0; q < s->n_fe; q++)
            if (s->own_fe[q])
                core_free_pages(s->fe[q], ni);
    free(s->own_fe);
    free(s->fe);
    free(s->fe_levels);
    free(s->sfe);
    free(s->gmap);
    free(s->treated);
    free(s->first);
    free(s->names);
    memset(s, 0, sizeof *s);
}

/* Renumber levels 0..L-1 to the used ones, in order; returns the new count (or 0 on no memory). */
static size_t compact_levels(int *lv, size_t n, size_t L, int *map_out)
{
    int *map = map_out ? map_out : malloc((L + 1) * sizeof *map);
    if (!map)
        return 0;
    for (size_t l = 0; l < L; l++)
        map[l] = -1;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (map[lv[i]] < 0)
            map[lv[i]] = (int)k++;
        lv[i] = map[lv[i]];
    }
    if (!map_out)
        free(map);
    return k;
}

/* 1 when compact_levels would leave lv as it is: levels 0, 1, 2, ... in order of first appearance; *count: how
 * many levels occur then (the level count of a sample of every row). In order means that no level exceeds the
 * largest before it by more than 1; the count is then the largest plus 1. The two halves of the array go side by
 * side, each with its running maximum in a register (two independent chains of a compare and a conditional move;
 * one chain was 2 cycles a row, a next-level counter per factor kept in an array a store-to-load wait per row): a
 * level of the second half that exceeds the largest before it in its half by more than 1 is still in order when it
 * exceeds the largest of the first half by at most 1, so the largest such level is compared with that at the end. */
static int levels_in_order(const int *lv, size_t n, int *count)
{
    size_t h = n / 2;
    int ta = -1, tb = -1, oka = 1, wb = INT_MIN;
    for (size_t i = 0; i < h; i++) {
        int a = lv[i], b = lv[h + i];
        oka &= a <= ta + 1;
        ta = a > ta ? a : ta;
        wb = b > tb + 1 && b > wb ? b : wb;
        tb = b > tb ? b : tb;
    }
    for (size_t i = 2 * h; i < n; i++) { /* the last row of an odd count: the second half's */
        int b = lv[i];
        wb = b > tb + 1 && b > wb ? b : wb;
        tb = b > tb ? b : tb;
    }
    *count = (ta > tb ? ta : tb) + 1;
    return oka && wb <= ta + 1;
}

/* The sample of outcome o. When the outcome is present in every row, the sample borrows the panel's arrays
 * instead of copying them (a registry panel of 10^7 rows: ~300 MB not written); a factor whose levels would be
 * renumbered is still copied, so the sample is the same either way. */
static core_status make_sample(const rw_spec *s, const rw_panel *p, size_t o, sample *sm, core_err *err)
{
    memset(sm, 0, sizeof *sm);
    const double *yo = p->y + o * p->n;
    size_t n = 0;
    /* The rows with the outcome; then, when that is every row, whether the clusters and each factor have their
     * levels 0, 1, 2, ... in order of first appearance and how many (levels_in_order), each array in a pass of its
     * own (a factor that is the same array as the clusters or an earlier factor is not looked at twice). */
    for (size_t k = 0; k < p->n; k++)
        n += !isnan(yo[k]);
    size_t pc = 1 + s->n_controls;
    int whole = n == p->n; /* every row: borrow what needs no renumbering */
    int nx_c = 0, ok_c = whole && levels_in_order(p->cluster, p->n, &nx_c);
    int *nx_f = calloc(2 * (p->n_fe + 1), sizeof *nx_f), *ok_f = nx_f ? nx_f + p->n_fe + 1 : NULL;
    if (!nx_f)
        return NOMEM(err);
    for (size_t q = 0; q < p->n_fe && whole; q++) {
        size_t same = q;
        for (size_t r = 0; r < q; r++)
            if (p->fe[r] == p->fe[q])
                same = r;
        if (same < q) {
            ok_f[q] = ok_f[same];
            nx_f[q] = nx_f[same];
        } else if (p->fe[q] == p->cluster) {
            ok_f[q] = ok_c;
            nx_f[q] = nx_c;
        } else
            ok_f[q] = levels_in_order(p->fe[q], p->n, &nx_f[q]);
    }
    sm->n = n;
    sm->p = pc;
    sm->T = p->T;
    sm->n_fe = p->n_fe;
    sm->n_controls = s->n_controls;
    sm->own_y = !whole;
    sm->own_x = !whole || s->n_controls > 0;
    sm->own_cluster = !whole || !ok_c;
    sm->own_period = !whole;
    /* the sample's own arrays, each filled in full below: whole pages (from the pool when an earlier outcome's
     * sample or the table left some; core/core_alloc.h), malloc's when small */
    sm->y = sm->own_y ? core_alloc_pages((n + 1) * sizeof *sm->y) : (double *)yo;
    sm->x = sm->own_x ? core_alloc_pages((n * pc + 1) * sizeof *sm->x) : p->d;
    sm->cluster = sm->own_cluster ? core_alloc_pages((n + 1) * sizeof *sm->cluster) : p->cluster;
    sm->period = sm->own_period ? core_alloc_pages((n + 1) * sizeof *sm->period) : p->period;
    sm->fe = calloc(p->n_fe + 1, sizeof *sm->fe);
    sm->own_fe = calloc(p->n_fe + 1, 1);
    sm->fe_levels = calloc(p->n_fe + 1, sizeof *sm->fe_levels);
    sm->sfe = calloc(p->n_fe + 1, sizeof *sm->sfe);
    sm->gmap = malloc((p->G + 1) * sizeof *sm->gmap);
    sm->treated = calloc(p->G + 1, sizeof *sm->treated);
    sm->first = malloc((p->G + 1) * sizeof *sm->first);
    sm->names = calloc(pc + 1, sizeof *sm->names);
    int *cmap = malloc((p->G + 1) * sizeof *cmap);
    if (!sm->y || !sm->x || !sm->cluster || !sm->period || !sm->fe || !sm->own_fe || !sm->fe_levels || !sm->sfe ||
        !sm->gmap || !sm->treated || !sm->first || !sm->names || !cmap) {
        free(cmap);
        free(nx_f);
        sample_free(sm);
        return NOMEM(err);
    }
    for (size_t q = 0; q < p->n_fe; q++) {
        sm->own_fe[q] = !whole || !ok_f[q];
        if (!sm->own_fe[q])
            sm->fe[q] = p->fe[q];
        else if (!(sm->fe[q] = core_alloc_pages((n + 1) * sizeof(int)))) {
            free(cmap);
            free(nx_f);
            sample_free(sm);
            return NOMEM(err);
        }
    }
    size_t i = 0;
    for (size_t k = 0; k < p->n && (sm->own_y || sm->own_x || sm->own_cluster || sm->own_period); k++) {
        if (isnan(yo[k]))
            continue;
        if (sm->own_y)
            sm->y[i] = yo[k];
        if (sm->own_x) {
            sm->x[i] = p->d[k];
            for (size_t c = 0; c < s->n_controls; c++)
                sm->x[(1 + c) * n + i] = p->x[c * p->n + k];
        }
        if (sm->own_cluster)
            sm->cluster[i] = p->cluster[k];
        if (sm->own_period)
            sm->period[i] = p->period[k];
        i++;
    }
    for (size_t q = 0; q < p->n_fe; q++) {
        if (!sm->own_fe[q])
            continue;
        i = 0;
        for (size_t k = 0; k < p->n; k++)
            if (!isnan(yo[k]))
                sm->fe[q][i++] = p->fe[q][k];
    }
    if (sm->own_cluster)
        sm->G = compact_levels(sm->cluster, n, p->G, cmap);
    else { /* already in order: the identity map, over the clusters that occur (0 .. nx_c - 1) */
        for (size_t g = 0; g < p->G; g++)
            cmap[g] = (int)g < nx_c ? (int)g : -1;
        sm->G = (size_t)nx_c;
    }
    for (size_t g = 0; g < p->G; g++)
        if (cmap[g] >= 0) {
            sm->gmap[cmap[g]] = g;
            sm->treated[cmap[g]] = p->cluster_treated[g];
            sm->first[cmap[g]] = p->cluster_first[g];
        }
    free(cmap);
    sm->G1 = 0;
    for (size_t g = 0; g < sm->G; g++)
        sm->G1 += (size_t)sm->treated[g];
    for (size_t q = 0; q < p->n_fe; q++) {
        if (sm->own_fe[q])
            sm->fe_levels[q] = compact_levels(sm->fe[q], n, p->fe_levels[q], NULL);
        else
            sm->fe_levels[q] = (size_t)nx_f[q];
        sm->sfe[q] = (st_fe){sm->fe[q], sm->fe_levels[q]};
    }
    free(nx_f);
    sm->names[0] = s->treatment;
    for (size_t c = 0; c < s->n_controls; c++)
        sm->names[1 + c] = s->controls[c];
    return CORE_OK;
}

static st_twfe_data sample_data(const sample *sm, const double *x, size_t p, const char *const *names)
{
    return (st_twfe_data){.n = sm->n, .y = sm->y, .p = p, .x = x, .names = names, .fe = sm->sfe, .n_fe = sm->n_fe,
                          .cluster = sm->cluster, .n_clusters = sm->G};
}

/* ---- rows ---- */

typedef struct writer {
    core_results *res;
    const char *outcome;
    core_err *err;
    core_status st;
    const char *twfe_warn; /* staggered adoption: put before the label of every twfe row of the treatment */
    const char *treatment;
    unsigned next_flags; /* CORE_ROW_* of the next row put (then cleared) */
} writer;

static void put(writer *w, const char *analysis, const char *term, const char *method, double est, double se,
                double lo, double hi, double stat, double df, double p, double n, const char *label)
{
    if (w->st != CORE_OK)
        return;
    core_result_row r = CORE_RESULT_ROW_EMPTY;
    r.module = "did";
    r.analysis = analysis;
    r.outcome = w->outcome;
    r.term = term;
    r.method = method;
    r.estimate = est;
    r.se = se;
    r.ci_low = lo;
    r.ci_high = hi;
    r.statistic = stat;
    r.df = df;
    r.p_value = p;
    r.n = n;
    r.label = label;
    r.flags = w->next_flags;
    w->next_flags = 0;
    char *warned = NULL;
    if (w->twfe_warn && !strcmp(analysis, "twfe") && term && w->treatment && !strcmp(term, w->treatment)) {
        size_t len = strlen(w->twfe_warn) + (label ? strlen(label) : 0) + 4;
        if ((warned = malloc(len)))
            snprintf(warned, len, "%s%s%s", w->twfe_warn, label && *label ? " | " : "", label ? label : "");
        r.label = warned ? warned : w->twfe_warn;
    }
    w->st = core_results_add(w->res, &r);
    free(warned);
    if (w->st != CORE_OK)
        core_err_set(w->err, w->st, "out of memory");
}

static void put_value(writer *w, const char *term, double v, const char *label)
{
    put(w, "panel_summary", term, NULL, v, NAN, NAN, NAN, NAN, NAN, NAN, NAN, label);
}

/* ---- one outcome ---- */

typedef struct ctx {
    const rw_spec *s;
    const rw_panel *p;
    const rw_opts *o;
    sample sm;
    st_twfe_fit *f;
    writer w;
    rw_summary *sum;
    int first_period; /* common first treated period (compact sample), -1 if none */
    int staggered;    /* a 0/1 cluster-level adoption whose treated clusters start in different periods */
    st_bacon_result bacon;
    int have_bacon;
    const char *bacon_why; /* why there is no decomposition */
    char warn[900], bacon_msg[300];
    const char **gname; /* Bacon group names (calendar start, never, always) */
    char (*gbuf)[32];
} ctx;

static const char *cname(const ctx *c, size_t g) { return c->p->cluster_name[c->sm.gmap[g]]; }

/* panel description + verdict */
static void write_summary(ctx *c)
{
    const sample *sm = &c->sm;
    writer *w = &c->w;
    size_t mn = (size_t)-1, mx = 0;
    size_t *cnt = calloc(sm->G, sizeof *cnt);
    if (cnt) {
        for (size_t i = 0; i < sm->n;) { /* runs of one cluster counted at once */
            size_t i0 = i;
            int g = sm->cluster[i];
            while (i < sm->n && sm->cluster[i] == g)
                i++;
            cnt[g] += i - i0;
        }
        for (size_t g = 0; g < sm->G; g++) {
            if (cnt[g] < mn)
                mn = cnt[g];
            if (cnt[g] > mx)
                mx = cnt[g];
        }
        free(cnt);
    }
    size_t units = sm->n_fe > 0 ? sm->fe_levels[0] : 0;
    put_value(w, "observations", (double)sm->n, NULL);
    put_value(w, "dropped_rows", (double)(c->p->n_rows_read - sm->n), "rows without every needed value");
    put_value(w, "units", (double)units, "levels of the first fixed effect");
    put_value(w, "periods", (double)sm->T, NULL);
    put_value(w, "first_period", (double)c->p->period0, NULL);
    put_value(w, "clusters", (double)sm->G, NULL);
    put_value(w, "treated_clusters", (double)sm->G1,
              c->p->cluster_level ? NULL : "clusters where the treatment is ever non-zero");
    if (c->first_period >= 0 && c->p->cluster_level)
        put_value(w, "first_treated_period", (double)(c->p->period0 + c->first_period), NULL);
    put_value(w, "smallest_cluster", (double)mn, "observations");
    put_value(w, "largest_cluster", (double)mx, "observations");
    put_value(w, "fe_parameters", c->f->k_fe, "parameters absorbed by the fixed effects (with the intercept)");
    put_value(w, "parameters_areg", (double)sm->p + c->f->k_fe,
              "K of cr1_areg and classical: regressors and every fixed-effect parameter");
    {
        double kn = c->f->k_fe - c->f->k_nested_levels;
        put_value(w, "parameters_cr1", (double)sm->p + (kn > 0 ? kn : 0),
                  "K of cr1: regressors and the fixed-effect parameters not nested in the clusters");
    }
    put_value(w, "fe_sweeps", (double)c->f->ap.iterations, "alternating-projection sweeps (within-transformation)");
    put_value(w, "fe_max_change", c->f->ap.max_change, "largest group mean removed in the last sweep, relative");
    /* the verdict */
    char *v = c->sum->verdict;
    size_t G = sm->G, G1 = sm->G1;
    const char *tname = "";
    for (size_t g = 0; g < G; g++)
        if (sm->treated[g]) {
            tname = cname(c, g);
            break;
        }
    if (!c->p->cluster_level)
        snprintf(v, sizeof c->sum->verdict,
                 "%zu clusters; the treatment varies %s, so there are no 'treated clusters' to count: %s",
                 G, "within or across clusters and periods (not one switch per cluster)",
                 G < 42 ? "with fewer than about 40 clusters CR1 with t(G-1) over-rejects; trust the restricted wild "
                          "cluster bootstrap (WCR) and CR2 (Bell-McCaffrey, Satterthwaite df) (Cameron, Gelbach & "
                          "Miller 2008; Pustejovsky & Tipton 2018)."
                        : "enough clusters for cluster-robust (CR1) inference; CR2 and the wild bootstrap should agree.");
    else if (G1 == 1)
        snprintf(v, sizeof c->sum->verdict,
                 "One treated cluster (%s) against %zu controls: cluster-robust standard errors (CR1, CR2) and the "
                 "wild cluster bootstrap cannot be trusted here, because the treated cluster's own shock cannot be "
                 "told apart from the effect (MacKinnon & Webb 2017, 2018). Trust the randomisation inference over "
                 "placebo clusters (an exact p-value; the smallest possible is 1/%zu = %.3f), the Conley-Taber interval "
                 "and the synthetic-control placebo test, and read the estimate as one municipality's experience.",
                 tname, G - 1, G, 1.0 / (double)G);
    else if (G1 <= 3 || G - G1 <= 3)
        snprintf(v, sizeof c->sum->verdict,
                 "%zu treated and %zu control clusters: so few treated (or control) clusters that CR1 over-rejects and "
                 "the restricted wild bootstrap (WCR) under-rejects (MacKinnon & Webb 2017); report the WCR and CR2 "
                 "p-values as conservative, and the randomisation inference (exact over the %s assignments).",
                 G1, G - G1, "possible");
    else if (G < 42)
        snprintf(v, sizeof c->sum->verdict,
                 "%zu clusters (%zu treated): too few for CR1 with t(G-1) to hold its level, especially with unequal "
                 "cluster sizes (%zu to %zu observations); trust the restricted wild cluster bootstrap (WCR) p-value "
                 "and interval, with CR2 (Bell-McCaffrey, Satterthwaite df) as a check (Cameron, Gelbach & Miller "
                 "2008; MacKinnon & Webb 2018).",
                 G, G1, mn, mx);
    else
        snprintf(v, sizeof c->sum->verdict,
                 "%zu clusters (%zu treated): enough for cluster-robust (CR1) inference; the wild bootstrap and CR2 "
                 "should agree with it.",
                 G, G1);
    if (mn > 0 && (double)mx > 3.0 * (double)mn) {
        size_t l = strlen(v);
        snprintf(v + l, sizeof c->sum->verdict - l,
                 " Cluster sizes are unequal (%zu to %zu observations), which makes cluster-robust tests over-reject "
                 "further (MacKinnon & Webb 2017).",
                 mn, mx);
    }
    put(w, "panel_summary", "verdict", NULL, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, v);
}

static const char *few_label(ctx *c, char *buf, size_t size, const char *base)
{
    if (c->sm.G1 == 1)
        c->w.next_flags = CORE_ROW_UNRELIABLE; /* the row put with this label */
    if (c->sm.G1 == 1)
        snprintf(buf, size, "%sunreliable: one treated cluster of %zu (MacKinnon & Webb 2017); see "
                 "the randomisation-inference rows (placebo clusters, Conley-Taber)", base, c->sm.G);
    else if (c->sm.G < 42)
        snprintf(buf, size, "%sfew clusters (G = %zu, %zu treated)", base, c->sm.G, c->sm.G1);
    else
        snprintf(buf, size, "%s", base);
    size_t l = strlen(buf); /* no dangling separator */
    while (l > 0 && (buf[l - 1] == ' ' || buf[l - 1] == ';'))
        buf[--l] = 0;
    return buf;
}

static void write_twfe(ctx *c)
{
    static const struct {
        rw_inference inf;
        st_vc_kind kind;
        const char *method, *desc;
    } vc[] = {{RW_INF_CLASSICAL, ST_VC_CLASSICAL, "classical", "iid errors; t on N-K df; "},
              {RW_INF_CR1, ST_VC_CR1, "cr1", "CR1, K without fixed effects nested in clusters; t on G-1 df; "},
              {RW_INF_CR1_AREG, ST_VC_CR1_AREG, "cr1_areg", "CR1, K with every fixed effect; t on G-1 df; "},
              {RW_INF_CR1_XTREG, ST_VC_CR1_XTREG, "cr1_xtreg", "CR1 as Stata xtreg, fe; t on G-1 df; "},
              {RW_INF_CR1_GONLY, ST_VC_CR1_GONLY, "cr1_gonly", "CR0 x G/(G-1); t on G-1 df; "}};
    char lab[512];
    for (size_t k = 0; k < sizeof vc / sizeof vc[0]; k++) {
        if (!c->s->inference[vc[k].inf])
            continue;
        for (size_t j = 0; j < c->sm.p; j++) {
            st_coef_test t;
            core_err e2;
            const char *nm = c->sm.names[j];
            if (st_twfe_test(c->f, vc[k].kind, j, c->s->confidence, &t, &e2) != CORE_OK) {
                put(&c->w, "twfe", nm, vc[k].method, c->f->beta[j], NAN, NAN, NAN, NAN, NAN, NAN, (double)c->sm.n,
                    e2.msg);
                continue;
            }
            const char *l = vc[k].kind == ST_VC_CLASSICAL ? (t.undefined ? t.undefined : "iid errors; ignores clustering")
                                                           : few_label(c, lab, sizeof lab, t.undefined ? t.undefined : "");
            put(&c->w, "twfe", nm, vc[k].method, t.estimate, t.se, t.ci_low, t.ci_high, t.statistic, t.df, t.p_value,
                (double)c->sm.n, l && *l ? l : NULL);
        }
    }
    if (c->s->inference[RW_INF_CR2]) {
        for (size_t j = 0; j < c->sm.p; j++) {
            st_coef_test t;
            core_err e2;
            const char *nm = c->sm.names[j];
            if (st_twfe_cr2(c->f, j, c->s->confidence, &t, &e2) != CORE_OK) {
                put(&c->w, "twfe", nm, "cr2", c->f->beta[j], NAN, NAN, NAN, NAN, NAN, NAN, (double)c->sm.n, e2.msg);
                continue;
            }
            put(&c->w, "twfe", nm, "cr2", t.estimate, t.se, t.ci_low, t.ci_high, t.statistic, t.df, t.p_value,
                (double)c->sm.n, few_label(c, lab, sizeof lab, "Bell-McCaffrey, Satterthwaite df; "));
        }
    }
}

static void write_wild(ctx *c)
{
    if (!c->s->inference[RW_INF_WILD])
        return;
    const char *nm = c->sm.names[0];
    st_wild *w = NULL;
    core_err e2;
    st_wild_opts wo = {.draws = c->s->bootstrap, .weights = c->s->webb ? ST_WILD_WEBB : ST_WILD_RADEMACHER};
    if (st_wild_new(c->f, 0, &wo, c->o->rng, c->o->progress, &w, &e2) != CORE_OK) {
        put(&c->w, "twfe", nm, "wild", c->f->beta[0], NAN, NAN, NAN, NAN, NAN, NAN, (double)c->sm.n, e2.msg);
        return;
    }
    if (c->sm.G1 == 1)
        c->sum->wild_one_treated = 1;
    st_wild_test t;
    double lo, hi;
    const char *why;
    st_wild_pvalue(w, 0, &t, &e2);
    st_wild_ci(w, c->s->confidence, &lo, &hi, &why, &e2);
    char lab[900], base[400];
    snprintf(base, sizeof base, "restricted wild cluster bootstrap, %s weights, %s %ld %s; %ld with |t*| >= |t|; "
             "interval by test inversion%s%s; t uses the CR1 (areg) standard error; ",
             c->s->webb ? "Webb" : "Rademacher", t.enumerated ? "full enumeration of all" : "random draws:",
             t.n_draws, t.enumerated ? "weight vectors" : "draws", t.n_exceed, why ? ": " : "", why ? why : "");
    if (c->sm.G1 == 1)
        snprintf(lab, sizeof lab, "%sunreliable: with one treated cluster the bootstrap cannot reproduce that "
                 "cluster's own shock, so it rejects far too rarely (MacKinnon & Webb 2017); see "
                 "the randomisation-inference rows (placebo clusters, Conley-Taber)", base);
    else
        few_label(c, lab, sizeof lab, base);
    c->w.next_flags = c->sm.G1 == 1 ? CORE_ROW_UNRELIABLE : 0;
    put(&c->w, "twfe", nm, "wild", c->f->beta[0], NAN, lo, hi, t.t, NAN, t.p_value, (double)c->sm.n, lab);
    for (size_t k = 0; k < c->s->n_nulls; k++) {
        char term[200];
        snprintf(term, sizeof term, "%s:H0=%.15g", nm, c->s->nulls[k]);
        st_wild_pvalue(w, c->s->nulls[k], &t, &e2);
        snprintf(lab, sizeof lab, "test of H0: %s = %.15g; %s %ld %s; %ld with |t*| >= |t|", nm, c->s->nulls[k],
                 t.enumerated ? "full enumeration of all" : "random draws:", t.n_draws,
                 t.enumerated ? "weight vectors" : "draws", t.n_exceed);
        put(&c->w, "twfe", term, "wild", c->f->beta[0], NAN, NAN, NAN, t.t, NAN, t.p_value, (double)c->sm.n, lab);
    }
    st_wild_free(w);
}

/* Can cluster-level designs (RI, Conley-Taber, synthetic control, event study) be built? NULL if yes. */
static const char *cluster_design_reason(const ctx *c)
{
    if (!c->p->cluster_level)
        return "needs a 0/1 treatment that is 1 in a treated cluster from its first treated period on and 0 "
               "otherwise";
    if (c->sm.G1 == 0)
        return "no treated cluster in this sample";
    if (c->sm.G1 == c->sm.G)
        return "every cluster is treated: no control cluster";
    return NULL;
}

static const char *pct(double v, char *buf, size_t size)
{
    snprintf(buf, size, "%.1f%%", 100 * v);
    return buf;
}

static const char *num4(double v, char *buf, size_t size)
{
    snprintf(buf, size, "%.4g", v);
    return buf;
}

static void write_ri(ctx *c, const st_ri_assign *as, const st_ri_result *ri)
{
    const char *nm = c->sm.names[0];
    const sample *sm = &c->sm;
    double alpha = 1 - c->s->confidence;
    char lab[900], lv[32], sz[32];
    const char *how = as->enumerated ? "each" : "a random sample";
    snprintf(lab, sizeof lab,
             "placebo clusters: the treatment moved to %s of the %.0f possible sets of %zu of %zu clusters (same "
             "start); p = share with |estimate| >= the actual (%zu assignments in %zu)%s; smallest possible p = one in %zu = %.4g; "
             "attained size of a test at %s: %s%s",
             how, as->total, sm->G1, sm->G, ri->ex_b, ri->used, as->enumerated ? ", exact" : "", ri->used, ri->p_min,
             pct(alpha, lv, sizeof lv), num4(ri->size, sz, sizeof sz),
             ri->size == 0 ? " (it can never reject at that level)" : "");
    put(&c->w, "randomization_inference", nm, "placebo_clusters", ri->b[0], NAN, NAN, NAN, NAN, NAN, ri->p_b,
        (double)ri->used, lab);
    snprintf(lab, sizeof lab,
             "placebo clusters on the CR1 t-statistic (MacKinnon & Webb 2020; robust to clusters of different "
             "sizes): p = share with |t| >= the actual (%zu assignments in %zu); smallest possible p = one in %zu = %.4g; attained "
             "size of a test at %s: %s",
             ri->ex_t, ri->used, ri->used, ri->p_min, pct(alpha, lv, sizeof lv), num4(ri->size, sz, sizeof sz));
    put(&c->w, "randomization_inference", nm, "placebo_clusters_t", ri->b[0], NAN, NAN, NAN, ri->t[0], NAN, ri->p_t,
        (double)ri->used, lab);
    snprintf(lab, sizeof lab, "randomisation inference over %zu equally likely assignments: a test at %s rejects "
             "with probability %s under the null; p-values are multiples of one in %zu", ri->used, pct(alpha, lv, sizeof lv),
             num4(ri->size, sz, sizeof sz), ri->used);
    put(&c->w, "attained_level", nm, "placebo_clusters", ri->size, NAN, NAN, NAN, NAN, NAN, ri->p_min,
        (double)ri->used, lab);
    put(&c->w, "attained_level", nm, "placebo_clusters_t", ri->size, NAN, NAN, NAN, NAN, NAN, ri->p_min,
        (double)ri->used, lab);
    if (as->na <= MAX_ASSIGN_LIST)
        for (size_t a = 1; a < as->na; a++) {
            char term[512] = "placebo[";
            int firstn = 1;
            for (size_t g = 0; g < sm->G; g++)
                if (as->flag[a * sm->G + g]) {
                    if (!firstn)
                        strncat(term, "+", sizeof term - strlen(term) - 1);
                    strncat(term, cname(c, g), sizeof term - strlen(term) - 1);
                    firstn = 0;
                }
            strncat(term, "]", sizeof term - strlen(term) - 1);
            put(&c->w, "randomization_inference", term, "placebo_clusters", ri->b[a], NAN, NAN, NAN, ri->t[a], NAN,
                NAN, (double)sm->n,
                isnan(ri->b[a]) ? "placebo regression failed"
                                : "estimate with the treatment moved here; statistic = its CR1 t");
        }
}

/* The Conley-Taber rows (plain, and with the Ferman-Pinto size correction) and their attained levels. */
static void write_conley_taber(ctx *c, const st_ct_result *ct, const char *method)
{
    const char *nm = c->sm.names[0];
    char lab[1200], lv[32], rq[32];
    int fp = strcmp(method, "conley_taber_fp") == 0;
    char fpnote[300] = "";
    if (fp && ct->fp)
        snprintf(fpnote, sizeof fpnote, "; Ferman & Pinto (2019) size correction: var(W | M) = %.4g + %.4g/M fitted "
                 "on the controls, each control's draw rescaled to the treated cluster's size", ct->fp_a, ct->fp_b);
    else if (fp)
        snprintf(fpnote, sizeof fpnote, "; Ferman & Pinto (2019) correction not applied: %s", ct->note);
    snprintf(lab, sizeof lab,
             "attained coverage %s%s (requested %s)%s: Conley & Taber (2011), distribution of the treated cluster%s "
             "error term from %zu control clusters' cluster-period mean residuals (%s %zu draws); interval = "
             "estimate minus the draws' order statistics %zu and %zu%s; p = (1 + %s) / %zu, smallest possible "
             "%.4g%s%s",
             ct->level_exact ? "" : "about ", pct(ct->level, lv, sizeof lv), pct(c->s->confidence, rq, sizeof rq),
             ct->below_requested ? ", the most these controls allow" : "", ct->n_treated > 1 ? "s'" : "'s",
             ct->n_control, ct->enumerated ? "all" : "random", ct->draws, ct->il, ct->ih,
             ct->il == 1 && ct->ih == ct->draws ? " (minimum to maximum)" : "", "draws with |W| >= |estimate|",
             ct->draws + 1, ct->p_min,
             fp ? "" : "; assumes exchangeable cluster errors (similar cluster sizes)", fpnote);
    put(&c->w, "randomization_inference", nm, method, ct->estimate, NAN, ct->lo, ct->hi, NAN, NAN, ct->p,
        (double)ct->draws, lab);
    snprintf(lab, sizeof lab, "%s coverage of the %s interval with %zu control clusters: order statistics %zu and %zu "
             "among %zu draws, (%zu - %zu) / %zu; requested %s",
             ct->level_exact ? "exact" : "approximate", method, ct->n_control, ct->il, ct->ih, ct->draws, ct->ih,
             ct->il, ct->draws + 1, pct(c->s->confidence, rq, sizeof rq));
    put(&c->w, "attained_level", nm, method, ct->level, NAN, NAN, NAN, NAN, NAN, ct->p_min, (double)(ct->draws + 1),
        lab);
}

/* ---- synthetic control ---- */

static void write_synth(ctx *c)
{
    const sample *sm = &c->sm;
    const char *nm = sm->names[0];
    size_t G = sm->G, T = sm->T, T0 = (size_t)c->first_period, J = G - sm->G1;
    if (T0 < 2 || T0 >= T || J < 2) {
        put(&c->w, "synthetic_control", nm, "outcome_path", NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN,
            T0 < 2 ? "needs at least 2 periods before the first treated one"
                   : (T0 >= T ? "no period after the first treated one" : "needs at least 2 control clusters"));
        return;
    }
    double *Y = calloc(G * T, sizeof *Y), *cnt = calloc(G * T, sizeof *cnt), *tr = calloc(T, sizeof *tr),
           *trc = calloc(T, sizeof *trc), *B = malloc(J * T * sizeof *B), *w = malloc(J * sizeof *w),
           *ratio = malloc((J + 1) * sizeof *ratio), *gapm = malloc((J + 1) * sizeof *gapm),
           *a = malloc(T * sizeof *a), *Bp = malloc(J * T * sizeof *Bp), *wp = malloc(J * sizeof *wp);
    size_t *don = malloc(J * sizeof *don);
    core_err e2;
    char lab[600];
    if (!Y || !cnt || !tr || !trc || !B || !w || !ratio || !gapm || !a || !Bp || !wp || !don) {
        c->w.st = NOMEM(c->w.err);
        goto done;
    }
    for (size_t i = 0; i < sm->n; i++) {
        size_t k = (size_t)sm->cluster[i] * T + (size_t)sm->period[i];
        Y[k] += sm->y[i];
        cnt[k] += 1;
    }
    for (size_t g = 0; g < G; g++)
        for (size_t t = 0; t < T; t++) {
            size_t k = g * T + t;
            if (cnt[k] == 0) {
                put(&c->w, "synthetic_control", nm, "outcome_path", NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN,
                    "needs every cluster observed in every period");
                goto done;
            }
            if (sm->treated[g]) {
                tr[t] += Y[k];
                trc[t] += cnt[k];
            }
            Y[k] /= cnt[k];
        }
    for (size_t t = 0; t < T; t++)
        tr[t] /= trc[t]; /* the treated series (pooled when several clusters are treated) */
    size_t j = 0;
    for (size_t g = 0; g < G; g++)
        if (!sm->treated[g]) {
            don[j] = g;
            memcpy(B + j * T, Y + g * T, T * sizeof *B);
            j++;
        }
    /* fit: pre-period rows of the donors */
    double pre_rmspe, post_ss, gap_sum;
    for (size_t jj = 0; jj < J; jj++)
        memcpy(Bp + jj * T0, B + jj * T, T0 * sizeof *Bp);
    if (st_synth_weights(tr, Bp, T0, J, NULL, w, &pre_rmspe, NULL, &e2) != CORE_OK) {
        put(&c->w, "synthetic_control", nm, "outcome_path", NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, e2.msg);
        goto done;
    }
    post_ss = gap_sum = 0;
    for (size_t t = 0; t < T; t++) {
        double f = 0;
        for (size_t jj = 0; jj < J; jj++)
            f += w[jj] * B[jj * T + t];
        double gap = tr[t] - f;
        char term[64];
        snprintf(term, sizeof term, "gap[%ld]", c->p->period0 + (long)t);
        put(&c->w, "synthetic_control", term, "outcome_path", gap, NAN, NAN, NAN, NAN, NAN, NAN, NAN,
            t < T0 ? "treated minus synthetic, before treatment" : "treated minus synthetic, after treatment");
        if (t >= T0) {
            post_ss += gap * gap;
            gap_sum += gap;
        }
    }
    double post_rmspe = sqrt(post_ss / (double)(T - T0));
    ratio[0] = pre_rmspe > 0 ? post_rmspe / pre_rmspe : INFINITY;
    gapm[0] = gap_sum / (double)(T - T0);
    /* placebos: each donor in turn, the other donors as its pool */
    for (size_t k = 0; k < J; k++) {
        size_t m = 0;
        for (size_t jj = 0; jj < J; jj++)
            if (jj != k) {
                memcpy(Bp + m * T0, B + jj * T, T0 * sizeof *Bp);
                m++;
            }
        double rm;
        if (st_synth_weights(B + k * T, Bp, T0, m, NULL, wp, &rm, NULL, &e2) != CORE_OK) {
            ratio[k + 1] = gapm[k + 1] = NAN;
            continue;
        }
        double ss = 0, gs = 0;
        for (size_t t = T0; t < T; t++) {
            double f = 0;
            size_t mm = 0;
            for (size_t jj = 0; jj < J; jj++)
                if (jj != k)
                    f += wp[mm++] * B[jj * T + t];
            double gap = B[k * T + t] - f;
            ss += gap * gap;
            gs += gap;
        }
        ratio[k + 1] = rm > 0 ? sqrt(ss / (double)(T - T0)) / rm : INFINITY;
        gapm[k + 1] = gs / (double)(T - T0);
    }
    size_t ex = 0, used = 0;
    for (size_t k = 0; k <= J; k++)
        if (!isnan(ratio[k])) {
            used++;
            ex += ratio[k] >= ratio[0] * (1 - TIE_REL);
        }
    snprintf(lab, sizeof lab,
             "Abadie et al. (2010): cluster-by-period means; weights fitted on %zu pre-periods (RMSPE %.4g); "
             "estimate = mean gap after treatment; p = rank of the post/pre RMSPE ratio among %zu units (placebo "
             "test)",
             T0, pre_rmspe, used);
    put(&c->w, "synthetic_control", nm, "outcome_path", gapm[0], NAN, NAN, NAN, ratio[0], NAN,
        (double)ex / (double)used, (double)used, lab);
    for (size_t jj = 0; jj < J; jj++) {
        char term[300];
        snprintf(term, sizeof term, "weight[%s]", cname(c, don[jj]));
        put(&c->w, "synthetic_control", term, "outcome_path", w[jj], NAN, NAN, NAN, NAN, NAN, NAN, NAN,
            "donor weight");
    }
    for (size_t k = 0; k < J; k++) {
        char term[300];
        snprintf(term, sizeof term, "placebo[%s]", cname(c, don[k]));
        put(&c->w, "synthetic_control", term, "outcome_path", gapm[k + 1], NAN, NAN, NAN, ratio[k + 1], NAN, NAN, NAN,
            isnan(ratio[k + 1]) ? "placebo fit failed" : "mean gap after treatment; statistic = post/pre RMSPE ratio");
    }
done:
    free(Y);
    free(cnt);
    free(tr);
    free(trc);
    free(B);
    free(w);
    free(ratio);
    free(gapm);
    free(a);
    free(Bp);
    free(wp);
    free(don);
}

/* ---- event study ---- */

typedef struct evdesign {
    long lo, hi;       /* window relative to the first treated period */
    size_t K;          /* terms (window without -1) */
    long *rel;         /* K relative periods */
} evdesign;

static long term_index(const evdesign *e, long r)
{
    if (r < e->lo)
        r = e->lo;
    if (r > e->hi)
        r = e->hi;
    if (r == -1)
        return -1;
    return r < -1 ? r - e->lo : r - e->lo - 1;
}

/* Event-study design for the assignment flags (clusters treated), controls appended. */
static void ev_x(const ctx *c, const evdesign *e, const unsigned char *flag, double *x)
{
    const sample *sm = &c->sm;
    size_t n = sm->n;
    memset(x, 0, n * e->K * sizeof *x);
    for (size_t i = 0; i < n; i++) {
        if (!flag[sm->cluster[i]])
            continue;
        long k = term_index(e, (long)sm->period[i] - c->first_period);
        if (k >= 0)
            x[(size_t)k * n + i] = 1;
    }
    for (size_t j = 1; j < sm->p; j++)
        memcpy(x + (e->K + j - 1) * n, sm->x + j * n, n * sizeof *x);
}

/* The event study's design for placebo assignment a (st_ri_refit's callback). */
typedef struct ev_assign {
    const ctx *c;
    const evdesign *e;
    const st_ri_assign *as;
    double *x;
} ev_assign;

static void ev_set(void *arg, size_t a)
{
    const ev_assign *ea = arg;
    ev_x(ea->c, ea->e, ea->as->flag + a * ea->c->sm.G, ea->x);
}

static void write_event(ctx *c, const st_ri_assign *as)
{
    const sample *sm = &c->sm;
    size_t n = sm->n;
    evdesign e = {0};
    long rmin = -(long)c->first_period, rmax = (long)sm->T - 1 - c->first_period;
    e.lo = c->s->has_event ? c->s->event_lo : rmin;
    e.hi = c->s->has_event ? c->s->event_hi : rmax;
    if (e.lo < rmin)
        e.lo = rmin;
    if (e.hi > rmax)
        e.hi = rmax;
    if (e.lo > -1 || e.hi < 0) {
        put(&c->w, "event_study", "-1", "cr1", NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN,
            "needs a period before the first treated one (the reference, -1) and one from it on");
        return;
    }
    e.K = (size_t)(e.hi - e.lo);
    size_t P = e.K + sm->p - 1;
    e.rel = malloc(e.K * sizeof *e.rel);
    double *x = malloc(n * P * sizeof *x);
    const char **names = calloc(P + 1, sizeof *names);
    char (*tn)[24] = malloc(e.K * sizeof *tn);
    st_twfe_fit *fe = NULL;
    core_err e2;
    if (!e.rel || !x || !names || !tn) {
        c->w.st = NOMEM(c->w.err);
        goto done;
    }
    for (long r = e.lo, k = 0; r <= e.hi; r++)
        if (r != -1) {
            e.rel[k] = r;
            snprintf(tn[k], sizeof tn[k], "%ld", r);
            names[k] = tn[k];
            k++;
        }
    for (size_t j = 1; j < sm->p; j++)
        names[e.K + j - 1] = sm->names[j];
    ev_x(c, &e, as->flag, x);
    st_twfe_data d = sample_data(sm, x, P, names);
    if (st_twfe_estimate(&d, NULL, &fe, &e2) != CORE_OK) {
        put(&c->w, "event_study", "-1", "cr1", NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, e2.msg);
        goto done;
    }
    char lab[400];
    const char *bin = "binned: the first and last terms include every period beyond them; ";
    for (size_t k = 0; k <= e.K; k++) {
        if (k == (size_t)(-1 - e.lo)) { /* the reference row in its place */
            put(&c->w, "event_study", "-1", "cr1", 0, NAN, NAN, NAN, NAN, NAN, NAN, (double)n,
                "reference period (normalised to 0)");
        }
        if (k == e.K)
            break;
        st_coef_test t;
        if (st_twfe_test(fe, ST_VC_CR1, k, c->s->confidence, &t, &e2) != CORE_OK) {
            put(&c->w, "event_study", tn[k], "cr1", fe->beta[k], NAN, NAN, NAN, NAN, NAN, NAN, (double)n, e2.msg);
            continue;
        }
        snprintf(lab, sizeof lab, "%s%s", (e.rel[k] == e.lo && e.lo > rmin) || (e.rel[k] == e.hi && e.hi < rmax) ? bin : "",
                 c->sm.G1 == 1 ? "CR1 unreliable with one treated cluster; see method randomization" : "CR1, t on G-1 df");
        c->w.next_flags = c->sm.G1 == 1 ? CORE_ROW_UNRELIABLE : 0;
        put(&c->w, "event_study", tn[k], "cr1", t.estimate, t.se, t.ci_low, t.ci_high, t.statistic, t.df, t.p_value,
            (double)n, lab);
    }
    /* joint pre-trend test: every lead (relative period <= -2) */
    size_t nl = 0;
    size_t lead[256];
    for (size_t k = 0; k < e.K && nl < 256; k++)
        if (e.rel[k] <= -2)
            lead[nl++] = k;
    if (nl == 0)
        put(&c->w, "pretrend_test", "leads", "wald_cr1", NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN,
            "no lead before the reference period to test");
    else {
        double F, df2, pv;
        if (st_twfe_wald(fe, ST_VC_CR1, lead, nl, &F, &df2, &pv, &e2) != CORE_OK)
            put(&c->w, "pretrend_test", "leads", "wald_cr1", NAN, NAN, NAN, NAN, NAN, (double)nl, NAN, (double)n,
                e2.msg);
        else {
            snprintf(lab, sizeof lab, "joint Wald test that the %zu leads are 0: F(%zu, %.0f) with CR1%s", nl, nl, df2,
                     c->sm.G1 == 1 ? "; unreliable with one treated cluster, see method randomization" : "");
            c->w.next_flags = c->sm.G1 == 1 ? CORE_ROW_UNRELIABLE : 0;
            put(&c->w, "pretrend_test", "leads", "wald_cr1", NAN, NAN, NAN, NAN, F, (double)nl, pv, (double)n, lab);
        }
    }
    /* randomisation: the same event study with the treatment moved to each assignment (stats/st_ri.h) */
    if (as->na > 1 && c->s->inference[RW_INF_RI]) {
        size_t *ex = calloc(e.K, sizeof *ex), used = 0, exq = 0;
        double q0 = 0;
        if (!ex) {
            c->w.st = NOMEM(c->w.err);
            goto done;
        }
        ev_assign ea = {c, &e, as, x};
        if (st_ri_refit(&d, ev_set, &ea, as->na, fe, e.K, lead, nl, c->o->progress, "event study placebos", ex, &q0,
                        &exq, &used, &e2) != CORE_OK) {
            free(ex);
            put(&c->w, "event_study", "-1", "randomization", NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, e2.msg);
            goto done;
        }
        for (size_t k = 0; k < e.K; k++)
            put(&c->w, "event_study", tn[k], "randomization", fe->beta[k], NAN, NAN, NAN, NAN, NAN,
                (double)ex[k] / (double)used, (double)used,
                "p = share of placebo-cluster assignments with |coefficient| >= the actual");
        if (nl > 0) {
            snprintf(lab, sizeof lab, "sum of squared leads against the same statistic with the treatment moved to %s "
                     "placebo assignments", as->enumerated ? "all" : "sampled");
            put(&c->w, "pretrend_test", "leads", "randomization", NAN, NAN, NAN, NAN, q0, (double)nl,
                (double)exq / (double)used, (double)used, lab);
        }
        free(ex);
    }
done:
    st_twfe_fit_free(fe);
    free(e.rel);
    free(x);
    free(names);
    free(tn);
}

/* ---- staggered adoption: Goodman-Bacon and Callaway-Sant'Anna ---- */

/* Per sample observation: its unit (panel index). */
static int *sample_units(const ctx *c)
{
    const rw_panel *p = c->p;
    const double *yo = NULL;
    for (size_t o = 0; o < c->s->n_outcomes; o++)
        if (!strcmp(c->s->outcomes[o], c->w.outcome))
            yo = p->y + o * p->n;
    int *u = malloc((c->sm.n + 1) * sizeof *u);
    if (!u || !yo) {
        free(u);
        return NULL;
    }
    size_t i = 0;
    for (size_t k = 0; k < p->n; k++)
        if (!isnan(yo[k]))
            u[i++] = p->unit[k];
    return u;
}

/* The decomposition of the TWFE coefficient (before the twfe rows, which carry its warning). */
static void stagger_bacon(ctx *c)
{
    const sample *sm = &c->sm;
    const rw_panel *p = c->p;
    size_t T = sm->T, U = p->U;
    c->bacon_why = NULL;
    int model = c->s->n_controls == 0 && c->s->n_fe == 2 &&
                ((!strcmp(c->s->fixed_effects[0], c->s->unit) && !strcmp(c->s->fixed_effects[1], c->s->time)) ||
                 (!strcmp(c->s->fixed_effects[1], c->s->unit) && !strcmp(c->s->fixed_effects[0], c->s->time)));
    if (!model) {
        c->bacon_why = "the decomposition is of the model with unit and period fixed effects and no controls, "
                       "which is not the model fitted here";
        return;
    }
    int *u = sample_units(c);
    size_t *cnt = calloc(U + 1, sizeof *cnt);
    int *gof = malloc((U + 1) * sizeof *gof);  /* unit -> start period (T never) */
    size_t K = 0;
    int starts[1024];
    double *size = NULL, *ybar = NULL;
    if (!u || !cnt || !gof) {
        c->w.st = NOMEM(c->w.err);
        goto done;
    }
    for (size_t i = 0; i < sm->n; i++) {
        cnt[u[i]]++;
        size_t g = sm->gmap[sm->cluster[i]];
        gof[u[i]] = p->cluster_treated[g] ? p->cluster_first[g] : (int)T;
    }
    for (size_t q = 0; q < U; q++)
        if (cnt[q] != 0 && cnt[q] != T) {
            c->bacon_why = "the decomposition needs a balanced panel (every unit in every period); some units miss "
                           "periods";
            goto done;
        }
    for (size_t q = 0; q < U; q++) {
        if (!cnt[q])
            continue;
        size_t k = 0;
        while (k < K && starts[k] != gof[q])
            k++;
        if (k == K) {
            if (K == sizeof starts / sizeof starts[0]) {
                c->bacon_why = "more than 1,024 adoption periods";
                goto done;
            }
            starts[K++] = gof[q];
        }
    }
    /* groups in order of start */
    for (size_t a = 1; a < K; a++)
        for (size_t b = a; b > 0 && starts[b - 1] > starts[b]; b--) {
            int t = starts[b];
            starts[b] = starts[b - 1];
            starts[b - 1] = t;
        }
    size = calloc(K, sizeof *size);
    ybar = calloc(K * T, sizeof *ybar);
    c->gbuf = malloc(K * sizeof *c->gbuf);
    c->gname = malloc(K * sizeof *c->gname);
    if (!size || !ybar || !c->gbuf || !c->gname) {
        c->w.st = NOMEM(c->w.err);
        goto done;
    }
    for (size_t q = 0; q < U; q++)
        if (cnt[q])
            for (size_t k = 0; k < K; k++)
                if (starts[k] == gof[q])
                    size[k] += 1;
    for (size_t i = 0; i < sm->n; i++)
        for (size_t k = 0; k < K; k++)
            if (starts[k] == gof[u[i]]) {
                ybar[k * T + (size_t)sm->period[i]] += sm->y[i] / size[k];
                break;
            }
    for (size_t k = 0; k < K; k++) {
        if (starts[k] == (int)T)
            snprintf(c->gbuf[k], sizeof c->gbuf[k], "never");
        else if (starts[k] == 0)
            snprintf(c->gbuf[k], sizeof c->gbuf[k], "always");
        else
            snprintf(c->gbuf[k], sizeof c->gbuf[k], "%ld", p->period0 + starts[k]);
        c->gname[k] = c->gbuf[k];
    }
    core_err e2;
    if (st_bacon(K, T, size, starts, ybar, &c->bacon, &e2) != CORE_OK) {
        if (e2.code == CORE_ERR_NOMEM)
            c->w.st = NOMEM(c->w.err);
        snprintf(c->bacon_msg, sizeof c->bacon_msg, "%.290s", e2.msg);
        c->bacon_why = c->bacon_msg;
        goto done;
    }
    c->have_bacon = 1;
done:
    free(u);
    free(cnt);
    free(gof);
    free(size);
    free(ybar);
}

/* The loud warning on the TWFE rows. */
static void stagger_warning(ctx *c, const st_cs_result *cs)
{
    size_t nst = 0;
    int seen[4096] = {0};
    for (size_t g = 0; g < c->sm.G; g++)
        if (c->sm.treated[g] && c->sm.first[g] >= 0 && c->sm.first[g] < 4096 && !seen[c->sm.first[g]]) {
            seen[c->sm.first[g]] = 1;
            nst++;
        }
    size_t l = (size_t)snprintf(c->warn, sizeof c->warn,
                                "WARNING, STAGGERED ADOPTION: treated clusters start in %zu different periods, so this "
                                "TWFE coefficient also compares later- with earlier-treated clusters, whose changing "
                                "effects enter with a negative sign (Goodman-Bacon 2021): biased, even in sign, when "
                                "effects grow with exposure.", nst);
    if (c->have_bacon && l < sizeof c->warn) {
        double fw = c->bacon.type_weight[ST_BACON_LATER_VS_EARLIER] + c->bacon.type_weight[ST_BACON_TREATED_VS_ALWAYS];
        size_t flips = 0, nforb = 0;
        double clean = 0, cw = 0;
        for (size_t q = 0; q < c->bacon.n_pairs; q++) {
            const st_bacon_pair *pr = &c->bacon.pair[q];
            if (pr->type == ST_BACON_TREATED_VS_NEVER || pr->type == ST_BACON_EARLIER_VS_LATER) {
                clean += pr->weight * pr->estimate;
                cw += pr->weight;
            }
        }
        clean = cw > 0 ? clean / cw : NAN;
        for (size_t q = 0; q < c->bacon.n_pairs; q++) {
            const st_bacon_pair *pr = &c->bacon.pair[q];
            if (pr->type == ST_BACON_LATER_VS_EARLIER || pr->type == ST_BACON_TREATED_VS_ALWAYS) {
                nforb++;
                flips += !isnan(clean) && pr->estimate * clean < 0;
            }
        }
        l += (size_t)snprintf(c->warn + l, sizeof c->warn - l,
                              " %.1f%% of its weight is on these forbidden comparisons (bacon rows)", 100 * fw);
        if (nforb > 0 && l < sizeof c->warn)
            l += (size_t)snprintf(c->warn + l, sizeof c->warn - l, "; %zu of %zu of them have the opposite sign of "
                                  "the clean comparisons' average (%.4g)", flips, nforb, clean);
        if (l < sizeof c->warn)
            l += (size_t)snprintf(c->warn + l, sizeof c->warn - l, ".");
    }
    if (cs && !isnan(cs->simple.est) && l < sizeof c->warn)
        l += (size_t)snprintf(c->warn + l, sizeof c->warn - l, " Use cs_aggregate simple (Callaway-Sant'Anna): %.4g%s.",
                              cs->simple.est, c->f->beta[0] * cs->simple.est < 0 ? ", of the OTHER SIGN" : "");
    c->w.twfe_warn = c->warn;
}

static core_status stagger_cs(ctx *c, st_cs_result *cs, core_err *e2)
{
    const sample *sm = &c->sm;
    const rw_panel *p = c->p;
    int *u = sample_units(c);
    int *coh = malloc((p->U + 1) * sizeof *coh), *ucl = malloc((p->U + 1) * sizeof *ucl);
    core_status st;
    if (!u || !coh || !ucl) {
        free(u);
        free(coh);
        free(ucl);
        return core_err_set(e2, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t q = 0; q < p->U; q++) {
        coh[q] = -1;
        ucl[q] = 0;
    }
    for (size_t i = 0; i < sm->n; i++) {
        size_t g = sm->gmap[sm->cluster[i]];
        coh[u[i]] = p->cluster_treated[g] ? p->cluster_first[g] : -1;
        ucl[u[i]] = sm->cluster[i];
    }
    st_cs_data d = {.n = sm->n, .y = sm->y, .unit = u, .period = sm->period, .U = p->U, .T = sm->T, .cohort = coh,
                    .cluster = ucl, .G = sm->G};
    st_cs_opts o = {.control = c->s->cs_notyet ? ST_CS_NOTYET : ST_CS_NEVER,
                    .base = c->s->cs_universal ? ST_CS_UNIVERSAL : ST_CS_VARYING, .confidence = c->s->confidence,
                    .draws = c->s->bootstrap, .rng = c->o->rng};
    st = st_cs_estimate(&d, &o, cs, e2);
    free(u);
    free(coh);
    free(ucl);
    return st;
}

static void put_cs(ctx *c, const char *analysis, const char *term, const char *method, const st_cs_est *e, double n,
                   const char *label)
{
    if (!e->estimable) {
        put(&c->w, analysis, term, method, NAN, NAN, NAN, NAN, NAN, NAN, NAN, n,
            "not estimable: no treated or no control unit observed in both periods");
        return;
    }
    put(&c->w, analysis, term, method, e->est, e->se, e->lo, e->hi, e->z, NAN, e->p, n, label);
}

static void write_stagger(ctx *c, st_cs_result *cs, const char *cs_why)
{
    const char *method = c->s->cs_notyet ? "cs_notyet" : "cs_never";
    long p0 = c->p->period0;
    char lab[900], term[64];
    const char *ctrl = c->s->cs_notyet ? "never- and not-yet-treated controls" : "never-treated controls";
    const char *base = c->s->cs_universal ? "universal base period (g-1 for every t)"
                                          : "varying base period (g-1 after the start, t-1 before it; as R did)";
    if (cs_why) {
        put(&c->w, "cs_aggregate", "simple", method, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, cs_why);
    } else {
        char inf[300];
        snprintf(inf, sizeof inf, "se: cluster-robust from the influence function (%zu clusters); interval: cluster "
                 "multiplier bootstrap, %ld Rademacher draws (the did stream), %.0f%% basic; p: normal",
                 c->sm.G, cs->draws, 100 * c->s->confidence);
        size_t small = 0;
        for (size_t k = 0; k < cs->n_cohorts; k++) {
            size_t ncl = 0;
            for (size_t g = 0; g < c->sm.G; g++)
                ncl += c->sm.treated[g] && c->sm.first[g] == cs->cohort[k];
            small += ncl == 1;
        }
        char few[300] = "";
        if (small > 0)
            snprintf(few, sizeof few, "; %zu cohort%s of one cluster: its own shocks are not in the se (the cohort's "
                     "cluster-level influence is 0), so the interval is too narrow for it", small, small == 1 ? "" : "s");
        snprintf(lab, sizeof lab, "Callaway & Sant'Anna (2021), unconditional; %s; %s; %s%s", ctrl, base, inf, few);
        put_cs(c, "cs_aggregate", "simple", method, &cs->simple, NAN, lab);
        put_cs(c, "cs_aggregate", "group_average", method, &cs->group_overall, NAN,
               "cohort effects weighted by cohort size");
        put_cs(c, "cs_aggregate", "event_average", method, &cs->dynamic_overall, NAN,
               "mean of the event-time effects at 0, 1, ... (exposure-weighted as R did's dynamic overall)");
        for (size_t k = 0; k < cs->n_cohorts; k++) {
            snprintf(term, sizeof term, "%ld", p0 + cs->cohort[k]);
            char l2[200];
            snprintf(l2, sizeof l2, "mean of the cohort's post-period effects; %zu units (share %.4g)",
                     cs->cohort_units[k], cs->share[k]);
            put_cs(c, "cs_group", term, method, &cs->group[k], (double)cs->cohort_units[k], l2);
        }
        for (int e = cs->e_min; e <= cs->e_max; e++) {
            snprintf(term, sizeof term, "%d", e);
            const st_cs_est *ee = &cs->dynamic[e - cs->e_min];
            if (c->s->cs_universal && e == -1)
                put(&c->w, "cs_event", term, method, 0, NAN, NAN, NAN, NAN, NAN, NAN, NAN,
                    "reference period (universal base: 0 by construction)");
            else
                put_cs(c, "cs_event", term, method, ee, NAN,
                       e < 0 ? "event time before the start (a pre-trend)" : "event time since the start");
        }
        for (size_t k = 0; k < cs->n_cells; k++) {
            const st_cs_cell *cl = &cs->cell[k];
            if (cl->reference)
                continue;
            snprintf(term, sizeof term, "ATT(%ld,%ld)", p0 + cl->g, p0 + cl->t);
            char l2[200];
            snprintf(l2, sizeof l2, "cohort %ld in %ld against %ld; %zu treated, %zu control units", p0 + cl->g,
                     p0 + cl->t, p0 + cl->base, cl->n_treated, cl->n_control);
            put_cs(c, "cs_att_gt", term, method, &cl->e, (double)(cl->n_treated + cl->n_control), l2);
        }
        if (cs->pre_k == 0)
            put(&c->w, "cs_pretrend", "pre_period_cells", "wald", NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN,
                "no pre-period group-time effect to test");
        else {
            if (cs->wald_singular)
                snprintf(lab, sizeof lab, "the cluster covariance of the %zu pre-period cells is singular (more cells "
                         "than clusters can inform, or cohorts of one cluster): no Wald test; see the sup-t band", cs->pre_k);
            else
                snprintf(lab, sizeof lab, "joint Wald test that the %zu pre-period ATT(g,t) are 0: chi-square(%zu) with "
                         "the cluster covariance of their influence functions", cs->pre_k, cs->pre_k);
            put(&c->w, "cs_pretrend", "pre_period_cells", "wald", NAN, NAN, NAN, NAN, cs->wald,
                cs->wald_singular ? NAN : (double)cs->pre_k, cs->wald_p, NAN, lab);
            snprintf(lab, sizeof lab, "sup-t test: the largest |ATT/se| of the %zu pre-period cells against its "
                     "multiplier-bootstrap distribution (%ld draws)", cs->pre_k, cs->draws);
            put(&c->w, "cs_pretrend", "pre_period_cells", "sup_t", NAN, NAN, NAN, NAN, cs->supt, (double)cs->pre_k,
                cs->supt_p, NAN, lab);
        }
    }
    /* the decomposition */
    if (!c->have_bacon) {
        put(&c->w, "bacon_summary", "total", "decomposition", NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN,
            c->bacon_why ? c->bacon_why : "not computed");
        return;
    }
    const st_bacon_result *b = &c->bacon;
    for (size_t q = 0; q < b->n_pairs; q++) {
        const st_bacon_pair *pr = &b->pair[q];
        char t2[96];
        snprintf(t2, sizeof t2, "%s vs %s", c->gname[pr->treated], c->gname[pr->control]);
        int forb = pr->type == ST_BACON_LATER_VS_EARLIER || pr->type == ST_BACON_TREATED_VS_ALWAYS;
        put(&c->w, "bacon", t2, st_bacon_type_names[pr->type], pr->estimate, NAN, NAN, NAN, pr->weight, NAN, NAN, NAN,
            forb ? "2x2 DiD with already-treated units as controls (forbidden); statistic = weight in the TWFE "
                   "coefficient"
                 : "2x2 DiD; statistic = weight in the TWFE coefficient");
    }
    for (int t = 0; t < ST_BACON_NTYPES; t++)
        if (b->type_weight[t] > 0)
            put(&c->w, "bacon_summary", st_bacon_type_names[t], "decomposition", b->type_estimate[t], NAN, NAN, NAN,
                b->type_weight[t], NAN, NAN, NAN, "weighted mean of the type's 2x2 estimates; statistic = total weight");
    snprintf(lab, sizeof lab, "Goodman-Bacon (2021): sum of weight x 2x2 estimate; statistic = sum of the weights; "
             "the fitted TWFE coefficient is %.17g (difference %.3g)", c->f->beta[0], b->sum_weighted - c->f->beta[0]);
    put(&c->w, "bacon_summary", "total", "decomposition", b->sum_weighted, NAN, NAN, NAN, b->sum_weights, NAN, NAN,
        NAN, lab);
}

/* ---- all of it ---- */

static core_status analyse_outcome(const rw_spec *s, const rw_panel *p, const rw_opts *o, size_t oi, core_results *res,
                                   rw_summary *sum, core_err *err)
{
    ctx c = {.s = s, .p = p, .o = o, .sum = sum, .first_period = -1};
    core_status st = make_sample(s, p, oi, &c.sm, err);
    if (st != CORE_OK)
        return st;
    c.w = (writer){.res = res, .outcome = s->outcomes[oi], .err = err, .st = CORE_OK};
    if (c.sm.n == 0) {
        sample_free(&c.sm);
        return core_err_set(err, CORE_ERR_DATA, "outcome '%s' is missing in every row", s->outcomes[oi]);
    }
    for (size_t g = 0; g < c.sm.G; g++)
        if (c.sm.treated[g] && (c.first_period < 0 || c.sm.first[g] < c.first_period))
            c.first_period = c.sm.first[g];
    st_twfe_data d = sample_data(&c.sm, c.sm.x, c.sm.p, c.sm.names);
    if (o->progress)
        core_progress_report(o->progress, "two-way fixed effects", 0);
    if ((st = st_twfe_estimate(&d, NULL, &c.f, err)) != CORE_OK) {
        core_err_prefix(err, "outcome '%s'", s->outcomes[oi]);
        sample_free(&c.sm);
        return st;
    }
    sum->G = c.sm.G;
    sum->G1 = c.sm.G1;
    c.w.treatment = c.sm.names[0];
    write_summary(&c);
    c.staggered = p->cluster_level && !p->common_timing && c.sm.G1 > 0;
    st_cs_result cs = {0};
    const char *cs_why = NULL;
    core_err cs_err = {0};
    if (c.staggered && c.w.st == CORE_OK) {
        stagger_bacon(&c);
        if (stagger_cs(&c, &cs, &cs_err) != CORE_OK) {
            if (cs_err.code == CORE_ERR_NOMEM)
                c.w.st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            cs_why = cs_err.msg;
        }
        if (c.w.st == CORE_OK)
            stagger_warning(&c, cs_why ? NULL : &cs);
    }
    write_twfe(&c);
    write_wild(&c);
    if (c.staggered && c.w.st == CORE_OK)
        write_stagger(&c, &cs, cs_why);
    if (!cs_why)
        st_cs_result_free(&cs);
    st_bacon_result_free(&c.bacon);
    free(c.gname);
    free(c.gbuf);
    const char *why = cluster_design_reason(&c);
    if (!why && !p->common_timing)
        why = "treated clusters start in different periods; placebo assignments need a common start (see the cs_* "
              "rows: group-time effects, their event study and pre-trend test for staggered adoption)";
    st_ri_assign as = {0};
    if (!why && c.w.st == CORE_OK) {
        st = st_ri_assign_make(c.sm.treated, c.sm.G, s->bootstrap, o->rng, &as, err);
        if (st != CORE_OK)
            c.w.st = st;
    }
    if (s->inference[RW_INF_RI] && c.w.st == CORE_OK) {
        if (why) {
            put(&c.w, "randomization_inference", c.sm.names[0], "placebo_clusters", c.f->beta[0], NAN, NAN, NAN, NAN,
                NAN, NAN, NAN, why);
        } else {
            st_ri_result ri;
            core_err e2;
            if (st_ri_run(c.f, &as, c.sm.period, c.first_period, 1 - s->confidence, o->progress, &ri, &e2) != CORE_OK) {
                if (e2.code == CORE_ERR_NOMEM)
                    c.w.st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                else
                    put(&c.w, "randomization_inference", c.sm.names[0], "placebo_clusters", c.f->beta[0], NAN, NAN,
                        NAN, NAN, NAN, NAN, NAN, e2.msg);
            } else {
                write_ri(&c, &as, &ri);
                st_ri_result_free(&ri);
            }
            for (int fp = 0; fp <= 1; fp++) {
                const char *method = fp ? "conley_taber_fp" : "conley_taber";
                st_ct_result ct;
                if (st_conley_taber(c.f, c.sm.treated, c.sm.period, c.sm.T, fp, s->confidence, s->bootstrap, o->rng,
                                    &ct, &e2) != CORE_OK) {
                    if (e2.code == CORE_ERR_NOMEM)
                        c.w.st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                    else
                        put(&c.w, "randomization_inference", c.sm.names[0], method, c.f->beta[0], NAN, NAN, NAN, NAN,
                            NAN, NAN, NAN, e2.msg);
                } else
                    write_conley_taber(&c, &ct, method);
            }
        }
    }
    if (s->synthetic_control) {
        if (why)
            put(&c.w, "synthetic_control", c.sm.names[0], "outcome_path", NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, why);
        else
            write_synth(&c);
    }
    if (!why && s->has_event)
        write_event(&c, &as);
    else if (s->has_event)
        put(&c.w, "event_study", "-1", "cr1", NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, why);
    st_ri_assign_free(&as);
    st_twfe_fit_free(c.f);
    sample_free(&c.sm);
    return c.w.st;
}

core_status rw_analyse(const rw_spec *s, const rw_panel *p, const rw_opts *o, core_results *res, rw_summary *sum,
                       core_err *err)
{
    memset(sum, 0, sizeof *sum);
    for (size_t k = 0; k < s->n_outcomes; k++) {
        core_status st = analyse_outcome(s, p, o, k, res, sum, err);
        if (st != CORE_OK)
            return st;
    }
    return CORE_OK;
}
