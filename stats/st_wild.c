/* Restricted wild cluster bootstrap on cluster sufficient statistics (see st_wild.h).
 *
 * Notation (all on the within-transformed data): X~ the demeaned regressors, B = (X~'X~)^-1,
 * c'B the row of B of the tested coefficient j. Under H0: b_j = b0 the restricted residuals are
 * u~(b0) = u_y - b0 u_d with u_y, u_d the demeaned y and x_j residualised on the other regressors.
 * With y* = restricted fit + v o u~ (v constant within clusters):
 *   b*_j - b0 = sum_g a_g v_g,               a_g = c'B s_g,   s_g = X~_g' u~_g;
 *   X~_g' e*_g = v_g s_g - F_g(v) - S_g B sum_h v_h s_h,   S_g = X~_g'X~_g,
 * where F_g(v) = X~_g' [P_FE (v o u~)]_g. Since u~ is orthogonal to every fixed effect and the
 * nested ones live inside clusters, P_FE (v o u~) = P_{M_T D} (v o u~) (D = dummies of the non-nested
 * factors, T = nested ones) and X~_g'(M_T D)_g = X~_g'D_g = Omega_g, so
 *   F_g(v) = Omega_g Q^+ sum_h v_h sigma_h,   Q = D'M_T D,   sigma_h = D_h'u~_h.
 * Hence c'B X~_g'e*_g = sum_h K_gh v_h with K_gh = [g=h] a_g - omega_g.sigma_h - kappa_g.s_h,
 * omega_g = (c'B Omega_g) Q^+, kappa_g = B S_g B c. Everything is linear in b0, so per draw we keep
 * n_y, n_d (numerator parts) and the three quadratic forms of the denominator; any b0 then costs
 * O(draws). */
#include "stats/st_wild.h"

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdlib.h>
#include <string.h>

#include "stats/st_cluster.h"

#define NOMEM(err) core_err_set(err, CORE_ERR_NOMEM, "out of memory")
#define TIE_REL 1e-9 /* |t*| >= |t| (1 - 1e-9): ties lost to rounding count, as the reference kit */

struct st_wild {
    long nv;         /* weight vectors */
    int enumerated;
    double bhat, se0;/* estimate and its unscaled CR0 standard error (factor cancels) */
    double se_cr1;   /* CR1 standard error of the reported t; also the step of the interval search */
    double ci_tol;
    int ci_max_iter;
    /* per draw: numerator n_y - b0 n_d; denominator^2 A - 2 b0 Bc + b0^2 C */
    double *ny, *nd, *A, *Bc, *C;
};

void st_wild_free(st_wild *w)
{
    if (!w)
        return;
    free(w->ny);
    free(w->nd);
    free(w->A);
    free(w->Bc);
    free(w->C);
    free(w);
}

/* Residualise columns y (k of them, column-major n) on the p-1 demeaned regressors other than j. */
static core_status partial_out(const st_twfe_fit *f, size_t j, double *y, size_t k, core_err *err)
{
    size_t n = f->n, p = f->p;
    if (p == 1)
        return CORE_OK;
    size_t m = p - 1;
    gsl_matrix *A = gsl_matrix_alloc(n, m);
    gsl_vector *tau = gsl_vector_alloc(m), *coef = gsl_vector_alloc(m), *res = gsl_vector_alloc(n);
    core_status st = CORE_OK;
    if (!A || !tau || !coef || !res) {
        st = NOMEM(err);
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t a = 0, c = 0; a < p; a++)
            if (a != j)
                gsl_matrix_set(A, i, c++, f->xd[a * n + i]);
    int gs = gsl_linalg_QR_decomp(A, tau);
    for (size_t col = 0; !gs && col < k; col++) {
        gsl_vector_view b = gsl_vector_view_array(y + col * n, n);
        gs = gsl_linalg_QR_lssolve(A, tau, &b.vector, coef, res);
        if (!gs)
            memcpy(y + col * n, res->data, n * sizeof(double)); /* res is contiguous (stride 1) */
    }
    if (gs)
        st = core_err_set(err, core_status_from_gsl(gs), "restricted fit failed: %s", gsl_strerror(gs));
done:
    gsl_matrix_free(A);
    gsl_vector_free(tau);
    gsl_vector_free(coef);
    gsl_vector_free(res);
    return st;
}

