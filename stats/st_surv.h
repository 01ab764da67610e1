/**
 * @file st_surv.h
 * @brief Time-to-event statistics: Kaplan–Meier estimate with Greenwood variance (median with its
 *        confidence interval, survival at given times), the log-rank test for k groups, and Cox
 *        proportional-hazards regression with Efron or Breslow handling of ties.
 *
 * Knows nothing of trials: observations are (time, event) pairs, a group code, and a design
 * matrix. Every function returns CORE_OK or an error status with err filled; quantities that are
 * not defined (a median not reached, survival beyond the last follow-up, an infinite coefficient)
 * are NaN and `undefined` holds a static reason.
 *
 * Conventions follow R's survival package (Therneau), so that results agree with survfit,
 * survdiff and coxph at its default settings: log-transformed pointwise intervals for S(t)
 * (conf.type = "log", upper bound capped at 1), the median as the first time with S(t) <= 1/2
 * (the midpoint to the next drop when S is exactly 1/2 on a flat), and its interval from the
 * first times the pointwise bands reach 1/2.
 *
 * References: Kaplan & Meier (1958) JASA 53:457; Greenwood (1926); Brookmeyer & Crowley (1982)
 * Biometrics 38:29 (median CI); Mantel (1966), Peto & Peto (1972) (log-rank); Cox (1972) JRSS B
 * 34:187; Efron (1977) JASA 72:557; Breslow (1974) Biometrics 30:89; Therneau & Grambsch (2000)
 * Modeling Survival Data, Springer, ch. 3.
 */
#ifndef IPSEVAL_ST_SURV_H
#define IPSEVAL_ST_SURV_H

#include <stddef.h>

#include "core/core_error.h"
#include "stats/st_prop.h"

/** The Kaplan–Meier estimate of one group, at each distinct observed time. */
typedef struct st_km {
    size_t k;          /**< distinct times (events or censorings) */
    double *time;      /**< the distinct times, ascending */
    long *n_risk;      /**< number at risk just before time[j] */
    long *n_event;     /**< events at time[j] */
    long *n_censor;    /**< censorings at time[j] */
    double *surv;      /**< S(t) for time[j] <= t < time[j+1] */
    double *gw;        /**< Greenwood sum of d/(n(n-d)) up to time[j]: Var(log S) (Inf once S = 0) */
    long n, events;    /**< observations and events */
} st_km;

/**
 * Fit the Kaplan–Meier estimate to n observations (time >= 0, finite; event 1 = event, 0 = censored).
 * Fills *km (free with st_km_free). CORE_ERR_USAGE for a negative or non-finite time, an event code
 * other than 0/1, or n == 0.
 */
core_status st_km_fit(const double *time, const int *event, size_t n, st_km *km, core_err *err);

/** Free what st_km_fit allocated; NULL or a zeroed struct is a no-op. */
void st_km_free(st_km *km);

/** The estimate at one time t. */
typedef struct st_km_point {
    double time;       /**< t */
    double surv, se;   /**< S(t) and its Greenwood SE on the probability scale */
    double ci_low, ci_high; /**< log-transformed interval, upper capped at 1 */
    long n_risk;       /**< number at risk at t (time >= t) */
    const char *undefined; /**< NULL, or why surv/se/ci are NaN */
} st_km_point;

/**
 * S(t) with Greenwood SE and log interval at confidence conf, as summary(survfit, times = t).
 * Before the first time S = 1 with SE 0. Beyond the largest observed time the estimate is
 * undefined (NaN with a reason), as R leaves such times out.
 */
core_status st_km_at(const st_km *km, double t, double conf, st_km_point *out, core_err *err);

/**
 * Median survival time with the Brookmeyer–Crowley-type interval of survfit: estimate = first time
 * with S <= 0.5; ci_low / ci_high = first times the lower / upper log band is <= 0.5 (NaN when not
 * reached, with `undefined` saying which). se, statistic, p_value and df are NaN.
 */
core_status st_km_median(const st_km *km, double conf, st_estimate *out, core_err *err);

/** Log-rank test of equal hazards across groups. Arrays have n_groups entries (owned by the struct). */
typedef struct st_logrank {
    size_t n_groups;
    double *observed;  /**< events per group */
    double *expected;  /**< expected events per group under equal hazards */
    long *n;           /**< observations per group */
    double statistic;  /**< chi-square (O-E)' V^- (O-E) */
    double df;         /**< n_groups - 1 */
    double p_value;
    const char *undefined;
} st_logrank;

