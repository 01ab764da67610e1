/**
 * @file cba.h
 * @brief Cost-benefit analysis of an employment programme (IPS) against its comparator, per
 *        participant: effect over time, benefit streams by perspective, break-even wage, NPV, ROI,
 *        cost per job, ICER/INMB, probabilistic sensitivity analysis (PSA) with CEAC and EVPI,
 *        one-way sensitivity (tornado) and an optional Markov cohort model.
 *
 * The model and every formula are the contract of ../shared/DOMAIN-models.md §3 (also
 * docs/methods.md (cost-benefit)). In short, with e(t) the employment effect t months after randomisation
 * (piecewise linear through (0,0) and the effects at the effect months, then the persistence
 * rule), the yearly effect e_y = mean of e(t) over months 12(y-1)..12y, d_y = (1+r)^-y:
 *   NPV_gov  = -dC + sum_y d_y (T_y + B_y - Hc_y)
 *   NPV_part =       sum_y d_y (G_y - tax_y - B_y)
 *   NPV_soc  = -dC + sum_y d_y (P_y - Hc_y + Q_y) + mcpf * NPV_gov
 *   W*       = dC / sum_y d_y e_y                       (break-even wage)
 *
 * Conventions: every amount is per participant in the config's currency and price year;
 * programme costs fall at t = 0 undiscounted; yearly flows at the end of year y. Zero is a real
 * value everywhere (a 0% discount rate, a zero cost): what was given is recorded in explicit
 * `has` flags, never inferred from a zero. Every random step draws from the one gsl_rng passed in.
 *
 * References: Drummond et al. (2015) Methods for the Economic Evaluation of Health Care
 * Programmes, 4th ed.; Briggs, Claxton & Sculpher (2006) Decision Modelling for Health Economic
 * Evaluation (distributions by method of moments, CEAC, EVPI, Dirichlet for transitions);
 * Fenwick, Claxton & Sculpher (2001) Health Econ 10:779 (acceptability frontier); Norwegian
 * Ministry of Finance circular R-109/21 and DFØ's guide (4% real rate, 20% marginal cost of
 * public funds); HM Treasury Green Book (3.5%); Husereau et al. (2022) CHEERS 2022, BMJ 376:e067975.
 */
#ifndef IPSEVAL_CBA_H
#define IPSEVAL_CBA_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

#include "core/core_config.h"
#include "core/core_error.h"
#include "core/core_progress.h"
#include "core/core_results.h"
#include "core/core_table.h"

/** The keys of [cba] and [markov] (cba/cba_keys.c): name, type, default, range, help. */
extern const core_cfg_key cba_keys[];
extern const core_cfg_key cba_markov_keys[];
extern const core_cfg_key cba_index_keys[]; /**< [index]: price index series bridging price years */

#define CBA_MAX_EFFECTS 32      /**< effect months */
#define CBA_MAX_RULES 8         /**< persistence scenarios */
#define CBA_MAX_HORIZON 60      /**< years */
#define CBA_MAX_TAX 16          /**< brackets of a tax schedule */
#define CBA_MAX_DRAWS 1000000L  /**< PSA draws */
#define CBA_MIN_DRAWS 100       /**< fewer PSA draws are refused: percentiles and P(NPV > 0) need a sample */
#define CBA_MAX_WTP 10001       /**< points of the WTP grid */
#define CBA_MAX_STATES 12       /**< Markov states */

/* ------------------------------------------------------------------ parameters */

