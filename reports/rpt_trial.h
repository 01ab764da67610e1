/**
 * @file rpt_trial.h
 * @brief Private to the trial's sheets (reports/rpt_sheet_{trial,baseline,attrition,outcomes,subgroups}.c):
 *        the arms of the trial as the result rows give them, comparison terms and display digits.
 */
#ifndef IPSEVAL_RPT_TRIAL_H
#define IPSEVAL_RPT_TRIAL_H

#include "reports/rpt_internal.h"

#define RPT_TRIAL_MAX_ARMS 16

/** The trial's arm levels: the interventions in the order the rows give them, then the control (last). */
typedef struct rpt_arms {
    const char *level[RPT_TRIAL_MAX_ARMS];
    size_t n;              /**< levels, control included (0: no arm found) */
} rpt_arms;

/**
 * The arms, read from the rct `attrition` randomised rows (interventions first, control last), else from the
 * `arm_summary` rows; the run's trial description names the control when it has one. Pointers into the rows.
 */
void rpt_trial_arms(const rpt_wctx *w, rpt_arms *a);

/** Number of intervention arms (comparisons with the control). */
size_t rpt_trial_n_comparisons(const rpt_arms *a);

/** The control level, or NULL. */
const char *rpt_trial_control(const rpt_arms *a);

/** The SPEC §4 term of intervention i's comparison: "arm" with two arms, "arm[LEVEL]" with more. Returns buf. */
const char *rpt_trial_term(const rpt_arms *a, size_t i, char *buf, size_t size);

/** Decimals to show a quantity of typical size |x|: 0 from 1000, 1 from 10, else 2 (NaN: 2). */
int rpt_trial_digits(double x);

/** The number of randomised participants of an arm level (attrition rows), NaN when unknown. */
double rpt_trial_randomised(const rpt_wctx *w, const char *level);

/** A model term for people: the arm comparison "arm" / "arm[LEVEL]" as "IPS vs TAU" (the arms' names, in the workbook's
 *  language); any other term with the data's columns named by their labels (rpt_label_text). Returns buf. */
const char *rpt_trial_term_words(const rpt_wctx *w, const char *term, char *buf, size_t size);

/** A level of a data column for people: the label of "VAR[LEVEL]" in the run's column labels ([trial] labels, e.g.
 *  "education[upper_secondary]: upper secondary") when it has one, else the level as the data has it. Returns buf. */
const char *rpt_trial_level_words(const rpt_wctx *w, const char *var, const char *level, char *buf, size_t size);

/** Add the sheet being written (w->sheet) with `title` and a line saying the results name fewer than two arms. */
core_status rpt_trial_no_arms(rpt_wctx *w, const char *title, core_err *err);

#endif
