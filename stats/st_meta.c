/* Meta-analysis (see st_meta.h). Formulas follow R metafor 3.8 (rma.uni, rma.mh, escalc,
 * confint.rma.uni) so that results can be checked against it; docs/methods.md (meta-analysis) gives each formula
 * with its reference and the agreement with R.
 *
 * One weighted least-squares evaluation serves every estimator: for a given tau² the weights are
 * w = 1/(v + tau²); QR of sqrt(W) X (GSL, never the normal equations) gives the coefficients, their
 * covariance (X'WX)^-1 = R^-1 R^-T, the residual sum of squares y'Py, y'PPy, tr(P), tr(PP) and
 * log det(X'WX), where P = W - W X (X'WX)^-1 X'W. With Q1 the first p columns of Q and h_i the
 * leverages sum_j Q1_ij², tr(P) = sum w_i (1 - h_i) and tr(PP) = sum w_i² (1 - 2 h_i) + ||Q1'WQ1||²_F,
 * so nothing of size k x k is ever formed. */
#include "stats/st_meta.h"

#include <float.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_vector.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A column of X whose R diagonal falls below this share of its norm is linearly dependent on the
 * others (rank deficiency); 1e-10 is far above rounding for any design of sensible scale. */
#define RANK_TOL 1e-10

/* Grid points per decade and decades below the upper bracket scanned for REML/ML score sign changes. */
#define SCAN_PER_DECADE 10
#define SCAN_DECADES 14

/* ---------- small helpers ---------- */

int st_meta_measure_is_ratio(st_meta_measure m)
{
    return m == ST_META_RR || m == ST_META_OR;
}

static void fit_clear(st_meta_fit *f)
{
    memset(f, 0, sizeof *f);
    double *nan_fields[] = {&f->df,          &f->kh_scale,   &f->tau2,   &f->se_tau2, &f->tau2_ci_low,
                            &f->tau2_ci_high, &f->Q,          &f->Q_df,   &f->Q_p,     &f->I2,
                            &f->I2_ci_low,   &f->I2_ci_high, &f->H2,     &f->vt,      &f->QM,
                            &f->QM_df1,      &f->QM_df2,     &f->QM_p,   &f->R2,      &f->pi_low,
                            &f->pi_high,     &f->pi_hts_low, &f->pi_hts_high, &f->loglik};
    for (size_t i = 0; i < sizeof nan_fields / sizeof nan_fields[0]; i++)
        *nan_fields[i] = NAN;
    for (size_t j = 0; j < ST_META_MAXP; j++)
        f->beta[j] = f->se[j] = f->ci_low[j] = f->ci_high[j] = f->stat[j] = f->p_value[j] = NAN;
}

/* Two-sided critical value: z, or t on df degrees of freedom when df is finite. */
static double crit_value(double conf, double df)
{
    double q = 1.0 - (1.0 - conf) / 2.0;
    return isfinite(df) ? gsl_cdf_tdist_Pinv(q, df) : gsl_cdf_ugaussian_Pinv(q);
}

static double p_two_sided(double stat, double df)
{
    if (!isfinite(stat))
        return NAN;
    return 2.0 * (isfinite(df) ? gsl_cdf_tdist_Q(fabs(stat), df) : gsl_cdf_ugaussian_Q(fabs(stat)));
}

static const char *measure_name(st_meta_measure m)
{
    static const char *const names[] = {"RR", "OR", "RD", "MD", "SMD", "generic"};
    return (unsigned)m < sizeof names / sizeof names[0] ? names[m] : "?";
}

/* ---------- effect sizes (metafor escalc) ---------- */

core_status st_meta_es_binary(st_meta_measure m, double a, double n1, double c, double n0, double *yi, double *vi,
                              int *corrected, core_err *err)
{
    *yi = *vi = NAN;
    if (corrected)
        *corrected = 0;
    if (m != ST_META_RR && m != ST_META_OR && m != ST_META_RD)
        return core_err_set(err, CORE_ERR_USAGE, "measure %s is not computed from 2x2 tables", measure_name(m));
    if (!(n1 >= 1 && n0 >= 1 && a >= 0 && c >= 0 && a <= n1 && c <= n0) || !isfinite(n1) || !isfinite(n0))
        return core_err_set(err, CORE_ERR_USAGE,
                            "counts must satisfy 0 <= events <= n and n >= 1 in both groups (got %g/%g and %g/%g)", a,
                            n1, c, n0);
    double b = n1 - a, d = n0 - c;
    /* No events in either group (or only events): the table carries no information on a ratio,
     * and a risk difference of 0 with variance 0 would take all the weight (Cochrane Handbook 10.4.4.2). */
    if ((a == 0 && c == 0) || (b == 0 && d == 0))
        return core_err_set(err, CORE_ERR_ANALYSIS, "%s in both groups: the study carries no information on the %s",
                            a == 0 && c == 0 ? "no events" : "only events", measure_name(m));
    if (a == 0 || b == 0 || c == 0 || d == 0) {
        a += 0.5, b += 0.5, c += 0.5, d += 0.5; /* escalc add = 1/2, to = "only0" */
        if (corrected)
            *corrected = 1;
    }
    double m1 = a + b, m0 = c + d, p1 = a / m1, p0 = c / m0;
    switch (m) {
    case ST_META_RR:
        *yi = log(p1) - log(p0);
        *vi = 1.0 / a - 1.0 / m1 + 1.0 / c - 1.0 / m0;
        break;
    case ST_META_OR:
        *yi = log(a / b) - log(c / d);
        *vi = 1.0 / a + 1.0 / b + 1.0 / c + 1.0 / d;
        break;
    default:
        *yi = p1 - p0;
        *vi = p1 * (1.0 - p1) / m1 + p0 * (1.0 - p0) / m0;
        break;
    }
    return CORE_OK;
}

