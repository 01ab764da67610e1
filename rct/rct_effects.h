/**
 * @file rct_effects.h
 * @brief Typed facts of the trial for other modules: the effect of the (first) intervention on a binary outcome
 *        at each timepoint, the participant-level arm x outcome matrix a bootstrap resamples, and the per-site
 *        counts the fidelity-outcome link needs. Computed from the loaded trial (rct_run.h), never from rows.
 *
 * Comparison: the first intervention arm (treatments[0], arm code 1) against the control (code 0); in a
 * multi-arm trial the other arms are left out. Complete cases per timepoint, as in the trial's own rows
 * (risk_difference wald and newcombe of rct_binary.c give the same numbers).
 */
#ifndef IPSEVAL_RCT_EFFECTS_H
#define IPSEVAL_RCT_EFFECTS_H

#include <stddef.h>

#include "core/core_error.h"

struct rct_run;

/** A binary outcome at one timepoint: counts, proportions and the risk difference. */
typedef struct rct_binary_effect {
    const char *timepoint;    /**< label (borrowed from the spec), NULL when the outcome has one unlabelled column */
    double month;             /**< the label as a number (months since randomisation), NaN when not numeric */
    long x1, n1, x0, n0;      /**< with the outcome / analysed: intervention (1) and control (0) */
    double p1, p0;            /**< x/n, NaN when n = 0 */
    int estimable;            /**< 0 when an arm has no analysed participant (`why` says so) */
    const char *why;          /**< when not estimable: the reason, as the trial's risk_difference row says it */
    double estimate;          /**< risk difference p1 - p0 */
    double se;                /**< unpooled Wald SE; (ci_high - ci_low) / (2 z) at `confidence` when it is not finite */
    double ci_low, ci_high;   /**< Newcombe (1998, method 10) interval at `confidence` */
    double p_value;           /**< Wald z test, NaN when undefined (both proportions 0 or 1) */
} rct_binary_effect;

/** The effects of one binary outcome at each of its timepoints, in column order. */
typedef struct rct_effects {
    size_t outcome;           /**< index in the spec's outcomes */
    const char *name;         /**< the outcome's NAME (borrowed) */
    const char *treatment, *control; /**< arm levels compared (borrowed) */
    double confidence;        /**< level of the intervals */
    size_t n_tp;
    rct_binary_effect *tp;
} rct_effects;

/** The effects of binary outcome k at every timepoint, intervals at `confidence`. CORE_ERR_CONFIG: k not binary. */
core_status rct_effects_binary(const struct rct_run *r, size_t k, double confidence, rct_effects *e, core_err *err);
void rct_effects_free(rct_effects *e);

/** Participants of the first intervention arm and the control, and a binary outcome at chosen timepoints. */
typedef struct rct_participants {
    size_t n, k;              /**< participants, timepoints */
    int *arm;                 /**< 1 intervention, 0 control */
    double *y;                /**< n x k row-major: 1, 0, or NaN when missing */
} rct_participants;

/** Outcome k at timepoints tp[0..n_tp) (column indices of the outcome) for every participant of arms 1 and 0. */
core_status rct_participants_binary(const struct rct_run *r, size_t k, const size_t *tp, size_t n_tp,
                                    rct_participants *m, core_err *err);
void rct_participants_free(rct_participants *m);

/** Per site: binary outcome counts by arm (first intervention vs control). */
typedef struct rct_site_count {
    char *site;               /**< the site's value as text (owned) */
    long x1, n1, x0, n0;
} rct_site_count;

/**
 * Binary outcome k at timepoint column j, counted per value of [trial] site (sites in order of first appearance;
 * rows with an empty site or a missing outcome left out). CORE_ERR_CONFIG when the trial has no site column.
 */
core_status rct_site_counts(const struct rct_run *r, size_t k, size_t j, rct_site_count **out, size_t *n_sites,
                            core_err *err);
void rct_site_counts_free(rct_site_count *c, size_t n_sites);

/** Timepoint column of outcome k labelled `label` ([trial] timepoints or the outcome's own), or -1. */
long rct_timepoint_find(const struct rct_run *r, size_t k, const char *label);

/** Outcome named `name` (case-insensitive), or -1. */
long rct_outcome_find(const struct rct_run *r, const char *name);

#endif
