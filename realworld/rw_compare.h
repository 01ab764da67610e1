/**
 * @file rw_compare.h
 * @brief Trial versus real world on one scale ([compare]; ../shared/DOMAIN-models.md §5): the trial's
 *        intention-to-treat effect in workdays per person-year, the registry effect per member of the
 *        target population and per IPS user (Bloom), the efficacy–effectiveness ratio, the pooled effect
 *        of published RCTs translated to the trial's control rate, published routine-practice employment
 *        rates, and work-years gained for an exposed population, each with an interval.
 *
 * Conversions (f = workdays_per_year x position_share, workdays of one employed person-year):
 *   trial ITT         = RD x f                      (interval: the RD's Newcombe interval x f)
 *   registry/member   = the DiD estimate             (interval: the chosen inference's)
 *   take-up           = ips_users / target_population
 *   registry/user     = registry/member / take-up    (Bloom 1984; an upper bound with spill-overs)
 *   pooled RCT        = p0 (RR - 1) x f              (p0 = trial control rate, taken as known)
 *   EER               = registry/user / trial ITT    (delta method on the ratio; Fieller interval beside it)
 *   work-years        = effect/member x exposed_population / workdays_per_year
 * With scale = employment every figure is divided by f (percentage points of employment).
 * Every interval is a linear transform of its source interval, except the ratios (delta method:
 * independent estimates, se from each source; Fieller 1954 for the exact normal-theory interval).
 *
 * The effects come from the trial module's product (rct_effects: the primary binary outcome's risk
 * difference at the last timepoint, Newcombe interval, Wald SE), from the run's results (module did: analysis twfe for the treatment term;
 * module meta: the primary pooled RR) or are typed in ([compare] trial_effect, registry_effect,
 * pooled_rr with their _se / _ci). A typed-in effect is used only when the run has no section that
 * estimates it. Nothing here prints; rows are SPEC §4 (module "compare").
 */
#ifndef IPSEVAL_RW_COMPARE_H
#define IPSEVAL_RW_COMPARE_H

#include <stddef.h>

#include "core/core_config.h"
#include "core/core_error.h"
#include "core/core_results.h"
#include "core/core_table.h"

struct rct_effects;
struct rct_run;

/** One source effect: estimate, SE and interval on its own scale, and where it came from. */
typedef struct rw_cmp_effect {
    int has;           /**< 1 when available */
    double est, se, lo, hi;
    double p;          /**< p-value of the source row (NaN when none) */
    double level;      /**< the level the interval attains (the requested confidence unless the source states a
                            lower one, as a Conley-Taber interval from few controls does) */
    char method[32];   /**< interval method of the source, e.g. "newcombe", "cr2", "typed" */
    char source[600];  /**< for labels: "trial, employment at 18 months", "typed in ([compare])", ... */
} rw_cmp_effect;

/** A published employment rate of IPS users in routine practice (a reference line). */
typedef struct rw_cmp_rate {
    char name[96];
    double rate;       /**< proportion */
    char source[160];  /**< citation, or "as given in [compare] reference_rates" */
} rw_cmp_rate;

#define RW_CMP_MAX_RATES 8
#define RW_CMP_MAX_TP 16
#define RW_CMP_MAX_COV 32

/**
 * The trial transported to a target population (pure arrays; rw_compare_transport fills it from the trial).
 * Each arm (1 intervention, 0 control) is weighted at each timepoint t on its participants with the outcome observed
 * at t and every covariate observed: entropy weights (stats/st_entropy.h) whose weighted covariate means equal the
 * target m. Transported effect at t: rd_t = mu1_t - mu0_t, SE from the two arms' sandwich influences (independent
 * arms, weights' estimation included, m taken as known). With path weights a_t (the trial's trapezoids): the path
 * mean sum a_t rd_t, its SE sqrt(sum_i (sum_t a_t s_i psi_it)^2) (s_i = +1 intervention, -1 control: every
 * timepoint's estimating equations stacked, participants independent), and the part of the trial's own (unweighted,
 * complete-case) path mean explained by who the participants are, trial - transported, with the SE of that
 * difference from the same stacked influences ((y_it - p_at)/n_at for the unweighted proportion).
 */