core_status st_meta_es_means(st_meta_measure m, double m1, double s1, double n1, double m0, double s0, double n0,
                             double *yi, double *vi, core_err *err)
{
    *yi = *vi = NAN;
    if (m != ST_META_MD && m != ST_META_SMD)
        return core_err_set(err, CORE_ERR_USAGE, "measure %s is not computed from means", measure_name(m));
    if (!isfinite(m1) || !isfinite(m0) || !isfinite(s1) || !isfinite(s0) || !isfinite(n1) || !isfinite(n0))
        return core_err_set(err, CORE_ERR_USAGE, "means, SDs and group sizes must be finite numbers");
    if (s1 < 0 || s0 < 0)
        return core_err_set(err, CORE_ERR_USAGE, "a standard deviation is negative (%g, %g)", s1, s0);
    if (n1 < 1 || n0 < 1)
        return core_err_set(err, CORE_ERR_USAGE, "a group size is below 1 (%g, %g)", n1, n0);
    if (m == ST_META_MD) {
        *yi = m1 - m0;
        *vi = s1 * s1 / n1 + s0 * s0 / n0;
        return CORE_OK;
    }
    double mm = n1 + n0 - 2.0;
    if (mm <= 1.0)
        return core_err_set(err, CORE_ERR_USAGE, "SMD needs n1 + n0 > 3 (got %g + %g)", n1, n0);
    double sp = sqrt(((n1 - 1.0) * s1 * s1 + (n0 - 1.0) * s0 * s0) / mm);
    if (!(sp > 0))
        return core_err_set(err, CORE_ERR_USAGE, "SMD: the pooled standard deviation is 0");
    /* Hedges' exact correction c(m) = Gamma(m/2) / (sqrt(m/2) Gamma((m-1)/2)) (metafor .cmicalc). */
    double cm = exp(gsl_sf_lngamma(mm / 2.0) - log(sqrt(mm / 2.0)) - gsl_sf_lngamma((mm - 1.0) / 2.0));
    double g = cm * (m1 - m0) / sp;
    *yi = g;
    *vi = 1.0 / n1 + 1.0 / n0 + g * g / (2.0 * (n1 + n0));
    return CORE_OK;
}

/* ---------- weighted least squares at a given tau² ---------- */

typedef struct wls {
    size_t k, p;
    const double *y, *v, *X; /* X NULL: intercept only */
    gsl_matrix *A;           /* k x p: sqrt(W) X, then its QR */
    gsl_vector *tau, *b, *x, *r, *e; /* tau p; b, r, e k; x p */
    gsl_matrix *Q1;          /* k x p */
    double *w, *colnorm;
    /* results of the last evaluation */
    double beta[ST_META_MAXP], vb[ST_META_MAXP * ST_META_MAXP];
    double rss;    /* y'Py = sum w (y - Xb)^2 */
    double ypp;    /* y'PPy = sum w^2 (y - Xb)^2 */
    double sumw, sumw2, trP, trPP, logdet;
} wls;

static void wls_free(wls *s)
{
    gsl_matrix_free(s->A);
    gsl_matrix_free(s->Q1);
    gsl_vector_free(s->tau);
    gsl_vector_free(s->b);
    gsl_vector_free(s->x);
    gsl_vector_free(s->r);
    gsl_vector_free(s->e);
    free(s->w);
    free(s->colnorm);
    memset(s, 0, sizeof *s);
}

static core_status wls_init(wls *s, const double *y, const double *v, size_t k, const double *X, size_t p,
                            core_err *err)
{
    memset(s, 0, sizeof *s);
    s->k = k, s->p = p, s->y = y, s->v = v, s->X = X;
    s->A = gsl_matrix_alloc(k, p);
    s->Q1 = gsl_matrix_alloc(k, p);
    s->tau = gsl_vector_alloc(p);
    s->b = gsl_vector_alloc(k);
    s->x = gsl_vector_alloc(p);
    s->r = gsl_vector_alloc(k);
    s->e = gsl_vector_alloc(k);
    s->w = malloc(k * sizeof *s->w);
    s->colnorm = malloc(p * sizeof *s->colnorm);
    if (!s->A || !s->Q1 || !s->tau || !s->b || !s->x || !s->r || !s->e || !s->w || !s->colnorm) {
        wls_free(s);
        return core_err_set(err, CORE_ERR_NOMEM, "meta-analysis: out of memory for %zu studies", k);
    }
    return CORE_OK;
}

