/* Randomisation inference over placebo cluster assignments and the Conley-Taber interval (st_ri.h). */
#include "stats/st_ri.h"

#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats/st_cluster.h"

#define NOMEM(err) core_err_set(err, CORE_ERR_NOMEM, "out of memory")
#define TIE_REL 1e-9

static double binom(size_t n, size_t k)
{
    double r = 1;
    for (size_t i = 1; i <= k; i++)
        r = r * (double)(n - k + i) / (double)i;
    return r;
}

/* Next k-subset of {0..n-1} in lexicographic order (idx ascending); 0 when done. */
static int next_subset(size_t *idx, size_t k, size_t n)
{
    for (size_t i = k; i-- > 0;) {
        if (idx[i] < n - k + i) {
            idx[i]++;
            for (size_t j = i + 1; j < k; j++)
                idx[j] = idx[j - 1] + 1;
            return 1;
        }
    }
    return 0;
}

core_status st_ri_assign_make(const int *treated, size_t G, long cap, gsl_rng *rng, st_ri_assign *a, core_err *err)
{
    memset(a, 0, sizeof *a);
    size_t k = 0;
    for (size_t g = 0; g < G; g++)
        k += treated[g] != 0;
    if (k == 0 || k == G)
        return core_err_set(err, CORE_ERR_ANALYSIS, "randomisation inference needs treated and control clusters");
    if (cap < 1)
        cap = 1;
    a->G = G;
    a->k = k;
    a->total = binom(G, k);
    a->enumerated = a->total <= (double)cap;
    if (!a->enumerated && !rng)
        return core_err_set(err, CORE_ERR_USAGE, "sampled assignments need a random generator");
    a->na = a->enumerated ? (size_t)a->total : (size_t)cap + 1;
    a->flag = calloc(a->na * G + 1, 1);
    size_t *idx = malloc((G + 1) * sizeof *idx);
    if (!a->flag || !idx) {
        free(idx);
        st_ri_assign_free(a);
        return NOMEM(err);
    }
    for (size_t g = 0; g < G; g++)
        a->flag[g] = treated[g] != 0;
    size_t r = 1;
    if (a->enumerated) {
        for (size_t i = 0; i < k; i++)
            idx[i] = i;
        do {
            int same = 1;
            for (size_t i = 0; i < k; i++)
                same &= treated[idx[i]] != 0;
            if (same)
                continue; /* the actual assignment is row 0 */
            for (size_t i = 0; i < k; i++)
                a->flag[r * G + idx[i]] = 1;
            r++;
        } while (next_subset(idx, k, G) && r < a->na);
    } else {
        for (; r < a->na; r++) {
            for (size_t g = 0; g < G; g++)
                idx[g] = g;
            for (size_t i = 0; i < k; i++) { /* partial Fisher-Yates */
                size_t j = i + (size_t)gsl_rng_uniform_int(rng, G - i);
                size_t t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
                a->flag[r * G + idx[i]] = 1;
            }
        }
    }
    free(idx);
    return CORE_OK;
}

void st_ri_assign_free(st_ri_assign *a)
{
    free(a->flag);
    memset(a, 0, sizeof *a);
}

double st_rank_size(size_t m, double alpha)
{
    if (m == 0)
        return NAN;
    return floor(alpha * (double)m * (1 + 1e-12)) / (double)m;
}

/* Least squares on the other regressors (QR once), for residualising many columns. */
typedef struct resid_maker {
    size_t n, m;
    gsl_matrix *qr;
    gsl_vector *tau, *coef, *res;
} resid_maker;

static void rm_free(resid_maker *r)
{
    gsl_matrix_free(r->qr);
    gsl_vector_free(r->tau);
    gsl_vector_free(r->coef);
    gsl_vector_free(r->res);
}

static core_status rm_init(resid_maker *r, const double *xo, size_t n, size_t m, core_err *err)
{
    memset(r, 0, sizeof *r);
    r->n = n;
    r->m = m;
    if (m == 0)
        return CORE_OK;
    r->qr = gsl_matrix_alloc(n, m);
    r->tau = gsl_vector_alloc(m);
    r->coef = gsl_vector_alloc(m);
    r->res = gsl_vector_alloc(n);
    if (!r->qr || !r->tau || !r->coef || !r->res) {
        rm_free(r);
        return NOMEM(err);
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < m; j++)
            gsl_matrix_set(r->qr, i, j, xo[j * n + i]);
    int gs = gsl_linalg_QR_decomp(r->qr, r->tau);
    if (gs) {
        rm_free(r);
        return core_err_set(err, core_status_from_gsl(gs), "the other regressors are collinear");
    }
    return CORE_OK;
}