/** The scalar parameters of [cba]; each may carry a distribution (`X.dist`). Order = draw order. */
typedef enum cba_param {
    CBA_COST_IPS = 0,
    CBA_COST_CONTROL,
    CBA_WAGE,
    CBA_EMPLOYER_CONTRIBUTIONS,
    CBA_TAX_RATE,
    CBA_BENEFIT,
    CBA_BENEFIT_REDUCTION,
    CBA_HEALTH_COST_CHANGE,
    CBA_QALY_GAIN,
    CBA_VALUE_PER_QALY,
    CBA_VALUE_PER_JOB_YEAR,
    CBA_DISCOUNT_RATE,
    CBA_MCPF,
    CBA_BENEFIT_TAX_RATE,              /**< tax the benefit itself bears; the budget saves B (1 - rate) */
    CBA_REAL_GROWTH,                   /**< real growth of wages and of the value of health, k_y = (1+g)^(y-1) */
    CBA_DISPLACEMENT,                  /**< share of the extra jobs that only displace other workers */
    CBA_QALY_PER_EMPLOYED_YEAR,        /**< QALYs per extra employed person-year (follows e_y) */
    CBA_HEALTH_COST_PER_EMPLOYED_YEAR, /**< public health-care cost change per extra employed person-year */
    CBA_N_PARAMS
} cba_param;

/** Config key of each parameter (also the Excel name of its input cell). */
extern const char *const cba_param_key[CBA_N_PARAMS];

/** Distribution families of `X.dist` (Briggs et al. 2006 ch. 4: method of moments from mean and SE). */
typedef enum cba_dist_kind {
    CBA_DIST_NONE = 0,   /**< no distribution given: the parameter is fixed at its value */
    CBA_DIST_FIXED,      /**< `fixed` (or `fixed(v)`): stated as certain */
    CBA_DIST_NORMAL,     /**< p = mean, se */
    CBA_DIST_LOGNORMAL,  /**< p = mean, se (of the variable, not of its log); mean > 0 */
    CBA_DIST_GAMMA,      /**< p = mean, se; shape (mean/se)^2 >= 1 */
    CBA_DIST_BETA,       /**< p = mean, se; 0 < mean < 1, se^2 < mean (1 - mean) */
    CBA_DIST_UNIFORM,    /**< p = min, max */
    CBA_DIST_TRIANGULAR, /**< p = min, mode, max */
    CBA_DIST_COUNT
} cba_dist_kind;

typedef struct cba_dist {
    cba_dist_kind kind;
    double p[3];
} cba_dist;

/** Family names as written in configs ("normal", ...; "" for NONE). */
extern const char *const cba_dist_name[CBA_DIST_COUNT];

/**
 * Parse "gamma(mean=95000, se=9500)", "gamma(95000, 9500)", "uniform(min=1, max=2)",
 * "triangular(1, 2, 4)", "fixed" or "fixed(3)". On failure returns CORE_ERR_CONFIG with a
 * message (no place: the caller prefixes the key) saying what would be valid.
 */
core_status cba_dist_parse(const char *text, cba_dist *out, core_err *err);

/**
 * Check a parsed distribution: its own parameters (beta mean in (0,1) and se^2 < mean(1-mean);
 * gamma se <= mean; lognormal mean > 0; ordered bounds), and that its support fits the
 * parameter's valid range [lo, hi] (a normal must keep lo and hi 8 SE away). Message without place.
 */
core_status cba_dist_check(const cba_dist *d, double lo, double hi, core_err *err);

/** Mean of the distribution (NONE/FIXED: NaN, the caller keeps the value). */
double cba_dist_mean(const cba_dist *d);

/** One draw from rng (NONE/FIXED return `value` and draw nothing). */
double cba_dist_draw(const cba_dist *d, double value, gsl_rng *rng);

/** Quantile at probability q in (0,1) (NONE/FIXED return `value`). */
double cba_dist_quantile(const cba_dist *d, double value, double q);

/* ------------------------------------------------------------------ the model's inputs */

typedef enum cba_persist_kind { CBA_CONSTANT = 0, CBA_LINEAR, CBA_HALFLIFE, CBA_PATH } cba_persist_kind;

/** A persistence rule beyond the last effect month: constant, linear:F (to 0 over F years), halflife:H, or
 *  path:e_a,e_b,... (the yearly effects of years a, a+1, ... given explicitly, a = cba_path_first_year()). */