static const double WEBB[6] = {-1.224744871391589, -1.0, -0.7071067811865476,
                               0.7071067811865476, 1.0, 1.224744871391589};

core_status st_wild_new(const st_twfe_fit *f, size_t j, const st_wild_opts *o, gsl_rng *rng,
                        const core_progress *progress, st_wild **out, core_err *err)
{
    *out = NULL;
    long draws = o && o->draws > 0 ? o->draws : 9999;
    st_wild_weights wt = o ? o->weights : ST_WILD_RADEMACHER;
    size_t n = f->n, p = f->p, G = f->G;
    if (j >= p)
        return core_err_set(err, CORE_ERR_USAGE, "wild bootstrap: no coefficient %zu", j + 1);
    if (!f->data->cluster || G < 2)
        return core_err_set(err, CORE_ERR_ANALYSIS, "the wild cluster bootstrap needs at least 2 clusters");
    st_fe_split s;
    core_status st = st_fe_split_init(f, &s, err);
    if (st != CORE_OK)
        return st;
    size_t L = s.L;
    if (L > ST_CR2_MAX_LEVELS) {
        st_fe_split_free(&s);
        return core_err_set(err, CORE_ERR_ANALYSIS,
                            "the wild bootstrap is not available here: the fixed effects not nested in the clusters "
                            "have %zu levels (at most %d)",
                            L, ST_CR2_MAX_LEVELS);
    }
    /* Enumerate when the distinct vectors are no more than the draws asked for. */
    double nvec = pow(wt == ST_WILD_WEBB ? 6.0 : 2.0, (double)G);
    int enumerate = nvec <= (double)draws;
    long nv = enumerate ? (long)nvec : draws;
    if (!enumerate && !rng) {
        st_fe_split_free(&s);
        return core_err_set(err, CORE_ERR_USAGE, "wild bootstrap: random draws need a generator");
    }
    st_wild *w = calloc(1, sizeof *w);
    double *u = NULL, *rows_g = NULL; /* rows per cluster (the closed form of Q below) */
    double *sy = calloc(G * p, sizeof *sy), *sd = calloc(G * p, sizeof *sd);
    double *gy = calloc(G * (L + 1), sizeof *gy), *gd = calloc(G * (L + 1), sizeof *gd);
    double *S = calloc(G * p * p, sizeof *S), *Om = calloc(G * p * (L + 1), sizeof *Om);
    double *Qg = malloc((G * L * L + 1) * sizeof *Qg), *Q = calloc(L * L + 1, sizeof *Q),
           *Qp = calloc(L * L + 1, sizeof *Qp);
    double *ay = malloc(G * sizeof *ay), *ad = malloc(G * sizeof *ad), *Ky = malloc(G * G * sizeof *Ky),
           *Kd = malloc(G * G * sizeof *Kd), *om = calloc(G * (L + 1), sizeof *om), *ka = calloc(G * p, sizeof *ka),
           *sc = calloc(G * p, sizeof *sc), *v = malloc(G * sizeof *v), *sbc = malloc(p * sizeof *sbc);
    if (!w || !sy || !sd || !gy || !gd || !S || !Om || !Qg || !Q || !Qp || !ay || !ad || !Ky || !Kd || !om ||
        !ka || !sc || !v || !sbc) {
        st = NOMEM(err);
        goto done;
    }
    w->nv = nv;
    w->ci_tol = o && o->ci_tol > 0 ? o->ci_tol : 1e-9;
    w->ci_max_iter = o && o->ci_max_iter > 0 ? o->ci_max_iter : 200;
    w->enumerated = enumerate;
    w->bhat = f->beta[j];
    /* Restricted residual parts: the demeaned y and x_j, residualised on the other regressors (with one
     * regressor there is nothing to residualise on: the fit's own arrays serve, no copy). */
    const double *uy_, *ud_;
    if (p == 1) {
        uy_ = f->yd;
        ud_ = f->xd;
    } else {
        if (!(u = malloc(2 * n * sizeof *u))) {
            st = NOMEM(err);
            goto done;
        }
        memcpy(u, f->yd, n * sizeof *u);
        memcpy(u + n, f->xd + j * n, n * sizeof *u);
        if ((st = partial_out(f, j, u, 2, err)) != CORE_OK)
            goto done;
        uy_ = u;
        ud_ = u + n;
    }
    /* A balanced panel, units nested in the clusters, periods not: each unit contributes D_j'M_j D_j =
     * I - 11'/T over the kept periods (D_j: its period dummies without the first, M_j: minus its mean), so
     * Q_g = (units of g) (I - J/T) without a pass over the data (rows per cluster are counted with the sums
     * below). Otherwise st_fe_split_dmd. */
    int closed = L > 0 && f->n_fe == 2 && s.kn == 1 && st_demean_balanced(f->dm);
    size_t qo = s.nested1 == 0 ? 1 : 0;
    closed = closed && s.drop[qo] && L + 1 == f->fe[qo].n_levels;
    rows_g = closed ? calloc(G, sizeof *rows_g) : NULL;
    if (closed && !rows_g) {
        st = NOMEM(err);
        goto done;
    }
    /* Cluster sums. Rows of one cluster usually come together (a panel sorted by unit): for one regressor
     * the sums of a run are kept in registers and added once per run, instead of a chain of additions to
     * the same memory cell per row (each waits for the previous store); with one factor not nested in the
     * clusters (the periods of a panel whose units are nested) its sums by cluster and column are added in
     * the same pass, each cell still getting its rows in row order. Any other case row by row, and the
     * factors' sums one factor at a time below (the same sums: each cell gets its rows in row order). */
    const int *cl = f->data->cluster;
    size_t i_done = 0, n_open = 0, q_open = 0;
    for (size_t q = 0; q < f->n_fe; q++)
        if (s.off[q] != (size_t)-1) {
            n_open++;
            q_open = q;
        }
    int fused = p == 1 && n_open == 1;
    if (p == 1) {
        const double *x0 = f->xd, *res = f->resid;
        const int *lv = fused ? f->fe[q_open].level : NULL;
        long drop = fused ? s.drop[q_open] : 0;
        size_t off = fused ? s.off[q_open] : 0;
        for (size_t i = 0; i < n;) {
            size_t g = (size_t)cl[i], i0 = i;
            double a_y = 0, a_d = 0, a_c = 0, a_s = 0;
            double *cy = gy + g * L + off, *cd = gd + g * L + off, *co = Om + g * L + off;
            for (; i < n && (size_t)cl[i] == g; i++) {
                double xa = x0[i], vy = uy_[i], vd = ud_[i];
                a_y += xa * vy;
                a_d += xa * vd;
                a_c += xa * res[i];
                a_s += xa * xa;
                long c = lv ? (long)lv[i] - drop : -1;
                if (c >= 0) {
                    cy[c] += vy;
                    cd[c] += vd;
                    co[c] += xa;
                }
            }
            sy[g] += a_y;
            sd[g] += a_d;
            sc[g] += a_c;
            S[g] += a_s;
            if (rows_g)
                rows_g[g] += (double)(i - i0);
        }
        i_done = n; /* the fixed-effect sums below, row by row */
    } else if (rows_g)
        for (size_t i = 0; i < n;) { /* runs of one cluster counted at once */
            size_t i0 = i;
            while (i < n && cl[i] == cl[i0])
                i++;
            rows_g[cl[i0]] += (double)(i - i0);
        }
    for (size_t i = i_done; i < n; i++) {
        size_t g = (size_t)cl[i];
        double uy = uy_[i], ud = ud_[i], e = f->resid[i];
        for (size_t a = 0; a < p; a++) {
            double xa = f->xd[a * n + i];
            sy[g * p + a] += xa * uy;
            sd[g * p + a] += xa * ud;
            sc[g * p + a] += xa * e;
            for (size_t b = 0; b < p; b++)
                S[g * p * p + a * p + b] += xa * f->xd[b * n + i];
        }
    }
    /* The sums by cluster and fixed-effect column, one factor at a time (the factors' columns are distinct
     * cells, and each cell still gets its rows in row order: the same sums as one pass over all factors). */
    for (size_t q = 0; q < f->n_fe && !fused; q++) {
        if (s.off[q] == (size_t)-1) /* nested: no column */
            continue;
        const int *lv = f->fe[q].level;
        long drop = s.drop[q], off = (long)s.off[q];
        for (size_t i = 0; i < n; i++) {
            long c = (long)lv[i] - drop;
            if (c < 0)
                continue;
            size_t g = (size_t)cl[i], cell = g * L + (size_t)(off + c);
            gy[cell] += uy_[i];
            gd[cell] += ud_[i];
            if (p == 1)
                Om[cell] += f->xd[i];
            else
                for (size_t a = 0; a < p; a++)
                    Om[g * p * L + a * L + (size_t)(off + c)] += f->xd[a * n + i];
        }
    }
    if (closed) {
        double T = (double)f->fe[qo].n_levels;
        for (size_t g = 0; g < G; g++)
            for (size_t a = 0; a < L; a++)
                for (size_t b = 0; b < L; b++)
                    Qg[g * L * L + a * L + b] = rows_g[g] / T * ((a == b ? 1.0 : 0.0) - 1.0 / T);
    }
    if (L > 0) {
        if (!closed && (st = st_fe_split_dmd(f, &s, NULL, Qg, err)) != CORE_OK)
            goto done;
        for (size_t g = 0; g < G; g++)
            for (size_t a = 0; a < L * L; a++)
                Q[a] += Qg[g * L * L + a];
        if ((st = st_sym_pinv(Q, L, 1e-12, Qp, NULL, err)) != CORE_OK)
            goto done;
    }
    const double *cB = f->bread + j * p;
    double se2 = 0;
    for (size_t g = 0; g < G; g++) {
        double ya = 0, da = 0, r = 0;
        for (size_t a = 0; a < p; a++) {
            ya += cB[a] * sy[g * p + a];
            da += cB[a] * sd[g * p + a];
            r += cB[a] * sc[g * p + a];
        }
        ay[g] = ya;
        ad[g] = da;
        se2 += r * r;
        /* omega_g = (c'B Omega_g) Q^+ */
        for (size_t l = 0; l < L; l++) {
            double t = 0;
            for (size_t a = 0; a < p; a++)
                t += cB[a] * Om[g * p * L + a * L + l];
            for (size_t m = 0; m < L; m++)
                om[g * L + m] += t * Qp[l * L + m];
        }
        /* kappa_g = B S_g B c (S_g B c into sbc first) */
        for (size_t a = 0; a < p; a++) {
            double t = 0;
            for (size_t b = 0; b < p; b++)
                t += S[g * p * p + a * p + b] * cB[b];
            sbc[a] = t;
        }
        for (size_t a = 0; a < p; a++) {
            double t = 0;
            for (size_t b = 0; b < p; b++)
                t += f->bread[a * p + b] * sbc[b];
            ka[g * p + a] = t;
        }
    }
    w->se0 = sqrt(se2);
    {
        double V1, df1;
        double *Vm = malloc(p * p * sizeof *Vm);
        if (!Vm) {
            st = NOMEM(err);
            goto done;
        }
        st_vc_kind tk = o && o->t_kind > 0 ? (st_vc_kind)o->t_kind : ST_VC_CR1_AREG;
        if (st_twfe_vcov(f, tk, Vm, &df1, NULL, NULL) == CORE_OK)
            V1 = Vm[j * p + j];
        else
            V1 = se2;
        free(Vm);
        w->se_cr1 = sqrt(V1);
    }
    for (size_t g = 0; g < G; g++)
        for (size_t h = 0; h < G; h++) {
            double ty = (g == h ? ay[g] : 0), td = (g == h ? ad[g] : 0);
            for (size_t l = 0; l < L; l++) {
                ty -= om[g * L + l] * gy[h * L + l];
                td -= om[g * L + l] * gd[h * L + l];
            }
            for (size_t a = 0; a < p; a++) {
                ty -= ka[g * p + a] * sy[h * p + a];
                td -= ka[g * p + a] * sd[h * p + a];
            }
            Ky[g * G + h] = ty;
            Kd[g * G + h] = td;
        }
    /* Per draw: the five numbers. */
    w->ny = malloc((size_t)nv * sizeof(double));
    w->nd = malloc((size_t)nv * sizeof(double));
    w->A = malloc((size_t)nv * sizeof(double));
    w->Bc = malloc((size_t)nv * sizeof(double));
    w->C = malloc((size_t)nv * sizeof(double));
    if (!w->ny || !w->nd || !w->A || !w->Bc || !w->C) {
        st = NOMEM(err);
        goto done;
    }
    for (long b = 0; b < nv; b++) {
        if (enumerate) {
            unsigned long long k = (unsigned long long)b;
            for (size_t g = 0; g < G; g++) {
                if (wt == ST_WILD_WEBB) {
                    v[g] = WEBB[(k % 6 + 4) % 6]; /* index 4 = +1: vector 0 is all ones (the sample itself) */
                    k /= 6;
                } else {
                    v[g] = (k >> g) & 1ULL ? -1.0 : 1.0;
                }
            }
        } else {
            for (size_t g = 0; g < G; g++)
                v[g] = wt == ST_WILD_WEBB ? WEBB[gsl_rng_uniform_int(rng, 6)]
                                          : (gsl_rng_uniform_int(rng, 2) ? 1.0 : -1.0);
        }
        double nyb = 0, ndb = 0, A = 0, Bc = 0, C = 0;
        for (size_t g = 0; g < G; g++) {
            nyb += ay[g] * v[g];
            ndb += ad[g] * v[g];
            double py = 0, pd = 0;
            const double *ky = Ky + g * G, *kd = Kd + g * G;
            for (size_t h = 0; h < G; h++) {
                py += ky[h] * v[h];
                pd += kd[h] * v[h];
            }
            A += py * py;
            Bc += py * pd;
            C += pd * pd;
        }
        w->ny[b] = nyb;
        w->nd[b] = ndb;
        w->A[b] = A;
        w->Bc[b] = Bc;
        w->C[b] = C;
        if (progress && (b & 4095) == 0)
            core_progress_report(progress, "wild bootstrap", (double)b / (double)nv);
    }
    if (progress)
        core_progress_report(progress, "wild bootstrap", 1.0);
    *out = w;
    w = NULL;
done:
    st_fe_split_free(&s);
    st_wild_free(w);
    free(u);
    free(rows_g);
    free(sy);
    free(sd);
    free(gy);
    free(gd);
    free(S);
    free(Om);
    free(Qg);
    free(Q);
    free(Qp);
    free(ay);
    free(ad);
    free(Ky);
    free(Kd);
    free(om);
    free(ka);
    free(sc);
    free(v);
    free(sbc);
    return st;
}

