/* realworld/rw_compare: the trial transported to a target population (rw_transport_fit), arm by arm.
 *  1. A trial whose arms have the same covariates, reweighted to its own covariate means: every weight is 1/n of its
 *     arm, the transported effect equals the trial's (unweighted) effect at every timepoint and over the path, the
 *     part explained by who the participants are is 0, and each arm's ESS is its n.
 *  2. Reweighted to a target inside the range (three timepoints, missing outcomes and a missing covariate): the
 *     weighted covariate means of each arm at each timepoint reproduce the target to 1e-8; each ESS is
 *     (sum w)^2 / sum w^2 of the weights returned; each transported effect is sum w y of one arm minus the other's;
 *     the path is sum a_t rd_t and, with one timepoint, its stacked SE is that timepoint's.
 *  3. A target outside an arm's range is refused (CORE_ERR_DATA) naming the covariate, the arm and the timepoint. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "realworld/rw_compare.h"
#include "tests/t_check.h"

enum { N = 400, K = 3, T = 3 };

int main(void)
{
    gsl_set_error_handler_off();
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 2024);
    static double x[N * K], y[N * T];
    static int arm[N];
    const char *names[K] = {"age", "sex[male]", "prior_work"}, *where[K] = {"t.csv:2", "t.csv:3", "t.csv:4"};
    const char *tpn[T] = {"month 6", "month 12", "month 18"}, *arms[2] = {"TAU", "IPS"};
    double a[T] = {6.0 / 18, 6.0 / 18, 3.0 / 18}; /* trapezoids of months 6, 12, 18 */
    core_err err;
    rw_transport tr;

    /* 1. arms with identical covariates (participant i of the control copies participant i of IPS) */
    for (int i = 0; i < N / 2; i++) {
        double age = 20 + 40 * gsl_rng_uniform(r), male = gsl_rng_uniform(r) < 0.5, pw = gsl_rng_uniform(r) < 0.6;
        for (int h = 0; h < 2; h++) {
            int q = i + h * (N / 2);
            arm[q] = h == 0;
            x[q] = age, x[N + q] = male, x[2 * N + q] = pw;
            for (int t = 0; t < T; t++)
                y[t * N + q] = gsl_rng_uniform(r) < 0.2 + 0.1 * h + 0.05 * t + 0.1 * pw;
        }
    }
    double own[K] = {0};
    for (int j = 0; j < K; j++) {
        for (int i = 0; i < N; i++)
            own[j] += x[j * N + i] / N;
    }
    t_int(rw_transport_fit(x, N, K, own, arm, y, T, a, names, where, tpn, arms, &tr, &err), CORE_OK,
          "own means: fitted");
    double dev = 0, draw = 0, raw_path = 0;
    for (int t = 0; t < T; t++) {
        for (int i = 0; i < N; i++)
            dev = fmax(dev, fabs(tr.w[t * N + i] - 2.0 / N));
        double p[2] = {0, 0};
        for (int i = 0; i < N; i++)
            p[arm[i]] += y[t * N + i] / (N / 2);
        draw = fmax(draw, fabs(tr.rd[t] - (p[1] - p[0])));
        raw_path += a[t] * (p[1] - p[0]);
        t_rel(tr.ess[1][t], N / 2, 1e-12, "own means: ESS of IPS at %s = n = %d", tpn[t], N / 2);
        t_rel(tr.ess[0][t], N / 2, 1e-12, "own means: ESS of TAU at %s = n", tpn[t]);
    }
    t_true(dev < 1e-14, "own means: every weight is 1/n of its arm (max deviation %.2g)", dev);
    t_true(draw < 1e-13, "own means: the transported effect equals the trial effect at each timepoint (max |diff| %.2g)",
           draw);
    t_rel(tr.path, raw_path, 1e-12, "own means: the transported path mean equals the trial's (%.6f)", raw_path);
    t_true(fabs(tr.explained) < 1e-13, "own means: nothing explained by who the participants are (%.2g)", tr.explained);
    rw_transport_free(&tr);

    /* 2. arms drawn separately, a target inside the range, missing outcomes and one missing covariate */
    for (int i = 0; i < N; i++) {
        arm[i] = i % 2;
        x[i] = 18 + 45 * gsl_rng_uniform(r);
        x[N + i] = gsl_rng_uniform(r) < 0.45 + 0.1 * arm[i];
        x[2 * N + i] = gsl_rng_uniform(r) < 0.6;
        for (int t = 0; t < T; t++)
            y[t * N + i] = gsl_rng_uniform(r) < 0.08 ? NAN
                                                     : (double)(gsl_rng_uniform(r) < 0.15 + 0.1 * arm[i] * (t + 1) / T +
                                                                                     0.003 * (x[i] - 40));
    }
    x[2 * N + 7] = NAN;
    arm[11] = -1; /* another arm */
    double m[K] = {41.2, 0.42, 0.40};
    t_int(rw_transport_fit(x, N, K, m, arm, y, T, a, names, where, tpn, arms, &tr, &err), CORE_OK,
          "target (41.2, 42%%, 40%%): fitted");
    if (!tr.w) {
        printf("%s\n", err.msg);
        return t_summary("test_transport");
    }
    double gap = 0, dess = 0, drd = 0, path = 0;
    for (int t = 0; t < T; t++) {
        double mu[2] = {0, 0};
        for (int g = 0; g < 2; g++) {
            double s = 0, s2 = 0, xm[K] = {0};
            for (int i = 0; i < N; i++) {
                if (arm[i] != g)
                    continue;
                double w = tr.w[t * N + i];
                s += w, s2 += w * w;
                mu[g] += w * (isnan(y[t * N + i]) ? 0 : y[t * N + i]);
                for (int j = 0; j < K; j++)
                    xm[j] += w * (w > 0 ? x[j * N + i] : 0);
            }
            for (int j = 0; j < K; j++)
                gap = fmax(gap, fabs(xm[j] - m[j]) / fabs(m[j]));
            dess = fmax(dess, fabs(tr.ess[g][t] - s * s / s2) / tr.ess[g][t]);
        }
        drd = fmax(drd, fabs(tr.rd[t] - (mu[1] - mu[0])));
        path += a[t] * tr.rd[t];
    }
    t_true(gap < 1e-8, "the weighted means reproduce the target at every arm and timepoint (max rel. gap %.2g)", gap);
    t_true(dess < 1e-12, "ESS = (sum w)^2 / sum w^2 (max rel. dev. %.2g; e.g. IPS at month 18: %.1f of %ld)", dess,
           tr.ess[1][2], tr.n_fit[1][2]);
    t_true(drd < 1e-14, "transported effect = sum w y (IPS) - sum w y (TAU) (max |diff| %.2g)", drd);
    t_rel(tr.path, path, 1e-14, "path mean = sum a_t rd_t");
    t_true(tr.w[7] == 0 && tr.w[11] == 0, "a participant with a missing covariate, and one of another arm, get no weight");
    t_true(tr.n_fit[1][2] < tr.n_raw[1][2] || tr.n_fit[0][2] < tr.n_raw[0][2], "... and the counts say so");
    t_true(tr.ess[1][2] < tr.n_fit[1][2], "reweighting costs effective sample size");
    rw_transport_free(&tr);
    /* one timepoint: the stacked SE is that timepoint's */
    t_int(rw_transport_fit(x, N, K, m, arm, y + 2 * N, 1, NULL, names, where, tpn + 2, arms, &tr, &err), CORE_OK,
          "one timepoint: fitted");
    t_rel(tr.path_se, tr.se[0], 1e-12, "one timepoint: the stacked sandwich SE is the timepoint's (%.5f)", tr.se[0]);
    rw_transport_free(&tr);

    /* 3. outside the range */
    double bad[K] = {70, 0.42, 0.40};
    t_int(rw_transport_fit(x, N, K, bad, arm, y, T, a, names, where, tpn, arms, &tr, &err), CORE_ERR_DATA,
          "a target age of 70 refused");
    t_contains(err.msg, "t.csv:2", "names where the target was given");
    t_contains(err.msg, "'age'", "names the covariate");
    t_contains(err.msg, "IPS arm", "names the arm");
    t_contains(err.msg, "month 6", "names the timepoint");
    t_true(tr.w == NULL, "nothing is left allocated");
    gsl_rng_free(r);
    return t_summary("test_transport");
}
