/* Random-intercept logistic GLMM by Laplace / adaptive Gauss–Hermite quadrature (see st_glmm.h).
 *
 * theta = (beta, tau = log sigma). Per cluster, h(b) = sum_j [y e - log(1 + e^e)] - b^2/2 with e = eta_j + sigma b,
 * m = 1/(1 + e^-e), r = y - m, v = m(1 - m); its derivatives in closed form:
 *   h_b = sigma sum r - b,  h_bb = -(sigma^2 sum v + 1) = -c,  h_bbb = -sigma^3 sum v(1 - 2m),
 *   h_beta = sum r x,  h_tau = sigma b sum r,  h_b,beta = -sigma sum v x,  h_b,tau = sigma sum r - sigma^2 b sum v,
 *   -h_bb,beta = sigma^2 sum v(1 - 2m) x,  -h_bb,tau = 2 sigma^2 sum v + sigma^3 b sum v(1 - 2m).
 * The mode moves with theta: db/dtheta = h_b,theta / c, dc/dtheta = -h_bb,theta - h_bbb db/dtheta, and the nodes
 * b_k = b + s x_k with s = sqrt(2/c) move with it. The exact gradient of the approximation
 *   L = log sum_k W_k e^{h(b_k)} + log s   (W_k = w_k e^{x_k^2}; K = 1: L = h(b) - log(c)/2)
 * is then sum_k pi_k [h_theta(b_k) + h_b(b_k) db_k/dtheta] + dlog s/dtheta with pi_k the normalised node terms. */
#include "st_glmm.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multimin.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "st_gee.h"

typedef struct glmm_work {
    size_t n, p, G;
    double *y, *X;         /* rows in cluster order (copies) */
    size_t *start;         /* cluster g: rows start[g] .. start[g + 1] - 1 of y, X, eta */
    size_t max_ng;         /* largest cluster */
    int K;                 /* quadrature nodes */
    double *node, *lw;     /* nodes x_k and log(w_k) + x_k^2 for weight exp(-x^2) (K = 1: the node 0) */
    double *mode;          /* per cluster: last conditional mode (the next evaluation's start) */
    double *eta;           /* per row: x'beta */
    double *mk;            /* max_ng x K: fitted means at the nodes */
    double *nd;            /* per node: h, sum r, sum v, pi */
    double *uk;            /* K x (p + 1): the score h_theta at each node */
    double *acc;           /* 5 (p + 1): per-cluster sums, mode derivatives, mean score */
    double *lap;           /* 2 (p + 1)^2 + 3 (p + 1): the Laplace Hessian's per-cluster sums */
} glmm_work;

/* log of the integrand for cluster g at b (see the top), with h_b and h_bb when d1 is given */
static double h_at(const glmm_work *w, size_t g, double s, double b, double *d1, double *d2)
{
    /* one exp per row: z = e^{-|e|} gives both log(1 + e^e) = max(e, 0) + log1p(z) and the mean
     * m = 1 / (1 + z) or z / (1 + z), as x + log1p(e^-x) for x > 0, log1p(e^x) otherwise */
    double h = -b * b / 2, sr = 0, sv = 0;
    for (size_t q = w->start[g]; q < w->start[g + 1]; q++) {
        double e = w->eta[q] + s * b;
        double z = exp(-fabs(e));
        h += w->y[q] * e - ((e > 0 ? e : 0) + log1p(z));
        if (d1) {
            double m = e >= 0 ? 1 / (1 + z) : z / (1 + z);
            sr += w->y[q] - m;
            sv += m * (1 - m);
        }
    }
    if (d1) {
        *d1 = s * sr - b;
        *d2 = -s * s * sv - 1;
    }
    return h;
}

/* The conditional mode of cluster g by Newton with step halving (h is strictly concave), from the last mode.
 * Returns h there and sets *bm and *c = -h_bb. */
static double find_mode(glmm_work *w, size_t g, double s, double *bm, double *c)
{
    double b = isfinite(w->mode[g]) ? w->mode[g] : 0, d1, d2;
    double h = h_at(w, g, s, b, &d1, &d2);
    for (int it = 0; it < 100; it++) {
        double step = -d1 / d2, bn = b + step, hn = h, n1 = d1, n2 = d2;
        for (int k = 0; k < 60; k++) {
            hn = h_at(w, g, s, bn, &n1, &n2);
            if (hn >= h - 1e-14 * fabs(h))
                break;
            step /= 2;
            bn = b + step;
        }
        b = bn, h = hn, d1 = n1, d2 = n2;
        if (fabs(step) < 1e-13 * fmax(1.0, fabs(b)))
            break;
    }
    w->mode[g] = b;
    *bm = b;
    *c = -d2;
    return h;
}