static long exceed_count(const st_wild *w, double b0, double *t_out)
{
    double t = w->se0 > 0 ? (w->bhat - b0) / w->se0 : (w->bhat == b0 ? 0 : INFINITY);
    double at = fabs(t) * (1 - TIE_REL);
    /* The interval's bisection calls this ~70 times: two draws per instruction where SSE2 is there (the same
     * correctly rounded operations in the same order as the loop below, hence the same count). */
    long c = 0, b = 0;
    const double *ny = w->ny, *nd = w->nd, *A = w->A, *Bc = w->Bc, *C = w->C;
    double b2 = 2 * b0, bb = b0 * b0;
#ifdef __SSE2__
    {
        const __m128d vb0 = _mm_set1_pd(b0), vb2 = _mm_set1_pd(b2), vbb = _mm_set1_pd(bb), vat = _mm_set1_pd(at);
        const __m128d zero = _mm_setzero_pd(), one = _mm_set1_pd(1.0), inf = _mm_set1_pd(INFINITY);
        const __m128d sign = _mm_set1_pd(-0.0);
        for (; b + 1 < w->nv; b += 2) {
            __m128d num = _mm_sub_pd(_mm_loadu_pd(ny + b), _mm_mul_pd(vb0, _mm_loadu_pd(nd + b)));
            __m128d den2 = _mm_add_pd(_mm_sub_pd(_mm_loadu_pd(A + b), _mm_mul_pd(vb2, _mm_loadu_pd(Bc + b))),
                                      _mm_mul_pd(vbb, _mm_loadu_pd(C + b)));
            __m128d pos = _mm_cmpgt_pd(den2, zero);
            __m128d safe = _mm_or_pd(_mm_and_pd(pos, den2), _mm_andnot_pd(pos, one));
            __m128d q = _mm_div_pd(_mm_andnot_pd(sign, num), _mm_sqrt_pd(safe));
            __m128d alt = _mm_andnot_pd(_mm_cmpeq_pd(num, zero), inf); /* num == 0 ? 0 : INFINITY */
            __m128d ts = _mm_or_pd(_mm_and_pd(pos, q), _mm_andnot_pd(pos, alt));
            int m = _mm_movemask_pd(_mm_cmpge_pd(ts, vat));
            c += (m & 1) + (m >> 1);
        }
    }
#endif
    for (; b < w->nv; b++) {
        double num = ny[b] - b0 * nd[b];
        double den2 = A[b] - b2 * Bc[b] + bb * C[b];
        double an = fabs(num);
        double q = an / sqrt(den2 > 0 ? den2 : 1.0);
        double ts = den2 > 0 ? q : (num == 0 ? 0 : INFINITY);
        c += ts >= at;
    }
    if (t_out)
        *t_out = t;
    return c;
}