/* v <- residual of v on the other regressors. */
static core_status rm_apply(resid_maker *r, double *v, core_err *err)
{
    if (r->m == 0)
        return CORE_OK;
    gsl_vector_view vv = gsl_vector_view_array(v, r->n);
    int gs = gsl_linalg_QR_lssolve(r->qr, r->tau, &vv.vector, r->coef, r->res);
    if (gs)
        return core_err_set(err, core_status_from_gsl(gs), "residualising on the other regressors failed");
    memcpy(v, r->res->data, r->n * sizeof *v);
    return CORE_OK;
}

/* The CR1 small-sample factor of the fit (st_cluster.h). */
static core_status cr1_factor(const st_twfe_fit *f, double *fac, core_err *err)
{
    double *V = malloc(f->p * f->p * sizeof *V), df, K;
    if (!V)
        return NOMEM(err);
    core_status st = st_twfe_vcov(f, ST_VC_CR1, V, &df, &K, err);
    free(V);
    if (st != CORE_OK)
        return st;
    double G = (double)f->G, N = (double)f->n;
    *fac = G / (G - 1) * (N - 1) / (N - K);
    return CORE_OK;
}

/* Coefficient and CR1 t of colr (already residualised) with outcome residual ydr. */
static void coef_t(const double *colr, const double *ydr, const int *cluster, size_t n, size_t G, double fac,
                   double *sg, double *b, double *t)
{
    double sxy = 0, sxx = 0;
    for (size_t i = 0; i < n; i++) {
        sxy += colr[i] * ydr[i];
        sxx += colr[i] * colr[i];
    }
    if (!(sxx > 0)) {
        *b = *t = NAN;
        return;
    }
    *b = sxy / sxx;
    memset(sg, 0, G * sizeof *sg);
    for (size_t i = 0; i < n; i++)
        sg[cluster[i]] += colr[i] * (ydr[i] - *b * colr[i]);
    double ss = 0;
    for (size_t g = 0; g < G; g++)
        ss += sg[g] * sg[g];
    double se = sqrt(fac * ss) / sxx;
    *t = se > 0 ? *b / se : NAN;
}

