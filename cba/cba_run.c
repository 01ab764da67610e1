/* cba_run: the deterministic figures, the probabilistic sensitivity analysis (PSA), the acceptability curve and
 * frontier, EVPI, the one-way sensitivity analysis (tornado) and the Markov cohort model.
 * PSA, CEAC and EVPI as Briggs, Claxton & Sculpher (2006) ch. 4-7; frontier as Fenwick et al. (2001). */
#include "cba/cba.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>

#include "stats/st_boot.h"

const char *const cba_tornado_name[CBA_N_TORNADO] = {"npv:societal", "npv:government", "npv:participant",
                                                     "inmb:per_qaly", "inmb:per_job_year"};

void cba_result_free(cba_result *r)
{
    if (!r)
        return;
    free(r->summary);
    free(r->ce_dc);
    free(r->ce_dq);
    free(r->ce_dj);
    free(r->ceac_qaly);
    free(r->ceac_job);
    free(r->front_qaly);
    free(r->front_job);
    free(r->front_ips_qaly);
    free(r->front_ips_job);
    free(r->evpi_qaly);
    free(r->evpi_job);
    for (int t = 0; t < CBA_N_TORNADO; t++)
        free(r->bars[t]);
    free(r->markov);
    free(r);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* R's quantile type 7 on sorted x[0..n-1] (may end in +Inf). */
static double quantile7(const double *x, long n, double q)
{
    if (n <= 0)
        return NAN;
    double h = (double)(n - 1) * q;
    long lo = (long)floor(h);
    double f = h - (double)lo;
    if (lo >= n - 1)
        return x[n - 1];
    if (f == 0)
        return x[lo];
    if (isinf(x[lo + 1]))
        return INFINITY;
    return x[lo] + f * (x[lo + 1] - x[lo]);
}

/* Summarise draws x[0..n-1] (overwritten: sorted). inf_for_nan: an undefined value is +Inf (no finite
 * break-even wage / cost per job); otherwise undefined draws are left out. */
static void summarise(double *x, long n, int inf_for_nan, double conf, cba_summary *out)
{
    long m = 0, ninf = 0;
    for (long i = 0; i < n; i++) {
        double v = x[i];
        if (isnan(v)) {
            if (!inf_for_nan)
                continue;
            v = INFINITY;
        }
        if (isinf(v))
            ninf++;
        x[m++] = v;
    }
    out->n_defined = m;
    out->n_inf = ninf;
    out->mean = out->sd = out->lo = out->hi = NAN;
    if (m == 0)
        return;
    if (ninf == 0) {
        /* two-pass mean and SD (Welford-free: the draws are in memory) */
        double s = 0;
        for (long i = 0; i < m; i++)
            s += x[i];
        double mean = s / (double)m, ss = 0;
        for (long i = 0; i < m; i++)
            ss += (x[i] - mean) * (x[i] - mean);
        out->mean = mean;
        out->sd = m > 1 ? sqrt(ss / (double)(m - 1)) : NAN;
    }
    qsort(x, (size_t)m, sizeof *x, cmp_double);
    out->lo = quantile7(x, m, (1 - conf) / 2);
    out->hi = quantile7(x, m, 1 - (1 - conf) / 2);
}

static void det_values(const cba_spec *s, double *v)
{
    for (int p = 0; p < CBA_N_PARAMS; p++)
        v[p] = s->value[p];
}

static int uncertain(const cba_dist *d) { return d->kind != CBA_DIST_NONE && d->kind != CBA_DIST_FIXED; }

/* The effects get a tornado bar (at +/- z SE, all months together) when they are uncertain and their SEs known. */
static int effect_bar(const cba_spec *s)
{
    if (!s->effect_uncertain && !s->effect_bootstrap)
        return 0;
    for (size_t k = 0; k < s->n_effects; k++)
        if (!(s->effect_se[k] >= 0 && isfinite(s->effect_se[k])))
            return 0;
    return 1;
}

/* One bootstrap replicate of the effects (stats/st_boot.h): each arm's participants resampled with replacement
 * (same arm sizes, as randomised), the risk difference at every effect month recomputed over those observed there
 * (complete case, as the trial analysis). A month without an observed participant in an arm gives NaN. */
static void boot_effects(const cba_spec *s, const st_boot_strata *b, gsl_rng *rng, size_t *idx, double *eff)
{
    size_t K = s->n_effects;
    double m[2 * CBA_MAX_EFFECTS];
    st_boot_strata_means(b, s->boot_y, K, rng, idx, m); /* stratum 0 comparator, 1 intervention */
    for (size_t k = 0; k < K; k++)
        eff[k] = m[K + k] - m[k];
}

/* The Cholesky factor L (row-major, lower) of the effects' covariance S_ij = se_i se_j corr_ij, for joint normal
 * draws eff = effect + L z. */
static core_status effect_chol(const cba_spec *s, double *L, core_err *err)
{
    size_t K = s->n_effects;
    gsl_matrix *A = gsl_matrix_alloc(K, K);
    if (!A)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < K; i++)
        for (size_t j = 0; j < K; j++)
            gsl_matrix_set(A, i, j, s->effect_se[i] * s->effect_se[j] * (K == 1 ? 1 : s->effect_corr[i * K + j]));
    /* a zero SE gives a singular covariance: factor the rows with se > 0 only */
    int st = GSL_SUCCESS;
    size_t idx[CBA_MAX_EFFECTS], m = 0;
    for (size_t i = 0; i < K; i++)
        if (s->effect_se[i] > 0)
            idx[m++] = i;
    for (size_t i = 0; i < K * K; i++)
        L[i] = 0;
    if (m > 0) {
        gsl_matrix *B = gsl_matrix_alloc(m, m);
        if (!B) {
            gsl_matrix_free(A);
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        }
        for (size_t i = 0; i < m; i++)
            for (size_t j = 0; j < m; j++)
                gsl_matrix_set(B, i, j, gsl_matrix_get(A, idx[i], idx[j]));
        st = gsl_linalg_cholesky_decomp1(B);
        for (size_t i = 0; st == GSL_SUCCESS && i < m; i++)
            for (size_t j = 0; j <= i; j++)
                L[idx[i] * K + idx[j]] = gsl_matrix_get(B, i, j);
        gsl_matrix_free(B);
    }
    gsl_matrix_free(A);
    if (st != GSL_SUCCESS)
        return core_err_set(err, CORE_ERR_CONFIG,
                            "effect.corr: the effects' correlation matrix is not positive definite; give correlations "
                            "that a set of %zu effects can have",
                            K);
    return CORE_OK;
}

