/* Fixed-effects regression by the within-transformation (see st_twfe.h). */
#include "stats/st_twfe.h"

#include "core/core_alloc.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Large work arrays (the demeaned data and residuals: 6 MB each at 770,000 rows) as whole pages of their own,
 * populated up front as transparent huge pages where allowed (core_alloc_pages): touching fresh pages one at a
 * time costs more than all the arithmetic on virtual machines (docs/performance.md). */
static void *big_alloc(size_t bytes)
{
    return core_alloc_pages(bytes);
}

static void big_free(void *p, size_t bytes)
{
    core_free_pages(p, bytes);
}

struct st_demean {
    size_t n, n_fe;
    const st_fe *fe;
    double **inv_count; /* per factor, per level: 1 / observations */
    int *own_level;     /* the grand-mean factor when n_fe = 0 */
    st_fe own;
    int balanced;       /* two factors, every pair of levels exactly once: the projection has a closed form */
};

void st_demean_free(st_demean *d)
{
    if (!d)
        return;
    if (d->inv_count)
        for (size_t f = 0; f < d->n_fe; f++)
            free(d->inv_count[f]);
    free(d->inv_count);
    free(d->own_level);
    free(d);
}

int st_demean_balanced(const st_demean *d)
{
    return d && d->balanced;
}

/* The workspace with its per-level counts still zero (demean_finish turns counts into inverses). */
static st_demean *demean_alloc(size_t n, const st_fe *fe, size_t n_fe)
{
    st_demean *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->n = n;
    if (n_fe == 0) {
        /* no factor: the intercept, a factor with one level */
        if (!(d->own_level = calloc(n ? n : 1, sizeof *d->own_level)))
            goto fail;
        d->own = (st_fe){.level = d->own_level, .n_levels = 1};
        fe = &d->own;
        n_fe = 1;
    }
    d->fe = fe;
    d->n_fe = n_fe;
    if (!(d->inv_count = calloc(n_fe, sizeof *d->inv_count)))
        goto fail;
    for (size_t f = 0; f < n_fe; f++) {
        size_t L = fe[f].n_levels ? fe[f].n_levels : 1;
        if (!(d->inv_count[f] = calloc(L, sizeof(double))))
            goto fail;
    }
    return d;
fail:
    st_demean_free(d);
    return NULL;
}

static void demean_finish(st_demean *d)
{
    for (size_t f = 0; f < d->n_fe; f++) {
        size_t L = d->fe[f].n_levels ? d->fe[f].n_levels : 1;
        for (size_t l = 0; l < L; l++)
            d->inv_count[f][l] = d->inv_count[f][l] > 0 ? 1.0 / d->inv_count[f][l] : 0.0;
    }
}

/* A complete two-way layout (a balanced panel: every unit in every period once)? Then the within
 * transformation is x - mean_a - mean_b + mean, exactly: two passes instead of iterating. */
static int complete_layout(size_t n, const st_fe *fe, size_t n_fe)
{
    return n_fe == 2 && fe[0].n_levels > 0 && fe[1].n_levels > 0 &&
           (double)fe[0].n_levels * (double)fe[1].n_levels == (double)n;
}

st_demean *st_demean_new(size_t n, const st_fe *fe, size_t n_fe)
{
    st_demean *d = demean_alloc(n, fe, n_fe);
    if (!d)
        return NULL;
    for (size_t f = 0; f < d->n_fe; f++)
        for (size_t i = 0; i < n; i++)
            d->inv_count[f][d->fe[f].level[i]] += 1.0;
    demean_finish(d);
    if (complete_layout(n, d->fe, d->n_fe)) {
        size_t L1 = d->fe[1].n_levels;
        unsigned char *bit = calloc(n / 8 + 1, 1);
        if (bit) {
            d->balanced = 1;
            for (size_t i = 0; i < n && d->balanced; i++) {
                size_t k = (size_t)d->fe[0].level[i] * L1 + (size_t)d->fe[1].level[i];
                if (bit[k / 8] & (1u << (k % 8)))
                    d->balanced = 0; /* a pair twice: with n = L0 x L1, some other pair is absent */
                bit[k / 8] |= (unsigned char)(1u << (k % 8));
            }
            free(bit);
        }
    }
    return d;
}