/* The Laplace approximation's -log(c)/2 term: its Hessian, added to H (lower triangle). Along the mode
 * b(theta), e_j = x_j'beta + sigma b has first derivatives E_ja = x_ja + sigma b_a (+ sigma b for tau) and second
 * derivatives sigma b_ab + D_ab, D_ab = sigma ([b = tau] b_a + [a = tau] b_b + [a = b = tau] b), the same for
 * every row; differentiating h_b(b(theta), theta) = 0 twice gives
 *   c b_ab = sigma [a = b = tau] sum r - sigma [a = tau] sum v E_b - sigma [b = tau] sum v E_a
 *            - sigma sum t E_a E_b - sigma sum v D_ab        (t = v(1 - 2m), dv/de = t, dt/de = v(1 - 6v))
 * and with c = 1 + sigma^2 sum v:
 *   c_a  = 2 sigma^2 [a = tau] sum v + sigma^2 sum t E_a
 *   c_ab = 4 sigma^2 [a = b = tau] sum v + 2 sigma^2 ([a = tau] sum t E_b + [b = tau] sum t E_a)
 *          + sigma^2 sum v(1 - 6v) E_a E_b + sigma^2 sum t (sigma b_ab + D_ab);
 * d2 log c = c_ab / c - c_a c_b / c^2. */
static void laplace_logc_hessian(glmm_work *w, size_t q0, size_t q1, double s, double b, double c, double sr,
                                 double sv, double st, const double *db, const double *dls, double *H)
{
    size_t p = w->p, k = p + 1;
    double *M1 = w->lap, *M2 = w->lap + k * k, *SvE = w->lap + 2 * k * k, *StE = SvE + k, *E = StE + k;
    memset(w->lap, 0, (2 * k * k + 3 * k) * sizeof *w->lap);
    for (size_t q = q0; q < q1; q++) {
        double e = w->eta[q] + s * b;
        double z = exp(-fabs(e));
        double m = e >= 0 ? 1 / (1 + z) : z / (1 + z), v = m * (1 - m), t = v * (1 - 2 * m), u = v * (1 - 6 * v);
        const double *x = w->X + q * p;
        for (size_t a = 0; a < p; a++)
            E[a] = x[a] + s * db[a];
        E[p] = s * (db[p] + b);
        for (size_t a = 0; a < k; a++) {
            SvE[a] += v * E[a];
            StE[a] += t * E[a];
            double ta = t * E[a], ua = u * E[a];
            for (size_t j = 0; j <= a; j++) {
                M1[a * k + j] += ta * E[j];
                M2[a * k + j] += ua * E[j];
            }
        }
    }
    double s2 = s * s;
    for (size_t a = 0; a < k; a++) {
        double ca = -2 * c * dls[a];
        for (size_t j = 0; j <= a; j++) {
            double cb = -2 * c * dls[j];
            int ap = a == p, jp = j == p;
            double D = s * ((jp ? db[a] : 0) + (ap ? db[j] : 0) + (ap && jp ? b : 0));
            double bab = ((ap && jp ? s * sr : 0) - (ap ? s * SvE[j] : 0) - (jp ? s * SvE[a] : 0) - s * M1[a * k + j] -
                          s * sv * D) / c;
            double cab = (ap && jp ? 4 * s2 * sv : 0) + 2 * s2 * ((ap ? StE[j] : 0) + (jp ? StE[a] : 0)) +
                         s2 * M2[a * k + j] + s2 * st * (s * bab + D);
            H[a * k + j] -= 0.5 * (cab / c - ca * cb / (c * c));
        }
    }
}

/* The approximate log-likelihood at theta = (beta, log sigma). With g (p + 1): its exact gradient. With H
 * ((p + 1)^2, needs g): the Newton matrix, the Hessian with the quadrature grid held where it is (for Laplace:
 * with the mode's own movement, the -log(c)/2 term's curvature left out); the exact gradient fixes the optimum,
 * this matrix only the path to it. */