typedef struct rw_transport {
    size_t n, k, n_tp;
    double *w;                            /**< n x n_tp (column t at w + t n): weight within its arm at t, 0 outside */
    double mu[2][RW_CMP_MAX_TP], se_arm[2][RW_CMP_MAX_TP]; /**< weighted outcome mean per arm, its sandwich SE */
    double raw[2][RW_CMP_MAX_TP];        /**< unweighted complete-case proportion per arm (all observed outcomes) */
    double ess[2][RW_CMP_MAX_TP];        /**< (sum w)^2 / sum w^2 */
    long n_fit[2][RW_CMP_MAX_TP];        /**< participants weighted (outcome and covariates observed) */
    long n_raw[2][RW_CMP_MAX_TP];        /**< participants with the outcome observed */
    double gap[2][RW_CMP_MAX_TP];        /**< max_j |sum w x_j - m_j| after the fit */
    double xbar[2][RW_CMP_MAX_COV];      /**< unweighted covariate means per arm (the last timepoint's fit set) */
    double wbar[2][RW_CMP_MAX_COV];      /**< weighted covariate means per arm (the same set, its weights) */
    double rd[RW_CMP_MAX_TP], se[RW_CMP_MAX_TP];
    double path, path_se;                /**< sum a_t rd_t and its stacked sandwich SE */
    double raw_path, explained, explained_se; /**< sum a_t (raw1 - raw0), raw_path - path and its SE */
} rw_transport;

/**
 * x: n x k column-major covariates, NaN when missing (the participant is then left out of the weighting, not of the
 * unweighted proportions); arm[i]: 1, 0, or -1 (another arm: left out); y: n x n_tp
 * column-major 1/0 outcomes, NaN when missing; m: the k target values; a: n_tp path weights (NULL: the last
 * timepoint alone). names (k) name covariates in messages; where (k, may be NULL) says where each target was given
 * ("target.csv:3"); arm_names[2] = {control, intervention}. A target outside an arm's range at a timepoint (every
 * weighting needs it strictly inside) is CORE_ERR_DATA naming the covariate, the arm and the timepoint.
 */
core_status rw_transport_fit(const double *x, size_t n, size_t k, const double *m, const int *arm, const double *y,
                             size_t n_tp, const double *a, const char *const *names, const char *const *where,
                             const char *const *tp_names, const char *const *arm_names, rw_transport *out,
                             core_err *err);
void rw_transport_free(rw_transport *t);

/** Mean weekdays (Monday-Friday) in a Gregorian calendar year, 146097 x 5/7 / 400: the default
 *  workdays_per_year, the days the spells module counts (260 to 262 in a given year). */
#define RW_CMP_WEEKDAYS_PER_YEAR 260.8875

/** Everything the comparison needs. NaN = not given. */
typedef struct rw_compare_in {
    double workdays_per_year; /**< workdays in a full-time employed year (> 0) */
    double position_share;    /**< mean share of full time in the jobs gained, (0, 1] */
    double ips_users, exposed_population; /**< take-up = ips_users / exposed_population (same people, post-period) */
    int scale_employment;     /**< 1: report on the employment-probability scale instead of workdays */
    double conf;              /**< confidence level of the derived intervals */
    rw_cmp_effect trial;      /**< employment effect (proportion) averaged over the trial's window: the integral of
                                   the effect path e(t) over [0, last month] / last month (trial_path below) */
    size_t n_tp;              /**< timepoints of the path (0: the typed-in effect is taken as the window mean) */
    double tp_month[RW_CMP_MAX_TP], tp_rd[RW_CMP_MAX_TP], tp_se[RW_CMP_MAX_TP], tp_lo[RW_CMP_MAX_TP],
        tp_hi[RW_CMP_MAX_TP];
    char registry_typed_note[320]; /**< a typed-in registry effect the run's own estimate replaced, said */
    double trial_control_rate, trial_ips_rate; /**< proportions at the same timepoint */
    rw_cmp_effect registry;   /**< workdays per person-year per member of the target population */
    rw_cmp_effect pooled;     /**< pooled risk ratio (se of the log RR) */
    rw_cmp_rate rates[RW_CMP_MAX_RATES];
    size_t n_rates;
    char registry_prefer[32]; /**< [compare] registry_interval: "" = automatic, else a method name */
    char registry_choice[240];/**< why this registry interval (for the label) */
    double registry_controls; /**< control clusters behind a Conley-Taber interval's attained level (NaN: none) */
    char registry_cluster[64];/**< the registry's cluster column ([registry] cluster), for the words */
    int workdays_default;     /**< 1: workdays_per_year was not given (RW_CMP_WEEKDAYS_PER_YEAR) */
    /* transport ([compare] target = FILE): the target population's covariates, and the trial transported to it */
    size_t n_cov;
    char cov_name[RW_CMP_MAX_COV][128];   /**< as written: age, sex[male] */
    char cov_source[RW_CMP_MAX_COV][256]; /**< the file's source column */
    double cov_target[RW_CMP_MAX_COV];
    long cov_col[RW_CMP_MAX_COV];         /**< trial table column */
    char cov_level[RW_CMP_MAX_COV][96];   /**< the level of a share ("" for a mean) */
    char cov_where[RW_CMP_MAX_COV][320];  /**< "target.csv:3" */
    char target_file[256];
    int has_transport;                    /**< 1: `transport` holds the trial transported */
    rw_transport transport;
    char tp_label[RW_CMP_MAX_TP][32];     /**< timepoint labels of the transported effects */
    long n_cov_missing;                   /**< trial participants left out of the weighting for a missing covariate */
    char arm_label[2][96];                /**< control, intervention */
    char trial_outcome[96];               /**< the trial outcome transported */
} rw_compare_in;