static double xval(const wls *s, size_t i, size_t j)
{
    return s->X ? s->X[i * s->p + j] : 1.0;
}

/* Evaluate at tau2 (>= 0). traces = 1 also computes tr(P), tr(PP) (needs Q1). */
static core_status wls_eval(wls *s, double tau2, int traces, core_err *err)
{
    size_t k = s->k, p = s->p;
    s->sumw = s->sumw2 = 0.0;
    for (size_t j = 0; j < p; j++)
        s->colnorm[j] = 0.0;
    for (size_t i = 0; i < k; i++) {
        double w = 1.0 / (s->v[i] + tau2), sw = sqrt(w);
        s->w[i] = w;
        s->sumw += w;
        s->sumw2 += w * w;
        gsl_vector_set(s->b, i, sw * s->y[i]);
        for (size_t j = 0; j < p; j++) {
            double a = sw * xval(s, i, j);
            gsl_matrix_set(s->A, i, j, a);
            s->colnorm[j] += a * a;
        }
    }
    int gs = gsl_linalg_QR_decomp(s->A, s->tau);
    if (gs != GSL_SUCCESS)
        return core_err_set(err, core_status_from_gsl(gs), "meta-analysis: QR decomposition failed: %s",
                            gsl_strerror(gs));
    s->logdet = 0.0;
    for (size_t j = 0; j < p; j++) {
        double rjj = fabs(gsl_matrix_get(s->A, j, j));
        if (!(rjj > RANK_TOL * sqrt(s->colnorm[j])))
            return core_err_set(err, CORE_ERR_ANALYSIS,
                                "the meta-regression design is not of full rank (column %zu is constant or a "
                                "combination of the others)",
                                j + 1);
        s->logdet += 2.0 * log(rjj);
    }
    if ((gs = gsl_linalg_QR_lssolve(s->A, s->tau, s->b, s->x, s->r)) != GSL_SUCCESS)
        return core_err_set(err, core_status_from_gsl(gs), "meta-analysis: least squares failed: %s",
                            gsl_strerror(gs));
    for (size_t j = 0; j < p; j++)
        s->beta[j] = gsl_vector_get(s->x, j);
    s->rss = s->ypp = 0.0;
    for (size_t i = 0; i < k; i++) {
        double ri = gsl_vector_get(s->r, i); /* sqrt(w_i) (y_i - x_i b) */
        s->rss += ri * ri;
        s->ypp += s->w[i] * ri * ri;
    }
    /* (X'WX)^-1 = R^-1 R^-T: columns of R^-1 by back substitution on unit vectors. */
    double Rinv[ST_META_MAXP * ST_META_MAXP];
    for (size_t j = 0; j < p; j++) {
        gsl_vector_set_basis(s->x, j);
        gsl_matrix_const_view R = gsl_matrix_const_submatrix(s->A, 0, 0, p, p);
        if ((gs = gsl_blas_dtrsv(CblasUpper, CblasNoTrans, CblasNonUnit, &R.matrix, s->x)) != GSL_SUCCESS)
            return core_err_set(err, core_status_from_gsl(gs), "meta-analysis: triangular solve failed: %s",
                                gsl_strerror(gs));
        for (size_t i = 0; i < p; i++)
            Rinv[i * p + j] = gsl_vector_get(s->x, i);
    }
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++) {
            double acc = 0.0;
            for (size_t l = 0; l < p; l++)
                acc += Rinv[i * p + l] * Rinv[j * p + l];
            s->vb[i * p + j] = acc;
        }
    if (!traces)
        return CORE_OK;
    for (size_t j = 0; j < p; j++) {
        gsl_vector_set_basis(s->e, j);
        if ((gs = gsl_linalg_QR_Qvec(s->A, s->tau, s->e)) != GSL_SUCCESS)
            return core_err_set(err, core_status_from_gsl(gs), "meta-analysis: QR unpacking failed: %s",
                                gsl_strerror(gs));
        gsl_matrix_set_col(s->Q1, j, s->e);
    }
    double trP = 0.0, trPP = 0.0, M[ST_META_MAXP * ST_META_MAXP] = {0};
    for (size_t i = 0; i < k; i++) {
        double h = 0.0, w = s->w[i];
        for (size_t a = 0; a < p; a++) {
            double qa = gsl_matrix_get(s->Q1, i, a);
            h += qa * qa;
            for (size_t b = 0; b < p; b++)
                M[a * p + b] += qa * gsl_matrix_get(s->Q1, i, b) * w;
        }
        trP += w * (1.0 - h);
        trPP += w * w * (1.0 - 2.0 * h);
    }
    for (size_t a = 0; a < p * p; a++)
        trPP += M[a] * M[a];
    s->trP = trP;
    s->trPP = trPP;
    return CORE_OK;
}

/* ---------- one-dimensional roots in tau² ---------- */

