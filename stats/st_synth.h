/**
 * @file st_synth.h
 * @brief Synthetic control weights (Abadie & Gardeazabal 2003, Am Econ Rev 93:113; Abadie, Diamond &
 *        Hainmueller 2010, J Am Stat Assoc 105:493): the convex combination of donor series closest to
 *        the treated series over the pre-treatment periods.
 *
 * Solves min_w ||a - B w||^2 subject to w >= 0, sum w = 1 (a: T0 pre-period values of the treated unit;
 * B: T0 x J donors), the outcome-path variant with equal weight on every pre-period (V = identity).
 * Algorithm: accelerated projected gradient (FISTA; Beck & Teboulle 2009, SIAM J Imaging Sci 2:183)
 * with the exact Euclidean projection onto the simplex (Duchi et al. 2008, ICML), step 1/L with L the
 * largest eigenvalue of 2 B'B (power iteration). Stops when no weight moves by more than tol.
 * When the treated series lies inside the donors' convex hull the weights need not be unique
 * (Abadie 2021, J Econ Lit 59:391); the fitted path is.
 */
#ifndef IPSEVAL_ST_SYNTH_H
#define IPSEVAL_ST_SYNTH_H

#include <stddef.h>

#include "core/core_error.h"

typedef struct st_synth_opts {
    double tol;   /**< largest weight change at convergence (default 1e-12) */
    int max_iter; /**< iterations allowed (default 200000) */
} st_synth_opts;

/**
 * Weights w (J, caller's array) for target a (T0) and donors B (column-major: donor j at B + j*T0).
 * *rmspe = sqrt(mean squared pre-period gap); *iterations may be NULL. CORE_ERR_USAGE for J = 0 or
 * T0 = 0; CORE_ERR_ANALYSIS when max_iter is reached (the message says how far from converged).
 */
core_status st_synth_weights(const double *a, const double *B, size_t T0, size_t J, const st_synth_opts *o, double *w,
                             double *rmspe, int *iterations, core_err *err);

/** Euclidean projection of v (n) onto the probability simplex, in place (exposed for tests). */
void st_simplex_project(double *v, size_t n);

#endif