/* Alternating projections on a block of kb <= 8 columns (converging together). Passes are fused: subtracting factor f's means and summing for the next factor happen in one pass,
 * so a sweep over F factors reads the data F times, and a balanced two-way panel needs four passes in
 * all (sweep 1, then the check sweep that finds every mean below tol). */
#define AP_BLOCK 8

/* x -= mf[lf]; mg[lg] += x, in one pass (restrict: the arrays never overlap, so it stays a tight loop). */
static void fused_pass(size_t n, const int *restrict lf, const int *restrict lg, const double *restrict mf,
                       double *restrict mg, double *restrict x)
{
    for (size_t i = 0; i < n; i++) {
        double v = x[i] - mf[lf[i]];
        x[i] = v;
        mg[lg[i]] += v;
    }
}

static double first_pass(size_t n, const int *restrict l0, double *restrict m0, const double *restrict x)
{
    double ss = 0;
    for (size_t i = 0; i < n; i++) {
        ss += x[i] * x[i];
        m0[l0[i]] += x[i];
    }
    return ss;
}

static void subtract_pass(size_t n, const int *restrict l, const double *restrict m, double *restrict x)
{
    for (size_t i = 0; i < n; i++)
        x[i] -= m[l[i]];
}

/* src: NULL (demean col in place), or the columns to read from (then col is written: no copy first; only
 * for a balanced workspace, whose closed form reads the data twice and writes it once). */
