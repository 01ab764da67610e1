/**
 * @file st_boot.h
 * @brief Stratified nonparametric bootstrap of units: each replicate resamples, with replacement, as many units
 *        from every stratum as it holds (the strata keep their sizes, as in a randomised design), and returns the
 *        mean of each column over the resampled units observed in it.
 *
 * Knows nothing of trials: a stratum is any group index 0..n_strata-1, a column any numeric measurement per unit
 * (NaN = not observed; means are over the observed, complete case per column). Resampling whole units keeps the
 * correlation between the columns of a unit (e.g. the same person measured at several times).
 * References: Efron B, Tibshirani RJ. An Introduction to the Bootstrap. Chapman & Hall, 1993, ch. 6-7 (the
 * nonparametric bootstrap; stratified resampling for several samples, §8.3); Davison AC, Hinkley DV. Bootstrap
 * Methods and their Application. Cambridge University Press, 1997, §3.2 (stratified resampling).
 */
#ifndef IPSEVAL_ST_BOOT_H
#define IPSEVAL_ST_BOOT_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

#include "core/core_error.h"

/** The units of every stratum (built once, used for every replicate). Free with st_boot_strata_free(). */
typedef struct st_boot_strata {
    size_t n_strata;
    size_t *start; /**< [n_strata + 1]: units of stratum s are unit[start[s] .. start[s+1]-1] */
    size_t *unit;  /**< [n] unit indices grouped by stratum, in input order within each */
} st_boot_strata;

/**
 * Group units 0..n-1 by stratum[i] in 0..n_strata-1. CORE_ERR_USAGE for a stratum outside the range,
 * CORE_ERR_ANALYSIS (naming the stratum) when a stratum has no unit, CORE_ERR_NOMEM.
 */
core_status st_boot_strata_init(st_boot_strata *b, const int *stratum, size_t n, size_t n_strata, core_err *err);

void st_boot_strata_free(st_boot_strata *b);

/**
 * One replicate: for each stratum s in order, draw n_s units with replacement (gsl_rng_uniform_int, n_s draws),
 * and write the mean of column k (y[i * k_cols + k], NaN skipped) over those drawn units to means[s * k_cols + k]
 * (NaN when none of them is observed in that column). Draws exactly sum_s n_s integers from rng.
 */
void st_boot_strata_means(const st_boot_strata *b, const double *y, size_t k_cols, gsl_rng *rng, double *means);

#endif