typedef struct cba_persistence {
    cba_persist_kind kind;
    double years;                   /**< F or H (> 0); unused for constant and path */
    size_t n_path;                  /**< path: number of yearly effects given */
    double path[CBA_MAX_HORIZON];   /**< path: e_a, e_{a+1}, ... */
} cba_persistence;

/** "constant", "linear:3", "halflife:2.5", "path:0.09,0.08" (the results' `method`) into buf; returns buf. */
const char *cba_persistence_name(const cba_persistence *p, char *buf, size_t size);

/** Parse a rule (a path's effects separated by commas); CORE_ERR_CONFIG (message without place) when invalid. */
core_status cba_persistence_parse(const char *text, cba_persistence *out, core_err *err);

/** The first year a path: rule gives: the year after the one holding the last effect month T, ceil(T/12) + 1
 *  (3 for T = 18: years 1 and 2 are the means of e(t) held at the last effect from T to 24). */
int cba_path_first_year(double last_month);

enum { CBA_SOCIETAL = 0, CBA_GOVERNMENT, CBA_PARTICIPANT, CBA_N_PERSPECTIVES };
extern const char *const cba_perspective_name[CBA_N_PERSPECTIVES];

/** Optional Markov cohort model ([markov]); every array has n_states entries (matrices n x n, row-major). */
typedef struct cba_markov_spec {
    size_t n_states;
    char *states[CBA_MAX_STATES];
    double start[CBA_MAX_STATES];
    int cycles;                                   /**< yearly cycles (>= 1) */
    double p[2][CBA_MAX_STATES * CBA_MAX_STATES]; /**< [0] control, [1] IPS; rows sum to 1 */
    double earnings[CBA_MAX_STATES];              /**< gross earnings per person-year in the state */
    double benefits[CBA_MAX_STATES];              /**< public benefits paid per person-year */
    double health_costs[CBA_MAX_STATES];          /**< public health-care costs per person-year */
    double fte[CBA_MAX_STATES];                   /**< full-time equivalents per person-year */
    double dirichlet_n;  /**< PSA: each row ~ Dirichlet(dirichlet_n * row); 0 = transitions fixed */
    int half_cycle;      /**< 1 (default): cycle c is valued at the mean of its start and end occupancy */
    int from_file[2];    /**< 1: `transitions.<arm>` names a CSV file, to be read with cba_markov_set_matrix() */
} cba_markov_spec;

/**
 * Everything the model needs. Fill with cba_spec_init() (defaults) then set fields, or read it
 * with cba_spec_from_config(). Free with cba_spec_free() (the WTP grid and the Markov spec).
 */