static double glmm_eval(glmm_work *w, const double *th, double *grad, double *H)
{
    size_t p = w->p, k = p + 1;
    int K = w->K;
    double s = exp(th[p]);
    for (size_t i = 0; i < w->n; i++) {
        double e = 0;
        const double *x = w->X + i * p;
        for (size_t j = 0; j < p; j++)
            e += x[j] * th[j];
        w->eta[i] = e;
    }
    if (grad)
        memset(grad, 0, k * sizeof *grad);
    if (H)
        memset(H, 0, k * k * sizeof *H);
    double *a1 = w->acc, *a2 = w->acc + k, *db = w->acc + 2 * k, *dls = w->acc + 3 * k;
    double ll = 0;
    for (size_t g = 0; g < w->G; g++) {
        size_t q0 = w->start[g], q1 = w->start[g + 1];
        if (q1 == q0)
            continue;
        double b, c;
        double h = find_mode(w, g, s, &b, &c);
        if (!isfinite(h) || !(c > 0))
            return NAN;
        if (K == 1 && !grad) {
            ll += h - 0.5 * log(c); /* the constant folded in: the Laplace value of log(int e^h / sqrt(2 pi)) */
            continue;
        }
        double sc = K == 1 ? 0 : sqrt(2 / c);
        /* the nodes: h, sum r, sum v there; fitted means kept when derivatives are wanted */
        double mx = -INFINITY;
        for (int kk = 0; kk < K; kk++) {
            double bk = b + sc * w->node[kk], hk = -bk * bk / 2, sr = 0, sv = 0;
            double *mrow = w->mk + kk;
            for (size_t q = q0; q < q1; q++) {
                double e = w->eta[q] + s * bk;
                double z = exp(-fabs(e));
                hk += w->y[q] * e - ((e > 0 ? e : 0) + log1p(z));
                if (grad) {
                    double m = e >= 0 ? 1 / (1 + z) : z / (1 + z);
                    mrow[(q - q0) * (size_t)K] = m;
                    sr += w->y[q] - m;
                    sv += m * (1 - m);
                }
            }
            double *nk = w->nd + 4 * kk;
            nk[0] = K == 1 ? hk : w->lw[kk] + hk;
            nk[1] = sr;
            nk[2] = sv;
            mx = fmax(mx, nk[0]);
        }
        double sum = 0;
        for (int kk = 0; kk < K; kk++)
            sum += (w->nd[4 * kk + 3] = exp(w->nd[4 * kk] - mx));
        if (K == 1)
            ll += h - 0.5 * log(c);
        else /* int e^h db = sc sum_k w_k e^{x_k^2} e^{h(b + sc x_k)} */
            ll += mx + log(sum) + log(sc) - 0.5 * log(2 * M_PI);
        if (!grad)
            continue;
        for (int kk = 0; kk < K; kk++)
            w->nd[4 * kk + 3] /= sum;
        /* at the mode: sum v x, sum v(1 - 2m) x, sum r, sum v, sum v(1 - 2m) */
        memset(a1, 0, 2 * k * sizeof *a1);
        double sr = 0, sv = 0, sv3 = 0;
        for (size_t q = q0; q < q1; q++) {
            double e = w->eta[q] + s * b;
            double z = exp(-fabs(e));
            double m = e >= 0 ? 1 / (1 + z) : z / (1 + z), v = m * (1 - m), t = v * (1 - 2 * m);
            const double *x = w->X + q * p;
            sr += w->y[q] - m;
            sv += v;
            sv3 += t;
            for (size_t j = 0; j < p; j++) {
                a1[j] += v * x[j];
                a2[j] += t * x[j];
            }
        }
        double s2 = s * s, s3 = s2 * s, nhbbb = s3 * sv3;
        for (size_t j = 0; j < p; j++) {
            db[j] = -s * a1[j] / c;
            dls[j] = -0.5 * (s2 * a2[j] + nhbbb * db[j]) / c;
        }
        db[p] = (s * sr - s2 * b * sv) / c;
        dls[p] = -0.5 * (2 * s2 * sv + s3 * b * sv3 + nhbbb * db[p]) / c;
        /* the score at each node, and A = sum pi h_b, B = sum pi h_b sc x_k */
        double A = 0, B = 0;
        for (int kk = 0; kk < K; kk++) {
            const double *nk = w->nd + 4 * kk;
            double bk = b + sc * w->node[kk], hb = s * nk[1] - bk, pk = nk[3];
            A += pk * hb;
            B += pk * hb * sc * w->node[kk];
            double *u = w->uk + (size_t)kk * k;
            memset(u, 0, p * sizeof *u);
            for (size_t q = q0; q < q1; q++) {
                double r = w->y[q] - w->mk[(q - q0) * (size_t)K + kk];
                const double *x = w->X + q * p;
                for (size_t j = 0; j < p; j++)
                    u[j] += r * x[j];
            }
            u[p] = s * bk * nk[1];
        }
        double *ubar = w->acc + 4 * k;
        memset(ubar, 0, k * sizeof *ubar);
        for (int kk = 0; kk < K; kk++)
            for (size_t a = 0; a < k; a++)
                ubar[a] += w->nd[4 * kk + 3] * w->uk[(size_t)kk * k + a];
        for (size_t a = 0; a < k; a++)
            grad[a] += ubar[a] + A * db[a] + (B + 1) * dls[a];
        if (!H)
            continue;
        /* sum_k pi_k h_theta,theta(b_k): h_beta,beta = -sum v x x', h_beta,tau = -sigma b sum v x,
         * h_tau,tau = sigma b sum r - sigma^2 b^2 sum v */
        double htt = 0;
        for (int kk = 0; kk < K; kk++) {
            const double *nk = w->nd + 4 * kk;
            double bk = b + sc * w->node[kk];
            htt += nk[3] * (s * bk * nk[1] - s2 * bk * bk * nk[2]);
        }
        H[p * k + p] += htt;
        for (size_t q = q0; q < q1; q++) {
            double V = 0, VB = 0;
            for (int kk = 0; kk < K; kk++) {
                double m = w->mk[(q - q0) * (size_t)K + kk], pv = w->nd[4 * kk + 3] * m * (1 - m);
                V += pv;
                VB += pv * (b + sc * w->node[kk]);
            }
            const double *x = w->X + q * p;
            for (size_t a = 0; a < p; a++) {
                for (size_t j = 0; j <= a; j++)
                    H[a * k + j] -= V * x[a] * x[j];
                H[p * k + a] -= s * VB * x[a];
            }
        }
        if (K == 1) {
            /* the mode's movement: + h_theta,b h_b,theta / c = c db db' */
            for (size_t a = 0; a < k; a++)
                for (size_t j = 0; j <= a; j++)
                    H[a * k + j] += c * db[a] * db[j];
            laplace_logc_hessian(w, q0, q1, s, b, c, sr, sv, sv3, db, dls, H);
        } else {
            /* the posterior variance of the score over the nodes */
            for (int kk = 0; kk < K; kk++) {
                double pk = w->nd[4 * kk + 3];
                const double *u = w->uk + (size_t)kk * k;
                for (size_t a = 0; a < k; a++) {
                    double da = pk * (u[a] - ubar[a]);
                    for (size_t j = 0; j <= a; j++)
                        H[a * k + j] += da * (u[j] - ubar[j]);
                }
            }
        }
    }
    if (H)
        for (size_t a = 0; a < k; a++)
            for (size_t j = 0; j < a; j++)
                H[j * k + a] = H[a * k + j];
    return ll;
}