typedef enum { FN_SCORE_REML, FN_SCORE_ML, FN_Q_MINUS } fn_kind;

typedef struct fn_par {
    wls *s;
    fn_kind kind;
    double target; /* FN_Q_MINUS: Q(tau2) - target */
    core_status st;
    core_err *err;
} fn_par;

static double tau2_fn(double t, void *vp)
{
    fn_par *fp = vp;
    if (fp->st != CORE_OK)
        return NAN;
    int traces = fp->kind == FN_SCORE_REML;
    if ((fp->st = wls_eval(fp->s, t, traces, fp->err)) != CORE_OK)
        return NAN;
    switch (fp->kind) {
    case FN_SCORE_REML: return fp->s->ypp - fp->s->trP; /* 2 x d logL_R / d tau2 */
    case FN_SCORE_ML: return fp->s->ypp - fp->s->sumw;  /* 2 x d logL / d tau2 */
    case FN_Q_MINUS: return fp->s->rss - fp->target;
    }
    return NAN;
}

/* Brent on [lo, hi], where f(lo) and f(hi) have opposite signs. */
static core_status brent(fn_par *fp, double lo, double hi, double tol, int max_iter, double *root, int *iters,
                         const char *what)
{
    gsl_function fn = {.function = tau2_fn, .params = fp};
    gsl_root_fsolver *sv = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!sv)
        return core_err_set(fp->err, CORE_ERR_NOMEM, "%s: no memory for the root solver", what);
    int gs = gsl_root_fsolver_set(sv, &fn, lo, hi), it = 0;
    while (gs == GSL_SUCCESS && fp->st == CORE_OK) {
        if (it >= max_iter) {
            gs = GSL_EMAXITER;
            break;
        }
        it++;
        if ((gs = gsl_root_fsolver_iterate(sv)) != GSL_SUCCESS)
            break;
        double a = gsl_root_fsolver_x_lower(sv), b = gsl_root_fsolver_x_upper(sv);
        gs = gsl_root_test_interval(a, b, 0.0, tol);
        if (gs == GSL_SUCCESS)
            break;
        if (gs == GSL_CONTINUE)
            gs = GSL_SUCCESS;
    }
    *root = gsl_root_fsolver_root(sv);
    gsl_root_fsolver_free(sv);
    *iters += it;
    if (fp->st != CORE_OK)
        return fp->st;
    if (gs != GSL_SUCCESS)
        return core_err_set(fp->err, CORE_ERR_ANALYSIS, "%s: the root solver did not converge in %d iterations (%s)",
                            what, max_iter, gsl_strerror(gs));
    return CORE_OK;
}

/* Smallest hi = start * 2^j with f(hi) < 0 (f decreasing for large tau2). */
static core_status bracket_up(fn_par *fp, double start, double *hi, const char *what)
{
    double h = start;
    for (int j = 0; j < 400; j++, h *= 2.0) {
        double f = tau2_fn(h, fp);
        if (fp->st != CORE_OK)
            return fp->st;
        if (f < 0) {
            *hi = h;
            return CORE_OK;
        }
        if (!isfinite(h * 2.0))
            break;
    }
    return core_err_set(fp->err, CORE_ERR_ANALYSIS, "%s: no upper bracket for tau^2 was found", what);
}

/* A starting scale for brackets: the spread of the effects plus the largest sampling variance. */
static double tau2_scale(const double *y, const double *v, size_t k)
{
    double mean = 0.0, ss = 0.0, vmax = 0.0;
    for (size_t i = 0; i < k; i++)
        mean += y[i] / (double)k;
    for (size_t i = 0; i < k; i++) {
        ss += (y[i] - mean) * (y[i] - mean);
        vmax = fmax(vmax, v[i]);
    }
    double s = ss / (double)(k > 1 ? k - 1 : 1) + vmax;
    return s > 0 ? s : 1.0;
}

/* (Restricted) log-likelihood at the current evaluation, constants dropped. */
static double loglik_now(const wls *s, int reml)
{
    double l = 0.0;
    for (size_t i = 0; i < s->k; i++)
        l += log(1.0 / s->w[i]);
    l += s->rss;
    if (reml)
        l += s->logdet;
    return -0.5 * l;
}