typedef struct cba_spec {
    double value[CBA_N_PARAMS];    /**< deterministic values */
    int has[CBA_N_PARAMS];         /**< 1 when given (a value of 0 is real) */
    cba_dist dist[CBA_N_PARAMS];   /**< NONE unless `X.dist` is given */

    size_t n_effects;
    double effect_months[CBA_MAX_EFFECTS]; /**< strictly increasing, > 0 */
    double effect[CBA_MAX_EFFECTS];        /**< employment risk differences (IPS - comparator) */
    double effect_se[CBA_MAX_EFFECTS];     /**< standard errors for the PSA (NaN: unknown) */
    int effect_uncertain;                  /**< 1: the PSA draws the effects from a multivariate normal with SEs
                                                effect_se and correlation effect_corr */
    int has_corr;                          /**< 1: effect_corr holds the effects' correlation matrix */
    size_t n_corr_given;                   /**< numbers given in effect.corr (1: one correlation for every pair) */
    double corr_given[CBA_MAX_EFFECTS * CBA_MAX_EFFECTS];
    double effect_corr[CBA_MAX_EFFECTS * CBA_MAX_EFFECTS]; /**< correlation matrix of the effects, row-major */
    int effect_from_trial;                 /**< 1: effects came from the run's trial results */
    /** effect.dist = bootstrap (effects from the trial): the PSA resamples participants with replacement within
     *  each arm and recomputes the risk differences at every effect month jointly (keeping their correlation). */
    int effect_bootstrap;
    size_t boot_n;                         /**< participants */
    const int *boot_arm;                   /**< [boot_n]: 1 intervention, 0 comparator (borrowed) */
    const double *boot_y;                  /**< [boot_n x n_effects]: outcome 1/0 at each effect month, NaN missing
                                                (borrowed: the caller keeps it alive while the spec is used) */

    cba_persistence rules[CBA_MAX_RULES];  /**< rules[0] is the base case (base_case, moved first): it drives the
                                                headline, the PSA and the tornado; every rule gets break-even wages,
                                                NPVs and ROI */
    size_t n_rules;
    size_t base_listed;                    /**< position (0-based) of the base case in the config's list */
    int horizon;                           /**< years, 1..CBA_MAX_HORIZON */

    size_t n_tax;                          /**< 0: flat tax_rate; else a schedule replaces it */
    double tax_threshold[CBA_MAX_TAX];     /**< increasing, first 0 */
    double tax_marginal[CBA_MAX_TAX];      /**< marginal rate above each threshold */

    int has_population;                    /**< 1: a scale-up is given (treated, or population x take_up) */
    double population;                     /**< scale-up factor: the number of people treated */
    int scale_from_take_up;                /**< 1: population_eligible x take_up; 0: treated */
    double population_eligible, take_up;   /**< when scale_from_take_up */
    /* implied effect path of a published break-even table (implied_from = H:W, ...) */
    size_t n_implied;
    int implied_h[CBA_MAX_HORIZON];        /**< consecutive horizons, increasing */
    double implied_w[CBA_MAX_HORIZON];     /**< published break-even wages */
    /* unpriced impacts (DFØ plus-minus table), scores -4..+4 */
    size_t n_unpriced;
    char unpriced_name[16][64];
    int unpriced_score[16];
    /* price years: what each money input was given in and the index factor that brought it to price_year */
    long param_price_year[CBA_N_PARAMS];   /**< 0: given at the analysis's price year */
    double param_index_factor[CBA_N_PARAMS]; /**< 1 when not converted */
    char param_index_series[CBA_N_PARAMS][32];
    int perspectives[CBA_N_PERSPECTIVES];  /**< 1 = reported */
    long psa_draws;                        /**< 0 = deterministic only */
    double *wtp;                           /**< WTP grid (owned), n_wtp >= 1 */
    size_t n_wtp;
    double confidence;                     /**< interval level, e.g. 0.95 */
    double root_tol;                       /**< Brent: absolute tolerance on the wage */
    int root_max_iter;                     /**< Brent: iteration limit */
    int allow_negative_cost;
    long price_year;                       /**< [project] price_year, 0 when not given */
    char intervention[64], comparator[64]; /**< arm names for labels and charts */
    cba_markov_spec *markov;               /**< NULL when no [markov] (owned) */
} cba_spec;

/** Defaults: no parameter given, horizon 5, one constant rule, effect months 6/12/18 with zero effect,
 *  all perspectives, confidence 0.95, root_tol 1e-6, root_max_iter 200, names "IPS"/"control". */
void cba_spec_init(cba_spec *s);

/** Free what the spec owns (wtp, markov); the struct itself is the caller's. NULL is a no-op. */
void cba_spec_free(cba_spec *s);

/**
 * Read [cba] (and [markov]) into s. Effects: `effect = trial` leaves effect_from_trial = 1 with
 * n_effects = 0 for the caller to fill (cba_spec_set_trial_effects); else `effect` is a list of numbers
 * at `effect_months` with optional `effect_se` (and `effect.dist = normal | fixed`). Every error names
 * file:line: key and what would be valid. confidence and price_year are the run's [project] keys (price_year 0:
 * none given), read once by the caller. Free with cba_spec_free() on success; on failure nothing is left to free.
 */
core_status cba_spec_from_config(const core_config *cfg, double confidence, long price_year, cba_spec *s,
                                 core_err *err);