core_status st_wild_pvalue(const st_wild *w, double b0, st_wild_test *out, core_err *err)
{
    if (!isfinite(b0))
        return core_err_set(err, CORE_ERR_USAGE, "wild bootstrap: the null value must be finite");
    double t;
    long c = exceed_count(w, b0, &t);
    if (w->se_cr1 > 0 && isfinite(t))
        t = (w->bhat - b0) / w->se_cr1;
    *out = (st_wild_test){.b0 = b0, .t = t, .p_value = (double)c / (double)w->nv, .n_draws = w->nv, .n_exceed = c,
                          .enumerated = w->enumerated};
    return CORE_OK;
}

core_status st_wild_ci(const st_wild *w, double conf, double *lo, double *hi, const char **why, core_err *err)
{
    *lo = *hi = NAN;
    *why = NULL;
    if (!(conf > 0 && conf < 1))
        return core_err_set(err, CORE_ERR_USAGE, "wild bootstrap interval: confidence must be in (0, 1)");
    double alpha = 1 - conf, step = w->se_cr1 > 0 ? w->se_cr1 : fabs(w->bhat) + 1;
    double tol = w->ci_tol * step;
    for (int side = -1; side <= 1; side += 2) {
        double inside = w->bhat, outside = NAN;
        for (double k = 1; k <= 1e7; k *= 2) {
            double b0 = w->bhat + side * k * step;
            double p = (double)exceed_count(w, b0, NULL) / (double)w->nv;
            if (p <= alpha) {
                outside = b0;
                break;
            }
            inside = b0;
        }
        if (isnan(outside)) {
            *why = "the bootstrap p-value never falls to 1 - confidence: the interval is unbounded with these clusters";
            return CORE_OK;
        }
        for (int it = 0; it < w->ci_max_iter && fabs(outside - inside) > tol; it++) {
            double mid = 0.5 * (inside + outside);
            double p = (double)exceed_count(w, mid, NULL) / (double)w->nv;
            if (p <= alpha)
                outside = mid;
            else
                inside = mid;
        }
        if (side < 0)
            *lo = 0.5 * (inside + outside);
        else
            *hi = 0.5 * (inside + outside);
    }
    return CORE_OK;
}