/* Draw one row of a transition matrix from Dirichlet(n * row), keeping structural zeros at 0. */
static void dirichlet_row(gsl_rng *rng, double conc, const double *row, size_t n, double *out)
{
    double alpha[CBA_MAX_STATES], theta[CBA_MAX_STATES];
    size_t idx[CBA_MAX_STATES], k = 0;
    for (size_t j = 0; j < n; j++) {
        out[j] = 0;
        if (row[j] > 0) {
            idx[k] = j;
            alpha[k++] = conc * row[j];
        }
    }
    if (k == 1) {
        out[idx[0]] = 1;
        return;
    }
    gsl_ran_dirichlet(rng, k, alpha, theta);
    for (size_t j = 0; j < k; j++)
        out[idx[j]] = theta[j];
}

static core_status tornado(const cba_spec *s, const cba_figures *det, cba_result *r, core_err *err)
{
    double q_lo = (1 - s->confidence) / 2, q_hi = 1 - q_lo;
    size_t n = 0;
    for (int p = 0; p < CBA_N_PARAMS; p++)
        n += uncertain(&s->dist[p]);
    n += effect_bar(s);
    r->n_bars = n;
    if (n == 0)
        return CORE_OK;
    for (int t = 0; t < CBA_N_TORNADO; t++)
        if (!(r->bars[t] = calloc(n, sizeof(cba_tornado_bar))))
            return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    cba_eval_ws ws;
    cba_figures f[2];
    double v[CBA_N_PARAMS], eff[CBA_MAX_EFFECTS];
    size_t b = 0;
    for (int p = 0; p <= CBA_N_PARAMS; p++) {
        int is_effect = p == CBA_N_PARAMS;
        if (is_effect ? !effect_bar(s) : !uncertain(&s->dist[p]))
            continue;
        double lohi[2];
        if (is_effect) {
            double z = gsl_cdf_ugaussian_Pinv(q_hi);
            lohi[0] = -z;
            lohi[1] = z;
        } else {
            lohi[0] = cba_dist_quantile(&s->dist[p], s->value[p], q_lo);
            lohi[1] = cba_dist_quantile(&s->dist[p], s->value[p], q_hi);
        }
        for (int end = 0; end < 2; end++) {
            det_values(s, v);
            memcpy(eff, s->effect, s->n_effects * sizeof(double));
            if (is_effect)
                for (size_t k = 0; k < s->n_effects; k++)
                    eff[k] += lohi[end] * s->effect_se[k];
            else
                v[p] = lohi[end];
            core_status st = cba_evaluate(s, v, eff, 0, &ws, &f[end], err);
            if (st != CORE_OK)
                return st;
        }
        for (int t = 0; t < CBA_N_TORNADO; t++) {
            cba_tornado_bar *bar = &r->bars[t][b];
            bar->key = is_effect ? "effect" : cba_param_key[p];
            bar->lo = lohi[0];
            bar->hi = lohi[1];
            for (int end = 0; end < 2; end++) {
                double val = t < CBA_N_PERSPECTIVES ? f[end].npv[t]
                             : t == CBA_T_INMB_QALY ? f[end].inmb_qaly
                                                    : f[end].inmb_job;
                if (end == 0)
                    bar->at_lo = val;
                else
                    bar->at_hi = val;
            }
        }
        b++;
    }
    (void)det;
    /* sort each target by swing, largest first; insertion sort keeps parameter order on ties */
    for (int t = 0; t < CBA_N_TORNADO; t++) {
        cba_tornado_bar *x = r->bars[t];
        for (size_t i = 1; i < n; i++) {
            cba_tornado_bar key = x[i];
            double sw = fabs(key.at_hi - key.at_lo);
            size_t j = i;
            while (j > 0 && fabs(x[j - 1].at_hi - x[j - 1].at_lo) < sw) {
                x[j] = x[j - 1];
                j--;
            }
            x[j] = key;
        }
    }
    return CORE_OK;
}

