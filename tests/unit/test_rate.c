/* Unit tests of stats/st_rate: exact proportion and rate inference, goodness of fit.
 *
 * Expected numbers: R 4.2.2, printed with options(digits = 17):
 *   binom.test(249, 539, 0.5); binom.test(3, 20, 0.462); binom.test(0, 12, 0.3)
 *   poisson.test(17, 85.3, 0.12); poisson.test(0, 10.5, 0.12); poisson.test(c(17, 40), c(85.3, 300.2))
 *   chisq.test(c(30, 50, 20), p = c(0.2, 0.5, 0.3))
 * and closed forms (x = 0 and x = n limits; the Poisson interval of x = 0: -log(alpha/2) / t). */
#include "stats/st_rate.h"

#include <gsl/gsl_errno.h>

#include "tests/t_check.h"

#define TOL_R 1e-9 /* R's exact quantiles and tail sums, printed to 17 digits */

static void binom_cases(void)
{
    core_err err;
    st_estimate e;
    t_true(st_binom_test(249, 539, 0.5, 0.95, &e, &err) == CORE_OK, "binom.test 249/539 runs");
    t_rel(e.estimate, 249.0 / 539.0, TOL_EXACT, "binom 249/539 estimate");
    t_rel(e.p_value, 0.084807751771501017, TOL_R, "binom 249/539 p");
    t_rel(e.ci_low, 0.419259059764758191, TOL_R, "binom 249/539 lower");
    t_rel(e.ci_high, 0.505093280958282431, TOL_R, "binom 249/539 upper");
    t_true(st_binom_test(3, 20, 0.462, 0.95, &e, &err) == CORE_OK, "binom.test 3/20 runs");
    t_rel(e.p_value, 0.0057899360543445704, TOL_R, "binom 3/20 vs 0.462 p");
    t_rel(e.ci_low, 0.0320709371854637285, TOL_R, "binom 3/20 lower");
    t_rel(e.ci_high, 0.3789268265453139550, TOL_R, "binom 3/20 upper");
    t_true(st_binom_test(0, 12, 0.3, 0.95, &e, &err) == CORE_OK, "binom.test 0/12 runs");
    t_rel(e.p_value, 0.023330658330999988, TOL_R, "binom 0/12 vs 0.3 p");
    t_abs(e.ci_low, 0, 0, "binom 0/12 lower is 0");
    /* closed form at x = 0: upper = 1 - (alpha/2)^(1/n) */
    t_rel(e.ci_high, 1 - pow(0.025, 1.0 / 12), TOL_EXACT, "binom 0/12 upper, closed form");
    t_rel(e.ci_high, 0.264648469397051112, TOL_R, "binom 0/12 upper, R");
    double lo, hi;
    t_true(st_clopper_pearson(12, 12, 0.9, &lo, &hi, &err) == CORE_OK, "Clopper-Pearson 12/12 runs");
    t_rel(lo, pow(0.05, 1.0 / 12), TOL_EXACT, "Clopper-Pearson 12/12 lower, closed form");
    t_abs(hi, 1, 0, "Clopper-Pearson 12/12 upper is 1");
    t_true(st_clopper_pearson(13, 12, 0.95, &lo, &hi, &err) == CORE_ERR_USAGE, "x > n refused");
    t_true(st_binom_test(3, 12, 1, 0.95, &e, &err) == CORE_ERR_USAGE, "p0 = 1 refused");
}

static void poisson_cases(void)
{
    core_err err;
    st_estimate e;
    t_true(st_poisson_rate(17, 85.3, 0.12, 0.95, &e, &err) == CORE_OK, "poisson.test 17/85.3 runs");
    t_rel(e.estimate, 17 / 85.3, TOL_EXACT, "rate 17/85.3");
    t_rel(e.p_value, 0.041224929407642066, TOL_R, "poisson 17/85.3 vs 0.12 p");
    t_rel(e.ci_low, 0.116097613946158140, TOL_R, "poisson 17/85.3 lower");
    t_rel(e.ci_high, 0.319093163140757474, TOL_R, "poisson 17/85.3 upper");
    t_true(st_poisson_rate(0, 10.5, 0.12, 0.95, &e, &err) == CORE_OK, "poisson.test 0/10.5 runs");
    t_rel(e.p_value, 0.64259592661028941, TOL_R, "poisson 0/10.5 p");
    t_abs(e.ci_low, 0, 0, "poisson 0 events: lower 0");
    t_rel(e.ci_high, -log(0.025) / 10.5, TOL_EXACT, "poisson 0 events: upper, closed form");
    t_rel(e.ci_high, 0.35132185277275574, TOL_R, "poisson 0 events: upper, R");
    t_true(st_poisson_rate(5, 10, 0, 0.95, &e, &err) == CORE_OK && isnan(e.p_value), "no null rate: p is NaN");
    t_true(st_poisson_rate(5, 0, 0.1, 0.95, &e, &err) == CORE_ERR_USAGE, "exposure 0 refused");
    t_true(st_poisson_ratio(17, 85.3, 40, 300.2, 0.95, &e, &err) == CORE_OK, "two-sample poisson.test runs");
    t_rel(e.estimate, 1.49572098475967175, TOL_R, "rate ratio");
    t_rel(e.p_value, 0.19989145848005779, TOL_R, "rate ratio p");
    t_rel(e.ci_low, 0.79510087001221030, TOL_R, "rate ratio lower");
    t_rel(e.ci_high, 2.69886805903677773, TOL_R, "rate ratio upper");
    t_rel(e.se, sqrt(1.0 / 17 + 1.0 / 40), TOL_EXACT, "rate ratio SE of the log");
    t_true(st_poisson_ratio(0, 3, 0, 4, 0.95, &e, &err) == CORE_ERR_ANALYSIS, "no events in either group refused");
}

static void goodness_of_fit(void)
{
    core_err err;
    st_estimate e;
    long cnt[3] = {30, 50, 20};
    double p[3] = {0.2, 0.5, 0.3}, me;
    t_true(st_chisq_gof(cnt, p, 3, &e, &me, &err) == CORE_OK, "chisq.test with p runs");
    t_rel(e.statistic, 8.333333333333333925, TOL_EXACT, "goodness-of-fit X2");
    t_rel(e.p_value, 0.015503853599009314, TOL_R, "goodness-of-fit p");
    t_rel(e.df, 2, TOL_EXACT, "goodness-of-fit df");
    t_rel(me, 20, TOL_EXACT, "smallest expected count");
    double p2[3] = {2, 5, 3}; /* rescaled as rescale.p = TRUE */
    t_true(st_chisq_gof(cnt, p2, 3, &e, NULL, &err) == CORE_OK, "unnormalised shares accepted");
    t_rel(e.statistic, 8.333333333333333925, TOL_EXACT, "shares are rescaled");
    double zero[3] = {0.5, 0.5, 0};
    t_true(st_chisq_gof(cnt, zero, 3, &e, NULL, &err) == CORE_ERR_USAGE, "a zero share refused");
}

int main(void)
{
    gsl_set_error_handler_off();
    binom_cases();
    poisson_cases();
    goodness_of_fit();
    return t_summary("rate");
}