/**
 * Read [compare]: workdays_per_year (default 230), position_share (default 1), ips_users and
 * target_population (both or neither; take-up must be in (0, 1]), exposed_population, scale
 * (workdays | employment), trial_effect (+ trial_effect_se, trial_control_rate), registry_effect
 * (+ registry_effect_se), pooled_rr (+ pooled_rr_ci = low, high), reference_rates ("name: rate" list;
 * default the UK 46.2% and Italy 40.7% of ../shared/DOMAIN.md §6), registry_interval (auto, wild, cr2,
 * cr1, cr1_areg, classical, conley_taber). Effects are marked typed in.
 * Errors name file:line and the key.
 */
core_status rw_compare_from_config(const core_config *cfg, double conf, rw_compare_in *in, core_err *err);

/**
 * The trial effect from the trial module's typed effects (rct/rct_effects.h: the primary binary outcome):
 * the risk difference with Newcombe's interval at the last numeric timepoint, its Wald SE and p-value, and the
 * arm proportions at the same timepoint. CORE_ERR_ANALYSIS when the effect is not estimable.
 */
core_status rw_compare_trial_from_effects(const struct rct_effects *fx, rw_compare_in *in, core_err *err);

/**
 * The registry effect from did rows: analysis twfe, term `term` (the treatment column), the first
 * outcome seen (or `outcome` when not NULL). Interval by preference: `prefer` when not NULL ("wild",
 * "cr2", "cr1", "cr1_areg", "classical", "conley_taber"); else wild, cr2, cr1, cr1_areg, classical,
 * except that when the twfe rows are labelled unreliable (one treated cluster) a Conley–Taber
 * interval (randomization_inference, conley_taber) is taken when the run has one. The SE is the row's,
 * or (hi - lo)/(2z) when the row has none (wild, Conley–Taber). in->registry_choice says what was
 * chosen and why.
 */
core_status rw_compare_registry_from_rows(const core_results *res, const char *term, const char *outcome,
                                          const char *prefer, rw_compare_in *in, core_err *err);

/**
 * The pooled risk ratio from meta rows: the pooled row of the primary method (the method of the
 * leave_one_out rows, else the first pooled row). CORE_ERR_CONFIG when the meta-analysis is not of
 * risk ratios.
 */
core_status rw_compare_pooled_from_rows(const core_results *res, rw_compare_in *in, core_err *err);

/**
 * Read the target population ([compare] target = FILE: columns covariate, value, source; one row per covariate:
 * `age,38.5,...` the mean of a numeric trial column, `sex[male],0.55,...` the share of a level) and check it against
 * the trial `run` (the column exists; a mean strictly inside each arm's range; a share in (0, 1) of a level both arms
 * have; no covariate twice; not every level of one column). CORE_ERR_DATA naming the file, line and column.
 */
core_status rw_compare_target_load(const core_table *target, const struct rct_run *run, rw_compare_in *in,
                                   core_err *err);

/**
 * The trial transported to the target (rw_compare_target_load first): binary outcome `outcome` of `run` at each
 * numeric timepoint (rw_transport_fit), path weights as the trial effect's path (rw_compare_trial_from_effects
 * first). Sets in->has_transport.
 */
core_status rw_compare_transport(const struct rct_run *run, size_t outcome, rw_compare_in *in, core_err *err);
void rw_compare_in_free(void *in);

/**
 * Compute every figure and append rows (module "compare"): the inputs first, as `assumption` rows
 * (term = the [compare] key: workdays_per_year, position_share, ips_users, target_population, take_up,
 * exposed_population, z) and `source_effect` rows (terms trial_effect (a risk difference),
 * trial_control_rate, registry_effect, pooled_rr, with their intervals), so that the workbook can
 * rebuild every figure with live formulas; then effect_on_common_scale (terms trial_itt,
 * registry_per_member, registry_per_user, pooled_rct), efficacy_effectiveness_ratio (terms
 * registry_per_user_vs_trial, registry_per_user_vs_pooled_rct; methods delta and fieller), work_years
 * (terms registry, trial, pooled_rct; method scaled), reference_rate (the trial's arms and the
 * published rates). Rows whose inputs are missing are left out; a trial effect of 0 gives an
 * undefined ratio, said in the label.
 * @return CORE_ERR_CONFIG when neither a trial nor a registry effect is available.
 */
core_status rw_compare_run(const rw_compare_in *in, core_results *res, core_err *err);

#endif
