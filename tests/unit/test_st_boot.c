/* stats/st_boot: the column means of a within-stratum resample (st_boot_strata_means). Each replicate is checked against the same resampling done by
 * hand from a generator with the same seed; its moments against the closed forms of the bootstrap distribution of a
 * mean (E = the sample mean, Var = plug-in variance / n, Efron & Tibshirani 1993 §5.2); and the refusals. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>

#include "../t_check.h"
#include "stats/st_boot.h"

int main(void)
{
    gsl_set_error_handler_off();
    /* 7 units, 2 strata (0: units 1, 3, 5; 1: units 0, 2, 4, 6), 2 columns, one value missing */
    int strat[7] = {1, 0, 1, 0, 1, 0, 1};
    double y[14] = {1, 0, /**/ 0, 1, /**/ 1, 1, /**/ 1, NAN, /**/ 0, 0, /**/ 0, 1, /**/ 1, 1};
    st_boot_strata b;
    core_err err;
    t_int(st_boot_strata_new(strat, 7, 2, &b, &err), CORE_OK, "init");
    size_t idx[7], idx40[40], idx3[3];
    t_int((long)(b.first[1] - b.first[0]), 3, "stratum 0 holds 3 units");
    t_int((long)(b.first[2] - b.first[1]), 4, "stratum 1 holds 4 units");
    t_int((long)b.members[b.first[1]], 0, "stratum 1 lists its units in input order");
    gsl_rng *r1 = gsl_rng_alloc(gsl_rng_mt19937), *r2 = gsl_rng_alloc(gsl_rng_mt19937);
    int same = 1, draws_ok = 1;
    for (int rep = 0; rep < 50; rep++) {
        double m[4];
        st_boot_strata_means(&b, y, 2, r1, idx, m);
        /* by hand: stratum 0 then 1, n_s draws each, mean over the observed */
        static const int units[2][4] = {{1, 3, 5, -1}, {0, 2, 4, 6}};
        static const int ns[2] = {3, 4};
        for (int s = 0; s < 2; s++) {
            double sum[2] = {0, 0};
            int cnt[2] = {0, 0};
            for (int j = 0; j < ns[s]; j++) {
                int i = units[s][gsl_rng_uniform_int(r2, (unsigned long)ns[s])];
                for (int k = 0; k < 2; k++)
                    if (!isnan(y[2 * i + k])) {
                        sum[k] += y[2 * i + k];
                        cnt[k]++;
                    }
            }
            for (int k = 0; k < 2; k++) {
                double e = cnt[k] ? sum[k] / cnt[k] : NAN;
                if (!(e == m[2 * s + k] || (isnan(e) && isnan(m[2 * s + k]))))
                    same = 0;
            }
        }
        draws_ok &= gsl_rng_get(r1) == gsl_rng_get(r2); /* both generators drew the same number of integers */
    }
    t_true(same, "50 replicates equal the resampling done by hand with the same seed");
    t_true(draws_ok, "each replicate draws exactly sum n_s integers");

    /* moments: one stratum of 40 values x_i = i^2 mod 17; bootstrap mean of the mean = x bar, variance = s2 / n with
     * s2 the plug-in variance (divisor n) */
    int s40[40] = {0};
    double x[40], xb = 0, s2 = 0;
    for (int i = 0; i < 40; i++) {
        x[i] = (double)((i * i) % 17);
        xb += x[i] / 40;
    }
    for (int i = 0; i < 40; i++)
        s2 += (x[i] - xb) * (x[i] - xb) / 40;
    st_boot_strata c;
    t_int(st_boot_strata_new(s40, 40, 1, &c, &err), CORE_OK, "init one stratum");
    long R = 200000;
    double sum = 0, ss = 0;
    gsl_rng_set(r1, 42);
    for (long rep = 0; rep < R; rep++) {
        double m;
        st_boot_strata_means(&c, x, 1, r1, idx40, &m);
        sum += m;
        ss += m * m;
    }
    double mean = sum / R, var = ss / R - mean * mean, v0 = s2 / 40;
    t_abs(mean, xb, 4 * sqrt(v0 / R), "bootstrap mean of the mean = sample mean %.6g (4 MC SE)", xb);
    /* the MC SE of a variance estimate is about v0 sqrt(2 / R) for a near-normal statistic */
    t_abs(var, v0, 4 * v0 * sqrt(2.0 / R), "bootstrap variance of the mean = plug-in variance / n = %.6g (4 MC SE)", v0);
    st_boot_strata_free(&c);

    /* a column nobody in the stratum observes: NaN, not 0 */
    double yn[3] = {NAN, NAN, NAN};
    int s3[3] = {0, 0, 0};
    t_int(st_boot_strata_new(s3, 3, 1, &c, &err), CORE_OK, "init three units");
    double m1;
    st_boot_strata_means(&c, yn, 1, r1, idx3, &m1);
    t_true(isnan(m1), "a column with no observed value gives NaN");
    st_boot_strata_free(&c);

    /* refusals */
    int empty[3] = {0, 0, 2};
    t_int(st_boot_strata_new(empty, 3, 3, &c, &err), CORE_ERR_ANALYSIS, "a stratum without units is refused");
    t_contains(err.msg, "stratum 1", "the message names the empty stratum");
    int out[2] = {0, 5};
    t_int(st_boot_strata_new(out, 2, 2, &c, &err), CORE_ERR_ANALYSIS, "a stratum outside the range is refused");
    st_boot_strata_free(&b);
    gsl_rng_free(r1);
    gsl_rng_free(r2);
    return t_summary("test_st_boot");
}