static core_status tau2_likelihood(wls *s, int reml, double tol, int max_iter, double *tau2, double *ll, int *iters,
                                   core_err *err)
{
    const char *what = reml ? "REML estimate of tau^2" : "ML estimate of tau^2";
    fn_par fp = {.s = s, .kind = reml ? FN_SCORE_REML : FN_SCORE_ML, .st = CORE_OK, .err = err};
    core_status st;
    double hi;
    if ((st = bracket_up(&fp, tau2_scale(s->y, s->v, s->k), &hi, what)) != CORE_OK)
        return st;
    /* Scan the score from 0 up to hi: every change from + to - brackets a local maximum. */
    size_t n = SCAN_PER_DECADE * SCAN_DECADES;
    double best_t = NAN, best_ll = -INFINITY;
    double t_prev = 0.0, f_prev = tau2_fn(0.0, &fp);
    if (fp.st != CORE_OK)
        return fp.st;
    if (f_prev <= 0.0) { /* boundary maximum at tau2 = 0 is a candidate */
        best_t = 0.0;
        best_ll = loglik_now(s, reml);
    }
    for (size_t j = 0; j <= n; j++) {
        double t = hi * pow(10.0, -(double)SCAN_DECADES + (double)j / SCAN_PER_DECADE);
        double f = tau2_fn(t, &fp);
        if (fp.st != CORE_OK)
            return fp.st;
        if (f_prev > 0.0 && f <= 0.0) {
            double root = t;
            if (f < 0.0 && (st = brent(&fp, t_prev, t, tol, max_iter, &root, iters, what)) != CORE_OK)
                return st;
            tau2_fn(root, &fp);
            if (fp.st != CORE_OK)
                return fp.st;
            double l = loglik_now(s, reml);
            if (l > best_ll) {
                best_ll = l;
                best_t = root;
            }
        }
        t_prev = t, f_prev = f;
    }
    if (!isfinite(best_t))
        return core_err_set(err, CORE_ERR_ANALYSIS, "%s: no maximum of the likelihood was found", what);
    *tau2 = best_t;
    *ll = best_ll;
    return CORE_OK;
}

/* Root of Q(tau2) = target for Q decreasing in tau2; 0 when Q(0) <= target. */
static core_status tau2_q_root(wls *s, double target, double tol, int max_iter, double *tau2, int *iters,
                               const char *what, core_err *err)
{
    fn_par fp = {.s = s, .kind = FN_Q_MINUS, .target = target, .st = CORE_OK, .err = err};
    double f0 = tau2_fn(0.0, &fp);
    if (fp.st != CORE_OK)
        return fp.st;
    if (f0 <= 0.0) {
        *tau2 = 0.0;
        return CORE_OK;
    }
    double hi;
    core_status st = bracket_up(&fp, tau2_scale(s->y, s->v, s->k), &hi, what);
    if (st != CORE_OK)
        return st;
    return brent(&fp, 0.0, hi, tol, max_iter, tau2, iters, what);
}

/* ---------- the model ---------- */

static core_status check_opts(const st_meta_opts *o, st_meta_opts *use, core_err *err)
{
    *use = o ? *o : (st_meta_opts){0};
    if (use->conf == 0.0)
        use->conf = 0.95;
    if (use->tol == 0.0)
        use->tol = ST_META_TOL_DEFAULT;
    if (use->max_iter == 0)
        use->max_iter = ST_META_MAXITER_DEFAULT;
    if (!(use->conf > 0.0 && use->conf < 1.0))
        return core_err_set(err, CORE_ERR_USAGE, "confidence level must be in (0, 1) (got %g)", use->conf);
    if (!(use->tol > 0.0) || !isfinite(use->tol) || use->max_iter < 0)
        return core_err_set(err, CORE_ERR_USAGE, "tolerance and iterations must be positive");
    if ((unsigned)use->tau2 > ST_META_PM)
        return core_err_set(err, CORE_ERR_USAGE, "unknown tau^2 estimator %d", (int)use->tau2);
    return CORE_OK;
}

static core_status check_studies(const double *yi, const double *vi, size_t k, core_err *err)
{
    if (k < 1)
        return core_err_set(err, CORE_ERR_USAGE, "meta-analysis of no studies");
    for (size_t i = 0; i < k; i++) {
        if (!isfinite(yi[i]) || !isfinite(vi[i]))
            return core_err_set(err, CORE_ERR_USAGE, "study %zu: effect and variance must be finite", i + 1);
        if (!(vi[i] > 0.0))
            return core_err_set(err, CORE_ERR_USAGE, "study %zu: sampling variance must be positive (got %g)", i + 1,
                                vi[i]);
    }
    return CORE_OK;
}

/* Wald (or F with KH) test of coefficients 1..p-1 (all but the intercept in column 0). */
static void moderator_test(st_meta_fit *f, const double *vb, int kh)
{
    size_t p = f->p, m = p - 1;
    if (m == 0)
        return;
    gsl_matrix *V = gsl_matrix_alloc(m, m);
    gsl_vector *b = gsl_vector_alloc(m), *x = gsl_vector_alloc(m);
    if (V && b && x) {
        for (size_t i = 0; i < m; i++) {
            gsl_vector_set(b, i, f->beta[i + 1]);
            for (size_t j = 0; j < m; j++)
                gsl_matrix_set(V, i, j, vb[(i + 1) * p + (j + 1)]);
        }
        if (gsl_linalg_cholesky_decomp1(V) == GSL_SUCCESS && gsl_linalg_cholesky_solve(V, b, x) == GSL_SUCCESS) {
            double qm = 0.0;
            for (size_t i = 0; i < m; i++)
                qm += f->beta[i + 1] * gsl_vector_get(x, i);
            f->QM_df1 = (double)m;
            if (kh) {
                f->QM = qm / (double)m;
                f->QM_df2 = (double)(f->k - p);
                f->QM_p = gsl_cdf_fdist_Q(f->QM, f->QM_df1, f->QM_df2);
            } else {
                f->QM = qm;
                f->QM_p = gsl_cdf_chisq_Q(qm, (double)m);
            }
        }
    }
    gsl_matrix_free(V);
    gsl_vector_free(b);
    gsl_vector_free(x);
}