/**
 * Fill the effects from the trial's risk differences at numeric timepoints months[k] (the estimate and its
 * standard error), and validate them (increasing months, finite effects).
 */
core_status cba_spec_set_effects(cba_spec *s, size_t n, const double *months, const double *effect,
                                 const double *se, core_err *err);

/**
 * Fill arm a's (0 control, 1 IPS) transition matrix from a table: one column per state, headed by the state names
 * in the order of `states`, one row per state in that order; every cell a probability, rows summing to 1. Errors
 * name the file, row and column.
 */
core_status cba_markov_set_matrix(cba_spec *s, int a, const core_table *t, core_err *err);

/** Validate a filled spec (ranges, effects, horizon, grid, distributions). Messages name the key. */
core_status cba_spec_check(const cba_spec *s, core_err *err);

/* ------------------------------------------------------------------ deterministic model */

/**
 * Yearly effects e_y (y = 1..h, out[y-1]) under a rule: the mean of e(t) over each year, computed by exact
 * integration of the piecewise-linear curve and of the exponential tail.
 */
void cba_yearly_effects(const double *months, const double *effect, size_t n, const cba_persistence *rule,
                        int h, double *out);

/** Effect-years within the trial window (months 0..last effect month), by year: out[y-1] for y = 1..ceil(T/12);
 *  returns the number of years written. */
int cba_window_effects(const double *months, const double *effect, size_t n, double *out);

/** Tax on a gross wage: tax_rate * w, or the schedule's sum of marginal rates over brackets. */
double cba_tax(const cba_spec *s, double tax_rate, double w);

/** Valid range [lo, hi] of parameter p (an open lower bound is returned as the next double up). */
void cba_param_range(const cba_spec *s, int p, double *lo, double *hi);

/** The yearly flows of DOMAIN-models.md §3 for a year with effect e_y and growth factor k_y, in this order
 *  (w = wage k_y; a flat tax gives tax(w) = tax_rate w). */
enum {
    CBA_F_EARNINGS = 0,  /**< G = e w */
    CBA_F_PRODUCTION,    /**< P = G (1 + employer_contributions) (1 - displacement) */
    CBA_F_TAXES,         /**< T = e (tax(w) + employer_contributions w) (1 - displacement) */
    CBA_F_BENEFITS,      /**< B = e benefit benefit_reduction (gross) */
    CBA_F_HEALTH,        /**< Hc = e health_cost_per_employed_year + health_cost_change */
    CBA_F_QALYS,         /**< e qaly_per_employed_year + qaly_gain */
    CBA_F_QALY_VALUE,    /**< Q = QALYs value_per_qaly k */
    CBA_F_NET_EARNINGS,  /**< e (w - tax(w)) */
    CBA_F_BENEFITS_NET,  /**< B (1 - benefit_tax_rate): what the budget saves and the participant loses */
    CBA_N_FLOWS
};
void cba_year_flows(const cba_spec *s, const double *v, double e_y, double k_y, double out[CBA_N_FLOWS]);

/** The figures of one parameter set. Break-even values are NaN when undefined (see `why`). */
typedef struct cba_figures {
    double dc;                                 /**< incremental programme cost */
    double gains[CBA_N_PERSPECTIVES], costs[CBA_N_PERSPECTIVES];
    double npv[CBA_N_PERSPECTIVES], roi[CBA_N_PERSPECTIVES]; /**< roi NaN when costs <= 0 */
    double pv_effect;                          /**< sum d_y e_y over the horizon (discounted job-years) */
    double npv_rule[CBA_MAX_RULES][CBA_N_PERSPECTIVES], roi_rule[CBA_MAX_RULES][CBA_N_PERSPECTIVES];
    double bew_soc_rule[CBA_MAX_RULES];        /**< societal break-even wage per rule */
    /** Present values over the horizon of the yearly flows (cba_year_flows), for reports that show them. */
    double pv_flow[CBA_N_FLOWS]; /* computed for the deterministic evaluation (all_rules) only */
    double dc_health;                          /**< dC + sum d_y Hc_y (cost side of the ICER) */
    double dq;                                 /**< sum d_y (e_y qaly_per_employed_year + qaly_gain) */
    double bew_soc;                            /**< wage at which NPV_soc = 0 */
    int bew_soc_iter;                          /**< Brent iterations (0: closed form) */
    double cost_per_job;                       /**< dC / last effect */
    double icer_qaly, icer_job, inmb_qaly, inmb_job;
    double bew[CBA_MAX_RULES][CBA_MAX_HORIZON + 1]; /**< [rule][0] trial window, [rule][h] horizon h */
} cba_figures;

