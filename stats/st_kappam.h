/**
 * @file st_kappam.h
 * @brief Kappa for m raters in detail, and resampling for clustered ratings: Fleiss' kappa and Conger's
 *        exact variant (chance agreement from each rater's own margins), each with a jackknife interval over
 *        targets; category-specific kappas; and a cluster bootstrap of any statistic of rows.
 *
 * Knows nothing of what is rated: x is n targets by k raters, row-major, values finite (nominal categories =
 * the distinct values). The formulas are irr::kappam.fleiss's (exact = FALSE / TRUE, detail = TRUE):
 * with n_ij raters putting target i in category j and p_j = Σ_i n_ij / (n k),
 *   P_o = Σ_i (Σ_j n_ij² − k) / (n k (k − 1)),   Fleiss' P_e = Σ_j p_j²,
 *   Conger's P_e = Σ_j p_j² − Σ_j s_j² / (k − 1), s_j² the variance over raters (divisor k) of rater r's
 *   share p_rj of targets in category j,
 *   kappa = (P_o − P_e) / (1 − P_e);
 *   category j: kappa_j = 1 − Σ_i n_ij (k − n_ij) / (n k (k − 1) p_j (1 − p_j)), SE under no agreement
 *   √(2 / (n k (k − 1))).
 * Jackknife (Quenouille–Tukey): kappa_(i) without target i, SE = √((n − 1)/n Σ (kappa_(i) − mean)²), interval
 * kappa ± t(1 − α/2; n − 1) SE.
 *
 * References: Fleiss JL. Psychol Bull 1971;76:378-382; Conger AJ. Psychol Bull 1980;88:322-328; Fleiss JL,
 * Nee JCM, Landis JR. Psychol Bull 1979;86:974-977 (category kappas and their null SE); Efron B, Tibshirani R.
 * An Introduction to the Bootstrap. Chapman & Hall 1993, ch. 11 (jackknife) and §6 (cluster resampling);
 * Gamer M et al. R package irr 0.84 (kappam.fleiss).
 */
#ifndef IPSEVAL_ST_KAPPAM_H
#define IPSEVAL_ST_KAPPAM_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "core/core_error.h"
#include "stats/st_prop.h"

/** Fleiss' and Conger's kappa of one ratings matrix, with jackknife intervals and category kappas. */
typedef struct st_kappam {
    size_t n, k, n_cats;
    st_estimate fleiss;     /**< estimate, jackknife se and t interval (df = n - 1) */
    st_estimate conger;     /**< the same for Conger's exact kappa */
    double *cat_value;      /**< n_cats distinct values, ascending */
    st_estimate *category;  /**< per category: kappa_j, null se, z statistic, two-sided p */
} st_kappam;

/** Fill *out (free with st_kappam_free). n >= 3 targets and k >= 2 raters; conf in (0, 1). */
core_status st_kappam_fit(const double *x, size_t n, size_t k, double conf, st_kappam *out, core_err *err);
void st_kappam_free(st_kappam *m);

/**
 * A statistic of a subset of rows: rows[0..m-1] are row indices into the caller's data (repeats allowed); returns
 * the statistic or NaN when it is undefined for this subset.
 */
typedef double (*st_rows_stat)(const size_t *rows, size_t m, void *ctx);

/**
 * Cluster bootstrap: B times, draw n_clusters clusters with replacement (gsl_rng_uniform_int from rng) and
 * evaluate stat on all rows of the drawn clusters (cluster[i] in 0..n_clusters-1 for each of n rows). Returns the
 * SD of the finite replicates in *se (divisor B' - 1) and their percentile interval at conf (type 7 quantiles) in
 * *lo, *hi; *used = the finite replicates. Needs n_clusters >= 2, B >= 2.
 */
core_status st_cluster_bootstrap(size_t n, const size_t *cluster, size_t n_clusters, st_rows_stat stat, void *ctx,
                                 size_t B, gsl_rng *rng, double conf, double *se, double *lo, double *hi,
                                 size_t *used, core_err *err);

#endif
