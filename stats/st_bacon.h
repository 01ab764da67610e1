/**
 * @file st_bacon.h
 * @brief The Goodman-Bacon (2021, J Econometrics 225:254) decomposition of the two-way fixed-effects
 *        difference-in-differences coefficient under staggered adoption into 2x2 comparisons and their weights.
 *
 * A balanced panel of N units over periods 0..T-1 whose binary treatment switches on for good: units are
 * pooled into timing groups k of N_k units (share n_k = N_k/N) that start in period f_k (f_k = T: never
 * treated; f_k = 0: treated throughout), D-bar_k = (T - f_k)/T the share of periods treated. With unit and
 * period fixed effects the coefficient is b = sum_kt n_k D~_kt ybar_kt / sum_kt n_k D~_kt^2 (D~ the double-
 * demeaned treatment, ybar_kt the group-period mean of the outcome). For each pair of groups, k starting
 * before l (D-bar_k > D-bar_l), with n_kl = n_k/(n_k + n_l) and V the variance of D~ (Theorem 1):
 *
 *   k treated, l as control over the periods before l starts (PRE(k) against MID(k,l));
 *   weight ((n_k + n_l)(1 - D_l))^2 n_kl(1 - n_kl) (D_k - D_l)/(1 - D_l) (1 - D_k)/(1 - D_l) / V
 *   ("treated_vs_never" when l is never treated, else "earlier_vs_later");
 *
 *   l treated, k (already treated) as control over the periods from k's start (MID(k,l) against POST(l));
 *   weight ((n_k + n_l) D_k)^2 n_kl(1 - n_kl) (D_l/D_k) (D_k - D_l)/D_k / V
 *   ("later_vs_earlier", or "treated_vs_always" when k is treated throughout): the comparisons that use
 *   treated units as controls, whose 2x2 estimate subtracts the change of k's effect (the "forbidden" ones).
 *
 * Each 2x2 estimate is the difference in differences of the two groups' means over the periods of its
 * windows. The weights sum to 1 and sum(weight x estimate) = b exactly (tests/unit/test_csdid.c).
 */
#ifndef IPSEVAL_ST_BACON_H
#define IPSEVAL_ST_BACON_H

#include <stddef.h>

#include "core/core_error.h"

typedef enum st_bacon_type {
    ST_BACON_TREATED_VS_NEVER = 0,
    ST_BACON_EARLIER_VS_LATER,
    ST_BACON_LATER_VS_EARLIER,
    ST_BACON_TREATED_VS_ALWAYS,
    ST_BACON_NTYPES
} st_bacon_type;

/** The words of st_bacon_type, in order. */
extern const char *const st_bacon_type_names[ST_BACON_NTYPES];

typedef struct st_bacon_pair {
    size_t treated, control; /**< group indices */
    st_bacon_type type;
    double estimate, weight;
} st_bacon_pair;

typedef struct st_bacon_result {
    size_t n_pairs;
    st_bacon_pair *pair;
    double beta;             /**< the TWFE coefficient from the group-period means (closed form) */
    double sum_weights, sum_weighted; /**< sum of weights (1) and of weight x estimate (= beta) */
    double type_weight[ST_BACON_NTYPES], type_estimate[ST_BACON_NTYPES]; /**< per type: weight, weighted mean */
} st_bacon_result;

/**
 * Decompose. K groups with sizes size[k] > 0, starts first[k] in 0..T (T = never), distinct, and group-period
 * means ybar[k*T + t]. Errors: CORE_ERR_USAGE for bad sizes or starts; CORE_ERR_ANALYSIS when the treatment
 * does not vary after the fixed effects (every group never or always treated).
 */
core_status st_bacon(size_t K, size_t T, const double *size, const int *first, const double *ybar, st_bacon_result *r,
                     core_err *err);
void st_bacon_result_free(st_bacon_result *r);

#endif