/** Workspace for evaluating a parameter set (yearly effects per rule). */
typedef struct cba_eval_ws {
    double e[CBA_MAX_RULES][CBA_MAX_HORIZON];
    double w[CBA_MAX_HORIZON];
    int nw;
} cba_eval_ws;

/**
 * Evaluate the model at parameter values v (CBA_N_PARAMS) and effects eff (s->n_effects). Break-even tables for
 * every rule when all_rules, else rule 0 only. CORE_ERR_ANALYSIS when the Brent solve of the societal break-even
 * wage fails to converge.
 */
core_status cba_evaluate(const cba_spec *s, const double *v, const double *eff, int all_rules, cba_eval_ws *ws,
                         cba_figures *out, core_err *err);

/* ------------------------------------------------------------------ results */

/** PSA summary of one figure: mean, SD and percentile interval (R quantile type 7) over the defined draws;
 *  an undefined break-even wage counts as +Inf (no finite wage pays for the programme). */
typedef struct cba_summary {
    double mean, sd, lo, hi;
    long n_defined, n_inf;
} cba_summary;

/** Figures whose PSA is summarised, in this order (slots); then the break-even tables of rule 0. */
enum {
    CBA_S_DC = 0,
    CBA_S_NPV,                           /* + perspective */
    CBA_S_ROI = CBA_S_NPV + CBA_N_PERSPECTIVES,
    CBA_S_BEW_SOC = CBA_S_ROI + CBA_N_PERSPECTIVES,
    CBA_S_COST_PER_JOB,
    CBA_S_ICER_QALY,
    CBA_S_ICER_JOB,
    CBA_S_INMB_QALY,
    CBA_S_INMB_JOB,
    CBA_S_BEW0,                          /* + h: rule 0, 0 = trial window, 1..H */
};

/** One bar of a tornado: a parameter at its low and high points and the figure there. */
typedef struct cba_tornado_bar {
    const char *key;         /**< parameter key (static) or "effect" */
    double lo, hi;           /**< parameter values (for "effect": the shift in SE units, -z and +z) */
    double at_lo, at_hi;     /**< the figure at each */
} cba_tornado_bar;

enum { CBA_T_NPV = 0, CBA_T_INMB_QALY = CBA_N_PERSPECTIVES, CBA_T_INMB_JOB, CBA_N_TORNADO };
extern const char *const cba_tornado_name[CBA_N_TORNADO]; /* "npv:societal", ..., "inmb:per_qaly", ... */

/** Markov cohort figures, per person (incremental IPS - comparator). */
typedef struct cba_markov_figures {
    double npv[CBA_N_PERSPECTIVES], roi[CBA_N_PERSPECTIVES];
    double fte_gained;          /**< undiscounted FTE work-years per person over the cycles */
    double treated_per_fte;     /**< people treated per extra FTE work-year */
    double payback[CBA_N_PERSPECTIVES]; /**< first cycle with cumulative NPV >= 0 (NaN: none) */
} cba_markov_figures;

typedef struct cba_markov_result {
    cba_markov_figures det;
    double trace[2][CBA_MAX_HORIZON + 1][CBA_MAX_STATES]; /**< [arm][cycle][state]; cycle 0 = start */
    cba_summary s_npv[CBA_N_PERSPECTIVES], s_roi[CBA_N_PERSPECTIVES], s_fte;
    double prob_positive[CBA_N_PERSPECTIVES];
    long draws;
} cba_markov_result;