static core_status demean_block(const st_demean *d, double *const *col, const double *const *src, size_t kb,
                                double tol, int max_iter, st_ap_info *info, core_err *err)
{
    size_t n = d->n, F = d->n_fe, tot = 0;
    size_t off[64];
    if (F > 64)
        return core_err_set(err, CORE_ERR_USAGE, "more than 64 fixed-effect factors");
    for (size_t f = 0; f < F; f++) {
        off[f] = tot;
        tot += d->fe[f].n_levels ? d->fe[f].n_levels : 1;
    }
    double *acc = calloc(kb * tot, sizeof *acc); /* acc[c * tot + off[f] + level] */
    if (!acc)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    double scale[AP_BLOCK], inv_scale[AP_BLOCK], ss[AP_BLOCK];
    if (d->balanced) {
        /* Sweep 1, exact: one pass sums each column by both factors, a second subtracts both means and adds
         * back the grand mean while summing the result by both factors again; sweep 2 is those sums: the
         * check that every group mean is now zero (to rounding), as the general loop would find it. */
        const int *la = d->fe[0].level, *lb = d->fe[1].level;
        size_t La = d->fe[0].n_levels, Lb = d->fe[1].n_levels;
        const double *ia = d->inv_count[0], *ib = d->inv_count[1];
        double change = 0;
        double s2v[AP_BLOCK], sumv[AP_BLOCK];
        if (kb == 2) { /* y and one regressor: both columns in each pass, so the levels are read once */
            double *ma0 = acc + off[0], *mb0 = acc + off[1], *ma1 = acc + tot + off[0], *mb1 = acc + tot + off[1];
            const double *x0 = src ? src[0] : col[0], *x1 = src ? src[1] : col[1];
            double s20 = 0, sum0 = 0, s21 = 0, sum1 = 0;
            /* a unit's rows usually come together: its two sums stay in registers over the run (the same
             * additions in the same order as into memory; ma and mb are different cells) */
            int cur = n ? la[0] : 0;
            double ra0 = ma0[cur], ra1 = ma1[cur];
            for (size_t i = 0; i < n; i++) {
                double v0 = x0[i], v1 = x1[i];
                int a = la[i], b = lb[i];
                if (a != cur) {
                    ma0[cur] = ra0;
                    ma1[cur] = ra1;
                    cur = a;
                    ra0 = ma0[a];
                    ra1 = ma1[a];
                }
                s20 += v0 * v0;
                sum0 += v0;
                ra0 += v0;
                mb0[b] += v0;
                s21 += v1 * v1;
                sum1 += v1;
                ra1 += v1;
                mb1[b] += v1;
            }
            if (n) {
                ma0[cur] = ra0;
                ma1[cur] = ra1;
            }
            s2v[0] = s20, sumv[0] = sum0, s2v[1] = s21, sumv[1] = sum1;
        }
        for (size_t c = 0; c < kb; c++) {
            double *ma = acc + c * tot + off[0], *mb = acc + c * tot + off[1], *x = col[c];
            const double *xs = src ? src[c] : x;
            double s2 = 0, sum = 0;
            if (kb == 2)
                s2 = s2v[c], sum = sumv[c];
            else
                for (size_t i = 0; i < n; i++) {
                    double v = xs[i];
                    s2 += v * v;
                    sum += v;
                    ma[la[i]] += v;
                    mb[lb[i]] += v;
                }
            double mu = sum / (double)n;
            for (size_t l = 0; l < La; l++)
                ma[l] = ma[l] * ia[l] - mu; /* the grand mean folded into the first factor's means */
            for (size_t l = 0; l < Lb; l++)
                mb[l] *= ib[l];
            double *ca = calloc(La + Lb, sizeof *ca);
            if (!ca) {
                free(acc);
                return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            }
            double *cb = ca + La;
            {
                int cur = n ? la[0] : 0; /* runs of one unit in registers, as in the first pass */
                double mcur = ma[cur], rc = ca[cur];
                for (size_t i = 0; i < n; i++) {
                    int a = la[i], b = lb[i];
                    if (a != cur) {
                        ca[cur] = rc;
                        cur = a;
                        mcur = ma[a];
                        rc = ca[a];
                    }
                    double v = xs[i] - mcur - mb[b];
                    x[i] = v;
                    rc += v;
                    cb[b] += v;
                }
                if (n)
                    ca[cur] = rc;
            }
            double inv = s2 > 0 ? sqrt((double)n / s2) : 0, big = 0;
            for (size_t l = 0; l < La + Lb; l++) {
                double r = fabs(ca[l] * (l < La ? ia[l] : ib[l - La])) * inv;
                if (r > big)
                    big = r;
            }
            free(ca);
            if (big > change)
                change = big;
        }
        src = NULL; /* from here on (and below, should it iterate) col holds the data */
        if (change <= tol || change < ST_AP_FLOOR) {
            free(acc);
            info->iterations = 2;
            info->max_change = change;
            return CORE_OK;
        }
        /* not converged (cannot happen but for rounding on huge groups): iterate from here */
        memset(acc, 0, kb * tot * sizeof *acc);
    }
    const int *l0 = d->fe[0].level;
    for (size_t c = 0; c < kb; c++)
        ss[c] = first_pass(n, l0, acc + c * tot, col[c]);
    for (size_t c = 0; c < kb; c++) {
        scale[c] = n ? sqrt(ss[c] / (double)n) : 0;
        inv_scale[c] = scale[c] > 0 ? 1 / scale[c] : 0;
    }
    int it = 1, streak = 0;
    double sweep_change = 0, prev = INFINITY, last = 0;
    core_status st = CORE_OK;
    for (size_t f = 0;;) {
        /* means of factor f, and how far they move the columns */
        const double *ic = d->inv_count[f];
        size_t L = d->fe[f].n_levels ? d->fe[f].n_levels : 1;
        double big = 0;
        for (size_t c = 0; c < kb; c++) {
            double *m = acc + c * tot + off[f];
            for (size_t l = 0; l < L; l++) {
                m[l] *= ic[l];
                double r = fabs(m[l]) * inv_scale[c];
                if (r > big)
                    big = r;
            }
        }
        if (big > sweep_change)
            sweep_change = big;
        last = big;
        streak = big <= tol ? streak + 1 : 0;
        if (F == 1) { /* one factor: one subtraction is the exact projection */
            for (size_t c = 0; c < kb; c++)
                subtract_pass(n, l0, acc + c * tot, col[c]);
            break;
        }
        if (streak >= (int)F) /* a whole sweep moved nothing beyond tol */
            break;
        size_t g = (f + 1) % F;
        const int *lf = d->fe[f].level, *lg = d->fe[g].level;
        size_t Lg = d->fe[g].n_levels ? d->fe[g].n_levels : 1;
        for (size_t c = 0; c < kb; c++)
            memset(acc + c * tot + off[g], 0, Lg * sizeof *acc);
        for (size_t c = 0; c < kb; c++)
            fused_pass(n, lf, lg, acc + c * tot + off[f], acc + c * tot + off[g], col[c]);
        if (g == 0) { /* a sweep is complete */
            /* rounding floor: sums over very large groups cannot shrink the change below ~1e-13 */
            if (sweep_change < ST_AP_FLOOR && sweep_change >= prev)
                break;
            prev = sweep_change;
            sweep_change = 0;
            if (++it > max_iter) {
                st = core_err_set(err, CORE_ERR_ANALYSIS,
                                  "the fixed effects did not converge: alternating projections changed a group mean "
                                  "by %.3g (relative) in sweep %d of %d allowed (tolerance %g)",
                                  prev, max_iter, max_iter, tol);
                it = max_iter;
                break;
            }
        }
        f = g;
    }
    free(acc);
    info->iterations = it;
    info->max_change = F == 1 ? 0 : last;
    return st;
}

