/**
 * @file rct_run.h
 * @brief The trial as a run loads it, once: the spec ([trial], [outcome:*]), the long-layout keys, the
 *        reshaped table (layout = long) and the validated trial; and the trial module's product, what it
 *        hands over to the modules that read the trial (cba, fidelity, compare).
 *
 * Every module that needs the trial's data takes it from here: nothing reloads the trial file, so the
 * long layout is reshaped in one place and a long trial reads the same in every module.
 */
#ifndef IPSEVAL_RCT_RUN_H
#define IPSEVAL_RCT_RUN_H

#include "core/core_config.h"
#include "core/core_error.h"
#include "core/core_table.h"
#include "rct/rct.h"
#include "rct/rct_effects.h"

/** The loaded trial. `table` is what every analysis reads (one row per participant). */
typedef struct rct_run {
    rct_spec spec;            /**< after rct_long_reshape: outcome columns name the wide table's columns */
    rct_long_spec lspec;      /**< layout, time, arm_by_time, time-to-event keys */
    core_table *wide;         /**< layout = long: the reshaped table (owned); NULL in the wide layout */
    const core_table *table;  /**< the table analysed: the data as read (wide) or `wide` (borrowed) */
    rct_trial trial;          /**< validated: arms coded, outcome columns located */
    int have_spec, have_lspec, have_trial;
} rct_run;

/** Reads the trial's data table (e.g. registering it for Provenance); the table stays the caller's. */
typedef core_status (*rct_read_fn)(void *arg, core_table **table, core_err *err);

/**
 * The one loading sequence: rct_spec_from_config (confidence: the run's [project] confidence, read by the caller), rct_long_spec_read,
 * then read(arg) for the data, rct_long_reshape when layout = long, rct_trial_load. On failure r holds what was
 * loaded so far: free it with rct_run_free in every case (r is zeroed first).
 */
core_status rct_run_load(const core_config *cfg, double confidence, rct_read_fn read, void *arg, rct_run *r,
                         core_err *err);
void rct_run_free(rct_run *r);

/** Index of the primary outcome (the first with primary = yes), or -1. */
long rct_run_primary(const rct_run *r);

/**
 * What the trial module hands over (cli_ctx_require("rct")): the loaded trial, and — once analysed (not in
 * check-only mode) — the primary outcome's effects at each timepoint when it is binary.
 */
typedef struct rct_product {
    rct_run run;
    long primary;             /**< index of the primary outcome in run.spec.outcomes, -1 when none */
    int has_effects;          /**< 1: `effects` holds the primary binary outcome's effects */
    rct_effects effects;
} rct_product;

#endif