core_status st_ri_run(const st_twfe_fit *f, const st_ri_assign *a, const int *period, int first, double alpha,
                      const core_progress *progress, st_ri_result *out, core_err *err)
{
    memset(out, 0, sizeof *out);
    if (!f->data || !f->data->cluster || f->G < 2)
        return core_err_set(err, CORE_ERR_USAGE, "randomisation inference needs at least 2 clusters");
    if (a->G != f->G)
        return core_err_set(err, CORE_ERR_USAGE, "assignments over %zu clusters, fit with %zu", a->G, f->G);
    size_t n = f->n, G = f->G;
    const int *cl = f->data->cluster;
    double fac = NAN;
    core_status st = cr1_factor(f, &fac, err);
    if (st != CORE_OK)
        return st;
    resid_maker rm;
    if ((st = rm_init(&rm, f->xd + n, n, f->p - 1, err)) != CORE_OK)
        return st;
    double *col = malloc(n * sizeof *col), *ydr = malloc(n * sizeof *ydr), *sg = malloc(G * sizeof *sg);
    out->b = malloc(a->na * sizeof *out->b);
    out->t = malloc(a->na * sizeof *out->t);
    if (!col || !ydr || !sg || !out->b || !out->t) {
        st = NOMEM(err);
        goto done;
    }
    memcpy(ydr, f->yd, n * sizeof *ydr);
    if ((st = rm_apply(&rm, ydr, err)) != CORE_OK)
        goto done;
    out->na = a->na;
    out->enumerated = a->enumerated;
    for (size_t r = 0; r < a->na; r++) {
        core_err e2;
        const unsigned char *fl = a->flag + r * G;
        if (r == 0)
            memcpy(col, f->xd, n * sizeof *col); /* the actual treatment, demeaned as fitted */
        else {
            for (size_t i = 0; i < n; i++)
                col[i] = fl[cl[i]] && period[i] >= first ? 1.0 : 0.0;
            if (st_demean_cols(f->dm, col, 1, NULL, NULL, &e2) != CORE_OK) {
                out->b[r] = out->t[r] = NAN;
                continue;
            }
        }
        if (rm_apply(&rm, col, &e2) != CORE_OK) {
            out->b[r] = out->t[r] = NAN;
            continue;
        }
        coef_t(col, ydr, cl, n, G, fac, sg, &out->b[r], &out->t[r]);
        if (progress && (r & 15) == 0)
            core_progress_report(progress, "randomisation inference", (double)r / (double)a->na);
    }
    double b0 = out->b[0], t0 = out->t[0];
    for (size_t r = 0; r < a->na; r++) {
        if (isnan(out->b[r]))
            continue;
        out->used++;
        out->ex_b += fabs(out->b[r]) >= fabs(b0) * (1 - TIE_REL);
        out->ex_t += !isnan(t0) && !isnan(out->t[r]) && fabs(out->t[r]) >= fabs(t0) * (1 - TIE_REL);
    }
    if (out->used == 0 || isnan(b0)) {
        st = core_err_set(err, CORE_ERR_ANALYSIS, "no placebo assignment could be fitted");
        goto done;
    }
    out->p_b = (double)out->ex_b / (double)out->used;
    out->p_t = isnan(t0) ? NAN : (double)out->ex_t / (double)out->used;
    out->p_min = 1.0 / (double)out->used;
    out->size = st_rank_size(out->used, alpha);
done:
    free(col);
    free(ydr);
    free(sg);
    rm_free(&rm);
    if (st != CORE_OK)
        st_ri_result_free(out);
    return st;
}

void st_ri_result_free(st_ri_result *r)
{
    free(r->b);
    free(r->t);
    r->b = r->t = NULL;
}

static int dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Ferman-Pinto: fit v(M) = A + B/M to the controls' W_j^2; scale[j] = sqrt(v(Mt)/v(M_j)) per control,
 * for each treated cluster (nt x N0, row-major). Returns a static reason when not applied. */
static const char *fp_scales(const double *Wj, const double *Mc, size_t N0, const double *Mt, size_t nt,
                             double *scale, double *A, double *B)
{
    double mx = 0, my = 0;
    for (size_t j = 0; j < N0; j++) {
        mx += 1 / Mc[j];
        my += Wj[j] * Wj[j];
    }
    mx /= (double)N0;
    my /= (double)N0;
    double sxx = 0, sxy = 0;
    int differ = 0;
    for (size_t j = 0; j < N0; j++) {
        double dx = 1 / Mc[j] - mx;
        sxx += dx * dx;
        sxy += dx * (Wj[j] * Wj[j] - my);
    }
    for (size_t k = 0; k < nt; k++)
        differ |= fabs(1 / Mt[k] - mx) > 1e-12 * mx;
    if (!(sxx > 1e-24 * mx * mx) && !differ) {
        *A = my;
        *B = 0;
        for (size_t q = 0; q < nt * N0; q++)
            scale[q] = 1;
        return NULL; /* equal sizes: nothing to correct */
    }
    if (!(sxx > 1e-24 * mx * mx) || N0 < 3)
        return "the control clusters all have the same size, so the variance model A + B/M cannot be fitted";
    *B = sxy / sxx;
    *A = my - *B * mx;
    for (size_t j = 0; j < N0; j++)
        if (!(*A + *B / Mc[j] > 0))
            return "the fitted variance model A + B/M is not positive for every cluster";
    for (size_t k = 0; k < nt; k++) {
        double vt = *A + *B / Mt[k];
        if (!(vt > 0))
            return "the fitted variance model A + B/M is not positive for a treated cluster";
        for (size_t j = 0; j < N0; j++)
            scale[k * N0 + j] = sqrt(vt / (*A + *B / Mc[j]));
    }
    return NULL;
}