core_status st_demean_cols(const st_demean *d, double *x, size_t k, const st_ap_opts *o, st_ap_info *info,
                           core_err *err)
{
    double *cols[AP_BLOCK];
    st_ap_info worst = {0, 0};
    for (size_t j0 = 0; j0 < k; j0 += AP_BLOCK) {
        size_t kb = k - j0 < AP_BLOCK ? k - j0 : AP_BLOCK;
        for (size_t c = 0; c < kb; c++)
            cols[c] = x + (j0 + c) * d->n;
        st_ap_info bi = {0, 0};
        core_status st = st_demean_colv(d, cols, kb, o, &bi, err);
        if (bi.iterations > worst.iterations)
            worst.iterations = bi.iterations;
        if (bi.max_change > worst.max_change)
            worst.max_change = bi.max_change;
        if (st != CORE_OK) {
            if (info)
                *info = worst;
            return st;
        }
    }
    if (info)
        *info = worst;
    return CORE_OK;
}

/* st_demean_colv, reading from src[] when given (balanced workspaces only; see demean_block). */
static core_status demean_colv_src(const st_demean *d, double *const *x, const double *const *src, size_t k,
                                   const st_ap_opts *o, st_ap_info *info, core_err *err)
{
    double tol = o && o->tol > 0 ? o->tol : ST_AP_TOL_DEFAULT;
    int max_iter = o && o->max_iter > 0 ? o->max_iter : ST_AP_MAXITER_DEFAULT;
    st_ap_info worst = {0, 0};
    for (size_t j0 = 0; j0 < k; j0 += AP_BLOCK) {
        size_t kb = k - j0 < AP_BLOCK ? k - j0 : AP_BLOCK;
        st_ap_info bi = {0, 0};
        core_status st = demean_block(d, x + j0, src ? src + j0 : NULL, kb, tol, max_iter, &bi, err);
        if (bi.iterations > worst.iterations)
            worst.iterations = bi.iterations;
        if (bi.max_change > worst.max_change)
            worst.max_change = bi.max_change;
        if (st != CORE_OK) {
            if (info)
                *info = worst;
            return st;
        }
    }
    if (info)
        *info = worst;
    return CORE_OK;
}

core_status st_demean_colv(const st_demean *d, double *const *x, size_t k, const st_ap_opts *o, st_ap_info *info,
                           core_err *err)
{
    return demean_colv_src(d, x, NULL, k, o, info, err);
}

/* ---- degrees of freedom of the fixed effects ---- */

static size_t uf_find(size_t *parent, size_t a)
{
    while (parent[a] != a) {
        parent[a] = parent[parent[a]];
        a = parent[a];
    }
    return a;
}