static core_status psa(const cba_spec *s, gsl_rng *rng, const core_progress *progress, cba_result *r, core_err *err)
{
    long N = s->psa_draws;
    size_t ns = r->n_slots;
    const cba_markov_spec *mk = s->markov;
    r->draws = N;
    double *slot = malloc((size_t)N * ns * sizeof(double));
    double *mslot = mk ? malloc((size_t)N * (2 * CBA_N_PERSPECTIVES + 1) * sizeof(double)) : NULL;
    r->ce_dc = malloc((size_t)N * sizeof(double));
    r->ce_dq = malloc((size_t)N * sizeof(double));
    r->ce_dj = malloc((size_t)N * sizeof(double));
    size_t nw = s->n_wtp;
    r->ceac_qaly = calloc(nw, sizeof(double));
    r->ceac_job = calloc(nw, sizeof(double));
    r->front_qaly = calloc(nw, sizeof(double));
    r->front_job = calloc(nw, sizeof(double));
    r->front_ips_qaly = calloc(nw, sizeof(int));
    r->front_ips_job = calloc(nw, sizeof(int));
    r->evpi_qaly = calloc(nw, sizeof(double));
    r->evpi_job = calloc(nw, sizeof(double));
    r->summary = calloc(ns, sizeof(cba_summary));
    st_boot_strata boot = {0, 0, NULL, NULL};
    size_t *boot_idx = NULL;
    double L[CBA_MAX_EFFECTS * CBA_MAX_EFFECTS];
    core_status st = CORE_OK;
    if (s->effect_bootstrap) {
        int *strat = malloc((s->boot_n ? s->boot_n : 1) * sizeof *strat);
        if (!strat)
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
        else {
            for (size_t i = 0; i < s->boot_n; i++)
                strat[i] = s->boot_arm[i] ? 1 : 0;
            if ((st = st_boot_strata_new(strat, s->boot_n, 2, &boot, err)) != CORE_OK)
                core_err_prefix(err, "bootstrap of the effects (stratum 0: %s, 1: %s)", s->comparator,
                                s->intervention);
            else if (!(boot_idx = malloc(s->boot_n * sizeof *boot_idx)))
                st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            free(strat);
        }
    } else if (s->effect_uncertain)
        st = effect_chol(s, L, err);
    if (st != CORE_OK) {
        st_boot_strata_free(&boot);
        free(boot_idx);
        free(slot);
        free(mslot);
        return st;
    }
    if (!slot || (mk && !mslot) || !r->ce_dc || !r->ce_dq || !r->ce_dj || !r->ceac_qaly || !r->ceac_job ||
        !r->front_qaly || !r->front_job || !r->front_ips_qaly || !r->front_ips_job || !r->evpi_qaly ||
        !r->evpi_job || !r->summary) {
        free(slot);
        free(mslot);
        st_boot_strata_free(&boot);
        free(boot_idx);
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory for %ld PSA draws", N);
    }
    cba_eval_ws ws;
    cba_figures f;
    double v[CBA_N_PARAMS], eff[CBA_MAX_EFFECTS];
    double pm[2][CBA_MAX_STATES * CBA_MAX_STATES];
    long step = N / 100 > 0 ? N / 100 : 1;
    for (long i = 0; i < N; i++) {
        /* the draw order is fixed: parameters in cba_param order, effects by month, Markov rows by arm and row */
        for (int p = 0; p < CBA_N_PARAMS; p++)
            v[p] = cba_dist_draw(&s->dist[p], s->value[p], rng);
        if (s->effect_bootstrap)
            boot_effects(s, &boot, rng, boot_idx, eff);
        else if (s->effect_uncertain) { /* jointly normal: effect + L z, z standard normal by month */
            size_t K = s->n_effects;
            double z[CBA_MAX_EFFECTS];
            for (size_t k = 0; k < K; k++)
                z[k] = gsl_ran_gaussian_ziggurat(rng, 1.0);
            for (size_t k = 0; k < K; k++) {
                double x = s->effect[k];
                for (size_t j = 0; j <= k; j++)
                    x += L[k * K + j] * z[j];
                eff[k] = x;
            }
        } else
            memcpy(eff, s->effect, s->n_effects * sizeof(double));
        if ((st = cba_evaluate(s, v, eff, 0, &ws, &f, err)) != CORE_OK) {
            core_err_prefix(err, "PSA draw %ld", i + 1);
            break;
        }
        double *x = slot + (size_t)i;
#define PUT(k, val) x[(size_t)(k) * (size_t)N] = (val)
        PUT(CBA_S_DC, f.dc);
        for (int p = 0; p < CBA_N_PERSPECTIVES; p++) {
            PUT(CBA_S_NPV + p, f.npv[p]);
            PUT(CBA_S_ROI + p, f.roi[p]);
        }
        PUT(CBA_S_BEW_SOC, f.bew_soc);
        PUT(CBA_S_COST_PER_JOB, f.cost_per_job);
        PUT(CBA_S_ICER_QALY, f.icer_qaly);
        PUT(CBA_S_ICER_JOB, f.icer_job);
        PUT(CBA_S_INMB_QALY, f.inmb_qaly);
        PUT(CBA_S_INMB_JOB, f.inmb_job);
        for (int h = 0; h <= s->horizon; h++)
            PUT(CBA_S_BEW0 + h, f.bew[0][h]);
#undef PUT
        r->ce_dc[i] = f.dc_health;
        r->ce_dq[i] = f.dq;
        r->ce_dj[i] = f.pv_effect;
        if (mk) {
            size_t n = mk->n_states;
            for (int a = 0; a < 2; a++)
                for (size_t j = 0; j < n; j++) {
                    if (mk->dirichlet_n > 0)
                        dirichlet_row(rng, mk->dirichlet_n, &mk->p[a][j * n], n, &pm[a][j * n]);
                    else
                        memcpy(&pm[a][j * n], &mk->p[a][j * n], n * sizeof(double));
                }
            cba_markov_figures mf;
            cba_markov_evaluate(s, v, pm[0], pm[1], NULL, &mf);
            double *y = mslot + (size_t)i;
            for (int p = 0; p < CBA_N_PERSPECTIVES; p++) {
                y[(size_t)p * (size_t)N] = mf.npv[p];
                y[(size_t)(CBA_N_PERSPECTIVES + p) * (size_t)N] = mf.roi[p];
            }
            y[(size_t)(2 * CBA_N_PERSPECTIVES) * (size_t)N] = mf.fte_gained;
        }
        if (i % step == 0)
            core_progress_report(progress, "probabilistic sensitivity analysis", (double)i / (double)N);
    }
    st_boot_strata_free(&boot);
    free(boot_idx);
    if (st != CORE_OK) {
        free(slot);
        free(mslot);
        return st;
    }
    core_progress_report(progress, "probabilistic sensitivity analysis", 1.0);

    /* P(NPV > 0) and EVPI of the adopt-or-not decision on NPV, before the columns are sorted */
    for (int p = 0; p < CBA_N_PERSPECTIVES; p++) {
        const double *x = slot + (size_t)(CBA_S_NPV + p) * (size_t)N;
        long pos = 0;
        double sum = 0, summax = 0;
        for (long i = 0; i < N; i++) {
            pos += x[i] > 0;
            sum += x[i];
            summax += x[i] > 0 ? x[i] : 0;
        }
        r->prob_positive[p] = (double)pos / (double)N;
        double mean = sum / (double)N;
        r->evpi_npv[p] = summax / (double)N - (mean > 0 ? mean : 0);
    }
    /* CEAC, acceptability frontier and EVPI over the WTP grid: INMB(l) = l dE - dC for each draw */
    for (int measure = 0; measure < 2; measure++) {
        const double *de = measure == 0 ? r->ce_dq : r->ce_dj;
        double *ceac = measure == 0 ? r->ceac_qaly : r->ceac_job;
        double *front = measure == 0 ? r->front_qaly : r->front_job;
        int *front_ips = measure == 0 ? r->front_ips_qaly : r->front_ips_job;
        double *evpi = measure == 0 ? r->evpi_qaly : r->evpi_job;
        for (size_t w = 0; w < nw; w++) {
            double lam = s->wtp[w];
            long pos = 0;
            double sum = 0, summax = 0;
            for (long i = 0; i < N; i++) {
                double nb = lam * de[i] - r->ce_dc[i];
                pos += nb > 0;
                sum += nb;
                summax += nb > 0 ? nb : 0;
            }
            double mean = sum / (double)N;
            ceac[w] = (double)pos / (double)N;
            front_ips[w] = mean > 0;
            front[w] = mean > 0 ? ceac[w] : 1 - ceac[w];
            evpi[w] = summax / (double)N - (mean > 0 ? mean : 0);
        }
    }
    for (size_t k = 0; k < ns; k++) {
        int as_inf = k == CBA_S_BEW_SOC || k == CBA_S_COST_PER_JOB || k >= CBA_S_BEW0;
        summarise(slot + k * (size_t)N, N, as_inf, s->confidence, &r->summary[k]);
    }
    if (mk) {
        cba_markov_result *m = r->markov;
        m->draws = N;
        for (int p = 0; p < CBA_N_PERSPECTIVES; p++) {
            double *x = mslot + (size_t)p * (size_t)N;
            long pos = 0;
            for (long i = 0; i < N; i++)
                pos += x[i] > 0;
            m->prob_positive[p] = (double)pos / (double)N;
            summarise(x, N, 0, s->confidence, &m->s_npv[p]);
            summarise(mslot + (size_t)(CBA_N_PERSPECTIVES + p) * (size_t)N, N, 0, s->confidence, &m->s_roi[p]);
        }
        summarise(mslot + (size_t)(2 * CBA_N_PERSPECTIVES) * (size_t)N, N, 0, s->confidence, &m->s_fte);
    }
    free(slot);
    free(mslot);
    return CORE_OK;
}