core_status st_conley_taber(const st_twfe_fit *f, const int *treated, const int *period, size_t T, int ferman_pinto,
                            double conf, long cap, gsl_rng *rng, st_ct_result *out, core_err *err)
{
    memset(out, 0, sizeof *out);
    out->fp_a = out->fp_b = NAN;
    out->estimate = f->beta[0];
    if (!f->data || !f->data->cluster || f->G < 2)
        return core_err_set(err, CORE_ERR_USAGE, "Conley-Taber needs clusters");
    size_t G = f->G, n = f->n, nt = 0, N0 = 0;
    const int *cl = f->data->cluster;
    for (size_t g = 0; g < G; g++)
        nt += treated[g] != 0;
    N0 = G - nt;
    if (N0 < 2 || nt == 0)
        return core_err_set(err, CORE_ERR_ANALYSIS, "Conley-Taber needs a treated cluster and at least 2 control "
                                                    "clusters");
    out->n_control = N0;
    out->n_treated = nt;
    core_status st = CORE_OK;
    double *dres = malloc(n * sizeof *dres), *D = calloc(G * T, sizeof *D), *eta = calloc(G * T, sizeof *eta),
           *cnt = calloc(G * T, sizeof *cnt), *M = calloc(G, sizeof *M), *W = NULL, *Wj = malloc(N0 * sizeof *Wj),
           *Mc = malloc(N0 * sizeof *Mc), *Mt = malloc(nt * sizeof *Mt), *scale = malloc(nt * N0 * sizeof *scale);
    size_t *ctrl = malloc(N0 * sizeof *ctrl), *trt = malloc(nt * sizeof *trt), *pick = malloc(nt * sizeof *pick);
    resid_maker rm = {0};
    if (!dres || !D || !eta || !cnt || !M || !Wj || !Mc || !Mt || !scale || !ctrl || !trt || !pick) {
        st = NOMEM(err);
        goto done;
    }
    memcpy(dres, f->xd, n * sizeof *dres);
    if ((st = rm_init(&rm, f->xd + n, n, f->p - 1, err)) != CORE_OK || (st = rm_apply(&rm, dres, err)) != CORE_OK)
        goto done; /* the treatment residualised on the other regressors (Frisch-Waugh-Lovell) */
    double S = 0;
    for (size_t i = 0; i < n; i++) {
        size_t g = (size_t)cl[i], t = (size_t)period[i];
        if (t >= T) {
            st = core_err_set(err, CORE_ERR_USAGE, "period %zu outside 0..%zu", t, T - 1);
            goto done;
        }
        S += dres[i] * dres[i];
        D[g * T + t] += dres[i];
        eta[g * T + t] += f->resid[i];
        cnt[g * T + t] += 1;
        M[g] += 1;
    }
    for (size_t k = 0; k < G * T; k++)
        eta[k] = cnt[k] > 0 ? eta[k] / cnt[k] : 0;
    size_t ic = 0, it = 0;
    for (size_t g = 0; g < G; g++) {
        if (treated[g]) {
            Mt[it] = M[g];
            trt[it++] = g;
        } else {
            Mc[ic] = M[g];
            ctrl[ic++] = g;
        }
    }
    for (size_t q = 0; q < nt * N0; q++)
        scale[q] = 1;
    if (ferman_pinto) {
        for (size_t j = 0; j < N0; j++) { /* each control's error term under the treated clusters' mean pattern */
            double v = 0;
            for (size_t t = 0; t < T; t++) {
                double dp = 0;
                for (size_t k = 0; k < nt; k++)
                    dp += D[trt[k] * T + t];
                v += dp / (double)nt * eta[ctrl[j] * T + t];
            }
            Wj[j] = v / S;
        }
        double A = NAN, B = NAN;
        out->note = fp_scales(Wj, Mc, N0, Mt, nt, scale, &A, &B);
        if (out->note) {
            for (size_t q = 0; q < nt * N0; q++)
                scale[q] = 1;
        } else {
            out->fp = 1;
            out->fp_a = A;
            out->fp_b = B;
        }
    }
    double combos = pow((double)N0, (double)nt);
    if (cap < 1)
        cap = 1;
    out->enumerated = combos <= (double)cap;
    if (!out->enumerated && !rng) {
        st = core_err_set(err, CORE_ERR_USAGE, "sampled Conley-Taber draws need a random generator");
        goto done;
    }
    size_t m = out->enumerated ? (size_t)combos : (size_t)cap;
    W = malloc(m * sizeof *W);
    if (!W) {
        st = NOMEM(err);
        goto done;
    }
    for (size_t r = 0; r < m; r++) {
        if (out->enumerated) {
            size_t k = r;
            for (size_t j = 0; j < nt; j++) {
                pick[j] = k % N0;
                k /= N0;
            }
        } else
            for (size_t j = 0; j < nt; j++)
                pick[j] = (size_t)gsl_rng_uniform_int(rng, N0);
        double v = 0;
        for (size_t j = 0; j < nt; j++) {
            double vj = 0;
            for (size_t t = 0; t < T; t++)
                vj += D[trt[j] * T + t] * eta[ctrl[pick[j]] * T + t];
            v += vj * scale[j * N0 + pick[j]];
        }
        W[r] = v / S;
    }
    qsort(W, m, sizeof *W, dbl_cmp);
    double alpha = 1 - conf, b = f->beta[0];
    size_t il = (size_t)floor((double)(m + 1) * alpha / 2 * (1 + 1e-12));
    if (il < 1) {
        il = 1;
        out->below_requested = 1;
    }
    size_t ih = m + 1 - il;
    if (ih > m)
        ih = m;
    if (ih < il) { /* cannot happen with m >= 2 */
        st = core_err_set(err, CORE_ERR_ANALYSIS, "too few Conley-Taber draws");
        goto done;
    }
    out->draws = m;
    out->il = il;
    out->ih = ih;
    out->level = (double)(ih - il) / (double)(m + 1);
    out->below_requested |= out->level < conf - 1e-12;
    out->level_exact = nt == 1 && out->enumerated && !out->fp;
    out->lo = b - W[ih - 1];
    out->hi = b - W[il - 1];
    size_t ex = 0;
    for (size_t r = 0; r < m; r++)
        ex += fabs(W[r]) >= fabs(b) * (1 - TIE_REL);
    out->p = (double)(ex + 1) / (double)(m + 1);
    out->p_min = 1.0 / (double)(m + 1);
done:
    rm_free(&rm);
    free(dres);
    free(D);
    free(eta);
    free(cnt);
    free(M);
    free(W);
    free(Wj);
    free(Mc);
    free(Mt);
    free(scale);
    free(ctrl);
    free(trt);
    free(pick);
    return st;
}

