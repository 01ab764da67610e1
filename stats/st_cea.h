/**
 * @file st_cea.h
 * @brief The incremental analysis of several mutually exclusive options: strict dominance, extended dominance
 *        and the ICERs along the efficiency frontier; net benefit over options (acceptability, the
 *        acceptability frontier, EVPI) from draws.
 *
 * Knows nothing of trials: each option has a cost and an effect (any scale; typically the mean or the
 * increment against a common reference). The frontier is the lower-right convex hull of the (effect, cost)
 * points: Drummond et al. (2015) Methods for the Economic Evaluation of Health Care Programmes, 4th ed., §4;
 * Cantor (1994) Med Decis Making 14:259 (extended dominance).
 *
 * Rules, in this order:
 *  1. strictly dominated: another option costs no more and yields no less, and is better in one of the two
 *     (a tie in cost goes to the more effective option; a tie in effect to the cheaper). Options identical in
 *     both cost and effect: the first in input order stands for them; the others are dominated by it.
 *  2. extendedly dominated: of the remaining options in order of cost, one whose ICER against the previous
 *     is larger than the next option's ICER against it; removed one at a time until the ICERs increase
 *     (equal ICERs keep the middle option: it lies on the frontier). "By which pair": the two frontier
 *     options whose effects bracket it; a mix of them gives at least its effect at a lower cost.
 *  3. ICERs along the frontier: each frontier option against the previous (less costly) one; the least
 *     costly frontier option (the frontier's start) has none.
 */
#ifndef IPSEVAL_ST_CEA_H
#define IPSEVAL_ST_CEA_H

#include <stddef.h>

#include "core/core_error.h"

typedef enum st_ce_status {
    ST_CE_START = 0,     /**< least costly option on the frontier */
    ST_CE_FRONTIER,      /**< on the frontier, with an ICER against the previous frontier option */
    ST_CE_DOMINATED,     /**< strictly dominated (or identical to an earlier option) */
    ST_CE_EXTENDED       /**< extendedly dominated */
} st_ce_status;

/** One option's place in the incremental analysis. */
typedef struct st_ce_option {
    st_ce_status status;
    long by, by2;     /**< dominated: a dominating option (the cheapest, then the most effective); extended: the
                           bracketing frontier pair (by the less effective, by2 the more); otherwise -1 */
    int identical;    /**< dominated only because identical to option `by` */
    long prev;        /**< frontier (not start): the previous frontier option; else -1 */
    double d_cost, d_effect, icer; /**< frontier (not start): against prev; else NaN */
    size_t cost_rank; /**< 0-based place in the order by cost (ties: more effective first, then input order) */
} st_ce_option;

/**
 * The incremental analysis of k options (k >= 1; cost and effect finite). out has k entries.
 * CORE_ERR_ANALYSIS for a non-finite value, CORE_ERR_NOMEM.
 */
core_status st_ce_frontier(const double *cost, const double *effect, size_t k, st_ce_option *out, core_err *err);

/** Short word of a status: "frontier_start", "frontier", "dominated", "extendedly_dominated". */
const char *st_ce_status_name(st_ce_status s);

/**
 * Net benefit over options from R draws of each option's cost and effect (cost[r * k + j], effect[r * k + j])
 * at willingness to pay lambda: NB = lambda * effect - cost. prob[j] = share of draws in which option j has
 * the highest NB (ties shared equally); *best = the option with the highest mean NB (the acceptability
 * frontier's option; ties to the lower index); *evpi = mean over draws of max_j NB - max_j mean NB (>= 0).
 * mean_nb (k entries, required) receives the mean NB per option.
 */
void st_ce_acceptability(const double *cost, const double *effect, size_t R, size_t k, double lambda, double *prob,
                         double *mean_nb, size_t *best, double *evpi);

#endif