core_status cba_run(const cba_spec *s, gsl_rng *rng, const core_progress *progress, cba_result **out,
                    core_err *err)
{
    *out = NULL;
    core_status st = cba_spec_check(s, err);
    if (st != CORE_OK)
        return st;
    cba_result *r = calloc(1, sizeof *r);
    if (!r)
        return core_err_set(err, CORE_ERR_NOMEM, "out of memory");
    r->n_slots = CBA_S_BEW0 + (size_t)s->horizon + 1;
    r->soc_root_tol = s->root_tol;
    double v[CBA_N_PARAMS];
    det_values(s, v);
    if ((st = cba_evaluate(s, v, s->effect, 1, &r->det_ws, &r->det, err)) != CORE_OK)
        goto fail;
    r->qaly_uncertain = r->det.dq != 0 || uncertain(&s->dist[CBA_QALY_GAIN]);
    if (s->markov) {
        if (!(r->markov = calloc(1, sizeof *r->markov))) {
            st = core_err_set(err, CORE_ERR_NOMEM, "out of memory");
            goto fail;
        }
        cba_markov_evaluate(s, v, s->markov->p[0], s->markov->p[1], r->markov->trace, &r->markov->det);
    }
    if (s->n_implied > 0 &&
        (st = cba_implied_path(s->n_implied, s->implied_h, s->implied_w, r->det.dc, v[CBA_DISCOUNT_RATE],
                               v[CBA_REAL_GROWTH], r->implied_s, r->implied_e, err)) != CORE_OK) {
        core_err_prefix(err, "implied_from");
        goto fail;
    }
    if ((st = tornado(s, &r->det, r, err)) != CORE_OK)
        goto fail;
    if (s->psa_draws > 0 && (st = psa(s, rng, progress, r, err)) != CORE_OK)
        goto fail;
    *out = r;
    return CORE_OK;
fail:
    cba_result_free(r);
    return st;
}