static core_status fit_model(const double *yi, const double *vi, size_t k, const double *X, size_t p,
                             const st_meta_opts *o, int with_null, st_meta_fit *out, core_err *err)
{
    core_status st;
    fit_clear(out);
    out->k = k, out->p = p;
    int random = o->tau2 != ST_META_FIXED;
    if (random && k < 2)
        return core_err_set(err, CORE_ERR_ANALYSIS,
                            "a random-effects model needs at least two studies (got %zu); use the fixed-effect model",
                            k);
    if (k < p || (p > 1 && k <= p) || (o->knapp_hartung && k <= p))
        return core_err_set(err, CORE_ERR_ANALYSIS, "%zu studies are too few for %zu coefficient(s)%s", k, p,
                            o->knapp_hartung ? " with the Knapp-Hartung adjustment" : "");
    wls s;
    if ((st = wls_init(&s, yi, vi, k, X, p, err)) != CORE_OK)
        return st;
    double dfr = (double)(k - p);

    /* Fixed-effect quantities: Q (QE), its df and p, typical within-study variance. */
    if ((st = wls_eval(&s, 0.0, 1, err)) != CORE_OK)
        goto done;
    double trP_fe = s.trP, trPP_fe = s.trPP;
    if (k > p) {
        out->Q = fmax(0.0, s.rss);
        out->Q_df = dfr;
        out->Q_p = gsl_cdf_chisq_Q(out->Q, dfr);
        out->vt = dfr / trP_fe;
    } else { /* metafor: QE = 0, p = 1, I2 = 0, H2 = 1 when nothing is left over */
        out->Q = 0.0;
        out->Q_df = 0.0;
        out->Q_p = 1.0;
        out->vt = 0.0;
    }

    double tau2 = 0.0;
    int iters = 0;
    switch (o->tau2) {
    case ST_META_FIXED: break;
    case ST_META_DL:
        tau2 = fmax(0.0, (out->Q - dfr) / trP_fe);
        out->se_tau2 = sqrt((2.0 * dfr + 4.0 * tau2 * trP_fe + 2.0 * tau2 * tau2 * trPP_fe) / (trP_fe * trP_fe));
        break;
    case ST_META_REML:
    case ST_META_ML: {
        double ll = NAN;
        if ((st = tau2_likelihood(&s, o->tau2 == ST_META_REML, o->tol, o->max_iter, &tau2, &ll, &iters, err)) !=
            CORE_OK)
            goto done;
        out->loglik = ll;
        break;
    }
    case ST_META_PM:
        if ((st = tau2_q_root(&s, dfr, o->tol, o->max_iter, &tau2, &iters, "Paule-Mandel estimate of tau^2", err)) !=
            CORE_OK)
            goto done;
        break;
    }
    out->tau2 = tau2;
    out->iterations = iters;

    /* The model at tau2. */
    if ((st = wls_eval(&s, tau2, 1, err)) != CORE_OK)
        goto done;
    if (o->tau2 == ST_META_REML)
        out->se_tau2 = sqrt(2.0 / s.trPP);
    else if (o->tau2 == ST_META_ML)
        out->se_tau2 = sqrt(2.0 / s.sumw2);
    else if (o->tau2 == ST_META_PM)
        out->se_tau2 = sqrt(2.0 * (double)k * (double)k / dfr / (s.sumw * s.sumw));
    else if (o->tau2 == ST_META_FIXED)
        out->se_tau2 = NAN;
    double vb[ST_META_MAXP * ST_META_MAXP];
    memcpy(vb, s.vb, sizeof vb);
    if (o->knapp_hartung) {
        /* metafor test = "knha": q = sum w (y - Xb)^2 / (k - p), not truncated at 1; t on k - p df. */
        double q = s.rss <= DBL_EPSILON ? 0.0 : s.rss / dfr;
        out->kh_scale = q;
        for (size_t i = 0; i < p * p; i++)
            vb[i] *= q;
        out->df = dfr;
    }
    double crit = crit_value(o->conf, out->df);
    for (size_t j = 0; j < p; j++) {
        out->beta[j] = s.beta[j];
        out->se[j] = sqrt(vb[j * p + j]);
        out->stat[j] = out->se[j] > 0 ? out->beta[j] / out->se[j] : NAN;
        out->p_value[j] = p_two_sided(out->stat[j], out->df);
        out->ci_low[j] = out->beta[j] - crit * out->se[j];
        out->ci_high[j] = out->beta[j] + crit * out->se[j];
    }
    if (o->knapp_hartung && !(out->kh_scale > 0)) {
        /* no interval rather than a zero-width one: "RR 2.00 (95% CI 2.00 to 2.00)" would claim certainty that
         * three identical studies do not give (metafor, test = "knha", reports the same zero-width interval) */
        out->undefined = "the effects agree exactly: the Knapp-Hartung scale is 0, so its test and interval are "
                         "undefined (no interval is given; the random-effects row without Knapp-Hartung has one)";
        for (size_t j = 0; j < p; j++)
            out->se[j] = out->stat[j] = out->p_value[j] = out->ci_low[j] = out->ci_high[j] = NAN;
    }
    moderator_test(out, vb, o->knapp_hartung);

    /* I2 and H2 (Higgins & Thompson 2002; metafor's forms). */
    if (k > p) {
        if (!random) {
            out->I2 = out->Q > 0 ? fmax(0.0, 100.0 * (out->Q - dfr) / out->Q) : 0.0;
            out->H2 = out->Q / dfr;
        } else {
            out->I2 = 100.0 * tau2 / (out->vt + tau2);
            out->H2 = tau2 / out->vt + 1.0;
        }
    } else {
        out->I2 = 0.0;
        out->H2 = 1.0;
    }

    if (random && k > p) {
        /* Q-profile interval (Viechtbauer 2007): the tau2 at which the generalised Q reaches the
         * upper and lower alpha/2 quantiles of chi2(k - p); a bound is 0 when Q(0) is already below. */
        double alpha = 1.0 - o->conf;
        double crit_u = gsl_cdf_chisq_Qinv(alpha / 2.0, dfr), crit_l = gsl_cdf_chisq_Pinv(alpha / 2.0, dfr);
        int qi = 0;
        if ((st = tau2_q_root(&s, crit_l, o->tol, o->max_iter, &out->tau2_ci_high, &qi,
                              "upper Q-profile limit of tau^2", err)) != CORE_OK ||
            (st = tau2_q_root(&s, crit_u, o->tol, o->max_iter, &out->tau2_ci_low, &qi,
                              "lower Q-profile limit of tau^2", err)) != CORE_OK)
            goto done;
        out->I2_ci_low = 100.0 * out->tau2_ci_low / (out->vt + out->tau2_ci_low);
        out->I2_ci_high = 100.0 * out->tau2_ci_high / (out->vt + out->tau2_ci_high);
    }

    if (p == 1) {
        /* Prediction interval for the effect in a new study: metafor's (z, or t(k-1) with KH) and the
         * Higgins-Thompson-Spiegelhalter (2009) t(k-2) form. For the fixed-effect model it is the CI. */
        double half = crit * sqrt(out->se[0] * out->se[0] + tau2);
        out->pi_low = out->beta[0] - half;
        out->pi_high = out->beta[0] + half;
        if (random && k >= 3) {
            double h2 = crit_value(o->conf, (double)k - 2.0) * sqrt(out->se[0] * out->se[0] + tau2);
            out->pi_hts_low = out->beta[0] - h2;
            out->pi_hts_high = out->beta[0] + h2;
        }
    }

    if (p > 1 && random && with_null) {
        st_meta_fit null;
        st_meta_opts o0 = *o;
        o0.knapp_hartung = 0;
        if ((st = fit_model(yi, vi, k, NULL, 1, &o0, 0, &null, err)) != CORE_OK)
            goto done;
        if (null.tau2 > 0)
            out->R2 = fmax(0.0, 100.0 * (null.tau2 - tau2) / null.tau2);
    }
    st = CORE_OK;
done:
    wls_free(&s);
    if (st != CORE_OK) {
        fit_clear(out);
        out->k = k, out->p = p;
    }
    return st;
}