core_status st_fe_dof(size_t n, const st_fe *fe, size_t n_fe, double *k, core_err *err)
{
    if (n_fe == 0) {
        *k = 1;
        return CORE_OK;
    }
    double total = 0;
    for (size_t f = 0; f < n_fe; f++)
        total += (double)fe[f].n_levels;
    if (n_fe == 1) {
        *k = total;
        return CORE_OK;
    }
    /* Connected components of the bipartite graph of the first two factors' levels. */
    size_t L1 = fe[0].n_levels, L2 = fe[1].n_levels;
    size_t *parent = malloc((L1 + L2) * sizeof *parent);
    if (!parent)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    for (size_t v = 0; v < L1 + L2; v++)
        parent[v] = v;
    for (size_t i = 0; i < n; i++) {
        size_t a = uf_find(parent, (size_t)fe[0].level[i]), b = uf_find(parent, L1 + (size_t)fe[1].level[i]);
        if (a != b)
            parent[a] = b;
    }
    size_t comps = 0;
    for (size_t v = 0; v < L1 + L2; v++)
        if (parent[v] == v)
            comps++;
    free(parent);
    *k = total - (double)comps - (double)(n_fe - 2);
    return CORE_OK;
}

/* ---- the fit ---- */

void st_twfe_fit_free(st_twfe_fit *f)
{
    if (!f)
        return;
    free(f->beta);
    free(f->bread);
    big_free(f->xd, f->n * f->p * sizeof(double));
    big_free(f->yd, f->n * sizeof(double));
    big_free(f->resid, f->n * sizeof(double));
    free(f->fe_nested);
    free(f->own_level);
    st_demean_free(f->dm);
    free(f);
}

static const char *reg_name(const st_twfe_data *d, size_t j, char *buf, size_t size)
{
    if (d->names && d->names[j])
        return d->names[j];
    snprintf(buf, size, "regressor %zu", j + 1);
    return buf;
}