typedef struct nm_ctx {
    glmm_work *w;
} nm_ctx;

static double nm_f(const gsl_vector *v, void *p)
{
    nm_ctx *c = p;
    double r = -glmm_eval(c->w, v->data, NULL, NULL);
    return isfinite(r) ? r : GSL_POSINF;
}

void st_glmm_free(st_glmm *m)
{
    if (!m)
        return;
    free(m->beta);
    free(m->se);
    free(m->vcov);
    memset(m, 0, sizeof *m);
}

static void glmm_work_free(glmm_work *w)
{
    free(w->y);
    free(w->X);
    free(w->start);
    free(w->node);
    free(w->lw);
    free(w->mode);
    free(w->eta);
    free(w->mk);
    free(w->nd);
    free(w->uk);
    free(w->acc);
    free(w->lap);
    memset(w, 0, sizeof *w);
}

static core_status glmm_setup(glmm_work *w, const double *y, const double *X, const size_t *cluster, size_t n,
                              size_t p, size_t G, int K, core_err *err)
{
    *w = (glmm_work){.n = n, .p = p, .G = G, .K = K};
    size_t k = p + 1;
    w->y = malloc(n * sizeof *w->y);
    w->X = malloc(n * p * sizeof *w->X);
    w->start = calloc(G + 1, sizeof *w->start);
    w->node = malloc((size_t)K * sizeof *w->node);
    w->lw = malloc((size_t)K * sizeof *w->lw);
    w->mode = calloc(G, sizeof *w->mode);
    w->eta = malloc(n * sizeof *w->eta);
    w->nd = malloc(4 * (size_t)K * sizeof *w->nd);
    w->uk = malloc((size_t)K * k * sizeof *w->uk);
    w->acc = malloc(5 * k * sizeof *w->acc);
    w->lap = malloc((2 * k * k + 3 * k) * sizeof *w->lap);
    size_t *fill = malloc(G * sizeof *fill);
    if (!w->y || !w->X || !w->start || !w->node || !w->lw || !w->mode || !w->eta || !w->nd || !w->uk || !w->acc ||
        !w->lap || !fill) {
        free(fill);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        w->start[cluster[i] + 1]++;
    for (size_t g = 0; g < G; g++) {
        if (w->start[g + 1] > w->max_ng)
            w->max_ng = w->start[g + 1];
        w->start[g + 1] += w->start[g];
    }
    memcpy(fill, w->start, G * sizeof *fill);
    for (size_t i = 0; i < n; i++) { /* rows in cluster order, within a cluster in input order */
        size_t q = fill[cluster[i]]++;
        w->y[q] = y[i];
        memcpy(w->X + q * p, X + i * p, p * sizeof *X);
    }
    free(fill);
    w->mk = malloc((w->max_ng ? w->max_ng : 1) * (size_t)K * sizeof *w->mk);
    if (!w->mk)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    if (K == 1) {
        w->node[0] = 0;
        w->lw[0] = 0;
    } else {
        /* the nodes and weights are made once per fit and shared by every cluster and evaluation */
        gsl_integration_fixed_workspace *q = gsl_integration_fixed_alloc(gsl_integration_fixed_hermite, (size_t)K, 0, 1,
                                                                         0, 0);
        if (!q)
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory (Gauss-Hermite nodes)");
        const double *nd = gsl_integration_fixed_nodes(q), *wt = gsl_integration_fixed_weights(q);
        for (int kk = 0; kk < K; kk++) {
            w->node[kk] = nd[kk];
            w->lw[kk] = log(wt[kk]) + nd[kk] * nd[kk];
        }
        gsl_integration_fixed_free(q);
    }
    return CORE_OK;
}

static core_status check_input(const double *y, const double *X, const size_t *cluster, size_t n, size_t p, size_t G,
                               int K, core_err *err)
{
    if (K < 1 || K > 100)
        return core_err_set(err, CORE_ERR_USAGE, "GLMM: quadrature points must be 1 (Laplace) to 100, not %d", K);
    if (p == 0 || G == 0 || n <= p)
        return core_err_set(err, CORE_ERR_ANALYSIS, "GLMM: %zu observations are too few for %zu coefficients", n, p);
    for (size_t i = 0; i < n; i++) {
        if (cluster[i] >= G)
            return core_err_set(err, CORE_ERR_USAGE, "GLMM: row %zu: cluster code out of range", i + 1);
        if (y[i] != 0 && y[i] != 1)
            return core_err_set(err, CORE_ERR_USAGE, "GLMM: row %zu: outcome %g is not 0 or 1", i + 1, y[i]);
        for (size_t j = 0; j < p; j++)
            if (!isfinite(X[i * p + j]))
                return core_err_set(err, CORE_ERR_USAGE, "GLMM: row %zu: covariate %zu is not finite", i + 1, j + 1);
    }
    return CORE_OK;
}

double st_glmm_loglik(const double *y, const double *X, const size_t *cluster, size_t n, size_t p, size_t n_clusters,
                      int n_points, const double *beta, double log_sigma)
{
    core_err err;
    if (check_input(y, X, cluster, n, p, n_clusters, n_points, &err) != CORE_OK)
        return NAN;
    glmm_work w = {0};
    double r = NAN;
    double *th = malloc((p + 1) * sizeof *th);
    if (th && glmm_setup(&w, y, X, cluster, n, p, n_clusters, n_points, &err) == CORE_OK) {
        memcpy(th, beta, p * sizeof *th);
        th[p] = log_sigma;
        r = glmm_eval(&w, th, NULL, NULL);
    }
    glmm_work_free(&w);
    free(th);
    return r;
}

/* The gradient in (beta, sigma) at ts (sigma = ts[p] > 0), first kk entries; gt is k scratch. */
static void grad_sigma(glmm_work *w, const double *ts, size_t kk, double *gout, double *th, double *gt)
{
    size_t p = w->p;
    memcpy(th, ts, p * sizeof *th);
    th[p] = log(ts[p]);
    glmm_eval(w, th, gt, NULL);
    memcpy(gout, gt, p * sizeof *gt);
    if (kk > p)
        gout[p] = gt[p] / ts[p];
}

/* Hessian of the approximate log-likelihood in (beta, sigma) at ts over its first kk parameters (leading
 * dimension k): central differences of the exact gradient, step h_a = hs max(1, |beta_a|) and hs sigma,
 * symmetrised. buf: 5 k scratch. */
static void hess_sigma(glmm_work *w, const double *ts, size_t kk, double hs, double *Hs, double *buf)
{
    size_t k = w->p + 1;
    double *x = buf, *gp = buf + k, *gm = buf + 2 * k, *th = buf + 3 * k, *gtp = buf + 4 * k;
    for (size_t a = 0; a < kk; a++) {
        double ha = a < w->p ? hs * fmax(1.0, fabs(ts[a])) : hs * ts[a];
        memcpy(x, ts, k * sizeof *x);
        x[a] = ts[a] + ha;
        grad_sigma(w, x, kk, gp, th, gtp);
        x[a] = ts[a] - ha;
        grad_sigma(w, x, kk, gm, th, gtp);
        for (size_t j = 0; j < kk; j++)
            Hs[j * k + a] = (gp[j] - gm[j]) / (2 * ha);
    }
    for (size_t a = 0; a < kk; a++)
        for (size_t j = 0; j < a; j++)
            Hs[a * k + j] = Hs[j * k + a] = (Hs[a * k + j] + Hs[j * k + a]) / 2;
}

core_status st_glmm_fit(const double *y, const double *X, const size_t *cluster, size_t n, size_t p,
                        size_t n_clusters, const st_glmm_opts *opts, st_glmm *out, core_err *err)
{
    memset(out, 0, sizeof *out);
    out->sd_unit = out->loglik = NAN;
    st_glmm_opts o = opts ? *opts : (st_glmm_opts){0};
    if (o.n_points == 0)
        o.n_points = 1;
    if (o.tol == 0)
        o.tol = 1e-10;
    if (o.max_iter == 0)
        o.max_iter = 200;
    core_status st = check_input(y, X, cluster, n, p, n_clusters, o.n_points, err);
    if (st != CORE_OK)
        return st;
    glmm_work w;
    memset(&w, 0, sizeof w);
    size_t k = p + 1;
    double *th = malloc(k * sizeof *th), *g = malloc(k * sizeof *g), *H = malloc(k * k * sizeof *H);
    double *cand = malloc(k * sizeof *cand), *gc = malloc(k * sizeof *gc), *Hc = malloc(k * k * sizeof *Hc);
    double *buf = malloc(5 * k * sizeof *buf);
    gsl_matrix *M = gsl_matrix_alloc(k, k);
    gsl_vector *gv = gsl_vector_alloc(k), *dv = gsl_vector_alloc(k);
    out->beta = malloc(p * sizeof *out->beta);
    out->se = malloc(p * sizeof *out->se);
    out->vcov = malloc(p * p * sizeof *out->vcov);
    if ((st = glmm_setup(&w, y, X, cluster, n, p, n_clusters, o.n_points, err)) != CORE_OK)
        goto done;
    if (!th || !g || !H || !cand || !gc || !Hc || !buf || !M || !gv || !dv || !out->beta || !out->se || !out->vcov) {
        st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        goto done;
    }
    out->p = p;
    out->n_obs = n;
    out->n_points = o.n_points;
    for (size_t c = 0; c < n_clusters; c++)
        out->n_clusters += w.start[c + 1] > w.start[c];
    /* start: the GLM (GEE with independence working correlation has the GLM's estimates) */
    {
        long *wave = calloc(n, sizeof *wave);
        size_t *pos = calloc(n_clusters, sizeof *pos);
        if (!wave || !pos) {
            free(wave);
            free(pos);
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < n; i++)
            wave[i] = (long)pos[cluster[i]]++;
        st_gee glm;
        st_gee_opts go = {.family = ST_GEE_LOGIT, .corr = ST_CORR_INDEPENDENCE};
        core_err e2;
        core_status s2 = st_gee_fit(y, X, cluster, wave, n, p, n_clusters, &go, &glm, &e2);
        free(wave);
        free(pos);
        if (s2 == CORE_ERR_NOMEM) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto done;
        }
        if (s2 != CORE_OK) {
            st = core_err_set(err, CORE_ERR_ANALYSIS,
                              "the GLMM did not converge: its starting values, the ordinary logistic regression, "
                              "could not be fitted (%s)",
                              e2.msg);
            goto done;
        }
        memcpy(th, glm.beta, p * sizeof *th);
        st_gee_free(&glm);
        th[p] = 0; /* sigma = 1 */
    }
    /* Newton–Raphson on the approximate log-likelihood: exact gradient, the grid-held Hessian, Levenberg damping
     * when that is not negative definite, step halving */
    double ll = glmm_eval(&w, th, g, H);
    int converged = 0, it;
    for (it = 1; it <= o.max_iter && isfinite(ll); it++) {
        double lambda = 0, dec = NAN;
        int solved = 0;
        for (int tries = 0; tries < 30 && !solved; tries++) {
            for (size_t a = 0; a < k; a++)
                for (size_t b = 0; b < k; b++)
                    gsl_matrix_set(M, a, b, -H[a * k + b] + (a == b ? lambda : 0));
            memcpy(gv->data, g, k * sizeof *g);
            if (gsl_linalg_cholesky_decomp1(M) == GSL_SUCCESS && gsl_linalg_cholesky_solve(M, gv, dv) == GSL_SUCCESS)
                solved = 1;
            else
                lambda = lambda == 0 ? 1e-6 : lambda * 10;
        }
        if (!solved)
            break;
        dec = 0;
        for (size_t a = 0; a < k; a++)
            dec += g[a] * gsl_vector_get(dv, a);
        if (dec >= 0 && dec < o.tol && lambda == 0) {
            converged = 1;
            break;
        }
        /* sigma changes by at most a factor e^2 per iteration: far from the optimum the matrix can be nearly
         * singular in log sigma, and at a huge sigma every mode search crawls */
        double step = fabs(gsl_vector_get(dv, p)) > 2 ? 2 / fabs(gsl_vector_get(dv, p)) : 1, lln = -INFINITY;
        for (int h = 0; h < 40; h++, step /= 2) {
            for (size_t a = 0; a < k; a++)
                cand[a] = th[a] + step * gsl_vector_get(dv, a);
            if (cand[p] < -20) /* sigma -> 0: no between-cluster variation */
                cand[p] = -20;
            lln = glmm_eval(&w, cand, gc, Hc);
            if (isfinite(lln) && lln >= ll - 1e-13 * fabs(ll))
                break;
        }
        if (!(isfinite(lln) && lln >= ll - 1e-13 * fabs(ll)))
            break;
        double *t;
        memcpy(th, cand, k * sizeof *th);
        t = g, g = gc, gc = t;
        t = H, H = Hc, Hc = t;
        ll = lln;
    }
    out->iterations = it;
    out->method = "newton";
    int nm_iter = 0;
    if (!converged) {
        /* Fallback: Nelder–Mead simplex from the GLM-based start */
        const gsl_multimin_fminimizer_type *T = gsl_multimin_fminimizer_nmsimplex2;
        gsl_multimin_fminimizer *mz = gsl_multimin_fminimizer_alloc(T, k);
        gsl_vector *x0 = gsl_vector_alloc(k), *ss = gsl_vector_alloc(k);
        if (!mz || !x0 || !ss) {
            if (mz)
                gsl_multimin_fminimizer_free(mz);
            if (x0)
                gsl_vector_free(x0);
            if (ss)
                gsl_vector_free(ss);
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (size_t a = 0; a < k; a++) {
            gsl_vector_set(x0, a, isfinite(th[a]) ? th[a] : 0);
            gsl_vector_set(ss, a, 0.5);
        }
        nm_ctx c = {&w};
        gsl_multimin_function F = {nm_f, k, &c};
        int rc = gsl_multimin_fminimizer_set(mz, &F, x0, ss), status = GSL_CONTINUE;
        for (nm_iter = 0; rc == GSL_SUCCESS && status == GSL_CONTINUE && nm_iter < 50 * o.max_iter; nm_iter++) {
            if (gsl_multimin_fminimizer_iterate(mz) != GSL_SUCCESS)
                break;
            status = gsl_multimin_test_size(gsl_multimin_fminimizer_size(mz), 1e-9);
        }
        if (status == GSL_SUCCESS) {
            memcpy(th, mz->x->data, k * sizeof *th);
            /* accept only a stationary point with bounded coefficients */
            ll = glmm_eval(&w, th, g, NULL);
            double gmax = 0, bmax = 0;
            for (size_t a = 0; a < k; a++)
                gmax = fmax(gmax, fabs(g[a]));
            for (size_t a = 0; a < p; a++)
                bmax = fmax(bmax, fabs(th[a]));
            converged = isfinite(ll) && gmax < 1e-3 && bmax < 30;
            out->method = "nelder-mead";
        }
        gsl_multimin_fminimizer_free(mz);
        gsl_vector_free(x0);
        gsl_vector_free(ss);
    }
    if (!converged) {
        double bmax = 0;
        for (size_t a = 0; a < p; a++)
            bmax = fmax(bmax, fabs(th[a]));
        st = core_err_set(err, CORE_ERR_ANALYSIS,
                          "the GLMM (%s) did not converge: tried Newton-Raphson from the logistic-regression "
                          "estimates (%d iterations), then a Nelder-Mead simplex (%d iterations); last "
                          "log-likelihood %.8g, largest |coefficient| %.3g%s",
                          o.n_points == 1 ? "Laplace" : "adaptive Gauss-Hermite", out->iterations - 1, nm_iter, ll,
                          bmax, bmax > 15 ? " (running off: separation, e.g. everyone or no one in an arm has the "
                                            "outcome at a timepoint)"
                                          : "");
        goto done;
    }
    out->loglik = ll;
    out->sd_unit = exp(th[p]);
    memcpy(out->beta, th, p * sizeof *th);
    if (th[p] <= -19.9) {
        /* sigma at 0: the model is the GLM; SEs from the beta block alone */
        out->sd_unit = 0;
        out->undefined = "the random-intercept SD is estimated as 0 (boundary): the model reduces to ordinary "
                         "logistic regression";
    }
    /* SEs: Hessian in (beta, sigma) by central differences of the exact gradient (at the boundary: the beta
     * block with sigma at its floor) */
    {
        double *ts = cand;
        memcpy(ts, th, p * sizeof *th);
        ts[p] = out->sd_unit > 0 ? out->sd_unit : exp(-20);
        size_t kk = out->sd_unit > 0 ? k : p;
        hess_sigma(&w, ts, kk, 1e-4, H, buf);
        gsl_matrix *Mi = gsl_matrix_alloc(kk, kk);
        if (!Mi) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (size_t a = 0; a < kk; a++)
            for (size_t b = 0; b < kk; b++)
                gsl_matrix_set(Mi, a, b, -H[a * k + b]);
        if (gsl_linalg_cholesky_decomp1(Mi) != GSL_SUCCESS || gsl_linalg_cholesky_invert(Mi) != GSL_SUCCESS) {
            gsl_matrix_free(Mi);
            out->undefined = "standard errors not available: the information matrix is not positive definite";
            for (size_t a = 0; a < p; a++)
                out->se[a] = NAN;
            for (size_t a = 0; a < p * p; a++)
                out->vcov[a] = NAN;
            goto done;
        }
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < p; b++)
                out->vcov[a * p + b] = gsl_matrix_get(Mi, a, b);
        for (size_t a = 0; a < p; a++)
            out->se[a] = sqrt(out->vcov[a * p + a]);
        gsl_matrix_free(Mi);
    }
done:
    glmm_work_free(&w);
    free(th);
    free(g);
    free(H);
    free(cand);
    free(gc);
    free(Hc);
    free(buf);
    if (M)
        gsl_matrix_free(M);
    if (gv)
        gsl_vector_free(gv);
    if (dv)
        gsl_vector_free(dv);
    if (st != CORE_OK)
        st_glmm_free(out);
    return st;
}