core_status st_meta_fit_model(const double *yi, const double *vi, size_t k, const double *X, size_t p,
                              const st_meta_opts *o, st_meta_fit *out, core_err *err)
{
    st_meta_opts use;
    core_status st;
    fit_clear(out);
    if (X == NULL)
        p = 1;
    if (p < 1 || p > ST_META_MAXP)
        return core_err_set(err, CORE_ERR_USAGE, "meta-regression with %zu coefficients (1 to %d allowed)", p,
                            ST_META_MAXP);
    if ((st = check_opts(o, &use, err)) != CORE_OK || (st = check_studies(yi, vi, k, err)) != CORE_OK)
        return st;
    if (X) {
        for (size_t i = 0; i < k * p; i++)
            if (!isfinite(X[i]))
                return core_err_set(err, CORE_ERR_USAGE, "meta-regression: study %zu has a non-finite covariate",
                                    i / p + 1);
    }
    return fit_model(yi, vi, k, X, p, &use, 1, out, err);
}

/* ---------- Mantel–Haenszel ---------- */

core_status st_meta_mh(st_meta_measure m, const double *a, const double *n1, const double *c, const double *n0,
                       size_t k, double conf, st_meta_fit *out, core_err *err)
{
    fit_clear(out);
    out->k = k, out->p = 1;
    if (m != ST_META_RR && m != ST_META_OR && m != ST_META_RD)
        return core_err_set(err, CORE_ERR_USAGE, "Mantel-Haenszel pooling needs RR, OR or RD (got %s)",
                            measure_name(m));
    if (conf == 0.0)
        conf = 0.95;
    if (!(conf > 0.0 && conf < 1.0))
        return core_err_set(err, CORE_ERR_USAGE, "confidence level must be in (0, 1) (got %g)", conf);
    if (k < 1)
        return core_err_set(err, CORE_ERR_USAGE, "meta-analysis of no studies");
    double *yi = malloc(k * sizeof *yi), *vi = malloc(k * sizeof *vi);
    if (!yi || !vi) {
        free(yi);
        free(vi);
        return core_err_set(err, CORE_ERR_NOMEM, "Mantel-Haenszel: out of memory");
    }
    core_status st = CORE_OK;
    for (size_t i = 0; i < k && st == CORE_OK; i++)
        if ((st = st_meta_es_binary(m, a[i], n1[i], c[i], n0[i], &yi[i], &vi[i], NULL, err)) != CORE_OK)
            core_err_prefix(err, "study %zu", i + 1);
    double est = NAN, se = NAN;
    if (st == CORE_OK) {
        double R = 0, S = 0, sPR = 0, sPSQR = 0, sQS = 0, num = 0, den = 0, var_num = 0;
        for (size_t i = 0; i < k; i++) {
            double ai = a[i], bi = n1[i] - a[i], ci = c[i], di = n0[i] - c[i];
            double N = n1[i] + n0[i];
            switch (m) {
            case ST_META_OR: { /* Robins, Breslow & Greenland (1986) */
                double Pi = (ai + di) / N, Qi = (bi + ci) / N, Ri = ai * di / N, Si = bi * ci / N;
                R += Ri, S += Si;
                sPR += Pi * Ri, sPSQR += Pi * Si + Qi * Ri, sQS += Qi * Si;
                break;
            }
            case ST_META_RR: /* Greenland & Robins (1985) */
                R += ai * n0[i] / N, S += ci * n1[i] / N;
                var_num += (n1[i] / N) * (n0[i] / N) * (ai + ci) - (ai / N) * ci;
                break;
            default: /* RD, variance of Sato, Greenland & Robins (1989) as metafor */
                num += ai * (n0[i] / N) - ci * (n1[i] / N);
                den += n1[i] * (n0[i] / N);
                break;
            }
        }
        if (m == ST_META_OR) {
            if (R > 0 && S > 0) {
                est = log(R / S);
                se = sqrt(0.5 * (sPR / (R * R) + sPSQR / (R * S) + sQS / (S * S)));
            }
        } else if (m == ST_META_RR) {
            if (R > 0 && S > 0) {
                est = log(R / S);
                se = sqrt(var_num / (R * S));
            }
        } else {
            est = num / den;
            double s1 = 0, s2 = 0;
            for (size_t i = 0; i < k; i++) {
                double ai = a[i], ci = c[i], N = n1[i] + n0[i];
                s1 += ci * (n1[i] / N) * (n1[i] / N) - ai * (n0[i] / N) * (n0[i] / N) +
                      (n1[i] / N) * (n0[i] / N) * (n0[i] - n1[i]) / 2.0;
                s2 += ai * (n0[i] - ci) / N + ci * (n1[i] - ai) / N;
            }
            se = sqrt((est * s1 + s2 / 2.0) / (den * den));
        }
        if (!isfinite(est) || !isfinite(se))
            st = core_err_set(err, CORE_ERR_ANALYSIS,
                              "the Mantel-Haenszel %s is undefined (no events, or no non-events, in one group of "
                              "every study)",
                              measure_name(m));
    }
    if (st == CORE_OK) {
        double crit = crit_value(conf, NAN);
        out->beta[0] = est;
        out->se[0] = se;
        out->stat[0] = se > 0 ? est / se : NAN;
        out->p_value[0] = p_two_sided(out->stat[0], NAN);
        out->ci_low[0] = est - crit * se;
        out->ci_high[0] = est + crit * se;
        out->pi_low = out->ci_low[0];
        out->pi_high = out->ci_high[0];
        out->tau2 = 0.0;
        if (k > 1) { /* heterogeneity of the escalc effects around the MH estimate (metafor rma.mh) */
            double q = 0;
            for (size_t i = 0; i < k; i++)
                q += (yi[i] - est) * (yi[i] - est) / vi[i];
            out->Q = fmax(0.0, q);
            out->Q_df = (double)(k - 1);
            out->Q_p = gsl_cdf_chisq_Q(out->Q, out->Q_df);
            out->I2 = out->Q > 0 ? fmax(0.0, 100.0 * (out->Q - out->Q_df) / out->Q) : 0.0;
            out->H2 = out->Q / out->Q_df;
        } else {
            out->Q = 0.0, out->Q_df = 0.0, out->Q_p = 1.0, out->I2 = 0.0, out->H2 = 1.0;
        }
    } else {
        fit_clear(out);
        out->k = k, out->p = 1;
    }
    free(yi);
    free(vi);
    return st;
}