core_status st_twfe_estimate(const st_twfe_data *d, const st_ap_opts *o, st_twfe_fit **out, core_err *err)
{
    *out = NULL;
    size_t n = d->n, p = d->p;
    if (n == 0 || p == 0 || !d->y || !d->x || (d->n_fe > 0 && !d->fe))
        return core_err_set(err, CORE_ERR_USAGE, "fixed-effects regression: no observations or no regressor");
    if (d->n_fe > 64)
        return core_err_set(err, CORE_ERR_USAGE, "more than 64 fixed-effect factors");
    st_twfe_fit *f = calloc(1, sizeof *f);
    if (!f)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    core_status st = CORE_OK;
    gsl_matrix *A = NULL;
    gsl_vector *tau = NULL;
    int *ncl[64] = {0}; /* per factor and level: its cluster (the nesting check), or NULL once not nested */
    unsigned char *bit = NULL;
    f->n = n;
    f->p = p;
    f->G = d->cluster ? d->n_clusters : 0;
    f->data = d;
    if (d->n_fe == 0) {
        if (!(f->own_level = calloc(n, sizeof *f->own_level))) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto fail;
        }
        f->own_fe = (st_fe){.level = f->own_level, .n_levels = 1};
        f->fe = &f->own_fe;
        f->n_fe = 1;
    } else {
        f->fe = d->fe;
        f->n_fe = d->n_fe;
    }
    f->beta = calloc(p, sizeof *f->beta);
    f->bread = calloc(p * p, sizeof *f->bread);
    f->xd = big_alloc(n * p * sizeof *f->xd);
    f->yd = big_alloc(n * sizeof *f->yd);
    f->resid = big_alloc(n * sizeof *f->resid);
    f->fe_nested = calloc(f->n_fe, sizeof *f->fe_nested);
    f->dm = demean_alloc(n, f->fe, f->n_fe);
    if (!f->beta || !f->bread || !f->xd || !f->yd || !f->resid || !f->fe_nested || !f->dm) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto fail;
    }
    /* One pass over the factors and the clusters (each is a pass over the rows otherwise): the levels and
     * clusters in range, the observations per level, whether the layout is complete (every pair of a two-way
     * layout once), and which factors are nested in the clusters (every level inside one cluster). */
    {
        size_t F = f->n_fe, G = d->cluster ? d->n_clusters : 0; /* F: with the intercept's factor when none */
        int balanced = complete_layout(n, f->fe, f->n_fe);
        if (balanced && !(bit = calloc(n / 8 + 1, 1)))
            balanced = 0; /* as st_demean_new: no memory for the check, the general projections */
        for (size_t q = 0; d->cluster && q < F; q++) {
            size_t L = f->fe[q].n_levels;
            if (!(ncl[q] = malloc((L ? L : 1) * sizeof *ncl[q]))) {
                st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
                goto fail;
            }
            for (size_t l = 0; l < L; l++)
                ncl[q][l] = -1;
        }
        int bad = 0;
        size_t L1 = F == 2 ? f->fe[1].n_levels : 0;
        const int *cl = d->cluster;
        if (F == 2 && cl) { /* the two-way panel, with locals (no reloads through the fit's pointers) */
            const int *la = f->fe[0].level, *lb = f->fe[1].level;
            size_t La = f->fe[0].n_levels, Lb = f->fe[1].n_levels;
            double *ca = f->dm->inv_count[0], *cb = f->dm->inv_count[1];
            int *na = ncl[0], *nb = ncl[1];
            /* a unit's rows usually come together: its count is kept over the run (whole numbers: the same
             * count), and its cluster looked at when the unit or the cluster changes */
            int pa = -1, pg = -1;
            double run = 0;
            for (size_t i = 0; i < n; i++) {
                int g = cl[i], a = la[i], b = lb[i];
                if (g < 0 || (size_t)g >= G || a < 0 || (size_t)a >= La || b < 0 || (size_t)b >= Lb) {
                    bad = 1;
                    break;
                }
                int same = a == pa && g == pg;
                if (a != pa) {
                    if (pa >= 0)
                        ca[pa] += run;
                    run = 0;
                    pa = a;
                }
                pg = g;
                run += 1.0;
                cb[b] += 1.0;
                if (na && !same) {
                    if (na[a] < 0)
                        na[a] = g;
                    else if (na[a] != g)
                        na = NULL;
                }
                if (nb) {
                    if (nb[b] < 0)
                        nb[b] = g;
                    else if (nb[b] != g)
                        nb = NULL;
                }
                if (balanced) {
                    size_t k = (size_t)a * L1 + (size_t)b;
                    if (bit[k / 8] & (1u << (k % 8)))
                        balanced = 0;
                    bit[k / 8] |= (unsigned char)(1u << (k % 8));
                }
            }
            if (pa >= 0 && !bad)
                ca[pa] += run;
            if (!na) {
                free(ncl[0]);
                ncl[0] = NULL;
            }
            if (!nb) {
                free(ncl[1]);
                ncl[1] = NULL;
            }
        }
        for (size_t i = 0; i < n && !bad && !(F == 2 && cl); i++) {
            int g = d->cluster ? d->cluster[i] : 0;
            bad |= d->cluster && (g < 0 || (size_t)g >= G);
            for (size_t q = 0; q < F && !bad; q++) {
                int l = f->fe[q].level[i];
                if (l < 0 || (size_t)l >= f->fe[q].n_levels) {
                    bad = 1;
                    break;
                }
                f->dm->inv_count[q][l] += 1.0;
                if (ncl[q]) {
                    if (ncl[q][l] < 0)
                        ncl[q][l] = g;
                    else if (ncl[q][l] != g) {
                        free(ncl[q]);
                        ncl[q] = NULL;
                    }
                }
            }
            if (balanced && !bad) {
                size_t k = (size_t)f->fe[0].level[i] * L1 + (size_t)f->fe[1].level[i];
                if (bit[k / 8] & (1u << (k % 8)))
                    balanced = 0; /* a pair twice: with n = L0 x L1, some other pair is absent */
                bit[k / 8] |= (unsigned char)(1u << (k % 8));
            }
        }
        if (bad) { /* the first level or cluster out of range, in the order of the checks */
            for (size_t q = 0; q < d->n_fe; q++)
                for (size_t i = 0; i < n; i++)
                    if (d->fe[q].level[i] < 0 || (size_t)d->fe[q].level[i] >= d->fe[q].n_levels) {
                        st = core_err_set(err, CORE_ERR_USAGE,
                                          "fixed-effects regression: level %d of factor %zu out of range",
                                          d->fe[q].level[i], q + 1);
                        goto fail;
                    }
            for (size_t i = 0; d->cluster && i < n; i++)
                if (d->cluster[i] < 0 || (size_t)d->cluster[i] >= d->n_clusters) {
                    st = core_err_set(err, CORE_ERR_USAGE, "fixed-effects regression: cluster %d out of range",
                                      d->cluster[i]);
                    goto fail;
                }
        }
        demean_finish(f->dm);
        f->dm->balanced = balanced;
        for (size_t q = 0; d->cluster && q < F; q++) {
            f->fe_nested[q] = ncl[q] != NULL;
            if (ncl[q])
                f->k_nested_levels += (double)f->fe[q].n_levels;
            free(ncl[q]);
            ncl[q] = NULL;
        }
        free(bit);
        bit = NULL;
    }
    if (f->dm->balanced) /* a complete two-way layout is connected: one redundancy (Abowd et al. 2002) */
        f->k_fe = (double)f->fe[0].n_levels + (double)f->fe[1].n_levels - 1;
    else if ((st = st_fe_dof(n, f->fe, f->n_fe, &f->k_fe, err)) != CORE_OK)
        goto fail;
    if ((double)n <= (double)p + f->k_fe) {
        st = core_err_set(err, CORE_ERR_ANALYSIS,
                          "fixed-effects regression: %zu observations for %zu regressors and %.0f fixed-effect "
                          "parameters leave no residual degrees of freedom",
                          n, p, f->k_fe);
        goto fail;
    }
    if (!f->dm->balanced) { /* demeaned in place; a balanced panel reads the data where it is (no copy) */
        memcpy(f->yd, d->y, n * sizeof *f->yd);
        memcpy(f->xd, d->x, n * p * sizeof *f->xd);
    }
    {
        /* y and the regressors demeaned together (in place: no temporary copies of the data) */
        double **cols = malloc((p + 1) * sizeof *cols);
        const double **srcs = malloc((p + 1) * sizeof *srcs);
        if (!cols || !srcs) {
            free(cols);
            free(srcs);
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto fail;
        }
        cols[0] = f->yd;
        srcs[0] = d->y;
        for (size_t j = 0; j < p; j++) {
            cols[j + 1] = f->xd + j * n;
            srcs[j + 1] = d->x + j * n;
        }
        st = demean_colv_src(f->dm, cols, f->dm->balanced ? srcs : NULL, p + 1, o, &f->ap, err);
        free(cols);
        free(srcs);
        if (st != CORE_OK)
            goto fail;
    }

    /* Absorbed regressors: nothing left after demeaning. With one regressor the pass also sums x'y: its ss_dm is
     * the x'x of the solution below (the same sum in the same order). */
    double sxx1 = 0, sxy1 = 0;
    for (size_t j = 0; j < p; j++) {
        const double *raw = d->x + j * n, *dm = f->xd + j * n, *yd = f->yd;
        double mean = 0, ss_raw = 0, ss_dm = 0, sxy = 0;
        for (size_t i = 0; i < n; i++)
            mean += raw[i];
        mean /= (double)n;
        if (p == 1)
            for (size_t i = 0; i < n; i++) {
                ss_raw += (raw[i] - mean) * (raw[i] - mean);
                ss_dm += dm[i] * dm[i];
                sxy += dm[i] * yd[i];
            }
        else
            for (size_t i = 0; i < n; i++) {
                ss_raw += (raw[i] - mean) * (raw[i] - mean);
                ss_dm += dm[i] * dm[i];
            }
        sxx1 = ss_dm;
        sxy1 = sxy;
        char nb[32];
        if (!(ss_raw > 0) || ss_dm <= 1e-20 * ss_raw) {
            st = core_err_set(err, CORE_ERR_ANALYSIS,
                              "%s %s: nothing is left to estimate its coefficient from once the fixed effects are "
                              "removed (it is absorbed by them)",
                              reg_name(d, j, nb, sizeof nb), ss_raw > 0 ? "is constant within the fixed effects" :
                                                                          "never varies");
            goto fail;
        }
    }
    if (p == 1) {
        /* One regressor: the QR of a single column is its norm, and the solution x'y / x'x (summed above). */
        double sxx = sxx1, sxy = sxy1;
        f->beta[0] = sxy / sxx;
        f->bread[0] = 1 / sxx;
        goto residuals;
    }
    /* Householder QR of the demeaned regressors; collinearity from R's diagonal. */
    A = gsl_matrix_alloc(n, p);
    tau = gsl_vector_alloc(p);
    if (!A || !tau) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < p; j++)
            gsl_matrix_set(A, i, j, f->xd[j * n + i]);
    int gs = gsl_linalg_QR_decomp(A, tau);
    if (gs) {
        st = core_err_set(err, core_status_from_gsl(gs), "QR decomposition failed: %s", gsl_strerror(gs));
        goto fail;
    }
    for (size_t j = 0; j < p; j++) {
        double norm = 0;
        for (size_t i = 0; i < n; i++)
            norm += f->xd[j * n + i] * f->xd[j * n + i];
        norm = sqrt(norm);
        if (fabs(gsl_matrix_get(A, j, j)) <= 1e-9 * norm) {
            char nb[32];
            st = core_err_set(err, CORE_ERR_ANALYSIS,
                              "%s is collinear with the other regressors once the fixed effects are removed",
                              reg_name(d, j, nb, sizeof nb));
            goto fail;
        }
    }
    {
        gsl_vector_const_view b = gsl_vector_const_view_array(f->yd, n);
        gsl_vector *coef = gsl_vector_alloc(p), *res = gsl_vector_alloc(n);
        if (!coef || !res) {
            gsl_vector_free(coef);
            gsl_vector_free(res);
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto fail;
        }
        gs = gsl_linalg_QR_lssolve(A, tau, &b.vector, coef, res);
        for (size_t j = 0; j < p; j++)
            f->beta[j] = gsl_vector_get(coef, j);
        gsl_vector_free(coef);
        gsl_vector_free(res);
        if (gs) {
            st = core_err_set(err, core_status_from_gsl(gs), "least squares failed: %s", gsl_strerror(gs));
            goto fail;
        }
    }
    /* bread = R^-1 R^-T (the covariance factor; an inverse is what is reported, not a solve). */
    {
        double *Ri = calloc(p * p, sizeof *Ri);
        if (!Ri) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto fail;
        }
        for (size_t c = 0; c < p; c++) { /* solve R x = e_c by back-substitution */
            for (size_t r = p; r-- > 0;) {
                double s = r == c ? 1.0 : 0.0;
                for (size_t k = r + 1; k < p; k++)
                    s -= gsl_matrix_get(A, r, k) * Ri[k * p + c];
                Ri[r * p + c] = s / gsl_matrix_get(A, r, r);
            }
        }
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < p; b++) {
                double s = 0;
                for (size_t k = 0; k < p; k++)
                    s += Ri[a * p + k] * Ri[b * p + k];
                f->bread[a * p + b] = s;
            }
        free(Ri);
    }
residuals:
    {
        /* locals: stores to resid could alias the fit's fields, which would then live in memory */
        const double *yd = f->yd, *xd = f->xd, *beta = f->beta;
        double *resid = f->resid, rss = 0;
        if (p == 1) {
            double b = beta[0];
            for (size_t i = 0; i < n; i++) {
                double r = yd[i] - xd[i] * b;
                resid[i] = r;
                rss += r * r;
            }
        } else
            for (size_t i = 0; i < n; i++) {
                double r = yd[i];
                for (size_t j = 0; j < p; j++)
                    r -= xd[j * n + i] * beta[j];
                resid[i] = r;
                rss += r * r;
            }
        f->rss = rss;
    }
    gsl_matrix_free(A);
    gsl_vector_free(tau);
    *out = f;
    return CORE_OK;
fail:
    for (size_t q = 0; q < 64; q++)
        free(ncl[q]);
    free(bit);
    gsl_matrix_free(A);
    gsl_vector_free(tau);
    st_twfe_fit_free(f);
    return st;
}