/**
 * Log-rank test (survdiff, rho = 0) over groups 0..n_groups-1 given in group[] for each observation.
 * Every group needs at least one observation (else CORE_ERR_ANALYSIS). With no events at all the
 * statistic is undefined. Free with st_logrank_free.
 */
core_status st_logrank_test(const double *time, const int *event, const int *group, size_t n, size_t n_groups,
                            st_logrank *out, core_err *err);
void st_logrank_free(st_logrank *lr);

/** Handling of tied event times in the partial likelihood. */
typedef enum st_ties { ST_TIES_EFRON = 0, ST_TIES_BRESLOW = 1 } st_ties;

/** Options of st_cox_fit; zero fields mean defaults. */
typedef struct st_cox_opts {
    st_ties ties;   /**< default Efron, as coxph */
    double tol;     /**< convergence: relative change of the log partial likelihood (default 1e-12) */
    int max_iter;   /**< Newton–Raphson iterations (default 100) */
} st_cox_opts;

/** A fitted Cox model. Arrays have p entries (vcov p*p, row-major); owned by the struct. */
typedef struct st_cox {
    size_t p;
    double *beta, *se, *vcov;  /**< coefficients (log hazard ratios), model-based SEs, inverse information */
    double loglik0, loglik;    /**< log partial likelihood at beta = 0 and at the estimate */
    double lr, wald, score;    /**< likelihood-ratio, Wald and score (at beta = 0) chi-squares on p df */
    long n, events;
    int iterations;
    const char *undefined;     /**< NULL, or why the fit is not usable (e.g. an infinite coefficient) */
} st_cox;

/**
 * Cox proportional-hazards regression by Newton–Raphson with step halving, from beta = 0.
 * X is n x p, row-major (no intercept column). Covariates are centred internally (the estimates
 * do not change). Monotone likelihood (a coefficient running to infinity) and a singular
 * information matrix are reported in `undefined`; failure to converge within max_iter is
 * CORE_ERR_ANALYSIS naming what was tried. Free with st_cox_free.
 */
core_status st_cox_fit(const double *time, const int *event, const double *X, size_t n, size_t p,
                       const st_cox_opts *opts, st_cox *out, core_err *err);
void st_cox_free(st_cox *c);

/** The Schoenfeld-residual test of proportional hazards (Grambsch & Therneau 1994) as R's cox.zph (survival >= 3):
 *  per term and global. Arrays have n_terms + 1 entries, the last the global test; owned by the struct. */
typedef struct st_cox_zph {
    size_t n_terms;
    double *chisq, *df, *p_value;
    const char *undefined;   /**< NULL, or why some test is NaN */
} st_cox_zph;

/**
 * At the Cox estimate beta (from st_cox_fit on the same data and ties), the score test of gamma = 0 in the model
 * with covariates x and x g(t), g(t) = 1 - S(t-) centred at its mean over the events, S the Kaplan-Meier estimate of
 * all observations (cox.zph's default transform = "km"); term tt groups the columns j with assign[j] == tt (its
 * df = their number; e.g. the dummies of one categorical covariate); the global test uses every column.
 * chisq = u' I^-1 u over (beta, the term's gamma), u = (0, score of gamma). Free with st_cox_zph_free.
 */
core_status st_cox_zph_test(const double *time, const int *event, const double *X, size_t n, size_t p,
                            const double *beta, st_ties ties, const size_t *assign, size_t n_terms, st_cox_zph *out,
                            core_err *err);
void st_cox_zph_free(st_cox_zph *z);

/**
 * Restricted mean survival time to tau: the area under the Kaplan-Meier curve on [0, tau] (Royston & Parmar 2013,
 * BMC Med Res Methodol 13:152), with the Greenwood-type variance of survRM2 (Uno et al. 2014): sum over event times
 * t_j <= tau of A_j^2 d_j / (n_j (n_j - d_j)), A_j the area from t_j to tau. out: estimate, se, normal interval at
 * conf. CORE_ERR_USAGE when tau is not > 0 or beyond the last observed time.
 */
core_status st_km_rmst(const st_km *km, double tau, double conf, st_estimate *out, core_err *err);

#endif