core_status st_ri_refit(const st_twfe_data *d, st_ri_design_fn set, void *arg, size_t na, const st_twfe_fit *fit0,
                        size_t K, const size_t *joint, size_t n_joint, const core_progress *progress, const char *what,
                        size_t *exceed, double *joint0, size_t *exceed_joint, size_t *used, core_err *err)
{
    if (!fit0 || K > fit0->p)
        return core_err_set(err, CORE_ERR_ANALYSIS, "randomisation inference: more coefficients than the fit has");
    for (size_t j = 0; j < n_joint; j++)
        if (joint[j] >= fit0->p)
            return core_err_set(err, CORE_ERR_ANALYSIS, "randomisation inference: joint coefficient out of range");
    double q0 = 0;
    for (size_t j = 0; j < n_joint; j++)
        q0 += fit0->beta[joint[j]] * fit0->beta[joint[j]];
    memset(exceed, 0, K * sizeof *exceed);
    size_t n_used = 0, exq = 0;
    for (size_t a = 0; a < na; a++) {
        const st_twfe_fit *fa = fit0;
        st_twfe_fit *fit = NULL;
        if (a > 0) {
            core_err e2;
            set(arg, a);
            if (st_twfe_estimate(d, NULL, &fit, &e2) != CORE_OK)
                continue;
            fa = fit;
        }
        n_used++;
        for (size_t k = 0; k < K; k++)
            exceed[k] += fabs(fa->beta[k]) >= fabs(fit0->beta[k]) * (1 - TIE_REL);
        double q = 0;
        for (size_t j = 0; j < n_joint; j++)
            q += fa->beta[joint[j]] * fa->beta[joint[j]];
        exq += q >= q0 * (1 - TIE_REL);
        st_twfe_fit_free(fit);
        if (progress && (a & 7) == 0)
            core_progress_report(progress, what, (double)a / (double)na);
    }
    *joint0 = q0;
    *exceed_joint = exq;
    *used = n_used;
    return CORE_OK;
}