/** The whole analysis. Free with cba_result_free(). */
typedef struct cba_result {
    cba_figures det;                         /**< deterministic figures */
    cba_eval_ws det_ws;                      /**< the deterministic yearly effects per rule and the window */
    double soc_root_tol;                     /**< tolerance used by Brent (for the report) */
    /* PSA (psa_draws > 0) */
    long draws;
    size_t n_slots;                          /**< CBA_S_BEW0 + horizon + 1 */
    cba_summary *summary;                    /**< [n_slots] */
    double prob_positive[CBA_N_PERSPECTIVES];/**< P(NPV > 0) */
    double *ce_dc, *ce_dq, *ce_dj;           /**< [draws] CE-plane points: dC_health, dQALY, djob-years */
    double *ceac_qaly, *ceac_job;            /**< [n_wtp] P(INMB(wtp) > 0) */
    double *front_qaly, *front_job;          /**< [n_wtp] acceptability frontier: P(optimal option is best) */
    int *front_ips_qaly, *front_ips_job;     /**< [n_wtp] 1 when IPS has the higher expected net benefit */
    double *evpi_qaly, *evpi_job;            /**< [n_wtp] per person */
    double evpi_npv[CBA_N_PERSPECTIVES];     /**< per person, adopt-or-not on NPV > 0 */
    int qaly_uncertain;                      /**< 0: dQALY is identically 0, per-QALY figures are not reported */
    /* one-way sensitivity */
    size_t n_bars;
    cba_tornado_bar *bars[CBA_N_TORNADO];    /**< [n_bars] each, sorted by swing, largest first */
    /* Markov */
    cba_markov_result *markov;               /**< NULL without [markov] */
    /* the implied effect path of implied_from (deterministic) */
    double implied_s[CBA_MAX_HORIZON];       /**< S_H = dC / W_H */
    double implied_e[CBA_MAX_HORIZON];       /**< e_H = (S_H - S_{H-1}) / (d_H k_H); NaN for the first horizon */
} cba_result;

/**
 * The yearly effects a published break-even table assumes (DOMAIN-models.md §3): S_H = dc / W_H, e_H = (S_H -
 * S_{H-1}) / (d_H k_H), k_H = (1 + growth)^(H-1); e of the first horizon is NaN (only the cumulative S). CORE_ERR_CONFIG
 * naming the horizon when the cumulative effect decreases (a wage that rises with the horizon) or a W is not > 0.
 */
core_status cba_implied_path(size_t n, const int *h, const double *w, double dc, double rate, double growth,
                             double *s_out, double *e_out, core_err *err);

/**
 * Run everything the spec asks for: deterministic figures, PSA (s->psa_draws from rng, in a fixed order:
 * per draw the parameters in cba_param order, then the effects, then the Markov rows), CEAC, EVPI,
 * tornado and the Markov model. *out is new (free with cba_result_free). progress may be NULL.
 */
core_status cba_run(const cba_spec *s, gsl_rng *rng, const core_progress *progress, cba_result **out,
                    core_err *err);

void cba_result_free(cba_result *r);

/** Append the tidy rows of SPEC §4 (module cba) to res. */
core_status cba_rows_add(const cba_spec *s, const cba_result *r, core_results *res, core_err *err);

/**
 * The Markov cohort model at one parameter set (transition matrices p[2] given explicitly so the PSA can pass
 * drawn ones). trace may be NULL.
 */
void cba_markov_evaluate(const cba_spec *s, const double *v, const double *p_ctrl, const double *p_ips,
                         double (*trace)[CBA_MAX_HORIZON + 1][CBA_MAX_STATES], cba_markov_figures *out);

/** What a report needs of a CBA run (the spec and the result, both borrowed). */
typedef struct cba_run_info {
    const cba_spec *spec;
    const cba_result *res;
} cba_run_info;

#endif
