/**
 * @file st_cluster.h
 * @brief Variance of fixed-effects regression coefficients: classical, cluster-robust CR1 in its
 *        small-sample variants, and CR2 (Bell-McCaffrey) with Satterthwaite degrees of freedom.
 *
 * All variants start from the within-transformed fit (st_twfe.h). By Frisch-Waugh-Lovell the
 * coefficient block of the dummy-variable sandwich equals B (sum_g s_g s_g') B with
 * B = (X~'X~)^-1 and cluster scores s_g = X~_g' e_g, so no dummy column is ever built.
 *
 * Small-sample factors (N observations, G clusters, p regressors, k_fe absorbed parameters,
 * k_nested the levels of the factors nested in the clusters):
 *  - CR1 (reghdfe, fixest): G/(G-1) (N-1)/(N-K), K = p + max(0, k_fe - k_nested): fixed effects
 *    nested in the clusters are not counted (Cameron & Miller 2015, J Human Resources 50:317, §VI.B);
 *  - CR1_AREG (Stata areg, R sandwich::vcovCL type HC1): K = p + k_fe, every fixed effect counted;
 *  - CR1_XTREG (Stata xtreg, fe): K = p + max(0, k_fe - k_nested) + 1;
 *  - CR1_GONLY: G/(G-1) only (sandwich::vcovCL type HC0 with cadjust);
 *  - classical: sigma^2 B with sigma^2 = RSS/(N - p - k_fe).
 * Tests use t with G-1 degrees of freedom for the CR1 family and N - p - k_fe for classical.
 *
 * CR2 (Bell & McCaffrey 2002, Survey Methodology 28:169; Pustejovsky & Tipton 2018, J Bus Econ
 * Stat 36:672): residuals of cluster g are scaled by A_g = (I - H_gg)^(+1/2), H the hat matrix of
 * the full dummy-variable model, with identity working covariance, and the t test uses the
 * Satterthwaite degrees of freedom of that working model — the definitions of R clubSandwich
 * (vcovCR type "CR2", coef_test "Satterthwaite"). The full hat matrix splits as H = P_T + P_U:
 * T = dummies of the factors nested in the clusters, U = [regressors, dummies of the other factors]
 * demeaned within the nested factors. P_T is block-diagonal by cluster and annihilates every
 * vector involved, so A_g acts as (I - U_g M U_g')^(+1/2): identity minus a low-rank matrix, whose
 * inverse square root comes from a q x q eigenproblem per cluster (q = p + levels of the non-nested
 * factors). Everything needed is the cluster sums U_g'U_g and U_g'e_g: clusters of 70,000 rows
 * cost one pass. Eigenvalues of I - H_gg at or below 1e-12 are treated as zero (Moore-Penrose), as
 * clubSandwich does.
 */
#ifndef IPSEVAL_ST_CLUSTER_H
#define IPSEVAL_ST_CLUSTER_H

#include "core/core_error.h"
#include "stats/st_twfe.h"

typedef enum st_vc_kind {
    ST_VC_CLASSICAL = 0,
    ST_VC_CR1,
    ST_VC_CR1_AREG,
    ST_VC_CR1_XTREG,
    ST_VC_CR1_GONLY,
    ST_VC_COUNT
} st_vc_kind;

/** A coefficient test: estimate, se, t, df, p (two-sided), interval at `conf`. */
typedef struct st_coef_test {
    double estimate, se, statistic, df, p_value, ci_low, ci_high;
    double k;               /**< K used in the small-sample factor (NaN where none) */
    const char *undefined;  /**< NULL, or a static reason why fields are NaN */
} st_coef_test;

/**
 * Covariance matrix (p x p, row-major, into V) of the fit's coefficients by `kind`, and the
 * degrees of freedom of its t tests (*df; NaN-free). Cluster kinds need clusters (CORE_ERR_USAGE
 * otherwise) and G >= 2 (CORE_ERR_ANALYSIS). *k receives K of the factor (may be NULL).
 */
core_status st_twfe_vcov(const st_twfe_fit *f, st_vc_kind kind, double *V, double *df, double *k, core_err *err);

/** t test of coefficient j with the variance of `kind` at confidence level conf. */
core_status st_twfe_test(const st_twfe_fit *f, st_vc_kind kind, size_t j, double conf, st_coef_test *out,
                         core_err *err);

/** Joint Wald test that coefficients idx[0..m-1] are zero with covariance `kind`: F = b'V^-1 b / m on
 *  (m, df) degrees of freedom (df = G-1 for the CR1 family). *F, *p; CORE_ERR_ANALYSIS when V is singular. */
core_status st_twfe_wald(const st_twfe_fit *f, st_vc_kind kind, const size_t *idx, size_t m, double *F, double *df2,
                         double *p, core_err *err);

/**
 * CR2 t test of coefficient j: se from the Bell-McCaffrey adjusted sandwich, Satterthwaite df,
 * p and interval from t(df). CORE_ERR_ANALYSIS (with the reason in err) when the fit has no
 * clusters, G < 2, or the non-nested fixed effects have more than ST_CR2_MAX_LEVELS levels.
 */
core_status st_twfe_cr2(const st_twfe_fit *f, size_t j, double conf, st_coef_test *out, core_err *err);

#define ST_CR2_MAX_LEVELS 2000

/* ---- building blocks shared with the wild bootstrap (st_wild.c) ---- */

/** The split of a fit's factors into nested (in the clusters) and non-nested ones, and the dummy
 *  columns D of the non-nested ones (first level of each dropped, except for the first factor when no
 *  factor is nested, so span[T, D] is the fixed-effect space). */
typedef struct st_fe_split {
    size_t L;        /**< columns of D */
    size_t kn;       /**< nested factors */
    size_t nested1;  /**< index of the nested factor when kn == 1 */
    size_t *off;     /**< per factor: first column of D, (size_t)-1 when nested */
    int *drop;       /**< per factor: 1 when its level 0 has no column */
} st_fe_split;

/** Fill s from fit f (s->off and s->drop allocated; free with st_fe_split_free). */
core_status st_fe_split_init(const st_twfe_fit *f, st_fe_split *s, core_err *err);
void st_fe_split_free(st_fe_split *s);

/** Column of D for factor q at observation i, or -1 (nested factor or dropped level). Inline: called per row. */
static inline long st_fe_split_col(const st_fe_split *s, const st_twfe_fit *f, size_t q, size_t i)
{
    if (s->off[q] == (size_t)-1)
        return -1;
    long l = f->fe[q].level[i];
    if (s->drop[q]) {
        if (l == 0)
            return -1;
        l--;
    }
    return (long)s->off[q] + l;
}

/**
 * Per cluster g, D_g' M_T D_g (L x L, into out + g*L*L; M_T = residual maker of the nested dummies).
 * out must hold G*L*L doubles. Closed form for zero or one nested factor; alternating projections
 * (with opts) for more.
 */
core_status st_fe_split_dmd(const st_twfe_fit *f, const st_fe_split *s, const st_ap_opts *opts, double *out,
                            core_err *err);

/** Moore-Penrose inverse (and, if sqrt_out is not NULL, its symmetric square root) of the symmetric
 *  n x n matrix A (row-major): eigenvalues at or below rel_tol x the largest are dropped. */
core_status st_sym_pinv(const double *A, size_t n, double rel_tol, double *inv_out, double *sqrt_out, core_err *err);

#endif
